"""Validation started ahead: a build of small data forks a child as it begins, which reads and validates the
data and leaves Frictionless's verdicts in the cache, while the build imports what renders the site.

Why: a one-row edit of the city's data (issue 17) spent 0.26 s importing Jinja and MkDocs, then 0.37 s
validating, most of it importing Frictionless (0.2 s) before validating the one table that changed; the other
core meanwhile had little to do. The build then reads the verdict from the cache (core/datasets.py
``_validated``) and imports no Frictionless at all. Nothing else of the child's reaches the build: whatever it
finds, the build reads and checks the data itself, and finds the same problems from the verdicts.

Only for small data (no file over ``workers.LARGE_DATA_BYTES``): at national scale the child would hold a second
copy of a million rows, and validation is spread over the workers anyway. Not in a process with threads (a
fork copies them in whatever state they are), nor where Frictionless is imported already (``serve`` after its
first build: nothing left to gain).
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from dataclasses import dataclass

from generator.core.settings import Settings
from generator.core.workers import LARGE_DATA_BYTES, has_file_over


@dataclass
class Ahead:
    """The child validating ahead; ``join`` waits for it (at most once)."""

    pid: int

    def join(self) -> None:
        if self.pid:
            with contextlib.suppress(ChildProcessError):  # reaped already
                os.waitpid(self.pid, 0)
            self.pid = 0


def validate_ahead(settings: Settings) -> Ahead | None:
    """The child that validates ``settings``' data ahead of the build, or None when it would not help."""
    if (not hasattr(os, "fork") or settings.jobs < 2 or not settings.cache_validation
            or "frictionless" in sys.modules or threading.active_count() > 1
            or not settings.datasets_dir.is_dir() or has_file_over(settings.datasets_dir, LARGE_DATA_BYTES)):
        return None
    try:
        pid = os.fork()
    except OSError:  # no process left: the build validates by itself
        return None
    if pid == 0:
        _validate_and_exit(settings)
    return Ahead(pid)


def _validate_and_exit(settings: Settings) -> None:
    """In the child: validate, print nothing (the build reports the problems), and leave without running the
    parent's exit handlers or flushing its buffers."""
    code = 1
    try:
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, 1)
        os.dup2(quiet, 2)
        from generator.core.cache import Cache
        from generator.core.datasets import load_datasets

        load_datasets(settings, Cache(settings.cache))
        code = 0
    finally:
        os._exit(code)
