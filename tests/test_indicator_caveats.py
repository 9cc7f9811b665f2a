"""What an index's charts say of a value with a caveat, of values its sources disagree on, and of a bound beside
a stated rank (fact-check round 3: #6, #8 and #11).

- A flagged point of a line is drawn hollow, named in the legend by its flags and in the summary by its year
  (the change sentences: test_indicator_change_words.py).
- Of two rows that give one unit's value in one year, the charts and the headline take the one from the higher
  source tier (official first), then the one citing more sources, then the first by source id; the chart's note
  names the place and both values.
- A bound may leave the highest open by its value, but a rank stated for it that year decides.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_indicators_charts import NAME, index_of, obs

from generator.core.locale import locale
from generator.indicators import charts
from generator.indicators.model import Index
from generator.indicators.pages import headline

TIERS = {"vgp": "official", "a-press": "press", "b-press": "press", "c-press": "press", "hf": "secondary_dataset"}


def tier(cell: str) -> str:
    """A source cell's best tier, as pages.source_tiers reads it from the sources table."""
    return min((TIERS[part.strip()] for part in cell.split(";") if part.strip() in TIERS), key=charts.tier_rank,
               default="")


def test_an_inferred_or_secondary_point_is_drawn_hollow_and_named():
    """PCI 2015's rank 6 (inferred) was a solid point like a stated one: only a derived value was hollow."""
    index = index_of(obs("79", 2014, None, 4), obs("79", 2015, None, 6, flags=("inferred",)),
                     obs("79", 2016, "70", 5, flags=("secondary",)), obs("79", 2017, "71", 7))
    for lang, legend, caveat in (
            ("vi", "Suy đoán hoặc từ nguồn tổng hợp thứ cấp",
             "Giá trị có lưu ý (vẽ rỗng): 2015 (suy đoán); 2016 (từ nguồn tổng hợp thứ cấp)."),
            ("en", "Inferred or from a secondary compilation",
             "Values with a caveat (drawn hollow): 2015 (inferred); 2016 (from a secondary compilation).")):
        chart = charts.rank_chart(index, "79", NAME, locale(lang))
        assert [p.derived for p in chart.series[0].points] == [False, True, True, False]
        assert chart.legend_label("derived") == legend
        assert chart.summary.endswith(caveat) and caveat in chart.alt
    score = charts.score_chart(index, "79", NAME, locale("en"))
    assert [p.derived for p in score.series[0].points] == [True, False]
    assert score.legend_label("derived") == "From a secondary compilation"
    assert score.summary.endswith("Values with a caveat (drawn hollow): 2016 (from a secondary compilation).")


def test_a_chart_of_stated_and_derived_values_keeps_its_words():
    index = index_of(obs("79", 2020, None, 23, flags=("derived",)), obs("79", 2021, None, 43))
    chart = charts.rank_chart(index, "79", NAME, locale("vi"))
    assert chart.legend_label("derived") == "Tính ra, không được nêu trực tiếp"
    plain = charts.rank_chart(index_of(obs("79", 2020, None, 23), obs("79", 2021, None, 43)), "79", NAME,
                              locale("vi"))
    assert "lưu ý" not in plain.summary and not any(p.derived for p in plain.series[0].points)


def par_2023(*extra, hai_phong=(("91.81", "a-press"), ("91.87", "vgp"))) -> Index:
    """PAR 2023 as the real data has it: Hải Phòng 91.87 from the government's portal, 91.81 from the press."""
    rows = [obs("22", 2023, "92.18", 1, unit_name="Quảng Ninh"), obs("79", 2023, "86.97", 33, unit_name="TP.HCM"),
            obs("89", 2023, "81.32", 63, unit_name="An Giang")]
    rows += [obs("31", 2023, score, 2, flags=("conflicting",), source=source, unit_name="Hải Phòng")
             for score, source in hai_phong]
    return index_of(*rows, *extra)


def test_a_ranking_draws_the_official_source_where_sources_disagree_and_names_both():
    """Hải Phòng 2023 was drawn at the press's 91.81 because 'dnhn…' sorts before 'vgp…'."""
    for lang, note in (
            ("vi", "Các nguồn không thống nhất về Hải Phòng: biểu đồ vẽ 91,87% (nguồn chính thức), nguồn khác ghi "
                   "91,81% (nguồn báo chí)."),
            ("en", "Sources disagree on Hải Phòng: the chart draws 91.87% (official source); another source gives "
                   "91.81% (press source).")):
        chart = charts.ranking_bars(par_2023(), "79", NAME, locale(lang), tier=tier)
        assert ("31", "Hải Phòng", "91.87", "", "2", "63", "conflicting", "vgp") in chart.csv_rows
        assert [row[0] for row in chart.csv_rows] == ["22", "31", "79", "89"]
        assert chart.note.endswith(note) and chart.alt.endswith(note)
    # the answer kept for the index is the one of this choice: another tier's choice is not given the first's
    unknown = charts.ranking_bars(par_2023(), "79", NAME, locale("en"), tier=lambda cell: "")
    assert ("31", "Hải Phòng", "91.81", "", "2", "63", "conflicting", "a-press") in unknown.csv_rows
    assert unknown.note.endswith("Sources disagree on Hải Phòng: the chart draws 91.81%; another source gives 91.87%.")


@pytest.mark.parametrize(("hai_phong", "drawn"), [
    ((("91.81", "a-press"), ("91.87", "b-press; c-press")), "91.87"),  # one tier: the row citing more sources
    ((("91.87", "a-press"), ("91.81", "b-press")), "91.87"),  # one tier, one source each: the first source id
    ((("91.81", "hf"), ("91.87", "zz-unknown")), "91.81"),  # a known tier before a source the table does not have
])
def test_the_tie_rules(hai_phong, drawn):
    chart = charts.ranking_bars(par_2023(hai_phong=hai_phong), "79", NAME, locale("en"), tier=tier)
    assert [row[2] for row in chart.csv_rows if row[0] == "31"] == [drawn]


def test_rows_of_one_value_are_no_disagreement_and_many_are_counted():
    same = charts.ranking_bars(par_2023(hai_phong=(("91.87", "a-press"), ("91.87", "vgp"))), "79", NAME,
                               locale("en"), tier=tier)
    assert "disagree" not in same.note
    many = par_2023(*(obs(code, 2023, value, None, source=source) for code in ("01", "02", "03")
                      for value, source in (("70", "a-press"), ("71", "vgp"))))
    note = charts.ranking_bars(many, "79", NAME, locale("en"), tier=tier).note
    assert note.count("Sources disagree on") == 3 and note.endswith(
        "Sources also disagree in 1 other place; the results download has every row.")


def test_the_headline_and_the_series_take_the_row_the_ranking_takes():
    """HCMC with two rows of its latest year: the headline and its rank chart say the official one."""
    index = index_of(obs("79", 2022, "84.7", 36, source="a-press"),
                     obs("79", 2023, "86.10", 34, source="a-press", flags=("conflicting",)),
                     obs("79", 2023, "86.97", 33, source="vgp", flags=("conflicting",)))
    found = headline(index, "79", tier)
    assert (found.latest.source_id, found.score.number, found.rank_change.delta) == ("vgp", Decimal("86.97"), -3)
    rank = charts.rank_chart(index, "79", NAME, locale("en"), tier)
    assert rank.csv_rows[-1] == ("2023", "33", "63", "conflicting", "vgp")
    assert rank.note == ("Sources disagree on 2023: the chart draws rank 33/63 (official source); another source "
                         "gives rank 34/63 (press source).")


def test_a_bound_is_not_named_highest_against_its_own_rank():
    """PAR 2023 with HCMC's score written ">84.70": its value could be the highest, its rank (33rd) says not."""
    rows = [o._replace(score=Decimal("84.70"), qualifier=">") if o.unit_code == "79" else o
            for o in par_2023().results]
    for lang, top in (("vi", "cao nhất là Quảng Ninh (92,18%);"), ("en", "highest Quảng Ninh (92.18%);")):
        chart = charts.ranking_bars(index_of(*rows), "79", NAME, locale(lang), tier=tier)
        assert top in chart.summary, chart.summary
    unranked = [o._replace(rank=None) if o.unit_code == "79" else o for o in rows]  # no rank: the order is open
    assert "highest Quảng Ninh (92.18%) or TP.HCM (above 84.70%);" in charts.ranking_bars(
        index_of(*unranked), "79", NAME, locale("en"), tier=tier).summary


def test_the_lowest_too_and_ranks_out_of_other_totals_do_not_decide():
    rows = (obs("01", 2023, "60", 1), obs("02", 2023, "55", 2, qualifier="<"), obs("03", 2023, "50", 3))
    assert "lowest Tỉnh 03 (50%)." in charts.ranking_bars(index_of(*rows), "79", NAME, locale("en")).summary
    mixed = (rows[0], rows[1]._replace(rank_of=10), rows[2])
    assert "lowest Tỉnh 02 (below 55%) or Tỉnh 03 (50%)." in charts.ranking_bars(
        index_of(*mixed), "79", NAME, locale("en")).summary


def test_the_charts_rank_the_tiers_the_sources_table_allows():
    """charts.TIERS is directory/rules.TIERS in trust order (an indicators module may not import the directory's
    rules): a tier added there and not here would rank after every known one."""
    from generator.directory.rules import TIERS

    assert charts.TIERS == TIERS
