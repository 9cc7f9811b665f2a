"""Every stated number needs its source: a row with a number in it names a ``source_id`` from the sources list.

This is this site's convention (docs/data-format.md), checked on every table of every package that has a
``source_id`` column; numbers that say when or where rather than how much need none.
"""

from __future__ import annotations

from generator.core.datasets import Datasets
from generator.core.problems import Problem, problem
from generator.core.read.table import Table

SOURCE_FIELD = "source_id"
# Numeric columns that say when or where, not how much: they need no source of their own.
NOT_STATED = frozenset({"year", "data_year", "order", "rank_of", "component_no"})


def numbers_have_sources(datasets: Datasets) -> list[Problem]:
    return [p for package in datasets.packages for table in package.tables if table.rel
            for p in _table_numbers_have_sources(table)]


def _table_numbers_have_sources(table: Table) -> list[Problem]:
    if SOURCE_FIELD not in table.header:
        return []
    numeric = [f.name for f in table.fields if f.type in ("number", "integer") and f.name not in NOT_STATED]
    problems = []
    for row in table.rows:
        stated = [name for name in numeric if row.get(name, "") not in table.missing_values]
        if stated and row.get(SOURCE_FIELD, "") in table.missing_values:
            problems.append(problem("number-without-source", table.rel, row.line, None, SOURCE_FIELD,
                                    fields=", ".join(stated)))
    return problems
