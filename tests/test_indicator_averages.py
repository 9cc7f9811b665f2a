"""The score chart draws the provincial average only in the chart's unit (audit facts3 #10): PAR's 63-province
averages are in % in 2016 and 2023 and in points in 2018 and 2019, and all four were one line on the "%" axis. An
average in another unit stays in the chart's CSV with its unit, and the caption and the alt text say which years
are not drawn and why; a unit scored on several scales has no one unit to draw an average in."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from generator.core.datasets import load_datasets
from generator.core.locale import locale
from generator.core.settings import Settings
from generator.core.text import Text
from generator.indicators import charts
from generator.indicators.model import NO_NOTE, Average, Index, Observation, load_indicators

NAME = Text("TP.HCM", "HCMC")
DATASETS = Path(__file__).resolve().parent.parent / "datasets"


def _obs(year: int, score: str, score_unit: str = "") -> Observation:
    return Observation("PAR", year, "province", "79", "TP.HCM", "total", Decimal(score), score_unit, None, None,
                       NO_NOTE, "", (), "s", NO_NOTE)


def _par(*results: Observation) -> Index:
    averages = (Average(2016, Decimal("74.64"), Text(), "a", "%"),
                Average(2018, Decimal("76.92"), Text(), "b", "points"),
                Average(2019, Decimal("81.15"), Text(), "c", "points"),
                Average(2023, Decimal("86.98"), Text(), "d", "%"))
    return Index("PAR", Text("Chỉ số CCHC", "PAR Index"), Text(), Text(), "province", "%", True,
                 results or (_obs(2016, "78.5"), _obs(2018, "80.1"), _obs(2019, "82.3"), _obs(2023, "86.97")), averages)


def test_only_the_averages_in_the_charts_unit_are_drawn_and_the_others_are_named():
    vi, en = (charts.score_chart(_par(), "79", NAME, locale(lang)) for lang in ("vi", "en"))
    average = en.series[-1]
    assert average.reference and [p.x for p in average.points] == [2016, 2023]
    assert [p.x for p in vi.series[-1].points] == [2016, 2023]
    assert en.note == ("The 2018 and 2019 averages are not drawn: their sources give them in points, not in the "
                       "chart's unit; the chart's CSV has them.")
    assert vi.note == ("Không vẽ trung bình năm 2018 và 2019: nguồn nêu bằng điểm, khác đơn vị của biểu đồ; tệp CSV "
                       "của biểu đồ có các giá trị đó.")
    assert en.alt.endswith(en.note) and vi.alt.endswith(vi.note)
    assert en.csv_header[-5:] == ("average", "average_qualifier", "average_unit", "average_flags",
                                  "average_source_id")
    assert en.csv_rows == (("2016", "78.5", "", "%", "", "s", "74.64", "", "%", "", "a"),
                           ("2018", "80.1", "", "%", "", "s", "76.92", "", "points", "", "b"),
                           ("2019", "82.3", "", "%", "", "s", "81.15", "", "points", "", "c"),
                           ("2023", "86.97", "", "%", "", "s", "86.98", "", "%", "", "d"))


def test_an_average_alone_in_its_year_keeps_its_row_and_a_year_of_two_averages_keeps_both():
    index = _par(_obs(2019, "82.3"), _obs(2023, "86.97"))
    index = replace(index, averages=(*index.averages, Average(2023, Decimal("87.10"), Text(), "e", "points")))
    chart = charts.score_chart(index, "79", NAME, locale("en"))
    assert chart.csv_rows == (("2016", "", "", "", "", "", "74.64", "", "%", "", "a"),
                              ("2018", "", "", "", "", "", "76.92", "", "points", "", "b"),
                              ("2019", "82.3", "", "%", "", "s", "81.15", "", "points", "", "c"),
                              ("2023", "86.97", "", "%", "", "s", "86.98", "", "%", "", "d"),
                              ("2023", "86.97", "", "%", "", "s", "87.10", "", "points", "", "e"))
    assert [p.x for p in chart.series[-1].points] == [2016, 2023]
    assert chart.series[-1].points[-1].y == 86.98
    assert chart.note.startswith("The 2018, 2019 and 2023 averages are not drawn: their sources give them in points")


def test_scores_on_several_scales_draw_no_average():
    chart = charts.score_chart(_par(_obs(2016, "78.5"), _obs(2018, "80.1", "points"), _obs(2023, "86.97")), "79",
                               NAME, locale("en"))
    assert not any(s.reference for s in chart.series)
    assert chart.alt.startswith("Line chart of the score by year. ")
    assert chart.note == ("The 2016, 2018, 2019 and 2023 averages are not drawn: the scores are on several scales, so "
                          "the chart has no one unit; the chart's CSV has them.")
    assert len(chart.csv_rows) == 4 and all(row[6] for row in chart.csv_rows)


def test_the_real_par_chart_draws_2016_and_2023_only():
    indicators = load_indicators(load_datasets(Settings(datasets_dir=DATASETS, root=DATASETS.parent,
                                                        cache_validation=False)))
    index = indicators.index("PAR_INDEX")
    chart = charts.score_chart(index, indicators.focus_unit, indicators.focus_name, locale("en"))
    assert [p.x for p in chart.series[-1].points] == [2016, 2023]
    assert "The 2018 and 2019 averages are not drawn: their sources give them in points" in chart.note
    rows = [dict(zip(chart.csv_header, row, strict=True)) for row in chart.csv_rows]
    units = {row["year"]: row["average_unit"] for row in rows if row["average"]}
    assert units == {"2016": "%", "2018": "points", "2019": "points", "2023": "%"}
    # every score and every average names its source (the 2023 average: an aggregator's, not HCMC's sources')
    assert all(row["source_id"] for row in rows if row["score"])
    assert {row["year"]: row["average_source_id"] for row in rows if row["average"]} == {
        "2016": "vnplus-en-par-2016", "2018": "vietjo-2019-05-28-par-2018", "2019": "vietjo-2020-05-20-par-2019",
        "2023": "baomoi-ha-noi-thu-ba-chi-so-cchc"}
