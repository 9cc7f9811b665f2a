"""Unit tests that kill the survivors of the mutation groups re-run after the non-finite number changes (issue #19):
``locale``, ``claims``, ``directory-model`` and ``autochart`` (tests/mutation.py). Each test asserts exact values
that a mutant of the named function changes; docs/testing.md lists the survivors that no input can tell apart.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from generator.catalogue.autochart import auto_chart
from generator.catalogue.model import ResourceInfo
from generator.core.claims import Value, finite
from generator.core.datasets import Datasets, Package
from generator.core.locale import _formatted, locale
from generator.core.problems import problem
from generator.core.read.package import LoadedPackage
from generator.core.read.table import FieldSpec, Row, Table
from generator.core.read.tree import Tree
from generator.core.text import Text
from generator.directory.rules import numbers_are_finite


@pytest.fixture(autouse=True)
def _fresh_number_texts():
    """``_formatted`` remembers each number's text: a test must reach the formatting code, not the memory."""
    _formatted.cache_clear()
    yield
    _formatted.cache_clear()


# -- core/locale.py ----------------------------------------------------------------------------------------------


def test_rounding_a_long_number_to_many_decimals_has_room_for_them():
    """``_decimal`` rounds in a precision with room for the number's digits *and* the decimals asked for:
    1E+28 to five decimals is 34 digits, past the 31 the number alone needs."""
    number = Decimal("1E+28")
    assert locale("en").number(number, 5) == "10,000,000,000,000,000,000,000,000,000.00000"
    assert locale("vi").number(-number, 5) == "-10.000.000.000.000.000.000.000.000.000,00000"
    assert locale("en").percent(number, 3) == "10,000,000,000,000,000,000,000,000,000.000%"


def test_a_number_with_many_stated_decimals_keeps_every_digit():
    """34 significant digits, six of them decimals: the precision counts the stated decimals too."""
    number = Decimal("1234567890123456789012345678.123456")
    assert locale("vi").number(number) == "1.234.567.890.123.456.789.012.345.678,123456"
    assert locale("en").number(number) == "1,234,567,890,123,456,789,012,345,678.123456"
    assert locale("en").percent(number) == "1,234,567,890,123,456,789,012,345,678.123456%"


# -- core/claims.py ----------------------------------------------------------------------------------------------


def test_an_integer_too_large_for_a_float_is_not_finite():
    """A 400-digit integer is an exact int, but a chart draws in floats (``float()`` raises OverflowError)."""
    assert [finite(int("9" * 400)), finite(-int("9" * 400)), finite(int("9" * 300)), finite(10 ** 308)] == [
        False, False, True, True]
    assert [finite(1e308), finite(float("inf")), finite(float("nan")), finite(Decimal("1e400"))] == [
        True, False, False, False]
    assert Value.of(int("9" * 400)).known is False and Value.of(int("9" * 300)).number == Decimal("9" * 300)


# -- directory/rules.py ------------------------------------------------------------------------------------------


def _table(rel: str, fields: tuple[str, ...], header: tuple[str, ...], rows: tuple[tuple[str, ...], ...],
           missing: frozenset[str] = frozenset({""})) -> Table:
    """A table as the reader gives it (``fields`` are ``name:type``; rows start at line 2), built per test."""
    index = {name: i for i, name in enumerate(header)}
    return Table("p", "t", [FieldSpec(*f.split(":")) for f in fields], list(header),
                 [Row(line, values, index) for line, values in enumerate(rows, 2)], None, rel, None, missing)


def _package(name: str, extension: str, *tables: Table) -> Package:
    descriptor = {"name": name, **({"x-minhbach": {"role": extension}} if extension else {})}
    rel = f"datasets/{name}/datapackage.yaml"
    return Package(name, LoadedPackage(Path("/nowhere") / rel, rel, Tree(descriptor)), list(tables))


def test_the_cells_of_an_own_package_that_are_not_finite_numbers():
    """Only number and integer columns of the header count; a missing value, a finite number and a cell that is
    no number at all (Frictionless's type error, not this check's) pass; each bad cell is listed at its line, as
    written but for the spaces around it."""
    fields = ("id:integer", "score:number", "note:string", "rank:integer", "absent:number", "share:number")
    header = ("id", "score", "note", "rank", "share")
    rows = (("1", "84.70", "NaN", "3", "1"), ("2", " NaN ", "", "9" * 400, "2"), ("3", "NA", "x", "5", "n/a"),
            ("4", "-Infinity", "inf", "6", ""), ("5", "abc", "", "7", "sNaN"), ("6", "NaN", "", "8", "1e400"))
    own = _table("datasets/own/t.csv", fields, header, rows, frozenset({"", "NA"}))
    assert numbers_are_finite(Datasets([_package("own", "scores", own)])) == [
        problem("non-finite-number", "datasets/own/t.csv", line, None, name, value=value)
        for line, name, value in ((3, "score", "NaN"), (5, "score", "-Infinity"), (7, "score", "NaN"),
                                  (3, "rank", "9" * 400), (6, "share", "sNaN"), (7, "share", "1e400"))]
    generic = _table("datasets/generic/t.csv", fields, header, rows)
    assert numbers_are_finite(Datasets([_package("generic", "", generic)])) == []
    fine = _table("datasets/own/ok.csv", fields, header, (("1", "2.5", "NaN", "3", "-0"),))
    assert numbers_are_finite(Datasets([_package("own", "scores", fine)])) == []


def test_inline_cells_that_are_not_finite_are_placed_at_the_package():
    inline = _table("", ("id:integer", "score:number"), ("id", "score"), (("1", "2"), ("2", "INF"), ("3", "INF")))
    assert numbers_are_finite(Datasets([_package("own", "scores", inline)])) == [
        problem("non-finite-number", "datasets/own/datapackage.yaml", None, None, "score", value="INF")] * 2


def test_a_serving_process_keeps_each_table_s_findings_while_the_table_is_the_same_object():
    """A save that edits another file gives the rules the same table objects (core/kept.py): their findings are
    not looked for again (shown here by changing a kept table behind the rules' back, which nothing else does).
    An edited table is a new object, checked afresh; an inline table is placed at its own package's file."""
    from generator.core import kept
    from generator.directory.rules import numbers_have_sources

    fields, header = ("id:integer", "score:number", "source_id:string"), ("id", "score", "source_id")
    scores = _table("datasets/own/t.csv", fields, header, (("1", "NaN", ""),))
    inline = _table("", fields, header, (("1", "INF", "s"),))
    first = [problem("number-without-source", "datasets/own/t.csv", 2, None, "source_id", fields="id, score"),
             problem("non-finite-number", "datasets/own/t.csv", 2, None, "score", value="NaN"),
             problem("non-finite-number", "datasets/own/datapackage.yaml", None, None, "score", value="INF")]

    def findings(*packages: Package) -> list:
        return numbers_have_sources(Datasets(list(packages))) + numbers_are_finite(Datasets(list(packages)))

    kept.keep()
    try:
        assert findings(_package("own", "scores", scores, inline)) == first
        scores.rows[0] = Row(2, ("1", "2", "s"), scores.rows[0].index)
        assert findings(_package("own", "scores", scores, inline)) == first  # kept: the same object
        edited = _table("datasets/own/t.csv", fields, header, (("1", "2", "s"),))
        assert findings(_package("own", "scores", edited, inline)) == first[2:]
        assert findings(_package("other", "scores", inline))[0].path == "datasets/other/datapackage.yaml"
    finally:
        kept.stop_keeping()
    assert findings(_package("own", "scores", scores)) == []  # a build that keeps nothing looks every time


# -- catalogue/autochart.py --------------------------------------------------------------------------------------


def test_the_note_of_an_automatic_chart_lists_the_cells_left_out_of_every_series():
    """Each series' cells that are not finite are counted and named once, the first series' before the next's."""
    fields = (FieldSpec("year", "year"), FieldSpec("a", "number"), FieldSpec("b", "number"), FieldSpec("c", "number"))
    rows = (("2000", "1", "1", "5"), ("2001", "INF", "2", "6"), ("2002", "3", "-inf", "NaN"), ("2003", "4", "4", "7"),
            ("2004", "5", "NaN", "8"))
    header = [f.name for f in fields]
    table = Table("p", "t", list(fields), header, [Row(line, values, {name: i for i, name in enumerate(header)})
                                                   for line, values in enumerate(rows, 2)])
    resource = ResourceInfo("t", Text("Bảng", "Table"), Text(), table)
    chart = auto_chart(resource, locale("en"))
    assert [s.label for s in chart.series] == ["a", "b", "c"]
    assert chart.note == ("4 cells that are not finite numbers (INF, -inf, NaN) are not drawn; the data table and "
                          "the downloads keep them as written.")
    assert chart.csv_rows == (("2000", "1", "1", "5"), ("2001", "", "2", "6"), ("2002", "3", "", ""),
                              ("2003", "4", "4", "7"), ("2004", "5", "", "8"))
