"""Worker processes that start small, and the server they come from, started early.

Workers forked from the build would share its memory (at national scale, gigabytes of tables and model) only
until either side wrote to it, and both keep writing: the summed memory grew by gigabytes (issue 17). So the
pools that validate chunks of rows and draw charts take their workers from multiprocessing's ``forkserver``,
a fresh process that has imported only what the workers run: Frictionless and matplotlib.

There is one such server per process, and what it imports is fixed when it starts: both modules are named
here, for every pool (Frictionless left out for data without a file large enough to be validated in chunks:
``preload_for``). ``warm_up`` starts it at the beginning of a build, so that its imports (half a second
or more) run on another core while the build reads and validates the data; a pool started later finds it
ready instead of waiting for them (a new session in the city's data waited 0.55 s for the first chart).
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import context as mp_context
from multiprocessing import forkserver, get_all_start_methods, get_context
from pathlib import Path

from generator.core.walk import walk

# Imported by the server before it forks any worker: validation chunks' code (Frictionless), charts' code
# (matplotlib).
CHUNKS, CHARTS = "generator.core.checks.chunked", "generator.core.charts.draw"
PRELOAD = [CHUNKS, CHARTS]
# A table of this many rows is validated in chunks, by a pool of workers (checks/chunked.py).
CHUNK_ROWS = 10_000
# A data file this large may hold a table worth validating in chunks (``CHUNK_ROWS``, ~1 MB as written here);
# without one, no chunk is validated in a worker.
LARGE_DATA_BYTES = 100_000
_preload = list(PRELOAD)  # what the server imports when it starts (``warm_up`` may leave Frictionless out)


def small_workers() -> mp_context.BaseContext:
    """The context of a pool whose workers come from the server (``fork`` where there is none)."""
    if "forkserver" not in get_all_start_methods():
        return get_context("fork")
    context = get_context("forkserver")
    context.set_forkserver_preload(_preload)
    return context


def preload_for(datasets: Path | None) -> list[str]:
    """What the server imports for a build of ``datasets``: Frictionless only when a data file is large enough
    for a table to be validated in chunks. The server answers no worker before its imports are done: at city
    scale (no such file), the first chart of a session added waited for Frictionless' (0.3 s of both cores).
    A worker that needs what the server did not import imports it itself."""
    if datasets is None or _has_file_over(datasets, LARGE_DATA_BYTES):
        return list(PRELOAD)
    return [module for module in PRELOAD if module != CHUNKS]


def _has_file_over(folder: Path, size: int) -> bool:
    for root, _, names in walk(folder):
        for name in names:
            with contextlib.suppress(OSError):
                if os.stat(os.path.join(root, name)).st_size > size:
                    return True
    return False


def warm_up(datasets: Path | None = None) -> None:
    """Start the server now (a no-op when it runs already or cannot exist); it imports what a build of
    ``datasets`` needs (``preload_for``) while the caller goes on. Only a head start: when it cannot start (no
    room for its socket, no process left), the build goes on, and a pool that needs it reports the reason then."""
    global _started_here
    if "forkserver" in get_all_start_methods():
        _preload[:] = preload_for(datasets)
        small_workers()
        running = _server_pid()
        with contextlib.suppress(OSError):
            forkserver.ensure_running()
            _started_here = _started_here or _server_pid() != running


def started(niceness: int = 0) -> None:
    """What a pool's worker does first (its pool's ``initializer``): Ctrl+C, which the terminal sends to every
    process of the command, is the command's to handle (it stops its workers: ``stop``); a worker waiting for
    work printed a KeyboardInterrupt traceback of its own. ``niceness``: how far it yields the cores. A worker
    forked while its command held SIGTERM back (``signals_held``: where there is no forkserver) takes it again, or
    ``stop`` could not end it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    if niceness and hasattr(os, "nice"):
        os.nice(niceness)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """SIGINT and SIGTERM held back while a pool starts its workers, then handled: stopped in the middle of starting
    one, a command could not stop that worker (not yet known to its pool), which then started after the command
    had ended and printed a traceback."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def stop(pool: ProcessPoolExecutor) -> None:
    """Stop ``pool`` at once, for a command that failed or was stopped: its workers killed (SIGTERM), the work not
    done dropped, and this returns when they are gone. Waiting for them instead (``shutdown`` with
    ``cancel_futures``) raced with a worker still starting: it opened its queue's lock after this process had let
    the lock go, and printed a traceback. The pool's processes are its private ``_processes`` (CPython 3.9-3.13),
    the one way to them."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(OSError, ValueError):  # ended already, or closed
            process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


# How much lower the priority of work that should yield the cores to the build's own path is: Linux's
# scheduler weighs niceness 10 at 110 against 1024, about a tenth of a core while the build wants both, and
# every idle cycle otherwise.
BEHIND_NICENESS = 10


def behind() -> None:
    """The server, and every worker it forks from now on, runs at ``BEHIND_NICENESS``: called when a build starts
    Frictionless validating beside itself (core/datasets.py, ``Verdicts``), whose verdict the build waits for
    before it keeps anything. The server's imports (matplotlib: half a second of a core) took the core that child
    and the English language's child wanted, and each waited for the others: Frictionless beside the build did not
    pay (762bc32, reverted by 1a4033c). Niced, the server imports in the cycles nobody else wants, and its workers
    draw as soon as the cores are free. Only a server this process started (``warm_up``); a priority can be lowered,
    never raised again, so a build that validates nothing (a session added: its charts are its slowest part) leaves
    it as it is."""
    pid = _server_pid()
    if _started_here and pid and hasattr(os, "setpriority"):
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, pid, BEHIND_NICENESS)


def _server_pid() -> int | None:
    """The server's process id, multiprocessing's own (``forkserver._forkserver``: the one way to it); None when
    it has not started, or where that is not known."""
    return getattr(getattr(forkserver, "_forkserver", None), "_forkserver_pid", None)


_started_here = False  # whether ``warm_up`` started the server in this process
