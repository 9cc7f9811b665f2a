"""Downloads journalists can verify: CSV and JSON per resource and a zip per package (the bulk zip and the
checksum manifest of every download are made in core/render/archive.py).

Every file here is a pure function of the validated data: no date, language or machine detail goes in, so
the Vietnamese and English builds publish the same bytes at the same URLs and a checksum identifies the data
itself (rebuilding unchanged data on another day gives the same hashes). The one thing from the repository's
history is the descriptor's ``version``, which names the commit of the last change to a package changed since its
release (``model.published_version``): a commit elsewhere leaves a package's files as they were.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import math
import sys
from collections.abc import Callable
from datetime import date, time
from decimal import Decimal, InvalidOperation
from json.encoder import encode_basestring
from typing import BinaryIO

from generator.catalogue.model import DESCRIPTOR, DatasetInfo, ResourceInfo
from generator.core.cache import Cache, code_digest, file_digest
from generator.core.checks.descriptor import normalised
from generator.core.files import write_all
from generator.core.read.jsonrows import json_text, json_value
from generator.core.read.records import Dialect
from generator.core.read.table import FieldSpec, Native, Table
from generator.core.render.archive import sha256, write_zip
from generator.core.render.output import Asset
from generator.urls import package_folder


def csv_bytes(resource: ResourceInfo) -> bytes:
    """The resource as CSV: the validated file byte for byte when it already is one CSV file (decompressed
    when it is compressed), otherwise its rows written as UTF-8 CSV with a header (TSV, JSON, multipart and
    inline data)."""
    table = resource.table
    source = None if resource.derived else table.csv_source()
    if source is not None:
        return source
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.header)
    writer.writerows(row.values for row in table.rows)
    return buffer.getvalue().encode("utf-8")


def write_json(resource: ResourceInfo, out: BinaryIO) -> None:
    """The resource as a JSON array of objects, one per row, typed as the schema says, written a row at a
    time (a national results table makes 300 MB of JSON).

    Numbers are written with the precision the source stated (84.70 stays 84.70, not 84.7), which is why
    rows are assembled by hand rather than with ``json.dumps`` (it would go through float). A number written
    as its field says ("1.234,5" with ``decimalChar: ","``) is the number; a cell the schema cannot type (a
    date in a format of its own, say) stays the string it is in the CSV; missing values are ``null``.
    One row per line keeps diffs of this file readable.
    """
    table = resource.table
    if not table.rows:
        out.write(b"[]\n")
        return
    fields = {f.name: f for f in table.fields}
    columns = [_json_column(f"{_dump(name)}: ", fields.get(name) or FieldSpec(name), cast)
               for name, cast in zip(table.header, table.casts(), strict=True)]
    out.write(b"[\n")
    separator = b""
    for row in table.rows:
        line = "{" + ", ".join([column(value) for column, value in zip(columns, row.values, strict=True)]) + "}"
        out.write(separator + line.encode("utf-8"))
        separator = b",\n"
    out.write(b"\n]\n")


def _json_column(key: str, field: FieldSpec, cast):  # noqa: ANN001, ANN202 - a small closure
    """``"name": value`` for a cell of one column; a column repeats few distinct values, so each text is
    made once (a national results table has 15 million cells and about 20 thousand distinct values)."""
    memo: dict[str, str] = {}
    kind = field.type

    def member(value: str) -> str:
        if type(value) is Native:  # equal to the text it spells, not the same value: never memoised
            return key + _native_json(kind, value)
        try:
            return memo[value]
        except KeyError:
            typed = cast(value)
            if isinstance(typed, (int, Decimal)) and not isinstance(typed, bool) and not _double_holds(typed):
                # NaN and INF have no JSON number: the cell's text as written ("INF", not Decimal's "Infinity");
                # nor has a number a JSON reader would not read back (_double_holds)
                text = memo[value] = key + _dump(value.strip())
            else:
                text = memo[value] = key + (_geopoint(typed, field.format) if kind == "geopoint"
                                            else _json_value(kind, typed))
            return text
    return member


def _native_json(kind: str, cell: Native) -> str:
    """A ``Native`` cell's value as JSON (5, not "5"); a number JSON has none for (NaN) as its text."""
    value = cell.value
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) and not _double_holds(value):
        return _dump(str(cell))
    return _json_value(kind, value)


_EXACT_INT = 2 ** 53  # every integer up to it is a double's


def _double_holds(number: int | float | Decimal) -> bool:
    """A JSON reader gets ``number`` back from its JSON number: Python's and JavaScript's read a JSON number
    into a double, which holds a zero or a normal number, and only the numbers whose shortest writing as a double
    is the number itself. 1e309 (or a 310-digit integer) reads as infinity, 1e-400 and 2.47e-324 as 0, 1e-310
    with only some of its digits; a tweet id such as 970867027907956737 as …736 in JavaScript, and
    0.12345678901234567891 as 0.12345678901234568 in both; NaN and the infinities have no JSON number at all.
    Those are written as their text, a string."""
    if isinstance(number, int) and -_EXACT_INT <= number <= _EXACT_INT:
        return True  # the common case, at a national table's million cells
    if isinstance(number, Decimal) and not number.is_finite():
        return False
    try:
        double = float(number)
    except OverflowError:  # an integer past a double's range
        return False
    if not math.isfinite(double) or (number != 0 and abs(double) < sys.float_info.min):
        return False
    return number == 0 or Decimal(repr(double)) == Decimal(number)


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _json_value(kind: str, value: object) -> str:
    # The common cases first, without json.dumps: this runs once per cell of every table.
    if value is None:
        return "null"
    if isinstance(value, str) and kind not in _JSON_KINDS:
        return encode_basestring(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal)):
        return str(value) if _double_holds(value) else _dump(str(value))  # (a cell's own text: _json_column)
    if isinstance(value, (date, time)):  # a datetime too: ISO 8601, whatever pattern the CSV is written in
        return _dump(value.isoformat())
    if kind == "list" and isinstance(value, tuple):  # its items typed (Table.cast): [1, 2, 3], not "1|2|3"
        return "[" + ", ".join(_json_value("", item) for item in value) + "]"
    if isinstance(value, (dict, list, tuple)):  # a JSON value kept as it is (a column of type any)
        return json_text(value)
    if kind in _JSON_KINDS and isinstance(value, str):
        try:  # with its numbers' digits as written (2.50 stays 2.50)
            return json_text(json_value(value))
        except (ValueError, RecursionError):
            return _dump(value)
    return _dump(value)


# The types whose cell is JSON text, written as the JSON it is (a GeoJSON cell was written as a string of it)
_JSON_KINDS = ("object", "array", "geojson")


def _geopoint(value: object, fmt: str) -> str:
    """A geopoint as Frictionless reads one, whatever its format ("lon, lat", "[lon, lat]" or {"lon", "lat"}):
    the pair [lon, lat], numbers as written; a cell it cannot read (not a point, or out of range) as its text."""
    if not isinstance(value, str):
        return _json_value("geopoint", value)
    try:
        if fmt == "array":
            lon, lat = json_value(value)
        elif fmt == "object":
            point = json_value(value)
            if not isinstance(point, dict) or len(point) != 2:
                raise ValueError(value)
            lon, lat = point["lon"], point["lat"]
        else:
            lon, lat = (part.strip() for part in value.split(","))
        lon, lat = Decimal(str(lon)), Decimal(str(lat))
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise ValueError(value)
    except (ValueError, TypeError, KeyError, InvalidOperation, RecursionError):
        return encode_basestring(value)
    return f"[{lon}, {lat}]"


def published_descriptor(dataset: DatasetInfo, descriptor: dict, files: dict[str, bytes]) -> bytes:
    """The descriptor as published beside the downloads: each resource points at its CSV file and states
    that file's size and SHA-256 (``hash: "sha256:<hex>"``, the Frictionless form), so that
    ``frictionless validate`` checks a downloaded copy against what we published. Legacy ``{id, url}``
    licences, which we accept with a warning, are published in the current form so the file validates."""
    descriptor = normalised(descriptor)
    published = {k: v for k, v in descriptor.items() if k != "resources"}
    by_name = {r.get("name"): r for r in descriptor.get("resources", []) if isinstance(r, dict)}
    resources = []
    for resource in dataset.resources:
        spec = dict(by_name.get(resource.name) or {"name": resource.name})
        for key in ("data", "scheme", "compression", "innerpath", "bytes", "hash"):
            spec.pop(key, None)
        data = files[resource.csv_name]
        spec.update(path=resource.csv_name, format="csv", mediatype="text/csv", encoding="utf-8",
                    bytes=len(data), hash=f"sha256:{sha256(data)}")
        if Dialect.from_descriptor(spec) != Dialect():
            spec.pop("dialect", None)
        if resource.derived and resource.table.fields:
            spec["schema"] = {"fields": [{"name": f.name, "type": f.type} for f in resource.table.fields]}
        resources.append(spec)
    published["resources"] = resources
    return (json.dumps(published, ensure_ascii=False, indent=2, default=str) + "\n").encode("utf-8")


def package_downloads(dataset: DatasetInfo, descriptor: dict, store: DownloadStore | None = None) -> list[Asset]:
    """One package's files: CSV per resource, JSON per resource small enough to have one
    (``ResourceInfo.has_json``), ``datapackage.json``, and the zip of the package.

    The zip holds ``datapackage.json`` at its root beside the CSV files (the layout ``frictionless`` reads
    from a zip), and the descriptor in it is the same file as the one published beside the CSVs. With a
    ``store``, the files are written to disk once per distinct input and served from there.
    """
    if store is not None:
        return store.package(dataset, descriptor)
    writers = package_writers(dataset, descriptor)
    assets = []
    for uri, name in package_layout(dataset):
        buffer = io.BytesIO()
        writers[name](buffer)
        assets.append(Asset(uri, buffer.getvalue()))
    return assets


def package_layout(dataset: DatasetInfo) -> list[tuple[str, str]]:
    """(URI, file name in the store) of each of a package's downloads, in the order they are published."""
    folder = package_folder(dataset.name)
    layout = [(f"{folder}/{resource.csv_name}", f"csv-{number}") for number, resource in enumerate(dataset.resources)]
    layout += [(resource.json_uri, f"json-{number}") for number, resource in enumerate(dataset.resources)
               if resource.has_json]
    return layout + [(dataset.descriptor_uri, "datapackage"), (dataset.zip_uri, "zip")]


def package_writers(dataset: DatasetInfo, descriptor: dict) -> dict[str, Callable[[BinaryIO], None]]:
    """The writer of each file of ``package_layout`` by its name; they stream (the JSON of a large table is
    written a row at a time)."""
    csvs = {resource.csv_name: csv_bytes(resource) for resource in dataset.resources}
    descriptor_bytes = published_descriptor(dataset, descriptor, csvs)
    writers = {f"csv-{number}": _bytes_writer(data) for number, data in enumerate(csvs.values())}
    writers |= {f"json-{number}": functools.partial(write_json, resource)
                for number, resource in enumerate(dataset.resources) if resource.has_json}
    writers["datapackage"] = _bytes_writer(descriptor_bytes)
    writers["zip"] = lambda out: write_zip(out, {**csvs, DESCRIPTOR: descriptor_bytes})
    return writers


def _bytes_writer(data: bytes) -> Callable[[BinaryIO], None]:
    return lambda out: write_all(out, data)


DOWNLOADS = "downloads"  # cache namespace


class DownloadStore:
    """Downloads on disk, in the cache: one folder entry per package keyed by everything its files are made
    from (the descriptor, each resource's bytes, the code that writes them). A package whose inputs did not
    change is not written again (adding a session re-makes the supervision package only), no download is
    held in memory (the national JSON alone is 300 MB), and a file that no longer matches the digest
    recorded when it was written is never published (the entry is written again)."""

    def __init__(self, cache: Cache):
        self.cache = cache

    def package(self, dataset: DatasetInfo, descriptor: dict) -> list[Asset]:
        key = self._key(dataset, descriptor)
        files = self.cache.folder(DOWNLOADS, key, file_digest)
        if files is None:
            files = self.cache.put_folder(DOWNLOADS, key, package_writers(dataset, descriptor), file_digest)
        return [Asset(uri, path=files[name]) for uri, name in package_layout(dataset)]

    def _key(self, dataset: DatasetInfo, descriptor: dict) -> str:
        parts = [(r.name, r.csv_name, r.json_uri if r.has_json else None, r.derived, self._digest(r))
                 for r in dataset.resources]
        inputs = {"descriptor": descriptor, "resources": parts, "uris": [dataset.descriptor_uri, dataset.zip_uri]}
        return Cache.key(DOWNLOADS, inputs, code_digest(__name__))

    @staticmethod
    def _digest(resource: ResourceInfo) -> str:
        path = resource.table.path
        if path is not None and not resource.derived and path.suffix.lower() == ".csv":
            return f"file:{file_digest(path)}"
        rows = f"rows:{sha256(csv_bytes(resource))}"
        # A JSON 5 and "5" in a column of type any are the same CSV, not the same JSON download
        return rows + f" natives:{sha256(_natives_text(resource.table))}" if resource.table.natives else rows


def _natives_text(table: Table) -> bytes:
    """Where each ``Native`` cell of ``table`` is and its value, as bytes to digest."""
    found = [f"{number}:{column}:{json_text(cell.value)}" for number, row in enumerate(table.rows)
             for column, cell in enumerate(row.values) if type(cell) is Native]
    return "\n".join(found).encode("utf-8", "surrogatepass")
