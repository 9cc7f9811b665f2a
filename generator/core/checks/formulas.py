"""Text in hand-written YAML records that a spreadsheet would run as a formula, once it is in a downloaded CSV
(the supervision sessions' text becomes sessions.csv, recommendations.csv...): the same ``formula-like``
warning the CSV tables get (rules.py), at the value's line."""

from __future__ import annotations

from generator.core.checks.rules import formula_start
from generator.core.problems import Problem, problem
from generator.core.read.tree import Key, Tree


def formula_like_in_tree(tree: Tree, path: str) -> list[Problem]:
    """A ``formula-like`` warning for every text value of ``tree`` that looks like a formula."""
    problems = []
    for key, value in tree_texts(tree.value):
        if (start := formula_start(value)) is not None:
            line, column = tree.at(key)
            field = next((k for k in reversed(key) if isinstance(k, str)), None)
            problems.append(problem("formula-like", path, line, column, field, char=start))
    return problems


def tree_texts(value: object, key: Key = ()) -> list[tuple[Key, str]]:
    """Each text in ``value`` (a tree's value, at any depth) with its key."""
    if isinstance(value, str):
        return [(key, value)]
    if isinstance(value, dict):
        return [found for name, item in value.items() for found in tree_texts(item, key + (name,))]
    if isinstance(value, list):
        return [found for i, item in enumerate(value) for found in tree_texts(item, key + (i,))]
    return []
