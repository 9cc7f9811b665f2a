"""An automatic chart for any package: a resource with a date or year column and numbers gets a line chart.

Sensible means: one row per date or year (otherwise the rows are several series mixed, and a line through
them would mislead), at least three rows, and at most three numeric columns drawn. When nothing fits,
there is no chart. The summary is worded from claims in the page's language; the chart's CSV keeps each
cell exactly as the file writes it. A cell that is not a finite number ("NaN", "INF") is no value: it is
left out of the line, the summary and the chart's CSV, and the chart's note says how many and which
(the data table and the downloads show it as written).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from generator.catalogue.model import ResourceInfo
from generator.core.charts.spec import Chart, Point, Series
from generator.core.claims import Entry, Ranking, Value, finite
from generator.core.locale import Locale
from generator.core.read.table import FieldSpec, Row, Table
from generator.core.text import slug

TIME_TYPES = ("date", "year", "yearmonth", "datetime")
NUMBER_TYPES = ("number", "integer")
MIN_POINTS = 3
MAX_SERIES = 3
IDENTIFIERS = frozenset({"id", "code", "rank", "ranking", "year", "order"})  # words that name or order
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


def auto_chart(resource: ResourceInfo, locale: Locale) -> Chart | None:
    table = resource.table
    time_field = next((f for f in table.fields if f.type in TIME_TYPES), None)
    if time_field is None:
        return None
    numbers = [f for f in table.fields if f.type in NUMBER_TYPES and f.name != time_field.name
               and not is_identifier(f.name)][:MAX_SERIES]
    if not numbers:
        return None
    rows = []
    for row in table.rows:
        x = time_value(time_field.type, table.cast(time_field.type, row.get(time_field.name, ""), time_field))
        if x is not None:
            rows.append((x, row))
    xs = [x for x, _ in rows]
    if len(rows) < MIN_POINTS or len(set(xs)) != len(xs):
        return None
    rows.sort(key=lambda pair: pair[0])
    series, values, left_out = [], [], []
    for field in numbers:
        # "NaN", "INF", "-Infinity" are valid number cells but no values: none has a place on the axis or an
        # order against the others. They are left out of the line and the summary, and the note says so.
        typed = [(x, row, v) for x, row in rows
                 if isinstance(v := table.cast(field.type, row.get(field.name, ""), field), (int, Decimal))]
        known = [(x, row, Value.of(v)) for x, row, v in typed if finite(v)]
        if len(known) >= MIN_POINTS:
            label = _title(field, locale)
            series.append(Series(label, tuple(Point(x, float(value.number), label=locale.number_label(value))
                                              for x, _, value in known)))
            values.append((field, known))
            left_out += [row.get(field.name, "").strip() for _, row, v in typed if not finite(v)]
    if not series:
        return None
    return _chart(resource, time_field, series, values, rows, locale, left_out)


def _title(field: FieldSpec, locale: Locale) -> str:
    return (field.title_en if locale.code == "en" and field.title_en else field.title) or field.name


def _period(table: Table, field: FieldSpec, row: Row, locale: Locale) -> str:
    """A date or month in the page's language, read as its field writes it ("%d/%m/%Y"); a year stays a year."""
    cell = row.get(field.name, "")
    return cell if field.type == "year" else locale.date(table.cast(field.type, cell, field))


def _csv_cell(table: Table, field: FieldSpec, row: Row) -> str:
    """A cell of the chart's CSV as drawn: a number or date as such ("1,5" of a field whose decimal character is
    "," is 1.5, "11/06/2024" of a "%d/%m/%Y" date 2024-06-11); any other cell as written."""
    value = table.cast(field.type, row.get(field.name, ""), field)
    if isinstance(value, date):
        return value.isoformat()
    return str(value) if isinstance(value, (int, Decimal)) and not isinstance(value, bool) else row.get(field.name, "")


def chart_stem(package: str, resource: str) -> str:
    """The address of a resource's automatic chart, without its language: its files under assets/charts/ and its
    embed page under nhung/. Slugs fold '_' and '.' into '-' and the two names are joined by one: 'a_b' and
    'a-b', or package 'a' with resource 'b-c' and package 'a-b' with resource 'c', would share one, and a page
    showed another package's chart; names.py refuses such a pair (address-clash) before anything is drawn."""
    return f"auto-{slug(package)}-{slug(resource)}"


def _chart(resource: ResourceInfo, time_field: FieldSpec, series: list[Series], values: list, rows: list,
           locale: Locale, left_out: list[str]) -> Chart:
    """The summary says how many values the first series has between the first and last period, and its
    lowest and highest with every period that reaches them."""
    _, known = values[0]
    name, table = time_field.name, resource.table
    ranking = Ranking(tuple(Entry(_period(table, time_field, row, locale), value) for _, row, value in known))
    low, high = ranking.lowest(), ranking.highest()
    summary = locale.t(
        "chart.auto.summary", field=series[0].label, count=locale.number(len(known)),
        start=_period(table, time_field, known[0][1], locale), end=_period(table, time_field, known[-1][1], locale),
        low=locale.value(low[0].value, words=True), low_at=locale.names([e.name for e in low]),
        high=locale.value(high[0].value, words=True), high_at=locale.names([e.name for e in high]))
    header = (name, *(f.name for f, _ in values))
    by_x = {f.name: {x for x, _, _ in k} for f, k in values}
    csv_rows = tuple((_csv_cell(table, time_field, row),
                      *(_csv_cell(table, f, row) if x in by_x[f.name] else "" for f, _ in values)) for x, row in rows)
    return Chart(
        kind="series", slug=f"{chart_stem(resource.table.package, resource.name)}-{locale.code}",
        title=resource.title.get(locale.code), alt=locale.t("chart.auto.alt", summary=summary),
        summary=summary, csv_header=header, csv_rows=csv_rows, x_label=_title(time_field, locale),
        y_label=series[0].label if len(series) == 1 else "", series=tuple(series), lang=locale.code,
        note=locale.plural("chart.auto.not_finite", len(left_out), cells=", ".join(dict.fromkeys(left_out)))
        if left_out else "")
