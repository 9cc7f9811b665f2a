"""Links to sources and agencies, as Jinja filters (``sources``, ``agencies``).

They were macros; a national site renders them a few hundred thousand times, and a Python filter costs a
fraction of a Jinja macro call. They format, they do not decide: what to show comes from the directory.
"""

from __future__ import annotations

from collections.abc import Callable

import jinja2
from markupsafe import Markup, escape

from generator.core.locale import Locale
from generator.core.render.links import relative_link
from generator.directory.model import Directory


def source_links(directory: Directory, cell: str, locale: Locale) -> Markup:
    """Each source of a cell (ids separated by ';'): publisher and date linked to the page, and its tier.
    The same cell always gives the same fragment, so it is made once per language."""
    key = ("sources", cell, locale.code)
    fragment = directory.fragments.get(key)
    if fragment is None:
        fragment = directory.fragments[key] = Markup("; ").join(
            _source_link(directory, source_id, locale) for source_id in directory.source_ids(cell))
    return fragment


def _source_link(directory: Directory, source_id: str, locale: Locale) -> Markup:
    source = directory.source(source_id)
    if source is None:
        return Markup(f"<code>{escape(source_id)}</code>")
    label = source.publisher or source.id
    if source.published:
        label = f"{label}, {source.published}"
    tier = locale.t(f"common.tier.{source.tier}")
    return Markup(f'<a class="mb-source" href="{escape(source.url)}" title="{escape(source.title)}">{escape(label)}</a>'
                  f' <span class="mb-tier mb-tier-{escape(source.tier)}">{escape(tier)}</span>')


def agency_links(directory: Directory, codes: tuple[str, ...] | list[str], link: Callable[[str], str],
                 locale: Locale) -> Markup:
    """Agency names linked to their pages; ``link`` makes a page-relative URL (the only part that differs
    from page to page, so the rest is made once per agency and language)."""
    parts = []
    for code in codes:
        uri, title, after = _agency_parts(directory, code, locale)
        parts.append(f'<a href="{escape(link(uri))}" title="{title}">{title}</a>{after}')
    return Markup("; ".join(parts))


def _agency_parts(directory: Directory, code: str, locale: Locale) -> tuple[str, Markup, Markup]:
    key = ("agency", code, locale.code)
    parts = directory.fragments.get(key)
    if parts is None:
        agency = directory.agency(code)
        marker = Markup("")
        if locale.code == "en" and not agency.name.en and agency.name.vi:
            marker = Markup(f' <span class="mb-missing-en">{escape(locale.t("common.missing_en"))}</span>')
        parts = directory.fragments[key] = (agency.page_uri, escape(agency.name.get(locale.code)), marker)
    return parts


def filters(directory: Directory, locale: Locale) -> dict[str, Callable[..., object]]:
    @jinja2.pass_context
    def agencies(context: jinja2.runtime.Context, codes: tuple[str, ...]) -> Markup:
        return agency_links(directory, codes, lambda uri: relative_link(context["page_uri"], uri), locale)

    return {"sources": lambda cell: source_links(directory, cell, locale), "agencies": agencies}
