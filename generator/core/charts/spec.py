"""Charts as data: every number and label a chart shows, so that its alt text, one-sentence summary and CSV
come from the same values as the drawing. Nothing here draws (see ``draw``), so pages can name charts
without loading matplotlib.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass


@dataclass(frozen=True)
class Point:
    """A point of a line. ``label`` is the value as the page's language writes it, qualifier included
    ("<50", "86,97"): the chart shows that text, never a number it formats itself. ``bound`` is the
    value's qualifier when only a bound is known ("<", ">=", ...): drawn as a bound, not as a point."""

    x: int
    y: float
    derived: bool = False
    label: str = ""
    bound: str = ""


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
    text: str = ""  # the value as the page's language writes it ("<50", "84,2"), shown at the bar's end
    bound: str = ""  # the qualifier when only a bound is known: drawn open, never as the number


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
    legend: tuple[tuple[str, str], ...] = ()  # (role, label): stated, derived, highlight, flagged, bound
    lang: str = ""  # the language of the page: tick labels are written in its number format

    def key(self) -> str:
        """The spec's identity: a hash of everything it shows (the cache adds the drawing code)."""
        return hashlib.sha256(repr(self).encode()).hexdigest()[:20]

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


def chart_csv(chart: Chart) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(chart.csv_header)
    writer.writerows(chart.csv_rows)
    return buffer.getvalue().encode("utf-8")
