"""Shared reference data every feature links to: agencies, sources and legal documents, with their URLs.

The URL scheme lives here so that a link from a session to an agency and the agency page itself agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.core.checks.crossrefs import split_values
from generator.core.datasets import Datasets
from generator.core.text import Text, slug

AGENCIES_DIR = "co-quan"
DOWNLOADS_DIR = "tai-ve"


def download_uri(package: str, resource: str, suffix: str = "csv") -> str:
    """The stable address of a resource's download (documented in docs/tai-ve.md)."""
    return f"{DOWNLOADS_DIR}/{package}/{resource}.{suffix}"


def agency_uri(code: str) -> str:
    return f"{AGENCIES_DIR}/{slug(code)}.md"


@dataclass(frozen=True)
class AgencyRef:
    code: str
    name: Text

    @property
    def page_uri(self) -> str:
        return agency_uri(self.code)


@dataclass(frozen=True)
class SourceRef:
    id: str
    url: str
    title: str
    publisher: str
    published: str
    tier: str


@dataclass(frozen=True)
class DocumentRef:
    number: str
    title: Text
    issue_date: str


@dataclass
class Lookups:
    agencies: dict[str, AgencyRef] = field(default_factory=dict)
    sources: dict[str, SourceRef] = field(default_factory=dict)
    documents: dict[str, DocumentRef] = field(default_factory=dict)
    # HTML fragments already made for a (kind, key, language): a national site shows each source and agency
    # tens of thousands of times (see core/html.py). Filled as pages render; never compared or printed.
    fragments: dict[tuple[str, str, str], object] = field(default_factory=dict, repr=False, compare=False)

    def agency(self, code: str) -> AgencyRef:
        return self.agencies.get(code) or AgencyRef(code, Text(code))

    def source(self, source_id: str) -> SourceRef | None:
        return self.sources.get(source_id)

    def source_ids(self, cell: str) -> list[str]:
        """A source cell may name several sources separated by ';'."""
        return split_values(cell or "")


def build_lookups(datasets: Datasets) -> Lookups:
    lookups = Lookups()
    for role, resource, fill in (("agencies", "agencies", _agency), ("sources", "sources", _source),
                                 ("legal-documents", "legal_documents", _document)):
        package = datasets.by_role(role)
        table = package.table(resource) if package else None
        for record in table.records() if table else []:
            fill(lookups, record)
    return lookups


def _agency(lookups: Lookups, r: dict) -> None:
    lookups.agencies[str(r["agency_code"])] = AgencyRef(str(r["agency_code"]), Text.of(r, "name"))


def _source(lookups: Lookups, r: dict) -> None:
    lookups.sources[str(r["source_id"])] = SourceRef(
        str(r["source_id"]), str(r.get("url") or ""), str(r.get("title") or ""), str(r.get("publisher") or ""),
        str(r.get("published_date") or ""), str(r.get("tier") or ""))


def _document(lookups: Lookups, r: dict) -> None:
    lookups.documents[str(r["doc_number"])] = DocumentRef(
        str(r["doc_number"]), Text.of(r, "title"), str(r.get("issue_date") or ""))
