"""Supervision pages: the sessions list, one page per session, and the recommendation tracker."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from generator import urls
from generator.core.charts.spec import CardFiles
from generator.core.feature import PageContext
from generator.core.locale import Locale
from generator.core.render import share
from generator.core.render.output import Output, Page
from generator.directory.model import AGENCIES, Directory
from generator.supervision import charts
from generator.supervision.derived import derived_names
from generator.supervision.load import ROLE
from generator.supervision.model import Session, Supervision, session_age, session_date, status_bars
from generator.supervision.summary import Summary, card_words, summary_digest
from generator.supervision.tracker import SORTS, kept_tracker, part_summary

# What the tracker's script shows (tracker.js): each filter's name, "all", the sort control and its choices,
# the count of rows shown. The script has no strings of its own, so it speaks the page's language.
FILTER_LABELS = {"agency": "common.agency", "status": "common.status", "session": "supervision.session",
                 "category": "supervision.category", "kind": "tracker.kind", "all": "supervision.filter_all",
                 "sort": "tracker.sort", "shown": "tracker.shown", "reset": "tracker.reset",
                 "controls": "tracker.controls",
                 **{f"sort.{name}": f"tracker.sort.{name}" for name in SORTS}}


def build(supervision: Supervision, package: str, page: PageContext) -> Output:
    """The pages of one language; ``package`` is the supervision package, whose derived tables are linked."""
    locale = page.locale
    directory = page.site.models.get(Directory) or Directory()
    filter_labels = json.dumps({key: locale.t(value) for key, value in FILTER_LABELS.items()}, ensure_ascii=False)
    downloads = {name: urls.download_uri(package, name) for name in sorted(derived_names())}
    found = page.site.shared_value("supervision-tracker", lambda: kept_tracker(supervision))  # same in every language
    context = {"sv": supervision, "filter_labels": filter_labels,
               "documents": directory.documents, "today": supervision.build_date, "downloads": downloads,
               "tracker_uri": urls.TRACKER, "index_uri": urls.SESSIONS_INDEX, "tracker": found}
    output = Output()
    known = found.summary  # the tracker's summary of every item: the charts' counts and unknown sessions too
    overview = [c for c in (charts.by_status(supervision, locale, known),
                            charts.by_agency(supervision, directory, locale, known)) if c]
    files = [urls.chart_files(chart) for chart in overview]
    output.charts += files
    cards = share_cards(supervision, context["tracker"].summary, page)
    output.cards += list(cards.values())
    years = session_years(supervision.sessions)
    output.pages.append(Page(urls.SESSIONS_INDEX, page.render(
        "supervision/index.md.j2", urls.SESSIONS_INDEX, charts=files, share=cards[urls.SESSIONS_INDEX], years=years,
        **context)))
    shared = shared_inputs(supervision, directory, page)
    for year in years:
        output.extend(year_page(year, years, cards[urls.SESSIONS_INDEX], shared, context, page))
    parts = tracker_parts(supervision.sessions)
    for part in parts:
        output.extend(tracker_page(part, parts, cards[urls.TRACKER], shared, context, page))
    for session in supervision.sessions:
        card = cards.get(session.page_uri) or share.sharing(cards[urls.SESSIONS_INDEX],
                                                          *_session_words(session, supervision.build_date, locale))

        def make(session: Session = session, card: CardFiles = card) -> Output:
            return Output(pages=[Page(session.page_uri, page.render(
                "supervision/session.md.j2", session.page_uri, session=session, share=card,
                age=session_age(session, supervision.build_date, locale), **context))])
        output.extend(page.unit(session.page_uri, [page.file(session.path), *shared, share.share_input(card)], make))
    return output


def share_cards(supervision: Supervision, summary: Summary, page: PageContext) -> dict[str, CardFiles]:
    """The share images of the tracker, the sessions list and the most recent sessions (share.MAX_PER_KIND;
    older ones share the list's), by page."""
    locale, site_url = page.locale, page.site.settings.site_url
    every, told = status_bars(summary.by_status, locale), card_words(summary, locale)
    found = {
        urls.TRACKER: share.card(urls.TRACKER, locale, site_url, locale.t("supervision.tracker"),
                                 told.count, told.detail, every),
        urls.SESSIONS_INDEX: share.card(urls.SESSIONS_INDEX, locale, site_url, locale.t("supervision.title"),
                                        _sessions_count(supervision, locale), "", every),
    }
    for session in supervision.sessions[:share.MAX_PER_KIND]:
        found[session.page_uri] = share.card(
            session.page_uri, locale, site_url, session.topic.get(locale.code),
            *_session_words(session, supervision.build_date, locale),
            # the bar counts what the headline counts: the conclusions, not the issues beside them
            status_bars(supervision.tallies([i for i in session.items if i.kind == "recommendation"]), locale))
    return {uri: urls.card_files(card) for uri, card in found.items()}


def _sessions_count(supervision: Supervision, locale: Locale) -> str:
    """"8 phiên giám sát, chất vấn; 1 phiên dự kiến": the sessions held, and apart from them those still to come
    (counted among the sessions, a planned one was read as held)."""
    planned = sum(1 for session in supervision.sessions if session.ahead(supervision.build_date))
    held = locale.plural("count.session", len(supervision.sessions) - planned)
    return f"{held}; {locale.plural('count.session_planned', planned)}" if planned else held


def _session_words(session: Session, today: date, locale: Locale) -> tuple[str, str]:
    """What a session's card (or, without one, its page's description) says: when (with its flags, as its page
    shows them beside the date), how many conclusions or, while it is still to come, that it is planned, and by
    which body."""
    said = locale.t("supervision.planned") if session.ahead(today) else locale.count(session.recommendation_count)
    return f"{session_date(session, locale)} · {said}", session.body.get(locale.code)


SESSION_ROWS = 500  # sessions the list shows on its own page; a longer list (2,000 nationally, 1.5 MB) is by year


@dataclass(frozen=True)
class SessionYear:
    """The sessions of one year, newest first, on a page of their own (at an address that stays)."""

    year: int
    uri: str
    sessions: tuple[Session, ...]


def session_years(sessions: tuple[Session, ...]) -> list[SessionYear]:
    """The list of sessions by year, the newest year first; none when the list fits on one page."""
    if len(sessions) <= SESSION_ROWS:
        return []
    by_year: dict[int, list[Session]] = {}
    for session in sessions:  # newest first already
        by_year.setdefault(session.date.year, []).append(session)
    return [SessionYear(year, urls.sessions_year(year), tuple(found))
            for year, found in sorted(by_year.items(), reverse=True)]


def year_page(year: SessionYear, years: list[SessionYear], card: CardFiles, shared: list[str], context: dict,
              page: PageContext) -> Output:
    """One year's sessions: made again when one of its sessions, the list of years or what every list of
    sessions reads (``shared``) changes; agency names and templates are noted while it is made."""
    locale = page.locale
    words = share.sharing(card, locale.t("supervision.sessions_in", year=year.year),
                          locale.plural("count.session", len(year.sessions)))

    def make() -> Output:
        return Output(pages=[Page(year.uri, page.render("supervision/sessions_year.md.j2", year.uri, year=year,
                                                        years=years, share=words, **context))])
    listed = ",".join(f"{other.year}" for other in years)
    inputs = [page.file(session.path) for session in year.sessions] + shared + [f"value:years={listed}"]
    return page.unit(year.uri, [*inputs, share.share_input(words)], make)


# Items on one page of the tracker: a national list (24,000 items) made one 18 MB page; an item is ~1.3 KB of
# HTML, so 1,000 a page still made 1.37 MB pages, and 600 keep a page under 1 MB.
TRACKER_ROWS = 600


@dataclass(frozen=True)
class TrackerPart:
    """One page of the tracker: whole sessions, newest first, and the place of the page among the others."""

    number: int  # counted from the oldest part, so that a part's address stays as sessions are added
    uri: str
    sessions: tuple[Session, ...]

    @property
    def newest(self) -> bool:
        """The part at the tracker's own address. Its title is the tracker's, with no part number: it is in
        the navigation, which is on every page, and "part 40 of 40" becoming "part 41 of 41" when sessions
        are added made MkDocs render every page of the site again (164 s of a national rebuild)."""
        return self.uri == urls.TRACKER

    @property
    def first(self) -> Session | None:
        return self.sessions[-1] if self.sessions else None

    @property
    def last(self) -> Session | None:
        return self.sessions[0] if self.sessions else None


def tracker_parts(sessions: tuple[Session, ...]) -> list[TrackerPart]:
    """The tracker in pages of at most TRACKER_ROWS items (a session is never split), cut from the oldest
    session: a new session changes only the newest page, which is the tracker's own address; the older ones
    are ``kien-nghi-<n>``. A site with few items has the one page it always had. Newest part first."""
    chunks: list[list[Session]] = [[]]
    count = 0
    for session in reversed(sessions):  # oldest first
        if chunks[-1] and count + len(session.items) > TRACKER_ROWS:
            chunks.append([])
            count = 0
        chunks[-1].append(session)
        count += len(session.items)
    parts = [TrackerPart(number, urls.TRACKER if number == len(chunks) else urls.tracker_part(number),
                         tuple(reversed(chunk))) for number, chunk in enumerate(chunks, start=1)]
    return parts[::-1]


# Parts the pager links on each side of the one shown, besides the newest and the oldest: a pager that listed
# every part changed every part's page when a new part opened (every 50 sessions of 12 items nationally).
PAGER_REACH = 2


@dataclass(frozen=True)
class PagerLink:
    """A part the pager links to (or the part shown, ``current``); ``after_gap`` when the parts between it and
    the link before are not listed."""

    label: str
    uri: str
    current: bool = False
    after_gap: bool = False


def tracker_pager(parts: list[TrackerPart], part: TrackerPart, locale: Locale) -> tuple[PagerLink, ...]:
    """The newest part (named so, not numbered: its number grows), the parts within PAGER_REACH of ``part`` and
    the oldest, newest first. A new part changes the pager of the few parts next to the newest only."""
    index = parts.index(part)
    shown = sorted({0, len(parts) - 1, *range(max(0, index - PAGER_REACH), min(len(parts), index + PAGER_REACH + 1))})
    return tuple(PagerLink(locale.t("tracker.newest") if parts[i].newest else str(parts[i].number), parts[i].uri,
                           i == index, n > 0 and i != shown[n - 1] + 1) for n, i in enumerate(shown))


def tracker_page(part: TrackerPart, parts: list[TrackerPart], card: CardFiles, shared: list[str], context: dict,
                 page: PageContext) -> Output:
    """One part of the tracker. The newest shows the summary of every item and the tracker's share card, so it
    is made again when the summary changes; an older part shows the summary of its own items and shares the
    tracker's image with words of its own, so it is made again only when its sessions, what every list reads
    (``shared``), the agencies its items name or its pager change, not when a session is added."""
    supervision, directory = context["sv"], page.site.models.get(Directory) or Directory()
    if part.newest:
        summary, words = context["tracker"].summary, card
        own = [f"value:tracker_summary={summary_digest(summary)}"]
    else:
        summary = part_summary(supervision, part.sessions)
        words, own = _part_words(part, summary, card, page.locale), []

    pager = tracker_pager(parts, part, page.locale) if len(parts) > 1 else ()

    def make() -> Output:
        labels = json.dumps(_value_labels(supervision, part.sessions, directory, page), ensure_ascii=False,
                            sort_keys=True)
        return Output(pages=[Page(part.uri, page.render(
            "supervision/tracker.md.j2", part.uri, part=part, pager=pager, value_labels=labels, summary=summary,
            rows=context["tracker"].rows_of(part.sessions), share=words, **context))])
    shown = "|".join(f"{link.label}>{link.uri}>{link.current:d}{link.after_gap:d}" for link in pager)
    inputs = [page.file(s.path) for s in part.sessions] + shared + [
        f"value:tracker_pager={shown}", *own, share.share_input(words)]
    return page.unit(part.uri, inputs + _addressee_inputs(part, page), make)


def _part_words(part: TrackerPart, summary: Summary, card: CardFiles, locale: Locale) -> CardFiles:
    """An older part's share words, as a session's are: the dates of its sessions, then how many items it lists
    (and for how many of its sessions the lists are not all known)."""
    first, last = part.sessions[-1], part.sessions[0]  # an older part holds at least one session
    dates = f"{locale.date(first.date, first.date_precision)} – {locale.date(last.date, last.date_precision)}"
    return share.sharing(card, dates, card_words(summary, locale).qualified)


def _value_labels(supervision: Supervision, sessions: tuple[Session, ...], directory: Directory,
                  page: PageContext) -> dict[str, dict[str, str]]:
    """What a page of the tracker's filters show for each code: status and category labels, and the names of
    the agencies and the dates of the ``sessions`` on that page."""
    locale = page.locale
    items = [item for session in sessions for item in session.items]
    return {
        "status": {code: status.label.get(locale.code) for code, status in supervision.statuses.items()},
        "category": {code: label.get(locale.code) for code, label in supervision.categories.items()},
        "agency": {code: directory.agency(code).name.get(locale.code)
                   for code in sorted({code for item in items for code in item.addressees})},
        "session": {s.id: f"{session_date(s, locale)} — {s.topic.get(locale.code)}"
                    for s in sessions},
        "kind": {kind: locale.t(f"supervision.item_kind.{kind}") for kind in ("recommendation", "issue")},
    }


def _addressee_inputs(part: TrackerPart, page: PageContext) -> list[str]:
    """The directory rows of the agencies a part's items are addressed to: their names are the filter's labels."""
    agencies = page.site.datasets.by_role(AGENCIES[0])
    codes = sorted({code for session in part.sessions for item in session.items for code in item.addressees})
    return [] if agencies is None else [page.rows(agencies.name, AGENCIES[1], AGENCIES[2], code) for code in codes]


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
