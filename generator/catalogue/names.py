"""Packages' and resources' names as addresses: each must be a page and files of its own.

A package's name is its page (du-lieu/<name>.md) and its downloads (the folder tai-ve/<name>/ and the file
tai-ve/<name>.zip); a resource's name is two files in that folder (urls.resource_files) and, with its package's,
the address of its automatic chart (autochart.chart_stem). A name that would take one of the site's own pages
or files (``index`` took the catalogue's page, ``minhbach-data`` the bulk zip, ``changes.csv`` made the build
fail on a folder where the change log's file goes) is a ``reserved-name``; one that would take another
package's or resource's address is an ``address-clash``. Both at the name's line, found before anything is
built: a build would otherwise replace a page or a file in silence, or fail without a place.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator import urls
from generator.catalogue.autochart import chart_stem
from generator.catalogue.model import DESCRIPTOR
from generator.core.datasets import Datasets, Package
from generator.core.problems import Problem, problem


@dataclass(frozen=True)
class Named:
    """A name from the data and where it is written (``file:line``, for the problem of a later one)."""

    name: str
    path: str
    line: int | None
    column: int | None

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


def name_problems(datasets: Datasets) -> list[Problem]:
    problems: list[Problem] = []
    files: dict[str, Named] = {}  # tai-ve/<name>.zip of each package
    folders: dict[str, Named] = {}  # tai-ve/<name> of each package
    charts: dict[str, Named] = {}  # the automatic chart's address of each resource (autochart.chart_stem)
    for package in datasets.packages:
        named = _named(package, ("name",))
        own = urls.own_page(urls.DATASETS_DIR, package.name) or urls.own_download(package.name)
        if own:
            problems.append(_reserved(named, own))
            continue
        folder, zip_file = urls.package_folder(package.name), urls.package_zip(package.name)
        # a package named "x.zip" would put its folder where package x's zip is, and the other way round
        first = files.get(folder) or folders.get(zip_file)
        if first is not None:
            problems.append(_clash(named, first, folder if folder in files else zip_file))
        files.setdefault(zip_file, named)
        folders.setdefault(folder, named)
        problems += _resource_files(package)
        problems += _charts(package, charts)
    return problems


def _charts(package: Package, charts: dict[str, Named]) -> list[Problem]:
    """Each resource's automatic chart is a file of its own, whether or not the resource is drawn today (a
    column of dates added later draws it)."""
    problems = []
    for index, resource in enumerate(package.descriptor.get("resources") or ()):
        name = resource.get("name") if isinstance(resource, dict) else None
        if not isinstance(name, str):
            continue
        stem = chart_stem(package.name, name)
        named = _named(package, ("resources", index, "name"), f"{package.name}/{name}")
        first = charts.setdefault(stem, named)
        if first is not named:
            problems.append(_clash(named, first, f"{urls.EMBED_DIR}/{stem}/"))
    return problems


def _resource_files(package: Package) -> list[Problem]:
    """Each resource's CSV and JSON files, and the descriptor, in the package's folder: a file of each."""
    problems = []
    taken = {DESCRIPTOR: _named(package, ("name",))}
    for index, resource in enumerate(package.descriptor.get("resources") or ()):
        name = resource.get("name") if isinstance(resource, dict) else None
        if not isinstance(name, str):
            continue
        named = _named(package, ("resources", index, "name"), name)
        for file in urls.resource_files(name):
            first = taken.get(file)
            if first is not None and first.name != name:
                problems.append(_clash(named, first, f"{urls.package_folder(package.name)}/{file}"))
                break
            taken.setdefault(file, named)
    return problems


def _named(package: Package, key: tuple, name: str | None = None) -> Named:
    line, column = package.loaded.at(*key)
    return Named(package.name if name is None else name, package.loaded.rel, line, column)


def _reserved(named: Named, address: str) -> Problem:
    return problem("reserved-name", named.path, named.line, named.column, "name", value=named.name, address=address)


def _clash(named: Named, first: Named, address: str, field: str = "name") -> Problem:
    return problem("address-clash", named.path, named.line, named.column, field, value=named.name, first=first.name,
                   other=first.where, address=address)
