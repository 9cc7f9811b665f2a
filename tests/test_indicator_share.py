"""An indicator's page describes itself by its latest value (phone audit 3, #7): its link preview said only its own
title again ("Tỷ lệ hồ sơ đúng hạn · Chỉ số"). The value is said as its table says it, with its period, its kind
(a target is not a figure achieved) and its quality flags; the latest actual figure comes before a later target."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import date

from test_indicator_tiers import built_with_a_press_source
from test_indicators_charts import indicator, io

from generator.core.locale import locale
from generator.core.text import Text
from generator.indicators import pages


def _dated(year: int, value: str, **kwargs) -> object:
    return replace(io(year, value, **kwargs), start=date(year, 1, 1), end=date(year, 12, 31))


def _words(*observations) -> tuple[str, str] | None:
    found = pages.latest_value(indicator(*observations))
    return None if found is None else tuple(pages.indicator_words(found, locale(lang)) for lang in ("vi", "en"))


def test_the_latest_actual_figure_with_its_kind_and_flags():
    assert _words(_dated(2021, "100"), _dated(2022, "150", qualifier=">", flags=("inferred",)),
                  _dated(2025, "300", kind="target")) == (
        "TP.HCM, 2022: >150 hồ sơ (thực tế; suy đoán)", "TP.HCM en, 2022: >150 dossiers (actual figure; inferred)")


def test_a_target_alone_is_said_to_be_one():
    assert _words(_dated(2024, "98", kind="target", flags=("conflicting",))) == (
        "TP.HCM, 2024: 98 hồ sơ (mục tiêu; các nguồn không thống nhất)",
        "TP.HCM en, 2024: 98 dossiers (target figure; sources disagree)")


def test_a_period_without_dates_is_the_latest_only_when_it_is_the_only_one():
    undated = (io(2025, "80.62"), replace(io(2025, "81"), period=Text("2024", "2024")))
    assert _words(undated[0]) == ("TP.HCM, 2025: 80,62 hồ sơ (thực tế)",
                                  "TP.HCM en, 2025: 80.62 dossiers (actual figure)")
    assert _words(*undated) is None


def _description(page: str) -> str:
    return html.unescape(re.search(r'<meta property="og:description" content="([^"]*)"', page).group(1))


def test_the_page_describes_itself_by_its_latest_value_from_the_higher_source_tier(tmp_path):
    out = built_with_a_press_source(tmp_path)
    vi = (out / "chi-so" / "dung-han" / "index.html").read_text("utf-8")
    en = (out / "en" / "chi-so" / "dung-han" / "index.html").read_text("utf-8")
    assert _description(vi) == "TP.HCM, 2023: 98,4% (thực tế) · Chỉ số"
    assert _description(en) == "HCMC, 2023: 98.4% (actual figure) · Indicators"
