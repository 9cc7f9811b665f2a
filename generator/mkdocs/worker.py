"""One language of ``minhbach build``: its pages, made or taken from the dependency map and written to disk as
they are made (``make_pages``), and, once every language's pages are made and the model is let go, its MkDocs
build (``run_mkdocs``).

Why one language after the other, in the build's own process: a language's MkDocs objects and its HTML are let
go before the next language starts, so the build never holds two languages at once (issue 17: 2 GB summed
before, when each language's pages were all in memory and English was built in a forked process). A forked
process per language was tried and measured: reading the model touches every object it reads, and each touched
page of memory is copied into the child, so the children held a copy of the model each. Why the pages of every
language first: MkDocs needs none of the model (680 MB at national scale), so the model is gone before the
first MkDocs build starts, and the largest of the two (the model, or MkDocs with the chart workers) sets the
peak instead of their sum. The charts are drawn by the parent's pool meanwhile.

The exception is data small enough for that copy not to matter (up to ``build.FORK_ROWS`` rows): there the
last language is made and built whole in a child forked once the model is made (``build_forked``), beside the
first one, since the second core would otherwise wait (a city one-row edit: 1.57 → 1.47 s, interleaved
runs). ``serve`` builds its last language whole in its worker process (``build_apart``); both share
``build_whole``.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import NoReturn

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from generator import pipeline
from generator.core import collector, kept
from generator.core.cache import Cache
from generator.core.charts.spec import Card, CardFiles, Chart, ChartFiles
from generator.core.deps import DepMap, Record, Units, complete, page_with_facts
from generator.core.feature import Site
from generator.core.files import write_failure
from generator.core.forked import run_child
from generator.core.locale import locale
from generator.core.memory import give_back_memory
from generator.core.page_cache import PageCache
from generator.core.problems import fails
from generator.core.render.output import Asset, Output, Result
from generator.core.render.raw import RawMarkers
from generator.core.settings import Settings
from generator.core.timing import timed
from generator.mkdocs.log import Line, mkdocs_log
from generator.mkdocs.plugin import BuildRequest


@dataclass
class LanguageJob:
    """What a language's pages need: its config and folders, the site, and the digest of every input the
    previous build's pages depended on (computed once for every language)."""

    lang: str
    config: Path
    site_dir: Path  # the language's fresh output folder
    pages_dir: Path  # where its pages' Markdown is written as they are made
    site: Site
    digests: dict[str, str]
    depmap: DepMap  # the language's dependency map, as the previous build left it


@dataclass
class LanguageResult:
    """A language's pages (on disk: ``output`` holds their paths), the charts and share cards they show, the
    record of each unit, and the stats of its stages."""

    output: Output = field(default_factory=Output)
    charts: list[ChartFiles] = field(default_factory=list)
    records: dict[str, Record] = field(default_factory=dict)
    pages: int = 0
    stats: dict[str, float] = field(default_factory=dict)
    cards: list[CardFiles] = field(default_factory=list)  # share images, drawn with the charts

    def drawn(self) -> list[Chart | Card]:
        """What the pool draws for the language's pages: its charts, then its share cards."""
        return [c.chart for c in self.charts] + [c.card for c in self.cards]


@dataclass(frozen=True)
class MkDocsJob:
    """What a language's MkDocs build needs once its pages are on disk: no model (issue 17: the model is let go
    before MkDocs starts, and the build's peak memory with it)."""

    lang: str
    config: Path
    site_dir: Path
    settings: Settings
    raw: RawMarkers
    # The downloads, for the language at the root (the bulk zip may still be being compressed): asked for once
    # MkDocs is about to start.
    assets: Callable[[], list[Asset]] = list
    previous_site: Path | None = None  # where the language's site is until this build replaces it
    # The collection and the memory given back after the build (``run_mkdocs``): for the next language. A
    # serving process has none after it, and does both once the site is served (0.3 s of a national save).
    tidy: bool = True


PAGES_FILE = "pages.md"  # a language's pages, one after the other (each page knows its span)


class PageFiles:
    """A sink for the pipeline's outputs: each page's Markdown goes to disk as soon as it is made (MkDocs reads
    it from there when it builds the page), so that a language's pages are never all in memory. One file for
    all of them, each page with its span: a file a page meant 9,300 files made, and deleted after the build,
    for a national one-row edit (~2.5 s). Written unbuffered, so that a page can be read back at once."""

    def __init__(self, folder: Path, markers: RawMarkers):
        self.path, self.markers = folder / PAGES_FILE, markers
        self.handle = self.path.open("xb", buffering=0)
        self.offset = 0

    def __enter__(self) -> PageFiles:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def __call__(self, output: Output) -> Output:
        pages = []
        for page in output.pages:
            if page.deferred:  # written already, or a reused page whose text stays in the cache until asked for
                pages.append(page)
                continue
            data = page.content.encode("utf-8")
            self.handle.write(data)
            # a page made outside a unit has no digests yet: taken now, so that nothing reads it back for them
            made = page if page.digest else page_with_facts(page, self.markers)
            pages.append(replace(made, content="", path=self.path, span=(self.offset, len(data))))
            self.offset += len(data)
        return Output(pages, output.assets, output.charts, output.cards, output.words)


def make_pages(job: LanguageJob) -> LanguageResult:
    """The language's pages, made or taken from the dependency map and written to disk as they are made; its
    charts and cards are drawn later, by the parent's pool."""
    started = time.perf_counter()
    site = job.site
    with PageFiles(job.pages_dir, site.raw) as sink:
        units = Units(job.depmap, job.digests.get, sink=sink, markers=site.raw)
        output = pipeline.publish(site, locale(job.lang), pipeline.FEATURES, units)
    made, reused = units.made
    charts, cards = output.charts, output.cards
    output.charts, output.cards = [], []
    return LanguageResult(output, charts, units.current, len(output.pages), {
        "pages_s": time.perf_counter() - started, "units_made": made, "units_reused": reused}, cards)


@dataclass(frozen=True)
class ApartJob:
    """A language built whole in another process, beside the first language, which this process builds; its site
    and pages go into these staging folders, which this process made and puts in place with the others'.
    ``serve`` with more than one job (build.py): in serve's worker process, which reads and checks the data
    itself (the same files; it keeps its tables and models for the next save, as the serving process does):
    sending it the model would cost what making it again from kept tables costs. A small ``build``: in a child
    forked once the model is made (``build_forked``)."""

    lang: str
    config: Path
    site_dir: Path
    pages_dir: Path
    settings: Settings
    strict: bool
    previous_site: Path | None  # where the language's site is until this build replaces it
    source_date_epoch: str  # the sitemap's date, as the serving process pins it


def build_apart(job: ApartJob) -> tuple[LanguageResult, str]:
    """``ApartJob`` in serve's worker: the language's pages, its MkDocs build and its dependency map (saved
    here once MkDocs succeeded). What comes back is what the serving process needs to put the charts in
    place (the charts and cards its pages show, without the pages), and an error message or ""."""
    if job.source_date_epoch:
        os.environ["SOURCE_DATE_EPOCH"] = job.source_date_epoch
    remembered = kept.keep()  # this process lives as long as the preview: its builds keep what they read
    try:
        with mkdocs_log():
            return _build_apart(job)
    finally:
        remembered.next_build()


def _build_apart(job: ApartJob) -> tuple[LanguageResult, str]:
    started = time.perf_counter()
    settings, cache = job.settings, Cache(job.settings.cache)
    checked = pipeline.check(settings, cache)
    # The serving process found none in the same files (else it would not have taken this language's result):
    # they changed between the two readings, and the change itself starts the next build.
    if fails(checked.problems, job.strict):
        return LanguageResult(), ("dữ liệu đã đổi trong khi được đọc; bản xem trước sẽ xây lại / the data changed "
                                  "while it was being read; the preview builds it again")
    with collector.paused():
        site = pipeline.prepare(checked, settings, cache)
    return build_whole(job, site, {"read_s": time.perf_counter() - started})


def build_whole(job: ApartJob, site: Site, stats: dict[str, float],
                pages_made: Callable[[LanguageResult], None] | None = None) -> tuple[LanguageResult, str]:
    """The language's pages from ``site``, its MkDocs build and its dependency map (saved once MkDocs
    succeeded); the charts and cards its pages show, its stats (added to ``stats``) and an error message or "".
    ``pages_made`` is told the pages' result as soon as they are made, before MkDocs."""
    results, maps, pages_stats = make_languages_pages({job.lang: job.config}, {job.lang: job.site_dir},
                                                      {job.lang: job.pages_dir}, site)
    result = results[job.lang]
    if pages_made is not None:
        pages_made(result)
    gc.freeze()  # the model (kept for the next save, or the forking build's) is not walked after MkDocs
    try:
        mkdocs_stats, error = run_mkdocs(MkDocsJob(job.lang, job.config, job.site_dir, job.settings, site.raw,
                                                   previous_site=job.previous_site, tidy=False), result.output)
    finally:
        gc.unfreeze()
    if not error:
        with timed(stats, "maps_s"):
            maps[job.lang].save(result.records)
    stats.update(pages_stats)
    stats.update(mkdocs_stats)
    return LanguageResult(charts=result.charts, pages=result.pages, stats=stats, cards=result.cards), error


def build_forked(job: ApartJob, site: Site, sink: Connection, parent: int) -> NoReturn:
    """``ApartJob`` in a child forked from a small build once its model is made (build.py, ``fork_apart``): the
    language built whole from the model the child shares with it. It sends the charts and cards of its pages as
    soon as they are made (the parent's pool draws them while both processes run MkDocs), then what
    ``build_whole`` returns with the lines of MkDocs' log (the parent shows them after its own language's); and
    ends without running anything of the parent's (its exit handlers, its ``finally`` blocks). One that fails
    sends nothing more: the parent builds the language itself."""
    def work() -> tuple[tuple[LanguageResult, str], list[Line]]:
        os.environ["SOURCE_DATE_EPOCH"] = job.source_date_epoch
        held: list[Line] = []
        with mkdocs_log(held):
            found = build_whole(job, site, {}, lambda result: sink.send(result.drawn()))
        return found, held

    run_child(work, sink, parent)


def tidy_apart() -> None:
    """After a build in serve's worker, once its site is served: the collection the build left out (it walks
    the kept model: a second at national scale), and the memory it frees back to the system."""
    gc.collect()
    give_back_memory()


def make_languages_pages(configs: dict[str, Path], folders: dict[str, Path], pages: dict[str, Path], site: Site
                           ) -> tuple[dict[str, LanguageResult], dict[str, DepMap], dict[str, float]]:
    """Each language's pages, on disk, with the record of every unit complete (the digests of its inputs are
    computed here, while the tables are), and each language's dependency map as the previous build left it."""
    # The model lives through every language: no collection from here on need walk it again (one while the
    # digests below are computed, just after the paused reading, took 1 s at national scale). Unfrozen after,
    # so that it can be let go.
    gc.freeze()
    try:
        stats: dict[str, float] = {}
        with timed(stats, "inputs_s"):
            inputs = pipeline.unit_inputs(site)
            maps = {lang: DepMap.load(site.cache, site.settings, lang) for lang in configs}
            # The digests of every input the previous build's pages depended on: what decides which are reused.
            digests = {key: inputs.digest(key) for depmap in maps.values() for key in sorted(depmap.keys())}
        results = {}
        for lang, config in configs.items():
            results[lang] = make_pages(LanguageJob(lang, config, folders[lang], pages[lang], site, digests,
                                                   maps[lang]))
            for name, value in results[lang].stats.items():
                key = f"{name}_{lang}" if name.startswith("units") else name
                stats[key] = stats.get(key, 0.0) + value
        with timed(stats, "inputs_s"):
            for result in results.values():
                result.records = complete(result.records, inputs)
    finally:
        gc.unfreeze()
    return results, maps, stats



def run_mkdocs(job: MkDocsJob, output: Output) -> tuple[dict[str, float], str]:
    """The language's MkDocs build from its pages on disk; its stats, and an error message or ""."""
    stats: dict[str, float] = {}
    with timed(stats, "downloads_wait_s"):
        output.assets += job.assets()
    error = ""
    with timed(stats, "mkdocs_s"):
        try:
            config = load_config(str(job.config), site_dir=str(job.site_dir))
            result = Result({job.lang: output}, [], {}, job.raw)
            config.plugins["minhbach"].attach(BuildRequest(job.settings, result,
                                                           PageCache(Cache(job.settings.cache)), job.previous_site))
            # "Dirty" is how MkDocs lets a plugin skip unchanged pages (see reuse.py); the site folder is new and
            # empty all the same, so its warning about stale files does not apply.
            build(config, dirty=True)
        except OSError as exc:
            error = write_failure(exc, job.site_dir)
        except MkDocsException as exc:
            error = str(exc)
    if job.tidy:
        gc.collect()  # the language's MkDocs objects hold reference cycles: gone before the next language starts
        give_back_memory()
    return stats, error
