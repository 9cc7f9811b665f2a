"""The change log as published: a page, ``tai-ve/changes.csv`` (every row change) and an Atom feed of
releases and new supervision sessions.

The page and the feed are per language; ``changes.csv`` holds codes and cell values only, so both
languages publish the same bytes, like every other download.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from pathlib import Path

from generator import urls
from generator.changes.model import Cells, Correction, History, Release, ResourceChange
from generator.core.feature import PageContext
from generator.core.locale import Locale
from generator.core.render.links import relative_link
from generator.core.render.output import Asset, Output, Page
from generator.core.settings import Settings
from generator.core.text import Text, en_of, printable, text_of
from generator.supervision.model import Session, Supervision, session_date

ROWS_SHOWN = 50  # per resource and release on the page; changes.csv has them all
SESSION_RECORDS = "sessions"  # x-minhbach.records.sessions: the supervision's session files (supervision/load.py)
FEED_ENTRIES = 50
ATOM = "http://www.w3.org/2005/Atom"
CSV_COLUMNS = ("package", "resource", "version", "previous_version", "released", "release_date", "commit",
               "change", "key", "fields", "before", "after", "correction_vi", "correction_en")


@dataclass(frozen=True)
class RowView:
    change: str
    key: str
    detail: str


@dataclass(frozen=True)
class ResourceView:
    change: ResourceChange
    rows: tuple[RowView, ...]  # the updates: corrections are listed apart
    hidden: int  # row changes not shown on the page
    anchor: str = ""  # of its row details (History.details_anchor)
    files: str = ""  # a first release's record files, counted: "8 tệp phiên giám sát"


@dataclass(frozen=True)
class CorrectionView:
    correction: Correction
    rows: tuple[RowView, ...]  # what it changed, in every table it names


@dataclass(frozen=True)
class ReleaseView:
    release: Release
    title: Text
    dataset_uri: str  # "" when the package is no longer published
    resources: tuple[ResourceView, ...]
    corrections: tuple[CorrectionView, ...] = ()
    anchor: str = ""  # the release's on this page (History.anchor)
    corrections_anchor: str = ""  # of its corrections (History.corrections_anchor)


@dataclass(frozen=True)
class PackageView:
    name: str
    title: Text
    version: str
    latest: Release | None
    releases: int
    dataset_uri: str
    anchor: str = ""  # of the latest release, "" when there is none


def build(history: History, page: PageContext) -> Output:
    """The change-log page and the feed, in one language."""
    datasets = page.site.datasets
    titles = {p.name: Text(text_of(p.descriptor.get("title")) or p.name, en_of(p.descriptor, "title"))
              for p in datasets.packages}
    versions = {p.name: str(p.descriptor.get("version") or "") for p in datasets.packages}
    releases = [ReleaseView(r, titles.get(r.package, Text(r.package)), _dataset_uri(r.package, titles),
                            tuple(_resource_view(r, c, history.details_anchor(r, c.resource), page.locale)
                                  for c in r.resources),
                            _correction_views(r), history.anchor(r), history.corrections_anchor(r))
                for r in newest_first(history.releases)]
    packages = [_package_view(history, name, titles, versions[name]) for name in sorted(titles)]
    content = page.render("changes/changes.md.j2", urls.CHANGES_PAGE, history=history, releases=releases,
                          packages=packages, reason_key=f"changes.reason.{history.reason}" if history.reason else "",
                          csv_uri=urls.downloads_file(urls.CHANGES_CSV), feed_uri=urls.FEED, rows_shown=ROWS_SHOWN)
    site = urls.site_root(page.site.settings.site_url)
    supervision = page.site.models.get(Supervision)
    return Output(pages=[Page(urls.CHANGES_PAGE, content)],
                  assets=[Asset(urls.FEED, feed(history, titles, supervision, page.site.settings, site, page.locale))])


def _package_view(history: History, name: str, titles: dict[str, Text], version: str) -> PackageView:
    latest = history.latest(name)
    return PackageView(name, titles[name], version, latest, history.count(name), _dataset_uri(name, titles),
                       history.anchor(latest) if latest else "")


def newest_first(releases: tuple[Release, ...]) -> list[Release]:
    """The unreleased entries (computed last) lead, packages A to Z; then the latest commit first, packages A to Z
    within a commit. Each unreleased entry has its package's last commit, so they are ranked as one group."""
    rank = {}
    for position, release in enumerate(releases):
        rank.setdefault(_group(release), position)
    return sorted(releases, key=lambda r: (-rank[_group(r)], r.package))


def _group(release: Release) -> tuple[str, bool]:
    return (release.commit, True) if release.released else ("", False)


def _dataset_uri(name: str, titles: dict[str, Text]) -> str:
    return urls.dataset_uri(name) if name in titles else ""


def _resource_view(release: Release, change: ResourceChange, anchor: str, locale: Locale) -> ResourceView:
    updates = [row for row in change.rows if release.correction(change, row) is None]
    shown = tuple(RowView(row.change, _cells(row.key), _detail(row)) for row in updates[:ROWS_SHOWN])
    return ResourceView(change, shown, max(0, len(updates) - ROWS_SHOWN), anchor,
                        _record_files(change, locale) if change.files else "")


def _record_files(change: ResourceChange, locale: Locale) -> str:
    """"8 tệp phiên giám sát", or for another record set "2 tệp bản ghi “notes”"."""
    noun = "changes.count.session_file" if change.resource == SESSION_RECORDS else "changes.count.record_file"
    return locale.plural(noun, change.files, name=change.resource)


def _correction_views(release: Release) -> tuple[CorrectionView, ...]:
    """Each correction of the release with the row changes it explains (corrections come before updates)."""
    views = []
    for correction in release.corrections:
        rows = tuple(RowView(row.change, _cells(row.key), _detail(row)) for change in release.resources
                     for row in change.rows if release.correction(change, row) is correction)
        views.append(CorrectionView(correction, rows))
    return tuple(views)


def _cells(cells: Cells, limit: int = 160) -> str:
    text = "; ".join(f"{name}={value}" for name, value in cells)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _detail(row) -> str:  # noqa: ANN001 - a model.RowChange
    if row.change == "changed":
        old, new = dict(row.before), dict(row.after)
        return _cells(tuple((f, f"{old[f]!r} → {new[f]!r}") for f in row.fields), 240)
    return _cells(row.after or row.before)


def changes_csv(history: History) -> bytes:
    """One line per row added, removed or changed, for every release that has a previous one.

    ``key``, ``before`` and ``after`` are JSON objects (column -> cell text) so that any value survives;
    an initial release has no lines (everything in it is new), nor do tables added or dropped whole (the
    page counts their rows). What session files publish (each fact, recommendation and issue with its fields,
    each status entry) is the resource named after the records (``sessions``), keyed by record and entry. A
    line that corrects a published value carries the correction's note (``correction_vi``, ``correction_en``);
    the others are updates.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for release in history.releases:
        for resource in release.resources:
            for row in resource.rows:
                correction = release.correction(resource, row)
                note = correction.note if correction else Text()
                writer.writerow([
                    release.package, resource.resource, release.version, release.previous_version,
                    "true" if release.released else "false", release.date.date().isoformat(), release.commit,
                    row.change, _json(row.key), "; ".join(row.fields), _json(row.before), _json(row.after),
                    note.vi, note.en])
    return buffer.getvalue().encode("utf-8")


def _json(cells: Cells) -> str:
    return json.dumps(dict(cells), ensure_ascii=False) if cells else ""


@dataclass(frozen=True)
class _Entry:
    id: str
    title: str
    updated: datetime
    link: str  # docs-root URI of the page, with its anchor
    summary: str


def feed(history: History, titles: dict[str, Text], supervision: Supervision | None, settings: Settings,
         site: str, locale: Locale) -> bytes:
    """An Atom feed of package releases, of their corrections (those not yet released too) and of supervision
    sessions, newest first.

    A session's date in the feed is the day its file was first committed (when it appeared on the site),
    or the session's own date when there is no history; a session still ahead of the build date is
    announced as planned, as its page says, and becomes a new session (another entry) on its date. No
    entry is dated after the build date: the feed knows nothing later. Links are absolute when the site's
    address is known, otherwise relative to the feed, which feed readers resolve against the feed's own
    address.
    """
    t = locale.t
    entries = []
    for release in history.releases:
        title = titles.get(release.package, Text(release.package)).get(locale.code)
        label = release.version or release.date.date().isoformat()
        if release.released:
            entries.append(_Entry(
                f"urn:minhbach:release:{release.package}:{release.commit}", f"{title} {label}", release.date,
                f"{urls.CHANGES_PAGE}#{history.anchor(release)}", _summary(release, locale)))
        if release.corrections:
            entries.append(_correction_entry(history, release, title, label, locale))
    top = Path(history.top).resolve() if history.top else None  # once, not once a session (2,000 at scale)
    for session in supervision.sessions if supervision else ():
        added = history.first_added.get(_repository_path(session.path, settings, top))
        entries.append(_session_entry(session, added, settings.build_date, locale))
    today = datetime.combine(settings.build_date, time(), tzinfo=UTC)
    entries = [replace(e, updated=today) if e.updated.date() > settings.build_date else e for e in entries]
    entries.sort(key=lambda e: (e.updated, e.id), reverse=True)
    entries = entries[:FEED_ENTRIES]

    def address(uri: str) -> str:
        return urls.page_url(site, locale, uri) if site else relative_link(urls.FEED, uri)

    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": locale.code})
    _sub(root, "id", urls.page_url(site, locale, urls.FEED) if site else f"urn:minhbach:feed:{locale.code}")
    _sub(root, "title", t("changes.feed_title"))
    _sub(root, "updated", _rfc3339(entries[0].updated if entries else
                                   datetime.combine(settings.build_date, time(), tzinfo=UTC)))
    ET.SubElement(root, f"{{{ATOM}}}link", {"rel": "self", "href": address(urls.FEED) if site else "atom.xml"})
    ET.SubElement(root, f"{{{ATOM}}}link",
                  {"rel": "alternate", "type": "text/html", "href": address(urls.CHANGES_PAGE)})
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    _sub(author, "name", locale.t("site.name"))
    for entry in entries:
        element = ET.SubElement(root, f"{{{ATOM}}}entry")
        _sub(element, "id", entry.id)
        _sub(element, "title", entry.title)
        _sub(element, "updated", _rfc3339(entry.updated))
        ET.SubElement(element, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html",
                                                   "href": address(entry.link)})
        _sub(element, "summary", entry.summary)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _correction_entry(history: History, release: Release, title: str, label: str, locale: Locale) -> _Entry:
    """A release's corrections, apart from the release, for a reader subscribed to corrections; those not yet in a
    version too, since the site shows the new values from their commit on. The entry is named by the commit its
    first note came in, so it stays one entry when a version releases it (updated then, on the release's date);
    until then it is dated by the commit of its last note, never by the build."""
    version = label if release.released else locale.t("changes.unreleased")
    return _Entry(
        f"urn:minhbach:correction:{release.package}:{release.corrections_commit or release.commit}",
        locale.t("changes.feed_correction", title=title, version=version),
        release.date if release.released or release.corrections_date is None else release.corrections_date,
        f"{urls.CHANGES_PAGE}#{history.corrections_anchor(release)}",
        " ".join(f"{c.label}: {c.note.get(locale.code)}" for c in release.corrections))


def _session_entry(session: Session, added: datetime | None, today: date, locale: Locale) -> _Entry:
    """A session as its page tells it on ``today``: held (a new session since it appeared on the site, or
    since its date when its file came before it), or planned (since its file appeared), never held ahead of
    its date."""
    held_since = datetime.combine(session.date, time(), tzinfo=UTC)
    when = f"{session.body.get(locale.code)}, {session_date(session, locale)}"  # its flags too, as its page
    topic = session.topic.get(locale.code)
    if session.ahead(today):
        title = locale.t("changes.feed_session_planned", topic=topic)
        return _Entry(f"urn:minhbach:session:{session.id}:planned", title,
                      added or datetime.combine(today, time(), tzinfo=UTC), session.page_uri,
                      f"{when}. {locale.t('supervision.planned')}.")
    return _Entry(f"urn:minhbach:session:{session.id}", locale.t("changes.feed_session", topic=topic),
                  max(added, held_since) if added else held_since, session.page_uri, when)


def _sub(parent: ET.Element, name: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}")
    element.text = printable(text)  # XML forbids control characters; data may hold them
    return element


def _rfc3339(when: datetime) -> str:
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).isoformat()


def _summary(release: Release, locale: Locale) -> str:
    if release.initial:
        counts = {"rows": locale.plural("changes.count.row", release.rows),
                  "tables": locale.plural("changes.count.table", len(release.tables))}
        if not release.record_files:
            return locale.t("changes.feed_initial", **counts)
        files = locale.names([_record_files(change, locale) for change in release.record_files])
        return locale.t("changes.feed_initial_files", files=files, **counts)
    parts = [locale.t("changes.feed_resource", resource=r.resource, added=locale.number(r.added),
                      removed=locale.number(r.removed), changed=locale.number(r.changed))
             for r in release.resources if not r.is_empty]
    return "; ".join(parts) or locale.t("changes.no_row_changes")


def _repository_path(path: str, settings: Settings, top: Path | None) -> str:
    """A path as problems print it (relative to ``settings.root``) as the repository whose folder is ``top``
    (resolved) names it."""
    if top is None:
        return ""
    try:
        return (settings.root / path).resolve().relative_to(top).as_posix()
    except ValueError:
        return ""
