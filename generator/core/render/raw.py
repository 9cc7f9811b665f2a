"""Raw regions: finished HTML (data tables) that a page carries past Markdown and the search index.

A template wraps such HTML between RAW_START and RAW_END; the engine adapter swaps each region for a
numbered slot before Markdown runs and puts it back in the finished page (``join_raw``).
"""

from __future__ import annotations

RAW_START, RAW_END = "<!--mb:raw-->", "<!--/mb:raw-->"
_RAW_SLOT_OPEN, _RAW_SLOT_CLOSE = "<!--mb:raw:", "-->"  # a slot: _RAW_SLOT_OPEN + number + _RAW_SLOT_CLOSE


def split_raw(content: str) -> tuple[str, list[str]]:
    """The page with each raw region replaced by a numbered HTML comment on its own, and the regions."""
    parts, blocks, position = [], [], 0
    while (start := content.find(RAW_START, position)) >= 0:
        end = content.find(RAW_END, start)
        if end < 0:
            raise ValueError(f"{RAW_START} without {RAW_END}")
        parts += [content[position:start], "\n\n", f"{_RAW_SLOT_OPEN}{len(blocks)}{_RAW_SLOT_CLOSE}", "\n\n"]
        blocks.append(content[start + len(RAW_START):end].strip("\n"))
        position = end + len(RAW_END)
    parts.append(content[position:])
    return "".join(parts), blocks


def join_raw(html_text: str, blocks: list[str]) -> str:
    """Put the raw regions back into the finished HTML; a slot that went missing is an error, never a gap."""
    pieces = html_text.split(_RAW_SLOT_OPEN)
    out, seen = [pieces[0]], []
    for piece in pieces[1:]:
        number, _, rest = piece.partition(_RAW_SLOT_CLOSE)
        seen.append(number)
        out += [blocks[int(number)] if number.isdigit() and int(number) < len(blocks) else "", rest]
    if seen != [str(n) for n in range(len(blocks))]:
        raise ValueError(f"{len(blocks)} raw regions, slots found: {seen}")
    return "".join(out)
