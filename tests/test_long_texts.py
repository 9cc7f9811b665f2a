"""A session text longer than MAX_TEXT_CHARS is a located error, as a CSV cell is; and a share card draws any text,
however long, measuring no more of it than its lines could show. One word of a million letters passed validate,
then held a build 90 s and 1.6 GB before Pillow refused to measure it for the card: exit 2, no place (hostile audit
3, #5)."""

from __future__ import annotations

import time

from conftest import SESSION, settings_for, write

from generator import pipeline
from generator.core.charts import card
from generator.core.charts.spec import Card, CardBar
from generator.core.read.limits import MAX_CELL_CHARS, MAX_TEXT_CHARS
from generator.supervision.records import CodeLists, read_session

CODES = CodeLists(agencies=frozenset({"SNV", "STC"}), sources=frozenset({"seed", "sggp"}), documents=frozenset(),
                  statuses=frozenset({"dinh_hoan"}), forms=frozenset({"giam_sat_chuyen_de"}))


def _line(text: str, start: str) -> int:
    """The line of ``text`` (as written: its first line break dropped) that starts with ``start``."""
    return text.lstrip("\n").splitlines().index(next(line for line in text.lstrip("\n").splitlines()
                                                     if line.startswith(start))) + 1


def _problems(tmp_path, text):
    path = write(tmp_path / "datasets" / "giam-sat" / "sessions" / "s.yaml", text)
    found = read_session(path, CODES, settings_for(tmp_path / "datasets", cache_validation=False))
    return [(p.code, p.line, p.field, p.params_dict().get("limit")) for p in found.problems]


def test_a_session_text_over_the_limit_is_an_error_at_its_key(tmp_path):
    assert MAX_TEXT_CHARS == MAX_CELL_CHARS == 100_000
    text = SESSION.replace("topic_vi: Cải cách hành chính", "topic_vi: " + "x" * 1_000_001)
    assert _problems(tmp_path, text) == [("text-too-large", _line(text, "topic_vi"), "topic_vi", "100000")]
    text = SESSION.replace("    text_vi: Tài sản công", '    text_vi: "' + "y " * 50_001 + '"')
    assert _problems(tmp_path, text) == [("text-too-large", _line(text, '    text_vi: "y'), "text_vi", "100000")]


def test_a_text_at_the_limit_and_a_long_key_are_read_as_the_rest(tmp_path):
    text = SESSION.replace("topic_vi: Cải cách hành chính", "topic_vi: " + "x" * MAX_TEXT_CHARS)
    assert _problems(tmp_path, text) == []
    text = SESSION + "? " + "k" * 100_001 + "\n: 1\n"  # a key that long is written as an explicit one
    assert ("text-too-large", _line(text, "? k"), "k" * 79 + "…", "100000") in _problems(tmp_path, text)


def test_validate_refuses_the_million_letter_word_before_any_build(project):
    path = project / "giam-sat" / "sessions" / "2024-06-11-test.yaml"
    path.write_text(path.read_text("utf-8").replace("Cải cách hành chính", "x" * 1_000_001), "utf-8")
    found = [(p.code, p.line) for p in pipeline.check(settings_for(project)).problems]
    assert found == [("text-too-large", _line(SESSION, "topic_vi"))]


def test_a_card_draws_a_text_of_any_length_measuring_only_what_its_lines_show():
    started = time.perf_counter()
    drawn = Card("x", "x" * 1_000_001, "y " * 600_000, "z" * 2_000_000, (CardBar("w" * 1_500_000, 3),), "site")
    assert card.png(drawn) and card.svg(drawn)
    lines = [line.text for line in card.layout(drawn).lines]
    assert len(lines) == 8 and lines[7] == "site"  # three lines of title, two of headline, the detail, the key
    assert [text.endswith("…") for text in lines[:7]] == [False, False, True, False, True, True, True]
    assert all(card.text_width(text, line.size, line.bold) <= card.WIDTH
               for text, line in zip(lines, card.layout(drawn).lines, strict=True))
    assert time.perf_counter() - started < 30
    assert card.wrapped("Cải cách hành chính", card.TITLE, 3) == ["Cải cách hành chính"]  # a short text as it was
