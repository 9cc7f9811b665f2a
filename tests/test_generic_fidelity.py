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
import pytest
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


# Finding 3: inline objects without a schema

def test_inline_objects_without_a_schema_are_named_by_the_first_object_s_keys(tmp_path):
    """Frictionless names the columns by the first object's keys; we named them by the schema's fields alone, and
    without one published every row with no cell ("\\n\\n\\n", [{}, {}])."""
    data = [{" id": 1, "v": 2.5}, {"v": 3, " id": 2, "w": 1}]
    assets = build(tmp_path, {"name": "t", "data": data})
    source = theirs(tmp_path / "datasets" / "p" / "datapackage.json")
    assert source == [{"id": 1, "v": Decimal("2.5")}, {"id": 2, "v": 3}]
    assert assets["tai-ve/p/t.csv"] == b"id,v\n1,2.5\n2,3\n"
    # no schema: every value a string (Minh Bach guesses no type), the same ones
    assert json.loads(assets["tai-ve/p/t.json"]) == [{k: str(v) for k, v in row.items()} for row in source]


# Finding 4: inline arrays with no header row

@pytest.mark.parametrize("schema", [{"fields": [{"name": "id", "type": "integer"}, {"name": "v", "type": "number"}]},
                                    None])
def test_inline_arrays_without_a_header_row_keep_their_first_row(tmp_path, schema):
    resource = {"name": "t", "dialect": {"header": False}, "data": [[1, 2.5], [3, 4]]}
    if schema is None:
        assets = build(tmp_path, resource)
        assert theirs(tmp_path / "datasets" / "p" / "datapackage.json") == [
            {"field1": 1, "field2": Decimal("2.5")}, {"field1": 3, "field2": 4}]
        assert assets["tai-ve/p/t.csv"] == b"field1,field2\n1,2.5\n3,4\n"
    else:
        assets = same_as_frictionless(tmp_path, {**resource, "schema": schema})
        assert assets["tai-ve/p/t.csv"] == b"id,v\n1,2.5\n3,4\n"


def test_json_arrays_without_a_header_row_keep_their_first_row(tmp_path):
    same_as_frictionless(tmp_path, {"name": "t", "type": "table", "path": "t.json", "dialect": {"header": False},
                                    "schema": {"fields": ID_NAME}}, {"t.json": '[[1, "a"], [2, "b"]]'})


# Finding 5: fieldsMatch for inline arrays and JSON arrays

@pytest.mark.parametrize("match, header, row", [
    ("equal", ["name", "id"], ["a", 1]),
    ("subset", ["name", "note", "id"], ["a", "x", 1]),
    ("superset", ["id"], [1]),
    ("partial", ["name", "note"], ["a", "x"]),
])
@pytest.mark.parametrize("where", ["inline", "json"])
def test_columns_of_arrays_meet_the_fields_by_name_as_fields_match_says(tmp_path, match, header, row, where):
    """Frictionless matched the header ["name", "id"] to the fields id, name by name; read by position, ids were
    published as names and names as ids (and the published package failed validation)."""
    resource = {"name": "t", "schema": {"fieldsMatch": match, "fields": ID_NAME}}
    if where == "inline":
        assets = same_as_frictionless(tmp_path, {**resource, "data": [header, row]})
    else:
        assets = same_as_frictionless(tmp_path, {**resource, "type": "table", "path": "t.json"},
                                      {"t.json": json.dumps([header, row])})
    assert assets["tai-ve/p/t.csv"].decode().splitlines()[0] == "id,name"


@pytest.mark.parametrize("match, rows", [("exact", [{"ID": 1, "NAME": "a"}, {"ID": 2, "NAME": "b"}]),
                                         ("equal", [{"NAME": "a", "ID": 1}, {"NAME": "b", "ID": 2}])])
def test_json_objects_meet_the_fields_in_any_case_under_header_case_false(tmp_path, match, rows):
    """The keys are the header, matched to the fields as a file's labels are: {"ID": 1} was looked up as "id", and
    every cell published empty."""
    same_as_frictionless(tmp_path, {"name": "t", "type": "table", "path": "t.json", "dialect": {"headerCase": False},
                                    "schema": {"fieldsMatch": match, "fields": ID_NAME}}, {"t.json": json.dumps(rows)})


# Finding 6: numbers nested in JSON values

def test_numbers_nested_in_json_values_are_published_as_the_numbers_they_are(tmp_path):
    """Read as text, the numbers inside an object or a GeoJSON value were published as strings: {"k": ["1", "2"]},
    and a point whose coordinates are strings, which is no GeoJSON (the published package failed)."""
    assets = same_as_frictionless(tmp_path, {
        "name": "t", "type": "table", "path": "t.json",
        "schema": {"fields": [{"name": "id", "type": "integer"}, {"name": "o", "type": "object"},
                              {"name": "a", "type": "array"}, {"name": "g", "type": "geojson"}]}},
        {"t.json": '[{"id": 1, "o": {"k": [1, 2.50]}, "a": [true, null, "x", -0.5e3],'
                   ' "g": {"type": "Point", "coordinates": [106.7, 10.5]}}]'})
    text = assets["tai-ve/p/t.json"].decode()
    assert '"o": {"k": [1, 2.50]}' in text  # the digits as written
    assert '"coordinates": [106.7, 10.5]' in assets["tai-ve/p/t.csv"].decode().replace('""', '"')


# Finding 7: native JSON and inline values in typed columns

NATIVE_FIELDS = [{"name": "id", "type": "integer"},
                 {"name": "b", "type": "boolean", "trueValues": ["Y"], "falseValues": ["N"]},
                 {"name": "n", "type": "number", "decimalChar": ","},
                 {"name": "y", "type": "year"}]
NATIVE_ROWS = [{"id": 1.0, "b": True, "n": 1.5, "y": 99}, {"id": 2, "b": "N", "n": "2,5", "y": 2024},
               {"id": 2e0, "b": False, "n": 3, "y": "2025"}]


@pytest.mark.parametrize("where", ["inline", "json"])
def test_native_values_are_read_as_frictionless_reads_them_not_as_their_text(tmp_path, where):
    """1.0 in an integer column is 1; true in a boolean column whose words are Y/N is Y; 1.5 in a column whose
    decimal character is "," is 1,5: written as Python writes them ("1.0", "true", "1.5"), each was a text the
    column refuses, published as a string in the JSON and as an error in the CSV of a package that no longer
    validated."""
    resource = {"name": "t", "schema": {"fields": NATIVE_FIELDS}}
    if where == "inline":
        assets = same_as_frictionless(tmp_path, {**resource, "data": NATIVE_ROWS})
    else:
        assets = same_as_frictionless(tmp_path, {**resource, "type": "table", "path": "t.json"},
                                      {"t.json": json.dumps(NATIVE_ROWS)})
    assert assets["tai-ve/p/t.csv"] == b'id,b,n,y\n1,Y,"1,5",0099\n2,N,"2,5",2024\n2,N,3,2025\n'


# Finding 12: JSON values of the types whose value is not their text

def test_the_json_download_writes_points_geojson_midnight_and_year_months_as_frictionless_reads_them(tmp_path):
    """A geopoint is read as (lon, lat) and a GeoJSON cell as an object, both written as strings; "24:00:00", the
    end of a day, is the next day's 00:00, written as its text; "2020-1" is the year-month 2020-01."""
    fields = [{"name": "id", "type": "integer"}, {"name": "pt", "type": "geopoint"},
              {"name": "pa", "type": "geopoint", "format": "array"},
              {"name": "po", "type": "geopoint", "format": "object"}, {"name": "g", "type": "geojson"},
              {"name": "dt", "type": "datetime"}, {"name": "tm", "type": "time"}, {"name": "ym", "type": "yearmonth"}]
    csv_text = ('id,pt,pa,po,g,dt,tm,ym\n'
                '1,"106.7, 10.5","[106, 10]","{""lon"": 106, ""lat"": 10}",'
                '"{""type"": ""Point"", ""coordinates"": [106.7, 10.5]}",2024-06-11T24:00:00,24:00:00,2020-1\n'
                '2,,,,,2024-12-31T24:00:00Z,23:59:59,2020-12\n')
    assets = same_as_frictionless(tmp_path, {"name": "t", "path": "t.csv", "schema": {"fields": fields}},
                                  {"t.csv": csv_text})
    rows = json.loads(assets["tai-ve/p/t.json"])
    assert rows[0] == {"id": 1, "pt": [106.7, 10.5], "pa": [106, 10], "po": [106, 10],
                       "g": {"type": "Point", "coordinates": [106.7, 10.5]}, "dt": "2024-06-12T00:00:00",
                       "tm": "00:00:00", "ym": "2020-01"}
    assert rows[1]["dt"] == "2025-01-01T00:00:00+00:00"
    assert assets["tai-ve/p/t.csv"] == csv_text.encode()  # the CSV file is the source, byte for byte


# Generic audit 5, finding 3: a list's JSON value

def test_the_json_download_writes_a_list_as_an_array_of_its_typed_items(tmp_path):
    """Frictionless reads "1|2|3" of a list of integers whose delimiter is "|" as [1, 2, 3]: the JSON download, said
    to be typed by the schema, gave the text "1|2|3" (and "a,b" for a list of strings)."""
    fields = [{"name": "id", "type": "integer"}, {"name": "s", "type": "list"},
              {"name": "i", "type": "list", "delimiter": "|", "itemType": "integer"},
              {"name": "n", "type": "list", "itemType": "number", "delimiter": ";"},
              {"name": "d", "type": "list", "itemType": "date"}]
    csv_text = 'id,s,i,n,d\n1,"a,b",1|2|3,1.50;-2,"2024-01-31,2024-02-01"\n2,,7,3,2024-06-11\n'
    assets = same_as_frictionless(tmp_path, {"name": "t", "path": "t.csv", "schema": {"fields": fields}},
                                  {"t.csv": csv_text})
    assert json.loads(assets["tai-ve/p/t.json"]) == [
        {"id": 1, "s": ["a", "b"], "i": [1, 2, 3], "n": [1.5, -2], "d": ["2024-01-31", "2024-02-01"]},
        {"id": 2, "s": None, "i": [7], "n": [3], "d": ["2024-06-11"]}]
    assert '"n": [1.50, -2]' in assets["tai-ve/p/t.json"].decode()  # the digits as written


# Audit generic7 #3: dialect.skipBlankRows

REQUIRED_KEY = {"fields": [{"name": "id", "type": "integer", "constraints": {"required": True}},
                           {"name": "name", "type": "string"}], "primaryKey": ["id"]}


@pytest.mark.parametrize(("dialect", "where", "source"), [
    ({}, "t.csv", "id,name\n1,a\n,\n\n2,b\n,,\n"),  # a row of empty cells, an empty line, a longer blank row
    ({"header": False}, "t.csv", ",\n1,a\n,\n2,b\n"),  # the first row too, when it is no header
    ({}, "t.json", '[{"id": 1, "name": "a"}, {"id": null, "name": ""}, {}, {"id": 2, "name": "b"}]'),
    ({}, "t.ndjson", '["id", "name"]\n[1, "a"]\n[null, null]\n["", ""]\n[2, "b"]\n'),
    ({}, "inline", [["id", "name"], [1, "a"], [None, ""], [], [2, "b"]]),
])
def test_blank_rows_the_dialect_skips_are_not_published(tmp_path, dialect, where, source):
    """Frictionless leaves out every row whose cells are all empty (None or "") when the dialect says
    ``skipBlankRows: true``, and calls the package valid; they were published as rows of nulls, here a null in a
    required primary key."""
    resource = {"name": "t", "dialect": {**dialect, "skipBlankRows": True}, "schema": REQUIRED_KEY}
    if where == "inline":
        assets = same_as_frictionless(tmp_path, {**resource, "data": source})
    else:
        resource |= {"type": "table"} if where.endswith("json") else {}
        assets = same_as_frictionless(tmp_path, {**resource, "path": where}, {where: source})
    assert assets["tai-ve/p/t.csv"] == b"id,name\n1,a\n2,b\n"


def test_blank_rows_the_dialect_skips_are_not_read_in_a_table_validated_in_chunks(tmp_path):
    """Above CHUNK_ROWS rows, the same rows as Frictionless's (a resource with skipBlankRows is validated whole)."""
    lines = [f"{number},x{number}\n" + (",\n" if number % 3000 == 0 else "") for number in range(1, 12_001)]
    write(tmp_path / "p" / "t.csv", "id,name\n" + "".join(lines))
    write(tmp_path / "p" / "datapackage.json", json.dumps({"name": "p", "resources": [
        {"name": "t", "path": "t.csv", "dialect": {"skipBlankRows": True}, "schema": REQUIRED_KEY}]}))
    checked = pipeline.check(settings_for(tmp_path))
    assert checked.problems == []
    rows = checked.datasets.packages[0].tables[0].rows
    assert (len(rows), rows[3000].line, rows[-1].values) == (12_000, 3003, ("12000", "x12000"))
