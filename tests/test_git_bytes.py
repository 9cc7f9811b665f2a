"""The change log reads git's history whatever bytes a commit subject or a file name holds (every byte but NUL,
which git refuses): real repositories made in tmp_path, built and validated by the command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import settings_for, write
from test_build import build
from test_changes import FIRST, SECOND, THIRD, commit, git, set_version

from generator.changes import git as changes_git
from generator.changes import history
from generator.changes.git import Repository, parse_log
from generator.cli import main

# 0x1E and 0x1F were the old parser's record and field separators; a line end and a tab are the separators of
# line-based tools; a trailing carriage return is dropped by ``cat-file --batch``'s line reading.
ODD_NAMES = ("note\x1e2024.md", "a\x1fb.md", "x\ny.md", "t\tz.md", "r.md\r")
ODD_SUBJECT = "Fix typo\x1e in \x1fnotes"


@pytest.fixture
def odd_repo(project: Path) -> dict:
    """Release 1.0.0 of `nguon`; then 1.1.0, whose subject holds 0x1E and 0x1F, adds files with odd names
    beside a plain `r.md` (what a dropped carriage return would read instead); then a commit removes them
    again: the names stay in the history, as in a merged pull request."""
    root = project.parent
    git(root, "init", "-q")
    set_version(project, "1.0.0")
    first = commit(root, "First release", FIRST)
    set_version(project, "1.1.0")
    for name in ODD_NAMES:
        (project / "nguon" / name).write_bytes(f"{name!r}\n".encode())
    write(project / "nguon" / "r.md", "plain\n")
    second = commit(root, ODD_SUBJECT, SECOND)
    for name in ODD_NAMES:
        (project / "nguon" / name).unlink()
    third = commit(root, "Remove the notes\x1e", THIRD)
    return {"root": root, "datasets": project, "first": first, "second": second, "third": third}


def test_subjects_and_file_names_are_read_as_committed(odd_repo):
    with Repository.open(odd_repo["datasets"]) as repo:
        commits = repo.commits()
        assert [(c.sha, c.subject) for c in commits] == [
            (odd_repo["first"], "First release"), (odd_repo["second"], ODD_SUBJECT),
            (odd_repo["third"], "Remove the notes\x1e")]
        added = {path for status, path in commits[1].changes if status == "A"}
        assert added == {f"datasets/nguon/{name}" for name in (*ODD_NAMES, "r.md")}
        assert sorted(commits[2].changes) == sorted(("D", f"datasets/nguon/{name}") for name in ODD_NAMES)
        # each name reads its own file, not a file whose name the batch's line reading would make of it
        for name in ODD_NAMES:
            assert repo.read(odd_repo["second"], f"datasets/nguon/{name}") == f"{name!r}\n".encode()
        assert repo.read(odd_repo["second"], "datasets/nguon/r.md") == b"plain\n"
        assert repo.read(odd_repo["third"], "datasets/nguon/r.md\r") is None  # removed there
        assert repo.read(odd_repo["second"], "datasets/nguon/x\ny.md", limit=3) is None  # larger than the limit
    found = history.load_history(settings_for(odd_repo["datasets"]))
    assert found.reason == ""
    release = next(r for r in found.releases if r.package == "nguon" and r.version == "1.1.0")
    assert release.commit == odd_repo["second"]
    assert sorted((f.status, f.path) for f in release.files) == sorted(("A", n) for n in (*ODD_NAMES, "r.md"))
    unreleased = next(r for r in found.releases if r.package == "nguon" and not r.released)
    assert sorted((f.status, f.path) for f in unreleased.files) == sorted(("D", n) for n in ODD_NAMES)


def test_a_history_with_odd_bytes_validates_and_builds(odd_repo, tmp_path):
    assert main(["validate", "--datasets", str(odd_repo["datasets"])]) == 0
    out = tmp_path / "site"
    assert build(odd_repo["datasets"], out) == 0
    page = (out / "thay-doi" / "index.html").read_text("utf-8")
    # the release of the odd commit, and the unreleased removal at HEAD (an unreleased entry has no subject)
    assert f"<code>{odd_repo['second'][:7]}</code>" in page and "Fix typo" in page
    assert f"<code>{odd_repo['third'][:7]}</code>" in page and "2024.md" in page
    assert "git reported an error" not in (out / "en" / "thay-doi" / "index.html").read_text("utf-8")


@pytest.mark.parametrize("output", [
    b"no commit here",  # not git log's shape
    b"\x000123\x002026-01-10T09:00:00+07:00\x00s",  # not a commit hash
    b"\x00" + b"a" * 40 + b"\x00yesterday\x00s",  # not a date
    b"\x00" + b"a" * 40 + b"\x002026-01-10T09:00:00+07:00\x00s\x00\nA\x00",  # a status without its path
    b"\x00" + b"a" * 40 + b"\x002026-01-10T09:00:00+07:00\x00s\x00\nnot a status\x00p\x00",
    b"\x00" + b"a" * 40 + b"\x002026-01-10",  # cut short
])
def test_output_of_another_shape_is_a_git_error_not_a_crash(output):
    with pytest.raises(changes_git.GitUnavailable) as raised:
        parse_log(output)
    assert raised.value.reason == changes_git.GIT_ERROR and "unexpected git log output" in raised.value.detail


def test_the_log_s_own_shapes_parse():
    sha, other = "a" * 40, "b" * 64  # SHA-1 and SHA-256 repositories
    output = (f"\0{sha}\0{FIRST}\0\0\0"  # an empty subject and an empty diff (two NULs before the next commit)
              f"\0{other}\0{SECOND}\0s\x1e\x1f\0\nA\0p\x1eq\0D\0line\nend\0").encode()
    commits = parse_log(output)
    assert [(c.sha, c.subject, c.changes) for c in commits] == [
        (sha, "", ()), (other, "s\x1e\x1f", (("A", "p\x1eq"), ("D", "line\nend")))]
    assert parse_log(b"") == []


# Control characters (a vertical tab, an escape sequence, DEL, NEL) and a line break that would end Markdown's
# HTML block, so that what follows it is read as Markdown, a link included.
SHOWN_SUBJECT = "x \x0b\x1b[31m \x7f\x85 end\r\r[a](javascript:alert(1))"
SHOWN_NAME = "b\x1b[1m\x85\n\n[b](javascript:alert(2)).md"
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def test_subjects_and_file_names_reach_the_page_printable_on_one_line(project, tmp_path):
    root = project.parent
    git(root, "init", "-q")
    set_version(project, "1.0.0")
    commit(root, "First release", FIRST)
    set_version(project, "1.1.0")
    write(project / "nguon" / SHOWN_NAME, "note\n")
    second = commit(root, SHOWN_SUBJECT, SECOND)
    found = history.load_history(settings_for(project))
    release = next(r for r in found.releases if r.commit == second and r.package == "nguon")
    assert release.subject == "x [31m end [a](javascript:alert(1))"
    assert [f.label for f in release.files] == ["b[1m [b](javascript:alert(2)).md"]
    out = tmp_path / "site"
    assert build(project, out) == 0
    for lang in ("", "en/"):
        page = (out / f"{lang}thay-doi" / "index.html").read_text("utf-8")
        assert "x [31m end [a](javascript:alert(1))</span>" in page
        assert "<code>b[1m [b](javascript:alert(2)).md</code>" in page
        assert "javascript:" not in "".join(re.findall(r'href="[^"]*"', page))
        assert not CONTROLS.search(page)
        assert not CONTROLS.search((out / f"{lang}thay-doi" / "atom.xml").read_text("utf-8"))


def test_git_s_own_error_line_reaches_the_page_printable(tmp_path, monkeypatch):
    """The reason there is no history quotes git's error line, which may quote a path or a ref from the data."""
    def refuse(folder):  # noqa: ANN001, ANN202
        raise changes_git.GitUnavailable(changes_git.GIT_ERROR, "fatal: bad ref 'x\x1b[31m\x7f'\r\nsecond line")

    monkeypatch.setattr(Repository, "open", refuse)
    found = history.load_history(settings_for(tmp_path))
    assert (found.reason, found.detail) == (changes_git.GIT_ERROR, "fatal: bad ref 'x[31m' second line")
