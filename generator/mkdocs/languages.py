"""One site per language (``mkdocs.yml`` for Vietnamese at ``/``, ``mkdocs.en.yml`` for English at ``/en/``):
the language switcher leads to the same page in the other language, and the English build fills in any
hand-written page that has no English version with the Vietnamese text under a visible notice."""

from __future__ import annotations

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

    The ``<link rel=alternate hreflang>`` tags in the head are written only when the site's address is
    known, as each language's absolute root: search engines read only absolute hreflang links, and the
    theme's script, which fetches ``sitemap.xml`` beside every such link, finds the same page in the other
    language only in a sitemap that lists the site's URLs (MkDocs writes an empty one without ``site_url``).
    With those links and an empty sitemap, the script sent a reader who switched language to the other
    language's home page."""

    def __init__(self, alternates: list[dict], site_url: str = ""):
        self.alternates, self.site_url = alternates, site_url

    @classmethod
    def install(cls, config: MkDocsConfig, site_root: str) -> Switcher:
        """The switcher of ``config``, whose ``extra.alternate`` links are replaced by placeholders;
        ``site_root`` is the address of the whole site (the Vietnamese root), or ""."""
        switcher = cls([dict(alt) for alt in (config.extra.get("alternate") or [])], site_root)
        if switcher.alternates:
            config.extra["alternate"] = [
                {**alt, "link": f"/{PLACEHOLDER}{i}/"} for i, alt in enumerate(switcher.alternates)]
        return switcher

    def page(self, output: str, page_url: str) -> str:
        for i, alt in enumerate(self.alternates):
            placeholder = f'"/{PLACEHOLDER}{i}/"'
            output = self._head_link(output, placeholder, alt)
            output = output.replace(placeholder, f'"{alternate_url(page_url, alt["link"])}"')
        return output

    def _head_link(self, output: str, placeholder: str, alt: dict) -> str:
        start = output.find(f'<link rel="alternate" href={placeholder}')
        if start < 0:
            return output
        end = output.index(">", start) + 1
        if not self.site_url:  # the whole line goes
            line_start = output.rfind("\n", 0, start) + 1
            if not output[line_start:start].strip() and output[end:end + 1] == "\n":
                start, end = line_start, end + 1
            return output[:start] + output[end:]
        lang = str(alt.get("lang") or DEFAULT_LOCALE)
        root = self.site_url + ("" if lang == DEFAULT_LOCALE else f"{lang}/")
        return output[:start] + f'<link rel="alternate" href="{root}" hreflang="{lang}">' + output[end:]

    def template(self, output: str) -> str:
        """Theme pages such as 404.html use site-absolute links (MkDocs serves them from any path), so their
        switcher points at each language's root: Vietnamese at ``/``, another language at ``/<lang>/``."""
        for i, alt in enumerate(self.alternates):
            root = "/" if alt.get("lang") == DEFAULT_LOCALE else f"/{alt.get('lang')}/"
            output = output.replace(f'"/{PLACEHOLDER}{i}/"', f'"{root}"')
        return output


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
        text = root_downloads(path.read_text("utf-8"), uri, locale(lang))
        # The Vietnamese text is marked as Vietnamese (lang="vi"), as screen readers need to read it aloud.
        pages.append((uri, f'!!! note "{notice}"\n\n<div lang="vi" markdown>\n\n{text}\n\n</div>\n'))
    return pages


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
