"""Small HTML fragments used on many pages (sources, agency links, quality flags), as Jinja filters.

They were macros; a national site renders them a few hundred thousand times, and a Python filter costs a
fraction of a Jinja macro call. They format, they do not decide: what to show comes from the model.
"""

from __future__ import annotations

from markupsafe import Markup

from generator.core import i18n
from generator.core.lookup import Lookups

SOURCE = Markup('<a class="mb-source" href="{}" title="{}">{}</a> <span class="mb-tier mb-tier-{}">{}</span>')


def source_links(lookups: Lookups, cell: str, lang: str) -> Markup:
    """Each source of a cell (ids separated by ';'): publisher and date linked to the page, and its tier."""
    parts = []
    for source_id in lookups.source_ids(cell):
        source = lookups.source(source_id)
        if source is None:
            parts.append(Markup("<code>{}</code>").format(source_id))
            continue
        label = source.publisher or source.id
        if source.published:
            label = f"{label}, {source.published}"
        parts.append(SOURCE.format(source.url, source.title, label, source.tier,
                                   i18n.translate(f"common.tier.{source.tier}", lang)))
    return Markup("; ").join(parts)


def agency_links(lookups: Lookups, codes: tuple[str, ...] | list[str], link, lang: str) -> Markup:  # noqa: ANN001
    """Agency names linked to their pages; ``link`` makes a page-relative URL."""
    parts = []
    for code in codes:
        agency = lookups.agency(code)
        name = agency.name.get(lang)
        marker = ""
        if lang == "en" and not agency.name.en and agency.name.vi:
            marker = Markup(' <span class="mb-missing-en">{}</span>').format(i18n.translate("common.missing_en", lang))
        parts.append(Markup('<a href="{}" title="{}">{}</a>{}').format(link(agency.page_uri), name, name, marker))
    return Markup("; ").join(parts)


def flag_list(flags: tuple[str, ...], lang: str) -> Markup:
    return Markup("").join(
        Markup(' <span class="mb-flag mb-flag-{}">{}</span>').format(flag, i18n.translate(f"common.flag.{flag}", lang))
        for flag in flags)

