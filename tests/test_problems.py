import json

from generator.core.problems import (
    Problem,
    fails,
    format_github,
    format_json,
    format_text,
    problem,
    sort_problems,
    summary,
)


def sample():
    return [
        problem("unknown-reference", "b.yaml", 14, 5, "addressees", value="SNVV", target="co-quan/agencies.agency_code",
                suggestion="SNV"),
        problem("missing-english", "a.yaml", 3, 1, "topic_en", key="topic_vi", key_en="topic_en"),
        problem("descriptor-type", "c.yaml", 1, 1, key="(root)", expected="mapping"),
    ]


def test_sorted_by_file_then_line():
    assert [p.path for p in sort_problems(sample())] == ["a.yaml", "b.yaml", "c.yaml"]


def test_text_format_is_compiler_like_with_hint_and_count():
    text = format_text(sort_problems(sample()), "en")
    assert "b.yaml:14:5: error[unknown-reference] [addressees]: 'SNVV' is not in co-quan/agencies.agency_code" in text
    hint = "use a code that exists in co-quan/agencies.agency_code (did you mean 'SNV'?)"
    assert f"    hint: {hint}" in text
    assert "c.yaml:1:1: error[descriptor-type]: '(root)' must be a mapping\n" in text
    assert text.rstrip().endswith("2 error(s), 1 warning(s)")


def test_parameters_are_data_worded_only_in_the_language_printed():
    """A problem carries codes, not sentences: each language words them itself (no Vietnamese in English)."""
    vietnamese = format_text(sort_problems(sample()), "vi")
    assert "'(root)' phải là một bảng khóa/giá trị\n" in vietnamese
    assert "(có phải 'SNV'?)" in vietnamese and "did you mean" not in vietnamese
    english = format_text(sort_problems(sample()), "en")
    assert "có phải" not in english and "khóa" not in english


def test_vietnamese_is_the_default():
    assert "không có trong" in format_text(sample())


def test_json_format_has_the_contract_fields():
    payload = json.loads(format_json(sort_problems(sample()), valid=False))
    assert payload["valid"] is False
    assert set(payload["problems"][0]) == {"code", "severity", "path", "line", "column", "field", "message", "hint"}


def test_github_annotation_line():
    out = format_github(sort_problems(sample()), "en")
    assert "::error file=b.yaml,line=14,col=5,title=unknown-reference::'SNVV' is not in" in out
    assert out.splitlines()[0].startswith("::warning file=a.yaml,line=3,col=1")


def test_github_annotation_escapes_line_ends_and_percent_so_one_problem_stays_one_line():
    """A line end inside a message would end the annotation early (the rest shows as log text); '%' must be
    escaped first, or '%0A' written by the data would read as a line end. Property values also escape ':' and ','."""
    multi_line = problem("descriptor-type", "c.yaml", 1, 1, key="a\nb", expected="mapping")
    hostile_path = problem("descriptor-type", "d%,:.yaml", 2, 0, key="x\r\ny%0A", expected="mapping")
    assert format_github([multi_line, hostile_path], "en") == (
        "::error file=c.yaml,line=1,col=1,title=descriptor-type::'a%0Ab' must be a mapping"
        " — see the descriptor format in docs/data-format.md\n"
        "::error file=d%25%2C%3A.yaml,line=2,title=descriptor-type::'x%0D%0Ay%250A' must be a mapping"
        " — see the descriptor format in docs/data-format.md\n"
        "2 error(s), 0 warning(s)\n")


def test_warnings_fail_only_when_strict():
    warning = [sample()[1]]
    assert not fails(warning)
    assert fails(warning, strict=True)


def test_every_output_is_vietnamese_unless_told():
    warning = sample()[1]
    message, hint = "thiếu bản tiếng Anh của 'topic_vi'", (
        "thêm 'topic_en'; trang tiếng Anh sẽ hiện bản tiếng Việt kèm ghi chú cho đến khi có")
    assert (warning.message(), warning.hint(), summary([warning])) == (message, hint, "0 lỗi, 1 cảnh báo")
    assert warning.as_dict() == {"code": "missing-english", "severity": "warning", "path": "a.yaml", "line": 3,
                                 "column": 1, "field": "topic_en", "message": message, "hint": hint}
    assert format_json([warning], valid=True) == format_json([warning], valid=True, lang="vi")
    assert format_github([warning]) == format_github([warning], "vi") != format_github([warning], "en")


def test_json_format_is_the_documented_contract_byte_for_byte():
    """Indented by two, UTF-8 as it is (not \\u escapes): the shape tools and people read (README, 'validate')."""
    assert format_json([sample()[1]], valid=True, lang="en") == (
        '{\n  "valid": true,\n  "problems": [\n    {\n      "code": "missing-english",\n'
        '      "severity": "warning",\n      "path": "a.yaml",\n      "line": 3,\n      "column": 1,\n'
        '      "field": "topic_en",\n      "message": "English text for \'topic_vi\' is missing",\n'
        '      "hint": "add \'topic_en\'; the English page shows the Vietnamese text with a marker until then"\n'
        "    }\n  ]\n}\n")
    assert '"message": "thiếu bản' in format_json([sample()[1]], valid=True)


def test_problems_sort_by_place_with_unknown_lines_and_columns_first():
    at = [problem("type-error", "a.csv", line, column, field, value="x", type="integer")
          for line, column, field in [(2, 1, "b"), (None, None, None), (1, None, None), (1, 1, None), (1, 1, "a"),
                                      (1, 2, None)]]
    assert [(p.line, p.column, p.field) for p in sort_problems(at + at[:2])] == [
        (None, None, None), (1, None, None), (1, 1, None), (1, 1, "a"), (1, 2, None), (2, 1, "b")]


def test_a_problem_round_trips_through_the_cache_as_plain_data():
    p = problem("unknown-reference", "b.yaml", 14, 5, "addressees", value="SNVV", suggestion="SNV")
    data = p.as_data()
    assert data == {"code": "unknown-reference", "path": "b.yaml", "line": 14, "column": 5, "field": "addressees",
                    "params": [["suggestion", "SNV"], ["value", "SNVV"]]}
    assert Problem.from_data(json.loads(json.dumps(data))) == p
    assert Problem.from_data({**data, "params": [[1, 2]]}).params == (("1", "2"),)
    assert p.params_dict() == {"suggestion": "SNV", "value": "SNVV"}
    assert (p.location(), problem("x", "c.yaml", None, 3).location(), problem("x", "c.yaml", 2).location()) == (
        "b.yaml:14:5", "c.yaml", "c.yaml:2")


def test_an_unknown_line_sorts_before_line_one_and_no_field_before_any_field():
    at = [problem("type-error", "a.csv", line, column, field, value="x", type="integer")
          for line, column, field in [(1, 1, None), (None, 5, None), (2, 1, "A"), (2, 1, None)]]
    assert [(p.line, p.column, p.field) for p in sort_problems(at)] == [
        (None, 5, None), (1, 1, None), (2, 1, None), (2, 1, "A")]
