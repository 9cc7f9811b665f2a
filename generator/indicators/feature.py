"""Indices and indicators as a feature: their model, pages with charts, and the headline figures on the home
page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator import urls
from generator.catalogue.citation import cite_page
from generator.catalogue.model import Catalogue
from generator.core.addresses import numbered
from generator.core.charts.spec import ChartFiles
from generator.core.datasets import Datasets
from generator.core.feature import Feature, HomeBlock, Loaded, PageContext, Site
from generator.core.locale import Locale
from generator.core.render.output import Output
from generator.core.settings import Settings
from generator.core.text import Text, slug
from generator.directory.model import Directory
from generator.indicators import charts, pages
from generator.indicators.model import Index, Indicators, load_indicators
from generator.indicators.rules import agency_units_are_known

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
    def anchors(self) -> tuple[str, list[str]]:
        """The block's id and the ids it keeps for links made before it had it (``numbered``: none the same).
        The id is the index's code as its page's address writes it (urls.indicator_uri): 'par-index', the same
        whichever year is the latest. It was that and the year ('par-index-2023'), so a link to the block broke
        when a later year was published; those ids stay, one for each year of the unit's results, and lead to
        the block. The code in lower case kept its spaces and other characters ('Chỉ số CCHC' gave an id with
        spaces, which is no id, and 'PAR_INDEX' one unlike its page's 'par-index')."""
        stem = slug(self.index.code)
        years = sorted({o.year for o in self.index.for_unit(self.headline.latest.unit_code)
                        if o.rank is not None or o.score is not None})
        found = numbered([stem, *(f"{stem}-{year}" for year in years)])
        return found[0], found[1:]

    @property
    def anchor(self) -> str:
        return self.anchors[0]


def home_indicator(indicators: Indicators, locale: Locale, directory: Directory | None = None
                   ) -> HomeIndicator | None:
    """The home page's block, of the row the index's page heads with: of two rows of one year, the one whose
    source the sources table ranks higher (``pages.source_tiers``). Without the tiers the home page took the
    first source id's row where the index's page took the official one."""
    index = indicators.index(HEADLINE_INDEX)
    if index is None or not indicators.focus_unit:
        return None
    tier = pages.source_tiers(directory)
    found = pages.headline(index, indicators.focus_unit, tier)
    if found is None:
        return None
    chart = charts.rank_chart(index, indicators.focus_unit, indicators.focus_name, locale, tier)
    return HomeIndicator(index, found, indicators.focus_name,
                         urls.chart_files(chart) if chart else None)


class IndicatorsFeature(Feature[Indicators]):
    name = "indicators"
    templates = Path(__file__).resolve().parent / "templates"

    def load(self, datasets: Datasets, settings: Settings) -> Loaded[Indicators]:
        """Only the checks here: the model reads the tables typed, once they are valid (``link``)."""
        return Loaded(None, tuple(agency_units_are_known(datasets)))

    def link(self, model: Indicators | None, site: Site) -> Indicators | None:
        """Built once the tables are valid (the model reads them typed)."""
        return load_indicators(site.datasets)

    def filters(self, model: Indicators | None, locale: Locale) -> dict[str, Callable[..., object]]:
        """``headline_value``: a headline's result in words (``pages.headline_value``), one wording for the index
        page, the home block and the share card; ``later_result``: a later year without a result, its row's or an
        edition's (``pages.later_words``)."""
        return {"headline_value": lambda found: pages.headline_value(found, locale),
                "later_result": lambda o: pages.later_words(o, locale)}

    def home(self, model: Indicators | None, page: PageContext) -> list[HomeBlock]:
        view = home_indicator(model, page.locale, page.site.models.get(Directory)) if model else None
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
