"""How long `minhbach serve` takes to show a one-row edit (issue 9's preview target, issue 17's at scale: within
5 s on 2 cores), on the real data or on synthetic data at a bench scale.

Copies docs/ and the MkDocs configs, and either the repository's datasets/ (``--scale real``, read only) or a
synthetic datasets folder written by ``bench/synth.py`` (``--scale city`` or ``region``), into a temporary
folder; starts `python -m generator serve` there on 127.0.0.1 with its own cache, waits for the first build,
edits one agency's name in the copy (one row of the agencies table) and reports how long until the served
page shows it, in Vietnamese (``/``) and in English (``/en/``), and until that rebuild is complete (the charts
that show the name are drawn after the pages are served). It measures and prints; it asserts nothing.

    python bench/serve_latency.py [--scale real|city|region|national] [--port 8799] [--json OUT]

National scale takes minutes of both cores for the first build alone (the wait for it is up to an hour).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as ``python bench/serve_latency.py``: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import synth  # noqa: E402 - after the path fix above
from generator.core.text import slug  # noqa: E402 - the generator's own page addresses

ROOT = Path(__file__).resolve().parent.parent
SCALES = ("real", "city", "region", "national")
MARK_VI, MARK_EN = " (sửa thử)", " (test edit)"


@dataclass(frozen=True)
class Edit:
    """One row of the agencies table to change, and the page of that agency in each language."""

    csv: Path
    code: str
    name_vi: str
    name_en: str
    page: str  # the agency page's path under a language's root, e.g. "co-quan/snv/"

    def apply(self) -> None:
        """The row of ``code`` gets both names marked; every other line keeps its bytes."""
        lines = self.csv.read_text("utf-8").splitlines(keepends=True)
        for number, line in enumerate(lines):
            if line.startswith(f"{self.code},"):
                lines[number] = line.replace(f",{self.name_vi},", f",{self.name_vi}{MARK_VI},", 1).replace(
                    f",{self.name_en},", f",{self.name_en}{MARK_EN},", 1)
                break
        self.csv.write_text("".join(lines), "utf-8")


def real_edit(work: Path) -> Edit:
    return Edit(work / "datasets" / "co-quan" / "data" / "agencies.csv", "SNV", "Sở Nội vụ",
                "Department of Home Affairs", "co-quan/snv/")


def synthetic_edit(datasets: Path) -> Edit:
    """A department of the focus province (the same row at every scale)."""
    agency = synth.agencies_of(synth.SCALES["city"], synth.FOCUS)[2]
    folder, descriptor = synth.package_of(datasets, "agencies")
    path = folder / next(r["path"] for r in descriptor["resources"] if r["name"] == "agencies")
    return Edit(path, agency.code, agency.name_vi, agency.name_en, f"co-quan/{slug(agency.code)}/")


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - 127.0.0.1 only
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, limit_s: float, started: float) -> float | None:
    """Seconds from ``started`` until ``url`` serves ``text`` (polled every 0.1 s), or None after ``limit_s``."""
    while time.monotonic() - started < limit_s:
        if text in fetch(url):
            return time.monotonic() - started
        time.sleep(0.1)
    return None


def prepare(work: Path, scale: str) -> tuple[Edit, list[str]]:
    """The project copy in ``work``; the edit to make and the serve command's extra options."""
    shutil.copytree(ROOT / "docs", work / "docs")
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy(ROOT / name, work / name)
    if scale == "real":
        shutil.copytree(ROOT / "datasets", work / "datasets")
        return real_edit(work), []
    manifest = synth.generate(work / "datasets", scale, ROOT / "datasets")
    largest = manifest["largest_file"]["bytes"]
    options = ["--build-date", synth.BUILD_DATE.isoformat(), "--max-file-bytes", str(max(largest * 2, 50 << 20))]
    return synthetic_edit(work / "datasets"), options


def rebuilds_done(log: Path) -> int:
    """How many builds the server has finished, charts included (each prints one final stage line)."""
    return log.read_text("utf-8").count("minhbach: stages startup_s=")


def wait_for_rebuild(log: Path, done_before: int, limit_s: float, started: float) -> float | None:
    while time.monotonic() - started < limit_s:
        if rebuilds_done(log) > done_before:
            return time.monotonic() - started
        time.sleep(0.1)
    return None


def measure(scale: str, port: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="minhbach-serve-bench-") as folder:
        # The log beside the project, not in it: every file of the project is an input of the build stamp.
        work, log = Path(folder) / "project", Path(folder) / "serve.log"
        work.mkdir()
        edit, options = prepare(work, scale)
        command = [sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}",
                   "--cache-dir", str(work / "cache"), *options]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        vi, en = f"http://127.0.0.1:{port}/{edit.page}", f"http://127.0.0.1:{port}/en/{edit.page}"
        with log.open("w", encoding="utf-8") as sink:
            server = subprocess.Popen(command, cwd=work, env=env, stdout=sink, stderr=subprocess.STDOUT)
            try:
                started = time.monotonic()
                first = wait_for(en, edit.name_en, 3600, started)
                wait_for_rebuild(log, 0, 3600, started)  # the first build's charts too
                done_before, started = rebuilds_done(log), time.monotonic()
                edit.apply()
                visible_vi = wait_for(vi, edit.name_vi + MARK_VI, 1200, started)
                visible_en = wait_for(en, edit.name_en + MARK_EN, 1200, started)
                complete = wait_for_rebuild(log, done_before, 1800, started)
            finally:
                server.terminate()
                server.wait(timeout=60)
        stages = [line.strip() for line in log.read_text("utf-8").splitlines() if "stages" in line][-4:]
    return {"scale": scale, "first_build_served_s": _round(first), "edit_visible_vi_s": _round(visible_vi),
            "edit_visible_en_s": _round(visible_en), "edit_visible_s": _round(max(visible_vi or 0, visible_en or 0)
                                                                              if visible_vi and visible_en else None),
            "rebuild_complete_s": _round(complete),  # its charts drawn and written too (they follow the pages)
            "edited": f"{edit.csv.name}: {edit.code}", "page": edit.page, "last_stages": stages,
            "cpus": os.cpu_count()}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=SCALES, default="real")
    parser.add_argument("--port", type=int, default=8799)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    figures = measure(args.scale, args.port)
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
