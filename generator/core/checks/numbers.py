"""The number a cell Frictionless refused in a number or integer column was meant to be, written as the column
reads one: "88,12" and "88.12%" (a spreadsheet's Vietnamese or percent format), "1.234,5", "1 234".

A type error's hint then shows the number to write instead of only naming the type: the comma decimal is the
most common mistake of a Vietnamese maintainer, and "correct the cell to match the type (number)" did not say
what was wrong with "88,12".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Digits with marks or blanks between them, a sign before (what is left once a "%" after it is taken off)
_WRITTEN = re.compile(r"[+-]?\d(?:[\d.,\s]*\d)?")
_SEPARATOR = re.compile(r"[\s.,]")
MARKS = ".,"


@dataclass(frozen=True)
class Rewritten:
    """``number``: the cell as the column reads a number. ``thousands``: the other reading, when the cell's one
    mark (``mark``), followed by three digits, may as well separate thousands ("1,234": 1.234 or 1234)."""

    number: str
    thousands: str = ""
    mark: str = ""

    def params(self, decimal: str) -> dict[str, str]:
        """The type-error's parameters its hint shows (``decimal``: the column's decimal character)."""
        other = {"thousands": self.thousands, "mark": self.mark} if self.thousands else {}
        return {"number": self.number, "decimal": decimal, **other}


def rewritten_number(cell: str, kind: str, decimal: str = ".", group: str = "") -> Rewritten | None:
    """How ``cell`` is written as a number of type ``kind`` (number or integer) whose decimal character is
    ``decimal`` (the schema's decimalChar), without a group character: what every column of that type reads,
    whatever its groupChar (``group``: in the cell, it separates thousands, as the schema says). None when the
    cell does not look like a number written another way (a word, two numbers, groups of other than three
    digits), or for another type."""
    if kind not in ("number", "integer") or len(decimal) != 1 or decimal.isdigit() or decimal.isspace():
        return None
    text = cell.strip()
    text = text[:-1].rstrip() if text.endswith("%") else text
    if not _WRITTEN.fullmatch(text):
        return None
    sign, body = ("-" if text[0] == "-" else ""), text.lstrip("+-")
    readings = [(whole, fraction) for whole, fraction in _readings(body, decimal, group)
                if kind == "number" or not fraction]  # an integer has no fraction: only the thousands reading
    written = [sign + whole + (decimal + fraction if fraction else "") for whole, fraction in readings]
    if not written or written[0] == cell.strip():
        return None
    if len(written) == 1:
        return Rewritten(written[0])
    return Rewritten(written[0], written[1], next(c for c in body if c in MARKS and c != group))


def _readings(body: str, decimal: str, group: str = "") -> list[tuple[str, str]]:
    """(whole digits, fraction digits) that ``body`` (digits, marks and blanks) may be written for: the last of
    two different marks is the decimal one ("1.234,5", "1,234.5"); a mark repeated, or a blank, separates
    thousands ("1.234.567", "1 234"); one mark once is the decimal one, or, if it is not the column's own and
    three digits follow it, a thousands separator too. The schema's ``group`` character is only ever that."""
    marks = [c for c in body if c in MARKS and c != group]
    points: list[str | None] = [None]
    if len(set(marks)) == 2:
        points = [marks[-1]]
    elif len(marks) == 1:
        ambiguous = marks[0] != decimal and len(body.rpartition(marks[0])[2]) == 3
        points = [marks[0], None] if ambiguous else [marks[0]]
    found = []
    for point in points:
        whole, _, fraction = body.rpartition(point) if point else (body, "", "")
        groups = _SEPARATOR.split(whole)
        if fraction and not fraction.isdigit() or len(groups) > 1 and not (
                1 <= len(groups[0]) <= 3 and all(len(group) == 3 for group in groups[1:])):
            continue
        found.append(("".join(groups), fraction))
    return found
