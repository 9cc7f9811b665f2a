"""A resource of a table format declared a file (``type: file``, as ``frictionless describe`` writes it; ``text`` or
``json`` too): Frictionless checks none of its rows and calls the package valid, so it must publish; its rows, read
and published here, were a table nobody validated (a duplicate key, "x" in an integer column, a cell dropped from
the JSON). Minh Bạch leaves such a resource out, with a warning (not-a-table); a key into it is an error
(key-into-not-table), where Frictionless stopped with an AttributeError (exit 2). Real files, real runs."""

from __future__ import annotations

import json
from pathlib import Path

import frictionless
import pytest
from conftest import settings_for, write

from generator import pipeline
from generator.core.problems import problem

REL = "datasets/p/datapackage.yaml"
# t: what Frictionless would refuse as a table (a duplicate key, "x" in an integer column, an extra cell)
T_ROWS = b"id,name\n1,a\nx,b\n1,c,extra\n"
DECLARED = """\
name: p
resources:
  - name: t
    type: {kind}
    path: {path}
    schema:
      fields:
        - {{name: id, type: integer}}
        - {{name: name, type: string}}
      primaryKey: [id]
  - name: u
    path: u.csv
    schema:
      fields:
        - {{name: k, type: integer}}
"""


def _package(tmp_path: Path, kind: str = "file", path: str = "t.csv", data: bytes = T_ROWS, extra: str = "") -> Path:
    datasets = tmp_path / "datasets"
    write(datasets / "p" / "datapackage.yaml", DECLARED.format(kind=kind, path=path) + extra)
    (datasets / "p" / path).write_bytes(data)
    (datasets / "p" / "u.csv").write_bytes(b"k\n1\n2\n")
    return datasets


def _frictionless_valid(datasets: Path) -> bool:
    return frictionless.validate(str(datasets / "p" / "datapackage.yaml")).valid


def _left_out(kind: str = "file") -> list:
    return [problem("not-a-table", REL, 4, 5, "type", name="t", type=kind)]


@pytest.mark.parametrize("kind", ["file", "text", "json"])
def test_a_csv_declared_no_table_is_neither_read_nor_published_and_the_package_still_is(tmp_path, kind):
    datasets = _package(tmp_path, kind)
    assert _frictionless_valid(datasets)
    result = pipeline.run(settings_for(datasets))
    assert result.problems == _left_out(kind)
    assets = {a.uri: a.read() for a in result.outputs["vi"].assets}
    assert not [uri for uri in assets if uri.startswith("tai-ve/p/t.")]
    assert assets["tai-ve/p/u.csv"] == b"k\n1\n2\n"
    published = json.loads(assets["tai-ve/p/datapackage.json"])
    assert [r["name"] for r in published["resources"]] == ["u"]
    page = next(page.content for page in result.outputs["vi"].pages if page.uri == "du-lieu/p.md")
    assert "{ #bang-u }" in page and "bang-t" not in page and "2 dòng trong 1 bảng" in page


@pytest.mark.parametrize(("path", "data"), [
    ("t.csv", b"id,name\n1,caf\xe9\n"),  # not UTF-8 (latin-1): encoding, had it been read
    ("t.csv", b"id;name\n1;a\n"),  # other-delimiter
    ("t.csv", b"id,name\n1,a\x00b\n"),  # control-character
    ("t.tsv", b"id\tname\n1\ta\nx\tb\n"),
], ids=["latin-1", "semicolons", "nul", "tsv"])
def test_what_a_file_declared_no_table_holds_is_not_read(tmp_path, path, data):
    """Frictionless reads none of its rows: neither does Minh Bạch, and a package Frictionless calls valid is not
    refused for what they hold."""
    datasets = _package(tmp_path, path=path, data=data)
    assert _frictionless_valid(datasets)
    assert pipeline.check(settings_for(datasets)).problems == _left_out()


def test_what_frictionless_checks_of_a_file_declared_no_table_is_still_checked(tmp_path):
    """Its bytes: a wrong declared hash refuses the package, as Frictionless does."""
    datasets = _package(tmp_path, extra="")
    text = (datasets / "p" / "datapackage.yaml").read_text("utf-8")
    (datasets / "p" / "datapackage.yaml").write_text(text.replace("    path: t.csv\n",
                                                                  "    path: t.csv\n    hash: 'sha256:00'\n"))
    assert not _frictionless_valid(datasets)
    assert [(p.code, p.params_dict().get("type")) for p in pipeline.check(settings_for(datasets)).problems] == [
        ("not-a-table", "file"), ("frictionless", "hash-count")]


def test_a_json_file_declared_a_file_is_still_checked_as_a_table(tmp_path):
    """json-not-table's, as before: Frictionless takes a JSON file for a document unless told it is a table."""
    datasets = _package(tmp_path, path="t.json", data=b'[{"id": 1, "name": "a"}]')
    assert [p.code for p in pipeline.check(settings_for(datasets)).problems] == ["json-not-table"]


KEY = "      foreignKeys:\n        - {fields: k, reference: {resource: t, fields: id}}\n"


def test_a_key_into_a_resource_declared_no_table_is_an_error_at_the_key(tmp_path):
    """Frictionless looks the values up in rows it does not read: it stopped with an AttributeError (exit 2)."""
    datasets = _package(tmp_path, extra=KEY)
    assert pipeline.check(settings_for(datasets)).problems == [
        *_left_out(), problem("key-into-not-table", REL, 17, 35, "foreignKeys", resource="t", type="file",
                              declared="type: file")]


def test_a_key_into_a_resource_declared_no_table_is_an_error_in_a_schema_file_too(tmp_path):
    datasets = _package(tmp_path)
    text = (datasets / "p" / "datapackage.yaml").read_text("utf-8")
    own = "    schema:\n      fields:\n        - {name: k, type: integer}\n"
    (datasets / "p" / "datapackage.yaml").write_text(text.replace(own, "    schema: u.schema.yaml\n"))
    write(datasets / "p" / "u.schema.yaml", "fields:\n  - {name: k, type: integer}\n"
          "foreignKeys:\n  - {fields: k, reference: {resource: t, fields: id}}\n")
    assert pipeline.check(settings_for(datasets)).problems == [
        *_left_out(), problem("key-into-not-table", "datasets/p/u.schema.yaml", 4, 29, "foreignKeys", resource="t",
                              type="file", declared="type: file")]


# A resource whose file is no table's (audit generic8 #2): frictionless-py's example-data-packages text-file
# (format: txt) and simple-geojson (format: geojson, mediatype application/json), valid for Frictionless, were
# refused whole (unsupported-format) with a hint to export "the table" as CSV. They are files Frictionless checks
# only the bytes of: left out with a warning that says so, the rest of the package published.
TEXT = b"This is just a simple text file. It is not tabular. It includes some data.\n"
GEOJSON = (b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "United Kingdom"}, '
           b'"geometry": {"type": "Point", "coordinates": [-2.0, 54.0]}}]}\n')
FILES = {  # (resource keys after name and path, file name, bytes, the format said, the key it is said at)
    "text": ("    format: txt\n", "text-file.txt", TEXT, "txt", "format"),
    "text, no format": ("", "notes.txt", TEXT, "txt", "path"),
    "text declared a file": ("    format: txt\n    type: file\n", "text-file.txt", TEXT, "txt", "format"),
    "geojson": ("    format: geojson\n    mediatype: application/json\n", "data/example.geojson", GEOJSON, "geojson",
                "format"),
    "geojson declared json": ("    format: geojson\n    type: json\n", "data/example.geojson", GEOJSON, "geojson",
                              "format"),
    "pdf": ("", "report.pdf", b"%PDF-1.4\n", "pdf", "path"),
}
TABLE_U = "  - name: u\n    path: u.csv\n    schema:\n      fields:\n        - {name: k, type: integer}\n"


def _with_file(tmp_path: Path, case: str, table: bool = True) -> Path:
    keys, path, data, _, _ = FILES[case]
    datasets = tmp_path / "datasets"
    write(datasets / "p" / "datapackage.yaml", f"name: p\nresources:\n  - name: f\n    path: {path}\n{keys}"
          + (TABLE_U if table else ""))
    (datasets / "p" / path).parent.mkdir(parents=True, exist_ok=True)
    (datasets / "p" / path).write_bytes(data)
    (datasets / "p" / "u.csv").write_bytes(b"k\n1\n2\n")
    return datasets


def _file_left_out(case: str) -> list:
    keys, path, _, fmt, key = FILES[case]
    line, col = (5, 5) if key == "format" else (4, 5)
    return [problem("non-table-resource", REL, line, col, key, name="f", target=path, format=fmt)]


@pytest.mark.parametrize("case", sorted(FILES))
def test_a_file_that_is_no_table_is_left_out_and_the_table_beside_it_published(tmp_path, case):
    datasets = _with_file(tmp_path, case)
    assert _frictionless_valid(datasets)
    result = pipeline.run(settings_for(datasets))
    assert result.problems == _file_left_out(case)
    assert "CSV UTF-8" not in result.problems[0].hint("vi").split(";")[0]  # no "export the table" first
    assets = {a.uri: a.read() for a in result.outputs["vi"].assets}
    assert not [uri for uri in assets if uri.startswith("tai-ve/p/f.")]
    assert assets["tai-ve/p/u.csv"] == b"k\n1\n2\n"
    assert [r["name"] for r in json.loads(assets["tai-ve/p/datapackage.json"])["resources"]] == ["u"]


@pytest.mark.parametrize("case", ["text", "geojson"])
def test_the_real_example_packages_of_one_file_publish_a_page_and_a_descriptor_frictionless_accepts(tmp_path, case):
    """The example packages hold that one file: the package publishes (its page, its metadata), no table in it."""
    datasets = _with_file(tmp_path, case, table=False)
    result = pipeline.run(settings_for(datasets))
    assert result.problems == _file_left_out(case)
    assert any(page.uri == "du-lieu/p.md" for page in result.outputs["vi"].pages)
    published = {a.uri: a.read() for a in result.outputs["vi"].assets}["tai-ve/p/datapackage.json"]
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "datapackage.json").write_bytes(published)
    assert frictionless.validate(str(tmp_path / "out" / "datapackage.json")).valid


@pytest.mark.parametrize(("keys", "path", "fmt", "key"), [
    ("", "t.xls", "xls", "path"),  # a spreadsheet: Frictionless reads it as a table and checks its rows
    ("", "t.ods", "ods", "path"),
    ("    type: table\n", "t.txt", "txt", "path"),  # said to be a table
    ("    schema:\n      fields:\n        - {name: a}\n", "t.txt", "txt", "path"),  # its columns described
    ("    format: geojson\n    profile: tabular-data-resource\n", "t.geojson", "geojson", "format"),
])
def test_a_table_in_a_format_we_cannot_read_is_still_an_error(tmp_path, keys, path, fmt, key):
    datasets = tmp_path / "datasets"
    write(datasets / "p" / "datapackage.yaml", f"name: p\nresources:\n  - name: t\n    path: {path}\n{keys}")
    (datasets / "p" / path).write_bytes(b"a\n1\n")
    problems = pipeline.check(settings_for(datasets)).problems
    assert [(p.code, p.line, p.field, p.params_dict()["format"]) for p in problems] == [
        ("unsupported-format", 5 if key == "format" else 4, key, fmt)]
    assert "CSV UTF-8" in problems[0].hint("en")


def test_a_file_without_an_extension_said_to_be_csv_is_still_told_the_format_to_write(tmp_path):
    datasets = tmp_path / "datasets"
    write(datasets / "p" / "datapackage.yaml", "name: p\nresources:\n  - name: t\n    path: data\n"
          "    mediatype: text/csv\n")
    (datasets / "p" / "data").write_bytes(b"a\n1\n")
    assert [(p.code, p.params_dict().get("declare")) for p in pipeline.check(settings_for(datasets)).problems] == [
        ("unsupported-format", "csv")]


def test_a_key_into_a_file_that_is_no_table_is_an_error_at_the_key_not_a_crash(tmp_path):
    """Frictionless stopped with "'TextResource' object has no attribute 'row_stream'" (exit 2); the hint has no
    'type' to remove."""
    datasets = _with_file(tmp_path, "text")
    text = (datasets / "p" / "datapackage.yaml").read_text("utf-8")
    (datasets / "p" / "datapackage.yaml").write_text(
        text + "      foreignKeys:\n        - {fields: k, reference: {resource: f, fields: id}}\n", "utf-8")
    problems = pipeline.check(settings_for(datasets)).problems
    assert problems == [*_file_left_out("text"), problem("key-into-not-table", REL, 12, 35, "foreignKeys",
                                                         resource="f", format="txt", declared="format: txt")]
    assert problems[1].hint("en").startswith("delete this foreign key")
