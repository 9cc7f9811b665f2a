"""What a journalist copies from a dataset page, computed here so templates only print it: the citation
(plain text and BibTeX), code that loads each CSV in pandas and R, schema.org JSON-LD for search engines,
and the DCAT-US ``data.json`` catalogue for harvesters.

Every address comes from ``urls``: absolute when the site's address is configured, otherwise relative (to
the page for machine-read JSON-LD, which resolves it against the page; to the site root for text a person
reads, with a note saying so).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date

import markupsafe

from generator.catalogue import urls
from generator.catalogue.model import CATALOGUE_JSON, DatasetInfo, ResourceInfo
from generator.core import i18n
from generator.core.render.links import relative_link, served_url

_BIBTEX_SPECIAL = str.maketrans({
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
    "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
})


@dataclass(frozen=True)
class Citation:
    text: str
    bibtex: str
    url: str
    absolute: bool  # False: ``url`` is relative to the site's root and the page adds a note


@dataclass(frozen=True)
class Snippet:
    resource: ResourceInfo
    pandas: str
    r: str


def publisher(dataset: DatasetInfo, lang: str) -> str:
    """Who publishes the package: its contributors with the role ``publisher``, else this site."""
    return "; ".join(dataset.publishers) or i18n.translate("site.name", lang)


def citation(dataset: DatasetInfo, released: date | None, site: str, lang: str, page_uri: str = "",
             part: str = "") -> Citation:
    """Title, authors, publisher, version, release date and address, in plain text and BibTeX.

    The date is the day the current version was released (from the repository history, else the
    descriptor's ``created``); the plain form writes it in ISO, which reads the same in both languages.
    ``page_uri`` and ``part`` cite one page built from the dataset (an indicator page) instead of the whole.
    """
    url = urls.page_url(site, lang, page_uri or dataset.page_uri)
    title = f"{part} — {dataset.title.get(lang)}" if part else dataset.title.get(lang)
    by = "; ".join(dataset.authors) or publisher(dataset, lang)
    when = released.isoformat() if released else i18n.translate("cite.no_date", lang)
    version = f" ({i18n.translate('cite.version', lang, version=dataset.version)})" if dataset.version else ""
    kind = i18n.translate("cite.kind", lang)
    text = f"{by} ({when}). {title}{version} [{kind}]. {publisher(dataset, lang)}. {url}"
    slug_part = f"-{part}" if part else ""
    key = re.sub(r"[^A-Za-z0-9.-]+", "-", f"minhbach-{dataset.name}{slug_part}-{dataset.version}").strip("-")
    fields = [
        ("author", " and ".join("{" + _bibtex(name) + "}" for name in (dataset.authors or (by,)))),
        ("title", "{" + _bibtex(title) + "}"),
        ("year", str(released.year) if released else ""),
        ("date", released.isoformat() if released else ""),
        ("version", _bibtex(dataset.version)),
        ("publisher", _bibtex(publisher(dataset, lang))),
        ("url", url),
        ("note", _bibtex(kind)),
    ]
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields if value)
    return Citation(text, f"@misc{{{key},\n{body}}}\n", url, bool(site))


def _bibtex(text: str) -> str:
    return text.translate(_BIBTEX_SPECIAL)


_PANDAS_TYPES = {"string": '"string"', "integer": '"Int64"', "year": '"Int64"'}
_R_TYPES = {"string": "col_character()", "integer": "col_integer()", "year": "col_integer()",
            "number": "col_double()", "boolean": "col_logical()", "date": "col_date()"}


def snippets(dataset: DatasetInfo, site: str, lang: str) -> list[Snippet]:
    """pandas and R (readr) code that reads each CSV with the schema's types.

    Text columns are read as text on purpose: codes such as ``010`` or ``79`` would otherwise lose their
    leading zeros, and "NA" would become a missing value. Only the schema's missing values count as missing.
    """
    found = []
    for resource in dataset.resources:
        url = urls.download_url(site, resource.download_uri)
        fields = resource.table.fields
        missing = sorted(resource.table.missing_values)
        dtypes = ", ".join(f"{json.dumps(f.name, ensure_ascii=False)}: {_PANDAS_TYPES[f.type]}" for f in fields
                           if f.type in _PANDAS_TYPES)
        dates = ", ".join(json.dumps(f.name, ensure_ascii=False) for f in fields if f.type == "date")
        pandas = [
            "import pandas as pd",
            "",
            f"df = pd.read_csv(\n    {json.dumps(url)},",
            f"    dtype={{{dtypes}}}," if dtypes else None,
            f"    parse_dates=[{dates}]," if dates else None,
            f"    keep_default_na=False, na_values={json.dumps(missing, ensure_ascii=False)},",
            ")",
        ]
        columns = ",\n".join(f"    {_r_name(f.name)} = {_R_TYPES.get(f.type, 'col_character()')}" for f in fields)
        r = [
            "library(readr)",
            "",
            f"df <- read_csv(\n  {json.dumps(url)},",
            f"  col_types = cols(\n{columns}\n  )," if fields else None,
            f"  na = c({', '.join(json.dumps(m, ensure_ascii=False) for m in missing)})",
            ")",
        ]
        if not site:
            note = i18n.translate("cite.snippet_relative", lang)
            pandas.insert(0, f"# {note}")
            r.insert(0, f"# {note}")
        found.append(Snippet(resource, "\n".join(line for line in pandas if line is not None),
                             "\n".join(line for line in r if line is not None)))
    return found


def _r_name(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z][A-Za-z0-9._]*", name) else "`" + name.replace("`", "\\`") + "`"


def jsonld(dataset: DatasetInfo, released: date | None, site: str, lang: str) -> markupsafe.Markup:
    """schema.org ``Dataset`` for the page's <script type="application/ld+json">.

    Relative addresses are written relative to the page, which is how JSON-LD readers resolve them. The
    JSON is escaped so that no ``<`` can close the script element early.
    """
    def address(uri: str, download: bool = False) -> str:
        if site:
            return urls.download_url(site, uri) if download else urls.page_url(site, lang, uri)
        return relative_link(dataset.page_uri, uri)

    data: dict[str, object] = {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "name": dataset.title.get(lang),
        "description": dataset.description.get(lang) or dataset.title.get(lang),
        "url": address(dataset.page_uri),
        "identifier": dataset.name,
        "inLanguage": lang,
        "isAccessibleForFree": True,
        "creator": [{"@type": "Organization", "name": name} for name in dataset.authors or (publisher(dataset, lang),)],
        "publisher": {"@type": "Organization", "name": publisher(dataset, lang)},
        "includedInDataCatalog": {"@type": "DataCatalog", "name": i18n.translate("site.name", lang),
                                  "url": address("du-lieu/index.md")},
        "distribution": [
            {"@type": "DataDownload", "name": r.title.get(lang), "encodingFormat": "text/csv",
             "contentUrl": address(r.download_uri, download=True)} for r in dataset.resources
        ] + [{"@type": "DataDownload", "name": f"{dataset.name}.zip", "encodingFormat": "application/zip",
              "contentUrl": address(dataset.zip_uri, download=True)}],
    }
    if dataset.version:
        data["version"] = dataset.version
    if released:
        data["datePublished"] = released.isoformat()
    licences = [link.url for link in dataset.licences if link.url]
    if licences:
        data["license"] = licences[0] if len(licences) == 1 else licences
    if dataset.keywords:
        data["keywords"] = list(dataset.keywords)
    data["variableMeasured"] = sorted({f.name for r in dataset.resources for f in r.table.fields})
    return markupsafe.Markup(_script_safe(json.dumps(data, ensure_ascii=False)))


def _script_safe(text: str) -> str:
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def data_catalogue(datasets: list[DatasetInfo], released: dict[str, date | None], site: str, lang: str,
                   build_date: date) -> bytes:
    """``data.json`` in the DCAT-US (Project Open Data v1.1) form: every dataset and every distribution.

    It sits at the language's root, so relative addresses in it resolve against that root. ``modified``
    is the release date of the current version, else the build date (DCAT-US requires one).
    """
    def address(uri: str, download: bool = False) -> str:
        if site:
            return urls.download_url(site, uri) if download else urls.page_url(site, lang, uri)
        return served_url(uri)

    entries = []
    for dataset in datasets:
        when = released.get(dataset.name)
        licences = [link.url for link in dataset.licences if link.url]
        distributions = []
        for resource in dataset.resources:
            title = resource.title.get(lang)
            distributions.append({"@type": "dcat:Distribution", "title": f"{title} (CSV)", "format": "CSV",
                                  "mediaType": "text/csv", "downloadURL": address(resource.download_uri, True),
                                  "describedBy": address(dataset.descriptor_uri, True),
                                  "describedByType": "application/json"})
            distributions.append({"@type": "dcat:Distribution", "title": f"{title} (JSON)", "format": "JSON",
                                  "mediaType": "application/json", "downloadURL": address(resource.json_uri, True),
                                  "describedBy": address(dataset.descriptor_uri, True),
                                  "describedByType": "application/json"})
        distributions.append({"@type": "dcat:Distribution", "title": "Frictionless Data Package (zip)",
                              "format": "ZIP", "mediaType": "application/zip",
                              "downloadURL": address(dataset.zip_uri, True),
                              "conformsTo": "https://specs.frictionlessdata.io/data-package/"})
        entry: dict[str, object] = {
            "@type": "dcat:Dataset",
            "identifier": address(dataset.page_uri) if site else dataset.name,
            "title": dataset.title.get(lang),
            "description": dataset.description.get(lang) or dataset.title.get(lang),
            "keyword": list(dataset.keywords) or [k for k in (dataset.theme, dataset.name) if k],
            "modified": (when or build_date).isoformat(),
            "publisher": {"@type": "org:Organization", "name": publisher(dataset, lang)},
            "contactPoint": {"@type": "vcard:Contact", "fn": publisher(dataset, lang)},
            "accessLevel": "public",
            "landingPage": address(dataset.page_uri),
            "language": [lang],
            "distribution": distributions,
        }
        if when:
            entry["issued"] = when.isoformat()
        if licences:
            entry["license"] = licences[0]
        if dataset.version:
            entry["version"] = dataset.version
        if dataset.theme:
            entry["theme"] = [dataset.theme]
        entries.append(entry)
    catalogue = {
        "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
        "@id": urls.page_url(site, lang, CATALOGUE_JSON) if site else CATALOGUE_JSON,
        "@type": "dcat:Catalog",
        "conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
        "describedBy": "https://project-open-data.cio.gov/v1.1/schema/catalog.json",
        "dataset": entries,
    }
    return (json.dumps(catalogue, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
