"""The only module that imports MkDocs: it turns a pipeline Result into MkDocs files.

One MkDocs build per language (``mkdocs.yml`` for Vietnamese at ``/``, ``mkdocs.en.yml`` for English at
``/en/``): the plugin publishes the pages of ``theme.language``, points the language switcher and the
``hreflang`` links at the same page in the other language, and, in the English build, fills in any
hand-written page that has no English version with the Vietnamese text under a visible notice.
``minhbach build`` runs the pipeline first and hands the result over (``plugin.result``), so the data is read
and validated once for both languages.
"""

from __future__ import annotations

import json
import posixpath
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator import pipeline
from generator.core import i18n, page_cache, search
from generator.core.cache import code_digest
from generator.core.page_cache import PageCache
from generator.core.problems import fails, format_text
from generator.core.progress import Progress
from generator.core.render.output import Result
from generator.core.render.raw import join_raw, split_raw
from generator.core.settings import Settings, parse_build_date


class MinhBachConfig(Config):
    enabled = c.Type(bool, default=True)
    datasets = c.Type(str, default="datasets")
    build_date = c.Optional(c.Type(str))
    # English build: the Vietnamese docs folder whose pages stand in for missing English ones.
    fallback_docs = c.Optional(c.Type(str))


PROGRESS_FROM = 200  # pages; a smaller site builds in a few seconds


class MinhBachPlugin(BasePlugin[MinhBachConfig]):
    def __init__(self) -> None:
        self._progress: Progress | None = None
        self.settings: Settings | None = None
        self.result: Result | None = None
        self.alternates: list[dict] = []
        self._raw: dict[str, list[str]] = {}  # page src_uri -> its raw HTML regions, put back in on_post_page
        # Set by `minhbach build` (which then asks MkDocs for a "dirty" build): reuse unchanged pages.
        self.page_cache: PageCache | None = None
        self._store: dict[str, str] = {}  # src_uri -> cache key of a page built now
        self._reuse: dict[str, tuple[File, str]] = {}  # src_uri -> (file, cache key) of a page taken as is
        self._page_order: list[str] = []  # URLs of every page, in the order MkDocs builds them
        self._urls: dict[str, str] = {}  # src_uri -> URL of the generated pages

    @property
    def lang(self) -> str:
        return self._lang

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._root = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
        if self.settings is None:
            self.settings = Settings(datasets_dir=self._root / self.config.datasets, root=self._root,
                                     build_date=parse_build_date(self.config.build_date))
        self._lang = str(config.theme["language"]) if config.theme["language"] in i18n.LOCALES else "vi"
        self.alternates = [dict(alt) for alt in (config.extra.get("alternate") or [])]
        self._use_placeholders(config)
        return config

    def _use_placeholders(self, config: MkDocsConfig) -> None:
        if self.alternates:
            config.extra["alternate"] = [
                {**alt, "link": f"/{_PLACEHOLDER}{i}/"} for i, alt in enumerate(self.alternates)]

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        result = self.result or pipeline.run(self.settings, langs=(self.lang,))
        self.result = None  # a live-reload rebuild reads the data again
        if fails(result.problems):
            raise PluginError("Minh Bạch: dữ liệu chưa hợp lệ / the data is not valid\n"
                              + format_text(result.problems, self.settings.lang))
        output = result.outputs[self.lang]
        self._raw = {}
        generated = {}
        for page in output.pages:
            content, blocks = split_raw(page.content)
            if blocks:
                self._raw[page.uri] = blocks
            generated[page.uri] = File.generated(config, page.uri, content=content)
            files.append(generated[page.uri])
        for asset in output.assets:
            if asset.path is not None:  # copied from the download store by MkDocs, not read into memory
                files.append(File.generated(config, asset.uri, abs_src_path=str(asset.path)))
            else:
                files.append(File.generated(config, asset.uri, content=asset.data))
        if self.config.fallback_docs:
            self._add_fallbacks(files, config, self._root / self.config.fallback_docs)
        if config.nav:
            config.nav = prune_nav(config.nav, {f.src_uri for f in files})
        self._plan_reuse(config, output.pages, generated)
        self._page_order = [_location(f.url) for f in files.documentation_pages()]
        self._urls = {uri: _location(file.url) for uri, file in generated.items()}
        pages = sum(1 for f in files if f.is_documentation_page()) - len(self._reuse)
        self._progress = Progress(f"pages ({self.lang})", pages) if pages >= PROGRESS_FROM else None
        return files

    def _plan_reuse(self, config: MkDocsConfig, pages: list, generated: dict[str, File]) -> None:
        """Which generated pages to take from the page cache: those whose text and surroundings are unchanged.
        MkDocs skips a page in a dirty build when its file says it is not modified; pages in the navigation
        are always built (their titles and neighbours feed every other page)."""
        self._store, self._reuse = {}, {}
        if self.page_cache is None:
            return
        in_nav = set(_nav_targets(config.nav or []))
        context = {"mkdocs": _version("mkdocs"), "theme": _version("mkdocs-material"), "lang": self.lang,
                   "nav": config.nav, "site_url": config.site_url, "alternates": self.alternates}
        build = page_cache.signature(self._root, context, code_digest(__name__))
        for page in pages:
            key = page_cache.key(build, page.uri, page.content)
            file = generated[page.uri]
            if page.uri not in in_nav and self.page_cache.has(key):
                file.is_modified = lambda: False  # read by MkDocs' dirty build: skip Markdown, template, search
                self._reuse[page.uri] = (file, key)
            else:
                self._store[page.uri] = key

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self._progress:
            self._progress.advance()
        return html

    def _add_fallbacks(self, files: Files, config: MkDocsConfig, folder: Path) -> None:
        """Hand-written pages with no English version: the Vietnamese text under a notice saying so."""
        present = {f.src_uri for f in files}
        notice = i18n.translate("common.fallback_notice", self.lang)
        docs_dir = Path(config.docs_dir).resolve()
        for path in sorted(folder.rglob("*.md")):
            uri = path.relative_to(folder).as_posix()
            if uri in present or path.resolve().is_relative_to(docs_dir) or uri.startswith("overrides/"):
                continue
            text = path.read_text("utf-8")
            files.append(File.generated(config, uri, content=f'!!! note "{notice}"\n\n{text}'))

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """The language switcher leads to this same page in the other language.

        The theme passes each link through MkDocs' ``url`` filter, which cannot express "up out of this
        language's root" (``../``); so the template gets a placeholder the filter leaves alone (set in
        ``on_config``), and the real relative URL is written in its place here. The ``<link rel=alternate
        hreflang>`` tags in the head point at each language's root: the theme's script fetches
        ``sitemap.xml`` beside every such link, which exists only at a language root.

        The page's raw regions (finished data tables, see ``core.render.output.Page``) go back in here, after
        Markdown and the search index have run: parsing their HTML was most of a national build's time.
        """
        blocks = self._raw.pop(page.file.src_uri, None)
        if blocks:
            try:
                output = join_raw(output, blocks)
            except ValueError as exc:
                raise PluginError(f"Minh Bạch: {page.file.src_uri}: {exc}") from exc
        for i, alt in enumerate(self.alternates):
            placeholder = f'"/{_PLACEHOLDER}{i}/"'
            root = alternate_url(page.url, alt["link"], same_page=False)
            output = output.replace(f'<link rel="alternate" href={placeholder}', f'<link rel="alternate" href="{root}"')
            output = output.replace(placeholder, f'"{alternate_url(page.url, alt["link"])}"')
        if self.page_cache is not None and page.file.src_uri in self._store:
            # The bytes MkDocs is about to write (it encodes the same way).
            self.page_cache.put_html(self._store[page.file.src_uri], output.encode("utf-8", "xmlcharrefreplace"))
        return output

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        """Theme pages such as 404.html use site-absolute links (MkDocs serves them from any path), so
        their switcher points at each language's root: Vietnamese at ``/``, another language at ``/<lang>/``."""
        for i, alt in enumerate(self.alternates):
            root = "/" if alt.get("lang") == i18n.DEFAULT_LOCALE else f"/{alt.get('lang')}/"
            output = output.replace(f'"/{_PLACEHOLDER}{i}/"', f'"{root}"')
        return output

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Pages taken from the page cache are written and put back into the search index, in page order
        (so that a build from the cache gives the same bytes as a build without it); then Vietnamese search
        also finds words typed without diacritics (see core/search.py)."""
        index = Path(config.site_dir) / "search" / "search_index.json"
        if self.page_cache is not None:
            total = len(self._reuse) + len(self._store)
            print(f"minhbach: pages ({self.lang}) reused={len(self._reuse)} built={len(self._store)} of {total}",
                  flush=True)
            for file, key in self._reuse.values():
                Path(file.abs_dest_path).parent.mkdir(parents=True, exist_ok=True)
                Path(file.abs_dest_path).write_bytes(self.page_cache.html(key))
            if index.is_file():
                index.write_text(self._merge_search(index.read_text("utf-8")), "utf-8")
            else:  # no search index in this site: a page is its HTML alone
                for key in self._store.values():
                    self.page_cache.put_search(key, [])
        if self.lang == "vi" and index.is_file():
            index.write_text(search.fold_index(index.read_text("utf-8")), "utf-8")

    def _merge_search(self, text: str) -> str:
        """The theme's index of the pages built now, with the cached entries of the reused ones, in the order
        of the pages (as the theme writes it); the entries of pages built now are cached for next time."""
        data = json.loads(text)
        by_page: dict[str, list[dict]] = {}
        for entry in data["docs"]:
            by_page.setdefault(entry["location"].split("#")[0], []).append(entry)
        for uri, key in self._store.items():
            self.page_cache.put_search(key, by_page.get(self._urls[uri], []))
        for uri, (_, key) in self._reuse.items():
            by_page[self._urls[uri]] = self.page_cache.search(key)
        ordered = [url for url in self._page_order if url in by_page]
        seen = set(ordered)
        ordered += [url for url in by_page if url not in seen]
        data["docs"] = [entry for url in ordered for entry in by_page[url]]
        return json.dumps(data, separators=(",", ":"), default=str)  # as the theme writes it

    def on_serve(self, server, config: MkDocsConfig, builder):  # noqa: ANN001 - livereload types
        if self.config.enabled:
            server.watch(str(self.settings.datasets_dir))
        return server


_PLACEHOLDER = "__minhbach_alternate_"


def _version(distribution: str) -> str:
    try:
        return version(distribution)
    except PackageNotFoundError:
        return ""


def _location(url: str) -> str:
    """A page's URL as the search index writes it (the home page is "" there, "./" in MkDocs)."""
    return "" if url == "./" else url


def _nav_targets(nav: list) -> list[str]:
    """Every page path named in a MkDocs nav, at any depth."""
    found = []
    for entry in nav:
        target = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(target, list):
            found += _nav_targets(target)
        elif isinstance(target, str):
            found.append(target)
    return found


def alternate_url(page_url: str, language_root: str, same_page: bool = True) -> str:
    """The same page (or the root) in another language, relative to the page: ``language_root`` is that
    language's root relative to this one's (``en/`` from Vietnamese, ``../`` from English)."""
    depth = len([part for part in page_url.split("/") if part])
    target = posixpath.join("../" * depth or "./", language_root, page_url if same_page else "")
    return posixpath.normpath(target) + "/"


def prune_nav(nav: list, present: set[str]) -> list:
    """Drop nav entries whose page this build did not produce (a generic site has no supervision pages)."""
    pruned = []
    for entry in nav:
        if isinstance(entry, str):
            if entry in present or "://" in entry:
                pruned.append(entry)
        elif isinstance(entry, dict):
            title, target = next(iter(entry.items()))
            if isinstance(target, list):
                children = prune_nav(target, present)
                if children:
                    pruned.append({title: children})
            elif target in present or "://" in str(target):
                pruned.append(entry)
    return pruned
