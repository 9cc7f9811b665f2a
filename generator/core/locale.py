"""A language is one object: its UI strings, how it writes numbers and dates, and where its pages live.

Vietnamese writes 84,70 % and 11/06/2024 and lives at the site's root; English writes 84.70% and
11 Jun 2024 and lives under ``en/``. A build binds one ``Locale`` per language and hands it to each
feature's pages and to the Jinja environment (as filters), so templates never format numbers themselves.
The strings are one YAML file per language in ``generator/locales/``; a key missing in one language falls
back to Vietnamese.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

import yaml

from generator.core.text import Text

LOCALES = ("vi", "en")
DEFAULT_LOCALE = "vi"
_LOCALE_DIR = Path(__file__).resolve().parent.parent / "locales"
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The UI strings of ``lang`` (plain text values; keys are dotted identifiers)."""
    text = (_LOCALE_DIR / f"{lang}.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=yaml.BaseLoader) or {}
    return {str(k): str(v) for k, v in data.items()}


@dataclass(frozen=True)
class Locale:
    code: str

    @property
    def is_default(self) -> bool:
        return self.code == DEFAULT_LOCALE

    @property
    def root(self) -> str:
        """The language's folder under the site root: "" for Vietnamese, "en/" for English."""
        return "" if self.is_default else f"{self.code}/"

    def t(self, key: str, **params: object) -> str:
        """The UI string ``key``, its ``{name}`` placeholders filled from ``params``."""
        template = catalogue(self.code).get(key) or catalogue(DEFAULT_LOCALE).get(key) or key
        return template.format(**params) if params else template

    def text(self, value: Text) -> str:
        return value.get(self.code)

    def number(self, value: object, decimals: int | None = None) -> str:
        """Group thousands and pick the decimal mark of the language; keep the stated precision unless told."""
        if value is None or value == "":
            return "–"
        if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
            return str(value)
        number = Decimal(str(value)) if not isinstance(value, Decimal) else value
        if decimals is not None:
            number = number.quantize(Decimal(1).scaleb(-decimals))
        text = f"{number:,f}"
        if self.code == "vi":
            text = text.replace(",", "\u0001").replace(".", ",").replace("\u0001", ".")
        return text

    def signed(self, value: object) -> str:
        """A change with its sign: +3, −2,27 (a true minus sign, as typeset)."""
        if value is None or value == "":
            return "–"
        text = self.number(abs(value))
        return ("+" if value > 0 else "\u2212" if value < 0 else "±") + text

    def percent(self, value: object, decimals: int | None = None) -> str:
        if value is None or value == "":
            return "–"
        number = self.number(value, decimals)
        return f"{number}\u00a0%" if self.code == "vi" else f"{number}%"

    def date(self, value: object, precision: str = "day") -> str:
        """dd/mm/yyyy in Vietnamese, '11 Jun 2024' in English; month or year only when that is all we know."""
        if not isinstance(value, date):
            return "–" if value in (None, "") else str(value)
        if precision == "year":
            return str(value.year)
        if precision == "month":
            if self.code == "vi":
                return f"{value.month:02d}/{value.year}"
            return f"{_MONTHS_EN[value.month - 1]} {value.year}"
        if self.code == "vi":
            return f"{value.day:02d}/{value.month:02d}/{value.year}"
        return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"


@cache
def locale(code: str) -> Locale:
    """The locale of ``code`` (one of LOCALES)."""
    if code not in LOCALES:
        raise ValueError(f"unknown language {code!r}; use one of {', '.join(LOCALES)}")
    return Locale(code)
