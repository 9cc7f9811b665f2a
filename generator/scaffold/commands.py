"""The ``minhbach new`` command line: its arguments, and the typed request it hands to the skeleton."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path

from generator.core.messages import CATALOGUE
from generator.core.names import NAME
from generator.core.settings import Settings, parse_build_date
from generator.scaffold import DEFAULT_FORM

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


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
    package.add_argument("name", type=_package_name,
                         help="tên gói: chữ thường không dấu, số, '-', '_', '.' / package name")
    package.add_argument("--datasets", default="datasets", help="thư mục gói dữ liệu / data packages folder")


def run(args: argparse.Namespace) -> int:
    """Write the skeleton and say what to do next; refusals exit 1, a missing datasets folder exits 2."""
    # Imported here: every command builds this parser, and these load the data model (0.1 s that ``minhbach
    # build`` spent on one core before its chart server started, and an up-to-date build spent for nothing).
    from generator.scaffold.common import Refused
    from generator.scaffold.package import PackageRequest, new_package
    from generator.scaffold.session import SessionRequest, new_session

    folder = Path(args.datasets)
    if not folder.is_dir():
        print(f"minhbach new: không có thư mục {folder} / folder not found; dùng --datasets DIR", file=sys.stderr)
        return EXIT_USAGE
    settings = Settings(datasets_dir=folder.resolve(), root=Path.cwd(), build_date=parse_build_date(None))
    try:
        if args.kind == "session":
            request = SessionRequest(args.date, args.agencies, args.slug or "", args.form)
            written, notes = new_session(request, settings)
        else:
            written, notes = new_package(PackageRequest(args.name), settings)
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


def _package_name(text: str) -> str:
    """A name the descriptor check accepts (``descriptor-name``), refused with that check's own hint."""
    if not NAME.match(text):
        rule = CATALOGUE["descriptor-name"]
        raise argparse.ArgumentTypeError(f"'{text}': {rule.hint_vi} / {rule.hint_en}")
    # a name validate would refuse as one of the site's own addresses ("index", "minhbach-data"): said now, not
    # after the maintainer has filled in a skeleton that cannot publish. Imported here: the site's addresses load
    # the locales (YAML), which parsing a build's arguments must not (test_architecture)
    from generator import urls

    if own := urls.own_page(urls.DATASETS_DIR, text) or urls.own_download(text):
        rule = CATALOGUE["reserved-name"]
        raise argparse.ArgumentTypeError(f"'{text}' → {own}: {rule.hint_vi} / {rule.hint_en}")
    return text


def _code_list(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(code.strip() for code in text.split(",") if code.strip()))
