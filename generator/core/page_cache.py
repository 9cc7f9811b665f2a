"""Finished pages kept between builds, so that an edit re-renders only the pages whose text changed.

A page's HTML is a function of its Markdown (with its raw regions) and of everything around it that is the
same for every page of a build: the theme and its overrides, the MkDocs configuration, the navigation, the
code that turns Markdown into HTML and the versions of MkDocs and the theme. ``signature`` hashes the second
group once per build; ``key`` adds the page. Each entry holds the page's final HTML and its search-index
entries (written at different moments of a build, so a page counts as cached only when both are there and
both pass their check).

Engine-neutral: the MkDocs adapter decides which pages may be reused and how.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from pathlib import Path

from generator.core.cache import Cache, code_digest

PAGES = "pages"  # cache namespace
_HTML, _SEARCH = ".html", ".search"


def signature(project: Path, context: dict, code: str) -> str:
    """What every page of one build shares: the code that makes the HTML (``code``, a ``code_digest``), the
    MkDocs configs and theme overrides of the project, and ``context`` (engine versions, language, nav...)."""
    digest = hashlib.sha256(code.encode())
    for path in sorted(project.glob("mkdocs*.y*ml")):
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    overrides = project / "docs" / "overrides"
    for path in sorted(overrides.rglob("*")) if overrides.is_dir() else []:
        if path.is_file():
            digest.update(path.relative_to(overrides).as_posix().encode() + b"\0" + path.read_bytes())
    digest.update(json.dumps(context, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def key(build_signature: str, uri: str, content: str) -> str:
    return Cache.key(PAGES, [build_signature, uri, content], code_digest(__name__))


class PageCache:
    def __init__(self, cache: Cache):
        self.cache = cache

    def has(self, page_key: str) -> bool:
        return self.cache.has(PAGES, page_key + _HTML) and self.cache.has(PAGES, page_key + _SEARCH)

    def has_search(self, page_key: str) -> bool:
        """Whether the page's search entries are stored (all a page linked from the previous site needs); its
        HTML, if stored, is kept for the next builds without being read (``Cache.keep``)."""
        self.cache.keep(PAGES, page_key + _HTML)
        return self.cache.has(PAGES, page_key + _SEARCH)

    def keep(self, page_key: str) -> None:
        """Keep the page's entries for the next builds without reading them (``Cache.keep``)."""
        self.cache.keep(PAGES, page_key + _HTML)
        self.cache.keep(PAGES, page_key + _SEARCH)

    def html(self, page_key: str) -> bytes:
        data = self.cache.get(PAGES, page_key + _HTML)
        if data is None:
            raise LookupError(f"page {page_key} left the cache during the build")
        return zlib.decompress(data)

    def search(self, page_key: str) -> list[dict]:
        value = self.cache.get_json(PAGES, page_key + _SEARCH)
        if not isinstance(value, list):
            raise LookupError(f"page {page_key} left the cache during the build")
        return value

    def put_html(self, page_key: str, html: bytes) -> None:
        self.cache.put(PAGES, page_key + _HTML, zlib.compress(html, 1))

    def put_search(self, page_key: str, entries: list[dict]) -> None:
        self.cache.put(PAGES, page_key + _SEARCH, json.dumps(entries, ensure_ascii=False).encode())
