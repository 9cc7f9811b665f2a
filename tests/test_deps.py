"""The dependency map (core/deps.py): a page is made again exactly when an input it was made from changed,
and a build whose inputs did not need a heavy library does not load it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, settings_for, write

from generator import pipeline
from generator.cli import main
from generator.core.deps import Inputs, rows_key
from generator.core.render import share
from generator.supervision import pages as supervision_pages


def build(datasets: Path, out: Path, cache: Path) -> int:
    return main(["build", "--datasets", str(datasets), "--out", str(out), "--config", str(ROOT / "mkdocs.yml"),
                 "--build-date", "2026-11-26", "--cache-dir", str(cache), "--jobs", "1"])


def units_made(output: str) -> dict[str, tuple[int, int]]:
    """``units_made=vi:2/3,en:2/3`` from the stage line: (made, total) per language."""
    found = re.search(r"units_made=(\S+)", output)
    assert found, output
    return {lang: (int(made), int(total)) for lang, made, total in re.findall(r"(\w+):(\d+)/(\d+)", found[1])}


def test_an_edit_makes_again_only_the_units_that_show_what_changed(project, tmp_path, capfd):
    """The fixture has two agencies and one session naming both; the units are their three pages and the
    tracker's one page. An agency's name is on its own page, on the session's page and in the tracker (through
    the link filter, a noted lookup), not on the other agency's page."""
    cache = tmp_path / "cache"
    assert build(project, tmp_path / "site", cache) == 0
    out = capfd.readouterr().out
    assert units_made(out) == {"vi": (4, 4), "en": (4, 4)}
    last = [line for line in out.splitlines() if line.startswith("minhbach: stages")][-1]
    assert re.findall(r"(\w+)_s=", last) == ["startup", "stamp", "imports", "validate", "models",
                                              "languages", "inputs", "pages", "release", "charts_queue",
                                              "downloads_wait", "mkdocs", "verdicts_wait", "maps", "charts_wait",
                                              "publish", "finish", "other", "total"]
    assert build(project, tmp_path / "site", cache) == 0  # nothing changed: the build stamp says so
    assert "up to date" in capfd.readouterr().out
    agencies = project / "co-quan" / "data" / "agencies.csv"
    agencies.write_text(agencies.read_text("utf-8").replace("Sở Nội vụ,", "Sở Nội vụ mới,"), "utf-8")
    assert build(project, tmp_path / "site", cache) == 0
    assert units_made(capfd.readouterr().out) == {"vi": (3, 4), "en": (3, 4)}
    stc = (tmp_path / "site" / "co-quan" / "stc" / "index.html").read_text("utf-8")
    assert "Sở Nội vụ mới" not in stc and "Sở Nội vụ mới" in (
        tmp_path / "site" / "giam-sat" / "gs-2024-06-11-test" / "index.html").read_text("utf-8")


def test_a_new_session_makes_its_page_and_the_pages_of_its_agencies(project, tmp_path, capfd):
    cache = tmp_path / "cache"
    assert build(project, tmp_path / "site", cache) == 0
    capfd.readouterr()
    session = (project / "giam-sat" / "sessions" / "2024-06-11-test.yaml").read_text("utf-8")
    write(project / "giam-sat" / "sessions" / "2025-01-02-new.yaml",
          session.replace("GS-2024-06-11-TEST", "GS-2025-01-02-NEW").replace("agencies: [SNV, STC]", "agencies: [STC]")
          .replace("addressees: [SNV, STC]", "addressees: [STC]").replace("addressees: [SNV]", "addressees: [STC]")
          .replace("agency: SNV", "agency: STC"))  # the fact an agency reported is on that agency's page
    assert build(project, tmp_path / "site", cache) == 0
    # the new session's page, STC's page and the tracker (the other agency's and session's pages are taken as
    # they were)
    assert units_made(capfd.readouterr().out) == {"vi": (3, 5), "en": (3, 5)}


def test_rows_are_digested_by_their_cells_and_by_the_descriptor(project):
    checked = pipeline.check(settings_for(project))
    site = pipeline.prepare(checked, settings_for(project))
    snv, absent = rows_key("co-quan", "agencies", "agency_code", "SNV"), rows_key("co-quan", "agencies",
                                                                                  "agency_code", "XYZ")
    inputs = Inputs(site.datasets, site.settings, lambda name: None)
    before = {key: inputs.digest(key) for key in (snv, absent, rows_key("co-quan", "agencies"))}
    assert before[absent].endswith(":none")  # a value no row has is a valid input: its rows are none
    agencies = project / "co-quan" / "data" / "agencies.csv"
    agencies.write_text(agencies.read_text("utf-8") + "XYZ,Sở mới,New department,seed\n", "utf-8")
    site = pipeline.prepare(pipeline.check(settings_for(project)), settings_for(project))
    inputs = Inputs(site.datasets, site.settings, lambda name: None)
    after = {key: inputs.digest(key) for key in before}
    assert after[snv] == before[snv]  # SNV's row did not change
    assert after[absent] != before[absent] and after[rows_key("co-quan", "agencies")] != before[
        rows_key("co-quan", "agencies")]
    descriptor = project / "co-quan" / "datapackage.yaml"
    descriptor.write_text(descriptor.read_text("utf-8").replace("title: Cơ quan", "title: Các cơ quan"), "utf-8")
    site = pipeline.prepare(pipeline.check(settings_for(project)), settings_for(project))
    assert Inputs(site.datasets, site.settings, lambda name: None).digest(snv) != after[snv]


def heavy_modules_after(code: str, cwd: Path) -> list[str]:
    script = f"import sys\n{code}\nprint(' '.join(m for m in ('frictionless', 'matplotlib') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=cwd, check=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    return done.stdout.split()


def test_frictionless_and_matplotlib_load_only_when_something_must_be_validated_or_drawn(project, tmp_path):
    run = (f"from pathlib import Path\nfrom datetime import date\nfrom generator import pipeline\n"
           f"from generator.core.settings import Settings\n"
           f"pipeline.run(Settings(datasets_dir=Path({str(project)!r}), root=Path({str(project.parent)!r}), "
           f"build_date=date(2026, 11, 26), jobs=1), langs=('vi',))")
    assert heavy_modules_after(run, tmp_path) == ["frictionless", "matplotlib"]  # the first run: both needed
    assert heavy_modules_after(run, tmp_path) == []  # verdicts and charts are in the cache
    agencies = project / "co-quan" / "data" / "agencies.csv"  # an English name: no Vietnamese chart shows it
    agencies.write_text(agencies.read_text("utf-8").replace("Department of Finance", "Finance Dept"), "utf-8")
    assert heavy_modules_after(run, tmp_path) == ["frictionless"]  # that package is validated again
    assert heavy_modules_after("from generator import cli; cli.parser()", tmp_path) == []


def copy_session(project: Path, day: str) -> None:
    """A copy of the fixture's session dated ``day`` (YYYY-MM-DD), with the same items."""
    session = (project / "giam-sat" / "sessions" / "2024-06-11-test.yaml").read_text("utf-8")
    write(project / "giam-sat" / "sessions" / f"{day}-copy.yaml",
          session.replace("GS-2024-06-11-TEST", f"GS-{day}-COPY").replace("date: 2024-06-11", f"date: {day}")
          .replace("- date: 2024-12-01", f"- date: {day}"))  # a status is never older than its session


def page_of(site: Path, uri: str) -> str:
    return (site / uri / "index.html").read_text("utf-8")


def test_every_part_of_the_tracker_is_made_again_when_the_summary_changes(project, tmp_path, monkeypatch):
    """The input ``value:tracker_summary``: each part of the tracker shows the summary bar of all its items, so a
    status changed in a session of the older part changes the newest part too, whose own sessions did not
    change. Without that input the newest part kept the old counts."""
    monkeypatch.setattr(supervision_pages, "TRACKER_ROWS", 3)  # one session (three items) per part
    copy_session(project, "2025-01-02")
    assert build(project, tmp_path / "site", tmp_path / "cache") == 0
    assert (tmp_path / "site" / "giam-sat" / "kien-nghi-1" / "index.html").is_file()  # two parts
    before = page_of(tmp_path / "site", "giam-sat/kien-nghi/")
    old = project / "giam-sat" / "sessions" / "2024-06-11-test.yaml"  # the older part's only session
    old.write_text(old.read_text("utf-8").replace("status: dinh_hoan", "status: da_thuc_hien"), "utf-8")
    assert build(project, tmp_path / "site", tmp_path / "cache") == 0
    assert build(project, tmp_path / "cold", tmp_path / "cold-cache") == 0
    newest = page_of(tmp_path / "site", "giam-sat/kien-nghi/")
    assert newest == page_of(tmp_path / "cold", "giam-sat/kien-nghi/") != before
    assert "GS-2024-06-11-TEST" not in newest and 'mb-status-da_thuc_hien">Đã thực hiện</span>' in newest


def test_a_session_page_sharing_the_lists_image_keeps_its_bytes_when_sessions_are_added(project, tmp_path,
                                                                                         monkeypatch):
    """The input ``value:share=…``: past the first sessions (share.MAX_PER_KIND), a session's page shows the share
    image of the list of sessions, with words of its own (``share.sharing``), the words its own card would say.
    New sessions push the oldest out of the first ones and change the list's words ("3 sessions"), which its
    page does not show: it keeps its bytes, and they are a cold build's (once it showed "2 sessions" and was made
    again at every new session: 2,000 pages a language at national scale). The image's address is checked with
    a site address in test_sharing.py."""
    monkeypatch.setattr(share, "MAX_PER_KIND", 1)
    oldest = "giam-sat/gs-2024-06-11-test/"
    assert build(project, tmp_path / "site", tmp_path / "cache") == 0
    own = page_of(tmp_path / "site", oldest)
    assert '<meta name="description" content="11/06/2024 · ' in own  # its own words
    for day in ("2025-01-02", "2025-03-04"):
        copy_session(project, day)
        assert build(project, tmp_path / "site", tmp_path / "cache") == 0
    assert build(project, tmp_path / "cold", tmp_path / "cold-cache") == 0
    assert page_of(tmp_path / "site", oldest) == page_of(tmp_path / "cold", oldest) == own


def test_a_new_part_of_the_tracker_leaves_the_pages_outside_the_supervision_section_as_they_were(
        project, tmp_path, monkeypatch):
    """The newest part of the tracker is in the navigation, on every page: its title says no part number.
    When "part 2 of 2" became "part 3 of 3" as a session opened a new part, the navigation of every page
    changed and MkDocs made them all again (a national rebuild took 164 s instead of ~55 s). Here a session
    that opens a third part leaves a page outside the supervision section byte for byte as it was, while the
    older parts are titled by their number."""
    monkeypatch.setattr(supervision_pages, "TRACKER_ROWS", 3)  # one session (three items) per part
    copy_session(project, "2025-01-02")
    site = tmp_path / "site"
    assert build(project, site, tmp_path / "cache") == 0
    about = page_of(site, "gioi-thieu/")
    copy_session(project, "2025-03-04")
    assert build(project, site, tmp_path / "cache") == 0
    assert (site / "giam-sat" / "kien-nghi-2" / "index.html").is_file()  # three parts now
    assert page_of(site, "gioi-thieu/") == about
    assert "<title>Theo dõi kiến nghị - " in page_of(site, "giam-sat/kien-nghi/")
    assert "Theo dõi kiến nghị (phần 1)" in page_of(site, "giam-sat/kien-nghi-1/")
    assert "Recommendation tracker (part 2)" in page_of(site / "en", "giam-sat/kien-nghi-2/")


def test_a_session_added_leaves_the_older_parts_of_the_tracker_as_they_were(project, tmp_path, monkeypatch, capfd):
    """An older part of the tracker shows the summary of its own items (and shares the tracker's image with
    words of its own); the whole list's counts are on the newest part. A session added to the newest part
    leaves an older part unmade and byte for byte as it was, and as a cold build makes it (when every part
    showed the whole list's counts, one new session made all 41 parts of a national tracker again)."""
    monkeypatch.setattr(supervision_pages, "TRACKER_ROWS", 6)  # two sessions (three items each) a part
    for day in ("2025-01-02", "2025-02-03"):
        copy_session(project, day)
    site = tmp_path / "site"
    assert build(project, site, tmp_path / "cache") == 0
    older = page_of(site, "giam-sat/kien-nghi-1/")  # the fixture's session and the first copy
    capfd.readouterr()
    copy_session(project, "2025-03-04")  # joins the newest part: still two parts
    assert build(project, site, tmp_path / "cache") == 0
    made = units_made(capfd.readouterr().out)
    assert build(project, tmp_path / "cold", tmp_path / "cold-cache") == 0
    assert page_of(site, "giam-sat/kien-nghi-1/") == page_of(tmp_path / "cold", "giam-sat/kien-nghi-1/") == older
    newest = page_of(site, "giam-sat/kien-nghi/")
    assert re.search(r'mb-summary-total">Trong trang này: <strong>6 kết luận, kiến nghị và vấn đề', older)
    assert re.search(r'mb-summary-total"><strong>12 kết luận, kiến nghị và vấn đề[^<]*</strong> từ năm 2024', newest)
    assert 'kien-nghi/">Số liệu của toàn bộ danh sách' in older and "toàn bộ danh sách" not in newest
    assert '<meta name="description" content="11/06/2024 – 02/01/2025 · 6 kết luận, kiến nghị và vấn đề' in older
    # the new session's page, the newest part and the pages of the two agencies it names; not the older part
    # (nor the three other sessions' pages)
    assert made == {"vi": (4, 8), "en": (4, 8)}


def test_a_new_part_of_the_tracker_leaves_the_parts_far_from_the_newest_as_they_were(project, tmp_path,
                                                                                     monkeypatch, capfd):
    """The tracker's pager links the newest part (by that name, as its number grows), the oldest and the two
    parts on each side of the one shown, with "…" for the parts between. A session that opens an eighth part
    changes the pagers of the four parts before the newest only: parts 1 to 3 are not made again and keep their
    bytes, a cold build's. (A pager of every part made all 41 parts of a national tracker again every 50
    sessions.)"""
    monkeypatch.setattr(supervision_pages, "TRACKER_ROWS", 3)  # one session (three items) per part
    days = [f"2024-{month:02d}-02" for month in range(7, 13)]  # with the fixture's session, seven parts
    for day in days:
        copy_session(project, day)
    site = tmp_path / "site"
    assert build(project, site, tmp_path / "cache") == 0
    far = {n: page_of(site, f"giam-sat/kien-nghi-{n}/") for n in range(1, 4)}
    pager = re.search(r'<p class="mb-pager">.*?</p>', far[2], re.S)[0]
    assert re.findall(r'<a href="[^"]+">([^<]+)</a>|<strong>(\d)</strong>|(…)', pager) == [
        ("Mới nhất", "", ""), ("", "", "…"), ("4", "", ""), ("3", "", ""), ("", "2", ""), ("1", "", "")]
    capfd.readouterr()
    copy_session(project, "2025-01-02")  # an eighth part
    assert build(project, site, tmp_path / "cache") == 0
    made = units_made(capfd.readouterr().out)
    assert build(project, tmp_path / "cold", tmp_path / "cold-cache") == 0
    for n, before in far.items():
        assert page_of(site, f"giam-sat/kien-nghi-{n}/") == page_of(tmp_path / "cold", f"giam-sat/kien-nghi-{n}/") \
               == before
    assert page_of(site, "giam-sat/kien-nghi-7/") == page_of(tmp_path / "cold", "giam-sat/kien-nghi-7/")
    # of 18 units (two agencies, eight sessions, eight parts): the new session's page, the two agencies it names,
    # parts 4 to 7 (7 was the newest) and the newest
    assert made == {"vi": (8, 18), "en": (8, 18)}


def test_a_reused_page_is_linked_from_the_previous_site_only_when_that_file_is_what_it_would_write(project,
                                                                                                   tmp_path, capfd):
    """reuse.PageReuse: a page taken from the page cache whose file in the site being replaced was written from
    the same cached HTML and raw regions, and is still that file (size, time, inode), is a hard link to it in
    the new site instead of being written again. A page whose tables changed is written; a file changed in
    the site since is written again, not linked; and the site is a cold build's, byte for byte."""
    site, cache = tmp_path / "site", tmp_path / "cache"
    assert build(project, site, cache) == 0
    stc, about = site / "co-quan" / "stc" / "index.html", site / "gioi-thieu" / "index.html"
    inodes = {path: path.stat().st_ino for path in (stc, about)}
    session = site / "giam-sat" / "gs-2024-06-11-test" / "index.html"
    session_inode = session.stat().st_ino
    about.write_bytes(about.read_bytes().replace(b"</body>", b"<!-- changed by hand --></body>"))
    capfd.readouterr()
    agencies = project / "co-quan" / "data" / "agencies.csv"
    agencies.write_text(agencies.read_text("utf-8").replace("Sở Nội vụ,", "Sở Nội vụ mới,"), "utf-8")
    assert build(project, site, cache) == 0
    linked = dict(re.findall(r"pages \((vi|en)\) linked=(\d+) of the \d+ reused", capfd.readouterr().out))
    assert set(linked) == {"vi", "en"} and all(int(n) > 0 for n in linked.values())
    assert stc.stat().st_ino == inodes[stc]  # the same file: linked
    assert about.stat().st_ino != inodes[about] and b"changed by hand" not in about.read_bytes()
    assert session.stat().st_ino != session_inode and "Sở Nội vụ mới" in session.read_text("utf-8")
    # the tracker shows the name in its table only (a raw region): MkDocs reuses its HTML, the file is written
    tracker = site / "giam-sat" / "kien-nghi" / "index.html"
    assert "Sở Nội vụ mới" in tracker.read_text("utf-8")
    assert build(project, tmp_path / "cold", tmp_path / "cold-cache") == 0
    for path in (stc, about, session, tracker):
        assert path.read_bytes() == (tmp_path / "cold" / path.relative_to(site)).read_bytes()


def test_a_chart_file_is_linked_from_the_previous_site_while_it_shows_the_same_chart_and_is_unchanged(
        project, tmp_path):
    """mkdocs/chart_files.ChartLinks: a chart or share-card file the site being replaced holds from the same
    chart (its key), unchanged since it was written, is a hard link to it in the new site; a chart the edit
    changes (the agency's name in its table) is written anew, and so is a file changed in the site by hand; the
    charts are a cold build's, byte for byte."""
    site, cache = tmp_path / "site", tmp_path / "cache"
    agencies = project / "co-quan" / "data" / "agencies.csv"

    def rename_and_build(name: str) -> tuple[list[Path], list[Path]]:
        """The chart files linked and written by a build after the agency's renaming."""
        files = sorted(p for folder in ("assets/charts", "assets/share", "en/assets/charts", "en/assets/share")
                       for p in (site / folder).iterdir())
        inodes = {path: path.stat().st_ino for path in files}
        agencies.write_text(re.sub(r"Sở Nội vụ[^,]*,", f"{name},", agencies.read_text("utf-8")), "utf-8")
        assert build(project, site, cache) == 0
        return ([p for p in files if p.exists() and p.stat().st_ino == inodes[p]],
                [p for p in files if p.exists() and p.stat().st_ino != inodes[p]])

    assert build(project, site, cache) == 0
    linked, written = rename_and_build("Sở Nội vụ A")
    assert len(linked) > 10 and written
    assert any("Sở Nội vụ A".encode() in p.read_bytes() for p in written)
    by_hand = next(p for p in linked if p.suffix == ".csv")  # a chart the renaming leaves as it was
    by_hand.write_bytes(by_hand.read_bytes() + b"changed by hand\n")
    linked, written = rename_and_build("Sở Nội vụ B")
    assert by_hand in written and len(linked) > 10
    assert build(project, tmp_path / "cold", tmp_path / "cold-cache") == 0
    for path in sorted(p for p in site.rglob("*") if p.is_file() and "assets/" in p.as_posix()):
        assert path.read_bytes() == (tmp_path / "cold" / path.relative_to(site)).read_bytes(), path


def test_charts_drawn_by_other_code_or_libraries_are_drawn_again_and_not_linked(project, tmp_path, monkeypatch,
                                                                                 capfd):
    """What draws a chart is part of its cache key (core/charts/renderer.py ``drawing``: the drawing code and
    the versions of matplotlib, NumPy and Pillow): after an upgrade every chart is drawn again, none taken
    from the cache, and no chart file is linked from the site being replaced, whose files the other drawing
    made (mkdocs/chart_files.py). A library added to those that draw stands in for an upgrade here."""
    from generator.core.charts import renderer

    site, cache = tmp_path / "site", tmp_path / "cache"
    agencies = project / "co-quan" / "data" / "agencies.csv"
    assert build(project, site, cache) == 0
    files = sorted(p for folder in ("assets/charts", "assets/share", "en/assets/charts", "en/assets/share")
                   for p in (site / folder).iterdir())
    inodes = {path: path.stat().st_ino for path in files}
    monkeypatch.setattr(renderer, "DRAWN_WITH", (*renderer.DRAWN_WITH, "pytest"))
    agencies.write_text(agencies.read_text("utf-8").replace("Sở Nội vụ", "Sở Nội vụ A"), "utf-8")  # a build
    capfd.readouterr()
    assert build(project, site, cache) == 0
    counts = re.search(r"charts_rendered=(\d+) charts_cached=(\d+)", capfd.readouterr().out)
    assert counts and int(counts[1]) > 10 and counts[2] == "0", counts
    assert [p for p in files if p.exists() and p.stat().st_ino == inodes[p]] == []


def test_a_reused_page_takes_its_search_entries_from_the_previous_index_while_that_file_is_unchanged(
        project, tmp_path, capfd):
    """reuse.PageReuse: a reused page's search entries come from the search index of the site being replaced
    (one file read instead of one cache entry a page) when that index is still the file the previous build
    wrote, else from the page cache; either way the index is a cold build's, byte for byte."""
    site, cache = tmp_path / "site", tmp_path / "cache"
    agencies = project / "co-quan" / "data" / "agencies.csv"
    indexes = {"vi": site / "search" / "search_index.json", "en": site / "en" / "search" / "search_index.json"}

    def edit_and_build(name: str) -> dict[str, int]:
        capfd.readouterr()
        agencies.write_text(re.sub(r"Sở Nội vụ[^,]*,", f"{name},", agencies.read_text("utf-8")), "utf-8")
        assert build(project, site, cache) == 0
        out = capfd.readouterr().out
        assert build(project, tmp_path / name, tmp_path / f"{name}-cache") == 0
        for lang, index in indexes.items():
            assert index.read_bytes() == (tmp_path / name / index.relative_to(site)).read_bytes(), lang
        return {lang: int(n) for lang, n in re.findall(r"pages \((vi|en)\) linked=\d+ .*?search entries of (\d+) "
                                                        r"from its index", out)}

    assert build(project, site, cache) == 0
    taken = edit_and_build("Sở Nội vụ A")
    assert set(taken) == {"vi", "en"} and all(n > 0 for n in taken.values()), taken
    indexes["en"].write_bytes(indexes["en"].read_bytes() + b" ")  # changed since it was written: not read
    taken = edit_and_build("Sở Nội vụ B")
    assert taken["en"] == 0 and taken["vi"] > 0, taken
    # back to the first name: the agency's pages are reused from the page cache (made at the first edit), and
    # the previous index holds their entries with the second name, which must not be taken
    taken = edit_and_build("Sở Nội vụ A")
    assert all(n > 0 for n in taken.values()), taken


def test_a_linked_page_whose_entries_the_previous_index_holds_needs_none_from_the_page_cache(
        project, tmp_path, capfd):
    """A reused page linked from the site being replaced, whose entries that site's search index holds (at the
    address recorded with its file), needs neither its HTML nor its search entries from the page cache: they
    are kept there (pruning), not read. Shown by deleting the cache's search entries: every reused page is
    still linked, and the index is a cold build's."""
    site, cache = tmp_path / "site", tmp_path / "cache"
    assert build(project, site, cache) == 0
    for entry in (cache / "pages").glob("*/*.search"):
        entry.unlink()
    agencies = project / "co-quan" / "data" / "agencies.csv"
    agencies.write_text(agencies.read_text("utf-8").replace("Sở Nội vụ,", "Sở Nội vụ mới,"), "utf-8")
    capfd.readouterr()
    assert build(project, site, cache) == 0
    out = capfd.readouterr().out
    found = re.findall(r"pages \((vi|en)\) linked=(\d+) of the (\d+) reused", out)
    assert len(found) == 2 and all(linked == reused != "0" for _, linked, reused in found), found
    assert build(project, tmp_path / "cold", tmp_path / "cold-cache") == 0
    for index in (Path("search") / "search_index.json", Path("en") / "search" / "search_index.json"):
        assert (site / index).read_bytes() == (tmp_path / "cold" / index).read_bytes(), index
    # the replaced index changed since it was written: its entries are not taken, and without the cache's the
    # pages are made again (not linked), the index still a cold build's
    for entry in (cache / "pages").glob("*/*.search"):
        entry.unlink()
    (site / "search" / "search_index.json").write_bytes((site / "search" / "search_index.json").read_bytes() + b" ")
    agencies.write_text(agencies.read_text("utf-8").replace("Sở Nội vụ mới,", "Sở Nội vụ,"), "utf-8")
    capfd.readouterr()
    assert build(project, site, cache) == 0
    assert build(project, tmp_path / "cold2", tmp_path / "cold2-cache") == 0
    assert re.search(r"pages \(vi\) linked=0 of the", capfd.readouterr().out)
    for index in (Path("search") / "search_index.json", Path("en") / "search" / "search_index.json"):
        assert (site / index).read_bytes() == (tmp_path / "cold2" / index).read_bytes(), index


def test_what_reused_units_and_linked_pages_rest_on_outlives_pruning(project, tmp_path, capfd):
    """A reused unit loads its shell and a linked page is not read at all (core/deps.py, mkdocs/reuse.py): the
    whole output and the cached HTML they rest on must still be marked used by each build, else the cache's
    pruning (entries no build of the last two used) deletes them and the unit is made again two edits later.
    Four builds, each editing one agency's name: the other agency's page is reused and linked every time."""
    site, cache = tmp_path / "site", tmp_path / "cache"
    agencies = project / "co-quan" / "data" / "agencies.csv"
    assert build(project, site, cache) == 0
    stc = site / "co-quan" / "stc" / "index.html"
    inode = stc.stat().st_ino
    capfd.readouterr()
    built = []
    for number in range(1, 5):
        if number == 4:  # its file changed by hand: written again, from the HTML of the page cache, not rendered
            stc.write_bytes(stc.read_bytes() + b"<!-- by hand -->")
        text = agencies.read_text("utf-8")
        agencies.write_text(re.sub(r"Sở Nội vụ[^,]*,", f"Sở Nội vụ {number},", text), "utf-8")
        assert build(project, site, cache) == 0
        out = capfd.readouterr().out
        assert units_made(out) == {"vi": (3, 4), "en": (3, 4)}, out
        assert "cache_discarded=0" in out
        built.append(re.findall(r"pages \((?:vi|en)\) reused=\d+ built=(\d+)", out))
        assert (stc.stat().st_ino == inode) == (number < 4)
    assert built[3] == built[0] and b"by hand" not in stc.read_bytes()
    assert "Sở Nội vụ 4" in (site / "giam-sat" / "gs-2024-06-11-test" / "index.html").read_text("utf-8")


def test_an_index_page_depends_on_the_rows_of_the_agencies_it_names_not_on_the_whole_list(tmp_path, capfd):
    """An index page names the agencies and districts it ranks through the directory, each row noted as it is
    looked up (core/deps.py): renaming an agency makes again the pages of the indices that rank it, not those of
    the indices that rank provinces only. The page depended on the whole agencies table, so every agency edit
    made every index page again in both languages (11 a language in the real data, where 3 name agencies)."""
    import csv
    import shutil

    from generator.core.cache import Cache
    from generator.core.deps import DEPS
    from generator.urls import indicator_uri

    datasets = shutil.copytree(ROOT / "datasets", tmp_path / "datasets")
    results = list(csv.DictReader((datasets / "chi-so" / "data" / "results.csv").open(encoding="utf-8")))
    indices = sorted({r["index_code"] for r in results})
    naming = {r["index_code"] for r in results if r["unit_code"] == "SNV" and r["unit_type"] != "province"}
    assert naming and set(indices) - naming  # SNV is ranked by some indices, not by the provinces' ones
    site, cache = tmp_path / "site", tmp_path / "cache"
    assert build(datasets, site, cache) == 0
    stored = Cache(cache)
    maps = [stored.get_object(DEPS, entry.name) for entry in (cache / DEPS).glob("*/*")]
    records = next(m for m in maps if indicator_uri(indices[0]) in m)  # the Vietnamese or the English map
    whole, snv = rows_key("co-quan", "agencies"), rows_key("co-quan", "agencies", "agency_code", "SNV")
    for index in indices:
        keys = records[indicator_uri(index)].digests
        assert whole not in keys and (snv in keys) == (index in naming), index
        assert rows_key("co-quan", "agencies", "agency_code", "SDL") not in keys  # ranked by no index
    agencies = datasets / "co-quan" / "data" / "agencies.csv"
    agencies.write_text(agencies.read_text("utf-8").replace("SNV,Sở Nội vụ,", "SNV,Sở Nội vụ mới,"), "utf-8")
    assert build(datasets, site, cache) == 0
    for index in indices:  # made again where it names SNV, with the new name
        page = (site / indicator_uri(index).removesuffix(".md") / "index.html").read_text("utf-8")
        assert ("Sở Nội vụ mới" in page) == (index in naming), index
    capfd.readouterr()
