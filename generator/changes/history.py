"""Compute the change log from the repository: which commits released which package version, and what
changed in each resource between one release and the next, row by row.

Rows are matched by the schema's primary key when both versions have the same one and it is unique;
otherwise (no key, a changed key, duplicates in an old version) rows are compared whole, so a changed row
shows as one removed and one added. Only the columns both versions share are compared; added or removed
columns are reported as such rather than as a change to every row.
"""

from __future__ import annotations

import io
import posixpath
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path, PurePosixPath

from generator.changes.corrections import corrections_of, new_corrections
from generator.changes.git import NO_DATA_COMMITS, Commit, GitUnavailable, Repository
from generator.changes.model import Cells, Correction, FileChange, History, Release, ResourceChange, RowChange
from generator.core.checks.descriptor import package_name
from generator.core.read.files import as_utf8, decoded, is_descriptor, is_remote, text_codec
from generator.core.read.formats import Unreadable, compression_of, read_decompressed
from generator.core.read.package import LoadedPackage, inline_references, resource_paths
from generator.core.read.patterns import matches
from generator.core.read.table import table_from_texts
from generator.core.read.tree import Tree, load_json, load_yaml
from generator.core.settings import Settings
from generator.core.text import one_line
from generator.supervision.model import RECORD_FIELDS, Located, published_values, repeated_records

# What record files publish, as a table keyed by its first two columns: a fact, recommendation or issue is one
# row (entry "fact", "recommendation", "issue"), each status entry another (entry: its date)
RECORD_KEY = ("record", "entry")
RECORD_COLUMNS = RECORD_KEY + RECORD_FIELDS


def load_history(settings: Settings) -> History:
    """The history of ``settings.datasets_dir``, or an empty one that says why there is none (read once per
    build, when the change-log feature loads)."""
    try:
        repo = Repository.open(settings.datasets_dir)
    except GitUnavailable as exc:
        return _unavailable(exc)
    with repo:
        try:
            return _history(repo, settings.max_file_bytes)
        except GitUnavailable as exc:
            return _unavailable(exc)


def _unavailable(exc: GitUnavailable) -> History:
    """No history, and why: git's own words (its error line, which may quote a path or a ref) printable on one
    line, as every text the page shows."""
    return History(reason=exc.reason, detail=one_line(exc.detail))


@dataclass
class _Package:
    """A package as the walk last saw it, and its last release."""

    descriptor_path: str
    folder: str  # with a trailing slash, relative to the repository top
    descriptor: dict
    name: str
    version: str
    release: Release | None = None
    release_descriptor: dict = field(default_factory=dict)
    pending: bool = False  # touched since its last release without a version bump
    # Each correction of the descriptor, with the commit it has been in the descriptor since; oldest first
    corrected: dict[Correction, Commit] = field(default_factory=dict)


def _history(repo: Repository, limit: int) -> History:
    commits = repo.commits()
    if not commits:  # a repository, but the data folder was never committed (untracked or ignored)
        return History(reason=NO_DATA_COMMITS, shallow=repo.shallow, top=str(repo.top))
    first_added: dict[str, datetime] = {}
    packages: dict[str, _Package] = {}
    releases: list[Release] = []
    for commit in commits:
        for status, path in commit.changes:
            if status == "A":
                first_added.setdefault(path, commit.date)
        _update_descriptors(repo, commit, packages)
        for package in sorted(packages.values(), key=lambda p: p.descriptor_path):
            if not any(path.startswith(package.folder) for path in commit.paths):
                continue
            bumped = package.release is None or package.version != package.release.version or not package.version
            if bumped:
                release = _release(repo, package, commit, limit, released=True)
                releases.append(release)
                package.release, package.release_descriptor, package.pending = release, package.descriptor, False
            else:
                package.pending = True
    for package in sorted(packages.values(), key=lambda p: p.descriptor_path):
        if package.pending and package.release is not None:
            # The last commit that changed the package's folder, not HEAD: what the package page and its citation
            # name the data by (docs/tai-ve.md), and its files there are HEAD's
            last = next(c for c in reversed(commits) if any(p.startswith(package.folder) for p in c.paths))
            release = _release(repo, package, last, limit, released=False)
            if not all(r.is_empty for r in release.resources) or release.files:
                releases.append(release)
    return History(releases=tuple(releases), shallow=repo.shallow, first_added=first_added, top=str(repo.top))


def _update_descriptors(repo: Repository, commit: Commit, packages: dict[str, _Package]) -> None:
    for _, path in commit.changes:
        if not _is_package_descriptor(repo.prefix, path):
            continue
        data = repo.read(commit.sha, path)
        if data is None:  # deleted: the package leaves the log
            packages.pop(path, None)
            continue
        descriptor = parse_descriptor(path, data)
        if descriptor is None:  # unreadable at this commit: keep what we knew
            continue
        folder = posixpath.dirname(path)
        loaded = LoadedPackage(Path(path), path, Tree(value=descriptor))
        version = str(descriptor.get("version") or "")
        known = packages.get(path)
        if known is None:
            known = packages[path] = _Package(path, f"{folder}/" if folder else "", descriptor, package_name(loaded),
                                              version)
        else:
            known.descriptor, known.version, known.name = descriptor, version, package_name(loaded)
        current = {c for _, c in corrections_of(descriptor)}
        known.corrected = {c: since for c, since in known.corrected.items() if c in current}
        for _, found in corrections_of(descriptor):
            known.corrected.setdefault(found, commit)


def _is_package_descriptor(prefix: str, path: str) -> bool:
    if not path.startswith(prefix):
        return False
    parts = PurePosixPath(path[len(prefix):]).parts
    # Hidden files and folders are skipped as the build's own search skips them (core/read/files.discover).
    return is_descriptor(PurePosixPath(path)) and not any(p.startswith(".") or p in ("node_modules", "__pycache__")
                                                             for p in parts)


def parse_descriptor(path: str, data: bytes) -> dict | None:
    try:
        text = decoded(data)
    except UnicodeDecodeError:
        return None
    tree = load_json(text, path) if path.endswith(".json") else load_yaml(text, path, mode="descriptor")
    # An old version read as it was published then: a value YAML 1.1 reads otherwise (yaml-ambiguous, refused
    # in today's files), or a merge key (yaml-merge-key, published then as a key "<<"), does not make a past
    # release unreadable
    refused = [p for p in tree.problems if p.code not in ("yaml-ambiguous", "yaml-merge-key")]
    return tree.value if isinstance(tree.value, dict) and not refused else None


def _release(repo: Repository, package: _Package, commit: Commit, limit: int, released: bool) -> Release:
    previous = package.release
    resources, files = _diff(repo, package, previous.commit if previous else None, commit.sha, limit)
    if previous is not None:
        resources += tuple(_record_changes(repo, package, previous.commit, commit.sha, limit))
    else:
        resources += tuple(_record_files(repo, package, commit.sha))
    corrections = tuple(c for _, c in new_corrections(package.release_descriptor, package.descriptor)) \
        if previous is not None else ()
    since = [commit for c, commit in package.corrected.items() if c in corrections]  # oldest first
    return Release(
        package=package.name, version=package.version, previous_version=previous.version if previous else "",
        commit=commit.sha, date=commit.date,
        # a subject is anyone's text, as data is: shown printable, on the one line git meant it for
        subject=one_line(commit.subject) if released else "",
        released=released, initial=previous is None, resources=resources, files=files, corrections=corrections,
        corrections_commit=since[0].sha if since else "", corrections_date=since[-1].date if since else None)


def record_patterns(descriptor: dict) -> dict[str, str]:
    """The package's record files (``x-minhbach.records``: a name and a glob inside the package folder)."""
    extension = descriptor.get("x-minhbach") if isinstance(descriptor.get("x-minhbach"), dict) else {}
    records = extension.get("records") if isinstance(extension.get("records"), dict) else {}
    return {str(name): str(pattern) for name, pattern in records.items() if isinstance(pattern, str)}


def is_record(path: str, folder: str, pattern: str) -> bool:
    """Whether ``path`` (from the repository's top) is a record file of the package in ``folder``: one its pattern
    reads (``patterns.matches``, as ``record_files`` finds them)."""
    return path.startswith(folder) and matches(path[len(folder):], pattern)


@dataclass(frozen=True)
class RecordRows:
    """What record files state, as rows of a table (``RECORD_COLUMNS``)."""

    rows: Rows
    located: dict[str, Located]  # each file's values, with their places
    # The record ids given to two records, in one file or in two (duplicate-id): whose values a row holds cannot
    # be told, and their rows are no longer one a key
    ambiguous: frozenset[str]


def record_rows(texts: dict[str, str]) -> RecordRows:
    """What record files publish (supervision.model.published_values): a row for each record and each status
    entry, keyed by record and entry; each file's entries with their places; and the record ids more than one
    record has."""
    trees = {path: _record_tree(path, text).value for path, text in texts.items()}
    located = {path: published_values(tree) for path, tree in trees.items()}
    rows = [{"record": record, "entry": entry, **cells}
            for values in located.values() for (record, entry), (cells, _) in values.items()]
    files = Counter(record for values in located.values() for record in {record for record, _ in values})
    ambiguous = {record for record, count in files.items() if count > 1}
    ambiguous.update(record for tree in trees.values() for record in repeated_records(tree))
    return RecordRows((list(RECORD_COLUMNS), rows), located, frozenset(ambiguous))


def _record_tree(path: str, text: str) -> Tree:
    return load_yaml(text, path, mode="records")


def _record_changes(repo: Repository, package: _Package, old: str, new: str, limit: int) -> list[ResourceChange]:
    """What the record files state, compared between two commits: only the files that differ are read."""
    changes = []
    changed = [path for _, path in repo.changed_files(old, new, package.folder or ".")]
    for name, pattern in record_patterns(package.descriptor).items():
        paths = [p for p in changed if is_record(p, package.folder, pattern)]
        if not paths:
            continue
        before = record_rows(_texts(repo, old, paths, limit)).rows
        after = record_rows(_texts(repo, new, paths, limit)).rows
        change = diff_rows(name, before, after, RECORD_KEY)
        changes.append(replace(change, rows_before=0, rows_after=0, records=True, rows=_given(change.rows)))
    return [c for c in changes if c.rows]


def _given(rows: tuple[RowChange, ...]) -> tuple[RowChange, ...]:
    """A record added or removed with the fields it gives: record files share one header (RECORD_COLUMNS), and
    a fact has no addressees nor a status entry a text."""
    def given(cells: Cells) -> Cells:
        return tuple((name, value) for name, value in cells if value)

    return tuple(replace(row, before=given(row.before), after=given(row.after)) if row.change != "changed" else row
                 for row in rows)


def _record_files(repo: Repository, package: _Package, commit: str) -> list[ResourceChange]:
    """A first release's record files, counted per record set: the release published them (the supervision
    package's sessions, recommendations, status history and facts are made from them), and counting only the
    descriptor's tables said it held less. They are counted as files, not as the rows of the tables made from
    them: those rows at an old commit would be today's reading of its files, with today's code lists from other
    packages and today's build date (a planned session, an overdue item), not what the site published then."""
    patterns = record_patterns(package.descriptor)
    paths = repo.files(commit, package.folder) if patterns else []
    found = [ResourceChange(name, "new", 0, 0, records=True,
                            files=sum(1 for path in paths if is_record(path, package.folder, pattern)))
             for name, pattern in patterns.items()]
    return [change for change in found if change.files]


def _texts(repo: Repository, commit: str, paths: list[str], limit: int) -> dict[str, str]:
    found = {path: _text_at(repo, commit, path, limit) for path in paths}
    return {path: text for path, text in found.items() if text is not None}


def _resources(descriptor: dict) -> dict[str, dict]:
    return {str(r["name"]): r for r in descriptor.get("resources", []) if isinstance(r, dict) and r.get("name")}


def _diff(repo: Repository, package: _Package, old: str | None, new: str, limit: int
          ) -> tuple[tuple[ResourceChange, ...], tuple[FileChange, ...]]:
    new_specs = _resources(package.descriptor)
    if old is None:
        changes = []
        for name, spec in new_specs.items():
            table = read_rows(repo, new, package.folder, spec, limit)
            changes.append(ResourceChange(name, "new" if table else "unreadable", 0, len(table[1]) if table else 0))
        return tuple(changes), ()
    old_specs = _resources(package.release_descriptor)
    changes = []
    for name in list(new_specs) + [n for n in old_specs if n not in new_specs]:
        before = read_rows(repo, old, package.folder, old_specs[name], limit) if name in old_specs else None
        after = read_rows(repo, new, package.folder, new_specs[name], limit) if name in new_specs else None
        if name not in old_specs:
            changes.append(ResourceChange(name, "new" if after else "unreadable", 0, len(after[1]) if after else 0))
        elif name not in new_specs:
            changes.append(ResourceChange(name, "removed", len(before[1]) if before else 0, 0))
        elif before is None or after is None:
            changes.append(ResourceChange(name, "unreadable", 0, 0))
        else:
            key = primary_key(new_specs[name]) if primary_key(new_specs[name]) == primary_key(old_specs[name]) \
                else ()
            changes.append(diff_rows(name, before, after, key))
    own = {package.descriptor_path} | {
        posixpath.normpath(package.folder + p) for specs in (old_specs, new_specs) for s in specs.values()
        for p in resource_paths(s)}
    files = tuple(FileChange(status, path[len(package.folder):])
                  for status, path in repo.changed_files(old, new, package.folder or ".") if path not in own)
    return tuple(changes), files


def primary_key(spec: dict) -> tuple[str, ...]:
    schema = spec.get("schema") if isinstance(spec.get("schema"), dict) else {}
    key = schema.get("primaryKey")
    if isinstance(key, str):
        return (key,)
    return tuple(str(k) for k in key) if isinstance(key, list) else ()


Rows = tuple[list[str], list[dict[str, str]]]  # header, rows as {column: cell}


def read_rows(repo: Repository, commit: str, folder: str, spec: dict, limit: int) -> Rows | None:
    """A resource's header and rows at ``commit``, read by the same table reader as the working tree (and
    decompressed as it decompresses them); the file's own header names the columns (an old version may have
    other columns than today's schema). None when a version cannot be read whole: a count of the rows read
    before a broken one would be a wrong number in the change log, not a gap. None too for a JSON resource of
    several files, which today's build refuses (``multipart-json``: Frictionless reads its last file alone): read
    whole, its rows were counted though Frictionless never read them."""
    spec = _inlined_at(repo, commit, folder, spec, limit)
    texts = []
    if not isinstance(spec.get("data"), list):
        paths = resource_paths(spec)
        if not paths:
            return None
        for relpath in paths:
            compression = compression_of(spec, relpath if len(paths) > 1 else None)
            text = None if is_remote(relpath) else _text_at(
                repo, commit, posixpath.normpath(folder + relpath), limit, compression, spec.get("innerpath"),
                text_codec(spec.get("encoding")))
            if text is None:
                return None
            texts.append(text)
    table = table_from_texts("", spec, texts, header_from_file=True)
    if table.problems:
        return None
    return table.header, [row.cells for row in table.rows]


def _inlined_at(repo: Repository, commit: str, folder: str, spec: dict, limit: int) -> dict:
    """``spec`` with a schema or dialect kept in a file of its own read as that file was at ``commit`` (the
    version's rows are read by them, as today's are: read/package.with_files_inlined); a file that cannot be read
    there counts as not given."""
    def read(relpath: str) -> dict:
        data = None if is_remote(relpath) else repo.read(commit, posixpath.normpath(folder + relpath), limit)
        return (parse_descriptor(relpath, data) if data is not None else None) or {}

    return inline_references(spec, read)


def _text_at(repo: Repository, commit: str, path: str, limit: int, compression: str | None = None,
             innerpath: object = None, codec: str | None = None) -> str | None:
    """A file's text at ``commit``: decompressed, and read in ``codec`` when its resource declared one then
    (``files.text_codec``)."""
    data = repo.read(commit, path, limit)
    if data is None:
        return None
    try:
        if compression:
            member = innerpath if isinstance(innerpath, str) and innerpath else None
            data, _ = read_decompressed(io.BytesIO(data), compression, member, limit)
        return decoded(as_utf8(data, codec))
    except (Unreadable, UnicodeError):
        return None


def diff_rows(name: str, before: Rows, after: Rows, key: tuple[str, ...]) -> ResourceChange:
    """Rows added, removed and changed between two versions of one resource (see the module docstring)."""
    old_header, old_rows = before
    new_header, new_rows = after
    common = [c for c in new_header if c in old_header]
    added_columns = tuple(c for c in new_header if c not in old_header)
    removed_columns = tuple(c for c in old_header if c not in new_header)

    def whole(row: dict[str, str]) -> Cells:
        return tuple((c, row.get(c, "")) for c in common)

    def key_of(row: dict[str, str]) -> Cells:
        return tuple((k, row.get(k, "")) for k in key)

    usable = bool(key) and all(k in common for k in key)
    if usable:
        old_by = {key_of(r): r for r in old_rows}
        new_by = {key_of(r): r for r in new_rows}
        usable = len(old_by) == len(old_rows) and len(new_by) == len(new_rows)
    changes: list[RowChange] = []
    if usable:
        for k, row in new_by.items():
            if k not in old_by:
                changes.append(RowChange("added", k, (), (), _full(row, new_header)))
                continue
            fields = tuple(c for c in common if old_by[k].get(c, "") != row.get(c, ""))
            if fields:
                changes.append(RowChange("changed", k, fields, tuple((f, old_by[k].get(f, "")) for f in fields),
                                         tuple((f, row.get(f, "")) for f in fields)))
        changes += [RowChange("removed", k, (), _full(row, old_header), ()) for k, row in old_by.items()
                    if k not in new_by]
    else:
        remaining = Counter(whole(r) for r in new_rows)
        gone = Counter(whole(r) for r in old_rows)
        for row in new_rows:  # in file order, each surplus copy once
            cells = whole(row)
            if gone[cells] > 0:
                gone[cells] -= 1
            else:
                changes.append(RowChange("added", (), (), (), _full(row, new_header)))
        for row in old_rows:
            cells = whole(row)
            if remaining[cells] > 0:
                remaining[cells] -= 1
            else:
                changes.append(RowChange("removed", (), (), _full(row, old_header), ()))
    return ResourceChange(name, "changed", len(old_rows), len(new_rows), tuple(changes), added_columns,
                          removed_columns, keyed=usable)


def _full(row: dict[str, str], header: list[str]) -> Cells:
    return tuple((c, row.get(c, "")) for c in header)
