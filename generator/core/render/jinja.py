"""The Jinja2 environment that renders pages: the templates of every feature, filters bound to one locale.

Templates loop and format; formatting lives in filters so that no template computes.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

import jinja2
import jinja2.ext
import markupsafe

from generator.core.cache import Cache
from generator.core.charts.spec import ChartFiles
from generator.core.edit import Origin, edit_link
from generator.core.locale import Locale
from generator.core.render.embed import embed_height, iframe_code
from generator.core.render.links import relative_link, served_url
from generator.core.render.raw import CANONICAL_END, CANONICAL_START, RAW_END, RAW_START, RawMarkers, in_template
from generator.core.settings import Settings
from generator.core.text import Text, cut_at_word, one_line

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"  # "core/...": macros every feature may import

# Characters Markdown (with the attr_list and tables extensions) would act on in a heading; "<" and "&" are
# HTML-escaped instead, which Markdown leaves alone.
_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()#!|"})


def md_escape(text: object, lang: str = "vi") -> markupsafe.Markup:
    """Text shown verbatim in a Markdown heading: one line, Markdown's characters backslash-escaped, then
    HTML-escaped. It is escaped here, once, so it is returned as Markup (autoescape must not do it again)."""
    plain = text.get(lang) if isinstance(text, Text) else str(text or "")
    return markupsafe.escape(one_line(plain).translate(_MD_SPECIAL))


def localised(locale: Locale) -> Callable[[object], str]:
    """Filter: the text in the locale's language. Without it, the text there is, marked with its own language
    for screen readers when that is known and not the page's (``Text.lang``): the project's Vietnamese, on
    the English site, also with a visible marker. A text whose language its package does not declare is
    shown as it is: calling a foreign package's English "Vietnamese only" was false."""
    def pick(value: object) -> str:
        if not isinstance(value, Text):
            return "" if value is None else str(value)
        if locale.code == "en" and value.en:
            return value.en
        if locale.code == "en" and value.vi and value.lang == "vi":
            marker = locale.t("common.missing_en")
            return markupsafe.Markup('<span lang="vi">{}</span> <span class="mb-missing-en">{}</span>').format(
                value.vi, marker)
        if value.vi and value.lang and value.lang != locale.code:
            return markupsafe.Markup('<span lang="{}">{}</span>').format(value.lang, value.vi)
        return value.vi
    return pick


def front_matter_string(locale: Locale) -> Callable[[object], markupsafe.Markup]:
    """Filter: a page title as a double-quoted YAML string for the front matter.

    The theme prints the title as HTML (``<title>``, the header, the navigation), so what it gets must be
    escaped text: one line, HTML-escaped, then quoted for YAML. Nothing from data reaches it unescaped.
    """
    def quote(value: object) -> markupsafe.Markup:
        text = value.get(locale.code) if isinstance(value, Text) else str(value or "")
        escaped = str(markupsafe.escape(one_line(text)))  # no '"' is left: escape() writes &#34;
        return markupsafe.Markup('"' + escaped.replace("\\", "\\\\") + '"')
    return quote


def short_title(locale: Locale) -> Callable[[object], str]:
    """Filter: a page title for ``<title>`` and og:title, cut at a word (``cut_at_word``); text, which the
    ``yaml`` filter after it escapes (cut before escaping: no entity is cut)."""
    def short(value: object) -> str:
        return cut_at_word(value.get(locale.code) if isinstance(value, Text) else str(value or ""))
    return short


def flag_list(flags: tuple[str, ...], locale: Locale) -> markupsafe.Markup:
    """Quality flags (derived, inferred...) as labelled badges."""
    return markupsafe.Markup("").join(
        markupsafe.Markup(' <span class="mb-flag mb-flag-{}">{}</span>').format(flag, locale.t(f"common.flag.{flag}"))
        for flag in flags)


class RawRegions(jinja2.ext.Extension):
    """Templates' literal raw-region markers are compiled in canonical form; every page rendered gets the
    build's (``environment.raw_markers``, see raw.py, and ``MarkedTemplate``)."""

    def __init__(self, environment: jinja2.Environment):
        super().__init__(environment)
        environment.extend(raw_markers=RawMarkers())

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return in_template(source)


class MarkedTemplate(jinja2.Template):
    """A template whose rendered text has this build's raw-region markers (compiled, it has canonical ones)."""

    def render(self, *args: object, **kwargs: object) -> str:
        return self.environment.raw_markers.restore(super().render(*args, **kwargs))


TEMPLATES = "templates"  # cache namespace: compiled templates, the pages' and the theme's


class CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled once, not once per language and build: Jinja's code for each template, kept in
    memory (a build's languages share it, ``Site.compiled``, and so do a serving process's builds) and in the
    one cache (``cache``, for the next build). Jinja itself checks that an entry was compiled from the same
    source (its checksum) by the same Python (its magic number); the key holds what else the code depends on:
    Jinja's version, the environment's syntax and options, and how raw-region markers are compiled."""

    def __init__(self, cache: Cache | None = None) -> None:
        self.cache = cache
        self._code: dict[str, bytes] = {}

    @staticmethod
    def _key(bucket: jinja2.bccache.Bucket) -> str:
        env = bucket.environment
        compiled_with = [sys.version, jinja2.__version__, sorted(env.extensions), repr(env.autoescape),
                         env.block_start_string, env.variable_start_string, env.comment_start_string,
                         env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
                         env.optimized, [RAW_START, RAW_END, CANONICAL_START, CANONICAL_END]]
        return Cache.key(TEMPLATES, [bucket.key, bucket.checksum, compiled_with], "")

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        key = self._key(bucket)
        code = self._code.get(key)
        if code is None and self.cache is not None and (code := self.cache.get(TEMPLATES, key)) is not None:
            self._code[key] = code
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        key = self._key(bucket)
        self._code[key] = bucket.bytecode_to_string()
        if self.cache is not None:
            self.cache.put(TEMPLATES, key, self._code[key])


# Where a long identifier or address may wrap: after each separator, never inside a word (a phone shows
# "GS-2024-06-11-/CCHC-K01", not "GS-20/24-06-11-CCH/C-K01").
_SEPARATORS = re.compile(r"([-/._?&=#:;,@+]+)")


def breakable(text: object) -> markupsafe.Markup:
    """Filter: an id, code or URL, escaped, with a line-break opportunity (``<wbr>``) after each separator."""
    parts = _SEPARATORS.split(str(text or ""))
    return markupsafe.Markup("").join(
        markupsafe.escape(part) + (markupsafe.Markup("<wbr>") if i % 2 else "") for i, part in enumerate(parts))


@jinja2.pass_context
def _link(context: jinja2.runtime.Context, target: str) -> str:
    return relative_link(context["page_uri"], target)


def site_filters(locale: Locale, settings: Settings) -> dict[str, Callable[..., object]]:
    """Filters that need the site's own addresses: ``absolute`` (a docs-root path as a full URL, "" while
    the site's address is not known) and ``edit`` (an ``Origin``'s edit page in the repository, or "")."""
    def absolute(uri: str) -> str:
        if not settings.site_url:
            return ""
        target, _, anchor = uri.partition("#")
        return settings.site_url + locale.root + served_url(target) + (f"#{anchor}" if anchor else "")

    def edit(origin: Origin | None) -> str:
        return edit_link(settings.edit_url, origin, settings.root)

    def iframe(files: ChartFiles) -> str:
        """The code that shows a chart on another site; "" without the site's address (it would not load)."""
        url = absolute(files.embed_uri) if files.embed_uri else ""
        return iframe_code(url, files.chart.title, embed_height(files)) if url else ""

    return {"absolute": absolute, "edit": edit, "iframe": iframe}


def environment(locale: Locale, templates: dict[str, Path], filters: dict[str, Callable[..., object]],
                raw: RawMarkers | None = None, settings: Settings | None = None,
                compiled: CompiledTemplates | None = None) -> jinja2.Environment:
    """One Jinja environment per language: the templates of every feature (each under its name, and the
    core macros under "core"), the core filters and the features' own, bound to ``locale``; the templates'
    raw-region markers become the build's ``raw`` markers (see raw.py); ``settings`` give the site's
    addresses (``site_filters``); ``compiled`` keeps the templates' code for the next environment."""
    loader = jinja2.PrefixLoader({name: jinja2.FileSystemLoader(str(folder))
                                  for name, folder in {"core": TEMPLATES_DIR, **templates}.items()})
    env = jinja2.Environment(
        loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True,
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True, extensions=[RawRegions],
        bytecode_cache=compiled,
    )
    env.template_class = MarkedTemplate
    if raw is not None:
        env.raw_markers = raw
    env.filters.update({
        "num": locale.number,
        "pct": locale.percent,
        "signed": locale.signed,
        "date": locale.date,
        # claims (core/claims.py): a value with its qualifier and unit, a change with its unit and span
        "value": locale.value,
        "words": lambda value: locale.value(value, words=True),
        "change": locale.change,
        "since": locale.since,
        "count": locale.count,
        "span": locale.span,
        "md": lambda v: md_escape(v, locale.code),
        "link": _link,
        "loc": localised(locale),
        "flags": lambda flags: flag_list(flags, locale),
        "yaml": front_matter_string(locale),
        "short": short_title(locale),
        "wrap": breakable,
        **site_filters(locale, settings or Settings(Path("."))),
        **filters,
    })
    env.globals.update({"t": locale.t, "plural": locale.plural, "lang": locale.code})
    return env
