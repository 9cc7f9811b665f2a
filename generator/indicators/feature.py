"""Indices and indicators as a feature: their model, pages with charts, and the headline figures on the home
page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.catalogue.citation import cite_page
from generator.catalogue.model import Catalogue
from generator.core.feature import Feature, HomeBlock, PageContext, Site
from generator.core.render.output import Output
from generator.indicators import pages
from generator.indicators.model import Index, Indicators, Observation, load_indicators

HEADLINE_INDEX = "PAR_INDEX"  # the site's lead indicator, shown on the home page


@dataclass(frozen=True)
class HomeFigure:
    """One of the focus unit's results shown on the home page."""

    index: Index
    observation: Observation


def home_figures(indicators: Indicators) -> list[HomeFigure]:
    """The focus unit's latest stated rank and score for the lead indicator, and its first."""
    index = indicators.index(HEADLINE_INDEX)
    if index is None or not indicators.focus_unit:
        return []
    stated = [o for o in index.for_unit(indicators.focus_unit) if o.rank is not None and "derived" not in o.flags]
    return [HomeFigure(index, o) for o in stated[-1:]] + [HomeFigure(index, o) for o in stated[:1]]


class IndicatorsFeature(Feature[Indicators]):
    name = "indicators"
    templates = Path(__file__).resolve().parent / "templates"

    def link(self, model: Indicators | None, site: Site) -> Indicators | None:
        """Built once the tables are valid (the model reads them typed)."""
        return load_indicators(site.datasets)

    def home(self, model: Indicators | None, page: PageContext) -> list[HomeBlock]:
        figures = home_figures(model) if model else []
        return [HomeBlock(10, "indicators/home.md.j2", figures)] if figures else []

    def pages(self, model: Indicators | None, page: PageContext) -> Output:
        if model is None:
            return Output()
        catalogue = page.site.models.get(Catalogue)

        def cite(page_uri: str, part: str) -> object:
            return cite_page(catalogue, model.package, page.locale, page_uri, part) if catalogue else None

        # A citation names the package (its descriptor, in index_inputs) and the date of its release.
        released = page.site.models.get(Catalogue).released(model.package) if catalogue else None
        return pages.build(model, page, cite, (f"value:released={released}",))
