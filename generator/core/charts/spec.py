"""Charts as data: every number and label a chart shows, so that its alt text, one-sentence summary and CSV
come from the same values as the drawing. Nothing here draws (see ``draw``), so pages can name charts
without loading matplotlib.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
from dataclasses import dataclass
from datetime import date

from generator.core.charts.measure import fill, text_width

# Every chart's width, and its text sizes in points. A phone shows a chart whole in its column (328 CSS pixels at
# 360, 288 at 320): drawn 6.4 in wide with 10 pt ticks, 8 pt names and a 7 pt note, its text was 5-7 pixels there
# (phone audit 3, #1). At 4.4 in (422 pixels, never shown wider: the page keeps it at its own width) a tick is
# 11.4 pixels at 360, a bar's name or value 10.4 and the note 9.3 (10, 9.1 and 8.2 at 320).
WIDTH_INCHES = 4.4
TICK_POINTS = 11  # tick labels and the axes' names
LABEL_POINTS = 10  # a bar's name and value, a point's value, a legend, a panel's title
NOTE_POINTS = 9  # the note under a chart
CSS_PIXELS_PER_INCH = 96  # a browser's: an SVG sized in points (72 an inch) shows at 4/3 pixel a point
LINE_SPACING = 1.2  # matplotlib's, from one line of a text to the next (in ems)
NOTE_AT = 0.01  # the note's place, from the figure's bottom left corner (a share of its width and height)
# The PNG's glyphs are fitted to its pixels: a line of the note measured up to 2 % wider there than its outline
# (the SVG's, and Pillow's measure); lines are made that much shorter, so that they end inside the PNG too.
HINTED_WIDER = 1.03
MEASURE_EM = 100  # text is measured at 100 pixels an em, where whole-pixel rounding is lost; scaled to its room
BAR_INCHES = 0.36  # a bar's row: room for its name in two lines of LABEL_POINTS
# Small multiples go two a row when half the width leaves a panel this wide, else one: two panels of 2.2 in cut
# most titles of PAPI's dimensions after a few words, and thinned their years to three.
PANEL_MIN_INCHES = 2.8
PANEL_ROW_INCHES = {1: 1.9, 2: 2.2}  # a row of panels' height, by how many panels a row has

MAX_CITED = 10  # sources a chart's caption names; it counts the others, which its CSV names


@dataclass(frozen=True)
class Point:
    """A point of a line. ``label`` is the value as the page's language writes it, qualifier included
    ("<50", "86,97"): the chart shows that text, never a number it formats itself. ``bound`` is the
    value's qualifier when only a bound is known ("<", ">=", ...): drawn as a bound, not as a point.
    ``period`` is the point's place among its series' periods when ``x`` is not a whole period (a date as a
    decimal year): consecutive periods are consecutive numbers, and a line joins only those (``segments``)."""

    x: int
    y: float
    derived: bool = False
    label: str = ""
    bound: str = ""
    period: int | None = None


@dataclass(frozen=True)
class ValueAxis:
    """A line chart's value axis, set by its spec (``value_axis``) rather than fitted by matplotlib to the values:
    where it starts and ends, and a tick every ``step``. The caption can then say where it starts."""

    low: float
    high: float
    step: float

    @property
    def from_zero(self) -> bool:
        return self.low <= 0 <= self.high

    @property
    def ticks(self) -> list[float]:
        ticks = [_tidy(self.low + i * self.step) for i in range(round((self.high - self.low) / self.step) + 1)]
        return [tick for tick in ticks if tick <= self.high]  # the top of a scale may fall between two


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


SOURCE_COLUMN = "source_id"  # the column of a table, and of a chart's CSV, that names its rows' sources


def is_source_column(name: str) -> bool:
    """Whether a chart's CSV column names sources: ``source_id``, or a column of one part of its rows
    (``average_source_id``)."""
    return name == SOURCE_COLUMN or name.endswith(f"_{SOURCE_COLUMN}")


class Keyed:
    """A spec whose key (a hash of its repr: 0.6 ms for a national chart, asked for five times a build) is
    computed once per object. The key is not pickled: an object read back computes it from what it holds."""

    def key(self) -> str:
        """The spec's identity: a hash of everything it shows (the cache adds the drawing code)."""
        found = self.__dict__.get("_key")
        if found is None:
            found = self.__dict__["_key"] = hashlib.sha256(repr(self).encode()).hexdigest()[:20]
        return found

    def __getstate__(self) -> dict:
        return {name: value for name, value in self.__dict__.items() if name != "_key"}


@dataclass(frozen=True)
class Chart(Keyed):
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
    # A ``series`` over periods: what one of them is ("year", "month", "day"), its x a decimal year
    # (``period_x``). The axis is then ticked at whole periods written as dates, never as a decimal year.
    x_period: str = ""
    # a ``line``'s value axis (or every panel's of ``multiples``) when its spec sets it, else fitted to the values
    y_axis: ValueAxis | None = None

    def legend_label(self, role: str) -> str:
        return dict(self.legend).get(role, role)

    @property
    def sources(self) -> str:
        """The sources of the numbers a chart shows, as a source cell (``a;b``), each once, in the order its CSV
        first names them: every column of its CSV named ``source_id`` or ending in ``_source_id`` (a score chart's
        ``average_source_id``, the source of the average drawn beside the unit's score). A chart whose CSV has
        none cites nothing: its embed page and its figure say no source (issue: five charts did, in silence)."""
        columns = [i for i, name in enumerate(self.csv_header) if is_source_column(name)]
        found = dict.fromkeys(part.strip() for row in self.csv_rows for i in columns if i < len(row)
                              for part in row[i].split(";"))
        return ";".join(source for source in found if source)

    @property
    def cited(self) -> str:
        """The sources a caption names (``sources``, the first ``MAX_CITED``): a national chart of recommendations
        rests on thousands, and naming each made the sessions page 1.29 MB (its embed page and iframe as tall).
        The chart's CSV names every one."""
        return ";".join(self.sources.split(";")[:MAX_CITED]) if self.sources else ""

    @property
    def uncited(self) -> int:
        """How many of ``sources`` the caption does not name, but counts (the CSV names them)."""
        return max(0, len(self.sources.split(";")) - MAX_CITED) if self.sources else 0

    @property
    def height_inches(self) -> float:
        """How tall the drawing is (it is ``WIDTH_INCHES`` wide): a bar a bar's height, ``panel_columns`` panels a
        row, and below them the note's lines (``note_inches``)."""
        if self.kind == "bars":
            drawing = max(2.4, BAR_INCHES * len(self.bars) + 1.5)
        elif self.kind == "multiples":
            columns = panel_columns(len(self.panels))
            drawing = PANEL_ROW_INCHES[columns] * ((len(self.panels) + columns - 1) // columns) + 0.6
        else:
            drawing = 3.2
        return drawing + note_inches(self.note)


@dataclass(frozen=True)
class ChartFiles:
    """Where a chart is published: its SVG (shown), PNG and CSV (downloads), and its standalone page for an
    ``<iframe>`` on another site (``embed_uri``, "" when it has none)."""

    chart: Chart
    svg_uri: str
    png_uri: str
    csv_uri: str
    embed_uri: str = ""

    @property
    def width(self) -> int:
        """The image's width in CSS pixels, as its SVG states it: with ``height``, the room a page keeps for the
        image before it has loaded (without them, a page grew under the reader as its charts came in)."""
        return round(WIDTH_INCHES * CSS_PIXELS_PER_INCH)

    @property
    def height(self) -> int:
        return round(self.chart.height_inches * CSS_PIXELS_PER_INCH)

    @classmethod
    def under(cls, folder: str, chart: Chart, embed_folder: str = "") -> ChartFiles:
        return cls(chart, *cls.paths(folder, chart.slug, chart.lang, embed_folder))

    @staticmethod
    def paths(folder: str, slug: str, lang: str, embed_folder: str = "") -> tuple[str, str, str, str]:
        """The SVG, PNG, CSV and embed page (or "") of the chart ``slug`` in language ``lang``, which
        catalogue/names.py also asks for: the longest file name a package's and a resource's names make."""
        base = f"{folder}/{slug}"
        # The embed page has the same address in every language's site (nhung/par-index-79-rank/ and
        # en/nhung/par-index-79-rank/), as every other page does; the chart files keep their language suffix.
        name = slug.removesuffix(f"-{lang}") if lang else slug
        embed = f"{embed_folder}/{name}/index.html" if embed_folder else ""
        return f"{base}.svg", f"{base}.png", f"{base}.csv", embed


@dataclass(frozen=True)
class CardBar:
    """A part of a card's summary bar: what it counts, how many, and its colour (a status's colour)."""

    label: str
    value: int
    colour: str = "#8C8C8C"


@dataclass(frozen=True)
class Card(Keyed):
    """A page's share image (Open Graph, 1200x630 PNG), drawn like a chart: the page's title, its headline (a
    number or what became of its conclusions), a line of detail, an optional summary bar and the site's name
    and address. Every text is as the page's language writes it; nothing here is computed when drawn."""

    slug: str
    title: str
    headline: str
    detail: str = ""
    bars: tuple[CardBar, ...] = ()
    site: str = ""

    @property
    def description(self) -> str:
        """The card's words as one line: the page's description for search engines and link previews."""
        return " · ".join(part for part in (self.headline, self.detail) if part)


@dataclass(frozen=True)
class CardFiles:
    """Where a share image is published."""

    card: Card
    png_uri: str

    @property
    def alt(self) -> str:
        """What the image shows, for its alternative text: its card's title. A page without a card of its own
        shows its kind's (``share.sharing``), whose title it keeps: the agencies list's "Cơ quan", not the
        agency's name, which the image does not show. Not its count ("61 cơ quan"), which one agency added would
        change on every page sharing the image (issue 17); the page's description says its own words."""
        return self.card.title

    @classmethod
    def under(cls, folder: str, card: Card) -> CardFiles:
        return cls(card, f"{folder}/{card.slug}.png")


def panel_columns(panels: int) -> int:
    """How many small multiples a row holds: two when a panel of half the width is at least ``PANEL_MIN_INCHES``."""
    return max(1, min(panels, 2 if WIDTH_INCHES / 2 >= PANEL_MIN_INCHES else 1))


def text_room(share: float, points: float) -> float:
    """How wide ``share`` of the figure is for text of ``points``, in pixels of text measured at ``MEASURE_EM``
    (measure.text_width), less the allowance for the PNG's hinted glyphs."""
    return WIDTH_INCHES * share * 72 / points * MEASURE_EM / HINTED_WIDER


def note_lines(note: str) -> list[str]:
    """``note`` in lines that end as far from the figure's right edge as the note starts from its left,
    measured once, with the font they are drawn in (DejaVu Sans, card.py). Matplotlib's own wrapping measured
    every run of words again in each of a chart's three drawings (its layout, the SVG, the PNG): ~40 ms of the
    0.2 s chart of recommendations by agency, which a session added draws again (issue 17)."""
    room = text_room(1 - 2 * NOTE_AT, NOTE_POINTS)
    lines: list[str] = []
    for paragraph in note.split("\n"):  # a blank one stays a blank line: ``fill`` gives one empty line for no words
        lines += fill(paragraph.split(), lambda line: text_width(line, MEASURE_EM) <= room)
    return lines


def note_inches(note: str) -> float:
    """The room a chart's note takes under the drawing: its lines, and a little space above them. On a narrow
    figure a note runs to two or three lines, where a fixed 5 % of the height let them cover the axis's name."""
    if not note:
        return 0.0
    return len(note_lines(note)) * NOTE_POINTS * LINE_SPACING / 72 + 0.1


def segments(points: tuple[Point, ...]) -> list[list[Point]]:
    """Runs of points whose x values (or periods, when they have them) follow each other without a gap (gaps
    stay gaps, never joined)."""
    runs: list[list[Point]] = []
    for point in sorted(points, key=_place):
        if runs and _place(point) == _place(runs[-1][-1]) + 1:
            runs[-1].append(point)
        else:
            runs.append([point])
    return runs


def _place(point: Point) -> float:
    return point.x if point.period is None else point.period


def period_x(unit: int, precision: str) -> float:
    """A period as a decimal year, the x of a ``series``: a year (``unit`` the year), a month (``unit`` year * 12 +
    month - 1: 1958-03 is 1958.17) or a day (``unit`` its ordinal: the year and its day of the year / 366)."""
    if precision == "month":
        return unit // 12 + (unit % 12) / 12
    if precision == "day":
        day = date.fromordinal(unit)
        return day.year + (day.timetuple().tm_yday - 1) / 366
    return float(unit)


def chart_csv(chart: Chart) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(chart.csv_header)
    writer.writerows(chart.csv_rows)
    return buffer.getvalue().encode("utf-8")


# A score chart's value axis spans at least this share of its scale (80 points of PAPI's /80, 100 of a percentage):
# fitted to the values alone, PAPI's 41.985 -> 40.68 (1.6 % of the scale) was drawn from the top of the chart to its
# bottom, and PCI's 67.16 -> 67.89 from corner to corner. With a tenth, a change of 1 % of the scale takes at most a
# tenth of the chart's height, and one of a few points (HCMC's PAR Index, 84.7 -> 86.97 %) still shows plainly.
# A score with no stated maximum (PCI's "points") is measured against its largest value instead: a change of 1 % of
# the values themselves takes at most a tenth of the height. Rank charts set no axis (their own, reversed, is kept).
MIN_SPAN_SHARE = 0.1
VALUE_MARGIN = 0.05  # room beyond the highest and lowest values, for their points (matplotlib's own margin)
MAX_VALUE_STEPS = 7  # steps between the value axis's first and last ticks, at most (eight ticks fit its height)
_NICE_STEPS = (1, 2, 2.5, 5)


def value_axis(values: list[float], scale_max: float | None = None) -> ValueAxis | None:
    """The value axis of a line of scores: the values with a little room, widened to at least ``MIN_SPAN_SHARE`` of
    the scale (0 to ``scale_max``, else 0 to the largest value's size) around them, kept inside the scale (never
    below 0 when no value is, nor above its maximum), and ended at whole ticks (1, 2, 2.5 or 5 times a power of
    ten) so that its first tick says where it starts. None without a value."""
    if not values:
        return None
    low, high = min(values), max(values)
    reference = scale_max if scale_max else max(abs(low), abs(high))
    span = max(high - low, MIN_SPAN_SHARE * reference) or 1.0
    middle = (low + high) / 2
    start, end = middle - span / 2 - span * VALUE_MARGIN, middle + span / 2 + span * VALUE_MARGIN
    bottom = 0.0 if low >= 0 else None  # the scale's ends, which the axis does not pass
    top = scale_max if scale_max and high <= scale_max else None
    if bottom is not None and start < bottom:
        start, end = bottom, end + bottom - start
    if top is not None and end > top:
        start, end = start - (end - top), top
        if bottom is not None:
            start = max(start, bottom)
    for step in _steps(end - start):
        first, last = math.floor(start / step) * step, math.ceil(end / step) * step
        if (last - first) / step <= MAX_VALUE_STEPS:
            break
    last = min(last, top) if top is not None else last
    return ValueAxis(_tidy(first), _tidy(last), step)


def _steps(span: float):  # noqa: ANN202 - a generator of floats
    """Tick steps of 1, 2, 2.5 and 5 times powers of ten, from the smallest that could fit the span."""
    power = math.floor(math.log10(span / MAX_VALUE_STEPS))
    while True:
        for nice in _NICE_STEPS:
            yield _tidy(nice * 10.0 ** power)
        power += 1


def _tidy(value: float) -> float:
    """A float without the noise of its arithmetic (36.00000000001 is 36)."""
    return float(f"{value:.10g}")
