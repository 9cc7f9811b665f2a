"""What both skeletons share: refusing instead of overwriting, checking codes against the data, and writing
YAML values that read back as exactly what was given."""

from __future__ import annotations

import json
import re
import string
import textwrap
from functools import cache
from pathlib import Path

from generator.core.checks.crossrefs import closest
from generator.core.datasets import Package

TEMPLATES = Path(__file__).resolve().parent / "templates"


class Refused(Exception):
    """A reason not to write anything (unknown code, existing file): printed as is, exit 1."""


@cache
def template(name: str) -> string.Template:
    """A skeleton's text from ``templates/``, with ``$name`` placeholders."""
    return string.Template((TEMPLATES / name).read_text("utf-8"))


def suggest(value: str, known: frozenset[str]) -> str:
    """Case first ('snv' means 'SNV'), then the closest spelling, as the validator suggests it."""
    same = [code for code in sorted(known) if code.lower() == value.lower()]
    close = same[0] if same else closest(value, known)
    return f" (có phải '{close}'? / did you mean '{close}'?)" if close else ""


def check_known(values: tuple[str, ...], known: frozenset[str], target: str) -> None:
    """Refuse unknown codes, all of them at once, each with a suggestion."""
    unknown = [value for value in values if value not in known]
    if unknown:
        listed = "; ".join(f"'{value}'{suggest(value, known)}" for value in unknown)
        raise Refused(f"không có trong {target} / not in {target}: {listed}\n"
                      f"    hint: dùng mã có trong {target}, hoặc thêm dòng đó vào bảng ấy trước / "
                      f"use a code from {target}, or add that row to it first")


def scalar(text: str) -> str:
    """A YAML value that reads back as exactly ``text``: plain when safe, otherwise double-quoted (JSON)."""
    risky = not text or text != text.strip() or ": " in text or " #" in text or text[0] in "-?:,[]{}#&*!|>'\"%@`"
    return json.dumps(text, ensure_ascii=False) if risky else text


def flow(codes: tuple[str, ...]) -> str:
    """A flow list (``[SNV, STC]``) as in the hand-written files; codes like ``SKHĐT`` stay readable."""
    return "[" + ", ".join(c if re.fullmatch(r"[\w.-]+", c) else json.dumps(c, ensure_ascii=False) for c in codes) + "]"


def comment_list(label: str, items: list[str]) -> str:
    """A long list as YAML comment lines, wrapped so that the file stays readable in a pull-request diff."""
    return textwrap.fill(", ".join(items), 104, initial_indent=f"# {label}: ", subsequent_indent="#   ",
                         break_on_hyphens=False, break_long_words=False)


def write_new(path: Path, text: str) -> None:
    """Create ``path`` only if it does not exist ('x' mode), so a race cannot overwrite a file either."""
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise Refused(f"tệp đã có, không ghi đè / file exists, not overwritten: {path}") from None


def rows(package: Package | None, resource: str, key: str) -> dict[str, dict[str, str]]:
    table = package.table(resource) if package else None
    return {row.cells.get(key, ""): row.cells for row in table.rows} if table else {}


def rel(package: Package | None, resource: str) -> str:
    table = package.table(resource) if package else None
    return table.rel if table and table.rel else resource
