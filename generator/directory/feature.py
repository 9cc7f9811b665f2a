"""The directory as a feature: loaded first, linked to from every page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.core.datasets import Datasets
from generator.core.feature import Feature, HomeBlock, Loaded, PageContext, Site
from generator.core.locale import Locale
from generator.core.settings import Settings
from generator.directory import links
from generator.directory.addresses import code_address_problems
from generator.directory.figures import source_reach
from generator.directory.model import Directory, load_directory
from generator.directory.rules import numbers_are_finite, numbers_have_sources, tiers_are_known


class DirectoryFeature(Feature[Directory]):
    name = "directory"
    templates = Path(__file__).resolve().parent / "templates"

    def load(self, datasets: Datasets, settings: Settings) -> Loaded[Directory]:
        """Only the checks here: the directory itself is built once the tables are valid (``link``)."""
        return Loaded(None, (*numbers_have_sources(datasets), *numbers_are_finite(datasets),
                             *code_address_problems(datasets), *tiers_are_known(datasets)))

    def link(self, model: Directory | None, site: Site) -> Directory:
        directory = load_directory(site.datasets)
        directory.reach = source_reach(site.datasets, directory, site.derived)
        return directory

    def home(self, model: Directory | None, page: PageContext) -> list[HomeBlock]:
        """The home page's promise about sources, computed: how many figures lead to the exact document."""
        return [HomeBlock(40, "directory/home.md.j2", model.reach)] if model and model.reach.figures else []

    def filters(self, model: Directory | None, locale: Locale) -> dict[str, Callable[..., object]]:
        return links.filters(model or Directory(), locale)
