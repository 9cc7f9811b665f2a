"""One cache for everything a build can reuse: Frictionless verdicts, rendered charts, download files,
finished pages and the record of the last build.

The rules are the same for every value:

* **Keys.** ``Cache.key(namespace, inputs, code)`` hashes the inputs that made a value together with the
  digest of the code that made it (``code_digest``: the source of a module and of every generator module it
  imports, read from the files). Editing that code changes the key; nobody bumps a version by hand.
* **Entries check themselves.** A blob is stored with the SHA-256 of its payload and checked when read; a
  folder entry (downloads, served straight from disk) lists the SHA-256 of each file. An entry that fails
  its check is deleted, counted in ``stats.discarded`` and made again, so a corrupted cache is never
  published.
* **Writes are atomic** (a temporary name, then a rename), so a reader never sees half an entry, and two
  builds writing the same entry write the same bytes.
* **One pruning rule.** Reading an entry marks it used. After each successful build, ``finish_build``
  deletes the entries that neither this build nor the one before it used (KEEP_BUILDS), and leftovers of
  interrupted writes. It deletes only what the cache could have written: an entry-shaped name (``ENTRY``) in a
  shard of one of its own namespaces (``NAMESPACES``), never following a link.
* **The folder is ours, or refused.** A command checks its cache folder first (``refusal``): a new or empty
  folder becomes a cache, marked with a standard ``CACHEDIR.TAG`` (which also keeps backup tools out); a cache
  of an earlier version, recognised by its layout alone, is adopted; anything else (a folder holding other
  files, the datasets, the project, the home folder) is refused before anything is written into it. Pruning
  once deleted every old file two levels down whatever it was: ``--cache-dir .`` deleted a project's data and
  its ``.git``.

Deleting the cache folder is always safe: the next build is a cold one.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import pickle
import re
import shutil
import stat
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import BinaryIO

from generator.core.files import write_atomic

GENERATOR_DIR = Path(__file__).resolve().parent.parent
KEEP_BUILDS = 2  # entries used by this build or the previous one survive pruning
_MAGIC = b"minhbach-cache-1\n"
_INDEX = "index.json"
_BUILDS = "builds.json"
_LOCK = ".lock"
# The namespaces the generator writes (each module names its own: ``CHARTS = "charts"  # cache namespace``;
# tests/test_cache_folder.py checks that each is here) and one an earlier version wrote: pruning enters no other.
NAMESPACES = frozenset({"charts", "chunks", "deps", "downloads", "pages", "session-files", "site-charts",
                        "site-pages", "stamps", "table-wide", "templates", "theme", "units", "verdicts",
                        "validation"})
SHARD = re.compile(r"[0-9a-f]{2}")
# An entry's name: a SHA-256 key, with a suffix for a namespace that keeps several files a key (".svg", ".html").
ENTRY = re.compile(r"[0-9a-f]{64}(?:\.[a-z]{1,8})?")
# What an interrupted write leaves: ``files.open_atomic``'s ".<entry>.<pid>" and ``put_folder``'s ".tmp-<random>".
_TEMPORARY = re.compile(r"\.[0-9a-f]{64}(?:\.[a-z]{1,8})?\.(?:\d+|tmp)|\.tmp-[a-z0-9_]+")
_IMPORT = re.compile(r"^[ \t]*(?:from[ \t]+(generator(?:\.\w+)*)[ \t]+import[ \t]+(\([^)]*\)|[\w \t,]+)"
                     r"|import[ \t]+(generator(?:\.\w+)*))", re.M)


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0
    discarded: int = 0  # entries that failed their check and were made again


@dataclass
class Cache:
    """A cache folder; ``None`` as ``root`` caches nothing (every read misses, writes are dropped)."""

    root: Path | None
    stats: CacheStats = field(default_factory=CacheStats)

    # Keys ---------------------------------------------------------------------------------------------------

    @staticmethod
    def key(namespace: str, inputs: object, code: str) -> str:
        payload = json.dumps([namespace, code, inputs], sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def path(self, namespace: str, key: str) -> Path:
        assert self.root is not None
        return self.root / namespace / key[:2] / key

    def _entry(self, namespace: str, key: str) -> str:
        """``path`` as text, for a call made once an entry: a national save keeps ~18,600 entries, and making a
        Path of each cost three times the ``utime``."""
        return f"{self.root}/{namespace}/{key[:2]}/{key}"

    # Blobs --------------------------------------------------------------------------------------------------

    def get(self, namespace: str, key: str) -> bytes | None:
        """The payload stored under ``key``, or None when it is absent or failed its check (then deleted)."""
        if self.root is None:
            return None
        path = self.path(namespace, key)
        try:
            data = path.read_bytes()
        except OSError:
            self.stats.misses += 1
            return None
        payload = _checked(data)
        if payload is None:
            self._discard(path)
            return None
        _touch(path)
        self.stats.hits += 1
        return payload

    def keep(self, namespace: str, key: str) -> bool:
        """Whether an entry is stored, without reading it (a damaged one is found, and deleted, when read); a
        stored one is marked as used by this build, as reading it would, so that pruning keeps it."""
        if self.root is None:
            return False
        try:
            os.utime(self._entry(namespace, key))
        except OSError:
            return False
        return True

    def identity(self, namespace: str, key: str) -> tuple[int, int, int] | None:
        """An entry's file's size, modification time and inode, or None when it has none: what says it is still
        the file a process wrote (an entry is replaced whole, never changed in place)."""
        if self.root is None:
            return None
        try:
            found = os.stat(self._entry(namespace, key))
        except OSError:
            return None
        return found.st_size, found.st_mtime_ns, found.st_ino

    def has(self, namespace: str, key: str) -> bool:
        """Whether a sound entry is stored (read and checked, so that a later ``get`` can rely on it)."""
        return self.get(namespace, key) is not None

    def put(self, namespace: str, key: str, payload: bytes) -> None:
        if self.root is None:
            return
        digest = hashlib.sha256(payload).hexdigest().encode()
        write_atomic(self.path(namespace, key), _MAGIC + digest + b"\n" + payload)

    def get_json(self, namespace: str, key: str) -> object | None:
        data = self.get(namespace, key)
        try:
            return None if data is None else json.loads(data)
        except ValueError:
            return None

    def put_json(self, namespace: str, key: str, value: object) -> None:
        self.put(namespace, key, json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8"))

    def get_object(self, namespace: str, key: str) -> object | None:
        """A Python value stored by ``put_object``, or None when absent, failed its check, or no longer loads
        (a class it names was renamed: a stale entry is a miss, deleted and made again)."""
        data = self.get(namespace, key)
        if data is None:
            return None
        try:
            return pickle.loads(zlib.decompress(data))
        except (zlib.error, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            # deleted, so that it is made again: a unit's shell would otherwise keep pointing at it
            self._discard(self.path(namespace, key))
            return None

    def put_object(self, namespace: str, value: object, key: str | None = None) -> str:
        """Store a Python value (pickled: the cache is the project's own folder, written only by its builds)
        under ``key``, or under the digest of its pickle when ``key`` is None (the same value stored once);
        the key."""
        data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        key = key or hashlib.sha256(data).hexdigest()
        self.put(namespace, key, zlib.compress(data, 1))
        return key

    # Folder entries: files served from disk as they are (downloads) --------------------------------------------

    def folder(self, namespace: str, key: str, digest: Callable[[Path], str]) -> dict[str, Path] | None:
        """The files of a folder entry by name, each checked against the digest recorded when it was written
        (``digest`` hashes a file; the caller's own, memoised one, since it hashes these files anyway)."""
        if self.root is None:
            return None
        target = self.path(namespace, key)
        try:
            index = json.loads((target / _INDEX).read_text("utf-8"))
        except (OSError, ValueError):
            if target.exists():
                self._discard(target)
            else:
                self.stats.misses += 1
            return None
        files = {name: target / name for name in index}
        if not all(path.is_file() and digest(path) == index[name] for name, path in files.items()):
            self._discard(target)
            return None
        _touch(target)
        self.stats.hits += 1
        return files

    def put_folder(self, namespace: str, key: str, writers: dict[str, Callable[[BinaryIO], None]],
                   digest: Callable[[Path], str]) -> dict[str, Path]:
        """Write a folder entry (each file by its writer, streamed) and return its files."""
        assert self.root is not None
        target = self.path(namespace, key)
        target.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".tmp-", dir=target.parent))
        try:
            for name, write in writers.items():
                with (work / name).open("wb") as handle:
                    write(handle)
            index = {name: digest(work / name) for name in writers}
            (work / _INDEX).write_text(json.dumps(index, ensure_ascii=False, sort_keys=True), "utf-8")
            shutil.rmtree(target, ignore_errors=True)  # an entry that failed its check
            work.rename(target)
        except OSError:
            if not (target / _INDEX).is_file():
                raise
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return {name: target / name for name in writers}

    # One pruning rule, one lock ------------------------------------------------------------------------------

    def finish_build(self, started: float) -> int:
        """Record a successful build that started at ``started`` (a ``time.time()``) and delete what neither it
        nor the KEEP_BUILDS - 1 builds before it used; the number of entries deleted."""
        if self.root is None or not self.root.is_dir():
            return 0
        builds = sorted(self._builds() + [started])[-KEEP_BUILDS:]
        write_atomic(self.root / _BUILDS, json.dumps(builds).encode())
        cutoff = builds[0] if len(builds) >= KEEP_BUILDS else 0.0
        return self._prune(cutoff)

    def _builds(self) -> list[float]:
        try:
            value = json.loads((self.root / _BUILDS).read_text("utf-8"))
        except (OSError, ValueError):
            return []
        return [float(v) for v in value if isinstance(v, (int, float))] if isinstance(value, list) else []

    def _prune(self, cutoff: float) -> int:
        """Delete the entries last used before ``cutoff``, and temporary files left for an hour. Listed with
        ``os.scandir``, one stat an entry (pathlib's listing and two stats an entry took 27 ms of a city build)."""
        removed, abandoned = 0, time.time() - 3600
        for namespace in _folders(self.root, NAMESPACES.__contains__):
            for shard in _folders(namespace, SHARD.fullmatch):
                shard_name = os.path.basename(shard)
                with os.scandir(shard) as entries:
                    for entry in entries:
                        name = entry.name
                        ours = ENTRY.fullmatch(name) is not None and name.startswith(shard_name)
                        temporary = _TEMPORARY.fullmatch(name) is not None
                        if not (ours or temporary):
                            continue  # not a name the cache writes: not the cache's to delete
                        used = entry.stat(follow_symlinks=False).st_mtime
                        if (ours and used < cutoff) or (temporary and used < abandoned):
                            _remove(Path(entry.path))
                            removed += 1
        return removed

    @contextmanager
    def exclusive(self, wait: bool = True) -> Iterator[bool]:
        """Hold the cache's lock for a build: a second build waits (or, with ``wait=False``, gets False)."""
        if self.root is None:
            yield True
            return
        self.root.mkdir(parents=True, exist_ok=True)
        with (self.root / _LOCK).open("a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _discard(self, path: Path) -> None:
        _remove(path)
        self.stats.discarded += 1


# The cache folder: ours, or refused ------------------------------------------------------------------------------

TAG = "CACHEDIR.TAG"  # https://bford.info/cachedir/: tar --exclude-caches, borg, restic and others skip the folder
_TAG_SIGNATURE = b"Signature: 8a477f597d28d172789f06886806bc55"
_OWNER = "Minh Bạch"
TAG_TEXT = (f"{_TAG_SIGNATURE.decode()}\n"
            f"# This file is a cache directory tag created by {_OWNER} (minhbach).\n"
            "# For information about cache directory tags, see: https://bford.info/cachedir/\n"
            "# Đây là bộ nhớ đệm của Minh Bạch: xoá cả thư mục luôn an toàn (lần xây dựng sau chạy từ đầu).\n"
            "# This is Minh Bạch's cache: deleting the whole folder is always safe (the next build starts cold).\n")
_ROOT_FILES = frozenset({_BUILDS, _LOCK, TAG})
_ROOT_TEMPORARY = re.compile(r"\.(?:builds\.json|CACHEDIR\.TAG)\.\d+")  # open_atomic's, at the top


@dataclass(frozen=True)
class Protected:
    """A folder the cache may not be, nor hold (nor, with ``inside``, be inside): named in Vietnamese and English."""

    vi: str
    en: str
    path: Path
    inside: bool = False


def refusal(root: Path, protected: list[Protected]) -> tuple[str, str] | None:
    """Why ``root`` may not be the cache folder, in Vietnamese and English; None when it may (``claim`` then
    marks it). The cache deletes what it wrote, so it must know what it wrote: a folder with anything else in it
    is refused, unless it is a cache of an earlier version (the same layout, no tag yet)."""
    root = root.resolve()
    places = [(place, place.path.resolve()) for place in protected]
    for place, folder in places:
        if root == folder:
            return f"đó là {place.vi}", f"it is {place.en}"
    for place, folder in places:
        if place.inside and root.is_relative_to(folder):
            return f"nó nằm trong {place.vi} ({folder})", f"it is inside {place.en} ({folder})"
    for place, folder in places:
        if folder.is_relative_to(root):
            return f"nó chứa {place.vi} ({folder})", f"it holds {place.en} ({folder})"
    if ".git" in root.parts:
        return "nó nằm trong thư mục .git của một kho git", "it is inside the .git folder of a git repository"
    if root.exists() and not root.is_dir():
        return "đó là một tệp, không phải thư mục", "it is a file, not a folder"
    if not root.is_dir():
        return None
    tag = root / TAG
    if tag.exists() or tag.is_symlink():
        return None if _our_tag(tag) else (
            f"tệp {tag} của nó không do Minh Bạch viết (đó là bộ nhớ đệm của một chương trình khác)",
            f"its {tag} was not written by Minh Bạch (it is another program's cache)")
    foreign = _foreign(root)
    if foreign is not None:
        return (f"nó chứa '{foreign}', không do Minh Bạch viết (thư mục không có tệp {TAG} của Minh Bạch)",
                f"it holds '{foreign}', which Minh Bạch did not write (the folder has no {TAG} of Minh Bạch's)")
    return None


def claim(root: Path) -> None:
    """Make ``root`` (which ``refusal`` accepted) a marked cache folder: created when absent, tagged."""
    root.mkdir(parents=True, exist_ok=True)
    if not (root / TAG).is_file():
        write_atomic(root / TAG, TAG_TEXT.encode("utf-8"))


def _our_tag(tag: Path) -> bool:
    """Whether ``tag`` is a CACHEDIR.TAG that Minh Bạch wrote: a file (not a link), the standard's signature first,
    our name in its comment."""
    if tag.is_symlink() or not tag.is_file():
        return False
    with tag.open("rb") as handle:
        head = handle.read(1024)
    return head.startswith(_TAG_SIGNATURE) and _OWNER.encode("utf-8") in head


def _foreign(root: Path) -> str | None:
    """The first thing in ``root`` (by name, as a path from it) that a cache of this layout never holds; None when
    all of it is: namespaces of shards of entries, the record of builds and the lock. A cache of an earlier version
    has no tag; this is how it is told from a folder of someone's files."""
    for entry in _sorted_entries(root):
        if entry.is_symlink():
            return entry.name
        if not entry.is_dir():
            if entry.name not in _ROOT_FILES and _ROOT_TEMPORARY.fullmatch(entry.name) is None:
                return entry.name
            continue
        if entry.name not in NAMESPACES:
            return entry.name
        for shard in _sorted_entries(entry.path):
            where = f"{entry.name}/{shard.name}"
            if shard.is_symlink() or not shard.is_dir() or SHARD.fullmatch(shard.name) is None:
                return where
            for item in _sorted_entries(shard.path):
                ours = ENTRY.fullmatch(item.name) is not None and item.name.startswith(shard.name)
                if item.is_symlink() or not (ours or _TEMPORARY.fullmatch(item.name)):
                    return f"{where}/{item.name}"
    return None


def _sorted_entries(folder: str | Path) -> list[os.DirEntry]:
    with os.scandir(folder) as entries:
        return sorted(entries, key=lambda entry: entry.name)


def _folders(folder: str | Path, named: Callable[[str], object]) -> list[str]:
    """The folders in ``folder`` whose name ``named`` accepts; a link to a folder is not one."""
    with os.scandir(folder) as entries:
        return [entry.path for entry in entries if named(entry.name) and entry.is_dir(follow_symlinks=False)]


def _checked(data: bytes) -> bytes | None:
    if not data.startswith(_MAGIC):
        return None
    digest, _, payload = data[len(_MAGIC):].partition(b"\n")
    return payload if hashlib.sha256(payload).hexdigest().encode() == digest else None


def _touch(path: Path) -> None:
    with suppress(OSError):
        os.utime(path)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


# Digests of files and of code --------------------------------------------------------------------------------

@lru_cache(maxsize=65536)
def _file_digest(path: Path, size: int, mtime_ns: int) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_digest(path: Path) -> str:
    """SHA-256 of a file, read a block at a time; memoised on (path, size, modification time) in a process.
    One system call to know all that (``is_file`` then ``stat`` made two, 14,000 times a national save)."""
    try:
        found = path.stat()
    except ValueError:  # a path no system call takes (a NUL byte in it)
        return "missing"
    except OSError as error:
        if error.errno in _NOT_THERE:
            return "missing"
        raise
    if not stat.S_ISREG(found.st_mode):
        return "missing"
    return _file_digest(path, found.st_size, found.st_mtime_ns)


# What ``Path.is_file`` takes for "no file here" rather than an error to raise (pathlib's ``_IGNORED_ERRNOS``;
# a permission refused is raised, as it was)
_NOT_THERE = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})


@cache  # asked ~4,000 times a build (each code digest walks the imports), two stats each
def _module_file(module: str) -> Path | None:
    base = GENERATOR_DIR.parent.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


@cache
def _imports(path: Path) -> tuple[str, ...]:
    """Generator modules named by the import statements of a source file (at any depth: a function-level
    import is code too)."""
    found = []
    for match in _IMPORT.finditer(path.read_text("utf-8")):
        if match[3]:
            found.append(match[3])
            continue
        found.append(match[1])
        names = match[2].replace("(", " ").replace(")", " ").split(",")
        found += [f"{match[1]}.{n.split(' as ')[0].strip()}" for n in names if n.strip()]
    return tuple(m for m in found if _module_file(m) is not None)


def code_modules(*modules: str) -> frozenset[str]:
    """``modules`` and every generator module they import, transitively."""
    seen: set[str] = set()
    todo = list(modules)
    while todo:
        module = todo.pop()
        path = _module_file(module)
        if module in seen or path is None:
            continue
        seen.add(module)
        todo += _imports(path)
    return frozenset(seen)


@cache
def code_digest(*modules: str) -> str:
    """The digest of the source of ``code_modules(*modules)``: what a cached value must be made again for
    when it changes."""
    digest = hashlib.sha256()
    for module in sorted(code_modules(*modules)):
        digest.update(module.encode() + b"\0" + _module_file(module).read_bytes() + b"\0")
    return digest.hexdigest()


@cache
def package_digest() -> str:
    """The digest of every file of the generator package: code, templates, locales, static files."""
    digest = hashlib.sha256()
    for path in sorted(GENERATOR_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(GENERATOR_DIR).as_posix().encode() + b"\0" + file_digest(path).encode())
    return digest.hexdigest()


@cache
def tool_versions(*distributions: str) -> str:
    """The installed versions of ``distributions`` ("matplotlib=3.9.2 pillow=11.0.0"; "" for one not installed):
    part of the key of whatever they make (charts, pages, units), so that an upgrade makes it again, as a
    code change does, and a cached value is never one an older library made."""
    found = _versions_for_keys()
    return " ".join(f"{name}={found.get(_normalised(name), '')}" for name in distributions)


@cache
def _versions_for_keys() -> dict[str, str]:
    """``installed_versions`` listed once a process for ``tool_versions``, whatever distributions it is asked
    about (five sets a build: charts, pages, units, the theme, Frictionless), as a process keeps the libraries it
    imported. The build stamp lists them afresh at each build."""
    return installed_versions()


def installed_versions() -> dict[str, str]:
    """Each distribution installed where this process imports from, by normalised name, with its version, as
    the names of their metadata folders give them (``mkdocs_material-9.6.1.dist-info``): one listing a folder of
    ``sys.path``, where reading each one's metadata (importlib.metadata) took 1.5 ms a distribution. The first
    found wins, as for imports."""
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as items:
                names = sorted(item.name for item in items if item.name.endswith((".dist-info", ".egg-info")))
        except OSError:  # a zip of the standard library, a folder gone: nothing installed there
            continue
        for name in names:
            parts = name.rsplit(".", 1)[0].split("-")
            if len(parts) >= 2:
                found.setdefault(_normalised(parts[0]), parts[1])
    return found


def _normalised(name: str) -> str:
    """A distribution's name as PEP 503 compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()
