"""PNGs in 256 colours at most, the common colours exact: charts' (draw.py) and a card's of many colours (card.py)."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image


def palette_png(drawn: Image.Image) -> bytes:
    """A PNG of the drawing in at most 256 colours: a quarter of the bytes (the national site's charts and
    cards, 17.4 MB a language, are 4.7 MB so). Each palette entry is then the most common true colour among
    the pixels it stands for: the octree alone averages a bucket, and the white background came out (253,
    253, 253); so the background, the series' colours and the text are exact and only antialiasing shades
    move, by a few levels. The figure is opaque (white face), so nothing is lost by dropping alpha."""
    image = drawn.convert("RGB")
    indexed = image.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    rgb = np.asarray(image, dtype=np.uint32)
    pixels = (np.asarray(indexed, dtype=np.uint64) << 24) | ((rgb[..., 0] << 16) | (rgb[..., 1] << 8) | rgb[..., 2])
    pairs, counts = np.unique(pixels.ravel(), return_counts=True)
    by_entry_then_count = np.lexsort((-counts, pairs >> 24))
    entries = pairs[by_entry_then_count]
    commonest = entries[np.unique(entries >> 24, return_index=True)[1]]
    palette = np.zeros((256, 3), dtype=np.uint8)
    colours = commonest & 0xFFFFFF
    palette[(commonest >> 24).astype(np.intp)] = np.stack([colours >> 16, (colours >> 8) & 0xFF, colours & 0xFF], 1)
    indexed.putpalette(palette.ravel().tobytes())
    buffer = io.BytesIO()
    indexed.save(buffer, format="png")
    return buffer.getvalue()
