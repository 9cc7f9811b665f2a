"""The change log as a feature: the history read from git once per build, its page, feed and changes.csv."""

from __future__ import annotations

from pathlib import Path

from generator import urls
from generator.changes import pages
from generator.changes.history import load_history
from generator.changes.model import History
from generator.changes.rewrites import rewrite_problems
from generator.core.datasets import Datasets
from generator.core.feature import Feature, Loaded, PageContext, Site
from generator.core.render.output import Asset, Output
from generator.core.settings import Settings


class ChangesFeature(Feature[History]):
    name = "changes"
    templates = Path(__file__).resolve().parent / "templates"

    def load(self, datasets: Datasets, settings: Settings) -> Loaded[History]:
        """The history, and the rule that guards it: published numbers and statuses change only with a
        correction note (rewrites.py)."""
        history = load_history(settings)
        return Loaded(history, tuple(rewrite_problems(history, datasets, settings)))

    def shared_files(self, model: History | None, site: Site) -> list[Asset]:
        """changes.csv holds codes and cell values only: the same bytes in every language."""
        return [Asset(urls.downloads_file(urls.CHANGES_CSV), pages.changes_csv(model or History()))]

    def pages(self, model: History | None, page: PageContext) -> Output:
        return pages.build(model or History(), page)
