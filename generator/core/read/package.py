"""Descriptors and hand-written YAML records as read: plain values with a table of positions."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.core import kept
from generator.core.cache import file_digest
from generator.core.problems import Problem
from generator.core.read.files import read_text
from generator.core.read.tree import Tree, load_json, load_yaml
from generator.core.settings import Settings


def resource_paths(resource: dict) -> list[str]:
    """A resource's local path or paths (``path`` may be a string or a list of parts; a part that is not a
    string is left out here and reported by the descriptor checks)."""
    path = resource.get("path")
    if isinstance(path, str):
        return [path]
    if isinstance(path, list):
        return [p for p in path if isinstance(p, str)]
    return []


@dataclass
class LoadedPackage:
    """A descriptor as read: its folder, plain value, positions and the problems met while reading."""

    descriptor_path: Path
    rel: str
    tree: Tree
    problems: list[Problem] = field(default_factory=list)

    @property
    def folder(self) -> Path:
        return self.descriptor_path.parent

    @property
    def descriptor(self) -> dict:
        return self.tree.value if isinstance(self.tree.value, dict) else {}

    def at(self, *key: str | int) -> tuple[int | None, int | None]:
        return self.tree.at(tuple(key))


def load_descriptor(path: Path, settings: Settings) -> LoadedPackage:
    rel = settings.relative(path)
    text, problems = read_text(path, settings)
    if text is None or problems:  # a control character: neither YAML nor JSON would read on
        return LoadedPackage(path, rel, Tree(), problems)
    tree = load_json(text, rel) if path.suffix == ".json" else load_yaml(text, rel, mode="descriptor")
    return LoadedPackage(path, rel, tree, problems + tree.problems)


def load_record(path: Path, settings: Settings) -> Tree:
    """A hand-written YAML record (e.g. a supervision session): every value stays text until typed. A serving
    process keeps it while the file is unchanged (core/kept.py; nothing changes a tree once read)."""
    return kept.by_content("record", lambda: (str(path.resolve()), file_digest(path), settings.max_file_bytes,
                                              str(settings.root.resolve())), lambda: _read_record(path, settings))


def _read_record(path: Path, settings: Settings) -> Tree:
    rel = settings.relative(path)
    text, problems = read_text(path, settings)
    if text is None or problems:
        return Tree(problems=problems)
    return load_yaml(text, rel, mode="records")
