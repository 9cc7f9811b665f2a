"""Command line: argument parsing and printing only; the work is in ``pipeline``.

Exit codes: 0 valid (warnings allowed), 1 problems found (or the MkDocs build failed), 2 could not run (a
refused output folder, a missing input, an unexpected error: one line, never a traceback).
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import gc
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from generator.core import cache as cache_folder
from generator.core import collector, kept, output_folder
from generator.core.build_stamp import BuildStamp, config_environment, inputs_digest
from generator.core.cache import Cache
from generator.core.settings import DEFAULT_MAX_FILE_BYTES, Settings, parse_build_date
from generator.core.timing import Stages
from generator.mkdocs.configs import docs_dirs, language_configs

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 128 + signal.SIGINT  # 130, as a shell reports a command Ctrl+C stopped


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--datasets", default="datasets", help="thư mục gói dữ liệu / data packages folder")
    parser.add_argument("--lang", choices=("vi", "en"), default="vi", help="ngôn ngữ thông báo / message language")
    parser.add_argument("--strict", action="store_true", help="cảnh báo cũng là lỗi / warnings fail the run")
    parser.add_argument("--build-date", help="ngày xây dựng YYYY-MM-DD (mặc định: hôm nay) / build date")
    parser.add_argument("--max-file-bytes", type=int, default=DEFAULT_MAX_FILE_BYTES,
                        help="kích thước tối đa của một tệp, và của các tệp một tài nguyên cộng lại / largest file "
                             "accepted, and largest total of one resource's files, in bytes")
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
    build.add_argument("--site-url", help="địa chỉ công khai của trang (thay site_url trong mkdocs.yml) / "
                                          "the published site's address (overrides site_url in mkdocs.yml)")
    new = commands.add_parser("new", help="tạo khung tệp mới / scaffold a new file")
    from generator.scaffold.commands import add_arguments

    add_arguments(new)
    serve = commands.add_parser("serve", help="xem trước, tự xây lại khi dữ liệu đổi / live preview")
    _common(serve)
    serve.add_argument("--config", default="mkdocs.yml", help="tệp cấu hình MkDocs / MkDocs config file")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="địa chỉ xem trước / preview address")
    serve.add_argument("--poll", action="store_true",
                       help="kiểm tra thay đổi mỗi 0,5 giây thay vì chờ sự kiện của hệ thống (ổ mạng, container) / "
                            "check for changes every 0.5 s instead of the system's file events (network drives, "
                            "containers)")
    return root


def settings_from(args: argparse.Namespace) -> Settings:
    site_url = (getattr(args, "site_url", None) or "").strip()
    return Settings(datasets_dir=Path(args.datasets).resolve(), root=Path.cwd(),
                    build_date=parse_build_date(args.build_date), lang=args.lang, max_file_bytes=args.max_file_bytes,
                    cache_dir=Path(args.cache_dir).resolve() if args.cache_dir else None, jobs=max(1, args.jobs),
                    site_url=site_url if not site_url or site_url.endswith("/") else site_url + "/")


def _missing_datasets(settings: Settings) -> bool:
    if settings.datasets_dir.is_dir():
        return False
    print(f"minhbach: không có thư mục {settings.datasets_dir} / folder not found; dùng --datasets DIR",
          file=sys.stderr)
    return True


def _cache_refused(settings: Settings, project: Path | None = None, docs: tuple[Path, ...] = ()) -> bool:
    """Whether the cache folder is refused (then said): it must be a folder the cache may delete from
    (core/cache.refusal); an accepted one is marked as the cache's before anything is written into it. ``project``:
    the folder of the MkDocs config (``build``, ``serve``)."""
    protected = [cache_folder.Protected("thư mục dữ liệu", "the datasets folder", settings.datasets_dir, inside=True),
                 *(cache_folder.Protected("thư mục tài liệu", "the docs folder", d, inside=True) for d in docs),
                 *([cache_folder.Protected("thư mục dự án", "the project folder", project)] if project else []),
                 cache_folder.Protected("thư mục đang đứng", "the current folder", Path.cwd()),
                 cache_folder.Protected("thư mục nhà", "the home folder", Path.home()),
                 cache_folder.Protected("thư mục gốc /", "the root folder /", Path("/"))]
    refused = cache_folder.refusal(settings.cache, protected)
    if refused is None:
        cache_folder.claim(settings.cache)
        return False
    print(f"minhbach: không dùng {settings.cache} làm bộ nhớ đệm: {refused[0]}; chọn --cache-dir là một thư mục "
          f"mới hoặc trống (mặc định .cache/minhbach) / not using {settings.cache} as the cache: {refused[1]}; give "
          "--cache-dir a new or empty folder (default .cache/minhbach)", file=sys.stderr)
    return True


def cmd_validate(args: argparse.Namespace) -> int:
    from generator import pipeline
    from generator.core.problems import fails, format_github, format_json, format_text

    settings = settings_from(args)
    if _missing_datasets(settings) or _cache_refused(settings):
        return EXIT_USAGE
    problems = pipeline.check(settings).problems
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
    refused = output_folder.refusal(out, output_folder.Inputs(
        config_file.resolve().parent, settings.datasets_dir, docs_dirs(configs), settings.cache, Path.cwd()))
    if refused:
        print(f"minhbach: không ghi vào {out}: {refused[0]}; chọn --out là một thư mục mới hoặc trống / "
              f"refusing to write into {out}: {refused[1]}; give --out a new or empty folder", file=sys.stderr)
        return EXIT_USAGE
    if _cache_refused(settings, config_file.resolve().parent, docs_dirs(configs)):
        return EXIT_USAGE
    cache = Cache(settings.cache)
    # The output's lock first, then the cache's: every build takes them in this order, so none waits on another
    # that waits on it.
    with output_folder.exclusive(out, lambda: _waiting(out)), cache.exclusive():
        output_folder.recover(out)
        return _build(args, settings, config_file, configs, out, cache)


def _waiting(out: Path) -> None:
    print(f"minhbach: một lần xây dựng khác đang ghi vào {out}; chờ nó xong / "
          f"another build is writing into {out}; waiting for it to finish", file=sys.stderr, flush=True)


def _build(args: argparse.Namespace, settings: Settings, config_file: Path, configs: dict[str, Path], out: Path,
           cache: Cache, first_in_process: bool = True,
           charts_later: Callable[[Callable[[], bool]], None] | None = None) -> int:
    """Build the site into ``out``; its exit code. With ``charts_later`` (``serve``), the site is published as
    soon as its pages are built, and the rest of the build (the charts still being drawn, the stamp, deleting
    the previous site) is a function handed to ``charts_later`` to run when it likes, instead of being waited
    for here."""
    started = time.time()
    stages = Stages(since_process_start=first_in_process)
    stamp = BuildStamp(cache)
    with stages.stage("stamp_s"):
        inputs = inputs_digest(settings, config_file.resolve().parent, out,
                               {"configs": sorted(map(str, configs.values())), "strict": args.strict,
                                "environment": config_environment(list(configs.values()))})
        unchanged = stamp.up_to_date(out, inputs)
    if unchanged:
        print(f"minhbach: {out} đã cập nhật, không có gì thay đổi / up to date: nothing changed since the last build")
        return EXIT_OK
    if settings.jobs > 1:
        # The server the validation and chart pools' workers come from starts now, while this process imports
        # and validates: its own imports of Frictionless and matplotlib then cost no wait (core/workers.py).
        from generator.core.workers import warm_up

        warm_up(settings.datasets_dir)
    with stages.stage("imports_s"):
        # Imported here: an up-to-date check must not pay for Jinja and MkDocs (Frictionless and matplotlib are
        # imported later still, only when a package must be validated or a chart drawn).
        from generator import pipeline
        from generator.core.memory import large_blocks_straight_back
        from generator.core.problems import fails, format_text
        from generator.mkdocs.build import build_site, edit_url, fork_apart, language_roots, site_url, start_apart

    settings = replace(settings, site_url=settings.site_url or site_url(config_file), edit_url=edit_url(config_file))
    if not settings.site_url:
        print("minhbach: chưa biết địa chỉ công khai của trang (--site-url hoặc site_url trong mkdocs.yml): đường "
              "dẫn chuẩn, trích dẫn, thẻ chia sẻ và nguồn tin Atom sẽ là đường dẫn tương đối / the site's address is "
              "not known (--site-url, or site_url in mkdocs.yml): canonical links, citations, share cards and the "
              "Atom feed will be relative", file=sys.stderr)
    large_blocks_straight_back()
    # ``serve``: the last language is read and built whole in serve's worker meanwhile (mkdocs/build.py)
    serving = charts_later is not None
    apart = start_apart(configs, out, settings, args.strict) if serving else None
    try:
        # A build (not ``serve``, whose worker runs beside it already) validates small packages beside itself.
        prepared = pipeline.prepare_build(settings, strict=args.strict, cache=cache, bulk_later=serving,
                                          downloads_later=not serving, beside=not serving and settings.jobs > 1)
        stages.seconds.update({k: v for k, v in prepared.stats.items() if k.endswith("_s")})
        if prepared.problems and prepared.settled:
            sys.stderr.write(format_text(prepared.problems, settings.lang))
        if prepared.site is None:
            if apart is not None:
                apart.abandon()
            print(NOT_BUILT, file=sys.stderr)
            return EXIT_INVALID
        print(stage_line(prepared.stats))
        if not serving:  # a small build makes its last language in a child forked now (mkdocs/build.py)
            apart = fork_apart(configs, out, settings, prepared)
            pipeline.start_downloads(prepared)
    except BaseException:
        if apart is not None:
            apart.abandon()
        raise
    def accepted() -> bool:
        """Frictionless's verdicts found beside the build now in: every problem shown (sorted, as ``check`` shows
        them); whether the site may be published."""
        if prepared.settled:
            return True
        problems = prepared.settle()
        if problems:
            sys.stderr.write(format_text(problems, settings.lang))
        if fails(problems, args.strict):
            print(NOT_BUILT, file=sys.stderr)
            return False
        return True

    with stages.stage("languages_s"):
        try:
            code, stats, pending = build_site(configs, settings, prepared, out, charts_later=serving, apart=apart,
                                              accepted=accepted)
        except Exception:
            # Pages made from data Frictionless has yet to judge: when it finds the data invalid, that is
            # what the maintainer needs to read, not the error it led to.
            if not accepted():
                return EXIT_INVALID
            raise
    print(stage_line(stats))
    _language_stages(stages, stats)
    if code != EXIT_OK:
        return code

    def finish() -> bool:
        """The rest of the build; whether it wrote charts into the site (then the browsers should reload).
        ``serve``: no automatic collection before the explicit one at its end. A full one walks the model the
        process keeps (1.2 s at national scale) holding the interpreter, and the pages just served waited for it:
        in one run it fell in the maps' save, and the edit showed 1.7 s later than in the others."""
        with collector.paused() if charts_later is not None else contextlib.nullcontext():
            return _finish()

    def _finish() -> bool:
        written = False
        if pending is not None:
            charts = pending.finish(language_roots(configs, out))
            print(stage_line(charts) + " (biểu đồ đã vẽ xong / charts drawn)", flush=True)
            for name in ("maps_s", "charts_wait_s"):
                stages.add(name, charts.get(name, 0.0))
            written = charts["charts_written_late"] > 0
        with stages.stage("finish_s"):
            stamp.record(out, inputs)
            cache.finish_build(started)
            if charts_later is not None:
                output_folder.recover(out)  # the previous site and the staging folders, left by build_site
                gc.collect()  # the reference cycles build_site left uncollected so as to serve the pages sooner
        print(stages.line(), flush=True)
        return written

    if charts_later is None:
        finish()
        return code
    if pending is not None and pending.left:
        print(f"minhbach: trang đã sẵn sàng; còn {pending.left} biểu đồ đang vẽ, trang sẽ tải lại khi xong / pages "
              f"ready; {pending.left} charts still being drawn, the page reloads when they are", flush=True)
    charts_later(finish)
    return code


NOT_BUILT = "minhbach: không xây dựng; trang cũ giữ nguyên / not built; the previous site is untouched"
# The parts of building the languages that the build times: what is left of ``languages_s`` is set-up (the
# staging folders, MkDocs' log) and writing the charts into the sites.
LANGUAGE_STAGES = ("inputs_s", "pages_s", "release_s", "charts_queue_s", "downloads_wait_s", "mkdocs_s",
                   "apart_wait_s", "verdicts_wait_s", "maps_s", "charts_wait_s", "publish_s")


def _language_stages(stages: Stages, stats: dict[str, float]) -> None:
    """The parts of ``languages_s`` that the build reports, shown apart from it."""
    parts = [name for name in LANGUAGE_STAGES if name in stats]
    for name in parts:
        stages.seconds[name] = stats[name]
    stages.seconds["languages_s"] -= sum(stats[name] for name in parts)


def stage_line(stats: dict[str, float]) -> str:
    """One plain line of where the time went (read by bench/run.py, useful in CI logs)."""
    parts = [f"{name}={stats[name]:.2f}s" for name in ("validate_s", "models_s", *LANGUAGE_STAGES)
             if name in stats]
    if "charts_rendered" in stats:
        parts.append(f"charts_rendered={int(stats['charts_rendered'])} charts_cached={int(stats['charts_cached'])}")
    units = [f"{lang}:{int(stats[f'units_made_{lang}'])}/{int(stats[f'units_made_{lang}'] + stats[k])}"
             for k in stats if k.startswith("units_reused_") for lang in [k.removeprefix("units_reused_")]]
    if units:
        parts.append("units_made=" + ",".join(units))
    if "cache_discarded" in stats:
        parts.append(f"cache_discarded={int(stats['cache_discarded'])}")
    return "minhbach: stages " + " ".join(parts)


def cmd_new(args: argparse.Namespace) -> int:
    from generator.scaffold.commands import run

    return run(args)


def cmd_serve(args: argparse.Namespace) -> int:
    """Build both languages into a temporary folder as ``build`` does, serve it, rebuild on every change."""
    import shutil
    import tempfile

    settings = settings_from(args)
    config_file = Path(args.config)
    if _missing_datasets(settings) or not config_file.is_file():
        if not config_file.is_file():
            print(f"minhbach: không thấy {config_file} / {config_file} not found", file=sys.stderr)
        return EXIT_USAGE
    from generator.mkdocs.build import serve, stop_serve_worker

    configs = language_configs(config_file)
    if _cache_refused(settings, config_file.resolve().parent, docs_dirs(configs)):
        return EXIT_USAGE
    folder = Path(tempfile.mkdtemp(prefix="minhbach-serve-"))
    out, cache = folder / "site", Cache(settings.cache)
    # Watched with the data: a file written here when the charts of a build are drawn reloads the browsers.
    drawn = folder / "charts-drawn"
    drawn.mkdir()
    builds = 0
    finishing: list[threading.Thread] = []

    def charts_later(finish: Callable[[], bool]) -> None:
        def run() -> None:
            try:
                with cache.exclusive():
                    charts_written = finish()
            except Exception as exc:  # noqa: BLE001 - a bug: said, and the preview goes on with the pages
                print(unexpected(exc), file=sys.stderr, flush=True)
                return
            if charts_written:
                (drawn / "at").write_text(str(time.time()), "utf-8")

        finishing.append(threading.Thread(target=run, name="minhbach-charts", daemon=True))
        finishing[-1].start()

    def rebuild() -> None:
        nonlocal builds
        while finishing:  # the last build's charts are written before anything else touches the site
            finishing.pop().join()
        with cache.exclusive():
            _build(args, settings, config_file, configs, out, cache, first_in_process=builds == 0,
                   charts_later=charts_later)
        remembered.next_build()
        builds += 1

    # The tables, records and models of one build are kept for the next while their files are unchanged.
    remembered = kept.keep()
    # Stopped by its process manager (SIGTERM: a closed terminal, a stopped container, a test), a preview cleans up
    # as after Ctrl+C: its folder, and serve's worker, which would otherwise outlive it.
    stopped_by_default = signal.signal(signal.SIGTERM, _stop)
    try:
        serve(out, args.dev_addr, rebuild, [settings.datasets_dir, *configs.values(), *docs_dirs(configs), drawn],
              args.poll)
    finally:
        signal.signal(signal.SIGTERM, stopped_by_default)
        while finishing:
            finishing.pop().join()
        kept.stop_keeping()
        stop_serve_worker()
        shutil.rmtree(folder, ignore_errors=True)
    return EXIT_OK


def _stop(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


def run() -> None:
    """The ``minhbach`` command: ``main``, then exit without tearing the interpreter down.

    Why: freeing every module and object at exit took most of a second (and more with a national model in
    memory) after the work was done. The exit handlers still run and the output is flushed; only the
    teardown, which writes nothing, is skipped (not under a profiler or tracer: they write at teardown)."""
    code = main()
    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code else EXIT_OK
    handlers = {"validate": cmd_validate, "build": cmd_build, "serve": cmd_serve, "new": cmd_new}
    # Stopped by SIGTERM (a cancelled CI job, ``timeout``), a command stops as after Ctrl+C: a build's staging
    # folders deleted, the workers drawing charts or validating chunks stopped. Killed outright, it left them
    # running, then waiting for ever, holding the output a CI step reads.
    stopped_by_default = _on_sigterm(_stop)
    try:
        return handlers[args.command](args)
    except UnicodeError as exc:  # a ValueError, but never the user's: text the data let through and we could not
        return _bug(exc)        # write (a lone surrogate was printed as a one-line usage error, with no place)
    except (ValueError, OSError) as exc:
        _stop_drawing()
        print(f"minhbach: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # noqa: BLE001 - a bug: one line that says where to report it, exit 2
        return _bug(exc)
    except KeyboardInterrupt:  # Ctrl+C: no traceback, the exit code a shell gives a command SIGINT stopped
        _stop_drawing()
        print("minhbach: đã dừng / stopped", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BaseException:  # stopped by SIGTERM (``_stop``)
        _stop_drawing()
        raise
    finally:
        _on_sigterm(stopped_by_default)


def _bug(exc: Exception) -> int:
    """An unexpected error: the drawing stopped, one line that says where to report it (the traceback with
    MINHBACH_TRACEBACK), exit 2."""
    _stop_drawing()
    if os.environ.get("MINHBACH_TRACEBACK"):
        raise exc
    print(unexpected(exc), file=sys.stderr)
    return EXIT_USAGE


def _on_sigterm(handler: object) -> object:
    """Handle SIGTERM with ``handler``; the handler it replaces. A signal's handler is set from the main thread only
    (a command run from another, as a test may, keeps the one it has)."""
    if threading.current_thread() is not threading.main_thread():
        return handler
    return signal.signal(signal.SIGTERM, handler)


def _stop_drawing() -> None:
    """Charts still being drawn when the command fails are dropped, and their workers stopped (renderer.py's
    ``abandon``): the command exits then, instead of waiting for them, or for ever."""
    renderer = sys.modules.get("generator.core.charts.renderer")  # not imported: no chart was drawn
    if renderer is not None:
        renderer.abandon_all()


def unexpected(exc: BaseException) -> str:
    """The one line an unexpected error prints: what and where in the code, and who should hear of it."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" ({Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    return (f"minhbach: lỗi ngoài dự kiến / unexpected error: {type(exc).__name__}: {exc}{where}. "
            "Đây là lỗi của Minh Bạch, không phải của dữ liệu: hãy báo cho người bảo trì (mở một issue trong kho "
            "mã của dự án) kèm dòng này và lệnh đã chạy; MINHBACH_TRACEBACK=1 in toàn bộ vết lỗi / "
            "This is a bug in Minh Bạch, not in the data: please report it to the maintainers (an issue in the "
            "project's repository) with this line and the command you ran; MINHBACH_TRACEBACK=1 prints the "
            "whole traceback.")
