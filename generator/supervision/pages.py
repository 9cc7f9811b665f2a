"""Supervision pages: the sessions list, one page per session, and the recommendation tracker."""

from __future__ import annotations

import json

from generator import urls
from generator.core.charts.spec import ChartFiles
from generator.core.feature import PageContext
from generator.core.render.output import Output, Page
from generator.directory.model import Directory
from generator.supervision import charts
from generator.supervision.derived import derived_names
from generator.supervision.load import ROLE
from generator.supervision.model import Session, Supervision

FILTER_LABELS = {"agency": "common.agency", "status": "common.status", "session": "supervision.session",
                 "category": "supervision.category", "all": "supervision.filter_all"}


def build(supervision: Supervision, package: str, page: PageContext) -> Output:
    """The pages of one language; ``package`` is the supervision package, whose derived tables are linked."""
    locale = page.locale
    directory = page.site.models.get(Directory) or Directory()
    filter_labels = json.dumps({key: locale.t(value) for key, value in FILTER_LABELS.items()}, ensure_ascii=False)
    value_labels = json.dumps(_value_labels(supervision, directory, page), ensure_ascii=False, sort_keys=True)
    downloads = {name: urls.download_uri(package, name) for name in sorted(derived_names())}
    context = {"sv": supervision, "filter_labels": filter_labels, "value_labels": value_labels,
               "documents": directory.documents, "today": supervision.build_date, "downloads": downloads,
               "tracker_uri": urls.TRACKER, "index_uri": urls.SESSIONS_INDEX}
    output = Output()
    overview = [c for c in (charts.by_status(supervision, locale), charts.by_agency(supervision, directory, locale))
                if c]
    files = [ChartFiles.under(urls.CHARTS_DIR, chart) for chart in overview]
    output.charts += files
    output.pages.append(Page(urls.SESSIONS_INDEX, page.render(
        "supervision/index.md.j2", urls.SESSIONS_INDEX, charts=files, **context)))
    output.pages.append(Page(urls.TRACKER, page.render("supervision/tracker.md.j2", urls.TRACKER, **context)))
    shared = shared_inputs(supervision, directory, page)
    for session in supervision.sessions:
        def make(session: Session = session) -> Output:
            return Output(pages=[Page(session.page_uri, page.render(
                "supervision/session.md.j2", session.page_uri, session=session, **context))])
        output.extend(page.unit(session.page_uri, [page.file(session.path), *shared], make))
    return output


def _value_labels(supervision: Supervision, directory: Directory, page: PageContext) -> dict[str, dict[str, str]]:
    """What the tracker's filters show for each code: status and category labels, agency names, session dates."""
    locale = page.locale
    items = supervision.items()
    return {
        "status": {code: status.label.get(locale.code) for code, status in supervision.statuses.items()},
        "category": {code: label.get(locale.code) for code, label in supervision.categories.items()},
        "agency": {code: directory.agency(code).name.get(locale.code)
                   for code in sorted({code for item in items for code in item.addressees})},
        "session": {s.id: f"{locale.date(s.date, s.date_precision)} — {s.topic.get(locale.code)}"
                    for s in supervision.sessions},
    }


def shared_inputs(supervision: Supervision, directory: Directory, page: PageContext) -> list[str]:
    """What every session's page (and every list of items) reads besides the session file: the package's
    descriptor, its code lists (statuses, forms and categories, whose labels it shows) and the legal documents."""
    package = page.site.datasets.by_role(ROLE)
    keys = [page.rows(supervision.package, name) for name in ("statuses", "forms", "categories")]
    if package is not None:
        keys.append(page.file(package.loaded.descriptor_path))
    if "documents" in directory.tables:
        keys.append(page.rows(*directory.tables["documents"][:2]))
    return keys
