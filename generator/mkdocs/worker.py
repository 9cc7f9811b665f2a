"""One language of ``minhbach build``: its pages, made or taken from the dependency map and written to disk as
they are made, then its MkDocs build.

Why one language after the other, in the build's own process: a language's pages, MkDocs' objects and its
HTML are let go before the next language starts, so the build never holds two languages at once (issue 17:
2 GB summed before, when each language's pages were all in memory and English was built in a forked
process). A forked process per language was tried and measured: reading the model touches every object it
reads, and each touched page of memory is copied into the child, so the children held a copy of the model
each. The charts a language's pages show go to the chart pool as soon as its pages are made, and are drawn
there while MkDocs runs.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from generator import pipeline
from generator.core.cache import Cache
from generator.core.charts.spec import CardFiles, ChartFiles
from generator.core.deps import DepMap, Record, Units
from generator.core.feature import Site
from generator.core.locale import locale
from generator.core.page_cache import PageCache
from generator.core.render.output import Asset, Output, Page, Result
from generator.core.render.raw import RawMarkers
from generator.mkdocs.plugin import BuildRequest
from generator.mkdocs.reuse import skeleton_digest


@dataclass
class LanguageJob:
    """What a language's process needs: its config and folders, the site, and the digest of every input the
    previous build's pages depended on (computed by the parent, which holds the tables)."""

    lang: str
    config: Path
    site_dir: Path  # the language's fresh output folder
    pages_dir: Path  # where its pages' Markdown is written as they are made
    site: Site
    digests: dict[str, str]
    # The downloads, for the language at the root: asked for once its pages are made (the bulk zip is still
    # being compressed while they are, see pipeline.prepare_build).
    assets: Callable[[], list[Asset]] = list


@dataclass
class LanguageResult:
    charts: list[ChartFiles] = field(default_factory=list)
    records: dict[str, Record] = field(default_factory=dict)
    pages: int = 0
    stats: dict[str, float] = field(default_factory=dict)
    error: str = ""
    cards: list[CardFiles] = field(default_factory=list)  # share images, drawn with the charts


class PageFiles:
    """A sink for the pipeline's outputs: each page's Markdown goes to a file as soon as it is made (MkDocs
    reads it from there when it builds the page), so that a language's pages are never all in memory."""

    def __init__(self, folder: Path, markers: RawMarkers):
        self.folder, self.markers = folder, markers

    def __call__(self, output: Output) -> Output:
        pages = []
        for page in output.pages:
            if page.path is not None:
                pages.append(page)
                continue
            path = self.folder / page.uri
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page.content, "utf-8")
            pages.append(Page(page.uri, "", path, skeleton_digest(page.content, self.markers)))
        return Output(pages, output.assets, output.charts, output.cards)


def run_job(job: LanguageJob, send: Callable[[str, object], None]) -> None:
    """The language's pages, then its MkDocs build; ``send`` tells the parent what it needs as soon as it is
    known: ("pages", LanguageResult) before MkDocs starts, ("done", LanguageResult) or ("failed", message)."""
    started = time.perf_counter()
    site = job.site
    depmap = DepMap.load(site.cache, site.settings, job.lang)
    units = Units(depmap, job.digests.get, sink=PageFiles(job.pages_dir, site.raw), markers=site.raw)
    output = pipeline.publish(site, locale(job.lang), pipeline.FEATURES, units)
    made, reused = units.made
    pages_s = time.perf_counter() - started
    send("pages", LanguageResult(output.charts, units.current, len(output.pages), {
        "pages_s": pages_s, "units_made": made, "units_reused": reused}, cards=output.cards))
    waited = time.perf_counter()
    output.assets += job.assets()
    downloads_wait_s = time.perf_counter() - waited
    # drawn by the parent, which writes their files into this language's folder
    output.charts, output.cards = [], []
    started = time.perf_counter()
    try:
        config = load_config(str(job.config), site_dir=str(job.site_dir))
        result = Result({job.lang: output}, [], {}, site.raw)
        config.plugins["minhbach"].attach(BuildRequest(site.settings, result, PageCache(Cache(site.settings.cache))))
        # "Dirty" is how MkDocs lets a plugin skip unchanged pages (see reuse.py); the site folder is new and
        # empty all the same, so its warning about stale files does not apply.
        build(config, dirty=True)
    except (MkDocsException, OSError) as exc:
        send("failed", str(exc))
        return
    send("done", LanguageResult(stats={"mkdocs_s": time.perf_counter() - started,
                                       "downloads_wait_s": downloads_wait_s}))


def run_language(job: LanguageJob, on_pages: Callable[[LanguageResult], None]) -> tuple[LanguageResult, str]:
    """Run ``job``; ``on_pages`` is called with the pages' result as soon as they are made. The result, and
    an error message or ""."""
    result, errors = LanguageResult(), []

    def receive(kind: str, value: object) -> None:
        if kind == "pages":
            result.charts, result.records, result.pages = value.charts, value.records, value.pages
            result.cards = value.cards
            result.stats.update(value.stats)
            on_pages(value)
        elif kind == "done":
            result.stats.update(value.stats)
        else:
            errors.append(str(value))

    run_job(job, receive)
    gc.collect()  # the language's MkDocs objects hold reference cycles: gone before the next language starts
    _give_back_memory()
    return result, "; ".join(errors)


def _give_back_memory() -> None:
    """Return the memory the language freed to the system (glibc keeps freed memory for later otherwise, and
    the next language's objects do not all fit in its holes): measured, the second language ran with the
    first one's peak still held. Nothing happens where there is no glibc."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
