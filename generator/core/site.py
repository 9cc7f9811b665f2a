"""What a build produces, independent of any site engine: pages (Markdown) and assets (bytes) at stable
URIs, plus the Jinja2 environment that renders pages. The MkDocs adapter turns these into MkDocs files."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import markupsafe

from generator.core import html, i18n
from generator.core.charts import ChartFiles
from generator.core.problems import Problem
from generator.core.text import Text

GENERATOR_DIR = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Page:
    """A generated page; ``uri`` is its Markdown path under the docs root (``giam-sat/index.md``).

    ``content`` is Markdown with raw HTML. Regions between RAW_START and RAW_END are finished HTML (data
    tables) that needs no Markdown processing and must not be indexed for search (each fact is found at its
    canonical page, and a national site's tables would make the index tens of MB); an engine may pass them
    through untouched (see ``split_raw``) or treat them as ordinary raw HTML."""

    uri: str
    content: str


@dataclass(frozen=True)
class Asset:
    """A generated file served as is (a CSV download, a chart): its bytes, or the file on disk that holds
    them (large downloads are written once into the cache and copied from there, never held in memory)."""

    uri: str
    data: bytes = b""
    path: Path | None = None

    def read(self) -> bytes:
        return self.path.read_bytes() if self.path is not None else self.data


@dataclass
class Output:
    """Pages and assets ready to publish, and chart specs still to be rendered (in one cached batch)."""

    pages: list[Page] = field(default_factory=list)
    assets: list[Asset] = field(default_factory=list)
    charts: list[ChartFiles] = field(default_factory=list)

    def extend(self, other: Output) -> None:
        self.pages += other.pages
        self.assets += other.assets
        self.charts += other.charts


@dataclass
class Result:
    """Everything one run produced: pages and assets per language, or the problems that stop publishing."""

    outputs: dict[str, Output]
    problems: list[Problem]
    stats: dict[str, float] = field(default_factory=dict)


RAW_START, RAW_END = "<!--mb:raw-->", "<!--/mb:raw-->"
_RAW_SLOT_OPEN, _RAW_SLOT_CLOSE = "<!--mb:raw:", "-->"  # a slot: _RAW_SLOT_OPEN + number + _RAW_SLOT_CLOSE


def split_raw(content: str) -> tuple[str, list[str]]:
    """The page with each raw region replaced by a numbered HTML comment on its own, and the regions."""
    parts, blocks, position = [], [], 0
    while (start := content.find(RAW_START, position)) >= 0:
        end = content.find(RAW_END, start)
        if end < 0:
            raise ValueError(f"{RAW_START} without {RAW_END}")
        parts += [content[position:start], "\n\n", f"{_RAW_SLOT_OPEN}{len(blocks)}{_RAW_SLOT_CLOSE}", "\n\n"]
        blocks.append(content[start + len(RAW_START):end].strip("\n"))
        position = end + len(RAW_END)
    parts.append(content[position:])
    return "".join(parts), blocks


def join_raw(html_text: str, blocks: list[str]) -> str:
    """Put the raw regions back into the finished HTML; a slot that went missing is an error, never a gap."""
    pieces = html_text.split(_RAW_SLOT_OPEN)
    out, seen = [pieces[0]], []
    for piece in pieces[1:]:
        number, _, rest = piece.partition(_RAW_SLOT_CLOSE)
        seen.append(number)
        out += [blocks[int(number)] if number.isdigit() and int(number) < len(blocks) else "", rest]
    if seen != [str(n) for n in range(len(blocks))]:
        raise ValueError(f"{len(blocks)} raw regions, slots found: {seen}")
    return "".join(out)


STATIC_DIR = GENERATOR_DIR / "core" / "static"


def static_assets() -> list[Asset]:
    """The site's own CSS and JavaScript, shipped with the generator so every build (any language, any
    datasets) has them; mkdocs.yml lists them under extra_css/extra_javascript."""
    return [Asset(f"assets/{path.name}", path.read_bytes()) for path in sorted(STATIC_DIR.iterdir())]


def served_url(uri: str) -> str:
    """Where a docs-root path is served with directory URLs: ``a/b.md`` -> ``a/b/``, ``a/index.md`` -> ``a/``."""
    if not uri.endswith(".md"):
        return uri
    stem = uri[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_link(from_uri: str, to_uri: str) -> str:
    """A relative URL from page ``from_uri`` to ``to_uri`` (docs-root paths, anchors kept).

    Links inside raw HTML are not rewritten by MkDocs, so we write the served URL ourselves; the site is
    built with ``use_directory_urls: true`` and a crawl test checks that every link resolves. A target in
    or below the page's folder is written from there, any other by climbing to the root first: simple
    string work, since a national site computes a few hundred thousand of these.
    """
    target, _, anchor = to_uri.partition("#")
    base = served_url(from_uri)
    base_dir = base if base.endswith("/") or not base else base.rpartition("/")[0] + "/"
    url = served_url(target) if target else base
    link = url[len(base_dir):] if url.startswith(base_dir) else "../" * base_dir.count("/") + url
    return (link or "./") + (f"#{anchor}" if anchor else "")


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
        name: jinja2.FileSystemLoader(str(GENERATOR_DIR / name / "templates"))
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
