"""Drawing a chart spec with matplotlib: SVG and PNG, byte for byte the same for the same spec (a share card:
card.py, with Pillow).

Deterministic because the SVG hash salt is fixed and no date goes into either file.
"""

from __future__ import annotations

import dataclasses
import io
import math
import re
from datetime import date
from decimal import Decimal
from typing import TypeVar

import matplotlib
from matplotlib.ticker import FuncFormatter
from PIL import Image

from generator.core.charts import card
from generator.core.charts.palette import palette_png
from generator.core.charts.spec import (
    HINTED_WIDER,
    LABEL_POINTS,
    MEASURE_EM,
    NOTE_AT,
    NOTE_POINTS,
    TICK_POINTS,
    WIDTH_INCHES,
    Card,
    Chart,
    Point,
    Series,
    note_inches,
    note_lines,
    panel_columns,
    period_x,
    segments,
    text_room,
)
from generator.core.locale import locale

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 - the backend must be chosen first

# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
BLUE, VERMILION, GREEN, PURPLE, ORANGE, SKY, GREY = (
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C8C8C")
STYLE = {
    "svg.hashsalt": "minhbach",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": TICK_POINTS,
    "axes.spines.top": False,
    "axes.spines.right": False,
    # Text from data is text: matplotlib would read "$...$" as TeX (and stop on "$\\frac{$", a crash a pull
    # request could cause with one agency's name).
    "text.parse_math": False,
}
SVG_SAVE = {"format": "svg", "metadata": {"Date": None}}
DPI = 100
NAME_ROOM = 0.5  # the share of the figure's width a bar's name may take before it goes on a second line


def _label(chart: Chart, value: float, text: str) -> str:
    """The text beside a point or bar: the spec's own (qualifier included), else the number in the page's
    language."""
    return text or _number(chart, value)


def _number(chart: Chart, value: float) -> str:
    """A number as the chart's language writes it, to 15 significant digits: every digit a float holds from a
    decimal cell ("%g" kept six, so 1,234,567 was written 1,234,570); a float's own noise (0.1 + 0.2) goes."""
    if not chart.lang:
        return f"{value:.15g}"
    return locale(chart.lang).number(Decimal(f"{value:.15g}") if value == value else None)


def _tick_formatter(chart: Chart, years: bool = False) -> FuncFormatter:
    """Tick labels in the page's number format (86,5 on a Vietnamese chart); years without grouping."""
    if years:
        return FuncFormatter(lambda v, _pos: f"{v:.0f}" if float(v).is_integer() else _number(chart, v))
    return FuncFormatter(lambda v, _pos: _number(chart, float(f"{v:.10g}")))


def _bound_marker(point: Point) -> str:
    """A bound is drawn as an open triangle pointing where the value lies: below ("v") or above ("^")."""
    return "v" if point.bound.startswith("<") else "^"


# The order things are drawn in, bottom first: the grid (matplotlib's 1.5), a reference (an average, a target), the
# line it is compared with (matplotlib's 2 for lines), then the values written beside points (its 3 for text), so a
# reference's would never cover a line's. Drawn in the order of the series, the 63-province average of 2023 (86.98)
# hid HCMC's point (86.97) under a grey one, labelled with HCMC's value.
REFERENCE_Z, REFERENCE_LABEL_Z, FOCUS_Z, FOCUS_LABEL_Z = 1.8, 1.9, 2.0, 3.0
REFERENCE_MARKER = 8  # a reference's point, in points across: a line's own (5) on it leaves a ring 1.5 pt wide


def _draw_series(ax, chart: Chart, series: Series, color: str, annotate: bool,  # noqa: ANN001
                 years: tuple[int, int] | None = None, columns: int = 1) -> None:
    z, label_z = (REFERENCE_Z, REFERENCE_LABEL_Z) if series.reference else (FOCUS_Z, FOCUS_LABEL_Z)
    style = {"color": GREY if series.reference else color, "linewidth": 1.5 if series.reference else 2,
             "linestyle": "--" if series.reference else "-", "zorder": z}
    # A bound is not a value a line can pass through: lines join only stated (or derived) values.
    for i, run in enumerate(segments(tuple(p for p in series.points if not p.bound))):
        ax.plot([p.x for p in run], [p.y for p in run], label=series.label if i == 0 else None, **style)
    stated = [p for p in series.points if not p.derived and not p.bound]
    derived = [p for p in series.points if p.derived and not p.bound]
    bounds = [p for p in series.points if p.bound]
    # a reference's points are larger: where the line's own point lies on one, a grey ring stays around it
    ax.plot([p.x for p in stated], [p.y for p in stated], "o", color=style["color"],
            markersize=REFERENCE_MARKER if series.reference else 5, zorder=z)
    if derived:
        ax.plot([p.x for p in derived], [p.y for p in derived], "o", markerfacecolor="white",
                markeredgecolor=VERMILION, markeredgewidth=2, markersize=7, label=chart.legend_label("derived"),
                zorder=z)
    for i, p in enumerate(bounds):
        ax.plot([p.x], [p.y], _bound_marker(p), markerfacecolor="white", markeredgecolor=style["color"],
                markeredgewidth=1.5, markersize=8, label=chart.legend_label("bound") if i == 0 else None, zorder=z)
    if annotate:
        labels = [_label(chart, p.y, p.label) for p in series.points]
        ordered = sorted(zip(series.points, labels, strict=True), key=lambda pair: pair[0].x)
        under = _under([p for p, _ in ordered], chart.invert_y) if _crowded(labels, years, columns) else None
        for i, (p, text) in enumerate(ordered):
            below = under is not None and under[i]
            # a bound's label sits beside its triangle, which it would otherwise cover
            ax.annotate(text, (p.x, p.y), textcoords="offset points",
                        xytext=(7, -3) if p.bound else (0, -8) if below else (0, 7),
                        ha="left" if p.bound else "center", va="top" if below and not p.bound else "baseline",
                        fontsize=LABEL_POINTS, zorder=label_z)


def _under(points: list[Point], inverted: bool) -> list[bool]:
    """Which values go under their points where neighbours' would overlap above them: a valley's (lower on the
    chart than both its neighbours), and every other one on a slope; a peak's stay above."""
    heights = [-p.y if inverted else p.y for p in points]  # how high each point is drawn
    under = []
    for i, height in enumerate(heights):
        neighbours = heights[max(0, i - 1):i] + heights[i + 1:i + 2]
        if all(height >= other for other in neighbours):
            under.append(False)
        elif all(height <= other for other in neighbours):
            under.append(True)
        else:
            under.append(i % 2 == 1)
    return under


def _crowded(labels: list[str], years: tuple[int, int] | None, columns: int) -> bool:
    """Whether the values written above the points of a line run into each other: the widest (and a little
    space) is wider than a year of the axis. On a chart 4.4 in wide, twelve years of "86,97" were."""
    if years is None or len(labels) < 2:
        return False
    year = (WIDTH_INCHES / columns - PANEL_AXIS_INCHES) * 72 / (years[1] - years[0] + 1)
    widest = max(card.text_width(label, MEASURE_EM) for label in labels) / MEASURE_EM * LABEL_POINTS * HINTED_WIDER
    return widest * 1.15 > year


def _line(fig, chart: Chart) -> None:  # noqa: ANN001
    ax = fig.subplots()
    colors = (BLUE, GREEN, PURPLE, ORANGE)
    for i, series in enumerate(chart.series):
        _draw_series(ax, chart, series, colors[i % len(colors)], annotate=not series.reference,
                     years=chart.x_range or _years_in(chart.series))
    if chart.x_range:
        ax.set_xlim(chart.x_range[0] - 0.5, chart.x_range[1] + 0.5)
        ax.set_xticks(_year_ticks(chart.x_range, 1))  # as many as fit (every other year of 12 ran together)
    if chart.y_axis:  # set by the spec (``spec.value_axis``), whose caption says where it starts
        ax.set_ylim(chart.y_axis.low, chart.y_axis.high)
        ax.set_yticks(chart.y_axis.ticks)
    if chart.invert_y:
        ax.invert_yaxis()
    ax.xaxis.set_major_formatter(_tick_formatter(chart, years=True))
    ax.yaxis.set_major_formatter(_tick_formatter(chart))
    ax.set_xlabel(chart.x_label)
    ax.set_ylabel(chart.y_label)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    _legend_above(ax)


def _series(fig, chart: Chart) -> None:  # noqa: ANN001
    """A long series (dates as decimal years): one line per field, no labels on points. Points with periods
    (``Point.period``) are joined only where periods follow each other: a gap stays a gap, and a point alone
    between two gaps keeps its marker however long the series."""
    ax = fig.subplots()
    colors = (BLUE, VERMILION, GREEN)
    for i, series in enumerate(chart.series):
        marked = len(series.points) <= 40
        runs = segments(series.points) if any(p.period is not None for p in series.points) else [series.points]
        for j, run in enumerate(runs):
            ax.plot([p.x for p in run], [p.y for p in run], color=colors[i % len(colors)], linewidth=1.2,
                    label=series.label if j == 0 else None, marker="o" if marked or len(run) == 1 else None,
                    markersize=3)
    if chart.x_period:
        ticks = _period_ticks(chart, *ax.get_xlim())
        ax.set_xticks([x for x, _ in ticks], [label for _, label in ticks])
    else:
        ax.xaxis.set_major_formatter(_tick_formatter(chart, years=True))
    ax.yaxis.set_major_formatter(_tick_formatter(chart))
    ax.set_xlabel(chart.x_label)
    ax.set_ylabel(chart.y_label)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    if len(chart.series) > 1:
        _legend_above(ax)


# The ticks of an axis of periods, finest first: (what a tick is, every how many), and at most how many ticks of
# each fit the axis with their labels ("01/10/2020", "10/2020", "2020"). Up to 5000 years, so that some step fits
# every span a date can have (0001 to 9999: every 1000 years made 10 ticks, and the axis had none).
_TICK_STEPS = (*(("day", n) for n in (1, 2, 3, 7, 14)), *(("month", n) for n in (1, 2, 3, 6)),
               *(("year", n) for n in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000)))
_MAX_TICKS = {"day": 4, "month": 6, "year": 8}
_FINER = {"year": ("year",), "month": ("month", "year"), "day": ("day", "month", "year")}


def _period_ticks(chart: Chart, low: float, high: float) -> list[tuple[float, str]]:
    """Ticks at whole periods within [low, high] (decimal years), each written as the page's language writes
    such a date (a year 2018, never 2.018,25): the finest spacing whose ticks fit, at least two if any does."""
    words = locale(chart.lang or "en")
    chosen: list[tuple[float, str]] = []
    for kind, step in _TICK_STEPS:
        if kind not in _FINER.get(chart.x_period, ()):
            continue
        ticks = _ticks_of(kind, step, low, high, chart.x_period)
        if ticks is None or len(ticks) > _MAX_TICKS[kind]:
            continue
        labelled = [(x, words.date(day, kind)) for x, day in ticks]
        if not _ticks_fit([label for _, label in labelled]):
            continue
        if len(labelled) >= 2:
            return labelled
        chosen = chosen or labelled
    return chosen


def _ticks_fit(labels: list[str]) -> bool:
    """Whether tick labels leave half the widest between two of them on a chart's axis (six months' "10/2020"
    ran together on a figure 4.4 in wide)."""
    if not labels:
        return True
    room = (WIDTH_INCHES - PANEL_AXIS_INCHES) * 72 / TICK_POINTS * MEASURE_EM
    widest = max(card.text_width(label, MEASURE_EM) for label in labels) * HINTED_WIDER
    return 1.5 * widest * len(labels) <= room


def _ticks_of(kind: str, step: int, low: float, high: float, exactness: str) -> list | None:
    """Every ``step``-th day, month or year (counted from the calendar's start) between ``low`` and ``high``, as
    (x, its first day); None when there would be far too many to list."""
    if (high - low) * {"day": 366, "month": 12, "year": 1}[kind] / step > 4 * _MAX_TICKS[kind]:
        return None
    first, last = math.floor(low), math.ceil(high)
    if kind == "day":
        start, end = date(max(first, 1), 1, 1).toordinal(), date(min(last, 9999), 12, 31).toordinal()
        days = [date.fromordinal(n) for n in range(start + (-start) % step, end + 1, step)]
        units = [(day.toordinal(), day) for day in days]
    elif kind == "month":
        months = range(first * 12 + (-first * 12) % step, last * 12 + 12, step)
        units = [(m, date(m // 12, m % 12 + 1, 1)) for m in months if 1 <= m // 12 <= 9999]
        units = [(m if exactness == "month" else day.toordinal(), day) for m, day in units]
    else:
        units = [(year if exactness == "year" else year * 12 if exactness == "month" else date(year, 1, 1).toordinal(),
                  date(year, 1, 1)) for year in range(first + (-first) % step, last + 1, step) if 1 <= year <= 9999]
    return [(x, day) for unit, day in units if low <= (x := period_x(unit, exactness)) <= high]


def _bars(fig, chart: Chart) -> None:  # noqa: ANN001
    ax = fig.subplots()
    labels = [b.label for b in chart.bars]
    colors = [VERMILION if b.highlight else BLUE for b in chart.bars]
    drawn = ax.barh(range(len(labels)), [b.value for b in chart.bars], color=colors)
    for bar, spec in zip(drawn, chart.bars, strict=True):
        if spec.flagged:
            bar.set_hatch("///")
            bar.set_edgecolor("white")
        if spec.bound:  # only a bound is known: an open bar, so it is not read as the number
            bar.set_facecolor("white")
            bar.set_edgecolor(VERMILION if spec.highlight else BLUE)
            bar.set_linestyle("--")
        below = spec.value < 0  # a negative bar's value is written beyond its end, at the left
        ax.annotate(_label(chart, spec.value, spec.text), (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                    textcoords="offset points", xytext=(-3 if below else 3, 0), ha="right" if below else "left",
                    va="center", fontsize=LABEL_POINTS)
    ax.set_yticks(range(len(labels)), [_bar_name(label) for label in labels], fontsize=LABEL_POINTS)
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(_tick_formatter(chart))
    ax.set_xlabel(chart.y_label)
    ax.set_xlim(*_value_limits([b.value for b in chart.bars]))
    handles = [matplotlib.patches.Patch(color=BLUE, label=chart.legend_label("stated"))]
    if any(b.highlight for b in chart.bars):
        handles.append(matplotlib.patches.Patch(color=VERMILION, label=chart.legend_label("highlight")))
    if any(b.flagged for b in chart.bars):
        handles.append(matplotlib.patches.Patch(facecolor=BLUE, hatch="///", edgecolor="white",
                                                label=chart.legend_label("flagged")))
    if any(b.bound for b in chart.bars):
        handles.append(matplotlib.patches.Patch(facecolor="white", edgecolor=BLUE, linestyle="--",
                                                label=chart.legend_label("bound")))
    _legend_above(ax, handles)  # inside the axes it covered the labels at the ends of long bars
    if any(b.value < 0 for b in chart.bars):
        ax.axvline(0, color="#444444", linewidth=0.8)  # the left spine is not zero here: zero is drawn
        _make_room_at_left(fig, ax)


# A legend's key and the spaces around its text (matplotlib's handlelength 2, handletextpad 0.8, columnspacing 2)
LEGEND_KEY_EMS = 4.8
LEGEND_ROOM = 0.85  # the share of the figure's width a row of the legend may take, from the axes' right end


def _legend_above(ax, handles: list | None = None) -> None:  # noqa: ANN001
    """The legend above the axes, as many entries a row as fit: inside them ("best") it covered a line's points
    and their values once the figure was narrow."""
    handles = handles if handles is not None else ax.get_legend_handles_labels()[0]
    if not handles:
        return
    labels = [_legend_label(handle.get_label()) for handle in handles]
    # Ending where the axes end, it has the figure's width less the room of the value labels at its left; centred
    # over the axes of bars (right of their names), a long label ran past the figure's right edge.
    ax.legend(handles=handles, labels=labels, loc="lower right", bbox_to_anchor=(1.0, 1.0),
              ncol=_legend_columns(labels), frameon=False, fontsize=LABEL_POINTS)


def _legend_label(label: str) -> str:
    """A legend's entry in at most two lines of one row of the legend, the second cut with "…"."""
    room = _room(LEGEND_ROOM, LABEL_POINTS) - LEGEND_KEY_EMS * MEASURE_EM
    return "\n".join(card.wrapped(label, MEASURE_EM, 2, width=room))


def _legend_columns(labels: list[str]) -> int:
    """As many of the legend's entries a row as fit its room (four did not, on a narrow figure)."""
    widest = max(card.text_width(line, MEASURE_EM) for label in labels for line in label.split("\n"))
    fitting = int(_room(LEGEND_ROOM, LABEL_POINTS) // (widest + LEGEND_KEY_EMS * MEASURE_EM))
    return max(1, min(4, len(labels), fitting))


BAR_END_ROOM = 0.04  # the share of the value axis left beyond the longest bar (its label is outside the axes)


def _value_limits(values: list[float]) -> tuple[float, float]:
    """The value axis of bars: from zero (or from a little below the lowest value, when it is negative) to a
    little beyond the highest (or beyond zero), so that a bar's length is its value. It started near the
    lowest value, and Quảng Ninh's 92.18 was drawn 2.44 times as long as An Giang's 81.32."""
    low, high = min(0.0, *values), max(0.0, *values)
    if low == high:  # all zero: an axis from 0 to 1, not an empty one
        return 0.0, 1.0
    span = high - low
    return (low - span * BAR_END_ROOM if low < 0 else 0.0), high + span * BAR_END_ROOM


def _make_room_at_left(fig, ax) -> None:  # noqa: ANN001
    """Moves the axis's left end past the labels of negative bars, which are written left of the bars' ends:
    beyond the axes they ran into the bars' names. Measured once the layout has placed the axes."""
    fig.tight_layout()
    renderer = fig.canvas.get_renderer()
    lefts = [ax.transData.inverted().transform((text.get_window_extent(renderer).x0, 0))[0] for text in ax.texts]
    left, right = ax.get_xlim()
    ax.set_xlim(min(left, *lefts) - (right - left) * BAR_END_ROOM / 2, right)


def _multiples(fig, chart: Chart) -> None:  # noqa: ANN001
    """Small panels of years, two a row where they are wide enough (``panel_columns``), else one. Each panel
    has its own year labels (the right-hand ones had none with a shared axis), whole years only, as many as fit
    a panel's width; each title fits its panel's width."""
    columns = panel_columns(len(chart.panels))
    rows = (len(chart.panels) + columns - 1) // columns
    axes = fig.subplots(rows, columns, squeeze=False)
    years = chart.x_range or _years_of(chart)
    for ax, panel in zip(axes.flat, chart.panels, strict=False):
        for series in panel.series:
            _draw_series(ax, chart, series, BLUE, annotate=True, years=years, columns=columns)
        ax.set_title(_panel_title(panel.title, columns), fontsize=PANEL_TITLE_POINTS)
        if years:
            ax.set_xlim(years[0] - 0.5, years[1] + 0.5)
            ax.set_xticks(_year_ticks(years, columns))
        else:  # no point at all: no year to write
            ax.set_xticks([])
        ax.xaxis.set_major_formatter(_tick_formatter(chart, years=True))
        ax.yaxis.set_major_formatter(_tick_formatter(chart))
        if chart.y_axis:  # one for every panel, set by the spec (``indicators.charts._shared_axis``)
            ax.set_ylim(chart.y_axis.low, chart.y_axis.high)
            ax.set_yticks(chart.y_axis.ticks)
        else:
            ax.margins(y=0.3)
    for ax in list(axes.flat)[len(chart.panels):]:
        ax.set_visible(False)


PANEL_TITLE_POINTS = LABEL_POINTS
PANEL_AXIS_INCHES = 0.6  # the room a panel's value labels take at its left, beside its title's width
YEAR_STEPS = (1, 2, 5, 10, 20, 25, 50, 100)
YEAR_SPACING = 1.3  # a year label and the gap after it, in the label's widths


def _years_of(chart: Chart) -> tuple[int, int] | None:
    return _years_in([series for panel in chart.panels for series in panel.series])


def _years_in(series: tuple[Series, ...] | list[Series]) -> tuple[int, int] | None:
    xs = [p.x for one in series for p in one.points]
    return (math.floor(min(xs)), math.ceil(max(xs))) if xs else None


def _year_ticks(years: tuple[int, int], columns: int) -> list[int]:
    """Whole years from the first, every ``step``-th: the smallest step that leaves between two labels a third of a
    label's width, measured for the axis's width (a line's, or a panel's). One year in view is one tick: a
    locator of integers gave back fractions ("2.022,5 … 2.023,5") when fewer than two fell in the view."""
    low, high = years
    room = (WIDTH_INCHES / columns - PANEL_AXIS_INCHES) * 72 / TICK_POINTS * MEASURE_EM
    label = YEAR_SPACING * card.text_width(str(high), MEASURE_EM) * HINTED_WIDER
    step = next((s for s in YEAR_STEPS if s * room / (high - low + 1) >= label), YEAR_STEPS[-1])
    return list(range(low, high + 1, step))


def _panel_title(title: str, columns: int) -> str:
    """A panel's title in at most two lines of its panel's width, the second cut with "…" (the page's table
    and the chart's alt text hold it whole): two long Vietnamese titles side by side ran into each other."""
    # centred over its axes, which start PANEL_AXIS_INCHES in: as wide as the axes, or it ends past the panel
    room = _room(1 / columns - PANEL_AXIS_INCHES / WIDTH_INCHES, PANEL_TITLE_POINTS)
    return "\n".join(card.wrapped(title, MEASURE_EM, 2, width=room))


_DRAW = {"line": _line, "series": _series, "bars": _bars, "multiples": _multiples}


def render(chart: Chart | Card, *, text_as_text: bool = False) -> tuple[bytes, bytes]:
    """The chart as (SVG, PNG) bytes; a share card as (no SVG, PNG). The published SVG draws its text as
    glyph outlines (it looks the same without the font); ``text_as_text`` keeps it as ``<text>`` elements,
    which is how the golden files of tests/test_charts.py are kept, so that a change to a label reads as a
    line in a diff (for a card, an SVG is then made too, for the same reason)."""
    chart = _printable(chart)
    if isinstance(chart, Card):
        return card.svg(chart) if text_as_text else b"", card.png(chart)
    with plt.rc_context(STYLE | ({"svg.fonttype": "none"} if text_as_text else {})):
        fig = plt.figure(figsize=(WIDTH_INCHES, chart.height_inches), dpi=DPI)
        _DRAW[chart.kind](fig, chart)
        if chart.note:
            fig.text(NOTE_AT, NOTE_AT, _note_lines(chart.note), fontsize=NOTE_POINTS, color="#444444", ha="left",
                     va="bottom")
        # the drawing above the note's lines, however many (a fixed 5 % of the height was one line's room)
        above_note = (note_inches(chart.note) + NOTE_AT * chart.height_inches) / chart.height_inches
        fig.tight_layout(rect=(0, above_note if chart.note else 0, 1, 1))
        drawn = (_svg(fig), _png(fig))
        plt.close(fig)
    return drawn


def _note_lines(note: str) -> str:
    """``note`` in lines that end inside the figure (``spec.note_lines``, which its height counts too)."""
    return "\n".join(note_lines(note))


def _bar_name(name: str) -> str:
    """A bar's name in at most two lines of ``NAME_ROOM`` of the figure's width, the second cut with "…" (the
    page's table, the chart's CSV and its alt text hold it whole): one name of 120 characters took the room
    of the bars, and the layout gave up, cutting every name at the left edge."""
    return "\n".join(card.wrapped(name, MEASURE_EM, 2, width=_room(NAME_ROOM, LABEL_POINTS)))


_room = text_room


def _svg(fig: plt.Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, **SVG_SAVE)
    return xml_safe(buffer.getvalue())


def _png(fig: plt.Figure) -> bytes:
    """The figure as a palette PNG, from Agg's own pixels: a full-colour PNG made only to be decoded again
    was ~20 ms of an image's drawing."""
    pixels = io.BytesIO()
    fig.savefig(pixels, format="raw", dpi=DPI)  # the figure's own dpi: its size in pixels is the buffer's
    size = fig.canvas.get_width_height(physical=True)
    return palette_png(Image.frombuffer("RGBA", size, pixels.getvalue(), "raw", "RGBA", 0, 1))


# Bytes XML 1.0 forbids (C0 controls but tab and line ends). Matplotlib copies a label's text into the SVG as a
# comment; a control character from data would make the file one no XML reader opens.
_NOT_XML = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")


T = TypeVar("T")

# Control characters (a tab, say) that data may hold: no font has a glyph for them, so matplotlib drew a box
# and warned "Glyph 9 missing". Drawn as a space; a line end stays one (labels are wrapped on it).
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")


def _printable(value: T) -> T:
    """``value`` (a chart, and every text in it at any depth) with each control character drawn as a space."""
    if isinstance(value, str):
        return _CONTROL.sub(" ", value) if _CONTROL.search(value) else value
    if isinstance(value, tuple):
        return tuple(_printable(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: _printable(getattr(value, f.name))
                                             for f in dataclasses.fields(value) if f.init})
    return value


def xml_safe(svg: bytes) -> bytes:
    return _NOT_XML.sub(b"", svg)
