"""The one place that wires the stages: datasets -> checks -> features' models -> pages, charts and downloads.

It knows no feature by name: it runs every feature of ``registry.FEATURES`` through the protocol of
``core/feature.py``. Nothing here writes files; the CLI and the MkDocs adapter decide where the output goes.
Everything is gathered and checked before anything is rendered, so invalid data never reaches a site; the one
exception, ``prepare_build(beside=True)``, renders while Frictionless validates small packages in a child, and
its caller keeps nothing until that verdict is in (``Prepared.settle``).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

import jinja2

from generator import urls
from generator.core import collector, kept
from generator.core.cache import Cache, code_digest, tool_versions
from generator.core.charts.renderer import ChartRenderer, RenderStats
from generator.core.charts.spec import chart_csv
from generator.core.datasets import Datasets, Verdicts, load_datasets
from generator.core.deps import DepMap, Inputs, Units, complete, note
from generator.core.feature import Feature, Loaded, Models, PageContext, Site
from generator.core.locale import Locale, catalogue, locale
from generator.core.problems import Problem, fails, sort_problems
from generator.core.render.archive import bundle
from generator.core.render.embed import embed_pages
from generator.core.render.jinja import TEMPLATES_DIR, CompiledTemplates, environment
from generator.core.render.output import Asset, Output, Result, static_assets
from generator.core.render.raw import RawMarkers
from generator.core.settings import Settings
from generator.registry import FEATURES

T = TypeVar("T")


@dataclass(frozen=True)
class Checked:
    """Everything read and checked: the datasets, what each feature loaded, and every problem (sorted)."""

    datasets: Datasets
    loaded: dict[str, Loaded]
    problems: list[Problem]

    def settled(self) -> list[Problem]:
        """Every problem, those of Frictionless still being found beside the build included (waits for them),
        sorted by file and line."""
        verdicts = self.datasets.verdicts
        return self.problems if verdicts is None else sort_problems(self.problems + verdicts.problems())

    def model(self, kind: type[T]) -> T | None:
        """The model of type ``kind`` a feature loaded (None when none did)."""
        return Models({name: result.model for name, result in self.loaded.items()}).get(kind)


def check(settings: Settings, cache: Cache | None = None, features: tuple[Feature, ...] = FEATURES,
          beside: bool = False) -> Checked:
    """Read and validate everything; the problems are sorted by file and line. ``beside``: Frictionless may
    still be validating small packages in a child (``Datasets.verdicts``, core/datasets.py); their problems
    are not among these until ``Checked.settled``."""
    with collector.paused():  # millions of objects that live as long as the build, hardly a cycle among them
        datasets = load_datasets(settings, cache, beside)
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
    # A serving process keeps its raw-region markers and its compiled templates (core/kept.py).
    cache = cache or Cache(None)
    raw = kept.by_content("raw-markers", tuple, RawMarkers)
    compiled = kept.by_content("compiled-templates", tuple, lambda: CompiledTemplates(cache))
    site = Site(checked.datasets, settings, Models(models), derived, cache, raw, compiled)
    linked = {f.name: f.link(models.get(f.name), site) for f in features}
    return replace(site, models=Models(linked))


def publish(site: Site, language: Locale, features: tuple[Feature, ...] = FEATURES, units: Units | None = None
            ) -> Output:
    """The pages of one language (and the few files that differ by language), feature by feature; with
    ``units`` (the language's dependency map), a page whose inputs did not change is taken as it was."""
    filters = {name: f for feature in features
               for name, f in feature.filters(site.models.named(feature.name), language).items()}
    if not language.is_default:  # downloads are published once, at the root: other languages link there
        filters["link"] = jinja2.pass_context(lambda context, target: urls.language_link(
            language, context["page_uri"], target))
    env = environment(language, template_folders(features), filters, site.raw, site.settings, site.compiled)
    if units is not None:  # which templates each unit loads (an include or import loads one too)
        env.get_template = _noting_templates(env.get_template)
    page = PageContext(site, language, env)
    blocks = tuple(block for feature in features for block in feature.home(site.models.named(feature.name), page))
    page = replace(page, home=blocks)
    output = Output(assets=static_assets())
    shared = _base_keys(site, language, features)
    for feature in features:
        base = [f"code:{code_digest(type(feature).__module__)}", *shared]
        feature_page = replace(page, units=units.with_base(base) if units is not None else None)
        made = feature.pages(site.models.named(feature.name), feature_page)
        output.extend(units.sink(made) if units is not None else made)
    output.assets += embed_pages(output, page.env)
    return output


def template_folders(features: tuple[Feature, ...]) -> dict[str, Path]:
    return {feature.name: feature.templates for feature in features if feature.templates}


def _noting_templates(get_template: Callable) -> Callable:
    def noted(name: object, *args: object, **kwargs: object) -> object:
        if isinstance(name, str):
            note(f"template:{name}")
        return get_template(name, *args, **kwargs)
    return noted


def _base_keys(site: Site, language: Locale, features: tuple[Feature, ...]) -> list[str]:
    """What every unit of a language depends on besides its own inputs: the code of the Jinja environment and
    of every feature's filters (any template may use them) and the libraries under them (Jinja, MarkupSafe's
    escaping, Babel's number and date formats), the language's UI strings, the build options."""
    filtering = [type(f).__module__ for f in features if type(f).filters is not Feature.filters]
    strings = json.dumps([catalogue("vi"), catalogue(language.code)], sort_keys=True, ensure_ascii=False)
    settings = site.settings
    return [f"code:{code_digest('generator.core.render.jinja', 'generator.core.feature', *filtering)}",
            f"code:{tool_versions('jinja2', 'markupsafe', 'babel')}",
            f"locale:{language.code}:{hashlib.sha256(strings.encode()).hexdigest()}",
            f"option:build_date={settings.build_date.isoformat()}", f"option:site_url={settings.site_url}",
            f"option:edit_url={settings.edit_url}"]


def template_file(folders: dict[str, Path]) -> Callable[[str], Path | None]:
    """A template's name ("supervision/session.md.j2") -> its file, as the environment's loader finds it."""
    folders = {"core": TEMPLATES_DIR, **folders}

    def find(name: str) -> Path | None:
        prefix, _, rest = name.partition("/")
        folder = folders.get(prefix)
        return folder / rest if folder is not None and rest else None
    return find


def shared_files(site: Site, features: tuple[Feature, ...] = FEATURES) -> list[Asset]:
    """The files that are the same bytes in every language (downloads), then the bulk zip and the checksum
    manifest of every one of them under the downloads folder."""
    shared = downloads(site, features)
    return shared + bundled(site.cache, shared)


def downloads(site: Site, features: tuple[Feature, ...] = FEATURES) -> list[Asset]:
    """Each feature's downloads (each package's files), without the bulk zip and the manifest."""
    return [asset for feature in features for asset in feature.shared_files(site.models.named(feature.name), site)]


def bundled(cache: Cache, shared: list[Asset]) -> list[Asset]:
    """The bulk zip of ``shared`` and the checksum manifest of all of them (cached in ``cache``)."""
    return bundle(shared, urls.DOWNLOADS_DIR, urls.BULK_ZIP, urls.MANIFEST, cache)


@dataclass
class Prepared:
    """A site read, checked and linked, its downloads being made: what every language is published from."""

    site: Site | None  # None when the problems stop the build, and once every language's pages are made
    problems: list[Problem]  # Frictionless's verdicts found beside the build are not among them (``settled``)
    stats: dict[str, float]
    downloads: Future[list[Asset]] | None = None  # each package's files, the same bytes in every language
    bulk: Future[list[Asset]] | None = None  # then the bulk zip and the manifest
    verdicts: Verdicts | None = None  # Frictionless validating small packages in a child (``beside``)

    @property
    def settled(self) -> bool:
        """Whether every problem is in ``problems`` (no verdict is still being found beside the build)."""
        return self.verdicts is None

    def settle(self) -> list[Problem]:
        """Every problem (waits for Frictionless's verdicts found beside the build), sorted by file and line."""
        if self.verdicts is not None:
            self.problems = sort_problems(self.problems + self.verdicts.problems())
            self.verdicts = None
        return self.problems

    @property
    def shared(self) -> list[Asset]:
        """Every download, the bulk zip and the manifest included (waits for them)."""
        return [*(self.downloads.result() if self.downloads else []), *(self.bulk.result() if self.bulk else [])]


def prepare_build(settings: Settings, strict: bool = False, features: tuple[Feature, ...] = FEATURES,
                  cache: Cache | None = None, bulk_later: bool = False, downloads_later: bool = False,
                  beside: bool = False) -> Prepared:
    """Validate once and build the models once; the downloads (the same bytes in every language), then the
    bulk zip of all of them, are made in a thread while the caller makes the pages. No page needs their bytes,
    and most of their time is zlib's and hashlib's, which let go of the interpreter: a national one-row edit
    waited 2 s for the edited package's zip before any page was made, and a national bulk zip 3.4 s. The
    downloads read the model: wait for ``Prepared.downloads`` before letting it go; ``Prepared.shared``
    waits for everything, when the first language's files are put together. ``bulk_later`` (``serve``): the
    bulk zip and the manifest are not made; the caller makes them once the pages are served (mkdocs/build.py).
    ``downloads_later``: the thread is not started; the caller starts it (``start_downloads``) once it has
    forked (a process forked while another thread runs may inherit a lock that thread held). ``beside``: small
    packages Frictionless must validate are validated in a child meanwhile (core/datasets.py, ``Verdicts``); the
    caller asks for their problems (``Prepared.settle``) before it keeps anything made from the data."""
    started = time.perf_counter()
    cache = cache or Cache(settings.cache)
    checked = check(settings, cache, features, beside)
    stats = {"validate_s": time.perf_counter() - started}
    prepared = Prepared(None, checked.problems, stats, verdicts=checked.datasets.verdicts)
    if fails(checked.problems, strict):
        prepared.settle()  # every problem reported at once
        return prepared
    try:
        with collector.paused():  # as in ``check``
            prepared.site = prepare(checked, settings, cache, features)
    except Exception:
        # Models made from data Frictionless has yet to judge: when it finds the data invalid, its problems
        # stop the build instead of the error they led to.
        if fails(prepared.settle(), strict):
            return prepared
        raise
    stats["models_s"] = time.perf_counter() - started - stats["validate_s"]
    if not downloads_later:
        start_downloads(prepared, features, bulk_later)
    return prepared


def start_downloads(prepared: Prepared, features: tuple[Feature, ...] = FEATURES, bulk_later: bool = False) -> None:
    """Each package's downloads, then the bulk zip and the manifest (unless ``bulk_later``), made from the
    prepared site in a thread of their own (``prepare_build``)."""
    cache = prepared.site.cache  # the bulk zip's task holds the cache alone, not the site (the model)
    pool = ThreadPoolExecutor(1, thread_name_prefix="minhbach-downloads")
    files = pool.submit(downloads, prepared.site, features)  # the site is let go with the task, once it has run
    bulk = None if bulk_later else pool.submit(lambda: bundled(cache, files.result()))  # after it, in the thread
    pool.shutdown(wait=False)  # the tasks run on; the thread ends with them
    prepared.downloads, prepared.bulk = files, bulk


def run(settings: Settings, strict: bool = False, langs: tuple[str, ...] = ("vi",),
        features: tuple[Feature, ...] = FEATURES) -> Result:
    """Everything in memory, in this process: the site, the pages of every language, the downloads and the
    charts (``mkdocs build`` and ``mkdocs serve`` run this; ``minhbach build`` publishes each language in a
    process of its own, see mkdocs/build.py). Pages whose inputs did not change are taken from the cache."""
    started = time.perf_counter()
    prepared = prepare_build(settings, strict, features)
    if prepared.site is None:
        return Result({}, prepared.problems, prepared.stats)
    site, stats = prepared.site, prepared.stats
    inputs = unit_inputs(site, features)
    renderer = ChartRenderer(site.cache, settings.jobs)
    outputs = {}
    for lang in langs:
        depmap = DepMap.load(site.cache, settings, lang)
        units = Units(depmap, inputs.digest, markers=site.raw)
        outputs[lang] = publish(site, locale(lang), features, units)
        depmap.save(complete(units.current, inputs))
        stats[f"units_made_{lang}"], stats[f"units_reused_{lang}"] = units.made
        renderer.submit([item.chart for item in outputs[lang].charts] + [item.card for item in outputs[lang].cards])
        outputs[lang].assets += prepared.shared
    stats["render_s"] = time.perf_counter() - started - sum(v for k, v in stats.items() if k.endswith("_s"))
    chart_stats = add_charts(list(outputs.values()), renderer)
    stats.update(charts_rendered=chart_stats.rendered, charts_cached=chart_stats.cached,
                 charts_s=time.perf_counter() - started - sum(v for k, v in stats.items() if k.endswith("_s")),
                 cache_discarded=site.cache.stats.discarded)
    return Result(outputs, prepared.problems, stats, site.raw)


def unit_inputs(site: Site, features: tuple[Feature, ...] = FEATURES) -> Inputs:
    """The inputs units are made from, for every language of the site (their digests are computed once)."""
    inputs = Inputs(site.datasets, site.settings, template_file(template_folders(features)))
    for table in site.derived:
        inputs.add_table(table)
    return inputs


def add_charts(outputs: list[Output], renderer: ChartRenderer) -> RenderStats:
    """Wait for the charts of every language; add their SVG, PNG and CSV assets."""
    files, stats = renderer.finish()
    for output in outputs:
        for item in output.charts:
            svg, png = files[item.chart.key()]
            output.assets += [Asset(item.svg_uri, svg), Asset(item.png_uri, png),
                              Asset(item.csv_uri, chart_csv(item.chart))]
        output.assets += [Asset(card.png_uri, files[card.card.key()][1]) for card in output.cards]
    return stats
