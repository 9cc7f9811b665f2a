"""Embeddable charts: each chart's small standalone page (``nhung/<chart>/``: the SVG, its summary, its
sources and a link back to the page it belongs to), for an ``<iframe>`` on another site.

The page is a complete HTML document of its own, written here rather than by the site engine: an ``<iframe>``
wants the chart alone, without the site's header, navigation and search. It loads nothing from another host
and runs no script (the same Content-Security-Policy as every page of the site). The page a chart belongs to
is the one whose figure carries the chart's id (the ``figure`` macro of ``templates/chart.j2``).
"""

from __future__ import annotations

import math

import jinja2
from markupsafe import Markup, escape

from generator.core.charts.spec import ChartFiles
from generator.core.render.output import Asset, Output, figures_of

# The policy of every page of the site (docs/overrides/main.html): scripts only from the site, none inline.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                           "img-src 'self' data:; font-src 'self' data:; object-src 'none'; base-uri 'self'; "
                           "form-action 'self'")
TEMPLATE = "core/embed.html.j2"
# The embed page's frame is as tall as its page at the widths it is shown at (``EMBED_WIDTHS``, CSS pixels: a
# phone's column at 320, 360 and 412 px and an article's column), the tallest of them: the chart at that width
# (it is never drawn wider than its own width) and its caption, whose lines are counted from its characters at
# the embed page's sizes (embed.css: .85rem and .8rem text, 1.45 line height, .5rem padding). One height for
# all, 480 px, cut off the caption, the sources and the link back of a tall chart (audit phone: 2).
EMBED_WIDTHS = (304, 344, 396, 700)
PADDING, CHAR_EM, LINE = 16, 0.56, 1.45  # the page's padding; a character's width, in ems (measured widest ~0.5)
CAPTION_PX, SOURCES_PX, PARAGRAPH_GAP = 13.6, 12.8, 0.4 * 13.6
SOURCE_CHARS, LINKS_CHARS = 48, 44  # a source as it is written ("VietnamPlus, 12/03/2024 (báo chí)"); the links
SLACK = 24  # pixels for rounding and a font wider than measured


def embed_pages(output: Output, env: jinja2.Environment) -> list[Asset]:
    """The standalone page of every chart in ``output`` that has an embed address and is shown on a page."""
    shown_on = {}
    for page in output.pages:
        # the figures of a page are known once it is made; else it is read (back from disk, if written there)
        for chart_id in page.figures if page.figures is not None else figures_of(page.text()):
            shown_on.setdefault(chart_id, page.uri)
    pages, seen = [], set()
    for files in output.charts:
        if not files.embed_uri or files.embed_uri in seen or files.chart.slug not in shown_on:
            continue
        seen.add(files.embed_uri)
        html = env.get_template(TEMPLATE).render(
            page_uri=files.embed_uri, files=files, page=shown_on[files.chart.slug], sources=chart_sources(files),
            policy=Markup(CONTENT_SECURITY_POLICY))  # ours, in a double-quoted attribute: no " in it
        pages.append(Asset(files.embed_uri, html.encode("utf-8")))
    return pages


def chart_sources(files: ChartFiles) -> str:
    """The sources a chart's caption names, as a source cell (``a;b``): the first of its CSV's source columns'
    (``Chart.cited``; the others are counted, ``Chart.uncited``)."""
    return files.chart.cited


def embed_height(files: ChartFiles) -> int:
    """How tall a chart's embed page is, in CSS pixels, at the tallest of ``EMBED_WIDTHS`` (see there)."""
    caption = f"{files.chart.title}. {files.chart.summary} {files.chart.note}".strip()
    sources = len([s for s in chart_sources(files).split(";") if s]) + bool(files.chart.uncited)  # "and n more"
    tallest = 0.0
    for width in EMBED_WIDTHS:
        room = width - PADDING
        image = min(room, files.width) * files.height / files.width
        text = _lines(len(caption), room, CAPTION_PX) * CAPTION_PX + _lines(LINKS_CHARS, room, CAPTION_PX) * CAPTION_PX
        if sources:
            text += _lines(sources * SOURCE_CHARS, room, SOURCES_PX) * SOURCES_PX
        gaps = (3 + bool(sources)) * PARAGRAPH_GAP
        tallest = max(tallest, PADDING + image + text * LINE + gaps)
    return math.ceil((tallest + SLACK) / 10) * 10


def _lines(characters: int, room: float, size: float) -> int:
    return max(1, math.ceil(characters * CHAR_EM * size / room))


def iframe_code(url: str, title: str, height: int) -> str:
    """The ``<iframe>`` a reader copies to show a chart on their own page (plain text, to be escaped where
    it is shown), as tall as the chart's embed page (``embed_height``)."""
    return (f'<iframe src="{escape(url)}" title="{escape(title)}" width="100%" height="{height}" '
            f'style="border:0" loading="lazy"></iframe>')
