"""The change log, on a real git repository made in tmp_path: two releases that add, remove and change rows,
a versionless package, unreleased commits, and the build without git or outside a repository."""

import csv
import gzip
import io
import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import pytest
from conftest import SESSION, settings_for, write
from test_build import broken_links, build, snapshot

from generator.changes import git as changes_git
from generator.changes import history
from generator.changes.pages import changes_csv, newest_first
from generator.cli import main

FIRST = "2026-01-10T09:00:00+07:00"
SECOND = "2026-02-20T15:30:00+07:00"
THIRD = "2026-03-05T08:00:00+07:00"
ATOM = "{http://www.w3.org/2005/Atom}"


def git(repo: Path, *args: str, date: str = FIRST) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    run = subprocess.run(["git", "-C", str(repo), "-c", "user.name=Minh Bach Test", "-c", "user.email=test@example.org",
                          "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
                         env=env, capture_output=True, text=True, check=True)
    return run.stdout.strip()


def commit(repo: Path, message: str, date: str) -> str:
    git(repo, "add", "-A", date=date)
    git(repo, "commit", "-q", "-m", message, date=date)
    return git(repo, "rev-parse", "HEAD")


def set_version(project: Path, version: str) -> None:
    descriptor = project / "nguon" / "datapackage.yaml"
    lines = [line for line in descriptor.read_text("utf-8").splitlines() if not line.startswith("version:")]
    descriptor.write_text("\n".join(lines + [f"version: {version}"]) + "\n", "utf-8")


SOURCES_V1 = """
    source_id,url,publisher,tier
    seed,https://thanhuytphcm.vn/,Thành ủy,official
    sggp,https://en.sggp.org.vn/x,SGGP,press
    old,https://old.example.vn/,Báo cũ,press
    """
SOURCES_V2 = """
    source_id,url,publisher,tier
    seed,https://thanhuytphcm.vn/bai-goc,Thành ủy,official
    sggp,https://en.sggp.org.vn/x,SGGP,press
    vne,https://vnexpress.net/y,VnExpress,press
    """


@pytest.fixture
def repo(project: Path) -> dict:
    """The conftest project as a repository: release 1.0.0 of `nguon`, then 1.1.0 that adds, removes and
    changes one row each; `co-quan` and `giam-sat` have no version."""
    root = project.parent
    git(root, "init", "-q")
    set_version(project, "1.0.0")
    write(project / "nguon" / "data" / "sources.csv", SOURCES_V1)
    first = commit(root, "First release", FIRST)
    set_version(project, "1.1.0")
    write(project / "nguon" / "data" / "sources.csv", SOURCES_V2)
    agencies = project / "co-quan" / "data" / "agencies.csv"
    agencies.write_text(agencies.read_text("utf-8").replace("Department of Finance", "Finance Department"), "utf-8")
    write(project / "giam-sat" / "sessions" / "2025-01-15-moi.yaml",
          SESSION.replace("GS-2024-06-11-TEST", "GS-2025-01-15-MOI").replace("2024-06-11", "2025-01-15")
          .replace("Cải cách hành chính", "Chuyển đổi số").replace("Administrative reform", "Digital transformation")
          .replace("2024-12-01", "2025-02-01"))
    second = commit(root, "Sources 1.1.0: fix the seed URL, drop a dead source, add VnExpress", SECOND)
    return {"root": root, "datasets": project, "first": first, "second": second}


def release(found: history.History, package: str, version: str | None = None) -> history.Release:
    matches = [r for r in found.releases if r.package == package and (version is None or r.version == version)]
    assert matches, [(r.package, r.version) for r in found.releases]
    return matches[-1]


def test_a_release_counts_the_rows_added_removed_and_changed(repo):
    found = history.load_history(settings_for(repo["datasets"]))
    assert found.reason == ""
    first = release(found, "nguon", "1.0.0")
    assert first.initial and first.commit == repo["first"] and first.resources[0].rows_after == 3
    assert first.date == datetime.fromisoformat(FIRST)
    second = release(found, "nguon", "1.1.0")
    assert (second.commit, second.previous_version, second.released) == (repo["second"], "1.0.0", True)
    assert second.date == datetime.fromisoformat(SECOND)
    sources = second.resources[0]
    assert (sources.resource, sources.keyed) == ("sources", True)
    assert (sources.added, sources.removed, sources.changed) == (1, 1, 1)
    by_kind = {row.change: row for row in sources.rows}
    assert by_kind["added"].key == (("source_id", "vne"),)
    assert dict(by_kind["added"].after)["publisher"] == "VnExpress"
    assert by_kind["removed"].key == (("source_id", "old"),)
    assert by_kind["changed"].key == (("source_id", "seed"),) and by_kind["changed"].fields == ("url",)
    assert by_kind["changed"].before == (("url", "https://thanhuytphcm.vn/"),)
    assert by_kind["changed"].after == (("url", "https://thanhuytphcm.vn/bai-goc"),)
    assert found.current("nguon", "1.1.0") == second and found.current("nguon", "2.0.0") is None


def test_a_package_without_version_has_a_release_per_commit(repo):
    found = history.load_history(settings_for(repo["datasets"]))
    agencies = [r for r in found.releases if r.package == "co-quan"]
    assert [r.commit for r in agencies] == [repo["first"], repo["second"]]
    assert [(c.resource, c.changed, c.added, c.removed) for c in agencies[1].resources] == [("agencies", 1, 0, 0)]
    supervision = [r for r in found.releases if r.package == "giam-sat"][-1]
    assert all(c.is_empty for c in supervision.resources if not c.records)
    assert [(f.status, f.path) for f in supervision.files] == [("A", "sessions/2025-01-15-moi.yaml")]
    # What the new session file publishes (its fact, recommendations, issue and status entry) is listed as added.
    [records] = [c for c in supervision.resources if c.records]
    assert [(r.change, dict(r.key)["record"], dict(r.key)["entry"]) for r in records.rows] == [
        ("added", "GS-2025-01-15-MOI-F01", "fact"), ("added", "GS-2025-01-15-MOI-K01", "recommendation"),
        ("added", "GS-2025-01-15-MOI-K02", "recommendation"), ("added", "GS-2025-01-15-MOI-K02", "2025-02-01"),
        ("added", "GS-2025-01-15-MOI-Y01", "issue")]


def test_changes_csv_has_one_line_per_row_change(repo):
    found = history.load_history(settings_for(repo["datasets"]))
    rows = list(csv.DictReader(io.StringIO(changes_csv(found).decode("utf-8"))))
    assert [(r["package"], r["resource"], r["change"]) for r in rows] == [
        ("co-quan", "agencies", "changed"), *[("giam-sat", "sessions", "added")] * 5,
        ("nguon", "sources", "changed"), ("nguon", "sources", "added"), ("nguon", "sources", "removed")]
    assert json.loads(rows[4]["key"]) == {"record": "GS-2025-01-15-MOI-K02", "entry": "2025-02-01"}
    assert json.loads(rows[4]["after"]) == {"record": "GS-2025-01-15-MOI-K02", "entry": "2025-02-01",
                                            "value": "dinh_hoan inferred", "evidence": "sggp",
                                            "note_vi": "Suy ra từ quyết định chung",
                                            "note_en": "Inferred from a city-wide decision"}
    assert json.loads(rows[5]["after"]) == {  # a name under raised_by is published in both languages
        "record": "GS-2025-01-15-MOI-Y01", "entry": "issue", "addressees": "STC", "text_vi": "Tài sản công",
        "text_en": "Public assets", "raised_by_vi": "Thành viên đoàn", "raised_by_en": "Thành viên đoàn"}
    rows = [r for r in rows if r["package"] != "giam-sat"]
    changed = rows[1]
    assert (changed["version"], changed["previous_version"], changed["released"], changed["release_date"],
            changed["commit"], changed["fields"]) == ("1.1.0", "1.0.0", "true", "2026-02-20", repo["second"], "url")
    assert json.loads(changed["key"]) == {"source_id": "seed"}
    assert json.loads(changed["before"]) == {"url": "https://thanhuytphcm.vn/"}
    assert json.loads(rows[2]["after"])["url"] == "https://vnexpress.net/y" and rows[2]["before"] == ""
    assert json.loads(rows[3]["before"])["source_id"] == "old"


def test_commits_after_the_last_version_are_listed_as_unreleased(repo):
    sources = repo["datasets"] / "nguon" / "data" / "sources.csv"
    sources.write_text(sources.read_text("utf-8").replace("VnExpress", "VnExpress (Tiếng Việt)"), "utf-8")
    third = commit(repo["root"], "Rename a publisher without a new version", THIRD)
    found = history.load_history(settings_for(repo["datasets"]))
    pending = [r for r in found.releases if not r.released]
    assert [(r.package, r.version, r.commit, r.date) for r in pending] == [
        ("nguon", "1.1.0", third, datetime.fromisoformat(THIRD))]
    assert [(row.change, row.key, row.fields) for row in pending[0].resources[0].rows] == [
        ("changed", (("source_id", "vne"),), ("publisher",))]
    assert found.current("nguon", "1.1.0").commit == repo["second"]  # the release a citation points at
    assert newest_first(found.releases)[0] == pending[0]
    rows = list(csv.DictReader(io.StringIO(changes_csv(found).decode("utf-8"))))
    assert [r["released"] for r in rows if r["commit"] == third] == ["false"]


def test_the_unreleased_entry_is_named_by_the_last_commit_that_changed_the_package_not_by_head(repo):
    """The package page and its citation name changed data by the last commit that changed the package's folder
    (docs/tai-ve.md): the change log's unreleased entry, its anchor and changes.csv name the same commit, which a
    commit to another package or outside the data does not move (they named HEAD: audit facts5 #5)."""
    sources = repo["datasets"] / "nguon" / "data" / "sources.csv"
    sources.write_text(sources.read_text("utf-8").replace("VnExpress", "VnExpress (Tiếng Việt)"), "utf-8")
    third = commit(repo["root"], "Rename a publisher without a new version", THIRD)
    agencies = repo["datasets"] / "co-quan" / "datapackage.yaml"
    agencies.write_text(agencies.read_text("utf-8") + "version: 1.0.0\n", "utf-8")
    commit(repo["root"], "Agencies 1.0.0", "2026-03-20T08:00:00+07:00")
    rows = repo["datasets"] / "co-quan" / "data" / "agencies.csv"
    rows.write_text(rows.read_text("utf-8").replace("Finance Department", "Department of Finance"), "utf-8")
    later = commit(repo["root"], "Agencies changed without a new version", "2026-03-21T08:00:00+07:00")
    write(repo["root"] / "NOTES.md", "outside the data\n")
    head = commit(repo["root"], "Outside the datasets folder", "2026-03-22T08:00:00+07:00")
    found = history.load_history(settings_for(repo["datasets"]))
    pending = [r for r in found.releases if not r.released]
    assert [(r.package, r.commit, r.date) for r in pending] == [
        ("co-quan", later, datetime.fromisoformat("2026-03-21T08:00:00+07:00")),
        ("nguon", third, datetime.fromisoformat(THIRD))]
    assert head not in {r.commit for r in found.releases}
    assert found.anchor(pending[1]) == "nguon-chua-phat-hanh"  # no commit: a new one does not move it
    # the unreleased entries lead, A to Z, though each has a commit of its own
    assert [(r.package, r.released) for r in newest_first(found.releases)][:3] == [
        ("co-quan", False), ("nguon", False), ("co-quan", True)]
    lines = list(csv.DictReader(io.StringIO(changes_csv(found).decode("utf-8"))))
    assert {(r["package"], r["commit"]) for r in lines if r["released"] == "false"} == {
        ("co-quan", later), ("nguon", third)}


def test_a_session_file_s_records_are_counted_like_rows_since_the_last_release(project, capsys):
    """What a session file publishes of its facts, recommendations and issues is compared by record id, as a
    table's rows by their key: a fact added, a text value removed, a recommendation reworded, an issue dropped
    (audit facts8 #5: the log said "1 changed", for a value matching QUANTITY, and nothing of the rest). None of
    them rewrites a published number or status: validation asks no correction note."""
    root, session = project.parent, project / "giam-sat" / "sessions" / "2024-06-11-test.yaml"
    git(root, "init", "-q")
    descriptor = project / "giam-sat" / "datapackage.yaml"
    descriptor.write_text(descriptor.read_text("utf-8") + "version: 1.0.0\n", "utf-8")
    fact = "  - id: F02\n    agency: SNV\n    statement_vi: Có quy chế\n    statement_en: Has rules\n    source: seed\n"
    text = session.read_text("utf-8")
    session.write_text(text.replace("recommendations:\n", fact.replace("source", 'value: "QĐ 631"\n    source')
                                    + "recommendations:\n"), "utf-8")
    commit(root, "Supervision 1.0.0", FIRST)
    text = text.replace("recommendations:\n", fact + fact.replace("F02", "F03") + "recommendations:\n")
    text = text.replace("text_vi: Đẩy mạnh tuyển dụng", "text_vi: Đẩy mạnh tuyển dụng người có tài năng")
    session.write_text(text[:text.index("issues:")], "utf-8")
    later = commit(root, "F02's decision into its statement, F03, K01 reworded, Y01 dropped", SECOND)
    found = history.load_history(settings_for(project))
    pending = found.unreleased("giam-sat")
    assert pending is not None and pending.commit == later
    [records] = [c for c in pending.resources if c.records]
    assert (records.resource, records.added, records.removed, records.changed) == ("sessions", 1, 1, 2)
    lines = [(r["change"], json.loads(r["key"]), r["fields"], r["before"] and json.loads(r["before"]),
              r["after"] and json.loads(r["after"])) for r in csv.DictReader(io.StringIO(
                  changes_csv(found).decode("utf-8"))) if r["package"] == "giam-sat" and r["commit"] == later]
    prefix = "GS-2024-06-11-TEST-"
    assert lines == [
        ("changed", {"record": prefix + "F02", "entry": "fact"}, "value", {"value": "QĐ 631"}, {"value": ""}),
        ("added", {"record": prefix + "F03", "entry": "fact"}, "", "",
         {"record": prefix + "F03", "entry": "fact", "agency": "SNV", "statement_vi": "Có quy chế",
          "statement_en": "Has rules", "source": "seed"}),
        ("changed", {"record": prefix + "K01", "entry": "recommendation"}, "text_vi",
         {"text_vi": "Đẩy mạnh tuyển dụng"}, {"text_vi": "Đẩy mạnh tuyển dụng người có tài năng"}),
        ("removed", {"record": prefix + "Y01", "entry": "issue"}, "", {
            "record": prefix + "Y01", "entry": "issue", "addressees": "STC", "text_vi": "Tài sản công",
            "text_en": "Public assets", "raised_by_vi": "Thành viên đoàn", "raised_by_en": "Thành viên đoàn"}, ""),
    ]
    assert main(["validate", "--datasets", str(project), "--format", "json"]) == 0
    assert [p["code"] for p in json.loads(capsys.readouterr().out)["problems"]] == []


def test_rows_without_a_primary_key_are_compared_whole_and_new_columns_are_not_row_changes():
    before = (["a", "b"], [{"a": "1", "b": "x"}, {"a": "2", "b": "y"}, {"a": "2", "b": "y"}])
    after = (["a", "b", "c"], [{"a": "1", "b": "x", "c": "new"}, {"a": "2", "b": "z", "c": ""},
                               {"a": "2", "b": "y", "c": ""}])
    change = history.diff_rows("t", before, after, key=())
    assert not change.keyed and change.columns_added == ("c",)
    assert [(r.change, dict(r.after or r.before)["b"]) for r in change.rows] == [("added", "z"), ("removed", "y")]
    keyed = history.diff_rows("t", before, after, key=("a",))  # "2" repeats: the key cannot match rows
    assert not keyed.keyed


def test_the_build_publishes_the_change_log_page_csv_and_feed(repo, tmp_path):
    out = tmp_path / "site"
    assert build(repo["datasets"], out) == 0
    page = (out / "thay-doi" / "index.html").read_text("utf-8")
    anchor = f"nguon-1-1-0-{repo['second'][:7]}"
    assert f'id="{anchor}"' in page and "so với phiên bản 1.0.0" in page and "fix the seed URL" in page
    assert "https://thanhuytphcm.vn/bai-goc" in page and 'id="goi-nguon"' in page
    assert "sessions/2025-01-15-moi.yaml" in page
    english = (out / "en" / "thay-doi" / "index.html").read_text("utf-8")
    assert "since version 1.0.0" in english
    # one changes.csv, at the root, which the English page links to (no copy under en/)
    assert (out / "tai-ve" / "changes.csv").is_file() and not (out / "en" / "tai-ve" / "changes.csv").exists()
    assert 'href="../../tai-ve/changes.csv"' in english
    assert broken_links(out) == []
    # The dataset page gives the release date and commit of its version, and cites that date.
    dataset = (out / "du-lieu" / "nguon" / "index.html").read_text("utf-8")
    assert f"<code>{repo['second'][:7]}</code>" in dataset and "20/02/2026" in dataset
    # the test package names no author: cited by its title, then the date (cee2a24)
    assert re.search(r"Nguồn \(phiên bản 1\.1\.0\) \[[^]]+\]\. \(20/02/2026\)\.", dataset)
    assert "../../thay-doi/#goi-nguon" in dataset
    # The feed: releases and the new session, newest first, each link leading to a page of the site.
    feed = out / "thay-doi" / "atom.xml"
    root = ET.parse(feed).getroot()
    entries = [(e.findtext(f"{ATOM}id"), e.findtext(f"{ATOM}updated"), e.find(f"{ATOM}link").get("href"))
               for e in root.findall(f"{ATOM}entry")]
    ids = [entry[0] for entry in entries]
    assert f"urn:minhbach:release:nguon:{repo['second']}" in ids and "urn:minhbach:session:GS-2025-01-15-MOI" in ids
    session = next(e for e in entries if e[0] == "urn:minhbach:session:GS-2025-01-15-MOI")
    assert session[1] == SECOND  # the day its file was committed, not the session's date
    assert [e[1] for e in entries] == sorted((e[1] for e in entries), key=datetime.fromisoformat, reverse=True)
    for _, _, href in entries:
        target = (feed.parent / href.split("#")[0]).resolve()
        assert (target / "index.html").is_file(), href
    assert root.findtext(f"{ATOM}updated") == SECOND
    again = tmp_path / "again"
    assert build(repo["datasets"], again) == 0
    assert snapshot(again) == snapshot(out)


def test_with_the_sites_address_every_feed_link_leads_to_a_page_and_its_anchor(repo, tmp_path):
    """facts8 #4: with --site-url (as the deploy workflow builds) a release's entry linked
    '<site>/thay-doi/index.md#<release>', a 404: an anchored URI was not turned into its served path."""
    site = "https://example.org/minhbach/"
    out = tmp_path / "site"
    assert build(repo["datasets"], out, "--site-url", site) == 0
    for feed in (out / "thay-doi" / "atom.xml", out / "en" / "thay-doi" / "atom.xml"):
        hrefs = [link.get("href") for link in ET.parse(feed).getroot().iter(f"{ATOM}link")]
        entries = [href for href in hrefs if "#" in href]
        assert entries, feed  # the releases' entries, each to its anchor on the change log
        for href in hrefs:
            assert href.startswith(site) and ".md" not in href, href
            path, _, anchor = href[len(site):].partition("#")
            page = out / path / "index.html" if not path.endswith(".xml") else out / path
            assert page.is_file(), href
            assert not anchor or f'id="{anchor}"' in page.read_text("utf-8"), href


def test_an_unreleased_entry_has_an_anchor_and_a_table_name_of_its_own(repo, tmp_path):
    """new8a N8, N10: the unreleased entry's anchor named its last commit, so each commit moved it (a copied link, a
    feed reader's stored link lost its target), and its table's region was named after the last version, the
    name the release's own table has (axe: landmark-unique)."""
    rows = repo["datasets"] / "nguon" / "data" / "sources.csv"
    rows.write_text(rows.read_text("utf-8") + "extra,https://example.org/extra,Extra,press\n", "utf-8")
    commit(repo["root"], "A source added without a new version", "2026-03-21T08:00:00+07:00")
    out = tmp_path / "site"
    assert build(repo["datasets"], out) == 0
    page = (out / "thay-doi" / "index.html").read_text("utf-8")
    assert 'id="nguon-chua-phat-hanh"' in page
    labels = re.findall(r'role="region" aria-label="([^"]*)"', page)
    assert len(labels) == len(set(labels)) and "Nguồn (chưa phát hành): Bảng dữ liệu" in labels, labels


def test_outside_a_repository_the_log_says_there_is_no_history(project, tmp_path):
    found = history.load_history(settings_for(project))
    assert (found.reason, found.releases) == (changes_git.NOT_A_REPOSITORY, ())
    out = tmp_path / "site"
    assert build(project, out) == 0
    page = (out / "thay-doi" / "index.html").read_text("utf-8")
    assert "không nằm trong một kho git" in page
    assert "is not in a git repository" in (out / "en" / "thay-doi" / "index.html").read_text("utf-8")
    assert (out / "tai-ve" / "changes.csv").read_text("utf-8").splitlines() == [
        "package,resource,version,previous_version,released,release_date,commit,change,key,fields,before,after,"
        "correction_vi,correction_en"]
    assert ET.parse(out / "thay-doi" / "atom.xml").getroot().find(f"{ATOM}entry") is not None  # the session


def test_without_git_the_history_is_empty_with_its_reason(repo, tmp_path, monkeypatch):
    empty = tmp_path / "no-programs"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    found = history.load_history(settings_for(repo["datasets"]))
    assert (found.reason, found.releases) == (changes_git.GIT_MISSING, ())


def test_a_repository_without_commits_or_with_a_shallow_history(project, tmp_path_factory):
    git(project.parent, "init", "-q")
    assert history.load_history(settings_for(project)).reason == changes_git.NO_COMMITS
    write(project.parent / "README.md", "# not data\n")
    git(project.parent, "add", "README.md")
    git(project.parent, "commit", "-q", "-m", "readme first")
    assert history.load_history(settings_for(project)).reason == changes_git.NO_DATA_COMMITS
    commit(project.parent, "one", FIRST)
    write(project / "nguon" / "data" / "sources.csv", SOURCES_V1)
    commit(project.parent, "two", SECOND)
    clone = tmp_path_factory.mktemp("shallow") / "clone"
    git(clone.parent, "clone", "-q", "--depth", "1", f"file://{project.parent}", str(clone))
    shallow = history.load_history(settings_for(clone / "datasets"))
    assert shallow.shallow and {r.commit for r in shallow.releases} == {git(clone, "rev-parse", "HEAD")}


def test_every_reason_has_a_sentence_in_both_languages():
    from generator.core.locale import catalogue

    reasons = {value for name, value in vars(changes_git).items() if name.isupper() and isinstance(value, str)}
    assert len(reasons) == 5
    for lang in ("vi", "en"):
        assert {r for r in reasons if f"changes.reason.{r}" not in catalogue(lang)} == set()


def compressed_sources_repo(project: Path) -> Path:
    """The conftest project as a repository whose sources table is gzip-compressed: release 1.0.0, then 1.1.0
    that adds, removes and changes one row each (as the ``repo`` fixture does with the plain file)."""
    root, descriptor = project.parent, project / "nguon" / "datapackage.yaml"
    descriptor.write_text(descriptor.read_text("utf-8").replace("data/sources.csv", "data/sources.csv.gz"), "utf-8")
    (project / "nguon" / "data" / "sources.csv").unlink()
    git(root, "init", "-q")
    for version, rows, date in (("1.0.0", SOURCES_V1, FIRST), ("1.1.0", SOURCES_V2, SECOND)):
        set_version(project, version)
        text = "\n".join(line.strip() for line in rows.strip().splitlines()) + "\n"
        (project / "nguon" / "data" / "sources.csv.gz").write_bytes(gzip.compress(text.encode(), mtime=0))
        commit(root, f"Sources {version}", date)
    return root


def test_a_compressed_resource_is_compared_between_releases_as_its_rows(project):
    """Old versions come from git as bytes: they are decompressed as the working tree's files are, not shown
    as "unreadable"."""
    compressed_sources_repo(project)
    second = release(history.load_history(settings_for(project)), "nguon", "1.1.0")
    sources = second.resources[0]
    assert (sources.resource, sources.status, sources.added, sources.removed, sources.changed) == (
        "sources", "changed", 1, 1, 1)


def test_a_version_that_cannot_be_read_whole_is_unreadable_not_a_partial_count(project):
    """The third release's file breaks at its second row (a quote never closed stops the reader): counting the
    one row read before it would publish a wrong number of removed rows."""
    root = compressed_sources_repo(project)
    text = 'source_id,url,publisher,tier\nseed,https://thanhuytphcm.vn/,Thành ủy,official\n"sggp,https://x.vn/,S,press\n'
    (project / "nguon" / "data" / "sources.csv.gz").write_bytes(gzip.compress(text.encode(), mtime=0))
    set_version(project, "1.2.0")
    commit(root, "Sources 1.2.0, broken", THIRD)
    third = release(history.load_history(settings_for(project)), "nguon", "1.2.0")
    assert [(c.resource, c.status, c.rows_before, c.rows_after) for c in third.resources] == [
        ("sources", "unreadable", 0, 0)]
