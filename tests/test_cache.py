"""The one cache layer (core/cache.py): keys follow inputs and code, entries check themselves, one pruning
rule, one lock."""

from __future__ import annotations

import os
import threading
import time

import pytest

from generator.core.cache import Cache, code_digest, code_modules, file_digest


def test_a_key_changes_with_the_inputs_the_namespace_and_the_code():
    base = Cache.key("charts", {"a": 1}, "code-1")
    assert base == Cache.key("charts", {"a": 1}, "code-1")
    assert len({base, Cache.key("charts", {"a": 2}, "code-1"), Cache.key("pages", {"a": 1}, "code-1"),
                Cache.key("charts", {"a": 1}, "code-2")}) == 4


def test_code_digests_follow_the_imports_of_a_module():
    drawing = code_modules("generator.core.charts.draw")
    assert {"generator.core.charts.draw", "generator.core.charts.spec"} <= drawing
    assert "generator.core.checks.validate" not in drawing  # drawing does not depend on validation
    assert "generator.core.checks.offline" in code_modules("generator.core.checks.validate")
    assert code_digest("generator.core.charts.draw") != code_digest("generator.core.charts.spec")


def test_a_blob_round_trips_and_misses_when_absent(tmp_path):
    cache = Cache(tmp_path)
    assert cache.get("ns", "k" * 64) is None
    cache.put("ns", "k" * 64, b"payload")
    assert cache.get("ns", "k" * 64) == b"payload"
    assert (cache.stats.hits, cache.stats.misses, cache.stats.discarded) == (1, 1, 0)


@pytest.mark.parametrize("damage", [
    lambda data: b"garbage",                       # overwritten
    lambda data: data[:-3],                        # truncated
    lambda data: data[:-1] + bytes([data[-1] ^ 1]),  # one bit flipped in the payload
    lambda data: b"",                              # emptied
])
def test_a_damaged_blob_is_discarded_never_returned(tmp_path, damage):
    cache = Cache(tmp_path)
    cache.put("ns", "k" * 64, b"the real payload")
    path = cache.path("ns", "k" * 64)
    path.write_bytes(damage(path.read_bytes()))
    assert cache.get("ns", "k" * 64) is None
    assert cache.stats.discarded == 1 and not path.exists()


def test_a_folder_entry_whose_file_changed_or_whose_index_is_missing_is_discarded(tmp_path):
    cache = Cache(tmp_path)
    files = cache.put_folder("d", "a" * 64, {"one": lambda out: out.write(b"1"), "two": lambda out: out.write(b"2")},
                             file_digest)
    assert cache.folder("d", "a" * 64, file_digest) == files
    files["two"].write_bytes(b"22")
    assert cache.folder("d", "a" * 64, file_digest) is None and cache.stats.discarded == 1
    files = cache.put_folder("d", "a" * 64, {"one": lambda out: out.write(b"1")}, file_digest)
    (files["one"].parent / "index.json").unlink()
    assert cache.folder("d", "a" * 64, file_digest) is None and cache.stats.discarded == 2


def test_pruning_keeps_what_this_build_or_the_previous_one_used(tmp_path):
    cache = Cache(tmp_path)
    now = time.time()
    for name, used_days_ago in (("a", 0), ("b", 1.5), ("c", 3)):
        cache.put("charts", name * 64, name.encode())
        old = now - used_days_ago * 86400
        os.utime(cache.path("charts", name * 64), (old, old))
    assert cache.finish_build(now - 4 * 86400) == 0  # the first build prunes nothing
    assert cache.finish_build(now - 2 * 86400) == 0  # c was used after the build before this one started
    assert cache.finish_build(now - 0.5) == 1  # now c was used by neither of the last two builds
    assert [cache.get("charts", n * 64) for n in "abc"] == [b"a", b"b", None]


def test_reading_an_entry_marks_it_used(tmp_path):
    cache = Cache(tmp_path)
    cache.put("ns", "a" * 64, b"a")
    old = time.time() - 86400
    os.utime(cache.path("ns", "a" * 64), (old, old))
    assert cache.get("ns", "a" * 64) == b"a"
    assert cache.path("ns", "a" * 64).stat().st_mtime > old + 3600


def test_keeping_an_entry_marks_it_used_without_reading_it(tmp_path):
    """``Cache.keep``: what a build relies on without reading it (a reused unit's whole output, a linked page's
    HTML) survives pruning as if it had been read; a missing entry, or no cache, is not kept."""
    cache = Cache(tmp_path)
    cache.put("charts", "a" * 64, b"a")
    cache.put("charts", "b" * 64, b"b")
    old = time.time() - 3 * 86400
    for name in "ab":
        os.utime(cache.path("charts", name * 64), (old, old))
    assert cache.keep("charts", "a" * 64) and cache.stats.hits == 0
    assert cache.path("charts", "a" * 64).stat().st_mtime > old + 3600
    assert not cache.keep("charts", "c" * 64) and not Cache(None).keep("charts", "a" * 64)
    assert cache.finish_build(time.time() - 120) == 0  # the first build prunes nothing
    assert cache.finish_build(time.time() - 60) == 1  # b, used by neither of the last two builds
    assert [cache.path("charts", n * 64).exists() for n in "ab"] == [True, False]


def test_leftovers_of_an_interrupted_write_are_removed(tmp_path):
    cache = Cache(tmp_path)
    cache.put("charts", "a" * 64, b"a")
    leftover = cache.path("charts", "a" * 64).with_name(f".{'a' * 64}.12345")
    leftover.write_bytes(b"half")
    old = time.time() - 7200
    os.utime(leftover, (old, old))
    assert cache.finish_build(time.time()) == 1 and not leftover.exists()


def test_a_second_build_waits_for_the_lock_or_is_told_it_is_held(tmp_path):
    cache = Cache(tmp_path)
    order = []

    def second_build() -> None:
        with Cache(tmp_path).exclusive() as held:
            order.append(("second", held))

    with cache.exclusive() as held:
        assert held
        with Cache(tmp_path).exclusive(wait=False) as second:
            assert second is False
        waiter = threading.Thread(target=second_build)
        waiter.start()
        order.append(("first", "releases"))
    waiter.join()
    assert order == [("first", "releases"), ("second", True)]


def test_no_folder_caches_nothing():
    cache = Cache(None)
    cache.put("ns", "a" * 64, b"a")
    assert cache.get("ns", "a" * 64) is None and cache.folder("d", "a" * 64, file_digest) is None
