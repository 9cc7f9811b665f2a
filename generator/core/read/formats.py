"""Which format and compression a resource has, as Frictionless decides them, and its file decompressed
with a limit.

Frictionless (5.21, ``Detector.detect_resource``) takes the compression from ``compression`` or from the
path's last extension (zip, gz, bz2, xz), and the format from ``format`` or from the extension left once the
compression's is cut off (or from ``innerpath``). It decompresses with no limit, writes a zip member whole to
a temporary file, and raises on a truncated gzip or an encrypted zip member: so every compressed file is
read here first, bounded, and one that cannot be read never reaches Frictionless.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import os
import zipfile
from pathlib import Path
from typing import BinaryIO

COMPRESSIONS = ("zip", "gz", "bz2", "xz")  # frictionless.settings.COMPRESSION_FORMATS
TABLE_FORMATS = ("csv", "tsv", "json", "jsonl", "ndjson")  # what we read and publish
JSON_FORMATS = ("json", "jsonl", "ndjson")
# Formats of tables that Frictionless has parsers for (or a spreadsheet) but we refuse: spreadsheets lose a
# cell's exact text (84.70 becomes 84.7, a formula without its cached value becomes empty) and need XML parsers
# on untrusted input; the rest are not tables a maintainer edits in a pull request. A resource in one of them is a
# table Minh Bạch cannot read (unsupported-format, an error), never a file it leaves out: Frictionless reads it as
# a table (xlsm aside, a spreadsheet all the same) and would check its rows.
TABLE_FORMATS_UNREAD = ("xlsx", "xls", "xlsm", "ods", "parquet", "parq", "sav", "zsav", "spss", "sql", "gsheets",
                        "pandas")


class Unreadable(Exception):
    """A compressed file that cannot be read: ``code`` is a problem code, ``params`` its parameters."""

    def __init__(self, code: str, **params: object):
        super().__init__(code)
        self.code, self.params = code, params


def _extension(path: str) -> str:
    return os.path.splitext(path)[1][1:].lower()  # lower-cased, as helpers.parse_scheme_and_format does


def compression_of(resource: dict, part: str | None = None) -> str | None:
    """The declared ``compression`` (as written: Frictionless does not support "GZ"), else the path's last
    extension when it is a compression. ``part``: one file of a multipart resource, which Frictionless
    opens on its own, by its own extension only."""
    if part is not None:
        return _extension(part) if _extension(part) in COMPRESSIONS else None
    declared = resource.get("compression")
    if declared and declared != "no":  # "no" is dropped by Frictionless, with a deprecation warning
        return str(declared)
    path = resource.get("path")
    if isinstance(path, str) and _extension(path) in COMPRESSIONS:
        return _extension(path)
    return None


def format_of(resource: dict) -> str:
    """``format`` as declared (lower-cased here), else as Frictionless infers it from the path."""
    if resource.get("format"):
        return str(resource["format"]).lower()
    path = resource.get("path")
    if isinstance(path, list):
        path = next((p for p in path if isinstance(p, str)), "")
    path = path if isinstance(path, str) else ""
    extension = _extension(path)
    if extension in COMPRESSIONS:
        path = path[: -len(extension) - 1]
        if isinstance(resource.get("innerpath"), str) and resource["innerpath"]:
            path = os.path.join(path, resource["innerpath"])
        extension = _extension(path)
    return extension


def read_decompressed(path: Path | BinaryIO, compression: str, innerpath: str | None, limit: int
                      ) -> tuple[bytes, str | None]:
    """(the bytes Frictionless would parse, the zip member read or None). Never more than ``limit`` bytes
    are decompressed, nothing is written to disk, and a member's name is only looked up in the archive.
    ``path`` may be an open binary file (an old version of a file, read from git). Raises Unreadable."""
    if compression == "zip":
        return _zip_member(path, innerpath, limit)
    openers = {"gz": gzip.open, "bz2": bz2.open, "xz": lzma.open}
    if compression not in openers:
        raise Unreadable("compression-error", compression=compression, detail="unknown compression")
    try:
        with openers[compression](path, "rb") as stream:
            data = stream.read(limit + 1)
    except (EOFError, OSError, lzma.LZMAError, ValueError) as exc:  # gzip.BadGzipFile is an OSError
        raise Unreadable("compression-error", compression=compression, detail=str(exc) or type(exc).__name__) \
            from exc
    if len(data) > limit:
        raise Unreadable("decompressed-too-large", limit=limit)
    return data, None


def _zip_member(path: Path | BinaryIO, innerpath: str | None, limit: int) -> tuple[bytes, str]:
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()  # in the order written (Frictionless takes the first), folders too
            name = innerpath or (names[0] if names else "")
            info = next((i for i in archive.infolist() if i.filename == name), None)
            if info is None or info.is_dir():
                raise Unreadable("zip-member", member=name or "?", members=", ".join(
                    n for n in names if not n.endswith("/")) or "-")
            if info.flag_bits & 0x1:
                raise Unreadable("compression-error", compression="zip", detail=f"{name} is encrypted")
            if info.file_size > limit:  # zipfile never yields more than file_size bytes, then checks the CRC
                raise Unreadable("decompressed-too-large", limit=limit)
            with archive.open(info) as member:
                return member.read(), name
    except (zipfile.BadZipFile, NotImplementedError, EOFError, OSError, ValueError) as exc:
        # NotImplementedError: a compression method zipfile lacks (deflate64, say)
        raise Unreadable("compression-error", compression="zip", detail=str(exc) or type(exc).__name__) from exc
