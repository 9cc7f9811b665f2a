"""Cross-package references (``x-minhbach.references``), which Frictionless does not check.

A table's findings for a reference depend on that table and the table it points at alone: a serving process
keeps them while both are the same objects (core/kept.py), so that a save that renames an agency does not check
the million source ids of the national results against the sources again (0.3 s of a national save)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from generator.core import kept
from generator.core.problems import Problem, problem
from generator.core.read.package import LoadedPackage
from generator.core.read.table import Table

SEPARATOR = ";"


@dataclass(frozen=True)
class Reference:
    fields: str
    package: str
    resource: str
    key: str

    @property
    def target(self) -> str:
        return f"{self.package}/{self.resource}.{self.key}"


def declared_references(resource: dict) -> list[Reference]:
    extension = resource.get("x-minhbach") if isinstance(resource.get("x-minhbach"), dict) else {}
    found = []
    for item in extension.get("references") or []:
        keys = ("fields", "package", "resource", "key")
        if isinstance(item, dict) and all(isinstance(item.get(k), str) for k in keys):
            found.append(Reference(item["fields"], item["package"], item["resource"], item["key"]))
    return found


class KeyIndex:
    """The set of values of each (package, resource, key column), built once from the tables."""

    def __init__(self, tables: dict[tuple[str, str], Table]):
        self._tables = tables
        self._cache: dict[tuple[str, str, str], frozenset[str]] = {}

    def table(self, package: str, resource: str) -> Table | None:
        return self._tables.get((package, resource))

    def values(self, package: str, resource: str, key: str) -> frozenset[str] | None:
        cache_key = (package, resource, key)
        if cache_key not in self._cache:
            table = self._tables.get((package, resource))
            if table is None or key not in table.header:
                return None
            self._cache[cache_key] = frozenset(row.get(key, "") for row in table.rows)
        return self._cache[cache_key]


def split_values(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(SEPARATOR) if part.strip()]


def closest(value: str, choices: frozenset[str]) -> str:
    """The known code spelled most like ``value`` (for "did you mean"), or ""."""
    close = difflib.get_close_matches(value, sorted(choices), n=1, cutoff=0.6)
    return close[0] if close else ""


def check_references(pkg: LoadedPackage, resource: dict, table: Table, index: KeyIndex) -> list[Problem]:
    return [p for ref in declared_references(resource) for p in kept.by_identity(
        f"references:{ref.fields}>{ref.target}:{pkg.rel}", (table, index.table(ref.package, ref.resource)),
        lambda ref=ref: _check_reference(pkg, table, ref, index))]


def _check_reference(pkg: LoadedPackage, table: Table, ref: Reference, index: KeyIndex) -> tuple[Problem, ...]:
    known = index.values(ref.package, ref.resource, ref.key)
    if known is None:
        line, col = pkg.at("resources")
        return (problem("unknown-reference", pkg.rel, line, col, ref.fields, value=ref.target, target="datasets",
                        suggestion=""),)
    return tuple(problem("unknown-reference", table.rel or pkg.rel, row.line, None, ref.fields, value=value,
                         target=ref.target, suggestion=closest(value, known))
                 for row in table.rows for value in split_values(row.get(ref.fields, "")) if value not in known)
