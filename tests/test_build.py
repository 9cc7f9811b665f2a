"""End to end: the real CLI and a real MkDocs build into tmp_path."""

import csv
import hashlib
import io
import json
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import jinja2
import pytest
from conftest import ROOT, processes_in, write

from generator.cli import main


def build(datasets: Path, out: Path, *extra: str) -> int:
    """Build with a cache of this build's own beside ``out`` (a later ``--cache-dir`` in ``extra`` wins): never
    the checkout's .cache/minhbach, which other tests and earlier runs share."""
    return main(["build", "--datasets", str(datasets), "--out", str(out), "--config", str(ROOT / "mkdocs.yml"),
                 "--build-date", "2026-11-26", "--cache-dir", str(out.parent / f"{out.name}.cache"), *extra])


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def built(project, tmp_path) -> Path:
    out = tmp_path / "site"
    assert build(project, out, "--jobs", "2") == 0  # the English build runs in a forked process
    return out


def test_session_page_lists_recommendations_issues_and_statuses(built):
    page = (built / "giam-sat" / "gs-2024-06-11-test" / "index.html").read_text("utf-8")
    for text in ("Đẩy mạnh tuyển dụng", "Hoãn thi tuyển", "Tài sản công", "Chưa có thông tin", "Đình hoãn",
                 "suy đoán", "https://en.sggp.org.vn/x", "9/9"):
        assert text in page, text


def test_agency_and_session_pages_link_both_ways(built):
    agency = (built / "co-quan" / "snv" / "index.html").read_text("utf-8")
    assert "../../giam-sat/gs-2024-06-11-test/" in agency
    session = (built / "giam-sat" / "gs-2024-06-11-test" / "index.html").read_text("utf-8")
    assert "../../co-quan/snv/" in session


def test_csv_downloads_equal_the_source_rows(project, built):
    for package, resource in (("nguon", "sources"), ("co-quan", "agencies"), ("giam-sat", "statuses")):
        source = next((project / package / "data").glob("*.csv")) if resource != "statuses" else \
            project / package / "data" / "statuses.csv"
        published = built / "tai-ve" / package / f"{resource}.csv"
        assert list(csv.reader(io.StringIO(published.read_text("utf-8")))) == \
            list(csv.reader(io.StringIO(source.read_text("utf-8"))))


def test_published_descriptor_points_at_the_downloads(built):
    descriptor = json.loads((built / "tai-ve" / "giam-sat" / "datapackage.json").read_text("utf-8"))
    paths = [r["path"] for r in descriptor["resources"]]
    assert "recommendations.csv" in paths and "statuses.csv" in paths
    for path in paths:
        assert (built / "tai-ve" / "giam-sat" / path).is_file()


def test_same_inputs_give_the_same_bytes(project, built, tmp_path):
    again = tmp_path / "again"
    assert build(project, again, "--jobs", "1") == 0  # both languages in this process, one after the other
    assert snapshot(again) == snapshot(built)


def test_invalid_data_exits_1_and_leaves_the_previous_site_untouched(project, built, capsys):
    before = snapshot(built)
    session = project / "giam-sat" / "sessions" / "2024-06-11-test.yaml"
    session.write_text(session.read_text("utf-8").replace("addressees: [STC]", "addressees: [SCT]"), "utf-8")
    assert build(project, built) == 1
    assert snapshot(built) == before
    err = capsys.readouterr().err
    assert "2024-06-11-test.yaml:37:" in err and "unknown-reference" in err


# The command, by its own entry point, with one of its functions replaced (``build_fresh``).
_BROKEN_BUILD = """
import importlib, multiprocessing, os, signal, time
from generator.cli import run

# Ctrl+C as in a terminal: a job a shell started in the background (CI's, say) starts with SIGINT ignored
signal.signal(signal.SIGINT, signal.default_int_handler)


def pool_workers():
    return [child for child in multiprocessing.active_children() if child.name.startswith("ForkServer")]


def broken(*args, **kwargs):
    while WAIT_FOR_POOL and not pool_workers():
        time.sleep(0.01)
    if STOPPED:
        print("workers:", *[child.pid for child in pool_workers()], flush=True)
        os.kill(os.getpid(), STOPPED)
        time.sleep(60)
    raise RuntimeError("made to fail")


if NAME:
    setattr(importlib.import_module(MODULE), NAME, broken)
run()
"""


def build_fresh(datasets: Path, out: Path, broken: str = "", module: str = "generator.pipeline",
                timeout: float = 300, wait_for_pool: bool = False, stopped: int = 0) -> tuple[int, str, str]:
    """``build`` with two jobs in a new interpreter, by the command's own entry point (exit code, stdout,
    stderr): a build forks Frictionless's child only from a process with one thread, and other tests leave
    threads in this one (serve's worker pool). ``broken``: a function of ``module`` made to raise there (once a
    pool's worker has started, with ``wait_for_pool``), or to stop the command there with the signal ``stopped``,
    after printing the pool's workers' process ids."""
    code = (f"NAME, MODULE, WAIT_FOR_POOL, STOPPED = {broken!r}, {module!r}, {wait_for_pool!r}, {int(stopped)}\n"
            + _BROKEN_BUILD)
    done = subprocess.run([sys.executable, "-c", code, "build", "--datasets", str(datasets), "--out", str(out),
                           "--config", str(ROOT / "mkdocs.yml"), "--build-date", "2026-11-26", "--cache-dir",
                           str(out.parent / f"{out.name}.cache"), "--jobs", "2"],
                          capture_output=True, text=True, timeout=timeout)
    return done.returncode, done.stdout, done.stderr


def test_data_only_frictionless_finds_invalid_is_refused_once_built_and_nothing_of_that_build_is_kept(
        project, built, tmp_path):
    """Frictionless validates small packages beside the build (core/datasets.py, ``Verdicts``), so a build makes
    its pages before that verdict is in. One it finds invalid is refused then: exit 1, the problem at its line,
    the previous site as it was, no staging folder left; run again, it is refused again (nothing records its
    inputs as built); and once the data is mended, the site is a cold build's, the agency renamed meanwhile
    included."""
    before, beside = snapshot(built), sorted(p.name for p in built.parent.iterdir())
    agencies = project / "co-quan" / "data" / "agencies.csv"
    agencies.write_text(agencies.read_text("utf-8").replace("Sở Nội vụ", "Sở Nội vụ TP"), "utf-8")
    forms = project / "giam-sat" / "data" / "forms.csv"
    valid = forms.read_text("utf-8")
    forms.write_text(valid + "giam_sat_chuyen_de,Khác,Other\n", "utf-8")  # a key twice: only Frictionless says so
    code, out, err = build_fresh(project, built)
    assert code == 1 and "verdicts_wait_s=" in out  # the verdict came beside the build, once its pages were made
    assert re.search(r"forms\.csv:3:1: error\[primary-key\]", err)
    assert err.rstrip().endswith("not built; the previous site is untouched")
    assert snapshot(built) == before and sorted(p.name for p in built.parent.iterdir()) == beside
    assert build_fresh(project, built)[0] == 1
    forms.write_text(valid, "utf-8")
    assert build_fresh(project, built)[0] == 0
    assert build_fresh(project, tmp_path / "cold")[0] == 0
    assert snapshot(built) == snapshot(tmp_path / "cold")
    assert "Sở Nội vụ TP" in (built / "co-quan" / "snv" / "index.html").read_text("utf-8")


@pytest.mark.parametrize("stage", ["prepare", "publish"])
def test_an_error_met_making_the_site_from_data_frictionless_then_finds_invalid_is_reported_as_that_problem(
        project, built, stage):
    """Models and pages are made from data Frictionless is still validating beside the build; when making them
    fails (here ``stage`` made to fail) and Frictionless finds the data invalid, the maintainer reads the
    problem in the data (exit 1, the previous site kept), not the error it led to; with valid data the error
    is the build's own: a bug, reported as one (exit 2)."""
    before = snapshot(built)
    forms = project / "giam-sat" / "data" / "forms.csv"
    valid = forms.read_text("utf-8")
    forms.write_text(valid + "giam_sat_chuyen_de,Khác,Other\n", "utf-8")
    code, _, err = build_fresh(project, built, broken=stage)
    assert code == 1 and "error[primary-key]" in err and "made to fail" not in err and "Traceback" not in err
    assert snapshot(built) == before
    forms.write_text(valid.replace("Thematic supervision", "Thematic supervisions"), "utf-8")
    code, _, err = build_fresh(project, built, broken=stage)
    assert code == 2 and "unexpected error: RuntimeError: made to fail" in err
    assert snapshot(built) == before


def test_a_bug_met_while_charts_are_drawn_exits_instead_of_waiting_for_them(project, tmp_path):
    """A bug met while the chart pool has work (here MkDocs' stage made to fail once the pool's first worker has
    started, in a cold build) is reported and the command exits 2. It waited for ever: multiprocessing's exit
    closes the pool's queue, then waits for its workers, which wait for the charts that queue no longer sends."""
    code, _, err = build_fresh(project, tmp_path / "site", broken="_run_mkdocs_in_turn",
                               module="generator.mkdocs.build", timeout=120, wait_for_pool=True)
    assert code == 2 and "unexpected error: RuntimeError: made to fail" in err
    assert "Traceback" not in err and err.rstrip().endswith("prints the whole traceback.")  # nothing after it
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_a_build_stopped_by_a_signal_stops_its_workers_and_leaves_nothing_behind(project, built, stop):
    """SIGTERM (a cancelled CI job, ``timeout``) or Ctrl+C while charts are drawn: exit 143 or 130, no traceback
    (Ctrl+C printed Python's); its staging folders are gone, the previous site is as it was, the chart workers
    have ended (after SIGTERM they ran for ever, their parent gone, each waiting on the other's lock), and the
    charts they had not started were dropped (a national build stopped drew its thousands first)."""
    before, beside = snapshot(built), sorted(p.name for p in built.parent.iterdir())
    shutil.rmtree(built.parent / f"{built.name}.cache", ignore_errors=True)  # cold: the charts are drawn again
    code, out, err = build_fresh(project, built, broken="_run_mkdocs_in_turn", module="generator.mkdocs.build",
                                 timeout=120, wait_for_pool=True, stopped=stop)
    assert code == 128 + stop and "Traceback" not in err, err
    assert snapshot(built) == before and sorted(p.name for p in built.parent.iterdir()) == beside
    workers = [int(pid) for pid in out.split("workers:")[1].split("\n")[0].split()]
    assert workers and not [pid for pid in workers if _running(pid)]
    charts = built.parent / f"{built.name}.cache" / "charts"
    drawn = len(list(charts.rglob("*.png")))
    assert build_fresh(project, built)[0] == 0 and snapshot(built) == before  # built again, as it was
    assert drawn < len(list(charts.rglob("*.png"))) / 2  # the charts not started were dropped, not drawn first


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from Linux's /proc")
def test_validate_stopped_by_sigterm_while_its_chunks_are_validated_leaves_no_process(tmp_path):
    """A table of 60,000 rows is validated in chunks by a pool's workers; SIGTERM meanwhile (a cancelled CI job,
    ``timeout``): exit 143, no traceback, and no process left. Killed outright, validate left its workers
    waiting for ever, holding the output the caller reads (here, ``communicate`` timed out)."""
    package = tmp_path / "datasets" / "p"
    package.mkdir(parents=True)
    (package / "datapackage.yaml").write_text(
        "name: p\nresources:\n  - name: t\n    path: t.csv\n    schema:\n      fields:\n"
        "        - {name: id, type: integer}\n        - {name: name, type: string}\n      primaryKey: [id]\n",
        "utf-8")
    (package / "t.csv").write_text("id,name\n" + "".join(f"{i},row {i}\n" for i in range(1, 60_001)), "utf-8")
    work = tmp_path / "work"
    work.mkdir()
    command = subprocess.Popen([sys.executable, "-m", "generator", "validate", "--datasets", str(tmp_path / "datasets"),
                                "--cache-dir", str(tmp_path / "cache"), "--jobs", "2"], cwd=work,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while len(started := processes_in(work)) < 3 and command.poll() is None:  # the command, the server, a worker
        assert time.monotonic() < deadline, "no worker started"
        time.sleep(0.01)
    command.send_signal(signal.SIGTERM)
    _, err = command.communicate(timeout=60)
    assert command.returncode == 128 + signal.SIGTERM and "Traceback" not in err, err
    assert len(started) >= 3
    deadline = time.monotonic() + 30
    while [pid for pid in started if _running(pid)]:
        assert time.monotonic() < deadline, f"still running: {[pid for pid in started if _running(pid)]}"
        time.sleep(0.1)


def test_validate_exit_codes_and_json(project, tmp_path, capsys):
    assert main(["validate", "--datasets", str(project), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["valid"] is True
    assert main(["validate", "--datasets", str(tmp_path / "nowhere")]) == 2
    write(project / "co-quan" / "data" / "agencies.csv", "agency_code,name_vi,name_en,source_id\nSNV,Sở,Dept,nope\n")
    assert main(["validate", "--datasets", str(project), "--format", "json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["valid"] is False
    assert [(p["code"], p["path"].endswith("agencies.csv"), p["line"]) for p in payload["problems"]
            if p["severity"] == "error"][0] == ("unknown-reference", True, 2)


def test_usage_error_exits_2():
    assert main(["build", "--no-such-option"]) == 2


def test_text_that_cannot_be_written_is_reported_as_a_bug_not_as_a_usage_error(tmp_path, capsys):
    """A UnicodeEncodeError is a ValueError: it was printed as the one line of a usage error, and a lone surrogate
    that reached the cache key read "minhbach: 'utf-8' codec can't encode character" (audit generic7 #2). Never the
    user's mistake, it is said to be a bug (here a folder name no file system call can encode)."""
    assert main(["validate", "--datasets", str(tmp_path / "x\udc00")]) == 2
    assert "unexpected error: UnicodeEncodeError" in capsys.readouterr().err


def broken_links(site: Path) -> list[str]:
    """Every internal href/src in every page must resolve to a file, and its #anchor to an id there."""
    import re
    from urllib.parse import unquote, urlsplit

    ids: dict[Path, set[str]] = {}

    def anchors(page: Path) -> set[str]:
        if page not in ids:
            ids[page] = set(re.findall(r'\bid="([^"]+)"', page.read_text("utf-8")))
        return ids[page]

    problems = []
    for page in sorted(site.rglob("*.html")):
        html = page.read_text("utf-8")
        for link in re.findall(r'\b(?:href|src)="([^"]+)"', html):
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("//", "mailto:", "javascript:")):
                continue
            base = site if parts.path.startswith("/") else page.parent
            target = (base / unquote(parts.path).lstrip("/")).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                problems.append(f"{page.relative_to(site)} -> {link}")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in anchors(target):
                problems.append(f"{page.relative_to(site)} -> {link} (anchor)")
    return problems


def test_every_internal_link_and_anchor_resolves(built):
    assert broken_links(built) == []


def test_a_build_with_nothing_changed_makes_no_page_again(project, tmp_path, capfd):
    """Into a new folder with the cache of the last build, every page is reused in both languages. (The English
    fallbacks of the pages its config excludes, architecture.md and the like, were made and counted as built at
    every build, and published by none.)"""
    cache = tmp_path / "cache"
    assert build(project, tmp_path / "first", "--cache-dir", str(cache)) == 0
    capfd.readouterr()
    assert build(project, tmp_path / "again", "--cache-dir", str(cache)) == 0
    counts = re.findall(r"pages \((vi|en)\) reused=(\d+) built=(\d+) of (\d+)", capfd.readouterr().out)
    assert [(lang, built) for lang, _, built, _ in counts] == [("vi", "0"), ("en", "0")]
    assert all(reused == total for _, reused, _, total in counts)


def test_a_rebuild_reuses_unchanged_pages_and_gives_the_bytes_of_a_cold_build(project, tmp_path, capfd):
    """The page cache (core/page_cache.py): after an edit, only pages whose text changed are rendered by
    MkDocs again, and the site is byte for byte the one a build with an empty cache makes."""
    warm_cache, cold_cache = tmp_path / "warm-cache", tmp_path / "cold-cache"
    assert build(project, tmp_path / "first", "--cache-dir", str(warm_cache)) == 0
    capfd.readouterr()
    agencies = project / "co-quan" / "data" / "agencies.csv"
    agencies.write_text(agencies.read_text("utf-8").replace("Sở Nội vụ", "Sở Nội vụ TP"), "utf-8")
    assert build(project, tmp_path / "warm", "--cache-dir", str(warm_cache)) == 0
    counts = {lang: (int(reused), int(built), int(total)) for lang, reused, built, total in re.findall(
        r"pages \((vi|en)\) reused=(\d+) built=(\d+) of (\d+)", capfd.readouterr().out)}
    # Both languages report; some pages are reused, and each page is counted once (reused or built). Which pages
    # are made again is the dependency map's to decide (tests/test_deps.py); here the site must equal a cold build.
    assert sorted(counts) == ["en", "vi"]
    for reused, built, total in counts.values():
        assert reused + built == total and reused > 0
    assert build(project, tmp_path / "cold", "--cache-dir", str(cold_cache)) == 0
    assert sorted(re.findall(r"pages \((vi|en)\) reused=(\d+) built=(\d+)", capfd.readouterr().out)) == [
        ("en", "0", str(counts["en"][2])), ("vi", "0", str(counts["vi"][2]))]
    warm, cold = snapshot(tmp_path / "warm"), snapshot(tmp_path / "cold")
    assert warm == cold
    assert "Sở Nội vụ TP" in (tmp_path / "warm" / "co-quan" / "snv" / "index.html").read_text("utf-8")


def test_an_edit_renders_pages_with_the_templates_an_earlier_build_compiled(project, tmp_path, monkeypatch, capfd):
    """Templates, the features' and the theme's, are compiled once and kept in the cache: they hold the raw-region
    markers in canonical form, not the build's, so their code is the same in every build. An edit's build
    renders pages again and compiles no template (that its pages equal a cold build's is the test above)."""
    cache = tmp_path / "cache"
    assert build(project, tmp_path / "first", "--cache-dir", str(cache), "--jobs", "1") == 0
    compiled = []
    original = jinja2.Environment.compile

    def counted(self, source, name=None, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202 - jinja2's
        compiled.append(name)
        return original(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    agencies = project / "co-quan" / "data" / "agencies.csv"
    agencies.write_text(agencies.read_text("utf-8").replace("Sở Nội vụ", "Sở Nội vụ TP"), "utf-8")
    capfd.readouterr()
    assert build(project, tmp_path / "second", "--cache-dir", str(cache), "--jobs", "1") == 0
    built = [int(n) for n in re.findall(r"pages \((?:vi|en)\) reused=\d+ built=(\d+)", capfd.readouterr().out)]
    assert len(built) == 2 and any(built)  # the Vietnamese pages that show the name
    assert compiled == []


def test_a_long_kind_of_gap_is_listed_on_pages_of_its_own(project, tmp_path, monkeypatch):
    """At national scale the list of what is not known was one 8.4 MB page. A kind longer than PART_ROWS gets
    pages of its own (linked from the overview, each a share image and a pager), which together list exactly
    the gaps the one page listed."""
    from generator.gaps import model as gaps_model

    whole = tmp_path / "whole"
    assert build(project, whole) == 0
    monkeypatch.setattr(gaps_model, "PART_ROWS", 1)
    split = tmp_path / "split"
    assert build(project, split) == 0
    label = re.compile(r'<a class="mb-id" href="[^"]*">(.*?)</a>')
    listed = label.findall((whole / "chua-biet" / "index.html").read_text("utf-8"))
    assert len(listed) >= 2
    overview = (split / "chua-biet" / "index.html").read_text("utf-8")
    parts = sorted(split.glob("chua-biet/*/index.html"))
    assert parts and all(f'href="{p.parent.name}/"' in overview for p in parts)
    on_parts = [found for p in parts for found in label.findall(p.read_text("utf-8"))]
    assert sorted(label.findall(overview) + on_parts) == sorted(listed)
    assert all(len(label.findall(p.read_text("utf-8"))) == 1 for p in parts)
    assert (split / "en" / "chua-biet" / parts[0].parent.name / "index.html").is_file()


def test_a_long_list_of_sessions_is_listed_by_year(project, tmp_path, monkeypatch):
    """At national scale the list of sessions was one 1.5 MB page. A list longer than SESSION_ROWS links to one
    page per year (at an address that stays), which together list every session once, newest year first."""
    from generator.supervision import pages as supervision_pages

    sessions = project / "giam-sat" / "sessions"
    text = (sessions / "2024-06-11-test.yaml").read_text("utf-8")
    (sessions / "2025-01-02-copy.yaml").write_text(
        text.replace("GS-2024-06-11-TEST", "GS-2025-01-02-COPY").replace("date: 2024-06-11", "date: 2025-01-02")
        .replace("- date: 2024-12-01", "- date: 2025-01-02"), "utf-8")
    monkeypatch.setattr(supervision_pages, "SESSION_ROWS", 1)
    out = tmp_path / "site"
    assert build(project, out) == 0
    index = (out / "giam-sat" / "index.html").read_text("utf-8")
    assert 'href="phien-nam-2025/"' in index and 'href="phien-nam-2024/"' in index
    assert index.index("phien-nam-2025/") < index.index("phien-nam-2024/")
    assert "gs-2024-06-11-test/" not in index  # the sessions are on the years' pages
    topic = re.compile(r'<a href="[./]*giam-sat/(gs-[^/"]+)/">')
    listed = {year: topic.findall((out / "giam-sat" / f"phien-nam-{year}" / "index.html").read_text("utf-8"))
              for year in (2024, 2025)}
    assert listed == {2024: ["gs-2024-06-11-test"], 2025: ["gs-2025-01-02-copy"]}
    assert (out / "en" / "giam-sat" / "phien-nam-2025" / "index.html").is_file()


def test_no_model_is_held_while_mkdocs_builds(project, tmp_path, monkeypatch):
    """Every language's pages are made first; then the model is let go (issue 17: it was held through both
    MkDocs builds, the largest part of the peak): when MkDocs starts, nothing refers to the site any more, not
    even a reference cycle, and the build publishes both languages as before. (A build small enough to make its
    last language in a forked child holds its model until the child is done, to build that language itself if
    the child is not: here the build is taken as too large for that, as national data is.)"""
    import gc
    import weakref

    from generator import pipeline
    from generator.mkdocs import build as mkdocs_build

    monkeypatch.setattr(mkdocs_build, "FORK_ROWS", 0)

    sites, seen = [], []
    real_prepare, real_mkdocs = pipeline.prepare_build, mkdocs_build.run_mkdocs

    def prepare(*args, **kwargs):
        prepared = real_prepare(*args, **kwargs)
        sites.append(weakref.ref(prepared.site))
        return prepared

    def mkdocs(job, output):
        gc.collect()  # only what still refers to the model keeps it
        seen.append((job.lang, [site() is None for site in sites]))
        return real_mkdocs(job, output)

    monkeypatch.setattr(pipeline, "prepare_build", prepare)
    monkeypatch.setattr(mkdocs_build, "run_mkdocs", mkdocs)
    out = tmp_path / "site"
    assert build(project, out, "--jobs", "2") == 0
    assert seen == [("vi", [True]), ("en", [True])]
    assert (out / "giam-sat" / "gs-2024-06-11-test" / "index.html").is_file()
    assert (out / "en" / "giam-sat" / "gs-2024-06-11-test" / "index.html").is_file()


def serving_build(datasets: Path, out: Path) -> str:
    """A build as ``serve`` runs it (its site published before the charts are written, the rest handed back and
    run here), in this process, with its own cache beside ``out``; what it printed."""
    import contextlib

    from generator import cli
    from generator.core.cache import Cache

    args = cli.parser().parse_args(["serve", "--datasets", str(datasets), "--config", str(ROOT / "mkdocs.yml"),
                                    "--build-date", "2026-11-26", "--cache-dir", str(out.parent / f"{out.name}.cache"),
                                    "--jobs", "2"])
    settings, later, printed = cli.settings_from(args), [], io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = cli._build(args, settings, Path(args.config), cli.language_configs(Path(args.config)), out,
                          Cache(settings.cache), charts_later=later.append)
        for finish in later:
            finish()
    assert code == 0, printed.getvalue()
    return printed.getvalue()


def test_a_serving_process_takes_the_search_index_it_wrote_from_memory_and_still_ends_with_builds_bytes(
        project, tmp_path, monkeypatch):
    """``serve`` keeps the entries of the search index each language's build wrote (mkdocs/reuse.py,
    ``SEARCH_ENTRIES``): after an edit, the reused pages' entries come from there, though reading that index is
    made to fail here (the index the theme writes for the pages built now is read, as always), and the site is
    still ``minhbach build``'s, byte for byte."""
    from pathlib import Path as PathType

    from generator.core import kept
    from generator.mkdocs import build as mkdocs_build
    from generator.mkdocs.reuse import SEARCH_INDEX

    out = tmp_path / "served"
    remembered = kept.keep()
    try:
        serving_build(project, out)
        remembered.next_build()
        agencies = project / "co-quan" / "data" / "agencies.csv"
        agencies.write_text(agencies.read_text("utf-8").replace("Sở Nội vụ,", "Sở Nội vụ (sửa),"), "utf-8")
        read_text = PathType.read_text

        def no_index(path: PathType, *args: object, **kwargs: object) -> str:
            assert path != out / SEARCH_INDEX, "the search index of the served site was read again"
            return read_text(path, *args, **kwargs)
        monkeypatch.setattr(PathType, "read_text", no_index)
        printed = serving_build(project, out)
        monkeypatch.undo()
        taken = re.search(r"pages \(vi\) linked=\d+ of the \d+ reused.*search entries of (\d+) from its index", printed)
        assert taken and int(taken[1]) > 0, printed
    finally:
        kept.stop_keeping()
        mkdocs_build.stop_serve_worker()
    assert build(project, tmp_path / "built") == 0
    assert snapshot(out) == snapshot(tmp_path / "built")


def test_a_small_build_makes_its_last_language_in_a_forked_child_or_here_when_the_child_is_gone(
        project, tmp_path, monkeypatch, capfd):
    """A build small enough, with more than one job (mkdocs/build.py, ``fork_apart``), makes and builds its last
    language in a child forked once the model is made, beside the first language's; the child's log is shown
    after the first language's, and the site is the one a one-job build makes (one language after the other,
    in one process), byte for byte. A child that ends without sending its result (it exits at once here)
    leaves the language to the build itself: the same site, and no staging folder left behind. A build too
    large to fork (as national data is) makes no child."""
    import os

    from generator.core import output_folder
    from generator.mkdocs import build as mkdocs_build

    assert build(project, tmp_path / "in-turn", "--jobs", "1") == 0
    expected = snapshot(tmp_path / "in-turn")
    capfd.readouterr()
    assert build(project, tmp_path / "forked", "--jobs", "2") == 0
    printed = capfd.readouterr().out
    assert snapshot(tmp_path / "forked") == expected
    assert re.search(r"^minhbach: en \(tiến trình phụ / worker\) .*pages_s=.*mkdocs_s=", printed, re.MULTILINE)
    assert re.findall(r"pages \((vi|en)\) reused=", printed) == ["vi", "en"]
    with monkeypatch.context() as patched:
        patched.setattr(mkdocs_build, "FORK_ROWS", 0)
        assert build(project, tmp_path / "large", "--jobs", "2") == 0
        assert "(tiến trình phụ / worker)" not in capfd.readouterr().out

    def exits_at_once(job, site, sink, parent):
        os._exit(1)

    monkeypatch.setattr(mkdocs_build, "build_forked", exits_at_once)
    out = tmp_path / "child-gone"
    assert build(project, out, "--jobs", "2") == 0
    printed = capfd.readouterr().out
    assert snapshot(out) == expected
    assert "(tiến trình phụ / worker)" not in printed and re.findall(r"pages \((vi|en)\) reused=", printed) == [
        "vi", "en"]
    assert not output_folder.staging_root(out).exists()


def _running(pid: int) -> bool:
    """Whether the process is alive (a zombie, ended but not reaped yet, is not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from Linux's /proc")
def test_a_forked_language_ends_with_the_build_even_one_killed_outright(project, tmp_path):
    """The child a small build forks for its last language is killed when the build is, even by SIGKILL, which no
    handler of the build sees (``forked.die_with``, the first thing ``build_forked`` does): it is never left
    writing into the build's folders or the cache. Here a process that called it after being forked goes when
    the process that forked it is killed outright (it would sleep a minute otherwise); and a build killed
    outright while its child builds leaves nothing that stops the next build into the same place."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from generator.core import forked, output_folder

    ready_r, ready_w = os.pipe()
    intermediate = os.fork()
    if intermediate == 0:  # stands for the build: forks the child, then waits to be killed
        try:
            if os.fork() == 0:
                forked.die_with(os.getppid())
                os.write(ready_w, f"{os.getpid()}\n".encode())
                time.sleep(60)
            else:
                time.sleep(60)
        finally:
            os._exit(0)
    child = int(os.read(ready_r, 32).decode())
    os.kill(intermediate, signal.SIGKILL)
    os.waitpid(intermediate, 0)
    deadline = time.monotonic() + 10
    while _running(child) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not _running(child)
    os.close(ready_r)
    os.close(ready_w)

    out = tmp_path / "site"
    command = [sys.executable, "-m", "generator", "build", "--datasets", str(project), "--out", str(out), "--config",
               str(ROOT / "mkdocs.yml"), "--build-date", "2026-11-26", "--cache-dir", str(tmp_path / "cache"),
               "--jobs", "2"]
    killed = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while killed.poll() is None and time.monotonic() < deadline and not any(
            output_folder.staging_root(out).glob("en-*")):  # the forked child's folders: it is building
        time.sleep(0.005)
    killed.kill()
    killed.wait()
    assert build(project, out, "--jobs", "2") == 0 and not output_folder.staging_root(out).exists()


def test_serve_builds_the_english_site_whole_in_its_worker_or_here_when_the_worker_is_gone(project, tmp_path,
                                                                                          monkeypatch):
    """``serve`` (with more than one job) reads, makes and builds the languages after the first in a worker
    process kept for the next saves, beside the first language's build in the serving process
    (mkdocs/build.py, ``start_apart``); the site is ``minhbach build``'s, byte for byte. A worker that died
    (killed here) is replaced: the language is built in the serving process, and the next save starts another
    worker. Data that stops the build leaves no folder of the worker's behind."""
    import os
    import signal

    from generator.mkdocs import build as mkdocs_build

    assert build(project, tmp_path / "built") == 0
    expected = snapshot(tmp_path / "built")
    try:
        printed = serving_build(project, tmp_path / "served")
        assert snapshot(tmp_path / "served") == expected
        assert re.search(r"^minhbach: en \(tiến trình phụ / worker\) .*pages_s=.*mkdocs_s=", printed, re.MULTILINE)
        assert "units_made=vi:" in printed and ",en:" in printed  # the worker's units counted with the others
        worker = mkdocs_build._WORKER
        (pid,) = worker._processes  # the worker that built the English site, kept for the next save
        os.kill(pid, signal.SIGKILL)
        printed = serving_build(project, tmp_path / "served-again")
        assert snapshot(tmp_path / "served-again") == expected
        assert "(tiến trình phụ / worker)" not in printed  # built here
        assert mkdocs_build._WORKER is None  # let go: the next save starts another
        printed = serving_build(project, tmp_path / "served-by-a-new-worker")
        assert snapshot(tmp_path / "served-by-a-new-worker") == expected
        assert "(tiến trình phụ / worker)" in printed and mkdocs_build._WORKER is not None
    finally:
        mkdocs_build.stop_serve_worker()


def test_the_drawing_server_yields_to_frictionless_validating_beside_the_build(project, tmp_path, monkeypatch):
    """core/workers.py, ``behind``: when a build validates beside itself (a package whose verdict is not cached),
    the server of chart workers yields the cores to it (tests/test_workers.py checks the niceness itself); a
    build with every verdict cached (a session's status edited) does not ask, nor does ``serve``, which validates
    in its own process, nor a build with one job."""
    from generator.core import workers

    # The first build in a new interpreter: a build forks its validating child only from a process with one
    # thread, and other tests leave threads in this one (build_fresh): here it validated in its own process.
    code = ("import sys\nfrom generator.cli import main\nfrom generator.core import workers\n"
            "workers.behind = lambda: print('ASKED: behind', flush=True)\nsys.exit(main(sys.argv[1:]))\n")
    out = tmp_path / "site"
    done = subprocess.run([sys.executable, "-c", code, "build", "--datasets", str(project), "--out", str(out),
                           "--config", str(ROOT / "mkdocs.yml"), "--build-date", "2026-11-26", "--cache-dir",
                           str(out.parent / f"{out.name}.cache"), "--jobs", "2"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("ASKED: behind") == 1
    asked = ["behind"]
    monkeypatch.setattr(workers, "behind", lambda: asked.append("behind"))
    session = project / "giam-sat" / "sessions" / "2024-06-11-test.yaml"
    session.write_text(session.read_text("utf-8").replace("status: dinh_hoan", "status: da_thuc_hien"), "utf-8")
    assert build(project, out, "--jobs", "2") == 0
    serving_build(project, tmp_path / "served")
    assert build(project, tmp_path / "one-job", "--jobs", "1") == 0
    assert asked == ["behind"]
