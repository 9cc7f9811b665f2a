"""The catalogue as a feature: every package (any valid Frictionless package) with its pages, citation and
downloads."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from markupsafe import Markup, escape

from generator import urls
from generator.catalogue import downloads, names, pages
from generator.catalogue.model import (
    Catalogue,
    DatasetInfo,
    Release,
    Unreleased,
    created_date,
    dataset_info,
    published_version,
)
from generator.changes.model import History
from generator.core.checks.urls import descriptor_url_problems, table_url_problems
from generator.core.datasets import Datasets, Package
from generator.core.feature import Feature, HomeBlock, Loaded, PageContext, Site
from generator.core.locale import Locale
from generator.core.problems import Problem, problem
from generator.core.render.output import Asset, Output
from generator.core.settings import Settings
from generator.core.text import Text


class CatalogueFeature(Feature[Catalogue]):
    name = "catalogue"
    templates = Path(__file__).resolve().parent / "templates"

    def load(self, datasets: Datasets, settings: Settings) -> Loaded[Catalogue]:
        """The addresses the package pages would link to (licences, sources and address columns), and the
        addresses the packages' and resources' names would take (names.py)."""
        problems = [p for package in datasets.packages for p in descriptor_url_problems(package.loaded)]
        problems += names.name_problems(datasets)
        problems += [p for package in datasets.packages for t in package.tables if t.rel
                     for p in table_url_problems(t)]
        problems += [p for package in datasets.packages for p in future_created(package, settings.build_date)]
        return Loaded(None, tuple(problems))

    def link(self, model: Catalogue | None, site: Site) -> Catalogue:
        """Every package with the tables features derived for it, and when its current version was released."""
        derived: dict[str, list] = {}
        for table in site.derived:
            derived.setdefault(table.package, []).append(table)
        infos = []
        for package in site.datasets.packages:
            extra = derived.get(package.name, [])
            infos.append(dataset_info(package.loaded, package.name, list(package.tables) + extra,
                                      frozenset(t.name for t in extra)))
        infos.sort(key=lambda d: d.name)
        history = site.models.get(History) or History()
        return Catalogue(tuple(infos), {d.name: _release(d, history) for d in infos},
                         urls.site_root(site.settings.site_url), site.settings.build_date)

    def shared_files(self, model: Catalogue | None, site: Site) -> list[Asset]:
        store = downloads.DownloadStore(site.cache) if site.cache.root is not None else None
        descriptors = {p.name: _as_published(p.descriptor, model.releases.get(p.name))
                       for p in site.datasets.packages}
        return [a for d in model.datasets for a in downloads.package_downloads(d, descriptors[d.name], store)]

    def filters(self, model: Catalogue | None, locale: Locale) -> dict[str, Callable[..., object]]:
        """``bilingual``: a field's title or description as bilingual text in its resource's language
        (``{{ field | bilingual("title", resource.lang) | loc }}``), so a missing English one shows the
        Vietnamese marked as such, and another package's text is not called Vietnamese."""
        return {"bilingual": lambda field, key, lang: Text(getattr(field, key, ""), getattr(field, f"{key}_en", ""),
                                                           lang),
                "codes": inline_code}

    def home(self, model: Catalogue | None, page: PageContext) -> list[HomeBlock]:
        return [HomeBlock(90, "catalogue/home.md.j2", model)]

    def pages(self, model: Catalogue | None, page: PageContext) -> Output:
        return pages.build(model, page)


# A day's grace: ``minhbach new package`` writes its own day as ``created`` (T00:00:00Z), and a machine that
# validates the pull request in UTC may still be on the day before (Vietnam is UTC+7). Later than that, the date
# cannot be a package's creation.
CREATED_GRACE = timedelta(days=1)


def future_created(package: Package, today: date) -> list[Problem]:
    """A package's ``created`` after the build date is an error, as a session's date is (``future-date``): the
    catalogue publishes it as the release date, in the citation, the BibTeX and data.json's ``modified``
    ("released 31/12/9999"), and a harvester would sort the package first for ever."""
    created = created_date(package.descriptor.get("created"))
    if created is None or created <= today + CREATED_GRACE:
        return []
    return [problem("future-date", package.loaded.rel, *package.loaded.at("created"), "created",
                    value=created.isoformat(), build_date=today.isoformat(), created="created")]


_BACKTICKS = re.compile(r"`([^`\n]+)`")


def inline_code(text: object) -> Markup:
    """Descriptor text with its `codes` in backticks shown as code: a description that names the values of
    a column (`derived`, `so-ban-nganh`) shows them as values, not as words of another language."""
    return Markup(_BACKTICKS.sub(lambda m: f"<code>{m.group(1)}</code>", str(escape(text))))


def _as_published(descriptor: dict, release: Release | None) -> dict:
    """The descriptor with the version of the data it describes (``published_version``): "1.0.0" would name
    the release, whose data differ once they changed since."""
    version = descriptor.get("version")
    if not version or release is None or release.unreleased is None:
        return descriptor
    return {**descriptor, "version": published_version(str(version), release)}


def _release(dataset: DatasetInfo, history: History) -> Release:
    """The release of the package's current version and, when its data changed since (the change log's
    unreleased entry of that version), the commit and day they are as of."""
    release = history.current(dataset.name, dataset.version)
    if release is None:
        return Release(dataset.created)
    after = history.unreleased(dataset.name)
    changed = Unreleased(after.short, after.date.date(), history.anchor(after)) \
        if after is not None and after.version == dataset.version else None
    return Release(release.date.date(), release.short, changed)
