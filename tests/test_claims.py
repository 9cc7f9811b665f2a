"""Property-based: every generated sentence tells the truth about its numbers.

Hypothesis makes series and rankings with ties, bounds ("<50"), gaps, partial coverage, counts that are zero
or not known, in both languages; the real builders (the index charts, the supervision charts, the Locale)
write their sentences; each test reads every number back out of the sentence, in the language's own format,
and checks it against the data with an oracle written here, not with the code under test. A sentence that
rounds a bound to its number, names one of three tied leaders, writes a change of a percentage in percent,
jumps over missing years, shows an unknown count as 0 or writes 84.70 on a Vietnamese page fails.

The CI profile (tests/conftest.py) is derandomized: the same examples on every run.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from conftest import runs
from hypothesis import given
from hypothesis import strategies as st

from generator.core.claims import (
    PERCENT,
    POINTS,
    RANGE,
    RANK,
    Change,
    Count,
    Entry,
    Ranking,
    Unit,
    Value,
    missing_periods,
    plain,
)
from generator.core.locale import locale
from generator.core.text import Text
from generator.indicators import charts
from generator.indicators.model import Average, Index, Observation

LANGS = st.sampled_from(["vi", "en"])
QUALIFIER_WORDS = {
    "vi": {"<": "dưới", ">": "trên", "<=": "tối đa", ">=": "ít nhất", "~": "khoảng"},
    "en": {"<": "below", ">": "above", "<=": "at most", ">=": "at least", "~": "about"},
}
# A number as each language writes it: Vietnamese groups with "." and marks decimals with ",", English the
# other way round; a year is written as it is (2023).
NUMBER = {"vi": re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"),
          "en": re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")}
WRONG = {"vi": re.compile(r"\d\.\d{1,2}(?!\d)"), "en": re.compile(r"\d,\d{1,2}(?!\d)")}
NAME = st.text(alphabet="ABCDEFGHKLMNPQRSTUVXY", min_size=4, max_size=4).map(lambda s: f"Đơn vị {s}")


def numbers(sentence: str, lang: str) -> list[Decimal]:
    """Every number in the sentence, read the way the language writes numbers."""
    assert not WRONG[lang].search(sentence), f"a number in the other language's format: {sentence}"
    read = []
    for text in NUMBER[lang].findall(sentence):
        plain = text.replace(".", "").replace(",", ".") if lang == "vi" else text.replace(",", "")
        read.append(Decimal(plain))
    return read


def said(value: Value, lang: str) -> tuple[str, Decimal]:
    """What a sentence must say for a value: the qualifier's word (empty when exact) and the number."""
    return QUALIFIER_WORDS[lang].get(value.qualifier, ""), value.number


# -- the oracle: which entries may be the highest or lowest, worked out independently from intervals ---------

def interval(value: Value) -> tuple[float, bool, float, bool]:
    n = float(value.number)
    inf = float("inf")
    return {"<": (-inf, True, n, True), "<=": (-inf, True, n, False), ">": (n, True, inf, True),
            ">=": (n, False, inf, True)}.get(value.qualifier, (n, False, n, False))


def above(a: Value, b: Value) -> bool:
    """Every number ``a`` allows is above every number ``b`` allows."""
    low, low_open, _, _ = interval(a)
    _, _, high, high_open = interval(b)
    return low > high or (low == high and (low_open or high_open))


def may_lead(values: dict[str, Value], highest: bool) -> set[str]:
    return {name for name, v in values.items()
            if not any((above(w, v) if highest else above(v, w)) for other, w in values.items() if other != name)}


# -- strategies ---------------------------------------------------------------------------------------------

DECIMALS = st.decimals(min_value=Decimal("1"), max_value=Decimal("99.99"), places=2, allow_nan=False)


@st.composite
def scores(draw: st.DrawFn, pool: list[Decimal]) -> tuple[Decimal, str]:
    """A score from a small pool (so ties happen), sometimes only a bound of it."""
    return draw(st.sampled_from(pool)), draw(st.sampled_from(["", "", "", "<", ">", "<=", ">="]))


def observation(index_code: str, year: int, unit: str, name: str, score: Decimal | None, qualifier: str = "",
                rank: int | None = None, rank_of: int | None = None, unit_type: str = "province",
                flags: tuple[str, ...] = ()) -> Observation:
    return Observation(index_code, year, unit_type, unit, name, "total", score, "", rank, rank_of, Text(""),
                       qualifier, flags, "s", Text(""))


def index(results: list[Observation], score_unit: str = "%", averages: tuple[Average, ...] = ()) -> Index:
    return Index("X", Text("Chỉ số X", "Index X"), Text(""), Text(""), "province", score_unit, True,
                 tuple(results), averages)


FOCUS = Text("TP.HCM", "HCMC")


# -- rankings: coverage, ties, bounds ---------------------------------------------------------------------------

@given(data=st.data(), lang=LANGS, score_unit=st.sampled_from(["%", "/100", "points"]))
def test_a_ranking_sentence_states_coverage_every_tied_leader_and_keeps_bounds(data, lang, score_unit):
    pool = data.draw(st.lists(DECIMALS, min_size=1, max_size=4, unique=True))
    names = data.draw(st.lists(NAME, min_size=3, max_size=9, unique=True))
    drawn = {name: data.draw(scores(pool)) for name in names}
    ranked = data.draw(st.one_of(st.none(), st.integers(len(names), len(names) + 60)))
    results = [observation("X", 2023, f"u{i}", name, score, qualifier, rank_of=ranked)
               for i, (name, (score, qualifier)) in enumerate(drawn.items())]
    chart = charts.ranking_bars(index(results, score_unit), "u0", FOCUS, locale(lang))
    sentence = chart.summary
    values = {name: Value.of(score, Unit.of_score(score_unit), qualifier) for name, (score, qualifier) in drawn.items()}

    top, bottom = may_lead(values, highest=True), may_lead(values, highest=False)
    top_part, bottom_part = re.split(r"; (?:thấp nhất là|lowest) ", sentence)
    for part, leaders in ((top_part, top), (bottom_part, bottom)):
        # every entry that may lead is named, and no other
        assert {name for name in names if name in part} == leaders, part
        for name in leaders:  # each with its value as the data states it: a bound keeps its word
            word, number = said(values[name], lang)
            stated = part[part.index(name):]
            assert numbers(stated, lang)[0] == number
            if word:
                assert stated.split("(", 1)[1].startswith(word), stated
            elif len(leaders) == 1:
                assert not any(w in stated.split(")")[0] for w in QUALIFIER_WORDS[lang].values())
    # the numbers in the sentence: the year, how many are known, how many were ranked (when more), the values
    expected = [Decimal(2023), Decimal(len(names))]
    if ranked and ranked > len(names):
        expected.append(Decimal(ranked))
    leaders_said = []
    for part, group in ((top_part, top), (bottom_part, bottom)):
        tie = len(group) > 1 and all(values[n].exact for n in group) and len({values[n].number for n in group}) == 1
        ordered = sorted(group, key=part.index)
        leaders_said += [values[ordered[0]].number] if tie else [values[n].number for n in ordered]  # "(cùng 11)"
    max_points = [Decimal(100)] * sentence.count("/100")  # "84,2/100": the scale's maximum is said too
    assert sorted(numbers(sentence, lang)) == sorted(expected + leaders_said + max_points)
    # the chart and its CSV keep the bound: an open bar labelled with its sign, the qualifier in the CSV
    for bar in chart.bars:
        qualifier = drawn[bar.label][1]
        assert bar.bound == (qualifier if qualifier in ("<", ">", "<=", ">=") else "")
        assert bar.text.startswith({"<": "<", ">": ">", "<=": "≤", ">=": "≥"}.get(qualifier, ""))
    assert {(row[1], row[3]) for row in chart.csv_rows} == {(n, q) for n, (_, q) in drawn.items()}


# -- series: first, last, the extreme over the known years, the missing years ----------------------------------

YEARS = st.lists(st.integers(2012, 2024), min_size=2, max_size=10, unique=True).map(sorted)


@given(years=YEARS, data=st.data(), lang=LANGS)
def test_a_rank_sentence_counts_the_known_years_names_every_worst_year_and_says_the_gaps(years, data, lang):
    ranks = {year: data.draw(st.integers(1, 8)) for year in years}  # few ranks: ties across years happen
    results = [observation("X", y, "79", "TP.HCM", None, rank=r, rank_of=63) for y, r in ranks.items()]
    chart = charts.rank_chart(index(results), "79", FOCUS, locale(lang))
    worst = max(ranks.values())
    expected = [ranks[years[0]], 63, years[0], ranks[years[-1]], 63, years[-1], len(years), worst, 63,
                *[y for y in years if ranks[y] == worst], *runs(list(missing_periods(years)))]
    assert numbers(chart.summary, lang) == [Decimal(n) for n in expected]
    assert chart.summary in chart.alt
    assert [p.label for p in chart.series[0].points] == [str(ranks[y]) for y in years]


@given(years=YEARS, data=st.data(), lang=LANGS, average_years=st.lists(st.integers(2012, 2024), unique=True))
def test_a_score_sentence_keeps_qualifiers_says_the_gaps_and_its_alt_names_only_what_is_drawn(
        years, data, lang, average_years):
    drawn = {y: data.draw(scores([Decimal("41.5"), Decimal("50"), Decimal("86.97")])) for y in years}
    results = [observation("X", y, "79", "TP.HCM", s, q) for y, (s, q) in drawn.items()]
    averages = tuple(Average(y, Decimal("80.25"), Text(""), "s") for y in sorted(average_years))
    chart = charts.score_chart(index(results, "%", averages), "79", FOCUS, locale(lang))
    first, last = years[0], years[-1]
    expected = [drawn[last][0], last, drawn[first][0], first]
    if last in average_years:
        expected += [Decimal("63"), Decimal("80.25")]
    expected += runs(list(missing_periods(years)))
    axis = chart.y_axis  # the axis drawn holds every point, and the sentence says where it runs when not from 0
    assert all(axis.low <= p.y <= axis.high for line in chart.series for p in line.points)
    expected += [] if axis.from_zero else [repr(axis.low), repr(axis.high), 0]  # "..., not from 0"
    assert numbers(chart.summary, lang) == [Decimal(n) for n in expected]
    for year in (last, first):  # a bound is said as a bound, an exact value without a qualifier word
        score, qualifier = drawn[year]
        text = locale(lang).percent(score)
        word = QUALIFIER_WORDS[lang].get(qualifier, "")
        assert (f"{word} {text}" in chart.summary) if word else (text in chart.summary)
    consecutive = any(b - a == 1 for a, b in zip(sorted(average_years), sorted(average_years)[1:], strict=False))
    dashed = {"vi": "đứt nét", "en": "dashed"}[lang]
    assert (dashed in chart.alt) == (bool(average_years) and consecutive)
    assert all(row[2] == drawn[int(row[0])][1] for row in chart.csv_rows if int(row[0]) in drawn)


# -- changes: unit and span --------------------------------------------------------------------------------------

@given(data=st.data(), lang=LANGS, kind=st.sampled_from(["percent", "rank", "points"]),
       start=st.integers(2012, 2022), gap=st.integers(1, 8))
def test_a_change_says_its_unit_and_the_years_it_skips(data, lang, kind, start, gap):
    unit = {"percent": PERCENT, "rank": RANK, "points": POINTS}[kind]
    pool = [Decimal(n) for n in (3, 15, 33, 36)] if kind == "rank" else [Decimal("84.70"), Decimal("86.97")]
    a, b = data.draw(st.sampled_from(pool)), data.draw(st.sampled_from(pool))
    qualifier = data.draw(st.sampled_from(["", "", "<"])) if kind != "rank" else ""
    change = Change(Value.of(a, unit), start, Value.of(b, unit, qualifier), start + gap,
                    tuple(range(start + 1, start + gap)))
    since, moved = locale(lang).since(change), locale(lang).change(change)
    skipped = list(range(start + 1, start + gap))
    assert numbers(since, lang) == [Decimal(start)] + ([Decimal(gap), *map(Decimal, runs(skipped))] if skipped else [])
    if qualifier:  # a bound has no exact difference: both values are said, the bound with its word
        assert numbers(moved, lang) == [a, b] and QUALIFIER_WORDS[lang]["<"] in moved
        return
    delta = b - a
    assert numbers(moved, lang) == ([abs(delta)] if delta or kind != "rank" else [])
    words = {"percent": {"vi": "điểm phần trăm", "en": "percentage points"},
             "points": {"vi": "điểm", "en": "points"}, "rank": {"vi": "bậc", "en": "place"}}[kind][lang]
    if delta or kind != "rank":
        assert words in moved and "%" not in moved
    if kind == "rank" and delta:  # a smaller rank number is a move up
        assert moved.startswith({"vi": "tăng" if delta < 0 else "giảm", "en": "up" if delta < 0 else "down"}[lang])
    elif kind != "rank":
        assert moved.startswith("+" if delta > 0 else "\u2212" if delta < 0 else "±")


SCALES = {"%": PERCENT, "points": POINTS, "/10": Unit.of_score("/10"), "/80": Unit.of_score("/80"),
          "/80.0": Unit.of_score("/80.0")}


@given(data=st.data(), lang=LANGS, units=st.tuples(st.sampled_from(sorted(SCALES)), st.sampled_from(sorted(SCALES))))
def test_a_change_between_two_scales_is_no_difference_but_the_two_values(data, lang, units):
    """65,5 % one year and 67,89 points the next is not "+2,39 points": scores on two scales (a percentage and
    points, /10 and /80) are not subtracted; both values are said, and that they cannot be compared."""
    a, b = (data.draw(st.sampled_from([Decimal("6.5"), Decimal("65.5"), Decimal("67.89")])) for _ in units)
    start, end = Value.of(a, SCALES[units[0]]), Value.of(b, SCALES[units[1]])
    change = Change(start, 2023, end, 2024)
    moved = locale(lang).change(change)
    same = units[0].replace(".0", "") == units[1].replace(".0", "")  # /80 and /80.0 are one scale
    assert change.comparable == same and (change.delta is None) == (not same)
    if same:
        assert numbers(moved, lang)[0] == abs(b - a)
        return
    assert not moved.startswith(("+", "\u2212", "±"))  # no signed difference
    assert moved == locale(lang).t("change.not_comparable", start=locale(lang).value(start, words=True),
                                   end=locale(lang).value(end, words=True))
    said_numbers = [n for n in numbers(moved, lang) if n not in (10, 80)]  # a scale's maximum is said with it
    assert said_numbers == [a, b]
    assert {"vi": "không so sánh được", "en": "not comparable"}[lang] in moved


def test_a_score_on_a_new_scale_is_no_change_in_the_headline_nor_one_line_in_the_chart():
    """The audit's PCI: 65,5 % in 2023, 67,89 points in 2024."""
    from generator.indicators.pages import headline

    results = [observation("X", 2023, "79", "TP.HCM", Decimal("65.5"), rank=27)._replace(score_unit="%"),
               observation("X", 2024, "79", "TP.HCM", Decimal("67.89"), rank=29)._replace(score_unit="points")]
    found = headline(index(results, "points"), "79")
    assert found.rank_change.delta == 2 and found.score_change.delta is None
    assert locale("vi").change(found.score_change) == \
        "từ 65,5% đến 67,89 điểm (khác thang đo, không so sánh được)"
    assert locale("en").change(found.score_change) == \
        "from 65.5% to 67.89 points (different scales, not comparable)"
    chart = charts.score_chart(index(results, "points"), "79", FOCUS, locale("en"))
    assert [(s.label, [p.x for p in s.points]) for s in chart.series] == [("HCMC (%)", [2023]),
                                                                            ("HCMC (points)", [2024])]
    assert "separate lines" in chart.summary and chart.y_label == "Score"
    assert [row[:4] for row in chart.csv_rows] == [("2023", "65.5", "", "%"), ("2024", "67.89", "", "points")]


@given(data=st.data(), lang=LANGS, totals=st.tuples(st.sampled_from([None, 10, 34, 63]),
                                                   st.sampled_from([None, 10, 34, 63])))
def test_ranks_out_of_a_different_number_ranked_are_not_compared(data, lang, totals):
    """6th of the 10 provinces of a pilot, then 20th of 63, is not "down 14 places": both places are said with
    how many were ranked, and that they cannot be compared. A rank whose total is not stated is compared."""
    a, b = data.draw(st.integers(1, 10)), data.draw(st.integers(1, 10))
    start, end = Value.of(a, Unit.of_rank(totals[0])), Value.of(b, Unit.of_rank(totals[1]))
    moved = locale(lang).change(Change(start, 2015, end, 2024))
    if None in totals or totals[0] == totals[1]:
        assert numbers(moved, lang) == ([abs(b - a)] if a != b else [])
        return
    assert numbers(moved, lang) == [a, totals[0], b, totals[1]]  # "từ hạng 6/10 đến hạng 20/63"
    assert {"vi": "không so sánh được", "en": "not comparable"}[lang] in moved
    assert not any(word in moved for word in ("bậc", "place"))


def test_a_rank_chart_over_two_numbers_ranked_names_no_lowest_and_draws_two_lines():
    """The audit's SIPAS: 6/10 in the 2015 pilot, 20/63 in 2024."""
    from generator.indicators.pages import headline

    results = [observation("X", 2015, "79", "TP.HCM", Decimal("84.51"), rank=6, rank_of=10),
               observation("X", 2024, "79", "TP.HCM", None, rank=20, rank_of=63)]
    found = headline(index(results), "79")
    assert found.rank_change.delta is None
    assert locale("vi").change(found.rank_change) == \
        "từ hạng 6/10 đến hạng 20/63 (số đơn vị được xếp hạng khác nhau, không so sánh được)"
    assert locale("en").change(found.rank_change) == \
        "from rank 6/10 to rank 20/63 (a different number ranked, not comparable)"
    chart = charts.rank_chart(index(results), "79", FOCUS, locale("vi"))
    assert chart.summary.startswith("TP.HCM: hạng 6/10 năm 2015, hạng 20/63 năm 2024; đã biết hạng của 2 năm.")
    assert "thấp nhất" not in chart.summary and "không so sánh được" in chart.summary
    assert [(s.label, [p.x for p in s.points]) for s in chart.series] == [("TP.HCM (trong 10)", [2015]),
                                                                            ("TP.HCM (trong 63)", [2024])]


# -- counts: zero is a number, unknown is not ------------------------------------------------------------------

@given(value=st.one_of(st.none(), st.integers(0, 2000)), lang=LANGS,
       noun=st.sampled_from(["count.recommendation", "count.issue", "count.item"]))
def test_a_count_is_zero_only_when_known_to_be(value, lang, noun):
    sentence = locale(lang).count(Count(value, noun))
    if value is None:
        assert numbers(sentence, lang) == [] and locale(lang).t(f"{noun}.unknown") == sentence
    else:
        assert numbers(sentence, lang) == [Decimal(value)]


@given(counts=st.lists(st.integers(1, 12), min_size=2, max_size=7), lang=LANGS, unknown=st.integers(0, 3))
def test_the_agency_chart_names_every_agency_that_ties_for_the_most(counts, lang, unknown):
    """'X received the most conclusions (11)' when three agencies share 11 is what the issue saw."""
    from generator.directory.model import AgencyRef, Directory
    from generator.supervision import charts as supervision_charts
    from generator.supervision.model import Item, Session, Supervision

    codes = [f"A{chr(65 + i)}" for i in range(len(counts))]  # no digits in names: every number is a count
    directory = Directory(agencies={c: AgencyRef(c, Text(f"Sở {c}", f"Department {c}")) for c in codes})
    items = tuple(Item("recommendation", f"K{n}", "S", (code,), Text("x", "x"), "", None, "", (), Text(), ())
                  for code, count in zip(codes, counts, strict=True) for n in range(count))
    known = Session("S", "s.yaml", date(2024, 6, 11), "day", Text(), Text(), "f", "", Text(), (), (), Text(),
                    Text("t", "t"), "", (), (), Text(), (), (), (), items, ())
    not_known = [Session(f"U{n}", "u.yaml", date(2024, 1, 1), "day", Text(), Text(), "f", "", Text(), (), (),
                         Text(), Text("t", "t"), "", (), (), Text(), (), (), (), (), (), recommendations_known=False)
                 for n in range(unknown)]
    supervision = Supervision((known, *not_known), {}, {}, date(2026, 11, 26))
    chart = supervision_charts.by_agency(supervision, directory, locale(lang))
    most = max(counts)
    leaders = [directory.agencies[c].name.get(lang) for c, n in zip(codes, counts, strict=True) if n == most]
    named = [c for c in codes if directory.agencies[c].name.get(lang) in chart.summary]
    assert sorted(named) == sorted(c for c, n in zip(codes, counts, strict=True) if n == most), chart.summary
    # numbers: the count the leaders share (once), how many agencies, and how many sessions are not counted
    expected = [Decimal(most), Decimal(len(codes))] + ([Decimal(unknown)] if unknown else [])
    assert numbers(chart.summary, lang) == expected and all(name in chart.summary for name in leaders)
    assert len(chart.csv_rows) == len(codes) and "score" not in chart.alt and "điểm" not in chart.alt


def test_the_examples_the_issue_gives():
    """The sentences the issue quotes, written from claims instead."""
    vi, en = locale("vi"), locale("en")
    bound = Value.of(50, Unit.of_score("/100"), "<")
    assert (vi.value(bound, words=True), en.value(bound, words=True)) == ("dưới 50/100", "below 50/100")
    assert vi.value(bound) == "<50/100"
    points = Change(Value.of("84.70", PERCENT), 2022, Value.of("86.97", PERCENT), 2023)
    assert (vi.change(points), en.change(points)) == ("+2,27 điểm phần trăm", "+2.27 percentage points")
    gap = Change(Value.of(47, RANK), 2015, Value.of(36, RANK), 2023, tuple(range(2016, 2023)))
    assert vi.since(gap) + " " + vi.change(gap) == \
        "So với 2015, 8 năm trước (không có thứ hạng để so sánh cho 2016–2022): tăng 11 bậc"
    assert (vi.count(Count(None, "count.recommendation")), vi.count(Count(0, "count.recommendation"))) == \
        ("chưa rõ kết luận, kiến nghị", "0 kết luận, kiến nghị")
    assert vi.number(Decimal("86.97")) == "86,97"


# -- highest and lowest, against the definition: no other entry is surely beyond ------------------------------

@st.composite
def values(draw: st.DrawFn) -> Value:
    """A value from a small pool of numbers (ties, touching bounds), exact, a bound, a range or unknown."""
    low, high = sorted(draw(st.lists(st.sampled_from([1, 2, 3, 5]), min_size=2, max_size=2)))
    qualifier = draw(st.sampled_from(["", "", "<", ">", "<=", ">=", "~", RANGE, "unknown"]))
    if qualifier == "unknown":
        return Value.of(None)
    return Value.of(low, qualifier=qualifier, upper=high if qualifier == RANGE else None)


@given(drawn=st.lists(values(), min_size=0, max_size=8))
def test_the_highest_and_lowest_entries_are_those_no_other_is_surely_beyond(drawn):
    """Ranking tries each entry against the one that reaches furthest, not against every other (linear, for
    rankings of thousands of agencies): the same entries as trying every pair."""
    ranking = Ranking(tuple(Entry(f"e{i}", value) for i, value in enumerate(drawn)))
    known = [e for e in ranking.entries if e.value.known]
    top = {e.name for e in known if not any(o.value.surely_above(e.value) for o in known if o is not e)}
    bottom = {e.name for e in known if not any(e.value.surely_above(o.value) for o in known if o is not e)}
    assert ({e.name for e in ranking.highest()}, {e.name for e in ranking.lowest()}) == (top, bottom)
    # the order of the entries is kept
    assert [e.name for e in ranking.highest()] == sorted((e.name for e in ranking.highest()), key=lambda n: int(n[1:]))


@pytest.mark.parametrize(("text", "written"), [
    ("84.70", "84.70"), ("1E+5", "100000"), ("1E-3", "0.001"), ("-0", "-0"), ("1E+30", "1" + "0" * 30),
    ("1e-30", "0." + "0" * 29 + "1"), ("1e-31", "1E-31"), ("1E+31", "1E+31"), ("1e-9999999", "1E-9999999"),
    ("0e-9999999", "0E-9999999"), ("0E+9999999", "0"),
])
def test_a_number_in_a_download_is_written_out_unless_that_makes_it_far_wider_than_its_cell(text, written):
    """A chart's data file and a session table write numbers out in full (1E+5 as 100000): "1e-9999999" was ten
    million zeros. Past 30 added zeros, Decimal's scientific form, which a CSV reader reads as the same number."""
    assert plain(Decimal(text)) == written
    assert Decimal(written) == Decimal(text)
