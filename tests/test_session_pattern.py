"""The supervision package's ``x-minhbach.records.sessions`` pattern: a pattern that reads no session file, or is no
pattern of files inside the package, is an error at its key; a file in the sessions' folder that it does not read is
a warning at that file. Before, a typo (``session/*.yaml``) published a site with no session and no word, and
``/etc/*.yaml`` stopped validate with exit 2 (hostile audit 3, #2 and #3)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SESSION, settings_for, write

from generator import pipeline
from generator.cli import main

DESCRIPTOR = Path("giam-sat") / "datapackage.yaml"


def _pattern(project: Path, pattern: str) -> Path:
    path = project / DESCRIPTOR
    text = path.read_text("utf-8")
    assert 'sessions: "sessions/*.yaml"' in text
    path.write_text(text.replace('sessions: "sessions/*.yaml"', f"sessions: {pattern}"), "utf-8")
    return project


def _found(project: Path, code: str | None = None) -> list[tuple[str, str, int | None, str | None]]:
    problems = pipeline.check(settings_for(project)).problems
    return [(p.code, Path(p.path).name, p.line, p.field) for p in problems if code is None or p.code == code]


@pytest.mark.parametrize(("pattern", "code"), [
    ("session/*.yaml", "no-sessions"),  # a typo: every session gone
    ("sessions", "no-sessions"),  # the folder, not its files
    ('"sessions/[.yaml"', "no-sessions"),
    ("sessions/*.yml", "no-sessions"),
    ('"/etc/*.yaml"', "unsafe-path"),  # validate stopped with NotImplementedError (exit 2)
    ('"../../*.yaml"', "unsafe-path"),
    ('"sessions/../../*.yaml"', "unsafe-path"),
    ("5", "descriptor-type"),
    ("[sessions/*.yaml]", "descriptor-type"),
])
def test_a_pattern_that_reads_no_session_is_an_error_at_its_key(project, pattern, code):
    _pattern(project, pattern)
    assert _found(project, code) == [(code, "datapackage.yaml", 3, "sessions")]
    assert main(["validate", "--datasets", str(project)]) == 1


def test_the_message_names_the_session_files_the_pattern_misses(project):
    _pattern(project, "session/*.yaml")
    [found] = [p for p in pipeline.check(settings_for(project)).problems if p.code == "no-sessions"]
    assert found.params_dict() == {"pattern": "session/*.yaml", "files": "sessions/2024-06-11-test.yaml"}
    assert "make the pattern match the session files' names" in found.hint("en")


def test_a_supervision_package_without_any_session_file_is_an_error_too(project):
    (project / "giam-sat" / "sessions" / "2024-06-11-test.yaml").unlink()
    [found] = [p for p in pipeline.check(settings_for(project)).problems if p.code == "no-sessions"]
    assert found.params_dict()["files"] == "—" and "minhbach new session" in found.hint("vi")


def test_without_the_key_the_pattern_is_sessions_yaml(project):
    path = project / DESCRIPTOR
    path.write_text(path.read_text("utf-8").replace(', records: {sessions: "sessions/*.yaml"}', ""), "utf-8")
    assert _found(project) == []
    (project / "giam-sat" / "sessions" / "2024-06-11-test.yaml").rename(project / "giam-sat" / "s.yaml")
    assert _found(project, "no-sessions") == [("no-sessions", "datapackage.yaml", 3, "sessions")]


@pytest.mark.parametrize("name", ["2024-06-12-x.yml", "2024-06-12-z.YAML", "2024-06-12-w.yaml.txt",
                                  "2024/2024-06-12-y.yaml", "ghi-chu.md"])
def test_a_file_in_the_sessions_folder_the_pattern_does_not_read_is_a_warning_at_it(project, name):
    write(project / "giam-sat" / "sessions" / name, SESSION.replace("GS-2024-06-11-TEST", "GS-X"))
    assert _found(project) == [("unread-file", Path(name).name, None, None)]
    assert main(["validate", "--datasets", str(project)]) == 0
    assert main(["validate", "--datasets", str(project), "--strict"]) == 1


def test_hidden_files_and_the_files_a_pattern_reads_are_not_warned_about(project):
    write(project / "giam-sat" / "sessions" / ".2024-06-12-x.yaml.swp", "editor's")
    write(project / "giam-sat" / "sessions" / "2024" / "2024-06-12-y.yaml", SESSION.replace("GS-2024-06-11-TEST", "Y"))
    _pattern(project, '"sessions/**/*.yaml"')
    assert _found(project) == []


def test_a_pattern_in_the_package_folder_warns_only_about_yaml_files_it_does_not_read(project):
    folder = project / "giam-sat"
    (folder / "sessions" / "2024-06-11-test.yaml").rename(folder / "2024-06-11-test.yaml")
    write(folder / "2024-06-12-x.yml", SESSION.replace("GS-2024-06-11-TEST", "GS-X"))
    write(folder / "GHI-CHU.txt", "notes")
    _pattern(project, '"*.yaml"')
    assert _found(project) == [("unread-file", "2024-06-12-x.yml", None, None)]
