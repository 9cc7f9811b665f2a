"""The files of a language's charts and share cards in the site a build writes, and what each was written from.

A chart's key names everything it shows (``charts/spec.py``): a file the site being replaced holds from the same
key, drawn by the same code and libraries, and that has not changed since (its size, modification time and
inode, as recorded when it was written), holds the bytes this build would write, and becomes a hard link to it
instead (a national one-row edit wrote ~1,200 chart files again and read 520 cache entries for them). As for
pages (``reuse.py``): neither site is changed by a link, and the replaced site is deleted once the new one is
in place.
"""

from __future__ import annotations

from pathlib import Path

from generator.core.cache import Cache, code_digest
from generator.core.charts.renderer import drawing
from generator.mkdocs.reuse import file_identity, link_same_file

WRITTEN = "site-charts"  # cache namespace: the chart key and file stat of each chart file of a site


class ChartLinks:
    """The chart files of one language's site: which the build links from the site it replaces (``link``), which
    it writes (``wrote``), and the record of both for the next build (``save``)."""

    def __init__(self, cache: Cache, site: Path, lang: str):
        self.cache, self.site = cache, site
        # A file is what its chart's key names only as long as it is drawn the same way: the record of a site
        # whose charts were drawn by other code or libraries (``drawing``) is not found, and nothing is linked.
        self.key = Cache.key(WRITTEN, {"site": str(site.resolve()), "lang": lang}, code_digest(__name__) + drawing())
        found = cache.get_json(WRITTEN, self.key)
        self.before: dict[str, list] = found if isinstance(found, dict) else {}
        self.now: dict[str, str] = {}  # uri -> the key of the chart its file was written from, in this build
        self.linked: dict[str, list[int]] = {}  # uri -> the stat of a file linked, as ``save`` records it
        self._folders: set[Path] = set()  # folders made: a language's ~800 chart files are in a few

    def link(self, folder: Path, uri: str, chart_key: str) -> bool:
        """Link ``uri`` into ``folder`` from the site being replaced, when its file there was written from
        ``chart_key`` and is still that file; whether it did. A link is the same file: its own stat says whether
        it is still the file recorded (one stat, not one before and one for the record)."""
        if self.now.get(uri) == chart_key:  # the same chart shown twice in the language: linked already
            return True
        before = self.before.get(uri)
        if not (isinstance(before, list) and len(before) == 4 and before[0] == chart_key):
            return False
        target = folder / uri
        if target.parent not in self._folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(target.parent)
        found = link_same_file(self.site / uri, target, before[1:])
        if found is None:
            return False
        self.now[uri], self.linked[uri] = chart_key, found
        return True

    def wrote(self, uri: str, chart_key: str) -> None:
        self.now[uri] = chart_key
        self.linked.pop(uri, None)

    def save(self, folder: Path) -> None:
        """The record of this build's chart files as they are in ``folder`` now (where they stay when the site is
        moved into place: a rename keeps a file's stat)."""
        record = {uri: [key, *found] for uri, key in sorted(self.now.items())
                  if (found := self.linked.get(uri) or file_identity(folder / uri)) is not None}
        self.cache.put_json(WRITTEN, self.key, record)
