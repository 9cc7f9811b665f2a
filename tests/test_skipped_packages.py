"""A package in a folder the datasets' walk leaves out (a hidden one, a tool's) is a warning at its descriptor: it
vanished from the site without a word (hostile audit 3, #8)."""

from __future__ import annotations

from pathlib import Path

from conftest import Package, Resource, settings_for

from generator import pipeline
from generator.cli import main

T = Resource("t", ("id:integer", "name:string"), rows="1,a\n")


def test_a_package_in_a_hidden_or_tool_folder_is_a_warning_naming_the_folder(tmp_path):
    datasets = tmp_path / "datasets"
    Package("p", (T,)).write(datasets)
    Package("q", (T,)).write(datasets / ".q")
    Package("r", (T,)).write(datasets / "node_modules" / "pkg")
    Package("s", (T,)).write(datasets / "p" / ".drafts" / "old")  # inside a package: a draft copy
    (datasets / ".git" / "x").mkdir(parents=True)
    (datasets / ".git" / "x" / "datapackage.yaml").write_text("name: g\n", "utf-8")  # git's own: not searched
    problems = pipeline.check(settings_for(datasets)).problems
    assert sorted((p.code, p.path, p.params_dict()["folder"]) for p in problems) == [
        ("skipped-package", "datasets/.q/q/datapackage.yaml", "datasets/.q"),
        ("skipped-package", "datasets/node_modules/pkg/r/datapackage.yaml", "datasets/node_modules"),
        ("skipped-package", "datasets/p/.drafts/old/s/datapackage.yaml", "datasets/p/.drafts")]
    assert all(not p.is_error for p in problems)
    assert main(["validate", "--datasets", str(datasets), "--cache-dir", str(tmp_path / "cache")]) == 0
    assert main(["validate", "--datasets", str(datasets), "--cache-dir", str(tmp_path / "cache"), "--strict"]) == 1


def test_hidden_files_and_folders_without_a_package_say_nothing(tmp_path):
    datasets = tmp_path / "datasets"
    Package("p", (T,)).write(datasets)
    (datasets / ".github").mkdir()
    (datasets / ".github" / "notes.md").write_text("x", "utf-8")
    (datasets / "p" / "__pycache__").mkdir()
    (datasets / ".DS_Store").write_bytes(b"\0")
    (datasets / ".linked").symlink_to(Path("p"), target_is_directory=True)  # a link is not walked into
    assert pipeline.check(settings_for(datasets)).problems == []
