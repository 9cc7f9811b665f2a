"""One site per language (``mkdocs.yml`` for Vietnamese at ``/``, ``mkdocs.en.yml`` for English at ``/en/``):
the language switcher leads to the same page in the other language, and the English build fills in any
hand-written page that has no English version with the Vietnamese text under a visible notice."""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from generator import urls
from generator.core.locale import DEFAULT_LOCALE, Locale, locale

PLACEHOLDER = "__minhbach_alternate_"


class Switcher:
    """The theme passes each switcher link through MkDocs' ``url`` filter, which cannot express "up out of
    this language's root" (``../``); so the config gets a placeholder the filter leaves alone
    (``install``), and the real relative URL is written in its place in each finished page (``page``).

    Which page is the same page in the other language is said in the sitemaps (``sitemap``: each URL with
    an ``xhtml:link`` per language, itself included), not in ``<link rel=alternate hreflang>`` tags in the
    head, which the theme writes from the same config and which go (``_drop_head_link``). Search engines
    read either, alike. The theme's script reads the head's: it fetches ``sitemap.xml`` beside each such
    link and takes over a click on any link below one. As each language's root (what the theme expects)
    they told search engines that the English version of every page was the English home page; as the
    page's counterpart, the script would fetch two missing sitemaps on every page and turn a click on a
    download of ``/en/tai-ve/`` (the files are under ``/tai-ve/``) into a visit to the Vietnamese page. The
    switcher itself needs no script: its links lead to the same page.

    ``alone``: URLs of this language's pages that the other language does not have (an English page written
    by hand with no Vietnamese one): their switcher leads to the other language's home, and the sitemap
    names no counterpart for them."""

    def __init__(self, alternates: list[dict], site_url: str = "", lang: str = DEFAULT_LOCALE):
        self.alternates, self.site_url, self.lang = alternates, site_url, lang
        self.alone: set[str] = set()

    @classmethod
    def install(cls, config: MkDocsConfig, site_root: str, lang: str = DEFAULT_LOCALE) -> Switcher:
        """The switcher of ``config``, whose ``extra.alternate`` links are replaced by placeholders;
        ``site_root`` is the address of the whole site (the Vietnamese root), or ""."""
        switcher = cls([dict(alt) for alt in (config.extra.get("alternate") or [])], site_root, lang)
        if switcher.alternates:
            config.extra["alternate"] = [
                {**alt, "link": f"/{PLACEHOLDER}{i}/"} for i, alt in enumerate(switcher.alternates)]
        return switcher

    def page(self, output: str, page_url: str) -> str:
        same_page = page_url not in self.alone
        for i, alt in enumerate(self.alternates):
            placeholder = f'"/{PLACEHOLDER}{i}/"'
            output = _drop_head_link(output, placeholder)
            own = _lang(alt) == self.lang
            output = output.replace(placeholder, f'"{alternate_url(page_url, alt["link"], same_page or own)}"')
        return output

    def template(self, output: str) -> str:
        """Theme pages such as 404.html use site-absolute links (a server shows 404.html at any path), so their
        switcher points at each language's root: the site's address when known (a project site is served
        under a path, ``https://user.github.io/minhbach/``), else ``/`` and ``/<lang>/``."""
        for i, alt in enumerate(self.alternates):
            placeholder = f'"/{PLACEHOLDER}{i}/"'
            output = _drop_head_link(output, placeholder)
            output = output.replace(placeholder, f'"{self._root(alt) if self.site_url else "/" + _folder(alt)}"')
        return output

    def sitemap(self, output: str, language_root: str) -> str:
        """This language's sitemap with, in each URL, the address of the page in every language (itself
        included, as search engines ask) when both have it. ``language_root``: this language's address."""
        if not self.site_url or not self.alternates or not language_root:
            return output

        def url(match: re.Match) -> str:
            loc = html.unescape(match[2])
            page_url = loc[len(language_root):] if loc.startswith(language_root) else None
            if page_url is None or page_url in self.alone:
                return match[0]
            links = "".join(f'\n         <xhtml:link rel="alternate" hreflang="{_lang(alt)}" '
                            f'href="{html.escape(self._root(alt) + page_url)}"/>' for alt in self.alternates)
            return match[1] + links
        output = _SITEMAP_LOC.sub(url, output)
        return output.replace('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
                              f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="{XHTML}">', 1)

    def _root(self, alt: dict) -> str:
        return self.site_url + _folder(alt)


XHTML = "http://www.w3.org/1999/xhtml"
_SITEMAP_LOC = re.compile(r"(<loc>([^<]*)</loc>)")


def _lang(alt: dict) -> str:
    return str(alt.get("lang") or DEFAULT_LOCALE)


def _folder(alt: dict) -> str:
    """A language's folder under the site's root: "" for Vietnamese, "en/" for English."""
    return "" if _lang(alt) == DEFAULT_LOCALE else f"{_lang(alt)}/"


def _drop_head_link(output: str, placeholder: str) -> str:
    """``output`` without the theme's ``<link rel=alternate>`` to ``placeholder`` (the whole line)."""
    start = output.find(f'<link rel="alternate" href={placeholder}')
    if start < 0:
        return output
    end = output.index(">", start) + 1
    line_start = output.rfind("\n", 0, start) + 1
    if not output[line_start:start].strip() and output[end:end + 1] == "\n":
        start, end = line_start, end + 1
    return output[:start] + output[end:]


def alternate_url(page_url: str, language_root: str, same_page: bool = True) -> str:
    """The same page (or the root) in another language, relative to the page: ``language_root`` is that
    language's root relative to this one's (``en/`` from Vietnamese, ``../`` from English)."""
    depth = len([part for part in page_url.split("/") if part])
    target = posixpath.join("../" * depth or "./", language_root, page_url if same_page else "")
    return posixpath.normpath(target) + "/"


def fallback_pages(folder: Path, docs_dir: Path, present: set[str], lang: str,
                   excluded: Callable[[str], bool] = lambda uri: False) -> list[tuple[str, str]]:
    """(URI, Markdown) of the hand-written pages of ``folder`` (the Vietnamese docs) that this language's
    docs do not have: the Vietnamese text under a notice saying so. Pages this language's config leaves out
    of its site (``excluded``, MkDocs' ``exclude_docs``) are not made: they would be made at every build and
    published by none."""
    notice = locale(lang).t("common.fallback_notice")
    pages = []
    for path in sorted(folder.rglob("*.md")):
        uri = path.relative_to(folder).as_posix()
        if (uri in present or path.resolve().is_relative_to(docs_dir) or uri.startswith("overrides/")
                or excluded(uri)):
            continue
        front, text = _front_matter(path.read_text("utf-8"))
        text = root_downloads(text, uri, locale(lang))
        # The Vietnamese text is marked as Vietnamese (lang="vi"), as screen readers need to read it aloud; its
        # front matter (a bilingual page's description) stays the page's, above the notice.
        pages.append((uri, f'{front}!!! note "{notice}"\n\n<div lang="vi" markdown>\n\n{text}\n\n</div>\n'))
    return pages


_FRONT_MATTER = re.compile(r"\A(---\n.*?\n---\n)(.*)\Z", re.S)


def _front_matter(markdown: str) -> tuple[str, str]:
    """(front matter with its ``---`` lines, or "", the rest) of a hand-written page."""
    found = _FRONT_MATTER.match(markdown.replace("\r\n", "\n"))
    return (found[1], found[2]) if found else ("", markdown)


_MARKDOWN_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")


def root_downloads(markdown: str, uri: str, language: Locale) -> str:
    """Markdown links to downloads, which only the root has, as links there from a page of ``language``
    (raw HTML: MkDocs would look for the file among this language's own and warn)."""
    def link(match: re.Match) -> str:
        label, target = match[1], match[2]
        if "://" in target or not urls.shared(target.partition("#")[0]):
            return match[0]
        inner = re.sub(r"`([^`]+)`", r"<code>\1</code>", label)
        return f'<a href="{urls.language_link(language, uri, target)}">{inner}</a>'
    return _MARKDOWN_LINK.sub(link, markdown)
