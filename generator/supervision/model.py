"""Supervision sessions, what was reported, the issues raised, recommendations and their status history.

Age and overdue are computed against the build date, an input, so the same data and date give the same site.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath

from generator.core.charts.spec import CardBar
from generator.core.checks.crossrefs import split_values
from generator.core.claims import Count, Unit, Value
from generator.core.edit import Origin
from generator.core.locale import Locale
from generator.core.text import Text, fold, slug
from generator.urls import session_uri

NO_INFORMATION = "chua_co_thong_tin"
CLOSED_STATUSES = frozenset({"da_thuc_hien", "khong_con_phu_hop", "dinh_hoan"})
# Each status's colour, as minhbach.css draws its badge (share cards draw their summary bars in them).
STATUS_COLOURS = {"chua_co_thong_tin": "#8C8C8C", "chua_thuc_hien": "#A40000", "dang_thuc_hien": "#0B5394",
                  "thuc_hien_mot_phan": "#56B4E9", "da_thuc_hien": "#1B6E3A", "dinh_hoan": "#8A4B00",
                  "khong_con_phu_hop": "#555555"}

# The session page's own anchors, which session.md.j2 gives its title and its sections whatever the language (the
# sections' ids made from their headings differed by language and changed with any rewording). An item's anchor
# may be none of them (records.py: reserved-name): a fact 'issues' took the table of contents' link to the issues.
SESSION_ANCHORS = ("top", "facts", "recommendations", "issues", "responses")

# A session's flags that leave its date unconfirmed by any source: no time is counted from it, and the home page
# does not name it the latest session.
UNCONFIRMED_DATE = frozenset({"inferred", "conflicting"})

# What a status code is written with (the loader refuses others: ``status-code``); it names a class of the page.
STATUS_CODE = re.compile(r"[a-z0-9_-]+")
_NOT_STATUS_CODE = re.compile(r"[^a-z0-9_-]+")


def status_class(code: str) -> str:
    """The class of a status's badge, ``mb-status-<code>`` (minhbach.css colours each): one token, whatever the
    code. A code with a blank ('dinh_hoan md-header') added the site's own classes to every badge; the loader
    refuses it (``status-code``), and a page cannot get one. The code's '_' stay, as the style sheet names them."""
    return "mb-status-" + (_NOT_STATUS_CODE.sub("-", fold(code)).strip("-") or "x")


@dataclass(frozen=True)
class StatusEntry:
    date: date
    date_precision: str
    status: str
    flags: tuple[str, ...]
    evidence: str
    note: Text
    planned: bool = False
    origin: Origin | None = None  # the entry in its session file: where a correction or evidence goes

    @property
    def css_class(self) -> str:
        return status_class(self.status)


@dataclass(frozen=True)
class Item:
    """A conclusion/recommendation (``kind='recommendation'``) or an issue raised (``kind='issue'``)."""

    kind: str
    local_id: str
    session_id: str
    addressees: tuple[str, ...]
    text: Text
    category: str
    due: date | None
    source: str
    flags: tuple[str, ...]
    raised_by: Text  # a person's name (the same in both languages) or who raised it, per language
    history: tuple[StatusEntry, ...]
    origin: Origin | None = None  # the item in its session file
    id_at: tuple[int | None, int | None] = (None, None)  # the line and column of its id there

    @property
    def id(self) -> str:
        return f"{self.session_id}-{self.local_id}"

    @property
    def anchor(self) -> str:
        return slug(self.local_id)

    @property
    def status_anchor(self) -> str:
        """Its latest status on the session page, which agency pages and inferred badges link to; no other
        item's anchor may be it (records.py)."""
        return f"{self.anchor}-status"

    @property
    def row_anchor(self) -> str:
        """Its row's id in the tracker: ``id | lower`` kept a blank of the id, which no valid id holds."""
        return slug(self.id)

    @property
    def current(self) -> StatusEntry | None:
        return self.history[-1] if self.history else None

    @property
    def status(self) -> str:
        return self.current.status if self.current else NO_INFORMATION

    @property
    def status_class(self) -> str:
        return status_class(self.status)

    @property
    def inferred(self) -> bool:
        return self.current is not None and "inferred" in self.current.flags

    @property
    def flagged_inferred(self) -> bool:
        """The item itself is flagged inferred (``flags: inferred``: its addressee judged from its subject, for
        example; docs/data-format.md), not only its status: a count of items by addressee says how many are."""
        return "inferred" in self.flags

    @property
    def status_origin(self) -> Origin | None:
        """Where the current status is written, or, with no status yet, the item where one would go."""
        return self.current.origin if self.current and self.current.origin else self.origin

    def is_overdue(self, today: date) -> bool:
        return self.due is not None and self.due < today and self.status not in CLOSED_STATUSES


@dataclass(frozen=True)
class Fact:
    local_id: str
    agency: str
    statement: Text
    value: str  # as the source states it: a number with its qualifier (">=12") or text ("9/9")
    unit: Text
    source: str
    flags: tuple[str, ...] = ()
    origin: Origin | None = None  # the fact in its session file

    @property
    def anchor(self) -> str:
        """Its row's id on the session page, which agency pages link to: an item's kind (folds case and
        diacritics; ``id | lower`` kept blanks, an id no link reaches, and could equal an item's anchor)."""
        return slug(self.local_id)

    @property
    def claim(self) -> Value | None:
        """The value as a claim when it is a number (">=12" is at least 12 workflows); None for text."""
        return Value.parse(self.value, Unit.of_label(self.unit), self.flags)


@dataclass(frozen=True)
class News:
    """A date as precisely as its source gives it: a day, a month or a year (``precision``; "12/2024" was shown as
    "01/12/2024 (730 days ago)"). The latest public information on an item, or a session's date."""

    date: date
    precision: str

    def age(self, today: date) -> tuple[int, str]:
        """How long ago, in the unit its precision allows: (days, "day"), (months, "month") or (years, "year")."""
        if self.precision == "year":
            return today.year - self.date.year, "year"
        if self.precision == "month":
            return (today.year - self.date.year) * 12 + today.month - self.date.month, "month"
        return (today - self.date).days, "day"


@dataclass(frozen=True)
class Member:
    name: Text  # a person's name (the same in both languages), or who it was when the source names nobody
    role: Text


@dataclass(frozen=True)
class Response:
    agency: str
    date: date
    text: Text
    source: str


@dataclass(frozen=True)
class Session:
    id: str
    path: str
    date: date
    date_precision: str
    date_note: Text
    body: Text
    form: str
    chair: str
    chair_role: Text
    members: tuple[Member, ...]
    agencies: tuple[str, ...]
    supervised_other: Text
    topic: Text
    programme_period: str
    legal_basis: tuple[str, ...]
    sources: tuple[str, ...]
    summary: Text
    flags: tuple[str, ...]
    facts: tuple[Fact, ...]
    issues: tuple[Item, ...]
    recommendations: tuple[Item, ...]
    responses: tuple[Response, ...]
    planned: bool = False
    # Whether the session file lists its conclusions and its issues at all: a list, even an empty one, is
    # known; no list means no source has told us yet (shown as "not known", never as 0).
    recommendations_known: bool = True
    issues_known: bool = True
    origin: Origin | None = None  # the session file

    @property
    def slug(self) -> str:
        return slug(self.id)

    @property
    def page_uri(self) -> str:
        return session_uri(self.slug)

    @property
    def items(self) -> tuple[Item, ...]:
        return self.recommendations + self.issues

    @property
    def recommendation_count(self) -> Count:
        return Count(len(self.recommendations) if self.recommendations_known else None, "count.recommendation")

    @property
    def issue_count(self) -> Count:
        return Count(len(self.issues) if self.issues_known else None, "count.issue")

    @property
    def date_confirmed(self) -> bool:
        """Whether a source confirms the session's date: not one inferred (a year worked out from context, or a
        day taken from a pre-session agenda that no source says was kept) nor one the sources disagree on."""
        return not UNCONFIRMED_DATE & set(self.flags)

    def elapsed(self, today: date) -> tuple[int, str] | None:
        """How long since the session, in the unit its date is known to (``News.age``: days, months or years;
        an approximate day counts in months); None while it is ahead, or when its date is not confirmed. "4.543
        days" counted from the 1st of a month known only as "07/2014", or from a day only inferred, stated a
        precision, or a session held on that day, that no source gives."""
        if self.ahead(today) or not self.date_confirmed:
            return None
        approximate = "approximate" in self.flags and self.date_precision == "day"
        return News(self.date, "month" if approximate else self.date_precision).age(today)

    def ahead(self, today: date) -> bool:
        """Whether the session is still to come on ``today``: planned, not held yet (its page says so)."""
        return self.date > today


@dataclass(frozen=True)
class Status:
    code: str
    label: Text
    description: Text
    order: int

    @property
    def css_class(self) -> str:
        return status_class(self.code)


@dataclass(frozen=True)
class StatusTally:
    """How many of some items are in one status, and how many of those the data only infers."""

    status: Status
    count: Count
    inferred: int

    @property
    def no_information(self) -> bool:
        return self.status.code == NO_INFORMATION

    @property
    def all_inferred(self) -> bool:
        return self.inferred > 0 and self.inferred == self.count.value


@dataclass(frozen=True)
class Supervision:
    sessions: tuple[Session, ...]
    statuses: dict[str, Status]
    forms: dict[str, Text]
    build_date: date
    package: str = ""  # the supervision package, whose downloads hold the derived tables
    categories: dict[str, Text] = dataclasses.field(default_factory=dict)  # category code -> label
    folder: str = ""  # the package's folder, written like a session's ``path`` (relative to the project when inside)

    def record_file(self, session: Session) -> str:
        """The session's file relative to its package: published, so the same wherever the data lives."""
        path = PurePosixPath(session.path)
        return path.relative_to(self.folder).as_posix() if path.is_relative_to(self.folder) else path.name

    def items(self) -> list[Item]:
        return [item for session in self.sessions for item in session.items]

    def item_sources(self, item: Item) -> tuple[str, ...]:
        """The sources an item rests on: its own, else its session's (what the session page cites for the items it
        lists without one of their own)."""
        own = split_values(item.source)
        session = self.session(item.session_id)
        return tuple(own) if own else session.sources if session else ()

    def for_agency(self, code: str) -> tuple[list[Session], list[Item]]:
        sessions, items = self._by_agency
        return sessions.get(code, []), items.get(code, [])

    @functools.cached_property
    def _by_agency(self) -> tuple[dict[str, list[Session]], dict[str, list[Item]]]:
        """Sessions and items by agency code, built once for all agency pages."""
        sessions: dict[str, list[Session]] = {}
        items: dict[str, list[Item]] = {}
        for session in self.sessions:
            for code in session.agencies:
                sessions.setdefault(code, []).append(session)
            for item in session.items:
                for code in item.addressees:
                    items.setdefault(code, []).append(item)
        return sessions, items

    def sessions_unknown_for(self, code: str) -> int:
        """How many sessions held so far that supervised the agency have a list of conclusions or of issues that
        no source gives yet: what was addressed to the agency cannot be counted whole (an agency questioned only
        at such a session was shown "0 conclusions" and "None")."""
        sessions, _ = self.for_agency(code)
        return sum(1 for s in sessions if not s.ahead(self.build_date)
                   and not (s.recommendations_known and s.issues_known))

    def sessions_held_for(self, code: str) -> int:
        """How many sessions held so far supervised the agency. None: what was addressed to it cannot be "0",
        only not in the data (not every session was found; a planned one has said nothing yet)."""
        sessions, _ = self.for_agency(code)
        return sum(1 for s in sessions if not s.ahead(self.build_date))

    def facts_for(self, code: str) -> list[tuple[Session, Fact]]:
        """What the agency itself reported at sessions, with the session: its own account beside the
        conclusions addressed to it (the 11/6/2024 session: its report on staffing next to K01)."""
        return self._facts_by_agency.get(code, [])

    @functools.cached_property
    def _facts_by_agency(self) -> dict[str, list[tuple[Session, Fact]]]:
        facts: dict[str, list[tuple[Session, Fact]]] = {}
        for session in self.sessions:
            for fact in session.facts:
                if fact.agency:
                    facts.setdefault(fact.agency, []).append((session, fact))
        return facts

    def session(self, session_id: str) -> Session | None:
        return self._sessions_by_id.get(session_id)

    @functools.cached_property
    def _sessions_by_id(self) -> dict[str, Session]:
        return {s.id: s for s in self.sessions}

    def tallies(self, items: list[Item] | tuple[Item, ...]) -> tuple[StatusTally, ...]:
        """One tally per status that ``items`` have: what is known first, in the statuses' order, and "no
        information" last, as what is still to be found out (a code the list lacks comes before it)."""
        found: dict[str, list[Item]] = {}
        for item in items:
            found.setdefault(item.status, []).append(item)
        order = {code: status.order for code, status in self.statuses.items()}
        tallies = []
        for code in sorted(found, key=lambda c: (c == NO_INFORMATION, order.get(c, len(order) + 1), c)):
            status = self.statuses.get(code) or Status(code, Text(code, code), Text(), len(order) + 1)
            tallies.append(StatusTally(status, Count(len(found[code]), "count.item"),
                                       sum(1 for item in found[code] if item.inferred)))
        return tuple(tallies)


# (record id, entry) -> (the published fields, as text, and where the entry is in the YAML file)
Located = dict[tuple[str, str], tuple[dict[str, str], tuple]]

# A fact's value that states a quantity: "9/9", ">=12", "~12", "-5", "95,06", "12%" (not "Nghị quyết 19-NQ/TW").
QUANTITY = re.compile(r"^\s*(~|>=|<=|>|<)?\s*[-+]?\d[\d.,]*(\s*/\s*\d[\d.,]*)?\s*%?\s*$")

# The entry of a record itself (a fact, recommendation or issue), by the list it is in: a status entry's is its date
RECORD_ENTRIES = {"facts": "fact", "recommendations": "recommendation", "issues": "issue"}
# What the site publishes of each, as session files write it (docs/data-format.md). ``value`` comes first: a
# fact's value, a status entry's status and flags. A person named under ``raised_by`` is the same in both
# languages, as the loader reads it (records._named), so it is published as both.
_ITEM_FIELDS = ("addressees", "text_vi", "text_en", "raised_by_vi", "raised_by_en", "category", "due", "flags",
                "source")
PUBLISHED_FIELDS = {
    "facts": ("value", "agency", "statement_vi", "statement_en", "unit_vi", "unit_en", "flags", "source"),
    "recommendations": _ITEM_FIELDS,
    "issues": _ITEM_FIELDS,
    "status_history": ("value", "evidence", "note_vi", "note_en"),
}
RECORD_FIELDS = tuple(dict.fromkeys(name for names in PUBLISHED_FIELDS.values() for name in names))


def published_values(session: object) -> Located:
    """What a session file (as read, plain values) publishes of its facts, recommendations and issues: each
    record's fields (PUBLISHED_FIELDS, those it has), and each status entry of a recommendation or issue (its
    status and flags as ``value``, its evidence and note), by its date. Keys are (record id, entry):
    ``("GS-...-F03", "fact")``, ``("GS-...-K02", "recommendation")``, ``("GS-...-K02", "2024-12-01")``. The
    change log compares them between releases as rows of a table (a record added, removed or changed);
    ``guarded`` says which of their changes need a correction note. Each comes with its place in the file, for a
    problem's line."""
    if not isinstance(session, dict) or not isinstance(session.get("id"), str):
        return {}
    found: Located = {}
    for kind, entry in RECORD_ENTRIES.items():
        for index, record in _mappings(session.get(kind)):
            if not isinstance(record.get("id"), str):
                continue
            record_id = f"{session['id']}-{record['id']}"
            found[(record_id, entry)] = (_published(record, kind), (kind, index))
            for number, status in _mappings(record.get("status_history")) if kind != "facts" else ():
                where = (kind, index, "status_history", number, "status")
                found[(record_id, _plain(status.get("date")))] = (_published(status, "status_history"), where)
    return found


def guarded(entry: str, before: dict[str, str]) -> bool:
    """Whether an entry's published ``value`` (``before``: its fields as published) must not change or disappear
    without a correction note: a fact's value that is a quantity (QUANTITY), and every status entry. A record's
    wording, addressees or source, or a fact's text value ("Nghị quyết 19-NQ/TW"), are updates."""
    if entry in RECORD_ENTRIES.values():
        return entry == "fact" and bool(QUANTITY.match(before.get("value", "")))
    return True


def _published(mapping: dict, kind: str) -> dict[str, str]:
    """The published fields of one record or status entry, as text; those it does not give are left out."""
    plain = {**mapping, "value": " ".join(_plain(mapping.get(k)) for k in ("status", "flags")).strip()} \
        if kind == "status_history" else mapping
    if kind in ("recommendations", "issues") and plain.get("raised_by_vi") is None:
        plain = {**plain, "raised_by_vi": plain.get("raised_by"), "raised_by_en": plain.get("raised_by")}
    cells = {name: _plain(plain.get(name)) for name in PUBLISHED_FIELDS[kind]}
    return {name: text for name, text in cells.items() if text}


def _plain(value: object) -> str:
    """A field as text: a list of codes as the derived tables write it ("SNV; STC"), nothing as ""."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_plain(v) for v in value)
    return str(value).strip()


def record_places(session: object) -> dict[str, tuple]:
    """Where each fact, recommendation and issue of a session file (plain values) starts, by its full id."""
    if not isinstance(session, dict) or not isinstance(session.get("id"), str):
        return {}
    return {f"{session['id']}-{item['id']}": (kind, index) for kind in ("facts", "recommendations", "issues")
            for index, item in _mappings(session.get(kind)) if isinstance(item.get("id"), str)}


def repeated_records(session: object) -> set[str]:
    """The full ids that a session file (plain values) gives to more than one fact, recommendation or issue."""
    if not isinstance(session, dict) or not isinstance(session.get("id"), str):
        return set()
    ids = Counter(f"{session['id']}-{item['id']}" for kind in ("facts", "recommendations", "issues")
                  for _, item in _mappings(session.get(kind)) if isinstance(item.get("id"), str))
    return {record for record, count in ids.items() if count > 1}


def _mappings(value: object) -> list[tuple[int, dict]]:
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)] if isinstance(value, list) else []


def session_date(session: Session, locale: Locale) -> str:
    """A session's date as a text names it, with its quality flags as its page shows them beside the date:
    "10/12/2025 (suy đoán)". A card or a feed entry that gave the date alone stated as held a session whose own
    sources do not confirm it."""
    when = locale.date(session.date, session.date_precision)
    flags = ", ".join(locale.t(f"common.flag.{flag}") for flag in session.flags)
    return f"{when} ({flags})" if flags else when


def session_age(session: Session, today: date, locale: Locale) -> str:
    """What a session's page says of the time since it, as its date allows: "1.590 ngày", "khoảng 6 năm" for a
    date known only to the year, that it is still to come, or that no source confirms its date (an inferred date,
    such as a day taken from a pre-session agenda, is not a day the session is known to have been held)."""
    if session.ahead(today):
        return locale.t("supervision.planned")
    elapsed = session.elapsed(today)
    if elapsed is None:
        return locale.t("supervision.age_unconfirmed")
    n, unit = elapsed
    if n == 0 and unit != "day":  # "khoảng 0 năm" for a session this year
        return locale.t(f"supervision.age.{unit}_now")
    return locale.plural(f"supervision.age.{unit}", n)


def status_bars(tallies: tuple[StatusTally, ...], locale: Locale) -> tuple[CardBar, ...]:
    """A share card's summary bar: each status's label (marked when inferred), count and colour."""
    bars = []
    for tally in tallies:
        label = tally.status.label.get(locale.code)
        if tally.inferred:
            label += " " + (locale.t("summary.all_inferred") if tally.all_inferred
                            else locale.t("summary.some_inferred", n=locale.number(tally.inferred)))
        bars.append(CardBar(label, tally.count.value or 0, STATUS_COLOURS.get(tally.status.code, "#8C8C8C")))
    return tuple(bars)
