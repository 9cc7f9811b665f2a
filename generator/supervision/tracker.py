"""The recommendation tracker as a tool: one list of rows (every conclusion and issue, newest session first)
with what its sorts need, and the summary bar above it.

The page works without JavaScript as a plain table in this order; ``tracker.js`` adds filters and sorts and
keeps them in the address, so a journalist can share a filtered view. A page that shows only part of the
rows (a national site's tracker split into pages) takes a slice of ``rows``: each row carries all it needs.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass

from generator.core import kept
from generator.supervision.model import Item, Session, Supervision
from generator.supervision.summary import ALL_KINDS, News, Summary, latest_news, summarise

# The sorts a reader can choose (``?sort=`` in the address); the first is the table's own order.
SORTS = ("newest", "oldest", "agency", "status", "age")


@dataclass(frozen=True)
class TrackerRow:
    """A conclusion or issue with its session, the date of the latest public information on it and how
    many days ago that was (the "age" a reader sorts by: what has gone longest without news)."""

    item: Item
    session: Session
    latest: News
    age: int  # days since ``latest``'s date (the first day of its month or year): what the table sorts by
    overdue: bool
    age_shown: tuple[int, str]  # how long ago, in the unit ``latest`` is precise to (``News.age``)


@dataclass(frozen=True)
class Tracker:
    summary: Summary
    rows: tuple[TrackerRow, ...]
    sorts: tuple[str, ...] = SORTS

    def rows_of(self, sessions: tuple[Session, ...] | list[Session]) -> tuple[TrackerRow, ...]:
        """The rows of ``sessions`` only (one page of a tracker split into pages), in the table's order."""
        wanted = {session.id for session in sessions}
        return tuple(row for row in self.rows if row.session.id in wanted)


def part_summary(supervision: Supervision, sessions: tuple[Session, ...]) -> Summary:
    """The summary of the items of ``sessions`` only: what an older page of a tracker split into pages shows.
    The whole list's counts are on its newest page, the tracker's own address; an older page that showed them
    too was made again, with MkDocs rendering its ~600 rows, whenever a session was added anywhere (issue 17:
    82 large pages at national scale for one new session)."""
    return summarise(dataclasses.replace(supervision, sessions=sessions), ALL_KINDS)


def kept_tracker(supervision: Supervision) -> Tracker:
    """``tracker``, which a serving process keeps while the very same session objects come back (it keeps each
    unchanged session file as read, core/kept.py) with the same statuses and build date: everything the tracker
    is made from. At national scale (2,000 sessions, 20,000 items) it took 0.25 s of every save, in each of the
    two processes that build its languages."""
    statuses = sorted((code, repr(status)) for code, status in supervision.statuses.items())
    about = hashlib.sha256(repr((supervision.build_date.isoformat(), statuses)).encode()).hexdigest()
    return kept.by_identity(f"supervision-tracker:{about}", supervision.sessions, lambda: tracker(supervision))


def tracker(supervision: Supervision) -> Tracker:
    today = supervision.build_date
    rows = []
    for session in supervision.sessions:
        for item in session.items:
            latest = latest_news(item, session, today)
            shown = latest.age(today)
            rows.append(TrackerRow(item, session, latest, max(0, (today - latest.date).days), item.is_overdue(today),
                                   (max(0, shown[0]), shown[1])))
    return Tracker(summarise(supervision, ALL_KINDS), tuple(rows))
