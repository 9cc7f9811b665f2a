"""Sharing: every page's Open Graph and Twitter metadata with its canonical absolute address, the share images
(1200x630 PNG, drawn locally, the same bytes every build), the charts' embed pages and their <iframe> code,
and the "Góp ý / bổ sung bằng chứng" links to the file and line each value comes from."""

from __future__ import annotations

import html
import re
import struct
from pathlib import Path

import pytest
from conftest import ROOT
from test_build import build, snapshot

from generator import pipeline
from generator.core.charts.draw import render
from generator.core.charts.spec import Card, CardBar
from generator.core.edit import Origin, edit_base, edit_link
from generator.core.render.embed import CONTENT_SECURITY_POLICY
from generator.core.settings import Settings

SITE = "https://example.org/mb/"
SESSION = "giam-sat/gs-2024-06-11-test"


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def meta(page: str) -> dict[str, str]:
    """The page's Open Graph and Twitter metadata and its canonical link, unescaped."""
    found = {name: html.unescape(value) for name, value in
             re.findall(r'<meta (?:property|name)="((?:og|twitter):[a-z:_]+)" content="([^"]*)"', page)}
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', page)
    return {**found, **({"canonical": canonical.group(1)} if canonical else {})}


@pytest.fixture(scope="module")
def shared(tmp_path_factory) -> Path:
    """The fixture project built with the site's address, as the deploy workflow builds it."""
    from conftest import make_project

    root = tmp_path_factory.mktemp("shared")
    project = make_project(root / "datasets")
    out = root / "site"
    assert build(project, out, "--site-url", SITE.rstrip("/"), "--cache-dir", str(root / "cache")) == 0
    return out


def read(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text("utf-8")


@pytest.mark.parametrize(("path", "image"), [
    ("", "trang-chu"), ("giam-sat", "giam-sat"), (SESSION, "giam-sat-gs-2024-06-11-test"),
    ("giam-sat/kien-nghi", "giam-sat-kien-nghi"), ("co-quan", "co-quan"), ("co-quan/snv", "co-quan-snv"),
    ("chua-biet", "chua-biet"), ("du-lieu", "trang-web"), ("gioi-thieu", "trang-web"),
    ("en/giam-sat/kien-nghi", "giam-sat-kien-nghi"), ("en/co-quan/snv", "co-quan-snv"), ("en", "trang-chu"),
])
def test_every_page_kind_carries_share_metadata_with_absolute_addresses(shared, path, image):
    page = read(shared, path)
    found = meta(page)
    lang_root = "en/" if path.startswith("en") else ""
    address = SITE + (path + "/" if path else "")
    assert found["og:url"] == found["canonical"] == address
    assert found["og:image"] == f"{SITE}{lang_root}assets/share/{image}.png"
    assert found["twitter:image"] == found["og:image"] and found["twitter:card"] == "summary_large_image"
    assert found["og:title"] and found["og:title"] == found["twitter:title"]
    assert found["og:description"] == found["twitter:description"] != ""
    assert found["og:locale"] == ("en_GB" if lang_root else "vi_VN")
    assert png_size((shared / lang_root / "assets" / "share" / f"{image}.png").read_bytes()) == (1200, 630)


def test_a_session_shares_its_own_title_and_what_became_of_its_conclusions(shared):
    found = meta(read(shared, SESSION))
    assert found["og:title"] == "11/06/2024 · Cải cách hành chính"
    assert found["og:description"] == "11/06/2024 · 2 kết luận, kiến nghị · Đoàn giám sát"
    english = meta(read(shared, f"en/{SESSION}"))
    assert english["og:title"] == "11 Jun 2024 · Administrative reform"
    assert english["og:description"] == "11 Jun 2024 · 2 conclusions and recommendations · Supervision delegation"


def test_without_the_site_address_no_relative_address_is_given_as_absolute(project, tmp_path):
    out = tmp_path / "site"
    assert build(project, out, "--cache-dir", str(tmp_path / "cache")) == 0
    found = meta(read(out, SESSION))
    assert "og:url" not in found and "og:image" not in found and "canonical" not in found
    assert found["og:title"] == "11/06/2024 · Cải cách hành chính" and found["twitter:card"] == "summary"


def test_share_images_are_the_same_bytes_in_every_build(shared, tmp_path):
    from conftest import make_project

    project = make_project(tmp_path / "datasets")
    out = tmp_path / "site"
    assert build(project, out, "--site-url", SITE, "--cache-dir", str(tmp_path / "cache"), "--jobs", "1") == 0
    images = {p: h for p, h in snapshot(out).items() if "/share/" in p or p.startswith("nhung/")}
    assert images and images == {p: h for p, h in snapshot(shared).items() if p in images}
    assert len([p for p in images if p.startswith(("assets/share/", "en/assets/share/"))]) == 2 * 9


def test_a_card_is_drawn_the_same_every_time_and_says_what_it_is_given():
    card = Card("x", "Thực hiện Chương trình cải cách hành chính " * 4, "11/06/2024 · 8 kết luận, kiến nghị",
                "HĐND TP.HCM", (CardBar("Đình hoãn", 2, "#8A4B00"), CardBar("Chưa có thông tin", 6)), "Minh Bạch")
    svg, png = render(card)
    assert svg == b"" and png == render(card)[1] and png_size(png) == (1200, 630)
    assert render(Card("x", "Another title", card.headline))[1] != png


def test_each_chart_has_an_embed_page_and_an_iframe_code(shared):
    page = read(shared, "giam-sat")
    slugs = re.findall(r'<figure class="mb-chart" id="([^"]+)"', page)
    assert slugs == ["recommendations-by-status-vi", "recommendations-by-agency-vi"]
    for slug in slugs:
        name = slug.removesuffix("-vi")
        embed = read(shared, f"nhung/{name}")
        assert f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">' in embed
        assert "<script" not in embed and f'<img src="../../assets/charts/{slug}.svg"' in embed
        assert f'<a href="{SITE}giam-sat/#{slug}" target="_top">Xem trên Minh Bạch</a>' in embed
        assert f'<link rel="canonical" href="{SITE}giam-sat/">' in embed
        code = html.unescape(re.sub(r"<wbr>", "", re.search(
            rf'id="{slug}".*?<pre><code>(.*?)</code></pre>', page, re.S).group(1)))
        assert code.startswith(f'<iframe src="{SITE}nhung/{name}/" title="') and code.endswith("></iframe>")
        assert read(shared, f"en/nhung/{name}").count('target="_top">See it on Minh Bạch</a>') == 1
    status = read(shared, "nhung/recommendations-by-status")
    assert "Kết luận, kiến nghị và vấn đề theo trạng thái" in status


def test_edit_base_follows_mkdocs_repo_url_and_edit_uri():
    assert edit_base("https://github.com/o/r", "edit/main/docs/") == "https://github.com/o/r/edit/main/"
    assert edit_base("https://github.com/o/r/", None) == "https://github.com/o/r/edit/master/"  # MkDocs' default
    assert edit_base("https://github.com/o/r", "edit/main/docs/", "docs/en") == "https://github.com/o/r/edit/main/"
    assert edit_base("https://github.com/o/r", "https://github.com/o/r/edit/dev/docs/") == \
        "https://github.com/o/r/edit/dev/"
    assert edit_base("https://github.com/o/r", "") == ""  # edit links turned off, as MkDocs does
    assert edit_base("https://git.example/o/r", None) == ""  # a host MkDocs has no default for
    assert edit_base("", "edit/main/docs/") == "" and edit_base("javascript:alert(1)", "edit/main/docs/") == ""
    assert edit_base("https://github.com/o/r", "blob/main/") == ""  # not the docs folder: nothing to derive


def test_edit_links_name_the_file_from_the_repository_root_and_the_line(tmp_path):
    data = tmp_path / "repo" / "datasets" / "x.yaml"
    data.parent.mkdir(parents=True)
    data.write_text("a: 1\n")
    base = "https://github.com/o/r/edit/main/"
    assert edit_link(base, Origin(data, 3), tmp_path) == f"{base}repo/datasets/x.yaml#L3"  # no checkout: the root
    (tmp_path / "repo" / ".git").mkdir()
    from generator.core.edit import repository_root

    repository_root.cache_clear()
    assert edit_link(base, Origin(data, 3), tmp_path) == f"{base}datasets/x.yaml#L3"
    assert edit_link(base, Origin(data), tmp_path) == f"{base}datasets/x.yaml"
    assert edit_link("", Origin(data, 3), tmp_path) == "" and edit_link(base, None, tmp_path) == ""
    assert edit_link(base, Origin(Path("/elsewhere/y.csv"), 2), tmp_path) == ""


def test_each_fact_recommendation_and_status_links_to_its_line(project):
    base = "https://github.com/o/r/edit/main/"
    settings = Settings(datasets_dir=project, root=project.parent, site_url=SITE, edit_url=base)
    pages = {p.uri: p.content for p in pipeline.run(settings, langs=("vi",)).outputs["vi"].pages}
    session = pages[f"{SESSION}.md"]
    lines = (project / "giam-sat" / "sessions" / "2024-06-11-test.yaml").read_text("utf-8").splitlines()
    links = re.findall(r'<a class="mb-edit" href="([^"]+)"', session)
    at = [int(link.rpartition("#L")[2]) for link in links]
    assert {link.rpartition("#")[0] for link in links} == {f"{base}datasets/giam-sat/sessions/2024-06-11-test.yaml"}
    # F01, K01, K02 and its status entry, Y01: each link's line is where that item starts
    assert [lines[n - 1].strip() for n in at] == ["- id: F01", "- id: K01", "- id: K02", "- date: 2024-12-01",
                                                  "- id: Y01"]
    tracker = pages["giam-sat/kien-nghi.md"]
    statuses = [int(link.rpartition("#L")[2]) for link in re.findall(r'<a class="mb-edit" href="([^"]+)"', tracker)]
    assert [lines[n - 1].strip() for n in statuses] == ["- id: K01", "- date: 2024-12-01", "- id: Y01"]
    no_repository = pipeline.run(Settings(datasets_dir=project, root=project.parent), langs=("vi",))
    assert not any("mb-edit" in p.content for p in no_repository.outputs["vi"].pages)


def test_the_real_sites_share_images_and_embed_pages_are_the_same_bytes_in_two_builds(tmp_path):
    """Two cold builds of the real data (separate caches): the share images of the home, session, tracker,
    agency and indicator pages exist and every file of the two sites is the same bytes."""
    sites = []
    for name in ("one", "two"):
        out = tmp_path / name
        assert build(ROOT / "datasets", out, "--site-url", SITE, "--cache-dir", str(tmp_path / f"cache-{name}")) == 0
        sites.append(snapshot(out))
    assert sites[0] == sites[1]
    for image in ("trang-chu", "giam-sat-gs-2024-06-11-cchc", "giam-sat-kien-nghi", "co-quan-snv",
                  "chi-so-par-index", "chi-so"):
        for lang in ("", "en/"):
            assert f"{lang}assets/share/{image}.png" in sites[0]
    assert {"nhung/par-index-79-rank/index.html", "en/nhung/par-index-79-rank/index.html",
            "nhung/recommendations-by-status/index.html"} <= set(sites[0])
    snv = (tmp_path / "one" / "co-quan" / "snv" / "index.html").read_text("utf-8")
    assert meta(snv)["og:image"] == f"{SITE}assets/share/co-quan-snv.png"
    indicator = (tmp_path / "one" / "chi-so" / "ho-so-dung-han" / "index.html").read_text("utf-8")
    assert meta(indicator)["og:image"] == f"{SITE}assets/share/chi-so.png"  # the indicators' own card
    assert meta(indicator)["og:image:alt"] == "Chỉ số"  # what that card shows, not the indicator's name
    # an agency no session in the data supervised, beside the agencies list's image (audit facts5 #1 and #3)
    skhcn = meta((tmp_path / "one" / "co-quan" / "skhcn" / "index.html").read_text("utf-8"))
    assert skhcn["og:image:alt"] == "Cơ quan" and skhcn["og:image"] == f"{SITE}assets/share/co-quan.png"
    assert skhcn["og:description"].startswith("chưa có phiên giám sát nào trong dữ liệu · ")


def test_a_card_draws_text_from_data_on_one_line():
    from generator.core.locale import locale
    from generator.core.render.share import card

    drawn = card("giam-sat/x.md", locale("vi"), "", "Cải cách\thành chính\n", " 2 kết luận ")
    assert (drawn.title, drawn.headline, drawn.detail) == ("Cải cách hành chính", "2 kết luận", "")


def test_a_page_sharing_its_kinds_image_describes_itself_so_a_new_session_leaves_the_others_alone(
        tmp_path, monkeypatch):
    """A session without a card of its own shows the list's image but describes itself: with the list's
    description ("3 sessions") in every such page, one session added changed every other session's page (2,000
    pages a language at national scale)."""
    from conftest import make_project

    from generator.core.render import share

    monkeypatch.setattr(share, "MAX_PER_KIND", 1)  # only the newest session has a card of its own
    datasets = make_project(tmp_path / "datasets")
    folder = datasets / "giam-sat" / "sessions"
    source = (folder / "2024-06-11-test.yaml").read_text("utf-8")

    def add(day: str, number: int) -> None:
        text = source.replace("id: GS-2024-06-11-TEST", f"id: GS-THU-{number}").replace("date: 2024-06-11",
                                                                                      f"date: {day}")
        (folder / f"{day}-thu-{number}.yaml").write_text(text, "utf-8")

    add("2024-07-01", 1)
    out = tmp_path / "site"
    assert build(datasets, out, "--site-url", SITE) == 0
    page = out / SESSION / "index.html"
    before = page.read_text("utf-8")
    described = meta(before)["og:description"]
    assert "11/06/2024" in described and "Đoàn giám sát" in described, described  # its own date and body
    assert meta(before)["og:image"].endswith("/giam-sat.png")  # the list's image
    add("2024-08-01", 2)
    assert build(datasets, out, "--site-url", SITE) == 0
    assert page.read_text("utf-8") == before


def test_an_agency_added_leaves_the_pages_that_share_the_lists_image_alone(tmp_path, monkeypatch):
    """The same for agencies: their list's description counts them; an agency page that shows the list's image
    describes the agency itself, so one agency added changes none of them."""
    from conftest import make_project

    from generator.core.render import share

    monkeypatch.setattr(share, "MAX_PER_KIND", 1)
    datasets = make_project(tmp_path / "datasets")
    out = tmp_path / "site"
    assert build(datasets, out, "--site-url", SITE) == 0
    sharing = {page: page.read_text("utf-8") for page in sorted((out / "co-quan").glob("*/index.html"))
               if meta(page.read_text("utf-8"))["og:image"].endswith("/co-quan.png")}
    assert sharing
    agencies = datasets / "co-quan" / "data" / "agencies.csv"
    lines = agencies.read_text("utf-8").splitlines(keepends=True)
    code = lines[1].split(",", 1)[0]
    lines.append(lines[1].replace(f"{code},", "SYNX,", 1))  # a new agency: a copy of the first under a new code
    agencies.write_text("".join(lines), "utf-8")
    assert build(datasets, out, "--site-url", SITE) == 0
    assert (out / "co-quan" / "synx" / "index.html").is_file()
    assert {page: page.read_text("utf-8") for page in sharing} == sharing


def test_an_index_or_indicator_page_without_a_card_of_its_own_describes_itself():
    """Six index pages of the real site (beyond the cards drawn for each kind) and every indicator's page said the
    indicators list's "11 indices and 66 indicators": a description of another page, which also changed on all
    of them when one index was added. Each describes itself: its result, or its name."""
    pages = {p.uri: p.text() for p in pipeline.run(Settings(datasets_dir=ROOT / "datasets", root=ROOT),
                                                    langs=("vi",)).outputs["vi"].pages}

    def description(uri: str) -> str | None:
        found = re.search(r'^description: "?(.*?)"?$', pages[uri], re.M)
        return found.group(1) if found else None

    listed = description("chi-so/index.md")
    own = [uri for uri in pages if uri.startswith("chi-so/") and uri != "chi-so/index.md" and description(uri)]
    assert len(own) > 60 and [uri for uri in own if description(uri) == listed] == []
    assert description("chi-so/ddci-hcmc.md").startswith("Chỉ số năng lực cạnh tranh cấp sở")


def title(page: str) -> str:
    return html.unescape(re.search(r"<title>([^<]*)</title>", page).group(1))


def test_the_home_page_names_the_site_once_and_every_page_has_a_title_of_its_own(shared):
    """The home page's title already starts with the site's name (the theme added " - Minh Bạch" again); the
    catalogue page of a package says it is the data, where the package's own section had the same title; the
    English copy of a page written only in Vietnamese has its English title, not its file's name."""
    assert title(read(shared, "")) == "Minh Bạch — dữ liệu cải cách hành chính TP.HCM"
    assert title(read(shared, "en")) == "Minh Bạch — Ho Chi Minh City administrative reform data"
    titles = {path: title(read(shared, path)) for path in ("giam-sat", "du-lieu/giam-sat", "en/giam-sat",
                                                           "en/du-lieu/giam-sat")}
    assert titles["du-lieu/giam-sat"].startswith("Dữ liệu: ") and titles["en/du-lieu/giam-sat"].startswith("Data: ")
    assert titles["giam-sat"] != titles["du-lieu/giam-sat"] and titles["en/giam-sat"] != titles["en/du-lieu/giam-sat"]
    for path in ("du-lieu/giam-sat", "en/du-lieu/giam-sat"):
        assert meta(read(shared, path))["og:title"] == titles[path].removesuffix(" - Minh Bạch")
    guide = read(shared, "en/huong-dan")
    assert title(guide) == "Maintainer guide - Minh Bạch" and meta(guide)["og:title"] == "Maintainer guide"
    assert "Huong dan" not in guide


def test_a_sessions_sections_keep_their_address_when_an_item_is_added(shared):
    """A section's permalink is shared: the count in its heading ("Kết luận, kiến nghị (8)") stays out of it."""
    for path in (SESSION, f"en/{SESSION}"):
        ids = re.findall(r'<h2 id="([^"]+)"', read(shared, path))
        assert {"recommendations", "issues"} <= set(ids) and not any(re.search(r"-\d+$", i) for i in ids), ids


def test_every_link_of_an_embed_page_opens_outside_its_frame(shared):
    """A source's site in the host page's small box (or refused there, by X-Frame-Options) is no use: every
    link of an embed page, the sources' included, opens in the reader's window."""
    embed = read(shared, "nhung/recommendations-by-status")
    head = embed.split("</head>")[0]
    assert '<base target="_top">' in head
    assert all('target="_blank"' not in a or 'rel="noopener"' in a for a in re.findall(r"<a [^>]*>", embed))


def test_an_images_alternative_text_says_what_that_image_shows_on_every_page_that_shows_it(tmp_path, monkeypatch):
    """An agency page sharing the agencies list's image ("Cơ quan / 61 cơ quan") gave the agency's name as the
    image's alternative text, as a session, an index or an indicator sharing its list's did its own title, and a
    page with no image of its own (the catalogue, the guides) beside the home page's: text of an image that was
    not there. Each image now has one alternative text wherever it is shown: its card's title."""
    from conftest import make_project

    from generator.core.locale import locale
    from generator.core.render import share
    from generator.core.text import slug

    monkeypatch.setattr(share, "MAX_PER_KIND", 1)  # one agency and one session with a card of their own
    datasets = make_project(tmp_path / "datasets")
    folder = datasets / "giam-sat" / "sessions"
    older = (folder / "2024-06-11-test.yaml").read_text("utf-8").replace("GS-2024-06-11-TEST", "GS-2023-05-02-CU")
    (folder / "2023-05-02-cu.yaml").write_text(older.replace("date: 2024-06-11", "date: 2023-05-02"), "utf-8")
    out = tmp_path / "site"
    assert build(datasets, out, "--site-url", SITE) == 0
    shown: dict[str, dict[str, str]] = {"": {}, "en/": {}}  # language root -> image -> the page -> its alt
    own: dict[str, str] = {}  # image -> the alternative text of the page the image is drawn for
    for path in sorted(out.rglob("index.html")):
        found = meta(path.read_text("utf-8"))
        if "og:image" not in found or path.parent.parent.name == "nhung":
            continue
        page = path.parent.relative_to(out).as_posix().removesuffix(".")
        root = "en/" if page == "en" or page.startswith("en/") else ""
        image = found["og:image"].removeprefix(f"{SITE}{root}")
        shown[root][page] = image
        mine = page.removeprefix("en").removeprefix("/")
        if image == f"assets/share/{slug(mine + '/') if mine else share.HOME_SLUG}.png":
            own[root + image] = found["og:image:alt"]
        assert found["og:image:alt"], page
    for root, pages in shown.items():
        words = locale("en" if root else "vi")
        own[f"{root}assets/share/{share.SITE_SLUG}.png"] = words.t("site.name")  # the site's card: no page's
        for page, image in pages.items():
            alt = meta((out / page / "index.html").read_text("utf-8"))["og:image:alt"]
            assert alt == own[root + image], (page, image)
        # an agency and a session sharing their list's image; a page with none of its own
        expected = {"co-quan/stc": "agency.title", "giam-sat/gs-2023-05-02-cu": "supervision.title",
                    "du-lieu": "site.name", "gioi-thieu": "site.name"}
        for page, key in expected.items():
            alt = meta((out / root / page / "index.html").read_text("utf-8"))["og:image:alt"]
            assert alt == words.t(key), (root, page)
        assert meta((out / root / "co-quan" / "snv" / "index.html").read_text("utf-8"))["og:image:alt"] == \
            ("Department of Home Affairs" if root else "Sở Nội vụ")  # its own card: its name


def alternates(sitemap: str) -> dict[str, dict[str, str]]:
    """Each URL of a sitemap with the address it names for each language."""
    return {html.unescape(loc): {lang: html.unescape(href) for lang, href in
                                 re.findall(r'<xhtml:link rel="alternate" hreflang="([a-z]+)" href="([^"]+)"/>', body)}
            for loc, body in re.findall(r"<loc>([^<]+)</loc>(.*?)</url>", sitemap, re.S)}


def test_each_page_names_itself_and_its_counterpart_in_the_other_language(shared):
    """The same page in the other language, for search engines: in the sitemaps, both ways, each page listing
    itself too. The head's hreflang links named each language's home page instead (and the theme's script
    acted on them); Open Graph names the other locale."""
    vietnamese = alternates((shared / "sitemap.xml").read_text("utf-8"))
    english = alternates((shared / "en" / "sitemap.xml").read_text("utf-8"))
    assert vietnamese[SITE + "co-quan/snv/"] == {"vi": SITE + "co-quan/snv/", "en": SITE + "en/co-quan/snv/"}
    assert len(vietnamese) == len(english) > 10
    for own, other, lang in ((vietnamese, english, "vi"), (english, vietnamese, "en")):
        for loc, names in own.items():
            assert names[lang] == loc and other[names["en" if lang == "vi" else "vi"]] == names, loc
    for path in ("co-quan/snv", "en/co-quan/snv", "", "en"):
        page = read(shared, path)
        assert not re.search(r'<link rel="alternate" href="[^"]*" hreflang', page)
        assert meta(page)["og:locale:alternate"] == ("vi_VN" if path.startswith("en") else "en_GB")


def test_the_404_page_leads_only_to_pages_under_the_sites_path(shared):
    """A project site is served under a path (example.org/mb/): the 404 page, shown at any missing address,
    led to / and /en/ and had the theme's script fetch /sitemap.xml, all outside the site."""
    for name, words in (("404.html", "Không tìm thấy trang"), ("en/404.html", "Page not found")):
        page = (shared / name).read_text("utf-8")
        switch = dict((lang, href) for href, lang in
                      re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)" class="md-select__link"', page))
        assert switch == {"vi": SITE, "en": SITE + "en/"}
        assert not re.search(r'<link rel="alternate" href="[^"]*" hreflang', page)
        # nothing outside the site's path (the theme writes its assets' addresses from the site's root)
        assert not re.search(r'(?:href|src)="/(?!mb/)', page)
        assert title(page) == f"{words} - Minh Bạch" and meta(page)["og:title"] == words


@pytest.mark.parametrize("path", ["du-lieu", "du-lieu/giam-sat", "thay-doi", "tai-ve", "gioi-thieu", "huong-dan",
                                  "en/du-lieu", "en/du-lieu/giam-sat", "en/thay-doi", "en/tai-ve", "en/huong-dan"])
def test_a_page_without_a_card_of_its_own_describes_itself_and_shows_the_sites_card_without_figures(shared, path):
    """The catalogue, a dataset, the change log and the guides said the site's words ("Dữ liệu cải cách hành
    chính TP.HCM …") and showed the home page's card with the home page's figures: a shared S&P 500 dataset page
    showed HCMC recommendation counts. Each now says its own words, and shows the site's card, which has none."""
    lang_root = "en/" if path.startswith("en") else ""
    found = meta(read(shared, path))
    site_words = {"Dữ liệu cải cách hành chính TP.HCM, có nguồn cho từng con số",
                  "Ho Chi Minh City administrative reform data, with a source for every number"}
    assert found["og:description"] not in site_words and 0 < len(found["og:description"]) <= 160
    assert found["og:image"] == f"{SITE}{lang_root}assets/share/trang-web.png" and found["og:image:alt"] == "Minh Bạch"
    cards = shared / lang_root / "assets" / "share"
    card = (cards / "trang-web.png").read_bytes()
    assert png_size(card) == (1200, 630) and card != (cards / "trang-chu.png").read_bytes()


def test_a_dataset_page_is_described_by_its_packages_first_sentence_or_its_size_and_licence():
    from generator.catalogue.model import DatasetInfo, Link
    from generator.catalogue.pages import description
    from generator.core.locale import locale
    from generator.core.text import Text

    long = "Danh sách `công ty` trong chỉ số S&P 500, " + "cập nhật hằng ngày " * 12 + ". Câu thứ hai."
    dataset = DatasetInfo("sp", Text("S&P 500"), Text(long, "Companies in the `S&P 500` index. They change."),
                          "1.0", "", (Link("Open Data Commons", "", "ODC-PDDL-1.0"),), (), (), "sp/datapackage.json")
    assert description(dataset, locale("en")) == "Companies in the S&P 500 index."
    vietnamese = description(dataset, locale("vi"))
    assert vietnamese.startswith("Danh sách công ty trong chỉ số S&P 500, cập nhật") and vietnamese.endswith("…")
    assert len(vietnamese) <= 160 and "Câu thứ hai" not in vietnamese
    bare = DatasetInfo("sp", Text("S&P 500"), Text(), "1.0", "", (Link("Open Data Commons", "", "ODC-PDDL-1.0"),),
                       (), (), "sp/datapackage.json")
    assert description(bare, locale("vi")) == "0 dòng trong 0 bảng · ODC-PDDL-1.0"
    assert description(bare, locale("en")) == "0 rows in 0 tables · ODC-PDDL-1.0"
