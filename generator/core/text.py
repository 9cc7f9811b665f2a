"""Helpers for descriptor text that may be a string, a multilingual object or missing."""

from __future__ import annotations

import re
import unicodedata

# Characters no data text may hold (core/read/limits.CONTROL refuses them, ``printable`` drops them), as ranges
# of code points:
# - the C0 controls but tab, line feed and carriage return, DEL, the C1 controls and the two non-characters:
#   none prints, XML refuses most of them and they mostly come from a bad copy or a wrong encoding;
# - the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): invisible, they
#   reorder what follows them on screen, digits included (after U+202E, "và 18" reads "81 và");
# - the zero-width space, the word joiner, the invisible operators and U+FEFF inside text (U+200B,
#   U+2060–U+2064, U+FEFF; a file's first U+FEFF, its byte-order mark, is dropped before any reader sees it):
#   invisible, they make "K0\u200b1" look like "K01";
# - the Hangul fillers of the compatibility block (U+3164, U+FFA0): blank letters, which no text needs (the
#   conjoining fillers U+115F and U+1160 write old Hangul, and are kept);
# - a lone surrogate (U+D800–U+DFFF), half of a character: only a JSON escape can write one ("\udc00"; a valid
#   pair is read as the one character it makes), no UTF-8 text can hold it, and the cache key, the page or the
#   download it reached could not be written (a build stopped with exit 2 and no line).
# Kept: the joiners ZWNJ and ZWJ (U+200C, U+200D) and the marks LRM and RLM (U+200E, U+200F), which Persian,
# the Indic scripts, emoji sequences and mixed-direction text need to be written correctly; they and the other
# characters that show nothing but have a use in text (a soft hyphen, a variation selector) are refused in ids
# and codes only (``first_invisible``), and RLM and ALM in a text with nothing written right to left
# (``stray_direction_mark``).
CONTROL_RANGES = ((0x00, 0x08), (0x0B, 0x0C), (0x0E, 0x1F), (0x7F, 0x9F), (0x200B, 0x200B), (0x202A, 0x202E),
                  (0x2060, 0x2064), (0x2066, 0x2069), (0x3164, 0x3164), (0xD800, 0xDFFF), (0xFEFF, 0xFEFF),
                  (0xFFA0, 0xFFA0), (0xFFFE, 0xFFFF))
CONTROL_CLASS = "[" + "".join(f"\\u{low:04x}-\\u{high:04x}" for low, high in CONTROL_RANGES) + "]"
# The tag characters (U+E0000–U+E007F) show nothing and spell anything ("K0"+U+E0031+"1" reads "K01"). Their one
# use is an emoji tag sequence: a black flag (U+1F3F4), tags, then U+E007F CANCEL TAG (the flags of England,
# Scotland and Wales); a tag elsewhere is refused (each tag is looked at with the one character before it).
STRAY_TAG = ("[\\U000e0000-\\U000e001f]|(?<![\\U0001f3f4\\U000e0020-\\U000e007e])[\\U000e0020-\\U000e007e]"
             "|(?<![\\U000e0020-\\U000e007e])\\U000e007f")
CONTROL_PATTERN = f"{CONTROL_CLASS}|{STRAY_TAG}"  # one character a match
_CONTROLS = dict.fromkeys(code for low, high in CONTROL_RANGES for code in range(low, high + 1))
_HAS_CONTROL = re.compile(CONTROL_PATTERN)

# The characters that show nothing, as Unicode lists them (Default_Ignorable_Code_Point, DerivedCoreProperties.txt
# of Unicode 15): with the format (Cf) and control (Cc) characters, none may be in an id or a code, which is
# compared as written but read as shown. 'K0'+U+00AD+'1' beside 'K01' were two conclusions of one session that
# read alike, with two statuses (a soft hyphen, U+034F, a variation selector, ZWNJ: each has a use in running text,
# none in a code).
INVISIBLE_RANGES = ((0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
                    (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
                    (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
                    (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF))
_INVISIBLE = re.compile("[" + "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in INVISIBLE_RANGES) + "]")


def first_invisible(code: str) -> str | None:
    """The first character of the id or code ``code`` that shows nothing (``INVISIBLE_RANGES``, a format or a
    control character), or None."""
    if code.isascii() and code.isprintable():  # most codes: no character to look at one by one
        return None
    return next((char for char in code if _INVISIBLE.match(char) or unicodedata.category(char) in ("Cc", "Cf")),
                None)


# The marks that make what is around them right to left: RLM (U+200F) and ALM (U+061C). Mixed-direction text needs
# them (a number or a sign after a Hebrew or an Arabic word); in a text with nothing written right to left they
# have no use, and only reorder, invisibly, on a page written left to right: "2023 → 2024: "+RLM+"40%"+RLM+" → "
# +RLM+"95%"+RLM shows "95% → 40%", a cell "hạng "+RLM+"5"+RLM+", "+RLM+"36"+RLM shows "hạng 36 ,5" (hostile-PR
# audit round 7, #5). LRM (U+200E) is not one of them: it asks for the direction every page of the site already
# has, so in such a text it reorders nothing, and text copied from the web often holds one.
REORDERING_MARKS = "\u200f\u061c"
_REORDERING_MARK = re.compile(f"[{REORDERING_MARKS}]")
# What is written right to left: the Hebrew, Arabic, Syriac, Thaana, N'Ko... letters (bidirectional classes R and
# AL) and the Arabic-Indic digits (AN), whose numbers the marks are made for. The marks are R and AL themselves.
_RIGHT_TO_LEFT = ("R", "AL", "AN")
# Persian digits (۰–۹) are of Unicode's class EN, as Latin digits are, yet a Persian date ("۱۴۰۲‏/۰۵‏/۱۲") is kept
# in order by the RLMs between its parts, as Arabic-Indic digits are by ALMs
_PERSIAN_DIGITS = frozenset(chr(code) for code in range(0x06F0, 0x06FA))


def stray_direction_mark(text: str) -> int | None:
    """Where (an index) the first RLM or ALM of ``text`` is, when ``text`` holds nothing written right to left
    (``REORDERING_MARKS``); None when it holds none, or something it may be there for."""
    found = _REORDERING_MARK.search(text)
    if found is None:
        return None
    if any(unicodedata.bidirectional(char) in _RIGHT_TO_LEFT or char in _PERSIAN_DIGITS
           for char in _REORDERING_MARK.sub("", text)):
        return None
    return found.start()


def text_of(value: object) -> str:
    """A printable string for a descriptor value: strings as they are, ``{"": "x", "es": ...}`` objects
    by their default entry (the draft multilingual form), anything else empty."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        for key in ("", "vi", "en"):
            if isinstance(value.get(key), str):
                return value[key]
        first = next((v for v in value.values() if isinstance(v, str)), "")
        return first
    return ""


# A language tag as the ``languages`` of a descriptor gives it ("en", "pt-BR"): it goes into a lang attribute.
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")


def declared_language(descriptor: dict, default: str) -> str:
    """The language a descriptor's text is written in: the first of its ``languages``, which the Data Package
    standard's language support recipe makes the default (untranslated) language of a descriptor, package or
    resource; else ``default``. (The recipe takes English when none is declared; the site asserts nothing
    then, since many packages predate the recipe and not all are in English.)"""
    languages = descriptor.get("languages")
    first = languages[0] if isinstance(languages, list) and languages else None
    return first if isinstance(first, str) and _LANGUAGE_TAG.fullmatch(first) else default


def en_of(mapping: dict, key: str) -> str:
    """English text of ``key``: ``x-minhbach.<key>_en``, then ``<key>_en``, then the ``en`` entry of a
    multilingual object."""
    extension = mapping.get("x-minhbach") if isinstance(mapping.get("x-minhbach"), dict) else {}
    for candidate in (extension.get(f"{key}_en"), mapping.get(f"{key}_en")):
        if isinstance(candidate, str) and candidate:
            return candidate
    value = mapping.get(key)
    if isinstance(value, dict) and isinstance(value.get("en"), str):
        return value["en"]
    return ""


def printable(text: str) -> str:
    """``text`` without the characters of ``CONTROL_RANGES`` and stray tags (controls other than tab and line ends,
    invisible format characters): they show as nothing or reorder what is shown, Markdown uses two of them as
    placeholders, and YAML and XML refuse most of them."""
    if not _HAS_CONTROL.search(text):
        return text
    text = text.translate(_CONTROLS)
    while _HAS_CONTROL.search(text):  # stray tags: the next of a run is one once the one before it is gone
        text = _HAS_CONTROL.sub("", text)
    return text


def shortened(text: str, limit: int = 80) -> str:
    """``text`` as a message quotes it: its first ``limit`` characters at most, a cut ending in "…"."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


TITLE_LIMIT = 70  # characters of a page's <title> and og:title: what tabs, results and link previews show


def cut_at_word(text: str, limit: int = TITLE_LIMIT) -> str:
    """``text`` on one line in at most ``limit`` characters, cut after a whole word with "…" when longer: a
    page's short title, whose heading keeps the whole. A word that would leave less than half the room is cut
    inside instead: a title written without spaces (Thai) or one long word after "Dữ liệu: " was cut to
    "Dữ liệu…"."""
    text = one_line(text)
    if len(text) <= limit:
        return text
    # a short bracket that ends the text (an acronym: "… Performance Index (PAPI)") is kept after the cut
    tail = found.group(1) if (found := _ENDING_BRACKET.search(text)) else ""
    room = text[:limit - 1 - len(tail)]  # with its "…" (and tail), at most ``limit``
    if text[len(room)] != " " and " " in room:  # the last word in it is cut: it goes, unless it is most of it
        whole = room.rsplit(" ", 1)[0]
        room = whole if len(whole.rstrip(" ,;:·—–-")) >= limit // 2 else room
    if room.count("(") > room.count(")") and len(room.rsplit("(", 1)[0].rstrip()) >= limit // 2:
        room = room.rsplit("(", 1)[0]  # no bracket left open: "(Nghị…" said nothing
    return room.rstrip(" ,;:·—–-(") + "…" + tail


_ENDING_BRACKET = re.compile(r"( \([^()]{1,12}\))$")


DESCRIPTION_LIMIT = 160  # characters of a page's description that search results and link previews show
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s")


def first_sentence(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """The first sentence of a description as plain text on one line (code spans' backticks go), cut at a word
    within ``limit`` characters: a page's description for search engines and link previews."""
    plain = one_line(text).replace("`", "")
    return cut_at_word(_SENTENCE_END.split(plain, 1)[0], limit)


def one_line(text: str) -> str:
    """Printable text on one line, runs of white space (line ends included) as one space: a heading or a title."""
    return " ".join(printable(text).split())


def fold(text: str) -> str:
    """Lower-case ASCII without Vietnamese diacritics: 'Đồng Nai' -> 'dong nai'."""
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def without_marks(text: str) -> str:
    """Vietnamese letters without their marks, case kept: 'Bà Rịa - Vũng Tàu' -> 'Ba Ria - Vung Tau', the way
    English-language sources write Vietnamese place names."""
    text = text.replace("Đ", "D").replace("đ", "d")
    return unicodedata.normalize("NFC", "".join(
        c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)))


def slug(text: str) -> str:
    """A URL segment: folded, with runs of anything else turned into single hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"


class Text:
    """Bilingual text: Vietnamese (required where the text exists) and English (may be empty).

    ``lang`` is the language the first text is really in: Vietnamese in the project's own data (a text without
    ``_en`` is Vietnamese, docs/data-format.md), but a package from elsewhere writes its title in its own
    language: the code it declares (``languages``), or "" when it declares none and nothing may be assumed."""

    __slots__ = ("vi", "en", "lang")

    def __init__(self, vi: object = "", en: object = "", lang: str = "vi"):
        self.vi = vi if isinstance(vi, str) else text_of(vi)
        self.en = en if isinstance(en, str) else text_of(en)
        self.lang = lang

    @classmethod
    def of(cls, mapping: dict, key: str) -> Text:
        """From the ``key_vi``/``key_en`` pair of a row or YAML mapping (``key`` alone counts as Vietnamese)."""
        return cls.of_cells(mapping.get(f"{key}_vi"), mapping.get(f"{key}_en"), mapping.get(key))

    @classmethod
    def of_cells(cls, vi: object, en: object, single: object) -> Text:
        """``of`` from the three cells themselves (``single``, the column without a language, counts as
        Vietnamese when ``vi`` is empty)."""
        return cls(vi or single or "", en or "")

    def get(self, lang: str) -> str:
        return self.en if lang == "en" and self.en else self.vi

    def __bool__(self) -> bool:
        return bool(self.vi or self.en)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and (self.vi, self.en, self.lang) == (other.vi, other.en, other.lang)

    def __hash__(self) -> int:
        return hash((self.vi, self.en, self.lang))

    def __repr__(self) -> str:
        own = "" if self.lang == "vi" else f", lang={self.lang!r}"  # as before for the project's own texts
        return f"Text({self.vi!r}, {self.en!r}{own})"
