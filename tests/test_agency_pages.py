"""An agency's page, built from the small project and a small indices package: its latest index results show
what the index page shows of them."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from conftest import ROOT, Package, Resource, make_project, settings_for
from test_site_safety import texts

from generator import pipeline
from generator.cli import main
from generator.core.locale import locale

# A worked-out rank whose note, saying how, carries markup: it is text on the page, never markup.
NOTE_VI = "Hạng <b>2</b> & cuối: tính ra từ số đơn vị được xếp hạng"
NOTE_EN = "Rank <b>2</b> & last: worked out from the number ranked"
INDICES = Package("chi-so", (
    Resource("indices", ("index_code:string", "name_vi:string", "name_en:string", "score_unit:string"),
             schema_extra="primaryKey: [index_code]", rows="DEPT,Chỉ số sở,Department index,/100\n"),
    Resource("results", ("index_code:string", "year:integer", "unit_type:string", "unit_code:string",
                         "unit_name:string", "component:string", "score:number", "rank:integer", "rank_of:integer",
                         "group_vi:string", "group_en:string", "flags:string", "source_id:string", "note_vi:string",
                         "note_en:string"),
             rows=(f'DEPT,2021,agency,SNV,Sở Nội vụ,total,75,2,2,,,,seed,,\n'
                   f'DEPT,2023,agency,SNV,Sở Nội vụ,total,80,1,2,,,,seed,,\n'
                   # honoured, with no score: the index is only inferred (as DDCI 2024 in the real data)
                   f'DEPT,2024,agency,SNV,Sở Nội vụ,total,,,,được vinh danh,honoured,inferred,seed,,\n'
                   f'DEPT,2023,agency,STC,Sở Tài chính,total,70,2,2,,,derived,seed,"{NOTE_VI}","{NOTE_EN}"\n'
                   # a later row that states nothing at all: only that it exists, and that is inferred
                   f'DEPT,2024,agency,STC,Sở Tài chính,total,,,,,,inferred,seed,,\n'))),
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


def results_rows(html: str, label: str) -> list[list[str]]:
    """The cells of each row of an agency page's index results table (``label`` names its region), without the
    source's: the row's header first."""
    table = html[html.index(f'aria-label="{label}"'):]
    rows = table[:table.index("</table>")].split("<tr")[1:]
    return [[*(found := texts("<tr" + row, "th", "td")).get("th", []), *found.get("td", [])][:-1] for row in rows]


def test_a_later_row_without_a_score_is_shown_with_its_group_beside_the_latest_score(site):
    """DDCI 2024 named four agencies "honoured", with no score or rank: the agency's page showed that row alone
    as "the latest result" ("no figure found | – inferred") and hid their 2022 scores (two had ranked first). Now
    each index's latest year with a score or a rank, and the later row with what is known of it (its group, with
    its flag), latest first. A flag stands beside what it qualifies, never beside an empty cell: a row that
    states nothing has it beside its year; the table has a group column when a row has a group."""
    for language, label, index, gap, inferred, honoured, group in (
            ("", "Kết quả các chỉ số", "Chỉ số sở", "không tìm thấy số liệu", "suy đoán", "được vinh danh", "Nhóm"),
            ("en", "Index results", "Department index", "no figure found", "inferred", "honoured", "Group")):
        pages = {code: (site / language / "co-quan" / code / "index.html").read_text("utf-8")
                 for code in ("snv", "stc")}
        snv = results_rows(pages["snv"], label)
        assert snv[0][4] == group
        assert snv[1:] == [[index, "2024", gap, "–", f"{honoured} {inferred}"], [index, "2023", "80/100", "1/2", "–"]]
        stc = results_rows(pages["stc"], label)
        assert len(stc[0]) == 4  # no group column: no row has one
        assert [row[:4] for row in stc[1:]] == [[index, f"2024 {inferred}", gap, "–"],
                                                [index, "2023", "70/100", stc[2][3]]]  # the derived rank: above


KNOWN_EMPTY = """
id: GS-2024-09-01-Q8
date: 2024-09-01
body_vi: Đoàn giám sát
body_en: Supervision delegation
form: giam_sat_chuyen_de
agencies: [Q8]
topic_vi: Cải cách hành chính
topic_en: Administrative reform
sources: [seed]
recommendations: []
issues: []
"""


def agency_pages(datasets: Path, lang: str) -> dict[str, str]:
    """The agency pages' Markdown (front matter first), by agency code."""
    from conftest import settings_for

    from generator import pipeline

    pages = pipeline.run(settings_for(datasets), langs=(lang,)).outputs[lang].pages
    return {page.uri.removeprefix("co-quan/").removesuffix(".md"): page.text() for page in pages
            if page.uri.startswith("co-quan/")}


def description(page: str) -> str:
    return re.search(r'^description: "?(.*?)"?$', page, re.M).group(1)


def section(page: str, lang: str, heading: str, end: str) -> str:
    """The page's text from the heading ``heading`` (a UI string's key) to the heading ``end``."""
    words = locale(lang)
    return page[page.index(words.t(heading)):page.index(words.t(end))]


def test_an_agency_no_session_in_the_data_supervised_is_not_said_to_have_had_nothing_addressed_to_it(tmp_path):
    """An agency that no session file names (57 of the city's 61: the data does not hold every session, NOTES.md
    §4.10) was described "0 conclusions, recommendations and issues raised" and "None." under its sessions and
    its conclusions: a zero the data cannot give. It now says the data has no session that supervised it; an
    agency supervised at a session whose lists are known to be empty keeps its "0", and one supervised only at a
    planned session says so."""
    from conftest import write

    datasets = make_project(tmp_path / "datasets")
    agencies = datasets / "co-quan" / "data" / "agencies.csv"
    agencies.write_text(agencies.read_text("utf-8") + "SKHCN,Sở Khoa học và Công nghệ,Department of Science,seed\n"
                        "Q8,Quận 8,District 8,seed\nSMOI,Sở Mới,New Department,seed\n", "utf-8")
    sessions = datasets / "giam-sat" / "sessions"
    write(sessions / "2024-09-01-q8.yaml", KNOWN_EMPTY)
    write(sessions / "2099-01-01-smoi.yaml", KNOWN_EMPTY.replace("2024-09-01", "2099-01-01").replace("Q8", "SMOI")
          + "planned: true\n")
    for lang, none, zero in (("vi", "Không có.", "0 kết luận, kiến nghị và vấn đề được nêu"),
                             ("en", "None.", "0 conclusions, recommendations and issues raised")):
        words, pages = locale(lang), agency_pages(datasets, lang)
        skhcn, q8, smoi = pages["skhcn"], pages["q8"], pages["smoi"]
        assert description(skhcn) == words.t("agency.unlisted.no_session")  # (the fixture's agencies have no type)
        assert words.t("agency.sessions_none") in section(skhcn, lang, "agency.sessions", "agency.recommendations")
        assert words.t("agency.items_unlisted.no_session") in section(skhcn, lang, "agency.recommendations",
                                                             "agency.results")
        assert none not in section(skhcn, lang, "agency.sessions", "agency.results")
        # a session whose lists are known to be empty: nothing was addressed to District 8 there
        assert description(q8) == zero and none in section(q8, lang, "agency.recommendations", "agency.results")
        # a session still to come has said nothing yet
        assert description(smoi) == words.t("agency.unlisted.planned_only")
        assert words.t("agency.items_unlisted.planned_only") in section(smoi, lang, "agency.recommendations",
                                                               "agency.results")
        assert description(pages["snv"]).startswith("2 ")  # what was addressed to it, as before


def test_an_agency_with_no_index_result_in_the_data_is_not_said_to_have_none():
    """The city's 2021 index ranked 26 departments, but results.csv holds 15 of them (the sources published no
    more): "Index results: None." for Binh Chanh or the Department of Construction claimed what the data cannot
    say. The section says the data holds none yet, as a gap, in both languages; an agency with a result lists it
    as before."""
    for lang in ("vi", "en"):
        words, pages = locale(lang), agency_pages(ROOT / "datasets", lang)
        heading = "## " + words.t("agency.results")
        results = {code: page[page.index(heading):] for code, page in pages.items() if heading in page}
        without = [code for code, text in results.items() if words.t("agency.results_none") in text]
        with_results = [code for code, text in results.items() if "<table" in text]
        assert "h-binhchanh" in without and "h-cangio" in with_results and not set(without) & set(with_results)
        for code in without:
            assert words.t("supervision.none") not in results[code]
            assert f'<p class="mb-gap">{words.t("agency.results_none")}</p>' in results[code]


@functools.cache
def real_pages(lang: str) -> dict[str, str]:
    """The real datasets' pages in ``lang`` (Markdown by URI), without drawing the charts."""
    settings = settings_for(ROOT / "datasets")
    output = pipeline.publish(pipeline.prepare(pipeline.check(settings), settings), locale(lang))
    return {page.uri: page.text() for page in output.pages}


def test_an_open_end_of_an_agency_s_existence_is_said_in_words_not_as_a_second_dash():
    """District 1 has only ``valid_to`` (the district level ended on 30/6/2025) and Thủ Dầu Một ward only
    ``valid_from``: their pages said "– – 30/06/2025" and "01/07/2025 – –" (maint7 #4)."""
    for lang, until, since in (("vi", "đến 30/06/2025", "từ 01/07/2025"),
                               ("en", "until 30 Jun 2025", "since 1 Jul 2025")):
        words, pages = locale(lang), real_pages(lang)
        valid = f"<dt>{words.t('agency.valid')}</dt><dd>"
        assert f"{valid}{until}</dd>" in pages["co-quan/q1.md"]
        assert f"{valid}{since}</dd>" in pages["co-quan/p-thudaumot.md"]
        assert not [uri for uri, page in pages.items() if uri.startswith("co-quan/") and "– –" in page]


def test_the_english_column_labels_say_what_the_vietnamese_say():
    """The agency page's index results were headed "Indicators" (the indicators section's title; vi "Chỉ số": the
    column lists indices) and the agencies' and indices' lists "Title" (vi "Tên", a name; facts7 #7)."""
    headers = {}
    for lang in ("vi", "en"):
        pages = real_pages(lang)
        headers[lang] = [texts(pages[uri], "th")["th"][0] for uri in ("co-quan/index.md", "chi-so/index.md")]
        results = pages["co-quan/snv.md"]
        headers[lang].append(texts(results[results.index("## " + locale(lang).t("agency.results")):], "th")["th"][0])
    assert headers == {"vi": ["Tên", "Tên", "Chỉ số"], "en": ["Name", "Name", "Index"]}
