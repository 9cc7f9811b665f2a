"""What a serving process keeps between builds (``core/kept.py``, issue 17) never changes what it builds.

``minhbach serve`` keeps the tables, session records, observations and compiled templates of one build for the
next while their files are unchanged. The contract: after any sequence of data edits, the site a process that
keeps them builds is byte for byte the site a fresh process builds from the same files with an empty cache
(the same property as ``test_incremental.py``, whose edits and comparison this reuses, with the incremental
builds run in this process, keeping values, as ``serve`` runs them).
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import jinja2
import pytest
from conftest import make_project
from hypothesis import given
from hypothesis import strategies as st
from test_incremental import BUILD_DATE, EDITS, SETTINGS, Workspace, differences, workspace

from generator import cli
from generator.core import kept
from generator.core.cache import Cache
from generator.core.datasets import load_datasets
from generator.core.locale import locale
from generator.core.render.jinja import CompiledTemplates, environment
from generator.core.render.raw import RAW_END, RAW_START, RawMarkers
from generator.core.settings import Settings

DATA_EDITS = ("edit_row", "add_row", "remove_row", "add_session", "delete_session")


@pytest.fixture
def keeping():
    remembered = kept.keep()
    try:
        yield remembered
    finally:
        kept.stop_keeping()


def test_a_value_is_made_once_while_its_key_is_asked_for(keeping):
    made = []

    def make() -> list[str]:
        made.append("x")
        return ["value"]

    first = kept.by_content("ns", lambda: ("a", 1), make)
    assert kept.by_content("ns", lambda: ("a", 1), make) is first
    assert kept.by_content("other", lambda: ("a", 1), make) is not first  # namespaces apart
    assert kept.by_content("ns", lambda: ("a", 2), make) is not first
    assert len(made) == 3
    keeping.next_build()
    assert kept.by_content("ns", lambda: ("a", 1), make) is first  # the next build takes it again
    assert len(made) == 3


def test_a_value_read_while_its_file_was_saved_is_not_kept(keeping, tmp_path):
    """The key names the bytes before a save that lands while the value is made: the value (the saved bytes) is
    this build's, but is not kept under that key, so that a save back to the first bytes reads the file again."""
    from generator.core.cache import file_digest

    path = tmp_path / "agencies.csv"

    def save(text: str, second: int) -> None:
        path.write_text(text, "utf-8")
        os.utime(path, ns=(second * 10**9, second * 10**9))  # apart, whatever the clock's granularity

    def saved_meanwhile() -> str:
        save("a saved edit", 2)
        return path.read_text("utf-8")

    save("first", 1)
    assert kept.by_content("file", lambda: file_digest(path), saved_meanwhile) == "a saved edit"
    save("first", 3)
    assert kept.by_content("file", lambda: file_digest(path), lambda: path.read_text("utf-8")) == "first"
    assert kept.by_content("file", lambda: file_digest(path), saved_meanwhile) == "first"  # kept now


def test_a_value_that_keep_if_refuses_is_this_builds_only(keeping):
    """``keep_if`` sees the value made: one it refuses (a cache entry that could not be read) is made again at the
    next ask; one it accepts is kept."""
    assert kept.keeping()
    made = []

    def make() -> str | None:
        made.append(1)
        return None if len(made) == 1 else "read"

    def readable(value: str | None) -> bool:
        return value is not None

    assert kept.by_content("entry", lambda: "k", make, keep_if=readable) is None
    assert kept.by_content("entry", lambda: "k", make, keep_if=readable) == "read"
    assert kept.by_content("entry", lambda: "k", make, keep_if=readable) == "read" and len(made) == 2


def test_what_a_build_did_not_use_is_let_go(keeping):
    kept.by_content("ns", lambda: "old", lambda: "old value")
    keeping.next_build()
    kept.by_content("ns", lambda: "new", lambda: "new value")  # this build does not ask for "old"
    keeping.next_build()
    assert kept.by_content("ns", lambda: "old", lambda: "made again") == "made again"


def test_a_build_that_asks_for_nothing_lets_nothing_go(keeping):
    """An up-to-date check asks for nothing: the next real build still finds the values."""
    kept.by_content("ns", lambda: "key", lambda: "value")
    keeping.next_build()
    keeping.next_build()  # the site was up to date
    assert kept.by_content("ns", lambda: "key", lambda: "made again") == "value"


def test_by_identity_is_the_same_objects_not_equal_ones(keeping):
    source, equal = [1, 2], [1, 2]
    value = kept.by_identity("ns", (source,), lambda: object())
    assert kept.by_identity("ns", (source,), lambda: object()) is value
    assert kept.by_identity("ns", (equal,), lambda: object()) is not value


def test_nothing_is_kept_unless_a_process_asks():
    kept.stop_keeping()
    assert not kept.keeping()
    assert kept.by_content("ns", lambda: "key", list) is not kept.by_content("ns", lambda: "key", list)
    kept.by_content("ns", lambda: pytest.fail("a key is computed (a file digested) with nothing to keep"), list)
    source = object()
    assert kept.by_identity("ns", (source,), list) is not kept.by_identity("ns", (source,), list)


def test_hits_and_misses_are_counted_per_build(keeping):
    """The counts are what a build asked for (``next_build`` uses them to tell a build that asked for nothing)."""
    assert (keeping.hits, keeping.misses) == (0, 0)
    kept.by_content("ns", lambda: "a", list)
    kept.by_content("ns", lambda: "b", list)
    kept.by_content("ns", lambda: "a", list)
    kept.by_content("ns", lambda: "b", list)
    assert (keeping.hits, keeping.misses) == (2, 2)
    keeping.next_build()
    assert (keeping.hits, keeping.misses) == (0, 0)


def test_identity_entries_are_apart_by_namespace_and_by_source(keeping):
    """Each (namespace, sources) is an entry of its own: two sources, or two namespaces of one source, never
    take each other's value, and all are found again after a build."""
    one, two = object(), object()
    values = {(ns, source): kept.by_identity(ns, (source,), object) for ns in ("a", "b") for source in (one, two)}
    assert len({id(v) for v in values.values()}) == 4
    keeping.next_build()
    assert all(kept.by_identity(ns, (source,), object) is value for (ns, source), value in values.items())


def data_only(root: Path) -> Workspace:
    """The fixture project's datasets alone (no copy of the generator and docs: these tests build no site)."""
    make_project(root / "datasets")
    return Workspace(root, [])


def test_an_edited_file_is_read_again_and_an_unchanged_one_is_not(keeping, tmp_path):
    """The tables of an unchanged package are the same objects; an edited package's are new and hold the edit."""
    project = data_only(tmp_path)
    settings = Settings(project.datasets, root=tmp_path, cache_dir=tmp_path / "cache")
    before = {(p.name, t.name): t for p in load_datasets(settings).packages for t in p.tables}
    keeping.next_build()
    EDITS["edit_row"](project, 0)  # an agency's name
    after = {(p.name, t.name): t for p in load_datasets(settings).packages for t in p.tables}
    changed = [key for key in after if after[key] is not before[key]]
    assert changed == [key for key in after if key[0] == "co-quan"]
    assert any("(0)" in value for row in after[("co-quan", "agencies")].rows for value in row.values)


def check_kept_sequence(root: Path, real: bool, steps: list[tuple[str, int]]) -> None:
    """Build, then after each edit build again in this process keeping values; then compare with a cold build
    in a fresh process."""
    ws = workspace(root, real)
    out, cache = root / "site", root / "cache"
    arguments = ["build", "--datasets", str(ws.datasets), "--out", str(out), "--cache-dir", str(cache),
                 "--config", str(ws.code / "mkdocs.yml"), "--build-date", BUILD_DATE, "--jobs", "2"]
    remembered = kept.keep()
    try:
        assert cli.main(arguments) == 0
        remembered.next_build()
        done, hits = [], 0
        for kind, n in steps:
            done.append(f"{kind}: {EDITS[kind](ws, n)}")
            assert cli.main(arguments) == 0, f"after {done}"
            hits += remembered.hits
            remembered.next_build()
    finally:
        kept.stop_keeping()
    cold = ws.build(root / "cold-site", root / "cold-cache")
    assert cold.returncode == 0, cold.stderr
    assert differences(out, root / "cold-site") == [], f"after {done}"
    if any(not step.endswith(": none") for step in done):  # an edit that changed nothing builds nothing again
        assert hits > 0  # the builds after an edit did take kept values


@SETTINGS
@given(steps=st.lists(st.tuples(st.sampled_from(DATA_EDITS), st.integers(0, 10_000)), min_size=1, max_size=4))
def test_fixture_project_kept_equals_cold(tmp_path_factory, steps):
    check_kept_sequence(tmp_path_factory.mktemp("kept-fixture"), False, steps)


def test_real_datasets_every_data_edit_kept_equals_cold(tmp_path):
    """Every kind of data edit on the real datasets (indices' results, agencies, sessions)."""
    order = ["edit_row", "add_session", "add_row", "edit_row", "remove_row", "delete_session"]
    check_kept_sequence(tmp_path, True, [(kind, random.Random(kind).randrange(10_000)) for kind in order])


def test_a_stale_kept_table_would_be_caught(tmp_path, monkeypatch):
    """The comparison is not blind: a store that hands back a package's first tables whatever its files say
    builds a site that differs from the cold one."""
    stale: dict = {}

    def first_ever(self, namespace, key, make, keep_if=None):  # noqa: ANN001 - the method it stands in for
        if namespace != "package":
            return make()
        name = key[0]  # the descriptor's path, without the files' digests
        return stale.setdefault(name, make())

    monkeypatch.setattr(kept.Kept, "by_content", first_ever)
    with pytest.raises(AssertionError, match="after"):
        check_kept_sequence(tmp_path, False, [("edit_row", 0)])



def test_a_template_is_compiled_once_whatever_the_builds_markers_then_taken_from_the_cache(tmp_path, monkeypatch):
    """One compile per template: a second environment (the other language, the next build of a preview, each
    build with raw-region markers of its own) takes the code from memory, the next process from the cache, and
    every page rendered has its own build's markers. An edited template is compiled again."""
    folder = tmp_path / "templates"
    folder.mkdir()
    template = folder / "x.md.j2"
    template.write_text(f"{RAW_START}<b>{{{{ t }}}}</b>{RAW_END}\n", "utf-8")
    compiles = []
    original = jinja2.Environment.compile

    def counted(self, *args, **kwargs):  # noqa: ANN001, ANN202 - jinja2's own signature
        compiles.append(args[1] if len(args) > 1 else kwargs.get("name"))
        return original(self, *args, **kwargs)

    def rendered(markers: RawMarkers, compiled: CompiledTemplates) -> str:
        env = environment(locale("vi"), {"f": folder}, {}, markers, compiled=compiled)
        return env.get_template("f/x.md.j2").render(t="a")

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    cache = Cache(tmp_path / "cache")
    compiled, one, two = CompiledTemplates(cache), RawMarkers(), RawMarkers()
    for markers in (one, one, two, one):
        assert rendered(markers, compiled) == f"{markers.start}<b>a</b>{markers.end}\n"
    assert compiles == ["x.md.j2"]  # the name under its folder (PrefixLoader)
    three = RawMarkers()
    assert rendered(three, CompiledTemplates(cache)) == f"{three.start}<b>a</b>{three.end}\n"
    assert compiles == ["x.md.j2"]
    template.write_text(f"{RAW_START}<i>{{{{ t }}}}</i>{RAW_END}\n", "utf-8")
    assert rendered(three, CompiledTemplates(cache)) == f"{three.start}<i>a</i>{three.end}\n"
    assert compiles == ["x.md.j2", "x.md.j2"]


def test_a_kept_session_is_read_again_when_the_codes_it_is_checked_against_change(keeping, tmp_path):
    """A session file is kept with the code lists it was checked against: an agency code that leaves the
    directory makes the unchanged file report it at the next build."""
    from dataclasses import replace

    from generator.supervision.load import code_lists
    from generator.supervision.records import read_sessions, record_files

    project = data_only(tmp_path)
    settings = Settings(project.datasets, root=tmp_path, cache_dir=tmp_path / "cache")
    codes = code_lists(load_datasets(settings))
    files = record_files(project.datasets / "giam-sat", "sessions/*.yaml")
    sessions, problems = read_sessions(files, codes, settings)
    assert sessions and not [p for p in problems if p.is_error]
    keeping.next_build()
    assert read_sessions(files, codes, settings)[0] == sessions  # kept: the same sessions
    named = sorted({code for session in sessions for code in session.agencies})
    fewer = replace(codes, agencies=codes.agencies - {named[0]})
    keeping.next_build()
    again = read_sessions(files, fewer, settings)[1]
    assert any(p.is_error and named[0] in str(p.params) for p in again)


def test_a_saved_dependency_map_is_loaded_from_memory_while_its_entry_is_the_file_saved(keeping, tmp_path):
    """A serving process keeps the map it saved (``DepMap.save``) and takes it again at the next save without
    reading it (4 MB a language at national scale), while the cache entry is still the file it wrote; an entry
    written since by another process (a ``minhbach build`` with the same cache) is read."""
    from generator.core.deps import DEPS, DepMap, Record

    settings = Settings(datasets_dir=tmp_path / "datasets", root=tmp_path, build_date=BUILD_DATE)
    cache = Cache(tmp_path / "cache")
    saved = {"a/": Record(["rows:p/t"], {"rows:p/t": "1"}, "out")}
    DepMap.load(cache, settings, "vi").save(saved)
    keeping.next_build()
    loaded = DepMap.load(cache, settings, "vi")
    assert loaded.records["a/"] is saved["a/"]  # the very record saved: not read from the cache
    elsewhere = {"a/": Record(["rows:p/t"], {"rows:p/t": "2"}, "out")}
    cache.put_object(DEPS, elsewhere, loaded.key)  # another process saves its map: this one is not told
    again = DepMap.load(cache, settings, "vi")
    assert again.records["a/"] == elsewhere["a/"] and again.records["a/"] is not saved["a/"]
