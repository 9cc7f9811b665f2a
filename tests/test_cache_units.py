"""Unit tests of the caches (core/cache.py, core/deps.py, core/page_cache.py, core/build_stamp.py): fast and
in-process, for the mutation groups ``cache``, ``deps`` and ``page-cache-stamp`` (tests/mutation.py)."""

from __future__ import annotations

import hashlib
import os
import pickle
import subprocess
import time
import zlib
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from conftest import settings_for

from generator.core import deps, page_cache
from generator.core.build_stamp import (
    STAMPS,
    BuildStamp,
    _files,
    _git_head,
    config_environment,
    digest_files,
    inputs_digest,
    installed,
    output_digest,
)
from generator.core.cache import (
    GENERATOR_DIR,
    Cache,
    CacheStats,
    _module_file,
    code_digest,
    code_modules,
    file_digest,
    package_digest,
)
from generator.core.datasets import Datasets, Package
from generator.core.deps import (
    DEPS,
    UNITS,
    DepMap,
    Inputs,
    Record,
    Units,
    complete,
    file_key,
    load_output,
    note,
    recording,
    rows_key,
    store_output,
    value_key,
)
from generator.core.page_cache import PAGES, PageCache
from generator.core.read.package import LoadedPackage
from generator.core.read.table import Row, Table
from generator.core.read.tree import Tree
from generator.core.render.output import Output, Page
from generator.core.render.raw import RawMarkers, page_digests

# core/deps.py ------------------------------------------------------------------------------------------------


US = "\x1f"  # between the cells of a row


def sha(*parts: str) -> str:
    """The digest deps.py gives a list of parts: each part's UTF-8 bytes followed by the record separator."""
    return hashlib.sha256(b"".join(part.encode() + b"\x1e" for part in parts)).hexdigest()


def table(package: str, name: str, header: list[str], rows: list[tuple[str, ...]]) -> Table:
    index = {column: i for i, column in enumerate(header)}
    return Table(package, name, [], list(header), [Row(n + 2, values, index) for n, values in enumerate(rows)])


def datasets_with(tmp_path: Path, *tables: Table) -> tuple[Datasets, Path]:
    """One package ``p`` with a descriptor file holding ``tables``."""
    descriptor = tmp_path / "data" / "p" / "datapackage.yaml"
    descriptor.parent.mkdir(parents=True)
    descriptor.write_text("name: p\n", "utf-8")
    return Datasets([Package("p", LoadedPackage(descriptor, "data/p/datapackage.yaml", Tree()), list(tables))]), \
        descriptor


def test_noting_outside_a_unit_does_nothing_and_nested_units_note_into_their_own_set():
    note("file:nowhere")  # no unit is being made: no error, nothing kept
    with recording() as outer:
        note("file:a")
        with recording() as inner:
            note("file:b")
        note("file:c")
    assert (outer, inner) == ({"file:a", "file:c"}, {"file:b"})
    assert deps._recording == []


def test_input_keys_are_written_as_maintainers_name_their_inputs(tmp_path):
    settings = settings_for(tmp_path / "data")
    assert file_key(settings, tmp_path / "data" / "p" / "datapackage.yaml") == "file:data/p/datapackage.yaml"
    assert file_key(settings, "data/p/x.csv") == "file:data/p/x.csv"
    assert file_key(settings, Path("data") / "q.csv") == "file:data/q.csv"
    assert rows_key("p", "r") == "rows:p/r"
    assert rows_key("p", "r", "code", "SNV") == "rows:p/r#code=SNV"
    assert rows_key("p", "r", "code") == "rows:p/r#code="
    assert rows_key("p", "r", "year", 2024) == "rows:p/r#year=2024"
    assert rows_key("p", "r", "n", 0) == "rows:p/r#n=0"
    assert value_key("2026-11-26") == "value:2026-11-26"


def test_a_relative_file_key_is_taken_as_given_wherever_the_build_runs(tmp_path, monkeypatch):
    settings = settings_for(tmp_path / "data")
    (tmp_path / "data").mkdir()
    monkeypatch.chdir(tmp_path / "data")
    assert file_key(settings, "p/x.csv") == "file:p/x.csv"  # not data/p/x.csv: relative to the project already


def test_files_and_templates_are_digested_by_their_bytes(tmp_path):
    settings = settings_for(tmp_path / "data")
    (tmp_path / "data").mkdir()
    session = tmp_path / "data" / "s.yaml"
    session.write_bytes(b"id: 1\n")
    template = tmp_path / "page.md.j2"
    template.write_bytes(b"{{ x }}")
    templates = {"page.md.j2": template}.get
    inputs = Inputs(Datasets(), settings, templates)
    expected = hashlib.sha256(b"id: 1\n").hexdigest()
    assert inputs.digest("file:data/s.yaml") == expected  # relative to the project
    assert inputs.digest(f"file:{session}") == expected  # absolute
    assert inputs.digest("file:data/none.yaml") == "missing"
    assert inputs.digest("template:page.md.j2") == hashlib.sha256(b"{{ x }}").hexdigest()
    assert inputs.digest("template:other.md.j2") == "missing"
    for key in ("value:2026", "value:10:30", "code:generator.x", "locale:en", "option:site_url=x"):
        assert inputs.digest(key) == ""  # the key is the value
    with pytest.raises(ValueError, match="unknown input key 'page:x'"):
        inputs.digest("page:x")


def test_a_digest_is_computed_once_per_build(tmp_path):
    settings = settings_for(tmp_path / "data")
    (tmp_path / "data").mkdir()
    session = tmp_path / "data" / "s.yaml"
    session.write_bytes(b"one")
    inputs = Inputs(Datasets(), settings, lambda name: None)
    first = inputs.digest("file:data/s.yaml")
    session.write_bytes(b"a longer text")
    assert inputs.digest("file:data/s.yaml") == first == hashlib.sha256(b"one").hexdigest()
    assert Inputs(Datasets(), settings, lambda name: None).digest("file:data/s.yaml") == hashlib.sha256(
        b"a longer text").hexdigest()


def test_rows_are_digested_by_the_descriptor_the_header_and_the_cells(tmp_path):
    agencies = table("p", "agencies", ["code", "name"], [("SNV", "Nội vụ"), ("STC", "Tài chính"), ("SNV", "x=y")])
    datasets, descriptor = datasets_with(tmp_path, agencies)
    inputs = Inputs(datasets, settings_for(tmp_path / "data"), lambda name: None)
    schema = file_digest(descriptor)
    assert inputs.digest("rows:p/agencies") == sha(schema, "code\x1fname", "SNV\x1fNội vụ", "STC\x1fTài chính",
                                                   "SNV\x1fx=y")
    assert inputs.digest("rows:p/agencies#code=SNV") == schema + ":" + sha("SNV" + US + "Nội vụ", "SNV" + US + "x=y")
    assert inputs.digest("rows:p/agencies#code=STC") == schema + ":" + sha("STC" + US + "Tài chính")
    assert inputs.digest("rows:p/agencies#code=XYZ") == f"{schema}:none"  # no row has it (yet)
    assert inputs.digest("rows:p/agencies#name=x=y") == schema + ":" + sha("SNV" + US + "x=y")  # the first = splits
    assert inputs.digest("rows:p/agencies#nothing=SNV") == f"{schema}:none"  # not a column
    assert inputs.digest("rows:p/other") == "missing"
    assert inputs.digest("rows:q/agencies") == "missing"
    assert inputs.digest("rows:p/agencies#code") == f"{schema}:none"  # no value: the empty one


def test_a_value_containing_a_hash_sign_selects_its_rows(tmp_path):
    notes = table("p", "notes", ["tag"], [("#1",), ("a#b",)])
    datasets, descriptor = datasets_with(tmp_path, notes)
    inputs = Inputs(datasets, settings_for(tmp_path / "data"), lambda name: None)
    assert inputs.digest("rows:p/notes#tag=a#b") == file_digest(descriptor) + ":" + sha("a#b")


def test_tables_of_the_same_name_or_column_in_other_packages_or_resources_are_apart(tmp_path):
    datasets, descriptor = datasets_with(tmp_path, table("p", "a", ["k"], [("1",)]),
                                         table("p", "b", ["k"], [("1",), ("1",)]), table("p", "c/d", ["k"], [("2",)]))
    inputs = Inputs(datasets, settings_for(tmp_path / "data"), lambda name: None)
    inputs.add_table(table("q", "a", ["k"], [("1",), ("1",), ("1",)]))
    schema = file_digest(descriptor)
    assert [inputs.digest(key) for key in ("rows:p/a#k=1", "rows:p/b#k=1", "rows:q/a#k=1", "rows:p/c/d#k=2")] == [
        schema + ":" + sha("1"), schema + ":" + sha("1", "1"), "derived:" + sha("1", "1", "1"), schema + ":" + sha("2")]


def test_a_cell_holding_a_lone_surrogate_is_digested(tmp_path):
    """JSON data may escape half a surrogate pair ("\\ud800"): the cell keeps it, the digest takes it as it is."""
    datasets, descriptor = datasets_with(tmp_path, table("p", "j", ["k"], [("\ud800",)]))
    inputs = Inputs(datasets, settings_for(tmp_path / "data"), lambda name: None)
    assert inputs.digest("rows:p/j") == hashlib.sha256(
        b"".join(part.encode("utf-8", "surrogatepass") + b"\x1e" for part in (file_digest(descriptor), "k", "\ud800"))
    ).hexdigest()
    assert inputs.digest("rows:p/j#k=\ud800") == file_digest(descriptor) + ":" + hashlib.sha256(
        "\ud800".encode("utf-8", "surrogatepass") + b"\x1e").hexdigest()  # the rows of its value, too


def test_a_derived_table_is_digested_without_a_descriptor(tmp_path):
    datasets, _ = datasets_with(tmp_path)
    inputs = Inputs(datasets, settings_for(tmp_path / "data"), lambda name: None)
    inputs.add_table(table("derived", "totals", ["year", "n"], [("2024", "3")]))
    assert inputs.digest("rows:derived/totals") == sha("derived", "year\x1fn", "2024\x1f3")
    assert inputs.digest("rows:derived/totals#year=2024") == "derived:" + sha("2024" + US + "3")


def test_the_rows_of_one_column_are_grouped_once_for_all_its_values(tmp_path):
    results = table("p", "results", ["index", "score"], [("A", "1"), ("B", "2")])
    datasets, descriptor = datasets_with(tmp_path, results)
    inputs = Inputs(datasets, settings_for(tmp_path / "data"), lambda name: None)
    schema = file_digest(descriptor)
    assert inputs.digest("rows:p/results#index=A") == schema + ":" + sha("A" + US + "1")
    results.rows.append(Row(4, ("B", "3"), {"index": 0, "score": 1}))  # not seen: the column was grouped
    assert inputs.digest("rows:p/results#index=B") == schema + ":" + sha("B" + US + "2")
    assert inputs.digest("rows:p/results#score=3") == schema + ":" + sha("B" + US + "3")  # another column: a new pass


def record(declared: list[str], digests: dict[str, str], output: str = "out") -> Record:
    return Record(declared, digests, output)


def test_a_map_is_saved_and_loaded_per_site_and_language(tmp_path):
    cache = Cache(tmp_path / "cache")
    settings = settings_for(tmp_path / "data")
    depmap = DepMap.load(cache, settings, "vi")
    assert depmap.key == Cache.key(DEPS, {"datasets": str(settings.datasets_dir), "root": str(settings.root),
                                          "lang": "vi"}, "")
    assert depmap.records == {} and depmap.cache is cache
    saved = {"b.md": record(["file:b"], {"file:b": "2"}, "ob"),
             "a.md": record(["file:a", "value:x"], {"file:a": "1", "value:x": "", "template:t": "3"}, "oa")}
    depmap.save(saved)
    stored = cache.get_object(DEPS, depmap.key)
    assert stored == saved and list(stored) == ["a.md", "b.md"]  # pickled, in the order of the pages
    again = DepMap.load(cache, settings, "vi")
    assert again.records == saved and again.key == depmap.key
    assert again.keys() == {"file:a", "value:x", "template:t", "file:b"}
    assert DepMap.load(cache, settings, "en").records == {}
    assert DepMap.load(cache, settings_for(tmp_path / "other"), "vi").records == {}


def test_a_map_skips_records_it_cannot_read(tmp_path):
    cache = Cache(tmp_path / "cache")
    depmap = DepMap.load(cache, settings_for(tmp_path / "data"), "vi")
    good = record(["file:a"], {"file:a": "1"}, "o")
    cache.put_object(DEPS, {"good.md": good, "dict.md": {"declared": ["file:a"], "digests": {}, "output": "o"},
                            "list.md": [1], 3: good}, depmap.key)
    assert DepMap.load(cache, settings_for(tmp_path / "data"), "vi").records == {"good.md": good}
    cache.put_object(DEPS, [good], depmap.key)
    assert DepMap.load(cache, settings_for(tmp_path / "data"), "vi").records == {}
    cache.put_json(DEPS, depmap.key, {"good.md": {"declared": ["file:a"], "digests": {}, "output": "o"}})  # older
    assert DepMap.load(cache, settings_for(tmp_path / "data"), "vi").records == {}
    assert not cache.keep(DEPS, depmap.key)  # an entry that does not load is deleted


def test_a_unit_is_reusable_only_with_the_same_declared_keys_and_digests(tmp_path):
    depmap = DepMap(Cache(None), "k", {"u": record(["file:a"], {"file:a": "1", "template:t": "2"})})
    now = {"file:a": "1", "template:t": "2"}
    assert depmap.reusable("u", ["file:a"], now.get) is depmap.records["u"]
    assert depmap.reusable("v", ["file:a"], now.get) is None
    assert depmap.reusable("u", ["file:a", "file:b"], now.get) is None
    assert depmap.reusable("u", [], now.get) is None
    assert depmap.reusable("u", ["file:a"], {**now, "template:t": "3"}.get) is None
    assert depmap.reusable("u", ["file:a"], {**now, "file:a": "0"}.get) is None
    assert depmap.reusable("u", ["file:a"], {"file:a": "1"}.get) is None  # unknown: made again


def test_completing_fills_in_the_digests_a_unit_made_in_this_build_lacks(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a").write_bytes(b"a")
    inputs = Inputs(Datasets(), settings_for(tmp_path / "data"), lambda name: None)
    done = complete({"u": record(["file:data/a"], {"file:data/a": "", "value:x": "", "file:data/b": "kept"}, "o")},
                    inputs)
    assert done == {"u": record(["file:data/a"], {"file:data/a": hashlib.sha256(b"a").hexdigest(), "value:x": "",
                                                  "file:data/b": "kept"}, "o")}


def test_an_output_is_stored_under_the_digest_of_its_bytes(tmp_path):
    cache = Cache(tmp_path)
    output = {"pages": ["a", "b"], "n": 3}
    data = pickle.dumps(output, pickle.HIGHEST_PROTOCOL)
    key = store_output(cache, output)
    assert key == hashlib.sha256(data).hexdigest()
    assert zlib.decompress(cache.get(UNITS, key)) == data
    assert load_output(cache, key) == output
    assert store_output(cache, dict(output)) == key  # the same output, the same entry
    assert load_output(cache, "0" * 64) is None


@pytest.mark.parametrize("payload", [b"not zlib", zlib.compress(b"not a pickle"), zlib.compress(b""),
                                     zlib.compress(pickle.dumps(1)[:-2])])
def test_an_unreadable_output_is_none(tmp_path, payload):
    cache = Cache(tmp_path)
    cache.put(UNITS, "a" * 64, payload)
    assert load_output(cache, "a" * 64) is None


def make(output: object, *noted: str):
    calls = []

    def function() -> object:
        calls.append(1)
        for key in noted:
            note(key)
        return output
    return function, calls


def test_a_unit_is_made_and_recorded_then_taken_from_the_cache(tmp_path):
    cache = Cache(tmp_path / "cache")
    settings = settings_for(tmp_path / "data")
    digests = {"file:a": "1", "code:x": "", "template:t": "2"}
    units = Units(DepMap.load(cache, settings, "vi"), digests.get, ["code:x"])
    function, calls = make({"page": "A"}, "template:t")
    assert units.get("u", ["file:a", "file:a"], function) == {"page": "A"}
    assert calls == [1] and units.made == [1, 0]
    stored = units.current["u"]
    assert stored == record(["code:x", "file:a"], {"code:x": "", "file:a": "", "template:t": ""},
                            store_output(cache, {"page": "A"}))
    with pytest.raises(ValueError, match="two units are named 'u'"):
        units.get("u", [], function)
    saved = record(stored.declared, {key: digests[key] for key in stored.digests}, stored.output)
    units.map.save({"u": saved})

    again = Units(DepMap.load(cache, settings, "vi"), digests.get, ["code:x"])
    assert again.get("u", ["file:a"], function) == {"page": "A"}
    assert calls == [1] and again.made == [0, 1] and again.current == {"u": saved}


def test_units_that_name_the_same_input_share_one_string_for_it(tmp_path):
    """Every index page of the national bench names the 1,512 agencies it ranks: its map held 288,000 keys of
    12,000 distinct ones as separate strings (36 MB a language once loaded). A key is one string in every record
    of a build, and so, pickled once, in the saved map too."""
    import pickle

    cache = Cache(tmp_path / "cache")
    units = Units(DepMap(cache, "k"), {}.get, ["code:x"])
    for name in ("u", "v"):
        declared, noted = "".join(["rows:p/t#c=", name[:0], "A"]), "".join(["rows:p/t#c=", name[:0], "B"])
        function, _ = make({"page": name}, noted)
        units.get(name, [declared], function)
    u, v = units.current["u"], units.current["v"]
    for key in ("rows:p/t#c=A", "rows:p/t#c=B"):
        ours = [next(k for k in record.digests if k == key) for record in (u, v)]
        assert ours[0] is ours[1], key
    assert u.declared[1] is v.declared[1]
    loaded = pickle.loads(pickle.dumps({"u": u, "v": v}))
    assert next(iter(loaded["u"].digests.keys() - {"code:x"})) in loaded["v"].digests
    assert len({id(k) for r in loaded.values() for k in r.digests}) == 3  # code:x, A, B


def test_a_unit_is_made_again_when_an_input_changed_or_its_output_left_the_cache(tmp_path):
    cache = Cache(tmp_path / "cache")
    depmap = DepMap(cache, "k")
    function, calls = make(["x"])
    output = store_output(cache, ["x"])
    depmap.records = {"u": record(["file:a"], {"file:a": "1"}, output), "v": record(["file:a"], {"file:a": "1"},
                                                                                  "0" * 64)}
    units = Units(depmap, {"file:a": "2"}.get)
    assert units.get("u", ["file:a"], function) == ["x"] and calls == [1]
    units = Units(depmap, {"file:a": "1"}.get)
    assert units.get("v", ["file:a"], function) == ["x"] and calls == [1, 1]  # the map names a lost output
    assert units.get("u", ["file:a"], function) == ["x"] and calls == [1, 1] and units.made == [1, 1]
    depmap.records["w"] = depmap.records["u"]
    assert units.get("w", ["file:a"], function) == ["x"] and calls == [1, 1] and units.made == [1, 2]


def test_units_with_a_base_share_the_build_s_records_counts_sink_and_markers(tmp_path):
    cache = Cache(tmp_path)
    seen = []

    def sink(output: object) -> object:
        seen.append(output)
        return ("sunk", output)
    markers = RawMarkers()
    units = Units(DepMap(cache, "k"), {}.get, ["code:a"], sink=sink, markers=markers)
    feature = units.with_base(["code:b", "locale:vi"])
    assert feature.base == ["code:b", "locale:vi"] and feature.map is units.map and feature.digest == units.digest
    assert feature.sink is sink and feature.markers is markers
    function, _ = make("text")
    assert feature.get("u", ["file:x"], function) == ("sunk", "text") and seen == ["text"]
    assert units.current["u"].declared == ["code:b", "file:x", "locale:vi"]
    assert units.made == [1, 0]
    assert units.get("v", [], function) == ("sunk", "text")
    assert units.current["v"].declared == ["code:a"] and feature.made == [2, 0]


def test_pages_are_stored_with_canonical_markers_and_get_each_build_s_back(tmp_path):
    cache = Cache(tmp_path)
    first, second = RawMarkers(), RawMarkers()
    text = '# A\n{start}<table/>{end}\n<figure class="mb-chart" id="c-1">\n'
    page = Page("a.md", text.format(start=first.start, end=first.end))
    depmap = DepMap(cache, "k")
    units = Units(depmap, {"file:a": "1"}.get, markers=first)
    function, calls = make(Output(pages=[page]))
    made = units.get("u", ["file:a"], function)
    # made: the page with the digests of its skeleton and its tables, the same whichever build's markers it has
    again = Page("a.md", text.format(start=second.start, end=second.end))
    assert made == Output(pages=[replace(page, digest=page_digests(again.content, second)[0],
                                         blocks=page_digests(again.content, second)[1], figures=("c-1",))])
    facts = made.pages[0]
    assert page_digests(page.content, first) != page_digests(page.content.replace("table", "tr"),
                                                     first)
    record_made = replace(units.current["u"], digests={"file:a": "1"})  # as the build completes it
    canonical = text.format(start="<!--mb:raw:\0-->", end="<!--/mb:raw:\0-->")
    assert load_output(cache, record_made.output) == [canonical]  # the texts, apart from the rest
    assert load_output(cache, record_made.shell) == Output(pages=[replace(facts, content="")])
    stored = Output(pages=[replace(facts, content=canonical)])

    # reused: the shell, each page's text read from the stored output when asked for, with this build's markers
    depmap.records = {"u": record_made}
    reused = Units(depmap, {"file:a": "1"}.get, markers=second).get("u", ["file:a"], function)
    assert calls == [1]
    shown = reused.pages[0]
    assert shown == replace(facts, content="") and shown.deferred and shown.path is None
    assert shown.text() == again.content
    plain = Units(depmap, {"file:a": "1"}.get).get("u", ["file:a"], function)  # no markers: as stored
    assert plain == stored
    whole = store_output(cache, stored)  # an output stored whole (no shell): restored whole
    depmap.records = {"u": record(["file:a"], {"file:a": "1"}, whole)}
    assert Units(depmap, {"file:a": "1"}.get, markers=second).get("u", ["file:a"], function) == Output(
        pages=[replace(facts, content=again.content)])

    # the stored output damaged after the shell was taken: asking for the text fails, naming the entry; gone
    # before: the unit is made again
    cache.put(UNITS, record_made.output, b"damaged")
    with pytest.raises(OSError, match=record_made.output):  # as a file that cannot be read: the build stops
        shown.text()
    depmap.records = {"u": record_made}
    assert not cache.keep(UNITS, record_made.output)  # the damaged entry was deleted when read
    assert Units(depmap, {"file:a": "1"}.get, markers=second).get("u", ["file:a"], function).pages[0].content
    assert calls == [1, 1]
    cache.put(UNITS, record_made.output, b"damaged")  # read at once without markers: made again, no error
    assert Units(depmap, {"file:a": "1"}.get).get("u", ["file:a"], function) == Output(pages=[page])
    assert calls == [1, 1, 1]


def test_a_serving_process_keeps_the_shells_of_reused_units_and_still_marks_their_entries_used(tmp_path):
    """The shell a serving process read, or stored when it made the unit, is taken from memory at the next save
    (shown by damaging its entry on disk behind its back), its entry's time refreshed as reading it would
    (pruning keeps it for the next process); each build gets lists of its own; a shell that could not be read is
    not kept; a lost text is a unit made again, as without keeping."""
    from generator.core import kept

    cache, markers = Cache(tmp_path), RawMarkers()
    depmap = DepMap(cache, "k")
    function, calls = make(Output(pages=[Page("a.md", "# A\n")], assets=["a"], charts=["c"], cards=["d"]))

    def reuse() -> Output:
        """The unit, as a build with this map takes it (or makes it: its record becomes the map's)."""
        units = Units(depmap, {"file:a": "1"}.get, markers=markers)
        found = units.get("u", ["file:a"], function)
        depmap.records = {"u": replace(units.current["u"], digests={"file:a": "1"})}
        return found

    reuse()
    shell = cache.path(UNITS, depmap.records["u"].shell)
    store = kept.keep()
    try:
        first = reuse()
        for own in (first.pages, first.assets, first.charts, first.cards):
            own.append("the caller's")
        cache.put(UNITS, depmap.records["u"].shell, b"damaged")  # not read again while kept
        os.utime(shell, ns=(0, 0))
        second = reuse()
        assert calls == [1] and (second.assets, second.charts, second.cards) == (["a"], ["c"], ["d"])
        assert len(second.pages) == 1 and second.pages[0].text() == "# A\n"
        assert shell.stat().st_mtime_ns > 0  # marked as used, as a read would have
        store.next_build()
        cache.path(UNITS, depmap.records["u"].output).unlink()  # the texts gone: made again
        assert reuse().pages[0].content == "# A\n" and calls == [1, 1]
    finally:
        kept.stop_keeping()
    cache.put(UNITS, depmap.records["u"].shell, b"damaged")
    kept.keep()
    try:
        assert reuse().pages[0].content == "# A\n" and calls == [1, 1, 1]  # the damaged shell: made again
        assert reuse().pages[0].deferred and calls == [1, 1, 1]  # and stored again: taken, not kept as lost
    finally:
        kept.stop_keeping()
    depmap.records = {}
    store = kept.keep()
    try:  # a unit made while keeping: its shell is kept as it is stored, for the next save
        made = reuse()
        assert not made.pages[0].deferred and calls == [1, 1, 1, 1]
        for own in (made.assets, made.charts, made.cards):
            own.append("the maker's")
        cache.put(UNITS, depmap.records["u"].shell, b"damaged")
        store.next_build()
        again = reuse()
        assert again.pages[0].text() == "# A\n" and calls == [1, 1, 1, 1]
        assert (again.assets, again.charts, again.cards) == (["a"], ["c"], ["d"])
    finally:
        kept.stop_keeping()
def test_an_output_that_is_not_pages_is_stored_as_it_is(tmp_path):
    cache = Cache(tmp_path)
    markers = RawMarkers()
    units = Units(DepMap(cache, "k"), {}.get, markers=markers)
    text = f"{markers.start}x{markers.end}"
    function, _ = make(text)
    assert units.get("u", [], function) == text
    assert load_output(cache, units.current["u"].output) == text
    assert units.sink("same") == "same"  # the default sink hands the output on


# core/cache.py -----------------------------------------------------------------------------------------------


def test_a_key_is_the_digest_of_the_namespace_code_and_inputs_as_sorted_json():
    payload = '["ns", "code", {"a": "ả", "b": 1, "day": "2026-11-26"}]'
    assert Cache.key("ns", {"b": 1, "day": date(2026, 11, 26), "a": "ả"}, "code") == hashlib.sha256(
        payload.encode()).hexdigest()


def test_an_entry_lives_in_a_shard_named_by_its_key_s_first_two_characters(tmp_path):
    assert Cache(tmp_path).path("ns", "abcdef") == tmp_path / "ns" / "ab" / "abcdef"


def test_hits_and_misses_are_counted_one_by_one(tmp_path):
    cache = Cache(tmp_path)
    assert cache.stats == CacheStats(0, 0, 0)
    for _ in range(2):
        assert cache.get("ns", "a" * 64) is None
        assert cache.folder("d", "b" * 64, file_digest) is None
    cache.put("ns", "a" * 64, b"a")
    cache.put_folder("d", "b" * 64, {"f": lambda out: out.write(b"f")}, file_digest)
    for _ in range(2):
        assert cache.get("ns", "a" * 64) == b"a"
        assert cache.folder("d", "b" * 64, file_digest) == {"f": cache.path("d", "b" * 64) / "f"}
    assert cache.stats == CacheStats(hits=4, misses=4, discarded=0)


def test_a_payload_may_hold_any_bytes(tmp_path):
    cache = Cache(tmp_path)
    payload = b"line one\nline two\n\x00\xff"
    cache.put("ns", "a" * 64, payload)
    assert cache.path("ns", "a" * 64).read_bytes() == (b"minhbach-cache-1\n" + hashlib.sha256(payload).hexdigest()
                                                      .encode() + b"\n" + payload)
    assert cache.get("ns", "a" * 64) == payload


def test_has_reads_and_checks_the_entry(tmp_path):
    cache = Cache(tmp_path)
    assert cache.has("ns", "a" * 64) is False
    cache.put("ns", "a" * 64, b"a")
    assert cache.has("ns", "a" * 64) is True
    cache.path("ns", "a" * 64).write_bytes(b"damaged")
    assert cache.has("ns", "a" * 64) is False and not cache.path("ns", "a" * 64).exists()
    assert cache.stats == CacheStats(hits=1, misses=1, discarded=1)


def test_json_values_are_stored_sorted_and_readable(tmp_path):
    cache = Cache(tmp_path)
    cache.put_json("ns", "a" * 64, {"b": [1, 2], "a": "Sở Nội vụ"})
    assert cache.get("ns", "a" * 64) == '{"a": "Sở Nội vụ", "b": [1, 2]}'.encode()
    assert cache.get_json("ns", "a" * 64) == {"a": "Sở Nội vụ", "b": [1, 2]}
    assert cache.get_json("ns", "b" * 64) is None
    cache.put("ns", "c" * 64, b"{not json")
    assert cache.get_json("ns", "c" * 64) is None
    cache.put_json("ns", "d" * 64, None)
    assert cache.get("ns", "d" * 64) == b"null"
    Cache(None).put_json("ns", "e" * 64, 1)
    assert Cache(None).get_json("ns", "e" * 64) is None


def test_a_folder_entry_is_written_in_a_hidden_folder_beside_it_then_renamed(tmp_path):
    cache = Cache(tmp_path)
    target = cache.path("d", "a" * 64)
    where = []

    def two(out) -> None:
        where.append(Path(out.name).parent)
        out.write(b"2")
    files = cache.put_folder("d", "a" * 64, {"two.csv": two, "bảng.csv": lambda out: out.write(b"1")}, file_digest)
    assert files == {"two.csv": target / "two.csv", "bảng.csv": target / "bảng.csv"}
    assert where[0].parent == target.parent and where[0].name.startswith(".tmp-") and not where[0].exists()
    assert (target / "index.json").read_text("utf-8") == (
        f'{{"bảng.csv": "{hashlib.sha256(b"1").hexdigest()}", "two.csv": "{hashlib.sha256(b"2").hexdigest()}"}}')
    assert sorted(p.name for p in target.parent.iterdir()) == ["a" * 64]


def test_a_folder_entry_written_again_replaces_the_old_one(tmp_path):
    cache = Cache(tmp_path)
    cache.put_folder("d", "a" * 64, {"f": lambda out: out.write(b"old"), "g": lambda out: out.write(b"g")},
                     file_digest)
    files = cache.put_folder("d", "a" * 64, {"f": lambda out: out.write(b"new")}, file_digest)
    assert files["f"].read_bytes() == b"new" and not (files["f"].parent / "g").exists()
    assert cache.folder("d", "a" * 64, file_digest) == files


def test_a_failed_folder_write_leaves_nothing_and_raises_unless_a_sound_entry_is_there(tmp_path):
    cache = Cache(tmp_path)

    def full(out) -> None:
        out.write(b"half")
        raise OSError(28, "No space left on device")
    with pytest.raises(OSError, match="No space left"):
        cache.put_folder("d", "a" * 64, {"f": full}, file_digest)
    assert list(cache.path("d", "a" * 64).parent.iterdir()) == []  # the half-written folder is gone

    def broken(out) -> None:
        raise RuntimeError("a writer's own error")
    with pytest.raises(RuntimeError, match="own error"):
        cache.put_folder("d", "a" * 64, {"f": broken}, file_digest)
    assert list(cache.path("d", "a" * 64).parent.iterdir()) == []
    written = cache.put_folder("d", "b" * 64, {"f": lambda out: out.write(b"f")}, file_digest)
    # another build wrote the entry (its index is there): the failure of this one does not matter
    assert cache.put_folder("d", "b" * 64, {"f": full}, file_digest) == written
    assert written["f"].read_bytes() == b"f"


def test_a_discarded_folder_entry_is_removed(tmp_path):
    cache = Cache(tmp_path)
    files = cache.put_folder("d", "a" * 64, {"f": lambda out: out.write(b"f")}, file_digest)
    files["f"].write_bytes(b"changed")
    assert cache.folder("d", "a" * 64, file_digest) is None
    assert not cache.path("d", "a" * 64).exists() and cache.stats == CacheStats(0, 0, 1)
    cache.path("d", "b" * 64).parent.mkdir(parents=True, exist_ok=True)
    cache.path("d", "b" * 64).write_bytes(b"a file where a folder should be")
    assert cache.folder("d", "b" * 64, file_digest) is None
    assert not cache.path("d", "b" * 64).exists() and cache.stats == CacheStats(0, 0, 2)


def test_finishing_a_build_without_a_cache_folder_does_nothing(tmp_path):
    assert Cache(None).finish_build(time.time()) == 0
    assert Cache(tmp_path / "absent").finish_build(time.time()) == 0
    assert not (tmp_path / "absent").exists()


def test_the_first_build_prunes_nothing_however_old(tmp_path):
    cache = Cache(tmp_path)
    cache.put("ns", "a" * 64, b"a")
    os.utime(cache.path("ns", "a" * 64), ns=(0, 500_000_000))  # last used half a second after the epoch
    assert cache.finish_build(time.time()) == 0
    assert cache.get("ns", "a" * 64) == b"a"


def test_an_unreadable_record_of_builds_counts_as_none(tmp_path):
    cache = Cache(tmp_path)
    for text in ("3", "{", '{"a": 1}', '["x", 5, 2.5]'):
        (tmp_path / "builds.json").write_text(text, "utf-8")
        assert cache._builds() == ([5.0, 2.5] if text.startswith("[") else [])
    assert cache.finish_build(1_000_000_000.0) == 0
    assert (tmp_path / "builds.json").read_text("utf-8") == "[5.0, 1000000000.0]"


def test_pruning_keeps_an_entry_used_exactly_when_the_previous_build_started(tmp_path):
    cache = Cache(tmp_path)
    previous = 1_000_000_000
    for name, used in (("a", previous), ("b", previous - 1), ("c", previous - 2)):
        cache.put("charts", name * 64, name.encode())
        os.utime(cache.path("charts", name * 64), ns=(used * 10**9, used * 10**9))
    assert cache.finish_build(float(previous)) == 0
    assert cache.finish_build(float(previous + 100)) == 2
    assert [cache.path("charts", n * 64).exists() for n in "abc"] == [True, False, False]


def test_leftovers_are_removed_after_an_hour_only(tmp_path):
    cache = Cache(tmp_path)
    cache.put("charts", "a" * 64, b"a")
    shard = cache.path("charts", "a" * 64).parent
    now = time.time()
    fresh, old, older = f".{'b' * 64}.png.tmp", f".{'c' * 64}.tmp", f".{'d' * 64}.png.123"
    for name, age in ((fresh, 10), (".tmp-writing", 0), (old, 3600.5), (".tmp-old", 7200),
                      (older, 4000), ("visible.tmp", 7200)):
        (shard / name).write_bytes(b"half")
        os.utime(shard / name, (now - age, now - age))
    assert cache.finish_build(now - 86400) == 3
    assert sorted(p.name for p in shard.iterdir()) == [fresh, ".tmp-writing", "a" * 64, "visible.tmp"]


def test_pruning_never_follows_a_link_out_of_the_cache(tmp_path):
    """A link inside the cache (a namespace, a shard or an entry that points elsewhere) is never followed by the
    pruning: an old file it leads to is not the cache's to delete. A stale link itself goes, as any entry."""
    cache, outside = Cache(tmp_path / "cache"), tmp_path / "outside"
    cache.put("charts", "a" * 64, b"a")
    (outside / "shard").mkdir(parents=True)
    old = outside / "shard" / ("b" * 64)
    old.write_bytes(b"not the cache's")
    os.utime(old, (1_000_000, 1_000_000))
    (tmp_path / "cache" / "linked-ns").symlink_to(outside, target_is_directory=True)
    (cache.path("charts", "a" * 64).parent / "linked-shard").symlink_to(outside / "shard", target_is_directory=True)
    entry_link = cache.path("charts", "a" * 64).parent / ("aa" + "c" * 62)
    entry_link.symlink_to(old)
    os.utime(entry_link, (1_000_000, 1_000_000), follow_symlinks=False)
    now = time.time()
    cache.finish_build(now - 10)
    assert cache.finish_build(now) == 1  # the stale link in the shard, not what it leads to
    assert old.read_bytes() == b"not the cache's" and not entry_link.is_symlink()
    assert cache.path("charts", "a" * 64).exists()  # used by this build


def test_a_missing_file_s_digest_is_missing(tmp_path):
    assert file_digest(tmp_path / "absent") == "missing"
    assert file_digest(tmp_path) == "missing"  # a folder is not a file


def test_a_file_digest_follows_a_change_of_size_or_of_modification_time(tmp_path):
    path = tmp_path / "f"
    path.write_bytes(b"one")
    stamp = path.stat().st_mtime_ns
    assert file_digest(path) == hashlib.sha256(b"one").hexdigest()
    path.write_bytes(b"three")
    os.utime(path, ns=(stamp, stamp))  # the same time, another size
    assert file_digest(path) == hashlib.sha256(b"three").hexdigest()
    path.write_bytes(b"THREE")
    os.utime(path, ns=(stamp + 10**9, stamp + 10**9))  # the same size, another time
    assert file_digest(path) == hashlib.sha256(b"THREE").hexdigest()


def test_a_package_is_a_module_through_its_init_file():
    assert _module_file("generator.core") == GENERATOR_DIR / "core" / "__init__.py"
    assert _module_file("generator.core.cache") == GENERATOR_DIR / "core" / "cache.py"
    assert _module_file("generator.nothing") is None
    assert code_modules("generator.nothing") == frozenset()
    assert "generator.core" in code_modules("generator.core")


# core/page_cache.py ------------------------------------------------------------------------------------------


def test_a_build_signature_hashes_the_code_the_configs_the_overrides_and_the_context(tmp_path):
    (tmp_path / "mkdocs.yml").write_bytes(b"site_name: A\n")
    (tmp_path / "mkdocs.en.yaml").write_bytes(b"site_name: B\n")
    (tmp_path / "other.yml").write_bytes(b"not a config")
    overrides = tmp_path / "docs" / "overrides"
    (overrides / "partials").mkdir(parents=True)
    (overrides / "main.html").write_bytes(b"<main>")
    (overrides / "partials" / "footer.html").write_bytes(b"<footer>")
    context = {"lang": "vi", "day": date(2026, 11, 26), "nav": ["a.md"]}
    expected = hashlib.sha256(b"code")
    expected.update(b"mkdocs.en.yaml\0" + hashlib.sha256(b"site_name: B\n").digest())
    expected.update(b"mkdocs.yml\0" + hashlib.sha256(b"site_name: A\n").digest())
    expected.update(b"main.html\0<main>")
    expected.update(b"partials/footer.html\0<footer>")
    expected.update(b'{"day": "2026-11-26", "lang": "vi", "nav": ["a.md"]}')
    assert page_cache.signature(tmp_path, context, "code") == expected.hexdigest()
    (tmp_path / "docs" / "overrides").rename(tmp_path / "docs" / "elsewhere")
    expected = hashlib.sha256(b"code")
    expected.update(b"mkdocs.en.yaml\0" + hashlib.sha256(b"site_name: B\n").digest())
    expected.update(b"mkdocs.yml\0" + hashlib.sha256(b"site_name: A\n").digest())
    expected.update(b"{}")
    assert page_cache.signature(tmp_path, {}, "code") == expected.hexdigest()


def test_a_page_key_is_a_cache_key_of_the_signature_the_page_and_its_text():
    assert page_cache.key("sig", "a/index.md", "# A") == Cache.key(
        PAGES, ["sig", "a/index.md", "# A"], code_digest("generator.core.page_cache"))


def test_a_page_is_cached_when_both_its_html_and_its_search_entries_are(tmp_path):
    cache = Cache(tmp_path)
    pages = PageCache(cache)
    assert pages.cache is cache
    assert not pages.has("k")
    pages.put_html("k", "<p>Sở</p>".encode())
    assert not pages.has("k")
    assert zlib.decompress(cache.get(PAGES, "k.html")) == "<p>Sở</p>".encode()
    assert pages.html("k") == "<p>Sở</p>".encode()
    pages.put_search("k", [{"title": "Sở", "location": "a/"}])
    assert cache.get(PAGES, "k.search") == '[{"title": "Sở", "location": "a/"}]'.encode()
    assert pages.has("k") and pages.search("k") == [{"title": "Sở", "location": "a/"}]
    pages.put_search("s", [])
    assert not pages.has("s") and pages.search("s") == []


def test_a_page_that_left_the_cache_is_a_lookup_error(tmp_path):
    pages = PageCache(Cache(tmp_path))
    with pytest.raises(LookupError, match="page k left the cache during the build"):
        pages.html("k")
    with pytest.raises(LookupError, match="page k left the cache during the build"):
        pages.search("k")
    pages.cache.put_json(PAGES, "d.search", {"title": "not a list"})
    with pytest.raises(LookupError, match="page d left the cache"):
        pages.search("d")


# core/build_stamp.py -----------------------------------------------------------------------------------------


def touch(path: Path, data: bytes = b"x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_the_files_of_a_folder_leave_out_tools_folders_old_sites_and_the_skipped_folders(tmp_path):
    for name in (".git/HEAD", ".cache/c", "__pycache__/m.pyc", "node_modules/p/i.js", ".pytest_cache/v",
                 ".ruff_cache/v", ".site-old/index.html", ".site/index.html", "site/index.html", "b/z.txt",
                 "b/a.txt", "a.txt", ".env", "b/c/d.txt", "keep/.git-like"):
        touch(tmp_path / name)
    found = _files(tmp_path, ((tmp_path / "site").resolve(),))
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        ".env", "a.txt", "b/a.txt", "b/z.txt", "b/c/d.txt", "keep/.git-like"]


def test_a_folder_is_digested_by_its_files_names_and_bytes(tmp_path):
    touch(tmp_path / "b" / "x.csv", b"1,2")
    touch(tmp_path / "a.yml", b"a: 1")
    touch(tmp_path / "out" / "index.html", b"skipped")
    digest = hashlib.sha256()
    digest_files(digest, tmp_path, ((tmp_path / "out").resolve(),))
    expected = hashlib.sha256(b"a.yml\0" + hashlib.sha256(b"a: 1").hexdigest().encode() + b"b/x.csv\0"
                              + hashlib.sha256(b"1,2").hexdigest().encode())
    assert digest.hexdigest() == expected.hexdigest()
    # an edit of the same size in the same process (whose digests of unchanged files are memoised) is seen by
    # its modification time (set apart explicitly: two writes may share a clock tick)
    before = (tmp_path / "b" / "x.csv").stat().st_mtime_ns
    touch(tmp_path / "b" / "x.csv", b"1,3")
    os.utime(tmp_path / "b" / "x.csv", ns=(before + 10**9, before + 10**9))
    again = hashlib.sha256()
    digest_files(again, tmp_path, ((tmp_path / "out").resolve(),))
    assert again.hexdigest() == hashlib.sha256(b"a.yml\0" + hashlib.sha256(b"a: 1").hexdigest().encode()
                                               + b"b/x.csv\0" + hashlib.sha256(b"1,3").hexdigest().encode()).hexdigest()


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=folder, check=True,
                          capture_output=True, text=True).stdout.strip()


def test_the_git_commit_of_the_datasets_or_nothing(tmp_path):
    repo = tmp_path / "repo"
    touch(repo / "a.csv")
    git(repo, "init", "-q")
    assert _git_head(repo) == ""  # no commit yet
    git(repo, "add", "a.csv")
    git(repo, "commit", "-q", "-m", "a")
    assert _git_head(repo) == git(repo, "rev-parse", "HEAD") and len(_git_head(repo)) == 40
    assert _git_head(tmp_path / "absent") == ""


def test_the_environment_variables_the_configs_read(tmp_path, monkeypatch):
    monkeypatch.setenv("MB_REPO_URL", "https://example.org/repo")
    monkeypatch.delenv("MB_EDIT_URI", raising=False)
    monkeypatch.setenv("MB_FALLBACK", "")
    one = touch(tmp_path / "mkdocs.yml", b"repo_url: !ENV MB_REPO_URL\nedit_uri: !ENV [MB_EDIT_URI, MB_FALLBACK]\n"
                                          b"site_name: \xff !ENV\n")
    two = touch(tmp_path / "mkdocs.en.yml", b"INHERIT: mkdocs.yml\nrepo_url: !ENV   MB_REPO_URL\n")
    assert config_environment([one, two]) == {"MB_EDIT_URI": None, "MB_FALLBACK": "", "MB_REPO_URL":
                                              "https://example.org/repo"}
    assert list(config_environment([one])) == ["MB_EDIT_URI", "MB_FALLBACK", "MB_REPO_URL"]
    assert config_environment([two]) == {"MB_REPO_URL": "https://example.org/repo"}


def test_the_inputs_of_a_build_are_the_project_the_datasets_the_code_and_the_options(tmp_path):
    project, data = tmp_path / "project", tmp_path / "data"
    touch(project / "mkdocs.yml", b"site_name: A")
    touch(project / "site" / "index.html", b"the output")
    touch(project / "store" / "entry", b"the cache")
    touch(data / "p" / "a.csv", b"1")
    git(data, "init", "-q")
    git(data, "add", "p/a.csv")
    git(data, "commit", "-q", "-m", "a")  # the change log reads the datasets' history: their commit is an input
    settings = settings_for(data, cache_dir=project / "store", site_url="https://x.org/", max_file_bytes=7)
    expected = hashlib.sha256()
    expected.update(f"\0{project.resolve()}\0".encode() + b"mkdocs.yml\0"
                    + hashlib.sha256(b"site_name: A").hexdigest().encode())
    expected.update(f"\0{data.resolve()}\0".encode() + b"p/a.csv\0" + hashlib.sha256(b"1").hexdigest().encode())
    expected.update(package_digest().encode())
    expected.update(b'{"build_date": "2026-11-26", "config": "' + str(project / "mkdocs.yml").encode()
                    + b'", "git": "' + git(data, "rev-parse", "HEAD").encode()
                    + b'", "installed": "' + installed().encode()
                    + b'", "max_file_bytes": 7, "site_url": "https://x.org/", "strict": true}')
    options = {"strict": True, "config": project / "mkdocs.yml"}
    assert inputs_digest(settings, project, project / "site", options) == expected.hexdigest()


def test_an_output_is_digested_by_its_files_names_sizes_and_times(tmp_path):
    out = tmp_path / "site"
    touch(out / "index.html", b"<html>")
    touch(out / "a" / "b.css", b"x{}")
    os.utime(out / "index.html", ns=(5, 1_000_000_123))
    os.utime(out / "a" / "b.css", ns=(5, 2_000_000_456))
    assert output_digest(out) == hashlib.sha256(b"a/b.css\x003\x002000000456\nindex.html\x006\x001000000123\n"
                                                ).hexdigest()  # in the order of names, folders among files
    assert output_digest(tmp_path / "absent") == hashlib.sha256().hexdigest()


def test_a_stamp_is_up_to_date_with_the_same_inputs_and_an_untouched_output(tmp_path, monkeypatch):
    cache = Cache(tmp_path / "cache")
    stamp = BuildStamp(cache)
    assert stamp.cache is cache
    out = touch(tmp_path / "site" / "index.html").parent
    assert not stamp.up_to_date(out, "inputs")
    stamp.record(out, "inputs")
    key = Cache.key(STAMPS, str(out.resolve()), "")
    assert cache.get_json(STAMPS, key) == {"inputs": "inputs", "output": output_digest(out)}
    assert stamp.up_to_date(out, "inputs")
    monkeypatch.chdir(tmp_path)
    assert stamp.up_to_date(Path("site"), "inputs")  # the same folder, named relatively
    assert not stamp.up_to_date(out, "other inputs")
    assert not stamp.up_to_date(tmp_path / "elsewhere", "inputs")
    touch(out / "new.html")
    assert not stamp.up_to_date(out, "inputs")
    cache.put_json(STAMPS, key, ["inputs", output_digest(out)])
    assert not stamp.up_to_date(out, "inputs")


def test_installed_versions_are_read_from_the_names_of_metadata_folders_on_the_import_path(tmp_path, monkeypatch):
    """core/cache.py ``installed_versions``: what ``tool_versions`` puts into the keys of charts, pages and units,
    and the build stamp into its inputs. The versions importlib.metadata reads from each distribution's metadata,
    from the folder names alone; names compared as PEP 503 does; the first folder on the path wins, as for
    imports; a folder without a version is not a version."""
    from importlib.metadata import version

    from generator.core.cache import installed_versions

    found = installed_versions()
    for name in ("mkdocs", "mkdocs-material", "matplotlib", "pillow", "pymdown-extensions", "pyyaml"):
        assert found[name] == version(name), name
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, names in ((first, ["Fake_Dist-1.2.dist-info", "other.name-0.1-py3.11.egg-info", "bare.egg-info"]),
                          (second, ["fake.dist-9.9.dist-info"])):
        for name in names:
            (folder / name).mkdir(parents=True)
    monkeypatch.syspath_prepend(str(second))
    monkeypatch.syspath_prepend(str(first))
    found = installed_versions()
    assert (found["fake-dist"], found["other-name"], "bare" in found) == ("1.2", "0.1", False)
