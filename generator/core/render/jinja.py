"""The Jinja2 environment that renders pages: templates of every feature, filters bound to one language.

Templates loop and format; formatting lives in filters so that no template computes.
"""

from __future__ import annotations

import json
from pathlib import Path

import jinja2
import markupsafe

from generator.core import html, i18n
from generator.core.render.links import relative_link
from generator.core.text import Text

GENERATOR_DIR = Path(__file__).resolve().parent.parent.parent
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]<>#|!"})


def md_escape(text: object, lang: str = "vi") -> str:
    """Text safe to place in a Markdown heading or paragraph (HTML-escaped by autoescape elsewhere)."""
    plain = text.get(lang) if isinstance(text, Text) else str(text or "")
    return plain.translate(_MD_SPECIAL).replace("&", "&amp;")


def localised(lang: str):
    """Filter: the text in ``lang``; English falls back to Vietnamese with a visible marker."""
    def pick(value: object) -> str:
        if not isinstance(value, Text):
            return "" if value is None else str(value)
        if lang == "en" and not value.en and value.vi:
            marker = i18n.translate("common.missing_en", lang)
            return markupsafe.Markup('{} <span class="mb-missing-en">{}</span>').format(value.vi, marker)
        return value.get(lang)
    return pick


def front_matter_string(lang: str):
    """Filter: a value as a double-quoted YAML string, for page front matter (titles may hold ':')."""
    def quote(value: object) -> markupsafe.Markup:
        text = value.get(lang) if isinstance(value, Text) else str(value or "")
        return markupsafe.Markup(json.dumps(text, ensure_ascii=False))
    return quote


def _agencies(lang: str):
    @jinja2.pass_context
    def agencies(context: jinja2.runtime.Context, codes: tuple[str, ...], lookups: object) -> markupsafe.Markup:
        return html.agency_links(lookups, codes, lambda uri: relative_link(context["page_uri"], uri), lang)
    return agencies


@jinja2.pass_context
def _link(context: jinja2.runtime.Context, target: str) -> str:
    return relative_link(context["page_uri"], target)


def environment(lang: str) -> jinja2.Environment:
    """One Jinja environment per language: templates of every feature, filters bound to ``lang``."""
    loader = jinja2.PrefixLoader({
        name: jinja2.FileSystemLoader(str(TEMPLATES_DIR if name == "core" else GENERATOR_DIR / name / "templates"))
        for name in ("core", "catalogue", "supervision", "indicators", "agencies")
    })
    env = jinja2.Environment(
        loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True,
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
    )
    env.filters.update({
        "num": lambda v, d=None: i18n.format_number(v, lang, d),
        "pct": lambda v, d=None: i18n.format_percent(v, lang, d),
        "signed": lambda v: i18n.format_signed(v, lang),
        "date": lambda v, p="day": i18n.format_date(v, lang, p),
        "md": lambda v: md_escape(v, lang),
        "link": _link,
        "loc": localised(lang),
        "sources": lambda cell, lookups: html.source_links(lookups, cell, lang),
        "agencies": _agencies(lang),
        "flags": lambda flags: html.flag_list(flags, lang),
        "yaml": front_matter_string(lang),
    })
    env.globals.update({"t": lambda key, **kw: i18n.translate(key, lang, **kw), "lang": lang})
    return env


def render(env: jinja2.Environment, template: str, uri: str, **context: object) -> str:
    return env.get_template(template).render(page_uri=uri, **context)
