"""Supervision as a feature: sessions read from YAML, their derived tables, pages and the home-page list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator import urls
from generator.core.datasets import Datasets
from generator.core.feature import Feature, HomeBlock, Loaded, PageContext
from generator.core.read.table import Table
from generator.core.render.output import Output
from generator.core.settings import Settings
from generator.supervision import derived, pages
from generator.supervision.load import ROLE, load_supervision
from generator.supervision.model import Session, Supervision, status_bars
from generator.supervision.summary import Summary, card_words, summarise, words

LATEST_ON_HOME = 5


@dataclass(frozen=True)
class Story:
    """The home page's first block: the summary as a sentence and as counts, the latest session held on a
    confirmed date and the latest whose conclusions are known (the same one when it is the latest), and the newer
    sessions whose date no source confirms."""

    sentence: str
    summary: Summary
    latest: Session | None
    latest_known: Session | None
    supervision: Supervision
    unconfirmed: tuple[Session, ...] = ()  # newer than ``latest``, on a date no source confirms
    tracker_uri: str = urls.TRACKER
    gaps_uri: str = urls.GAPS


@dataclass(frozen=True)
class Recent:
    """The home page's list of sessions: the latest held, newest first, and apart from them those still to come,
    soonest first (a planned session listed first among the recent ones read as the latest held)."""

    held: tuple[Session, ...]
    planned: tuple[Session, ...]
    today: date


def recent_sessions(supervision: Supervision, count: int = LATEST_ON_HOME) -> Recent:
    today = supervision.build_date
    held = tuple(s for s in supervision.sessions if not s.ahead(today))
    planned = tuple(s for s in reversed(supervision.sessions) if s.ahead(today))
    return Recent(held[:count], planned[:count], today)


def latest_sessions(supervision: Supervision) -> tuple[Session | None, Session | None]:
    """The latest session that has taken place on a date a source confirms, and the latest such whose list of
    conclusions is known. A session dated only from a pre-session agenda (flagged inferred), named "the latest
    session", was read as held that day, which no source says (``unconfirmed_newer`` names it apart)."""
    held = [s for s in supervision.sessions if not s.ahead(supervision.build_date) and s.date_confirmed]
    known = [s for s in held if s.recommendations_known]
    return (held[0] if held else None), (known[0] if known else None)


def unconfirmed_newer(supervision: Supervision, latest: Session | None) -> tuple[Session, ...]:
    """The sessions past their date but with a date no source confirms that are newer than ``latest`` (all of
    them when there is none): the home page names them beside the latest session, not as it."""
    today = supervision.build_date
    newer = [s for s in supervision.sessions if not s.ahead(today) and not s.date_confirmed
             and (latest is None or s.date > latest.date)]
    return tuple(newer[:LATEST_ON_HOME])


class SupervisionFeature(Feature[Supervision]):
    name = "supervision"
    templates = Path(__file__).resolve().parent / "templates"

    def load(self, datasets: Datasets, settings: Settings) -> Loaded[Supervision]:
        package = datasets.by_role(ROLE)
        if package is None:
            return Loaded()
        supervision, problems = load_supervision(datasets, settings)
        return Loaded(supervision, tuple(problems))

    def derived_tables(self, model: Supervision | None) -> list[Table]:
        return derived.derived_tables(model, model.package) if model else []

    def home(self, model: Supervision | None, page: PageContext) -> list[HomeBlock]:
        """What a reader comes for first: what was promised and what became of it (the accountability summary
        and the latest session's conclusions); the other recent sessions further down."""
        if model is None:
            return []
        summary = page.site.shared_value("supervision-summary", lambda: summarise(model))  # same in every language
        latest, latest_known = latest_sessions(model)
        story = Story(words(summary, page.locale), summary, latest, latest_known, model,
                      unconfirmed_newer(model, latest))
        headline = card_words(summary, page.locale).headline
        return [HomeBlock(10, "supervision/home_story.md.j2", story, headline,
                          status_bars(summary.by_status, page.locale)),
                HomeBlock(50, "supervision/home.md.j2", recent_sessions(model))]

    def pages(self, model: Supervision | None, page: PageContext) -> Output:
        return pages.build(model, model.package, page) if model else Output()
