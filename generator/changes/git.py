"""Read-only access to the git history of the datasets folder, through the ``git`` command.

Why the command line and not a library: git is on every maintainer's machine and CI runner, and the
project takes no new dependency. Why every failure becomes ``GitUnavailable`` with a reason code: the
site must still build from a tarball, a folder outside any repository or a machine without git, and the
change-log page then says why it has no history instead of the build crashing.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

# Reason codes; each has a sentence in the locales (changes.reason.<code>).
GIT_MISSING = "git_missing"
NOT_A_REPOSITORY = "not_a_repository"
NO_COMMITS = "no_commits"
NO_DATA_COMMITS = "no_data_commits"
GIT_ERROR = "git_error"


class GitUnavailable(Exception):
    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Commit:
    """A commit on the first-parent line of HEAD that touched the datasets folder."""

    sha: str
    date: datetime  # committer date: when the change landed, which is what a release date means
    subject: str
    changes: tuple[tuple[str, str], ...]  # (status letter A/M/D/T, path relative to the repository top)

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(path for _, path in self.changes)


def _environment() -> dict[str, str]:
    # A GIT_DIR or GIT_WORK_TREE inherited from a hook would point every command at another repository;
    # ``-C folder`` must decide alone. No locks are taken: building a site never writes to the repository.
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_OPTIONAL_LOCKS="0", LC_ALL="C")
    return env


class Repository:
    """The repository holding ``folder``; ``prefix`` is the folder's path inside it (``datasets/``)."""

    def __init__(self, top: Path, prefix: str, head: str, shallow: bool):
        self.top, self.prefix, self.head, self.shallow = top, prefix, head, shallow
        self._batch: subprocess.Popen | None = None

    @classmethod
    def open(cls, folder: Path) -> Repository:
        try:
            where = _run(["git", "-C", str(folder), "rev-parse", "--show-toplevel", "--show-prefix"], folder)
        except GitUnavailable as exc:
            # LC_ALL=C keeps git's message in English, so this test holds in every locale.
            if exc.reason == GIT_ERROR and "not a git repository" in exc.detail:
                raise GitUnavailable(NOT_A_REPOSITORY) from None
            raise
        lines = where.decode("utf-8", "replace").split("\n")
        if len(lines) < 2 or not lines[0]:
            raise GitUnavailable(NOT_A_REPOSITORY)
        top = Path(lines[0])
        try:
            head = _run(["git", "-C", str(top), "rev-parse", "--verify", "--quiet", "HEAD^{commit}"], top)
        except GitUnavailable:
            raise GitUnavailable(NO_COMMITS) from None
        shallow = _run(["git", "-C", str(top), "rev-parse", "--is-shallow-repository"], top).strip() == b"true"
        return cls(top, lines[1], head.decode().strip(), shallow)

    def git(self, *args: str) -> bytes:
        return _run(["git", "-C", str(self.top), "-c", "core.quotePath=false", *args], self.top)

    def commits(self) -> list[Commit]:
        """Commits that touched the datasets folder, oldest first, along HEAD's first-parent line.

        First parent only: a merged pull request counts once, at its merge, with everything it changed;
        that is when its data reached the published branch.
        """
        out = self.git("log", "--first-parent", "--reverse", "--no-renames", "--name-status", "-z",
                       "--format=%x1e%H%x1f%cI%x1f%s", "HEAD", "--", self.prefix or ".")
        commits = []
        for chunk in out.decode("utf-8", "replace").split("\x1e")[1:]:
            header, _, body = chunk.partition("\0")
            sha, date, subject = (header.split("\x1f") + ["", ""])[:3]
            tokens = body.lstrip("\n").split("\0")
            changes = tuple((tokens[i][:1], tokens[i + 1]) for i in range(0, len(tokens) - 1, 2) if tokens[i])
            commits.append(Commit(sha, datetime.fromisoformat(date), subject, changes))
        return commits

    def changed_files(self, old: str, new: str, folder: str) -> list[tuple[str, str]]:
        """(status, path) of the files under ``folder`` that differ between two commits."""
        out = self.git("diff", "--no-renames", "--name-status", "-z", old, new, "--", folder)
        tokens = out.decode("utf-8", "replace").split("\0")
        return [(tokens[i][:1], tokens[i + 1]) for i in range(0, len(tokens) - 1, 2) if tokens[i]]

    def files(self, commit: str, folder: str) -> list[str]:
        """Paths of the files under ``folder`` at ``commit``."""
        out = self.git("ls-tree", "-r", "-z", "--name-only", commit, "--", folder or ".")
        return [path for path in out.decode("utf-8", "replace").split("\0") if path]

    def read(self, commit: str, path: str, limit: int | None = None) -> bytes | None:
        """A file's bytes at ``commit``, or None when it is absent there (or larger than ``limit``).

        One long-running ``git cat-file --batch`` serves every read: a history walk reads hundreds of
        files, and a process per file would dominate the build time.
        """
        if "\n" in path:
            return None
        if self._batch is None:
            self._batch = subprocess.Popen(
                ["git", "-C", str(self.top), "cat-file", "--batch"], stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=_environment())
        assert self._batch.stdin is not None and self._batch.stdout is not None
        self._batch.stdin.write(f"{commit}:{path}\n".encode())
        self._batch.stdin.flush()
        header = self._batch.stdout.readline().split()
        if len(header) != 3:  # "<name> missing"
            return None
        size = int(header[2])
        if header[1] != b"blob" or (limit is not None and size > limit):
            remaining = size + 1  # skip the body (and its newline) without holding it
            while remaining > 0:
                chunk = self._batch.stdout.read(min(remaining, 1 << 20))
                if not chunk:
                    break
                remaining -= len(chunk)
            return None
        return self._batch.stdout.read(size + 1)[:-1]

    def close(self) -> None:
        if self._batch is not None:
            assert self._batch.stdin is not None
            self._batch.stdin.close()
            self._batch.wait()
            if self._batch.stdout is not None:
                self._batch.stdout.close()
            self._batch = None

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _run(command: list[str], cwd: Path) -> bytes:
    try:
        result = subprocess.run(command, capture_output=True, env=_environment(), timeout=300,
                                cwd=cwd if cwd.is_dir() else None)
    except FileNotFoundError:
        raise GitUnavailable(GIT_MISSING) from None
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitUnavailable(GIT_ERROR, str(exc)) from None
    if result.returncode != 0:
        lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitUnavailable(GIT_ERROR, lines[-1] if lines else f"exit {result.returncode}")
    return result.stdout
