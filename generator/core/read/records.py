"""The one CSV reader: records with the physical line where each starts, and cell columns.

A quoted cell may span lines, so a record's number and its line differ; problems point at lines. What the
csv module cannot read stops the reader with a ``RecordError`` at its line: never a table cut short in
silence.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from generator.core.read.formats import format_of
from generator.core.read.limits import MAX_CELL_CHARS


class RecordError(ValueError):
    """The CSV cannot be read on from the record that starts at ``line``: ``code`` is cell-too-large or
    csv-error (a quote left open, or a character after a closing quote)."""

    def __init__(self, code: str, line: int, detail: str):
        super().__init__(f"line {line}: {detail}")
        self.code, self.line, self.detail = code, line, detail


@dataclass(frozen=True)
class Dialect:
    """How a CSV file is read: as its resource's dialect says, and by the standard's defaults where it says
    nothing (Frictionless is told the same before it validates: checks/validate.read_as_we_read)."""

    delimiter: str = ","
    quotechar: str = '"'
    header: bool = True
    skip_initial_space: bool = False
    double_quote: bool = True  # "" in a quoted cell is one quote
    escape_char: str | None = None
    # Data Package v2's ``headerCase: false``: labels meet field names whatever their case ("ID" is the field id)
    header_case: bool = True
    # whether the dialect says where the header is (``header`` or ``headerRows``): unsaid, Frictionless guesses it
    header_said: bool = False
    # ``skipBlankRows: true``: a row whose cells are all empty is no row (Frictionless's blank filter, before the
    # cells are typed); read as one, it was published as a row of nulls, a null primary key among them
    skip_blank_rows: bool = False

    @classmethod
    def from_descriptor(cls, resource: dict) -> Dialect:
        dialect = resource.get("dialect") if isinstance(resource.get("dialect"), dict) else {}
        csv_part = dialect.get("csv") if isinstance(dialect.get("csv"), dict) else dialect
        # A .tsv file is tab-separated for Frictionless whether or not ``format`` says so.
        delimiter = csv_part.get("delimiter") or ("\t" if format_of(resource) == "tsv" else ",")
        quote = csv_part.get("quoteChar") or '"'
        header = dialect.get("header", True) is not False
        escape = csv_part.get("escapeChar")
        return cls(str(delimiter)[:1] or ",", str(quote)[:1] or '"', header, csv_part.get("skipInitialSpace") is True,
                   csv_part.get("doubleQuote") is not False, escape[:1] if isinstance(escape, str) and escape else None,
                   dialect.get("headerCase", True) is not False, "header" in dialect or "headerRows" in dialect,
                   dialect.get("skipBlankRows") is True)

    def skipped(self, cells: list) -> bool:
        """Whether a row of these cells (as read, before typing) is left out: all empty when blank rows are skipped
        (Frictionless's ``create_blank_filter``: None or "" each)."""
        return self.skip_blank_rows and all(cell is None or cell == "" for cell in cells)

    def declared(self) -> dict:
        """This dialect in full, as a Data Package dialect says it (what each chunk of a table is validated with:
        left unsaid, Frictionless would guess it chunk by chunk)."""
        escape = {"escapeChar": self.escape_char} if self.escape_char else {}
        case = {} if self.header_case else {"headerCase": False}
        case |= {"skipBlankRows": True} if self.skip_blank_rows else {}
        return {"header": self.header, **case, "csv": {"delimiter": self.delimiter, "quoteChar": self.quotechar,
                                                "skipInitialSpace": self.skip_initial_space,
                                                "doubleQuote": self.double_quote, **escape}}


def iter_records(text: str, dialect: Dialect) -> Iterator[tuple[int, list[str]]]:
    """(physical line where the record starts, cells); a quoted cell may span lines, so these differ."""
    return iter_records_of(io.StringIO(text), dialect)


def iter_records_of(lines: Iterable[str], dialect: Dialect) -> Iterator[tuple[int, list[str]]]:
    """``iter_records`` over lines ending in "\n" (a text file read a line at a time, say). Raises
    RecordError where the csv module stops."""
    # The limit is process-wide and Frictionless sets its own when imported: set ours for each read.
    csv.field_size_limit(MAX_CELL_CHARS)
    # Strict: a quote left open runs to the end of the file and would swallow every row after it into one
    # cell, in silence (Frictionless reads it so); strict reading stops there, at a problem.
    reader = csv.reader(lines, delimiter=dialect.delimiter, quotechar=dialect.quotechar, strict=True,
                        skipinitialspace=dialect.skip_initial_space, doublequote=dialect.double_quote,
                        escapechar=dialect.escape_char)
    previous_end = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            detail = str(exc)
            code = "cell-too-large" if "field larger than field limit" in detail else "csv-error"
            raise RecordError(code, previous_end + 1, detail) from None  # where the record (its quote) starts
        yield previous_end + 1, cells
        previous_end = reader.line_num


def cell_column(line_text: str, index: int, dialect: Dialect) -> int:
    """1-based column where cell ``index`` starts on a record's first line (quotes respected)."""
    cell, in_quotes = 0, False
    for offset, char in enumerate(line_text):
        if cell == index:
            return offset + 1
        if char == dialect.quotechar:
            in_quotes = not in_quotes
        elif char == dialect.delimiter and not in_quotes:
            cell += 1
    return len(line_text) + 1 if cell == index else 1
