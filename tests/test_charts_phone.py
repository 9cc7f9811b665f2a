"""Chart text is readable on a phone (phone audit 3, #1), measured in a real browser on the real site.

A page shows a chart whole in its column, scaled to it. Drawn 6.4 in wide with 10 pt ticks, 8 pt names and values
and a 7 pt note, a chart's ticks were 7.1 CSS pixels at 360, its names 5.7 and its note 5.0; the home page's chart,
in its padded box, 5.5, 4.4 and 3.9 at 320. Here each chart image's width on the page, at a phone's widths and a
desktop's, gives the size its text is shown at (the SVG's size in points, 4/3 pixel a point, scaled to the image).

Run these alone with: pytest tests/test_charts_phone.py
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import serve
from conftest import ROOT

from generator.cli import main
from generator.core.charts.spec import LABEL_POINTS, NOTE_POINTS, TICK_POINTS

# Pages with each kind of chart: the home page's small one (both languages), bars, lines, small multiples, the
# supervision's bars, and an embed page.
PAGES = ["", "en/", "chi-so/ddci-hcmc/", "chi-so/par-index/", "chi-so/papi/", "giam-sat/", "en/chi-so/pgi/",
         "nhung/ddci-hcmc-agency-2022-bars/"]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("charts-phone")
    out = folder / "site"
    assert main(["build", "--out", str(out), "--config", str(ROOT / "mkdocs.yml"), "--datasets",
                 str(ROOT / "datasets"), "--cache-dir", str(folder / "cache"), "--build-date", "2026-11-26"]) == 0
    return out


def _charts(site: Path, browser, width: int) -> list[tuple[str, str, float, float]]:  # noqa: ANN001
    """(page, image, its width on the page, its drawn width) for each chart image of ``PAGES`` at ``width``."""
    phone = width < 1000
    context = browser.new_context(viewport={"width": width, "height": 740}, is_mobile=phone, has_touch=phone)
    page = context.new_page()
    found = []
    with serve(site) as url:
        for path in PAGES:
            assert page.goto(url + path, wait_until="load").status == 200
            images = page.evaluate("Array.from(document.querySelectorAll('figure img[src$=\".svg\"]'))"
                                   ".map(i => [i.getAttribute('src'), i.getBoundingClientRect().width, i.width,"
                                   " Number(i.getAttribute('width'))])")
            found += [(path, src, shown, drawn) for src, shown, _, drawn in images]
    context.close()
    assert {path for path, *_ in found} == set(PAGES)  # every page has its chart
    return found


@pytest.mark.parametrize("width", [320, 360])
def test_chart_text_is_nine_pixels_on_a_phone_and_the_note_eight(site, browser, width):
    small = []
    for path, src, shown, drawn in _charts(site, browser, width):
        scale = 4 / 3 * shown / drawn  # CSS pixels a point of the chart, as shown
        sizes = (TICK_POINTS * scale, LABEL_POINTS * scale, NOTE_POINTS * scale)
        if min(sizes[:2]) < 9 or sizes[2] < 8:
            small.append((path, src.rsplit("/", 1)[-1], shown, [round(size, 1) for size in sizes]))
    assert small == []


def test_a_desktop_shows_each_chart_at_its_drawn_size(site, browser):
    """Never scaled up (its text would be larger than drawn, its lines thicker) nor down (the column has room)."""
    assert [(path, src, shown, drawn) for path, src, shown, drawn in _charts(site, browser, 1280)
            if abs(shown - drawn) > 0.5] == []
