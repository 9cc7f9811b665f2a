"""The one place that wires the stages: datasets -> checks -> models -> pages, charts and downloads.

Nothing here writes files; the CLI and the MkDocs adapter decide where the output goes. Everything is
gathered and checked before anything is rendered, so invalid data never reaches a site.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

from generator import agencies, home
from generator.catalogue import downloads as catalogue_downloads
from generator.catalogue import pages as catalogue_pages
from generator.catalogue.model import DatasetInfo, dataset_info
from generator.changes import pages as changes_pages
from generator.core.cache import Cache
from generator.core.charts.renderer import ChartRenderer, RenderStats
from generator.core.charts.spec import chart_csv
from generator.core.datasets import Datasets, load_datasets
from generator.core.lookup import DOWNLOADS_DIR, Lookups, build_lookups, download_uri
from generator.core.problems import Problem, fails, sort_problems
from generator.core.render.output import Asset, Output, Result, static_assets
from generator.core.settings import Settings
from generator.indicators import model as indicators_model
from generator.indicators import pages as indicators_pages
from generator.indicators.model import Indicators
from generator.supervision import feature as supervision_feature
from generator.supervision import pages as supervision_pages
from generator.supervision.model import Supervision


def check(settings: Settings, cache: Cache | None = None) -> tuple[Datasets, Supervision | None, list[Problem]]:
    """Read and validate everything; the problems are sorted by file and line."""
    datasets = load_datasets(settings, cache)
    supervision, problems = supervision_feature.load(datasets, settings)
    return datasets, supervision, sort_problems(datasets.problems + problems)


def run(settings: Settings, strict: bool = False, langs: tuple[str, ...] = ("vi",)) -> Result:
    """Validate once, build the models once, then publish the pages once per language; downloads are the
    same bytes in every language, so they are made once and shared. Charts render in the background from
    the moment a language's pages name them, while the next language and the downloads are made."""
    started = time.perf_counter()
    cache = Cache(settings.cache)
    datasets, supervision, problems = check(settings, cache)
    stats = {"validate_s": time.perf_counter() - started}
    if fails(problems, strict):
        return Result({}, problems, stats)
    model = prepare(datasets, supervision, cache, downloads=False)
    renderer = ChartRenderer(cache, settings.jobs)
    outputs = {}
    for lang in langs:
        outputs[lang] = publish(model, settings, lang)
        renderer.submit([item.chart for item in outputs[lang].charts])
    stats["render_s"] = time.perf_counter() - started - stats["validate_s"]
    model = replace(model, downloads=model_downloads(model))
    shared_downloads(model, outputs)
    stats["downloads_s"] = time.perf_counter() - started - stats["validate_s"] - stats["render_s"]
    chart_stats = add_charts(list(outputs.values()), renderer)
    stats.update(charts_rendered=chart_stats.rendered, charts_cached=chart_stats.cached,
                 charts_s=time.perf_counter() - started - sum(v for k, v in stats.items() if k.endswith("_s")),
                 cache_discarded=cache.stats.discarded)
    return Result(outputs, problems, stats)


@dataclass(frozen=True)
class Model:
    """What every language's pages are built from, computed once."""

    datasets: Datasets
    supervision: Supervision | None
    lookups: Lookups
    catalogue: list[DatasetInfo]
    indicators: Indicators | None
    downloads: list[Asset]
    store: catalogue_downloads.DownloadStore | None = None


def prepare(datasets: Datasets, supervision: Supervision | None, cache: Cache | None = None,
            downloads: bool = True) -> Model:
    """The models and the downloads (``run`` asks for them later, while charts render). With a ``cache``,
    downloads are files in it (see DownloadStore); without, bytes in memory."""
    catalogue = _catalogue(datasets, supervision)
    store = catalogue_downloads.DownloadStore(cache) if cache is not None and cache.root else None
    model = Model(datasets, supervision, build_lookups(datasets), catalogue, indicators_model.load(datasets), [],
                  store)
    return replace(model, downloads=model_downloads(model)) if downloads else model


def model_downloads(model: Model) -> list[Asset]:
    """Every package's downloads, written to the model's store when it has one."""
    descriptors = {p.name: p.descriptor for p in model.datasets.packages}
    return [a for d in model.catalogue
            for a in catalogue_downloads.package_downloads(d, descriptors[d.name], model.store)]


def shared_downloads(model: Model, outputs: dict[str, Output]) -> None:
    """Add the downloads, the bulk zip and the checksum manifest to every language's output.

    The manifest covers every file under the downloads folder, including those a language's pages made
    (the change log's changes.csv, identical in every language), so it is computed from the first one."""
    first = next(iter(outputs.values()), Output())
    page_downloads = [a for a in first.assets if a.uri.startswith(f"{DOWNLOADS_DIR}/")]
    bundle = catalogue_downloads.bundle(model.downloads + page_downloads, model.store)
    for output in outputs.values():
        output.assets += model.downloads + bundle.assets


def add_charts(outputs: list[Output], renderer: ChartRenderer) -> RenderStats:
    """Wait for the charts of every language; add their SVG, PNG and CSV assets."""
    files, stats = renderer.finish()
    for output in outputs:
        for item in output.charts:
            svg, png = files[item.chart.key()]
            output.assets += [Asset(item.svg_uri, svg), Asset(item.png_uri, png),
                              Asset(item.csv_uri, chart_csv(item.chart))]
    return stats


def publish(model: Model, settings: Settings, lang: str = "vi") -> Output:
    """The pages of one language (and the few files that differ by language)."""
    datasets, supervision, lookups = model.datasets, model.supervision, model.lookups
    output = Output(assets=static_assets())
    output.extend(catalogue_pages.build(model.catalogue, lang))
    output.extend(catalogue_pages.site_pages(model.catalogue, settings, lang))
    if supervision is not None:
        package = datasets.by_role(supervision_feature.ROLE)
        downloads = {name: download_uri(package.name, name) for name in sorted(supervision_feature.derived_names())}
        output.extend(supervision_pages.build(supervision, lookups, downloads, lang))
    output.extend(indicators_pages.build(model.indicators, lookups, lang, _indicator_citation(model, settings, lang)))
    output.extend(agencies.build(datasets, lookups, supervision, model.indicators, lang))
    output.extend(home.build(model.catalogue, supervision, model.indicators, lookups, settings, lang))
    output.extend(changes_pages.build(datasets, supervision, settings, lang))
    return output


def _indicator_citation(model: Model, settings: Settings, lang: str):  # noqa: ANN202 - a small closure
    """Indicator pages cite the indices package they are built from (the features stay independent)."""
    if model.indicators is None:
        return None
    dataset = next((d for d in model.catalogue if d.name == model.indicators.package), None)
    if dataset is None:
        return None
    return lambda page_uri, part: catalogue_pages.cite_page(dataset, settings, lang, page_uri, part)


def _catalogue(datasets: Datasets, supervision: Supervision | None) -> list[DatasetInfo]:
    infos = []
    for package in datasets.packages:
        tables = list(package.tables)
        derived: frozenset[str] = frozenset()
        if supervision is not None and package.role == supervision_feature.ROLE:
            tables += supervision_feature.derived_tables(supervision, package.name)
            derived = supervision_feature.derived_names()
        infos.append(dataset_info(package.loaded, package.name, tables, derived))
    return sorted(infos, key=lambda d: d.name)
