"""Pages taken from the page cache (``core/page_cache.py``) instead of being rendered by MkDocs again.

MkDocs' "dirty" build skips a page whose file says it is not modified: a page whose text and surroundings
are unchanged becomes a ``CachedPage``, and its cached HTML and search entries are put back after the
build, in page order, so that a build from the cache gives the same bytes as a build without it. Pages in
the navigation are always built (their titles and neighbours feed every other page).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from generator.core.cache import code_digest
from generator.core.page_cache import PageCache, key, signature
from generator.core.render.output import Page
from generator.mkdocs.nav import nav_targets


class CachedPage(File):
    """A generated page whose finished HTML is in the page cache: MkDocs' dirty build leaves it alone."""

    def is_modified(self) -> bool:
        return False


class PageReuse:
    def __init__(self, cache: PageCache, project: Path, lang: str, canonical: Callable[[str], str] = str):
        self.cache, self.project, self.lang = cache, project, lang
        self.canonical = canonical  # a page's text without what differs from build to build (raw markers)
        self.stored: dict[str, str] = {}  # src_uri -> cache key of a page built now
        self.reused: dict[str, str] = {}  # src_uri -> cache key of a page taken as is
        self.files: dict[str, File] = {}  # src_uri -> the file of a reused page
        self.urls: dict[str, str] = {}  # src_uri -> URL of every generated page (as the search index has it)
        self.order: list[str] = []  # URLs of every page, in the order MkDocs builds them

    def plan(self, config: MkDocsConfig, pages: list[Page], alternates: list[dict], docs: list[Path]) -> set[str]:
        """Which generated pages to take from the cache: the URIs of those whose text and surroundings are
        unchanged (call after the navigation is final: it is part of every page's surroundings). ``docs``:
        the folders hand-written pages come from."""
        in_nav = set(nav_targets(config.nav or []))
        context = {"mkdocs": _version("mkdocs"), "theme": _version("mkdocs-material"), "lang": self.lang,
                   "nav": config.nav, "site_url": config.site_url, "alternates": alternates,
                   "titles": nav_titles(config.nav or [], pages, docs)}
        build = signature(self.project, context, code_digest("generator.mkdocs.plugin"))
        for page in pages:
            page_key = key(build, page.uri, self.canonical(page.content))
            if page.uri not in in_nav and self.cache.has(page_key):
                self.reused[page.uri] = page_key
            else:
                self.stored[page.uri] = page_key
        return set(self.reused)

    def remember(self, files: list[File], generated: dict[str, File]) -> None:
        """The files of this build: page order for the search index, URLs of the generated pages."""
        self.order = [location(f.url) for f in files]
        self.urls = {uri: location(file.url) for uri, file in generated.items()}
        self.files = {uri: generated[uri] for uri in self.reused}

    def store(self, src_uri: str, html: str) -> None:
        """Keep a page built now (the bytes MkDocs is about to write: it encodes the same way)."""
        if src_uri in self.stored:
            self.cache.put_html(self.stored[src_uri], html.encode("utf-8", "xmlcharrefreplace"))

    def write_reused(self) -> None:
        for uri, page_key in self.reused.items():
            path = Path(self.files[uri].abs_dest_path)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(self.cache.html(page_key))

    def merge_search(self, text: str | None) -> str | None:
        """The theme's index of the pages built now, with the cached entries of the reused ones, in the order
        of the pages (as the theme writes it); the entries of pages built now are cached for next time.
        Without a search index (``None``), a page is its HTML alone."""
        if text is None:
            for page_key in self.stored.values():
                self.cache.put_search(page_key, [])
            return None
        data = json.loads(text)
        by_page: dict[str, list[dict]] = {}
        for entry in data["docs"]:
            by_page.setdefault(entry["location"].split("#")[0], []).append(entry)
        for uri, page_key in self.stored.items():
            self.cache.put_search(page_key, by_page.get(self.urls[uri], []))
        for uri, page_key in self.reused.items():
            by_page[self.urls[uri]] = self.cache.search(page_key)
        ordered = [url for url in self.order if url in by_page]
        seen = set(ordered)
        ordered += [url for url in by_page if url not in seen]
        data["docs"] = [entry for url in ordered for entry in by_page[url]]
        return json.dumps(data, separators=(",", ":"), default=str)  # as the theme writes it


def nav_titles(nav: list, pages: list[Page], folders: list[Path]) -> dict[str, str]:
    """What gives each untitled page of the navigation its title (its front matter's ``title`` or its first
    heading), generated or hand-written (from the first of ``folders`` that has it): those titles are in the
    sidebar of every page, reused ones too. A page the config names keeps that name whatever it holds."""
    generated = {page.uri: page.content for page in pages}
    titles = {}
    for uri in untitled(nav):
        text = generated.get(uri)
        if text is None:
            found = next((folder / uri for folder in folders if (folder / uri).is_file()), None)
            text = found.read_text("utf-8") if found is not None else ""
        titles[uri] = title_source(text)
    return titles


def untitled(nav: list) -> list[str]:
    """The pages of a MkDocs nav listed without a title of their own, at any depth."""
    found = []
    for entry in nav:
        if isinstance(entry, str):
            found.append(entry)
        elif isinstance(entry, dict):
            target = next(iter(entry.values()))
            found += untitled(target) if isinstance(target, list) else []
    return found


def title_source(markdown: str) -> str:
    """The front matter's ``title`` line, else the first level-1 heading, else the whole text."""
    lines = markdown.splitlines()
    if lines and lines[0].strip() == "---":
        for line in lines[1:]:
            if line.strip() == "---":
                break
            if line.startswith("title:"):
                return line
    return next((line for line in lines if line.startswith("# ")), markdown)


def _version(distribution: str) -> str:
    try:
        return version(distribution)
    except PackageNotFoundError:
        return ""


def location(url: str) -> str:
    """A page's URL as the search index writes it (the home page is "" there, "./" in MkDocs)."""
    return "" if url == "./" else url
