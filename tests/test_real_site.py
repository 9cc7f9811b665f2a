"""The real HCMC datasets: a strict MkDocs build and the facts the site must show."""

import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from test_build import broken_links

from generator.core.datasets import load_datasets
from generator.core.settings import Settings

SESSION = "gs-2024-06-11-cchc"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("real") / "site"
    env = {**os.environ, "MINHBACH_BUILD_DATE": "2026-11-26", "NO_MKDOCS_2_WARNING": "1"}
    for config, site_dir in (("mkdocs.yml", out), ("mkdocs.en.yml", out / "en")):
        run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", config,
                              "-d", str(site_dir)], cwd=ROOT, env=env, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
    return out


def page(site: Path, *parts: str) -> str:
    return (site.joinpath(*parts) / "index.html").read_text("utf-8")


def test_the_11_june_2024_session_shows_eight_conclusions_and_five_issues(site):
    html = page(site, "giam-sat", SESSION)
    items = re.findall(r'<div class="mb-item" id="(k\d\d|y\d\d)">', html)
    assert sorted(i for i in items if i.startswith("k")) == [f"k{n:02d}" for n in range(1, 9)]
    assert sorted(i for i in items if i.startswith("y")) == [f"y{n:02d}" for n in range(1, 6)]


def test_statuses_are_honest(site):
    html = page(site, "giam-sat", SESSION)
    blocks = dict(re.findall(r'<div class="mb-item" id="([ky]\d\d)">(.*?)</div>', html, re.S))
    inferred = {key for key, block in blocks.items() if "mb-flag-inferred" in block.split("mb-item-text")[0]}
    assert inferred == {"k01", "k05"}
    for key in ("k01", "k05"):
        assert "sggp.org.vn" in blocks[key] or "laodong.vn" in blocks[key]
    no_information = {key for key, block in blocks.items() if "mb-status-chua_co_thong_tin" in block}
    assert no_information == set(blocks) - {"k01", "k05"}


def test_agency_pages_for_the_three_supervised_departments(site):
    for code, name in (("snv", "Sở Nội vụ"), ("stc", "Sở Tài chính"), ("stttt", "Sở Thông tin và Truyền thông")):
        html = page(site, "co-quan", code)
        assert name in html
        assert f"giam-sat/{SESSION}/" in html


def test_every_resource_downloads_as_its_source_rows(site):
    datasets = load_datasets(Settings(datasets_dir=ROOT / "datasets", root=ROOT))
    assert datasets.problems == [] or not any(p.is_error for p in datasets.problems)
    checked = 0
    for package in datasets.packages:
        for table in package.tables:
            published = site / "tai-ve" / package.name / f"{table.name}.csv"
            rows = list(csv.reader(io.StringIO(published.read_text("utf-8"))))
            assert rows == list(csv.reader(io.StringIO(table.path.read_text("utf-8-sig")))), published
            checked += 1
    assert checked >= 10


def test_par_rank_chart_is_an_svg_with_alt_text(site):
    html = page(site, "chi-so", "par-index")
    alt = re.search(r'<img src="([^"]+\.svg)" alt="([^"]+)"', html)
    assert alt and "43" in alt.group(2) and "2021" in alt.group(2)
    assert (site / "chi-so" / "par-index" / alt.group(1)).resolve().read_bytes().startswith(b"<?xml")


def test_every_chart_keeps_its_room_on_the_page_before_it_loads(site):
    """A chart's <img> states the size its SVG has (a point is 4/3 of a CSS pixel): without it a page grew under
    its reader as the charts came in, and a phone's measure of a page depended on which had loaded. Every chart
    of every page and embed page, in both languages."""
    sized, unsized = 0, []
    for html_file in site.rglob("*.html"):
        html = html_file.read_text("utf-8")
        unsized += re.findall(r'<img src="([^"]+\.svg)"(?![^>]* height="\d+")', html)
        for src, width, height in re.findall(r'<img src="([^"]+\.svg)" alt="[^"]*" width="(\d+)" height="(\d+)"',
                                             html):
            svg = (html_file.parent / src).resolve().read_text("utf-8")[:1000]
            points = re.search(r'<svg[^>]* width="([\d.]+)pt" height="([\d.]+)pt"', svg)
            assert points, src
            stated = tuple(round(float(value) * 4 / 3) for value in points.groups())
            assert (int(width), int(height)) == stated, (html_file, src)
            sized += 1
    assert unsized == [] and sized > 50  # 66 chart images in the real data's pages and embed pages


def test_every_chart_names_its_sources_under_it_on_its_embed_page_and_in_its_csv(site):
    """Every number on the site is traceable to its source: five charts (the three score charts, the two of
    recommendations) had no source column in their CSV, so their embed pages and figures cited nothing, in silence.
    Every chart of the real data rests on cited rows: each CSV names a source, each figure on a page and each embed
    page links at least one, in both languages. A new chart whose CSV has no source column fails here."""
    csvs = sorted(site.glob("assets/charts/*.csv")) + sorted(site.glob("en/assets/charts/*.csv"))
    for path in csvs:
        header, *rows = list(csv.reader(io.StringIO(path.read_text("utf-8"))))
        columns = [i for i, name in enumerate(header) if name == "source_id" or name.endswith("_source_id")]
        assert any(row[i].strip() for row in rows for i in columns), path.name
    figures, embeds = 0, 0
    for html_file in sorted(site.rglob("*.html")):
        html = html_file.read_text("utf-8")
        for slug, figure in re.findall(r'<figure class="mb-chart" id="([^"]+)">(.*?)</figure>', html, re.S):
            cited = re.search(r'<span class="mb-chart-sources">(?:Nguồn|Sources): (.*?)</span><br>', figure, re.S)
            assert cited and 'class="mb-source' in cited.group(1), (html_file, slug)
            figures += 1
        if html_file.parent.parent.name == "nhung":
            cited = re.search(r'<p class="mb-embed-sources">(?:Nguồn|Sources): (.*?)</p>', html, re.S)
            assert cited and 'class="mb-source' in cited.group(1), html_file
            embeds += 1
    assert min(len(csvs), figures, embeds) >= 32  # 16 charts of the real data, each in two languages
    # the home page's small chart too: the headline's line after it names only the latest result's (new8a N4)
    for home in (site / "index.html", site / "en" / "index.html"):
        small = re.findall(r'<figure class="mb-chart mb-chart-small">(.*?)</figure>', home.read_text("utf-8"), re.S)
        assert small and all('<span class="mb-chart-sources">' in figure for figure in small), home


def test_an_index_page_lists_its_summary_figures_and_the_2018_dispute_in_both_languages(site):
    """national_summary's rows beyond the averages were published in the downloads only (fact-check, round 7)."""
    for lang, parts, number, heading in (("vi", ("chi-so", "sipas"), "39.700", "Các nguồn không thống nhất"),
                                         ("en", ("en", "chi-so", "sipas"), "39,700", "Where sources disagree")):
        html = page(site, *parts)
        table = html[html.index('id="so-lieu-chung"'):]
        assert number in table[:table.index("</table>")], lang
        assert heading not in html, lang  # SIPAS has no disputed figure
    par = page(site, "chi-so", "par-index")
    disputes = par[par.index('id="cac-nguon-khong-thong-nhat"'):]
    disputes = re.sub(r"<[^>]+>", "", disputes[:disputes.index("</ul>")])
    assert "63 tỉnh, thành 2018 – Số địa phương nhóm A (từ 80 điểm): 9 (" in disputes
    assert "Số địa phương trên 80 điểm: 29 (" in disputes


def test_links_resolve(site):
    assert broken_links(site) == []


def test_indicator_pages_cite_themselves(site):
    html = page(site, "chi-so", "par-index")
    cite = re.sub(r"<[^>]+>", "", re.search(r'<p class="mb-cite">(.*?)</p>', html).group(1))
    assert "Chỉ số cải cách hành chính (PAR Index)" in cite and cite.rstrip().endswith("chi-so/par-index/")
    assert "@misc{minhbach-chi-so-" in html and 'id="trich-dan"' in html


def test_pages_carry_no_indentation_but_preformatted_text_keeps_its_own(site):
    """The theme's indentation is taken out of every page (~5 KB of 40; generator/mkdocs/compact.py); a BibTeX
    entry in <pre> keeps its two-space fields, and an inline script its lines."""
    kept = re.compile(r"<(pre|textarea|script|style)\b.*?</\1>", re.S | re.I)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    assert site / "404.html" in pages  # a theme template (on_post_template), compacted too
    for path in pages:
        text = kept.sub("<kept>", path.read_text("utf-8"))
        assert not re.search(r"\n[ \t]|[ \t]\n|\n\n", text), path
    html = page(site, "chi-so", "par-index")
    assert re.search(r"<pre><code>@misc\{minhbach-chi-so-[^\n]*,\n  author = \{", html)


def test_data_tables_are_on_the_page_but_not_in_the_search_index(site):
    """Raw regions (core.render.output.Page) skip Markdown and search: the table must still be in the HTML, each
    recommendation must stay findable on its session page, and the agency's copy of it must not be indexed."""
    import json

    from generator.core.render.raw import RAW_START

    agency = page(site, "co-quan", "snv")
    assert 'aria-label="Kiến nghị gửi tới cơ quan"' in agency
    assert "<!--mb:raw" not in agency and "<!--mb:slot" not in agency and RAW_START not in agency
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    session_text = " ".join(d["text"] for d in index if d["location"].startswith(f"giam-sat/{SESSION}/"))
    agency_text = " ".join(d["text"] for d in index if d["location"].startswith("co-quan/snv/"))
    item = re.search(r'id="k01">.*?<p class="mb-item-text">(.*?)</p>', page(site, "giam-sat", SESSION), re.S)
    words = re.sub(r"<[^>]+>", "", item.group(1)).split()[:6]
    assert " ".join(words) in session_text and " ".join(words) not in agency_text
    assert " ".join(words) in re.sub(r"<[^>]+>", "", agency)


def test_raw_regions_go_back_where_they_were_and_a_lost_slot_is_an_error():
    from generator.core.render.raw import RawMarkers

    raw = RawMarkers()
    text = f"# T\n\n{raw.start}\n<table>1</table>\n{raw.end}\n\ntext\n{raw.start}<p>2</p>{raw.end}\n"
    content, blocks = raw.split(text)
    assert blocks == ["<table>1</table>", "<p>2</p>"] and "<table>" not in content
    assert raw.join(content, blocks).count("<table>1</table>") == 1
    with pytest.raises(ValueError):
        raw.join(content.replace(raw.slot(1), ""), blocks)
    with pytest.raises(ValueError):
        raw.split(f"{raw.start} never closed")
