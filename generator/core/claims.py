"""Claims: what a generated sentence says about the data, as typed values, before any language words it.

A sentence that says more than the data is the one thing a transparency site cannot afford. So no sentence is
written from loose numbers: a feature builds a claim from the same values its chart or table shows, and the
``Locale`` words the claim (``Locale.value``, ``Locale.change``, ``Locale.count``, ``Locale.names``...).

- a ``Value`` keeps its qualifier (``<50`` is not 50), its unit and its quality flags;
- a ``Ranking`` knows how many entries are known of how many were ranked, and who ties at the top or bottom
  (or that bounds leave it open);
- a ``Change`` knows its unit (places, points, percentage points) and its span: the two periods and the
  periods between them that have no value;
- a ``Count`` knows whether it is zero or not known.

Nothing here formats text or knows a language.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from generator.core.text import Text

# The qualifiers of docs/data-format.md (``value_qualifier``): what the source says about a number.
QUALIFIERS = ("~", "<", ">", "<=", ">=")
RANGE = "range"


@dataclass(frozen=True)
class Unit:
    """What a number counts or measures. ``kind`` is one of:

    - ``percent``: the number is a percentage (84.70 means 84.70 %); a change of it is in percentage points;
    - ``scale``: a score out of ``scale_max`` (41.985 on a scale to 80); a change of it is in points;
    - ``points``: a score in points with no stated maximum;
    - ``rank``: a place in a ranking (1 is first), out of ``scale_max`` when the source says how many were
      ranked; a change of it is in places;
    - ``plain``: anything else, named by ``label`` (dossiers, people), or nothing.
    """

    kind: str = "plain"
    scale_max: str = ""
    label: Text = Text()

    @classmethod
    def of_score(cls, score_unit: str) -> Unit:
        """The unit of an index score as the data writes it: ``%``, ``/80``, ``points`` or nothing."""
        text = (score_unit or "").strip()
        if text == "%":
            return PERCENT
        if text.startswith("/") and _decimal(text[1:]) is not None:
            return cls("scale", text[1:])
        if text.lower() in ("points", "point", "điểm"):
            return POINTS
        return cls("plain", label=Text(text, text)) if text else PLAIN

    @classmethod
    def of_rank(cls, ranked: object = None) -> Unit:
        """A place in a ranking of ``ranked`` units (63 provinces, 10 in a pilot); RANK when not stated."""
        number = _decimal(ranked)
        return cls("rank", plain(number)) if number is not None and number > 0 else RANK

    @classmethod
    def of_label(cls, label: Text) -> Unit:
        """The unit of an indicator, a bilingual label such as "hồ sơ"/"dossiers" ("%" is a percentage)."""
        if label.vi.strip() == "%" or label.en.strip() == "%":
            return PERCENT
        return cls("plain", label=label) if label else PLAIN

    def comparable(self, other: Unit) -> bool:
        """Whether a number in this unit can be subtracted from one in ``other``: the same kind, the same
        maximum and the same label. 65,5 % and 67,89 points, or 6/10 and 7/80, are on different scales: the
        difference of the two numbers means nothing. So are the 6th place of 10 in a pilot and the 20th of 63."""
        if self.kind != other.kind or self.label != other.label:
            return False
        if self.kind == "rank" and not (self.scale_max and other.scale_max):
            return True  # the number ranked is not stated (most sources): not known to differ
        return _decimal(self.scale_max) == _decimal(other.scale_max)

    @property
    def change_kind(self) -> str:
        """What a difference of two numbers in this unit is counted in."""
        return {"percent": "percentage_points", "scale": "points", "points": "points", "rank": "places"}.get(
            self.kind, "plain")


PLAIN = Unit()
PERCENT = Unit("percent")
POINTS = Unit("points")
RANK = Unit("rank")


@dataclass(frozen=True)
class Value:
    """A number as the source states it. ``number`` is None when it is not known (a gap, never a zero)."""

    number: Decimal | None
    unit: Unit = PLAIN
    qualifier: str = ""  # "" (exact), "~", "<", ">", "<=", ">=" or "range" (number to upper)
    upper: Decimal | None = None
    flags: tuple[str, ...] = ()

    @classmethod
    def of(cls, number: object, unit: Unit = PLAIN, qualifier: str = "", upper: object = None,
           flags: tuple[str, ...] = ()) -> Value:
        qualifier = (qualifier or "").strip()
        if qualifier not in QUALIFIERS and qualifier != RANGE:
            qualifier = ""
        upper_number = _decimal(upper)
        if qualifier == RANGE and upper_number is None:
            qualifier = ""
        return cls(_decimal(number), unit, qualifier, upper_number if qualifier == RANGE else None, tuple(flags))

    @classmethod
    def parse(cls, text: str, unit: Unit = PLAIN, flags: tuple[str, ...] = ()) -> Value | None:
        """A value written as text with its qualifier in front (``>=12``, ``~40``, ``<50``); None when the
        text is not a number (a document reference, a ratio such as ``9/9``)."""
        stripped = (text or "").strip()
        for qualifier in sorted(QUALIFIERS, key=len, reverse=True):
            if stripped.startswith(qualifier):
                number = _decimal(stripped[len(qualifier):].strip())
                return cls(number, unit, qualifier, None, flags) if number is not None else None
        number = _decimal(stripped)
        return cls(number, unit, "", None, flags) if number is not None else None

    @property
    def known(self) -> bool:
        return self.number is not None

    @property
    def exact(self) -> bool:
        """A plain stated number: no bound, no range, no "about"."""
        return self.known and self.qualifier == ""

    @property
    def bound(self) -> bool:
        """Only a bound is known (``<50``, ``>=12``): drawn and sorted as a bound, never as the number."""
        return self.qualifier in ("<", ">", "<=", ">=")

    def interval(self) -> tuple[Decimal | None, bool, Decimal | None, bool]:
        """(low, low is open, high, high is open); None is unbounded. "About" counts as the number."""
        n = self.number
        return {
            "<": (None, True, n, True), "<=": (None, True, n, False),
            ">": (n, True, None, True), ">=": (n, False, None, True),
            RANGE: (n, False, self.upper, False),
        }.get(self.qualifier, (n, False, n, False))

    def surely_above(self, other: Value) -> bool:
        """True when every number this value allows is above every number ``other`` allows."""
        low, low_open, _, _ = self.interval()
        _, _, other_high, other_high_open = other.interval()
        if low is None or other_high is None:
            return False
        return low > other_high or (low == other_high and (low_open or other_high_open))

    def same_as(self, other: Value) -> bool:
        """Two exact values that are equal: a tie."""
        return self.exact and other.exact and self.number == other.number


def _reach(value: Value, highest: bool) -> tuple[Decimal, bool] | None:
    """How far beyond others ``value`` surely lies, as a key that sorts the furthest last: for the highest, its
    lowest allowed number (an open bound reaches past the same closed one); for the lowest, its highest allowed
    number, negated. None when that side is unbounded: such a value is surely beyond nothing."""
    low, low_open, high, high_open = value.interval()
    if highest:
        return None if low is None else (low, low_open)
    return None if high is None else (-high, high_open)


def finite(number: Decimal | int | float) -> bool:
    """A number a sentence can word and a chart can draw. Frictionless reads "NaN", "sNaN", "INF" and
    "-Infinity" as valid numbers (docs/data-format.md): none has a place on an axis or an order against the
    others. "1e400" is finite to Decimal, but a chart draws in floats, where it is an infinity."""
    if isinstance(number, Decimal) and not number.is_finite():
        return False
    try:
        return math.isfinite(float(number))
    except OverflowError:  # an int too large for a float
        return False


# The most zeros a number's plain decimal form may add to the digits its cell wrote: a valid number cell of ten
# characters, "1e-9999999", was written out as "0,000…01" with ten million zeros on four pages of 20 MB each
# (and 1e-99999999 took 4.4 GB to build). Past this, a number is written in scientific notation (1E-9999999),
# which is as wide as the cell. No figure a source states comes near: 1E+28 is still written out in full.
MOST_ADDED_ZEROS = 30


def added_zeros(number: Decimal) -> int:
    """How many zeros writing ``number`` out in full adds to its own digits: 5 for 1E+5 (100000), 3 for 1E-3
    (0.001), none for 84.70."""
    _sign, digits, exponent = number.as_tuple()
    if not isinstance(exponent, int) or (exponent > 0 and number.is_zero()):
        return 0  # NaN and the infinities have no plain form; 0E+5 is written "0"
    return exponent if exponent >= 0 else max(-exponent - len(digits) + 1, 0)


def too_wide(number: Decimal) -> bool:
    """``number`` written out in full would be far wider than its cell (``MOST_ADDED_ZEROS``)."""
    return added_zeros(number) > MOST_ADDED_ZEROS


def plain(number: Decimal) -> str:
    """``number`` as machine-readable text for a download: written out in full (1E+5 as 100000) unless that is
    ``too_wide``, then in Decimal's scientific form (1E-9999999), which every CSV reader reads as the same number."""
    return str(number) if too_wide(number) else format(number, "f")


def non_finite(text: str) -> bool:
    """The text reads as a number that is not ``finite``: "NaN", "inf", ">=Infinity", "1e400"."""
    stripped = (text or "").strip()
    qualifier = next((q for q in sorted(QUALIFIERS, key=len, reverse=True) if stripped.startswith(q)), "")
    number = _any_decimal(stripped[len(qualifier):])
    return number is not None and not finite(number)


def _any_decimal(value: object) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None


def _decimal(value: object) -> Decimal | None:
    """A number a claim can hold: None for a gap, for text and for a number that is not ``finite`` (the
    checks refuse those in the site's own data; an automatic chart leaves them out)."""
    number = _any_decimal(value)
    return number if number is not None and finite(number) else None


@dataclass(frozen=True)
class Entry:
    """One ranked thing: its name (a unit, an agency, a year) and its value."""

    name: str
    value: Value
    key: str = ""


@dataclass(frozen=True)
class Ranking:
    """Entries ordered by value. ``entries`` are the known ones; ``ranked`` is how many were ranked in all
    when the source says (PAR Index: 63 provinces), so "lowest" can say "of the 11 known". ``at_least``: the
    source does not say how many, but at least ``ranked`` were (a 22nd place, 13 units named)."""

    entries: tuple[Entry, ...]
    ranked: int | None = None
    at_least: bool = False

    @property
    def known(self) -> int:
        return len(self.entries)

    @property
    def partial(self) -> bool:
        return self.ranked is not None and self.ranked > self.known

    def highest(self) -> tuple[Entry, ...]:
        """Every entry that may be the highest: one, several tied, or several that bounds leave open."""
        return self.picked(self.ends(highest=True))

    def lowest(self) -> tuple[Entry, ...]:
        return self.picked(self.ends(highest=False))

    def picked(self, positions: tuple[int, ...]) -> tuple[Entry, ...]:
        return tuple(self.entries[i] for i in positions)

    def ends(self, highest: bool) -> tuple[int, ...]:
        """Where, in ``entries``, the known entries are that no other entry is surely beyond. They depend on the
        values alone: a ranking of the same values under other names (another language's) can take them
        (``picked``). If any entry is surely beyond one, the entry that reaches furthest (``_reach``) is too, so
        each entry is tried against that one alone (which is never surely beyond itself: no value's interval is
        empty). Linear: trying every pair made a ranking of thousands of agencies cost millions of comparisons."""
        known = [i for i, e in enumerate(self.entries) if e.value.known]
        reaching = [(reach, i) for i in known if (reach := _reach(self.entries[i].value, highest)) is not None]
        if not reaching:
            return tuple(known)
        furthest = self.entries[max(reaching)[1]].value
        if highest:
            return tuple(i for i in known if not furthest.surely_above(self.entries[i].value))
        return tuple(i for i in known if not self.entries[i].value.surely_above(furthest))

    @staticmethod
    def tied(entries: tuple[Entry, ...]) -> bool:
        """Several entries with the same exact value (a tie, as opposed to an order bounds leave open)."""
        return len(entries) > 1 and all(e.value.same_as(entries[0].value) for e in entries)


@dataclass(frozen=True)
class Change:
    """How a value moved from one period to another. ``missing`` are the periods between them that have
    no comparable value: a comparison across them must say so. Two values in units that are not
    ``comparable`` (a percentage, then points) have no difference: only the two values can be said."""

    start: Value
    start_period: int
    end: Value
    end_period: int
    missing: tuple[int, ...] = ()

    @property
    def kind(self) -> str:
        return self.end.unit.change_kind

    @property
    def comparable(self) -> bool:
        return self.start.unit.comparable(self.end.unit)

    @property
    def delta(self) -> Decimal | None:
        """The difference, end minus start; None unless both are exact (a bound has no exact difference) and
        in comparable units. For ranks, positive means the rank number grew (a fall in the ranking)."""
        if not (self.start.exact and self.end.exact and self.comparable):
            return None
        return self.end.number - self.start.number

    @property
    def years(self) -> int:
        return self.end_period - self.start_period


def change_between(series: dict[int, Value], end_period: int) -> Change | None:
    """The change from the latest period before ``end_period`` with a known value, with the periods skipped."""
    end = series.get(end_period)
    earlier = sorted(p for p, v in series.items() if p < end_period and v.known)
    if end is None or not end.known or not earlier:
        return None
    start = earlier[-1]
    return Change(series[start], start, end, end_period, tuple(range(start + 1, end_period)))


@dataclass(frozen=True)
class Count:
    """How many of something there are: ``value`` None means not known (never shown as zero). ``noun`` is
    the catalogue key of the thing counted (``count.conclusion``)."""

    value: int | None
    noun: str

    @property
    def known(self) -> bool:
        return self.value is not None


def missing_periods(periods: list[int] | set[int]) -> tuple[int, ...]:
    """The periods between the first and last given that are not given: the gaps of a yearly series."""
    if not periods:
        return ()
    present = set(periods)
    return tuple(p for p in range(min(present), max(present) + 1) if p not in present)
