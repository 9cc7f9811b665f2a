"""A status badge's class is one token whatever its code (hostile audit 2, #3).

A status code with a blank, its descriptor pattern relaxed in the same pull request ('dinh_hoan md-header'),
validated and built: every badge of that status got the site's own class too (a sticky header bar; 'mb-fold' hid
them all). The loader refuses such a code at its row (``status-code``), and the pages build the class from
``status_class`` alone, so no code could add one.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

from conftest import ROOT, settings_for
from hypothesis import given
from hypothesis import strategies as st

from generator import pipeline
from generator.core.text import Text
from generator.supervision.model import Item, Status, StatusEntry, status_class

TOKEN = re.compile(r"mb-status-[a-z0-9_-]+")


@given(st.text())
def test_a_status_class_is_one_token_whatever_the_code(code):
    assert TOKEN.fullmatch(status_class(code)), status_class(code)


def test_a_valid_code_keeps_its_class_as_the_style_sheet_names_it():
    assert [status_class(c) for c in ("dinh_hoan", "da_thuc_hien", "chua-co-2")] == [
        "mb-status-dinh_hoan", "mb-status-da_thuc_hien", "mb-status-chua-co-2"]
    assert [status_class(c) for c in ("dinh_hoan md-header", "mb-fold\tx", " ", "Đình hoãn")] == [
        "mb-status-dinh_hoan-md-header", "mb-status-mb-fold-x", "mb-status-x", "mb-status-dinh-hoan"]


def test_the_models_give_their_status_class():
    code = "dinh_hoan md-header"
    entry = StatusEntry(date(2024, 12, 1), "day", code, (), "sggp", Text())
    item = Item("recommendation", "K01", "GS-1", (), Text("x"), "", None, "", (), Text(), (entry,))
    blank = Item("recommendation", "K02", "GS-1", (), Text("x"), "", None, "", (), Text(), ())
    assert (Status(code, Text(), Text(), 1).css_class, entry.css_class, item.status_class, blank.status_class) == (
        "mb-status-dinh_hoan-md-header", "mb-status-dinh_hoan-md-header", "mb-status-dinh_hoan-md-header",
        "mb-status-chua_co_thong_tin")


CLASS_FROM_DATA = re.compile(r'class="[^"]*?\{\{\s*([^}]*?)\s*\}\}')


def test_templates_build_a_class_only_from_a_class_property():
    """A class attribute written from data takes a ``*_class`` property (one token), never a code as written
    (``mb-status-{{ item.status }}`` was how a blank in a code became a class of its own)."""
    found = {(path.relative_to(ROOT).as_posix(), expression)
             for path in (ROOT / "generator").rglob("*.j2")
             for expression in CLASS_FROM_DATA.findall(path.read_text("utf-8"))}
    assert found, "the scan finds the status badges"
    assert [(path, e) for path, e in sorted(found) if not re.fullmatch(r"[\w.]*class", e)] == []


def test_the_audit_repro_is_a_status_code_error_at_the_codes_row(tmp_path):
    """cases/cls: the real data, the descriptor's pattern relaxed, the code and a session's status changed."""
    datasets = tmp_path / "datasets"
    shutil.copytree(ROOT / "datasets", datasets)
    package = datasets / "giam-sat"
    descriptor = package / "datapackage.yaml"
    descriptor.write_text(descriptor.read_text("utf-8").replace("pattern: ^[a-z_]+$", "pattern: ^.+$", 1), "utf-8")
    statuses = package / "data" / "statuses.csv"
    statuses.write_text(statuses.read_text("utf-8").replace("\ndinh_hoan,", '\n"dinh_hoan md-header",'), "utf-8")
    session = package / "sessions" / "2024-06-11-cchc.yaml"
    session.write_text(session.read_text("utf-8").replace("status: dinh_hoan", 'status: "dinh_hoan md-header"'),
                       "utf-8")
    problems = pipeline.check(settings_for(datasets)).problems
    assert [(Path(p.path).as_posix().endswith("giam-sat/data/statuses.csv"), p.line, p.field, p.code,
             p.params_dict()["value"]) for p in problems] == [(True, 7, "code", "status-code", "dinh_hoan md-header")]
