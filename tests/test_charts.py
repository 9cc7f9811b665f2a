"""Charts: deterministic bytes, golden files per kind, summaries that carry the right numbers, caching.

Refresh the golden files after an intended change with: MINHBACH_UPDATE_GOLDEN=1 pytest tests/test_charts.py
"""

import csv
import dataclasses
import html
import os
import re
from pathlib import Path

import pytest
from conftest import ROOT, Package, Resource, runs, settings_for

from generator import pipeline
from generator.core.cache import Cache
from generator.core.charts import card
from generator.core.charts.draw import PANEL_AXIS_INCHES, render
from generator.core.charts.renderer import render_all
from generator.core.charts.spec import (
    LABEL_POINTS,
    WIDTH_INCHES,
    Bar,
    Chart,
    Panel,
    Point,
    Series,
    panel_columns,
    segments,
    value_axis,
)
from generator.core.locale import locale
from generator.core.text import Text
from generator.indicators import charts as index_charts
from generator.indicators.model import load_indicators

GOLDEN = Path(__file__).parent / "golden"
COMMON = {"alt": "alt", "summary": "summary", "csv_header": ("x",), "csv_rows": (("1",),)}
# Vietnamese specs: the labels are the page's text ("86,97", "<50"), ticks are written with a decimal comma,
# and a bound is drawn as a bound (an open triangle, an open dashed bar), never as the number.
KINDS = {
    "line": Chart(kind="line", slug="line", title="t", x_label="Năm", y_label="Điểm (%)", x_range=(2012, 2016),
                  series=(Series("TP.HCM", (Point(2012, 83.83, label="83,83"), Point(2013, 84.5, label="84,5"),
                                            Point(2015, 86.97, derived=True, label="86,97"),
                                            Point(2016, 50, label="<50", bound="<"))),
                          Series("Trung bình", (Point(2012, 80.25, label="80,25"), Point(2013, 81.5, label="81,5")),
                                 reference=True)),
                  legend=(("derived", "Suy ra"), ("bound", "Chỉ biết cận")), lang="vi", **COMMON),
    "bars": Chart(kind="bars", slug="bars", title="t", y_label="Điểm (tối đa 100)", note="Chỉ biết 4 trong 22 đơn vị.",
                  bars=(Bar("Quận Phú Nhuận", 78.56, text="78,56"), Bar("TP.HCM", 76.87, highlight=True, text="76,87"),
                        Bar("Huyện Cần Giờ", 69.54, flagged=True, text="69,54"),
                        Bar("Thành phố Thủ Đức", 50, text="<50", bound="<")),
                  legend=(("stated", "Theo nguồn"), ("highlight", "TP.HCM"), ("flagged", "Suy ra"),
                          ("bound", "Chỉ biết cận")), lang="vi", **COMMON),
    "multiples": Chart(kind="multiples", slug="multiples", title="t", x_range=(2015, 2016), panels=(
        Panel("tham gia", (Series("a", (Point(2015, 4.27, label="4,27"), Point(2016, 4.5, label="4,5"))),)),
        Panel("minh bạch", (Series("b", (Point(2015, 5.41, label="5,41"),)),)),
        Panel("trách nhiệm", (Series("c", (Point(2015, 4.97, label="4,97"),)),))), lang="vi", **COMMON),
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_chart_kind_matches_its_golden_svg(kind):
    """The golden is the SVG with its text kept as text (``text_as_text``), so a refresh is reviewed in a diff;
    the published SVG (text as outlines) must be deterministic and differ from it only in how text is drawn."""
    svg, png = render(KINDS[kind])
    assert render(KINDS[kind]) == (svg, png), "rendering is not deterministic"
    assert png.startswith(b"\x89PNG") and b"<svg" in svg and b"<text" not in svg
    readable, readable_png = render(KINDS[kind], text_as_text=True)
    assert readable_png == png  # the PNG does not depend on how the SVG writes text
    golden = GOLDEN / f"{kind}.svg"
    if os.environ.get("MINHBACH_UPDATE_GOLDEN") == "1" and (not golden.exists() or golden.read_bytes() != readable):
        golden.write_bytes(readable)  # never compared with itself: the run reports the rewrite instead of passing
        pytest.fail(f"golden {golden.name} rewritten: review `git diff {golden.relative_to(ROOT)}`, then re-run")
    assert readable == golden.read_bytes(), f"{kind} chart changed; see CONTRIBUTING.md, 'Golden files'"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_golden_svgs_show_their_labels_as_text(kind):
    """Every label of the spec (a reference line has none) is readable in the golden file, so its diff shows
    what a reader sees."""
    golden = (GOLDEN / f"{kind}.svg").read_text("utf-8")
    chart = KINDS[kind]
    labels = [p.label for s in chart.series if not s.reference for p in s.points] + [b.text for b in chart.bars] + [
        p.title for p in chart.panels] + [text for _, text in chart.legend]
    assert [label for label in labels if f">{_svg_text(label)}</text>" not in golden] == []


def _svg_text(label: str) -> str:
    return label.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _boxes(svg: bytes) -> dict[str, tuple[float, float]]:
    """The left and right x of each rectangle the SVG draws, by its id (patch_1 is the figure, patch_2 the
    axes, then the bars in order) and of each line (a line2d)."""
    boxes = {}
    for name, path in re.findall(r'<g id="((?:patch|line2d)_\d+)">\s*<path d="([^"]*)"', svg.decode("utf-8")):
        xs = [float(x) for x in re.findall(r"[ML] (-?[\d.]+) ", path)]
        boxes[name] = (min(xs), max(xs))
    return boxes


@pytest.mark.parametrize("values", [(92.18, 81.32), (30.0, 12.0, 0.5), (-12.5, 30.0, -3.0), (-5.0, -20.25)])
def test_a_bars_length_is_its_value(values):
    """Bars start at zero, and the axis with them: it started near the lowest value, and Quảng Ninh's 92.18 was
    drawn 2.44 times as long as An Giang's 81.32 (a reader reads a bar's length as its value). With negative
    values the axis starts below the lowest, and zero is drawn as a line where every bar starts."""
    chart = Chart(kind="bars", slug="b", title="t", y_label="Điểm", lang="vi",
                  bars=tuple(Bar(f"Tỉnh {i}", v) for i, v in enumerate(values)), **COMMON)
    boxes = _boxes(render(chart, text_as_text=True)[0])
    bars = [boxes[f"patch_{i + 3}"] for i in range(len(values))]
    axis_left = boxes["patch_2"][0]
    zero = axis_left if min(values) >= 0 else next(
        left for name, (left, right) in boxes.items() if name.startswith("line2d") and left == right)
    assert all(zero in (left, right) for left, right in bars)  # every bar starts at zero
    lengths = [right - left for left, right in bars]
    assert [length / lengths[0] for length in lengths] == pytest.approx([abs(v / values[0]) for v in values])
    if min(values) < 0:
        assert axis_left < min(left for left, _ in bars)  # the lowest bar is inside the axis, with its label


def _text_of(svg: bytes) -> list[str]:
    return [html.unescape(t) for t in re.findall(r">([^<>]+)</text>", svg.decode("utf-8"))]


def _years_written(svg: bytes) -> list[str]:
    """The labels of the x axes: every text of four digits, or a number written like a year with a fraction."""
    return [t for t in _text_of(svg) if re.fullmatch(r"\d[\d.,]*", t) and re.fullmatch(r"\d{4}|\d\.\d{3},\d+", t)]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_small_multiples_write_whole_years_under_every_panel_and_fit_their_titles(lang):
    """One year in view is one tick, "2023" (not "2.022,5 … 2.023,5"); nine years are thinned to fit a panel;
    the right-hand panels (where two share a row) have their years too; a long title is wrapped to its panel's
    width (the width of its axes, which it is centred over)."""
    long = "Công khai, minh bạch trong ra quyết định ở địa phương và trách nhiệm giải trình với người dân"
    panels = [Panel(title, (Series("a", (Point(2023, 6.37, label="6,37"),)),)) for title in (long, long, "c", "d")]
    one = Chart(kind="multiples", slug="m", title="t", x_range=(2023, 2023), panels=tuple(panels), lang=lang,
                **COMMON)
    assert _years_written(render(one, text_as_text=True)[0]) == ["2023"] * 4
    nine = dataclasses.replace(one, x_range=(2015, 2023))
    years = _years_written(render(nine, text_as_text=True)[0])
    assert years == ["2015", "2017", "2019", "2021", "2023"] * 4
    texts = _text_of(render(nine, text_as_text=True)[0])
    assert long not in texts and any(t.startswith("Công khai") for t in texts)
    columns = panel_columns(4)
    assert columns == 1  # two panels of half the figure were too narrow for such a title
    axes = (WIDTH_INCHES / columns - PANEL_AXIS_INCHES) * 72
    assert max(card.text_width(t, LABEL_POINTS) for t in texts if t.startswith("Công khai")) < axes


PHONE_COLUMN = 328  # CSS pixels: a chart's width in the text column of a phone 360 px wide (288 at 320)
_TEXT = re.compile(r'<text style="([^"]*)"([^>]*)>([^<]*)</text>')


def _shown_texts(svg: bytes) -> tuple[float, list[tuple[float, str, float, bool, str]]]:
    """The SVG's width (points) and its texts: (size in points, anchor, x, whether turned, text). A line of a
    text of several lines is placed by a translation, from its start."""
    found = svg.decode("utf-8")
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', found).group(1))
    texts = []
    for style, place, text in _TEXT.findall(found):
        size = float(re.search(r"font-size: ([\d.]+)px", style).group(1))
        anchor = re.search(r"text-anchor: (\w+)", style)
        x = re.search(r' x="([-\d.]+)"|translate\(([-\d.]+) ', place)
        turned = re.search(r"rotate\((-?[\d.]+)", place)
        texts.append((size, anchor.group(1) if anchor else "start", float(x.group(1) or x.group(2)),
                      bool(turned) and float(turned.group(1)) != 0, html.unescape(text)))
    return width, texts


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_chart_text_is_readable_in_a_phones_column(kind):
    """A page shows a chart whole in its column, scaled down to it (never up: its width is the SVG's). Drawn
    6.4 in wide, its ticks were 7.1 CSS pixels in a phone's column, bars' names and values 5.7 and the note 5.0
    (phone audit 3, #1). Now every text but the note is 9 pixels or more there, the note 8."""
    chart = KINDS[kind]
    width, texts = _shown_texts(render(chart, text_as_text=True)[0])
    assert texts
    drawn = width * 4 / 3  # CSS pixels: an SVG sized in points shows at 4/3 pixel a point
    scale = min(PHONE_COLUMN, drawn) / width  # CSS pixels a point of the SVG, in the column
    note = [size * scale for size, _, _, _, text in texts if text and text in chart.note]
    others = [size * scale for size, _, _, _, text in texts if not (text and text in chart.note)]
    assert min(others) >= 9 and (not chart.note or min(note) >= 8), (min(others), note)


LONG_WORDS = Chart(kind="bars", slug="long", title="t", y_label="Số lượng", lang="vi", note="Ghi chú. " * 30,
                   bars=(Bar("Sở Thông tin và Truyền thông", 11, text="11"),
                         Bar("Ban Quản lý các Khu chế xuất và công nghiệp Thành phố Hồ Chí Minh", 2, text="2",
                             flagged=True)),
                   legend=(("stated", "Kết luận, kiến nghị và vấn đề được giám sát ở các phiên"),
                           ("flagged", "Tình trạng chỉ được suy ra, không được nêu trực tiếp")), **COMMON)


@pytest.mark.parametrize("chart", [*KINDS.values(), LONG_WORDS], ids=[*sorted(KINDS), "long-words"])
def test_every_text_of_a_chart_ends_inside_it(chart):
    """Names, values, legends and the note end inside the figure, measured in the font they are drawn in: on
    a narrower figure a legend centred over the bars' axes ran past its right edge ("Kết luận, kiến nghị và vấn
    đề" lost its last word)."""
    width, texts = _shown_texts(render(chart, text_as_text=True)[0])
    for size, anchor, x, turned, text in texts:
        if turned or not text:
            continue
        extent = card.text_width(text, 100) / 100 * size
        left = {"start": x, "middle": x - extent / 2, "end": x - extent}[anchor]
        assert left >= 0 and left + extent <= width, (text, left, left + extent, width)


def _y_ticks(svg: bytes) -> list[str]:
    """The value axis's tick labels, bottom to top: the first text after each of its ticks."""
    ticks = svg.decode("utf-8").split('<g id="ytick_')[1:]
    return [html.unescape(re.search(r">([^<>]+)</text>", tick).group(1)) for tick in ticks]


def test_a_line_is_drawn_on_the_value_axis_its_spec_sets():
    """PAPI's 41.985, 40.68 and 41.02 (of 80) were drawn on an axis from 40.75 to 42, a fall from the top of the
    chart to its bottom; the spec's axis (``spec.value_axis``: 36 to 46) is the one drawn, its ends labelled."""
    points = (Point(2020, 41.985, label="41,985"), Point(2021, 40.68, label="40,68"), Point(2022, 41.02, label="41,02"))
    chart = Chart(kind="line", slug="papi", title="t", y_label="Điểm (tối đa 80)", x_range=(2020, 2022),
                  series=(Series("TP.HCM", points),), y_axis=value_axis([p.y for p in points], 80.0), lang="vi",
                  **COMMON)
    assert _y_ticks(render(chart, text_as_text=True)[0]) == ["36", "38", "40", "42", "44", "46"]
    fitted = dataclasses.replace(chart, y_axis=None)  # a chart whose spec sets none is fitted to its values
    assert _y_ticks(render(fitted, text_as_text=True)[0])[0] == "40,75"


def test_every_panel_is_drawn_on_the_one_value_axis_its_spec_sets():
    """Small panels fitted one by one put PGI's 4.43 and 7.49 both mid-height; with the spec's one axis each panel
    has its ticks, 4 to 8, and nothing else."""
    scores = (("A", 6.37), ("B", 4.43), ("C", 7.49))
    panels = tuple(Panel(name, (Series(name, (Point(2023, y, label=str(y)),)),)) for name, y in scores)
    chart = Chart(kind="multiples", slug="pgi", title="t", panels=panels, x_range=(2023, 2023), lang="vi",
                  y_axis=value_axis([y for _, y in scores]), **COMMON)
    svg = render(chart, text_as_text=True)[0]
    assert _y_ticks(svg) == ["4", "5", "6", "7", "8"] * 3
    assert len(set(_y_ticks(render(dataclasses.replace(chart, y_axis=None), text_as_text=True)[0]))) > 5


def _line_groups(svg: bytes) -> list[tuple[str, float, int]]:
    """Each line or set of markers of the axes (not of the legend) in drawing order, bottom first: its colour, its
    markers' radius (0 for a line) and where the SVG has it."""
    text = svg.decode("utf-8").split('<g id="legend_1">')[0]
    groups = []
    for found in re.finditer(r'<g id="line2d_\d+">(.*?)\n   </g>', text, re.S):
        body = found.group(1)
        colour = re.search(r"(?:fill|stroke): (#[0-9a-f]{6})", body.split("<use")[-1] if "<use" in body else body)
        radius = re.search(r'<path id="[^"]+" d="M 0 ([\d.]+)', body)
        groups.append((colour.group(1), float(radius.group(1)) if radius else 0.0, found.start()))
    return groups


def test_a_reference_is_drawn_under_the_line_it_is_compared_with_and_ringed_around_its_points():
    """HCMC's 2023 PAR Index (86.97) lay under the 63-province average (86.98), drawn after it: a grey point
    labelled with HCMC's value, and no blue one. The average is drawn first, its points larger (a grey ring
    stays around HCMC's), and every value written over both."""
    chart = Chart(kind="line", slug="par", title="t", y_label="Điểm (%)", x_range=(2021, 2023), lang="vi",
                  series=(Series("TP.HCM", (Point(2021, 86.05, label="86,05"), Point(2022, 84.7, label="84,7"),
                                            Point(2023, 86.97, label="86,97"))),
                          Series("Trung bình 63 tỉnh, thành", (Point(2023, 86.98, label="86,98"),), reference=True)),
                  **COMMON)
    svg = render(chart, text_as_text=True)[0]
    groups = [group for group in _line_groups(svg) if group[0] in ("#8c8c8c", "#0072b2")]
    assert [colour for colour, _, _ in groups] == ["#8c8c8c", "#8c8c8c", "#0072b2", "#0072b2"]  # line, points
    grey, blue = groups[1][1], groups[3][1]
    assert grey > blue > 0
    assert svg.decode("utf-8").index(">86,97</text>") > groups[-1][2]  # the value over every point


def test_gaps_stay_gaps():
    runs = segments((Point(2012, 3), Point(2015, 3), Point(2016, 15), Point(2020, 23), Point(2021, 43)))
    assert [[p.x for p in run] for run in runs] == [[2012], [2015, 2016], [2020, 2021]]


def test_cache_renders_each_chart_once(tmp_path):
    charts = list(KINDS.values())
    _, first = render_all(charts, Cache(tmp_path), jobs=2)
    files, second = render_all(charts, Cache(tmp_path), jobs=2)
    assert (first.rendered, first.cached) == (3, 0)
    assert (second.rendered, second.cached) == (0, 3)
    assert files[charts[0].key()][0] == render(charts[0])[0]


def test_second_build_with_no_change_renders_zero_charts(tmp_path):
    real = settings_for(ROOT / "datasets", cache_dir=tmp_path / "cache")
    first = pipeline.run(real, langs=("vi", "en"))
    again = pipeline.run(real, langs=("vi", "en"))
    assert first.stats["charts_rendered"] > 10
    assert again.stats["charts_rendered"] == 0 and again.stats["charts_cached"] == first.stats["charts_rendered"]


def hcmc_ranks() -> list[tuple[int, int, str]]:
    """HCMC's PAR Index ranks read straight from the CSV, independently of the generator's model."""
    with (ROOT / "datasets" / "chi-so" / "data" / "results.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["index_code"] == "PAR_INDEX" and r["unit_code"] == "79"
                and r["component"] == "total" and r["rank"]]
    first_per_year: dict[int, tuple[int, str]] = {}
    for r in sorted(rows, key=lambda r: (int(r["year"]), r["source_id"])):
        first_per_year.setdefault(int(r["year"]), (int(r["rank"]), r["flags"]))
    return [(year, rank, flags) for year, (rank, flags) in sorted(first_per_year.items())]


def hcmc_last_row_year() -> int:
    """The last year of HCMC's PAR Index rows, whatever they state, read straight from the CSV."""
    with (ROOT / "datasets" / "chi-so" / "data" / "results.csv").open(encoding="utf-8") as handle:
        return max(int(r["year"]) for r in csv.DictReader(handle) if r["index_code"] == "PAR_INDEX"
                   and r["unit_code"] == "79" and r["component"] == "total")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_rank_summary_states_the_numbers_of_the_data(lang):
    from generator.core.datasets import load_datasets

    indicators = load_indicators(load_datasets(settings_for(ROOT / "datasets")))
    chart = index_charts.rank_chart(indicators.index("PAR_INDEX"), "79", Text("TP.HCM", "HCMC"), locale(lang))
    ranks = hcmc_ranks()
    years = [y for y, _, _ in ranks]
    worst = max(r for _, r, _ in ranks)
    # after the last rank, up to the last year HCMC has a row (2024: a row with no rank, fact-check round 8, #3)
    missing = [y for y in range(years[0], hcmc_last_row_year() + 1) if y not in years]
    marked = {"derived", "inferred", "conflicting", "secondary"}  # drawn hollow, and named as such
    flagged = [y for y, _, f in ranks if marked & set(f.split())]
    expected = [ranks[0][1], ranks[0][0], ranks[-1][1], ranks[-1][0], len(ranks), worst,
                *[y for y, r, _ in ranks if r == worst], *runs(missing), *flagged]
    assert chart.summary.count("/63") == 3  # the first, the last and the lowest, each out of the 63 ranked
    assert [int(n) for n in re.findall(r"\d+", chart.summary.replace("/63", ""))] == expected
    assert chart.summary in chart.alt
    assert [(p.x, int(p.y), p.derived) for p in chart.series[0].points] == [
        (y, r, y in flagged) for y, r, _ in ranks]
    # the story the issue tells: 3rd -> 43rd -> 33rd, with the years nobody ranked said, not jumped; 2020's rank
    # is worked out from 2021's "down 20 places"; 2024 has a row with no rank
    assert expected == [3, 2012, 33, 2023, 7, 43, 2021, 2013, 2014, 2017, 2019, 2024, 2020]


@pytest.mark.parametrize(("rows", "expected"), [
    ("2001,5,1\n2002,7,2\n2003,6,3\n", "value by year: 3 values from 2001 to 2003; lowest 5 (2001), highest 7 (2002)."),
    # a tie names every year at the extreme
    ("2001,7,1\n2002,5,2\n2003,7,3\n",
     "value by year: 3 values from 2001 to 2003; lowest 5 (2002), highest 7 (2001 and 2003)."),
    ("2001,5,1\n2001,7,2\n2003,6,3\n", None),  # two rows for 2001: several series mixed, no chart
    ("2001,5,1\n2002,7,2\n", None),  # too short
])
def test_automatic_chart_for_a_generic_time_series(tmp_path, rows, expected):
    from generator.catalogue.autochart import auto_chart
    from generator.catalogue.model import Catalogue

    Package("s", (Resource("t", ("year:year", "value:number", "code:integer"), rows=rows),)).write(tmp_path / "d")
    settings = settings_for(tmp_path / "d")
    checked = pipeline.check(settings)
    assert checked.problems == []
    [dataset] = pipeline.prepare(checked, settings).models.get(Catalogue).datasets
    chart = auto_chart(dataset.resources[0], locale("en"))
    assert (chart.summary if chart else None) == expected
    if chart:
        assert [s.label for s in chart.series] == ["value"]  # 'code' names, it does not measure
        assert chart.csv_rows == tuple((r.split(",")[0], r.split(",")[1]) for r in rows.splitlines())
