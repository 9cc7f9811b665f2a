"""Index and indicator pages: headline, charts with their table alternative, sources, conflicts, method."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from generator import urls
from generator.core.addresses import numbered
from generator.core.charts.spec import CardFiles, Chart
from generator.core.claims import Change, Value, change_between
from generator.core.feature import PageContext
from generator.core.locale import Locale
from generator.core.render import share
from generator.core.render.output import Output, Page
from generator.core.text import Text, without_marks
from generator.directory.model import Directory, note_entry
from generator.indicators import charts
from generator.indicators.model import (
    INDICATORS_ROLE,
    INDICES_ROLE,
    Index,
    Indicator,
    IndicatorObservation,
    Indicators,
    NoResult,
    Observation,
)

TABLE_LIMIT = 300  # rows of the full results table on a page; the download holds them all
# The headline's own anchor, in both languages: "#79-2023-total" was the headline's, and a year added after
# 2023 took it away (the headline moved to 2024, the 2023 row's id ended in its sources). A year's result is
# ``#<unit>-<year>-total``, its row in the history (``history_rows``).
HEADLINE_ANCHOR = "moi-nhat"
CITATION_ANCHOR = "trich-dan"  # the citation's heading (index_page.md.j2)


@dataclass(frozen=True)
class Headline:
    """The focus unit's latest result and how its rank and its score moved since the last year each was
    known: each change carries its own span, so a comparison across missing years says which are missing."""

    latest: Observation
    score: Value
    rank: Value
    rank_change: Change | None
    score_change: Change | None
    # the years after ``latest`` without a result, one a year, the earliest first: a row of the unit's that states
    # neither score nor rank (HCMC's PAR Index 2024), or an edition it has no row of (PAPI 2024): "TP.HCM 2023:
    # hạng 33/63" alone read as the latest edition's
    later: tuple[NoResult, ...] = ()

    def changes(self) -> list[tuple[Change, list[Change]]]:
        """The changes grouped by what they compare with: the period and the quality flags of both values, which
        the group's first change says (``Locale.since``). One line when rank and score agree; a rank from an
        inferred row beside a score from a stated one are two lines, each with its own caveat."""
        groups: list[tuple[Change, list[Change]]] = []
        for change in (self.rank_change, self.score_change):
            if change is None:
                continue
            same = next((g for g in groups if _compared_alike(g[0], change)), None)
            if same:
                same[1].append(change)
            else:
                groups.append((change, [change]))
        return groups


def _compared_alike(one: Change, other: Change) -> bool:
    """Two changes one "since" words: from the same period, between values of the same flags."""
    return (one.start_period, set(one.start.flags), set(one.end.flags)) == (
        other.start_period, set(other.start.flags), set(other.end.flags))


def headline(index: Index, unit: str, tier: charts.SourceTier | None = None) -> Headline | None:
    """The unit's latest result with a rank or a score and its changes. Of two rows of one year, the one the
    charts draw (``charts.preferred``: the higher source tier first): the headline and the charts say one value."""
    results = index.for_unit(unit)
    known = [o for o in results if o.rank is not None or o.score is not None]
    if not known:
        return None
    last = max(o.year for o in known)
    latest = charts.preferred([o for o in known if o.year == last], tier)
    # the latest year's value is the headline row's own: another row's rank beside this row's score is no change
    ranks = {year: o.rank_value() for year, o in charts.first_per_year(results, lambda o: o.rank, tier).items()
             if year != last or o is latest}
    scores = {year: o.score_value(index.score_unit)
              for year, o in charts.first_per_year(results, lambda o: o.score, tier).items()
              if year != last or o is latest}
    later = charts.no_results(index, unit, last, tier)
    return Headline(latest, latest.score_value(index.score_unit), latest.rank_value(),
                    change_between(ranks, latest.year), change_between(scores, latest.year),
                    tuple(later[year] for year in sorted(later)))


def source_tiers(directory: Directory | None) -> charts.SourceTier:
    """The tier of a source cell (its best source's, when it names several; "" when none is in the sources
    table), as the sources table states it. A page that asks depends on those sources' rows: a tier edited
    makes it again."""
    def tier(cell: str) -> str:
        if directory is None:
            return ""
        ids = directory.source_ids(cell)
        for source_id in ids:
            note_entry(directory, "sources", source_id)
        tiers = [source.tier for source_id in ids if (source := directory.source(source_id)) is not None]
        return min(tiers, key=charts.tier_rank, default="")
    return tier


def unit_names(directory: Directory | None, locale: Locale, focus: str = "", focus_name: Text | None = None
               ) -> Callable[[Observation], str]:
    """The name of a ranked unit in the page's language: the site's own unit by its name, an agency or
    district by its directory name (which has English), a province by the source's Vietnamese name, written
    in English without its marks ("Bình Dương" -> "Binh Duong"), as English-language sources write it."""
    def name(o: Observation) -> str:
        if focus and focus_name and o.unit_code == focus:
            return focus_name.get(locale.code)
        agency = None
        if directory and o.unit_type != "province":
            # the page depends on this agency's row (its name, or the absence of one), not on the whole list:
            # an agency's edit makes again only the index pages that rank it (in the real data, 3 of 11)
            note_entry(directory, "agencies", o.unit_code)
            agency = directory.agencies.get(o.unit_code)
        if agency and agency.name.get(locale.code):
            return agency.name.get(locale.code)
        return without_marks(o.unit_name) if locale.code == "en" else o.unit_name
    return name


def stated_words(score_unit: str, locale: Locale) -> Callable[[Observation], str]:
    """What a result row states, in the page's language: its score, its rank and its group, those it gives
    ("81,87% · hạng 61/63"; "nhóm cuối"), else that nothing was found. Beside another source's row it says what
    each gives: a score alone against a "–" hid the group "bottom" the other source gave instead."""
    def words(o: Observation) -> str:
        parts = [locale.value(o.score_value(score_unit))] if o.score is not None else []
        if o.rank is not None:
            parts.append(locale.value(o.rank_value()))
        if group := o.group.get(locale.code):
            parts.append(group)
        return " · ".join(parts) or locale.t("common.gap")
    return words


def index_charts(index: Index, indicators: Indicators, locale: Locale, directory: Directory | None = None
                 ) -> list[Chart]:
    unit, name = indicators.focus_unit, indicators.focus_name
    names, tier = unit_names(directory, locale, unit, name), source_tiers(directory)
    candidates = [charts.rank_chart(index, unit, name, locale, tier),
                  charts.score_chart(index, unit, name, locale, tier),
                  charts.ranking_bars(index, unit, name, locale, unit_name=names, tier=tier),
                  charts.ranking_bars(index, unit, name, locale, unit_type="agency", unit_name=names, tier=tier),
                  charts.ranking_bars(index, unit, name, locale, unit_type="district", unit_name=names, tier=tier),
                  charts.component_multiples(index, unit, name, locale, tier)]
    return [c for c in candidates if c is not None]


def build(indicators: Indicators, page: PageContext, cite: Callable[[str, str], object] | None = None,
          cite_inputs: tuple[str, ...] = ()) -> Output:
    """Index and indicator pages; ``cite(page_uri, title)`` gives a page's citation when the site has one
    (``cite_inputs``: the keys of what a citation is made from, see core/deps.py)."""
    output = Output()
    uri = urls.INDICATORS_INDEX
    cards = share_cards(indicators, page)
    output.cards += list(cards.values())
    output.pages.append(Page(uri, page.render("indicators/index.md.j2", uri, indicators=indicators, share=cards[uri])))
    for index in indicators.indices:
        card = cards.get(index.page_uri) or share.sharing(cards[uri], *_index_words(index, indicators, page))

        def make_index(index: Index = index, card: CardFiles = card) -> Output:
            return index_page(index, indicators, page, cite, card)
        output.extend(page.unit(index.page_uri, [*index_inputs(indicators.package, index, page), *cite_inputs,
                                                 share.share_input(card)], make_index))
    package = page.site.datasets.by_role(INDICATORS_ROLE)
    for indicator in indicators.indicators:
        # the list's image, and words of the indicator's own: its latest value (the list's "11 indices and 66
        # indicators" was every indicator's description, then its own title again, which a link preview shows)
        shared = share.sharing(cards[uri], *_indicator_words(indicator, page))

        def make_indicator(indicator: Indicator = indicator, shared: CardFiles = shared) -> Output:
            # of two rows of one year, the one from the higher source tier, as the index charts draw
            chart = charts.indicator_chart(indicator, page.locale, source_tiers(page.site.models.get(Directory)))
            files = [urls.chart_files(chart)] if chart else []
            return Output(pages=[Page(indicator.page_uri, page.render(
                "indicators/indicator_page.md.j2", indicator.page_uri, indicator=indicator, charts=files,
                share=shared))],
                charts=files)
        inputs = None if package is None else [
            page.rows(package.name, "indicators", "indicator_code", indicator.code),
            page.rows(package.name, "observations", "indicator_code", indicator.code), share.share_input(shared)]
        output.extend(page.unit(indicator.page_uri, inputs, make_indicator))
    return output


def index_inputs(package: str, index: Index, page: PageContext) -> list[str]:
    """An index's page is made from its row, its results, its components, the national averages and its editions
    (``releases``: a later edition without the unit's row is a year not found), all selected by the index's code,
    and from the package's descriptor (the focus unit is named there). The
    agencies and districts it ranks are named by their directory name, in the table and the charts: each
    agency's row is noted as it is looked up (``unit_names``)."""
    keys = [page.rows(package, name, "index_code", index.code)
            for name in ("indices", "results", "components", "national_summary", "releases")]
    found = page.site.datasets.by_role(INDICES_ROLE)
    return keys + ([page.file(found.loaded.descriptor_path)] if found is not None else [])


def history_rows(results: list[Observation]) -> list[tuple[Observation, str]]:
    """The focus unit's results, each with its row's id in the history table: its result's anchor
    (``79-2020-total``), whichever year is the latest and however many sources its row cites. A second row of
    one year (another source's) takes ``-2``, the first keeping the plain id, so a link to a year always lands on
    it. The row's place in the table was part of the id (a year added before it moved every later row's link),
    then its sources (a source added to a row moved its link). The ids are claimed after the page's own anchors
    (``numbered``): none can take the headline's."""
    return list(zip(results, numbered((result.anchor for result in results),
                                      taken=(HEADLINE_ANCHOR, CITATION_ANCHOR)), strict=True))


def index_page(index: Index, indicators: Indicators, page: PageContext, cite: Callable[[str, str], object] | None,
               card: CardFiles) -> Output:
    locale, directory = page.locale, page.site.models.get(Directory)
    files = [urls.chart_files(c) for c in index_charts(index, indicators, locale, directory)]
    return Output(pages=[Page(index.page_uri, page.render(
        "indicators/index_page.md.j2", index.page_uri, index=index, charts=files,
        headline=headline(index, indicators.focus_unit, source_tiers(directory)), headline_anchor=HEADLINE_ANCHOR,
        focus=history_rows(index.for_unit(indicators.focus_unit)),
        focus_name=indicators.focus_name, conflicts=index.conflicts(), national_conflicts=index.national_conflicts(),
        stated=stated_words(index.score_unit, locale),
        table=index.latest_first()[:TABLE_LIMIT],
        unit_name=unit_names(directory, locale, indicators.focus_unit, indicators.focus_name),
        results_uri=urls.download_uri(indicators.package, "results"),
        releases_uri=urls.download_uri(indicators.package, "releases"), share=card,
        citation=cite(index.page_uri, index.name.get(page.locale.code)) if cite else None))], charts=files)


def headline_words(found: Headline, focus_name: Text, locale: Locale) -> str:
    """The focus unit's latest result in words: "TP.HCM 2023: hạng 33/63 · 86,97%", with its quality flags as the
    page shows them beside it ("(nguồn tổng hợp thứ cấp)"): a share card or a link preview travels without the
    page, and a figure from a secondary compilation is not the publisher's own."""
    words = f"{focus_name.get(locale.code)} {found.latest.year}: {headline_value(found, locale)}"
    flags = [locale.t(f"common.flag.{flag}") for flag in found.latest.flags if locale.has(f"common.flag.{flag}")]
    notes = [locale.names(flags)] if flags else []
    # a later year whose row gives no result goes too: "TP.HCM 2023: hạng 33/63" alone, on a card or in a link's
    # preview, read as the latest edition's (new8a #1)
    notes += [locale.t("indicators.later_short", year=found.later[-1].year)] if found.later else []
    return f"{words} ({'; '.join(notes)})" if notes else words


def headline_value(found: Headline, locale: Locale) -> str:
    """The latest result itself, as the headline, the home block and the share card say it: "hạng 5 · nhóm 5 địa
    phương dẫn đầu · 86,97%". The row's group goes with its rank: PGI 2023's source says "top five", and "hạng 5"
    alone read as an exact fifth place."""
    parts = []
    if found.rank.known:
        rank = locale.number(found.latest.rank)
        if found.latest.rank_of:
            rank += "/" + locale.number(found.latest.rank_of)
        parts.append(f"{locale.t('common.rank').lower()} {rank}")
    if group := found.latest.group.get(locale.code):
        parts.append(group)
    if found.score.known:
        parts.append(locale.value(found.score))
    return " · ".join(parts)


def later_words(found: NoResult, locale: Locale) -> str:
    """A year after the headline's without a result, in words: "Kết quả năm 2024: chưa tìm thấy.", or what its
    row does say ("Năm 2024: nhóm dẫn đầu; chưa tìm thấy điểm và thứ hạng."), or, for an edition the unit has no
    row of, the edition's release as the list of editions gives it ("Kết quả năm 2024 (ấn bản công bố
    15/04/2025): chưa tìm thấy.")."""
    if found.row is not None and (group := found.row.group.get(locale.code)):
        return locale.t("indicators.later_group", year=found.year, group=group)
    if found.edition is not None:
        if found.edition.released is None:
            return locale.t("indicators.later_edition_undated", year=found.year)
        return locale.t("indicators.later_edition", year=found.year, date=locale.date(found.edition.released))
    return locale.t("indicators.later_unknown", year=found.year)


def _index_words(index: Index, indicators: Indicators, page: PageContext) -> tuple[str, str]:
    """What an index's page without a card of its own says of itself (its description): the focus unit's latest
    result as its card would, else the index's name; and its publisher. It said the indicators list's "11 indices
    and 66 indicators", a description of another page."""
    locale = page.locale
    latest = headline(index, indicators.focus_unit, source_tiers(page.site.models.get(Directory)))
    words = headline_words(latest, indicators.focus_name, locale) if latest is not None else index.name.get(locale.code)
    return words, index.publisher.get(locale.code)


def latest_value(indicator: Indicator, tier: charts.SourceTier | None = None) -> IndicatorObservation | None:
    """The indicator's latest row with a value (a number or words): the one whose period ends last, an actual
    figure before a target (the latest figure is what was achieved; a target is said to be one when there is no
    figure); of two rows of one period, the one from the higher source tier (``charts.preferred``). A period
    without dates ("tuần 41, 10/2025") cannot be placed among others: its rows count only where every row of the
    indicator is of that one period. None when no row can be said to be the latest."""
    valued = [o for o in indicator.observations if o.value is not None or o.value_text]
    valued = [o for o in valued if o.end or o.start] or (
        valued if len({o.period.get("vi") for o in valued}) == 1 else [])
    actual = [o for o in valued if o.kind == "actual"] or valued
    if not actual:
        return None
    last = max((o.end or o.start or date.min) for o in actual)
    return charts.preferred([o for o in actual if (o.end or o.start or date.min) == last], tier)


def indicator_words(found: IndicatorObservation, locale: Locale) -> str:
    """An indicator's row in words, as its page's table says it: "TP.HCM, 09/2025: 1.587 dịch vụ (thực tế; các
    nguồn không thống nhất)", its kind and its quality flags in brackets: a link preview travels without the
    table beside it, and a target or a figure sources disagree on is not a plain fact."""
    period = locale.span(found.start, found.end) or found.period.get(locale.code)
    said = locale.value(found.claim) if found.value is not None else found.value_text.get(locale.code)
    kind = locale.t(f"chart.kind.{found.kind}") if found.kind in ("actual", "target") else found.kind
    notes = [kind] if kind else []
    notes += [locale.t(f"common.flag.{flag}") for flag in found.flags if locale.has(f"common.flag.{flag}")]
    words = f"{found.scope.get(locale.code)}, {period}: {said}"
    return f"{words} ({'; '.join(notes)})" if notes else words


def _indicator_words(indicator: Indicator, page: PageContext) -> tuple[str, str]:
    """What an indicator's page says of itself (its description): its latest value, else its name; and the
    section's name."""
    locale = page.locale
    found = latest_value(indicator, source_tiers(page.site.models.get(Directory)))
    words = indicator_words(found, locale) if found is not None else indicator.name.get(locale.code)
    return words, locale.t("indicators.title")


def share_cards(indicators: Indicators, page: PageContext) -> dict[str, CardFiles]:
    """The share image of the indicators list (which the city's own indicators share) and of each index with
    the focus unit's latest result (``share.MAX_PER_KIND`` of them)."""
    locale, site_url = page.locale, page.site.settings.site_url
    counts = locale.names([locale.plural("count.index", len(indicators.indices)),
                           locale.plural("count.indicator", len(indicators.indicators))])
    found = {urls.INDICATORS_INDEX: share.card(urls.INDICATORS_INDEX, locale, site_url,
                                               locale.t("indicators.title"), counts)}
    tier = source_tiers(page.site.models.get(Directory))
    for index in indicators.indices[:share.MAX_PER_KIND]:
        latest = headline(index, indicators.focus_unit, tier)
        if latest is not None:
            found[index.page_uri] = share.card(index.page_uri, locale, site_url, index.name.get(locale.code),
                                               headline_words(latest, indicators.focus_name, locale),
                                               index.publisher.get(locale.code))
    return {uri: urls.card_files(card) for uri, card in found.items()}
