"""Read-only access to the git history of the datasets folder, through the ``git`` command.

Why the command line and not a library: git is on every maintainer's machine and CI runner, and the
project takes no new dependency. Why every failure becomes ``GitUnavailable`` with a reason code: the
site must still build from a tarball, a folder outside any repository or a machine without git, and the
change-log page then says why it has no history instead of the build crashing.
"""

from __future__ import annotations

import os
import re
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

    # Each commit's fields start with a NUL, the one byte git cannot hold in a subject or a path; with ``-z`` the
    # name-status pairs that follow are NUL-terminated too, so any other byte (0x1E, 0x1F, a tab, a line end)
    # in a subject or a file name is read as it is (parse_log).
    LOG_FORMAT = "%x00%H%x00%cI%x00%s"

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
                       f"--format={self.LOG_FORMAT}", "HEAD", "--", self.prefix or ".")
        return parse_log(out)

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
        if "\n" in path or "\r" in path:
            return self._read_alone(commit, path, limit)
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

    def _read_alone(self, commit: str, path: str, limit: int | None) -> bytes | None:
        """``read`` for a path that the batch's line-per-name input cannot name: a line end in it would cut the
        name, and a carriage return at its end is dropped (it would read another file). Such names are rare,
        so a few processes each are fine; the object name is one argument, whatever bytes it holds."""
        name = f"{commit}:{path}"
        try:
            kind = self.git("cat-file", "-t", name).strip()
            size = int(self.git("cat-file", "-s", name).strip() or b"-1")
            if kind != b"blob" or (limit is not None and size > limit):
                return None
            return self.git("cat-file", "blob", name)
        except (GitUnavailable, ValueError):  # absent at that commit
            return None

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


_SHA = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")  # SHA-1 or SHA-256 repositories
_STATUS = re.compile(r"[A-Z][0-9]*")  # A, M, D, T, ... (a score only with renames, which are off)


def parse_log(out: bytes) -> list[Commit]:
    """The commits of ``git log -z --name-status --format=Repository.LOG_FORMAT``.

    Split on NUL, the output is, per commit: an empty token (the format's first NUL), the hash, the committer
    date, the subject (possibly empty), then (status, path) pairs, the first status after the line end that
    separates the message from the diff. Neither a status nor a path is empty, so the empty tokens mark where
    commits start (a commit whose diff is empty leaves two). Output of any other shape raises GitUnavailable:
    the change log then says git could not be read, and the site still builds.
    """
    tokens = out.decode("utf-8", "replace").split("\0")
    commits: list[Commit] = []
    i = 0
    while True:
        while i < len(tokens) and tokens[i].strip("\n") == "":
            i += 1
        if i == len(tokens):
            return commits
        if i == 0 or len(tokens) - i < 3 or not _SHA.fullmatch(tokens[i]):
            raise _unreadable(tokens[i], commits)
        sha, date, subject = tokens[i:i + 3]
        i += 3
        changes = []
        while i < len(tokens) and tokens[i]:
            status = tokens[i].lstrip("\n")
            if not _STATUS.fullmatch(status) or i + 1 == len(tokens) or not tokens[i + 1]:
                raise _unreadable(sha, commits)
            changes.append((status[:1], tokens[i + 1]))
            i += 2
        try:
            when = datetime.fromisoformat(date)
        except ValueError:
            raise _unreadable(sha, commits) from None
        commits.append(Commit(sha, when, subject, tuple(changes)))


def _unreadable(where: str, commits: list[Commit]) -> GitUnavailable:
    after = f" after commit {commits[-1].sha[:7]}" if commits else ""
    return GitUnavailable(GIT_ERROR, f"unexpected git log output{after} at {where[:40]!r}")


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
