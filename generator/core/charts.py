"""Charts as data (specs) rendered to SVG and PNG with matplotlib, byte for byte the same for the same spec.

A spec holds every number and label the chart shows, so its alt text, one-sentence summary and CSV come from
the same values as the drawing. Rendering is a pure function of the spec: ``render_all`` skips every spec
whose content hash is already in the cache and renders the rest in a process pool.
"""

from __future__ import annotations

import csv
import gc
import hashlib
import io
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib

from generator.core.files import write_atomic
from generator.core.progress import Progress

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 - the backend must be chosen first

CHART_CODE_VERSION = "2"
PROGRESS_FROM = 20  # fewer charts than this render in a few seconds: no progress lines
# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
BLUE, VERMILION, GREEN, PURPLE, ORANGE, SKY, GREY = (
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C8C8C")
STYLE = {
    "svg.hashsalt": "minhbach",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
SAVE = {"svg": {"metadata": {"Date": None}}, "png": {"metadata": {"Software": None}, "dpi": 100}}


@dataclass(frozen=True)
class Point:
    x: int
    y: float
    derived: bool = False


@dataclass(frozen=True)
class Series:
    label: str
    points: tuple[Point, ...]
    reference: bool = False  # a comparison line (national average, target): dashed and grey


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    highlight: bool = False  # the unit the site is about
    flagged: bool = False  # derived, inferred or conflicting: hatched


@dataclass(frozen=True)
class Panel:
    title: str
    series: tuple[Series, ...]


@dataclass(frozen=True)
class Chart:
    """Everything a chart shows. ``kind`` is ``line`` (years, gaps kept), ``series`` (a long continuous
    series), ``bars`` or ``multiples``."""

    kind: str
    slug: str
    title: str
    alt: str
    summary: str
    csv_header: tuple[str, ...]
    csv_rows: tuple[tuple[str, ...], ...]
    x_label: str = ""
    y_label: str = ""
    series: tuple[Series, ...] = ()
    bars: tuple[Bar, ...] = ()
    panels: tuple[Panel, ...] = ()
    x_range: tuple[int, int] | None = None
    invert_y: bool = False
    note: str = ""
    legend: tuple[tuple[str, str], ...] = ()  # (role, label): stated, derived, highlight, flagged

    def key(self) -> str:
        return hashlib.sha256(f"{CHART_CODE_VERSION}|{self!r}".encode()).hexdigest()[:20]

    def legend_label(self, role: str) -> str:
        return dict(self.legend).get(role, role)


@dataclass(frozen=True)
class ChartFiles:
    """Where a chart is published: its SVG (shown), PNG and CSV (downloads)."""

    chart: Chart
    svg_uri: str
    png_uri: str
    csv_uri: str

    @classmethod
    def under(cls, folder: str, chart: Chart) -> ChartFiles:
        base = f"{folder}/{chart.slug}"
        return cls(chart, f"{base}.svg", f"{base}.png", f"{base}.csv")


def segments(points: tuple[Point, ...]) -> list[list[Point]]:
    """Runs of points whose x values follow each other without a gap (gaps stay gaps, never joined)."""
    runs: list[list[Point]] = []
    for point in sorted(points, key=lambda p: p.x):
        if runs and point.x == runs[-1][-1].x + 1:
            runs[-1].append(point)
        else:
            runs.append([point])
    return runs


def _draw_series(ax, chart: Chart, series: Series, color: str, annotate: bool) -> None:  # noqa: ANN001
    style = {"color": GREY if series.reference else color, "linewidth": 1.5 if series.reference else 2,
             "linestyle": "--" if series.reference else "-"}
    for i, run in enumerate(segments(series.points)):
        ax.plot([p.x for p in run], [p.y for p in run], label=series.label if i == 0 else None, **style)
    stated = [p for p in series.points if not p.derived]
    derived = [p for p in series.points if p.derived]
    ax.plot([p.x for p in stated], [p.y for p in stated], "o", color=style["color"], markersize=5)
    if derived:
        ax.plot([p.x for p in derived], [p.y for p in derived], "o", markerfacecolor="white",
                markeredgecolor=VERMILION, markeredgewidth=2, markersize=7, label=chart.legend_label("derived"))
    if annotate:
        for p in series.points:
            ax.annotate(f"{p.y:g}", (p.x, p.y), textcoords="offset points", xytext=(0, 7), ha="center", fontsize=8)


def _line(fig, chart: Chart) -> None:  # noqa: ANN001
    ax = fig.subplots()
    colors = (BLUE, GREEN, PURPLE, ORANGE)
    for i, series in enumerate(chart.series):
        _draw_series(ax, chart, series, colors[i % len(colors)], annotate=not series.reference)
    if chart.x_range:
        ax.set_xlim(chart.x_range[0] - 0.5, chart.x_range[1] + 0.5)
        step = 1 if chart.x_range[1] - chart.x_range[0] <= 6 else 2
        ax.set_xticks(range(chart.x_range[0], chart.x_range[1] + 1, step))
    if chart.invert_y:
        ax.invert_yaxis()
    ax.set_xlabel(chart.x_label)
    ax.set_ylabel(chart.y_label)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.legend(loc="best", frameon=False, fontsize=8)


def _series(fig, chart: Chart) -> None:  # noqa: ANN001
    """A long, continuous series (dates as decimal years): one line per field, no labels on points."""
    ax = fig.subplots()
    colors = (BLUE, VERMILION, GREEN)
    for i, series in enumerate(chart.series):
        ax.plot([p.x for p in series.points], [p.y for p in series.points], color=colors[i % len(colors)],
                linewidth=1.2, label=series.label, marker="o" if len(series.points) <= 40 else None, markersize=3)
    ax.set_xlabel(chart.x_label)
    ax.set_ylabel(chart.y_label)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    if len(chart.series) > 1:
        ax.legend(loc="best", frameon=False, fontsize=8)


def _bars(fig, chart: Chart) -> None:  # noqa: ANN001
    ax = fig.subplots()
    labels = [b.label for b in chart.bars]
    colors = [VERMILION if b.highlight else BLUE for b in chart.bars]
    drawn = ax.barh(range(len(labels)), [b.value for b in chart.bars], color=colors)
    for bar, spec in zip(drawn, chart.bars, strict=True):
        if spec.flagged:
            bar.set_hatch("///")
            bar.set_edgecolor("white")
        ax.annotate(f"{spec.value:g}", (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                    textcoords="offset points", xytext=(3, 0), va="center", fontsize=8)
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel(chart.y_label)
    low = min(b.value for b in chart.bars)
    ax.set_xlim(max(0.0, low - (max(b.value for b in chart.bars) - low) * 0.6 - 1),
                max(b.value for b in chart.bars) * 1.04)
    handles = [matplotlib.patches.Patch(color=BLUE, label=chart.legend_label("stated"))]
    if any(b.highlight for b in chart.bars):
        handles.append(matplotlib.patches.Patch(color=VERMILION, label=chart.legend_label("highlight")))
    if any(b.flagged for b in chart.bars):
        handles.append(matplotlib.patches.Patch(facecolor=BLUE, hatch="///", edgecolor="white",
                                                label=chart.legend_label("flagged")))
    ax.legend(handles=handles, loc="lower right", frameon=False, fontsize=8)


def _multiples(fig, chart: Chart) -> None:  # noqa: ANN001
    columns = min(2, len(chart.panels))
    rows = (len(chart.panels) + columns - 1) // columns
    axes = fig.subplots(rows, columns, squeeze=False, sharex=True)
    for ax, panel in zip(axes.flat, chart.panels, strict=False):
        for series in panel.series:
            _draw_series(ax, chart, series, BLUE, annotate=True)
        ax.set_title(panel.title, fontsize=9)
        ax.margins(y=0.3)
        if chart.x_range:
            ax.set_xlim(chart.x_range[0] - 0.5, chart.x_range[1] + 0.5)
    for ax in list(axes.flat)[len(chart.panels):]:
        ax.set_visible(False)


_DRAW = {"line": _line, "series": _series, "bars": _bars, "multiples": _multiples}


def _height(chart: Chart) -> float:
    if chart.kind == "bars":
        return max(2.4, 0.28 * len(chart.bars) + 1.2)
    if chart.kind == "multiples":
        return 2.2 * ((len(chart.panels) + 1) // 2) + 0.6
    return 3.6


def render(chart: Chart) -> tuple[bytes, bytes]:
    """The chart as (SVG, PNG) bytes."""
    with plt.rc_context(STYLE):
        fig = plt.figure(figsize=(6.4, _height(chart)))
        _DRAW[chart.kind](fig, chart)
        if chart.note:
            fig.text(0.01, 0.01, chart.note, fontsize=7, color="#444444", ha="left", va="bottom", wrap=True)
        fig.tight_layout(rect=(0, 0.05 if chart.note else 0, 1, 1))
        outputs = []
        for fmt in ("svg", "png"):
            buffer = io.BytesIO()
            fig.savefig(buffer, format=fmt, **SAVE[fmt])
            outputs.append(buffer.getvalue())
        plt.close(fig)
    return outputs[0], outputs[1]


def chart_csv(chart: Chart) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(chart.csv_header)
    writer.writerows(chart.csv_rows)
    return buffer.getvalue().encode("utf-8")


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
