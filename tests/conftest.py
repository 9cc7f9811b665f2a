"""Shared fixtures: small real packages written to tmp_path, the corpus folder, the repository root."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest

from generator.core.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
BUILD_DATE = date(2026, 11, 26)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def settings_for(datasets: Path, **overrides) -> Settings:
    return Settings(datasets_dir=datasets, root=datasets.parent, build_date=BUILD_DATE, **overrides)


SOURCES = """
name: nguon
title: Nguồn
x-minhbach: {role: sources}
resources:
  - name: sources
    path: data/sources.csv
    schema:
      fields:
        - {name: source_id, type: string}
        - {name: url, type: string}
        - {name: publisher, type: string}
        - {name: tier, type: string}
      primaryKey: [source_id]
"""

AGENCIES = """
name: co-quan
title: Cơ quan
x-minhbach: {role: agencies}
resources:
  - name: agencies
    path: data/agencies.csv
    schema:
      fields:
        - {name: agency_code, type: string}
        - {name: name_vi, type: string}
        - {name: name_en, type: string}
        - {name: source_id, type: string}
      primaryKey: [agency_code]
    x-minhbach:
      references:
        - {fields: source_id, package: nguon, resource: sources, key: source_id}
"""

SUPERVISION = """
name: giam-sat
title: Giám sát
x-minhbach: {role: supervision, records: {sessions: "sessions/*.yaml"}}
resources:
  - name: statuses
    path: data/statuses.csv
    schema:
      fields:
        - {name: code, type: string}
        - {name: label_vi, type: string}
        - {name: label_en, type: string}
        - {name: order, type: integer}
      primaryKey: [code]
  - name: forms
    path: data/forms.csv
    schema:
      fields:
        - {name: code, type: string}
        - {name: label_vi, type: string}
        - {name: label_en, type: string}
      primaryKey: [code]
"""

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
    write(datasets / "nguon" / "datapackage.yaml", SOURCES + sources_extra)
    write(datasets / "nguon" / "data" / "sources.csv", """
        source_id,url,publisher,tier
        seed,https://thanhuytphcm.vn/,Thành ủy,official
        sggp,https://en.sggp.org.vn/x,SGGP,press
        """)
    write(datasets / "co-quan" / "datapackage.yaml", AGENCIES)
    write(datasets / "co-quan" / "data" / "agencies.csv", """
        agency_code,name_vi,name_en,source_id
        SNV,Sở Nội vụ,Department of Home Affairs,seed
        STC,Sở Tài chính,Department of Finance,seed
        """)
    write(datasets / "giam-sat" / "datapackage.yaml", SUPERVISION)
    write(datasets / "giam-sat" / "data" / "statuses.csv", """
        code,label_vi,label_en,order
        chua_co_thong_tin,Chưa có thông tin,No information,1
        dinh_hoan,Đình hoãn,Suspended,2
        da_thuc_hien,Đã thực hiện,Done,3
        """)
    write(datasets / "giam-sat" / "data" / "forms.csv", """
        code,label_vi,label_en
        giam_sat_chuyen_de,Giám sát chuyên đề,Thematic supervision
        """)
    write(datasets / "giam-sat" / "sessions" / "2024-06-11-test.yaml", SESSION)
    return datasets


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS} (it sits beside the repository on the team's machines)")
    return CORPUS
