"""Links to sources and agencies, as Jinja filters (``sources``, ``agencies``).

They were macros; a national site renders them a few hundred thousand times, and a Python filter costs a
fraction of a Jinja macro call. They format, they do not decide: what to show comes from the directory.
"""

from __future__ import annotations

from collections.abc import Callable

import jinja2
from markupsafe import Markup, escape

from generator.core.checks.urls import link_target
from generator.core.locale import Locale
from generator.core.render.links import relative_link
from generator.directory.model import NO_ADDRESS, SITE_ROOT, Directory, note_entry


def source_links(directory: Directory, cell: str, locale: Locale) -> Markup:
    """Each source of a cell (ids separated by ';'): publisher and date linked to the page, and its tier.
    The same cell always gives the same fragment, so it is made once per language."""
    for source_id in directory.source_ids(cell):
        note_entry(directory, "sources", source_id)
    key = ("sources", cell, locale.code)
    fragment = directory.fragments.get(key)
    if fragment is None:
        fragment = directory.fragments[key] = Markup("; ").join(
            _source_link(directory, source_id, locale) for source_id in directory.source_ids(cell))
    return fragment


def _source_link(directory: Directory, source_id: str, locale: Locale) -> Markup:
    """A source's publisher and date, linked to its address and followed by its tier. A citation that only
    reaches the publisher's home page, or has no address at all, says so beside the link."""
    source = directory.source(source_id)
    if source is None:
        return Markup(f"<code>{escape(source_id)}</code>")
    name, name_lang = source.publisher_in(locale.code)
    label = escape(name)
    if name_lang and name_lang != locale.code:  # a name in the document's language, marked as such
        label = Markup(f'<span lang="{escape(name_lang)}">{label}</span>')
    if source.published:
        label = Markup(f"{label}, {escape(locale.date(source.published))}")
    tier = locale.t(f"common.tier.{source.tier}")
    after = Markup(f' <span class="mb-tier mb-tier-{escape(source.tier)}">{escape(tier)}</span>')
    title = escape(source.title_in(locale.code))
    if source.address == NO_ADDRESS:  # nothing to follow: the title is what a reader can search for
        note = locale.t("source.no_address")
        own = source.title_in(locale.code) == source.title and source.language not in ("", locale.code)
        title_lang = Markup(f' lang="{escape(source.language)}"') if own else Markup("")
        return Markup(f'<span class="mb-source mb-source-{NO_ADDRESS}">{label}, <q{title_lang}>{title}</q></span>'
                      f' <span class="mb-source-note">({escape(note)})</span>') + after
    hreflang = Markup(f' hreflang="{escape(source.language)}"') if source.language else Markup("")
    # Only an http, https or mailto address gets here (SourceRef.address, core/checks/urls.py).
    link = Markup(f'<a class="mb-source" href="{escape(link_target(source.url))}"{hreflang} title="{title}">'
                  f'{label}</a>')
    if source.address == SITE_ROOT:
        link += Markup(f' <span class="mb-source-note">({escape(locale.t("source.site_root"))})</span>')
    return link + after


def publisher_name(directory: Directory, name: str, locale: Locale) -> Markup:
    """A publisher's name as a page in ``locale`` gives it (its English name where the sources list has one),
    marked with the language it is written in when that is not the page's."""
    key = ("publisher", name, locale.code)
    fragment = directory.fragments.get(key)
    if fragment is None:
        source = next((s for s in directory.sources.values() if s.publisher == name), None)
        shown, lang = source.publisher_in(locale.code) if source else (name, "")
        fragment = Markup(f'<span lang="{escape(lang)}">{escape(shown)}</span>') if lang and lang != locale.code \
            else escape(shown)
        directory.fragments[key] = fragment
    return fragment


def source_published(directory: Directory, source_id: str, locale: Locale) -> str:
    """The publication date of a source in the page's language, or "" when the source gives none."""
    source = directory.source(source_id)
    return locale.date(source.published) if source and source.published else ""


def agency_links(directory: Directory, codes: tuple[str, ...] | list[str], link: Callable[[str], str],
                 locale: Locale) -> Markup:
    """Agency names linked to their pages; ``link`` makes a page-relative URL (the only part that differs
    from page to page, so the rest is made once per agency and language)."""
    parts = []
    for code in codes:
        uri, title, after = _agency_parts(directory, code, locale)
        marked = ' lang="vi"' if after else ""  # no English name: the Vietnamese one, marked as such
        parts.append(f'<a href="{escape(link(uri))}" title="{title}"{marked}>{title}</a>{after}')
    return Markup("; ".join(parts))


def _agency_parts(directory: Directory, code: str, locale: Locale) -> tuple[str, Markup, Markup]:
    note_entry(directory, "agencies", code)
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

    return {"sources": lambda cell: source_links(directory, cell, locale), "agencies": agencies,
            "published": lambda source_id: source_published(directory, source_id, locale),
            "publisher": lambda name: publisher_name(directory, name, locale)}
