"""The home page as a feature: it has no model; it shows the blocks the other features contribute, where each
kind of reader starts, and the site's share image (the one every page without its own shows)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator import urls
from generator.agencies.model import Agencies
from generator.core.feature import Feature, HomeBlock, PageContext, Site
from generator.core.locale import Locale
from generator.core.render import share
from generator.core.render.output import Output, Page, SiteWords
from generator.indicators.model import Indicators
from generator.supervision.model import Supervision


def _has_sessions(site: Site) -> bool:
    return site.models.get(Supervision) is not None


def _has_agencies(site: Site) -> bool:
    agencies = site.models.get(Agencies)
    return bool(agencies and agencies.agencies)  # a site without the agencies table has an empty model


def _always(site: Site) -> bool:
    return True


# Where each reader starts: the public (what was promised, by whom), journalists (data they can cite and
# check), maintainers (how to add what is missing). Each link says when its page is built: on a site of other
# packages than the project's there is no tracker, and a link to it would lead nowhere. The catalogue, the
# change log, the gaps and the guides are in every site.
START: tuple[tuple[str, tuple[tuple[Callable[[Site], bool], str, str], ...]], ...] = (
    ("public", ((_has_sessions, urls.TRACKER, "supervision.tracker"),
                (_has_sessions, urls.SESSIONS_INDEX, "supervision.title"),
                (_has_agencies, urls.AGENCIES_INDEX, "agency.title"))),
    ("journalist", ((_always, urls.DATASETS_INDEX, "catalogue.title"),
                    (_always, urls.DOWNLOADS_GUIDE, "home.start.downloads"),
                    (_always, urls.CHANGES_PAGE, "changes.title"))),
    ("maintainer", ((_always, urls.GAPS, "gaps.title"), (_always, urls.GUIDE, "home.start.guide"),
                    (_always, urls.DATA_FORMAT, "home.start.format"))),
)

HOME_IMAGE = f"{urls.SHARE_DIR}/{share.HOME_SLUG}.png"  # the home page's share image, with its figures
# The site's, without figures (mkdocs.yml's extra.share_image): the one a page without its own shows.
SITE_IMAGE = f"{urls.SHARE_DIR}/{share.SITE_SLUG}.png"


@dataclass(frozen=True)
class Holds:
    """Which of the project's own kinds of data the site holds; the home page's words say only what is there."""

    supervision: bool
    indicators: bool

    @classmethod
    def of(cls, site: Site) -> Holds:
        return cls(_has_sessions(site), site.models.get(Indicators) is not None)

    @property
    def projects(self) -> bool:
        """The project's data (Ho Chi Minh City's): its title and description say so; a site of other
        packages gets words that claim nothing of the city."""
        return self.supervision or self.indicators

    @property
    def intro(self) -> str:
        """The UI string of the home page's first paragraph: it names only what the site holds."""
        if self.supervision and self.indicators:
            return "home.intro"
        if self.supervision or self.indicators:
            return "home.intro.supervision" if self.supervision else "home.intro.indicators"
        return "home.intro.data"


def home_card_title(locale: Locale, holds: Holds) -> str:
    """The title the home page's share image shows: its alternative text on every page that shows it
    (``mkdocs/plugin.py``)."""
    return locale.t("home.title" if holds.projects else "home.title.data")


def site_words(locale: Locale, holds: Holds) -> SiteWords:
    """The site's own title and description, for a page without its own (``Output.words``)."""
    return SiteWords(home_card_title(locale, holds),
                     locale.t("site.description" if holds.projects else "site.description.data"))


def start_links(site: Site) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """The "where to start" links whose pages this site has, by reader; a reader left with none is left out."""
    kept = ((reader, tuple((uri, key) for built, uri, key in links if built(site)))
            for reader, links in START)
    return tuple((reader, links) for reader, links in kept if links)


class HomeFeature(Feature[None]):
    name = "home"
    templates = Path(__file__).resolve().parent / "templates"

    def home(self, model: None, page: PageContext) -> list[HomeBlock]:
        return [HomeBlock(30, "home/start.md.j2", start_links(page.site))]

    def pages(self, model: None, page: PageContext) -> Output:
        blocks = sorted(page.home, key=lambda block: block.order)
        told = next((block for block in blocks if block.headline), None)
        locale, holds = page.locale, Holds.of(page.site)
        words = site_words(locale, holds)
        card = urls.card_files(share.card(urls.HOME, locale, page.site.settings.site_url, words.title,
                                          told.headline if told else "", "", told.bars if told else ()))
        content = page.render("home/home.md.j2", urls.HOME, blocks=blocks, build_date=page.site.settings.build_date,
                              share=card, title=words.title, intro=holds.intro)
        # "a source for every number" is the project's promise, not a generic site's (new8a #4)
        site = urls.card_files(share.site_card(locale, page.site.settings.site_url,
                                               "site.tagline" if holds.projects else "site.tagline.data"))
        return Output(pages=[Page(urls.HOME, content)], cards=[card, site], words=words)
