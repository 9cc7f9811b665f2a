"""The constraint checks of core/checks/descriptor.py, in-process on descriptors written to ``tmp_path``: a
column's constraints that Frictionless applies must be usable before Frictionless sees them (it crashes on a
``pattern`` that is no regular expression and on a bound that is not of the column's type). The mutation group
``checks-descriptor`` runs these."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import settings_for, write

from generator.core.checks.descriptor import check_descriptor
from generator.core.read.package import load_descriptor


def problems_of(tmp_path: Path, fields: str, files: dict[str, str] | None = None) -> list[tuple]:
    """(code, line, column, field, English message) of the descriptor checks of a package whose one resource
    has these ``fields`` (YAML lines under ``fields:``, or a schema file's name in ``files``)."""
    folder = tmp_path / "d" / "p"
    for name, text in (files or {}).items():
        write(folder / name, text)
    schema = f"    schema: {fields}\n" if fields.endswith(".yaml") else f"    schema:\n      fields:\n{fields}"
    write(folder / "datapackage.yaml", f"name: p\nresources:\n  - name: t\n    path: t.csv\n{schema}")
    write(folder / "t.csv", "a\n1\n")
    settings = settings_for(tmp_path / "d")
    package = load_descriptor(folder / "datapackage.yaml", settings)
    found = check_descriptor(package, settings)
    assert {p.path for p in found} <= {"d/p/datapackage.yaml", "d/p/schema.yaml"}  # each in the file it is about
    return [(p.code, p.line, p.column, p.field, p.message("en")) for p in found]


def test_a_pattern_that_is_no_regular_expression_is_named_with_the_reason(tmp_path):
    assert problems_of(tmp_path, "        - {name: a, type: string, constraints: {pattern: '('}}\n") == [
        ("bad-pattern", 7, 49, "a",
         "pattern '(' is not a valid regular expression (missing ), unterminated subpattern at position 1)")]


def test_a_bound_not_of_the_columns_type_is_named_with_the_type(tmp_path):
    assert problems_of(tmp_path, "        - name: a\n          type: integer\n          constraints:\n"
                                 "            minimum: 1\n            maximum: x\n") == [
        ("bad-constraint", 11, 13, "a", "the maximum constraint's value 'x' cannot be read as the column's type, "
                                         "integer")]


def test_a_column_without_a_type_is_a_string_and_each_enum_item_is_checked_at_its_place(tmp_path):
    assert problems_of(tmp_path, "        - {name: a, constraints: {enum: [x, 1, y, 2]}}\n") == [
        ("bad-constraint", 7, 45, "a", "the enum constraint's value '1' cannot be read as the column's type, string"),
        ("bad-constraint", 7, 51, "a", "the enum constraint's value '2' cannot be read as the column's type, string")]


def test_the_columns_format_is_how_its_bounds_are_read(tmp_path):
    dated = "        - {name: a, type: date, format: '%d/%m/%Y', constraints: {minimum: 01/02/2020}}\n"
    assert problems_of(tmp_path, dated) == []
    assert [p[:4] for p in problems_of(tmp_path, dated.replace("format: '%d/%m/%Y', ", ""))] == [
        ("bad-constraint", 7, 47, "a")]


def test_constraints_frictionless_does_not_apply_to_the_type_are_left_alone(tmp_path):
    """A string column's minimum and a number column's pattern are ignored by Frictionless: not an error."""
    assert problems_of(tmp_path, "        - {name: a, type: string, constraints: {minimum: 5, maxLength: 3}}\n"
                                 "        - {name: b, type: number, constraints: {pattern: '(', minimum: null}}\n"
                                 "        - {name: c, type: boolean, constraints: {enum: [true]}}\n") == []


def test_a_column_frictionless_refuses_has_its_own_problem_only(tmp_path):
    assert [p[0] for p in problems_of(tmp_path, "        - {name: a, type: text, constraints: {pattern: '(', "
                                                "minimum: x}}\n")] == ["unknown-field-type"]


def test_a_schema_files_constraints_are_placed_in_it_and_a_field_that_is_no_mapping_is_passed_over(tmp_path):
    schema = "fields:\n  - just a name\n  - {name: b, type: year, constraints: {maximum: soon, pattern: '('}}\n"
    assert problems_of(tmp_path, "schema.yaml", {"schema.yaml": schema}) == [
        ("bad-constraint", 3, 41, "b", "the maximum constraint's value 'soon' cannot be read as the column's type, "
                                        "year")]
    assert problems_of(tmp_path, "schema.yaml", {"schema.yaml": "fields: none\n"}) == []


def test_usable_constraints_and_constraints_that_are_no_mapping_say_nothing(tmp_path):
    assert problems_of(tmp_path, "        - {name: a, type: string, constraints: {pattern: '[0-9]{4}', enum: [x]}}\n"
                                 "        - {name: b, type: integer, constraints: [minimum]}\n") == []
    assert problems_of(tmp_path, "schema.yaml", {"schema.yaml": "name: s\n"}) == []  # no fields at all


def test_a_bound_given_as_a_list_is_one_value_that_is_not_of_the_type(tmp_path):
    assert [p[:4] for p in problems_of(tmp_path, "        - {name: a, type: integer, constraints: {maximum: [1]}}\n")] \
        == [("bad-constraint", 7, 50, "a")]


def test_a_column_without_a_name_is_still_checked(tmp_path):
    assert [p[:4] for p in problems_of(tmp_path, "        - {type: string, constraints: {pattern: '('}}\n")] == [
        ("bad-pattern", 7, 40, "")]


def test_every_unreadable_bound_is_named(tmp_path):
    assert [p[:4] for p in problems_of(tmp_path, "        - {name: a, type: integer, constraints: {minimum: x, "
                                                  "maximum: y}}\n")] == [
        ("bad-constraint", 7, 50, "a"), ("bad-constraint", 7, 62, "a")]


def test_a_column_s_reading_is_taken_from_the_cache_once_stored(tmp_path, monkeypatch):
    """In one process too: the second check of the same column finds its reading in the build's cache (verdicts)
    and makes no Frictionless column; a check with validation caching off reads it again."""
    from generator.core.checks import descriptor

    fields = "        - {name: a, type: integer, constraints: {minimum: x}}\n"
    first = problems_of(tmp_path, fields)

    def no_column(spec: dict) -> None:
        raise AssertionError(f"a Frictionless column made again for {spec}")

    monkeypatch.setattr(descriptor, "_field", no_column)
    assert problems_of(tmp_path, fields) == first
    folder = tmp_path / "d"
    settings = settings_for(folder, cache_validation=False)
    with pytest.raises(AssertionError, match="made again"):
        check_descriptor(load_descriptor(folder / "p" / "datapackage.yaml", settings), settings)


def test_how_frictionless_reads_the_constraints_is_kept_so_that_the_next_build_does_not_import_it(tmp_path):
    """A build whose descriptors are unchanged finds each column's reading in the cache: a one-row edit then
    imports Frictionless only if its package's verdict is missing. Another process, with the same cache, gives
    the same problems without importing Frictionless; another column (here, of another type) is read afresh."""
    import json
    import os
    import subprocess
    import sys

    import generator

    fields = "        - {name: a, type: integer, constraints: {minimum: 1, maximum: x, enum: ['1', y]}}\n"
    first = problems_of(tmp_path, fields)
    assert [p[0] for p in first] == ["bad-constraint"] * 2  # the maximum, the enum item y
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from generator.core.settings import Settings\n"
        "from generator.core.checks.descriptor import check_descriptor\n"
        "from generator.core.read.package import load_descriptor\n"
        f"datasets = Path({str(tmp_path / 'd')!r})\n"
        "settings = Settings(datasets_dir=datasets, root=datasets.parent)\n"
        "found = check_descriptor(load_descriptor(datasets / 'p' / 'datapackage.yaml', settings), settings)\n"
        "print(json.dumps([[p.code, p.line, p.column, p.field, p.message('en')] for p in found]))\n"
        "print('frictionless' in sys.modules)\n")

    # the generator this process runs (a mutation run's copy included), so that both compute the same code digest
    env = {**os.environ, "PYTHONPATH": str(Path(generator.__file__).resolve().parent.parent)}

    def in_another_process() -> tuple[list, str]:
        run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, check=True,
                             env=env)
        found, imported = run.stdout.splitlines()
        return [tuple(p) for p in json.loads(found)], imported

    assert in_another_process() == (first, "False")
    descriptor = tmp_path / "d" / "p" / "datapackage.yaml"
    descriptor.write_text(descriptor.read_text("utf-8").replace("integer", "number"), "utf-8")
    found, imported = in_another_process()
    assert imported == "True" and found == problems_of(tmp_path, fields.replace("integer", "number")) != first


@pytest.mark.parametrize(("field", "refused"), [
    ("{name: a, type: number, decimalChar: ',', constraints: {minimum: '1,5'}}", False),
    ("{name: a, type: number, decimalChar: ',', constraints: {minimum: '1.5'}}", True),
    ("{name: a, type: number, bareNumber: false, constraints: {maximum: '50%'}}", False),
    ("{name: a, type: boolean, trueValues: ['Y'], falseValues: ['N'], constraints: {enum: ['Y']}}", False),
    ("{name: a, type: boolean, trueValues: ['Y'], falseValues: ['N'], constraints: {enum: ['true']}}", True),
    ("{name: a, type: integer, groupChar: '.', constraints: {maximum: '1.000'}}", True),  # no groupChar for integers
])
def test_bounds_are_read_with_the_columns_own_options_as_frictionless_reads_them(tmp_path, field, refused):
    """A bound is read as the column's cells are (its decimal and grouping marks, bare numbers, its words for true
    and false), as Frictionless reads it: "1,5" with decimalChar "," was refused, and "1.5" passed here and
    crashed Frictionless's row check (exit 2)."""
    import frictionless

    found = problems_of(tmp_path, f"        - {field}\n")
    assert [code for code, *_ in found] == (["bad-constraint"] if refused else [])
    import yaml

    column = frictionless.Field.from_descriptor(yaml.safe_load(field))
    read = column.create_value_reader()
    constraint, value = next(iter(yaml.safe_load(field)["constraints"].items()))
    values = value if isinstance(value, list) else [value]
    assert any(read(item) is None for item in values) == refused  # Frictionless reads it, or does not, alike
