"""What is published is what Frictionless validated, for the generic forms a package's rows may take: inline data,
JSON files, and the types whose JSON value is not their text (audit of the generic path, findings 2 to 7 and 12).

Each case is read by Frictionless 5.21 from its source, then built; the JSON download must hold the rows
Frictionless read, and the published package (descriptor and CSV) must validate and read back as the same rows.
"""

from __future__ import annotations

import json
from datetime import date, time
from decimal import Decimal
from pathlib import Path

import frictionless
from conftest import settings_for, write

from generator import pipeline

ID_NAME = [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}]


def as_json(value: object) -> object:
    """A value as Frictionless reads it, as our JSON download writes it (read back with Decimals): ISO 8601 for
    dates and times, a year-month as "YYYY-MM", a geopoint as [lon, lat]; a float (a JSON number inside a value
    read from a CSV cell) as the Decimal of its text."""
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, (date, time)):
        return value.isoformat()
    if type(value).__name__ == "yearmonth":
        return f"{value.year}-{value.month:02}"
    if type(value).__name__ == "geopoint":
        return [value.lon, value.lat]
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [as_json(v) for v in value]
    return value


def theirs(descriptor: Path) -> list[dict]:
    """The rows Frictionless reads from the package's one resource, which it must find valid, as published:
    by the schema's fields when it has one (the fields matched by name, not the file's other columns)."""
    report = frictionless.validate(str(descriptor))
    assert report.valid, report.flatten(["type", "note"])
    resource = frictionless.Package(str(descriptor)).resources[0]
    names = [field["name"] for field in resource.to_descriptor().get("schema", {}).get("fields", [])]
    rows = [row.to_dict() for row in resource.read_rows()]
    return [{name: row.get(name) for name in names} for row in rows] if names else rows


def build(tmp_path: Path, resource: dict, files: dict[str, str] | None = None) -> dict[str, bytes]:
    """The files package p (this one ``resource``, and ``files`` beside it) publishes, by URI."""
    datasets = tmp_path / "datasets"
    write(datasets / "p" / "datapackage.json", json.dumps({"name": "p", "resources": [resource]}))
    for name, text in (files or {}).items():
        write(datasets / "p" / name, text)
    result = pipeline.run(settings_for(datasets))
    assert result.problems == []
    return {a.uri: a.read() for a in result.outputs["vi"].assets}


def same_as_frictionless(tmp_path: Path, resource: dict, files: dict[str, str] | None = None) -> dict[str, bytes]:
    """Build the package, and check that its JSON download holds the rows Frictionless reads from the source,
    and that the published package validates and reads as those rows too."""
    assets = build(tmp_path, resource, files)
    source = theirs(tmp_path / "datasets" / "p" / "datapackage.json")
    ours = json.loads(assets["tai-ve/p/t.json"], parse_float=Decimal)
    assert ours == [as_json(row) for row in source]
    folder = tmp_path / "published"
    for uri in ("tai-ve/p/datapackage.json", "tai-ve/p/t.csv"):
        (folder / uri).parent.mkdir(parents=True, exist_ok=True)
        (folder / uri).write_bytes(assets[uri])
    assert [as_json(row) for row in theirs(folder / "tai-ve" / "p" / "datapackage.json")] == [
        as_json(row) for row in source]
    return assets


# Finding 2: a JSON resource of several files

def test_a_json_resource_of_several_files_is_refused_at_its_path(tmp_path):
    """Frictionless reads such a resource as its last file alone: the other files' rows, never validated (a text
    in a number column, a duplicate key), were published."""
    datasets = tmp_path / "datasets"
    resource = {"name": "t", "type": "table", "format": "json", "path": ["a.json", "b.json"],
                "schema": {"fields": [{"name": "id", "type": "integer", "constraints": {"unique": True}},
                                      {"name": "v", "type": "number"}]}}
    write(datasets / "p" / "datapackage.json", json.dumps({"name": "p", "resources": [resource]}, indent=1))
    write(datasets / "p" / "a.json", '[{"id": 1, "v": "abc"}, {"id": 3, "v": 1}]')
    write(datasets / "p" / "b.json", '[{"id": 3, "v": 4.0}]')
    assert theirs(datasets / "p" / "datapackage.json") == [{"id": 3, "v": Decimal("4.0")}]  # the last file alone
    result = pipeline.run(settings_for(datasets))
    found = [(p.code, Path(p.path).parts[-2:], p.line, p.field) for p in result.problems]
    line = next(n for n, text in enumerate((datasets / "p" / "datapackage.json").read_text().splitlines(), 1)
                if '"path"' in text)
    assert found == [("multipart-json", ("p", "datapackage.json"), line, "path")]


def test_an_ndjson_resource_of_several_files_is_published_whole_as_frictionless_reads_it(tmp_path):
    assets = same_as_frictionless(tmp_path, {"name": "t", "type": "table", "path": ["a.ndjson", "b.ndjson"],
                                             "schema": {"fields": ID_NAME}},
                                  {"a.ndjson": '{"id": 1, "name": "a"}\n', "b.ndjson": '{"id": 2, "name": "b"}\n'})
    assert assets["tai-ve/p/t.csv"] == b"id,name\n1,a\n2,b\n"
