"""Text as the charts and the share cards draw it: DejaVu Sans from matplotlib's own copy, measured with Pillow
(without importing matplotlib), and words filled into lines of a given width. Its own module because both the
chart specs (a note's lines decide a chart's height: spec.py) and the cards (card.py, which draws spec.Card)
measure text: in card.py, spec.py's import of it made the two modules import each other."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from functools import cache
from pathlib import Path

from PIL import ImageFont

FONT_FAMILY = "DejaVu Sans"
_FONT_FILES = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}


@cache
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """DejaVu Sans at ``size`` pixels, from matplotlib's own copy (found without importing matplotlib), laid
    out glyph by glyph as matplotlib lays out a chart's text: Pillow's complex layout (libraqm, where installed)
    failed on a hostile title ("raqm_layout() failed", tests/test_hostile_build.py), and would make the same
    card differ between machines with and without it."""
    spec = importlib.util.find_spec("matplotlib")
    assert spec is not None and spec.submodule_search_locations, "matplotlib is a dependency"
    folder = Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"
    return ImageFont.truetype(str(folder / _FONT_FILES[bold]), size, layout_engine=ImageFont.Layout.BASIC)


def text_width(text: str, size: int, bold: bool = False) -> float:
    """How far a line of ``text`` advances, in pixels, as it is drawn."""
    return font(size, bold).getlength(text)


def fill(words: list[str], fits: Callable[[str], bool]) -> list[str]:
    """Words into lines, as many on each as fit."""
    lines, current = [], ""
    for word in words:
        if fits(f"{current} {word}" if current else word):
            current = f"{current} {word}" if current else word
            continue
        if current:
            lines.append(current)
        # A word longer than a line: as much of it as fits (a character at least), then the rest; its empty rest
        # ends the loop even where nothing fits (a room of no width).
        while word and not fits(word):
            cut = longest(lambda n, word=word: fits(word[:n]), len(word) - 1)
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines or [""]


def longest(fits: Callable[[int], bool], most: int) -> int:
    """The largest n in 1..``most`` that ``fits`` (which holds up to some n and not after), at least 1."""
    low, high = 1, most
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if fits(middle) else (low, middle - 1)
    return low
