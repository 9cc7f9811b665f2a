"""Locales: UI string catalogues (one YAML file per language) and number/date formatting.

Vietnamese writes 84,70 % and 11/06/2024; English 84.70% and 11 Jun 2024. Formatting lives here, registered
as Jinja filters, so templates never format numbers themselves.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

import yaml

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


def translate(key: str, lang: str = DEFAULT_LOCALE, **params: object) -> str:
    strings = catalogue(lang)
    template = strings.get(key) or catalogue(DEFAULT_LOCALE).get(key) or key
    return template.format(**params) if params else template


def format_number(value: object, lang: str = DEFAULT_LOCALE, decimals: int | None = None) -> str:
    """Group thousands and pick the decimal mark of ``lang``; keep the stated precision unless told."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return str(value)
    number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals))
    text = f"{number:,f}"
    if lang == "vi":
        text = text.replace(",", "\u0001").replace(".", ",").replace("\u0001", ".")
    return text


def format_signed(value: object, lang: str = DEFAULT_LOCALE) -> str:
    """A change with its sign: +3, −2,27 (a true minus sign, as typeset)."""
    if value is None or value == "":
        return "–"
    text = format_number(abs(value), lang)
    return ("+" if value > 0 else "\u2212" if value < 0 else "±") + text


def format_percent(value: object, lang: str = DEFAULT_LOCALE, decimals: int | None = None) -> str:
    if value is None or value == "":
        return "–"
    number = format_number(value, lang, decimals)
    return f"{number}\u00a0%" if lang == "vi" else f"{number}%"


def format_date(value: object, lang: str = DEFAULT_LOCALE, precision: str = "day") -> str:
    """dd/mm/yyyy in Vietnamese, '11 Jun 2024' in English; month or year only when that is all we know."""
    if not isinstance(value, date):
        return "–" if value in (None, "") else str(value)
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return f"{value.month:02d}/{value.year}" if lang == "vi" else f"{_MONTHS_EN[value.month - 1]} {value.year}"
    if lang == "vi":
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"
