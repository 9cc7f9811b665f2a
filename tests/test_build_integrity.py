"""A build never publishes a damaged cache, survives being killed, and never races another build into the same
output; the same data gives the same bytes wherever it lives (issue 15). Real CLI processes, real files."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, make_project

from generator.cli import main
from generator.core import output_folder

BUILD = [sys.executable, "-m", "generator", "build", "--config", str(ROOT / "mkdocs.yml"),
         "--build-date", "2026-11-26", "--jobs", "1"]


def build(datasets: Path, out: Path, cache: Path, *extra: str) -> int:
    return main(["build", "--datasets", str(datasets), "--out", str(out), "--cache-dir", str(cache),
                 "--config", str(ROOT / "mkdocs.yml"), "--build-date", "2026-11-26", "--jobs", "1", *extra])


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def start(datasets: Path, out: Path, cache: Path) -> subprocess.Popen:
    return subprocess.Popen([*BUILD, "--datasets", str(datasets), "--out", str(out), "--cache-dir", str(cache)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def wait_for(condition, what: str, timeout: float = 120) -> None:  # noqa: ANN001 - a function of nothing
    """Wait until ``condition()`` holds (polled), or fail saying ``what`` never happened."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not happen within {timeout} s")
        time.sleep(0.05)


def read_until(stream, marker: str) -> str:  # noqa: ANN001 - a text pipe
    """Lines of ``stream`` up to the one holding ``marker`` (a condition, not a delay)."""
    seen = []
    for line in stream:
        seen.append(line)
        if marker in line:
            return "".join(seen)
    pytest.fail(f"{marker!r} never came; the process said: {''.join(seen)}")
    return ""


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> tuple[Path, Path]:
    """The small project and its site, built with an empty cache: what every build below must give."""
    root = tmp_path_factory.mktemp("reference")
    datasets = make_project(root / "datasets")
    assert build(datasets, root / "site", root / "cache") == 0
    return datasets, root / "site"


# A damaged cache -----------------------------------------------------------------------------------------------

def _garbage_in_a_chart(cache: Path) -> None:
    """The entry's header (format and digest lines) kept, its payload replaced: only the digest can tell."""
    chart = sorted((cache / "charts").rglob("*.svg"))[0]
    magic, digest, _ = chart.read_bytes().split(b"\n", 2)
    chart.write_bytes(magic + b"\n" + digest + b"\n" + b"<svg>not the chart</svg>")


def _a_download_changed(cache: Path) -> None:
    download = sorted(p for p in (cache / "downloads").rglob("csv-*"))[0]
    download.write_bytes(download.read_bytes() + b"9,forged row\n")


def _a_page_truncated(cache: Path) -> None:
    page = max((cache / "pages").rglob("*.html"), key=lambda p: p.stat().st_size)
    page.write_bytes(page.read_bytes()[: page.stat().st_size // 2])


@pytest.mark.parametrize("damage", [_garbage_in_a_chart, _a_download_changed, _a_page_truncated])
def test_a_damaged_cache_entry_is_made_again_never_published(reference, tmp_path, capfd, damage):
    datasets, site = reference
    cache = tmp_path / "cache"
    assert build(datasets, tmp_path / "first", cache) == 0
    capfd.readouterr()
    damage(cache)
    assert build(datasets, tmp_path / "second", cache) == 0  # another output: no "up to date" shortcut
    out = capfd.readouterr().out
    discarded = sum(int(n) for n in re.findall(r"cache_discarded=(\d+)", out))
    assert discarded >= 1, out
    assert snapshot(tmp_path / "second") == snapshot(site)


# An interrupted build ------------------------------------------------------------------------------------------

def test_a_killed_build_leaves_the_site_as_it_was_and_the_next_build_clears_its_leftovers(reference, tmp_path):
    datasets, site = reference
    out, cache = tmp_path / "site", tmp_path / "cache"
    shutil.copytree(site, out)  # the previous site, marked as ours
    before = snapshot(out)
    replace = datasets.parent / "edited"
    shutil.copytree(datasets, replace)
    agencies = replace / "co-quan" / "data" / "agencies.csv"
    agencies.write_text(agencies.read_text("utf-8").replace("Sở Nội vụ", "Sở Nội vụ TP"), "utf-8")
    process = start(replace, out, cache)
    read_until(process.stdout, "minhbach: stages")  # validated; MkDocs is about to write the staging folder
    wait_for(lambda: any(out.parent.glob(".site-staging/vi-*/**/*.html")), "MkDocs writing a page")
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    leftovers = sorted(p.name for p in output_folder.staging_root(out).iterdir())
    assert leftovers and all(name.startswith(("vi-", "en-")) for name in leftovers)
    assert snapshot(out) == before  # the killed build never touched the site
    assert build(replace, out, cache) == 0
    assert sorted(p.name for p in out.parent.glob(".site-*")) == [".site-lock"]
    assert "Sở Nội vụ TP" in (out / "co-quan" / "snv" / "index.html").read_text("utf-8")


def test_a_site_moved_aside_by_an_interrupted_swap_is_put_back(reference, tmp_path, capsys):
    """Killed between moving the old site aside and moving the new one in: the next build, even one that
    stops on invalid data, finds the old site where it was."""
    datasets, site = reference
    out = tmp_path / "site"
    shutil.copytree(site, output_folder.previous_folder(out))
    staging = output_folder.staging_folder(out, "vi")
    (staging / "index.html").write_text("half a site", "utf-8")
    foreign = tmp_path / ".site-notes"
    foreign.mkdir()
    (foreign / "mine.txt").write_text("not minhbach's", "utf-8")
    broken = tmp_path / "broken"
    shutil.copytree(datasets, broken)
    (broken / "co-quan" / "data" / "agencies.csv").write_text("agency_code,name_vi,name_en,source_id\nSNV,,,x\n")
    assert build(broken, out, tmp_path / "cache") == 1
    assert snapshot(out) == snapshot(site)
    assert not staging.exists() and not output_folder.previous_folder(out).exists()
    assert (foreign / "mine.txt").read_text("utf-8") == "not minhbach's"  # not ours: left alone


# Two builds at once --------------------------------------------------------------------------------------------

def test_a_build_waits_while_another_holds_the_output(reference, tmp_path):
    datasets, site = reference
    out = tmp_path / "site"
    with output_folder.exclusive(out, lambda: pytest.fail("the lock was free")):
        process = start(datasets, out, tmp_path / "cache")
        read_until(process.stderr, "another build is writing into")
        assert not out.exists() and not output_folder.staging_root(out).exists()  # it waits before doing anything
    assert process.wait(timeout=300) == 0, process.stderr.read()
    assert snapshot(out) == snapshot(site)


def test_two_builds_into_one_output_with_two_caches_both_succeed_one_after_the_other(reference, tmp_path):
    datasets, site = reference
    out = tmp_path / "site"
    first, second = start(datasets, out, tmp_path / "cache-1"), start(datasets, out, tmp_path / "cache-2")
    results = [(p.wait(timeout=300), p.stderr.read()) for p in (first, second)]
    assert [code for code, _ in results] == [0, 0], results
    assert sum("another build is writing into" in err for _, err in results) == 1  # the lock is taken first
    assert snapshot(out) == snapshot(site)
    assert sorted(p.name for p in tmp_path.glob(".site-*")) == [".site-lock"]


# Where the data lives ------------------------------------------------------------------------------------------

def test_the_same_data_in_two_folders_gives_the_same_bytes(tmp_path):
    """Built from outside the project, from two folders at different depths: no published file may name
    where the data was (sessions.csv named the session file's absolute path)."""
    one = make_project(tmp_path / "a" / "datasets")
    two = make_project(tmp_path / "b" / "c" / "d" / "data")
    assert build(one, tmp_path / "site-1", tmp_path / "cache-1") == 0
    assert build(two, tmp_path / "site-2", tmp_path / "cache-2") == 0
    first, second = snapshot(tmp_path / "site-1"), snapshot(tmp_path / "site-2")
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert not any(str(tmp_path).encode() in data for data in first.values())
    assert b"sessions/2024-06-11-test.yaml" in first["tai-ve/giam-sat/sessions.csv"]
