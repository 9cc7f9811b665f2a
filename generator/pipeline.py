"""The one place that wires the stages: datasets -> checks -> features' models -> pages, charts and downloads.

It knows no feature by name: it runs every feature of ``registry.FEATURES`` through the protocol of
``core/feature.py``. Nothing here writes files; the CLI and the MkDocs adapter decide where the output goes.
Everything is gathered and checked before anything is rendered, so invalid data never reaches a site.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import TypeVar

from generator import urls
from generator.core.cache import Cache
from generator.core.charts.renderer import ChartRenderer, RenderStats
from generator.core.charts.spec import chart_csv
from generator.core.datasets import Datasets, load_datasets
from generator.core.feature import Feature, Loaded, Models, PageContext, Site
from generator.core.locale import Locale, locale
from generator.core.problems import Problem, fails, sort_problems
from generator.core.render.archive import bundle
from generator.core.render.jinja import environment
from generator.core.render.output import Asset, Output, Result, static_assets
from generator.core.settings import Settings
from generator.registry import FEATURES

T = TypeVar("T")


@dataclass(frozen=True)
class Checked:
    """Everything read and checked: the datasets, what each feature loaded, and every problem (sorted)."""

    datasets: Datasets
    loaded: dict[str, Loaded]
    problems: list[Problem]

    def model(self, kind: type[T]) -> T | None:
        """The model of type ``kind`` a feature loaded (None when none did)."""
        return Models({name: result.model for name, result in self.loaded.items()}).get(kind)


def check(settings: Settings, cache: Cache | None = None, features: tuple[Feature, ...] = FEATURES) -> Checked:
    """Read and validate everything; the problems are sorted by file and line."""
    datasets = load_datasets(settings, cache)
    loaded = {feature.name: feature.load(datasets, settings) for feature in features}
    problems = datasets.problems + [p for result in loaded.values() for p in result.problems]
    return Checked(datasets, loaded, sort_problems(problems))


def prepare(checked: Checked, settings: Settings, cache: Cache | None = None,
            features: tuple[Feature, ...] = FEATURES) -> Site:
    """The site every language is published from: each feature's model, finished (``link``) once all have
    loaded, and the tables features derive from their records."""
    models = {name: result.model for name, result in checked.loaded.items()}
    derived = tuple(table for f in features if models.get(f.name) is not None
                    for table in f.derived_tables(models[f.name]))
    site = Site(checked.datasets, settings, Models(models), derived, cache or Cache(None))
    linked = {f.name: f.link(models.get(f.name), site) for f in features}
    return replace(site, models=Models(linked))


def publish(site: Site, language: Locale, features: tuple[Feature, ...] = FEATURES) -> Output:
    """The pages of one language (and the few files that differ by language), feature by feature."""
    filters = {name: f for feature in features
               for name, f in feature.filters(site.models.named(feature.name), language).items()}
    templates = {feature.name: feature.templates for feature in features if feature.templates}
    page = PageContext(site, language, environment(language, templates, filters, site.raw))
    blocks = tuple(block for feature in features for block in feature.home(site.models.named(feature.name), page))
    page = replace(page, home=blocks)
    output = Output(assets=static_assets())
    for feature in features:
        output.extend(feature.pages(site.models.named(feature.name), page))
    return output


def shared_files(site: Site, features: tuple[Feature, ...] = FEATURES) -> list[Asset]:
    """The files that are the same bytes in every language (downloads), then the bulk zip and the checksum
    manifest of every one of them under the downloads folder."""
    shared = [asset for feature in features for asset in feature.shared_files(site.models.named(feature.name), site)]
    return shared + bundle(shared, urls.DOWNLOADS_DIR, urls.BULK_ZIP, urls.MANIFEST, site.cache)


def run(settings: Settings, strict: bool = False, langs: tuple[str, ...] = ("vi",),
        features: tuple[Feature, ...] = FEATURES) -> Result:
    """Validate once, build the models once, then publish the pages once per language; downloads are the
    same bytes in every language, so they are made once and shared. Charts render in the background from
    the moment a language's pages name them, while the next language and the downloads are made."""
    started = time.perf_counter()
    cache = Cache(settings.cache)
    checked = check(settings, cache, features)
    stats = {"validate_s": time.perf_counter() - started}
    if fails(checked.problems, strict):
        return Result({}, checked.problems, stats)
    site = prepare(checked, settings, cache, features)
    renderer = ChartRenderer(cache, settings.jobs)
    outputs = {}
    for lang in langs:
        outputs[lang] = publish(site, locale(lang), features)
        renderer.submit([item.chart for item in outputs[lang].charts])
    stats["render_s"] = time.perf_counter() - started - stats["validate_s"]
    shared = shared_files(site, features)
    for output in outputs.values():
        output.assets += shared
    stats["downloads_s"] = time.perf_counter() - started - stats["validate_s"] - stats["render_s"]
    chart_stats = add_charts(list(outputs.values()), renderer)
    stats.update(charts_rendered=chart_stats.rendered, charts_cached=chart_stats.cached,
                 charts_s=time.perf_counter() - started - sum(v for k, v in stats.items() if k.endswith("_s")),
                 cache_discarded=cache.stats.discarded)
    return Result(outputs, checked.problems, stats, site.raw)


def add_charts(outputs: list[Output], renderer: ChartRenderer) -> RenderStats:
    """Wait for the charts of every language; add their SVG, PNG and CSV assets."""
    files, stats = renderer.finish()
    for output in outputs:
        for item in output.charts:
            svg, png = files[item.chart.key()]
            output.assets += [Asset(item.svg_uri, svg), Asset(item.png_uri, png),
                              Asset(item.csv_uri, chart_csv(item.chart))]
    return stats
