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


def test_the_first_build_of_a_process_counts_its_start_up_and_a_rebuild_in_it_does_not():
    """``minhbach serve`` builds again in the same process after each save: counted from the process's start, a
    rebuild reported the minutes the preview had been open as its ``startup_s`` (13.4 s on the real site)."""
    from generator.core.timing import Stages, process_age

    age = process_age()
    assert age is not None and age > 0.2  # this test's process has imported pytest and the generator
    first, rebuild = Stages(), Stages(since_process_start=False)
    assert abs(first.seconds["startup_s"] - age) < 0.1
    assert rebuild.seconds["startup_s"] < 0.05 and rebuild.total() < first.total() - 0.1
