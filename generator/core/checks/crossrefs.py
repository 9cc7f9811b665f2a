"""What Frictionless does not check of our ``x-minhbach`` extension: the types of its values (``extension_problems``)
and cross-package references (``x-minhbach.references``).

A table's findings for a reference depend on that table and the table it points at alone: a serving process
keeps them while both are the same objects (core/kept.py), so that a save that renames an agency does not check
the million source ids of the national results against the sources again (0.3 s of a national save)."""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass

from generator.core import kept
from generator.core.checks.places import CellPlace
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
    return [ref for _, ref in _declared(resource)]


def _declared(resource: dict) -> list[tuple[int, Reference]]:
    """The complete references with their place in the list (``reference_problems`` reports the others)."""
    found = []
    for j, item in enumerate(_entries(resource)):
        if isinstance(item, dict) and all(isinstance(item.get(k), str) and item[k] for k in REFERENCE_KEYS):
            found.append((j, Reference(*(item[k] for k in REFERENCE_KEYS))))
    return found


REFERENCE_KEYS = ("fields", "package", "resource", "key")


def _entries(resource: dict) -> list:
    extension = resource.get("x-minhbach") if isinstance(resource.get("x-minhbach"), dict) else {}
    entries = extension.get("references")
    return entries if isinstance(entries, list) else []


def reference_problems(pkg: LoadedPackage, at: int, resource: dict, table: Table | None) -> list[Problem]:
    """Each entry of a resource's ``x-minhbach.references`` (the ``at``-th resource) names a column of its table
    and a package, resource and key, all as text; an entry that does not is reported at its place, never left out
    in silence (its check would never run)."""
    extension = resource.get("x-minhbach")
    entries = extension.get("references") if isinstance(extension, dict) else None
    where = ("resources", at, "x-minhbach", "references")
    if entries is None:
        return []
    if not isinstance(entries, list):
        return [problem("descriptor-type", pkg.rel, *pkg.at(*where), "references",
                        key="x-minhbach.references", expected="list")]
    problems = []
    for j, item in enumerate(entries):
        shown = f"x-minhbach.references[{j}]"
        if not isinstance(item, dict):
            problems.append(problem("descriptor-type", pkg.rel, *pkg.at(*where, j), "references", key=shown,
                                    expected="mapping"))
            continue
        for name in REFERENCE_KEYS:
            if item.get(name) in (None, ""):
                problems.append(problem("missing-value", pkg.rel, *pkg.at(*where, j), "references",
                                        key=f"{shown}.{name}"))
            elif not isinstance(item[name], str):
                problems.append(problem("descriptor-type", pkg.rel, *pkg.at(*where, j, name), "references",
                                        key=f"{shown}.{name}", expected="text"))
        fields = item.get("fields")
        if isinstance(fields, str) and fields and table is not None and table.header and fields not in table.header \
                and fields not in {f.name for f in table.fields}:
            problems.append(problem("unknown-column", pkg.rel, *pkg.at(*where, j, "fields"), fields, value=fields,
                                    table=f"{table.package}/{table.name}", columns=", ".join(table.header)))
    return problems


# The extension's keys whose values are text, and those that hold more, at each level (docs/data-format.md).
_TEXT = ("title_en", "description_en", "theme")
_SHAPES = {"derived": "mapping", "records": "mapping", "corrections": "list"}


def extension_problems(pkg: LoadedPackage) -> list[Problem]:
    """Each ``x-minhbach`` of the descriptor (the package's, a resource's, a field's) is a mapping whose known keys
    have values of their type: one of another type was ignored without a word, and a ``corrections`` that is not
    a list lost every note. (``role`` and ``references`` are checked where they are used.)"""
    root = pkg.written
    places = [((), root)]
    for i, resource in enumerate(root.get("resources") if isinstance(root.get("resources"), list) else []):
        if not isinstance(resource, dict):
            continue
        places.append((("resources", i), resource))
        schema = resource.get("schema")
        fields = schema.get("fields") if isinstance(schema, dict) else None
        places += [(("resources", i, "schema", "fields", j), spec)
                   for j, spec in enumerate(fields if isinstance(fields, list) else []) if isinstance(spec, dict)]
    return [p for key, owner in places if "x-minhbach" in owner for p in _extension(pkg, key, owner["x-minhbach"])]


def _extension(pkg: LoadedPackage, key: tuple, extension: object) -> list[Problem]:
    where = (*key, "x-minhbach")
    if not isinstance(extension, dict):
        return [problem("descriptor-type", pkg.rel, *pkg.at(*where), "x-minhbach", key="x-minhbach",
                        expected="mapping")]
    wrong = [(name, "text") for name in _TEXT
             if extension.get(name) is not None and not isinstance(extension[name], str)]
    if not key:  # the package's own
        wrong += [(name, shape) for name, shape in _SHAPES.items()
                  if extension.get(name) is not None and not isinstance(extension[name], dict if shape == "mapping"
                                                                         else list)]
    return [problem("descriptor-type", pkg.rel, *pkg.at(*where, name), name, key=f"x-minhbach.{name}",
                    expected=expected) for name, expected in wrong]


class KeyIndex:
    """The set of values of each (package, resource, key column), built once from the tables."""

    def __init__(self, tables: dict[tuple[str, str], Table]):
        self._tables = tables
        self._cache: dict[tuple[str, str, str], frozenset[str]] = {}

    def table(self, package: str, resource: str) -> Table | None:
        return self._tables.get((package, resource))

    def unread(self, package: str, resource: str) -> Table | None:
        """The table ``package``/``resource`` when reading it stopped at an error (a file in another encoding or
        with another delimiter than declared): it holds no rows, or only those before the error, so a value
        missing from it says nothing of the data, and each reference into it was an ``unknown-reference`` with a
        false hint (66 errors, one of them true, for an agencies file saved as UTF-16)."""
        table = self._tables.get((package, resource))
        return table if table is not None and any(p.is_error for p in table.problems) else None

    def values(self, package: str, resource: str, key: str) -> frozenset[str] | None:
        cache_key = (package, resource, key)
        if cache_key not in self._cache:
            table = self._tables.get((package, resource))
            if table is None or key not in table.header:
                return None
            # Without the blanks around them, as the values looked up are (``split_values``, a session's codes):
            # a code written "SNV " is reported where it is written (rules.spaced_keys), not at each "SNV" that
            # refers to it, told "did you mean 'SNV '?" (17 errors for one, each asking for the space).
            self._cache[cache_key] = frozenset(row.get(key, "").strip() for row in table.rows)
        return self._cache[cache_key]


def split_values(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(SEPARATOR) if part.strip()]


# A code list this short is named whole in the hint of a code not in it (the statuses are 7): "done" was told only
# "use a code that exists in giam-sat/statuses.code", and the newcomer had to find that table's file.
FEW = 12


def listed(known: frozenset[str]) -> str:
    """The codes of a short list (``FEW``), for the hint to name them; "" for a longer one."""
    return ", ".join(sorted(known)) if len(known) <= FEW else ""


CLOSE = 0.6  # difflib's ratio of a code close enough to suggest (get_close_matches's default cutoff)


def closest(value: str, choices: frozenset[str]) -> str:
    """The known code spelled most like ``value`` (for "did you mean"), or "". Never a code that is ``value`` with
    blanks around it: then ``value`` is right, and the code is written with a space where it is a key (the error
    is there: rules.spaced_keys).

    Of codes spelled as alike (difflib's ratio, at least 0.6), the one with more of ``value``'s letters: two
    letters swapped keep them all, and "SPT" was told "did you mean 'SYT'?" (health) before "STP" (justice), by
    the later name. The later name still decides between codes alike in both."""
    if any(choice != value and choice.strip() == value for choice in choices):
        return ""
    matcher = difflib.SequenceMatcher()  # as difflib.get_close_matches compares, with the letters in its key
    matcher.set_seq2(value)
    scored = []
    for choice in choices:
        matcher.set_seq1(choice)
        if matcher.real_quick_ratio() < CLOSE or matcher.quick_ratio() < CLOSE:  # upper bounds, quicker
            continue
        if (alike := matcher.ratio()) >= CLOSE:
            scored.append((alike, _shared_letters(value, choice), choice))
    return max(scored)[2] if scored else ""


def _shared_letters(one: str, other: str) -> int:
    """How many letters the two have in common, each counted as often as both hold it."""
    return sum((Counter(one) & Counter(other)).values())


def check_references(pkg: LoadedPackage, resource: dict, table: Table, index: KeyIndex) -> list[Problem]:
    at = next((i for i, r in enumerate(pkg.descriptor.get("resources") or []) if r is resource), None)
    return [p for j, ref in _declared(resource) for p in kept.by_identity(
        f"references:{at}:{j}:{ref.fields}>{ref.target}:{pkg.rel}", (table, index.table(ref.package, ref.resource)),
        lambda ref=ref, j=j: _check_reference(pkg, table, ref, index,
                                              ("resources",) if at is None else ("resources", at, *_AT, j)))]


_AT = ("x-minhbach", "references")


def _check_reference(pkg: LoadedPackage, table: Table, ref: Reference, index: KeyIndex,
                     where: tuple) -> tuple[Problem, ...]:
    """The values of ``ref.fields`` that its target does not hold; a target that does not exist, at the reference
    (``where``, its key in the descriptor); a target that could not be read, once, at the reference too (its own
    error says why), as the sessions' warning is at their pattern: at the table it had no line."""
    if (unread := index.unread(ref.package, ref.resource)) is not None:
        return (unchecked(pkg.rel, *pkg.at(*where), ref.fields, ref.target, unread),)
    known = index.values(ref.package, ref.resource, ref.key)
    if known is None:
        line, col = pkg.at(*where)
        return (problem("unknown-reference", pkg.rel, line, col, ref.fields, value=ref.target, target="datasets",
                        suggestion=""),)
    unknown = [(row, value) for row in table.rows for value in split_values(row.get(ref.fields, ""))
               if value not in known]
    place = CellPlace(table) if unknown and ref.fields in table.header else None  # at the cell, as a key's own
    return tuple(problem("unknown-reference", table.rel or pkg.rel, row.line,
                         place.column(row.line, ref.fields) if place else None, ref.fields, value=value,
                         target=ref.target, choices=listed(known), suggestion=closest(value, known))
                 for row, value in unknown)


def unchecked(path: str, line: int | None, column: int | None, field: str, target: str, unread: Table) -> Problem:
    """The warning that the values referring to ``target`` were not checked, ``unread`` being a table that could
    not be read (``KeyIndex.unread``)."""
    return problem("unchecked-reference", path, line, column, field, target=target,
                   table=f"{unread.package}/{unread.name}", file=unread.rel or unread.package)
