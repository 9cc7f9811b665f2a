"""The dependency map: what each page was made from, recorded by the build that made it, so that the next
build makes again only the pages whose inputs changed (issue 17: an edit costs what it touches).

A feature hands the pipeline a *unit* (``PageContext.unit``): a page, or a few pages, with its charts and
files, the *inputs it declares* and a function that makes it. An input is named by a key:

``file:<path>``
    a file as maintainers name it (relative to the project): a session file, a package descriptor.
``rows:<package>/<resource>`` and ``rows:<package>/<resource>#<column>=<value>``
    a table's rows, all of them or those whose cell in ``column`` is ``value`` (an index's results, an
    agency's row). The key of a value no row has is valid too: its rows are none, until one is added.
``value:<text>``
    a value of the model itself (a release date): the key is the value.

While a unit is made, what it reads besides its declared inputs is noted (``note``): the templates Jinja
loads, the sources and agencies the link filters look up. Every unit also depends on the generator's code,
its language's UI strings and the build's options. The map keeps, for each unit, every key with the digest
its input had; the next build takes the unit from the cache when it declares the same keys and every key
still has the same digest, and makes it (noting afresh) otherwise. A digest is always of the input itself
(file bytes, the cells of rows, a value), never of a time stamp, so a map can never be fooled by a clock.

The one rule a feature must keep: everything a unit shows must come from what it declares or what its
rendering reads through noted lookups. ``tests/test_incremental.py`` holds the whole build to that: after
random edits, an incremental build gives the bytes of a cold one.
"""

from __future__ import annotations

import hashlib
import itertools
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.core import kept
from generator.core.cache import Cache, file_digest
from generator.core.datasets import Datasets
from generator.core.read.table import Table
from generator.core.render.output import Output, Page, figures_of
from generator.core.render.raw import RawMarkers, page_digests
from generator.core.settings import Settings

DEPS = "deps"  # cache namespace: one map per site and language
UNITS = "units"  # cache namespace: a unit's output (its pages' texts, its shell), keyed by the digest of its bytes
_SEP, _END = "\x1f", "\x1e"
_END_BYTES = _END.encode()


# Noting what a unit reads -----------------------------------------------------------------------------------

_recording: list[set[str]] = []


def note(key: str) -> None:
    """Say that the unit being made read the input ``key`` (a no-op when no unit is being made)."""
    if _recording:
        _recording[-1].add(key)


@contextmanager
def recording() -> Iterator[set[str]]:
    """Collect the keys noted while the block runs (nested units note into their own set only)."""
    noted: set[str] = set()
    _recording.append(noted)
    try:
        yield noted
    finally:
        _recording.pop()


def file_key(settings: Settings, path: Path | str) -> str:
    path = path if isinstance(path, Path) else Path(path)  # 24,000 calls at national scale: one Path each, not 3
    return f"file:{settings.relative(path) if path.is_absolute() else path.as_posix()}"


def rows_key(package: str, resource: str, column: str | None = None, value: object = None) -> str:
    where = f"{package}/{resource}"
    return f"rows:{where}" if column is None else f"rows:{where}#{column}={'' if value is None else value}"


def value_key(value: object) -> str:
    return f"value:{value}"


# The current digest of every input --------------------------------------------------------------------------

class Inputs:
    """The digest each input key has in this build, computed on first use: files by their bytes, rows by
    their cells (one pass per table and column, for every value at once) and by their package's descriptor
    (a schema change retypes every cell)."""

    def __init__(self, datasets: Datasets, settings: Settings, templates: Callable[[str], Path | None]):
        self.settings = settings
        self.templates = templates  # a template's name -> its file
        self._tables = {(t.package, t.name): t for p in datasets.packages for t in p.tables}
        self._descriptors = {p.name: p.loaded.descriptor_path for p in datasets.packages}
        self._digests: dict[str, str] = {}
        self._schemas: dict[str, str] = {}  # a package's name -> its descriptor's digest
        self._partitions: dict[tuple[str, str, str], dict[str, str]] = {}

    def add_table(self, table: Table) -> None:
        """A table made from records rather than read from a file (a feature's derived table)."""
        self._tables[(table.package, table.name)] = table

    def digest(self, key: str) -> str:
        found = self._digests.get(key)
        if found is None:
            found = self._digests[key] = self._compute(key)
        return found

    def _compute(self, key: str) -> str:
        kind, _, name = key.partition(":")
        if kind == "file":
            path = Path(name)
            return file_digest(path if path.is_absolute() else self.settings.root / path)
        if kind == "template":
            path = self.templates(name)
            return file_digest(path) if path is not None else "missing"
        if kind == "rows":
            return self._rows(name)
        if kind in ("value", "code", "locale", "option"):
            return ""  # the key is the value
        raise ValueError(f"unknown input key {key!r}")

    def _rows(self, name: str) -> str:
        where, _, selector = name.partition("#")
        package, _, resource = where.partition("/")
        table = self._tables.get((package, resource))
        if table is None:
            return "missing"
        schema = self._schema(package)
        if not selector:
            # One row at a time: a national table's rows as a list of lines took ~250 MB at the build's peak.
            return kept.by_identity(f"rows-digest:{schema}", (table,), lambda: _hash(itertools.chain(
                [schema, _SEP.join(table.header)], (_line(row.values) for row in table.rows))))
        column, _, value = selector.partition("=")
        digests = self._partition(table, package, resource, column)
        return f"{schema}:{digests.get(value, 'none')}"

    def _schema(self, package: str) -> str:
        """The digest of ``package``'s descriptor, which every key of its rows holds: taken once a build (a
        national save looked it up 7,600 times, two system calls each)."""
        found = self._schemas.get(package)
        if found is None:
            descriptor = self._descriptors.get(package)
            found = self._schemas[package] = file_digest(descriptor) if descriptor is not None else "derived"
        return found

    def _partition(self, table: Table, package: str, resource: str, column: str) -> dict[str, str]:
        """The digest of each value's rows in ``column``: one pass over the table for all its values (which a
        serving process keeps while the table is the same object, core/kept.py)."""
        found = self._partitions.get((package, resource, column))
        if found is None:
            found = self._partitions[(package, resource, column)] = kept.by_identity(
                f"rows-partition:{column}", (table,), lambda: _partitioned(table, column))
        return found


def _partitioned(table: Table, column: str) -> dict[str, str]:
    """``_hash`` of each value's rows, all values in one pass, each row hashed as it is met (not held)."""
    position = table.header.index(column) if column in table.header else None
    digests: dict[str, hashlib._Hash] = {}
    for row in table.rows if position is not None else ():
        value = row.values[position]
        digest = digests.get(value)
        if digest is None:
            digest = digests[value] = hashlib.sha256()
        digest.update(_part(_line(row.values)))
    return {value: digest.hexdigest() for value, digest in digests.items()}


def _line(values: tuple[str, ...]) -> str:
    return _SEP.join(values)


def _hash(parts: Iterable[str]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(_part(part))
    return digest.hexdigest()


def _part(part: str) -> bytes:
    """A part as every digest of rows takes it: its UTF-8 (a lone surrogate kept as it is), then ``_END``."""
    return part.encode("utf-8", "surrogatepass") + _END_BYTES


# The map -----------------------------------------------------------------------------------------------------

@dataclass
class Record:
    """What one unit was made from (its declared keys, and the digest of every key it depends on) and where
    its output is (a cache key). A unit made in a language's own process records its keys there; their
    digests are filled in by the parent (``complete``), which holds the tables they are computed from."""

    declared: list[str]
    digests: dict[str, str]
    output: str  # the output, or, with a shell, its pages' texts
    # The output without its pages' text (``Units``): what a reused unit loads; "" when the output is not pages.
    shell: str = ""


@dataclass
class DepMap:
    """The records of one site and language, read at the start of a build and written at its end."""

    cache: Cache
    key: str
    records: dict[str, Record] = field(default_factory=dict)

    @classmethod
    def load(cls, cache: Cache, settings: Settings, lang: str) -> DepMap:
        key = Cache.key(DEPS, {"datasets": str(settings.datasets_dir), "root": str(settings.root), "lang": lang},
                        "")
        # A serving process takes the map it saved last from memory while the entry is still that file (a
        # national map: 4 MB to read, decompress and unpickle, a language at every save).
        stored = kept.by_content(DEPS, lambda: (key, cache.identity(DEPS, key)), lambda: cache.get_object(DEPS, key),
                                 keep_if=lambda found: isinstance(found, dict))
        records = {uri: record for uri, record in stored.items() if isinstance(uri, str) and isinstance(
            record, Record)} if isinstance(stored, dict) else {}
        return cls(cache, key, records)

    def keys(self) -> set[str]:
        """Every input key the previous build's units depended on (their digests decide what is reused)."""
        return {key for record in self.records.values() for key in record.digests}

    def save(self, current: dict[str, Record]) -> None:
        """Pickled, not JSON: a national language's map was 37 MB of JSON (0.3 s to write, 0.3 s to read each
        time), 4 MB pickled and compressed."""
        records = dict(sorted(current.items()))
        self.cache.put_object(DEPS, records, self.key)
        kept.by_content(DEPS, lambda: (self.key, self.cache.identity(DEPS, self.key)), lambda: records)  # ``load``

    def reusable(self, unit: str, declared: list[str], digest: Callable[[str], str | None]) -> Record | None:
        """The unit's record when it can be taken as it was: the same declared keys, every digest unchanged."""
        record = self.records.get(unit)
        if record is None or record.declared != declared:
            return None
        if any(digest(key) != value for key, value in record.digests.items()):
            return None
        return record


def complete(records: dict[str, Record], inputs: Inputs) -> dict[str, Record]:
    """The records with the digest of every key filled in (those made in this build have none yet)."""
    return {name: Record(r.declared, {key: value or inputs.digest(key) for key, value in r.digests.items()},
                         r.output, r.shell) for name, r in records.items()}


def load_output(cache: Cache, key: str) -> object | None:
    """A unit's output as it was stored, or None when the cache no longer holds it."""
    return cache.get_object(UNITS, key)


def store_output(cache: Cache, output: object) -> str:
    """Store a unit's output under the digest of its bytes (the same output is stored once); its key."""
    return cache.put_object(UNITS, output)


@dataclass
class Units:
    """The units of one language and feature: each taken from the map when it can be, else made and recorded.

    ``digest`` gives an input's digest in this build (None when unknown: the unit is made); ``base`` are the
    keys every unit depends on (the code that makes it, the UI strings, the build options); ``sink`` is
    applied to every output before the feature sees it (pages written to disk as they are made)."""

    map: DepMap
    digest: Callable[[str], str | None]
    base: list[str] = field(default_factory=list)
    current: dict[str, Record] = field(default_factory=dict)  # this build's records, shared by the features
    sink: Callable[[object], object] = lambda output: output
    made: list[int] = field(default_factory=lambda: [0, 0])  # made, reused
    # This build's raw-region markers: pages are stored without them and get them back when reused.
    markers: RawMarkers | None = None

    def with_base(self, base: list[str]) -> Units:
        return Units(self.map, self.digest, base, self.current, self.sink, self.made, self.markers)

    def get(self, name: str, inputs: Iterable[str], make: Callable[[], object]) -> object:
        if name in self.current:
            raise ValueError(f"two units are named {name!r}")
        # One string a key, however many units name it: a national map holds 288,000 keys of 12,000 distinct
        # ones (every index page names the 1,512 agencies it ranks), 36 MB a language loaded as separate strings.
        declared = sorted({sys.intern(key) for key in inputs} | set(self.base))
        record = self.map.reusable(name, declared, self.digest)
        output = self._reused(record) if record is not None else None
        if output is not None:
            self.made[1] += 1
        else:
            with recording() as noted:
                output = self._with_facts(make())
            noted = {sys.intern(key) for key in noted}
            record = Record(declared, dict.fromkeys(sorted(set(declared) | noted), ""), *self._store(output))
            self.made[0] += 1
        self.current[name] = record
        return self.sink(output)

    def _store(self, output: object) -> tuple[str, str]:
        """Store a unit's output, its pages with canonical markers: for pages, their texts apart from the rest
        (the shell: what a reused unit loads), else the output whole. The keys of both ("" for no shell)."""
        stored = self._pages(output, "canonical")
        if not isinstance(stored, Output) or self.markers is None:
            return store_output(self.map.cache, stored), ""
        shell = replace(stored, pages=[replace(page, content="") for page in stored.pages], assets=list(stored.assets),
                        charts=list(stored.charts), cards=list(stored.cards))
        shell_key = store_output(self.map.cache, shell)
        kept.by_content("unit-shell", lambda: shell_key, lambda: shell)  # a serving process's next save (``_shell``)
        return store_output(self.map.cache, [page.content for page in stored.pages]), shell_key

    def _reused(self, record: Record) -> object | None:
        """A recorded unit's output as this build uses it, or None when the cache no longer holds it. A unit of
        pages comes back as its shell, each page's text read from the cache when it is asked for (``later``):
        at national scale, nearly every page of an edit is linked from the previous site unread."""
        cache = self.map.cache
        if not record.shell:
            output = load_output(cache, record.output)
            return None if output is None else self._pages(output, "restore")
        shell = self._shell(record.shell)
        if shell is None or not cache.keep(UNITS, record.output):
            return None
        texts = [StoredText(cache, record.output, index, self.markers) for index in range(len(shell.pages))]
        if self.markers is None:  # no markers to put back: the texts as stored, now
            try:
                contents = [text() for text in texts]
            except TextLost:
                return None
            pages = zip(shell.pages, contents, strict=True)
            return replace(shell, pages=[replace(page, content=content) for page, content in pages])
        return replace(shell, pages=[replace(page, later=text) for page, text in zip(shell.pages, texts, strict=True)])

    def _shell(self, key: str) -> Output | None:
        """A reused unit's shell, read from the cache; a serving process keeps each shell it read, by its key (the
        digest of its bytes), and marks its entry as used as reading it would: 9,200 shells read, checked and
        unpickled, and their charts' keys hashed again (py-spy: ~0.6 s of a national save). Its lists are the
        caller's own (its pages too: ``_reused`` makes each build's)."""
        cache = self.map.cache
        shell = kept.by_content("unit-shell", lambda: key, lambda: load_output(cache, key),
                                keep_if=lambda found: isinstance(found, Output))
        if not isinstance(shell, Output) or (kept.keeping() and not cache.keep(UNITS, key)):
            return None
        return replace(shell, assets=list(shell.assets), charts=list(shell.charts), cards=list(shell.cards))

    def _with_facts(self, output: object) -> object:
        """A unit's pages with what publishing them needs to know without reading them again: the digests of
        their text outside and inside raw regions, and the charts they show."""
        if self.markers is None or not isinstance(output, Output):
            return output
        return replace(output, pages=[page_with_facts(page, self.markers) for page in output.pages])

    def _pages(self, output: object, how: str) -> object:
        """``output`` with its pages' raw markers made canonical (to store) or this build's (once read back):
        each build draws its own (core/render/raw.py), and a stored page must serve any later build."""
        if self.markers is None or not isinstance(output, Output):
            return output
        change = getattr(self.markers, how)
        return replace(output, pages=[replace(page, content=change(page.content)) for page in output.pages])


def page_with_facts(page: Page, markers: RawMarkers) -> Page:
    """A page with the digests of its skeleton and raw regions and the charts it shows (``Page``)."""
    digest, blocks = page_digests(page.content, markers)
    return replace(page, digest=digest, blocks=blocks, figures=figures_of(page.content))


class TextLost(OSError):
    """A reused page's text is no longer in the cache (deleted or damaged since its unit was taken): the build
    stops as when a file cannot be read, the site untouched; the next one makes the unit again."""


@dataclass(frozen=True)
class StoredText:
    """The text of a reused unit's page, read from the unit's stored texts, with this build's markers (as
    stored, without markers to put back)."""

    cache: Cache
    key: str
    index: int
    markers: RawMarkers | None

    def __call__(self) -> str:
        texts = load_output(self.cache, self.key)
        if not isinstance(texts, list) or self.index >= len(texts) or not isinstance(texts[self.index], str):
            raise TextLost(f"a page's text left the cache during the build ({UNITS}/{self.key}); build again")
        return texts[self.index] if self.markers is None else self.markers.restore(texts[self.index])
