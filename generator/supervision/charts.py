"""Overview charts of recommendations: how many are at each status, and which agencies they address."""

from __future__ import annotations

from generator.core import i18n
from generator.core.charts.spec import Bar, Chart
from generator.core.lookup import Lookups
from generator.supervision.model import Supervision

TOP_AGENCIES = 12


def by_status(supervision: Supervision, lang: str) -> Chart | None:
    counts = supervision.status_counts()
    if not counts:
        return None
    bars = tuple(Bar(status.label.get(lang), float(count)) for status, count in counts)
    total = sum(count for _, count in counts)
    top_status, top_count = max(counts, key=lambda pair: (pair[1], -pair[0].order))
    summary = i18n.translate("chart.status.summary", lang, total=total, status=top_status.label.get(lang),
                             count=top_count)
    return Chart(
        kind="bars", slug=f"recommendations-by-status-{lang}", title=i18n.translate("supervision.by_status", lang),
        alt=i18n.translate("chart.bars.alt", lang, summary=summary), summary=summary,
        csv_header=("status", "label", "count"),
        csv_rows=tuple((status.code, status.label.get(lang), str(count)) for status, count in counts),
        y_label=i18n.translate("chart.axis.count", lang), bars=bars,
        legend=(("stated", i18n.translate("supervision.recommendations", lang)),))


def by_agency(supervision: Supervision, lookups: Lookups, lang: str) -> Chart | None:
    counts: dict[str, int] = {}
    for item in supervision.items():
        for code in item.addressees:
            counts[code] = counts.get(code, 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))[:TOP_AGENCIES]
    bars = tuple(Bar(lookups.agency(code).name.get(lang), float(count)) for code, count in ranked)
    summary = i18n.translate("chart.agency.summary", lang, agency=bars[0].label, count=ranked[0][1],
                             agencies=len(counts))
    return Chart(
        kind="bars", slug=f"recommendations-by-agency-{lang}", title=i18n.translate("supervision.by_agency", lang),
        alt=i18n.translate("chart.bars.alt", lang, summary=summary), summary=summary,
        csv_header=("agency_code", "agency", "count"),
        csv_rows=tuple((code, lookups.agency(code).name.get(lang), str(count)) for code, count in ranked),
        y_label=i18n.translate("chart.axis.count", lang), bars=bars,
        legend=(("stated", i18n.translate("supervision.recommendations", lang)),))
