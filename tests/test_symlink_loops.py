"""A symbolic link loop anywhere under the datasets is an unsafe-path error where it is, as a link leaving its package
is: asking whether it was a file raised "Too many levels of symbolic links" and stopped validate and build with exit
2, with no file or hint (hostile audit 3, #4)."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, Package, Resource, settings_for

from generator import pipeline
from generator.cli import main

P = Package("p", (Resource("t", ("id:integer", "name:string"), rows="1,a\n"),), "title: P")


def _found(datasets: Path) -> list[tuple[str, str, int | None, str | None]]:
    return [(p.code, p.path, p.line, p.field) for p in pipeline.check(settings_for(datasets)).problems]


def test_a_stray_loop_in_a_package_and_at_the_datasets_root_is_unsafe_path_at_the_link(tmp_path):
    datasets = tmp_path / "datasets"
    P.write(datasets)
    (datasets / "p" / "loop.csv").symlink_to("loop.csv")
    (datasets / "x").symlink_to("x")
    assert _found(datasets) == [("unsafe-path", "datasets/p/loop.csv", None, None),
                                ("unsafe-path", "datasets/x", None, None)]
    assert main(["validate", "--datasets", str(datasets), "--cache-dir", str(tmp_path / "cache")]) == 1
    out = tmp_path / "site"
    assert main(["build", "--datasets", str(datasets), "--out", str(out), "--config", str(ROOT / "mkdocs.yml"),
                 "--cache-dir", str(tmp_path / "cache"), "--jobs", "1"]) == 1
    assert not out.exists()


def test_a_loop_named_by_the_descriptor_is_unsafe_path_at_its_line(tmp_path):
    datasets = tmp_path / "datasets"
    text = P.text.replace("    schema:\n      fields:\n", "    schema: s.yaml\n    x-fields:\n")
    P.write(datasets, text)
    (datasets / "p" / "s.yaml").symlink_to("s.yaml")
    assert _found(datasets) == [("unsafe-path", "datasets/p/datapackage.yaml", 6, "schema")]
    (datasets / "p" / "t.csv").unlink()
    (datasets / "p" / "t.csv").symlink_to("t.csv")
    assert ("unsafe-path", "datasets/p/datapackage.yaml", 5, "path") in _found(datasets)
