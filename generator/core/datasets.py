"""Stage 1 and 2 of every run: read all packages, check them, and hand typed tables to the features."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.core import kept, workers
from generator.core.cache import Cache, code_digest, file_digest, tool_versions
from generator.core.checks.crossrefs import (
    KeyIndex,
    Reference,
    check_references,
    closest,
    declared_references,
    extension_problems,
    reference_problems,
)
from generator.core.checks.descriptor import check_descriptor, left_out, normalised, package_name
from generator.core.checks.marks import marks_in_table, marks_in_tree
from generator.core.checks.patterns import too_slow_patterns
from generator.core.checks.rules import check_table, key_columns, spaced_keys
from generator.core.forked import Forked, fork
from generator.core.problems import Problem, problem
from generator.core.read.files import discover, links_leaving, orphan_data, skipped_packages, zipped_package
from generator.core.read.package import LoadedPackage, load_descriptor, resource_paths, role_of, with_files_inlined
from generator.core.read.table import Table, read_table
from generator.core.settings import Settings
from generator.core.workers import CHUNK_ROWS

# The roles a feature reads a package for (``Datasets.by_role``): the directory's lists (directory/model.py:
# AGENCIES, SOURCES, DOCUMENTS), the indicators feature's (indicators/model.py) and the supervision package
# (supervision/load.py). The core imports no feature, so they are named here, and tests/test_descriptor_types.py
# keeps the two in step: a feature that reads a new role adds it here (docs/data-format.md lists them).
ROLES = ("agencies", "sources", "legal-documents", "indices", "indicators", "supervision")


@dataclass
class Package:
    """A package that passed its descriptor checks: the descriptor as read and its tables in order."""

    name: str
    loaded: LoadedPackage
    tables: list[Table]

    @property
    def descriptor(self) -> dict:
        return self.loaded.descriptor

    @property
    def role(self) -> str:
        return role_of(self.descriptor)

    def table(self, name: str) -> Table | None:
        return next((t for t in self.tables if t.name == name), None)


@dataclass
class Datasets:
    packages: list[Package] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Frictionless's problems still being found beside the build (``load_datasets(beside=True)``), not in
    # ``problems`` until ``Verdicts.problems`` is asked for them.
    verdicts: Verdicts | None = None

    def by_role(self, role: str) -> Package | None:
        return next((p for p in self.packages if p.role == role), None)

    def tables(self) -> dict[tuple[str, str], Table]:
        return {(p.name, t.name): t for p in self.packages for t in p.tables}


def load_datasets(settings: Settings, cache: Cache | None = None, beside: bool = False) -> Datasets:
    """Discover, read and validate every package; problems never stop the other packages being checked.
    ``beside``: the packages Frictionless must validate (no verdict cached) are validated in a child forked
    once all are read, when they are small enough (``Verdicts``); their problems are then in ``verdicts``."""
    result = Datasets()
    if not settings.datasets_dir.is_dir():
        result.problems.append(problem("no-packages", settings.relative(settings.datasets_dir),
                                       folder=settings.relative(settings.datasets_dir)))
        return result
    descriptors = discover(settings.datasets_dir)
    if not descriptors:
        result.problems.append(problem("no-packages", settings.relative(settings.datasets_dir),
                                       folder=settings.relative(settings.datasets_dir)))
    for folder, names in orphan_data(settings.datasets_dir).items():
        shown = ", ".join(names[:3]) + (f" (+{len(names) - 3})" if len(names) > 3 else "")
        # a data package zipped whole: "add a datapackage.yaml" would publish an empty package beside it
        zipped = {"zipped": found} if (found := zipped_package(folder, names)) else {}
        result.problems.append(problem("no-descriptor", settings.relative(folder), folder=settings.relative(folder),
                                       files=shown, **zipped))
    result.problems += [problem("skipped-package", settings.relative(descriptor), folder=settings.relative(folder))
                        for descriptor, folder in skipped_packages(settings.datasets_dir)]
    names: dict[str, str] = {}
    missing: list[_Missing] = []
    named: set[Path] = set()  # the files descriptors name: a link among them is reported at its descriptor's line
    for path in descriptors:
        loaded = load_descriptor(path, settings)
        named.update(loaded.folder / name for name in _named_files(loaded))
        problems = (loaded.problems + check_descriptor(loaded, settings, cache) + extension_problems(loaded)
                    + marks_in_tree(loaded.tree, loaded.rel, own=bool(role_of(loaded.written))))
        name = package_name(loaded)
        if name in names:
            problems.append(problem("duplicate-name", loaded.rel, *loaded.at("name"), "name", name=name,
                                    other=names[name]))
        names.setdefault(name, loaded.rel)
        result.problems += problems
        if any(p.is_error for p in problems):
            continue
        loaded = with_files_inlined(loaded, settings)
        tables, unreadable, checked = _read_package(loaded, name, settings)
        if unreadable:  # Frictionless on a file we could not decode would only repeat the problem, less clearly
            result.problems += unreadable
        elif isinstance(verdict := _verdict(loaded, settings, {t.name: len(t.rows) for t in tables}, cache),
                        _Missing):
            # Frictionless matches each pattern with no time limit: a pattern that backtracks for ever on a cell
            # (``(a|aa)+``) is reported, and Frictionless not run, rather than validation never ending
            slow = too_slow_patterns(loaded, tables)
            result.problems += slow
            if not slow:
                missing.append(verdict)
        else:
            result.problems += verdict
        result.problems += checked
        result.packages.append(Package(name, loaded, tables))
    result.problems += _links_leaving(settings, named)
    if beside and missing and sum(m.size for m in missing) <= CHUNK_ROWS:
        result.verdicts = Verdicts.start(missing)
    if result.verdicts is None:
        result.problems += [p for m in missing for p in m.validate()]
    result.problems += _cross_references(result) + _role_problems(result.packages)
    return result


def _links_leaving(settings: Settings, named: set[Path]) -> list[Problem]:
    """A symbolic link that leaves its package (a package folder, a session file linked from outside): an error at
    the link, as a linked data file is at the descriptor line that names it (those are left to that check)."""
    folders = {folder for path in named for folder in path.parents}
    return [problem("unsafe-path", f"{settings.relative(link.parent)}/{link.name}",
                    target=link.relative_to(home).as_posix())
            for link, home in links_leaving(settings.datasets_dir) if link not in named and link not in folders]


def _role_problems(packages: list[Package]) -> list[Problem]:
    """A package's ``x-minhbach.role`` is text, one of ``ROLES``, and no two packages claim one: the site reads
    the first package that claims a role (``Datasets.by_role``), so another one silently took over from the one
    meant (a copy claiming ``agencies`` made every agency code of the sessions unknown, and nothing pointed at
    it). Reported at each later claimant, naming the one the site reads, as ``duplicate-name`` is. A role no
    feature reads (``indicator`` for ``indicators``) made the package one of the site's own, with their stricter
    checks, while no page was made from it: the feature's pages were gone, and nothing said why."""
    problems, claimed = [], {}
    for package in packages:
        extension = package.descriptor.get("x-minhbach")
        role = extension.get("role") if isinstance(extension, dict) else None
        if role is None:
            continue
        where = package.loaded.at("x-minhbach", "role")
        if not isinstance(role, str) or not role:
            problems.append(problem("descriptor-type", package.loaded.rel, *where, "role", key="x-minhbach.role",
                                    expected="text"))
            continue
        if role not in ROLES:
            problems.append(problem("unknown-role", package.loaded.rel, *where, "role", role=role,
                                    roles=", ".join(ROLES), suggestion=closest(role, frozenset(ROLES))))
            continue
        claimed.setdefault(role, []).append(package)
    for role, (first, *later) in claimed.items():
        problems += [problem("duplicate-role", package.loaded.rel, *package.loaded.at("x-minhbach", "role"), "role",
                             role=role, other=first.loaded.rel) for package in later]
    return problems


def _read_package(loaded: LoadedPackage, name: str, settings: Settings
                  ) -> tuple[list[Table], list[Problem], list[Problem]]:
    """A package's tables, the problems met reading them, and those of the table-wide rules. A serving process
    keeps them while none of the package's files changed (core/kept.py): the tables are never changed once
    read, and everything they are made from is in the key."""
    def read() -> tuple[list[Table], list[Problem], list[Problem]]:
        # A resource declared a file, or whose file is none of a table's, is neither read nor published (not-a-table,
        # non-table-resource): Frictionless checks no row of it
        resources = [r for r in loaded.descriptor["resources"] if not left_out(r)]
        tables = [read_table(loaded, name, r, settings) for r in resources]
        role = role_of(loaded.descriptor)  # the site looks up the codes of a package with one
        spaced = "surrounding-space" if role else "spaced-key"
        return (tables, [p for t in tables for p in t.problems],
                [p for t in tables for p in t.misread]
                + [p for t in tables if t.rel for p in check_table(t, codes_looked_up=bool(role))
                   + marks_in_table(t, own=bool(role))]
                + [p for t, r in zip(tables, resources, strict=True)
                   for p in spaced_keys(t, key_columns(r, resources), loaded.rel, spaced)])
    return kept.by_content("package", lambda: _package_files(loaded, settings), read)


def _package_files(loaded: LoadedPackage, settings: Settings) -> tuple:
    """What a package's tables are read from: its descriptor's bytes (the positions problems carry), every
    file it names, and the options that change reading or where problems say they are."""
    return (str(loaded.descriptor_path.resolve()), file_digest(loaded.descriptor_path),
            tuple((name, file_digest(loaded.folder / name)) for name in _named_files(loaded)),
            settings.max_file_bytes, str(settings.root.resolve()))


PACKAGE_VERDICTS = "verdicts"  # the cache namespace of Frictionless's verdicts, per package and per resource


@dataclass(frozen=True)
class _Missing:
    """A package Frictionless must validate: no verdict of it is cached."""

    loaded: LoadedPackage
    settings: Settings
    rows: dict[str, int]
    cache: Cache
    key: str

    @property
    def size(self) -> int:
        return sum(self.rows.values())

    def validate(self) -> list[Problem]:
        """Frictionless's problems for the package, now; cached as its verdict."""
        from generator.core.checks.validate import validate_package  # Frictionless: only when a verdict is missing

        problems = validate_package(self.loaded, self.settings, self.rows, self.cache)
        self.cache.put_json(PACKAGE_VERDICTS, self.key, [p.as_data() for p in problems])
        return problems


def _verdict(loaded: LoadedPackage, settings: Settings, rows: dict[str, int], cache: Cache | None
             ) -> list[Problem] | _Missing:
    """Frictionless's problems for a package, taken whole from the cache when nothing it depends on changed;
    else what validating it needs. Why a verdict per package on top of those per resource: with it, a build
    whose packages are all unchanged does not even import Frictionless (half a second), nor check descriptors
    Frictionless already passed."""
    if not settings.cache_validation:
        cache = Cache(None)
    elif cache is None:
        cache = Cache(settings.cache)
    key = Cache.key(PACKAGE_VERDICTS, _package_inputs(loaded, settings, rows), code_digest(_VALIDATE))
    cached = cache.get_json(PACKAGE_VERDICTS, key)
    if isinstance(cached, list):
        return [Problem.from_data(item) for item in cached]
    return _Missing(loaded, settings, rows, cache, key)


class Verdicts:
    """Frictionless's problems for the packages whose verdict is not cached, found in a child forked while the
    build goes on (core/forked.py): the city's one-row edit made no page for the 0.45 s Frictionless took (0.3
    of it importing itself). The other core is the child's only once the chart server yields it
    (``workers.behind``). Only for packages small enough to validate in one process (no table of ``CHUNK_ROWS``
    rows, which is validated in chunks by a pool of workers). The build asks for ``problems`` before anything it
    made is kept (core/pipeline.py); a child that ends without sending them (killed, or it raised) leaves the
    packages to be validated then, in the build's process."""

    def __init__(self, missing: list[_Missing], child: Forked[list] | None) -> None:
        self._missing, self._child = missing, child
        self._problems: list[Problem] | None = None

    @classmethod
    def start(cls, missing: list[_Missing]) -> Verdicts | None:
        """The packages' validation started in a child; None when no child can be forked now."""
        child = fork(lambda: [[p.as_data() for p in m.validate()] for m in missing])
        if child is None:
            return None
        workers.behind()  # the chart server yields the cores to this child and the build (``workers.behind``)
        return cls(missing, child)

    def problems(self) -> list[Problem]:
        """The packages' problems (waits for the child, once)."""
        if self._problems is None:
            found = self._child.result() if self._child is not None else None
            if found is None:
                self._problems = [p for m in self._missing for p in m.validate()]
            else:
                self._problems = [Problem.from_data(item) for items in found for item in items]
        return self._problems

    def stop(self) -> None:
        """The child stopped, its problems no longer wanted (the build failed before asking)."""
        if self._child is not None:
            self._child.stop()


_VALIDATE = "generator.core.checks.validate"


def _package_inputs(loaded: LoadedPackage, settings: Settings, rows: dict[str, int]) -> dict:
    """Everything a package's verdict is made from: the descriptor Frictionless sees, its file's bytes (the lines
    and columns its problems are placed at: the descriptor rewritten on one line, its inline row's error kept
    line 7 of the file before), every file it names, where problems are reported from, the options that change
    reading, and Frictionless's version."""
    files = _named_files(loaded)
    return {"package": True, "descriptor": normalised(loaded.descriptor),
            "bytes": file_digest(loaded.descriptor_path), "where": loaded.rel,
            "folder": settings.relative(loaded.folder), "rows": rows, "max_file_bytes": settings.max_file_bytes,
            "files": {name: file_digest(loaded.folder / name) for name in files},
            "frictionless": tool_versions("frictionless")}


def _named_files(loaded: LoadedPackage) -> list[str]:
    """Every file a package's resources name: data, schemas and dialects kept in files of their own."""
    resources = [r for r in loaded.written.get("resources", []) if isinstance(r, dict)]
    return sorted({path for r in resources for path in resource_paths(r)}
                  | {r[key] for r in resources for key in ("schema", "dialect") if isinstance(r.get(key), str)})


def _cross_references(result: Datasets) -> list[Problem]:
    index = KeyIndex(result.tables())
    problems = []
    for package in result.packages:
        read = [(at, r) for at, r in enumerate(package.descriptor["resources"]) if not left_out(r)]
        for (at, resource), table in zip(read, package.tables, strict=True):
            problems += reference_problems(package.loaded, at, resource, table)
            problems += check_references(package.loaded, resource, table, index)
            problems += [p for ref in declared_references(resource) for p in spaced_target(result, ref)]
    return problems


def spaced_target(result: Datasets, ref: Reference) -> list[Problem]:
    """The column a reference points at, checked as a key (``spaced_keys``) whether or not its table declares it
    one: the references match codes without the blanks around them (``KeyIndex.values``), so a code written "SNV "
    there would be published so, unsaid. A key its table declares is checked with it: the same problems, which
    the report gives once."""
    package = next((p for p in result.packages if p.name == ref.package), None)
    table = package.table(ref.resource) if package is not None else None
    return [] if table is None else spaced_keys(table, [ref.key], package.loaded.rel)
