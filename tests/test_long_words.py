"""One long word from the data never makes a page scroll sideways (hostile audit 2, #4), in a real browser.

A status label of one 300-letter word made the home page 2145 px wide at 360 px: the badge is an inline block, as
wide as its longest word. Index names and source publishers did the same in the cards of a record table (a card's
grid grew to its longest word), in an embed page's caption, and, on a desktop, in a definition list's value column.
The real data, those three fields lengthened by one such word, built, then each kind of page where they appear
measured at a phone's and a desktop's width.

Run these alone with: pytest tests/test_long_words.py
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from browser import serve
from conftest import ROOT

from generator.cli import main

WORD = "W" + "x" * 300
LENGTHENED = {"giam-sat/data/statuses.csv": ("label_vi", "label_en"),
              "chi-so/data/indices.csv": ("name_vi", "name_en"),
              "nguon/data/sources.csv": ("publisher", "publisher_en")}
# Each kind of page where one of them showed past the page's edge, in the audit's build or in this one's.
PAGES = ["", "giam-sat/", "giam-sat/kien-nghi/", "giam-sat/gs-2024-06-11-cchc/", "giam-sat/gs-2025-07-17-tdm/",
         "co-quan/bhxh-hcm/", "co-quan/snv/", "co-quan/stc/", "chi-so/", "chi-so/par-index/",
         "nhung/papi-79-score/", "nhung/ddci-hcmc-agency-2022-bars/", "nhung/recommendations-by-status/"]
PAGES += ["en/" + path for path in ("", "giam-sat/kien-nghi/", "co-quan/snv/", "chi-so/", "nhung/papi-79-score/")]


def lengthen(datasets: Path) -> None:
    """Add ``WORD`` after each non-empty cell of the ``LENGTHENED`` columns."""
    for name, columns in LENGTHENED.items():
        path = datasets / name
        rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))
        for row in rows:
            row.update({column: f"{row[column]} {WORD}" for column in columns if row[column]})
        text = io.StringIO()
        writer = csv.DictWriter(text, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        path.write_text(text.getvalue(), "utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("long-words")
    shutil.copytree(ROOT / "datasets", folder / "datasets")
    lengthen(folder / "datasets")
    out = folder / "site"
    assert main(["build", "--out", str(out), "--config", str(ROOT / "mkdocs.yml"), "--datasets",
                 str(folder / "datasets"), "--cache-dir", str(folder / "cache"), "--build-date", "2026-11-26"]) == 0
    return out


def test_each_page_measured_shows_the_long_word(site):
    assert [path for path in PAGES if WORD not in (site / path / "index.html").read_text("utf-8")] == []


@pytest.mark.parametrize("width", [360, 1280])
def test_a_long_word_makes_no_page_wider_than_the_screen(site, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 740})
    page = context.new_page()
    wide = {}
    with serve(site) as url:
        for path in PAGES:
            assert page.goto(url + path, wait_until="load").status == 200
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                wide[path] = scroll
    context.close()
    assert wide == {}
