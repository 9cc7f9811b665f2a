"""Descriptors with values of the wrong type (the hostile-input audit, findings 7, 10, 11, 12, 14 and 15): each is a
problem at its file and line, with a hint, never a crash (exit 2) nor a check left out in silence."""

from __future__ import annotations

from pathlib import Path

import frictionless
import pytest
from conftest import Package, Resource, settings_for, write

from generator import pipeline
from generator.cli import main
from generator.core.datasets import ROLES
from generator.directory.model import AGENCIES, DOCUMENTS, SOURCES
from generator.indicators.model import INDICATORS_ROLE, INDICES_ROLE
from generator.supervision.load import ROLE as SUPERVISION_ROLE

T = Resource("t", ("id:integer", "day:date", "name:string", "value:number"),
             rows="1,2024-01-01,a,1\n2,2024-02-01,b,2\n3,2024-03-01,c,3\n")
P = Package("p", (T,), "title: Test package\nlicenses: [{name: CC-BY-4.0}]")


def found(datasets: Path) -> list[tuple[str, str, int | None, str | None, str]]:
    """(code, file, line, field, key or value) of every problem, as ``minhbach validate`` finds them."""
    problems = pipeline.check(settings_for(datasets, cache_validation=False)).problems
    return [(p.code, p.path.rsplit("/", 1)[-1], p.line, p.field,
             p.params_dict().get("key") or p.params_dict().get("value", "")) for p in problems]


def edited(root: Path, old: str, new: str, package: Package = P) -> Path:
    """Package p with ``old`` in its descriptor replaced by ``new``; returns the datasets folder."""
    text = package.text
    assert old in text, old
    package.write(root, text.replace(old, new, 1))
    return root


def validate(datasets: Path, capsys) -> tuple[int, str]:
    code = main(["validate", "--datasets", str(datasets), "--cache-dir", str(datasets.parent / "cache")])
    out = capsys.readouterr()
    return code, out.out + out.err


# -- 7: values Frictionless raises on ---------------------------------------------------------------------------

@pytest.mark.parametrize(("old", "new", "expected"), [
    ("name: p\n", "name: p\n$schema: 5\n", [("descriptor-type", "datapackage.yaml", 2, "$schema", "$schema")]),
    ("name: p\n", "name: p\n$schema: [1]\n", [("descriptor-type", "datapackage.yaml", 2, "$schema", "$schema")]),
    ("      fields:\n", "      foreignKeys: 5\n      fields:\n",
     [("descriptor-type", "datapackage.yaml", 8, "foreignKeys", "resources[0].schema.foreignKeys")]),
    ("      fields:\n", "      foreignKeys: [{fields: id, reference: 5}]\n      fields:\n",
     [("descriptor-type", "datapackage.yaml", 8, "foreignKeys", "resources[0].schema.foreignKeys[0].reference")]),
    ("{name: value, type: number}", "{name: value, type: list, delimiter: ''}",
     [("descriptor-type", "datapackage.yaml", 12, "value", "resources[0].schema.fields[3].delimiter")]),
    ("    path: t.csv\n", "    path: t.csv\n    hash: 5\n",
     [("descriptor-type", "datapackage.yaml", 7, "hash", "resources[0].hash")]),
])
def test_a_value_frictionless_raises_on_is_a_problem_at_its_key(tmp_path, capsys, old, new, expected):
    datasets = edited(tmp_path / "datasets", old, new)
    assert found(datasets) == expected
    code, out = validate(datasets, capsys)
    assert code == 1, out
    assert "hint:" in out and "unexpected" not in out


def test_a_schema_file_s_wrong_value_is_reported_in_that_file(tmp_path, capsys):
    datasets = tmp_path / "datasets"
    P.write(datasets, "name: p\nresources:\n  - name: t\n    path: t.csv\n    schema: schema.yaml\n")
    write(datasets / "p" / "schema.yaml", "fields:\n  - {name: id, type: integer}\n  - {name: day, type: date}\n"
          "  - {name: name, type: string}\n  - {name: value, type: number}\nforeignKeys: 5\n")
    assert found(datasets) == [("descriptor-type", "schema.yaml", 6, "foreignKeys", "foreignKeys")]
    assert validate(datasets, capsys)[0] == 1


@pytest.mark.parametrize(("dialect", "key"), [("{delimiter: ''}", "resources[0].dialect.delimiter"),
                                              ("{quoteChar: ''}", "resources[0].dialect.quoteChar"),
                                              ("{csv: {delimiter: ',,'}}", "resources[0].dialect.csv.delimiter")])
def test_a_dialect_character_that_is_not_one_character_is_reported_at_its_key(tmp_path, dialect, key):
    """Frictionless said "source-error" at the resource's path."""
    datasets = edited(tmp_path / "datasets", "    path: t.csv\n", f"    path: t.csv\n    dialect: {dialect}\n")
    assert found(datasets) == [("descriptor-type", "datapackage.yaml", 7, key.rsplit(".", 1)[-1], key)]


def test_whatever_frictionless_raises_on_a_descriptor_is_a_problem_at_the_package(tmp_path, monkeypatch, capsys):
    """A value our own checks do not know of yet: a located problem, exit 1, never "unexpected error"."""
    def raises(descriptor):
        raise AttributeError("'int' object has no attribute 'decode'")

    monkeypatch.setattr(frictionless.Package, "validate_descriptor", raises)
    datasets = tmp_path / "datasets"
    P.write(datasets)
    assert found(datasets) == [("frictionless", "datapackage.yaml", 1, None, "")]
    code, out = validate(datasets, capsys)
    assert code == 1 and "AttributeError" in out and "hint:" in out, out


# -- 10: x-minhbach.references ------------------------------------------------------------------------------------

def referencing(root: Path, references: str) -> Path:
    """Package p whose table t declares ``x-minhbach: {references: <references>}`` (on line 8)."""
    return edited(root, "    path: t.csv\n", f"    path: t.csv\n    x-minhbach:\n      references: {references}\n")


@pytest.mark.parametrize(("references", "expected"), [
    ("5", [("descriptor-type", 8, "references", "x-minhbach.references")]),
    ("[5]", [("descriptor-type", 8, "references", "x-minhbach.references[0]")]),
    ("[{}]", [("missing-value", 8, "references", f"x-minhbach.references[0].{key}")
              for key in ("fields", "package", "resource", "key")]),
    ("[{fields: name}]", [("missing-value", 8, "references", f"x-minhbach.references[0].{key}")
                          for key in ("package", "resource", "key")]),
    ("[{fields: nope, package: p, resource: t, key: name}]", [("unknown-column", 8, "nope", "nope")]),
    ("[{fields: [name, id], package: p, resource: t, key: [name, id]}]",
     [("descriptor-type", 8, "references", "x-minhbach.references[0].fields"),
      ("descriptor-type", 8, "references", "x-minhbach.references[0].key")]),
    ("[{fields: 5, package: 7, resource: [], key: {}}]",
     [("descriptor-type", 8, "references", f"x-minhbach.references[0].{key}")
      for key in ("fields", "package", "resource", "key")]),
])
def test_a_reference_that_cannot_be_checked_is_a_problem_at_its_line(tmp_path, capsys, references, expected):
    """Each was dropped in silence (0 problems, the declared check never ran); ``references: 5`` crashed."""
    datasets = referencing(tmp_path / "datasets", references)
    assert sorted((code, line, field, key) for code, _, line, field, key in found(datasets)) == sorted(expected)
    code, out = validate(datasets, capsys)
    assert code == 1 and "hint:" in out, out


def test_an_unknown_target_is_reported_at_its_reference_not_at_resources(tmp_path):
    datasets = referencing(tmp_path / "datasets", "\n        - {fields: name, package: p, resource: t, key: name}"
                                                  "\n        - {fields: name, package: p, resource: zz, key: name}")
    assert found(datasets) == [("unknown-reference", "datapackage.yaml", 10, "name", "p/zz.name")]


def test_a_complete_reference_is_checked_and_no_problem_when_it_holds(tmp_path):
    datasets = referencing(tmp_path / "datasets", "[{fields: name, package: p, resource: t, key: name}]")
    assert found(datasets) == []
    (datasets / "p" / "t.csv").write_text("id,day,name,value\n1,2024-01-01,a,1\n", encoding="utf-8")
    datasets = referencing(tmp_path / "other", "[{fields: day, package: p, resource: t, key: name}]")
    assert [f[0] for f in found(datasets)] == ["unknown-reference"] * 3


# -- 11: x-minhbach.role ------------------------------------------------------------------------------------------

def test_a_role_claimed_by_two_packages_is_an_error_at_the_later_one_naming_the_first(tmp_path):
    """The site reads the first package that claims a role: a second one took over in silence (a copy claiming
    ``agencies`` made every agency code of the sessions unknown, with nothing pointing at it)."""
    datasets = tmp_path / "datasets"
    Package("a", (T,), "x-minhbach: {role: agencies}").write(datasets)
    Package("co-quan", (T,), "title: Cơ quan\nx-minhbach:\n  role: agencies").write(datasets)
    Package("z", (T,), "x-minhbach: {role: agencies}").write(datasets)
    problems = pipeline.check(settings_for(datasets, cache_validation=False)).problems
    assert [(p.code, p.path, p.line, p.params_dict()["other"]) for p in problems] == [
        ("duplicate-role", "datasets/co-quan/datapackage.yaml", 4, "datasets/a/datapackage.yaml"),
        ("duplicate-role", "datasets/z/datapackage.yaml", 2, "datasets/a/datapackage.yaml")]


@pytest.mark.parametrize("role", ["5", "[agencies]", "''"])
def test_a_role_that_is_not_text_is_an_error_at_its_line(tmp_path, role):
    datasets = tmp_path / "datasets"
    Package("p", (T,), f"x-minhbach:\n  role: {role}").write(datasets)
    assert found(datasets) == [("descriptor-type", "datapackage.yaml", 3, "role", "x-minhbach.role")]


def test_a_role_no_feature_reads_is_an_error_at_its_line_naming_the_roles(tmp_path, capsys):
    """A typo of a role (``indicator``) was accepted: the package became one of the site's own (stricter checks)
    while no feature read it, so the indicator pages were gone in silence. Its line, the roles, the closest."""
    datasets = edited(tmp_path / "datasets", "title: Test package",
                      "title: Test package\nx-minhbach:\n  role: indicator")
    problems = pipeline.check(settings_for(datasets, cache_validation=False)).problems
    assert [(p.code, p.path, p.line, p.field) for p in problems] == [
        ("unknown-role", "datasets/p/datapackage.yaml", 4, "role")]
    assert problems[0].hint("en") == (
        "use one of the roles agencies, sources, legal-documents, indices, indicators, supervision (did you mean "
        "'indicators'?); a package that needs no role removes x-minhbach.role (it is still published in the data "
        "catalogue)")
    code, out = validate(datasets, capsys)
    assert code == 1 and "datapackage.yaml:4:3: error[unknown-role]" in out and "(có phải 'indicators'?)" in out


def test_the_roles_the_core_knows_are_those_the_features_read():
    """The core names the roles (it imports no feature): each feature's, no more, no fewer."""
    read = {AGENCIES[0], SOURCES[0], DOCUMENTS[0], INDICES_ROLE, INDICATORS_ROLE, SUPERVISION_ROLE}
    assert sorted(ROLES) == sorted(read) and len(ROLES) == len(read)

# -- 12: symbolic links that leave their package -----------------------------------------------------------------

def test_a_package_folder_linked_from_outside_is_an_error_at_the_link(tmp_path, capsys):
    """It was never entered, and nothing said so: no page, validate 0."""
    datasets = tmp_path / "datasets"
    P.write(datasets)
    Package("q", (T,)).write(tmp_path / "outside")
    (datasets / "q").symlink_to(tmp_path / "outside" / "q", target_is_directory=True)
    assert [(p.code, p.path, p.line, p.params_dict()["target"])
            for p in pipeline.check(settings_for(datasets, cache_validation=False)).problems] == [
        ("unsafe-path", "datasets/q", None, "q")]
    code, out = validate(datasets, capsys)
    assert code == 1 and "datasets/q: error[unsafe-path]" in out, out


def test_a_file_linked_from_outside_its_package_is_an_error_at_the_link(tmp_path):
    """A session file (any file the package's features read by name pattern) linked from outside was left out."""
    datasets = tmp_path / "datasets"
    P.write(datasets)
    write(tmp_path / "outside" / "s.yaml", "id: x\n")
    (datasets / "p" / "sessions").mkdir()
    (datasets / "p" / "sessions" / "2024-06-12-x.yaml").symlink_to(tmp_path / "outside" / "s.yaml")
    (datasets / "p" / "inside.yaml").symlink_to(datasets / "p" / "datapackage.yaml")  # inside: not a problem
    assert [(p.code, p.path, p.params_dict()["target"])
            for p in pipeline.check(settings_for(datasets, cache_validation=False)).problems] == [
        ("unsafe-path", "datasets/p/sessions/2024-06-12-x.yaml", "sessions/2024-06-12-x.yaml")]


def test_a_linked_file_or_folder_a_descriptor_names_is_reported_once_at_its_line(tmp_path):
    datasets = tmp_path / "datasets"
    P.write(datasets, P.text.replace("path: t.csv", "path: d/t.csv"))
    write(tmp_path / "outside" / "t.csv", T.csv)
    (datasets / "p" / "d").symlink_to(tmp_path / "outside", target_is_directory=True)
    assert found(datasets) == [("unsafe-path", "datapackage.yaml", 6, "path", "")]


# -- 14: x-minhbach values of the wrong type ----------------------------------------------------------------------

@pytest.mark.parametrize(("old", "new", "expected"), [
    ("name: p\n", "name: p\nx-minhbach: 5\n", [(2, "x-minhbach", "x-minhbach")]),
    ("name: p\n", "name: p\nx-minhbach: {title_en: 5}\n", [(2, "title_en", "x-minhbach.title_en")]),
    ("name: p\n", "name: p\nx-minhbach: {title_en: [a, b]}\n", [(2, "title_en", "x-minhbach.title_en")]),
    ("name: p\n", "name: p\nx-minhbach: {description_en: 5}\n", [(2, "description_en", "x-minhbach.description_en")]),
    ("name: p\n", "name: p\nx-minhbach: {theme: [1]}\n", [(2, "theme", "x-minhbach.theme")]),
    ("name: p\n", "name: p\nx-minhbach:\n  corrections: 5\n", [(3, "corrections", "x-minhbach.corrections")]),
    ("name: p\n", "name: p\nx-minhbach: {derived: [sessions]}\n", [(2, "derived", "x-minhbach.derived")]),
    ("    path: t.csv\n", "    path: t.csv\n    x-minhbach: 5\n", [(7, "x-minhbach", "x-minhbach")]),
    ("    path: t.csv\n", "    path: t.csv\n    x-minhbach: {title_en: [1]}\n",
     [(7, "title_en", "x-minhbach.title_en")]),
    ("{name: value, type: number}", "{name: value, type: number, x-minhbach: 5}", [(12, "x-minhbach", "x-minhbach")]),
    ("{name: value, type: number}", "{name: value, type: number, x-minhbach: {title_en: [1]}}",
     [(12, "title_en", "x-minhbach.title_en")]),
])
def test_an_extension_value_of_the_wrong_type_is_an_error_at_its_line(tmp_path, old, new, expected):
    """Each was ignored without a word; a ``corrections`` that is not a list lost every note."""
    datasets = edited(tmp_path / "datasets", old, new)
    assert [(line, field, key) for _, _, line, field, key in found(datasets)] == expected
    assert {code for code, *_ in found(datasets)} == {"descriptor-type"}


def test_extension_values_of_their_types_and_empty_ones_are_no_problem(tmp_path):
    datasets = edited(tmp_path / "datasets", "name: p\n", "name: p\nx-minhbach:\n  title_en: Test\n  theme:\n"
                      "  corrections: []\n  derived: {}\n")
    assert found(datasets) == []


# -- 15: said well, at the right line -------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["5", "[]", "{a: b}"])
def test_a_path_that_is_no_path_says_so_at_its_line(tmp_path, path):
    """It was "format '' of '' is not supported"."""
    datasets = edited(tmp_path / "datasets", "    path: t.csv\n", f"    path: {path}\n")
    assert found(datasets) == [("descriptor-type", "datapackage.yaml", 6, "path", "path")]


@pytest.mark.parametrize(("old", "new", "line"), [
    ("name: p\n", "name: p\nprofile: http://example.com/profile.json\n", 2),
    ("    path: t.csv\n", "    path: t.csv\n    profile: http://example.com/profile.json\n", 7),
])
def test_a_profile_validation_would_download_is_reported_at_its_line(tmp_path, old, new, line):
    """It was at 1:1."""
    datasets = edited(tmp_path / "datasets", old, new)
    assert found(datasets) == [("frictionless", "datapackage.yaml", line, "profile", "")]
