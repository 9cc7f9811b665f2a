"""The build driver ``minhbach build`` calls: one MkDocs build per language, each in a fresh folder beside
the output, swapped into place (English under ``en/``) only when every language succeeded; and ``serve``.

MkDocs' own log goes through one handler set up here: the plugin's lines (``minhbach: ...``) to standard
output, MkDocs' warnings and errors to standard error, its progress chatter nowhere.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.utils.yaml import yaml_load

from generator.core import output_folder
from generator.core.cache import Cache
from generator.core.page_cache import PageCache
from generator.core.render.output import Result
from generator.core.settings import Settings
from generator.mkdocs.plugin import BuildRequest


def site_url(config_file: Path) -> str:
    """The site's address as the (Vietnamese) MkDocs config gives it, read with MkDocs' own YAML loader
    (``!ENV``, ``INHERIT``), with a trailing slash; "" when it is not set."""
    with config_file.open("rb") as handle:
        url = str(yaml_load(handle).get("site_url") or "").strip()
    return url if not url or url.endswith("/") else url + "/"


def build_site(configs: dict[str, Path], settings: Settings, result: Result, out: Path) -> int:
    """Build every language; 0 when the site is in place, 1 when a MkDocs build failed (``out`` untouched).
    With more than one job, the other languages build in forked processes while the first builds here: the
    MkDocs builds are independent and each takes one core. The caller holds the output's lock and has
    checked that ``out`` may be replaced (core/output_folder.py)."""
    # MkDocs stamps sitemap.xml and its gzip with "now" unless SOURCE_DATE_EPOCH says otherwise; the build
    # date pins it so that the same inputs give the same bytes.
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(datetime.combine(
        settings.build_date, datetime.min.time(), tzinfo=UTC).timestamp())))
    # One folder per language: MkDocs empties its site_dir first, so one language cannot build inside another's.
    folders = {lang: output_folder.staging_folder(out, lang) for lang in configs}
    started = time.perf_counter()
    try:
        with mkdocs_log():
            failures = _build_languages(configs, folders, settings, result)
        if failures:
            for lang, message in failures.items():
                print(f"minhbach: MkDocs thất bại / MkDocs failed ({lang}): {message}", file=sys.stderr)
            return 1
        staging = folders.pop(next(iter(configs)))
        for lang, folder in folders.items():
            (folder / output_folder.MARKER).unlink()  # the site's own marker is at its root
            folder.rename(staging / lang)
        output_folder.swap(out, staging)
    finally:
        for folder in folders.values():
            shutil.rmtree(folder, ignore_errors=True)
    print(f"minhbach: stages mkdocs_s={time.perf_counter() - started:.2f}s")
    pages = sum(len(output.pages) for output in result.outputs.values())
    print(f"minhbach: {pages} trang / pages ({', '.join(result.outputs)}) -> {out}")
    return 0


def _build_languages(configs: dict[str, Path], folders: dict[str, Path], settings: Settings,
                     result: Result) -> dict[str, str]:
    """Run MkDocs for every language; the failures by language (empty when all succeeded)."""
    first, *others = configs
    parallel = settings.jobs > 1 and others and "fork" in multiprocessing.get_all_start_methods()
    children = {}
    if parallel:
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


def _mkdocs_build(config_file: Path, site_dir: Path, settings: Settings, result: Result) -> str:
    """One language's MkDocs build; the error message, or "" when it succeeded."""
    try:
        config = load_config(str(config_file), site_dir=str(site_dir))
        config.plugins["minhbach"].attach(BuildRequest(settings, result, PageCache(Cache(settings.cache))))
        # "Dirty" is how MkDocs lets a plugin skip unchanged pages (see reuse.py); the site folder is new and
        # empty all the same, so its warning about stale files does not apply.
        build(config, dirty=True)
    except (MkDocsException, OSError) as exc:
        return str(exc)
    return ""


def _child_build(config_file: Path, site_dir: Path, settings: Settings, result: Result) -> None:
    """A forked language's build: its failure is one line and an exit code, never a traceback."""
    try:
        message = _mkdocs_build(config_file, site_dir, settings, result)
    except Exception as exc:  # noqa: BLE001 - the parent reports the failure of this language
        message = f"{type(exc).__name__}: {exc}"
    if message:
        print(f"minhbach: {message}", file=sys.stderr, flush=True)
        sys.exit(1)


class _Handler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith("mkdocs.plugins.minhbach") and record.levelno < logging.WARNING:
            print(record.getMessage(), flush=True)
        elif record.levelno >= logging.WARNING and not _dirty_warning(record):
            print(f"minhbach: mkdocs: {record.levelname.lower()}: {record.getMessage()}", file=sys.stderr, flush=True)


def _dirty_warning(record: logging.LogRecord) -> bool:
    return str(record.msg).startswith("A 'dirty' build is being performed")


@contextmanager
def mkdocs_log() -> Iterator[None]:
    """MkDocs' log, as this command shows it, for the duration of a build."""
    logger = logging.getLogger("mkdocs")
    handler, level, propagate = _Handler(), logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


def serve(config_file: Path, dev_addr: str) -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve

    mkdocs_serve(config_file=str(config_file), dev_addr=dev_addr, livereload=True)
