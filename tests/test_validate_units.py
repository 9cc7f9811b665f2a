"""Unit tests that fail when the code breaks (issue 19, see tests/mutation.py): of generator/core/checks/validate.py
(Frictionless's errors as positioned problems, each asserted whole; real Frictionless on tiny packages in
``tmp_path``; group checks-validate), then of core/messages.py (group messages) and core/claims.py (group claims)."""

from __future__ import annotations

from pathlib import Path

import frictionless
import pytest
from conftest import loaded_package, settings_for

from generator.core import datasets, messages
from generator.core.cache import Cache
from generator.core.checks import chunked, validate
from generator.core.checks.descriptor import check_descriptor
from generator.core.checks.validate import validate_package, verdict_key
from generator.core.problems import Problem, problem
from generator.core.read.package import load_descriptor

REL = "datasets/p/datapackage.yaml"
CSV_REL = "datasets/p/t.csv"
LARGE = chunked.CHUNK_ROWS + 1  # rows said to be read: the resource is validated in chunks


def validated(tmp_path: Path, text: str, files: dict[str, bytes], rows: dict[str, int] | None = None,
              cache: Cache | None = None, clean: bool = True, **overrides: object) -> list:
    """``validate_package`` on ``datasets/p/datapackage.yaml`` holding ``text``, beside ``files``; ``clean``: the
    descriptor passes our own checks first, as it must before the pipeline runs Frictionless."""
    pkg, settings = loaded_package(tmp_path, text, files, **overrides)
    if clean:
        assert check_descriptor(pkg, settings) == []
    return validate_package(pkg, settings, rows, cache)


def keyed(target: str = "    path: k.csv\n    schema:\n      fields:\n        - {name: code, type: string}\n") -> str:
    """Resource k (``target`` after its name, line 4 on), then t (its name 3 lines after k's last) with a foreign
    key into k."""
    return (f"name: p\nresources:\n  - name: k\n{target}"
            "  - name: t\n    path: t.csv\n    schema:\n      fields:\n        - {name: k, type: string}\n"
            "      foreignKeys:\n        - {fields: k, reference: {resource: k, fields: code}}\n")


# -- a large table whose foreign key points at a table Frictionless cannot read -----------------------------------

@pytest.mark.parametrize("target", [
    "    path: k.csv\n    encoding: nope\n    schema:\n      fields:\n        - {name: code, type: string}\n",
    "    path: k.csv\n    schema: k.schema.json\n",
], ids=["unknown-encoding", "broken-schema-file"])
def test_a_large_table_keyed_into_an_unreadable_table_has_the_problems_of_whole_validation(tmp_path, target):
    files = {"k.csv": b"code\na\n", "t.csv": b"k\na\nz\n", "k.schema.json": b"{not json"}
    # Not clean: our own checks now stop a broken schema file before Frictionless (test_checks_units.py); this is
    # Frictionless's side, which must still agree with itself when it is reached.
    whole = validated(tmp_path, keyed(target), files, clean=False)
    assert len(whole) == 2  # k's own problem, then t's (its keys cannot be looked up), each at its resource
    assert validated(tmp_path, keyed(target), files, rows={"t": LARGE}, clean=False) == whole


def test_an_unreadable_key_target_is_reported_at_each_resource_path(tmp_path):
    target = "    path: k.csv\n    encoding: nope\n    schema:\n      fields:\n        - {name: code, type: string}\n"
    files = {"k.csv": b"code\na\n", "t.csv": b"k\na\nz\n"}
    # Not clean: our own checks now stop an encoding that names no character set (unsupported-encoding); this is
    # Frictionless's side, reached as it was before them.
    assert validated(tmp_path, keyed(target), files, rows={"t": LARGE}, clean=False) == [
        problem("frictionless", REL, 4, 5, "path", type="encoding-error", detail="unknown encoding: nope"),
        problem("frictionless", REL, 10, 5, "path", type="encoding-error", detail="unknown encoding: nope")]


# -- which resources are validated in chunks, and what the chunks give ------------------------------------------

@pytest.fixture
def chunk_calls(monkeypatch) -> list[str]:
    """The resources validated in chunks (by the first field of their schema), as ``validate_rows`` is called."""
    calls: list[str] = []
    original = chunked.validate_rows

    def spy(chunks, schema, dialect, cache, jobs):  # noqa: ANN001, ANN202 - as chunked.validate_rows
        calls.append(schema["fields"][0]["name"])
        return original(chunks, schema, dialect, cache, jobs)
    monkeypatch.setattr(chunked, "validate_rows", spy)
    return calls


def one(schema: str, extra: str = "") -> str:
    """Resource t (name line 3, path line 4), ``extra`` before its schema (line 5 or after ``extra``)."""
    return f"name: p\nresources:\n  - name: t\n    path: t.csv\n{extra}    schema:\n      fields:\n{schema}"


ID = "        - {name: id, type: integer}\n"
NO_TARGET = "      foreignKeys: [{fields: [id], reference: {resource: nope, fields: [id]}}]\n"
SELF_KEY = ("        - {name: id, type: integer}\n        - {name: parent, type: integer}\n"
            "      foreignKeys: [{fields: [parent], reference: {resource: '', fields: [id]}}]\n")


def test_a_large_table_keyed_into_itself_is_validated_in_chunks(tmp_path, chunk_calls):
    files = {"t.csv": b"id,parent\n1,\n2,1\n3,9\n"}
    assert validated(tmp_path, one(SELF_KEY), files, rows={"t": LARGE}) == [
        problem("foreign-key", CSV_REL, 4, 3, "parent", value="9", target="p/t.id", table="p/t", choices="1, 2, 3",
                suggestion="")]
    assert chunk_calls == ["id"]
    assert validated(tmp_path, one(SELF_KEY), files) == validated(tmp_path, one(SELF_KEY), files, rows={"t": LARGE})


def test_a_key_into_itself_may_leave_out_the_resource(tmp_path, chunk_calls):
    schema = SELF_KEY.replace("resource: '', ", "")
    assert [(p.code, p.line) for p in validated(tmp_path, one(schema), {"t.csv": b"id,parent\n1,\n3,9\n"},
                                                 rows={"t": LARGE})] == [("foreign-key", 3)]
    assert chunk_calls == ["id"]


def test_a_large_table_keyed_into_another_is_validated_in_chunks(tmp_path, chunk_calls):
    files = {"k.csv": b"code\na\nb\n", "t.csv": b"k\na\nz\nb\ny\n"}
    found = validated(tmp_path, keyed(), files, rows={"t": LARGE})
    assert found == [
        problem("foreign-key", CSV_REL, 3, 1, "k", value="z", target="p/k.code", table="p/k", choices="a, b",
                suggestion=""),
        problem("foreign-key", CSV_REL, 5, 1, "k", value="y", target="p/k.code", table="p/k", choices="a, b",
                suggestion="")]
    assert chunk_calls == ["k"]
    assert validated(tmp_path, keyed(), files) == found


def test_a_large_table_keyed_into_a_table_not_there_is_validated_whole(tmp_path, chunk_calls):
    schema = ID + NO_TARGET
    assert validated(tmp_path, one(schema), {"t.csv": b"id\n1\n"}, rows={"t": LARGE}) == [
        problem("frictionless", REL, 3, 5, "resources", type="resource-error",
                detail='failed to handle a foreign key for resource "t" as resource "nope" does not exist')]
    assert chunk_calls == []


def test_a_table_of_unknown_length_is_validated_whole_however_small_the_chunks(tmp_path, chunk_calls, monkeypatch):
    monkeypatch.setattr(chunked, "CHUNK_ROWS", 0)
    assert [(p.code, p.line) for p in validated(tmp_path, one(SELF_KEY), {"t.csv": b"id,parent\n1,\n3,9\n"})] == [
        ("foreign-key", 3)]
    assert chunk_calls == []


@pytest.mark.parametrize("dialect", ["{quoteChar: \"'\"}", "{csv: {quoteChar: \"'\"}}"])
def test_chunks_are_read_with_the_resource_s_dialect(tmp_path, chunk_calls, dialect):
    """A quote character Frictionless would not guess: read without the dialect, 'a,b' is two cells."""
    schema = "        - {name: id, type: integer}\n        - {name: name}\n"
    text = one(schema, extra=f"    dialect: {dialect}\n")
    files = {"t.csv": b"id,name\n1,'a,b'\nx,c\n"}
    assert validated(tmp_path, text, files, rows={"t": LARGE}) == [
        problem("type-error", CSV_REL, 3, 1, "id", cell="x", type="integer", detail='type is "integer/default"',
                resource="t")]
    assert chunk_calls == ["id"]
    assert validated(tmp_path, text, files) == validated(tmp_path, text, files, rows={"t": LARGE})


def test_chunks_are_read_as_the_standard_says_when_no_dialect_is_given(tmp_path, chunk_calls):
    """Each chunk was validated with whatever delimiter Frictionless guessed from it: a ';'-separated file
    without a dialect was valid as two columns, and published as one (the standard's delimiter is a comma)."""
    schema = "        - {name: id, type: integer}\n        - {name: name}\n"
    files = {"t.csv": b"id;label\n1;a\n2;b\n"}  # guessed, ';' made it two columns and one wrong label
    found = validated(tmp_path, one(schema), files, rows={"t": LARGE})
    assert [(p.code, p.line) for p in found] == [
        ("missing-label", 1), ("incorrect-label", 1), ("type-error", 2), ("type-error", 3)]
    assert chunk_calls == ["id"]
    assert validated(tmp_path, one(schema), files) == found


def test_a_large_table_whose_columns_are_matched_by_name_is_validated_whole(tmp_path, chunk_calls):
    """The table-wide checks of chunks pick each key's cells by the field's position, which fieldsMatch lets the
    file's columns differ from: id 1 twice, found only when the table is read by name."""
    text = ("name: p\nresources:\n  - name: t\n    path: t.csv\n    schema:\n      fieldsMatch: equal\n"
            "      fields:\n        - {name: id, type: integer}\n        - {name: name}\n      primaryKey: [id]\n")
    found = validated(tmp_path, text, {"t.csv": b"name,id\nb,1\nb,1\n"}, rows={"t": LARGE})
    assert [(p.code, p.line) for p in found] == [("primary-key", 3)]
    assert chunk_calls == []


def test_chunked_problems_come_in_row_order_as_whole_validation_gives_them(tmp_path, chunk_calls):
    schema = "        - {name: id, type: integer}\n        - {name: name}\n      primaryKey: [id]\n"
    files = {"t.csv": b"id,name\n1,a\n1,b\nx,c\n"}
    found = validated(tmp_path, one(schema), files, rows={"t": LARGE})
    assert [(p.code, p.line, p.params_dict()["detail"]) for p in found] == [
        ("primary-key", 3, "the same as in the row at position 2"),
        ("type-error", 4, 'type is "integer/default"'),
        ("primary-key", 4, 'cells composing the primary keys are all "None"')]
    assert chunk_calls == ["id"]
    assert validated(tmp_path, one(schema), files) == found


def test_a_header_without_the_key_column_has_no_key_problem_in_chunks_either(tmp_path, chunk_calls):
    schema = "        - {name: name}\n        - {name: id, type: integer}\n      primaryKey: [id]\n"
    files = {"t.csv": b"name\na\na\n"}
    found = validated(tmp_path, one(schema), files, rows={"t": LARGE})
    assert [(p.code, p.line, p.field) for p in found] == [("missing-label", 1, "id")]
    assert chunk_calls == ["name"]
    assert validated(tmp_path, one(schema), files) == found



def test_a_header_without_a_column_that_is_not_a_key_keeps_the_key_problems_in_chunks_too(tmp_path, chunk_calls):
    """Frictionless skips only the table-wide checks whose fields have no column (here: none of them)."""
    schema = "        - {name: id, type: integer}\n        - {name: name}\n      primaryKey: [id]\n"
    files = {"t.csv": b"id\n1\n1\n"}
    found = validated(tmp_path, one(schema), files, rows={"t": LARGE})
    assert [(p.code, p.line, p.field) for p in found] == [("missing-label", 1, "name"), ("primary-key", 3, None)]
    assert chunk_calls == ["id"]
    assert validated(tmp_path, one(schema), files) == found

TWO_KEYS = ("name: p\nresources:\n  - name: k\n    path: k.csv\n    schema:\n      fields:\n"
            "        - {name: code, type: string}\n        - {name: name, type: string}\n"
            "  - name: t\n    path: t.csv\n    schema:\n      fields:\n        - {name: c, type: string}\n"
            "        - {name: n, type: string}\n      foreignKeys:\n"
            "        - {fields: c, reference: {resource: k, fields: code}}\n"
            "        - {fields: n, reference: {resource: k, fields: name}}\n")
TWO_SELF_KEYS = ("        - {name: id, type: integer}\n        - {name: code, type: integer}\n"
                 "        - {name: parent, type: integer}\n        - {name: parent_code, type: integer}\n"
                 "      foreignKeys:\n        - {fields: parent, reference: {resource: '', fields: id}}\n"
                 "        - {fields: parent_code, reference: {resource: '', fields: code}}\n")


def said(found: Problem) -> tuple:
    """Where a foreign-key problem is, and what it says: (line, column, field, value, target)."""
    return found.line, found.column, found.field, found.params_dict()["value"], found.params_dict()["target"]


@pytest.mark.parametrize(("rows", "found"), [
    (b"A1,N1\nA2,N2\n", []),
    # c holds a name (not a code), then n holds a code (not a name): Frictionless finds each in its own lookup
    (b"N1,N1\nA1,A1\n", [(2, 1, "c", "N1", "p/k.code"), (3, 4, "n", "A1", "p/k.name")]),
], ids=["valid", "invalid"])
def test_two_keys_into_one_table_by_different_columns_are_checked_in_chunks_as_whole(tmp_path, chunk_calls, rows,
                                                                                      found):
    """One lookup per resource let the last key's values stand for both: a package Frictionless refuses was
    published, and one it accepts refused with a foreign-key problem a row."""
    files = {"k.csv": b"code,name\nA1,N1\nA2,N2\n", "t.csv": b"c,n\n" + rows}
    chunks = validated(tmp_path, TWO_KEYS, files, rows={"t": LARGE})
    assert chunk_calls == ["c"]
    assert [said(p) for p in chunks] == found
    assert validated(tmp_path, TWO_KEYS, files) == chunks


@pytest.mark.parametrize(("rows", "found"), [
    (b"1,10,,\n2,20,1,10\n", []),
    # the parent is given by its code, and its code by its id
    (b"1,10,,\n2,20,10,1\n", [(3, 6, "parent", "10", "p/t.id"), (3, 9, "parent_code", "1", "p/t.code")]),
], ids=["valid", "invalid"])
def test_two_keys_into_the_table_itself_by_different_columns_are_checked_in_chunks_as_whole(tmp_path, chunk_calls,
                                                                                            rows, found):
    files = {"t.csv": b"id,code,parent,parent_code\n" + rows}
    chunks = validated(tmp_path, one(TWO_SELF_KEYS), files, rows={"t": LARGE})
    assert chunk_calls == ["id"]
    assert [said(p) for p in chunks] == found
    assert validated(tmp_path, one(TWO_SELF_KEYS), files) == chunks


def test_a_key_into_a_column_the_table_itself_lacks_has_the_problems_of_whole_validation(tmp_path, chunk_calls):
    """Frictionless looks the missing column up as empty: every value is not found. Chunked, the column's
    position was looked for and not found, and validation stopped with exit 2."""
    schema = SELF_KEY.replace("fields: [id]}", "fields: [nope]}")
    files = {"t.csv": b"id,parent\n1,\n2,1\n"}
    chunks = validated(tmp_path, one(schema), files, rows={"t": LARGE})
    assert [(p.code, *said(p)) for p in chunks] == [("foreign-key", 3, 3, "parent", "1", "p/t.nope")]
    assert chunk_calls == ["id"]
    assert validated(tmp_path, one(schema), files) == chunks


# -- errors about a resource as a whole, found only when it is validated -----------------------------------------

def test_an_inline_field_error_found_by_validation_at_its_key(tmp_path):
    """An array's item is a field Frictionless checks only when it validates the resource (our own checks leave
    its format alone): the error is at the item's key, not at the array's."""
    schema = "        - {name: id, type: integer}\n        - {name: tags, type: array, arrayItem: {format: 5}}\n"
    assert validated(tmp_path, one(schema), {"t.csv": b"id,tags\n1,[]\n"}) == [
        problem("frictionless", REL, 8, 49, "format", type="field-error",
                detail="5 is not of type 'string' at property 'format'")]


@pytest.mark.parametrize("data", ["[]", "[[]]"])
def test_empty_inline_data_is_said_at_its_data_key_with_what_to_write(tmp_path, data):
    """Frictionless said "source-error: The data source has not supported or has inconsistent contents: " (of
    ``[]``: nothing after it) at a ``path`` key the resource does not have, with the hint to read the docs."""
    text = one(ID).replace("    path: t.csv\n", f"    title: T\n    data: {data}\n")
    assert validated(tmp_path, text, {}) == [problem("empty-data", REL, 5, 5, "data", resource="t")]


def test_a_resource_error_found_by_validation_at_that_resource(tmp_path):
    schema = ID + NO_TARGET
    text = one(ID) + "  - name: u\n    path: u.csv\n    schema:\n      fields:\n" + schema
    assert validated(tmp_path, text, {"t.csv": b"id\n1\n", "u.csv": b"id\n1\n"}) == [
        problem("frictionless", REL, 8, 5, "resources", type="resource-error",
                detail='failed to handle a foreign key for resource "u" as resource "nope" does not exist')]


def test_an_error_in_a_dialect_file_is_at_its_key_in_that_file(tmp_path):
    """As a schema file's: a dialect kept in its own file has its errors there (they were at line 1 of the
    descriptor, which says nothing of them)."""
    text = one("        - {name: id, type: integer}\n", extra="    dialect: d.yaml\n")
    dialect = b"header: true\ncsv:\n  quoteChar: '\"'\n  delimiter: 5\n"
    assert validated(tmp_path, text, {"t.csv": b"id\n1\n", "d.yaml": dialect}) == [
        problem("frictionless", "datasets/p/d.yaml", 4, 3, "delimiter", type="control-error",
                detail="5 is not of type 'string' at property 'delimiter'")]


SCHEMA_FILE = "name: p\nresources:\n  - name: t\n    path: t.csv\n    schema: s.{}\n"


def test_a_schema_file_that_is_not_utf8_is_reported_where_the_byte_is(tmp_path):
    """Frictionless said 'cannot retrieve metadata "<absolute path>" because "'utf-8' codec can't decode…"' at the
    file's start; our own reading of the file says where, and what the file probably is."""
    schema = "fields:\n  - {name: a, type: integer, description: caf\u00e9}\n".encode("latin-1")
    pkg, settings = loaded_package(tmp_path, SCHEMA_FILE.format("yaml"), {"t.csv": b"a\n1\n", "s.yaml": schema})
    assert check_descriptor(pkg, settings) == [
        problem("encoding", "datasets/p/s.yaml", 2, 46, encoding="WINDOWS-1252")]


def test_a_schema_file_that_is_not_a_mapping_is_reported_at_its_start(tmp_path):
    pkg, settings = loaded_package(tmp_path, SCHEMA_FILE.format("yaml"), {"t.csv": b"a\n1\n", "s.yaml": b"- a\n- b\n"})
    assert check_descriptor(pkg, settings) == [
        problem("descriptor-type", "datasets/p/s.yaml", 1, 1, "schema", key="(root)", expected="mapping")]


def test_a_json_schema_file_indented_with_tabs_is_read_as_json(tmp_path):
    schema = b'{\n\t"fields": [\n\t\t{"name": "a", "type": "integer"},\n\t\t{"name": "b", "type": "text"}\n\t]\n}\n'
    assert validated(tmp_path, SCHEMA_FILE.format("json"), {"t.csv": b"a,b\n1,x\n", "s.json": schema}) == [
        problem("frictionless", "datasets/p/s.json", 4, 17, "type", type="field-error",
                detail='field type "text" is not supported')]


def test_a_json_schema_file_is_read_as_json_even_where_yaml_cannot_read_it(tmp_path):
    """An escaped surrogate pair is JSON, not YAML: the key is still found, if not its line."""
    schema = (b'{"fields": [{"name": "a", "type": "integer", "description": "\\ud83d\\ude00"},\n'
              b'            {"name": "b", "type": "text"}]}\n')
    assert validated(tmp_path, SCHEMA_FILE.format("json"), {"t.csv": b"a,b\n1,x\n", "s.json": schema}) == [
        problem("frictionless", "datasets/p/s.json", 1, 1, "type", type="field-error",
                detail='field type "text" is not supported')]


def test_a_yaml_schema_file_is_read_with_the_types_a_descriptor_has(tmp_path):
    schema = b"fields:\n  - {name: a, type: integer}\n  - {name: b, type: boolean, trueValues: 5}\n"
    assert validated(tmp_path, SCHEMA_FILE.format("yaml"), {"t.csv": b"a,b\n1,x\n", "s.yaml": schema}) == [
        problem("frictionless", "datasets/p/s.yaml", 3, 30, "trueValues", type="field-error",
                detail="5 is not of type 'array' at property 'trueValues'")]


def test_a_key_into_another_package_in_a_schema_file_is_said_there_with_what_to_do(tmp_path):
    """As in the descriptor (foreign-package): Frictionless, given the file, looked for a resource of the package's
    own and said only that "x" did not exist, with no word of x-minhbach.references."""
    schema = (b"fields:\n  - {name: a, type: integer}\nforeignKeys:\n"
              b"  - {fields: a, reference: {package: other, resource: x, fields: a}}\n")
    assert validated(tmp_path, SCHEMA_FILE.format("yaml"), {"t.csv": b"a\n1\n", "s.yaml": schema}) == [
        problem("foreign-package", "datasets/p/s.yaml", 4, 29, "foreignKeys", package="other")]


# -- errors in rows and labels -------------------------------------------------------------------------------------

def test_an_extra_label_is_named_by_its_label(tmp_path):
    assert validated(tmp_path, one("        - {name: id, type: integer}\n"), {"t.csv": b"id,zz\n1,2\n"}) == [
        problem("extra-label", CSV_REL, 1, 4, "zz", cell="", type="extra-label",
                detail='There is an extra label "zz" in header at position "2"', resource="t")]


def test_a_field_without_a_type_is_a_string(tmp_path):
    assert validated(tmp_path, one("        - {name: id, constraints: {maxLength: 1}}\n"), {"t.csv": b"id\n12\n"}) == [
        problem("constraint-error", CSV_REL, 2, 1, "id", cell="12", type="string",
                detail='constraint "maxLength" is "1"', resource="t")]


@pytest.mark.parametrize(("field", "cell", "shown"), [
    ("{name: e, type: string, format: email}", "not-an-email", "string, format: email"),
    ("{name: e, format: uri}", "not a uri", "string, format: uri"),
    ("{name: e, type: date, format: '%d/%m/%Y'}", "2024-01-31", "date, format: %d/%m/%Y"),
    ("{name: e, type: date, format: default}", "31/01/2024", "date"),
    ("{name: e, type: list, itemType: integer}", "3,x", "list, itemType: integer"),
    ("{name: e, type: list, itemType: number, delimiter: '|'}", "1.5|x", "list, itemType: number, delimiter: |"),
], ids=["email", "uri-without-type", "date-pattern", "default", "list-item-type", "list-delimiter"])
def test_a_cell_that_fails_its_column_s_format_is_said_to_fail_that_format(tmp_path, field, cell, shown):
    """A text cell that is no email address was "not of type string", with a hint to make it a string: Frictionless
    says "string/email"; the message names the format as the schema states it, in a schema file too. A list names
    its item type and delimiter, when not the defaults: "3,x" of a list of integers was "not of type list", where
    Frictionless says 'expected item type is "integer"'."""
    found = validated(tmp_path, one(f"        - {field}\n"), {"t.csv": f'e\n"{cell}"\n'.encode()})
    assert [(p.code, p.line, p.params_dict()["type"]) for p in found] == [("type-error", 2, shown)]
    assert found[0].message("en") == f"value '{cell}' is not of type {shown}"
    assert shown in found[0].hint("en")
    schema = f"fields:\n  - {field}\n".encode()
    in_file = validated(tmp_path, SCHEMA_FILE.format("yaml"), {"t.csv": f'e\n"{cell}"\n'.encode(), "s.yaml": schema})
    assert [p.params_dict()["type"] for p in in_file] == [shown]


WRITE = "write the number with {} and no % sign, space or thousands separator: {}"
POINT, COMMA = "a decimal point", "a decimal comma, as the schema declares (decimalChar: ',')"


@pytest.mark.parametrize(("field", "cell", "hint"), [
    ("{name: s, type: number}", "88,12", WRITE.format(POINT, "88.12")),
    ("{name: s, type: number}", "88.12%", WRITE.format(POINT, "88.12")),
    ("{name: s, type: number}", " 88,12 % ", WRITE.format(POINT, "88.12")),
    ("{name: s, type: number}", "1.234,5", WRITE.format(POINT, "1234.5")),
    ("{name: s, type: number}", "-1\u00a0234,5", WRITE.format(POINT, "-1234.5")),
    ("{name: s, type: number}", "1.234.567", WRITE.format(POINT, "1234567")),
    ("{name: s, type: number}", "1,234", WRITE.format(POINT, "1.234 (or 1234 if the ',' separates thousands)")),
    ("{name: s, type: integer}", "1,234", WRITE.format(POINT, "1234")),  # an integer has no fraction
    ("{name: s, type: integer}", "95%", WRITE.format(POINT, "95")),
    # the schema's decimal comma: the comma is right, the point is not
    ("{name: s, type: number, decimalChar: ','}", "88.12", WRITE.format(COMMA, "88,12")),
    ("{name: s, type: number, decimalChar: ','}", "1.234", WRITE.format(COMMA, "1,234 (or 1234 if the '.' "
                                                                                "separates thousands)")),
    ("{name: s, type: number, decimalChar: ',', groupChar: '.'}", "1.234,5%", WRITE.format(COMMA, "1234,5")),
    # the schema's comma separates thousands: "1,234" is no decimal (as "88,12", whose group is not three digits)
    ("{name: s, type: number, groupChar: ','}", "1,234%", WRITE.format(POINT, "1234")),
    ("{name: s, type: number, groupChar: ','}", "88,12%",
     "correct the cell to match the type (number); leave it empty for no data"),
    # not a number written another way: what is wrong is not for us to guess
    ("{name: s, type: number}", "abc", "correct the cell to match the type (number); leave it empty for no data"),
    ("{name: s, type: number}", "12 34", "correct the cell to match the type (number); leave it empty for no data"),
    ("{name: s, type: number}", "88, 12", "correct the cell to match the type (number); leave it empty for no data"),
    ("{name: s, type: integer}", "88,5", "correct the cell to match the type (integer); leave it empty for no data"),
])
def test_a_number_written_as_a_spreadsheet_shows_it_is_hinted_the_number_to_write(tmp_path, field, cell, hint):
    """ "88,12" or "88.12%" in a number column had the hint "correct the cell to match the type (number)", which did
    not say what was wrong with it: the hint now shows the number to write, as the column reads one (its
    decimalChar), in a schema file too and when the table is validated in chunks."""
    files = {"t.csv": f's\n"{cell}"\n'.encode()}
    found = validated(tmp_path, one(f"        - {field}\n"), files)
    assert [(p.code, p.hint("en")) for p in found] == [("type-error", hint)]
    assert validated(tmp_path, one(f"        - {field}\n"), files, rows={"t": LARGE}) == found
    in_file = validated(tmp_path, SCHEMA_FILE.format("yaml"), {**files, "s.yaml": f"fields:\n  - {field}\n".encode()})
    assert [p.hint("en") for p in in_file] == [hint]


def test_the_number_to_write_is_shortened_as_the_cell_is(tmp_path):
    """A 5,000-digit cell is quoted by its first digits: so is the number to write it as."""
    files = {"t.csv": f's\n"{"9" * 5000},5"\n'.encode()}
    [found] = validated(tmp_path, one("        - {name: s, type: number}\n"), files)
    assert len(found.message("en")) < 200 and len(found.hint("en")) < 200, found.hint("en")


def test_the_number_to_write_is_hinted_in_vietnamese_too(tmp_path):
    found = validated(tmp_path, one("        - {name: s, type: number}\n"), {"t.csv": b's\n"1,234%"\n'})
    assert [p.hint("vi") for p in found] == ["viết số với dấu chấm thập phân, không có dấu %, khoảng trắng hay dấu "
                                             "phân cách hàng nghìn: 1.234 (hoặc 1234 nếu dấu ',' phân cách hàng nghìn)"]
    comma = validated(tmp_path, one("        - {name: s, type: number, decimalChar: ','}\n"), {"t.csv": b"s\n8.5\n"})
    assert [p.hint("vi") for p in comma] == ["viết số với dấu phẩy thập phân như schema khai báo (decimalChar: ','), "
                                             "không có dấu %, khoảng trắng hay dấu phân cách hàng nghìn: 8,5"]


def test_a_blank_row_has_no_field(tmp_path):
    schema = "        - {name: id, type: integer}\n        - {name: name}\n"
    assert validated(tmp_path, one(schema), {"t.csv": b"id,name\n1,a\n,\n"}) == [
        problem("blank-row", CSV_REL, 3, 1, None, cell="", type="blank-row",
                detail='Row at position "3" is completely blank', resource="t")]


# -- verdicts: what a cached one depends on ------------------------------------------------------------------------

@pytest.fixture
def validations(monkeypatch) -> list[str]:
    """The resources Frictionless validates whole (the others' verdicts came from the cache)."""
    names: list[str] = []
    original = frictionless.Resource.validate

    def spy(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202 - as frictionless.Resource.validate
        names.append(self.name)
        return original(self, *args, **kwargs)
    monkeypatch.setattr(frictionless.Resource, "validate", spy)
    return names


def test_a_verdict_is_not_reused_for_another_descriptor_with_the_same_files(tmp_path, validations):
    cache = Cache(tmp_path / "cache")
    files = {"t.csv": b"id\nx\n"}
    assert validated(tmp_path, one("        - {name: id, type: string}\n"), files, cache=cache,
                     cache_validation=True) == []
    assert [(p.code, p.line) for p in validated(tmp_path, one("        - {name: id, type: integer}\n"), files,
                                                 cache=cache, cache_validation=True)] == [("type-error", 2)]
    assert validations == ["t", "t"]


def test_a_verdict_is_not_reused_for_another_package_with_the_same_files(tmp_path, validations):
    cache = Cache(tmp_path / "cache")
    text, files = one("        - {name: id, type: integer}\n"), {"t.csv": b"id\nx\n"}
    assert [p.path for p in validated(tmp_path / "a", text, files, cache=cache, cache_validation=True)] == [
        CSV_REL]
    settings = settings_for(tmp_path / "a" / "datasets", cache_validation=True)
    (tmp_path / "a" / "datasets" / "q").mkdir()
    for name in ("datapackage.yaml", "t.csv"):
        (tmp_path / "a" / "datasets" / "q" / name).write_bytes((tmp_path / "a" / "datasets" / "p" / name).read_bytes())
    other = load_descriptor(tmp_path / "a" / "datasets" / "q" / "datapackage.yaml", settings)
    assert [p.path for p in validate_package(other, settings, None, cache)] == ["datasets/q/t.csv"]
    assert validations == ["t", "t"]


def test_a_verdict_does_not_depend_on_the_files_of_unrelated_resources(tmp_path, validations):
    cache = Cache(tmp_path / "cache")
    text = one("        - {name: id, type: integer}\n") + "  - name: u\n    path: u.csv\n    schema:\n      fields:\n" \
        "        - {name: id, type: integer}\n"
    assert validated(tmp_path, text, {"t.csv": b"id\n1\n", "u.csv": b"id\n1\n"}, cache=cache,
                     cache_validation=True) == []
    assert [(p.path, p.line) for p in validated(tmp_path, text, {"u.csv": b"id\nx\n"}, cache=cache,
                                                 cache_validation=True)] == [("datasets/p/u.csv", 2)]
    assert validations == ["t", "u", "u"]


def test_a_verdict_key_depends_on_our_code(tmp_path, monkeypatch):
    (tmp_path / "a.csv").write_bytes(b"a")
    before = verdict_key({"name": "t"}, [tmp_path / "a.csv"], "p/datapackage.yaml")
    monkeypatch.setattr(validate, "code_digest", lambda name: "another version of " + name)
    assert verdict_key({"name": "t"}, [tmp_path / "a.csv"], "p/datapackage.yaml") != before


# -- offline and untrusted, even for a descriptor our checks would have refused ------------------------------------

def test_a_remote_path_is_never_fetched(tmp_path):
    text = one("        - {name: id, type: integer}\n").replace("path: t.csv", "path: http://127.0.0.1:9/t.csv")
    assert validated(tmp_path, text, {}, clean=False) == [
        problem("frictionless", REL, 4, 5, "path", type="scheme-error",
                detail="network access is disabled during validation: http://127.0.0.1:9/t.csv")]


def test_a_path_out_of_the_package_is_never_read(tmp_path):
    (tmp_path / "datasets").mkdir()
    (tmp_path / "datasets" / "t.csv").write_bytes(b"id\n1\n")  # there, and valid: still not read
    text = one("        - {name: id, type: integer}\n").replace("path: t.csv", "path: ../t.csv")
    assert validated(tmp_path, text, {}, clean=False) == [
        problem("frictionless", REL, 4, 5, "path", type="resource-error", detail='path "../t.csv" is not safe')]


# == generator/core/messages.py (group messages): the catalogue's wording ==========================================

def test_render_each_part_in_each_language():
    params = {"value": "abc", "expected": "date", "example": "text"}
    assert [messages.render("invalid-value", part, lang, params) for part in ("message", "hint")
            for lang in ("vi", "en")] == [
        "'abc' không phải một ngày YYYY-MM-DD", "'abc' is not a YYYY-MM-DD date",
        "sửa giá trị; ví dụ hợp lệ: văn bản", "correct the value; a valid example: text"]


def test_render_in_a_language_not_english_is_vietnamese():
    assert messages.render("descriptor-type", "message", "fr", {"key": "k", "expected": "list"}) == \
        "'k' phải là một danh sách"


def test_a_missing_parameter_renders_as_nothing():
    assert messages.render("unknown-reference", "hint", "en", {"target": "t"}) == "use a code that exists in t"


def test_worded_leaves_values_that_are_not_terms_and_the_given_parameters_as_they_are():
    params = {"expected": "a list of codes", "example": "mapping", "value": "date", "suggestion": ""}
    assert messages.worded(params, "en") == {"expected": "a list of codes", "example": "a mapping", "value": "date",
                                             "suggestion": ""}
    assert params == {"expected": "a list of codes", "example": "mapping", "value": "date", "suggestion": ""}
    assert messages.worded({}, "vi") == {}


@pytest.mark.parametrize(("lang", "shown"), [("vi", " (có phải 'SNV'?)"), ("en", " (did you mean 'SNV'?)"),
                                             ("fr", " (có phải 'SNV'?)")])
def test_a_suggestion_is_worded_as_a_question(lang, shown):
    assert messages.worded({"suggestion": "SNV"}, lang) == {"suggestion": shown}


@pytest.mark.parametrize(("lang", "text"), [("vi", "2 lỗi, 1 cảnh báo"), ("en", "2 error(s), 1 warning(s)"),
                                            ("fr", "2 lỗi, 1 cảnh báo")])
def test_summary_counts_in_each_language(lang, text):
    assert messages.summary(2, 1, lang) == text


def test_severity_of_a_code():
    assert (messages.severity_of("encoding"), messages.severity_of("missing-english")) == (
        messages.Severity.ERROR, messages.Severity.WARNING)


# -- a dialect kept in its own file is an input of the verdict -------------------------------------------------------

DIALECT_FILE = one("        - {name: id, type: integer}\n        - {name: name}\n", extra="    dialect: d.yaml\n")


def test_a_verdict_is_not_reused_once_the_dialect_file_changed(tmp_path):
    cache = Cache(tmp_path / "cache")
    files = {"t.csv": b"id;name\n1;a\n", "d.yaml": b"csv: {delimiter: ';'}\n"}
    assert validated(tmp_path, DIALECT_FILE, files, cache=cache, cache_validation=True) == []
    commas = {"d.yaml": b"csv: {delimiter: ','}\n"}
    assert [(p.code, p.line) for p in validated(tmp_path, DIALECT_FILE, commas, cache=cache, cache_validation=True)] \
        == [("missing-label", 1), ("incorrect-label", 1), ("type-error", 2)]


def test_a_package_verdict_depends_on_its_dialect_file(tmp_path):
    folder = tmp_path / "datasets" / "p"
    folder.mkdir(parents=True)
    (folder / "datapackage.yaml").write_text(DIALECT_FILE, encoding="utf-8")
    (folder / "t.csv").write_bytes(b"id;name\n1;a\n")
    (folder / "d.yaml").write_bytes(b"csv: {delimiter: ';'}\n")
    settings = settings_for(tmp_path / "datasets")
    loaded = load_descriptor(folder / "datapackage.yaml", settings)
    before = datasets._package_inputs(loaded, settings, {})
    assert sorted(before["files"]) == ["d.yaml", "t.csv"]
    (folder / "d.yaml").write_bytes(b"csv: {delimiter: ','}\n")
    assert datasets._package_inputs(loaded, settings, {})["files"]["d.yaml"] != before["files"]["d.yaml"]


@pytest.mark.parametrize(("resource", "line", "fix", "hint"), [
    ("  - name: t\n    path: t.csv\n    data: [[id], [1]]\n", 3, {"fix": "path-or-data"},
     "keep one of the two keys, path (the table is in a file) or data"),
    ("  - path: t.csv\n", 3, {"fix": "resource-name"}, "give the resource a name"),
    ("  - name: t\n    path: t.csv\n    profile: https://specs.frictionlessdata.io/schemas/tabular-data-resource.json\n",
     5, {"profile": "tabular-data-resource"}, "write profile: tabular-data-resource (the profile's name, not its"),
    ("  - name: t\n    path: t.csv\n    schema:\n      fields:\n        - {name: id, type: integer, constraints: "
     "{exclusiveMinimum: 0}}\n", 7, {"fix": "v2-profile"}, "this key is Data Package v2's: add \"$schema\""),
])
def test_common_descriptor_mistakes_frictionless_reports_have_a_hint_of_their_own(tmp_path, resource, line, fix,
                                                                                    hint):
    """They had only the catch-all "read the description" (audit generic7 #6); the v1 profile's address failed with
    "network access is disabled", which says nothing of the name to write instead."""
    found = validated(tmp_path, "name: p\nresources:\n" + resource, {"t.csv": b"id\n1\n"}, clean=False)
    assert [(p.code, p.line, {k: v for k, v in p.params_dict().items() if k in ("fix", "profile")}) for p in found] \
        == [("frictionless", line, fix)]
    assert messages.render("frictionless", "hint", "en", found[0].params_dict()).startswith(hint)
    assert messages.render("frictionless", "hint", "vi", found[0].params_dict()) != messages.CATALOGUE[
        "frictionless"].hint_vi


def test_another_frictionless_error_keeps_the_general_hint():
    assert validate.known_fix("resource-error", 'path "../x.csv" is not safe') == {}
    assert validate.known_fix("field-error", "'name' is a required property") == {}  # a field's, not a resource's
    assert messages.render("frictionless", "hint", "en", {"type": "x", "detail": "y"}) == messages.CATALOGUE[
        "frictionless"].hint_en
