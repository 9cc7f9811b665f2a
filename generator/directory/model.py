"""The directory's model: agencies, sources and documents by their codes."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.core.checks.crossrefs import split_values
from generator.core.datasets import Datasets
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
class Directory:
    agencies: dict[str, AgencyRef] = field(default_factory=dict)
    sources: dict[str, SourceRef] = field(default_factory=dict)
    documents: dict[str, DocumentRef] = field(default_factory=dict)
    # HTML fragments already made for a (kind, key, language): a national site shows each source and agency
    # tens of thousands of times (see links.py). Filled as pages render; never compared or printed.
    fragments: dict[tuple[str, str, str], object] = field(default_factory=dict, repr=False, compare=False)

    def agency(self, code: str) -> AgencyRef:
        return self.agencies.get(code) or AgencyRef(code, Text(code))

    def source(self, source_id: str) -> SourceRef | None:
        return self.sources.get(source_id)

    def source_ids(self, cell: str) -> list[str]:
        """A source cell may name several sources separated by ';'."""
        return split_values(cell or "")


def load_directory(datasets: Datasets) -> Directory:
    directory = Directory()
    for (role, resource, _), fill in ((AGENCIES, _agency), (SOURCES, _source), (DOCUMENTS, _document)):
        package = datasets.by_role(role)
        table = package.table(resource) if package else None
        for record in table.records() if table else []:
            fill(directory, record)
    return directory


def _agency(directory: Directory, r: dict) -> None:
    directory.agencies[str(r["agency_code"])] = AgencyRef(str(r["agency_code"]), Text.of(r, "name"))


def _source(directory: Directory, r: dict) -> None:
    directory.sources[str(r["source_id"])] = SourceRef(
        str(r["source_id"]), str(r.get("url") or ""), str(r.get("title") or ""), str(r.get("publisher") or ""),
        str(r.get("published_date") or ""), str(r.get("tier") or ""))


def _document(directory: Directory, r: dict) -> None:
    directory.documents[str(r["doc_number"])] = DocumentRef(
        str(r["doc_number"]), Text.of(r, "title"), str(r.get("issue_date") or ""))
