import csv
import functools
import html
import io
import re
from datetime import date

from conftest import ROOT, SESSION, settings_for, write

from generator import pipeline
from generator.catalogue.downloads import csv_bytes
from generator.catalogue.model import Catalogue
from generator.core.locale import locale
from generator.core.render.links import relative_link
from generator.core.render.output import Output
from generator.core.text import Text
from generator.supervision.model import CLOSED_STATUSES, NO_INFORMATION, Item, StatusEntry, Supervision


def check(datasets):
    """(datasets, supervision model, problems) of a datasets folder."""
    checked = pipeline.check(settings_for(datasets))
    return checked.datasets, checked.model(Supervision), checked.problems


def catalogue(datasets):
    settings = settings_for(datasets)
    return pipeline.prepare(pipeline.check(settings), settings).models.get(Catalogue).datasets


def test_session_is_typed_with_statuses(project):
    _, supervision, problems = check(project)
    assert [p for p in problems if p.is_error] == []
    [session] = supervision.sessions
    assert session.date == date(2024, 6, 11)
    k01, k02 = session.recommendations
    assert k01.status == NO_INFORMATION and k01.current is None
    assert k02.status == "dinh_hoan" and k02.inferred and k02.current.evidence == "sggp"
    assert [i.id for i in session.issues] == ["GS-2024-06-11-TEST-Y01"]


def test_age_and_overdue_against_the_build_date(project):
    _, supervision, _ = check(project)
    [session] = supervision.sessions
    k01, k02 = session.recommendations
    assert session.elapsed(date(2026, 11, 26)) == ((date(2026, 11, 26) - date(2024, 6, 11)).days, "day") == (898, "day")
    assert k01.is_overdue(date(2025, 7, 1))  # due 30/6/2025, no information since
    assert not k01.is_overdue(date(2025, 6, 30))
    assert not k02.is_overdue(date(2030, 1, 1))  # no due date


def _late(status: str) -> Item:
    """A recommendation due 30/6/2025 whose latest status, dated after the due date, is ``status``."""
    entry = StatusEntry(date(2025, 9, 1), "day", status, (), "src", Text())
    return Item("recommendation", "K09", "GS", ("SNV",), Text("x"), "khac", date(2025, 6, 30), "src", (),
                Text(), (entry,))


def test_a_closed_recommendation_past_its_due_date_is_not_overdue():
    """Closed late is not overdue: only a recommendation still open after its due date is."""
    today = date(2026, 1, 1)
    assert {status: _late(status).is_overdue(today) for status in sorted(CLOSED_STATUSES | {"dang_thuc_hien"})} == {
        "da_thuc_hien": False, "dang_thuc_hien": True, "dinh_hoan": False, "khong_con_phu_hop": False}


def test_derived_csvs(project):
    catalogue_by_name = {d.name: d for d in catalogue(project)}
    resources = {r.name: r for r in catalogue_by_name["giam-sat"].resources}
    rows = list(csv.DictReader(io.StringIO(csv_bytes(resources["recommendations"]).decode())))
    assert [(r["item_id"], r["kind"], r["status"], r["overdue"]) for r in rows] == [
        ("GS-2024-06-11-TEST-K01", "recommendation", NO_INFORMATION, "true"),
        ("GS-2024-06-11-TEST-K02", "recommendation", "dinh_hoan", "false"),
        ("GS-2024-06-11-TEST-Y01", "issue", NO_INFORMATION, "false"),
    ]
    history = list(csv.DictReader(io.StringIO(csv_bytes(resources["status_history"]).decode())))
    assert [(h["item_id"], h["date"], h["flags"], h["evidence_source_id"]) for h in history] == [
        ("GS-2024-06-11-TEST-K02", "2024-12-01", "inferred", "sggp")]
    facts = list(csv.DictReader(io.StringIO(csv_bytes(resources["facts"]).decode())))
    assert facts[0]["value"] == "9/9" and facts[0]["agency_code"] == "SNV"


def broken(project, old, new):
    path = project / "giam-sat" / "sessions" / "2024-06-11-test.yaml"
    text = SESSION.lstrip("\n")
    assert old in text
    write(path, text.replace(old, new))
    return [(p.code, p.line, p.field) for p in check(project)[2] if p.path.endswith("test.yaml")]


def test_unknown_addressee_points_at_its_line_with_a_suggestion(project):
    found = broken(project, "addressees: [SNV, STC]", "addressees: [SNVV, STC]")
    assert found == [("unknown-reference", 19, "addressees")]
    problem = next(p for p in check(project)[2] if p.code == "unknown-reference")
    assert "SNV" in problem.hint("en")


def test_status_out_of_code_list(project):
    assert broken(project, "status: dinh_hoan", "status: xong") == [("unknown-reference", 29, "status")]


def test_a_code_written_with_a_space_is_one_error_where_it_is_written(project):
    """"SNV ," in agencies.csv: the right "SNV" of the session was an unknown-reference each time, told to add
    the space ("có phải 'SNV '?"); a new code written so with nothing citing it passed, and was published so."""
    agencies = project / "co-quan" / "data" / "agencies.csv"
    text = agencies.read_text("utf-8")
    agencies.write_text(text.replace("SNV,", "SNV ,") + "SXD2 ,Sở Xây dựng,Department of Construction,seed\n",
                        "utf-8")
    problems = check(project)[2]
    assert [(p.code, p.path.split("datasets/")[-1], p.line, p.column, p.field, p.params) for p in problems] == [
        ("surrounding-space", "co-quan/data/agencies.csv", 2, 1, "agency_code", (("bare", "SNV"), ("value", "SNV "))),
        ("surrounding-space", "co-quan/data/agencies.csv", 4, 1, "agency_code",
         (("bare", "SXD2"), ("value", "SXD2 ")))]
    assert problems[0].message("vi") == ("'SNV ' có khoảng trắng ở đầu hoặc cuối: trong một cột khóa, đó là một mã "
                                         "khác với 'SNV'")


def test_a_code_with_a_space_that_a_foreign_key_of_another_table_points_at_is_an_error_there(project):
    """The column a foreign key of another table of the package points at is a key column, though its own table
    declares no key: "a " there is reported where it is written, as the agencies' codes are."""
    agencies = project / "co-quan" / "datapackage.yaml"
    agencies.write_text(agencies.read_text("utf-8") + (
        "  - name: kinds\n    path: data/kinds.csv\n    schema:\n      fields:\n        - {name: k, type: string}\n"
        "  - name: typed\n    path: data/typed.csv\n    schema:\n      fields:\n        - {name: kind, type: string}\n"
        "      foreignKeys:\n        - {fields: kind, reference: {resource: kinds, fields: k}}\n"), "utf-8")
    write(project / "co-quan" / "data" / "kinds.csv", "k\na \nb\n")
    write(project / "co-quan" / "data" / "typed.csv", "kind\nb\n")
    assert [(p.code, p.path.split("datasets/")[-1], p.line, p.column, p.field) for p in check(project)[2]] == [
        ("surrounding-space", "co-quan/data/kinds.csv", 2, 1, "k")]
    # The right "a" is not in kinds to Frictionless: its error says so, and names the cell to delete the space in
    # (it was told "did you mean 'a'?", its own value, "or add a row with that value", a second "a").
    write(project / "co-quan" / "data" / "typed.csv", "kind\nb\na\n")
    problems = check(project)[2]
    assert [(p.code, p.path.split("datasets/")[-1], p.line, p.column, p.field) for p in problems] == [
        ("surrounding-space", "co-quan/data/kinds.csv", 2, 1, "k"),
        ("foreign-key", "co-quan/data/typed.csv", 3, 1, "kind")]
    assert problems[1].hint("en") == (
        f"this cell is right: the table co-quan/kinds writes 'a' only with blank space before or after it, at "
        f"{problems[0].path}:2; delete the space in that cell, not here")


def test_a_code_written_with_a_space_is_found_by_the_references_and_sessions_that_write_it_right(project):
    """A source written "seed " and an agency "SNV ": the agencies' x-minhbach.references to "seed" and the
    session's "SNV" are right, and only the spaced cells are errors (never an unknown-reference at the right side,
    nor a "did you mean" its own value)."""
    sources = project / "nguon" / "data" / "sources.csv"
    sources.write_text(sources.read_text("utf-8").replace("seed,", "seed ,"), "utf-8")
    agencies = project / "co-quan" / "data" / "agencies.csv"
    agencies.write_text(agencies.read_text("utf-8").replace("SNV,", "SNV ,"), "utf-8")
    assert [(p.code, p.path.split("datasets/")[-1], p.line) for p in check(project)[2]] == [
        ("surrounding-space", "co-quan/data/agencies.csv", 2), ("surrounding-space", "nguon/data/sources.csv", 2)]


def test_codes_into_a_table_that_could_not_be_read_are_not_checked_and_said_once(project):
    """The sources file saved as UTF-16: its encoding error, then one warning where the sessions are named and one
    where the agencies table declares its reference (both cite sources: at the table's file it had no line), never
    an unknown-reference with a false hint for each source a session or a row cites."""
    sources = project / "nguon" / "data" / "sources.csv"
    sources.write_text(sources.read_text("utf-8"), "utf-16")
    problems = check(project)[2]
    assert [(p.code, p.path.split("datasets/")[-1], p.line, p.column, p.field, p.params_dict().get("table"))
            for p in problems] == [
        ("unchecked-reference", "co-quan/datapackage.yaml", 16, 11, "source_id", "nguon/sources"),
        ("unchecked-reference", "giam-sat/datapackage.yaml", 3, 43, "sessions", "nguon/sources"),
        ("encoding", "nguon/data/sources.csv", 1, 1, None, None)]
    assert problems[1].params_dict()["target"] == "nguon/sources.source_id"
    assert problems[1].hint("en").startswith(f"first fix what stops {problems[2].path} from being read")


def test_a_status_written_in_words_is_told_the_short_list_and_the_code_its_label_names(project):
    """"status: done": the hint named the table only, though it has few codes, and no code is spelled like
    "done"; the list is named whole, and the code labelled "Done" suggested."""
    assert broken(project, "status: dinh_hoan", "status: done") == [("unknown-reference", 29, "status")]
    [found] = [p for p in check(project)[2] if p.code == "unknown-reference"]
    assert found.hint("vi") == ("dùng một mã có trong giam-sat/statuses.code: chua_co_thong_tin, da_thuc_hien, "
                                "dinh_hoan (có phải 'da_thuc_hien'?)")
    broken(project, "status: dinh_hoan", "status: Đình Hoãn")
    [found] = [p for p in check(project)[2] if p.code == "unknown-reference"]
    assert found.params_dict()["suggestion"] == "dinh_hoan"


def test_history_in_date_order(project):
    found = broken(project, "      - date: 2024-12-01\n", "      - date: 2024-12-01\n        status: da_thuc_hien\n"
                   "        note_vi: x\n        note_en: x\n      - date: 2024-11-01\n")
    assert ("history-order", 32, "date") in found


def test_status_change_needs_evidence_or_note(project):
    text = ("        evidence: sggp\n        note_vi: Suy ra từ quyết định chung\n"
            "        note_en: Inferred from a city-wide decision\n")
    assert broken(project, text, "") == [("status-without-evidence", 29, "status")]


def test_due_before_session_and_future_dates(project):
    assert broken(project, "due: 2025-06-30", "due: 2024-01-01") == [("date-before-session", 22, "due")]
    assert broken(project, "date: 2024-12-01", "date: 2027-01-01") == [("future-date", 28, "date")]


def test_invalid_date_is_a_problem_not_a_crash(project):
    assert broken(project, "due: 2025-06-30", "due: 2025-13-01") == [("invalid-value", 22, "due")]


def test_duplicate_item_id(project):
    assert broken(project, "  - id: K02", "  - id: K01") == [("duplicate-id", 23, "id")]


def test_missing_english_is_a_warning(project):
    found = broken(project, "    text_en: Public assets\n", "")
    assert found == [("missing-english", 38, "text_en")]
    assert not [p for p in check(project)[2] if p.is_error]


def test_overview_charts_count_what_the_tracker_lists(project):
    from generator.directory.model import load_directory
    from generator.supervision import charts

    datasets, supervision, _ = check(project)
    status = charts.by_status(supervision, locale("en"))
    # in the tracker's order (what is known first), an inferred status hatched and said so, as the tracker says it
    assert [(b.label, b.value, b.text, b.flagged) for b in status.bars] == [
        ("Suspended", 1.0, "1 (inferred)", True), ("No information", 2.0, "2", False)]
    assert status.summary == ("Of the 3 conclusions, recommendations and issues raised listed in the session files, "
                              "the most common status is No information (2). Of these, 1 with an inferred status: "
                              "inferred from a city-wide decision, not from a follow-up report.")
    assert status.csv_rows[0] == ("dinh_hoan", "Suspended", "1", "1", "seed", "sggp")
    assert charts.by_status(supervision, locale("vi")).bars[0].text == "1 (suy đoán)"
    assert status.alt.startswith("Horizontal bar chart: the number of conclusions") and "score" not in status.alt
    agency = charts.by_agency(supervision, load_directory(datasets), locale("vi"))
    assert [(b.label, b.value) for b in agency.bars] == [("Sở Nội vụ", 2.0), ("Sở Tài chính", 2.0)]
    assert agency.csv_rows[0] == ("SNV", "Sở Nội vụ", "2", "0", "seed")
    # Two agencies share the most: both are named, neither is "the" one
    assert agency.summary == ("Nhiều kết luận, kiến nghị và vấn đề nhất được gửi tới Sở Nội vụ và Sở Tài chính "
                              "(cùng 2); tổng cộng 2 cơ quan nhận ít nhất một.")


def test_a_session_whose_conclusions_are_not_known_is_not_counted_as_zero(project):
    from generator.supervision import charts

    path = project / "giam-sat" / "sessions" / "2024-06-11-test.yaml"
    text = path.read_text("utf-8")
    listed = text[text.index("recommendations:"): text.index("issues:")]
    path.write_text(text.replace(listed, ""), "utf-8")  # the file lists no conclusions: not known yet
    _, supervision, _ = check(project)
    [session] = supervision.sessions
    assert not session.recommendations_known and session.recommendation_count.value is None
    assert locale("vi").count(session.recommendation_count) == "chưa rõ kết luận, kiến nghị"
    assert locale("en").count(session.recommendation_count) == "conclusions and recommendations not known yet"
    # its issues are listed: its list is partial, not unknown, as the tracker says
    assert charts.by_status(supervision, locale("en")).summary.endswith(
        "For 1 session the list is partial: its conclusions or the issues it raised are not known yet.")
    path.write_text(text[:text.index("recommendations:")], "utf-8")  # neither list: not known, not counted
    assert charts.by_status(check(project)[1], locale("en")) is None
    path.write_text(text.replace(listed, "recommendations: []\n"), "utf-8")  # the source says there were none
    [session] = check(project)[1].sessions
    assert locale("en").count(session.recommendation_count) == "0 conclusions and recommendations"


def test_planned_session_has_no_age_yet(project):
    broken(project, "date: 2024-06-11\n", "date: 2027-01-15\nplanned: true\n")
    _, supervision, problems = check(project)
    [session] = supervision.sessions
    assert session.planned and session.ahead(date(2026, 11, 26)) and session.elapsed(date(2026, 11, 26)) is None
    assert not [p for p in problems if p.code == "future-date" and p.field == "date" and p.line == 2]


def test_a_non_integer_status_order_is_reported_not_a_crash(project):
    path = project / "giam-sat" / "data" / "statuses.csv"
    path.write_text(path.read_text("utf-8").replace(",1\n", ",first\n"), "utf-8")
    _, _, problems = check(project)
    assert [(p.code, p.line) for p in problems if p.path.endswith("statuses.csv")] == [("type-error", 2)]


def test_a_tracker_of_more_than_1000_items_is_cut_into_parts_that_list_each_item_once(project, monkeypatch):
    """60 more sessions of 40 recommendations each (2,403 items with the fixture's 3), cut at 1,000 items a page
    (the site's own limit is lower; the shape is the same): the tracker becomes pages
    of at most TRACKER_ROWS items, whole sessions each, the newest at the tracker's own address; every page
    links to the others and to the full list as CSV, and every item appears on exactly one page."""
    from datetime import timedelta

    from generator import urls
    from generator.supervision import pages as supervision_pages

    monkeypatch.setattr(supervision_pages, "TRACKER_ROWS", 1000)
    expected = {("GS-2024-06-11-TEST", f"GS-2024-06-11-TEST-{item}") for item in ("K01", "K02", "Y01")}
    for n in range(60):
        day = date(2023, 1, 2) + timedelta(days=n)
        session_id = f"GS-{day.isoformat()}-P{n:02d}"
        items = "".join(f"  - id: K{k:02d}\n    addressees: [SNV]\n    text_vi: Kiến nghị {k}\n"
                        f"    text_en: Recommendation {k}\n" for k in range(1, 41))
        write(project / "giam-sat" / "sessions" / f"{day.isoformat()}-p{n:02d}.yaml",
              f"id: {session_id}\ndate: {day.isoformat()}\nbody_vi: Đoàn\nbody_en: Delegation\n"
              f"form: giam_sat_chuyen_de\nagencies: [SNV]\ntopic_vi: Chủ đề {n}\ntopic_en: Topic {n}\n"
              f"sources: [seed]\nrecommendations:\n{items}")
        expected |= {(session_id, f"{session_id}-K{k:02d}") for k in range(1, 41)}  # as the tracker shows ids
    result = pipeline.run(settings_for(project), langs=("vi",))
    assert [p for p in result.problems if p.is_error] == []
    pages = {page.uri: page.text() for page in result.outputs["vi"].pages}
    uris = [urls.TRACKER, urls.tracker_part(2), urls.tracker_part(1)]  # newest first, numbered from the oldest
    assert sorted(uri for uri in pages if uri.startswith("giam-sat/kien-nghi")) == sorted(uris)
    assert urls.tracker_part(3) not in pages
    row = re.compile(r'data-session="([^"]+)"[^>]*>\n<th scope="row"><a [^>]*>(.+?)</a>')

    def rows_of(text: str) -> list[tuple[str, str]]:  # (session, id) of each row; ids wrap at <wbr>
        return [(session, shown.replace("<wbr>", "")) for session, shown in row.findall(text)]

    seen = []
    for uri in uris:
        rows = rows_of(pages[uri])
        assert 0 < len(rows) <= 1000
        seen += rows
        others = [u for u in uris if u != uri]
        links = re.findall(r'<p class="mb-pager">.*?</p>', pages[uri], re.S)[0]
        assert re.findall(r'<a href="([^"]+)"', links) == [relative_link(uri, u) for u in others]
        assert relative_link(uri, urls.download_uri("giam-sat", "recommendations")) in pages[uri]
    assert len(seen) == len(set(seen)) == 2403 and set(seen) == expected
    # whole sessions: the newest part holds the fixture's session (the newest) and the ten before it
    newest = {session for session, _ in rows_of(pages[urls.TRACKER])}
    assert newest == {"GS-2024-06-11-TEST"} | {f"GS-{(date(2023, 1, 2) + timedelta(days=n)).isoformat()}-P{n:02d}"
                                               for n in range(50, 60)}


def test_the_tracker_pager_names_the_newest_and_links_the_oldest_and_the_parts_near_the_one_shown():
    """pages.tracker_pager on eight parts (newest first): the newest by name, the oldest, the parts within
    PAGER_REACH of the one shown, "…" where parts are left out; the part shown is current, not a link."""
    from generator import urls
    from generator.supervision.pages import TrackerPart, tracker_pager

    parts = [TrackerPart(n, urls.TRACKER if n == 8 else urls.tracker_part(n), ()) for n in range(8, 0, -1)]
    vi = locale("vi")

    def shown(number: int) -> str:
        links = tracker_pager(parts, parts[8 - number], vi)
        assert all(link.uri == next(p.uri for p in parts if p.number == number) for link in links if link.current)
        return " ".join(("… " if link.after_gap else "") + (f"[{link.label}]" if link.current else link.label)
                        for link in links)

    assert shown(8) == "[Mới nhất] 7 6 … 1"
    assert shown(7) == "Mới nhất [7] 6 5 … 1"
    assert shown(5) == "Mới nhất 7 6 [5] 4 3 … 1"
    assert shown(4) == "Mới nhất … 6 5 [4] 3 2 1"
    assert shown(1) == "Mới nhất … 3 2 [1]"
    assert tracker_pager(parts, parts[3], locale("en"))[0].label == "Newest"
    assert [link.uri for link in tracker_pager(parts, parts[3], vi)] == [
        urls.TRACKER, urls.tracker_part(7), urls.tracker_part(6), urls.tracker_part(5), urls.tracker_part(4),
        urls.tracker_part(3), urls.tracker_part(1)]


def test_an_agency_questioned_only_where_the_conclusions_are_not_known_has_them_not_known_not_none(project):
    """An agency supervised at a session whose file lists no conclusions and no issues (no source gives them
    yet) was shown "0 conclusions, recommendations and issues raised" and "None.": unknown shown as zero. Its page
    and its card now say they are not known; an agency with some known says how many sessions' are not."""
    path = project / "giam-sat" / "sessions" / "2024-06-11-test.yaml"
    text = path.read_text("utf-8")
    second = text.replace("GS-2024-06-11-TEST", "GS-2024-09-01-TEST").replace("date: 2024-06-11", "date: 2024-09-01")
    write(path.with_name("2024-09-01-test.yaml"), second[:second.index("recommendations:")])
    for lang, some_known in (
            ("vi", "2 kết luận, kiến nghị và vấn đề được nêu; chưa biết đầy đủ của 1 phiên"),
            ("en", "2 conclusions, recommendations and issues raised; not fully known for 1 session")):
        assert f'description: "{some_known}"' in agency_page(project, lang)
    # the first session's lists gone too: nothing is known of what went to SNV
    path.write_text(text[:text.index("recommendations:")], "utf-8")
    for lang, none_known, caption in (
            ("vi", "chưa rõ số kết luận, kiến nghị và vấn đề được nêu", "của 2 phiên giám sát cơ quan này"),
            ("en", "number of conclusions, recommendations and issues raised not known",
             "of 2 sessions that supervised")):
        page = agency_page(project, lang)
        words = locale(lang)
        section = page[page.index(words.t("agency.recommendations")):page.index(words.t("agency.results"))]
        assert none_known in page and caption in section
        assert locale(lang).t("supervision.none") not in section and "0 " not in page.split("---")[1]


def agency_page(project, lang: str, uri: str = "co-quan/snv.md") -> str:
    pages = pipeline.run(settings_for(project), langs=(lang,)).outputs[lang].pages
    return {page.uri: page.text() for page in pages}[uri]


def test_the_gaps_page_names_issues_among_what_has_no_follow_up_information(project):
    """The gaps page's "Conclusions with no information on what became of them: 13" counted the 5 issues raised
    too (the home page said 8 conclusions): its heading names what it counts."""
    for lang, heading in (("vi", "Kết luận, kiến nghị và vấn đề được nêu chưa có thông tin về việc thực hiện: 2"),
                          ("en", "Conclusions, recommendations and issues raised with no information on what became "
                                 "of them: 2")):
        page = agency_page(project, lang, "chua-biet.md")
        assert heading in re.sub(r"<[^>]+>", "", page)  # K01 and the issue Y01 (K02's status is inferred)


@functools.cache
def real_site(lang: str) -> tuple[dict[str, str], Output]:
    """The pages (Markdown by URI) and the output of the real datasets in ``lang``, without drawing the charts."""
    settings = settings_for(ROOT / "datasets")
    output = pipeline.publish(pipeline.prepare(pipeline.check(settings), settings), locale(lang))
    return {page.uri: page.text() for page in output.pages}, output


def test_the_sessions_table_separates_the_coded_agencies_from_the_others_as_the_session_page_does():
    """The sessions table ran two lists together with a space: "Ủy ban nhân dân TP.HCM UBND các quận và phường"
    read as one body (facts7 #6). It uses the session page's "; "."""
    for lang, joined in (("vi", "Ủy ban nhân dân TP.HCM</a>; UBND các quận và phường</td>"),
                         ("en", "HCMC People&#39;s Committee</a>; District and ward People&#39;s Committees</td>")):
        pages, _ = real_site(lang)
        assert joined in pages["giam-sat/index.md"]
        assert joined in pages["giam-sat/gs-2022-12-09-nq131.md"].replace("</dd>", "</td>")


def site_pages(datasets, lang: str) -> tuple[dict[str, str], Output]:
    """The pages (Markdown by URI) and the output of ``datasets`` in ``lang``, without drawing the charts."""
    settings = settings_for(datasets)
    output = pipeline.publish(pipeline.prepare(pipeline.check(settings), settings), locale(lang))
    return {page.uri: page.text() for page in output.pages}, output


def rows_with(page: str, text: str) -> list[str]:
    """The table rows or list entries of a page that hold ``text``."""
    return [row for row in re.split(r"<tr|<li", page)[1:] if text in row]


def test_an_item_flagged_inferred_shows_its_flag_wherever_it_is_listed_and_counts_say_how_many(project):
    """An issue whose addressee is only inferred (``flags: inferred`` on the item, as Y02–Y04 of 11/6/2024) showed
    its flag on its session page only: the tracker, the agency's list, the home page's and the gaps page listed it
    as plainly addressed, and "11 conclusions..." in the agency's description and the by-agency chart claimed all
    as addressed to it (facts7 #2). The flag now stands beside the item's text everywhere, and each count that
    includes such items says how many."""
    path = project / "giam-sat" / "sessions" / "2024-06-11-test.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("    text_en: Step up recruitment\n",
                                 "    text_en: Step up recruitment\n    flags: inferred\n"), "utf-8")
    for lang, described, bar, said in (
            ("vi", "2 kết luận, kiến nghị và vấn đề được nêu; trong đó 1 mục được ghi theo suy đoán "
                   "(nội dung hoặc cơ quan nhận)", "2 (1 suy đoán)",
             "1 mục được tính ở đây gắn cờ suy đoán;"),
            ("en", "2 conclusions, recommendations and issues raised; 1 of them recorded by inference "
                   "(their content or addressee)", "2 (1 inferred)",
             "1 of the items counted here is flagged inferred;")):
        pages, output = site_pages(project, lang)
        flag = f'<span class="mb-flag mb-flag-inferred">{locale(lang).t("common.flag.inferred")}</span>'
        k01 = "Đẩy mạnh tuyển dụng" if lang == "vi" else "Step up recruitment"
        for uri in ("giam-sat/kien-nghi.md", "co-quan/snv.md", "co-quan/stc.md", "index.md", "chua-biet.md"):
            rows = rows_with(pages[uri], k01)
            assert rows and all(flag in row for row in rows), uri
        k02 = "Hoãn thi tuyển" if lang == "vi" else "Postpone exams"  # not flagged itself (only its status is)
        tracker = pages["giam-sat/kien-nghi.md"]
        assert f"{k02} {flag}" not in tracker and f"{k01} {flag}" in tracker
        assert f'description: "{described}"' in pages["co-quan/snv.md"]
        chart = next(item.chart for item in output.charts if "by-agency" in item.chart.slug)
        assert [b.text for b in chart.bars] == [bar, bar] and said in chart.summary
        assert chart.csv_header[3] == "inferred" and [row[3] for row in chart.csv_rows] == ["1", "1"]


def test_the_overview_charts_cite_the_sources_of_what_they_count(project):
    """Each bar's row of the chart's CSV names its items' sources (an item's own, else its session's) and the
    evidence of their current status: the embed page cites what the CSV names, and these charts named nothing."""
    from generator.directory.model import load_directory
    from generator.supervision import charts

    write(project / "giam-sat" / "sessions" / "2024-06-11-test.yaml", SESSION.lstrip("\n").replace(
        "    text_en: Public assets\n", "    text_en: Public assets\n    source: sggp\n"))
    datasets, supervision, _ = check(project)
    status = charts.by_status(supervision, locale("en"))
    assert status.csv_header[-2:] == ("source_id", "evidence_source_id")
    # K02 (suspended) rests on the session's source and its status on its evidence; K01 and Y01 have no status
    assert [row[-2:] for row in status.csv_rows] == [("seed", "sggp"), ("seed;sggp", "")]
    assert status.sources == "seed;sggp"
    agency = charts.by_agency(supervision, load_directory(datasets), locale("vi"))
    # Y01, addressed to STC alone, cites its own source, not the session's
    assert [(row[0], row[-1]) for row in agency.csv_rows] == [("SNV", "seed"), ("STC", "seed;sggp")]


def test_the_real_issues_whose_addressee_is_inferred_are_flagged_in_the_tracker_and_counted_as_such():
    """The audit's case: Y02 (STTTT), Y03 (STC) and Y04 (SNV) of 11/6/2024 in the real data."""
    for lang in ("vi", "en"):
        pages, output = real_site(lang)
        flag = f'<span class="mb-flag mb-flag-inferred">{locale(lang).t("common.flag.inferred")}</span>'
        tracker = pages["giam-sat/kien-nghi.md"]
        for local_id, code in (("Y02", "stttt"), ("Y03", "stc"), ("Y04", "snv")):
            rows = [row for row in re.split(r"<tr", tracker) if f'id="gs-2024-06-11-cchc-{local_id.lower()}"' in row]
            assert len(rows) == 1 and flag in rows[0]
            assert [flag in row for row in rows_with(pages[f"co-quan/{code}.md"], f"#{local_id.lower()}\"")] == [True]
            assert ("trong đó 1 mục được ghi theo suy đoán" if lang == "vi" else "1 of them recorded by inference") in \
                pages[f"co-quan/{code}.md"].split("---")[1]
        chart = next(item.chart for item in output.charts if "by-agency" in item.chart.slug)
        assert [row[2:4] for row in chart.csv_rows] == [("11", "1"), ("11", "1"), ("11", "1"), ("2", "0")]


def test_a_session_file_that_names_no_source_says_so_on_its_page_not_an_empty_row(project):
    """`minhbach new session` writes a file with no `sources` (validation says nothing: the maintainer fills it
    in); its page showed the "Sources" heading over an empty row. It says the file names none yet."""
    from conftest import settings_for

    from generator import pipeline

    broken(project, "sources: [seed]\n", "")
    for lang in ("vi", "en"):
        [page] = [page.text() for page in pipeline.run(settings_for(project), langs=(lang,)).outputs[lang].pages
                  if page.uri.startswith("giam-sat/") and "2024-06-11" in page.uri]
        assert f'<dd><span class="mb-gap">{locale(lang).t("supervision.sources_none")}</span></dd>' in page


def test_a_session_on_a_date_no_source_confirms_gets_no_day_count_and_is_not_the_latest(project):
    """A session dated from a pre-session agenda (10/12/2025, flagged inferred, "chưa xác nhận") said "363 ngày kể
    từ phiên" and led the home page as "Phiên gần nhất", as if held that day (facts8 #11). Its page now says no
    source confirms its date, and the home page names it apart from the latest session."""
    broken(project, "date: 2024-06-11\n", "date: 2024-06-11\nflags: inferred\n")
    for lang in ("vi", "en"):
        pages = {uri: html.unescape(text) for uri, text in site_pages(project, lang)[0].items()}
        t = locale(lang).t
        assert t("supervision.age_unconfirmed") in pages["giam-sat/gs-2024-06-11-test.md"]
        assert locale(lang).plural("supervision.age.day", 898) not in pages["giam-sat/gs-2024-06-11-test.md"]
        home = pages["index.md"]
        latest = home[home.index(t("home.latest_session")):]
        assert t("home.unconfirmed_sessions") in latest  # named, but not as the latest session held
        assert latest.index(t("home.unconfirmed_sessions")) < latest.index("gs-2024-06-11-test")
