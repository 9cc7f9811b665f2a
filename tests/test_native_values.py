"""Values JSON and inline data give natively (numbers, booleans, arrays, objects: not text) are published as
Frictionless 5.21 reads them: a column of type any keeps them as they are, a missing value is a native value whose
text (Python's ``str``, as Frictionless compares it) is one of the column's missingValues, and a pair Frictionless
takes for a year-month is one (audit of native values: defects 1 to 4).

Each case is read by Frictionless from its source, then built (real files, real builds); the JSON download must
hold the rows Frictionless read.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import frictionless
import pytest
from conftest import settings_for, write
from test_generic_fidelity import as_json, build, same_as_frictionless, theirs

from generator import pipeline
from generator.cli import main

ANY_ROWS = [{"id": 1, "a": 5}, {"id": 2, "a": "5"}, {"id": 3, "a": True}, {"id": 4, "a": [1, 2.50]},
            {"id": 5, "a": {"k": 1.5}}, {"id": 6, "a": None}]
ANY_FIELDS = [{"name": "id", "type": "integer"}, {"name": "a", "type": "any"}]


def published(tmp_path: Path, assets: dict[str, bytes]) -> Path:
    """The published descriptor and CSV, written where Frictionless can read them."""
    folder = tmp_path / "published"
    for uri in ("tai-ve/p/datapackage.json", "tai-ve/p/t.csv"):
        (folder / uri).parent.mkdir(parents=True, exist_ok=True)
        (folder / uri).write_bytes(assets[uri])
    return folder / "tai-ve" / "p" / "datapackage.json"


@pytest.mark.parametrize("where", ["inline", "json"])
def test_a_column_of_type_any_keeps_native_values_in_the_json_download(tmp_path, where):
    """Frictionless keeps 5 a number in a column of type any (and true a boolean, [1, 2.50] an array): the JSON
    download gave their text, "5". The CSV holds the text, which is all a CSV cell is (read back, a column of
    type any is text), and the published package still validates."""
    resource = {"name": "t", "schema": {"fields": ANY_FIELDS}}
    if where == "inline":
        resource["data"] = ANY_ROWS
        assets = build(tmp_path, resource)
    else:
        resource |= {"type": "table", "path": "t.json"}
        assets = build(tmp_path, resource, {"t.json": json.dumps(ANY_ROWS).replace("2.5", "2.50")})
    source = theirs(tmp_path / "datasets" / "p" / "datapackage.json")
    ours = json.loads(assets["tai-ve/p/t.json"], parse_float=Decimal)
    assert ours == [as_json(row) for row in source]
    assert [row["a"] for row in ours] == [5, "5", True, [1, Decimal("2.50")], {"k": Decimal("1.5")}, None]
    digits = "2.50" if where == "json" else "2.5"  # a JSON file's digits as written; inline data is a float
    assert assets["tai-ve/p/t.csv"] == f'id,a\n1,5\n2,5\n3,true\n4,"[1, {digits}]"\n5,"{{""k"": 1.5}}"\n6,\n'.encode()
    assert [row["a"] for row in theirs(published(tmp_path, assets))] == ["5", "5", "true", f"[1, {digits}]",
                                                                          '{"k": 1.5}', None]


def test_the_json_download_of_a_column_of_type_any_follows_an_edit_from_5_to_text(tmp_path):
    """5 and "5" are the same CSV: the downloads kept from the previous build (keyed by the CSV) gave the old
    JSON."""
    resource = {"name": "t", "type": "table", "path": "t.json", "schema": {"fields": ANY_FIELDS}}
    first = build(tmp_path, resource, {"t.json": '[{"id": 1, "a": 5}]'})
    write(tmp_path / "datasets" / "p" / "t.json", '[{"id": 1, "a": "5"}]')
    result = pipeline.run(settings_for(tmp_path / "datasets"))
    second = {a.uri: a.read() for a in result.outputs["vi"].assets}
    assert first["tai-ve/p/t.csv"] == second["tai-ve/p/t.csv"]
    assert json.loads(first["tai-ve/p/t.json"]) == [{"id": 1, "a": 5}]
    assert json.loads(second["tai-ve/p/t.json"]) == [{"id": 1, "a": "5"}]


def test_a_native_cell_of_type_any_is_typed_as_its_text_for_the_model(tmp_path):
    """The model reads a column of type any as text (a column of mixed numbers and text is never compared as
    numbers); the JSON download alone writes the value."""
    from generator.core.read.table import Native, table_from_texts

    table = table_from_texts("p", {"name": "t", "data": ANY_ROWS, "schema": {"fields": ANY_FIELDS}}, [])
    assert table.natives
    assert [record["a"] for record in table.records()] == ["5", "5", "true", "[1, 2.5]", '{"k": 1.5}', None]
    cell = table.rows[0].values[1]
    assert type(cell) is Native and cell.value == 5
    assert frictionless.Package({"name": "p", "resources": [{"name": "t", "data": ANY_ROWS, "schema": {
        "fields": ANY_FIELDS}}]}).get_resource("t").read_rows()[0]["a"] == 5


# Defect 2: a native value is missing by its Python text, as Frictionless compares it (str(cell) in missingValues)

MISSING_FIELDS = [{"name": "id", "type": "integer"}, {"name": "b", "type": "boolean"},
                  {"name": "n", "type": "number"}, {"name": "i", "type": "integer"},
                  {"name": "c", "type": "boolean", "missingValues": ["", "True"]}]
MISSING_ROWS = [{"id": 1, "b": True, "n": 0, "i": 1.0, "c": True},
                {"id": 2, "b": False, "n": 1.5, "i": -1.0, "c": False}]


@pytest.mark.parametrize("where", ["inline", "json"])
def test_a_native_value_is_missing_by_its_python_text_as_frictionless_compares_it(tmp_path, where):
    """Frictionless reads true with missingValues ["true"] as true (its text is "True"), and 1.0 in an integer
    column with ["1"] as 1 ("1.0"), but 0 with ["0"] as null: they were published null, and true with ["True"]
    as true. The published CSV writes the kept values as another text of theirs that is no missing value
    ("True", "+1", "-01"), which Frictionless reads back as the same values."""
    resource = {"name": "t", "schema": {"missingValues": ["", "true", "0", "1", "-1"], "fields": MISSING_FIELDS}}
    if where == "inline":
        assets = same_as_frictionless(tmp_path, {**resource, "data": MISSING_ROWS})
    else:
        assets = same_as_frictionless(tmp_path, {**resource, "type": "table", "path": "t.json"},
                                      {"t.json": json.dumps(MISSING_ROWS)})
    rows = json.loads(assets["tai-ve/p/t.json"])
    assert rows == [{"id": None, "b": True, "n": None, "i": 1, "c": None},
                    {"id": 2, "b": False, "n": 1.5, "i": -1, "c": False}]
    assert assets["tai-ve/p/t.csv"] == b"id,b,n,i,c\n,True,,+1,\n2,false,1.5,-01,false\n"


def test_a_kept_native_value_with_no_other_text_is_its_value_in_the_json_download(tmp_path):
    """A boolean whose only word for true, "Y", is a missing value: Frictionless still reads JSON's true as true
    (missing values are compared with "True"). No text of the CSV can say it; the JSON download does."""
    fields = [{"name": "id", "type": "integer"},
              {"name": "b", "type": "boolean", "trueValues": ["Y"], "falseValues": ["N"]}]
    resource = {"name": "t", "type": "table", "path": "t.json", "schema": {"missingValues": ["Y"], "fields": fields}}
    assets = build(tmp_path, resource, {"t.json": '[{"id": 1, "b": true}, {"id": 2, "b": false}]'})
    source = theirs(tmp_path / "datasets" / "p" / "datapackage.json")
    assert source == [{"id": 1, "b": True}, {"id": 2, "b": False}]
    assert json.loads(assets["tai-ve/p/t.json"]) == source
    assert assets["tai-ve/p/t.csv"] == b"id,b\n1,Y\n2,N\n"


# Defect 3: pairs Frictionless takes for a year-month or a point that are none

PAIR_FIELDS = [{"name": "id", "type": "integer"}, {"name": "m", "type": "yearmonth"}, {"name": "g", "type": "geopoint"}]


def test_a_year_month_or_point_pair_that_is_none_is_a_type_error_at_its_line(tmp_path, capsys):
    """Frictionless 5.21 reads any pair of a year-month column as one ([2020, 13], ["a", "b"]) and [true, 2] as a
    point, and refuses the text of each (in the published CSV): they were published, in a package that no longer
    validated. A pair that is not two numbers in a point column, [1, "x"], Frictionless refuses itself."""
    datasets = tmp_path / "datasets"
    resource = {"name": "t", "type": "table", "path": "t.json", "schema": {"fields": PAIR_FIELDS}}
    write(datasets / "p" / "datapackage.json", json.dumps({"name": "p", "resources": [resource]}))
    write(datasets / "p" / "t.json", '[{"id": 1, "m": [2020, 1], "g": [1, 2]},\n'
                                     '{"id": 2, "m": [2020, 13], "g": [true, 2]},\n'
                                     '{"id": 3, "m": ["a", "b"], "g": [1, "x"]}]\n')
    report = frictionless.validate(str(datasets / "p" / "datapackage.json"))
    assert [(e.row_number, e.field_name) for e in report.tasks[0].errors] == [(4, "g")]  # [1, "x"] alone
    result = pipeline.run(settings_for(datasets))
    found = sorted((Path(p.path).name, p.line, p.field, p.code, dict(p.params)["cell"]) for p in result.problems)
    assert found == [("t.json", 2, "g", "type-error", "[true, 2]"), ("t.json", 2, "m", "type-error", "[2020, 13]"),
                     ("t.json", 3, "g", "type-error", "[1, 'x']"), ("t.json", 3, "m", "type-error", '["a", "b"]')]
    assert main(["validate", "--datasets", str(datasets)]) == 1
    assert "[2020, 13]" in capsys.readouterr().out


def test_an_inline_year_month_pair_that_is_none_is_a_type_error_at_its_key(tmp_path):
    datasets = tmp_path / "datasets"
    resource = {"name": "t", "schema": {"fields": PAIR_FIELDS},
                "data": [{"id": 1, "m": [2020, 12], "g": None}, {"id": 2, "m": [2020, 0], "g": None}]}
    text = json.dumps({"name": "p", "resources": [resource]}, indent=1)
    write(datasets / "p" / "datapackage.json", text)
    result = pipeline.run(settings_for(datasets))
    line = [n for n, row in enumerate(text.splitlines(), 1) if '"m": [' in row][1]
    assert [(p.code, p.line, p.field) for p in result.problems] == [("type-error", line, "m")]


def test_a_year_month_pair_frictionless_and_its_text_agree_on_is_published(tmp_path):
    resource = {"name": "t", "schema": {"fields": PAIR_FIELDS[:2]}, "data": [{"id": 1, "m": [2020, 1]}]}
    assets = same_as_frictionless(tmp_path, resource)
    assert assets["tai-ve/p/t.csv"] == b"id,m\n1,2020-01\n"


# Defect 4: an old version of a JSON resource of several files, read for the change log

def test_an_old_version_of_a_json_resource_of_several_files_is_unreadable_as_today_s_is_refused(tmp_path):
    """Frictionless reads such a resource as its last file alone, and today's build refuses it (multipart-json);
    the change log read every file of an old version, and counted rows Frictionless never read. NDJSON parts,
    which Frictionless reads whole, are counted whole."""
    from test_changes import FIRST, commit, git

    from generator.changes import history
    from generator.changes.git import Repository

    top = tmp_path / "repo"
    write(top / "d" / "p" / "a.json", '[{"id": 1, "v": "abc"}, {"id": 3, "v": 1}]')
    write(top / "d" / "p" / "b.json", '[{"id": 3, "v": 4.0}]')
    write(top / "d" / "p" / "a.ndjson", '{"id": 1}\n')
    write(top / "d" / "p" / "b.ndjson", '{"id": 2}\n')
    git(top, "init", "-q")
    sha = commit(top, "files", FIRST)
    spec = {"name": "t", "type": "table", "format": "json", "path": ["a.json", "b.json"]}
    with Repository.open(top / "d") as repo:
        assert history.read_rows(repo, sha, "d/p/", spec, 1 << 20) is None
        assert history.read_rows(repo, sha, "d/p/", {**spec, "path": ["b.json"]}, 1 << 20) == (
            ["id", "v"], [{"id": "3", "v": "4.0"}])
        assert history.read_rows(repo, sha, "d/p/", {"name": "t", "path": ["a.ndjson", "b.ndjson"]}, 1 << 20) == (
            ["id"], [{"id": "1"}, {"id": "2"}])


# Generic audit 5, finding 1: a list column's native values

LIST_FIELDS = [{"name": "id", "type": "integer"}, {"name": "s", "type": "list"},
               {"name": "i", "type": "list", "itemType": "integer"},
               {"name": "n", "type": "list", "itemType": "number", "delimiter": ";"},
               {"name": "b", "type": "list", "itemType": "boolean", "delimiter": " | "}]
LIST_ROWS = [{"id": 1, "s": ["a", "b c"], "i": [1, 2.0], "n": [1.5, "2.50", 3], "b": [True, "false"]},
             {"id": 2, "s": ["x"], "i": ["3", 4], "n": [-0.5], "b": [False]}]


@pytest.mark.parametrize("where", ["inline", "json"])
def test_a_native_list_is_published_as_its_items_joined_by_the_delimiter(tmp_path, where):
    """Frictionless reads ["a", "b"] in a list column as the items a and b: it was published as its JSON text,
    '["a", "b"]', which Frictionless reads back as the items '["a"' and ' "b"]' (a package that still validated),
    and [1, 2] in a list of integers as "[1, 2]", which it refuses. Each item is written as its item type writes
    it (2.0 of an integer list is 2, true is true), between the field's delimiter."""
    resource = {"name": "t", "schema": {"fields": LIST_FIELDS}}
    if where == "inline":
        assets = same_as_frictionless(tmp_path, {**resource, "data": LIST_ROWS})
    else:
        assets = same_as_frictionless(tmp_path, {**resource, "type": "table", "path": "t.json"},
                                      {"t.json": json.dumps(LIST_ROWS)})
    assert assets["tai-ve/p/t.csv"] == b'id,s,i,n,b\n1,"a,b c","1,2",1.5;2.50;3,true | false\n2,x,"3,4",-0.5,false\n'
    assert json.loads(assets["tai-ve/p/t.json"])[0] == {"id": 1, "s": ["a", "b c"], "i": [1, 2], "n": [1.5, 2.5, 3],
                                                        "b": [True, False]}


def test_a_native_list_no_cell_says_is_a_type_error_at_its_line(tmp_path):
    """Joined by the delimiter, an item that holds it splits in two ("a,b" of ["a,b", "c"]; 1.5 in a list of
    numbers whose delimiter is "."), and an empty list is no cell (its "" reads back as [""], or null): Frictionless
    reads each as the list it is, and the published package would hold other items. A list with an item
    Frictionless refuses ("1,2" is no integer) is its error alone."""
    datasets = tmp_path / "datasets"
    fields = [{"name": "id", "type": "integer"}, {"name": "s", "type": "list"},
              {"name": "n", "type": "list", "itemType": "number", "delimiter": "."},
              {"name": "i", "type": "list", "itemType": "integer"}]
    resource = {"name": "t", "type": "table", "path": "t.json", "schema": {"fields": fields}}
    write(datasets / "p" / "datapackage.json", json.dumps({"name": "p", "resources": [resource]}))
    write(datasets / "p" / "t.json", '[{"id": 1, "s": ["a,b", "c"], "n": [2, 3], "i": [1]},\n'
                                     '{"id": 2, "s": [], "n": [1.5], "i": [2]},\n'
                                     '{"id": 3, "s": ["a"], "n": [4], "i": ["1,2"]}]\n')
    report = frictionless.validate(str(datasets / "p" / "datapackage.json"))
    assert [(e.row_number, e.field_name) for e in report.tasks[0].errors] == [(4, "i")]  # "1,2" alone
    result = pipeline.run(settings_for(datasets))
    found = sorted((p.line, p.field, p.code, dict(p.params)["cell"]) for p in result.problems)
    named = [dict(p.params)["type"] for p in result.problems if p.field == "n"]
    assert named == ["list, itemType: number, delimiter: ."]  # the delimiter the item holds
    assert found == [(1, "s", "type-error", '["a,b", "c"]'), (2, "n", "type-error", "[1.5]"),
                     (2, "s", "type-error", "[]"), (3, "i", "type-error", "['1,2']")]
