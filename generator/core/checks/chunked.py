"""Large tables validated by Frictionless in chunks of rows: in parallel, and cached chunk by chunk.

Frictionless checks about 20,000 rows a second on one core: a national results table (930k rows) took
40 s, and editing one of its rows paid for all of them again. Most checks depend on one row only (types,
constraints, missing or extra cells, blank rows), so each chunk of CHUNK_ROWS rows is validated as its own
small CSV (the header line and those rows' lines, unchanged) against the schema minus its table-wide parts.
The table-wide checks (primary key, ``unique``, foreign keys) then run once over the whole table here, with
cells cast by Frictionless's own field readers, so that values compare as Frictionless compares them
("01" and "1" are the same integer). Their errors carry the types and notes Frictionless gives.

Only plain CSV resources are chunked (one local uncompressed file, UTF-8, a header on the first line and
no other dialect than delimiter and quote); every other resource is validated whole, as before.
"""

from __future__ import annotations

import copy
import hashlib
import io
import itertools
import operator
import pickle
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_all_start_methods

import frictionless
from frictionless import errors

from generator.core import workers
from generator.core.cache import Cache, code_digest
from generator.core.checks.offline import OfflineSession
from generator.core.progress import Progress
from generator.core.read.formats import compression_of, format_of
from generator.core.read.records import Dialect, iter_records_of
from generator.core.workers import CHUNK_ROWS, small_workers

# Frictionless spends ~10 ms setting up a chunk and ~18 us a row: 10,000 rows are 0.2 s to check again after
# an edit (50,000 were 0.9 s), and a national table's 93 chunks cost 0.7 s more set-up than 19 did, spread over
# the workers.
PROGRESS_FROM = 20  # chunks: a table of 200,000 rows takes several seconds
ERROR_LIMIT = 1000  # what Frictionless reports at most for one resource
CHUNKS = "chunks"  # cache namespace of chunk verdicts
TABLE_WIDE = "table-wide"  # cache namespace of the table-wide checks' verdicts
_PLAIN_DIALECT = {"delimiter", "quoteChar", "header", "csv"}


@dataclass(frozen=True)
class ChunkError:
    """A Frictionless error, as plain data: it crosses process boundaries and sits in the cache."""

    type: str
    note: str
    message: str
    row_number: int | None = None
    field_number: int | None = None
    field_name: str | None = None
    label: str | None = None
    cell: str = ""
    # A foreign key's: its columns, their cells, and the resource and columns it points at ("" for the table
    # itself), which its problem names (validate._foreign_key_problem)
    field_names: tuple[str, ...] = ()
    field_cells: tuple[str, ...] = ()
    reference_name: str = ""
    reference_field_names: tuple[str, ...] = ()

    def __post_init__(self) -> None:  # read back from the cache's JSON, they are lists
        for name in ("field_names", "field_cells", "reference_field_names"):
            object.__setattr__(self, name, tuple(getattr(self, name)))

    @classmethod
    def of(cls, error: frictionless.Error, offset: int = 0) -> ChunkError:
        row = getattr(error, "row_number", None)
        message = error.message
        if row and offset:  # "Row at position "41" ..." counts from the chunk's start: say it from the file's
            message = message.replace(f'at position "{row}"', f'at position "{row + offset}"')
        return cls(error.type, error.note or "", message, row + offset if row else None,
                   getattr(error, "field_number", None), getattr(error, "field_name", None),
                   getattr(error, "label", None), str(getattr(error, "cell", "") or ""),
                   tuple(getattr(error, "field_names", ())), tuple(getattr(error, "field_cells", ())),
                   getattr(error, "reference_name", "") or "", tuple(getattr(error, "reference_field_names", ())))


def chunkable(spec: dict, rows: int) -> bool:
    """A resource worth chunking and simple enough to cut into pieces without changing what is checked."""
    dialect = spec.get("dialect")
    csv_part = dialect.get("csv") if isinstance(dialect, dict) and isinstance(dialect.get("csv"), dict) else {}
    # Declared "bytes" or "hash" are checked against the whole file: such a resource is validated whole.
    # Columns matched to fields by name (fieldsMatch) are not where the table-wide checks look for them.
    return (rows > CHUNK_ROWS and isinstance(spec.get("path"), str) and isinstance(spec.get("schema"), dict)
            and spec["schema"].get("fieldsMatch", "exact") == "exact"
            and not any(key in spec for key in ("bytes", "hash", "stats"))
            and format_of(spec) == "csv" and compression_of(spec) is None
            and str(spec.get("encoding") or "utf-8").lower() in ("utf-8", "utf8")
            and (dialect is None or (isinstance(dialect, dict) and set(dialect) <= _PLAIN_DIALECT
                                     and dialect.get("header", True) is True
                                     and set(csv_part) <= {"delimiter", "quoteChar"})))


@dataclass
class Chunk:
    data: bytes
    offset: int  # records before this chunk's first row, not counting the header

    def key(self, schema: dict, dialect: dict | None) -> str:
        inputs = {"frictionless": frictionless.__version__, "schema": schema, "dialect": dialect,
                  "rows": hashlib.sha256(self.data).hexdigest()}
        return Cache.key(CHUNKS, inputs, code_digest(__name__))


def split(data: bytes, dialect: Dialect, keep: list[int]) -> tuple[list[Chunk], list[tuple[str, ...]]]:
    """The chunks (header line + CHUNK_ROWS records each, byte for byte) and, of every record (header
    first), the cells at the positions ``keep`` (only those the table-wide checks read: a million full
    records would take a gigabyte). ``data`` is the file as UTF-8 with "\n" line ends; it is read a line
    at a time (a decoded copy of a 100 MB file takes 200 MB or more). Raises UnicodeDecodeError."""
    text = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline="\n")
    starts, records = [], []
    # One string object per distinct cell: keys repeat (codes, years), and a national table's kept cells took
    # 280 MB as a string each, 90 MB shared.
    intern = {}.setdefault
    picked = _picker(keep)
    for number, (line, cells) in enumerate(iter_records_of(text, dialect)):
        if number and (number - 1) % CHUNK_ROWS == 0:  # a chunk's first record (0 is the header)
            starts.append(line)
        kept = picked(cells)
        records.append(tuple(map(intern, kept, kept)))
    if not records:
        return [], []
    if len(records) == 1:
        return [], records
    offsets = _line_offsets(data, starts)
    header = data[:offsets[0] - 1]
    ends = [offset - 1 for offset in offsets[1:]] + [len(data)]
    chunks = [Chunk(header + b"\n" + data[begin:end], i * CHUNK_ROWS)
              for i, (begin, end) in enumerate(zip(offsets, ends, strict=True))]
    return chunks, records


def _picker(keep: list[int]) -> Callable[[list[str]], tuple[str, ...]]:
    """The cells of a record at the positions ``keep``, "" where the record is shorter (an ``itemgetter`` for
    the records that are long enough: a third of the time of splitting a national table went to picking)."""
    if not keep:
        return lambda cells: ()
    get, width = operator.itemgetter(*keep), max(keep) + 1
    if len(keep) == 1:
        position = keep[0]
        return lambda cells: (cells[position],) if len(cells) > position else ("",)
    return lambda cells: get(cells) if len(cells) >= width else tuple(
        cells[p] if p < len(cells) else "" for p in keep)


def _line_offsets(data: bytes, lines: list[int]) -> list[int]:
    """The byte offset where each of ``lines`` (1-based, ascending) starts."""
    offsets, offset, current = [], 0, 1
    for target in lines:
        while current < target:
            offset = data.index(b"\n", offset) + 1
            current += 1
        offsets.append(offset)
    return offsets


def row_schema(schema: dict) -> dict:
    """The schema without what needs the whole table: primary key, foreign keys, ``unique``."""
    local = copy.deepcopy(schema)
    local.pop("primaryKey", None)
    local.pop("foreignKeys", None)
    for field in local.get("fields", []):
        if isinstance(field, dict) and isinstance(field.get("constraints"), dict):
            field["constraints"].pop("unique", None)
    return local


def validate_chunk(data: bytes, schema: dict, dialect: dict | None, offset: int) -> list[ChunkError]:
    with frictionless.system.use_context(trusted=False, http_session=OfflineSession()):
        options = {"dialect": frictionless.Dialect.from_descriptor(dialect)} if dialect else {}
        resource = frictionless.Resource(data, format="csv", encoding="utf-8",
                                         schema=frictionless.Schema.from_descriptor(schema), **options)
        report = resource.validate()
    found = [ChunkError.of(e) for e in report.errors]
    for task in report.tasks:
        # Header problems belong to the header, which every chunk repeats: the first chunk reports them.
        found += [ChunkError.of(e, offset) for e in task.errors if offset == 0 or getattr(e, "row_number", None)]
    return found


def validate_rows(chunks: list[Chunk], schema: dict, dialect: dict | None, cache: Cache,
                  jobs: int) -> tuple[list[ChunkError], bool]:
    """Every chunk's errors (cached ones read, the rest validated in a pool) and whether every field of the
    schema has a column (the table-wide checks need them)."""
    local = row_schema(schema)
    keys = [chunk.key(local, dialect) for chunk in chunks]
    results: dict[int, list[ChunkError]] = {}
    for i, key in enumerate(keys):
        cached = cache.get_json(CHUNKS, key)
        if isinstance(cached, list):
            results[i] = [ChunkError(**item) for item in cached]
    missing = [i for i in range(len(chunks)) if i not in results]
    arguments = [(chunks[i].data, local, dialect, chunks[i].offset) for i in missing]
    progress = Progress("validation chunks", len(missing)) if len(missing) >= PROGRESS_FROM else None
    found = []
    if jobs > 1 and len(missing) > 1 and "fork" in get_all_start_methods():
        with ProcessPoolExecutor(max_workers=min(jobs, len(missing)), mp_context=small_workers(),
                                 initializer=workers.started) as pool:
            try:
                with workers.signals_held():  # its workers start as the chunks are handed over
                    validated = pool.map(validate_chunk, *zip(*arguments, strict=True))
                for errors_found in validated:
                    found.append(errors_found)
                    if progress:
                        progress.advance()
            except BaseException:  # stopped (SIGTERM, Ctrl+C) or failed: the chunks left are not validated
                workers.stop(pool)
                raise
    else:
        for item in arguments:
            found.append(validate_chunk(*item))
            if progress:
                progress.advance()
    for i, errors_found in zip(missing, found, strict=True):
        results[i] = errors_found
        cache.put_json(CHUNKS, keys[i], [e.__dict__ for e in errors_found])
    merged = [e for i in range(len(chunks)) for e in results[i]]
    # Frictionless skips the table-wide checks only when a field the schema names has no column at all.
    header_ok = not any(e.type == "missing-label" for e in results.get(0, []))
    return merged, header_ok


def checked_fields(schema: frictionless.Schema) -> list[str]:
    """The fields the table-wide checks read, in schema order."""
    names = set(schema.primary_key)
    names |= {f.name for f in schema.fields if f.constraints.get("unique")}
    for key in schema.foreign_keys:
        names |= set(key["fields"])
        if not key["reference"]["resource"]:
            names |= set(key["reference"]["fields"])
    return [f.name for f in schema.fields if f.name in names]


class Integrity:
    """The table-wide checks, over every record's cells, with Frictionless's readers and error notes.
    ``records`` hold the cells of ``checked_fields(schema)``, header first."""

    def __init__(self, schema: frictionless.Schema, records: list[tuple[str, ...]],
                 reference_keys: dict[tuple[str, tuple[str, ...]], set[tuple]]):
        self.schema, self.records, self.reference_keys = schema, records, reference_keys
        self.names = checked_fields(schema)
        self._readers = {field.name: _memo_reader(field) for field in schema.fields if field.name in self.names}

    def keyed(self, names: list[str]) -> Iterator[tuple[int, tuple]]:
        """(row number, typed key) of every data record, header = 1, as Frictionless numbers rows; one at a
        time (a national table's list of them took ~70 MB more at the build's first peak). A name the schema
        lacks (a key into the table itself may name one) is None in every row, as Frictionless's ``row.get``."""
        cells = [self._cell(name) for name in names]
        for number, row in enumerate(itertools.islice(self.records, 1, None), start=2):
            yield number, tuple(cell(row) for cell in cells)

    def _cell(self, name: str) -> Callable[[tuple[str, ...]], object]:
        """The typed cell of field ``name`` in a record of ``records``."""
        if name not in self.names:
            return lambda row: None
        read, position = self._readers[name], self.names.index(name)
        return lambda row: read(row[position])

    def errors(self) -> list[ChunkError]:
        found = self._unique() + self._primary_key() + self._foreign_keys()
        return sorted(found, key=lambda e: e.row_number or 0)

    def _unique(self) -> list[ChunkError]:
        found = []
        for number, field in enumerate(self.schema.fields, start=1):
            if not field.constraints.get("unique"):
                continue
            seen: dict[object, int] = {}
            for row_number, (cell,) in self.keyed([field.name]):
                if cell is None:
                    continue
                if cell in seen:
                    error = errors.UniqueError(note=f"the same as in the row at position {seen[cell]}", cells=[],
                                               row_number=row_number, cell=str(cell), field_name=field.name,
                                               field_number=number)
                    found.append(ChunkError.of(error))
                seen[cell] = row_number
        return found

    def _primary_key(self) -> list[ChunkError]:
        names = list(self.schema.primary_key)
        if not names or not set(names) <= {f.name for f in self.schema.fields}:
            return []
        found, seen = [], {}
        for row_number, cells in self.keyed(names):
            note = ""
            if set(cells) == {None}:
                note = 'cells composing the primary keys are all "None"'
            elif cells in seen:
                note = f"the same as in the row at position {seen[cells]}"
            if cells != (None,) * len(cells):
                seen[cells] = row_number
            if note:
                found.append(ChunkError.of(errors.PrimaryKeyError(note=note, cells=[], row_number=row_number)))
        return found

    def _foreign_keys(self) -> list[ChunkError]:
        found = []
        for key in self.schema.foreign_keys:
            names, reference = list(key["fields"]), key["reference"]
            target = self.reference_keys.get(lookup_key(key))
            if target is None:
                continue
            for row_number, cells in self.keyed(names):
                if set(cells) == {None} or cells in target:
                    continue
                note = (f'for "{", ".join(names)}": values "{", ".join(str(c) for c in cells)}" not found in the '
                        f'lookup table "{reference["resource"]}" as "{", ".join(reference["fields"])}"')
                found.append(ChunkError.of(errors.ForeignKeyError(
                    note=note, cells=[], row_number=row_number, field_names=names,
                    field_cells=["" if c is None else str(c) for c in cells],  # as Frictionless's from_row writes them
                    reference_name=reference["resource"], reference_field_names=list(reference["fields"]))))
        return found


def table_wide_errors(resource: frictionless.Resource, package: frictionless.Package, records: list[tuple[str, ...]],
                      cache: Cache, inputs: dict) -> list[ChunkError] | None:
    """The table-wide checks' errors (at most ERROR_LIMIT, the first by row), taken from the cache when the key
    cells (``records``) and ``inputs`` (the schema; the descriptors and files of the resources the foreign
    keys point at) are those of a previous run: an edit of a score leaves a national table's keys as they
    were, and their checks took 3 s. None when a target cannot be read."""
    cells = hashlib.sha256(pickle.dumps(records, pickle.HIGHEST_PROTOCOL)).hexdigest()  # 0.3 s for 930k records
    key = Cache.key(TABLE_WIDE, {"frictionless": frictionless.__version__, "cells": cells, **inputs},
                    code_digest(__name__))
    cached = cache.get_json(TABLE_WIDE, key)
    if isinstance(cached, list):
        return [ChunkError(**item) for item in cached]
    integrity = Integrity(resource.schema, records, {})
    try:
        integrity.reference_keys = reference_keys(resource, package, integrity)
    except frictionless.FrictionlessException:
        return None
    found = integrity.errors()[:ERROR_LIMIT]  # sorted by row: the first ones are all a report can show
    cache.put_json(TABLE_WIDE, key, [e.__dict__ for e in found])
    return found


def lookup_key(key: dict) -> tuple[str, tuple[str, ...]]:
    """What a foreign key's lookup is kept under: the resource it points at and the fields there, as Frictionless
    keeps it (two keys into one resource by different columns each have their own; one per resource let the
    last key's values stand for all of them)."""
    return key["reference"]["resource"], tuple(key["reference"]["fields"])


def reference_keys(resource: frictionless.Resource, package: frictionless.Package,
                   own: Integrity | None = None) -> dict[tuple[str, tuple[str, ...]], set[tuple]]:
    """The key values each foreign key of ``resource`` may point at, read as Frictionless reads them."""
    keys: dict[tuple[str, tuple[str, ...]], set[tuple]] = {}
    for key in resource.schema.foreign_keys:
        where = name, fields = lookup_key(key)
        if where in keys:  # another key by the same columns: one lookup, as Frictionless reads it once
            continue
        if not name and own is not None:  # a key into the same table
            keys[where] = {cells for _, cells in own.keyed(list(fields)) if set(cells) != {None}}
        elif name and package.has_resource(name):
            target = package.get_resource(name).to_copy()  # as Frictionless does: its own keys not followed
            target.schema.foreign_keys = []
            with target:
                rows = (tuple(row.get(f) for f in fields) for row in target.row_stream)
                keys[where] = {cells for cells in rows if set(cells) != {None}}
    return keys


def _memo_reader(field: frictionless.Field):  # noqa: ANN202 - returns a small closure
    read = field.create_cell_reader()
    memo: dict[str, object] = {}

    def value(source: str) -> object:
        try:
            return memo[source]
        except KeyError:
            cell = memo[source] = read(source)[0]
            return cell
    return value
