"""History is not rewritten in silence: a number or status already published that changes or disappears needs
a correction note (``x-minhbach.corrections``, see corrections.py and docs/data-format.md).

Each package's data as it is now (the working tree, as validated) is compared with its previous release: for
a package with a ``version``, the newest release of another version (or, while its first version is the
only one, that release: what came after it is unreleased); for one without, the release before its last
commit. A number changed in a table row, a removed row that stated a number, a fact value or a status
entry of a session file changed or removed: each is an ``uncorrected-change`` unless a correction that is new
since that release names it. New rows, new facts and new status entries are updates and need nothing. A new
correction that names nothing that changed is a ``correction-unused`` warning: a typo in its key would
otherwise go unnoticed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import InvalidOperation
from pathlib import Path

from generator.changes.corrections import entry_problems, new_corrections
from generator.changes.formulas import formula_problems
from generator.changes.git import GitUnavailable, Repository
from generator.changes.history import (
    RECORD_KEY,
    Rows,
    diff_rows,
    is_record,
    parse_descriptor,
    primary_key,
    read_rows,
    record_patterns,
    record_rows,
)
from generator.changes.model import Correction, History, Release, ResourceChange, RowChange
from generator.core.datasets import Datasets, Package
from generator.core.problems import Problem, problem
from generator.core.read.files import normalised
from generator.core.read.patterns import record_files
from generator.core.read.table import Table
from generator.core.read.tree import load_yaml
from generator.core.settings import Settings
from generator.supervision.model import RECORD_ENTRIES, guarded, record_places

NUMERIC = ("number", "integer")


@dataclass(frozen=True)
class _Baseline:
    """A package at its previous release, as git holds it."""

    release: Release
    descriptor: dict
    folder: str  # relative to the repository's top, with a trailing slash

    @property
    def label(self) -> str:
        return self.release.version or f"commit {self.release.short}"


def rewrite_problems(history: History, datasets: Datasets, settings: Settings) -> list[Problem]:
    """Every uncorrected change to published values, package by package (nothing without a history); and the
    descriptor text changes.csv carries that a spreadsheet would run (formulas.py)."""
    problems = [p for package in datasets.packages
                for p in entry_problems(package.loaded) + formula_problems(package.loaded)]
    if history.reason or not history.releases:
        return problems
    try:
        with Repository.open(settings.datasets_dir) as repo:
            for package in datasets.packages:
                base = _baseline(repo, history, package)
                if base is not None:
                    problems += _package_problems(repo, base, package, settings)
    except GitUnavailable:
        return problems
    return problems


def previous_release(history: History, package: str, version: str) -> Release | None:
    """The release the data now is compared with (see the module docstring)."""
    released = [r for r in history.releases if r.package == package and r.released]
    if not released:
        return None
    if version:  # the newest release of another version; the first one when this version is the first
        older = [r for r in released if r.version != version]
        return older[-1] if older else released[-1]
    return released[-2] if len(released) >= 2 else released[-1]


def _baseline(repo: Repository, history: History, package: Package) -> _Baseline | None:
    release = previous_release(history, package.name, str(package.descriptor.get("version") or ""))
    if release is None:
        return None
    try:
        descriptor_path = package.loaded.descriptor_path.resolve().relative_to(repo.top.resolve()).as_posix()
    except ValueError:
        return None
    data = repo.read(release.commit, descriptor_path)
    descriptor = parse_descriptor(descriptor_path, data) if data is not None else None
    if descriptor is None:
        return None
    folder = descriptor_path.rpartition("/")[0]
    return _Baseline(release, descriptor, f"{folder}/" if folder else "")


def _package_problems(repo: Repository, base: _Baseline, package: Package, settings: Settings) -> list[Problem]:
    fresh = new_corrections(base.descriptor, package.descriptor)
    corrections = [c for _, c in fresh]
    used: set[Correction] = set()
    problems = []
    for table in package.tables:
        problems += _table_problems(repo, base, package, table, corrections, used, settings)
    problems += _record_problems(repo, base, package, corrections, used, settings)
    for index, unused in ((i, c) for i, c in fresh if c not in used):
        problems.append(problem("correction-unused", package.loaded.rel,
                                *package.loaded.at("x-minhbach", "corrections", index), "corrections",
                                what=unused.label, version=base.label))
    return problems


def _covered(corrections: list[Correction], change: ResourceChange, row: RowChange, used: set[Correction]) -> bool:
    found = [c for c in corrections if c.covers(change, row)]
    used.update(found)
    return bool(found)


def _table_problems(repo: Repository, base: _Baseline, package: Package, table: Table,
                    corrections: list[Correction], used: set[Correction], settings: Settings) -> list[Problem]:
    spec = _spec(base.descriptor, table.name)
    before = read_rows(repo, base.release.commit, base.folder, spec, settings.max_file_bytes) if spec else None
    if before is None or not table.rel:
        return []
    key = primary_key(spec) if primary_key(spec) == primary_key(_spec(package.descriptor, table.name)) else ()
    change = diff_rows(table.name, before, (table.header, [row.cells for row in table.rows]), key)
    kinds = {f.name: f.type for f in table.fields if f.type in NUMERIC}
    lines = {tuple((k, row.get(k)) for k in key): row.line for row in table.rows} if change.keyed else {}
    moved = _moved(change.rows, kinds, table)
    problems = []
    for row in change.rows:
        if row in moved or not _states_a_number(row, kinds, table) or _covered(corrections, change, row, used):
            continue
        if row.change == "changed":
            field = _numbers_rewritten(row, kinds, table)[0]
            problems.append(_problem(table.rel, lines.get(row.key), field, base, package, f"{table.name}: "
                                     + _cells(row.key), dict(row.before)[field], dict(row.after)[field]))
        else:
            problems.append(_problem(package.loaded.rel, _corrections_line(package), "corrections", base, package,
                                     f"{table.name}: " + _cells(row.key or row.before), _cells(row.before), "—"))
    return problems


def _spec(descriptor: dict, name: str) -> dict:
    resources = descriptor.get("resources") if isinstance(descriptor.get("resources"), list) else []
    return next((r for r in resources if isinstance(r, dict) and r.get("name") == name), {})


def _moved(rows: tuple[RowChange, ...], kinds: dict[str, str], table: Table) -> set[RowChange]:
    """Removed rows whose numbers are all in an added row that agrees with them on most other columns: a row
    whose key or text was reworded (a period label, a note), not a published number deleted. One added row
    stands for one removed row."""
    added = [dict(row.after) for row in rows if row.change == "added"]
    moved = set()
    for row in (r for r in rows if r.change == "removed"):
        old = dict(row.before)
        match = next((new for new in added if _same_numbers(old, new, kinds, table)), None)
        if match is not None:
            added.remove(match)
            moved.add(row)
    return moved


def _same_numbers(old: dict[str, str], new: dict[str, str], kinds: dict[str, str], table: Table) -> bool:
    common = [c for c in old if c in new]
    if any(not _same_value(table, c, kinds[c], old[c], new[c]) for c in common if c in kinds):
        return False
    text = [c for c in common if c not in kinds]
    return sum(old[c] == new[c] for c in text) * 2 > len(text)


def _states_a_number(row: RowChange, kinds: dict[str, str], table: Table) -> bool:
    if row.change == "changed":
        return bool(_numbers_rewritten(row, kinds, table))
    if row.change == "removed":
        return any(name in kinds and value not in table.missing_in(name) for name, value in row.before)
    return False


def _numbers_rewritten(row: RowChange, kinds: dict[str, str], table: Table) -> tuple[str, ...]:
    """The numeric fields of a changed row whose value changed. The same number written another way ("82.50"
    for "82.5", "07" for "7", as a spreadsheet may save a whole file again) is the number that was published:
    no correction to note."""
    before, after = dict(row.before), dict(row.after)
    return tuple(f for f in row.fields if f in kinds and not _same_value(table, f, kinds[f], before[f], after[f]))


def _same_value(table: Table, name: str, kind: str, old: str, new: str) -> bool:
    """Whether two cells of a numeric column state the same number (or both none), typed as the table types
    them (column ``name``'s own missing values included); a cell that is not a number of that type compares as its
    text, and a NaN never equals another."""
    field = table.field_named(name)
    try:
        return old == new or table.cast(kind, old, field) == table.cast(kind, new, field)
    except InvalidOperation:  # a signalling NaN ("sNaN") refuses to be compared
        return False


def _record_problems(repo: Repository, base: _Baseline, package: Package, corrections: list[Correction],
                     used: set[Correction], settings: Settings) -> list[Problem]:
    problems = []
    folder = package.loaded.folder
    for name, pattern in record_patterns(package.descriptor).items():
        # read as the sessions are (supervision/records.py): the pattern is the data's, and Path.glob followed
        # '..' out of the package and took minutes over a pattern of repeated '**'
        now = {p.relative_to(folder).as_posix(): p for p in record_files(folder, pattern)}
        then = [p[len(base.folder):] for p in repo.files(base.release.commit, base.folder)
                if is_record(p, base.folder, pattern)]
        texts_now = {rel: _decoded(path.read_bytes()) for rel, path in now.items()}
        texts_then = {rel: _text(repo, base, rel, settings) for rel in then}
        differing = sorted(rel for rel in set(now) | set(then) if texts_now.get(rel) != texts_then.get(rel))
        before = record_rows({rel: texts_then[rel] for rel in differing if texts_then.get(rel) is not None})
        after = record_rows({rel: texts_now[rel] for rel in differing if rel in texts_now})
        # A record whose id another record has (a session file copied before its id was changed) cannot be
        # told from its namesake: duplicate-id says so at its line, and the check waits until each id is one
        # record's. Left in, its keys were no longer unique: rows matched whole named no record (exit 2), and
        # a namesake's values in one file passed for a rewrite of the other's. A correction that names it is
        # not unused.
        ambiguous = before.ambiguous | after.ambiguous
        used.update(c for c in corrections if any(c.names_record(record) for record in ambiguous))
        rows = diff_rows(name, _without(before.rows, ambiguous), _without(after.rows, ambiguous), RECORD_KEY).rows
        change = ResourceChange(name, "changed", 0, 0, rows, keyed=True, records=True)
        for row in change.rows:
            if _rewritten(row) and not _covered(corrections, change, row, used):
                problems.append(_record_problem(row, after.located, now, base, package, settings))
    return problems


def _rewritten(row: RowChange) -> bool:
    """Whether a record's change rewrites a published value (supervision.model.guarded): its ``value``
    changed or removed. The rest the change log lists as updates: new records and entries, reworded texts."""
    if row.change == "added" or (row.change == "changed" and "value" not in row.fields):
        return False
    return guarded(dict(row.key)["entry"], dict(row.before))


def _without(rows: Rows, records: frozenset[str]) -> Rows:
    header, cells = rows
    return header, [row for row in cells if row["record"] not in records]


def _text(repo: Repository, base: _Baseline, rel: str, settings: Settings) -> str | None:
    data = repo.read(base.release.commit, base.folder + rel, settings.max_file_bytes)
    return None if data is None else _decoded(data)


def _decoded(data: bytes) -> str:
    return normalised(data).decode("utf-8", "replace")


def _record_problem(row: RowChange, located: dict, now: dict[str, Path], base: _Baseline, package: Package,
                    settings: Settings) -> Problem:
    """At the value's line when the file still states it, at its record's line when the record is still there,
    else at the package's corrections."""
    cells = dict(row.key)
    record, entry = cells["record"], cells["entry"]
    fact = entry == RECORD_ENTRIES["facts"]
    what = record if fact else f"{record} ({entry})"
    before, after = dict(row.before).get("value", ""), dict(row.after).get("value") or "—"
    field = "value" if fact else "status"
    for rel in sorted(located):
        tree = load_yaml(_decoded(now[rel].read_bytes()), rel)
        place = located[rel].get((record, entry), (None, None))[1] or record_places(tree.value).get(record)
        if place is not None and fact:
            place += ("value",)  # the fact's value, no longer a number, or else the fact itself
        if place is not None:
            return _problem(settings.relative(now[rel]), tree.at(place)[0], field, base, package, what, before,
                            after)
    return _problem(package.loaded.rel, _corrections_line(package), "corrections", base, package, what, before, "—")


def _corrections_line(package: Package) -> int | None:
    return package.loaded.at("x-minhbach", "corrections")[0] or 1


def _problem(path: str, line: int | None, field: str, base: _Baseline, package: Package, what: str,
             before: str, after: str) -> Problem:
    return problem("uncorrected-change", path, line, None, field, what=what, before=before, after=after,
                   version=base.label, descriptor=package.loaded.rel)


def _cells(cells: object) -> str:
    return "; ".join(f"{name}={value}" for name, value in cells)

