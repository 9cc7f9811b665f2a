"""generator/supervision/model.py, value by value: items and their status, sessions, the lookups by agency,
the status tallies and bars, and what a session file publishes.

Built from the dataclasses directly (no build), each assertion stating the exact value, so that a mutation of
the module (tests/mutation.py supervision-model) fails one.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from generator.core.charts.spec import CardBar
from generator.core.claims import PERCENT, Count, Unit, Value
from generator.core.edit import Origin
from generator.core.locale import locale
from generator.core.text import Text
from generator.supervision.derived import _cell, derived_names, derived_tables
from generator.supervision.model import (
    NO_INFORMATION,
    Fact,
    Item,
    Session,
    Status,
    StatusEntry,
    StatusTally,
    Supervision,
    guarded,
    published_values,
    record_places,
    session_age,
    status_bars,
)
from generator.supervision.summary import (
    ALL_KINDS,
    News,
    Summary,
    latest_news,
    summarise,
    summary_digest,
    words,
)

ITEM_FILE = Origin(Path("/data/giam-sat/s.yaml"), 20)
ENTRY_FILE = Origin(Path("/data/giam-sat/s.yaml"), 30)


def entry(status: str, flags: tuple[str, ...] = (), origin: Origin | None = None) -> StatusEntry:
    return StatusEntry(date(2025, 1, 1), "day", status, flags, "src", Text(), origin=origin)


def item(local_id: str = "K01", history: tuple[StatusEntry, ...] = (), due: date | None = None,
         addressees: tuple[str, ...] = ("SNV",), kind: str = "recommendation", origin: Origin | None = None) -> Item:
    return Item(kind, local_id, "GS-2024-06-11", addressees, Text("x"), "khac", due, "src", (), Text(), history,
                origin)


def session(session_id: str = "GS-2024-06-11", recommendations: tuple[Item, ...] = (), issues: tuple[Item, ...] = (),
            facts: tuple[Fact, ...] = (), agencies: tuple[str, ...] = ("SNV",), path: str = "giam-sat/s.yaml",
            **known: bool) -> Session:
    return Session(session_id, path, date(2024, 6, 11), "day", Text(), Text(), "chuyen_de", "", Text(), (), agencies,
                   Text(), Text(), "", (), (), Text(), (), facts, issues, recommendations, (), **known)


STATUSES = {code: Status(code, Text(f"vi {code}", f"en {code}"), Text(), order) for order, code in enumerate(
    ("chua_thuc_hien", "dang_thuc_hien", "da_thuc_hien", NO_INFORMATION))}


def supervision(*sessions: Session, folder: str = "giam-sat") -> Supervision:
    return Supervision(sessions, STATUSES, {}, date(2026, 12, 5), folder=folder)


# -- items ------------------------------------------------------------------------------------------------------


def test_an_item_without_history_has_no_information():
    k = item("K 01/a", origin=ITEM_FILE)
    assert (k.id, k.anchor, k.current, k.status, k.inferred, k.status_origin) == (
        "GS-2024-06-11-K 01/a", "k-01-a", None, NO_INFORMATION, False, ITEM_FILE)


def test_an_item_s_status_is_its_latest_entry():
    first, last = entry("chua_thuc_hien", ("inferred",)), entry("dang_thuc_hien", ("derived",), ENTRY_FILE)
    k = item(history=(first, last), origin=ITEM_FILE)
    assert (k.current, k.status, k.inferred, k.status_origin) == (last, "dang_thuc_hien", False, ENTRY_FILE)
    inferred = item(history=(last, entry("da_thuc_hien", ("conflicting", "inferred"))), origin=ITEM_FILE)
    assert (inferred.status, inferred.inferred, inferred.status_origin) == ("da_thuc_hien", True, ITEM_FILE)


def test_overdue_is_open_after_the_due_date():
    due = date(2025, 6, 30)
    assert [item(due=due).is_overdue(day) for day in (date(2025, 6, 29), due, date(2025, 7, 1))] == [
        False, False, True]
    assert item(due=None).is_overdue(date(2030, 1, 1)) is False
    assert item(due=due, history=(entry("dang_thuc_hien"),)).is_overdue(date(2025, 7, 1)) is True
    assert item(due=due, history=(entry("dinh_hoan"),)).is_overdue(date(2025, 7, 1)) is False


@pytest.mark.parametrize(("value", "unit", "claim"), [
    (">=12", Text("quy trình", "workflows"), Value(Decimal("12"), Unit("plain", label=Text("quy trình", "workflows")),
                                                   ">=", None, ("derived",))),
    ("84.5", Text("%", "%"), Value(Decimal("84.5"), PERCENT, "", None, ("derived",))),
    ("9/9", Text(), None),
])
def test_a_fact_s_claim(value, unit, claim):
    assert Fact("F01", "SNV", Text(), value, unit, "src", ("derived",)).claim == claim


# -- sessions ---------------------------------------------------------------------------------------------------


def test_a_session_s_page_items_and_counts():
    k1, k2, y1 = item("K01"), item("K02"), item("Y01", kind="issue")
    s = session("GS 2024/06", recommendations=(k1, k2), issues=(y1,))
    assert (s.slug, s.page_uri, s.items) == ("gs-2024-06", "giam-sat/gs-2024-06.md", (k1, k2, y1))
    assert (s.recommendation_count, s.issue_count) == (Count(2, "count.recommendation"), Count(1, "count.issue"))
    unknown = session(recommendations_known=False, issues_known=False)
    assert (unknown.recommendation_count, unknown.issue_count) == (
        Count(None, "count.recommendation"), Count(None, "count.issue"))
    assert (session().recommendation_count, session().issue_count) == (
        Count(0, "count.recommendation"), Count(0, "count.issue"))


def test_a_session_s_age():
    s = session()
    assert (s.elapsed(date(2024, 6, 10)), s.elapsed(date(2024, 6, 11)), s.elapsed(date(2024, 6, 12))) == (
        None, (0, "day"), (1, "day"))
    assert (s.ahead(date(2024, 6, 10)), s.ahead(date(2024, 6, 11))) == (True, False)


def known_to(when: date, precision: str, flags: tuple[str, ...] = ()) -> Session:
    return replace(session(), date=when, date_precision=precision, flags=flags)


@pytest.mark.parametrize(("when", "precision", "flags", "vi", "en"), [
    # a date known to the day: days, as before
    (date(2024, 6, 11), "day", (), "910 ngày kể từ phiên", "910 days since the session"),
    # known only to the year or the month: counted in that unit, never from the placeholder 1 January ("2.533 ngày")
    (date(2020, 1, 1), "year", (), "Khoảng 6 năm kể từ phiên", "About 6 years since the session"),
    (date(2022, 8, 1), "month", (), "Khoảng 52 tháng kể từ phiên", "About 52 months since the session"),
    (date(2025, 12, 1), "month", (), "Khoảng 12 tháng kể từ phiên", "About 12 months since the session"),
    (date(2026, 1, 1), "year", (), "Ngày phiên thuộc năm nay", "The session is dated this year"),
    (date(2025, 11, 10), "day", ("approximate",), "Khoảng 13 tháng kể từ phiên", "About 13 months since the session"),
    # a date only inferred (a pre-session agenda's day, a year worked out) or disputed: no time counted from it
    (date(2025, 12, 10), "day", ("inferred",), "Chưa có nguồn xác nhận ngày của phiên, nên không tính thời gian "
     "kể từ phiên", "No source confirms the session's date, so no time since it is counted"),
    (date(2014, 7, 1), "month", ("inferred",), "Chưa có nguồn xác nhận ngày của phiên, nên không tính thời gian "
     "kể từ phiên", "No source confirms the session's date, so no time since it is counted"),
    (date(2021, 12, 8), "day", ("conflicting",), "Chưa có nguồn xác nhận ngày của phiên, nên không tính thời gian "
     "kể từ phiên", "No source confirms the session's date, so no time since it is counted"),
    (date(2027, 1, 15), "day", (), "Phiên dự kiến, chưa diễn ra", "Planned; it has not taken place yet"),
])
def test_the_time_since_a_session_is_counted_only_as_precisely_as_its_date_is_known(when, precision, flags, vi, en):
    s, today = known_to(when, precision, flags), date(2026, 12, 8)
    assert (session_age(s, today, locale("vi")), session_age(s, today, locale("en"))) == (vi, en)


@pytest.mark.parametrize(("folder", "path", "record"), [
    ("giam-sat", "giam-sat/sessions/s.yaml", "sessions/s.yaml"), ("giam-sat", "other/s.yaml", "s.yaml"),
    ("data/giam-sat", "data/giam-sat/s.yaml", "s.yaml"), ("", "giam-sat/s.yaml", "giam-sat/s.yaml"),
])
def test_a_session_s_record_file_is_relative_to_the_package(folder, path, record):
    s = session(path=path)
    assert supervision(s, folder=folder).record_file(s) == record


def test_lookups_by_agency_and_by_id():
    k1, k2, y1 = item("K01", addressees=("SNV", "STC")), item("K02", addressees=("STC",)), item("Y01", kind="issue")
    f1, f2, f3 = (Fact(f"F0{n}", agency, Text(), "1", Text(), "src") for n, agency in ((1, "SNV"), (2, ""), (3, "SNV")))
    a = session("A", recommendations=(k1, k2), issues=(y1,), facts=(f1, f2), agencies=("SNV", "STC"))
    b = session("B", facts=(f3,), agencies=("SNV",))
    sup = supervision(a, b)
    assert sup.items() == [k1, k2, y1]
    assert sup.for_agency("SNV") == ([a, b], [k1, y1])
    assert sup.for_agency("STC") == ([a], [k1, k2])
    assert sup.for_agency("XYZ") == ([], [])
    assert (sup.facts_for("SNV"), sup.facts_for(""), sup.facts_for("STC")) == ([(a, f1), (b, f3)], [], [])
    assert (sup.session("A"), sup.session("B"), sup.session("C")) == (a, b, None)


# -- tallies ----------------------------------------------------------------------------------------------------


def test_tallies_follow_the_statuses_order_not_the_items_and_skip_a_status_no_item_has():
    """The tracker's tallies (its bars, the home and overview charts): "dang_thuc_hien" has no item, so no tally."""
    items = (item("K1", (entry("da_thuc_hien"),)), item("K2"), item("K3", (entry("chua_thuc_hien"),)),
             item("K4", (entry("da_thuc_hien"),)))
    assert supervision(session(recommendations=items)).tallies(items) == (
        StatusTally(STATUSES["chua_thuc_hien"], Count(1, "count.item"), 0),
        StatusTally(STATUSES["da_thuc_hien"], Count(2, "count.item"), 0),
        StatusTally(STATUSES[NO_INFORMATION], Count(1, "count.item"), 0))


def test_an_unknown_status_code_comes_after_every_listed_status_but_no_information():
    """With n statuses, a code the list lacks sorts as order n + 1, whatever the orders are."""
    statuses = {code: Status(code, Text(code, code), Text(), order) for code, order in (
        (NO_INFORMATION, 0), ("dang_thuc_hien", 3), ("da_thuc_hien", 5))}
    items = [item("K1", (entry("zz"),)), item("K2", (entry("da_thuc_hien"),)), item("K3"),
             item("K4", (entry("dang_thuc_hien"),))]
    tallies = Supervision((), statuses, {}, date(2026, 12, 5)).tallies(items)
    assert [t.status.code for t in tallies] == ["dang_thuc_hien", "zz", "da_thuc_hien", NO_INFORMATION]
    assert tallies[1].status == Status("zz", Text("zz", "zz"), Text(), 4)


def test_tallies_put_known_statuses_first_then_unknown_codes_then_no_information():
    inferred = (entry("da_thuc_hien", ("inferred",)),)
    items = [item("K1"), item("K2", (entry("zz"),)), item("K3", (entry("yy"),)), item("K4", inferred),
             item("K5", (entry("da_thuc_hien"),)), item("K6", (entry("chua_thuc_hien"),)),
             item("K7", (entry("yy"), entry("dang_thuc_hien", ("inferred",))))]
    tallies = supervision().tallies(items)
    yy, zz = (Status(code, Text(code, code), Text(), 5) for code in ("yy", "zz"))
    assert tallies == (
        StatusTally(STATUSES["chua_thuc_hien"], Count(1, "count.item"), 0),
        StatusTally(STATUSES["dang_thuc_hien"], Count(1, "count.item"), 1),
        StatusTally(STATUSES["da_thuc_hien"], Count(2, "count.item"), 1),
        StatusTally(yy, Count(1, "count.item"), 0),
        StatusTally(zz, Count(1, "count.item"), 0),
        StatusTally(STATUSES[NO_INFORMATION], Count(1, "count.item"), 0))
    assert [(t.no_information, t.all_inferred) for t in tallies] == [
        (False, False), (False, True), (False, False), (False, False), (False, False), (True, False)]
    assert supervision().tallies(()) == ()


def test_status_bars_mark_what_is_inferred():
    tallies = (StatusTally(STATUSES["da_thuc_hien"], Count(3, "count.item"), 2),
               StatusTally(STATUSES["dang_thuc_hien"], Count(2, "count.item"), 2),
               StatusTally(STATUSES[NO_INFORMATION], Count(4, "count.item"), 0),
               StatusTally(Status("yy", Text("yy", "yy"), Text(), 9), Count(None, "count.item"), 0))
    assert status_bars(tallies, locale("vi")) == (
        CardBar("vi da_thuc_hien (2 suy đoán)", 3, "#1B6E3A"), CardBar("vi dang_thuc_hien (suy đoán)", 2, "#0B5394"),
        CardBar("vi chua_co_thong_tin", 4, "#8C8C8C"), CardBar("yy", 0, "#8C8C8C"))
    assert status_bars(tallies[:2], locale("en")) == (
        CardBar("en da_thuc_hien (2 inferred)", 3, "#1B6E3A"), CardBar("en dang_thuc_hien (inferred)", 2, "#0B5394"))


# -- what a session file publishes ------------------------------------------------------------------------------


def test_published_values_are_the_records_fields_and_their_status_entries():
    session_file = {
        "id": "GS-1",
        "facts": [
            {"id": "F01", "value": " >= 12 ", "agency": "SNV", "statement_vi": " Số quy trình ", "unit_en": "x",
             "status_history": [{"date": "2024-12-01", "status": "x"}]},  # a fact has no status: not read
            {"id": "F02", "value": "Nghị quyết 19-NQ/TW"}, {"id": "F05", "value": 12},
            {"value": "3"}, "not a mapping", {"id": 5, "value": "3"}, {"id": "F09", "statement_en": None},
        ],
        "recommendations": [
            {"status_history": [{"date": "2024-12-01", "status": "x"}]},  # no id: skipped, the next ones read
            {"id": "K01", "addressees": ["SNV", " STC"], "text_vi": "Tuyển dụng", "due": "2025-06-30",
             "status_history": [
                 {"date": "2024-12-01", "status": "dinh_hoan", "flags": "inferred", "evidence": "sggp",
                  "note_en": "Inferred"},
                 {"date": " 2025-01-01 ", "status": " da_thuc_hien "}, "not a mapping",
                 {"status": "chua_thuc_hien", "flags": None}]},
        ],
        "issues": [{"id": "Y01", "raised_by": "Thành viên đoàn", "addressees": "STC",
                    "status_history": [{"date": "2025-02-01", "flags": "derived"}]},
                   {"id": "Y02", "raised_by": "x", "raised_by_vi": "Đại biểu", "raised_by_en": "A delegate",
                    "status_history": "not a list"}],
    }
    assert published_values(session_file) == {
        ("GS-1-F01", "fact"): ({"value": ">= 12", "agency": "SNV", "statement_vi": "Số quy trình", "unit_en": "x"},
                               ("facts", 0)),
        ("GS-1-F02", "fact"): ({"value": "Nghị quyết 19-NQ/TW"}, ("facts", 1)),
        ("GS-1-F05", "fact"): ({"value": "12"}, ("facts", 2)),
        ("GS-1-F09", "fact"): ({}, ("facts", 6)),
        ("GS-1-K01", "recommendation"): ({"addressees": "SNV; STC", "text_vi": "Tuyển dụng", "due": "2025-06-30"},
                                         ("recommendations", 1)),
        ("GS-1-K01", "2024-12-01"): ({"value": "dinh_hoan inferred", "evidence": "sggp", "note_en": "Inferred"},
                                     ("recommendations", 1, "status_history", 0, "status")),
        ("GS-1-K01", "2025-01-01"): ({"value": "da_thuc_hien"}, ("recommendations", 1, "status_history", 1, "status")),
        ("GS-1-K01", ""): ({"value": "chua_thuc_hien"}, ("recommendations", 1, "status_history", 3, "status")),
        # a name is the same in both languages; words say who in each
        ("GS-1-Y01", "issue"): ({"addressees": "STC", "raised_by_vi": "Thành viên đoàn",
                                 "raised_by_en": "Thành viên đoàn"}, ("issues", 0)),
        ("GS-1-Y01", "2025-02-01"): ({"value": "derived"}, ("issues", 0, "status_history", 0, "status")),
        ("GS-1-Y02", "issue"): ({"raised_by_vi": "Đại biểu", "raised_by_en": "A delegate"}, ("issues", 1)),
    }


@pytest.mark.parametrize("entry, value, expected", [
    ("fact", " >= 12 ", True), ("fact", "9 / 9", True), ("fact", "95,06 %", True), ("fact", "-5", True),
    ("fact", "~1.5/2", True), ("fact", "<+3", True), ("fact", "12a", False), ("fact", "Nghị quyết 19-NQ/TW", False),
    ("fact", "", False), ("recommendation", "", False), ("issue", "", False),
    ("2024-12-01", "dinh_hoan", True), ("", "derived", True),
])
def test_only_a_quantity_and_a_status_are_guarded_by_a_correction(entry, value, expected):
    """What the change log lists and what needs a correction note differ: a rewording is an update."""
    assert guarded(entry, {"value": value}) is expected


@pytest.mark.parametrize("session_file", [None, [], {"facts": []}, {"id": 3, "facts": [{"id": "F1", "value": "1"}]}])
def test_nothing_is_published_without_a_session_id(session_file):
    assert (published_values(session_file), record_places(session_file)) == ({}, {})


def test_record_places():
    session_file = {"id": "GS-1", "facts": [{"id": "F01"}, "x", {"id": "F02"}], "issues": [{"id": 3}, {"id": "Y01"}],
                    "recommendations": [{"id": "K01"}]}
    assert record_places(session_file) == {"GS-1-F01": ("facts", 0), "GS-1-F02": ("facts", 2),
                                           "GS-1-K01": ("recommendations", 0), "GS-1-Y01": ("issues", 1)}
    assert record_places({"id": "GS-1", "recommendations": {"id": "K01"}, "issues": "Y01"}) == {}


def test_a_session_file_without_lists_publishes_nothing():
    assert published_values({"id": "GS-1"}) == {}
    assert published_values({"id": "GS-1", "facts": {"id": "F01", "value": "1"}, "issues": None}) == {}


# -- the summary (supervision/summary.py) -----------------------------------------------------------------------


def dated(session_id: str, day: date, **kwargs) -> Session:
    return replace(session(session_id, **kwargs), date=day)


def test_a_summary_counts_what_is_known_and_the_sessions_it_cannot_count():
    overdue = item("K1", due=date(2025, 6, 30))
    done = item("K2", (entry("da_thuc_hien", ("inferred",)),), due=date(2025, 6, 30))
    open_ = item("K3", (entry("dang_thuc_hien"),), due=date(2027, 1, 1))
    issue = item("Y1", (entry("dang_thuc_hien", ("inferred",)),), kind="issue")
    sessions = (dated("A", date(2024, 6, 11), recommendations=(overdue, done, open_), issues=(issue,)),
                dated("B", date(2023, 3, 1), issues_known=False),
                dated("C", date(2022, 5, 1), recommendations_known=False),
                dated("D", date(2027, 1, 1), recommendations_known=False, issues_known=False))  # still ahead
    sup = supervision(*sessions)
    recommendations = summarise(sup)
    assert recommendations == Summary(
        Count(3, "count.recommendation"), sup.tallies([overdue, done, open_]), Count(1, "count.recommendation"), 3,
        Count(1, "count.recommendation"), 2023, 1, ("recommendation",))
    assert recommendations.complete is False
    # every item counted is of a session with a list known: since its year, and B and C, known in part, are partial
    # (not unknown: their items are in the total; "16 since 2024" counted items of 2022)
    everything = summarise(sup, ALL_KINDS)
    assert everything == Summary(Count(4, "count.item"), sup.tallies([overdue, done, open_, issue]),
                                 Count(1, "count.item"), 3, Count(2, "count.item"), 2022, 0, ALL_KINDS, 2)
    assert everything.complete is False
    issues = summarise(sup, ("issue",))
    assert (issues.total, issues.since, issues.sessions_unknown, issues.with_due) == (
        Count(1, "count.item"), 2022, 1, 0)
    assert summarise(supervision(sessions[0])).complete is True
    assert summarise(supervision()) == Summary(Count(0, "count.recommendation"), (), Count(0, "count.recommendation"),
                                               0, Count(0, "count.recommendation"), None, 0, ("recommendation",))


def test_the_summary_digest_changes_with_what_the_summary_says():
    first = summarise(supervision(dated("A", date(2024, 6, 11), recommendations=(item("K1"),))))
    assert summary_digest(first) == summary_digest(replace(first))
    assert len(summary_digest(first)) == 16 and set(summary_digest(first)) <= set("0123456789abcdef")
    assert summary_digest(first) != summary_digest(replace(first, sessions_unknown=1))


def test_the_latest_news_of_an_item():
    history = (entry("chua_thuc_hien"), replace(entry("dang_thuc_hien"), date=date(2025, 3, 1)))
    k = item(history=history)
    session_day = date(2024, 6, 11)
    held = dated("S", session_day)
    assert (latest_news(k, held, date(2025, 3, 1)), latest_news(k, held, date(2025, 2, 28)),
            latest_news(k, held, date(2024, 12, 31)), latest_news(item(), held, date(2030, 1, 1))) == (
        News(date(2025, 3, 1), "day"), News(date(2025, 1, 1), "day"), News(session_day, "day"),
        News(session_day, "day"))


def test_the_latest_news_is_as_precise_as_its_source_and_so_is_its_age():
    """A status dated "12/2024" (month precision) was shown as "01/12/2024 (730 days ago)"."""
    monthly = item(history=(replace(entry("dang_thuc_hien"), date=date(2024, 12, 1), date_precision="month"),))
    news = latest_news(monthly, dated("S", date(2024, 6, 11)), date(2026, 12, 1))
    assert news == News(date(2024, 12, 1), "month")
    assert news.age(date(2026, 12, 1)) == (24, "month") and news.age(date(2026, 11, 30)) == (23, "month")
    yearly = replace(dated("S", date(2020, 1, 1)), date_precision="year")
    assert latest_news(item(), yearly, date(2026, 12, 1)) == News(date(2020, 1, 1), "year")
    assert News(date(2020, 1, 1), "year").age(date(2026, 1, 1)) == (6, "year")
    assert News(date(2024, 6, 11), "day").age(date(2024, 6, 21)) == (10, "day")


def summary(total: int | None = 10, tallies: tuple = (), since: int | None = 2024, unknown: int = 0,
            kinds: tuple[str, ...] = ("recommendation",)) -> Summary:
    noun = "count.recommendation" if kinds == ("recommendation",) else "count.item"
    return Summary(Count(total, noun), tallies, Count(0, noun), 0, Count(0, noun), since, unknown, kinds)


def tally(code: str, n: int, inferred: int = 0) -> StatusTally:
    return StatusTally(STATUSES[code], Count(n, "count.item"), inferred)


def test_the_summary_in_words():
    vi, en = locale("vi"), locale("en")
    full = summary(10, (tally("da_thuc_hien", 1, 1), tally("dang_thuc_hien", 3, 2), tally(NO_INFORMATION, 6)), 2024, 6)
    assert words(full, en) == ("10 conclusions and recommendations since 2024: 1 en da_thuc_hien (inferred), 3 en "
                               "dang_thuc_hien (2 inferred) and 6 with no public information on what became of them."
                               " The conclusions of 6 other sessions are not known yet.")
    assert words(full, vi) == ("10 kết luận, kiến nghị từ năm 2024: 1 vi da_thuc_hien (suy đoán), 3 vi dang_thuc_hien "
                               "(2 suy đoán) và 6 chưa có thông tin công khai về việc thực hiện. Chưa biết danh sách "
                               "kết luận, kiến nghị của 6 phiên khác.")
    assert words(summary(1, (tally(NO_INFORMATION, 1),), None, 1, ALL_KINDS), en) == (
        "1 conclusion, recommendation or issue raised: 1 with no public information on what became of it. What 1 "
        "other session concluded and raised is not known yet.")
    partial = replace(summary(3, (tally(NO_INFORMATION, 3),), 2022, 0, ALL_KINDS), sessions_partial=2)
    assert words(partial, vi).endswith("Với 2 phiên, danh sách chưa đầy đủ: đã biết kết luận, kiến nghị hoặc vấn đề "
                                       "được nêu, chưa biết phần còn lại.")
    assert words(partial, en).endswith("For 2 sessions the list is partial: their conclusions or the issues they "
                                       "raised are not known yet.")
    assert words(summary(0, (), None), en) == "0 conclusions and recommendations."
    assert words(summary(0, (), 2024), vi) == "0 kết luận, kiến nghị từ năm 2024."
    assert words(summary(0, (), None, 2), en) == "The conclusions of none of the 2 sessions are known yet."
    assert words(summary(0, (), None, 1, ALL_KINDS), en) == "What the 1 session concluded and raised is not known yet."
    assert words(summary(None, (), None), en) == "conclusions and recommendations not known yet."
    # a summary built by hand may hold a tally of no items (or an unknown number): it says 0
    empty = (StatusTally(STATUSES["da_thuc_hien"], Count(None, "count.item"), 0), tally("dang_thuc_hien", 0))
    assert words(summary(2, empty, None), en) == (
        "2 conclusions and recommendations: 0 en da_thuc_hien and 0 en dang_thuc_hien.")


# -- the derived tables (supervision/derived.py) ----------------------------------------------------------------


def test_the_derived_tables_hold_every_session_item_status_and_fact():
    history = (StatusEntry(date(2024, 12, 1), "month", "dinh_hoan", ("inferred", "derived"), "sggp",
                           Text("Suy ra", "Inferred")),)
    k1 = Item("recommendation", "K01", "GS-1", ("SNV", "STC"), Text("Làm", "Do"), "to_chuc", date(2025, 6, 30), "s1",
              ("derived", "x"), Text("Chủ tọa", "Chair"), history)
    y1 = Item("issue", "Y01", "GS-1", (), Text("Hỏi"), "khac", None, "s2", (), Text(), ())
    fact = Fact("F01", "SNV", Text("Báo cáo", "Report"), ">=12", Text("quy trình", "workflows"), "s3",
                ("approximate", "x"))
    s = replace(session("GS-1", recommendations=(k1,), issues=(y1,), facts=(fact,), agencies=("SNV", "STC"),
                        path="giam-sat/sessions/gs-1.yaml"),
                body=Text("HĐND", "Council"), chair="Nguyễn A", topic=Text("Biên chế", "Staffing"),
                programme_period="2021-2026", legal_basis=("NQ 1", "NQ 2"), sources=("s1",), flags=("derived", "x"),
                date_precision="day")
    sup = Supervision((s,), STATUSES, {}, date(2026, 12, 5), folder="giam-sat")
    tables = derived_tables(sup, "giam-sat")
    assert [(t.package, t.name) for t in tables] == [("giam-sat", n) for n in (
        "sessions", "recommendations", "status_history", "facts")]
    assert derived_names() == frozenset({"sessions", "recommendations", "status_history", "facts"})
    sessions, items, statuses, facts = ({**{h: [r.get(h) for r in t.rows] for h in t.header}} for t in tables)
    dates, boolean = {"date", "due", "status_date"}, {"overdue", "planned"}
    assert [[(f.name, f.type) for f in t.fields] for t in tables] == [
        [(c, "date" if c in dates else "boolean" if c in boolean else "string") for c in t.header] for t in tables]
    assert [t.header for t in tables] == [
        ["session_id", "date", "date_precision", "planned", "body_vi", "body_en", "form", "chair", "agencies",
         "topic_vi", "topic_en", "programme_period", "legal_basis", "sources", "flags", "record_file"],
        ["item_id", "session_id", "kind", "addressees", "text_vi", "text_en", "category", "due", "status",
         "status_date", "status_date_precision", "status_flags", "overdue", "raised_by", "raised_by_en", "flags",
         "source_id"],
        ["item_id", "date", "date_precision", "status", "flags", "evidence_source_id", "note_vi", "note_en"],
        ["session_id", "fact_id", "agency_code", "statement_vi", "statement_en", "value", "unit_vi", "unit_en",
         "flags", "source_id"]]
    assert [r.line for r in tables[1].rows] == [2, 3]
    assert sessions == {
        "session_id": ["GS-1"], "date": ["2024-06-11"], "date_precision": ["day"], "planned": ["false"],
        "body_vi": ["HĐND"],
        "body_en": ["Council"], "form": ["chuyen_de"], "chair": ["Nguyễn A"], "agencies": ["SNV; STC"],
        "topic_vi": ["Biên chế"], "topic_en": ["Staffing"], "programme_period": ["2021-2026"],
        "legal_basis": ["NQ 1; NQ 2"], "sources": ["s1"], "flags": ["derived x"], "record_file": ["sessions/gs-1.yaml"]}
    assert items == {
        "item_id": ["GS-1-K01", "GS-1-Y01"], "session_id": ["GS-1", "GS-1"], "kind": ["recommendation", "issue"],
        "addressees": ["SNV; STC", ""], "text_vi": ["Làm", "Hỏi"], "text_en": ["Do", ""],
        "category": ["to_chuc", "khac"], "due": ["2025-06-30", ""], "status": ["dinh_hoan", NO_INFORMATION],
        # the status's date with its precision, as status_history gives it: "12/2024", not the 1st of December
        "status_date": ["2024-12-01", ""], "status_date_precision": ["month", ""],
        "status_flags": ["inferred derived", ""], "overdue": ["false", "false"],
        "raised_by": ["Chủ tọa", ""], "raised_by_en": ["Chair", ""], "flags": ["derived x", ""],
        "source_id": ["s1", "s2"]}
    assert statuses == {"item_id": ["GS-1-K01"], "date": ["2024-12-01"], "date_precision": ["month"],
                        "status": ["dinh_hoan"], "flags": ["inferred derived"], "evidence_source_id": ["sggp"],
                        "note_vi": ["Suy ra"], "note_en": ["Inferred"]}
    assert facts == {"session_id": ["GS-1"], "fact_id": ["F01"], "agency_code": ["SNV"], "statement_vi": ["Báo cáo"],
                     "statement_en": ["Report"], "value": [">=12"], "unit_vi": ["quy trình"],
                     "unit_en": ["workflows"], "flags": ["approximate x"], "source_id": ["s3"]}


@pytest.mark.parametrize(("value", "cell"), [
    (None, ""), (("a", "b"), "a; b"), (["a"], "a"), ((), ""), (Decimal("1E+1"), "10"), (Decimal("0.50"), "0.50"),
    (Decimal("NaN"), "NaN"),
    (date(2024, 6, 1), "2024-06-01"), (datetime(2024, 6, 1, 8, 30), "2024-06-01T08:30:00"), (3, "3"), ("x", "x"),
    (True, "True"),
])
def test_a_derived_cell(value, cell):
    assert _cell(value) == cell


def test_a_derived_cell_writes_decimals_in_full_and_marks_overdue():
    late = item("K1", due=date(2025, 6, 30))
    s = session("GS-2", recommendations=(late,),
                facts=(Fact("F1", "", Text(), "1", Text(), "s"),))
    [_, items, _, _] = derived_tables(supervision(s), "p")
    assert [r.get("overdue") for r in items.rows] == ["true"]


def test_a_serving_process_keeps_the_derived_tables_while_the_sessions_are_the_same_objects():
    """A save that edits another file gives the model the same session objects (each kept while its file is
    unchanged): the derived tables are not made again; another session, package, folder or build date makes
    them afresh (the date decides what is overdue)."""
    from generator.core import kept

    late = item("K1", due=date(2025, 6, 30))
    s = session("GS-2", recommendations=(late,))
    kept.keep()
    try:
        first = derived_tables(supervision(s), "p")
        assert derived_tables(supervision(s), "p") is first  # a new model around the same sessions
        assert derived_tables(supervision(session("GS-2", recommendations=(late,))), "p") is not first
        assert derived_tables(supervision(s), "other") is not first
        assert derived_tables(supervision(s, folder="elsewhere"), "p") is not first
        earlier = replace(supervision(s), build_date=date(2025, 1, 1))
        assert [r.get("overdue") for r in derived_tables(earlier, "p")[1].rows] == ["false"]
    finally:
        kept.stop_keeping()
    assert derived_tables(supervision(s), "p") is not first  # a build that keeps nothing makes them every time


def test_a_serving_process_keeps_the_tracker_while_the_sessions_statuses_and_date_are_the_same():
    """``kept_tracker``: the same session objects with the same statuses and build date give the tracker made
    before; another session, another status (its label, or its place in the order) or another date make it
    afresh, and a build that keeps nothing makes it every time."""
    from generator.core import kept
    from generator.supervision.tracker import kept_tracker, tracker

    late = item("K1", due=date(2025, 6, 30))
    s = session("GS-2", recommendations=(late,))
    model = supervision(s)
    kept.keep()
    try:
        first = kept_tracker(model)
        assert first == tracker(model)
        assert kept_tracker(supervision(s)) is first  # a new model around the same session objects
        assert kept_tracker(supervision(session("GS-2", recommendations=(late,)))) is not first
        code, status = next(iter(model.statuses.items()))
        relabelled = {**model.statuses, code: replace(status, label=Text("khác", "other"))}
        assert kept_tracker(replace(model, statuses=relabelled)) is not first
        reordered = {**model.statuses, code: replace(status, order=status.order + 100)}
        assert kept_tracker(replace(model, statuses=reordered)) is not first
        earlier = kept_tracker(replace(model, build_date=date(2025, 1, 1)))
        assert earlier is not first and [row.overdue for row in earlier.rows] == [False]
    finally:
        kept.stop_keeping()
    assert kept_tracker(model) is not first
