"""Hostile or broken inputs end as problems (exit 1) at their file and line: never a traceback, a crash, a
swap storm, or a row or session dropped in silence. The limits are in generator/core/read/limits.py.

Inputs that used to exhaust memory or the C stack run in a child process under a memory limit
(``RLIMIT_AS``): a regression then fails the test with a MemoryError or a crash, instead of swapping the
machine; the child reports its own peak memory.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SESSION, Package, Resource, make_project, settings_for, write

from generator import pipeline
from generator.cli import main
from generator.core.checks import patterns
from generator.core.read.limits import MAX_CELL_CHARS, MAX_COLUMNS, MAX_DEPTH
from generator.core.text import CONTROL_RANGES

TABLE = """
name: p
resources:
  - name: t
    path: t.csv
    schema:
      fields:
        - {name: id, type: integer}
        - {name: name, type: string}
"""
MEMORY_LIMIT = 1 << 30  # a normal validation peaks at about 130 MB
CHILD = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
from generator.cli import main
code = main(["validate", "--datasets", sys.argv[1], "--cache-dir", sys.argv[2], "--format", "json",
             "--build-date", "2026-11-26", "--lang", "en"])
# The peak of this process's own memory (VmHWM: since the exec). ru_maxrss also counts the parent's pages the
# child held between fork and exec: a test worker grown to 450 MB by earlier tests failed the bound here.
try:
    with open("/proc/self/status") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
except (OSError, StopIteration):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"code": code, "peak_kb": peak}}), file=sys.stderr)
sys.exit(code)
"""


def package(root: Path, data: bytes, descriptor: str = TABLE) -> Path:
    write(root / "p" / "datapackage.yaml", descriptor)
    (root / "p" / "t.csv").write_bytes(data)
    return root


def found(datasets: Path, **settings) -> list[tuple]:
    """(code, path relative to the datasets folder, line, column, field) of each problem."""
    problems = pipeline.check(settings_for(datasets, **settings)).problems
    return [(p.code, p.path.removeprefix(f"{datasets.name}/"), p.line, p.column, p.field) for p in problems]


def validate_in_child(datasets: Path, tmp_path: Path, timeout: int = 120) -> tuple[int, list[tuple], dict]:
    """(exit code, problems as in ``found``, the child's own report) of ``minhbach validate`` in a child
    process that may use at most MEMORY_LIMIT bytes and ``timeout`` seconds."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-c", CHILD.format(limit=MEMORY_LIMIT), str(datasets),
                          str(tmp_path / "cache")], capture_output=True, text=True, env=env, timeout=timeout,
                         cwd=datasets.parent)
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    report = json.loads(run.stderr.strip().splitlines()[-1])
    problems = [(p["code"], p["path"].removeprefix(f"{datasets.name}/"), p["line"], p["column"], p["field"])
                for p in json.loads(run.stdout)["problems"]]
    return run.returncode, problems, report


# YAML: aliases, depth, control characters

BOMB = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10))


def test_alias_bomb_in_a_session_is_refused_quickly_in_bounded_memory(project, tmp_path):
    write(project / "giam-sat" / "sessions" / "2024-07-01-bomb.yaml", BOMB)  # 9^9 values once expanded
    code, problems, report = validate_in_child(project, tmp_path)
    assert code == 1
    assert problems == [("yaml-alias", "giam-sat/sessions/2024-07-01-bomb.yaml", 2, 10, None)]
    assert report["peak_kb"] < 300_000


def test_alias_bomb_in_a_descriptor_is_refused(tmp_path):
    datasets = package(tmp_path / "datasets", b"id,name\n1,a\n", TABLE + "x-bomb:\n" + "".join(
        "  " + line + "\n" for line in BOMB.splitlines()))
    code, problems, report = validate_in_child(datasets, tmp_path)
    assert (code, problems) == (1, [("yaml-alias", "p/datapackage.yaml", 11, 12, None)])
    assert report["peak_kb"] < 300_000


def test_alias_problem_names_the_alias_and_counts_them(tmp_path):
    write(tmp_path / "d" / "p" / "datapackage.yaml", TABLE + "x-a: &base {k: 1}\nx-b: *base\nx-c: *base\n")
    problems = pipeline.check(settings_for(tmp_path / "d")).problems
    [alias] = [p for p in problems if p.code == "yaml-alias"]
    assert (alias.line, alias.column) == (10, 6)
    assert alias.message("en") == "YAML aliases are not allowed in data files ('*base'; 2 in this file)"


@pytest.mark.parametrize("depth", [MAX_DEPTH, 1_000, 100_000])
def test_deep_nesting_in_a_session_is_refused(project, tmp_path, depth):
    # 1,000 deep raised RecursionError; 100,000 deep crashed LibYAML's composer (a segmentation fault).
    # The root mapping is level 1 and the first "[" (column 8) level 2: the one that would be level
    # MAX_DEPTH + 1 is refused where it stands.
    write(project / "giam-sat" / "sessions" / "2024-07-01-deep.yaml", "id: x\nfacts: " + "[" * depth + "]" * depth)
    code, problems, report = validate_in_child(project, tmp_path)
    assert (code, problems) == (1, [("too-deep", "giam-sat/sessions/2024-07-01-deep.yaml", 2, 7 + MAX_DEPTH, None)])
    assert report["peak_kb"] < 300_000


def test_nesting_at_the_limit_is_read():
    from generator.core.read.tree import load_yaml

    tree = load_yaml("a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1), "f.yaml")
    assert tree.problems == []
    assert load_yaml("a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH, "f.yaml").problems[0].code == "too-deep"


@pytest.mark.parametrize("depth", [MAX_DEPTH, 5_000])
def test_deep_nesting_in_a_json_descriptor_is_refused(tmp_path, depth):
    datasets = tmp_path / "datasets"
    write(datasets / "p" / "datapackage.json", '{"name": "p", "x": ' + "[" * depth + "]" * depth + "}")
    # 5,000 deep: Python's JSON parser stops first (RecursionError), without a column.
    assert found(datasets) == [("too-deep", "p/datapackage.json", 1, 1 if depth > 1000 else 19 + MAX_DEPTH, None)]


def test_nul_and_control_characters_in_yaml(project):
    session = project / "giam-sat" / "sessions" / "2024-06-11-test.yaml"
    text = SESSION.lstrip("\n")
    session.write_text(text.replace("topic_en: Administrative reform", "topic_en: Admin\x00istrative"), "utf-8")
    assert found(project) == [("control-character", "giam-sat/sessions/2024-06-11-test.yaml", 8, 16, "topic_en")]
    # Escaped in a double-quoted scalar, the character only exists once the YAML is read: found there.
    session.write_text(text.replace("topic_en: Administrative reform", 'topic_en: "Admin\\x1bistrative"'), "utf-8")
    assert found(project) == [("control-character", "giam-sat/sessions/2024-06-11-test.yaml", 8, 11, "topic_en")]


# The invisible format characters refused as the controls are (core/text.CONTROL_RANGES), one or two of each
# kind, with the name a message gives them.
FORMAT_CHARACTERS = [
    ("\u202a", "U+202A LEFT-TO-RIGHT EMBEDDING"),
    ("\u202d", "U+202D LEFT-TO-RIGHT OVERRIDE"),
    ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
    ("\u2069", "U+2069 POP DIRECTIONAL ISOLATE"),
    ("\u200b", "U+200B ZERO WIDTH SPACE"),
    ("\u2060", "U+2060 WORD JOINER"),
    ("\u2062", "U+2062 INVISIBLE TIMES"),
    ("\u2064", "U+2064 INVISIBLE PLUS"),
    ("\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
    ("\u3164", "U+3164 HANGUL FILLER"),  # a blank letter (hostile audit round 5, #3)
    ("\uffa0", "U+FFA0 HALFWIDTH HANGUL FILLER"),
]
# What real scripts need to be written: the joiners (Persian, the Indic scripts, emoji) and the direction marks.
KEPT_FORMAT_CHARACTERS = ["\u200c", "\u200d", "\u200e", "\u200f"]


def _located(datasets: Path) -> list[tuple]:
    problems = pipeline.check(settings_for(datasets)).problems
    return [(p.code, p.path.removeprefix(f"{datasets.name}/"), p.line, p.column, p.field, p.params_dict())
            for p in problems]


@pytest.mark.parametrize(("char", "name"), FORMAT_CHARACTERS)
def test_a_bidi_control_or_invisible_character_in_a_csv_cell_is_refused_where_it_stands(tmp_path, char, name):
    # After U+202E, "và 18" shows as "81 và": a published count would read as another number.
    datasets = package(tmp_path / "datasets", f"id,name\n1,a\n2,và 1{char}8\n".encode())
    assert _located(datasets) == [("control-character", "p/t.csv", 3, 7, "name", {"char": name})]


@pytest.mark.parametrize(("char", "name"), FORMAT_CHARACTERS)
def test_a_bidi_control_or_invisible_character_in_a_session_is_refused_where_it_stands(project, char, name):
    session = project / "giam-sat" / "sessions" / "2024-06-11-test.yaml"
    text = SESSION.lstrip("\n")
    where = "giam-sat/sessions/2024-06-11-test.yaml"
    session.write_text(text.replace("topic_en: Administrative reform", f"topic_en: Admin{char}istrative"), "utf-8")
    assert _located(project) == [("control-character", where, 8, 16, "topic_en", {"char": name})]
    # Escaped in a double-quoted scalar: at the value.
    escaped = f'topic_en: "Admin\\u{ord(char):04x}istrative"'
    session.write_text(text.replace("topic_en: Administrative reform", escaped), "utf-8")
    assert _located(project) == [("control-character", where, 8, 11, "topic_en", {"char": name})]
    # An id that would look like another: "F0<U+200B>1" beside "F01".
    session.write_text(text.replace("  - id: F01", f"  - id: F0{char}1"), "utf-8")
    assert _located(project) == [("control-character", where, 11, 11, "id", {"char": name})]


def test_a_bidi_control_in_a_descriptor_is_refused_at_its_key(tmp_path):
    descriptor = TABLE.replace("name: p\n", "name: p\ntitle: Gói\u2067\n")
    datasets = package(tmp_path / "datasets", b"id,name\n1,a\n", descriptor)
    assert _located(datasets) == [
        ("control-character", "p/datapackage.yaml", 2, 11, "title", {"char": "U+2067 RIGHT-TO-LEFT ISOLATE"})]


def test_a_lone_surrogate_escaped_in_json_is_refused_where_it_is_written(tmp_path, capsys):
    """Half a surrogate pair, which JSON may escape and no UTF-8 text can hold: in a descriptor, validate and build
    stopped with exit 2 and no place (the cache key could not be encoded); in a data file, validate passed and the
    build stopped so, writing the page (audit generic7 #2)."""
    datasets = tmp_path / "datasets"
    table = '"resources": [{"name": "t", "path": "t.json", "type": "table"}]}'
    for name, descriptor, data in (
            ("p", '{"name": "p",\n "title": "T\\udc00",\n "resources": [{"name": "t", "path": "t.csv"}]}', ""),
            ("q", '{"name": "q", ' + table, '[{"id": 1, "s": "a"},\n {"id": 2, "s": "x\\ud800y"}]'),
            ("r", '{"name": "r", ' + table, '[{"id": 1, "s\\udc00": "a"}]')):
        write(datasets / name / "datapackage.json", descriptor)
        write(datasets / name / ("t.json" if data else "t.csv"), data or "id\n1\n")
    assert _located(datasets) == [
        ("control-character", "p/datapackage.json", 2, 13, None, {"char": "U+DC00", "escape": "\\udc00"}),
        ("control-character", "q/t.json", 2, 1, "s", {"char": "U+D800", "escape": "\\ud800"}),
        ("control-character", "r/t.json", 1, 1, "s", {"char": "U+DC00", "escape": "\\udc00"})]
    assert main(["validate", "--datasets", str(datasets), "--lang", "en"]) == 1
    assert "hint: delete the \\udc00: it is half of a character" in capsys.readouterr().out


def test_joiners_and_direction_marks_are_kept_and_a_byte_order_mark_is_skipped(tmp_path, project):
    kept = "".join(KEPT_FORMAT_CHARACTERS) + "\u05e9"  # a Hebrew letter: a text the marks may be there for
    datasets = package(tmp_path / "csv", f"\ufeffid,name\n1,a{kept}b\n".encode())
    checked = pipeline.check(settings_for(datasets))
    assert checked.problems == []
    assert checked.datasets.packages[0].tables[0].rows[0].values == ("1", f"a{kept}b")
    session = project / "giam-sat" / "sessions" / "2024-06-11-test.yaml"
    session.write_text("\ufeff" + SESSION.lstrip("\n").replace("Administrative reform", f"Admin{kept}istrative"),
                       "utf-8")
    assert _located(project) == []


# Hostile-PR audit round 7, finding 5: RLM and ALM where nothing is written right to left. With an RLM before and
# after each number, "2023 → 2024: 40% → 95%" showed "… 95% → 40%" and a session's "7/9" showed "9/7" (Chromium).
RLM, ALM = "\u200f", "\u061c"
SWAPPED = f"hạng {RLM}5{RLM}, {RLM}36{RLM}"  # shows "hạng 36 ,5"
SWAPPED_AROUND = "hạng [U+200F]5[U+200F], [U+200F]36[U+200F]"
RLM_NAME, ALM_NAME = "U+200F RIGHT-TO-LEFT MARK", "U+061C ARABIC LETTER MARK"


def _marked(char: str, around: str, position: int = 6, count: int = 4) -> dict[str, str]:
    return {"char": char, "position": str(position), "around": around, "count": str(count)}


def test_a_right_to_left_mark_in_a_cell_with_nothing_right_to_left_is_warned_of_or_refused(tmp_path):
    """A warning at the cell in a package the site only publishes (which may be meant for readers of Arabic), an
    error in a package of the site's own; the hint says which character it is and shows the text around it."""
    rows = f'id,name\n1,a\n2,"{SWAPPED}"\n3,"{SWAPPED.replace(RLM, ALM)}"\n'
    datasets = package(tmp_path / "datasets", rows.encode())
    assert _located(datasets) == [
        ("stray-direction-mark", "p/t.csv", 3, 3, "name", _marked(RLM_NAME, SWAPPED_AROUND)),
        ("stray-direction-mark", "p/t.csv", 4, 3, "name",
         _marked(ALM_NAME, SWAPPED_AROUND.replace("U+200F", "U+061C")))]
    package(tmp_path / "datasets", rows.encode(), TABLE + "x-minhbach: {role: sources}\n")
    checked = pipeline.check(settings_for(datasets)).problems
    assert [(p.code, p.line, p.is_error) for p in checked] == [("direction-mark", 3, True), ("direction-mark", 4, True)]
    assert checked[0].hint("en") == (
        f"delete the {RLM_NAME} at character 6 ({SWAPPED_AROUND}) and every such mark in this text (4 in all; "
        "many editors show them only with invisible characters made visible): only text with Arabic, Hebrew... "
        "letters needs them")


@pytest.mark.parametrize("text", [
    f"שלום {RLM}5{RLM}, {RLM}36{RLM}",  # Hebrew letters
    f"{RLM}مرحبا 2024{RLM}",  # Arabic letters
    f"{ALM}١٢{ALM}-{ALM}٣",  # Arabic-Indic digits, which ALM is made for
    f"۱۴۰۲{RLM}/۰۵{RLM}/۱۲",  # a Persian date: its digits are of class EN, as Latin ones, but RTL all the same
    "hạng \u200e5\u200e, \u200e36",  # LRM asks for the direction the page has: nothing reorders
])
def test_a_direction_mark_in_mixed_direction_text_or_an_lrm_is_kept(tmp_path, text):
    datasets = package(tmp_path / "datasets", f'id,name\n1,"{text}"\n'.encode(),
                       TABLE + "x-minhbach: {role: sources}\n")
    assert _located(datasets) == []


def test_a_right_to_left_mark_in_a_descriptor_a_schema_file_or_a_header_is_found_where_it_is(tmp_path):
    datasets = tmp_path / "datasets"
    described = f"2023 → 2024: {RLM}40%{RLM} → {RLM}95%{RLM}"
    write(datasets / "p" / "datapackage.json", json.dumps({
        "name": "p", "description": described, "resources": [{"name": "t", "path": "t.csv", "schema": "s.yaml"}]},
        indent=1))  # ensure_ascii: the marks written as JSON escapes, which no look at the file's text finds
    write(datasets / "p" / "s.yaml", f"fields:\n  - name: id\n    title: Số {RLM}1{RLM}-{RLM}2{RLM}\n")
    write(datasets / "p" / "t.csv", "id\n1\n")
    write(datasets / "q" / "datapackage.yaml", "name: q\nresources: [{name: t, path: t.csv}]\n")  # no schema
    write(datasets / "q" / "t.csv", f'id,"{SWAPPED}"\n1,a\n')
    assert _located(datasets) == [
        ("stray-direction-mark", "p/datapackage.json", 3, 2, "description",
         _marked(RLM_NAME, "…023 → 2024: [U+200F]40%[U+200F] → [U+200F]95%[U+200F]", position=14)),
        ("stray-direction-mark", "p/s.yaml", 3, 5, "title", _marked(RLM_NAME, "Số [U+200F]1[U+200F]-[U+200F]2[U+200F]",
                                                                   position=4)),
        ("stray-direction-mark", "q/t.csv", 1, 4, SWAPPED, _marked(RLM_NAME, SWAPPED_AROUND))]


def test_a_right_to_left_mark_in_a_session_is_refused_at_its_key(project):
    """The audit's session: a fact's value "9/9" made "7/9" with an RLM around each number, shown "9/7"."""
    _session(project, 'value: "9/9"', f'value: "{RLM}7{RLM}/{RLM}9{RLM}"')
    assert _located(project) == [
        ("direction-mark", SESSION_FILE, 15, 5, "value", _marked(RLM_NAME, "[U+200F]7[U+200F]/[U+200F]9[U+200F]",
                                                                 position=1))]
    _session(project, 'value: "9/9"', 'value: "\\u061c7/9"')  # escaped in YAML
    assert [found[:5] for found in _located(project)] == [("direction-mark", SESSION_FILE, 15, 5, "value")]


# Hostile-PR audit round 5, finding 3: characters that show nothing but have a use in running text, refused in ids
# and codes ("K0"+U+00AD+"1" beside "K01": two conclusions that read alike, with two statuses).
INVISIBLE_IN_CODES = [
    ("\u00ad", "U+00AD SOFT HYPHEN"),
    ("\u034f", "U+034F COMBINING GRAPHEME JOINER"),
    ("\ufe0f", "U+FE0F VARIATION SELECTOR-16"),
    ("\u200c", "U+200C ZERO WIDTH NON-JOINER"),
    ("\u200d", "U+200D ZERO WIDTH JOINER"),
    ("\u200e", "U+200E LEFT-TO-RIGHT MARK"),
    ("\u115f", "U+115F HANGUL CHOSEONG FILLER"),
    ("\u180e", "U+180E MONGOLIAN VOWEL SEPARATOR"),
    ("\U000e0101", "U+E0101 VARIATION SELECTOR-18"),
    ("\u0600", "U+0600 ARABIC NUMBER SIGN"),  # a format character (Cf) that Unicode does not list as ignorable
]
SESSION_FILE = "giam-sat/sessions/2024-06-11-test.yaml"


def _session(project: Path, old: str, new: str) -> None:
    text = SESSION.lstrip("\n")
    assert old in text
    write(project / "giam-sat" / "sessions" / "2024-06-11-test.yaml", text.replace(old, new))


@pytest.mark.parametrize(("char", "name"), INVISIBLE_IN_CODES)
def test_an_invisible_character_in_a_sessions_id_or_code_is_refused_at_its_key(project, char, name):
    _session(project, "  - id: K02\n", f'  - id: "K0{char}1"\n')
    assert _located(project) == [("control-character", SESSION_FILE, 23, 5, "id", {"char": name})]
    _session(project, "id: GS-2024-06-11-TEST\n", f"id: GS-2024-06-11-TEST{char}\n")
    assert _located(project) == [("control-character", SESSION_FILE, 1, 1, "id", {"char": name})]
    # A code it names: refused for the character, and unknown as written
    _session(project, "agencies: [SNV, STC]\n", f'agencies: [SNV, "S{char}TC"]\n')
    assert [found[:5] for found in _located(project)] == [("control-character", SESSION_FILE, 6, 17, "agencies"),
                                                         ("unknown-reference", SESSION_FILE, 6, 17, "agencies")]


@pytest.mark.parametrize(("char", "name"), INVISIBLE_IN_CODES)
def test_an_invisible_character_in_a_tables_primary_key_is_refused_at_its_row(tmp_path, char, name):
    """An agency code 'S'+U+00AD+'NV' beside 'SNV' would be a second agency, with a page, that reads as the first:
    refused in a package whose codes the site looks up (a role). In a package it only publishes, Frictionless
    calls such a key valid and it may be right (ZWNJ inside a Persian word, ZWJ in a family emoji): published."""
    keyed = TABLE.replace("        - {name: name, type: string}\n",
                          "        - {name: name, type: string}\n      primaryKey: [name]\n")
    datasets = package(tmp_path / "datasets", f"id,name\n1,K01\n2,K0{char}1\n".encode())
    assert _located(datasets) == []  # not a key: text, which may hold it
    package(tmp_path / "datasets", f"id,name\n1,K01\n2,K0{char}1\n".encode(), keyed)
    assert _located(datasets) == []  # a key of a package the site only publishes
    package(tmp_path / "datasets", f"id,name\n1,K01\n2,K0{char}1\n".encode(),
            keyed + "x-minhbach: {role: sources}\n")
    assert ("control-character", "p/t.csv", 3, None, "name", {"char": name}) in _located(datasets)


@pytest.mark.parametrize(("char", "name"), INVISIBLE_IN_CODES)
def test_an_invisible_character_with_a_use_in_text_is_kept_in_text(project, char, name):
    _session(project, "topic_en: Administrative reform", f"topic_en: Admin{char}istrative")
    assert _located(project) == []


TAGS = "\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"  # "gbsct" and CANCEL TAG


@pytest.mark.parametrize(("text", "where"), [
    ("K0\U000e00311", (23, 11)),  # TAG DIGIT ONE after a letter: "K01" on screen
    ("K0\U000e0031\U000e0032\U000e007f1", (23, 11)),  # a run of them, cancelled: still no flag
    ("K0\U000e007f1", (23, 11)),  # a cancel tag alone
])
def test_a_tag_character_outside_an_emojis_tag_sequence_is_refused_in_any_text(project, text, where):
    from generator.core.text import printable

    _session(project, "  - id: K02\n", f"  - id: {text}\n")
    assert [found[:5] for found in _located(project)] == [("control-character", SESSION_FILE, *where, "id")]
    _session(project, "topic_en: Administrative reform", f"topic_en: {text}")
    assert [found[:5] for found in _located(project)] == [("control-character", SESSION_FILE, 8, 13, "topic_en")]
    assert printable(text) == "K01"


def test_an_emojis_tag_sequence_is_kept_in_text(project):
    """The flag of Scotland: a black flag, tags spelling 'gbsct', a cancel tag."""
    from generator.core.text import printable

    _session(project, "topic_en: Administrative reform", f"topic_en: Reform \U0001f3f4{TAGS} in Scotland")
    assert _located(project) == []
    assert printable(f"\U0001f3f4{TAGS}") == f"\U0001f3f4{TAGS}"


def test_control_character_escaped_in_a_json_descriptor(tmp_path):
    datasets = tmp_path / "datasets"
    write(datasets / "p" / "datapackage.json", '{\n  "name": "p",\n  "title": "a\\u0000b",\n  "resources": []\n}\n')
    problems = pipeline.check(settings_for(datasets)).problems
    assert [(p.code, p.line, p.column, p.params_dict()) for p in problems if p.code == "control-character"] == [
        ("control-character", 3, 12, {"char": "U+0000"})]


def test_line_terminator_in_a_dialect_is_not_a_control_character(tmp_path):
    datasets = tmp_path / "datasets"
    write(datasets / "p" / "datapackage.json", json.dumps({
        "name": "p", "resources": [{"name": "t", "path": "t.csv", "dialect": {"lineTerminator": "\r\n"},
                                    "schema": {"fields": [{"name": "id", "type": "integer"}]}}]}))
    (datasets / "p" / "t.csv").write_bytes(b"id\r\n1\r\n")
    assert found(datasets) == []


# Sessions and packages that would vanish without a word


@pytest.mark.parametrize("text", ["", "\n\n", "# a session to come\n# (nothing yet)\n"])
def test_empty_or_comment_only_session_file_is_a_problem(project, text):
    write(project / "giam-sat" / "sessions" / "2024-07-01-soon.yaml", "x")
    (project / "giam-sat" / "sessions" / "2024-07-01-soon.yaml").write_text(text, "utf-8")
    assert found(project) == [("empty-file", "giam-sat/sessions/2024-07-01-soon.yaml", 1, 1, None)]


def test_folder_with_data_but_no_descriptor_is_a_problem(project):
    write(project / "cu" / "data" / "old.csv", "a,b\n1,2\n")
    write(project / "cu" / "data" / "older.csv", "a,b\n1,2\n")
    write(project / "cu" / "notes.md", "not data\n")
    write(project / "giam-sat" / "draft" / "extra.csv", "a\n1\n")  # inside a package: that package's file
    problems = pipeline.check(settings_for(project)).problems
    assert [(p.code, p.path, p.line, p.params_dict()) for p in problems] == [
        ("no-descriptor", "datasets/cu/data", None, {"folder": "datasets/cu/data", "files": "old.csv, older.csv"})]


def test_renamed_descriptor_leaves_its_folder_reported(project):
    (project / "co-quan" / "datapackage.yaml").rename(project / "co-quan" / "datapackage.yaml.bak")
    problems = pipeline.check(settings_for(project)).problems
    assert ("no-descriptor", "datasets/co-quan/data") in [(p.code, p.path) for p in problems]


# CSV: line ends, columns, cells, control characters


def test_bare_cr_line_ends_keep_every_row_and_agree_with_frictionless(tmp_path):
    rows = [f"{i},n{i}" for i in range(1, 303)]
    rows[199] = "x,n200"  # a type error on the 201st line: located as Frictionless counts it
    datasets = package(tmp_path / "datasets", ("\r".join(["id,name", *rows]) + "\r").encode())
    checked = pipeline.check(settings_for(datasets))
    table = checked.datasets.packages[0].tables[0]
    assert len(table.rows) == 302
    assert (table.rows[0].line, table.rows[0].values) == (2, ("1", "n1"))
    assert (table.rows[-1].line, table.rows[-1].values) == (303, ("302", "n302"))
    assert [(p.code, p.line, p.column, p.field) for p in checked.problems] == [("type-error", 201, 1, "id")]


def test_mixed_line_ends_and_a_cr_inside_quotes(tmp_path):
    datasets = package(tmp_path / "datasets", b'id,name\r\n1,"a\rb"\r2,c\n3,d\r\n')
    checked = pipeline.check(settings_for(datasets))
    [table] = checked.datasets.packages[0].tables
    # The lone CR inside quotes is the cell's, as Frictionless reads it (922c2f8: it was made a line end), so it
    # ends no line either: lines are counted by the line ends that end lines of the file as read (a row's CR, LF,
    # CRLF), which the chunked checks split the file by (chunked.split).
    assert [(r.line, r.values) for r in table.rows] == [(2, ("1", "a\rb")), (3, ("2", "c")), (4, ("3", "d"))]
    assert checked.problems == []


def test_header_of_100000_columns_is_refused_at_once(tmp_path):
    header = ",".join(f"c{i}" for i in range(100_000))
    datasets = package(tmp_path / "datasets", f"{header}\n".encode() + b"1,2\n")
    code, problems, report = validate_in_child(datasets, tmp_path)
    assert (code, problems) == (1, [("too-many-columns", "p/t.csv", 1, 1, None)])
    assert report["peak_kb"] < 400_000


def test_a_row_over_the_column_limit_stops_the_table_with_a_problem(tmp_path):
    wide = ",".join(["1"] * (MAX_COLUMNS + 1))
    datasets = package(tmp_path / "datasets", f"id,name\n1,a\n{wide}\n2,b\n".encode())
    problems = pipeline.check(settings_for(datasets)).problems
    assert [(p.code, p.line, p.params_dict()) for p in problems] == [
        ("too-many-columns", 3, {"count": str(MAX_COLUMNS + 1), "limit": str(MAX_COLUMNS)})]


def test_schema_over_the_column_limit(tmp_path):
    fields = "".join(f"        - {{name: c{i}}}\n" for i in range(MAX_COLUMNS + 1))
    datasets = package(tmp_path / "datasets", b"c0\n1\n", TABLE.split("      fields:")[0] + "      fields:\n" + fields)
    assert found(datasets) == [("too-many-columns", "p/datapackage.yaml", 6, 7, "fields")]


def test_oversized_cell_is_a_problem_at_its_line(tmp_path):
    datasets = package(tmp_path / "datasets", b"id,name\n1,a\n2," + b"x" * (MAX_CELL_CHARS + 1) + b"\n3,c\n")
    assert found(datasets) == [("cell-too-large", "p/t.csv", 3, None, None)]


def test_unclosed_quote_running_into_a_huge_cell_is_reported_where_it_opens(tmp_path):
    lines = b"".join(b"%d,row\n" % i for i in range(3, 20_000))
    datasets = package(tmp_path / "datasets", b'id,name\n1,a\n2,"unclosed\n' + lines)
    assert found(datasets) == [("cell-too-large", "p/t.csv", 3, None, None)]


@pytest.mark.parametrize(("data", "line"), [
    (b'id,name\n1,a\n2,"unclosed\n3,c\n4,d\n', 3),  # would swallow rows 3 and 4 into one cell, in silence
    (b'id,name\n1,a\n2,"b"c\n3,d\n', 3),
])
def test_quote_left_open_or_text_after_a_closing_quote(tmp_path, data, line):
    datasets = package(tmp_path / "datasets", data)
    problems = pipeline.check(settings_for(datasets)).problems
    assert [(p.code, p.line) for p in problems] == [("csv-error", line)]
    assert problems[0].message("en").startswith("the CSV cannot be read from this line on: ")


def test_cell_at_the_limit_is_read(tmp_path):
    datasets = package(tmp_path / "datasets", b"id,name\n1," + b"x" * MAX_CELL_CHARS + b"\n")
    checked = pipeline.check(settings_for(datasets))
    assert checked.problems == []
    assert len(checked.datasets.packages[0].tables[0].rows[0].values[1]) == MAX_CELL_CHARS


@pytest.mark.parametrize(("data", "where", "char"), [
    (b"id,name\n1,a\n2,b\x00c\n", (3, 4, "name"), "U+0000"),
    (b"id,name\n1,a\n2,\"b\n\x07c\"\n", (4, 1, "name"), "U+0007"),
    (b"id,na\x1bme\n1,a\n", (1, 6, None), "U+001B"),
    (b"id,name\n1,a\xc2\x85\n", (2, 4, "name"), "U+0085"),
    (b"id,name\n1,a\xef\xbf\xbf\n", (2, 4, "name"), "U+FFFF"),
])
def test_nul_and_control_characters_in_csv(tmp_path, data, where, char):
    datasets = package(tmp_path / "datasets", data)
    problems = pipeline.check(settings_for(datasets)).problems
    assert [(p.code, p.path, p.line, p.column, p.field, p.params_dict()) for p in problems] == [
        ("control-character", "datasets/p/t.csv", *where, {"char": char})]


def test_utf16_is_an_encoding_problem_not_a_control_character(tmp_path):
    datasets = package(tmp_path / "datasets", "id,name\n1,a\n".encode("utf-16"))
    assert [p.code for p in pipeline.check(settings_for(datasets)).problems] == ["encoding"]


def test_tab_separated_values_keep_their_tabs(tmp_path):
    descriptor = TABLE.replace("path: t.csv", "path: t.tsv")
    write(tmp_path / "datasets" / "p" / "datapackage.yaml", descriptor)
    (tmp_path / "datasets" / "p" / "t.tsv").write_bytes(b"id\tname\n1\ta\n")
    checked = pipeline.check(settings_for(tmp_path / "datasets"))
    assert checked.problems == []
    assert checked.datasets.packages[0].tables[0].rows[0].values == ("1", "a")


@pytest.mark.parametrize("text", ["", "# a package to come\n"])
def test_empty_or_comment_only_descriptor_is_an_empty_file(tmp_path, text):
    datasets = package(tmp_path / "datasets", b"id,name\n1,a\n", "x")
    (datasets / "p" / "datapackage.yaml").write_text(text, "utf-8")
    assert found(datasets) == [("empty-file", "p/datapackage.yaml", 1, 1, None)]


def test_every_limit_is_documented_with_its_value():
    docs = (ROOT / "docs" / "problems.md").read_text("utf-8")
    sections = dict(re.findall(r"^## `([a-z-]+)`\n(.*?)(?=^## |\Z)", docs, re.M | re.S))
    assert f"Limit: {MAX_DEPTH} levels of nesting" in sections["too-deep"]
    assert f"Limit: {MAX_COLUMNS:,} columns per row (and {MAX_COLUMNS:,} fields per schema)" in sections[
        "too-many-columns"]
    assert f"Limit: {MAX_CELL_CHARS:,} characters per CSV cell" in sections["cell-too-large"]
    assert "Limit: no YAML alias" in sections["yaml-alias"]
    refused = ", ".join(f"U+{low:04X}" if low == high else f"U+{low:04X}, U+{high:04X}" if high == low + 1 else
                        f"U+{low:04X}–U+{high:04X}" for low, high in CONTROL_RANGES)
    assert f"none of {refused} in CSV" in sections["control-character"]
    assert f"không có {refused} trong tệp CSV" in sections["control-character"]
    assert "--max-file-bytes" in sections["decompressed-too-large"]
    assert (patterns.BASE_SECONDS, patterns.SECONDS_PER_CELL, patterns.SECONDS_PER_CHARACTER,
            patterns.VALUE_SECONDS) == (0.5, 100e-6, 1e-6, 1.0)
    limits = ("Limit: half a second per package, plus 100 µs per cell and 1 µs per character matched; a second "
              "for one value")
    assert limits in " ".join(sections["pattern-too-slow"].split())


# Numbers: a short cell that prints as a long one

# "1e-999999" is a valid number cell of nine characters. The own score is worded, ranked and drawn; the generic
# package's column is the automatic chart's, summarised in a sentence.
TINY = "1e-999999"
TINY_SCORE = Package("chi-so", (
    Resource("indices", ("index_code:string", "name_vi:string", "name_en:string", "score_unit:string"),
             path="data/indices.csv", schema_extra="primaryKey: [index_code]", rows="PAR_INDEX,Chỉ số,Index,\n"),
    Resource("results", ("index_code:string", "year:integer", "unit_type:string", "unit_code:string",
                         "unit_name:string", "component:string", "score:number", "rank:integer", "rank_of:integer",
                         "source_id:string"),
             path="data/results.csv",
             rows=("PAR_INDEX,2022,province,79,TP.HCM,total,84.70,2,63,seed\n"
                   f"PAR_INDEX,2023,province,79,TP.HCM,total,{TINY},3,63,seed\n"
                   "PAR_INDEX,2023,province,48,Đà Nẵng,total,91.20,1,63,seed\n")),
), "x-minhbach: {role: indices, focus_unit: '79'}")
TINY_SERIES = Package("series", (Resource(
    "yearly", ("year:year", "value:number"), path="data/yearly.csv",
    rows=f"2021,{TINY}\n2022,2\n2023,0e-999999\n2024,1e999999\n"),), "title: Series")


def test_a_number_cell_of_a_few_characters_is_never_written_out_in_millions_of_digits(tmp_path):
    """"1e-9999999" (ten characters) was written out in full: the automatic chart's summary said the lowest value
    was "0,000…01" with ten million zeros, on four pages of 20 MB each and in a 10 MB search index (103 MB of site);
    "1e-99999999" in an own table took 4.4 GB and 2 minutes to build a 974 MB site. A number whose plain form
    adds more than 30 zeros to its digits is written in scientific notation, as wide as its cell, everywhere:
    pages, summaries, charts, search index and the charts' data files. The CSV download is the file as written."""
    datasets = make_project(tmp_path / "datasets")
    TINY_SCORE.write(datasets)
    TINY_SERIES.write(datasets)
    site = tmp_path / "site"
    assert main(["build", "--datasets", str(datasets), "--out", str(site), "--config", str(ROOT / "mkdocs.yml"),
                 "--build-date", "2026-11-26", "--jobs", "1", "--cache-dir", str(tmp_path / "cache")]) == 0
    texts = [p for p in site.rglob("*") if p.suffix in (".html", ".json", ".csv", ".svg", ".xml", ".txt")]
    assert [p.relative_to(site) for p in texts if re.search(rb"0{40}", p.read_bytes())] == []
    summary = "value theo year: 3 giá trị từ 2021 đến 2023; thấp nhất 0 (2023), cao nhất 2 (2022)."
    assert summary in (site / "du-lieu" / "series" / "index.html").read_text("utf-8")
    english = (site / "en" / "du-lieu" / "series" / "index.html").read_text("utf-8")
    assert "lowest 0 (2023), highest 2 (2022)" in english
    assert (site / "tai-ve" / "series" / "yearly.csv").read_text("utf-8") == TINY_SERIES.resources[0].csv
    for lang in ("", "en"):
        assert f"<td>{TINY.upper()}</td>" in (site / lang / "chi-so" / "par-index" / "index.html").read_text("utf-8")
        assert f"2023,{TINY.upper()}," in (site / lang / "assets" / "charts" / f"par-index-79-score-{lang or 'vi'}.csv"
                                           ).read_text("utf-8")


# Patterns: Frictionless matches each cell of a column with a ``pattern`` by Python's re, with no time limit
# (hostile-PR audit round 7, finding 4: "(a|aa)+" and a cell of 44 a's then a "b" held validation past 150 s).

def _patterned(pattern: str, field: str = "{name: name, type: string, constraints: {pattern: 'PATTERN'}}") -> str:
    return TABLE.replace("{name: name, type: string}", field.replace("PATTERN", pattern))


def test_a_pattern_that_backtracks_for_ever_is_refused_at_its_cell_in_seconds(tmp_path):
    """60 a's: re would take centuries; the timeout stands for CI's (the child is killed, the test fails)."""
    datasets = package(tmp_path / "datasets", f"id,name\n1,aa\n2,{'a' * 60}b\n".encode(), _patterned("(a|aa)+"))
    code, problems, _ = validate_in_child(datasets, tmp_path, timeout=60)
    assert (code, problems) == (1, [("pattern-too-slow", "p/t.csv", 3, 3, "name")])


def test_a_slow_pattern_is_found_in_an_array_s_items_in_inline_data_and_in_a_multipart_resource(tmp_path):
    """Each package's first value that runs out of time, placed as its other problems are: an array's item at
    its cell, inline data's at its row and column in the descriptor, a multipart resource's at its ``path``
    (its parts' lines repeat)."""
    slow, datasets = "a" * 60 + "b", tmp_path / "datasets"
    array = "{name: name, type: array, arrayItem: {type: string, constraints: {pattern: 'PATTERN'}}}"
    write(datasets / "arrays" / "datapackage.yaml", _patterned("(a|aa)+", array).replace("name: p", "name: arrays"))
    write(datasets / "arrays" / "t.csv", f'id,name\n1,"[""aa"", ""{slow}""]"\n')
    write(datasets / "inline" / "datapackage.yaml", _patterned("(a|aa)+").replace("name: p", "name: inline").replace(
        "path: t.csv", f"data: [[id, name], [1, aa], [2, {slow}]]"))
    write(datasets / "parts" / "datapackage.yaml", _patterned("(a|aa)+").replace("name: p", "name: parts").replace(
        "path: t.csv", "path: [t.csv, t2.csv]"))
    write(datasets / "parts" / "t.csv", f"id,name\n1,{slow}\n")
    write(datasets / "parts" / "t2.csv", "id,name\n2,aa\n")
    code, problems, _ = validate_in_child(datasets, tmp_path, timeout=60)
    assert code == 1
    assert sorted(problems) == [("pattern-too-slow", "arrays/t.csv", 2, 3, "name"),
                                ("pattern-too-slow", "inline/datapackage.yaml", 4, 37, "name"),
                                ("pattern-too-slow", "parts/datapackage.yaml", 4, 5, "name")]


def test_a_value_fast_once_is_too_slow_when_it_fills_every_row(tmp_path):
    """A value matched in about 15 ms: once is nothing, but Frictionless matches it in each of 500 rows (8 s). The
    package's time counts each cell, though each value is matched here once."""
    rows = "".join(f"{i},{'x' * 18}\n" for i in range(1, 501))
    datasets = package(tmp_path / "datasets", f"id,name\n{rows}".encode(), _patterned("(x+x+)+y"))
    handler = signal.getsignal(signal.SIGALRM)
    assert found(datasets) == [("pattern-too-slow", "p/t.csv", 2, 3, "name")]
    assert signal.getsignal(signal.SIGALRM) is handler  # given back, with no timer left running
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


# Patterns people write (and those of the corpus and datasets/), each on 5,000 short cells and one long one.
@pytest.mark.parametrize("pattern, short, long", [
    (r"^[A-Z]{2}\d{4}$", "AB1234", "AB1234"), ("(foo|bar)+", "foobar", "foobar" * 16_000),
    (r"\d{3}(-\d{4})?", "555-1234", "555"), (r"[^@\s]+@[^@\s]+\.[a-z]{2,}", "a.b@c.vn", "x" * 99_000 + "@a.vn"),
    ("[a-z0-9-]+(; [a-z0-9-]+)*", "ab-c; d", "ab-c; " * 16_000 + "x"),
    ("((derived|inferred)( (derived|inferred))*)?", "derived", "derived inferred " * 5_000 + "derived")],
    ids=["code", "alternatives", "phone", "email", "list", "words"])
def test_ordinary_patterns_pass_on_thousands_of_cells_and_on_one_of_100_000_characters(tmp_path, pattern, short,
                                                                                          long):
    rows = "".join(f"{i},{short}\n" for i in range(1, 5001)) + f"5001,{long}\n"
    datasets = package(tmp_path / "datasets", f"id,name\n{rows}".encode(), _patterned(pattern))
    assert found(datasets) == []
