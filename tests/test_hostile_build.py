"""Hostile text in every text field of the fixture project cannot change what the site is made of.

Each example writes the small project (conftest.make_project) with a hostile string in every text field
(markup, script, javascript: links, raw-region markers, Markdown and attribute syntax, formula prefixes,
control characters, very long text) and a hostile address in the source's URL, then builds it with the real
CLI. A built site must have exactly the shape of the same project built with plain words: every HTML page the
same elements with the same attributes in the same order (data may change text and attribute values, never
markup), every link http, https, mailto or the site's own, every JSON block and every SVG and XML file well
formed with nothing but our own elements. A refused build must say why, at a file and line, and write nothing.

Profiles follow the suite's (tests/conftest.py): under ``ci`` (the default) a few derandomized examples, the
same every run; under ``explore`` (``HYPOTHESIS_PROFILE=explore pytest tests/test_hostile_build.py``) more
examples, random. Each example is a full build, hence the smaller numbers than the suite's own profiles.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
import xml.etree.ElementTree as ET
from contextlib import redirect_stderr, redirect_stdout
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, make_project
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.core.read.limits import CONTROL

# Registered under names of their own: registering "ci" here would replace the suite's profile of that name.
settings.register_profile("hostile-ci", derandomize=True, database=None, max_examples=4, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("hostile-explore", max_examples=40, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
PROFILE = settings.get_profile(
    "hostile-explore" if os.environ.get("HYPOTHESIS_PROFILE") == "explore" else "hostile-ci")

PIECES = [
    "<script>alert(1)</script>", "</title><script>alert(2)</script>", '"><img src=x onerror=alert(3)>',
    "' onmouseover='alert(4)", "<svg onload=alert(5)>", "javascript:alert(6)", "[link](javascript:alert(7))",
    "<javascript:alert(8)>", "![i](x.png)", "<!--mb:raw--><b>raw</b><!--/mb:raw-->", "<!--mb:raw-->",
    "<!--/mb:raw-->", "<!--mb:slot:0-->", "<!-- comment", "]]>", "\x02wzxhzdk:0\x03", "{ #id .cls onclick=x }",
    "*em* _u_ `code` **b** ~~s~~", "# heading", "\n\n## heading\n\n", "\n\n    indented code\n\n", "| a | b |",
    "=SUM(A1:A9)", "+1", "@cmd", "-x", "&amp; &lt; &#x3C; &#60;", "\\", "'", '"', "`", "\r", "\t", "\u202e", "\x00",
    "\x07", "\x1b[31m", "\x85", "Đồng Nai", "x" * 2000, "$\\frac{$ $x^2$",  # TeX to matplotlib, if it read it
]
TEXT = st.lists(st.sampled_from(PIECES), min_size=1, max_size=4).map(lambda parts: "x " + "".join(parts))
URLS = ["https://x.org/a?b=1&c=<2>\"'", "javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>", "mailto:a@b.vn?subject=\"><script>", "vbscript:x"]

# The text fields of the fixture project: (file, the plain value there now). CSV cells are replaced whole.
YAML_FIELDS = ["Đoàn giám sát", "Supervision delegation", "Cải cách hành chính", "Administrative reform",
               "Số quy định đã ban hành", "Regulations issued", '"9/9"', "Đẩy mạnh tuyển dụng", "Step up recruitment",
               "Hoãn thi tuyển", "Postpone exams", "Suy ra từ quyết định chung", "Inferred from a city-wide decision",
               "Thành viên đoàn", "Tài sản công", "Public assets"]
CSV_FIELDS = {  # file -> columns whose every cell is text
    "nguon/data/sources.csv": ["publisher"],
    "co-quan/data/agencies.csv": ["name_vi", "name_en"],
    "giam-sat/data/statuses.csv": ["label_vi", "label_en"],
    "giam-sat/data/forms.csv": ["label_vi", "label_en"],
}
TITLES = {"nguon/datapackage.yaml": "title: Nguồn", "co-quan/datapackage.yaml": "title: Cơ quan",
          "giam-sat/datapackage.yaml": "title: Giám sát"}
FIELD_COUNT = len(YAML_FIELDS) + sum(2 * len(c) for c in CSV_FIELDS.values()) + len(TITLES)
SESSION = Path("giam-sat/sessions/2024-06-11-test.yaml")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "cite", "data"}


def write_project(datasets: Path, texts: list[str], url: str) -> None:
    """The fixture project with ``texts`` in its text fields, in order, and ``url`` as the first source's address."""
    make_project(datasets)
    values = iter(texts)
    session = datasets / SESSION
    yaml_text = session.read_text("utf-8")
    for plain in YAML_FIELDS:
        yaml_text = yaml_text.replace(f": {plain}\n", f": {json.dumps(next(values))}\n", 1)
    session.write_text(yaml_text, "utf-8")
    for relative, columns in CSV_FIELDS.items():
        rows = list(csv.DictReader(io.StringIO((datasets / relative).read_text("utf-8"))))
        for row in rows:
            row.update({column: next(values) for column in columns})
        if relative.startswith("nguon"):
            rows[0]["url"] = url
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        (datasets / relative).write_text(buffer.getvalue(), "utf-8")
    for relative, line in TITLES.items():
        descriptor = datasets / relative
        descriptor.write_text(descriptor.read_text("utf-8").replace(line, f"title: {json.dumps(next(values))}"),
                              "utf-8")


def build(datasets: Path, out: Path, cache: Path) -> tuple[int, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    with redirect_stdout(stdout), redirect_stderr(stderr):
        code = main(["build", "--datasets", str(datasets), "--out", str(out), "--cache-dir", str(cache),
                     "--config", str(ROOT / "mkdocs.yml"), "--build-date", "2026-11-26", "--jobs", "1"])
    return code, stderr.getvalue()


class Shape(HTMLParser):
    """A page as markup only: each start and end tag with its attribute names; and what must be checked on its
    own: every URL attribute's value, the text of every script element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple] = []
        self.urls: list[str] = []
        self.scripts: list[tuple[str, str]] = []
        self._script_type: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("start", tag, tuple(sorted(name for name, _ in attrs))))
        self.urls += [value or "" for name, value in attrs if name in URL_ATTRIBUTES]
        if tag == "script":
            self._script_type = dict(attrs).get("type") or "text/javascript"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("end", tag))
        self._script_type = None

    def handle_data(self, data: str) -> None:
        if self._script_type is not None:
            self.scripts.append((self._script_type, data))

    def handle_comment(self, data: str) -> None:
        self.events.append(("comment",))  # a comment that data opened would hide markup


def shape(path: Path) -> Shape:
    parser = Shape()
    parser.feed(path.read_text("utf-8"))
    parser.close()
    return parser


def xml_shape(path: Path) -> set[tuple[str, tuple[str, ...]]]:
    """Elements and attribute names of an SVG or XML file; raises if it is not well formed."""
    root = ET.parse(path).getroot()
    return {(element.tag, tuple(sorted(element.attrib))) for element in root.iter()}


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory) -> Path:
    """The same project with plain words in every text field: the shape every hostile build must have."""
    root = tmp_path_factory.mktemp("plain")
    # An address to a document (not a site's home page, which the page says in a note of its own).
    write_project(root / "datasets", [f"Văn bản {n}" for n in range(FIELD_COUNT)], "https://x.org/a")
    code, err = build(root / "datasets", root / "site", root / "cache")
    assert code == 0, err
    return root / "site"


def check_site(site: Path, plain: Path) -> None:
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(plain).as_posix() for p in plain.rglob("*") if p.is_file())
    for name in files:
        if name.endswith(".html"):
            check_page(site / name, plain / name)
        elif name.endswith((".svg", ".xml")) and not name.endswith(".xml.gz"):
            extra = xml_shape(site / name) - xml_shape(plain / name)
            assert not extra, (name, extra)  # an element or attribute our code did not write
        elif name.endswith(".json"):
            json.loads((site / name).read_text("utf-8"))


def check_page(page: Path, plain_page: Path) -> None:
    hostile, plain = shape(page), shape(plain_page)
    if hostile.events != plain.events:
        pairs = zip(hostile.events, plain.events, strict=False)
        first = next((i for i, (a, b) in enumerate(pairs) if a != b), min(len(hostile.events), len(plain.events)))
        pytest.fail(f"{page}: markup differs from the plain build at tag {first}: "
                    f"{hostile.events[first:first + 3]} instead of {plain.events[first:first + 3]}")
    for url in hostile.urls:
        assert urlsplit(url.strip()).scheme.lower() in ("", "http", "https", "mailto"), (page, url)
    for kind, text in hostile.scripts:
        if "json" in kind:
            json.loads(text)  # a data block that data could not end early
        else:
            assert text.strip() == "", (page, text[:80])  # no inline script (the page's policy forbids them)


def read_side(text: str) -> bool:
    """Whether ``text`` holds what the readers refuse: a control or invisible character (limits.CONTROL: C0, C1,
    bidirectional controls, zero-width space...) or a CR, which ends a CSV row."""
    return bool(CONTROL.search(text) or "\r" in text)


def check_refusal(code: int, err: str, texts: list[str], url: str, datasets: Path, out: Path) -> None:
    """A refused build: exit 1, every error naming a file of the data, nothing written. Only a hostile address is
    a reason on the site side; control characters and bare CRs are the read side's to refuse (issue 15b), and
    what else they break is theirs to report, so any located code is accepted for them."""
    assert code == 1, err
    assert not out.exists()
    errors = re.findall(r"^(\S+?):(\d*):?(?:\d+:)? ?error\[([a-z-]+)\]", err, re.M)
    assert errors, err
    assert all(Path(path).resolve().is_relative_to(datasets.resolve()) for path, _, _ in errors), err
    reasons = {"unsafe-url"} if not url.startswith(("https://", "mailto:")) else set()
    if any(read_side(t) for t in texts):
        return
    assert {c for _, _, c in errors} <= reasons and all(line for _, line, _ in errors), err


@PROFILE
@given(texts=st.lists(TEXT, min_size=FIELD_COUNT, max_size=FIELD_COUNT), url=st.sampled_from(URLS))
@example(texts=["x " + "".join(PIECES)] * FIELD_COUNT, url=URLS[0])
@example(texts=["x " + "".join(p for p in PIECES if not read_side(p))]
         * FIELD_COUNT, url=URLS[0])
def test_hostile_text_changes_no_markup(plain_site, texts, url):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_project(root / "datasets", texts, url)
        code, err = build(root / "datasets", root / "site", root / "cache")
        assert code in (0, 1), err  # never "could not run"
        if code == 0:
            check_site(root / "site", plain_site)
        else:
            check_refusal(code, err, texts, url, root / "datasets", root / "site")
