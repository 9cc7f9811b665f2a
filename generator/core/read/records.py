"""The one CSV reader: records with the physical line where each starts, and cell columns.

A quoted cell may span lines, so a record's number and its line differ; problems point at lines.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

csv.field_size_limit(64 * 1024 * 1024)


@dataclass(frozen=True)
class Dialect:
    delimiter: str = ","
    quotechar: str = '"'
    header: bool = True

    @classmethod
    def from_descriptor(cls, resource: dict) -> Dialect:
        dialect = resource.get("dialect") if isinstance(resource.get("dialect"), dict) else {}
        csv_part = dialect.get("csv") if isinstance(dialect.get("csv"), dict) else dialect
        delimiter = csv_part.get("delimiter") or ("\t" if resource.get("format") == "tsv" else ",")
        quote = csv_part.get("quoteChar") or '"'
        header = dialect.get("header", True) is not False
        return cls(str(delimiter)[:1] or ",", str(quote)[:1] or '"', header)


def iter_records(text: str, dialect: Dialect) -> Iterator[tuple[int, list[str]]]:
    """(physical line where the record starts, cells); a quoted cell may span lines, so these differ."""
    return iter_records_of(io.StringIO(text), dialect)


def iter_records_of(lines: Iterable[str], dialect: Dialect) -> Iterator[tuple[int, list[str]]]:
    """``iter_records`` over lines ending in "\n" (a text file read a line at a time, say)."""
    reader = csv.reader(lines, delimiter=dialect.delimiter, quotechar=dialect.quotechar)
    previous_end = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:
            return
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
