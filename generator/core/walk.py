"""``os.walk`` without recursion.

Python 3.11's ``os.walk`` recurses once per folder level: a file about 1,000 folders deep in a pull request stopped
the build (its stamp of the inputs), the hidden-package check and ``serve``'s size check with a RecursionError, exit 2.
"""

from __future__ import annotations

import os
from collections.abc import Iterator


def walk(top: str | os.PathLike[str]) -> Iterator[tuple[str, list[str], list[str]]]:
    """What ``os.walk(top)`` yields, in its order (top down, links to folders not followed, unreadable folders left
    out): the caller may prune the folder names in place, as with ``os.walk``."""
    pending = [os.fspath(top)]
    while pending:
        folder = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        folders, files = [], []
        for entry in entries:
            try:
                is_folder = entry.is_dir()
            except OSError:
                is_folder = False
            (folders if is_folder else files).append(entry.name)
        yield folder, folders, files
        # os.walk follows a link to a folder into the list of names but does not walk it
        pending += reversed([os.path.join(folder, name) for name in folders
                             if not os.path.islink(os.path.join(folder, name))])
