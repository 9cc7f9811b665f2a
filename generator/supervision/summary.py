"""What became of the conclusions: the accountability summary as claims (``core/claims.py``).

"10 conclusions since 2024: 1 suspended (inferred), 9 with no public information; the conclusions of 6 other
sessions are not known yet." Every part is a count that knows unknown from zero, and the summary says which
sessions it cannot count, so the total is never read as complete when it is not.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from generator.core.claims import Count
from generator.core.locale import Locale
from generator.supervision.model import Item, News, Session, StatusTally, Supervision

RECOMMENDATIONS = ("recommendation",)
ALL_KINDS = ("recommendation", "issue")


@dataclass(frozen=True)
class Summary:
    """Counts over one kind of item (conclusions) or several (conclusions and issues).

    ``since`` is the year of the earliest session whose items are counted (a list of ``kinds`` known);
    ``sessions_unknown`` counts the sessions none of whose lists any source gives yet (their items cannot be
    counted, and the total says so), ``sessions_partial`` those of which one list is known and another is not
    (conclusions listed, issues not): their items are in the total, which is not all of theirs;
    ``with_due`` is how many items have a public deadline, the only ones that can be overdue."""

    total: Count
    by_status: tuple[StatusTally, ...]
    overdue: Count
    with_due: int
    inferred: Count
    since: int | None
    sessions_unknown: int
    kinds: tuple[str, ...]
    sessions_partial: int = 0

    @property
    def complete(self) -> bool:
        return self.sessions_unknown == 0 and self.sessions_partial == 0


def summarise(supervision: Supervision, kinds: tuple[str, ...] = RECOMMENDATIONS) -> Summary:
    """The summary of every item of ``kinds`` in the supervision model, as of its build date."""
    items = [item for item in supervision.items() if item.kind in kinds]
    held = [s for s in supervision.sessions if not s.ahead(supervision.build_date)]
    # A session counts from the year it was held when any of its lists is known: its items are in the total (a
    # session with its conclusions listed and its issues not made "16 since 2024" of items from 2022 on).
    counted = [s for s in held if _known_lists(s, kinds)]
    with_due = [item for item in items if item.due is not None]
    return Summary(
        total=Count(len(items), _noun(kinds)),
        by_status=supervision.tallies(items),
        overdue=Count(sum(1 for item in with_due if item.is_overdue(supervision.build_date)), _noun(kinds)),
        with_due=len(with_due),
        inferred=Count(sum(1 for item in items if item.inferred), _noun(kinds)),
        since=min((s.date.year for s in counted), default=None),
        sessions_unknown=sum(1 for s in held if not _known_lists(s, kinds)),
        kinds=kinds,
        sessions_partial=sum(1 for s in counted if _known_lists(s, kinds) < len(kinds)),
    )


def summary_digest(summary: Summary) -> str:
    """A digest of everything the summary says (its counts and statuses): a page that shows the summary of the
    whole list is made again when this changes (core/deps.py value keys)."""
    return hashlib.sha256(repr(summary).encode("utf-8")).hexdigest()[:16]


def _known_lists(session: Session, kinds: tuple[str, ...]) -> int:
    """How many of the session's lists of ``kinds`` are known (even an empty one)."""
    return sum(session.recommendations_known if kind == "recommendation" else session.issues_known for kind in kinds)


def _noun(kinds: tuple[str, ...]) -> str:
    return "count.recommendation" if kinds == RECOMMENDATIONS else "count.item"


def latest_news(item: Item, session: Session, today: date) -> News:
    """The latest public information on an item: its latest status entry that is not still ahead, else the
    session that raised it."""
    entries = [entry for entry in item.history if entry.date <= today]
    if not entries:
        return News(session.date, session.date_precision)
    latest = max(entries, key=lambda entry: entry.date)
    return News(latest.date, latest.date_precision)


def words(summary: Summary, locale: Locale) -> str:
    """The summary as a sentence in ``locale``'s language: the total and since when, each status with its
    count (and how many of them are inferred), then the sessions it could not count."""
    if summary.total.value == 0 and summary.sessions_unknown:
        return locale.plural(f"summary.none_known.{_kinds_key(summary)}", summary.sessions_unknown)
    total = locale.count(summary.total)
    head = locale.t("summary.total_since", total=total, year=summary.since) if summary.since else total
    parts = [_status_part(tally, locale) for tally in summary.by_status]
    sentence = locale.t("summary.sentence", head=head, parts=locale.names(parts)) if parts else head + "."
    if summary.sessions_unknown:
        sentence += " " + locale.plural(f"summary.sessions_unknown.{_kinds_key(summary)}", summary.sessions_unknown)
    if summary.sessions_partial:
        sentence += " " + locale.plural("summary.sessions_partial", summary.sessions_partial)
    return sentence


@dataclass(frozen=True)
class CardWords:
    """What a share card (and its page's description) says of a summary: the count ("not known" when no session's
    list is), since when, and, when some sessions' lists are not known or known only in part, for how many, as an
    agency's card says ("chưa biết danh sách của 6 phiên khác"). A card is read alone: "10 since 2024" with no
    word of the sessions not counted was taken for every conclusion since 2024."""

    count: str  # "15 kết luận, kiến nghị và vấn đề được nêu"
    caveat: str  # "chưa biết danh sách của 7 phiên khác", or "" when every session's lists are known
    headline: str  # all in one line, "10 kết luận, kiến nghị từ năm 2024; chưa biết danh sách của 6 phiên khác"
    detail: str  # what goes under the count, "từ năm 2024; chưa biết danh sách của 7 phiên khác" (the tracker)

    @property
    def qualified(self) -> str:
        """The count and the caveat, without since when (an older part of the tracker, dated by its sessions)."""
        return _joined(self.count, self.caveat)


def card_words(summary: Summary, locale: Locale) -> CardWords:
    known = summary.since is not None or not summary.sessions_unknown
    count = locale.count(summary.total if known else Count(None, summary.total.noun))
    caveat = _joined(*_caveats(summary, locale))
    since = locale.t("tracker.since", year=summary.since) if summary.since else ""
    head = locale.t("summary.total_since", total=count, year=summary.since) if summary.since else count
    return CardWords(count, caveat, _joined(head, caveat), _joined(since, caveat))


def _caveats(summary: Summary, locale: Locale) -> list[str]:
    """What a card adds of the sessions it could not count: those none of whose lists is known are *other*
    sessions, outside the count, older or newer than its "since 2024" ("chưa biết đầy đủ của 6 phiên" after "từ
    năm 2024" read as six sessions since 2024, when five of the city's were older). Those known in part are in
    the count, which is not all of theirs."""
    parts = []
    if summary.sessions_unknown:
        parts.append(locale.plural("summary.card_unknown", summary.sessions_unknown))
    if summary.sessions_partial:
        parts.append(locale.plural("summary.card_partial", summary.sessions_partial))
    return parts


def _joined(*parts: str) -> str:
    return "; ".join(part for part in parts if part)


def _status_part(tally: StatusTally, locale: Locale) -> str:
    n = tally.count.value or 0
    if tally.no_information:
        text = locale.plural("summary.no_information", n)
    else:
        text = locale.t("summary.status", n=locale.number(n), label=tally.status.label.get(locale.code).lower())
    if tally.all_inferred:
        return text + " " + locale.t("summary.all_inferred")
    if tally.inferred:
        return text + " " + locale.t("summary.some_inferred", n=locale.number(tally.inferred))
    return text


def _kinds_key(summary: Summary) -> str:
    return "recommendations" if summary.kinds == RECOMMENDATIONS else "items"

