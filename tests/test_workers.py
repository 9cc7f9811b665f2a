"""The server that the validation and chart pools take their workers from (core/workers.py): started early,
it has imported what the workers run before a pool asks for one."""

from __future__ import annotations

import os
import subprocess
import sys
from multiprocessing import forkserver, get_all_start_methods
from pathlib import Path

import pytest

from generator.core import workers

pytestmark = pytest.mark.skipif("forkserver" not in get_all_start_methods(), reason="no forkserver here")


def modules_loaded() -> list[str]:
    """Run in a worker: which of the heavy modules it found imported already (forked from the server)."""
    return sorted(name for name in ("frictionless", "matplotlib") if name in sys.modules)


def niceness() -> int:
    """Run in a worker: its niceness (inherited from the server)."""
    return os.nice(0)


# Run in a process of its own: the server is one per process and imports what the first warm-up chose, and
# another test of this worker may have started it already.
_WARMED = """
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from generator.core import workers
from test_workers import modules_loaded, niceness
if sys.argv[1] == "started-elsewhere":
    with ProcessPoolExecutor(max_workers=1, mp_context=workers.small_workers()) as pool:
        pool.submit(niceness).result(timeout=120)  # a pool started the server, not ``warm_up``
workers.warm_up(Path(sys.argv[2]) if len(sys.argv) > 2 else None)
if sys.argv[1] != "level":
    workers.behind()
with ProcessPoolExecutor(max_workers=1, mp_context=workers.small_workers()) as pool:
    print(pool.submit(niceness).result(timeout=120), " ".join(pool.submit(modules_loaded).result(timeout=120)))
"""


@pytest.mark.parametrize(("data_bytes", "behind", "found"), [
    (None, "level", "0 frictionless matplotlib"),
    (workers.LARGE_DATA_BYTES + 1, "level", "0 frictionless matplotlib"),
    (1_000, "level", "0 matplotlib"),
    (1_000, "behind", f"{workers.BEHIND_NICENESS} matplotlib"),  # Frictionless validating beside the build
    (1_000, "started-elsewhere", "0 frictionless matplotlib"),  # a pool started it: left as it is, as it started
])
def test_a_worker_from_the_warmed_up_server_has_what_the_data_needs_imported_already(tmp_path, data_bytes, behind,
                                                                                     found):
    """Frictionless too when the data may hold a table validated in chunks (a file over LARGE_DATA_BYTES), or
    when the data is not known. ``workers.behind``: the server this process started, and the workers it forks
    after, run at BEHIND_NICENESS."""
    if data_bytes is not None:
        (tmp_path / "rows.csv").write_bytes(b"x" * data_bytes)
    started = os.nice(0)  # the test's own niceness: what "level" is
    run = subprocess.run([sys.executable, "-c", _WARMED, behind, *([str(tmp_path)] if data_bytes else [])],
                         capture_output=True, text=True, timeout=180, check=True,
                         env={**os.environ, "PYTHONPATH": str(Path(__file__).parent)})
    niced, *modules = run.stdout.split()
    expected, *loaded = found.split()
    assert (int(niced) - started, modules) == (int(expected), loaded)


def test_warming_up_starts_the_server_once_and_returns_while_it_imports():
    workers.warm_up()
    server = forkserver._forkserver._forkserver_pid
    assert server is not None
    os.kill(server, 0)  # alive: raises if not
    workers.warm_up()
    assert forkserver._forkserver._forkserver_pid == server


def test_a_server_that_cannot_start_early_does_not_stop_the_build(monkeypatch):
    """Starting early is a head start only: an OSError (no room for the socket, no process left) is left for a
    pool that needs the server to report."""
    def refused() -> None:
        raise OSError(24, "Too many open files")

    monkeypatch.setattr(forkserver, "ensure_running", refused)
    workers.warm_up()  # no exception


def test_a_worker_forked_while_signals_are_held_back_can_still_be_stopped():
    """``signals_held`` holds SIGTERM back while a pool starts its workers; where there is no forkserver they are
    forked from the command, and a fork keeps the mask: such a worker ignored ``stop``'s SIGTERM, and ``stop``
    waited for its work to end (here half a minute). ``started`` takes SIGTERM again."""
    import time
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    with workers.signals_held():
        pool = ProcessPoolExecutor(max_workers=1, mp_context=get_context("fork"), initializer=workers.started)
        running = pool.submit(time.sleep, 30)
    deadline = time.monotonic() + 30
    while not running.running() and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.2)  # the worker is in its sleep
    began = time.monotonic()
    workers.stop(pool)
    assert time.monotonic() - began < 10
