"""Supervision as a feature: sessions read from YAML, their derived tables, pages and the home-page list."""

from __future__ import annotations

from pathlib import Path

from generator.core.datasets import Datasets
from generator.core.feature import Feature, HomeBlock, Loaded, PageContext
from generator.core.read.table import Table
from generator.core.render.output import Output
from generator.core.settings import Settings
from generator.supervision import derived, pages
from generator.supervision.load import ROLE, load_supervision
from generator.supervision.model import Supervision

LATEST_ON_HOME = 5


class SupervisionFeature(Feature[Supervision]):
    name = "supervision"
    templates = Path(__file__).resolve().parent / "templates"

    def load(self, datasets: Datasets, settings: Settings) -> Loaded[Supervision]:
        package = datasets.by_role(ROLE)
        if package is None:
            return Loaded()
        supervision, problems = load_supervision(datasets, settings)
        return Loaded(supervision, tuple(problems))

    def derived_tables(self, model: Supervision | None) -> list[Table]:
        return derived.derived_tables(model, model.package) if model else []

    def home(self, model: Supervision | None, page: PageContext) -> list[HomeBlock]:
        return [HomeBlock(20, "supervision/home.md.j2", model.sessions[:LATEST_ON_HOME])] if model else []

    def pages(self, model: Supervision | None, page: PageContext) -> Output:
        return pages.build(model, model.package, page) if model else Output()
