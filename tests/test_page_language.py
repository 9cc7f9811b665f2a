"""One language per page, read as a reader reads it: every built page of the real site, in both languages.

A page fails on a word of the other language's UI catalogue, on a raw code shown where a label exists (a
category slug, an agency type, the component "total"), and on a number or a date written the other
language's way (84.70 or 2024-04-17 on a Vietnamese page, 84,70 or 11/06/2024 on an English one). What a
page marks as another language (``lang="vi"`` around a Vietnamese name with no English) or as machine text
(``code``, ``pre``, a ``data-verbatim`` preview of a file's cells) is not read: see ``pagelang``.
"""

from __future__ import annotations

import csv
import functools
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from pagelang import cells, visible_text
from test_build import build

from generator.core.locale import catalogue

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
SLUG = re.compile(r"(?<![\w/.-])[a-z0-9]+(?:[-_][a-z0-9]+)+(?![\w/-])")
ISO_DATE = re.compile(r"(?<![\d-])\d{4}-\d{2}-\d{2}(?![\d-])")
MONTHS_EN = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
WRONG_NUMBER = {
    # a decimal point (84.70) where Vietnamese writes a comma; versions (1.0.0) and identifiers (CC0-1.0) are not
    "vi": re.compile(r"(?<![\w.,-])\d+\.\d{1,2}(?![\d.,])"),
    # a decimal comma (84,70), dd/mm/yyyy, where English writes 84.70 and 11 Jun 2024
    "en": re.compile(r"(?<![\d.,])\d+,\d{1,2}(?![\d,])|(?<![\d/])\d{1,2}/\d{1,2}/\d{4}(?![\d/])"),
}
WRONG_DATE = {"vi": re.compile(rf"\b\d{{1,2}} (?:{MONTHS_EN}) \d{{4}}\b"), "en": re.compile(r"$^")}
# Words both catalogues share as names, not as language: the site's name, index names, file formats.
SHARED = frozenset({"minh", "bạch", "par", "index", "sipas", "papi", "pci", "pgi", "ddci", "csv", "svg", "png",
                    "json", "zip", "bibtex", "pandas", "readr", "sha", "hcmc", "tp", "hcm", "git", "site_url",
                    "mkdocs", "yml", "english", "tiếng", "việt", "datapackage"})


def _words(texts) -> set[str]:  # noqa: ANN001
    found: set[str] = set()
    for text in texts:
        found |= {w.lower() for w in WORD.findall(PLACEHOLDER.sub(" ", text))}
    return found


@functools.cache
def foreign_words(lang: str) -> frozenset[str]:
    """Words of the other language's UI catalogue that this language's does not use. English words are
    those in ASCII (Vietnamese words without diacritics, such as "an" or "tin", look English); Vietnamese
    words are those with a letter English does not have."""
    own = _words(catalogue(lang).values())
    other = _words(catalogue("en" if lang == "vi" else "vi").values())
    if lang == "vi":
        return frozenset(w for w in other - own - SHARED if w.isascii() and len(w) >= 3)
    return frozenset(w for w in other - own - SHARED if not w.isascii())


@functools.cache
def name_words() -> frozenset[str]:
    """Words of proper names as the data writes them, capitalised as written: the capitalised words of the
    data's English text ("Thủ" of "Thủ Đức City", "Toàn" of a director's name), publishers ("Động" of the
    newspaper Lao Động) and the people the sessions name. A name is not a word of the other language's
    interface; names are matched with their capital, so the same word in running text is still caught."""
    names = []
    for path in (ROOT / "datasets").glob("*/data/*.csv"):  # English text capitalises only names
        with path.open(encoding="utf-8") as handle:
            names += [v for row in csv.DictReader(handle) for k, v in row.items() if k.endswith("_en") and v]
    with (ROOT / "datasets" / "nguon" / "data" / "sources.csv").open(encoding="utf-8") as handle:
        names += [row["publisher"] for row in csv.DictReader(handle)]
    for path in (ROOT / "datasets").glob("*/datapackage.yaml"):
        names += [str(s.get("title") or "") for s in yaml.safe_load(path.read_text("utf-8")).get("sources") or []]
    for path in (ROOT / "datasets" / "giam-sat" / "sessions").glob("*.yaml"):
        session = yaml.safe_load(path.read_text("utf-8")) or {}
        names += [str(session.get("chair") or "")] + [str(m.get("name") or "") for m in session.get("members") or []]
    return frozenset(w for name in names for w in WORD.findall(name) if w[:1].isupper())


@functools.cache
def labelled_codes() -> frozenset[str]:
    """Every code that has a label for readers: the code lists of the data (code, label_vi) and the codes the
    generator labels itself (the overall component, an observation's kind, a source's tier)."""
    codes = {"total", "actual", "target", "secondary_dataset"}
    for path in (ROOT / "datasets").glob("*/data/*.csv"):
        with path.open(encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames and {"code", "label_vi"} <= set(reader.fieldnames):
                codes |= {row["code"] for row in reader}
    return frozenset(codes)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("language") / "site"
    assert build(ROOT / "datasets", out) == 0
    return out


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def problems_of(html: str, words: bool = True) -> list[str]:
    """What betrays the other language on one page (empty when the page keeps to its own)."""
    lang, text = visible_text(html)
    assert lang in ("vi", "en"), lang
    foreign, names = foreign_words(lang), name_words() if lang == "en" else frozenset()
    found = [f"word {w!r}" for w in WORD.findall(text) if words and w.lower() in foreign and w not in names]
    codes = labelled_codes()
    found += [f"code {c!r}" for c in SLUG.findall(text) if c in codes]
    found += [f"code {c!r} as a cell" for c in cells(html) if c in codes]
    found += [f"date {d!r}" for d in ISO_DATE.findall(text)]
    found += [f"number {n!r}" for n in WRONG_NUMBER[lang].findall(text)]
    found += [f"date {d!r}" for d in WRONG_DATE[lang].findall(text)]
    return found


def test_the_site_has_pages_in_both_languages(site):
    langs = [visible_text(p.read_text("utf-8"))[0] for p in pages(site)]
    assert langs.count("vi") > 100 and langs.count("en") > 100


# Hand-written maintainer pages that are bilingual by design (Vietnamese with the English alongside, and the
# same text as the English site's fallback): their words are not checked, their codes, numbers and dates are.
BILINGUAL_DOCS = ("data-format", "huong-dan", "problems", "tai-ve")


def bilingual(site: Path, path: Path) -> bool:
    parts = path.relative_to(site).parts
    return parts[1 if parts[0] == "en" else 0] in BILINGUAL_DOCS


def test_every_page_keeps_to_its_language(site):
    failures = {}
    for path in pages(site):
        found = problems_of(path.read_text("utf-8"), words=not bilingual(site, path))
        if found:
            failures[path.relative_to(site).as_posix()] = sorted(set(found))
    assert failures == {}


@pytest.mark.parametrize(("html", "expected"), [
    ('<html lang="vi"><p>Nhóm: top ten, lowest group (inferred); 5.92 points</p></html>',
     ["word 'top'", "word 'lowest'", "word 'group'", "word 'inferred'", "word 'points'", "number '5.92'"]),
    ('<html lang="vi"><p>Lĩnh vực: tuyen-dung</p></html>', ["code 'tuyen-dung'"]),
    # "total" is an English word of the site too ("total not known"), and a code shown as a cell
    ('<html lang="vi"><table><td>total</td></table></html>', ["word 'total'", "code 'total' as a cell"]),
    ('<html lang="vi"><p>86.97 điểm, ngày 2024-04-17</p></html>', ["date '2024-04-17'", "number '86.97'"]),
    ('<html lang="en"><p>Raised by: Thành viên Đoàn giám sát</p></html>', None),
    ('<html lang="en"><p>84,70 on 11/06/2024</p></html>', ["number '84,70'", "number '11/06/2024'"]),
    ('<html lang="en"><p>Quyết định 631 <span lang="vi">Thành viên</span> <code>2024-04-17</code></p></html>',
     None),
    ('<html lang="vi"><p>Phiên bản 1.0.0 · 86,97% · 17.800.000 · 11/06/2024 · PAR Index</p></html>', []),
])
def test_the_checks_catch_what_the_issue_saw(html, expected):
    found = problems_of(html)
    if expected is None:  # Vietnamese on an English page: at least one of its words is caught
        assert found and all(f.startswith("word ") for f in found)
    else:
        assert found == expected
