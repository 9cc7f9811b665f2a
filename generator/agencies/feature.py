"""Agencies as a feature: a page per agency that gathers what the other features publish about it."""

from __future__ import annotations

from pathlib import Path

from generator.agencies import pages
from generator.agencies.model import Agencies, load_agencies
from generator.core.feature import Feature, PageContext, Site
from generator.core.render.output import Output


class AgenciesFeature(Feature[Agencies]):
    name = "agencies"
    templates = Path(__file__).resolve().parent / "templates"

    def link(self, model: Agencies | None, site: Site) -> Agencies:
        """Built once the tables are valid (the model reads them typed)."""
        return load_agencies(site.datasets)

    def pages(self, model: Agencies | None, page: PageContext) -> Output:
        return pages.build(model, page) if model else Output()
