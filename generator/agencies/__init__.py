"""Agency pages: each agency with its sessions, the recommendations addressed to it and its index results."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator.core.datasets import Datasets
from generator.core.lookup import AGENCIES_DIR, Lookups, agency_uri
from generator.core.render.jinja import environment, render
from generator.core.render.output import Output, Page
from generator.core.text import Text
from generator.indicators.model import Indicators
from generator.supervision.model import Item, Session, Supervision


@dataclass(frozen=True)
class Agency:
    code: str
    name: Text
    agency_type: str
    valid_from: date | None
    valid_to: date | None
    successor: str
    status_note: Text
    source_id: str

    @property
    def page_uri(self) -> str:
        return agency_uri(self.code)


def load(datasets: Datasets) -> list[Agency]:
    package = datasets.by_role("agencies")
    table = package.table("agencies") if package else None
    return [Agency(str(r["agency_code"]), Text.of(r, "name"), str(r.get("agency_type") or ""), r.get("valid_from"),
                   r.get("valid_to"), str(r.get("successor_code") or ""), Text.of(r, "status_note"),
                   str(r.get("source_id") or ""))
            for r in (table.records() if table else [])]


def build(datasets: Datasets, lookups: Lookups, supervision: Supervision | None, indicators: Indicators | None,
          lang: str = "vi") -> Output:
    agencies = load(datasets)
    output = Output()
    if not agencies:
        return output
    env = environment(lang)
    index_uri = f"{AGENCIES_DIR}/index.md"
    output.pages.append(Page(index_uri, render(env, "agencies/index.md.j2", index_uri, agencies=agencies)))
    for agency in agencies:
        sessions: list[Session] = []
        items: list[Item] = []
        if supervision is not None:
            sessions, items = supervision.for_agency(agency.code)
        results = indicators.latest_for_agency(agency.code) if indicators else []
        output.pages.append(Page(agency.page_uri, render(
            env, "agencies/agency.md.j2", agency.page_uri, agency=agency, lookups=lookups, sessions=sessions,
            items=items, results=results, sv=supervision)))
    return output

