"""Catalogue pages for any package: the list, and a page per dataset with its citation, reuse snippets and
JSON-LD; and the ``data.json`` catalogue. (The downloads are made once for every language: downloads.py.)"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import markupsafe

from generator import urls
from generator.catalogue import citation, model
from generator.catalogue.autochart import MAX_ROWS, auto_chart, too_long
from generator.catalogue.model import Catalogue, DatasetInfo
from generator.core.feature import PageContext
from generator.core.locale import Locale
from generator.core.render.output import Asset, Output, Page
from generator.core.text import first_sentence

PREVIEW_ROWS = 10


@dataclass(frozen=True)
class DatasetPage:
    """Everything a dataset page shows besides the package itself, computed before rendering."""

    dataset: DatasetInfo
    released: date | None
    release_commit: str
    unreleased: model.Unreleased | None  # the changes to the data since that release, as of which commit and day
    unreleased_uri: str  # their entry on the change log ("" when there are none)
    version: str  # the data's, as published (``model.published_version``)
    citation: citation.Citation
    snippets: list[citation.Snippet]
    jsonld: markupsafe.Markup
    changes_uri: str
    description: str  # the page's, for search engines and link previews (``description``)


def build(catalogue: Catalogue, page: PageContext) -> Output:
    output = Output()
    output.pages.append(Page(urls.DATASETS_INDEX, page.render(
        "catalogue/index.md.j2", urls.DATASETS_INDEX, datasets=list(catalogue.datasets),
        bulk_uri=urls.downloads_file(urls.BULK_ZIP), manifest_uri=urls.downloads_file(urls.MANIFEST),
        changes_csv_uri=urls.downloads_file(urls.CHANGES_CSV), catalogue_uri=urls.CATALOGUE_JSON,
        changes_uri=urls.CHANGES_PAGE, changed=changed_since_release(catalogue))))
    for dataset in catalogue.datasets:
        charts = {r.name: urls.chart_files(chart) for r in dataset.resources
                  if (chart := auto_chart(r, page.locale)) is not None}
        output.charts += list(charts.values())
        output.pages.append(Page(dataset.page_uri, page.render(
            "catalogue/dataset.md.j2", dataset.page_uri, dataset=dataset,
            view=dataset_page(catalogue, dataset, page.locale), charts=charts,
            too_long={r.name for r in dataset.resources if too_long(r)}, chart_max_rows=MAX_ROWS,
            preview_rows=PREVIEW_ROWS,
            json_max_rows=model.JSON_MAX_ROWS, manifest_uri=urls.downloads_file(urls.MANIFEST))))
    output.assets.append(Asset(urls.CATALOGUE_JSON, citation.data_catalogue(
        list(catalogue.datasets), catalogue.releases, catalogue.site, page.locale, catalogue.build_date)))
    return output


def changed_since_release(catalogue: Catalogue) -> set[str]:
    """The packages whose data changed since their version was released."""
    return {d.name for d in catalogue.datasets
            if d.version and (release := catalogue.released(d.name)) is not None and release.unreleased is not None}


def dataset_page(catalogue: Catalogue, dataset: DatasetInfo, locale: Locale) -> DatasetPage:
    release = catalogue.released(dataset.name)
    changed = release.unreleased if release and dataset.version else None
    site = catalogue.site
    return DatasetPage(
        dataset=dataset, released=release.date if release else None, release_commit=release.commit if release else "",
        unreleased=changed, unreleased_uri=f"{urls.CHANGES_PAGE}#{changed.anchor}" if changed else "",
        version=model.published_version(dataset.version, release),
        citation=citation.citation(dataset, release, site, locale), snippets=citation.snippets(dataset, site, locale),
        jsonld=citation.jsonld(dataset, release, site, locale), changes_uri=f"{urls.CHANGES_PAGE}#goi-{dataset.name}",
        description=description(dataset, locale))


def description(dataset: DatasetInfo, locale: Locale) -> str:
    """What a dataset page says of itself in a link preview: the first sentence of its package's description in
    the page's language, else its size and licence ("514 dòng trong 2 bảng · ODC-PDDL-1.0"). Not the site's
    words, which a shared S&P 500 page showed beside the home page's figures."""
    own = first_sentence(dataset.description.en if locale.code == "en" else dataset.description.vi)
    if own:
        return own
    size = locale.t("catalogue.size_value", rows=locale.plural("catalogue.rows", dataset.row_count),
                    tables=locale.plural("catalogue.tables", len(dataset.resources)))
    return " · ".join([size, *(licence.name or licence.title for licence in dataset.licences[:1])])
