"""Catalogue pages for any package: the list, and a page per dataset with its citation, reuse snippets and
JSON-LD; and the ``data.json`` catalogue. (The downloads are made once for every language: downloads.py.)"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import markupsafe

from generator import urls
from generator.catalogue import citation, model
from generator.catalogue.autochart import auto_chart
from generator.catalogue.model import Catalogue, DatasetInfo
from generator.core.feature import PageContext
from generator.core.locale import Locale
from generator.core.render.output import Asset, Output, Page

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


def build(catalogue: Catalogue, page: PageContext) -> Output:
    output = Output()
    output.pages.append(Page(urls.DATASETS_INDEX, page.render(
        "catalogue/index.md.j2", urls.DATASETS_INDEX, datasets=list(catalogue.datasets),
        bulk_uri=urls.downloads_file(urls.BULK_ZIP), manifest_uri=urls.downloads_file(urls.MANIFEST),
        changes_csv_uri=urls.downloads_file(urls.CHANGES_CSV), catalogue_uri=urls.CATALOGUE_JSON,
        changes_uri=urls.CHANGES_PAGE)))
    for dataset in catalogue.datasets:
        charts = {r.name: urls.chart_files(chart) for r in dataset.resources
                  if (chart := auto_chart(r, page.locale)) is not None}
        output.charts += list(charts.values())
        output.pages.append(Page(dataset.page_uri, page.render(
            "catalogue/dataset.md.j2", dataset.page_uri, dataset=dataset,
            view=dataset_page(catalogue, dataset, page.locale), charts=charts, preview_rows=PREVIEW_ROWS,
            json_max_rows=model.JSON_MAX_ROWS, manifest_uri=urls.downloads_file(urls.MANIFEST))))
    released = {d.name: catalogue.released(d.name) for d in catalogue.datasets}
    output.assets.append(Asset(urls.CATALOGUE_JSON, citation.data_catalogue(
        list(catalogue.datasets), released, catalogue.site, page.locale, catalogue.build_date)))
    return output


def dataset_page(catalogue: Catalogue, dataset: DatasetInfo, locale: Locale) -> DatasetPage:
    release = catalogue.releases.get(dataset.name)
    when = release.date if release else None
    site = catalogue.site
    return DatasetPage(
        dataset=dataset, released=when, release_commit=release.commit if release else "",
        citation=citation.citation(dataset, when, site, locale), snippets=citation.snippets(dataset, site, locale),
        jsonld=citation.jsonld(dataset, when, site, locale), changes_uri=f"{urls.CHANGES_PAGE}#goi-{dataset.name}")
