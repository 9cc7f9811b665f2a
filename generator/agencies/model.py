"""Agencies as published: code, name, type, validity and successor, with the source of each."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from generator.core.datasets import Datasets
from generator.core.text import Text
from generator.directory.model import AGENCIES
from generator.urls import agency_uri

TYPES = "agency_types"  # the code list of agency_type, in the agencies package (optional)


@dataclass(frozen=True)
class Agency:
    code: str
    name: Text
    agency_type: str
    valid_from: date | None
    valid_to: date | None
    successor: str
    status_note: Text
    source_id: str

    @property
    def page_uri(self) -> str:
        return agency_uri(self.code)


@dataclass(frozen=True)
class Agencies:
    agencies: tuple[Agency, ...]
    types: dict[str, Text] = field(default_factory=dict)  # agency_type code -> label (agency_types table)

    def type_label(self, code: str) -> Text:
        return self.types.get(code) or Text(code, code)


def load_agencies(datasets: Datasets) -> Agencies:
    role, resource, _ = AGENCIES
    package = datasets.by_role(role)
    table = package.table(resource) if package else None
    types = package.table(TYPES) if package else None
    return Agencies(tuple(
        Agency(str(r["agency_code"]), Text.of(r, "name"), str(r.get("agency_type") or ""), r.get("valid_from"),
               r.get("valid_to"), str(r.get("successor_code") or ""), Text.of(r, "status_note"),
               str(r.get("source_id") or ""))
        for r in (table.records() if table else [])),
        {str(r["code"]): Text.of(r, "label") for r in (types.records() if types else [])})
