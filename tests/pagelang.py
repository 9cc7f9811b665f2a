"""Reading a built page the way a reader does: its visible text, in its language, and what betrays the other.

Used by tests/test_page_language.py. Text inside ``code``, ``pre``, ``kbd`` and ``samp`` is machine text (ids,
file names, snippets) and is not read; nor is an element that declares another language (``lang="vi"`` around
a Vietnamese name or a text that has no English yet: it says what it is), ``translate="no"`` (an address, a
name that is not to be translated) or ``data-verbatim`` (a preview of a file's cells exactly as written).
Attributes a reader meets (alt, title, aria-label) are read, except the title of a link to a document in
another language (``hreflang``), which is that document's own title.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

SKIP_TAGS = frozenset({"script", "style", "code", "pre", "kbd", "samp", "svg", "template"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                  "wbr"})
READ_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.stack: list[tuple[str, bool]] = []  # (tag, hidden)
        self.chunks: list[str] = []
        self.cells: list[str] = []
        self.cell: list[str] | None = None  # the text of the table cell being read

    @property
    def hidden(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang") or ""
            return
        hidden = (self.hidden or tag in SKIP_TAGS or "data-verbatim" in values or values.get("translate") == "no"
                  or (values.get("lang") not in (None, "", self.lang)))
        if not hidden:
            self.chunks += [str(values[a]) for a in READ_ATTRIBUTES if values.get(a) and self._reads(a, values)]
        if tag == "td" and not hidden:
            self.cell = []
        if tag not in VOID:
            self.stack.append((tag, hidden))
        else:
            self.chunks.append(" ")

    def _reads(self, attribute: str, values: dict) -> bool:
        """A link's title names the document it leads to, in that document's language (``hreflang``),
        unless it is a [bracketed] description the site wrote for want of the real title."""
        target = values.get("hreflang")
        if attribute != "title" or not target or target == self.lang:
            return True
        return str(values["title"]).startswith("[")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self.cell is not None:
            self.cells.append("".join(self.cell).strip())
            self.cell = None
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break
        self.chunks.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.chunks.append(data)
            if self.cell is not None:
                self.cell.append(data)


def visible_text(html: str) -> tuple[str, str]:
    """(the page's language, the text a reader sees or hears in that language)."""
    reader = _Reader()
    reader.feed(html)
    return reader.lang, re.sub(r"[ \t\r\f\v]+", " ", "".join(reader.chunks))


def cells(html: str) -> list[str]:
    """The visible text of each table cell (``td``), to find a raw code shown as a value."""
    reader = _Reader()
    reader.feed(html)
    return reader.cells
