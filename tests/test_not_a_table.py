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
        *_left_out(), problem("key-into-not-table", REL, 17, 35, "foreignKeys", resource="t", type="file")]


def test_a_key_into_a_resource_declared_no_table_is_an_error_in_a_schema_file_too(tmp_path):
    datasets = _package(tmp_path)
    text = (datasets / "p" / "datapackage.yaml").read_text("utf-8")
    own = "    schema:\n      fields:\n        - {name: k, type: integer}\n"
    (datasets / "p" / "datapackage.yaml").write_text(text.replace(own, "    schema: u.schema.yaml\n"))
    write(datasets / "p" / "u.schema.yaml", "fields:\n  - {name: k, type: integer}\n"
          "foreignKeys:\n  - {fields: k, reference: {resource: t, fields: id}}\n")
    assert pipeline.check(settings_for(datasets)).problems == [
        *_left_out(), problem("key-into-not-table", "datasets/p/u.schema.yaml", 4, 29, "foreignKeys", resource="t",
                              type="file")]
