"""The built site as people use it, in a real browser (Debian's Chromium via Playwright).

Run these alone with: pytest tests/test_browser.py
"""

from __future__ import annotations

import csv
import io
from urllib.parse import urlsplit

import pytest
from browser import BROKEN_WORDS, axe_source, serve
from conftest import ROOT

from generator.cli import main

SESSION = "giam-sat/gs-2024-06-11-cchc/"
PAGE_KINDS = ["", "giam-sat/", SESSION, "giam-sat/kien-nghi/", "co-quan/", "co-quan/snv/", "chi-so/",
              "chi-so/par-index/", "chi-so/ho-so-dung-han/", "du-lieu/", "du-lieu/chi-so/", "gioi-thieu/",
              "chua-biet/", "nhung/par-index-79-rank/",
              "en/", f"en/{SESSION}", "en/chi-so/par-index/", "en/data-format/", "en/giam-sat/kien-nghi/",
              "en/chua-biet/"]
# Every kind of page, in both languages: where a phone reader must never meet a word broken in two.
READING_PAGES = ["", "giam-sat/", SESSION, "giam-sat/kien-nghi/", "co-quan/", "co-quan/snv/", "chi-so/",
                 "chi-so/par-index/", "chi-so/ho-so-dung-han/", "du-lieu/", "du-lieu/chi-so/", "thay-doi/",
                 "chua-biet/", "gioi-thieu/", "tai-ve/", "huong-dan/", "nhung/par-index-79-rank/",
                 "chi-so/papi/"]  # an index's results table with notes, which scrolls in its own box
READING_PAGES += ["en/" + path for path in READING_PAGES]
PHONE, DESKTOP = 360, 1280
TEXT_PAGES = {"chua-biet/", "tai-ve/", "huong-dan/"}


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    """The real site, built as the deploy workflow builds it: it knows its own address (the local server's),
    so its canonical links, share cards and embed codes are absolute."""
    out = tmp_path_factory.mktemp("browser") / "site"
    with serve(out) as url:
        assert main(["build", "--out", str(out), "--config", str(ROOT / "mkdocs.yml"), "--site-url", url,
                     "--datasets", str(ROOT / "datasets"), "--build-date", "2026-11-26"]) == 0
        yield url


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
    # A lazy image far below the window is not asked for yet (not "complete"), which is no fault: every image is
    # made eager and waited for (a complete image is loaded or broken), then a broken one has no width.
    # (wait_for_function polls by evaluating a string, which the site's CSP refuses: 'unsafe-eval'; a promise
    # that settles when each image has loaded or failed needs no eval)
    page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => { i.loading = 'eager'; })")
    page.evaluate("""() => Promise.all(Array.from(document.images).map(i => i.complete ? null : new Promise(
      done => { i.addEventListener('load', done, {once: true}); i.addEventListener('error', done, {once: true}); }
    )))""")
    broken = page.evaluate("Array.from(document.images).filter(i => i.naturalWidth === 0).map(i => i.src)")
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


# The scroll boxes a phone shows: a Markdown table's (the theme's .md-typeset__scrollwrap) and a code block's.
SCROLLING = """() => Array.from(document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset pre > code"))
    .filter(box => box.scrollWidth > box.clientWidth).map(box => box.matches("code") ? "code" : "table")"""
# A few frames drawn: the theme measures its boxes after a change of size (a ResizeObserver, run as a frame is drawn).
NEXT_FRAMES = """() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(
    () => requestAnimationFrame(done))))"""


@pytest.mark.parametrize(("path", "boxes"), [("data-format/", {"table", "code"}), ("tai-ve/", {"code"}),
                                            ("en/huong-dan/", {"code"})])
def test_what_scrolls_sideways_on_a_touch_phone_can_be_scrolled_from_the_keyboard(browser, base_url, path, boxes):
    """The theme's box around a Markdown table and a code block wider than the screen scroll sideways on a phone:
    axe finds each reachable by keyboard (scrollable-region-focusable), which the site's script makes it once
    the theme has laid the page out. The theme makes a code block focusable itself on a device that can hover
    only, and takes the mark away again on a touch screen each time it measures the block (the phone turned
    to landscape and back): the script puts it back (phone audit 3, #5)."""
    context = browser.new_context(bypass_csp=True, viewport={"width": PHONE, "height": 740}, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    for size in ({"width": 740, "height": PHONE}, {"width": PHONE, "height": 740}):
        page.set_viewport_size(size)
        page.evaluate(NEXT_FRAMES)
    assert set(page.evaluate(SCROLLING)) == boxes
    page.add_script_tag(content=axe_source())
    result = page.evaluate("axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', "
                           "'wcag21aa']}})")
    context.close()
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]] == []


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


# The theme's search has loaded its index and waits for a query (its line under the box says so).
SEARCH_READY = """() => (document.querySelector('.md-search-result__meta')?.textContent || '').trim()
    === 'Nhập để bắt đầu tìm kiếm'"""
# The answer to the query in the box: the list holds as many results as the count line announces (the theme
# draws them ten at a time).
SEARCH_ANSWERED = """() => {
    const meta = document.querySelector(".md-search-result__meta");
    const count = parseInt(((meta && meta.textContent) || "").match(/\\d+/)?.[0] || "0", 10);
    return count > 0 && document.querySelectorAll(".md-search-result__item").length === Math.min(count, 10);
}"""


def search_results(page, timeout: float = 30_000) -> list[str]:
    """The addresses of the results shown, best first, once the theme has answered (a wait for the answer, not
    a time), without the words to highlight that the theme adds to each (``?h=``)."""
    page.wait_for_function(SEARCH_ANSWERED, timeout=timeout)
    return page.locator(".md-search-result__item a").evaluate_all(
        "l => l.map(a => { const url = new URL(a.href); url.search = ''; return url.href; })")


def search_links(page, base_url, query: str) -> list[str]:
    """The results for ``query`` put into the search box at once, with no key pressed (as a paste): the site's
    script passes the change on to the theme, which reads its box on a released key only (phone audit 3, #2).
    Typing would answer each prefix too; this answers the whole query once."""
    page.goto(base_url)
    page.locator(".md-search__input").first.fill(query)
    return search_results(page)


def test_a_query_pasted_into_the_search_box_is_searched(page, base_url):
    """A query that reaches the box without a key released after it, pasted (a long press, then Paste) or a last
    letter an input method commits ("ị"), is searched. The theme read its box on a released key and on focus
    only: the pasted query was never searched ("Nhập để bắt đầu tìm kiếm" stayed), a typed one lost its "ị"."""
    page.goto(base_url)
    box = page.locator(".md-search__input").first
    box.click()
    page.wait_for_function(SEARCH_READY)  # the theme has its index and has read the box, empty, on focus
    box.fill("kiến nghị")  # the text and one input event, no key: what Paste does
    assert search_results(page, timeout=10_000)[0] == base_url + "giam-sat/kien-nghi/"


@pytest.mark.parametrize(("query", "expected"), [
    ("chỉ số cải cách", "chi-so/par-index/"),
    ("chi so cai cach", "chi-so/par-index/"),
    ("dinh hoan", "giam-sat/gs-2024-06-11-cchc/"),
    ("đình hoãn", "giam-sat/gs-2024-06-11-cchc/"),
])
def test_vietnamese_search_with_and_without_diacritics(page, base_url, query, expected):
    links = search_links(page, base_url, query)
    assert any(expected in link for link in links), links


@pytest.mark.parametrize("query", ["kiến nghị", "kien nghi"])
def test_the_tracker_comes_first_for_its_name_typed_with_or_without_diacritics(page, base_url, query):
    """The theme makes each query word a prefix ("nghi*"), and each word with diacritics has its folded twin in
    the index: "nghi" found "nghiệp" as itself and as its twin "nghiep", twice, and the seven pages with
    "nghiệp" in their titles came before "Theo dõi kiến nghị" for "kien nghi" (phone audit 3, #3). A word typed
    without diacritics is now looked up among the words without them (the Vietnamese search script,
    docs/overrides/assets/javascripts/lunr/min/lunr.vi.min.js): the tracker is first both ways."""
    assert search_links(page, base_url, query)[0] == base_url + "giam-sat/kien-nghi/"


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


@pytest.fixture(scope="module")
def measured(browser, base_url):
    """Each reading page at a phone's and a desktop's width: the words broken inside and the page's height."""
    found = {}
    for width in (PHONE, DESKTOP):
        context = browser.new_context(viewport={"width": width, "height": 740 if width == PHONE else 900})
        page = context.new_page()
        for path in READING_PAGES:
            # The load event comes after the scripts that lay out a page (tracker.js) and its images; the fonts
            # are then waited for. Network idle would add half a second of silence to each of 68 pages.
            assert page.goto(base_url + path, wait_until="load").status == 200
            page.evaluate("document.fonts.ready.then(() => true)")
            found[width, path] = (page.evaluate(BROKEN_WORDS), page.evaluate("document.documentElement.scrollHeight"),
                                  page.evaluate("document.documentElement.scrollWidth"))
        context.close()
    return found


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_no_word_is_broken_inside_on_any_page_in_either_language(measured, width):
    broken = {path: words for (w, path), (words, _, _) in measured.items() if w == width and words}
    assert broken == {}
    assert [path for (w, path), (_, _, scroll) in measured.items() if w == width and scroll > width] == []


@pytest.mark.parametrize("path", ["huong-dan/", "en/huong-dan/", "data-format/", "en/data-format/"])
def test_code_in_a_hand_written_page_wraps_after_a_separator_on_the_narrowest_phone(browser, base_url, path):
    """A file name longer than its line in a list at 320 px ("datasets/nguon/data/sources.csv") had no place to
    break but the theme's anywhere (overflow-wrap: break-word: "sources.cs|v"): the guides are written by hand,
    so the wrap filter's break opportunities never reached their code; the site's script adds them (phone
    audit 3, #4)."""
    context = browser.new_context(viewport={"width": 320, "height": 740})
    page = context.new_page()
    assert page.goto(base_url + path, wait_until="load").status == 200
    page.evaluate("document.fonts.ready.then(() => true)")
    broken = page.evaluate(BROKEN_WORDS)
    context.close()
    assert broken == []


def test_a_phone_page_is_at_most_about_one_and_a_half_times_as_tall_as_on_a_desktop(measured):
    """Cards and stacked definition lists keep a page of records short on a phone (the tracker included: its
    cards run their facts on as one paragraph, 1.57x in Vietnamese). Pages that are mostly running text (the
    guides, and the list of gaps, whose every entry is two sentences) reflow into a column a third as wide:
    measured 1.71x to 1.78x; they are bounded apart so that they cannot grow unnoticed. The downloads guide grew
    to 1.91x with running text (7 Dec 2026: the citing of changed data, the stable anchors, the new columns), no
    table or block of its own: its bound is 2.0, where a page of text alone ends up."""
    ratios = {path: measured[PHONE, path][1] / measured[DESKTOP, path][1] for path in READING_PAGES}
    text = {path for path in ratios if path.removeprefix("en/") in TEXT_PAGES}
    assert {path: round(ratio, 2) for path, ratio in ratios.items() if ratio > 1.65 and path not in text} == {}
    assert {path: round(ratios[path], 2) for path in text if ratios[path] > 2.0} == {}


# The size of each piece of inline code, by where it is: in a table, in a <details> summary, or in running text.
CODE_SIZES = """() => Array.from(document.querySelectorAll(".md-typeset code")).filter(c => !c.closest("pre"))
    .map(c => [c.closest("table") ? "table" : c.closest("summary") ? "summary" : "text",
               parseFloat(getComputedStyle(c).fontSize)])"""


@pytest.mark.parametrize(("path", "places"), [
    ("du-lieu/chi-so/", {"table", "summary", "text"}), ("thay-doi/", {"table", "summary", "text"}),
    ("tai-ve/", {"table", "text"}), ("co-quan/", {"table"}), ("en/problems/", {"table", "text"})])
def test_inline_code_is_never_smaller_than_12_px_on_a_phone(browser, base_url, path, places):
    """The theme sets code at .85 of its text: in its 12.8 px tables and summaries that was 10.9 px ("tai-ve/<gói>/
    <bảng>.csv", "indices: pandas · R"), under the 12 px the site's text keeps to on a phone (phone audit 3, #6)."""
    context = browser.new_context(viewport={"width": PHONE, "height": 740})
    page = context.new_page()
    page.goto(base_url + path)
    sizes = page.evaluate(CODE_SIZES)
    context.close()
    assert {place for place, _ in sizes} == places
    assert {(place, size) for place, size in sizes if size < 12} == set()


def card_layout(page) -> dict:
    return page.evaluate("""() => {
      const table = document.querySelector("table.mb-records");
      const row = table.tBodies[0].rows[0];
      const labelled = row.querySelector("td[data-label]");
      const head = table.tHead.getBoundingClientRect();
      return {row: getComputedStyle(row).display, head: [Math.round(head.width), Math.round(head.height)],
              label: getComputedStyle(labelled, "::before").content, name: labelled.dataset.label,
              within: labelled.getBoundingClientRect().right <= row.getBoundingClientRect().right + 0.5};
    }""")


@pytest.mark.parametrize("path", [SESSION, "giam-sat/", "giam-sat/kien-nghi/", "co-quan/snv/",
                                  f"en/{SESSION}", "en/giam-sat/kien-nghi/"])
def test_record_tables_are_cards_on_a_phone_and_tables_on_a_desktop(browser, base_url, path):
    phone = browser.new_context(viewport={"width": PHONE, "height": 740})
    page = phone.new_page()
    page.goto(base_url + path)
    card = card_layout(page)
    # a card: the row is a box of its own, the header row is there for screen readers only (1x1 px), each
    # value shows its label above it; the tracker's cards run their facts on, each label in front of its value
    assert card["head"] == [1, 1] and card["within"]
    if path.endswith("kien-nghi/"):
        assert (card["row"], card["label"]) == ("block", f'"{card["name"]}: "') and card["name"]
    else:
        assert card["row"] == "grid" and card["label"] == f'"{card["name"]}"' != '""'
    phone.close()
    desktop = browser.new_context(viewport={"width": DESKTOP, "height": 900})
    page = desktop.new_page()
    page.goto(base_url + path)
    table = card_layout(page)
    assert table["row"] == "table-row" and table["label"] == "none" and table["head"][1] > 10
    desktop.close()


def test_a_definition_list_stacks_on_a_phone(browser, base_url):
    context = browser.new_context(viewport={"width": PHONE, "height": 740})
    page = context.new_page()
    page.goto(base_url + SESSION)
    term, value = page.evaluate("""() => { const dt = document.querySelector(".mb-item .mb-facts dt");
      return [getComputedStyle(dt).display, getComputedStyle(dt.nextElementSibling).display]; }""")
    assert (term, value) == ("inline", "inline")
    context.close()


def test_a_table_of_numbers_keeps_its_columns_and_scrolls_in_its_own_box_on_a_phone(browser, base_url):
    context = browser.new_context(viewport={"width": PHONE, "height": 740})
    page = context.new_page()
    page.goto(base_url + "chi-so/par-index/")
    box = page.evaluate("""() => { const wrap = document.querySelector(".mb-table-wrap:not(.mb-cards)");
      const row = wrap.querySelector("tbody tr");
      return {overflow: getComputedStyle(wrap).overflowX, wider: wrap.scrollWidth > wrap.clientWidth,
              row: getComputedStyle(row).display,
              cue: getComputedStyle(wrap).backgroundImage.includes("gradient")}; }""")
    assert box == {"overflow": "auto", "wider": True, "row": "table-row", "cue": True}
    context.close()


def visible_rows(page) -> list[dict]:
    return page.locator("#mb-tracker tbody tr:not([hidden])").evaluate_all(
        "rows => rows.map(r => ({id: r.id, status: r.dataset.status, age: Number(r.dataset.age), "
        "date: r.dataset.date}))")


def test_tracker_sorts_and_filters_and_keeps_them_in_the_address(page, base_url):
    page.goto(base_url + "giam-sat/kien-nghi/")
    everything = visible_rows(page)
    assert len(everything) == 15
    assert [r["date"] for r in everything] == sorted((r["date"] for r in everything), reverse=True)  # newest first
    page.locator(".mb-filters select[name=status]").select_option("dinh_hoan")
    assert [r["status"] for r in visible_rows(page)] == ["dinh_hoan", "dinh_hoan"]
    assert urlsplit(page.url).query == "status=dinh_hoan"
    page.locator(".mb-filters select[name=sort]").select_option("age")
    assert urlsplit(page.url).query == "status=dinh_hoan&sort=age"
    page.locator(".mb-filters select[name=status]").select_option("")
    ages = [r["age"] for r in visible_rows(page)]
    assert len(ages) == 15 and ages == sorted(ages, reverse=True) and ages[0] > ages[-1]
    assert page.locator(".mb-shown").inner_text() == "Đang hiện 15 trên 15 mục."


def test_a_shared_tracker_address_opens_the_same_view(page, base_url):
    page.goto(base_url + "giam-sat/kien-nghi/?agency=STC&status=chua_co_thong_tin&sort=oldest")
    rows = visible_rows(page)
    assert rows and all(r["status"] == "chua_co_thong_tin" for r in rows)
    assert page.locator("#mb-tracker tbody tr:not([hidden])").evaluate_all(
        "rows => rows.every(r => r.dataset.agency.split(' ').includes('STC'))")
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert page.locator(".mb-filters select[name=agency]").input_value() == "STC"
    assert page.locator("details.mb-filter-box").get_attribute("open") == ""  # a chosen view shows its controls
    total = page.locator("#mb-tracker tbody tr").count()
    assert page.locator(".mb-shown").inner_text() == f"Đang hiện {len(rows)} trên {total} mục."
    # the language switch opens the same view in English (phone8 #10: it dropped the filter)
    english = page.locator("a.md-select__link[hreflang=en]").first.get_attribute("href")
    assert urlsplit(english).path.endswith("/en/giam-sat/kien-nghi/")
    assert urlsplit(english).query == urlsplit(page.url).query == "agency=STC&status=chua_co_thong_tin&sort=oldest"
    # a filter is a finger's target on a phone (phone8 #9: 20 px tall)
    heights = page.locator(".mb-filters select").evaluate_all("boxes => boxes.map(b => b.offsetHeight)")
    assert heights and min(heights) >= 44, heights


def test_without_javascript_the_tracker_is_the_whole_plain_table(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "giam-sat/kien-nghi/?status=dinh_hoan&sort=age")
    assert page.locator(".mb-filters").count() == 0
    assert page.locator("#mb-tracker tbody tr:not([hidden])").count() == 15
    assert page.locator(".mb-summary").inner_text().startswith("15 kết luận, kiến nghị và vấn đề được nêu")
    context.close()


@pytest.mark.parametrize("path", ["", SESSION, "giam-sat/kien-nghi/", "co-quan/snv/", "chi-so/par-index/",
                                  "en/co-quan/snv/"])
def test_share_metadata_names_the_page_its_address_and_its_image(page, base_url, path):
    page.goto(base_url + path)
    found = page.evaluate("""() => Object.fromEntries(Array.from(document.querySelectorAll(
      'meta[property^="og:"], meta[name^="twitter:"]')).map(m => [m.getAttribute("property") ||
      m.getAttribute("name"), m.content]))""")
    assert found["og:url"] == page.locator("link[rel=canonical]").get_attribute("href") == base_url + path
    assert found["twitter:card"] == "summary_large_image" and found["twitter:image"] == found["og:image"]
    image = page.request.get(found["og:image"])
    assert image.status == 200 and image.headers["content-type"] == "image/png"
    assert found["og:title"] == (page.title().rsplit(" - ", 1)[0] if path.strip("/") not in ("", "en") else
                                 "Minh Bạch")


def test_an_embed_page_shows_its_chart_inside_an_iframe(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + "chi-so/par-index/")
    code = page.locator(".mb-embed-code pre code").first.text_content()  # folded away in <details>
    assert code.startswith(f'<iframe src="{base_url}nhung/')
    # Another site's page (a blank one of its own, not the theme's) showing the chart with the copied code.
    host = context.new_page()
    errors, requests = [], []
    host.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    host.on("request", lambda r: requests.append(r.url))
    host.set_content(f"<!doctype html><html lang=vi><title>host</title><body>{code}</body></html>")
    frame = host.frame_locator("iframe")
    figure = frame.locator("figure.mb-embed img")
    figure.wait_for()
    assert figure.evaluate("img => img.complete && img.naturalWidth > 0")
    back = frame.locator(".mb-embed-links a[target=_top]")
    assert back.get_attribute("href").startswith(base_url + "chi-so/par-index/#")
    host.wait_for_load_state("networkidle")
    assert errors == [] and [url for url in requests if not url.startswith(base_url)] == []
    # A source opens in the reader's window, not in the frame (where a news site's X-Frame-Options refuses it).
    source = frame.locator("a.mb-source").first
    target = source.get_attribute("href")
    host.route(target, lambda route: route.fulfill(status=200, content_type="text/html", body="<title>source</title>",
                                                   headers={"X-Frame-Options": "SAMEORIGIN"}))
    with host.expect_navigation():
        source.click()
    assert host.url == target
    context.close()


@pytest.mark.parametrize("width", [360, 716])
def test_an_embedded_tall_chart_shows_its_caption_and_link_back_without_scrolling(browser, base_url, width):
    """The embed code's frame is as tall as the chart's page (the tallest chart, four rows of panels): a fixed
    480 px cut off its sources and its link back at a phone's width and at an article's."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(base_url + "chi-so/papi/")
    code = page.locator(".mb-embed-code pre code", has_text="nhung/papi-79-components/").text_content()
    page.set_content(f"<!doctype html><html lang=vi><title>host</title><body style='margin:8px'>{code}</body></html>")
    frame = page.frame_locator("iframe")
    frame.locator(".mb-embed-links a[target=_top], base[target=_top]").first.wait_for(state="attached")
    inner = page.frames[1]
    inner.wait_for_load_state("load")
    sizes = inner.evaluate("[document.documentElement.scrollHeight, window.innerHeight]")
    context.close()
    assert sizes[0] <= sizes[1], sizes


def test_a_printed_page_gives_each_sources_address(page, base_url):
    """phone8 #13: printed, a source's link was an underlined name: the page was traceable to no source."""
    page.goto(base_url + "co-quan/snv/")
    page.emulate_media(media="print")
    printed = page.locator('.md-typeset a[href^="http"]').evaluate_all(
        "links => links.map(a => [a.href, getComputedStyle(a, '::after').content])")
    assert printed and all(href in after for href, after in printed), printed[:3]
    page.emulate_media(media="screen")
    assert page.locator('.md-typeset a[href^="http"]').first.evaluate(
        "a => getComputedStyle(a, '::after').content") in ("none", "normal", "")
