"""What the change log knows: releases of each package and, per resource, the rows added, removed and changed.

A release is a commit that gives a package a new ``version`` (its first appearance counts as one). A package
with no ``version`` has nothing to bump, so each commit that touches its folder is one of its releases.
Commits that change a versioned package without bumping its version are gathered into one "unreleased"
entry (the last release against the last commit that changed the package, whose files are HEAD's), so the site
never shows data the log does not account for.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from generator.core.addresses import numbered
from generator.core.text import Text, one_line, slug

Cells = tuple[tuple[str, str], ...]  # (field, value) pairs in column order; hashable, unlike a dict
DETAILS = "~"  # between a release's anchor and a table's name: no package name (descriptor-name) nor slug has it


@dataclass(frozen=True)
class RowChange:
    change: str  # added | removed | changed
    key: Cells  # the primary key's values, or () when rows are matched whole (no usable primary key)
    fields: tuple[str, ...]  # the columns whose value changed (changed rows only)
    before: Cells  # the removed row, or the old values of the changed columns
    after: Cells  # the added row, or the new values of the changed columns


@dataclass(frozen=True)
class Correction:
    """A note in a package's ``x-minhbach.corrections``: a published value was wrong, and why it changed.

    It names what it corrects: rows of a table whose cells have the values of ``cells`` (``resource`` and
    ``key``, usually the primary key), or the values a session file states for a record (``record``: a fact,
    recommendation or issue id; a session's id names all of them). A correction covers the changes of the
    release in which it first appears (see corrections.py)."""

    resource: str  # a resource name; "" for a record
    cells: Cells  # the cells that pick the rows
    record: str
    note: Text

    def covers(self, change: ResourceChange, row: RowChange) -> bool:
        if self.record:
            return change.records and self.names_record(dict(row.key).get("record", ""))
        if self.resource != change.resource or change.records or not self.cells:
            return False
        values = {**dict(row.before), **dict(row.after), **dict(row.key)}
        return all(values.get(name) == value for name, value in self.cells)

    def names_record(self, record: str) -> bool:
        """Whether it corrects the values of ``record`` (its own id, or the id of the session that holds it)."""
        return bool(self.record) and (record == self.record or record.startswith(self.record + "-"))

    @property
    def label(self) -> str:
        """What it corrects, as the change log shows it: ``results: year=2023; unit=79`` or a record id."""
        return self.record or f"{self.resource}: " + "; ".join(f"{name}={value}" for name, value in self.cells)


@dataclass(frozen=True)
class ResourceChange:
    resource: str
    status: str  # changed | new | removed | unreadable
    rows_before: int
    rows_after: int
    rows: tuple[RowChange, ...] = ()
    columns_added: tuple[str, ...] = ()
    columns_removed: tuple[str, ...] = ()
    keyed: bool = False  # rows matched by primary key; otherwise a changed row shows as removed + added
    records: bool = False  # the values session files state (facts, status entries), one "row" each
    files: int = 0  # a first release's record files (history._record_files): counted as files, not as rows

    def count(self, change: str) -> int:
        return sum(1 for row in self.rows if row.change == change)

    @property
    def added(self) -> int:
        return self.count("added")

    @property
    def removed(self) -> int:
        return self.count("removed")

    @property
    def changed(self) -> int:
        return self.count("changed")

    @property
    def is_empty(self) -> bool:
        return self.status == "changed" and not (self.rows or self.columns_added or self.columns_removed)

    @property
    def rekeyed(self) -> int:
        """How many removed rows came back as an added row under another key with every other cell the same: a
        key's label reworded ("2025-10 (tuần 41)" to "tuần 41, 10/2025"), no value changed, which the counts of
        rows added and removed alone read as values replaced (audit facts8 #5). One added row answers one
        removed row; only rows matched by key, and the columns both versions have, are compared."""
        if not self.keyed:
            return 0
        apart = set(self.columns_added) | set(self.columns_removed)
        added = Counter(_values(row.after, row.key, apart) for row in self.rows if row.change == "added")
        found = 0
        for row in (r for r in self.rows if r.change == "removed"):
            values = _values(row.before, row.key, apart)
            if added[values] > 0:
                added[values] -= 1
                found += 1
        return found


def _values(cells: Cells, key: Cells, apart: set[str]) -> frozenset[tuple[str, str]]:
    """A row's cells but its key's and those of ``apart`` (the columns only one version has), in any order (a
    version may order its columns otherwise)."""
    names = apart | {name for name, _ in key}
    return frozenset(cell for cell in cells if cell[0] not in names)


@dataclass(frozen=True)
class FileChange:
    """A file of the package that is neither its descriptor nor a resource (e.g. a session YAML file)."""

    status: str  # A | M | D (as git names them; T, a type change, counts as modified)
    path: str  # relative to the package folder

    @property
    def kind(self) -> str:
        return {"A": "added", "D": "removed"}.get(self.status, "modified")

    @property
    def label(self) -> str:
        """The path as the change log shows it: printable, on one line (a file name may hold any byte but NUL)."""
        return one_line(self.path)


@dataclass(frozen=True)
class Release:
    package: str
    version: str
    previous_version: str
    # The release's own commit; for the unreleased entry, the last commit it gathers (the last that changed the
    # package's folder), not HEAD: the commit the package page and its citation name the data downloaded by, which
    # a commit elsewhere in the repository does not move (docs/tai-ve.md). ``date`` is this commit's.
    commit: str
    date: datetime
    subject: str
    released: bool = True
    initial: bool = False
    resources: tuple[ResourceChange, ...] = ()
    files: tuple[FileChange, ...] = ()
    corrections: tuple[Correction, ...] = ()  # the notes that first appear in this release
    # The commit the first of those notes came in, and the day the last did: a correction is on the site from its
    # commit on, whether or not a version is released (the feed's correction entry: its id and its date)
    corrections_commit: str = ""
    corrections_date: datetime | None = None

    def correction(self, change: ResourceChange, row: RowChange) -> Correction | None:
        """The correction that explains a row change of this release, or None for an ordinary update."""
        if row.change == "added":
            return None
        return next((c for c in self.corrections if c.covers(change, row)), None)

    @property
    def short(self) -> str:
        return self.commit[:7]

    @property
    def anchor(self) -> str:
        """The release's own anchor, which another release of the same commit may share (``History.anchor``).
        A package's one unreleased entry has no commit in it: it named the last commit it gathers, so every commit
        to the package moved it, and a link copied from the page or a feed reader's stored entry lost its target
        (new8a N8)."""
        if not self.released:
            return f"{self.package}-chua-phat-hanh"
        label = self.version
        return f"{self.package}-{slug(label)}-{self.short}" if label else f"{self.package}-{self.short}"

    @property
    def key(self) -> tuple[str, str, bool]:
        """What tells releases apart: a package has one release a commit, and one unreleased entry."""
        return (self.package, self.commit, self.released)

    @property
    def rows(self) -> int:
        return sum(r.rows_after for r in self.resources)

    @property
    def tables(self) -> tuple[ResourceChange, ...]:
        """The resources of the descriptor, without what record files state."""
        return tuple(r for r in self.resources if not r.records)

    @property
    def record_files(self) -> tuple[ResourceChange, ...]:
        """A first release's record sets that hold files, each with their number."""
        return tuple(r for r in self.resources if r.records and r.files)


@dataclass(frozen=True)
class History:
    releases: tuple[Release, ...] = ()  # oldest first
    reason: str = ""  # why there is no history (a git.* reason code), empty when there is one
    detail: str = ""
    shallow: bool = False
    first_added: dict[str, datetime] = field(default_factory=dict)  # repository path -> date first committed
    top: str = ""  # the repository's folder, to map working-tree paths to repository paths

    def anchor(self, release: Release) -> str:
        """``release``'s anchor on the change log. Package 'a' at version 'b-1.0' and package 'a-b' at version
        '1.0', released in one commit, are both '#a-b-1-0-<commit>'; a past commit cannot be renamed, so the
        later one in the log takes '-2' (no release's own anchor ends so: it ends in the commit's seven hex
        digits), and the history growing never moves an anchor already published."""
        return self._anchors.get(release.key, release.anchor)

    @functools.cached_property  # a frozen dataclass without slots: written into the instance's __dict__
    def _anchors(self) -> dict[tuple[str, str, bool], str]:
        anchors = numbered(release.anchor for release in self.releases)
        return {release.key: anchor for release, anchor in zip(self.releases, anchors, strict=True)}

    def corrections_anchor(self, release: Release) -> str:
        """The anchor of ``release``'s corrections on the change log (the feed's correction entry links there)."""
        return f"{self.anchor(release)}-dinh-chinh"

    def details_anchor(self, release: Release, resource: str) -> str:
        """The anchor of a table's row details in ``release``. '<release>-<table>' was the corrections' anchor
        for a table called 'dinh-chinh', and another release's for a table called '2' or '1-0-<commit>':
        '~' joins them, which no release's anchor has (a package name, a version's slug, a commit), so a row
        details' anchor is no other element's and two of them are one only for one table of one release."""
        return f"{self.anchor(release)}{DETAILS}{resource}"

    def current(self, package: str, version: str) -> Release | None:
        """The release that published ``version`` of ``package`` (the latest one, for versionless packages)."""
        found = [r for r in self.releases if r.package == package and r.released and r.version == version]
        return found[-1] if found else None

    def unreleased(self, package: str) -> Release | None:
        """The changes to ``package`` since its current version was released, when there are any."""
        return next((r for r in self.releases if r.package == package and not r.released), None)

    def latest(self, package: str) -> Release | None:
        found = [r for r in self.releases if r.package == package and r.released]
        return found[-1] if found else None

    def count(self, package: str) -> int:
        return sum(1 for r in self.releases if r.package == package and r.released)
