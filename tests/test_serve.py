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
from conftest import ROOT, make_project, processes_in

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
def served(tmp_path, request):
    """The fixture project served on a free port; yields (base URL, datasets folder, log file). A test marked
    ``serve_options`` passes more options to the command."""
    marker = request.node.get_closest_marker("serve_options")
    project = tmp_path / "project"  # the log beside it, not in it: a file written in the project is an input
    shutil.copytree(ROOT / "docs", project / "docs")
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy(ROOT / name, project / name)
    datasets = make_project(project / "datasets")
    port, log = free_port(), tmp_path / "serve.log"
    command = [sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}", "--cache-dir",
               str(tmp_path / "cache"), "--build-date", "2026-11-26", "--datasets", str(datasets),
               *(marker.args if marker else ())]
    with log.open("w", encoding="utf-8") as sink:
        server = subprocess.Popen(command, cwd=project, stdout=sink, stderr=subprocess.STDOUT,
                                  env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        try:
            yield f"http://127.0.0.1:{port}/", datasets, log
        finally:
            server.terminate()
            server.wait(timeout=60)
    # stopped by SIGTERM (as a process manager stops it), the preview leaves neither its folder nor a process
    served_site = re.search(r" -> (\S+)$", log.read_text("utf-8"), re.MULTILINE)
    assert served_site is None or not Path(served_site[1]).parent.exists()
    wait_until(lambda: processes_in(project) == [], "the preview's processes (its MkDocs worker) to end")


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
    # a rebuild is timed from its own start, not from the start of the process that has been serving; its
    # line is printed when its charts are written too, which may be a little after its pages are served
    wait_until(lambda: len(stage_lines(log)) == 2, "the rebuild's stage line")
    rebuild = stage_lines(log)[-1]
    # the first build's dependency maps, saved once its site was served, decide what the edit makes again
    made, total = map(int, re.findall(r"units_made=vi:(\d+)/(\d+)", log.read_text("utf-8"))[-1])
    assert 0 < made < total, rebuild
    # and the files that rebuild read start no other (a rebuild loop printed "up to date" ~9 times a second): once
    # its charts are written (which reload the browsers through one more build), the log stays as it is
    wait_until(lambda: log.read_text("utf-8").count("charts drawn") >= 2, "the rebuild's charts")
    time.sleep(2)
    settled = log.read_text("utf-8").count("up to date")
    time.sleep(2)
    assert log.read_text("utf-8").count("up to date") == settled
    # the site it replaced and its staging folders are deleted once it is served
    served_site = Path(re.search(r" -> (\S+)$", log.read_text("utf-8"), re.MULTILINE)[1])
    assert sorted(p.name for p in served_site.parent.iterdir()) == ["charts-drawn", "site"]
    assert float(re.search(r"startup_s=([\d.]+)s", rebuild)[1]) < 0.5, rebuild
    agencies.write_text(rows.replace("SNV,", "SNV,,", 1), "utf-8")  # one cell too many: invalid
    wait_until(lambda: "not built; the previous site is untouched" in log.read_text("utf-8"), "the refusal")
    assert "agencies.csv" in log.read_text("utf-8") and "Sở Nội vụ (sửa)" in fetch(page_vi)
    # the English site, started in serve's worker before the data was found invalid, left no folder behind
    assert sorted(p.name for p in served_site.parent.iterdir()) == ["charts-drawn", "site"]


def site_files(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.serve_options("--jobs", "1", "--poll")
def test_serve_publishes_the_pages_before_the_charts_and_ends_with_the_site_build_makes(served, tmp_path):
    """The preview does not wait for the charts: the pages are served as soon as they are built, the charts
    follow, and then the served folder is byte for byte what ``minhbach build`` makes of the same inputs.
    With one job no chart is drawn beside the pages (there is no pool), so every chart is still to draw when
    the pages are done, on any machine. Watched by polling (``--poll``), as the test above is by the system's
    file events: both see the charts written and the edit."""
    base, datasets, log = served
    wait_until(lambda: "charts drawn" in log.read_text("utf-8"), "the first build's charts")
    text = log.read_text("utf-8")
    pending = re.search(r"pages ready; (\d+) charts still being drawn", text)
    assert pending and int(pending[1]) > 0, text
    assert text.index("pages ready;") < text.index("charts drawn"), text
    # the charts, once written, reload the browsers: the server's watcher runs its builder, which finds the
    # site up to date (and then tells the browsers to reload)
    wait_until(lambda: "up to date: nothing changed" in log.read_text("utf-8"), "the reload after the charts")
    served_site = Path(re.search(r" -> (\S+)$", text, re.MULTILINE)[1])
    expected = same_as_build(served_site, datasets, tmp_path / "built")
    chart = next(name for name in expected if name.endswith(".svg"))
    with urllib.request.urlopen(base + chart, timeout=5) as response:  # noqa: S310 - 127.0.0.1 only
        assert response.read() == expected[chart]
    # An edit: the rebuild takes the tables, sessions and templates it kept from the first build (the serving
    # process keeps them, core/kept.py) and still ends with what a fresh `minhbach build` makes.
    agencies = datasets / "co-quan" / "data" / "agencies.csv"
    agencies.write_text(agencies.read_text("utf-8").replace("Sở Nội vụ,", "Sở Nội vụ (sửa),"), "utf-8")
    wait_until(lambda: len(stage_lines(log)) == 2, "the rebuild after the edit, charts included")
    same_as_build(served_site, datasets, tmp_path / "built-after-edit")


def same_as_build(served_site: Path, datasets: Path, built: Path) -> dict[str, bytes]:
    """Assert that the served folder holds the bytes ``minhbach build`` makes with an empty cache; its files."""
    command = [sys.executable, "-m", "generator", "build", "--out", str(built), "--cache-dir",
               str(built.with_name(built.name + "-cache")), "--build-date", "2026-11-26", "--datasets", str(datasets)]
    run = subprocess.run(command, cwd=datasets.parent, capture_output=True, text=True, timeout=LIMIT_S,
                         env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert run.returncode == 0, run.stderr
    expected, got = site_files(built), site_files(served_site)
    assert sorted(got) == sorted(expected)
    assert [name for name in expected if got[name] != expected[name]] == []
    return expected


def test_the_server_watches_with_the_systems_file_events_and_polls_when_it_cannot_or_is_asked(tmp_path, monkeypatch,
                                                                                            capsys):
    """Polling walks every watched file twice a second (a fifth of a core at national scale, taken from the
    builds): events are the default; ``--poll`` asks for polling; a system out of watches falls back to it."""
    import watchdog.observers
    from watchdog.observers.polling import PollingObserver

    from generator.mkdocs.build import watcher

    (tmp_path / "data").mkdir()
    watched = [tmp_path / "data", tmp_path / "mkdocs.yml"]
    watched[1].write_text("site_name: x\n", "utf-8")
    assert not isinstance(watcher(watched, poll=False), PollingObserver)
    assert isinstance(watcher(watched, poll=True), PollingObserver)
    assert capsys.readouterr().err == ""

    class OutOfWatches(watchdog.observers.Observer):
        # where the system refuses a watch: adding it (raised before watchdog starts a thread, none of which may be
        # left running in this process: a build here forks a language only with no other thread)
        def schedule(self, *args: object, **kwargs: object) -> None:
            raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(watchdog.observers, "Observer", OutOfWatches)
    assert isinstance(watcher(watched, poll=False), PollingObserver)
    assert "inotify watch limit reached" in capsys.readouterr().err


def test_reading_a_watched_file_starts_no_build_and_writing_one_does(tmp_path):
    """MkDocs rebuilds on any event it is given; a file read raises two on Linux (opened, closed without a
    write), and every build reads the data and the configs: passed on, each build started the next, a loop of
    builds finding the site up to date. Only the events that change a file reach the server's handler."""
    from watchdog.events import FileSystemEventHandler

    from generator.mkdocs.build import watcher

    data = tmp_path / "data"
    data.mkdir()
    watched = data / "agencies.csv"
    watched.write_text("code\nSNV\n", "utf-8")
    seen: list[str] = []

    class Recorder(FileSystemEventHandler):
        def on_any_event(self, event) -> None:  # noqa: ANN001 - watchdog's event
            if not event.is_directory:
                seen.append(event.event_type)

    for poll in (False, True):
        seen.clear()
        observer = watcher([data], poll)
        observer.schedule(Recorder(), str(data), recursive=True)
        observer.start()
        try:
            time.sleep(0.7)  # the polling observer's first walk
            for _ in range(3):
                watched.read_text("utf-8")
            time.sleep(0.7)
            assert seen == [], (poll, seen)
            watched.write_text("code\nSNV\nSTC\n", "utf-8")
            wait_until(lambda: "modified" in seen, f"the write seen (poll={poll})")
        finally:
            observer.stop()
            observer.join()
