"""Reading files from the datasets folder safely: inside the tree, within the size limit, as UTF-8 text (a data
file whose resource declares another encoding is read in it, and given to every reader as UTF-8).

Nothing here raises on bad input: each read returns what it could read plus the problems it met, with the
file, line and column of each.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

from generator.core.problems import Problem, problem
from generator.core.read.formats import Unreadable, read_decompressed
from generator.core.read.limits import first_control
from generator.core.read.tree import key_at
from generator.core.settings import Settings
from generator.core.walk import walk

DESCRIPTOR_NAMES = ("datapackage.json", "datapackage.yaml", "datapackage.yml")
DESCRIPTOR_SUFFIXES = (".package.json", ".package.yaml", ".package.yml")
_REMOTE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_SKIP_DIRS = {".git", "__pycache__", "node_modules", ".cache"}


def is_descriptor(path: Path) -> bool:
    return path.name in DESCRIPTOR_NAMES or path.name.endswith(DESCRIPTOR_SUFFIXES)


def discover(datasets_dir: Path) -> list[Path]:
    """Descriptor files below ``datasets_dir``, in a stable order; symlinked folders are not followed."""
    return [path for path in _visible_files(datasets_dir) if is_descriptor(path)]


# Files that hold data: in a folder without a descriptor (in it or above it), nothing would read them.
DATA_SUFFIXES = frozenset({".csv", ".tsv", ".json", ".jsonl", ".ndjson", ".yaml", ".yml", ".xlsx", ".xls",
                           ".ods", ".gz", ".zip", ".bz2", ".xz"})


def _visible_files(datasets_dir: Path) -> list[Path]:
    """Every file below ``datasets_dir`` but in hidden and tool folders, in a stable order; symlinked folders
    are not entered. Listed from the folders' entries, which say what each is without a ``stat`` of its own
    (a national project's 2,000 files were listed twice a build, one ``stat`` each)."""
    return _walk(datasets_dir)[0]


def _walk(datasets_dir: Path) -> tuple[list[Path], list[Path], list[Path]]:
    """The visible files (``_visible_files``), the symbolic links among the entries walked (to a file or a
    folder, or to nothing) and the hidden and tool folders left out (not links), each list in a stable order."""
    found: list[Path] = []
    links: list[Path] = []
    skipped: list[Path] = []

    # A list of the folders to visit, not a recursion: a folder 1,000 deep (a file at a long path, in git) stopped
    # validate and build with a RecursionError (exit 2)
    folders = [str(datasets_dir)] if datasets_dir.is_dir() else []
    while folders:
        try:
            entries = list(os.scandir(folders.pop()))
        except OSError:  # unreadable, or gone meanwhile: left out, as ``Path.rglob`` leaves it
            continue
        for entry in entries:
            if entry.name in _SKIP_DIRS or entry.name.startswith("."):
                if entry.is_dir(follow_symlinks=False):
                    skipped.append(Path(entry.path))
                continue
            if entry.is_symlink():
                links.append(Path(entry.path))
            if entry.is_dir(follow_symlinks=False):
                folders.append(entry.path)
            elif _is_file(entry):
                found.append(Path(entry.path))
    return sorted(found), sorted(links), sorted(skipped)


def skipped_packages(datasets_dir: Path) -> list[tuple[Path, Path]]:
    """(descriptor, the folder left out) for each package descriptor in a hidden or tool folder below
    ``datasets_dir`` (``ds/.q/``, ``ds/node_modules/``), which the datasets' walk never enters: a package copied
    there vanished from the site without a word. A git repository's own folder is not searched (its files are
    git's, compressed)."""
    found = []
    for folder in _walk(datasets_dir)[2]:
        if folder.name == ".git":
            continue
        for top, folders, names in walk(folder):
            folders[:] = sorted(name for name in folders if name != ".git")
            found += [(Path(top) / name, folder) for name in sorted(names) if is_descriptor(Path(name))]
    return found


def _is_file(entry: os.DirEntry) -> bool:
    """Whether ``entry`` is a file, or a link to one; not a link that leads nowhere or round in a loop (``ln -s
    x.csv x.csv``: asking raised "Too many levels of symbolic links" and stopped validate and build with exit 2;
    ``links_leaving`` reports such a link, at itself, as it does one that leaves its package)."""
    try:
        return entry.is_file()
    except OSError:
        return False


def links_leaving(datasets_dir: Path) -> list[tuple[Path, Path]]:
    """(link, the folder it leaves) for each symbolic link below ``datasets_dir`` whose target is outside the
    package folder holding it (the datasets folder, outside any package): a linked folder is never entered and a
    session file linked from elsewhere is never read, and both were left out without a word (nothing outside the
    datasets is read; this says so)."""
    files, links, _ = _walk(datasets_dir)
    packages = {path.parent for path in files if is_descriptor(path)}
    leaving = []
    for link in links:
        home = next((f for f in link.parents if f in packages), datasets_dir)
        if resolve_inside(home, link.relative_to(home).as_posix()) is None:
            leaving.append((link, home))
    return leaving


def orphan_data(datasets_dir: Path) -> dict[Path, list[str]]:
    """Folders holding data files that no descriptor covers (none in the folder or above it, up to
    ``datasets_dir``), with those files' names: a package whose descriptor was deleted or misnamed would
    otherwise vanish from the site without a word."""
    files = _visible_files(datasets_dir)
    covered = {path.parent for path in files if is_descriptor(path)}
    orphans: dict[Path, list[str]] = {}
    for path in files:
        if path.suffix.lower() not in DATA_SUFFIXES or is_descriptor(path):
            continue
        folders = [path.parent, *path.parent.parents]
        folders = folders[: folders.index(datasets_dir) + 1] if datasets_dir in folders else folders[:1]
        if not covered.intersection(folders):
            orphans.setdefault(path.parent, []).append(path.name)
    return orphans


def zipped_package(folder: Path, names: list[str]) -> str:
    """The first of ``names`` (files in ``folder``) that is a zip holding a package descriptor (a data package
    zipped, as ``frictionless validate package.zip`` reads it and as the site's own ``tai-ve/<package>.zip`` are),
    else "". Only the archive's list of names is read: nothing is decompressed."""
    for name in names:
        if not name.lower().endswith(".zip"):
            continue
        try:
            with zipfile.ZipFile(folder / name) as archive:
                if any(is_descriptor(Path(member)) for member in archive.namelist()):
                    return name
        except (zipfile.BadZipFile, OSError, ValueError):  # not a zip after all: the usual hint
            continue
    return ""


# Bytes that only Vietnamese text encoded as Windows-1258 uses often: Đ đ Ơ ơ Ư ư Ă ă.
_CP1258_MARKERS = {0xD0, 0xF0, 0xD5, 0xF5, 0xDD, 0xFD, 0xC3, 0xE3}


def guess_encoding(data: bytes) -> str:
    """A likely name for bytes that are not UTF-8, for the hint that says how to convert them. A Latin script
    writes a byte over 127 here and there (é, ư, ồ: at most three in a row); Greek or Cyrillic writes whole words
    of them, and is named as chardet (Frictionless's own guesser) names it: the Vietnamese markers below are Greek
    letters too, and a Greek file was once told to be converted from WINDOWS-1258, into nonsense."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    if _in_words_of_high_bytes(data) > 0.5:
        return _charset_named(data) or "WINDOWS-1252"
    high = {b for b in data if b >= 0x80}
    if len(high & _CP1258_MARKERS) >= 2:
        return "WINDOWS-1258"
    return "WINDOWS-1252"


_HIGH_WORDS = re.compile(rb"[\x80-\xff]{4,}")  # four bytes over 127 in a row: no Latin script's word has them


def _in_words_of_high_bytes(data: bytes) -> float:
    """The share of ``data``'s bytes over 127 that stand in runs of four or more (a non-Latin script's words)."""
    high = sum(1 for b in data if b >= 0x80)
    return sum(len(run) for run in _HIGH_WORDS.findall(data)) / high if high else 0.0


def _charset_named(data: bytes) -> str | None:
    """chardet's name for the encoding of ``data`` (upper case, as iconv takes it), or None where it names none
    or a Unicode one (these bytes are no UTF-8). Not only a single-byte one: a Japanese or Chinese file (CP932,
    GB18030, BIG5) was told to be converted from WINDOWS-1252, into nonsense."""
    import chardet  # Frictionless's dependency, for its own guess: imported only on this error's path

    found = chardet.detect(data[:100_000]).get("encoding")
    if not found:
        return None
    try:
        name = codecs.lookup(found).name
    except LookupError:
        return None
    return None if name.startswith("utf") or name == "ascii" else found.upper()


def read_text(path: Path, settings: Settings) -> tuple[str | None, list[Problem]]:
    """The file's text (UTF-8, a BOM and CRLF accepted) or the problem that stopped reading it. A control
    character is a problem too (the text is still returned, so that the rest of the file is checked)."""
    text, problems = read_data_text(path, settings)
    if text is not None:
        problems += control_problems(text, settings.relative(path))
    return text, problems


# Python's text codecs that are no character set of a file but transforms of text: they are refused
# (``unsupported-encoding``) before Frictionless would decode a file with them (Python's punycode decoder takes
# time that grows with the square of its input: a pull request could hold a build with one line).
NOT_CHARSETS = frozenset({"idna", "punycode", "unicode-escape", "raw-unicode-escape", "undefined"})


def text_codec(encoding: object) -> str | None:
    """The encoding a resource's ``encoding`` names when it is not UTF-8, as the descriptor writes it (Python
    decodes with any of its names: "windows-1258", "ISO-8859-1"; a problem quotes it as the maintainer wrote it,
    not as Python's "cp1258"); None for UTF-8, said or not, and for a name that is no character set, which the
    descriptor's check refuses before any file is read (``unsupported_encoding``)."""
    name = _text_codec_name(encoding)
    if name in (None, "utf-8", "utf-8-sig") or name in NOT_CHARSETS:
        return None
    return str(encoding).strip()


def unsupported_encoding(encoding: object) -> bool:
    """Whether ``encoding`` (a name) names no character set a text file is written in: a name Python does not know
    ("klingon", "utf-9"), a codec that is no text encoding ("base64"), or a text codec that is no character set
    (``NOT_CHARSETS``). Frictionless reported the first two at the resource's ``path``, with its generic hint."""
    if not isinstance(encoding, str) or not encoding:  # "": no encoding said (UTF-8), for Frictionless too
        return False
    name = _text_codec_name(encoding)
    return name is None or name in NOT_CHARSETS


def _text_codec_name(encoding: object) -> str | None:
    """Python's name of the text codec ``encoding`` names; None for none (not a name, unknown, or a codec that is
    no text encoding: "base64", "zlib", "rot13", which bytes.decode refuses with LookupError, not for empty bytes,
    hence four)."""
    if not isinstance(encoding, str) or not encoding.strip():
        return None
    try:
        name = codecs.lookup(encoding.strip()).name
        with contextlib.suppress(UnicodeError):  # bytes it cannot decode: a text encoding all the same
            b"\x00\x00\x00\x00".decode(name)
    except LookupError:
        return None
    return name


def read_data_text(path: Path, settings: Settings, compression: str | None = None,
                   innerpath: str | None = None, codec: str | None = None) -> tuple[str | None, list[Problem]]:
    """A data file's text as every reader sees it (decompressed, see ``read_data``), or the problem."""
    data, problems = read_data(path, settings, compression, innerpath, codec)
    if data is None:
        return None, problems
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        code = "encoding-in-archive" if compression else "encoding"
        return None, [problem(code, settings.relative(path), line, column, encoding=guess_encoding(data))]


def control_problems(text: str, rel: str) -> list[Problem]:
    """The first control character of a YAML or JSON text, at its line and column and named by its key."""
    found = first_control(text)
    if found is None:
        return []
    line, column, params = found
    return [problem("control-character", rel, line, column, key_at(text, line, column), **params)]


def decoded(data: bytes) -> str:
    """Text as every reader sees it: UTF-8, a byte-order mark dropped, "\n" line ends. Raises
    UnicodeDecodeError."""
    return normalised(data).decode("utf-8")


def normalised(data: bytes) -> bytes:
    """The bytes of a text file without a byte-order mark and with "\n" line ends. A lone CR ends a line
    too, as it does for Frictionless (and in files saved by old Mac software): read otherwise, a file whose
    lines end in CR is one line, and Python's csv module stops at it. A CRLF or a lone CR between double quotes is
    not a line's end but a cell's text (a CSV cell written over two lines), and stays as written: Frictionless
    reads "a\r\nb" and "a\rb" there, which the JSON download had as "a\nb".

    A file without a lone CR: the text between the n-th and the next double quote is in quotes when n is odd, a
    doubled quote ("") included: it closes and opens again. After a stray quote (5" in an unquoted cell) that is
    the other way round: the rows' CRLFs are left, at which the csv module ends rows all the same, and a quoted
    cell's are made LF, as every one was before. A row's lone CR left so would end no row, so a file with one is
    read quote by quote (``_quoted``), which tells a stray quote from one that opens a cell."""
    data = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    if b"\r" not in data:
        return data
    if _LONE_CR.search(data) is None:
        parts = data.split(b'"')
        parts[::2] = [part.replace(b"\r\n", b"\n") for part in parts[::2]]
        return b'"'.join(parts)
    pieces, end = [], 0
    for start, stop in _quoted(data):
        pieces += [_LINE_END.sub(b"\n", data[end:start]), data[start:stop]]
        end = stop
    pieces.append(_LINE_END.sub(b"\n", data[end:]))
    return b"".join(pieces)


_LONE_CR = re.compile(rb"\r(?!\n)")
_LINE_END = re.compile(rb"\r\n?")
_QUOTE = re.compile(rb'"')


def _quoted(data: bytes) -> list[tuple[int, int]]:
    """The (start, end) of the text inside each quoted cell of ``data``, as the csv module reads it: a quote opens a
    cell where a cell starts, not after a letter or a digit of an unquoted one (5" wide is a stray quote), and the
    next quote closes it (a doubled quote closes it and opens it again). Whatever the delimiter, a letter or digit
    is no delimiter, so one before a quote says it is stray."""
    spans, start = [], None
    for match in _QUOTE.finditer(data):
        at = match.start()
        if start is not None:
            spans.append((start, at))
            start = None
        elif at == 0 or not _in_word(data[at - 1]):
            start = at + 1
    if start is not None:  # a quote left open: the csv module refuses the file there (csv-error)
        spans.append((start, len(data)))
    return spans


def _in_word(byte: int) -> bool:
    """Whether ``byte`` is a letter or digit (or part of a character beyond ASCII, one of the letters of most)."""
    return byte >= 0x80 or chr(byte).isalnum()


def open_lines(path: Path, settings: Settings, compression: str | None = None,
               innerpath: str | None = None, codec: str | None = None) -> tuple[Iterable[str] | None, list[Problem]]:
    """The file's lines as ``read_data_text`` would give them, decoded as they are read: a 100 MB CSV is
    not also held as a 200 MB string. Iterating raises UnicodeDecodeError on bad bytes (``read_data_text``
    then says where)."""
    data, problems = read_data(path, settings, compression, innerpath, codec)
    if data is None:
        return None, problems
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline="\n"), []


def read_csv_bytes(path: Path, settings: Settings, compression: str | None = None,
                   innerpath: str | None = None, codec: str | None = None) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes as ``read_text`` sees them before decoding: UTF-8, no BOM, "\n" line ends."""
    return read_data(path, settings, compression, innerpath, codec)


def read_data(path: Path, settings: Settings, compression: str | None = None,
              innerpath: str | None = None, codec: str | None = None) -> tuple[bytes | None, list[Problem]]:
    """A file's bytes, decompressed when ``compression`` says so (within the size limit, see
    ``formats.read_decompressed``), in UTF-8 when ``codec`` (``text_codec``) says what they are written in,
    without a BOM and with "\n" line ends; or the problem."""
    data, problems = _checked_bytes(path, settings)
    if data is not None and compression:
        try:
            data, _ = read_decompressed(path, compression, innerpath, settings.max_file_bytes)
        except Unreadable as unreadable:
            target = settings.relative(path)
            return None, [problem(unreadable.code, target, target=target, **unreadable.params)]
    if data is not None and codec:
        try:
            data = as_utf8(data, codec)
        except UnicodeError as exc:  # UnicodeDecodeError, at a byte; UnicodeError from a few codecs (utf-7)
            line, column = _position(data, getattr(exc, "start", 0))
            return None, [problem("declared-encoding", settings.relative(path), line, column, encoding=codec)]
    return (None if data is None else normalised(data)), problems


def as_utf8(data: bytes, codec: str | None) -> bytes:
    """``data``, written in ``codec`` (None: UTF-8 already), as UTF-8; raises UnicodeDecodeError."""
    return data.decode(codec).encode("utf-8") if codec else data


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """The line and column of byte ``offset`` (counted in bytes: exact for the one-byte encodings)."""
    return data[:offset].count(b"\n") + 1, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


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
    """``relpath`` resolved inside ``folder``, or None when it (or a symlink on the way) leaves it or loops."""
    if not relpath or relpath.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", relpath):
        return None
    if ".." in Path(relpath).parts:
        return None
    try:
        target = (folder / relpath).resolve()
        target.relative_to(folder.resolve())
    except (ValueError, RuntimeError, OSError):  # outside; or a symbolic link loop on the way, which leads nowhere
        return None
    return target
