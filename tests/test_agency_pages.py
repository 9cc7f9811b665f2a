"""An agency's page, built from the small project and a small indices package: its latest index results show
what the index page shows of them."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, Package, Resource, make_project
from test_site_safety import texts

from generator.cli import main

# A worked-out rank whose note, saying how, carries markup: it is text on the page, never markup.
NOTE_VI = "Hạng <b>2</b> & cuối: tính ra từ số đơn vị được xếp hạng"
NOTE_EN = "Rank <b>2</b> & last: worked out from the number ranked"
INDICES = Package("chi-so", (
    Resource("indices", ("index_code:string", "name_vi:string", "name_en:string", "score_unit:string"),
             schema_extra="primaryKey: [index_code]", rows="DEPT,Chỉ số sở,Department index,/100\n"),
    Resource("results", ("index_code:string", "year:integer", "unit_type:string", "unit_code:string",
                         "unit_name:string", "component:string", "score:number", "rank:integer", "rank_of:integer",
                         "flags:string", "source_id:string", "note_vi:string", "note_en:string"),
             rows=(f'DEPT,2023,agency,SNV,Sở Nội vụ,total,80,1,2,,seed,,\n'
                   f'DEPT,2023,agency,STC,Sở Tài chính,total,70,2,2,derived,seed,"{NOTE_VI}","{NOTE_EN}"\n'))),
    "title: Chỉ số\nx-minhbach: {role: indices}")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("agencies")
    datasets = make_project(root / "datasets")
    INDICES.write(datasets)
    assert main(["build", "--datasets", str(datasets), "--out", str(root / "site"), "--config",
                 str(ROOT / "mkdocs.yml"), "--cache-dir", str(root / "cache"), "--build-date", "2026-11-26",
                 "--jobs", "1"]) == 0
    return root / "site"


def test_a_derived_result_says_how_it_was_worked_out_beside_its_flag(site):
    """The index page shows a derived rank's note ("rank 26 is derived from the number of ranked units"); the
    agency's page showed only "worked out", never how. Beside the flag, in the page's language, as text."""
    for language, flag, note, other in (("", "tính ra, không phải số được nêu trực tiếp", NOTE_VI, NOTE_EN),
                                        ("en", "worked out, not stated as such", NOTE_EN, NOTE_VI)):
        html = (site / language / "co-quan" / "stc" / "index.html").read_text("utf-8")
        assert [cell for cell in texts(html, "td")["td"] if cell.startswith("2/2")] == [f"2/2 {flag} ({note})"]
        assert "<b>2</b>" not in html and other not in html
        # a result that is not derived has no note to show, and no brackets
        snv = (site / language / "co-quan" / "snv" / "index.html").read_text("utf-8")
        assert [cell for cell in texts(snv, "td")["td"] if cell.startswith("1/2")] == ["1/2"]
