"""Addresses made from data, each held by one thing: the rule and its two problems, in one place.

The site gives many things an address derived from their names or codes: a package's page and downloads, a
resource's files and automatic chart, an agency's or an index's page, a session's page and its items' anchors,
an index's or an indicator's charts. An address folds case and diacritics and turns anything but letters and
digits into '-', so two different things can be given one, and the one made last would silently replace the
other (or the build would stop with exit 2). Each check claims the addresses of its things in an ``AddressBook``
in the order it reads them: the first holder keeps an address, a later one is an ``address-clash`` at its own
place naming the first. An address that is one of the site's own is a ``reserved-name`` (``reserved``).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass

from generator.core.problems import Problem, problem


@dataclass(frozen=True)
class Holder:
    """A name or code from the data that an address is made of, and where it is written.

    ``kind`` says what it names (a table's codes, say): a holder of the same ``value`` and ``kind`` is the same
    thing written twice, a duplicate that the check of names or keys reports, not a clash. ``place`` is how a
    problem names where the holder is when its file and line do not (``recommendations #1`` in one session)."""

    value: str
    path: str
    line: int | None = None
    column: int | None = None
    field: str | None = "name"
    kind: Hashable = ()
    place: str = ""

    @property
    def where(self) -> str:
        """Where a later holder's problem says the first is: its file and line."""
        return self.place or (f"{self.path}:{self.line}" if self.line else self.path)

    def same_as(self, other: Holder) -> bool:
        return (self.value, self.kind) == (other.value, other.kind)


class AddressBook:
    """Who holds each address first, in the order the addresses are claimed."""

    def __init__(self) -> None:
        self._first: dict[str, Holder] = {}

    def claim(self, address: str, holder: Holder) -> Problem | None:
        """``address`` for ``holder``: None when it is free (it is the holder's from now on) or already the
        same thing's; an ``address-clash`` at ``holder`` naming the first holder otherwise."""
        first = self._first.setdefault(address, holder)
        if first is holder or first.same_as(holder):
            return None
        return clash(holder, first, address)

    def first(self, address: str) -> Holder | None:
        return self._first.get(address)

    def __iter__(self) -> Iterator[tuple[str, Holder]]:
        return iter(self._first.items())


def clash(holder: Holder, first: Holder, address: str) -> Problem:
    """``holder`` would get ``address``, which ``first`` has."""
    return problem("address-clash", holder.path, holder.line, holder.column, holder.field, value=holder.value,
                   first=first.value, other=first.where, address=address)


def reserved(holder: Holder, address: str) -> Problem:
    """``holder`` would take ``address``, one of the site's own pages or files."""
    return problem("reserved-name", holder.path, holder.line, holder.column, holder.field, value=holder.value,
                   address=address)


def numbered(anchors: Iterable[str], taken: Iterable[str] = ()) -> list[str]:
    """Each anchor as it is the first time it comes, and with ``-<n>`` the n-th time, in order: anchors of things
    that history or a table's key keeps apart but their slugs do not. An anchor already given never moves as
    more come after it. Each is claimed in an ``AddressBook`` after the page's own ``taken`` ones, and a
    numbered one that another holds already takes the next number: "x", "x", "x-2" are "x", "x-2" and "x-2-2",
    not "x-2" twice (two elements of one id, and a link that opens the first)."""
    book = AddressBook()
    for address in taken:
        book.claim(address, Holder(address, "", kind="taken"))
    found = []
    for anchor in anchors:
        count, address = 1, anchor
        while book.first(address) is not None:
            count += 1
            address = f"{anchor}-{count}"
        book.claim(address, Holder(anchor, "", kind=("numbered", len(found))))
        found.append(address)
    return found
