"""The cache folder (``--cache-dir``) is the cache's own, or refused; pruning deletes only what the cache wrote.

Pruning once deleted every file two levels down that was older than the previous build, whatever it was:
``--cache-dir .`` in a project deleted its datasets and its ``.git`` after two builds (hostile audit 3, #1).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, Package, Resource

from generator.cli import main
from generator.core.cache import NAMESPACES, TAG, Cache

P = Package("p", (Resource("t", ("id:integer", "name:string"), rows="1,a\n2,b\n"),), "title: P")
OLD = 1_600_000_000  # 2020: older than any build


def _old(folder: Path) -> None:
    """Every file and folder below ``folder`` last changed in 2020, as a checkout a day old is to a build."""
    for path in [folder, *folder.rglob("*")]:
        os.utime(path, (OLD, OLD), follow_symlinks=False)


def _validate(datasets: Path, cache: Path | str) -> int:
    return main(["validate", "--datasets", str(datasets), "--cache-dir", str(cache)])


def _build(datasets: Path, out: Path, cache: Path | str) -> int:
    return main(["build", "--datasets", str(datasets), "--out", str(out), "--config", str(ROOT / "mkdocs.yml"),
                 "--cache-dir", str(cache), "--build-date", "2026-11-26", "--jobs", "1"])


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_the_project_folder_as_the_cache_is_refused_and_its_files_and_git_survive(tmp_path, monkeypatch, capsys):
    project = tmp_path / "project"
    datasets = project / "ds"
    P.write(datasets)
    (project / ".git" / "objects" / "ab").mkdir(parents=True)
    (project / ".git" / "objects" / "ab" / "cdef").write_bytes(b"a git object")
    _old(project)
    before = _files(project)
    monkeypatch.chdir(project)
    for _ in range(2):
        assert _build(datasets, tmp_path / "out", ".") == 2
    assert _files(project) == before
    err = capsys.readouterr().err
    assert f"not using {project} as the cache: it is the current folder" in err
    assert "give --cache-dir a new or empty folder" in err


def test_a_folder_holding_someone_s_files_is_refused_naming_the_first(tmp_path, capsys):
    P.write(tmp_path / "ds")
    cache = tmp_path / "cache"
    (cache / "notes" / "2024").mkdir(parents=True)
    (cache / "notes" / "2024" / "plan.txt").write_text("mine", "utf-8")
    _old(cache)
    assert _validate(tmp_path / "ds", cache) == 2
    assert _build(tmp_path / "ds", tmp_path / "out", cache) == 2
    assert (cache / "notes" / "2024" / "plan.txt").read_text("utf-8") == "mine"
    assert not (cache / TAG).exists()
    assert "it holds 'notes', which Minh Bạch did not write (the folder has no CACHEDIR.TAG" in capsys.readouterr().err


@pytest.mark.parametrize(("where", "said"), [
    ("ds", "it is the datasets folder"),
    ("ds/p", "it is inside the datasets folder"),
    ("ds/p/new", "it is inside the datasets folder"),
    ("home", "it is the home folder"),
    ("/", "it is the root folder /"),
    (".", "it is the current folder"),
    ("..", "it holds the datasets folder"),
])
def test_the_data_the_home_the_root_and_the_current_folder_are_never_the_cache(tmp_path, monkeypatch, capsys,
                                                                                 where, said):
    P.write(tmp_path / "ds")
    (tmp_path / "home").mkdir()
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    cache = where if where.startswith(("/", ".")) else str(tmp_path / where)
    assert _validate(tmp_path / "ds", cache) == 2
    assert said in capsys.readouterr().err
    assert not (tmp_path / "ds" / "p" / "new").exists() and not list((tmp_path / "home").iterdir())


def test_a_new_or_empty_folder_becomes_a_tagged_cache(tmp_path):
    P.write(tmp_path / "ds")
    (tmp_path / "empty").mkdir()
    for cache in (tmp_path / "new" / "cache", tmp_path / "empty"):
        assert _validate(tmp_path / "ds", cache) == 0
        tag = (cache / TAG).read_bytes()
        # the standard's signature first: tar --exclude-caches, borg and restic leave the folder out of backups
        assert tag.startswith(b"Signature: 8a477f597d28d172789f06886806bc55") and "Minh Bạch".encode() in tag
        assert _validate(tmp_path / "ds", cache) == 0  # and it is ours the next time


def test_a_cache_of_an_earlier_version_is_adopted_by_its_layout(tmp_path):
    """An earlier version wrote no tag: a folder holding only what a cache holds is taken for one; one more file
    of someone else's and it is refused."""
    P.write(tmp_path / "ds")
    cache = tmp_path / "cache"
    old = Cache(cache)
    old.put("charts", "ab" + "0" * 62 + ".svg", b"<svg/>")
    old.put_json("verdicts", "cd" + "1" * 62, [])
    old.put_folder("downloads", "ef" + "2" * 62, {"t.csv": lambda out: out.write(b"id\n")}, lambda path: "x")
    old.finish_build(time.time())
    (cache / ".lock").touch()
    (cache / "charts" / "ab" / ("ab" + "3" * 62)).write_bytes(b"")  # an entry a later build reads
    stray = cache / "charts" / "ab" / "README"
    stray.write_text("mine", "utf-8")
    assert _validate(tmp_path / "ds", cache) == 2 and stray.exists()
    stray.unlink()
    assert _validate(tmp_path / "ds", cache) == 0 and (cache / TAG).is_file()


def test_another_program_s_cache_is_refused(tmp_path, capsys):
    P.write(tmp_path / "ds")
    cache = tmp_path / "target"
    cache.mkdir()
    (cache / TAG).write_text("Signature: 8a477f597d28d172789f06886806bc55\n# created by cargo\n", "utf-8")
    assert _validate(tmp_path / "ds", cache) == 2
    assert "was not written by Minh Bạch (it is another program's cache)" in capsys.readouterr().err


def test_a_file_as_the_cache_is_refused(tmp_path):
    P.write(tmp_path / "ds")
    (tmp_path / "cache").write_text("a file", "utf-8")
    assert _validate(tmp_path / "ds", tmp_path / "cache") == 2
    assert (tmp_path / "cache").read_text("utf-8") == "a file"


def test_serve_refuses_the_cache_folder_as_build_does(tmp_path):
    P.write(tmp_path / "ds")
    command = [sys.executable, "-m", "generator", "serve", "--datasets", str(tmp_path / "ds"), "--config",
               str(ROOT / "mkdocs.yml"), "--cache-dir", str(tmp_path / "ds"), "--dev-addr", "127.0.0.1:0"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 2 and "it is the datasets folder" in done.stderr


def test_pruning_deletes_only_entries_of_the_cache_s_own_namespaces(tmp_path):
    """Whatever else is in the folder (tagged by a user, or put there since) is never the cache's to delete, however
    old: another folder, a hidden one, a file in a shard not named as an entry, an entry in another's shard."""
    cache = Cache(tmp_path)
    stale = "ab" + "0" * 62
    cache.put("charts", stale, b"old")
    foreign = [tmp_path / "notes" / "2024" / "plan.txt", tmp_path / ".git" / "objects" / "ab" / "cdef",
               tmp_path / "charts" / "ab" / "README", tmp_path / "charts" / "ab" / ("cd" + "0" * 62),
               tmp_path / "charts" / "notes" / ("ab" + "1" * 62), tmp_path / "charts" / "ab" / ".profile"]
    for path in foreign:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"not the cache's")
    _old(tmp_path)
    now = time.time()
    cache.finish_build(now - 60)
    assert cache.finish_build(now) == 1
    assert not cache.path("charts", stale).exists()
    assert all(path.read_bytes() == b"not the cache's" for path in foreign)


def test_every_namespace_the_generator_writes_is_one_pruning_knows():
    """Each module names its namespace with a constant commented "cache namespace": an unknown one would never be
    pruned, and a cache holding it would not be recognised as one by its layout."""
    named = set()
    for path in (ROOT / "generator").rglob("*.py"):
        named |= set(re.findall(r'^[A-Z_]+ = "([a-z-]+)"\s+#.*cache namespace', path.read_text("utf-8"), re.M))
    assert {"charts", "pages", "verdicts", "session-files", "site-pages"} <= named  # the search finds them
    assert named <= NAMESPACES
