"""The server that the validation and chart pools take their workers from (core/workers.py): started early,
it has imported what the workers run before a pool asks for one."""

from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import forkserver, get_all_start_methods

import pytest

from generator.core import workers

pytestmark = pytest.mark.skipif("forkserver" not in get_all_start_methods(), reason="no forkserver here")


def modules_loaded() -> list[str]:
    """Run in a worker: which of the heavy modules it found imported already (forked from the server)."""
    return sorted(name for name in ("frictionless", "matplotlib") if name in sys.modules)


def test_a_worker_from_the_warmed_up_server_has_frictionless_and_matplotlib_already():
    workers.warm_up()
    with ProcessPoolExecutor(max_workers=1, mp_context=workers.small_workers()) as pool:
        assert pool.submit(modules_loaded).result(timeout=120) == ["frictionless", "matplotlib"]


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
