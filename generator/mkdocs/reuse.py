"""Pages taken from the page cache (``core/page_cache.py``) instead of being rendered by MkDocs again.

MkDocs' "dirty" build skips a page whose file says it is not modified: a page whose text outside its raw
regions (the data tables) and whose surroundings are unchanged becomes a ``CachedPage``; its cached HTML,
with its raw regions put back from its text, and its search entries are written after the build, in page
order, so that a build from the cache gives the same bytes as a build without it. A page whose only change
is in its tables is therefore not rendered by MkDocs at all. Hand-written pages are reused the same way.
A page of the navigation is reused too: its title, which every page shows in the sidebar, is read from its
text (``on_nav``), and the signature of the build holds what gives each navigation page its title.
A reused page's file is a hard link to the same page's file in the site being replaced when that file was
written from the same cached HTML and raw regions and has not changed since (``PageReuse.record_written``).
That is found when the page is planned, from the digests its unit recorded (``Page.digest``, ``Page.blocks``):
such a page's cached HTML and its text are never read (nearly every page of a national one-row edit). Its search
entries are taken from the replaced site's search index when that file is still the one the previous build
wrote (``PageReuse._previous_search``), rather than from the page cache's entry of each page.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from functools import cached_property
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from generator.core import kept
from generator.core.cache import Cache, code_digest, tool_versions
from generator.core.page_cache import PageCache, key, signature
from generator.core.render.output import Page
from generator.core.render.raw import RawMarkers, blocks_digest, page_digests

# What turns a page's Markdown into its HTML besides our code: MkDocs, the theme (its templates, rendered by Jinja
# with MarkupSafe), Python-Markdown and the extensions mkdocs.yml names, Pygments (code blocks). A page made
# by another version of any of them is not reused.
PAGES_MADE_WITH = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "pygments", "jinja2",
                   "markupsafe")


class CachedPage(File):
    """A generated page whose finished HTML is in the page cache: MkDocs' dirty build leaves it alone."""

    def is_modified(self) -> bool:
        return False


class PackedPage(File):
    """A generated page whose Markdown is on disk (a span of the language's file of pages, ``Page.text``), read
    when MkDocs asks for it and never held."""

    source: Page  # not ``page``: MkDocs gives a file its page under that name

    @classmethod
    def of(cls, config: MkDocsConfig, page: Page) -> PackedPage:
        """The file of a page on disk, or of one whose text is in the cache (``Page.later``)."""
        if page.path is not None:
            file = cls.generated(config, page.uri, abs_src_path=str(page.path))
        else:
            file = cls.generated(config, page.uri, content="")
            file._content = None  # its text comes from ``source`` when asked for
        file.source = page
        return file

    @property
    def content_bytes(self) -> bytes:
        return self.content_string.encode("utf-8")

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        File.content_bytes.fset(self, value)

    @property
    def content_string(self) -> str:
        return self.source.text() if self._content is None else File.content_string.fget(self)

    @content_string.setter
    def content_string(self, value: str) -> None:
        File.content_string.fset(self, value)

    def is_modified(self) -> bool:
        return True


class CachedPackedPage(CachedPage, PackedPage):
    """A generated page on disk whose finished HTML is in the page cache (read only for its title or raw regions)."""


class LinkedFile(File):
    """A file of the cache (a download) put into the site as a hard link when the two are on one file system
    (the same bytes, neither copied nor held twice on disk), else copied."""

    def copy_file(self, dirty: bool = False) -> None:
        destination = Path(self.abs_dest_path)
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.unlink(missing_ok=True)
        try:
            os.link(self.abs_src_path, destination)
        except OSError:
            shutil.copyfile(self.abs_src_path, destination)


WRITTEN = "site-pages"  # cache namespace: what each page file of a site was written from, and its file's stat
SEARCH_ENTRIES = "search-entries"  # what a serving process keeps of the search index it wrote (core/kept.py)
SEARCH_INDEX = Path("search") / "search_index.json"  # where the theme's search plugin writes a site's index


class PageReuse:
    def __init__(self, cache: PageCache, project: Path, lang: str, markers: RawMarkers | None = None,
                 previous_site: Path | None = None):
        self.cache, self.project, self.lang = cache, project, lang
        # The site this build replaces, and what its page files were written from (``record_written``): a
        # reused page whose file there holds the bytes it would be written with is linked, not written again.
        self.previous_site = previous_site
        self.record_key = Cache.key(WRITTEN, {"site": str(previous_site.resolve()) if previous_site else "",
                                              "lang": lang}, code_digest(__name__))
        found = cache.cache.get_json(WRITTEN, self.record_key) if previous_site else None
        found = found if isinstance(found, dict) else {}
        self.before: dict[str, list] = found.get("pages") if isinstance(found.get("pages"), dict) else {}
        # the stat of the previous site's search index as this build's predecessor wrote it (``_previous_search``)
        self.search_before = found.get("search")
        self.search_from_previous = 0  # reused pages whose search entries came from the previous site's index
        self._indexed: set[str] = set()  # the URLs of the pages with entries in the index this build writes
        self._written_search: list[dict] | None = None  # the entries of that index, as written
        # src_uri -> [page key, raw regions' digest], for every page (a reused one's, as planned)
        self.written: dict[str, list] = {}
        self.linked = 0
        # src_uri -> the stat of a page's file linked from the previous site (``record_written`` takes it as is)
        self.identities: dict[str, list[int]] = {}
        # src_uri -> the previous site's file of a reused page, which holds the bytes it would be written with
        # (found when the page is planned: such a page needs neither its cached HTML nor its text)
        self.link_from: dict[str, Path] = {}
        # this build's raw-region markers: kept out of the cache (canonical), put back when a page is reused
        self.markers = markers or RawMarkers()
        self.stored: dict[str, str] = {}  # src_uri -> cache key of a page built now
        self.reused: dict[str, str] = {}  # src_uri -> cache key of a page taken as is
        self.files: dict[str, File] = {}  # src_uri -> the file of a reused page
        self.urls: dict[str, str] = {}  # src_uri -> URL of every generated page (as the search index has it)
        self.order: list[str] = []  # URLs of every page, in the order MkDocs builds them
        self.build = ""  # the signature of this build's surroundings (see core/page_cache.py)
        self.planned: dict[str, File] = {}  # src_uri -> the file of every page planned (built now or reused)

    def plan(self, config: MkDocsConfig, pages: list[Page], alternates: list[dict], docs: list[Path],
             alone: set[str] = frozenset()) -> set[str]:
        """Which generated pages to take from the cache: the URIs of those whose text and surroundings are
        unchanged (call after the navigation is final: it is part of every page's surroundings). ``docs``:
        the folders hand-written pages come from."""
        context = {"tools": tool_versions(*PAGES_MADE_WITH), "lang": self.lang,
                   "nav": config.nav, "site_url": config.site_url, "alternates": alternates,
                   "alone": sorted(alone),  # pages whose switcher leads to the other language's home
                   "share_alt": config.extra.get("share_alt"),  # every page without a share image of its own shows it
                   "site_description": config.site_description,  # every page without a description of its own
                   "titles": nav_titles(config.nav or [], pages, docs)}
        self.build = signature(self.project, context, code_digest("generator.mkdocs.plugin"))
        for page in pages:
            if page.digest and page.blocks:
                self._plan(page.uri, page.digest, page.blocks)
            else:
                self._plan(page.uri, *page_digests(page.text(), self.markers))
        return set(self.reused)

    def plan_written(self, files: list[File]) -> None:
        """The hand-written pages (and the stand-ins for those a language lacks) whose text and surroundings are
        unchanged become cached pages too: same files, in the same places, so the site is the same."""
        for file in files:
            if file.src_uri in self.stored or file.src_uri in self.reused:
                continue
            if self._plan(file.src_uri, *page_digests(file.content_string, self.markers)):
                file.__class__ = CachedPage  # the same file, which MkDocs' dirty build now leaves alone
                self.files[file.src_uri] = file

    def _plan(self, uri: str, digest: str, blocks: str) -> bool:
        """Whether the page is reused: its file in the previous site is what it would write (then its cached
        HTML is not even read), or its page-cache entry is sound."""
        page_key = key(self.build, uri, digest)
        previous = self._previous_file(uri, [page_key, blocks])
        if previous is not None and (self._searchable_before(uri, page_key) or self.cache.has_search(page_key)):
            self.link_from[uri] = previous
        elif not self.cache.has(page_key):
            self.stored[uri] = page_key
            return False
        self.reused[uri] = page_key
        self.written[uri] = [page_key, blocks]  # what its file is written from (``write_reused``)
        return True

    def _previous_file(self, uri: str, made_from: list[str]) -> Path | None:
        """The previous site's file of the page when it was written from ``made_from`` (page key, raw regions'
        digest) and is, by its size, modification time and inode, still the file that was written then (a
        file changed since, or put there by anything else, is not taken)."""
        before = self.before.get(uri)
        if self.previous_site is None or not isinstance(before, list) or len(before) != 7 or before[:2] != made_from:
            return None
        source = self.previous_site / str(before[5])
        return source if file_identity(source) == before[2:5] else None

    def _searchable_before(self, uri: str, page_key: str) -> bool:
        """Whether the previous site's search index holds the entries of a page linked from that site (written
        from the same page key): recorded so when that index was written, and the index is still that file.
        They are then taken from there (``merge_search``), and the page cache's are kept for later builds without
        being read (reading them was 0.3 s a language of a national save). Asked of the record, not of the index
        itself: parsed this early, the index (~14 MB a language at national scale) was held through MkDocs."""
        if self.before[uri][6] is not True or self._previous_index is None:
            return False
        self.cache.keep(page_key)
        return True

    @cached_property
    def _previous_index(self) -> Path | None:
        """The previous site's search index, when it is still the file the previous build wrote (its size,
        modification time and inode, as recorded then); else None."""
        path = self.previous_site / SEARCH_INDEX if self.previous_site is not None else None
        found = file_identity(path) if path is not None else None
        return path if found is not None and found == self.search_before else None

    def remember(self, files: list[File]) -> None:
        """The files of this build: page order for the search index, URLs of the pages planned."""
        self.order = [location(f.url) for f in files]
        self.planned = {f.src_uri: f for f in files if f.src_uri in self.stored or f.src_uri in self.reused}
        self.urls = {uri: location(f.url) for uri, f in self.planned.items()}
        self.files |= {f.src_uri: f for f in files if f.src_uri in self.reused}

    def store(self, src_uri: str, html: str, blocks: list[str]) -> None:
        """Keep a page built now, without its raw regions (the bytes MkDocs is about to write, but for them,
        which are ``blocks``)."""
        if src_uri in self.stored:
            self.cache.put_html(self.stored[src_uri], self.markers.canonical(html).encode("utf-8", "surrogatepass"))
            self.written[src_uri] = [self.stored[src_uri], blocks_digest(blocks, self.markers)]

    def write_reused(self, pages: dict[str, Page]) -> None:
        """Write each reused page: its cached HTML with the raw regions of its text put back, encoded as
        MkDocs writes a page; or, when the previous site's file was written from the same two, link it."""
        for uri, page_key in self.reused.items():
            file = self.files[uri]
            path = Path(file.abs_dest_path)
            _make_folder(path.parent)
            if self._link_previous(uri, file.dest_uri, path):
                continue
            try:
                html = self.markers.restore(self.cache.html(page_key).decode("utf-8", "surrogatepass"))
                blocks = self._blocks(pages.get(uri))
            except LookupError as exc:
                raise PluginError(f"Minh Bạch: {uri}: {exc}") from exc
            html = self.markers.join(html, blocks) if blocks else html
            path.write_bytes(html.encode("utf-8", "xmlcharrefreplace"))

    def _blocks(self, page: Page | None) -> list[str]:
        """The raw regions of a generated page's text (a hand-written page has none of ours)."""
        return self.markers.split(page.text())[1] if page is not None else []

    def _link_previous(self, uri: str, dest_uri: str, path: Path) -> bool:
        """Link the previous site's file of the page when planning found it is what the page would write, at
        the place the page is written, and it is still that file: the link is a new name for the same file, so
        its stat (size, modification time, inode) must be the one recorded when that file was written; if it is
        not, the link goes and the page is written. Neither site is changed by a link, and the previous site is
        deleted once the new one is in place."""
        source = self.link_from.get(uri)
        before = self.before.get(uri)
        if source is None or source != self.previous_site / dest_uri or before[:2] != self.written[uri]:
            return False
        found = link_same_file(source, path, before[2:5])
        if found is None:
            return False
        self.identities[uri] = found
        self.linked += 1
        return True

    def _previous_search(self) -> dict[str, list[dict]]:
        """The entries of each page in the previous site's search index, when that file is still the one the
        previous build wrote (size, modification time, inode), else none. A reused page whose file there was
        written from the same page key has the same entries: one file read, where the page cache's entries were
        one file a page (0.4 s a language at national scale)."""
        path = self._previous_index
        if path is None:
            return {}

        def read() -> dict[str, list[dict]]:
            try:  # the file the previous build wrote, by its stat: anything else in it is not taken at all
                return entries_by_page(json.loads(path.read_text("utf-8"))["docs"])
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                return {}
        # A serving process wrote that index at its last save and kept its entries (``record_written``): ~14 MB of
        # JSON a language at national scale, not parsed again.
        return kept.by_content(SEARCH_ENTRIES, lambda: tuple(self.search_before), read)

    def record_written(self, search_index: Path | None = None) -> None:
        """What each page file of this site was written from, with its file's stat, and the stat of its search
        index (``search_index``, once written), for the next build (the files keep them when the site is moved
        into place)."""
        if self.previous_site is None:
            return
        record = {}
        for uri, made_from in sorted(self.written.items()):
            file = self.planned.get(uri)
            found = None if file is None else self.identities.get(uri) or file_identity(Path(file.abs_dest_path))
            if found is not None:  # and whether the search index written with it holds the page's entries
                record[uri] = [*made_from, *found, file.dest_uri, self.urls.get(uri) in self._indexed]
        search = file_identity(search_index) if search_index is not None else None
        self.cache.cache.put_json(WRITTEN, self.record_key, {"pages": record, "search": search})
        if search is not None and self._written_search is not None:
            # a serving process's next build takes this index's entries from memory while it is this file
            docs = self._written_search
            kept.by_content(SEARCH_ENTRIES, lambda: tuple(search), lambda: entries_by_page(docs))

    def merge_search(self, text: str | None, fold: Callable[[dict], dict] | None = None) -> str | None:
        """The theme's index of the pages built now, with the cached entries of the reused ones, in the order
        of the pages (as the theme writes it); the entries of pages built now are cached for next time.
        ``fold`` is applied to the entries of every page built now (Vietnamese: see search.py); cached
        entries were folded when cached. Without a search index (``None``), a page is its HTML alone."""
        if text is None:
            for page_key in self.stored.values():
                self.cache.put_search(page_key, [])
            return None
        data = json.loads(text)
        by_page = entries_by_page(data["docs"], fold)
        for uri, page_key in self.stored.items():
            self.cache.put_search(page_key, by_page.get(self.urls[uri], []))
        previous = self._previous_search() if self.reused else {}
        for uri, page_key in self.reused.items():
            url, before = self.urls[uri], self.before.get(uri)
            if isinstance(before, list) and before[:1] == [page_key] and url in previous:
                by_page[url] = previous[url]
                self.search_from_previous += 1
            else:
                by_page[url] = self.cache.search(page_key)
        self._indexed = {url for url, entries in by_page.items() if entries}
        ordered = [url for url in self.order if url in by_page]
        seen = set(ordered)
        ordered += [url for url in by_page if url not in seen]
        data["docs"] = [entry for url in ordered for entry in by_page[url]]
        self._written_search = data["docs"]
        # Escaped as the theme writes it, except a folded (Vietnamese) index, which search.py writes unescaped.
        return json.dumps(data, ensure_ascii=fold is None, separators=(",", ":"), default=str)


def _make_folder(folder: Path) -> None:
    """``folder`` made where it is not yet, with its parents: each page has a folder of its own (4,600 a language
    at national scale), and pathlib's ``mkdir`` took half again the time of the system call it makes."""
    try:
        os.mkdir(folder)
    except FileExistsError:
        pass
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)


def link_same_file(source: Path, target: Path, recorded: list) -> list[int] | None:
    """``target`` made a hard link to ``source`` when ``source`` is still the file recorded (``recorded``: its
    ``file_identity`` then); the link's stat, or None (no link left behind). A link is the same file, so its own
    stat answers: one stat, not one of the source before and one of the target for the next build's record."""
    try:
        os.link(source, target)
    except OSError:  # gone, another file system, no links here, or a file in the way: written instead
        return None
    found = file_identity(target)
    if found != recorded:  # changed since it was recorded: not taken
        target.unlink(missing_ok=True)
        return None
    return found


def file_identity(path: Path) -> list[int] | None:
    """A file's size, modification time and inode (what says it is still the file a build wrote), or None
    when it cannot be read."""
    try:
        found = path.stat()
    except OSError:
        return None
    return [found.st_size, found.st_mtime_ns, found.st_ino]


def entries_by_page(docs: list[dict], fold: Callable[[dict], dict] | None = None) -> dict[str, list[dict]]:
    """A search index's entries by the page they are on (their location without its anchor), in order;
    ``fold`` applied to each when given."""
    by_page: dict[str, list[dict]] = {}
    for entry in docs:
        by_page.setdefault(entry["location"].split("#")[0], []).append(fold(entry) if fold else entry)
    return by_page


def nav_titles(nav: list, pages: list[Page], folders: list[Path]) -> dict[str, str]:
    """What gives each untitled page of the navigation its title (its front matter's ``title`` or its first
    heading), generated or hand-written (from the first of ``folders`` that has it): those titles are in the
    sidebar of every page, reused ones too. A page the config names keeps that name whatever it holds."""
    generated = {page.uri: page.text() for page in pages if page.uri in set(untitled(nav))}
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


def location(url: str) -> str:
    """A page's URL as the search index writes it (the home page is "" there, "./" in MkDocs)."""
    return "" if url == "./" else url
