"""Links between generated files: where a docs-root path is served and the relative URL from one page to
another. Links inside raw HTML are not rewritten by the engine, so we write the served URL ourselves."""

from __future__ import annotations


def served_url(uri: str) -> str:
    """Where a docs-root path is served with directory URLs: ``a/b.md`` -> ``a/b/``, ``a/index.md`` -> ``a/``;
    a generated HTML file ``a/index.html`` (an embed page) is served as ``a/`` too."""
    if uri.endswith("/index.html"):
        return uri[: -len("index.html")]
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
