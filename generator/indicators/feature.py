"""Indices and indicators as a feature: their model, pages with charts, and the headline figures on the home
page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator import urls
from generator.catalogue.citation import cite_page
from generator.catalogue.model import Catalogue
from generator.core.charts.spec import ChartFiles
from generator.core.feature import Feature, HomeBlock, PageContext, Site
from generator.core.locale import Locale
from generator.core.render.output import Output
from generator.core.text import Text, slug
from generator.indicators import charts, pages
from generator.indicators.model import Index, Indicators, load_indicators

HEADLINE_INDEX = "PAR_INDEX"  # the site's lead indicator, shown on the home page


@dataclass(frozen=True)
class HomeIndicator:
    """The city's headline indicator on the home page: its latest result with how it moved, and the small
    chart of its rank over the years (the same chart, and file, as on the indicator's page)."""

    index: Index
    headline: pages.Headline
    focus_name: Text
    chart: ChartFiles | None

    @property
    def anchor(self) -> str:
        """The block's id: the index's code as its page's address writes it (urls.indicator_uri) and the year.
        The code in lower case kept its spaces and other characters ('Chỉ số CCHC' gave an id with spaces,
        which is no id, and 'PAR_INDEX' one unlike its page's 'par-index')."""
        return f"{slug(self.index.code)}-{self.headline.latest.year}"


def home_indicator(indicators: Indicators, locale: Locale) -> HomeIndicator | None:
    index = indicators.index(HEADLINE_INDEX)
    if index is None or not indicators.focus_unit:
        return None
    found = pages.headline(index, indicators.focus_unit)
    if found is None:
        return None
    chart = charts.rank_chart(index, indicators.focus_unit, indicators.focus_name, locale)
    return HomeIndicator(index, found, indicators.focus_name,
                         urls.chart_files(chart) if chart else None)


class IndicatorsFeature(Feature[Indicators]):
    name = "indicators"
    templates = Path(__file__).resolve().parent / "templates"

    def link(self, model: Indicators | None, site: Site) -> Indicators | None:
        """Built once the tables are valid (the model reads them typed)."""
        return load_indicators(site.datasets)

    def home(self, model: Indicators | None, page: PageContext) -> list[HomeBlock]:
        view = home_indicator(model, page.locale) if model else None
        return [HomeBlock(20, "indicators/home.md.j2", view)] if view else []

    def pages(self, model: Indicators | None, page: PageContext) -> Output:
        if model is None:
            return Output()
        catalogue = page.site.models.get(Catalogue)

        def cite(page_uri: str, part: str) -> object:
            return cite_page(catalogue, model.package, page.locale, page_uri, part) if catalogue else None

        # A citation names the package (its descriptor, in index_inputs) and the date of its release.
        released = page.site.models.get(Catalogue).released(model.package) if catalogue else None
        return pages.build(model, page, cite, (f"value:released={released}",))
