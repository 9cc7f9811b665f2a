"""The build driver ``minhbach build`` calls: one language after the other (worker.py), each building into a
fresh folder beside the output, swapped into place (English under ``en/``) only when every language
succeeded, while a pool of small processes draws the charts; and ``serve``.

MkDocs' own log goes through one handler set up here: the plugin's lines (``minhbach: ...``) to standard
output, MkDocs' warnings and errors to standard error, its progress chatter nowhere.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from mkdocs.utils.yaml import yaml_load

from generator import pipeline
from generator.core import output_folder
from generator.core.charts.renderer import ChartRenderer
from generator.core.charts.spec import CardFiles, ChartFiles, chart_csv
from generator.core.deps import DepMap, complete
from generator.core.edit import edit_base
from generator.core.settings import Settings
from generator.mkdocs.worker import LanguageJob, LanguageResult, run_language
from generator.pipeline import Prepared


def site_url(config_file: Path) -> str:
    """The site's address as the (Vietnamese) MkDocs config gives it, read with MkDocs' own YAML loader
    (``!ENV``, ``INHERIT``), with a trailing slash; "" when it is not set."""
    url = str(_config(config_file).get("site_url") or "").strip()
    return url if not url or url.endswith("/") else url + "/"


def edit_url(config_file: Path) -> str:
    """Where a project file is edited in the repository MkDocs' ``repo_url``/``edit_uri`` name ("" for none):
    the base of the "Góp ý / bổ sung bằng chứng" links (core/edit.py)."""
    config = _config(config_file)
    edit_uri = config.get("edit_uri")
    return edit_base(str(config.get("repo_url") or ""), None if edit_uri is None else str(edit_uri),
                     str(config.get("docs_dir") or "docs"))


def _config(config_file: Path) -> dict:
    with config_file.open("rb") as handle:
        return yaml_load(handle) or {}


def build_site(configs: dict[str, Path], settings: Settings, prepared: Prepared, out: Path) -> tuple[int, dict]:
    """Build every language, one after the other (worker.py), while a pool draws their charts; 0 when the
    site is in place, 1 when a build failed (``out`` untouched). The stats of the build come back too. The
    caller holds the output's lock and has checked that ``out`` may be replaced (core/output_folder.py)."""
    # MkDocs stamps sitemap.xml and its gzip with "now" unless SOURCE_DATE_EPOCH says otherwise; the build
    # date pins it so that the same inputs give the same bytes.
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(datetime.combine(
        settings.build_date, datetime.min.time(), tzinfo=UTC).timestamp())))
    # One folder per language: MkDocs empties its site_dir first, so one language cannot build inside another's.
    folders = {lang: output_folder.staging_folder(out, lang) for lang in configs}
    # Each language's pages, written as they are made (marked too: an interrupted build's are cleared).
    pages = {lang: output_folder.staging_folder(out, f"{lang}-pages") for lang in configs}
    try:
        with mkdocs_log():
            results, failures, stats = _build_languages(configs, folders, pages, prepared)
        if failures:
            for lang, message in failures.items():
                print(f"minhbach: MkDocs thất bại / MkDocs failed ({lang}): {message}", file=sys.stderr)
            return 1, stats
        _swap(configs, folders, out)
    finally:
        for folder in [*folders.values(), *pages.values()]:
            shutil.rmtree(folder, ignore_errors=True)
    total = sum(result.pages for result in results.values())
    print(f"minhbach: {total} trang / pages ({', '.join(results)}) -> {out}")
    return 0, stats


def _build_languages(configs: dict[str, Path], folders: dict[str, Path], pages: dict[str, Path],
                     prepared: Prepared) -> tuple[dict[str, LanguageResult], dict[str, str], dict]:
    """Each language in turn; charts are drawn by the parent's pool meanwhile and written into each
    language's folder at the end; the dependency map of each language is saved once all succeeded."""
    site = prepared.site
    started = time.perf_counter()
    inputs = pipeline.unit_inputs(site)
    maps = {lang: DepMap.load(site.cache, site.settings, lang) for lang in configs}
    # The digests of every input the previous build's pages depended on: what decides which pages are reused.
    digests = {key: inputs.digest(key) for depmap in maps.values() for key in sorted(depmap.keys())}
    stats: dict[str, float] = {"inputs_s": time.perf_counter() - started}
    renderer = ChartRenderer(site.cache, site.settings.jobs, small_workers=True)
    results, failures = {}, {}
    first = next(iter(configs))
    for lang, config in configs.items():
        job = LanguageJob(lang, config, folders[lang], pages[lang], site, digests,
                          prepared.shared if lang == first else [])
        results[lang], error = run_language(job, lambda done: renderer.submit(
            [c.chart for c in done.charts] + [c.card for c in done.cards]))
        for name, value in results[lang].stats.items():
            key = f"{name}_{lang}" if name.startswith("units") else name
            stats[key] = stats.get(key, 0.0) + value
        if error:
            failures[lang] = error
            break
    started = time.perf_counter()
    files, chart_stats = renderer.finish()
    if not failures:
        for lang, result in results.items():
            _write_charts(folders[lang], result.charts, files)
            _write_cards(folders[lang], result.cards, files)
        for lang, result in results.items():
            maps[lang].save(complete(result.records, inputs))
    # damaged entries of the one cache (charts, downloads, units, validation), found and made again
    stats.update(charts_wait_s=time.perf_counter() - started, charts_rendered=chart_stats.rendered,
                 charts_cached=chart_stats.cached, cache_discarded=site.cache.stats.discarded)
    return results, failures, stats


def _write_charts(folder: Path, charts: list[ChartFiles], files: dict[str, tuple[bytes, bytes]]) -> None:
    """Each chart's SVG, PNG and CSV into a language's folder, at the URIs its pages link to."""
    for item in charts:
        svg, png = files[item.chart.key()]
        for uri, data in ((item.svg_uri, svg), (item.png_uri, png), (item.csv_uri, chart_csv(item.chart))):
            path = folder / uri
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


def _write_cards(folder: Path, cards: list[CardFiles], files: dict[str, tuple[bytes, bytes]]) -> None:
    """Each page's share image (PNG) into a language's folder, where its page's metadata names it."""
    for item in cards:
        path = folder / item.png_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[item.card.key()][1])


def _swap(configs: dict[str, Path], folders: dict[str, Path], out: Path) -> None:
    """The other languages go under the first's folder, which then takes the place of ``out``."""
    staging = folders[next(iter(configs))]
    for lang, folder in folders.items():
        if folder != staging:
            (folder / output_folder.MARKER).unlink()  # the site's own marker is at its root
            folder.rename(staging / lang)
    output_folder.swap(out, staging)


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


def serve(out: Path, dev_addr: str, rebuild: Callable[[], object], watched: list[Path]) -> None:
    """``minhbach serve``: the site ``rebuild`` builds into ``out`` (both languages, as ``minhbach build``
    builds them: an edit costs what it touches), served at ``dev_addr``; a change to anything ``watched`` (the
    data, the docs, the configs) rebuilds it and reloads the page in the browser. A rebuild that fails (invalid
    data) leaves the last good site served; the problems are printed."""
    from mkdocs.livereload import LiveReloadServer

    host, _, port = dev_addr.rpartition(":")
    rebuild()
    server = LiveReloadServer(builder=rebuild, host=host or "127.0.0.1", port=int(port), root=str(out))

    def error_page(code: int) -> bytes | None:
        page = out / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    for path in watched:
        if path.exists():
            server.watch(str(path))
    print(f"minhbach: xem trước tại / previewing at http://{host or '127.0.0.1'}:{port}/ (vi) và / and "
          f"http://{host or '127.0.0.1'}:{port}/en/ (en); Ctrl+C để dừng / to stop", flush=True)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
