"""Stage 1 and 2 of every run: read all packages, check them, and hand typed tables to the features."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.core.cache import Cache
from generator.core.checks.crossrefs import KeyIndex, check_references
from generator.core.checks.descriptor import check_descriptor, package_name
from generator.core.checks.rules import check_table
from generator.core.checks.validate import validate_package
from generator.core.problems import Problem, problem
from generator.core.read.files import discover, orphan_data
from generator.core.read.package import LoadedPackage, load_descriptor
from generator.core.read.table import Table, read_table
from generator.core.settings import Settings


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
        extension = self.descriptor.get("x-minhbach")
        return str(extension.get("role", "")) if isinstance(extension, dict) else ""

    def table(self, name: str) -> Table | None:
        return next((t for t in self.tables if t.name == name), None)


@dataclass
class Datasets:
    packages: list[Package] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def by_role(self, role: str) -> Package | None:
        return next((p for p in self.packages if p.role == role), None)

    def tables(self) -> dict[tuple[str, str], Table]:
        return {(p.name, t.name): t for p in self.packages for t in p.tables}


def load_datasets(settings: Settings, cache: Cache | None = None) -> Datasets:
    """Discover, read and validate every package; problems never stop the other packages being checked."""
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
        result.problems.append(problem("no-descriptor", settings.relative(folder), folder=settings.relative(folder),
                                       files=shown))
    names: dict[str, str] = {}
    for path in descriptors:
        loaded = load_descriptor(path, settings)
        problems = loaded.problems + check_descriptor(loaded, settings)
        name = package_name(loaded)
        if name in names:
            problems.append(problem("duplicate-name", loaded.rel, *loaded.at("name"), "name", name=name,
                                    other=names[name]))
        names.setdefault(name, loaded.rel)
        result.problems += problems
        if any(p.is_error for p in problems):
            continue
        tables = [read_table(loaded, name, r, settings) for r in loaded.descriptor["resources"]]
        unreadable = [p for t in tables for p in t.problems]
        # Frictionless on a file we could not decode would only repeat the problem, less clearly.
        result.problems += unreadable or validate_package(loaded, settings, {t.name: len(t.rows) for t in tables},
                                                          cache)
        result.problems += [p for table in tables if table.rel for p in check_table(table)]
        result.packages.append(Package(name, loaded, tables))
    result.problems += _cross_references(result)
    return result


def _cross_references(result: Datasets) -> list[Problem]:
    index = KeyIndex(result.tables())
    problems = []
    for package in result.packages:
        for resource, table in zip(package.descriptor["resources"], package.tables, strict=True):
            problems += check_references(package.loaded, resource, table, index)
    return problems
