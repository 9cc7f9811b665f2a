"""Smoke test of the benchmark harness (issue 9) at the ``tiny`` scale.

Why: the benchmark is run by hand at city and national scale, rarely; this keeps it working between runs, so
that it still writes every figure and its synthetic data still matches the real schemas when someone needs it.
It is deliberately not a timed test: no figure is compared with a target, only its presence is checked.
Both scripts run as a maintainer runs them (subprocesses, the real CLI), against the code in this checkout.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest
import yaml
from conftest import ROOT

PREFIX = "[SYNTHETIC / DỮ LIỆU GIẢ]"
BUILDS = ("cold", "no_change", "edit_one_row", "add_session")
BUILD_FIGURES = ("status", "seconds", "exit_code", "peak_rss_mb", "group_peak_pss_mb", "stages",
                 "pages_reported_by_cli")
ROLES = {"sources", "agencies", "legal-documents", "indices", "indicators", "supervision"}


def run(*argv: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *argv], cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                          check=False)


def test_tiny_synthetic_datasets_are_labelled_and_validate_with_no_error(tmp_path):
    datasets = tmp_path / "datasets"
    generated = run(str(ROOT / "bench" / "synth.py"), "--scale", "tiny", str(datasets))
    assert generated.returncode == 0, generated.stderr
    manifest = json.loads(generated.stdout)
    assert manifest["synthetic"] is True and manifest["sessions"] == 2 and manifest["csv_rows"] > 0
    roles = set()
    for path in datasets.glob("*/datapackage.yaml"):
        descriptor = yaml.safe_load(path.read_text("utf-8"))
        assert descriptor["title"].startswith(PREFIX), path
        assert descriptor["x-minhbach"]["synthetic"] is True, path
        roles.add(descriptor["x-minhbach"]["role"])
    assert roles == ROLES
    sources = (datasets / "nguon" / "data" / "sources.csv").read_text("utf-8").splitlines()[1:]
    assert sources and all(PREFIX in line and "https://example.org/" in line for line in sources)
    assert all(path.read_text("utf-8").startswith(f"# {PREFIX}") for path in datasets.glob("giam-sat/sessions/*"))

    checked = run("-m", "generator", "validate", "--datasets", str(datasets), "--build-date", "2026-11-26",
                  "--format", "json")
    report = json.loads(checked.stdout)
    assert [p for p in report["problems"] if p["severity"] == "error"] == []
    assert checked.returncode == 0 and report["valid"] is True


def test_synthetic_data_is_never_written_into_the_real_datasets_folder(tmp_path):
    refused = run(str(ROOT / "bench" / "synth.py"), "--scale", "tiny", str(ROOT / "datasets" / "synthetic"))
    assert refused.returncode != 0 and "refusing" in refused.stderr
    assert not (ROOT / "datasets" / "synthetic").exists()


def test_tiny_benchmark_reports_every_figure(tmp_path):
    out = tmp_path / "tiny.json"
    finished = run(str(ROOT / "bench" / "run.py"), "--scale", "tiny", "--json", str(out),
                   "--work", str(tmp_path / "work"))
    assert finished.returncode == 0, finished.stderr
    assert "| cold build" in finished.stdout  # the table
    report = json.loads(out.read_text("utf-8"))

    assert report["synthetic"] is True and report["scale"] == "tiny"
    # measured as installed: our modules compiled once, not in each build's processes (``compile_code``)
    assert report["code"]["bytecode"] == "compiled"
    assert report["validate"]["status"] == "ok" and report["validate"]["errors"] == 0
    assert report["validate"]["rows"] > 0 and report["validate"]["rows_per_s"] > 0
    for name in BUILDS:
        build = report["builds"][name]
        assert build["status"] == "ok", (name, build.get("output_tail"))
        assert set(BUILD_FIGURES) <= set(build), name
        assert build["seconds"] > 0 and build["peak_rss_mb"] > 0
    for name in BUILDS[1:]:
        assert report["builds"][name]["percent_of_cold"] > 0
    for name in ("cold", "edit_one_row", "add_session"):  # where the CPU went, by process: it all adds up
        build = report["builds"][name]
        assert "build" in build["cpu_by_role"] and set(build["cpu_by_role"]) <= set(bench_run().ROLES), name
        assert sum(build["cpu_by_role"].values()) == pytest.approx(build["cpu_s"], abs=0.05), name
    assert report["builds"]["edit_one_row"]["change"]["old"] != report["builds"]["edit_one_row"]["change"]["new"]
    # Stages: a dict when the CLI prints them, otherwise null with a note saying so.
    cold = report["builds"]["cold"]
    assert cold["stages"] is None and cold["stages_note"] or isinstance(cold["stages"], dict)
    assert report["output"]["pages"] > 0 and report["output"]["charts"] >= 1
    assert report["peak_rss_mb"] > 0
    probe = report["stage_probe"]
    assert probe["status"] == "ok" and probe["marks"]["cli_main_s"] > 0
    assert report["work"] is None and not (tmp_path / "work").exists()  # nothing left behind without --keep


def bench_run():
    """bench/run.py as a module (it makes ``bench`` importable itself, as when a maintainer runs it)."""
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    module = sys.modules.setdefault(spec.name, importlib.util.module_from_spec(spec))  # dataclasses look it up
    spec.loader.exec_module(module)
    return module


def test_cpu_is_told_apart_by_what_each_process_of_a_build_is():
    run = bench_run()
    build = "/usr/bin/python3 -m generator build --datasets datasets --jobs 2"
    server = "/usr/bin/python3 -B -c from multiprocessing.forkserver import main; main(8, 9, ['__main__'])"
    tracker = "/usr/bin/python3 -B -c from multiprocessing.resource_tracker import main;main(7)"
    processes = {10: run.Sampled(1, build, 1.5), 11: run.Sampled(10, "git rev-parse HEAD", 0.01),
                 12: run.Sampled(10, tracker, 0.06), 13: run.Sampled(10, server, 0.8),
                 14: run.Sampled(10, build, 0.7), 15: run.Sampled(13, server, 1.0), 16: run.Sampled(13, server, 0.9),
                 17: run.Sampled(14, build, 0.25)}  # the other language's own fork
    assert run.cpu_by_role(10, processes) == pytest.approx({
        "build": 1.5, "forked by the build": 0.95, "worker server": 0.8, "server's workers": 1.9,
        "resource tracker": 0.06, "other": 0.01})
    assert run.cpu_by_role(10, {10: run.Sampled(1, build, 0.0)}) == {"build": 0.0}
