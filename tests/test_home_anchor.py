"""The home page's headline indicator is anchored as its index's page is addressed: the slug of the index's code
(urls.indicator_uri), the same whichever year is the latest ('#par-index'); the ids it had with a year
('#par-index-2023') stay and lead to it, so a link made before a later year was published still lands on the block.
The template wrote the code in lower case: 'PAR_INDEX' gave '#par_index-2023' beside the page chi-so/par-index/, and
a code with a space or diacritics ('Chỉ số CCHC') an id with spaces, which HTML does not allow and no link can open.
The block heads with the row the index's page heads with: of two sources of the latest year, the higher tier's."""

from __future__ import annotations

import re

from conftest import Package, Resource, make_project, settings_for
from test_build import build

from generator import urls
from generator.core.datasets import load_datasets
from generator.indicators import pages
from generator.indicators.feature import HEADLINE_INDEX, HomeIndicator
from generator.indicators.model import load_indicators


def _indices(code: str, extra: str = "") -> Package:
    return Package("chi-so", (
        Resource("indices", ("index_code:string", "name_vi:string", "name_en:string", "score_unit:string"),
                 path="data/indices.csv", rows=f"{code},Chỉ số CCHC,PAR Index,%\n"),
        Resource("results", ("index_code:string", "year:integer", "unit_type:string", "unit_code:string",
                             "unit_name:string", "component:string", "score:number", "rank:integer",
                             "rank_of:integer", "source_id:string", "flags:string"),
                 path="data/results.csv",
                 rows=(f"{code},2022,province,79,TP.HCM,total,84.70,36,63,seed,\n"
                       f"{code},2023,province,79,TP.HCM,total,86.97,33,63,seed,\n{extra}")),
    ), "x-minhbach: {role: indices, focus_unit: '79'}")


def _home_indicator(datasets, code: str) -> HomeIndicator:
    indicators = load_indicators(load_datasets(settings_for(datasets)))
    index = indicators.index(code)
    return HomeIndicator(index, pages.headline(index, indicators.focus_unit), indicators.focus_name, None)


def test_the_home_pages_headline_is_anchored_by_the_slug_of_its_indexs_code(tmp_path):
    datasets = make_project(tmp_path / "datasets")
    _indices(HEADLINE_INDEX).write(datasets)
    out = tmp_path / "site"
    assert build(datasets, out, "--jobs", "1") == 0
    stem = urls.indicator_uri(HEADLINE_INDEX).removeprefix(f"{urls.INDICATORS_DIR}/").removesuffix(".md")
    assert stem == "par-index"
    for home in (out / "index.html", out / "en" / "index.html"):
        html = home.read_text("utf-8")
        ids = re.findall(r'\bid="([^"]+)"', html)
        assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
        block = re.search(r'<div class="mb-headline mb-home-indicator" id="([^"]+)">\s*'
                          r'((?:<span id="[^"]+"></span>)*)\s*<p><a href="([^"]+)"', html)
        assert block.groups()[0] == stem
        assert re.findall(r'id="([^"]+)"', block.groups()[1]) == [f"{stem}-2022", f"{stem}-2023"]
        assert block.groups()[2].rstrip("/").endswith(f"chi-so/{stem}")  # the index's page: the same slug


def test_a_code_with_spaces_and_diacritics_gives_an_anchor_of_its_slug(tmp_path):
    datasets = make_project(tmp_path / "datasets")
    _indices("Chỉ số CCHC").write(datasets)
    found = _home_indicator(datasets, "Chỉ số CCHC")
    assert found.anchors == ("chi-so-cchc", ["chi-so-cchc-2022", "chi-so-cchc-2023"])
    assert urls.indicator_uri("Chỉ số CCHC") == f"{urls.INDICATORS_DIR}/chi-so-cchc.md"


def test_a_later_year_keeps_the_blocks_id_and_the_earlier_ones(tmp_path):
    datasets = make_project(tmp_path / "datasets")
    _indices(HEADLINE_INDEX, f"{HEADLINE_INDEX},2024,province,79,TP.HCM,total,88.10,20,63,seed,\n").write(datasets)
    assert _home_indicator(datasets, HEADLINE_INDEX).anchors == (
        "par-index", ["par-index-2022", "par-index-2023", "par-index-2024"])


def test_the_home_block_takes_the_row_of_the_higher_source_tier_as_the_index_page_does(tmp_path):
    datasets = make_project(tmp_path / "datasets")
    sources = datasets / "nguon" / "data" / "sources.csv"
    sources.write_text(sources.read_text("utf-8") + "apress,https://press.example/par,A Press,press\n", "utf-8")
    # the press's row sorts first by its source id; the official one ('seed') is the index page's headline
    _indices(HEADLINE_INDEX, f"{HEADLINE_INDEX},2023,province,79,TP.HCM,total,86.90,34,63,apress,\n").write(datasets)
    out = tmp_path / "site"
    assert build(datasets, out, "--jobs", "1") == 0
    for home, index_page in ((out / "index.html", out / "chi-so" / "par-index" / "index.html"),
                             (out / "en" / "index.html", out / "en" / "chi-so" / "par-index" / "index.html")):
        value = re.search(r'<p class="mb-headline-value">([^<]+)</p>', home.read_text("utf-8")).group(1)
        assert "33/63" in value and ("86,97" in value or "86.97" in value), value
        assert "34/63" not in value
        assert "33/63" in index_page.read_text("utf-8")
