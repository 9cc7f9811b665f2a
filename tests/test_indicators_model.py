"""generator/indicators/model.py, value by value: observations and their claims, an index's lookups and
conflicts, the lookups by agency and theme, and the rows the loader reads (a row as a plain mapping, and the
project's own data).

Each assertion states the exact value, so that a mutation of the module (tests/mutation.py indicators-model)
fails one.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import ROOT, settings_for

from generator.core.claims import PERCENT, PLAIN, POINTS, RANK, Unit, Value
from generator.core.datasets import load_datasets
from generator.core.flags import parse_flags
from generator.core.read.table import FieldSpec, Row, Table
from generator.core.text import Text
from generator.indicators.model import (
    _RESULT_COLUMNS,
    NO_NOTE,
    TOTAL_NAME,
    AgencyLatest,
    Average,
    Component,
    Index,
    Indicator,
    IndicatorObservation,
    Indicators,
    Observation,
    _averages,
    _components,
    _day,
    _group,
    _national,
    _observation,
    _observations,
    load_indicators,
)


def observation(unit_code: str = "79", year: int = 2023, component: str = "total", score: object = Decimal("86.97"),
                rank: int | None = 33, unit_type: str = "province", source_id: str = "s", flags: tuple = (),
                score_unit: str = "%", qualifier: str = "") -> Observation:
    return Observation("PAR", year, unit_type, unit_code, "name", component, score, score_unit, rank, 63, NO_NOTE,
                       qualifier, flags, source_id, NO_NOTE)


def index(*results: Observation, code: str = "PAR", components: tuple[Component, ...] = ()) -> Index:
    return Index(code, Text(code), Text(), Text(), "province", "%", True, results, (), components)


def component(name: Text, max_points: str = "") -> Component:
    return Component(Text("2023"), "1", name, max_points, (), "s")


# -- observations -----------------------------------------------------------------------------------------------


def test_an_observation_s_anchor_score_and_rank():
    o = observation(unit_code="SNV", year=2021, component="Công khai, minh bạch", flags=("derived",))
    assert o.anchor == "snv-2021-cong-khai-minh-bach"
    assert o.score_value() == Value(Decimal("86.97"), PERCENT, "", None, ("derived",))
    assert o.rank_value() == Value(Decimal(33), Unit("rank", "63"), "", None, ("derived",))  # 33 of 63
    assert o._replace(rank_of=None).rank_value() == Value(Decimal(33), RANK, "", None, ("derived",))
    bound = observation(score=Decimal("50"), score_unit="", qualifier="<")
    assert bound.score_value("/80") == Value(Decimal("50"), Unit("scale", "80"), "<", None, ())
    assert bound.score_value() == Value(Decimal("50"), PLAIN, "<", None, ())
    assert observation(score_unit="%").score_value("/80").unit == PERCENT  # the row's own unit first


@pytest.mark.parametrize(("max_points", "value"), [("9.5", Value(Decimal("9.5"))), ("60 / 40", None), ("", None)])
def test_a_component_s_maximum(max_points, value):
    assert component(Text("x"), max_points).max_value == value


def test_a_component_s_name_by_its_vietnamese_name():
    steering = Text("Chỉ đạo, điều hành", "Steering")
    par = index(components=(component(Text("Khác", "Other")), component(steering)))
    assert (par.component_name("total"), par.component_name("Chỉ đạo, điều hành"), par.component_name("Steering"),
            par.component_name("Không có")) == (TOTAL_NAME, steering, Text("Steering"), Text("Không có"))
    assert (TOTAL_NAME.vi, TOTAL_NAME.en) == ("Điểm tổng", "Overall score")


def test_an_index_s_results_for_a_unit_and_a_year():
    a = observation(year=2023, source_id="b")
    b = observation(year=2021)
    c = observation(year=2023, source_id="a")
    part = observation(year=2023, component="Chỉ đạo")
    other = observation(unit_code="01", year=2023)
    ministry = observation(unit_code="BNV", unit_type="ministry")
    par = index(a, b, c, part, other, ministry)
    assert (par.page_uri, par.for_unit("79"), par.for_unit("79", "Chỉ đạo"), par.for_unit("02")) == (
        "chi-so/par.md", [b, c, a], [part], [])
    assert (par.totals_in(2023, "province"), par.totals_in(2023, "ministry"), par.totals_in(2021, "ministry")) == (
        [a, c, other], [ministry], [])


def test_conflicts_are_every_flagged_row_with_the_rows_beside_it_and_its_note_where_values_cannot_say_it():
    """PAR 2023 (fact-check round 7, #4): An Giang, last per three sources, alone in its year, was left out; Bình
    Thuận's "bottom" group (VGP) against a score and a rank (vietnam.vn) read as a score against nothing."""
    disputed = Text("Nguồn khác nêu địa phương khác.", "Another source names others.")
    one = observation(score=Decimal("91.87"), flags=("conflicting",), source_id="a")
    two = observation(score=Decimal("91.81"), flags=("conflicting",), source_id="b")._replace(note=disputed)
    same = observation(year=2022, flags=("conflicting",)), observation(year=2022, flags=("conflicting",))
    unflagged = observation(year=2021, score=Decimal("1")), observation(year=2021, score=Decimal("2"))
    rank_only = observation(year=2020, rank=1, flags=("x", "conflicting")), observation(year=2020, rank=2)
    alone = observation(year=2019, flags=("conflicting",))._replace(note=disputed)
    bottom = observation(year=2018, score=Decimal("81.87"), rank=61), observation(
        year=2018, score=None, rank=None, flags=("conflicting",))._replace(group=Text("nhóm cuối", "bottom"),
                                                                           note=disputed)
    grouped = (observation(year=2017, flags=("conflicting",))._replace(group=Text("A"), note=disputed),
               observation(year=2017)._replace(group=Text("B")))
    assert index(one, *same, *unflagged, two, *rank_only, alone, *bottom, *grouped).conflicts() == [
        ((one, two), ()), (same, ()), (rank_only, ()), ((alone,), (disputed,)), (bottom, (disputed,)),
        (grouped, ())]
    twice = observation(year=2016, flags=("conflicting",))._replace(note=disputed)
    assert index(twice, twice._replace(source_id="t"), observation(year=2016)).conflicts()[0].notes == (disputed,)


@pytest.mark.parametrize(("row", "claim"), [
    ({"value": Decimal("40"), "value_max": Decimal("50"), "qualifier": "range"},
     Value(Decimal("40"), Unit("plain", label=Text("hồ sơ", "dossiers")), "range", Decimal("50"), ("derived",))),
    ({"value": Decimal("17.94"), "value_max": Decimal("18.0"), "qualifier": ""},
     Value(Decimal("17.94"), Unit("scale", "18.0", Text("hồ sơ", "dossiers")), "", None, ("derived",))),
    ({"value": Decimal("84000000"), "value_max": None, "qualifier": ">"},
     Value(Decimal("84000000"), Unit("plain", label=Text("hồ sơ", "dossiers")), ">", None, ("derived",))),
    ({"value": Decimal("1E+1"), "value_max": Decimal("2E+1"), "qualifier": "<"},
     Value(Decimal("1E+1"), Unit("scale", "20", Text("hồ sơ", "dossiers")), "<", None, ("derived",))),
])
def test_an_indicator_value_as_a_claim(row, claim):
    o = IndicatorObservation("x", Text(), Text(), "", row["value"], row["value_max"], row["qualifier"], Text(),
                             Text("hồ sơ", "dossiers"), "actual", ("derived",), "s", Text(), 2020)
    assert o.claim == claim


# -- the lookups of all indicators --------------------------------------------------------------------------------


def test_results_by_agency_leave_out_provinces_and_keep_each_index_s_latest():
    snv_2021, snv_2023 = observation("SNV", 2021, unit_type="agency"), observation("SNV", 2023, unit_type="agency")
    snv_2023b = observation("SNV", 2023, unit_type="agency", source_id="other")
    ddci = index(snv_2021, snv_2023, snv_2023b, observation("79"), observation("STC", unit_type="agency"), code="DDCI")
    dept = index(observation("SNV", 2022, unit_type="district"), code="DEPT")
    indicators = Indicators((ddci, dept), (), "79", Text("TP.HCM", "HCMC"))
    assert indicators.latest_for_agency("79") == []  # a province's results are not an agency's
    assert indicators.latest_for_agency("SNV") == [AgencyLatest(ddci, snv_2023, None),  # the first of a tie
                                                   AgencyLatest(dept, dept.results[0], None)]
    assert indicators.latest_for_agency("STC") == [AgencyLatest(ddci, ddci.results[4], None)]
    assert indicators.latest_for_agency("XYZ") == []
    older_later = index(snv_2023, snv_2021, code="LATE")  # the latest year, wherever it is in the results
    assert Indicators((older_later,), (), "79", Text()).latest_for_agency("SNV") == [
        AgencyLatest(older_later, snv_2023, None)]
    assert (indicators.index("DEPT"), indicators.index("PAR")) == (dept, None)


def agency_result(year: int, score: object = None, rank: int | None = None, group: Text = NO_NOTE,
                  component: str = "total", source_id: str = "s") -> Observation:
    return observation("SNV", year, component, score, rank, "agency", source_id)._replace(group=group)


HONOURED = Text("được vinh danh", "honoured")


def latest_of(*results: Observation) -> tuple[Observation | None, Observation | None]:
    """The (known, later) results an agency page shows of an index with ``results``."""
    [found] = Indicators((index(*results, code="DDCI"),), (), "79", Text()).latest_for_agency("SNV")
    return found.known, found.later


def test_a_later_row_without_a_score_or_a_rank_is_kept_beside_the_latest_that_has_one():
    """DDCI 2024 named agencies "honoured" with no score: shown alone as the latest result, the row hid their
    2022 scores. The latest row with a score or a rank is kept, and the latest row after it with neither."""
    scored, ranked = agency_result(2022, Decimal("84.2"), 1), agency_result(2021, rank=3)
    honoured, empty = agency_result(2024, group=HONOURED), agency_result(2024)
    assert latest_of(scored, honoured) == latest_of(honoured, scored) == (scored, honoured)
    assert latest_of(ranked, honoured) == (ranked, honoured)  # a rank alone is a value
    # of a later year's rows, the one with a group (the first of them), whatever the order
    assert latest_of(scored, empty, honoured) == latest_of(scored, honoured, empty) == (scored, honoured)
    assert latest_of(scored, honoured, honoured._replace(source_id="b"))[1] is honoured
    assert latest_of(scored, agency_result(2023, group=HONOURED), empty) == (scored, empty)  # the latest year first
    # a row without a value no later than the latest with one is not shown, in whatever order they come
    assert latest_of(honoured, agency_result(2024, Decimal("1"))) == (agency_result(2024, Decimal("1")), None)
    assert latest_of(agency_result(2022, group=HONOURED), scored) == latest_of(scored, agency_result(2021)) == (
        scored, None)
    assert latest_of(honoured, agency_result(2025, rank=1), empty) == (agency_result(2025, rank=1), None)
    # none with a value: the latest row alone, as what is known
    assert latest_of(agency_result(2021), honoured) == (None, honoured)
    rows = Indicators((index(scored, honoured, code="DDCI"),), (), "79", Text()).latest_for_agency("SNV")[0].rows
    assert rows == (honoured, scored)  # the latest first


def test_a_component_s_result_is_not_an_agency_s_result_of_the_index():
    """An agency page's table states each index's score: a component's later score is not it."""
    total = agency_result(2022, Decimal("84.2"), 1)
    part = agency_result(2024, Decimal("9"), 1, component="Tính minh bạch")
    assert latest_of(total, part) == (total, None)
    assert Indicators((index(part, code="DDCI"),), (), "79", Text()).latest_for_agency("SNV") == []


def test_a_result_has_a_value_when_it_states_a_score_or_a_rank():
    assert [agency_result(2024, *cells).has_value for cells in ((Decimal("0"),), (None, 0), (None, None, HONOURED))
            ] == [True, True, False]


def test_a_serving_process_keeps_each_agency_s_latest_results_while_the_results_are_the_same_objects():
    """The next save's model has new Index objects around the same kept results: the answer is not made again,
    and each result comes back with the Index of this save (its name may have changed), never the last one's."""
    from generator.core import kept

    snv = observation("SNV", 2023, unit_type="agency")
    ddci = index(snv, code="DDCI")
    kept.keep()
    try:
        first = Indicators((ddci,), (), "79", Text())
        assert first.latest_for_agency("SNV") == [AgencyLatest(ddci, snv, None)]
        renamed = Index("DDCI", Text("DDCI mới", "New DDCI"), *astuple_rest(ddci))
        again = Indicators((renamed,), (), "79", Text())
        assert again._latest_by_agency is first._latest_by_agency
        assert again.latest_for_agency("SNV")[0].index.name == Text("DDCI mới", "New DDCI")
        other = Indicators((index(snv, observation("SNV", 2024, unit_type="agency"), code="DDCI"),), (), "79", Text())
        assert other._latest_by_agency is not first._latest_by_agency
        assert other.latest_for_agency("SNV")[0].known.year == 2024
    finally:
        kept.stop_keeping()


def astuple_rest(found: Index) -> tuple:
    """The fields of an index after its code and name, the same objects."""
    return (found.publisher, found.description, found.level, found.score_unit, found.higher_is_better, found.results,
            found.averages, found.components)


def test_themes_in_order_with_their_indicators_in_the_data_s_order():
    b1, a1, b2 = (Indicator(code, Text(code), Text(), True, theme, Text(), ())
                  for code, theme in (("b1", "thu-tuc"), ("a1", "bien-che"), ("b2", "thu-tuc")))
    assert Indicators((), (b1, a1, b2), "", Text()).themes() == [("bien-che", [a1]), ("thu-tuc", [b1, b2])]
    assert b1.page_uri == "chi-so/b1.md"


# -- reading rows -----------------------------------------------------------------------------------------------


def observation_of(row: dict) -> Observation:
    """``_observation`` as ``_observations`` calls it: the row's cells in ``_RESULT_COLUMNS`` order, its flags
    parsed."""
    return _observation(tuple(row.get(column) for column in _RESULT_COLUMNS), parse_flags(row.get("flags")))


def test_a_results_row_with_every_column():
    row = {"index_code": "PAR_INDEX", "year": 2023, "unit_type": "province", "unit_code": "31",
           "unit_name": "Hải Phòng", "component": "Chỉ đạo", "score": Decimal("91.87"), "score_unit": "%", "rank": 2,
           "rank_of": 63, "group_vi": "A", "group_en": "", "value_qualifier": "~",
           "flags": "conflicting derived unknown-flag", "source_id": "vgp", "note_vi": "",
           "note_en": "VGP prints 91.87"}
    assert observation_of(row) == Observation(
        "PAR_INDEX", 2023, "province", "31", "Hải Phòng", "Chỉ đạo", Decimal("91.87"), "%", 2, 63, Text("A", ""), "~",
        ("conflicting", "derived"), "vgp", Text("", "VGP prints 91.87"))


def test_a_results_row_with_only_what_is_required():
    row = {"index_code": "PCI", "year": "2019", "unit_type": None, "unit_code": None, "unit_name": None,
           "component": None, "score": None, "score_unit": None, "rank": None, "rank_of": None, "value_qualifier": None,
           "flags": None, "source_id": None, "note_vi": None, "note_en": None}
    assert observation_of(row) == Observation("PCI", 2019, "", "", "", "total", None, "", None, None, NO_NOTE, "", (),
                                            "", NO_NOTE)
    assert observation_of({"index_code": "PCI", "year": 2019, "note": "chung"}).note == Text("chung", "")
    assert observation_of({"index_code": "PCI", "year": 2019, "note_vi": "chỉ"}).note == Text("chỉ", "")
    assert observation_of({"index_code": "PCI", "year": 2019}).note is NO_NOTE


@pytest.mark.parametrize(("row", "group"), [
    ({"group_vi": "Nhóm A", "group_en": "Group A", "group": "x"}, Text("Nhóm A", "Group A")),
    ({"group_vi": "", "group_en": "Group A"}, Text("", "Group A")),
    ({"group_vi": "Nhóm A", "group_en": None}, Text("Nhóm A", "")),
    ({"group": "A"}, Text("A", "A")), ({"group_vi": "", "group": "B"}, Text("B", "B")), ({}, NO_NOTE),
    ({"group": ""}, NO_NOTE),
])
def test_a_rating_group(row, group):
    assert _group(row.get("group_vi"), row.get("group_en"), row.get("group")) == group


@pytest.mark.parametrize(("value", "day"), [
    (date(2020, 1, 1), date(2020, 1, 1)), (datetime(2020, 1, 1, 8), datetime(2020, 1, 1, 8)), ("2020-01-01", None),
    (None, None),
])
def test_a_period_end_is_a_date_or_nothing(value, day):
    assert _day(value) == day


def table(name: str, header: str, *lines: str) -> Table:
    """A table as the loader gets it from a CSV: cells as text, typed on reading (year integer, value number)."""
    columns = header.split(",")
    index = {column: i for i, column in enumerate(columns)}
    fields = [FieldSpec(c, {"year": "integer", "value": "number"}.get(c, "string")) for c in columns]
    return Table("chi-so", name, fields, columns, [Row(n, tuple(line.split(",")), index)
                                                   for n, line in enumerate(lines, 2)])


def test_results_rows_become_observations_by_index_in_file_order():
    results = _observations(table("results", "year,index_code,unit_code,flags,group,note",
                                  "2023,PAR,79,derived conflicting,A,", "2023,PCI,79,,,",
                                  "2022,PAR,01,derived conflicting,,x"))
    assert list(results) == ["PAR", "PCI"]
    first, second = results["PAR"]
    assert (first.year, first.unit_code, first.flags, first.group, first.note) == (
        2023, "79", ("derived", "conflicting"), Text("A", "A"), NO_NOTE)
    assert (second.year, second.unit_code, second.group, second.note, second.component) == (
        2022, "01", NO_NOTE, Text("x", ""), "total")
    assert first.flags is second.flags  # one parse of each distinct flags cell
    assert results["PCI"][0].flags == ()
    named = _observations(table("results", "year,index_code,group_vi,group_en", "2023,PAR,,Group A"))
    assert named["PAR"][0].group == Text("", "Group A")


def test_results_latest_first_then_by_unit_component_and_source():
    rows = (observation("79", 2022), observation("01", 2023, unit_type="agency"), observation("01", 2023),
            observation("79", 2023, component="a"), observation("79", 2023, source_id="a"))
    assert index(*rows).latest_first() == [rows[1], rows[3], rows[4], rows[2], rows[0]]


def test_averages_keep_provincial_average_scores_only():
    summary = table("national_summary", "year,index_code,scope_vi,scope_en,metric_vi,metric_en,value,source_id,flags",
                    "2016,PAR,63 tỉnh,63 provinces,,Average score (%),74.64,s1,",
                    "2017,PAR,63 tỉnh,63 provinces,,Average score (points) ,76.9,,derived",
                    "2018,PAR,19 bộ,19 ministries,,Average score (%),80.94,s2,",
                    "2019,PAR,63 tỉnh,63 provinces,,Localities above the average,30,s3,",
                    "2020,PAR,63 tỉnh,63 provinces,,Average score (%),,s4,",
                    "2021,PAR,63 tỉnh,,,Average score (%),80,s5,",
                    "2022,PAR,63 tỉnh,63 provinces,,,80,s6,",
                    "2023,PCI,,63 provinces,Điểm trung bình (điểm),Average score,61.5,s7,",
                    "2024,PCI,,63 provinces,,Average score ( /100 ),62,s8,")
    assert _averages(_national(summary)) == {
        "PAR": [Average(2016, Decimal("74.64"), Text("63 tỉnh", "63 provinces"), "s1", "%"),
                Average(2017, Decimal("76.9"), Text("63 tỉnh", "63 provinces"), "", "points", ("derived",))],
        "PCI": [Average(2023, Decimal("61.5"), Text("", "63 provinces"), "s7", "điểm"),  # the Vietnamese metric's
                Average(2024, Decimal("62"), Text("", "63 provinces"), "s8", "/100")]}
    assert _averages(_national(table("national_summary", "year,index_code,scope_en,metric_en,value",
                                     "2023,PCI,63,Average score,6")))["PCI"][0].unit == ""  # no unit named: the index's


def test_an_average_is_a_claim_in_its_own_unit_and_is_drawn_only_beside_scores_in_that_unit():
    """PAR's 63-province averages were in % in 2016 and 2023 and in points in 2018 and 2019: drawn as one line on
    a "%" axis. Each is a claim in the unit its metric names (the index's when it names none); a chart in % draws
    the averages in % and leaves the others to say in words."""
    percent, points = Average(2016, Decimal("74.64"), Text(), "a", "%"), Average(2018, Decimal("76.92"), Text(), "b",
                                                                                   "points", ("inferred",))
    unnamed = Average(2020, Decimal("80"), Text(), "c")
    assert (percent.claim(), points.claim("%"), unnamed.claim("%"), unnamed.claim()) == (
        Value(Decimal("74.64"), PERCENT), Value(Decimal("76.92"), POINTS, flags=("inferred",)),
        Value(Decimal("80"), PERCENT), Value(Decimal("80"), PLAIN))
    par = Index("PAR", Text(), Text(), Text(), "province", "%", True, (), (points, percent, unnamed))
    assert par.averages_in(PERCENT) == ([percent, unnamed], [points])
    assert par.averages_in(POINTS) == ([points], [percent, unnamed])
    assert par.averages_in(Unit("scale", "100")) == ([], [points, percent, unnamed])


def test_components_with_missing_cells():
    parts = table("components", "index_code,period,period_en,component_no,name_vi,name_en,max_points,source_id,flags,"
                  "note_vi,note_en",
                  "PAR,2023,,1,Chỉ đạo,Steering,9.5,s1,inferred,ghi chú,",
                  "PAR,,,,Khác,,,,,,",
                  "PCI,2019,2019,,Gia nhập,Entry,,s2,,,note")
    assert _components(parts) == {
        "PAR": [Component(Text("2023", ""), "1", Text("Chỉ đạo", "Steering"), "9.5", ("inferred",), "s1",
                          Text("ghi chú", "")),
                Component(Text(), "", Text("Khác", ""), "", (), "", Text())],
        "PCI": [Component(Text("2019", "2019"), "", Text("Gia nhập", "Entry"), "", (), "s2", Text("", "note"))]}


# -- the project's own data ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def project_datasets():
    return load_datasets(settings_for(ROOT / "datasets"))


@pytest.fixture
def real(project_datasets):
    """The project's data and its indicators model, read again by each test: a mutation run runs, per mutant,
    the tests that reached the mutated function, so every test that looks at the model must build it."""
    return project_datasets, load_indicators(project_datasets)


def test_averages_are_the_provincial_average_scores(real):
    datasets, indicators = real
    table = datasets.by_role("indices").table("national_summary")
    averages = _averages(_national(table))
    assert list(averages) == ["PAR_INDEX"]
    assert [(a.year, a.value, a.source_id) for a in averages["PAR_INDEX"]] == [
        (2016, Decimal("74.64"), "vnplus-en-par-2016"), (2018, Decimal("76.92"), "vietjo-2019-05-28-par-2018"),
        (2019, Decimal("81.15"), averages["PAR_INDEX"][2].source_id), (2023, Decimal("86.98"),
                                                                        averages["PAR_INDEX"][3].source_id)]
    assert averages["PAR_INDEX"][0] == Average(2016, Decimal("74.64"), Text("63 tỉnh, thành", "63 provinces"),
                                               "vnplus-en-par-2016", "%")
    # 2018 and 2019 are in points (the sources say so), not in the index's %: a "%" chart does not draw them
    assert [a.unit for a in averages["PAR_INDEX"]] == ["%", "points", "points", "%"]
    drawn, others = indicators.index("PAR_INDEX").averages_in(PERCENT)
    assert ([a.year for a in drawn], [a.year for a in others]) == ([2016, 2023], [2018, 2019])
    assert indicators.index("PAR_INDEX").averages == tuple(averages["PAR_INDEX"])
    assert (_averages(_national(None)), _components(None)) == ({}, {})


def test_components_are_read_per_index(real):
    datasets, indicators = real
    components = _components(datasets.by_role("indices").table("components"))
    first = components["PAR_INDEX"][0]
    assert first == Component(
        Text("2013", "2013"), "", Text("Tự đánh giá / Đánh giá bên ngoài", "self-assessment / external assessment"),
        "60 / 40", (), "vns-index-improves-administration-reform",
        Text("Thang 100 điểm cho khối bộ (Thứ trưởng Nguyễn Tiến Định, 2014).",
             "100-point scale for ministries (Deputy Minister Nguyễn Tiến Định, 2014)."))
    assert (components["PAR_INDEX"][1].number, components["PAR_INDEX"][1].flags) == ("1", ("inferred",))
    assert indicators.index("PAR_INDEX").components == tuple(components["PAR_INDEX"])
    assert len(components["PAR_INDEX"]) == 18


def test_the_indices_package_as_loaded(real):
    _, indicators = real
    assert (indicators.focus_unit, indicators.focus_name, indicators.package) == ("79", Text("TP.HCM", "HCMC"),
                                                                                  "chi-so")
    par = indicators.index("PAR_INDEX")
    assert (par.name.en, par.publisher.en, par.level, par.score_unit, par.higher_is_better, len(par.results)) == (
        "Public Administration Reform Index (PAR Index)",
        "Ministry of Home Affairs (announced through the Government PAR Steering Committee)", "ministry province",
        "%", True, 91)
    [hcmc] = [o for o in par.results if o.unit_code == "79" and o.year == 2023]
    assert hcmc._replace(note=NO_NOTE) == Observation(
        "PAR_INDEX", 2023, "province", "79", "TP. Hồ Chí Minh", "total", Decimal("86.97"), "%", 33, 63, NO_NOTE, "",
        (), "sggp-en-chairman-plans-improve-par; vietjo-2024-04-17-par-2023", NO_NOTE)
    assert [i.code for i in indicators.indices] == [
        "PAR_INDEX", "SIPAS", "PAPI", "PCI", "PGI", "HCMC_PAR_DEPT", "DDCI_HCMC", "DTI", "DVCQG_SERVICE_INDEX",
        "PAR_PROGRAMME_76", "PROVINCE_DEPT_PAR_EXAMPLE"]
    assert [len(i.results) for i in indicators.indices] == [91, 70, 39, 28, 5, 38, 31, 0, 0, 0, 0]


def test_the_indicators_package_as_loaded(real):
    _, indicators = real
    online = next(i for i in indicators.indicators if i.code == "ho-so-xu-ly-truc-tuyen")
    assert (online.name, online.unit, online.higher_is_better, online.theme, online.description) == (
        Text("Số hồ sơ xử lý trực tuyến", "Dossiers processed online"), Text("hồ sơ", "dossiers"), True, "thu-tuc",
        Text("", ""))
    assert online.observations[0] == IndicatorObservation(
        "ho-so-xu-ly-truc-tuyen", Text("2016-2020 (5 năm)", "2016–2020 (5 years)"),
        Text("UBND cấp huyện và cấp xã", "District- and commune-level People's Committees"), "",
        Decimal("84000000"), None, ">", Text("", ""), Text("hồ sơ", "dossiers"), "actual", ("approximate",),
        "vnplus-en-hcmc-expands-egovernment", online.observations[0].note, 2016, date(2016, 1, 1), date(2020, 12, 31))
    assert (len(indicators.indicators), [t for t, _ in indicators.themes()]) == (66, ["bien-che", "thu-tuc"])
    assert [(t, len(items)) for t, items in indicators.themes()] == [("bien-che", 16), ("thu-tuc", 50)]


def test_no_indices_package_no_model(tmp_path):
    (tmp_path / "datasets").mkdir()
    assert load_indicators(load_datasets(settings_for(tmp_path / "datasets"))) is None


def crafted(tmp_path: Path, focus: str = "", packages: tuple[str, ...] = ("chi-so", "hanh-chinh", "nguon",
                                                                           "co-quan")) -> Path:
    """The project's two indicator packages with a few rows of their own: empty optional cells, a lower-is-better
    index and indicator, an observation with every optional column, and the focus unit's names set."""
    datasets = tmp_path / "datasets"
    for name in ("chi-so", "hanh-chinh", "nguon", "co-quan"):  # with the sources and agencies they refer to
        shutil.copytree(ROOT / "datasets" / name, datasets / name)
    for name in {"chi-so", "hanh-chinh", "nguon", "co-quan"} - set(packages):
        shutil.rmtree(datasets / name)
    data = datasets / "chi-so" / "data"
    descriptor = datasets / "chi-so" / "datapackage.yaml"
    descriptor.write_text(descriptor.read_text("utf-8").replace(
        "  focus_unit: '79'\n", focus + "  focus_name_vi: Đà Nẵng\n  focus_name_en: Da Nang\n", 1), "utf-8")
    for path in data.glob("*.csv"):
        path.write_text(path.read_text("utf-8").splitlines()[0] + "\n", "utf-8")
    with (data / "indices.csv").open("a", encoding="utf-8") as out:
        out.write("LOW,Chỉ số thấp,Low index,NXB,Publisher,,,false,Mô tả,Description\n")
    with (data / "results.csv").open("a", encoding="utf-8") as out:
        out.write("LOW,2023,province,48,Đà Nẵng,,12.5,,3,63,,,,,vgp-2024-04-17-par-2023,,\n")
    data = datasets / "hanh-chinh" / "data"
    if not data.exists():
        return datasets
    for path in data.glob("*.csv"):
        path.write_text(path.read_text("utf-8").splitlines()[0] + "\n", "utf-8")
    with (data / "indicators.csv").open("a", encoding="utf-8") as out:
        out.write("can-bo,Cán bộ,Staff,người,people,false,,Mô tả,Description\n"
                  "khac,Khác,Other,,,true,thu-tuc,,\n")  # no observation yet
    with (data / "observations.csv").open("a", encoding="utf-8") as out:
        out.write("can-bo,2023,2023,2023-01-01,2023-12-31,TP.HCM,HCMC,SNV,11,18,range,mười một,eleven,người,people,"
                  "actual,derived,vgp-2024-04-17-par-2023,ghi chú,note\n")
        out.write("can-bo,2024,,,,TP.HCM,,,,,,,,,,,,,,\n")
    return datasets


def test_the_loaders_read_every_column_and_default_the_empty_ones(tmp_path):
    datasets = load_datasets(settings_for(crafted(tmp_path)))
    # required cells left empty on purpose: the problems say so, and the model still invents no value
    assert [(p.code, p.path, p.line, p.field) for p in datasets.problems if p.is_error] == [
        ("constraint-error", "datasets/chi-so/data/results.csv", 2, "component"),
        ("constraint-error", "datasets/hanh-chinh/data/indicators.csv", 2, "theme"),
        ("constraint-error", "datasets/hanh-chinh/data/observations.csv", 3, "kind"),
        ("constraint-error", "datasets/hanh-chinh/data/observations.csv", 3, "source_id")]
    model = load_indicators(datasets)
    assert (model.focus_unit, model.focus_name, model.package) == ("", Text("Đà Nẵng", "Da Nang"), "chi-so")
    [low] = model.indices
    assert (low.code, low.name, low.publisher, low.description, low.level, low.score_unit, low.higher_is_better,
            low.averages, low.components, low.editions) == (
        "LOW", Text("Chỉ số thấp", "Low index"), Text("NXB", "Publisher"), Text("Mô tả", "Description"), "", "", False,
        (), (), ())  # a package without a releases table: no editions, the headline is the rows' alone
    assert low.results == (Observation("LOW", 2023, "province", "48", "Đà Nẵng", "total", Decimal("12.5"), "", 3, 63,
                                       NO_NOTE, "", (), "vgp-2024-04-17-par-2023", NO_NOTE),)
    staff, other = model.indicators
    assert (other.code, other.unit, other.higher_is_better, other.theme, other.observations) == (
        "khac", Text(), True, "thu-tuc", ())
    assert (staff.code, staff.name, staff.unit, staff.higher_is_better, staff.theme, staff.description) == (
        "can-bo", Text("Cán bộ", "Staff"), Text("người", "people"), False, "", Text("Mô tả", "Description"))
    assert staff.observations == (
        IndicatorObservation("can-bo", Text("2023", "2023"), Text("TP.HCM", "HCMC"), "SNV", Decimal("11"),
                             Decimal("18"), "range", Text("mười một", "eleven"), Text("người", "people"), "actual",
                             ("derived",), "vgp-2024-04-17-par-2023", Text("ghi chú", "note"), 2023,
                             date(2023, 1, 1), date(2023, 12, 31)),
        IndicatorObservation("can-bo", Text("2024", ""), Text("TP.HCM", ""), "", None, None, "", Text(), Text(), "",
                             (), "", Text(), None, None, None))


def test_indices_without_an_indicators_package(tmp_path):
    datasets = load_datasets(settings_for(crafted(tmp_path, packages=("chi-so", "nguon"))))
    model = load_indicators(datasets)
    assert ([i.code for i in model.indices], model.indicators) == (["LOW"], ())


def test_a_serving_process_keeps_the_city_s_own_indicators_while_their_tables_are_the_same_objects():
    """A save that edits another file gives the model the same tables (core/kept.py): the indicators and their
    observations are not read again; an edited table is a new object, read afresh."""
    import dataclasses

    from conftest import ROOT, settings_for

    from generator.core import kept
    from generator.core.datasets import load_datasets
    from generator.indicators.model import INDICATORS_ROLE

    datasets = load_datasets(settings_for(ROOT / "datasets"))
    kept.keep()
    try:
        first = load_indicators(datasets).indicators
        assert first and load_indicators(datasets).indicators is first
        package = datasets.by_role(INDICATORS_ROLE)
        table = package.table("observations")
        copied = dataclasses.replace(table, rows=list(table.rows[:1]))  # another object, one observation left
        package.tables[package.tables.index(table)] = copied
        again = load_indicators(datasets).indicators
        assert again is not first and sum(len(i.observations) for i in again) == 1
    finally:
        kept.stop_keeping()
    assert load_indicators(datasets).indicators is not again  # a build that keeps nothing reads them every time
