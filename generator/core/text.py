"""Helpers for descriptor text that may be a string, a multilingual object or missing."""

from __future__ import annotations

import re
import unicodedata

_CONTROL_CHARS = [c for c in range(0x00, 0xA0) if (c < 0x20 or c >= 0x7F) and c not in (0x09, 0x0A, 0x0D)]
_CONTROLS = dict.fromkeys([*_CONTROL_CHARS, 0xFFFE, 0xFFFF])
_HAS_CONTROL = re.compile("[" + "".join(re.escape(chr(c)) for c in _CONTROLS) + "]")


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
    """``text`` without control characters (C0, C1 and U+FFFE/U+FFFF) other than tab and line ends: they show
    as nothing, Markdown uses two of them as placeholders, and YAML and XML refuse them."""
    return text.translate(_CONTROLS) if _HAS_CONTROL.search(text) else text


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
    """Bilingual text: Vietnamese (required where the text exists) and English (may be empty)."""

    __slots__ = ("vi", "en")

    def __init__(self, vi: object = "", en: object = ""):
        self.vi = vi if isinstance(vi, str) else text_of(vi)
        self.en = en if isinstance(en, str) else text_of(en)

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
        return isinstance(other, Text) and (self.vi, self.en) == (other.vi, other.en)

    def __hash__(self) -> int:
        return hash((self.vi, self.en))

    def __repr__(self) -> str:
        return f"Text({self.vi!r}, {self.en!r})"
