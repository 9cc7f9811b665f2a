"""A right-to-left mark (RLM, ALM) in a text that holds nothing written right to left: it does not show, and it
reorders the numbers around it on the page ("40% → 95%" read "95% → 40%", a session's "7/9" read "9/7"), so a
changed figure could pass a review of the diff unseen (hostile-PR audit round 7, #5; core/text.py says which marks
and why). Mixed-direction text needs them, and keeps them.

Where the site reads the text as its own (a package with a role, a session file) it is the error
``direction-mark``; in a package the site only publishes, which Frictionless calls valid and which may be meant
for readers of a right-to-left language, the warning ``stray-direction-mark``, and it is published as written.
Each is at the value (a descriptor's or a session's, a table's cell or header label), its hint naming the mark,
which character of the text it is, and the text around it."""

from __future__ import annotations

from collections.abc import Iterable

from generator.core.checks.formulas import tree_texts
from generator.core.checks.places import CellPlace
from generator.core.checks.rules import cells_at_fault
from generator.core.problems import Problem, problem
from generator.core.read.formats import JSON_FORMATS, Unreadable
from generator.core.read.limits import described
from generator.core.read.table import Table
from generator.core.read.tree import Tree
from generator.core.text import REORDERING_MARKS, stray_direction_mark

_AROUND = 12  # characters of the text shown on each side of the mark


def mark_code(own: bool) -> str:
    """The problem's code: an error where the site reads the text as its own, else a warning."""
    return "direction-mark" if own else "stray-direction-mark"


def mark_params(text: str) -> dict[str, str] | None:
    """The message parameters for the first stray mark of ``text`` (``stray_direction_mark``), or None: the mark,
    which character of the text it is (from 1), the text around it with each mark written out, and how many the
    text holds."""
    index = stray_direction_mark(text)
    if index is None:
        return None
    return {"char": described(text[index]), "position": str(index + 1), "around": _around(text, index),
            "count": str(sum(text.count(mark) for mark in REORDERING_MARKS))}


def _around(text: str, index: int) -> str:
    """The text around ``text[index]``, on one line, each mark written as its code point ("2024: [U+200F]40%")."""
    start, end = max(0, index - _AROUND), min(len(text), index + 1 + _AROUND)
    shown = "".join(f"[U+{ord(char):04X}]" if char in REORDERING_MARKS else char for char in text[start:end])
    return ("…" if start else "") + " ".join(shown.split()) + ("…" if end < len(text) else "")


def marks_in_tree(tree: Tree, path: str, own: bool, skipped: Iterable[str] = ()) -> list[Problem]:
    """A problem at each text of ``tree`` (a descriptor, a schema or a session) with a stray mark, but under the
    keys ``skipped`` (ids and codes, where any invisible character is a ``control-character`` already)."""
    skipped = frozenset(skipped)
    problems = []
    for key, value in tree_texts(tree.value):
        if skipped.intersection(part for part in key if isinstance(part, str)):
            continue
        if params := mark_params(value):
            field = next((part for part in reversed(key) if isinstance(part, str)), None)
            problems.append(problem(mark_code(own), path, *tree.at(key), field, **params))
    return problems


def marks_in_table(table: Table, own: bool) -> list[Problem]:
    """A problem at each header label and each cell of a text column of ``table`` with a stray mark (a typed
    column's cell with one is its type's error already), but in a primary key of the site's own, where any
    invisible character is a ``control-character`` already (rules.py)."""
    if not _may_hold_a_mark(table):
        return []
    types = {f.name: f.type for f in table.fields}
    keys = set(table.primary_key) if own else set()
    columns = [name for name in dict.fromkeys(table.header)
               if types.get(name, "string") in ("string", "any") and name not in keys]
    found = cells_at_fault(table, columns, lambda _, value: mark_params(value))
    place = CellPlace(table)
    problems = [problem(mark_code(own), table.rel, row.line, place.column(row.line, name), name, **params)
                for row, name, _, params in found]
    labels = table.labels or []
    header = [problem(mark_code(own), table.rel, 1, place.label_column(i), label, **params)
              for i, label in enumerate(labels) if (params := mark_params(label))]
    return header + problems


_MARK_BYTES = tuple(mark.encode() for mark in REORDERING_MARKS)


def _may_hold_a_mark(table: Table) -> bool:
    """Whether ``table`` may hold a mark: a CSV file in UTF-8 is looked at as bytes first, 0.03 s for a million rows
    where their distinct values took 0.7 s; JSON may escape one ("\\u200f") and another encoding writes it in other
    bytes, so they are looked at value by value, as a file that cannot be read again."""
    source = table.source
    if source is None or source.codec or source.format in JSON_FORMATS:
        return True
    try:
        data = source.read()
    except (OSError, Unreadable):
        return True
    return any(mark in data for mark in _MARK_BYTES)
