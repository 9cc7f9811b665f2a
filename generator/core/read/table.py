"""Tables as read from disk: header, raw cells with their physical lines, and typing by the Table Schema.

Rows keep the exact text of each cell so downloads stay faithful to the validated data; ``records()`` gives
Python values (Decimal for numbers, so 84.70 keeps its stated precision) for the model.
"""

from __future__ import annotations

import io
import itertools
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

from generator.core.problems import Problem, problem
from generator.core.read.files import as_utf8, decoded, open_lines, read_data_text, text_codec
from generator.core.read.formats import JSON_FORMATS, Unreadable, compression_of, format_of, read_decompressed
from generator.core.read.jsonrows import JsonProblem, json_rows, json_text
from generator.core.read.limits import CONTROL, MAX_CELL_CHARS, MAX_COLUMNS, MAX_DEPTH, control_params, first_control
from generator.core.read.package import LoadedPackage, resource_paths
from generator.core.read.records import Dialect, RecordError, iter_records_of
from generator.core.settings import Settings
from generator.core.text import en_of, printable, text_of

FIELDS_MATCH = ("exact", "equal", "subset", "superset", "partial")
TRUE_VALUES = {"true", "True", "TRUE", "1", "yes", "Yes"}
FALSE_VALUES = {"false", "False", "FALSE", "0", "no", "No"}


@dataclass(frozen=True)
class LabelledValue:
    """A value a column's cells may write, with what it means when the schema says: one of its categories or of
    its missing values (Data Package v2 writes either as a plain value or as ``{value: 10, label: "Open"}``).
    ``value`` is as the cells write it ("10" of the integer 10), ``label`` "" when none is given."""

    value: str
    label: str = ""


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: str = "string"
    title: str = ""
    title_en: str = ""
    description: str = ""
    description_en: str = ""
    # Each constraint as the descriptor writes it, its value as JSON text (``required: true``, ``enum: ["a", "b"]``):
    # Python's spelling (``True``, ``['a', 'b']``) read as neither the descriptor nor the published one.
    constraints: tuple[tuple[str, str], ...] = ()
    # The values the column's cells stand for (Data Package v2 ``categories``), in the schema's order, and whether
    # that order means something (``categoriesOrdered``). Codes, not amounts: 30 "Withdrawn" is not more than
    # 10 "Open", and even an ordered scale's steps are not equal amounts (catalogue/autochart.py draws neither).
    categories: tuple[LabelledValue, ...] = ()
    categories_ordered: bool = False
    # A boolean column's own words for true and false, when its schema gives them (Frictionless then reads only
    # those): read with ours only, "oui" and "non" were published as null.
    true_values: tuple[str, ...] = ()
    false_values: tuple[str, ...] = ()
    # A column's own missing values (Data Package v2), which replace the schema's for it; None: the schema's.
    missing_values: frozenset[str] | None = None
    # The same in the schema's order, with their labels: what the data dictionary shows
    missing_entries: tuple[LabelledValue, ...] = ()
    # How a number is written (Table Schema): "1.234,5" with groupChar "." and decimalChar ","; "95 %" or "€95"
    # with bareNumber false. Frictionless reads these as numbers; read as Python reads numbers, they were
    # published as their text.
    decimal_char: str = "."
    group_char: str = ""
    bare_number: bool = True
    # A date's pattern ("%d/%m/%Y"): Frictionless reads such a cell as a date, and so do we.
    format: str = "default"
    # A list's items: the text between them in a cell, and their type (Frictionless reads each item as a field of
    # that type alone, by its defaults). A native list ["a", "b"] was published as its JSON text, which read back
    # as other items.
    delimiter: str = ","
    item_type: str = "string"

    @classmethod
    def from_descriptor(cls, spec: dict) -> FieldSpec:
        constraints = spec.get("constraints") if isinstance(spec.get("constraints"), dict) else {}
        return cls(
            name=str(spec.get("name", "")),
            type=str(spec.get("type") or "any"),
            title=text_of(spec.get("title")),
            title_en=en_of(spec, "title"),
            description=text_of(spec.get("description")),
            description_en=en_of(spec, "description"),
            constraints=tuple(sorted((str(k), json_text(v)) for k, v in constraints.items())),
            categories=categories_of(spec.get("categories")),
            categories_ordered=spec.get("categoriesOrdered") is True,
            true_values=_words(spec.get("trueValues")),
            false_values=_words(spec.get("falseValues")),
            missing_values=missing_words(spec.get("missingValues")),
            missing_entries=missing_entries(spec.get("missingValues")) or (),
            decimal_char=_char(spec.get("decimalChar"), "."),
            group_char=_char(spec.get("groupChar"), ""),
            bare_number=spec.get("bareNumber") is not False,
            format=spec["format"] if isinstance(spec.get("format"), str) else "default",
            delimiter=spec["delimiter"] if isinstance(spec.get("delimiter"), str) and spec["delimiter"] else ",",
            item_type=spec["itemType"] if isinstance(spec.get("itemType"), str) else "string",
        )

    def named_type(self) -> str:
        """The type as a problem names it: with the keys that say how its cell is written when they are not the
        defaults, as the schema states them ("string, format: email", "date, format: %d/%m/%Y", "list, itemType:
        integer, delimiter: |"). A text cell no email address, or "3,x" of a list of integers, was "not of type
        string" or "list"; Frictionless says string/email and 'expected item type is "integer"'."""
        named = [self.type] + ([f"format: {self.format}"] if self.format not in ("", "default") else [])
        if self.type == "list":
            named += ([f"itemType: {self.item_type}"] if self.item_type != "string" else []) + \
                     ([f"delimiter: {self.delimiter}"] if self.delimiter != "," else [])
        return ", ".join(named)

    def item_field(self) -> FieldSpec:
        """The field a list's items are read as: of its item type, with that type's defaults (as Frictionless
        reads them: the list's own ``decimalChar`` or ``trueValues`` are not its items')."""
        return FieldSpec(self.name, self.item_type)

    def number_text(self, value: str) -> str | None:
        """``value`` as Python reads a number, or None where Frictionless finds none (a "." in a number whose
        decimal character is another): what Frictionless's number and integer fields do before they read it."""
        text = value.strip()
        if not self.bare_number:
            text = _NOT_BARE.sub("", text)
        if self.type != "number":
            return text
        text = text.replace(self.group_char, "") if self.group_char else text
        if self.decimal_char != "." and "." in text:
            return None
        return text.replace(self.decimal_char, ".")


# What a number that is not bare may have around it (Frictionless's own pattern): anything before its first
# digit or minus sign, anything after its last digit.
_NOT_BARE = re.compile(r"((^[^-\d]*)|(\D*$))")


def _char(value: object, default: str) -> str:
    return value if isinstance(value, str) else default


def _words(values: object) -> tuple[str, ...]:
    return tuple(str(v) for v in values if isinstance(v, str)) if isinstance(values, list) else ()


def missing_words(entries: object) -> frozenset[str] | None:
    """The texts a ``missingValues`` list means "no value" by (None: no list)."""
    found = missing_entries(entries)
    return None if found is None else frozenset(entry.value for entry in found)


def missing_entries(entries: object) -> tuple[LabelledValue, ...] | None:
    """A ``missingValues`` list's entries in its order, each once (None: no list). Data Package v2 also writes an
    entry as an object, ``{value: "-99", label: "refused"}``: read as its value, as Frictionless reads it (taken
    whole, "-99" was published as the text "-99" of an integer column, and the schema's such an entry as a word
    nobody writes), and its label kept for the data dictionary."""
    if not isinstance(entries, list):
        return None
    found = (LabelledValue(entry["value"], text_of(entry.get("label"))) if isinstance(entry, dict)
             else LabelledValue(str(entry)) for entry in entries
             if not isinstance(entry, dict) or isinstance(entry.get("value"), str))
    return tuple(_first_of_each(found))


def categories_of(entries: object) -> tuple[LabelledValue, ...]:
    """A field's ``categories`` (Data Package v2): a list of values ("a", 10) or of ``{value, label}`` objects, a
    value being a string or an integer. Frictionless 5.21 does not read the key, so an entry of another shape is
    left out rather than refused: the package validates, and only what is understood is shown."""
    if not isinstance(entries, list):
        return ()
    found = []
    for entry in entries:
        value, label = (entry.get("value"), text_of(entry.get("label"))) if isinstance(entry, dict) else (entry, "")
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            found.append(LabelledValue(str(value), label))
    return tuple(_first_of_each(found))


def _first_of_each(entries: Iterable[LabelledValue]) -> list[LabelledValue]:
    """Each value once, with the first entry that gives it (a second label of it says nothing the first did not)."""
    seen: dict[str, LabelledValue] = {}
    for entry in entries:
        seen.setdefault(entry.value, entry)
    return list(seen.values())


class Native(str):
    """A cell given natively (a JSON or inline value) whose text does not say what Frictionless reads it as, with
    that value: ``5`` in a column of type any is the number 5 to Frictionless, and its text "5" a string (the JSON
    download gave "5"). Its text is what the CSV holds; ``Table.cast`` gives its value. It equals the plain text it
    spells ("5" == Native("5", 5)), so it is never interned or memoised with one."""

    value: object  # what Frictionless reads; the JSON download writes it
    typed: object  # what ``Table.cast`` gives: the value, or the text in a column of type any

    def __new__(cls, text: str, value: object, typed: object) -> Native:
        cell = super().__new__(cls, text)
        cell.value, cell.typed = value, typed
        return cell

    def __getnewargs__(self) -> tuple[str, object, object]:  # pickled whole (tables go to worker processes)
        return str(self), self.value, self.typed

    def __repr__(self) -> str:
        return f"Native({str(self)!r}, {self.value!r})"


class Row:
    """One data row: its physical line and its cells in header order.

    A national table has about a million rows: a tuple of shared strings per row (see ``_fill_from_lines``)
    takes a few hundred bytes where a dict per row took about a kilobyte."""

    __slots__ = ("index", "line", "values")

    def __init__(self, line: int, values: tuple[str, ...], index: dict[str, int]):
        self.line, self.values, self.index = line, values, index

    def get(self, name: str, default: str = "") -> str:
        position = self.index.get(name)
        return default if position is None else self.values[position]

    @property
    def cells(self) -> dict[str, str]:
        """The cells by column name (a new dict: for the few places that want one)."""
        return dict(zip(self.index, self.values, strict=True))

    def __repr__(self) -> str:
        return f"Row({self.line}, {self.cells!r})"


@dataclass
class Table:
    """One resource's rows. ``path`` is the single source file when there is one (copied byte for byte)."""

    package: str
    name: str
    fields: list[FieldSpec]
    header: list[str]
    rows: list[Row]
    path: Path | None = None
    rel: str = ""
    source: DataSource | None = None  # how the single source file is read (decompressed, within a limit)
    missing_values: frozenset[str] = frozenset({""})
    # The schema's missing values in its order, with their labels: what the data dictionary shows
    missing_entries: tuple[LabelledValue, ...] = (LabelledValue(""),)
    # How the file's columns meet the schema's fields (Data Package v2 ``fieldsMatch``): "exact" by position;
    # every other mode by name, as Frictionless matches them (``_by_name``).
    fields_match: str = "exact"
    # The header line as the first part of the file says it (a multipart resource's later parts must repeat it)
    labels: list[str] | None = None
    problems: list[Problem] = field(default_factory=list)
    # What reading found that stops neither it nor Frictionless's validation, which says more of the same file:
    # a header Frictionless guesses elsewhere (``guessed_header``) comes with its errors of the rows it read so
    misread: list[Problem] = field(default_factory=list)
    # Whether a cell is a ``Native`` (JSON or inline data only): then each cast looks for one first
    natives: bool = False
    # The schema's ``primaryKey``: the columns whose values are each row's id (checks/rules.py: only characters
    # that show)
    primary_key: tuple[str, ...] = ()
    _casts: list[Callable[[str], object]] | None = field(default=None, repr=False, compare=False)

    def records(self) -> list[dict[str, object]]:
        return list(self.iter_records())

    def csv_source(self) -> bytes | None:
        """The validated file's bytes when the table is one CSV file written as CSV is by default (comma,
        double quotes, a header line), decompressed if it is compressed and without a byte-order mark, for a
        download that is the source byte for byte; else None (the rows are written as such a CSV: the
        published descriptor says no dialect, so a ';'-separated copy would be read as one column)."""
        if (self.source is None or self.source.format != "csv" or self.source.dialect != Dialect()
                or self.fields_match != "exact"  # columns matched by name: written in the schema's order
                or self.source.codec):  # another encoding than UTF-8: written in UTF-8, as published
            return None
        data = self.source.read()
        return data[3:] if data.startswith(b"\xef\xbb\xbf") else data

    def iter_records(self) -> Iterator[dict[str, object]]:
        header, casts = self.header, self.casts()
        for row in self.rows:
            yield {name: cast(value) for name, cast, value in zip(header, casts, row.values, strict=True)}

    def typed(self, names: Sequence[str]) -> Iterator[tuple[object, ...]]:
        """Each row's typed cells of the columns ``names``, in that order (None for a column the table does not
        have, as ``records()`` leaves it out): for a model made from a million rows, a dict per row took most
        of the time it took to make."""
        casts, positions = self.casts(), {name: i for i, name in enumerate(self.header)}
        picks = [(positions[name], casts[positions[name]]) if name in positions else (0, _nothing) for name in names]
        for row in self.rows:
            values = row.values
            yield tuple([cast(values[position]) for position, cast in picks])

    def casts(self) -> list[Callable[[str], object]]:
        """One typing function per column, made once: a column repeats few distinct values (codes, years,
        scores to two decimals), so each remembers what it already typed (the values are immutable)."""
        if self._casts is None:
            fields = {f.name: f for f in self.fields}
            casts = [self._column_cast(fields.get(name) or FieldSpec(name)) for name in self.header]
            self._casts = [_native_first(cast) for cast in casts] if self.natives else casts
        return self._casts

    def _column_cast(self, field: FieldSpec) -> Callable[[str], object]:
        missing, kind = self._missing(field), field.type
        if kind in ("string", "any"):
            return lambda value: None if value in missing else value
        memo: dict[str, object] = {}

        def cast(value: str) -> object:
            try:
                return memo[value]
            except KeyError:
                typed = memo[value] = self.cast(kind, value, field)
                return typed
        return cast

    def missing_in(self, name: str) -> frozenset[str]:
        """The texts that mean "no value" in the column called ``name`` (``_missing``)."""
        return self._missing(self.field_named(name))

    def field_named(self, name: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.name == name), None)

    def _missing(self, field: FieldSpec | None) -> frozenset[str]:
        """The texts that mean "no value" in ``field``: its own when it has them (Frictionless reads "-" of a
        column whose missingValues say so as null), else the schema's."""
        return field.missing_values if field is not None and field.missing_values is not None else \
            self.missing_values

    def cast(self, kind: str, value: str, field: FieldSpec | None = None) -> object:
        """``value`` typed as a column of ``kind`` (``field``: the column, for a boolean's own words); a value
        that is not of that type stays the text it is."""
        if type(value) is Native:
            return value.typed
        if value in self._missing(field):
            return None
        return typed_text(kind, value, field)


def typed_text(kind: str, value: str, field: FieldSpec | None = None) -> object:
    """``value`` typed as a column of ``kind`` (``Table.cast``), a missing value or not."""
    try:
        if kind in _PLAIN_NUMBERS:  # as the column writes its numbers, or as the standard does
            return _number(kind, value, field if field is not None and field.type == kind else _PLAIN_NUMBERS[kind])
        if kind == "year":
            return int(value)
        if kind == "boolean":
            return _boolean(value, field)
        if kind == "date":
            return _date(value, field)
        if kind in ("datetime", "time"):
            return _clock(kind, value, field)
        if kind == "yearmonth":
            return _yearmonth(value)
        if kind == "list":
            return _list(value, field if field is not None and field.type == kind else FieldSpec("", kind))
    except (ValueError, InvalidOperation):
        return value
    return value


# A number and an integer written as the standard says, for a cell typed without its column
_PLAIN_NUMBERS = {"integer": FieldSpec("", "integer"), "number": FieldSpec("", "number")}


def _number(kind: str, value: str, field: FieldSpec) -> int | Decimal | str:
    """A number or integer cell as the field writes it (``FieldSpec.number_text``); its text when it is none."""
    text = field.number_text(value)
    if text is None:
        return value
    return int(text) if kind == "integer" else Decimal(text)


def _date(value: str, field: FieldSpec | None) -> date:
    """As Frictionless reads a date: by its field's pattern, else as "%Y-%m-%d" (which takes "2024-6-1" too).
    ``format: any`` (a guess at any way of writing a date) is not: such a cell stays its text."""
    pattern = field.format if field is not None and field.type == "date" else "default"
    if pattern == "default":
        try:
            return date.fromisoformat(value)
        except ValueError:
            pattern = "%Y-%m-%d"
    return datetime.strptime(value, pattern).date()


def _clock(kind: str, value: str, field: FieldSpec | None) -> datetime | time | str:
    """A datetime or time as Frictionless reads one: by its field's pattern ("%d/%m/%Y %H:%M"), else as ISO 8601 of
    at least seconds (its guard against the shorter forms a lenient parser takes: "10:00" is no time). ``format:
    any`` is not read (the cell stays its text), as for a date."""
    pattern = field.format if field is not None and field.type == kind else "default"
    if pattern == "any":
        return value
    if pattern != "default":
        read = datetime.strptime(value, pattern)
        return read if kind == "datetime" else read.timetz()
    if kind == "datetime":
        if len(value) < 19 or value[16] != ":":
            raise ValueError(value)
        return _iso_datetime(value)
    if len(value) < 8 or value[5] != ":":
        raise ValueError(value)
    return _iso_datetime(f"2000-01-01T{value}").timetz()


def _iso_datetime(text: str) -> datetime:
    """ISO 8601 as Frictionless reads it (dateutil's isoparse), which takes "24:00:00", the end of a day, for the
    next day's 00:00: Python's reader refuses it, and "2024-06-11T24:00:00" was published as its text."""
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        if text[11:13] != "24":
            raise
        read = datetime.fromisoformat(text[:11] + "00" + text[13:])
        if read.minute or read.second or read.microsecond:
            raise
        return read + timedelta(days=1)


def _yearmonth(value: str) -> str:
    """A year and month as Frictionless reads one (two integers either side of one "-", a month of 1 to 12),
    written as it writes one: "2020-1" is 2020-01, which the JSON download gives."""
    year, month = value.split("-")
    if not 1 <= int(month) <= 12:
        raise ValueError(value)
    return f"{int(year)}-{int(month):02}"


def _list(value: str, field: FieldSpec) -> tuple[object, ...]:
    """A list as Frictionless reads one: the cell split at its delimiter, each item read as its item type (by that
    type's defaults); a tuple, as a column's typed values are shared. "1|2|3" of integers is (1, 2, 3), which the JSON
    download gave as the text "1|2|3"."""
    item = field.item_field()
    items = tuple(typed_text(item.type, piece, item) for piece in value.split(field.delimiter))
    if item.type != "string" and any(isinstance(read, str) for read in items):  # an item the type refuses
        raise ValueError(value)
    return items


def _boolean(value: str, field: FieldSpec | None) -> bool | str:
    """As Frictionless reads a boolean: the column's own words for true, or for false, replace the defaults."""
    true = field.true_values if field and field.true_values else TRUE_VALUES
    false = field.false_values if field and field.false_values else FALSE_VALUES
    return True if value in true else False if value in false else value


def _native_first(cast: Callable[[str], object]) -> Callable[[str], object]:
    return lambda value: value.typed if type(value) is Native else cast(value)


def _nothing(_: str) -> None:
    return None


def _empty_table(package_name: str, resource: dict) -> Table:
    schema = resource.get("schema") if isinstance(resource.get("schema"), dict) else {}
    fields = [FieldSpec.from_descriptor(f) for f in schema.get("fields", []) if isinstance(f, dict)]
    entries = missing_entries(schema.get("missingValues", [""]))
    missing = None if entries is None else frozenset(entry.value for entry in entries)
    match = schema.get("fieldsMatch")
    key = schema.get("primaryKey")
    return Table(package_name, str(resource.get("name", "")), fields, [f.name for f in fields], [],
                 missing_values=frozenset({""}) if missing is None else missing,
                 missing_entries=(LabelledValue(""),) if entries is None else entries,
                 fields_match=match if match in FIELDS_MATCH and fields else "exact",
                 primary_key=(key,) if isinstance(key, str) else tuple(k for k in key if isinstance(k, str))
                 if isinstance(key, list) else ())


def read_table(pkg: LoadedPackage, package_name: str, resource: dict, settings: Settings) -> Table:
    """A resource's table read from the package folder (or its inline data); problems on ``table.problems``.
    Compressed files are read decompressed (the lines are the member's); JSON and NDJSON as Frictionless
    reads them."""
    table = _empty_table(package_name, resource)
    dialect = Dialect.from_descriptor(resource)
    if isinstance(resource.get("data"), list):
        refused = _fill_inline(table, resource["data"], dialect)
        table.misread += _inline_header_guessed(pkg, resource) + _inline_refused(pkg, resource, refused)
        return table
    paths = resource_paths(resource)
    innerpath = resource.get("innerpath") if isinstance(resource.get("innerpath"), str) else None
    fmt = format_of(resource)
    if fmt == "json" and len(paths) > 1:
        return _multipart_json(table, resource, len(paths), pkg.rel, *_resource_at(pkg, resource, "path"))
    for relpath in paths:
        # Each part of a multipart resource is decompressed by its own extension, as Frictionless does.
        compression = compression_of(resource, None if len(paths) == 1 else relpath)
        source = DataSource(pkg.folder / relpath, fmt, compression, innerpath if compression == "zip" else None,
                            settings.max_file_bytes, dialect, text_codec(resource.get("encoding")))
        if len(paths) == 1:
            table.path, table.rel, table.source = source.path, settings.relative(source.path), source
        if fmt in JSON_FORMATS:
            _fill_from_json(table, source, fmt, resource.get("dialect"), settings, dialect)
        else:
            _fill_from_file(table, source, dialect, settings)
        if table.problems:
            break
    return table


def _multipart_json(table: Table, resource: dict, count: int, rel: str, line: int | None, column: int | None
                    ) -> Table:
    """``table`` refused, empty: Frictionless reads a JSON resource of several files as its last file alone
    (NDJSON's, all of them): the rows of the others, never validated, were published, a duplicate key and a text in
    a number column. An old version so written (changes/history.py) is unreadable, not counted."""
    paths = resource_paths(resource)
    table.problems.append(problem("multipart-json", rel, line, column, "path", target=table.name, count=count,
                                  last=paths[-1] if paths else ""))
    return table


@dataclass(frozen=True)
class DataSource:
    """A resource's file and how it is read: its format, and its compression and zip member if any."""

    path: Path
    format: str
    compression: str | None
    innerpath: str | None
    limit: int  # bytes, once decompressed
    dialect: Dialect = Dialect()  # how a CSV file is written: downloads copy only a plain CSV byte for byte
    codec: str | None = None  # the encoding its resource declares, when not UTF-8 (``files.text_codec``)

    def read(self) -> bytes:
        """The bytes Frictionless parses (decompressed); raises OSError or Unreadable if the file changed
        since it was validated."""
        if not self.compression:
            return self.path.read_bytes()
        return read_decompressed(self.path, self.compression, self.innerpath, self.limit)[0]

    def lines(self) -> list[str] | None:
        """The text's lines as they were read (decompressed, in UTF-8, "\n" line ends), to place a cell in its line;
        None when the file cannot be read again (it changed since)."""
        try:
            return decoded(as_utf8(self.read(), self.codec)).split("\n")
        except (OSError, Unreadable, UnicodeError):
            return None


def _fill_from_file(table: Table, source: DataSource, dialect: Dialect, settings: Settings) -> None:
    lines, problems = open_lines(source.path, settings, source.compression, source.innerpath, source.codec)
    table.problems += problems
    if lines is None:
        return
    rel = settings.relative(source.path)
    before = len(table.rows), table.header, table.fields
    try:
        refused = _fill_from_lines(table, lines, dialect, skip_header=dialect.header, rel=rel)
    except UnicodeDecodeError:  # undo the part read, and say where the bad bytes are
        del table.rows[before[0]:]
        table.header, table.fields = before[1], before[2]
        table.problems += read_data_text(source.path, settings, source.compression, source.innerpath, source.codec)[1]
        return
    if refused is not None and refused.code == "control-character":
        text, _ = read_data_text(source.path, settings, source.compression, source.innerpath, source.codec)
        refused = _at_first_control(refused, text or "")
    if refused is not None:
        table.problems.append(refused)


def _at_first_control(refused: Problem, text: str) -> Problem:
    """The control-character problem at the exact line and column, found in the file's text (the first
    one in the text is in the first cell that has one: every other character is a quote, a delimiter or a
    line end)."""
    found = first_control(text)
    if found is None:
        return refused
    line, column, params = found
    return problem("control-character", refused.path, line, column, refused.field, **params)


def _fill_from_json(table: Table, source: DataSource, fmt: str, dialect: object, settings: Settings,
                    read_as: Dialect) -> None:
    text, problems = read_data_text(source.path, settings, source.compression, source.innerpath, source.codec)
    table.problems += problems
    if text is None:
        return
    rel = settings.relative(source.path)
    try:
        refused = _fill_json_rows(table, json_rows(text, fmt, dialect), rel, read_as)
    except JsonProblem as error:
        refused = _json_problem(error, rel)
    if refused is not None:
        table.problems.append(refused)


def _json_problem(error: JsonProblem, rel: str) -> Problem:
    limit = {"limit": MAX_DEPTH} if error.code == "too-deep" else {}
    return problem(error.code, rel, error.line, error.column, detail=error.detail, **limit)


def _fill_json_rows(table: Table, rows: Iterator[tuple[int | None, int, list[object]]], rel: str,
                    dialect: Dialect) -> Problem | None:
    """The rows of a JSON document as Frictionless reads them: the first array (or the first object's keys) is
    the header, unless the dialect says there is none (``header: false``: then it is a row, which was dropped);
    its labels meet the schema's fields as ``fieldsMatch`` says, by position or by name (``_name_order``):
    arrays read by position under ``equal`` were published under each other's names."""
    header_line, header_column, header = next(rows)
    keyed = header_line is None
    labels: list[str] | None = as_labels([_cell(name) for name in header])
    if not keyed and not dialect.header:
        rows, labels = itertools.chain([(header_line, header_column, header)], rows), None
    width = len(header)
    if width > MAX_COLUMNS:
        return problem("too-many-columns", rel, header_line or 1, 1, count=width, limit=MAX_COLUMNS)
    order = None
    if not table.fields:
        table.header = labels if labels is not None else [f"field{number}" for number in range(1, width + 1)]
        table.fields = [FieldSpec(name) for name in table.header]
    elif labels is not None and table.fields_match != "exact":
        order = _name_order(labels, table.header, dialect.header_case)
    width, index = len(table.header), {name: i for i, name in enumerate(table.header)}
    natives, columns = _natives(table), _unsayable_columns(table)
    shared: dict[str, str] = {}
    first_row = len(table.rows)
    for line, column, values in rows:
        if len(values) > MAX_COLUMNS:
            return problem("too-many-columns", rel, line, column, count=len(values), limit=MAX_COLUMNS)
        if any(isinstance(value, (dict, list)) and _deeper_than(value, MAX_DEPTH) for value in values):
            return problem("too-deep", rel, line, column, limit=MAX_DEPTH)
        if dialect.skipped(values):
            continue
        if order is not None:
            values = [values[i] if i is not None and i < len(values) else None for i in order]
        values = (values + [None] * width)[:width]
        table.misread += [problem("type-error", rel, line or 1, column, spec.name, cell=json_text(value),
                                  type=spec.named_type()) for spec, value in _unsayable(columns, values)]
        cells = [native(value) for native, value in zip(natives, values, strict=True)]
        table.rows.append(Row(line or 1, tuple([_shared(shared, cell) for cell in cells]), index))
    if CONTROL.search("\n".join(shared)):
        return _control_cell(table, first_row, rel)
    if labels is not None and (refused := next((label for label in labels if CONTROL.search(label)), None)):
        # a key of the first object (its line) or a name of the header array: Frictionless failed on a lone
        # surrogate ("encoding-error", no line), and a control character reached the published column's name
        line = header_line or (table.rows[first_row].line if len(table.rows) > first_row else 1)
        return problem("control-character", rel, line, header_column, printable(refused), **control_params(refused))
    return None


def _shared(shared: dict[str, str], cell: str) -> str:
    """One string object per distinct text; a ``Native`` cell is its own (it equals a text of another value)."""
    return cell if type(cell) is Native else shared.setdefault(cell, cell)


def _natives(table: Table) -> list[Callable[[object], str]]:
    """For each column of ``table``, what turns a JSON or inline value into its cell (``_native``); a ``Native``
    one marks the table (``Table.natives``)."""
    fields = {f.name: f for f in table.fields}

    def column(field: FieldSpec, missing: frozenset[str]) -> Callable[[object], str]:
        def cell(value: object) -> str:
            if type(value) is str:
                return value
            text = _native(value, field, missing)
            if type(text) is Native:
                table.natives = True
            return text
        return cell
    return [column(fields.get(name) or FieldSpec(name), table.missing_in(name)) for name in table.header]


def _native(value: object, field: FieldSpec, missing: frozenset[str]) -> str:
    """A value JSON (or a descriptor's inline data) gives natively, as the text of a cell of ``field`` that
    reads, here and for Frictionless in the published CSV, as the value Frictionless reads the native value as
    (a number, a boolean, null are not text to it): ``1.0`` in an integer column is 1, ``true`` in a boolean
    column whose words are Y/N is Y, ``1.5`` in a column whose decimal character is "," is "1,5". Written as
    Python writes them, they were "1.0", "true" and "1.5": text the column's own reading refuses, published in
    a package that no longer validated. A value Frictionless refuses stays as it is written (it is an error).
    In a column of type any, Frictionless keeps the value as it is (5 is a number): a ``Native`` cell, its text
    in the CSV, the value in the JSON download (which gave "5").

    A native value is missing when its Python text is one of the column's missing values, as Frictionless
    compares it (``str(cell) in missingValues``): true is missing by "True", not by "true"; 1.0 by "1.0", not by
    "1". Its column's text is not what is compared: true with missingValues ["true"] was published null, and
    with ["True"] as true (``_unmissed``)."""
    if value is None or str(value) in missing:  # the column's missing value ("" unless its missingValues leave it out)
        return "" if "" in missing or not missing else min(missing)
    text = _native_text(value, field)
    if field.type == "any":
        return Native(text, value, text)
    return _unmissed(text, field, missing) if text in missing else text


# Frictionless's own words for true and false (its settings), in its order
DEFAULT_WORDS = {True: ("true", "True", "TRUE", "1"), False: ("false", "False", "FALSE", "0")}


def _unmissed(text: str, field: FieldSpec, missing: frozenset[str]) -> str:
    """A native value's ``text``, one of the column's missing values although the value is not missing (true
    with missingValues ["true"]), as another text of the column for the same value that is none: another word
    of the boolean ("True"), a number with its sign ("+1" with missingValues ["1"], "-01" with ["-1"]), which
    Frictionless reads back from the published CSV as the value. Else a ``Native`` cell: its value in the JSON
    download and the model, its text (null to a reader of the CSV) in the CSV."""
    typed = typed_text(field.type, text, field)
    if field.type == "boolean" and isinstance(typed, bool):
        words = (field.true_values if typed else field.false_values) or DEFAULT_WORDS[typed]
        others = [word for word in words if word not in missing]
    elif field.type in ("integer", "number") and typed != text:
        others = ["-0" + text[1:] if text.startswith("-") else "+" + text]
    else:
        others = []
    return next((other for other in others if other not in missing), None) or Native(text, typed, typed)


def _native_text(value: object, field: FieldSpec) -> str:
    """A value JSON gives natively, but neither null nor text, as its column's text (``_native``)."""
    kind = field.type
    if isinstance(value, bool):
        if kind == "boolean":
            words = (field.true_values or ("true",)) if value else (field.false_values or ("false",))
            return words[0]
        return "true" if value else "false"
    if isinstance(value, (int, float, Decimal)):
        return _native_number(value, field)
    if isinstance(value, (list, tuple)) and len(value) == 2 and kind == "geopoint" and field.format != "array":
        lon, lat = value  # Frictionless reads a pair as (lon, lat) whatever the format; in CSV: the format's
        return json_text({"lon": lon, "lat": lat}) if field.format == "object" else f"{json_text(lon)},{json_text(lat)}"
    if isinstance(value, (list, tuple)) and kind == "yearmonth" and len(value) == 2 \
            and all(type(part) is int for part in value):
        return f"{value[0]}-{value[1]:02}"
    if isinstance(value, (list, tuple)) and kind == "list":
        return field.delimiter.join(_item_texts(value, field))
    if isinstance(value, (dict, list)):
        return json_text(value)
    return str(value)


def _item_texts(items: list | tuple, field: FieldSpec) -> list[str]:
    """Each item of a native list as a cell of its item type writes it (1.0 of an integer list is "1"), which
    Frictionless reads back, from the items joined by the delimiter, as the item it read."""
    item = field.item_field()
    return [piece if isinstance(piece, str) else _native_text(piece, item) for piece in items]


def _native_number(value: int | float | Decimal, field: FieldSpec) -> str:
    """A JSON number as Frictionless's integer and number fields take a native one: an integer is also a number
    whose fraction is zero (1.0, 2e0); a number is a Decimal (a float through its shortest text), written with the
    column's decimal character; a year is an int, written with its four digits."""
    number = Decimal(repr(value)) if isinstance(value, float) else value
    try:
        if field.type == "integer" and not isinstance(number, int) and number.is_finite() and number % 1 == 0:
            return str(int(number))
        if field.type == "number" and field.decimal_char != ".":
            return str(number).replace(".", field.decimal_char)
        if field.type == "year" and isinstance(number, int) and 0 <= number <= 9999:
            return f"{number:04}"
    except (ValueError, ArithmeticError):  # a fraction too long to tell (1e400 % 1): as written, an error
        pass
    return str(number)


def _deeper_than(value: object, limit: int) -> bool:
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if depth > limit:
            return True
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        pending += [(child, depth + 1) for child in children if isinstance(child, (dict, list))]
    return False


def table_from_texts(package: str, resource: dict, texts: list[str], header_from_file: bool = False) -> Table:
    """A resource's table from texts already read (each part of a multipart resource, decoded), or from its
    inline data. ``header_from_file``: the columns are named by the file's own header line even when the
    schema names them (an old version of a file, whose columns may differ from today's schema). What cannot
    be read is on ``table.problems`` (without a path: these texts are not files of the datasets folder)."""
    table = _empty_table(package, resource)
    dialect, fmt = Dialect.from_descriptor(resource), format_of(resource)
    if isinstance(resource.get("data"), list):
        _fill_inline(table, resource["data"], dialect)  # (refused values: see history.py)
        return table
    if fmt == "json" and len(texts) > 1:  # read whole, an old version published rows Frictionless never read
        return _multipart_json(table, resource, len(texts), "", None, None)
    for text in texts:
        if fmt in JSON_FORMATS:
            try:
                refused = _fill_json_rows(table, json_rows(text, fmt, resource.get("dialect")), "", dialect)
            except JsonProblem as error:
                refused = _json_problem(error, "")
        else:
            refused = _fill_from_lines(table, io.StringIO(text), dialect, dialect.header, header_from_file)
        if refused is not None:
            table.problems.append(refused)
            break
    return table


def _fill_from_lines(table: Table, lines: Iterable[str], dialect: Dialect, skip_header: bool,
                     header_from_file: bool = False, rel: str = "") -> Problem | None:
    """Rows appended to ``table``; the problem that stopped reading, if any (a row is never dropped
    without one)."""
    lines = iter(lines)
    head = next(lines, "")  # the header line as written: where a delimiter is looked for if it cannot be read
    records = iter_records_of(itertools.chain([head], lines), dialect)
    try:
        # The first record is the header line, or, with no header line and no schema, what names the columns.
        first = next(records, None) if skip_header or not table.header else None
        if dialect.skip_blank_rows:  # the rows after the header: its own cells are the labels, blank or not
            records = (record for record in records if not dialect.skipped(record[1]))
        if first is not None and len(first[1]) > MAX_COLUMNS:
            return problem("too-many-columns", rel, first[0], 1, count=len(first[1]), limit=MAX_COLUMNS)
        if first is not None and skip_header:
            labels = as_labels(first[1])
            if table.labels is not None and labels != table.labels:
                # Frictionless takes every part's first line for a header and drops it: a row, in silence
                return problem("part-header", rel, first[0], 1, header=",".join(table.labels)[:200])
            # The rows Frictionless guesses the header from, read ahead (a file's first part only)
            ahead = list(itertools.islice(records, GUESS_SAMPLE - 1)) if table.labels is None else []
            records = itertools.chain(ahead, records)
            # Without a schema, the first row is read ahead: the header alone is no evidence of a delimiter
            row = None if table.fields or not ahead else ahead[0]
            if (found := _other_delimiter(first[1], table.fields, dialect, row and row[1])) is not None:
                # Before the header guess: split at the wrong mark, the rows' widths are those of the commas in
                # their text, and the guess ("line 14 is the header") would have the maintainer delete data.
                return problem("other-delimiter", rel, first[0], 1, label=first[1][0].replace("\t", "\\t"), found=found,
                               delimiter=_shown(dialect.delimiter))
            if not dialect.header_said and (guessed := guessed_header(first, ahead)) is not None:
                table.misread.append(problem("header-row", rel, first[0], 1, guessed=guessed[0],
                                             cells=len(guessed[1]), first=len(first[1])))
            if not dialect.skip_initial_space and _spaced(first[1]):
                table.misread.append(problem("spaced-labels", rel, first[0], 1, label=first[1][1]))
            table.labels = labels
            if not table.fields or (header_from_file and not table.rows):
                table.header = labels
                if not table.fields:
                    table.fields = [FieldSpec(name) for name in labels]
            elif table.fields_match != "exact":
                records = _by_name(records, labels, table.header, dialect.header_case)
            if CONTROL.search("\n".join(first[1])):
                return problem("control-character", rel, first[0], 1)
        elif first is not None:
            # Named as Frictionless names them (field1, field2, … after the first row), which is then read as a
            # row. With no names at all, every row was kept with no cells.
            table.header = [f"field{number}" for number in range(1, len(first[1]) + 1)]
            table.fields = [FieldSpec(name) for name in table.header]
            records = itertools.chain([] if dialect.skipped(first[1]) else [first], records)
        return _fill_rows(table, records, rel)
    except RecordError as error:
        if error.line == 1 and skip_header and (found := _quoted_delimiter(head, table.fields, dialect)) is not None:
            return problem("other-delimiter", rel, 1, 1, label=head.rstrip("\r\n")[:200].replace("\t", "\\t"),
                           found=found, delimiter=_shown(dialect.delimiter))
        params = {"limit": MAX_CELL_CHARS} if error.code == "cell-too-large" else {"detail": error.detail}
        return problem(error.code, rel, error.line, None, **params)


def _by_name(records: Iterator[tuple[int, list[str]]], labels: list[str], names: list[str], case: bool = True
             ) -> Iterator[tuple[int, list[str]]]:
    """Records with their cells in the schema's order, each column found by its label: a schema that says
    ``fieldsMatch: equal`` (or subset, superset, partial) lets the file hold its columns in any order, and some
    more or fewer; Frictionless validated them by name, and read by position, a file with "name,id" was
    published with names as ids. A field the file has no column for is empty; a column no field names, left.
    Without ``case`` (the dialect's ``headerCase: false``) a label meets its field in any case, as Frictionless
    compares them (lower-cased): "ID,NAME" was valid, and every cell was published empty."""
    order = _name_order(labels, names, case)
    if order is None:
        yield from records
        return
    for line, cells in records:
        yield line, [cells[i] if i is not None and i < len(cells) else "" for i in order] if cells else cells


def _name_order(labels: list[str], names: list[str], case: bool = True) -> list[int | None] | None:
    """Where each of ``names`` is among ``labels`` (the first of a repeated label; in any case without ``case``),
    None for a name no label has; None for all when they are the labels, in order."""
    fold = (lambda text: text) if case else str.lower
    where = {fold(label): i for i, label in reversed(list(enumerate(labels)))}
    order = [where.get(fold(name)) for name in names]
    return None if order == list(range(len(labels))) else order


# How many rows Frictionless reads before it guesses a file's dialect (its detector's sample_size)
GUESS_SAMPLE = 100


def guessed_header(first: tuple[int, list[str]], ahead: list[tuple[int, list[str]]]) -> tuple[int, list[str]] | None:
    """The record Frictionless takes for the header of a file whose dialect does not say where it is, when that is
    not the first (``first``; ``ahead``: the records after it, up to its sample's size): the first whose number of
    cells is within a tenth of the sample's mean (Detector.detect_dialect). A title or comment line above the header
    makes it the second line, which Frictionless validated as the header while the table published took the first
    for it: "# comment" as its one column, the other cells of every row dropped in silence."""
    sample = [first, *ahead]
    width = round(sum(len(cells) for _, cells in sample) / len(sample))
    drift = max(round(width * 0.1), 1)
    found = next((record for record in sample if width - drift <= len(record[1]) <= width + drift), first)
    return None if found is first else found


def as_labels(cells: list) -> list[str]:
    """A header's cells as Frictionless takes them for labels: stripped of blanks at both ends (tabs, spaces, a
    no-break space), a missing one empty. Taken as written, "id, name" without a schema was published with a
    column " name" (and "name\t" with "name\t") where Frictionless validated one called "name"."""
    return ["" if cell is None else str(cell).strip() for cell in cells]


def _spaced(cells: list[str]) -> bool:
    """Whether every header cell after the first starts with a space, and the first does not: a file written
    "id, name" (by hand, or by a tool that pads). Frictionless, told nothing, guesses ``skipInitialSpace`` and
    reads " a" as "a"; told the dialect (as it is here: what is validated is what is published), it keeps the
    space of a text cell, as we do (both strip the names: ``as_labels``). Spaces only: ``skipInitialSpace``, the
    fix the warning gives, skips no tab (Python's csv and Frictionless's guess alike)."""
    return len(cells) >= 2 and not cells[0][:1].isspace() and all(cell[:1] == " " for cell in cells[1:])


def _other_delimiter(header: list[str], fields: list[FieldSpec], dialect: Dialect, row: list[str] | None = None
                     ) -> str | None:
    """The delimiter a header of one cell is written with (as shown in a message), when split at it the cell
    gives exactly the schema's field names: a ';'-separated file whose dialect says nothing is read as the
    standard says (commas), which Frictionless, told so, reports as a wrong label, a missing one and a type
    error a row, none of which says what to do. Without a schema, when the header and the first ``row`` split
    at it into the same two or more cells: such a file was published as one column of "a;b;c" cells, or, where a
    cell held a comma, refused with an extra cell a row and the advice to quote it."""
    if len(header) != 1:
        return None
    for mark in (m for m in (";", "\t", "|") if m != dialect.delimiter):
        names = header[0].split(mark)
        if fields and len(fields) >= 2 and names == [f.name for f in fields]:
            return _shown(mark)
        if not fields and row is not None and len(names) >= 2 and all(names) and len(set(names)) == len(names) \
                and len(dialect.delimiter.join(row).split(mark)) == len(names):
            return _shown(mark)
    return None


def _quoted_delimiter(line: str, fields: list[FieldSpec], dialect: Dialect) -> str | None:
    """The delimiter of a header ``line`` the dialect's cannot read, each name quoted ('"id";"name"', as some
    tools save every cell): read at it, the line gives the schema's names, or without a schema two or more
    names, none empty or repeated. Read at the comma it was a csv-error whose hint said to check the quotes."""
    for mark in (m for m in (";", "\t", "|") if m != dialect.delimiter):
        try:
            record = next(iter_records_of([line], replace(dialect, delimiter=mark)), None)
        except RecordError:
            continue
        names = record[1] if record else []
        if fields and len(fields) >= 2 and names == [f.name for f in fields]:
            return _shown(mark)
        if not fields and len(names) >= 2 and all(names) and len(set(names)) == len(names):
            return _shown(mark)
    return None


def _shown(delimiter: str) -> str:
    return "\\t" if delimiter == "\t" else delimiter


def _fill_rows(table: Table, records: Iterator[tuple[int, list[str]]], rel: str) -> Problem | None:
    width = len(table.header)
    index = {name: i for i, name in enumerate(table.header)}
    shared: dict[str, str] = {}  # one string object per distinct cell value: codes and years repeat a lot
    intern = shared.setdefault
    append = table.rows.append
    first_row = len(table.rows)
    for line, cells in records:
        if not cells:
            continue
        if len(cells) != width:
            if len(cells) > MAX_COLUMNS:
                return problem("too-many-columns", rel, line, 1, count=len(cells), limit=MAX_COLUMNS)
            cells = (cells + [""] * width)[:width]
        append(Row(line, tuple(map(intern, cells, cells)), index))
    # Control characters, looked for once per distinct value rather than once per cell: a national table
    # has 15 million cells and about 20 thousand distinct values.
    if CONTROL.search("\n".join(shared)):
        return _control_cell(table, first_row, rel)
    return None


def _control_cell(table: Table, first_row: int, rel: str) -> Problem:
    for row in table.rows[first_row:]:
        for name, value in zip(table.header, row.values, strict=True):
            if CONTROL.search(value):
                return problem("control-character", rel, row.line, 1, name, **control_params(value))
    return problem("control-character", rel, None, None)


def _fill_inline(table: Table, data: list, dialect: Dialect) -> list[tuple[int, FieldSpec, object]]:
    """A resource's inline ``data`` as Frictionless reads it. Objects: by the schema's names, or, without a
    schema, by the first object's keys (the names were the schema's alone, none: every cell was dropped).
    Arrays: the first is the header unless the dialect says there is none (it was dropped as one all the same),
    and the header meets the fields as ``fieldsMatch`` says (by name but under ``exact``: they were matched by
    position, and a column published under another's name). Returns the values no cell can say
    (``_unsayable``), with their row's number."""
    if not data or not isinstance(data[0], (dict, list)):
        return []  # Frictionless refuses it ("unsupported inline data"), and so it is not valid
    order, body = None, []
    if isinstance(data[0], dict):
        keys = list(table.header) if table.fields else list(data[0])
        if not table.fields:
            table.header = as_labels(keys)
            table.fields = [FieldSpec(name) for name in table.header]
        body = [(number, [item.get(key) for key in keys]) for number, item in enumerate(data, start=1)
                if isinstance(item, dict)]
    else:
        rows = [row if isinstance(row, list) else [] for row in data]
        labels = as_labels(rows[0]) if dialect.header else None
        body = list(enumerate(rows[1:], start=2) if dialect.header else enumerate(rows, start=1))
        if not table.fields:
            table.header = labels if labels is not None else [f"field{n}" for n in range(1, len(rows[0]) + 1)]
            table.fields = [FieldSpec(name) for name in table.header]
        elif labels is not None and table.fields_match != "exact":
            order = _name_order(labels, table.header, dialect.header_case)
    width, index, natives = len(table.header), {name: i for i, name in enumerate(table.header)}, _natives(table)
    columns, refused = _unsayable_columns(table), []
    for number, values in body:
        if dialect.skipped(values):
            continue
        if order is not None:
            values = [values[i] if i is not None and i < len(values) else None for i in order]
        values = (values + [None] * width)[:width]
        refused += [(number, spec, value) for spec, value in _unsayable(columns, values)]
        cells = zip(natives, values, strict=True)
        table.rows.append(Row(number, tuple([native(value) for native, value in cells]), index))
    return refused


def _inline_refused(pkg: LoadedPackage, resource: dict, refused: list[tuple[int, FieldSpec, object]]
                    ) -> list[Problem]:
    """``type-error`` for each inline value no cell can say (``_unsayable``), at its row (its key) in the
    descriptor; a row's number is its place in ``data``, from 1."""
    found = []
    for number, spec, value in refused:
        row = resource["data"][number - 1]
        line, column = _resource_at(pkg, resource, "data", number - 1, *((spec.name,) if isinstance(row, dict) else ()))
        found.append(problem("type-error", pkg.rel, line, column, spec.name, cell=json_text(value),
                             type=spec.named_type()))
    return found


def _unsayable_columns(table: Table) -> list[tuple[int, FieldSpec]]:
    """The columns of ``table`` whose native values may be ones no cell can say (``_unsayable``)."""
    fields = {f.name: f for f in table.fields}
    return [(position, fields[name]) for position, name in enumerate(table.header)
            if name in fields and fields[name].type in ("yearmonth", "geopoint", "list")]


def _unsayable(columns: list[tuple[int, FieldSpec]], values: list[object]) -> list[tuple[FieldSpec, object]]:
    """The values of a row (JSON's or inline data's, in the ``columns``) that Frictionless 5.21 takes but no cell
    of the published CSV says: a pair it takes for a year-month or a point that is none (``_false_pair``), a list
    whose text reads back as another (``_split_apart``)."""
    found = []
    for position, spec in columns:
        value = values[position]
        if isinstance(value, list) and (_split_apart(value, spec) if spec.type == "list" else _false_pair(value, spec)):
            found.append((spec, value))
    return found


def _false_pair(value: list, spec: FieldSpec) -> bool:
    """Frictionless 5.21 reads any pair as a year-month ([2020, 13], ["a", "b"]), and true as a number of a point
    ([true, 10]), while its own reading of the text of such a value, in the published CSV, refuses it. Published,
    they made a package that no longer validated: a type error here."""
    if len(value) != 2:
        return False
    if spec.type == "yearmonth":
        year, month = value
        return not (type(year) is int and type(month) is int and year >= 0 and 1 <= month <= 12)
    return any(isinstance(part, bool) for part in value)


def _split_apart(value: list, spec: FieldSpec) -> bool:
    """Whether a list Frictionless reads has no cell that reads back as it: its items joined by the delimiter
    (``_native_text``) split into other items when one holds the delimiter (["a,b", "c"]; 1.5 in a number list
    whose delimiter is "."), and an empty list is no cell ("" reads back as [""], or as null). Published, the
    package still validated, with other items: a type error here. A list with an item Frictionless refuses is
    its own error."""
    item, texts = spec.item_field(), _item_texts(value, spec)
    if not all(_item_read(piece, text, item) for piece, text in zip(value, texts, strict=True)):
        return False
    return spec.delimiter.join(texts).split(spec.delimiter) != texts


def _item_read(piece: object, text: str, item: FieldSpec) -> bool:
    """Whether Frictionless reads ``piece`` as an item of its type: a string item must be text; another, a text
    (``text``, its text as written) that type reads."""
    if item.type == "string":
        return isinstance(piece, str)
    return not isinstance(typed_text(item.type, text, item), str)


def _resource_at(pkg: LoadedPackage, resource: dict, *keys: object) -> tuple[int | None, int | None]:
    """(line, column) of ``resource``'s ``keys`` in the package's descriptor."""
    index = next((i for i, r in enumerate(pkg.descriptor.get("resources", [])) if r is resource), None)
    return pkg.at("resources", index, *keys) if index is not None else (None, None)


def _inline_header_guessed(pkg: LoadedPackage, resource: dict) -> list[Problem]:
    """``header-row`` for inline data given as lists (``guessed_header``): Frictionless guesses its header from
    its first rows as it does a file's, and read `[[Table 1], [a, b, c, d], [1, 2, 3, 4], ...]` as a table of four
    columns, valid, while we took the first row for the header. At the data's first row in the descriptor."""
    data, dialect = resource["data"], Dialect.from_descriptor(resource)
    if not data or not isinstance(data[0], list) or dialect.header_said:
        return []
    sample = [(number, row if isinstance(row, list) else []) for number, row in enumerate(data[:GUESS_SAMPLE], 1)]
    guessed = guessed_header(sample[0], sample[1:])
    if guessed is None:
        return []
    line, column = _resource_at(pkg, resource, "data", 0)
    return [problem("header-row", pkg.rel, line, column, "data", guessed=guessed[0], cells=len(guessed[1]),
                    first=len(data[0]))]


def _cell(value: object) -> str:
    """An inline value as the text a CSV cell would hold (objects and arrays as JSON)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
