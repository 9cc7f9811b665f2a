"""The only stage that reads the datasets folder: descriptors, tables and YAML records, with positions.

Nothing here raises on bad input. Every read returns what it could read plus the problems it met, with the
file, line and column of each.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.core.problems import Problem, problem
from generator.core.settings import Settings
from generator.core.tree import Tree, load_json, load_yaml

DESCRIPTOR_NAMES = ("datapackage.json", "datapackage.yaml", "datapackage.yml")
DESCRIPTOR_SUFFIXES = (".package.json", ".package.yaml", ".package.yml")
_REMOTE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_SKIP_DIRS = {".git", "__pycache__", "node_modules", ".cache"}

csv.field_size_limit(64 * 1024 * 1024)


def is_descriptor(path: Path) -> bool:
    return path.name in DESCRIPTOR_NAMES or path.name.endswith(DESCRIPTOR_SUFFIXES)


def discover(datasets_dir: Path) -> list[Path]:
    """Descriptor files below ``datasets_dir``, in a stable order; symlinked folders are not followed."""
    found = []
    for path in sorted(datasets_dir.rglob("*")):
        if any(part in _SKIP_DIRS or part.startswith(".") for part in path.relative_to(datasets_dir).parts):
            continue
        if path.is_file() and is_descriptor(path):
            found.append(path)
    return found


# Bytes that only Vietnamese text encoded as Windows-1258 uses often: Đ đ Ơ ơ Ư ư Ă ă.
_CP1258_MARKERS = {0xD0, 0xF0, 0xD5, 0xF5, 0xDD, 0xFD, 0xC3, 0xE3}


def guess_encoding(data: bytes) -> str:
    """A likely name for bytes that are not UTF-8, for the hint that says how to convert them."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    high = {b for b in data if b >= 0x80}
    if len(high & _CP1258_MARKERS) >= 2:
        return "WINDOWS-1258"
    return "WINDOWS-1252"


def read_text(path: Path, settings: Settings) -> tuple[str | None, list[Problem]]:
    """The file's text (UTF-8, a BOM and CRLF accepted) or the problem that stopped reading it."""
    data, problems = _checked_bytes(path, settings)
    if data is None:
        return None, problems
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [problem("encoding", settings.relative(path), line, column, encoding=guess_encoding(data))]
    return text.replace("\r\n", "\n"), []


def open_lines(path: Path, settings: Settings) -> tuple[Iterable[str] | None, list[Problem]]:
    """The file's lines as ``read_text`` would give them, decoded as they are read: a 100 MB CSV is not
    also held as a 200 MB string. Iterating raises UnicodeDecodeError on bad bytes (``read_text`` then
    says where)."""
    data, problems = read_csv_bytes(path, settings)
    if data is None:
        return None, problems
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline="\n"), []


def read_csv_bytes(path: Path, settings: Settings) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes as ``read_text`` sees them before decoding: no BOM, "\n" line ends."""
    data, problems = _checked_bytes(path, settings)
    if data is None:
        return None, problems
    return (data[3:] if data.startswith(b"\xef\xbb\xbf") else data).replace(b"\r\n", b"\n"), []


def _checked_bytes(path: Path, settings: Settings) -> tuple[bytes | None, list[Problem]]:
    rel = settings.relative(path)
    if not path.is_file():
        return None, [problem("missing-file", rel, target=rel)]
    size = path.stat().st_size
    if size > settings.max_file_bytes:
        return None, [problem("file-too-large", rel, size=size, limit=settings.max_file_bytes)]
    return path.read_bytes(), []


def is_remote(value: object) -> bool:
    return isinstance(value, str) and bool(_REMOTE.match(value))


def resolve_inside(folder: Path, relpath: str) -> Path | None:
    """``relpath`` resolved inside ``folder``, or None when it (or a symlink on the way) leaves it."""
    if not relpath or relpath.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", relpath):
        return None
    if ".." in Path(relpath).parts:
        return None
    target = (folder / relpath).resolve()
    try:
        target.relative_to(folder.resolve())
    except ValueError:
        return None
    return target


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
    if text is None:
        return LoadedPackage(path, rel, Tree(), problems)
    tree = load_json(text, rel) if path.suffix == ".json" else load_yaml(text, rel, mode="descriptor")
    return LoadedPackage(path, rel, tree, problems + tree.problems)


def load_record(path: Path, settings: Settings) -> Tree:
    """A hand-written YAML record (e.g. a supervision session): every value stays text until typed."""
    rel = settings.relative(path)
    text, problems = read_text(path, settings)
    if text is None:
        return Tree(problems=problems)
    return load_yaml(text, rel, mode="records")


@dataclass(frozen=True)
class Dialect:
    delimiter: str = ","
    quotechar: str = '"'
    header: bool = True

    @classmethod
    def from_descriptor(cls, resource: dict) -> Dialect:
        dialect = resource.get("dialect") if isinstance(resource.get("dialect"), dict) else {}
        csv_part = dialect.get("csv") if isinstance(dialect.get("csv"), dict) else dialect
        delimiter = csv_part.get("delimiter") or ("\t" if resource.get("format") == "tsv" else ",")
        quote = csv_part.get("quoteChar") or '"'
        header = dialect.get("header", True) is not False
        return cls(str(delimiter)[:1] or ",", str(quote)[:1] or '"', header)


def iter_records(text: str, dialect: Dialect) -> Iterator[tuple[int, list[str]]]:
    """(physical line where the record starts, cells); a quoted cell may span lines, so these differ."""
    return iter_records_of(io.StringIO(text), dialect)


def iter_records_of(lines: Iterable[str], dialect: Dialect) -> Iterator[tuple[int, list[str]]]:
    """``iter_records`` over lines ending in "\n" (a text file read a line at a time, say)."""
    reader = csv.reader(lines, delimiter=dialect.delimiter, quotechar=dialect.quotechar)
    previous_end = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:
            return
        yield previous_end + 1, cells
        previous_end = reader.line_num


def cell_column(line_text: str, index: int, dialect: Dialect) -> int:
    """1-based column where cell ``index`` starts on a record's first line (quotes respected)."""
    cell, in_quotes = 0, False
    for offset, char in enumerate(line_text):
        if cell == index:
            return offset + 1
        if char == dialect.quotechar:
            in_quotes = not in_quotes
        elif char == dialect.delimiter and not in_quotes:
            cell += 1
    return len(line_text) + 1 if cell == index else 1
