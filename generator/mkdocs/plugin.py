"""The MkDocs plugin: the hooks MkDocs calls, each handing its job to the module that does it.

``minhbach build`` runs the pipeline once for every language and hands each language's build its result
(``attach``); a plain ``mkdocs build`` or ``mkdocs serve`` runs the pipeline itself, for its one language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator.core.cache import Cache
from generator.core.edit import edit_base
from generator.core.files import write_text
from generator.core.locale import LOCALES, locale
from generator.core.page_cache import PageCache
from generator.core.problems import fails, format_text
from generator.core.progress import Progress
from generator.core.render.jinja import CompiledTemplates
from generator.core.render.output import Output, Result, SiteWords
from generator.core.render.output import Page as GeneratedPage
from generator.core.render.raw import RawMarkers
from generator.core.settings import Settings, parse_build_date
from generator.home.feature import HOME_IMAGE, SITE_IMAGE
from generator.mkdocs import search
from generator.mkdocs.compact import compact
from generator.mkdocs.languages import Switcher, fallback_pages
from generator.mkdocs.nav import prune_nav
from generator.mkdocs.reuse import SEARCH_INDEX, CachedPackedPage, CachedPage, LinkedFile, PackedPage, PageReuse
from generator.mkdocs.theme import remembered_listing
from generator.urls import DATASETS_DIR

log = get_plugin_logger("minhbach")
PROGRESS_FROM = 200  # pages; a smaller site builds in a few seconds
OG_LOCALES = {"vi": "vi_VN", "en": "en_GB"}  # Open Graph names a locale with its territory


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
    # Where this language's site is now (the one this build replaces): a reused page whose file there has the
    # bytes it would be written with is linked from it instead (reuse.py).
    previous_site: Path | None = None


def _site_root(url: str | None, lang: str) -> str:
    """The site's root from a language's ``site_url`` (an English config may name its own ``.../en/``)."""
    url = (url or "").strip()
    if not url:
        return ""
    url = url if url.endswith("/") else url + "/"
    own = locale(lang).root
    return url[: -len(own)] if own and url.endswith("/" + own) else url


def _relative(folder: str, root: Path) -> str:
    try:
        return Path(folder).resolve().relative_to(root).as_posix()
    except ValueError:
        return Path(folder).name


class MinhBachPlugin(BasePlugin[MinhBachConfig]):
    def __init__(self) -> None:
        self._request: BuildRequest | None = None
        self._settings: Settings | None = None
        self._raw: dict[str, list[str]] = {}  # page src_uri -> its raw HTML regions, put back in on_post_page
        self._markers = RawMarkers()  # the raw-region markers of the pipeline's result
        self._pages: dict[str, GeneratedPage] = {}  # src_uri -> the pipeline's page
        self._reuse: PageReuse | None = None
        self._progress: Progress | None = None
        self.switcher = Switcher([])
        self._own_words = (False, False)  # whether the config gives the site's description, its image's text

    def attach(self, request: BuildRequest) -> None:
        self._request = request

    # Before the other plugins' (the theme's search plugin loads a template in its own): the theme's templates
    # are then all compiled once, from the cache (``_theme_costs_once``).
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._root = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
        self.lang = str(config.theme["language"]) if config.theme["language"] in LOCALES else "vi"
        self._settings = self._request.settings if self._request else Settings(
            datasets_dir=self._root / self.config.datasets, root=self._root,
            build_date=parse_build_date(self.config.build_date), site_url=_site_root(config.site_url, self.lang),
            edit_url=edit_base(config.repo_url or "", config.edit_uri or "", _relative(config.docs_dir, self._root)))
        # Each language is its own MkDocs site: its canonical links and sitemap are under its own root (en/).
        if self._settings.site_url:
            config.site_url = self._settings.site_url + locale(self.lang).root
        self.switcher = Switcher.install(config, self._settings.site_url, self.lang)
        # What the config says of the site itself wins; what it leaves out, the data's words fill (on_files).
        self._own_words = (bool(config.site_description), bool(config.extra.get("share_alt")))
        self._theme_words(config)
        self._theme_costs_once(config)
        return config

    def _site_words(self, config: MkDocsConfig, words: SiteWords | None) -> None:
        """The site's description (of a page without its own) and the alternative text of the image a page
        without one of its own shows (``extra.share_image``: the site's card, its name and no figures; or the
        home page's card, its title: main.html gave the page's own title, which the image does not show), as the
        home page words them from what the data holds: the project's config names no description, since a site
        of other packages is not about Ho Chi Minh City. What the config gives, or another image, is left as it
        is."""
        if words is None:
            return
        own_description, own_alt = self._own_words
        if not own_description:
            config.site_description = words.description
        if not own_alt and config.extra.get("share_image") == HOME_IMAGE:
            config.extra["share_alt"] = words.title
        elif not own_alt and config.extra.get("share_image") == SITE_IMAGE:
            config.extra["share_alt"] = locale(self.lang).t("site.name")

    def _theme_words(self, config: MkDocsConfig) -> None:
        """What the templates (docs/overrides) print and cannot ask the locale for: the 404 page's title and
        the Open Graph locales, this language's and the others' (``og:locale:alternate``)."""
        config.extra["not_found"] = locale(self.lang).t("site.not_found")
        config.extra["og_locale"] = OG_LOCALES.get(self.lang, self.lang)
        config.extra["og_locale_alternate"] = [OG_LOCALES.get(lang, lang) for lang in
                                               (str(alt.get("lang") or "") for alt in self.switcher.alternates)
                                               if lang and lang != self.lang]

    def _theme_costs_once(self, config: MkDocsConfig) -> None:
        """The theme's templates compiled and its files listed once, not at every build (theme.py)."""
        cache = Cache(self._settings.cache)
        make_env = config.theme.get_env

        def get_env() -> object:
            env = make_env()
            env.bytecode_cache = CompiledTemplates(cache)
            remembered_listing(env, list(config.theme.dirs), self._root, cache, sorted(config.theme.static_templates))
            return env
        config.theme.get_env = get_env

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        output = self._output()
        self._site_words(config, output.words)
        fallbacks = []
        if self.config.fallback_docs:
            present = {f.src_uri for f in files} | {p.uri for p in output.pages} | {a.uri for a in output.assets}
            excluded = config.exclude_docs
            fallbacks = fallback_pages(self._root / self.config.fallback_docs, Path(config.docs_dir).resolve(),
                                       present, self.lang, excluded.match_file if excluded else lambda uri: False)
        if config.nav:
            present = ({f.src_uri for f in files} | {p.uri for p in output.pages} | {a.uri for a in output.assets}
                       | {uri for uri, _ in fallbacks})
            config.nav = prune_nav(config.nav, present)
        self.switcher.alone = self._alone(files, output, fallbacks)
        cached = self._plan_reuse(config, output)
        self._add_pages(files, config, output, cached)
        for uri, content in fallbacks:
            files.append(File.generated(config, uri, content=content))
        if self._reuse is not None:
            self._reuse.plan_written(list(files.documentation_pages()))
            self._reuse.remember(files.documentation_pages())
        pages = sum(1 for f in files if f.is_documentation_page() and not isinstance(f, CachedPage))
        self._progress = Progress(f"pages ({self.lang})", pages) if pages >= PROGRESS_FROM else None
        return files

    def _alone(self, files: Files, output: Output, fallbacks: list[tuple[str, str]]) -> set[str]:
        """URLs of this language's pages that the Vietnamese site lacks: the English pages written by hand
        with no Vietnamese one (the pipeline makes its pages in every language; the Vietnamese pages all have
        an English one, their own or the stand-in). Only the English build, which knows the Vietnamese docs
        (``fallback_docs``), can tell."""
        if not self.config.fallback_docs:
            return set()
        vietnamese = self._root / self.config.fallback_docs
        both = {p.uri for p in output.pages} | {uri for uri, _ in fallbacks}
        return {f.url for f in files.documentation_pages()
                if f.src_uri not in both and not (vietnamese / f.src_uri).is_file()}

    def _output(self) -> Output:
        request, self._request = self._request, None  # a live-reload rebuild reads the data again
        self._reuse = None
        if request is None:
            from generator import pipeline  # the plain `mkdocs build` path

            result = pipeline.run(self._settings, langs=(self.lang,))
        else:
            result = request.result
            self._reuse = PageReuse(request.page_cache, self._root, self.lang, result.raw,
                                    request.previous_site) if request.page_cache else None
        self._markers = result.raw
        if fails(result.problems):
            raise PluginError("Minh Bạch: dữ liệu chưa hợp lệ / the data is not valid\n"
                              + format_text(result.problems, self._settings.lang))
        return result.outputs[self.lang]

    def _plan_reuse(self, config: MkDocsConfig, output: Output) -> set[str]:
        if self._reuse is None:
            return set()
        docs = [Path(config.docs_dir)] + ([self._root / self.config.fallback_docs] if self.config.fallback_docs else [])
        return self._reuse.plan(config, output.pages, self.switcher.alternates, docs, self.switcher.alone)

    def _add_pages(self, files: Files, config: MkDocsConfig, output: Output, cached: set[str]) -> None:
        """The pipeline's pages and assets as MkDocs files. A page written to disk, or whose text is in the
        cache (a reused unit's), is read by MkDocs when it builds it (so that a language's pages are never all
        in memory); raw regions are taken out of each page as MkDocs reads it (``on_page_markdown``) and put
        back into its HTML (see core/render/raw.py)."""
        self._raw = {}
        self._pages = {page.uri: page for page in output.pages}
        for page in output.pages:
            if page.deferred:
                files.append((CachedPackedPage if page.uri in cached else PackedPage).of(config, page))
            else:
                files.append((CachedPage if page.uri in cached else File).generated(config, page.uri,
                                                                                    content=page.content))
        for asset in output.assets:
            if asset.path is not None:  # a file of the cache (a download): linked or copied, never read in
                files.append(LinkedFile.generated(config, asset.uri, abs_src_path=str(asset.path)))
            else:
                files.append(File.generated(config, asset.uri, content=asset.data))

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """A reused page of the navigation is not read by MkDocs; its title, shown in every page's sidebar (and
        in the previous/next links of its neighbours), is read from its text here (its front matter's title or
        first heading, as MkDocs reads it). A page outside the navigation shows its title on itself alone: a
        reused one is not read at all (9,200 pages at national scale, 2 s)."""
        for page in nav.pages:
            if isinstance(page.file, CachedPage):
                page.read_source(config)
        return nav

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A generated page without its raw regions: Markdown and the search index never see them. Those of a
        page on disk are read again when its HTML is finished, instead of being held meanwhile."""
        generated = self._pages.get(page.file.src_uri)
        if generated is None:
            return markdown
        text, blocks = self._markers.split(markdown)
        if blocks and not generated.deferred:
            self._raw[page.file.src_uri] = blocks
        return text

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self._progress:
            self._progress.advance()
        if page.file.src_uri in self._pages:
            page.markdown = ""  # rendered: a generated page's text is not held until the whole site is built
            return html
        return unlink_missing_packages(html)

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """The switcher gets its URLs and the theme's indentation goes (compact.py); the page's HTML without its
        raw regions is what the page cache keeps (they are put back in from the page's text, reused or not);
        then they go back in."""
        output = compact(self.switcher.page(output, page.url))
        # MkDocs renders every page's Markdown before it writes the first, and then holds each page's HTML
        # until the build ends; nothing reads it once the page is written (search took its words before):
        # let it go (~200 MB a language at national scale, and with it the peak at the end of each).
        page.content = None
        generated = self._pages.get(page.file.src_uri)
        blocks = self._raw.pop(page.file.src_uri, None)
        if blocks is None and generated is not None and generated.deferred:
            blocks = self._markers.split(generated.text())[1]
        if self._reuse is not None:
            self._reuse.store(page.file.src_uri, output, blocks or [])
        if generated is None:
            return output
        try:
            return self._markers.join(output, blocks) if blocks else output
        except ValueError as exc:
            raise PluginError(f"Minh Bạch: {page.file.src_uri}: {exc}") from exc

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        if template_name == "sitemap.xml":
            return self.switcher.sitemap(output, config.site_url or "")
        output = self.switcher.template(output)
        return compact(output) if template_name.endswith(".html") else output  # 404.html

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Reused pages are written and put back into the search index; then Vietnamese search also finds
        words typed without diacritics (see search.py)."""
        index = Path(config.site_dir) / SEARCH_INDEX
        fold = search.fold_doc if self.lang == "vi" else None
        if self._reuse is not None:
            reuse = self._reuse
            total = len(reuse.reused) + len(reuse.stored)
            discarded = reuse.cache.cache.stats.discarded  # damaged cached pages, made again
            log.info(f"pages ({self.lang}) reused={len(reuse.reused)} built={len(reuse.stored)} of {total}"
                     f" cache_discarded={discarded}")
            reuse.write_reused(self._pages)
            merged = reuse.merge_search(index.read_text("utf-8") if index.is_file() else None, fold)
            if merged is not None:
                _write_index(index, merged)
            reuse.record_written(index if index.is_file() else None)
            log.info(f"pages ({self.lang}) linked={reuse.linked} of the {len(reuse.reused)} reused, "
                     f"from the previous site; search entries of {reuse.search_from_previous} from its index")
        elif fold is not None and index.is_file():
            _write_index(index, search.fold_index(index.read_text("utf-8")))

    def on_serve(self, server, config: MkDocsConfig, builder):  # noqa: ANN001 - livereload types
        if self.config.enabled:
            server.watch(str(self._settings.datasets_dir))
        return server


# A hand-written page's link to a package's page that MkDocs could not resolve (it left the ``.md`` address as
# written; a resolved one became the page's URL): the package is not in this site's data.
_MISSING_PACKAGE_LINK = re.compile(rf'<a href="(?:\.\./)*{DATASETS_DIR}/[^"#:/]+\.md(?:#[^"]*)?">(.*?)</a>', re.S)


def unlink_missing_packages(html: str) -> str:
    """The guides link to the project's own packages (the about page to the sources table); a site of other
    packages has no page for them, and such a link would lead nowhere: its words stay, without the link."""
    return _MISSING_PACKAGE_LINK.sub(r"\1", html)


def _write_index(path: Path, text: str) -> None:
    """The search index (24 MB a language at national scale), written a piece at a time (core/files.py). Its
    JSON has no line ends a text file would translate."""
    with path.open("wb") as handle:
        write_text(handle, text)
