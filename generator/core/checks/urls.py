"""Addresses taken from data that the site would publish as links: only ``http``, ``https`` and ``mailto``.

A ``javascript:`` or ``data:`` address in a source list or a licence is valid to Frictionless (it is a URI)
but runs code when a reader clicks it. Validation reports it at its line (``unsafe-url``); the pages show
such a value as text, never as a link (``link_target``), so that a missed check still publishes no script.
"""

from __future__ import annotations

import re

from generator.core.problems import Problem, problem
from generator.core.read.package import LoadedPackage
from generator.core.read.table import Table
from generator.core.text import shortened

ALLOWED_SCHEMES = ("http", "https", "mailto")
# Browsers drop tabs and line ends anywhere in an address and leading controls and spaces ("java\tscript:"
# is javascript:), so the scheme is read the way they read it.
_IGNORED = re.compile(r"[\t\n\r]")
_LEADING = "".join(chr(c) for c in range(0x21))  # C0 controls and the space, stripped in front
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
URL_FIELD = re.compile(r"^(url|.*_url|uri|homepage)$")


def scheme(value: str) -> str:
    """The scheme of an address as a browser reads it, lower-case; "" when it has none (a relative path)."""
    cleaned = _IGNORED.sub("", value).lstrip(_LEADING)
    match = _SCHEME.match(cleaned)
    return match[1].lower() if match else ""


def link_target(value: str) -> str:
    """``value`` when the site may publish it as a link (an absolute http, https or mailto address), else ""."""
    return value.strip() if scheme(value) in ALLOWED_SCHEMES else ""


def unsafe(value: object) -> bool:
    """An address with a scheme other than http, https and mailto (a path without one is not an address)."""
    return isinstance(value, str) and scheme(value) not in ("", *ALLOWED_SCHEMES)


def table_url_problems(table: Table) -> list[Problem]:
    """Every cell of an address column (``url``, ``*_url``, ``uri``, ``homepage``) with a scheme other than http,
    https and mailto. A cell without a scheme is no address: it is shown as text, so it is not reported."""
    columns = [name for name in table.header if URL_FIELD.match(name)]
    problems = []
    for row in table.rows if columns else ():
        for name in columns:
            value = row.get(name, "")
            if unsafe(value):
                problems.append(problem("unsafe-url", table.rel, row.line, None, name, value=shortened(value),
                                        allowed=", ".join(ALLOWED_SCHEMES)))
    return problems


def descriptor_url_problems(pkg: LoadedPackage) -> list[Problem]:
    """``path`` (or legacy ``url``) of the package's and each resource's licences and sources, which the
    package page links to: a relative path is fine (it names a file), any scheme but http, https and mailto
    is not."""
    root = pkg.descriptor
    places: list[tuple[tuple, object]] = [(("licenses",), root.get("licenses")), (("sources",), root.get("sources"))]
    resources = root.get("resources")
    for index, resource in enumerate(resources if isinstance(resources, list) else []):
        if isinstance(resource, dict):
            places += [(("resources", index, key), resource.get(key)) for key in ("licenses", "sources")]
    problems = []
    for key, items in places:
        for i, item in enumerate(items if isinstance(items, list) else []):
            for name in ("path", "url") if isinstance(item, dict) else ():
                if unsafe(item.get(name)):
                    line, column = pkg.at(*key, i, name)
                    problems.append(problem("unsafe-url", pkg.rel, line, column, name, value=shortened(item[name]),
                                            allowed=", ".join(ALLOWED_SCHEMES)))
    return problems


