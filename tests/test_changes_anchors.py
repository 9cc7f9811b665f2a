"""Anchors on the change log: each release is ``#<package>-<version slug>-<commit>``. Package ``a`` at version
``b-1.0`` and package ``a-b`` at version ``1.0``, released in one commit, were both ``#a-b-1-0-<commit>``: two
headings of one id, the packages table and the feed sending both to the first. The releases are history, which no
one can rename: the later one keeps its place with ``-2`` (a suffix no natural anchor has: they end in the
commit's seven hex digits), and the earlier ones never move."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from conftest import Package, Resource, settings_for
from test_build import broken_links, build
from test_changes import ATOM, FIRST, SECOND, commit, git

from generator.changes import history

T = Resource("t", ("id:integer",), rows="1\n")


def _two_packages(root, second: bool = False):
    datasets = root / "datasets"
    for name, version in (("a", "b-1.0"), ("a-b", "1.0")):
        text = Package(name, (T,)).text + f"version: '{version}'\n"
        Package(name, (T,)).write(datasets / name, text)
    git(root, "init", "-q")
    first = commit(root, "Both packages", FIRST)
    if second:  # a later release of a alone
        path = datasets / "a" / "a" / "datapackage.yaml"
        path.write_text(path.read_text("utf-8").replace("version: 'b-1.0'", "version: 'b-1.1'"), "utf-8")
        commit(root, "a b-1.1", SECOND)
    return datasets, first[:7]


def test_two_releases_of_one_commit_whose_anchors_would_be_one_get_two(tmp_path):
    datasets, short = _two_packages(tmp_path)
    found = history.load_history(settings_for(datasets))
    anchors = {r.package: found.anchor(r) for r in found.releases}
    # the first in the log keeps it (within a commit, packages in the order of their paths: 'a-b/' before 'a/')
    assert anchors == {"a-b": f"a-b-1-0-{short}", "a": f"a-b-1-0-{short}-2"}


def test_a_later_release_moves_no_anchor(tmp_path):
    datasets, short = _two_packages(tmp_path, second=True)
    found = history.load_history(settings_for(datasets))
    assert [found.anchor(r) for r in found.releases][:2] == [f"a-b-1-0-{short}", f"a-b-1-0-{short}-2"]
    assert found.anchor(found.releases[2]).startswith("a-b-1-1-")


def test_the_page_and_the_feed_send_each_release_to_its_own_heading(tmp_path):
    datasets, short = _two_packages(tmp_path)
    out = tmp_path / "site"
    assert build(datasets, out) == 0
    page = (out / "thay-doi" / "index.html").read_text("utf-8")
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert f'id="a-b-1-0-{short}"' in page and f'id="a-b-1-0-{short}-2"' in page
    # the packages table links each package to its own latest release
    for package, anchor in (("a-b", f"a-b-1-0-{short}"), ("a", f"a-b-1-0-{short}-2")):
        row = re.search(rf'<tr id="goi-{package}">.*?</tr>', page, re.S).group(0)
        assert f'href="#{anchor}"' in row, row
    feed = ET.parse(out / "thay-doi" / "atom.xml").getroot()
    links = {e.findtext(f"{ATOM}id").split(":")[3]: e.find(f"{ATOM}link").get("href").split("#")[1]
             for e in feed.findall(f"{ATOM}entry") if short in e.findtext(f"{ATOM}id")}
    assert links == {"a-b": f"a-b-1-0-{short}", "a": f"a-b-1-0-{short}-2"}
    # (the about page links to packages this site has not: only the change log's links are this test's)
    assert [link for link in broken_links(out) if "thay-doi/" in link.split(" -> ")[0]] == []


def test_a_table_called_dinh_chinh_has_its_row_details_apart_from_the_releases_corrections(project, tmp_path):
    """The corrections of a release are '#<release>-dinh-chinh' (the feed links there); a table's row details were
    '#<release>-<table>': a table called 'dinh-chinh' gave two elements of one id, and the feed's correction entry
    opened the wrong one. The row details now join the two with '~', which no release anchor, package or table name
    has: the ids on the page are unique whatever the names, and the corrections' anchor stays where it was."""
    from conftest import write
    from test_corrections import CORRECTION, SCORES, SCORES_V1, edit

    write(project / "diem" / "datapackage.yaml", SCORES.replace("name: scores", "name: dinh-chinh"))
    write(project / "diem" / "data" / "scores.csv", SCORES_V1)
    git(project.parent, "init", "-q")
    commit(project.parent, "First release", FIRST)
    edit(project / "diem" / "data" / "scores.csv", "79,2023,82.5,,seed", "79,2023,83.5,,seed\n79,2024,84.0,,seed")
    edit(project / "diem" / "datapackage.yaml", "version: 1.0.0", "version: 1.1.0")
    edit(project / "diem" / "datapackage.yaml", "resources:",
         CORRECTION.replace("resource: scores", "resource: dinh-chinh").strip() + "\nresources:")
    second = commit(project.parent, "1.1.0: 2024, and 2023 corrected", SECOND)
    short = second[:7]
    out = tmp_path / "site"
    assert build(project, out) == 0
    for lang in ("", "en/"):
        page = (out / lang / "thay-doi" / "index.html").read_text("utf-8")
        ids = re.findall(r'\bid="([^"]+)"', page)
        assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
        release = f"diem-1-1-0-{short}"
        corrections = re.search(rf'<div class="mb-corrections" id="{release}-dinh-chinh".*?</div>', page, re.S)
        assert "dinh-chinh: unit=79; year=2023" in corrections.group(0)
        details = re.search(rf'<summary id="{release}~dinh-chinh">.*?</details>', page, re.S).group(0)
        assert f'aria-labelledby="{release}~dinh-chinh"' in details and "year=2024" in details
        feed = ET.parse(out / lang / "thay-doi" / "atom.xml").getroot()
        links = {e.findtext(f"{ATOM}id"): e.find(f"{ATOM}link").get("href") for e in feed.findall(f"{ATOM}entry")}
        assert links[f"urn:minhbach:correction:diem:{second}"].endswith(f"#{release}-dinh-chinh")
    assert [link for link in broken_links(out) if "thay-doi/" in link.split(" -> ")[0]] == []


# Markdown, HTML and attribute syntax in a version: the change log's heading showed it as Markdown (a javascript:
# link, an image from another host) and its { #anchor } was no longer last, so the release's id was another
# (hostile audit round 8, finding 2: /tmp/audit/hostile8/REPORT.md).
HOSTILE_VERSION = ('2.0.0 [v](javascript:alert(7)) ![i](https://evil.example/v.png) {: onclick="alert(1)" } '
                   '<b>b</b> *e* `c` #h')


def test_a_version_with_markdown_in_it_is_shown_as_text_and_keeps_its_anchor(tmp_path):
    datasets = tmp_path / "datasets"
    text = Package("a", (T,)).text + f"version: '{HOSTILE_VERSION}'\n"
    Package("a", (T,)).write(datasets / "a", text)
    git(tmp_path, "init", "-q")
    short = commit(tmp_path, "a", FIRST)[:7]
    out = tmp_path / "site"
    assert build(datasets, out) == 0
    found = history.load_history(settings_for(datasets))
    [release] = found.releases
    anchor = found.anchor(release)
    assert anchor.endswith(short)
    for page in (out / "thay-doi" / "index.html", out / "en" / "thay-doi" / "index.html"):
        html = page.read_text("utf-8")
        assert not re.search(r'<a [^>]*href="javascript:', html)
        assert not re.search(r"<img [^>]*evil\.example", html)
        assert "<b>b</b>" not in html and "<em>e</em>" not in html and "<code>c</code>" not in html
        heading = re.search(rf'<h3 id="{re.escape(anchor)}"[^>]*>(.*?)</h3>', html, re.S)
        assert heading, f"no heading with the release's id {anchor}"
        shown = re.sub(r"<[^>]+>", "", heading.group(1))
        assert "[v](javascript:alert(7)) ![i](https://evil.example/v.png) {: onclick=&#34;alert(1)&#34; }" in shown \
            or "[v](javascript:alert(7)) ![i](https://evil.example/v.png) {: onclick=&quot;alert(1)&quot; }" in shown, \
            shown
        assert "&lt;b&gt;b&lt;/b&gt; *e* `c` #h" in shown, shown
        assert f'href="#{anchor}"' in html  # the packages table links to that heading
