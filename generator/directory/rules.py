"""The site's rules for the numbers it states (docs/data-format.md).

- Every stated number needs its source: a row with a number in it names a ``source_id`` from the sources list,
  checked on every table of every package that has a ``source_id`` column; numbers that say when or where
  rather than how much need none.
- A source's ``tier`` is one the site names (``TIERS``: each has its words in the locales and its badge in the
  CSS): the page writes it as a class of the source's badge, so a tier the descriptor's own list was widened to
  admit ("official md-header") added classes to every badge of that source.
- Every number of the site's own packages (those with an ``x-minhbach`` role, which features word, rank, sum
  and draw) is finite: Frictionless accepts "NaN", "INF" or "-Infinity" as a ``number``, but no reader can
  use one as a score or a figure. A generic package's such cells are published as they are written.

Each table's findings depend on that table alone (and, for a table without a file of its own, on where its
package is): a serving process keeps them while the table is the same object (core/kept.py), so that a save
that edits the agencies does not walk the million rows of the results again (0.5 s of a national save).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from generator.core import kept
from generator.core.checks.crossrefs import closest
from generator.core.checks.places import CellPlace
from generator.core.claims import finite
from generator.core.datasets import Datasets, Package
from generator.core.problems import Problem, problem
from generator.core.read.table import Table
from generator.directory.model import SOURCES

SOURCE_FIELD = "source_id"
TIERS = ("official", "press", "aggregator", "secondary_dataset", "mirror")  # locales: common.tier.<tier>
# Numeric columns that say when or where, not how much: they need no source of their own.
NOT_STATED = frozenset({"year", "data_year", "order", "rank_of", "component_no"})


def numbers_have_sources(datasets: Datasets) -> list[Problem]:
    return [p for package in datasets.packages for table in package.tables if table.rel
            for p in kept.by_identity("numbers-have-sources", (table,), lambda t=table: _table_numbers_have_sources(t))]


def _table_numbers_have_sources(table: Table) -> tuple[Problem, ...]:
    if SOURCE_FIELD not in table.header:
        return ()
    numeric = [f.name for f in table.fields if f.type in ("number", "integer") and f.name not in NOT_STATED]
    # Each column's own missing values (Data Package v2), else the schema's: as the cells are typed and published.
    missing = {name: table.missing_in(name) for name in (*numeric, SOURCE_FIELD)}
    problems = []
    for row in table.rows:
        stated = [name for name in numeric if row.get(name, "") not in missing[name]]
        if stated and row.get(SOURCE_FIELD, "") in missing[SOURCE_FIELD]:
            problems.append(problem("number-without-source", table.rel, row.line, None, SOURCE_FIELD,
                                    fields=", ".join(stated)))
    return tuple(problems)


def numbers_are_finite(datasets: Datasets) -> list[Problem]:
    return [p for package in datasets.packages if package.role for table in package.tables
            for p in kept.by_identity(f"numbers-are-finite:{package.loaded.rel}", (table,),
                                      lambda t=table, package=package: _table_numbers_are_finite(package, t))]


def _table_numbers_are_finite(package: Package, table: Table) -> tuple[Problem, ...]:
    # An integer cell is never "NaN", but it may be too large for a chart's floats (a 400-digit rank).
    numeric = [f.name for f in table.fields if f.type in ("number", "integer") and f.name in table.header]
    problems = []
    for name in numeric:
        # A column repeats few distinct values (a national results table: a million rows, thousands of scores):
        # each is read once, and the rows are walked again only for a column that has a bad one.
        column, missing = table.header.index(name), table.missing_in(name)
        bad = {cell for cell in {row.values[column] for row in table.rows}
               if cell not in missing and not _finite_cell(cell)}
        for row in table.rows if bad else ():
            if (cell := row.values[column]) in bad:
                # A table read from one file has its lines; inline data or a multipart resource, only its package.
                where = (table.rel, row.line) if table.rel else (package.loaded.rel, None)
                problems.append(problem("non-finite-number", *where, None, name, value=cell.strip()))
    return tuple(problems)


def _finite_cell(cell: str) -> bool:
    """True unless the cell reads as a number that is not finite (text that is no number is Frictionless's
    to report)."""
    try:
        return finite(Decimal(cell.strip()))
    except (InvalidOperation, ValueError):
        return True


def tiers_are_known(datasets: Datasets) -> list[Problem]:
    """Each source's tier is one of ``TIERS``, whatever the sources descriptor's own constraint says."""
    package = datasets.by_role(SOURCES[0])
    table = package.table(SOURCES[1]) if package is not None else None
    if table is None or "tier" not in table.header:
        return []
    unknown = [row for row in table.rows if row.get("tier", "") not in TIERS]
    place = CellPlace(table) if unknown else None
    return [problem("unknown-reference", table.rel or package.loaded.rel, row.line, place.column(row.line, "tier"),
                    "tier", value=(tier := row.get("tier", "")), target=f"tier ({', '.join(TIERS)})",
                    suggestion=closest(tier, frozenset(TIERS)))
            for row in unknown]
