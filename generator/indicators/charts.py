"""Chart specs for index and indicator pages; every summary is written from the same numbers as the chart."""

from __future__ import annotations

from decimal import Decimal

from generator.core.charts.spec import Bar, Chart, Panel, Point, Series
from generator.core.locale import Locale
from generator.core.text import Text, slug
from generator.indicators.model import Index, Indicator, Observation

MIN_BARS = 3
MAX_BARS = 30  # beyond this a ranking shows its top and bottom and the focus unit; the CSV holds them all
# Four colours cycle in a line chart; past a handful of lines nobody can tell them apart (and a national
# indicator with 63 scopes took 5 s a chart to draw). The CSV and the page's table keep every series.
MAX_SERIES = 6


def _flagged(o: Observation) -> bool:
    return any(f in o.flags for f in ("derived", "inferred", "conflicting"))


def _legend(locale: Locale, name: Text | None = None) -> tuple[tuple[str, str], ...]:
    roles = tuple((role, locale.t(f"chart.legend.{role}")) for role in ("stated", "derived", "flagged"))
    return roles + ((("highlight", name.get(locale.code)),) if name else ())


def _first_per_year(observations: list[Observation], value) -> dict[int, Observation]:  # noqa: ANN001
    """One observation a year (the first source in order) among those where ``value`` is known."""
    chosen: dict[int, Observation] = {}
    for o in observations:
        if value(o) is not None and o.year not in chosen:
            chosen[o.year] = o
    return chosen


def rank_chart(index: Index, unit: str, name: Text, locale: Locale) -> Chart | None:
    """The unit's rank by year, axis reversed so that up is better; derived ranks drawn hollow."""
    by_year = _first_per_year(index.for_unit(unit), lambda o: o.rank)
    if len(by_year) < 2:
        return None
    points = tuple(Point(y, float(o.rank), "derived" in o.flags) for y, o in sorted(by_year.items()))
    worst = max(points, key=lambda p: (p.y, p.x))
    summary = locale.t("chart.rank.summary", unit=name.get(locale.code), index=index.name.get(locale.code),
                 first_rank=f"{points[0].y:g}", first_year=points[0].x, last_rank=f"{points[-1].y:g}",
                 last_year=points[-1].x, worst_rank=f"{worst.y:g}", worst_year=worst.x)
    years = [o.year for o in index.results]
    return Chart(
        kind="line", slug=f"{slug(index.code)}-{slug(unit)}-rank-{locale.code}",
        title=locale.t("chart.rank.title", unit=name.get(locale.code), index=index.name.get(locale.code)),
        alt=locale.t("chart.rank.alt", summary=summary), summary=summary,
        csv_header=("year", "rank", "flags", "source_id"),
        csv_rows=tuple((str(y), str(o.rank), " ".join(o.flags), o.source_id) for y, o in sorted(by_year.items())),
        x_label=locale.t("chart.axis.year"), y_label=locale.t("chart.axis.rank"),
        series=(Series(name.get(locale.code), points),), x_range=(min(years), max(years)), invert_y=True,
        legend=_legend(locale))


def score_chart(index: Index, unit: str, name: Text, locale: Locale) -> Chart | None:
    """The unit's score by year beside the provincial average where one is published."""
    by_year = _first_per_year(index.for_unit(unit), lambda o: o.score)
    if len(by_year) < 2:
        return None
    points = tuple(Point(y, float(o.score), "derived" in o.flags) for y, o in sorted(by_year.items()))
    averages = {a.year: a for a in index.averages}
    series = [Series(name.get(locale.code), points)]
    if averages:
        series.append(Series(locale.t("chart.score.average"),
                             tuple(Point(y, float(a.value)) for y, a in sorted(averages.items())), reference=True))
    last = sorted(by_year.items())[-1]
    reference = averages.get(last[0])
    summary = locale.t("chart.score.summary", unit=name.get(locale.code), value=locale.number(last[1].score),
                       year=last[0], first_value=locale.number(by_year[min(by_year)].score), first_year=min(by_year))
    if reference is not None:
        summary += " " + locale.t("chart.score.summary_average", value=locale.number(reference.value))
    years = sorted(set(by_year) | set(averages))
    rows = [(str(y), _n_csv(by_year[y].score if y in by_year else None),
             _n_csv(averages[y].value if y in averages else None)) for y in years]
    return Chart(
        kind="line", slug=f"{slug(index.code)}-{slug(unit)}-score-{locale.code}",
        title=locale.t("chart.score.title", unit=name.get(locale.code), index=index.name.get(locale.code)),
        alt=locale.t("chart.score.alt", summary=summary), summary=summary,
        csv_header=("year", "score", "average"), csv_rows=tuple(rows),
        x_label=locale.t("chart.axis.year"), y_label=index.score_unit or locale.t("common.score"),
        series=tuple(series), x_range=(min(years), max(years)), legend=_legend(locale))


def _n_csv(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


def ranking_bars(index: Index, unit: str, name: Text, locale: Locale, unit_type: str = "province") -> Chart | None:
    """Scores of the units known in the latest year with enough of them; the focus unit highlighted. When
    fewer units are known than were ranked, the chart says so instead of implying a full table."""
    years = sorted({o.year for o in index.results if o.unit_type == unit_type and o.score is not None}, reverse=True)
    for year in years:
        known = _first_per_unit([o for o in index.totals_in(year, unit_type) if o.score is not None])
        if len(known) >= MIN_BARS:
            break
    else:
        return None
    known.sort(key=lambda o: (-o.score, o.unit_name))
    drawn = _top_bottom_and(known, unit)
    bars = tuple(Bar(o.unit_name, float(o.score), o.unit_code == unit, _flagged(o)) for o in drawn)
    ranked = max((o.rank_of or 0) for o in known)
    note = locale.t("chart.bars.partial", shown=len(known), total=ranked) if ranked > len(known) else ""
    if len(drawn) < len(known):
        note = (note + " " if note else "") + locale.t("chart.bars.trimmed", drawn=len(drawn), shown=len(known),
                                                         focus=name.get(locale.code))
    top, bottom = known[0], known[-1]
    summary = locale.t("chart.bars.summary", year=year, top=top.unit_name, top_value=locale.number(top.score),
                 bottom=bottom.unit_name, bottom_value=locale.number(bottom.score), shown=len(known))
    return Chart(
        kind="bars", slug=f"{slug(index.code)}-{unit_type}-{year}-bars-{locale.code}",
        title=locale.t(f"chart.bars.title_{unit_type}", index=index.name.get(locale.code), year=year),
        alt=locale.t("chart.bars.alt", summary=summary) + (f" {note}" if note else ""), summary=summary,
        csv_header=("unit_code", "unit_name", "score", "rank", "flags", "source_id"),
        csv_rows=tuple((o.unit_code, o.unit_name, _n_csv(o.score), str(o.rank or ""), " ".join(o.flags),
                        o.source_id) for o in known),
        y_label=index.score_unit or locale.t("common.score"), bars=bars, note=note, legend=_legend(locale, name))


def _top_bottom_and(ranked: list[Observation], unit: str) -> list[Observation]:
    """At most MAX_BARS bars: the top and bottom halves of the budget, and the focus unit wherever it is."""
    if len(ranked) <= MAX_BARS:
        return ranked
    half = MAX_BARS // 2
    keep = {id(o) for o in ranked[:half] + ranked[-half:]} | {id(o) for o in ranked if o.unit_code == unit}
    return [o for o in ranked if id(o) in keep]


def _first_per_unit(observations: list[Observation]) -> list[Observation]:
    seen: dict[str, Observation] = {}
    for o in sorted(observations, key=lambda o: o.source_id):
        seen.setdefault(o.unit_code or o.unit_name, o)
    return list(seen.values())


def component_multiples(index: Index, unit: str, name: Text, locale: Locale) -> Chart | None:
    """One small panel per component of the index for the focus unit (at least two components)."""
    components = sorted({o.component for o in index.results if o.unit_code == unit and o.component != "total"
                         and o.score is not None})
    if len(components) < 2:
        return None
    panels, rows = [], []
    for component in components:
        by_year = _first_per_year(index.for_unit(unit, component), lambda o: o.score)
        panels.append(Panel(component, (Series(component, tuple(
            Point(y, float(o.score), "derived" in o.flags) for y, o in sorted(by_year.items()))),)))
        rows += [(component, str(y), _n_csv(o.score), o.source_id) for y, o in sorted(by_year.items())]
    years = sorted({int(r[1]) for r in rows})
    summary = locale.t("chart.multiples.summary", unit=name.get(locale.code), count=len(components),
                 years=", ".join(str(y) for y in years))
    return Chart(
        kind="multiples", slug=f"{slug(index.code)}-{slug(unit)}-components-{locale.code}",
        title=locale.t("chart.multiples.title", unit=name.get(locale.code), index=index.name.get(locale.code)),
        alt=locale.t("chart.multiples.alt", summary=summary), summary=summary,
        csv_header=("component", "year", "score", "source_id"), csv_rows=tuple(rows),
        panels=tuple(panels), x_range=(years[0], years[-1]), legend=_legend(locale))


def indicator_chart(indicator: Indicator, locale: Locale) -> Chart | None:
    """An indicator's yearly values in one scope and kind, when at least two years are known; at most
    MAX_SERIES lines (the scopes with the most years), with a note when some are left to the CSV."""
    series: dict[tuple[str, str], dict[int, Decimal]] = {}
    for o in indicator.observations:
        if o.value is not None and o.year is not None and o.qualifier != "range":
            series.setdefault((o.scope.get(locale.code), o.kind), {}).setdefault(o.year, o.value)
    usable = {key: values for key, values in series.items() if len(values) >= 2}
    if not usable:
        return None
    every = tuple(Series(f"{scope} ({locale.t('chart.kind.' + kind)})",
                         tuple(Point(y, float(v)) for y, v in sorted(values.items())), reference=kind == "target")
                  for (scope, kind), values in sorted(usable.items()))
    drawn = _most_years(every)
    note = locale.t("chart.indicator.trimmed", drawn=len(drawn), total=len(every)) if len(drawn) < len(every) else ""
    years = sorted({p.x for s in drawn for p in s.points})
    first = drawn[0]
    summary = locale.t("chart.indicator.summary", name=indicator.name.get(locale.code), first=f"{first.points[0].y:g}",
                 first_year=first.points[0].x, last=f"{first.points[-1].y:g}", last_year=first.points[-1].x,
                 unit=indicator.unit.get(locale.code))
    return Chart(
        kind="line", slug=f"{slug(indicator.code)}-{locale.code}", title=indicator.name.get(locale.code),
        alt=locale.t("chart.indicator.alt", summary=summary) + (f" {note}" if note else ""), summary=summary,
        csv_header=("series", "year", "value"),
        csv_rows=tuple((s.label, str(p.x), f"{p.y:g}") for s in every for p in s.points),
        x_label=locale.t("chart.axis.year"), y_label=indicator.unit.get(locale.code), series=drawn,
        x_range=(years[0], years[-1]), note=note, legend=_legend(locale))


def _most_years(every: tuple[Series, ...]) -> tuple[Series, ...]:
    """The first MAX_SERIES series by number of years (then in their sorted order): a stable choice that
    keeps the longest records, which say the most about change over time."""
    if len(every) <= MAX_SERIES:
        return every
    order = sorted(range(len(every)), key=lambda i: -len(every[i].points))[:MAX_SERIES]
    return tuple(every[i] for i in sorted(order))
