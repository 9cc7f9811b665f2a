"""Read YAML and JSON into plain values plus a table of positions, never guessing types the YAML 1.1 way.

``yaml.safe_load`` turns ``010`` into 8, ``NO`` into False and crashes on ``2010-13-01`` without a line.
We compose nodes with ``BaseLoader`` (every scalar stays text) and keep each node's line and column, so
later checks can point at the exact key. Two typing modes:

* ``records``: every scalar is a string (or None when empty); the schema types it later.
* ``descriptor``: the YAML 1.2 core schema (true/false, integers without a leading zero, decimals, null),
  which is what a Data Package descriptor written in JSON would mean.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import yaml

from generator.core.problems import Problem, problem

Key = tuple[str | int, ...]

# LibYAML's loader is about ten times faster and keeps the same marks; PyYAML without it falls back.
_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_NULLS = {"", "~", "null", "Null", "NULL"}
_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?((0|[1-9][0-9]*)(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?")


@dataclass
class Tree:
    """A parsed document: its plain value, where each key path starts, and what went wrong."""

    value: object = None
    positions: dict[Key, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def at(self, key: Key) -> tuple[int | None, int | None]:
        """Line and column of the nearest located ancestor of ``key`` (1-based)."""
        while key not in self.positions and key:
            key = key[:-1]
        return self.positions.get(key, (None, None))


def load_yaml(text: str, path: str, mode: str = "records") -> Tree:
    tree = Tree()
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        detail = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        tree.problems.append(problem("yaml-syntax", path, line, column, detail=detail))
        return tree
    if node is not None:
        tree.value = _convert(node, (), tree, path, mode)
    return tree


def _convert(node: yaml.Node, key: Key, tree: Tree, path: str, mode: str) -> object:
    tree.positions[key] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, object] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            name = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else repr(key_node.value)
            line = key_node.start_mark.line + 1
            if name in first_seen:
                tree.problems.append(problem(
                    "duplicate-key", path, line, key_node.start_mark.column + 1, name, key=name,
                    first_line=first_seen[name]))
                continue
            first_seen[name] = line
            result[name] = _convert(value_node, key + (name,), tree, path, mode)
            # A key's own position is more useful than its value's when the value is a block.
            tree.positions[key + (name,)] = (line, key_node.start_mark.column + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, key + (i,), tree, path, mode) for i, item in enumerate(node.value)]
    return _scalar(node, mode)


def _scalar(node: yaml.ScalarNode, mode: str) -> object:
    text = node.value
    plain = node.style in (None, "")  # PyYAML says None, LibYAML says ""
    if not plain:
        return text
    if text in _NULLS:
        return None
    if mode != "descriptor":
        return text
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if _INT.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text) and any(c.isdigit() for c in text):
        return float(text)
    return text


def load_json(text: str, path: str) -> Tree:
    """JSON with duplicate keys reported; positions come from composing it as YAML where that works."""
    tree = Tree()
    duplicates: list[str] = []

    def pairs(items: list[tuple[str, object]]) -> dict:
        seen: dict[str, object] = {}
        for name, value in items:
            if name in seen:
                duplicates.append(name)
            seen[name] = value
        return seen

    try:
        tree.value = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        tree.problems.append(problem("json-syntax", path, exc.lineno, exc.colno, detail=exc.msg))
        return tree
    located = load_yaml(text.replace("\t", " "), path, mode="descriptor")
    if not any(p.code == "yaml-syntax" for p in located.problems):
        tree.positions = located.positions
        tree.problems.extend(p for p in located.problems if p.code == "duplicate-key")
    else:
        tree.problems.extend(
            problem("duplicate-key", path, None, None, name, key=name, first_line="?") for name in duplicates)
    return tree
