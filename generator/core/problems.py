"""Problems are data: every check returns them, nothing raises on bad input.

A problem points at a file (relative to the repository), a 1-based line and column where known, and the
field it concerns. Messages and hints come from the catalogue in ``generator/core/messages.py`` so that each
code has one Vietnamese and one English wording, and the docs can list every code.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from generator.core import messages

Severity = messages.Severity


def problem(code: str, path: str, line: int | None = None, column: int | None = None,
            field: str | None = None, **params: object) -> Problem:
    """Build a Problem; ``params`` fill the message templates of ``code``."""
    return Problem(code, path, line, column, field, tuple(sorted((k, str(v)) for k, v in params.items())))


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in the data, with where it is and its message parameters."""

    code: str
    path: str
    line: int | None = None
    column: int | None = None
    field: str | None = None
    params: tuple[tuple[str, str], ...] = ()

    @property
    def severity(self) -> Severity:
        return messages.severity_of(self.code)

    def params_dict(self) -> dict[str, str]:
        return dict(self.params)

    def message(self, lang: str = "vi") -> str:
        return messages.render(self.code, "message", lang, dict(self.params))

    def hint(self, lang: str = "vi") -> str:
        return messages.render(self.code, "hint", lang, dict(self.params))

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple:
        return (self.path, self.line or 0, self.column or 0, self.code, self.field or "", self.params)

    def location(self) -> str:
        parts = [self.path]
        if self.line:
            parts.append(str(self.line))
            if self.column:
                parts.append(str(self.column))
        return ":".join(parts)

    def as_data(self) -> dict:
        """The problem as plain JSON data (for caches); ``from_data`` reads it back."""
        return {"code": self.code, "path": self.path, "line": self.line, "column": self.column, "field": self.field,
                "params": [list(pair) for pair in self.params]}

    @classmethod
    def from_data(cls, item: dict) -> Problem:
        return cls(item["code"], item["path"], item["line"], item["column"], item["field"],
                   tuple((str(k), str(v)) for k, v in item["params"]))

    def as_dict(self, lang: str = "vi") -> dict:
        return {
            "code": self.code, "severity": self.severity.value, "path": self.path, "line": self.line,
            "column": self.column, "field": self.field, "message": self.message(lang), "hint": self.hint(lang),
        }


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """One order for every output: by file, then line, then column; exact repeats collapse."""
    return sorted(set(problems), key=Problem.sort_key)


def fails(problems: Iterable[Problem], strict: bool = False) -> bool:
    """Errors fail a run; warnings fail it only in strict mode."""
    return any(p.is_error or strict for p in problems)


def summary(problems: list[Problem], lang: str = "vi") -> str:
    errors = sum(p.is_error for p in problems)
    return messages.summary(errors, len(problems) - errors, lang)


def format_text(problems: list[Problem], lang: str = "vi") -> str:
    lines = []
    for p in problems:
        field = f" [{p.field}]" if p.field else ""
        lines.append(f"{p.location()}: {p.severity.value}[{p.code}]{field}: {p.message(lang)}")
        hint = p.hint(lang)
        if hint:
            lines.append(f"    hint: {hint}")
    lines.append(summary(problems, lang))
    return "\n".join(lines) + "\n"


def format_json(problems: list[Problem], valid: bool, lang: str = "vi") -> str:
    payload = {"valid": valid, "problems": [p.as_dict(lang) for p in problems]}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _github_escape(text: str, *, property_value: bool = False) -> str:
    # GitHub workflow commands need these escapes, or a newline ends the annotation early.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(problems: list[Problem], lang: str = "vi") -> str:
    lines = []
    for p in problems:
        props = [f"file={_github_escape(p.path, property_value=True)}"]
        if p.line:
            props.append(f"line={p.line}")
            if p.column:
                props.append(f"col={p.column}")
        props.append(f"title={_github_escape(p.code, property_value=True)}")
        hint = p.hint(lang)
        body = p.message(lang) + (f" — {hint}" if hint else "")
        lines.append(f"::{p.severity.value} {','.join(props)}::{_github_escape(body)}")
    lines.append(summary(problems, lang))
    return "\n".join(lines) + "\n"
