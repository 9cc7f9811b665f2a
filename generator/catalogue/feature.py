"""The catalogue as a feature: every package (any valid Frictionless package) with its pages, citation and
downloads."""

from __future__ import annotations

from pathlib import Path

from generator import urls
from generator.catalogue import downloads, pages
from generator.catalogue.model import Catalogue, DatasetInfo, Release, dataset_info
from generator.changes.model import History
from generator.core.feature import Feature, HomeBlock, PageContext, Site
from generator.core.render.output import Asset, Output


class CatalogueFeature(Feature[Catalogue]):
    name = "catalogue"
    templates = Path(__file__).resolve().parent / "templates"

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
        descriptors = {p.name: p.descriptor for p in site.datasets.packages}
        return [a for d in model.datasets for a in downloads.package_downloads(d, descriptors[d.name], store)]

    def home(self, model: Catalogue | None, page: PageContext) -> list[HomeBlock]:
        return [HomeBlock(90, "catalogue/home.md.j2", model)]

    def pages(self, model: Catalogue | None, page: PageContext) -> Output:
        return pages.build(model, page)


def _release(dataset: DatasetInfo, history: History) -> Release:
    release = history.current(dataset.name, dataset.version)
    return Release(release.date.date(), release.short) if release else Release(dataset.created)
