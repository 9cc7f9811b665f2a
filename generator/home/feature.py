"""The home page as a feature: it has no model; it shows the blocks the other features contribute, where each
kind of reader starts, and the site's share image (the one every page without its own shows)."""

from __future__ import annotations

from pathlib import Path

from generator import urls
from generator.core.feature import Feature, HomeBlock, PageContext
from generator.core.locale import Locale
from generator.core.render import share
from generator.core.render.output import Output, Page

# Where each reader starts: the public (what was promised, by whom), journalists (data they can cite and
# check), maintainers (how to add what is missing). (URI, UI string) pairs.
START = (
    ("public", ((urls.TRACKER, "supervision.tracker"), (urls.SESSIONS_INDEX, "supervision.title"),
                (urls.AGENCIES_INDEX, "agency.title"))),
    ("journalist", ((urls.DATASETS_INDEX, "catalogue.title"), (urls.DOWNLOADS_GUIDE, "home.start.downloads"),
                    (urls.CHANGES_PAGE, "changes.title"))),
    ("maintainer", ((urls.GAPS, "gaps.title"), (urls.GUIDE, "home.start.guide"),
                    (urls.DATA_FORMAT, "home.start.format"))),
)

# The home page's share image: the site's (mkdocs.yml's extra.share_image), which a page without one shows.
HOME_IMAGE = f"{urls.SHARE_DIR}/{share.HOME_SLUG}.png"


def home_card_title(locale: Locale) -> str:
    """The title the home page's share image shows: its alternative text on every page that shows it
    (``mkdocs/plugin.py``)."""
    return locale.t("home.title")


class HomeFeature(Feature[None]):
    name = "home"
    templates = Path(__file__).resolve().parent / "templates"

    def home(self, model: None, page: PageContext) -> list[HomeBlock]:
        return [HomeBlock(30, "home/start.md.j2", START)]

    def pages(self, model: None, page: PageContext) -> Output:
        blocks = sorted(page.home, key=lambda block: block.order)
        told = next((block for block in blocks if block.headline), None)
        locale = page.locale
        card = urls.card_files(share.card(urls.HOME, locale, page.site.settings.site_url, home_card_title(locale),
                                          told.headline if told else "", "", told.bars if told else ()))
        content = page.render("home/home.md.j2", urls.HOME, blocks=blocks, build_date=page.site.settings.build_date,
                              share=card)
        return Output(pages=[Page(urls.HOME, content)], cards=[card])
