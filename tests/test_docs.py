"""Docs as tests: every problem code and CLI option is documented."""

import re

from conftest import ROOT

from generator.cli import parser
from generator.core.checks.descriptor import NAME
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


def test_the_names_the_data_format_allows_are_those_the_checks_allow():
    """data-format.md said a package's name is ``^[a-z0-9-]+$`` while descriptor-name (problems.md) allowed '_' and
    '.', as the checks do: ``my.pkg_1`` with a table ``res.one_a`` publishes."""
    data_format = (ROOT / "docs" / "data-format.md").read_text("utf-8")
    assert f"`{NAME.pattern}`" in data_format and "`^[a-z0-9-]+$`" not in data_format
    assert all(NAME.match(name) for name in ("my.pkg_1", "res.one_a")) and "`my.pkg_1`" in data_format
    problems = (ROOT / "docs" / "problems.md").read_text("utf-8")
    assert "lower-case ASCII letters, digits, '-', '_' or '.', and do not start with '.'" in problems
