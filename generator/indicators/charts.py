"""Chart specs for index and indicator pages. Each chart is built from claims (``generator.core.claims``): the
points, the bar labels, the CSV rows and the one-sentence summary all come from the same ``Value``s, so a
bound stays a bound, a ranking says how much of it is known and who ties, and a gap is named, not jumped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from decimal import Decimal
from typing import TypeVar

from generator.core.charts.spec import Bar, Chart, Panel, Point, Series, ValueAxis, segments, value_axis
from generator.core.checks.crossrefs import split_values
from generator.core.claims import RANGE, Entry, Ranking, Unit, Value, missing_periods, plain
from generator.core.locale import Locale
from generator.core.text import Text
from generator.indicators.model import Average, Index, Indicator, IndicatorObservation, NoResult, Observation
from generator.urls import bars_stem, indicator_stem, series_stem

MIN_BARS = 3
MAX_BARS = 30  # beyond this a ranking shows its top and bottom and the focus unit; the CSV holds them all
# Four colours cycle in a line chart; past a handful of lines nobody can tell them apart (and a national
# indicator with 63 scopes took 5 s a chart to draw). The CSV and the page's table keep every series.
MAX_SERIES = 6
# The quality flags a point is drawn hollow for and a bar hatched for: a value the source did not state as such
# (derived), a judgement (inferred), one another source contradicts (conflicting), or one taken from a secondary
# compilation. "approximate" is not among them: its qualifier ("~", ">") is drawn and labelled already.
FLAGGED = ("derived", "inferred", "conflicting", "secondary")
# The source tiers (the sources table's ``tier``, directory/rules.TIERS), most trusted first: of two rows that
# give one unit's value in one year, a chart draws the one from the higher tier (``preferred``).
TIERS = ("official", "press", "aggregator", "secondary_dataset", "mirror")
MAX_DISAGREEMENTS = 3  # disagreements a chart's note names; the others it counts
MAX_LABELLED_RANKS = 5  # bars labelled with their rank that a chart's note names; the others it counts

UnitName = Callable[[Observation], str]  # the name of a ranked unit in the page's language
Row = TypeVar("Row", Observation, IndicatorObservation)  # a row of results or of an indicator's observations
SourceTier = Callable[[str], str]  # the tier of a row's source cell (its best when it names several); "" unknown


def _flagged(flags: tuple[str, ...]) -> bool:
    return any(f in flags for f in FLAGGED)


def _legend(locale: Locale, name: Text | None = None, flags: set[str] | frozenset[str] = frozenset()
            ) -> tuple[tuple[str, str], ...]:
    """The legend's words for each role a drawing may use. The hollow points (role "derived") and hatched bars
    ("flagged") are named by the flags the chart's marked values carry: "Suy đoán" when they are inferred, not
    "Tính ra" (a derived rank and an inferred one were drawn alike, and only the derived hollow)."""
    roles = {role: locale.t(f"chart.legend.{role}") for role in ("stated", "derived", "flagged", "bound")}
    marked = [flag for flag in FLAGGED if flag in flags]
    if marked and marked != ["derived"]:
        words = locale.names([locale.t(f"chart.legend.flag.{flag}") for flag in marked], style="or")
        roles["derived"] = roles["flagged"] = words[:1].upper() + words[1:]
    return tuple(roles.items()) + ((("highlight", name.get(locale.code)),) if name else ())


def _marked_flags(values: list[Value]) -> set[str]:
    return {flag for value in values for flag in value.flags if flag in FLAGGED}


def _caveats(locale: Locale, lines: list[tuple[str, dict[int, Value]]]) -> str:
    """A sentence naming each value drawn hollow and why ("Giá trị có lưu ý (vẽ rỗng): 2015 (suy đoán)."), the
    line's name first when there are several lines: the drawing's hollow point said it, the alt text did not."""
    named = len(lines) > 1
    entries = [(f"{label} {year}" if named else str(year)) + " (" + locale.names(
                   [locale.t(f"chart.legend.flag.{flag}") for flag in FLAGGED if flag in value.flags]) + ")"
               for label, values in lines for year, value in sorted(values.items()) if _flagged(value.flags)]
    return " " + locale.t("chart.caveats", points="; ".join(entries)) if entries else ""


def tier_rank(tier: str) -> int:
    """A tier's place in TIERS (0 the most trusted); after them all when it is not known."""
    return TIERS.index(tier) if tier in TIERS else len(TIERS)


def preferred(rows: list[Row], tier: SourceTier | None) -> Row:
    """The row a chart draws of several that give one unit's value in one year: the one whose source is of the
    highest tier (official, press, aggregator, secondary dataset, mirror; a row that cites several sources counts
    by its best), then the one citing more sources, then the one whose ``source_id`` comes first (an arbitrary
    rule, but the same in every build). The source ids' order alone decided: Hải Phòng 2023 was drawn at the
    press's 91.81 beside the official 91.87. The chart's note names the others (``_disagreement_note``)."""
    if len(rows) == 1:
        return rows[0]
    return min(rows, key=lambda o: (tier_rank(tier(o.source_id)) if tier else 0, -len(split_values(o.source_id)),
                                    o.source_id))


def _per_year(observations: list[Observation], value: Callable[[Observation], object]
              ) -> dict[int, list[Observation]]:
    """The observations where ``value`` is known, by year."""
    years: dict[int, list[Observation]] = {}
    for o in observations:
        if value(o) is not None:
            years.setdefault(o.year, []).append(o)
    return years


def first_per_year(observations: list[Observation], value: Callable[[Observation], object],
                    tier: SourceTier | None = None) -> dict[int, Observation]:
    """One observation a year among those where ``value`` is known: the ``preferred`` one (the headline's)."""
    return {year: preferred(rows, tier) for year, rows in _per_year(observations, value).items()}


def _same(one: Value, other: Value) -> bool:
    return (one.number, one.qualifier, one.upper, one.unit) == (other.number, other.qualifier, other.upper, other.unit)


def _disagreement_note(locale: Locale, found: list[tuple[str, Row, list[Row]]], value: Callable[[Row], Value],
                       tier: SourceTier | None, more: str = "chart.disagree_more") -> str:
    """What the chart draws where its sources disagree, and what the others give, each with its source's tier:
    "Các nguồn không thống nhất về Hải Phòng: biểu đồ vẽ 91,87% (nguồn chính thức), nguồn khác ghi 91,81% (nguồn
    báo chí)." ``found``: (what is disagreed on, the row drawn, the rows beside it). Rows giving the value drawn
    are no disagreement. At most MAX_DISAGREEMENTS are named, the others counted."""
    def words(o: Row) -> str:
        said = locale.value(replace(value(o), flags=()), words=True)
        source_tier = tier(o.source_id) if tier else ""
        return f"{said} ({locale.t('chart.tier', tier=locale.t('common.tier.' + source_tier))})" \
            if source_tier in TIERS else said

    disagreements = [(what, drawn, others) for what, drawn, rows in found
                     if (others := [o for o in rows if o is not drawn and not _same(value(o), value(drawn))])]
    sentences = [locale.plural("chart.disagree", len(others), what=what, drawn=words(drawn),
                               others=locale.names([words(o) for o in others]))
                 for what, drawn, others in disagreements[:MAX_DISAGREEMENTS]]
    if len(disagreements) > MAX_DISAGREEMENTS:
        sentences.append(locale.plural(more, len(disagreements) - MAX_DISAGREEMENTS))
    return " ".join(sentences)


def _with_note(text: str, note: str) -> str:
    return f"{text} {note}" if note else text


def _point(year: int, value: Value, locale: Locale) -> Point:
    """A value as a point: hollow when it carries a FLAGGED flag (``Point.derived`` is what draw.py draws
    hollow, under the legend's "derived" role, which ``_legend`` names by the flags)."""
    return Point(year, float(value.number), _flagged(value.flags), locale.number_label(value),
                 value.qualifier if value.bound else "")


def csv_cells(value: Value) -> tuple[str, str]:
    """A value in a CSV row: its number as the source states it and its qualifier (empty when exact)."""
    return ("" if value.number is None else plain(value.number), value.qualifier)


def _gaps(locale: Locale, years: list[int], key: str, later: list[int] | tuple[int, ...] = ()) -> str:
    """The sentence naming the years of a series with no value: between its first and last value, and after the
    last up to the last of ``later`` (years whose rows state no such value)."""
    missing = missing_periods(years) + tuple(range(max(years) + 1, max(later, default=0) + 1))
    return " " + locale.t(key, years=locale.periods(missing)) if missing else ""


def no_results(index: Index, unit: str, after: int, tier: SourceTier | None, known: Iterable[int] = ()
               ) -> dict[int, NoResult]:
    """The unit's years after ``after`` without a value (not in ``known``): its rows of those years (the
    ``preferred`` row of each), and the editions (``releases``) it has no row of. HCMC's PAR Index row of 2024 has
    no score and no rank: the charts' "no rank for …" stopped at 2023, the last year with one, and a reader took
    2023 for the latest edition. PAPI 2024 was released and has no HCMC row at all: it is a year without a result
    all the same, not a year the charts and the headline are silent on."""
    skip = set(known)
    years: dict[int, list[Observation]] = {}
    for o in index.for_unit(unit):
        if o.year > after and o.year not in skip:
            years.setdefault(o.year, []).append(o)
    found = {year: NoResult(year, row=preferred(rows, tier)) for year, rows in years.items()}
    found.update({e.year: NoResult(e.year, edition=e) for e in index.editions_without(unit) if e.year > after})
    return dict(sorted(found.items()))


def _empty_years(index: Index, unit: str, known: dict[int, Observation], tier: SourceTier | None
                 ) -> dict[int, NoResult]:
    """The years after the unit's first known value of the series (``known``) without one (``no_results``)."""
    return no_results(index, unit, min(known), tier, known)


def _year_disagreements(locale: Locale, rows: dict[int, list[Observation]], chosen: dict[int, Observation],
                        value: Callable[[Observation], Value], tier: SourceTier | None, what: str = "") -> str:
    """The note of a series whose sources disagree in some years (``_disagreement_note``)."""
    found = [(f"{what} {locale.t('chart.disagree_year', year=year)}".strip(), chosen[year], rows[year])
             for year in sorted(rows) if len(rows[year]) > 1]
    return _disagreement_note(locale, found, value, tier)


def rank_chart(index: Index, unit: str, name: Text, locale: Locale, tier: SourceTier | None = None
               ) -> Chart | None:
    """The unit's rank by year, axis reversed so that up is better; flagged ranks drawn hollow. Of two sources
    of one year, the ``preferred`` one is drawn and the note names the other."""
    rows = _per_year(index.for_unit(unit), lambda o: o.rank)
    by_year = {year: preferred(found, tier) for year, found in rows.items()}
    if len(by_year) < 2:
        return None
    values = {year: o.rank_value() for year, o in sorted(by_year.items())}
    empty = _empty_years(index, unit, by_year, tier)
    ranking = Ranking(tuple(Entry(str(year), value) for year, value in values.items()))
    worst = ranking.highest()  # the largest rank number is the lowest place
    series = _by_scale(name.get(locale.code), values, locale)
    first, last = min(values), max(values)
    # the lowest place is named only among ranks out of the same number: 20/63 is not below 6/10
    summary = locale.t(
        "chart.rank.summary" if len(series) == 1 else "chart.rank.summary_totals", unit=name.get(locale.code),
        index=index.name.get(locale.code), first=locale.value(values[first], words=True), first_year=first,
        last=locale.value(values[last], words=True), last_year=last,
        coverage=locale.coverage(ranking, "coverage.years_rank"), worst=locale.value(worst[0].value, words=True),
        worst_years=locale.names([e.name for e in worst]), n=locale.number(ranking.known),
    ) + _gaps(locale, list(values), "chart.gap.rank", list(empty))
    if len(series) > 1:
        summary += " " + locale.t("chart.rank.totals")
    summary += _caveats(locale, [(name.get(locale.code), values)])
    note = _year_disagreements(locale, rows, by_year, Observation.rank_value, tier)
    return Chart(
        kind="line", slug=f"{series_stem(index.code, unit, 'rank')}-{locale.code}",
        title=locale.t("chart.rank.title", unit=name.get(locale.code), index=index.name.get(locale.code)),
        alt=_with_note(locale.t("chart.rank.alt", summary=summary), note), summary=summary,
        csv_header=("year", "rank", "rank_of", "flags", "source_id"),
        csv_rows=tuple(_rank_cells(y, by_year.get(y), empty.get(y)) for y in sorted({*by_year, *empty})),
        x_label=locale.t("chart.axis.year"), y_label=locale.t("chart.axis.rank"),
        series=tuple(series), x_range=index.years, invert_y=True, note=note,
        legend=_legend(locale, flags=_marked_flags(list(values.values()))), lang=locale.code)


def score_chart(index: Index, unit: str, name: Text, locale: Locale, tier: SourceTier | None = None
                ) -> Chart | None:
    """The unit's score by year beside the provincial average where one is published in the chart's unit. An
    average in another unit (PAR's 2018 and 2019 are in points, the chart in %) is not drawn: the note says which
    years and why, and the chart's CSV keeps every average with its unit. When the unit's own scores are on
    several scales the chart has no one unit, and no average is drawn."""
    rows = _per_year(index.for_unit(unit), lambda o: o.score)
    by_year = {year: preferred(found, tier) for year, found in rows.items()}
    if len(by_year) < 2:
        return None
    values = {year: o.score_value(index.score_unit) for year, o in sorted(by_year.items())}
    score_unit = Unit.of_score(index.score_unit)
    series = _by_scale(name.get(locale.code), values, locale)
    scales = len(series)
    if scales == 1:
        drawn, apart = index.averages_in(next(iter(values.values())).unit)
    else:
        drawn, apart = [], list(index.averages)
    averages = {a.year: a.claim(index.score_unit) for a in drawn}
    first, last = min(values), max(values)
    summary = locale.t("chart.score.summary", unit=name.get(locale.code), value=locale.value(values[last], words=True),
                       year=last, first_value=locale.value(values[first], words=True), first_year=first)
    if last in averages:
        summary += " " + locale.t("chart.score.summary_average", value=locale.value(averages[last], words=True))
    empty = _empty_years(index, unit, by_year, tier)
    summary += _gaps(locale, list(values), "chart.gap.score", list(empty))
    if scales > 1:
        summary += " " + locale.t("chart.score.scales")
    if averages:
        series.append(Series(locale.t("chart.score.average"), tuple(
            _point(y, v, locale) for y, v in sorted(averages.items())), reference=True))
    axis = value_axis([p.y for line in series for p in line.points],
                      _scale_top(next(iter(values.values())).unit) if scales == 1 else None)
    if axis and not axis.from_zero:  # a reader takes the bottom of a chart for 0 unless told
        summary += " " + locale.t("chart.score.axis_cut", low=_tick(axis.low, locale), high=_tick(axis.high, locale))
    summary += _caveats(locale, [(name.get(locale.code), values)])
    note = " ".join(part for part in (
        _averages_apart(locale, apart, index.score_unit, scales > 1),
        _year_disagreements(locale, rows, by_year, lambda o: o.score_value(index.score_unit), tier)) if part)
    alt_key = "chart.score.alt"
    if averages:  # the average is drawn: a dashed line where years follow each other, else grey dots
        lines = any(len(run) > 1 for run in segments(series[-1].points))
        alt_key = "chart.score.alt_average_line" if lines else "chart.score.alt_average_points"
    every = [*drawn, *apart]
    years = sorted(set(values) | {a.year for a in every} | set(empty))  # a year without a score stays a row
    # an empty year's row keeps the source that gave no score, as the rank chart's CSV does
    cells = [(str(y), *_score_cells(by_year.get(y), empty.get(y), values.get(y, Value(None)), index.score_unit),
              *average_cells)
             for y in years for average_cells in _average_cells([a for a in every if a.year == y], index.score_unit)]
    return Chart(
        kind="line", slug=f"{series_stem(index.code, unit, 'score')}-{locale.code}",
        title=locale.t("chart.score.title", unit=name.get(locale.code), index=index.name.get(locale.code)),
        alt=_with_note(locale.t(alt_key, summary=summary), note), summary=summary,
        csv_header=("year", "score", "score_qualifier", "score_unit", "flags", "source_id",
                    "average", "average_qualifier", "average_unit", "average_flags", "average_source_id"),
        csv_rows=tuple(cells), x_label=locale.t("chart.axis.year"),
        y_label=_axis_unit(score_unit, locale) if scales == 1 else locale.t("common.score"),
        series=tuple(series), x_range=(min(years), max(years)), note=note, y_axis=axis,
        legend=_legend(locale, flags=_marked_flags([*values.values(), *averages.values()])), lang=locale.code)


def _rank_cells(year: int, drawn: Observation | None, missing: NoResult | None) -> tuple[str, ...]:
    """A year of the rank chart's CSV. A year without a rank is a row with an empty rank and the source that gave
    none: its row's (with what the row states: the number ranked, its flags), or the edition's, whose source says
    it was released (docs/tai-ve.md)."""
    if drawn is not None:
        return (str(year), str(drawn.rank), str(drawn.rank_of or ""), " ".join(drawn.flags), drawn.source_id)
    row = missing.row if missing is not None else None
    if row is not None:
        return (str(year), "", str(row.rank_of or ""), " ".join(row.flags), row.source_id)
    return (str(year), "", "", "", missing.source_id if missing is not None else "")


def _score_cells(drawn: Observation | None, missing: NoResult | None, value: Value, index_unit: str
                 ) -> tuple[str, ...]:
    """The unit's score of a year in the score chart's CSV (empty cells in a year with an average and no score):
    its number, qualifier and unit, its flags and its source, as the rank chart's CSV gives a rank's. Without the
    last two a derived or disputed score lost its caveat in the CSV, and the chart's embed page cited nothing. A
    year without a score (``missing``) keeps only the source that gave none, the row's or the edition's, not the
    flags of what the row does give (2020's "derived" is its rank's: new8a)."""
    if drawn is not None:
        return (*csv_cells(value), drawn.score_unit or index_unit, " ".join(drawn.flags), drawn.source_id)
    return ("", "", "", "", missing.source_id if missing is not None else "")


def _average_cells(averages: list[Average], index_unit: str) -> list[tuple[str, ...]]:
    """A year's averages in the score chart's CSV, each with the unit its source gives it in (the index's when it
    names none), its flags and its source: one row each, and one row of empty cells when the year has none."""
    return [(*csv_cells(a.claim(index_unit)), a.unit or index_unit, " ".join(a.flags), a.source_id)
            for a in averages] or [("", "", "", "", "")]


def _averages_apart(locale: Locale, apart: list[Average], index_unit: str, scales: bool) -> str:
    """The sentence that says which averages the chart does not draw and why: in another unit than the chart's
    ("Không vẽ trung bình năm 2018 và 2019: nguồn nêu bằng điểm, ..."), one sentence a unit; or every one, when
    the unit's scores are on several scales and the chart has no one unit."""
    if not apart:
        return ""
    if scales:
        return locale.t("chart.score.average_apart_scales",
                        years=locale.names([str(y) for y in sorted({a.year for a in apart})]))
    units: dict[str, list[Average]] = {}
    for average in apart:
        units.setdefault(average.unit or index_unit, []).append(average)
    return " ".join(locale.t("chart.score.average_apart", years=locale.names([str(y) for y in sorted(
        {a.year for a in found})]), unit=_unit_words(found[0].claim(index_unit).unit, locale))
        for found in units.values())


def _by_scale(name: str, values: dict[int, Value], locale: Locale) -> list[Series]:
    """The unit's line, or one line for each scale when its values are on several that are not ``comparable``
    (a percentage some years, points others): a line joining them would draw a change that means nothing."""
    scales: list[Unit] = []
    for value in values.values():
        if not any(value.unit.comparable(seen) for seen in scales):
            scales.append(value.unit)
    if len(scales) == 1:
        return [Series(name, tuple(_point(y, v, locale) for y, v in values.items()))]
    return [Series(f"{name} ({_unit_words(unit, locale)})", tuple(
        _point(y, v, locale) for y, v in values.items() if v.unit.comparable(unit))) for unit in scales]


def _unit_words(unit: Unit, locale: Locale) -> str:
    """A scale as a line's label names it: "%", "/80", "điểm", "trong 63"."""
    if unit.kind == "percent":
        return "%"
    if unit.kind == "scale":
        return "/" + locale.number(Decimal(unit.scale_max))
    if unit.kind == "points":
        return locale.t("unit.points", value="").strip()
    if unit.kind == "rank":
        return locale.t("chart.rank.of", total=locale.number(Decimal(unit.scale_max))) if unit.scale_max \
            else locale.t("chart.rank.of_unknown")
    return unit.label.get(locale.code) if unit.label else locale.t("common.score").lower()


def _tick(value: float, locale: Locale) -> str:
    """A tick's value as the axis writes it: 36, not 36,0."""
    return locale.number(Decimal(format(Decimal(repr(value)).normalize(), "f")))


def _scale_top(unit: Unit) -> float | None:
    """The top of a score's scale (100 for a percentage, 80 for "/80"); None when the data states none."""
    if unit.kind == "percent":
        return 100.0
    return float(unit.scale_max) if unit.kind == "scale" and unit.scale_max else None


def _axis_unit(unit: Unit, locale: Locale) -> str:
    """The y axis label of a score: what its numbers are (%, points out of 80...)."""
    if unit.kind == "scale":
        return locale.t("chart.axis.scale", max=locale.number(Decimal(unit.scale_max)))  # 17,5 in Vietnamese
    return locale.t(f"chart.axis.{unit.kind}") if unit.kind in ("percent", "points") else locale.t("common.score")


def ranking_bars(index: Index, unit: str, name: Text, locale: Locale, unit_type: str = "province",
                 unit_name: UnitName | None = None, tier: SourceTier | None = None) -> Chart | None:
    """Scores of the units known in the latest year with enough of them; the focus unit highlighted. The
    summary says how many are known of how many were ranked, names every unit that ties at either end, and
    keeps a bound a bound ("below 50"). A unit two sources score differently is drawn at the ``preferred``
    one's score, and the note names it and both values."""
    label = unit_name or (lambda o: o.unit_name)
    found = index.remembered(("scored", unit_type), lambda: _scored(index, unit_type))
    if found is None:
        return None
    year, groups, ranked, at_least = found
    picks = tuple(preferred(list(rows), tier) for rows in groups)
    # what the order and the ends depend on beyond the results: which row was drawn of each unit with several
    choice = tuple(o.source_id for rows, o in zip(groups, picks, strict=True) if len(rows) > 1)
    question = (unit_type, index.score_unit, index.higher_is_better, choice)
    known, values, top, bottom = index.remembered(("ranked", *question), lambda: _ranked(index, picks))
    names = [label(o) for o in known]  # each looked up once (an agency's is noted as its page's input)
    drawn = _top_bottom_and(known, unit)
    ranking = Ranking(tuple(Entry(called, value, o.unit_code) for o, called, value in zip(known, names, values,
                                                                                          strict=True)),
                      ranked or None, at_least)
    ranks = _ranks_apart(known, drawn, ranking.partial, index.higher_is_better)
    bars = tuple(Bar(names[i], float(known[i].score), known[i].unit_code == unit, _flagged(known[i].flags),
                     _bar_text(locale, values[i], ranks.get(i)), known[i].qualifier if values[i].bound else "")
                 for i in drawn)
    note = locale.t("chart.bars.partial_at_least" if at_least else "chart.bars.partial",
                    shown=locale.number(len(known)), total=locale.number(ranked)) if ranking.partial else ""
    if ranks:  # the alt text says what the labels show
        note = (note + " " if note else "") + _ranks_note(locale, ranks, names, [o.unit_code for o in known], unit)
    if len(drawn) < len(known):
        note = (note + " " if note else "") + locale.t("chart.bars.trimmed", drawn=len(drawn), shown=len(known),
                                                         focus=name.get(locale.code))
    note = " ".join(part for part in (note, _disagreement_note(
        locale, [(label(o), o, list(rows)) for rows, o in zip(groups, picks, strict=True) if len(rows) > 1],
        lambda o: o.score_value(index.score_unit), tier)) if part)
    summary = locale.t("chart.bars.summary", year=year, coverage=locale.coverage(ranking, "coverage.units"),
                       top=locale.leaders(ranking, ranking.picked(top)),
                       bottom=locale.leaders(ranking, ranking.picked(bottom)))
    return Chart(
        kind="bars", slug=f"{bars_stem(index.code, unit_type, year)}-{locale.code}",
        title=locale.t(f"chart.bars.title_{unit_type}", index=index.name.get(locale.code), year=year),
        alt=_with_note(locale.t("chart.bars.alt", summary=summary), note), summary=summary,
        csv_header=("unit_code", "unit_name", "score", "score_qualifier", "rank", "rank_of", "flags", "source_id"),
        csv_rows=tuple((o.unit_code, called, *csv_cells(value), str(o.rank or ""), str(o.rank_of or ""),
                        " ".join(o.flags), o.source_id) for o, called, value in zip(known, names, values, strict=True)),
        y_label=_axis_unit(Unit.of_score(index.score_unit), locale), bars=bars, note=note,
        legend=_legend(locale, name, _marked_flags([values[i] for i in drawn])), lang=locale.code)


def _ranks_apart(known: tuple[Observation, ...], drawn: list[int], partial: bool, higher_is_better: bool
                 ) -> dict[int, int]:
    """The stated ranks of the drawn bars that sit above where their rank places them, by position in ``known``,
    when the known units are a part of the ranking: PCI 2024's ten best and HCMC, 29th, drawn as the eleventh bar
    read as 11th. A rank that matches the bar's place (the first five) or is above it (a tie) needs no label."""
    if not partial:
        return {}
    places = {i: (n + 1 if higher_is_better else len(drawn) - n) for n, i in enumerate(drawn)}
    return {i: known[i].rank for i, place in places.items() if known[i].rank is not None and known[i].rank > place}


def _ranks_note(locale: Locale, ranks: dict[int, int], names: list[str], codes: list[str], unit: str) -> str:
    """The sentence that says which bars carry their rank: the focus unit first, then at most MAX_LABELLED_RANKS
    others by name, the rest counted (a trimmed ranking's bottom half all carry one)."""
    order = sorted(ranks, key=lambda i: (codes[i] != unit, i))
    named = [locale.t("chart.bars.unit_rank", name=names[i], rank=locale.number(ranks[i]))
             for i in order[:MAX_LABELLED_RANKS]]
    if len(order) > MAX_LABELLED_RANKS:
        named.append(locale.plural("chart.bars.ranks_more", len(order) - MAX_LABELLED_RANKS))
    return locale.t("chart.bars.ranks_apart", units=locale.names(named))


def _bar_text(locale: Locale, value: Value, rank: int | None) -> str:
    """A bar's label: its value, and its rank when the bar's place would say another ("67,89 · hạng 29")."""
    said = locale.number_label(value)
    return locale.t("chart.bars.value_rank", value=said, rank=locale.number(rank)) if rank is not None else said


def _scored(index: Index, unit_type: str) -> tuple[int, tuple[tuple[Observation, ...], ...], int, bool] | None:
    """What a ranking of ``unit_type`` is drawn from, in every language and whatever the sources' tiers: the
    latest year with at least MIN_BARS units scored, each unit's scored rows (in the table's order), how many
    units were ranked and whether that is only a least number; None when no year has enough."""
    for year in index.scored_years(unit_type):
        rows = index.totals_in(year, unit_type)
        units: dict[str, list[Observation]] = {}
        for o in rows:
            if o.score is not None:
                units.setdefault(o.unit_code or o.unit_name, []).append(o)
        if len(units) >= MIN_BARS:
            break
    else:
        return None
    stated, at_least = _how_many_ranked(rows)
    return year, tuple(tuple(found) for found in units.values()), max(stated, at_least), at_least > stated


def _ranked(index: Index, picks: tuple[Observation, ...]
            ) -> tuple[tuple[Observation, ...], tuple[Value, ...], tuple[int, ...], tuple[int, ...]]:
    """The units' rows drawn (the best first), their values and the positions of the highest and the lowest
    (``_ends``): the same in every language, found once (``Index.remembered``)."""
    known = sorted(picks, key=lambda o: (-o.score, o.unit_name))
    values = tuple(o.score_value(index.score_unit) for o in known)
    ranking = Ranking(tuple(Entry(o.unit_code, value) for o, value in zip(known, values, strict=True)))
    return (tuple(known), values, _ends(ranking, known, highest=True, higher_is_better=index.higher_is_better),
            _ends(ranking, known, highest=False, higher_is_better=index.higher_is_better))


def _ends(ranking: Ranking, known: list[Observation], highest: bool, higher_is_better: bool) -> tuple[int, ...]:
    """The positions of the entries at one end of the ranking: those its values leave there (``Ranking.ends``),
    less those the source's own ranks place behind another unit of that year. A bound leaves the order open
    (">84,70" may be the highest by its value), but where the rank is known it decides: HCMC's ">84,70" ranked
    33rd of 63 is not the highest beside Quảng Ninh's first place. Ranks out of different numbers ranked are not
    compared; when the ranks would leave no one (sources that contradict each other), the values decide alone."""
    ends = ranking.ends(highest=highest)
    ranked = [o for o in known if o.rank is not None]
    if not ranked or len({o.rank_of for o in ranked if o.rank_of}) > 1:
        return ends
    first_place = highest == higher_is_better  # rank 1 holds the highest score when higher is better
    best = (min if first_place else max)(o.rank for o in ranked)
    kept = tuple(i for i in ends if known[i].rank is None or known[i].rank == best)
    return kept or ends


def _how_many_ranked(rows: list[Observation]) -> tuple[int, int]:
    """How many units a year's ranking had: as the source states it (``rank_of``, 0 when none does), and at
    least (its largest place, and every unit it places by a rank, a group or a score, scored or not): a list of
    the ten best scores beside a 29th place, or three "lowest" named without a score, is not the whole ranking."""
    stated = max((o.rank_of or 0 for o in rows), default=0)
    named = {o.unit_code or o.unit_name for o in rows if o.score is not None or o.rank is not None or o.group}
    return stated, max([len(named), *(o.rank or 0 for o in rows)])


def _top_bottom_and(ranked: tuple[Observation, ...], unit: str) -> list[int]:
    """The positions of at most MAX_BARS bars: the top and bottom halves of the budget, and the focus unit
    wherever it is."""
    if len(ranked) <= MAX_BARS:
        return list(range(len(ranked)))
    half = MAX_BARS // 2
    return [i for i, o in enumerate(ranked) if i < half or i >= len(ranked) - half or o.unit_code == unit]


def component_multiples(index: Index, unit: str, name: Text, locale: Locale, tier: SourceTier | None = None
                        ) -> Chart | None:
    """One small panel per component of the index for the focus unit (at least two components)."""
    components = index.components_of(unit)
    if len(components) < 2:
        return None
    panels, rows, lines, notes = [], [], [], []
    for component in components:
        title = index.component_name(component).get(locale.code)
        found = _per_year(index.for_unit(unit, component), lambda o: o.score)
        by_year = {year: preferred(candidates, tier) for year, candidates in found.items()}
        values = {y: o.score_value(index.score_unit) for y, o in sorted(by_year.items())}
        panels.append(Panel(title, (Series(title, tuple(_point(y, v, locale) for y, v in values.items())),)))
        rows += [(title, str(y), *csv_cells(v), by_year[y].source_id) for y, v in values.items()]
        lines.append((title, values))
        notes.append(_year_disagreements(locale, found, by_year, lambda o: o.score_value(index.score_unit), tier,
                                         what=title))
    years = sorted({int(r[1]) for r in rows})
    # "các năm 2023" is wrong with one year; CLDR gives Vietnamese a single plural form, so plural() cannot tell
    one_year = len(years) == 1
    summary = locale.t("chart.multiples.summary_one_year" if one_year else "chart.multiples.summary",
                       unit=name.get(locale.code), count=len(components), years=locale.names([str(y) for y in years]))
    axis = _shared_axis(panels, [v for _, values in lines for v in values.values()])
    if axis and not axis.from_zero:  # as a score chart's: a reader takes the bottom of each panel for 0
        summary += " " + locale.t("chart.multiples.axis_cut", low=_tick(axis.low, locale),
                                  high=_tick(axis.high, locale))
    summary += _caveats(locale, lines)
    note = " ".join(found for found in notes if found)
    return Chart(
        kind="multiples", slug=f"{series_stem(index.code, unit, 'components')}-{locale.code}",
        title=locale.t("chart.multiples.title", unit=name.get(locale.code), index=index.name.get(locale.code)),
        alt=_with_note(locale.t("chart.multiples.alt", summary=summary), note), summary=summary,
        csv_header=("component", "year", "score", "score_qualifier", "source_id"), csv_rows=tuple(rows),
        panels=tuple(panels), x_range=(years[0], years[-1]), note=note, y_axis=axis,
        legend=_legend(locale, flags=_marked_flags([v for _, values in lines for v in values.values()])),
        lang=locale.code)


def _shared_axis(panels: list[Panel], values: list[Value]) -> ValueAxis | None:
    """One value axis for every component panel when their scores are on one scale, by ``value_axis``'s rule.
    Fitted panel by panel, PGI's 4.43, 6.37 and 7.49 (of one scale) each sat mid-height on an axis of its own, so
    the panels, made to be compared, looked alike. Scores on several scales share no axis (each panel fits its
    own, as before)."""
    units = {value.unit for value in values}
    if len(units) != 1:
        return None
    return value_axis([p.y for panel in panels for series in panel.series for p in series.points],
                      _scale_top(next(iter(units))))


def indicator_chart(indicator: Indicator, locale: Locale, tier: SourceTier | None = None) -> Chart | None:
    """An indicator's yearly values in one scope and kind, when at least two years are known; at most
    MAX_SERIES lines (the scopes with the most years), with a note when some are left to the CSV. A range
    has no single point to draw: it stays in the table. Of two rows of one scope, kind and year, the
    ``preferred`` one is drawn (the higher source tier first, as the index charts choose) and the note names the
    others: the first in the file was drawn, whatever its source."""
    unit = Unit.of_label(indicator.unit)

    def claim(o: IndicatorObservation) -> Value:
        return o.claim if o.unit else Value.of(o.value, unit, o.qualifier, flags=o.flags)

    rows: dict[tuple[str, str], dict[int, list[IndicatorObservation]]] = {}
    for o in indicator.observations:
        if o.value is not None and o.year is not None and o.qualifier != RANGE:
            rows.setdefault((o.scope.get(locale.code), o.kind), {}).setdefault(o.year, []).append(o)
    chosen = {key: {year: preferred(found, tier) for year, found in years.items()} for key, years in rows.items()}
    series = {key: {year: claim(o) for year, o in years.items()} for key, years in chosen.items()}
    usable = {key: values for key, values in series.items() if len(values) >= 2}
    if not usable:
        return None
    every = tuple((Series(_series_label(key, locale),
                          tuple(_point(y, v, locale) for y, v in sorted(values.items())), reference=key[1] == "target"),
                   values) for key, values in sorted(usable.items()))
    drawn = _most_years(every)
    trimmed = locale.t("chart.indicator.trimmed", drawn=len(drawn), total=len(every)) \
        if len(drawn) < len(every) else ""
    found = [(f"{_series_label(key, locale)} {locale.t('chart.disagree_year', year=year)}", chosen[key][year],
              rows[key][year]) for key in sorted(usable) for year in sorted(rows[key]) if len(rows[key][year]) > 1]
    note = " ".join(part for part in (trimmed, _disagreement_note(locale, found, claim, tier,
                                                                   more="chart.disagree_more_observations")) if part)
    first_series, first_values = drawn[0]
    start, end = min(first_values), max(first_values)
    summary = locale.t("chart.indicator.summary", name=indicator.name.get(locale.code), series=first_series.label,
                       first=locale.value(first_values[start], words=True), first_year=start,
                       last=locale.value(first_values[end], words=True), last_year=end)
    summary += _gaps(locale, list(first_values), "chart.gap.value")
    summary += _caveats(locale, [(s.label, values) for s, values in drawn])
    years = sorted({p.x for s, _ in drawn for p in s.points})
    return Chart(
        kind="line", slug=f"{indicator_stem(indicator.code)}-{locale.code}", title=indicator.name.get(locale.code),
        alt=_with_note(locale.t("chart.indicator.alt", summary=summary), note), summary=summary,
        csv_header=("series", "year", "value", "value_qualifier"),
        csv_rows=tuple((s.label, str(y), *csv_cells(v)) for s, values in every for y, v in sorted(values.items())),
        x_label=locale.t("chart.axis.year"), y_label=indicator.unit.get(locale.code),
        series=tuple(s for s, _ in drawn), x_range=(years[0], years[-1]), note=note,
        legend=_legend(locale, flags=_marked_flags([v for _, values in drawn for v in values.values()])),
        lang=locale.code)


def _series_label(key: tuple[str, str], locale: Locale) -> str:
    """An indicator's line by its scope and kind: "TP.HCM (thực tế)"."""
    scope, kind = key
    return f"{scope} ({locale.t('chart.kind.' + kind)})"


def _most_years(every: tuple[tuple[Series, dict], ...]) -> tuple[tuple[Series, dict], ...]:
    """The first MAX_SERIES series by number of years (then in their sorted order): a stable choice that
    keeps the longest records, which say the most about change over time."""
    if len(every) <= MAX_SERIES:
        return every
    order = sorted(range(len(every)), key=lambda i: -len(every[i][0].points))[:MAX_SERIES]
    return tuple(every[i] for i in sorted(order))
