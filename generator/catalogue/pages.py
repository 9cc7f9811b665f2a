"""Catalogue pages and downloads for any package: the list, a page per dataset, CSV per resource."""

from __future__ import annotations

import csv
import io
import json

from generator.catalogue.model import DATASETS_DIR, DatasetInfo, ResourceInfo
from generator.core.load import Dialect
from generator.core.site import Asset, Output, Page, environment, render

PREVIEW_ROWS = 10


def build(datasets: list[DatasetInfo], descriptors: dict[str, dict], lang: str = "vi") -> Output:
    output = Output()
    env = environment(lang)
    uri = f"{DATASETS_DIR}/index.md"
    output.pages.append(Page(uri, "", render(env, "catalogue/index.md.j2", uri, datasets=datasets)))
    for dataset in datasets:
        output.pages.append(Page(dataset.page_uri, "", render(
            env, "catalogue/dataset.md.j2", dataset.page_uri, dataset=dataset, preview_rows=PREVIEW_ROWS)))
    for dataset in datasets:
        for resource in dataset.resources:
            output.assets.append(Asset(resource.download_uri, csv_bytes(resource)))
        output.assets.append(Asset(dataset.descriptor_uri, published_descriptor(dataset, descriptors[dataset.name])))
    return output


def csv_bytes(resource: ResourceInfo) -> bytes:
    """The resource as CSV: the validated file byte for byte when it already is one plain CSV file,
    otherwise its rows written as UTF-8 CSV with a header (TSV, multipart and inline data)."""
    table = resource.table
    if table.path is not None and not resource.derived and table.path.suffix.lower() == ".csv":
        data = table.path.read_bytes()
        return data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.header)
    for row in table.rows:
        writer.writerow([row.cells.get(name, "") for name in table.header])
    return buffer.getvalue().encode("utf-8")


def published_descriptor(dataset: DatasetInfo, descriptor: dict) -> bytes:
    """The descriptor as published beside the downloads: each resource points at its CSV file."""
    published = {k: v for k, v in descriptor.items() if k != "resources"}
    by_name = {r.get("name"): r for r in descriptor.get("resources", []) if isinstance(r, dict)}
    resources = []
    for resource in dataset.resources:
        spec = dict(by_name.get(resource.name) or {"name": resource.name})
        spec.pop("data", None)
        spec.update(path=f"{resource.name}.csv", format="csv", mediatype="text/csv", encoding="utf-8")
        if Dialect.from_descriptor(spec) != Dialect():
            spec.pop("dialect", None)
        if resource.derived and resource.table.fields:
            spec["schema"] = {"fields": [{"name": f.name, "type": f.type} for f in resource.table.fields]}
        resources.append(spec)
    published["resources"] = resources
    return (json.dumps(published, ensure_ascii=False, indent=2, default=str) + "\n").encode("utf-8")
