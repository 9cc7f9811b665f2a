"""generator/core/read/files.py, function by function: which files are found, which bytes and text come back,
which problem (with its exact place and parameters) stops a read.

Each assertion states the exact value, so that a mutation of the module (tests/mutation.py read-files) fails one.
"""

from __future__ import annotations

import bz2
import gzip
import zipfile
from pathlib import Path

import pytest
from conftest import settings_for

from generator.core.problems import problem
from generator.core.read.files import (
    decoded,
    discover,
    guess_encoding,
    is_descriptor,
    is_remote,
    open_lines,
    orphan_data,
    read_csv_bytes,
    read_data,
    read_data_text,
    read_text,
    resolve_inside,
)


def write(path: Path, data: bytes = b"x\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.fixture
def datasets(tmp_path: Path) -> Path:
    folder = tmp_path / "datasets"
    folder.mkdir()
    return folder


# -- finding files ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "expected"), [
    ("datapackage.json", True), ("datapackage.yaml", True), ("datapackage.yml", True),
    ("a.package.json", True), ("a.package.yaml", True), ("a.package.yml", True),
    ("datapackage.jsonl", False), ("Datapackage.json", False), ("xdatapackage.json", False),
    ("package.json", False), ("a.package.JSON", False), ("a.package.csv", False), ("data.csv", False),
])
def test_a_descriptor_is_known_by_its_name(name, expected):
    assert is_descriptor(Path("datasets") / "p" / name) is expected


def test_discover_lists_descriptors_in_order_and_skips_hidden_and_tool_folders(datasets):
    for rel in ("b/datapackage.yaml", "a/z.package.yml", "a/datapackage.json", "a/data.csv", "c/notes.txt",
                ".git/datapackage.json", "d/.hidden/datapackage.json", "__pycache__/datapackage.json",
                "e/node_modules/datapackage.json", ".cache/x.package.json", "f/.x.package.json"):
        write(datasets / rel)
    (datasets / "g" / "datapackage.json").mkdir(parents=True)  # a folder, not a file
    assert discover(datasets) == [datasets / "a" / "datapackage.json", datasets / "a" / "z.package.yml",
                                  datasets / "b" / "datapackage.yaml"]


def test_a_descriptor_covers_its_folder_and_the_folders_below(datasets):
    write(datasets / "top.csv")
    write(datasets / "kept" / "datapackage.yaml")
    write(datasets / "kept" / "t.csv")
    write(datasets / "kept" / "deep" / "t.json")
    write(datasets / "lost" / "b.CSV")
    write(datasets / "lost" / "a.xlsx")
    write(datasets / "lost" / "notes.txt")
    write(datasets / "lost" / "README")
    write(datasets / "lost" / "sub" / "c.gz")
    write(datasets / ".hidden" / "d.csv")
    assert orphan_data(datasets) == {datasets: ["top.csv"], datasets / "lost": ["a.xlsx", "b.CSV"],
                                     datasets / "lost" / "sub": ["c.gz"]}


def test_a_descriptor_at_the_top_covers_every_folder(datasets):
    write(datasets / "x.package.json")
    write(datasets / "a" / "b" / "t.csv")
    write(datasets / "t.tsv")
    assert orphan_data(datasets) == {}


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".json", ".jsonl", ".ndjson", ".yaml", ".yml", ".xlsx", ".xls",
                                    ".ods", ".gz", ".zip", ".bz2", ".xz"])
def test_every_data_suffix_makes_an_orphan(datasets, suffix):
    write(datasets / "f" / f"t{suffix}")
    assert orphan_data(datasets) == {datasets / "f": [f"t{suffix}"]}


# -- encodings --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("data", "name"), [
    (b"\xff\xfei\x00d\x00", "UTF-16"), (b"\xfe\xff\x00i\x00d", "UTF-16"),
    (b"caf\xe9 cr\xe8me", "WINDOWS-1252"),
    (b"\xd0\xf0", "WINDOWS-1258"), (b"\xd5\xf5", "WINDOWS-1258"), (b"\xdd\xfd", "WINDOWS-1258"),
    (b"\xc3\xe3", "WINDOWS-1258"), (b"\xd0 \xd0 \xd0", "WINDOWS-1252"), (b"\xd0\xe9\xe8", "WINDOWS-1252"),
    (b"", "WINDOWS-1252"),
    # words of a non-Latin script, named as chardet names them: the Vietnamese markers are Greek letters too
    ("id,name\n1,Λεωνιδας\n2,Αλεξανδρος\n3,Μυρων\n".encode("cp1253"), "WINDOWS-1253"),
    ("id,name\n1,Москва столица России\n2,Санкт-Петербург\n".encode("cp1251"), "WINDOWS-1251"),
    # and of a script written two bytes a letter: named too (WINDOWS-1252 was their name, and iconv's nonsense)
    ("id,name\n1,日本語のテキストです。東京都の行政改革について、データを公開します。\n".encode("shift_jis"), "CP932"),
    ("id,name\n1,한국어 텍스트입니다. 행정 개혁 데이터\n".encode("euc_kr"), "CP949"),
    # Vietnamese writes a few bytes over 127 in a row at most: still named by its markers
    ("id,tên\n1,Đơn Tư Đà ưa\n2,Bà Ơn đà\n".encode("cp1258"), "WINDOWS-1258"),
])
def test_guess_encoding(data, name):
    assert guess_encoding(data) == name


# -- reading ----------------------------------------------------------------------------------------------------


def test_read_text_is_decoded_without_bom_and_with_lf(datasets):
    path = write(datasets / "t.csv", b"\xef\xbb\xbfid,t\xc3\xaan\r\n1,a\rb\n")
    assert read_text(path, settings_for(datasets)) == ("id,tên\n1,a\nb\n", [])


def test_read_text_returns_the_text_and_the_first_control_character(datasets):
    path = write(datasets / "t.csv", b"id,name\n1,a\x07b\x00\n")
    text, problems = read_text(path, settings_for(datasets))
    assert text == "id,name\n1,a\x07b\x00\n"
    assert problems == [problem("control-character", "datasets/t.csv", 2, 4, char="U+0007")]


def test_bad_utf8_is_placed_at_its_line_and_column(datasets):
    path = write(datasets / "t.csv", b"id,name\n1,ab\xd0\xf0\n")
    settings = settings_for(datasets)
    expected = [problem("encoding", "datasets/t.csv", 2, 5, encoding="WINDOWS-1258")]
    assert read_text(path, settings) == (None, expected)
    assert read_data_text(path, settings) == (None, expected)


def test_bad_utf8_on_the_first_line(datasets):
    path = write(datasets / "t.csv", b"\xe9d")
    assert read_data_text(path, settings_for(datasets)) == (
        None, [problem("encoding", "datasets/t.csv", 1, 1, encoding="WINDOWS-1252")])


def test_bad_utf8_after_an_empty_first_line(datasets):
    path = write(datasets / "t.csv", b"\n\xe9")  # the line end at byte 0 is found too
    assert read_data_text(path, settings_for(datasets)) == (
        None, [problem("encoding", "datasets/t.csv", 2, 1, encoding="WINDOWS-1252")])


def test_bad_utf8_in_an_archive_has_its_own_code(datasets):
    path = datasets / "t.csv.gz"
    path.write_bytes(gzip.compress(b"id\n\n\xff\xfe"))
    assert read_data_text(path, settings_for(datasets), "gz") == (
        None, [problem("encoding-in-archive", "datasets/t.csv.gz", 3, 1, encoding="WINDOWS-1252")])


def test_read_data_decompresses_and_normalises(datasets):
    path = datasets / "t.csv.bz2"
    path.write_bytes(bz2.compress(b"\xef\xbb\xbfid\r\n1\r2\n"))
    settings = settings_for(datasets)
    assert read_data(path, settings, "bz2") == (b"id\n1\n2\n", [])
    assert read_csv_bytes(path, settings, "bz2") == (b"id\n1\n2\n", [])
    assert read_data_text(path, settings, "bz2") == ("id\n1\n2\n", [])
    assert read_data(path, settings) == (path.read_bytes(), [])  # no compression: the bytes as they are


def test_read_data_reads_the_named_zip_member(datasets):
    path = datasets / "t.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("first.csv", b"a\r\n")
        archive.writestr("second.csv", b"b\r\n")
    settings = settings_for(datasets)
    assert read_data(path, settings, "zip") == (b"a\n", [])
    assert read_data(path, settings, "zip", "second.csv") == (b"b\n", [])
    assert read_csv_bytes(path, settings, "zip", "second.csv") == (b"b\n", [])
    assert read_data_text(path, settings, "zip", "second.csv") == ("b\n", [])
    assert read_data(path, settings, "zip", "third.csv") == (None, [problem(
        "zip-member", "datasets/t.zip", target="datasets/t.zip", member="third.csv",
        members="first.csv, second.csv")])


def test_an_unreadable_archive_is_a_problem_at_the_file(datasets):
    path = write(datasets / "t.csv.gz", b"not gzip")
    assert read_data(path, settings_for(datasets), "gz") == (None, [problem(
        "compression-error", "datasets/t.csv.gz", target="datasets/t.csv.gz", compression="gz",
        detail="Not a gzipped file (b'no')")])


def test_an_archive_decompressing_past_the_limit_is_refused(datasets):
    path = datasets / "t.csv.gz"
    path.write_bytes(gzip.compress(b"x" * 100))
    settings = settings_for(datasets, max_file_bytes=99)
    assert read_data(path, settings, "gz") == (None, [problem(
        "decompressed-too-large", "datasets/t.csv.gz", target="datasets/t.csv.gz", limit=99)])
    assert read_data(path, settings_for(datasets, max_file_bytes=100), "gz") == (b"x" * 100, [])


def test_a_missing_file(datasets):
    expected = (None, [problem("missing-file", "datasets/no.csv", target="datasets/no.csv")])
    settings = settings_for(datasets)
    assert read_data(datasets / "no.csv", settings) == expected
    assert read_data(datasets / "no.csv", settings, "gz") == expected
    assert read_text(datasets / "no.csv", settings) == expected
    assert read_data_text(datasets / "no.csv", settings) == expected
    assert open_lines(datasets / "no.csv", settings) == expected
    (datasets / "dir.csv").mkdir()
    assert read_data(datasets / "dir.csv", settings) == (None, [
        problem("missing-file", "datasets/dir.csv", target="datasets/dir.csv")])


def test_the_size_limit_counts_the_bytes_on_disk(datasets):
    path = write(datasets / "t.csv", b"0123456789")
    assert read_data(path, settings_for(datasets, max_file_bytes=10)) == (b"0123456789", [])
    too_large = (None, [problem("file-too-large", "datasets/t.csv", size=10, limit=9)])
    assert read_data(path, settings_for(datasets, max_file_bytes=9)) == too_large
    assert read_data(path, settings_for(datasets, max_file_bytes=9), "gz") == too_large


def test_open_lines_gives_the_lines_of_read_data_text(datasets):
    path = write(datasets / "t.csv", b"\xef\xbb\xbfid,t\xc3\xaan\r\n1,\xc4\x91\r2,b")
    lines, problems = open_lines(path, settings_for(datasets))
    assert (list(lines), problems) == (["id,tên\n", "1,đ\n", "2,b"], [])


def test_open_lines_of_an_archive_member(datasets):
    path = datasets / "t.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.csv", b"a\n")
        archive.writestr("b.csv", b"x\r\ny")
    lines, problems = open_lines(path, settings_for(datasets), "zip", "b.csv")
    assert (list(lines), problems) == (["x\n", "y"], [])


def test_decoded_drops_the_bom_and_ends_lines_with_lf():
    assert decoded(b"\xef\xbb\xbfa\r\nb\rc\xc3\xa9") == "a\nb\ncé"
    with pytest.raises(UnicodeDecodeError):
        decoded(b"\xe9")


# -- paths ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "remote"), [
    ("https://example.org/t.csv", True), ("s3://bucket/t.csv", True), ("a+b.c-9://x", True), ("Z://x", True),
    ("HTTP://x", True), ("t.csv", False), ("http:/x", False), ("1http://x", False), ("+a://x", False),
    (" https://x", False), ("file:t.csv", False), ("a_b://x", False), ("", False), (None, False), (3, False),
    (["https://x"], False),
])
def test_is_remote(value, remote):
    assert is_remote(value) is remote


@pytest.mark.parametrize("relpath", ["", "/etc/passwd", "\\x.csv", "C:x.csv", "c:/x.csv", "../x.csv", "a/../t.csv",
                                     "a/../../x.csv"])
def test_a_path_leaving_the_folder_or_not_relative_is_refused(tmp_path, relpath):
    folder = tmp_path / "p"
    write(folder / "t.csv")
    write(folder / "a" / "t.csv")
    assert resolve_inside(folder, relpath) is None


def test_an_absolute_path_is_refused_even_inside_the_folder(tmp_path):
    folder = tmp_path / "p"
    write(folder / "t.csv")
    assert resolve_inside(folder, str(folder / "t.csv")) is None


@pytest.mark.parametrize("relpath", ["t.csv", "a/t.csv", "./a/t.csv", "a/./t.csv", "missing.csv", "1:x.csv"])
def test_a_path_inside_the_folder_resolves(tmp_path, relpath):
    folder = tmp_path / "p"
    write(folder / "t.csv")
    write(folder / "a" / "t.csv")
    assert resolve_inside(folder, relpath) == (folder / relpath).resolve()


def test_a_symlink_inside_the_folder_resolves_to_its_target(tmp_path):
    folder = tmp_path / "p"
    target = write(folder / "a" / "t.csv")
    (folder / "link.csv").symlink_to(target)
    (folder / "out.csv").symlink_to(write(tmp_path / "outside.csv"))
    assert resolve_inside(folder, "link.csv") == target.resolve()
    assert resolve_inside(folder, "out.csv") is None
