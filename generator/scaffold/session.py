"""``minhbach new session``: one session file in the supervision package, holding only what was given."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

from generator.core.datasets import Datasets, Package, load_datasets
from generator.core.read.package import load_record
from generator.core.settings import Settings
from generator.directory.model import AGENCIES, DOCUMENTS, SOURCES
from generator.scaffold import DEFAULT_FORM
from generator.scaffold.common import Refused, check_known, comment_list, flow, rel, rows, scalar, template, write_new
from generator.supervision.load import ROLE as SUPERVISION_ROLE
from generator.supervision.load import code_lists
from generator.supervision.records import record_files, usable_pattern

DEFAULT_PATTERN = "sessions/*.yaml"
# The existing questioning sessions are CV-…; every other session is GS-….
ID_PREFIX = {"chat_van": "CV"}
# What every session in the supervision package is: the package is "the HCMC People's Council's sessions".
BODY_VI, BODY_EN = "HĐND TP.HCM", "HCMC People's Council"


@dataclass(frozen=True)
class SessionRequest:
    """What the maintainer asked for on the command line."""

    date: date
    agencies: tuple[str, ...] = ()
    slug: str = ""
    form: str = DEFAULT_FORM


@dataclass(frozen=True)
class SessionPlan:
    """Everything the session skeleton says, decided before anything is written."""

    path: Path
    id: str
    date: date
    form: str
    agencies: tuple[str, ...]
    planned: bool


def new_session(request: SessionRequest, settings: Settings) -> tuple[list[Path], list[str]]:
    """Check the codes and the id against the data, then write one session file."""
    datasets = load_datasets(settings)
    package = datasets.by_role(SUPERVISION_ROLE)
    if package is None:
        raise Refused(f"không có gói nào với x-minhbach.role: {SUPERVISION_ROLE} trong {settings.datasets_dir} / "
                      f"no package with x-minhbach.role: {SUPERVISION_ROLE}")
    codes = code_lists(datasets)
    agencies_package = datasets.by_role(AGENCIES[0])
    check_known(request.agencies, codes.agencies, f"{agencies_package.name if agencies_package else 'co-quan'}"
                                                  "/agencies.agency_code")
    check_known((request.form,), codes.forms, f"{package.name}/forms.code")
    plan = _plan_session(request, package, settings)
    text = _session_text(plan, package, datasets, settings)
    plan.path.parent.mkdir(parents=True, exist_ok=True)
    write_new(plan.path, text)
    return [plan.path], _validity_notes(plan, rows(agencies_package, "agencies", "agency_code"))


def _session_pattern(package: Package) -> str:
    extension = package.descriptor.get("x-minhbach")
    records = extension.get("records") if isinstance(extension, dict) else None
    pattern = records.get("sessions") if isinstance(records, dict) else None
    return str(pattern or DEFAULT_PATTERN)


def _plan_session(request: SessionRequest, package: Package, settings: Settings) -> SessionPlan:
    """Where the file goes and its id; refuse an existing file or an id another session already uses."""
    slug = request.slug or request.form.replace("_", "-")
    session_id = f"{ID_PREFIX.get(request.form, 'GS')}-{request.date.isoformat()}-{slug.upper()}"
    pattern = _session_pattern(package)
    folder = PurePosixPath(pattern).parent
    # A pattern out of the package (absolute, '..') is unsafe-path to validate; here it would place a file there.
    if not usable_pattern(pattern) or any(ch in str(folder) for ch in "*?["):
        raise Refused(f"không biết đặt tệp ở đâu theo mẫu '{pattern}' / cannot place a file for pattern '{pattern}'")
    path = package.loaded.folder / folder / f"{request.date.isoformat()}-{slug}.yaml"
    if path.exists():
        raise Refused(f"tệp đã có, không ghi đè / file exists, not overwritten: {settings.relative(path)}\n"
                      "    hint: sửa tệp đó, hoặc chọn --slug khác / edit that file, or choose another --slug")
    for other in record_files(package.loaded.folder, pattern):
        value = load_record(other, settings).value
        if isinstance(value, dict) and str(value.get("id") or "").strip() == session_id:
            raise Refused(f"mã phiên '{session_id}' đã dùng ở {settings.relative(other)} / id already used\n"
                          "    hint: chọn --slug khác / choose another --slug")
    return SessionPlan(path, session_id, request.date, request.form, request.agencies,
                       request.date > settings.build_date)


def _validity_notes(plan: SessionPlan, agencies: dict[str, dict[str, str]]) -> list[str]:
    """An agency abolished before (or created after) the session date is probably a wrong code: say so."""
    notes = []
    for code in plan.agencies:
        cells = agencies.get(code, {})
        start, end = cells.get("valid_from", ""), cells.get("valid_to", "")
        if (end and plan.date.isoformat() > end) or (start and plan.date.isoformat() < start):
            notes.append(f"{code} chỉ có hiệu lực {start or '…'} – {end or '…'} (valid_from/valid_to); "
                         f"kiểm tra lại mã / {code} is valid {start or '…'} to {end or '…'} only; check the code")
    return notes


def _topic(plan: SessionPlan, form: dict[str, str], agencies: dict[str, dict[str, str]]) -> tuple[str, str]:
    """A topic that only restates the inputs: the form's label and the supervised agencies' names."""
    label_vi, label_en = form.get("label_vi") or plan.form, form.get("label_en") or form.get("label_vi") or plan.form
    names_vi = ", ".join(agencies[c].get("name_vi") or c for c in plan.agencies)
    names_en = ", ".join(agencies[c].get("name_en") or agencies[c].get("name_vi") or c for c in plan.agencies)
    if not plan.agencies:
        return label_vi, label_en
    return f"{label_vi} – {names_vi}", f"{label_en} – {names_en}"


def _session_text(plan: SessionPlan, package: Package, datasets: Datasets, settings: Settings) -> str:
    """The file's text; the comments name the real code tables so the maintainer knows where codes come from."""
    agencies_package = datasets.by_role(AGENCIES[0])
    agencies = rows(agencies_package, "agencies", "agency_code")
    forms = rows(package, "forms", "code")
    statuses = sorted(rows(package, "statuses", "code"))
    topic_vi, topic_en = _topic(plan, forms.get(plan.form, {}), agencies)
    example = plan.path.parent / "2024-06-11-cchc.yaml"
    values = {
        "date_human": plan.date.strftime("%d/%m/%Y"), "id": plan.id, "date": plan.date.isoformat(),
        "planned": template("planned.yaml" if plan.planned else "not-planned.yaml").template,
        "body_vi": scalar(BODY_VI), "body_en": scalar(BODY_EN),
        "form": plan.form, "form_codes": comment_list("Các mã", sorted(forms)), "agencies": flow(plan.agencies),
        "first_agency": plan.agencies[0] if plan.agencies else "<mã cơ quan>",
        "topic_vi": scalar(topic_vi), "topic_en": scalar(topic_en),
        "forms_rel": rel(package, "forms"), "statuses_rel": rel(package, "statuses"),
        "agencies_rel": rel(agencies_package, "agencies"),
        "sources_rel": rel(datasets.by_role(SOURCES[0]), "sources"),
        "documents_rel": rel(datasets.by_role(DOCUMENTS[0]), "legal_documents"),
        "status_example": "da_thuc_hien" if "da_thuc_hien" in statuses else (statuses or ["<mã>"])[0],
        "example": f"\n# Ví dụ đầy đủ: {settings.relative(example)}" if example.is_file() else "",
    }
    return template("session.yaml").substitute(values)
