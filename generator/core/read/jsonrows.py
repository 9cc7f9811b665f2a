"""The rows of a JSON or NDJSON resource as Frictionless reads them, each with the line where it starts.

Frictionless (5.21, ``formats/json``, ``formats/inline``) reads an array of objects (its header: the first
object's keys, or ``dialect.json.keys``) or an array of arrays (the first is the header), at the top of the
document or at ``dialect.json.property`` ("a.b" follows object keys); NDJSON/JSONL holds one value per
line. The header is row 1, so with objects, data row k is object k - 1. Its parsers (ijson, jsonlines) do
not say where an error is; the standard library's does, so rows are read here and a problem has a line.

Values are what JSON has, as Frictionless's parser (ijson) gives them: an integer is an int, any other number a
Decimal (``84.70`` stays 84.70), at any depth: read as text, the numbers inside an object or a GeoJSON value were
published as strings, and a GeoJSON point so published is no GeoJSON. ``json_text`` writes such a value back.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterator
from decimal import Decimal


def _integer(text: str) -> int | Decimal:
    """An integer as ijson gives it; one longer than ``int()`` converts (sys.get_int_max_str_digits) as a Decimal,
    which is still that number, rather than a JSON error."""
    try:
        return int(text)
    except ValueError:
        return Decimal(text)


_DECODER = json.JSONDecoder(parse_int=_integer, parse_float=Decimal)
_WHITESPACE = " \t\n\r"


class JsonProblem(Exception):
    """``code``: json-syntax, json-not-tabular or too-deep; ``line``/``column`` where known."""

    def __init__(self, code: str, detail: str, line: int | None = None, column: int | None = None):
        super().__init__(detail)
        self.code, self.detail, self.line, self.column = code, detail, line, column


def json_rows(text: str, fmt: str, dialect: object) -> Iterator[tuple[int | None, int, list[object]]]:
    """(line, column, values) of the header and then of each data row; the header of objects has no line.
    Raises JsonProblem."""
    json_part = dialect.get("json") if isinstance(dialect, dict) and isinstance(dialect.get("json"), dict) else {}
    keys = json_part.get("keys") if isinstance(json_part.get("keys"), list) else None
    try:
        if fmt == "json":
            prop = json_part.get("property")
            values = _document_items(text, str(prop).split(".") if prop else [])
        else:
            values = _lines(text)
        yield from _rows(values, [str(k) for k in keys] if keys else None)
    except RecursionError:
        raise JsonProblem("too-deep", "nested too deep") from None


def _rows(values: Iterator[tuple[int, int, object]], keys: list[str] | None
          ) -> Iterator[tuple[int | None, int, list[object]]]:
    first = next(values, None)
    if first is None:
        raise JsonProblem("json-not-tabular", "no rows")
    line, column, item = first
    if isinstance(item, dict):
        header = keys or list(item)
        yield None, 1, header
        yield line, column, [item.get(k) for k in header]
        for line, column, item in values:
            if not isinstance(item, dict):
                raise JsonProblem("json-not-tabular", "a row is not an object", line, column)
            yield line, column, [item.get(k) for k in header]
    elif isinstance(item, list):
        yield line, column, item
        for line, column, item in values:
            if not isinstance(item, list):
                raise JsonProblem("json-not-tabular", "a row is not an array", line, column)
            yield line, column, item
    else:
        raise JsonProblem("json-not-tabular", "a row is neither an object nor an array", line, column)


def _document_items(text: str, path: list[str]) -> Iterator[tuple[int, int, object]]:
    """(line, column, element) of the document's top-level array, or of the array at ``path``."""
    starts = _line_starts(text)
    try:
        _DECODER.decode(text)  # the whole document must be JSON, as for Frictionless's parser
        for offset, value in _items(text, 0, path):
            line = bisect.bisect_right(starts, offset)
            yield line, offset - starts[line - 1] + 1, value
    except json.JSONDecodeError as exc:
        raise JsonProblem("json-syntax", exc.msg, exc.lineno, exc.colno) from None


def _lines(text: str) -> Iterator[tuple[int, int, object]]:
    """(line, 1, value) of each line; an empty line is an error, as it is for jsonlines."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the newline that ends the last line
    for number, line in enumerate(lines, start=1):
        try:
            yield number, 1, _DECODER.decode(line)
        except json.JSONDecodeError as exc:
            raise JsonProblem("json-syntax", exc.msg, number, exc.colno) from None


def _line_starts(text: str) -> list[int]:
    starts = [0]
    index = text.find("\n")
    while index != -1:
        starts.append(index + 1)
        index = text.find("\n", index + 1)
    return starts


def _skip(text: str, i: int) -> int:
    while i < len(text) and text[i] in _WHITESPACE:
        i += 1
    return i


def _items(text: str, i: int, path: list[str]) -> Iterator[tuple[int, object]]:
    """(offset, value) of each element of the array at ``i``, once the object keys ``path`` are followed
    (what ijson's prefix "a.b.item" selects)."""
    i = _skip(text, i)
    if path:
        yield from _member(text, i, path)
        return
    if i >= len(text) or text[i] != "[":
        raise JsonProblem("json-not-tabular", "not an array of rows")
    i = _skip(text, i + 1)
    while i < len(text) and text[i] != "]":
        value, end = _DECODER.raw_decode(text, i)
        yield i, value
        i = _skip(text, end)
        if i < len(text) and text[i] == ",":
            i = _skip(text, i + 1)


def _member(text: str, i: int, path: list[str]) -> Iterator[tuple[int, object]]:
    if i >= len(text) or text[i] != "{":
        raise JsonProblem("json-not-tabular", "not an object with the property " + ".".join(path))
    i = _skip(text, i + 1)
    while i < len(text) and text[i] != "}":
        key, i = _DECODER.raw_decode(text, i)
        i = _skip(text, _skip(text, i) + 1)  # past the ':'
        if key == path[0]:
            yield from _items(text, i, path[1:])
            return
        _, i = _DECODER.raw_decode(text, i)
        i = _skip(text, i)
        if i < len(text) and text[i] == ",":
            i = _skip(text, i + 1)
    raise JsonProblem("json-not-tabular", "no property " + ".".join(path))


def json_text(value: object) -> str:
    """``value`` (what ``json_rows`` or a descriptor gives: dicts, lists, text, numbers, booleans, None) as JSON
    text, written as ``json.dumps`` writes it, a Decimal with its digits as stated (2.50 stays 2.50, where
    json.dumps refuses a Decimal and a float would lose the zero)."""
    if isinstance(value, dict):
        members = (f"{json.dumps(str(key), ensure_ascii=False)}: {json_text(item)}" for key, item in value.items())
        return "{" + ", ".join(members) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(json_text(v) for v in value) + "]"
    if isinstance(value, Decimal):
        return str(value) if value.is_finite() else json.dumps(str(value))
    return json.dumps(value, ensure_ascii=False)


def json_value(text: str) -> object:
    """JSON ``text`` read as ``json_rows`` reads a file (numbers that are not integers as Decimals, so that
    ``json_text`` writes them back with their digits); raises ValueError when it is no JSON."""
    return _DECODER.decode(text)
