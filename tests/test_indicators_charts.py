"""generator/indicators/charts.py, chart by chart: every field of the spec each builder makes from a small index
(a bound, a derived rank, a gap, a tie, a partial ranking, components, an indicator with a target), and the
cases where a builder makes no chart.

The expected specs state every value, so that a mutation of the module (tests/mutation.py indicators-model)
fails one.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from generator.core.charts.spec import Bar, Chart, Panel, Point, Series, ValueAxis
from generator.core.claims import Unit, Value
from generator.core.locale import locale
from generator.core.text import Text
from generator.indicators import charts
from generator.indicators.model import (
    NO_NOTE,
    Average,
    Component,
    Edition,
    Index,
    Indicator,
    IndicatorObservation,
    Observation,
)

NAME = Text("TP.HCM", "HCMC")


def obs(unit: str, year: int, score: str | None, rank: int | None = None, component: str = "total",
        qualifier: str = "", flags: tuple[str, ...] = (), source: str = "s", unit_name: str = "") -> Observation:
    return Observation("PAR", year, "province", unit, unit_name or f"Tỉnh {unit}", component,
                       None if score is None else Decimal(score), "", rank, 63, NO_NOTE, qualifier, flags, source,
                       NO_NOTE)


def par(*extra: Observation, score_unit: str = "%", averages: bool = True) -> Index:
    """The focus unit 79 over four years (2021 a derived rank and a bound score, first by source; 2022 missing;
    2024 a gap), a 2023 ranking with a tie and a bound, and two components."""
    results = (
        obs("79", 2020, "80.5", 40), obs("79", 2021, "85", 33, qualifier="<", flags=("derived",)),
        obs("79", 2021, "84", 34, source="z-later"), obs("79", 2023, "86.97", 30), obs("79", 2024, None, None),
        obs("01", 2023, "91.0", 1, unit_name="Hà Nội"),
        obs("31", 2023, "91.0", 1, flags=("conflicting",), unit_name="Hải Phòng"),
        obs("48", 2023, "50", None, qualifier="<", unit_name="Đà Nẵng"),
        obs("79", 2022, "9.1", component="Chỉ đạo"), obs("79", 2023, "9.3", component="Chỉ đạo"),
        obs("79", 2023, "7.25", component="Thể chế"), *extra,
    )
    return Index("PAR", Text("Chỉ số CCHC", "PAR Index"), Text(), Text(), "province", score_unit, True, results,
                 (Average(2020, Decimal("76.0"), Text(), "a"), Average(2021, Decimal("78.5"), Text(), "a"),
                  Average(2023, Decimal("86.98"), Text(), "a")) if averages else (),
                 (Component(Text(), "1", Text("Chỉ đạo", "Steering"), "", (), "s"),))


def io(year: int, value: str, scope: str = "TP.HCM", kind: str = "actual", qualifier: str = "",
       value_max: str | None = None, flags: tuple[str, ...] = ()) -> IndicatorObservation:
    return IndicatorObservation("ho-so", Text(str(year)), Text(scope, scope + " en"), "", Decimal(value),
                                None if value_max is None else Decimal(value_max), qualifier, Text(),
                                Text("hồ sơ", "dossiers"), kind, flags, "s", Text(), year)


def indicator(*observations: IndicatorObservation) -> Indicator:
    """TP.HCM's actual figures (2021 missing, 2022 a bound) and targets; Q1 with one year, Q2 with ranges only."""
    return Indicator("ho-so", Text("Hồ sơ trực tuyến", "Online dossiers"), Text("hồ sơ", "dossiers"), True,
                     "thu-tuc", Text(), observations or (
                         io(2019, "100"), io(2020, "120", flags=("derived",)), io(2022, "150", qualifier=">"),
                         io(2020, "200", kind="target"), io(2022, "200", kind="target"), io(2021, "5", scope="Q1"),
                         io(2021, "1", scope="Q2", qualifier="range", value_max="2"),
                         io(2022, "1", scope="Q2", qualifier="range", value_max="3")))


RANK_EN = Chart(**
    {'kind': 'line',
     'slug': 'par-79-rank-en',
     'title': "HCMC's PAR Index rank",
     'alt': 'Line chart of the rank by year, with the vertical axis reversed (rank 1 at the top). HCMC: rank 40/63 '
            'in 2020, rank 30/63 in 2023; of the 3 years with a known rank, the lowest was rank 40/63 (2020). No '
            'rank is known for 2022 and 2024. Values with a caveat (drawn hollow): 2021 (worked out). '
            'Sources disagree on 2021: the chart draws rank 33/63; another source gives rank 34/63.',
     'summary': 'HCMC: rank 40/63 in 2020, rank 30/63 in 2023; of the 3 years with a known rank, the lowest was '
                'rank 40/63 (2020). No rank is known for 2022 and 2024. Values with a caveat (drawn hollow): 2021 '
                '(worked out).',
     'csv_header': ('year', 'rank', 'rank_of', 'flags', 'source_id'),
     'csv_rows': (('2020', '40', '63', '', 's'),
                  ('2021', '33', '63', 'derived', 's'),
                  ('2023', '30', '63', '', 's'),
                  ('2024', '', '63', '', 's')),  # a row with no rank stays a row (fact-check round 8, #3)
     'x_label': 'Year',
     'y_label': 'Rank (1 = best)',
     'series': (Series(label='HCMC',
                       points=(Point(x=2020, y=40.0, derived=False, label='40', bound=''),
                               Point(x=2021, y=33.0, derived=True, label='33', bound=''),
                               Point(x=2023, y=30.0, derived=False, label='30', bound='')),
                       reference=False),),
     'bars': (),
     'panels': (),
     'x_range': (2020, 2024),
     'invert_y': True,
     'note': 'Sources disagree on 2021: the chart draws rank 33/63; another source gives rank 34/63.',
     'legend': (('stated', 'As stated by the source'),
                ('derived', 'Worked out, not stated as such'),
                ('flagged', 'Derived, inferred or conflicting'),
                ('bound', 'Only a bound is known (below or above)')),
     'lang': 'en'})


SCORE_EN = Chart(**
    {'kind': 'line',
     'slug': 'par-79-score-en',
     'title': "HCMC's PAR Index score",
     'alt': 'Line chart of the score by year; the grey dashed line is the average of the 63 provinces. HCMC: '
            '86.97% in 2023 (80.5% in 2020). The 63-province average that year: 86.98%. No score is known for '
            '2022 and 2024. The vertical axis runs from 74 to 88, not from 0. Values with a caveat (drawn hollow): '
            '2021 (worked out). Sources disagree on 2021: the chart draws below 85%; another source gives 84%.',
     'summary': 'HCMC: 86.97% in 2023 (80.5% in 2020). The 63-province average that year: 86.98%. No score is '
                'known for 2022 and 2024. The vertical axis runs from 74 to 88, not from 0. Values with a caveat '
                '(drawn hollow): 2021 (worked out).',
     'csv_header': ('year', 'score', 'score_qualifier', 'score_unit', 'flags', 'source_id', 'average',
                    'average_qualifier', 'average_unit', 'average_flags', 'average_source_id'),
     'csv_rows': (('2020', '80.5', '', '%', '', 's', '76.0', '', '%', '', 'a'),
                  ('2021', '85', '<', '%', 'derived', 's', '78.5', '', '%', '', 'a'),
                  ('2023', '86.97', '', '%', '', 's', '86.98', '', '%', '', 'a'),
                  ('2024', '', '', '', '', 's', '', '', '', '', '')),
     'x_label': 'Year',
     'y_label': 'Score (%)',
     'series': (Series(label='HCMC',
                       points=(Point(x=2020, y=80.5, derived=False, label='80.5', bound=''),
                               Point(x=2021, y=85.0, derived=True, label='<85', bound='<'),
                               Point(x=2023, y=86.97, derived=False, label='86.97', bound='')),
                       reference=False),
                Series(label='Average of the 63 provinces',
                       points=(Point(x=2020, y=76.0, derived=False, label='76.0', bound=''),
                               Point(x=2021, y=78.5, derived=False, label='78.5', bound=''),
                               Point(x=2023, y=86.98, derived=False, label='86.98', bound='')),
                       reference=True)),
     'bars': (),
     'panels': (),
     'x_range': (2020, 2024),
     'invert_y': False,
     'note': 'Sources disagree on 2021: the chart draws below 85%; another source gives 84%.',
     'legend': (('stated', 'As stated by the source'),
                ('derived', 'Worked out, not stated as such'),
                ('flagged', 'Derived, inferred or conflicting'),
                ('bound', 'Only a bound is known (below or above)')),
     'lang': 'en',
     'y_axis': ValueAxis(74.0, 88.0, 2.0)})


BARS_EN = Chart(**
    {'kind': 'bars',
     'slug': 'par-province-2023-bars-en',
     'title': 'PAR Index 2023: provinces with a known score',
     'alt': 'Horizontal bar chart of scores, highest at the top. In 2023, of the 4 units with a known score (of 63 '
            'ranked): highest Hà Nội and Hải Phòng (tied at 91.0%); lowest Đà Nẵng (below 50%). Scores are known '
            'for only 4 of the 63 units ranked; the others are not in the sources. A bar whose rank, as the source '
            'gives it, is lower than its place on the chart carries that rank: Tỉnh 79 (rank 30).',
     'summary': 'In 2023, of the 4 units with a known score (of 63 ranked): highest Hà Nội and Hải Phòng (tied at '
                '91.0%); lowest Đà Nẵng (below 50%).',
     'csv_header': ('unit_code', 'unit_name', 'score', 'score_qualifier', 'rank', 'rank_of', 'flags', 'source_id'),
     'csv_rows': (('01', 'Hà Nội', '91.0', '', '1', '63', '', 's'),
                  ('31', 'Hải Phòng', '91.0', '', '1', '63', 'conflicting', 's'),
                  ('79', 'Tỉnh 79', '86.97', '', '30', '63', '', 's'),
                  ('48', 'Đà Nẵng', '50', '<', '', '63', '', 's')),
     'x_label': '',
     'y_label': 'Score (%)',
     'series': (),
     'bars': (Bar(label='Hà Nội', value=91.0, highlight=False, flagged=False, text='91.0', bound=''),
              Bar(label='Hải Phòng', value=91.0, highlight=False, flagged=True, text='91.0', bound=''),
              # drawn third, ranked 30th: its label says so (fact-check round 8, #7)
              Bar(label='Tỉnh 79', value=86.97, highlight=True, flagged=False, text='86.97 · rank 30', bound=''),
              Bar(label='Đà Nẵng', value=50.0, highlight=False, flagged=False, text='<50', bound='<')),
     'panels': (),
     'x_range': None,
     'invert_y': False,
     'note': 'Scores are known for only 4 of the 63 units ranked; the others are not in the sources. A bar whose '
             'rank, as the source gives it, is lower than its place on the chart carries that rank: Tỉnh 79 (rank '
             '30).',
     'legend': (('stated', 'As stated by the source'),
                ('derived', 'Sources disagree'),  # the hatched bar's flag (Hải Phòng's)
                ('flagged', 'Sources disagree'),
                ('bound', 'Only a bound is known (below or above)'),
                ('highlight', 'HCMC')),
     'lang': 'en'})


MULTIPLES_EN = Chart(**
    {'kind': 'multiples',
     'slug': 'par-79-components-en',
     'title': 'Components of the PAR Index: HCMC',
     # the panels' one value axis: 7.25-9.3 %, widened to a tenth of 100 %
     'alt': 'Small charts, one per component. 2 components of HCMC, in 2022 and 2023. Every small chart has the '
            'same vertical axis, from 2 to 14, not from 0.',
     'summary': '2 components of HCMC, in 2022 and 2023. Every small chart has the same vertical axis, from 2 to '
                '14, not from 0.',
     'csv_header': ('component', 'year', 'score', 'score_qualifier', 'source_id'),
     'csv_rows': (('Steering', '2022', '9.1', '', 's'),
                  ('Steering', '2023', '9.3', '', 's'),
                  ('Thể chế', '2023', '7.25', '', 's')),
     'x_label': '',
     'y_label': '',
     'series': (),
     'bars': (),
     'panels': (Panel(title='Steering',
                      series=(Series(label='Steering',
                                     points=(Point(x=2022, y=9.1, derived=False, label='9.1', bound=''),
                                             Point(x=2023, y=9.3, derived=False, label='9.3', bound='')),
                                     reference=False),)),
                Panel(title='Thể chế',
                      series=(Series(label='Thể chế',
                                     points=(Point(x=2023, y=7.25, derived=False, label='7.25', bound=''),),
                                     reference=False),))),
     'x_range': (2022, 2023),
     'invert_y': False,
     'note': '',
     'legend': (('stated', 'As stated by the source'),
                ('derived', 'Worked out, not stated as such'),
                ('flagged', 'Derived, inferred or conflicting'),
                ('bound', 'Only a bound is known (below or above)')),
     'lang': 'en',
     'y_axis': ValueAxis(2.0, 14.0, 2.0)})


INDICATOR_EN = Chart(**
    {'kind': 'line',
     'slug': 'ho-so-en',
     'title': 'Online dossiers',
     'alt': 'Line chart by year. Online dossiers, TP.HCM en (actual figure): 100 dossiers in 2019, above 150 '
            'dossiers in 2022. No figure is known for 2021. Values with a caveat (drawn hollow): TP.HCM en (actual '
            'figure) 2020 (worked out).',
     'summary': 'Online dossiers, TP.HCM en (actual figure): 100 dossiers in 2019, above 150 dossiers in 2022. No '
                'figure is known for 2021. Values with a caveat (drawn hollow): TP.HCM en (actual figure) 2020 '
                '(worked out).',
     'csv_header': ('series', 'year', 'value', 'value_qualifier'),
     'csv_rows': (('TP.HCM en (actual figure)', '2019', '100', ''),
                  ('TP.HCM en (actual figure)', '2020', '120', ''),
                  ('TP.HCM en (actual figure)', '2022', '150', '>'),
                  ('TP.HCM en (target figure)', '2020', '200', ''),
                  ('TP.HCM en (target figure)', '2022', '200', '')),
     'x_label': 'Year',
     'y_label': 'dossiers',
     'series': (Series(label='TP.HCM en (actual figure)',
                       points=(Point(x=2019, y=100.0, derived=False, label='100', bound=''),
                               Point(x=2020, y=120.0, derived=True, label='120', bound=''),
                               Point(x=2022, y=150.0, derived=False, label='>150', bound='>')),
                       reference=False),
                Series(label='TP.HCM en (target figure)',
                       points=(Point(x=2020, y=200.0, derived=False, label='200', bound=''),
                               Point(x=2022, y=200.0, derived=False, label='200', bound='')),
                       reference=True)),
     'bars': (),
     'panels': (),
     'x_range': (2019, 2022),
     'invert_y': False,
     'note': '',
     'legend': (('stated', 'As stated by the source'),
                ('derived', 'Worked out, not stated as such'),
                ('flagged', 'Derived, inferred or conflicting'),
                ('bound', 'Only a bound is known (below or above)')),
     'lang': 'en'})


@pytest.mark.parametrize(("build", "expected"), [
    (lambda lang: charts.rank_chart(par(), "79", NAME, locale(lang)), RANK_EN),
    (lambda lang: charts.score_chart(par(), "79", NAME, locale(lang)), SCORE_EN),
    (lambda lang: charts.ranking_bars(par(), "79", NAME, locale(lang)), BARS_EN),
    (lambda lang: charts.component_multiples(par(), "79", NAME, locale(lang)), MULTIPLES_EN),
    (lambda lang: charts.indicator_chart(indicator(), locale(lang)), INDICATOR_EN),
], ids=["rank", "score", "bars", "multiples", "indicator"])
def test_each_chart_spec_in_full(build, expected):
    assert build("en") == expected


def test_the_charts_in_vietnamese():
    vi = locale("vi")
    made = (charts.rank_chart(par(), "79", NAME, vi), charts.score_chart(par(), "79", NAME, vi),
            charts.ranking_bars(par(), "79", NAME, vi), charts.component_multiples(par(), "79", NAME, vi),
            charts.indicator_chart(indicator(), vi))
    assert [(c.slug, c.title, c.summary, c.x_label, c.y_label, c.note, c.lang) for c in made] == [
        ("par-79-rank-vi", "Thứ hạng Chỉ số CCHC của TP.HCM",
         "TP.HCM: hạng 40/63 năm 2020, hạng 30/63 năm 2023; trong 3 năm đã biết hạng, thấp nhất là hạng 40/63 (2020). "
         "Không có số liệu thứ hạng cho 2022 và 2024. Giá trị có lưu ý (vẽ rỗng): 2021 (tính ra).", "Năm",
         "Hạng (1 = cao nhất)",
         "Các nguồn không thống nhất về năm 2021: biểu đồ vẽ hạng 33/63, nguồn khác ghi hạng 34/63.", "vi"),
        ("par-79-score-vi", "Điểm Chỉ số CCHC của TP.HCM",
         "TP.HCM: 86,97% năm 2023 (80,5% năm 2020). Trung bình 63 tỉnh, thành năm đó: 86,98%. Không có số liệu "
         "điểm cho 2022 và 2024. Trục dọc vẽ từ 74 đến 88, không bắt đầu từ 0. Giá trị có lưu ý (vẽ rỗng): 2021 (tính "
         "ra).", "Năm",
         "Điểm (%)", "Các nguồn không thống nhất về năm 2021: biểu đồ vẽ dưới 85%, nguồn khác ghi 84%.", "vi"),
        ("par-province-2023-bars-vi", "Chỉ số CCHC 2023: các tỉnh, thành đã biết điểm",
         "Năm 2023, trong 4 đơn vị đã biết điểm (trên tổng số 63 đơn vị được xếp hạng): cao nhất là Hà Nội và "
         "Hải Phòng (cùng 91,0%); thấp nhất là Đà Nẵng (dưới 50%).", "", "Điểm (%)",
         "Chỉ biết điểm của 4 trong 63 đơn vị được xếp hạng; các đơn vị khác không có trong nguồn. Thanh nào có "
         "hạng theo nguồn thấp hơn vị trí của nó trên biểu đồ thì ghi hạng ấy: Tỉnh 79 (hạng 30).", "vi"),
        ("par-79-components-vi", "Các thành phần của Chỉ số CCHC: TP.HCM",
         "2 thành phần của TP.HCM, các năm 2022 và 2023. Mọi biểu đồ nhỏ dùng chung một trục dọc, từ 2 đến 14, không "
         "bắt đầu từ 0.", "", "", "", "vi"),
        ("ho-so-vi", "Hồ sơ trực tuyến", "Hồ sơ trực tuyến, TP.HCM (thực tế): 100 hồ sơ năm 2019, trên 150 hồ sơ "
         "năm 2022. Không có số liệu cho 2021. Giá trị có lưu ý (vẽ rỗng): TP.HCM (thực tế) 2020 (tính ra).", "Năm",
         "hồ sơ", "", "vi")]
    assert made[2].legend[-1] == ("highlight", "TP.HCM")
    assert [b.text for b in made[2].bars] == ["91,0", "91,0", "86,97 · hạng 30", "<50"]


def test_the_average_is_a_line_dots_or_absent():
    en = locale("en")
    assert charts.score_chart(par(averages=False), "79", NAME, en).alt == (
        "Line chart of the score by year. HCMC: 86.97% in 2023 (80.5% in 2020). No score is known for 2022 and 2024. "
        "The vertical axis runs from 78 to 90, not from 0. Values with a caveat (drawn hollow): 2021 (worked out). "
        "Sources disagree on 2021: the chart draws below 85%; another source gives 84%.")
    apart = Index("PAR", Text("Chỉ số CCHC", "PAR Index"), Text(), Text(), "province", "%", True, par().results,
                  (Average(2020, Decimal("76.0"), Text(), "a"), Average(2023, Decimal("86.98"), Text(), "a")))
    assert charts.score_chart(apart, "79", NAME, en).alt == (
        "Line chart of the score by year; the grey dots are the average of the 63 provinces. HCMC: 86.97% in 2023 "
        "(80.5% in 2020). The 63-province average that year: 86.98%. No score is known for 2022 and 2024. The "
        "vertical axis runs from 74 to 88, not from 0. Values with a caveat (drawn hollow): 2021 (worked out). "
        "Sources disagree on 2021: the chart draws below 85%; another source gives 84%.")
    whole = charts.score_chart(par(obs("79", 2022, "86", 31)), "79", NAME, en)
    # 2024's row states no score: the year after the last score is a gap too (fact-check round 8, #3)
    assert whole.summary == ("HCMC: 86.97% in 2023 (80.5% in 2020). The 63-province average that year: 86.98%. No "
                             "score is known for 2024. The vertical axis runs from 74 to 88, not from 0. Values with a "
                             "caveat (drawn hollow): 2021 (worked out).")
    without_later = Index("PAR", Text(), Text(), Text(), "province", "%", True,
                          tuple(o for o in par(obs("79", 2022, "86", 31)).results if o.year != 2024))
    assert "known for" not in charts.score_chart(without_later, "79", NAME, en).summary


@pytest.mark.parametrize(("score_unit", "vi", "en"), [
    ("%", "Điểm (%)", "Score (%)"), ("/80", "Điểm (tối đa 80)", "Score (out of 80)"), ("points", "Điểm", "Points"),
    ("", "Điểm", "Score"), ("x", "Điểm", "Score"),
])
def test_the_score_axis_says_what_the_numbers_are(score_unit, vi, en):
    unit = Unit.of_score(score_unit)
    assert (charts._axis_unit(unit, locale("vi")), charts._axis_unit(unit, locale("en"))) == (vi, en)


def test_no_chart_without_enough_data():
    en = locale("en")
    assert charts.rank_chart(par(), "01", NAME, en) is None  # one year
    assert charts.score_chart(par(), "48", NAME, en) is None
    assert charts.component_multiples(par(), "01", NAME, en) is None
    one_component = Index("PAR", Text("PAR"), Text(), Text(), "province", "%", True,
                          (obs("79", 2022, "9.1", component="Chỉ đạo"), obs("79", 2023, "9.3", component="Chỉ đạo"),
                           obs("79", 2023, None, component="Thể chế")))
    assert charts.component_multiples(one_component, "79", NAME, en) is None
    two_units = Index("PAR", Text("PAR"), Text(), Text(), "province", "%", True,
                      (obs("79", 2023, "80"), obs("01", 2023, "90"), obs("31", 2023, None)))
    assert charts.ranking_bars(two_units, "79", NAME, en) is None
    assert charts.indicator_chart(indicator(io(2020, "1"), io(2021, "2", scope="Q1"),
                                            io(2020, "1", qualifier="range", value_max="2"),
                                            io(2021, "1", qualifier="range", value_max="3")), en) is None


def test_the_ranking_is_the_latest_year_with_enough_scores():
    later = par(obs("01", 2024, "92"), obs("31", 2024, "90"))  # two scores in 2024: too few for a ranking
    assert charts.ranking_bars(later, "79", NAME, locale("en")).slug == "par-province-2023-bars-en"
    enough = par(obs("01", 2024, "92"), obs("31", 2024, "90"), obs("48", 2024, "70", source="a"),
                 obs("48", 2024, "71", source="b"))
    bars = charts.ranking_bars(enough, "79", NAME, locale("en"))
    assert (bars.slug, [(b.label, b.value) for b in bars.bars]) == (
        "par-province-2024-bars-en", [("Tỉnh 01", 92.0), ("Tỉnh 31", 90.0), ("Tỉnh 48", 70.0)])


def index_of(*results: Observation, averages: tuple[Average, ...] = ()) -> Index:
    return Index("PAR", Text("P"), Text(), Text(), "province", "%", True, results, averages)


@pytest.mark.parametrize(("unit", "scores", "axis", "vi", "en"), [
    # PAPI 2020-2022: fitted to the values, the axis ran 40.75-42 and 1.3 points of 80 fell from top to bottom
    ("/80", ("41.985", "40.68", "41.02"), ValueAxis(36.0, 46.0, 2.0), "Trục dọc vẽ từ 36 đến 46, không bắt đầu từ 0.",
     "The vertical axis runs from 36 to 46, not from 0."),
    # PCI 2019 and 2024, in points with no stated maximum: a tenth of the largest value (6.8)
    ("points", ("67.16", "67.89"), ValueAxis(62.0, 72.0, 2.0), "Trục dọc vẽ từ 62 đến 72, không bắt đầu từ 0.",
     "The vertical axis runs from 62 to 72, not from 0."),
    # the axis stops at the scale's top, never past 100 %
    ("%", ("99.5", "100"), ValueAxis(88.0, 100.0, 2.0), "Trục dọc vẽ từ 88 đến 100, không bắt đầu từ 0.",
     "The vertical axis runs from 88 to 100, not from 0."),
    # nor below 0; an axis from 0 needs no word
    ("/10", ("0.5", "0.7"), ValueAxis(0.0, 1.2, 0.2), "", ""),
    # values far apart keep their own span
    ("%", ("40", "90"), ValueAxis(30.0, 100.0, 10.0), "Trục dọc vẽ từ 30 đến 100, không bắt đầu từ 0.",
     "The vertical axis runs from 30 to 100, not from 0."),
])
def test_a_score_axis_spans_a_tenth_of_its_scale_inside_it_and_the_caption_says_where_it_starts(unit, scores, axis,
                                                                                              vi, en):
    index = replace(index_of(*(obs("79", 2020 + i, score) for i, score in enumerate(scores))), score_unit=unit)
    made = {lang: charts.score_chart(index, "79", NAME, locale(lang)) for lang in ("vi", "en")}
    assert made["vi"].y_axis == made["en"].y_axis == axis
    values = [float(score) for score in scores]
    top = {"/80": 80, "%": 100, "/10": 10}.get(unit, max(values))
    assert axis.high - axis.low >= 0.1 * top and axis.low <= min(values) and max(values) <= axis.high
    assert axis.low >= 0 and (unit == "points" or axis.high <= top)
    assert axis.ticks[0] == axis.low and axis.ticks[-1] == axis.high  # its ends are written on it
    assert made["vi"].summary.endswith(vi) and made["en"].summary.endswith(en)  # no gap, scales or caveat here
    assert (en in made["en"].alt) and ("not from 0" in made["en"].summary) == bool(en)


def test_component_panels_of_one_scale_share_one_value_axis_and_say_where_it_starts():
    """PGI's four components of 2023 (4.43, 5.92, 6.37, 7.49 of one scale) were each fitted to their own axis: every
    point sat mid-height, and the panels, drawn to be compared, looked alike. Of one scale, they share the score
    charts' axis; on several, each panel keeps its own."""
    parts = index_of(*(obs("79", 2023, score, component=name) for name, score in
                       (("A", "6.37"), ("B", "4.43"), ("C", "7.49"), ("D", "5.92"))))
    vi, en = (charts.component_multiples(replace(parts, score_unit="points"), "79", NAME, locale(lang))
              for lang in ("vi", "en"))
    assert vi.y_axis == en.y_axis == ValueAxis(4.0, 8.0, 1.0)
    assert en.summary.endswith("Every small chart has the same vertical axis, from 4 to 8, not from 0.")
    assert vi.summary.endswith("Mọi biểu đồ nhỏ dùng chung một trục dọc, từ 4 đến 8, không bắt đầu từ 0.")
    mixed = index_of(obs("79", 2023, "6.37", component="A")._replace(score_unit="/10"),
                     obs("79", 2023, "44.3", component="B")._replace(score_unit="/80"))
    chart = charts.component_multiples(mixed, "79", NAME, locale("en"))
    assert chart.y_axis is None and "vertical axis" not in chart.summary


def test_a_rank_chart_keeps_its_own_reversed_axis():
    chart = charts.rank_chart(par(), "79", NAME, locale("en"))
    assert (chart.invert_y, chart.y_axis) == (True, None) and "vertical axis runs" not in chart.alt


def test_a_rank_sentence_repeats_the_caveats_of_each_value_it_names():
    first = obs("79", 2020, None, 40, flags=("inferred", "derived"))._replace(rank_of=None)
    chart = charts.rank_chart(index_of(first, obs("79", 2023, None, 30, flags=("inferred",))), "79", NAME,
                              locale("en"))
    assert chart.summary == ("HCMC: rank 40, derived, inferred in 2020, rank 30/63, inferred in 2023; of the 2 years "
                             "with a known rank, the lowest was rank 40, derived, inferred (2020). No rank is known "
                             "for 2021–2022. Values with a caveat (drawn hollow): 2020 (worked out and inferred); "
                             "2023 (inferred).")
    assert chart.csv_rows == (("2020", "40", "", "inferred derived", "s"), ("2023", "30", "63", "inferred", "s"))


def test_bars_of_a_whole_ranking_an_about_value_and_a_unit_named_twice():
    results = tuple(o._replace(rank_of=None) for o in (
        obs("01", 2023, "90"), obs("31", 2023, "80", qualifier="~", flags=("derived", "inferred")),
        obs("79", 2023, "70", unit_name="TP.HCM", source="a"),
        obs("79", 2023, "71", unit_name="TP. Hồ Chí Minh", source="b")))  # one unit, two sources: the first
    chart = charts.ranking_bars(index_of(*results), "79", NAME, locale("en"))
    disagree = "Sources disagree on TP.HCM: the chart draws 70%; another source gives 71%."
    assert (chart.alt, chart.note) == ("Horizontal bar chart of scores, highest at the top. In 2023, of the 3 units "
                                       f"with a known score: highest Tỉnh 01 (90%); lowest TP.HCM (70%). {disagree}",
                                       disagree)
    assert chart.bars == (Bar("Tỉnh 01", 90.0, False, False, "90", ""), Bar("Tỉnh 31", 80.0, False, True, "~80", ""),
                          Bar("TP.HCM", 70.0, True, False, "70", ""))
    assert chart.csv_rows == (("01", "Tỉnh 01", "90", "", "", "", "", "s"),
                              ("31", "Tỉnh 31", "80", "~", "", "", "derived inferred", "s"),
                              ("79", "TP.HCM", "70", "", "", "", "", "a"))


def test_a_long_partial_ranking_says_both_what_is_known_and_what_is_drawn():
    many = tuple(obs(f"{n:02d}", 2023, str(100 - n), n) for n in range(1, 36))
    chart = charts.ranking_bars(index_of(*many), "05", NAME, locale("en"))
    assert (len(chart.bars), chart.note) == (30, "Scores are known for only 35 of the 63 units ranked; the others are "
                                                 "not in the sources. A bar whose rank, as the source gives it, is "
                                                 "lower than its place on the chart carries that rank: Tỉnh 21 (rank "
                                                 "21), Tỉnh 22 (rank "
                                                 "22), Tỉnh 23 (rank 23), Tỉnh 24 (rank 24), Tỉnh 25 (rank 25) and 10 "
                                                 "others. The chart draws 30 of the 35 units (top, bottom and HCMC); "
                                                 "the chart's CSV has them all.")
    # the top fifteen are drawn at their rank; the bottom fifteen, 21st to 35th, below the 15th, carry theirs
    assert [bar.text for bar in chart.bars][14:17] == ["85", "79 · rank 21", "78 · rank 22"]


@pytest.mark.parametrize(("extra", "vi", "en"), [
    # the focus unit's 29th place beside the known scores: at least 29 were ranked
    ((obs("79", 2023, "60", 29),), "trong 4 đơn vị đã biết điểm (trong ít nhất 29 đơn vị được xếp hạng)",
     "of the 4 units with a known score (of at least 29 ranked)"),
    # two units named "lowest" without a score: at least 5 were ranked
    ((obs("79", 2023, "60"), obs("02", 2023, None)._replace(group=Text("thấp nhất", "lowest")),
      obs("03", 2023, None)._replace(group=Text("thấp nhất", "lowest"))),
     "trong 4 đơn vị đã biết điểm (trong ít nhất 6 đơn vị được xếp hạng)",
     "of the 4 units with a known score (of at least 6 ranked)"),
    # a rank without a score counts too
    ((obs("79", 2023, "60"), obs("04", 2023, None, 5)), "trong 4 đơn vị đã biết điểm (trong ít nhất 5 đơn vị",
     "of the 4 units with a known score (of at least 5 ranked)"),
])
def test_a_lowest_named_from_a_partial_list_says_it_is_partial_though_no_total_is_stated(extra, vi, en):
    """DDCI 2022: ten agencies' scores, three more named "lowest" without one; PCI 2024: the top ten's scores and
    HCMC's 29th place. The lowest known is not the lowest ranked: the sentence says how few are known."""
    top = tuple(o._replace(rank_of=None) for o in (obs("01", 2023, "90", 1), obs("31", 2023, "80", 2),
                                                    obs("48", 2023, "70", 3), *extra))
    made = {lang: charts.ranking_bars(index_of(*top), "79", NAME, locale(lang)) for lang in ("vi", "en")}
    assert vi in made["vi"].summary and en in made["en"].summary
    assert made["en"].note.startswith("Scores are known for only 4 of at least ")
    assert made["vi"].note.startswith("Chỉ biết điểm của 4 trong ít nhất ")
    whole = charts.ranking_bars(index_of(*top[:3], obs("79", 2023, "60", 4)._replace(rank_of=None)), "79", NAME,
                                locale("en"))
    assert (whole.summary, whole.note) == ("In 2023, of the 4 units with a known score: highest Tỉnh 01 (90%); "
                                           "lowest Tỉnh 79 (60%).", "")


def test_components_over_three_years():
    parts = index_of(obs("79", 2021, "1", component="A"), obs("79", 2022, "2", component="A"),
                     obs("79", 2023, "3", component="B"))
    chart = charts.component_multiples(parts, "79", NAME, locale("en"))
    assert (chart.x_range, chart.summary) == ((2021, 2023), "2 components of HCMC, in 2021, 2022 and 2023.")


def test_components_of_one_year_say_the_year_in_the_singular():
    """PGI: four components of HCMC, all of 2023: "năm 2023", not "các năm 2023"."""
    parts = index_of(obs("79", 2023, "1", component="A"), obs("79", 2023, "3", component="B"))
    vi, en = (charts.component_multiples(parts, "79", NAME, locale(lang)) for lang in ("vi", "en"))
    assert (vi.summary, en.summary) == ("2 thành phần của TP.HCM, năm 2023.", "2 components of HCMC, in 2023.")
    assert vi.alt == "Các biểu đồ nhỏ, mỗi thành phần một biểu đồ. 2 thành phần của TP.HCM, năm 2023."


def test_a_score_series_with_an_about_value_and_an_average_alone_in_its_year():
    alone = Average(2019, Decimal("70"), Text(), "a", flags=("secondary",))
    chart = charts.score_chart(index_of(obs("79", 2020, "80", qualifier="~", flags=("conflicting",), source="b;c"),
                                        obs("79", 2021, "81"), averages=(alone,)), "79", NAME, locale("en"))
    # each value keeps its flags and its source in the CSV, the average's beside the unit's score
    assert chart.csv_rows == (("2019", "", "", "", "", "", "70", "", "%", "secondary", "a"),
                              ("2020", "80", "~", "%", "conflicting", "b;c", "", "", "", "", ""),
                              ("2021", "81", "", "%", "", "s", "", "", "", "", ""))
    assert chart.sources == "a;b;c;s"
    assert (chart.series[0].points, chart.x_range) == (
        (Point(2020, 80.0, True, "~80", ""), Point(2021, 81.0, False, "81", "")), (2019, 2021))


def test_an_observation_without_a_unit_takes_the_indicator_s():
    bare = indicator(replace(io(2019, "100", qualifier=">", flags=("derived",)), unit=Text()),
                     replace(io(2020, "120", qualifier="~"), unit=Text()))
    chart = charts.indicator_chart(bare, locale("en"))
    assert chart.summary == ("Online dossiers, TP.HCM en (actual figure): above 100 dossiers, derived in 2019, about "
                             "120 dossiers in 2020. Values with a caveat (drawn hollow): 2019 (worked out).")
    assert chart.series == (Series("TP.HCM en (actual figure)", (Point(2019, 100.0, True, ">100", ">"),
                                                                  Point(2020, 120.0, False, "~120", ""))),)
    assert chart.csv_rows == (("TP.HCM en (actual figure)", "2019", "100", ">"),
                              ("TP.HCM en (actual figure)", "2020", "120", "~"))


@pytest.mark.parametrize(("value", "cells"), [
    (Value.of(Decimal("1E+1")), ("10", "")), (Value.of(Decimal("0.50"), qualifier="<"), ("0.50", "<")),
    (Value.of(None), ("", "")),
])
def test_csv_cells(value, cells):
    assert charts.csv_cells(value) == cells


def test_an_observation_with_its_own_unit_keeps_it():
    own = indicator(replace(io(2019, "84.5"), unit=Text("%", "%")), replace(io(2020, "86"), unit=Text("%", "%")))
    assert charts.indicator_chart(own, locale("en")).summary == (
        "Online dossiers, TP.HCM en (actual figure): 84.5% in 2019, 86% in 2020.")


def test_an_index_answers_from_its_results_as_a_scan_would_once_per_question_and_a_serving_process_keeps_them():
    """An index page asked the whole results table the same questions a dozen times in each language (30,000
    rows an index at national scale); each is answered once, as a scan of the table answers it."""
    from generator.core import kept

    other_source = obs("31", 2023, "90.5", 2, source="other", unit_name="Hải Phòng")  # beside a "conflicting" one
    index = par(obs("01", 2024, "90", 2), obs("48", 2023, None, 3)._replace(unit_type="district"), other_source)
    results = index.results
    for unit in {o.unit_code for o in results}:
        for component in {o.component for o in results}:
            assert index.for_unit(unit, component) == sorted(
                (o for o in results if o.unit_code == unit and o.component == component),
                key=lambda o: (o.year, o.source_id))
        assert index.components_of(unit) == sorted(
            {o.component for o in results if o.unit_code == unit and o.component != "total" and o.score is not None})
    for unit_type in ("province", "district", "agency"):
        assert index.scored_years(unit_type) == sorted(
            {o.year for o in results if o.unit_type == unit_type and o.score is not None}, reverse=True)
        for year in range(2019, 2026):
            assert index.totals_in(year, unit_type) == [
                o for o in results if o.year == year and o.component == "total" and o.unit_type == unit_type]
    assert index.years == (2020, 2024) and index.scored_years("district") == []
    assert index.latest_first() == sorted(results, key=lambda o: (-o.year, o.unit_type, o.unit_name, o.component,
                                                                  o.source_id))
    assert index.conflicts() == [((obs("31", 2023, "91.0", 1, flags=("conflicting",), unit_name="Hải Phòng"),
                                   other_source), ())]
    # worked out once per index, whichever language's page asks (a build made both in each language)
    assert index.conflicts() is index.conflicts() and index.latest_first() is index.latest_first()
    answer = index.for_unit("79")
    answer.clear()  # a caller's list is its own: the remembered answer is not changed through it
    assert len(index.for_unit("79")) == 5 and index._lookup is index._lookup
    # the same results in another Index object (the next save's model): the answers of the first, while kept
    kept.keep()
    try:
        first = replace(index, name=Text("x"))._lookup
        assert replace(index, name=Text("y"))._lookup is first
        assert replace(index, results=results[:-1])._lookup is not first
    finally:
        kept.stop_keeping()


def test_a_ranking_is_worked_out_once_per_index_unit_type_and_score_unit_whichever_language_asks():
    """A ranking's order and values are the same in every language: the English chart takes the answer the
    Vietnamese one found (1,512 agencies an index at national scale, in each language). The same results in an
    index of another score unit (kept by a serving process across saves, with the answers) are valued in that
    unit, not in the remembered one's."""
    from generator.core import kept

    index = par()
    vi = charts.ranking_bars(index, "79", NAME, locale("vi"))
    question = ("ranked", "province", "%", True, ())  # no unit has two rows to choose from
    answer = index._lookup._answers[question]
    en = charts.ranking_bars(index, "79", NAME, locale("en"))
    assert index._lookup._answers[question] is answer
    assert [row[0] for row in vi.csv_rows] == [row[0] for row in en.csv_rows] == ["01", "31", "79", "48"]
    assert [bar.text for bar in en.bars] == ["91.0", "91.0", "86.97 · rank 30", "<50"]
    kept.keep()
    try:
        percent = replace(index, results=index.results)
        assert charts.ranking_bars(percent, "79", NAME, locale("en")) == en
        out_of_100 = replace(percent, score_unit="/100")
        assert out_of_100._lookup is percent._lookup
        scaled = charts.ranking_bars(out_of_100, "79", NAME, locale("en"))
    finally:
        kept.stop_keeping()
    assert scaled == charts.ranking_bars(par(score_unit="/100"), "79", NAME, locale("en")) != en


def test_a_bar_drawn_above_its_rank_carries_it_and_a_whole_ranking_draws_none():
    """PCI 2024: the ten best scores and HCMC's, 29th, drawn as the eleventh bar and read as 11th (fact-check round
    8, #7). Bars at their rank (the first five) or sharing one (a tie) need no label, nor does a whole ranking."""
    top = [obs(f"{n:02d}", 2024, str(80 - n), n if n <= 5 else None) for n in range(1, 11)]
    pci = index_of(*top, obs("79", 2024, "67.89", 29))
    pci = replace(pci, results=tuple(o._replace(rank_of=None) for o in pci.results))
    chart = charts.ranking_bars(pci, "79", NAME, locale("vi"))
    assert [b.text for b in chart.bars] == ["79", "78", "77", "76", "75", "74", "73", "72", "71", "70",
                                            "67,89 · hạng 29"]
    assert chart.note.endswith("Thanh nào có hạng theo nguồn thấp hơn vị trí của nó trên biểu đồ thì ghi hạng ấy: "
                                "Tỉnh 79 (hạng 29).")
    assert "67.89 · rank 29" in [b.text for b in charts.ranking_bars(pci, "79", NAME, locale("en")).bars]
    whole = index_of(*(obs(f"{n:02d}", 2024, str(80 - n), n)._replace(rank_of=3) for n in range(1, 4)))
    assert [b.text for b in charts.ranking_bars(whole, "02", NAME, locale("en")).bars] == ["79", "78", "77"]


def test_a_score_csvs_year_without_a_score_keeps_its_source_not_the_flags_of_its_rank():
    """new8a: 2020's row gave a derived rank and no score; the score chart's CSV said 'derived' on its empty
    score (the flag is the rank's), which read as a derived score."""
    index = index_of(obs("79", 2019, "80"), obs("79", 2020, None, 40, flags=("derived",), source="r"),
                     obs("79", 2021, "82"))
    chart = charts.score_chart(index, "79", NAME, locale("en"))
    rows = {row[0]: row for row in chart.csv_rows}
    assert rows["2020"][1:6] == ("", "", "", "", "r")
    assert rows["2019"][1:6] == ("80", "", "%", "", "s")


def test_an_edition_without_the_unit_s_row_is_a_gap_year_of_the_charts():
    """PAPI 2024 was released and HCMC has no row of it: the charts stopped at 2023 without naming 2024 (new8a
    N3). A year after the first value whose edition has no row of the unit is a gap like an empty row's, and a row
    of each chart's CSV with an empty value and the edition's source; an edition with a row is that row's alone."""
    index = replace(index_of(obs("79", 2021, "80", 5), obs("79", 2022, "81", 4), obs("79", 2023, None, None)),
                    editions=(Edition(2020, None, "e20"), Edition(2023, None, "e23"), Edition(2024, None, "e24")))
    en = locale("en")
    rank, score = charts.rank_chart(index, "79", NAME, en), charts.score_chart(index, "79", NAME, en)
    assert rank.summary.endswith("No rank is known for 2023–2024.")
    assert "No score is known for 2023–2024." in score.summary
    assert [row for row in rank.csv_rows if row[0] >= "2023"] == [("2023", "", "63", "", "s"),
                                                                 ("2024", "", "", "", "e24")]
    assert [row[:6] for row in score.csv_rows if row[0] >= "2023"] == [("2023", "", "", "", "", "s"),
                                                                      ("2024", "", "", "", "", "e24")]
    assert "2020" not in {row[0] for row in rank.csv_rows}  # before the first value: no claim it was covered
