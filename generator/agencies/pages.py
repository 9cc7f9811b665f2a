"""Agency pages: each agency with its sessions, the recommendations addressed to it and its index results."""

from __future__ import annotations

from generator import urls
from generator.agencies.model import TYPES, Agencies, Agency
from generator.agencies.results import any_group, result_rows
from generator.core.charts.spec import CardFiles
from generator.core.claims import Count
from generator.core.feature import PageContext
from generator.core.locale import Locale
from generator.core.render import share
from generator.core.render.output import Output, Page
from generator.directory.model import AGENCIES
from generator.indicators.model import Indicators
from generator.supervision.model import Fact, Item, Session, Supervision, status_bars


def build(agencies: Agencies, page: PageContext) -> Output:
    output = Output()
    if not agencies.agencies:
        return output
    supervision = page.site.models.get(Supervision)
    indicators = page.site.models.get(Indicators)
    cards = share_cards(agencies, supervision, page)
    output.cards += list(cards.values())
    output.pages.append(Page(urls.AGENCIES_INDEX, page.render(
        "agencies/index.md.j2", urls.AGENCIES_INDEX, agencies=list(agencies.agencies), types=agencies,
        share=cards[urls.AGENCIES_INDEX])))
    for agency in agencies.agencies:
        sessions: list[Session] = []
        items: list[Item] = []
        facts: list[tuple[Session, Fact]] = []
        if supervision is not None:
            sessions, items = supervision.for_agency(agency.code)
            facts = supervision.facts_for(agency.code)

        unknown = supervision.sessions_unknown_for(agency.code) if supervision is not None else 0
        unlisted = _unlisted(sessions, supervision.sessions_held_for(agency.code) if supervision is not None else 0)
        card = cards.get(agency.page_uri) or share.sharing(
            cards[urls.AGENCIES_INDEX], *_agency_words(agency, items, unknown, unlisted, agencies, page.locale))

        def make(agency: Agency = agency, sessions: list[Session] = sessions, items: list[Item] = items,
                 facts: list[tuple[Session, Fact]] = facts, card: CardFiles = card, unknown: int = unknown,
                 unlisted: str = unlisted) -> Output:
            results = result_rows(indicators.latest_for_agency(agency.code)) if indicators else []
            return Output(pages=[Page(agency.page_uri, page.render(
                "agencies/agency.md.j2", agency.page_uri, agency=agency, sessions=sessions, items=items,
                facts=facts, results=results, groups=any_group(results), sv=supervision, types=agencies,
                share=card, sessions_unknown=unknown, unlisted=unlisted))])
        inputs = [*agency_inputs(agency, sessions, items, facts, page), share.share_input(card)]
        output.extend(page.unit(agency.page_uri, inputs, make))
    return output


def agency_inputs(agency: Agency, sessions: list[Session], items: list[Item], facts: list[tuple[Session, Fact]],
                  page: PageContext) -> list[str]:
    """An agency's page shows its row (and its type's label), the sessions that supervised it, the items
    addressed to it (with their statuses) and what it reported at sessions, and its latest index results (with
    the indices' names; ``results.result_rows``)."""
    datasets = page.site.datasets
    keys = []
    if (package := datasets.by_role(AGENCIES[0])) is not None:
        keys += [page.rows(package.name, AGENCIES[1], AGENCIES[2], agency.code), page.rows(package.name, TYPES)]
    supervision = page.site.models.get(Supervision)
    if supervision is not None:
        paths = {s.path for s in sessions} | {found.path for item in items
                                              if (found := supervision.session(item.session_id)) is not None}
        paths |= {session.path for session, _ in facts}
        keys += [page.file(path) for path in sorted(paths)]
        keys += [page.rows(supervision.package, name) for name in ("statuses", "forms", "categories")]
    indicators = page.site.models.get(Indicators)
    if indicators is not None and indicators.package:
        keys += [page.rows(indicators.package, "results", "unit_code", agency.code),
                 page.rows(indicators.package, "indices")]
    return keys


def share_cards(agencies: Agencies, supervision: Supervision | None, page: PageContext) -> dict[str, CardFiles]:
    """The agencies list's share image, and one for each agency that conclusions were addressed to, most first
    (``share.MAX_PER_KIND``; the others share the list's): its name and what became of its conclusions."""
    locale, site_url = page.locale, page.site.settings.site_url
    found = {urls.AGENCIES_INDEX: share.card(urls.AGENCIES_INDEX, locale, site_url, locale.t("agency.title"),
                                             locale.plural("count.agency", len(agencies.agencies)))}
    addressed = [(a, supervision.for_agency(a.code)[1]) for a in agencies.agencies] if supervision else []
    addressed = sorted((pair for pair in addressed if pair[1]), key=lambda pair: -len(pair[1]))
    for agency, items in addressed[:share.MAX_PER_KIND]:
        found[agency.page_uri] = share.card(
            agency.page_uri, locale, site_url, agency.name.get(locale.code),
            *_agency_words(agency, items, supervision.sessions_unknown_for(agency.code), "", agencies, locale),
            status_bars(supervision.tallies(items), locale))
    return {uri: urls.card_files(card) for uri, card in found.items()}


# Why nothing addressed to an agency is counted (``_unlisted``): the suffixes of its UI strings' keys
# ("agency.unlisted.<why>" on its card, "agency.items_unlisted.<why>" on its page)
UNLISTED = ("no_session", "planned_only")


def _unlisted(sessions: list[Session], held: int) -> str:
    """Why nothing addressed to an agency can be counted, not even as "0", when no session held so far in the
    data supervised it: "no_session" (none in the data, which does not hold every session: NOTES.md says some
    were not found) or "planned_only" (those in the data are still to come); "" when a held session did, whose
    lists say how many (0 only when they are known to be empty)."""
    if held:
        return ""
    return "planned_only" if sessions else "no_session"


def _agency_words(agency: Agency, items: list[Item], sessions_unknown: int, unlisted: str, agencies: Agencies,
                  locale: Locale) -> tuple[str, str]:
    """What an agency's card (or, without one, its page's description) says: how many conclusions were addressed
    to it (and how many of those are flagged inferred, as its list shows them), and its type. Not known when none
    is known and a session that supervised it has lists no source gives yet (never "0"); with some known, how many
    sessions' lists are not (the count is then a floor); without a session held that supervised it
    (``_unlisted``), that the data has none, not "0"."""
    if not items and unlisted:
        count = locale.t(f"agency.unlisted.{unlisted}")
    else:
        count = locale.count(Count(len(items) if items or not sessions_unknown else None, "count.item"))
    if inferred := sum(1 for item in items if item.flagged_inferred):  # "11" claimed them all as addressed to it
        count += "; " + locale.plural("agency.card_inferred", inferred)
    if items and sessions_unknown:
        count += "; " + locale.plural("agency.card_unknown", sessions_unknown)
    return count, agencies.type_label(agency.agency_type).get(locale.code)
