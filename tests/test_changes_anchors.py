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
