import io

from generator.core.progress import Progress


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_plain_lines_every_tenth_with_time_left():
    stream, clock = io.StringIO(), Clock()
    progress = Progress("charts", 40, stream, clock)
    for _ in range(40):
        clock.now += 0.5
        progress.advance()
    lines = stream.getvalue().splitlines()
    assert len(lines) == 10
    assert lines[0] == "minhbach: charts 4/40 (2.0 s, ~18 s left)"
    assert lines[-1] == "minhbach: charts 40/40 (20.0 s, ~0 s left)"


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_terminal_rewrites_one_line_and_ends_it():
    stream, clock = Terminal(), Clock()
    progress = Progress("pages", 3, stream, clock)
    for _ in range(3):
        clock.now += 1
        progress.advance()
    text = stream.getvalue()
    assert text.count("\r") == 3 and text.endswith("pages 3/3 (3.0 s, ~0 s left)\n")
