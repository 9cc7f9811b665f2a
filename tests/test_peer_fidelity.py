"""Packages shaped like frictionless-py's own test data (data/compression, table.json, table.ndjson,
table.xlsx, issue-869.json...), generated here: we read what Frictionless reads, as it reads it, and say where
what it reports is. Compressed files are read bounded and never crash a run; JSON and NDJSON rows have lines;
spreadsheets are refused by name; metadata errors sit at the key they name."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import zipfile
from pathlib import Path

import pytest
from conftest import settings_for, write

from generator import pipeline
from generator.catalogue.downloads import csv_bytes, published_descriptor
from generator.catalogue.model import Catalogue

CSV = "id,name\n1,english\n2,中国人\nx,bad\n".encode()  # the peer's table.csv plus a row that is not an integer
SCHEMA = """    schema:
      fields:
        - {name: id, type: integer}
        - {name: name, type: string}
"""


def resource(path: str, extra: str = "") -> str:
    return f"name: p\nresources:\n  - name: t\n    path: {path}\n{extra}{SCHEMA}"


def package(root: Path, descriptor: str, files: dict[str, bytes]) -> Path:
    write(root / "p" / "datapackage.yaml", descriptor)
    for name, data in files.items():
        (root / "p" / name).write_bytes(data)
    return root


def found(datasets: Path, **settings) -> list[tuple]:
    problems = pipeline.check(settings_for(datasets, **settings)).problems
    return [(p.code, p.path.removeprefix(f"{datasets.name}/"), p.line, p.column, p.field) for p in problems]


def zipped(*members: tuple[str, bytes]) -> bytes:
    """A zip archive of ``members``, the same bytes in every run (a fixed time stamp): test ids are made of it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data,
                             compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def gz(data: bytes, level: int = 9) -> bytes:
    """Gzip with no time stamp: the same bytes in every run, so the same test ids in every process."""
    return gzip.compress(data, level, mtime=0)


# Compression (frictionless-py: data/compression, table.csv.gz/.zip/.bz2/.xz, table-multiple-files.zip)

COMPRESSED = {
    "t.csv.gz": gz(CSV),
    "t.csv.zip": zipped(("t.csv", CSV)),
    "t.csv.bz2": bz2.compress(CSV),
    "t.csv.xz": lzma.compress(CSV),
}


@pytest.mark.parametrize("name", sorted(COMPRESSED))
def test_compressed_csv_is_read_as_frictionless_reads_it(tmp_path, name):
    datasets = package(tmp_path / "datasets", resource(name), {name: COMPRESSED[name]})
    # The lines are those of the decompressed file; the problem is on the archive (a file GitHub can show).
    assert found(datasets) == [("type-error", f"p/{name}", 4, 1, "id")]


@pytest.mark.parametrize(("compression", "data"), [("gz", gz(CSV)), ("zip", zipped(("table.csv", CSV)))])
def test_declared_compression_on_a_plain_name(tmp_path, compression, data):
    datasets = package(tmp_path / "datasets", resource("implicit.csv", f"    compression: {compression}\n"),
                       {"implicit.csv": data})
    assert found(datasets) == [("type-error", "p/implicit.csv", 4, 1, "id")]


def test_zip_member_is_the_first_written_or_the_innerpath(tmp_path):
    valid = b"id,name\n1,a\n2,b\n"
    members = (("b.csv", valid), ("a.csv", CSV))  # b.csv written first, though a.csv sorts first
    datasets = package(tmp_path / "datasets", resource("multi.zip", "    format: csv\n"),
                       {"multi.zip": zipped(*members)})
    checked = pipeline.check(settings_for(datasets))
    assert checked.problems == []
    assert [row.values for row in checked.datasets.packages[0].tables[0].rows] == [("1", "a"), ("2", "b")]
    write(datasets / "p" / "datapackage.yaml", resource("multi.zip", "    format: csv\n    innerpath: a.csv\n"))
    assert found(datasets) == [("type-error", "p/multi.zip", 4, 1, "id")]


def test_bom_and_crlf_inside_a_gzip(tmp_path):
    data = gz(b"\xef\xbb\xbfid,name\r\n1,a\r\n2,b\r\n")
    datasets = package(tmp_path / "datasets", resource("t.csv.gz"), {"t.csv.gz": data})
    checked = pipeline.check(settings_for(datasets))
    assert checked.problems == []
    rows = checked.datasets.packages[0].tables[0].rows
    assert [(r.line, r.values) for r in rows] == [(2, ("1", "a")), (3, ("2", "b"))]


def test_not_utf8_inside_a_gzip_says_to_decompress_first(tmp_path):
    data = gz("id,name\n1,Đơn Ưu\n2,Bà Ơn đà\n".encode("cp1258"))
    datasets = package(tmp_path / "datasets", resource("t.csv.gz"), {"t.csv.gz": data})
    problems = pipeline.check(settings_for(datasets)).problems
    assert [(p.code, p.path, p.line, p.column) for p in problems] == [
        ("encoding-in-archive", "datasets/p/t.csv.gz", 2, 3)]
    assert "gunzip -c" in problems[0].hint("en") and "WINDOWS-1258" in problems[0].hint("en")


BROKEN = {  # name: (descriptor extra, file bytes, code, key line, field)
    "truncated gzip": ("", gz(CSV)[:-10], "compression-error", 4, "path"),
    "plain text named .xz": ("", CSV, "compression-error", 4, "path"),
    "empty zip": ("", zipped(), "zip-member", 4, "path"),
    "a folder first in the zip": ("", zipped(("sub/", b""), ("sub/t.csv", CSV)), "zip-member", 4, "path"),
    "innerpath not in the zip": ("    innerpath: nope.csv\n", zipped(("t.csv", CSV)), "zip-member", 5, "innerpath"),
}
NAMES = {"truncated gzip": "t.csv.gz", "plain text named .xz": "t.csv.xz"}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_archives_are_problems_not_crashes(tmp_path, case):
    extra, data, code, line, field = BROKEN[case]
    name = NAMES.get(case, "t.csv.zip")
    datasets = package(tmp_path / "datasets", resource(name, extra), {name: data})
    assert found(datasets) == [(code, "p/datapackage.yaml", line, 5, field)]


def test_innerpath_leaving_the_zip_is_only_looked_up_in_it(tmp_path):
    # Frictionless takes the format from the innerpath too: "../../etc/passwd" has none, so it would not
    # check the rows either.
    descriptor = resource("t.csv.zip", "    innerpath: ../../etc/passwd\n")
    datasets = package(tmp_path / "datasets", descriptor, {"t.csv.zip": zipped(("t.csv", CSV))})
    problems = pipeline.check(settings_for(datasets)).problems
    assert [(p.code, p.line, p.field, p.params_dict()) for p in problems] == [
        ("unsupported-format", 4, "path", {"format": "", "target": "t.csv.zip"}),
        ("zip-member", 5, "innerpath", {"member": "../../etc/passwd", "members": "t.csv", "target": "t.csv.zip"})]


def test_plain_csv_declared_as_gzip(tmp_path):
    datasets = package(tmp_path / "datasets", resource("t.csv", "    compression: gz\n"), {"t.csv": CSV})
    problems = pipeline.check(settings_for(datasets)).problems
    assert [(p.code, p.line, p.field, p.params_dict()) for p in problems] == [
        ("compression-error", 4, "path", {"compression": "gz", "detail": "Not a gzipped file (b'id')",
                                          "target": "t.csv"})]


def test_unknown_compression_is_placed_at_its_key(tmp_path):
    datasets = package(tmp_path / "datasets", resource("t.csv", "    compression: bad\n"), {"t.csv": CSV})
    assert found(datasets) == [("compression-error", "p/datapackage.yaml", 5, 5, "compression")]


def test_encrypted_and_deflate64_members(tmp_path):
    data = bytearray(zipped(("t.csv", CSV)))
    local, central = data.find(b"PK\x03\x04"), data.find(b"PK\x01\x02")
    encrypted = bytearray(data)
    encrypted[local + 6] |= 1  # flag bit 0 in the local and central headers: "encrypted"
    encrypted[central + 8] |= 1
    deflate64 = bytearray(data)
    deflate64[local + 8], deflate64[central + 10] = 9, 9  # compression method 9: deflate64
    for archive, detail in ((encrypted, "t.csv is encrypted"), (deflate64, "That compression method is not supported")):
        datasets = package(tmp_path / detail[:5], resource("t.csv.zip"), {"t.csv.zip": bytes(archive)})
        problems = pipeline.check(settings_for(datasets)).problems
        assert [(p.code, p.line, p.params_dict()["detail"]) for p in problems] == [("compression-error", 4, detail)]


def test_bombs_stop_at_the_limit_once_decompressed(tmp_path):
    big = b"id,name\n" + b"0" * (8 << 20)
    for name, data in (("t.csv.gz", gz(big, 9)), ("t.csv.zip", zipped(("t.csv", big)))):
        assert len(data) < 20_000
        datasets = package(tmp_path / name, resource(name), {name: data})
        problems = pipeline.check(settings_for(datasets, max_file_bytes=1 << 20)).problems
        assert [(p.code, p.line, p.field, p.params_dict()) for p in problems] == [
            ("decompressed-too-large", 4, "path", {"limit": str(1 << 20), "target": name})]


def test_zip_whose_header_lies_about_the_size(tmp_path):
    data = bytearray(zipped(("t.csv", b"id,name\n" + b"0" * (8 << 20))))
    for offset in (data.find(b"PK\x03\x04") + 22, data.find(b"PK\x01\x02") + 24):
        data[offset:offset + 4] = (100).to_bytes(4, "little")  # "100 bytes once decompressed"
    datasets = package(tmp_path / "datasets", resource("t.csv.zip"), {"t.csv.zip": bytes(data)})
    problems = pipeline.check(settings_for(datasets, max_file_bytes=1 << 20)).problems
    assert [(p.code, p.params_dict()["detail"]) for p in problems] == [
        ("compression-error", "Bad CRC-32 for file 't.csv'")]


def test_multipart_parts_each_decompressed_by_their_own_extension(tmp_path):
    parts = {"c1.csv.zip": zipped(("c1.csv", b"id,name\n1,english\n")), "c2.csv.gz": gz(b"id,name\n2,x\n")}
    datasets = package(tmp_path / "datasets", resource("[c1.csv.zip, c2.csv.gz]"), parts)
    checked = pipeline.check(settings_for(datasets))
    assert checked.problems == []
    assert [row.values for row in checked.datasets.packages[0].tables[0].rows] == [("1", "english"), ("2", "x")]


def test_download_of_a_compressed_csv_is_the_validated_csv(tmp_path):
    valid = b"\xef\xbb\xbfid,name\r\n1,english\r\n2,\xe4\xb8\xad\xe5\x9b\xbd\xe4\xba\xba\r\n"
    archive = gz(valid)
    # Declared bytes and hash are those of the file at ``path`` (the archive), as for Frictionless.
    extra = f"    bytes: {len(archive)}\n    hash: sha256:{__import__('hashlib').sha256(archive).hexdigest()}\n"
    datasets = package(tmp_path / "datasets", resource("t.csv.gz", extra), {"t.csv.gz": archive})
    settings = settings_for(datasets)
    checked = pipeline.check(settings)
    assert checked.problems == []
    [dataset] = pipeline.prepare(checked, settings).models.get(Catalogue).datasets
    [info] = dataset.resources
    published = csv_bytes(info)
    assert published == valid[3:]  # the decompressed file byte for byte, its BOM dropped
    described = json.loads(published_descriptor(dataset, checked.datasets.packages[0].descriptor,
                                                 {info.csv_name: published}))["resources"][0]
    assert (described["path"], described["bytes"]) == ("t.csv", len(published))
    assert "compression" not in described


def test_declared_bytes_of_the_decompressed_file_are_wrong(tmp_path):
    archive = gz(b"id,name\n1,a\n")
    datasets = package(tmp_path / "datasets", resource("t.csv.gz", "    bytes: 12\n"), {"t.csv.gz": archive})
    problems = pipeline.check(settings_for(datasets)).problems
    assert [(p.code, p.params_dict()["type"]) for p in problems] == [("frictionless", "byte-count")]


# JSON and NDJSON (frictionless-py: table.json, table.keyed.json, table.ndjson, table.jsonl)

KEYED = b'[\n  {"id": 1, "name": "english"},\n  {"id": 2, "name": "\xe4\xb8\xad"},\n  {"id": "x", "name": "bad"}\n]\n'
ARRAYS = b'[\n  ["id", "name"],\n  [1, "english"],\n  [2, "b"],\n  ["x", "bad"]\n]\n'
NDJSON = b'{"id": 1, "name": "english"}\n{"id": 2, "name": "b"}\n{"id": "x", "name": "bad"}\n'
JSONL = b'["id", "name"]\n[1, "english"]\n[2, "b"]\n["x", "bad"]\n'
NESTED = b'{"meta": 1,\n "data": [\n  {"id": 1, "name": "a"},\n  {"id": "x", "name": "b"}\n]}\n'


@pytest.mark.parametrize(("name", "data", "extra", "line"), [
    ("keyed.json", KEYED, "    type: table\n", 4),  # row 4 = the 3rd object, on line 4
    ("array.json", ARRAYS, "    type: table\n", 5),  # row 4 = the 4th array, on line 5
    ("nested.json", NESTED, "    type: table\n    dialect: {json: {property: data}}\n", 4),
    ("t.ndjson", NDJSON, "", 3),
    ("t.jsonl", JSONL, "", 4),
    ("t.ndjson.gz", gz(NDJSON), "", 3),
])
def test_json_rows_have_lines(tmp_path, name, data, extra, line):
    datasets = package(tmp_path / "datasets", resource(name, extra), {name: data})
    column = 1 if "nd" in name or "jsonl" in name else 3  # where the row's object or array starts
    assert found(datasets) == [("type-error", f"p/{name}", line, column, "id")]


def test_json_cells_keep_their_text_and_publish_as_csv(tmp_path):
    data = b'[{"id": 1, "name": "a", "score": 84.70, "ok": true, "note": null}]'
    descriptor = resource("t.json", "    type: table\n").replace(
        "        - {name: name, type: string}\n", "        - {name: name, type: string}\n"
        "        - {name: score, type: number}\n        - {name: ok, type: boolean}\n        - {name: note}\n")
    datasets = package(tmp_path / "datasets", descriptor, {"t.json": data})
    settings = settings_for(datasets)
    checked = pipeline.check(settings)
    assert checked.problems == []
    [table] = checked.datasets.packages[0].tables
    assert [(row.line, row.values) for row in table.rows] == [(1, ("1", "a", "84.70", "true", ""))]
    [info] = pipeline.prepare(checked, settings).models.get(Catalogue).datasets[0].resources
    assert csv_bytes(info) == b"id,name,score,ok,note\n1,a,84.70,true,\n"


def test_json_without_type_table_is_checked_as_a_table_with_a_warning(tmp_path):
    datasets = package(tmp_path / "datasets", resource("keyed.json"), {"keyed.json": KEYED})
    assert found(datasets) == [("json-not-table", "p/datapackage.yaml", 3, 5, "type"),
                               ("type-error", "p/keyed.json", 4, 3, "id")]


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("t.ndjson", b'{"id": 1, "name": "a"}\n\n{"id": 2, "name": "b"}\n', ("json-syntax", 2, 1)),
    ("t.ndjson", b'{"id": 1, "name": "a"}\n{"id": 2, "name": }\n', ("json-syntax", 2, 19)),
    ("t.json", b'[\n {"id": 1, "name": "a"},\n {"id": 2 "name": "b"}\n]\n', ("json-syntax", 3, 11)),
    ("t.json", b'{"id": 1}\n', ("json-not-tabular", None, None)),
    ("t.json", b"[]\n", ("json-not-tabular", None, None)),
    ("t.json", b'[\n [1, 2],\n 3\n]\n', ("json-not-tabular", 3, 2)),
    ("t.json", b'[{"id": 1, "name": "a\\u0000b"}]', ("control-character", 1, 1)),
    ("t.json", b'[{"id": 1, "name": ' + b"[" * 40 + b"]" * 40 + b"}]", ("too-deep", 1, 2)),
])
def test_broken_json_is_a_problem_at_its_line(tmp_path, name, data, expected):
    datasets = package(tmp_path / "datasets", resource(name, "    type: table\n"), {name: data})
    assert [(code, line, column) for code, _, line, column, _ in found(datasets)] == [expected]


def test_the_peers_jsonl_package_shape(tmp_path):
    # data/jsonl.datapackage.json: a dialect with both csv and json parts; the csv part does not apply.
    extra = ("    type: table\n    format: jsonl\n    encoding: utf-8\n    mediatype: text/jsonl\n"
             "    dialect: {csv: {delimiter: \"\\t\", skipInitialSpace: true}, json: {keyed: true}}\n")
    data = b'{"id": 1, "name": "english"}\n{"id": 2, "name": "b"}\n'
    datasets = package(tmp_path / "datasets", resource("table.jsonl", extra), {"table.jsonl": data})
    checked = pipeline.check(settings_for(datasets))
    assert checked.problems == []
    assert [row.values for row in checked.datasets.packages[0].tables[0].rows] == [("1", "english"), ("2", "b")]


# Spreadsheets (frictionless-py: table.xlsx, table.xls, table.ods, ods.datapackage.json)


@pytest.mark.parametrize(("name", "extra", "fmt", "line", "field"), [
    ("t.xlsx", "", "xlsx", 4, "path"),
    ("t.xls", "", "xls", 4, "path"),
    ("t.ods", "    format: ods\n    mediatype: application/vnd.oasis.opendocument.spreadsheet\n", "ods", 5, "format"),
    ("data.bin", "    format: XLSX\n", "xlsx", 5, "format"),
    ("t.xlsx.gz", "", "xlsx", 4, "path"),
    ("t.txt", "", "txt", 4, "path"),  # Frictionless would not check its rows at all (a text resource)
])
def test_spreadsheets_and_other_formats_are_refused_by_name(tmp_path, name, extra, fmt, line, field):
    data = zipped(("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"))
    data = gz(data) if name.endswith(".gz") else data
    datasets = package(tmp_path / "datasets", resource(name, extra), {name: data})
    problems = pipeline.check(settings_for(datasets)).problems
    assert [(p.code, p.line, p.field, p.params_dict()) for p in problems] == [
        ("unsupported-format", line, field, {"format": fmt, "target": name})]
    assert "CSV UTF-8" in problems[0].hint("en")


# Metadata errors where they are (frictionless-py: issue-869.json, multiple-errors.package.json, ...)

ISSUE_869 = resource("t.csv") + """created: not_a_datetime
contributors:
  - title: Ann
    email: ann@example.org
  - title: Peter Desmet
    email: not_an_email
"""


def metadata(datasets: Path) -> list[tuple]:
    problems = pipeline.check(settings_for(datasets)).problems
    return [(p.line, p.column, p.field, p.params_dict()["type"], p.params_dict()["detail"]) for p in problems]


def test_bad_created_and_contributor_email_at_their_keys(tmp_path):
    datasets = package(tmp_path / "datasets", ISSUE_869, {"t.csv": b"id,name\n1,a\n"})
    assert metadata(datasets) == [
        (9, 1, "created", "package-error", 'property "created" is not valid "datetime"'),
        (14, 5, "email", "package-error", 'property "contributors[].email" is not valid "email"')]


def test_the_same_error_in_json_at_its_key(tmp_path):
    descriptor = {"name": "p", "created": "not_a_datetime",
                  "contributors": [{"title": "Peter Desmet", "email": "not_an_email"}],
                  "resources": [{"name": "t", "path": "t.csv"}]}
    write(tmp_path / "datasets" / "p" / "datapackage.json", json.dumps(descriptor, indent=2))
    (tmp_path / "datasets" / "p" / "t.csv").write_bytes(b"id\n1\n")
    assert [(line, field) for line, _, field, _, _ in metadata(tmp_path / "datasets")] == [(3, "created"), (7, "email")]


@pytest.mark.parametrize(("change", "expected"), [
    (("    path: t.csv\n", "    path: t.csv\n    bytes: '12'\n"), (5, 5, "bytes", "resource-error")),
    (("    path: t.csv\n", "    path: t.csv\n    encoding: 5\n"), (5, 5, "encoding", "resource-error")),
    (("    path: t.csv\n", "    path: t.csv\n    dialect: {delimiter: 5}\n"), (5, 15, "delimiter", "control-error")),
    (("    path: t.csv\n", "    path: t.csv\n    dialect: {csv: {delimiter: 5}}\n"),
     (5, 21, "delimiter", "control-error")),
    (("{name: name, type: string}", "{name: name, type: string, constraints: {required: 'yes'}}"),
     (8, 52, "required", "field-error")),
    (("      fields:\n", "      missingValues: NA\n      fields:\n"), (6, 7, "missingValues", "schema-error")),
    (("name: p\n", "name: p\nkeywords: a,b\n"), (2, 1, "keywords", "package-error")),
    (("name: p\n", "name: p\nlicenses:\n  - name: CC0-1.0\n  - title: CC\n"), (4, 5, "licenses", "package-error")),
])
def test_metadata_errors_at_the_key_they_name(tmp_path, change, expected):
    datasets = package(tmp_path / "datasets", resource("t.csv").replace(*change), {"t.csv": b"id,name\n1,a\n"})
    assert [item[:4] for item in metadata(datasets)] == [expected]


def test_resource_contributor_email_in_the_second_resource(tmp_path):
    descriptor = resource("t.csv") + """  - name: u
    path: t.csv
    contributors:
      - {title: A, email: bad}
""" + SCHEMA
    datasets = package(tmp_path / "datasets", descriptor, {"t.csv": b"id,name\n1,a\n"})
    assert [item[:4] for item in metadata(datasets)] == [(12, 20, "email", "resource-error")]


def test_field_error_of_a_schema_file_is_placed_in_that_file(tmp_path):
    descriptor = "name: p\nresources:\n  - name: t\n    path: t.csv\n    schema: schema.json\n"
    schema = '{\n  "fields": [\n    {"name": "id", "type": "integer"},\n    {"name": "x", "type": "text"}\n  ]\n}\n'
    datasets = package(tmp_path / "datasets", descriptor, {"t.csv": b"id,x\n1,a\n", "schema.json": schema.encode()})
    problems = pipeline.check(settings_for(datasets)).problems
    assert [(p.path, p.line, p.field, p.params_dict()["type"]) for p in problems] == [
        ("datasets/p/schema.json", 4, "type", "field-error")]


def test_a_cell_of_a_column_typed_in_a_schema_file_names_that_type(tmp_path):
    """frictionless-py's package-with-dereferencing.json keeps its schema in schema.json: a cell that is not an
    integer was "not of type type-error", the error's name where the column's type belongs."""
    descriptor = "name: p\nresources:\n  - name: t\n    path: t.csv\n    schema: schema.json\n"
    schema = '{"fields": [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}]}'
    files = {"t.csv": b"id,name\n1,a\nx,b\n", "schema.json": schema.encode()}
    datasets = package(tmp_path / "datasets", descriptor, files)
    problems = pipeline.check(settings_for(datasets)).problems
    assert [(p.code, p.path, p.line, p.field, p.params_dict()["type"]) for p in problems] == [
        ("type-error", "datasets/p/t.csv", 3, "id", "integer")]
    assert "integer" in problems[0].message("en") and "type-error" not in problems[0].message("en")


def test_a_path_list_with_a_number_is_a_problem_not_a_crash(tmp_path):
    datasets = package(tmp_path / "datasets", resource("[t.csv, 5]"), {"t.csv": b"id,name\n1,a\n"})
    problems = pipeline.check(settings_for(datasets)).problems
    assert [(p.code, p.line, p.column, p.field, p.params_dict()) for p in problems] == [
        ("descriptor-type", 4, 19, "path", {"expected": "text", "key": "path[1]"})]


# A quote escaped with a backslash (frictionless-py: data/escaping.csv)

ESCAPED = b'id,name\n1,"a \\" b"\n'


def test_a_backslash_escaped_quote_is_refused_with_the_way_to_declare_it():
    """Frictionless reads '"a \\" b"' without an escapeChar as 'a \\ b"' (the backslash kept, the closing quote
    taken as text): refused, and the hint names both fixes."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        datasets = package(Path(folder) / "datasets", resource("t.csv"), {"t.csv": ESCAPED})
        problems = pipeline.check(settings_for(datasets)).problems
        assert [(p.code, p.line) for p in problems] == [("csv-error", 2)]
        assert '(""); if the file writes it after a backslash (\\"), declare dialect: {escapeChar: "\\\\"}' \
            in problems[0].hint("en")


def test_a_backslash_escaped_quote_with_its_escape_char_is_read_as_frictionless_reads_it(tmp_path):
    from frictionless import Package

    datasets = package(tmp_path / "datasets", resource("t.csv", '    dialect: {escapeChar: "\\\\"}\n'),
                       {"t.csv": ESCAPED})
    checked = pipeline.check(settings_for(datasets))
    assert checked.problems == []
    rows = [row.values for row in checked.datasets.packages[0].tables[0].rows]
    theirs = Package(str(datasets / "p" / "datapackage.yaml")).get_resource("t").read_rows()
    assert rows == [("1", 'a " b')] and [row["name"] for row in theirs] == ['a " b']
