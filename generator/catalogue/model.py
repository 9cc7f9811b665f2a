"""The catalogue's model: any Frictionless package, described for readers, with its tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from generator.core.checks.urls import link_target, scheme
from generator.core.read.package import LoadedPackage, role_of
from generator.core.read.table import LabelledValue, Table
from generator.core.text import Text, declared_language, en_of, text_of
from generator.urls import dataset_uri, package_folder, package_zip, resource_files

# A table's JSON copy is published up to this many rows. The JSON of a row is about three times its CSV
# (every key repeated): a national results table (930k rows) made a 346 MB file, 28 % of a site that
# GitHub Pages would refuse (a published site may be no larger than 1 GB). A larger table is published as
# CSV (and in the package zip) only, and its page says so.
JSON_MAX_ROWS = 200_000
DESCRIPTOR = "datapackage.json"  # a package's descriptor as published, beside its CSV files and in its zip


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    name: str = ""  # an identifier (a licence's SPDX id, "CC-BY-4.0"), shown as code


WHOLE_TYPES = frozenset({"date", "datetime", "time", "yearmonth"})  # cells a preview keeps on one line


def column_language(name: str) -> str:
    """The language a column's name says its cells are in ("" when it says none)."""
    return next((lang for lang in ("en", "vi") if name.endswith(f"_{lang}")), "")


@dataclass(frozen=True)
class ResourceInfo:
    name: str
    title: Text
    description: Text
    table: Table
    derived: bool = False  # computed by Minh Bạch from YAML records rather than read from a CSV file
    # The table's own licences where they differ from its package's (a Frictionless resource may state its own:
    # a CC-BY table in a CC0 package must not be shown as CC0); empty when it states none or the same.
    licences: tuple[Link, ...] = ()
    # Its own sources where they differ from its package's (a Data Package v2 resource may state them): only the
    # package's were shown, and a table's own sources were in its descriptor and nowhere on its page.
    sources: tuple[Link, ...] = ()
    lang: str = "vi"  # the language of its descriptor's text, its fields' too (``Text.lang``)

    def column_langs(self, page_lang: str) -> tuple[str, ...]:
        """The language of each column's cells, where it is known and not the page's ("" otherwise): a column
        named ``*_en`` holds English and ``*_vi`` Vietnamese (the bilingual columns of docs/data-format.md),
        which a screen reader must read in their own voice on a page of the other language."""
        return tuple(own if own != page_lang else "" for own in map(column_language, self.table.header))

    def column_whole(self) -> tuple[bool, ...]:
        """Whether each column's cells are kept on one line: a date or a time broke at its hyphens on a phone
        ("1957-" / "03-04"), harder to read and to copy. The table scrolls sideways instead."""
        kinds = {f.name: f.type for f in self.table.fields}
        return tuple(kinds.get(name) in WHOLE_TYPES for name in self.table.header)

    @property
    def csv_name(self) -> str:
        return resource_files(self.name)[0]

    @property
    def stated_missing(self) -> tuple[LabelledValue, ...] | None:
        """The schema's missing values when it states other than the default, an empty cell (the data dictionary
        says them, with their labels): None when it states that default or none."""
        entries = self.table.missing_entries
        return None if entries == (LabelledValue(""),) else entries

    @property
    def download_uri(self) -> str:
        return f"{package_folder(self.table.package)}/{self.csv_name}"

    @property
    def has_json(self) -> bool:
        """Whether the table is small enough to be published as JSON too (``JSON_MAX_ROWS``)."""
        return len(self.table.rows) <= JSON_MAX_ROWS

    @property
    def json_uri(self) -> str:
        return f"{package_folder(self.table.package)}/{resource_files(self.name)[1]}"

    @property
    def anchor(self) -> str:
        """Its heading's id on the package page. The page's own ids (dataset.md.j2: ``top``, ``trich-dan``,
        ``dung-du-lieu``, ``bang``, ``phien-ban``, ``so-dong``) are fixed and start otherwise, so that no table's
        name takes one: the tables' heading was ``bang-du-lieu``, made from its text, and a table ``du-lieu``
        took it (the heading moved to ``bang-du-lieu_1``); a package titled "Bảng t" lost its title's id to
        table ``t``."""
        return f"bang-{self.name}"

    @property
    def rows_anchor(self) -> str:
        return f"so-dong-{self.name}"


@dataclass(frozen=True)
class DatasetInfo:
    name: str
    title: Text
    description: Text
    version: str
    theme: str
    licences: tuple[Link, ...]
    sources: tuple[Link, ...]
    resources: tuple[ResourceInfo, ...]
    descriptor_rel: str
    created: date | None = None
    authors: tuple[str, ...] = ()  # whom a citation credits with the data (``_credited``): never this site
    publishers: tuple[str, ...] = ()
    authors_en: tuple[str, ...] = ()  # the same people by their English names (``title_en``), where given
    keywords: tuple[str, ...] = ()
    homepage: str = ""  # the package's ``homepage`` when it is an http(s) address (``_homepage``), else ""

    @property
    def page_uri(self) -> str:
        return dataset_uri(self.name)

    @property
    def descriptor_uri(self) -> str:
        return f"{package_folder(self.name)}/{DESCRIPTOR}"

    @property
    def zip_uri(self) -> str:
        return package_zip(self.name)

    @property
    def row_count(self) -> int:
        return sum(len(r.table.rows) for r in self.resources)

    @property
    def sourced_resources(self) -> tuple[ResourceInfo, ...]:
        """The tables that state sources of their own."""
        return tuple(r for r in self.resources if r.sources)


def _links(items: object) -> tuple[Link, ...]:
    """Licences or sources as the page shows them. One with neither a title nor an address (frictionless-py's
    geopoint package: ``{title: "", path: "", email: ""}``) says nothing: it is left out, so that a label is never
    shown with nothing after it (no licence left: "the package states no licence"; no source: no row)."""
    links = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            title = text_of(item.get("title")) or text_of(item.get("name")) or text_of(item.get("id"))
            url = item.get("path") or item.get("url") or ""
            shown = (title or str(url)).strip()
            if not shown:
                continue
            # Only an http, https or mailto address becomes a link (core/checks/urls.py)
            links.append(Link(title or str(url), link_target(url) if isinstance(url, str) else "",
                              text_of(item.get("name"))))
    return tuple(links)


def _people(items: object, roles: tuple[str, ...] | None, english: bool = False) -> tuple[str, ...]:
    """Names of the contributors holding one of ``roles`` (v1 ``role`` or v2 ``roles``; None: any role), in
    order; with ``english``, each by its English name where the descriptor gives one (``title_en``)."""
    names = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        held = item.get("roles") if isinstance(item.get("roles"), list) else [item.get("role") or "contributor"]
        name = text_of(item.get("title")) or _full_name(item) or text_of(item.get("organization"))
        if english:
            name = en_of(item, "title") or name
        if name and (roles is None or any(str(role).lower() in roles for role in held)) and name not in names:
            names.append(name)
    return tuple(names)


def _full_name(item: dict) -> str:
    """A v2 contributor named by ``givenName`` and ``familyName`` rather than ``title``."""
    return " ".join(text_of(item.get(key)).strip() for key in ("givenName", "familyName")
                    if text_of(item.get(key)).strip())


AUTHOR_ROLES = ("author", "creator")


def _credited(descriptor: dict, english: bool = False) -> tuple[str, ...]:
    """Who a citation names as the author of a package: its authors (or creators); a package that names none
    is credited to the contributors it does name (a maintainer, a publisher...), else to the publisher or
    organisation it states. Never to this site, which publishes a copy of data it did not make: a package
    that names nobody is cited by its title."""
    contributors = descriptor.get("contributors")
    found = _people(contributors, AUTHOR_ROLES, english) or _people(contributors, None, english)
    if found:
        return found
    for key in ("publisher", "organization"):
        value = descriptor.get(key)
        name = (text_of(value.get("title")) or text_of(value.get("name"))) if isinstance(value, dict) \
            else text_of(value)
        if name.strip():
            return (name.strip(),)
    return ()


def _link_keys(links: tuple[Link, ...]) -> set[str]:
    """What tells licences (or sources) apart: their address, else their identifier, else their title."""
    return {link.url or link.name or link.title for link in links}


def _own_links(spec: dict, key: str, package: tuple[Link, ...]) -> tuple[Link, ...]:
    """A resource's ``licenses`` or ``sources`` (``key``) when it states some that are not its package's."""
    own = _links(spec.get(key))
    return own if own and _link_keys(own) != _link_keys(package) else ()


def created_date(value: object) -> date | None:
    """The date part of the descriptor's ``created`` datetime, or None when it is missing or not ISO."""
    text = str(value or "")[:10]
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def dataset_info(pkg: LoadedPackage, name: str, tables: list[Table], derived: frozenset[str] = frozenset()
                 ) -> DatasetInfo:
    """Describe one package; ``tables`` are in descriptor order, then any tables derived from records."""
    descriptor = pkg.descriptor
    by_name = {r.get("name"): r for r in descriptor.get("resources", []) if isinstance(r, dict)}
    extension = descriptor.get("x-minhbach") if isinstance(descriptor.get("x-minhbach"), dict) else {}
    described = extension.get("derived") if isinstance(extension.get("derived"), dict) else {}
    for table_name, spec in described.items():  # titles of the tables derived from records, per language
        if table_name in derived and isinstance(spec, dict):
            by_name.setdefault(table_name, spec)
    licences, sources = _links(descriptor.get("licenses")), _links(descriptor.get("sources"))
    # The project's own packages (with a role) write Vietnamese; another's text is in the language it declares,
    # or in one the site does not know.
    lang = declared_language(descriptor, "vi" if role_of(descriptor) else "")
    resources = []
    for table in tables:
        spec = by_name.get(table.name, {})
        own = declared_language(spec, lang)
        resources.append(ResourceInfo(
            name=table.name,
            title=Text(text_of(spec.get("title")) or table.name, en_of(spec, "title"), own),
            description=Text(text_of(spec.get("description")), en_of(spec, "description"), own),
            table=table,
            derived=table.name in derived,
            licences=_own_links(spec, "licenses", licences),
            sources=_own_links(spec, "sources", sources),
            lang=own,
        ))
    keywords = descriptor.get("keywords")
    return DatasetInfo(
        name=name,
        title=Text(text_of(descriptor.get("title")) or name, en_of(descriptor, "title"), lang),
        description=Text(text_of(descriptor.get("description")), en_of(descriptor, "description"), lang),
        version=str(descriptor.get("version") or ""),
        theme=str(extension.get("theme") or ""),
        licences=licences,
        sources=sources,
        resources=tuple(resources),
        descriptor_rel=pkg.rel,
        created=created_date(descriptor.get("created")),
        authors=_credited(descriptor),
        publishers=_people(descriptor.get("contributors"), ("publisher",)),
        authors_en=_credited(descriptor, english=True),
        keywords=tuple(k for k in keywords if isinstance(k, str)) if isinstance(keywords, list) else (),
        homepage=_homepage(descriptor.get("homepage")),
    )


def _homepage(value: object) -> str:
    """The package's home on the web, where it is an http or https address: the page links to it (often the one
    place a package says where its data come from). A link target as the sources' are (``link_target``), but not
    a mail address, which is no home page; anything else is not shown."""
    target = link_target(value) if isinstance(value, str) else ""
    return target if scheme(target) in ("http", "https") else ""


@dataclass(frozen=True)
class Unreleased:
    """Changes to a package's data since its current version was released (the change log's unreleased entry):
    the data downloaded are that version and these changes, as of ``commit``."""

    commit: str  # short: the last commit that changed the package (the change log's unreleased ``Release.commit``)
    date: date  # that commit's
    # Of the entry on the change log (named by ``commit``, and numbered apart in a rare clash: History.anchor): left
    # out of the release's repr, which pages that cite the package take as an input (indicators/feature.py).
    anchor: str = field(default="", repr=False, compare=False)


@dataclass(frozen=True)
class Release:
    """When the current version of a package was released (from the repository's history, else the
    descriptor's ``created``) and by which commit; and the changes since, when its data are no longer that
    release's."""

    date: date | None
    commit: str = ""
    unreleased: Unreleased | None = None

    @property
    def data_date(self) -> date | None:
        """The day the data downloaded are as of: the release's, or the last change's since."""
        return self.unreleased.date if self.unreleased else self.date


def published_version(version: str, release: Release | None) -> str:
    """The version of the data as published: the descriptor's, and when they changed since it was released, the
    commit they are as of, as a SemVer build tag ("1.0.0+e7368df"; docs/tai-ve.md says why). A version that has a
    build tag already takes the commit as one more of its identifiers."""
    if not version or release is None or release.unreleased is None:
        return version
    return f"{version}{'.' if '+' in version else '+'}{release.unreleased.commit}"


@dataclass(frozen=True)
class Catalogue:
    """Every package as published, with its release, and the site's address (for citations)."""

    datasets: tuple[DatasetInfo, ...]
    releases: dict[str, Release]
    site: str  # the site's address with a trailing slash, or "" when it is not configured
    build_date: date

    def dataset(self, name: str) -> DatasetInfo | None:
        return next((d for d in self.datasets if d.name == name), None)

    @property
    def resource_count(self) -> int:
        return sum(len(d.resources) for d in self.datasets)

    @property
    def row_count(self) -> int:
        return sum(d.row_count for d in self.datasets)

    def released(self, name: str) -> Release | None:
        """The release of package ``name``'s current version, with the changes since (the whole of it: a page
        citing the package names it as its input, and it must change when any of it does)."""
        return self.releases.get(name)
