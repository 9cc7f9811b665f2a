"""Work a short build does beside itself, in a child it forks: the child shares what the build has read, runs one
function and sends back what it returns, and ends with the build.

Forking is cheap while the build is small and still runs on one thread: a child forked while another thread runs
could inherit a lock that thread held, and wait for it forever; and at national scale the child would copy each
page of the parent's memory it touches. The callers decide when; ``fork`` refuses what it can see (another thread
running). Linux only: there the child dies with the build, and macOS advises against fork without exec.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable
from multiprocessing import Pipe
from multiprocessing.connection import Connection
from typing import Generic, NoReturn, TypeVar

T = TypeVar("T")


class Forked(Generic[T]):
    """A function running in a forked child; ``result`` waits for what it returns."""

    def __init__(self, pid: int, source: Connection) -> None:
        self.pid, self._source = pid, source
        self._received: list[T] = []
        self._ended = False

    def result(self) -> T | None:
        """What the function returned, or None when the child ended without sending it (it raised, or was
        killed): the caller then does the work itself. The child is reaped."""
        if not self._ended:
            with contextlib.suppress(EOFError, OSError):
                self._received.append(self._source.recv())
            self.stop()
        return self._received[0] if self._received else None

    def stop(self) -> None:
        """The child gone (killed if it has not sent its result) and reaped."""
        if self._ended:
            return
        self._ended = True
        self._source.close()
        if not self._received:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):  # reaped already
            os.waitpid(self.pid, 0)


def can_fork() -> bool:
    """Whether ``fork`` would fork now: on Linux, with no other thread running."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


def fork(work: Callable[[], T]) -> Forked[T] | None:
    """``work`` started in a child forked now; None when it cannot be (``can_fork``)."""
    if not can_fork():
        return None
    parent = os.getpid()
    pid, source = spawn(lambda sink: run_child(work, sink, parent))
    return Forked(pid, source)


def spawn(child: Callable[[Connection], NoReturn]) -> tuple[int, Connection]:
    """A child forked now that runs ``child`` with the sending end of a pipe (``child`` never returns: it ends
    the process, as ``run_child`` does); the child's process id and the receiving end. The caller has checked
    that it may fork (``can_fork``)."""
    source, sink = Pipe(duplex=False)
    for stream in (sys.stdout, sys.stderr):  # else what they hold now would be written by both processes
        stream.flush()
    pid = os.fork()
    if pid == 0:
        source.close()
        child(sink)
    sink.close()
    return pid, source


def run_child(work: Callable[[], object], sink: Connection, parent: int) -> NoReturn:
    """In a forked child: ``work``'s result sent through ``sink`` (``work`` may send more before it); the child
    then ends without running anything of the parent's (its exit handlers, its ``finally`` blocks). One that raises
    sends nothing more: the parent does the work."""
    code = 1
    try:
        die_with(parent)
        sink.send(work())
        code = 0
    except BaseException:  # noqa: BLE001 - the parent does the work again, and reports what it meets
        pass
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code)


def die_with(parent: int) -> None:
    """On Linux, this child is killed when the build that forked it ends, even killed outright (SIGKILL, which
    no handler sees), so that it is never left writing into that build's folders and the cache; and it ends now
    if that build is gone already."""
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


_PR_SET_PDEATHSIG = 1  # linux/prctl.h
