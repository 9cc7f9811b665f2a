"""An index page built from real files: where two sources give one province's score, the chart draws the one
whose source the sources table ranks higher (its ``tier``), says so with both values, and is made again when a
tier is edited; the headline's change says the flag of the value it compares with (fact-check round 3, #6, #8)."""

from __future__ import annotations

import html
import re

from conftest import Package, Resource, make_project
from test_build import build
from test_index_anchors import par_index

INDICES = par_index("PAR_INDEX,2022,province,79,TP.HCM,total,84.70,36,63,sggp,inferred\n"
                    "PAR_INDEX,2023,province,79,TP.HCM,total,86.97,33,63,sggp,\n"
                    "PAR_INDEX,2023,province,22,Quảng Ninh,total,92.18,1,63,seed,\n"
                    "PAR_INDEX,2023,province,31,Hải Phòng,total,91.81,2,63,apress,conflicting\n"  # sorts first
                    "PAR_INDEX,2023,province,31,Hải Phòng,total,91.87,2,63,seed,conflicting\n"
                    "PAR_INDEX,2023,province,89,An Giang,total,81.32,63,63,sggp,\n")


def _page_and_chart(out) -> tuple[str, str]:
    page = html.unescape((out / "chi-so" / "par-index" / "index.html").read_text("utf-8"))
    chart = (out / "assets" / "charts" / "par-index-province-2023-bars-vi.csv").read_text("utf-8")
    return re.sub(r"<[^>]+>", "", page), chart


def test_the_official_source_is_drawn_and_a_tier_edited_makes_the_chart_again(tmp_path):
    datasets = make_project(tmp_path / "datasets")
    sources = datasets / "nguon" / "data" / "sources.csv"
    sources.write_text(sources.read_text("utf-8") + "apress,https://press.example/par,A Press,press\n", "utf-8")
    INDICES.write(datasets)
    out = tmp_path / "site"
    assert build(datasets, out, "--jobs", "1") == 0
    text, chart = _page_and_chart(out)
    assert "31,Hải Phòng,91.87,,2,63,conflicting,seed" in chart
    assert ("Các nguồn không thống nhất về Hải Phòng: biểu đồ vẽ 91,87% (nguồn chính thức), nguồn khác ghi 91,81% "
            "(nguồn báo chí).") in text
    assert "So với 2022 (giá trị năm 2022: suy đoán): tăng 3 bậc; +2,27 điểm phần trăm." in text
    english = html.unescape((out / "en" / "chi-so" / "par-index" / "index.html").read_text("utf-8"))
    assert ("Sources disagree on Hai Phong: the chart draws 91.87% (official source); another source gives 91.81% "
            "(press source).") in english
    assert "Compared with 2022 (the 2022 value: inferred): up 3 places; +2.27 percentage points." in english

    # the official source is now a mirror: the press's score is drawn, in the same output and cache
    sources.write_text(sources.read_text("utf-8").replace(",Thành ủy,official", ",Thành ủy,mirror"), "utf-8")
    assert build(datasets, out, "--jobs", "1") == 0
    text, chart = _page_and_chart(out)
    assert "31,Hải Phòng,91.81,,2,63,conflicting,apress" in chart
    assert ("Các nguồn không thống nhất về Hải Phòng: biểu đồ vẽ 91,81% (nguồn báo chí), nguồn khác ghi 91,87% "
            "(nguồn bản sao).") in text


def test_where_sources_disagree_says_what_each_source_gives_and_the_note_its_values_cannot_say(tmp_path):
    """Fact-check round 7, #4: the 2023 bottom place. A group ("bottom") against a score and a rank was listed as
    "81,87% / –", and a province flagged ``conflicting`` with one row (An Giang, last per the others) not at all."""
    note = ("VGP nêu Bình Thuận là thấp nhất; các nguồn khác xếp An Giang cuối.,"
            "VGP names Bình Thuận as the bottom; other sources put An Giang last.")  # note_vi,note_en
    indices, plain = par_index("").resources
    results = Resource(
        "results", (*plain.fields, "group_vi:string", "group_en:string", "note_vi:string", "note_en:string"),
        path="data/results.csv",
        rows=("PAR_INDEX,2023,province,79,TP.HCM,total,86.97,33,63,seed,,,,,\n"
              "PAR_INDEX,2023,province,60,Bình Thuận,total,81.87,61,63,sggp,,,,,\n"
              f"PAR_INDEX,2023,province,60,Bình Thuận,total,,,63,seed,conflicting,nhóm cuối,bottom,{note}\n"
              f"PAR_INDEX,2023,province,89,An Giang,total,81.32,63,63,sggp,conflicting,,,{note}\n"))
    datasets = make_project(tmp_path / "datasets")
    Package("chi-so", (indices, results), par_index("").extra).write(datasets)
    out = tmp_path / "site"
    assert build(datasets, out, "--jobs", "1") == 0
    text, _ = _page_and_chart(out)
    official = "Thành ủy (chỉ dẫn tới trang chủ; chưa biết địa chỉ chính xác của bài) chính thức"  # seed's link
    assert ("Bình Thuận 2023: 81,87% · hạng 61/63 (SGGP báo chí) / nhóm cuối (" + official + "). VGP nêu Bình "
            "Thuận là thấp nhất; các nguồn khác xếp An Giang cuối.") in text
    assert "An Giang 2023: 81,32% · hạng 63/63 (SGGP báo chí). VGP nêu Bình Thuận là thấp nhất" in text
    english = re.sub(r"<[^>]+>", "", html.unescape(
        (out / "en" / "chi-so" / "par-index" / "index.html").read_text("utf-8")))
    assert "Binh Thuan 2023: 81.87% · rank 61/63 (SGGP press) / bottom (Thành ủy (" in english
    assert "official). VGP names Bình Thuận as the bottom; other sources put An Giang last." in english
    assert "An Giang 2023: 81.32% · rank 63/63 (SGGP press). VGP names" in english
