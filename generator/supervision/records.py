"""Read supervision session files (one YAML file per session) into the typed model, checking the rules:
codes exist, dates make sense, a status change has evidence or a note, ids are unique."""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

from generator import urls
from generator.core import kept
from generator.core.addresses import AddressBook, Holder, reserved
from generator.core.cache import Cache, code_digest, file_digest
from generator.core.checks.codes import invisible_in_codes
from generator.core.checks.crossrefs import closest, listed
from generator.core.checks.formulas import formula_like_in_tree
from generator.core.checks.marks import marks_in_tree
from generator.core.claims import non_finite
from generator.core.edit import Origin
from generator.core.problems import Problem, problem
from generator.core.read.files import is_descriptor
from generator.core.read.limits import MAX_TEXT_CHARS
from generator.core.read.package import LoadedPackage, load_record, resource_paths
from generator.core.read.patterns import record_files, usable_pattern
from generator.core.read.tree import Tree
from generator.core.read.typed import Fields
from generator.core.render.links import served_url
from generator.core.settings import Settings
from generator.core.text import Text, shortened
from generator.core.walk import walk
from generator.supervision.model import SESSION_ANCHORS, Fact, Item, Member, Response, Session, StatusEntry

PRECISIONS = ("day", "month", "year")
SESSION_KEYS = frozenset({
    "id", "date", "date_precision", "date_note_vi", "date_note_en", "planned", "body_vi", "body_en", "form", "chair",
    "chair_role_vi", "chair_role_en", "members", "agencies", "supervised_other_vi", "supervised_other_en",
    "topic_vi", "topic_en", "programme_period", "legal_basis", "sources", "summary_vi", "summary_en", "flags",
    "facts", "issues", "recommendations", "responses",
})
MEMBER_KEYS = frozenset({"name", "name_vi", "name_en", "role_vi", "role_en"})
FACT_KEYS = frozenset({"id", "agency", "statement_vi", "statement_en", "value", "unit_vi", "unit_en", "source",
                       "flags"})
ITEM_KEYS = frozenset({"id", "addressees", "text_vi", "text_en", "category", "due", "source", "flags",
                       "raised_by", "raised_by_vi", "raised_by_en", "status_history"})
STATUS_KEYS = frozenset({"date", "date_precision", "status", "flags", "evidence", "note_vi", "note_en", "planned"})
RESPONSE_KEYS = frozenset({"agency", "date", "text_vi", "text_en", "source"})
# The keys whose values are ids or codes (the file's own, or a code list's): only characters that show
# (core/checks/codes.py).
CODE_KEYS = frozenset({"id", "form", "agencies", "sources", "legal_basis", "agency", "source", "addressees",
                       "category", "status", "evidence"})


@dataclass(frozen=True)
class CodeLists:
    """The codes a session may use, each with the place it comes from (for the hint)."""

    agencies: frozenset[str]
    sources: frozenset[str]
    documents: frozenset[str]
    statuses: frozenset[str]
    forms: frozenset[str]
    categories: frozenset[str] = frozenset()  # empty: the package has no category list, any text goes
    # The lists (by name: "agencies", "statuses"...) whose table could not be read: their codes are not checked,
    # and load.py says so once, where the sessions are named (a false unknown-reference at each use was the rest)
    unread: frozenset[str] = frozenset()
    # (list name, label, code) of the lists whose table labels its codes (label_vi, label_en): a code written as
    # its label ("done", "Đã thực hiện") is told the code ("da_thuc_hien"), which no spelling of it is close to
    labels: frozenset[tuple[str, str, str]] = frozenset()

    def of(self, name: str) -> frozenset[str]:
        """The codes of the list ``name`` (one of ``TARGETS``)."""
        return getattr(self, name)

    def labelled(self, name: str, value: str) -> str:
        """The code of the list ``name`` whose label is most like ``value`` (in any case), or ""."""
        codes = {label.casefold(): code for list_name, label, code in sorted(self.labels) if list_name == name}
        close = difflib.get_close_matches(value.casefold(), sorted(codes), n=1, cutoff=0.6)
        return codes[close[0]] if close else ""

    def digest(self) -> str:
        """What a session file's cached reading depends on in the code lists (its problems name unknown codes
        and the closest known ones)."""
        lists = [sorted(self.of(name)) for name in TARGETS] + [sorted(self.unread), sorted(self.labels)]
        return hashlib.sha256(json.dumps(lists, ensure_ascii=False).encode("utf-8")).hexdigest()


# Each code list of ``CodeLists`` and where a session's hint says its codes are.
TARGETS = {"agencies": "co-quan/agencies.agency_code", "sources": "nguon/sources.source_id",
           "documents": "van-ban/legal_documents.doc_number", "statuses": "giam-sat/statuses.code",
           "forms": "giam-sat/forms.code", "categories": "giam-sat/categories.code"}


def _raised_by(f: Fields) -> Text:
    """``raised_by`` is a name, the same in both languages; ``raised_by_vi``/``raised_by_en`` say who in words
    ("Thành viên Đoàn giám sát" / "Members of the supervision delegation")."""
    return _named(f, "raised_by", required=False)


def _named(f: Fields, key: str, required: bool = True) -> Text:
    """A person's name under ``key`` (the same in both languages), or, when the source names nobody, who it
    was in words under ``key_vi``/``key_en`` ("Đại diện Ban Pháp chế" / "A Legal Affairs Committee member")."""
    if f.raw(f"{key}_vi") is not None:
        return f.text(key, required=True)
    name = f.string(key, required)
    return Text(name, name)


DEFAULT_PATTERN = "sessions/*.yaml"  # where the session files are when the descriptor does not say
_GLOB = re.compile(r"[*?\[]")
_YAML_NAME = re.compile(r"\.ya?ml(?:\.|~|$)", re.IGNORECASE)  # x.yaml, x.YML, x.yaml.txt, x.yaml~


def session_files(loaded: LoadedPackage, value: object, settings: Settings) -> tuple[list[Path], list[Problem]]:
    """The session files that ``value`` (``x-minhbach.records.sessions``, a pattern inside the package folder)
    reads, and what is wrong with it. A pattern that reads no file, or one that is no pattern of files inside the
    package, published a section with no session, and a typo (``session/*.yaml``) did so without a word; a file
    in the sessions' folder that the pattern does not read (``x.yml``, ``sub/x.yaml``) was a session left out
    without a word too. Where the pattern is written, the first are errors; the last is a warning at the file."""
    where = (loaded.rel, *loaded.at("x-minhbach", "records", "sessions"), "sessions")
    pattern = DEFAULT_PATTERN if value is None or value == "" else value
    if not isinstance(pattern, str):
        return [], [problem("descriptor-type", *where, key="x-minhbach.records.sessions", expected="text")]
    if not usable_pattern(pattern):
        return [], [problem("unsafe-path", *where, target=pattern)]
    folder = loaded.folder
    files = record_files(folder, pattern)
    if not files:
        found = [p.relative_to(folder).as_posix() for p in _files_below(folder) if _YAML_NAME.search(p.name)
                 and not is_descriptor(p)]
        shown = ", ".join(found[:3]) + (f" (+{len(found) - 3})" if len(found) > 3 else "") if found else "—"
        return [], [problem("no-sessions", *where, pattern=pattern, files=shown)]
    return files, _unread(loaded, pattern, files, settings)


def _unread(loaded: LoadedPackage, pattern: str, files: list[Path], settings: Settings) -> list[Problem]:
    """A warning at each file in the sessions' folder (the part of ``pattern`` before its first wildcard) that the
    pattern does not read; in the package's own folder, only at a YAML file (the data files are there too), and
    never at a file the descriptor names (a resource, a schema)."""
    parts = PurePosixPath(pattern).parts[:-1]
    fixed = PurePosixPath(*parts[:next((i for i, part in enumerate(parts) if _GLOB.search(part)), len(parts))])
    home = loaded.folder / fixed
    resources = [r for r in loaded.written.get("resources") or () if isinstance(r, dict)]
    named = {loaded.folder / name for r in resources for name in
             [*resource_paths(r), *(r[key] for key in ("schema", "dialect") if isinstance(r.get(key), str))]}
    read = set(files)
    shown = fixed.as_posix() if parts else "."
    return [problem("unread-file", settings.relative(path), pattern=pattern, folder=shown)
            for path in _files_below(home) if path not in read and path not in named and not is_descriptor(path)
            and (parts or _YAML_NAME.search(path.name))]


def _files_below(folder: Path) -> list[Path]:
    """The files below ``folder`` in a stable order, but hidden ones and those in hidden folders (as the datasets
    are walked); links are not followed (a link that leaves the package is reported where the datasets are)."""
    found: list[Path] = []
    if folder.is_symlink() or not folder.is_dir():
        return found
    for top, folders, names in walk(folder):  # not os.walk: its recursion stopped validate at a folder 1,000 deep
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        found += [Path(top) / name for name in sorted(names) if not name.startswith(".")]
    return found


@dataclass(frozen=True)
class SessionFile:
    """One session file as read: the session (None when it cannot be one), the file's problems, and where its
    ``id`` is (for a duplicate, which only the files together can tell)."""

    session: Session | None
    problems: tuple[Problem, ...]
    id_at: tuple[str, int | None, int | None]


SESSION_FILES = "session-files"  # cache namespace: a session file as read (the session and its problems)


def read_sessions(files: list[Path], codes: CodeLists, settings: Settings) -> tuple[list[Session], list[Problem]]:
    sessions, problems = [], []
    seen: dict[str, tuple[str, int | None]] = {}  # each session's id: its file and the line of its id
    pages = AddressBook()  # each session's page (the slug of its id)
    rows = AddressBook()  # each item's row in the tracker (the slug of its session's id and its own)
    # Equal code lists become the very object of the last build, which each key below then compares at once.
    codes = kept.by_content("session-codes", lambda: codes, lambda: codes)
    cached = _CachedReading(codes, settings)
    for path in files:
        # A serving process reads again only the files that changed, or all when the code lists or the build
        # date did (core/kept.py); any build takes the others from the disk cache.
        read = kept.by_content("session-file", lambda path=path: (str(path.resolve()), file_digest(path), codes,
                                                                  *cached.options), lambda path=path: cached(path))
        problems += read.problems
        session = read.session
        if session is None:
            continue
        if session.id in seen:
            other, line = seen[session.id]
            problems.append(problem("duplicate-id", *read.id_at, "id", value=session.id, other=other,
                                    other_line=line or ""))
            continue
        if clash := _page_taken(session, read.id_at, pages):
            problems.append(clash)
            continue
        seen[session.id] = (session.path, read.id_at[1])
        sessions.append(session)
        problems += _rows_taken(session, rows)
    sessions.sort(key=lambda s: (s.date, s.id), reverse=True)
    return sessions, problems


def _page_taken(session: Session, id_at: tuple, pages: AddressBook) -> Problem | None:
    """A session's page is giam-sat/<slug of its id>.md, which folds case and diacritics: an id that differs
    from another only so ('GS-2024-06-11-cchc' beside 'GS-2024-06-11-CCHC') passed, and the build then stopped
    with exit 2; an id whose slug is one of the section's own pages (kien-nghi: the tracker) replaced it."""
    holder = Holder(session.id, *id_at, "id")
    if own := urls.own_page(urls.SESSIONS_DIR, session.slug):
        return reserved(holder, own)
    return pages.claim(served_url(urls.session_uri(session.slug)), holder)


def _rows_taken(session: Session, rows: AddressBook) -> list[Problem]:
    """An item's id in the tracker and the derived tables is its session's id and its own joined by '-', its row
    ``#<slug of that>`` (``Item.row_anchor``): an item 'CCHC-K01' of session 'GS-2024-06-11' and 'K01' of session
    'GS-2024-06-11-CCHC' were both 'GS-2024-06-11-CCHC-K01', two rows of one id. The later file's item is the
    clash, naming the earlier's file and line; two items of one session whose rows are one have one anchor on its
    page too, which the session's own check reports (``_unique_ids``)."""
    found = []
    for item in (item for item in session.items if item.local_id):  # one without is a missing-value already
        address = f"{served_url(urls.TRACKER)}#{item.row_anchor}"
        holder = Holder(item.id, session.path, *item.id_at, "id", kind=session.id)
        clash = rows.claim(address, holder)
        first = rows.first(address)
        if clash and first is not None and first.kind != session.id:
            found.append(clash)
    return found


class _CachedReading:
    """``read_session`` through the disk cache: parsing YAML with positions took 1.8 ms a file, two thousand
    files 3.6 s of every national build (issue 17), and most builds change one file or none. The key holds
    everything a reading depends on: the file's bytes and where it is, the code lists, the options, the code."""

    def __init__(self, codes: CodeLists, settings: Settings):
        self.codes, self.settings = codes, settings
        self.options = (settings.build_date, settings.max_file_bytes, str(settings.root.resolve()))
        self.cache = Cache(settings.cache if settings.cache_validation else None)
        self.common = {"codes": codes.digest(), "options": [str(option) for option in self.options]}

    def __call__(self, path: Path) -> SessionFile:
        if self.cache.root is None:  # no cache: nothing to look up, nothing to pickle
            return read_session(path, self.codes, self.settings)
        inputs = {**self.common, "file": str(path.resolve()), "digest": file_digest(path)}
        key = Cache.key(SESSION_FILES, inputs, code_digest(__name__))
        found = self.cache.get_object(SESSION_FILES, key)
        if isinstance(found, SessionFile):
            return found
        read = read_session(path, self.codes, self.settings)
        self.cache.put_object(SESSION_FILES, read, key)
        return read


def read_session(path: Path, codes: CodeLists, settings: Settings) -> SessionFile:
    rel = settings.relative(path)
    tree = load_record(path, settings)
    problems = (tree.problems + formula_like_in_tree(tree, rel) + _too_large(tree, rel)
                + invisible_in_codes(tree, rel, CODE_KEYS) + marks_in_tree(tree, rel, own=True, skipped=CODE_KEYS))
    if tree.value is None:
        if not tree.problems:  # an empty or comment-only file would drop a session without a word
            problems.append(problem("empty-file", rel, 1, 1, target=rel))
        return SessionFile(None, tuple(problems), (rel, None, None))
    reader = _SessionReader(tree, rel, codes, settings.build_date, problems, path.resolve())
    session = reader.session()
    return SessionFile(session, tuple(problems), (rel, *reader.root.where(("id",))))


def _too_large(tree: Tree, rel: str) -> list[Problem]:
    """A ``text-too-large`` error at each text of the file longer than MAX_TEXT_CHARS (its key's line; a long key
    too), as a CSV cell is: nothing downstream is made to cope with a document where a value belongs."""
    problems, pending = [], [((), tree.value)]
    while pending:
        key, value = pending.pop()
        if isinstance(value, dict):
            pending += [((*key, name), child) for name, child in value.items()]
            too_long = [name for name in value if len(name) > MAX_TEXT_CHARS]
        elif isinstance(value, list):
            pending += [((*key, index), child) for index, child in enumerate(value)]
            too_long = []
        else:
            too_long = [None] if isinstance(value, str) and len(value) > MAX_TEXT_CHARS else []
        for name in too_long:
            where = key if name is None else (*key, name)
            field = next((part for part in reversed(where) if isinstance(part, str)), None)
            problems.append(problem("text-too-large", rel, *tree.at(where), shortened(field) if field else None,
                                    limit=MAX_TEXT_CHARS))
    return sorted(problems, key=lambda found: (found.line or 0, found.column or 0))


class _SessionReader:
    def __init__(self, tree, path: str, codes: CodeLists, build_date: date, problems: list[Problem], file: Path):
        self.codes, self.build_date, self.problems, self.file = codes, build_date, problems, file
        self.root = Fields(tree, path, (), problems, SESSION_KEYS)
        self.session_date: date | None = None

    def origin(self, f: Fields) -> Origin:
        """Where the mapping ``f`` starts in the session file (for the "propose a change" links)."""
        return Origin(self.file, f.where(())[0])

    def session(self) -> Session | None:
        f = self.root
        session_id = f.string("id", required=True)
        self.session_date = f.date("date", required=True)
        planned = f.boolean("planned")
        self._not_future(f, "date", self.session_date, planned)
        form = f.string("form", required=True)
        self._known(f, ("form",), form, "forms")
        agencies = self._codes(f, "agencies", "agencies")
        sources = self._codes(f, "sources", "sources")
        documents = self._codes(f, "legal_basis", "documents")
        body = f.text("body", required=True)
        facts = tuple(self._fact(c) for c in f.children("facts", FACT_KEYS))
        issues = tuple(self._item(c, "issue", session_id) for c in f.children("issues", ITEM_KEYS))
        recommendations = tuple(self._item(c, "recommendation", session_id)
                                for c in f.children("recommendations", ITEM_KEYS))
        self._unique_ids(f, [("facts", facts), ("issues", issues), ("recommendations", recommendations)])
        responses = tuple(self._response(c) for c in f.children("responses", RESPONSE_KEYS))
        if not session_id or self.session_date is None:
            return None
        return Session(
            id=session_id, path=f.path, date=self.session_date,
            date_precision=f.choice("date_precision", PRECISIONS, "day"), date_note=f.text("date_note"),
            body=body, form=form, chair=f.string("chair"), chair_role=f.text("chair_role"),
            members=tuple(Member(_named(m, "name"), m.text("role")) for m in f.children("members", MEMBER_KEYS)),
            agencies=agencies, supervised_other=f.text("supervised_other"), topic=f.text("topic", required=True),
            programme_period=f.string("programme_period"), legal_basis=documents, sources=sources,
            summary=f.text("summary"), flags=self._flags(f, self.session_date, planned), facts=facts, issues=issues,
            recommendations=recommendations, responses=responses, planned=planned,
            recommendations_known=f.raw("recommendations") is not None, issues_known=f.raw("issues") is not None,
            origin=Origin(self.file),
        )

    def _fact(self, f: Fields) -> Fact:
        agency = f.string("agency")
        self._known(f, ("agency",), agency, "agencies")
        source = self._source(f, "source", required=True)
        value = f.string("value")
        if non_finite(value):  # "NaN", "inf", ">=Infinity": a number no sentence or total can use
            f.report("non-finite-number", ("value",), "value", value=value)
        return Fact(f.string("id", required=True), agency, f.text("statement", required=True), value,
                    f.text("unit"), source, f.flags(), self.origin(f))

    def _item(self, f: Fields, kind: str, session_id: str) -> Item:
        addressees = self._codes(f, "addressees", "agencies")
        due = f.date("due")
        self._not_before_session(f, "due", due)
        category = f.string("category")
        if self.codes.categories:
            self._known(f, ("category",), category, "categories")
        history = tuple(self._status(s) for s in f.children("status_history", STATUS_KEYS))
        for index in range(1, len(history)):
            if history[index].date < history[index - 1].date:
                f.report("history-order", ("status_history", index, "date"), "date",
                         value=history[index].date.isoformat(), previous=history[index - 1].date.isoformat())
        return Item(kind=kind, local_id=f.string("id", required=True), session_id=session_id, addressees=addressees,
                    text=f.text("text", required=True), category=category, due=due,
                    source=self._source(f, "source", required=False), flags=f.flags(),
                    raised_by=_raised_by(f), history=history, origin=self.origin(f), id_at=f.where(("id",)))

    def _status(self, f: Fields) -> StatusEntry:
        when = f.date("date", required=True) or self.session_date or date.min
        planned = f.boolean("planned")
        self._not_before_session(f, "date", when)
        self._not_future(f, "date", when, planned)
        status = f.string("status", required=True)
        self._known(f, ("status",), status, "statuses")
        evidence = self._source(f, "evidence", required=False)
        note = f.text("note")
        if status and not evidence and not note:
            f.report("status-without-evidence", ("status",), "status", value=status)
        return StatusEntry(when, f.choice("date_precision", PRECISIONS, "day"), status, self._flags(f, when, planned),
                           evidence, note, planned, self.origin(f))

    def _response(self, f: Fields) -> Response:
        agency = f.string("agency", required=True)
        self._known(f, ("agency",), agency, "agencies")
        when = f.date("date", required=True) or date.min
        self._not_future(f, "date", when, False)
        return Response(agency, when, f.text("text", required=True), self._source(f, "source", required=True))

    def _source(self, f: Fields, name: str, required: bool) -> str:
        value = f.string(name, required)
        self._known(f, (name,), value, "sources")
        return value

    def _codes(self, f: Fields, name: str, codes: str) -> tuple[str, ...]:
        values = f.codes(name)
        for index, value in enumerate(values):
            sub = (name, index) if isinstance(f.raw(name), list) else (name,)
            self._known(f, sub, value, codes)
        return values

    def _known(self, f: Fields, sub: tuple, value: str, codes: str) -> None:
        """``value`` is a code of the list ``codes`` (one of ``TARGETS``), unless that list could not be read."""
        known = self.codes.of(codes)
        if value and codes not in self.codes.unread and value not in known:
            f.report("unknown-reference", sub, str(sub[0]), value=value, target=TARGETS[codes], choices=listed(known),
                     suggestion=closest(value, known) or self.codes.labelled(codes, value))

    def _not_before_session(self, f: Fields, name: str, when: date | None) -> None:
        if when and self.session_date and when < self.session_date:
            f.report("date-before-session", (name,), name, value=when.isoformat(),
                     session_date=self.session_date.isoformat())

    def _flags(self, f: Fields, when: date | None, planned: bool) -> tuple[str, ...]:
        """The entry's quality flags, and "inferred" when it is still marked planned on or after its date: the pages
        go by the date, and showed a session (or a status) only scheduled as one that took place, which no source
        says. A warning asks the maintainer to confirm it (``planned-past``)."""
        flags = f.flags()
        if not (planned and when is not None and when <= self.build_date):
            return flags
        f.report("planned-past", ("planned",), "planned", value=when.isoformat(),
                 build_date=self.build_date.isoformat())
        return flags if "inferred" in flags else (*flags, "inferred")

    def _not_future(self, f: Fields, name: str, when: date | None, planned: bool) -> None:
        if when and when > self.build_date and not planned:
            f.report("future-date", (name,), name, value=when.isoformat(), build_date=self.build_date.isoformat())

    def _unique_ids(self, f: Fields, groups: list[tuple[str, tuple]]) -> None:
        """Ids are unique in a session, and so are the anchors of its facts, issues and recommendations on its page
        (``#<slug of the id>``, which folds case and diacritics: a link to 'k01' would open 'K01'). No anchor is
        one the page gives itself either: its title's and its sections' (``SESSION_ANCHORS``: a fact 'issues' took
        the table of contents' link to the issues) or an item's latest status (``#k01-status``, where agency pages
        link: a fact 'K01-status' took it). The statuses are claimed first, so that the id taking one is at fault."""
        seen: dict[str, int | None] = {}  # each id: the line it is first given at
        anchors = AddressBook()
        for name, entries in groups:
            for index, entry in enumerate(entries):
                if isinstance(entry, Item) and entry.local_id:
                    anchors.claim(f"#{entry.status_anchor}", self._id_holder(f, name, index, entry))
        for name, entries in groups:
            for index, entry in enumerate(entries):
                if not entry.local_id:
                    continue
                anchor = entry.anchor
                duplicate = entry.local_id in seen
                if duplicate:
                    f.report("duplicate-id", (name, index, "id"), "id", value=entry.local_id, other="",
                             other_line=seen[entry.local_id] or "")
                seen.setdefault(entry.local_id, f.where((name, index, "id"))[0])
                holder = self._id_holder(f, name, index, entry)
                if anchor in SESSION_ANCHORS:
                    f.problems.append(reserved(holder, f"#{anchor}"))
                elif (clash := anchors.claim(f"#{anchor}", holder)) and not duplicate:  # a duplicate is one problem
                    f.problems.append(clash)

    @staticmethod
    def _id_holder(f: Fields, name: str, index: int, entry: Fact | Item) -> Holder:
        line, column = f.where((name, index, "id"))
        # Named by its file and line like any other holder; by its list and 1-based place only where no line is
        # known ("recommendations[0]" read as a 0-based position to maintainers, who count items from 1).
        place = "" if line else f"{name} #{index + 1}"
        return Holder(entry.local_id, f.path, line, column, "id", place=place)
