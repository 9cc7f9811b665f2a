"""Anchors of index results on an index page cannot clash: only the focus unit's results are anchored (the
headline, ``#<unit>-<year>-total``, and each row of its history, that anchor and its source). Rows of one unit,
year and component from two sources, with different values, share ``Observation.anchor`` and are told apart by
their source; the headline's ends in the component, a row's in its source. Other units' results are not
anchored, so slugs that fold two unit codes into one ('HCM', 'hcm') give no id at all."""

from __future__ import annotations

import re

from conftest import Package, Resource, make_project
from test_build import build

INDICES = Package("chi-so", (
    Resource("indices", ("index_code:string", "name_vi:string", "name_en:string", "score_unit:string"),
             path="data/indices.csv", rows="PAR_INDEX,Chỉ số CCHC,PAR Index,%\n"),
    Resource("results", ("index_code:string", "year:integer", "unit_type:string", "unit_code:string",
                         "unit_name:string", "component:string", "score:number", "rank:integer", "rank_of:integer",
                         "source_id:string", "flags:string"),
             path="data/results.csv",
             rows=("PAR_INDEX,2022,province,79,TP.HCM,total,84.70,36,63,seed,\n"
                   "PAR_INDEX,2023,province,79,TP.HCM,total,86.97,33,63,seed,conflicting\n"
                   "PAR_INDEX,2023,province,79,TP.HCM,total,86.10,34,63,sggp,conflicting\n"  # one slug, other values
                   "PAR_INDEX,2023,province,79,TP.HCM,Tổng,50,,,seed,\n"  # a component whose slug is another's
                   "PAR_INDEX,2023,province,HCM,A,total,80,5,63,seed,\n"
                   "PAR_INDEX,2023,province,hcm,B,total,81,4,63,seed,\n")),
), "x-minhbach: {role: indices, focus_unit: '79'}")


def test_the_anchors_of_an_index_page_are_each_one_result(tmp_path):
    datasets = make_project(tmp_path / "datasets")
    INDICES.write(datasets)
    out = tmp_path / "site"
    assert build(datasets, out, "--jobs", "1") == 0
    for page in (out / "chi-so" / "par-index" / "index.html", out / "en" / "chi-so" / "par-index" / "index.html"):
        html = page.read_text("utf-8")
        ids = re.findall(r'\bid="([^"]+)"', html)
        assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
        assert "79-2023-total" in ids  # the headline: the latest result
        rows = [i for i in ids if i.startswith("79-")]
        assert rows == ["79-2023-total", "79-2022-total-seed", "79-2023-total-seed", "79-2023-total-sggp"], rows
        assert not [i for i in ids if i.startswith("hcm-")]


def test_a_row_keeps_its_anchor_when_an_earlier_year_is_added(tmp_path):
    """A history row's id held its place in the table: a year filled in before it moved every later row's link."""
    datasets = make_project(tmp_path / "datasets")
    INDICES.write(datasets)
    results = datasets / "chi-so" / "data" / "results.csv"
    before = _history_ids(datasets, tmp_path / "before")
    with results.open("a", encoding="utf-8") as file:
        file.write("PAR_INDEX,2020,province,79,TP.HCM,total,80.10,40,63,seed,\n")
    after = _history_ids(datasets, tmp_path / "after")
    assert after == ["79-2020-total-seed", *before]


def _history_ids(datasets, out) -> list[str]:
    assert build(datasets, out, "--jobs", "1") == 0
    html = (out / "chi-so" / "par-index" / "index.html").read_text("utf-8")
    return re.findall(r'<tr id="(79-[^"]+)"', html)
