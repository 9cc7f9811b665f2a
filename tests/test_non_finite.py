"""Numbers that are not finite, end to end (docs/data-format.md, "Numbers that are not finite").

Frictionless 5 reads "NaN", "nan", "sNaN", "INF", "inf", "Infinity", "-Infinity", "+inf" (any case, a NaN with a
payload such as "NaN123" too) as valid ``number`` cells, typed Decimal('NaN'), Decimal('Infinity')...; "1e400" is
a finite Decimal but an infinite float. The rule:

- the site's own packages (an ``x-minhbach`` role) are worded, ranked, summed and drawn: such a cell is a
  ``non-finite-number`` error at its file, line and field, and so is a supervision fact whose value reads as one;
- any other package publishes the cell as written (preview table, CSV, JSON as a string); its automatic chart
  leaves it out and its note says which cells it did not draw.
"""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import ROOT, SESSION, Package, Resource, make_project, settings_for, write

from generator import pipeline
from generator.cli import main
from generator.core.claims import Entry, Ranking, Value, finite, non_finite
from generator.core.locale import locale

NOT_FINITE = ("NaN", "nan", "-NaN", "NaN123", "sNaN", "INF", "inf", "+Infinity", "-Infinity", "1e400", "-1E+400")
FINITE = ("0", "84.70", "-2.5", "1e5", "1E+307", "0.0000001")


@pytest.mark.parametrize("cell", NOT_FINITE)
def test_frictionless_reads_each_spelling_as_a_valid_number(cell):
    """The premise: if Frictionless ever refuses one of these, its own type-error takes over."""
    from frictionless import fields

    value, errors = fields.NumberField(name="x").read_cell(cell)
    assert errors is None and isinstance(value, Decimal) and not finite(value)


@pytest.mark.parametrize(("text", "expected"), [
    *((cell, True) for cell in NOT_FINITE), (">=inf", True), ("~ NaN", True), ("<-Infinity", True),
    *((cell, False) for cell in FINITE), ("9/9", False), (">=12", False), ("NaN thing", False), ("", False),
])
def test_a_text_that_reads_as_a_number_that_is_not_finite(text, expected):
    assert non_finite(text) is expected


def test_a_claim_holds_no_number_that_is_not_finite_and_a_ranking_never_raises():
    """Before, a Ranking with a NaN entry raised decimal.InvalidOperation (sNaN: ValueError from float())."""
    assert [Value.of(Decimal(cell)).known for cell in NOT_FINITE] == [False] * len(NOT_FINITE)
    assert [Value.parse(cell) for cell in ("NaN", ">=inf", "1e400")] == [None, None, None]
    entries = tuple(Entry(name, Value.of(Decimal(cell))) for name, cell in (("a", "NaN"), ("b", "sNaN"),
                                                                            ("c", "2"), ("d", "INF"), ("e", "1")))
    ranking = Ranking(entries)
    assert ([e.name for e in ranking.highest()], [e.name for e in ranking.lowest()]) == (["c"], ["e"])


@pytest.mark.parametrize(("value", "vi", "en"), [
    ("NaN", "NaN", "NaN"), ("-NaN", "NaN", "NaN"), ("NaN123", "NaN", "NaN"), ("sNaN", "NaN", "NaN"),
    ("Infinity", "∞", "∞"), ("-Infinity", "-∞", "-∞"),
    ("1E+28", "10.000.000.000.000.000.000.000.000.000", "10,000,000,000,000,000,000,000,000,000"),
    ("-12345678901234567890123456789.25", "-12.345.678.901.234.567.890.123.456.789,25",
     "-12,345,678,901,234,567,890,123,456,789.25"),
])
def test_the_locale_writes_any_number_cell_without_raising(value, vi, en):
    """Before: sNaN and 1E+28 (past the 28 digits of the default decimal context) raised InvalidOperation,
    "-NaN" came out as "--.NaN" and "NaN123" as "NaN.123"."""
    number = Decimal(value)
    assert (locale("vi").number(number), locale("en").number(number)) == (vi, en)
    assert locale("en").percent(number) == (en if not number.is_finite() else en + "%")
    assert locale("en").number(number, 2) == (en if not number.is_finite() else en + ".00" if "." not in en else en)


@pytest.mark.parametrize(("value", "expected"), [
    ("NaN", "NaN"), ("sNaN", "NaN"), ("Infinity", "+∞"), ("-Infinity", "−∞"),
    ("-12345678901234567890123456789.25", "−12,345,678,901,234,567,890,123,456,789.25"),
])
def test_a_signed_change_that_is_not_finite_or_long(value, expected):
    assert locale("en").signed(Decimal(value)) == expected


# -- validation: the site's own packages -------------------------------------------------------------------------

# A role the site reads (the indicators feature looks for tables of other names, so it makes nothing of ``t``).
OWN = Package("own", (Resource("t", ("id:integer", "score:number", "count:integer", "note:string"),
                               rows="1,84.70,3,NaN\n2,NaN,4,\n3,,5,\n4,-inf,6,x\n5,1e400,7,\n6,NaN,8,\n"),),
              "x-minhbach: {role: indicators}")


def _checked(datasets: Path) -> list[tuple[str, str, int | None, str | None, str]]:
    problems = pipeline.check(settings_for(datasets)).problems
    return [(p.code, p.path, p.line, p.field, p.params_dict().get("value", "")) for p in problems]


def test_each_cell_of_an_own_package_that_is_not_finite_is_an_error_at_its_place(tmp_path):
    """A text column may say "NaN" (it is text); an empty cell is a gap; every other number cell is listed."""
    OWN.write(tmp_path / "datasets")
    assert _checked(tmp_path / "datasets") == [("non-finite-number", "datasets/own/t.csv", line, "score", value)
                                  for line, value in ((3, "NaN"), (5, "-inf"), (6, "1e400"), (7, "NaN"))]


def test_an_integer_too_large_to_draw_is_an_error_too(tmp_path):
    Package("own", (Resource("t", ("id:integer", "rank:integer"), rows=f"1,{'9' * 400}\n2,{'9' * 300}\n"),),
            OWN.extra).write(tmp_path / "datasets")
    assert _checked(tmp_path / "datasets") == [("non-finite-number", "datasets/own/t.csv", 2, "rank", "9" * 400)]


def test_the_same_cells_in_a_generic_package_are_published_as_written(tmp_path):
    Package("generic", OWN.resources).write(tmp_path / "datasets")
    assert _checked(tmp_path / "datasets") == []


def test_a_package_that_declares_nan_a_missing_value_has_gaps_there(tmp_path):
    """``missingValues: ["", "NaN"]`` is how a package says its "NaN" means "no value": a gap, no problem."""
    [resource] = OWN.resources
    Package("own", (Resource(resource.name, resource.fields, resource.rows, schema_extra="missingValues: ['', NaN]"),),
            OWN.extra).write(tmp_path / "datasets")
    assert _checked(tmp_path / "datasets") == [("non-finite-number", "datasets/own/t.csv", line, "score", value)
                                               for line, value in ((5, "-inf"), (6, "1e400"))]


def test_a_column_whose_own_missing_values_name_nan_has_gaps_there(tmp_path):
    """A field's own ``missingValues`` (Data Package v2, here in v2's object form) replace the schema's for that
    column alone: its "NaN" is no value (Frictionless reads null), while the same schema's other columns keep
    theirs. The rule read the schema's only, and reported the gap as a number that is not finite."""
    [resource] = OWN.resources
    fields = ("id:integer", "{name: score, type: number, missingValues: [{value: ''}, {value: NaN, label: withheld}]}",
              "count:integer", "note:string")
    Package("own", (Resource(resource.name, fields, resource.rows),),
            "$schema: https://datapackage.org/profiles/2.0/datapackage.json\n" + OWN.extra
            ).write(tmp_path / "datasets")
    assert _checked(tmp_path / "datasets") == [("non-finite-number", "datasets/own/t.csv", line, "score", value)
                                               for line, value in ((5, "-inf"), (6, "1e400"))]


def test_inline_data_of_an_own_package_is_reported_at_its_descriptor(tmp_path):
    folder = tmp_path / "datasets" / "own"
    write(folder / "datapackage.yaml", """
        name: own
        x-minhbach: {role: indicators}
        resources:
          - name: t
            data: [[id, score], [1, "NaN"]]
            schema: {fields: [{name: id, type: integer}, {name: score, type: number}]}
        """)
    assert _checked(tmp_path / "datasets") == [
        ("non-finite-number", "datasets/own/datapackage.yaml", None, "score", "NaN")]


@pytest.mark.parametrize("value", ["NaN", "inf", ">=-Infinity", "1e400"])
def test_a_supervision_fact_whose_value_reads_as_a_number_that_is_not_finite(tmp_path, value):
    """A fact's value is text ("9/9", ">=12"): one that reads as NaN or an infinity would be worded as a
    number ("NaN%", "ít nhất ∞"), so it is refused at its line in the session file."""
    datasets = make_project(tmp_path / "datasets")
    write(datasets / "giam-sat" / "sessions" / "2024-06-11-test.yaml",
          SESSION.replace('value: "9/9"', f'value: "{value}"'))
    assert [p for p in _checked(datasets) if p[0] == "non-finite-number"] == [
        ("non-finite-number", "datasets/giam-sat/sessions/2024-06-11-test.yaml", 15, "value", value)]


def test_a_long_value_is_quoted_by_its_first_80_characters_from_a_table_and_a_session(tmp_path, capsys):
    """A 5,000-digit value was echoed whole in the message and the GitHub annotation; it is cut as unsafe-url's
    address is, and the problem itself keeps the value whole."""
    digits = "9" * 5000
    datasets = make_project(tmp_path / "datasets")
    session = datasets / "giam-sat" / "sessions" / "2024-06-11-test.yaml"
    write(session, SESSION.replace('value: "9/9"', f'value: "{digits}"'))
    Package("own", (Resource("t", ("id:integer", "rank:integer"), rows=f"1,{digits}\n"),), OWN.extra).write(datasets)
    problems = [p for p in pipeline.check(settings_for(datasets)).problems if p.code == "non-finite-number"]
    assert sorted((p.path.rsplit("/", 1)[-1], p.params_dict()["value"]) for p in problems) == [
        ("2024-06-11-test.yaml", digits), ("t.csv", digits)]
    quoted = "'" + "9" * 79 + "…'"
    assert {p.message("en") for p in problems} == {f"{quoted} is not a number the site can state, rank or draw (NaN, "
                                                   "an infinity, or too large)"}
    assert {p.message("vi") for p in problems} == {f"{quoted} không phải là một số mà trang có thể nêu, xếp hạng hay "
                                                   "vẽ (NaN, vô cực, hoặc quá lớn)"}
    capsys.readouterr()
    assert main(["validate", "--datasets", str(datasets), "--format", "github", "--lang", "en"]) == 1
    annotations = [line for line in capsys.readouterr().out.splitlines() if "title=non-finite-number" in line]
    assert [(line.count(quoted), "9" * 80 in line) for line in annotations] == [(1, False)] * 2


def test_a_long_cell_frictionless_finds_wrong_is_quoted_by_its_first_80_characters(tmp_path):
    """An integer of 5,000 digits is a type error to Frictionless (beyond Python's 4,300 digits of text), whose
    message quoted the cell whole."""
    digits = "9" * 5000
    datasets = tmp_path / "datasets"
    Package("p", (Resource("t", ("id:integer", "n:integer"), rows=f"1,{digits}x\n"),)).write(datasets)
    problems = [p for p in pipeline.check(settings_for(datasets)).problems if p.code == "type-error"]
    assert [p.params_dict()["cell"] for p in problems] == [digits + "x"]
    assert [p.message("en") for p in problems] == ["value '" + "9" * 79 + "…' is not of type integer"]


def test_the_problem_says_what_to_do():
    from generator.core.problems import problem

    found = problem("non-finite-number", "chi-so/data/results.csv", 7, None, "score", value="NaN")
    assert found.message("vi") == \
        "'NaN' không phải là một số mà trang có thể nêu, xếp hạng hay vẽ (NaN, vô cực, hoặc quá lớn)"
    assert found.message("en") == \
        "'NaN' is not a number the site can state, rank or draw (NaN, an infinity, or too large)"
    assert found.hint("en") == ("write the number the source states; if it states none, leave it empty (the site "
                                "shows a gap, never a zero) and say why in a note")


# -- real builds ------------------------------------------------------------------------------------------------

INDICES = Package("chi-so", (
    Resource("indices", ("index_code:string", "name_vi:string", "name_en:string", "score_unit:string"),
             path="data/indices.csv", schema_extra="primaryKey: [index_code]",
             rows="PAR_INDEX,Chỉ số CCHC,PAR Index,%\n"),
    Resource("results", ("index_code:string", "year:integer", "unit_type:string", "unit_code:string",
                         "unit_name:string", "component:string", "score:number", "rank:integer", "rank_of:integer",
                         "source_id:string"),
             path="data/results.csv",
             rows=("PAR_INDEX,2022,province,79,TP.HCM,total,84.70,36,63,seed\n"
                   "PAR_INDEX,2022,province,48,Đà Nẵng,total,90.10,1,63,seed\n"
                   "PAR_INDEX,2023,province,79,TP.HCM,total,86.97,33,63,seed\n"
                   "PAR_INDEX,2023,province,48,Đà Nẵng,total,91.20,1,63,seed\n"
                   "PAR_INDEX,2023,province,01,Hà Nội,total,88.50,2,63,seed\n")),
), "x-minhbach: {role: indices, focus_unit: '79'}")
SERIES = Package("series", (Resource(
    "yearly", ("year:year", "value:number"), path="data/yearly.csv",
    rows="2018,1.5\n2019,NaN\n2020,2.5\n2021,INF\n2022,3\n2023,-Infinity\n"),), "title: Series")


def _build(datasets: Path, out: Path) -> int:
    return main(["build", "--datasets", str(datasets), "--out", str(out), "--config", str(ROOT / "mkdocs.yml"),
                 "--build-date", "2026-11-26",
                 "--jobs", "1", "--cache-dir", str(out.parent / "cache")])


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A small project with an index (the own data a Ranking and charts read) and a generic package whose
    number column holds NaN and infinities, built for real."""
    root = tmp_path_factory.mktemp("non-finite")
    datasets = make_project(root / "datasets")
    INDICES.write(datasets)
    SERIES.write(datasets)
    assert _build(datasets, root / "site") == 0
    return root


def test_a_generic_package_publishes_such_cells_as_written(built):
    site = built / "site"
    page = (site / "du-lieu" / "series" / "index.html").read_text("utf-8")
    assert "<tr><th scope=\"row\">2019</th><td>NaN</td></tr>" in page
    assert "<tr><th scope=\"row\">2021</th><td>INF</td></tr>" in page
    assert "<tr><th scope=\"row\">2023</th><td>-Infinity</td></tr>" in page
    assert (site / "tai-ve" / "series" / "yearly.csv").read_text("utf-8") == SERIES.resources[0].csv
    rows = json.loads((site / "tai-ve" / "series" / "yearly.json").read_text("utf-8"))
    assert [row["value"] for row in rows] == [1.5, "NaN", 2.5, "INF", 3, "-Infinity"]


def test_its_automatic_chart_draws_the_finite_values_and_says_which_cells_it_left_out(built):
    page = (built / "site" / "du-lieu" / "series" / "index.html").read_text("utf-8")
    assert ("value theo year: 3 giá trị từ 2018 đến 2022; thấp nhất 1,5 (2018), cao nhất 3 (2022); không có số liệu "
            "cho 2019 và 2021. Không vẽ 3 ô không phải "
            "là số hữu hạn (NaN, INF, -Infinity); bảng dữ liệu và các tệp tải về giữ nguyên các ô đó.") in page
    english = (built / "site" / "en" / "du-lieu" / "series" / "index.html").read_text("utf-8")
    assert ("3 cells that are not finite numbers (NaN, INF, -Infinity) are not drawn; the data table and the "
            "downloads keep them as written.") in english


@pytest.mark.parametrize("cell", ["NaN", "sNaN", "-Infinity", "1e400"])
def test_an_own_score_that_is_not_finite_stops_the_build_at_its_line(built, tmp_path, capsys, cell):
    """Before: "NaN" raised decimal.InvalidOperation in the ranking chart (exit 2, "a bug in Minh Bạch"),
    "sNaN" and "1e400" in the number format. Now: exit 1, the problem at its file and line, the site as it was."""
    datasets = tmp_path / "datasets"
    shutil.copytree(built / "datasets", datasets)
    results = datasets / "chi-so" / "data" / "results.csv"
    results.write_text(results.read_text("utf-8").replace(",91.20,", f",{cell},"), "utf-8")
    site = tmp_path / "site"
    shutil.copytree(built / "site", site)
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    capsys.readouterr()
    assert _build(datasets, site) == 1
    err = capsys.readouterr().err
    location = f"{Path('chi-so') / 'data' / 'results.csv'}:5:"
    assert f"{location} error[non-finite-number] [score]: '{cell}' không phải là một số mà trang có thể nêu" in err
    assert "Traceback" not in err and "lỗi ngoài dự kiến" not in err
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before


def test_a_number_too_large_for_a_json_reader_is_written_as_its_text(tmp_path):
    """1e309 is a finite decimal, and was written as the JSON number 1E+309, which Python's and JavaScript's JSON
    readers read as infinity: written as the cell's text, as NaN and INF are."""
    from test_downloads import published

    assets = published(tmp_path / "datasets", "name: p\nresources:\n  - name: t\n    path: t.csv\n    schema:\n"
                       "      fields:\n        - {name: n, type: number}\n", {"t.csv": b"n\n1e309\n-1e309\n2.5\n"})
    assert json.loads(assets["tai-ve/p/t.json"]) == [{"n": "1e309"}, {"n": "-1e309"}, {"n": 2.5}]


def test_a_number_a_json_reader_would_read_as_zero_or_with_lost_digits_is_written_as_its_text(tmp_path):
    """1e-400 and 2.4703282292062328e-324 were written as JSON numbers, which Python's and JavaScript's JSON
    readers read as 0.0: a number is a JSON number only when a double holds it (a zero, or a normal double from
    2.2250738585072014e-308 up); smaller ones (a subnormal double has fewer digits: 1.2345678901234567e-310 reads
    back as 1.23456789012346e-310), and an integer past a double's range, are the cell's text, as 1e309 is."""
    from test_downloads import published

    huge = "9" * 400
    assets = published(tmp_path / "datasets", "name: p\nresources:\n  - name: t\n    path: t.csv\n    schema:\n"
                       "      fields:\n        - {name: n, type: number}\n        - {name: i, type: integer}\n",
                       {"t.csv": (f"n,i\n1e-400,1\n-1e-400,{huge}\n2.4703282292062328e-324,2\n"
                                  "1.2345678901234567e-310,3\n2.2250738585072014e-308,4\n0e-400,5\n-0.0,6\n").encode()})
    rows = json.loads(assets["tai-ve/p/t.json"])
    assert rows == [{"n": "1e-400", "i": 1}, {"n": "-1e-400", "i": huge}, {"n": "2.4703282292062328e-324", "i": 2},
                    {"n": "1.2345678901234567e-310", "i": 3}, {"n": 2.2250738585072014e-308, "i": 4},
                    {"n": 0.0, "i": 5}, {"n": 0.0, "i": 6}]
    assert assets["tai-ve/p/t.csv"].decode().splitlines()[1:3] == ["1e-400,1", f"-1e-400,{huge}"]  # as written


def test_a_number_with_more_digits_than_a_double_holds_is_written_as_its_text(tmp_path):
    """generic8 #1: 40 % of a real package's tweet ids (970867027907956737) read back as other numbers in
    JavaScript, and 0.12345678901234567891 lost digits in Python's json: only the range was checked. A number is a
    JSON number when a double's shortest writing is the number itself (2^53 is; 2^53 + 1 is not)."""
    from test_downloads import published

    assets = published(tmp_path / "datasets", "name: p\nresources:\n  - name: t\n    path: t.csv\n    schema:\n"
                       "      fields:\n        - {name: id, type: integer}\n        - {name: x, type: number}\n",
                       {"t.csv": b"id,x\n970867027907956737,0.12345678901234567891\n9007199254740992,86.97\n"
                                 b"9007199254740993,1.50\n"})
    text = assets["tai-ve/p/t.json"].decode()
    assert json.loads(text) == [{"id": "970867027907956737", "x": "0.12345678901234567891"},
                                {"id": 9007199254740992, "x": 86.97}, {"id": "9007199254740993", "x": 1.5}]


@pytest.mark.parametrize(("value", "decimals", "vi"), [
    (Decimal("-0"), None, "0"), (Decimal("-0.00"), None, "0,00"), (Decimal("-0.001"), 1, "0,0"), (-0.0, None, "0,0")])
def test_a_zero_is_written_without_a_sign(value, decimals, vi):
    """"-0" in a cell (or a small negative number rounded) was a chart's "lowest -0"."""
    assert locale("vi").number(value, decimals) == vi
    assert locale("en").number(value, decimals) == vi.replace(",", ".")
