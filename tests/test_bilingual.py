"""Vietnamese at /, English at /en/: every page in both, the switch keeps the page, text per language."""

import re
from pathlib import Path

import pytest
from test_build import build

from generator.mkdocs.languages import alternate_url


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    from conftest import ROOT

    out = tmp_path_factory.mktemp("bilingual") / "site"
    assert build(ROOT / "datasets", out) == 0
    return out


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("index.html") if not p.is_relative_to(site / "en")}


def test_every_vietnamese_page_has_an_english_counterpart(site):
    vietnamese = pages(site)
    assert len(vietnamese) > 50
    assert {p for p in vietnamese if not (site / "en" / p).is_file()} == set()


@pytest.mark.parametrize("path", ["index.html", "giam-sat/gs-2024-06-11-cchc/index.html", "co-quan/snv/index.html"])
def test_lang_attribute_and_the_switch_keeps_the_page(site, path):
    vi = (site / path).read_text("utf-8")
    en = (site / "en" / path).read_text("utf-8")
    assert '<html lang="vi"' in vi and '<html lang="en"' in en
    to_en = re.search(r'<a href="([^"]+)" hreflang="en" class="md-select__link"', vi).group(1)
    to_vi = re.search(r'<a href="([^"]+)" hreflang="vi" class="md-select__link"', en).group(1)
    assert ((site / path).parent / to_en / "index.html").resolve() == (site / "en" / path).resolve()
    assert ((site / "en" / path).parent / to_vi / "index.html").resolve() == (site / path).resolve()
    # Without the site's address there is no hreflang link in the head: the theme's script would send a
    # reader who switches language to the other language's home (its sitemap is empty without site_url).
    assert 'rel="alternate" href' not in vi and 'rel="alternate" href' not in en


def test_english_pages_use_english_ui_and_data(site):
    session = (site / "en" / "giam-sat" / "gs-2024-06-11-cchc" / "index.html").read_text("utf-8")
    assert "Conclusions and recommendations" in session
    assert "Step up recruitment" in session or "step up recruitment" in session
    assert "No information" in session
    assert "11 Jun 2024" in session


def test_numbers_are_formatted_per_locale(site):
    vi = (site / "chi-so" / "par-index" / "index.html").read_text("utf-8")
    en = (site / "en" / "chi-so" / "par-index" / "index.html").read_text("utf-8")
    assert "86,97" in vi and "86.97" in en


def test_charts_are_rendered_per_language(site):
    vi = (site / "chi-so" / "par-index" / "index.html").read_text("utf-8")
    en = (site / "en" / "chi-so" / "par-index" / "index.html").read_text("utf-8")
    assert re.search(r'alt="[^"]*Biểu đồ[^"]*"', vi) and re.search(r'alt="[^"]*Line chart[^"]*"', en)


def test_hand_written_page_without_english_falls_back_with_a_notice(site):
    english = (site / "en" / "data-format" / "index.html").read_text("utf-8")
    assert "no English version yet" in english
    about = (site / "en" / "gioi-thieu" / "index.html").read_text("utf-8")
    assert "no English version yet" not in about and "Every number has a source" in about


@pytest.mark.parametrize(("page", "root", "expected"), [
    ("", "en/", "en/"), ("giam-sat/", "en/", "../en/giam-sat/"), ("co-quan/snv/", "../", "../../../co-quan/snv/"),
])
def test_alternate_url(page, root, expected):
    assert alternate_url(page, root) == expected


HEAD = ('    <link rel="alternate" href="/__minhbach_alternate_0/" hreflang="vi">\n'
        '    <link rel="alternate" href="/__minhbach_alternate_1/" hreflang="en">\n'
        '<a href="/__minhbach_alternate_1/" hreflang="en" class="md-select__link">English</a>')
ALTERNATES = [{"name": "Tiếng Việt", "link": "./", "lang": "vi"}, {"name": "English", "link": "en/", "lang": "en"}]


def test_head_hreflang_links_are_absolute_roots_when_the_site_address_is_known():
    from generator.mkdocs.languages import Switcher

    page = Switcher(ALTERNATES, "https://data.example.vn/minhbach/").page(HEAD, "co-quan/snv/")
    assert page == ('    <link rel="alternate" href="https://data.example.vn/minhbach/" hreflang="vi">\n'
                    '    <link rel="alternate" href="https://data.example.vn/minhbach/en/" hreflang="en">\n'
                    '<a href="../../en/co-quan/snv/" hreflang="en" class="md-select__link">English</a>')
    assert Switcher(ALTERNATES).page(HEAD, "co-quan/snv/") == (
        '<a href="../../en/co-quan/snv/" hreflang="en" class="md-select__link">English</a>')
