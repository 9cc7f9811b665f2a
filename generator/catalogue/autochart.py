"""An automatic chart for any package: a resource with a date or year column and numbers gets a line chart.
Numbers that are codes are not drawn: identifiers, and categories (``is_measure``).

Sensible means: one row per date or year (otherwise the rows are several series mixed, and a line through
them would mislead), at least three rows, and at most three numeric columns drawn. When nothing fits,
there is no chart. The summary is worded from claims in the page's language, one sentence a line, naming the
period column; the chart's CSV keeps each cell exactly as the file writes it. A cell that is not a finite
number ("NaN", "INF") is no value: it is left out of the line, the summary and the chart's CSV, and the chart's
note says how many and which (the data table and the downloads show it as written); so is a row with no period,
counted in the note. A line is never joined across a gap (an empty cell, a period missing from a regular
series), and the sentence names the gaps. Periods are written as precisely as their column states them.
The rules are in docs/data-format.md ("Automatic chart").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

from generator.catalogue.model import ResourceInfo
from generator.core.charts.spec import Chart, Point, Series, period_x
from generator.core.claims import Entry, Ranking, Value, finite
from generator.core.locale import Locale
from generator.core.read.table import FieldSpec, Row, Table
from generator.core.text import slug

TIME_TYPES = ("date", "year", "yearmonth", "datetime")
NUMBER_TYPES = ("number", "integer")
MIN_POINTS = 3
# The most rows a table may have for its automatic chart: a chart ~700 px wide shows no more periods than that,
# and every row is read, worded and drawn (200,000 days took 94 s and 0.9 GB; a million, minutes and gigabytes
# past any limit on the file). A longer table's page says why it has no chart (``too_long``).
MAX_ROWS = 20_000
MAX_SERIES = 3
MAX_GAPS = 6  # runs of periods with no value named in a sentence; more are counted
MAX_TIED = 3  # periods named at a line's lowest or highest; more are counted (gold's lowest: all of 1931)
IDENTIFIERS = frozenset({"id", "code", "rank", "ranking", "year", "order"})  # words that name or order
# Words that say when or where: a column named with one is drawn only when no other column measures.
CALENDAR_OR_PLACE = frozenset({"month", "day", "week", "weekday", "quarter", "hour", "latitude", "longitude", "lat",
                               "lon", "lng"})
# The boundaries of the words of a column name: separators, camelCase ("rankOrder", "agencyID", "HTTPCode") and
# digits ("id2", "year2020").
_WORD_BREAKS = (re.compile(r"[_\-\s]+"), re.compile(
    r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])"))


def words(name: str) -> list[str]:
    """A column name's words, lower case: "valid_votes" -> ["valid", "votes"], "rankOrder" -> ["rank", "order"]."""
    separated, camel = _WORD_BREAKS
    return [word.lower() for part in separated.split(name) for word in camel.split(part) if word]


def is_identifier(name: str) -> bool:
    """A number column that names or orders rather than measures: a word of its name is an identifier word
    ("agency_id", "rankOrder", "Year"), or it is a compound that ends in "code" ("postcode", "zipcode").
    A word that merely contains one is a measure: "residents", "paid", "incidents", "valid_votes", "border_km"."""
    found = words(name)
    return any(word in IDENTIFIERS for word in found) or any(word.endswith("code") for word in found)


def time_value(kind: str, value: object) -> float | None:
    """A date, year or year-month as a decimal year (1958-03 -> 1958.17), or None if it is not one."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.year + (value.timetuple().tm_yday - 1) / 366
    text = str(value or "")
    try:
        if kind == "year":
            return float(int(text))
        if kind == "yearmonth" or (kind == "date" and len(text) == 7):
            year, month = text.split("-")[:2]
            return int(year) + (int(month) - 1) / 12
    except ValueError:
        return None
    return None


def precision(field: FieldSpec) -> str:
    """How precise a period column is: a year, a month or a day. A date is as precise as its ``format`` writes
    it ("%Y" a year, "%Y-%m" a month): the file states no day there, and none is invented for it."""
    if field.type == "year":
        return "year"
    if field.type == "yearmonth":
        return "month"
    if field.type == "date" and field.format not in ("default", "any"):
        for kind, codes in _FORMAT_CODES:
            if any(code in field.format for code in codes):
                return kind
    return "day"


_FORMAT_CODES = (("day", ("%d", "%j", "%x", "%c", "%e", "%a", "%A", "%u", "%w")), ("month", ("%m", "%b", "%B", "%h")),
                 ("year", ("%Y", "%y", "%G")))


def period_unit(kind: str, value: object, exactness: str) -> int | None:
    """A period as a whole number of its unit (``exactness``: a year, a month as year * 12 + month - 1, a day as
    its ordinal), so that consecutive periods are consecutive numbers; None if ``value`` is none."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.year if exactness == "year" else value.year * 12 + value.month - 1 if exactness == "month" \
            else value.toordinal()
    text = str(value or "")
    try:
        if kind == "year":
            return int(text)
        if exactness == "month" and len(text.split("-")) >= 2:
            year, month = (int(part) for part in text.split("-")[:2])
            return year * 12 + month - 1 if 1 <= month <= 12 else None
    except ValueError:
        return None
    return None


def is_measure(field: FieldSpec) -> bool:
    """A number column that may be drawn: not one that names or orders (``is_identifier``), nor one whose values
    are categories (Data Package v2 ``categories``). A category is a code: 30 "Withdrawn" is not more than
    10 "Open", so neither a line between them nor a "highest 30" says anything. Ordered categories
    (``categoriesOrdered``, a scale from "poor" to "good") are not drawn either: their order is known, but not
    how far apart two of them are, which a line and its lowest and highest present as amounts."""
    return field.type in NUMBER_TYPES and not field.categories and not is_identifier(field.name)


def is_calendar_or_place(name: str) -> bool:
    """A number column that says when or where rather than how much ("month", "day_of_week", "latitude"): drawn
    only when no other column measures."""
    return any(word in CALENDAR_OR_PLACE for word in words(name))


def too_long(resource: ResourceInfo) -> bool:
    """Whether the table would have a chart (a period column and a column that measures) but has more than
    ``MAX_ROWS`` rows: it gets none, and its page says so. Decided from the row count, before any cell is read."""
    table = resource.table
    return (len(table.rows) > MAX_ROWS and any(f.type in TIME_TYPES for f in table.fields)
            and any(is_measure(f) for f in table.fields))


def auto_chart(resource: ResourceInfo, locale: Locale) -> Chart | None:
    table = resource.table
    if len(table.rows) > MAX_ROWS:
        return None
    found = _period_column(table)
    if found is None:
        return None
    time_field, exactness, rows, undated = found
    measures = [f for f in table.fields if is_measure(f)]
    better = [f for f in measures if not is_calendar_or_place(f.name)]
    places = _places(rows, exactness)
    for candidates in (better, [f for f in measures if f not in better]):
        drawn = _series(table, candidates[:MAX_SERIES], rows, exactness, places, locale)
        if drawn[0]:
            return _chart(resource, time_field, exactness, *drawn, rows, places, undated, locale)
    return None


def _period_column(table: Table) -> tuple[FieldSpec, str, list, int] | None:
    """The column the chart runs along, its precision, its rows in order (unit, row) and how many rows have no
    period. A column with a period in every row comes first (a `year` beside a date column mostly empty): each row
    is then drawn; else the first with enough periods, and the note says how many rows it leaves out."""
    found = []
    for field in (f for f in table.fields if f.type in TIME_TYPES):
        exactness = precision(field)
        rows, undated = [], 0
        for row in table.rows:
            unit = period_unit(field.type, table.cast(field.type, row.get(field.name, ""), field), exactness)
            if unit is None:
                undated += 1
            else:
                rows.append((unit, row))
        units = [unit for unit, _ in rows]
        if len(rows) >= MIN_POINTS and len(set(units)) == len(units):
            found.append((field, exactness, sorted(rows, key=lambda pair: pair[0]), undated))
    return min(found, key=lambda f: f[3] > 0, default=None)


def _places(rows: list, exactness: str) -> tuple[dict[int, int], Callable[[int], int]]:
    """Each period's place along the line, and the period (in the column's unit) at a place: consecutive places are
    joined, and a place between two values with no value is a gap. A regular series counts its steps, so a period
    missing from the file is a gap too: every step between its periods is a multiple of the smallest, which is one
    period (a year, a month, a day, the first of a month) or the most frequent step (quarters, every fifth year):
    1959 to 1961 in a yearly series skips 1960. Any other (dates of deployments 6 and 4 days apart; 01/2020,
    03/2020, 01/2021) counts its rows, so only a row without a value is a gap."""
    units = [unit for unit, _ in rows]
    coarse, kind = _coarse(units, exactness)
    if kind == "day" and (trading := _weekday_places(coarse)) is not None:
        return trading
    steps = Counter(b - a for a, b in zip(coarse, coarse[1:], strict=False))
    step = min(steps)
    if all(s % step == 0 and (s == step or step == 1 or n < steps[step]) for s, n in steps.items()):
        return ({unit: (c - coarse[0]) // step for unit, c in zip(units, coarse, strict=True)},
                lambda place: _fine(coarse[0] + place * step, kind, exactness))
    return {unit: i for i, unit in enumerate(units)}, units.__getitem__


MIN_WEEKDAY_ROWS = 14  # two weeks before a day of the week no row falls on says the series skips it


def _weekday_places(days: list[int]) -> tuple[dict[int, int], Callable[[int], int]] | None:
    """The places of a daily series whose rows fall on some days of the week only (markets' trading days, Monday
    to Friday), counted along those days: Friday and the next Monday are consecutive, and only a missing day of
    those (a holiday, an outage) is a gap. Counted along every day, an oil price's weekends were "2,096 gaps
    with no figure". None when every day of the week has a row, the series is short, or, counted this way, its
    steps are not mostly one (dates of irregular events): the other rules decide then."""
    weekdays = sorted({date.fromordinal(day).weekday() for day in days})
    if len(days) < MIN_WEEKDAY_ROWS or len(weekdays) == 7:
        return None
    monday = days[0] - date.fromordinal(days[0]).weekday()
    order = {weekday: n for n, weekday in enumerate(weekdays)}

    def place(day: int) -> int:
        week, weekday = divmod(day - monday, 7)
        return week * len(weekdays) + order[weekday]

    places = [place(day) for day in days]
    steps = Counter(b - a for a, b in zip(places, places[1:], strict=False))
    if steps[1] * 2 < len(places) - 1:
        return None
    first = places[0]

    def day_at(at: int) -> int:
        week, n = divmod(at + first, len(weekdays))
        return monday + week * 7 + weekdays[n]

    return {day: at - first for day, at in zip(days, places, strict=True)}, day_at


def _coarse(units: list[int], exactness: str) -> tuple[list[int], str]:
    """The periods in the largest unit they all fall on, and that unit: days that are each the first of a month as
    months, months that are each a January as years (months' unequal lengths do not make a monthly series
    irregular)."""
    kind = exactness
    if kind == "day" and all((d := date.fromordinal(u)).day == 1 for u in units):
        units, kind = [(d := date.fromordinal(u)).year * 12 + d.month - 1 for u in units], "month"
    if kind == "month" and all(u % 12 == 0 for u in units):
        units, kind = [u // 12 for u in units], "year"
    return units, kind


def _fine(unit: int, kind: str, exactness: str) -> int:
    """A period counted in ``kind`` (``_coarse``) in the column's own unit."""
    if kind == exactness:
        return unit
    month = unit * 12 if kind == "year" else unit
    return month if exactness == "month" else date(month // 12, month % 12 + 1, 1).toordinal()


def _series(table: Table, fields: list[FieldSpec], rows: list, exactness: str, places: tuple,
            locale: Locale) -> tuple:
    """The lines drawn (a field's, when it has at least three values), the values of each, and the cells left
    out for not being finite numbers."""
    series, values, left_out = [], [], []
    for field in fields:
        # "NaN", "INF", "-Infinity" are valid number cells but no values: none has a place on the axis or an
        # order against the others. They are left out of the line and the summary, and the note says so.
        typed = [(unit, row, v) for unit, row in rows
                 if isinstance(v := table.cast(field.type, row.get(field.name, ""), field), (int, Decimal))]
        known = [(unit, row, Value.of(v)) for unit, row, v in typed if finite(v)]
        if len(known) >= MIN_POINTS:
            label = _title(field, locale)
            # no label on a point: a series chart writes none (``draw._series``), and a long one had 150,000
            series.append(Series(label, tuple(
                Point(period_x(unit, exactness), float(value.number), period=places[0][unit])
                for unit, _, value in known)))
            values.append((field, known))
            left_out += [row.get(field.name, "").strip() for _, row, v in typed if not finite(v)]
    return series, values, left_out


def _title(field: FieldSpec, locale: Locale) -> str:
    return (field.title_en if locale.code == "en" and field.title_en else field.title) or field.name


def _period(table: Table, field: FieldSpec, row: Row, locale: Locale, exactness: str) -> str:
    """A period in the page's language, as precisely as its column writes it ("%Y-%m": 03/2024, never a day) and
    read as its field writes it ("%d/%m/%Y"); a year stays the year its cell writes ("0997")."""
    cell = row.get(field.name, "")
    if field.type == "year":
        return cell
    value = table.cast(field.type, cell, field)
    return locale.date(value.date() if isinstance(value, datetime) else value, exactness)


def _unit_text(unit: int, exactness: str, locale: Locale) -> str:
    """A period that no row has (a gap), written as the column's periods are."""
    if exactness == "year":
        return str(unit)
    return locale.date(date(unit // 12, unit % 12 + 1, 1) if exactness == "month" else date.fromordinal(unit),
                       exactness)


def _csv_cell(table: Table, field: FieldSpec, row: Row, exactness: str = "day") -> str:
    """A cell of the chart's CSV as drawn: a number or date as such ("1,5" of a field whose decimal character is
    "," is 1.5, "11/06/2024" of a "%d/%m/%Y" date 2024-06-11, "2018" of a "%Y" date 2018); any other cell as
    written."""
    value = table.cast(field.type, row.get(field.name, ""), field)
    if isinstance(value, date) and not isinstance(value, datetime) and exactness != "day":
        return value.isoformat()[:4 if exactness == "year" else 7]
    if isinstance(value, date):
        return value.isoformat()
    return str(value) if isinstance(value, (int, Decimal)) and not isinstance(value, bool) else row.get(field.name, "")


def chart_stem(package: str, resource: str) -> str:
    """The address of a resource's automatic chart, without its language: its files under assets/charts/ and its
    embed page under nhung/. Slugs fold '_' and '.' into '-' and the two names are joined by one: 'a_b' and
    'a-b', or package 'a' with resource 'b-c' and package 'a-b' with resource 'c', would share one, and a page
    showed another package's chart; names.py refuses such a pair (address-clash) before anything is drawn."""
    return f"auto-{slug(package)}-{slug(resource)}"


def chart_slug(package: str, resource: str, lang: str) -> str:
    """The automatic chart's name in one language (its files are named after it)."""
    return f"{chart_stem(package, resource)}-{lang}"


def _chart(resource: ResourceInfo, time_field: FieldSpec, exactness: str, series: list[Series], values: list,
           left_out: list[str], rows: list, places: tuple, undated: int, locale: Locale) -> Chart:
    """The summary says, for each line drawn, how many values it has along the period column between its first and
    last period, its lowest and highest with every period that reaches them, and the periods between with no
    value (gaps). The note says what is not drawn: cells that are not finite numbers, rows with no period."""
    name, table = time_field.name, resource.table
    period = _title(time_field, locale)
    summary = " ".join(_sentence(table, time_field, exactness, line.label, known, rows, places, period, locale)
                       for line, (_, known) in zip(series, values, strict=True))
    header = (name, *(f.name for f, _ in values))
    by_unit = {f.name: {unit for unit, _, _ in k} for f, k in values}
    csv_rows = tuple((_csv_cell(table, time_field, row, exactness),
                      *(_csv_cell(table, f, row) if unit in by_unit[f.name] else "" for f, _ in values))
                     for unit, row in rows)
    notes = []
    if left_out:
        notes.append(locale.plural("chart.auto.not_finite", len(left_out), cells=", ".join(dict.fromkeys(left_out))))
    if undated:
        notes.append(locale.plural("chart.auto.no_period", undated, field=period))
    return Chart(
        kind="series", slug=chart_slug(resource.table.package, resource.name, locale.code),
        title=resource.title.get(locale.code), alt=locale.t("chart.auto.alt", summary=summary),
        summary=summary, csv_header=header, csv_rows=csv_rows, x_label=period,
        y_label=series[0].label if len(series) == 1 else "", series=tuple(series), lang=locale.code,
        note=" ".join(notes), x_period=exactness)


def _sentence(table: Table, time_field: FieldSpec, exactness: str, label: str, known: list, rows: list,
              places: tuple, period: str, locale: Locale) -> str:
    """One line's sentence; when every value is the same, it says so instead of naming each period twice."""
    def when(row: Row) -> str:
        return _period(table, time_field, row, locale, exactness)

    # The ends depend on the values alone: a period is written (Babel, ~30 µs) only where the sentence names it,
    # not for each of a long series' rows (50,000 days took 12 s a language).
    ranking = Ranking(tuple(Entry("", value) for _, _, value in known))
    low, high = ranking.ends(highest=False), ranking.ends(highest=True)
    return locale.t(
        "chart.auto.summary_equal" if len(low) == len(known) else "chart.auto.summary", field=label, period=period,
        count=locale.number(len(known)), start=when(known[0][1]), end=when(known[-1][1]),
        low=locale.value(known[low[0]][2], words=True), low_at=_tied_at([known[i][1] for i in low], when, locale),
        high=locale.value(known[high[0]][2], words=True), high_at=_tied_at([known[i][1] for i in high], when, locale),
        gaps=_gaps(known, rows, places, exactness, locale, when))


def _tied_at(rows: list[Row], when: Callable[[Row], str], locale: Locale) -> str:
    """The periods a line reaches its lowest (or highest) at, in order: each of them up to ``MAX_TIED``, else the
    first ``MAX_TIED`` and how many others ("Jan 1931, Feb 1931, Mar 1931 and 9 other periods"), so that a long
    flat stretch does not fill the sentence and every period at that value is still counted."""
    names = [when(row) for row in rows[:MAX_TIED]]
    if len(rows) <= MAX_TIED:
        return locale.names(names)
    return locale.names([*names, locale.plural("chart.auto.other_periods", len(rows) - MAX_TIED)])


def _gaps(known: list, rows: list, places: tuple, exactness: str, locale: Locale, when) -> str:  # noqa: ANN001
    """The periods between a line's first and last value that have none, as runs ("; no figure for 2019–2021 and
    2023"): a row whose cell is empty or not a finite number, or, in a regular series, a period no row has. More
    than ``MAX_GAPS`` runs are counted, with the first and the last."""
    place_of, unit_at = places
    drawn = {place_of[unit] for unit, _, _ in known}
    missing = [p for p in range(min(drawn), max(drawn) + 1) if p not in drawn]
    if not missing:
        return ""
    row_at = {place_of[unit]: row for unit, row in rows}

    def text(place: int) -> str:
        return when(row_at[place]) if place in row_at else _unit_text(unit_at(place), exactness, locale)

    runs: list[list[int]] = []
    for place in missing:
        if runs and place == runs[-1][-1] + 1:
            runs[-1].append(place)
        else:
            runs.append([place])
    spans = [text(run[0]) if len(run) == 1 else f"{text(run[0])}–{text(run[-1])}" for run in runs]
    if len(spans) <= MAX_GAPS:
        return locale.t("chart.auto.gaps", periods=locale.names(spans))
    return locale.t("chart.auto.gaps_many", runs=locale.number(len(runs)), n=locale.number(len(missing)),
                    first=spans[0], last=spans[-1])
