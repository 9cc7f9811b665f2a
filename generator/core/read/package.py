"""Descriptors and hand-written YAML records as read: plain values with a table of positions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
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
    inlined: dict | None = None  # the descriptor with its schema and dialect files read in (``with_files_inlined``)

    @property
    def folder(self) -> Path:
        return self.descriptor_path.parent

    @property
    def descriptor(self) -> dict:
        """The descriptor the data is read and published by: a schema or dialect kept in a file of its own is
        in it, once the checks have read that file (``with_files_inlined``)."""
        return self.inlined if self.inlined is not None else self.written

    @property
    def written(self) -> dict:
        """The descriptor as its file says it, schema and dialect files named, not read: the positions of
        problems, and what Frictionless reads (it places an error in a schema file in that file)."""
        return self.tree.value if isinstance(self.tree.value, dict) else {}

    def at(self, *key: str | int) -> tuple[int | None, int | None]:
        return self.tree.at(tuple(key))


def role_of(descriptor: dict) -> str:
    """A package's ``x-minhbach.role`` ("" for none): the site looks up the codes of a package with one, and reads
    its text as its own."""
    extension = descriptor.get("x-minhbach")
    return str(extension.get("role", "")) if isinstance(extension, dict) else ""


REFERENCED = ("schema", "dialect")  # a resource's keys that may name a file holding their value


def with_files_inlined(loaded: LoadedPackage, settings: Settings) -> LoadedPackage:
    """``loaded`` whose ``descriptor`` holds each schema and dialect that a resource keeps in a file of its own,
    read from that file (which the descriptor checks found and read without an error). Read by name only, the
    tables had no column types and a dialect file's delimiter was never used: a ';'-separated file that
    Frictionless validated as two columns was published as one, and the published descriptor named a file
    that is not published."""
    resources = loaded.written.get("resources")
    if not isinstance(resources, list) or not any(
            isinstance(r, dict) and isinstance(r.get(key), str) for r in resources for key in REFERENCED):
        return loaded
    def read(relpath: str) -> dict:
        return load_descriptor(loaded.folder / relpath, settings).written

    inlined = [inline_references(r, read) if isinstance(r, dict) else r for r in resources]
    return replace(loaded, inlined={**loaded.written, "resources": inlined})


def inline_references(resource: dict, read: Callable[[str], dict]) -> dict:
    """``resource`` with each of its ``REFERENCED`` keys that names a file replaced by ``read`` of that name (the
    working tree's file, or a commit's: changes/history.read_rows)."""
    return {key: read(value) if key in REFERENCED and isinstance(value, str) else value
            for key, value in resource.items()}


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
