"""Share images: what a page shows when its link is shared in Zalo or Facebook (Open Graph and Twitter card
metadata, ``docs/overrides/main.html``). Each is a ``Card`` drawn like a chart (``charts/draw.py``), cached by
its content, so an unchanged page's image is never drawn again.

A card costs a tenth of a second to draw, and a national site has thousands of pages of some kinds; so a kind
of page with many pages gives its own card to its first ``MAX_PER_KIND`` pages (the most recent sessions, the
agencies with most to report) and the rest share the image of their kind's index page, with descriptions of their
own (``sharing``).
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlsplit

from generator.core.charts.spec import Card, CardBar, CardFiles
from generator.core.locale import Locale
from generator.core.render.links import served_url
from generator.core.text import slug

MAX_PER_KIND = 24
HOME_SLUG = "trang-chu"
SITE_SLUG = "trang-web"  # the site's card, with no figures: a page without a card of its own shows it


def site_line(locale: Locale, site_url: str) -> str:
    """The site's name and, when known, its address without the scheme ("Minh Bạch · example.org/mb")."""
    name = locale.t("site.name")
    if not site_url:
        return name
    parts = urlsplit(site_url)
    return f"{name} · {parts.netloc}{parts.path.rstrip('/')}"


def card(page_uri: str, locale: Locale, site_url: str, title: str, headline: str, detail: str = "",
         bars: tuple[CardBar, ...] = ()) -> Card:
    """The share card of the page at ``page_uri`` (its file is named after the page's address)."""
    name = slug(served_url(page_uri)) if served_url(page_uri) else HOME_SLUG
    return Card(name, _one_line(title), _one_line(headline), _one_line(detail), bars, site_line(locale, site_url))


def site_card(locale: Locale, site_url: str, tagline: str = "site.tagline") -> Card:
    """The site's card: its name and what it is, no figures. The pages without a card of their own (the
    catalogue, the guides, the change log, 404) showed the home page's, whose figures ("10 kết luận …") are
    about none of them: a shared S&P 500 dataset page showed HCMC recommendation counts."""
    return Card(SITE_SLUG, locale.t("site.name"), locale.t(tagline), "", (), site_line(locale, site_url))


def _one_line(text: str) -> str:
    """Text from data as the card draws it: one line, runs of white space (tabs, line ends) as one space; the
    card's font has no glyph for a tab."""
    return " ".join(text.split())


def sharing(files: CardFiles, headline: str, detail: str = "") -> CardFiles:
    """A page without a card of its own: its kind's image, and words of its own for its description (the same
    words its own card would show). With its kind's description ("2,000 sessions") in every such page, adding
    one session changed the page of every other one (issue 17: 2,000 pages a language made again). The card
    returned is never drawn: only its image's address and its description are the page's."""
    return CardFiles(replace(files.card, headline=_one_line(headline), detail=_one_line(detail)), files.png_uri)


def share_input(files: CardFiles) -> str:
    """What a page takes from its share card (the image's address and the description), as an input key of an
    incremental build (core/deps.py): a page whose own data did not change still changes with its card, which
    may be another page's (a kind's first pages have their own, the rest share their index's)."""
    return f"value:share={files.png_uri}|{files.card.description}"
