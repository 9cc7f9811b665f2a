"""MkDocs' log as the commands show it, for the duration of a build: the plugin's lines (``minhbach: ...``) to
standard output, MkDocs' warnings and errors to standard error, its progress chatter nowhere. Used by the build
(build.py) and by ``serve``'s MkDocs worker (worker.py)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager


class _Handler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith("mkdocs.plugins.minhbach") and record.levelno < logging.WARNING:
            print(record.getMessage(), flush=True)
        elif record.levelno >= logging.WARNING and not _dirty_warning(record):
            print(f"minhbach: mkdocs: {record.levelname.lower()}: {record.getMessage()}", file=sys.stderr, flush=True)


def _dirty_warning(record: logging.LogRecord) -> bool:
    return str(record.msg).startswith("A 'dirty' build is being performed")


@contextmanager
def mkdocs_log() -> Iterator[None]:
    """MkDocs' log, as this command shows it, for the duration of a build."""
    logger = logging.getLogger("mkdocs")
    handler, level, propagate = _Handler(), logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate
