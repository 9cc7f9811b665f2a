import json
from pathlib import Path

from conftest import ROOT

from generator.core.text import fold
from generator.mkdocs.search import fold_index, folded_vocabulary


def test_fold_removes_diacritics_and_d_stroke():
    assert fold("Chỉ số CẢI CÁCH Đà Nẵng đường") == "chi so cai cach da nang duong"


def test_vocabulary_keeps_only_words_that_change_once_each():
    assert folded_vocabulary("<p>Chỉ số và chỉ số PAR 2023 <code>cải</code></p>") == ["chi", "so", "va", "cai"]


def test_index_gets_folded_words_without_doubling(tmp_path):
    docs = [{"location": "a/", "title": "Chỉ số cải cách", "text": "<p>Sở Nội vụ đã ban hành 9/9 quy định. " * 20
             + "</p>"}, {"location": "b/", "title": "PAR Index", "text": "<p>rank 33 of 63</p>"}]
    original = json.dumps({"config": {}, "docs": docs}, ensure_ascii=False, separators=(",", ":"))
    folded = json.loads(fold_index(original))
    # the title's folded words after it; the text's, less those the title has ("so"); "ban" and "quy" have no marks
    assert folded["docs"][0]["title"] == 'Chỉ số cải cách <span class="mb-fold">chi so cai cach</span>'
    assert folded["docs"][0]["text"] == docs[0]["text"] + ' <span class="mb-fold">noi vu da hanh dinh</span>'
    assert folded["docs"][1] == docs[1]  # nothing to fold, nothing added
    assert len(fold_index(original)) < 1.5 * len(original)


def test_the_search_workers_vietnamese_script_is_the_themes_with_the_sites_lines_after_it():
    """The site's lunr.vi.min.js replaces the theme's (the search worker loads it by that name): it must still
    be the theme's, whose version may change, followed by the site's lines (see search.py)."""
    import material

    theme = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "lunr" / "min" / "lunr.vi.min.js"
    ours = ROOT / "docs" / "overrides" / "assets" / "javascripts" / "lunr" / "min" / "lunr.vi.min.js"
    assert ours.read_text("utf-8").startswith(theme.read_text("utf-8") + "\n// Minh Bạch")
