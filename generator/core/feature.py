"""The feature protocol: what a publishing feature (the catalogue, supervision, indicators...) implements so
that the pipeline can run it without knowing it by name.

A feature is a folder with a ``Feature`` subclass and, usually, a ``templates/`` folder; ``generator/
registry.py`` lists the features in the order their pages are published. Every hook has a default that does
nothing, so a feature implements only what it needs:

``load(datasets, settings)``
    Read and check what the feature needs (records, code lists); problems are data. It runs on data that
    may be invalid (every problem is reported in one run), so a model that reads typed tables is better
    built in ``link``, which runs only once everything is valid. Features load independently of each other.
``derived_tables(model)``
    Tables computed from the feature's records (the supervision sessions as CSV), published with its
    package like any other table.
``link(model, site)``
    Build or finish the model once all features have loaded and every problem is known to be a warning at
    most: from typed tables (indicators), other features' models or every derived table (the catalogue).
    ``site.models.get(SomeModel)`` finds another feature's model by its type: features depend on each
    other only through the models they publish.
``filters(model, locale)``
    Jinja filters the feature offers every template (the directory's ``sources`` and ``agencies`` links).
``shared_files(model, site)``
    Files that are the same bytes in every language (downloads), made once.
``home(model, page)`` and ``pages(model, page)``
    What the feature adds to the home page (a ``HomeBlock``, a template fragment) and its own pages, for
    one language. A page that many of its kind share the build's time (a session, an agency, an index) is
    better handed over as a *unit* (``page.unit``): named with the inputs it is made from, it is made again
    only when one of them changed (``core/deps.py``, the dependency map).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Generic, TypeVar

import jinja2

from generator.core.cache import Cache
from generator.core.charts.spec import CardBar
from generator.core.datasets import Datasets
from generator.core.deps import Units, file_key, rows_key
from generator.core.locale import Locale
from generator.core.problems import Problem
from generator.core.read.table import Table
from generator.core.render.jinja import CompiledTemplates
from generator.core.render.output import Asset, Output
from generator.core.render.raw import RawMarkers
from generator.core.settings import Settings

M = TypeVar("M")
T = TypeVar("T")


@dataclass(frozen=True)
class Loaded(Generic[M]):
    """A feature's model (None when the datasets hold nothing for it) and the problems met making it."""

    model: M | None = None
    problems: tuple[Problem, ...] = ()


class Models:
    """The model each feature published: by its type (how a feature finds another's), or by the name of the
    feature that made it (how the pipeline hands each feature its own)."""

    def __init__(self, by_feature: dict[str, object]):
        self._by_feature = dict(by_feature)
        self._by_type = {type(model): model for model in by_feature.values() if model is not None}

    def get(self, kind: type[T]) -> T | None:
        found = self._by_type.get(kind)
        return found if isinstance(found, kind) else None

    def named(self, feature: str) -> object | None:
        return self._by_feature.get(feature)


@dataclass(frozen=True)
class Site:
    """Everything read and checked: the datasets, every feature's model, the tables derived from records."""

    datasets: Datasets
    settings: Settings
    models: Models = field(default_factory=lambda: Models({}))
    derived: tuple[Table, ...] = ()
    cache: Cache = field(default_factory=lambda: Cache(None))
    raw: RawMarkers = field(default_factory=RawMarkers)  # this build's raw-region markers (render/raw.py)
    compiled: CompiledTemplates = field(default_factory=CompiledTemplates)  # the pages' templates, compiled once
    # What a feature computes once a build for every language (``shared_value``), let go with the site.
    shared: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    def shared_value(self, name: str, make: Callable[[], T]) -> T:
        """The value ``make`` gives, made once per site: for what is the same in every language (the list of
        gaps, 1 s at national scale, was gathered once a language)."""
        if name not in self.shared:
            self.shared[name] = make()
        return self.shared[name]  # type: ignore[return-value]


@dataclass(frozen=True)
class HomeBlock:
    """A part of the home page: a template fragment (``feature/home.md.j2``) shown with ``view``; blocks are
    shown by ``order``. A block may also offer what the home page's share image says (``headline`` and its
    summary ``bars``): the first block that does, by order, gives it."""

    order: int
    template: str
    view: object
    headline: str = ""
    bars: tuple[CardBar, ...] = ()


@dataclass(frozen=True)
class PageContext:
    """One language's page rendering: the site, the locale and the Jinja environment bound to it."""

    site: Site
    locale: Locale
    env: jinja2.Environment
    home: tuple[HomeBlock, ...] = ()
    units: Units | None = None  # the dependency map of this language and feature (None: make everything)

    def render(self, template: str, uri: str, **context: object) -> str:
        return self.env.get_template(template).render(page_uri=uri, **context)

    def unit(self, name: str, inputs: Iterable[str] | None, make: Callable[[], Output]) -> Output:
        """The output ``make`` gives (pages, charts, files), or the same output from the previous build when
        none of ``inputs`` (keys of ``core/deps.py``), nor what its making read, changed since. ``name`` is
        unique in the language (the page's URI); ``inputs`` None: always made."""
        if self.units is None or inputs is None:
            return make()
        return self.units.get(name, inputs, make)

    def file(self, path: object) -> str:
        """The input key of a file (a session file, a descriptor), as maintainers name it."""
        return file_key(self.site.settings, path)

    @staticmethod
    def rows(package: str, resource: str, column: str | None = None, value: object = None) -> str:
        """The input key of a table's rows, or of those whose ``column`` holds ``value``."""
        return rows_key(package, resource, column, value)


class Feature(Generic[M]):
    name: ClassVar[str]  # also the prefix of its templates: "supervision/session.md.j2"
    templates: ClassVar[Path | None] = None

    def load(self, datasets: Datasets, settings: Settings) -> Loaded[M]:
        return Loaded()

    def derived_tables(self, model: M) -> list[Table]:
        return []

    def link(self, model: M | None, site: Site) -> M | None:
        return model

    def filters(self, model: M | None, locale: Locale) -> dict[str, Callable[..., object]]:
        return {}

    def shared_files(self, model: M | None, site: Site) -> list[Asset]:
        return []

    def home(self, model: M | None, page: PageContext) -> list[HomeBlock]:
        return []

    def pages(self, model: M | None, page: PageContext) -> Output:
        return Output()
