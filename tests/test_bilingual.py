"""Vietnamese at /, English at /en/: every page in both, the switch keeps the page, text per language."""

import html
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


@pytest.mark.parametrize(("path", "start"), [("", "11/06/2024 · Thực hiện Chương trình"),
                                             ("en/", "11 Jun 2024 · Implementation of the")])
def test_a_sessions_title_is_short_and_its_heading_whole(site, path, start):
    """A tab, a search result or a link preview shows some 60-70 characters: a session's title (<title>,
    og:title, the header) is its date and its topic cut at a word; its heading keeps the whole topic (the page's
    title was 152 characters, 160 in English)."""
    page = (site / path / "giam-sat" / "gs-2024-06-11-cchc" / "index.html").read_text("utf-8")
    title = html.unescape(re.search(r"<title>([^<]*)</title>", page).group(1)).removesuffix(" - Minh Bạch")
    og_title = html.unescape(re.search(r'<meta property="og:title" content="([^"]*)"', page).group(1))
    heading = html.unescape(re.search(r'<h1 id="top">([^<]*)', page).group(1))
    assert title == og_title and title.startswith(start) and title.endswith("…") and len(title) <= 70
    assert len(heading) >= 140 and heading.startswith(title.split(" · ", 1)[1].removesuffix("…"))


def test_every_pages_share_title_is_short_and_its_description_its_own(site):
    """What a link preview shows: a title of at most 70 characters (an indicator's ran to 117) and words about
    the page, not the site's, on every page but 404 (the guides for maintainers had the site's too)."""
    generic = {"Dữ liệu cải cách hành chính TP.HCM, có nguồn cho từng con số",
               "Ho Chi Minh City administrative reform data, with a source for every number"}
    for path in site.rglob("index.html"):
        if "nhung" in path.relative_to(site).parts:
            continue  # embed pages carry no share metadata: their canonical link is their chart's page
        page = path.read_text("utf-8")
        og_title = html.unescape(re.search(r'<meta property="og:title" content="([^"]*)"', page).group(1))
        words = html.unescape(re.search(r'<meta property="og:description" content="([^"]*)"', page).group(1))
        assert len(og_title) <= 70 and words not in generic, path


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


def test_the_head_has_no_hreflang_link_and_the_switcher_leads_to_the_same_page():
    """The theme's script reads the head's hreflang links (it fetched a sitemap beside each and took over clicks
    below them): the same page in the other language is said in the sitemaps instead (test_sharing.py)."""
    from generator.mkdocs.languages import Switcher

    for site in ("https://data.example.vn/minhbach/", ""):
        assert Switcher(ALTERNATES, site).page(HEAD, "co-quan/snv/") == (
            '<a href="../../en/co-quan/snv/" hreflang="en" class="md-select__link">English</a>')


SITEMAP = ('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
           '<url><loc>https://data.example.vn/minhbach/en/co-quan/snv/</loc></url>\n'
           '<url><loc>https://data.example.vn/minhbach/en/only-english/</loc></url>\n</urlset>')
EN_ALTERNATES = [{"name": "Tiếng Việt", "link": "../", "lang": "vi"}, {"name": "English", "link": "./", "lang": "en"}]


def test_a_page_in_one_language_only_names_no_counterpart_and_its_switcher_leads_home():
    """An English page written by hand with no Vietnamese one: no hreflang to a missing page, and the switcher
    leads to the Vietnamese home rather than to a 404."""
    from generator.mkdocs.languages import Switcher

    switcher = Switcher(EN_ALTERNATES, "https://data.example.vn/minhbach/", "en")
    switcher.alone = {"only-english/"}
    sitemap = switcher.sitemap(SITEMAP, "https://data.example.vn/minhbach/en/")
    assert ('<loc>https://data.example.vn/minhbach/en/co-quan/snv/</loc>\n'
            '         <xhtml:link rel="alternate" hreflang="vi" href="https://data.example.vn/minhbach/co-quan/snv/"/>'
            '\n         <xhtml:link rel="alternate" hreflang="en" '
            'href="https://data.example.vn/minhbach/en/co-quan/snv/"/></url>') in sitemap
    assert "<url><loc>https://data.example.vn/minhbach/en/only-english/</loc></url>" in sitemap
    link = '<a href="/__minhbach_alternate_0/" hreflang="vi" class="md-select__link">'
    assert switcher.page(link, "only-english/") == '<a href="../../" hreflang="vi" class="md-select__link">'
    assert switcher.page(link, "co-quan/snv/") == (
        '<a href="../../../co-quan/snv/" hreflang="vi" class="md-select__link">')
