"""Where the site lives, for the places that need a full address: citations, JSON-LD, data.json, the feed.

Pages link to each other relatively (see core.render.links), which works on any host. A citation or a catalogue
harvester needs the full address, and only the site's owner knows it: MkDocs' ``site_url``. It comes from
``Settings.site_url`` when the caller set it, otherwise from the ``site_url`` key of the ``mkdocs.yml`` in
``Settings.root`` (the folder both ``minhbach build`` and the MkDocs plugin treat as the project's). Without
it, addresses are given relative to the site's root and the page says so.
"""

from __future__ import annotations

import yaml

from generator.core import i18n
from generator.core.render.links import served_url
from generator.core.settings import Settings


def site_url(settings: Settings) -> str:
    """The site's address with a trailing slash, or "" when it is not configured."""
    url = (settings.site_url or _from_mkdocs_config(settings)).strip()
    return url if not url or url.endswith("/") else url + "/"


def _from_mkdocs_config(settings: Settings) -> str:
    path = settings.root / "mkdocs.yml"
    if not path.is_file():
        return ""
    try:
        # Composed, not loaded: MkDocs configs use tags (!ENV, !relative) that a plain loader rejects.
        node = yaml.compose(path.read_text("utf-8"), Loader=yaml.BaseLoader)
    except (yaml.YAMLError, OSError, UnicodeDecodeError):
        return ""
    if not isinstance(node, yaml.MappingNode):
        return ""
    for key, value in node.value:
        if getattr(key, "value", None) == "site_url" and isinstance(value, yaml.ScalarNode):
            return str(value.value)
    return ""


def language_root(lang: str) -> str:
    """The language's folder under the site root: "" for Vietnamese, "en/" for English."""
    return "" if lang == i18n.DEFAULT_LOCALE else f"{lang}/"


def page_url(site: str, lang: str, uri: str) -> str:
    """A page's address: absolute when the site's address is known, else relative to the site's root."""
    return site + language_root(lang) + served_url(uri)


def download_url(site: str, uri: str) -> str:
    """A download's address, absolute or relative to the site's root. Both languages point at the
    Vietnamese root's copy, the stable URL the docs promise (the English build serves identical bytes
    under en/, which relative links inside the English site use)."""
    return site + uri
