"""What a package page says of where a package comes from: its ``homepage`` (audit generic8 #4: read into the model
and shown nowhere, the one provenance link of open-data-day-tweets-2018) and its sources, without an empty one
(#5: frictionless-py's geopoint package showed "Package sources" with nothing after it). Real pipeline runs, both
languages, without MkDocs."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from conftest import Package, Resource, settings_for

from generator import pipeline

HOME = "https://okfnlabs.org/blog/2018/03/08/open-data-day-tweets.html"
T = Resource("t", ("id:integer",), rows="1\n")


def _site(tmp_path: Path, extra: str) -> dict[str, dict[str, str]]:
    """The package page and data.json of a site made of package p (``extra``: its descriptor's keys), by language."""
    datasets = tmp_path / "datasets"
    Package("p", (T,), extra).write(datasets)
    result = pipeline.run(settings_for(datasets), langs=("vi", "en"))
    assert [p for p in result.problems if p.severity == "error"] == []
    return {lang: {"page": next(p.content for p in output.pages if p.uri == "du-lieu/p.md"),
                   "data.json": next(a.read() for a in output.assets if a.uri == "data.json").decode("utf-8")}
            for lang, output in result.outputs.items()}


def _facts(page: str) -> dict[str, str]:
    """The page's facts list: each label, the HTML after it."""
    facts = re.search(r'<dl class="mb-facts">(.*?)</dl>', page, re.S).group(1)
    return {html.unescape(label): value for label, value in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", facts, re.S)}


def _entry(site: dict, lang: str) -> dict:
    return json.loads(site[lang]["data.json"])["dataset"][0]


def test_the_homepage_is_a_link_on_the_page_and_a_reference_in_data_json(tmp_path):
    site = _site(tmp_path, f"homepage: {HOME}\n")
    for lang, label in (("vi", "Trang chủ của gói"), ("en", "Package home page")):
        value = _facts(site[lang]["page"])[label]
        assert value.startswith(f'<a href="{HOME}">') and "open-data-day-tweets.html" in html.unescape(
            re.sub(r"<[^>]+>", "", value))
        entry = _entry(site, lang)
        # landingPage stays this site's page of the dataset (the hub of its downloads, as DCAT-US means it)
        assert entry["references"] == [HOME] and entry["landingPage"].endswith("du-lieu/p/")


@pytest.mark.parametrize("homepage", ["javascript:alert(1)", "mailto:a@example.org", "www.example.org", "''"])
def test_a_homepage_that_is_no_web_address_is_not_shown(tmp_path, homepage):
    site = _site(tmp_path, f"homepage: {homepage}\n")
    for lang in ("vi", "en"):
        assert "Trang chủ của gói" not in site[lang]["page"] and "Package home page" not in site[lang]["page"]
        assert "alert" not in site[lang]["page"] and "references" not in _entry(site, lang)


def test_an_empty_source_is_not_shown_and_no_source_left_shows_no_row(tmp_path):
    """The geopoint package's ``sources: [{title: "", path: "", email: ""}]`` (valid for Frictionless): no row, as
    for a package that states none; the licence row beside it, as ever, says there is none."""
    site = _site(tmp_path, 'sources:\n  - {title: "", path: "", email: ""}\n')
    for lang, sources, licence, none in (("vi", "Nguồn của gói", "Giấy phép", "Gói không ghi giấy phép."),
                                          ("en", "Package sources", "Licence", "The package states no licence.")):
        facts = _facts(site[lang]["page"])
        assert sources not in facts and facts[licence] == none


def test_an_empty_source_beside_a_real_one_leaves_the_real_one(tmp_path):
    site = _site(tmp_path, 'sources:\n  - {title: ""}\n  - {title: Open Knowledge, path: "https://okfn.org/"}\n')
    assert _facts(site["vi"]["page"])["Nguồn của gói"] == '<a href="https://okfn.org/">Open Knowledge</a>'
