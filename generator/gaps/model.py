"""What is not known yet, as data: each gap says what is missing, where the site shows it, which file (and
line) would hold the answer, and what kind of document would settle it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from generator.core.edit import Origin
from generator.core.text import Text

# The kinds of gap, in the order the page lists them: what became of conclusions first (what readers come
# for), then what the data cannot yet say about sessions, numbers and sources.
KINDS = ("follow_up", "inferred", "conclusions", "number", "address")
PART_ROWS = 1000  # gaps of one kind on one page: a national list (~20,000 conclusions) made one 8.4 MB page


@dataclass(frozen=True)
class Words:
    """A sentence still to be worded in the page's language: a UI string and its parameters (plain values, or
    ``Text`` from the data, which the page gives in its language or marks as Vietnamese)."""

    key: str
    params: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class Gap:
    """One thing not known. ``label`` names it (an id, an index and year); ``subject`` says what is missing and
    ``about`` is the item's own text or the session's topic; ``settle`` is the kind of document that would
    settle it, written by ``agencies`` when they would; ``source`` is the source whose address is missing;
    ``where`` is the page that shows the gap (a docs-root path, anchor included); ``origin`` the file and
    line a maintainer would edit."""

    kind: str
    label: str
    subject: Words
    settle: Words
    where: str
    origin: Origin | None = None
    about: Text = field(default_factory=Text)
    agencies: tuple[str, ...] = ()
    source: str = ""
    # the session's or the item's quality flags, shown beside its topic or text as on its page: a gap of a session
    # its own sources do not confirm ("inferred") was listed as one of a session known to have taken place, and
    # an issue whose addressee is only inferred as one addressed to it
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Gaps:
    gaps: tuple[Gap, ...] = ()

    def groups(self) -> list[tuple[str, list[Gap]]]:
        """The gaps by kind, in the page's order; kinds with none are left out."""
        return [(kind, found) for kind in KINDS if (found := [g for g in self.gaps if g.kind == kind])]

    def count(self, kind: str) -> int:
        return sum(1 for gap in self.gaps if gap.kind == kind)


@dataclass(frozen=True)
class GapPart:
    """One page of a long kind of gap: at most PART_ROWS of them, cut from the end of the list (the oldest
    sessions' conclusions), so that gaps added at its start change the first page only; numbered from the end
    too, so that a page's address stays."""

    kind: str
    number: int
    total: int
    uri: str
    gaps: tuple[Gap, ...]


def parts(kind: str, found: list[Gap], uri: Callable[[str, int], str]) -> list[GapPart]:
    """The pages of one kind, in the list's order; none when the kind fits on the overview page."""
    if len(found) <= PART_ROWS:
        return []
    chunks = [found[max(0, end - PART_ROWS):end] for end in range(len(found), 0, -PART_ROWS)]  # from the end
    total = len(chunks)
    return [GapPart(kind, number, total, uri(kind, number), tuple(chunk))
            for number, chunk in reversed(list(enumerate(chunks, start=1)))]
