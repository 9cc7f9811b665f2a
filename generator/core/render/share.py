"""Share images: what a page shows when its link is shared in Zalo or Facebook (Open Graph and Twitter card
metadata, ``docs/overrides/main.html``). Each is a ``Card`` drawn like a chart (``charts/draw.py``), cached by
its content, so an unchanged page's image is never drawn again.

A card costs a tenth of a second to draw, and a national site has thousands of pages of some kinds; so a kind
of page with many pages gives its own card to its first ``MAX_PER_KIND`` pages (the most recent sessions, the
agencies with most to report) and the rest share the card of their kind's index page.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from generator.core.charts.spec import Card, CardBar, CardFiles
from generator.core.locale import Locale
from generator.core.render.links import served_url
from generator.core.text import slug

MAX_PER_KIND = 24
HOME_SLUG = "trang-chu"


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


def _one_line(text: str) -> str:
    """Text from data as the card draws it: one line, runs of white space (tabs, line ends) as one space; the
    card's font has no glyph for a tab."""
    return " ".join(text.split())


def share_input(files: CardFiles) -> str:
    """What a page takes from its share card (the image's address and the description), as an input key of an
    incremental build (core/deps.py): a page whose own data did not change still changes with its card, which
    may be another page's (a kind's first pages have their own, the rest share their index's)."""
    return f"value:share={files.png_uri}|{files.card.description}"
