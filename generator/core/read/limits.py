"""What the readers refuse, and why: limits that keep a hostile or broken file from exhausting memory, time
or the stack, and characters that have no place in published text. Each limit has a problem code
(``docs/problems.md`` lists them with these values).
"""

from __future__ import annotations

import re

# Nesting of YAML/JSON mappings and lists. A descriptor needs about eight levels (resources, schema,
# fields, constraints, enum), a session about six; LibYAML composes recursively in C and a list nested
# 100,000 deep crashes the interpreter, so depth is counted before anything is built.
MAX_DEPTH = 32
# Columns of a table. The widest real table we know has 56; a header of 100,000 columns kept Frictionless
# busy for minutes before it ran out of memory.
MAX_COLUMNS = 1000
# Characters in one CSV cell (about 30 pages of text): a cell is a value, not a document.
MAX_CELL_CHARS = 100_000

# C0 controls but tab, line feed and carriage return, then DEL, the C1 controls and the two non-characters.
# XML 1.0 forbids most of them (one NUL makes a chart SVG ill-formed), none prints, and they mostly come
# from a bad copy, a wrong encoding or a binary file. A CR is allowed: files are read with a lone CR as a
# line end, so it only reaches a value escaped, as in a dialect's ``lineTerminator: "\r\n"``.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def control_params(text: str) -> dict[str, str]:
    """The message parameters for the first control character in ``text`` (which has one)."""
    match = CONTROL.search(text)
    return {"char": f"U+{ord(match.group()):04X}" if match else "?"}


def first_control(text: str) -> tuple[int, int, dict[str, str]] | None:
    """(line, column, parameters) of the first control character in ``text``, or None."""
    match = CONTROL.search(text)
    if match is None:
        return None
    start = match.start()
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return line, column, {"char": f"U+{ord(match.group()):04X}"}
