"""Unit tests of the readers in generator/core/read/ (tree, formats, jsonrows, typed, limits, table, records,
package), written to kill the mutants ``python tests/mutation.py read-*`` left alive: each pins a value, a
problem's code and position, or a boundary the readers' callers rely on."""

from __future__ import annotations

import bz2
import csv
import gzip
import io
import json
import lzma
import struct
import tracemalloc
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from conftest import settings_for, write
from hypothesis import given
from hypothesis import strategies as st

from generator.core.problems import problem
from generator.core.read.formats import Unreadable, compression_of, format_of, read_decompressed
from generator.core.read.jsonrows import JsonProblem, json_rows
from generator.core.read.limits import CONTROL, MAX_CELL_CHARS, MAX_COLUMNS, MAX_DEPTH, control_params, first_control
from generator.core.read.package import LoadedPackage, load_descriptor, load_record, resource_paths
from generator.core.read.records import Dialect, RecordError, cell_column, iter_records, iter_records_of
from generator.core.read.table import DataSource, FieldSpec, Row, read_table, table_from_texts
from generator.core.read.tree import Tree, load_json, load_yaml
from generator.core.read.typed import Fields
from generator.core.text import Text

# --- tree.py -------------------------------------------------------------------------------------------------


def test_at_walks_up_to_the_nearest_located_ancestor_and_stops_at_the_root():
    tree = Tree(positions={(): (1, 1), ("a",): (2, 3)})
    assert tree.at(("a", "b", 0)) == (2, 3)
    assert tree.at(("z",)) == (1, 1)
    assert Tree().at(("a",)) == (None, None)
    assert Tree(positions={("a",): (4, 5)}).at(("a",)) == (4, 5)


def test_yaml_syntax_error_has_the_parser_mark_and_problem_and_no_positions():
    tree = load_yaml("a: [1, 2\nb: 3\n", "bad.yaml")
    assert tree.value is None
    assert tree.positions == {}
    assert tree.problems == [problem("yaml-syntax", "bad.yaml", 2, 2, detail="did not find expected ',' or ']'")]


def test_yaml_reader_error_without_a_mark_keeps_its_first_line_as_detail():
    tree = load_yaml("a: \x01x\n", "bad.yaml")
    assert tree.problems == [problem("yaml-syntax", "bad.yaml", None, None,
                                     detail="unacceptable character #x0001: control characters are not allowed")]


def test_a_second_document_is_refused_where_it_starts():
    tree = load_yaml("- 1\n---\n- 2\n", "two.yaml")
    assert (tree.value, tree.positions) == (None, {})
    assert tree.problems == [problem("yaml-syntax", "two.yaml", 2, 1, detail="expected a single document")]


def test_one_explicit_document_is_read():
    tree = load_yaml("---\na: 1\n...\n", "one.yaml")
    assert (tree.value, tree.problems) == ({"a": "1"}, [])


def test_a_mapping_or_list_as_key_is_refused():
    for text, line, column in (("{[1]: 2}\n", 1, 2), ("x: 1\n? {a: b}\n: 2\n", 2, 3)):
        tree = load_yaml(text, "k.yaml")
        assert (tree.value, tree.positions) == (None, {})
        assert tree.problems == [problem("yaml-syntax", "k.yaml", line, column, detail="a key must be plain text")]


def test_depth_limit_is_exact_and_refuses_where_the_too_deep_list_starts():
    ok = load_yaml("[" * MAX_DEPTH + "]" * MAX_DEPTH, "d.yaml")
    assert ok.problems == []
    value = ok.value
    for _ in range(MAX_DEPTH - 1):
        [value] = value
    assert value == []
    deep = load_yaml("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "d.yaml")
    assert (deep.value, deep.positions) == (None, {})
    assert deep.problems == [problem("too-deep", "d.yaml", 1, MAX_DEPTH + 1, limit=MAX_DEPTH)]


def test_control_character_in_a_value_and_in_a_key_is_reported_where_it_stands():
    tree = load_yaml('a: "\\x01"\n"b\\x7f": 2\n', "c.yaml")
    assert tree.value == {"a": "\x01", "b\x7f": "2"}
    assert tree.problems == [problem("control-character", "c.yaml", 1, 4, "a", char="U+0001"),
                             problem("control-character", "c.yaml", 2, 1, "b", char="U+007F")]


def test_duplicate_keys_report_the_first_line_and_drop_the_later_value_and_its_positions():
    tree = load_yaml("a: 1\nb:\n  c: 1\n  c: [x, y]\nb:\n  d: 2\n  d: 3\na: 3\n", "s.yaml")
    assert tree.value == {"a": "1", "b": {"c": "1"}}
    assert tree.positions == {(): (1, 1), ("a",): (1, 1), ("b",): (2, 1), ("b", "c"): (3, 3)}
    # the duplicate ``d`` below the dropped ``b`` is not reported: only the ``b`` that holds it is
    assert tree.problems == [problem("duplicate-key", "s.yaml", 4, 3, "c", key="c", first_line=3),
                             problem("duplicate-key", "s.yaml", 5, 1, "b", key="b", first_line=2),
                             problem("duplicate-key", "s.yaml", 8, 1, "a", key="a", first_line=1)]


def test_a_third_duplicate_still_names_the_first_line():
    tree = load_yaml("x: 0\na: 1\na: 2\na: 3\n", "s.yaml")
    assert tree.value == {"x": "0", "a": "1"}
    assert [p.params_dict()["first_line"] for p in tree.problems] == ["2", "2"]


def test_list_items_are_located_and_a_list_below_a_duplicate_is_not():
    tree = load_yaml("l:\n  - 1\n  -   [2, 3]\nl:\n  - 4\n", "l.yaml")
    assert tree.value == {"l": ["1", ["2", "3"]]}
    assert tree.positions == {(): (1, 1), ("l",): (1, 1), ("l", 0): (2, 5), ("l", 1): (3, 7),
                              ("l", 1, 0): (3, 8), ("l", 1, 1): (3, 11)}


def test_root_scalar_and_its_position():
    tree = load_yaml("\n  hello\n", "r.yaml")
    assert (tree.value, tree.positions, tree.problems) == ("hello", {(): (2, 3)}, [])


def test_an_alias_in_a_list_is_refused_once_for_the_file_and_nothing_is_kept():
    tree = load_yaml("- &x 1\n- *x\n- *x\n", "f.yaml")
    assert tree.value is None
    assert tree.problems == [problem("yaml-alias", "f.yaml", 2, 3, name="x", count=2)]


def test_an_alias_as_a_mapping_value_is_refused():
    tree = load_yaml("a: &x 1\nb: *x\n", "f.yaml")
    assert tree.value is None
    assert tree.problems == [problem("yaml-alias", "f.yaml", 2, 4, name="x", count=1)]


def test_quoted_and_block_scalars_stay_text_in_both_modes():
    text = "a: '12'\nb: \"true\"\nc: |\n  null\nd: ''\ne: \"\"\n"
    for mode in ("records", "descriptor"):
        assert load_yaml(text, "q.yaml", mode).value == {"a": "12", "b": "true", "c": "null\n", "d": "", "e": ""}


def test_null_spellings_are_none_in_both_modes():
    for mode in ("records", "descriptor"):
        tree = load_yaml("a:\nb: ~\nc: null\nd: Null\ne: NULL\nf: nULL\n", "n.yaml", mode)
        assert tree.value == {"a": None, "b": None, "c": None, "d": None, "e": None, "f": "nULL"}


def test_records_mode_keeps_booleans_and_numbers_as_text():
    tree = load_yaml("a: true\nb: 12\nc: 1.5\nd: FALSE\n", "r.yaml")
    assert tree.value == {"a": "true", "b": "12", "c": "1.5", "d": "FALSE"}


def test_descriptor_mode_booleans_integers_and_decimals():
    text = ("t1: true\nt2: True\nt3: TRUE\nt4: tRUE\nf1: false\nf2: False\nf3: FALSE\nf4: no\n"
            "i1: 0\ni2: -12\ni3: +7\ni4: 007\ni5: 1_000\ni6: 12a\n"
            "d1: 1.5\nd2: -.5\nd3: 1e3\nd4: 2.E-2\nd5: .\nd6: '-'\nd7: 1.5.1\nd8: +\nd9: 0.\nd10: e5\n")
    value = load_yaml(text, "d.yaml", mode="descriptor").value
    assert value == {"t1": True, "t2": True, "t3": True, "t4": "tRUE",
                     "f1": False, "f2": False, "f3": False, "f4": "no",
                     "i1": 0, "i2": -12, "i3": 7, "i4": "007", "i5": "1_000", "i6": "12a",
                     "d1": 1.5, "d2": -0.5, "d3": 1000.0, "d4": 0.02, "d5": ".", "d6": "-", "d7": "1.5.1",
                     "d8": "+", "d9": 0.0, "d10": "e5"}
    assert [type(value[k]) for k in ("i1", "i2", "d3", "d9")] == [int, int, float, float]


def test_json_positions_come_from_the_yaml_pass_with_tabs_as_spaces():
    tree = load_json('{\n\t"a": [1,\n\t\t2],\n\t"b": {"c": null}\n}\n', "d.json")
    assert tree.value == {"a": [1, 2], "b": {"c": None}}
    assert tree.positions == {(): (1, 1), ("a",): (2, 2), ("a", 0): (2, 8), ("a", 1): (3, 3),
                              ("b",): (4, 2), ("b", "c"): (4, 8)}
    assert tree.problems == []


def test_json_duplicate_key_and_control_character_located_by_the_yaml_pass():
    tree = load_json('{"a": 1,\n "a": 2, "b": "\\u0001"}', "d.json")
    assert tree.value == {"a": 2, "b": "\x01"}
    assert tree.problems == [problem("duplicate-key", "d.json", 2, 2, "a", key="a", first_line=1),
                             problem("control-character", "d.json", 2, 15, "b", char="U+0001")]


def test_json_the_yaml_pass_cannot_read_falls_back_to_unlocated_problems():
    # A surrogate pair escape is JSON but not YAML: no positions, problems without a line but the first control
    # character's, found where the text writes it.
    tree = load_json('{"e": "\\ud83d\\ude00", "a": 1, "a": 2, "b": ["x", "\\u0002", "\\u0003"]}', "d.json")
    assert tree.value == {"e": "\U0001F600", "a": 2, "b": ["x", "\x02", "\x03"]}
    assert tree.positions == {}
    assert tree.problems == [problem("duplicate-key", "d.json", None, None, "a", key="a", first_line="?"),
                             problem("control-character", "d.json", 1, 51, char="U+0002")]


@pytest.mark.parametrize(("text", "line", "column", "char"), [
    ('{"name": "p",\n "title": "T\\udc00"}', 2, 13, "\udc00"),  # a low half alone (audit generic7 #2)
    ('{"a": "\\ud800x"}', 1, 8, "\ud800"),  # a high half with no low one after it
    ('{"a": "\\\\ud800 \\ud83d\\ude00",\n"b": "\\udbff\\ud83d\\ude00"}', 2, 7, "\udbff"),  # "\\" is no escape
])
def test_json_with_a_lone_surrogate_is_refused_where_its_escape_is(text, line, column, char):
    """JSON may escape half a surrogate pair; no UTF-8 text can hold it (the cache key crashed the command with exit 2
    and no place). YAML refuses it, and with it every position: the escape is found in the text."""
    tree = load_json(text, "d.json")
    assert tree.problems == [problem("control-character", "d.json", line, column, char=f"U+{ord(char):04X}",
                                     escape=f"\\u{ord(char):04x}")]


def test_json_fallback_finds_a_control_character_in_a_key():
    tree = load_json('{"e": "\\ud83d\\ude00", "k\\u007f": 1}', "d.json")
    assert tree.problems == [problem("control-character", "d.json", 1, 25, char="U+007F")]
    assert tree.value == {"e": "\U0001F600", "k\x7f": 1}


def test_json_fallback_depth_limit_is_exact():
    def nested(depth):
        return '{"e": "\\ud83d\\ude00", "x": ' + "[" * (depth - 1) + "]" * (depth - 1) + "}"
    ok = load_json(nested(MAX_DEPTH), "d.json")
    assert (ok.problems, ok.positions) == ([], {})
    assert ok.value["e"] == "\U0001F600"
    deep = load_json(nested(MAX_DEPTH + 1), "d.json")
    assert deep.value is None
    assert deep.problems == [problem("too-deep", "d.json", 1, 1, limit=MAX_DEPTH)]


def test_json_too_deep_for_the_yaml_pass_has_no_value():
    deep = load_json("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "d.json")
    assert deep.value is None
    assert deep.problems == [problem("too-deep", "d.json", 1, MAX_DEPTH + 1, limit=MAX_DEPTH)]


def test_json_nested_past_the_recursion_limit_is_too_deep_not_a_crash():
    tree = load_json("[" * 100_000 + "]" * 100_000, "d.json")
    assert (tree.value, tree.positions) == (None, {})
    assert tree.problems == [problem("too-deep", "d.json", 1, 1, limit=MAX_DEPTH)]


def test_json_syntax_error_has_line_column_and_message():
    tree = load_json('{\n  "a": 1,,\n}', "d.json")
    assert (tree.value, tree.positions) == (None, {})
    assert tree.problems == [problem("json-syntax", "d.json", 2, 10, detail="Expecting property name enclosed in "
                                                                            "double quotes")]


def test_json_with_an_alias_like_text_keeps_its_value():
    # YAML would read "*a" unquoted as an alias; in JSON it is always a string, so nothing is refused
    tree = load_json('{"a": "*a", "b": ["&x", "*x"]}', "d.json")
    assert (tree.value, tree.problems) == ({"a": "*a", "b": ["&x", "*x"]}, [])


# --- formats.py ----------------------------------------------------------------------------------------------


def test_compression_of_a_declared_compression_as_written():
    assert compression_of({"compression": "GZ", "path": "a.csv.bz2"}) == "GZ"
    assert compression_of({"compression": "no", "path": "a.csv.xz"}) == "xz"
    assert compression_of({"compression": "", "path": "a.csv.zip"}) == "zip"
    assert compression_of({"compression": 0, "path": "a.csv.BZ2"}) == "bz2"


def test_compression_of_the_path_extension_only_when_it_is_a_compression():
    assert compression_of({"path": "a.csv.gz"}) == "gz"
    assert compression_of({"path": "a.csv"}) is None
    assert compression_of({"path": "gz"}) is None
    assert compression_of({"path": ["a.csv.gz"]}) is None
    assert compression_of({}) is None


def test_compression_of_one_part_looks_at_that_part_only():
    resource = {"compression": "zip", "path": ["a.csv.gz", "b.csv"]}
    assert compression_of(resource, "a.csv.GZ") == "gz"
    assert compression_of(resource, "b.csv") is None
    assert compression_of(resource, "") is None


def test_format_of_declared_is_lower_cased():
    assert format_of({"format": "CSV", "path": "a.json"}) == "csv"
    assert format_of({"format": "", "path": "a.JSON"}) == "json"
    assert format_of({"format": None, "path": "a.tsv"}) == "tsv"


def test_format_of_a_compressed_path_is_the_extension_inside():
    assert format_of({"path": "data/a.csv.gz"}) == "csv"
    assert format_of({"path": "a.JSONL.XZ"}) == "jsonl"
    assert format_of({"path": "a.zip"}) == ""
    assert format_of({"path": "a.zip", "innerpath": "in/b.TSV"}) == "tsv"
    assert format_of({"path": "a.csv.zip", "innerpath": ""}) == "csv"
    assert format_of({"path": "a.csv.zip", "innerpath": 3}) == "csv"
    assert format_of({"path": "a.csv", "innerpath": "b.json"}) == "csv"


def test_format_of_a_multipart_path_uses_its_first_text_part():
    assert format_of({"path": [3, "a.ndjson", "b.csv"]}) == "ndjson"
    assert format_of({"path": [3]}) == ""
    assert format_of({"path": 3}) == ""
    assert format_of({}) == ""


def _write(path, data: bytes, opener):
    with opener(path, "wb") as stream:
        stream.write(data)
    return path


def test_read_decompressed_gz_bz2_xz_within_the_limit_exactly(tmp_path):
    data = b"a,b\n1,2\n"
    for compression, opener in (("gz", gzip.open), ("bz2", bz2.open), ("xz", lzma.open)):
        path = _write(tmp_path / f"t.csv.{compression}", data, opener)
        assert read_decompressed(path, compression, None, len(data)) == (data, None)
        with path.open("rb") as handle:
            assert read_decompressed(handle, compression, "ignored", len(data)) == (data, None)
        with pytest.raises(Unreadable) as caught:
            read_decompressed(path, compression, None, len(data) - 1)
        assert (caught.value.code, caught.value.params) == ("decompressed-too-large", {"limit": len(data) - 1})


def test_read_decompressed_an_unknown_compression(tmp_path):
    with pytest.raises(Unreadable) as caught:
        read_decompressed(tmp_path / "x", "GZ", None, 10)
    assert (caught.value.code, caught.value.params) == (
        "compression-error", {"compression": "GZ", "detail": "unknown compression"})
    assert str(caught.value) == "compression-error"


def test_read_decompressed_a_truncated_or_wrong_file_is_unreadable(tmp_path):
    whole = gzip.compress(b"x" * 1000)
    (tmp_path / "cut.gz").write_bytes(whole[:20])
    (tmp_path / "plain.gz").write_bytes(b"not gzip at all")
    (tmp_path / "plain.xz").write_bytes(b"not xz at all")
    cases = (("cut.gz", "gz", "Compressed file ended before the end-of-stream marker was reached"),
             ("plain.gz", "gz", "Not a gzipped file (b'no')"),
             ("plain.xz", "xz", "Input format not supported by decoder"))
    for name, compression, detail in cases:
        with pytest.raises(Unreadable) as caught:
            read_decompressed(tmp_path / name, compression, None, 10_000)
        assert (caught.value.code, caught.value.params) == (
            "compression-error", {"compression": compression, "detail": detail})


class _FailingStream(io.RawIOBase):
    """A file that cannot be read and says nothing about why (as some OS errors do)."""

    def readable(self):
        return True

    def readinto(self, buffer):
        raise OSError()


def test_read_decompressed_an_error_without_a_message_is_named_by_its_type():
    for compression in ("gz", "bz2", "xz"):
        with pytest.raises(Unreadable) as caught:
            read_decompressed(_FailingStream(), compression, None, 100)
        assert (caught.value.code, caught.value.params) == (
            "compression-error", {"compression": compression, "detail": "OSError"}), compression


def _zip(path, members, **kwargs):
    with zipfile.ZipFile(path, "w", **kwargs) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return path


def test_zip_first_member_or_the_inner_path(tmp_path):
    path = _zip(tmp_path / "a.zip", [("a.csv", b"a\n1\n"), ("b.csv", b"b\n2\n")])
    assert read_decompressed(path, "zip", None, 100) == (b"a\n1\n", "a.csv")
    assert read_decompressed(path, "zip", "", 100) == (b"a\n1\n", "a.csv")
    assert read_decompressed(path, "zip", "b.csv", 100) == (b"b\n2\n", "b.csv")
    assert read_decompressed(path, "zip", "b.csv", 4) == (b"b\n2\n", "b.csv")
    with pytest.raises(Unreadable) as caught:
        read_decompressed(path, "zip", "b.csv", 3)
    assert (caught.value.code, caught.value.params) == ("decompressed-too-large", {"limit": 3})


def test_zip_missing_member_or_folder_lists_the_files(tmp_path):
    path = _zip(tmp_path / "a.zip", [("d/", b""), ("d/a.csv", b"a\n"), ("b.csv", b"b\n")])
    for innerpath, member in (("c.csv", "c.csv"), ("d/", "d/"), (None, "d/")):
        with pytest.raises(Unreadable) as caught:
            read_decompressed(path, "zip", innerpath, 100)
        assert (caught.value.code, caught.value.params) == ("zip-member", {"member": member,
                                                                          "members": "d/a.csv, b.csv"})
    empty = _zip(tmp_path / "empty.zip", [])
    with pytest.raises(Unreadable) as caught:
        read_decompressed(empty, "zip", None, 100)
    assert (caught.value.code, caught.value.params) == ("zip-member", {"member": "?", "members": "-"})


def test_zip_encrypted_member_is_refused(tmp_path):
    path = _zip(tmp_path / "a.zip", [("a.csv", b"a\n1\n")])
    data = bytearray(path.read_bytes())
    data[6] |= 1  # the local header's flag bits
    central = data.rindex(b"PK\x01\x02")
    data[central + 8] |= 1  # the central directory's flag bits
    path.write_bytes(bytes(data))
    with pytest.raises(Unreadable) as caught:
        read_decompressed(path, "zip", None, 100)
    assert (caught.value.code, caught.value.params) == (
        "compression-error", {"compression": "zip", "detail": "a.csv is encrypted"})


def test_zip_that_is_not_a_zip_is_unreadable(tmp_path):
    (tmp_path / "a.zip").write_bytes(b"plain text")
    with pytest.raises(Unreadable) as caught:
        read_decompressed(tmp_path / "a.zip", "zip", None, 100)
    assert (caught.value.code, caught.value.params) == (
        "compression-error", {"compression": "zip", "detail": "File is not a zip file"})


# --- jsonrows.py ---------------------------------------------------------------------------------------------


def _json_rows(text, fmt="json", dialect=None):
    return list(json_rows(text, fmt, dialect))


def _json_problem(text, fmt="json", dialect=None):
    with pytest.raises(JsonProblem) as caught:
        _json_rows(text, fmt, dialect)
    problem_ = caught.value
    assert str(problem_) == problem_.detail
    return problem_.code, problem_.detail, problem_.line, problem_.column


def test_json_objects_header_from_the_first_object_numbers_as_json_has_them():
    text = '[\n  {"a": 84.70, "b": "x"},\n    {"b": 2, "c": 3, "a": null}, {"a": true}\n]'
    rows = _json_rows(text)
    assert rows == [(None, 1, ["a", "b"]), (2, 3, [Decimal("84.70"), "x"]), (3, 5, [None, 2]),
                    (3, 34, [True, None])]
    assert str(rows[1][2][0]) == "84.70"  # the digits as written


def test_json_objects_with_the_dialect_keys():
    text = '[{"a": 1, "b": 2}]'
    dialect = {"json": {"keys": ["b", 3]}}
    assert _json_rows(text, "json", dialect) == [(None, 1, ["b", "3"]), (1, 2, [2, None])]
    assert _json_rows(text, "json", {"json": {"keys": []}}) == [(None, 1, ["a", "b"]), (1, 2, [1, 2])]
    assert _json_rows(text, "json", {"json": {"keys": "b"}}) == [(None, 1, ["a", "b"]), (1, 2, [1, 2])]
    assert _json_rows(text, "json", {"json": ["keys"]}) == [(None, 1, ["a", "b"]), (1, 2, [1, 2])]
    assert _json_rows(text, "json", "keys") == [(None, 1, ["a", "b"]), (1, 2, [1, 2])]


def test_json_arrays_first_is_the_header():
    text = '[["a", "b"],\r\n\t["1", 2.50]]'
    assert _json_rows(text) == [(1, 2, ["a", "b"]), (2, 2, ["1", Decimal("2.50")])]


def test_json_property_follows_object_keys():
    text = '{"meta": {"rows": 1}, "data" :\n {"rows": [["a"], ["1"]]}, "after": 0}'
    assert _json_rows(text, "json", {"json": {"property": "data.rows"}}) == [(2, 12, ["a"]), (2, 19, ["1"])]
    assert _json_rows('{ "x" : [ [ 1 ] ] }', "json", {"json": {"property": "x"}}) == [(1, 11, [1])]


def test_json_property_problems():
    assert _json_problem('{"a": 1}', "json", {"json": {"property": "b.c"}}) == (
        "json-not-tabular", "no property b.c", None, None)
    assert _json_problem('{"a": [1]}', "json", {"json": {"property": "a.b"}}) == (
        "json-not-tabular", "not an object with the property b", None, None)
    assert _json_problem('[1]', "json", {"json": {"property": "a"}}) == (
        "json-not-tabular", "not an object with the property a", None, None)
    assert _json_problem('{"a": {}}', "json", {"json": {"property": "a"}}) == (
        "json-not-tabular", "not an array of rows", None, None)


def test_json_not_tabular():
    assert _json_problem("[]") == ("json-not-tabular", "no rows", None, None)
    assert _json_problem('{"a": 1}') == ("json-not-tabular", "not an array of rows", None, None)
    assert _json_problem('  "a"') == ("json-not-tabular", "not an array of rows", None, None)
    assert _json_problem('[{"a": 1},\n [1]]') == ("json-not-tabular", "a row is not an object", 2, 2)
    assert _json_problem('[[1],\n {"a": 1}]') == ("json-not-tabular", "a row is not an array", 2, 2)
    assert _json_problem('[\n  3]') == ("json-not-tabular", "a row is neither an object nor an array", 2, 3)


def test_json_syntax_errors_have_a_line_and_column():
    assert _json_problem('[\n  [1],\n  [2,]\n]') == ("json-syntax", "Expecting value", 3, 6)
    assert _json_problem('[[1]] x') == ("json-syntax", "Extra data", 1, 7)
    assert _json_problem("") == ("json-syntax", "Expecting value", 1, 1)


def test_json_too_deep_for_the_decoder():
    assert _json_problem("[" * 100_000 + "]" * 100_000) == ("too-deep", "nested too deep", None, None)


def test_ndjson_and_jsonl_one_value_per_line():
    for fmt in ("ndjson", "jsonl"):
        assert _json_rows('{"a": 1, "b": 2.0}\n{"b": "x"}\n', fmt) == [
            (None, 1, ["a", "b"]), (1, 1, [1, Decimal("2.0")]), (2, 1, [None, "x"])]
        assert _json_rows('["a"]\n[1]', fmt) == [(1, 1, ["a"]), (2, 1, [1])]


def test_ndjson_an_empty_line_is_an_error_but_not_the_final_newline():
    assert _json_problem('{"a": 1}\n\n{"a": 2}\n', "ndjson") == ("json-syntax", "Expecting value", 2, 1)
    assert _json_problem('{"a": 1}\n\n', "ndjson") == ("json-syntax", "Expecting value", 2, 1)
    assert _json_problem('["a"]\n[1, ]\n', "jsonl") == ("json-syntax", "Expecting value", 2, 5)
    assert _json_problem("", "ndjson") == ("json-not-tabular", "no rows", None, None)


# --- typed.py ------------------------------------------------------------------------------------------------

SESSION_KEYS = frozenset({"id", "name_vi", "name_en", "held", "kind", "open", "bodies", "flags", "items", "n"})


def _fields(text, key=(), allowed=SESSION_KEYS):
    tree = load_yaml(text, "s.yaml")
    problems = []
    return Fields(tree, "s.yaml", key, problems, allowed), problems


def test_fields_of_a_mapping_report_unknown_keys_at_their_line():
    fields, problems = _fields("id: a\nzeta: 1\nalpha: 2\n", allowed=frozenset({"id", "b"}))
    assert fields.mapping == {"id": "a", "zeta": "1", "alpha": "2"}
    assert (fields.raw("id"), fields.raw("nope")) == ("a", None)
    assert problems == [problem("unknown-key", "s.yaml", 2, 1, "zeta", key="zeta", allowed="b, id"),
                        problem("unknown-key", "s.yaml", 3, 1, "alpha", key="alpha", allowed="b, id")]


def test_fields_of_what_is_not_a_mapping():
    fields, problems = _fields("- a\n- b\n")
    assert fields.mapping == {}
    assert problems == [problem("descriptor-type", "s.yaml", 1, 1, key="(root)", expected="mapping")]
    fields, problems = _fields("items:\n  - x\n  -   y\n", key=("items", 1))
    assert (fields.mapping, fields.dotted(("a",))) == ({}, "items.1.a")
    assert problems == [problem("descriptor-type", "s.yaml", 3, 7, key="items.1", expected="mapping")]
    fields, problems = _fields("a: x\n", key=("a", "b", 0))
    assert problems == [problem("descriptor-type", "s.yaml", 1, 1, key="a.b.0", expected="mapping")]


def test_string_trims_and_reports_missing_or_non_text_values():
    fields, problems = _fields("id:  a b  \nname_vi: [x]\nkind:\n")
    assert (fields.string("id"), fields.string("id", required=True)) == ("a b", "a b")
    assert (fields.string("kind"), fields.string("held")) == ("", "")
    assert problems == []
    assert fields.string("kind", required=True) == ""
    assert fields.string("name_vi") == ""
    assert problems == [problem("missing-value", "s.yaml", 1, 1, "kind", key="kind"),
                        problem("invalid-value", "s.yaml", 2, 1, "name_vi", value="['x']", expected="text",
                                example="a-line-of-text")]


def test_string_missing_in_a_list_item_names_the_list_and_the_item_s_line():
    """Not 'items.0.held': the items of a file are not counted from 0 by anyone reading it."""
    fields, problems = _fields("items:\n  - id: a\n", key=("items", 0))
    assert fields.string("held", required=True) == ""
    assert problems == [problem("missing-value", "s.yaml", 2, 5, "held", key="held", within="items", within_line=2)]
    assert problems[0].message("vi") == "thiếu 'held' (mục items ở dòng 2)"


def test_text_needs_english_next_to_vietnamese():
    fields, problems = _fields("name_vi: Tên\nheld: x\n")
    assert fields.text("name") == Text("Tên", "")
    assert fields.text("held") == Text("", "")
    assert problems == [problem("missing-english", "s.yaml", 1, 1, "name_en", key="name_vi", key_en="name_en")]
    fields, problems = _fields("name_vi: Tên\nname_en: Name\n")
    assert (fields.text("name", required=True), problems) == (Text("Tên", "Name"), [])
    fields, problems = _fields("name_en: Name\n")
    assert fields.text("name", required=True) == Text("", "Name")
    assert problems == [problem("missing-value", "s.yaml", 1, 1, "name_vi", key="name_vi")]


def test_date_iso_or_a_problem():
    fields, problems = _fields("held: 2024-06-11\nopen: 2024-13-01\n")
    assert fields.date("held") == date(2024, 6, 11)
    assert fields.date("kind") is None
    assert fields.date("open") is None
    assert problems == [problem("invalid-value", "s.yaml", 2, 1, "open", value="2024-13-01", expected="date",
                                example="2024-06-11")]
    assert fields.date("kind", required=True) is None
    assert problems[-1] == problem("missing-value", "s.yaml", 1, 1, "kind", key="kind")


@pytest.mark.parametrize("written, iso", [("07/12/2026", "2026-12-07"), ("7.1.2026", "2026-01-07"),
                                          ("07-12-2026", "2026-12-07"), ("31/02/2026", ""), ("2026/12/07", ""),
                                          ("12/2026", "")])
def test_a_date_written_day_first_is_suggested_in_iso_form(written, iso):
    """'07/12/2026', as Vietnamese write 7 December, got the generic example '2024-06-11' as its hint."""
    fields, problems = _fields(f"held: '{written}'\n")
    assert fields.date("held") is None
    assert problems[0].params_dict().get("iso", "") == iso
    if iso:
        assert problems[0].hint("vi") == f"viết ngày theo dạng YYYY-MM-DD: '{iso}' (nếu '{written}' là ngày/tháng/năm)"
        assert problems[0].hint("en") == f"write the date as YYYY-MM-DD: '{iso}' (if '{written}' is day/month/year)"
    else:
        assert problems[0].hint("en") == "correct the value; a valid example: 2024-06-11"


def test_choice_and_boolean():
    fields, problems = _fields("kind: b\nopen: true\nid: yes\n")
    assert fields.choice("kind", ("a", "b"), "a") == "b"
    assert fields.choice("held", ("a", "b"), "a") == "a"
    assert (fields.boolean("open"), fields.boolean("held")) == (True, False)
    assert problems == []
    assert fields.choice("kind", ("a", "c"), "c") == "c"
    assert fields.boolean("id") is False
    assert problems == [problem("invalid-value", "s.yaml", 1, 1, "kind", value="b", expected="a | c", example="c"),
                        problem("invalid-value", "s.yaml", 3, 1, "id", value="yes", expected="true | false",
                                example="false")]


def test_codes_one_or_a_list():
    fields, problems = _fields("bodies: ' SNV '\nid: [SNV, ' STC', '']\nkind: '  '\nheld: [[x]]\nn: {a: b}\n")
    assert fields.codes("bodies") == ("SNV",)
    assert fields.codes("id") == ("SNV", "STC")
    assert (fields.codes("kind"), fields.codes("open")) == ((), ())
    assert problems == []
    assert fields.codes("held") == ()
    assert fields.codes("n") == ()
    assert problems == [problem("invalid-value", "s.yaml", 4, 1, "held", value="[['x']]", expected="code-list",
                                example="[SNV, STC]"),
                        problem("invalid-value", "s.yaml", 5, 1, "n", value="{'a': 'b'}", expected="code-list",
                                example="[SNV, STC]")]
    fields, problems = _fields("id: [a, [b]]\n")
    assert (fields.codes("id"), [p.code for p in problems]) == ((), ["invalid-value"])


def test_flags_keep_the_known_and_report_the_rest():
    fields, problems = _fields("flags: derived  bogus inferred\nn: secondary\n")
    assert fields.flags() == ("derived", "inferred")
    assert fields.flags("n") == ("secondary",)
    assert fields.flags("id") == ()
    assert problems == [problem("invalid-value", "s.yaml", 1, 1, "flags", value="bogus",
                                expected="derived | inferred | conflicting | approximate | secondary",
                                example="inferred")]


def test_children_are_fields_of_each_list_item():
    fields, problems = _fields("items:\n  - id: a\n  - id: b\n    zz: 1\nn: x\n")
    children = fields.children("items", frozenset({"id"}))
    assert [(c.key, c.string("id")) for c in children] == [(("items", 0), "a"), (("items", 1), "b")]
    assert problems == [problem("unknown-key", "s.yaml", 4, 5, "zz", key="zz", allowed="id")]
    assert fields.children("open", frozenset()) == []
    assert fields.children("n", frozenset()) == []
    assert problems[-1] == problem("invalid-value", "s.yaml", 5, 1, "n", value="x", expected="list",
                                   example="- id: K01")


def test_a_long_value_is_shortened_to_forty_characters():
    fields, problems = _fields(f"a40: [{'x' * 36}]\na41: [{'x' * 37}]\n", allowed=frozenset({"a40", "a41"}))
    fields.string("a40")
    fields.string("a41")
    assert [p.params_dict()["value"] for p in problems] == ["['" + "x" * 36 + "']", "['" + "x" * 37 + "…"]
    assert [len(p.params_dict()["value"]) for p in problems] == [40, 40]


# --- limits.py -----------------------------------------------------------------------------------------------


def test_control_pattern_bounds():
    refused = [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0), 0xD800, 0xDBFF, 0xDC00, 0xDFFF,
               0xFFFE, 0xFFFF]
    allowed = [0x09, 0x0A, 0x0D, 0x20, 0x7E, 0xA0, 0xFFFD, 0x1F600]
    assert [c for c in refused if CONTROL.search(chr(c)) is None] == []
    assert [c for c in allowed if CONTROL.search(chr(c)) is not None] == []


def test_control_params_name_the_first_control_character():
    assert control_params("ab\x7f\x01") == {"char": "U+007F"}
    assert control_params("\ufffe") == {"char": "U+FFFE"}
    assert control_params("a\udc00") == {"char": "U+DC00", "escape": "\\udc00"}  # its hint names the JSON escape
    assert control_params("plain") == {"char": "?"}


def test_first_control_gives_line_column_and_character():
    assert first_control("ab\ncd\x00e\x01") == (2, 3, {"char": "U+0000"})
    assert first_control("\x9f") == (1, 1, {"char": "U+009F"})
    assert first_control("a\n\nxyz\n  \x0b") == (4, 3, {"char": "U+000B"})
    assert first_control("a\tb\r\nc\n") is None
    assert first_control("\n\x01") == (2, 1, {"char": "U+0001"})


def test_limits_values_documented_in_problems_md():
    assert (MAX_DEPTH, MAX_COLUMNS, MAX_CELL_CHARS) == (32, 1000, 100_000)


# --- records.py ----------------------------------------------------------------------------------------------


COMMA = Dialect()


def _records(text, dialect=COMMA):
    return list(iter_records(text, dialect))


def _record_error(text, dialect=COMMA):
    with pytest.raises(RecordError) as caught:
        _records(text, dialect)
    error = caught.value
    assert str(error) == f"line {error.line}: {error.detail}"
    return error.code, error.line, error.detail


def test_records_start_lines_when_a_quoted_cell_spans_lines():
    assert _records('a,b\n"x\ny\nz",2\n3,4\n') == [(1, ["a", "b"]), (2, ["x\ny\nz", "2"]), (5, ["3", "4"])]
    assert _records("") == []


def test_records_with_another_delimiter_and_quote():
    assert _records("a;'b;c'\n", Dialect(";", "'")) == [(1, ["a", "b;c"])]


def test_records_stop_at_an_open_quote_or_a_stray_character_where_the_record_starts():
    assert _record_error('a\n1\n"x\n2\n') == ("csv-error", 3, "unexpected end of data")
    assert _record_error('a\n"x"y,1\n') == ("csv-error", 2, "',' expected after '\"'")


def test_records_cell_limit_is_exact_and_set_for_each_read():
    csv.field_size_limit(10)
    assert _records("a\n" + "x" * MAX_CELL_CHARS + "\n")[1] == (2, ["x" * MAX_CELL_CHARS])
    csv.field_size_limit(10)
    assert _record_error("a\nb\n" + "x" * (MAX_CELL_CHARS + 1) + "\n") == (
        "cell-too-large", 3, f"field larger than field limit ({MAX_CELL_CHARS})")


def test_iter_records_of_reads_lines():
    assert list(iter_records_of(["a,b\n", '"1\n', '2",3\n'], Dialect())) == [(1, ["a", "b"]), (2, ["1\n2", "3"])]


def test_dialect_from_descriptor():
    assert Dialect.from_descriptor({}) == Dialect(",", '"', True)
    assert Dialect.from_descriptor({"path": "a.tsv"}) == Dialect("\t", '"', True)
    assert Dialect.from_descriptor({"path": "a.csv", "format": "tsv"}) == Dialect("\t", '"', True)
    assert Dialect.from_descriptor({"path": "a.tsv", "dialect": {"delimiter": ";"}}) == Dialect(";", '"', True)
    assert Dialect.from_descriptor({"dialect": {"delimiter": ";;", "quoteChar": "'x", "header": False}}) == Dialect(
        ";", "'", False, header_said=True)
    assert Dialect.from_descriptor({"dialect": {"csv": {"delimiter": "|", "quoteChar": "'"}, "delimiter": ";",
                                                "header": 0}}) == Dialect("|", "'", True, header_said=True)
    assert Dialect.from_descriptor({"dialect": {"headerRows": [1]}}).header_said  # where the header is: said
    assert Dialect.from_descriptor({"dialect": {"csv": "x", "delimiter": ";"}}) == Dialect(";", '"', True)
    assert Dialect.from_descriptor({"dialect": "x"}) == Dialect(",", '"', True)
    assert Dialect.from_descriptor({"dialect": {"delimiter": "", "quoteChar": ""}}) == Dialect(",", '"', True)
    assert Dialect.from_descriptor({"dialect": {"delimiter": 5}}) == Dialect("5", '"', True)


def test_blanks_after_a_delimiter_are_skipped_only_when_the_dialect_says_so():
    """Frictionless skips them when the dialect says so, and also when it guesses so (a dialect that says nothing
    is told the standard's false before it validates): the table we publish must be the one it validated."""
    skipping = Dialect.from_descriptor({"dialect": {"csv": {"skipInitialSpace": True}}})
    assert skipping == Dialect(",", '"', True, True) and Dialect.from_descriptor({}).skip_initial_space is False
    assert list(iter_records_of(["a, b\n", '1,  "x, y"\n'], skipping)) == [(1, ["a", "b"]), (2, ["1", "x, y"])]
    assert list(iter_records_of(["a, b\n"], Dialect())) == [(1, ["a", " b"])]
    assert skipping.declared() == {"header": True, "csv": {"delimiter": ",", "quoteChar": '"',
                                                           "skipInitialSpace": True, "doubleQuote": True}}


TWO = {"name": "t", "path": "t.csv", "schema": {"fields": [{"name": "id"}, {"name": "name"}]}}


@pytest.mark.parametrize("resource, text, found", [
    (TWO, "id;name\n1;a\n", ";"), (TWO, "id\tname\n1\ta\n", "\\t"), (TWO, "id|name\n", "|"),
    (TWO, "id;label\n1;a\n", None),  # not the schema's names: Frictionless's label errors say it
    ({**TWO, "schema": {"fields": [{"name": "id;name"}]}}, "id;name\n1;a\n", None),  # one column, so named
    # no schema: when the header and the first row split alike (frictionless-py's accent.csv: a cell of a row
    # holds a comma, which read one column as two, an extra cell); else one column, as the standard reads it
    ({"name": "t", "path": "t.csv"}, "id;name\n1;a, b\n", ";"),
    ({"name": "t", "path": "t.csv"}, "id;name\n1;a\n", ";"),
    ({"name": "t", "path": "t.csv"}, "id;name\n1\n", None),  # the row does not split so
    ({"name": "t", "path": "t.csv"}, "id;name\n", None),  # no row: no evidence
    ({"name": "t", "path": "t.csv"}, "id;id\n1;2\n", None),  # names repeated, or empty: no header of columns
    ({"name": "t", "path": "t.csv"}, "a;\n1;2\n", None),
    ({**TWO, "dialect": {"delimiter": ";"}}, "id;name\n1;a\n", None),  # declared: two cells
    ({**TWO, "dialect": {"delimiter": "|"}}, "id;name\n1;a\n", ";"),  # declared otherwise
    # every name quoted: read at the comma, a csv-error at line 1 ('"id";' has a character after its quote)
    (TWO, '"id";"name"\n"1";"a"\n', ";"), ({"name": "t", "path": "t.csv"}, '"id"\t"name"\n', "\\t"),
    (TWO, '"id";"label"\n', None), ({"name": "t", "path": "t.csv"}, '"id";"id"\n', None),
])
def test_a_header_of_one_cell_that_splits_into_the_schema_s_names_names_its_delimiter(resource, text, found):
    table = table_from_texts("p", resource, [text])
    assert [p.params_dict().get("found") for p in table.problems if p.code == "other-delimiter"] == (
        [found] if found else [])


def test_cell_column_respects_quotes():
    dialect = Dialect()
    line = 'a,"b,c",d'
    assert [cell_column(line, i, dialect) for i in range(3)] == [1, 3, 9]
    assert cell_column("a,b,", 2, dialect) == 5
    assert cell_column("a,b", 2, dialect) == 1
    assert cell_column("a,b", 5, dialect) == 1
    assert cell_column("a;'b;c';d", 2, Dialect(";", "'")) == 9


# --- tree.py, round two: the survivors of the first run -------------------------------------------------------


def test_at_steps_up_one_key_at_a_time():
    tree = Tree(positions={(): (1, 1), ("a",): (2, 3), ("a", "b"): (3, 5)})
    assert tree.at(("a", "b", "c")) == (3, 5)
    assert tree.at(("a", "b", "c", "d")) == (3, 5)
    assert tree.at(("a", "x")) == (2, 3)


def test_an_empty_document_has_no_value():
    for text in ("", "# only a comment\n"):
        tree = load_yaml(text, "e.yaml")
        assert (tree.value, tree.positions, tree.problems) == (None, {}, [])


def test_an_alias_as_the_whole_document_is_refused():
    tree = load_yaml("*x\n", "f.yaml")
    assert tree.value is None
    assert tree.problems == [problem("yaml-alias", "f.yaml", 1, 1, name="x", count=1)]


def test_aliases_in_a_list_keep_their_places():
    tree = load_yaml("- &x 1\n- *x\n- *x\n", "f.yaml")
    assert tree.positions == {(): (1, 1), (0,): (1, 3), (1,): (2, 3), (2,): (3, 3)}


def test_an_alias_as_a_key_is_named_with_its_star():
    tree = load_yaml("*a: 1\n*a: 2\n", "f.yaml")
    assert tree.positions == {(): (1, 1), ("*a",): (1, 1)}
    assert tree.problems == [problem("duplicate-key", "f.yaml", 2, 1, "*a", key="*a", first_line=1),
                             problem("yaml-alias", "f.yaml", 1, 1, name="a", count=2)]


def test_json_with_a_leading_tab_is_still_located():
    tree = load_json('\t{"a": [1]}\n\t', "d.json")
    assert tree.positions == {(): (1, 2), ("a",): (1, 3), ("a", 0): (1, 9)}


def test_an_integer_too_long_for_int_is_text_in_yaml_and_a_problem_in_json():
    digits = "1" * 5000
    tree = load_yaml(f"a: {digits}\nb: 12\n", "d.yaml", mode="descriptor")
    assert (tree.value, tree.problems) == ({"a": digits, "b": 12}, [])
    tree = load_json(f'{{"a": {digits}}}', "d.json")
    assert (tree.value, tree.positions) == (None, {})
    assert tree.problems == [problem("json-syntax", "d.json", None, None,
                                     detail="Exceeds the limit (4300 digits) for integer string conversion")]


# --- formats.py, round two ------------------------------------------------------------------------------------


def test_zip_member_cut_short_is_unreadable_named_by_its_error(tmp_path):
    path = _zip(tmp_path / "a.zip", [("a.csv", b"a\n1\n")])
    data = bytearray(path.read_bytes())
    central = data.rindex(b"PK\x01\x02")
    struct.pack_into("<II", data, central + 20, 10**6, 10**6)  # sizes that run past the end of the file
    path.write_bytes(bytes(data))
    with pytest.raises(Unreadable) as caught:
        read_decompressed(path, "zip", None, 10**7)
    assert (caught.value.code, caught.value.params) == ("compression-error", {"compression": "zip",
                                                                              "detail": "EOFError"})


def test_read_decompressed_stops_after_the_limit_instead_of_inflating_everything(tmp_path):
    path = tmp_path / "bomb.csv.gz"
    path.write_bytes(gzip.compress(bytes(30_000_000)))
    tracemalloc.start()
    try:
        with pytest.raises(Unreadable) as caught:
            read_decompressed(path, "gz", None, 1000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (caught.value.code, caught.value.params) == ("decompressed-too-large", {"limit": 1000})
    assert peak < 5_000_000


# --- table.py ------------------------------------------------------------------------------------------------

TYPED = {"name": "r", "schema": {"fields": [{"name": "a", "type": "integer"}, {"name": "b"}]}}


def _rows(table):
    return [(row.line, row.cells) for row in table.rows]


def test_field_spec_from_a_descriptor():
    spec = FieldSpec.from_descriptor({"name": 3, "type": "", "title": "Tên", "title_en": "Name",
                                      "description": "Mô tả", "description_en": "About",
                                      "constraints": {"required": True, "enum": ["b", "a"]}})
    assert spec == FieldSpec("3", "any", "Tên", "Name", "Mô tả", "About",
                             (("enum", '["b", "a"]'), ("required", "true")))  # as JSON writes them
    assert FieldSpec.from_descriptor({"type": "number", "constraints": "x"}) == FieldSpec("", "number")
    assert FieldSpec.from_descriptor({}) == FieldSpec("", "any")


def test_row_get_cells_and_repr():
    row = Row(7, ("1", "x"), {"a": 0, "b": 1})
    assert (row.get("b"), row.get("c"), row.get("c", "-")) == ("x", "", "-")
    assert row.cells == {"a": "1", "b": "x"}
    assert repr(row) == "Row(7, {'a': '1', 'b': 'x'})"


def test_csv_rows_keep_their_lines_skip_empty_records_and_pad_or_cut_to_the_header():
    table = table_from_texts("p", TYPED, ["a,b\n1,x\n\n2\n3,y,z\n"])
    assert (table.package, table.name, table.header, table.problems) == ("p", "r", ["a", "b"], [])
    assert _rows(table) == [(2, {"a": "1", "b": "x"}), (4, {"a": "2", "b": ""}), (5, {"a": "3", "b": "y"})]
    assert [f.type for f in table.fields] == ["integer", "any"]


def test_csv_without_a_schema_is_named_by_its_header_and_parts_follow_each_other():
    table = table_from_texts("p", {"name": "r"}, ["x,y\n1,2\n", "x,y\n3,4\n"])
    assert table.fields == [FieldSpec("x"), FieldSpec("y")]
    assert _rows(table) == [(2, {"x": "1", "y": "2"}), (2, {"x": "3", "y": "4"})]


def test_csv_header_from_the_file_when_asked():
    table = table_from_texts("p", TYPED, ["c,d,e\n1,2,3\n"], header_from_file=True)
    assert (table.header, _rows(table)) == (["c", "d", "e"], [(2, {"c": "1", "d": "2", "e": "3"})])
    table = table_from_texts("p", TYPED, ["c,d,e\n1,2,3\n"])
    assert (table.header, _rows(table)) == (["a", "b"], [(2, {"a": "1", "b": "2"})])
    table = table_from_texts("p", TYPED, ["c,d\n1,2\n", "c,d\n3,4\n"], header_from_file=True)
    assert (table.header, _rows(table)) == (["c", "d"], [(2, {"c": "1", "d": "2"}), (2, {"c": "3", "d": "4"})])


@pytest.mark.parametrize("header_from_file", [False, True])
def test_a_later_part_must_start_with_the_first_part_s_header(header_from_file):
    """Frictionless reads each part's first line as its header and drops it: a part that starts with data lost
    that row in silence (frictionless-py's chunk2.headless.csv)."""
    table = table_from_texts("p", TYPED, ["a,b\n1,2\n", "3,4\n5,6\n"], header_from_file=header_from_file)
    assert [(p.code, p.line, p.params_dict()) for p in table.problems] == [("part-header", 1, {"header": "a,b"})]


def test_csv_with_a_tsv_dialect():
    table = table_from_texts("p", {"name": "r", "path": "a.tsv"}, ["a\tb\n1\t2\n"])
    assert _rows(table) == [(2, {"a": "1", "b": "2"})]


def test_csv_control_character_in_a_cell_or_the_header():
    table = table_from_texts("p", {"name": "r"}, ["a,b\n1,2\n3,x\x01\n"])
    assert table.problems == [problem("control-character", "", 3, 1, "b", char="U+0001")]
    table = table_from_texts("p", {"name": "r"}, ["a\n1\n", "a\n\x7f\n"])
    assert table.problems == [problem("control-character", "", 2, 1, "a", char="U+007F")]
    table = table_from_texts("p", {"name": "r"}, ["a,\x02\n1,2\n"])
    assert (table.problems, table.rows) == ([problem("control-character", "", 1, 1)], [])


def test_csv_reading_errors_become_problems_and_stop_the_parts():
    table = table_from_texts("p", {"name": "r"}, ['a\n"x\n', "a\n1\n"])
    assert table.problems == [problem("csv-error", "", 2, None, detail="unexpected end of data")]
    assert table.rows == []
    table = table_from_texts("p", {"name": "r"}, ["a\n" + "x" * (MAX_CELL_CHARS + 1) + "\n"])
    assert table.problems == [problem("cell-too-large", "", 2, None, limit=MAX_CELL_CHARS)]


def test_csv_column_limit_is_exact_in_the_header_and_in_a_row():
    wide = ",".join(f"c{i}" for i in range(MAX_COLUMNS))
    table = table_from_texts("p", {"name": "r"}, [wide + "\n" + "1," * (MAX_COLUMNS - 1) + "1\n"])
    assert (len(table.header), len(table.rows[0].values), table.problems) == (MAX_COLUMNS, MAX_COLUMNS, [])
    table = table_from_texts("p", {"name": "r"}, [wide + ",x\n1\n"])
    assert table.problems == [problem("too-many-columns", "", 1, 1, count=MAX_COLUMNS + 1, limit=MAX_COLUMNS)]
    table = table_from_texts("p", {"name": "r"}, ["a\n1\n" + "1," * MAX_COLUMNS + "1\n"])
    assert table.problems == [problem("too-many-columns", "", 3, 1, count=MAX_COLUMNS + 1, limit=MAX_COLUMNS)]
    assert _rows(table) == [(2, {"a": "1"})]
    table = table_from_texts("p", {"name": "r"}, ["a\n" + "1," * (MAX_COLUMNS - 1) + "1\n"])
    assert (_rows(table), table.problems) == ([(2, {"a": "1"})], [])


def test_json_objects_keys_are_the_header_matched_to_the_fields_as_fields_match_says():
    """The first object's keys are the header, as Frictionless reads them: by position under ``exact`` (where
    "b, a, c" are wrong labels, an error), by name under the other modes."""
    texts = ['[{"b": 2, "a": 1, "c": 3},\n {"b": [1]}]']
    table = table_from_texts("p", TYPED | {"format": "json"}, texts)
    assert (_rows(table), table.problems) == ([(1, {"a": "2", "b": "1"}), (2, {"a": "[1]", "b": ""})], [])
    by_name = {**TYPED, "schema": {**TYPED["schema"], "fieldsMatch": "subset"}}
    table = table_from_texts("p", by_name | {"format": "json"}, texts)
    assert (_rows(table), table.problems) == ([(1, {"a": "1", "b": "2"}), (2, {"a": "", "b": "[1]"})], [])
    table = table_from_texts("p", {"name": "r", "format": "json"}, ['[{"a": 1, "b": [1, "é"]}, {"b": true}]'])
    assert table.fields == [FieldSpec("a"), FieldSpec("b")]
    assert _rows(table) == [(1, {"a": "1", "b": '[1, "é"]'}), (1, {"a": "", "b": "true"})]


def test_json_arrays_by_position():
    table = table_from_texts("p", TYPED | {"format": "json"}, ['[["b", "a"],\n[1, 2, 3],\n[4]]'])
    assert (table.header, _rows(table)) == (["a", "b"], [(2, {"a": "1", "b": "2"}), (3, {"a": "4", "b": ""})])


def test_json_problems_with_their_lines():
    table = table_from_texts("p", {"name": "r", "format": "json"}, ["[]"])
    assert (table.problems, table.rows) == ([problem("json-not-tabular", "", None, None, detail="no rows")], [])
    # several parts: refused whole, as read_table refuses them (Frictionless reads the last alone)
    table = table_from_texts("p", {"name": "r", "format": "json", "path": ["a.json", "b.json"]}, ["[[1]]", "[[2]]"])
    assert (table.problems, table.rows) == (
        [problem("multipart-json", "", None, None, "path", target="r", count=2, last="b.json")], [])
    assert table_from_texts("p", {"name": "r", "format": "json"}, ["[[1]]", "[[2]]"]).problems[0].code == \
        "multipart-json"
    table = table_from_texts("p", {"name": "r", "format": "json"}, ["[" * 2000 + "]" * 2000])
    assert table.problems == [problem("too-deep", "", None, None, detail="nested too deep", limit=MAX_DEPTH)]
    table = table_from_texts("p", {"name": "r", "format": "ndjson"}, ['{"a": 1}\n{"a": "\\u0001"}\n'])
    assert table.problems == [problem("control-character", "", 2, 1, "a", char="U+0001")]


def test_json_value_depth_limit_is_exact():
    def nested(depth):
        return "[" * depth + "]" * depth
    table = table_from_texts("p", {"name": "r", "format": "ndjson"}, [f'{{"a": {nested(MAX_DEPTH)}}}\n'])
    assert table.problems == []
    table = table_from_texts("p", {"name": "r", "format": "ndjson"},
                             [f'{{"a": 1}}\n{{"a": {{"b": {nested(MAX_DEPTH)}}}}}\n'])
    assert table.problems == [problem("too-deep", "", 2, 1, limit=MAX_DEPTH)]
    assert _rows(table) == [(1, {"a": "1"})]


def test_json_column_limit_is_exact():
    keys = [f"c{i}" for i in range(MAX_COLUMNS)]
    table = table_from_texts("p", {"name": "r", "format": "ndjson"}, [json.dumps(keys) + "\n" + json.dumps(keys)])
    assert (len(table.header), table.problems) == (MAX_COLUMNS, [])
    table = table_from_texts("p", {"name": "r", "format": "ndjson"}, [json.dumps([*keys, "x"])])
    assert table.problems == [problem("too-many-columns", "", 1, 1, count=MAX_COLUMNS + 1, limit=MAX_COLUMNS)]
    table = table_from_texts("p", {"name": "r", "format": "json"}, ["[" + json.dumps(dict.fromkeys([*keys, "x"]))
                                                                      + "]"])
    assert table.problems == [problem("too-many-columns", "", 1, 1, count=MAX_COLUMNS + 1, limit=MAX_COLUMNS)]
    table = table_from_texts("p", {"name": "r", "format": "ndjson"},
                             ['["a"]\n', "\n".join(["[1]", json.dumps([*keys, "x"])])])
    assert table.problems == [problem("too-many-columns", "", 2, 1, count=MAX_COLUMNS + 1, limit=MAX_COLUMNS)]


def test_inline_data_arrays_and_objects():
    table = table_from_texts("p", {"name": "r", "data": [["a", "b"], [1, None], [True], [False, 1.5]]}, [])
    assert (table.header, _rows(table)) == (["a", "b"], [(2, {"a": "1", "b": ""}), (3, {"a": "true", "b": ""}),
                                                         (4, {"a": "false", "b": "1.5"})])
    table = table_from_texts("p", TYPED | {"data": [["x", "y"], [1, 2]]}, [])
    assert (table.header, _rows(table)) == (["a", "b"], [(2, {"a": "1", "b": "2"})])
    table = table_from_texts("p", TYPED | {"data": [{"a": 1}, {"b": {"c": [1]}}, 3]}, [])
    assert _rows(table) == [(1, {"a": "1", "b": ""}), (2, {"a": "", "b": '{"c": [1]}'})]
    assert table_from_texts("p", {"name": "r", "data": []}, ["a\n1\n"]).rows == []


def test_missing_values_and_typed_records():
    resource = {"name": "r", "schema": {"missingValues": ["", "NA"], "fields": [
        {"name": "i", "type": "integer"}, {"name": "y", "type": "year"}, {"name": "n", "type": "number"},
        {"name": "b", "type": "boolean"}, {"name": "d", "type": "date"}, {"name": "s", "type": "string"},
        {"name": "a"}, {"name": "g", "type": "geopoint"}]}}
    text = ("i,y,n,b,d,s,a,g,extra\n1,2024,84.70,yes,2024-06-11,x,y,1 2,e\nNA,NA,NA,NA,NA,NA,NA,NA,NA\n"
            "x,x,x,x,x,x,x,x,x\n,,,No,,,,,\n")
    table = table_from_texts("p", resource, [text])
    assert table.missing_values == frozenset({"", "NA"})
    assert table.records() == [
        {"i": 1, "y": 2024, "n": Decimal("84.70"), "b": True, "d": date(2024, 6, 11), "s": "x", "a": "y", "g": "1 2"},
        dict.fromkeys("iynbdsag"),
        {"i": "x", "y": "x", "n": "x", "b": "x", "d": "x", "s": "x", "a": "x", "g": "x"},  # untyped: its text
        {"i": None, "y": None, "n": None, "b": False, "d": None, "s": None, "a": None, "g": None}]
    assert str(table.records()[0]["n"]) == "84.70"
    assert table.casts() is table.casts()
    # the same values without a dict per row, in the order asked, None for a column the table does not have
    assert list(table.typed(["n", "missing", "i"])) == [
        (Decimal("84.70"), None, 1), (None, None, None), ("x", None, "x"), (None, None, None)]
    assert list(table.typed([])) == [(), (), (), ()]
    one = table_from_texts("p", {"name": "r", "schema": {"fields": [{"name": "i", "type": "integer"}]}}, ["i\n7\n"])
    assert list(one.typed(["missing", "i"])) == [(None, 7)]  # a column it lacks reads no cell of the row


def test_cast_of_booleans_and_missing_values():
    table = table_from_texts("p", {"name": "r", "schema": {"missingValues": "NA"}}, [])
    assert table.missing_values == frozenset({""})
    assert [table.cast("boolean", v) for v in ("true", "True", "TRUE", "1", "yes", "Yes")] == [True] * 6
    assert [table.cast("boolean", v) for v in ("false", "False", "FALSE", "0", "no", "No")] == [False] * 6
    assert [table.cast("boolean", v) for v in ("YES", "t", "")] == ["YES", "t", None]  # as every type: its text
    own = FieldSpec.from_descriptor({"name": "b", "type": "boolean", "trueValues": ["oui", 1], "falseValues": "non"})
    assert (own.true_values, own.false_values) == (("oui",), ())  # a list of strings, or nothing
    assert [table.cast("boolean", v, own) for v in ("oui", "true", "false", "non")] == [True, "true", False, "non"]
    assert (table.cast("integer", "1.5"), table.cast("number", "abc"), table.cast("date", "2024-02-30")) == (
        "1.5", "abc", "2024-02-30")
    assert table.cast("duration", "P1D") == "P1D"


def test_fields_without_a_name_or_not_a_mapping():
    table = table_from_texts("p", {"name": 5, "schema": {"fields": ["x", {"name": "a"}]}}, ["a\n1\n"])
    assert (table.name, table.header, [f.name for f in table.fields]) == ("5", ["a"], ["a"])
    table = table_from_texts("p", {"schema": "x"}, ["a\n1\n"])
    assert (table.name, table.header, table.fields) == ("", ["a"], [FieldSpec("a")])


# --- package.py ----------------------------------------------------------------------------------------------


def test_resource_paths_one_or_many_parts():
    assert resource_paths({"path": "a.csv"}) == ["a.csv"]
    assert resource_paths({"path": ["a.csv", 3, "b.csv"]}) == ["a.csv", "b.csv"]
    assert resource_paths({"path": 3}) == []
    assert resource_paths({}) == []


def test_load_descriptor_yaml_in_descriptor_mode_and_json(tmp_path):
    datasets = tmp_path / "datasets"
    settings = settings_for(datasets)
    path = write(datasets / "p" / "datapackage.yaml", "name: p\nn: 010\nm: 12\nlist:\n  - a\n")
    loaded = load_descriptor(path, settings)
    assert (loaded.rel, loaded.folder) == ("datasets/p/datapackage.yaml", datasets / "p")
    # "010" as YAML 1.2 reads it, and refused: YAML 1.1 (Frictionless) reads 8
    assert loaded.problems == [problem("yaml-ambiguous", "datasets/p/datapackage.yaml", 2, 4, value="010",
                                       ours='"010"', theirs="8")]
    assert loaded.descriptor == {"name": "p", "n": "010", "m": 12, "list": ["a"]}
    assert (loaded.at("list", 0), loaded.at("m"), loaded.at("nope", 3)) == ((5, 5), (3, 1), (1, 1))
    path = write(datasets / "r" / "datapackage.yaml", "a: 1\na: 2\n")
    assert load_descriptor(path, settings).problems == [
        problem("duplicate-key", "datasets/r/datapackage.yaml", 2, 1, "a", key="a", first_line=1)]
    path = write(datasets / "q" / "datapackage.json", '{"name": "q",\n "name": "r"}')
    loaded = load_descriptor(path, settings)
    assert loaded.descriptor == {"name": "r"}
    assert loaded.problems == [problem("duplicate-key", "datasets/q/datapackage.json", 2, 2, "name", key="name",
                                       first_line=1)]


def test_load_descriptor_that_is_not_a_mapping_or_cannot_be_read(tmp_path):
    datasets = tmp_path / "datasets"
    settings = settings_for(datasets)
    loaded = load_descriptor(write(datasets / "p" / "datapackage.yaml", "- a\n"), settings)
    assert (loaded.tree.value, loaded.descriptor) == (["a"], {})
    path = write(datasets / "p" / "datapackage.yaml", "name: p\x01\n")
    loaded = load_descriptor(path, settings)
    assert (loaded.tree.value, loaded.tree.problems) == (None, [])
    assert loaded.problems == [problem("control-character", "datasets/p/datapackage.yaml", 1, 8, "name",
                                       char="U+0001")]
    assert loaded.rel == "datasets/p/datapackage.yaml"
    path.write_bytes(b"name: \xff\n")
    loaded = load_descriptor(path, settings)
    assert loaded.problems == [problem("encoding", "datasets/p/datapackage.yaml", 1, 7, encoding="WINDOWS-1252")]


def test_load_record_keeps_every_value_as_text(tmp_path):
    datasets = tmp_path / "datasets"
    settings = settings_for(datasets)
    tree = load_record(write(datasets / "s" / "a.yaml", "n: 010\nok: true\n"), settings)
    assert (tree.value, tree.problems) == ({"n": "010", "ok": "true"}, [])
    tree = load_record(write(datasets / "s" / "b.yaml", "a: 1\na: 2\n"), settings)
    assert tree.problems == [problem("duplicate-key", "datasets/s/b.yaml", 2, 1, "a", key="a", first_line=1)]
    path = write(datasets / "s" / "c.yaml", "n: x\x02\n")
    tree = load_record(path, settings)
    assert (tree.value, tree.problems) == (None, [problem("control-character", "datasets/s/c.yaml", 1, 5, "n",
                                                          char="U+0002")])
    path.write_bytes(b"n: \xff\n")
    tree = load_record(path, settings)
    assert (tree.value, tree.problems) == (None, [problem("encoding", "datasets/s/c.yaml", 1, 4,
                                                          encoding="WINDOWS-1252")])


# --- table.py: read_table from files ---------------------------------------------------------------------------


def _package(tmp_path, files):
    folder = tmp_path / "datasets" / "p"
    folder.mkdir(parents=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    pkg = LoadedPackage(folder / "datapackage.yaml", "datasets/p/datapackage.yaml", Tree())
    return pkg, settings_for(tmp_path / "datasets")


def test_read_table_one_csv_file_keeps_its_source(tmp_path):
    pkg, settings = _package(tmp_path, {"a.csv": b"\xef\xbb\xbfa,b\r\n1,2\r\n"})
    table = read_table(pkg, "p", {"name": "r", "path": "a.csv"}, settings)
    assert (table.header, _rows(table), table.problems) == (["a", "b"], [(2, {"a": "1", "b": "2"})], [])
    assert (table.path, table.rel) == (pkg.folder / "a.csv", "datasets/p/a.csv")
    assert table.source == DataSource(pkg.folder / "a.csv", "csv", None, None, settings.max_file_bytes)
    assert table.csv_source() == b"a,b\r\n1,2\r\n"


def test_read_table_compressed_and_multipart(tmp_path):
    pkg, settings = _package(tmp_path, {"a.csv": b"a,b\n1,2\n", "c.csv.gz": gzip.compress(b"a,b\n6,7\n"),
                                        "z.zip": _zip(tmp_path / "z.zip", [("x.txt", b"x"), ("in.csv", b"a\n8\n")])
                                        .read_bytes()})
    table = read_table(pkg, "p", {"name": "r", "path": "c.csv.gz"}, settings)
    assert (_rows(table), table.csv_source()) == ([(2, {"a": "6", "b": "7"})], b"a,b\n6,7\n")
    assert table.source == DataSource(pkg.folder / "c.csv.gz", "csv", "gz", None, settings.max_file_bytes)
    table = read_table(pkg, "p", {"name": "r", "path": ["a.csv", "c.csv.gz"]}, settings)
    assert _rows(table) == [(2, {"a": "1", "b": "2"}), (2, {"a": "6", "b": "7"})]
    assert (table.path, table.rel, table.source, table.csv_source()) == (None, "", None, None)
    table = read_table(pkg, "p", {"name": "r", "path": "z.zip", "innerpath": "in.csv"}, settings)
    assert (_rows(table), table.csv_source()) == ([(2, {"a": "8"})], b"a\n8\n")
    assert table.source == DataSource(pkg.folder / "z.zip", "csv", "zip", "in.csv", settings.max_file_bytes)
    table = read_table(pkg, "p", {"name": "r", "path": "a.csv", "innerpath": "in.csv"}, settings)
    assert table.source == DataSource(pkg.folder / "a.csv", "csv", None, None, settings.max_file_bytes)


def test_read_table_undoes_a_part_with_bad_bytes_and_stops(tmp_path):
    pkg, settings = _package(tmp_path, {"a.csv": b"a,b\n1,2\n", "b.csv": b"c,d\n3,4\n5,\xff\n", "e.csv": b"a,b\n9,9\n"})
    table = read_table(pkg, "p", {"name": "r", "path": ["a.csv", "b.csv", "e.csv"]}, settings)
    assert (table.header, _rows(table)) == (["a", "b"], [(2, {"a": "1", "b": "2"})])
    assert table.problems == [problem("encoding", "datasets/p/b.csv", 3, 3, encoding="WINDOWS-1252")]
    table = read_table(pkg, "p", {"name": "r", "path": "b.csv"}, settings)
    assert (table.header, table.fields, table.rows) == ([], [], [])


def test_read_table_control_character_at_its_exact_place(tmp_path):
    pkg, settings = _package(tmp_path, {"d.csv": b'a,b\n1,"x\ny\x01"\n', "h.csv": b"a,\x02b\n1,2\n"})
    table = read_table(pkg, "p", {"name": "r", "path": "d.csv"}, settings)
    assert table.problems == [problem("control-character", "datasets/p/d.csv", 3, 2, "b", char="U+0001")]
    table = read_table(pkg, "p", {"name": "r", "path": "h.csv"}, settings)
    assert table.problems == [problem("control-character", "datasets/p/h.csv", 1, 3, char="U+0002")]


def test_read_table_json_and_its_problems(tmp_path):
    pkg, settings = _package(tmp_path, {"e.json": b'[{"a": 1}]', "f.json": b'[{"a": 1},\n 2]',
                                        "g.ndjson": b'{"a": "\\u0001"}\n', "h.json": b"[1"})
    table = read_table(pkg, "p", {"name": "r", "path": "e.json"}, settings)
    assert (_rows(table), table.problems, table.csv_source()) == ([(1, {"a": "1"})], [], None)
    table = read_table(pkg, "p", {"name": "r", "path": "f.json"}, settings)
    assert table.problems == [problem("json-not-tabular", "datasets/p/f.json", 2, 2,
                                      detail="a row is not an object")]
    table = read_table(pkg, "p", {"name": "r", "path": "g.ndjson"}, settings)
    assert table.problems == [problem("control-character", "datasets/p/g.ndjson", 1, 1, "a", char="U+0001")]
    table = read_table(pkg, "p", {"name": "r", "path": "h.json"}, settings)
    assert table.problems == [problem("json-syntax", "datasets/p/h.json", 1, 3,
                                      detail="Expecting ',' delimiter")]


def test_read_table_missing_file_and_inline_data(tmp_path):
    pkg, settings = _package(tmp_path, {})
    table = read_table(pkg, "p", {"name": "r", "path": ["zz.csv", "yy.csv"]}, settings)
    assert [(p.code, p.path) for p in table.problems] == [("missing-file", "datasets/p/zz.csv")]
    table = read_table(pkg, "p", {"name": "r", "path": "zz.csv", "data": [["a"], [1]]}, settings)
    assert (_rows(table), table.problems, table.source) == ([(2, {"a": "1"})], [], None)


# --- jsonrows.py, round two: compact JSON (no space after a comma or a colon) -------------------------------


def test_json_compact_arrays_and_properties():
    assert _json_rows('[["a"],["1"],["2"]]') == [(1, 2, ["a"]), (1, 8, ["1"]), (1, 14, ["2"])]
    text = '{"x":0,"y":{"z":[1]},"data":[["a"],["1"]]}'
    assert _json_rows(text, "json", {"json": {"property": "data"}}) == [(1, 30, ["a"]), (1, 36, ["1"])]


def test_json_nested_property_missing_names_the_rest_of_the_path():
    assert _json_problem('{"a":{"x":0},"b":1}', "json", {"json": {"property": "a.b"}}) == (
        "json-not-tabular", "no property b", None, None)
    assert _json_problem("[1]", "json", {"json": {"property": "a.b"}}) == (
        "json-not-tabular", "not an object with the property a.b", None, None)


def test_json_lines_after_empty_lines():
    assert _json_rows('[\n\n  ["a"],\n\n\n["1"]]') == [(3, 3, ["a"]), (6, 1, ["1"])]


# --- table.py, round two: the survivors of the first run ---------------------------------------------------------


def test_missing_values_default_to_the_empty_cell():
    table = table_from_texts("p", {"name": "r", "schema": {"fields": [{"name": "a", "type": "integer"}]}},
                             ["a\n\n1\n,\n"])
    assert table.missing_values == frozenset({""})
    assert table.records() == [{"a": 1}, {"a": None}]


def test_an_empty_text_or_file_has_no_rows_and_no_problem():
    table = table_from_texts("p", {"name": "r"}, [""])
    assert (table.header, table.rows, table.problems) == ([], [], [])


def test_read_table_keeps_the_schema_header_and_the_package_name(tmp_path):
    pkg, settings = _package(tmp_path, {"a.csv": b"c,d\n1,2\n"})
    table = read_table(pkg, "p", TYPED | {"path": "a.csv"}, settings)
    assert (table.package, table.header, _rows(table)) == ("p", ["a", "b"], [(2, {"a": "1", "b": "2"})])


def test_read_table_declared_compression_of_a_single_file_and_a_zip_member_by_default(tmp_path):
    pkg, settings = _package(tmp_path, {"a.dat": gzip.compress(b"a\n1\n"),
                                        "z.zip": _zip(tmp_path / "z.zip", [("x.csv", b"a\n2\n"), ("y.csv", b"a\n3\n")])
                                        .read_bytes()})
    table = read_table(pkg, "p", {"name": "r", "path": "a.dat", "compression": "gz", "format": "csv"}, settings)
    assert (_rows(table), table.problems) == ([(2, {"a": "1"})], [])
    table = read_table(pkg, "p", {"name": "r", "path": "z.zip", "innerpath": 3}, settings)
    assert (_rows(table), table.problems) == ([(2, {"a": "2"})], [])
    assert table.source == DataSource(pkg.folder / "z.zip", "", "zip", None, settings.max_file_bytes)


def test_read_table_json_follows_the_dialect(tmp_path):
    text = b'{"meta": 1, "rows": [["a"], [1]]}'
    pkg, settings = _package(tmp_path, {"e.json": text})
    resource = {"name": "r", "path": "e.json", "dialect": {"json": {"property": "rows"}}}
    assert _rows(read_table(pkg, "p", resource, settings)) == [(1, {"a": "1"})]
    assert _rows(table_from_texts("p", resource, [text.decode()])) == [(1, {"a": "1"})]


def test_read_table_compressed_problems_are_found_in_the_decompressed_member(tmp_path):
    members = [("first.csv", b"a\n1\n"), ("bad.csv", b"a\n\xff\n"), ("ctl.csv", b'a\n"x\ny\x01"\n'),
               ("in.json", b'[{"a": "\\u0002"}]'), ("bad.json", b'[{"a": "\xff"}]')]
    pkg, settings = _package(tmp_path, {"z.zip": _zip(tmp_path / "z.zip", members).read_bytes(),
                                        "bad.csv.gz": gzip.compress(b"a\n\xff\n"),
                                        "ctl.csv.gz": gzip.compress(b'a\n"x\ny\x01"\n'),
                                        "j.json.gz": gzip.compress(b'[{"a": "\\u0002"}]')})
    zipped = {"name": "r", "path": "z.zip"}
    cases = (
        (zipped | {"innerpath": "bad.csv"}, problem("encoding-in-archive", "datasets/p/z.zip", 2, 1,
                                                    encoding="WINDOWS-1252")),
        ({"name": "r", "path": "bad.csv.gz"}, problem("encoding-in-archive", "datasets/p/bad.csv.gz", 2, 1,
                                                      encoding="WINDOWS-1252")),
        (zipped | {"innerpath": "ctl.csv"}, problem("control-character", "datasets/p/z.zip", 3, 2, "a",
                                                    char="U+0001")),
        ({"name": "r", "path": "ctl.csv.gz"}, problem("control-character", "datasets/p/ctl.csv.gz", 3, 2, "a",
                                                      char="U+0001")),
        (zipped | {"innerpath": "in.json"}, problem("control-character", "datasets/p/z.zip", 1, 1, "a",
                                                    char="U+0002")),
        (zipped | {"innerpath": "bad.json"}, problem("encoding-in-archive", "datasets/p/z.zip", 1, 9,
                                                     encoding="WINDOWS-1252")),
        ({"name": "r", "path": "j.json.gz"}, problem("control-character", "datasets/p/j.json.gz", 1, 1, "a",
                                                     char="U+0002")),
    )
    for resource, expected in cases:
        assert read_table(pkg, "p", resource, settings).problems == [expected], resource


def test_json_objects_without_a_schema_field_leave_it_empty():
    table = table_from_texts("p", TYPED | {"format": "json"}, ['[{"a": 1}, {"b": 2}]'])
    assert (table.header, _rows(table)) == (["a", "b"], [(1, {"a": "1", "b": ""}), (1, {"a": "", "b": ""})])


def test_json_value_depth_is_checked_on_every_branch():
    deep = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    table = table_from_texts("p", {"name": "r", "format": "ndjson"}, [f'{{"a": {{"d": {deep}, "s": []}}}}\n'])
    assert table.problems == [problem("too-deep", "", 1, 1, limit=MAX_DEPTH)]


def test_a_csv_without_header_or_schema_has_the_columns_frictionless_names(tmp_path):
    """``dialect.header: false`` and no schema is a valid package: Frictionless names the columns field1, field2…
    after the first row. The reader kept every row with no cells at all (the pages showed empty rows)."""
    import frictionless

    from generator import pipeline

    datasets = tmp_path / "datasets"
    write(datasets / "p" / "datapackage.json", json.dumps(
        {"name": "p", "resources": [{"name": "t", "path": "data/t.csv", "dialect": {"header": False}}]}))
    (datasets / "p" / "data").mkdir()
    (datasets / "p" / "data" / "t.csv").write_bytes(b"a,1\nb,2\n")
    checked = pipeline.check(settings_for(datasets))
    assert [p.code for p in checked.problems] == []
    [table] = [t for package in checked.datasets.packages for t in package.tables]
    with frictionless.system.use_context(trusted=True):
        theirs = frictionless.Resource(str(datasets / "p" / "data" / "t.csv"),
                                       dialect=frictionless.Dialect(header=False))
        theirs.infer()
    assert table.header == theirs.schema.field_names == ["field1", "field2"]
    assert [(row.line, row.cells) for row in table.rows] == [
        (1, {"field1": "a", "field2": "1"}), (2, {"field1": "b", "field2": "2"})]


def test_a_byte_the_declared_encoding_has_no_character_for_is_named_with_that_encoding(tmp_path):
    """The problem quotes the encoding as the descriptor wrote it ("windows-1252", not Python's "cp1252"), at the
    byte's line and column."""
    from generator.core.read.files import read_data, text_codec
    from generator.core.settings import Settings

    path = tmp_path / "t.csv"
    path.write_bytes("id,name\n1,café\n2,a".encode("cp1252") + b"\x81\n")
    data, problems = read_data(path, Settings(datasets_dir=tmp_path), codec=text_codec("windows-1252"))
    assert data is None
    assert [(p.code, p.line, p.column, p.params) for p in problems] == [
        ("declared-encoding", 3, 4, (("encoding", "windows-1252"),))]


def test_the_codec_a_resource_s_encoding_names():
    """UTF-8 however written is no codec to read with; a text encoding Python knows is; a name it does not know,
    or a codec that is no text encoding (a package could write "base64": bytes.decode refuses it with a
    LookupError, a traceback before), is none either: the descriptor's check refuses it (unsupported-encoding)."""
    from generator.core.read.files import text_codec, unsupported_encoding

    assert [text_codec(name) for name in ("UTF-8", "utf8", "utf-8-sig", "", None, 8)] == [None] * 6
    assert [text_codec(name) for name in ("latin1", " ISO-8859-1", "windows-1258", "UTF-16LE")] == [
        "latin1", "ISO-8859-1", "windows-1258", "UTF-16LE"]  # as the descriptor says it, spaces aside
    assert [text_codec(name) for name in ("base64", "zlib", "rot13", "hex", "klingon")] == [None] * 5
    # text codecs that are no character set: refused at the descriptor (unsupported-encoding), never decoded with
    assert [text_codec(name) for name in ("punycode", "idna", "unicode_escape")] == [None] * 3
    assert [unsupported_encoding(name) for name in ("punycode", "IDNA", "raw_unicode_escape", "latin1", "klingon",
                                                    None)] == [True, True, True, False, True, False]
    # a name Python does not know, a codec that is no text encoding, a blank name: Frictionless reported them at
    # the resource's path with its generic hint; no name at all ("") is UTF-8, for Frictionless too
    assert [unsupported_encoding(name) for name in ("utf-9", "base64", " ", "", " UTF-8 ", 8)] == [
        True, True, True, False, False, False]


@given(st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=130))
def test_the_header_is_guessed_where_frictionless_guesses_it(widths):
    """``guessed_header`` agrees with Frictionless's own guess (Detector.detect_dialect, on the same first rows)
    for any widths of rows: a blank line is none, a title one, the table's rows more."""
    import frictionless

    from generator.core.read.table import GUESS_SAMPLE, guessed_header

    records = [(number, ["x"] * width) for number, width in enumerate(widths, start=1)]
    guessed = guessed_header(records[0], records[1:GUESS_SAMPLE])
    theirs = frictionless.Detector().detect_dialect([cells for _, cells in records[:GUESS_SAMPLE]])
    assert (guessed[0] if guessed else 1) == theirs.header_rows[0]
