from generator.core.read.tree import load_json, load_yaml


def test_records_keep_yaml_scalars_as_text():
    tree = load_yaml("code: 010\nanswer: NO\nwhen: 2010-13-01\nempty:\n", "f.yaml")
    assert tree.value == {"code": "010", "answer": "NO", "when": "2010-13-01", "empty": None}
    assert tree.problems == []


def test_descriptor_mode_uses_the_yaml_1_2_core_schema():
    tree = load_yaml("a: true\nb: 010\nc: 12\nd: 1.5\ne: NO\nf: null\ng: '12'\n", "f.yaml", mode="descriptor")
    assert tree.value == {"a": True, "b": "010", "c": 12, "d": 1.5, "e": "NO", "f": None, "g": "12"}


def test_positions_point_at_keys():
    tree = load_yaml("a:\n  b:\n    - x\n    - c: 1\n", "f.yaml")
    assert tree.at(("a", "b")) == (2, 3)
    assert tree.at(("a", "b", 1, "c")) == (4, 7)
    assert tree.at(("a", "missing")) == (1, 1)


def test_duplicate_key_is_a_problem_with_both_lines():
    tree = load_yaml("id: a\nname: x\nid: b\n", "s.yaml")
    [problem] = tree.problems
    assert (problem.code, problem.path, problem.line, problem.field) == ("duplicate-key", "s.yaml", 3, "id")
    assert "1" in problem.message("en")


def test_syntax_error_has_a_line_not_an_exception():
    tree = load_yaml("a: [1, 2\nb: 3\n", "bad.yaml")
    [problem] = tree.problems
    assert problem.code == "yaml-syntax" and problem.line is not None


def test_json_duplicate_keys_and_positions():
    tree = load_json('{\n  "name": "x",\n  "name": "y"\n}\n', "d.json")
    assert [(p.code, p.line) for p in tree.problems] == [("duplicate-key", 3)]


def test_json_syntax_error_position():
    tree = load_json('{\n  "name": "x",\n}\n', "d.json")
    [problem] = tree.problems
    assert (problem.code, problem.line) == ("json-syntax", 3)


def test_pure_python_loader_gives_the_same_tree(monkeypatch):
    import yaml

    from generator.core.read import tree as tree_module

    text = "a: 010\nb: 'x'\nc:\nd: [1, true]\ne: {f: NO}\n"
    fast = load_yaml(text, "f.yaml", mode="descriptor")
    monkeypatch.setattr(tree_module, "_LOADER", yaml.BaseLoader)
    slow = load_yaml(text, "f.yaml", mode="descriptor")
    assert (fast.value, fast.positions) == (slow.value, slow.positions)
    assert fast.value == {"a": "010", "b": "x", "c": None, "d": [1, True], "e": {"f": "NO"}}


def test_aliases_are_refused_where_they_stand_even_as_keys():
    tree = load_yaml("*a: 1\nb: &x [1]\nc: *x\n", "f.yaml")
    assert tree.value is None
    assert [(p.code, p.line, p.column, p.params_dict()) for p in tree.problems] == [
        ("yaml-alias", 1, 1, {"name": "a", "count": "2"})]


def test_a_plain_value_yaml_1_1_reads_otherwise_is_refused_in_a_descriptor_only():
    """Frictionless reads a schema or dialect kept in its own YAML file the YAML 1.1 way: ``header: no`` there was
    false for the table it validated and true for the one published. Every plain value the two read differently
    is refused where a descriptor is read; quoted, or in a session's records, it is text and says nothing."""
    text = ("a: no\nb: On\nc: 010\nd: 1_000\ne: 1:30\nf: 1e3\ng: 0x1F\nh: .inf\n"
            "ok1: true\nok2: 10\nok3: 1.5\nok4: 2024-01-01\nok5: 'no'\nok6: ~\nok7: hello\nok8: -3\n")
    tree = load_yaml(text, "d.yaml", mode="descriptor")
    found = [(p.line, dict(p.params)["ours"], dict(p.params)["theirs"]) for p in tree.problems]
    assert found == [(1, '"no"', "false"), (2, '"On"', "true"), (3, '"010"', "8"), (4, '"1_000"', "1000"),
                     (5, '"1:30"', "90"), (6, "1000.0", '"1e3"'), (7, '"0x1F"', "31"), (8, '".inf"', "Infinity")]
    assert {p.code for p in tree.problems} == {"yaml-ambiguous"}
    assert load_yaml(text, "s.yaml").problems == []  # records: every value is text, and only we read them
    assert load_json('{"f": 1e3, "a": "no"}', "d.json").problems == []


def test_a_dialect_file_that_says_header_no_is_refused_not_read_two_ways(tmp_path):
    """``dialect: dialect.yaml`` holding ``header: no``: Frictionless read false (two rows, valid) and we read the
    text "no" (a header), publishing one row: the first was taken for the header and lost."""
    from conftest import settings_for, write

    from generator import pipeline

    write(tmp_path / "d" / "p" / "datapackage.yaml", "name: p\nresources:\n  - name: t\n    path: t.csv\n"
          "    dialect: dialect.yaml\n    schema:\n      fields:\n        - {name: id, type: integer}\n"
          "        - {name: name, type: string}\n")
    write(tmp_path / "d" / "p" / "dialect.yaml", "header: no\n")
    write(tmp_path / "d" / "p" / "t.csv", "1,a\n2,b\n")
    found = pipeline.check(settings_for(tmp_path / "d")).problems
    assert [(p.code, p.path, p.line) for p in found] == [("yaml-ambiguous", "d/p/dialect.yaml", 1)]
    write(tmp_path / "d" / "p" / "dialect.yaml", "header: false\n")
    assert pipeline.check(settings_for(tmp_path / "d")).problems == []


def test_a_yaml_merge_key_is_refused_in_a_descriptor_at_the_key():
    """Frictionless reads YAML 1.1, where a plain ``<<`` key merges the mapping it holds into the one it is in
    (``<<: {title: Merged}`` is the title Merged); we read a key named "<<", and the package had no title. Refused
    where it stands, in a block or a flow mapping, in a list's item; quoted, it is a plain key to both, and in a
    session's records it is an unknown key like any other."""
    import yaml

    text = ("name: p\n<<: {title: Merged}\nresources:\n  - name: t\n    <<:\n      description: d\n"
            "    schema: {fields: [{<<: {name: v}, type: number}]}\n")
    assert yaml.safe_load(text)["title"] == "Merged"  # as Frictionless reads it
    tree = load_yaml(text, "d.yaml", mode="descriptor")
    assert [(p.code, p.line, p.column) for p in tree.problems] == [
        ("yaml-merge-key", 2, 1), ("yaml-merge-key", 5, 5), ("yaml-merge-key", 7, 24)]
    assert "'title: T' instead of '<<: {title: T}'" in tree.problems[0].hint("en")
    assert load_yaml(text, "s.yaml").problems == []
    assert load_yaml("'<<': {title: Quoted}\n", "d.yaml", mode="descriptor").problems == []
    assert load_json('{"name": "p", "<<": {"title": "T"}}', "d.json").problems == []


def test_a_package_with_a_merge_key_is_refused_not_published_with_a_key_named_merge(tmp_path):
    """The published datapackage.json held a "<<" key and the page no title, where Frictionless read the title."""
    import frictionless
    from conftest import settings_for, write

    from generator import pipeline

    write(tmp_path / "d" / "p" / "datapackage.yaml", "name: p\n<<: {title: Merged}\nresources:\n  - name: t\n"
          "    path: t.csv\n    schema:\n      fields:\n        - {name: id, type: integer}\n")
    write(tmp_path / "d" / "p" / "t.csv", "id\n1\n")
    assert frictionless.Package(str(tmp_path / "d" / "p" / "datapackage.yaml")).title == "Merged"
    found = pipeline.check(settings_for(tmp_path / "d")).problems
    assert [(p.code, p.path, p.line) for p in found] == [("yaml-merge-key", "d/p/datapackage.yaml", 2)]
