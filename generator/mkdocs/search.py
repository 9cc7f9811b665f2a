"""Accent-folded Vietnamese search on top of the theme's index.

Readers often type without diacritics ("chi so" for "chỉ số"), and the theme's search does not fold them.
Each indexed section gets, after its text, the folded forms of those of its words that have diacritics,
once each, in an element the results hide. Only words that change and only once per section, so the index
grows by a fraction of its size instead of doubling (measured in tests/test_search.py).

The theme makes each query word a prefix ("nghi*"), which a word with diacritics can start with as well as its
twin: "nghi" found "nghiệp" and "nghiep", twice, and a title with "nghiệp" outranked "Theo dõi kiến nghị" for
"kien nghi". The search worker's Vietnamese script (docs/overrides/assets/javascripts/lunr/min/lunr.vi.min.js,
the theme's with a few lines after it) looks a query word without diacritics up among the words without them
only, so each word counts once, through its twin.
"""

from __future__ import annotations

import json
import re

from generator.core.text import fold

_TAGS = re.compile(r"<[^>]+>")
_WORDS = re.compile(r"[^\W\d_]+", re.UNICODE)
FOLD_CLASS = "mb-fold"


def folded_vocabulary(html: str) -> list[str]:
    """Folded forms of the words of ``html`` that carry diacritics, in first-seen order, without repeats."""
    seen: dict[str, None] = {}
    for word in _WORDS.findall(_TAGS.sub(" ", html)):
        plain = fold(word)
        if plain != word.lower():
            seen.setdefault(plain, None)
    return list(seen)


def _with_folded(html: str, words: list[str]) -> str:
    return f'{html} <span class="{FOLD_CLASS}">{" ".join(words)}</span>' if words else html


def fold_doc(doc: dict) -> dict:
    """One entry of the theme's index with its folded vocabulary appended to its title and text (the
    title's own, so that a folded title match weighs as much as an accented one). A page's entries are
    folded once, when it is built, and kept folded in the page cache."""
    title_words = folded_vocabulary(doc.get("title", ""))
    text_words = [w for w in folded_vocabulary(doc.get("text", "")) if w not in title_words]
    return {**doc, "title": _with_folded(doc.get("title", ""), title_words),
            "text": _with_folded(doc.get("text", ""), text_words)}


def fold_index(index_json: str) -> str:
    """The theme's ``search_index.json`` with every entry folded (``fold_doc``)."""
    index = json.loads(index_json)
    index["docs"] = [fold_doc(doc) for doc in index.get("docs", [])]
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))
