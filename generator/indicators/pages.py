"""Index and indicator pages: headline, charts with their table alternative, sources, conflicts, method."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from generator import urls
from generator.core.charts.spec import Chart, ChartFiles
from generator.core.feature import PageContext
from generator.core.locale import Locale
from generator.core.render.output import Output, Page
from generator.indicators import charts
from generator.indicators.model import Index, Indicators, Observation

TABLE_LIMIT = 300  # rows of the full results table on a page; the download holds them all


@dataclass(frozen=True)
class Headline:
    """The focus unit's latest result and how it moved since the previous result of the same kind."""

    latest: Observation
    previous: Observation | None

    @property
    def rank_change(self) -> int | None:
        if self.previous is None or self.latest.rank is None or self.previous.rank is None:
            return None
        return self.previous.rank - self.latest.rank  # positive: moved up

    @property
    def score_change(self) -> Decimal | None:
        if self.previous is None or self.latest.score is None or self.previous.score is None:
            return None
        return self.latest.score - self.previous.score


def headline(index: Index, unit: str) -> Headline | None:
    known = [o for o in index.for_unit(unit) if o.rank is not None or o.score is not None]
    if not known:
        return None
    latest = max(known, key=lambda o: o.year)
    def comparable(o: Observation) -> bool:
        return (latest.rank is not None and o.rank is not None) or (latest.score is not None and o.score is not None)

    same_kind = [o for o in known if o.year < latest.year and comparable(o)]
    return Headline(latest, max(same_kind, key=lambda o: o.year) if same_kind else None)


def latest_first(index: Index) -> list[Observation]:
    return sorted(index.results, key=lambda o: (-o.year, o.unit_type, o.unit_name, o.component, o.source_id))


def index_charts(index: Index, indicators: Indicators, locale: Locale) -> list[Chart]:
    unit, name = indicators.focus_unit, indicators.focus_name
    candidates = [charts.rank_chart(index, unit, name, locale), charts.score_chart(index, unit, name, locale),
                  charts.ranking_bars(index, unit, name, locale),
                  charts.ranking_bars(index, unit, name, locale, unit_type="agency"),
                  charts.ranking_bars(index, unit, name, locale, unit_type="district"),
                  charts.component_multiples(index, unit, name, locale)]
    return [c for c in candidates if c is not None]


def build(indicators: Indicators, page: PageContext, cite: Callable[[str, str], object] | None = None) -> Output:
    """Index and indicator pages; ``cite(page_uri, title)`` gives a page's citation when the site has one."""
    output = Output()
    locale = page.locale
    uri = urls.INDICATORS_INDEX
    output.pages.append(Page(uri, page.render("indicators/index.md.j2", uri, indicators=indicators)))
    for index in indicators.indices:
        files = [ChartFiles.under(urls.CHARTS_DIR, c) for c in index_charts(index, indicators, locale)]
        output.charts += files
        output.pages.append(Page(index.page_uri, page.render(
            "indicators/index_page.md.j2", index.page_uri, index=index, charts=files,
            headline=headline(index, indicators.focus_unit), focus=index.for_unit(indicators.focus_unit),
            focus_name=indicators.focus_name, conflicts=index.conflicts(), table=latest_first(index)[:TABLE_LIMIT],
            results_uri=urls.download_uri(indicators.package, "results"),
            citation=cite(index.page_uri, index.name.get(locale.code)) if cite else None)))
    for indicator in indicators.indicators:
        chart = charts.indicator_chart(indicator, locale)
        files = [ChartFiles.under(urls.CHARTS_DIR, chart)] if chart else []
        output.charts += files
        output.pages.append(Page(indicator.page_uri, page.render(
            "indicators/indicator_page.md.j2", indicator.page_uri, indicator=indicator, charts=files)))
    return output
