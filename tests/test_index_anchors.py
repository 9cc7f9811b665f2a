"""Anchors of index results on an index page cannot clash, and the ones a journalist cites do not move: the
headline has its own, ``#moi-nhat``, whichever year is the latest; each year of the focus unit's history is
``#<unit>-<year>-total`` however many sources its row cites, a second row of that year (another source's)
``-2``. Other units' results are not anchored, so slugs that fold two unit codes into one ('HCM', 'hcm') give
no id at all. The ids are claimed in an address book after the page's own (``core/addresses.numbered``)."""

from __future__ import annotations

import re

from conftest import Package, Resource, make_project
from test_build import build

from generator.core.addresses import numbered


def par_index(results: str) -> Package:
    """The index package of one index, PAR_INDEX (in %), with these ``results`` rows; the city (79) its focus."""
    return Package("chi-so", (
        Resource("indices", ("index_code:string", "name_vi:string", "name_en:string", "score_unit:string"),
                 path="data/indices.csv", rows="PAR_INDEX,Chỉ số CCHC,PAR Index,%\n"),
        Resource("results", ("index_code:string", "year:integer", "unit_type:string", "unit_code:string",
                             "unit_name:string", "component:string", "score:number", "rank:integer",
                             "rank_of:integer", "source_id:string", "flags:string"),
                 path="data/results.csv", rows=results),
    ), "x-minhbach: {role: indices, focus_unit: '79'}")


INDICES = par_index("PAR_INDEX,2022,province,79,TP.HCM,total,84.70,36,63,seed,\n"
                    "PAR_INDEX,2023,province,79,TP.HCM,total,86.97,33,63,seed,conflicting\n"
                    "PAR_INDEX,2023,province,79,TP.HCM,total,86.10,34,63,sggp,conflicting\n"  # one slug, other values
                    "PAR_INDEX,2023,province,79,TP.HCM,Tổng,50,,,seed,\n"  # a component whose slug is another's
                    "PAR_INDEX,2023,province,HCM,A,total,80,5,63,seed,\n"
                    "PAR_INDEX,2023,province,hcm,B,total,81,4,63,seed,\n")


def test_the_anchors_of_an_index_page_are_each_one_result(tmp_path):
    datasets = make_project(tmp_path / "datasets")
    INDICES.write(datasets)
    out = tmp_path / "site"
    assert build(datasets, out, "--jobs", "1") == 0
    for page in (out / "chi-so" / "par-index" / "index.html", out / "en" / "chi-so" / "par-index" / "index.html"):
        html = page.read_text("utf-8")
        ids = re.findall(r'\bid="([^"]+)"', html)
        assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
        assert "moi-nhat" in ids and 'href="#moi-nhat"' in html  # the headline, in both languages
        rows = [i for i in ids if i.startswith("79-")]
        assert rows == ["79-2022-total", "79-2023-total", "79-2023-total-2"], rows
        assert not [i for i in ids if i.startswith("hcm-")]


def test_a_row_keeps_its_anchor_when_a_year_or_a_source_is_added(tmp_path):
    """A history row's id held its place in the table (a year filled in before it moved every later row's link),
    then its sources (a source added to its row moved it); the headline's was its year's, which a new year took
    away: '#79-2023-total' led nowhere once 2024 was published."""
    datasets = make_project(tmp_path / "datasets")
    INDICES.write(datasets)
    results = datasets / "chi-so" / "data" / "results.csv"
    before, _ = _history_ids(datasets, tmp_path / "before")
    text = results.read_text("utf-8").replace("2022,province,79,TP.HCM,total,84.70,36,63,seed,",
                                              "2022,province,79,TP.HCM,total,84.70,36,63,seed; sggp,")
    results.write_text(text + "PAR_INDEX,2020,province,79,TP.HCM,total,80.10,40,63,seed,\n"
                              "PAR_INDEX,2024,province,79,TP.HCM,total,88.00,30,63,seed,\n", "utf-8")
    after, html = _history_ids(datasets, tmp_path / "after")
    assert after == ["79-2020-total", *before, "79-2024-total"]
    assert 'id="moi-nhat"' in html and "TP.HCM 2024" in html


def _history_ids(datasets, out) -> tuple[list[str], str]:
    assert build(datasets, out, "--jobs", "1") == 0
    html = (out / "chi-so" / "par-index" / "index.html").read_text("utf-8")
    return re.findall(r'<tr id="(79-[^"]+)"', html), html


def test_numbered_anchors_never_repeat_one_and_keep_clear_of_the_page_s_own():
    """'x', 'x', 'x-2' gave 'x-2' twice (two elements of one id: a link opens the first); an anchor the page
    holds itself is never given to a row."""
    assert numbered(["x", "x", "x-2"]) == ["x", "x-2", "x-2-2"]
    assert numbered(["moi-nhat", "a", "a"], taken=("moi-nhat",)) == ["moi-nhat-2", "a", "a-2"]
    assert numbered([]) == []
