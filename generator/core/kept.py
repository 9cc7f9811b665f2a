"""What a long-lived process (``minhbach serve``) keeps in memory from one build to the next.

At national scale a save in the preview re-read and re-checked a million rows that had not changed, parsed two
thousand session files again and rebuilt every index's observations (issue 17: 25 s of a 75 s rebuild). The
disk cache (``core/cache.py``) keeps verdicts, pages and charts across processes; this keeps the objects a
build is made of, in one process, between its builds. It is off unless a process asks for it (``keep``):
``minhbach build`` runs one build and would only hold memory longer.

Two ways to find a value again, both exact:

- ``by_content(namespace, key_of, make)``: ``key_of()`` names everything the value is made from (file digests,
  the options that matter); it is called only in a process that keeps values (a digest reads its file). The
  process's own code is not part of it: code cannot change under a running process.
- ``by_identity(namespace, sources, make)``: the value is made from ``sources`` alone (read-only objects, such
  as a table kept by content); it is found again while the very same objects are given. The entry holds the
  sources, so no other object can take their place in memory.

After each build (``next_build``) only the values that build used are kept: an edited file's old rows are let
go, and memory never holds more than two builds' worth.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")


class Kept:
    """The values of the current build, and those of the previous one that it may take again."""

    def __init__(self) -> None:
        self._previous: dict[tuple[str, Hashable], tuple[tuple[object, ...], object]] = {}
        self._current: dict[tuple[str, Hashable], tuple[tuple[object, ...], object]] = {}
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def by_content(self, namespace: str, key: Hashable, make: Callable[[], T],
                   keep_if: Callable[[T], bool] | None = None) -> T:
        """The value made from what ``key`` names: the one kept when there is one, else ``make()`` (kept unless
        ``keep_if`` says otherwise: a value that could not be read is looked for again next time)."""
        return self._get((namespace, key), (), make, keep_if)

    def by_identity(self, namespace: str, sources: tuple[object, ...], make: Callable[[], T]) -> T:
        """The value made from ``sources`` alone: kept while the same objects are given again."""
        return self._get((namespace, tuple(id(source) for source in sources)), sources, make)

    def _get(self, key: tuple[str, Hashable], sources: tuple[object, ...], make: Callable[[], T],
             keep_if: Callable[[T], bool] | None = None) -> T:
        with self._lock:
            entry = self._current.get(key) or self._previous.get(key)
            if entry is not None and all(a is b for a, b in zip(entry[0], sources, strict=True)):
                self._current[key] = entry
                self.hits += 1
                return entry[1]  # type: ignore[return-value]
        value = make()
        keep = keep_if is None or keep_if(value)  # outside the lock: it may digest files again
        with self._lock:
            if keep:
                self._current[key] = (sources, value)
            self.misses += 1
        return value

    def next_build(self) -> None:
        """A build is over: what it did not use is let go. A build that asked for nothing (the site was up to
        date) lets nothing go."""
        with self._lock:
            if self.hits or self.misses:
                self._previous, self._current = self._current, {}
            self.hits = self.misses = 0


_KEPT: Kept | None = None


def keep() -> Kept:
    """Keep values between the builds of this process from now on (``serve``); the store."""
    global _KEPT
    if _KEPT is None:
        _KEPT = Kept()
    return _KEPT


def keeping() -> bool:
    """Whether this process keeps values between its builds (``serve``)."""
    return _KEPT is not None


def stop_keeping() -> None:
    """Keep nothing any more (tests that start several previews in one process)."""
    global _KEPT
    _KEPT = None


def by_content(namespace: str, key_of: Callable[[], Hashable], make: Callable[[], T],
               keep_if: Callable[[T], bool] | None = None) -> T:
    """``Kept.by_content`` with the key ``key_of()`` in a process that keeps values; ``make()`` otherwise, without
    computing the key (``minhbach build`` would only read every session file once more to digest it).

    A value made is kept only if its key is still ``key_of()`` once it is made: a file saved while it was read
    (the editor's save that started this very build, say) would otherwise leave the new bytes' value under the
    old bytes' key, and a save back to the old bytes would then be given it. (A file's digest is remembered by its
    size and modification time, core/cache.py: asking again costs a stat.)"""
    if _KEPT is None:
        return make()
    key = key_of()
    return _KEPT.by_content(namespace, key, make,
                            lambda value: (keep_if is None or keep_if(value)) and key_of() == key)


def by_identity(namespace: str, sources: tuple[object, ...], make: Callable[[], T]) -> T:
    """``Kept.by_identity`` in a process that keeps values; ``make()`` otherwise."""
    return make() if _KEPT is None else _KEPT.by_identity(namespace, sources, make)
