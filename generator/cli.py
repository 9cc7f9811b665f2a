"""Command line: argument parsing and printing only; the work is in ``pipeline``.

Exit codes: 0 valid (warnings allowed), 1 problems found (or the build failed), 2 could not run.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from generator.core.build_stamp import BuildStamp, inputs_digest
from generator.core.cache import Cache
from generator.core.settings import DEFAULT_MAX_FILE_BYTES, Settings, parse_build_date

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--datasets", default="datasets", help="thư mục gói dữ liệu / data packages folder")
    parser.add_argument("--lang", choices=("vi", "en"), default="vi", help="ngôn ngữ thông báo / message language")
    parser.add_argument("--strict", action="store_true", help="cảnh báo cũng là lỗi / warnings fail the run")
    parser.add_argument("--build-date", help="ngày xây dựng YYYY-MM-DD (mặc định: hôm nay) / build date")
    parser.add_argument("--max-file-bytes", type=int, default=DEFAULT_MAX_FILE_BYTES,
                        help="kích thước tệp tối đa / largest file accepted, in bytes")
    parser.add_argument("--cache-dir", help="thư mục bộ nhớ đệm (mặc định .cache/minhbach) / cache folder")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="số tiến trình (biểu đồ; mỗi ngôn ngữ một tiến trình) / "
                             "processes for charts and for the per-language builds")


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="minhbach", description="Minh Bạch: dữ liệu minh bạch / transparency data")
    commands = root.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="kiểm tra dữ liệu / validate the data")
    _common(validate)
    validate.add_argument("--format", choices=("text", "json", "github"), default="text")
    build = commands.add_parser("build", help="kiểm tra rồi xây dựng trang / validate, then build the site")
    _common(build)
    build.add_argument("--out", default="site", help="thư mục đầu ra / output folder")
    build.add_argument("--config", default="mkdocs.yml", help="tệp cấu hình MkDocs / MkDocs config file")
    new = commands.add_parser("new", help="tạo khung tệp mới / scaffold a new file")
    from generator import scaffold

    scaffold.add_arguments(new)
    serve = commands.add_parser("serve", help="xem trước, tự xây lại khi dữ liệu đổi / live preview")
    serve.add_argument("--config", default="mkdocs.yml")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000")
    return root


def settings_from(args: argparse.Namespace) -> Settings:
    return Settings(datasets_dir=Path(args.datasets).resolve(), root=Path.cwd(),
                    build_date=parse_build_date(args.build_date), lang=args.lang, max_file_bytes=args.max_file_bytes,
                    cache_dir=Path(args.cache_dir).resolve() if args.cache_dir else None, jobs=max(1, args.jobs))


def _missing_datasets(settings: Settings) -> bool:
    if settings.datasets_dir.is_dir():
        return False
    print(f"minhbach: không có thư mục {settings.datasets_dir} / folder not found; dùng --datasets DIR",
          file=sys.stderr)
    return True


def cmd_validate(args: argparse.Namespace) -> int:
    from generator import pipeline
    from generator.core.problems import fails, format_github, format_json, format_text

    settings = settings_from(args)
    if _missing_datasets(settings):
        return EXIT_USAGE
    _, _, problems = pipeline.check(settings)
    failed = fails(problems, args.strict)
    if args.format == "json":
        sys.stdout.write(format_json(problems, not failed, settings.lang))
    elif args.format == "github":
        sys.stdout.write(format_github(problems, settings.lang))
    else:
        sys.stdout.write(format_text(problems, settings.lang))
    return EXIT_INVALID if failed else EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    if _missing_datasets(settings):
        return EXIT_USAGE
    config_file = Path(args.config)
    if not config_file.is_file():
        print(f"minhbach: không thấy {config_file} / {config_file} not found", file=sys.stderr)
        return EXIT_USAGE
    configs = language_configs(config_file)
    out = Path(args.out).resolve()
    cache = Cache(settings.cache)
    with cache.exclusive():
        return _build(args, settings, config_file, configs, out, cache)


def _build(args: argparse.Namespace, settings: Settings, config_file: Path, configs: dict[str, Path], out: Path,
           cache: Cache) -> int:
    started = time.time()
    stamp = BuildStamp(cache)
    inputs = inputs_digest(settings, config_file.resolve().parent, out,
                           {"configs": sorted(map(str, configs.values())), "strict": args.strict})
    if stamp.up_to_date(out, inputs):
        print(f"minhbach: {out} đã cập nhật, không có gì thay đổi / up to date: nothing changed since the last build")
        return EXIT_OK
    # Imported here: an up-to-date check must not pay for Frictionless, matplotlib and MkDocs.
    from generator import pipeline
    from generator.core.problems import fails, format_text

    result = pipeline.run(settings, strict=args.strict, langs=tuple(configs))
    if result.problems:
        sys.stderr.write(format_text(result.problems, settings.lang))
    if fails(result.problems, args.strict):
        print("minhbach: không xây dựng; trang cũ giữ nguyên / not built; the previous site is untouched",
              file=sys.stderr)
        return EXIT_INVALID
    print(stage_line(result.stats))
    code = _build_site(configs, settings, result, out)
    if code == EXIT_OK:
        stamp.record(out, inputs)
        cache.finish_build(started)
    return code


def stage_line(stats: dict[str, float]) -> str:
    """One plain line of where the time went (read by bench/run.py, useful in CI logs)."""
    parts = [f"{name}={stats[name]:.2f}s" for name in ("validate_s", "downloads_s", "render_s", "charts_s")
             if name in stats]
    if "charts_rendered" in stats:
        parts.append(f"charts_rendered={int(stats['charts_rendered'])} charts_cached={int(stats['charts_cached'])}")
    if "cache_discarded" in stats:
        parts.append(f"cache_discarded={int(stats['cache_discarded'])}")
    return "minhbach: stages " + " ".join(parts)


def language_configs(config_file: Path) -> dict[str, Path]:
    """The MkDocs config of each language: ``mkdocs.yml`` (Vietnamese) and, beside it, ``mkdocs.en.yml``."""
    configs = {"vi": config_file}
    english = config_file.with_name(f"{config_file.stem}.en{config_file.suffix}")
    if english.is_file():
        configs["en"] = english
    return configs


def _build_site(configs: dict[str, Path], settings: Settings, result, out: Path) -> int:  # noqa: ANN001
    """Build every language into fresh folders beside ``out`` and swap them in (English under ``en/``) only
    when every MkDocs build succeeded. With more than one job, the other languages build in forked
    processes while the first builds here: the two MkDocs builds are independent and each takes one core."""
    # MkDocs stamps sitemap.xml and its gzip with "now" unless SOURCE_DATE_EPOCH says otherwise; the build
    # date pins it so that the same inputs give the same bytes.
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(datetime.combine(
        settings.build_date, datetime.min.time(), tzinfo=UTC).timestamp())))
    out.parent.mkdir(parents=True, exist_ok=True)
    # One folder per language: MkDocs empties its site_dir first, so one language cannot build inside another's.
    folders = {lang: Path(tempfile.mkdtemp(prefix=f".{out.name}-{lang}-", dir=out.parent)) for lang in configs}
    started = time.perf_counter()
    failures = _build_languages(configs, folders, settings, result)
    if failures:
        for folder in folders.values():
            shutil.rmtree(folder, ignore_errors=True)
        for lang, message in failures.items():
            print(f"minhbach: MkDocs thất bại / MkDocs failed ({lang}): {message}", file=sys.stderr)
        return EXIT_INVALID
    staging = folders.pop(next(iter(configs)))
    for lang, folder in folders.items():
        folder.rename(staging / lang)
    previous = out.with_name(f".{out.name}-previous")
    shutil.rmtree(previous, ignore_errors=True)
    if out.exists():
        out.rename(previous)
    staging.rename(out)
    shutil.rmtree(previous, ignore_errors=True)
    print(f"minhbach: stages mkdocs_s={time.perf_counter() - started:.2f}s")
    pages = sum(len(output.pages) for output in result.outputs.values())
    print(f"minhbach: {pages} trang / pages ({', '.join(result.outputs)}) -> {out}")
    return EXIT_OK


def _build_languages(configs: dict[str, Path], folders: dict[str, Path], settings: Settings,
                     result) -> dict[str, str]:  # noqa: ANN001
    """Run MkDocs for every language; the failures by language (empty when all succeeded)."""
    import multiprocessing

    first, *others = configs
    parallel = settings.jobs > 1 and others and "fork" in multiprocessing.get_all_start_methods()
    children = {}
    if parallel:
        import gc

        gc.freeze()  # the children share the parent's objects copy-on-write; keep the collector off them
        context = multiprocessing.get_context("fork")
        for lang in others:
            children[lang] = context.Process(target=_child_build, args=(configs[lang], folders[lang], settings, result))
            children[lang].start()
        gc.unfreeze()  # only the children needed it
    failures = {}
    for lang in [first] if parallel else [first, *others]:
        message = _mkdocs_build(configs[lang], folders[lang], settings, result)
        if message:
            failures[lang] = message
    for lang, child in children.items():
        child.join()
        if child.exitcode != 0:
            failures[lang] = f"exit code {child.exitcode}"
    return failures


def _mkdocs_build(config_file: Path, site_dir: Path, settings: Settings, result) -> str:  # noqa: ANN001
    """One language's MkDocs build; the error message, or "" when it succeeded."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from generator.core.page_cache import PageCache

    try:
        config = load_config(str(config_file), site_dir=str(site_dir))
        plugin = config.plugins["minhbach"]
        plugin.settings, plugin.result = settings, result
        plugin.page_cache = PageCache(Cache(settings.cache))
        # "Dirty" is how MkDocs lets a plugin skip unchanged pages (see MinhBachPlugin._plan_reuse); the
        # site folder is new and empty all the same, so its warning about stale files does not apply.
        logging.getLogger("mkdocs.commands.build").addFilter(_no_dirty_warning)
        build(config, dirty=True)
    except (MkDocsException, OSError) as exc:
        return str(exc)
    return ""


def _no_dirty_warning(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith("A 'dirty' build is being performed")


def _child_build(config_file: Path, site_dir: Path, settings: Settings, result) -> None:  # noqa: ANN001
    message = _mkdocs_build(config_file, site_dir, settings, result)
    if message:
        print(f"minhbach: {message}", file=sys.stderr)
        sys.exit(1)


def cmd_new(args: argparse.Namespace) -> int:
    from generator import scaffold

    return scaffold.run(args)


def cmd_serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve

    serve(config_file=args.config, dev_addr=args.dev_addr, livereload=True)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code else EXIT_OK
    handlers = {"validate": cmd_validate, "build": cmd_build, "serve": cmd_serve, "new": cmd_new}
    try:
        return handlers[args.command](args)
    except (ValueError, OSError) as exc:
        print(f"minhbach: {exc}", file=sys.stderr)
        return EXIT_USAGE
