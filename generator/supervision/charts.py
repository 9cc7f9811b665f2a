"""Overview charts of recommendations: how many are at each status, and which agencies they address."""

from __future__ import annotations

from generator.core.charts.spec import Bar, Chart
from generator.core.locale import Locale
from generator.directory.model import Directory
from generator.supervision.model import Supervision

TOP_AGENCIES = 12


def by_status(supervision: Supervision, locale: Locale) -> Chart | None:
    counts = supervision.status_counts()
    if not counts:
        return None
    bars = tuple(Bar(status.label.get(locale.code), float(count)) for status, count in counts)
    total = sum(count for _, count in counts)
    top_status, top_count = max(counts, key=lambda pair: (pair[1], -pair[0].order))
    summary = locale.t("chart.status.summary", total=total, status=top_status.label.get(locale.code),
                             count=top_count)
    return Chart(
        kind="bars", slug=f"recommendations-by-status-{locale.code}", title=locale.t("supervision.by_status"),
        alt=locale.t("chart.bars.alt", summary=summary), summary=summary,
        csv_header=("status", "label", "count"),
        csv_rows=tuple((status.code, status.label.get(locale.code), str(count)) for status, count in counts),
        y_label=locale.t("chart.axis.count"), bars=bars,
        legend=(("stated", locale.t("supervision.recommendations")),))


def by_agency(supervision: Supervision, directory: Directory, locale: Locale) -> Chart | None:
    counts: dict[str, int] = {}
    for item in supervision.items():
        for code in item.addressees:
            counts[code] = counts.get(code, 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))[:TOP_AGENCIES]
    bars = tuple(Bar(directory.agency(code).name.get(locale.code), float(count)) for code, count in ranked)
    summary = locale.t("chart.agency.summary", agency=bars[0].label, count=ranked[0][1],
                             agencies=len(counts))
    return Chart(
        kind="bars", slug=f"recommendations-by-agency-{locale.code}", title=locale.t("supervision.by_agency"),
        alt=locale.t("chart.bars.alt", summary=summary), summary=summary,
        csv_header=("agency_code", "agency", "count"),
        csv_rows=tuple((code, directory.agency(code).name.get(locale.code), str(count)) for code, count in ranked),
        y_label=locale.t("chart.axis.count"), bars=bars,
        legend=(("stated", locale.t("supervision.recommendations")),))
