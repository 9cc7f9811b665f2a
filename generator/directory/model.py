"""The directory's model: agencies, sources and documents by their codes."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from generator.core.checks.crossrefs import split_values
from generator.core.checks.urls import link_target
from generator.core.datasets import Datasets
from generator.core.deps import note, rows_key
from generator.core.text import Text
from generator.urls import agency_uri

# Where each list lives: (package role, resource, key column).
AGENCIES = ("agencies", "agencies", "agency_code")
SOURCES = ("sources", "sources", "source_id")
DOCUMENTS = ("legal-documents", "legal_documents", "doc_number")


@dataclass(frozen=True)
class AgencyRef:
    code: str
    name: Text

    @property
    def page_uri(self) -> str:
        return agency_uri(self.code)


EXACT, SITE_ROOT, NO_ADDRESS = "exact", "site-root", "no-address"


@dataclass(frozen=True)
class SourceRef:
    id: str
    url: str
    title: str
    publisher: str
    published: str
    tier: str
    language: str = ""  # the language of the document itself (vi, en, ja)
    title_en: str = ""  # English of a [bracketed] description the data team wrote for want of the real title
    publisher_en: str = ""  # the publisher's English name, where ``publisher`` describes it in Vietnamese

    def title_in(self, lang: str) -> str:
        """The document's own title stays in its language; a description the team wrote is given per page."""
        return self.title_en if lang == "en" and self.title_en else self.title

    def publisher_in(self, lang: str) -> tuple[str, str]:
        """(the publisher's name for a page in ``lang``, the language that name is written in)."""
        if lang == "en" and self.publisher_en:
            return self.publisher_en, "en"
        return self.publisher or self.id, self.language

    @property
    def address(self) -> str:
        """How far the citation leads: to the document itself (``exact``), only to the publisher's home page
        (``site-root``: the document's own address is not known) or nowhere (``no-address``)."""
        if not link_target(self.url):  # none, or one the site may not link to (javascript:...)
            return NO_ADDRESS
        parts = urlsplit(self.url.strip())
        return SITE_ROOT if parts.path in ("", "/") and not parts.query and not parts.fragment else EXACT


@dataclass(frozen=True)
class DocumentRef:
    number: str
    title: Text
    issue_date: str


@dataclass(frozen=True)
class SourceReach:
    """How many of the site's figures lead to the exact document, to a home page only, or to no address
    (``figures.source_reach`` counts them)."""

    figures: int = 0
    exact: int = 0
    site_root: int = 0
    no_address: int = 0


@dataclass
class Directory:
    agencies: dict[str, AgencyRef] = field(default_factory=dict)
    sources: dict[str, SourceRef] = field(default_factory=dict)
    documents: dict[str, DocumentRef] = field(default_factory=dict)
    reach: SourceReach = field(default_factory=SourceReach)
    # HTML fragments already made for a (kind, key, language): a national site shows each source and agency
    # tens of thousands of times (see links.py). Filled as pages render; never compared or printed.
    fragments: dict[tuple[str, str, str], object] = field(default_factory=dict, repr=False, compare=False)
    # Where each list was read: "agencies", "sources", "documents" -> (package, resource, key column); a page
    # that looks an entry up depends on that entry's row (see core/deps.py).
    tables: dict[str, tuple[str, str, str]] = field(default_factory=dict)

    def agency(self, code: str) -> AgencyRef:
        return self.agencies.get(code) or AgencyRef(code, Text(code))

    def source(self, source_id: str) -> SourceRef | None:
        return self.sources.get(source_id)

    def source_ids(self, cell: str) -> list[str]:
        """A source cell may name several sources separated by ';'."""
        return split_values(cell or "")


def load_directory(datasets: Datasets) -> Directory:
    directory = Directory()
    lists = (("agencies", AGENCIES, _agency), ("sources", SOURCES, _source), ("documents", DOCUMENTS, _document))
    for kind, (role, resource, column), fill in lists:
        package = datasets.by_role(role)
        table = package.table(resource) if package else None
        if table is not None:
            directory.tables[kind] = (package.name, resource, column)
        for record in table.records() if table else []:
            fill(directory, record)
    return directory


def entry_key(directory: Directory, kind: str, key: str) -> str | None:
    """The input key of one entry's row (``core/deps.py``), or None when the list is not in the datasets."""
    where = directory.tables.get(kind)
    return rows_key(where[0], where[1], where[2], key) if where else None


def note_entry(directory: Directory, kind: str, key: str) -> None:
    """The unit being made shows this entry (or, when no row has ``key``, what stands for it): it depends on
    the entry's row (``core/deps.py``), however it found it."""
    found = entry_key(directory, kind, key)
    if found is not None:
        note(found)


def _agency(directory: Directory, r: dict) -> None:
    directory.agencies[str(r["agency_code"])] = AgencyRef(str(r["agency_code"]), Text.of(r, "name"))


def _source(directory: Directory, r: dict) -> None:
    directory.sources[str(r["source_id"])] = SourceRef(
        str(r["source_id"]), str(r.get("url") or ""), str(r.get("title") or ""), str(r.get("publisher") or ""),
        str(r.get("published_date") or ""), str(r.get("tier") or ""), str(r.get("language") or ""),
        str(r.get("title_en") or ""), str(r.get("publisher_en") or ""))


def _document(directory: Directory, r: dict) -> None:
    directory.documents[str(r["doc_number"])] = DocumentRef(
        str(r["doc_number"]), Text.of(r, "title"), str(r.get("issue_date") or ""))
