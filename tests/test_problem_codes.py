"""One broken fixture per problem code: each asserts (path, line, field, code) of what validation reports.

A test at the end checks that every code of the catalogue has a case here.
"""

from __future__ import annotations

import gzip
import io
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import SESSION, Package, Resource, settings_for, write

from generator import pipeline
from generator.core.messages import CATALOGUE

T = Resource("t", ("id:integer", "name:string"), rows="1,a\n", schema_extra="primaryKey: [id]")
TABLE = Package("p", (T,)).text  # the cases that break the descriptor edit this text; line 4 is t's path


def package(root: Path, text: str = TABLE, rows: str = "1,a\n", header: str | None = None,
            file: str = "datapackage.yaml") -> Path:
    """Package p: the descriptor ``text`` and t.csv (``header``, the field names unless given, then ``rows``)."""
    Package("p", (replace(T, rows=rows, header=header),)).write(root, text, file)
    return root


def table(root: Path, fields: tuple[str, ...], rows: str, schema_extra: str = "") -> Path:
    """Package p with one table t of these ``fields`` (no primary key) and these ``rows``."""
    Package("p", (Resource("t", fields, rows, schema_extra=schema_extra),)).write(root)
    return root


def _own(root: Path, fields: tuple[str, ...], rows: str) -> Path:
    """Like ``table``, in a package of the site's own (it has an ``x-minhbach`` role; the indicators feature reads
    no table ``t``)."""
    Package("p", (Resource("t", fields, rows),), "x-minhbach: {role: indicators}").write(root)
    return root


def _roles(root: Path) -> Path:
    """Packages a and b both claim the role ``agencies``: the error is at b, the later one."""
    Package("a", (T,), "x-minhbach: {role: agencies}").write(root)
    Package("b", (T,), "x-minhbach: {role: sources}").write(root)
    (root / "b" / "datapackage.yaml").write_text(Package("b", (T,), "x-minhbach: {role: agencies}").text, "utf-8")
    return root


def status_code_spaced(project: Path) -> Path:
    """A status code with a blank, the descriptor allowing it (the fixture's code column has no pattern), used by
    the session: it would add a class of the site's own to every badge of that status."""
    path = project / "giam-sat" / "data" / "statuses.csv"
    path.write_text(path.read_text("utf-8").replace("dinh_hoan,", '"dinh_hoan md-header",'), "utf-8")
    return session(project, "status: dinh_hoan", 'status: "dinh_hoan md-header"')


def derived_taken(project: Path) -> Path:
    """The supervision package declares a resource named like a table made from its session files."""
    path = project / "giam-sat" / "datapackage.yaml"
    path.write_text(path.read_text("utf-8").replace("  - name: forms\n", "  - name: facts\n"), "utf-8")
    (project / "giam-sat" / "data" / "forms.csv").rename(project / "giam-sat" / "data" / "facts.csv")
    text = path.read_text("utf-8").replace("path: data/forms.csv", "path: data/facts.csv")
    path.write_text(text, "utf-8")
    return project


def session(project: Path, old: str, new: str, name: str = "2024-06-11-test.yaml") -> Path:
    text = SESSION.lstrip("\n")
    assert old in text, old
    write(project / "giam-sat" / "sessions" / name, text.replace(old, new))
    return project


EVIDENCE = ("        evidence: sggp\n        note_vi: Suy ra từ quyết định chung\n"
            "        note_en: Inferred from a city-wide decision\n")
REORDERED = ("      - date: 2024-12-01\n        status: da_thuc_hien\n        note_vi: x\n        note_en: x\n"
             "      - date: 2024-11-01\n")
F2 = ("id:integer", "name:string")
CASES = {
    "no-packages": (lambda root, project: root, ("generic", None, None)),
    "encoding": (lambda root, project: _cp1252(root), ("p/t.csv", 2, None)),
    "file-too-large": (lambda root, project: package(root, rows="1,a\n" * 3000),
                       ("p/datapackage.yaml", 4, "path")),
    "resource-too-large": (lambda root, project: _files(root, {
        "p/datapackage.yaml": TABLE.replace("path: t.csv", "path: [t.csv, u.csv]").encode(),
        "p/t.csv": b"id,name\n" + b"1,a\n" * 300, "p/u.csv": b"id,name\n" + b"2,b\n" * 300}),
        ("p/datapackage.yaml", 4, "path")),
    "duplicate-part": (lambda root, project: package(root, TABLE.replace("path: t.csv", "path: [t.csv, t.csv]")),
                       ("p/datapackage.yaml", 4, "path")),
    "missing-file": (lambda root, project: package(root, TABLE.replace("path: t.csv", "path: nope.csv")),
                     ("p/datapackage.yaml", 4, "path")),
    "unsafe-path": (lambda root, project: package(root, TABLE.replace("path: t.csv", "path: ../t.csv")),
                    ("p/datapackage.yaml", 4, "path")),
    "remote-path": (lambda root, project: package(root, TABLE.replace("path: t.csv", "path: https://x.org/t.csv")),
                    ("p/datapackage.yaml", 4, "path")),
    "yaml-syntax": (lambda root, project: package(root, TABLE.replace("name: t\n", "name: [t\n")),
                    ("p/datapackage.yaml", 4, None)),
    "json-syntax": (lambda root, project: package(root, '{\n  "name": "p",\n}\n', file="datapackage.json"),
                    ("p/datapackage.json", 3, None)),
    "duplicate-key": (lambda root, project: package(root, TABLE.replace("name: p\n", "name: p\nname: q\n")),
                      ("p/datapackage.yaml", 2, "name")),
    "descriptor-type": (lambda root, project: package(root, "name: p\nresources: t.csv\n"),
                        ("p/datapackage.yaml", 2, "resources")),
    "descriptor-missing": (lambda root, project: package(root, "name: p\ntitle: P\n"),
                           ("p/datapackage.yaml", 1, "resources")),
    "descriptor-name": (lambda root, project: package(root, TABLE.replace("name: p\n", "name: Bad Name\n")),
                        ("p/datapackage.yaml", 1, "name")),
    "duplicate-name": (lambda root, project: package(root, TABLE + "  - name: t\n    path: t.csv\n"),
                       ("p/datapackage.yaml", 10, "name")),
    "reserved-name": (lambda root, project: package(root, TABLE.replace("name: p\n", "name: index\n")),
                      ("p/datapackage.yaml", 1, "name")),
    "address-clash": (lambda root, project: package(root, TABLE.replace("  - name: t\n", "  - name: datapackage\n")
                                                    + "  - name: datapackage.rows\n    path: t.csv\n"),
                      ("p/datapackage.yaml", 10, "name")),
    "name-too-long": (lambda root, project: package(root, TABLE.replace("name: p\n", f"name: {'p' * 243}\n")),
                      ("p/datapackage.yaml", 1, "name")),
    "bad-pattern": (lambda root, project: table(root, ("id:integer", "{name: name, type: string, constraints: "
                                                   "{pattern: '('}}"), "1,a\n"), ("p/datapackage.yaml", 8, "name")),
    # 40 a's then a "b": re backtracks through every way of making the a's of "a" and "aa" (minutes; see
    # test_limits.py for the timeouts)
    "pattern-too-slow": (lambda root, project: table(root, ("id:integer", "{name: name, type: string, constraints: "
                                                        "{pattern: '(a|aa)+'}}"), f"1,{'a' * 40}b\n"),
                         ("p/t.csv", 2, "name")),
    "bad-constraint": (lambda root, project: table(root, ("{name: id, type: integer, constraints: {minimum: x}}",
                                                      "name:string"), "1,a\n"), ("p/datapackage.yaml", 7, "id")),
    "unknown-field-type": (lambda root, project: package(root, TABLE.replace("type: string", "type: text")),
                           ("p/datapackage.yaml", 8, "name")),
    "legacy-license": (lambda root, project: package(root, TABLE + "licenses:\n  - {id: CC0-1.0, url: https://x}\n"),
                       ("p/datapackage.yaml", 11, "licenses")),
    "type-error": (lambda root, project: package(root, rows="x,a\n"), ("p/t.csv", 2, "id")),
    "constraint-error": (lambda root, project: table(
        root, ("{name: id, type: integer, constraints: {minimum: 5}}", "name:string"), "1,a\n"), ("p/t.csv", 2, "id")),
    "primary-key": (lambda root, project: package(root, rows="1,a\n1,b\n"), ("p/t.csv", 3, None)),
    "unique-error": (lambda root, project: table(
        root, ("id:integer", "{name: name, type: string, constraints: {unique: true}}"), "1,a\n2,a\n"),
        ("p/t.csv", 3, "name")),
    "foreign-key": (lambda root, project: table(
        root, (*F2, "parent:integer"), "1,a,\n2,b,9\n",
        "foreignKeys:\n  - {fields: parent, reference: {resource: '', fields: id}}"), ("p/t.csv", 3, "parent")),
    "extra-cell": (lambda root, project: package(root, rows="1,a,b\n"), ("p/t.csv", 2, None)),
    "missing-cell": (lambda root, project: package(root, rows="1\n"), ("p/t.csv", 2, "name")),
    "blank-row": (lambda root, project: package(root, rows="1,a\n\n2,b\n"), ("p/t.csv", 3, None)),
    "blank-label": (lambda root, project: package(root, header="id,"), ("p/t.csv", 1, "name")),
    "duplicate-label": (lambda root, project: package(root, header="id,id"), ("p/t.csv", 1, "name")),
    "incorrect-label": (lambda root, project: package(root, header="id,nom"), ("p/t.csv", 1, "name")),
    "missing-label": (lambda root, project: package(root, header="id", rows="1\n"), ("p/t.csv", 1, "name")),
    "extra-label": (lambda root, project: package(root, header="id,name,more", rows="1,a,b\n"), ("p/t.csv", 1, "more")),
    "frictionless": (lambda root, project: package(root, TABLE.replace("name: p\n", "name: p\ntitle: 5\n")),
                     ("p/datapackage.yaml", 2, "title")),  # at the key Frictionless names
    "unknown-reference": (lambda root, project: session(project, "addressees: [STC]", "addressees: [SCT]"),
                          ("2024-06-11-test.yaml", 37, "addressees")),
    # in a package the site looks codes up in (a role): an error; in one it only publishes: a warning
    "surrounding-space": (lambda root, project: _spaced(project / "co-quan" / "data" / "agencies.csv"),
                          ("co-quan/data/agencies.csv", 2, "agency_code")),
    "spaced-key": (lambda root, project: table(
        root, ("id:integer", "{name: name, type: string, constraints: {unique: true}}"), "1,a\n2,b \n"),
        ("p/t.csv", 3, "name")),
    "unchecked-reference": (lambda root, project: _utf16(project / "co-quan" / "data" / "agencies.csv"),
                            ("giam-sat/datapackage.yaml", 3, "sessions")),
    "unknown-column": (lambda root, project: package(root, TABLE.replace(
        "    path: t.csv\n", "    path: t.csv\n    x-minhbach:\n      references:\n"
        "        - {fields: nope, package: p, resource: t, key: name}\n")), ("p/datapackage.yaml", 7, "nope")),
    "duplicate-role": (lambda root, project: _roles(root), ("b/datapackage.yaml", 2, "role")),
    "unknown-role": (lambda root, project: package(root, TABLE + "x-minhbach:\n  role: indicator\n"),
                     ("p/datapackage.yaml", 11, "role")),
    "invalid-value": (lambda root, project: session(project, "due: 2025-06-30", "due: 2025-02-30"),
                      ("2024-06-11-test.yaml", 22, "due")),
    "missing-value": (lambda root, project: session(project, "topic_vi: Cải cách hành chính\n", ""),
                      ("2024-06-11-test.yaml", 1, "topic_vi")),
    "unknown-key": (lambda root, project: session(project, "topic_en:", "topc_en:"),
                    ("2024-06-11-test.yaml", 8, "topc_en")),
    "duplicate-id": (lambda root, project: session(session(project, "x", "x", "2024-06-11-copy.yaml"), "x", "x"),
                     ("2024-06-11-test.yaml", 1, "id")),
    "history-order": (lambda root, project: session(project, "      - date: 2024-12-01\n", REORDERED),
                      ("2024-06-11-test.yaml", 32, "date")),
    "date-before-session": (lambda root, project: session(project, "due: 2025-06-30", "due: 2023-06-30"),
                            ("2024-06-11-test.yaml", 22, "due")),
    "future-date": (lambda root, project: session(project, "date: 2024-12-01", "date: 2030-12-01"),
                    ("2024-06-11-test.yaml", 28, "date")),
    "planned-past": (lambda root, project: session(project, "date: 2024-06-11\n", "date: 2024-06-11\nplanned: true\n"),
                     ("2024-06-11-test.yaml", 3, "planned")),
    "status-without-evidence": (lambda root, project: session(project, EVIDENCE, ""),
                                ("2024-06-11-test.yaml", 29, "status")),
    "number-without-source": (lambda root, project: table(
        root, (*F2, "score:number", "source_id:string"), "1,a,9.5,\n"), ("p/t.csv", 2, "source_id")),
    "non-finite-number": (lambda root, project: _own(root, (*F2, "score:number"), "1,a,9.5\n2,b,NaN\n"),
                          ("p/t.csv", 3, "score")),
    "missing-english": (lambda root, project: table(
        root, (*F2, "title_vi:string", "title_en:string"), "1,a,Sở,\n"), ("p/t.csv", 2, "title_en")),
    "formula-like": (lambda root, project: package(root, rows="1,=SUM(A1:A9)\n"), ("p/t.csv", 2, "name")),
    # Site safety (issue 15, the site side)
    "uncorrected-change": (lambda root, project: _rewritten(root, ""), ("p/t.csv", 2, "score")),
    "correction-unused": (lambda root, project: _rewritten(root, UNUSED), ("p/datapackage.yaml", 13, "corrections")),
    "unsafe-url": (lambda root, project: table(root, (*F2, "url:string"), "1,a,https://x.org/\n2,b,JavaScript:alert(1)\n"),
                   ("p/t.csv", 3, "url")),
}


# Issue 15, read side: limits, nothing dropped in silence, formats as Frictionless reads them.
JSON_TABLE = TABLE.replace("path: t.csv", "path: t.json")
FOREIGN_PACKAGE = ("      foreignKeys:\n        - fields: [name]\n"
                   "          reference: {package: other, resource: t, fields: [name]}\n")
GZ_TABLE = TABLE.replace("path: t.csv", "path: t.csv.gz")
DECLARED_FILE = "    type: file\n    path: t.csv\n"
TEXT_FILE = "  - name: notes\n    path: notes.txt\n"  # a text file beside the table: left out, with a warning
KEY_INTO_FILE = ("      foreignKeys:\n        - {fields: [id], reference: {resource: k, fields: [id]}}\n"
                 "  - name: k\n    type: file\n    path: k.csv\n")
CASES |= {
    "yaml-alias": (lambda root, project: package(root, TABLE + "x-a: &a 1\nx-b: *a\n"),
                   ("p/datapackage.yaml", 11, None)),
    "yaml-ambiguous": (lambda root, project: package(root, TABLE + "x-a: no\n"), ("p/datapackage.yaml", 10, None)),
    "yaml-merge-key": (lambda root, project: package(root, TABLE + "<<: {title: T}\n"),
                       ("p/datapackage.yaml", 10, None)),
    "derived-name": (lambda root, project: derived_taken(project), ("giam-sat/datapackage.yaml", 14, "name")),
    "status-code": (lambda root, project: status_code_spaced(project), ("giam-sat/data/statuses.csv", 3, "code")),
    "foreign-package": (lambda root, project: package(root, TABLE + FOREIGN_PACKAGE), ("p/datapackage.yaml", 12,
                                                                                       "foreignKeys")),
    "too-deep": (lambda root, project: session(project, "topic_en: Administrative reform",
                                               "topic_en: " + "[" * 40 + "]" * 40), ("2024-06-11-test.yaml", 8, None)),
    "control-character": (lambda root, project: package(root, rows="1,a\x00b\n"), ("p/t.csv", 2, "name")),
    # an RLM with nothing written right to left: an error in the site's own text (a session), a warning elsewhere
    "direction-mark": (lambda root, project: session(project, 'value: "9/9"', 'value: "\u200f7\u200f/9"'),
                       ("2024-06-11-test.yaml", 15, "value")),
    "stray-direction-mark": (lambda root, project: package(root, rows="1,\u200f5\u200f-6\n"), ("p/t.csv", 2, "name")),
    "too-many-columns": (lambda root, project: package(root, header=",".join(["c"] * 1001), rows=""),
                         ("p/t.csv", 1, None)),
    "cell-too-large": (lambda root, project: package(root, rows="1," + "x" * 100_001 + "\n"), ("p/t.csv", 2, None)),
    "text-too-large": (lambda root, project: session(project, "topic_en: Administrative reform",
                                                     "topic_en: " + "x" * 100_001),
                       ("2024-06-11-test.yaml", 8, "topic_en")),
    "csv-error": (lambda root, project: package(root, rows='1,"a\n2,b\n'), ("p/t.csv", 2, None)),
    "part-header": (lambda root, project: _files(root, {
        "p/datapackage.yaml": TABLE.replace("path: t.csv", "path: [t.csv, u.csv]").encode(),
        "p/t.csv": b"id,name\n1,a\n", "p/u.csv": b"2,b\n"}), ("p/u.csv", 1, None)),
    "unsupported-dialect": (lambda root, project: package(
        root, TABLE.replace("path: t.csv", "path: t.csv\n    dialect: {commentChar: '#'}")),
        ("p/datapackage.yaml", 5, "commentChar")),
    "other-delimiter": (lambda root, project: package(root, header="id;name", rows="1;a\n"), ("p/t.csv", 1, None)),
    "header-row": (lambda root, project: _titled(root), ("p/t.csv", 1, None)),
    "spaced-labels": (lambda root, project: package(root, header="id, name", rows="1, a\n"), ("p/t.csv", 1, None)),
    "empty-file": (lambda root, project: session(project, SESSION.lstrip("\n"), "# a session to come\n"),
                   ("2024-06-11-test.yaml", 1, None)),
    "no-descriptor": (lambda root, project: _files(root, {"q/t.csv": b"a\n1\n"}), ("generic/q", None, None)),
    "skipped-package": (lambda root, project: _files(root, {".nhap/p/datapackage.yaml": TABLE.encode()}),
                        ("generic/.nhap/p/datapackage.yaml", None, None)),
    "no-sessions": (lambda root, project: _sessions_pattern(project, "session/*.yaml"),
                    ("giam-sat/datapackage.yaml", 3, "sessions")),
    "unread-file": (lambda root, project: _files(project, {"giam-sat/sessions/2024-06-12-x.yml": b"id: GS-X\n"}),
                    ("giam-sat/sessions/2024-06-12-x.yml", None, None)),
    "unsupported-format": (lambda root, project: package(root, TABLE.replace("path: t.csv", "path: t.xlsx")),
                           ("p/datapackage.yaml", 4, "path")),
    "format-case": (lambda root, project: package(root, TABLE.replace("t.csv\n", "t.csv\n    format: CSV\n")),
                    ("p/datapackage.yaml", 5, "format")),
    "json-not-table": (lambda root, project: _files(root, {"p/datapackage.yaml": JSON_TABLE.encode(),
                                                           "p/t.json": b'[{"id": 1, "name": "a"}]'}),
                       ("p/datapackage.yaml", 3, "type")),
    "not-a-table": (lambda root, project: package(root, TABLE.replace("    path: t.csv\n", DECLARED_FILE)),
                    ("p/datapackage.yaml", 4, "type")),
    "non-table-resource": (lambda root, project: _files(package(root, TABLE + TEXT_FILE), {"p/notes.txt": b"notes"}),
                           ("p/datapackage.yaml", 11, "path")),
    "key-into-not-table": (lambda root, project: _files(package(root, TABLE + KEY_INTO_FILE), {"p/k.csv": b"id\n1\n"}),
                           ("p/datapackage.yaml", 11, "foreignKeys")),
    "multipart-json": (lambda root, project: _files(root, {
        "p/datapackage.yaml": TABLE.replace("path: t.csv", "path: [a.json, b.json]\n    type: table").encode(),
        "p/a.json": b'[{"id": 1, "name": "a"}]', "p/b.json": b'[{"id": 2, "name": "b"}]'}),
        ("p/datapackage.yaml", 4, "path")),
    "json-not-tabular": (lambda root, project: _files(root, {"p/datapackage.yaml": JSON_TABLE.encode(),
                                                             "p/t.json": b'{"id": 1}'}), ("p/t.json", None, None)),
    "empty-data": (lambda root, project: package(root, TABLE.replace("    path: t.csv\n", "    data: []\n")),
                   ("p/datapackage.yaml", 4, "data")),
    "compression-error": (lambda root, project: _files(root, {"p/datapackage.yaml": GZ_TABLE.encode(),
                                                              "p/t.csv.gz": b"id,name\n1,a\n"}),
                          ("p/datapackage.yaml", 4, "path")),
    "decompressed-too-large": (lambda root, project: _files(root, {
        "p/datapackage.yaml": GZ_TABLE.encode(), "p/t.csv.gz": gzip.compress(b"id,name\n" + b"1,a\n" * 1000)}),
        ("p/datapackage.yaml", 4, "path")),
    "zip-member": (lambda root, project: _files(root, {
        "p/datapackage.yaml": TABLE.replace("path: t.csv", "path: t.csv.zip\n    innerpath: nope.csv").encode(),
        "p/t.csv.zip": _zip("t.csv", b"id,name\n1,a\n")}), ("p/datapackage.yaml", 5, "innerpath")),
    "declared-encoding": (lambda root, project: _declared_cp1252(root), ("p/t.csv", 3, None)),
    "unsupported-encoding": (lambda root, project: package(
        root, TABLE.replace("    path: t.csv\n", "    path: t.csv\n    encoding: punycode\n")),
        ("p/datapackage.yaml", 5, "encoding")),
    "encoding-in-archive": (lambda root, project: _files(root, {
        "p/datapackage.yaml": GZ_TABLE.encode(), "p/t.csv.gz": gzip.compress("id,name\n1,café\n".encode("cp1252"))}),
        ("p/t.csv.gz", 2, None)),
}


def _sessions_pattern(project: Path, pattern: object) -> Path:
    """The supervision package's ``x-minhbach.records.sessions`` set to ``pattern`` (line 3 of its descriptor)."""
    path = project / "giam-sat" / "datapackage.yaml"
    text = path.read_text("utf-8")
    assert 'sessions: "sessions/*.yaml"' in text
    path.write_text(text.replace('sessions: "sessions/*.yaml"', f"sessions: {pattern}"), "utf-8")
    return project


def _files(root: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


def _zip(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, data)
    return buffer.getvalue()

SCORED = TABLE.replace("        - {name: name, type: string}", "        - {name: name, type: string}\n"
                                                                "        - {name: score, type: number}")


UNUSED = "x-minhbach:\n  corrections:\n    - {resource: t, key: {id: 7}, note_vi: a, note_en: b}\n"


def _rewritten(root: Path, corrections: str) -> Path:
    """A package released with a score in git, whose score then changed (with ``corrections`` added)."""
    from test_changes import FIRST, commit, git

    package(root, SCORED, "1,a,9.5\n", header="id,name,score")
    git(root, "init", "-q")
    commit(root, "release", FIRST)
    package(root, SCORED + corrections, "1,a,9.6\n", header="id,name,score")
    return root


def _declared_cp1252(root: Path) -> Path:
    """A file declared windows-1252 whose second row has a byte that encoding has no character for (0x81)."""
    package(root, TABLE.replace("    path: t.csv\n", "    path: t.csv\n    encoding: windows-1252\n"))
    (root / "p" / "t.csv").write_bytes("id,name\n1,café\n2,a".encode("cp1252") + b"\x81\n")
    return root


def _spaced(path: Path) -> Path:
    """The agencies table with its first code written "SNV " (a space after it); the datasets folder above it."""
    path.write_text(path.read_text("utf-8").replace("SNV,", "SNV ,", 1), "utf-8")
    return path.parents[2]


def _utf16(path: Path) -> Path:
    """``path`` saved again as UTF-16 (Excel's "Unicode text"); the datasets folder above it."""
    path.write_text(path.read_text("utf-8"), "utf-16")
    return path.parents[2]


def _cp1252(root: Path) -> Path:
    package(root)
    (root / "p" / "t.csv").write_bytes("id,name\n1,café crème\n".encode("cp1252"))
    return root


# Each key a session file must have, removed, is one missing-value at the mapping that lacks it (a session's at
# line 1, a fact's, recommendation's, issue's, status entry's or response's at its own line), named with its list:
# written for mutation testing of supervision/records.py, whose required keys were checked only through the CLI
# (docs/testing.md). Each case: the text replaced, what replaces it, the line, the key reported and its list.
RESPONSE = ("responses:\n  - agency: SNV\n    date: 2024-07-01\n    text_vi: Đã tiếp thu\n"
            "    text_en: Accepted\n    source: seed\n")
REQUIRED = [
    ("id: GS-2024-06-11-TEST\n", "", 1, "id", ""),
    ("date: 2024-06-11\n", "", 1, "date", ""),
    ("form: giam_sat_chuyen_de\n", "", 1, "form", ""),
    ("body_vi: Đoàn giám sát\n", "", 1, "body_vi", ""),
    ("topic_vi: Cải cách hành chính\n", "", 1, "topic_vi", ""),
    ("  - id: F01\n    agency: SNV\n", "  - agency: SNV\n", 11, "id", "facts"),
    ("    statement_vi: Số quy định đã ban hành\n", "", 11, "statement_vi", "facts"),
    ("    source: seed\n", "", 11, "source", "facts"),
    ("  - id: K01\n    addressees: [SNV, STC]\n", "  - addressees: [SNV, STC]\n", 18, "id", "recommendations"),
    ("    text_vi: Đẩy mạnh tuyển dụng\n", "", 18, "text_vi", "recommendations"),
    ("  - id: Y01\n    raised_by: Thành viên đoàn\n", "  - raised_by: Thành viên đoàn\n", 35, "id", "issues"),
    ("    text_vi: Tài sản công\n", "", 35, "text_vi", "issues"),
    ("      - date: 2024-12-01\n        status: dinh_hoan\n", "      - status: dinh_hoan\n", 28,
     "date", "status_history"),
    ("        status: dinh_hoan\n", "", 28, "status", "status_history"),
] + [(RESPONSE, RESPONSE.replace(line, ""), 35, key, "responses")
     for key, line in (("agency", "agency: SNV\n    "), ("date", "    date: 2024-07-01\n"),
                       ("text_vi", "    text_vi: Đã tiếp thu\n"), ("source", "    source: seed\n"))]


@pytest.mark.parametrize("old, new, line, key, within", REQUIRED,
                         ids=[f"{within}.{key}" for *_, key, within in REQUIRED])
def test_every_required_key_of_a_session_is_missed_at_its_place(tmp_path, project, old, new, line, key, within):
    if old == RESPONSE:  # the session has no response of its own: one (less a key) is added before its issues
        old, new = "issues:\n", new + "issues:\n"
    session(project, old, new)
    problems = pipeline.check(settings_for(project)).problems
    found = [p for p in problems if p.code == "missing-value"]
    assert [(p.path.rsplit("/", 1)[-1], p.line, p.params_dict().get("key")) for p in found] == [
        ("2024-06-11-test.yaml", line, key)]
    # The list item is named by its list and its line, not counted from 0 ("facts.0.source")
    assert found[0].message("en") == f"'{key}' is missing" + (f" (the {within} item at line {line})" if within else "")


def test_a_session_with_every_required_key_has_no_missing_value(project):
    """The cases above, with nothing removed: none of their problems comes from elsewhere."""
    session(project, "issues:\n", RESPONSE + "issues:\n")
    assert [p.code for p in pipeline.check(settings_for(project)).problems if p.code == "missing-value"] == []


@pytest.mark.parametrize("code", sorted(CASES))
def test_problem_code_points_at_the_place(code, tmp_path, project):
    make, (path, line, field) = CASES[code]
    root = tmp_path / "generic"
    root.mkdir()
    datasets = make(root, project)
    limit = {"max_file_bytes": 2000} if code in ("file-too-large", "decompressed-too-large", "resource-too-large") \
        else {}
    problems = pipeline.check(settings_for(datasets, **limit)).problems
    found = [(p.path, p.line, p.field) for p in problems if p.code == code]
    assert found, [(p.code, p.path, p.line, p.field) for p in problems]
    # exactly one problem of that code, at that file (its path ends as given: the folder above depends on the
    # case), line and field
    assert [(p.endswith(path), ln, f) for p, ln, f in found] == [(True, line, field)], found


def test_inline_data_with_a_title_row_is_refused_as_a_file_is(tmp_path):
    """Inline data as lists: Frictionless guesses the header from its first rows as it does a file's, and read
    [[Table 1], [a, b, c, d], [1, 2, 3, 4], ...] as four columns, valid; we took [Table 1] for the header and
    published one column, the other cells dropped. At the data's first row; said in the dialect, no guess."""
    inline = ("name: p\nresources:\n  - name: t\n{dialect}    data:\n      - [Table 1]\n      - [a, b, c, d]\n"
              "      - [1, 2, 3, 4]\n      - [5, 6, 7, 8]\n")
    (tmp_path / "a" / "p").mkdir(parents=True)
    (tmp_path / "a" / "p" / "datapackage.yaml").write_text(inline.format(dialect=""), "utf-8")
    [found] = pipeline.check(settings_for(tmp_path / "a")).problems
    assert (found.code, found.line, found.field, dict(found.params)) == (
        "header-row", 5, "data", {"cells": "4", "first": "1", "guessed": "2"})
    (tmp_path / "b" / "p").mkdir(parents=True)
    (tmp_path / "b" / "p" / "datapackage.yaml").write_text(inline.format(dialect="    dialect: {header: true}\n"),
                                                           "utf-8")
    assert "header-row" not in {p.code for p in pipeline.check(settings_for(tmp_path / "b")).problems}


def _titled(root: Path, dialect: str = "", rows: str = "1,2,3,4\n5,6,7,8\n") -> Path:
    """Package p whose t.csv has a title line above its header of four fields (``dialect``: the resource's)."""
    four = Resource("t", ("a:integer", "b:integer", "c:integer", "d:integer"), rows, header="Table 1. Scores\na,b,c,d")
    text = Package("p", (four,)).text
    Package("p", (four,)).write(root, text.replace("    path: t.csv\n", f"    path: t.csv\n{dialect}"))
    return root


def test_a_title_line_above_the_header_is_refused_as_frictionless_guesses_the_header_below_it(tmp_path):
    """A title (or comment) line above the header: Frictionless, told nothing, guesses the second line is the
    header (the first whose width is near the sample's mean) and finds the table valid; we took the first for it
    and published the real header as a row (with no schema, "Table 1. Scores" as the one column and every other
    cell dropped, in silence). Refused, at line 1, naming the line Frictionless took. Said in the dialect
    (``header: true``), the first line is the header for both, and the rows' extra cells are errors."""
    [found] = pipeline.check(settings_for(_titled(tmp_path / "a"))).problems
    assert (found.code, found.line) == ("header-row", 1)
    assert dict(found.params) == {"cells": "4", "first": "1", "guessed": "2"}
    assert found.message("en") == ("Frictionless, left to guess, takes line 2 for the header: line 1 has 1 cells, "
                                   "line 2 has 4, as most rows do")
    said = pipeline.check(settings_for(_titled(tmp_path / "b", "    dialect: {header: true}\n"))).problems
    assert "header-row" not in {p.code for p in said} and "extra-cell" in {p.code for p in said}
    # no rows: the title's one cell is within the mean's reach, so Frictionless reads it as the header too (and
    # reports the labels): no guess to refuse
    few = pipeline.check(settings_for(_titled(tmp_path / "c", rows=""))).problems
    assert "header-row" not in {p.code for p in few} and few


# A table as Excel saves it in a Vietnamese or European locale: ';' between cells, and a comma in the text of
# most rows, left unquoted as the ';' does not need it (``quoted``: those cells quoted all the same, or every
# cell, as some tools do).
EXCEL_HEADER, EXCEL_ROWS = ("id", "name", "note"), (("1", "Sở Nội vụ", "Tồn tại"),) + tuple(
    (str(n), f"Sở {n}, TP", f"sáp nhập, {n}, 2025") for n in range(2, 16))


@pytest.mark.parametrize("delimiter, encoding, newline, quoted", [
    (";", "utf-8-sig", "\r\n", ""),  # Excel's "CSV UTF-8"
    (";", "utf-8", "\n", ""), (";", "utf-8-sig", "\n", ""), ("\t", "utf-8", "\n", ""),
    (";", "utf-8-sig", "\r\n", ","),
    (";", "utf-8", "\n", "all"),  # read at the comma, '"id";' stopped at a csv-error, "check the quotes"
])
def test_an_excel_table_separated_by_semicolons_is_one_other_delimiter_not_a_header_guess(
        tmp_path, delimiter, encoding, newline, quoted):
    """Read at the comma, its rows' widths are those of the commas in their text: Frictionless's guess took line 3
    for the header, and header-row, beside the right other-delimiter, said to delete the lines above it (two rows
    of data). The guess means nothing when the delimiter is wrong: one problem, whose hint fixes the file."""
    def cell(text: str) -> str:
        return f'"{text}"' if quoted == "all" or quoted and quoted in text else text
    text = newline.join(delimiter.join(map(cell, row)) for row in (EXCEL_HEADER, *EXCEL_ROWS)) + newline
    excel = Resource("t", ("id:integer", "name:string", "note:string"), rows=None)
    (Package("p", (excel,)).write(tmp_path / "a") / "t.csv").write_bytes(text.encode(encoding))
    found = pipeline.check(settings_for(tmp_path / "a")).problems
    assert [(p.code, p.line) for p in found] == [("other-delimiter", 1)]
    shown = "\\t" if delimiter == "\t" else delimiter  # a tab as YAML writes it
    fix = f'dialect: {{delimiter: "{shown}"}}'
    assert fix in found[0].hint("en")
    said = replace(excel, resource_extra=fix)
    (Package("p", (said,)).write(tmp_path / "b") / "t.csv").write_bytes(text.encode(encoding))
    assert pipeline.check(settings_for(tmp_path / "b")).problems == []


def test_column_names_after_a_delimiter_and_a_space_are_a_warning_until_the_dialect_says_so(tmp_path):
    """"id, name": Frictionless, told nothing, guesses skipInitialSpace and reads "name"; told the dialect, as
    it is here, it reads " name" as we do, and the schema's name does not match (its error). Said in the dialect,
    the space goes, for both."""
    spaced = pipeline.check(settings_for(package(tmp_path / "a", header="id, name", rows="1, a\n"))).problems
    assert [(p.code, p.line, dict(p.params)) for p in spaced if p.code == "spaced-labels"] == [
        ("spaced-labels", 1, {"label": " name"})]
    said = TABLE.replace("    path: t.csv\n", "    path: t.csv\n    dialect: {skipInitialSpace: true}\n")
    assert pipeline.check(settings_for(package(tmp_path / "b", said, header="id, name", rows="1, a\n"))).problems == []
    # no schema: only the warning, and what is published keeps the space
    bare = tmp_path / "c" / "p"
    bare.mkdir(parents=True)
    (bare / "datapackage.yaml").write_text("name: p\nresources:\n  - name: t\n    path: t.csv\n", "utf-8")
    (bare / "t.csv").write_text("id, name\n1, a\n", "utf-8")
    assert [p.code for p in pipeline.check(settings_for(tmp_path / "c")).problems] == ["spaced-labels"]


@pytest.mark.parametrize("encoding", ["klingon", "base64", "punycode"])
def test_an_encoding_that_names_no_character_set_is_one_problem_at_its_key(tmp_path, encoding):
    """Ours alone, at the ``encoding`` key, with what to write: Frictionless reported a name Python does not know
    and a codec that is no text encoding at the resource's ``path``, with its generic hint."""
    declared = TABLE.replace("    path: t.csv\n", f"    path: t.csv\n    encoding: {encoding}\n")
    datasets = package(tmp_path / "d", declared)
    problems = pipeline.check(settings_for(datasets)).problems
    assert [(p.code, p.line, p.field, p.params) for p in problems] == [
        ("unsupported-encoding", 5, "encoding", (("value", encoding),))]


def test_every_code_has_a_case():
    assert set(CATALOGUE) - set(CASES) == set()


def test_full_message_text_for_a_few_codes(tmp_path):
    datasets = package(tmp_path / "d", rows="x,a\n")
    [problem] = [p for p in pipeline.check(settings_for(datasets)).problems if p.code == "type-error"]
    assert problem.message("vi") == "giá trị 'x' không đúng kiểu integer"
    assert problem.message("en") == "value 'x' is not of type integer"
    assert problem.hint("en") == "correct the cell to match the type (integer); leave it empty for no data"


def test_constraints_frictionless_would_crash_on_are_each_reported_at_their_key(tmp_path):
    """A pattern that is no regular expression and bounds or enum items not of the column's type made
    Frictionless raise (re.error, TypeError: 'unexpected error', exit 2); each is now a problem at its key."""
    datasets = table(tmp_path / "d", (
        "{name: id, type: integer, constraints: {minimum: 1, maximum: ten, enum: [1, two, 3]}}",
        "{name: day, type: date, constraints: {exclusiveMinimum: '2020-13-01'}}",
        "{name: code, type: string, constraints: {pattern: '[0-9]{2}', enum: [ab, cd]}}",
        "{name: note, type: string, constraints: {pattern: 'a)'}}"), "1,2020-01-02,12,x\n")
    problems = [(p.code, p.line, p.column, p.field, p.params_dict().get("value") or p.params_dict().get("pattern"))
                for p in pipeline.check(settings_for(datasets)).problems]
    # each at its key (an enum item at the item); the valid ones (minimum: 1, pattern '[0-9]{2}') say nothing
    assert problems == [("bad-constraint", 7, 63, "id", "ten"), ("bad-constraint", 7, 87, "id", "two"),
                        ("bad-constraint", 8, 49, "day", "2020-13-01"), ("bad-pattern", 10, 52, "note", "a)")]


def test_constraints_of_a_schema_in_its_own_file_are_reported_in_that_file(tmp_path):
    write(tmp_path / "d" / "p" / "t.csv", "a,b\n1,x\n")
    write(tmp_path / "d" / "p" / "schema.yaml", "fields:\n  - name: a\n    type: integer\n    constraints:\n"
                                               "      maximum: many\n  - name: b\n    type: string\n"
                                               "    constraints: {pattern: '[a'}\n")
    write(tmp_path / "d" / "p" / "datapackage.yaml", "name: p\nresources:\n  - name: t\n    path: t.csv\n"
                                                    "    schema: schema.yaml\n")
    found = pipeline.check(settings_for(tmp_path / "d")).problems
    problems = [(p.code, p.path, p.line, p.column, p.field) for p in found]
    assert [(code, path.endswith("p/schema.yaml"), line, column, field) for code, path, line, column, field
            in problems] == [("bad-constraint", True, 5, 7, "a"), ("bad-pattern", True, 8, 19, "b")]


# The session reader in process, on a file of its own (written for mutation testing of supervision/records.py:
# names, origins and source codes were checked only by builds in a subprocess).
CODES = {"agencies": frozenset({"SNV", "STC"}), "sources": frozenset({"seed", "sggp"}), "documents": frozenset(),
         "statuses": frozenset({"dinh_hoan"}), "forms": frozenset({"giam_sat_chuyen_de"})}
READ = """id: GS-1
date: 2024-06-11
form: giam_sat_chuyen_de
body_vi: Đoàn
body_en: Delegation
topic_vi: Chủ đề
topic_en: Topic
members:
  - name: Nguyễn Văn A
    role_vi: Trưởng đoàn
    role_en: Head
  - name_vi: Đại diện Ban Pháp chế
    name_en: A Legal Affairs Committee member
facts:
  - id: F01
    statement_vi: Câu
    statement_en: Sentence
    source: {fact}
recommendations:
  - id: K01
    text_vi: Việc
    text_en: Task
    source: {item}
    status_history:
      - date: 2024-07-01
        status: dinh_hoan
        evidence: {evidence}
issues:
  - id: Y01
    raised_by: Lê Thị B
    text_vi: Vấn đề
    text_en: Issue
  - id: Y02
    raised_by_vi: Thành viên đoàn
    raised_by_en: A delegation member
    text_vi: Vấn đề
    text_en: Issue
responses:
  - agency: SNV
    date: 2024-07-02
    text_vi: Trả lời
    text_en: Answer
    source: {response}
"""


def _read(tmp_path: Path, **sources: str):
    from generator.supervision.records import CodeLists, read_session

    path = tmp_path / "datasets" / "giam-sat" / "sessions" / "gs.yaml"
    write(path, READ.format(**({"fact": "seed", "item": "seed", "evidence": "sggp", "response": "seed"} | sources)))
    return read_session(path, CodeLists(**CODES), settings_for(tmp_path / "datasets"))


def test_a_session_s_people_are_named_or_said_in_words_and_each_entry_knows_its_line(tmp_path):
    from generator.core.text import Text

    read = _read(tmp_path)
    assert read.problems == ()
    session = read.session
    assert [(m.name, m.role) for m in session.members] == [
        (Text("Nguyễn Văn A", "Nguyễn Văn A"), Text("Trưởng đoàn", "Head")),
        (Text("Đại diện Ban Pháp chế", "A Legal Affairs Committee member"), Text())]
    assert [i.raised_by for i in session.issues] == [Text("Lê Thị B", "Lê Thị B"),
                                                    Text("Thành viên đoàn", "A delegation member")]
    # where each is written, for the "propose a change" links: the line its mapping starts on
    assert [session.facts[0].origin.line, session.recommendations[0].origin.line,
            session.recommendations[0].history[0].origin.line, session.issues[1].origin.line] == [
        _line("  - id: F01"), _line("  - id: K01"), _line("      - date: 2024-07-01"), _line("  - id: Y02")]
    assert session.origin.path == tmp_path.resolve() / "datasets" / "giam-sat" / "sessions" / "gs.yaml"
    assert (session.responses[0].source, session.recommendations[0].source) == ("seed", "seed")


def _line(text: str, after: str = "", document: str = READ) -> int:
    """The line of ``document`` that is ``text`` (the first after the line ``after``)."""
    lines = document.splitlines()
    return lines.index(text, lines.index(after) if after else 0) + 1


@pytest.mark.parametrize("key, after", [("fact", "facts:"), ("item", "recommendations:"),
                                        ("evidence", "    status_history:"), ("response", "responses:")])
def test_an_unknown_source_is_reported_at_its_key_wherever_it_is_cited(tmp_path, key, after):
    line = _line(f"        evidence: {{{key}}}" if key == "evidence" else f"    source: {{{key}}}", after)
    read = _read(tmp_path, **{key: "sgg"})
    assert [(p.code, p.line, p.field, p.params_dict()["target"], p.params_dict()["suggestion"] != "")
            for p in read.problems] == [("unknown-reference", line, "evidence" if key == "evidence" else "source",
                                         "nguon/sources.source_id", True)]


def test_a_member_without_a_name_is_missed_at_its_line(tmp_path):
    from generator.supervision.records import CodeLists, read_session

    path = tmp_path / "gs.yaml"
    write(path, READ.format(fact="seed", item="seed", evidence="sggp", response="seed").replace(
        "  - name: Nguyễn Văn A\n    role_vi: Trưởng đoàn\n", "  - role_vi: Trưởng đoàn\n"))
    read = read_session(path, CodeLists(**CODES), settings_for(tmp_path))
    assert [(p.code, p.line, p.params_dict().get("key")) for p in read.problems] == [
        ("missing-value", _line("  - name: Nguyễn Văn A"), "name")]


# Every key a session file may have, set: each reaches the model as written (a key read from the wrong name, or
# a value dropped, makes the whole read differ).
FULL = """id: GS-2
date: 2024-06-01
date_precision: month
date_note_vi: Tháng theo báo
date_note_en: Month as reported
planned: false
body_vi: Thường trực HĐND
body_en: Standing Committee
form: giam_sat_chuyen_de
chair: Trần Văn C
chair_role_vi: Phó Chủ tịch
chair_role_en: Vice-chair
agencies: [SNV, STC]
supervised_other_vi: Các phường
supervised_other_en: The wards
topic_vi: Tuyển dụng
topic_en: Recruitment
programme_period: 2021-2026
legal_basis: [1/QĐ]
sources: [seed, sggp]
summary_vi: Tóm tắt
summary_en: Summary
flags: inferred
facts:
  - id: F01
    agency: STC
    statement_vi: Đã tuyển
    statement_en: Recruited
    value: ">=12"
    unit_vi: người
    unit_en: people
    source: sggp
    flags: approximate
recommendations:
  - id: K01
    addressees: STC
    text_vi: Tuyển thêm
    text_en: Recruit more
    category: tuyen-dung
    due: 2025-01-31
    source: seed
    flags: inferred
    status_history:
      - date: 2024-09-01
        date_precision: month
        status: dinh_hoan
        flags: inferred
        evidence: sggp
        note_vi: Ghi chú
        note_en: Note
      - date: 2026-12-31
        planned: true
        status: dinh_hoan
        note_vi: Dự kiến
        note_en: Planned
issues: []
responses:
  - agency: STC
    date: 2024-08-01
    text_vi: Sẽ làm
    text_en: Will do
    source: sggp
"""
FULL_CODES = CODES | {"documents": frozenset({"1/QĐ"}), "categories": frozenset({"tuyen-dung"})}


def _full(tmp_path: Path, old: str = "", new: str = ""):
    from generator.supervision.records import CodeLists, read_session

    assert old in FULL
    path = tmp_path / "gs.yaml"
    write(path, FULL.replace(old, new, 1) if old else FULL)
    return read_session(path, CodeLists(**FULL_CODES), settings_for(tmp_path))


def test_every_key_of_a_session_reaches_the_model_as_written(tmp_path):
    from datetime import date

    from generator.core.edit import Origin
    from generator.core.text import Text
    from generator.supervision.model import Fact, Item, Response, Session, StatusEntry

    read = _full(tmp_path)
    assert read.problems == ()
    path = (tmp_path / "gs.yaml").resolve()

    def at(text: str, after: str = "") -> Origin:
        return Origin(path, _line(text, after, FULL))

    history = (
        StatusEntry(date(2024, 9, 1), "month", "dinh_hoan", ("inferred",), "sggp", Text("Ghi chú", "Note"), False,
                    at("      - date: 2024-09-01")),
        StatusEntry(date(2026, 12, 31), "day", "dinh_hoan", (), "", Text("Dự kiến", "Planned"), True,
                    at("      - date: 2026-12-31")))
    assert read.session == Session(
        id="GS-2", path=settings_for(tmp_path).relative(path), date=date(2024, 6, 1), date_precision="month",
        date_note=Text("Tháng theo báo", "Month as reported"), body=Text("Thường trực HĐND", "Standing Committee"),
        form="giam_sat_chuyen_de", chair="Trần Văn C", chair_role=Text("Phó Chủ tịch", "Vice-chair"), members=(),
        agencies=("SNV", "STC"), supervised_other=Text("Các phường", "The wards"),
        topic=Text("Tuyển dụng", "Recruitment"), programme_period="2021-2026", legal_basis=("1/QĐ",),
        sources=("seed", "sggp"), summary=Text("Tóm tắt", "Summary"), flags=("inferred",),
        facts=(Fact("F01", "STC", Text("Đã tuyển", "Recruited"), ">=12", Text("người", "people"), "sggp",
                    ("approximate",), at("  - id: F01")),),
        issues=(),
        recommendations=(Item("recommendation", "K01", "GS-2", ("STC",), Text("Tuyển thêm", "Recruit more"),
                              "tuyen-dung", date(2025, 1, 31), "seed", ("inferred",), Text(), history,
                              at("  - id: K01"), (_line("  - id: K01", "", FULL), 5)),),
        responses=(Response("STC", date(2024, 8, 1), Text("Sẽ làm", "Will do"), "sggp"),),
        planned=False, recommendations_known=True, issues_known=True, origin=Origin(path))
    # a session that lists no conclusions, or no issues, has not told us them (never 0)
    unknown = _full(tmp_path, "issues: []\n", "").session
    assert (unknown.issues_known, unknown.recommendations_known) == (False, True)


# One value of FULL changed: one problem, at the line of the key (found in FULL's text), with these parameters.
CHANGED = [
    ("form: giam_sat_chuyen_de", "form: chat_van", "unknown-reference", "form: chat_van", "", "form",
     {"value": "chat_van", "target": "giam-sat/forms.code"}),
    ("agencies: [SNV, STC]", "agencies: [SNV, SXX]", "unknown-reference", "agencies: [SNV, SXX]", "", "agencies",
     {"value": "SXX", "target": "co-quan/agencies.agency_code"}),
    ("sources: [seed, sggp]", "sources: [seed, sgp]", "unknown-reference", "sources: [seed, sgp]", "", "sources",
     {"value": "sgp", "target": "nguon/sources.source_id"}),
    ("legal_basis: [1/QĐ]", "legal_basis: [2/QĐ]", "unknown-reference", "legal_basis: [2/QĐ]", "", "legal_basis",
     {"value": "2/QĐ", "target": "van-ban/legal_documents.doc_number"}),
    ("date_precision: month\ndate_note_vi", "date_precision: week\ndate_note_vi", "invalid-value",
     "date_precision: week", "", "date_precision", {"value": "week"}),
    ("    agency: STC\n    statement_vi", "    agency: SXX\n    statement_vi", "unknown-reference", "    agency: SXX",
     "", "agency", {"value": "SXX", "target": "co-quan/agencies.agency_code"}),
    ('    value: ">=12"', '    value: "NaN"', "non-finite-number", '    value: "NaN"', "", "value", {"value": "NaN"}),
    ("    addressees: STC", "    addressees: [STC, SXX]", "unknown-reference", "    addressees: [STC, SXX]", "",
     "addressees", {"value": "SXX"}),
    ("    category: tuyen-dung", "    category: ngan-sach", "unknown-reference", "    category: ngan-sach", "",
     "category", {"value": "ngan-sach", "target": "giam-sat/categories.code"}),
    ("    due: 2025-01-31", "    due: 2024-05-31", "date-before-session", "    due: 2024-05-31", "", "due",
     {"value": "2024-05-31", "session_date": "2024-06-01"}),
    ("      - date: 2024-09-01", "      - date: 2024-05-01", "date-before-session", "      - date: 2024-05-01", "",
     "date", {"value": "2024-05-01"}),
    ("        planned: true\n", "", "future-date", "      - date: 2026-12-31", "", "date",
     {"value": "2026-12-31", "build_date": "2026-11-26"}),
    # no longer planned either: a planned entry whose date has come is a warning of its own (planned-past)
    ("      - date: 2026-12-31\n        planned: true\n", "      - date: 2024-08-01\n", "history-order",
     "      - date: 2024-08-01", "", "date", {"value": "2024-08-01", "previous": "2024-09-01"}),
    ("      - date: 2026-12-31", "      - date: 2026-11-26", "planned-past", "        planned: true", "", "planned",
     {"value": "2026-11-26", "build_date": "2026-11-26"}),
    ("        status: dinh_hoan\n        flags", "        status: xong\n        flags", "unknown-reference",
     "        status: xong", "", "status", {"value": "xong", "target": "giam-sat/statuses.code"}),
    ("        evidence: sggp\n        note_vi: Ghi chú\n        note_en: Note\n", "", "status-without-evidence",
     "        status: dinh_hoan", "      - date: 2024-09-01", "status", {"value": "dinh_hoan"}),
    ("  - agency: STC\n    date", "  - agency: SXX\n    date", "unknown-reference", "  - agency: SXX", "",
     "agency", {"value": "SXX", "target": "co-quan/agencies.agency_code"}),
    ("    date: 2024-08-01", "    date: 2027-08-01", "future-date", "    date: 2027-08-01", "", "date",
     {"value": "2027-08-01"}),
    ("  - id: K01", "  - id: F01", "duplicate-id", "  - id: F01", "recommendations:", "id",
     {"value": "F01", "other": "", "other_line": str(_line("  - id: F01", document=FULL))}),
    ("date: 2024-06-01", "date: 01/06/2024", "invalid-value", "date: 01/06/2024", "", "date",
     {"value": "01/06/2024", "iso": "2024-06-01"}),  # day first, as Vietnamese write it: said the right way round
    ("date: 2024-06-01", "date: 31/02/2024", "invalid-value", "date: 31/02/2024", "", "date",
     {"value": "31/02/2024", "example": "2024-06-11"}),  # no such day: no ISO date to suggest
]


@pytest.mark.parametrize("old, new, code, text, after, field, params", CHANGED, ids=[c[2] + ":" + c[1].strip()
                                                                                    for c in CHANGED])
def test_each_value_of_a_session_that_is_wrong_is_one_problem_at_its_key(tmp_path, old, new, code, text, after,
                                                                         field, params):
    read = _full(tmp_path, old, new)
    line = _line(text, after, FULL.replace(old, new, 1))
    assert [(p.code, p.line, p.field) for p in read.problems] == [(code, line, field)]
    assert {k: v for k, v in read.problems[0].params_dict().items() if k in params} == params


def test_a_date_on_the_session_s_day_or_on_the_build_date_is_no_problem(tmp_path):
    """The bounds themselves: "before the session" and "after the build date" are strict."""
    edited = FULL.replace("    due: 2025-01-31", "    due: 2024-06-01").replace(
        "      - date: 2024-09-01", "      - date: 2024-06-01").replace("    date: 2024-08-01", "    date: 2026-11-26")
    path = tmp_path / "gs.yaml"
    write(path, edited)
    from generator.supervision.records import CodeLists, read_session

    assert read_session(path, CodeLists(**FULL_CODES), settings_for(tmp_path)).problems == ()


def test_a_session_file_is_read_once_then_from_the_disk_cache_until_something_it_depends_on_changes(
        tmp_path, monkeypatch):
    """supervision/records._CachedReading: the key holds the file's bytes and place, the code lists, the build
    date, the size limit and the project's root; each changed alone reads the file again."""
    from dataclasses import replace as changed
    from datetime import date

    from generator.supervision import records

    settings = settings_for(tmp_path / "datasets", cache_dir=tmp_path / "cache")
    path = tmp_path / "datasets" / "gs.yaml"
    write(path, FULL)
    codes = records.CodeLists(**FULL_CODES)

    def read(codes=codes, settings=settings, path=path):  # noqa: ANN001, ANN202 - a fresh reader each time
        return records._CachedReading(codes, settings)(path)

    first = read()
    assert first.problems == () and first.session.id == "GS-2"
    with monkeypatch.context() as patched:
        patched.setattr(records, "read_session", lambda *_: pytest.fail("read again, not taken from the cache"))
        assert read() == first
    fewer = records.CodeLists(**(FULL_CODES | {"agencies": frozenset({"SNV"})}))
    assert {p.code for p in read(codes=fewer).problems} == {"unknown-reference"}
    assert [p.code for p in read(settings=changed(settings, build_date=date(2024, 8, 15))).problems] == [
        "future-date"]
    assert [p.code for p in read(settings=changed(settings, max_file_bytes=100)).problems] == ["file-too-large"]
    assert read(settings=changed(settings, root=tmp_path / "datasets")).session.path == "gs.yaml"
    other = tmp_path / "datasets" / "other.yaml"
    write(other, FULL)
    assert read(path=other).session.path.endswith("other.yaml")
    write(path, FULL.replace("topic_vi: Tuyển dụng", "topic_vi: Biên chế"))
    assert read().session.topic.vi == "Biên chế"


def test_sessions_are_all_read_past_one_that_is_none_and_past_a_duplicate(tmp_path):
    from generator.supervision.records import CodeLists, read_sessions

    folder = tmp_path / "datasets" / "giam-sat" / "sessions"
    write(folder / "a.yaml", "id: [not, a, string]\n")  # no session from it
    write(folder / "b.yaml", FULL)
    write(folder / "c.yaml", FULL)  # the same id again
    write(folder / "d.yaml", FULL.replace("id: GS-2\n", "id: GS-3\n"))
    files = sorted(folder.glob("*.yaml"))
    settings = settings_for(tmp_path / "datasets", cache_validation=False)
    sessions, problems = read_sessions(files, CodeLists(**FULL_CODES), settings)
    assert [s.id for s in sessions] == ["GS-3", "GS-2"] and sessions[1].path.endswith("b.yaml")
    [duplicate] = [p for p in problems if p.code == "duplicate-id"]
    assert (duplicate.path.endswith("c.yaml"), duplicate.line, duplicate.params_dict()["value"],
            duplicate.params_dict()["other"].endswith("b.yaml")) == (True, 1, "GS-2", True)
    other = duplicate.params_dict()["other"]  # the first one's file and the line of its id, as editors open it
    assert duplicate.message("en") == f"id 'GS-2' is already used in {other}:1"
    assert duplicate.message("vi") == f"mã 'GS-2' đã dùng ở {other}:1"


def test_an_id_used_twice_in_one_file_names_the_first_one_s_line(tmp_path):
    """Not 'facts[0]': the facts of a file are not counted from 0 by anyone reading it."""
    read = _full(tmp_path, "  - id: K01", "  - id: F01")
    [duplicate] = [p for p in read.problems if p.code == "duplicate-id"]
    first = _line("  - id: F01", document=FULL)
    assert (duplicate.message("vi"), duplicate.message("en")) == (
        f"mã 'F01' đã dùng ở dòng {first}", f"id 'F01' is already used at line {first}")


def test_record_files_leave_out_what_resolves_outside_the_folder(tmp_path):
    from generator.supervision.records import record_files

    folder, outside = tmp_path / "sessions", tmp_path / "elsewhere"
    write(folder / "a.yaml", "x: 1\n")
    write(folder / "sub" / "b.yaml", "x: 1\n")
    write(outside / "c.yaml", "x: 1\n")
    (folder / "link.yaml").symlink_to(outside / "c.yaml")  # a file linked from outside
    (folder / "away").symlink_to(outside, target_is_directory=True)  # a folder that is outside
    (folder / "inner.yaml").symlink_to(folder / "a.yaml")  # a link that stays inside
    (folder / "dir.yaml").mkdir()  # matches the pattern, but no file
    assert [p.relative_to(folder).as_posix() for p in record_files(folder, "**/*.yaml")] == [
        "a.yaml", "inner.yaml", "sub/b.yaml"]
