from dataclasses import replace
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from conftest import ROOT, settings_for
from test_indicators_charts import index_of, obs

from generator import pipeline
from generator.core.datasets import Datasets, load_datasets
from generator.core.feature import PageContext
from generator.core.locale import locale
from generator.core.text import Text
from generator.indicators.model import Edition, load_indicators
from generator.indicators.pages import headline, headline_words, index_inputs, later_words, stated_words


@pytest.fixture(scope="module")
def indicators():
    return load_indicators(load_datasets(settings_for(ROOT / "datasets")))


def test_headline_is_the_latest_result_and_its_change(indicators):
    par = headline(indicators.index("PAR_INDEX"), "79")
    assert (par.latest.year, par.latest.rank, par.latest.score) == (2023, 33, Decimal("86.97"))
    rank, score = par.rank_change, par.score_change
    assert (rank.start_period, rank.end_period, rank.delta, rank.kind, rank.missing) == (2022, 2023, -3, "places", ())
    assert (score.start_period, score.delta, score.kind) == (2022, Decimal("2.27"), "percentage_points")
    # a change in a score that is itself a percentage is 2.27 points, not 2.27 %
    assert [locale("vi").change(c) for c in (rank, score)] == ["tăng 3 bậc", "+2,27 điểm phần trăm"]
    assert [locale("en").change(c) for c in (rank, score)] == ["up 3 places", "+2.27 percentage points"]
    assert locale("vi").since(rank) == "So với 2022:"


def test_a_comparison_across_missing_years_says_which_are_missing(indicators):
    papi = headline(indicators.index("PAPI"), "79")
    change = papi.rank_change
    assert (change.start_period, change.end_period, change.missing) == (2015, 2023, tuple(range(2016, 2023)))
    assert locale("vi").since(change) == \
        "So với 2015, 8 năm trước (không có thứ hạng để so sánh cho 2016–2022):"
    assert locale("en").since(change) == "Compared with 2015, 8 years earlier (no rank to compare for 2016–2022):"
    # what is missing is the rank: HCMC's PAPI scores of 2020–2022 are on the same page (fact-check round 8, #6)
    assert {o.year for o in indicators.index("PAPI").for_unit("79") if o.score is not None} >= {2020, 2021, 2022}


def test_conflicting_sources_are_listed_with_both_values(indicators):
    groups = indicators.index("PAR_INDEX").conflicts()
    hai_phong = [g for g in groups if g.rows[0].unit_name == "Hải Phòng" and g.rows[0].year == 2023]
    assert hai_phong and sorted(o.score for o in hai_phong[0].rows) == [Decimal("91.81"), Decimal("91.87")]
    assert hai_phong[0].notes == ()  # the two scores say what is disputed


def test_the_2023_bottom_place_dispute_lists_each_of_its_three_provinces_with_what_each_source_says(indicators):
    """Fact-check round 7, #4: who came last in 2023 (NOTES.md §3). An Giang, last per vietnam.vn, viet-jo and
    VNA, has one row: it was not listed. Bình Thuận and Sóc Trăng were "81,87% / –": VGP's group "bottom" was
    not said, nor what the dispute is."""
    par = indicators.index("PAR_INDEX")
    disputed = {g.rows[0].unit_name: g for g in par.conflicts() if g.rows[0].year == 2023}
    assert set(disputed) == {"Hải Phòng", "Bình Thuận", "Sóc Trăng", "An Giang"}
    flagged = {(o.unit_name, o.year) for o in par.results if "conflicting" in o.flags}
    assert flagged == {(g.rows[0].unit_name, g.rows[0].year) for g in par.conflicts()}  # every flagged row
    vi, en = stated_words(par.score_unit, locale("vi")), stated_words(par.score_unit, locale("en"))
    assert [(vi(o), en(o), o.source_id) for o in disputed["Bình Thuận"].rows] == [
        ("81,87% · hạng 61/63", "81.87% · rank 61/63", "vietnamvn-ja-quang-nam-par-sipas-2023"),
        ("nhóm cuối", "bottom", "vgp-2024-04-17-par-2023")]
    assert [note.en for note in disputed["Bình Thuận"].notes] == [
        "VGP English names Bình Thuận and Sóc Trăng as the bottom localities, while viet-jo, vietnam.vn (JA) and "
        "VNA put An Giang last."]
    assert [vi(o) for o in disputed["An Giang"].rows] == ["81,32% · hạng 63/63"]
    assert [note.vi for note in disputed["An Giang"].notes] == [
        "Xếp cuối (cũng theo shipbolt/TTXVN, viet-jo); trong khi đó VGP tiếng Anh nêu Bình Thuận và Sóc Trăng là "
        "thấp nhất."]


def test_gaps_stay_gaps(indicators):
    row_2024 = [o for o in indicators.index("PAR_INDEX").for_unit("79") if o.year == 2024]
    assert row_2024 and row_2024[0].score is None and row_2024[0].rank is None


@pytest.mark.parametrize(("value", "lang", "expected"), [
    (3, "vi", "+3"), (Decimal("-2.27"), "vi", "\u22122,27"), (Decimal("2.27"), "en", "+2.27"), (0, "en", "±0"),
])
def test_signed_changes(value, lang, expected):
    assert locale(lang).signed(value) == expected


def test_long_rankings_draw_top_bottom_and_the_focus_unit_but_keep_every_row_in_the_csv(indicators):
    from dataclasses import replace

    from generator.core.text import Text
    from generator.indicators import charts

    index = indicators.index("PAR_INDEX")
    template = next(o for o in index.results if o.year == 2023 and o.unit_type == "province")
    many = tuple(template._replace(unit_code=f"{n:02d}", unit_name=f"P{n:02d}", score=Decimal(100 - n) / 2,
                         rank=n, rank_of=63, flags=(), source_id="s") for n in range(1, 64))
    chart = charts.ranking_bars(replace(index, results=many), "40", Text("TP.HCM", "HCMC"), locale("en"))
    names = [b.label for b in chart.bars]
    assert len(names) == charts.MAX_BARS + 1 and names[:3] == ["P01", "P02", "P03"] and names[-1] == "P63"
    assert "P40" in names and [b.highlight for b in chart.bars].count(True) == 1
    assert len(chart.csv_rows) == 63
    assert chart.note == "The chart draws 31 of the 63 units (top, bottom and HCMC); the chart's CSV has them all."
    # the summary names the top and the bottom of the whole ranking, each at its own end
    assert chart.summary == "In 2023, of the 63 units with a known score: highest P01 (49.5%); lowest P63 (18.5%)."


def test_an_indicator_with_many_scopes_draws_the_longest_series_and_keeps_every_one_in_the_csv(indicators):
    from dataclasses import replace

    from generator.core.text import Text
    from generator.indicators import charts

    indicator, template = next((i, o) for i in indicators.indicators for o in i.observations
                               if o.value is not None and o.year is not None)
    # Scope n has n + 1 years: the six longest are the scopes 4..9.
    many = tuple(replace(template, scope=Text(f"S{n}", f"S{n}"), kind="actual", year=2010 + y, value=Decimal(y),
                         qualifier="") for n in range(10) for y in range(n + 1) if n >= 1)
    chart = charts.indicator_chart(replace(indicator, observations=many), locale("en"))
    drawn = [s.label.split(" ")[0] for s in chart.series]
    assert drawn == ["S4", "S5", "S6", "S7", "S8", "S9"] and len(drawn) == charts.MAX_SERIES
    assert len({row[0] for row in chart.csv_rows}) == 9
    assert "6 of the 9 series" in chart.note and chart.note in chart.alt


def test_the_real_partial_rankings_say_they_are_partial(indicators):
    """The audit's item 9: DDCI 2022 names three agencies "lowest" without a score and ranks Thủ Đức 22nd; PCI
    2024 gives the top ten's scores and HCMC's 29th place. None states how many were ranked."""
    from generator.core.text import Text
    from generator.indicators import charts

    hcmc = Text("TP.HCM", "HCMC")
    for code, unit_type, known, at_least in (("DDCI_HCMC", "agency", 10, 13), ("DDCI_HCMC", "district", 11, 22),
                                             ("PCI", "province", 11, 29)):
        vi = charts.ranking_bars(indicators.index(code), "79", hcmc, locale("vi"), unit_type=unit_type)
        en = charts.ranking_bars(indicators.index(code), "79", hcmc, locale("en"), unit_type=unit_type)
        assert f"trong {known} đơn vị đã biết điểm (trong ít nhất {at_least} đơn vị được xếp hạng)" in vi.summary
        assert f"of the {known} units with a known score (of at least {at_least} ranked)" in en.summary


def test_the_derived_label_is_true_of_every_derived_value_and_each_says_how(indicators):
    """`derived` marks a rank worked out from a stated change (PAR 2020), a total summed from stated parts
    (so-dvctt: 345 + 1,282) and a rank worked out from the number ranked (SVHTT, 26/26): the label says only
    that the value is worked out, not how, and each such row's note says how, in both languages."""
    rows = [o for index in indicators.indices for o in index.results if "derived" in o.flags]
    rows += [o for indicator in indicators.indicators for o in indicator.observations if "derived" in o.flags]
    assert len(rows) >= 4 and all(o.note.vi and o.note.en for o in rows)
    notes = " ".join(o.note.vi for o in rows)
    assert "giảm 20 bậc" in notes and "345" in notes and "số đơn vị được xếp hạng" in notes
    for lang, changed in (("vi", "thay đổi"), ("en", "change")):
        for key in ("common.flag.derived", "chart.legend.derived"):
            label = locale(lang).t(key)
            assert changed not in label.lower(), label  # not "from a stated change": two of four are not
    assert (locale("vi").t("common.flag.derived"), locale("en").t("common.flag.derived")) == (
        "tính ra, không phải số được nêu trực tiếp", "worked out, not stated as such")


def test_a_flagged_latest_result_keeps_its_flag_in_the_share_card_words(indicators):
    """SIPAS 2015 (6/10, 84,51 %) is from a secondary compilation, which the page says beside it; the share card
    and the og:description, read away from the page, said "TP.HCM 2015: hạng 6/10 · 84,51% · Bộ Nội vụ"."""
    from generator.core.text import Text
    from generator.indicators.pages import headline_words

    hcmc = Text("TP.HCM", "HCMC")
    sipas = headline(indicators.index("SIPAS"), "79")
    assert sipas.latest.flags == ("secondary",)
    # and a later year whose row gives no result is said too (new8a #1: the card read as the latest edition's)
    assert headline_words(sipas, hcmc, locale("vi")) == \
        "TP.HCM 2015: hạng 6/10 · 84,51% (nguồn tổng hợp thứ cấp; năm 2024: chưa tìm thấy)"
    assert headline_words(sipas, hcmc, locale("en")) == \
        "HCMC 2015: rank 6/10 · 84.51% (secondary compilation; 2024: not found)"
    par = headline(indicators.index("PAR_INDEX"), "79")  # no flag: the later year alone in brackets
    assert headline_words(par, hcmc, locale("vi")) == "TP.HCM 2023: hạng 33/63 · 86,97% (năm 2024: chưa tìm thấy)"
    pgi = headline(indicators.index("PGI"), "79")  # no flag, no later row: no brackets
    assert "(" not in headline_words(pgi, hcmc, locale("vi"))


def test_a_latest_result_s_group_goes_with_its_rank(indicators, tmp_path):
    """PGI 2023's source says HCMC is in the top five; its row gives rank 5 and the group "top five", and the
    headline, the home block and the share card said "hạng 5" alone: an exact fifth place. The group goes with the
    rank wherever the result is said (one filter for the page templates, ``pages.headline_value``)."""
    from generator.core.text import Text
    from generator.indicators.pages import headline_words

    pgi = headline(indicators.index("PGI"), "79")
    assert (pgi.latest.rank, pgi.latest.group.en) == (5, "top five")
    hcmc = Text("TP.HCM", "HCMC")
    assert headline_words(pgi, hcmc, locale("vi")) == "TP.HCM 2023: hạng 5 · nhóm 5 địa phương dẫn đầu"
    assert headline_words(pgi, hcmc, locale("en")) == "HCMC 2023: rank 5 · top five"
    settings = settings_for(ROOT / "datasets", cache_dir=tmp_path / "cache")
    for lang, said in (("vi", "TP.HCM 2023: hạng 5 · nhóm 5 địa phương dẫn đầu"),
                       ("en", "HCMC 2023: rank 5 · top five")):
        pages = {page.uri: page.text() for page in pipeline.run(settings, langs=(lang,)).outputs[lang].pages}
        assert f'<p class="mb-headline-value">{said}</p>' in pages["chi-so/pgi.md"]


def _national_rows(index_code: str) -> list[dict]:
    import csv

    with open(ROOT / "datasets" / "chi-so" / "data" / "national_summary.csv", encoding="utf-8") as f:
        return [row for row in csv.DictReader(f) if row["index_code"] == index_code]


@pytest.mark.parametrize("code", ["PAR_INDEX", "SIPAS", "PAPI", "PCI"])
def test_every_national_summary_row_of_an_index_is_one_of_its_figures_in_the_data_order(indicators, code):
    """Only the 63 provinces' averages reached the page (the chart's reference line); SIPAS's sub-scores, the
    2018 groups and the respondents were in the downloads alone."""
    facts = indicators.index(code).national
    assert [(str(f.year), f.metric.vi, f.metric.en, f.scope.vi, f.source_id) for f in facts] == [
        (r["year"], r["metric_vi"], r["metric_en"], r["scope_vi"], r["source_id"]) for r in _national_rows(code)]
    assert [f.value for f in facts] == [Decimal(r["value"]) if r["value"] else None for r in _national_rows(code)]


def test_a_national_figure_is_a_percentage_only_when_its_metric_says_per_cent(indicators):
    """"(từ 80 điểm)" is what group A means, not a unit; "(điểm %)" is one with no English words on the
    Vietnamese page ("4,38 percentage points"): both are the number alone, their metric naming the unit."""
    vi = locale("vi")
    said = {f.metric.vi: vi.value(f.claim()) for f in indicators.index("PAR_INDEX").national
            if f.year in (2018, 2023, 2024) and f.scope.vi == "63 tỉnh, thành"}
    assert said["Điểm trung bình (điểm)"] == "76,92"
    assert said["Số địa phương nhóm A (từ 80 điểm)"] == "9"
    assert said["Mức Hà Nội cao hơn điểm trung bình các tỉnh (điểm %)"] == "4,38"
    assert said["Điểm trung bình (%)"].endswith("%")


def test_the_2018_group_a_dispute_is_listed_with_each_sources_figure_and_its_notes(indicators):
    """Fact-check round 7 (left then): 9 provinces in group A, from 80 points (viet-jo), against 29 above 80
    points (VNA), both flagged conflicting in national_summary, were not in "Where sources disagree"."""
    disputes = indicators.index("PAR_INDEX").national_conflicts()
    assert [(d.year, d.scope.en, [(f.metric.en, f.value, f.source_id) for f in d.facts]) for d in disputes] == [
        (2018, "63 provinces", [
            ("Localities in group A (80 points or more)", Decimal("9"), "vietjo-2019-05-28-par-2018"),
            ("Localities above 80 points", Decimal("29"), "vnplus-en-da-nang-top-4-par-2018")])]
    assert len(disputes[0].notes) == 2 and all(note.vi and note.en for note in disputes[0].notes)
    assert indicators.index("SIPAS").national_conflicts() == []


def test_a_later_year_whose_row_states_no_result_is_said_beside_the_headline(indicators):
    """HCMC's PAR Index and SIPAS rows of 2024 state neither score nor rank: "TP.HCM 2023: hạng 33/63 · 86,97%"
    alone read as the latest edition's result (fact-check round 8, #3). The headline says the later year's result
    was not found; an index with no later row says nothing more."""
    par, sipas = headline(indicators.index("PAR_INDEX"), "79"), headline(indicators.index("SIPAS"), "79")
    assert (par.latest.year, [o.year for o in par.later]) == (2023, [2024])
    # SIPAS 2023 was released (releases.csv) and HCMC has no row of it: a year not found too (new8a N3)
    assert (sipas.latest.year, [o.year for o in sipas.later]) == (2015, [2023, 2024])
    assert [later_words(o, locale("vi")) for o in par.later] == ["Kết quả năm 2024: chưa tìm thấy."]
    assert [later_words(o, locale("en")) for o in par.later] == ["2024 result: not found."]
    assert headline(indicators.index("PCI"), "79").later == ()


def test_a_later_edition_without_the_unit_s_row_is_a_year_not_found(indicators):
    """PAPI 2024 was released on 15/04/2025 (releases.csv) and HCMC has no row of it: the headline said "TP.HCM
    2023: hạng 36" and nothing of 2024 (new8a N3). An edition is named by its release; one whose row exists (PAR
    2024, an empty row) is said once, by its row."""
    papi = headline(indicators.index("PAPI"), "79")
    assert (papi.latest.year, [(o.year, o.row, o.source_id) for o in papi.later]) == (
        2023, [(2024, None, "undp-papi-2024-launch")])
    assert [later_words(o, locale("vi")) for o in papi.later] == [
        "Kết quả năm 2024 (ấn bản công bố 15/04/2025): chưa tìm thấy."]
    assert [later_words(o, locale("en")) for o in papi.later] == [
        "2024 result (edition released 15 Apr 2025): not found."]
    assert headline_words(papi, Text("TP.HCM", "HCMC"), locale("vi")).endswith("(năm 2024: chưa tìm thấy)")
    par = headline(indicators.index("PAR_INDEX"), "79")
    assert [(o.year, o.edition is None, o.anchor) for o in par.later] == [(2024, True, "79-2024-total")]
    # the editions as releases.csv lists them: 2020's day is not known (only its month)
    editions = {e.year: e for e in indicators.index("PAR_INDEX").editions}
    assert (editions[2024], editions[2020].released) == (
        Edition(2024, date(2025, 4, 6), "vna-en-par-sipas-2024"), None)


def test_an_index_page_is_made_again_when_its_editions_change(indicators):
    """A page that names PAPI 2024 because releases.csv lists it depends on the index's releases rows: an edition
    added or removed changes its headline (incremental == cold)."""
    page = SimpleNamespace(rows=PageContext.rows, file=lambda path: f"file:{path}",
                           site=SimpleNamespace(datasets=Datasets()))
    assert "rows:chi-so/releases#index_code=PAPI" in index_inputs("chi-so", indicators.index("PAPI"), page)


def test_an_index_without_editions_or_releases_says_only_its_rows(indicators):
    """A package without a releases table gives no editions: the headline is the rows' alone, as before."""
    found = headline(index_of(obs("79", 2022, "80", 3), obs("79", 2023, None, None)), "79")
    assert [(o.year, o.row is not None) for o in found.later] == [(2023, True)]
    assert headline(index_of(obs("79", 2022, "80", 3)), "79").later == ()
    undated = replace(index_of(obs("79", 2022, "80", 3)), editions=(Edition(2022, None, "e"), Edition(2021, None, "d"),
                                                                    Edition(2024, None, "f")))
    later = headline(undated, "79").later
    assert [(o.year, o.source_id) for o in later] == [(2024, "f")]  # 2021 is before, 2022 has its row
    assert [later_words(o, locale("vi")) for o in later] == ["Kết quả năm 2024 (đã có ấn bản): chưa tìm thấy."]


def test_a_later_row_with_only_a_group_says_its_group():
    honoured = obs("79", 2024, None, None)._replace(group=Text("được vinh danh", "honoured"))
    found = headline(index_of(obs("79", 2022, "80", 3), honoured), "79")
    assert [later_words(o, locale("vi")) for o in found.later] == [
        "Năm 2024: được vinh danh; chưa tìm thấy điểm và thứ hạng."]
    assert [later_words(o, locale("en")) for o in found.later] == ["2024: honoured; score and rank not found."]


def test_a_release_row_without_a_data_year_names_no_edition():
    """A row of ``releases`` with no data year (or one a generic schema types otherwise) is no edition, not a
    crash of the model."""
    from generator.indicators.model import _editions

    class Releases:
        def records(self) -> list[dict]:
            return [{"index_code": "A", "data_year": None}, {"index_code": "A", "data_year": "2020"},
                    {"index_code": "A", "data_year": 2021, "source_id": "s"}, {"data_year": True}]

    assert [(e.year, e.source_id) for e in _editions(Releases())["A"]] == [(2021, "s")]
