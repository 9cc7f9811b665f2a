"""Unit tests of the charts and the render helpers (issue 19, mutation testing): raw-region markers, the
deterministic archives, chart specs and their files, the output containers, embed pages and share cards, the
drawing (tiny charts whose SVG keeps its text as text) and the renderer's cache.

Every test builds what it checks itself (no module-scoped fixture): ``tests/mutation.py`` runs, per mutant,
only the tests that reached the mutated function.
"""

from __future__ import annotations

import gc
import hashlib
import io
import os
import pickle
import re
import signal
import threading
import time
import warnings
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import matplotlib
import pytest
from PIL import Image, ImageDraw, ImageFont

from generator.core.cache import Cache, code_digest, tool_versions
from generator.core.charts import card as card_drawing
from generator.core.charts import draw, measure, renderer
from generator.core.charts.draw import render
from generator.core.charts.palette import palette_png
from generator.core.charts.spec import (
    Bar,
    Card,
    CardBar,
    CardFiles,
    Chart,
    ChartFiles,
    Panel,
    Point,
    Series,
    chart_csv,
    period_x,
    segments,
)
from generator.core.render.archive import (
    BUNDLES,
    ZIP_EPOCH,
    asset_digest,
    bundle,
    sha256,
    write_zip,
    zip_bytes,
)
from generator.core.render.embed import CONTENT_SECURITY_POLICY, chart_sources, embed_pages, iframe_code
from generator.core.render.output import STATIC_DIR, Asset, Output, Page, Result, static_assets
from generator.core.render.raw import RAW_END, RAW_START, RawMarkers, in_template
from generator.core.render.share import card, share_input, site_line

NONCE = "0123456789abcdef0123456789abcdef"


# Raw regions (render/raw.py) -------------------------------------------------------------------------------------

def test_the_literal_markers_and_a_builds_own():
    assert (RAW_START, RAW_END) == ("<!--mb:raw-->", "<!--/mb:raw-->")
    markers = RawMarkers(NONCE)
    assert markers.start == f"<!--mb:raw:{NONCE}-->"
    assert markers.end == f"<!--/mb:raw:{NONCE}-->"
    assert markers.slot(12) == f"<!--mb:slot:{NONCE}:12-->"


def test_each_build_draws_a_fresh_32_digit_hex_number():
    numbers = {RawMarkers().nonce for _ in range(5)}
    assert len(numbers) == 5 and all(re.fullmatch("[0-9a-f]{32}", n) for n in numbers)


def test_a_template_is_compiled_with_canonical_markers_and_keeps_everything_else():
    markers = RawMarkers(NONCE)
    source = f"a{RAW_START}b{RAW_END}c{RAW_END}{RAW_START}"
    assert in_template(source) == "a<!--mb:raw:\0-->b<!--/mb:raw:\0-->c<!--/mb:raw:\0--><!--mb:raw:\0-->"
    assert markers.restore(in_template(source)) == f"a{markers.start}b{markers.end}c{markers.end}{markers.start}"


def test_canonical_drops_the_number_and_restore_puts_this_builds_back():
    one, two = RawMarkers(NONCE), RawMarkers("f" * 32)
    page = f"x{one.start}<t/>{one.end}{one.slot(0)}"
    assert one.canonical(page) == "x<!--mb:raw:\0--><t/><!--/mb:raw:\0--><!--mb:slot:\0:0-->"
    assert two.restore(one.canonical(page)) == f"x{two.start}<t/>{two.end}{two.slot(0)}"
    assert one.canonical("no markers") == "no markers" == two.restore("no markers")


@pytest.fixture
def finishes():
    """A loop that never finishes fails its test instead of hanging it: mutants of ``RawMarkers.split``'s loop
    (searching from ``None``, moving backwards) or of the card text's search for what fits loop forever, and a
    hang is not a failure (mutmut only times it out)."""
    def expire(signum, frame):  # noqa: ANN001 - a signal handler
        raise TimeoutError("did not finish within 5 s")
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, 5)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.usefixtures("finishes")
def test_split_swaps_each_region_for_a_slot_on_its_own_lines():
    markers = RawMarkers(NONCE)
    page = f"head{markers.start}\n<table>1</table>\n\n{markers.end}mid{markers.start}<b>2</b>{markers.end}tail"
    content, blocks = markers.split(page)
    assert content == f"head\n\n{markers.slot(0)}\n\nmid\n\n{markers.slot(1)}\n\ntail"
    assert blocks == ["<table>1</table>", "<b>2</b>"]


@pytest.mark.usefixtures("finishes")
def test_split_strips_only_the_line_ends_around_a_region():
    markers = RawMarkers(NONCE)
    content, blocks = markers.split(f"{markers.start}\n\n  <pre> X </pre>\t\n{markers.end}")
    assert blocks == ["  <pre> X </pre>\t"]
    assert markers.split(f"{markers.start}X<b/>X{markers.end}")[1] == ["X<b/>X"]


@pytest.mark.usefixtures("finishes")
def test_split_of_a_page_without_regions_and_of_one_at_the_very_start():
    markers = RawMarkers(NONCE)
    assert markers.split("plain\ntext") == ("plain\ntext", [])
    assert markers.split(f"{markers.start}r{markers.end}") == (f"\n\n{markers.slot(0)}\n\n", ["r"])


@pytest.mark.usefixtures("finishes")
def test_markers_written_by_data_open_no_region():
    markers = RawMarkers(NONCE)
    forged = f"{RAW_START}<b>x</b>{RAW_END} <!--mb:raw:{'0' * 32}-->y<!--/mb:raw:{'0' * 32}-->"
    assert markers.split(forged) == (forged, [])


@pytest.mark.usefixtures("finishes")
def test_an_unclosed_region_is_an_error():
    markers = RawMarkers(NONCE)
    with pytest.raises(ValueError, match=f"^{re.escape(RAW_START)} without {re.escape(RAW_END)}$"):
        markers.split(f"a{markers.start}b{markers.end}c{markers.start}d")
    with pytest.raises(ValueError):
        markers.split(f"{markers.end}{markers.start}")  # an end before the start does not close it


@pytest.mark.usefixtures("finishes")
def test_join_puts_each_region_back_in_place_of_its_slot():
    markers = RawMarkers(NONCE)
    content, blocks = markers.split(f"<p>a</p>{markers.start}<t>1</t>{markers.end}b{markers.start}<t>2</t>"
                                    f"{markers.end}")
    html = content.replace("\n\n", "")
    assert markers.join(html, blocks) == "<p>a</p><t>1</t>b<t>2</t>"
    assert markers.join("<p>no regions</p>", []) == "<p>no regions</p>"


@pytest.mark.parametrize(("html", "seen"), [
    ("S1-->S0-->", "['1', '0']"),  # out of order
    ("S0-->", "['0']"),  # one missing
    ("S0-->S1-->S1-->", "['0', '1', '1']"),  # one twice
    ("S0-->Sx-->S1-->", "['0', 'x', '1']"),  # not a number
    ("S0-->S1-->S2-->", "['0', '1', '2']"),  # one more than there are regions
])
def test_join_refuses_slots_missing_repeated_or_out_of_order(html, seen):
    markers = RawMarkers(NONCE)
    html = html.replace("S", f"<!--mb:slot:{NONCE}:")
    with pytest.raises(ValueError, match=f"^2 raw regions, slots found: {re.escape(seen)}$"):
        markers.join(html, ["a", "b"])


def test_join_keeps_a_comment_that_follows_a_slot():
    markers = RawMarkers(NONCE)
    assert markers.join(f"{markers.slot(0)}a<!-- c -->b", ["R"]) == "Ra<!-- c -->b"


def test_join_ignores_another_builds_slots():
    markers, other = RawMarkers(NONCE), RawMarkers("e" * 32)
    assert markers.join(f"{other.slot(0)}{markers.slot(0)}!", ["A"]) == f"{other.slot(0)}A!"


# Archives (render/archive.py) ------------------------------------------------------------------------------------

def test_sha256_is_the_hex_digest():
    assert sha256(b"abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_a_zip_has_sorted_entries_a_fixed_date_unix_mode_0644_and_deflate(tmp_path):
    (tmp_path / "big.csv").write_bytes(b"a,b\n" * 5000)
    files = {"z.csv": b"1,2\n" * 100, "a/datapackage.json": b"{}\n", "m/big.csv": tmp_path / "big.csv"}
    data = zip_bytes(files)
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.namelist() == ["a/datapackage.json", "m/big.csv", "z.csv"]
    for info in archive.infolist():
        assert info.date_time == ZIP_EPOCH == (1980, 1, 1, 0, 0, 0)
        assert (info.create_system, info.external_attr) == (3, 0o100644 << 16)
        assert info.compress_type == zipfile.ZIP_DEFLATED
    assert archive.read("m/big.csv") == b"a,b\n" * 5000 and archive.read("z.csv") == b"1,2\n" * 100
    assert archive.getinfo("m/big.csv").file_size == 20000 > 20 * archive.getinfo("m/big.csv").compress_size
    assert archive.testzip() is None


def test_a_zip_is_the_same_bytes_from_memory_or_from_disk_in_any_order(tmp_path):
    (tmp_path / "b.csv").write_bytes(b"x,y\n1,2\n")
    from_memory = zip_bytes({"b.csv": b"x,y\n1,2\n", "a.txt": b"A"})
    assert zip_bytes({"a.txt": b"A", "b.csv": tmp_path / "b.csv"}) == from_memory
    out = io.BytesIO()
    write_zip(out, {"b.csv": tmp_path / "b.csv", "a.txt": b"A"})
    assert out.getvalue() == from_memory
    assert zip_bytes({"a.txt": b"B", "b.csv": b"x,y\n1,2\n"}) != from_memory


def test_a_file_larger_than_a_block_is_copied_whole(tmp_path):
    data = bytes(range(256)) * (5 * 4096 + 3)  # over 5 MB
    (tmp_path / "large.bin").write_bytes(data)
    assert zipfile.ZipFile(io.BytesIO(zip_bytes({"large.bin": tmp_path / "large.bin"}))).read("large.bin") == data


def test_asset_digest_of_bytes_and_of_a_file(tmp_path):
    (tmp_path / "f").write_bytes(b"abc")
    assert asset_digest(Asset("x", b"abc")) == sha256(b"abc") == asset_digest(Asset("x", path=tmp_path / "f"))
    assert asset_digest(Asset("x", b"ignored", path=tmp_path / "f")) == sha256(b"abc")


def _downloads(tmp_path: Path) -> list[Asset]:
    (tmp_path / "big.csv").write_bytes(b"n\n1\n2\n")
    return [Asset("tai-ve/b/data.csv", b"x\n1\n"), Asset("tai-ve/a.csv", path=tmp_path / "big.csv"),
            Asset("tai-ve/b/b.zip", b"PK-not-really"), Asset("tai-vex/other.csv", b"no"),
            Asset("assets/c.svg", b"<s/>"), Asset("tai-ve/SHA256SUMS", b"stale manifest")]


def _check_bundle(made: list[Asset]) -> tuple[bytes, str]:
    bulk, manifest = made
    assert (bulk.uri, manifest.uri) == ("tai-ve/all.zip", "tai-ve/SHA256SUMS")
    archive = zipfile.ZipFile(io.BytesIO(bulk.read()))
    assert archive.namelist() == ["a.csv", "b/data.csv"]  # the package zip left out, the manifest too
    assert (archive.read("a.csv"), archive.read("b/data.csv")) == (b"n\n1\n2\n", b"x\n1\n")
    expected = "".join(f"{digest}  {path}\n" for path, digest in sorted({
        "a.csv": sha256(b"n\n1\n2\n"), "b/data.csv": sha256(b"x\n1\n"), "b/b.zip": sha256(b"PK-not-really"),
        "all.zip": sha256(bulk.read())}.items()))
    assert manifest.data == expected.encode("utf-8") and manifest.path is None
    return bulk.read(), manifest.data.decode()


def test_bundle_zips_the_folders_files_and_lists_every_checksum_in_memory(tmp_path):
    made = bundle(_downloads(tmp_path), "tai-ve", "all.zip", "SHA256SUMS")
    assert made[0].path is None
    _check_bundle(made)
    assert bundle(_downloads(tmp_path), "tai-ve", "all.zip", "SHA256SUMS", Cache(None))[0].path is None


def test_bundle_without_a_manifest_among_the_assets():
    bulk, manifest = bundle([Asset("d/x.csv", b"1")], "d", "all.zip", "SUMS")
    assert manifest.data == f"{sha256(bulk.data)}  all.zip\n{sha256(b'1')}  x.csv\n".encode()
    assert zipfile.ZipFile(io.BytesIO(bulk.data)).namelist() == ["x.csv"]


def test_bundle_with_a_cache_writes_the_zip_once_and_reads_it_back(tmp_path):
    in_memory = bundle(_downloads(tmp_path), "tai-ve", "all.zip", "SHA256SUMS")
    cache = Cache(tmp_path / "cache")
    first = bundle(_downloads(tmp_path), "tai-ve", "all.zip", "SHA256SUMS", cache)
    assert first[0].path is not None and first[0].path.parent.parent.parent == tmp_path / "cache" / BUNDLES
    assert _check_bundle(first) == _check_bundle(in_memory)
    assert (cache.stats.hits, cache.stats.misses) == (0, 1)
    again = bundle(_downloads(tmp_path), "tai-ve", "all.zip", "SHA256SUMS", cache)
    assert again == first and (cache.stats.hits, cache.stats.misses) == (1, 1)
    changed = bundle([*_downloads(tmp_path), Asset("tai-ve/new.csv", b"n")], "tai-ve", "all.zip", "SHA256SUMS",
                     cache)
    assert changed[0].path != first[0].path and (cache.stats.hits, cache.stats.misses) == (1, 2)
    assert "new.csv" in zipfile.ZipFile(changed[0].path).namelist()


def test_the_stored_bulk_zip_is_keyed_by_names_and_hashes_and_the_code(tmp_path):
    cache = Cache(tmp_path / "cache")
    bulk, _ = bundle([Asset("d/x.csv", b"1")], "d", "all.zip", "SUMS", cache)
    key = Cache.key("downloads", {"bulk": [["x.csv", sha256(b"1")]]}, code_digest("generator.core.render.archive"))
    assert bulk.path == cache.path("downloads", key) / "zip"


# Chart specs (charts/spec.py) ------------------------------------------------------------------------------------

def _chart(**fields) -> Chart:
    return Chart(**{"kind": "line", "slug": "c", "title": "T", "alt": "A", "summary": "S", "csv_header": ("x",),
                    "csv_rows": (), **fields})


def test_the_defaults_of_a_point_a_series_a_bar_and_a_chart():
    point, bar, chart = Point(1, 2.0), Bar("b", 3.0), _chart()
    assert (point.derived, point.label, point.bound) == (False, "", "")
    assert Series("s", ()).reference is False
    assert (bar.highlight, bar.flagged, bar.text, bar.bound) == (False, False, "", "")
    assert (chart.x_label, chart.y_label, chart.series, chart.bars, chart.panels, chart.x_range, chart.invert_y,
            chart.note, chart.legend, chart.lang) == ("", "", (), (), (), None, False, "", (), "")
    assert CardBar("b", 1).colour == "#8C8C8C"
    card = Card("s", "t", "h")
    assert (card.detail, card.bars, card.site) == ("", (), "")
    assert ChartFiles(chart, "a", "b", "c").embed_uri == ""


def test_a_spec_key_is_a_short_hash_of_everything_it_shows():
    chart = _chart(series=(Series("s", (Point(2020, 1.5, label="1,5"),)),))
    assert chart.key() == hashlib.sha256(repr(chart).encode()).hexdigest()[:20]
    assert chart.key() == _chart(series=(Series("s", (Point(2020, 1.5, label="1,5"),)),)).key()
    assert chart.key() != _chart(series=(Series("s", (Point(2020, 1.5, label="1.5"),)),)).key()
    card = Card("s", "Tiêu đề", "h")
    assert card.key() == hashlib.sha256(repr(card).encode()).hexdigest()[:20] != Card("s", "Tiêu đề", "H").key()


@pytest.mark.parametrize("spec", [_chart(title="Một"), Card("s", "Một", "h")])
def test_a_spec_key_is_computed_once_per_object_and_never_pickled(spec):
    """A key is asked for several times a build (a national chart's repr takes 0.6 ms): it is kept on the object,
    and left out of its pickle (a unit's output in the cache), so that an object read back computes its own."""
    key = spec.key()
    assert spec.__dict__["_key"] == key == hashlib.sha256(repr(spec).encode()).hexdigest()[:20]
    back = pickle.loads(pickle.dumps(spec))
    assert back == spec and "_key" not in back.__dict__ and back.key() == key
    assert replace(spec, title="Hai").key() != key


def test_a_legend_label_is_the_specs_or_the_role_itself():
    chart = _chart(legend=(("derived", "Suy ra"), ("bound", "Chỉ biết cận")))
    assert (chart.legend_label("derived"), chart.legend_label("bound")) == ("Suy ra", "Chỉ biết cận")
    assert chart.legend_label("flagged") == "flagged"


def test_chart_files_under_a_folder_with_and_without_an_embed_page():
    chart = _chart(slug="par-79-rank-vi", lang="vi")
    files = ChartFiles.under("assets/charts", chart, "nhung")
    assert (files.chart, files.svg_uri, files.png_uri, files.csv_uri, files.embed_uri) == (
        chart, "assets/charts/par-79-rank-vi.svg", "assets/charts/par-79-rank-vi.png",
        "assets/charts/par-79-rank-vi.csv", "nhung/par-79-rank/index.html")
    assert ChartFiles.under("c", chart).embed_uri == ""
    # the language suffix is dropped only when the spec has a language, and only as a suffix
    assert ChartFiles.under("c", _chart(slug="x-vi"), "e").embed_uri == "e/x-vi/index.html"
    assert ChartFiles.under("c", _chart(slug="vi-x", lang="vi"), "e").embed_uri == "e/vi-x/index.html"
    assert ChartFiles.under("c", _chart(slug="x-"), "e").embed_uri == "e/x-/index.html"


def test_card_files_and_a_cards_description():
    card = Card("giam-sat", "T", "8 kết luận", "HĐND", (CardBar("a", 1),), "Minh Bạch")
    assert CardFiles.under("assets/share", card) == CardFiles(card, "assets/share/giam-sat.png")
    assert card.description == "8 kết luận · HĐND"
    assert Card("s", "T", "8 kết luận").description == "8 kết luận"
    assert Card("s", "T", "", "HĐND").description == "HĐND"
    assert Card("s", "T", "").description == ""


def test_segments_sorts_the_points_and_breaks_at_every_gap():
    points = (Point(2016, 3), Point(2012, 1), Point(2013, 2), Point(2020, 5), Point(2015, 4), Point(2015, 9))
    assert [[(p.x, p.y) for p in run] for run in segments(points)] == [
        [(2012, 1), (2013, 2)], [(2015, 4)], [(2015, 9), (2016, 3)], [(2020, 5)]]
    assert segments(()) == []


def test_chart_csv_is_utf8_with_lf_line_ends_and_quotes_where_needed():
    chart = _chart(csv_header=("năm", "giá trị"), csv_rows=(("2020", "1,5"), ("2021", 'a "b"')))
    assert chart_csv(chart) == 'năm,giá trị\n2020,"1,5"\n2021,"a ""b"""\n'.encode()
    assert chart_csv(_chart(csv_header=("x",))) == b"x\n"


# Output, embed pages, share cards (render/output.py, embed.py, share.py) -------------------------------------------

def test_a_page_and_an_asset_in_memory_or_on_disk(tmp_path):
    page = Page("a/index.md", "# Tiêu đề\n")
    assert (page.path, page.digest, page.text()) == (None, "", "# Tiêu đề\n")
    (tmp_path / "p.md").write_text("trên đĩa", "utf-8")
    assert Page("a/index.md", "", tmp_path / "p.md", "d").text() == "trên đĩa"
    asset = Asset("x.csv")
    assert (asset.data, asset.path, asset.read()) == (b"", None, b"")
    (tmp_path / "a.bin").write_bytes(b"\x00\xff")
    assert Asset("x", b"kept", tmp_path / "a.bin").read() == b"\x00\xff" and Asset("x", b"kept").read() == b"kept"


def test_an_output_extends_by_another_in_order():
    chart, card = ChartFiles(_chart(), "s", "p", "c"), CardFiles(Card("s", "t", "h"), "x.png")
    other = CardFiles(Card("t", "t", "h"), "y.png")
    one = Output([Page("a", "1")], [Asset("a")], [chart], [card])
    one.extend(Output([Page("b", "2")], [Asset("b")], [], [other]))
    assert one == Output([Page("a", "1"), Page("b", "2")], [Asset("a"), Asset("b")], [chart], [card, other])
    empty = Output()
    assert (empty.pages, empty.assets, empty.charts, empty.cards) == ([], [], [], [])
    result = Result({}, [])
    assert result.stats == {} and len(result.raw.nonce) == 32


def test_static_assets_are_the_generators_files_in_name_order():
    assets = static_assets()
    names = sorted(path.name for path in STATIC_DIR.iterdir())
    assert [a.uri for a in assets] == [f"assets/{name}" for name in names] and "assets/minhbach.css" in names[:3] + [
        a.uri for a in assets]
    assert all(a.data == (STATIC_DIR / a.uri.removeprefix("assets/")).read_bytes() and a.path is None
               for a in assets)


def _embed_env(**filters):
    from generator.core.locale import locale
    from generator.core.render.jinja import environment

    return environment(locale("vi"), {}, filters)


def _figure(slug: str) -> str:
    return f'<figure class="mb-chart" id="{slug}">'


def test_an_embed_page_for_each_chart_shown_on_a_page_once(tmp_path):
    shown = ChartFiles.under("assets/charts", _chart(slug="a-vi", lang="vi", title="Biểu đồ A"), "nhung")
    twice = ChartFiles.under("assets/charts", _chart(slug="a-vi", lang="vi", title="Lặp"), "nhung")
    on_disk = ChartFiles.under("assets/charts", _chart(slug="b-vi", lang="vi", title="Biểu đồ B"), "nhung")
    hidden = ChartFiles.under("assets/charts", _chart(slug="c-vi", lang="vi"), "nhung")
    no_embed = ChartFiles.under("assets/charts", _chart(slug="d-vi", lang="vi"))
    (tmp_path / "b.md").write_text(f"x {_figure('b-vi')}", "utf-8")
    output = Output(pages=[Page("giam-sat/index.md", f"{_figure('a-vi')} {_figure('d-vi')}"),
                           Page("khac.md", _figure("a-vi")), Page("co-quan/index.md", "", tmp_path / "b.md"),
                           Page("trong.md", "")],
                    charts=[shown, twice, on_disk, hidden, no_embed])
    pages = embed_pages(output, _embed_env())
    assert [a.uri for a in pages] == ["nhung/a/index.html", "nhung/b/index.html"]
    first, second = (a.data.decode() for a in pages)
    assert "<title>Biểu đồ A — Minh Bạch</title>" in first and "Lặp" not in first
    assert f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">' in first
    assert 'href="../../giam-sat/#a-vi"' in first  # the first page that shows it
    assert "<title>Biểu đồ B — Minh Bạch</title>" in second and 'href="../../co-quan/#b-vi"' in second


def test_an_embed_page_names_the_charts_sources():
    files = ChartFiles.under("c", _chart(slug="a", csv_header=("year", "source_id"), csv_rows=(("2020", "S1"),)),
                             "nhung")
    [page] = embed_pages(Output(pages=[Page("p.md", _figure("a"))], charts=[files]),
                         _embed_env(sources=lambda cell: f"<{cell}>"))
    assert '<p class="mb-embed-sources">Nguồn: &lt;S1&gt;</p>' in page.data.decode()


def test_chart_sources_reads_the_source_id_column_once_each_in_order():
    def sources(header, rows):
        return chart_sources(ChartFiles(_chart(csv_header=header, csv_rows=rows), "s", "p", "c"))

    assert sources(("year", "value"), (("2020", "1"),)) == ""
    assert sources(("year", "source_id"), (("2020", " B ; A"), ("2021", "A;C;"), ("2022", ""), ("2023",))) == "B;A;C"
    assert sources(("source_id",), (("X",), ("X; ;Y",))) == "X;Y"
    # a score chart's average and a status's evidence have source columns of their own: each is read, row by row
    assert sources(("source_id", "average_source_id"), (("A", "V"), ("", "A;W"))) == "A;V;W"
    assert sources(("status", "source_id", "evidence_source_id"), (("x", "S", "E"),)) == "S;E"
    assert sources(("sourced", "source_ids", "id"), (("X", "Y", "Z"),)) == ""  # only a source column's name


def test_a_chart_on_its_page_names_its_sources_as_its_embed_page_does():
    env = _embed_env(sources=lambda cell: f"<{cell}>")
    figure = env.from_string('{% from "core/chart.j2" import figure with context %}{{ figure(files) }}')
    cited = ChartFiles.under("c", _chart(slug="a", csv_header=("year", "average_source_id"),
                                         csv_rows=(("2020", "S1"),)))
    assert '<span class="mb-chart-sources">Nguồn: &lt;S1&gt;</span><br>' in figure.render(files=cited, page_uri="p/")
    bare = figure.render(files=ChartFiles.under("c", _chart(slug="b")), page_uri="p/")
    assert "mb-chart-sources" not in bare and "Nguồn" not in bare


def test_a_chart_resting_on_many_sources_names_the_first_and_counts_the_others():
    """The national by-agency chart of recommendations rests on thousands of sources: naming each made the
    sessions page 1.29 MB (its embed page and its iframe as tall). The caption names MAX_CITED, counts the rest,
    and says the chart's CSV names them all."""
    from generator.core.charts.spec import MAX_CITED
    from generator.core.render.embed import embed_height

    env = _embed_env(sources=lambda cell: f"<{cell}>")
    figure = env.from_string('{% from "core/chart.j2" import figure with context %}{{ figure(files) }}')
    many = tuple((str(2000 + n), f"S{n}") for n in range(MAX_CITED + 15))
    files = ChartFiles.under("c", _chart(slug="a", csv_header=("year", "source_id"), csv_rows=many), "nhung")
    html = figure.render(files=files, page_uri="p/")
    cited = re.search(r'<span class="mb-chart-sources">(.*?)</span><br>', html).group(1)
    assert cited.count("&lt;S") == 1 and f"S{MAX_CITED - 1}&gt;" in cited and f"S{MAX_CITED}" not in cited
    assert cited.endswith("và 15 nguồn khác, có trong tệp CSV của biểu đồ")
    [page] = embed_pages(Output(pages=[Page("p.md", _figure("a"))], charts=[files]), env)
    assert "và 15 nguồn khác" in page.data.decode() and f"S{MAX_CITED}&gt;" not in page.data.decode()
    few = ChartFiles.under("c", _chart(slug="a", csv_header=("year", "source_id"), csv_rows=many[:MAX_CITED]),
                           "nhung")
    assert embed_height(files) <= embed_height(few) + 40  # a line more, not thousands of sources' lines


def test_iframe_code_escapes_its_address_and_title():
    assert iframe_code("https://e.org/nhung/a/?x=1&y=2", 'Điểm "PAR" <2020>', 480) == (
        '<iframe src="https://e.org/nhung/a/?x=1&amp;y=2" title="Điểm &#34;PAR&#34; &lt;2020&gt;" width="100%" '
        'height="480" style="border:0" loading="lazy"></iframe>')


def test_site_line_names_the_site_and_its_address_without_scheme():
    from generator.core.locale import locale

    assert site_line(locale("vi"), "") == "Minh Bạch"
    assert site_line(locale("en"), "https://example.org/mb/") == "Minh Bạch · example.org/mb"
    assert site_line(locale("vi"), "https://example.org") == "Minh Bạch · example.org"
    assert site_line(locale("vi"), "http://example.org:8000/a//") == "Minh Bạch · example.org:8000/a"
    assert site_line(locale("vi"), "https://example.org/MBX/") == "Minh Bạch · example.org/MBX"


@pytest.mark.parametrize(("uri", "name"), [
    ("index.md", "trang-chu"), ("giam-sat/index.md", "giam-sat"), ("giam-sat/gs-1.md", "giam-sat-gs-1"),
    ("co-quan/Sở Nội vụ/index.md", "co-quan-so-noi-vu"),
])
def test_a_card_is_named_after_its_pages_address(uri, name):
    from generator.core.locale import locale

    drawn = card(uri, locale("en"), "https://e.org", " Tiêu\nđề ", "8\tkết luận", "chi\r\ntiết",
                 (CardBar("a", 2),))
    assert drawn == Card(name, "Tiêu đề", "8 kết luận", "chi tiết", (CardBar("a", 2),), "Minh Bạch · e.org")


def test_a_card_without_detail_or_bars():
    from generator.core.locale import locale

    assert card("a.md", locale("vi"), "", "t", "h") == Card("a", "t", "h", "", (), "Minh Bạch")


def test_share_input_is_the_images_address_and_the_description():
    files = CardFiles(Card("s", "t", "8 kết luận", "HĐND"), "assets/share/s.png")
    assert share_input(files) == "value:share=assets/share/s.png|8 kết luận · HĐND"


# Drawing (charts/draw.py) ----------------------------------------------------------------------------------------
# Tiny charts drawn with their text kept as text: the texts are checked by value, and the whole SVG against a
# golden file beside the three of tests/test_charts.py (refreshed the same way: MINHBACH_UPDATE_GOLDEN=1).

GOLDEN = Path(__file__).parent / "golden"
_TEXT = re.compile(r"<text style=\"font-size: (?P<size>[\d.]+)px; font-family: 'DejaVu Sans'; "
                   r"text-anchor: (?P<anchor>\w+)[^\"]*\"[^>]*>(?P<text>[^<]*)</text>")


def _texts(svg: bytes) -> list[str]:
    return [m["text"] for m in _TEXT.finditer(svg.decode())]


def _styled(svg: bytes) -> list[tuple[str, str, str]]:
    return [(m["size"], m["anchor"], m["text"]) for m in _TEXT.finditer(svg.decode())]


def _png_size(png: bytes) -> tuple[int, int]:
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and png[12:16] == b"IHDR"
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def _golden(name: str, data: bytes) -> None:
    golden = GOLDEN / name
    if os.environ.get("MINHBACH_UPDATE_GOLDEN") == "1" and (not golden.exists() or golden.read_bytes() != data):
        golden.write_bytes(data)
        pytest.fail(f"golden {golden.name} rewritten: review `git diff tests/golden/{golden.name}`, then re-run")
    assert data == golden.read_bytes(), f"{name} changed; see CONTRIBUTING.md, 'Golden files'"


def _drawn(chart: Chart) -> tuple[bytes, bytes]:
    svg, png = render(chart, text_as_text=True)
    assert b"<text" not in render(chart)[0]  # published: text as glyph outlines
    return svg, png


PLAIN_LINE = Chart(
    kind="line", slug="plain-line", title="t", alt="a", summary="s", csv_header=("x",), csv_rows=(),
    x_label="Year", y_label="Score", x_range=(2010, 2017), invert_y=True, note="Two bounds, one derived.",
    series=(Series("A", (Point(2010, 1.5), Point(2011, 2.0, label="2"), Point(2013, 3.0, derived=True, label="3*"),
                         Point(2014, 4.0, bound=">=", label="≥4"), Point(2016, 2.5, bound="<", label="<2.5"))),
            Series("B", (Point(2010, 1.0, label="b1"), Point(2011, 1.25, label="b2"))),
            Series("C", (Point(2012, 2.0, label="c"),)), Series("D", (Point(2015, 3.5, label="d"),)),
            Series("E", (Point(2017, 1.0, label="e"),)),
            Series("Ref", (Point(2010, 2.0, label="r1"), Point(2011, 2.5, label="r2")), reference=True)),
    legend=(("derived", "Derived"), ("bound", "Bound only")))


LABEL, TICK, NOTE = str(draw.LABEL_POINTS), str(draw.TICK_POINTS), str(draw.NOTE_POINTS)  # as the SVG writes them
NOTE_TEXT = ("Biểu đồ chỉ vẽ 12 trong 2.520 cơ quan (những cơ quan nhận nhiều kiến nghị nhất); tệp CSV có đủ. "
             "HĐND TP.HCM WWW The chart draws 12 of the 2,520 agencies; its CSV file has them all.")


@pytest.mark.parametrize("seed", range(6))
def test_a_long_note_is_drawn_in_lines_that_end_inside_the_figure_in_the_svg_and_the_png(seed):
    """A chart's note is wrapped once, by our own measure (matplotlib's wrapping measured it again in each of
    three drawings): every word kept, in order, one line under the other in the drawn SVG; each line ends
    inside the figure as matplotlib measures it in both files (the PNG's glyphs, fitted to its pixels, are
    wider than their outlines); and no line is cut much shorter than the room there is."""
    import random

    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    chosen = random.Random(seed)
    note = " ".join(chosen.choice(NOTE_TEXT.split(' ')) for _ in range(chosen.randint(70, 120)))
    svg_text = _drawn(replace(PLAIN_LINE, note=note))[0].decode()
    drawn = re.findall(rf'<text style="font-size: {draw.NOTE_POINTS}px;[^>]*>([^<]*)</text>', svg_text)
    assert len(drawn) > 2 and " ".join(drawn) == note
    prop, width = FontProperties(family="DejaVu Sans", size=draw.NOTE_POINTS), draw.WIDTH_INCHES * draw.DPI
    start = draw.NOTE_AT * width
    png = [RendererAgg(640, 480, draw.DPI).get_text_width_height_descent(line, prop, False)[0] for line in drawn]
    svg = [text_to_path.get_text_width_height_descent(line, prop, False)[0] * draw.DPI / 72 for line in drawn]
    assert all(start + line <= width - start for line in png + svg)
    # a line is not cut shorter than the room: the next line's first word would not have fitted on it (a fixed
    # share of the room, 85 %, held on a figure 6.4 in wide, where a word was a smaller part of a line)
    longer = [f"{line} {following.split(' ')[0]}" for line, following in zip(drawn, drawn[1:], strict=False)]
    assert all(text_to_path.get_text_width_height_descent(line, prop, False)[0] * draw.DPI / 72
               > 0.97 * (width - 2 * start) / draw.HINTED_WIDER for line in longer)


def test_a_notes_own_line_breaks_and_blank_lines_are_kept():
    assert draw._note_lines("Một.\n\nHai ba.") == "Một.\n\nHai ba."
    assert draw._note_lines("a\nb") == "a\nb" and draw._note_lines("") == ""


def test_a_long_bar_name_goes_on_a_second_line_then_is_cut_and_every_name_stays_on_the_figure():
    """One name of 120 characters took the room of the bars and matplotlib's layout gave up ("Tight layout not
    applied"), cutting every name at the left edge: a name now takes at most two lines of half the figure's
    width (by matplotlib's own measure), the second cut with "…", and a short one is left as it is."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    long = ("Ban Quản lý các Khu chế xuất và công nghiệp Thành phố Hồ Chí Minh (HEPZA) – cơ quan trực thuộc Ủy ban "
            "nhân dân Thành phố")
    chart = Chart(kind="bars", slug="b", title="t", alt="a", summary="s", csv_header=(), csv_rows=(),
                  bars=(Bar(long, 14.0), Bar("Sở Nội vụ", 3.0)), y_label="Số lượng")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the layout holds
        svg = _drawn(chart)[0].decode()
    lines = draw._bar_name(long).split("\n")
    assert len(lines) == 2 and lines[1].endswith("…") and long.startswith(" ".join(lines)[:-1])
    assert draw._bar_name("Sở Nội vụ") == "Sở Nội vụ" and all(f">{line}<" in svg for line in lines)
    prop = FontProperties(family="DejaVu Sans", size=draw.LABEL_POINTS)
    measure = RendererAgg(640, 480, draw.DPI).get_text_width_height_descent
    room = draw.NAME_ROOM * draw.WIDTH_INCHES * draw.DPI
    assert all(measure(line, prop, False)[0] <= room for line in lines)
    assert measure(lines[0] + " " + long.split()[len(lines[0].split())], prop, False)[0] > 0.9 * room  # full


def test_a_line_chart_without_a_language_labels_every_point_and_keeps_its_bounds_open():
    svg, png = _drawn(PLAIN_LINE)
    texts = _styled(svg)
    assert [t for _, _, t in texts if t.isdigit()][:4] == ["2010", "2012", "2014", "2016"]  # every other year
    assert (LABEL, "middle", "1.5") in texts and (LABEL, "middle", "3*") in texts  # a point's own label, or its number
    assert (LABEL, "start", "≥4") in texts and (LABEL, "start", "&lt;2.5") in texts  # a bound's label beside it
    assert not {"r1", "r2"} & {t for _, _, t in texts}  # a reference line is not labelled
    legend = [t for _, _, t in texts[texts.index((TICK, "middle", "Score")) + 1:] if t in
              {"A", "B", "C", "D", "E", "Ref", "Derived", "Bound only"}]
    assert legend == ["A", "Derived", "Bound only", "B", "C", "D", "E", "Ref"]
    assert texts[-1] == (NOTE, "start", "Two bounds, one derived.")
    assert _png_size(png) == (440, 345)  # 3.2 in, and a line of note
    _golden("units-plain-line.svg", svg)


def test_dollar_signs_from_data_are_drawn_as_written_not_read_as_tex():
    """A name with "$...$" is not TeX: drawn as written, and a broken expression does not stop the drawing."""
    names = ("Sở $\\frac{$ x", "Quỹ $x^2$")
    chart = _chart(kind="bars", title=names[0], y_label="Điểm", lang="vi",
                   bars=(Bar(names[0], 2.0), Bar(names[1], 1.0, text="$1$")))
    svg, _ = _drawn(chart)
    texts = {t for _, _, t in _styled(svg)}
    assert set(names) <= texts and "$1$" in texts


SERIES = Chart(
    kind="series", slug="series", title="t", alt="a", summary="s", csv_header=("x",), csv_rows=(), lang="vi",
    x_label="Ngày", y_label="Số", series=(
        Series("forty", tuple(Point(2000 + i / 4, 1000 + i) for i in range(40))),
        Series("forty-one", tuple(Point(2000 + i / 4, 1100 + i) for i in range(41))),
        Series("third", (Point(2001, 1200.5), Point(2003, 1150))),
        Series("fourth", (Point(2002, 1010), Point(2004, 1020)))))


def test_a_long_series_has_a_legend_ticks_in_the_pages_format_and_no_point_labels():
    svg, png = _drawn(SERIES)
    texts = _texts(svg)
    assert texts[texts.index("Ngày") - 1] == "2010" and "1.000" in texts and "1.200" in texts
    assert texts[-4:] == ["forty", "forty-one", "third", "fourth"]
    assert _png_size(png) == (440, 320)
    _golden("units-series.svg", svg)
    one = Chart(kind="series", slug="one", title="t", alt="a", summary="s", csv_header=("x",), csv_rows=(),
                series=(Series("only", (Point(2001, 0.5), Point(2002, 1.5))),))
    assert "only" not in _texts(_drawn(one)[0])  # one line: no legend


def test_a_line_chart_ticks_every_year_over_six_years_and_writes_fractional_years_without_a_range():
    line = Series("s", (Point(2010, 1.0, label="1"), Point(2016, 2.0, label="2")))
    six = Chart(kind="line", slug="s", title="t", alt="a", summary="s", csv_header=(), csv_rows=(),
                x_range=(2010, 2016), series=(line,))
    assert _texts(_drawn(six)[0])[:8] == ["2010", "2011", "2012", "2013", "2014", "2015", "2016", "1"]
    free = Chart(kind="line", slug="s", title="t", alt="a", summary="s", csv_header=(), csv_rows=(),
                 series=(Series("s", (Point(2020, 1.0, label="1"), Point(2021, 2.0, label="2"))),))
    assert _texts(_drawn(free)[0])[:7] == ["2020", "2020.2", "2020.4", "2020.6", "2020.8", "2021", "1"]


def test_two_series_have_a_legend():
    two = Chart(kind="series", slug="two", title="t", alt="a", summary="s", csv_header=("x",), csv_rows=(),
                series=(Series("first", (Point(2001, 0.5), Point(2002, 1.5))), Series("second", (Point(2001, 1),))))
    assert _texts(_drawn(two)[0])[-2:] == ["first", "second"]


_PATCH = re.compile(r'<g id="patch_\d+">\s*<path[^>]*style="([^"]*)"')


def test_a_bar_known_only_as_a_bound_is_open_and_dashed_in_its_colour():
    bars = Chart(kind="bars", slug="b", title="t", alt="a", summary="s", csv_header=(), csv_rows=(),
                 bars=(Bar("x", 5.0, highlight=True, bound=">", text=">5"), Bar("y", 4.0, bound="<", text="<4")))
    styles = _PATCH.findall(_drawn(bars)[0].decode())
    assert styles[2:4] == [f"fill: #ffffff; stroke-dasharray: 3.7,1.6; stroke-dashoffset: 0; stroke: {colour}; "
                           "stroke-linejoin: miter" for colour in ("#d55e00", "#0072b2")]


PLAIN_BARS = Chart(kind="bars", slug="plain-bars", title="t", alt="a", summary="s", csv_header=("x",), csv_rows=(),
                   y_label="Count", bars=(Bar("one", 12.0), Bar("two", 30.0, text="30 (about)")))


def test_bars_without_a_language_or_flags_have_one_legend_entry():
    svg, png = _drawn(PLAIN_BARS)
    texts = _styled(svg)
    assert (LABEL, "start", "12") in texts and (LABEL, "start", "30 (about)") in texts
    assert (LABEL, "end", "one") in texts and (LABEL, "end", "two") in texts
    assert [t for _, _, t in texts][-1] == "stated"  # the role, as the spec gives no label
    assert _png_size(png) == (440, 240)
    _golden("units-plain-bars.svg", svg)


ONE_PANEL = Chart(kind="multiples", slug="one-panel", title="t", alt="a", summary="s", csv_header=("x",),
                  csv_rows=(), lang="en", panels=(Panel("only panel", (
                      Series("a", (Point(2014, 1200.5), Point(2016, 1300.25, bound=">", label=">1,300.25"))),)),))


def test_one_panel_of_multiples_fills_the_width_with_whole_years():
    svg, png = _drawn(ONE_PANEL)
    texts = _styled(svg)
    assert (LABEL, "middle", "only panel") in texts and (LABEL, "middle", "1,200.5") in texts
    assert (LABEL, "start", "&gt;1,300.25") in texts
    assert [t for _, _, t in texts if t.startswith("20")] == ["2014", "2015", "2016"]
    assert _png_size(png) == (440, 250)
    _golden("units-one-panel.svg", svg)


def _spec(lang: str = "") -> Chart:
    return Chart(kind="line", slug="s", title="t", alt="a", summary="s", csv_header=(), csv_rows=(), lang=lang)


def test_numbers_are_written_in_the_pages_format_or_plainly_without_a_language():
    vi, en, plain = _spec("vi"), _spec("en"), _spec()
    assert [draw._number(vi, v) for v in (86.5, 0.1 + 0.2, 2020.0, float("nan"))] == ["86,5", "0,3", "2.020", "–"]
    assert [draw._number(en, v) for v in (86.5, 2020.0)] == ["86.5", "2,020"]
    assert [draw._number(plain, v) for v in (86.5, 2020.0, 1e-7, float("nan"))] == ["86.5", "2020", "1e-07", "nan"]
    # every digit of a stated value, not six of them
    assert [draw._number(vi, v) for v in (1234567.0, 98765.4321)] == ["1.234.567", "98.765,4321"]
    assert draw._number(plain, 1234567.0) == "1234567"
    assert (draw._label(vi, 86.5, ""), draw._label(vi, 86.5, "<90")) == ("86,5", "<90")


def test_an_axis_of_days_over_any_span_a_date_can_have_is_ticked_with_four_digit_years():
    """Hostile-PR audit round 7, #6: days from 0001-01-01 to 9999-12-31 drew no x tick at all (every 1000 years made
    10 ticks, over the 8 an axis of years holds, and no coarser step was tried); and early years were written with
    fewer digits than ISO's four ("1", "01/1")."""
    def labels(lang: str, period: str, first: date, last: date) -> list[str]:
        chart = Chart(kind="series", slug="s", title="t", alt="a", summary="s", csv_header=(), csv_rows=(), lang=lang,
                      x_period=period)
        low, high = (period_x(day.toordinal(), "day") if period == "day" else day.year + (day.month - 1) / 12
                     for day in (first, last))
        return [label for _, label in draw._period_ticks(chart, low, high)]

    assert labels("vi", "day", date(1, 1, 1), date(9999, 12, 31)) == ["2000", "4000", "6000", "8000"]
    assert labels("en", "day", date(1, 1, 1), date(400, 6, 1)) == ["0100", "0200", "0300", "0400"]
    assert labels("vi", "day", date(1, 1, 1), date(1, 3, 1)) == ["01/0001", "02/0001", "03/0001"]
    assert labels("en", "month", date(1, 1, 1), date(1, 7, 1)) == ["Jan 0001", "Apr 0001", "Jul 0001"]
    assert labels("vi", "day", date(2010, 1, 1), date(2016, 1, 1)) == ["2010", "2012", "2014", "2016"]  # as before


def test_tick_labels_round_away_float_noise_and_write_years_without_grouping():
    vi, plain = _spec("vi"), _spec()
    assert draw._tick_formatter(vi)(0.1 + 0.2, 0) == "0,3" and draw._tick_formatter(vi)(1250.0, 0) == "1.250"
    assert draw._tick_formatter(vi)(0.30000000004, 0) == "0,3"
    assert draw._tick_formatter(vi, years=True)(2020.0, 0) == "2020"
    assert draw._tick_formatter(plain, years=True)(2020.5, 0) == "2020.5"
    assert draw._tick_formatter(plain, years=True)(2020.25, 0) == "2020.25"


@pytest.mark.parametrize(("bound", "marker"), [("<", "v"), ("<=", "v"), (">", "^"), (">=", "^")])
def test_a_bound_points_where_the_value_lies(bound, marker):
    assert draw._bound_marker(Point(1, 1.0, bound=bound)) == marker


def test_a_charts_height_grows_with_its_bars_panels_and_the_lines_of_its_note():
    def height(kind, bars=0, panels=0, note=""):
        chart = Chart(kind=kind, slug="s", title="t", alt="a", summary="s", csv_header=(), csv_rows=(),
                      bars=tuple(Bar(str(i), 1.0) for i in range(bars)),
                      panels=tuple(Panel(str(i), ()) for i in range(panels)), note=note)
        return chart.height_inches

    assert (height("line"), height("series")) == (3.2, 3.2)
    assert (height("bars", bars=1), height("bars", bars=2)) == (2.4, 2.4)
    assert (height("bars", bars=5), height("bars", bars=10)) == (pytest.approx(3.3), pytest.approx(5.1))
    # one panel a row: two of half the figure's 4.4 in were too narrow for their titles and years
    assert [height("multiples", panels=n) for n in (1, 2, 3, 4)] == pytest.approx([2.5, 4.4, 6.3, 8.2])
    # a note of one line, and of three (a 9 pt line is 0.15 in)
    assert height("line", note="Một dòng.") == pytest.approx(3.2 + 0.15 + 0.1)
    assert height("line", note="a\nb\nc") == pytest.approx(3.2 + 0.45 + 0.1)


def _card_width(line: str, size: int, bold: bool = False) -> float:
    """A line's advance in pixels in DejaVu Sans at ``size`` pixels (matplotlib's copy, which the cards use),
    laid out glyph by glyph as cards are, measured here with Pillow on its own."""
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    found = ImageFont.truetype(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name), size,
                               layout_engine=ImageFont.Layout.BASIC)
    return found.getlength(line)


@pytest.mark.parametrize(("text", "size", "lines", "bold"), [
    ("x" * 500, 36, 2, False), ("x" * 500, 47, 1, True), ("x" * 500, 555, 1, False),
    ("HĐND TP.HCM " * 10, 26, 1, False), ("WWW MMM " * 20, 36, 2, False), ("ab " * 30, 36, 1, False),
    ("Thực hiện Chương trình cải cách hành chính " * 4, 47, 3, True), ("i" * 900, 26, 2, False),
    ("x" * 5, 970, 3, False),  # one character a line (and "…" alone on the last)
])
@pytest.mark.usefixtures("finishes")
def test_card_text_wraps_to_the_measured_width_and_cuts_the_last_line(text, size, lines, bold):
    """Every line fits the card's 1,080 px between its margins as drawn (capitals are wide: an estimate per
    character let "HĐND TP.HCM …" run off the card, "…" and all); each line but the last is full (its next
    word, or character of a long word, would not fit); the text is kept in order and the cut is marked."""
    wrapped = card_drawing.wrapped(text, size, lines, bold)
    assert len(wrapped) == lines and wrapped[-1].endswith("…")
    assert all(_card_width(line, size, bold) <= 1080 for line in wrapped)
    kept = " ".join(wrapped)[:-1].replace(" ", "")
    assert text.replace(" ", "").startswith(kept) and len(kept) < len(text.replace(" ", ""))
    rest = text.replace(" ", "")[len(kept):]
    for line, following in zip(wrapped, wrapped[1:], strict=False):
        word = following.split(" ")[0]
        assert _card_width(f"{line} {word}" if " " in text else line + word[0], size, bold) > 1080
    assert rest  # something was left out, and "…" says so


@pytest.mark.usefixtures("finishes")
def test_the_search_for_what_fits_finds_the_longest_prefix_whatever_the_bound():
    assert [[measure.longest(lambda n, k=k: n <= k, most) for k in range(1, most + 1)]
            for most in range(1, 40)] == [list(range(1, most + 1)) for most in range(1, 40)]
    assert measure.longest(lambda n: False, 9) == 1  # not even one character fits: one all the same


@pytest.mark.usefixtures("finishes")
def test_words_go_into_lines_even_where_not_one_character_fits():
    """``fill`` ends whatever its measure says: where not even one character fits (a room of no width, or of
    less: a chart note's room worked out wrong), each character takes a line of its own, every one kept in order
    and no line empty. It looped forever on the empty rest of a word before."""
    for fits in (lambda line: False, lambda line: line == ""):
        assert measure.fill(["ab", "c"], fits) == ["a", "b", "c"]
    assert measure.fill(["ab", "c"], lambda line: len(line) <= 1) == ["a", "b", "c"]


@pytest.mark.usefixtures("finishes")
def test_card_text_that_fits_is_left_whole_and_a_cut_falls_between_words_where_it_can():
    wrapped = card_drawing.wrapped
    assert wrapped("", 26, 1) == [""]
    assert wrapped("short title", 47, 3, bold=True) == ["short title"]
    assert wrapped("a" * 20 + " " + "b" * 20, 36, 2) == ["a" * 20 + " " + "b" * 20]
    assert wrapped("ab " * 30, 36, 1) == ["ab " * 17 + "ab…"]  # no half word, no space before "…"
    assert wrapped("HĐND TP.HCM " * 10, 26, 1) == ["HĐND TP.HCM " * 5 + "HĐND…"]


def test_card_text_is_placed_line_by_line_from_the_top():
    """The title from 64 px down, a line every 1.25 em; the headline 18 px below it, the detail 6 px below
    that; the site's address at the bottom, 40 px above the edge."""
    drawn = card_drawing.layout(Card("s", "one " * 30, "two", "three", site="Minh Bạch"))
    title, headline, detail, site = (47, 36, 26, 26)
    assert [(line.x, line.y, line.size, line.colour, line.bold) for line in drawn.lines] == [
        (60, 64, title, "#1A1A1A", True), (60, 64 + title * 1.25, title, "#1A1A1A", True),
        (60, 64 + 2 * title * 1.25, title, "#1A1A1A", True),
        (60, 64 + 3 * title * 1.25 + 18, headline, "#3F51B5", False),
        (60, 64 + 3 * title * 1.25 + 18 + headline * 1.25 + 6, detail, "#555555", False),
        (60, pytest.approx(630 - 40 - sum(card_drawing.font(site).getmetrics())), site, "#555555", False)]
    assert [line.text for line in drawn.lines][3:] == ["two", "three", "Minh Bạch"]
    assert drawn.lines[2].text.endswith("…")
    assert drawn.boxes == (card_drawing.Box(0, 0, 1200, 16, "#3F51B5"),)  # the band of the site's colour


def test_a_cards_detail_takes_a_second_line_where_the_title_and_headline_leave_room():
    """The tracker's caveat was cut to one line ("…; danh sách chưa đủ với 1…", its noun lost): the detail has two
    lines below a title and headline of four lines or fewer, and one below five, where a second would bring the
    bar's keys down onto the site's address (the keys' last row ends above it either way)."""
    detail = "từ năm 2024; chưa biết danh sách của 6 phiên khác; danh sách chưa đủ với 1 phiên"
    bars = tuple(CardBar(label, n) for n, label in enumerate(("Đã thực hiện", "Đang thực hiện", "Chưa thực hiện",
                                                             "Không có thông tin", "Đình hoãn", "Khác", "k" * 30)))
    short = card_drawing.layout(Card("s", "Theo dõi kiến nghị", "15 kết luận, kiến nghị", detail, bars, "Minh Bạch"))
    shown = [line.text for line in short.lines if line.size == 26 and line.colour == "#555555"][:-1]
    assert len(shown) == 2 and " ".join(shown) == detail
    longest = card_drawing.layout(Card("s", "tiêu đề " * 30, "dòng chính " * 20, detail, bars, "Minh Bạch"))
    cut = [line.text for line in longest.lines if line.size == 26 and line.colour == "#555555"][:-1]
    assert len(cut) == 1 and cut[0].endswith("…")
    for drawn in (short, longest):
        site = drawn.lines[-1]
        assert max(box.y + box.height for box in drawn.boxes) < site.y


def _key_advance(text: str) -> float:
    """A key's width: its square, a gap, its text (24 px), and the space after it."""
    return 20 + 10 + _card_width(text, 24) + 36


def test_the_card_bar_splits_the_width_in_proportion_and_wraps_its_keys():
    card = Card("s", "t", "h", bars=(CardBar("Đã xong", 1, "#111111"), CardBar("Chưa", 3, "#222222"),
                                     CardBar("k" * 60, 0)))
    drawn = card_drawing.layout(card)
    top = 64 + 47 * 1.25 + 18 + 36 * 1.25 + 18  # below the title and the headline
    second = 60 + _key_advance("Đã xong: 1")
    assert [(b.x, b.y, b.width, b.height, b.colour) for b in drawn.boxes[1:]] == [
        (60, top, 270, 34, "#111111"), (330, top, 810, 34, "#222222"), (1140, top, 0, 34, "#8C8C8C"),  # the bar
        (60, top + 50, 20, 20, "#111111"), (second, top + 50, 20, 20, "#222222"),  # keys
        (60, top + 84, 20, 20, "#8C8C8C")]  # a key that does not fit on the line starts the next one
    assert [(line.text, line.x, line.y, line.size, line.colour) for line in drawn.lines[2:-1]] == [
        ("Đã xong: 1", 90, top + 48, 24, "#555555"), ("Chưa: 3", second + 30, top + 48, 24, "#555555"),
        (f"{'k' * 60}: 0", 90, top + 82, 24, "#555555")]


def _key_places(card: Card) -> list[tuple[float, float]]:
    """Where each key's square goes (x, and its row's offset below the first row, 50 px below the bar's top)."""
    drawn = card_drawing.layout(card)
    bar_top, squares = drawn.boxes[1].y, drawn.boxes[1 + len(card.bars):]
    return [(round(box.x, 3), box.y - bar_top - 50) for box in squares]


@pytest.mark.parametrize(("labels", "lines"), [
    (["k" * 80], [1]),  # longer than the line, alone on it: not pushed to the next
    (["Đã xong", "k" * 58], [2]),  # the second's text ends 16 px before the margin: it fits
    (["Chưa", "k" * 62], [1, 1]),  # the second's text would end 2 px past the margin: the next line
])
def test_a_card_key_starts_a_new_line_only_when_its_text_would_pass_the_margin(labels, lines):
    card = Card("s", "t", "h", bars=tuple(CardBar(label, n) for n, label in enumerate(labels)))
    expected, index = [], 0
    for row, count in enumerate(lines):
        x = 60.0
        for label in labels[index:index + count]:
            expected.append((round(x, 3), 34 * row))
            x += _key_advance(f"{label}: {labels.index(label)}")
        index += count
    assert _key_places(card) == expected
    if len(labels) == 2:  # the second key's text, were it on the first row, ends before the margin or past it
        end = 60 + _key_advance(f"{labels[0]}: 0") + _key_advance(f"{labels[1]}: 1") - 36
        assert (end <= 1140) == (lines == [2])


def test_a_card_with_nothing_to_count_draws_an_empty_bar():
    drawn = card_drawing.layout(Card("s", "t", "h", bars=(CardBar("a", 0), CardBar("b", 0))))
    assert [box.width for box in drawn.boxes[1:3]] == [0, 0]


def test_a_cards_png_is_its_layout_drawn_with_each_text_pixel_an_exact_shade_of_its_colour():
    """The palette PNG holds white, the boxes' colours and shades of each text colour on white; drawn in full
    colour with Pillow from the same layout, no pixel is more than one shade (of 81) away."""
    card = Card("x", "Tiêu đề khá dài của một trang", "8 kết luận", "HĐND",
                (CardBar("Đã xong", 3, "#009E73"), CardBar("Chưa", 1, "#D55E00")), "Minh Bạch")
    png = card_drawing.png(card)
    image = Image.open(io.BytesIO(png))
    assert image.mode == "P" and image.size == (1200, 630)
    expected = Image.new("RGB", (1200, 630), "#FFFFFF")
    paint = ImageDraw.Draw(expected)
    drawn = card_drawing.layout(card)
    for box in drawn.boxes:
        if round(box.x + box.width) > round(box.x):
            paint.rectangle((round(box.x), round(box.y), round(box.x + box.width) - 1,
                             round(box.y + box.height) - 1), fill=box.colour)
    for line in drawn.lines:
        paint.text((line.x, line.y), line.text, font=card_drawing.font(line.size, line.bold), fill=line.colour,
                   anchor="la")
    got = image.convert("RGB")
    worst = max(abs(a - b) for pixel, want in zip(got.get_flattened_data(), expected.get_flattened_data(), strict=True)
                for a, b in zip(pixel, want, strict=True))
    assert worst <= 255 // 81 + 1
    colours = _colours(png)
    assert {(255, 255, 255), _rgb("#3F51B5"), _rgb("#009E73"), _rgb("#D55E00"), _rgb("#1A1A1A")} <= colours.keys()
    assert card_drawing.png(card) == png


def test_a_card_of_more_colours_than_its_palette_holds_is_drawn_in_full_colour_then_reduced():
    bars = tuple(CardBar(f"s{i}", 1, f"#{i:02X}{255 - i:02X}80") for i in range(230))
    card = Card("y", "Tiêu đề", "h", bars=bars)
    png = card_drawing.png(card)
    image = Image.open(io.BytesIO(png))
    assert image.mode == "P" and image.size == (1200, 630)
    drawn, rgb = card_drawing.layout(card), image.convert("RGB")
    bar = drawn.boxes[1]
    strip = {rgb.getpixel((x, round(bar.y + bar.height / 2))) for x in range(60, 1140)}
    assert len(strip) > 5  # the bar's parts in their colours, as the palette merges them (not one white strip)
    title = drawn.lines[0]
    dark = [rgb.getpixel((x, y)) for x in range(60, 300) for y in range(round(title.y), round(title.y) + 40)]
    assert min(sum(pixel) for pixel in dark) < 3 * 60  # the title in its dark ink
    assert (255, 255, 255) in _colours(png)


def _colours(png: bytes) -> dict[tuple[int, int, int], int]:
    return {colour: count for count, colour in Image.open(io.BytesIO(png)).convert("RGB").getcolors(1 << 24)}


def test_a_published_png_is_indexed_and_keeps_its_main_colours_exact():
    png = render(PLAIN_LINE)[1]
    assert png[25] == 3, "IHDR colour type 3: a palette image"
    colours = _colours(png)
    assert len(colours) <= 256
    # the white face, the first series' colour and black text: exactly, not an octree's average of their buckets
    assert {(255, 255, 255), _rgb(draw.BLUE), (0, 0, 0)} <= colours.keys()
    assert render(PLAIN_LINE)[1] == png
    card = render(Card("s", "Tiêu đề", "8 kết luận", "HĐND", (CardBar("a", 3, draw.VERMILION),), "Minh Bạch"))[1]
    assert card[25] == 3 and {(255, 255, 255), _rgb(card_drawing.ACCENT)} <= _colours(card).keys()


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def test_a_palette_png_moves_only_the_rare_colours_and_those_a_little():
    """More than 256 colours: the common ones (a background, a block) stay exact, a gradient of 1,024 shades
    (each a few pixels, as antialiasing makes them) moves by a few levels at most."""
    image = Image.new("RGB", (64, 80), (255, 255, 255))
    image.paste((0, 114, 178), (0, 0, 64, 16))
    shades = [(x * 4 % 256, y * 16 % 256, (x + y) % 256) for y in range(16) for x in range(64)]
    for index, shade in enumerate(shades):
        image.putpixel((index % 64, 32 + index // 64), shade)
    out = Image.open(io.BytesIO(palette_png(image)))
    assert out.mode == "P" and out.size == (64, 80)
    got = out.convert("RGB")
    assert got.getpixel((5, 5)) == (0, 114, 178) and got.getpixel((5, 20)) == (255, 255, 255)
    worst = max(max(abs(a - b) for a, b in zip(got.getpixel((i % 64, 32 + i // 64)), shade, strict=True))
                for i, shade in enumerate(shades))
    assert 0 < worst <= 40


def test_a_palette_png_gives_one_colour_the_same_entry_wherever_it_is():
    """No dithering: a shade the palette lacks becomes the same entry in every pixel it is in (error diffusion
    would scatter it over neighbouring entries, a speckle on every antialiased edge)."""
    image = Image.new("RGB", (128, 64), (255, 255, 255))
    shades = [(x * 4 % 256, y * 32 % 256, (x + 3 * y) * 5 % 256) for y in range(8) for x in range(64)]
    for index, shade in enumerate(shades):  # 512 shades (more than a palette holds), each a block of 2x4 pixels
        left, top = index % 64 * 2, index // 64 * 8
        image.paste(shade, (left, top, left + 2, top + 4))
    out = Image.open(io.BytesIO(palette_png(image)))
    for index, _ in enumerate(shades):
        left, top = index % 64 * 2, index // 64 * 8
        assert len({out.getpixel((left + dx, top + dy)) for dx in range(2) for dy in range(4)}) == 1, index


def test_a_share_card_is_a_1200_by_630_png_drawn_the_same_as_its_golden():
    """The golden is the card drawn as an SVG with its text as text (reviewable in a diff, as the charts'); the
    published PNG is drawn from the same figure, the same bytes every time."""
    card = Card("x", "Thực hiện Chương trình cải cách hành chính " * 4, "11/06/2024 · 8 kết luận, kiến nghị",
                "HĐND TP.HCM " * 10, (CardBar("Đình hoãn", 2, "#8A4B00"), CardBar("Chưa có thông tin", 6)),
                "Minh Bạch · example.org/mb")
    svg, png = render(card)
    assert svg == b"" and _png_size(png) == (1200, 630) and render(card)[1] == png
    text_svg, text_png = render(card, text_as_text=True)
    assert _png_size(text_png) == (1200, 630)
    assert b">Minh B\xe1\xba\xa1ch \xc2\xb7 example.org/mb</text>" in text_svg
    _golden("units-card.svg", text_svg)
    assert render(Card("x", card.title, card.headline, "", (), card.site))[1] != png


def test_control_characters_from_data_are_drawn_as_spaces_and_never_reach_the_svg():
    """A tab or another control character in a label has no glyph: matplotlib drew a box and warned "Glyph 9
    missing" (24 times in the hostile build). Each is drawn as a space; the SVG could not hold them anyway."""
    assert draw.xml_safe(bytes(range(0x21))) == b"\t\n\r "
    chart = Chart(kind="bars", slug="c", title="Sở\tgiả", alt="a", summary="s", csv_header=(), csv_rows=(),
                  bars=(Bar("a\x01b", 1.0, text="1\x1f2"), Bar("c\td", 2.0)))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph fails the test
        svg = render(chart, text_as_text=True)[0]
    texts = _texts(svg)
    assert {"a b", "1 2", "c d"} <= set(texts)
    assert chart.title == "Sở\tgiả" and chart.bars[0].label == "a\x01b"  # the spec (and its CSV) as given
    card = Card("k", "Tiêu\tđề", "h", bars=(CardBar("Đã\tthực hiện", 3, "#000000"),))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        card_svg = render(card, text_as_text=True)[0]
    assert "Đã thực hiện: 3" in re.findall(r">([^<]*)</text>", card_svg.decode())


# The renderer (charts/renderer.py): share cards, the fastest specs to draw ----------------------------------------

def _cards(n: int, prefix: str = "c") -> list[Card]:
    return [Card(f"{prefix}{i}", f"Title {i}", "h") for i in range(n)]


def test_a_charts_cache_entry_is_keyed_by_its_spec_the_drawing_code_and_the_libraries_that_draw():
    one, two = _cards(2)
    libraries = tool_versions("matplotlib", "numpy", "pillow")
    assert libraries.startswith("matplotlib=3.") and " numpy=" in libraries and " pillow=" in libraries
    assert renderer.entry_key(one) == Cache.key("charts", one.key(),
                                                code_digest("generator.core.charts.draw") + libraries)
    assert renderer.entry_key(one) != renderer.entry_key(two)


def test_each_distinct_spec_is_drawn_once_then_read_from_the_cache(tmp_path):
    one, two = _cards(2)
    files, stats = renderer.render_all([one, two, Card("c0", "Title 0", "h")], Cache(tmp_path))
    assert (stats.rendered, stats.cached, stats.keys) == (2, 0, sorted([one.key(), two.key()]))
    assert files == {one.key(): render(one), two.key(): render(two)}
    stored = Cache(tmp_path)
    assert stored.get("charts", f"{renderer.entry_key(one)}.svg") == b""
    assert stored.get("charts", f"{renderer.entry_key(one)}.png") == render(one)[1]
    again, stats = renderer.render_all([two, one], Cache(tmp_path))
    assert (stats.rendered, stats.cached, stats.keys) == (0, 2, sorted([one.key(), two.key()])) and again == files


def test_an_entry_is_cached_only_with_both_files(tmp_path):
    [one] = _cards(1)
    cache = Cache(tmp_path)
    cache.put("charts", f"{renderer.entry_key(one)}.svg", b"")
    assert renderer._cached(cache, one) is None
    cache.put("charts", f"{renderer.entry_key(one)}.png", b"png")
    assert renderer._cached(cache, one) == (b"", b"png")
    cache.put("charts", f"{renderer.entry_key(one)}.png", b"png")
    (cache.path("charts", f"{renderer.entry_key(one)}.svg")).unlink()
    assert renderer._cached(cache, one) is None


def test_an_entry_lost_after_submit_is_drawn_again_at_finish(tmp_path):
    [one] = _cards(1)
    cache = Cache(tmp_path)
    renderer.render_all([one], cache)
    chart_renderer = renderer.ChartRenderer(cache)
    chart_renderer.submit([one])
    assert (chart_renderer.stats.rendered, chart_renderer.stats.cached) == (0, 1)
    cache.path("charts", f"{renderer.entry_key(one)}.png").unlink()
    files, stats = chart_renderer.finish()
    assert files == {one.key(): render(one)} and cache.get("charts", f"{renderer.entry_key(one)}.png") is not None


def test_progress_is_reported_from_twenty_charts_to_draw_across_submits(tmp_path, capsys):
    cache = Cache(tmp_path)
    renderer.render_all(_cards(3, "cached"), cache)
    chart_renderer = renderer.ChartRenderer(cache)
    chart_renderer.submit(_cards(19) + _cards(3, "cached"))
    assert chart_renderer._progress is None and (chart_renderer.stats.rendered, chart_renderer.stats.cached) == (19, 3)
    chart_renderer.submit(_cards(20))  # one more to draw: 20
    assert chart_renderer._progress.total == 20 and chart_renderer._progress.done == 0
    chart_renderer.submit(_cards(2, "later"))  # a later language's
    assert chart_renderer._progress.total == 22
    files, stats = chart_renderer.finish()
    assert (stats.rendered, stats.cached, len(files)) == (22, 3, 25)
    lines = capsys.readouterr().err.splitlines()
    assert [line.split(" (")[0] for line in lines] == [f"minhbach: charts {n}/22" for n in (3, 5, 7, 9, 11, 14, 16, 18,
                                                                                           20, 22)]


def test_fewer_than_twenty_charts_report_no_progress(tmp_path, capsys):
    chart_renderer = renderer.ChartRenderer(Cache(tmp_path))
    chart_renderer.submit(_cards(2))
    chart_renderer.finish()
    assert chart_renderer._progress is None and chart_renderer._done == 2 and capsys.readouterr().err == ""


@pytest.mark.parametrize("small_workers", [False, True])
def test_a_pool_of_workers_draws_the_same_files_and_leaves_the_garbage_collector_as_it_was(tmp_path, small_workers):
    cards = _cards(3)
    chart_renderer = renderer.ChartRenderer(Cache(tmp_path), jobs=2, small_workers=small_workers)
    assert chart_renderer.small_workers is small_workers
    chart_renderer.submit(cards)
    assert (gc.get_freeze_count() > 0) is not small_workers  # forked workers: the parent's objects frozen
    # small workers come from a fresh server process; the others are forked from this one
    assert (chart_renderer._start().submit(os.getppid).result() == os.getpid()) is not small_workers
    files, stats = chart_renderer.finish()
    assert gc.get_freeze_count() == 0 and chart_renderer._done == 3
    assert files == {card.key(): render(card) for card in cards} and (stats.rendered, stats.cached) == (3, 0)


def test_the_workers_server_imports_frictionless_only_for_data_with_a_file_large_enough_to_validate_in_chunks(
        tmp_path):
    from generator.core import workers

    (tmp_path / "pkg" / "data").mkdir(parents=True)
    small = tmp_path / "pkg" / "data" / "rows.csv"
    small.write_bytes(b"a,b\n" + b"1,2\n" * 1000)
    assert workers.preload_for(tmp_path) == [workers.CHARTS]
    small.write_bytes(b"a,b\n" + b"1,2\n" * (workers.LARGE_DATA_BYTES // 4 + 1))  # just over the size
    assert workers.preload_for(tmp_path) == [workers.CHUNKS, workers.CHARTS] == workers.PRELOAD
    assert workers.preload_for(None) == workers.PRELOAD  # data not known: everything, as before


# Run in a process of its own: the server of small workers is one per process, and a build made in this test
# process may have lowered its priority for good (core/workers.py, ``behind``).
_NICENESS = """
import os, sys
from pathlib import Path
from generator.core.cache import Cache
from generator.core.charts import renderer
for behind in (False, True):
    chart_renderer = renderer.ChartRenderer(Cache(Path(sys.argv[1])), jobs=2, small_workers=sys.argv[2] == "small",
                                            behind=behind)
    print(chart_renderer._start().submit(os.nice, 0).result())
    chart_renderer.finish()
"""


@pytest.mark.parametrize("small_workers", ["forked", "small"])
def test_workers_that_draw_behind_the_caller_yield_it_the_cores(tmp_path, small_workers):
    """``serve`` draws its charts while MkDocs builds the pages the browser waits for, on the same cores."""
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-c", _NICENESS, str(tmp_path), small_workers], capture_output=True,
                         text=True, timeout=180, check=True)
    # (a process can go no lower than 19: a test run under ``nice`` expects that)
    assert [int(n) for n in run.stdout.split()] == [os.nice(0), min(os.nice(0) + renderer.BEHIND_NICENESS, 19)]


def test_the_pool_is_let_go_once_every_chart_is_drawn_and_a_later_submit_starts_another(tmp_path):
    """The workers hold matplotlib: at national scale ~300 MB of the build's peak, which came at its end, long
    after the last chart was drawn. They stop as soon as every chart submitted is drawn, not at ``finish``."""
    chart_renderer = renderer.ChartRenderer(Cache(tmp_path), jobs=2, small_workers=True)
    first, later = _cards(3), _cards(2, "later")
    chart_renderer.submit(first)
    for handing in chart_renderer._handing:  # the charts are handed to the pool from a thread
        handing.join()
    for future in list(chart_renderer._futures):
        future.result()
    deadline = time.monotonic() + 30
    while chart_renderer._pool is not None or any(t.is_alive() for t in chart_renderer._closing):
        assert time.monotonic() < deadline, "the idle pool was not let go"
        time.sleep(0.05)
    chart_renderer.submit(later)  # a later language's charts: another pool draws them
    files, stats = chart_renderer.finish()
    assert chart_renderer._pool is None and len(chart_renderer._closing) == 2
    assert files == {card.key(): render(card) for card in first + later} and stats.rendered == 5


def test_charts_are_handed_to_a_pool_of_the_server_from_a_thread_and_what_stops_that_is_raised_by_finish(
        tmp_path, monkeypatch):
    """Starting a worker waits for the server's imports: ``submit`` returns at once and ``finish`` waits; a pool
    that cannot start (no process left) fails ``finish`` in the caller's thread, not a thread nobody reads."""
    gate = threading.Event()
    chart_renderer = renderer.ChartRenderer(Cache(tmp_path), jobs=2, small_workers=True)
    start = chart_renderer._start

    def slow_start():  # noqa: ANN202
        gate.wait(10)
        return start()

    monkeypatch.setattr(chart_renderer, "_start", slow_start)
    cards = _cards(2)
    chart_renderer.submit(cards)  # returns while the pool has not started
    assert chart_renderer._futures == [] and chart_renderer._handing[0].is_alive()
    gate.set()
    files, stats = chart_renderer.finish()
    assert files == {card.key(): render(card) for card in cards} and stats.rendered == 2

    failing = renderer.ChartRenderer(Cache(tmp_path / "other"), jobs=2, small_workers=True)

    def no_process():  # noqa: ANN202
        raise OSError("no process left")

    monkeypatch.setattr(failing, "_start", no_process)
    failing.submit(_cards(1, "failing"))
    with pytest.raises(OSError, match="no process left"):
        failing.finish()


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_chart_that_fails_to_draw_fails_finish(tmp_path, jobs):
    broken = Chart(kind="pie", slug="p", title="t", alt="a", summary="s", csv_header=(), csv_rows=())
    chart_renderer = renderer.ChartRenderer(Cache(tmp_path), jobs=jobs)
    chart_renderer.submit([broken, *_cards(1)])
    with pytest.raises(KeyError, match="pie"):
        chart_renderer.finish()
    assert gc.get_freeze_count() == 0
