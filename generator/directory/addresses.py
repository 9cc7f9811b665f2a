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

from generator import urls
from generator.core.datasets import Datasets
from generator.core.problems import Problem, problem
from generator.core.render.links import served_url
from generator.core.text import slug
from generator.directory.model import AGENCIES

# The code lists whose rows become pages, (package role, resource, key column), with the folder of their pages.
# The indices' and indicators' are the indicators feature's (indicators/model.py: INDICES_ROLE, INDICATORS_ROLE;
# tests/test_name_clashes.py keeps the two in step): that feature depends on this one, not the other way round.
PAGED_CODES = (
    (AGENCIES, urls.AGENCIES_DIR),
    (("indices", "indices", "index_code"), urls.INDICATORS_DIR),
    (("indicators", "indicators", "indicator_code"), urls.INDICATORS_DIR),
)


def code_address_problems(datasets: Datasets) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[tuple[str, str], tuple[str, tuple, str]] = {}  # (folder, slug) -> (code, its table, where)
    for (role, resource, column), folder in PAGED_CODES:
        package = datasets.by_role(role)
        table = package.table(resource) if package is not None else None
        if table is None or column not in table.header:
            continue
        missing = table.missing_in(column)
        rel = table.rel or package.loaded.rel
        for row in table.rows:
            code = row.get(column)
            if code in missing:
                continue
            line = row.line if table.rel else None
            key = (folder, slug(code))
            if own := urls.own_page(folder, key[1]):
                problems.append(problem("reserved-name", rel, line, None, column, value=code, address=own))
                continue
            first = seen.get(key)
            if first is None:
                seen[key] = (code, (role, resource), f"{rel}:{line}" if line else rel)
            elif first[0] != code or first[1] != (role, resource):
                problems.append(problem("address-clash", rel, line, None, column, value=code, first=first[0],
                                        other=first[2], address=served_url(f"{folder}/{key[1]}.md")))
    return problems
