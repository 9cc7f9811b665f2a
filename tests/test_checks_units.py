"""Unit tests of the validation checks in generator/core/checks/, each asserting the whole problem (code, file,
line, column, field, message parameters): issue 19, tests that fail when the code breaks (see tests/mutation.py)."""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

import frictionless
import pytest
import requests
from conftest import loaded_package, settings_for

from generator import pipeline
from generator.core import messages
from generator.core.cache import Cache
from generator.core.checks import chunked
from generator.core.checks.crossrefs import (
    FEW,
    SEPARATOR,
    KeyIndex,
    Reference,
    check_references,
    closest,
    declared_references,
    listed,
    split_values,
)
from generator.core.checks.descriptor import FIELD_TYPES, check_descriptor, check_path, normalised, package_name
from generator.core.checks.formulas import formula_like_in_tree
from generator.core.checks.metadata import METADATA_KINDS, error_keys, schema_error_keys
from generator.core.checks.offline import OfflineSession
from generator.core.checks.rules import (
    FORMULA_STARTS,
    check_table,
    formula_start,
    key_columns,
    looks_like_formula,
    spaced_keys,
)
from generator.core.checks.validate import validate_package, verdict_key
from generator.core.problems import problem
from generator.core.read.limits import MAX_COLUMNS
from generator.core.read.package import LoadedPackage, load_descriptor
from generator.core.read.records import Dialect
from generator.core.read.table import DataSource, FieldSpec, Row, Table
from generator.core.read.tree import Tree

REL = "datasets/p/datapackage.yaml"


def descriptor_problems(tmp_path: Path, text: str, files: dict[str, bytes] | None = None,
                        **overrides: object) -> list:
    """``check_descriptor`` on ``datasets/p/datapackage.yaml`` holding ``text``, beside ``files``."""
    datasets = tmp_path / "datasets"
    folder = datasets / "p"
    folder.mkdir(parents=True)
    (folder / "datapackage.yaml").write_text(text, encoding="utf-8")
    for name, data in (files or {}).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    settings = settings_for(datasets, **overrides)
    return check_descriptor(load_descriptor(folder / "datapackage.yaml", settings), settings)


def one_table(extra: str = "", path: str = "t.csv", fields: str = "        - {name: id, type: integer}\n") -> str:
    """A descriptor of one resource t; line 4 is its path, line 5 ``schema:``; ``extra`` follows the fields."""
    return f"name: p\nresources:\n  - name: t\n    path: {path}\n    schema:\n      fields:\n{fields}{extra}"


CSV = {"t.csv": b"id\n1\n"}


def _zip(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


# -- check_descriptor: the document as a whole -------------------------------------------------------------------

def test_a_clean_descriptor_has_no_problem(tmp_path):
    assert descriptor_problems(tmp_path, one_table(), CSV) == []


def test_a_descriptor_that_did_not_parse_adds_nothing_to_its_reading_problem(tmp_path):
    assert descriptor_problems(tmp_path, "name: [p\n") == []


def test_an_empty_descriptor(tmp_path):
    assert descriptor_problems(tmp_path, "# nothing yet\n") == [problem("empty-file", REL, 1, 1, target=REL)]


def test_a_descriptor_that_is_not_a_mapping(tmp_path):
    assert descriptor_problems(tmp_path, "- a\n- b\n") == [
        problem("descriptor-type", REL, 1, 1, key="(root)", expected="mapping")]


def test_resources_missing(tmp_path):
    assert descriptor_problems(tmp_path, "name: p\ntitle: P\n") == [
        problem("descriptor-missing", REL, 1, 1, "resources", key="resources")]


@pytest.mark.parametrize("value", ["[]", "t.csv", "{name: t}"])
def test_resources_not_a_non_empty_list(tmp_path, value):
    assert descriptor_problems(tmp_path, f"name: p\ntitle: P\nresources: {value}\n") == [
        problem("descriptor-type", REL, 3, 1, "resources", key="resources", expected="non-empty-list")]


def test_problems_before_the_resources_are_kept_when_resources_are_wrong(tmp_path):
    text = "name: Bad\nlicenses:\n  - {id: CC0-1.0, url: 'https://x'}\n"
    expected = [problem("descriptor-name", REL, 1, 1, "name", name="Bad"),
                problem("legacy-license", REL, 3, 5, "licenses")]
    assert descriptor_problems(tmp_path, text) == [*expected, problem("descriptor-missing", REL, 1, 1, "resources",
                                                                      key="resources")]
    assert descriptor_problems(tmp_path / "b", text + "resources: []\n") == [
        *expected, problem("descriptor-type", REL, 4, 1, "resources", key="resources", expected="non-empty-list")]


# -- names and licences --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["Bad", "a b", "'a:b'", "''", "x/y"])
def test_a_package_name_outside_lower_case_letters_digits_and_dot_dash_underscore(tmp_path, name):
    [found] = descriptor_problems(tmp_path, f"name: {name}\nresources:\n  - name: t\n    path: t.csv\n", CSV)
    expected_name = {"'a:b'": "a:b", "''": ""}.get(name, name)
    assert found == problem("descriptor-name", REL, 1, 1, "name", name=expected_name)


def test_a_name_that_is_not_text(tmp_path):
    [found] = descriptor_problems(tmp_path, "name: 5\nresources:\n  - name: t\n    path: t.csv\n", CSV)
    assert found == problem("descriptor-name", REL, 1, 1, "name", name="5")


def test_good_names_and_no_name(tmp_path):
    assert descriptor_problems(tmp_path, "name: a.b_c-9\nresources:\n  - name: t\n    path: t.csv\n", CSV) == []
    assert descriptor_problems(tmp_path / "b", "resources:\n  - path: t.csv\n", CSV) == []


def test_a_resource_name_is_checked_at_its_own_line(tmp_path):
    [found] = descriptor_problems(tmp_path, "name: p\nresources:\n  - name: T 1\n    path: t.csv\n", CSV)
    assert found == problem("descriptor-name", REL, 3, 5, "name", name="T 1")


def test_legacy_licences_at_the_package_and_the_resource(tmp_path):
    text = ("name: p\nlicenses:\n  - {name: CC0-1.0}\n  - {id: CC0-1.0, url: 'https://x'}\n"
            "  - {id: CC0-1.0, name: CC0-1.0}\n  - {id: CC0-1.0, path: 'https://x'}\n  - CC0-1.0\n"
            "resources:\n  - name: t\n    path: t.csv\n    licenses:\n      - {id: MIT}\n")
    assert descriptor_problems(tmp_path, text, CSV) == [problem("legacy-license", REL, 4, 5, "licenses"),
                                                        problem("legacy-license", REL, 12, 9, "licenses")]


def test_licenses_that_are_not_a_list_are_left_to_frictionless(tmp_path):
    assert descriptor_problems(tmp_path, "name: p\nlicenses: {id: MIT}\nresources:\n  - path: t.csv\n", CSV) == []


# -- resources -----------------------------------------------------------------------------------------------------

def test_a_resource_that_is_not_a_mapping(tmp_path):
    text = "name: p\nresources:\n  - name: t\n    path: t.csv\n  - t.csv\n"
    assert descriptor_problems(tmp_path, text, CSV) == [
        problem("descriptor-type", REL, 5, 5, "resources[1]", key="resources[1]", expected="mapping")]


def test_duplicate_names_point_at_the_first_one(tmp_path):
    text = ("name: p\nresources:\n  - name: t\n    path: t.csv\n  - name: t\n    path: t.csv\n"
            "  - name: t\n    path: t.csv\n  - name: u\n    path: t.csv\n")
    assert descriptor_problems(tmp_path, text, CSV) == [
        problem("duplicate-name", REL, 5, 5, "name", name="t", other=f"{REL}:3"),
        problem("duplicate-name", REL, 7, 5, "name", name="t", other=f"{REL}:3")]


def test_a_duplicate_name_is_reported_at_the_name_not_the_resource(tmp_path):
    text = "name: p\nresources:\n  - path: t.csv\n    name: t\n  - path: t.csv\n    name: t\n"
    assert descriptor_problems(tmp_path, text, CSV) == [
        problem("duplicate-name", REL, 6, 5, "name", name="t", other=f"{REL}:3")]


def test_a_missing_schema_file_adds_to_the_resource_s_other_problems(tmp_path):
    text = "name: p\nresources:\n  - name: T\n    path: t.csv\n    schema: nope.yaml\n    dialect: nope.json\n"
    assert descriptor_problems(tmp_path, text, CSV) == [
        problem("descriptor-name", REL, 3, 5, "name", name="T"),
        problem("missing-file", REL, 5, 5, "schema", target="nope.yaml"),
        problem("missing-file", REL, 6, 5, "dialect", target="nope.json")]


def test_a_resource_needs_a_path_or_data(tmp_path):
    text = "name: p\nresources:\n  - name: t\n    title: T\n  - name: u\n    data: [[id], [1]]\n"
    assert descriptor_problems(tmp_path, text) == [problem("descriptor-missing", REL, 3, 5, "path", key="path")]


def test_each_part_of_a_multipart_path_is_text(tmp_path):
    text = "name: p\nresources:\n  - name: t\n    path:\n      - t.csv\n      - 5\n      - [x]\n"
    assert descriptor_problems(tmp_path, text, CSV) == [
        problem("descriptor-type", REL, 6, 9, "path", key="path[1]", expected="text"),
        problem("descriptor-type", REL, 7, 9, "path", key="path[2]", expected="text")]


def test_each_part_of_a_multipart_path_is_checked_at_its_own_line(tmp_path):
    text = "name: p\nresources:\n  - name: t\n    path:\n      - t.csv\n      - nope.csv\n      - ../t.csv\n"
    assert descriptor_problems(tmp_path, text, CSV) == [
        problem("missing-file", REL, 6, 9, "path", target="nope.csv"),
        problem("unsafe-path", REL, 7, 9, "path", target="../t.csv")]


@pytest.mark.parametrize(("path", "fmt"), [("t.xlsx", "xlsx"), ("t.txt", "txt"), ("t", "")])
def test_a_format_we_cannot_read_as_a_table(tmp_path, path, fmt):
    assert descriptor_problems(tmp_path, one_table(path=path), {path: b"id\n1\n"}) == [
        problem("unsupported-format", REL, 4, 5, "path", format=fmt, target=path)]


def test_a_declared_format_is_reported_at_format(tmp_path):
    text = one_table("    format: xlsx\n")
    assert descriptor_problems(tmp_path, text, CSV) == [
        problem("unsupported-format", REL, 8, 5, "format", format="xlsx", target="t.csv")]


@pytest.mark.parametrize(("declared", "path"), [("CSV", "t.csv"), ("Csv", "t.csv"), ("CSV", "t.dat"), ("TSV", "t.tsv"),
                                             ("JSONL", "t.jsonl"), ("JSON", "t.json")])
def test_a_format_in_capitals_is_refused_at_format(tmp_path, declared, path):
    """Frictionless matches format names as written: "CSV" is no parser's, so it checked none of the rows (a plain
    file; "JSON": unsupported), while Minh Bạch read the file in lower case and published them unvalidated."""
    text = one_table(f"    format: {declared}\n    type: table\n", path=path)
    assert descriptor_problems(tmp_path, text, {path: b"id\n1\n"}) == [
        problem("format-case", REL, 8, 5, "format", format=declared, lower=declared.lower(), target=path)]


def test_a_file_in_capitals_declared_a_file_is_left_out_as_any_file(tmp_path):
    text = one_table("    format: CSV\n    type: file\n")
    assert [p.code for p in descriptor_problems(tmp_path, text, CSV)] == ["not-a-table"]


@pytest.mark.parametrize(("path", "mediatype", "declare"), [
    ("c", "text/csv", "csv"), ("t.dat", "text/csv; charset=utf-8", "csv"), ("t", "text/tab-separated-values", "tsv"),
    ("t", "text/plain", None)])
def test_a_file_without_a_table_s_extension_whose_mediatype_names_one_is_told_the_format_to_write(
        tmp_path, path, mediatype, declare):
    """"format '' is not supported" with the hint to export from Excel (audit generic7 #6): Frictionless never goes
    by the mediatype, so the hint names the format key to write."""
    text = one_table(f"    mediatype: {mediatype}\n", path=path)
    found = descriptor_problems(tmp_path, text, {path: b"id\n1\n"})
    fmt = path.rpartition(".")[2] if "." in path else ""
    assert found == [problem("unsupported-format", REL, 4, 5, "path", format=fmt, target=path,
                             **({"declare": declare} if declare else {}))]
    hint = messages.render("unsupported-format", "hint", "en", found[0].params_dict())
    assert hint.startswith(f"if the file is {declare}, as its mediatype says, write format: {declare}") == bool(declare)


def test_a_declared_table_format_wins_over_the_extension(tmp_path):
    assert descriptor_problems(tmp_path, one_table("    format: csv\n", path="t.txt"), {"t.txt": b"id\n1\n"}) == []


def test_an_unsupported_multipart_resource_names_all_its_parts(tmp_path):
    text = "name: p\nresources:\n  - name: t\n    path: [a.ods, b.ods]\n"
    assert descriptor_problems(tmp_path, text, {"a.ods": b"x", "b.ods": b"x"}) == [
        problem("unsupported-format", REL, 4, 5, "path", format="ods", target="a.ods, b.ods")]


def test_inline_data_has_no_format_to_check(tmp_path):
    assert descriptor_problems(tmp_path, "name: p\nresources:\n  - name: t\n    data: [[id], [1]]\n") == []


def test_json_without_type_table(tmp_path):
    json = {"t.json": b'[{"id": 1}]'}
    assert descriptor_problems(tmp_path, one_table(path="t.json"), json) == [
        problem("json-not-table", REL, 3, 5, "type", target="t.json")]
    assert descriptor_problems(tmp_path / "b", one_table("    type: table\n", path="t.json"), json) == []
    assert descriptor_problems(tmp_path / "c", one_table("    profile: tabular-data-resource\n", path="t.json"),
                               json) == []
    assert descriptor_problems(tmp_path / "d", one_table("    profile: data-resource\n", path="t.json"), json) == [
        problem("json-not-table", REL, 3, 5, "type", target="t.json")]


def test_multipart_json_without_type_table(tmp_path):
    text = "name: p\nresources:\n  - name: t\n    path: [a.json, b.json]\n"
    assert descriptor_problems(tmp_path, text, {"a.json": b"[]", "b.json": b"[]"}) == [
        problem("json-not-table", REL, 3, 5, "type", target="['a.json', 'b.json']")]


def test_jsonl_is_a_table_format_not_a_json_document(tmp_path):
    assert descriptor_problems(tmp_path, one_table(path="t.jsonl"), {"t.jsonl": b'{"id": 1}\n'}) == []


@pytest.mark.parametrize("key", ["schema", "dialect"])
def test_a_schema_or_dialect_in_its_own_file_must_be_there(tmp_path, key):
    text = f"name: p\nresources:\n  - name: t\n    path: t.csv\n    {key}: nope.yaml\n"
    assert descriptor_problems(tmp_path, text, CSV) == [
        problem("missing-file", REL, 5, 5, key, target="nope.yaml")]
    text = f"name: p\nresources:\n  - name: t\n    path: t.csv\n    {key}: other.yaml\n"
    assert descriptor_problems(tmp_path / "b", text, {**CSV, "other.yaml": b"fields: []\n"}) == []


# -- fields --------------------------------------------------------------------------------------------------------

def test_fields_not_a_list(tmp_path):
    text = "name: p\nresources:\n  - name: t\n    path: t.csv\n    schema:\n      fields: id\n"
    assert descriptor_problems(tmp_path, text, CSV) == [
        problem("descriptor-type", REL, 6, 7, "fields", key="schema.fields", expected="list")]


def test_a_schema_without_fields(tmp_path):
    text = "name: p\nresources:\n  - name: t\n    path: t.csv\n    schema:\n      primaryKey: id\n"
    assert descriptor_problems(tmp_path, text, CSV) == [
        problem("descriptor-type", REL, 5, 5, "fields", key="schema.fields", expected="list")]


def test_at_most_max_columns_fields(tmp_path):
    def text(n: int) -> str:
        return one_table(fields="".join(f"        - {{name: c{i}, type: string}}\n" for i in range(n)))

    assert descriptor_problems(tmp_path, text(MAX_COLUMNS), CSV) == []
    assert descriptor_problems(tmp_path / "b", text(MAX_COLUMNS + 1), CSV) == [
        problem("too-many-columns", REL, 6, 7, "fields", count=MAX_COLUMNS + 1, limit=MAX_COLUMNS)]


def test_a_field_that_is_not_a_mapping_and_an_unknown_type(tmp_path):
    fields = ("        - id\n        - {name: a, type: text}\n        - {name: b}\n"
              "        - {name: c, type: integer}\n        - {type: money}\n")
    allowed = ", ".join(FIELD_TYPES)
    assert descriptor_problems(tmp_path, one_table(fields=fields), CSV) == [
        problem("descriptor-type", REL, 7, 11, "fields", key="schema.fields[0]", expected="field-object"),
        problem("unknown-field-type", REL, 8, 21, "a", type="text", allowed=allowed),
        problem("unknown-field-type", REL, 11, 12, "None", type="money", allowed=allowed)]


def test_an_array_columns_item_is_checked_where_it_is_written_as_a_column_is(tmp_path):
    """Frictionless reports a bad ``arrayItem`` with no place (it was put at line 1 of the descriptor): its form,
    its type and its constraints are checked as a column's, at their own lines, under the array column's name.
    A column that is not an array ignores ``arrayItem``, as Frictionless does."""
    fields = ("        - {name: a, type: array, arrayItem: {type: money}}\n"
              "        - {name: b, type: array, arrayItem: [integer]}\n"
              "        - {name: c, type: array, arrayItem: {type: integer, constraints: {minimum: x}}}\n"
              "        - {name: d, type: array, arrayItem: {type: integer, constraints: {minimum: 0}}}\n"
              "        - {name: e, type: string, arrayItem: {type: money}}\n"
              "        - {name: f, type: array, arrayItem: {constraints: {pattern: '('}}}\n")
    found = descriptor_problems(tmp_path, one_table(fields=fields), CSV)
    assert {p.path for p in found} == {REL}
    assert found[0] == problem("unknown-field-type", REL, 7, 46, "a", type="money", allowed=", ".join(FIELD_TYPES))
    assert [(p.code, p.line, p.column, p.field, p.message("en")) for p in found] == [
        ("unknown-field-type", 7, 46, "a", "type 'money' is not a Table Schema type"),
        ("descriptor-type", 8, 34, "b", "'schema.fields[1].arrayItem' must be a mapping"),
        ("bad-constraint", 9, 75, "c", "the minimum constraint's value 'x' cannot be read as the column's type, "
                                       "integer"),
        ("bad-pattern", 12, 60, "f", "pattern '(' is not a valid regular expression (missing ), unterminated "
                                     "subpattern at position 1)")]


def test_every_table_schema_type_is_known(tmp_path):
    fields = "".join(f"        - {{name: c{i}, type: {kind}}}\n" for i, kind in enumerate(FIELD_TYPES))
    assert descriptor_problems(tmp_path, one_table(fields=fields), CSV) == []
    assert FIELD_TYPES == ("any", "array", "boolean", "date", "datetime", "duration", "geojson", "geopoint",
                           "integer", "list", "number", "object", "string", "time", "year", "yearmonth")


# -- paths ---------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("path", "code"), [("https://x.org/t.csv", "remote-path"), ("../t.csv", "unsafe-path"),
                                            ("/etc/x.csv", "unsafe-path"), ("nope.csv", "missing-file"),
                                            ("d.csv", "missing-file")])
def test_a_path_that_is_not_a_file_inside_the_package(tmp_path, path, code):
    files = {**CSV, "d.csv/x.csv": b"id\n1\n"}  # d.csv: a folder
    assert descriptor_problems(tmp_path, one_table(path=path), files) == [problem(code, REL, 4, 5, "path",
                                                                                  target=path)]


def test_a_file_over_the_limit(tmp_path):
    data = b"id\n" + b"1\n" * 200  # 403 bytes, more than the descriptor (which is read within the limit too)
    assert descriptor_problems(tmp_path, one_table(), {"t.csv": data}, max_file_bytes=403) == []
    assert descriptor_problems(tmp_path / "b", one_table(), {"t.csv": data}, max_file_bytes=402) == [
        problem("file-too-large", REL, 4, 5, "path", size=403, limit=402)]


def test_a_file_listed_twice_in_one_path(tmp_path):
    """Each part was held to the size limit alone: one 1 MB file listed 2,000 times was read as a 2 GB table
    (validate past 5 GB). A repeat, however written ("./t.csv", a link to it), is an error at its own part; the
    file's other parts are checked as before."""
    text = one_table(path="[t.csv, u.csv, ./t.csv, v.csv, d/../u.csv]")
    files = {**CSV, "u.csv": b"id\n2\n", "v.csv": b"id\n3\n"}
    assert descriptor_problems(tmp_path, text, files) == [
        problem("duplicate-part", REL, 4, 26, "path", target="./t.csv", part=3, first=1),
        problem("unsafe-path", REL, 4, 42, "path", target="d/../u.csv")]
    folder = tmp_path / "b" / "datasets" / "p"
    descriptor_problems(tmp_path / "b", one_table(path="[t.csv, w.csv]"), CSV)
    (folder / "w.csv").symlink_to("t.csv")
    settings = settings_for(tmp_path / "b" / "datasets")
    assert check_descriptor(load_descriptor(folder / "datapackage.yaml", settings), settings) == [
        problem("duplicate-part", REL, 4, 19, "path", target="w.csv", part=2, first=1)]


def test_the_parts_of_a_resource_together_over_the_limit(tmp_path):
    """The limit on one file is a limit on the resource's files together, compressed ones counted decompressed
    (each under the limit, or one file split in two parts escapes it); said at ``path``, with the total."""
    data = b"id\n" + b"1\n" * 200  # 403 bytes
    files = {"a.csv": data, "b.csv": data, "c.csv.gz": gzip.compress(data)}
    text = one_table(path="[a.csv, b.csv]")
    assert descriptor_problems(tmp_path, text, files, max_file_bytes=806) == []
    assert descriptor_problems(tmp_path / "b", text, files, max_file_bytes=805) == [
        problem("resource-too-large", REL, 4, 5, "path", count=2, size=806, limit=805)]
    assert descriptor_problems(tmp_path / "c", one_table(path="[a.csv, c.csv.gz]"), files, max_file_bytes=805) == [
        problem("resource-too-large", REL, 4, 5, "path", count=2, size=806, limit=805)]


def test_check_path_without_must_exist_accepts_a_missing_file(tmp_path):
    settings = settings_for(tmp_path, max_file_bytes=1)
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "big.csv").write_bytes(b"id\n1\n")
    pkg = LoadedPackage(tmp_path / "p" / "datapackage.yaml", "p/datapackage.yaml",
                        Tree({"a": [{"b": "x"}]}, {("a",): (2, 1), ("a", 0): (3, 5), ("a", 0, "b"): (3, 8)}))
    assert check_path(pkg, "nope.csv", ("a", 0, "b"), settings, must_exist=False) == []
    assert check_path(pkg, "big.csv", ("a", 0, "b"), settings, must_exist=False) == []
    assert check_path(pkg, "../x", ("a", 0), settings, must_exist=False) == [
        problem("unsafe-path", "p/datapackage.yaml", 3, 5, "a", target="../x")]
    assert check_path(pkg, "big.csv", ("a", 0, "b"), settings, must_exist=True) == [
        problem("file-too-large", "p/datapackage.yaml", 3, 8, "b", size=5, limit=1)]
    assert check_path(pkg, "s3://b/x", (0,), settings, must_exist=True) == [
        problem("remote-path", "p/datapackage.yaml", None, None, None, target="s3://b/x")]


# -- compressed files ----------------------------------------------------------------------------------------------

def test_a_readable_gzip_file(tmp_path):
    assert descriptor_problems(tmp_path, one_table(path="t.csv.gz"), {"t.csv.gz": gzip.compress(b"id\n1\n")}) == []


def test_a_gzip_file_that_is_not_one(tmp_path):
    [found] = descriptor_problems(tmp_path, one_table(path="t.csv.gz"), {"t.csv.gz": b"id\n1\n"})
    assert found == problem("compression-error", REL, 4, 5, "path", target="t.csv.gz", compression="gz",
                            detail="Not a gzipped file (b'id')")


def test_a_gzip_file_too_large_once_decompressed(tmp_path):
    data = gzip.compress(b"id\n" + b"1\n" * 1000)
    assert descriptor_problems(tmp_path, one_table(path="t.csv.gz"), {"t.csv.gz": data}, max_file_bytes=1000) == [
        problem("decompressed-too-large", REL, 4, 5, "path", target="t.csv.gz", limit=1000)]


def test_a_zip_member_that_is_not_there_is_reported_at_innerpath(tmp_path):
    files = {"t.csv.zip": _zip("t.csv", b"id\n1\n")}
    assert descriptor_problems(tmp_path, one_table("    innerpath: nope.csv\n", path="t.csv.zip"), files) == [
        problem("zip-member", REL, 8, 5, "innerpath", target="t.csv.zip", member="nope.csv", members="t.csv")]
    assert descriptor_problems(tmp_path / "b", one_table("    innerpath: t.csv\n", path="t.csv.zip"), files) == []


def test_a_zip_whose_first_member_is_a_folder_is_reported_at_path(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("d/", b"")
        archive.writestr("d/t.csv", b"id\n1\n")
    assert descriptor_problems(tmp_path, one_table(path="t.csv.zip"), {"t.csv.zip": buffer.getvalue()}) == [
        problem("zip-member", REL, 4, 5, "path", target="t.csv.zip", member="d/", members="d/t.csv")]


def test_an_unknown_declared_compression_is_reported_at_compression(tmp_path):
    assert descriptor_problems(tmp_path, one_table("    compression: rar\n"), CSV) == [
        problem("compression-error", REL, 8, 5, "compression", target="t.csv", compression="rar",
                detail="unknown compression")]


def test_a_broken_part_of_a_multipart_resource(tmp_path):
    text = "name: p\nresources:\n  - name: t\n    path:\n      - a.csv.gz\n      - b.csv.gz\n"
    files = {"a.csv.gz": gzip.compress(b"id\n1\n"), "b.csv.gz": b"id\n2\n"}
    assert descriptor_problems(tmp_path, text, files) == [
        problem("compression-error", REL, 6, 9, "path", target="b.csv.gz", compression="gz",
                detail="Not a gzipped file (b'id')")]


def test_a_missing_compressed_file_is_reported_once(tmp_path):
    assert descriptor_problems(tmp_path, one_table(path="t.csv.gz")) == [
        problem("missing-file", REL, 4, 5, "path", target="t.csv.gz")]


def test_a_zip_member_named_by_something_not_text_is_left_to_the_first_member(tmp_path):
    files = {"t.csv.zip": _zip("t.csv", b"id\n1\n")}
    assert descriptor_problems(tmp_path, one_table("    innerpath: 5\n", path="t.csv.zip"), files) == []


def test_an_archive_that_is_not_one_is_reported_at_path_even_with_innerpath(tmp_path):
    [found] = descriptor_problems(tmp_path, one_table("    innerpath: t.csv\n", path="t.csv.zip"),
                                  {"t.csv.zip": b"id\n1\n"})
    assert found == problem("compression-error", REL, 4, 5, "path", target="t.csv.zip", compression="zip",
                            detail="File is not a zip file")


def test_a_declared_compression_that_fails_is_reported_at_path(tmp_path):
    [found] = descriptor_problems(tmp_path, one_table("    compression: gz\n"), CSV)
    assert found == problem("compression-error", REL, 4, 5, "path", target="t.csv", compression="gz",
                            detail="Not a gzipped file (b'id')")


def test_inline_json_data_is_not_a_json_file(tmp_path):
    text = "name: p\nresources:\n  - name: t\n    format: json\n    data: [{id: 1}]\n"
    assert descriptor_problems(tmp_path, text) == []


def test_a_descriptor_with_a_reading_problem_but_a_value_is_still_checked(tmp_path):
    text = "name: Bad\ntitle: a\ntitle: b\nresources:\n  - name: t\n    path: t.csv\n"
    datasets = tmp_path / "datasets"
    (datasets / "p").mkdir(parents=True)
    (datasets / "p" / "datapackage.yaml").write_text(text, encoding="utf-8")
    (datasets / "p" / "t.csv").write_bytes(b"id\n1\n")
    settings = settings_for(datasets)
    pkg = load_descriptor(datasets / "p" / "datapackage.yaml", settings)
    assert [p.code for p in pkg.problems] == ["duplicate-key"]
    assert check_descriptor(pkg, settings) == [problem("descriptor-name", REL, 1, 1, "name", name="Bad")]


# -- normalised and package_name -----------------------------------------------------------------------------------

def test_normalised_renames_legacy_licences_and_marks_json_as_a_table():
    descriptor = {"name": "p", "licenses": [{"id": "MIT", "url": "u", "title": "T"}, {"id": "A", "name": "B"},
                                            {"id": "A", "path": "P"}, "x"],
                  "resources": [{"path": "t.json", "licenses": [{"id": "MIT"}]}, {"path": "t.csv"}, "r",
                                {"path": "u.json", "type": "table"}, {"path": "v.json", "licenses": "MIT"}]}
    original = repr(descriptor)
    assert normalised(descriptor) == {
        "name": "p", "licenses": [{"name": "MIT", "path": "u", "title": "T"}, {"id": "A", "name": "B"},
                                  {"id": "A", "path": "P"}, "x"],
        "resources": [{"path": "t.json", "licenses": [{"name": "MIT"}], "type": "table"}, {"path": "t.csv"}, "r",
                      {"path": "u.json", "type": "table"}, {"path": "v.json", "licenses": "MIT", "type": "table"}]}
    assert repr(descriptor) == original  # the descriptor as read is left as it was


def test_normalised_leaves_a_descriptor_without_licences_or_resources_list():
    assert normalised({"name": "p", "resources": "t.csv"}) == {"name": "p", "resources": "t.csv"}
    assert normalised({"licenses": {"id": "MIT"}}) == {"licenses": {"id": "MIT"}}


def _named(path: str, value: object) -> str:
    return package_name(LoadedPackage(Path(path), path, Tree(value)))


def test_package_name_from_the_descriptor_or_the_file():
    assert _named("d/My Folder/datapackage.yaml", {"name": "given"}) == "given"
    assert _named("d/My Folder/datapackage.yaml", {"name": ""}) == "my-folder"
    assert _named("d/My Folder/datapackage.json", {"name": 5}) == "my-folder"
    assert _named("d/x/Điểm Số.package.yaml", {}) == "i-m-s"
    assert _named("d/x/scores.package.yaml", ["not a mapping"]) == "scores"
    assert _named("d/--Ab__c--/datapackage.yaml", {}) == "ab__c"
    assert _named("d/Đ/datapackage.yaml", {}) == "package"


# -- crossrefs -----------------------------------------------------------------------------------------------------

def make_table(header: tuple[str, ...], rows: list[tuple[str, ...]], types: dict[str, str] | None = None,
               rel: str = "datasets/p/t.csv", first_line: int = 2) -> Table:
    index = {name: i for i, name in enumerate(header)}
    return Table("p", "t", [FieldSpec(name, (types or {}).get(name, "string")) for name in header], list(header),
                 [Row(first_line + i, values, index) for i, values in enumerate(rows)], rel=rel)


REF = {"fields": "agency", "package": "co-quan", "resource": "agencies", "key": "code"}


def test_a_reference_names_its_target():
    assert Reference("a", "pkg", "res", "key").target == "pkg/res.key"


def test_declared_references_keep_only_complete_ones_in_order():
    other = {"fields": "f", "package": "q", "resource": "r", "key": "k"}
    resource = {"x-minhbach": {"references": [REF, "x", {**REF, "key": 5}, {k: v for k, v in REF.items() if k != "key"},
                                              other]}}
    assert declared_references(resource) == [Reference("agency", "co-quan", "agencies", "code"),
                                             Reference("f", "q", "r", "k")]


@pytest.mark.parametrize("resource", [{}, {"x-minhbach": "references"}, {"x-minhbach": {}},
                                      {"x-minhbach": {"references": None}}, {"x-minhbach": {"role": "x"}}])
def test_no_references_declared(resource):
    assert declared_references(resource) == []


def test_key_index_values_and_unknown_tables_or_columns():
    agencies = make_table(("code", "name"), [("SNV", "a"), ("STC", "b"), ("SNV", "c")])
    index = KeyIndex({("co-quan", "agencies"): agencies})
    values = index.values("co-quan", "agencies", "code")
    assert values == frozenset({"SNV", "STC"})
    assert index.values("co-quan", "agencies", "code") is values  # built once
    assert index.values("co-quan", "agencies", "nope") is None
    assert index.values("co-quan", "other", "code") is None
    assert index.values("other", "agencies", "code") is None


def test_split_values():
    assert SEPARATOR == ";"
    assert split_values(" SNV; STC;;  ; SGTVT ") == ["SNV", "STC", "SGTVT"]
    assert split_values("SNV,STC") == ["SNV,STC"]
    assert split_values("  ") == []


def test_closest():
    assert closest("SCT", frozenset({"STC", "SNV", "XYZ"})) == "STC"
    assert closest("abcxy", frozenset({"abcde"})) == "abcde"  # a ratio of exactly 0.6 is close enough
    assert closest("abxyz", frozenset({"abcde"})) == ""  # 0.4 is not
    assert closest("SNV", frozenset()) == ""
    # spelled as alike as "SYT" (health), "STP" (justice) has every letter of "SPT": two letters swapped
    assert closest("SPT", frozenset({"SYT", "STP", "SNV"})) == "STP"
    assert closest("abcd", frozenset({"abce", "abcf"})) == "abcf"  # alike in both: the later, as difflib ranks


def test_a_short_code_list_is_named_whole_in_the_hint():
    """"done" for a status was told only the table's name (7 codes): a list of up to FEW codes is named, sorted;
    a longer one (the agencies: hundreds) is not."""
    assert FEW == 12
    assert listed(frozenset({"dinh_hoan", "da_thuc_hien"})) == "da_thuc_hien, dinh_hoan"
    assert listed(frozenset(f"c{i:02}" for i in range(12))).endswith("c10, c11")
    assert listed(frozenset(f"c{i:02}" for i in range(13))) == ""
    shown = problem("unknown-reference", "s.yaml", 3, 9, "status", value="done", target="giam-sat/statuses.code",
                    choices="da_thuc_hien, dinh_hoan", suggestion="da_thuc_hien")
    assert shown.hint("vi") == ("dùng một mã có trong giam-sat/statuses.code: da_thuc_hien, dinh_hoan (có phải "
                                "'da_thuc_hien'?)")
    assert shown.hint("en") == ("use a code that exists in giam-sat/statuses.code: da_thuc_hien, dinh_hoan (did you "
                                "mean 'da_thuc_hien'?)")


def test_closest_never_asks_the_right_code_for_blanks_around_it():
    """"SNV" beside a table that writes "SNV ": the right side is "SNV", and "did you mean 'SNV '?" asked for the
    space (the error is at the table: surrounding-space). A code written with the space is told the bare one."""
    assert closest("SNV", frozenset({"SNV ", "SNN"})) == ""
    assert closest("SNV", frozenset({"\u00a0SNV", "SNN"})) == ""
    assert closest("SNV ", frozenset({"SNV", "STC"})) == "SNV"


def test_key_index_values_are_the_codes_without_blanks_around_them():
    """Looked-up values are split and stripped (``split_values``, a session's codes): the index is too, so "SNV"
    finds the "SNV " its table writes, which is reported there, once."""
    index = KeyIndex({("co-quan", "agencies"): make_table(("code",), [("SNV ",), (" STC",), ("SGTVT",)])})
    assert index.values("co-quan", "agencies", "code") == frozenset({"SNV", "STC", "SGTVT"})


def _pkg_with_resources_at(line: int) -> LoadedPackage:
    return LoadedPackage(Path("datasets/q/datapackage.yaml"), "datasets/q/datapackage.yaml",
                         Tree({"resources": []}, {("resources",): (line, 1)}))


def test_check_references_reports_each_unknown_value_with_a_suggestion():
    agencies = make_table(("code",), [("SNV",), ("STC",)])
    index = KeyIndex({("co-quan", "agencies"): agencies})
    table = make_table(("id", "agency"), [("1", "SNV; SCT"), ("2", ""), ("3", "STC;QQQ")], first_line=5)
    assert check_references(_pkg_with_resources_at(3), {"x-minhbach": {"references": [REF]}}, table, index) == [
        problem("unknown-reference", "datasets/p/t.csv", 5, None, "agency", value="SCT", target="co-quan/agencies.code",
                choices="SNV, STC", suggestion="STC"),
        problem("unknown-reference", "datasets/p/t.csv", 7, None, "agency", value="QQQ", target="co-quan/agencies.code",
                choices="SNV, STC", suggestion="")]


def test_a_serving_process_keeps_a_tables_reference_findings_while_both_tables_are_the_same_objects():
    """A save that edits neither the table nor the one it points at gives the same objects (core/kept.py): the
    findings are not looked for again (shown by changing a kept table behind the check's back). A new object on
    either side (an edit) is checked afresh."""
    from generator.core import kept

    agencies = make_table(("code",), [("SNV",)])
    table = make_table(("id", "agency"), [("1", "SNX")])
    resource, pkg = {"x-minhbach": {"references": [REF]}}, _pkg_with_resources_at(3)
    kept.keep()
    try:
        first = check_references(pkg, resource, table, KeyIndex({("co-quan", "agencies"): agencies}))
        assert [p.params for p in first] == [(("choices", "SNV"), ("suggestion", "SNV"),
                                              ("target", "co-quan/agencies.code"), ("value", "SNX"))]
        table.rows[0] = Row(2, ("1", "SNV"), table.rows[0].index)
        assert check_references(pkg, resource, table, KeyIndex({("co-quan", "agencies"): agencies})) == first
        renamed = make_table(("code",), [("SNX",)])
        assert check_references(pkg, resource, table, KeyIndex({("co-quan", "agencies"): renamed})) == [
            problem("unknown-reference", "datasets/p/t.csv", 2, None, "agency", value="SNV",
                    target="co-quan/agencies.code", choices="SNX", suggestion="SNX")]
        # two references of one table to one target: each its own findings
        both = {"x-minhbach": {"references": [REF, {**REF, "fields": "id"}]}}
        assert [p.field for p in check_references(pkg, both, table, KeyIndex({("co-quan", "agencies"): renamed}))
                ] == ["agency", "id"]
    finally:
        kept.stop_keeping()


def test_check_references_without_a_table_file_points_at_the_descriptor():
    index = KeyIndex({("co-quan", "agencies"): make_table(("code",), [("SNV",)])})
    table = make_table(("agency",), [("SNX",)], rel="")
    assert check_references(_pkg_with_resources_at(3), {"x-minhbach": {"references": [REF]}}, table, index) == [
        problem("unknown-reference", "datasets/q/datapackage.yaml", 2, None, "agency", value="SNX",
                target="co-quan/agencies.code", choices="SNV", suggestion="SNV")]


def test_check_references_to_an_unknown_table_or_a_missing_column():
    index = KeyIndex({("co-quan", "agencies"): make_table(("code",), [("SNV",)])})
    table = make_table(("id",), [("1",)])
    resource = {"x-minhbach": {"references": [{**REF, "resource": "nope"}, REF]}}
    # the second reference's column is not in the table: nothing to check there
    assert check_references(_pkg_with_resources_at(6), resource, table, index) == [
        problem("unknown-reference", "datasets/q/datapackage.yaml", 6, 1, "agency", value="co-quan/nope.code",
                target="datasets", suggestion="")]
    with_column = make_table(("id", "agency"), [("1", "SNX")])
    assert check_references(_pkg_with_resources_at(6), resource, with_column, index) == [
        problem("unknown-reference", "datasets/q/datapackage.yaml", 6, 1, "agency", value="co-quan/nope.code",
                target="datasets", suggestion=""),
        problem("unknown-reference", "datasets/p/t.csv", 2, None, "agency", value="SNX",
                target="co-quan/agencies.code", choices="SNV", suggestion="SNV")]


def test_references_into_a_table_that_could_not_be_read_are_one_warning_at_the_reference():
    """An agencies file saved as UTF-16 is read as no rows: each value pointing at it was an unknown-reference
    whose hint was false (66 errors for one). Not checked, and said once, naming the table and its file, at the
    line of the descriptor that declares the reference (at the data file it had no line, though the sessions'
    warning is at their pattern's); a table read whole, even with a warning of its own, is checked as always."""
    unread = make_table(("code",), [], rel="datasets/co-quan/agencies.csv")
    unread.package, unread.name = "co-quan", "agencies"
    unread.problems.append(problem("encoding", unread.rel, 1, 1, encoding="UTF-16"))
    table = make_table(("id", "agency"), [("1", "SNV"), ("2", "STC")])
    resource = {"name": "t", "x-minhbach": {"references": [{**REF, "resource": "other"}, REF]}}
    pkg = LoadedPackage(Path("datasets/q/datapackage.yaml"), "datasets/q/datapackage.yaml",
                        Tree({"resources": [resource]}, {("resources",): (3, 1),
                                                         ("resources", 0, "x-minhbach", "references", 1): (12, 7)}))
    index = KeyIndex({("co-quan", "agencies"): unread, ("co-quan", "other"): make_table(("code",), [("SNV",)])})
    assert [p for p in check_references(pkg, resource, table, index) if p.code == "unchecked-reference"] == [
        problem("unchecked-reference", "datasets/q/datapackage.yaml", 12, 7, "agency",
                target="co-quan/agencies.code", table="co-quan/agencies", file="datasets/co-quan/agencies.csv")]
    read = make_table(("code",), [("SNV",)])
    read.problems.append(problem("spaced-labels", read.rel, 1, 1, label=" code"))
    assert [p.code for p in check_references(_pkg_with_resources_at(3), {"x-minhbach": {"references": [REF]}},
                                             table, KeyIndex({("co-quan", "agencies"): read}))] == ["unknown-reference"]


# -- rules ---------------------------------------------------------------------------------------------------------

def test_english_beside_vietnamese():
    table = make_table(("name_vi", "name_en", "title_vi", "note_vi", "note_en", "vi", "_vi", "_en"),
                       [("Sở", "", "Tựa", " ", "", "x", "y", ""),
                        ("Sở", "  ", "", "Ghi chú", "Note", "", "", ""),
                        ("", "", "", "", "", "", "", "")])
    assert check_table(table) == [
        problem("missing-english", "datasets/p/t.csv", 2, None, "name_en", key="name_vi", key_en="name_en"),
        problem("missing-english", "datasets/p/t.csv", 2, None, "_en", key="_vi", key_en="_en"),
        problem("missing-english", "datasets/p/t.csv", 3, None, "name_en", key="name_vi", key_en="name_en")]


@pytest.mark.parametrize(("value", "char"), [("=SUM(A1)", "="), ("+x", "+"), ("-x", "-"), ("@x", "@"), ("=1", "="),
                                             ("--", "-"), ("-1-", "-")])
def test_text_that_starts_like_a_formula(value, char):
    table = make_table(("id", "a", "b"), [("1", value, value)], {"id": "integer", "b": "any"})
    assert check_table(table) == [problem("formula-like", "datasets/p/t.csv", 2, None, "a", char=char),
                                  problem("formula-like", "datasets/p/t.csv", 2, None, "b", char=char)]
    assert looks_like_formula(value)


@pytest.mark.parametrize("value", ["-", "=", "", "-5", "+1.5", "-1e3", "+inf", "a=b", "#x", "x", " - ", "\t-5", " "])
def test_text_that_does_not_start_like_a_formula(value):
    table = make_table(("a",), [(value,)])
    assert check_table(table) == []
    assert not looks_like_formula(value)


def test_typed_columns_are_checked_for_formulas_too_but_a_signed_number_is_a_number():
    """A boolean column with ``trueValues: ["=1+1"]`` or a number column with ``bareNumber: false`` accepts cells a
    spreadsheet runs: only text columns were checked. A sign before a digit, in a typed column, is a number's in
    any format ("-1.234,5", "-5%"); in a text column it is reported as before ("-1-")."""
    table = make_table(("n", "d", "b", "s"), [("=1", "=2", "=1+1", "=3"), ("-1.234,5", "-5%", "+,5", "-x")],
                       {"n": "number", "d": "date", "b": "boolean"})
    where = "datasets/p/t.csv"
    assert check_table(table) == [
        problem("formula-like", where, 2, None, "n", char="="), problem("formula-like", where, 2, None, "d", char="="),
        problem("formula-like", where, 2, None, "b", char="="), problem("formula-like", where, 2, None, "s", char="="),
        problem("formula-like", where, 3, None, "s", char="-")]
    bare = make_table(("n",), [("-cmd|' /C calc'!A0",), ("=HYPERLINK(1)+1",)], {"n": "number"})
    assert [(p.line, dict(p.params)["char"]) for p in check_table(bare)] == [(2, "-"), (3, "=")]


def test_a_field_missing_from_the_header_has_no_text_to_check():
    table = make_table(("a",), [("=x",)])
    table.fields.append(FieldSpec("b"))  # a field the header lacks (reported as missing-label elsewhere)
    assert check_table(table) == [problem("formula-like", "datasets/p/t.csv", 2, None, "a", char="=")]


def test_every_row_of_a_repeated_value_is_reported_in_row_order():
    """The rules look at each distinct value once: a value at fault on several rows is still reported on each
    of them, rows in order and the columns of a row in the schema's order."""
    table = make_table(("a_vi", "a_en", "b", "c"), [("Sở", "", "=x", "=x"), ("Sở", "Dept", "ok", "ok"),
                                                     ("Sở", "", "=x", "@y")])
    where = "datasets/p/t.csv"
    assert check_table(table) == [
        problem("missing-english", where, 2, None, "a_en", key="a_vi", key_en="a_en"),
        problem("missing-english", where, 4, None, "a_en", key="a_vi", key_en="a_en"),
        problem("formula-like", where, 2, None, "b", char="="), problem("formula-like", where, 2, None, "c", char="="),
        problem("formula-like", where, 4, None, "b", char="="), problem("formula-like", where, 4, None, "c", char="@")]


def test_english_problems_come_before_formula_ones():
    table = make_table(("a_vi", "a_en"), [("=x", "")])
    assert [p.code for p in check_table(table)] == ["missing-english", "formula-like"]


# OWASP's CSV-injection starts include the tab and the CR, and spreadsheets skip a leading space: "\t=HYPERLINK(...)"
# in a CSV cell was published unwarned while the same text in a session file was warned.
@pytest.mark.parametrize(("value", "char"), [
    ("\t=HYPERLINK(\"http://evil.example\",\"x\")", "="), ("\r=1+1", "="), (" =1+1", "="), ("\n@x", "@"),
    (" \t+x", "+"), ("  -cmd|' /C calc'!A0", "-")])
def test_white_space_before_a_formula_start_is_skipped_alike_in_a_csv_cell_and_a_session_text(value, char):
    table = make_table(("id", "a", "n"), [("1", value, value)], {"id": "integer", "n": "number"})
    assert check_table(table) == [problem("formula-like", "datasets/p/t.csv", 2, None, "a", char=char),
                                  problem("formula-like", "datasets/p/t.csv", 2, None, "n", char=char)]
    assert formula_like_in_tree(Tree({"topic_en": value}, {("topic_en",): (3, 1)}), "s.yaml") == [
        problem("formula-like", "s.yaml", 3, 1, "topic_en", char=char)]
    assert formula_start(value) == char


def test_formula_starts():
    assert FORMULA_STARTS == ("=", "+", "-", "@")


def test_key_columns_are_those_of_the_primary_key_a_unique_constraint_a_foreign_key_and_a_reference():
    resource = {"name": "t", "schema": {
        "fields": [{"name": "id"}, {"name": "code", "constraints": {"unique": True}}, {"name": "parent"},
                   {"name": "kind"}, {"name": "note", "constraints": {"unique": False}}, {"name": "agency"}],
        "primaryKey": "id",
        "foreignKeys": [{"fields": "parent", "reference": {"resource": "", "fields": "code"}},
                        {"fields": ["kind"], "reference": {"resource": "kinds", "fields": ["k"]}},
                        "nope", {"fields": 5}]},
        "x-minhbach": {"references": [REF]}}
    assert key_columns(resource) == ["id", "code", "parent", "kind", "agency"]
    assert key_columns({"schema": "t.schema.json"}) == key_columns({}) == []
    # the column a foreign key of another resource of the package points at is a key of this one
    kinds = {"name": "kinds", "schema": {"fields": [{"name": "k"}, {"name": "label"}]}}
    assert key_columns(kinds, [resource, kinds]) == ["k"]
    assert key_columns(resource, [resource, kinds]) == key_columns(resource)


def test_a_key_written_with_blanks_around_it_is_an_error_at_its_cell(tmp_path):
    """"SNV ," in agencies.csv passed, and each right "SNV" elsewhere was an unknown-reference asking for the
    space; unreferenced, "SXD2 " was published with it. At the cell (line, column, field); a blank of any kind (a
    tab, Excel's no-break space); a number column reads " 5" as 5, the same key, and a missing value is none."""
    path = tmp_path / "agencies.csv"
    path.write_bytes('name,code,n\n"Sở, Nội vụ",SNV ,1\nx,STC, 5\ny,\tSXD2,\nz,\u00a0SNV,\n'.encode())
    table = make_table(("name", "code", "n"), [("Sở, Nội vụ", "SNV ", "1"), ("x", "STC", " 5"), ("y", "\tSXD2", ""),
                                              ("z", "\u00a0SNV", "")], {"n": "integer"}, rel="datasets/p/t.csv")
    table.source = DataSource(path, "csv", None, None, 10_000)
    assert spaced_keys(table, ["code", "n", "code", "nope"], "datasets/p/datapackage.yaml") == [
        problem("surrounding-space", "datasets/p/t.csv", 2, 14, "code", value="SNV ", bare="SNV"),
        problem("surrounding-space", "datasets/p/t.csv", 4, 3, "code", value="\tSXD2", bare="SXD2"),
        problem("surrounding-space", "datasets/p/t.csv", 5, 3, "code", value="\u00a0SNV", bare="SNV")]
    assert spaced_keys(table, ["name"], "datasets/p/datapackage.yaml") == []
    inline = make_table(("code",), [("SNV ",)], rel="")
    assert spaced_keys(inline, ["code"], "datasets/p/datapackage.yaml") == [
        problem("surrounding-space", "datasets/p/datapackage.yaml", None, None, "code", value="SNV ", bare="SNV")]
    assert problem("surrounding-space", "x", value="SNV ", bare="SNV").hint("en") == (
        "delete the space before and after 'SNV' in this cell; the places that write 'SNV' are right")



def test_a_spaced_key_of_a_package_the_site_only_publishes_is_a_warning_and_published_as_written(tmp_path):
    """Frictionless calls a package whose key holds "b " valid, and any valid package must publish: where the site
    looks no code up (no role), the space is a warning (spaced-key), and the row is published as written; where it
    does (the agencies' codes), it stays an error (surrounding-space: test_supervision)."""
    from test_build import build
    from test_problem_codes import table

    datasets = table(tmp_path / "d", ("id:integer", "{name: name, type: string, constraints: {unique: true}}"),
                     "1,a\n2,b \n")
    found = [(p.code, p.is_error, p.line, p.field) for p in pipeline.check(settings_for(datasets)).problems]
    assert found == [("spaced-key", False, 3, "name")]
    out = tmp_path / "site"
    assert build(datasets, out) == 0
    [published] = list(out.glob("tai-ve/**/t.csv"))
    assert published.read_text("utf-8").splitlines() == ["id,name", "1,a", "2,b "]

# -- formulas in YAML records --------------------------------------------------------------------------------------

def test_formula_like_text_in_a_record_at_its_line():
    tree = Tree({"id": "=1+1", "items": [{"text": "  @mention"}, "-x", {"n": 5, "ok": "fine", "sub": {"t": "-"}}],
                 "list": [["+y"]]},
                {("id",): (1, 1), ("items",): (2, 1), ("items", 0): (3, 5), ("items", 0, "text"): (3, 7),
                 ("items", 1): (4, 5), ("list",): (6, 1)})
    assert formula_like_in_tree(tree, "x.yaml") == [
        problem("formula-like", "x.yaml", 1, 1, "id", char="="),
        problem("formula-like", "x.yaml", 3, 7, "text", char="@"),
        problem("formula-like", "x.yaml", 4, 5, "items", char="-"),
        problem("formula-like", "x.yaml", 6, 1, "list", char="+")]


def test_formula_like_in_a_lone_text():
    assert formula_like_in_tree(Tree("=x", {(): (1, 1)}), "x.yaml") == [
        problem("formula-like", "x.yaml", 1, 1, None, char="=")]
    assert formula_like_in_tree(Tree(None), "x.yaml") == []


# -- offline -------------------------------------------------------------------------------------------------------

def test_the_offline_session_refuses_every_request():
    with pytest.raises(requests.ConnectionError) as refused:
        OfflineSession().get("https://example.org/t.csv", timeout=1)
    assert str(refused.value) == "network access is disabled during validation: https://example.org/t.csv"
    with pytest.raises(requests.ConnectionError):
        OfflineSession().request("HEAD", "file:///etc/passwd")


# -- metadata: where each of Frictionless's metadata errors belongs ------------------------------------------------

def placed(descriptor: dict) -> list[tuple]:
    """(key, type, note) of each error of Frictionless's own validation of ``descriptor``, placed."""
    errors = frictionless.Package.validate_descriptor(descriptor).errors
    return [(key, error.type, error.note) for key, error in error_keys(descriptor, errors)]


def res(**extra: object) -> dict:
    return {"name": "t", "path": "t.csv", **extra}


def fields(*specs: dict, **extra: object) -> dict:
    return {"fields": list(specs), **extra}


def test_package_errors_at_their_keys():
    assert placed({"name": "p", "keywords": "a,b", "resources": [res()]}) == [
        (("keywords",), "package-error", "'a,b' is not of type 'array' at property 'keywords'")]
    descriptor = {"name": "p", "created": "x", "resources": [res()],
                  "contributors": [{"title": "a", "email": "a@b.org"}, {"title": "b", "email": ""},
                                   {"title": "c", "email": "bad"}, {"title": "d", "email": "bad"}]}
    email = 'property "contributors[].email" is not valid "email"'
    assert placed(descriptor) == [
        (("created",), "package-error", 'property "created" is not valid "datetime"'),
        (("contributors", 2, "email"), "package-error", email),
        (("contributors", 3, "email"), "package-error", email)]


def test_each_bad_licence_at_its_own_item():
    """Two different bad licences give two different notes (each shows its licence); equal ones take turns."""
    descriptor = {"name": "p", "resources": [res()],
                  "licenses": [{"name": "a"}, {"title": "x"}, {"path": "p"}, {"title": "y"}, {"title": "x"}]}
    note = 'license requires "path" or "name": '
    assert placed(descriptor) == [
        (("licenses", 1), "package-error", note + "{'title': 'x'}"),
        (("licenses", 3), "package-error", note + "{'title': 'y'}"),
        (("licenses", 4), "package-error", note + "{'title': 'x'}")]


def test_resource_errors_in_document_order():
    descriptor = {"name": "p", "resources": [res(), res(name="u", bytes="12"), "x", res(name="v", bytes="12"),
                                             res(name="w", path="../x.csv"), {"path": "t.csv"}]}
    bad = "'12' is not of type 'integer' at property 'bytes'"
    assert placed(descriptor) == [
        (("resources", 2), "package-error", "'x' is not of type 'object' at property 'resources/2'"),
        (("resources", 1, "bytes"), "resource-error", bad),
        (("resources", 3, "bytes"), "resource-error", bad),
        (("resources", 4, "path"), "resource-error", 'path "../x.csv" is not safe'),
        (("resources", 5), "resource-error", "'name' is a required property")]


def test_a_resource_contributor_email():
    descriptor = {"name": "p", "resources": [res(), res(name="u", contributors=[{"title": "a", "email": "bad"}])]}
    assert placed(descriptor) == [(("resources", 1, "contributors", 0, "email"), "resource-error",
                                   'property "contributors[].email" is not valid "email"')]


SCHEMA_CASES = [
    (fields({"name": "a"}, {"name": "b", "constraints": {"required": "yes"}}), ("fields", 1, "constraints", "required"),
     "field-error"),
    (fields({"name": "a"}, {"name": "b", "type": "text"}), ("fields", 1, "type"), "field-error"),
    (fields({"name": "a", "type": "boolean", "constraints": {"minLength": 1}}),
     ("fields", 0, "constraints", "minLength"), "field-error"),
    (fields({"name": "a", "type": "integer", "example": "x"}), ("fields", 0, "example"), "field-error"),
    (fields({"name": "a"}, {"name": "b", "required": True}), ("fields", 1, "required"), "field-error"),
    (fields({"name": "a"}, primaryKey=["zz"]), ("primaryKey",), "schema-error"),
    (fields({"name": "a"}, foreignKeys=[{"fields": ["zz"], "reference": {"resource": "", "fields": ["a"]}}]),
     ("foreignKeys",), "schema-error"),
    (fields({"name": "a"}, {"name": "a"}), ("fields",), "schema-error"),
    (fields({"name": "a"}, missingValues="NA"), ("missingValues",), "schema-error"),
]


@pytest.mark.parametrize(("schema", "key", "kind"), SCHEMA_CASES)
def test_schema_and_field_errors_at_their_keys(schema, key, kind):
    first = res(schema=fields({"name": "x"}, {"name": "y", "type": "integer"}))
    [(found, found_kind, _)] = placed({"name": "p", "resources": [first, res(name="u", schema=schema)]})
    assert (found, found_kind) == (("resources", 1, "schema", *key), kind)


@pytest.mark.parametrize(("schema", "key", "kind"), SCHEMA_CASES)
def test_schema_file_errors_at_keys_inside_that_file(schema, key, kind):
    errors = frictionless.Schema.validate_descriptor(schema).errors
    assert [(found, error.type) for found, error in schema_error_keys(schema, errors)] == [(key, kind)]


def test_schema_file_errors_of_another_kind_are_at_its_top():
    schema = fields({"name": "a"})
    assert [found for found, _ in schema_error_keys(schema, [frictionless.errors.PackageError(note="x")])] == [()]


def test_a_field_that_is_not_a_mapping_keeps_the_others_count():
    schema = fields("a", {"name": "b", "type": "text"})
    note = 'field type "text" is not supported'
    [(key, _)] = error_keys({"resources": [{"schema": schema}]}, [frictionless.errors.FieldError(note=note)])
    assert key == ("resources", 0, "schema", "fields", 1, "type")


@pytest.mark.parametrize(("dialect", "key"), [({"delimiter": 5}, ("delimiter",)),
                                              ({"csv": {"delimiter": 5}}, ("csv", "delimiter")),
                                              ({"header": True, "csv": {"delimiter": 5}}, ("csv", "delimiter"))])
def test_control_errors_at_their_keys(dialect, key):
    first = res(dialect={"delimiter": ";", "csv": {"quoteChar": "'"}})
    assert placed({"name": "p", "resources": [first, res(name="u", dialect=dialect)]}) == [
        (("resources", 1, "dialect", *key), "control-error", "5 is not of type 'string' at property 'delimiter'")]


def test_a_control_error_for_a_key_in_no_sub_dialect():
    note = "bad at property 'quoteChar'"
    descriptor = {"resources": [res(dialect={"csv": {"delimiter": ","}, "header": True})]}
    assert [key for key, _ in error_keys(descriptor, [frictionless.errors.ControlError(note=note)])] == [
        ("resources", 0, "dialect", "quoteChar")]


def test_dialect_errors_are_looked_for_in_dialects_only():
    note = "bad at property 'x/0/y'"
    descriptor = {"resources": [res(dialect="dialect.json"), res(dialect={"delimiter": ","}), "r"]}
    assert [key for key, _ in error_keys(descriptor, [frictionless.errors.DialectError(note=note)])] == [
        ("resources", 1, "dialect", "x", 0, "y")]


def test_an_error_of_no_known_object_and_an_error_no_object_gives():
    one, two = {"resources": [res()]}, {"resources": [res(), res(name="u")]}
    made_up = frictionless.errors.ResourceError(note="made up at property 'a/1//b'")
    assert [key for key, _ in error_keys(one, [made_up])] == [("resources", 0, "a", 1, "b")]
    assert [key for key, _ in error_keys(two, [made_up])] == [("a", 1, "b")]
    plain = frictionless.errors.ResourceError(note="made up")
    assert [key for key, _ in error_keys(two, [plain])] == [()]
    assert [key for key, _ in error_keys(one, [plain])] == [("resources", 0)]
    other = frictionless.errors.MetadataError(note="x at property 'name'")
    assert [key for key, _ in error_keys(one, [other])] == [()]


def test_more_equal_errors_than_objects_that_give_them():
    descriptor = {"resources": [res(bytes="12"), res(name="u"), res(name="v", bytes="12"), res(name="w", bytes="12")]}
    bad = frictionless.errors.ResourceError(note="'12' is not of type 'integer' at property 'bytes'")
    assert [key for key, _ in error_keys(descriptor, [bad, bad, bad, bad])] == [
        ("resources", 0, "bytes"), ("resources", 2, "bytes"), ("resources", 3, "bytes"), ("resources", 3, "bytes")]


def test_more_bad_emails_or_licences_than_items():
    email = frictionless.errors.PackageError(note='property "contributors[].email" is not valid "email"')
    licence = frictionless.errors.PackageError(note='license requires "path" or "name": {}')
    descriptor = {"contributors": [{"email": "bad"}, {"email": "x@y.org"}], "licenses": [{}, {"name": "a"}]}
    assert [key for key, _ in error_keys(descriptor, [email, email, licence, licence])] == [
        ("contributors", 0, "email"), ("contributors", 0, "email"), ("licenses", 0), ("licenses", 0)]
    assert [key for key, _ in error_keys({"contributors": "x", "licenses": [{"name": "a"}]}, [email, licence])] == [
        ("contributors",), ("licenses",)]


def test_notes_that_name_a_key_without_a_property_path():
    assert [key for key, _ in error_keys({"name": "p"}, [
        frictionless.errors.PackageError(note="names of the resources are not unique"),
        frictionless.errors.PackageError(note='"fields" should be set as "resource.schema.fields"'),
        frictionless.errors.PackageError(note='profile "x" is not valid'),
        frictionless.errors.PackageError(note='constraint "enum" requires datapackage v2'),
        frictionless.errors.PackageError(note="one of the properties \"path\" or \"data\" is required"),
    ])] == [("resources",), ("fields",), ("profile",), ("constraints", "enum"), ()]


def test_metadata_kinds():
    assert {"package-error", "resource-error", "schema-error", "field-error", "dialect-error",
                              "control-error"} == METADATA_KINDS


def test_two_different_bad_licences_are_reported_at_their_own_lines(tmp_path):
    """Was a bug: each note names its licence, so each was the first of its kind and went to the first item."""
    text = ("name: p\nlicenses:\n  - {title: x}\n  - {name: CC0-1.0}\n  - {title: y}\n"
            "resources:\n  - name: t\n    path: t.csv\n")
    datasets = tmp_path / "datasets"
    (datasets / "p").mkdir(parents=True)
    (datasets / "p" / "datapackage.yaml").write_text(text, encoding="utf-8")
    (datasets / "p" / "t.csv").write_bytes(b"id\n1\n")
    problems = pipeline.check(settings_for(datasets)).problems
    assert [(p.code, p.path, p.line, p.column, p.field, p.params_dict()["type"]) for p in problems] == [
        ("frictionless", REL, 3, 5, "licenses", "package-error"),
        ("frictionless", REL, 5, 5, "licenses", "package-error")]


def test_a_dialect_error_in_the_second_dialect():
    descriptor = {"name": "p", "resources": [res(dialect={"header": True}), res(name="u", dialect={"header": "yes"})]}
    assert placed(descriptor) == [(("resources", 1, "dialect", "header"), "dialect-error",
                                   "'yes' is not of type 'boolean' at property 'header'")]


def test_an_object_frictionless_cannot_read_matches_no_error():
    descriptor = {"resources": [res(schema={"fields": [5]}), res(name="u", schema="s.json"),
                                res(name="v", schema={"fields": 5})]}
    bad = frictionless.errors.SchemaError(note="5 is not of type 'array' at property 'fields'")
    assert [key for key, _ in error_keys(descriptor, [bad])] == [("resources", 2, "schema", "fields")]
    field_error = frictionless.errors.FieldError(note='field type "5" is not supported')
    assert [key for key, _ in error_keys(descriptor, [field_error])] == [("type",)]  # no field object: the top


def test_errors_about_resources_when_there_is_no_list_of_them():
    error = frictionless.errors.ResourceError(note="x at property 'bytes'")
    assert [key for key, _ in error_keys({"resources": "t.csv"}, [error])] == [("bytes",)]
    assert [key for key, _ in error_keys({}, [error])] == [("bytes",)]


def test_a_control_error_at_no_property():
    error = frictionless.errors.ControlError(note="x at property ''")
    assert [key for key, _ in error_keys({"resources": [res(dialect={"csv": {}})]}, [error])] == [
        ("resources", 0, "dialect")]


def test_a_missing_values_note():
    error = frictionless.errors.SchemaError(note='missing value "NA" is not unique')
    assert [key for key, _ in error_keys({"resources": [res(schema=fields())]}, [error])] == [
        ("resources", 0, "schema", "missingValues")]


EMAIL = 'property "contributors[].email" is not valid "email"'


def test_an_error_of_an_unknown_kind_does_not_stop_the_others():
    errors = [frictionless.errors.MetadataError(note="x"), frictionless.errors.ResourceError(note="y at property 'z'")]
    assert [key for key, _ in error_keys({"resources": [res()]}, errors)] == [(), ("resources", 0, "z")]


def test_an_error_placed_by_elimination_takes_the_first_bad_item():
    """No object gives the error itself (Frictionless cannot read the one resource; there are no resources):
    the key is read from the note in the only object, else in the descriptor, at the first bad item."""
    bad = [{"title": "a", "email": "x@y.org"}, {"title": "b", "email": "bad"}, {"title": "c", "email": "bad"}]
    unreadable = res(contributors=bad, schema={"fields": [5]})
    error = frictionless.errors.ResourceError(note=EMAIL)
    assert [key for key, _ in error_keys({"resources": [unreadable]}, [error])] == [
        ("resources", 0, "contributors", 1, "email")]
    assert [key for key, _ in error_keys({"contributors": bad, "resources": []}, [error])] == [
        ("contributors", 1, "email")]
    assert [key for key, _ in error_keys({"contributors": bad}, [error])] == [("contributors", 1, "email")]


def test_a_field_error_in_the_first_of_two_schemas():
    first = res(schema=fields({"name": "a"}, {"name": "b", "type": "text"}))
    second = res(name="u", schema=fields({"name": "c"}, {"name": "d"}))
    assert placed({"name": "p", "resources": [first, second]}) == [
        (("resources", 0, "schema", "fields", 1, "type"), "field-error", 'field type "text" is not supported')]
    resource_error = frictionless.errors.ResourceError(note="'12' is not of type 'integer' at property 'bytes'")
    both = {"resources": [res(bytes="12", schema=fields({"name": "a"})), res(name="u", schema=fields())]}
    assert [key for key, _ in error_keys(both, [resource_error])] == [("resources", 0, "bytes")]


def test_a_schema_file_error_outside_the_schema_is_at_its_top():
    error = frictionless.errors.PackageError(note="x at property 'a/b/c/d'")
    assert [key for key, _ in schema_error_keys(fields({"name": "a"}), [error])] == [()]


def test_only_a_licence_without_path_and_name_is_a_candidate():
    notes = ['license requires "path" or "name": ' + shown for shown in ("{'name': 'a'}", "{'path': 'p'}")]
    descriptor = {"licenses": [{"name": "a"}, {"path": "p"}]}
    errors = [frictionless.errors.PackageError(note=note) for note in notes]
    assert [key for key, _ in error_keys(descriptor, errors)] == [("licenses",), ("licenses",)]


def test_a_bad_email_note_without_contributors():
    assert [key for key, _ in error_keys({}, [frictionless.errors.PackageError(note=EMAIL)])] == [("contributors",)]


# -- chunked validation: the pure parts ----------------------------------------------------------------------------

BIG = chunked.CHUNK_ROWS + 1  # rows: one more than a chunk
SPEC = {"name": "t", "path": "t.csv", "schema": {"fields": [{"name": "id", "type": "integer"}]}}


def test_a_large_plain_csv_is_chunkable():
    assert chunked.chunkable(SPEC, BIG)
    assert not chunked.chunkable(SPEC, chunked.CHUNK_ROWS)  # one chunk or less: validated whole
    assert chunked.chunkable({**SPEC, "encoding": "UTF8"}, BIG)
    assert chunked.chunkable({**SPEC, "encoding": "utf-8", "format": "CSV"}, BIG)
    assert chunked.chunkable({**SPEC, "dialect": {"delimiter": ";", "quoteChar": "'", "header": True}}, BIG)
    assert chunked.chunkable({**SPEC, "dialect": {"csv": {"delimiter": ";", "quoteChar": "'"}}}, BIG)
    assert chunked.chunkable({**SPEC, "dialect": {"delimiter": ";", "quoteChar": "'", "header": True, "csv": {}}}, BIG)


@pytest.mark.parametrize("change", [
    {"path": ["a.csv", "b.csv"]}, {"schema": "schema.json"}, {"bytes": 10}, {"hash": "x"}, {"stats": {}},
    {"path": "t.tsv"}, {"format": "json"}, {"path": "t.csv.gz"}, {"compression": "zip"}, {"encoding": "latin-1"},
    {"dialect": "dialect.json"}, {"dialect": {"header": False}}, {"dialect": {"commentChar": "#"}},
    {"dialect": {"csv": {"escapeChar": "\\"}}}, {"dialect": {"header": 1}},
])
def test_what_is_validated_whole(change):
    assert not chunked.chunkable({**SPEC, **change}, BIG)


def test_split_cuts_after_the_header_every_chunk_rows_records(monkeypatch):
    monkeypatch.setattr(chunked, "CHUNK_ROWS", 2)
    data = b'id,name,note\n1,a,x\n2,b,"two\nlines"\n3,c,y\n4,d\n5,e,z'
    chunks, records = chunked.split(data, Dialect(), [0, 2])
    assert [(c.data, c.offset) for c in chunks] == [
        (b'id,name,note\n1,a,x\n2,b,"two\nlines"', 0), (b"id,name,note\n3,c,y\n4,d", 2), (b"id,name,note\n5,e,z", 4)]
    assert records == [("id", "note"), ("1", "x"), ("2", "two\nlines"), ("3", "y"), ("4", ""), ("5", "z")]


def test_split_of_a_header_alone_or_nothing(monkeypatch):
    monkeypatch.setattr(chunked, "CHUNK_ROWS", 2)
    assert chunked.split(b"id,name\n", Dialect(), [1]) == ([], [("name",)])
    assert chunked.split(b"", Dialect(), [0]) == ([], [])
    chunks, records = chunked.split(b"id\n1\n", Dialect(), [0])
    assert ([(c.data, c.offset) for c in chunks], records) == ([(b"id\n1\n", 0)], [("id",), ("1",)])


def test_line_offsets():
    assert chunked._line_offsets(b"a\nbb\nccc\nd", [1, 2, 4]) == [0, 2, 9]
    assert chunked._line_offsets(b"a\nbb\n", []) == []


def test_row_schema_drops_only_the_table_wide_checks():
    schema = {"fields": [{"name": "a", "constraints": {"unique": True, "required": True}}, "x",
                         {"name": "r", "constraints": {"required": True}},
                         {"name": "b", "constraints": "unique"}, {"name": "c"}],
              "primaryKey": ["a"], "foreignKeys": [{"fields": ["a"]}], "missingValues": ["NA"]}
    original = repr(schema)
    assert chunked.row_schema(schema) == {
        "fields": [{"name": "a", "constraints": {"required": True}}, "x",
                   {"name": "r", "constraints": {"required": True}}, {"name": "b", "constraints": "unique"},
                   {"name": "c"}], "missingValues": ["NA"]}
    assert repr(schema) == original
    assert chunked.row_schema({}) == {}


def test_a_chunk_error_counts_rows_from_the_file_start():
    blank = frictionless.errors.BlankRowError(note="", cells=[], row_number=3)
    assert blank.message == 'Row at position "3" is completely blank'
    assert chunked.ChunkError.of(blank, 100) == chunked.ChunkError(
        "blank-row", "", 'Row at position "103" is completely blank', 103)
    assert chunked.ChunkError.of(blank) == chunked.ChunkError("blank-row", "", blank.message, 3)
    cell = frictionless.errors.TypeError(note="type is integer", cells=["x"], row_number=3, cell="x",
                                         field_name="id", field_number=1)
    assert chunked.ChunkError.of(cell, 100) == chunked.ChunkError("type-error", "type is integer", cell.message, 103,
                                                                  1, "id", None, "x")
    label = frictionless.errors.IncorrectLabelError(note="n", labels=["x"], row_numbers=[1], label="x",
                                                    field_name="id", field_number=1)
    assert chunked.ChunkError.of(label, 100) == chunked.ChunkError("incorrect-label", "n", label.message, None, 1,
                                                                   "id", "x", "")


def test_checked_fields_in_schema_order():
    schema = frictionless.Schema.from_descriptor({
        "fields": [{"name": n} for n in ("a", "b", "c", "d", "e", "f", "g")],
        "primaryKey": ["c"], "foreignKeys": [{"fields": ["e"], "reference": {"resource": "", "fields": ["b"]}},
                                             {"fields": ["f"], "reference": {"resource": "o", "fields": ["x"]}}]})
    schema.get_field("g").constraints["unique"] = True
    assert chunked.checked_fields(schema) == ["b", "c", "e", "f", "g"]


def test_validate_chunk_reports_header_problems_in_the_first_chunk_only():
    schema = {"fields": [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}]}
    first = chunked.validate_chunk(b"id,nom\n1,a\nx,b\n", schema, None, 0)
    later = chunked.validate_chunk(b"id,nom\n1,a\nx,b\n", schema, None, 50)
    assert [(e.type, e.row_number, e.field_name) for e in first] == [("incorrect-label", None, "name"),
                                                                      ("type-error", 3, "id")]
    assert [(e.type, e.row_number, e.field_name) for e in later] == [("type-error", 53, "id")]
    semicolons = chunked.validate_chunk(b"id;name\nx;b\n", schema, {"delimiter": ";"}, 0)
    assert [(e.type, e.row_number, e.cell) for e in semicolons] == [("type-error", 2, "x")]


def test_validate_rows_one_job_with_a_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(chunked, "CHUNK_ROWS", 2)
    schema = {"fields": [{"name": "id", "type": "integer", "constraints": {"unique": True}}]}
    chunks, _ = chunked.split(b"id\n1\nx\n3\n4\ny\n", Dialect(), [0])
    cache = Cache(tmp_path / "cache")
    found, header_ok = chunked.validate_rows(chunks, schema, None, cache, jobs=1)
    assert ([(e.type, e.row_number) for e in found], header_ok) == ([("type-error", 3), ("type-error", 6)], True)
    monkeypatch.setattr(chunked, "validate_chunk", lambda *args: pytest.fail("read from the cache"))
    assert chunked.validate_rows(chunks, schema, None, cache, jobs=1) == (found, True)


def test_validate_rows_says_when_a_field_has_no_column(monkeypatch):
    monkeypatch.setattr(chunked, "CHUNK_ROWS", 2)
    schema = {"fields": [{"name": "id", "type": "integer"}, {"name": "name"}]}
    chunks, _ = chunked.split(b"id\n1\n2\n3\n", Dialect(), [0])
    found, header_ok = chunked.validate_rows(chunks, schema, None, Cache(None), jobs=1)
    assert ([(e.type, e.row_number) for e in found], header_ok) == ([("missing-label", None)], False)


def integrity(descriptor: dict, rows: list[tuple[str, ...]], keys: dict | None = None) -> list[tuple]:
    schema = frictionless.Schema.from_descriptor(descriptor)
    names = chunked.checked_fields(schema)
    check = chunked.Integrity(schema, [tuple(names), *rows], keys or {})
    return [(e.type, e.row_number, e.note, e.field_name, e.field_number, e.cell) for e in check.errors()]


def test_integrity_unique_and_primary_key():
    descriptor = {"fields": [{"name": "id", "type": "integer"}, {"name": "k"},
                             {"name": "code", "type": "integer", "constraints": {"unique": True}}],
                  "primaryKey": ["id", "k"]}
    rows = [("1", "a", "7"), ("01", "a", "8"), ("2", "a", ""), ("", "", ""), ("3", "a", "07"), ("", "", "")]
    assert integrity(descriptor, rows) == [
        ("primary-key", 3, "the same as in the row at position 2", None, None, ""),
        ("primary-key", 5, 'cells composing the primary keys are all "None"', None, None, ""),
        ("unique-error", 6, "the same as in the row at position 2", "code", 3, "7"),
        ("primary-key", 7, 'cells composing the primary keys are all "None"', None, None, "")]


def test_integrity_primary_key_naming_a_field_not_in_the_schema():
    schema = frictionless.Schema.from_descriptor({"fields": [{"name": "id"}]})
    schema.primary_key = ["id", "nope"]
    assert chunked.Integrity(schema, [("id",), ("1",), ("1",)], {}).errors() == []


def test_integrity_foreign_keys():
    descriptor = {"fields": [{"name": "id", "type": "integer"}, {"name": "kind"},
                             {"name": "parent", "type": "integer"}],
                  "foreignKeys": [{"fields": ["id"], "reference": {"resource": "other", "fields": ["x"]}},
                                  {"fields": ["kind"], "reference": {"resource": "kinds", "fields": ["code"]}},
                                  {"fields": ["parent"], "reference": {"resource": "", "fields": ["id"]}},
                                  {"fields": ["kind", "parent"],
                                   "reference": {"resource": "pairs", "fields": ["k", "p"]}}]}
    rows = [("1", "a", ""), ("2", "z", "1"), ("3", "", "9")]
    keys = {("kinds", ("code",)): {("a",)}, ("", ("id",)): {(1,), (2,), (3,)},
            ("pairs", ("k", "p")): {("a", None), ("", 9)}}
    assert integrity(descriptor, rows, keys) == [
        ("foreign-key", 3, 'for "kind": values "z" not found in the lookup table "kinds" as "code"', None, None, ""),
        ("foreign-key", 3, 'for "kind, parent": values "z, 1" not found in the lookup table "pairs" as "k, p"', None,
         None, ""),
        ("foreign-key", 4, 'for "parent": values "9" not found in the lookup table "" as "id"', None, None, ""),
        ("foreign-key", 4, 'for "kind, parent": values "None, 9" not found in the lookup table "pairs" as "k, p"', None,
         None, "")]


def test_reference_keys_of_the_same_table_and_another():
    package = frictionless.Package.from_descriptor({"resources": [
        {"name": "kinds", "data": [["code", "n"], ["a", "1"], ["b", "2"], ["", ""]]},
        {"name": "t", "data": [["id", "kind", "parent"], ["1", "a", ""]],
         "schema": {"fields": [{"name": "id", "type": "integer"}, {"name": "kind"},
                               {"name": "parent", "type": "integer"}],
                    "foreignKeys": [{"fields": ["kind"], "reference": {"resource": "kinds", "fields": ["code"]}},
                                    {"fields": ["parent"], "reference": {"resource": "", "fields": ["id"]}},
                                    {"fields": ["id"], "reference": {"resource": "nope", "fields": ["x"]}}]}}]})
    resource = package.get_resource("t")
    own = chunked.Integrity(resource.schema, [("id", "kind", "parent"), ("1", "a", ""), ("2", "b", "1"), ("", "", "")],
                            {})
    assert chunked.reference_keys(resource, package, own) == {("kinds", ("code",)): {("a",), ("b",)},
                                                              ("", ("id",)): {(1,), (2,)}}
    assert chunked.reference_keys(resource, package) == {("kinds", ("code",)): {("a",), ("b",)}}


# -- validate: Frictionless's errors as positioned problems --------------------------------------------------------

def validated(tmp_path: Path, text: str, files: dict[str, bytes], rows: dict[str, int] | None = None,
              cache: Cache | None = None, **overrides: object) -> list:
    pkg, settings = loaded_package(tmp_path, text, files, **overrides)
    return validate_package(pkg, settings, rows, cache)


TWO = "        - {name: id, type: integer}\n        - {name: name, type: string}\n"
CSV_REL = "datasets/p/t.csv"


def test_a_metadata_error_at_the_key_it_names(tmp_path):
    assert validated(tmp_path, one_table("    title: 5\n", fields=TWO), {"t.csv": b"id,name\n1,a\n"}) == [
        problem("frictionless", REL, 9, 5, "title", type="resource-error",
                detail="5 is not of type 'string' at property 'title'")]


def test_a_type_error_at_its_line_and_column(tmp_path):
    data = b'id,name\n1,"two\nlines"\n2,b\nx,c\n'
    assert validated(tmp_path, one_table(fields=TWO), {"t.csv": data}) == [
        problem("type-error", CSV_REL, 5, 1, "id", cell="x", type="integer",
                detail='type is "integer/default"', resource="t")]


def test_a_constraint_error_in_the_second_column(tmp_path):
    fields = "        - {name: id, type: integer}\n        - {name: n, type: integer, constraints: {minimum: 5}}\n"
    assert validated(tmp_path, one_table(fields=fields), {"t.csv": b"id,n\n1,7\n2,3\n"}) == [
        problem("constraint-error", CSV_REL, 3, 3, "n", cell="3", type="integer",
                detail='constraint "minimum" is "5"', resource="t")]


def test_a_label_error_on_the_header_line(tmp_path):
    [found] = validated(tmp_path, one_table(fields=TWO), {"t.csv": b"id,nom\n1,a\n"})
    assert (found.code, found.path, found.line, found.column, found.field) == ("incorrect-label", CSV_REL, 1, 4, "name")
    assert found.params_dict()["type"] == "string"


def test_a_label_that_differs_only_in_its_unicode_form_says_so_in_its_hint(tmp_path):
    """A windows-1258 file writes tone marks as characters of their own: its "Mã số" (a, combining tilde; ô,
    combining acute) did not match the schema's composed "Mã số", and the message showed two names that look the
    same, with the hint to make the header match."""
    fields = "        - {name: id, type: integer}\n        - {name: Mã số, type: string}\n"
    text = one_table(fields=fields).replace("    schema:", "    encoding: windows-1258\n    schema:")
    [found] = validated(tmp_path, text, {"t.csv": b"id,Ma\xde s\xf4\xec\n1,a\n"})
    assert (found.code, found.line, found.column, found.params_dict()["decomposed"]) == ("incorrect-label", 1, 4, "NFC")
    assert "(NFC)" in found.hint("vi") and "iconv -f windows-1258 -t UTF-8" in found.hint("vi")
    assert found.hint("en").startswith("make the CSV header match the schema's field names, in order; here the two "
                                       "names are the same text in two Unicode forms")
    [other] = validated(tmp_path, one_table(fields=TWO), {"t.csv": b"id,nom\n1,a\n"})
    assert "decomposed" not in other.params_dict()
    assert other.hint("en") == "make the CSV header match the schema's field names, in order"


def test_an_error_in_a_gzip_file_at_its_decompressed_line(tmp_path):
    data = gzip.compress(b"id,name\n1,a\nx,b\n")
    [found] = validated(tmp_path, one_table(path="t.csv.gz", fields=TWO), {"t.csv.gz": data})
    assert (found.code, found.path, found.line, found.column, found.field) == (
        "type-error", "datasets/p/t.csv.gz", 3, 1, "id")


def test_an_error_in_a_zip_member_at_its_line(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.csv", b"id,name\nx,a\n")  # the first member: not the one named
        archive.writestr("t.csv", b"id,name\n1,a\n2,b\nx,c\n")
    files = {"t.csv.zip": buffer.getvalue()}
    [found] = validated(tmp_path, one_table("    innerpath: t.csv\n", path="t.csv.zip", fields=TWO), files)
    assert (found.code, found.path, found.line, found.column) == ("type-error", "datasets/p/t.csv.zip", 4, 1)


def test_an_error_in_a_json_table_at_its_object(tmp_path):
    data = b'[\n  {"id": 1, "name": "a"},\n  {"id": "x", "name": "b"}\n]\n'
    [found] = validated(tmp_path, one_table("    type: table\n", path="t.json", fields=TWO), {"t.json": data})
    assert (found.code, found.path, found.line, found.column, found.field) == (
        "type-error", "datasets/p/t.json", 3, 3, "id")


def test_an_error_in_a_multipart_table_at_its_part_and_line(tmp_path):
    """Frictionless numbers the rows on across the parts, each later part's first line skipped as its header:
    row 3 is b.csv's line 2 (tests/test_row_places.py)."""
    text = one_table(path="[a.csv, b.csv]", fields=TWO)
    [found] = validated(tmp_path, text, {"a.csv": b"id,name\n1,a\n", "b.csv": b"x,b\ny,c\n"})
    assert (found.code, found.path, found.line, found.column, found.field) == (
        "type-error", "datasets/p/b.csv", 2, 1, "id")


def test_an_error_about_the_file_at_its_path(tmp_path):
    [found] = validated(tmp_path, one_table("    bytes: 3\n", fields=TWO), {"t.csv": b"id,name\n1,a\n"})
    assert (found.code, found.path, found.line, found.column, found.field, found.params_dict()["type"]) == (
        "frictionless", REL, 4, 5, "path", "byte-count")


def test_a_schema_file_error_in_that_file(tmp_path):
    text = "name: p\nresources:\n  - name: t\n    path: t.csv\n    schema: schema.yaml\n"
    schema = b"fields:\n  - {name: id, type: integer}\n  - {name: x, type: text}\n"
    [found] = validated(tmp_path, text, {"t.csv": b"id,x\n1,a\n", "schema.yaml": schema})
    assert (found.code, found.path, found.line, found.column, found.field, found.params_dict()["type"]) == (
        "frictionless", "datasets/p/schema.yaml", 3, 15, "type", "field-error")


@pytest.mark.parametrize(("key", "name", "content", "expected"), [
    ("schema", "schema.json", b'{"fields": [', ("json-syntax", 1, 13, None, {"detail": "Expecting value"})),
    ("schema", "schema.yaml", b"fields:\n  - {name: id\n",
     ("yaml-syntax", 3, 1, None, {"detail": "did not find expected ',' or '}'"})),
    ("schema", "schema.json", b"[1, 2]", ("descriptor-type", 1, 1, "schema", {"key": "(root)", "expected": "mapping"})),
    ("schema", "schema.yaml", b"# nothing yet\n", ("empty-file", 1, 1, None, {"target": "datasets/p/schema.yaml"})),
    ("dialect", "dialect.json", b"[", ("json-syntax", 1, 2, None, {"detail": "Expecting value"})),
    ("dialect", "dialect.yaml", b"- delimiter\n",
     ("descriptor-type", 1, 1, "dialect", {"key": "(root)", "expected": "mapping"})),
])
def test_a_schema_or_dialect_file_that_cannot_be_read_is_reported_in_that_file(tmp_path, key, name, content,
                                                                                   expected):
    """Frictionless says only 'cannot retrieve metadata "/the/machine's/absolute/path"' (with an empty reason for
    a list) at line 1 of the descriptor: such a file is read here first, its problem placed where it is in the
    file, and the package goes no further (check_descriptor's errors keep it from Frictionless)."""
    text = f"name: p\nresources:\n  - name: t\n    path: t.csv\n    {key}: {name}\n"
    found = descriptor_problems(tmp_path, text, {"t.csv": b"id\n1\n", name: content})
    code, line, column, field, params = expected
    assert found == [problem(code, f"datasets/p/{name}", line, column, field, **params)]
    assert found[0].is_error and str(tmp_path) not in repr(found)


def test_a_foreign_key_to_another_resource(tmp_path):
    text = ("name: p\nresources:\n  - name: k\n    path: k.csv\n    schema:\n      fields:\n"
            "        - {name: code, type: string}\n      primaryKey: [code]\n"
            "  - name: t\n    path: t.csv\n    schema:\n      fields:\n        - {name: id, type: integer}\n"
            "        - {name: k, type: string}\n"
            "      foreignKeys:\n        - {fields: k, reference: {resource: k, fields: code}}\n")
    [found] = validated(tmp_path, text, {"k.csv": b"code\na\n", "t.csv": b"id,k\n1,a\n2,z\n"})
    assert (found.code, found.path, found.line, found.column, found.field) == ("foreign-key", CSV_REL, 3, 3, "k")
    assert found.params_dict() == {"value": "z", "target": "p/k.code", "table": "p/k", "choices": "a",
                                   "suggestion": ""}


def test_a_foreign_key_into_the_table_itself_is_said_as_a_reference_is(tmp_path):
    """parent_code = UBND_TPP in agencies.csv was "agencies.csv:2:1: error[foreign-key]: giá trị không có trong
    bảng được tham chiếu: for "parent_code": values "UBND_TPP" not found in the lookup table "" as
    "agency_code"": Frictionless's English, column 1, no field, the table named "", no suggestion. Now as an
    unknown-reference is: the cell, the table (its own), the closest code; a long list is not named whole."""
    codes = [f"S{i:02}" for i in range(12)]
    rows = "".join(f"{code},UBND_TP\n" for code in codes)
    text = ("name: co-quan\nresources:\n  - name: agencies\n    path: t.csv\n    schema:\n      fields:\n"
            "        - {name: agency_code, type: string}\n        - {name: parent_code, type: string}\n"
            "      foreignKeys:\n        - {fields: parent_code, reference: {resource: '', fields: agency_code}}\n")
    found = validated(tmp_path, text, {"t.csv": f"agency_code,parent_code\nUBND_TP,\nSNV,UBND_TPP\n{rows}".encode()})
    assert [(p.code, p.line, p.column, p.field) for p in found] == [("foreign-key", 3, 5, "parent_code")]
    assert found[0].message("vi") == "'UBND_TPP' không có trong co-quan/agencies.agency_code (khóa ngoại)"
    assert found[0].hint("vi") == ("dùng một giá trị có trong co-quan/agencies.agency_code (có phải 'UBND_TP'?), "
                                   "hoặc thêm một dòng có giá trị ấy vào bảng co-quan/agencies")
    assert found[0].message("en") == "'UBND_TPP' is not in co-quan/agencies.agency_code (a foreign key)"


def test_a_foreign_key_between_columns_of_two_types_is_told_so_not_to_use_the_value_it_holds(tmp_path):
    """An integer column keyed to a text one: Frictionless compares typed values (2 is not "2") and fails the row;
    the hint said to use a value that exists in p/b.code, "2, 3" (did you mean '2'?), the value written. It names
    the two types instead (round 6, frictionless-py's packages)."""
    folder = tmp_path / "datasets" / "p"
    folder.mkdir(parents=True)
    (folder / "datapackage.json").write_text(
        '{"name": "p", "resources": [{"name": "a", "path": "a.csv", "schema": {"fields": [{"name": "ref", "type": '
        '"integer"}], "foreignKeys": [{"fields": "ref", "reference": {"resource": "b", "fields": "code"}}]}}, '
        '{"name": "b", "path": "b.csv", "schema": {"fields": [{"name": "code", "type": "string"}]}}]}', "utf-8")
    (folder / "a.csv").write_text("ref\n2\n", "utf-8")
    (folder / "b.csv").write_text("code\n2\n3\n", "utf-8")
    [found] = pipeline.check(settings_for(tmp_path / "datasets")).problems
    assert (found.code, found.line, found.field, found.params_dict().get("types")) == (
        "foreign-key", 2, "ref", "integer → string")
    assert found.hint("en").startswith("'2' is in p/b, but the two columns have different types (integer → string)")
    assert "có phải" not in found.hint("vi") and "hai cột khác kiểu" in found.hint("vi")


def test_a_foreign_key_value_its_table_writes_only_with_a_space_is_told_to_delete_the_space_there(tmp_path):
    """"UBND_TP ," as a key: Frictionless fails each row that rightly writes UBND_TP in parent_code, and each was
    told "did you mean 'UBND_TP'?" (its own value) "or add a row with that value" (a second UBND_TP). The hint
    says this cell is right and names the cell with the space; a typo beside it is still told the bare code."""
    text = ("name: co-quan\nresources:\n  - name: agencies\n    path: t.csv\n    schema:\n      fields:\n"
            "        - {name: agency_code, type: string}\n        - {name: parent_code, type: string}\n"
            "      foreignKeys:\n        - {fields: parent_code, reference: {resource: '', fields: agency_code}}\n")
    rows = "agency_code,parent_code\nSNV,UBND_TP\nUBND_TP ,\nSTC,UBND_TP\nSXD,UBND_TPP\n"
    found = validated(tmp_path, text, {"t.csv": rows.encode()})
    assert [(p.code, p.line, p.column, p.field, p.params_dict()) for p in found] == [
        ("foreign-key", line, 5, "parent_code", {
            "value": "UBND_TP", "target": "co-quan/agencies.agency_code", "table": "co-quan/agencies", "choices": "",
            "suggestion": "", "spaced": f"{CSV_REL}:3"}) for line in (2, 4)] + [
        ("foreign-key", 5, 5, "parent_code", {
            "value": "UBND_TPP", "target": "co-quan/agencies.agency_code", "table": "co-quan/agencies",
            "choices": "SNV, STC, SXD, UBND_TP", "suggestion": "UBND_TP"})]
    assert found[0].hint("en") == (
        f"this cell is right: the table co-quan/agencies writes 'UBND_TP' only with blank space before or after it, "
        f"at {CSV_REL}:3; delete the space in that cell, not here")
    assert found[0].hint("vi") == (
        f"ô này đã đúng: bảng co-quan/agencies chỉ ghi 'UBND_TP' kèm khoảng trắng ở đầu hoặc cuối, tại {CSV_REL}:3; "
        f"xóa khoảng trắng ở ô đó, không sửa ở đây")


def test_a_verdict_is_cached_until_an_input_changes(tmp_path):
    text = ("name: p\nresources:\n  - name: k\n    path: k.csv\n    schema:\n      fields:\n"
            "        - {name: code, type: string}\n      primaryKey: [code]\n"
            "  - name: t\n    path: t.csv\n    schema:\n      fields:\n        - {name: k, type: string}\n"
            "      foreignKeys:\n        - {fields: k, reference: {resource: k, fields: code}}\n")
    cache = Cache(tmp_path / "cache")
    files = {"k.csv": b"code\na\n", "t.csv": b"k\na\n"}
    assert validated(tmp_path, text, files, cache=cache, cache_validation=True) == []
    (tmp_path / "datasets" / "p" / "k.csv").write_bytes(b"code\nb\n")  # the key table changed: t checked again
    assert [(p.code, p.line) for p in validated(tmp_path, text, {}, cache=cache, cache_validation=True)] == [
        ("foreign-key", 2)]
    (tmp_path / "datasets" / "p" / "t.csv").write_bytes(b"k\nb\nc\n")  # its own file changed
    assert [(p.code, p.line) for p in validated(tmp_path, text, {}, cache=cache, cache_validation=True)] == [
        ("foreign-key", 3)]
    schema_file = text[:text.index("    schema:\n      fields:\n        - {name: k")] + "    schema: t.schema.yaml\n"
    fk = (b"fields:\n  - {name: k, type: string}\n"
          b"foreignKeys:\n  - {fields: k, reference: {resource: k, fields: code}}\n")
    files = {"t.schema.yaml": fk}
    assert [(p.code, p.line) for p in validated(tmp_path, schema_file, files, cache=cache, cache_validation=True)] == [
        ("foreign-key", 3)]
    (tmp_path / "datasets" / "p" / "t.schema.yaml").write_bytes(fk.replace(b"type: string", b"type: integer"))
    assert [(p.code, p.line) for p in validated(tmp_path, schema_file, {}, cache=cache, cache_validation=True)] == [
        ("type-error", 2), ("type-error", 3)]


def test_verdict_key_depends_on_each_input(tmp_path):
    (tmp_path / "a.csv").write_bytes(b"a")
    (tmp_path / "b.csv").write_bytes(b"b")
    base = verdict_key({"name": "t"}, [tmp_path / "a.csv"], "p/datapackage.yaml")
    assert base == verdict_key({"name": "t"}, [tmp_path / "a.csv"], "p/datapackage.yaml")
    assert len({base, verdict_key({"name": "u"}, [tmp_path / "a.csv"], "p/datapackage.yaml"),
                verdict_key({"name": "t"}, [tmp_path / "b.csv"], "p/datapackage.yaml"),
                verdict_key({"name": "t"}, [tmp_path / "a.csv"], "q/datapackage.yaml")}) == 4


def test_a_large_table_is_validated_in_chunks_with_the_same_problems(tmp_path, monkeypatch):
    monkeypatch.setattr(chunked, "CHUNK_ROWS", 2)
    fields = "        - {name: id, type: integer}\n        - {name: name, type: string}\n"
    text = one_table("      primaryKey: [id]\n", fields=fields)
    data = b"id,name\n1,a\n2,b\nx,c\n4,d\n2,e\n"
    whole = validated(tmp_path / "whole", text, {"t.csv": data})
    calls = []
    original = chunked.validate_chunk
    monkeypatch.setattr(chunked, "validate_chunk", lambda *args: calls.append(args[3]) or original(*args))
    assert validated(tmp_path / "chunks", text, {"t.csv": data}, rows={"t": 5}, jobs=1) == whole
    assert calls == [0, 2, 4]
    assert [(p.code, p.line) for p in whole] == [("type-error", 4), ("primary-key", 4), ("primary-key", 6)]



def test_integrity_primary_key_of_every_field():
    assert integrity({"fields": [{"name": "id"}], "primaryKey": ["id"]}, [("a",), ("a",)]) == [
        ("primary-key", 3, "the same as in the row at position 2", None, None, "")]


def test_split_every_third_record(monkeypatch):
    monkeypatch.setattr(chunked, "CHUNK_ROWS", 3)
    chunks, _ = chunked.split(b"id\n1\n2\n3\n4\n5\n6\n7\n", Dialect(), [0])
    assert [(c.data, c.offset) for c in chunks] == [(b"id\n1\n2\n3", 0), (b"id\n4\n5\n6", 3), (b"id\n7\n", 6)]


def test_split_keeps_a_carriage_return_inside_a_cell(monkeypatch):
    monkeypatch.setattr(chunked, "CHUNK_ROWS", 2)
    chunks, records = chunked.split(b'id,note\n1,"a\rb"\n2,c\n3,d\n', Dialect(), [1])
    assert [(c.data, c.offset) for c in chunks] == [(b'id,note\n1,"a\rb"\n2,c', 0), (b"id,note\n3,d\n", 2)]
    assert records == [("note",), ("a\rb",), ("c",), ("d",)]


def test_validate_chunk_reads_with_the_dialect():
    schema = {"fields": [{"name": "id", "type": "integer"}, {"name": "name"}]}
    assert chunked.validate_chunk(b"id,name\n1,a;b\n", schema, None, 0) == []
    assert [e.type for e in chunked.validate_chunk(b"id,name\n1,a;b\n", schema, {"delimiter": ";"}, 0)] == [
        "missing-label", "incorrect-label", "type-error", "extra-cell"]


def test_chunk_keys_differ_by_schema_dialect_and_rows():
    chunk = chunked.Chunk(b"id\n1\n", 0)
    keys = {chunk.key({"fields": []}, None), chunk.key({"fields": [{"name": "id"}]}, None),
            chunk.key({"fields": []}, {"delimiter": ";"}), chunked.Chunk(b"id\n2\n", 0).key({"fields": []}, None)}
    assert len(keys) == 4
    assert chunk.key({"fields": []}, None) == chunked.Chunk(b"id\n1\n", 50).key({"fields": []}, None)


def test_a_cached_chunk_verdict_is_for_its_schema_and_dialect(tmp_path, monkeypatch):
    monkeypatch.setattr(chunked, "CHUNK_ROWS", 2)
    chunks, _ = chunked.split(b"id\n1\nx\n", Dialect(), [0])
    cache = Cache(tmp_path / "cache")
    integer = {"fields": [{"name": "id", "type": "integer"}]}
    assert [e.type for e in chunked.validate_rows(chunks, integer, None, cache, jobs=1)[0]] == ["type-error"]
    assert chunked.validate_rows(chunks, {"fields": [{"name": "id"}]}, None, cache, jobs=1) == ([], True)
    commas, _ = chunked.split(b"id,name\n1,a;b\n", Dialect(), [0])
    two = {"fields": [{"name": "id", "type": "integer"}, {"name": "name"}]}
    assert chunked.validate_rows(commas, two, None, cache, jobs=1) == ([], True)
    found, header_ok = chunked.validate_rows(commas, two, {"delimiter": ";"}, cache, jobs=1)
    assert ([e.type for e in found], header_ok) == (["missing-label", "incorrect-label", "type-error", "extra-cell"],
                                                    False)


def test_validate_rows_of_no_chunk():
    assert chunked.validate_rows([], {"fields": []}, None, Cache(None), jobs=1) == ([], True)


@pytest.mark.parametrize(("records", "shown"), [(chunked.PROGRESS_FROM - 1, False), (chunked.PROGRESS_FROM, True)])
def test_progress_from_progress_from_chunks(monkeypatch, capsys, records, shown):
    monkeypatch.setattr(chunked, "CHUNK_ROWS", 1)
    data = b"id\n" + b"".join(b"%d\n" % n for n in range(records))
    chunks, _ = chunked.split(data, Dialect(), [0])
    chunked.validate_rows(chunks, {"fields": [{"name": "id", "type": "integer"}]}, None, Cache(None), jobs=1)
    lines = capsys.readouterr().err.splitlines()
    count = chunked.PROGRESS_FROM
    # a plain line every tenth of the way (core/progress.py), the last when every chunk is checked
    every_tenth = [f"minhbach: validation chunks {n}/{count}" for n in range(count // 10, count + 1, count // 10)]
    assert [line.split(" (")[0] for line in lines] == (every_tenth if shown else [])


def test_a_file_frictionless_crashes_on_is_a_problem_at_its_path(tmp_path):
    broken = gzip.compress(b"id,name\n" + b"1,a\n" * 500)[:-30]  # truncated: never reaches here past our checks
    [found] = validated(tmp_path, one_table(path="t.csv.gz", fields=TWO), {"t.csv.gz": broken})
    assert (found.code, found.path, found.line, found.column, found.field, found.params_dict()["type"]) == (
        "frictionless", REL, 4, 5, "path", "EOFError")
    assert found.params_dict()["detail"] == "Compressed file ended before the end-of-stream marker was reached"


def verdicts(cache_dir: Path) -> int:
    return sum(1 for path in (cache_dir / "verdicts").rglob("*") if path.is_file())


def test_verdicts_go_to_the_settings_cache_unless_caching_is_off(tmp_path):
    files = {"t.csv": b"id,name\nx,a\n"}
    validated(tmp_path / "a", one_table(fields=TWO), files, cache_validation=True, cache_dir=tmp_path / "a-cache")
    assert verdicts(tmp_path / "a-cache") == 1
    given = Cache(tmp_path / "given")
    validated(tmp_path / "b", one_table(fields=TWO), files, cache=given, cache_validation=True,
              cache_dir=tmp_path / "b-cache")
    assert (verdicts(tmp_path / "given"), (tmp_path / "b-cache").exists()) == (1, False)
    validated(tmp_path / "c", one_table(fields=TWO), files, cache=Cache(tmp_path / "c-given"), cache_validation=False,
              cache_dir=tmp_path / "c-cache")
    assert ((tmp_path / "c-given").exists(), (tmp_path / "c-cache").exists()) == (False, False)


def test_a_cached_verdict_is_returned_without_frictionless(tmp_path, monkeypatch):
    text = one_table(fields=TWO) + "  - name: u\n    path: u.csv\n    schema:\n      fields:\n" + TWO
    files = {"t.csv": b"id,name\nx,a\n", "u.csv": b"id,name\n1,a\n2,b\ny,c\n"}
    cache = Cache(tmp_path / "cache")
    first = validated(tmp_path, text, files, cache=cache, cache_validation=True)
    assert [(p.path, p.line) for p in first] == [(CSV_REL, 2), ("datasets/p/u.csv", 4)]
    monkeypatch.setattr(frictionless.Resource, "validate", lambda *args, **kwargs: pytest.fail("not cached"))
    assert validated(tmp_path, text, {}, cache=cache, cache_validation=True) == first


def test_validate_rows_in_two_worker_processes(monkeypatch):
    monkeypatch.setattr(chunked, "CHUNK_ROWS", 2)
    chunks, _ = chunked.split(b"id\n1\nx\n3\n4\ny\n", Dialect(), [0])
    schema = {"fields": [{"name": "id", "type": "integer"}]}
    found, header_ok = chunked.validate_rows(chunks, schema, None, Cache(None), jobs=2)
    assert ([(e.type, e.row_number, e.cell) for e in found], header_ok) == (
        [("type-error", 3, "x"), ("type-error", 6, "y")], True)
    assert chunked.validate_rows(chunks, schema, None, Cache(None), jobs=1) == (found, True)


def test_a_schema_error_in_a_schema_file_at_its_key(tmp_path):
    text = "name: p\nresources:\n  - name: t\n    path: t.csv\n    schema: s.yaml\n"
    schema = b"fields:\n  - {name: id, type: integer}\nprimaryKey: [zz]\n"
    assert validated(tmp_path, text, {"t.csv": b"id\n1\n", "s.yaml": schema}) == [
        problem("frictionless", "datasets/p/s.yaml", 3, 1, "primaryKey", type="schema-error",
                detail="primary key \"['zz']\" does not match the fields \"['id']\"")]
    schema_json = b'{\n  "fields": [{"name": "id", "type": "integer"}],\n  "primaryKey": ["zz"]\n}\n'
    found = validated(tmp_path / "j", text.replace("s.yaml", "s.json"), {"t.csv": b"id\n1\n", "s.json": schema_json})
    assert [(p.path, p.line, p.column, p.field) for p in found] == [("datasets/p/s.json", 3, 3, "primaryKey")]


@pytest.mark.parametrize(("item", "key"), [({"type": "integer", "format": 5}, ("format",)), ({"name": 5}, ("name",)),
                                           ({"type": "boolean", "constraints": {"minLength": 1}},
                                            ("constraints", "minLength"))])
def test_an_array_items_errors_at_its_keys(item, key):
    """Frictionless checks an array's item only when it validates the resource, as a field of its own, without
    saying which: it is found among the fields as one."""
    spec = {"name": "t", "data": [["a", "b"], ["1", "[1]"]],
            "schema": fields({"name": "a"}, {"name": "b", "type": "array", "arrayItem": item})}
    report = frictionless.Package.from_descriptor({"name": "p", "resources": [spec]}).resources[0].validate()
    errors = [error for task in report.tasks for error in task.errors]
    assert [(found, error.type) for found, error in error_keys({"resources": [spec]}, errors)] == [
        (("resources", 0, "schema", "fields", 1, "arrayItem", *key), "field-error")]



def test_the_item_of_a_column_that_is_no_array_is_not_where_an_error_is_placed():
    """Frictionless ignores ``arrayItem`` on a string column: the same bad item on a later array column is where
    the error is."""
    item = {"format": 5}
    spec = {"name": "t", "data": [["a", "b"], ["x", "[1]"]],
            "schema": fields({"name": "a", "type": "string", "arrayItem": item},
                             {"name": "b", "type": "array", "arrayItem": item})}
    report = frictionless.Package.from_descriptor({"name": "p", "resources": [spec]}).resources[0].validate()
    errors = [error for task in report.tasks for error in task.errors]
    assert [found for found, _ in error_keys({"resources": [spec]}, errors)] == [
        ("resources", 0, "schema", "fields", 1, "arrayItem", "format")]
