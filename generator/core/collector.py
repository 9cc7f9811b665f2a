"""Python's cycle collector, paused while a build reads and models its data.

Reading a national project makes about three million objects that live to the end of the build (rows,
observations, sessions) and almost no reference cycles: about 3,500 garbage objects in all. The collector
cannot know that; it walks every live object again each time their number has grown by a quarter, and those
walks took 4.3 s of a 15 s read-and-model stage (issue 17, measured on the national bench project). Paused,
the few cycles wait for the first collection after the stage. Frictionless's whole-table validation leaves
no cycle per row either (a 200,000-row table: 1,159 garbage objects), so memory does not grow with the data
while the collector waits.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No automatic collection inside the block; the collector is as it was after it (an error included)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
