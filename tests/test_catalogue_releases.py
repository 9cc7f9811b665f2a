"""What a package page, its citation and the published metadata say of data that changed since their version was
released (fact-check audit, round 3: finding 3). The page said "version 1.0.0, released 26/11/2026" for data that
were no longer 1.0.0's (456 rows then, 457 now): a journalist citing the version cited other data than they had
downloaded.

A real repository: `nguon` released as 1.0.0, then changed without a new version, then the repository moves on
elsewhere. Pages are made by the real pipeline in both languages, without MkDocs.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from conftest import make_project, settings_for
from test_changes import FIRST, SECOND, THIRD, commit, git, set_version

from generator import pipeline

FOURTH = "2026-04-01T10:00:00+07:00"


def run(datasets: Path) -> dict[str, dict[str, str | bytes]]:
    """Every page (by language and URI) and every asset (data.json, the downloads) of a build of ``datasets``."""
    result = pipeline.run(settings_for(datasets), langs=("vi", "en"))
    assert [p for p in result.problems if p.severity == "error"] == []
    found: dict[str, dict[str, str | bytes]] = {}
    for lang, output in result.outputs.items():
        found[lang] = {page.uri: page.content for page in output.pages}
        found[lang] |= {asset.uri: asset.read() for asset in output.assets}
    return found


def words(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)).replace("&#39;", "'")


def linked_data(page: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))


def catalogue_entry(site: dict, lang: str, name: str) -> dict:
    return next(e for e in json.loads(site[lang]["data.json"])["dataset"] if e["identifier"] == name)


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> dict:
    """Builds at three moments: the data changed since 1.0.0 (``changed``); then a commit outside the package
    (``elsewhere``: HEAD moves, the package's data do not); then 1.1.0 released (``bumped``)."""
    datasets = make_project(tmp_path_factory.mktemp("releases") / "datasets")
    root = datasets.parent
    git(root, "init", "-q")
    set_version(datasets, "1.0.0")
    first = commit(root, "First release", FIRST)
    sources = datasets / "nguon" / "data" / "sources.csv"
    sources.write_text(sources.read_text("utf-8").replace("SGGP", "Sài Gòn Giải Phóng"), "utf-8")
    second = commit(root, "A publisher's full name, without a new version", SECOND)
    changed = run(datasets)
    agencies = datasets / "co-quan" / "data" / "agencies.csv"
    agencies.write_text(agencies.read_text("utf-8").replace("Department of Finance", "Finance Department"), "utf-8")
    third = commit(root, "Another package changes", THIRD)
    elsewhere = run(datasets)
    set_version(datasets, "1.1.0")
    commit(root, "Sources 1.1.0", FOURTH)
    bumped = run(datasets)
    return {"first": first, "second": second, "third": third, "changed": changed, "elsewhere": elsewhere,
            "bumped": bumped}


@pytest.mark.parametrize(("lang", "version", "day", "cited_day", "note"), [
    ("vi", "1.0.0 và các thay đổi sau khi phát hành, đến commit {c} (20/02/2026)", "10/01/2026", "20/02/2026",
     "không còn đúng là phiên bản 1.0.0 đã phát hành"),
    ("en", "1.0.0 plus changes since its release, as of commit {c} (20 Feb 2026)", "10 Jan 2026", "20 Feb 2026",
     "no longer exactly the released version 1.0.0"),
])
def test_a_page_says_its_data_are_the_version_plus_changes_as_of_a_commit(history, lang, version, day, cited_day,
                                                                          note):
    """The page names the version, the changes since and the commit they are as of, with a link to the change
    log's unreleased entry (an anchor that page has); the release's own day and commit stay under "released"."""
    short = history["second"][:7]
    page = history["changed"][lang]["du-lieu/nguon.md"]
    text = words(page)
    assert version.format(c=short) in text, text
    assert f"{day} · {history['first'][:7]}" in text  # the release of 1.0.0, as it was
    assert note in text and f"1.0.0+{short}" in text
    anchor = "nguon-chua-phat-hanh"
    assert f'thay-doi/#{anchor}"' in page
    assert f"{{ #{anchor} }}" in history["changed"][lang]["thay-doi/index.md"]
    cite = words(re.search(r'<p class="mb-cite">(.*?)</p>', page, re.S).group(1))
    assert f"({cited_day})" in cite and short in cite and "1.0.0" in cite
    assert f"version = {{1.0.0+{short}}}," in page and "date = {2026-02-20}," in page
    listing = words(history["changed"][lang]["du-lieu/index.md"])
    assert ("1.0.0 + thay đổi" if lang == "vi" else "1.0.0 + changes") in listing


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_machine_readable_metadata_do_not_date_changed_data_by_the_release(history, lang):
    """JSON-LD and data.json give the data's version (a SemVer build tag) and the last change's day as the day
    modified; the published descriptor, alone and in the zip, names the same version; Frictionless reads it."""
    short = history["second"][:7]
    site = history["changed"]
    data = linked_data(site[lang]["du-lieu/nguon.md"])
    assert (data["version"], data["datePublished"], data["dateModified"]) == (
        f"1.0.0+{short}", "2026-01-10", "2026-02-20")
    entry = catalogue_entry(site, lang, "nguon")
    assert (entry["version"], entry["issued"], entry["modified"]) == (f"1.0.0+{short}", "2026-01-10", "2026-02-20")
    descriptor = site[lang]["tai-ve/nguon/datapackage.json"]
    assert json.loads(descriptor)["version"] == f"1.0.0+{short}"
    assert zipfile.ZipFile(io.BytesIO(site[lang]["tai-ve/nguon.zip"])).read("datapackage.json") == descriptor
    # a package without a version has a release per commit: never changed since it
    assert "version" not in catalogue_entry(site, lang, "co-quan") and "version" not in json.loads(
        site[lang]["tai-ve/co-quan/datapackage.json"])


def test_a_commit_elsewhere_does_not_change_the_package_s_downloads(history):
    """The data are named by the commit that last changed them, not by HEAD: a commit to another package leaves
    the package's descriptor and zip (and so their checksums) byte for byte the same."""
    for uri in ("tai-ve/nguon/datapackage.json", "tai-ve/nguon.zip"):
        assert history["elsewhere"]["vi"][uri] == history["changed"]["vi"][uri], uri
    page = history["elsewhere"]["vi"]["du-lieu/nguon.md"]
    assert f"đến commit {history['second'][:7]}" in words(page)
    # the change log's unreleased entry names the same commit, and its anchor stays (it named HEAD: facts5 #5)
    anchor = "nguon-chua-phat-hanh"
    assert f"thay-doi/#{anchor}" in page
    entry = history["elsewhere"]["vi"]["thay-doi/index.md"].split(f"{{ #{anchor} }}")[1].split("###")[0]
    assert f"<p><code>{history['second'][:7]}</code> · " in entry


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_new_version_is_cited_as_itself(history, lang):
    """Once 1.1.0 is released, the page, the citation and the metadata say 1.1.0 and its day, and nothing more."""
    site = history["bumped"]
    page = site[lang]["du-lieu/nguon.md"]
    text = words(page)
    assert "1.1.0" in text and "+" not in linked_data(page)["version"]
    assert not re.search("chưa phát hành|unreleased|commit [0-9a-f]{7}", text), text
    assert "version = {1.1.0}," in page and "date = {2026-04-01}," in page
    entry = catalogue_entry(site, lang, "nguon")
    assert (entry["version"], entry["issued"], entry["modified"]) == ("1.1.0", "2026-04-01", "2026-04-01")
    assert json.loads(site[lang]["tai-ve/nguon/datapackage.json"])["version"] == "1.1.0"


def test_what_a_page_citing_a_package_depends_on_names_the_changes_but_not_the_change_log_s_anchor():
    """An index page names the release it cites as an input (indicators/feature.py: ``value:released=...``, the
    text of ``Catalogue.released``): it is made again when the data's commit changes, not when the change log's
    anchor alone is numbered apart (History.anchor)."""
    from generator.catalogue.model import Catalogue, Release, Unreleased

    def released(commit: str, anchor: str) -> str:
        catalogue = Catalogue((), {"p": Release(date(2026, 1, 10), "aaaaaaa", Unreleased(commit, date(2026, 2, 20),
                                                                                          anchor))}, "", date.today())
        return str(catalogue.released("p"))

    assert released("bbbbbbb", "p-chua-phat-hanh-ccccccc") == released("bbbbbbb", "p-chua-phat-hanh-ddddddd")
    assert released("bbbbbbb", "x") != released("eeeeeee", "x") and "bbbbbbb" in released("bbbbbbb", "x")


# A created date in the future was published as the release date ("released 31/12/9999"), in the citation, the
# BibTeX and data.json, without a word; a session's date gets future-date (hostile audit round 8, finding 5).


@pytest.mark.parametrize("days, refused", [(0, False), (1, False), (2, True), (2_900_000, True)])
def test_a_created_date_after_the_build_date_is_a_future_date_error(tmp_path, days, refused):
    """A day's grace: ``minhbach new package`` writes its own day, and a machine in UTC may be a day behind."""
    from datetime import timedelta

    from conftest import BUILD_DATE, Package, Resource

    from generator import pipeline

    created = min(BUILD_DATE + timedelta(days=days), date(9999, 12, 31))
    text = Package("p", (Resource("t", ("id:integer",), rows="1\n"),)).text + f"created: '{created}T00:00:00Z'\n"
    Package("p", (Resource("t", ("id:integer",), rows="1\n"),)).write(tmp_path, text)
    found = [p for p in pipeline.check(settings_for(tmp_path)).problems if p.code == "future-date"]
    assert [(p.line, p.field, p.is_error) for p in found] == ([(8, "created", True)] if refused else [])
    if refused:
        assert found[0].params_dict()["value"] == created.isoformat()
        assert "release date" in found[0].hint("en") and "planned" not in found[0].hint("en")
