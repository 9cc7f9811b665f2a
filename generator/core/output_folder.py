"""The output folder: which folders a build may replace, one build at a time, and what an interrupted build
left beside it.

A build replaces its output folder whole (the new site is built beside it and swapped into place), so the
folder it is given must be one it may delete: absent, empty, or marked as a Minh Bạch output by the MARKER
file every build writes. Whatever else it is given (the project, the data, the docs, a git checkout, a
folder that holds any of them) it refuses, before reading anything. Staging folders live in one folder named
after the output (``.site-staging/vi-…``), the site being replaced is put aside as ``.site-previous``; both
carry the marker too, and the next build into the same output clears them; a lock file beside the output
(``.site-lock``) makes a second build into it wait. Every name is exact: a pattern such as ``.site-*`` would
also match the folders of an output called ``site-preview`` (its previous site, its running build's staging).
"""

from __future__ import annotations

import contextlib
import fcntl
import secrets
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

MARKER = ".minhbach-site"
MARKER_TEXT = ("Thư mục này do `minhbach build` viết; lần xây dựng sau sẽ thay toàn bộ nó.\n"
               "This folder was written by `minhbach build`; the next build replaces all of it.\n")


@dataclass(frozen=True)
class Inputs:
    """What a build reads, and where it runs: never written into, nor replaced with a folder that holds them."""

    project: Path  # the folder of the MkDocs config
    datasets: Path
    docs: tuple[Path, ...]
    cache: Path
    cwd: Path

    def named(self) -> list[tuple[str, str, Path]]:
        """Each input folder with its name in Vietnamese and English."""
        return ([("thư mục dữ liệu", "the datasets folder", self.datasets)]
                + [("thư mục tài liệu", "the docs folder", d) for d in self.docs]
                + [("bộ nhớ đệm", "the cache folder", self.cache)])


def refusal(out: Path, inputs: Inputs) -> tuple[str, str] | None:
    """Why ``out`` may not be replaced by a build, in Vietnamese and English; None when it may."""
    out = out.resolve()
    if out == inputs.project.resolve():
        return "đó là thư mục dự án", "it is the project folder"
    for vi, en, folder in inputs.named():
        if out == folder.resolve():
            return f"đó là {vi}", f"it is {en}"
    for vi, en, folder in inputs.named():
        if out.is_relative_to(folder.resolve()):
            return f"nó nằm trong {vi}", f"it is inside {en}"
    for vi, en, folder in [("thư mục dự án", "the project folder", inputs.project),
                           ("thư mục đang đứng", "the current folder", inputs.cwd), *inputs.named()]:
        if folder.resolve().is_relative_to(out):
            return f"nó chứa {vi} ({folder})", f"it holds {en} ({folder})"
    return _content_refusal(out)


def _content_refusal(out: Path) -> tuple[str, str] | None:
    if ".git" in out.parts or (out / ".git").exists():
        return "nó là (hoặc nằm trong) một kho git", "it is (or is inside) a git repository"
    if out.exists() and not out.is_dir():
        return "đó là một tệp, không phải thư mục", "it is a file, not a folder"
    if out.is_dir() and not (out / MARKER).is_file() and any(out.iterdir()):
        return (f"thư mục không trống và không do minhbach viết (không có tệp {MARKER})",
                f"the folder is not empty and was not written by minhbach (it has no {MARKER} file)")
    previous = previous_folder(out)
    if previous.exists() and not previous.is_symlink() and not (previous.is_dir() and _ours(previous)):
        # where the site being replaced is put aside: a build cannot, and never deletes what it did not write
        return (f"bên cạnh nó có {previous}, không do minhbach viết (không có tệp {MARKER}): hãy chuyển hoặc xoá "
                f"thư mục đó", f"beside it is {previous}, which minhbach did not write (it has no {MARKER} file): "
                f"move or delete that folder")
    return None


def mark(folder: Path) -> None:
    (folder / MARKER).write_text(MARKER_TEXT, "utf-8")


def staging_root(out: Path) -> Path:
    """The folder beside ``out`` that holds its builds' staging folders."""
    return out.with_name(f".{out.name}-staging")


def staging_folder(out: Path, lang: str) -> Path:
    """A new, marked folder beside ``out`` (in ``staging_root``) for one language's build."""
    root = staging_root(out)
    if root.is_symlink() or (root.exists() and not root.is_dir()):
        raise OSError(f"{root} không phải là một thư mục; hãy xoá nó / is not a folder; delete it")
    root.mkdir(parents=True, exist_ok=True)
    folder = _new_folder(root, f"{lang}-")
    mark(folder)
    return folder


def _new_folder(root: Path, prefix: str) -> Path:
    """A new folder in ``root``, ``prefix`` and a random part its name, made as ``mkdir`` makes one: with the
    modes the user's umask gives (755 under 022). ``tempfile.mkdtemp`` makes it 700, and a staging folder becomes
    the site's root and its ``en/``: a web server running as another user answered 403 for every page."""
    while True:
        folder = root / f"{prefix}{secrets.token_hex(4)}"
        try:
            folder.mkdir()
        except FileExistsError:  # another build's, by a chance in four billion: another name
            continue
        return folder


def tidy(out: Path) -> None:
    """Remove the staging root once its folders are gone (it stays while anything is in it)."""
    with contextlib.suppress(OSError):
        staging_root(out).rmdir()


def previous_folder(out: Path) -> Path:
    return out.with_name(f".{out.name}-previous")


def lock_file(out: Path) -> Path:
    return out.with_name(f".{out.name}-lock")


def swap(out: Path, staging: Path, keep_previous: bool = False) -> None:
    """Put ``staging`` in the place of ``out``; the old site stays as ``.site-previous`` until then, and
    ``recover`` puts it back if the swap was interrupted. With ``keep_previous`` the old site is left there
    (``recover`` deletes it) so that the caller can delete it later."""
    previous = previous_folder(out)
    _remove_ours(previous)
    if out.exists():
        out.rename(previous)
    staging.rename(out)
    if not keep_previous:
        _remove_ours(previous)
        tidy(out)


def recover(out: Path) -> list[Path]:
    """Tidy what an interrupted build into ``out`` left: a site moved aside but not replaced goes back, and
    staging folders (marked, or empty) are deleted. Call it holding the lock. The folders deleted."""
    previous = previous_folder(out)
    if not out.exists() and (previous / MARKER).is_file():
        previous.rename(out)
    root = staging_root(out)
    staged = sorted(root.iterdir()) if root.is_dir() and not root.is_symlink() else []
    removed = []
    for folder in [previous, *staged]:
        if folder.is_dir() and not folder.is_symlink() and _ours(folder):
            _delete(folder)
            removed.append(folder)
    tidy(out)
    return removed


def _ours(folder: Path) -> bool:
    return (folder / MARKER).is_file() or not any(folder.iterdir())


def _remove_ours(folder: Path) -> None:
    if folder.is_dir() and not folder.is_symlink() and _ours(folder):  # nothing is deleted through a link
        _delete(folder)


def _delete(folder: Path) -> None:
    """Delete a folder of ours with its marker last, so that, stopped half-way, what is left is still known to be
    ours and the next build clears it. Deleted in one go, the marker could go first: a site being replaced, stopped
    so, was a folder no build would touch again, and every later build into that output failed on it (exit 2)."""
    for child in folder.iterdir():
        if child.name == MARKER:
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                child.unlink()
    shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def exclusive(out: Path, on_wait: Callable[[], None]) -> Iterator[None]:
    """Hold the output's lock; when another build holds it, call ``on_wait`` and wait for it."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with lock_file(out).open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            on_wait()
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
