"""Unit tests of the change log (generator/changes/history.py, corrections.py, rewrites.py) and of the site's
stable addresses (generator/urls.py), written for mutation testing (issue 19): exact values, small real git
repositories in tmp_path (git runs in a subprocess only to make them; the code under test runs in-process)."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import settings_for, write
from test_changes import ATOM, FIRST, SECOND, THIRD, commit, git

from generator.changes import git as changes_git
from generator.changes import history
from generator.changes.git import Repository
from generator.changes.model import FileChange, ResourceChange, RowChange
from generator.changes.pages import feed
from generator.core.locale import locale
from generator.core.text import Text
from generator.supervision.model import Session, Supervision

# -- history.py: the pure parts ---------------------------------------------------------------------------------


def test_diff_rows_by_key_lists_changed_added_and_removed_rows_with_their_cells():
    before = (["id", "a", "b", "gone"], [{"id": "1", "a": "x", "b": "p", "gone": "g"},
                                          {"id": "2", "a": "x", "gone": "g"},  # no "b": read as ""
                                          {"id": "3", "a": "z", "b": "q", "gone": "g"},
                                          {"id": "5", "a": "m"}])
    after = (["id", "a", "b", "extra"], [{"id": "1", "a": "x", "b": "p", "extra": "e"},
                                         {"id": "2", "a": "y", "b": "", "extra": "e"},
                                         {"id": "4", "a": "w", "extra": "e"},
                                         {"id": "5", "a": "m", "b": "r"}])
    change = history.diff_rows("t", before, after, ("id",))
    assert change == ResourceChange(
        "t", "changed", 4, 4,
        (RowChange("changed", (("id", "2"),), ("a",), (("a", "x"),), (("a", "y"),)),
         RowChange("added", (("id", "4"),), (), (), (("id", "4"), ("a", "w"), ("b", ""), ("extra", "e"))),
         RowChange("changed", (("id", "5"),), ("b",), (("b", ""),), (("b", "r"),)),
         RowChange("removed", (("id", "3"),), (), (("id", "3"), ("a", "z"), ("b", "q"), ("gone", "g")), ())),
        ("extra",), ("gone",), keyed=True)


def test_diff_rows_by_key_reads_a_missing_key_cell_as_empty_and_compares_every_shared_column():
    before = (["k", "j", "v", "w", "x"], [{"k": "1", "j": "a", "v": "", "w": "1", "x": "5"}])
    after = (["k", "j", "v", "w", "x"], [{"k": "1", "j": "a", "w": "2"}, {"j": "b", "v": "1", "w": "1", "x": "0"}])
    change = history.diff_rows("t", before, after, ("k", "j"))
    assert change.keyed and change.rows == (
        RowChange("changed", (("k", "1"), ("j", "a")), ("w", "x"), (("w", "1"), ("x", "5")), (("w", "2"), ("x", ""))),
        RowChange("added", (("k", ""), ("j", "b")), (), (), (("k", ""), ("j", "b"), ("v", "1"), ("w", "1"),
                                                             ("x", "0"))))


@pytest.mark.parametrize("before, after, key", [
    ([{"id": "1"}, {"id": "1"}], [{"id": "1"}], ("id",)),  # a duplicate key in the old version
    ([{"id": "1"}], [{"id": "2"}, {"id": "2"}], ("id",)),  # or in the new one
    ([{"id": "1"}], [{"id": "2"}], ("nope",)),  # a key column neither version has
    ([{"id": "1"}], [{"id": "2"}], ()),  # no key
])
def test_diff_rows_without_a_usable_key_compares_rows_whole(before, after, key):
    change = history.diff_rows("t", (["id"], before), (["id"], after), key)
    assert not change.keyed
    assert all(row.key == () and row.fields == () for row in change.rows)
    assert [row.change for row in change.rows] == ["added"] * (len(after) - (before[0] in after)) + [
        "removed"] * (len(before) - (after[0] in before))


def test_diff_rows_with_a_key_column_only_one_version_has_compares_rows_whole():
    change = history.diff_rows("t", (["id", "v"], [{"id": "1", "v": "a"}]), (["v"], [{"v": "a"}]), ("id",))
    assert change == ResourceChange("t", "changed", 1, 1, (), (), ("id",), keyed=False)


def test_diff_rows_compared_whole_counts_each_copy_and_keeps_file_order():
    a, b, c = {"x": "a", "y": "1"}, {"x": "b", "y": "1"}, {"x": "c"}
    change = history.diff_rows("t", (["x", "y"], [a, a, b]), (["x", "y"], [a, c, c]), ())
    assert change == ResourceChange("t", "changed", 3, 3, (
        RowChange("added", (), (), (), (("x", "c"), ("y", ""))),
        RowChange("added", (), (), (), (("x", "c"), ("y", ""))),
        RowChange("removed", (), (), (("x", "a"), ("y", "1")), ()),
        RowChange("removed", (), (), (("x", "b"), ("y", "1")), ())), keyed=False)


@pytest.mark.parametrize("before, after, changes", [
    (3, 2, ["removed"]), (2, 3, ["added"]), (3, 3, []), (1, 4, ["added"] * 3), (4, 1, ["removed"] * 3)])
def test_diff_rows_compared_whole_counts_copies_of_one_row(before, after, changes):
    row = {"x": "a"}
    change = history.diff_rows("t", (["x"], [row] * before), (["x"], [row] * after), ())
    assert [r.change for r in change.rows] == changes


def test_diff_rows_compared_whole_matches_rows_on_the_shared_columns_only():
    change = history.diff_rows("t", (["x", "old"], [{"x": "1", "old": "o"}, {"x": "2"}]),
                               (["x", "new"], [{"new": "n"}, {"x": "1", "new": "n"}]), ())
    assert change.rows == (RowChange("added", (), (), (), (("x", ""), ("new", "n"))),
                           RowChange("removed", (), (), (("x", "2"), ("old", "")), ()))
    assert (change.columns_added, change.columns_removed) == (("new",), ("old",))
    same = history.diff_rows("t", (["x", "y"], [{"x": "1", "y": ""}]), (["x", "y"], [{"x": "1"}]), ())
    assert same.rows == ()


@pytest.mark.parametrize("spec, key", [
    ({"schema": {"primaryKey": "id"}}, ("id",)),
    ({"schema": {"primaryKey": ["a", 2]}}, ("a", "2")),
    ({"schema": {"primaryKey": 5}}, ()),
    ({"schema": {"fields": []}}, ()),
    ({"schema": "schema.json"}, ()),
    ({}, ()),
])
def test_primary_key(spec, key):
    assert history.primary_key(spec) == key


@pytest.mark.parametrize("descriptor, patterns", [
    ({"x-minhbach": {"records": {"sessions": "sessions/*.yaml", 3: "x/*.yml", "bad": 5}}},
     {"sessions": "sessions/*.yaml", "3": "x/*.yml"}),
    ({"x-minhbach": {"records": ["sessions/*.yaml"]}}, {}),
    ({"x-minhbach": "records"}, {}),
    ({}, {}),
])
def test_record_patterns(descriptor, patterns):
    assert history.record_patterns(descriptor) == patterns


@pytest.mark.parametrize("path, folder, expected", [
    ("d/p/sessions/a.yaml", "d/p/", True),
    ("d/p/sessions/a.yml", "d/p/", False),
    ("d/q/sessions/a.yaml", "d/p/", False),
    ("sessions/a.yaml", "", True),
    ("d/p/Sessions/a.yaml", "d/p/", False),
])
def test_is_record(path, folder, expected):
    assert history.is_record(path, folder, "sessions/*.yaml") is expected


@pytest.mark.parametrize("prefix, path, expected", [
    ("datasets/", "datasets/p/datapackage.yaml", True),
    ("datasets/", "datasets/datapackage.json", True),
    ("datasets/", "datasets/p/extra.package.yml", True),
    ("datasets/", "other/p/datapackage.yaml", False),
    ("datasets/", "datasets/p/data.csv", False),
    ("datasets/", "datasets/p/.git/datapackage.yaml", False),
    ("datasets/", "datasets/.p/datapackage.yaml", False),
    ("datasets/", "datasets/p/node_modules/datapackage.yaml", False),
    ("datasets/", "datasets/p/__pycache__/datapackage.yaml", False),
    ("", ".hidden/datapackage.yaml", False),
    ("", "p/datapackage.yaml", True),
    ("a/", ".a/datapackage.yaml", False),
    ("datasets/", "datasets/p/.x.package.yaml", False),  # a hidden file: the build does not publish it either
])
def test_is_package_descriptor(prefix, path, expected):
    assert history._is_package_descriptor(prefix, path) is expected


def test_a_hidden_top_folder_is_judged_below_the_prefix():
    """Only the folders below the datasets folder count: a repository kept in a hidden folder still works."""
    assert history._is_package_descriptor(".repo/datasets/", ".repo/datasets/p/datapackage.yaml")


@pytest.mark.parametrize("path, data, expected", [
    ("p/datapackage.yaml", b"name: p\nversion: 1.0\ncount: 010\nok: true\n",
     {"name": "p", "version": 1.0, "count": "010", "ok": True}),
    ("p/datapackage.json", b'{"name": "p", "version": "1.0"}', {"name": "p", "version": "1.0"}),
    # a merge key, refused in today's files (yaml-merge-key), read in an old version as it was published: a key "<<"
    ("p/datapackage.yaml", b"name: p\n<<: {title: T}\n", {"name": "p", "<<": {"title": "T"}}),
    ("p/datapackage.json", b"name: p\n", None),  # YAML is not JSON
    ("p/datapackage.yaml", b"\xef\xbb\xbfname: p\r\n", {"name": "p"}),
    ("p/datapackage.yaml", b"name: \xff\n", None),
    ("p/datapackage.yaml", b"- p\n", None),
    ("p/datapackage.yaml", b"name: [p\n", None),
    ("p/datapackage.json", b'{"name": "p", "name": "q"}', None),
])
def test_parse_descriptor(path, data, expected):
    assert history.parse_descriptor(path, data) == expected


RECORDS = """
id: GS-1
facts:
  - {id: F01, value: " 9/9 "}
  - {id: F02, value: "none"}
recommendations:
  - id: K01
    status_history:
      - {date: 2024-12-01, status: dinh_hoan, flags: inferred}
"""


def test_record_rows_are_the_values_record_files_state():
    other = "id: GS-2\nfacts: [{id: F01, value: '3'}]\n"
    found = history.record_rows({"s/a.yaml": RECORDS, "s/b.yaml": other})
    columns_rows, located = found.rows, found.located
    assert found.ambiguous == frozenset()
    assert columns_rows == (list(history.RECORD_COLUMNS), [
        {"record": "GS-1-F01", "entry": "fact", "value": "9/9"},
        {"record": "GS-1-F02", "entry": "fact", "value": "none"},
        {"record": "GS-1-K01", "entry": "recommendation"},
        {"record": "GS-1-K01", "entry": "2024-12-01", "value": "dinh_hoan inferred"},
        {"record": "GS-2-F01", "entry": "fact", "value": "3"}])
    assert located["s/a.yaml"][("GS-1-F01", "fact")] == ({"value": "9/9"}, ("facts", 0))
    assert history._record_tree("s/c.yaml", "value: 010\nflag: true\n").value == {"value": "010", "flag": "true"}


def test_a_record_id_two_records_have_is_ambiguous():
    """In two files (a session file copied), or twice in one (a fact copied): whose values are whose is unknown."""
    twice = "id: GS-2\nfacts: [{id: F01, value: '3'}, {id: F01, value: '4'}, {id: F02}]\n"
    assert history.record_rows({"s/a.yaml": RECORDS, "s/copy.yaml": RECORDS, "s/b.yaml": twice}).ambiguous == {
        "GS-1-F01", "GS-1-F02", "GS-1-K01", "GS-2-F01"}


# -- history.py: reading old versions from git ------------------------------------------------------------------


def zipped(members: dict[str, str]) -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


@pytest.fixture
def stored(tmp_path: Path):
    """A repository whose one commit holds files of every kind ``read_rows`` meets, under ``d/p/``."""
    top = tmp_path / "repo"
    folder = top / "d" / "p"
    files = {
        "t.csv": b"id,v\n1,a\n2,b\n",
        "u.csv": b"id,v\n3,c\n",
        "t.csv.gz": gzip.compress(b"id,v\n1,z\n", mtime=0),
        "plain.bin": gzip.compress(b"id,v\n5,g\n", mtime=0),
        "t.zip": zipped({"a.csv": "id,v\n7,x\n", "b.csv": "id,v\n8,y\n"}),
        "bad.gz": b"not gzip at all",
        "latin.csv": "id,v\n1,\u00e9\n".encode("latin-1"),
        "big.csv": b"id,v\n" + b"1,abcdefgh\n" * 10,
        "semi.csv": b"id;v\n4;d\n",
        "semi.json": b'{"csv": {"delimiter": ";"}}',
        "semi.yaml": b"delimiter: ';'\n",
        "bad-dialect.json": b"{",
    }
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    (top / "d" / "shared.csv").write_bytes(b"id,v\n9,s\n")
    (folder / "https:" / "example.org").mkdir(parents=True)  # where a remote path would land, read as local
    (folder / "https:" / "example.org" / "t.csv").write_bytes(b"id,v\n6,r\n")
    git(top, "init", "-q")
    sha = commit(top, "files", FIRST)
    with Repository.open(top / "d") as repo:
        yield repo, sha


@pytest.mark.parametrize("spec, rows", [
    ({"path": "t.csv"}, (["id", "v"], [{"id": "1", "v": "a"}, {"id": "2", "v": "b"}])),
    ({"path": "./t.csv"}, (["id", "v"], [{"id": "1", "v": "a"}, {"id": "2", "v": "b"}])),
    ({"path": "t.csv", "schema": {"fields": [{"name": "x"}, {"name": "y"}]}},  # today's schema; the file's header
     (["id", "v"], [{"id": "1", "v": "a"}, {"id": "2", "v": "b"}])),
    ({"path": "../shared.csv"}, (["id", "v"], [{"id": "9", "v": "s"}])),
    ({"path": ["t.csv", "u.csv"]}, (["id", "v"], [{"id": "1", "v": "a"}, {"id": "2", "v": "b"},
                                                  {"id": "3", "v": "c"}])),
    ({"path": ["t.csv.gz", "u.csv"]}, (["id", "v"], [{"id": "1", "v": "z"}, {"id": "3", "v": "c"}])),
    ({"path": "t.csv.gz"}, (["id", "v"], [{"id": "1", "v": "z"}])),
    ({"path": "plain.bin", "compression": "gz", "format": "csv"}, (["id", "v"], [{"id": "5", "v": "g"}])),
    ({"path": "t.zip", "innerpath": "b.csv", "format": "csv"}, (["id", "v"], [{"id": "8", "v": "y"}])),
    ({"path": "t.zip", "innerpath": "", "format": "csv"}, (["id", "v"], [{"id": "7", "v": "x"}])),  # the first
    ({"path": "t.zip", "innerpath": 3, "format": "csv"}, (["id", "v"], [{"id": "7", "v": "x"}])),
    ({"path": "bad.gz"}, None),
    ({"path": "latin.csv"}, None),
    # read in the encoding its resource declared (not UTF-8, it was no version at all); a byte that encoding has
    # no character for makes it unreadable again
    ({"path": "latin.csv", "encoding": "latin-1"}, (["id", "v"], [{"id": "1", "v": "\u00e9"}])),
    ({"path": "latin.csv", "encoding": "utf-16"}, None),
    ({"path": "missing.csv"}, None),
    ({"path": ["t.csv", "missing.csv"]}, None),
    ({"path": "https://example.org/t.csv"}, None),
    ({"name": "t"}, None),
    ({"path": []}, None),
    ({"data": [{"id": 1, "v": "a"}], "schema": {"fields": [{"name": "id"}, {"name": "v"}]}},
     (["id", "v"], [{"id": "1", "v": "a"}])),
    # a dialect kept in a file of its own, as it was at the commit (read by name only, the rows were one column)
    ({"path": "semi.csv", "dialect": "semi.json"}, (["id", "v"], [{"id": "4", "v": "d"}])),
    ({"path": "semi.csv", "dialect": "./semi.yaml"}, (["id", "v"], [{"id": "4", "v": "d"}])),
    # a dialect file that cannot be read counts as none given: the ';' file read with commas is an other-delimiter
    # (3bfa557), so that version is unreadable, a gap in the change log (it was one column of "4;d" rows)
    ({"path": "semi.csv", "dialect": "bad-dialect.json"}, None),
    ({"path": "semi.csv", "dialect": "missing.json"}, None),
])
def test_read_rows_reads_a_version_whole_or_not_at_all(stored, spec, rows):
    repo, sha = stored
    assert history.read_rows(repo, sha, "d/p/", spec, 1 << 20) == rows


def test_read_rows_refuses_a_file_over_the_limit(stored):
    repo, sha = stored
    size = len(b"id,v\n" + b"1,abcdefgh\n" * 10)
    assert history.read_rows(repo, sha, "d/p/", {"path": "big.csv"}, size - 1) is None
    assert len(history.read_rows(repo, sha, "d/p/", {"path": "big.csv"}, size)[1]) == 10


def test_text_at_decompresses_within_the_limit(stored):
    repo, sha = stored
    assert history._text_at(repo, sha, "d/p/t.csv.gz", 100, "gz") == "id,v\n1,z\n"
    assert history._text_at(repo, sha, "d/p/t.csv.gz", 5, "gz") is None  # the text is over the limit
    assert history._text_at(repo, sha, "d/p/t.zip", 1000, "zip", "b.csv") == "id,v\n8,y\n"
    assert history._text_at(repo, sha, "d/p/t.zip", 1000, "zip", "c.csv") is None
    assert history._text_at(repo, sha, "d/p/t.csv", 100) == "id,v\n1,a\n2,b\n"
    assert history._text_at(repo, sha, "d/p/none.csv", 100) is None


# -- history.py: the walk over the commits ----------------------------------------------------------------------

P_V1 = """
name: p
version: 1.0.0
x-minhbach: {records: {notes: "notes/*.yaml"}}
resources:
  - {name: t, path: t.csv, schema: {fields: [{name: id}, {name: v}], primaryKey: id}}
  - {name: r, path: r.csv}
  - {name: gone, path: gone.csv}
  - {name: k, path: k.csv, schema: {primaryKey: a}}
"""
P_V2 = """
name: p
version: 1.1.0
x-minhbach:
  records: {notes: "notes/*.yaml"}
  corrections:
    - {record: GS-1-F01, note_vi: Sai số, note_en: A typo}
resources:
  - {name: t, path: t.csv, schema: {fields: [{name: id}, {name: v}], primaryKey: id}}
  - {name: n, path: n.csv}
  - {name: k, path: k.csv, schema: {primaryKey: b}}
  - {name: m, path: missing.csv}
"""
NOTE = "id: GS-1\nfacts:\n  - {id: F01, value: '%s'}\n"


def walk_repo(tmp_path: Path) -> tuple[Path, list[str]]:
    """Three commits: p 1.0.0 (with q, versionless, and d); p 1.1.0 (a row changed, resources swapped, a key
    changed, a fact corrected, d deleted, a file added); then an unreleased change to p and a change to q; then
    one outside the datasets folder (HEAD)."""
    top, shas = tmp_path / "repo", []
    data = top / "datasets"
    write(top / "README.md", "outside the datasets folder\n")
    write(data / "p" / "datapackage.yaml", P_V1)
    write(data / "p" / "t.csv", "id,v\n1,a\n2,b\n")
    write(data / "p" / "r.csv", "k\nx\n")
    write(data / "p" / "k.csv", "a,b\n1,2\n")
    write(data / "p" / "notes" / "s.yaml", NOTE % "9/9")
    write(data / "p" / "README.md", "p\n")
    write(data / "q" / "datapackage.yaml", "name: q\nresources: [{name: w, path: w.csv}, junk, {path: x.csv}]\n")
    write(data / "q" / "w.csv", "k\n1\n")
    write(data / "d" / "datapackage.yaml", "name: d\nversion: '1'\nresources: []\n")
    write(data / "b" / "datapackage.yaml", "name: [b\n")  # unreadable, before the others in the commit
    write(data / "noname" / "datapackage.yaml", "title: No name, no resources\n")
    git(top, "init", "-q")
    shas.append(commit(top, "First", FIRST))
    write(data / "p" / "datapackage.yaml", P_V2)
    write(data / "p" / "t.csv", "id,v\n1,a\n2,c\n")
    (data / "p" / "r.csv").unlink()
    write(data / "p" / "n.csv", "k\ny\nz\n")
    write(data / "p" / "notes" / "s.yaml", NOTE % "8/9")
    write(data / "p" / "extra.txt", "new\n")
    (data / "d" / "datapackage.yaml").unlink()
    (data / "b" / "datapackage.yaml").unlink()  # never read: nothing to forget
    shas.append(commit(top, "Second", SECOND))
    write(data / "p" / "t.csv", "id,v\n1,z\n2,c\n")
    write(data / "q" / "w.csv", "k\n1\n2\n")
    write(data / "d" / "left.csv", "k\n1\n")  # d is gone: no release
    shas.append(commit(top, "Third", THIRD))
    write(top / "README.md", "changed, outside\n")
    shas.append(commit(top, "Outside only", THIRD))
    return data, shas


def test_the_walk_gives_each_release_its_changes(tmp_path):
    data, (first, second, third, _head) = walk_repo(tmp_path)
    found = history.load_history(settings_for(data))
    assert (found.reason, found.shallow, found.top) == ("", False, str(tmp_path / "repo"))
    summary = [(r.package, r.version, r.previous_version, r.commit, r.date, r.subject, r.released, r.initial,
                r.files, tuple(c.label for c in r.corrections)) for r in found.releases]
    one, two, three = datetime.fromisoformat(FIRST), datetime.fromisoformat(SECOND), datetime.fromisoformat(THIRD)
    assert summary == [
        ("d", "1", "", first, one, "First", True, True, (), ()),
        ("noname", "", "", first, one, "First", True, True, (), ()),
        ("p", "1.0.0", "", first, one, "First", True, True, (), ()),
        ("q", "", "", first, one, "First", True, True, (), ()),
        ("p", "1.1.0", "1.0.0", second, two, "Second", True, False,
         (FileChange("A", "extra.txt"), FileChange("M", "notes/s.yaml")), ("GS-1-F01",)),
        ("q", "", "", third, three, "Third", True, False, (), ()),
        ("p", "1.1.0", "1.1.0", third, three, "", False, False, (), ()),  # its last commit, not HEAD
    ]
    resources = [r.resources for r in found.releases]
    assert resources[:4] == [(), (), (ResourceChange("t", "new", 0, 2), ResourceChange("r", "new", 0, 1),
                                      ResourceChange("gone", "unreadable", 0, 0), ResourceChange("k", "new", 0, 1),
                                      ResourceChange("notes", "new", 0, 0, records=True, files=1)),
                             (ResourceChange("w", "new", 0, 1),)]
    assert resources[4] == (
        ResourceChange("t", "changed", 2, 2, (RowChange("changed", (("id", "2"),), ("v",), (("v", "b"),),
                                                        (("v", "c"),)),), keyed=True),
        ResourceChange("n", "new", 0, 2),
        ResourceChange("k", "changed", 1, 1),  # another key: rows compared whole
        ResourceChange("m", "unreadable", 0, 0),
        ResourceChange("r", "removed", 1, 0),
        ResourceChange("gone", "removed", 0, 0),
        ResourceChange("notes", "changed", 0, 0, (RowChange("changed", (("record", "GS-1-F01"), ("entry", "fact")),
                                                            ("value",), (("value", "9/9"),), (("value", "8/9"),)),),
                       keyed=True, records=True))
    assert resources[5] == (ResourceChange("w", "changed", 1, 2, (RowChange("added", (), (), (), (("k", "2"),)),)),)
    assert resources[6] == (ResourceChange("t", "changed", 2, 2, (RowChange("changed", (("id", "1"),), ("v",),
                                                                            (("v", "a"),), (("v", "z"),)),),
                                           keyed=True), ResourceChange("n", "changed", 2, 2),
                            ResourceChange("k", "changed", 1, 1, keyed=True), ResourceChange("m", "unreadable", 0, 0))
    assert found.first_added == {
        **{f"datasets/{p}": one for p in ("p/datapackage.yaml", "p/t.csv", "p/r.csv", "p/k.csv", "p/notes/s.yaml",
                                          "p/README.md",
                                          "q/datapackage.yaml", "q/w.csv", "d/datapackage.yaml",
                                          "b/datapackage.yaml", "noname/datapackage.yaml")},
        "datasets/p/n.csv": two, "datasets/p/extra.txt": two, "datasets/d/left.csv": three}


# -- urls.py: the addresses the docs promise ------------------------------------------------------------------

def test_page_and_download_addresses_are_the_documented_ones():
    from generator import urls

    assert urls.download_uri("nguon", "sources") == "tai-ve/nguon/sources.csv"
    assert urls.download_uri("nguon", "sources", "json") == "tai-ve/nguon/sources.json"
    assert urls.downloads_file(urls.BULK_ZIP) == "tai-ve/minhbach-data.zip"
    assert urls.tracker_part(2) == "giam-sat/kien-nghi-2.md"
    assert urls.agency_uri("Sở Nội vụ") == "co-quan/so-noi-vu.md"
    assert urls.dataset_uri("nguon") == "du-lieu/nguon.md"
    assert urls.session_uri("2024-06-11-test") == "giam-sat/2024-06-11-test.md"
    assert urls.indicator_uri("PAR Index") == "chi-so/par-index.md"
    assert urls.download_url("https://x.org/", "tai-ve/a/b.csv") == "https://x.org/tai-ve/a/b.csv"
    assert urls.download_url("", "tai-ve/a/b.csv") == "tai-ve/a/b.csv"


def test_chart_and_card_files_live_under_their_folders():
    from generator import urls
    from generator.core.charts.spec import Card, Chart

    chart = Chart("line", "par-79-en", "T", "A", "S", ("x",), (), lang="en")
    files = urls.chart_files(chart)
    assert (files.chart, files.svg_uri, files.png_uri, files.csv_uri, files.embed_uri) == (
        chart, "assets/charts/par-79-en.svg", "assets/charts/par-79-en.png", "assets/charts/par-79-en.csv",
        "nhung/par-79/index.html")
    card = Card("du-lieu-nguon", "T", "H")
    assert (urls.card_files(card).card, urls.card_files(card).png_uri) == (card, "assets/share/du-lieu-nguon.png")


@pytest.mark.parametrize("url, root", [
    ("https://x.org", "https://x.org/"),
    ("  https://x.org/a/ \n", "https://x.org/a/"),
    ("", ""),
    ("   ", ""),
])
def test_site_root(url, root):
    from generator import urls

    assert urls.site_root(url) == root


@pytest.mark.parametrize("uri, is_shared", [
    ("tai-ve/nguon/sources.csv", True),
    ("tai-ve/SHA256SUMS", True),
    ("tai-ve.md", False),  # the downloads guide is a page
    ("tai-ve/index.md", False),
    ("du-lieu/tai-ve/x.csv", False),
    ("assets/charts/a.svg", False),
])
def test_shared_means_a_download(uri, is_shared):
    from generator import urls

    assert urls.shared(uri) is is_shared


def test_addresses_from_each_language_root():
    from generator import urls
    from generator.core.locale import locale

    vi, en = locale("vi"), locale("en")
    assert urls.page_url("https://x.org/", vi, "du-lieu/nguon.md") == "https://x.org/du-lieu/nguon/"
    assert urls.page_url("https://x.org/", en, "du-lieu/index.md") == "https://x.org/en/du-lieu/"
    assert urls.page_url("", en, "index.md") == "en/"
    assert urls.from_language_root(vi, "tai-ve/nguon/sources.csv") == "tai-ve/nguon/sources.csv"
    assert urls.from_language_root(en, "tai-ve/nguon/sources.csv") == "../tai-ve/nguon/sources.csv"
    assert urls.from_language_root(en, "du-lieu/nguon.md") == "du-lieu/nguon/"
    assert urls.from_language_root(vi, "tai-ve.md") == "tai-ve/"


@pytest.mark.parametrize("lang, page, target, link", [
    ("vi", "du-lieu/nguon.md", "tai-ve/nguon/sources.csv", "../../tai-ve/nguon/sources.csv"),
    ("en", "du-lieu/nguon.md", "tai-ve/nguon/sources.csv", "../../../tai-ve/nguon/sources.csv"),
    ("en", "index.md", "tai-ve/minhbach-data.zip#top", "../tai-ve/minhbach-data.zip#top"),
    ("en", "du-lieu/nguon.md", "du-lieu/index.md#x", "../../du-lieu/#x"),
    ("en", "du-lieu/nguon.md", "tai-ve.md#cite", "../../tai-ve/#cite"),  # a page: the English one
    ("vi", "index.md", "chi-so/par.md", "chi-so/par/"),
    ("en", "index.md", "tai-ve/index.md#x", "tai-ve/#x"),  # a page under tai-ve/: the English one
])
def test_language_link(lang, page, target, link):
    from generator import urls
    from generator.core.locale import locale

    assert urls.language_link(locale(lang), page, target) == link


# -- corrections.py ---------------------------------------------------------------------------------------------

def loaded(text: str):
    from generator.core.read.package import LoadedPackage
    from generator.core.read.tree import load_yaml

    return LoadedPackage(Path("/d/p/datapackage.yaml"), "p/datapackage.yaml",
                         load_yaml(text, "p/datapackage.yaml", mode="descriptor"))


def test_a_correction_names_a_record_or_rows_of_a_resource():
    from generator.changes.corrections import correction
    from generator.changes.model import Correction
    from generator.core.text import Text

    assert correction({"record": " GS-1-F01 ", "resource": "t", "note_vi": " Sai ", "note_en": " Wrong "}) == \
        Correction("", (), "GS-1-F01", Text("Sai", "Wrong"))
    assert correction({"resource": " t ", "key": {"year": 2023, "ok": True, "no": False, "none": None, "x": 1.5},
                       "note_vi": "a"}) == Correction(
        "t", (("year", "2023"), ("ok", "true"), ("no", "false"), ("none", ""), ("x", "1.5")), "", Text("a", ""))
    assert correction({"resource": "t", "record": "  "}) == Correction("t", (), "", Text("", ""))
    assert correction({"resource": "t", "note_vi": None, "note_en": None}).note == Text("", "")
    for broken in ({"resource": "t", "key": ["year"]}, {"resource": " "}, {"resource": 5}, {"record": 5}, {},
                   "GS-1", None):
        assert correction(broken) is None


def test_corrections_of_keep_their_place_and_new_ones_are_those_the_old_descriptor_lacked():
    from generator.changes.corrections import corrections_of, new_corrections

    first, second = {"record": "A", "note_vi": "a"}, {"resource": "t", "key": {"k": 1}, "note_vi": "b"}
    new = {"x-minhbach": {"corrections": [first, "broken", second]}}
    assert [(i, c.label) for i, c in corrections_of(new)] == [(0, "A"), (2, "t: k=1")]
    assert [(i, c.label) for i, c in new_corrections({"x-minhbach": {"corrections": [first]}}, new)] == [
        (2, "t: k=1")]
    assert [i for i, _ in new_corrections(None, new)] == [0, 2]
    assert corrections_of({"x-minhbach": {"corrections": {"record": "A"}}}) == []
    assert corrections_of({"x-minhbach": ["corrections"]}) == []
    assert corrections_of({}) == []


def test_entry_problems_say_what_an_entry_lacks_at_its_line():
    from generator.changes.corrections import entry_problems
    from generator.core.problems import problem

    pkg = loaded("""name: p
x-minhbach:
  corrections:
    - just text
    - {record: GS-1, note_vi: a, note_en: b}
    - {note_vi: a, note_en: b}
    - {record: GS-1, note_vi: " "}
    - {record: GS-1, note_vi: a}
    - {record: GS-1, note_vi: a, note_en: " "}
""")
    key = "x-minhbach.corrections"
    assert entry_problems(pkg) == [
        problem("descriptor-type", "p/datapackage.yaml", 4, 7, "corrections", key=f"{key}[0]", expected="mapping"),
        problem("missing-value", "p/datapackage.yaml", 6, 7, "corrections", key=f"{key}[2].record | resource"),
        problem("missing-value", "p/datapackage.yaml", 7, 7, "note_vi", key=f"{key}[3].note_vi"),
        problem("missing-english", "p/datapackage.yaml", 8, 7, "note_en", key="note_vi", key_en="note_en"),
        problem("missing-english", "p/datapackage.yaml", 9, 7, "note_en", key="note_vi", key_en="note_en")]
    assert entry_problems(loaded("name: p\n")) == []


def test_a_descriptor_edit_alone_is_no_unreleased_change_and_an_unreadable_one_keeps_the_last(tmp_path):
    """The datasets folder is the repository's top here (folder ""). Editing the descriptor without a new
    version, or breaking it, adds no release; an added file does, as the unreleased entry."""
    top = tmp_path / "repo"
    records = ('"x-minhbach": {"records": {"a": "a/*.yaml", "n": "n/*.yaml"}, '
               '"corrections": [{"record": "GS-1", "note_vi": "a"}]}')
    write(top / "datapackage.json", '{"name": "p", "version": 1.5, "resources": [{"name": "t", "path": "t.csv"}], '
          + records + "}")
    write(top / "t.csv", "k\n1\n")
    write(top / "a" / "s.yaml", NOTE.replace("GS-1", "GS-A") % "1")
    write(top / "n" / "s.yaml", NOTE % "9/9")
    git(top, "init", "-q")
    first = commit(top, "First", FIRST)
    write(top / "datapackage.json", '{"name": "p", "title": "P", "version": 1.5, '
                                    '"resources": [{"name": "t", "path": "t.csv"}], ' + records + "}")
    commit(top, "A title", SECOND)
    write(top / "datapackage.json", '{"name": "p", "version": 1.5, ')  # broken: what was known stays
    commit(top, "Broken", THIRD)
    found = history.load_history(settings_for(top))
    assert [(r.package, r.version, r.commit, r.released) for r in found.releases] == [("p", "1.5", first, True)]
    write(top / "notes.txt", "n\n")
    write(top / "n" / "s.yaml", NOTE % "8/9")
    head = commit(top, "A note", THIRD)
    found = history.load_history(settings_for(top))
    assert [r.corrections for r in found.releases] == [(), ()]  # a note there from the start corrects nothing
    assert [(r.package, r.version, r.commit, r.released, r.files, r.resources) for r in found.releases] == [
        ("p", "1.5", first, True, (), (ResourceChange("t", "new", 0, 1),
                                       ResourceChange("a", "new", 0, 0, records=True, files=1),
                                       ResourceChange("n", "new", 0, 0, records=True, files=1))),
        ("p", "1.5", head, False, (FileChange("M", "n/s.yaml"), FileChange("A", "notes.txt")), (
            ResourceChange("t", "changed", 1, 1),
            ResourceChange("n", "changed", 0, 0, (RowChange("changed", (("record", "GS-1-F01"), ("entry", "fact")),
                                                            ("value",), (("value", "9/9"),), (("value", "8/9"),)),),
                           keyed=True, records=True)))]


def test_a_package_renamed_or_without_version_and_files_over_the_limit(tmp_path):
    top = tmp_path / "repo"
    data = top / "data"
    records = "x-minhbach: {records: {n: 'n/*.yaml'}}\n"
    write(data / "a" / "datapackage.yaml", "name: a\nversion: '1'\nresources: [{name: t, path: t.csv}]\n" + records)
    write(data / "a" / "t.csv", "k\n1\n2\n3\n4\n5\n6\n7\n8\n9\n")  # 20 bytes
    write(data / "a" / "n" / "s.yaml", NOTE % "9/9")  # over the limit: not read
    git(top, "init", "-q")
    first = commit(top, "First", FIRST)
    write(data / "a" / "datapackage.yaml", "name: b\nversion: '2'\nresources: [{name: t, path: t.csv}]\n" + records)
    write(data / "a" / "n" / "s.yaml", NOTE % "8/9")
    second = commit(top, "Renamed", SECOND)
    write(data / "a" / "n" / "s.yaml", NOTE % "7/9")
    third = commit(top, "Not released", THIRD)
    found = history.load_history(settings_for(data, max_file_bytes=19))
    assert [(r.package, r.version, r.previous_version, r.commit, r.released, r.resources)
            for r in found.releases] == [
        # a file over the limit is counted all the same: it is not read
        ("a", "1", "", first, True, (ResourceChange("t", "unreadable", 0, 0),
                                     ResourceChange("n", "new", 0, 0, records=True, files=1))),
        ("b", "2", "1", second, True, (ResourceChange("t", "unreadable", 0, 0),)),
        ("b", "2", "2", third, False, (ResourceChange("t", "unreadable", 0, 0),))]
    found = history.load_history(settings_for(data, max_file_bytes=20))
    assert [r.tables for r in found.releases] == [(ResourceChange("t", "new", 0, 9),),
                                                     (ResourceChange("t", "changed", 9, 9),),
                                                     (ResourceChange("t", "changed", 9, 9),)]


def test_a_descriptor_outside_any_repository_or_without_commits(tmp_path):
    write(tmp_path / "d" / "datapackage.yaml", "name: p\n")
    found = history.load_history(settings_for(tmp_path / "d"))
    assert (found.reason, found.releases) == (changes_git.NOT_A_REPOSITORY, ())
    git(tmp_path / "d", "init", "-q")
    assert history.load_history(settings_for(tmp_path / "d")).reason == changes_git.NO_COMMITS
    found = history.load_history(settings_for(tmp_path / "none"))
    assert found.reason == changes_git.GIT_ERROR and str(tmp_path / "none") in found.detail  # git's own words


def test_a_repository_git_cannot_read_has_no_history_and_says_why(tmp_path):
    write(tmp_path / "datasets" / "p" / "datapackage.yaml", "name: p\n")
    git(tmp_path, "init", "-q")
    commit(tmp_path, "one", FIRST)
    tree = git(tmp_path, "rev-parse", "HEAD:datasets")
    (tmp_path / ".git" / "objects" / tree[:2] / tree[2:]).unlink()  # the walk cannot read the data folder
    found = history.load_history(settings_for(tmp_path / "datasets"))
    assert (found.reason, found.releases) == (changes_git.GIT_ERROR, ()) and tree in found.detail


# -- rewrites.py ------------------------------------------------------------------------------------------------

def a_release(package: str, version: str, sha: str, released: bool = True):
    from generator.changes.model import Release

    return Release(package, version, "", sha, datetime.fromisoformat(FIRST), "", released=released)


def test_previous_release_is_the_newest_of_another_version_or_the_one_before_the_last_commit():
    from generator.changes.model import History
    from generator.changes.rewrites import previous_release

    releases = (a_release("p", "1.0", "a"), a_release("q", "", "b"), a_release("p", "1.1", "c"),
                a_release("p", "1.2", "d"), a_release("q", "", "e"), a_release("q", "", "f"),
                a_release("p", "1.2", "g", released=False), a_release("r", "", "h"), a_release("s", "1", "i", False))
    found = History(releases=releases)
    assert previous_release(found, "p", "1.2").commit == "c"
    assert previous_release(found, "p", "1.3").commit == "d"
    assert previous_release(found, "p", "1.1").commit == "d"
    assert previous_release(History(releases=releases[:1]), "p", "1.0").commit == "a"  # the first version
    assert previous_release(found, "q", "").commit == "e"
    assert previous_release(found, "r", "").commit == "h"  # one release: compared with it
    assert previous_release(found, "s", "1") is None  # never released
    assert previous_release(found, "x", "") is None


def test_baseline_label_is_the_version_or_the_commit():
    from generator.changes.rewrites import _Baseline

    assert _Baseline(a_release("p", "1.0", "abcdef123"), {}, "").label == "1.0"
    assert _Baseline(a_release("p", "", "abcdef123"), {}, "").label == "commit abcdef1"


@pytest.mark.parametrize("old, new, same", [
    ({"n": "1", "a": "x", "b": "y"}, {"n": "1", "a": "x", "b": "z"}, False),  # one text of two: not most
    ({"n": "1", "a": "x", "b": "y", "c": "w"}, {"n": "1", "a": "x", "b": "y", "c": "v"}, True),
    ({"n": "1", "a": "x", "b": "y"}, {"n": "2", "a": "x", "b": "y"}, False),
    ({"n": "1", "a": "x"}, {"n": "1", "a": "x", "m": "9"}, True),  # a column only one row has is not compared
    ({"n": "1", "m": "2"}, {"n": "1", "m": "2"}, False),  # no text column to agree on
    ({"n": "1", "a": "x", "b": "y"}, {"a": "x", "b": "y"}, True),
    ({"n": "1", "m": "2.5", "a": "x"}, {"n": "01", "m": "2.50", "a": "x"}, True),  # the same numbers, written otherwise
])
def test_same_numbers(old, new, same):
    from generator.changes.rewrites import _same_numbers
    from generator.core.read.table import Table

    assert _same_numbers(old, new, {"n": "integer", "m": "number"}, Table("p", "t", [], [], [])) is same


def test_moved_rows_pair_one_added_row_with_one_removed_row():
    from generator.changes.rewrites import _moved
    from generator.core.read.table import Table

    removed = [RowChange("removed", (), (), (("k", "a"), ("t", "x"), ("u", "y"), ("n", "1")), ()),
               RowChange("removed", (), (), (("k", "b"), ("t", "x"), ("u", "y"), ("n", "1")), ()),
               RowChange("removed", (), (), (("k", "c"), ("t", "y"), ("u", "y"), ("n", "2")), ())]
    added = RowChange("added", (), (), (), (("k", "z"), ("t", "x"), ("u", "y"), ("n", "1")))
    changed = RowChange("changed", (("k", "c"),), ("n",), (("n", "2"),), (("n", "3"),))
    table = Table("p", "t", [], [], [])
    assert _moved((changed, *removed, added), {"n": "number"}, table) == {removed[0]}
    assert _moved((changed, added), {"n": "number"}, table) == set()


def test_states_a_number():
    from generator.changes.rewrites import _states_a_number
    from generator.core.read.table import Table

    table = Table("p", "t", [], [], [], missing_values=frozenset({"", "NA"}))
    numeric = {"n": "number"}
    assert _states_a_number(RowChange("changed", (), ("t", "n"), (("t", "a"), ("n", "1")), (("t", "b"), ("n", "2"))),
                            numeric, table)
    # the same number written otherwise, or no number either way
    assert not _states_a_number(RowChange("changed", (), ("n",), (("n", "1.0"),), (("n", "1"),)), numeric, table)
    assert not _states_a_number(RowChange("changed", (), ("n",), (("n", ""),), (("n", "NA"),)), numeric, table)
    assert not _states_a_number(RowChange("changed", (), ("t",), (), ()), numeric, table)
    assert _states_a_number(RowChange("removed", (), (), (("t", "x"), ("n", "0")), ()), numeric, table)
    assert not _states_a_number(RowChange("removed", (), (), (("t", "x"), ("n", "NA")), ()), numeric, table)
    assert not _states_a_number(RowChange("removed", (), (), (("t", "x"),), ()), numeric, table)
    assert not _states_a_number(RowChange("added", (), (), (), (("n", "1"),)), numeric, table)


def test_spec_cells_and_decoded():
    from generator.changes.rewrites import _cells, _decoded, _spec

    descriptor = {"resources": ["t", {"name": "u", "path": "u.csv"}, {"name": "t", "path": "t.csv"}]}
    assert _spec(descriptor, "t") == {"name": "t", "path": "t.csv"}
    assert _spec(descriptor, "v") == {}
    assert _spec({"resources": {"name": "t"}}, "t") == {}
    assert _cells((("unit", "79"), ("year", "2023"))) == "unit=79; year=2023"
    assert _cells(()) == ""
    assert _decoded(b"\xef\xbb\xbfa\r\nb\xff") == "a\nb\ufffd"


def rewrites_of(datasets: Path) -> list:
    from generator.changes.rewrites import rewrite_problems
    from generator.core.datasets import load_datasets

    settings = settings_for(datasets)
    return rewrite_problems(history.load_history(settings), load_datasets(settings), settings)


def released_scores(project: Path) -> Path:
    from test_corrections import SCORES, SCORES_V1

    write(project / "diem" / "datapackage.yaml", SCORES)
    write(project / "diem" / "data" / "scores.csv", SCORES_V1)
    git(project.parent, "init", "-q")
    commit(project.parent, "First release", FIRST)
    return project


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), "utf-8")


def test_rewrite_problems_name_what_changed_where_and_since_which_release(project):
    from generator.core.problems import problem

    released_scores(project)
    scores, session = project / "diem" / "data" / "scores.csv", project / "giam-sat/sessions/2024-06-11-test.yaml"
    replace_in(scores, "79,2023,82.5,,seed", "79,2023,83.5,,seed")
    replace_in(scores, "01,2023,85.1,,seed\n", "")
    replace_in(session, 'value: "9/9"', 'value: "8/9"')
    replace_in(session, "status: dinh_hoan", "status: da_thuc_hien")
    replace_in(project / "diem" / "datapackage.yaml", "resources:",
               "x-minhbach:\n  corrections:\n    - {resource: scores, key: {unit: '02'}, note_vi: a, note_en: b}\n"
               "resources:")
    base = {"descriptor": "datasets/diem/datapackage.yaml", "version": "1.0.0"}
    sessions = {"descriptor": "datasets/giam-sat/datapackage.yaml",
                "version": "commit " + git(project.parent, "rev-parse", "--short=7", "HEAD")}
    session_rel = "datasets/giam-sat/sessions/2024-06-11-test.yaml"
    assert rewrites_of(project) == [
        problem("uncorrected-change", "datasets/diem/data/scores.csv", 3, None, "score",
                what="scores: unit=79; year=2023", before="82.5", after="83.5", **base),
        problem("uncorrected-change", "datasets/diem/datapackage.yaml", 5, None, "corrections",
                what="scores: unit=01; year=2023", before="unit=01; year=2023; score=85.1; note_vi=; source_id=seed",
                after="—", **base),
        problem("correction-unused", "datasets/diem/datapackage.yaml", 6, 7, "corrections",
                what="scores: unit=02", version="1.0.0"),
        problem("uncorrected-change", session_rel, 15, None, "value", what="GS-2024-06-11-TEST-F01", before="9/9",
                after="8/9", **sessions),
        problem("uncorrected-change", session_rel, 29, None, "status", what="GS-2024-06-11-TEST-K02 (2024-12-01)",
                before="dinh_hoan inferred", after="da_thuc_hien inferred", **sessions),
    ]


def test_a_record_no_longer_stated_is_reported_at_the_corrections(project):
    from generator.core.problems import problem

    released_scores(project)
    session = project / "giam-sat/sessions/2024-06-11-test.yaml"
    text = session.read_text("utf-8")
    facts, recommendations = text.index("facts:"), text.index("recommendations:")
    session.write_text(text[:facts] + "facts: []\n" + text[recommendations:].replace(
        "    status_history:\n", "    old_history:\n"), "utf-8")
    replace_in(project / "giam-sat" / "datapackage.yaml", "x-minhbach: {", "x-minhbach: {corrections: [], ")
    sessions = {"descriptor": "datasets/giam-sat/datapackage.yaml",
                "version": "commit " + git(project.parent, "rev-parse", "--short=7", "HEAD")}
    where = ("datasets/giam-sat/datapackage.yaml", 3, None, "corrections")
    assert rewrites_of(project) == [
        problem("uncorrected-change", *where, what="GS-2024-06-11-TEST-F01", before="9/9", after="—", **sessions),
        problem("uncorrected-change", "datasets/giam-sat/sessions/2024-06-11-test.yaml", 17, None, "status",
                what="GS-2024-06-11-TEST-K02 (2024-12-01)", before="dinh_hoan inferred", after="—", **sessions)]
    session.unlink()
    assert [(p.path, p.line, p.params_dict()["what"]) for p in rewrites_of(project)] == [
        ("datasets/giam-sat/datapackage.yaml", 3, "GS-2024-06-11-TEST-F01"),
        ("datasets/giam-sat/datapackage.yaml", 3, "GS-2024-06-11-TEST-K02 (2024-12-01)")]


def test_a_moved_row_is_an_update(project):
    released_scores(project)
    replace_in(project / "diem" / "data" / "scores.csv", "01,2023,85.1,,seed", "HN,2023,85.1,,seed")
    assert rewrites_of(project) == []


def test_without_a_history_only_the_entries_are_checked(project):
    write(project / "diem" / "datapackage.yaml", "name: diem\nx-minhbach: {corrections: [{record: X}]}\n"
          "resources: [{name: t, path: t.csv}]\n")
    write(project / "diem" / "t.csv", "k\n1\n")
    assert [(p.code, p.path, p.field) for p in rewrites_of(project)] == [
        ("missing-value", "datasets/diem/datapackage.yaml", "note_vi")]


def test_a_data_folder_never_committed_still_says_where_the_repository_is(tmp_path):
    top = tmp_path / "repo"
    write(top / "README.md", "no data yet\n")
    git(top, "init", "-q")
    commit(top, "readme", FIRST)
    write(top / "NEWS.md", "two\n")
    commit(top, "news", SECOND)
    write(top / "datasets" / "p" / "datapackage.yaml", "name: p\n")  # untracked
    found = history.load_history(settings_for(top / "datasets"))
    assert (found.reason, found.shallow, found.top, found.releases) == (
        changes_git.NO_DATA_COMMITS, False, str(top), ())
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{top}", str(clone))
    write(clone / "datasets" / "p" / "datapackage.yaml", "name: p\n")
    found = history.load_history(settings_for(clone / "datasets"))
    assert (found.reason, found.shallow, found.top) == (changes_git.NO_DATA_COMMITS, True, str(clone))


TOP_PACKAGE = """
name: top
version: 1.0.0
x-minhbach: {records: {notes: "s/*.yaml"}}
resources:
  - name: t
    path: t.csv
    schema: {fields: [{name: id, type: string}, {name: n, type: number}], primaryKey: id}
  - name: i
    data: [{n: 1}]
    schema: {fields: [{name: n, type: number}]}
"""


def test_a_package_at_the_repository_top_is_compared_with_its_release(tmp_path):
    """The datasets folder is the repository (folder ""); an inline table has no file to point at."""
    from generator.core.problems import problem

    top = tmp_path / "top"
    write(top / "datapackage.yaml", TOP_PACKAGE)
    write(top / "t.csv", "id,n\na,1\nb,2\n")
    write(top / "s" / "a.yaml", "id: GS-1\nfacts:\n  - id: F01\n    value: '9/9'\n")
    git(top, "init", "-q")
    commit(top, "First", FIRST)
    replace_in(top / "datapackage.yaml", "data: [{n: 1}]", "data: [{n: 2}]")
    replace_in(top / "t.csv", "b,2", "b,3")
    replace_in(top / "s" / "a.yaml", "9/9", "8/9")
    base = {"descriptor": "top/datapackage.yaml", "version": "1.0.0"}
    assert rewrites_of(top) == [
        problem("uncorrected-change", "top/t.csv", 3, None, "n", what="t: id=b", before="2", after="3", **base),
        problem("uncorrected-change", "top/s/a.yaml", 4, None, "value", what="GS-1-F01", before="9/9", after="8/9",
                **base)]


def test_a_package_moved_to_another_folder_has_no_baseline(project):
    released_scores(project)
    replace_in(project / "diem" / "data" / "scores.csv", "79,2023,82.5", "79,2023,83.5")
    (project / "diem").rename(project / "diem-moi")
    assert [p for p in rewrites_of(project) if "diem" in p.path] == []


def test_a_removed_row_of_a_descriptor_without_positions_is_reported_at_its_first_line(tmp_path):
    """JSON that YAML cannot compose (an escaped surrogate pair) has no positions: the problem is at line 1."""
    data = tmp_path / "repo" / "datasets"
    write(data / "emo" / "datapackage.json", '{"name": "emo", "title": "\\ud83d\\ude00", "version": "1.0.0", '
          '"resources": [{"name": "t", "path": "t.csv", "schema": {"fields": [{"name": "id", "type": "string"}, '
          '{"name": "n", "type": "number"}], "primaryKey": "id"}}]}\n')
    write(data / "emo" / "t.csv", "id,n\na,1\nb,2\n")
    git(data.parent, "init", "-q")
    commit(data.parent, "First", FIRST)
    replace_in(data / "emo" / "t.csv", "b,2\n", "")
    assert [(p.code, p.path, p.line, p.field) for p in rewrites_of(data)] == [
        ("uncorrected-change", "datasets/emo/datapackage.json", 1, "corrections")]


KEYED = """
name: k
version: 1.0.0
resources:
  - name: t
    path: t.csv
    schema:
      fields: [{name: id, type: string}, {name: code, type: string}, {name: n, type: number}]
      primaryKey: id
"""


def test_a_table_whose_key_changed_is_compared_row_by_row_whole(tmp_path):
    from generator.changes.rewrites import rewrite_problems
    from generator.core.datasets import load_datasets

    data = tmp_path / "repo" / "datasets"
    write(data / "k" / "datapackage.yaml", KEYED)
    write(data / "k" / "t.csv", "id,code,n\na,A,1\nb,B,2\n")
    git(data.parent, "init", "-q")
    commit(data.parent, "First", FIRST)
    replace_in(data / "k" / "datapackage.yaml", "primaryKey: id", "primaryKey: code")
    replace_in(data / "k" / "t.csv", "b,B,2", "b,B,3")
    assert [(p.path, p.line, p.field, p.params_dict()["what"]) for p in rewrites_of(data)] == [
        ("datasets/k/datapackage.yaml", 1, "corrections", "t: id=b; code=B; n=2")]
    replace_in(data / "k" / "datapackage.yaml", "primaryKey: code", "primaryKey: id")
    replace_in(data / "k" / "datapackage.yaml", "version: 1.0.0", "version: 1.1.0")
    write(data / "k" / "t.csv", "id,code,n\n" + "".join(f"r{i},C{i},{i}\n" for i in range(100)))
    commit(data.parent, "Many rows", SECOND)
    replace_in(data / "k" / "datapackage.yaml", "version: 1.1.0", "version: 1.2.0")
    write(data / "k" / "t.csv", "id,code,n\nr0,C0,0\n")  # 99 rows removed since 1.1.0, if it could be read
    settings = settings_for(data, max_file_bytes=len(KEYED) + 10)  # the old version is over it, the rest is not
    assert rewrite_problems(history.load_history(settings), load_datasets(settings), settings) == []


RECORDS_PACKAGE = """
name: r
version: 1.0.0
x-minhbach: {records: {notes: "s/*.yaml"}}
"""
TABLE = """resources:
  - {name: t, path: t.csv, schema: {fields: [{name: n, type: number}]}}
"""


def records_repo(tmp_path: Path, first_note: str, table_at_release: bool = True) -> Path:
    data = tmp_path / "repo" / "datasets"
    write(data / "r" / "datapackage.yaml", RECORDS_PACKAGE + (TABLE if table_at_release else ""))
    write(data / "r" / "t.csv", "n\n1\n")
    write(data / "r" / "s" / "a.yaml", first_note)
    git(data.parent, "init", "-q")
    commit(data.parent, "First", FIRST)
    replace_in(data / "r" / "datapackage.yaml", "version: 1.0.0", "version: 1.1.0")
    if not table_at_release:
        (data / "r" / "datapackage.yaml").write_text(RECORDS_PACKAGE.replace("1.0.0", "1.1.0") + TABLE, "utf-8")
    return data


def test_a_record_moved_to_a_new_file_is_no_rewrite(tmp_path):
    data = records_repo(tmp_path, "id: GS-1\nfacts:\n  - {id: F01, value: '9/9'}\n  - {id: F02, value: '1'}\n")
    write(data / "r" / "s" / "a.yaml", "id: GS-1\nfacts:\n  - {id: F02, value: '1'}\n")
    write(data / "r" / "s" / "b.yaml", "id: GS-1\nfacts:\n  - {id: F01, value: '9/9'}\n")
    assert rewrites_of(data) == []


def test_a_record_file_over_the_size_limit_at_the_release_is_not_compared(tmp_path):
    from generator.changes.rewrites import rewrite_problems
    from generator.core.datasets import load_datasets

    padding = "# " + "x" * 400 + "\n"
    data = records_repo(tmp_path, padding + "id: GS-1\nfacts:\n  - {id: F01, value: '9/9'}\n")
    replace_in(data / "r" / "s" / "a.yaml", "9/9", "8/9")
    settings = settings_for(data, max_file_bytes=300)
    assert rewrite_problems(history.load_history(settings), load_datasets(settings), settings) == []
    assert [p.params_dict()["before"] for p in rewrites_of(data)] == ["9/9"]  # within the default limit


def test_a_release_without_resources_has_no_table_to_compare(tmp_path):
    data = records_repo(tmp_path, "id: GS-1\n", table_at_release=False)
    assert rewrites_of(data) == []


@pytest.mark.parametrize("version", ["version: '1'\n", ""])
def test_no_commit_since_the_last_release_means_no_unreleased_entry(tmp_path, version):
    """Even when the release cannot be compared with HEAD (a resource git does not hold reads as unreadable)."""
    data = tmp_path / "repo" / "datasets"
    write(data / "p" / "datapackage.yaml", "name: p\n" + version + "resources:\n"
          "  - {name: remote, path: 'https://example.org/x.csv'}\n  - {name: missing, path: missing.csv}\n")
    git(data.parent, "init", "-q")
    first = commit(data.parent, "First", FIRST)
    write(data.parent / "README.md", "outside\n")
    commit(data.parent, "Outside", SECOND)
    found = history.load_history(settings_for(data))
    assert [(r.commit, r.released, r.resources) for r in found.releases] == [
        (first, True, (ResourceChange("remote", "unreadable", 0, 0), ResourceChange("missing", "unreadable", 0, 0)))]


@pytest.mark.parametrize(("kind", "old", "new", "same"), [
    ("number", "82.5", "82.50", True), ("number", "1e2", "100", True), ("integer", "07", "7", True),
    ("number", "", "", True), ("number", "82.5", "82.6", False), ("number", "82.5", "", False),
    ("number", "NaN", "nan", False),  # no NaN equals another
    ("number", "sNaN", "snan", False),  # a signalling NaN refuses to be compared: no traceback
    ("number", "abc", "abc ", False),  # not a number: compared as text
])
def test_a_numeric_cell_is_compared_with_its_earlier_version_by_value(kind, old, new, same):
    from generator.changes.rewrites import _same_value
    from generator.core.read.table import Table

    assert _same_value(Table("p", "r", [], [], []), "x", kind, old, new) is same


def test_a_numeric_cell_is_compared_with_the_missing_values_of_its_own_column():
    from generator.changes.rewrites import _same_value
    from generator.core.read.table import FieldSpec, Table

    own = FieldSpec.from_descriptor({"name": "n", "type": "integer", "missingValues": ["", {"value": "-"}]})
    table = Table("p", "r", [own, FieldSpec("m", "integer")], ["n", "m"], [])
    # "-" is no value of n (as "" is): no number was rewritten; in m it is a text, not the empty cell
    assert (_same_value(table, "n", "integer", "-", ""), _same_value(table, "m", "integer", "-", "")) == (True, False)


# -- pages.py: the Atom feed, in each language --------------------------------------------------------------------


def feed_session(session_id: str, when: date, precision: str = "day", planned: bool = False) -> Session:
    return Session(session_id, f"giam-sat/sessions/{session_id}.yaml", when, precision, Text(),
                   Text("HĐND TP.HCM", "HCMC People's Council"), "giam_sat_chuyen_de", "", Text(), (), ("SNV",),
                   Text(), Text(f"Chủ đề {session_id}", f"Topic {session_id}"), "", (), (), Text(), (), (), (), (),
                   (), planned=planned)


def feed_entries(lang: str, *sessions: Session, releases: tuple[history.Release, ...] = (),
                 build_date: date = date(2026, 12, 1), added: dict[str, str] | None = None,
                 ) -> tuple[ET.Element, dict[str, dict[str, str]]]:
    """The feed of ``sessions`` and ``releases``, and its entries by id; ``added``: the day each session's file
    (by session id) was first committed, else no git history of the files."""
    settings = replace(settings_for(Path("/nowhere/datasets")), build_date=build_date)
    supervision = Supervision(sessions, {}, {}, build_date)
    titles = {r.package: Text(r.package) for r in releases}
    first_added = {f"giam-sat/sessions/{i}.yaml": datetime.fromisoformat(when) for i, when in (added or {}).items()}
    found = history.History(releases, first_added=first_added, top="/nowhere")
    root = ET.fromstring(feed(found, titles, supervision, settings, "", locale(lang)))
    entries = {e.findtext(f"{ATOM}id"): {child.tag.removeprefix(ATOM): child.text or "" for child in e}
               for e in root.findall(f"{ATOM}entry")}
    return root, entries


@pytest.mark.parametrize(("lang", "month", "year", "day"), [
    ("vi", "HĐND TP.HCM, 08/2022", "HĐND TP.HCM, 2020", "HĐND TP.HCM, 11/06/2024"),
    ("en", "HCMC People's Council, Aug 2022", "HCMC People's Council, 2020", "HCMC People's Council, 11 Jun 2024"),
])
def test_the_feed_gives_a_session_date_only_as_precisely_as_it_is_known(lang, month, year, day):
    _, entries = feed_entries(lang, feed_session("M", date(2022, 8, 1), "month"),
                              feed_session("Y", date(2020, 1, 1), "year"), feed_session("D", date(2024, 6, 11)))
    assert [entries[f"urn:minhbach:session:{i}"]["summary"] for i in "MYD"] == [month, year, day]


def initial_release(package: str, *rows: int) -> history.Release:
    return history.Release(package, "1.0.0", "", "a" * 40, datetime.fromisoformat(FIRST), "First", initial=True,
                           resources=tuple(ResourceChange(f"t{i}", "new", 0, n) for i, n in enumerate(rows)))


@pytest.mark.parametrize(("lang", "one", "two"), [
    ("vi", "Phát hành lần đầu: 41 dòng trong 1 bảng.", "Phát hành lần đầu: 1.001 dòng trong 2 bảng."),
    ("en", "First release: 41 rows in 1 table.", "First release: 1,001 rows in 2 tables."),
])
def test_the_feed_counts_rows_and_tables_in_the_form_their_number_takes(lang, one, two):
    _, entries = feed_entries(lang, releases=(initial_release("a", 41), initial_release("b", 1, 1000)))
    assert (entries[f"urn:minhbach:release:a:{'a' * 40}"]["summary"],
            entries[f"urn:minhbach:release:b:{'a' * 40}"]["summary"]) == (one, two)
    _, entries = feed_entries(lang, releases=(initial_release("c", 1),))
    assert entries[f"urn:minhbach:release:c:{'a' * 40}"]["summary"] == {
        "vi": "Phát hành lần đầu: 1 dòng trong 1 bảng.", "en": "First release: 1 row in 1 table."}[lang]


def changes_page(lang: str, found: history.History) -> str:
    """The change-log page's Markdown as the pipeline renders it, in ``lang``."""
    from generator.changes.feature import ChangesFeature
    from generator.changes.pages import build
    from generator.core.datasets import Datasets
    from generator.core.feature import PageContext, Site
    from generator.core.render.jinja import environment

    site = Site(Datasets(), settings_for(Path("/nowhere/datasets")))
    language = locale(lang)
    env = environment(language, {"changes": ChangesFeature.templates}, {}, site.raw, site.settings)
    return build(found, PageContext(site, language, env)).pages[0].content


FIRST_RELEASE = {
    "vi": ("Phát hành lần đầu: 2 dòng trong 1 bảng, kèm 2 tệp phiên giám sát và 1 tệp bản ghi “notes”.",
           "2 tệp phiên giám sát", "1 tệp bản ghi “notes”"),
    "en": ("First release: 2 rows in 1 table, plus 2 session files and 1 “notes” record file.",
           "2 session files", "1 “notes” record file")}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_first_release_counts_its_record_files_beside_its_tables(tmp_path, lang):
    """The supervision package's first release held its session files, which the site publishes as four tables:
    the feed and the page said "16 dòng trong 2 bảng", the descriptor's code lists alone (audit facts5 #2). They
    count the record files of each set at that commit (a file the pattern does not match is not one); a later
    release tells what their values changed, as before."""
    data = tmp_path / "repo" / "datasets"
    write(data / "g" / "datapackage.yaml", "name: g\nversion: 1.0.0\nresources: [{name: t, path: t.csv}]\n"
          "x-minhbach: {records: {sessions: 'sessions/*.yaml', notes: 'notes/*.yaml', none: 'none/*.yaml'}}\n")
    write(data / "g" / "t.csv", "k\n1\n2\n")
    write(data / "g" / "sessions" / "a.yaml", NOTE % "9/9")
    write(data / "g" / "sessions" / "b.yaml", NOTE.replace("GS-1", "GS-2") % "1")
    write(data / "g" / "sessions" / "README.md", "not a session\n")
    write(data / "g" / "notes" / "n.yaml", NOTE.replace("GS-1", "GS-3") % "2")
    git(data.parent, "init", "-q")
    first = commit(data.parent, "First", FIRST)
    write(data / "g" / "sessions" / "c.yaml", NOTE.replace("GS-1", "GS-4") % "3")
    commit(data.parent, "A session", SECOND)
    found = history.load_history(settings_for(data))
    initial, pending = found.releases
    assert initial.resources == (ResourceChange("t", "new", 0, 2),
                                 ResourceChange("sessions", "new", 0, 0, records=True, files=2),
                                 ResourceChange("notes", "new", 0, 0, records=True, files=1))
    assert not pending.released and [(c.resource, c.files, c.added) for c in pending.resources if c.records] == [
        ("sessions", 0, 1)]
    summary, sessions, notes = FIRST_RELEASE[lang]
    _, entries = feed_entries(lang, releases=(initial,))
    assert entries[f"urn:minhbach:release:g:{first}"]["summary"] == summary
    page = changes_page(lang, history.History((initial,)))
    for name, files in (("sessions", sessions), ("notes", notes)):  # no rows counted, the files noted
        assert f"<code>{name}</code></th><td>–</td><td>–</td><td>–</td><td>–</td><td>{files}</td></tr>" in page


@pytest.mark.parametrize(("hidden", "lang", "sentence"), [
    (1, "vi", "Còn 1 thay đổi nữa không hiện ở đây (chỉ hiện 50); xem changes.csv."),
    (1, "en", "1 more change is not shown here (only 50 are); see changes.csv."),
    (1002, "vi", "Còn 1.002 thay đổi nữa không hiện ở đây (chỉ hiện 50); xem changes.csv."),
    (1002, "en", "1,002 more changes are not shown here (only 50 are); see changes.csv."),
])
def test_the_page_counts_the_row_changes_it_leaves_out_in_the_form_their_number_takes(hidden, lang, sentence):
    rows = tuple(RowChange("added", (("id", str(i)),), (), (), (("id", str(i)),)) for i in range(50 + hidden))
    release = history.Release("p", "1.1.0", "1.0.0", "b" * 40, datetime.fromisoformat(SECOND), "Second",
                              resources=(ResourceChange("t", "changed", 0, len(rows), rows, keyed=True),))
    page = changes_page(lang, history.History((release,)))
    assert f'<p class="mb-caption">{sentence}</p>' in page


PLANNED = {"vi": ("Phiên giám sát dự kiến: Chủ đề P", "HĐND TP.HCM, 02/03/2027. Phiên dự kiến, chưa diễn ra."),
           "en": ("Planned supervision session: Topic P",
                  "HCMC People's Council, 2 Mar 2027. Planned; it has not taken place yet.")}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_session_ahead_of_the_build_date_is_announced_as_planned_and_nothing_is_dated_later(lang):
    planned = feed_session("P", date(2027, 3, 2), planned=True)
    late = replace(initial_release("a", 1), date=datetime.fromisoformat("2026-12-05T10:00:00+07:00"))
    root, entries = feed_entries(lang, planned, releases=(late,))
    assert set(entries) == {"urn:minhbach:session:P:planned", f"urn:minhbach:release:a:{'a' * 40}"}
    entry = entries["urn:minhbach:session:P:planned"]
    assert (entry["title"], entry["summary"]) == PLANNED[lang]
    # with no history, it appeared on the site with this build; a commit the build date has not reached is
    # dated the build date too
    assert {e["updated"] for e in entries.values()} == {"2026-12-01T00:00:00+00:00"}
    assert root.findtext(f"{ATOM}updated") == "2026-12-01T00:00:00+00:00"
    # committed before: dated by its commit, still planned
    _, entries = feed_entries(lang, planned, added={"P": SECOND})
    assert (entries["urn:minhbach:session:P:planned"]["updated"], entries["urn:minhbach:session:P:planned"]["title"]
            ) == (SECOND, PLANNED[lang][0])


def test_a_planned_session_becomes_a_new_session_on_its_date():
    planned = feed_session("P", date(2027, 3, 2), planned=True)
    _, entries = feed_entries("vi", planned, added={"P": SECOND}, build_date=date(2027, 3, 2))
    assert list(entries) == ["urn:minhbach:session:P"]  # another entry: a reader who saw it planned sees it held
    assert entries["urn:minhbach:session:P"]["title"] == "Phiên giám sát mới: Chủ đề P"
    assert entries["urn:minhbach:session:P"]["updated"] == "2027-03-02T00:00:00+00:00"  # held then, not at commit
    # a file committed after the session is dated by its commit, as before
    _, entries = feed_entries("vi", planned, added={"P": "2027-04-01T09:00:00+07:00"}, build_date=date(2027, 5, 1))
    assert entries["urn:minhbach:session:P"]["updated"] == "2027-04-01T09:00:00+07:00"


def test_a_key_reworded_with_every_other_cell_the_same_is_counted_as_rekeyed():
    """hanh-chinh's week-41 rows: the period label (in the key) reworded, no figure changed; the log said
    "16 added, 16 removed" and nothing else (audit facts8 #5)."""
    before = (["period", "unit", "value"], [{"period": "2025-10 (tuần 41)", "unit": "a", "value": "1"},
                                           {"period": "2025-10 (tuần 41)", "unit": "b", "value": "2"},
                                           {"period": "2025-10 (tuần 41)", "unit": "c", "value": "3"}])
    week = "tuần 41, 10/2025"
    after = (["value", "unit", "period", "note"], [{"period": week, "unit": "a", "value": "1", "note": "x"},
                                                   {"period": week, "unit": "b", "value": "2", "note": ""},
                                                   {"period": week, "unit": "c", "value": "3,0", "note": ""}])
    change = history.diff_rows("observations", before, after, ("period", "unit"))
    assert (change.added, change.removed, change.rekeyed) == (3, 3, 2)  # c's value was rewritten
    assert history.diff_rows("o", before, after, ()).rekeyed == 0  # matched whole: no key to speak of
