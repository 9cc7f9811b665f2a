"""Read the supervision package: its code lists (statuses, forms), the session files, into the model."""

from __future__ import annotations

from generator import urls
from generator.core.checks.crossrefs import KeyIndex, unchecked
from generator.core.checks.rules import spaced_keys
from generator.core.datasets import Datasets, Package
from generator.core.problems import Problem, problem
from generator.core.read.table import Table
from generator.core.settings import Settings
from generator.core.text import Text, shortened
from generator.directory.addresses import written_codes
from generator.directory.model import AGENCIES, DOCUMENTS, SOURCES
from generator.supervision.derived import derived_names
from generator.supervision.model import STATUS_CODE, Status, Supervision
from generator.supervision.records import CodeLists, read_sessions, session_files

ROLE = "supervision"
STATUSES = (ROLE, "statuses", "code")


# Where each code list of ``CodeLists`` is: (role of its package, resource, key column).
LISTS = {"agencies": AGENCIES, "sources": SOURCES, "documents": DOCUMENTS, "statuses": STATUSES,
         "forms": (ROLE, "forms", "code"), "categories": (ROLE, "categories", "code")}


def code_lists(datasets: Datasets) -> CodeLists:
    index = KeyIndex(datasets.tables())

    def _keys(role: str, resource: str, key: str) -> frozenset[str]:
        package = datasets.by_role(role)
        return (index.values(package.name, resource, key) if package else None) or frozenset()

    return CodeLists(**{name: _keys(*where) for name, where in LISTS.items()},
                     unread=frozenset(name for name in LISTS if _unread(datasets, index, name) is not None),
                     labels=_code_labels(datasets))


def _code_labels(datasets: Datasets) -> frozenset[tuple[str, str, str]]:
    """(list name, label, code) of each code of a list whose table labels its codes (``label_vi``, ``label_en``)."""
    found = set()
    for name, (role, resource, key) in LISTS.items():
        package = datasets.by_role(role)
        table = package.table(resource) if package is not None else None
        if table is None or key not in table.header:
            continue
        found |= {(name, label.strip(), row.get(key).strip()) for row in table.rows
                  for label in (row.get("label_vi"), row.get("label_en")) if label.strip()}
    return frozenset(found)


def _unread(datasets: Datasets, index: KeyIndex, name: str) -> Table | None:
    """The table of the code list ``name`` when it could not be read (``KeyIndex.unread``)."""
    role, resource, _ = LISTS[name]
    package = datasets.by_role(role)
    return index.unread(package.name, resource) if package else None


def _unchecked(datasets: Datasets, package: Package, codes: CodeLists) -> list[Problem]:
    """One warning for each code list that could not be read, whose codes the sessions then use unchecked: at the
    pattern that names the session files, since they all refer to it."""
    index = KeyIndex(datasets.tables())
    where = (package.loaded.rel, *package.loaded.at("x-minhbach", "records", "sessions"), "sessions")
    problems = []
    for name in sorted(codes.unread):
        unread = _unread(datasets, index, name)
        if unread is not None:
            problems.append(unchecked(*where, f"{unread.package}/{unread.name}.{LISTS[name][2]}", unread))
    return problems


def load_supervision(datasets: Datasets, settings: Settings) -> tuple[Supervision | None, list[Problem]]:
    package = datasets.by_role(ROLE)
    if package is None:
        return None, []
    extension = package.descriptor.get("x-minhbach", {})
    records = extension.get("records") if isinstance(extension.get("records"), dict) else {}
    files, problems = session_files(package.loaded, records.get("sessions"), settings)
    codes = code_lists(datasets)
    sessions, read = read_sessions(files, codes, settings)
    problems += read + _unchecked(datasets, package, codes) + _spaced_codes(datasets) \
        + _derived_names_taken(package) + _status_codes_malformed(datasets)
    return Supervision(tuple(sessions), _statuses(package), _labels(package, "forms"), settings.build_date,
                       package.name, _labels(package, "categories"), settings.relative(package.loaded.folder)), problems


def _spaced_codes(datasets: Datasets) -> list[Problem]:
    """Each code of a code list written with blanks around it, whether or not its table declares the column a key:
    the sessions' codes are matched without them (``KeyIndex.values``), so "SNV " would be published so, unsaid
    (those of a key column are the same problems, which the report gives once)."""
    problems = []
    for role, resource, key in LISTS.values():
        package = datasets.by_role(role)
        table = package.table(resource) if package is not None else None
        problems += spaced_keys(table, [key], package.loaded.rel) if table is not None else []
    return problems


def _derived_names_taken(package: Package) -> list[Problem]:
    """A resource of the supervision package named like a table made from the session files (sessions.csv...):
    both would be the package's download of that name, and the build stopped on it with an unexpected error."""
    problems = []
    for index, resource in enumerate(package.descriptor.get("resources") or ()):
        name = resource.get("name") if isinstance(resource, dict) else None
        if name in derived_names():
            line, column = package.loaded.at("resources", index, "name")
            problems.append(problem("derived-name", package.loaded.rel, line, column, "name", value=name,
                                    address=f"{urls.package_folder(package.name)}/{name}.csv",
                                    names=", ".join(sorted(derived_names()))))
    return problems


def _status_codes_malformed(datasets: Datasets) -> list[Problem]:
    """Each status code written with other characters than a-z, 0-9, '_' and '-' (``STATUS_CODE``), at its row,
    whatever the descriptor's own pattern allows: a code names its badge's style on every page
    (``mb-status-<code>``), and a pull request can relax the pattern with the data (a code with a blank gave every
    badge of that status the site's own classes: 'dinh_hoan md-header' made them sticky header bars)."""
    return [problem("status-code", code.path, code.line, code.column, code.field, value=shortened(str(code.value)))
            for code in written_codes(datasets, STATUSES) if not STATUS_CODE.fullmatch(str(code.value))]


def _statuses(package: Package) -> dict[str, Status]:
    table = package.table("statuses")
    statuses = {}
    for record in table.records() if table else []:
        code = str(record.get("code") or "")
        order = record.get("order")
        # Typed values may still be raw text when the table has problems; those are reported elsewhere.
        statuses[code] = Status(code, Text.of(record, "label"), Text.of(record, "description"),
                                order if isinstance(order, int) else 0)
    return statuses


def _labels(package: Package, resource: str) -> dict[str, Text]:
    """A code list (``code``, ``label_vi``, ``label_en``): what a page shows instead of the code."""
    table = package.table(resource)
    return {str(r.get("code")): Text.of(r, "label") for r in (table.records() if table else [])}
