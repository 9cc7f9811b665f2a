"""Rendering many charts (and share cards, drawn the same way): each spec once per content hash, cached ones
read, the rest drawn in a process pool in the background while the caller goes on. A cached chart's key is
its spec and the code that draws it (``core/cache.py``)."""

from __future__ import annotations

import gc
import multiprocessing
import threading
import weakref
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from generator.core import workers
from generator.core.cache import Cache, code_digest, tool_versions
from generator.core.charts.spec import Card, Chart
from generator.core.progress import Progress

PROGRESS_FROM = 20  # fewer charts than this render in a few seconds: no progress lines
CHARTS = "charts"  # cache namespace
# A worker drawing behind the caller (``serve``) yields the cores to it: ``workers.BEHIND_NICENESS``.
BEHIND_NICENESS = workers.BEHIND_NICENESS


@dataclass
class RenderStats:
    rendered: int = 0
    cached: int = 0
    keys: list[str] = field(default_factory=list)


# What draws a chart besides our code: matplotlib (with the fonts it ships), NumPy under it, Pillow (the PNGs).
DRAWN_WITH = ("matplotlib", "numpy", "pillow")


def drawing() -> str:
    """What a chart's files are made from besides its spec: our drawing code and the libraries under it."""
    return code_digest("generator.core.charts.draw") + tool_versions(*DRAWN_WITH)


def entry_key(chart: Chart | Card) -> str:
    """The cache key of a chart's files: its spec and ``drawing``."""
    return Cache.key(CHARTS, chart.key(), drawing())


def _render_to(args: tuple[Chart | Card, Cache]) -> tuple[bytes, bytes]:
    from generator.core.charts.draw import render  # matplotlib: only when a chart is drawn (a second or more)

    chart, cache = args
    svg, png = render(chart)
    key = entry_key(chart)
    cache.put(CHARTS, f"{key}.svg", svg)
    cache.put(CHARTS, f"{key}.png", png)
    return svg, png


def _cached(cache: Cache, chart: Chart | Card) -> tuple[bytes, bytes] | None:
    key = entry_key(chart)
    svg, png = cache.get(CHARTS, f"{key}.svg"), cache.get(CHARTS, f"{key}.png")
    return None if svg is None or png is None else (svg, png)


def _stored(cache: Cache, chart: Chart | Card) -> bool:
    key = entry_key(chart)
    return cache.keep(CHARTS, f"{key}.svg") and cache.keep(CHARTS, f"{key}.png")


class ChartRenderer:
    """Renders charts in the background while the caller goes on (pages of the next language, downloads),
    so that both cores stay busy: ``submit`` as specs become known, ``finish`` for the files. Each spec is
    rendered once per content hash; cached ones are read from ``cache``."""

    def __init__(self, cache: Cache, jobs: int = 1, small_workers: bool = False, behind: bool = False):
        self.cache, self.jobs = cache, jobs
        # ``behind``: the workers yield the cores to the caller (``serve``: the charts follow the pages, which
        # the browser waits for, while MkDocs builds them beside the drawing on the same two cores).
        self.behind = behind
        # Workers forked from a parent that holds a national model share its pages only until either side
        # writes to them, and both keep writing: the summed memory grew by gigabytes. With small_workers they
        # come from a fresh server process instead (core/workers.py), which has loaded only matplotlib and
        # Frictionless.
        self.small_workers = small_workers and "forkserver" in multiprocessing.get_all_start_methods()
        self._unique: dict[str, Chart | Card] = {}
        self._waiting: list[Chart | Card] = []  # rendered in finish() when there is no pool
        self._futures: list = []
        self._pool: ProcessPoolExecutor | None = None
        # The pool is let go as soon as every chart submitted is drawn (its workers hold matplotlib: ~300 MB
        # of a national build's peak, which came at the end, long after the last chart); a later submit
        # starts another. The lock keeps a submit and that letting go apart (callbacks run in the pool's thread).
        self._lock = threading.RLock()
        self._closing: list[threading.Thread] = []
        self._handing: list[threading.Thread] = []  # threads handing charts to the pool (``submit``)
        self._handing_errors: list[BaseException] = []
        self._frozen = False
        self._abandoned = False
        self.stats = RenderStats()
        self._progress: Progress | None = None
        self._done = 0
        _LIVE.add(self)

    def submit(self, charts: list[Chart | Card]) -> None:
        new = {key: chart for chart in charts if (key := chart.key()) not in self._unique}
        self._unique.update(new)
        # Whether a chart is drawn already, without reading its files (``finish`` reads them, and draws again
        # one that fails its check then): a national edit's 1,000 charts and cards were read twice.
        missing = [c for c in new.values() if not _stored(self.cache, c)]
        self.stats.rendered += len(missing)
        self.stats.cached += len(new) - len(missing)
        if self._progress is not None:
            self._progress.total = self.stats.rendered  # a later language adds its charts
        elif self.stats.rendered >= PROGRESS_FROM:
            self._progress = Progress("charts", self.stats.rendered)
            self._progress.done = self._done
        if self.jobs > 1 and missing and self.small_workers:
            # A worker from the server starts only once the server has imported matplotlib (core/workers.py):
            # up to half a second into a short build, which the caller waited for (a session added to the city's
            # data: 0.25 s of 2.3). Handed over from a thread, the caller goes on (nothing of it is forked).
            handing = threading.Thread(target=self._hand_over_reporting, args=(missing,), daemon=True,
                                       name="minhbach-charts-submit")
            handing.start()
            self._handing.append(handing)
        elif self.jobs > 1 and missing:
            self._hand_over(missing)  # forked from this process: from its own thread, never another
        else:
            self._waiting += missing

    def _hand_over(self, charts: list[Chart | Card]) -> None:
        with self._lock:
            if self._abandoned:
                return
            for chart in charts:
                future = self._start().submit(_render_to, (chart, self.cache))
                self._futures.append(future)
                future.add_done_callback(self._advance)

    def _hand_over_reporting(self, charts: list[Chart | Card]) -> None:
        """``_hand_over`` in a thread: what it raises (no server, no process left) is raised by ``finish``."""
        try:
            self._hand_over(charts)
        except BaseException as error:  # noqa: BLE001 - every failure goes to the caller's thread
            self._handing_errors.append(error)

    def _start(self) -> ProcessPoolExecutor:
        if self._pool is None and self.small_workers:
            self._pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=workers.small_workers(),
                                             **self._worker_options())
        elif self._pool is None:
            # Workers are forked from a parent that may hold gigabytes of model: frozen, its objects are left
            # alone by the workers' garbage collector, which would otherwise touch (and so copy) every page.
            # matplotlib is imported first, once, so that the workers inherit it instead of each loading it.
            import generator.core.charts.draw  # noqa: F401

            gc.freeze()
            self._frozen = True
            self._pool = ProcessPoolExecutor(max_workers=self.jobs, **self._worker_options())
        return self._pool

    def _worker_options(self) -> dict:
        """How the pool's workers start (``workers.started``): yielding the cores when they are to stay behind the
        caller."""
        return {"initializer": workers.started, "initargs": (BEHIND_NICENESS if self.behind else 0,)}

    def _advance(self, _future=None) -> None:  # noqa: ANN001 - a Future, from the pool's thread
        with self._lock:
            self._done += 1
            if self._progress and not self._abandoned:
                self._progress.advance()
            if self._pool is not None and all(future.done() for future in self._futures):
                self._let_go()

    def _let_go(self) -> None:
        """Stop the idle pool's workers, from another thread: a pool cannot wait for itself in its own."""
        pool, self._pool = self._pool, None
        closing = threading.Thread(target=pool.shutdown, name="minhbach-charts-pool-end", daemon=True)
        closing.start()
        self._closing.append(closing)

    def abandon(self) -> None:
        """Stop drawing, for a command that failed or was stopped: the pool's workers stopped (``workers.stop``),
        the charts not drawn dropped. Left as it was, multiprocessing's own exit closed the pool's queue and then
        waited for its workers, which waited for ever for the charts that queue no longer sent."""
        with self._lock:
            self._abandoned = True
            pool, self._pool = self._pool, None
        if pool is not None:
            workers.stop(pool)
        for closing in self._closing:
            closing.join()

    def ready(self, skip: frozenset[str] = frozenset()) -> dict[str, tuple[bytes, bytes]]:
        """The files of every chart submitted so far that is drawn already (in the cache), without waiting for
        the others, but those of ``skip`` keys (the caller has them): ``serve`` publishes the pages with these and
        the rest when ``finish`` has them."""
        return {k: files for k, chart in self._unique.items()
                if k not in skip and (files := _cached(self.cache, chart)) is not None}

    def finish(self, known: frozenset[str] = frozenset()) -> tuple[dict[str, tuple[bytes, bytes]], RenderStats]:
        """Wait for every chart; the files of each, except those of ``known`` keys (the caller has them)."""
        try:
            for handing in self._handing:
                handing.join()
            if self._handing_errors:
                raise self._handing_errors[0]
            for chart in self._waiting:
                _render_to((chart, self.cache))
                self._advance()
            for future in self._futures:
                future.result()  # a failed chart fails the build here
        finally:
            with self._lock:
                if self._pool is not None:
                    self._let_go()
            for closing in self._closing:
                closing.join()
            if self._frozen:
                gc.unfreeze()
        self.stats.keys = sorted(self._unique)
        files = {}
        for k, chart in ((k, c) for k, c in self._unique.items() if k not in known):
            # An entry that fails its check now (changed on disk since submit) is drawn again here.
            files[k] = _cached(self.cache, chart) or _render_to((chart, self.cache))
        return files, self.stats


_LIVE: weakref.WeakSet[ChartRenderer] = weakref.WeakSet()  # every renderer of this process (``abandon_all``)


def abandon_all() -> None:
    """``abandon`` every renderer of this process: the command failed, and its charts will not be used."""
    for renderer in list(_LIVE):
        renderer.abandon()


def render_all(charts: list[Chart], cache: Cache, jobs: int = 1
               ) -> tuple[dict[str, tuple[bytes, bytes]], RenderStats]:
    """(SVG, PNG) for every chart, keyed by content hash: cached ones are read, the rest rendered in a pool."""
    renderer = ChartRenderer(cache, jobs)
    renderer.submit(charts)
    return renderer.finish()
