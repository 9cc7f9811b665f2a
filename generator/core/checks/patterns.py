"""A column's ``pattern`` constraint matched by us, with a time limit, before Frictionless matches it with none.

Frictionless 5.21 matches every cell of a column that has a ``pattern`` with Python's ``re`` (``^pattern$``), which
backtracks: ``(a|aa)+`` took 13 s on a cell of 35 a's and a "b", 1.6 times as long for each more "a", and a pull
request's one cell of 44 held validation, and CI with it, past a 150 s timeout.

Why not refuse such patterns by their text: whether a pattern backtracks that far depends on both the pattern and
the text (``(foo|bar)+`` is fast, ``(a|aa)+`` is not; ``^(.*,)*x$`` only on a cell with many commas), and a check
strict enough to catch them all refuses patterns people write. Why not the ``regex`` module's ``timeout=``: it is
another engine (``(a+)+`` takes it microseconds and ``re`` years), so its times say nothing of Frictionless's.
So the expression Frictionless compiles is matched here, by the same engine, on the cells it will match, under a
timer: ``re`` checks for signals every 4096 steps, and the handler of SIGALRM stops it by raising. A value that
runs out of time is ``pattern-too-slow`` at its cell, and Frictionless is not run on the package.
"""

from __future__ import annotations

import json
import re
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from generator.core.checks.descriptor import left_out
from generator.core.checks.places import CellPlace
from generator.core.problems import Problem, problem
from generator.core.read.package import LoadedPackage
from generator.core.read.table import Native, Row, Table

# The time a package's patterns may take in all: a base, and a share per cell and per character matched (counting
# each of a value's cells, as Frictionless matches them all). A real pattern takes 1 to 3 µs on a short cell and up
# to 3 ms on one of 100,000 characters, 30 ns a character (the patterns of the corpus and of datasets/, measured):
# these are 30 to 100 times that, for a loaded CI machine. So a package's matching is bounded by its size, here and
# then in Frictionless, which matches every cell in about the time counted here.
BASE_SECONDS = 0.5
SECONDS_PER_CELL = 100e-6
SECONDS_PER_CHARACTER = 1e-6
# One value never takes longer than this, however large the package's share
VALUE_SECONDS = 1.0


@dataclass(frozen=True)
class _Column:
    """The cells of one column (or of its array's items) that Frictionless matches with ``pattern``."""

    table: Table
    resource_index: int
    name: str
    pattern: str
    values: Counter[str]  # each value matched, with how many times Frictionless matches it
    first_row: dict[str, Row]  # the first row of each value

    def where(self, pkg: LoadedPackage, value: str) -> tuple[str, int | None, int | None]:
        """The file, line and column of the value's first cell: a single file's line (its column in a CSV file),
        inline data's row in the descriptor, or a multipart resource's ``path`` (its parts' lines repeat)."""
        row = self.first_row[value]
        resource = pkg.descriptor["resources"][self.resource_index]
        if isinstance(resource.get("data"), list):
            data_row = resource["data"][row.line - 1]
            labels = self.table.labels or self.table.header
            cell = (self.name,) if isinstance(data_row, dict) else \
                (labels.index(self.name),) if isinstance(data_row, list) and self.name in labels else ()
            return (pkg.rel, *pkg.at("resources", self.resource_index, "data", row.line - 1, *cell))
        if self.table.source is None:
            return (pkg.rel, *pkg.at("resources", self.resource_index, "path"))
        return self.table.rel, row.line, CellPlace(self.table).column(row.line, self.name)


def too_slow_patterns(pkg: LoadedPackage, tables: list[Table]) -> list[Problem]:
    """``pattern-too-slow`` at the first value of the package's pattern columns that Python's ``re`` does not
    match within the time left (none where no timer can be set: see ``_timer_available``)."""
    columns = list(_pattern_columns(pkg, tables))
    if not columns or not _timer_available():
        return []
    left = BASE_SECONDS + sum(count * (SECONDS_PER_CELL + SECONDS_PER_CHARACTER * len(value))
                              for column in columns for value, count in column.values.items())
    with _Timer() as timer:
        for column in columns:
            matcher = re.compile(f"^{column.pattern}$").match  # as Frictionless compiles it
            for value, count in column.values.items():
                started = time.perf_counter()
                if not timer.within(matcher, value, min(VALUE_SECONDS, left / count)):
                    return [problem("pattern-too-slow", *column.where(pkg, value), column.name,
                                    pattern=column.pattern, cell=value)]
                left -= (time.perf_counter() - started) * count
    return []


def _pattern_columns(pkg: LoadedPackage, tables: list[Table]) -> Iterator[_Column]:
    """The columns whose cells Frictionless matches with a pattern: a string column's (a column of another type,
    or of none, has no pattern applied), and an array column's string items (``arrayItem``). ``tables`` are the
    package's resources that are read, in their order."""
    resources = [(i, r) for i, r in enumerate(pkg.descriptor.get("resources") or [])
                 if isinstance(r, dict) and not left_out(r)]
    for (index, resource), table in zip(resources, tables, strict=True):
        schema = resource.get("schema") if isinstance(resource.get("schema"), dict) else {}
        fields = schema.get("fields") if isinstance(schema.get("fields"), list) else []
        for spec in fields:
            if not isinstance(spec, dict) or spec.get("name") not in table.header:
                continue
            item = spec.get("arrayItem") if spec.get("type") == "array" else None
            if (pattern := _pattern_of(spec)) is not None:
                yield _column(table, index, spec["name"], pattern, _cells(table, spec["name"]))
            elif isinstance(item, dict) and (pattern := _pattern_of(item)) is not None:
                yield _column(table, index, spec["name"], pattern, _items(table, spec["name"], item))


def _pattern_of(spec: dict) -> str | None:
    """The pattern Frictionless applies to a column (a string column's; a pattern that is no text or no regular
    expression is refused before, by its own checks and ``bad-pattern``)."""
    constraints = spec.get("constraints")
    pattern = constraints.get("pattern") if isinstance(constraints, dict) else None
    if spec.get("type") != "string" or not isinstance(pattern, str):
        return None
    try:
        re.compile(f"^{pattern}$")
    except (re.error, RecursionError, OverflowError):
        return None
    return pattern


def _column(table: Table, index: int, name: str, pattern: str, cells: Iterator[tuple[Row, str]]) -> _Column:
    values: Counter[str] = Counter()
    first: dict[str, Row] = {}
    for row, value in cells:
        values[value] += 1
        first.setdefault(value, row)
    return _Column(table, index, name, pattern, values, first)


def _cells(table: Table, name: str) -> Iterator[tuple[Row, str]]:
    """The column's cells Frictionless matches: not its missing values, nor a JSON value that is no text (a type
    error to Frictionless, which then checks no constraint)."""
    position, missing = table.header.index(name), table.missing_in(name)
    for row in table.rows:
        cell = row.values[position]
        if cell not in missing and not (type(cell) is Native and not isinstance(cell.value, str)):
            yield row, str(cell)


def _items(table: Table, name: str, item: dict) -> Iterator[tuple[Row, str]]:
    """The text items of an array column's cells (each a JSON array, written or native), as Frictionless matches
    them: each but an empty one (or one of the item's own missing values); none of a missing cell."""
    declared = item.get("missingValues")
    item_missing = {v for v in declared if isinstance(v, str)} if isinstance(declared, list) else {""}
    position, missing = table.header.index(name), table.missing_in(name)
    for row in table.rows:
        cell = row.values[position]
        if cell in missing:
            continue
        items = cell.value if type(cell) is Native else _json_list(cell)
        for entry in items if isinstance(items, list) else []:
            if isinstance(entry, str) and entry not in item_missing:
                yield row, entry


def _json_list(text: str) -> object:
    try:
        return json.loads(text)
    except ValueError:
        return None


class _OutOfTime(Exception):
    """Raised by the SIGALRM handler, inside ``re``'s matching (it checks for signals every 4096 steps)."""


def _timer_available() -> bool:
    """Whether a match can be stopped: a signal's handler is set from the main thread only, and SIGALRM is POSIX.
    ``minhbach validate``, ``build`` and ``serve`` (MkDocs' server rebuilds in the main thread) all run there;
    elsewhere (a command started from another thread, Windows) the patterns are left to Frictionless, as before."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


class _Timer:
    """SIGALRM stops a match (``within``) while inside; the handler and any timer set before are given back on
    leaving (that timer less the time spent here)."""

    def __init__(self) -> None:
        self._armed = False

    def within(self, matcher: Callable[[str], object], value: str, seconds: float) -> bool:
        """Whether ``matcher`` ends on ``value`` within ``seconds`` (none left below the timer's microsecond: a
        timer of 0 would be no timer)."""
        if seconds < 1e-5:
            return False
        self._armed = True
        try:
            signal.setitimer(signal.ITIMER_REAL, seconds)
            matcher(value)
            signal.setitimer(signal.ITIMER_REAL, 0)
        except _OutOfTime:
            return False
        finally:
            # A signal that came just as the match ended is handled at the next instruction, maybe after this
            # one: disarmed, the handler then does nothing, instead of raising outside the ``try``.
            self._armed = False
        return True

    def _handle(self, signum: int, frame: object) -> None:
        if self._armed:
            raise _OutOfTime

    def __enter__(self) -> _Timer:
        self._started = time.perf_counter()
        self._previous_handler = signal.signal(signal.SIGALRM, self._handle)
        self._previous_timer, _ = signal.getitimer(signal.ITIMER_REAL)
        return self

    def __exit__(self, *exc: object) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self._previous_handler)
        if self._previous_timer:
            spent = time.perf_counter() - self._started
            signal.setitimer(signal.ITIMER_REAL, max(self._previous_timer - spent, 1e-3))
