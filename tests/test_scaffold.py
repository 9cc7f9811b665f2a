"""``minhbach new``: skeletons validate (with no warning), invent nothing, and never overwrite.

Every test works on a copy of the real ``datasets/`` in tmp_path; the real folder is never written.
"""

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import BUILD_DATE, ROOT, settings_for

from generator import pipeline
from generator.cli import main, parser
from generator.core.messages import CATALOGUE
from generator.supervision.model import Supervision
from generator.supervision.records import SESSION_KEYS


@pytest.fixture
def copy(tmp_path: Path, monkeypatch) -> Path:
    """A copy of the real datasets; "today" pinned to the tests' build date; cwd at the copy's root."""
    shutil.copytree(ROOT / "datasets", tmp_path / "datasets")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MINHBACH_BUILD_DATE", BUILD_DATE.isoformat())
    return tmp_path / "datasets"


def new(datasets: Path, kind: str, *argv: str) -> int:
    return main(["new", kind, *argv, "--datasets", str(datasets)])


def validate(datasets: Path, capsys) -> dict:
    """Strict validation (a warning fails too), as JSON."""
    capsys.readouterr()
    code = main(["validate", "--datasets", str(datasets), "--format", "json", "--strict",
                 "--build-date", BUILD_DATE.isoformat()])
    report = json.loads(capsys.readouterr().out)
    assert (code == 0) == report["valid"]
    return report


def sessions(datasets: Path) -> Path:
    return datasets / "giam-sat" / "sessions"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_new_session_validates_with_no_warning_and_states_only_what_was_given(copy, capsys):
    assert new(copy, "session", "--date", "2025-03-04", "--agencies", "SNV,STC", "--slug", "thu-nghiem") == 0
    assert capsys.readouterr().out == (
        "minhbach new: đã tạo / created datasets/giam-sat/sessions/2025-03-04-thu-nghiem.yaml\n"
        "Tiếp theo: điền theo nguồn, rồi chạy `minhbach validate` (xem docs/huong-dan.md).\n"
        "Next: fill it in from the sources, then run `minhbach validate` (see docs/huong-dan.md).\n")
    assert validate(copy, capsys) == {"valid": True, "problems": []}
    supervision = pipeline.check(settings_for(copy)).model(Supervision)
    session = next(s for s in supervision.sessions if s.path.endswith("2025-03-04-thu-nghiem.yaml"))
    assert session.id == "GS-2025-03-04-THU-NGHIEM"
    assert session.agencies == ("SNV", "STC") and session.form == "giam_sat_chuyen_de"
    assert session.topic.vi == "Giám sát chuyên đề – Sở Nội vụ, Sở Tài chính"
    assert session.topic.en == "Thematic supervision – Department of Home Affairs, Department of Finance"
    # Nothing the maintainer did not give: no source, chair, summary, facts, items or responses.
    assert session.sources == () and not session.chair and not session.summary.vi
    assert session.facts == session.recommendations == session.issues == session.responses == ()


def test_codes_with_vietnamese_letters_are_written_as_they_are(copy, capsys):
    assert new(copy, "session", "--date", "2025-03-04", "--agencies", "SKHĐT,SGDĐT", "--slug", "dt") == 0
    assert "\nagencies: [SKHĐT, SGDĐT]\n" in (sessions(copy) / "2025-03-04-dt.yaml").read_text("utf-8")
    assert validate(copy, capsys) == {"valid": True, "problems": []}


def test_an_agency_abolished_before_the_session_date_gets_a_note(copy, capsys):
    # District 1 (Q1) ends on 2025-06-30 in the agencies table: a later session naming it is probably a mistake.
    assert new(copy, "session", "--date", "2025-09-01", "--agencies", "Q1,SNV", "--slug", "q1") == 0
    err = capsys.readouterr().err
    assert "Q1 chỉ có hiệu lực … – 2025-06-30" in err and "SNV" not in err
    assert new(copy, "session", "--date", "2025-06-30", "--agencies", "Q1", "--slug", "q1") == 0
    assert "lưu ý" not in capsys.readouterr().err


def test_the_skeleton_documents_every_session_key(copy):
    assert new(copy, "session", "--date", "2025-03-04", "--agencies", "SNV") == 0
    text = (sessions(copy) / "2025-03-04-giam-sat-chuyen-de.yaml").read_text("utf-8")
    written = set(re.findall(r"^#? ?([a-z_]+):", text, re.M))
    assert SESSION_KEYS - written == set()


def test_a_future_session_is_marked_planned_and_needs_it(copy, capsys):
    assert new(copy, "session", "--date", "2027-01-15", "--agencies", "STP", "--slug", "du-kien") == 0
    path = sessions(copy) / "2027-01-15-du-kien.yaml"
    assert re.search(r"^planned: true$", path.read_text("utf-8"), re.M)
    assert validate(copy, capsys) == {"valid": True, "problems": []}
    path.write_text(path.read_text("utf-8").replace("\nplanned: true\n", "\n"), "utf-8")
    assert [p["code"] for p in validate(copy, capsys)["problems"]] == ["future-date"]


def test_a_past_session_is_not_marked_planned(copy):
    assert new(copy, "session", "--date", "2025-03-04", "--agencies", "SNV") == 0
    text = (sessions(copy) / "2025-03-04-giam-sat-chuyen-de.yaml").read_text("utf-8")
    assert not re.search(r"^planned:", text, re.M)


def test_questioning_sessions_get_the_cv_prefix_and_the_form_as_default_slug(copy, capsys):
    assert new(copy, "session", "--date", "2025-03-04", "--agencies", "", "--form", "chat_van") == 0
    text = (sessions(copy) / "2025-03-04-chat-van.yaml").read_text("utf-8")
    assert "\nid: CV-2025-03-04-CHAT-VAN\n" in text and "\nagencies: []\n" in text
    assert "\ntopic_vi: Chất vấn\n" in text
    assert validate(copy, capsys) == {"valid": True, "problems": []}


def test_an_existing_session_file_is_never_overwritten(copy, capsys):
    before = snapshot(sessions(copy))
    assert new(copy, "session", "--date", "2024-06-11", "--agencies", "SNV", "--slug", "cchc") == 1
    assert "không ghi đè / file exists, not overwritten" in capsys.readouterr().err
    assert snapshot(sessions(copy)) == before
    assert new(copy, "session", "--date", "2025-03-04", "--agencies", "SNV") == 0
    path = sessions(copy) / "2025-03-04-giam-sat-chuyen-de.yaml"
    path.write_text("id: edited by hand\n", "utf-8")
    assert new(copy, "session", "--date", "2025-03-04", "--agencies", "STC") == 1
    assert path.read_text("utf-8") == "id: edited by hand\n"


def test_an_id_used_by_another_session_is_refused(copy, capsys):
    # 2022-12-09-nq131-giam-sat.yaml already has the id GS-2022-12-09-NQ131.
    assert new(copy, "session", "--date", "2022-12-09", "--agencies", "SNV", "--slug", "nq131") == 1
    err = capsys.readouterr().err
    assert "GS-2022-12-09-NQ131" in err and "2022-12-09-nq131-giam-sat.yaml" in err
    assert not (sessions(copy) / "2022-12-09-nq131.yaml").exists()


@pytest.mark.parametrize("pattern", ["../outside/*.yaml", "/tmp/minhbach-outside/*.yaml"])
def test_a_sessions_pattern_out_of_the_package_places_no_file(copy, capsys, pattern):
    """validate calls such a pattern unsafe-path; ``new`` placed the file where it pointed (/etc/<date>.yaml)."""
    descriptor = copy / "giam-sat" / "datapackage.yaml"
    descriptor.write_text(descriptor.read_text("utf-8").replace("sessions/*.yaml", pattern), "utf-8")
    before = snapshot(copy)
    assert new(copy, "session", "--date", "2025-03-04", "--agencies", "SNV") == 1
    assert f"'{pattern}'" in capsys.readouterr().err
    assert snapshot(copy) == before
    assert not Path("/tmp/minhbach-outside").exists()


def test_unknown_agencies_are_refused_with_a_suggestion_each(copy, capsys):
    before = snapshot(sessions(copy))
    assert new(copy, "session", "--date", "2025-03-04", "--agencies", "SNV,SNVV,stc") == 1
    err = capsys.readouterr().err
    assert "'SNVV' (có phải 'SNV'? / did you mean 'SNV'?)" in err
    assert "'stc' (có phải 'STC'? / did you mean 'STC'?)" in err
    assert set(re.findall(r"'(\w+)' \(có phải", err)) == {"SNVV", "stc"}
    assert snapshot(sessions(copy)) == before


def test_an_unknown_form_is_refused(copy, capsys):
    assert new(copy, "session", "--date", "2025-03-04", "--form", "chat-van") == 1
    assert "'chat-van' (có phải 'chat_van'?" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [
    ("session", "--date", "2025-13-01"),
    ("session", "--date", "2025-03-04", "--slug", "Có Dấu"),
    ("package", "Goi Moi"),
])
def test_malformed_arguments_are_usage_errors(copy, argv):
    before = snapshot(copy)
    assert new(copy, *argv) == 2
    assert snapshot(copy) == before


def test_a_missing_datasets_folder_is_a_usage_error(tmp_path, capsys):
    assert main(["new", "package", "goi-moi", "--datasets", str(tmp_path / "nowhere")]) == 2
    assert not (tmp_path / "nowhere").exists()


def test_the_supervision_package_is_found_by_its_role_not_its_folder(copy, capsys):
    (copy / "giam-sat").rename(copy / "hdnd")
    assert new(copy, "session", "--date", "2025-03-04", "--agencies", "SNV") == 0
    assert (copy / "hdnd" / "sessions" / "2025-03-04-giam-sat-chuyen-de.yaml").is_file()
    assert validate(copy, capsys) == {"valid": True, "problems": []}


def test_a_new_package_validates_and_its_source_reference_is_checked(copy, capsys):
    assert new(copy, "package", "thu-nghiem") == 0
    folder = copy / "thu-nghiem"
    table = folder / "data" / "thu-nghiem.csv"
    assert table.read_text("utf-8") == "id,label_vi,label_en,value,source_id,flags,note_vi,note_en\n"
    assert validate(copy, capsys) == {"valid": True, "problems": []}
    datasets = pipeline.check(settings_for(copy)).datasets
    package = next(p for p in datasets.packages if p.name == "thu-nghiem")
    assert [t.name for t in package.tables] == ["thu-nghiem"] and package.tables[0].rows == []
    with table.open("a", encoding="utf-8") as handle:
        handle.write("r1,Thử,Trial,1.5,khong-co-nguon,,,\n")
    problems = validate(copy, capsys)["problems"]
    # at the cell, with the closest source (maint7 #7 and new6 #5: a cross-package reference had no column)
    assert [(p["code"], p["line"], p["column"]) for p in problems] == [("unknown-reference", 2, 18)]
    table.write_text(table.read_text("utf-8").replace("khong-co-nguon", "thanhuytphcm-2024-06-23"), "utf-8")
    assert validate(copy, capsys) == {"valid": True, "problems": []}


@pytest.mark.parametrize("name", ["ngan_sach2", "so.lieu-1", "_nhap"])
def test_a_package_name_is_held_to_the_descriptor_name_rule(copy, capsys, name):
    """maint7 #5: the guide and ``descriptor-name`` allow '_' and '.', which ``new package`` refused with a rule
    of its own ("only '-'"), repeated in the skeleton."""
    assert new(copy, "package", name) == 0
    assert validate(copy, capsys) == {"valid": True, "problems": []}
    assert '"-", "_" hoặc "."' in (copy / name / "datapackage.yaml").read_text("utf-8")
    before = snapshot(copy)
    assert new(copy, "package", f".{name}") == 2
    assert f"'.{name}': {CATALOGUE['descriptor-name'].hint_vi} / {CATALOGUE['descriptor-name'].hint_en}" in \
        capsys.readouterr().err
    assert snapshot(copy) == before


@pytest.mark.parametrize("name", ["index", "minhbach-data"])
def test_a_package_name_that_is_one_of_the_sites_own_addresses_is_refused_before_a_skeleton_is_written(
        copy, capsys, name):
    """``new package index`` wrote a skeleton that validate then refused (``reserved-name``: the catalogue's own
    page; ``minhbach-data``: the bulk zip): the command says so itself, with that rule's hint, and writes nothing."""
    before = snapshot(copy)
    assert new(copy, "package", name) == 2
    assert CATALOGUE["reserved-name"].hint_en in capsys.readouterr().err
    assert snapshot(copy) == before


def test_an_existing_package_folder_or_name_is_refused(copy, capsys):
    (copy / "co-quan").rename(copy / "agencies")
    before = snapshot(copy)
    assert new(copy, "package", "nguon") == 1
    assert "folder exists" in capsys.readouterr().err
    assert new(copy, "package", "co-quan") == 1
    assert "'co-quan' đã dùng ở" in capsys.readouterr().err
    assert snapshot(copy) == before


def test_scaffolds_build_into_the_site(copy, tmp_path):
    assert new(copy, "session", "--date", "2025-03-04", "--agencies", "SNV,STC", "--slug", "thu-nghiem") == 0
    assert new(copy, "package", "thu-nghiem") == 0
    out = tmp_path / "site"
    assert main(["build", "--datasets", str(copy), "--out", str(out), "--config", str(ROOT / "mkdocs.yml"),
                 "--build-date", BUILD_DATE.isoformat()]) == 0
    page = (out / "giam-sat" / "gs-2025-03-04-thu-nghiem" / "index.html").read_text("utf-8")
    assert "Giám sát chuyên đề – Sở Nội vụ, Sở Tài chính" in page
    assert (out / "du-lieu" / "thu-nghiem" / "index.html").is_file()


def test_every_option_of_new_is_in_the_readme_and_the_guide():
    readme = (ROOT / "README.md").read_text("utf-8")
    guide = (ROOT / "docs" / "huong-dan.md").read_text("utf-8")
    new_parser = parser()._subparsers._group_actions[0].choices["new"]
    for kind, sub in new_parser._subparsers._group_actions[0].choices.items():
        assert f"minhbach new {kind}" in readme and f"minhbach new {kind}" in guide
        for option in (o for action in sub._actions for o in action.option_strings if o.startswith("--")):
            if option != "--help":
                assert option in readme, f"new {kind} {option}"
                assert option in guide, f"new {kind} {option}"
