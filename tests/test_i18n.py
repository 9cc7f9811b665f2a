import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from generator.core.locale import catalogue, locale

TEMPLATES = Path(__file__).resolve().parent.parent / "generator"


@pytest.mark.parametrize(("value", "lang", "expected"), [
    (Decimal("84.70"), "vi", "84,70"),
    (Decimal("84.70"), "en", "84.70"),
    (17800000, "vi", "17.800.000"),
    (17800000, "en", "17,800,000"),
    (None, "vi", "–"),
])
def test_number_format(value, lang, expected):
    assert locale(lang).number(value) == expected


def test_percent_and_dates():
    # CLDR's patterns through Babel: Vietnamese writes the percent sign without a space (#,##0%)
    assert locale("vi").percent(Decimal("84.70")) == "84,70%"
    assert locale("en").percent(Decimal("84.70")) == "84.70%"
    assert locale("vi").date(date(2024, 6, 11)) == "11/06/2024"
    assert locale("en").date(date(2024, 6, 11)) == "11 Jun 2024"
    assert locale("vi").date(date(2024, 12, 1), "month") == "12/2024"
    assert locale("en").date(date(2024, 12, 1), "month") == "Dec 2024"


@pytest.mark.parametrize(("value", "vi", "en"), [
    ("2024-04-17", "17/04/2024", "17 Apr 2024"),  # an ISO text is read as a date of its own precision
    ("2024-04", "04/2024", "Apr 2024"),
    ("2024", "2024", "2024"),
    ("not a date", "not a date", "not a date"),
    ("", "–", "–"),
])
def test_dates_given_as_iso_text(value, vi, en):
    assert (locale("vi").date(value), locale("en").date(value)) == (vi, en)


@pytest.mark.parametrize(("start", "end", "vi", "en"), [
    (date(2020, 1, 1), date(2020, 3, 31), "quý 1/2020", "Q1 2020"),
    (date(2016, 1, 1), date(2020, 12, 31), "2016–2020", "2016–2020"),
    (date(2025, 7, 1), date(2025, 7, 31), "07/2025", "Jul 2025"),
    (date(2023, 1, 1), date(2023, 9, 30), "01–09/2023", "Jan–Sept 2023"),
    (date(2025, 7, 1), date(2025, 9, 10), "01/07/2025–10/09/2025", "1 Jul 2025 – 10 Sept 2025"),
    (date(2024, 12, 1), None, "từ 01/12/2024", "from 1 Dec 2024"),
    (None, None, "", ""),
])
def test_periods_are_said_as_briefly_as_their_ends_allow(start, end, vi, en):
    assert (locale("vi").span(start, end), locale("en").span(start, end)) == (vi, en)


def test_lists_and_runs_of_years_follow_the_language():
    assert locale("vi").names(["A", "B", "C"]) == "A, B và C"
    assert locale("en").names(["A", "B", "C"]) == "A, B and C"
    assert locale("vi").names(["A", "B"], style="or") == "A hoặc B"
    assert locale("en").periods([2013, 2014, 2016, 2018, 2019]) == "2013–2014, 2016 and 2018–2019"


PLURAL = re.compile(r"\.(zero|one|two|few|many|other)$")


def test_catalogues_have_the_same_keys():
    """The same strings in both languages; plural forms are CLDR's per language (Vietnamese has only
    ``other``, English ``one`` and ``other``), so a key counts once whatever its forms."""
    def keys(lang: str) -> set[str]:
        return {PLURAL.sub("", key) for key in catalogue(lang)}

    assert keys("vi") == keys("en")
    for key in catalogue("en"):
        if PLURAL.search(key):
            assert PLURAL.sub(".other", key) in catalogue("en") and PLURAL.sub(".other", key) in catalogue("vi")


def test_every_key_used_by_code_and_templates_exists():
    used = set()
    for path in TEMPLATES.rglob("*"):
        if path.suffix in (".j2", ".py"):
            used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_.]+)["']""", path.read_text("utf-8")))
    assert used, "no UI string keys found: the pattern is out of date"
    # Keys built from a prefix and a value ("common.flag." ~ flag) must exist for every value.
    from generator.core.flags import FLAGS

    used = {k for k in used if not k.endswith(".")}
    used |= {f"common.flag.{flag}" for flag in FLAGS}
    used |= {f"supervision.item_kind.{kind}" for kind in ("recommendation", "issue")}
    used |= {f"common.tier.{tier}" for tier in ("official", "press", "aggregator", "secondary_dataset", "mirror")}
    missing = {key for key in used if key not in catalogue("vi") or key not in catalogue("en")}
    assert not missing
