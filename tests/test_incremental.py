"""An incremental build gives the bytes of a cold build (issue 17).

A build reuses what the previous one made: pages whose inputs did not change (the dependency map,
``core/deps.py``), their HTML (the page cache), charts, downloads and the files of the previous site. This test
is the contract all of that must keep: after a random sequence of edits (rows edited, added and removed; a
session added and deleted; a UI string changed; a template changed), the site built incrementally, with the
cache and the output folder of every build before it, is byte for byte the site a build with an empty cache
and an empty output folder makes from the same files.

Each example copies the generator (its locale files and templates are edited too), the MkDocs configs, the
hand-written docs and a datasets folder into a temporary workspace and runs the real CLI there in a
subprocess, so that nothing a previous build left in memory can help. Two projects: the small fixture
project of ``conftest.py`` and a copy of the real ``datasets/`` (indices, charts, every kind of page).

More examples for a deeper local run: ``MINHBACH_INCREMENTAL_EXAMPLES=25 pytest tests/test_incremental.py``.
Under the suite's default Hypothesis profile (``ci``) the examples are derandomized, so a failure in CI is the
same failure on a laptop; ``HYPOTHESIS_PROFILE=explore`` draws new ones.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import random
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from conftest import ROOT, make_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("MINHBACH_INCREMENTAL_EXAMPLES", "3"))
# Derandomized or not as the suite's Hypothesis profile says (conftest.py: "ci", the default, tries the same
# sequences on every run; "explore" draws new ones): a CI run must not try different edits each time.
SETTINGS = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
BUILD_DATE = "2026-11-26"
# Strings every site shows, so that changing them changes pages of that language.
LOCALE_KEYS = ("supervision.tracker", "common.source", "common.agency")
TEMPLATES = ("agencies/templates/agency.md.j2", "supervision/templates/session.md.j2",
             "catalogue/templates/dataset.md.j2")


@dataclass
class Workspace:
    """A copy of the generator, configs, docs and a datasets folder, built with the real CLI."""

    root: Path
    added: list[str]  # what the edits added and may remove again (agency codes, session files)

    @property
    def datasets(self) -> Path:
        return self.root / "datasets"

    @property
    def code(self) -> Path:
        return self.root / "code"

    def build(self, out: Path, cache: Path) -> subprocess.CompletedProcess:
        env = {**os.environ, "PYTHONPATH": str(self.code), "NO_MKDOCS_2_WARNING": "1"}
        for name in ("MINHBACH_BUILD_DATE", "SOURCE_DATE_EPOCH"):
            env.pop(name, None)
        command = [sys.executable, "-m", "generator", "build", "--datasets", str(self.datasets), "--out", str(out),
                   "--cache-dir", str(cache), "--config", str(self.code / "mkdocs.yml"), "--build-date", BUILD_DATE,
                   "--jobs", "2"]
        return subprocess.run(command, cwd=self.root, env=env, capture_output=True, text=True, check=False)


def workspace(root: Path, real: bool) -> Workspace:
    code = root / "code"
    shutil.copytree(ROOT / "generator", code / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs", code / "docs")
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy(ROOT / name, code / name)
    if real:
        shutil.copytree(ROOT / "datasets", root / "datasets")
    else:
        make_project(root / "datasets")
    return Workspace(root, [])


# Edits. Each keeps the data valid: the property is about builds that succeed.

def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def _write_rows(path: Path, header: list[str], rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([header, *rows])
    path.write_text(buffer.getvalue(), encoding="utf-8")


def edit_row(ws: Workspace, n: int) -> str:
    """Change one cell: a score in the indices' results (real data) or an agency's name."""
    results = ws.datasets / "chi-so" / "data" / "results.csv"
    if results.is_file():
        header, rows = _rows(results)
        score = header.index("score")
        scored = [row for row in rows if row[score]]
        row = scored[n % len(scored)]
        row[score] = f"{float(row[score]) + 0.01 * (1 + n % 7):.2f}"
        _write_rows(results, header, rows)
        return f"results score of {row[:4]}"
    agencies = ws.datasets / "co-quan" / "data" / "agencies.csv"
    header, rows = _rows(agencies)
    row = rows[n % len(rows)]
    row[header.index("name_vi")] += f" ({n})"
    _write_rows(agencies, header, rows)
    return f"agency name of {row[0]}"


def add_row(ws: Workspace, n: int) -> str:
    """A new agency: a copy of an existing row under a new code (nothing refers to it yet)."""
    agencies = ws.datasets / "co-quan" / "data" / "agencies.csv"
    header, rows = _rows(agencies)
    row = list(rows[n % len(rows)])
    code = f"SYN{len(ws.added)}X{n % 1000}"
    if any(r[0] == code for r in rows):
        return "none (code taken)"
    row[0] = code
    row[header.index("name_vi")] = f"Cơ quan thử {code}"
    row[header.index("name_en")] = f"Test agency {code}"
    for column in ("parent_code", "successor_code"):
        if column in header:
            row[header.index(column)] = ""
    rows.insert(n % (len(rows) + 1), row)
    _write_rows(agencies, header, rows)
    ws.added.append(f"agency:{code}")
    return f"agency {code}"


def remove_row(ws: Workspace, n: int) -> str:
    """Remove an agency an edit added, or else a row nothing refers to (a result, a source of the fixture)."""
    added = [a for a in ws.added if a.startswith("agency:")]
    if added:
        code = added[n % len(added)].partition(":")[2]
        ws.added.remove(f"agency:{code}")
        agencies = ws.datasets / "co-quan" / "data" / "agencies.csv"
        header, rows = _rows(agencies)
        _write_rows(agencies, header, [row for row in rows if row[0] != code])
        return f"agency {code}"
    results = ws.datasets / "chi-so" / "data" / "results.csv"
    if results.is_file():
        header, rows = _rows(results)
        removed = rows.pop(n % len(rows))
        _write_rows(results, header, rows)
        return f"result {removed[:4]}"
    return "none"


def add_session(ws: Workspace, n: int) -> str:
    """A copy of an existing session under a new id and file name."""
    folder = ws.datasets / "giam-sat" / "sessions"
    sources = sorted(p for p in folder.glob("*.yaml"))
    source = sources[n % len(sources)]
    number = len(ws.added) * 1000 + n % 1000
    text = source.read_text("utf-8")
    first_id = next(line for line in text.splitlines() if line.startswith("id:"))
    text = text.replace(first_id, f"id: GS-THU-{number}", 1)
    path = folder / f"2099-thu-{number}.yaml"
    if path.exists():
        return "none (file taken)"
    path.write_text(text, encoding="utf-8")
    ws.added.append(f"session:{path.name}")
    return f"session {path.name}"


def delete_session(ws: Workspace, n: int) -> str:
    added = [a for a in ws.added if a.startswith("session:")]
    if not added:
        return "none"
    name = added[n % len(added)]
    ws.added.remove(name)
    (ws.datasets / "giam-sat" / "sessions" / name.partition(":")[2]).unlink()
    return name


def change_locale(ws: Workspace, n: int) -> str:
    lang = ("vi", "en")[n % 2]
    key = LOCALE_KEYS[n % len(LOCALE_KEYS)]
    path = ws.code / "generator" / "locales" / f"{lang}.yaml"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith(f"{key}:"):
            name, _, value = line.rstrip("\n").partition(":")
            value = value.strip()
            quote = value[:1] if value[:1] in "'\"" else ""
            inner = value[1:-1] if quote else value
            lines[i] = f"{name}: {quote}{inner} ({n}){quote}\n"
            break
    else:
        raise AssertionError(f"{key} is not a line of {path}")
    path.write_text("".join(lines), encoding="utf-8")
    return f"{lang}:{key}"


def change_template(ws: Workspace, n: int) -> str:
    name = TEMPLATES[n % len(TEMPLATES)]
    path = ws.code / "generator" / name
    path.write_text(path.read_text("utf-8") + f"\nGhi chú thử {n}.\n", encoding="utf-8")
    return name


EDITS = {"edit_row": edit_row, "add_row": add_row, "remove_row": remove_row, "add_session": add_session,
         "delete_session": delete_session, "change_locale": change_locale, "change_template": change_template}
edits = st.lists(st.tuples(st.sampled_from(sorted(EDITS)), st.integers(0, 10_000)), min_size=1, max_size=4)


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def differences(warm: Path, cold: Path) -> list[str]:
    a, b = snapshot(warm), snapshot(cold)
    return sorted(f"{path}: {'missing' if path not in a else 'extra' if path not in b else 'differs'}"
                  for path in a.keys() | b.keys() if a.get(path) != b.get(path))


def check_sequence(root: Path, real: bool, steps: list[tuple[str, int]]) -> None:
    ws = workspace(root, real)
    out, cache = root / "site", root / "cache"
    first = ws.build(out, cache)
    assert first.returncode == 0, first.stderr
    done = []
    for kind, n in steps:
        done.append(f"{kind}: {EDITS[kind](ws, n)}")
        warm = ws.build(out, cache)
        assert warm.returncode == 0, f"after {done}:\n{warm.stderr}"
    cold = ws.build(root / "cold-site", root / "cold-cache")
    assert cold.returncode == 0, cold.stderr
    assert differences(out, root / "cold-site") == [], f"after {done}"


@SETTINGS
@given(steps=edits)
def test_fixture_project_incremental_equals_cold(tmp_path_factory, steps):
    check_sequence(tmp_path_factory.mktemp("fixture"), False, steps)


@SETTINGS
@given(steps=edits)
def test_real_datasets_incremental_equals_cold(tmp_path_factory, steps):
    check_sequence(tmp_path_factory.mktemp("real"), True, steps)


def test_every_kind_of_edit_in_one_sequence(tmp_path):
    """The same property for a fixed sequence with every kind of edit, so that each kind is always tried."""
    order = ["edit_row", "add_row", "add_session", "change_locale", "remove_row", "change_template",
             "delete_session", "edit_row"]
    check_sequence(tmp_path, True, [(kind, random.Random(kind).randrange(10_000)) for kind in order])


def test_a_stale_page_is_caught(tmp_path):
    """The comparison is not blind: one page left from before an edit is found, and only that page."""
    ws = workspace(tmp_path, False)
    assert ws.build(tmp_path / "before", tmp_path / "cache-before").returncode == 0
    edit_row(ws, 0)  # the first agency's name, shown on its page and on the session page
    assert ws.build(tmp_path / "after", tmp_path / "cache-after").returncode == 0
    shutil.copytree(tmp_path / "after", tmp_path / "stale")
    page = Path("co-quan") / "snv" / "index.html"
    shutil.copy(tmp_path / "before" / page, tmp_path / "stale" / page)
    assert differences(tmp_path / "stale", tmp_path / "after") == [f"{page.as_posix()}: differs"]
