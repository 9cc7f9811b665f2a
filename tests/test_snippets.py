"""The code snippets a dataset page gives for reading a table (R, pandas): a column's name from the data is
always data in them, never code."""

from __future__ import annotations

import pytest

from generator.catalogue.citation import _r_name

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
