"""The only module that imports MkDocs: it turns a pipeline Result into MkDocs files.

One MkDocs build per language (``mkdocs.yml`` for Vietnamese at ``/``, ``mkdocs.en.yml`` for English at
``/en/``): the plugin publishes the pages of ``theme.language``, points the language switcher and the
``hreflang`` links at the same page in the other language, and, in the English build, fills in any
hand-written page that has no English version with the Vietnamese text under a visible notice.
``minhbach build`` runs the pipeline first and hands the result over (``plugin.result``), so the data is read
and validated once for both languages.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator import pipeline
from generator.core import i18n, search
from generator.core.problems import fails, format_text
from generator.core.progress import Progress
from generator.core.settings import Settings, parse_build_date
from generator.core.site import Result, join_raw, split_raw


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
        for page in output.pages:
            content, blocks = split_raw(page.content)
            if blocks:
                self._raw[page.uri] = blocks
            files.append(File.generated(config, page.uri, content=content))
        for asset in output.assets:
            files.append(File.generated(config, asset.uri, content=asset.data))
        if self.config.fallback_docs:
            self._add_fallbacks(files, config, self._root / self.config.fallback_docs)
        if config.nav:
            config.nav = prune_nav(config.nav, {f.src_uri for f in files})
        pages = sum(1 for f in files if f.is_documentation_page())
        self._progress = Progress(f"pages ({self.lang})", pages) if pages >= PROGRESS_FROM else None
        return files

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

        The page's raw regions (finished data tables, see ``core.site.Page``) go back in here, after
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
        return output

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        """Theme pages such as 404.html use site-absolute links (MkDocs serves them from any path), so
        their switcher points at each language's root: Vietnamese at ``/``, another language at ``/<lang>/``."""
        for i, alt in enumerate(self.alternates):
            root = "/" if alt.get("lang") == i18n.DEFAULT_LOCALE else f"/{alt.get('lang')}/"
            output = output.replace(f'"/{_PLACEHOLDER}{i}/"', f'"{root}"')
        return output

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Vietnamese search that also finds words typed without diacritics (see core/search.py)."""
        if self.lang != "vi":
            return
        index = Path(config.site_dir) / "search" / "search_index.json"
        if index.is_file():
            index.write_text(search.fold_index(index.read_text("utf-8")), "utf-8")

    def on_serve(self, server, config: MkDocsConfig, builder):  # noqa: ANN001 - livereload types
        if self.config.enabled:
            server.watch(str(self.settings.datasets_dir))
        return server


_PLACEHOLDER = "__minhbach_alternate_"


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
