"""Packages' and resources' names as addresses: each must be a page and files of its own.

A package's name is its page (du-lieu/<name>.md) and its downloads (the folder tai-ve/<name>/ and the file
tai-ve/<name>.zip); a resource's name is two files in that folder (urls.resource_files) and, with its package's,
the address of its automatic chart (autochart.chart_stem). A name that would take one of the site's own pages
or files (``index`` took the catalogue's page, ``minhbach-data`` the bulk zip, ``changes.csv`` made the build
fail on a folder where the change log's file goes) is a ``reserved-name``; one that would take another
package's or resource's address is an ``address-clash``. Both at the name's line, found before anything is
built: a build would otherwise replace a page or a file in silence, or fail without a place.

Charts share one folder: an index's and an indicator's charts are named after their codes (indicators/charts.py),
an automatic chart after its package and resource; the same address for two of them showed one chart on both
pages. Those of the codes are claimed after the resources', at the code's row. The supervision overview's two
charts are named by the site, not the data (``urls.SUPERVISION_CHARTS``): a code that would draw at one of their
addresses is a ``reserved-name`` (indicator 'recommendations-by-status' replaced the tracker's chart, and its page
showed the tracker's embed page).

Each of those files' names, and the temporary name each is written under first, must also be a name the file
system takes (``name-too-long``): a package name of 252 letters, or a package and resource of 125 each (their
chart's files), passed validation and failed every build with "File name too long", no place and no hint.
"""

from __future__ import annotations

from generator import urls
from generator.catalogue.autochart import chart_slug, chart_stem
from generator.catalogue.model import DESCRIPTOR
from generator.core.addresses import AddressBook, Holder, clash, reserved
from generator.core.datasets import Datasets, Package
from generator.core.files import LARGEST_PID, temporary_name
from generator.core.locale import LOCALES
from generator.core.problems import Problem, problem
from generator.core.render.links import served_url
from generator.core.text import shortened, slug
from generator.directory.addresses import INDICATORS, INDICES, written_codes
from generator.urls import SERIES_KINDS, SUPERVISION_CHARTS, bars_stems, indicator_stem, series_stem


def name_problems(datasets: Datasets) -> list[Problem]:
    problems: list[Problem] = []
    downloads = AddressBook()  # tai-ve/<name> and tai-ve/<name>.zip of each package
    charts = AddressBook()  # nhung/<stem>/ of each chart made from the data (its files are named alike)
    for package in datasets.packages:
        named = _named(package, ("name",))
        own = urls.own_page(urls.DATASETS_DIR, package.name) or urls.own_download(package.name)
        if own:
            problems.append(reserved(named, own))
            continue
        # a package named "x.zip" would put its folder where package x's zip is, and the other way round
        clashes = [downloads.claim(urls.package_folder(package.name), named),
                   downloads.claim(urls.package_zip(package.name), named)]
        problems += [clash for clash in clashes if clash][:1]
        problems += _too_long(package)
        problems += _resource_files(package)
        problems += _charts(package, charts)
    problems += _code_charts(datasets, charts)
    return problems


# The longest name of one file or folder, in bytes: Linux's file systems (ext4, tmpfs, btrfs, xfs) and macOS's
# refuse a longer one ("File name too long"); it is the limit of the build's output folder, wherever it is.
NAME_MAX = 255


def package_paths(package: str) -> tuple[str, ...]:
    """Every file and folder the build names after a package: its page (as written and as served) and its
    downloads (urls.py)."""
    return (urls.dataset_uri(package), served_url(urls.dataset_uri(package)), urls.package_zip(package),
            f"{urls.package_folder(package)}/{DESCRIPTOR}")


def resource_paths(package: str, resource: str) -> tuple[str, ...]:
    """Every file and folder the build names after a resource with its package: its downloads and its automatic
    chart's files in each language, drawn or not (a column of dates added later draws it)."""
    files = tuple(f"{urls.package_folder(package)}/{name}" for name in urls.resource_files(resource))
    return files + tuple(path for lang in LOCALES for path in urls.chart_paths(chart_slug(package, resource, lang),
                                                                               lang))


def longest_name(paths: tuple[str, ...]) -> tuple[str, int]:
    """Of ``paths``, the one with the longest part (a file's or a folder's name) and that part's length in bytes
    as the build writes it: under a temporary name first (core/files.py), longer than its own."""
    def size(part: str) -> int:
        return len(temporary_name(part, LARGEST_PID).encode("utf-8"))
    return max(((path, size(part)) for path in paths for part in path.split("/") if part), key=lambda p: p[1])


def _too_long(package: Package) -> list[Problem]:
    """A package's name, then each resource's with it, within ``NAME_MAX`` in every file the build names after
    them; at the name's line, with how many characters to take off (its files' names grow with the name)."""
    path, size = longest_name(package_paths(package.name))
    if size > NAME_MAX:  # every resource's files are in its folder: said once, here
        return [_name_too_long(package, ("name",), path, size)]
    problems = []
    for index, resource in enumerate(package.descriptor.get("resources") or ()):
        name = resource.get("name") if isinstance(resource, dict) else None
        if isinstance(name, str) and (found := longest_name(resource_paths(package.name, name)))[1] > NAME_MAX:
            problems.append(_name_too_long(package, ("resources", index, "name"), *found))
    return problems


def _name_too_long(package: Package, key: tuple, path: str, size: int) -> Problem:
    shown = path if len(path) <= 80 else f"{path[:40]}…{path[-30:]}"  # its end says which file it is
    pair = {"package": shortened(package.name, 40)} if len(key) > 1 else {}  # a table's name: its hint names both
    return problem("name-too-long", package.loaded.rel, *package.loaded.at(*key), "name", file=shown, size=size,
                   limit=NAME_MAX, excess=size - NAME_MAX, **pair)


def _charts(package: Package, charts: AddressBook) -> list[Problem]:
    """Each resource's automatic chart is a file of its own, whether or not the resource is drawn today (a
    column of dates added later draws it)."""
    problems = []
    for index, resource in enumerate(package.descriptor.get("resources") or ()):
        name = resource.get("name") if isinstance(resource, dict) else None
        if not isinstance(name, str):
            continue
        named = _named(package, ("resources", index, "name"), f"{package.name}/{name}")
        if found := _claim_chart(charts, chart_stem(package.name, name), named):
            problems.append(found)
    return problems


def _code_charts(datasets: Datasets, charts: AddressBook) -> list[Problem]:
    """The charts of each index (the focus unit's series, and its rankings of any year) and of each indicator,
    whether or not they are drawn today (a second year of results draws them). One problem a code at most; two
    codes of one page are that page's clash (directory/addresses.py), not their charts' too."""
    problems: list[Problem] = []
    indices = datasets.by_role(INDICES[0])
    extension = indices.descriptor.get("x-minhbach") if indices is not None else None
    focus = str(extension.get("focus_unit") or "") if isinstance(extension, dict) else ""
    pages: set[str] = set()
    rankings = []
    for codes in (INDICES, INDICATORS):
        for code in written_codes(datasets, codes):
            if slug(code.value) in pages:
                continue
            pages.add(slug(code.value))
            if codes == INDICATORS:
                stems = [indicator_stem(code.value)]
            else:
                stems = [series_stem(code.value, focus, kind) for kind in SERIES_KINDS]
                rankings.append((code, bars_stems(code.value)))
            clashes = [_claim_chart(charts, stem, code) for stem in stems]
            problems += [found for found in clashes if found][:1]
    for code, stems in rankings:  # the year drawn is the data's latest: any chart of that form is a ranking's
        taken = next(((address, holder) for address, holder in charts
                      if stems.fullmatch(address.removeprefix(f"{urls.EMBED_DIR}/").removesuffix("/"))
                      and not holder.same_as(code)), None)
        if taken is not None and not any(found.path == code.path and found.line == code.line for found in problems):
            problems.append(clash(code, taken[1], taken[0]))
    return problems


def _claim_chart(charts: AddressBook, stem: str, holder: Holder) -> Problem | None:
    """The chart ``stem`` for ``holder``: a ``reserved-name`` when it is one of the site's own charts, else the
    address book's answer."""
    if stem in SUPERVISION_CHARTS:
        return reserved(holder, _chart_address(stem))
    return charts.claim(_chart_address(stem), holder)


def _chart_address(stem: str) -> str:
    """A chart's address as a problem names it: its embed page (its files are named alike)."""
    return f"{urls.EMBED_DIR}/{stem}/"


def _resource_files(package: Package) -> list[Problem]:
    """Each resource's CSV and JSON files, and the descriptor, in the package's folder: a file of each."""
    problems = []
    files = AddressBook()
    folder = urls.package_folder(package.name)
    files.claim(f"{folder}/{DESCRIPTOR}", _named(package, ("name",), kind="package"))
    for index, resource in enumerate(package.descriptor.get("resources") or ()):
        name = resource.get("name") if isinstance(resource, dict) else None
        if not isinstance(name, str):
            continue
        named = _named(package, ("resources", index, "name"), name, kind="resource")
        for file in urls.resource_files(name):
            if found := files.claim(f"{folder}/{file}", named):
                problems.append(found)
                break
    return problems


def _named(package: Package, key: tuple, name: str | None = None, kind: str = "") -> Holder:
    """A name of ``package``'s descriptor (``key`` says which) as the holder of its addresses."""
    line, column = package.loaded.at(*key)
    return Holder(package.name if name is None else name, package.loaded.rel, line, column, "name", kind=kind)
