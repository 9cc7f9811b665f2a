"""The built site as people use it, in a real browser (Debian's Chromium via Playwright).

Run these alone with: pytest tests/test_browser.py
"""

from __future__ import annotations

import csv
import io
from urllib.parse import urlsplit

import pytest
from browser import CHROMIUM_FLAGS, axe_source, chromium_path, serve, unavailable
from conftest import ROOT

from generator.cli import main

SESSION = "giam-sat/gs-2024-06-11-cchc/"
PAGE_KINDS = ["", "giam-sat/", SESSION, "giam-sat/kien-nghi/", "co-quan/", "co-quan/snv/", "chi-so/",
              "chi-so/par-index/", "chi-so/ho-so-dung-han/", "du-lieu/", "du-lieu/chi-so/", "gioi-thieu/",
              "en/", f"en/{SESSION}", "en/chi-so/par-index/", "en/data-format/"]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    out = tmp_path_factory.mktemp("browser") / "site"
    assert main(["build", "--out", str(out), "--config", str(ROOT / "mkdocs.yml"),
                 "--datasets", str(ROOT / "datasets"), "--build-date", "2026-11-26"]) == 0
    with serve(out) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    executable = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, base_url):
    """A fresh page that records console errors and every request to another host."""
    context = browser.new_context()
    page = context.new_page()
    page.errors, page.foreign = [], []
    host = urlsplit(base_url).netloc
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("request", lambda r: page.foreign.append(r.url)
            if urlsplit(r.url).scheme in ("http", "https") and urlsplit(r.url).netloc != host else None)
    yield page
    context.close()


@pytest.mark.parametrize("path", PAGE_KINDS)
def test_page_loads_without_errors_or_foreign_requests(page, base_url, path):
    response = page.goto(base_url + path)
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    assert page.errors == []
    assert page.foreign == []
    broken = page.evaluate("Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0)"
                           ".map(i => i.src)")
    assert broken == []


def test_navigation_from_home_to_session_to_agency(page, base_url):
    page.goto(base_url)
    page.get_by_role("link", name="Giám sát", exact=True).first.click()
    page.locator(f"a[href$='{SESSION.split('/')[1]}/']").first.click()
    assert page.url.endswith(SESSION)
    assert page.locator("div.mb-item").count() == 13
    page.get_by_role("link", name="Sở Nội vụ").first.click()
    assert page.url.endswith("co-quan/snv/")
    assert page.locator("h1").evaluate("h => h.firstChild.textContent.trim()") == "Sở Nội vụ"


def test_search_finds_a_session(page, base_url):
    page.goto(base_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.keyboard.type("tuyển dụng")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    assert "gs-2024-06-11-cchc" in " ".join(results.locator("a").evaluate_all("l => l.map(a => a.href)"))


def test_csv_download_returns_the_rows(page, base_url):
    page.goto(base_url + "du-lieu/giam-sat/")
    link = page.locator("a[href$='recommendations.csv']").first
    body = page.request.get(link.evaluate("a => a.href")).text()
    rows = list(csv.DictReader(io.StringIO(body)))
    ids = {r["item_id"] for r in rows}
    assert {f"GS-2024-06-11-CCHC-K0{n}" for n in range(1, 9)} <= ids


def test_tracker_filters_work_and_the_table_is_complete_without_them(page, base_url):
    page.goto(base_url + "giam-sat/kien-nghi/")
    rows = page.locator("#mb-tracker tbody tr")
    total = rows.count()
    page.locator(".mb-filters select").nth(0).select_option("STC")
    visible = page.locator("#mb-tracker tbody tr:not([hidden])").count()
    assert 0 < visible < total
    # the options a reader chooses from are labels, not codes
    statuses = page.locator(".mb-filters select").nth(1).locator("option").all_inner_texts()
    assert "Đình hoãn" in statuses and "dinh_hoan" not in statuses
    agencies = page.locator(".mb-filters select").nth(0).locator("option").all_inner_texts()
    assert "Sở Tài chính" in agencies and "STC" not in agencies


@pytest.mark.parametrize("path", PAGE_KINDS)
def test_no_sideways_scroll_on_a_phone(browser, base_url, path):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(base_url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


@pytest.mark.parametrize("path", PAGE_KINDS)
def test_axe_finds_no_wcag_a_or_aa_violations(browser, base_url, path):
    # axe is injected as an inline script, which the site's Content-Security-Policy refuses (as it should: see
    # test_the_policy_refuses_an_inline_script); the audit's own context lets the tool in.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(base_url + path)
    page.add_script_tag(content=axe_source())
    result = page.evaluate("axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', "
                           "'wcag21aa']}})")
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    context.close()
    assert violations == []


@pytest.mark.parametrize("path", ["", SESSION, "en/chi-so/par-index/"])
def test_the_policy_refuses_an_inline_script_and_the_theme_still_runs(page, base_url, path):
    """Every page carries a Content-Security-Policy (scripts from the site only): text that escaped its
    escaping could not run. The theme's own scripts are files, so it works under the policy."""
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    assert "script-src 'self'" in page.locator("meta[http-equiv=Content-Security-Policy]").get_attribute("content")
    with pytest.raises(Exception, match="Content Security Policy"):
        page.add_script_tag(content="window.injected = true")
    assert page.evaluate("typeof window.injected") == "undefined"
    assert page.evaluate("typeof __md_get === 'function' && document.body.dataset.mdColorScheme") == "default"
    page.errors = [e for e in page.errors if "Content Security Policy" not in e]  # the refusal we caused
    assert page.errors == []


def test_search_dialog_has_an_accessible_name(page, base_url):
    page.goto(base_url)
    assert page.locator(".md-search[role=dialog]").get_attribute("aria-label")


def test_agency_page_prints_as_a_clean_brief(page, base_url):
    page.goto(base_url + "co-quan/snv/")
    page.emulate_media(media="print")
    hidden = page.evaluate("['.md-header', '.md-tabs', '.md-sidebar--primary', '.md-footer']"
                           ".map(s => document.querySelector(s)).filter(e => e && e.offsetParent !== null).length")
    assert hidden == 0
    assert page.locator("table.mb-table").first.is_visible()
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF")


def search_links(page, base_url, query: str) -> list[str]:
    page.goto(base_url)
    page.locator(".md-search__input").first.click()
    page.keyboard.type(query)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    page.wait_for_timeout(300)  # the list fills in as the worker answers
    return page.locator(".md-search-result__item a").evaluate_all("l => l.map(a => a.href)")


@pytest.mark.parametrize(("query", "expected"), [
    ("chỉ số cải cách", "chi-so/par-index/"),
    ("chi so cai cach", "chi-so/par-index/"),
    ("dinh hoan", "giam-sat/gs-2024-06-11-cchc/"),
    ("đình hoãn", "giam-sat/gs-2024-06-11-cchc/"),
])
def test_vietnamese_search_with_and_without_diacritics(page, base_url, query, expected):
    links = search_links(page, base_url, query)
    assert any(expected in link for link in links), links


def test_folded_words_are_not_shown_in_results(page, base_url):
    search_links(page, base_url, "chi so cai cach")
    assert page.locator(".md-search-result .mb-fold").evaluate_all("l => l.filter(e => e.offsetParent).length") == 0


def test_language_switch_keeps_the_page(page, base_url):
    page.goto(base_url + "co-quan/snv/")
    # Let every script finish what it fetches first: the theme's language script, once it had the other
    # language's (empty) sitemap, used to send the reader to that language's home page instead.
    page.wait_for_load_state("networkidle")
    with page.expect_navigation():
        page.locator(".md-select__link[hreflang=en]").first.evaluate("a => a.click()")
    assert page.url.endswith("/en/co-quan/snv/")
    assert page.evaluate("document.documentElement.lang") == "en"
    with page.expect_navigation():
        page.locator(".md-select__link[hreflang=vi]").first.evaluate("a => a.click()")
    assert page.url == base_url + "co-quan/snv/"
