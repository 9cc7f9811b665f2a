import re
from datetime import date, datetime
from decimal import Decimal, localcontext
from pathlib import Path

import pytest
from babel.numbers import format_percent

from generator.agencies.pages import UNLISTED
from generator.core.claims import PERCENT, PLAIN, POINTS, RANK, Change, Count, Entry, Ranking, Unit, Value
from generator.core.locale import Locale, _digits, _pattern, catalogue, locale
from generator.core.text import Text

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
    # spans of whole months, quarters and years, at their edges
    (date(2020, 1, 1), date(2020, 1, 1), "01/01/2020", "1 Jan 2020"),
    (date(2020, 4, 1), date(2020, 6, 30), "quý 2/2020", "Q2 2020"),
    (date(2020, 10, 1), date(2020, 12, 31), "quý 4/2020", "Q4 2020"),
    (date(2020, 2, 1), date(2020, 4, 30), "02–04/2020", "Feb–Apr 2020"),
    (date(2020, 1, 1), date(2020, 2, 29), "01–02/2020", "Jan–Feb 2020"),
    (date(2023, 9, 1), date(2023, 11, 30), "09–11/2023", "Sept–Nov 2023"),  # British "Sept", even for the first month
    (date(2020, 1, 1), date(2020, 1, 31), "01/2020", "Jan 2020"),
    (date(2019, 11, 1), date(2020, 2, 29), "11/2019–02/2020", "Nov 2019–Feb 2020"),
    (date(2019, 12, 1), date(2020, 2, 29), "12/2019–02/2020", "Dec 2019–Feb 2020"),
    (date(2020, 1, 1), date(2020, 12, 31), "2020", "2020"),
    (date(2019, 1, 1), date(2020, 11, 30), "01/2019–11/2020", "Jan 2019–Nov 2020"),
    (date(2020, 1, 2), date(2020, 12, 31), "02/01/2020–31/12/2020", "2 Jan 2020 – 31 Dec 2020"),
    (date(2020, 1, 1), date(2020, 12, 30), "01/01/2020–30/12/2020", "1 Jan 2020 – 30 Dec 2020"),
])
def test_periods_are_said_as_briefly_as_their_ends_allow(start, end, vi, en):
    assert (locale("vi").span(start, end), locale("en").span(start, end)) == (vi, en)


@pytest.mark.parametrize(("value", "precision", "vi", "en"), [
    (date(1, 1, 1), "day", "01/01/0001", "1 Jan 0001"),
    (date(45, 3, 9), "day", "09/03/0045", "9 Mar 0045"),
    (date(999, 12, 1), "month", "12/0999", "Dec 0999"),
    (date(7, 6, 1), "year", "0007", "0007"),
    ("0001-01-01", "day", "01/01/0001", "1 Jan 0001"),
])
def test_a_year_before_1000_is_written_with_four_digits_as_iso_writes_it(value, precision, vi, en):
    """A column of dates from 0001-01-01 was summed up "from 01/01/1" (hostile-PR audit round 7, #6)."""
    assert (locale("vi").date(value, precision), locale("en").date(value, precision)) == (vi, en)


@pytest.mark.parametrize(("start", "end", "vi", "en"), [
    (date(1, 1, 1), date(1, 12, 31), "0001", "0001"),
    (date(1, 1, 1), date(999, 12, 31), "0001–0999", "0001–0999"),
    (date(10, 4, 1), date(10, 6, 30), "quý 2/0010", "Q2 0010"),
    (date(10, 4, 1), date(10, 4, 30), "04/0010", "Apr 0010"),
])
def test_a_span_of_early_years_writes_each_year_with_four_digits(start, end, vi, en):
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
    used |= {f"agency.{kind}.{why}" for kind in ("unlisted", "items_unlisted") for why in UNLISTED}
    used |= {f"common.tier.{tier}" for tier in ("official", "press", "aggregator", "secondary_dataset", "mirror")}
    missing = {key for key in used if key not in catalogue("vi") or key not in catalogue("en")}
    assert not missing


# -- the Locale, value by value (tests/mutation.py locale) -------------------------------------------------------


def test_where_a_language_lives():
    assert (locale("vi").code, locale("vi").is_default, locale("vi").root) == ("vi", True, "")
    assert (locale("en").code, locale("en").is_default, locale("en").root) == ("en", False, "en/")
    assert locale("en") is locale("en")
    with pytest.raises(ValueError, match=r"^unknown language 'fr'; use one of vi, en$"):
        locale("fr")


def test_a_ui_string_with_and_without_parameters():
    vi, en = locale("vi"), locale("en")
    assert (vi.t("value.about"), vi.t("value.about", value="3"), en.t("value.about", value="3")) == (
        "khoảng {value}", "khoảng 3", "about 3")
    assert (vi.t("no.such.key"), en.t("no.such.key", n=1)) == ("no.such.key", "no.such.key")
    assert (vi.has("value.about"), en.has("value.about"), vi.has("no.such.key")) == (True, True, False)
    assert (vi.has("change.places_up.one"), en.has("change.places_up.one")) == (False, True)
    assert (vi.text(Text("Việt", "English")), en.text(Text("Việt", "English")), en.text(Text("Việt"))) == (
        "Việt", "English", "Việt")


@pytest.fixture
def catalogues(tmp_path, monkeypatch):
    """Catalogues read from ``tmp_path`` (vi.yaml, en.yaml) instead of generator/locales/."""
    import generator.core.locale as module

    monkeypatch.setattr(module, "_LOCALE_DIR", tmp_path)
    catalogue.cache_clear()
    yield tmp_path
    catalogue.cache_clear()


def test_a_key_missing_in_a_language_falls_back_to_vietnamese(catalogues):
    (catalogues / "vi.yaml").write_text('only.vi: "chỉ {x}"\nboth: "cả hai"\nempty: ""\n', "utf-8")
    (catalogues / "en.yaml").write_text('both: "both"\nempty: ""\nnumber: 3\n', "utf-8")
    en = Locale("en")
    assert (en.t("only.vi", x="vi"), en.t("both"), en.t("empty"), en.t("number")) == (
        "chỉ vi", "both", "empty", "3")
    assert (en.has("only.vi"), en.has("both"), en.has("missing")) == (True, True, False)
    assert catalogue("en") == {"both": "both", "empty": "", "number": "3"}


def test_an_empty_catalogue(catalogues):
    (catalogues / "vi.yaml").write_text("", "utf-8")
    assert catalogue("vi") == {}
    assert Locale("vi").t("x.y") == "x.y"


@pytest.mark.parametrize(("value", "decimals", "vi", "en"), [
    (Decimal("84.70"), None, "84,70", "84.70"), (Decimal("84.75"), 1, "84,8", "84.8"),
    (Decimal("84.7"), 2, "84,70", "84.70"), (3, 2, "3,00", "3.00"), (Decimal("1234.5"), 0, "1.234", "1,234"),
    (-1234.5, None, "-1.234,5", "-1,234.5"), (0.1, None, "0,1", "0.1"), (Decimal("1E+3"), None, "1.000", "1,000"),
    (None, None, "–", "–"), ("", 2, "–", "–"), ("n/a", None, "n/a", "n/a"), (True, None, "True", "True"),
    (0, None, "0", "0"), (False, 1, "False", "False"),
    (Decimal("NaN"), None, "NaN", "NaN"), (Decimal("-Infinity"), None, "-∞", "-∞"),  # no exponent to read places from
])
def test_numbers_keep_their_stated_precision_unless_told(value, decimals, vi, en):
    assert (locale("vi").number(value, decimals), locale("en").number(value, decimals)) == (vi, en)


def test_equal_numbers_stated_with_other_precisions_print_apart_in_one_process():
    """Formatted numbers are remembered (Babel is slow): by their text, since 84.7 == 84.70 and 1E+1 == 10."""
    vi = locale("vi")
    assert [vi.number(Decimal(text)) for text in ("84.7", "84.70", "84.700", "1E+1", "10", "10.0", "-0", "0")] == [
        "84,7", "84,70", "84,700", "10", "10", "10,0", "0", "0"]  # a zero has no sign for a reader
    assert [locale(code).number(Decimal("1234.5")) for code in ("vi", "en", "vi")] == ["1.234,5", "1,234.5", "1.234,5"]


@pytest.mark.parametrize(("value", "decimals", "vi", "en"), [
    (Decimal("12.345"), 1, "12,3%", "12.3%"), (5, None, "5%", "5%"), (Decimal("1234.50"), None, "1.234,50%",
                                                                      "1,234.50%"),
    (Decimal("0.5"), 0, "0%", "0%"), (None, None, "–", "–"), ("x", None, "x", "x"),
])
def test_percentages(value, decimals, vi, en):
    assert (locale("vi").percent(value, decimals), locale("en").percent(value, decimals)) == (vi, en)


@pytest.mark.parametrize(("text", "vi", "en"), [
    ("1e-9999999", "1E-9999999", "1E-9999999"), ("-1.25e-99999999", "-1,25E-99999999", "-1.25E-99999999"),
    ("12345E-40", "1,2345E-36", "1.2345E-36"), ("1.50e9999999", "1,50E9999999", "1.50E9999999"),
    ("0e-9999999", "0", "0"),
    # the widest written out: 30 zeros added to the digits, then 31
    ("1e-30", "0," + "0" * 29 + "1", "0." + "0" * 29 + "1"), ("1e-31", "1E-31", "1E-31"),
    ("1E+30", "1" + ".000" * 10, "1" + ",000" * 10), ("1E+31", "1E31", "1E31"),
    ("123456789012345678901234567890123456.5", "123.456.789.012.345.678.901.234.567.890.123.456,5",
     "123,456,789,012,345,678,901,234,567,890,123,456.5"),  # as many digits as its cell wrote: written out
])
def test_a_number_is_never_written_far_wider_than_its_cell(text, vi, en):
    """"1e-9999999" is a valid number cell of ten characters, and was written out as "0,000…01" with ten million
    zeros (a 100 MB site; "1e-99999999" took 4.4 GB to build). A number whose plain form adds more than 30 zeros
    to its digits is written in scientific notation with the language's decimal mark, and keeps its digits."""
    number = Decimal(text)
    assert (locale("vi").number(number), locale("en").number(number)) == (vi, en)
    assert locale("vi").percent(number) == f"{vi}%"
    assert locale("en").signed(number) == ("±" if number.is_zero() else "−" if number < 0 else "+") + en.lstrip("-")
    if "E" in en:  # rounded, a tiny number is 0.00; a huge one has no decimals to round
        assert locale("en").number(number, 2) == ("0.00" if number.adjusted() < 0 else en)


@pytest.mark.parametrize("text", ["0", "-0", "0.0", "5", "84.70", "-2.27", "99.999", "0.001", "1E-7", "1E+1",
                                  "1234567.891", "-1234.5", "1E+28", "123456789012345678901234567890.5"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_percentage_reads_as_babel_writes_it_with_the_languages_percent_pattern(text, lang):
    """``percent`` writes the number as ``number`` does, inside the percent sign (Babel is slow): the same text
    as Babel's own percent formatting with the language's CLDR pattern, at every precision and sign (but a zero's:
    "-0%" is written "0%")."""
    number, cldr = Decimal(text), locale(lang).cldr
    number = number.copy_abs() if number.is_zero() else number
    pattern = cldr.percent_formats[None].pattern.replace("#,##0", _pattern(number))
    with localcontext(prec=_digits(number)):
        expected = format_percent(number.scaleb(-2), format=pattern, locale=cldr, decimal_quantization=True)
    assert locale(lang).percent(number) == expected


@pytest.mark.parametrize(("value", "vi", "en"), [
    (Decimal("-2.27"), "−2,27", "−2.27"), (3, "+3", "+3"), (0, "±0", "±0"), (Decimal("0.0"), "±0,0", "±0.0"),
    (1, "+1", "+1"), (Decimal("0.5"), "+0,5", "+0.5"),
    (None, "–", "–"), ("", "–", "–"),
])
def test_a_change_is_signed_with_a_true_minus(value, vi, en):
    assert (locale("vi").signed(value), locale("en").signed(value)) == (vi, en)


def test_dates_of_each_precision_and_kind():
    vi, en = locale("vi"), locale("en")
    assert (vi.date(datetime(2024, 6, 11, 23, 59)), en.date(datetime(2024, 6, 11, 23, 59))) == (
        "11/06/2024", "11 Jun 2024")
    assert (vi.date(" 2024-06 "), vi.date(date(2024, 6, 11), "year"), en.date(date(2024, 6, 11), "year")) == (
        "06/2024", "2024", "2024")
    assert (vi.date(date(2024, 6, 11), "hour"), en.date(date(2024, 6, 11), "hour")) == ("11/06/2024", "11/06/2024")
    assert (vi.date(3), vi.date(None), vi.date(""), vi.date("2024-6-1")) == ("3", "–", "–", "2024-6-1")
    assert Locale("fr").date(date(2024, 6, 11)) == "11 juin 2024"  # a language without patterns: the English ones




def test_runs_of_years_and_lists_of_names():
    vi, en = locale("vi"), locale("en")
    assert (vi.periods([2019]), vi.periods([]), vi.periods((2021, 2019, 2020, 2023))) == (
        "2019", "", "2019–2021 và 2023")
    assert (en.periods([2020, 2022]), en.periods([2019, 2020])) == ("2020 and 2022", "2019–2020")
    assert (vi.names([]), vi.names(("A",)), en.names(["A", "B"]), en.names(["A", "B", "C"], style="or")) == (
        "", "A", "A and B", "A, B or C")  # British English: no serial comma


LABELLED = Unit("plain", label=Text("quy trình", "procedures"))


@pytest.mark.parametrize(("value", "words", "vi", "en"), [
    (Value.of("12", LABELLED, ">="), False, "≥12 quy trình", "≥12 procedures"),
    (Value.of("12", LABELLED, ">="), True, "ít nhất 12 quy trình", "at least 12 procedures"),
    (Value.of("12", LABELLED), True, "12 quy trình", "12 procedures"),
    (Value.of("12"), True, "12", "12"),
    (Value.of(None), False, "–", "–"),
    (Value.of(None), True, "chưa rõ", "not known"),
    (Value.of("40", PERCENT, "range", "50.5"), False, "40–50,5%", "40–50.5%"),
    (Value.of("40", LABELLED, "range", "50"), True, "40–50 quy trình", "40–50 procedures"),
    (Value.of("86.97", PERCENT, "<"), True, "dưới 86,97%", "below 86.97%"),
    (Value.of("41.985", Unit.of_score("/80")), False, "41,985/80", "41.985/80"),
    (Value.of("41.985", Unit("scale", "1000", Text("điểm", "pts"))), False, "41,985/1.000 điểm", "41.985/1,000 pts"),
    (Value.of("3", POINTS, "~", flags=("conflicting", "derived", "other")), False, "~3 điểm", "~3 points"),
    (Value.of("3", POINTS, "~", flags=("conflicting", "derived", "inferred")), True,
     "khoảng 3 điểm, suy ra, suy đoán, các nguồn không thống nhất",
     "about 3 points, derived, inferred, sources disagree"),
    (Value.of("3", RANK, "<"), False, "<hạng 3", "<rank 3"),
    (Value.of("3", RANK, ">"), True, "trên hạng 3", "above rank 3"),
    (Value.of("3", RANK, "<="), True, "tối đa hạng 3", "at most rank 3"),
    (Value.of("3", RANK, "<="), False, "≤hạng 3", "≤rank 3"),
])
def test_a_value_with_its_qualifier_and_unit(value, words, vi, en):
    assert (locale("vi").value(value, words), locale("en").value(value, words)) == (vi, en)


@pytest.mark.parametrize(("value", "vi", "en"), [
    (Value.of("1.5", PERCENT, "<="), "≤1,5", "≤1.5"), (Value.of("1.5", PERCENT, ">="), "≥1,5", "≥1.5"),
    (Value.of(None), "–", "–"), (Value.of("1", PERCENT, "range", "2.5"), "1–2,5", "1–2.5"),
    (Value.of("7", LABELLED), "7", "7"), (Value.of("7", RANK, "~"), "~7", "~7"),
])
def test_a_chart_label_is_the_number_and_its_sign(value, vi, en):
    assert (locale("vi").number_label(value), locale("en").number_label(value)) == (vi, en)


DOSSIERS = Unit("plain", label=Text("hồ sơ", "dossiers"))


@pytest.mark.parametrize(("start", "end", "vi", "en"), [
    (Value.of("3", RANK), Value.of("5", RANK), "giảm 2 bậc", "down 2 places"),
    (Value.of("5", RANK), Value.of("4", RANK), "tăng 1 bậc", "up 1 place"),
    (Value.of("2", RANK), Value.of("3", RANK), "giảm 1 bậc", "down 1 place"),
    (Value.of("4", RANK), Value.of("4", RANK), "giữ nguyên thứ hạng", "no change in rank"),
    (Value.of("84.70", PERCENT), Value.of("86.97", PERCENT), "+2,27 điểm phần trăm", "+2.27 percentage points"),
    (Value.of("50", Unit("scale", "80")), Value.of("47.5", Unit("scale", "80")), "−2,5 điểm", "−2.5 points"),
    (Value.of("1", POINTS), Value.of("1", POINTS), "±0 điểm", "±0 points"),
    (Value.of("10", DOSSIERS), Value.of("7", DOSSIERS), "−3 hồ sơ", "−3 dossiers"),
    (Value.of("10"), Value.of("12"), "+2", "+2"),
    (Value.of("50", RANK, "<"), Value.of("3", RANK), "từ dưới hạng 50 đến hạng 3", "from below rank 50 to rank 3"),
])
def test_a_change_in_its_own_unit(start, end, vi, en):
    change = Change(start, 2020, end, 2022)
    assert (locale("vi").change(change), locale("en").change(change)) == (vi, en)


def test_what_a_change_is_measured_against():
    vi, en = locale("vi"), locale("en")
    gap = Change(Value.of("1"), 2020, Value.of("2"), 2024, (2021, 2022, 2023))
    assert (vi.since(gap), en.since(gap)) == (
        "So với 2020, 4 năm trước (không có số liệu để so sánh cho 2021–2023):",
        "Compared with 2020, 4 years earlier (no figure to compare for 2021–2023):")
    near = Change(Value.of("1"), 2023, Value.of("2"), 2024)
    assert (vi.since(near), en.since(near)) == ("So với 2023:", "Compared with 2023:")


def test_counts_and_plural_forms():
    vi, en = locale("vi"), locale("en")
    assert (vi.count(Count(None, "count.item")), en.count(Count(None, "count.item"))) == (
        "chưa rõ số kết luận, kiến nghị và vấn đề được nêu",
        "number of conclusions, recommendations and issues raised not known")
    assert (en.count(Count(1, "count.item")), en.count(Count(0, "count.item")), vi.count(Count(1234, "count.item"))) \
        == ("1 conclusion, recommendation or issue raised", "0 conclusions, recommendations and issues raised",
            "1.234 kết luận, kiến nghị và vấn đề được nêu")
    assert (en.plural("value.about", 1, value="x"), en.plural("no.key", 2), vi.plural("change.places_same", 1)) == (
        "about x", "no.key", "giữ nguyên thứ hạng")


def test_the_leaders_of_a_ranking_and_its_coverage():
    vi, en = locale("vi"), locale("en")
    a, b = Entry("A", Value.of("84.2")), Entry("B", Value.of("84.2"))
    c, d = Entry("C", Value.of("50", PLAIN, "<")), Entry("D", Value.of("49"))
    ranking = Ranking((a, b, c, d), 63)
    assert (vi.leaders(ranking, (a,)), en.leaders(ranking, (a,))) == ("A (84,2)", "A (84.2)")
    assert (vi.leaders(ranking, (a, b)), en.leaders(ranking, (a, b))) == ("A và B (cùng 84,2)",
                                                                         "A and B (tied at 84.2)")
    # a tie is worded with the first entry's value, in words: its caveats too
    e, f = Entry("E", Value.of("7", PLAIN, flags=("derived",))), Entry("F", Value.of("7"))
    assert (vi.leaders(ranking, (e, f)), en.leaders(ranking, (e, f))) == ("E và F (cùng 7, suy ra)",
                                                                         "E and F (tied at 7, derived)")
    assert (vi.leaders(ranking, (c, d)), en.leaders(ranking, (c, d))) == ("C (dưới 50) hoặc D (49)",
                                                                         "C (below 50) or D (49)")
    assert (vi.coverage(ranking, "coverage.units"), en.coverage(ranking, "coverage.units")) == (
        "trong 4 đơn vị đã biết điểm (trên tổng số 63 đơn vị được xếp hạng)",
        "of the 4 units with a known score (of 63 ranked)")
    assert (en.coverage(Ranking((a, b), 2), "coverage.units"), en.coverage(Ranking((a,)), "coverage.units")) == (
        "of the 2 units with a known score", "of the 1 units with a known score")
