"""The code snippets a dataset page gives for reading a table (R, pandas): a column's name from the data is
always data in them, never code."""

from __future__ import annotations

import json
import re
from datetime import datetime

import pytest

from generator.catalogue.citation import _pandas, _r, _r_name
from generator.core.locale import locale
from generator.core.read.table import FieldSpec, Table, _date

R_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "\\": "\\", "`": "`", "'": "'", '"': '"'}


def r_backquoted(code: str) -> tuple[str, int]:
    """The name R's lexer reads from ``code``, which starts with a backtick, and where it stops: inside backticks a
    backslash starts an escape as in a string (R's ``?Quotes``), and a backtick ends the name."""
    assert code[0] == "`"
    name, i = [], 1
    while code[i] != "`":
        if code[i] == "\\":
            if code[i + 1] == "x":
                name.append(chr(int(code[i + 2:i + 4], 16)))
                i += 4
                continue
            name.append(R_ESCAPES[code[i + 1]])
            i += 2
            continue
        name.append(code[i])
        i += 1
    return "".join(name), i + 1


@pytest.mark.parametrize("name", [
    'x\\` = col_character(), y = {system("touch /tmp/pwned")} #', "a`b", "ends with \\", "\\\\`", "tên cột",
    "two\nlines", "tab\there", "`"])
def test_a_column_name_is_one_backquoted_name_in_the_r_snippet_whatever_it_holds(name):
    """A name ending in a backslash closed its backticks (the backslash escaped the backtick the escaping had
    added), and the rest of the name ran as R code in the reader's session."""
    code = _r_name(name) + " = col_character(),"
    read, end = r_backquoted(code)
    assert read == name and code[end:] == " = col_character(),"


def test_a_plain_name_is_written_as_it_is():
    assert _r_name("score_2024.x") == "score_2024.x"


# -- dates: read by their field's pattern ----------------------------------------------------------------------


def snippet_table(*fields: FieldSpec) -> Table:
    return Table("p", "t", list(fields), [f.name for f in fields], [], missing_values=frozenset({""}))


def code(lines: list[str | None]) -> str:
    return "\n".join(line for line in lines if line is not None)


def pandas_formats(text: str) -> dict[str, str]:
    """The pattern pandas is told to read each column by, from the snippet's ``pd.to_datetime`` lines."""
    return {json.loads(name): json.loads(pattern) for name, pattern in
            re.findall(r'^df\[("[^"]*")\] = pd\.to_datetime\(df\[\1\], format=("[^"]*")\)$', text, re.M)}


@pytest.mark.parametrize(("pattern", "cells", "readr"), [
    ("%d/%m/%Y", ["11/06/2024", "01/02/2024", "31/12/2023"], "%d/%m/%Y"),
    # Python's %x is the C locale's %m/%d/%y (readr's own %x is %y/%m/%d): frictionless-r's example writes 09/25/20
    ("%x", ["09/25/20", "10/01/20"], "%m/%d/%y"),
    ("%d %B %Y", ["11 June 2024"], "%d %B %Y"),
    ("%Y", ["2018", "2019"], "%Y"),
])
def test_a_date_column_is_read_by_its_own_pattern_in_pandas_and_r(pattern, cells, readr):
    """pandas' parse_dates with no pattern read 11/06/2024 as 6 November (and left a column holding 31/12/2023
    as text), and R was given a bare col_date(), which reads neither: each reader gets the field's pattern."""
    table = snippet_table(FieldSpec("day", "date", format=pattern), FieldSpec("n", "integer"))
    pandas, r = code(_pandas("t.csv", table)), code(_r("t.csv", table))
    assert "parse_dates" not in pandas and '"day": "string"' in pandas  # text first, then by its pattern
    given = pandas_formats(pandas)["day"]
    assert [datetime.strptime(cell, given).date() for cell in cells] == [_date(cell, table.fields[0]) for cell in cells]
    assert f'    day = col_date(format = "{readr}"),' in r.split("\n")


def test_an_iso_date_is_parsed_as_before():
    table = snippet_table(FieldSpec("day", "date"))
    assert '    parse_dates=["day"],' in _pandas("t.csv", table) and "to_datetime" not in code(_pandas("t.csv", table))
    assert "    day = col_date()" in code(_r("t.csv", table)).split("\n")


def test_a_date_written_in_any_way_is_read_as_text_and_the_code_says_so():
    """Frictionless's "any" takes a date written in any way: no pattern to give, so text, with a comment."""
    table = snippet_table(FieldSpec("day", "date", format="any"))
    for lines, lang, note in ((_pandas("t.csv", table, locale("en")), "en", "dates may be written in any way"),
                              (_r("t.csv", table, locale("vi")), "vi", "ngày có thể được viết theo bất kỳ cách nào")):
        text = code(lines)
        assert f"# day: {note}" in text, lang
        assert "parse_dates" not in text and "to_datetime" not in text and "col_date" not in text
    assert '"day": "string"' in code(_pandas("t.csv", table))
    assert "    day = col_character()" in code(_r("t.csv", table)).split("\n")


def test_a_pattern_readr_cannot_read_is_read_as_text_in_r_and_the_code_says_so():
    """readr has no day-of-year (%j): R reads the column as text and says why; pandas takes Python's codes."""
    table = snippet_table(FieldSpec("day", "date", format="%Y-%j"))
    assert pandas_formats(code(_pandas("t.csv", table))) == {"day": "%Y-%j"}
    r = code(_r("t.csv", table, locale("en")))
    assert "# day: dates written as %Y-%j, which readr has no codes for, so they are read as text." in r
    assert "    day = col_character()" in r and "col_date" not in r


def test_a_date_column_with_its_own_missing_values_is_typed_by_its_pattern_in_r():
    table = snippet_table(FieldSpec("day", "date", format="%d/%m/%Y", missing_values=frozenset({"-"})))
    assert _r("t.csv", table)[-1] == 'df[["day"]] <- parse_date(df[["day"]], format = "%d/%m/%Y", na = c("-"))'


def test_a_column_name_in_a_comment_stays_in_the_comment():
    """A line end in a column's name would end the comment, and the rest of the name would run as code."""
    table = snippet_table(FieldSpec("x\nimport os; os.system('id')", "date", format="any"))
    for text in (code(_pandas("t.csv", table)), code(_r("t.csv", table))):
        assert not any(line.startswith("import os") for line in text.split("\n"))


# -- numbers: readr reads a file with one pair of marks ------------------------------------------------------------


def r_lines(*fields: FieldSpec, lang: str = "en") -> list[str]:
    return code(_r("t.csv", snippet_table(*fields), locale(lang))).split("\n")


def test_number_columns_that_share_their_decimal_mark_share_one_locale_in_r():
    """A price grouped by "." and a rate that is not grouped, both with decimalChar ",": two pairs of marks, so R
    was given readr's default locale, in which "12,5%" reads as 125 and "1.234,5" as 1.2345. A column that does
    not group has no grouping mark in a number Frictionless reads, so the price's locale reads both."""
    lines = r_lines(FieldSpec("gia", "number", decimal_char=",", group_char="."),
                    FieldSpec("ty_le", "number", decimal_char=",", bare_number=False))
    assert lines[lines.index("  col_types = cols(") + 1:] == [
        "    gia = col_number(),", "    ty_le = col_number()", "  ),",
        '  locale = locale(decimal_mark = ",", grouping_mark = "."),', '  na = c("")', ")"]


def test_a_number_column_one_locale_cannot_read_is_read_as_text_then_by_its_own_marks_and_the_code_says_so():
    """Two decimal marks, or two grouping marks, in one file: the locale reads the most columns, each other column
    is read as text and typed with its own marks, never read as numbers by the wrong ones."""
    lines = r_lines(FieldSpec("a", "number", decimal_char=",", group_char="."),
                    FieldSpec("b", "number", decimal_char=",", group_char=" "),
                    FieldSpec("c", "number", decimal_char=",", group_char="."), FieldSpec("d", "number"))
    assert '  locale = locale(decimal_mark = ",", grouping_mark = "."),' in lines
    assert [line for line in lines if line.startswith("    ") and "= col_" in line] == [
        "    a = col_number(),", "    b = col_character(),", "    c = col_number(),", "    d = col_character()"]
    assert lines[-2:] == [
        'df[["b"]] <- parse_number(df[["b"]], locale = locale(decimal_mark = ",", grouping_mark = " "))',
        'df[["d"]] <- parse_double(df[["d"]])']
    assert ('# b: its numbers are written with other marks than the other number columns, and readr reads a file '
            'with one pair, so it is read as text, then as numbers with the decimal mark "," and the grouping mark '
            '" ".') in lines
    assert any(line.startswith("# d: số của cột này viết với dấu khác các cột số còn lại") for line in
               r_lines(FieldSpec("a", "number", decimal_char=","), FieldSpec("b", "number", decimal_char=","),
                       FieldSpec("d", "number"), lang="vi"))


def test_a_number_column_with_its_own_missing_values_is_typed_with_its_marks_in_r():
    """Read as text for its missing values, it was typed by parse_double with readr's default locale, not the
    file's: "1,5" was a parsing problem, and a grouped or not bare number too (parse_number reads those)."""
    lines = r_lines(FieldSpec("n", "number", decimal_char=",", missing_values=frozenset({"-"})),
                    FieldSpec("p", "integer", bare_number=False, missing_values=frozenset({"-"})))
    assert lines[-2:] == [
        'df[["n"]] <- parse_double(df[["n"]], locale = locale(decimal_mark = ",", grouping_mark = "."), na = c("-"))',
        'df[["p"]] <- parse_number(df[["p"]], na = c("-"))']
