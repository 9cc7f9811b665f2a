"""Overview charts of recommendations: how many are at each status, and which agencies they address.

Both count the conclusions, recommendations and issues the session files list; a session whose conclusions
are not known yet adds nothing to them, and the summary says how many such sessions there are. "Most" names
every status or agency that ties for it.
"""

from __future__ import annotations

from collections.abc import Iterable

from generator import urls
from generator.core.charts.spec import Bar, Chart
from generator.core.checks.crossrefs import split_values
from generator.core.claims import Count, Entry, Ranking, Value
from generator.core.locale import Locale
from generator.directory.model import Directory
from generator.supervision.model import StatusTally, Supervision
from generator.supervision.summary import ALL_KINDS, Summary, summarise

TOP_AGENCIES = 12


def _unknown(summary: Summary, locale: Locale) -> str:
    """Sentences on the sessions held so far whose lists are not known, none or only some, when there are any:
    counted as the tracker counts them (its ``summary``; a planned session, not yet held, is not one, and a session
    with its conclusions listed and its issues not is one whose list is partial, not unknown)."""
    said = ""
    if summary.sessions_unknown:
        said += " " + locale.plural("chart.status.unknown_sessions", summary.sessions_unknown)
    if summary.sessions_partial:
        said += " " + locale.plural("summary.sessions_partial", summary.sessions_partial)
    return said


def by_status(supervision: Supervision, locale: Locale, summary: Summary | None = None) -> Chart | None:
    """A bar a status. A status only inferred (from a city-wide decision, not a follow-up report) is hatched and
    says so beside its count, as the tracker does: "Suspended 2" was shown as if reported."""
    summary = summary or summarise(supervision, ALL_KINDS)  # the tracker's, when the caller has it
    tallies = summary.by_status
    if not tallies:
        return None
    labels = [(tally.status, tally.status.label.get(locale.code), tally.count.value or 0) for tally in tallies]
    bars = tuple(Bar(label, float(count), flagged=tally.all_inferred, text=_with_inferred(locale, tally))
                 for tally, (_, label, count) in zip(tallies, labels, strict=True))
    ranking = Ranking(tuple(Entry(label, Value.of(count), status.code) for status, label, count in labels))
    total = Count(sum(count for _, _, count in labels), "count.item")
    inferred = sum(tally.inferred for tally in tallies)
    said = locale.t("chart.status.summary", total=locale.count(total), top=locale.leaders(ranking, ranking.highest()))
    if inferred:
        said += " " + locale.t("chart.status.inferred", inferred=locale.t("tracker.inferred", n=inferred))
    said += _unknown(summary, locale)
    return Chart(
        kind="bars", slug=f"{urls.BY_STATUS_CHART}-{locale.code}", title=locale.t("supervision.by_status"),
        alt=locale.t("chart.status.alt", summary=said), summary=said,
        csv_header=("status", "label", "count", "inferred", "source_id", "evidence_source_id"),
        csv_rows=tuple((status.code, label, str(count), str(tally.inferred),
                        *_status_sources(supervision, summary, status.code))
                       for tally, (status, label, count) in zip(tallies, labels, strict=True)),
        y_label=locale.t("chart.axis.count"), bars=bars,
        legend=(("stated", locale.t("supervision.items_counted")), ("flagged", locale.t("gaps.kind.inferred"))),
        lang=locale.code)


def _status_sources(supervision: Supervision, summary: Summary, status: str) -> tuple[str, str]:
    """The sources of a status's bar, as its CSV's two cells: those of the items it counts (each item's own,
    else its session's) and the evidence their current status rests on ("" for items with no status yet). A
    chart's embed page cites what its CSV names (``Chart.sources``): without these it cited nothing."""
    items = [item for item in supervision.items() if item.kind in summary.kinds and item.status == status]
    return (_cell(source for item in items for source in supervision.item_sources(item)),
            _cell(source for item in items if item.current for source in split_values(item.current.evidence)))


def _cell(sources: Iterable[str]) -> str:
    """Source ids as one cell of a chart's CSV (``a;b``), each once, in the order first named."""
    return ";".join(dict.fromkeys(source for source in sources if source))


def _with_inferred(locale: Locale, tally: StatusTally) -> str:
    """A bar's count, and how many of its items' statuses are only inferred ("2 (inferred)", "3 (1 inferred)")."""
    return _count_with_inferred(locale, tally.count.value or 0, tally.inferred)


def _count_with_inferred(locale: Locale, count: int, inferred: int) -> str:
    """A count, and how many of what it counts are inferred: "2 (inferred)" when all are, "3 (1 inferred)"."""
    text = locale.number(count)
    if inferred and inferred == count:
        return f"{text} {locale.t('summary.all_inferred')}"
    if inferred:
        return f"{text} {locale.t('summary.some_inferred', n=locale.number(inferred))}"
    return text


def by_agency(supervision: Supervision, directory: Directory, locale: Locale, summary: Summary | None = None
              ) -> Chart | None:
    """A bar an addressee, most first. An item flagged inferred (its addressee judged from its subject, say) is
    counted, and each bar and the summary say how many such items it holds: "11" claimed all eleven as addressed
    to the department when one rests on a judgement."""
    counts: dict[str, int] = {}
    inferred: dict[str, int] = {}
    sources: dict[str, list[str]] = {}  # what says the items were addressed to the agency
    flagged = 0
    for item in supervision.items():
        judged = int(item.flagged_inferred)
        flagged += judged
        for code in item.addressees:
            counts[code] = counts.get(code, 0) + 1
            inferred[code] = inferred.get(code, 0) + judged
            sources.setdefault(code, []).extend(supervision.item_sources(item))
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    names = {code: directory.agency(code).name.get(locale.code) for code in counts}
    ranking = Ranking(tuple(Entry(names[code], Value.of(count), code) for code, count in ranked))
    drawn = ranked[:TOP_AGENCIES]
    bars = tuple(Bar(names[code], float(count), text=_count_with_inferred(locale, count, inferred[code]))
                 for code, count in drawn)
    said = locale.t("chart.agency.summary", top=locale.leaders(ranking, ranking.highest()),
                    agencies=locale.number(len(counts)))
    if flagged:
        said += " " + locale.plural("chart.agency.inferred", flagged)
    said += _unknown(summary or summarise(supervision, ALL_KINDS), locale)
    note = locale.t("chart.agency.trimmed", drawn=len(drawn), total=len(counts)) if len(drawn) < len(counts) else ""
    return Chart(
        kind="bars", slug=f"{urls.BY_AGENCY_CHART}-{locale.code}", title=locale.t("supervision.by_agency"),
        alt=locale.t("chart.agency.alt", summary=said) + (f" {note}" if note else ""), summary=said,
        csv_header=("agency_code", "agency", "count", "inferred", "source_id"),
        csv_rows=tuple((code, names[code], str(count), str(inferred[code]), _cell(sources[code]))
                       for code, count in ranked),
        y_label=locale.t("chart.axis.count"), bars=bars, note=note,
        legend=(("stated", locale.t("supervision.items_counted")),), lang=locale.code)
