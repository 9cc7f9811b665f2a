"""Gathering what is not known from what the other features publish: conclusions with no public information
on what became of them (or only an inferred status), sessions whose conclusions no source lists, the city's
results missing from an index's series, and sources without an exact address."""

from __future__ import annotations

from urllib.parse import urlsplit

from generator import urls
from generator.core.checks.urls import link_target
from generator.core.datasets import Datasets
from generator.core.edit import Origin
from generator.core.read.table import Row, Table
from generator.directory.model import SOURCES
from generator.gaps.model import Gap, Words
from generator.indicators.model import INDICES_ROLE, Index, Indicators
from generator.supervision.model import Item, Session, Supervision


def supervision_gaps(supervision: Supervision) -> list[Gap]:
    gaps = []
    for session in supervision.sessions:
        if session.ahead(supervision.build_date):
            continue  # a planned session has nothing to follow up yet
        if not session.recommendations_known:
            gaps.append(Gap("conclusions", session.id, Words("gaps.subject.conclusions"),
                            Words("gaps.settle.conclusions"), session.page_uri, session.origin, about=session.topic,
                            flags=session.flags))
        for item in session.items:
            if item.current is None or item.inferred:
                gaps.append(_item_gap(item, session))
    return gaps


def _item_gap(item: Item, session: Session) -> Gap:
    kind = "inferred" if item.current is not None else "follow_up"
    settle = Words(f"gaps.settle.{kind}" if item.addressees else f"gaps.settle.{kind}_any")
    return Gap(kind, item.id, Words(f"gaps.subject.{kind}"), settle, f"{session.page_uri}#{item.anchor}",
               item.status_origin, about=item.text, agencies=item.addressees, flags=item.flags)


def index_gaps(indicators: Indicators, datasets: Datasets) -> list[Gap]:
    """The focus unit's results an index's series lacks between its first and last year (no row at all), the
    editions after its last year it has no row of (``releases``: PAPI 2024 was released; a row of results.csv
    would hold the answer), and its rows with no score or no rank."""
    package = datasets.by_role(INDICES_ROLE)
    table = package.table("results") if package else None
    if table is None or not indicators.focus_unit:
        return []
    rows = _focus_rows(table, indicators.focus_unit)
    gaps = []
    for index in indicators.indices:
        years = sorted({o.year for o in index.for_unit(indicators.focus_unit)})
        missing = [year for year in range(years[0], years[-1] + 1) if year not in years] if years else []
        missing += [e.year for e in index.editions_without(indicators.focus_unit) if years and e.year > years[-1]]
        published = {edition.year for edition in index.editions}
        for year in missing:
            gaps.append(_number_gap(index, indicators, year, "gaps.subject.no_result", _origin(table),
                                    year in published))
        for row in rows.get(index.code, []):
            missing_values = [name for name in ("score", "rank") if not row.get(name).strip()]
            if missing_values:
                key = f"gaps.subject.no_{'_'.join(missing_values)}"
                year = int(row.get("year"))
                gaps.append(_number_gap(index, indicators, year, key, _origin(table, row.line), year in published))
    return gaps


def _origin(table: Table, line: int | None = None) -> Origin | None:
    """Where a table's row is (or a new one would go): its file, when it is one file."""
    return Origin(table.path, line) if table.path is not None else None


def _focus_rows(table: Table, focus: str) -> dict[str, list[Row]]:
    found: dict[str, list[Row]] = {}
    for row in table.rows:
        if row.get("unit_code") == focus and row.get("component") in ("", "total") and row.get("year").isdigit():
            found.setdefault(row.get("index_code"), []).append(row)
    return found


def _number_gap(index: Index, indicators: Indicators, year: int, key: str, origin: Origin | None,
                published: bool = False) -> Gap:
    """A result the data lacks; the report that would settle it is said to exist when the index's editions
    (``releases``) list that year, not "if one was published"."""
    settle = "gaps.settle.number_published" if published else "gaps.settle.number"
    return Gap("number", f"{index.code} {year}", Words(key, (("unit", indicators.focus_name), ("year", year))),
               Words(settle, (("index", index.name), ("year", year), ("publisher", index.publisher))),
               index.page_uri, origin)


def source_gaps(datasets: Datasets) -> list[Gap]:
    """Sources whose address leads only to a home page, or nowhere: the exact address would settle them."""
    role, resource, key = SOURCES
    package = datasets.by_role(role)
    table = package.table(resource) if package else None
    if table is None:
        return []
    gaps = []
    for row in table.rows:
        url = link_target(row.get("url"))  # one the site cannot link to has no link, as the directory counts it
        parts = urlsplit(url)
        if url and (parts.path not in ("", "/") or parts.query or parts.fragment):
            continue
        subject = Words("gaps.subject.site_root" if url else "gaps.subject.no_address")
        gaps.append(Gap("address", row.get(key), subject, Words("gaps.settle.address"),
                        urls.dataset_uri(package.name), _origin(table, row.line), source=row.get(key)))
    return gaps
