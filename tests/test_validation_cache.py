"""Frictionless runs again only for resources whose inputs changed."""

import frictionless
import pytest
from conftest import Package, Resource, make_project, settings_for, write

from generator import pipeline

PACKAGE = Package("p", (
    Resource("a", ("id:integer",), rows="1\n2\n", schema_extra="primaryKey: [id]"),
    Resource("b", ("id:integer", "a_id:integer"), rows="1,1\n2,2\n",
             schema_extra="foreignKeys: [{fields: a_id, reference: {resource: a, fields: id}}]"),
    Resource("c", ("x:string",), rows="foo\n"),
))


@pytest.fixture
def datasets(tmp_path):
    root = tmp_path / "datasets"
    PACKAGE.write(root)
    return root


@pytest.fixture
def validated(monkeypatch):
    """The names of the resources Frictionless really validates (a spy around the real method)."""
    names = []
    real = frictionless.Resource.validate

    def spy(self, *args, **kwargs):
        names.append(self.name)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(frictionless.Resource, "validate", spy)
    return names


def test_unchanged_resources_are_not_validated_again(datasets, validated):
    settings = settings_for(datasets)
    assert pipeline.check(settings).problems == []
    assert sorted(validated) == ["a", "b", "c"]
    validated.clear()
    assert pipeline.check(settings).problems == []
    assert validated == []


def test_a_change_revalidates_the_resource_and_those_whose_keys_point_at_it(datasets, validated):
    settings = settings_for(datasets)
    pipeline.check(settings)
    validated.clear()
    write(datasets / "p" / "a.csv", "id\n1\n")  # b's row 2 now points at nothing
    problems = pipeline.check(settings).problems
    assert sorted(validated) == ["a", "b"]
    assert [(p.code, p.path.endswith("b.csv"), p.line) for p in problems] == [("foreign-key", True, 3)]
    validated.clear()
    assert [p.code for p in pipeline.check(settings).problems] == ["foreign-key"]  # remembered, not re-run
    assert validated == []


# -- a problem in the descriptor, placed again where its key is now --------------------------------------------

INLINE = ('{"name": "p",\n "resources": [\n  {"name": "t",\n   "data": [["id"], [1], ["x"]],\n'
          '   "schema": {"fields": [{"name": "id", "type": "integer"}]}}\n ]}\n')


def bad_item(text: str) -> str:
    """Where the bad inline item "x" is in ``text``: line and column."""
    before = text[:text.index('"x"')]
    return f"{before.count(chr(10)) + 1}:{len(before) - before.rfind(chr(10))}"


def test_a_cached_verdict_places_its_descriptor_problems_where_their_keys_are_now(tmp_path, validated):
    """A resource's verdict is cached under its own descriptor and files, not where it sits in the descriptor:
    three keys added above it, its inline row's error kept line 4 (by then the version's line); the descriptor
    on one line, a package's verdict kept lines that did not exist."""
    descriptor = tmp_path / "datasets" / "p" / "datapackage.json"
    settings = settings_for(tmp_path / "datasets")

    def where(text: str) -> list[tuple[str, str]]:
        write(descriptor, text)
        return [(p.code, p.location()) for p in pipeline.check(settings).problems]

    assert where(INLINE) == [("type-error", "datasets/p/datapackage.json:4:27")]
    validated.clear()
    above = INLINE.replace('"p",\n', '"p",\n "title": "A title",\n "description": "Một mô tả",\n "version": "1.0.0",\n')
    assert where(above) == [("type-error", "datasets/p/datapackage.json:7:27")] and bad_item(above) == "7:27"
    assert validated == []  # t's verdict came from the cache, placed again
    one_line = above.replace("\n", "") + "\n"  # the same descriptor, so the same package verdict's inputs but these
    assert where(one_line) == [("type-error", f"datasets/p/datapackage.json:{bad_item(one_line)}")]
    another_first = one_line.replace('"resources": [', '"resources": [{"name": "a", "data": [["id"], [1]]},\n')
    assert where(another_first) == [("type-error", f"datasets/p/datapackage.json:{bad_item(another_first)}")]
    assert validated == ["a"]  # t, now the second resource, still from the cache


# -- session files ---------------------------------------------------------------------------------------------


@pytest.fixture
def sessions_read(monkeypatch):
    """The session files really parsed (a spy around the real reader): the others came from the disk cache."""
    from generator.supervision import records

    names = []
    real = records.read_session

    def spy(path, codes, settings):
        names.append(path.name)
        return real(path, codes, settings)

    monkeypatch.setattr(records, "read_session", spy)
    return names


def two_sessions(project):
    """The fixture project, with a second session file (a copy of the first under another id)."""
    make_project(project / "datasets")
    first = project / "datasets" / "giam-sat" / "sessions" / "2024-06-11-test.yaml"
    second = first.with_name("2024-06-12-test.yaml")
    second.write_text(first.read_text("utf-8").replace("GS-2024-06-11-TEST", "GS-2024-06-12-TEST"), "utf-8")


def read_all(project, **options):
    from generator.core.datasets import load_datasets
    from generator.core.settings import Settings
    from generator.supervision.load import code_lists
    from generator.supervision.records import read_sessions, record_files

    settings = Settings(project / "datasets", root=project, cache_dir=project / "cache", **options)
    codes = code_lists(load_datasets(settings))
    files = record_files(project / "datasets" / "giam-sat", "sessions/*.yaml")
    return files, codes, settings, read_sessions(files, codes, settings)


def test_a_session_file_is_parsed_again_only_when_what_it_depends_on_changes(tmp_path, sessions_read):
    from dataclasses import replace
    from datetime import date

    from generator.supervision.records import read_sessions

    two_sessions(tmp_path)
    files, codes, settings, first = read_all(tmp_path)
    assert len(sessions_read) == len(files) == 2 and len(first[0]) == 2
    sessions_read.clear()
    assert read_sessions(files, codes, settings) == first  # every file from the cache, the same sessions
    assert sessions_read == []
    files[0].write_text(files[0].read_text("utf-8") + "\n# một ghi chú / a comment\n", "utf-8")
    assert read_sessions(files, codes, settings)[0] == first[0]
    assert sessions_read == [files[0].name]  # its bytes changed: that file only
    sessions_read.clear()
    named = sorted({code for session in first[0] for code in session.agencies})
    again = read_sessions(files, replace(codes, agencies=codes.agencies - {named[0]}), settings)
    assert sorted(sessions_read) == sorted(f.name for f in files)  # the code lists changed: every file
    assert any(p.is_error and named[0] in str(p.params) for p in again[1])
    sessions_read.clear()
    earlier = replace(settings, build_date=date(2000, 1, 1))  # every session now lies in the future
    assert any(p.is_error for p in read_sessions(files, codes, earlier)[1])
    assert len(sessions_read) == len(files)


def test_a_session_file_s_problems_come_back_from_the_cache(tmp_path, sessions_read):
    from generator.supervision.records import read_sessions

    two_sessions(tmp_path)
    files, codes, settings, _ = read_all(tmp_path)
    files[0].write_text(files[0].read_text("utf-8").replace("date:", "date: 2024-13-45\nx_date:", 1), "utf-8")
    sessions_read.clear()
    first = read_sessions(files, codes, settings)
    assert sessions_read == [files[0].name] and [p for p in first[1] if p.is_error]
    sessions_read.clear()
    assert read_sessions(files, codes, settings) == first and sessions_read == []


def test_a_damaged_or_switched_off_session_cache_parses_again(tmp_path, sessions_read):
    from dataclasses import replace

    from generator.supervision.records import SESSION_FILES, read_sessions

    two_sessions(tmp_path)
    files, codes, settings, first = read_all(tmp_path)
    entries = sorted((tmp_path / "cache" / SESSION_FILES).rglob("*"))
    entries = [e for e in entries if e.is_file()]
    assert len(entries) == len(files)
    entries[0].write_bytes(entries[0].read_bytes()[:-3] + b"xyz")  # fails its checksum
    sessions_read.clear()
    assert read_sessions(files, codes, settings) == first and len(sessions_read) == 1
    sessions_read.clear()
    assert read_sessions(files, codes, replace(settings, cache_validation=False)) == first
    assert len(sessions_read) == len(files)
