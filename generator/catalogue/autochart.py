"""An automatic chart for any package: a resource with a date or year column and numbers gets a line chart.

Sensible means: one row per date or year (otherwise the rows are several series mixed, and a line through
them would mislead), at least three rows, and at most three numeric columns drawn. When nothing fits,
there is no chart.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from generator.catalogue.model import ResourceInfo
from generator.core.charts.spec import Chart, Point, Series
from generator.core.locale import Locale
from generator.core.text import slug

TIME_TYPES = ("date", "year", "yearmonth", "datetime")
NUMBER_TYPES = ("number", "integer")
MIN_POINTS = 3
MAX_SERIES = 3
IDENTIFIERS = ("id", "code", "rank", "year", "order")  # numbers that name or order, not measure


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
               and not any(word in f.name.lower() for word in IDENTIFIERS)][:MAX_SERIES]
    if not numbers:
        return None
    rows = []
    for row in table.rows:
        x = time_value(time_field.type, table.cast(time_field.type, row.get(time_field.name, "")))
        if x is not None:
            rows.append((x, row))
    xs = [x for x, _ in rows]
    if len(rows) < MIN_POINTS or len(set(xs)) != len(xs):
        return None
    rows.sort(key=lambda pair: pair[0])
    series = []
    for field in numbers:
        points = tuple(Point(x, float(v)) for x, row in rows
                       if isinstance(v := table.cast(field.type, row.get(field.name, "")), (int, Decimal)))
        if len(points) >= MIN_POINTS:
            series.append(Series(field.title or field.name, points))
    if not series:
        return None
    return _chart(resource, time_field.name, series, rows, locale)


def _chart(resource: ResourceInfo, time_name: str, series: list[Series], rows: list, locale: Locale) -> Chart:
    first = series[0]
    low = min(first.points, key=lambda p: (p.y, p.x))
    high = max(first.points, key=lambda p: (p.y, -p.x))
    period = (rows[0][1].get(time_name), rows[-1][1].get(time_name))
    summary = locale.t("chart.auto.summary", field=first.label, count=len(first.points), start=period[0], end=period[1],
        low=f"{low.y:g}", high=f"{high.y:g}")
    header = (time_name, *(s.label for s in series))
    by_x = {s.label: {p.x: p.y for p in s.points} for s in series}
    csv_rows = tuple((row.get(time_name, ""), *(f"{by_x[s.label][x]:g}" if x in by_x[s.label] else ""
                                                      for s in series)) for x, row in rows)
    return Chart(
        kind="series", slug=f"auto-{slug(resource.table.package)}-{slug(resource.name)}-{locale.code}",
        title=resource.title.get(locale.code), alt=locale.t("chart.auto.alt", summary=summary),
        summary=summary, csv_header=header, csv_rows=csv_rows, x_label=time_name,
        y_label=first.label if len(series) == 1 else "", series=tuple(series))
