"""From reader to pull request: where a published value comes from in the data (its file and line), and the
repository page where anyone can propose a change to that file.

The repository is the one MkDocs knows (``repo_url`` and ``edit_uri`` in ``mkdocs.yml``). MkDocs' ``edit_uri``
leads to the docs folder (``edit/main/docs/``); the data lives beside it, so the base for any file of the
project is ``edit_uri`` without its docs folder (``edit/main/``). Without a repository there is no link: a
link that leads nowhere would be worse than none.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

# What MkDocs assumes when repo_url is set and edit_uri is not (mkdocs/config/config_options.py, EditURI).
_DEFAULT_EDIT_URI = {"github.com": "edit/master/docs/", "gitlab.com": "edit/master/docs/",
                     "bitbucket.org": "src/default/docs/"}


@dataclass(frozen=True)
class Origin:
    """Where a value is written: a file of the data (absolute path) and, when known, the line."""

    path: Path
    line: int | None = None


def edit_base(repo_url: str, edit_uri: str | None, docs_dir: str = "docs") -> str:
    """The address under which a file of the project is edited, by its path from the repository's root
    (``https://github.com/o/r/edit/main/``); "" when no repository is configured, when ``edit_uri`` is empty
    (MkDocs' way of turning edit links off) or when it does not end with the docs folder. ``docs_dir`` is
    relative to the project folder."""
    repo_url = (repo_url or "").strip()
    if not repo_url or urlsplit(repo_url).scheme not in ("http", "https"):
        return ""
    if edit_uri is None:
        edit_uri = _DEFAULT_EDIT_URI.get(urlsplit(repo_url).netloc.lower(), "")
    edit_uri = edit_uri.strip().rstrip("/")
    # The docs folder, or a folder above it: an English config inherits the edit_uri of the Vietnamese docs
    # ("edit/main/docs/") while its own docs are "docs/en".
    parts = [part for part in docs_dir.strip("/").split("/") if part]
    for end in range(len(parts), 0, -1):
        docs = "/".join(parts[:end])
        if edit_uri == docs or edit_uri.endswith("/" + docs):
            return urljoin(repo_url.rstrip("/") + "/", edit_uri[: -len(docs)])
    return ""


@cache
def repository_root(folder: Path) -> Path | None:
    """The nearest folder at or above ``folder`` that is a git checkout (holds ``.git``, a folder or, in a
    worktree, a file); None when there is none."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def edit_link(base: str, origin: Origin | None, fallback_root: Path) -> str:
    """The edit page of ``origin``'s file, at its line (``#L160``), or "" when there is no repository or the
    file is not inside it. Paths are taken from the repository's root (or ``fallback_root`` outside git)."""
    if not base or origin is None:
        return ""
    path = origin.path.resolve()
    root = repository_root(path.parent) or fallback_root.resolve()
    try:
        relative = path.relative_to(root).as_posix()
    except ValueError:
        return ""
    return base + quote(relative) + (f"#L{origin.line}" if origin.line else "")
