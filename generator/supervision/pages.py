"""Supervision pages: the sessions list, one page per session, and the recommendation tracker."""

from __future__ import annotations

import json

from generator.core import i18n
from generator.core.charts.spec import ChartFiles
from generator.core.lookup import Lookups
from generator.core.render.jinja import environment, render
from generator.core.render.output import Output, Page
from generator.supervision import charts
from generator.supervision.model import SESSIONS_DIR, Supervision

CHARTS_DIR = "assets/charts"

INDEX_URI = f"{SESSIONS_DIR}/index.md"
TRACKER_URI = f"{SESSIONS_DIR}/kien-nghi.md"


def build(supervision: Supervision, lookups: Lookups, downloads: dict[str, str], lang: str = "vi") -> Output:
    env = environment(lang)
    labels = {"agency": "common.agency", "status": "common.status", "session": "supervision.session",
              "category": "supervision.category", "all": "supervision.filter_all"}
    filter_labels = json.dumps({key: i18n.translate(value, lang) for key, value in labels.items()}, ensure_ascii=False)
    context = {"sv": supervision, "filter_labels": filter_labels, "lookups": lookups,
               "today": supervision.build_date, "downloads": downloads,
               "tracker_uri": TRACKER_URI, "index_uri": INDEX_URI}
    output = Output()
    overview = [c for c in (charts.by_status(supervision, lang), charts.by_agency(supervision, lookups, lang)) if c]
    files = [ChartFiles.under(CHARTS_DIR, chart) for chart in overview]
    output.charts += files
    output.pages.append(Page(INDEX_URI, render(env, "supervision/index.md.j2", INDEX_URI, charts=files,
                                                   **context)))
    output.pages.append(Page(TRACKER_URI, render(env, "supervision/tracker.md.j2", TRACKER_URI, **context)))
    for session in supervision.sessions:
        output.pages.append(Page(session.page_uri, render(
            env, "supervision/session.md.j2", session.page_uri, session=session, **context)))
    return output
