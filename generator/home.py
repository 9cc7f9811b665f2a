"""The home page: what the site is, headline figures (each with its source) and where to go next."""

from __future__ import annotations

from dataclasses import dataclass

from generator.catalogue.model import DatasetInfo
from generator.core.lookup import Lookups
from generator.core.render.jinja import environment, render
from generator.core.render.output import Output, Page
from generator.core.settings import Settings
from generator.indicators.model import Index, Indicators, Observation
from generator.supervision.model import Supervision

HEADLINE_INDEX = "PAR_INDEX"


@dataclass(frozen=True)
class Headline:
    index: Index
    observation: Observation


def headlines(indicators: Indicators | None) -> list[Headline]:
    """The focus unit's latest stated rank and score for the PAR Index (the site's lead indicator)."""
    if indicators is None or not indicators.focus_unit:
        return []
    index = indicators.index(HEADLINE_INDEX)
    if index is None:
        return []
    stated = [o for o in index.for_unit(indicators.focus_unit) if o.rank is not None and "derived" not in o.flags]
    return [Headline(index, o) for o in stated[-1:]] + [Headline(index, o) for o in stated[:1]]


def build(catalogue: list[DatasetInfo], supervision: Supervision | None, indicators: Indicators | None,
          lookups: Lookups, settings: Settings, lang: str = "vi") -> Output:
    env = environment(lang)
    uri = "index.md"
    content = render(
        env, "core/home.md.j2", uri, catalogue=catalogue, sv=supervision, headlines=headlines(indicators),
        lookups=lookups, build_date=settings.build_date,
        resources=sum(len(d.resources) for d in catalogue), rows=sum(d.row_count for d in catalogue))
    return Output(pages=[Page(uri, content)])
