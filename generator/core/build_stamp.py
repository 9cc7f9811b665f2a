"""Skip a build whose inputs are exactly those of the last successful build, when its output is intact.

The inputs are every file of the project folder (the datasets, hand-written docs, configs), the datasets
folder wherever it is, the generator's own code, the Python and the distributions it imports from (MkDocs,
the theme, Frictionless, matplotlib...: an upgraded theme changes the site as an edited page does), the build
options, the environment variables the MkDocs configs read with ``!ENV`` and the git commit of the datasets
(the change log reads the history). The output is the site folder, checked by its files' names, sizes and
modification times. Nothing is skipped on doubt: any difference, a missing stamp or an unreadable file means a
full build.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from generator.core.cache import Cache, file_digest, installed_versions, package_digest
from generator.core.settings import Settings
from generator.core.walk import walk

STAMPS = "stamps"  # cache namespace: one entry per output folder
# Folders of tools, never an input: a test run's `.hypothesis` database written into the project between two
# builds made the second build's inputs differ (a flaky "up to date" test on CI).
SKIP_PARTS = {".git", ".cache", "__pycache__", "node_modules", ".pytest_cache", ".ruff_cache", ".hypothesis",
              ".mypy_cache"}


# A folder holding one of these is a Python environment (PEP 405's virtual environment, conda's): what it
# installs is an input through ``installed`` (by name and version), not file by file. A `.venv` kept in the
# project made every build read its thousands of files.
ENVIRONMENT_MARKS = ("pyvenv.cfg", "conda-meta")


def _files(folder: Path, skip: tuple[Path, ...]) -> list[Path]:
    found = []
    for directory, names, files in walk(folder):
        here = Path(directory)
        names[:] = sorted(n for n in names if n not in SKIP_PARTS and not n.startswith(".site")
                          and not any((here / n).resolve() == s for s in skip)
                          and not any(os.path.lexists(here / n / mark) for mark in ENVIRONMENT_MARKS))
        found += [here / f for f in sorted(files)]
    return found


def installed() -> str:
    """The digest of what the build runs on beyond its own code: the Python version and each distribution
    installed where this process imports from, with its version (``installed_versions``)."""
    listing = json.dumps([sys.version, sorted(installed_versions().items())])
    return hashlib.sha256(listing.encode()).hexdigest()


def digest_files(digest: hashlib._Hash, folder: Path, skip: tuple[Path, ...]) -> None:
    """Each file's name and bytes. Through ``file_digest``, memoised by size and modification time in a process:
    the datasets are read once, not again as part of the project that holds them, and a serving process reads
    only what changed since its last save (the whole project each save took 0.6-0.8 s at national scale)."""
    for path in _files(folder, skip):
        digest.update(str(path.relative_to(folder)).encode() + b"\0")
        digest.update(file_digest(path).encode())  # hex, or "missing" for a link to nothing


def _git_head(folder: Path) -> str:
    try:
        run = subprocess.run(["git", "rev-parse", "HEAD"], cwd=folder, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return ""
    return run.stdout.strip() if run.returncode == 0 else ""


ENV_TAG = re.compile(r"!ENV\s+(\[[^\]\n]*\]|\S+)")  # MkDocs' `!ENV NAME` and `!ENV [NAME, ..., default]`
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def config_environment(configs: list[Path]) -> dict[str, str | None]:
    """The environment variables the MkDocs configs read with ``!ENV`` and their values: the deploy sets the
    repository's address that way (edit links), so a change of them alone must build again."""
    names = {name for config in configs for tag in ENV_TAG.findall(config.read_text("utf-8", errors="replace"))
             for name in NAME.findall(tag)}
    return {name: os.environ.get(name) for name in sorted(names)}


def inputs_digest(settings: Settings, project: Path, out: Path, options: dict) -> str:
    digest = hashlib.sha256()
    skip = (out.resolve(), settings.cache.resolve())
    for folder in (project, settings.datasets_dir):
        digest.update(f"\0{folder.resolve()}\0".encode())
        digest_files(digest, folder, skip)
    digest.update(package_digest().encode())
    fields = {**options, "build_date": settings.build_date.isoformat(), "git": _git_head(settings.datasets_dir),
              "installed": installed(), "max_file_bytes": settings.max_file_bytes, "site_url": settings.site_url}
    digest.update(json.dumps(fields, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def output_digest(out: Path) -> str:
    """The name, size and modification time of every file of the site: what says it is the one the last build
    left. Listed with ``os.scandir``, each file's stat taken from its entry (pathlib's walk took 27 ms of a city
    build's end, and as long again for every build that found the site up to date)."""
    digest = hashlib.sha256()
    for relative, size, mtime_ns in _file_stats(str(out), ""):
        digest.update(f"{relative}\0{size}\0{mtime_ns}\n".encode())
    return digest.hexdigest()


def _file_stats(folder: str, prefix: str) -> Iterator[tuple[str, int, int]]:
    try:
        with os.scandir(folder) as found:
            entries = sorted(found, key=lambda entry: entry.name)
    except OSError:  # no site yet, or not a folder
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            if entry.name not in SKIP_PARTS and not entry.name.startswith(".site"):
                yield from _file_stats(entry.path, f"{prefix}{entry.name}/")
            continue
        try:
            stat = entry.stat()
        except OSError:  # a link to nothing
            yield f"{prefix}{entry.name}", -1, -1
            continue
        yield f"{prefix}{entry.name}", stat.st_size, stat.st_mtime_ns


class BuildStamp:
    """The inputs and output of the last successful build into each output folder."""

    def __init__(self, cache: Cache):
        self.cache = cache

    @staticmethod
    def _key(out: Path) -> str:
        return Cache.key(STAMPS, str(out.resolve()), "")

    def up_to_date(self, out: Path, inputs: str) -> bool:
        stamp = self.cache.get_json(STAMPS, self._key(out))
        return isinstance(stamp, dict) and stamp.get("inputs") == inputs and stamp.get("output") == output_digest(out)

    def record(self, out: Path, inputs: str) -> None:
        self.cache.put_json(STAMPS, self._key(out), {"inputs": inputs, "output": output_digest(out)})
