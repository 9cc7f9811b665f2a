"""Hostile or broken data can neither deface the site nor lose data nor crash a build (issue 15, the site side):
titles are escaped once, links from data are http, https or mailto only, raw regions cannot be forged, the
output folder is never one the build may not replace, and the exit code says what happened."""

from __future__ import annotations

import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, make_project, write

from generator.cli import main
from generator.core import output_folder
from generator.core.checks.urls import link_target, scheme
from generator.core.text import cut_at_word

SESSION_FILE = Path("giam-sat") / "sessions" / "2024-06-11-test.yaml"
SESSION_PAGE = Path("giam-sat") / "gs-2024-06-11-test" / "index.html"
TITLE = "A & B < C * </title><script>alert(1)</script> _x_ [l](javascript:alert(2)) { #id } \\ ###"


def build(datasets: Path, out: Path, *extra: str) -> int:
    return main(["build", "--datasets", str(datasets), "--out", str(out), "--config", str(ROOT / "mkdocs.yml"),
                 "--build-date", "2026-11-26", "--jobs", "1", *extra])


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), "utf-8")


class Texts(HTMLParser):
    """The text of every element with one of ``wanted`` tags or classes, as a reader sees it (entities read)."""

    def __init__(self, wanted: set[str]):
        super().__init__(convert_charrefs=True)
        self.wanted, self.open, self.found = wanted, [], {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = set((dict(attrs).get("class") or "").split())
        names = ({tag} | classes) & self.wanted
        self.open.append((tag, sorted(names), []))

    def handle_endtag(self, tag: str) -> None:
        while self.open:
            name, keys, parts = self.open.pop()
            text = " ".join("".join(parts).split())
            for key in keys:
                self.found.setdefault(key, []).append(text)
            if self.open:
                self.open[-1][2].append("".join(parts))
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.open:
            self.open[-1][2].append(data)


def texts(html: str, *wanted: str) -> dict[str, list[str]]:
    parser = Texts(set(wanted))
    parser.feed(html)
    return parser.found


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The small project with markup in a session's topic and in an agency's name, built once."""
    root = tmp_path_factory.mktemp("hostile")
    datasets = make_project(root / "datasets")
    replace_in(datasets / SESSION_FILE, "topic_vi: Cải cách hành chính", f"topic_vi: '{TITLE}'")
    replace_in(datasets / "co-quan" / "data" / "agencies.csv", "Sở Nội vụ,", '"Sở <i>Nội</i> & vụ </title>",')
    assert build(datasets, root / "site") == 0
    return root / "site"


def test_a_title_from_data_shows_verbatim_in_the_title_header_and_heading(hostile_site):
    html = (hostile_site / SESSION_PAGE).read_text("utf-8")
    found = texts(html, "title", "h1", "md-header__topic")
    # the page's short title: its date and topic cut at a word (share8 #7), cut as text before it is escaped
    assert found["title"] == [f"{cut_at_word(f'11/06/2024 · {TITLE}')} - Minh Bạch"]
    assert found["h1"][0] == TITLE + "¶"  # the heading's permalink follows the title
    assert cut_at_word(f"11/06/2024 · {TITLE}") in found["md-header__topic"]  # the header shows the page title
    assert "<script>alert" not in html and 'href="javascript' not in html


def test_an_agency_name_from_a_csv_is_text_everywhere_it_shows(hostile_site):
    html = (hostile_site / "co-quan" / "snv" / "index.html").read_text("utf-8")
    assert texts(html, "title")["title"] == ["Sở <i>Nội</i> & vụ </title> - Minh Bạch"]
    assert "<i>Nội</i>" not in html  # never as markup, in the page or its navigation
    session = (hostile_site / SESSION_PAGE).read_text("utf-8")
    assert "<i>Nội</i>" not in session and "Sở &lt;i&gt;Nội&lt;/i&gt; &amp; vụ &lt;/title&gt;" in session


def test_a_corpus_package_title_with_an_ampersand_is_escaped_once(corpus, tmp_path):
    datasets = tmp_path / "datasets"
    shutil.copytree(corpus / "s-and-p-500-companies", datasets / "s-and-p-500-companies")
    assert build(datasets, tmp_path / "site") == 0
    html = (tmp_path / "site" / "du-lieu" / "s-and-p-500-companies" / "index.html").read_text("utf-8")
    assert texts(html, "title", "h1")["title"] == ["Dữ liệu: S&P 500 Companies - Minh Bạch"]
    assert texts(html, "h1")["h1"] == ["S&P 500 Companies¶"]
    # the source: once (the title's id is the package page's own, '#top', which no table's can take: a639194)
    assert '<h1 id="top">S&amp;P 500 Companies<a class="headerlink"' in html
    assert "&amp;amp;" not in html and "\\&lt;" not in html


# Links from data -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "target"), [
    ("https://x.org/a", "https://x.org/a"), ("HTTP://x.org/", "HTTP://x.org/"), ("mailto:a@b.vn", "mailto:a@b.vn"),
    ("javascript:alert(1)", ""), (" JavaScript:alert(1)", ""), ("java\tscript:alert(1)", ""),
    ("\x01javascript:alert(1)", ""), ("data:text/html,<b>", ""), ("vbscript:x", ""), ("file:///etc/passwd", ""),
    ("ftp://x.org/", ""), ("//x.org/a", ""), ("LICENSE.md", ""), ("", ""),
])
def test_only_http_https_and_mailto_addresses_become_links(value, target):
    assert link_target(value) == target


def test_the_scheme_is_read_as_a_browser_reads_it():
    assert [scheme(v) for v in ("java\nscript:x", "\x00 javascript:x", "a/b:c", "x.org")] == \
        ["javascript", "javascript", "", ""]


@pytest.mark.parametrize(("where", "old", "new", "line"), [
    ("nguon/data/sources.csv", "https://en.sggp.org.vn/x", "javascript:alert(1)", 3),
    ("nguon/datapackage.yaml", "x-minhbach: {role: sources}",
     "x-minhbach: {role: sources}\nlicenses:\n  - name: x\n    path: javascript:alert(1)", 6),
    ("nguon/datapackage.yaml", "x-minhbach: {role: sources}",
     "x-minhbach: {role: sources}\nsources:\n  - title: x\n    path: ' JAVASCRIPT:alert(1)'", 6),
])
def test_a_javascript_address_is_a_problem_at_its_line_and_nothing_is_built(project, tmp_path, capsys, where,
                                                                              old, new, line):
    replace_in(project / where, old, new)
    assert main(["validate", "--datasets", str(project), "--format", "json"]) == 1
    import json

    found = [(p["path"], p["line"]) for p in json.loads(capsys.readouterr().out)["problems"]
             if p["code"] == "unsafe-url"]
    assert [(Path(p).as_posix().endswith(where), n) for p, n in found] == [(True, line)]
    assert build(project, tmp_path / "site") == 1 and not (tmp_path / "site").exists()


def test_an_address_without_a_scheme_is_shown_as_text_not_as_a_link(project, tmp_path):
    replace_in(project / "nguon" / "datapackage.yaml", "x-minhbach: {role: sources}",
               "x-minhbach: {role: sources}\nlicenses:\n  - {name: own, title: Giấy phép riêng, path: LICENSE.md}")
    replace_in(project / "nguon" / "data" / "sources.csv", "https://en.sggp.org.vn/x", "//evil.org/x")
    assert build(project, tmp_path / "site") == 0
    html = (tmp_path / "site" / "du-lieu" / "nguon" / "index.html").read_text("utf-8")
    assert "<dd><code>own</code></dd>" in html and 'href="LICENSE.md"' not in html
    session = (tmp_path / "site" / SESSION_PAGE).read_text("utf-8")
    assert '<span class="mb-source mb-source-no-address">SGGP' in session and "evil.org" not in session


# Raw regions ---------------------------------------------------------------------------------------------------

def test_raw_markers_in_data_are_text_and_the_build_succeeds(project, tmp_path):
    forged = "<!--mb:raw--><b>raw</b><!--/mb:raw--> <!--mb:slot:0--> <!--/mb:raw-->"
    replace_in(project / SESSION_FILE, "text_vi: Tài sản công", f"text_vi: '{forged}'")
    replace_in(project / SESSION_FILE, "topic_vi: Cải cách hành chính", "topic_vi: '<!--mb:raw-->'")
    assert build(project, tmp_path / "site") == 0
    html = (tmp_path / "site" / SESSION_PAGE).read_text("utf-8")
    assert "<b>raw</b>" not in html and "&lt;b&gt;raw&lt;/b&gt;" in html
    assert texts(html, "title")["title"] == ["11/06/2024 · <!--mb:raw--> - Minh Bạch"]


def test_a_templates_raw_markers_become_the_builds_own():
    from generator.core.render.raw import RAW_END, RAW_START, RawMarkers, in_template

    one, two = RawMarkers(), RawMarkers()
    assert one.nonce != two.nonce and len(one.nonce) == 32
    source = f"a {RAW_START}<table/>{RAW_END} b"
    assert one.restore(in_template(source)) == f"a {one.start}<table/>{one.end} b"
    content, blocks = one.split(one.restore(in_template(source)) + f" {RAW_START}<i>data</i>{RAW_END}")
    assert blocks == ["<table/>"] and f"{RAW_START}<i>data</i>{RAW_END}" in content
    assert one.canonical(one.restore(in_template(source))) == in_template(source)
    assert two.canonical(two.restore(in_template(source))) == in_template(source)


# Exit codes ----------------------------------------------------------------------------------------------------

def test_an_unexpected_error_is_one_line_and_exit_2(project, tmp_path, monkeypatch, capsys):
    """A bug (here a stage that raises) is reported in one line that says where to report it; no traceback."""
    from generator import pipeline

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("no such thing")

    monkeypatch.setattr(pipeline, "check", broken)
    assert main(["validate", "--datasets", str(project)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "KeyError: 'no such thing'" in err and "test_site_safety.py:" in err
    assert "báo cho người bảo trì" in err and "report it to the maintainers" in err and "Traceback" not in err


def test_the_command_line_never_prints_a_traceback(tmp_path):
    """Through the real entry point: a datasets path that is a file is a one-line refusal, exit 2."""
    not_a_folder = write(tmp_path / "file.txt", "x")
    run = subprocess.run([sys.executable, "-m", "generator", "build", "--datasets", str(not_a_folder),
                          "--out", str(tmp_path / "site")], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 2 and "Traceback" not in run.stderr and run.stderr.count("\n") == 1


# The output folder ---------------------------------------------------------------------------------------------

def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def workspace(tmp_path) -> Path:
    """A project: its configs, docs and overrides copied from the repository, the small datasets, a git checkout."""
    project = tmp_path / "project"
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy(ROOT / name, project / name) if project.is_dir() else (
            project.mkdir(), shutil.copy(ROOT / name, project / name))
    shutil.copytree(ROOT / "docs", project / "docs")
    make_project(project / "datasets")
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    return project


@pytest.mark.parametrize(("out", "reason"), [
    (".", "it is the project folder"),
    ("datasets", "it is the datasets folder"),
    ("datasets/giam-sat", "it is inside the datasets folder"),
    ("docs", "it is the docs folder"),
    ("docs/en", "it is the docs folder"),
    (".cache", "it holds the cache folder"),
    ("..", "it holds the project folder"),
    ("/", "it holds the project folder"),
    (".git", "it is (or is inside) a git repository"),
    ("docs/overrides", "it is inside the docs folder"),
])
def test_the_build_refuses_an_output_folder_it_may_not_replace(workspace, monkeypatch, capsys, out, reason):
    monkeypatch.chdir(workspace)
    before = snapshot(workspace)
    code = main(["build", "--out", out, "--build-date", "2026-11-26", "--jobs", "1"])
    err = capsys.readouterr().err
    assert code == 2 and reason in err and "refusing to write into" in err and "không ghi vào" in err
    assert snapshot(workspace) == before  # nothing written, nothing deleted


def test_the_build_refuses_a_checkout_a_file_and_a_folder_it_did_not_write(workspace, tmp_path, capsys):
    other = tmp_path / "other"
    subprocess.run(["git", "init", "-q", str(other)], check=True)
    write(tmp_path / "notes" / "mine.txt", "keep me")
    write(tmp_path / "a-file", "keep me too")
    for out, reason in ((other, "git repository"), (tmp_path / "notes", "was not written by minhbach"),
                        (tmp_path / "a-file", "it is a file")):
        assert build(workspace / "datasets", out) == 2
        assert reason in capsys.readouterr().err
    assert (tmp_path / "notes" / "mine.txt").read_text() == "keep me" and (other / ".git").is_dir()
    assert (tmp_path / "a-file").read_text() == "keep me too"


def test_the_build_writes_into_an_absent_an_empty_or_its_own_folder(workspace, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    for out in (tmp_path / "new" / "site", empty):
        assert build(workspace / "datasets", out) == 0
        assert (out / output_folder.MARKER).is_file() and (out / "index.html").is_file()
    replace_in(workspace / "datasets" / "co-quan" / "data" / "agencies.csv", "Sở Nội vụ", "Sở Nội vụ TP")
    assert build(workspace / "datasets", empty) == 0  # its own output, replaced
    assert "Sở Nội vụ TP" in (empty / "co-quan" / "snv" / "index.html").read_text("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".empty")) == [".empty-lock"]


# Formula-like text in YAML records -----------------------------------------------------------------------------

def test_formula_like_text_in_a_session_file_is_a_warning_at_its_line(project, capsys):
    import json

    replace_in(project / SESSION_FILE, "text_vi: Hoãn thi tuyển", "text_vi: '=HYPERLINK(\"http://x\")'")
    replace_in(project / SESSION_FILE, 'value: "9/9"', 'value: "-5"')  # a signed number is no formula
    replace_in(project / SESSION_FILE, "raised_by: Thành viên đoàn", "raised_by: '@admin'")
    assert main(["validate", "--datasets", str(project), "--format", "json"]) == 0  # warnings only
    found = [(p["line"], p["field"], p["severity"]) for p in json.loads(capsys.readouterr().out)["problems"]
             if p["code"] == "formula-like"]
    assert found == [(25, "text_vi", "warning"), (36, "raised_by", "warning")]
