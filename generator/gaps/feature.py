"""What is not known yet, as a public to-do list: one page (``chua-biet/``) that lists every gap the data
admits to, says what kind of document would settle each, and links to the file and line a contributor would
edit (or, without a repository, to the maintainer guide). No anchor site treats its gaps this way."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from markupsafe import Markup, escape

from generator import urls
from generator.core.charts.spec import CardFiles
from generator.core.feature import Feature, PageContext, Site
from generator.core.locale import Locale
from generator.core.render import share
from generator.core.render.jinja import localised
from generator.core.render.output import Output, Page
from generator.core.text import Text
from generator.gaps.collect import index_gaps, source_gaps, supervision_gaps
from generator.gaps.model import GapPart, Gaps, Words, parts
from generator.indicators.model import Indicators
from generator.supervision.model import Supervision


def gaps_of(site: Site) -> Gaps:
    """Every gap the published models show, in the page's order (the same in every language)."""
    supervision, indicators = site.models.get(Supervision), site.models.get(Indicators)
    found = supervision_gaps(supervision) if supervision else []
    found += index_gaps(indicators, site.datasets) if indicators else []
    found += source_gaps(site.datasets)
    return Gaps(tuple(found))


def say(locale: Locale) -> Callable[[Words], Markup]:
    """Filter: ``Words`` in the page's language; a parameter from the data that has no text in it is given in
    Vietnamese, marked as such (``lang="vi"``), as every other page does."""
    pick = localised(locale)

    def word(words: Words) -> Markup:
        template = Markup(escape(locale.t(words.key)))
        return template.format(**{name: pick(value) if isinstance(value, Text) else value
                                  for name, value in words.params})
    return word


class GapsFeature(Feature[None]):
    name = "gaps"
    templates = Path(__file__).resolve().parent / "templates"

    def filters(self, model: None, locale: Locale) -> dict[str, Callable[..., object]]:
        return {"say": say(locale)}

    def pages(self, model: None, page: PageContext) -> Output:
        gaps = page.site.shared_value("gaps", lambda: gaps_of(page.site))
        locale = page.locale
        card = urls.card_files(share.card(urls.GAPS, locale, page.site.settings.site_url, locale.t("gaps.title"),
                                          locale.plural("count.gap", len(gaps.gaps))))
        editable = bool(page.site.settings.edit_url)
        groups = [(kind, found, parts(kind, found, urls.gaps_part)) for kind, found in gaps.groups()]
        content = page.render("gaps/gaps.md.j2", urls.GAPS, groups=groups, share=card, guide=urls.GUIDE_CONTRIBUTE,
                              editable=editable)
        output = Output(pages=[Page(urls.GAPS, content)], cards=[card])
        for _, _, pages in groups:
            for part in pages:
                output.extend(part_page(part, pages, card, editable, page))
        return output


def part_page(part: GapPart, pages: list[GapPart], card: CardFiles, editable: bool, page: PageContext) -> Output:
    """One page of a long kind of gap, made again only when its gaps (or the number of pages) change: what it
    shows besides them (agency and source names, UI strings, templates) is noted while it is made."""
    locale = page.locale
    words = share.sharing(card, locale.t(f"gaps.kind.{part.kind}"),
                          locale.t("gaps.part", number=part.number, total=part.total))

    def make() -> Output:
        return Output(pages=[Page(part.uri, page.render("gaps/part.md.j2", part.uri, part=part, parts=pages,
                                                        share=words, overview=urls.GAPS, editable=editable))])
    # what the part shows, the same in every language (the repr of thousands of gaps: worked out once)
    shown = page.site.shared_value(f"gaps-shown:{part.uri}", lambda: hashlib.sha256(
        repr((part, [p.uri for p in pages], editable)).encode()).hexdigest())
    return page.unit(part.uri, [f"value:gaps={shown}", share.share_input(words)], make)
