"""The automatic chart says no more than its numbers (audit "facts2", findings 1, 2, 4, 6 and 8).

Each test is a table the audit found misdescribed: rows without a period dropped silently, a time axis ticked in
grouped decimal years, a line drawn across missing periods, a year-only date given a day, a calendar column taken
as the measure and the sentence naming only the first line. Tables are built in memory (catalogue.model's
``ResourceInfo`` over a ``Table``); the drawing is matplotlib's own, read back from its axes or its SVG text.
"""

from __future__ import annotations

import re

import matplotlib
import pytest

from generator.catalogue.autochart import auto_chart, is_calendar_or_place, precision
from generator.catalogue.model import ResourceInfo
from generator.core.charts import draw
from generator.core.charts.spec import segments
from generator.core.locale import locale
from generator.core.read.table import FieldSpec, Row, Table
from generator.core.text import Text

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 - the backend first


def table(*fields: FieldSpec, rows: list[tuple[str, ...]]) -> ResourceInfo:
    header = [f.name for f in fields]
    index = {name: i for i, name in enumerate(header)}
    body = [Row(line, row, index) for line, row in enumerate(rows, 2)]
    return ResourceInfo("t", Text("Bảng", "Table"), Text(), Table("p", "t", list(fields), header, body))


def ticks(chart) -> list[str]:  # noqa: ANN001
    """The x-axis tick labels as drawn."""
    fig = plt.figure()
    try:
        draw._series(fig, chart)
        fig.canvas.draw()
        return [label.get_text() for label in fig.axes[0].get_xticklabels()]
    finally:
        plt.close(fig)


def lines(chart) -> list[list[float]]:  # noqa: ANN001
    """The x values of each line drawn (a point alone is a line of one)."""
    fig = plt.figure()
    try:
        draw._series(fig, chart)
        return [list(line.get_xdata()) for line in fig.axes[0].lines]
    finally:
        plt.close(fig)


CLOSED_FIRST = table(FieldSpec("closed", "date"), FieldSpec("year", "year"),
                     FieldSpec("cases", "integer", "Số vụ việc"),
                     rows=[("2020-05-01", "2018", "10"), ("", "2019", "40"), ("", "2020", "35"),
                           ("2021-03-01", "2021", "12"), ("2022-02-01", "2022", "15")])
MISSING_DATE = table(FieldSpec("day", "date"), FieldSpec("value", "number"),
                     rows=[("2024-01-01", "1"), ("", "100"), ("2024-01-03", "3"), ("2024-01-04", "4")])
THREE_GAPPY = table(FieldSpec("year", "year"), FieldSpec("value", "number"),
                    rows=[(str(year), cell) for year, cell in zip(range(2018, 2025), "1   2 3", strict=True)])
MONTH_GAP = table(FieldSpec("month", "yearmonth"), FieldSpec("value", "number"),
                  rows=[("2024-01", "1"), ("2024-02", "2"), ("2024-05", "3"), ("2024-06", "4")])
# gold-prices' `annual`: a year a row, with no row for 1960
ANNUAL = table(FieldSpec("Date", "year"), FieldSpec("Price", "number"),
               rows=[(str(year), str(30 + year % 7)) for year in range(1955, 1966) if year != 1960])
DEPLOYMENTS = table(FieldSpec("longitude", "number"), FieldSpec("start", "date", format="%x"),
                    rows=[("4.61612", "09/25/20"), ("4.651", "10/01/20"), ("4.62", "10/05/20")])


# -- 1. a row with no period is not dropped silently ----------------------------------------------------------------


def test_a_complete_period_column_is_chosen_over_a_sparse_date_column():
    """`closed` is empty in two rows; `year` is complete. Before: "3 values ... highest 15" (the rows with no
    `closed` dropped, no word said); the column has five values and its highest is 40 (2019)."""
    en, vi = auto_chart(CLOSED_FIRST, locale("en")), auto_chart(CLOSED_FIRST, locale("vi"))
    assert en.summary == ("Số vụ việc by year: 5 values from 2018 to 2022; lowest 10 (2018), highest 40 (2019).")
    assert vi.summary == ("Số vụ việc theo year: 5 giá trị từ 2018 đến 2022; thấp nhất 10 (2018), cao nhất 40 "
                          "(2019).")
    assert (en.x_label, en.csv_header, len(en.csv_rows), en.note) == ("year", ("year", "cases"), 5, "")


def test_rows_with_no_period_are_counted_in_the_note_when_no_column_is_complete():
    en, vi = auto_chart(MISSING_DATE, locale("en")), auto_chart(MISSING_DATE, locale("vi"))
    assert en.summary.startswith("value by day: 3 values from 1 Jan 2024 to 4 Jan 2024")
    assert en.note == "1 row has no day and is not drawn; the data table and the downloads keep it."
    assert vi.note == "Không vẽ 1 dòng không có day; bảng dữ liệu và các tệp tải về giữ nguyên các dòng đó."
    both = table(FieldSpec("day", "date"), FieldSpec("value", "number"),
                 rows=[("2024-01-01", "1"), ("", "100"), ("", "7"), ("2024-01-03", "3"), ("2024-01-04", "4"),
                       ("2024-01-05", "NaN")])
    assert auto_chart(both, locale("en")).note == (
        "1 cell that is not a finite number (NaN) is not drawn; the data table and the downloads keep it as written. "
        "2 rows have no day and are not drawn; the data table and the downloads keep them.")


# -- 2. a time axis is ticked in dates, never in grouped decimal years ----------------------------------------------


def test_an_axis_of_years_is_ticked_at_whole_years_without_grouping():
    """Before: "2018, 2.018,25, 2.018,5, 2.018,75, 2019 ..." (vi) and "2,018.5" (en)."""
    years = table(FieldSpec("year", "year"), FieldSpec("a", "integer"), FieldSpec("b", "integer"),
                  rows=[("2018", "1", "5"), ("2019", "2", "4"), ("2020", "3", "6")])
    for lang in ("vi", "en"):
        assert ticks(auto_chart(years, locale(lang))) == ["2018", "2019", "2020"]
    assert ticks(auto_chart(ANNUAL, locale("vi"))) == [str(year) for year in range(1956, 1966, 2)]


def test_an_axis_of_months_or_days_is_ticked_as_the_language_writes_them():
    """Before: "2024, 2,024.1, 2,024.2 ..." for months; "2.020,735 · 2.020,74 ..." for three dates in 2020."""
    # every other month: six labels of 11 pt do not fit the axis of a 4.4 in chart side by side (a8256ec)
    assert ticks(auto_chart(MONTH_GAP, locale("vi"))) == ["01/2024", "03/2024", "05/2024"]
    assert ticks(auto_chart(MONTH_GAP, locale("en")))[:2] == ["Jan 2024", "Mar 2024"]
    assert ticks(auto_chart(DEPLOYMENTS, locale("vi"))) == ["27/09/2020", "04/10/2020"]  # a week apart, as fits
    assert ticks(auto_chart(DEPLOYMENTS, locale("en"))) == ["27 Sept 2020", "4 Oct 2020"]
    long = table(FieldSpec("day", "date"), FieldSpec("n", "number"),
                 rows=[(f"{year}-{month:02d}-01", str(month)) for year in range(1950, 2026) for month in (1, 7)])
    assert ticks(auto_chart(long, locale("en"))) == [str(year) for year in range(1960, 2026, 20)]


@pytest.mark.parametrize("resource", [CLOSED_FIRST, MISSING_DATE, THREE_GAPPY, MONTH_GAP, ANNUAL, DEPLOYMENTS])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_tick_is_a_decimal_year(resource, lang):
    for label in ticks(auto_chart(resource, locale(lang))):
        assert not re.fullmatch(r"[\d.,]+", label) or re.fullmatch(r"\d{4}", label), label


# -- 4. gaps stay gaps ----------------------------------------------------------------------------------------------


def test_empty_cells_are_gaps_in_the_line_and_in_the_sentence():
    """Years 2018-2024 with values in 2018, 2022 and 2024 only: three points, no line (before: one line
    2018 -> 2022 -> 2024), and the sentence names the years with none, as the indicator charts do."""
    en, vi = auto_chart(THREE_GAPPY, locale("en")), auto_chart(THREE_GAPPY, locale("vi"))
    assert [[p.x for p in run] for run in segments(en.series[0].points)] == [[2018.0], [2022.0], [2024.0]]
    assert lines(en) == [[2018.0], [2022.0], [2024.0]]
    assert en.summary == ("value by year: 3 values from 2018 to 2024; lowest 1 (2018), highest 3 (2024); no figure "
                          "for 2019–2021 and 2023.")
    assert vi.summary.endswith("; không có số liệu cho 2019–2021 và 2023.")


def test_a_period_missing_from_the_file_is_a_gap_in_a_regular_series():
    """gold-prices' annual series has no 1960 row: the line stops at 1959 and starts again at 1961 (before: joined
    across). Months: Feb -> May across the missing March and April."""
    annual = auto_chart(ANNUAL, locale("en"))
    assert lines(annual) == [[1955.0, 1956.0, 1957.0, 1958.0, 1959.0], [1961.0, 1962.0, 1963.0, 1964.0, 1965.0]]
    assert annual.summary.endswith("; no figure for 1960.")
    months = auto_chart(MONTH_GAP, locale("vi"))
    assert [len(line) for line in lines(months)] == [2, 2]
    assert months.summary.endswith("; không có số liệu cho 03/2024–04/2024.")


def test_an_irregular_series_is_joined_from_row_to_row_and_a_census_every_five_years_too():
    """Only a period the series' own rhythm expects is missing: three deployment dates (6 and 4 days apart) and a
    census every fifth year are lines, not dots."""
    assert [len(line) for line in lines(auto_chart(DEPLOYMENTS, locale("en")))] == [3]
    census = table(FieldSpec("year", "year"), FieldSpec("people", "integer"),
                   rows=[("2000", "5"), ("2005", "6"), ("2010", "8"), ("2015", "9")])
    chart = auto_chart(census, locale("en"))
    assert [len(line) for line in lines(chart)] == [4]
    assert "no figure" not in chart.summary
    skipped = table(FieldSpec("year", "year"), FieldSpec("people", "integer"),
                    rows=[("2000", "5"), ("2005", "6"), ("2010", "8"), ("2015", ""), ("2020", "9")])
    assert auto_chart(skipped, locale("en")).summary.endswith("; no figure for 2015.")


def test_many_gaps_are_counted_with_the_first_and_the_last():
    cells = [("" if year % 3 == 1 else str(year)) for year in range(2000, 2030)]
    many = table(FieldSpec("year", "year"), FieldSpec("n", "integer"),
                 rows=[(str(year), cell) for year, cell in zip(range(2000, 2030), cells, strict=True)])
    assert auto_chart(many, locale("en")).summary.endswith(
        "; 9 gaps with no figure (9 periods), the first 2002, the last 2026.")


# -- 6. a period is written as precisely as its column is ---------------------------------------------------------


def test_a_year_only_or_month_only_date_gets_no_invented_day():
    """Before: "from 01/01/2018 to 01/01/2020; lowest 1 (01/01/2019)" for a "%Y" date, "2018-01-01" in the CSV."""
    years = table(FieldSpec("yr", "date", format="%Y"), FieldSpec("value", "number"),
                  rows=[("2018", "3"), ("2019", "1"), ("2020", "2")])
    vi = auto_chart(years, locale("vi"))
    assert vi.summary == "value theo yr: 3 giá trị từ 2018 đến 2020; thấp nhất 1 (2019), cao nhất 3 (2018)."
    assert vi.csv_rows == (("2018", "3"), ("2019", "1"), ("2020", "2"))
    assert ticks(vi) == ["2018", "2019", "2020"]
    months = table(FieldSpec("month", "date", format="%Y-%m"), FieldSpec("value", "number"),
                   rows=[("2024-01", "3"), ("2024-02", "1"), ("2024-03", "2")])
    assert auto_chart(months, locale("vi")).summary == (
        "value theo month: 3 giá trị từ 01/2024 đến 03/2024; thấp nhất 1 (02/2024), cao nhất 3 (01/2024).")
    assert auto_chart(months, locale("en")).csv_rows[0] == ("2024-01", "3")


@pytest.mark.parametrize(("kind", "pattern", "expected"), [
    ("date", "%Y", "year"), ("date", "%Y-%m", "month"), ("date", "%m/%Y", "month"), ("date", "%b %Y", "month"),
    ("date", "%d/%m/%Y", "day"), ("date", "%x", "day"), ("date", "default", "day"), ("year", "default", "year"),
    ("yearmonth", "default", "month"), ("datetime", "%Y", "day"),
])
def test_the_precision_of_a_period_column(kind, pattern, expected):
    assert precision(FieldSpec("d", kind, format=pattern)) == expected


# -- 8. the sentence names the period column and every line; a calendar or place column is no measure ------------


def test_the_sentence_names_the_period_column_and_each_line_drawn():
    """Before: the alt text described only the first of two lines, and never said what the dates were."""
    two = table(FieldSpec("end_date", "date"), FieldSpec("start_year", "year"), FieldSpec("a", "integer"),
                FieldSpec("b", "integer"),
                rows=[("2022-03-01", "2020", "1", "5"), ("2023-03-01", "2021", "2", "4"),
                      ("2024-03-01", "2022", "3", "6")])
    chart = auto_chart(two, locale("en"))
    assert chart.summary == ("a by end_date: 3 values from 1 Mar 2022 to 1 Mar 2024; lowest 1 (1 Mar 2022), highest "
                             "3 (1 Mar 2024). b by end_date: 3 values from 1 Mar 2022 to 1 Mar 2024; lowest 4 (1 Mar "
                             "2023), highest 6 (1 Mar 2024).")
    assert chart.alt == f"Automatic line chart over time. {chart.summary}"


@pytest.mark.parametrize("ordered", [False, True])
def test_a_table_whose_only_numbers_are_categories_gets_no_chart(ordered):
    """status 10 Open, 20 Closed, 30 Withdrawn by date was a line, "lowest 10 …, highest 30" (generic audit, round 7,
    finding 4): codes ranked as amounts. Ordered ones neither: their steps are not equal amounts."""
    status = FieldSpec.from_descriptor({"name": "status", "type": "integer", "categoriesOrdered": ordered,
                                        "categories": [{"value": 10, "label": "Open"}, {"value": 20, "label": "Closed"},
                                                       {"value": 30, "label": "Withdrawn"}]})
    codes = table(FieldSpec("date", "date"), status,
                  rows=[("2024-01-01", "30"), ("2024-02-01", "10"), ("2024-03-01", "20"), ("2024-04-01", "30")])
    assert auto_chart(codes, locale("en")) is None


def test_a_calendar_or_coordinate_column_is_drawn_only_when_nothing_else_measures():
    """`month` (a calendar part) was "the measure" beside `visitors`; `longitude` of a camera is drawn only because
    its table has nothing else, and the sentence then says it is the longitude by start date."""
    visits = table(FieldSpec("date", "date"), FieldSpec("month", "integer"), FieldSpec("visitors", "integer"),
                   rows=[("2024-01-15", "1", "100"), ("2024-02-15", "2", "120"), ("2024-03-15", "3", "90")])
    chart = auto_chart(visits, locale("en"))
    assert [s.label for s in chart.series] == ["visitors"]
    assert chart.summary == ("visitors by date: 3 values from 15 Jan 2024 to 15 Mar 2024; lowest 90 (15 Mar 2024), "
                             "highest 120 (15 Feb 2024).")
    assert auto_chart(DEPLOYMENTS, locale("vi")).summary.startswith("longitude theo start: 3 giá trị")
    place = table(FieldSpec("day", "date"), FieldSpec("lat", "number"), FieldSpec("lon", "number"),
                  FieldSpec("depth_m", "number"),
                  rows=[("2024-01-01", "10.5", "106.7", "3"), ("2024-01-02", "10.6", "106.8", "4"),
                        ("2024-01-03", "10.7", "106.9", "5")])
    assert [s.label for s in auto_chart(place, locale("en")).series] == ["depth_m"]


@pytest.mark.parametrize(("name", "expected"), [
    ("month", True), ("Day", True), ("day_of_week", True), ("quarter", True), ("latitude", True), ("lon", True),
    ("startLat", True), ("visitors", False), ("days_open", False), ("Number of Days", False), ("monthly_total", False),
    ("population", False), ("along", False),
])
def test_calendar_and_place_words(name, expected):
    assert is_calendar_or_place(name) is expected


def test_a_line_whose_values_are_all_the_same_says_so_once():
    """co2's Uncertainty of 0.12 in all 67 years was "lowest 0.12 (1959, 1960, ... 2025), highest 0.12 (1959, ...)"."""
    same = table(FieldSpec("year", "year"), FieldSpec("v", "number"),
                 rows=[("2018", "5"), ("2019", "5"), ("2020", ""), ("2021", "5")])
    assert auto_chart(same, locale("en")).summary == "v by year: 3 values from 2018 to 2021, all 5; no figure for 2020."
    assert auto_chart(same, locale("vi")).summary == ("v theo year: 3 giá trị từ 2018 đến 2021, đều bằng 5; không "
                                                      "có số liệu cho 2020.")


def _monthly(lows: int) -> ResourceInfo:
    """The months of 1931 and January 1932, the first ``lows`` at the lowest value (1), the others each higher."""
    months = [f"1931-{m:02d}" for m in range(1, 13)] + ["1932-01"]
    return table(FieldSpec("month", "yearmonth"), FieldSpec("price", "number"),
                 rows=[(month, "1" if n <= lows else str(n)) for n, month in enumerate(months, 1)])


def test_a_long_tie_at_the_lowest_names_three_periods_and_counts_the_others():
    """gold-prices' monthly price is lowest in each of the 12 months of 1931: the sentence named all twelve. It
    names three and counts the others, so it is as true and says how many periods reach that value."""
    assert auto_chart(_monthly(12), locale("en")).summary == (
        "price by month: 13 values from Jan 1931 to Jan 1932; lowest 1 (Jan 1931, Feb 1931, Mar 1931 and 9 other "
        "periods), highest 13 (Jan 1932).")
    assert auto_chart(_monthly(12), locale("vi")).summary == (
        "price theo month: 13 giá trị từ 01/1931 đến 01/1932; thấp nhất 1 (01/1931, 02/1931, 03/1931 và 9 kỳ khác), "
        "cao nhất 13 (01/1932).")
    assert "Mar 1931 and 1 other period)" in auto_chart(_monthly(4), locale("en")).summary
    assert "03/1931 và 1 kỳ khác)" in auto_chart(_monthly(4), locale("vi")).summary
    # three are named, all of them
    assert "lowest 1 (Jan 1931, Feb 1931 and Mar 1931)" in auto_chart(_monthly(3), locale("en")).summary


def _days(count: int) -> ResourceInfo:
    from datetime import date, timedelta

    start = date(2000, 1, 1)
    return table(FieldSpec("day", "date"), FieldSpec("amount", "number"),
                 rows=[((start + timedelta(days=i)).isoformat(), str(i % 97)) for i in range(count)])


def test_a_table_longer_than_a_chart_can_show_gets_no_chart_and_says_so():
    """hostile8 #4: 200,000 days took 94 s and 0.9 GB to chart, a million more than three minutes and 2.6 GB,
    every file within its size limit. A table of more rows than MAX_ROWS has no chart, decided from its row count
    before a cell is read; one row fewer is still drawn."""
    from generator.catalogue.autochart import MAX_ROWS, too_long

    longest, longer = _days(MAX_ROWS), _days(MAX_ROWS + 1)
    chart = auto_chart(longest, locale("vi"))
    assert chart is not None and len(chart.series[0].points) == MAX_ROWS and not too_long(longest)
    assert auto_chart(longer, locale("vi")) is None and too_long(longer)
    words = table(FieldSpec("name", "string"), FieldSpec("amount", "number"), rows=[("a", "1")] * (MAX_ROWS + 1))
    assert not too_long(words)  # no period column: no chart to refuse, nothing to say


def test_a_long_series_writes_only_the_periods_its_sentence_names(monkeypatch):
    """Each row's period was written by Babel for the ranking (50,000 days: 12 s a language); the ends depend on
    the values alone, and the sentence names at most MAX_TIED periods at each end."""
    from generator.catalogue import autochart

    calls = []
    real = autochart._period
    monkeypatch.setattr(autochart, "_period", lambda *args: calls.append(args) or real(*args))
    chart = auto_chart(_days(5_000), locale("en"))
    assert chart is not None and "lowest" in chart.summary
    assert len(calls) < 20, len(calls)


@pytest.mark.parametrize("lang, said", [
    ("vi", "Bảng này không có biểu đồ tự động: nó có 4 dòng, nhiều hơn 3 dòng"),
    ("en", "This table has no automatic chart: it has 4 rows, more than the 3 a chart")])
def test_the_page_of_a_table_too_long_to_chart_says_why_it_has_none(tmp_path, monkeypatch, lang, said):
    from conftest import settings_for

    from generator import pipeline
    from generator.catalogue import autochart, pages

    monkeypatch.setattr(autochart, "MAX_ROWS", 3)
    monkeypatch.setattr(pages, "MAX_ROWS", 3)
    folder = tmp_path / "datasets" / "p"
    folder.mkdir(parents=True)
    (folder / "t.csv").write_text("day,amount\n2020-01-01,1\n2020-01-02,2\n2020-01-03,3\n2020-01-04,4\n")
    (folder / "datapackage.yaml").write_text("name: p\nresources:\n  - name: t\n    path: t.csv\n    schema:\n"
                                             "      fields: [{name: day, type: date}, {name: amount, type: number}]\n")
    settings = settings_for(tmp_path / "datasets")
    output = pipeline.publish(pipeline.prepare(pipeline.check(settings), settings), locale(lang))
    page = next(p.text() for p in output.pages if p.uri == "du-lieu/p.md")
    assert said in page and not [c for c in output.charts if "auto-p-t" in c.chart.slug]


def test_a_series_of_trading_days_counts_only_its_days_of_the_week():
    """generic8 #3: an oil price, one row a trading day, was "2,096 gaps with no figure (4,378 periods)": every
    weekend. Counted along the days of the week its rows fall on, Friday and Monday follow each other, the line
    is joined across a weekend, and only a missing weekday (a holiday) is a gap."""
    from datetime import date, timedelta

    start = date(2024, 1, 1)  # a Monday
    days = [start + timedelta(days=i) for i in range(60) if (start + timedelta(days=i)).weekday() < 5 and i != 15]
    chart = auto_chart(table(FieldSpec("day", "date"), FieldSpec("price", "number"),
                             rows=[(d.isoformat(), str(i % 7 + 1)) for i, d in enumerate(days)]), locale("en"))
    assert chart.summary.endswith("; no figure for 16 Jan 2024.")  # a Tuesday; no weekend named
    assert [len(run) for run in segments(chart.series[0].points)] == [11, 32]  # joined over weekends, not 16 Jan
    # events on irregular days (no weekday pattern) keep counting their rows: no gap invented
    events = [start + timedelta(days=n) for n in (0, 6, 10, 16, 20, 26, 30, 36, 40, 46, 50, 56, 60, 66, 70)]
    irregular = auto_chart(table(FieldSpec("day", "date"), FieldSpec("n", "number"),
                                 rows=[(d.isoformat(), "1") for d in events]), locale("en"))
    assert "no figure" not in irregular.summary
