"""Small HTML fragments used on many pages (sources, agency links, quality flags), as Jinja filters.

They were macros; a national site renders them a few hundred thousand times, and a Python filter costs a
fraction of a Jinja macro call. They format, they do not decide: what to show comes from the model.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from generator.core import i18n
from generator.core.lookup import Lookups


def source_links(lookups: Lookups, cell: str, lang: str) -> Markup:
    """Each source of a cell (ids separated by ';'): publisher and date linked to the page, and its tier.
    The same cell always gives the same fragment, so it is made once per language."""
    key = ("sources", cell, lang)
    fragment = lookups.fragments.get(key)
    if fragment is None:
        fragment = lookups.fragments[key] = Markup("; ").join(
            _source_link(lookups, source_id, lang) for source_id in lookups.source_ids(cell))
    return fragment


def _source_link(lookups: Lookups, source_id: str, lang: str) -> Markup:
    source = lookups.source(source_id)
    if source is None:
        return Markup(f"<code>{escape(source_id)}</code>")
    label = source.publisher or source.id
    if source.published:
        label = f"{label}, {source.published}"
    tier = i18n.translate(f"common.tier.{source.tier}", lang)
    return Markup(f'<a class="mb-source" href="{escape(source.url)}" title="{escape(source.title)}">{escape(label)}</a>'
                  f' <span class="mb-tier mb-tier-{escape(source.tier)}">{escape(tier)}</span>')


def agency_links(lookups: Lookups, codes: tuple[str, ...] | list[str], link, lang: str) -> Markup:  # noqa: ANN001
    """Agency names linked to their pages; ``link`` makes a page-relative URL (the only part that differs
    from page to page, so the rest is made once per agency and language)."""
    parts = []
    for code in codes:
        uri, title, after = _agency_parts(lookups, code, lang)
        parts.append(f'<a href="{escape(link(uri))}" title="{title}">{title}</a>{after}')
    return Markup("; ".join(parts))


def _agency_parts(lookups: Lookups, code: str, lang: str) -> tuple[str, Markup, Markup]:
    key = ("agency", code, lang)
    parts = lookups.fragments.get(key)
    if parts is None:
        agency = lookups.agency(code)
        marker = Markup("")
        if lang == "en" and not agency.name.en and agency.name.vi:
            marker = Markup(f' <span class="mb-missing-en">{escape(i18n.translate("common.missing_en", lang))}</span>')
        parts = lookups.fragments[key] = (agency.page_uri, escape(agency.name.get(lang)), marker)
    return parts


def flag_list(flags: tuple[str, ...], lang: str) -> Markup:
    return Markup("").join(
        Markup(' <span class="mb-flag mb-flag-{}">{}</span>').format(flag, i18n.translate(f"common.flag.{flag}", lang))
        for flag in flags)

