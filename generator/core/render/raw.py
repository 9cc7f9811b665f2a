"""Raw regions: finished HTML (data tables) that a page carries past Markdown and the search index.

A template wraps such HTML between RAW_START and RAW_END. Those literal markers never reach a page: every page
a template renders has them as markers holding a random number drawn for that build (``RawMarkers``), so text
from data, which is rendered into the page and cannot know that number, cannot open or close a region,
whatever it contains. Templates are compiled with the markers in canonical form, a NUL where the number goes
(``in_template``), and each rendered page gets the build's number there (``RawMarkers.restore``): data never
holds a NUL, so the page is the one the build's number in the template would give, and the compiled code is
the same in every build (kept in the cache, not compiled again each time). The engine adapter swaps each region
for a slot (carrying the same number) before Markdown runs and puts it back into the finished page.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field

RAW_START, RAW_END = "<!--mb:raw-->", "<!--/mb:raw-->"  # as templates write them
# As templates are compiled, and pages and HTML are cached: the number of every build is a NUL there.
CANONICAL_START, CANONICAL_END = "<!--mb:raw:\0-->", "<!--/mb:raw:\0-->"


def in_template(source: str) -> str:
    """A template's source with the literal markers in canonical form: what Jinja compiles, in every build."""
    return source.replace(RAW_START, CANONICAL_START).replace(RAW_END, CANONICAL_END)


@dataclass(frozen=True)
class RawMarkers:
    """The raw-region markers of one build."""

    nonce: str = field(default_factory=lambda: secrets.token_hex(16))

    @property
    def start(self) -> str:
        return f"<!--mb:raw:{self.nonce}-->"

    @property
    def end(self) -> str:
        return f"<!--/mb:raw:{self.nonce}-->"

    def slot(self, number: int) -> str:
        return f"<!--mb:slot:{self.nonce}:{number}-->"

    def canonical(self, content: str) -> str:
        """The page as any build would write it (the number dropped): what the page cache keys on."""
        return content.replace(self.nonce, "\0")

    def restore(self, content: str) -> str:
        """A canonical text (from the cache) with this build's number back in its markers. Safe because data
        never holds a NUL (core/text.py and the readers refuse control characters)."""
        return content.replace("\0", self.nonce)

    def split(self, content: str) -> tuple[str, list[str]]:
        """The page with each raw region replaced by a slot on its own, and the regions."""
        parts, blocks, position = [], [], 0
        while (start := content.find(self.start, position)) >= 0:
            end = content.find(self.end, start)
            if end < 0:
                raise ValueError(f"{RAW_START} without {RAW_END}")
            parts += [content[position:start], "\n\n", self.slot(len(blocks)), "\n\n"]
            blocks.append(content[start + len(self.start):end].strip("\n"))
            position = end + len(self.end)
        parts.append(content[position:])
        return "".join(parts), blocks

    def join(self, html_text: str, blocks: list[str]) -> str:
        """Put the raw regions back into the finished HTML; each slot must be there once, in order."""
        opening = self.slot(0).rpartition(":")[0] + ":"
        pieces = html_text.split(opening)
        out, seen = [pieces[0]], []
        for piece in pieces[1:]:
            number, _, rest = piece.partition("-->")
            seen.append(number)
            out += [blocks[int(number)] if number.isdigit() and int(number) < len(blocks) else "", rest]
        if seen != [str(n) for n in range(len(blocks))]:
            raise ValueError(f"{len(blocks)} raw regions, slots found: {seen}")
        return "".join(out)


def page_digests(content: str, markers: RawMarkers) -> tuple[str, str]:
    """The digests of a page's text outside its raw regions (what an engine makes its HTML from: the page
    cache's key) and of the regions themselves (which, with that HTML, make the bytes of its file), as any
    build would write them (without this build's markers)."""
    skeleton, blocks = markers.split(content)
    return _sha256(markers.canonical(skeleton)), blocks_digest(blocks, markers)


def blocks_digest(blocks: list[str], markers: RawMarkers) -> str:
    """The digest of a page's raw regions (the second of ``page_digests``)."""
    digest = hashlib.sha256()
    for block in blocks:
        digest.update(markers.canonical(block).encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
