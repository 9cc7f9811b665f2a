"""The catalogue's model: any Frictionless package, described for readers, with its tables."""

from __future__ import annotations

from dataclasses import dataclass

from generator.core.load import LoadedPackage
from generator.core.table import Table
from generator.core.text import Text, en_of, text_of

DATASETS_DIR = "du-lieu"
DOWNLOADS_DIR = "tai-ve"


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class ResourceInfo:
    name: str
    title: Text
    description: Text
    table: Table
    derived: bool = False  # computed by Minh Bạch from YAML records rather than read from a CSV file

    @property
    def download_uri(self) -> str:
        return f"{DOWNLOADS_DIR}/{self.table.package}/{self.name}.csv"

    @property
    def anchor(self) -> str:
        return f"bang-{self.name}"


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

    @property
    def page_uri(self) -> str:
        return f"{DATASETS_DIR}/{self.name}.md"

    @property
    def descriptor_uri(self) -> str:
        return f"{DOWNLOADS_DIR}/{self.name}/datapackage.json"

    @property
    def row_count(self) -> int:
        return sum(len(r.table.rows) for r in self.resources)


def _links(items: object) -> tuple[Link, ...]:
    links = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            title = text_of(item.get("title")) or text_of(item.get("name")) or text_of(item.get("id"))
            url = item.get("path") or item.get("url") or ""
            links.append(Link(title or str(url), url if isinstance(url, str) else ""))
    return tuple(links)


def dataset_info(pkg: LoadedPackage, name: str, tables: list[Table], derived: frozenset[str] = frozenset()
                 ) -> DatasetInfo:
    """Describe one package; ``tables`` are in descriptor order, then any tables derived from records."""
    descriptor = pkg.descriptor
    by_name = {r.get("name"): r for r in descriptor.get("resources", []) if isinstance(r, dict)}
    resources = []
    for table in tables:
        spec = by_name.get(table.name, {})
        resources.append(ResourceInfo(
            name=table.name,
            title=Text(text_of(spec.get("title")) or table.name, en_of(spec, "title")),
            description=Text(text_of(spec.get("description")), en_of(spec, "description")),
            table=table,
            derived=table.name in derived,
        ))
    extension = descriptor.get("x-minhbach") if isinstance(descriptor.get("x-minhbach"), dict) else {}
    return DatasetInfo(
        name=name,
        title=Text(text_of(descriptor.get("title")) or name, en_of(descriptor, "title")),
        description=Text(text_of(descriptor.get("description")), en_of(descriptor, "description")),
        version=str(descriptor.get("version") or ""),
        theme=str(extension.get("theme") or ""),
        licences=_links(descriptor.get("licenses")),
        sources=_links(descriptor.get("sources")),
        resources=tuple(resources),
        descriptor_rel=pkg.rel,
    )
