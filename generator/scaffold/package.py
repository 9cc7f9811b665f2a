"""``minhbach new package``: a new package folder with a descriptor and a header-only CSV."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.core.datasets import load_datasets
from generator.core.settings import Settings
from generator.directory.model import SOURCES
from generator.scaffold.common import Refused, template, write_new

COLUMNS = ("id", "label_vi", "label_en", "value", "source_id", "flags", "note_vi", "note_en")


@dataclass(frozen=True)
class PackageRequest:
    name: str


def new_package(request: PackageRequest, settings: Settings) -> tuple[list[Path], list[str]]:
    """Write ``NAME/datapackage.yaml`` and a header-only ``NAME/data/NAME.csv`` in a new folder."""
    name = request.name
    folder = settings.datasets_dir / name
    if folder.exists():
        raise Refused(f"thư mục đã có, không ghi đè / folder exists, not overwritten: {settings.relative(folder)}")
    datasets = load_datasets(settings)
    taken = next((p for p in datasets.packages if p.name == name), None)
    if taken is not None:
        raise Refused(f"tên gói '{name}' đã dùng ở {taken.loaded.rel} / package name already used")
    sources = datasets.by_role(SOURCES[0])
    references = template("references.yaml").substitute(package=sources.name) if sources else \
        template("no-references.yaml").template
    values = {"name": name, "created": f"{settings.build_date.isoformat()}T00:00:00Z", "references": references}
    descriptor, table = folder / "datapackage.yaml", folder / "data" / f"{name}.csv"
    table.parent.mkdir(parents=True)
    write_new(descriptor, template("package.yaml").substitute(values))
    write_new(table, ",".join(COLUMNS) + "\n")
    return [descriptor, table], []
