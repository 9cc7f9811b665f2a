"""Mutation testing, module by module: does some test fail when the code breaks?

Not part of the default test command (it takes minutes per module). Needs mutmut 3
(``pip install -e ".[mutation]"``). Run from the repository root:

    python tests/mutation.py --list              # the groups: modules and the fast tests that cover them
    python tests/mutation.py claims problems     # some groups
    python tests/mutation.py                     # every group (an hour or more on two cores)

Each group runs in its own scratch copy of the repository (``$TMPDIR/minhbach-mutation/<group>``): mutmut
writes a ``mutants/`` folder and reads its settings from ``pyproject.toml``, and each group needs its own test
selection, so the copy's ``pyproject.toml`` gets a ``[tool.mutmut]`` table for that group alone. The script
prints a kill rate per module and, for each survivor, the command that shows its diff. docs/testing.md says
how to read a survivor and lists the ones that are equivalent.

Only fast, in-process tests are selected: mutmut runs, per mutant, the selected tests that reached the mutated
function, in a forked process; a test that starts a subprocess would not see the mutant.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

UNITS = "tests/test_charts_render_units.py"
# The fast, in-process tests of the change log (test_changes and test_corrections without their site builds); the
# history group leaves out test_corrections' nine (each runs a whole validation), which reach it through rewrites.py.
CHANGES_TESTS = tuple(
    [f"tests/test_changes.py::test_{name}" for name in (
        "a_release_counts_the_rows_added_removed_and_changed", "a_package_without_version_has_a_release_per_commit",
        "changes_csv_has_one_line_per_row_change", "commits_after_the_last_version_are_listed_as_unreleased",
        "rows_without_a_primary_key_are_compared_whole_and_new_columns_are_not_row_changes",
        "without_git_the_history_is_empty_with_its_reason", "a_repository_without_commits_or_with_a_shallow_history",
        "a_compressed_resource_is_compared_between_releases_as_its_rows",
        "a_version_that_cannot_be_read_whole_is_unreadable_not_a_partial_count")]
    + [f"tests/test_corrections.py::test_{name}" for name in (
        "a_changed_number_needs_a_correction_note_and_a_new_row_does_not",
        "a_removed_row_that_stated_a_number_needs_a_note_at_the_descriptor",
        "a_status_entry_or_a_fact_value_changed_or_removed_needs_a_note", "a_new_status_entry_is_an_update",
        "a_correction_that_matches_nothing_and_one_without_a_note_are_reported",
        "a_later_rewrite_of_the_same_row_needs_a_new_note",
        "a_package_without_version_is_checked_against_the_release_before_its_last_commit",
        "a_reworded_key_or_a_text_value_is_no_rewrite_of_a_number")])

# group -> (modules to mutate, the test files (or node ids) that exercise them quickly)
GROUPS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "text": (("generator/core/text.py",), ("tests/test_render_text.py", "tests/test_core_units.py")),
    "claims": (("generator/core/claims.py",), (
        "tests/test_claims.py", "tests/test_core_units.py", "tests/test_rerun_units.py", "tests/test_validate_units.py",
        "tests/test_non_finite.py::test_a_text_that_reads_as_a_number_that_is_not_finite",
        "tests/test_non_finite.py::test_a_claim_holds_no_number_that_is_not_finite_and_a_ranking_never_raises")),
    "locale": (("generator/core/locale.py",), (
        "tests/test_i18n.py", "tests/test_claims.py", "tests/test_render_text.py", "tests/test_core_units.py",
        "tests/test_rerun_units.py",
        "tests/test_non_finite.py::test_the_locale_writes_any_number_cell_without_raising",
        "tests/test_non_finite.py::test_a_signed_change_that_is_not_finite_or_long")),
    "render": (("generator/core/render/jinja.py", "generator/core/render/links.py"),
               ("tests/test_render_text.py", "tests/test_core_units.py")),
    "problems": (("generator/core/problems.py",), ("tests/test_problems.py", "tests/test_core_units.py")),
    "messages": (("generator/core/messages.py",), ("tests/test_problems.py", "tests/test_core_units.py",
                                                   "tests/test_validate_units.py")),
    "urls": (("generator/core/checks/urls.py",), ("tests/test_core_units.py",)),
    "read-files": (("generator/core/read/files.py",), ("tests/test_read_files.py", "tests/test_load.py",
                                                       "tests/test_core_units.py", "tests/test_peer_fidelity.py",
                                                       "tests/test_problem_codes.py")),
    "supervision-model": (("generator/supervision/model.py",), ("tests/test_supervision_model.py",
                                                                "tests/test_supervision.py", "tests/test_claims.py")),
    "supervision-records": (("generator/supervision/records.py",), (
        "tests/test_supervision_model.py", "tests/test_supervision.py", "tests/test_cache_units.py",
        "tests/test_checks_units.py", "tests/test_problem_codes.py")),
    "supervision-summary": (("generator/supervision/summary.py", "generator/supervision/derived.py"),
                            ("tests/test_supervision_model.py", "tests/test_tracker.py", "tests/test_supervision.py")),
    "indicators-model": (("generator/indicators/model.py", "generator/indicators/charts.py"),
                         ("tests/test_indicators_model.py", "tests/test_indicators_charts.py",
                          "tests/test_indicators.py", "tests/test_claims.py")),
    # The checks' unit tests only: the pipeline-level cases (test_problem_codes, test_load...) also reach these
    # modules but run Frictionless, some seconds per mutant times ~900 mutants of descriptor.py.
    # Not the constraint-reading test that runs a second process: it would import the copy without mutmut's runtime.
    "checks-descriptor": (("generator/core/checks/descriptor.py",), ("tests/test_checks_units.py", *(
        f"tests/test_constraint_checks.py::test_{name}" for name in (
            "a_pattern_that_is_no_regular_expression_is_named_with_the_reason",
            "a_bound_not_of_the_columns_type_is_named_with_the_type",
            "a_column_without_a_type_is_a_string_and_each_enum_item_is_checked_at_its_place",
            "the_columns_format_is_how_its_bounds_are_read",
            "constraints_frictionless_does_not_apply_to_the_type_are_left_alone",
            "a_column_frictionless_refuses_has_its_own_problem_only",
            "a_schema_files_constraints_are_placed_in_it_and_a_field_that_is_no_mapping_is_passed_over",
            "usable_constraints_and_constraints_that_are_no_mapping_say_nothing",
            "a_bound_given_as_a_list_is_one_value_that_is_not_of_the_type",
            "a_column_without_a_name_is_still_checked", "every_unreadable_bound_is_named",
            "a_column_s_reading_is_taken_from_the_cache_once_stored")))),
    "checks-rows": (("generator/core/checks/crossrefs.py", "generator/core/checks/rules.py",
                     "generator/core/checks/formulas.py", "generator/core/checks/offline.py"),
                    ("tests/test_checks_units.py",)),
    "checks-metadata": (("generator/core/checks/metadata.py",), ("tests/test_checks_units.py",)),
    "checks-chunked": (("generator/core/checks/chunked.py",), ("tests/test_checks_units.py",
                                                               "tests/test_chunked_validation.py")),
    "checks-validate": (("generator/core/checks/validate.py", "generator/core/checks/numbers.py"),
                        ("tests/test_checks_units.py", "tests/test_validate_units.py",
                         "tests/test_chunked_validation.py")),
    "read-tree": (("generator/core/read/tree.py",), ("tests/test_read_units.py", "tests/test_tree.py")),
    "read-formats": (("generator/core/read/formats.py",), ("tests/test_read_units.py",)),
    "read-jsonrows": (("generator/core/read/jsonrows.py",), ("tests/test_read_units.py",)),
    "read-typed": (("generator/core/read/typed.py",), ("tests/test_read_units.py", "tests/test_supervision.py")),
    "read-limits": (("generator/core/read/limits.py",), ("tests/test_read_units.py", "tests/test_tree.py")),
    "read-table": (("generator/core/read/table.py",), ("tests/test_read_units.py", "tests/test_load.py")),
    "read-records": (("generator/core/read/records.py",), ("tests/test_read_units.py", "tests/test_load.py")),
    "read-package": (("generator/core/read/package.py",), ("tests/test_read_units.py", "tests/test_load.py")),
    # The caches' unit tests only: test_deps, test_build_stamp and test_incremental build sites (MkDocs, or a
    # subprocess per build), seconds to minutes per mutant.
    "cache": (("generator/core/cache.py",), ("tests/test_cache.py", "tests/test_cache_units.py",
                                            "tests/test_validation_cache.py")),
    "deps": (("generator/core/deps.py",), ("tests/test_cache_units.py",)),
    "page-cache-stamp": (("generator/core/page_cache.py", "generator/core/build_stamp.py"),
                         ("tests/test_cache_units.py",)),
    # The feature models: their unit tests, and of the older tests only those that build no site.
    "catalogue-model": (("generator/catalogue/model.py",), ("tests/test_feature_models.py",)),
    "changes-model": (("generator/changes/model.py",), (
        "tests/test_feature_models.py",
        "tests/test_changes.py::test_a_release_counts_the_rows_added_removed_and_changed",
        "tests/test_changes.py::test_a_package_without_version_has_a_release_per_commit",
        "tests/test_changes.py::test_commits_after_the_last_version_are_listed_as_unreleased",
        "tests/test_changes.py::test_rows_without_a_primary_key_are_compared_whole_and_new_columns_are_not_row_changes")),
    "directory-model": (("generator/directory/model.py", "generator/directory/figures.py",
                         "generator/directory/rules.py"), (
        "tests/test_feature_models.py", "tests/test_rerun_units.py",
        # the checks of the site's own packages (pipeline.check, in-process, well under a second each)
        "tests/test_non_finite.py::test_each_cell_of_an_own_package_that_is_not_finite_is_an_error_at_its_place",
        "tests/test_non_finite.py::test_an_integer_too_large_to_draw_is_an_error_too",
        "tests/test_non_finite.py::test_the_same_cells_in_a_generic_package_are_published_as_written",
        "tests/test_non_finite.py::test_a_package_that_declares_nan_a_missing_value_has_gaps_there",
        "tests/test_non_finite.py::test_inline_data_of_an_own_package_is_reported_at_its_descriptor")),
    "gaps-agencies": (("generator/gaps/model.py", "generator/gaps/collect.py", "generator/agencies/model.py"),
                      ("tests/test_feature_models.py",)),
    "autochart": (("generator/catalogue/autochart.py",), ("tests/test_feature_models.py", "tests/test_rerun_units.py")),
    # The build's own tests of the output folder (test_site_safety, test_build_integrity) build whole sites or
    # start processes: its group runs the unit tests alone.
    "output-folder": (("generator/core/output_folder.py",), ("tests/test_plumbing_units.py",)),
    "datasets-feature": (("generator/core/datasets.py", "generator/core/feature.py"),
                         ("tests/test_plumbing_units.py", "tests/test_load.py", "tests/test_validation_cache.py")),
    # What a preview keeps between builds: the store's own tests (test_kept.py's whole-build tests take a minute).
    "kept": (("generator/core/kept.py",), tuple(f"tests/test_kept.py::{name}" for name in (
        "test_a_value_is_made_once_while_its_key_is_asked_for", "test_what_a_build_did_not_use_is_let_go",
        "test_a_build_that_asks_for_nothing_lets_nothing_go", "test_by_identity_is_the_same_objects_not_equal_ones",
        "test_nothing_is_kept_unless_a_process_asks", "test_hits_and_misses_are_counted_per_build",
        "test_identity_entries_are_apart_by_namespace_and_by_source",
        "test_an_edited_file_is_read_again_and_an_unchanged_one_is_not",
        "test_a_value_read_while_its_file_was_saved_is_not_kept",
        "test_a_value_that_keep_if_refuses_is_this_builds_only"))),
    # Not test_progress's timing test: it asks for a process older than 0.2 s, and mutmut forks one per mutant.
    "core-small": (("generator/core/edit.py", "generator/core/timing.py", "generator/core/settings.py",
                    "generator/core/progress.py", "generator/core/files.py", "generator/core/flags.py"),
                   ("tests/test_plumbing_units.py",
                    "tests/test_progress.py::test_plain_lines_every_tenth_with_time_left",
                    "tests/test_progress.py::test_terminal_rewrites_one_line_and_ends_it",
                    "tests/test_sharing.py::test_edit_base_follows_mkdocs_repo_url_and_edit_uri",
                    "tests/test_sharing.py::test_edit_links_name_the_file_from_the_repository_root_and_the_line")),
    # The charts and the render helpers: tests/test_charts_render_units.py draws tiny charts (text kept as text in
    # the SVG) and checks what they say; the golden and cache tests of test_charts.py draw the three kinds.
    "render-raw": (("generator/core/render/raw.py",), (UNITS, "tests/test_render_text.py",
                                                      "tests/test_site_safety.py::test_a_templates_raw_markers_become_the_builds_own")),
    "render-archive": (("generator/core/render/archive.py",), (UNITS,
                                                              "tests/test_downloads.py::test_zips_depend_only_on_their_files")),
    "charts-spec": (("generator/core/charts/spec.py",), (UNITS, "tests/test_indicators_charts.py",
                                                        "tests/test_charts.py::test_gaps_stay_gaps")),
    "render-output": (("generator/core/render/output.py", "generator/core/render/embed.py",
                       "generator/core/render/share.py"),
                      (UNITS, "tests/test_sharing.py::test_a_card_draws_text_from_data_on_one_line")),
    "charts-card": (("generator/core/charts/card.py", "generator/core/charts/measure.py",
                     "generator/core/charts/palette.py"),
                    (UNITS,
                     "tests/test_sharing.py::test_a_card_is_drawn_the_same_every_time_and_says_what_it_is_given")),
    "charts-draw": (("generator/core/charts/draw.py",),
                    (UNITS, "tests/test_charts.py::test_each_chart_kind_matches_its_golden_svg",
                     "tests/test_sharing.py::test_a_card_is_drawn_the_same_every_time_and_says_what_it_is_given")),
    "mkdocs-compact": (("generator/mkdocs/compact.py",), ("tests/test_compact_units.py",)),
    "charts-renderer": (("generator/core/charts/renderer.py",),
                        (UNITS, "tests/test_charts.py::test_cache_renders_each_chart_once")),
    # The change log: git runs in subprocesses only to make and read the test repositories (the mutated code
    # runs in-process); the tests that build a site (MkDocs, seconds each) are left out.
    "changes-history": (("generator/changes/history.py",), ("tests/test_changelog_units.py", *CHANGES_TESTS[:9])),
    "changes-corrections": (("generator/changes/corrections.py",), ("tests/test_changelog_units.py", *CHANGES_TESTS)),
    "changes-rewrites": (("generator/changes/rewrites.py",), ("tests/test_changelog_units.py", *CHANGES_TESTS)),
    "site-urls": (("generator/urls.py",), ("tests/test_changelog_units.py",)),
}

# What the tests read besides the package and themselves: the real data (tests of it read <root>/datasets), and the
# MkDocs configs with the docs folder they name. Copied into the scratch copy, and by mutmut into mutants/.
ALSO_COPY = ("datasets", "docs", "mkdocs.yml", "mkdocs.en.yml")
STATUS = re.compile(r"^\s*(?P<name>\S+?): (?P<status>.+)$")


def mutmut_table(modules: tuple[str, ...], tests: tuple[str, ...]) -> str:
    quoted = lambda items: "[" + ", ".join(f'"{item}"' for item in items) + "]"  # noqa: E731
    return ("\n[tool.mutmut]\n"
            'source_paths = ["generator"]\n'
            f"also_copy = {quoted(ALSO_COPY)}\n"
            f"only_mutate = {quoted(modules)}\n"
            f"pytest_add_cli_args = {quoted(('-p', 'no:cacheprovider', '-n', '0', '-q'))}\n"
            f"pytest_add_cli_args_test_selection = {quoted(tests)}\n")


def scratch_copy(group: str) -> Path:
    """A fresh copy of what the tests read: the package, the tests, the real data, the docs and the MkDocs
    configs, the project file."""
    work = Path(tempfile.gettempdir()) / "minhbach-mutation" / group
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("generator", "tests", *ALSO_COPY):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, work / name, ignore=ignore)
        else:
            shutil.copy2(ROOT / name, work / name)
    modules, tests = GROUPS[group]
    (work / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text("utf-8") + mutmut_table(modules, tests),
                                         "utf-8")
    return work


def run_group(group: str, children: int) -> Counter:
    work = scratch_copy(group)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", HYPOTHESIS_PROFILE="mutation")  # see tests/conftest.py
    env.pop("PYTHONPATH", None)  # the copy's own package (mutants/) must be the one imported
    mutmut = [sys.executable, "-m", "mutmut"]
    subprocess.run([*mutmut, "run", "--max-children", str(children)], cwd=work, env=env,
                   stdout=subprocess.DEVNULL, check=False)
    listing = subprocess.run([*mutmut, "results", "--all", "true"], cwd=work, env=env, capture_output=True,
                             text=True, check=False).stdout
    counts: Counter = Counter()
    for line in listing.splitlines():
        match = STATUS.match(line)
        if not match:
            continue
        module = re.split(r"\.x[_ǁ]", match["name"], maxsplit=1)[0]  # generator.core.text.x_slug__mutmut_3
        counts[(module, match["status"])] += 1
        if match["status"] != "killed":
            print(f"  {match['status']:>10}  (cd {work} && mutmut show {match['name']})")
    return counts


def report(counts: Counter) -> None:
    modules = sorted({module for module, _ in counts})
    print("\n| module | mutants | killed | survived | no tests | other | kill rate |\n|---|---|---|---|---|---|---|")
    for module in modules:
        by = {status: n for (m, status), n in counts.items() if m == module}
        total = sum(by.values())
        other = total - by.get("killed", 0) - by.get("survived", 0) - by.get("no tests", 0)
        print(f"| {module} | {total} | {by.get('killed', 0)} | {by.get('survived', 0)} | {by.get('no tests', 0)} "
              f"| {other} | {100 * by.get('killed', 0) / total:.1f} % |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("groups", nargs="*", help=f"groups to run (default: all): {', '.join(GROUPS)}")
    parser.add_argument("--list", action="store_true", help="print the groups and exit")
    parser.add_argument("--children", type=int, default=1, help="mutants tested at once (default 1)")
    args = parser.parse_args(argv)
    if args.list:
        for group, (modules, tests) in GROUPS.items():
            print(f"{group}: {' '.join(modules)}  <-  {' '.join(tests)}")
        return 0
    unknown = [g for g in args.groups if g not in GROUPS]
    if unknown:
        parser.error(f"unknown group(s) {', '.join(unknown)}; see --list")
    counts: Counter = Counter()
    for group in args.groups or list(GROUPS):
        print(f"== {group}", flush=True)
        counts += run_group(group, args.children)
    report(counts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
