"""The accountability summary (claims), the tracker's rows and the home page's story: exact counts on the
fixture and on the real data, unknown never read as zero, and the sentences that word them."""

from datetime import date
from pathlib import Path

from conftest import ROOT

from generator import pipeline
from generator.core.locale import locale
from generator.core.settings import Settings
from generator.supervision.feature import latest_sessions, unconfirmed_newer
from generator.supervision.model import Supervision
from generator.supervision.summary import ALL_KINDS, summarise, summary_digest, words
from generator.supervision.tracker import tracker


def supervision_of(datasets: Path, build_date: date = date(2026, 11, 26)) -> Supervision:
    return pipeline.check(Settings(datasets_dir=datasets, root=datasets.parent, build_date=build_date)).model(
        Supervision)


def tallies(summary) -> list[tuple[str, int, int]]:
    return [(t.status.code, t.count.value, t.inferred) for t in summary.by_status]


def test_the_fixture_summary_counts_each_status_and_knows_overdue_from_no_deadline(project):
    supervision = supervision_of(project)
    conclusions = summarise(supervision)
    assert conclusions.total.value == 2 and conclusions.since == 2024 and conclusions.sessions_unknown == 0
    # what is known first, "no information" last
    assert tallies(conclusions) == [("dinh_hoan", 1, 1), ("chua_co_thong_tin", 1, 0)]
    assert (conclusions.overdue.value, conclusions.with_due, conclusions.inferred.value) == (1, 1, 1)
    everything = summarise(supervision, ALL_KINDS)
    assert everything.total.value == 3 and tallies(everything) == [("dinh_hoan", 1, 1), ("chua_co_thong_tin", 2, 0)]
    assert words(conclusions, locale("vi")) == ("2 kết luận, kiến nghị từ năm 2024: 1 đình hoãn (suy đoán) và 1 chưa "
                                                "có thông tin công khai về việc thực hiện.")
    assert words(conclusions, locale("en")) == ("2 conclusions and recommendations since 2024: 1 suspended (inferred) "
                                                "and 1 with no public information on what became of it.")


def test_sessions_whose_conclusions_are_not_known_are_named_not_counted_as_none(project):
    path = project / "giam-sat" / "sessions" / "2024-06-11-test.yaml"
    text = path.read_text("utf-8")
    path.write_text(text[:text.index("recommendations:")] + text[text.index("issues:"):], "utf-8")
    summary = summarise(supervision_of(project))
    assert summary.total.value == 0 and summary.sessions_unknown == 1 and summary.since is None
    assert words(summary, locale("vi")) == "Chưa biết danh sách kết luận, kiến nghị của phiên nào trong 1 phiên."
    assert words(summary, locale("en")) == "The conclusions of the 1 session are not known yet."


def test_a_session_still_ahead_is_neither_counted_nor_missing(project):
    supervision = supervision_of(project, build_date=date(2024, 6, 1))  # before the session took place
    assert summarise(supervision).sessions_unknown == 0 and latest_sessions(supervision) == (None, None)


def test_tracker_rows_carry_their_age_since_the_latest_news(project):
    rows = {row.item.local_id: row for row in tracker(supervision_of(project)).rows}
    assert list(rows) == ["K01", "K02", "Y01"]  # one list, in the table's own order
    assert rows["K01"].latest.date == date(2024, 6, 11) and rows["K01"].age == 898 and rows["K01"].overdue
    assert rows["K01"].age_shown == (898, "day")
    assert rows["K02"].latest.date == date(2024, 12, 1)
    assert rows["K02"].age == (date(2026, 11, 26) - date(2024, 12, 1)).days
    assert not rows["K02"].overdue and rows["Y01"].age == 898


def test_the_real_data_summary():
    """The real sessions as of 30 Nov 2026: the numbers the home page states, each checked here."""
    supervision = supervision_of(ROOT / "datasets", date(2026, 11, 30))
    summary = summarise(supervision)
    assert (summary.total.value, summary.since, summary.sessions_unknown) == (10, 2024, 6)
    assert tallies(summary) == [("dinh_hoan", 2, 2), ("chua_co_thong_tin", 8, 0)]
    assert words(summary, locale("vi")) == (
        "10 kết luận, kiến nghị từ năm 2024: 2 đình hoãn (suy đoán) và 8 chưa có thông tin công khai về việc thực "
        "hiện. Chưa biết danh sách kết luận, kiến nghị của 6 phiên khác.")
    # the 10 Dec 2025 session is dated from a pre-session agenda (flagged inferred): no source says it was held
    # that day, so it is named apart from the latest session, not as it
    latest, known = latest_sessions(supervision)
    assert (latest.id, known.id) == ("GS-2025-07-17-TDM", "GS-2025-07-17-TDM")
    assert [s.id for s in unconfirmed_newer(supervision, latest)] == ["CV-2025-12-10"]
    everything = summarise(supervision, ALL_KINDS)
    assert everything.total.value == len(tracker(supervision).rows) == 15


def test_a_page_of_the_tracker_takes_the_rows_of_its_sessions_and_the_summary_of_all(project):
    whole = tracker(supervision_of(project))
    session = whole.rows[0].session
    assert [row.item.local_id for row in whole.rows_of([session])] == ["K01", "K02", "Y01"]
    assert whole.rows_of([]) == ()
    # the summary's digest follows what it says: a day later nothing changes, before the deadline one fewer overdue
    assert summary_digest(whole.summary) == summary_digest(tracker(supervision_of(project, date(2026, 11, 27))).summary)
    assert summary_digest(whole.summary) != summary_digest(tracker(supervision_of(project, date(2024, 6, 12))).summary)
