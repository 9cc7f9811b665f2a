"""Catalogue pages and downloads for any package: the list, a page per dataset, the files behind them.

Two entry points because they need different inputs: ``build`` makes the list page and the downloads,
which depend on the data alone (so both languages publish the same bytes); ``site_pages`` makes what
cites the site itself (dataset pages with "Cite this", JSON-LD and code snippets, and ``data.json``),
which needs the site's address and the release history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import markupsafe

from generator.catalogue import citation, urls
from generator.catalogue.autochart import auto_chart
from generator.catalogue.downloads import csv_bytes
from generator.catalogue.model import (
    BULK_ZIP,
    CATALOGUE_JSON,
    CHANGES_CSV,
    DATASETS_DIR,
    DOWNLOADS_DIR,
    MANIFEST,
    DatasetInfo,
)
from generator.changes import history as change_history
from generator.changes.model import PAGE_URI as CHANGES_PAGE
from generator.core.charts.spec import ChartFiles
from generator.core.render.jinja import environment, render
from generator.core.render.output import Asset, Output, Page
from generator.core.settings import Settings

__all__ = ["build", "csv_bytes", "site_pages"]

PREVIEW_ROWS = 10


@dataclass(frozen=True)
class DatasetPage:
    """Everything a dataset page shows besides the package itself, computed before rendering."""

    dataset: DatasetInfo
    released: date | None
    release_commit: str
    citation: citation.Citation
    snippets: list[citation.Snippet]
    jsonld: markupsafe.Markup
    changes_uri: str


def build(datasets: list[DatasetInfo], lang: str = "vi") -> Output:
    """The catalogue list (the downloads are made once for every language, see downloads.py)."""
    output = Output()
    env = environment(lang)
    uri = f"{DATASETS_DIR}/index.md"
    output.pages.append(Page(uri, render(
        env, "catalogue/index.md.j2", uri, datasets=datasets, bulk_uri=f"{DOWNLOADS_DIR}/{BULK_ZIP}",
        manifest_uri=f"{DOWNLOADS_DIR}/{MANIFEST}", changes_csv_uri=f"{DOWNLOADS_DIR}/{CHANGES_CSV}",
        catalogue_uri=CATALOGUE_JSON, changes_uri=CHANGES_PAGE)))
    return output


def cite_page(dataset: DatasetInfo, settings: Settings, lang: str, page_uri: str, part: str) -> citation.Citation:
    """The citation of one page built from ``dataset`` (an indicator page), dated like the dataset's."""
    release = change_history.load(settings).current(dataset.name, dataset.version)
    when = release.date.date() if release else dataset.created
    return citation.citation(dataset, when, urls.site_url(settings), lang, page_uri, part)


CHARTS_DIR = "assets/charts"


def site_pages(datasets: list[DatasetInfo], settings: Settings, lang: str = "vi") -> Output:
    """A page per dataset, with its citation, reuse snippets and JSON-LD, and the ``data.json`` catalogue."""
    output = Output()
    env = environment(lang)
    site = urls.site_url(settings)
    history = change_history.load(settings)
    released: dict[str, date | None] = {}
    for dataset in datasets:
        release = history.current(dataset.name, dataset.version)
        when = release.date.date() if release else dataset.created
        released[dataset.name] = when
        view = DatasetPage(
            dataset=dataset, released=when, release_commit=release.short if release else "",
            citation=citation.citation(dataset, when, site, lang), snippets=citation.snippets(dataset, site, lang),
            jsonld=citation.jsonld(dataset, when, site, lang), changes_uri=f"{CHANGES_PAGE}#goi-{dataset.name}")
        charts = {r.name: ChartFiles.under(CHARTS_DIR, chart) for r in dataset.resources
                  if (chart := auto_chart(r, lang)) is not None}
        output.charts += list(charts.values())
        output.pages.append(Page(dataset.page_uri, render(
            env, "catalogue/dataset.md.j2", dataset.page_uri, dataset=dataset, view=view, charts=charts,
            preview_rows=PREVIEW_ROWS, manifest_uri=f"{DOWNLOADS_DIR}/{MANIFEST}")))
    output.assets.append(Asset(CATALOGUE_JSON, citation.data_catalogue(
        datasets, released, site, lang, settings.build_date)))
    return output
