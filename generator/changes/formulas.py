"""Descriptor text that ``changes.csv`` carries: the package's and its resources' names, its version and its
correction notes (pages.py, ``CSV_COLUMNS``). One that starts like a spreadsheet formula would run as one when a
journalist opens the file, as a table's cell or a session's text would: it gets the same ``formula-like`` warning
at its line (core/checks/rules.py, ``formula_start``). A note "=HYPERLINK(...)" reached changes.csv unwarned."""

from __future__ import annotations

from generator.changes.corrections import KEY
from generator.core.checks.rules import formula_start
from generator.core.problems import Problem, problem
from generator.core.read.package import LoadedPackage
from generator.core.read.tree import Key

NOTES = ("note_vi", "note_en")


def formula_problems(pkg: LoadedPackage) -> list[Problem]:
    """A ``formula-like`` warning for each text of the descriptor that changes.csv writes as it is."""
    problems = []
    for key in _csv_keys(pkg.written):
        value = _at(pkg.written, key)
        if isinstance(value, str) and (start := formula_start(value)) is not None:
            problems.append(problem("formula-like", pkg.rel, *pkg.at(*key), str(key[-1]), char=start))
    return problems


def _csv_keys(descriptor: dict) -> list[Key]:
    resources = descriptor.get("resources")
    extension = descriptor.get("x-minhbach")
    entries = extension.get(KEY) if isinstance(extension, dict) else None
    return ([("name",), ("version",)]
            + [("resources", i, "name") for i in range(len(resources) if isinstance(resources, list) else 0)]
            + [("x-minhbach", KEY, i, note) for i in range(len(entries) if isinstance(entries, list) else 0)
               for note in NOTES])


def _at(value: object, key: Key) -> object:
    """The value at ``key`` inside ``value``, or None where there is none."""
    for part in key:
        if isinstance(value, dict) and isinstance(part, str):
            value = value.get(part)
        elif isinstance(value, list) and isinstance(part, int) and part < len(value):
            value = value[part]
        else:
            return None
    return value
