"""Worker processes that start small, and the server they come from, started early.

Workers forked from the build would share its memory (at national scale, gigabytes of tables and model) only
until either side wrote to it, and both keep writing: the summed memory grew by gigabytes (issue 17). So the
pools that validate chunks of rows and draw charts take their workers from multiprocessing's ``forkserver``,
a fresh process that has imported only what the workers run: Frictionless and matplotlib.

There is one such server per process, and what it imports is fixed when it starts: both modules are named
here, for every pool. ``warm_up`` starts it at the beginning of a build, so that its imports (half a second
or more) run on another core while the build reads and validates the data; a pool started later finds it
ready instead of waiting for them (a new session in the city's data waited 0.55 s for the first chart).
"""

from __future__ import annotations

import contextlib
from multiprocessing import context as mp_context
from multiprocessing import forkserver, get_all_start_methods, get_context

# Imported by the server before it forks any worker: validation chunks' code, charts' code (matplotlib).
PRELOAD = ["generator.core.checks.chunked", "generator.core.charts.draw"]


def small_workers() -> mp_context.BaseContext:
    """The context of a pool whose workers come from the server (``fork`` where there is none)."""
    if "forkserver" not in get_all_start_methods():
        return get_context("fork")
    context = get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


def warm_up() -> None:
    """Start the server now (a no-op when it runs already or cannot exist); it imports ``PRELOAD`` while the
    caller goes on. Only a head start: when it cannot start (no room for its socket, no process left), the build
    goes on, and a pool that needs it reports the reason then."""
    if "forkserver" in get_all_start_methods():
        small_workers()
        with contextlib.suppress(OSError):
            forkserver.ensure_running()
