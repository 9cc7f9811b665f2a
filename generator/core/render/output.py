"""What a build produces, independent of any site engine: pages (Markdown) and assets (bytes) at stable
URIs, per language, or the problems that stop publishing. The MkDocs adapter turns these into MkDocs files."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.core.charts.spec import CardFiles, ChartFiles
from generator.core.problems import Problem
from generator.core.render.raw import RawMarkers

STATIC_DIR = Path(__file__).resolve().parent / "static"
_FIGURE = re.compile(r'<figure class="mb-chart" id="([^"]+)"')  # the ``figure`` macro of templates/chart.j2


@dataclass(frozen=True)
class Page:
    """A generated page; ``uri`` is its Markdown path under the docs root (``giam-sat/index.md``).

    ``content`` is Markdown with raw HTML. Regions between the build's raw markers are finished HTML (data
    tables) that needs no Markdown processing and must not be indexed for search (each fact is found at its
    canonical page, and a national site's tables would make the index tens of MB); an engine may pass them
    through untouched (see ``RawMarkers.split``) or treat them as ordinary raw HTML."""

    uri: str
    content: str
    # A page written to disk as it was made (so that a language's pages are never all in memory): its file and
    # where its text is in it (offset, length in bytes; the whole file without a span), and the digest of its
    # text outside raw regions, which is what its HTML is made from (the page cache's key).
    path: Path | None = None
    digest: str = ""
    span: tuple[int, int] | None = None
    # Known once the page is made (``core/deps.py``), so that a page taken from the dependency map need not be
    # read to be published: the digest of its raw regions, and the ids of the charts it shows.
    blocks: str = ""
    figures: tuple[str, ...] | None = None
    # A page taken from the dependency map: its text, read from the cache only when something asks for it
    # (most reused pages are linked from the site they replace without it).
    later: Callable[[], str] | None = field(default=None, compare=False, repr=False)

    @property
    def deferred(self) -> bool:
        """Whether the page's text is elsewhere (on disk, or in the cache) and read when asked for."""
        return self.path is not None or self.later is not None

    def text(self) -> str:
        if self.later is not None:
            return self.later()
        if self.path is None:
            return self.content
        if self.span is None:
            return self.path.read_text("utf-8")
        with self.path.open("rb") as handle:
            handle.seek(self.span[0])
            return handle.read(self.span[1]).decode("utf-8")


@dataclass(frozen=True)
class Asset:
    """A generated file served as is (a CSV download, a chart): its bytes, or the file on disk that holds
    them (large downloads are written once into the cache and copied from there, never held in memory)."""

    uri: str
    data: bytes = b""
    path: Path | None = None

    def read(self) -> bytes:
        return self.path.read_bytes() if self.path is not None else self.data


@dataclass(frozen=True)
class SiteWords:
    """What the site says of itself where a page says nothing of its own: the home page's title (the alternative
    text of its share image, which every page without an image of its own shows) and the description of a page
    without one. They depend on what the data holds: a site of other packages than the project's does not
    claim to be about Ho Chi Minh City's administrative reform."""

    title: str
    description: str


@dataclass
class Output:
    """Pages and assets ready to publish, and chart specs and share cards still to be rendered (in one cached
    batch)."""

    pages: list[Page] = field(default_factory=list)
    assets: list[Asset] = field(default_factory=list)
    charts: list[ChartFiles] = field(default_factory=list)
    cards: list[CardFiles] = field(default_factory=list)
    words: SiteWords | None = None  # given by the home page; the site engine puts them where pages read them

    def extend(self, other: Output) -> None:
        self.pages += other.pages
        self.assets += other.assets
        self.charts += other.charts
        self.cards += other.cards
        self.words = other.words or self.words


@dataclass
class Result:
    """Everything one run produced: pages and assets per language, or the problems that stop publishing."""

    outputs: dict[str, Output]
    problems: list[Problem]
    stats: dict[str, float] = field(default_factory=dict)
    raw: RawMarkers = field(default_factory=RawMarkers)  # the markers the pages' raw regions use


def static_assets() -> list[Asset]:
    """The site's own CSS and JavaScript, shipped with the generator so every build (any language, any
    datasets) has them; mkdocs.yml lists them under extra_css/extra_javascript."""
    return [Asset(f"assets/{path.name}", path.read_bytes()) for path in sorted(STATIC_DIR.iterdir())]


def figures_of(text: str) -> tuple[str, ...]:
    """The ids of the charts a page's text shows, in order (``Page.figures``)."""
    return tuple(_FIGURE.findall(text))
