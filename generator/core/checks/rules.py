"""Rules on table rows that Frictionless does not know: Vietnamese text wants its English beside it, and text
that a spreadsheet would run as a formula deserves a warning. (That stated numbers need a source is this
site's convention: see generator/directory/rules.py.)"""

from __future__ import annotations

from generator.core.problems import Problem, problem
from generator.core.read.table import Table

FORMULA_STARTS = ("=", "+", "-", "@")


def check_table(table: Table) -> list[Problem]:
    return _english_beside_vietnamese(table) + _formula_like(table)


def _english_beside_vietnamese(table: Table) -> list[Problem]:
    pairs = [(name, name[:-3] + "_en") for name in table.header
             if name.endswith("_vi") and name[:-3] + "_en" in table.header]
    problems = []
    for row in table.rows:
        for vi, en in pairs:
            if row.get(vi, "").strip() and not row.get(en, "").strip():
                problems.append(problem("missing-english", table.rel, row.line, None, en, key=vi, key_en=en))
    return problems


def _formula_like(table: Table) -> list[Problem]:
    text_fields = [f.name for f in table.fields if f.type in ("string", "any")]
    problems = []
    for row in table.rows:
        for name in text_fields:
            value = row.get(name, "")
            # A lone "-" (a common placeholder) or a signed number is not read as a formula.
            if len(value) > 1 and value.startswith(FORMULA_STARTS) and not _is_number(value):
                problems.append(problem("formula-like", table.rel, row.line, None, name, char=value[0]))
    return problems


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True
