"""Indices and their results in long format: a page per index, and HCMC's PAR Index rank chart."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generator.core import i18n
from generator.core.charts import LineChart, Point, chart_csv, render_line_svg
from generator.core.datasets import Datasets
from generator.core.flags import parse_flags
from generator.core.lookup import Lookups
from generator.core.settings import Settings
from generator.core.site import Asset, Output, Page, environment, render
from generator.core.text import Text, slug

ROLE = "indices"
INDICATORS_DIR = "chi-so"
CHARTS_DIR = "assets/charts"


@dataclass(frozen=True)
class Observation:
    index_code: str
    year: int
    unit_type: str
    unit_code: str
    unit_name: str
    component: str
    score: Decimal | None
    score_unit: str
    rank: int | None
    rank_of: int | None
    group: str
    flags: tuple[str, ...]
    source_id: str
    note: Text


@dataclass(frozen=True)
class Index:
    code: str
    name: Text
    publisher: Text
    description: Text
    score_unit: str
    results: tuple[Observation, ...]

    @property
    def page_uri(self) -> str:
        return f"{INDICATORS_DIR}/{slug(self.code)}.md"

    def for_unit(self, unit_code: str, component: str = "total") -> list[Observation]:
        return sorted((o for o in self.results if o.unit_code == unit_code and o.component == component),
                      key=lambda o: (o.year, o.source_id))


@dataclass(frozen=True)
class Indicators:
    indices: tuple[Index, ...]
    focus_unit: str  # the unit the site is about (GSO code 79 for HCMC), from the package's x-minhbach

    def index(self, code: str) -> Index | None:
        return next((i for i in self.indices if i.code == code), None)

    def for_agency(self, code: str) -> list[tuple[Index, Observation]]:
        return [(i, o) for i in self.indices for o in i.results if o.unit_code == code and o.unit_type != "province"]


def load(datasets: Datasets) -> Indicators | None:
    package = datasets.by_role(ROLE)
    if package is None or package.table("indices") is None or package.table("results") is None:
        return None
    results: dict[str, list[Observation]] = {}
    for r in package.table("results").records():
        results.setdefault(str(r["index_code"]), []).append(Observation(
            str(r["index_code"]), int(r["year"]), str(r.get("unit_type") or ""), str(r.get("unit_code") or ""),
            str(r.get("unit_name") or ""), str(r.get("component") or "total"), r.get("score"),
            str(r.get("score_unit") or ""), r.get("rank"), r.get("rank_of"), str(r.get("group") or ""),
            parse_flags(r.get("flags")), str(r.get("source_id") or ""), Text.of(r, "note")))
    indices = tuple(
        Index(str(r["index_code"]), Text.of(r, "name"), Text.of(r, "publisher"), Text.of(r, "description"),
              str(r.get("score_unit") or ""), tuple(results.get(str(r["index_code"]), ())))
        for r in package.table("indices").records())
    extension = package.descriptor.get("x-minhbach", {})
    return Indicators(indices, str(extension.get("focus_unit") or ""))


def rank_chart(index: Index, unit_code: str, lang: str) -> LineChart | None:
    """The unit's total rank by year; a year with two sources keeps the first stated one."""
    points: dict[int, Point] = {}
    for o in index.for_unit(unit_code):
        if o.rank is not None and o.year not in points:
            points[o.year] = Point(o.year, float(o.rank), derived="derived" in o.flags)
    if len(points) < 2:
        return None
    ordered = [points[y] for y in sorted(points)]
    worst = max(ordered, key=lambda p: (p.y, p.x))
    summary = i18n.translate("chart.par_rank.summary", lang, first_rank=f"{ordered[0].y:g}",
                             first_year=ordered[0].x, last_rank=f"{ordered[-1].y:g}", last_year=ordered[-1].x,
                             worst_rank=f"{worst.y:g}", worst_year=worst.x)
    years = [o.year for o in index.results]
    return LineChart(
        slug=f"{slug(index.code)}-{unit_code}-rank-{lang}",
        title=i18n.translate("chart.par_rank.title", lang),
        x_label=i18n.translate("chart.axis.year", lang), y_label=i18n.translate("chart.axis.rank", lang),
        points=tuple(ordered), x_range=(min(years), max(years)), invert_y=True,
        legend_stated=i18n.translate("chart.par_rank.stated", lang),
        legend_derived=i18n.translate("chart.par_rank.derived", lang),
        alt=i18n.translate("chart.par_rank.alt", lang, summary=summary), summary=summary,
    )


@dataclass(frozen=True)
class ChartFiles:
    chart: LineChart
    svg_uri: str
    csv_uri: str


def build(indicators: Indicators | None, lookups: Lookups, settings: Settings, lang: str = "vi") -> Output:
    output = Output()
    if indicators is None:
        return output
    env = environment(lang)
    charts: dict[str, ChartFiles] = {}
    for index in indicators.indices:
        chart = rank_chart(index, indicators.focus_unit, lang) if indicators.focus_unit else None
        if chart is not None:
            files = ChartFiles(chart, f"{CHARTS_DIR}/{chart.slug}.svg", f"{CHARTS_DIR}/{chart.slug}.csv")
            charts[index.code] = files
            output.assets.append(Asset(files.svg_uri, render_line_svg(chart)))
            output.assets.append(Asset(files.csv_uri, chart_csv(chart, ("year", "rank", "flags"))))
    uri = f"{INDICATORS_DIR}/index.md"
    output.pages.append(Page(uri, "", render(env, "indicators/index.md.j2", uri, indicators=indicators)))
    for index in indicators.indices:
        output.pages.append(Page(index.page_uri, "", render(
            env, "indicators/index_page.md.j2", index.page_uri, index=index, lookups=lookups,
            chart=charts.get(index.code), focus=index.for_unit(indicators.focus_unit),
            focus_unit=indicators.focus_unit)))
    return output
