"""An agency's index results as its page shows them: for each index the latest year that states a score or a
rank, and a later year's row that states neither, with what is known of it (its group), the latest first."""

from __future__ import annotations

from dataclasses import dataclass

from generator.indicators.model import AgencyLatest, Index, Observation


@dataclass(frozen=True)
class ResultRow:
    index: Index
    result: Observation
    # The cell whose value the row's flags qualify: "rank", "score", "group", or "year" for a row that states none
    # of them. A flag beside an empty cell ("– inferred") qualified nothing a reader could see.
    flags_at: str


def result_rows(latest: list[AgencyLatest]) -> list[ResultRow]:
    """The rows of an agency's results table, each index's latest first."""
    return [ResultRow(found.index, o, _flags_at(o)) for found in latest for o in found.rows]


def _flags_at(o: Observation) -> str:
    if o.rank is not None:
        return "rank"
    if o.score is not None:
        return "score"
    return "group" if o.group else "year"


def any_group(rows: list[ResultRow]) -> bool:
    """Whether the table needs its group column (most results have no group)."""
    return any(row.result.group for row in rows)
