"""A page's HTML without the theme's indentation.

Material's templates indent every line and leave hundreds of blank ones: ~5 KB of a 40 KB page, 52 MB of the
national site (docs/scaling.md). A run of blank space that holds a line break is written as that one line
break: the browser shows the same page (between tags and in text, any run of spaces and line breaks is one
space to it), and a diff of the HTML still reads line by line. Left as they are: ``<pre>`` and
``<textarea>`` (where every space shows), ``<script>`` and ``<style>`` (code), and blanks within a line. An
attribute's value that holds a line break from data (an alt text, a description) loses the blanks around
it, which no reader sees either. Only ASCII blanks move: a no-break space is text.
"""

from __future__ import annotations

import re

_KEPT = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_BLANK_RUN = re.compile(r"[ \t]*\n[ \t\r\n]*")


def compact(html: str) -> str:
    parts, position = [], 0
    for kept in _KEPT.finditer(html):
        parts += [_BLANK_RUN.sub("\n", html[position:kept.start()]), kept.group(0)]
        position = kept.end()
    parts.append(_BLANK_RUN.sub("\n", html[position:]))
    return "".join(parts)
