"""Ids and codes hold only characters that show: an id is compared as written but read as shown, so 'K0'+U+00AD+'1'
beside 'K01' were two conclusions of one session that read alike, with two statuses, and each its own anchor.
Running text may hold such a character for a reason (a soft hyphen, ZWNJ in Persian, a variation selector in an
emoji); an id or a code has none. The error is the ``control-character`` of the characters no text may hold
(core/text.py: CONTROL_RANGES, INVISIBLE_RANGES), at the value, naming the character."""

from __future__ import annotations

from generator.core.problems import Problem, problem
from generator.core.read.limits import invisible_params
from generator.core.read.tree import Key, Tree


def invisible_in_codes(tree: Tree, path: str, keys: frozenset[str]) -> list[Problem]:
    """A ``control-character`` error at each value of ``tree`` under one of ``keys`` (at any depth: a text, or a
    list of texts) that holds a character showing nothing."""
    problems = []
    for key, value in _codes(tree.value, (), keys, False):
        if params := invisible_params(value):
            field = next(part for part in reversed(key) if isinstance(part, str))
            problems.append(problem("control-character", path, *tree.at(key), field, **params))
    return problems


def _codes(value: object, key: Key, keys: frozenset[str], code: bool) -> list[tuple[Key, str]]:
    if isinstance(value, str):
        return [(key, value)] if code else []
    if isinstance(value, dict):
        return [found for name, item in value.items() for found in _codes(item, (*key, name), keys, name in keys)]
    if isinstance(value, list):
        return [found for i, item in enumerate(value) for found in _codes(item, (*key, i), keys, code)]
    return []
