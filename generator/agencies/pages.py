"""Agency pages: each agency with its sessions, the recommendations addressed to it and its index results."""

from __future__ import annotations

from generator import urls
from generator.agencies.model import Agencies
from generator.core.feature import PageContext
from generator.core.render.output import Output, Page
from generator.indicators.model import Indicators
from generator.supervision.model import Fact, Item, Session, Supervision


def build(agencies: Agencies, page: PageContext) -> Output:
    output = Output()
    if not agencies.agencies:
        return output
    supervision = page.site.models.get(Supervision)
    indicators = page.site.models.get(Indicators)
    output.pages.append(Page(urls.AGENCIES_INDEX, page.render(
        "agencies/index.md.j2", urls.AGENCIES_INDEX, agencies=list(agencies.agencies), types=agencies)))
    for agency in agencies.agencies:
        sessions: list[Session] = []
        items: list[Item] = []
        facts: list[tuple[Session, Fact]] = []
        if supervision is not None:
            sessions, items = supervision.for_agency(agency.code)
            facts = supervision.facts_for(agency.code)
        results = indicators.latest_for_agency(agency.code) if indicators else []
        output.pages.append(Page(agency.page_uri, page.render(
            "agencies/agency.md.j2", agency.page_uri, agency=agency, sessions=sessions, items=items,
            facts=facts, results=results, sv=supervision, types=agencies)))
    return output
