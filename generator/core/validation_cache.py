"""Skip Frictionless for resources whose bytes did not change.

A resource's verdict depends on its descriptor, its files, the files of the resources its foreign keys
point at, the path a problem is reported under, and the Frictionless version. The hash of all of these
keys a small JSON file holding the problems found last time (usually none).
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

import frictionless

from generator.core.files import write_atomic
from generator.core.problems import Problem

CACHE_VERSION = "1"


@lru_cache(maxsize=4096)
def file_digest(path: Path, size: int, mtime_ns: int) -> str:
    """sha256 of a file; memoised on (path, size, mtime) within one process."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def digest_of(path: Path) -> str:
    if not path.is_file():
        return "missing"
    stat = path.stat()
    return file_digest(path, stat.st_size, stat.st_mtime_ns)


def resource_key(descriptor: dict, files: list[Path], where: str) -> str:
    payload = json.dumps({"v": CACHE_VERSION, "frictionless": frictionless.__version__, "where": where,
                          "descriptor": descriptor, "files": [digest_of(f) for f in files]},
                         sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


class ValidationCache:
    def __init__(self, folder: Path | None):
        self.folder = folder

    def get(self, key: str) -> list[Problem] | None:
        items = self.get_raw(key)
        try:
            return None if items is None else [_from_json(item) for item in items]
        except (KeyError, TypeError):
            return None

    def put(self, key: str, problems: list[Problem]) -> None:
        self.put_raw(key, [_to_json(p) for p in problems])

    def get_raw(self, key: str) -> list | None:
        """Any JSON list stored under ``key`` (chunk verdicts, see chunked_validation)."""
        path = self._path(key)
        if path is None or not path.is_file():
            return None
        try:
            value = json.loads(path.read_text("utf-8"))
        except ValueError:
            return None
        return value if isinstance(value, list) else None

    def put_raw(self, key: str, value: list) -> None:
        path = self._path(key)
        if path is None:
            return
        write_atomic(path, json.dumps(value, ensure_ascii=False).encode("utf-8"))

    def _path(self, key: str) -> Path | None:
        return self.folder / key[:2] / f"{key}.json" if self.folder else None


def _to_json(p: Problem) -> dict:
    return {"code": p.code, "path": p.path, "line": p.line, "column": p.column, "field": p.field,
            "params": [list(pair) for pair in p.params]}


def _from_json(item: dict) -> Problem:
    return Problem(item["code"], item["path"], item["line"], item["column"], item["field"],
                   tuple((str(k), str(v)) for k, v in item["params"]))
