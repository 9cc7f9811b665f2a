"""Shared fixtures: small real packages written to tmp_path, the corpus folder, the repository root.

Every test package comes from one factory: a ``Package`` of ``Resource`` values that writes its descriptor and
CSV files (see ``Package``).
"""

from __future__ import annotations

import os
import textwrap
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, settings

from generator.core.read.package import LoadedPackage, load_descriptor
from generator.core.settings import Settings

# Property-based tests: derandomized in CI (the same examples every run, no example database), random and
# longer where a developer asks for it (HYPOTHESIS_PROFILE=explore).
settings.register_profile("ci", derandomize=True, database=None, deadline=None, max_examples=120,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("explore", deadline=None, max_examples=1000, suppress_health_check=[HealthCheck.too_slow])
# Mutation testing (tests/mutation.py) runs the property tests once per mutant: fewer examples, still fixed.
settings.register_profile("mutation", derandomize=True, database=None, deadline=None, max_examples=25,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
BUILD_DATE = date(2026, 11, 26)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def settings_for(datasets: Path, **overrides) -> Settings:
    return Settings(datasets_dir=datasets, root=datasets.parent, build_date=BUILD_DATE, **overrides)


def loaded_package(tmp_path: Path, text: str, files: dict[str, bytes], **overrides) -> tuple[LoadedPackage, Settings]:
    """``datasets/p/datapackage.yaml`` holding ``text`` beside ``files`` (name -> bytes), as the readers load it,
    and the settings of those datasets (validation not cached unless ``overrides`` say so)."""
    datasets = tmp_path / "datasets"
    folder = datasets / "p"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "datapackage.yaml").write_text(text, encoding="utf-8")
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    settings = settings_for(datasets, **{"cache_validation": False, **overrides})
    return load_descriptor(folder / "datapackage.yaml", settings), settings


def _snippet(text: str, indent: int) -> str:
    """A YAML snippet dedented, then indented to its place in the descriptor ('' stays '')."""
    text = textwrap.dedent(text).strip("\n")
    return textwrap.indent(text, " " * indent) + "\n" if text else ""


@dataclass(frozen=True)
class Resource:
    """One table of a test package: its schema and its CSV file.

    ``fields`` are ``"name:type"`` (``"id:integer"``) or a raw YAML flow mapping for anything more
    (``"{name: id, type: integer, constraints: {minimum: 5}}"``). The CSV is ``header`` (the field names
    joined by commas unless given) then ``rows`` verbatim; ``rows=None`` writes no CSV file (a test that
    writes bytes itself, or a path that must not exist). ``path`` is what the descriptor says, ``<name>.csv``
    by default. ``schema_extra`` is YAML inside the schema after the fields (primaryKey, foreignKeys...),
    ``resource_extra`` YAML on the resource after the schema (x-minhbach references, dialect...).
    """

    name: str
    fields: tuple[str, ...]
    rows: str | None = ""
    path: str = ""
    header: str | None = None
    schema_extra: str = ""
    resource_extra: str = ""

    @property
    def file(self) -> str:
        return self.path or f"{self.name}.csv"

    @property
    def field_names(self) -> list[str]:
        return [yaml.safe_load(f)["name"] if f.startswith("{") else f.partition(":")[0] for f in self.fields]

    @property
    def csv(self) -> str:
        header = ",".join(self.field_names) if self.header is None else self.header
        return f"{header}\n{self.rows}"

    @property
    def entry(self) -> str:
        """This resource's item in the descriptor's ``resources`` list."""
        fields = "".join(f"        - {field if field.startswith('{') else _field(field)}\n" for field in self.fields)
        return (f"  - name: {self.name}\n    path: {self.file}\n    schema:\n      fields:\n{fields}"
                + _snippet(self.schema_extra, 6) + _snippet(self.resource_extra, 4))


def _field(spec: str) -> str:
    name, _, kind = spec.partition(":")
    assert name and kind, f"a field is 'name:type' or a YAML flow mapping, not {spec!r}"
    return f"{{name: {name}, type: {kind}}}"


@dataclass(frozen=True)
class Package:
    """A test data package: ``Package("p", (Resource("t", ("id:integer",), rows="1\\n"),)).write(root)``.

    ``text`` is the descriptor, laid out as a person would write it::

        name: p
        <extra: more top-level YAML, e.g. title, licenses, x-minhbach>
        resources:
          - name: t
            path: t.csv
            schema:
              fields:
                - {name: id, type: integer}
              <schema_extra>
            <resource_extra>

    ``resources`` come last, so a test may append a resource or a top-level key to ``text``; a test that
    breaks the descriptor passes its own ``text`` (``package.text.replace(...)``) to ``write``.
    """

    name: str
    resources: tuple[Resource, ...]
    extra: str = ""

    @property
    def text(self) -> str:
        return (f"name: {self.name}\n" + _snippet(self.extra, 0) + "resources:\n"
                + "".join(resource.entry for resource in self.resources))

    def write(self, root: Path, text: str | None = None, file: str = "datapackage.yaml") -> Path:
        """Write ``root/<name>/<file>`` (``text``, or this package's) and each resource's CSV; return the folder."""
        folder = root / self.name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / file).write_text(self.text if text is None else text, encoding="utf-8")
        for resource in self.resources:
            if resource.rows is not None:
                path = folder / resource.file
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(resource.csv, encoding="utf-8")
        return folder


SOURCES = Resource(
    "sources", ("source_id:string", "url:string", "publisher:string", "tier:string"), path="data/sources.csv",
    schema_extra="primaryKey: [source_id]",
    rows=("seed,https://thanhuytphcm.vn/,Thành ủy,official\n"
          "sggp,https://en.sggp.org.vn/x,SGGP,press\n"))
AGENCIES = Resource(
    "agencies", ("agency_code:string", "name_vi:string", "name_en:string", "source_id:string"),
    path="data/agencies.csv", schema_extra="primaryKey: [agency_code]",
    resource_extra="""
        x-minhbach:
          references:
            - {fields: source_id, package: nguon, resource: sources, key: source_id}
        """,
    rows=("SNV,Sở Nội vụ,Department of Home Affairs,seed\n"
          "STC,Sở Tài chính,Department of Finance,seed\n"))
STATUSES = Resource(
    "statuses", ("code:string", "label_vi:string", "label_en:string", "order:integer"), path="data/statuses.csv",
    schema_extra="primaryKey: [code]",
    rows=("chua_co_thong_tin,Chưa có thông tin,No information,1\n"
          "dinh_hoan,Đình hoãn,Suspended,2\n"
          "da_thuc_hien,Đã thực hiện,Done,3\n"))
FORMS = Resource(
    "forms", ("code:string", "label_vi:string", "label_en:string"), path="data/forms.csv",
    schema_extra="primaryKey: [code]",
    rows="giam_sat_chuyen_de,Giám sát chuyên đề,Thematic supervision\n")

NGUON = Package("nguon", (SOURCES,), "title: Nguồn\nx-minhbach: {role: sources}")
CO_QUAN = Package("co-quan", (AGENCIES,), "title: Cơ quan\nx-minhbach: {role: agencies}")
GIAM_SAT = Package("giam-sat", (STATUSES, FORMS), """
    title: Giám sát
    x-minhbach: {role: supervision, records: {sessions: "sessions/*.yaml"}}
    """)

SESSION = """
id: GS-2024-06-11-TEST
date: 2024-06-11
body_vi: Đoàn giám sát
body_en: Supervision delegation
form: giam_sat_chuyen_de
agencies: [SNV, STC]
topic_vi: Cải cách hành chính
topic_en: Administrative reform
sources: [seed]
facts:
  - id: F01
    agency: SNV
    statement_vi: Số quy định đã ban hành
    statement_en: Regulations issued
    value: "9/9"
    source: seed
recommendations:
  - id: K01
    addressees: [SNV, STC]
    text_vi: Đẩy mạnh tuyển dụng
    text_en: Step up recruitment
    due: 2025-06-30
  - id: K02
    addressees: [SNV]
    text_vi: Hoãn thi tuyển
    text_en: Postpone exams
    status_history:
      - date: 2024-12-01
        status: dinh_hoan
        flags: inferred
        evidence: sggp
        note_vi: Suy ra từ quyết định chung
        note_en: Inferred from a city-wide decision
issues:
  - id: Y01
    raised_by: Thành viên đoàn
    addressees: [STC]
    text_vi: Tài sản công
    text_en: Public assets
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small valid datasets folder with sources, agencies and one supervision session."""
    return make_project(tmp_path / "datasets")


def make_project(datasets: Path, sources_extra: str = "") -> Path:
    """Write the small project into ``datasets`` (``sources_extra`` is appended to the sources descriptor)."""
    NGUON.write(datasets, NGUON.text + sources_extra)
    CO_QUAN.write(datasets)
    GIAM_SAT.write(datasets)
    write(datasets / "giam-sat" / "sessions" / "2024-06-11-test.yaml", SESSION)
    return datasets


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS} (it sits beside the repository on the team's machines)")
    return CORPUS


# -- the hard cases ---------------------------------------------------------------------------------------------
# One generic package that carries what broke before or could: a CSV with a byte-order mark and CRLF line ends,
# markup and '&' in every text field, a title that must show verbatim ('& < *'), a multi-line description,
# a bound ('<' in value_qualifier), a tie and an empty cell. tests/test_hard_cases.py builds it.
HARD_TITLE = "A & B < C * </h1><script>alert(1)</script>"
HARD_CSV = ("\ufeffid,name,score,value_qualifier,note\r\n"
            "1,<b>Sở</b> & Co,84.70,,\"dòng một\r\ndòng hai\"\r\n"
            "2,Tie & <i>x</i>,84.70,,\r\n"
            "3,Bound *x*,50,<,\r\n").encode("utf-8")
HARD = Package("hard-cases", (Resource(
    "scores", ("id:integer", "{name: name, type: string, title: 'Name & <b>title</b>', "
               "description: 'Who & <i>what</i>'}", "score:number", "value_qualifier:string", "note:string"),
    rows=None, path="data/scores.csv", schema_extra="primaryKey: [id]",
    resource_extra='title: "Scores & <u>ranks</u>"\ndescription: "Line one & <b>\\n\\nline two *em*"'),), f"""
    title: '{HARD_TITLE}'
    description: "First & <b>line</b>\\n\\nSecond *line* [x](javascript:alert(1))"
    version: '1.0 & <2>'
    keywords: ['a & b', '<kw>']
    licenses: [{{name: CC-BY-4.0, title: 'CC & <BY>', path: 'https://creativecommons.org/licenses/by/4.0/'}}]
    sources: [{{title: 'Source & <s>', path: 'https://example.org/a?b=1&c=2'}}]
    contributors: [{{title: 'Người & <p>', roles: [author]}}]
    """)


def write_hard_cases(datasets: Path) -> Path:
    """The hard-case package in ``datasets``; its CSV written byte for byte (BOM, CRLF)."""
    folder = HARD.write(datasets)
    (folder / "data").mkdir(exist_ok=True)
    (folder / "data" / "scores.csv").write_bytes(HARD_CSV)
    return folder


# An oracle written apart from Locale.periods, for the tests of sentences that list years (claims, charts).
def runs(years: list[int]) -> list[int]:
    """How a sentence lists years: the first and last of each run of consecutive years, a lone year once."""
    out: list[list[int]] = []
    for year in sorted(years):
        if out and year == out[-1][-1] + 1:
            out[-1].append(year)
        else:
            out.append([year])
    return [n for run in out for n in ((run[0],) if len(run) == 1 else (run[0], run[-1]))]


def processes_in(folder: Path) -> list[int]:
    """The processes whose working folder is ``folder`` (a command run there, and those it started)."""
    found = []
    for entry in Path("/proc").iterdir() if Path("/proc").is_dir() else ():  # Linux: where the CI runs
        try:
            if entry.name.isdigit() and Path(os.readlink(entry / "cwd")) == folder.resolve():
                found.append(int(entry.name))
        except OSError:  # gone meanwhile, or not ours to look at
            continue
    return found


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, one per test module that asks (tests/browser.py: skipped, or failed
    under CI, where either is missing); the browser tests, the long words' and the charts' on a phone share it."""
    from browser import chromium  # Playwright only for the tests that use it

    with chromium() as launched:
        yield launched
