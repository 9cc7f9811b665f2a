"""A headline's change ("So với 2023: giảm 2 bậc") carries the quality flags of both values it compares: a
difference from an inferred rank or a secondary compilation's score is no more certain than that value, and the
sentence said it as a fact (fact-check round 3, #6)."""

from __future__ import annotations

from test_indicators_charts import index_of, obs

from generator.core.locale import locale
from generator.indicators.model import Index
from generator.indicators.pages import headline


def sentence(index: Index, lang: str) -> list[str]:
    """The headline's change lines as the page writes them (index_page.md.j2)."""
    found = headline(index, "79")
    words = locale(lang)
    return [f"{words.since(since, changes)} {'; '.join(words.change(c) for c in changes)}."
            for since, changes in found.changes()]


def test_a_change_from_an_inferred_rank_says_so():
    """PCI 2023's rank 27 flagged inferred: "So với 2023: giảm 2 bậc" said it as a fact."""
    index = index_of(obs("79", 2023, None, 27, flags=("inferred",)), obs("79", 2024, None, 29))
    assert sentence(index, "vi") == ["So với 2023 (giá trị năm 2023: suy đoán): giảm 2 bậc."]
    assert sentence(index, "en") == ["Compared with 2023 (the 2023 value: inferred): down 2 places."]


def test_a_change_across_missing_years_from_a_secondary_compilation_says_both():
    """SIPAS 2015 (a secondary compilation of a pilot of 10) beside 2024: the gap and the flag in one parenthesis;
    the rank out of 10 and the one out of 63 are not subtracted, and its words do not repeat the flag."""
    index = index_of(obs("79", 2015, "84.51", 6, flags=("secondary", "inferred"))._replace(rank_of=10),
                     obs("79", 2024, "80.1", 40))
    assert sentence(index, "vi") == [
        "So với 2015, 9 năm trước (không có thứ hạng và điểm để so sánh cho 2016–2023; giá trị năm 2015: suy đoán "
        "và nguồn tổng hợp thứ cấp): từ hạng 6/10 đến hạng 40/63 (số đơn vị được xếp hạng khác nhau, không so sánh "
        "được); −4,41 điểm phần trăm."]
    assert sentence(index, "en") == [
        "Compared with 2015, 9 years earlier (no rank and score to compare for 2016–2023; the 2015 value: inferred and "
        "secondary compilation): from rank 6/10 to rank 40/63 (a different number ranked, not comparable); "
        "−4.41 percentage points."]


def test_a_change_to_a_flagged_value_and_changes_of_rows_flagged_apart_are_said_apart():
    """The latest value's own flags are said too; a rank from an inferred row and a score from a stated row of one
    year are compared on two lines, each with its caveat (one line would give both the rank's flag)."""
    derived = index_of(obs("79", 2023, "80", 30), obs("79", 2024, "82", 28, flags=("derived",)))
    assert sentence(derived, "en") == [
        "Compared with 2023 (the 2024 value: worked out, not stated as such): up 2 places; +2 percentage points."]
    apart = index_of(obs("79", 2023, None, 30, flags=("inferred",), source="a-press"),
                     obs("79", 2023, "80", None, source="b-press"), obs("79", 2024, "82", 28, source="c-press"))
    assert sentence(apart, "vi") == ["So với 2023 (giá trị năm 2023: suy đoán): tăng 2 bậc.",
                                     "So với 2023: +2 điểm phần trăm."]
    plain = index_of(obs("79", 2023, "80", 30), obs("79", 2024, "82", 28))
    assert sentence(plain, "vi") == ["So với 2023: tăng 2 bậc; +2 điểm phần trăm."]


def test_the_years_a_comparison_skips_are_said_to_lack_what_it_compares():
    """PAPI: HCMC's rank of 2015 beside 2023's, its scores of 2020–2022 known. "Không có số liệu để so sánh cho
    2016–2022" said no figure at all was known (fact-check round 8, #6): it is the rank that is missing."""
    papi = index_of(obs("79", 2015, None, 47), obs("79", 2020, "41.985", None), obs("79", 2022, "41.02", None),
                    obs("79", 2023, None, 36))
    assert sentence(papi, "vi") == ["So với 2015, 8 năm trước (không có thứ hạng để so sánh cho 2016–2022): "
                                    "tăng 11 bậc."]
    assert sentence(papi, "en") == ["Compared with 2015, 8 years earlier (no rank to compare for 2016–2022): "
                                    "up 11 places."]
    scores = index_of(obs("79", 2019, "80", 20), obs("79", 2021, None, 18), obs("79", 2023, "82", 15))
    assert sentence(scores, "vi") == ["So với 2021, 2 năm trước (không có thứ hạng để so sánh cho 2022): tăng 3 bậc.",
                                      "So với 2019, 4 năm trước (không có điểm để so sánh cho 2020–2022): "
                                      "+2 điểm phần trăm."]
