"""Where a command's time goes, stage by stage, counted from the moment its process started.

Why from the process's start: Python's own start-up, importing MkDocs, Frictionless and matplotlib, and
tearing the interpreter down again are part of what a maintainer waits for, and at city scale they were most
of a rebuild while no reported stage showed them (issue 17). ``Stages.line`` prints every stage and
``other_s``, the time no stage accounts for, so that such time cannot hide again.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager


def process_age() -> float | None:
    """Seconds since this process started (Linux: from /proc), or None where that cannot be read."""
    try:
        with open("/proc/self/stat", encoding="latin-1") as handle:  # the name in it may be any bytes
            started = int(handle.read().rsplit(")", 1)[1].split()[19])  # field 22: start time in clock ticks
        with open("/proc/uptime", encoding="ascii") as handle:
            uptime = float(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return max(0.0, uptime - started / os.sysconf("SC_CLK_TCK"))


@contextmanager
def timed(seconds: dict[str, float], name: str) -> Iterator[None]:
    """Add the time the block takes (an error included) to ``seconds[name]``."""
    started = time.perf_counter()
    try:
        yield
    finally:
        seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - started


class Stages:
    """Named durations of one command, in the order they happened; ``startup_s`` is what passed before it.

    A command that builds again in the same process (``serve``, after each save) counts each later build from
    its own start (``since_process_start=False``): counted from the process's start, a rebuild reported the
    minutes the preview had been open as its start-up."""

    def __init__(self, since_process_start: bool = True) -> None:
        self._origin = time.perf_counter() - ((process_age() or 0.0) if since_process_start else 0.0)
        self.seconds: dict[str, float] = {"startup_s": time.perf_counter() - self._origin}

    def stage(self, name: str) -> AbstractContextManager[None]:
        return timed(self.seconds, name)

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds

    def total(self) -> float:
        return time.perf_counter() - self._origin

    def line(self) -> str:
        """``minhbach: stages name=1.23s ... other_s=... total_s=...`` (bench/run.py reads it)."""
        total = self.total()
        other = max(0.0, total - sum(self.seconds.values()))
        parts = [f"{name}={seconds:.2f}s" for name, seconds in {**self.seconds, "other_s": other}.items()]
        return "minhbach: stages " + " ".join(parts) + f" total_s={total:.2f}s"
