"""Synthetic Minh Bạch datasets for the benchmark: the real package shapes, fake numbers, a fixed seed.

Why synthetic: the real HCMC data is about 900 rows, far too small to show how the generator behaves for a
national site (63 provinces, a decade of indices, thousands of sessions), and no real national table exists yet.
Why the real descriptors: the schemas, roles and cross-package references are read from ``datasets/`` at run
time, so the synthetic data always has the shapes the generator really meets; if a schema changes and this
generator falls behind, ``minhbach validate`` says so (the smoke test checks for 0 errors).

Everything written is labelled as fake, so that it can never be mistaken for, or published as, real data:
package titles start with ``[SYNTHETIC / DỮ LIỆU GIẢ]``, every descriptor has ``x-minhbach.synthetic: true``,
every row cites a source whose title says it is synthetic and whose URL is under example.org, and every
session file starts with a comment saying so. The output goes to a folder given by the caller (a temporary
folder); writing into the repository's ``datasets/`` is refused.

Scales (rows are counted in ``manifest()``):

* ``tiny``: a handful of rows, for the smoke test.
* ``city``: about the real site: 60 agencies, 10 indices, ~300 results, ~10 sessions.
* ``region``: a tenth of national (6 provinces, 200 sessions), to see how each cost grows with the size
  without paying for a national run.
* ``national``: 63 provinces × 40 agencies = 2,520 agencies; 30 indices × 12 years for every agency
  (907,200 agency rows) plus the 63 provinces themselves (22,680 rows); 2,000 sessions of 10 recommendations.

Usage: ``python bench/synth.py --scale city OUT_DIR`` (prints the manifest as JSON).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
REAL_DATASETS = ROOT / "datasets"
SEED = 20261126
BUILD_DATE = date(2026, 11, 26)  # the benchmark pins --build-date to this, so session dates stay in the past
PREFIX = "[SYNTHETIC / DỮ LIỆU GIẢ]"
FAKE_URL = "https://example.org/minhbach-synthetic"
MARKER = "SYNTHETIC-DATA.txt"
FOCUS = "79"  # GSO code of HCMC: the real descriptor's focus_unit, so the focus charts and headline are drawn

# The 63 GSO province codes (only the codes are real; every name and number attached to them is fake).
GSO_CODES = (
    "79", "01", "02", "04", "06", "08", "10", "11", "12", "14", "15", "17", "19", "20", "22", "24", "25", "26", "27",
    "30", "31", "33", "34", "35", "36", "37", "38", "40", "42", "44", "45", "46", "48", "49", "51", "52", "54", "56",
    "58", "60", "62", "64", "66", "67", "68", "70", "72", "74", "75", "77", "80", "82", "83", "84", "86", "87", "89",
    "91", "92", "93", "94", "95", "96",
)

STATUSES = (  # the real status codes: the generator gives some of them meaning (closed, no information)
    ("chua_co_thong_tin", "Chưa có thông tin", "No information"),
    ("chua_thuc_hien", "Chưa thực hiện", "Not started"),
    ("dang_thuc_hien", "Đang thực hiện", "In progress"),
    ("thuc_hien_mot_phan", "Thực hiện một phần", "Partly done"),
    ("da_thuc_hien", "Đã thực hiện", "Done"),
    ("dinh_hoan", "Đình hoãn", "Suspended or overtaken"),
    ("khong_con_phu_hop", "Không còn phù hợp", "No longer applicable"),
)
FORMS = (
    ("giam_sat_chuyen_de", "Giám sát chuyên đề", "Thematic supervision"),
    ("chat_van", "Chất vấn", "Questioning"),
    ("xem_xet_bao_cao", "Xem xét báo cáo", "Review of reports"),
    ("khao_sat", "Khảo sát", "Field survey"),
    ("tai_giam_sat", "Tái giám sát", "Re-supervision"),
)
CATEGORIES = ("tuyen-dung", "tinh-gian-bien-che", "tthc-lien-thong", "so-hoa", "tai-san-cong", "vi-tri-viec-lam")
# The code lists whose labels the pages show (a session's category is checked against the first).
CATEGORY_LABELS = tuple((code, f"Lĩnh vực giả {n}", f"Fake category {n}") for n, code in enumerate(CATEGORIES, 1))
AGENCY_TYPES = tuple((code, f"Loại giả {n}", f"Fake type {n}") for n, code in enumerate(
    ("so-ban-nganh", "quan-huyen", "xa-phuong", "co-quan-dan-cu", "co-quan-hanh-chinh", "don-vi-truc-thuoc"), 1))
TIERS = ("official", "press", "aggregator", "secondary_dataset", "mirror")
FIRST_SESSION = date(2014, 1, 6)
LAST_SESSION = date(2026, 10, 30)


@dataclass(frozen=True)
class Scale:
    """How much to generate. Results = indices × years × ranked provinces + agency indices × years × ranked
    agencies (per province); observations = indicators × observation years × provinces with agencies."""

    name: str
    provinces: int  # provinces that have agencies (the first is the focus unit, 79)
    agencies_per_province: int
    indices: int
    agency_indices: int  # how many of the indices also rank agencies and districts
    years: int
    ranked_provinces: int
    ranked_agencies: int  # per province; 0 means every agency
    sessions: int
    recommendations: int  # per session
    issues: int  # per session
    facts: int  # per session
    documents: int
    indicators: int
    observation_years: int


SCALES = {
    "tiny": Scale("tiny", 1, 6, 2, 1, 3, 2, 3, 2, 2, 1, 1, 3, 2, 2),
    "city": Scale("city", 1, 60, 10, 2, 8, 3, 4, 10, 5, 2, 2, 40, 20, 5),
    "region": Scale("region", 6, 40, 30, 30, 12, 6, 0, 200, 10, 2, 2, 100, 30, 12),
    "national": Scale("national", 63, 40, 30, 30, 12, 63, 0, 2000, 10, 2, 2, 200, 30, 12),
}


@dataclass(frozen=True)
class Agency:
    code: str
    province: str
    number: int
    kind: str  # agency_type in co-quan
    name_vi: str
    name_en: str

    @property
    def unit_type(self) -> str:
        """How chi-so/results names this unit: districts have their own unit type."""
        return "district" if self.kind == "quan-huyen" else "agency"


def provinces(scale: Scale) -> list[str]:
    return GSO_CODES[: scale.provinces]


def province_name(gso: str) -> tuple[str, str]:
    return f"Tỉnh giả {gso}", f"Synthetic province {gso}"


def agencies_of(scale: Scale, gso: str) -> list[Agency]:
    """A province's agencies: its People's Committee and Council, then departments, districts and units."""
    found = []
    for n in range(scale.agencies_per_province):
        if n == 0:
            code, kind, vi, en = f"T{gso}_UBND", "co-quan-hanh-chinh", "UBND", "People's Committee"
        elif n == 1:
            code, kind, vi, en = f"T{gso}_HDND", "co-quan-dan-cu", "HĐND", "People's Council"
        elif n % 7 == 0:
            code, kind, vi, en = f"T{gso}_D{n:02d}", "don-vi-truc-thuoc", f"Đơn vị giả {n:02d}", f"Fake unit {n:02d}"
        elif n % 2:
            code, kind, vi, en = f"T{gso}_Q{n:02d}", "quan-huyen", f"Quận giả {n:02d}", f"Fake district {n:02d}"
        else:
            code, kind, vi, en = f"T{gso}_S{n:02d}", "so-ban-nganh", f"Sở giả {n:02d}", f"Fake department {n:02d}"
        pvi, pen = province_name(gso)
        found.append(Agency(code, gso, n, kind, f"{vi} – {pvi}", f"{en} – {pen}"))
    return found


def all_agencies(scale: Scale) -> list[Agency]:
    return [a for gso in provinces(scale) for a in agencies_of(scale, gso)]


def ranked_agencies(scale: Scale, gso: str) -> list[Agency]:
    agencies = agencies_of(scale, gso)
    if scale.ranked_agencies <= 0 or scale.ranked_agencies >= len(agencies):
        return agencies
    return agencies[2: 2 + scale.ranked_agencies]  # departments and districts, not the council itself


def years(scale: Scale) -> list[int]:
    return list(range(2024 - scale.years + 1, 2025))


def index_code(i: int) -> str:
    # The first index keeps the real lead code, so the home page's headline (PAR_INDEX) is exercised too.
    return "PAR_INDEX" if i == 0 else f"SYN_IDX_{i + 1:02d}"


def session_id(n: int) -> str:
    return f"GS-SYN-{n + 1:05d}"


def session_date(scale: Scale, n: int) -> date:
    span = (LAST_SESSION - FIRST_SESSION).days
    return FIRST_SESSION + timedelta(days=span * n // max(scale.sessions, 1))


def document_number(k: int) -> str:
    return f"{k + 1:03d}/{2010 + k % 15}/SYN-NQ"


# Source ids: every row cites one of these, and all of them are listed in nguon/sources.csv.

def base_source() -> str:
    return "syn-nguon-chung"


def index_source(i: int, year: int) -> str:
    return f"syn-chi-so-{i + 1:02d}-{year}"


def session_source(n: int) -> str:
    return f"syn-gs-{n + 1:05d}"


def evidence_source(k: int) -> str:
    return f"syn-bang-chung-{k % 50 + 1:03d}"


def observation_source(year: int) -> str:
    return f"syn-hanh-chinh-{year}"


def source_ids(scale: Scale) -> Iterator[str]:
    yield base_source()
    for i in range(scale.indices):
        for year in years(scale):
            yield index_source(i, year)
    for year in range(2024 - scale.observation_years + 1, 2025):
        yield observation_source(year)
    for k in range(50):
        yield evidence_source(k)
    for n in range(scale.sessions):
        yield session_source(n)
    yield session_source(10 ** 5 - 2)  # reserved for the session the benchmark adds (``add_session``)


# Writing: one function per role, each streaming rows into the resource's CSV.

def _rng(*parts: object) -> random.Random:
    """One generator per purpose, so adding rows to one table never shifts the numbers of another."""
    return random.Random("-".join(str(p) for p in (SEED, *parts)))


class Writer:
    """Writes the resources of one package, with the header taken from the real schema (so that a column
    this generator does not know stays empty rather than silently missing), and counts rows and bytes."""

    def __init__(self, folder: Path, descriptor: dict, counts: dict[str, int]):
        self.folder, self.descriptor, self.counts = folder, descriptor, counts

    def write(self, resource: str, rows: Iterable[dict[str, object]]) -> None:
        spec = next(r for r in self.descriptor["resources"] if r["name"] == resource)
        header = [f["name"] for f in spec["schema"]["fields"]]
        path = self.folder / spec["path"]
        path.parent.mkdir(parents=True, exist_ok=True)
        count = 0
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, header, restval="", extrasaction="raise", lineterminator="\n")
            writer.writeheader()
            for row in rows:
                writer.writerow(row)
                count += 1
        self.counts[f"{self.descriptor['name']}/{resource}"] = count


def _sources(scale: Scale) -> Iterator[dict[str, object]]:
    for k, sid in enumerate(source_ids(scale)):
        published = date(2014, 1, 1) + timedelta(days=(k * 37) % 4000)
        yield {
            "source_id": sid, "url": f"{FAKE_URL}/{sid}", "title": f"{PREFIX} Nguồn giả {sid}",
            "publisher": "Minh Bạch benchmark (synthetic / dữ liệu giả)", "language": "vi",
            "published_date": published.isoformat(), "tier": TIERS[k % len(TIERS)],
            "note_vi": "Nguồn giả do bench/synth.py sinh ra để đo hiệu năng; không phải nguồn thật.",
            "note_en": "A fake source generated by bench/synth.py for benchmarking; not a real source.",
        }


def _agencies(scale: Scale) -> Iterator[dict[str, object]]:
    for gso in provinces(scale):
        agencies = agencies_of(scale, gso)
        for a in agencies:
            dissolved = a.number % 13 == 5 and a.number + 1 < len(agencies)
            yield {
                "agency_code": a.code, "name_vi": a.name_vi, "name_en": a.name_en, "agency_type": a.kind,
                "parent_code": "" if a.number <= 1 else agencies[0].code,
                "valid_from": "2008-08-01" if a.number % 5 == 0 else "",
                "valid_to": "2025-06-30" if dissolved else "",
                "successor_code": agencies[a.number + 1].code if dissolved else "",
                "status_note_vi": "Cơ quan giả (dữ liệu giả)." if dissolved else "",
                "status_note_en": "A synthetic agency (fake data)." if dissolved else "",
                "source_id": base_source(),
            }


def _documents(scale: Scale) -> Iterator[dict[str, object]]:
    kinds = (("Nghị quyết", "Resolution"), ("Quyết định", "Decision"), ("Công văn", "Official letter"),
             ("Kế hoạch", "Plan"))
    for k in range(scale.documents):
        replaced = k % 10 == 3 and k + 1 < scale.documents
        issued = date(2010 + k % 15, 1 + k % 12, 1 + k % 28)
        kind_vi, kind_en = kinds[k % len(kinds)]
        yield {
            "doc_number": document_number(k), "doc_type": kind_vi, "issuer": "HĐND giả (synthetic)",
            "issue_date": issued.isoformat(), "effective_date": (issued + timedelta(days=45)).isoformat(),
            "title_vi": f"{kind_vi} giả số {k + 1} (dữ liệu giả)", "title_en": f"Synthetic {kind_en.lower()} {k + 1}",
            "status": "bi-thay-the" if replaced else "", "replaced_by": document_number(k + 1) if replaced else "",
            "relevance_vi": "Văn bản giả để đo hiệu năng.", "relevance_en": "A fake document for benchmarking.",
            "source_id": base_source(), "flags": "inferred" if k % 9 == 4 else "",
        }


def _indices(scale: Scale) -> Iterator[dict[str, object]]:
    for i in range(scale.indices):
        level = "province agency district" if i < scale.agency_indices else "province"
        yield {
            "index_code": index_code(i), "name_vi": f"Chỉ số giả {i + 1:02d} (dữ liệu giả)",
            "name_en": f"Synthetic index {i + 1:02d}", "publisher_vi": "Đơn vị giả",
            "publisher_en": "Synthetic publisher",
            "level": level, "score_unit": "%", "higher_is_better": "true",
            "description_vi": f"{PREFIX} Chỉ số do bench/synth.py sinh ra; mọi con số đều giả.",
            "description_en": f"{PREFIX} An index generated by bench/synth.py; every number is fake.",
        }


def _ranked(rng: random.Random, i: int, year: int, units: list[tuple[str, str, str]]) -> Iterator[dict[str, object]]:
    """One index, one year, one group of units: scores, their ranks within the group, and a few of the
    things real rows have (a gap, a derived rank, an approximate score)."""
    scores = [round(rng.uniform(55.0, 97.0), 2) for _ in units]
    order = sorted(range(len(units)), key=lambda k: -scores[k])
    ranks = {k: position + 1 for position, k in enumerate(order)}
    for k, (unit_type, code, name) in enumerate(units):
        roll = rng.random()
        gap = roll < 0.01
        yield {
            "index_code": index_code(i), "year": year, "unit_type": unit_type, "unit_code": code, "unit_name": name,
            "component": "total", "score": "" if gap else f"{scores[k]:.2f}", "score_unit": "%",
            "rank": "" if gap else ranks[k], "rank_of": len(units),
            "group_vi": "A" if ranks[k] <= 5 else "", "group_en": "A" if ranks[k] <= 5 else "",
            "value_qualifier": "~" if 0.01 <= roll < 0.02 else "",
            "flags": "approximate" if 0.01 <= roll < 0.02 else "derived" if 0.02 <= roll < 0.05 else "",
            "source_id": index_source(i, year),
            "note_vi": "Ô trống: không tìm thấy (dữ liệu giả)." if gap else "",
            "note_en": "Empty: not found (fake data)." if gap else "",
        }


def _results(scale: Scale) -> Iterator[dict[str, object]]:
    """Streamed group by group (index, year, province), so the national 930k rows never sit in memory."""
    ranked = GSO_CODES[: scale.ranked_provinces]
    for i in range(scale.indices):
        for year in years(scale):
            rng = _rng("results", i, year)
            yield from _ranked(rng, i, year, [("province", gso, province_name(gso)[0]) for gso in ranked])
            if i < scale.agency_indices:
                for gso in provinces(scale):
                    units = [(a.unit_type, a.code, a.name_vi) for a in ranked_agencies(scale, gso)]
                    yield from _ranked(rng, i, year, units)


def _releases(scale: Scale) -> Iterator[dict[str, object]]:
    for i in range(scale.indices):
        for year in years(scale):
            yield {"index_code": index_code(i), "data_year": year,
                   "release_date": date(year + 1, 4 + i % 3, 1 + (i * 7 + year) % 28).isoformat(),
                   "publisher": "Đơn vị giả (synthetic)", "source_id": index_source(i, year)}


def _components(scale: Scale) -> Iterator[dict[str, object]]:
    for i in range(scale.indices):
        for n in range(1, 4):
            yield {"index_code": index_code(i), "level": "province", "period": "2013-2024", "component_no": n,
                   "name_vi": f"Lĩnh vực giả {n}", "name_en": f"Synthetic area {n}", "max_points": "10",
                   "source_id": index_source(i, years(scale)[0])}


def _national_summary(scale: Scale) -> Iterator[dict[str, object]]:
    for i in range(scale.indices):
        rng = _rng("summary", i)
        for year in years(scale):
            yield {"year": year, "index_code": index_code(i), "scope_vi": "63 tỉnh giả",
                   "scope_en": "63 fake provinces", "metric_vi": "Điểm trung bình (%)",
                   "metric_en": "Average score (%)",
                   "value": f"{rng.uniform(70, 85):.2f}", "source_id": index_source(i, year)}


def _indicators(scale: Scale) -> Iterator[dict[str, object]]:
    for j in range(scale.indicators):
        yield {"indicator_code": f"syn-chi-tieu-{j + 1:02d}", "name_vi": f"Chỉ tiêu giả {j + 1:02d}",
               "name_en": f"Synthetic indicator {j + 1:02d}", "unit_vi": "%", "unit_en": "%",
               "higher_is_better": "true" if j % 3 else "false", "theme": "thu-tuc" if j % 2 else "bien-che",
               "description_vi": "Chỉ tiêu giả (dữ liệu giả).", "description_en": "A fake indicator."}


def _observations(scale: Scale) -> Iterator[dict[str, object]]:
    rng = _rng("observations")
    for j in range(scale.indicators):
        for year in range(2024 - scale.observation_years + 1, 2025):
            for gso in provinces(scale):
                vi, en = province_name(gso)
                yield {"indicator_code": f"syn-chi-tieu-{j + 1:02d}", "period": str(year),
                       "period_start": f"{year}-01-01", "period_end": f"{year}-12-31", "scope_vi": vi, "scope_en": en,
                       "agency_code": f"T{gso}_UBND", "value": f"{rng.uniform(40, 100):.1f}", "unit_vi": "%",
                       "unit_en": "%", "kind": "actual" if (j + year) % 4 else "target",
                       "source_id": observation_source(year)}


def _labels(rows: tuple[tuple[str, str, str], ...]) -> Iterator[dict[str, object]]:
    """A code list with labels only (agency types, categories)."""
    for code, vi, en in rows:
        yield {"code": code, "label_vi": vi, "label_en": en}


def _code_list(rows: tuple[tuple[str, str, str], ...], ordered: bool) -> Iterator[dict[str, object]]:
    for n, (code, vi, en) in enumerate(rows, 1):
        row: dict[str, object] = {"code": code, "label_vi": vi, "label_en": en,
                                  "description_vi": f"{vi} (nhãn của dữ liệu giả).", "description_en": f"{en}."}
        if ordered:
            row["order"] = n
        yield row


# Supervision sessions: one YAML file each, as maintainers write them.

def session(scale: Scale, n: int, when: date | None = None, number: int | None = None) -> dict[str, object]:
    """Session ``n`` as the mapping its YAML file holds; every value is text, as the generator reads it."""
    rng = _rng("session", n)
    gso = provinces(scale)[n % scale.provinces]
    agencies = [a for a in agencies_of(scale, gso) if a.kind != "co-quan-dan-cu"]
    supervised = rng.sample(agencies, min(3, len(agencies)))
    codes = [a.code for a in supervised]
    when = when or session_date(scale, n)
    number = n if number is None else number
    source = session_source(number)
    sid = session_id(number)
    doc: dict[str, object] = {
        "id": sid, "date": when.isoformat(), "date_precision": "day",
        "body_vi": f"HĐND {province_name(gso)[0]} – Đoàn giám sát (giả)",
        "body_en": f"People's Council of {province_name(gso)[1]} – supervision delegation (fake)",
        "form": FORMS[n % len(FORMS)][0], "chair": f"Người giả {n % 97:02d}",
        "chair_role_vi": "Phó Chủ tịch HĐND (giả)", "chair_role_en": "Vice-Chair of the Council (fake)",
        "members": [{"name": f"Đại biểu giả {n % 89 + k:02d}", "role_vi": "thành viên đoàn (giả)",
                     "role_en": "delegation member (fake)"} for k in range(2)],
        "agencies": codes,
        "topic_vi": f"{PREFIX} Chủ đề giám sát giả số {number + 1}",
        "topic_en": f"{PREFIX} Synthetic supervision topic {number + 1}",
        "programme_period": "2022-2025",
        "legal_basis": sorted({document_number(rng.randrange(scale.documents)) for _ in range(2)}),
        "sources": [source],
        "summary_vi": "Phiên giám sát giả do bench/synth.py sinh ra để đo hiệu năng. Không có nội dung thật.",
        "summary_en": "A synthetic session generated by bench/synth.py for benchmarking. Nothing in it is real.",
    }
    doc["facts"] = [{"id": f"F{k + 1:02d}", "agency": codes[k % len(codes)],
                     "statement_vi": f"Báo cáo giả số {k + 1}.", "statement_en": f"Fake report {k + 1}.",
                     "value": f"{rng.randint(1, 20)}/{rng.randint(20, 30)}", "unit_vi": "quy định",
                     "unit_en": "regulations", "source": source} for k in range(scale.facts)]
    doc["issues"] = [dict(_item(scale, rng, "Y", k, codes, when, source), raised_by="Thành viên đoàn (giả)")
                     for k in range(scale.issues)]
    doc["recommendations"] = [_item(scale, rng, "K", k, codes, when, source) for k in range(scale.recommendations)]
    if n % 5 == 0 and when + timedelta(days=20) <= BUILD_DATE:
        doc["responses"] = [{"agency": codes[0], "date": (when + timedelta(days=20)).isoformat(),
                             "text_vi": "Phản hồi giả của cơ quan.", "text_en": "A fake reply from the agency.",
                             "source": source}]
    return doc


def _item(scale: Scale, rng: random.Random, prefix: str, k: int, codes: list[str], when: date,
          source: str) -> dict[str, object]:
    item: dict[str, object] = {
        "id": f"{prefix}{k + 1:02d}", "addressees": rng.sample(codes, rng.randint(1, len(codes))),
        "text_vi": f"Nội dung giả số {k + 1} (dữ liệu giả).", "text_en": f"Synthetic text {k + 1} (fake data).",
        "category": CATEGORIES[(k + rng.randrange(6)) % len(CATEGORIES)], "source": source,
    }
    if rng.random() < 0.5:
        item["due"] = (when + timedelta(days=rng.choice((180, 365, 730)))).isoformat()
    history = []
    day = when
    for step in range(rng.choice((0, 1, 1, 2, 3))):
        day = day + timedelta(days=rng.randint(30, 400))
        if day > BUILD_DATE:
            break
        status = STATUSES[1 + min(step * 2 + rng.randrange(2), len(STATUSES) - 2)][0]
        entry: dict[str, object] = {"date": day.isoformat(), "status": status}
        if rng.random() < 0.6:
            entry["evidence"] = evidence_source(rng.randrange(50))
        else:
            entry.update(flags="inferred", note_vi="Suy ra (dữ liệu giả).", note_en="Inferred (fake data).")
        history.append(entry)
    if history:
        item["status_history"] = history
    return item


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_HEADER = ("# {prefix} Phiên giám sát GIẢ do bench/synth.py sinh ra để đo hiệu năng; không phải dữ liệu thật.\n"
           "# A FAKE supervision session generated by bench/synth.py for benchmarking; not real data.\n")


def write_session(folder: Path, doc: dict[str, object]) -> Path:
    path = folder / f"{doc['date']}-{str(doc['id']).lower()}.yaml"
    text = yaml.dump(doc, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=120)
    path.write_text(_HEADER.format(prefix=PREFIX) + text, encoding="utf-8")
    return path


# Descriptors: the real ones, relabelled.

ROLE_WRITERS = {
    "sources": lambda s: {"sources": _sources(s)},
    "agencies": lambda s: {"agencies": _agencies(s), "agency_types": _labels(AGENCY_TYPES)},
    "legal-documents": lambda s: {"legal_documents": _documents(s)},
    "indices": lambda s: {"indices": _indices(s), "results": _results(s), "releases": _releases(s),
                          "components": _components(s), "national_summary": _national_summary(s)},
    "indicators": lambda s: {"indicators": _indicators(s), "observations": _observations(s)},
    "supervision": lambda s: {"statuses": _code_list(STATUSES, True), "forms": _code_list(FORMS, False),
                              "categories": _labels(CATEGORY_LABELS)},
}


def real_descriptors(datasets: Path = REAL_DATASETS) -> dict[str, tuple[str, dict]]:
    """role -> (folder name, descriptor) of the real packages; the synthetic ones copy their shapes."""
    found = {}
    for path in sorted(datasets.glob("*/datapackage.yaml")):
        descriptor = yaml.safe_load(path.read_text(encoding="utf-8"))
        role = (descriptor.get("x-minhbach") or {}).get("role")
        if role in ROLE_WRITERS:
            found[role] = (path.parent.name, descriptor)
    missing = sorted(set(ROLE_WRITERS) - set(found))
    if missing:
        raise SystemExit(f"synth: no real package with role {', '.join(missing)} in {datasets}")
    return found


def relabel(descriptor: dict, scale: Scale) -> dict:
    """The real descriptor with synthetic titles, description, sources and the ``synthetic`` flag."""
    extension = dict(descriptor.get("x-minhbach") or {})
    title_en = extension.get("title_en") or descriptor.get("name")
    extension.update(
        synthetic=True, title_en=f"{PREFIX} {title_en}",
        description_en=f"FAKE data generated by bench/synth.py (scale {scale.name}, seed {SEED}) to benchmark "
                       "Minh Bạch. Nothing here is real; do not publish or cite it.",
    )
    result = dict(descriptor)
    result.update({
        "title": f"{PREFIX} {descriptor.get('title', descriptor['name'])}",
        "description": f"DỮ LIỆU GIẢ do bench/synth.py sinh ra (quy mô {scale.name}, hạt giống {SEED}) để đo hiệu "
                       "năng Minh Bạch. Không có gì ở đây là thật; không công bố, không trích dẫn.",
        "sources": [{"title": f"{PREFIX} bench/synth.py", "path": FAKE_URL}],
        "contributors": [{"title": "bench/synth.py (synthetic / dữ liệu giả)", "role": "author"}],
        "x-minhbach": extension,
    })
    return result


def _check_target(out: Path) -> None:
    out = out.resolve()
    real = REAL_DATASETS.resolve()
    if out == real or real in out.parents or out in real.parents:
        raise SystemExit(f"synth: refusing to write into or around the real datasets folder ({real})")
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"synth: {out} is not empty; give a new or empty folder")


def generate(out: Path, scale: Scale | str, real: Path = REAL_DATASETS) -> dict[str, object]:
    """Write a complete synthetic datasets folder into ``out`` (new or empty) and return its manifest.

    ``real`` is where the real descriptors are read from (the benchmark passes the ones of the code it measures).
    """
    scale = SCALES[scale] if isinstance(scale, str) else scale
    _check_target(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text(f"{PREFIX}\nGenerated by bench/synth.py (scale {scale.name}, seed {SEED}). "
                              "Fake data for benchmarking only; never publish it.\n", encoding="utf-8")
    counts: dict[str, int] = {}
    unknown: list[str] = []
    sessions = 0
    for role, (folder, original) in real_descriptors(real).items():
        descriptor = relabel(original, scale)
        package = out / folder
        package.mkdir()
        (package / "datapackage.yaml").write_text(
            yaml.dump(descriptor, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
        writer = Writer(package, descriptor, counts)
        tables = ROLE_WRITERS[role](scale)
        for resource in descriptor["resources"]:
            if resource["name"] not in tables:  # a resource added to the real package after this was written:
                unknown.append(f"{folder}/{resource['name']}")  # header only, and said in the manifest
            writer.write(resource["name"], tables.get(resource["name"], ()))
        if role == "supervision":
            records = (descriptor["x-minhbach"].get("records") or {}).get("sessions", "sessions/*.yaml")
            folder_of_sessions = package / Path(records).parent
            folder_of_sessions.mkdir(parents=True, exist_ok=True)
            for n in range(scale.sessions):
                write_session(folder_of_sessions, session(scale, n))
                sessions += 1
    return manifest(out, scale, counts, sessions, unknown)


def manifest(out: Path, scale: Scale, counts: dict[str, int], sessions: int, unknown: list[str]
             ) -> dict[str, object]:
    files = [p for p in out.rglob("*") if p.is_file()]
    largest = max(files, key=lambda p: p.stat().st_size)
    return {
        "synthetic": True, "seed": SEED, "scale": asdict(scale), "folder": str(out),
        "rows": counts, "csv_rows": sum(counts.values()), "resources_without_generator": unknown, "sessions": sessions,
        "recommendations": sessions * scale.recommendations, "issues": sessions * scale.issues,
        "agencies": scale.provinces * scale.agencies_per_province,
        "files": len(files), "bytes": sum(p.stat().st_size for p in files),
        "largest_file": {"path": largest.relative_to(out).as_posix(), "bytes": largest.stat().st_size},
    }


def package_of(datasets: Path, role: str) -> tuple[Path, dict]:
    """The folder and descriptor of the package with ``role`` in a generated datasets folder."""
    for descriptor_path in sorted(datasets.glob("*/datapackage.yaml")):
        descriptor = yaml.safe_load(descriptor_path.read_text(encoding="utf-8"))
        if (descriptor.get("x-minhbach") or {}).get("role") == role:
            return descriptor_path.parent, descriptor
    raise FileNotFoundError(f"no package with role {role} in {datasets}")


def sessions_folder(datasets: Path) -> Path:
    folder, descriptor = package_of(datasets, "supervision")
    records = (descriptor["x-minhbach"].get("records") or {}).get("sessions", "sessions/*.yaml")
    return folder / Path(records).parent


def add_session(datasets: Path, scale: Scale | str) -> Path:
    """One more session file, as a maintainer adds one: a new id, dated a few days before the build date."""
    scale = SCALES[scale] if isinstance(scale, str) else scale
    return write_session(sessions_folder(datasets), session(scale, 0, BUILD_DATE - timedelta(days=6), 10 ** 5 - 2))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=f"{PREFIX} write synthetic Minh Bạch datasets for the benchmark")
    parser.add_argument("--scale", choices=sorted(SCALES), default="tiny")
    parser.add_argument("out", type=Path, help="a new or empty folder (never the repository's datasets/)")
    args = parser.parse_args(argv)
    json.dump(generate(args.out, args.scale), sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
