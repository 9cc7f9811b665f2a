"""The supervision package's ``x-minhbach.records.sessions`` pattern: a pattern that reads no session file, or is no
pattern of files inside the package, is an error at its key; a file in the sessions' folder that it does not read is
a warning at that file. Before, a typo (``session/*.yaml``) published a site with no session and no word, and
``/etc/*.yaml`` stopped validate with exit 2 (hostile audit 3, #2 and #3)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SESSION, settings_for, write

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


GLOBSTARS = "sessions/**/**/**/**/**/**/**/**/*.yaml"
# Counts the folders listed while the pattern is read (the os.scandir audit event), in a process of its own: an
# audit hook cannot be removed
_COUNT_LISTINGS = """
import sys
from pathlib import Path
from generator.supervision.records import record_files
listed = []
sys.addaudithook(lambda event, args: listed.append(args[0]) if event == "os.scandir" else None)
folder = Path(sys.argv[1])
found = [p.relative_to(folder).as_posix() for p in record_files(folder, sys.argv[2])]
print(len(listed), *found)
"""


def _deep(folder: Path, depth: int) -> Path:
    """A folder ``depth`` levels below ``folder``, each named d, holding one file that is no session."""
    deepest = folder
    for _ in range(depth):  # one by one: Path.mkdir(parents=True) recurses once per level too
        deepest = deepest / "d"
        deepest.mkdir()
    write(deepest / "keep.txt", "x\n")
    return deepest


def test_a_pattern_of_repeated_globstars_lists_each_folder_once_per_part(project):
    """Path.glob walked the folders below each '**' anew from every folder the one before reached: eight of them and
    one folder 25 deep held validate and build for minutes (7 took 77 s), for the same files (hostile audit 7, #3).
    Each (folder, part) is visited once now: 13 folders and 9 parts list at most 117 folders (Path.glob: thousands)."""
    folder = project / "giam-sat"
    _deep(folder / "sessions", 12)
    run = subprocess.run([sys.executable, "-c", _COUNT_LISTINGS, str(folder), GLOBSTARS], capture_output=True,
                         text=True, cwd=ROOT, timeout=120, check=True)
    listed, *found = run.stdout.split()
    assert found == ["sessions/2024-06-11-test.yaml"]
    assert int(listed) <= 13 * 9


def test_repeated_globstars_read_the_sessions_one_does(project):
    """The same pattern, the session files below a folder 25 deep: read as one '**' reads them, in no time."""
    _deep(project / "giam-sat" / "sessions", 25)
    write(project / "giam-sat" / "sessions" / "a" / "2024-06-12-test.yaml",
          SESSION.lstrip("\n").replace("GS-2024-06-11", "GS-2024-06-12"))
    _pattern(project, f'"{GLOBSTARS}"')
    assert _found(project) == [("unread-file", "keep.txt", None, None)]


def test_a_folder_a_thousand_deep_is_walked_to_its_end(project):
    """The datasets and the sessions' folder were walked by recursion: one file 1,100 folders deep (a long path, in
    git) stopped validate and build with a RecursionError (exit 2). It is walked to, and warned about as any file
    there is."""
    deepest = _deep(project / "giam-sat" / "sessions", 1100)
    try:
        assert _found(project) == [("unread-file", "keep.txt", None, None)]
        assert main(["validate", "--datasets", str(project)]) == 0
        # the build's stamp of its inputs walked them with os.walk, which recurses in Python 3.11: exit 2 there too
        assert main(["build", "--datasets", str(project), "--out", str(project.parent / "site"), "--config",
                     str(ROOT / "mkdocs.yml"), "--cache-dir", str(project.parent / "cache"),
                     "--build-date", "2026-12-01", "--jobs", "1"]) == 0
    finally:  # removed here, from the bottom up: pytest's own cleanup (shutil.rmtree) recurses once per level
        (deepest / "keep.txt").unlink()
        while deepest.name == "d":
            deepest.rmdir()
            deepest = deepest.parent


def test_the_walk_without_recursion_yields_what_os_walk_does_and_prunes_as_it_does():
    import os

    from generator.core.walk import walk

    for top in (ROOT / "generator", ROOT / "datasets", ROOT / "docs"):
        assert list(walk(top)) == list(os.walk(top))
    pruned = []
    for folder, names, _ in walk(ROOT / "generator"):
        names[:] = [name for name in names if name != "templates"]
        pruned.append(folder)
    assert pruned and not any("templates" in Path(folder).parts for folder in pruned)


@pytest.mark.parametrize("pattern", ["sessions/*.yaml", "sessions/**/*.yaml", "**/*.yaml", "*/*.yaml",
                                     "sessions/*/*.yaml", "**/cu/*.yaml", "sessions/**/**/*.yaml", "sessions/?.yaml"])
def test_the_change_log_counts_as_record_files_the_files_the_pattern_reads(tmp_path, pattern):
    """The change log matched a record file's path with fnmatch, whose '*' crosses '/': with ``sessions/*.yaml`` a
    file in ``sessions/cu/`` (which the site never reads) was counted and diffed as a session file."""
    from generator.changes.history import is_record
    from generator.core.read.patterns import glob_paths

    files = ["sessions/x.yaml", "sessions/cu/y.yaml", "sessions/cu/sau/z.yaml", "khac/w.yaml", "sessions/.an.yaml",
             "dau.yaml"]
    for name in files:
        write(tmp_path / name, "id: x\n")
    read = {path.relative_to(tmp_path).as_posix() for path in glob_paths(tmp_path, pattern) if path.is_file()}
    assert {name for name in files if is_record(f"giam-sat/{name}", "giam-sat/", pattern)} == read
