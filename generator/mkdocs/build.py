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
import sys
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import UTC, datetime
from multiprocessing import get_all_start_methods
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.utils.yaml import yaml_load

from generator import pipeline
from generator.core import output_folder
from generator.core.charts.renderer import ChartRenderer
from generator.core.charts.spec import CardFiles, ChartFiles, chart_csv
from generator.core.deps import DepMap, complete
from generator.core.edit import edit_base
from generator.core.feature import Site
from generator.core.files import write_atomic
from generator.core.memory import give_back_memory
from generator.core.settings import Settings
from generator.core.timing import timed
from generator.core.workers import small_workers
from generator.mkdocs.chart_files import ChartLinks
from generator.mkdocs.log import mkdocs_log
from generator.mkdocs.worker import LanguageJob, LanguageResult, MkDocsJob, make_pages, run_mkdocs, run_mkdocs_apart
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
               charts_later: bool = False) -> tuple[int, dict, PendingCharts | None]:
    """Build every language, one after the other (worker.py), while a pool draws their charts; 0 when the
    site is in place, 1 when a build failed (``out`` untouched). The stats of the build come back too. The
    caller holds the output's lock and has checked that ``out`` may be replaced (core/output_folder.py).

    With ``charts_later`` (``serve``) the site is put in place as soon as its pages are built, with the
    charts drawn by then (the others keep the previous site's files meanwhile); the charts still being
    drawn come back as ``PendingCharts``, whose ``finish`` writes them into the published site. The previous
    site and the pages' staging folders are then left for the caller to delete (``output_folder.recover``),
    after the site is served: thousands of files at scale."""
    # MkDocs stamps sitemap.xml and its gzip with "now" unless SOURCE_DATE_EPOCH says otherwise; the build
    # date pins it so that the same inputs give the same bytes.
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(datetime.combine(
        settings.build_date, datetime.min.time(), tzinfo=UTC).timestamp())))
    # One folder per language: MkDocs empties its site_dir first, so one language cannot build inside another's.
    folders = {lang: output_folder.staging_folder(out, lang) for lang in configs}
    # Each language's pages, written as they are made (marked too: an interrupted build's are cleared).
    pages = {lang: output_folder.staging_folder(out, f"{lang}-pages") for lang in configs}
    pending, published = None, False
    try:
        with mkdocs_log():
            results, failures, stats, charts = _build_languages(configs, folders, pages, prepared,
                                                                language_roots(configs, out), serving=charts_later)
            if not failures:
                pending = _place_charts(charts, folders, language_roots(configs, out), charts_later, stats)
        if failures:
            for lang, message in failures.items():
                print(f"minhbach: MkDocs thất bại / MkDocs failed ({lang}): {message}", file=sys.stderr)
            return 1, stats, None
        with timed(stats, "publish_s"):  # the previous site's ~11,000 files deleted, at scale
            _swap(configs, folders, out, keep_previous=charts_later)
        published = True
    finally:
        if prepared.bulk is not None:  # a failed build still lets the bulk zip's thread finish its cache entry
            wait([prepared.bulk])
        if not (published and charts_later):
            for folder in [*folders.values(), *pages.values()]:
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
                     prepared: Prepared, roots: dict[str, Path], serving: bool = False
                     ) -> tuple[dict[str, LanguageResult], dict[str, str], dict, PendingCharts]:
    """Every language's pages, then, the model let go, each language's MkDocs build while a pool draws the
    charts the pages show; the dependency map of each language is saved once all succeeded. The charts are
    written by the caller. ``roots``: where each language's site is now, until this build replaces it.
    ``serving`` (``serve``): the pages are what the browser waits for; the model is not collected after them
    (``_let_go_of_model``) and the charts are drawn behind MkDocs (``ChartRenderer``'s ``behind``)."""
    site = prepared.site
    settings, cache, raw = site.settings, site.cache, site.raw
    results, maps, stats = _make_pages(configs, folders, pages, site)
    del site
    with timed(stats, "downloads_wait_s"):
        if prepared.downloads is not None:  # made from the model, in a thread, while the pages were
            prepared.downloads.result()
    with timed(stats, "release_s"):
        _let_go_of_model(prepared, collect=not serving)
    with timed(stats, "charts_queue_s"):
        renderer = ChartRenderer(cache, settings.jobs, small_workers=True, behind=serving)
        renderer.submit([c.chart for r in results.values() for c in r.charts] + [c.card for r in results.values()
                                                                                 for c in r.cards])
    first = next(iter(configs))
    jobs = {lang: MkDocsJob(lang, config, folders[lang], settings, raw,
                            (lambda: prepared.shared) if lang == first else list, roots[lang])
            for lang, config in configs.items()}
    # What outlives the model (in a serving process, the tables and models it keeps for the next build: ~3 M
    # objects at national scale) is left alone by the collection after each language (run_mkdocs).
    gc.freeze()
    try:
        failures = (_run_mkdocs_beside(jobs, results, stats) if serving and len(jobs) > 1 and settings.jobs > 1
                    else _run_mkdocs_in_turn(jobs, results, stats))
    finally:
        gc.unfreeze()
    pending = PendingCharts(renderer, results, links={lang: ChartLinks(cache, roots[lang], lang) for lang in configs})
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


def _run_mkdocs_in_turn(jobs: dict[str, MkDocsJob], results: dict[str, LanguageResult], stats: dict
                        ) -> dict[str, str]:
    """Each language's MkDocs build, one after the other in this process; the error of the one that failed."""
    for lang, job in jobs.items():
        mkdocs_stats, error = run_mkdocs(job, results[lang].output)
        _add_stats(stats, mkdocs_stats)
        if error:
            return {lang: error}
    return {}


def _run_mkdocs_beside(jobs: dict[str, MkDocsJob], results: dict[str, LanguageResult], stats: dict
                       ) -> dict[str, str]:
    """``serve`` with more than one job: the first language's MkDocs build here while the others' run in the
    serving process's MkDocs worker (``mkdocs_worker``): a national save's two builds took 1.2 s each, one after
    the other, on 2 cores.
    MkDocs needs none of the model, so a worker holds none: it is given the job and the pages' places on disk. A
    language the worker could not build (it is gone, or there is none) is built here after the first."""
    elsewhere = {}
    first, *others = jobs
    worker = mkdocs_worker()
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    with timed(stats, "mkdocs_s"):  # side by side: the wall time, not the builds' sum
        for lang in others if worker is not None else ():
            try:
                elsewhere[lang] = worker.submit(run_mkdocs_apart, jobs[lang], results[lang].output, epoch)
            except (BrokenProcessPool, RuntimeError, OSError):
                stop_mkdocs_worker()
                break
        try:
            found = {first: run_mkdocs(jobs[first], results[first].output)}
        finally:  # the worker writes into this build's folders: never left writing there once this build is over
            wait(elsewhere.values())
        for lang in others:
            try:
                found[lang] = elsewhere[lang].result() if lang in elsewhere else None
            except BrokenProcessPool:  # the worker died: built here, and another worker started next time
                stop_mkdocs_worker()
                found[lang] = None
            if found[lang] is None:
                found[lang] = run_mkdocs(jobs[lang], results[lang].output)
    for lang_stats, _ in found.values():
        _add_stats(stats, {name: value for name, value in lang_stats.items() if name != "mkdocs_s"})
    return {lang: error for lang, (_, error) in found.items() if error}


def _add_stats(stats: dict, more: dict[str, float]) -> None:
    for name, value in more.items():
        stats[name] = stats.get(name, 0.0) + value


_WORKER: ProcessPoolExecutor | None = None


def mkdocs_worker() -> ProcessPoolExecutor | None:
    """``serve``'s MkDocs worker: one process, kept for the next saves, from multiprocessing's server of small
    workers (core/workers.py), never forked from the serving process, whose threads (the HTTP server, the
    watcher) a fork would copy in whatever state they are; None where there is no such server."""
    global _WORKER
    if _WORKER is None and "forkserver" in get_all_start_methods():
        _WORKER = ProcessPoolExecutor(max_workers=1, mp_context=small_workers())
    return _WORKER


def stop_mkdocs_worker() -> None:
    """Let the MkDocs worker go (the preview ends, or the worker broke: the next save starts another)."""
    global _WORKER
    if _WORKER is not None:
        _WORKER.shutdown(wait=False, cancel_futures=True)
        _WORKER = None


def _save_maps(maps: dict[str, DepMap], results: dict[str, LanguageResult]) -> None:
    """Each language's dependency map, as this build leaves it (0.3 s at national scale)."""
    for lang, result in results.items():
        maps[lang].save(result.records)


def _make_pages(configs: dict[str, Path], folders: dict[str, Path], pages: dict[str, Path], site: Site
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
        if charts.left or charts.maps is not None:
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
