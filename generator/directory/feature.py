"""The directory as a feature: loaded first, linked to from every page."""

from __future__ import annotations

from collections.abc import Callable

from generator.core.datasets import Datasets
from generator.core.feature import Feature, Loaded, Site
from generator.core.locale import Locale
from generator.core.settings import Settings
from generator.directory import links
from generator.directory.model import Directory, load_directory
from generator.directory.rules import numbers_have_sources


class DirectoryFeature(Feature[Directory]):
    name = "directory"

    def load(self, datasets: Datasets, settings: Settings) -> Loaded[Directory]:
        """Only the check here: the directory itself is built once the tables are valid (``link``)."""
        return Loaded(None, tuple(numbers_have_sources(datasets)))

    def link(self, model: Directory | None, site: Site) -> Directory:
        return load_directory(site.datasets)

    def filters(self, model: Directory | None, locale: Locale) -> dict[str, Callable[..., object]]:
        return links.filters(model or Directory(), locale)
