"""The hard-case package (conftest.HARD): a BOM and CRLF file, markup and '&' in every text field, a title with
'& < *', a multi-line cell, a bound and a tie. Read, published and built, each value is checked exactly, so
that escaping, decoding and download code that drifts fails here first."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import HARD_CSV, HARD_TITLE, ROOT, settings_for, write_hard_cases

from generator import pipeline
from generator.catalogue.downloads import csv_bytes, write_json
from generator.catalogue.model import Catalogue, Link
from generator.cli import main

PAGE = Path("du-lieu") / "hard-cases" / "index.html"


@pytest.fixture(scope="module")
def hard(tmp_path_factory):
    """(the dataset as the catalogue sees it, the built site)."""
    root = tmp_path_factory.mktemp("hard")
    write_hard_cases(root / "datasets")
    settings = settings_for(root / "datasets")
    checked = pipeline.check(settings)
    assert checked.problems == []
    [dataset] = pipeline.prepare(checked, settings).models.get(Catalogue).datasets
    assert main(["build", "--datasets", str(root / "datasets"), "--out", str(root / "site"), "--config",
                 str(ROOT / "mkdocs.yml"), "--build-date", "2026-11-26", "--jobs", "1",
                 "--cache-dir", str(root / "cache")]) == 0
    return dataset, root / "site"


def test_metadata_is_read_verbatim(hard):
    dataset, _ = hard
    assert (dataset.title.vi, dataset.description.vi, dataset.version, dataset.keywords, dataset.authors) == (
        HARD_TITLE, "First & <b>line</b>\n\nSecond *line* [x](javascript:alert(1))", "1.0 & <2>",
        ("a & b", "<kw>"), ("Người & <p>",))
    assert dataset.licences == (Link("CC & <BY>", "https://creativecommons.org/licenses/by/4.0/", "CC-BY-4.0"),)
    assert dataset.sources == (Link("Source & <s>", "https://example.org/a?b=1&c=2"),)
    [resource] = dataset.resources
    assert (resource.title.vi, resource.description.vi) == ("Scores & <u>ranks</u>", "Line one & <b>\n\nline two *em*")
    assert [(f.name, f.title, f.description) for f in resource.table.fields][1] == (
        "name", "Name & <b>title</b>", "Who & <i>what</i>")


def test_rows_keep_their_lines_and_a_multi_line_cell(hard):
    [resource] = hard[0].resources
    assert [(row.line, row.values) for row in resource.table.rows] == [
        (2, ("1", "<b>Sở</b> & Co", "84.70", "", "dòng một\r\ndòng hai")),  # in quotes: the cell's CRLF, as written
        (4, ("2", "Tie & <i>x</i>", "84.70", "", "")),
        (5, ("3", "Bound *x*", "50", "<", ""))]


def test_downloads_are_the_source_bytes_without_the_byte_order_mark(hard):
    """Compared as bytes: decoded with utf-8, a kept BOM would read as U+FEFF and be easy to miss."""
    dataset, site = hard
    [resource] = dataset.resources
    assert csv_bytes(resource) == HARD_CSV[len("\ufeff".encode()):]
    assert (site / "tai-ve" / "hard-cases" / "scores.csv").read_bytes() == HARD_CSV[3:]


def test_json_download_keeps_the_text_and_the_stated_precision(hard):
    [resource] = hard[0].resources
    import io

    out = io.BytesIO()
    write_json(resource, out)
    assert json.loads(out.getvalue()) == [
        {"id": 1, "name": "<b>Sở</b> & Co", "score": 84.70, "value_qualifier": None, "note": "dòng một\r\ndòng hai"},
        {"id": 2, "name": "Tie & <i>x</i>", "score": 84.70, "value_qualifier": None, "note": None},
        {"id": 3, "name": "Bound *x*", "score": 50, "value_qualifier": "<", "note": None}]
    assert b'"score": 84.70,' in out.getvalue()  # 84.70, as stated; not 84.7


def test_the_title_displays_verbatim_and_is_escaped_once(hard):
    html = (hard[1] / PAGE).read_text("utf-8")
    escaped = "A &amp; B &lt; C * &lt;/h1&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    # a package's catalogue page is titled "Dữ liệu: …" (its section's page may hold the same title: e465d4c)
    assert re.findall(r"<title>(.*?)</title>", html) == [f"Dữ liệu: {escaped} - Minh Bạch"]
    assert re.findall(r"<h1[^>]*>(.*?)<a class=\"headerlink\"", html) == [escaped]
    assert "<script>alert" not in html and "&amp;amp;" not in html and "&amp;lt;" not in html


def test_markup_in_every_text_field_shows_as_text(hard):
    html = (hard[1] / PAGE).read_text("utf-8")
    # (the licence shows by its identifier, CC-BY-4.0; its title is checked in the metadata above)
    for text in ("First &amp; &lt;b&gt;line&lt;/b&gt;", "1.0 &amp; &lt;2&gt;", "CC-BY-4.0",
                 "Source &amp; &lt;s&gt;", "Người &amp; &lt;p&gt;", "Scores &amp; &lt;u&gt;ranks&lt;/u&gt;",
                 "Name &amp; &lt;b&gt;title&lt;/b&gt;", "Who &amp; &lt;i&gt;what&lt;/i&gt;"):
        assert text in html, text
    for markup in ("<b>line</b>", "<BY>", "<s>", "<p>&", "<u>ranks", "<b>title", "<i>what", 'href="javascript'):
        assert markup not in html, markup
