"""Frictionless runs again only for resources whose inputs changed."""

import frictionless
import pytest
from conftest import Package, Resource, settings_for, write

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
