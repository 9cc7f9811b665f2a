"""Share cards (a page's 1200x630 Open Graph image) laid out as boxes and lines of text, and drawn with Pillow.

A card is text and flat boxes: drawn as a matplotlib figure it took ~70 ms (measuring its text 15, Agg 28, the
palette 26), and a session added to the city's data redraws 16 of them (issue 17). Pillow draws the same layout
in ~10 ms with the font matplotlib ships (DejaVu Sans, so the cards' letters are the charts'), and writes the
palette PNG directly: white, each box's colour and, for each colour of text, its shades of coverage on white,
each pixel exact to its shade (text is drawn on white only). The layout is computed once and drawn twice
over: as the PNG, and as an SVG with its text as text that tests keep as a golden file (a change reads as a
line in a diff).
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from xml.sax.saxutils import escape

from PIL import Image, ImageDraw

from generator.core.charts.measure import FONT_FAMILY, fill, font, text_width
from generator.core.charts.palette import palette_png
from generator.core.charts.spec import Card

SIZE = (1200, 630)  # pixels: what Open Graph and Twitter cards show without cropping
INK, ACCENT, MUTED = "#1A1A1A", "#3F51B5", "#555555"  # text; the site's indigo; the address
WHITE = "#FFFFFF"
MARGIN = 60  # pixels left and right of the text and the bar
WIDTH = SIZE[0] - 2 * MARGIN
# Text sizes in pixels (the em), and the advance from one line to the next
TITLE, HEADLINE, DETAIL, KEY, SITE = 47, 36, 26, 24, 26
LEADING = 1.25
BAR_HEIGHT, KEY_SQUARE, KEY_ROW = 34, 20, 34
KEY_GAP, KEY_AFTER = 10, 36  # between a key's square and its text; after its text


@dataclass(frozen=True)
class Box:
    """A filled rectangle, in pixels from the card's top left."""

    x: float
    y: float
    width: float
    height: float
    colour: str


@dataclass(frozen=True)
class Line:
    """A line of text; ``y`` is the top of its font's ascender (its first line's top), in pixels."""

    x: float
    y: float
    text: str
    size: int
    colour: str
    bold: bool = False


@dataclass(frozen=True)
class Layout:
    boxes: tuple[Box, ...]
    lines: tuple[Line, ...]


def layout(card: Card) -> Layout:
    """Where everything on the card goes: a band of the site's colour, the title (three lines at most), the
    headline (two), the detail (two, or one below the longest title and headline), the summary bar with its
    keys, and the site at the bottom."""
    boxes, lines = [Box(0, 0, SIZE[0], 16, ACCENT)], []
    title, headline = wrapped(card.title, TITLE, 3, bold=True), wrapped(card.headline, HEADLINE, 2)
    y = _text(lines, 64, title, TITLE, INK, bold=True)
    y = _text(lines, y + 18, headline, HEADLINE, ACCENT)
    if card.detail:
        y = _text(lines, y + 6, wrapped(card.detail, DETAIL, _detail_lines(title, headline)), DETAIL, MUTED)
    if card.bars:
        _bars(boxes, lines, y + 18, card)
    ascent, descent = font(SITE).getmetrics()
    lines.append(Line(MARGIN, SIZE[1] - 40 - ascent - descent, card.site, SITE, MUTED))
    return Layout(tuple(boxes), tuple(lines))


def _detail_lines(title: list[str], headline: list[str]) -> int:
    """How many lines the detail may take: two below a title and headline of four lines or fewer (the tracker's
    "từ năm 2024; chưa biết danh sách của 6 phiên khác; danh sách chưa đủ với 1 phiên" was cut to "…với 1…", a
    caveat that lost its noun), one below five (three of title, two of headline), where a second would bring
    the bar's keys down onto the site's address."""
    return 2 if len(title) + len(headline) <= 4 else 1


def _text(lines: list[Line], y: float, texts: list[str], size: int, colour: str, bold: bool = False) -> float:
    """``texts`` one under the other from ``y``; the ``y`` below them."""
    for text in texts:
        lines.append(Line(MARGIN, y, text, size, colour, bold))
        y += size * LEADING
    return y


def _bars(boxes: list[Box], lines: list[Line], y: float, card: Card) -> None:
    """The summary bar: one segment per part, in proportion, then a key per part (its colour, its label and
    count), on as many rows as they need; a key starts a row only when it would pass the margin."""
    total = sum(bar.value for bar in card.bars) or 1
    x = float(MARGIN)
    for bar in card.bars:
        share = WIDTH * bar.value / total
        boxes.append(Box(x, y, share, BAR_HEIGHT, bar.colour))
        x += share
    x, y = float(MARGIN), y + BAR_HEIGHT + 16
    for bar in card.bars:
        text = wrapped(f"{bar.label}: {bar.value}", KEY, 1)[0]
        advance = KEY_SQUARE + KEY_GAP + text_width(text, KEY) + KEY_AFTER
        if x > MARGIN and x + advance - KEY_AFTER > SIZE[0] - MARGIN:
            x, y = float(MARGIN), y + KEY_ROW
        boxes.append(Box(x, y, KEY_SQUARE, KEY_SQUARE, bar.colour))
        lines.append(Line(x + KEY_SQUARE + KEY_GAP, y - 2, text, KEY, MUTED))
        x += advance


def wrapped(text: str, size: int, lines: int, bold: bool = False, width: float = WIDTH) -> list[str]:
    """``text`` in at most ``lines`` lines of ``width`` pixels (the card's), the last cut with "…" when it does
    not fit. Each line is measured as it is drawn (an estimate per character let a line of capitals, "HĐND
    TP.HCM …", run past the edge with its "…" cut off); a word longer than a line is cut where it stops fitting.
    Only as much of ``text`` as the lines could show is measured (``shown``): a word of a million letters was
    measured whole, for a minute and a half, before Pillow refused it ("too many characters in string")."""
    def fits(line: str) -> bool:
        return text_width(line, size, bold) <= width

    cut = shown(text, lines, width)
    found = fill(cut.split(), fits)
    if len(found) > lines or cut != text:
        last = found[min(lines, len(found)) - 1]
        while last and not fits(last + "…"):  # a whole word off where there is one, else a character
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        found = found[:min(lines, len(found)) - 1] + [last + "…"]
    return found


def shown(text: str, lines: int, width: float = WIDTH) -> str:
    """The start of ``text`` that ``lines`` lines of ``width`` pixels could show: a character that is drawn
    advances a pixel at least, so no line holds more characters than it has pixels (one more tells that the text
    goes on)."""
    return text[:lines * math.ceil(width) + 1]


# PNG ---------------------------------------------------------------------------------------------------------

MIN_SHADES = 16  # shades of coverage a text colour needs to look smooth; fewer left: drawn in full colour


def png(card: Card) -> bytes:
    """The card as a palette PNG (see the module's docstring); drawn in full colour and reduced to 256 colours
    when its boxes have so many colours that too few shades would be left for the text."""
    drawn = layout(card)
    solids = list(dict.fromkeys([WHITE, *(box.colour.upper() for box in drawn.boxes)]))
    inks = list(dict.fromkeys(line.colour.upper() for line in drawn.lines))
    shades = (256 - len(solids)) // max(1, len(inks))
    if shades < MIN_SHADES:
        return _full_colour_png(drawn)
    image = Image.new("L", SIZE, 0)  # palette indices (written as a "P" image at the end)
    paint = ImageDraw.Draw(image)
    for box, corners in _drawn_boxes(drawn):
        paint.rectangle(corners, fill=solids.index(box.colour.upper()))
    palette = [_rgb(colour) for colour in solids]
    for ink in inks:
        first = len(palette)
        palette += [_blend(_rgb(ink), level / shades) for level in range(1, shades + 1)]
        coverage = Image.new("L", SIZE, 0)
        _draw_text(ImageDraw.Draw(coverage), [line for line in drawn.lines if line.colour.upper() == ink], 255)
        # coverage 1..255 -> one of the ink's shades (its first index + level - 1); 0 leaves the index below
        index = coverage.point([0] + [first + math.ceil(m * shades / 255) - 1 for m in range(1, 256)])
        image.paste(index, mask=coverage.point([0] + [255] * 255))
    indexed = Image.frombytes("P", SIZE, image.tobytes())
    indexed.putpalette([channel for colour in palette for channel in colour])
    return _png_bytes(indexed)


def _full_colour_png(drawn: Layout) -> bytes:
    """A card whose bar has a part for each of ~200 colours: drawn in full colour, then reduced to 256 (the
    commonest exact: the white background, the bar's wider parts)."""
    image = Image.new("RGB", SIZE, WHITE)
    paint = ImageDraw.Draw(image)
    for box, corners in _drawn_boxes(drawn):
        paint.rectangle(corners, fill=box.colour)
    for line in drawn.lines:
        _draw_text(paint, [line], line.colour)
    return palette_png(image)


def _draw_text(paint: ImageDraw.ImageDraw, lines: list[Line], fill: int | str) -> None:
    for line in lines:
        paint.text((line.x, line.y), line.text, font=font(line.size, line.bold), fill=fill, anchor="la")


def _drawn_boxes(drawn: Layout) -> list[tuple[Box, tuple[int, int, int, int]]]:
    """Each box with the pixels it covers (Pillow includes both corners): its edges rounded to the nearest
    pixel; a box narrower than half a pixel (a part counting 0) covers none."""
    found = []
    for box in drawn.boxes:
        left, top = round(box.x), round(box.y)
        right, bottom = round(box.x + box.width) - 1, round(box.y + box.height) - 1
        if right >= left and bottom >= top:
            found.append((box, (left, top, right, bottom)))
    return found


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _blend(ink: tuple[int, int, int], share: float) -> tuple[int, int, int]:
    """``ink`` over white, covering ``share`` of the pixel."""
    return tuple(round(255 + (channel - 255) * share) for channel in ink)


def _png_bytes(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="png")
    return buffer.getvalue()


# SVG (tests' golden files) -------------------------------------------------------------------------------------


def svg(card: Card) -> bytes:
    """The card's layout as an SVG with its text as text: what tests keep as the card's golden file."""
    drawn = layout(card)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE[0]}" height="{SIZE[1]}">',
             f'<rect width="{SIZE[0]}" height="{SIZE[1]}" fill="{WHITE}"/>']
    parts += [f'<rect x="{box.x:g}" y="{box.y:g}" width="{box.width:g}" height="{box.height:g}" '
              f'fill="{box.colour}"/>' for box in drawn.boxes]
    for line in drawn.lines:
        baseline = line.y + font(line.size, line.bold).getmetrics()[0]
        weight = ' font-weight="bold"' if line.bold else ""
        parts.append(f'<text x="{line.x:g}" y="{baseline:g}" font-family="{FONT_FAMILY}" font-size="{line.size}"'
                     f'{weight} fill="{line.colour}">{escape(line.text)}</text>')
    return ("\n".join(parts) + "\n</svg>\n").encode("utf-8")
