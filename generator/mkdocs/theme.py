"""The theme's fixed costs, paid once instead of at every build: compiling its Jinja templates and listing its
files (the theme ships thousands of icons, walked and matched against patterns at every build). At city scale
these were most of a rebuild's MkDocs stage (issue 17).

Both are kept in the one cache (``core/cache.py``): compiled templates as the pages' are (``CompiledTemplates``
in core/render/jinja.py: under the checksum of their source, the Python and Jinja versions and the
environment's options); the list of the theme's static files under the theme's folders and versions, and the
files of the project's own overrides.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import jinja2

from generator.core.cache import Cache, tool_versions

THEME = "theme"  # cache namespace: the theme's static files


def _versions() -> list[str]:
    return [sys.version, jinja2.__version__, tool_versions("mkdocs", "mkdocs-material")]


def remembered_listing(environment: jinja2.Environment, dirs: list[str], project: Path, cache: Cache,
                       static_templates: list[str]) -> None:
    """Make ``environment.list_templates`` answer from the cache when the theme's folders (by version) and
    the project's own overrides (by their files) are those it listed before."""
    listing = environment.list_templates
    inside = [d for d in dirs if Path(d).resolve().is_relative_to(project.resolve())]
    overrides = sorted(str(Path(root, name)) for d in inside for root, _, names in os.walk(d) for name in names)

    def list_templates(extensions: object = None, filter_func: Callable[[str], bool] | None = None) -> list[str]:
        if extensions is not None:
            return listing(extensions, filter_func)
        key = Cache.key(THEME, [_versions(), dirs, overrides, sorted(static_templates)], "")
        found = cache.get_json(THEME, key)
        if not isinstance(found, list):
            found = listing(filter_func=filter_func)
            cache.put_json(THEME, key, found)
        return list(found)

    environment.list_templates = list_templates
