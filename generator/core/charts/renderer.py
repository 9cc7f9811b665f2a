"""Rendering many charts: each spec once per content hash, cached ones read, the rest drawn in a process
pool in the background while the caller goes on."""

from __future__ import annotations

import gc
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from generator.core.charts.draw import render
from generator.core.charts.spec import Chart
from generator.core.files import write_atomic
from generator.core.progress import Progress

PROGRESS_FROM = 20  # fewer charts than this render in a few seconds: no progress lines


@dataclass
class RenderStats:
    rendered: int = 0
    cached: int = 0
    keys: list[str] = field(default_factory=list)


def _render_to(args: tuple[Chart, str]) -> str:
    chart, folder = args
    svg, png = render(chart)
    key = chart.key()
    for suffix, data in ((".svg", svg), (".png", png)):
        write_atomic(Path(folder) / f"{key}{suffix}", data)
    return key


class ChartRenderer:
    """Renders charts in the background while the caller goes on (pages of the next language, downloads),
    so that both cores stay busy: ``submit`` as specs become known, ``finish`` for the files. Each spec is
    rendered once per content hash; cached ones are read from ``cache_dir``."""

    def __init__(self, cache_dir: Path, jobs: int = 1):
        self.cache_dir, self.jobs = cache_dir, jobs
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        self._unique: dict[str, Chart] = {}
        self._waiting: list[Chart] = []  # rendered in finish() when there is no pool
        self._futures: list = []
        self._pool: ProcessPoolExecutor | None = None
        self.stats = RenderStats()
        self._progress: Progress | None = None
        self._done = 0

    def submit(self, charts: list[Chart]) -> None:
        new = {chart.key(): chart for chart in charts if chart.key() not in self._unique}
        self._unique.update(new)
        missing = [c for k, c in new.items() if not ((self.cache_dir / f"{k}.svg").is_file()
                                                     and (self.cache_dir / f"{k}.png").is_file())]
        self.stats.rendered += len(missing)
        self.stats.cached += len(new) - len(missing)
        if self._progress is not None:
            self._progress.total = self.stats.rendered  # a later language adds its charts
        elif self.stats.rendered >= PROGRESS_FROM:
            self._progress = Progress("charts", self.stats.rendered)
            self._progress.done = self._done
        if self.jobs > 1 and missing:
            for chart in missing:
                future = self._start().submit(_render_to, (chart, str(self.cache_dir)))
                future.add_done_callback(self._advance)
                self._futures.append(future)
        else:
            self._waiting += missing

    def _start(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # Workers are forked from a parent that may hold gigabytes of model: frozen, its objects are left
            # alone by the workers' garbage collector, which would otherwise touch (and so copy) every page.
            gc.freeze()
            self._pool = ProcessPoolExecutor(max_workers=self.jobs)
        return self._pool

    def _advance(self, _future=None) -> None:  # noqa: ANN001 - a Future, from the pool's thread
        self._done += 1
        if self._progress:
            self._progress.advance()

    def finish(self) -> tuple[dict[str, tuple[bytes, bytes]], RenderStats]:
        try:
            for chart in self._waiting:
                _render_to((chart, str(self.cache_dir)))
                self._advance()
            for future in self._futures:
                future.result()  # a failed chart fails the build here
        finally:
            if self._pool is not None:
                self._pool.shutdown()
                gc.unfreeze()
        self.stats.keys = sorted(self._unique)
        files = {k: ((self.cache_dir / f"{k}.svg").read_bytes(), (self.cache_dir / f"{k}.png").read_bytes())
                 for k in self._unique}
        return files, self.stats


def render_all(charts: list[Chart], cache_dir: Path, jobs: int = 1
               ) -> tuple[dict[str, tuple[bytes, bytes]], RenderStats]:
    """(SVG, PNG) for every chart, keyed by content hash: cached ones are read, the rest rendered in a pool."""
    renderer = ChartRenderer(cache_dir, jobs)
    renderer.submit(charts)
    return renderer.finish()
