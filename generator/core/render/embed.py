"""Embeddable charts: each chart's small standalone page (``nhung/<chart>/``: the SVG, its summary, its
sources and a link back to the page it belongs to), for an ``<iframe>`` on another site.

The page is a complete HTML document of its own, written here rather than by the site engine: an ``<iframe>``
wants the chart alone, without the site's header, navigation and search. It loads nothing from another host
and runs no script (the same Content-Security-Policy as every page of the site). The page a chart belongs to
is the one whose figure carries the chart's id (the ``figure`` macro of ``templates/chart.j2``).
"""

from __future__ import annotations

import jinja2
from markupsafe import Markup, escape

from generator.core.charts.spec import ChartFiles
from generator.core.render.output import Asset, Output, figures_of

# The policy of every page of the site (docs/overrides/main.html): scripts only from the site, none inline.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                           "img-src 'self' data:; font-src 'self' data:; object-src 'none'; base-uri 'self'; "
                           "form-action 'self'")
TEMPLATE = "core/embed.html.j2"
EMBED_HEIGHT = 480  # pixels: the chart, its caption and the link back, on a desktop and on a phone


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
    """The sources a chart's numbers come from, as a source cell (``a;b``): the ``source_id`` column of its
    CSV when it has one."""
    header = files.chart.csv_header
    if "source_id" not in header:
        return ""
    column = header.index("source_id")
    found: list[str] = []
    for row in files.chart.csv_rows:
        for source in row[column].split(";") if column < len(row) else []:
            if source.strip() and source.strip() not in found:
                found.append(source.strip())
    return ";".join(found)


def iframe_code(url: str, title: str) -> str:
    """The ``<iframe>`` a reader copies to show a chart on their own page (plain text, to be escaped where
    it is shown)."""
    return (f'<iframe src="{escape(url)}" title="{escape(title)}" width="100%" height="{EMBED_HEIGHT}" '
            f'style="border:0" loading="lazy"></iframe>')
