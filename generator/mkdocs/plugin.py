"""The MkDocs plugin: the hooks MkDocs calls, each handing its job to the module that does it.

``minhbach build`` runs the pipeline once for every language and hands each language's build its result
(``attach``); a plain ``mkdocs build`` or ``mkdocs serve`` runs the pipeline itself, for its one language.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.core.locale import LOCALES
from generator.core.page_cache import PageCache
from generator.core.problems import fails, format_text
from generator.core.progress import Progress
from generator.core.render.output import Output, Result
from generator.core.render.raw import RawMarkers
from generator.core.settings import Settings, parse_build_date
from generator.mkdocs import search
from generator.mkdocs.languages import Switcher, fallback_pages
from generator.mkdocs.nav import prune_nav
from generator.mkdocs.reuse import CachedPage, PageReuse

log = get_plugin_logger("minhbach")
PROGRESS_FROM = 200  # pages; a smaller site builds in a few seconds


class MinhBachConfig(Config):
    enabled = c.Type(bool, default=True)
    datasets = c.Type(str, default="datasets")
    build_date = c.Optional(c.Type(str))
    # English build: the Vietnamese docs folder whose pages stand in for missing English ones.
    fallback_docs = c.Optional(c.Type(str))


@dataclass(frozen=True)
class BuildRequest:
    """What ``minhbach build`` hands a language's MkDocs build: the options, the pipeline's result (read
    and validated once for every language) and the page cache, which makes MkDocs' build a dirty one."""

    settings: Settings
    result: Result
    page_cache: PageCache | None = None


class MinhBachPlugin(BasePlugin[MinhBachConfig]):
    def __init__(self) -> None:
        self._request: BuildRequest | None = None
        self._settings: Settings | None = None
        self._raw: dict[str, list[str]] = {}  # page src_uri -> its raw HTML regions, put back in on_post_page
        self._markers = RawMarkers()  # the raw-region markers of the pipeline's result
        self._reuse: PageReuse | None = None
        self._progress: Progress | None = None
        self.switcher = Switcher([])

    def attach(self, request: BuildRequest) -> None:
        self._request = request

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._root = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
        self._settings = self._request.settings if self._request else Settings(
            datasets_dir=self._root / self.config.datasets, root=self._root,
            build_date=parse_build_date(self.config.build_date), site_url=config.site_url or "")
        self.lang = str(config.theme["language"]) if config.theme["language"] in LOCALES else "vi"
        self.switcher = Switcher.install(config)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        output = self._output()
        fallbacks = []
        if self.config.fallback_docs:
            present = {f.src_uri for f in files} | {p.uri for p in output.pages} | {a.uri for a in output.assets}
            fallbacks = fallback_pages(self._root / self.config.fallback_docs, Path(config.docs_dir).resolve(),
                                       present, self.lang)
        if config.nav:
            present = ({f.src_uri for f in files} | {p.uri for p in output.pages} | {a.uri for a in output.assets}
                       | {uri for uri, _ in fallbacks})
            config.nav = prune_nav(config.nav, present)
        cached = self._plan_reuse(config, output)
        generated = self._add_pages(files, config, output, cached)
        for uri, content in fallbacks:
            files.append(File.generated(config, uri, content=content))
        if self._reuse is not None:
            self._reuse.remember(files.documentation_pages(), generated)
        pages = sum(1 for f in files if f.is_documentation_page()) - len(cached)
        self._progress = Progress(f"pages ({self.lang})", pages) if pages >= PROGRESS_FROM else None
        return files

    def _output(self) -> Output:
        request, self._request = self._request, None  # a live-reload rebuild reads the data again
        self._reuse = None
        if request is None:
            from generator import pipeline  # the plain `mkdocs build` path

            result = pipeline.run(self._settings, langs=(self.lang,))
        else:
            result = request.result
            self._reuse = PageReuse(request.page_cache, self._root, self.lang, result.raw.canonical) \
                if request.page_cache else None
        self._markers = result.raw
        if fails(result.problems):
            raise PluginError("Minh Bạch: dữ liệu chưa hợp lệ / the data is not valid\n"
                              + format_text(result.problems, self._settings.lang))
        return result.outputs[self.lang]

    def _plan_reuse(self, config: MkDocsConfig, output: Output) -> set[str]:
        if self._reuse is None:
            return set()
        docs = [Path(config.docs_dir)] + ([self._root / self.config.fallback_docs] if self.config.fallback_docs else [])
        return self._reuse.plan(config, output.pages, self.switcher.alternates, docs)

    def _add_pages(self, files: Files, config: MkDocsConfig, output: Output, cached: set[str]) -> dict[str, File]:
        """The pipeline's pages and assets as MkDocs files; raw regions are kept aside (see core/render/raw.py)."""
        self._raw = {}
        generated = {}
        for page in output.pages:
            content, blocks = self._markers.split(page.content)
            if blocks:
                self._raw[page.uri] = blocks
            kind = CachedPage if page.uri in cached else File
            generated[page.uri] = kind.generated(config, page.uri, content=content)
            files.append(generated[page.uri])
        for asset in output.assets:
            if asset.path is not None:  # copied from the download store by MkDocs, not read into memory
                files.append(File.generated(config, asset.uri, abs_src_path=str(asset.path)))
            else:
                files.append(File.generated(config, asset.uri, content=asset.data))
        return generated

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self._progress:
            self._progress.advance()
        return html

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """Raw regions go back in after Markdown and the search index have run; the switcher gets its URLs."""
        blocks = self._raw.pop(page.file.src_uri, None)
        if blocks:
            try:
                output = self._markers.join(output, blocks)
            except ValueError as exc:
                raise PluginError(f"Minh Bạch: {page.file.src_uri}: {exc}") from exc
        output = self.switcher.page(output, page.url)
        if self._reuse is not None:
            self._reuse.store(page.file.src_uri, output)
        return output

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        return self.switcher.template(output)

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Reused pages are written and put back into the search index; then Vietnamese search also finds
        words typed without diacritics (see search.py)."""
        index = Path(config.site_dir) / "search" / "search_index.json"
        if self._reuse is not None:
            reuse = self._reuse
            total = len(reuse.reused) + len(reuse.stored)
            discarded = reuse.cache.cache.stats.discarded  # damaged cached pages, made again
            log.info(f"pages ({self.lang}) reused={len(reuse.reused)} built={len(reuse.stored)} of {total}"
                     f" cache_discarded={discarded}")
            reuse.write_reused()
            merged = reuse.merge_search(index.read_text("utf-8") if index.is_file() else None)
            if merged is not None:
                index.write_text(merged, "utf-8")
        if self.lang == "vi" and index.is_file():
            index.write_text(search.fold_index(index.read_text("utf-8")), "utf-8")

    def on_serve(self, server, config: MkDocsConfig, builder):  # noqa: ANN001 - livereload types
        if self.config.enabled:
            server.watch(str(self._settings.datasets_dir))
        return server
