"""Typing hand-written YAML values (all text when read) into dates, codes and lists, with positions.

Every accessor records a problem at the key's line instead of raising, and returns a safe value so that
one run reports everything that is wrong.
"""

from __future__ import annotations

import re
from datetime import date

from generator.core.flags import FLAGS
from generator.core.problems import Problem, problem
from generator.core.read.tree import Key, Tree
from generator.core.text import Text, shortened

QUOTED = 40  # characters of a value a message quotes: a code or a word, not a paragraph


class Fields:
    """A view on one YAML mapping at ``key`` inside ``tree``."""

    def __init__(self, tree: Tree, path: str, key: Key, problems: list[Problem], allowed: frozenset[str]):
        value = tree.value
        for part in key:
            value = value[part] if isinstance(value, (dict, list)) else None
        self.tree, self.path, self.key, self.problems = tree, path, key, problems
        self.mapping: dict = value if isinstance(value, dict) else {}
        if not isinstance(value, dict):
            self.report("descriptor-type", (), key=self.dotted(()), expected="mapping")
        for name in self.mapping:
            if name not in allowed:
                self.report("unknown-key", (name,), name, key=name, allowed=", ".join(sorted(allowed)))

    def dotted(self, sub: Key) -> str:
        return ".".join(str(k) for k in self.key + sub) or "(root)"

    def where(self, sub: Key) -> tuple[int | None, int | None]:
        return self.tree.at(self.key + sub)

    def _item(self) -> dict[str, object]:
        """The list item this mapping is, as a problem names it: its list's name and its line (``facts.0`` counted
        from 0, which no reader of the file does). Nothing when it is no list's item."""
        if not self.key or not isinstance(self.key[-1], int):
            return {}
        line, _ = self.where(())
        within = next((str(k) for k in reversed(self.key) if isinstance(k, str)), "")
        return {"within": within, "within_line": line or ""}

    def report(self, code: str, sub: Key, field: str | None = None, **params: object) -> None:
        line, column = self.where(sub)
        self.problems.append(problem(code, self.path, line, column, field, **params))

    def raw(self, name: str) -> object:
        return self.mapping.get(name)

    def string(self, name: str, required: bool = False) -> str:
        value = self.mapping.get(name)
        if value is None:
            if required:
                item = self._item()
                self.report("missing-value", (), name, key=name if item or not self.key else self.dotted((name,)),
                            **item)
            return ""
        if not isinstance(value, str):
            self.report("invalid-value", (name,), name, value=shortened(str(value), QUOTED), expected="text",
                        example="a-line-of-text")
            return ""
        return value.strip()

    def text(self, name: str, required: bool = False) -> Text:
        """``name_vi`` (required if asked) and ``name_en`` (warned when missing)."""
        vi = self.string(f"{name}_vi", required)
        en = self.string(f"{name}_en")
        if vi and not en:
            self.report("missing-english", (f"{name}_vi",), f"{name}_en", key=f"{name}_vi", key_en=f"{name}_en")
        return Text(vi, en)

    def date(self, name: str, required: bool = False) -> date | None:
        value = self.string(name, required)
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            iso = _day_first(value)
            self.report("invalid-value", (name,), name, value=value, expected="date", example="2024-06-11",
                        **({"iso": iso} if iso else {}))
            return None

    def choice(self, name: str, choices: tuple[str, ...], default: str) -> str:
        value = self.string(name) or default
        if value not in choices:
            self.report("invalid-value", (name,), name, value=value, expected=" | ".join(choices), example=default)
            return default
        return value

    def boolean(self, name: str) -> bool:
        return self.choice(name, ("true", "false"), "false") == "true"

    def codes(self, name: str) -> tuple[str, ...]:
        """A list of codes, or one code; ``[SNV, STC]`` and ``SNV`` both work."""
        value = self.mapping.get(name)
        if value is None:
            return ()
        if isinstance(value, str):
            return (value.strip(),) if value.strip() else ()
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(v.strip() for v in value if v.strip())
        self.report("invalid-value", (name,), name, value=shortened(str(value), QUOTED), expected="code-list",
                    example="[SNV, STC]")
        return ()

    def flags(self, name: str = "flags") -> tuple[str, ...]:
        raw = self.string(name)
        found = tuple(raw.split())
        for flag in found:
            if flag not in FLAGS:
                self.report("invalid-value", (name,), name, value=flag, expected=" | ".join(FLAGS), example="inferred")
        return tuple(f for f in found if f in FLAGS)

    def children(self, name: str, allowed: frozenset[str]) -> list[Fields]:
        value = self.mapping.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            self.report("invalid-value", (name,), name, value=shortened(str(value), QUOTED), expected="list",
                        example="- id: K01")
            return []
        return [Fields(self.tree, self.path, self.key + (name, i), self.problems, allowed) for i in range(len(value))]




DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def _day_first(text: str) -> str:
    """``07/12/2026`` as Vietnamese write a date (day, month, year) in ISO form, "" when it is not one."""
    found = DAY_FIRST.fullmatch(text.strip())
    if not found:
        return ""
    day, month, year = (int(part) for part in found.groups())
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return ""
