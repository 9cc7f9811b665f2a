"""The maintainer workflow as shipped: the GitHub workflows, the pre-commit hook and the guide.

The key test runs the pull-request workflow's own validate command, read from ``.github/workflows/pr.yml``,
on a copy of the real data with deliberate mistakes, and checks that GitHub would pin each annotation to the
line of the mistake.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from generator.core.messages import CATALOGUE

WORKFLOWS = ROOT / ".github" / "workflows"
SESSION = "datasets/giam-sat/sessions/2024-06-11-cchc.yaml"
RESULTS = "datasets/chi-so/data/results.csv"


def workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text("utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(data: dict) -> list[dict]:
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def step(data: dict, step_id: str) -> dict:
    return next(s for s in steps(data) if s.get("id") == step_id)


def run_line(command: str, cwd: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    """Run a workflow ``run:`` line as GitHub does (bash -eo pipefail), with `minhbach` being this checkout."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    shim = bin_dir / "minhbach"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m generator "$@"\n', "utf-8")
    shim.chmod(0o755)
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "PYTHONPATH": str(ROOT), "MINHBACH_BUILD_DATE": "2026-11-26",
           "HOME": str(tmp_path)}
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", command], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """What actions/checkout gives the workflow: here, the repository's datasets in a fresh folder."""
    root = tmp_path / "checkout"
    shutil.copytree(ROOT / "datasets", root / "datasets")
    return root


def break_line(path: Path, old: str, new: str) -> tuple[int, int]:
    """Replace the first ``old`` with ``new``; return the 1-based line and column where ``new`` starts."""
    text = path.read_text("utf-8")
    offset = text.index(old)
    path.write_text(text.replace(old, new, 1), "utf-8")
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def test_the_pr_validate_step_annotates_the_broken_lines(checkout, tmp_path):
    command = step(workflow("pr.yml"), "validate")["run"]
    assert "--format github" in command
    session_line, session_col = break_line(checkout / SESSION, "addressees: [STC]", "addressees: [SNVV]")
    results_line, _ = break_line(checkout / RESULTS, "PAR_INDEX,2012,province,77,", "PAR_INDEX,20x2,province,77,")
    result = run_line(command, checkout, tmp_path)
    assert result.returncode == 1, result.stderr
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    column = session_col + len("addressees: [")
    assert (f"::error file={SESSION},line={session_line},col={column},title=unknown-reference::'SNVV' "
            in result.stdout), annotations
    year = f"::error file={RESULTS},line={results_line},col={len('PAR_INDEX,') + 1},title=type-error::"
    assert any(a.startswith(year) and "'20x2'" in a for a in annotations), annotations
    assert len(annotations) == 2, annotations


def test_the_pr_validate_step_passes_on_the_real_data(checkout, tmp_path):
    result = run_line(step(workflow("pr.yml"), "validate")["run"], checkout, tmp_path)
    assert result.returncode == 0, result.stdout
    assert "::error" not in result.stdout


def test_the_pr_workflow_installs_validates_builds_and_uploads_a_preview():
    data = workflow("pr.yml")
    assert "pull_request" in data["on"]
    runs = [s.get("run", "") for s in steps(data)]
    assert runs.index("pip install -e .") < runs.index("minhbach validate --format github")
    assert runs.index("minhbach validate --format github") < next(i for i, r in enumerate(runs)
                                                                   if r.startswith("minhbach build"))
    upload = next(s for s in steps(data) if s.get("uses", "").startswith("actions/upload-artifact@"))
    built = next(r for r in runs if r.startswith("minhbach build")).split("--out")[1].strip()
    assert upload["with"]["path"].rstrip("/") == built
    assert data["permissions"] == {"contents": "read"}


def test_the_deploy_workflow_publishes_main_to_pages():
    data = workflow("deploy.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    uses = [s.get("uses", "").split("@")[0] for s in steps(data)]
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in uses
    deploy = data["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    runs = [s.get("run", "") for s in steps(data)]
    assert "minhbach validate --format github" in runs


@pytest.mark.parametrize("name", ["pr.yml", "deploy.yml"])
def test_only_official_actions_pinned_to_a_full_sha_with_the_version(name):
    lines = [line for line in (WORKFLOWS / name).read_text("utf-8").splitlines() if "uses:" in line]
    assert lines
    for line in lines:
        assert re.fullmatch(r"\s+(- )?uses: actions/[a-z-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line), line


def test_the_pre_commit_hook_validates_the_datasets(checkout, tmp_path):
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    hook = next(h for h in hooks if h["id"] == "minhbach-validate")
    assert hook["pass_filenames"] is False
    assert re.search(hook["files"], "datasets/giam-sat/sessions/2024-06-11-cchc.yaml")
    assert not re.search(hook["files"], "generator/cli.py")
    assert run_line(hook["entry"], checkout, tmp_path).returncode == 0
    line, column = break_line(checkout / SESSION, "addressees: [STC]", "addressees: [SNVV]")
    result = run_line(hook["entry"], checkout, tmp_path)
    assert result.returncode == 1 and f"2024-06-11-cchc.yaml:{line}:{column + len('addressees: [')}:" in result.stdout


def test_the_guide_has_a_pre_commit_config_that_uses_the_hook():
    guide = (ROOT / "docs" / "huong-dan.md").read_text("utf-8")
    block = re.search(r"```yaml\n(# \.pre-commit-config\.yaml.*?)```", guide, re.S)
    assert block, "docs/huong-dan.md has no .pre-commit-config.yaml example"
    config = yaml.safe_load(block.group(1))
    hooks = [h for repo in config["repos"] for h in repo["hooks"]]
    assert any(h["id"] == "minhbach-validate" and h.get("entry", "minhbach validate") == "minhbach validate"
               for h in hooks)


def test_the_guide_links_every_problem_code_and_is_in_the_nav():
    guide = (ROOT / "docs" / "huong-dan.md").read_text("utf-8")
    linked = set(re.findall(r"\(problems\.md#([a-z-]+)\)", guide))
    assert set(CATALOGUE) - linked == set()
    assert linked - set(CATALOGUE) == set()
    # Only the nav section: the rest of mkdocs.yml may use tags that plain YAML does not know.
    nav = yaml.safe_load("nav:" + (ROOT / "mkdocs.yml").read_text("utf-8").split("\nnav:", 1)[1])
    about = next(item["Giới thiệu"] for item in nav["nav"] if isinstance(item, dict) and "Giới thiệu" in item)
    assert "huong-dan.md" in [next(iter(e.values())) if isinstance(e, dict) else e for e in about]
