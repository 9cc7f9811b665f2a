"""The indices package's rule on the units it ranks (docs/data-format.md, ``chi-so/results``): a result of an
agency or a district (``unit_type``) names it by its code in the agencies package (``unit_code``).

No foreign key can say so: the same column holds GSO province codes ("79") and ministries' codes. A code the
agencies do not hold validated silently, and its result was on no agency's page: a typo ("SPT" for "STP") or
an agency renamed in ``co-quan`` left the Justice department's page without its 2021 and 2022 results.
"""

from __future__ import annotations

from generator.core import kept
from generator.core.checks.crossrefs import KeyIndex, closest, unchecked
from generator.core.checks.places import CellPlace
from generator.core.datasets import Datasets
from generator.core.problems import Problem, problem
from generator.core.read.table import Table
from generator.directory.model import AGENCIES
from generator.indicators.model import INDICES_ROLE

RESULTS = "results"
UNIT_CODE = "unit_code"
AGENCY_UNITS = frozenset({"agency", "district"})  # the unit types whose unit_code is an agency's code


def agency_units_are_known(datasets: Datasets) -> list[Problem]:
    """An ``unknown-reference`` at each result of an agency or district whose code the agencies do not hold; one
    ``unchecked-reference`` warning instead when the agencies table could not be read (each code would be "not
    found", right as it is)."""
    indices, agencies = datasets.by_role(INDICES_ROLE), datasets.by_role(AGENCIES[0])
    results = indices.table(RESULTS) if indices is not None else None
    if results is None or agencies is None or not {"unit_type", UNIT_CODE} <= set(results.header):
        return []
    index = KeyIndex(datasets.tables())
    target = f"{agencies.name}/{AGENCIES[1]}.{AGENCIES[2]}"
    if (unread := index.unread(agencies.name, AGENCIES[1])) is not None:
        return [unchecked(results.rel or indices.loaded.rel, None, None, UNIT_CODE, target, unread)]
    known = index.values(agencies.name, AGENCIES[1], AGENCIES[2])
    if known is None:  # no such table or column: the agencies package's own problem
        return []
    return list(kept.by_identity("agency-units", (results, index.table(agencies.name, AGENCIES[1])),
                                 lambda: _unknown_agency_units(results, known, target)))


def _unknown_agency_units(results: Table, known: frozenset[str], target: str) -> tuple[Problem, ...]:
    """The rows of an agency or a district whose code is not an agency's. The code is compared as written: the
    agency's page looks its results up by the cell as it is, so " STP" would be on no page (the hint offers
    "STP"). An empty cell is Frictionless's to report (``required``)."""
    missing = results.missing_in(UNIT_CODE)
    unknown = [row for row in results.rows if row.get("unit_type") in AGENCY_UNITS
               and row.get(UNIT_CODE) not in missing and row.get(UNIT_CODE) not in known]
    place = CellPlace(results) if unknown else None
    return tuple(problem("unknown-reference", results.rel, row.line, place.column(row.line, UNIT_CODE), UNIT_CODE,
                         value=(code := row.get(UNIT_CODE)), target=target, choices="",
                         suggestion=closest(code, known))
                 for row in unknown)
