"""Downloads journalists can verify: CSV and JSON per resource, a zip per package, one bulk zip, SHA256SUMS.

Every file here is a pure function of the validated data: no date, language or machine detail goes in, so
the Vietnamese and English builds publish the same bytes at the same URLs and a checksum identifies the data
itself (rebuilding unchanged data on another day gives the same hashes). Zips have fixed timestamps, fixed
permissions and sorted entries for the same reason.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import shutil
import zipfile
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from json.encoder import encode_basestring
from pathlib import Path
from typing import BinaryIO

from generator.catalogue.model import BULK_ZIP, DOWNLOADS_DIR, MANIFEST, DatasetInfo, ResourceInfo
from generator.core.cache import Cache, code_digest, file_digest
from generator.core.checks.descriptor import normalised
from generator.core.read.records import Dialect
from generator.core.render.output import Asset, Output

# 1980-01-01 is the earliest date a zip entry can hold; any fixed value would do.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_UNIX = 3  # "made by" Unix, so that the permission bits below mean the same everywhere


def csv_bytes(resource: ResourceInfo) -> bytes:
    """The resource as CSV: the validated file byte for byte when it already is one plain CSV file,
    otherwise its rows written as UTF-8 CSV with a header (TSV, multipart and inline data)."""
    table = resource.table
    if table.path is not None and not resource.derived and table.path.suffix.lower() == ".csv":
        data = table.path.read_bytes()
        return data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.header)
    writer.writerows(row.values for row in table.rows)
    return buffer.getvalue().encode("utf-8")


def write_json(resource: ResourceInfo, out: BinaryIO) -> None:
    """The resource as a JSON array of objects, one per row, typed as the schema says, written a row at a
    time (a national results table makes 300 MB of JSON).

    Numbers are written with the precision the source stated (84.70 stays 84.70, not 84.7), which is why
    rows are assembled by hand rather than with ``json.dumps`` (it would go through float). A cell the
    schema cannot type (a number in a locale format, say) stays the string it is in the CSV; missing values
    are ``null``. One row per line keeps diffs of this file readable.
    """
    table = resource.table
    if not table.rows:
        out.write(b"[]\n")
        return
    kinds = {f.name: f.type for f in table.fields}
    columns = [_json_column(f"{_dump(name)}: ", kinds.get(name, "string"), cast)
               for name, cast in zip(table.header, table.casts(), strict=True)]
    out.write(b"[\n")
    separator = b""
    for row in table.rows:
        line = "{" + ", ".join([column(value) for column, value in zip(columns, row.values, strict=True)]) + "}"
        out.write(separator + line.encode("utf-8"))
        separator = b",\n"
    out.write(b"\n]\n")


def _json_column(key: str, kind: str, cast):  # noqa: ANN001, ANN202 - a small closure
    """``"name": value`` for a cell of one column; a column repeats few distinct values, so each text is
    made once (a national results table has 15 million cells and about 20 thousand distinct values)."""
    memo: dict[str, str] = {}

    def member(value: str) -> str:
        try:
            return memo[value]
        except KeyError:
            text = memo[value] = key + _json_value(kind, cast(value))
            return text
    return member


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _json_value(kind: str, value: object) -> str:
    # The common cases first, without json.dumps: this runs once per cell of every table.
    if value is None:
        return "null"
    if isinstance(value, str) and kind not in ("object", "array"):
        return encode_basestring(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return str(value) if value.is_finite() else _dump(str(value))  # NaN and INF have no JSON number
    if isinstance(value, date):
        return _dump(value.isoformat())
    if kind in ("object", "array") and isinstance(value, str):
        try:
            return _dump(json.loads(value))
        except ValueError:
            return _dump(value)
    return _dump(value)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


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


def zip_bytes(files: dict[str, bytes | Path]) -> bytes:
    buffer = io.BytesIO()
    write_zip(buffer, files)
    return buffer.getvalue()


def write_zip(out: BinaryIO, files: dict[str, bytes | Path]) -> None:
    """A zip whose bytes depend only on the contents of ``files`` (bytes, or files on disk read a block at
    a time): sorted names, one fixed timestamp, mode 0644."""
    with zipfile.ZipFile(out, "w") as archive:
        for name in sorted(files):
            source = files[name]
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.create_system = _UNIX
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            info.file_size = len(source) if isinstance(source, bytes) else source.stat().st_size
            # zlib's default level (6): level 9 took three times as long on a 104 MB CSV for 0.1 % less.
            with archive.open(info, "w") as member:
                if isinstance(source, bytes):
                    member.write(source)
                else:
                    with source.open("rb") as handle:
                        shutil.copyfileobj(handle, member, 1 << 20)


def package_downloads(dataset: DatasetInfo, descriptor: dict, store: DownloadStore | None = None) -> list[Asset]:
    """One package's files: CSV and JSON per resource, ``datapackage.json``, and the zip of the package.

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
    folder = f"{DOWNLOADS_DIR}/{dataset.name}"
    layout = [(f"{folder}/{resource.csv_name}", f"csv-{number}") for number, resource in enumerate(dataset.resources)]
    layout += [(resource.json_uri, f"json-{number}") for number, resource in enumerate(dataset.resources)]
    return layout + [(dataset.descriptor_uri, "datapackage"), (dataset.zip_uri, "zip")]


def package_writers(dataset: DatasetInfo, descriptor: dict) -> dict[str, Callable[[BinaryIO], None]]:
    """The writer of each file of ``package_layout`` by its name; they stream (the JSON of a large table is
    written a row at a time)."""
    csvs = {resource.csv_name: csv_bytes(resource) for resource in dataset.resources}
    descriptor_bytes = published_descriptor(dataset, descriptor, csvs)
    writers = {f"csv-{number}": _bytes_writer(data) for number, data in enumerate(csvs.values())}
    writers |= {f"json-{number}": functools.partial(write_json, resource)
                for number, resource in enumerate(dataset.resources)}
    writers["datapackage"] = _bytes_writer(descriptor_bytes)
    writers["zip"] = lambda out: write_zip(out, {**csvs, "datapackage.json": descriptor_bytes})
    return writers


def _bytes_writer(data: bytes) -> Callable[[BinaryIO], None]:
    return lambda out: out.write(data)


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
        parts = [(r.name, r.csv_name, r.json_uri, r.derived, self._digest(r)) for r in dataset.resources]
        inputs = {"descriptor": descriptor, "resources": parts, "uris": [dataset.descriptor_uri, dataset.zip_uri]}
        return Cache.key(DOWNLOADS, inputs, code_digest(__name__))

    @staticmethod
    def _digest(resource: ResourceInfo) -> str:
        path = resource.table.path
        if path is not None and not resource.derived and path.suffix.lower() == ".csv":
            return f"file:{file_digest(path)}"
        return f"rows:{sha256(csv_bytes(resource))}"

    def bulk(self, contents: dict[str, Asset], digests: dict[str, str]) -> Path:
        """The bulk zip of ``contents`` on disk, keyed by their names and hashes."""
        key = Cache.key(DOWNLOADS, {"bulk": sorted(digests.items())}, code_digest(__name__))
        files = self.cache.folder(DOWNLOADS, key, file_digest)
        if files is None:
            sources = {name: a.path if a.path is not None else a.data for name, a in contents.items()}
            files = self.cache.put_folder(DOWNLOADS, key, {"zip": lambda out: write_zip(out, sources)}, file_digest)
        return files["zip"]


def bundle(assets: list[Asset], store: DownloadStore | None = None) -> Output:
    """The bulk zip of every download and the ``SHA256SUMS`` manifest of all of them.

    Called last, once every feature has added its files under ``tai-ve/``. Paths in both are relative to
    ``tai-ve/``, so the manifest checks the files served there and, unchanged, the files unzipped from the
    bulk zip (which keeps the same folders). Per-package zips are left out of the bulk zip: it would hold
    the same files twice.
    """
    prefix = f"{DOWNLOADS_DIR}/"
    downloads = {a.uri[len(prefix):]: a for a in assets if a.uri.startswith(prefix)}
    downloads.pop(MANIFEST, None)
    digests = {path: asset_digest(a) for path, a in downloads.items()}
    contents = {path: a for path, a in downloads.items() if not path.endswith(".zip")}
    if store is not None:
        bulk = Asset(prefix + BULK_ZIP, path=store.bulk(contents, {p: digests[p] for p in contents}))
    else:
        bulk = Asset(prefix + BULK_ZIP, zip_bytes({p: a.data for p, a in contents.items()}))
    digests[BULK_ZIP] = asset_digest(bulk)
    sums = "".join(f"{digests[path]}  {path}\n" for path in sorted(digests)).encode("utf-8")
    return Output(assets=[bulk, Asset(prefix + MANIFEST, sums)])


def asset_digest(asset: Asset) -> str:
    """SHA-256 of an asset's bytes, reading a file on disk a block at a time."""
    if asset.path is None:
        return sha256(asset.data)
    return file_digest(asset.path)
