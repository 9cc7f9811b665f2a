"""Rules on table rows that Frictionless does not know: Vietnamese text wants its English beside it, and text
that a spreadsheet would run as a formula deserves a warning, and a row's id (its primary key) shows every character
it holds. (That stated numbers need a source is this site's convention: see generator/directory/rules.py.)"""

from __future__ import annotations

from operator import itemgetter

from generator.core.problems import Problem, problem
from generator.core.read.limits import invisible_params
from generator.core.read.table import Table

FORMULA_STARTS = ("=", "+", "-", "@")


def check_table(table: Table) -> list[Problem]:
    return _english_beside_vietnamese(table) + _formula_like(table) + _invisible_in_keys(table)


# Both rules look at each distinct value (or pair of values) of a column once, and at the rows only when one
# of them is at fault: a national table has 15 million cells and about 20 thousand distinct values, and the
# cell-by-cell loop took 3 s of every build that read it.

def _english_beside_vietnamese(table: Table) -> list[Problem]:
    position = _positions(table)
    pairs = [(name, name[:-3] + "_en") for name in table.header
             if name.endswith("_vi") and name[:-3] + "_en" in position]
    values = [row.values for row in table.rows]
    faulty = []
    for vi, en in pairs:
        seen = set(zip(map(itemgetter(position[vi]), values), map(itemgetter(position[en]), values), strict=True))
        faulty.append({pair for pair in seen if pair[0].strip() and not pair[1].strip()})
    if not any(faulty):
        return []
    problems = []
    for row in table.rows:
        for (vi, en), wrong in zip(pairs, faulty, strict=True):
            if (row.values[position[vi]], row.values[position[en]]) in wrong:
                problems.append(problem("missing-english", table.rel, row.line, None, en, key=vi, key_en=en))
    return problems


def _formula_like(table: Table) -> list[Problem]:
    """Cells a spreadsheet would run, in a column of any type: a typed column's cells are its type's only as far as
    the schema says (a boolean with ``trueValues: ["=1+1"]``, a number with ``bareNumber: false`` around
    "=HYPERLINK(...)+1" are valid, and were published unwarned). In a typed column a sign before a digit is a
    number's ("-1.234,5", "-5%"), not a formula's."""
    position = _positions(table)
    fields = [f for f in table.fields if f.name in position]
    values = [row.values for row in table.rows]
    faulty = [{value for value in set(map(itemgetter(position[f.name]), values))
               if looks_like_formula(value) and (f.type in ("string", "any") or not _signed_number(value.lstrip()))}
              for f in fields]
    text_fields = [f.name for f in fields]
    if not any(faulty):
        return []
    problems = []
    for row in table.rows:
        for name, wrong in zip(text_fields, faulty, strict=True):
            value = row.values[position[name]]
            if value in wrong:
                problems.append(problem("formula-like", table.rel, row.line, None, name, char=formula_start(value)))
    return problems


def _invisible_in_keys(table: Table) -> list[Problem]:
    """A ``control-character`` error at each cell of the primary key's text columns that holds a character showing
    nothing (checks/codes.py): an agency code 'S'+U+00AD+'NV' beside 'SNV' was a second agency that read as the
    first, with a page of its own. A typed column's cell with one is its type's error already."""
    position = _positions(table)
    columns = [name for name in table.primary_key if name in position
               and (field := table.field_named(name)) is not None and field.type in ("string", "any")]
    values = [row.values for row in table.rows]
    faulty = [{value: params for value in set(map(itemgetter(position[name]), values))
               if (params := invisible_params(value))} for name in columns]
    if not any(faulty):
        return []
    return [problem("control-character", table.rel, row.line, None, name, **wrong[row.values[position[name]]])
            for row in table.rows for name, wrong in zip(columns, faulty, strict=True)
            if row.values[position[name]] in wrong]


def _positions(table: Table) -> dict[str, int]:
    """Each column's place in a row's values (the last of two columns with one name, as ``Row.get`` reads)."""
    return {name: i for i, name in enumerate(table.header)}


def looks_like_formula(value: str) -> bool:
    """Starts like a formula (``formula_start``)."""
    return formula_start(value) is not None


def formula_start(value: str) -> str | None:
    """The character a spreadsheet would start a formula at, or None: one of FORMULA_STARTS, after any white
    space (spreadsheets skip a leading space, tab or line end, and OWASP's list of CSV-injection starts has
    the tab and the CR); a lone "-" (a common placeholder) or a signed number is none. The CSV tables' check
    and the session files' (formulas.py) both ask here, so that a cell and a session text agree."""
    text = value.strip()
    if len(text) > 1 and text.startswith(FORMULA_STARTS) and not _is_number(text):
        return text[0]
    return None


def _signed_number(value: str) -> bool:
    """A sign then a digit (or a decimal mark): how a typed column's number starts, in any format."""
    return value[0] in "+-" and (value[1:2].isdigit() or value[1:2] in (".", ","))


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True
