"""Charts as data (specs) rendered to SVG with matplotlib, byte for byte the same for the same spec.

A spec holds every number and label the chart shows, so its alt text, summary and CSV come from the same
values as the drawing. Rendering is a pure function of the spec, which makes caching by hash possible.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 - the backend must be chosen first

CHART_CODE_VERSION = "1"
# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")
STYLE = {
    "svg.hashsalt": "minhbach",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


@dataclass(frozen=True)
class Point:
    x: int
    y: float
    derived: bool = False


@dataclass(frozen=True)
class LineChart:
    """A time series; consecutive x values are joined, a missing x breaks the line (gaps stay gaps)."""

    slug: str
    title: str
    x_label: str
    y_label: str
    points: tuple[Point, ...]
    x_range: tuple[int, int]
    invert_y: bool
    legend_stated: str
    legend_derived: str
    alt: str
    summary: str

    def key(self) -> str:
        return hashlib.sha256(f"{CHART_CODE_VERSION}|{self!r}".encode()).hexdigest()[:16]


def segments(points: tuple[Point, ...]) -> list[list[Point]]:
    """Runs of points whose x values follow each other without a gap."""
    runs: list[list[Point]] = []
    for point in sorted(points, key=lambda p: p.x):
        if runs and point.x == runs[-1][-1].x + 1:
            runs[-1].append(point)
        else:
            runs.append([point])
    return runs


def render_line_svg(chart: LineChart) -> bytes:
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(6.4, 3.6), dpi=100)
        for run in segments(chart.points):
            ax.plot([p.x for p in run], [p.y for p in run], color=PALETTE[0], linewidth=2)
        stated = [p for p in chart.points if not p.derived]
        derived = [p for p in chart.points if p.derived]
        ax.plot([p.x for p in stated], [p.y for p in stated], "o", color=PALETTE[0], label=chart.legend_stated)
        if derived:
            ax.plot([p.x for p in derived], [p.y for p in derived], "o", markerfacecolor="white",
                    markeredgecolor=PALETTE[1], markeredgewidth=2, label=chart.legend_derived)
        for p in chart.points:
            ax.annotate(f"{p.y:g}", (p.x, p.y), textcoords="offset points", xytext=(0, 7), ha="center", fontsize=8)
        ax.set_xlim(chart.x_range[0] - 0.5, chart.x_range[1] + 0.5)
        ax.set_xticks(range(chart.x_range[0], chart.x_range[1] + 1, 2))
        if chart.invert_y:
            ax.invert_yaxis()
        ax.set_xlabel(chart.x_label)
        ax.set_ylabel(chart.y_label)
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        ax.legend(loc="best", frameon=False, fontsize=8)
        fig.tight_layout()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None})
        plt.close(fig)
    return buffer.getvalue()


def chart_csv(chart: LineChart, headers: tuple[str, str, str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(headers)
    for point in sorted(chart.points, key=lambda p: p.x):
        writer.writerow([point.x, f"{point.y:g}", "derived" if point.derived else ""])
    return buffer.getvalue().encode("utf-8")
