"""The files a glob pattern written in the data reads (a package's ``x-minhbach.records``: its session files, and
the record files a change is checked in): those ``Path.glob`` (Python 3.11) yields, inside the package, found with
each folder visited once per part of the pattern.

``Path.glob`` walks the folders below a ``**`` anew from every folder the parts before it reached: with eight ``**``
and one folder 25 deep, validate and build ran for minutes (3 took 0.06 s, 5 took 3 s, 7 took 77 s), for the same
files each time. It also recurses once per folder level, so that a folder 1,000 deep stopped it with a
RecursionError (exit 2). Here each (folder, part) pair is visited once, from a list: the work grows with the folders
times the parts of the pattern, and every pattern reads what it read before."""

from __future__ import annotations

import fnmatch
import os
import re
from pathlib import Path, PurePosixPath

from generator.core.read.files import is_descriptor, resolve_inside

_WILDCARD = re.compile(r"[*?\[]")


def usable_pattern(pattern: str) -> bool:
    """Whether ``pattern`` is a pattern of files inside a package folder: relative, without '..'."""
    return (bool(pattern.strip()) and not pattern.startswith(("/", "\\")) and re.match(r"^[A-Za-z]:", pattern) is None
            and ".." not in PurePosixPath(pattern.replace("\\", "/")).parts)


def record_files(folder: Path, pattern: str) -> list[Path]:
    """Files matching ``pattern`` inside ``folder``, never a package descriptor; anything that resolves outside it
    is left out, and a pattern that is none inside it (``usable_pattern``) matches nothing. Whether a folder
    holding them resolves inside is asked once per folder, and a file's own path is resolved only when the file is
    a link: resolving 2,000 session files one by one took 0.15 s of every national save."""
    if not usable_pattern(pattern):
        return []
    inside: dict[Path, bool] = {}

    def within(path: Path) -> bool:
        if path.parent not in inside:
            where = path.parent.relative_to(folder).as_posix()
            inside[path.parent] = where == "." or resolve_inside(folder, where) is not None
        return inside[path.parent] and (not path.is_symlink()
                                        or resolve_inside(folder, path.relative_to(folder).as_posix()) is not None)
    try:
        return [p for p in glob_paths(folder, pattern) if p.is_file() and not is_descriptor(p) and within(p)]
    except (ValueError, OSError):  # a pattern pathlib refuses ("a/**b"), a name no system call takes
        return []


def glob_paths(folder: Path, pattern: str) -> list[Path]:
    """What ``folder.glob(pattern)`` yields (files and folders), sorted. As there: a ``**`` part matches the folder
    it starts from and every folder below it, but not a folder reached through a link; a ``*`` part matches a hidden
    name too; a pattern ending in '/' matches folders only. Raises ValueError where it does (an empty pattern,
    ``a/**b``), and the OSError it would (a permission refused leaves that folder out)."""
    if not pattern:
        raise ValueError(f"Unacceptable pattern: {pattern!r}")
    parts = [*PurePosixPath(pattern).parts, *([""] if pattern.endswith("/") else [])]
    if any("**" in part and part != "**" for part in parts):
        raise ValueError("Invalid pattern: '**' can only be an entire path component")
    if not folder.is_dir():
        return []
    found: set[Path] = set()
    seen: set[tuple[Path, int]] = set()
    todo = [(folder, 0)]
    while todo:
        here, index = todo.pop()
        if (here, index) in seen:
            continue
        seen.add((here, index))
        if index == len(parts) or parts[index] == "":
            found.add(here)
            continue
        todo += _next(here, parts[index], index, last=index == len(parts) - 1)
    return sorted(found)


def _next(here: Path, part: str, index: int, last: bool) -> list[tuple[Path, int]]:
    """The (path, index of the part it is to match next) pairs that ``part`` leads to from folder ``here``; below
    the last part, only folders lead on."""
    if part == "**":
        return [(here, index + 1)] + [(Path(entry.path), index) for entry in _entries(here)
                                      if _is_dir(entry, follow_links=False)]
    if _WILDCARD.search(part):
        match = re.compile(fnmatch.translate(part)).fullmatch
        return [(Path(entry.path), index + 1) for entry in _entries(here)
                if match(entry.name) and (last or _is_dir(entry, follow_links=True))]
    child = here / part
    return [(child, index + 1)] if (child.exists() if last else child.is_dir()) else []


def _entries(folder: Path) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except PermissionError:
        return []


def _is_dir(entry: os.DirEntry, follow_links: bool) -> bool:
    try:
        return entry.is_dir(follow_symlinks=follow_links)
    except OSError:
        return False


def matches(path: str, pattern: str) -> bool:
    """Whether the relative ``path`` (with '/') is one ``glob_paths`` would find for ``pattern``, as far as names
    tell: each part matched by its own part of the pattern, ``*`` not crossing a '/', a ``**`` part standing for
    any number of folders. The change log asked ``fnmatch``, whose ``*`` crosses '/': with ``sessions/*.yaml`` it
    counted ``sessions/cu/x.yaml`` as a session file that the site never read. The parts reached are kept as a
    set, one step a name: with many ``**`` the work still grows with the names times the parts."""
    parts = [part for part in PurePosixPath(pattern).parts if part != "."]
    if not parts or any("**" in part and part != "**" for part in parts):
        return False
    reached = _past_globstars({0}, parts)
    for name in path.split("/"):
        step = set()
        for at in reached:
            if at < len(parts):
                if parts[at] == "**":
                    step.add(at)  # a folder below it
                elif fnmatch.fnmatchcase(name, parts[at]):
                    step.add(at + 1)
        reached = _past_globstars(step, parts)
    return len(parts) in reached


def _past_globstars(reached: set[int], parts: list[str]) -> set[int]:
    """``reached`` and the parts after each ``**`` in it, which may stand for no folder at all."""
    found, todo = set(reached), list(reached)
    while todo:
        at = todo.pop()
        if at < len(parts) and parts[at] == "**" and at + 1 not in found:
            found.add(at + 1)
            todo.append(at + 1)
    return found
