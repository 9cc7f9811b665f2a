"""A language is one object: its UI strings, how it writes numbers and dates, and where its pages live.

Vietnamese writes 84,70% and 11/06/2024 and lives at the site's root; English writes 84.70% and
11 Jun 2024 and lives under ``en/``. Numbers, percentages, dates and lists are formatted by Babel from the
CLDR data (the decimal and grouping marks, the percent pattern, month names, "A, B và C"), so no formatter
here is hand-written. A build binds one ``Locale`` per language and hands it to each feature's pages, to
chart specs and to the Jinja environment (as filters), so templates never format numbers themselves.

The ``Locale`` also words claims (``generator.core.claims``): a value with its qualifier and unit, a change
with its unit and span, a count that may be unknown, the names at the top of a ranking. The strings are one
YAML file per language in ``generator/locales/``; a key missing in one language falls back to Vietnamese.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal, localcontext
from functools import cache, cached_property, lru_cache
from pathlib import Path

import yaml
from babel import Locale as BabelLocale
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent, get_exponential_symbol, get_minus_sign_symbol

from generator.core.claims import RANGE, Change, Count, Entry, Ranking, Value, too_wide
from generator.core.flags import FLAGS
from generator.core.text import Text

LOCALES = ("vi", "en")
DEFAULT_LOCALE = "vi"
_LOCALE_DIR = Path(__file__).resolve().parent.parent / "locales"
# The CLDR locale behind each language: English dates are written the British way (11 Jun 2024), which
# reads the same to every English reader, unlike 6/11/2024.
_BABEL = {"vi": "vi", "en": "en_GB"}
# Date patterns per precision (CLDR pattern syntax; Babel supplies month names and digits). A year has four digits
# at least, as ISO writes it: "y" wrote the first day of a column of dates 0001-01-01 as "01/01/1".
_DATE_PATTERNS = {"vi": {"day": "dd/MM/yyyy", "month": "MM/yyyy", "year": "yyyy"},
                  "en": {"day": "d MMM yyyy", "month": "MMM yyyy", "year": "yyyy"}}
_MONTH_ONLY = {"vi": "MM", "en": "MMM"}
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
MINUS = "\u2212"  # a true minus sign, as typeset, for signed changes
GAP = "–"
_QUALIFIER_KEYS = {"~": "value.about", "<": "value.below", ">": "value.above", "<=": "value.at_most",
                   ">=": "value.at_least"}
_CAVEATS = ("derived", "inferred", "conflicting")  # flags a sentence must repeat beside the number
_QUALIFIER_SIGNS = {"~": "~", "<": "<", ">": ">", "<=": "≤", ">=": "≥"}


def year_text(year: int) -> str:
    """A year as a date's is written (``_DATE_PATTERNS``): four digits at least, never grouped ("0001", "2024")."""
    return f"{year:04d}"


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The UI strings of ``lang`` (plain text values; keys are dotted identifiers)."""
    text = (_LOCALE_DIR / f"{lang}.yaml").read_text(encoding="utf-8")
    # Our own files, every value a string either way: libyaml's loader where PyYAML has it (2 ms a file
    # instead of 23, in every build that renders a page).
    data = yaml.load(text, Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader)) or {}
    return {str(k): str(v) for k, v in data.items()}


def _decimal(value: object, decimals: int | None) -> Decimal | str:
    """``value`` as a Decimal (rounded to ``decimals`` when given), or the text to print instead: the gap mark
    for a missing value, the value itself for anything that is not a number, and CLDR's symbols for a number
    that is not finite ("NaN", "∞", "-∞"; the checks keep them out of the site's own figures)."""
    if value is None or value == "":
        return GAP
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return str(value)
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if number.is_nan():
        return "NaN"  # sNaN, -NaN and NaN with a payload ("NaN123") too, which Babel garbles or refuses
    if number.is_infinite():
        return "-∞" if number.is_signed() else "∞"
    if decimals is not None and not (too_wide(number) and number.adjusted() > 0):  # 1E+9999999 has no decimals to round
        with localcontext(prec=_digits(number, decimals)):
            number = number.quantize(Decimal(1).scaleb(-decimals))
    # A zero has no sign for a reader: "-0" (as a cell may write it, or -0,001 rounded) was "the lowest, -0"
    return number.copy_abs() if number.is_zero() else number


def _digits(number: Decimal, decimals: int = 0) -> int:
    """Precision with room for every digit of ``number`` and ``decimals`` more: in the default 28 digits,
    rounding or formatting 1E+28 (a valid number cell) failed."""
    return max(28, number.adjusted() + 3 + max(decimals, -number.as_tuple().exponent, 0))


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

    @cached_property
    def cldr(self) -> BabelLocale:
        return BabelLocale.parse(_BABEL.get(self.code, self.code))

    def t(self, key: str, **params: object) -> str:
        """The UI string ``key``, its ``{name}`` placeholders filled from ``params``."""
        template = catalogue(self.code).get(key) or catalogue(DEFAULT_LOCALE).get(key) or key
        return template.format(**params) if params else template

    def has(self, key: str) -> bool:
        return key in catalogue(self.code) or key in catalogue(DEFAULT_LOCALE)

    def text(self, value: Text) -> str:
        return value.get(self.code)

    # Numbers and dates ---------------------------------------------------------------------------------

    def number(self, value: object, decimals: int | None = None) -> str:
        """The language's decimal and grouping marks; the stated precision kept (84.70 stays 84,70) unless
        ``decimals`` is given."""
        number = _decimal(value, decimals)
        if isinstance(number, str):
            return number
        return _formatted(str(number), self.code)  # by its text: 84.70 and 84.7 are equal but print apart

    def signed(self, value: object) -> str:
        """A change with its sign: +3, −2,27 (a true minus sign), ±0."""
        if value is None or value == "":
            return GAP
        if isinstance(value, Decimal) and value.is_nan():
            return self.number(value)  # no sign to give, and comparing it would raise
        text = self.number(value.copy_abs() if isinstance(value, Decimal) else abs(value))  # abs() rounds to 28 digits
        return ("+" if value > 0 else MINUS if value < 0 else "±") + text

    def percent(self, value: object, decimals: int | None = None) -> str:
        """A number that is already a percentage (84.70 -> 84,70% in Vietnamese, 84.70% in English): the number
        as ``number`` writes it (remembered), inside the language's percent sign. Babel's percent formatting
        gives the same text (tests/test_i18n.py compares them) in ~35 µs a value, and a national edit's index
        pages print 9,600 of them."""
        number = _decimal(value, decimals)
        if isinstance(number, str):
            return number
        before, after = _percent_sign(self.code)
        return f"{before}{_formatted(str(number), self.code)}{after}"

    def date(self, value: object, precision: str = "day") -> str:
        """dd/mm/yyyy in Vietnamese, '11 Jun 2024' in English; month or year only when that is all we know.
        An ISO text (2024-04-17, 2024-04, 2024) is read as a date of that precision."""
        if isinstance(value, datetime):
            value = value.date()
        if isinstance(value, str) and (match := _ISO_DATE.match(value.strip())):
            year, month, day = match.groups()
            precision = "day" if day else "month" if month else "year"
            value = date(int(year), int(month or 1), int(day or 1))
        if not isinstance(value, date):
            return GAP if value in (None, "") else str(value)
        pattern = _DATE_PATTERNS.get(self.code, _DATE_PATTERNS["en"]).get(precision, "dd/MM/yyyy")
        return format_date(value, pattern, locale=self.cldr)

    def span(self, start: date | None, end: date | None) -> str:
        """A period between two dates as briefly as it can be said: a day, whole months, quarters or years
        ("2016–2020", "quý 1/2020", "07/2025", "01–09/2023"), else the two days; "" without both ends."""
        if start is None:
            return ""
        if end is None:
            return self.t("period.from", start=self.date(start))
        if start == end:
            return self.date(start)
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        if start.day != 1 or (end + timedelta(days=1)).day != 1:
            return self.t("period.between", start=self.date(start), end=self.date(end))
        if start.month == 1 and end.month == 12:
            return year_text(start.year) if start.year == end.year else f"{year_text(start.year)}–{year_text(end.year)}"
        if months == 3 and start.month % 3 == 1:
            return self.t("period.quarter", quarter=(start.month + 2) // 3, year=year_text(start.year))
        if months == 1:
            return self.date(start, "month")
        if start.year == end.year:
            return self.t("period.months", start=format_date(start, _MONTH_ONLY[self.code], locale=self.cldr),
                          end=self.date(end, "month"))
        return f"{self.date(start, 'month')}–{self.date(end, 'month')}"

    def periods(self, years: tuple[int, ...] | list[int]) -> str:
        """Years as runs: 2013–2014, 2017, 2019–2021 (the gaps of a series, said once)."""
        runs: list[list[int]] = []
        for year in sorted(years):
            if runs and year == runs[-1][-1] + 1:
                runs[-1].append(year)
            else:
                runs.append([year])
        parts = [year_text(r[0]) if len(r) == 1 else f"{year_text(r[0])}–{year_text(r[-1])}" for r in runs]
        return format_list(parts, locale=self.cldr) if parts else ""

    def names(self, names: list[str] | tuple[str, ...], style: str = "standard") -> str:
        """A list the way the language writes it: "A, B và C", "A, B and C" (``style="or"``: "A hoặc B")."""
        return format_list(list(names), style=style, locale=self.cldr) if names else ""

    # Claims --------------------------------------------------------------------------------------------

    def value(self, value: Value, words: bool = False) -> str:
        """A value with its qualifier and unit: "<50/100", "86,97%", "ít nhất 12 quy trình". ``words``
        spells the qualifier out ("dưới 50/100"), as a sentence should; tables and chart labels use signs."""
        if not value.known:
            return self.t("value.unknown") if words else GAP
        if value.qualifier == RANGE:
            high = self._with_unit(self.number(value.upper), value, value.upper)
            text = self.t("value.range", low=self.number(value.number), high=high)
        else:
            text = self._with_unit(self.number(value.number), value, value.number)
        if value.qualifier in _QUALIFIER_KEYS:
            text = self.t(_QUALIFIER_KEYS[value.qualifier], value=text) if words \
                else f"{_QUALIFIER_SIGNS[value.qualifier]}{text}"
        caveats = [self.t(f"value.flag.{flag}") for flag in _CAVEATS if flag in value.flags]
        return ", ".join([text, *caveats]) if words else text

    def _with_unit(self, amount: str, value: Value, number: Decimal | None) -> str:
        unit = value.unit
        if unit.kind == "percent":
            return self.percent(number)
        if unit.kind == "scale":
            label = unit.label.get(self.code) if unit.label else ""
            scale = f"{amount}/{self.number(Decimal(unit.scale_max))}"
            return f"{scale} {label}" if label else scale
        if unit.kind == "rank" and unit.scale_max:  # "hạng 6/10": the place and how many were ranked
            return self.t("unit.rank", value=f"{amount}/{self.number(Decimal(unit.scale_max))}")
        if unit.kind in ("points", "rank"):
            return self.t(f"unit.{unit.kind}", value=amount)
        label = unit.label.get(self.code) if unit.label else ""
        return f"{amount} {label}" if label else amount

    def number_label(self, value: Value) -> str:
        """A value as a chart labels a point or bar: the number with its qualifier sign, no unit."""
        if not value.known:
            return GAP
        if value.qualifier == RANGE:
            return self.t("value.range", low=self.number(value.number), high=self.number(value.upper))
        sign = _QUALIFIER_SIGNS.get(value.qualifier, "")
        return f"{sign}{self.number(value.number)}"

    def change(self, change: Change) -> str:
        """How much a value moved, in its own unit: "tăng 3 bậc", "+2,27 điểm phần trăm". A change between
        bounds has no exact size, nor one between two scales: it is worded as the two values."""
        # the two values' flags are said once, by ``since``: not again beside each value
        start, end = replace(change.start, flags=()), replace(change.end, flags=())
        if not change.comparable:  # another scale, or another number ranked: no difference, the two values and why
            key = "change.not_comparable_rank" if change.kind == "places" else "change.not_comparable"
            return self.t(key, start=self.value(start, words=True), end=self.value(end, words=True))
        delta = change.delta
        if delta is None:
            return self.t("change.between", start=self.value(start, words=True), end=self.value(end, words=True))
        if change.kind == "places":
            key = "change.places_up" if delta < 0 else "change.places_down" if delta > 0 else "change.places_same"
            return self.plural(key, abs(delta))
        if change.kind in ("percentage_points", "points"):
            return self.t(f"change.{change.kind}", signed=self.signed(delta))
        label = change.end.unit.label.get(self.code) if change.end.unit.label else ""
        return f"{self.signed(delta)} {label}".strip()

    def since(self, change: Change, changes: tuple[Change, ...] | list[Change] = ()) -> str:
        """What a change is measured against: "So với 2022:", the periods it skips when there are any, and the
        quality flags of either value it compares ("giá trị năm 2023: suy đoán"): a difference from an inferred
        rank or a secondary compilation's score is no more certain than that value. ``changes`` are the changes
        this one sentence introduces (``change`` alone when none are given): the skipped periods are said to
        have no value of what they compare ("không có thứ hạng để so sánh cho 2016–2022"). "No comparable
        figure" read as no figure at all, beside the scores of 2020–2022 on the same page."""
        notes = [self.t("change.gap_note", missing=self.periods(change.missing),
                        what=self.names(self.compared(changes or (change,))))] if change.missing else []
        notes += self.flag_notes(change)
        if change.missing:
            return self.t("change.since_gap", year=change.start_period, years=self.number(change.years),
                          notes="; ".join(notes))
        if notes:
            return self.t("change.since_notes", year=change.start_period, notes="; ".join(notes))
        return self.t("change.since", year=change.start_period)

    def compared(self, changes: tuple[Change, ...] | list[Change]) -> list[str]:
        """What the changes compare, each once, in their order: "thứ hạng" for ranks, "điểm" for scores (a
        percentage, points, out of a maximum), "số liệu" for any other number."""
        kinds = {"places": "places", "percentage_points": "score", "points": "score"}
        found = dict.fromkeys(kinds.get(change.kind, "plain") for change in changes)
        return [self.t(f"change.what.{kind}") for kind in found]

    def flag_notes(self, change: Change) -> list[str]:
        """The flags of each end of ``change`` in words, one note per flagged value: "giá trị năm 2023: suy
        đoán"."""
        return [self.t("change.flag_note", year=period, flags=self.names([self.t(f"common.flag.{flag}")
                                                                          for flag in FLAGS if flag in value.flags]))
                for period, value in ((change.start_period, change.start), (change.end_period, change.end))
                if any(flag in value.flags for flag in FLAGS)]

    def count(self, count: Count) -> str:
        """"8 kết luận" or, when the number is not known, "chưa rõ số kết luận" (never "0")."""
        if count.value is None:
            return self.t(f"{count.noun}.unknown")
        return self.plural(count.noun, count.value)

    def plural(self, key: str, n: int | Decimal, **params: object) -> str:
        """The string ``key.one``/``key.other``... that CLDR's plural rules choose for ``n`` (Vietnamese has
        one form, English two), ``{n}`` filled in; a key without forms is used as it is."""
        form = self.cldr.plural_form(n)
        for candidate in (f"{key}.{form}", f"{key}.other", key):
            if self.has(candidate):
                return self.t(candidate, n=self.number(n), **params)
        return key

    def leaders(self, ranking: Ranking, entries: tuple[Entry, ...]) -> str:
        """The entries at one end of a ranking, with their values: one ("A (84,2)"), a tie ("A và B (cùng
        11)") or an order the bounds leave open ("A (dưới 50) hoặc B (49)")."""
        if len(entries) == 1:
            return self.t("ranking.single", name=entries[0].name, value=self.value(entries[0].value, words=True))
        if Ranking.tied(entries):
            return self.t("ranking.tie", names=self.names([e.name for e in entries]),
                          value=self.value(entries[0].value, words=True))
        return self.names([self.t("ranking.single", name=e.name, value=self.value(e.value, words=True))
                           for e in entries], style="or")

    def coverage(self, ranking: Ranking, noun: str) -> str:
        """"trong 11 đơn vị đã biết điểm" and, when the source ranked more, "(trên tổng số 63)" (or "at least 22")."""
        text = self.t(f"{noun}.known", n=self.number(ranking.known))
        if ranking.partial:
            key = "ranking.of_ranked_at_least" if ranking.at_least else "ranking.of_ranked"
            text += " " + self.t(key, total=self.number(ranking.ranked))
        return text


@lru_cache(maxsize=1 << 16)
def _formatted(number: str, code: str) -> str:
    """A decimal's text (``str(Decimal)``, which keeps its exponent) in language ``code``. Remembered: Babel
    takes ~30 µs a number, and a region's indicator pages print the same scores tens of thousands of times."""
    value = Decimal(number)
    if too_wide(value):
        return _scientific(value, code)
    with localcontext(prec=_digits(value)):
        return format_decimal(value, format=_pattern(value), locale=locale(code).cldr)


def _scientific(value: Decimal, code: str) -> str:
    """``value`` in scientific notation with the language's marks and every digit it was stated with: 1,5E-9999999
    in Vietnamese, 1.5E-9999999 in English (CLDR's exponent sign; Babel's own scientific format writes 1E-9999999
    as 0E0)."""
    if value.is_zero():
        return "0"  # 0E-9999999 is a zero, whatever precision it states
    sign, digits, _exponent = value.as_tuple()
    coefficient = Decimal((sign, digits, 1 - len(digits)))  # one digit before the point: 1.5 of 15E-10000000
    power = value.adjusted()
    cldr = locale(code).cldr
    exponent = (get_minus_sign_symbol(cldr) if power < 0 else "") + str(abs(power))
    return _formatted(str(coefficient), code) + get_exponential_symbol(cldr) + exponent


@cache
def _percent_sign(code: str) -> tuple[str, str]:
    """What language ``code`` writes before and after a percentage's number ("" and "%" in Vietnamese and
    English), as Babel writes one percent with the language's pattern."""
    before, _, after = format_percent(Decimal("0.01"), locale=locale(code).cldr).partition("1")
    return before, after


def _pattern(number: Decimal) -> str:
    """A CLDR number pattern that shows exactly the decimals ``number`` was stated with."""
    exponent = number.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return "#,##0" + ("." + "0" * places if places else "")


@cache
def locale(code: str) -> Locale:
    """The locale of ``code`` (one of LOCALES)."""
    if code not in LOCALES:
        raise ValueError(f"unknown language {code!r}; use one of {', '.join(LOCALES)}")
    return Locale(code)
