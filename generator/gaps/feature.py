"""What is not known yet, as a public to-do list: one page (``chua-biet/``) that lists every gap the data
admits to, says what kind of document would settle each, and links to the file and line a contributor would
edit (or, without a repository, to the maintainer guide). No anchor site treats its gaps this way."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from markupsafe import Markup, escape

from generator import urls
from generator.core.feature import Feature, PageContext
from generator.core.locale import Locale
from generator.core.render import share
from generator.core.render.jinja import localised
from generator.core.render.output import Output, Page
from generator.core.text import Text
from generator.gaps.collect import index_gaps, source_gaps, supervision_gaps
from generator.gaps.model import Gaps, Words
from generator.indicators.model import Indicators
from generator.supervision.model import Supervision


def gaps_of(page: PageContext) -> Gaps:
    """Every gap the published models show, in the page's order."""
    models = page.site.models
    supervision, indicators = models.get(Supervision), models.get(Indicators)
    found = supervision_gaps(supervision) if supervision else []
    found += index_gaps(indicators, page.site.datasets) if indicators else []
    found += source_gaps(page.site.datasets)
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
        gaps = gaps_of(page)
        locale = page.locale
        card = urls.card_files(share.card(urls.GAPS, locale, page.site.settings.site_url, locale.t("gaps.title"),
                                          locale.plural("count.gap", len(gaps.gaps))))
        content = page.render("gaps/gaps.md.j2", urls.GAPS, gaps=gaps, share=card, guide=urls.GUIDE_CONTRIBUTE,
                              editable=bool(page.site.settings.edit_url))
        return Output(pages=[Page(urls.GAPS, content)], cards=[card])
