"""Where a cell is written in its table's file: the column a problem at a row names (``file:line:column``).

Apart from the rules that use it so that the reference checks (``crossrefs``, which ``rules`` imports) can place
their problems at the cell too: a code not found was reported at its line alone.
"""

from __future__ import annotations

from generator.core.read.formats import JSON_FORMATS
from generator.core.read.records import cell_column
from generator.core.read.table import Table


class CellPlace:
    """Where a cell starts on its row's line in a table's CSV file (its text read once, when a cell is asked
    for); None for a table of another kind."""

    def __init__(self, table: Table):
        self.table, self._lines = table, None
        labels, names = table.labels or table.header, table.header
        # Columns met by name (fieldsMatch) are where the file's header has them, not in the schema's order.
        self.index = {name: labels.index(name) if table.fields_match != "exact" and name in labels else i
                      for i, name in enumerate(names)}

    def column(self, line: int, name: str) -> int | None:
        return self._column(line, self.index[name])

    def label_column(self, index: int) -> int | None:
        """Where the ``index``-th label starts on the header line (the file's first: checks/descriptor.py refuses
        a dialect that puts it elsewhere)."""
        return self._column(1, index)

    def _column(self, line: int, index: int) -> int | None:
        source = self.table.source
        if not self.table.rel or source is None or source.format in JSON_FORMATS:
            return None
        if self._lines is None:
            self._lines = source.lines() or []
        return cell_column(self._lines[line - 1], index, source.dialect) if 0 < line <= len(self._lines) else None
