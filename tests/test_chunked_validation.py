"""Large tables are validated in chunks (core/checks/chunked.py): the problems must be exactly those
Frictionless finds validating the whole file, and an edit must re-validate only the chunk it touched."""

import pytest
from conftest import Package, Resource, settings_for

from generator.core.checks import chunked as chunked_validation
from generator.core.datasets import load_datasets
from generator.core.read.records import Dialect

KINDS = Resource("kinds", ("kind:string",), rows="a\nb\n", path="data/kinds.csv", schema_extra="primaryKey: [kind]")
BIG_FIELDS = ("id:integer", "kind:string", "{name: value, type: number, constraints: {minimum: 0}}",
              "{name: code, type: string, constraints: {unique: true}}", "parent:integer", "note:string")
BIG_KEYS = """
    primaryKey: [id, kind]
    foreignKeys:
    - {fields: [kind], reference: {resource: kinds, fields: [kind]}}
    - {fields: [parent], reference: {resource: "", fields: [id]}}
    """
LICENSE = 'licenses: [{name: CC-BY-4.0, path: "https://creativecommons.org/licenses/by/4.0/", title: CC BY 4.0}]'


def big_rows(count: int) -> str:
    """The records of big.csv after its header (the factory writes the header from the fields)."""
    records = {n: f"{n},{'ab'[n % 2]},{n / 10},c{n},{max(1, n - 1)}," for n in range(1, count + 1)}
    # Problems scattered over several chunks, including a few that need the whole table to see.
    records[30] = "30,a,-1,c30,29,"  # below the minimum
    records[75] = "75,b,x,c75,74,"  # not a number
    records[120] = "12,a,1.2,c120,11,"  # duplicate primary key (row 13 is 12,a... in another chunk)
    records[160] = "160,z,16,c160,159,"  # kind not in kinds
    records[190] = "190,a,19,c5,189,"  # code not unique (c5 in the first chunk)
    records[220] = "220,b,22,c220,9999,"  # parent not an id of this table
    records[240] = ""  # a blank row
    records[260] = '260,a,26,c260,259,"a note\nover two lines"'  # a record spanning lines
    records[280] = "280,b,28,c280,279,,extra"  # an extra cell
    return "\n".join(records.values()) + "\n"


@pytest.fixture
def package(tmp_path):
    datasets = tmp_path / "datasets"
    big = Resource("big", BIG_FIELDS, rows=big_rows(300), path="data/big.csv", schema_extra=BIG_KEYS)
    Package("lon", (KINDS, big), f"title: Bảng lớn\n{LICENSE}").write(datasets)
    return datasets


def problems(datasets, monkeypatch, chunk_rows: int, jobs: int = 1) -> list[tuple]:
    monkeypatch.setattr(chunked_validation, "CHUNK_ROWS", chunk_rows)
    found = load_datasets(settings_for(datasets, cache_validation=False, jobs=jobs)).problems
    return sorted((p.code, p.path, p.line, p.column, p.field, p.params) for p in found)


def test_chunks_find_exactly_what_whole_file_validation_finds(package, monkeypatch):
    whole = problems(package, monkeypatch, chunk_rows=10_000)
    codes = {p[0] for p in whole}
    assert {"constraint-error", "type-error", "primary-key", "foreign-key", "unique-error", "blank-row",
            "extra-cell"} <= codes, codes
    assert problems(package, monkeypatch, chunk_rows=50) == whole
    assert problems(package, monkeypatch, chunk_rows=64, jobs=2) == whole


def test_an_edit_revalidates_only_its_chunk(package, monkeypatch, tmp_path):
    monkeypatch.setattr(chunked_validation, "CHUNK_ROWS", 50)
    calls = []
    original = chunked_validation.validate_chunk
    monkeypatch.setattr(chunked_validation, "validate_chunk",
                        lambda *args: calls.append(args[3]) or original(*args))
    settings = settings_for(package, cache_dir=tmp_path / "cache", jobs=1)
    load_datasets(settings)
    assert calls == [0, 50, 100, 150, 200, 250]  # 300 records after the header, 50 a chunk
    calls.clear()
    path = package / "lon" / "data" / "big.csv"
    before = path.read_text("utf-8")
    path.write_text(before.replace("\n100,a,10.0,", "\n100,a,10.5,"), "utf-8")
    assert path.read_text("utf-8") != before
    edited = load_datasets(settings).problems
    assert calls == [50]  # records 51-100: the second chunk only
    assert sorted((p.code, p.line) for p in edited) == sorted(
        (p.code, p.line) for p in load_datasets(settings_for(package, cache_validation=False, jobs=1)).problems)


def test_a_wrong_header_is_reported_once_and_the_key_checks_still_run(package, monkeypatch):
    path = package / "lon" / "data" / "big.csv"
    path.write_text(path.read_text("utf-8").replace("parent,note", "parent,notes", 1), "utf-8")
    whole = problems(package, monkeypatch, chunk_rows=10_000)
    assert [p[0] for p in whole].count("incorrect-label") == 1 and "primary-key" in {p[0] for p in whole}
    assert problems(package, monkeypatch, chunk_rows=50) == whole


def test_the_table_wide_checks_run_again_only_when_a_key_or_a_target_changes(package, monkeypatch, tmp_path):
    """Their verdict is cached by the key cells and what the targets are read from: an edit of a value takes it
    from the cache; an edited key, a target's rows or a target's schema (how its keys are typed) check again,
    and every time the problems are those of a validation without any cache."""
    from dataclasses import replace

    monkeypatch.setattr(chunked_validation, "CHUNK_ROWS", 50)
    runs = []
    original = chunked_validation.Integrity.errors
    monkeypatch.setattr(chunked_validation.Integrity, "errors", lambda self: runs.append(1) or original(self))
    settings = settings_for(package, cache_dir=tmp_path / "cache", jobs=1)
    big = package / "lon" / "data" / "big.csv"

    def found(run_settings):
        return sorted((p.code, p.line, p.field) for p in load_datasets(run_settings).problems)

    def check(edit, checks_again: bool):
        edit()
        runs.clear()
        cached = found(settings)
        assert len(runs) == (1 if checks_again else 0)
        assert cached == found(replace(settings, cache_validation=False))
        return cached

    found(settings)
    check(lambda: big.write_text(big.read_text("utf-8").replace("\n100,a,10.0,", "\n100,a,10.5,"), "utf-8"), False)
    duplicate = check(lambda: big.write_text(big.read_text("utf-8").replace(",c100,", ",c99,"), "utf-8"), True)
    assert ("unique-error", 101, "code") in duplicate
    kinds = package / "lon" / "data" / "kinds.csv"
    check(lambda: kinds.write_text("kind\na\n", "utf-8"), True)
    kinds.write_text("kind\na\nb\n", "utf-8")
    found(settings)
    # "b" becomes a missing value in the target's schema only: every row of kind b loses its target
    missing = Resource("kinds", ("kind:string",), rows="a\nb\n", path="data/kinds.csv",
                       schema_extra='primaryKey: [kind]\nmissingValues: ["", b]')
    text = big.read_text("utf-8")
    rewritten = check(lambda: Package("lon", (missing, Resource("big", BIG_FIELDS, rows=text.split("\n", 1)[1],
                                                                path="data/big.csv", schema_extra=BIG_KEYS)),
                                      f"title: Bảng lớn\n{LICENSE}").write(package), True)
    assert len([p for p in rewritten if p[0] == "foreign-key"]) > 100


@pytest.mark.parametrize(("keep", "expected"), [
    ([2], [("c",), ("3",), ("",), ("",)]),
    ([0, 2], [("a", "c"), ("1", "3"), ("4", ""), ("5", "")]),
    ([1, 0], [("b", "a"), ("2", "1"), ("", "4"), ("6", "5")]),
    ([], [(), (), (), ()]),
])
def test_the_cells_kept_for_the_table_wide_checks_are_those_asked_for_and_blank_past_a_short_record(keep, expected):
    """chunked.split keeps, of every record, the cells the table-wide checks read; a record shorter than a kept
    position has "" there, as Frictionless reads a missing cell."""
    chunks, records = chunked_validation.split(b"a,b,c\n1,2,3\n4\n5,6\n", Dialect(), keep)
    assert records == expected and [chunk.offset for chunk in chunks] == [0]
