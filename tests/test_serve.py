"""``minhbach serve``, run as a maintainer runs it: both languages served, an edit shown after the rebuild it
triggers, invalid data refused while the last good site stays served, and each rebuild timed from its own start."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, make_project

LIMIT_S = 120  # a condition not met by then fails the test; each is polled, never waited for blindly


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - 127.0.0.1 only
            return response.read().decode("utf-8")
    except (OSError, urllib.error.URLError):
        return ""


def wait_until(condition, what: str) -> None:  # noqa: ANN001 - a function of no arguments
    deadline = time.monotonic() + LIMIT_S
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {LIMIT_S} s: {what}")
        time.sleep(0.1)


@pytest.fixture
def served(tmp_path):
    """The fixture project served on a free port; yields (base URL, datasets folder, log file)."""
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    datasets = make_project(tmp_path / "datasets")
    port, log = free_port(), tmp_path / "serve.log"
    command = [sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}", "--cache-dir",
               str(tmp_path / "cache"), "--build-date", "2026-11-26", "--datasets", str(datasets)]
    with log.open("w", encoding="utf-8") as sink:
        server = subprocess.Popen(command, cwd=tmp_path, stdout=sink, stderr=subprocess.STDOUT,
                                  env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        try:
            yield f"http://127.0.0.1:{port}/", datasets, log
        finally:
            server.terminate()
            server.wait(timeout=60)


def stage_lines(log: Path) -> list[str]:
    return [line for line in log.read_text("utf-8").splitlines() if line.startswith("minhbach: stages startup_s=")]


def test_serve_shows_both_languages_an_edit_and_keeps_the_last_good_site_on_invalid_data(served):
    base, datasets, log = served
    page_vi, page_en = base + "co-quan/snv/", base + "en/co-quan/snv/"
    wait_until(lambda: "Department of Home Affairs" in fetch(page_en), "the first build, English included")
    assert "Sở Nội vụ" in fetch(page_vi)
    agencies = datasets / "co-quan" / "data" / "agencies.csv"
    rows = agencies.read_text("utf-8")
    agencies.write_text(rows.replace("Sở Nội vụ,", "Sở Nội vụ (sửa),"), "utf-8")
    wait_until(lambda: "Sở Nội vụ (sửa)" in fetch(page_vi), "the edit, after the rebuild it triggered")
    # a rebuild is timed from its own start, not from the start of the process that has been serving
    rebuild = stage_lines(log)[-1]
    assert float(re.search(r"startup_s=([\d.]+)s", rebuild)[1]) < 0.5, rebuild
    agencies.write_text(rows.replace("SNV,", "SNV,,", 1), "utf-8")  # one cell too many: invalid
    wait_until(lambda: "not built; the previous site is untouched" in log.read_text("utf-8"), "the refusal")
    assert "agencies.csv" in log.read_text("utf-8") and "Sở Nội vụ (sửa)" in fetch(page_vi)
