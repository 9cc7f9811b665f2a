"""The home page as a feature: it has no model; it shows the blocks the other features contribute."""

from __future__ import annotations

from pathlib import Path

from generator import urls
from generator.core.feature import Feature, PageContext
from generator.core.render.output import Output, Page


class HomeFeature(Feature[None]):
    name = "home"
    templates = Path(__file__).resolve().parent / "templates"

    def pages(self, model: None, page: PageContext) -> Output:
        blocks = sorted(page.home, key=lambda block: block.order)
        content = page.render("home/home.md.j2", urls.HOME, blocks=blocks, build_date=page.site.settings.build_date)
        return Output(pages=[Page(urls.HOME, content)])
