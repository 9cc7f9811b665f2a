"""A session named anywhere outside its own page is named as its page tells it, and its items as its file
says what they are (fact-check round 3)."""

import re

from conftest import settings_for

from generator import pipeline, urls


def built(project, lang: str):
    """The pages (by path: their Markdown), the share cards (by their page's path) and the assets of one language."""
    output = pipeline.run(settings_for(project), langs=(lang,)).outputs[lang]
    pages = {page.uri: page.text() for page in output.pages}
    cards = {uri: files.card for files in output.cards for uri in pages if files.png_uri == _card_of(pages[uri])}
    return pages, cards, {asset.uri: asset for asset in output.assets}


def _card_of(page: str) -> str:
    found = re.search(r"^share_image: \"?([^\"\n]+)\"?$", page, re.M)
    return found.group(1) if found else ""


def text(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page))


def test_an_item_under_recommendations_is_not_called_a_conclusion(project):
    """Every entry under ``recommendations:`` was "(kết luận)" / "(conclusion)" in the tracker, though the key
    holds conclusions and recommendations alike and a file does not say which (the 17/7/2025 session's source
    calls them recommendations sent to the City People's Committee)."""
    for lang, label, wrong in (("vi", "(kết luận, kiến nghị)", "(kết luận)"),
                               ("en", "(conclusion or recommendation)", "(conclusion)")):
        tracker = text(built(project, lang)[0][urls.TRACKER])
        assert tracker.count(label) == 2 and wrong not in tracker
