"""The features this site publishes, in the order their pages are published (which is the order of the
search index and the sitemap). Adding a feature is one folder and one line here."""

from __future__ import annotations

from generator.agencies.feature import AgenciesFeature
from generator.catalogue.feature import CatalogueFeature
from generator.changes.feature import ChangesFeature
from generator.core.feature import Feature
from generator.directory.feature import DirectoryFeature
from generator.gaps.feature import GapsFeature
from generator.home.feature import HomeFeature
from generator.indicators.feature import IndicatorsFeature
from generator.supervision.feature import SupervisionFeature

FEATURES: tuple[Feature, ...] = (
    DirectoryFeature(),  # agencies, sources and documents every page links to; no pages of its own
    CatalogueFeature(),
    SupervisionFeature(),
    IndicatorsFeature(),
    AgenciesFeature(),
    HomeFeature(),
    GapsFeature(),  # what is not known yet: reads the models above
    ChangesFeature(),
)
