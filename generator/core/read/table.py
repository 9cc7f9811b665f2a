"""Tables as read from disk: header, raw cells with their physical lines, and typing by the Table Schema.

Rows keep the exact text of each cell so downloads stay faithful to the validated data; ``records()`` gives
Python values (Decimal for numbers, so 84.70 keeps its stated precision) for the model.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from generator.core.problems import Problem
from generator.core.read.files import open_lines, read_text
from generator.core.read.package import LoadedPackage, resource_paths
from generator.core.read.records import Dialect, iter_records_of
from generator.core.settings import Settings
from generator.core.text import en_of, text_of

TRUE_VALUES = {"true", "True", "TRUE", "1", "yes", "Yes"}
FALSE_VALUES = {"false", "False", "FALSE", "0", "no", "No"}


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: str = "string"
    title: str = ""
    title_en: str = ""
    description: str = ""
    description_en: str = ""
    constraints: tuple[tuple[str, str], ...] = ()

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
            constraints=tuple(sorted((str(k), str(v)) for k, v in constraints.items())),
        )


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
    missing_values: frozenset[str] = frozenset({""})
    problems: list[Problem] = field(default_factory=list)
    _casts: list[Callable[[str], object]] | None = field(default=None, repr=False, compare=False)

    def records(self) -> list[dict[str, object]]:
        return list(self.iter_records())

    def iter_records(self) -> Iterator[dict[str, object]]:
        header, casts = self.header, self.casts()
        for row in self.rows:
            yield {name: cast(value) for name, cast, value in zip(header, casts, row.values, strict=True)}

    def casts(self) -> list[Callable[[str], object]]:
        """One typing function per column, made once: a column repeats few distinct values (codes, years,
        scores to two decimals), so each remembers what it already typed (the values are immutable)."""
        if self._casts is None:
            types = {f.name: f.type for f in self.fields}
            self._casts = [self._column_cast(types.get(name, "string")) for name in self.header]
        return self._casts

    def _column_cast(self, kind: str) -> Callable[[str], object]:
        missing = self.missing_values
        if kind in ("string", "any"):
            return lambda value: None if value in missing else value
        memo: dict[str, object] = {}

        def cast(value: str) -> object:
            try:
                return memo[value]
            except KeyError:
                typed = memo[value] = self.cast(kind, value)
                return typed
        return cast

    def cast(self, kind: str, value: str) -> object:
        if value in self.missing_values:
            return None
        try:
            if kind in ("integer", "year"):
                return int(value)
            if kind == "number":
                return Decimal(value)
            if kind == "boolean":
                return True if value in TRUE_VALUES else False if value in FALSE_VALUES else None
            if kind == "date":
                return date.fromisoformat(value)
        except (ValueError, InvalidOperation):
            return value
        return value


def _empty_table(package_name: str, resource: dict) -> Table:
    schema = resource.get("schema") if isinstance(resource.get("schema"), dict) else {}
    fields = [FieldSpec.from_descriptor(f) for f in schema.get("fields", []) if isinstance(f, dict)]
    missing = schema.get("missingValues", [""])
    return Table(package_name, str(resource.get("name", "")), fields, [f.name for f in fields], [],
                 missing_values=frozenset(str(m) for m in missing) if isinstance(missing, list) else frozenset({""}))


def read_table(pkg: LoadedPackage, package_name: str, resource: dict, settings: Settings) -> Table:
    """A resource's table read from the package folder (or its inline data); problems on ``table.problems``."""
    table = _empty_table(package_name, resource)
    if isinstance(resource.get("data"), list):
        _fill_inline(table, resource["data"])
        return table
    dialect = Dialect.from_descriptor(resource)
    paths = resource_paths(resource)
    if len(paths) == 1:
        table.path = pkg.folder / paths[0]
        table.rel = settings.relative(table.path)
    for relpath in paths:
        _fill_from_file(table, pkg.folder / relpath, dialect, settings)
    return table


def _fill_from_file(table: Table, path: Path, dialect: Dialect, settings: Settings) -> None:
    lines, problems = open_lines(path, settings)
    table.problems += problems
    if lines is None:
        return
    before = len(table.rows), table.header, table.fields
    try:
        _fill_from_lines(table, lines, dialect, skip_header=dialect.header)
    except UnicodeDecodeError:  # undo the part read, and say where the bad bytes are
        del table.rows[before[0]:]
        table.header, table.fields = before[1], before[2]
        table.problems += read_text(path, settings)[1]


def table_from_texts(package: str, resource: dict, texts: list[str], header_from_file: bool = False) -> Table:
    """A resource's table from texts already read (each part of a multipart resource, decoded), or from its
    inline data. ``header_from_file``: the columns are named by the file's own header line even when the
    schema names them (an old version of a file, whose columns may differ from today's schema)."""
    table = _empty_table(package, resource)
    if isinstance(resource.get("data"), list):
        _fill_inline(table, resource["data"])
        return table
    dialect = Dialect.from_descriptor(resource)
    for text in texts:
        _fill_from_lines(table, io.StringIO(text), dialect, dialect.header, header_from_file)
    return table


def _fill_from_lines(table: Table, lines: Iterable[str], dialect: Dialect, skip_header: bool,
                     header_from_file: bool = False) -> None:
    records = iter_records_of(lines, dialect)
    if skip_header:
        first = next(records, None)
        if first is not None and (not table.fields or (header_from_file and not table.rows)):
            table.header = first[1]
            if not table.fields:
                table.fields = [FieldSpec(name) for name in first[1]]
    width = len(table.header)
    index = {name: i for i, name in enumerate(table.header)}
    shared: dict[str, str] = {}  # one string object per distinct cell value: codes and years repeat a lot
    intern = shared.setdefault
    append = table.rows.append
    for line, cells in records:
        if not cells:
            continue
        if len(cells) != width:
            cells = (cells + [""] * width)[:width]
        append(Row(line, tuple([intern(cell, cell) for cell in cells]), index))


def _fill_inline(table: Table, data: list) -> None:
    names = table.header
    rows = data
    if data and isinstance(data[0], list):
        names = names if names else [str(x) for x in data[0]]
        index = {name: i for i, name in enumerate(names)}
        rows = data[1:]
        for i, cells in enumerate(rows, start=2):
            table.rows.append(Row(i, tuple(_cell(cells[j] if j < len(cells) else None) for j in range(len(names))),
                                  index))
    else:
        index = {name: i for i, name in enumerate(names)}
        for i, item in enumerate(rows, start=1):
            if isinstance(item, dict):
                table.rows.append(Row(i, tuple(_cell(item.get(n)) for n in names), index))
    table.header = names


def _cell(value: object) -> str:
    """An inline value as the text a CSV cell would hold (objects and arrays as JSON)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
