"""Codes that become pages: each must have a page of its own.

An agency's page is co-quan/<slug of its code>.md, an index's or an indicator's chi-so/<slug of its code>.md
(urls.py): the slug folds case and diacritics, so 'SKHDT' beside 'SKHĐT' passed every check on the codes as
written and the build then stopped with exit 2 ("two units are named 'co-quan/skhdt.md'"). Two codes of one
folder whose slugs are equal are an ``address-clash`` at the second one's row, naming the first; a code whose
page would be one of the site's own (``index``: the list of agencies or indices) is a ``reserved-name``.
Codes equal as written in one table are the table's primary key's or ``unique`` constraint's to report; an
index and an indicator of the same code share a page, so across tables they clash too.

These checks run on every build, before anything is made (``load``): the codes are the cells as written.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator import urls
from generator.core.addresses import AddressBook, Holder, reserved
from generator.core.datasets import Datasets
from generator.core.problems import Problem
from generator.core.render.links import served_url
from generator.core.text import slug
from generator.directory.model import AGENCIES

# The code lists whose rows become pages, (package role, resource, key column), with the folder of their pages.
# The indices' and indicators' are the indicators feature's (indicators/model.py: INDICES_ROLE, INDICATORS_ROLE;
# tests/test_name_clashes.py keeps the two in step): that feature depends on this one, not the other way round.
INDICES = ("indices", "indices", "index_code")
INDICATORS = ("indicators", "indicators", "indicator_code")
PAGED_CODES = (
    (AGENCIES, urls.AGENCIES_DIR),
    (INDICES, urls.INDICATORS_DIR),
    (INDICATORS, urls.INDICATORS_DIR),
)


def code_address_problems(datasets: Datasets) -> list[Problem]:
    problems: list[Problem] = []
    pages = AddressBook()
    for codes, folder in PAGED_CODES:
        for code in written_codes(datasets, codes):
            stem = slug(code.value)
            if own := urls.own_page(folder, stem):
                problems.append(reserved(code, own))
            elif clash := pages.claim(served_url(f"{folder}/{stem}.md"), code):
                problems.append(clash)
    return problems


def written_codes(datasets: Datasets, codes: tuple[str, str, str]) -> Iterator[Holder]:
    """Each code of a code list, (package role, resource, key column), as written, where it is written; a
    missing cell is none. Codes equal as written in one table are one code written twice (the table's primary
    key's or ``unique`` constraint's to report), not a clash."""
    role, resource, column = codes
    package = datasets.by_role(role)
    table = package.table(resource) if package is not None else None
    if table is None or column not in table.header:
        return
    missing = table.missing_in(column)
    rel = table.rel or package.loaded.rel
    for row in table.rows:
        code = row.get(column)
        if code not in missing:
            yield Holder(code, rel, row.line if table.rel else None, None, column, kind=(role, resource))
