"""Rules on table rows that Frictionless does not know: Vietnamese text wants its English beside it, and text
that a spreadsheet would run as a formula deserves a warning, and a row's id (its primary key) shows every character
it holds. (That stated numbers need a source is this site's convention: see generator/directory/rules.py.)"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from operator import itemgetter
from typing import TypeVar

from generator.core.checks.crossrefs import declared_references
from generator.core.checks.places import CellPlace
from generator.core.problems import Problem, problem
from generator.core.read.limits import invisible_params
from generator.core.read.table import Row, Table

FORMULA_STARTS = ("=", "+", "-", "@")


def check_table(table: Table, codes_looked_up: bool = True) -> list[Problem]:
    """The table-wide rules; the primary key's invisible characters only where the site looks its codes up
    (``codes_looked_up``: a package with a role). Elsewhere Frictionless calls such a key valid and it may be
    right: ZWNJ inside a Persian word, ZWJ in a family emoji, VS16 in "❤️"; the package publishes as written."""
    invisible = _invisible_in_keys(table) if codes_looked_up else []
    return _english_beside_vietnamese(table) + _formula_like(table) + invisible


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
    types = {f.name: f.type for f in table.fields if f.name in position}

    def start(name: str, value: str) -> str | None:
        char = formula_start(value)
        typed = types[name] not in ("string", "any")
        return None if char is None or typed and _signed_number(value.lstrip()) else char
    return [problem("formula-like", table.rel, row.line, None, name, char=char)
            for row, name, _, char in cells_at_fault(table, [f.name for f in table.fields if f.name in position],
                                                      start)]


def _invisible_in_keys(table: Table) -> list[Problem]:
    """A ``control-character`` error at each cell of the primary key's text columns that holds a character showing
    nothing (checks/codes.py): an agency code 'S'+U+00AD+'NV' beside 'SNV' was a second agency that read as the
    first, with a page of its own. A typed column's cell with one is its type's error already."""
    position = _positions(table)
    columns = [name for name in table.primary_key if name in position
               and (field := table.field_named(name)) is not None and field.type in ("string", "any")]
    return [problem("control-character", table.rel, row.line, None, name, **params)
            for row, name, _, params in cells_at_fault(table, columns, lambda _, value: invisible_params(value))]


T = TypeVar("T")


def cells_at_fault(table: Table, columns: list[str], fault: Callable[[str, str], T | None]
                   ) -> list[tuple[Row, str, str, T]]:
    """(row, column, value, what ``fault`` found) for each cell of ``columns`` whose value ``fault`` finds at fault
    (anything but None or empty), row by row, in the order of ``columns``. Each distinct value of a column is
    judged once (see above: 15 million cells, ~20 thousand values); the rows are walked only when one is."""
    position = _positions(table)
    values = [row.values for row in table.rows]
    found = [(name, {value: what for value in set(map(itemgetter(position[name]), values))
                     if (what := fault(name, value))}) for name in columns]
    found = [(name, wrong) for name, wrong in found if wrong]
    if not found:
        return []
    return [(row, name, row.values[position[name]], wrong[row.values[position[name]]])
            for row in table.rows for name, wrong in found if row.values[position[name]] in wrong]


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


# -- keys written with a space around them ---------------------------------------------------------------------------

def key_columns(resource: dict, package: Iterable[dict] = ()) -> list[str]:
    """The columns of a resource whose values are keys, in the order first named: its primary key's, a ``unique``
    one's, a foreign key's, an ``x-minhbach.references`` one's, and those a foreign key of the resource or of
    another of its ``package`` (the resources' descriptors) points at."""
    schema = _schema(resource)
    fields = schema.get("fields") if isinstance(schema.get("fields"), list) else []
    names = _names(schema.get("primaryKey"))
    names += [f["name"] for f in fields if isinstance(f, dict) and isinstance(f.get("name"), str)
              and isinstance(f.get("constraints"), dict) and f["constraints"].get("unique") is True]
    names += [name for key in _foreign_keys(resource) for name in _names(key.get("fields"))]
    names += [ref.fields for ref in declared_references(resource)]
    for owner in [resource, *(r for r in package if r is not resource and isinstance(r, dict))]:
        for key in _foreign_keys(owner):
            into = key["reference"].get("resource")
            if into == resource.get("name") or (owner is resource and into in ("", None)):
                names += _names(key["reference"].get("fields"))
    return list(dict.fromkeys(names))


def _schema(resource: dict) -> dict:
    return resource.get("schema") if isinstance(resource.get("schema"), dict) else {}


def _foreign_keys(resource: dict) -> list[dict]:
    """A resource's foreign keys that are mappings with a mapping ``reference`` (the others are reported where the
    descriptor is checked)."""
    keys = _schema(resource).get("foreignKeys")
    return [key for key in keys if isinstance(key, dict) and isinstance(key.get("reference"), dict)] \
        if isinstance(keys, list) else []


def _names(value: object) -> list[str]:
    """A key's column names, written as one name or a list of them."""
    return [value] if isinstance(value, str) else [v for v in value if isinstance(v, str)] \
        if isinstance(value, list) else []


def spaced_keys(table: Table, columns: Iterable[str], descriptor: str, code: str = "surrounding-space"
                ) -> list[Problem]:
    """A problem at each cell of the text columns ``columns`` (``key_columns``) written with blanks before or after
    it ("SNV ", from a spreadsheet or a hand edit): Frictionless reads it as written, a key other than "SNV", so
    every correct "SNV" elsewhere was not found in the table (and told, "did you mean 'SNV '?", to add the
    space), and with no reference to it the code was published with its space. At the cell, or at ``descriptor``
    (the package's) for a table of inline data or of several files. ``code``: "surrounding-space", an error, where
    the site looks the codes up (a package with a role, a column a reference or a session file points at);
    "spaced-key", a warning, in a package it only publishes: Frictionless calls it valid, and it is published as
    written, as any valid package is."""
    position = _positions(table)
    text = {f.name for f in table.fields if f.type in ("string", "any")}
    names = [name for name in dict.fromkeys(columns) if name in position and name in text]
    found = cells_at_fault(table, names, lambda name, value: value != value.strip()
                            and value not in table.missing_in(name))
    place = CellPlace(table) if found else None
    return [problem(code, table.rel or descriptor, row.line if table.rel else None, place.column(row.line, name),
                    name, value=value, bare=value.strip()) for row, name, value, _ in found]
