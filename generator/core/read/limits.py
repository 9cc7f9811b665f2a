"""What the readers refuse, and why: limits that keep a hostile or broken file from exhausting memory, time
or the stack, and characters that have no place in published text. Each limit has a problem code
(``docs/problems.md`` lists them with these values).
"""

from __future__ import annotations

import re
import unicodedata

from generator.core.text import CONTROL_PATTERN, first_invisible

# Nesting of YAML/JSON mappings and lists. A descriptor needs about eight levels (resources, schema,
# fields, constraints, enum), a session about six; LibYAML composes recursively in C and a list nested
# 100,000 deep crashes the interpreter, so depth is counted before anything is built.
MAX_DEPTH = 32
# Columns of a table. The widest real table we know has 56; a header of 100,000 columns kept Frictionless
# busy for minutes before it ran out of memory.
MAX_COLUMNS = 1000
# Characters in one CSV cell (about 30 pages of text): a cell is a value, not a document.
MAX_CELL_CHARS = 100_000
# Characters in one text of a session file (a topic, a statement, a note): the same, for the same reason. A word of
# a million letters passed validate, then held a build 90 s and 1.6 GB before the share card refused to measure it.
MAX_TEXT_CHARS = MAX_CELL_CHARS

# C0 controls but tab, line feed and carriage return, then DEL, the C1 controls and the two non-characters;
# and the invisible format characters that reorder or disguise text (bidirectional overrides, embeddings and
# isolates, the zero-width space, the word joiner, the invisible operators, U+FEFF inside text, the blank Hangul
# fillers, a tag character outside an emoji's tag sequence): the list and why each is there are in
# core/text.CONTROL_RANGES and STRAY_TAG, which ``printable`` shares. XML 1.0 forbids most C0
# controls (one NUL makes a chart SVG ill-formed), none of them prints, and they mostly come from a bad copy,
# a wrong encoding or a binary file. A CR is allowed: files are read with a lone CR as a line end, so it only
# reaches a value escaped, as in a dialect's ``lineTerminator: "\r\n"``. A file's byte-order mark is dropped
# before it is read (files.normalised), so a U+FEFF found here is inside the text.
CONTROL = re.compile(CONTROL_PATTERN)


def described(char: str) -> str:
    """A refused character as a message names it: its code point, and its Unicode name when it has one
    ("U+202E RIGHT-TO-LEFT OVERRIDE"; the C0 and C1 controls have none: "U+0000")."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}" if name else f"U+{ord(char):04X}"


def control_params(text: str) -> dict[str, str]:
    """The message parameters for the first control character in ``text`` (which has one); for a lone surrogate,
    also the JSON escape that wrote it (``escape``: its hint is another, messages.HINTS_GIVEN)."""
    match = CONTROL.search(text)
    if match is None:
        return {"char": "?"}
    char = match.group()
    escape = {"escape": f"\\u{ord(char):04x}"} if 0xD800 <= ord(char) <= 0xDFFF else {}
    return {"char": described(char), **escape}


def invisible_params(code: str) -> dict[str, str] | None:
    """The message parameters for the first character of the id or code ``code`` that shows nothing
    (core/text.first_invisible), or None when it has none or holds a control character, which the reader refuses
    in any text (then once, by the reader)."""
    char = None if CONTROL.search(code) else first_invisible(code)
    return {"char": described(char)} if char else None


def first_control(text: str) -> tuple[int, int, dict[str, str]] | None:
    """(line, column, parameters) of the first control character in ``text``, or None."""
    match = CONTROL.search(text)
    if match is None:
        return None
    start = match.start()
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return line, column, {"char": described(match.group())}
