"""Frictionless runs again only for resources whose inputs changed."""

import frictionless
import pytest
from conftest import settings_for, write

from generator import pipeline

DESCRIPTOR = """
name: p
resources:
  - name: a
    path: a.csv
    schema:
      fields: [{name: id, type: integer}]
      primaryKey: [id]
  - name: b
    path: b.csv
    schema:
      fields: [{name: id, type: integer}, {name: a_id, type: integer}]
      foreignKeys: [{fields: a_id, reference: {resource: a, fields: id}}]
  - name: c
    path: c.csv
    schema:
      fields: [{name: x, type: string}]
"""


@pytest.fixture
def datasets(tmp_path):
    root = tmp_path / "datasets"
    write(root / "p" / "datapackage.yaml", DESCRIPTOR)
    write(root / "p" / "a.csv", "id\n1\n2\n")
    write(root / "p" / "b.csv", "id,a_id\n1,1\n2,2\n")
    write(root / "p" / "c.csv", "x\nfoo\n")
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
