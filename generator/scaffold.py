"""``minhbach new session|package``: write a commented skeleton that already passes ``minhbach validate``.

Why skeletons that validate: a maintainer who starts from a file that is valid sees every later problem as
their own edit, on its own line, instead of a wall of "missing" errors. Why nothing in them is invented: a
skeleton merged unedited must not publish a fact nobody checked. So a skeleton holds only what the maintainer
typed (date, form, agencies, name) and what follows from it and the code lists (the session id, the agencies'
names). The one required sentence, a session's topic, is built from those ("Giám sát chuyên đề – Sở Nội vụ"),
true as far as it goes, with a comment asking for the topic as the source words it. Every other key is
written commented out, with what belongs there. A date after today gets ``planned: true``, because that is
what the key means; a past date does not.

Nothing is ever overwritten: an existing file, folder or id is refused (exit 1), as is an unknown code.
"""

from __future__ import annotations

import argparse
import json
import re
import string
import sys
import textwrap
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

from generator.core.checks.crossrefs import closest
from generator.core.datasets import Datasets, Package, load_datasets
from generator.core.read.package import load_record
from generator.core.settings import Settings, parse_build_date
from generator.supervision.load import ROLE as SUPERVISION_ROLE
from generator.supervision.load import code_lists
from generator.supervision.records import record_files

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DEFAULT_FORM = "giam_sat_chuyen_de"
DEFAULT_PATTERN = "sessions/*.yaml"
# The existing questioning sessions are CV-…; every other session is GS-….
ID_PREFIX = {"chat_van": "CV"}
# What every session in the supervision package is: the package is "the HCMC People's Council's sessions".
BODY_VI, BODY_EN = "HĐND TP.HCM", "HCMC People's Council"


class Refused(Exception):
    """A reason not to write anything (unknown code, existing file): printed as is, exit 1."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``session`` and ``package`` sub-commands; bad dates and names are usage errors (exit 2)."""
    kinds = parser.add_subparsers(dest="kind", required=True)
    session = kinds.add_parser("session", help="một phiên giám sát mới / a new supervision session")
    session.add_argument("--date", required=True, type=_iso_date, help="ngày phiên YYYY-MM-DD / session date")
    session.add_argument("--agencies", default="", type=_code_list,
                         help="mã cơ quan được giám sát, ví dụ SNV,STC / supervised agency codes")
    session.add_argument("--slug", type=_slug, help="đuôi tên tệp, ví dụ cchc (mặc định: theo hình thức) / "
                                                    "file name suffix (default: from the form)")
    session.add_argument("--form", default=DEFAULT_FORM,
                         help=f"mã hình thức giám sát (mặc định {DEFAULT_FORM}) / supervision form code")
    session.add_argument("--datasets", default="datasets", help="thư mục gói dữ liệu / data packages folder")
    package = kinds.add_parser("package", help="một gói dữ liệu mới / a new data package")
    package.add_argument("name", type=_slug, help="tên gói: chữ thường không dấu, số, '-' / package name")
    package.add_argument("--datasets", default="datasets", help="thư mục gói dữ liệu / data packages folder")


def run(args: argparse.Namespace) -> int:
    """Write the skeleton and say what to do next; refusals exit 1, a missing datasets folder exits 2."""
    folder = Path(args.datasets)
    if not folder.is_dir():
        print(f"minhbach new: không có thư mục {folder} / folder not found; dùng --datasets DIR", file=sys.stderr)
        return EXIT_USAGE
    settings = Settings(datasets_dir=folder.resolve(), root=Path.cwd(), build_date=parse_build_date(None))
    try:
        written, notes = (new_session if args.kind == "session" else new_package)(args, settings)
    except Refused as exc:
        print(f"minhbach new: {exc}", file=sys.stderr)
        return EXIT_INVALID
    for note in notes:
        print(f"minhbach new: lưu ý / note: {note}", file=sys.stderr)
    for path in written:
        print(f"minhbach new: đã tạo / created {settings.relative(path)}")
    print("Tiếp theo: điền theo nguồn, rồi chạy `minhbach validate` (xem docs/huong-dan.md).\n"
          "Next: fill it in from the sources, then run `minhbach validate` (see docs/huong-dan.md).")
    return EXIT_OK


# Argument types: argparse turns their ValueError into a usage error that names the option.

def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' không phải ngày YYYY-MM-DD / not a YYYY-MM-DD date") from None


def _slug(text: str) -> str:
    if not SLUG.match(text):
        raise argparse.ArgumentTypeError(
            f"'{text}': chỉ dùng chữ thường không dấu, số và '-' / use lower-case ASCII letters, digits and '-'")
    return text


def _code_list(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(code.strip() for code in text.split(",") if code.strip()))


# Shared helpers.

def _suggest(value: str, known: frozenset[str]) -> str:
    """Case first ('snv' means 'SNV'), then the closest spelling, as the validator suggests it."""
    same = [code for code in sorted(known) if code.lower() == value.lower()]
    close = same[0] if same else closest(value, known)
    return f" (có phải '{close}'? / did you mean '{close}'?)" if close else ""


def _check_known(values: tuple[str, ...], known: frozenset[str], target: str) -> None:
    """Refuse unknown codes, all of them at once, each with a suggestion."""
    unknown = [value for value in values if value not in known]
    if unknown:
        listed = "; ".join(f"'{value}'{_suggest(value, known)}" for value in unknown)
        raise Refused(f"không có trong {target} / not in {target}: {listed}\n"
                      f"    hint: dùng mã có trong {target}, hoặc thêm dòng đó vào bảng ấy trước / "
                      f"use a code from {target}, or add that row to it first")


def _scalar(text: str) -> str:
    """A YAML value that reads back as exactly ``text``: plain when safe, otherwise double-quoted (JSON)."""
    risky = not text or text != text.strip() or ": " in text or " #" in text or text[0] in "-?:,[]{}#&*!|>'\"%@`"
    return json.dumps(text, ensure_ascii=False) if risky else text


def _flow(codes: tuple[str, ...]) -> str:
    """A flow list (``[SNV, STC]``) as in the hand-written files; codes like ``SKHĐT`` stay readable."""
    return "[" + ", ".join(c if re.fullmatch(r"[\w.-]+", c) else json.dumps(c, ensure_ascii=False) for c in codes) + "]"


def _comment_list(label: str, items: list[str]) -> str:
    """A long list as YAML comment lines, wrapped so that the file stays readable in a pull-request diff."""
    return textwrap.fill(", ".join(items), 104, initial_indent=f"# {label}: ", subsequent_indent="#   ",
                         break_on_hyphens=False, break_long_words=False)


def _write_new(path: Path, text: str) -> None:
    """Create ``path`` only if it does not exist ('x' mode), so a race cannot overwrite a file either."""
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise Refused(f"tệp đã có, không ghi đè / file exists, not overwritten: {path}") from None


def _rows(package: Package | None, resource: str, key: str) -> dict[str, dict[str, str]]:
    table = package.table(resource) if package else None
    return {row.cells.get(key, ""): row.cells for row in table.rows} if table else {}


def _rel(package: Package | None, resource: str) -> str:
    table = package.table(resource) if package else None
    return table.rel if table and table.rel else resource


# minhbach new session

@dataclass(frozen=True)
class SessionPlan:
    """Everything the session skeleton says, decided before anything is written."""

    path: Path
    id: str
    date: date
    form: str
    agencies: tuple[str, ...]
    planned: bool


def new_session(args: argparse.Namespace, settings: Settings) -> tuple[list[Path], list[str]]:
    """Check the codes and the id against the data, then write one session file."""
    datasets = load_datasets(settings)
    package = datasets.by_role(SUPERVISION_ROLE)
    if package is None:
        raise Refused(f"không có gói nào với x-minhbach.role: {SUPERVISION_ROLE} trong {settings.datasets_dir} / "
                      f"no package with x-minhbach.role: {SUPERVISION_ROLE}")
    codes = code_lists(datasets)
    agencies_package = datasets.by_role("agencies")
    _check_known(args.agencies, codes.agencies, f"{agencies_package.name if agencies_package else 'co-quan'}"
                                                "/agencies.agency_code")
    _check_known((args.form,), codes.forms, f"{package.name}/forms.code")
    plan = _plan_session(args, package, settings)
    text = _session_text(plan, package, datasets, settings)
    plan.path.parent.mkdir(parents=True, exist_ok=True)
    _write_new(plan.path, text)
    return [plan.path], _validity_notes(plan, _rows(agencies_package, "agencies", "agency_code"))


def _session_pattern(package: Package) -> str:
    extension = package.descriptor.get("x-minhbach")
    records = extension.get("records") if isinstance(extension, dict) else None
    pattern = records.get("sessions") if isinstance(records, dict) else None
    return str(pattern or DEFAULT_PATTERN)


def _plan_session(args: argparse.Namespace, package: Package, settings: Settings) -> SessionPlan:
    """Where the file goes and its id; refuse an existing file or an id another session already uses."""
    slug = args.slug or args.form.replace("_", "-")
    session_id = f"{ID_PREFIX.get(args.form, 'GS')}-{args.date.isoformat()}-{slug.upper()}"
    pattern = _session_pattern(package)
    folder = PurePosixPath(pattern).parent
    if any(ch in str(folder) for ch in "*?["):
        raise Refused(f"không biết đặt tệp ở đâu theo mẫu '{pattern}' / cannot place a file for pattern '{pattern}'")
    path = package.loaded.folder / folder / f"{args.date.isoformat()}-{slug}.yaml"
    if path.exists():
        raise Refused(f"tệp đã có, không ghi đè / file exists, not overwritten: {settings.relative(path)}\n"
                      "    hint: sửa tệp đó, hoặc chọn --slug khác / edit that file, or choose another --slug")
    for other in record_files(package.loaded.folder, pattern):
        value = load_record(other, settings).value
        if isinstance(value, dict) and str(value.get("id") or "").strip() == session_id:
            raise Refused(f"mã phiên '{session_id}' đã dùng ở {settings.relative(other)} / id already used\n"
                          "    hint: chọn --slug khác / choose another --slug")
    return SessionPlan(path, session_id, args.date, args.form, args.agencies, args.date > settings.build_date)


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
    agencies_package = datasets.by_role("agencies")
    agencies = _rows(agencies_package, "agencies", "agency_code")
    forms = _rows(package, "forms", "code")
    statuses = sorted(_rows(package, "statuses", "code"))
    topic_vi, topic_en = _topic(plan, forms.get(plan.form, {}), agencies)
    example = plan.path.parent / "2024-06-11-cchc.yaml"
    values = {
        "date_human": plan.date.strftime("%d/%m/%Y"), "id": plan.id, "date": plan.date.isoformat(),
        "planned": PLANNED if plan.planned else NOT_PLANNED, "body_vi": _scalar(BODY_VI), "body_en": _scalar(BODY_EN),
        "form": plan.form, "form_codes": _comment_list("Các mã", sorted(forms)), "agencies": _flow(plan.agencies),
        "first_agency": plan.agencies[0] if plan.agencies else "<mã cơ quan>",
        "topic_vi": _scalar(topic_vi), "topic_en": _scalar(topic_en),
        "forms_rel": _rel(package, "forms"), "statuses_rel": _rel(package, "statuses"),
        "agencies_rel": _rel(agencies_package, "agencies"),
        "sources_rel": _rel(datasets.by_role("sources"), "sources"),
        "documents_rel": _rel(datasets.by_role("legal-documents"), "legal_documents"),
        "status_example": "da_thuc_hien" if "da_thuc_hien" in statuses else (statuses or ["<mã>"])[0],
        "example": f"\n# Ví dụ đầy đủ: {settings.relative(example)}" if example.is_file() else "",
    }
    return string.Template(SESSION_TEMPLATE).substitute(values)


# minhbach new package

def new_package(args: argparse.Namespace, settings: Settings) -> tuple[list[Path], list[str]]:
    """Write ``NAME/datapackage.yaml`` and a header-only ``NAME/data/NAME.csv`` in a new folder."""
    name = args.name
    folder = settings.datasets_dir / name
    if folder.exists():
        raise Refused(f"thư mục đã có, không ghi đè / folder exists, not overwritten: {settings.relative(folder)}")
    datasets = load_datasets(settings)
    taken = next((p for p in datasets.packages if p.name == name), None)
    if taken is not None:
        raise Refused(f"tên gói '{name}' đã dùng ở {taken.loaded.rel} / package name already used")
    sources = datasets.by_role("sources")
    values = {"name": name, "created": f"{settings.build_date.isoformat()}T00:00:00Z",
              "references": REFERENCES.format(package=sources.name) if sources else NO_REFERENCES}
    descriptor, table = folder / "datapackage.yaml", folder / "data" / f"{name}.csv"
    table.parent.mkdir(parents=True)
    _write_new(descriptor, string.Template(PACKAGE_TEMPLATE).substitute(values))
    _write_new(table, ",".join(COLUMNS) + "\n")
    return [descriptor, table], []


COLUMNS = ("id", "label_vi", "label_en", "value", "source_id", "flags", "note_vi", "note_en")

PLANNED = """
# Ngày này sau hôm nay nên phiên được đánh dấu là dự kiến (planned). Khi phiên đã diễn ra, xóa dòng này.
planned: true
"""
NOT_PLANNED = """
# Chỉ cho phiên chưa diễn ra (ngày sau hôm nay): planned: true.
# planned: true
"""

SESSION_TEMPLATE = """\
# =====================================================================================================
# Phiên giám sát ngày $date_human – tệp khung do `minhbach new session` tạo.
#
# Tệp này đã hợp lệ: nó chỉ chứa điều bạn đã cho biết (ngày, hình thức, cơ quan được giám sát) và điều
# suy ra trực tiếp từ đó (mã phiên, tên cơ quan). Không có giá trị nào là bịa ra.
# Việc của bạn: bổ sung theo nguồn. Các khóa còn lại đã viết sẵn nhưng đang tắt bằng dấu "#" ở đầu dòng;
# khi có thông tin, xóa dấu "#" (giữ nguyên thụt lề) và thay phần <...>. Chưa có nguồn thì để nguyên,
# không đoán. Mỗi giá trị được đọc như văn bản, nên "9/9" hay "010" giữ nguyên.$example
# Định dạng: docs/data-format.md · Hướng dẫn: docs/huong-dan.md · Mã lỗi: docs/problems.md
# Kiểm tra: minhbach validate
# =====================================================================================================

# Mã phiên: duy nhất trong toàn bộ dữ liệu, dựng từ ngày và slug. Mã đầy đủ của một kết luận là mã phiên
# + "-" + mã kết luận (ví dụ $id-K01).
id: $id

# Ngày làm việc (YYYY-MM-DD). Nếu nguồn chỉ nêu tháng hoặc năm: ghi ngày 01 của tháng/năm đó và đổi
# date_precision thành month hoặc year. Ngày suy ra (nguồn không nêu thẳng) thì giải thích ở date_note_vi
# và thêm cờ inferred vào flags.
date: $date
date_precision: day
# date_note_vi: <nguồn nói gì về ngày này>
# date_note_en: <the same in English>
$planned
# Chủ thể giám sát. Ghi rõ hơn nếu nguồn nêu, ví dụ "HĐND TP.HCM – Đoàn giám sát",
# "HĐND TP.HCM – Kỳ họp thứ 6 khóa X" hay "HĐND TP.HCM – Thường trực HĐND".
body_vi: $body_vi
body_en: $body_en

# Hình thức giám sát: mã trong $forms_rel.
$form_codes
form: $form

# Các cơ quan được giám sát: mã trong $agencies_rel (có thể để trống: []).
# Cơ quan không có mã (ví dụ một phường) thì ghi ở supervised_other_vi.
agencies: $agencies
# supervised_other_vi: <cơ quan được giám sát không có mã>
# supervised_other_en: <the same in English>

# Chủ đề: câu dưới đây chỉ ghép hình thức và tên các cơ quan bạn đã cho. Hãy thay bằng chủ đề như nguồn
# nêu (diễn đạt lại, không chép nguyên văn bài báo), cả tiếng Việt và tiếng Anh.
topic_vi: $topic_vi
topic_en: $topic_en

# Nguồn của phiên: mã trong $sources_rel. Thêm bài viết hay văn bản bạn dùng vào bảng
# nguồn trước, rồi ghi mã ở đây. Một phiên nên có ít nhất một nguồn.
# sources: [<mã-nguồn>]

# Người chủ trì và vai trò TẠI THỜI ĐIỂM giám sát (vai trò thay đổi theo thời gian).
# chair: <họ tên>
# chair_role_vi: <chức vụ, ví dụ Phó Chủ tịch HĐND TP>
# chair_role_en: <role, e.g. Vice-Chair of the City People's Council>

# Thành viên đoàn và người được nguồn nêu tên. Ghi rõ vai trò, để người báo cáo cho cơ quan được giám sát
# không bị lẫn với thành viên đoàn.
# members:
#   - name: <họ tên>
#     role_vi: <vai trò>
#     role_en: <role>

# Giai đoạn của chương trình được giám sát, và các văn bản được viện dẫn (số hiệu đúng như cột doc_number
# trong $documents_rel).
# programme_period: <ví dụ 2022-2025>
# legal_basis: [<số hiệu văn bản>]

# Tóm tắt vài câu theo nguồn. Nêu cả điều CHƯA tìm thấy (ví dụ chưa có báo cáo kết quả giám sát).
# summary_vi: >-
#   <tóm tắt>
# summary_en: >-
#   <summary>

# Cờ chất lượng của cả phiên, cách nhau bởi dấu cách: derived, inferred, conflicting, approximate, secondary.
# flags: inferred

# -----------------------------------------------------------------------------------------------------
# facts: điều các cơ quan báo cáo. "value" giữ nguyên như nguồn nêu, đặt trong dấu nháy kép ("9/9", "~12").
# -----------------------------------------------------------------------------------------------------
# facts:
#   - id: F01
#     agency: $first_agency
#     statement_vi: <điều cơ quan báo cáo>
#     statement_en: <the same in English>
#     value: "<giá trị như nguồn nêu>"
#     unit_vi: <đơn vị>
#     unit_en: <unit>
#     source: <mã-nguồn>

# -----------------------------------------------------------------------------------------------------
# issues: vấn đề do thành viên đoàn nêu. Khi nguồn không nói vấn đề hướng tới cơ quan nào, cơ quan nhận
# được suy ra từ nội dung: thêm flags: inferred.
# -----------------------------------------------------------------------------------------------------
# issues:
#   - id: Y01
#     raised_by: <ai nêu; nếu nguồn không nói rõ: Thành viên Đoàn giám sát>
#     addressees: $agencies
#     text_vi: <vấn đề>
#     text_en: <issue>
#     category: <nhóm, chữ thường và dấu -, ví dụ tuyen-dung>
#     source: <mã-nguồn>

# -----------------------------------------------------------------------------------------------------
# recommendations: kết luận, kiến nghị. status_history CHỈ ghi khi có thông tin; không có thì trang hiện
# "chưa có thông tin". Mỗi mốc trạng thái cần evidence (mã nguồn) hoặc note_vi giải thích căn cứ.
# Trạng thái: mã trong $statuses_rel.
# -----------------------------------------------------------------------------------------------------
# recommendations:
#   - id: K01
#     addressees: $agencies
#     text_vi: <kết luận, kiến nghị>
#     text_en: <recommendation>
#     category: <nhóm>
#     due: <YYYY-MM-DD, chỉ khi nguồn nêu hạn>
#     source: <mã-nguồn>
#     status_history:
#       - date: <YYYY-MM-DD>
#         status: $status_example
#         evidence: <mã-nguồn cho thấy trạng thái này>
#         note_vi: <căn cứ>
#         note_en: <basis>

# -----------------------------------------------------------------------------------------------------
# responses: ý kiến phản hồi của cơ quan (lời của chính cơ quan, có ngày và nguồn).
# -----------------------------------------------------------------------------------------------------
# responses:
#   - agency: $first_agency
#     date: <YYYY-MM-DD>
#     text_vi: <nội dung phản hồi>
#     text_en: <the response in English>
#     source: <mã-nguồn>
"""

REFERENCES = """\
      # Mỗi source_id phải có trong bảng nguồn (kiểm tra chéo gói). Nhiều nguồn: cách nhau bởi "; ".
      references:
        - {{fields: source_id, package: {package}, resource: sources, key: source_id}}
"""

NO_REFERENCES = """\
      # Không tìm thấy gói nguồn (x-minhbach.role: sources), nên source_id chưa được kiểm tra chéo.
      # references:
      #   - {fields: source_id, package: <gói nguồn>, resource: sources, key: source_id}
"""

PACKAGE_TEMPLATE = """\
# =====================================================================================================
# Gói dữ liệu "$name" – tệp khung do `minhbach new package` tạo.
#
# Gói này đã hợp lệ: một bảng (data/$name.csv) mới có dòng tiêu đề, chưa có dòng dữ liệu nào.
# Việc của bạn: đặt tên và mô tả gói, sửa các cột cho đúng dữ liệu của bạn (dòng tiêu đề của tệp CSV phải
# khớp tên và thứ tự các trường trong schema bên dưới), rồi thêm dữ liệu. Mỗi dòng nêu một con số cần có
# source_id; không tìm thấy số liệu thì để ô trống, không đoán.
# Các khóa đang tắt bằng dấu "#" là gợi ý: xóa dấu "#" (giữ nguyên thụt lề) khi dùng.
# Quy ước: docs/data-format.md · Hướng dẫn: docs/huong-dan.md · Kiểm tra: minhbach validate
# =====================================================================================================

# Tên gói: trùng tên thư mục; chữ thường không dấu, số và "-". Địa chỉ trang của gói dựa vào tên này.
name: $name

# Tên hiển thị bằng tiếng Việt. Tạm thời là tên gói; hãy thay bằng một tên dễ hiểu.
title: $name
# description: |
#   <Mô tả bằng tiếng Việt (Markdown): dữ liệu gì, lấy từ đâu, còn thiếu gì.>
version: 0.1.0
created: '$created'

# Giấy phép của dữ liệu, theo điều kiện của nguồn. Các gói hiện có dùng CC-BY-4.0, ví dụ:
# licenses:
#   - name: CC-BY-4.0
#     path: https://creativecommons.org/licenses/by/4.0/
#     title: Creative Commons Attribution 4.0

# Các trang nguồn chính và người biên soạn:
# sources:
#   - title: <tên trang>
#     path: <https://...>
# contributors:
#   - title: <người hoặc nhóm>
#     role: author

# Phần riêng của Minh Bạch: tên, mô tả tiếng Anh và nhóm trên trang danh mục dữ liệu.
x-minhbach:
  title_en: $name
  # description_en: |
  #   <English description>
  # theme: <nhóm, ví dụ chi-so>

resources:
  - name: $name
    path: data/$name.csv
    # title: <tên bảng>
    # description: <bảng này có gì>
    format: csv
    mediatype: text/csv
    encoding: utf-8
    schema:
      # Ô trống nghĩa là không có dữ liệu.
      missingValues: ['']
      # Mỗi trường là một cột của tệp CSV, đúng thứ tự. Kiểu (type): string, number, integer, date, year,
      # boolean... Số dùng dấu chấm thập phân (84.70); giá trị không phải số (ví dụ "top 15") ghi vào note_vi.
      fields:
        - name: id
          type: string
          title: Mã
          description: Mã riêng của mỗi dòng.
          constraints: {required: true, unique: true}
          x-minhbach: {title_en: Id}
        - name: label_vi
          type: string
          title: Tên
          x-minhbach: {title_en: Label (Vietnamese)}
        - name: label_en
          type: string
          title: Tên tiếng Anh
          x-minhbach: {title_en: Label (English)}
        - name: value
          type: number
          title: Giá trị
          x-minhbach: {title_en: Value}
        - name: source_id
          type: string
          title: Nguồn
          x-minhbach: {title_en: Source}
        # Cờ chất lượng, cách nhau bởi dấu cách: derived, inferred, conflicting, approximate, secondary.
        - name: flags
          type: string
          title: Cờ chất lượng
          x-minhbach: {title_en: Quality flags}
        - name: note_vi
          type: string
          title: Ghi chú
          x-minhbach: {title_en: Note (Vietnamese)}
        - name: note_en
          type: string
          title: Ghi chú tiếng Anh
          x-minhbach: {title_en: Note (English)}
      primaryKey: [id]
    x-minhbach:
      title_en: $name
$references"""
