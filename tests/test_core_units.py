"""Small core helpers, value by value: text, links between pages, addresses from data, file bytes.

These are the functions every page and download goes through; each assertion states the exact value, so a
mutation of the code (tests/mutation.py) fails one of them.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import Package, Resource, make_project, settings_for

from generator import pipeline
from generator.core.checks.urls import link_target, scheme, unsafe
from generator.core.claims import (
    PERCENT,
    PLAIN,
    POINTS,
    RANK,
    Change,
    Count,
    Entry,
    Ranking,
    Unit,
    Value,
    change_between,
    missing_periods,
)
from generator.core.read.files import normalised
from generator.core.render.links import relative_link, served_url
from generator.core.text import Text, en_of, fold, one_line, printable, slug, text_of, without_marks

# -- text -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [
    ("x", "x"), ({"": "mặc định", "vi": "vi", "en": "en"}, "mặc định"), ({"vi": "vi", "en": "en"}, "vi"),
    ({"fr": "fr", "en": "en"}, "en"), ({"fr": "fr", "de": "de"}, "fr"), ({"vi": 3, "fr": "fr"}, "fr"),
    ({"vi": 3}, ""), (None, ""), (3, ""), ([], ""),
])
def test_text_of_a_descriptor_value(value, expected):
    assert text_of(value) == expected


@pytest.mark.parametrize(("mapping", "expected"), [
    ({"x-minhbach": {"title_en": "ext"}, "title_en": "plain", "title": {"en": "object"}}, "ext"),
    ({"x-minhbach": {"title_en": ""}, "title_en": "plain"}, "plain"),
    ({"x-minhbach": "not a mapping", "title_en": "plain"}, "plain"),
    ({"title_en": 3, "title": {"en": "object"}}, "object"),
    ({"title": {"vi": "chỉ tiếng Việt"}}, ""), ({"title": "Tiêu đề"}, ""), ({}, ""),
])
def test_english_of_a_descriptor_key(mapping, expected):
    assert en_of(mapping, "title") == expected


def test_printable_drops_controls_but_keeps_tabs_and_line_ends():
    assert printable("a\x00b\x07c\x1fd\x7fe\x85f\x9fg\ufffeh\uffffi\tj\nk\rl") == "abcdefghi\tj\nk\rl"
    assert printable("Đồng Nai ₫ \u00a0") == "Đồng Nai ₫ \u00a0"  # U+00A0 is the first character kept
    # Bidirectional controls and invisible characters go too; the joiners and direction marks stay.
    assert printable("và 1\u202e8 K0\u200b1\u2066\u2069\u2060\u2064\ufeff") == "và 18 K01"
    assert printable("\u200c\u200d\u200e\u200f") == "\u200c\u200d\u200e\u200f"


def test_one_line_joins_runs_of_white_space():
    assert one_line("  A &\n\n <b>\t*x*\r\n\x07 ") == "A & <b> *x*"


@pytest.mark.parametrize(("text", "folded", "bare", "slugged"), [
    ("Đồng Nai", "dong nai", "Dong Nai", "dong-nai"),
    ("Bà Rịa - Vũng Tàu", "ba ria - vung tau", "Ba Ria - Vung Tau", "ba-ria-vung-tau"),
    ("đường ĐÔNG", "duong dong", "duong DONG", "duong-dong"),
    ("  GS-2024/06_11 K01 ", "  gs-2024/06_11 k01 ", "  GS-2024/06_11 K01 ", "gs-2024-06-11-k01"),
    ("***", "***", "***", "x"),
])
def test_fold_marks_and_slug(text, folded, bare, slugged):
    assert (fold(text), without_marks(text), slug(text)) == (folded, bare, slugged)


def test_bilingual_text():
    text = Text.of({"topic_vi": "Chủ đề", "topic_en": "Topic", "topic": "ignored"}, "topic")
    assert (text.vi, text.en, text.get("vi"), text.get("en"), text.get("fr")) == (
        "Chủ đề", "Topic", "Chủ đề", "Topic", "Chủ đề")
    assert Text.of({"topic": "Chủ đề"}, "topic") == Text("Chủ đề", "")
    assert Text.of({"topic_vi": "", "topic": "dự phòng", "topic_en": None}, "topic") == Text("dự phòng", "")
    assert Text.of({}, "topic") == Text("", "")
    assert Text({"vi": "a", "en": "b"}, {"en": "c"}) == Text("a", "c")
    assert Text("chỉ tiếng Việt").get("en") == "chỉ tiếng Việt"
    assert (bool(Text()), bool(Text("", "en")), bool(Text("vi"))) == (False, True, True)
    assert Text("a", "b") != Text("a", "c") and Text("a", "b") != ("a", "b")
    assert hash(Text("a", "b")) == hash(Text("a", "b")) and len({Text("a", "b"), Text("a", "b")}) == 1
    assert repr(Text("a", "b")) == "Text('a', 'b')"


# -- links between pages ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("uri", "served"), [
    ("index.md", ""), ("a/index.md", "a/"), ("a/b.md", "a/b/"), ("a/bindex.md", "a/bindex/"),
    ("a/b.svg", "a/b.svg"), ("", ""),
])
def test_served_url(uri, served):
    assert served_url(uri) == served


@pytest.mark.parametrize(("page", "target", "link"), [
    ("index.md", "co-quan/snv.md", "co-quan/snv/"),
    ("co-quan/snv.md", "co-quan/snv.md", "./"),
    ("co-quan/snv.md", "co-quan/stc.md", "../../co-quan/stc/"),
    ("co-quan/index.md", "co-quan/stc.md", "stc/"),
    ("co-quan/index.md", "index.md", "../"),
    ("giam-sat/gs-1.md", "giam-sat/gs-1.md#k01", "./#k01"),
    ("giam-sat/gs-1.md", "#k01", "./#k01"),
    ("a/b/c.md", "assets/x.svg", "../../../assets/x.svg"),
    ("index.md", "tai-ve/SHA256SUMS", "tai-ve/SHA256SUMS"),
    # from a file that is not a page (its folder is where links start)
    ("tai-ve/SHA256SUMS", "index.md", "../"),
    ("a/b/c.txt", "a/b/d.md", "d/"),
    ("a/b/c.txt", "a/e.md", "../../a/e/"),
])
def test_relative_link(page, target, link):
    assert relative_link(page, target) == link


# -- addresses from data ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "found", "target", "is_unsafe"), [
    ("https://x.vn/a", "https", "https://x.vn/a", False),
    (" HTTP://x.vn ", "http", "HTTP://x.vn", False),
    ("mailto:a@b.vn", "mailto", "mailto:a@b.vn", False),
    ("java\tscript:alert(1)", "javascript", "", True),
    ("\x01 JaVa\nScRiPt:x", "javascript", "", True),
    ("data:text/html,x", "data", "", True),
    ("a+b.c-d:x", "a+b.c-d", "", True),
    ("1http:x", "", "", False),
    ("!javascript:x", "", "", False),  # only controls and spaces are dropped before a scheme
    ("XXdata:x", "xxdata", "", True),
    ("docs/licence.txt", "", "", False),
    ("", "", "", False),
])
def test_a_scheme_is_read_the_way_a_browser_reads_it(value, found, target, is_unsafe):
    assert (scheme(value), link_target(value), unsafe(value)) == (found, target, is_unsafe)
    assert unsafe(None) is False


def test_an_unsafe_address_in_a_data_table_is_reported_at_its_cell(project):
    sources = project / "nguon" / "data" / "sources.csv"
    long = "javascript:" + "x" * 100
    sources.write_text(sources.read_text("utf-8") + f"bad,{long},X,press\nok,docs/a.pdf,Y,press\n", "utf-8")
    problems = [p for p in pipeline.check(settings_for(project)).problems if p.code == "unsafe-url"]
    assert [(p.path, p.line, p.column, p.field, dict(p.params)) for p in problems] == [
        ("datasets/nguon/data/sources.csv", 4, None, "url",
         {"value": long[:79] + "…", "allowed": "http, https, mailto"})]


def test_an_unsafe_address_in_a_descriptor_is_reported_at_its_key(tmp_path):
    """Licences and sources of the package and of each resource, by ``path`` or the legacy ``url``."""
    exactly_80 = "javascript:" + "x" * 69
    package = Package("p", (Resource("t", ("id:integer",), rows="1\n", resource_extra="""
        licenses: [{name: X, path: "vbscript:x"}]
        sources: [{title: S, url: "data:text/html,x"}, "not a mapping"]
        """),), f"""
        licenses:
          - {{name: CC-BY-4.0, path: "https://creativecommons.org/licenses/by/4.0/"}}
          - {{name: X, path: "javascript:alert(1)"}}
        sources:
          - {{title: S, path: "{exactly_80}"}}
          - {{title: T, url: "docs/a.pdf"}}
        """)
    lines = package.write(tmp_path / "d").joinpath("datapackage.yaml").read_text("utf-8").splitlines()
    problems = [p for p in pipeline.check(settings_for(tmp_path / "d")).problems if p.code == "unsafe-url"]
    expected = [("javascript:alert(1)", "path"), (exactly_80, "path"), ("vbscript:x", "path"),
                ("data:text/html,x", "url")]
    # each at the line of its value and the column of its key
    at = [next((n + 1, line.index(f"{key}: ") + 1) for n, line in enumerate(lines) if f'"{value}"' in line)
          for value, key in expected]
    assert [(p.path, p.line, p.column, p.field, dict(p.params)) for p in sorted(problems, key=lambda p: p.line)] == [
        ("d/p/datapackage.yaml", line, column, key, {"value": value, "allowed": "http, https, mailto"})
        for (line, column), (value, key) in zip(at, expected, strict=True)]


# -- file bytes -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("data", "expected"), [
    (b"\xef\xbb\xbfid,name\r\n1,a\r\n", b"id,name\n1,a\n"),
    (b"id,name\r1,a\r", b"id,name\n1,a\n"),
    (b"id\r\n\r\n1\n", b"id\n\n1\n"),
    (b"a\xef\xbb\xbfb\n", b"a\xef\xbb\xbfb\n"),  # only a leading mark is a byte-order mark
    (b"\xef\xbb", b"\xef\xbb"),
    (b"", b""),
])
def test_file_bytes_lose_the_byte_order_mark_and_end_lines_with_lf(data, expected):
    assert normalised(data) == expected


def test_make_project_is_valid(tmp_path):
    """The fixture the tests above break on purpose is itself clean."""
    assert pipeline.check(settings_for(make_project(tmp_path / "d"))).problems == []


# -- claims: values as the source states them -------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    (">=12", (Decimal("12"), ">=")), ("<= 3.5", (Decimal("3.5"), "<=")), ("~40", (Decimal("40"), "~")),
    ("<50", (Decimal("50"), "<")), ("> 7", (Decimal("7"), ">")), (" 84.70 ", (Decimal("84.70"), "")),
    ("9/9", None), (">=x", None), ("", None), (None, None), ("~", None),
])
def test_a_value_written_as_text_keeps_its_qualifier(text, expected):
    unit = Unit.of_label(Text("hồ sơ", "dossiers"))
    value = Value.parse(text, unit, ("derived",))
    assert (None if value is None else (value.number, value.qualifier)) == expected
    if value is not None:
        assert (value.unit, value.flags, value.upper) == (unit, ("derived",), None)
        assert str(value.number) == str(expected[0])  # 84.70 keeps its stated decimals


def test_default_unit_and_flags_of_a_parsed_value():
    assert Value.parse("5") == Value(Decimal("5"), PLAIN, "", None, ())
    assert Value.parse(">=5") == Value(Decimal("5"), PLAIN, ">=", None, ())


@pytest.mark.parametrize(("label", "unit"), [
    (Text("%", "%"), PERCENT), (Text(" % ", ""), PERCENT), (Text("phần trăm", " %"), PERCENT),
    (Text("hồ sơ", "dossiers"), Unit("plain", label=Text("hồ sơ", "dossiers"))),
    (Text("", "dossiers"), Unit("plain", label=Text("", "dossiers"))), (Text(), PLAIN),
])
def test_the_unit_of_an_indicator_label(label, unit):
    assert Unit.of_label(label) == unit


def test_a_change_starts_at_the_latest_known_period_and_names_the_periods_skipped():
    known = Value(Decimal("3"), RANK)
    series = {2012: known, 2014: Value(Decimal("40"), RANK), 2015: Value(None, RANK), 2018: Value(Decimal("33"), RANK),
              2019: Value(None, RANK)}
    change = change_between(series, 2018)
    assert (change.start_period, change.start.number, change.end_period, change.missing) == (
        2014, Decimal("40"), 2018, (2015, 2016, 2017))
    assert (change.delta, change.years, change.kind) == (Decimal("-7"), 4, "places")
    assert change_between(series, 2014).missing == (2013,)
    assert change_between({2014: known, 2015: known}, 2015).missing == ()
    assert [change_between(series, p) for p in (2012, 2019, 2020)] == [None, None, None]  # no start, no end
    assert change_between({2018: known, 2020: known}, 2018) is None  # only a later period


@pytest.mark.parametrize(("periods", "missing"), [
    ([2012, 2013, 2016, 2019], (2014, 2015, 2017, 2018)), ({2020, 2018}, (2019,)), ([2015], ()),
    ([2014, 2015], ()), ([], ()), (set(), ()),
])
def test_missing_periods_are_the_gaps_between_the_first_and_the_last(periods, missing):
    assert missing_periods(periods) == missing


def _v(text: str) -> Value:
    return Value.parse(text) if text else Value(None)


def test_ranking_ends_name_every_tie_and_every_entry_a_bound_leaves_open():
    ranking = Ranking(tuple(Entry(name, _v(text)) for name, text in [
        ("a", "84.70"), ("b", "84.70"), ("c", "<50"), ("d", "60"), ("e", ""), ("f", "84.7")]), ranked=63)
    assert [e.name for e in ranking.highest()] == ["a", "b", "f"]  # 84.70 == 84.7: a tie of three
    assert [e.name for e in ranking.lowest()] == ["c"]  # below 50 is surely below 60
    assert (ranking.known, ranking.partial) == (6, True)
    assert Ranking.tied(ranking.highest()) and not Ranking.tied(ranking.lowest())
    open_order = Ranking((Entry("x", _v("<50")), Entry("y", _v("49"))))
    assert [e.name for e in open_order.lowest()] == ["x", "y"] and not Ranking.tied(open_order.lowest())
    assert [e.name for e in open_order.highest()] == ["x", "y"]
    assert not Ranking.tied((Entry("p", _v("5")), Entry("q", _v("~5"))))  # "about 5" is no tie with 5
    assert not Ranking.tied((Entry("p", _v("5")), Entry("q", _v("6"))))
    assert not Ranking.tied((Entry("p", _v("5")),))  # one entry is no tie
    assert (Ranking((), 3).partial, Ranking((Entry("p", _v("1")),), 1).partial, Ranking(()).partial) == (
        True, False, False)


@pytest.mark.parametrize(("a", "b", "above"), [
    ("5", "4", True), ("5", "5", False), ("4", "5", False), (">5", "5", True), (">=5", "5", False),
    (">=5", "<5", True), (">=5", "<=5", False), ("5", "<5", True), ("<5", "4", False), ("5", ">4", False),
    ("~5", "4", True), ("", "4", False), ("5", "", False),
])
def test_surely_above_compares_what_the_values_allow(a, b, above):
    assert _v(a).surely_above(_v(b)) is above


def test_value_of_normalises_its_qualifier_and_range():
    assert Value.of("12", qualifier=" >= ") == Value(Decimal("12"), PLAIN, ">=")
    assert Value.of("12", qualifier="about") == Value(Decimal("12"))
    assert Value.of("1", qualifier="range", upper="3") == Value(Decimal("1"), PLAIN, "range", Decimal("3"))
    assert Value.of("1", qualifier="range") == Value(Decimal("1"))  # a range without its end is the number
    assert Value.of("1", upper="3") == Value(Decimal("1"))
    assert Value.of(True) == Value(None) and Value.of("") == Value(None) and Value.of("x") == Value(None)
    assert Value.of(Decimal("2.50"), flags=["derived"]) == Value(Decimal("2.50"), flags=("derived",))
    assert Value.of(1, qualifier="range", upper=3).interval() == (Decimal(1), False, Decimal(3), False)
    assert [(v.known, v.exact, v.bound) for v in map(_v, ["5", "~5", "<5", ""])] == [
        (True, True, False), (True, False, False), (True, False, True), (False, False, False)]


@pytest.mark.parametrize(("score_unit", "unit", "change_kind"), [
    ("%", PERCENT, "percentage_points"), (" /80 ", Unit("scale", "80"), "points"), ("/x", Unit("plain", label=Text(
        "/x", "/x")), "plain"), ("Points", POINTS, "points"), ("điểm", POINTS, "points"), ("point", POINTS, "points"),
    ("/8", Unit("scale", "8"), "points"), ("a80", Unit("plain", label=Text("a80", "a80")), "plain"),
    ("", PLAIN, "plain"), (None, PLAIN, "plain"),
])
def test_the_unit_of_a_score(score_unit, unit, change_kind):
    assert (Unit.of_score(score_unit), Unit.of_score(score_unit).change_kind) == (unit, change_kind)
    assert RANK.change_kind == "places"


def test_a_change_has_a_delta_only_between_exact_values():
    start, end = Value(Decimal("80.5"), PERCENT), Value(Decimal("84.70"), PERCENT)
    assert Change(start, 2020, end, 2023).delta == Decimal("4.20")
    assert Change(start, 2020, Value(Decimal("50"), PERCENT, "<"), 2023).delta is None
    assert Change(Value(Decimal("50"), PERCENT, "~"), 2020, end, 2023).delta is None
    assert (Change(start, 2020, end, 2023).kind, Change(start, 2020, end, 2023).years) == ("percentage_points", 3)
    assert (Count(None, "x").known, Count(0, "x").known) == (False, True)


@pytest.mark.parametrize(("text", "interval"), [
    ("<5", (None, True, Decimal(5), True)), ("<=5", (None, True, Decimal(5), False)),
    (">5", (Decimal(5), True, None, True)), (">=5", (Decimal(5), False, None, True)),
    ("5", (Decimal(5), False, Decimal(5), False)), ("~5", (Decimal(5), False, Decimal(5), False)),
])
def test_the_interval_a_value_allows(text, interval):
    """An unbounded side (None) is open: no number reaches it."""
    assert _v(text).interval() == interval


def test_a_range_includes_its_ends():
    span = Value.of(1, qualifier="range", upper=3)
    assert not span.surely_above(_v("1")) and not _v("3").surely_above(span) and _v("3.5").surely_above(span)


# --- collector.py ---------------------------------------------------------------------------------------------


def test_the_collector_is_paused_inside_the_block_and_as_it_was_after():
    import gc

    from generator.core import collector

    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), collector.paused():
        raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with collector.paused():
            pass
        assert not gc.isenabled()  # a caller that had it off keeps it off
    finally:
        gc.enable()


def test_reading_and_modelling_run_with_the_collector_paused_and_the_downloads_in_a_thread(monkeypatch, tmp_path):
    """``prepare_build`` reads and models paused; the collector is on again after, and the downloads are made
    in a thread of their own (while the caller makes the pages), from the models already made."""
    import gc
    import threading

    states = []
    for name in ("load_datasets", "prepare", "downloads"):
        real = getattr(pipeline, name)

        def spy(*args, real=real, name=name, **kwargs):
            states.append((name, gc.isenabled(), threading.current_thread() is threading.main_thread()))
            return real(*args, **kwargs)
        monkeypatch.setattr(pipeline, name, spy)
    prepared = pipeline.prepare_build(settings_for(make_project(tmp_path / "d")))
    shared = prepared.shared  # waits for the downloads and the bulk zip
    assert prepared.site is not None and gc.isenabled()
    assert {a.uri for a in prepared.downloads.result()} < {a.uri for a in shared}
    assert states == [("load_datasets", False, True), ("prepare", False, True), ("downloads", True, False)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Cải cách", "Cải cách"),
    ("Cải cách hành chính", "Cải cách…"),  # the cut word goes
    ("một hai, ba bốn", "một hai…"),  # with what it leaves behind
    ("mộthaibabốn năm", "mộthaibab…"),  # a word longer than the room is cut inside
    ("A & B <c> d", "A & B <c>…"),  # text, cut before the title is escaped: no entity is cut
    ("Dữ: ตารางข้อมูลประชากร", "Dữ: ตาราง…"),  # a word that is most of the room is cut inside, not dropped
    ("1/1 · Quảnlýantoàn", "1/1 · Quả…"),  # (new8b #1: "Dữ liệu…" was all a Thai title left)
])
def test_a_short_title_is_cut_after_a_whole_word(text, expected):
    from generator.core.text import cut_at_word

    assert cut_at_word(text, 10) == expected and len(cut_at_word(text, 10)) <= 10


@pytest.mark.parametrize(("text", "expected"), [
    # a short bracket that ends the title stays (new8a: the English PAPI title lost its "(PAPI)")
    ("Provincial Governance and Public Administration Performance Index (PAPI)",
     "Provincial Governance and Public Administration Performance… (PAPI)"),
    # no bracket is left open: "(Nghị…" said nothing (new8a)
    ("11/12/2022 · Giám sát việc thực hiện Nghị quyết 131/2020/QH14 (Nghị quyết về chính quyền đô thị)",
     "11/12/2022 · Giám sát việc thực hiện Nghị quyết 131/2020/QH14…"),
])
def test_a_short_title_keeps_its_acronym_and_leaves_no_bracket_open(text, expected):
    from generator.core.text import TITLE_LIMIT, cut_at_word

    assert cut_at_word(text) == expected and len(expected) <= TITLE_LIMIT
