"""Indices (chi-so) and indicators (hanh-chinh): definitions and observations in long format."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple, TypeVar

from generator.core import kept
from generator.core.claims import PERCENT, PLAIN, RANGE, Unit, Value, plain
from generator.core.datasets import Datasets
from generator.core.flags import parse_flags
from generator.core.read.table import Table
from generator.core.text import Text, slug
from generator.urls import indicator_uri

T = TypeVar("T")
INDICES_ROLE = "indices"
TOTAL = "total"  # the component of an overall score
TOTAL_NAME = Text("Điểm tổng", "Overall score")
NO_NOTE = Text("", "")  # shared by the many rows without a note
INDICATORS_ROLE = "indicators"


class Observation(NamedTuple):
    """One index result: a unit's score and/or rank in a year (either may be a gap).

    A named tuple, not a frozen dataclass: a national site holds about a million of them, made again whenever
    the results table changes, and a frozen dataclass sets each of its 15 fields through ``object.__setattr__``
    (3.0 s for 930k of them, measured, against 0.6 s for the tuple). Immutable and typed all the same; nothing
    iterates over one, compares one with a plain tuple or orders them without a key."""

    index_code: str
    year: int
    unit_type: str
    unit_code: str
    unit_name: str
    component: str
    score: Decimal | None
    score_unit: str
    rank: int | None
    rank_of: int | None
    group: Text  # the rating group as the source states it (group_en) and in Vietnamese (group_vi)
    qualifier: str  # of the score: "<" means the source says "below" (docs/data-format.md)
    flags: tuple[str, ...]
    source_id: str
    note: Text

    @property
    def anchor(self) -> str:
        return slug(f"{self.unit_code}-{self.year}-{self.component}")

    @property
    def has_value(self) -> bool:
        """Whether the row states a score or a rank (a row may give only its group, e.g. "honoured")."""
        return self.score is not None or self.rank is not None

    def score_value(self, index_unit: str = "") -> Value:
        """The score as a claim: its qualifier ("<50" stays a bound), its unit and its flags."""
        return Value.of(self.score, Unit.of_score(self.score_unit or index_unit), self.qualifier, flags=self.flags)

    def rank_value(self) -> Value:
        """The rank as a claim, out of the number ranked when the row states it: 6 of 10 in a pilot is not
        comparable with 20 of 63."""
        return Value.of(self.rank, Unit.of_rank(self.rank_of), flags=self.flags)


class Conflict(NamedTuple):
    """A unit's results of one year and component, one of them flagged ``conflicting``: ``rows`` are all of them,
    in the data's order; ``notes`` are the flagged rows' notes when no two rows give one thing (a score, a rank,
    a group) different values, so that their values alone do not show what is disputed (empty otherwise)."""

    rows: tuple[Observation, ...]
    notes: tuple[Text, ...]


@dataclass(frozen=True)
class Average:
    year: int
    value: Decimal
    scope: Text
    source_id: str
    # The unit the metric names in brackets, as the source gives it: "%" of "Average score (%)", "points" of
    # "Average score (points)"; empty when it names none (the index's unit then). PAR's 63-province averages are
    # in % some years and in points others: drawn on one "%" axis, they made one line of two scales.
    unit: str = ""
    flags: tuple[str, ...] = ()

    def claim(self, index_unit: str = "") -> Value:
        """The average as a claim: in its own unit, else in the index's (``index_unit``), with its flags."""
        return Value.of(self.value, Unit.of_score(self.unit or index_unit), flags=self.flags)


@dataclass(frozen=True)
class NationalFact:
    """A figure of an index for a whole scope, as a source states it (``national_summary``): the 63 provinces'
    average, how many provinces were in group A, how many people answered a survey. ``unit`` is what the metric
    names in brackets ("%", "từ 80 điểm"); ``note`` says what the figure cannot."""

    year: int
    scope: Text
    metric: Text
    value: Decimal | None
    source_id: str
    unit: str = ""
    flags: tuple[str, ...] = ()
    note: Text = NO_NOTE

    def claim(self) -> Value:
        """The figure as a claim: a percentage when its metric says "(%)", else the number alone, its metric
        naming its unit. A bracket is not always a unit ("group A (80 points or more)"), and one that is may have
        no words in the page's language ("(điểm %)": "4,38 percentage points" on the Vietnamese page)."""
        return Value.of(self.value, PERCENT if self.unit == "%" else PLAIN, flags=self.flags)


class NationalConflict(NamedTuple):
    """The figures of one year and scope flagged ``conflicting`` (2018: 9 provinces in group A, from 80 points,
    by one source; 29 above 80 points by another), each with its metric, as the sources word them, and their notes
    (each once): two different metrics' values say nothing of a dispute without them."""

    year: int
    scope: Text
    facts: tuple[NationalFact, ...]
    notes: tuple[Text, ...]


@dataclass(frozen=True)
class Component:
    period: Text
    number: str
    name: Text
    max_points: str
    flags: tuple[str, ...]
    source_id: str
    note: Text = NO_NOTE

    @property
    def max_value(self) -> Value | None:
        """The maximum as a number when it is one ("9.5"); None for text such as "60 / 40"."""
        return Value.parse(self.max_points)


@dataclass(frozen=True)
class Edition:
    """A published edition of an index (a ``releases`` row): the year of its data, the day it was released (None
    when the table gives only a month) and the source that says it was."""

    year: int
    released: date | None
    source_id: str


@dataclass(frozen=True)
class NoResult:
    """A year of an index without a result for a unit: the unit's row that states neither score nor rank
    (``row``: HCMC's PAR Index 2024), or an edition the unit has no row of at all (``edition``: PAPI 2024,
    released 15/04/2025). Only an empty row said a later year was not found: a maintainer had to remember to add
    one for every edition, and PAPI 2024 was named nowhere (new8a N3)."""

    year: int
    row: Observation | None = None
    edition: Edition | None = None

    @property
    def source_id(self) -> str:
        """The row's source, else the one that says the edition was released."""
        return self.row.source_id if self.row is not None else self.edition.source_id if self.edition else ""

    @property
    def anchor(self) -> str:
        """The row's anchor in the history table; "" for an edition, which has no row there."""
        return self.row.anchor if self.row is not None else ""


class ResultsLookup:
    """The answers to the questions an index's pages ask of its results (30,000 rows an index at national scale),
    each found by one pass over them when first asked, then remembered (see ``Index._lookup``)."""

    def __init__(self, results: tuple[Observation, ...]):
        self.results = results
        self._answers: dict[tuple, object] = {}

    def answer(self, question: tuple, find: Callable[[], T]) -> T:
        if question not in self._answers:
            self._answers[question] = find()
        return self._answers[question]  # type: ignore[return-value]

    def for_unit(self, unit_code: str, component: str) -> tuple[Observation, ...]:
        return self.answer(("unit", unit_code, component), lambda: tuple(sorted(
            (o for o in self.results if o.unit_code == unit_code and o.component == component),
            key=lambda o: (o.year, o.source_id))))

    def totals_in(self, year: int, unit_type: str) -> tuple[Observation, ...]:
        return self.answer(("totals", year, unit_type), lambda: tuple(
            o for o in self.results if o.year == year and o.component == TOTAL and o.unit_type == unit_type))

    def components_of(self, unit_code: str) -> tuple[str, ...]:
        return self.answer(("components", unit_code), lambda: tuple(sorted(
            {o.component for o in self.results if o.unit_code == unit_code and o.component != TOTAL
             and o.score is not None})))

    def scored_years(self, unit_type: str) -> tuple[int, ...]:
        return self.answer(("scored-years", unit_type), lambda: tuple(sorted(
            {o.year for o in self.results if o.unit_type == unit_type and o.score is not None}, reverse=True)))

    def years(self) -> tuple[int, int]:
        return self.answer(("years",), lambda: (min((o.year for o in self.results), default=0),
                                                 max((o.year for o in self.results), default=0)))

    def conflicts(self) -> list[Conflict]:
        return self.answer(("conflicts",), lambda: _conflicts(self.results))

    def latest_first(self) -> list[Observation]:
        return self.answer(("latest-first",), lambda: sorted(
            self.results, key=lambda o: (-o.year, o.unit_type, o.unit_name, o.component, o.source_id)))


@dataclass(frozen=True)
class Index:
    code: str
    name: Text
    publisher: Text
    description: Text
    level: str
    score_unit: str
    higher_is_better: bool
    results: tuple[Observation, ...]
    averages: tuple[Average, ...] = ()
    components: tuple[Component, ...] = ()
    national: tuple[NationalFact, ...] = ()  # every national_summary row of the index, in the data's order
    editions: tuple[Edition, ...] = ()  # the ``releases`` rows of the index, one a data year, the earliest first

    def editions_without(self, unit_code: str) -> list[Edition]:
        """The editions in which the unit has no row of its overall result (an empty row is a row: it says
        itself that nothing was found)."""
        years = {o.year for o in self.for_unit(unit_code)}
        return [edition for edition in self.editions if edition.year not in years]

    def national_conflicts(self) -> list[NationalConflict]:
        """The national figures flagged ``conflicting``, by year and scope (in the data's order)."""
        groups: dict[tuple[int, Text], list[NationalFact]] = {}
        for fact in self.national:
            if "conflicting" in fact.flags:
                groups.setdefault((fact.year, fact.scope), []).append(fact)
        return [NationalConflict(year, scope, tuple(facts), tuple(dict.fromkeys(f.note for f in facts if f.note)))
                for (year, scope), facts in groups.items()]

    @property
    def page_uri(self) -> str:
        return indicator_uri(self.code)

    def component_name(self, component: str) -> Text:
        """A component's name in both languages: "total" is the overall score; other names are matched to
        the components table by their Vietnamese name (English where the table gives it)."""
        if component == TOTAL:
            return TOTAL_NAME
        for part in self.components:
            if part.name.vi == component:
                return part.name
        return Text(component)

    def averages_in(self, unit: Unit) -> tuple[list[Average], list[Average]]:
        """The averages in ``unit`` (a chart in that unit draws them) and the others, each in the data's order:
        a percentage and a number of points are not on one axis (``Unit.comparable``)."""
        drawn: list[Average] = []
        others: list[Average] = []
        for average in self.averages:
            (drawn if average.claim(self.score_unit).unit.comparable(unit) else others).append(average)
        return drawn, others

    def for_unit(self, unit_code: str, component: str = "total") -> list[Observation]:
        """The unit's results for ``component``, by year and source."""
        return list(self._lookup.for_unit(unit_code, component))

    def totals_in(self, year: int, unit_type: str) -> list[Observation]:
        return list(self._lookup.totals_in(year, unit_type))

    def components_of(self, unit_code: str) -> list[str]:
        """The components other than the total in which the unit has a score, sorted."""
        return list(self._lookup.components_of(unit_code))

    def scored_years(self, unit_type: str) -> list[int]:
        """The years in which some unit of ``unit_type`` has a score (in any component), the latest first."""
        return list(self._lookup.scored_years(unit_type))

    @property
    def years(self) -> tuple[int, int]:
        """The first and the last year of the results."""
        return self._lookup.years()

    @functools.cached_property  # a frozen dataclass without slots: written into the instance's __dict__
    def _lookup(self) -> ResultsLookup:
        """An index page asked the whole results table the same questions a dozen times, in each language (the
        focus unit's results, a year's totals, the conflicts, the table's order): answered once per index, and
        kept by a serving process while the results are the same objects (core/kept.py). The conflicts and the
        order were kept by a serving process already, but a build worked them out again in every language:
        3.7 s of the 60 index pages of a national build (py-spy)."""
        return kept.by_identity("index-lookup", (self.results,), lambda: ResultsLookup(self.results))

    def remembered(self, question: tuple, find: Callable[[], T]) -> T:
        """The answer ``find`` works out from the results, found once per index and question and kept with the
        answers above (``_lookup``): for what a page's code asks of the results in every language (a ranking's
        order and values, indicators/charts.py). ``question`` names everything else the answer depends on (an
        index's score unit is not part of its results). Shared by every page that asks: not to be changed."""
        return self._lookup.answer(question, find)

    def conflicts(self) -> list[Conflict]:
        """The results of each unit, year and component of which one is flagged ``conflicting`` (shared by every
        page that asks: not to be changed)."""
        return self._lookup.conflicts()

    def latest_first(self) -> list[Observation]:
        """The results, the latest year first (then by unit, component and source), as the page's table lists
        them (shared like ``conflicts``)."""
        return self._lookup.latest_first()


@dataclass(frozen=True)
class IndicatorObservation:
    indicator_code: str
    period: Text  # the period's label as the source states it (period, period_en)
    scope: Text
    agency_code: str
    value: Decimal | None
    value_max: Decimal | None  # the upper end of a range, or the maximum of a score ("11/18")
    qualifier: str
    value_text: Text  # the value in words when it is not a number ("top 5"), per language
    unit: Text
    kind: str
    flags: tuple[str, ...]
    source_id: str
    note: Text
    year: int | None
    start: date | None = None
    end: date | None = None

    @property
    def claim(self) -> Value:
        """The value as a claim: a range keeps both ends, a score its maximum ("17,94/18"), a bound its sign."""
        if self.qualifier == RANGE:
            return Value.of(self.value, Unit.of_label(self.unit), RANGE, self.value_max, self.flags)
        unit = Unit("scale", plain(self.value_max), self.unit) if self.value_max is not None \
            else Unit.of_label(self.unit)
        return Value.of(self.value, unit, self.qualifier, flags=self.flags)


@dataclass(frozen=True)
class Indicator:
    code: str
    name: Text
    unit: Text
    higher_is_better: bool
    theme: str
    description: Text
    observations: tuple[IndicatorObservation, ...]

    @property
    def page_uri(self) -> str:
        return indicator_uri(self.code)


@dataclass(frozen=True)
class Indicators:  # not slotted: functools.cached_property needs the instance __dict__
    indices: tuple[Index, ...]
    indicators: tuple[Indicator, ...]
    focus_unit: str  # the unit the site is about (GSO code 79 for HCMC), from the package's x-minhbach
    focus_name: Text
    package: str = ""  # the indices package, for links to its full downloads

    def index(self, code: str) -> Index | None:
        return self._by_code.get(code)

    def latest_for_agency(self, code: str) -> list[AgencyLatest]:
        """Each index's latest overall results for the agency (its whole series is on the index page and in
        the download): a national site has a decade of results for thousands of agencies."""
        by_code = self._by_code
        return [AgencyLatest(by_code[index_code], known, later)
                for index_code, (known, later) in self._latest_by_agency.get(code, ())]

    @functools.cached_property
    def _by_code(self) -> dict[str, Index]:
        """Each index by its code (the first, were two to share one)."""
        by_code: dict[str, Index] = {}
        for index in self.indices:
            by_code.setdefault(index.code, index)
        return by_code

    @functools.cached_property
    def _latest_by_agency(self) -> dict[str, tuple[tuple[str, Latest], ...]]:
        """Each agency's latest results of each index (by the index's code, at most two: ``_latest``), in one pass
        over every result, built once: an agency page must not scan them all. Only these are kept: every (index,
        result) pair of a national site, kept for both languages, was 907,200 tuples (~70 MB of the build's
        peak). Made from the results alone (a results tuple is one index code's: they are grouped by the code each
        row names), so a serving process keeps it while they are the same objects (0.2 s of a national save that
        renamed an agency); ``latest_for_agency`` pairs each with this build's ``Index`` of that code."""
        return kept.by_identity("latest-by-agency", tuple(index.results for index in self.indices),
                                lambda: _latest_by_agency(self.indices))

    def themes(self) -> list[tuple[str, list[Indicator]]]:
        themes: dict[str, list[Indicator]] = {}
        for indicator in self.indicators:
            themes.setdefault(indicator.theme, []).append(indicator)
        return sorted(themes.items())


Latest = tuple[Observation | None, Observation | None]  # an agency's (known, later) results of an index


class AgencyLatest(NamedTuple):
    """What an agency's page shows of one index: its latest overall result that states a score or a rank
    (``known``), and a row of a later year that states neither (``later``: the latest such, the one with a group
    first, e.g. "honoured" with no score), were there one. DDCI 2024 named four agencies "honoured", with no
    score: shown alone as "the latest result", the row hid their 2022 scores (two of them ranked first)."""

    index: Index
    known: Observation | None
    later: Observation | None

    @property
    def rows(self) -> tuple[Observation, ...]:
        """The results to show, the latest first."""
        return tuple(o for o in (self.later, self.known) if o is not None)


def _latest_by_agency(indices: tuple[Index, ...]) -> dict[str, tuple[tuple[str, Latest], ...]]:
    latest: dict[str, dict[str, Latest]] = {}
    for index in indices:
        for o in index.results:
            if o.unit_type == "province" or o.component != TOTAL:  # a component's score is not the index's
                continue
            by_index = latest.setdefault(o.unit_code, {})
            by_index[index.code] = _latest(by_index.get(index.code, (None, None)), o)
    return {code: tuple(by_index.items()) for code, by_index in latest.items()}


def _latest(held: Latest, o: Observation) -> Latest:
    """``held`` with ``o`` taken into account, the rows in the results' order: the latest year's row with a score
    or a rank (the first of a year), and the latest row after it with neither (the first with a group)."""
    known, later = held
    if o.has_value:
        if known is None or o.year > known.year:
            known = o
    elif later is None or (o.year, bool(o.group)) > (later.year, bool(later.group)):
        later = o
    if later is not None and known is not None and later.year <= known.year:
        later = None
    return known, later


def load_indicators(datasets: Datasets) -> Indicators | None:
    package = datasets.by_role(INDICES_ROLE)
    if package is None or package.table("indices") is None or package.table("results") is None:
        return None
    results = kept.by_identity("index-results", (package.table("results"),),
                               lambda: _observations(package.table("results")))
    national = _national(package.table("national_summary"))
    averages = _averages(national)
    components = _components(package.table("components"))
    editions = _editions(package.table("releases"))
    indices = tuple(
        Index(str(r["index_code"]), Text.of(r, "name"), Text.of(r, "publisher"), Text.of(r, "description"),
              str(r.get("level") or ""), str(r.get("score_unit") or ""), r.get("higher_is_better") is not False,
              tuple(results.get(str(r["index_code"]), ())), tuple(averages.get(str(r["index_code"]), ())),
              tuple(components.get(str(r["index_code"]), ())), tuple(national.get(str(r["index_code"]), ())),
              editions.get(str(r["index_code"]), ()))
        for r in package.table("indices").records())
    extension = package.descriptor.get("x-minhbach", {})
    focus = str(extension.get("focus_unit") or "")
    focus_name = Text(str(extension.get("focus_name_vi") or "TP.HCM"), str(extension.get("focus_name_en") or "HCMC"))
    return Indicators(indices, _indicators(datasets), focus, focus_name, package.name)




def _conflicts(results: tuple[Observation, ...]) -> list[Conflict]:
    """Every unit, year and component with a row flagged ``conflicting``, with all its rows (the other side of a
    disagreement may be a row without the flag). A flagged row whose values differ from no other row's (An Giang
    2023: last place per three sources, while a fourth names two others as the bottom) was left out, and rows
    that stated different things (a score and a rank from one source, a group from the other) were shown as a
    score against a missing one: the notes say what their values cannot."""
    groups: dict[tuple[str, int, str], list[Observation]] = {}
    for o in results:
        groups.setdefault((o.unit_code, o.year, o.component), []).append(o)
    return [Conflict(tuple(rows), () if _values_differ(rows) else _notes(rows))
            for rows in groups.values() if any("conflicting" in o.flags for o in rows)]


def _values_differ(rows: list[Observation]) -> bool:
    """Whether two of the rows state one thing (a score, a rank or a group) with different values."""
    stated = (lambda o: o.score, lambda o: o.rank, lambda o: o.group or None)
    return any(len({value(o) for o in rows} - {None}) > 1 for value in stated)


def _notes(rows: list[Observation]) -> tuple[Text, ...]:
    """The flagged rows' notes, each once, in the rows' order."""
    return tuple(dict.fromkeys(o.note for o in rows if "conflicting" in o.flags and o.note))


# The columns of a result row a model reads (``Table.typed``), in the order ``_observation`` takes them.
_RESULT_COLUMNS = ("index_code", "year", "unit_type", "unit_code", "unit_name", "component", "score", "score_unit",
                   "rank", "rank_of", "group_vi", "group_en", "group", "value_qualifier", "flags", "source_id",
                   "note_vi", "note_en", "note")


def _observations(table: Table) -> dict[str, tuple[Observation, ...]]:
    """Every result row as an observation, by index (a serving process keeps them while the table is the same:
    a million rows at national scale, unchanged by most edits). Flags cells repeat: each distinct one is parsed
    once and its flags shared (equal cells have equal words: a number or a date is never a flag)."""
    results: dict[str, list[Observation]] = {}
    flags: dict[object, tuple[str, ...]] = {}
    for cells in table.typed(_RESULT_COLUMNS):
        flag_cell = cells[14]
        if flag_cell not in flags:
            flags[flag_cell] = parse_flags(flag_cell)
        results.setdefault(str(cells[0]), []).append(_observation(cells, flags[flag_cell]))
    return {code: tuple(observations) for code, observations in results.items()}


def _observation(cells: tuple, flags: tuple[str, ...]) -> Observation:
    """A result row's observation from its cells in ``_RESULT_COLUMNS`` order."""
    (index_code, year, unit_type, unit_code, unit_name, component, score, score_unit, rank, rank_of,
     group_vi, group_en, group, qualifier, _, source_id, note_vi, note_en, note) = cells
    return Observation(
        str(index_code), int(year), str(unit_type or ""), str(unit_code or ""), str(unit_name or ""),
        str(component or "total"), score, str(score_unit or ""), rank, rank_of, _group(group_vi, group_en, group),
        str(qualifier or ""), flags, str(source_id or ""),
        Text.of_cells(note_vi, note_en, note) if note_vi or note_en or note else NO_NOTE)


def _group(vi: object, en: object, single: object) -> Text:
    """``group_vi``/``group_en`` (a single ``group`` column, as the source wrote it, counts as both)."""
    if vi or en:
        return Text(str(vi or ""), str(en or ""))
    return Text(str(single), str(single)) if single else NO_NOTE


def _averages(national: dict[str, list[NationalFact]]) -> dict[str, list[Average]]:
    """Provincial averages of an index's score, the reference line for the focus unit's series, each in the unit
    its metric names: the national figures (``_national``, one reading of the table) whose English metric is an
    average score over the 63 provinces."""
    averages: dict[str, list[Average]] = {}
    for code, facts in national.items():
        for f in facts:
            if f.metric.en.startswith("Average score") and "63" in f.scope.en and f.value is not None:
                averages.setdefault(code, []).append(Average(f.year, f.value, f.scope, f.source_id, f.unit, f.flags))
    return averages


def _national(table) -> dict[str, list[NationalFact]]:  # noqa: ANN001
    """Every row of ``national_summary`` as a figure of its index: the index's page lists them all (only the
    averages were shown, as the chart's reference line: 9 and 29 provinces "from 80 points" in 2018, which two
    sources give, were in the downloads alone)."""
    facts: dict[str, list[NationalFact]] = {}
    for r in table.records() if table else []:
        metric = Text.of(r, "metric")
        facts.setdefault(str(r["index_code"]), []).append(NationalFact(
            int(r["year"]), Text.of(r, "scope"), metric, r.get("value"), str(r.get("source_id") or ""),
            _bracketed(metric.en) or _bracketed(metric.vi), parse_flags(r.get("flags")), Text.of(r, "note")))
    return facts


def _bracketed(metric: str) -> str:
    """The unit a metric ends with in brackets: "%" of "Average score (%)"; "" when it ends with none."""
    found = _BRACKETED.search(metric)
    return found.group(1).strip() if found else ""


_BRACKETED = re.compile(r"\(([^()]*)\)\s*$")


def _components(table) -> dict[str, list[Component]]:  # noqa: ANN001
    components: dict[str, list[Component]] = {}
    for r in table.records() if table else []:
        components.setdefault(str(r["index_code"]), []).append(Component(
            Text.of(r, "period"), str(r.get("component_no") or ""), Text.of(r, "name"),
            str(r.get("max_points") or ""), parse_flags(r.get("flags")), str(r.get("source_id") or ""),
            Text.of(r, "note")))
    return components


def _editions(table) -> dict[str, tuple[Edition, ...]]:  # noqa: ANN001
    """Each index's editions (``releases``), the first row of a data year, by year; none without the table."""
    editions: dict[str, dict[int, Edition]] = {}
    for r in table.records() if table else []:
        year = r.get("data_year")
        if not isinstance(year, int) or isinstance(year, bool):
            continue  # a row with no data year (the schema may allow one) names no edition
        by_year = editions.setdefault(str(r.get("index_code") or ""), {})
        by_year.setdefault(year, Edition(year, _day(r.get("release_date")), str(r.get("source_id") or "")))
    return {code: tuple(by_year[year] for year in sorted(by_year)) for code, by_year in editions.items()}


def _day(value: object) -> date | None:
    return value if isinstance(value, date) else None


def _indicators(datasets: Datasets) -> tuple[Indicator, ...]:
    """The city's own indicators with their observations; a serving process keeps them while both tables are
    the same objects (core/kept.py): a save that renamed an agency read them again (0.3 s under py-spy)."""
    package = datasets.by_role(INDICATORS_ROLE)
    if package is None or package.table("indicators") is None:
        return ()
    tables = (package.table("indicators"), package.table("observations"))
    return kept.by_identity("own-indicators", tables, lambda: _read_indicators(*tables))


def _read_indicators(indicators: Table, rows: Table | None) -> tuple[Indicator, ...]:
    observations: dict[str, list[IndicatorObservation]] = {}
    for r in rows.records() if rows else []:
        start = r.get("period_start")
        observations.setdefault(str(r["indicator_code"]), []).append(IndicatorObservation(
            str(r["indicator_code"]), Text.of(r, "period"), Text.of(r, "scope"), str(r.get("agency_code") or ""),
            r.get("value"), r.get("value_max"), str(r.get("value_qualifier") or ""), Text.of(r, "value_text"),
            Text.of(r, "unit"), str(r.get("kind") or ""), parse_flags(r.get("flags")), str(r.get("source_id") or ""),
            Text.of(r, "note"), getattr(start, "year", None), _day(start), _day(r.get("period_end"))))
    return tuple(
        Indicator(str(r["indicator_code"]), Text.of(r, "name"), Text.of(r, "unit"),
                  r.get("higher_is_better") is not False, str(r.get("theme") or ""), Text.of(r, "description"),
                  tuple(observations.get(str(r["indicator_code"]), ())))
        for r in indicators.records())
