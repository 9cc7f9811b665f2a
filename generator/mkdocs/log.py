"""MkDocs' log as the commands show it, for the duration of a build: the plugin's lines (``minhbach: ...``) to
standard output, MkDocs' warnings and errors to standard error, its progress chatter nowhere. Used by the build
(build.py) and by ``serve``'s MkDocs worker (worker.py)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager

Line = tuple[bool, str]  # (to standard error, the text)


class _Handler(logging.Handler):
    def __init__(self, held: list[Line] | None):
        super().__init__()
        self.held = held

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith("mkdocs.plugins.minhbach") and record.levelno < logging.WARNING:
            self.show((False, record.getMessage()))
        elif record.levelno >= logging.WARNING and not _dirty_warning(record):
            self.show((True, f"minhbach: mkdocs: {record.levelname.lower()}: {record.getMessage()}"))

    def show(self, line: Line) -> None:
        if self.held is not None:
            self.held.append(line)
        else:
            show([line])


def show(lines: list[Line]) -> None:
    """Print the lines where they go (``mkdocs_log``)."""
    for to_stderr, text in lines:
        print(text, file=sys.stderr if to_stderr else sys.stdout, flush=True)


def _dirty_warning(record: logging.LogRecord) -> bool:
    return str(record.msg).startswith("A 'dirty' build is being performed")


@contextmanager
def mkdocs_log(held: list[Line] | None = None) -> Iterator[None]:
    """MkDocs' log, as this command shows it, for the duration of a build; kept in ``held`` instead, when given,
    to be shown later (``show``): a language built beside another shows its lines after the other's."""
    logger = logging.getLogger("mkdocs")
    handler, level, propagate = _Handler(held), logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate
