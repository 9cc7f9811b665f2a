"""Writing cache files so that a reader (another process, a later build) never sees half a file."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

# A process id has at most seven digits: Linux's pid_max is at most 2**22 (4,194,304). With it, the longest name
# ``temporary_name`` gives a file: what catalogue/names.py holds to the file system's limit on one name.
LARGEST_PID = 4_194_304


def temporary_name(name: str, pid: int) -> str:
    """The name of the file ``open_atomic`` writes before it becomes ``name``: hidden, with the writer's id."""
    return f".{name}.{pid}"


def write_failure(exc: OSError, root: Path | None = None) -> str:
    """A file the build could not write, said with its file (relative to ``root``, the site being built) and, for a
    name too long, what to do: validation refuses the names of the data that make one (``name-too-long``), so a
    name that still reaches the file system is one no check knew; the bare "[Errno 36]" named neither."""
    if exc.errno != errno.ENAMETOOLONG or not exc.filename:
        return str(exc)
    path = Path(os.fsdecode(exc.filename))
    shown = path.relative_to(root).as_posix() if root is not None and path.is_relative_to(root) else path.as_posix()
    name = path.name
    return (f"tên tệp quá dài / file name too long ({len(os.fsencode(name))} byte(s)): {shown}\n"
            "    gợi ý: rút ngắn tên gói hoặc tên bảng mà tên tệp này lấy từ đó, rồi chạy lại 'validate' / "
            "hint: shorten the package's or the table's name this file is named after, then run 'validate' again")


@contextmanager
def open_atomic(path: Path) -> Iterator[BinaryIO]:
    """A binary handle on a temporary file beside ``path``, renamed onto it when the block ends without
    an error (and removed when it does not). The temporary name carries the process id, so that two
    processes writing the same entry at once do not write into one file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(temporary_name(path.name, os.getpid()))
    try:
        with temporary.open("wb") as handle:
            yield handle
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)


def write_atomic(path: Path, data: bytes) -> None:
    with open_atomic(path) as handle:
        write_all(handle, data)


# One write() of many megabytes into a new file cost ~11 ms a megabyte on the 2-core machine the benches run on
# (ext4 in a virtual machine), against 0.4 ms a megabyte written a megabyte at a time (or copied with sendfile).
WRITE_PIECE = 1 << 20
# A text is encoded a piece at a time too: encoded whole first (a fresh buffer of tens of megabytes), then written
# in pieces, a national search index (24 M characters) still took 0.14-0.29 s in a serving process, against
# 0.04-0.05 s encoded and written half a million characters at a time (0.15-0.44 s through a text file's writer).
TEXT_PIECE = 1 << 19


def write_all(handle: BinaryIO, data: bytes) -> None:
    """``data`` written into ``handle`` a megabyte at a time, without copying it."""
    view = memoryview(data)
    for start in range(0, len(view), WRITE_PIECE):
        handle.write(view[start:start + WRITE_PIECE])


def write_text(handle: BinaryIO, text: str) -> None:
    """``text`` written into ``handle`` as UTF-8, encoded half a million characters at a time (a piece never
    splits a character: a Python string is indexed by code point)."""
    for start in range(0, len(text), TEXT_PIECE):
        handle.write(text[start:start + TEXT_PIECE].encode("utf-8"))
