"""How far the site's figures lead: the home page's promise about sources, computed instead of asserted.

A figure is a stated number in a table that has a ``source_id`` column (the cells the rule "every number
needs its source" covers, ``rules.NOT_STATED`` left out), and the ``value`` of a derived table such as
the facts reported at supervision sessions ("9/9", ">=12": text, but figures all the same). It leads to the
exact document when one of its sources has the document's own address; otherwise to a publisher's home page
only, or to no address at all.
"""

from __future__ import annotations

from generator.core import kept
from generator.core.datasets import Datasets
from generator.core.read.table import Table
from generator.directory.model import EXACT, NO_ADDRESS, SITE_ROOT, Directory, SourceReach
from generator.directory.rules import NOT_STATED, SOURCE_FIELD

VALUE_FIELD = "value"


def source_reach(datasets: Datasets, directory: Directory, derived: tuple[Table, ...] = ()) -> SourceReach:
    counts = {EXACT: 0, SITE_ROOT: 0, NO_ADDRESS: 0}
    figures = 0
    tables = [table for package in datasets.packages for table in package.tables] + list(derived)
    for table in tables:
        for cell, stated in kept.by_identity("stated-by-source", (table,), lambda t=table: _stated_by_source(t)):
            figures += stated
            counts[_reach(directory, cell)] += stated
    return SourceReach(figures, counts[EXACT], counts[SITE_ROOT], counts[NO_ADDRESS])


def _stated_by_source(table: Table) -> tuple[tuple[str, int], ...]:
    """How many figures a table states, by the text of its ``source_id`` cell: a national table has a million
    rows but few distinct source cells, whose reach is then found once each (and a serving process keeps
    the counts while the table is the same)."""
    if SOURCE_FIELD not in table.header:
        return ()
    numeric = [f.name for f in table.fields if f.name not in NOT_STATED
               and (f.type in ("number", "integer") or f.name == VALUE_FIELD)]
    missing = {name: table.missing_in(name) for name in numeric}
    stated_by: dict[str, int] = {}
    for row in table.rows:
        stated = sum(1 for name in numeric if row.get(name, "") not in missing[name])
        if stated:
            cell = row.get(SOURCE_FIELD, "")
            stated_by[cell] = stated_by.get(cell, 0) + stated
    return tuple(stated_by.items())


def _reach(directory: Directory, cell: str) -> str:
    """The furthest any of a cell's sources leads (an unknown source id counts as no address)."""
    kinds = {source.address for source_id in directory.source_ids(cell)
             if (source := directory.source(source_id)) is not None}
    for kind in (EXACT, SITE_ROOT):
        if kind in kinds:
            return kind
    return NO_ADDRESS
