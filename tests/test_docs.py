"""Docs as tests: every problem code and CLI option is documented."""

import re

from conftest import ROOT

from generator.cli import parser
from generator.core.messages import CATALOGUE


def test_every_problem_code_is_in_the_docs():
    documented = set(re.findall(r"^## `([a-z-]+)`", (ROOT / "docs" / "problems.md").read_text("utf-8"), re.M))
    assert set(CATALOGUE) - documented == set()
    assert documented - set(CATALOGUE) == set()


def test_every_cli_option_is_in_the_readme():
    readme = (ROOT / "README.md").read_text("utf-8")
    for command, sub in parser()._subparsers._group_actions[0].choices.items():
        assert f"minhbach {command}" in readme
        for action in sub._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert option in readme, f"{command} {option}"
