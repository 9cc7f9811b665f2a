"""The site's URL scheme, in one place: where every kind of page and download lives.

These addresses are a promise to readers and journalists (``docs/tai-ve.md`` documents them): a link must
survive the next release. Paths are docs-root URIs (``giam-sat/kien-nghi.md``); ``core.render.links`` turns
them into served, relative URLs. The English site is the same tree under ``en/``.

The site's own address (MkDocs' ``site_url``) is known only to its owner; without it, absolute addresses
(citations, JSON-LD, ``data.json``, the feed) are given relative to the site's root and the page says so.
"""

from __future__ import annotations

import re

from generator.core.charts.spec import Card, CardFiles, Chart, ChartFiles
from generator.core.locale import Locale
from generator.core.render.links import relative_link, served_url
from generator.core.text import slug

# Where an index's and an indicator's charts are, without their language (their files under assets/charts/, their
# embed page under nhung/). catalogue/names.py claims them beside the automatic charts' (auto-<package>-<resource>):
# index code 'AUTO-P' with focus unit 'T' drew its rank chart at auto-p-t-rank, package p's resource t-rank too.
SERIES_KINDS = ("rank", "score", "components")  # the focus unit's charts of an index
RANKED_TYPES = ("province", "agency", "district")  # the rankings an index draws (pages.index_charts)


# The supervision overview's charts, drawn from the session files whatever their codes: no data may draw at
# these addresses (catalogue/names.py).
BY_STATUS_CHART, BY_AGENCY_CHART = "recommendations-by-status", "recommendations-by-agency"
SUPERVISION_CHARTS = frozenset({BY_STATUS_CHART, BY_AGENCY_CHART})


def series_stem(code: str, unit: str, kind: str) -> str:
    return f"{slug(code)}-{slug(unit)}-{kind}"


def bars_stem(code: str, unit_type: str, year: int) -> str:
    return f"{slug(code)}-{unit_type}-{year}-bars"


def bars_stems(code: str) -> re.Pattern[str]:
    """Every address ``bars_stem`` may give an index's rankings: the year drawn is the data's latest, and a row
    added next year moves it."""
    return re.compile(rf"{re.escape(slug(code))}-(?:{'|'.join(RANKED_TYPES)})-[0-9]+-bars")


def indicator_stem(code: str) -> str:
    return slug(code)


# Folders of pages
DATASETS_DIR = "du-lieu"
SESSIONS_DIR = "giam-sat"
INDICATORS_DIR = "chi-so"
AGENCIES_DIR = "co-quan"
CHANGES_DIR = "thay-doi"
EMBED_DIR = "nhung"  # a chart's standalone page, for an <iframe> on another site
# Files
CHARTS_DIR = "assets/charts"
SHARE_DIR = "assets/share"  # each page's share image (Open Graph, 1200x630 PNG)
DOWNLOADS_DIR = "tai-ve"
BULK_ZIP = "minhbach-data.zip"  # under DOWNLOADS_DIR, like the two below
MANIFEST = "SHA256SUMS"
CHANGES_CSV = "changes.csv"
CATALOGUE_JSON = "data.json"  # at the site root, where DCAT-US harvesters look for it

HOME = "index.md"
DATASETS_INDEX = f"{DATASETS_DIR}/index.md"
SESSIONS_INDEX = f"{SESSIONS_DIR}/index.md"
TRACKER = f"{SESSIONS_DIR}/kien-nghi.md"
INDICATORS_INDEX = f"{INDICATORS_DIR}/index.md"
AGENCIES_INDEX = f"{AGENCIES_DIR}/index.md"
CHANGES_PAGE = f"{CHANGES_DIR}/index.md"
FEED = f"{CHANGES_DIR}/atom.xml"
GAPS = "chua-biet.md"  # what is not known yet: the public to-do list
GUIDE = "huong-dan.md"  # the maintainer guide (hand-written)
GUIDE_CONTRIBUTE = f"{GUIDE}#gop-y"  # its section on the loop from a reader's remark to a pull request
DOWNLOADS_GUIDE = "tai-ve.md"  # downloads, checksums and citation (hand-written)
DATA_FORMAT = "data-format.md"  # the data format (hand-written)

# Names from the data become addresses: a package's page (du-lieu/<name>.md) and downloads (tai-ve/<name>/ and
# tai-ve/<name>.zip); a session's, an agency's or an index's page (<folder>/<slug of its code>.md). None may take
# an address of the site's own (reserved-name, docs/problems.md lists them): these are its own pages in the folders
# data names pages in (the functions above and below make them), and its own files among the downloads
# (``index.html`` is the downloads guide, DOWNLOADS_GUIDE, served as tai-ve/). Keep them in step.
OWN_PAGES = {
    DATASETS_DIR: re.compile(r"index(\.html)?"),  # a package named index.html would be du-lieu/index.html/
    SESSIONS_DIR: re.compile(r"index|kien-nghi(-[0-9]+)?|phien-nam-[0-9]+"),  # TRACKER, tracker_part, sessions_year
    INDICATORS_DIR: re.compile(r"index"),
    AGENCIES_DIR: re.compile(r"index"),
}
OWN_DOWNLOADS = frozenset({BULK_ZIP, MANIFEST, CHANGES_CSV, "index.html"})


def download_uri(package: str, resource: str, suffix: str = "csv") -> str:
    """The stable address of a resource's download."""
    return f"{DOWNLOADS_DIR}/{package}/{resource}.{suffix}"


def downloads_file(name: str) -> str:
    return f"{DOWNLOADS_DIR}/{name}"


def package_folder(package: str) -> str:
    """Where a package's downloads are: its CSV and JSON files and its ``datapackage.json``."""
    return f"{DOWNLOADS_DIR}/{package}"


def package_zip(package: str) -> str:
    return f"{DOWNLOADS_DIR}/{package}.zip"


def resource_files(resource: str) -> tuple[str, str]:
    """The names of a resource's CSV and JSON files in its package's folder. A resource called "datapackage"
    must not overwrite the package's descriptor: its rows are ``datapackage.rows.json``."""
    stem = f"{resource}.rows" if resource == "datapackage" else resource
    return f"{resource}.csv", f"{stem}.json"


def own_page(folder: str, stem: str) -> str | None:
    """The site's own page that a page of the data at ``<folder>/<stem>.md`` would replace, as served, or None."""
    pattern = OWN_PAGES.get(folder)
    return served_url(f"{folder}/{stem.removesuffix('.html')}.md") if pattern and pattern.fullmatch(stem) else None


def own_download(package: str) -> str | None:
    """The site's own download that package ``package``'s folder or zip would replace, or None."""
    return next((downloads_file(name) for name in (package, f"{package}.zip") if name in OWN_DOWNLOADS), None)


def gaps_part(kind: str, number: int) -> str:
    """A page of one long kind of gap (a national list is cut into pages), counted from the end of the list."""
    return f"{GAPS.removesuffix('.md')}/{kind.replace('_', '-')}-{number}.md"


def sessions_year(year: int) -> str:
    """The sessions of one year, when the list of sessions is too long for one page."""
    return f"{SESSIONS_DIR}/phien-nam-{year}.md"


def tracker_part(number: int) -> str:
    """An older page of the recommendation tracker (a national tracker is cut into pages; the newest is
    TRACKER), counted from the oldest."""
    return f"{SESSIONS_DIR}/kien-nghi-{number}.md"


def agency_uri(code: str) -> str:
    return f"{AGENCIES_DIR}/{slug(code)}.md"


def dataset_uri(name: str) -> str:
    return f"{DATASETS_DIR}/{name}.md"


def session_uri(session_slug: str) -> str:
    return f"{SESSIONS_DIR}/{session_slug}.md"


def indicator_uri(code: str) -> str:
    return f"{INDICATORS_DIR}/{slug(code)}.md"


def chart_files(chart: Chart) -> ChartFiles:
    """Where a chart is published: its files under the charts folder, its embed page under ``nhung/``."""
    return ChartFiles.under(CHARTS_DIR, chart, EMBED_DIR)


def chart_paths(slug: str, lang: str) -> tuple[str, ...]:
    """Every file ``chart_files`` gives the chart ``slug`` of language ``lang``, without drawing it."""
    return tuple(path for path in ChartFiles.paths(CHARTS_DIR, slug, lang, EMBED_DIR) if path)


def card_files(card: Card) -> CardFiles:
    """Where a page's share image is published."""
    return CardFiles.under(SHARE_DIR, card)


def site_root(url: str) -> str:
    """The site's address with a trailing slash, or "" when it is not configured."""
    url = url.strip()
    return url if not url or url.endswith("/") else url + "/"


def page_url(site: str, locale: Locale, uri: str) -> str:
    """A page's address: absolute when the site's address is known, else relative to the site's root. An
    anchor is kept after the served path: the feed linked ``thay-doi/index.md#<release>``, a 404."""
    target, mark, anchor = uri.partition("#")
    return site + locale.root + served_url(target) + mark + anchor


def shared(uri: str) -> bool:
    """Whether ``uri`` is a download: published once, at the site's root, for every language (the English
    site links to those files instead of carrying a copy of each)."""
    return uri.startswith(f"{DOWNLOADS_DIR}/") and not uri.endswith(".md")


def from_language_root(locale: Locale, uri: str) -> str:
    """``uri`` as a path relative to ``locale``'s root (where data.json sits): downloads are at the site's."""
    return "../" * locale.root.count("/") + uri if shared(uri) else served_url(uri)


def language_link(locale: Locale, page_uri: str, target: str) -> str:
    """A relative link from a page of ``locale`` to ``target``, a docs-root path: into the language's own
    tree, except for downloads, which only the root has."""
    if locale.root and shared(target.partition("#")[0]):
        target = "../" * locale.root.count("/") + target
    return relative_link(page_uri, target)


def download_url(site: str, uri: str) -> str:
    """A download's address, absolute or relative to the site's root: the one copy, at the root, that
    both languages link to (the stable URL the docs promise)."""
    return site + uri
