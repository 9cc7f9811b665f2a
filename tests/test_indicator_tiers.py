"""An indicator's chart built from real files: of two rows of one scope, kind and year, it draws the one whose
source the sources table ranks higher (its ``tier``), as the index charts do (49a5e5e), and its caption names both
values with their tiers; it drew the first row of the file, whatever its source."""

from __future__ import annotations

import html
import re
from pathlib import Path

from conftest import Package, Resource, make_project
from test_build import build
from test_indicator_sources import INDICES  # the indicators' pages come with an index package

INDICATORS = Package("hanh-chinh", (
    Resource("indicators", ("indicator_code:string", "name_vi:string", "name_en:string", "unit_vi:string",
                            "unit_en:string"),
             path="data/indicators.csv", rows="dung-han,Tỷ lệ hồ sơ đúng hạn,Dossiers on time,%,%\n"),
    Resource("observations", ("indicator_code:string", "period:string", "period_start:date", "period_end:date",
                              "scope_vi:string", "scope_en:string", "value:number", "unit_vi:string", "unit_en:string",
                              "kind:string", "source_id:string"),
             path="data/observations.csv",
             rows=("dung-han,2022,2022-01-01,2022-12-31,TP.HCM,HCMC,97.5,%,%,actual,seed\n"
                   "dung-han,2023,2023-01-01,2023-12-31,TP.HCM,HCMC,98.1,%,%,actual,apress\n"  # first in the file
                   "dung-han,2023,2023-01-01,2023-12-31,TP.HCM,HCMC,98.4,%,%,actual,seed\n")),
), "x-minhbach: {role: indicators}")


def built_with_a_press_source(tmp_path: Path) -> Path:
    """The site of the test project with ``INDICATORS``, whose rows cite the seed and a press source ("apress",
    which sorts before "seed"): the folder built."""
    datasets = make_project(tmp_path / "datasets")
    sources = datasets / "nguon" / "data" / "sources.csv"
    sources.write_text(sources.read_text("utf-8") + "apress,https://press.example/x,A Press,press\n", "utf-8")
    INDICES.write(datasets)
    INDICATORS.write(datasets)
    out = tmp_path / "site"
    assert build(datasets, out, "--jobs", "1") == 0
    return out


def test_the_higher_tier_is_drawn_and_the_caption_names_the_other(tmp_path):
    out = built_with_a_press_source(tmp_path)
    chart = (out / "assets" / "charts" / "dung-han-vi.csv").read_text("utf-8")
    assert "TP.HCM (thực tế),2023,98.4," in chart and "98.1" not in chart
    page = html.unescape((out / "chi-so" / "dung-han" / "index.html").read_text("utf-8"))
    text = re.sub(r"<[^>]+>", "", page)
    assert ("Các nguồn không thống nhất về TP.HCM (thực tế) năm 2023: biểu đồ vẽ 98,4% (nguồn chính thức), nguồn "
            "khác ghi 98,1% (nguồn báo chí).") in text
    assert 'alt="Biểu đồ đường theo năm.' in page and "nguồn khác ghi 98,1% (nguồn báo chí).\"" in page
    english = html.unescape((out / "en" / "chi-so" / "dung-han" / "index.html").read_text("utf-8"))
    assert ("Sources disagree on HCMC (actual figure) 2023: the chart draws 98.4% (official source); another source "
            "gives 98.1% (press source).") in english
