"""Finished pages kept between builds, so that an edit re-renders only the pages whose text changed.

A page's HTML is a function of its Markdown (with its raw regions) and of everything around it that is the
same for every page of a build: the theme and its overrides, the MkDocs configuration, the navigation, the
generator's own code and the versions of MkDocs and the theme. ``signature`` hashes the second group once
per build; ``key`` adds the page. Each entry holds the page's final HTML and its search-index entries
(written at different moments of a build, so a page counts as cached only when both are there).

Engine-neutral: the MkDocs plugin decides which pages may be reused and how.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import zlib
from pathlib import Path

from generator.core.build_stamp import GENERATOR_DIR, digest_files
from generator.core.files import write_atomic

CACHE_VERSION = "1"
MAX_AGE_DAYS = 14  # entries neither built nor reused for this long are deleted after a build


def signature(project: Path, context: dict) -> str:
    """What every page of one build shares: generator code, MkDocs configs and theme overrides of the project,
    and ``context`` (engine versions, language, navigation...)."""
    digest = hashlib.sha256(f"{CACHE_VERSION}\0".encode())
    digest_files(digest, GENERATOR_DIR, ())
    for path in sorted(project.glob("mkdocs*.y*ml")):
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    overrides = project / "docs" / "overrides"
    if overrides.is_dir():
        digest_files(digest, overrides, ())
    digest.update(json.dumps(context, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def key(build_signature: str, uri: str, content: str) -> str:
    return hashlib.sha256(f"{build_signature}\0{uri}\0{content}".encode()).hexdigest()


class PageCache:
    def __init__(self, folder: Path):
        self.folder = folder

    def _path(self, page_key: str, suffix: str) -> Path:
        return self.folder / page_key[:2] / f"{page_key}{suffix}"

    def has(self, page_key: str) -> bool:
        return self._path(page_key, ".html.z").is_file() and self._path(page_key, ".search.json").is_file()

    def html(self, page_key: str) -> bytes:
        path = self._path(page_key, ".html.z")
        os.utime(path)  # recently used: kept by prune
        return zlib.decompress(path.read_bytes())

    def prune(self, max_age_days: float = MAX_AGE_DAYS) -> int:
        """Delete entries not built or used for ``max_age_days``; the number of files deleted."""
        cutoff = time.time() - max_age_days * 86400
        removed = 0
        for path in self.folder.glob("*/*.html.z") if self.folder.is_dir() else []:
            if path.stat().st_mtime < cutoff:
                for stale in (path, path.with_name(path.name.replace(".html.z", ".search.json"))):
                    stale.unlink(missing_ok=True)
                    removed += 1
        return removed

    def search(self, page_key: str) -> list[dict]:
        return json.loads(self._path(page_key, ".search.json").read_text("utf-8"))

    def put_html(self, page_key: str, html: bytes) -> None:
        write_atomic(self._path(page_key, ".html.z"), zlib.compress(html, 1))

    def put_search(self, page_key: str, entries: list[dict]) -> None:
        write_atomic(self._path(page_key, ".search.json"), json.dumps(entries, ensure_ascii=False).encode())

