"""The build driver ``minhbach build`` calls: one language after the other (worker.py), each building into a
fresh folder beside the output, swapped into place (English under ``en/``) only when every language
succeeded, while a pool of small processes draws the charts; and ``serve``.

MkDocs' own log goes through one handler (log.py): the plugin's lines (``minhbach: ...``) to standard output,
MkDocs' warnings and errors to standard error, its progress chatter nowhere.
"""

from __future__ import annotations

import gc
import os
import shutil
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from multiprocessing import get_all_start_methods
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from mkdocs.utils.yaml import yaml_load

from generator import pipeline, urls
from generator.core import output_folder
from generator.core.cache import Cache
from generator.core.charts.renderer import ChartRenderer
from generator.core.charts.spec import Card, CardFiles, Chart, ChartFiles, chart_csv
from generator.core.deps import DepMap
from generator.core.edit import edit_base
from generator.core.feature import Site
from generator.core.files import open_atomic, write_atomic
from generator.core.forked import can_fork, spawn
from generator.core.memory import give_back_memory
from generator.core.render.output import Asset
from generator.core.settings import Settings
from generator.core.timing import timed
from generator.core.workers import small_workers
from generator.mkdocs.chart_files import ChartLinks
from generator.mkdocs.log import mkdocs_log
from generator.mkdocs.log import show as show_log
from generator.mkdocs.worker import (
    ApartJob,
    LanguageResult,
    MkDocsJob,
    build_apart,
    build_forked,
    make_languages_pages,
    run_mkdocs,
    tidy_apart,
)
from generator.pipeline import Prepared

if TYPE_CHECKING:  # watchdog: imported by ``serve`` only
    from watchdog.observers.api import BaseObserver


def site_url(config_file: Path) -> str:
    """The site's address as the (Vietnamese) MkDocs config gives it, read with MkDocs' own YAML loader
    (``!ENV``, ``INHERIT``), with a trailing slash; "" when it is not set."""
    url = str(_config(config_file).get("site_url") or "").strip()
    return url if not url or url.endswith("/") else url + "/"


def edit_url(config_file: Path) -> str:
    """Where a project file is edited in the repository MkDocs' ``repo_url``/``edit_uri`` name ("" for none):
    the base of the "Góp ý / bổ sung bằng chứng" links (core/edit.py)."""
    config = _config(config_file)
    edit_uri = config.get("edit_uri")
    return edit_base(str(config.get("repo_url") or ""), None if edit_uri is None else str(edit_uri),
                     str(config.get("docs_dir") or "docs"))


def _config(config_file: Path) -> dict:
    with config_file.open("rb") as handle:
        return yaml_load(handle) or {}


def build_site(configs: dict[str, Path], settings: Settings, prepared: Prepared, out: Path,
               charts_later: bool = False, apart: Apart | None = None, accepted: Callable[[], bool] | None = None
               ) -> tuple[int, dict, PendingCharts | None]:
    """Build every language, one after the other (worker.py), while a pool draws their charts; 0 when the
    site is in place, 1 when a build failed or ``accepted`` refused it (``out`` untouched). The stats of the
    build come back too. The caller holds the output's lock and has checked that ``out`` may be replaced
    (core/output_folder.py). ``accepted`` is asked, once every language is built and before anything of it is
    kept (the dependency maps, the site), whether the data is valid after all: Frictionless's verdicts on small
    packages are found beside the build (``pipeline.prepare_build``'s ``beside``).

    With ``charts_later`` (``serve``) the site is put in place as soon as its pages are built, with the
    charts drawn by then (the others keep the previous site's files meanwhile); the charts still being
    drawn come back as ``PendingCharts``, whose ``finish`` writes them into the published site. The previous
    site and the pages' staging folders are then left for the caller to delete (``output_folder.recover``),
    after the site is served: thousands of files at scale.

    ``apart`` (``serve``, see ``start_apart``): a language being built whole in serve's worker meanwhile, into
    its own staging folders; put in place with the others."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", source_date_epoch(settings))
    # One folder per language: MkDocs empties its site_dir first, so one language cannot build inside another's.
    # Each language's pages, written as they are made (marked too: an interrupted build's are cleared).
    folders: dict[str, Path] = {}
    pages: dict[str, Path] = {}
    pending, published = None, False
    try:
        for lang in configs:
            folders[lang], pages[lang] = (apart.site_dir, apart.pages_dir) if apart and apart.lang == lang else (
                output_folder.staging_folder(out, lang), output_folder.staging_folder(out, f"{lang}-pages"))
        with mkdocs_log():
            results, failures, stats, charts = _build_languages(configs, folders, pages, prepared,
                                                                language_roots(configs, out), serving=charts_later,
                                                                apart=apart, accepted=accepted)
            if charts is None:  # refused: the data is not valid
                return 1, stats, None
            if not failures:
                pending = _place_charts(charts, folders, language_roots(configs, out), charts_later, stats)
        if failures:
            for lang, message in failures.items():
                print(f"minhbach: xây dựng thất bại / build failed ({lang}): {message}", file=sys.stderr)
            return 1, stats, None
        with timed(stats, "publish_s"):  # the previous site's ~11,000 files deleted, at scale
            _swap(configs, folders, out, keep_previous=charts_later)
        published = True
    finally:
        if prepared.bulk is not None:  # a failed build still lets the bulk zip's thread finish its cache entry
            wait([prepared.bulk])
        if apart is not None:  # the worker writes into this build's folders: never left writing once it is over
            apart.wait()
        if not (published and charts_later):
            for folder in {*folders.values(), *pages.values(), *((apart.site_dir, apart.pages_dir) if apart else ())}:
                shutil.rmtree(folder, ignore_errors=True)
            output_folder.tidy(out)
    total = sum(result.pages for result in results.values())
    print(f"minhbach: {total} trang / pages ({', '.join(results)}) -> {out}")
    return 0, stats, pending


def language_roots(configs: dict[str, Path], out: Path) -> dict[str, Path]:
    """Where each language's site is once built: the first language's at ``out``, the others under it."""
    first = next(iter(configs))
    return {lang: out if lang == first else out / lang for lang in configs}


def _build_languages(configs: dict[str, Path], folders: dict[str, Path], pages: dict[str, Path],
                     prepared: Prepared, roots: dict[str, Path], serving: bool = False, apart: Apart | None = None,
                     accepted: Callable[[], bool] | None = None
                     ) -> tuple[dict[str, LanguageResult], dict[str, str], dict, PendingCharts | None]:
    """Every language's pages, then, the model let go, each language's MkDocs build while a pool draws the
    charts the pages show; the dependency map of each language is saved once all succeeded. The charts are
    written by the caller. ``roots``: where each language's site is now, until this build replaces it.
    ``serving`` (``serve``): the pages are what the browser waits for; the model is not collected after them
    (``_let_go_of_model``) and the charts are drawn behind MkDocs (``ChartRenderer``'s ``behind``). ``apart``:
    the language built in serve's worker meanwhile, taken once this process's languages are built. No charts
    come back (None) when ``accepted`` (``build_site``) refused the build."""
    site = prepared.site
    settings, cache, raw = site.settings, site.cache, site.raw
    here = {lang: config for lang, config in configs.items() if apart is None or lang != apart.lang}
    results, maps, stats = make_languages_pages(here, folders, pages, site)
    # A language whose worker broke is built here: the model is held until the worker's language is in (a
    # serving process keeps it anyway, and does not collect it here).
    held = site if apart is not None else None
    del site
    with timed(stats, "downloads_wait_s"):
        if prepared.downloads is not None:  # made from the model, in a thread, while the pages were
            prepared.downloads.result()
    with timed(stats, "release_s"):  # no collection while the model is held: it would not go
        _let_go_of_model(prepared, collect=held is None and not serving)
    early = []  # a forked language's charts and cards, known once its pages are made
    if apart is not None:
        with timed(stats, "apart_wait_s"):
            early = apart.pages_charts()
    with timed(stats, "charts_queue_s"):
        renderer = ChartRenderer(cache, settings.jobs, small_workers=True, behind=serving)
        renderer.submit([spec for result in results.values() for spec in result.drawn()] + early)
    first = next(iter(configs))
    # serve: the bulk zip of every download and the manifest are made once the site is served
    # (``PendingCharts.finish``); until then the first language links the replaced site's (a national save
    # compressed ~100 MB again for the bulk zip, which took a core from both languages' pages meanwhile).
    later = serving and prepared.downloads is not None and prepared.bulk is None
    shared = (lambda: _downloads_meanwhile(prepared, cache, roots[first])) if later else (lambda: prepared.shared)
    jobs = {lang: MkDocsJob(lang, config, folders[lang], settings, raw, shared if lang == first else list,
                            roots[lang], tidy=not (serving and lang == list(here)[-1]))
            for lang, config in configs.items()}
    # What outlives the model (in a serving process, the tables and models it keeps for the next build: ~3 M
    # objects at national scale) is left alone by the collection after each language (run_mkdocs).
    gc.freeze()
    try:
        failures = _run_mkdocs_in_turn({lang: jobs[lang] for lang in here}, results, stats)
        if apart is not None and not failures:
            failures = _take_apart(apart, held, jobs[apart.lang], folders, pages, (results, maps, stats))
            renderer.submit(results[apart.lang].drawn())
    finally:
        gc.unfreeze()
    del held
    if not failures and accepted is not None:
        with timed(stats, "verdicts_wait_s"):
            refused = not accepted()
        if refused:
            renderer.finish()  # the pool's workers stopped; nothing is kept
            return results, failures, stats, None
    pending = PendingCharts(renderer, results, links={lang: ChartLinks(cache, roots[lang], lang) for lang in configs})
    if later:
        pending.downloads, pending.downloads_lang = (lambda: pipeline.bundled(cache, prepared.shared)), first
    if failures:
        renderer.finish()  # the pool's workers stopped; nothing is written
    elif serving:  # the next save needs the maps, the browser does not: saved once the site is served
        pending.maps = lambda: _save_maps(maps, results)
    else:
        with timed(stats, "maps_s"):
            _save_maps(maps, results)
    # damaged entries of the one cache (charts, downloads, units, validation), found and made again
    stats.update(cache_discarded=cache.stats.discarded)
    return results, failures, stats, pending


def _take_apart(apart: Apart, site: Site, job: MkDocsJob, folders: dict[str, Path], pages: dict[str, Path],
                built: tuple[dict[str, LanguageResult], dict[str, DepMap], dict]) -> dict[str, str]:
    """The language built in serve's worker, added to ``built`` (this build's results, maps and stats); or, when
    the worker is gone, built here now, into fresh folders. The error of its build, if it failed."""
    results, maps, stats = built
    lang = apart.lang
    with timed(stats, "apart_wait_s"):
        found = apart.result()
    if found is not None:
        results[lang], error = found
        stats.update({name: value for name, value in results[lang].stats.items() if name.startswith("units")})
        print(stage_words(results[lang].stats, f"minhbach: {lang} (tiến trình phụ / worker) "), flush=True)
        return {lang: error} if error else {}
    folders[lang], pages[lang] = apart.fresh_folders()  # whatever the broken worker left there goes
    more, more_maps, more_stats = make_languages_pages({lang: job.config}, folders, pages, site)
    results.update(more)
    maps.update(more_maps)
    _add_stats(stats, more_stats)
    mkdocs_stats, error = run_mkdocs(replace(job, site_dir=folders[lang]), results[lang].output)
    _add_stats(stats, mkdocs_stats)
    return {lang: error} if error else {}


def stage_words(stats: dict[str, float], prefix: str) -> str:
    """The timings among ``stats`` on one line after ``prefix`` (the stages of a language built in the worker)."""
    return prefix + " ".join(f"{name}={value:.2f}s" for name, value in stats.items() if name.endswith("_s"))


def _run_mkdocs_in_turn(jobs: dict[str, MkDocsJob], results: dict[str, LanguageResult], stats: dict
                        ) -> dict[str, str]:
    """Each language's MkDocs build, one after the other in this process; the error of the one that failed."""
    for lang, job in jobs.items():
        mkdocs_stats, error = run_mkdocs(job, results[lang].output)
        _add_stats(stats, mkdocs_stats)
        if error:
            return {lang: error}
    return {}


def _add_stats(stats: dict, more: dict[str, float]) -> None:
    for name, value in more.items():
        stats[name] = stats.get(name, 0.0) + value


_WORKER: ProcessPoolExecutor | None = None


def serve_worker() -> ProcessPoolExecutor | None:
    """``serve``'s worker, which builds a language whole (``start_apart``): one process, kept for the next
    saves, from multiprocessing's server of small workers (core/workers.py), never forked from the serving
    process, whose threads (the HTTP server, the watcher) a fork would copy in whatever state they are; None
    where there is no such server."""
    global _WORKER
    if _WORKER is None and "forkserver" in get_all_start_methods():
        _WORKER = ProcessPoolExecutor(max_workers=1, mp_context=small_workers())
    return _WORKER


def stop_serve_worker() -> None:
    """Let serve's worker go (the preview ends, or the worker broke: the next save starts another)."""
    global _WORKER
    if _WORKER is not None:
        _WORKER.shutdown(wait=False, cancel_futures=True)
        _WORKER = None


def source_date_epoch(settings: Settings) -> str:
    """What MkDocs stamps sitemap.xml and its gzip with (it takes "now" unless SOURCE_DATE_EPOCH says otherwise):
    the build date, so that the same inputs give the same bytes."""
    return str(int(datetime.combine(settings.build_date, datetime.min.time(), tzinfo=UTC).timestamp()))


@dataclass
class Apart:
    """A language being built whole in serve's worker (``worker.build_apart``) into its own staging folders."""

    lang: str
    out: Path
    site_dir: Path
    pages_dir: Path
    future: Future | None = None  # None: the worker could not take it (the language is built here)

    def result(self) -> tuple[LanguageResult, str] | None:
        """What the worker built (then it collects, while the site is served), or None when it died meanwhile
        (let go: the next save starts another)."""
        if self.future is None:
            return None
        try:
            found = self.future.result()
        except BrokenProcessPool:
            stop_serve_worker()
            return None
        if _WORKER is not None:
            with suppress(BrokenProcessPool, RuntimeError):
                _WORKER.submit(tidy_apart)
        return found

    def wait(self) -> None:
        if self.future is not None:
            wait([self.future])

    def pages_charts(self) -> list[Chart | Card]:
        """The charts and cards of the language's pages, when known before its result (``ForkedApart``)."""
        return []

    def fresh_folders(self) -> tuple[Path, Path]:
        """New staging folders for the language, to build it here; those the worker had are deleted."""
        self._remove_folders()
        self.future = None
        self.site_dir = output_folder.staging_folder(self.out, self.lang)
        self.pages_dir = output_folder.staging_folder(self.out, f"{self.lang}-pages")
        return self.site_dir, self.pages_dir

    def abandon(self) -> None:
        """The build stopped before its languages (invalid data): the worker is waited for, its folders go."""
        self._remove_folders()
        output_folder.tidy(self.out)

    def _remove_folders(self) -> None:
        """The worker's folders deleted, once it no longer writes into them."""
        self.wait()
        for folder in (self.site_dir, self.pages_dir):
            shutil.rmtree(folder, ignore_errors=True)


@dataclass
class ForkedApart(Apart):
    """A language being built whole in a child forked from a small build (``fork_apart``, worker.py's
    ``build_forked``), which sends the charts of its pages, then its result, through ``source``."""

    pid: int = 0
    source: Connection | None = None
    received: list = field(default_factory=list)  # what the child sent, in order
    ended: bool = False

    def pages_charts(self) -> list[Chart | Card]:
        return self.received[0] if self._receive(1) else []

    def result(self) -> tuple[LanguageResult, str] | None:
        """What the child built, its log shown now; or None when it ended without (the language is then built
        here)."""
        found = None
        if self._receive(2):
            found, lines = self.received[1]
            show_log(lines)
        self.wait()
        return found

    def _receive(self, count: int) -> bool:
        """Whether the child sent ``count`` messages (waits for them; False once it ended without)."""
        while len(self.received) < count and self.source is not None:
            try:
                self.received.append(self.source.recv())
            except (EOFError, OSError):
                self.source.close()
                self.source = None
        return len(self.received) >= count

    def wait(self) -> None:
        """The child gone: once it sent its result it ends by itself; before, it is stopped (the build stopped,
        or will build the language itself), never left writing into this build's folders."""
        if self.ended:
            return
        if len(self.received) < 2:
            with suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        with suppress(ChildProcessError):  # reaped already
            os.waitpid(self.pid, 0)
        self.ended = True
        if self.source is not None:
            self.source.close()
            self.source = None


A = TypeVar("A", bound=Apart)

# A build of more rows than this is not forked: the child copies each page of the parent's memory that it
# touches, and making pages reads the whole model (at national scale, 930,000 rows: 680 MB of model).
FORK_ROWS = 100_000


def fork_apart(configs: dict[str, Path], out: Path, settings: Settings, prepared: Prepared) -> ForkedApart | None:
    """A small ``build`` with more than one job and language: the last language made and built whole in a child
    forked now, its model made, beside the first one here (the city's one-row edit made and built its two
    languages one after the other, 0.55 s of 1.8 on 2 cores). None where that does not apply: then the
    languages are built here, one after the other. Called before any other thread starts: a child forked
    while another thread ran could inherit a lock that thread held, and wait for it forever. Linux only: there
    the child dies with the build (``forked.die_with``), and macOS advises against fork without exec."""
    site = prepared.site
    if (len(configs) < 2 or settings.jobs < 2 or not can_fork() or site is None
            or sum(len(t.rows) for t in site.datasets.tables().values()) > FORK_ROWS):
        return None
    apart, job = _last_language_apart(ForkedApart, configs, out, settings)
    parent = os.getpid()
    apart.pid, apart.source = spawn(lambda sink: build_forked(job, site, sink, parent))
    return apart


def start_apart(configs: dict[str, Path], out: Path, settings: Settings, strict: bool) -> Apart | None:
    """``serve`` with more than one job and language: the last language built whole in serve's worker, started
    before this process reads the data, so that the languages are read, made and built side by side (a national
    save made its pages in 2.8 s a language, one language after the other, on 2 cores). None when that does
    not apply: the languages are then built here, one after the other."""
    if len(configs) < 2 or settings.jobs < 2 or (worker := serve_worker()) is None:
        return None
    apart, job = _last_language_apart(Apart, configs, out, settings, strict)
    try:
        apart.future = worker.submit(build_apart, job)
    except (BrokenProcessPool, RuntimeError, OSError):
        stop_serve_worker()
    return apart


def _last_language_apart(kind: type[A], configs: dict[str, Path], out: Path, settings: Settings,
                         strict: bool = False) -> tuple[A, ApartJob]:
    """The last language's staging folders (an ``Apart`` of ``kind``) and the job that builds it whole there."""
    lang = list(configs)[-1]
    apart = kind(lang, out, output_folder.staging_folder(out, lang), output_folder.staging_folder(out, f"{lang}-pages"))
    return apart, ApartJob(lang, configs[lang], apart.site_dir, apart.pages_dir, settings, strict,
                           language_roots(configs, out)[lang], source_date_epoch(settings))


def _save_maps(maps: dict[str, DepMap], results: dict[str, LanguageResult]) -> None:
    """Each language's dependency map, as this build leaves it (0.3 s at national scale); a language built in
    serve's worker saved its own there."""
    for lang, depmap in maps.items():
        depmap.save(results[lang].records)


def _let_go_of_model(prepared: Prepared, collect: bool = True) -> None:
    """Nothing after the pages needs the model: the last reference to it goes, the reference cycles its pages'
    Jinja environments made are collected, and the memory goes back to the system before MkDocs starts.

    Not collected (``collect`` false) for ``serve``, whose process keeps the tables and models for the next save
    (core/kept.py): the model does not go, a full collection walks it all the same (1.2 s of a national save,
    before its pages could be served), and a preview's peak memory is not a build's. The serving process
    collects once the site is served (cli.py)."""
    prepared.site = None
    if collect:
        gc.collect()
        give_back_memory()


def _place_charts(charts: PendingCharts, folders: dict[str, Path], roots: dict[str, Path], later: bool,
                  stats: dict) -> PendingCharts | None:
    """Every chart into the languages' folders (``build``: waits for the pool), or (``serve``, ``later``) the
    charts drawn by now, the previous site's files of the others meanwhile, and the rest left pending."""
    charts.link_unchanged(folders)
    if later:
        charts.write_ready(folders, previous=roots)
        if charts.left or charts.maps is not None or charts.downloads is not None:
            return charts
    stats.update(charts.finish(folders))  # the pool is shut down here, whether or not it had work left
    return None


@dataclass
class PendingCharts:
    """The charts and share cards of a build's pages and the renderer drawing them, written in two steps:
    those drawn already (``write_ready``), then the rest when the pool has drawn them (``finish``). For
    ``serve``, also the dependency maps, saved by ``finish`` too: after the site is served, before the next save
    is built (cli.py)."""

    renderer: ChartRenderer
    results: dict[str, LanguageResult]
    written: frozenset[str] = frozenset()  # chart keys whose files are written
    maps: Callable[[], None] | None = None  # saves the languages' dependency maps, when left for later
    links: dict[str, ChartLinks] = field(default_factory=dict)  # each language's chart files, and the replaced site's
    # serve: makes this build's bulk zip and manifest, written by ``finish`` into the site of ``downloads_lang``
    downloads: Callable[[], list[Asset]] | None = None
    downloads_lang: str = ""

    @property
    def left(self) -> int:
        """How many charts and cards are still to be written."""
        keys = {c.chart.key() for r in self.results.values() for c in r.charts}
        keys |= {c.card.key() for r in self.results.values() for c in r.cards}
        return len(keys - self.written)

    def link_unchanged(self, folders: dict[str, Path]) -> None:
        """Each chart and card whose files the site being replaced holds as this build would write them, linked
        from there into the language's folder (``ChartLinks``): written, without reading them from the cache."""
        wanted, linked = Counter(), Counter()  # a key counts as written once every language that shows it linked it
        for lang, result in self.results.items():
            link, folder = self.links[lang].link, folders[lang]
            files = [(c.chart.key(), (c.csv_uri, c.svg_uri, c.png_uri)) for c in result.charts]
            for key, uris in files + [(c.card.key(), (c.png_uri,)) for c in result.cards]:
                wanted[key] += 1
                linked[key] += all(link(folder, uri, key) for uri in uris)
        self.written |= frozenset(key for key, count in wanted.items() if linked[key] == count)

    def write_ready(self, folders: dict[str, Path], previous: dict[str, Path]) -> None:
        """The files of the charts drawn by now into each language's folder; a chart not drawn yet keeps the
        file of the previous site in ``previous`` (an edit shows its new chart a little later), if it had one."""
        files = self.renderer.ready(skip=self.written)
        self._write(folders, files, previous)

    def finish(self, folders: dict[str, Path]) -> dict[str, float]:
        """Wait for the pool and write every chart not written yet into each language's folder (a live site's:
        each file is replaced whole, never seen half-written); the charts' stats."""
        stats: dict[str, float] = {}
        if self.maps is not None:
            with timed(stats, "maps_s"):
                self.maps()
            self.maps = None
        if self.downloads is not None:
            with timed(stats, "downloads_s"):
                write_downloads(folders[self.downloads_lang], self.downloads())
            self.downloads = None
        started = time.perf_counter()
        left = self.left
        files, chart_stats = self.renderer.finish(self.written)
        self._write(folders, files)
        for lang, links in self.links.items():
            links.save(folders[lang])
        return stats | {"charts_wait_s": time.perf_counter() - started, "charts_rendered": chart_stats.rendered,
                        "charts_cached": chart_stats.cached, "charts_written_late": left,
                        "cache_discarded": self.renderer.cache.stats.discarded}


    def _write(self, folders: dict[str, Path], files: dict[str, tuple[bytes, bytes]],
               previous: dict[str, Path] | None = None) -> None:
        """The files of each chart and card not written yet, into each language's folder: ``files`` of those
        drawn, the ``previous`` site's (if given) of the others."""
        for lang, result in self.results.items():
            before = previous[lang] if previous is not None else None
            _write_charts(folders[lang], [c for c in result.charts if c.chart.key() not in self.written], files,
                          self.links[lang], before)
            _write_cards(folders[lang], [c for c in result.cards if c.card.key() not in self.written], files,
                         self.links[lang], before)
        self.written |= frozenset(files)


def _write_charts(folder: Path, charts: list[ChartFiles], files: dict[str, tuple[bytes, bytes]],
                  links: ChartLinks, previous: Path | None = None) -> None:
    """Each chart's SVG, PNG and CSV into a language's folder, at the URIs its pages link to; one not in
    ``files`` (not drawn yet) is copied from the same URIs under ``previous`` where they exist."""
    for item in charts:
        key = item.chart.key()
        write_atomic(folder / item.csv_uri, chart_csv(item.chart))  # its table needs no drawing
        links.wrote(item.csv_uri, key)
        _write_drawn(folder, key, ((item.svg_uri, 0), (item.png_uri, 1)), files, links, previous)


def _write_cards(folder: Path, cards: list[CardFiles], files: dict[str, tuple[bytes, bytes]], links: ChartLinks,
                 previous: Path | None = None) -> None:
    """Each page's share image (PNG) into a language's folder, where its page's metadata names it (or the
    previous site's, as for charts, while it is drawn)."""
    for item in cards:
        _write_drawn(folder, item.card.key(), ((item.png_uri, 1),), files, links, previous)


def _write_drawn(folder: Path, key: str, places: tuple[tuple[str, int], ...], files: dict[str, tuple[bytes, bytes]],
                 links: ChartLinks, previous: Path | None) -> None:
    """The drawn files of one chart or card (``places``: each URI with its file's place in the (SVG, PNG) pair
    the pool draws): written when drawn, else copied from ``previous`` where it has them."""
    drawn = files.get(key)
    if drawn is None:
        _copy_previous(folder, previous, tuple(uri for uri, _ in places))
        return
    for uri, which in places:
        write_atomic(folder / uri, drawn[which])
        links.wrote(uri, key)


def _copy_previous(folder: Path, previous: Path | None, uris: tuple[str, ...]) -> None:
    for uri in uris:
        source = previous / uri if previous is not None else None
        if source is not None and source.is_file():
            (folder / uri).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, folder / uri)


def _downloads_meanwhile(prepared: Prepared, cache: Cache, previous: Path) -> list[Asset]:
    """``serve``: each package's downloads, with the replaced site's bulk zip and manifest (linked, not read)
    until this build's are made (``write_downloads``); made now when that site has none (the first build)."""
    made = prepared.shared
    before = [Asset(uri, path=previous / uri) for uri in (urls.downloads_file(urls.BULK_ZIP),
                                                          urls.downloads_file(urls.MANIFEST))]
    if all(asset.path.is_file() for asset in before):
        return made + before
    return made + pipeline.bundled(cache, made)


def write_downloads(site: Path, assets: list[Asset]) -> None:
    """``serve``: files of this build's downloads into its served ``site``, each replaced whole (one that is the
    same file already, linked from the cache, is left as it is)."""
    for asset in assets:
        target = site / asset.uri
        if asset.path is None:
            write_atomic(target, asset.data)
        elif not _same_file(asset.path, target):
            with open_atomic(target) as handle, asset.path.open("rb") as source:
                shutil.copyfileobj(source, handle, 1 << 20)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _swap(configs: dict[str, Path], folders: dict[str, Path], out: Path, keep_previous: bool) -> None:
    """The other languages go under the first's folder, which then takes the place of ``out``."""
    staging = folders[next(iter(configs))]
    for lang, folder in folders.items():
        if folder != staging:
            (folder / output_folder.MARKER).unlink()  # the site's own marker is at its root
            folder.rename(staging / lang)
    output_folder.swap(out, staging, keep_previous)


def serve(out: Path, dev_addr: str, rebuild: Callable[[], object], watched: list[Path], poll: bool = False
          ) -> None:
    """``minhbach serve``: the site ``rebuild`` builds into ``out`` (both languages, as ``minhbach build``
    builds them: an edit costs what it touches), served at ``dev_addr``; a change to anything ``watched`` (the
    data, the docs, the configs) rebuilds it and reloads the page in the browser. A rebuild that fails (invalid
    data) leaves the last good site served; the problems are printed. ``poll``: see ``watcher``."""
    from mkdocs.livereload import LiveReloadServer

    host, _, port = dev_addr.rpartition(":")
    rebuild()
    server = LiveReloadServer(builder=rebuild, host=host or "127.0.0.1", port=int(port), root=str(out))
    server.observer = watcher([path for path in watched if path.exists()], poll)

    def error_page(code: int) -> bytes | None:
        page = out / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    for path in watched:
        if path.exists():
            server.watch(str(path))
    print(f"minhbach: xem trước tại / previewing at http://{host or '127.0.0.1'}:{port}/ (vi) và / and "
          f"http://{host or '127.0.0.1'}:{port}/en/ (en); Ctrl+C để dừng / to stop", flush=True)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


POLL_S = 0.5  # MkDocs' own interval


def watcher(watched: list[Path], poll: bool) -> BaseObserver:
    """What tells the server that a watched file changed: the system's file events (inotify on Linux), or,
    with ``poll`` or where they cannot be had, MkDocs' own choice, a walk of every watched file every half
    second. That walk costs what the data weighs: at national scale (2,000 data files) 0.1 to 0.3 s of Python
    each time, 5.6 s of CPU over a 34 s rebuild, taken from the build it competes with for the interpreter, and
    a fifth of a core while nothing changes (measured with py-spy). Polling is still what a folder needs whose
    changes raise no event here (a network drive, some containers' mounts): ``minhbach serve --poll``.

    Either way only the events that change a file are passed on (``_changes_only``)."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer
    from watchdog.observers.polling import PollingObserver

    if poll:
        return _changes_only(PollingObserver(timeout=POLL_S))
    try:  # events need a watch per folder, and a system limits them: tried on the folders first
        probe = Observer()
        for path in watched:
            probe.schedule(FileSystemEventHandler(), str(path), recursive=True)
        probe.start()
        probe.stop()
        probe.join()
    except OSError as exc:
        print(f"minhbach: không theo dõi được thay đổi bằng sự kiện của hệ thống ({exc}); kiểm tra mỗi "
              f"{POLL_S} giây / the system's file events are not available ({exc}); checking for changes every "
              f"{POLL_S} s instead", file=sys.stderr, flush=True)
        return _changes_only(PollingObserver(timeout=POLL_S))
    return _changes_only(Observer())


# What a file's reading raises (inotify's IN_OPEN and IN_CLOSE_NOWRITE, as watchdog names them): no change.
READ_ONLY_EVENTS = frozenset({"opened", "closed_no_write"})


def _changes_only(observer: BaseObserver) -> BaseObserver:
    """``observer``, passing on to the handlers the server schedules only the events that change a file. MkDocs
    rebuilds on any event, and the system's include a file opened, or closed without a write, which every build
    causes itself by reading the data and the configs: passed on, they started another build, which read them
    again (a loop of ~9 builds a second, each finding the site up to date, from the first save on)."""
    from watchdog.events import FileSystemEvent, FileSystemEventHandler

    class Changes(FileSystemEventHandler):
        def __init__(self, handler: FileSystemEventHandler):
            self.handler = handler

        def dispatch(self, event: FileSystemEvent) -> None:
            if event.event_type not in READ_ONLY_EVENTS:
                self.handler.dispatch(event)

    schedule = observer.schedule

    def changes_only(handler: FileSystemEventHandler, path: str, *args: object, **kwargs: object) -> object:
        return schedule(Changes(handler), path, *args, **kwargs)

    observer.schedule = changes_only  # type: ignore[method-assign]
    return observer
