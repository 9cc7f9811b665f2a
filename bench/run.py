"""Benchmark the real ``minhbach`` CLI on synthetic data: ``python bench/run.py --scale S --json OUT [--jobs N]``.

Why a subprocess per figure: a maintainer runs ``minhbach build`` in a fresh process, so start-up, imports,
MkDocs and memory are all part of what they wait for; timing the CLI from outside measures exactly that, and
``os.wait4`` gives each child's own peak RSS (``getrusage(RUSAGE_CHILDREN)`` would only give the largest of
all children so far). A watchdog thread also samples the memory (PSS) of the child's whole process group,
so that process-pool workers count without their shared pages counting twice, and it kills the group on ``--budget``
or ``--max-rss-mb`` so that a national run cannot take the shared machine down.

It reports, it does not judge: no target is asserted (the issue's targets are printed beside the figures for
reference). The JSON is rewritten after every step, so a run stopped by a timeout still leaves what it measured.
Every figure and the data's synthetic nature are described in ``bench/README.md``.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import csv
import io
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as ``python bench/run.py``: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import synth  # noqa: E402 - after the path fix above

ROOT = synth.ROOT
BUILD_DATE = synth.BUILD_DATE.isoformat()
DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024  # the CLI's default (generator/core/settings.py)
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
TICKS = os.sysconf("SC_CLK_TCK")
CPU_EVERY_S, MEMORY_EVERY = 0.05, 5  # how often a measured build's processes are sampled: CPU, then memory
# The targets of issue 17 (2 cores, both languages), for reference only (nothing is asserted): ratios measured
# in one run, so that machines can be compared, plus memory and sizes. ``figures`` in the JSON puts each
# measured value beside its target.
TARGETS = {"edit_one_row_pct_of_cold": 10, "add_session_pct_of_cold": 10, "no_change_pct_of_cold": 10,
           "cold_over_mkdocs": 2.0, "serve_edit_visible_s": 5, "peak_memory_mb": 1024,
           "largest_page_bytes": 1_048_576, "site_bytes": 768 * 2**20}
PROBE_TAG = "MINHBACH_BENCH_PROBE "
# Runs the real CLI unchanged, but notes how long ``pipeline.prepare_build`` took and the stats it returned, so
# that the build can be split into start-up, preparing (validate, models, downloads) and the rest (the pages and
# MkDocs of each language, the charts, the swap). The CLI's own stage lines say more; this checks them.
PROBE = f"""
import json, sys, time
t0 = time.perf_counter()
from generator import cli
from generator import pipeline
marks = {{"import_s": time.perf_counter() - t0}}
_run = pipeline.prepare_build
def run(*args, **kwargs):
    start = time.perf_counter()
    result = _run(*args, **kwargs)
    marks["pipeline_s"] = time.perf_counter() - start
    marks.update({{k: v for k, v in (getattr(result, "stats", None) or {{}}).items() if isinstance(v, (int, float))}})
    return result
pipeline.prepare_build = run
start = time.perf_counter()
code = cli.main(sys.argv[1:])
marks["cli_main_s"] = time.perf_counter() - start
if "pipeline_s" in marks:
    marks["after_pipeline_s"] = marks["cli_main_s"] - marks["pipeline_s"]
print({PROBE_TAG!r} + json.dumps(marks), flush=True)
sys.exit(code)
"""
# Lines a CLI might print for its stages: "validate: 1.2 s", "render=3.4s", "stage charts 0.5 s".
STAGE_LINE = re.compile(r"^\s*(?:minhbach:\s*)?(?:stage\s+|giai đoạn\s+)?(?P<name>[A-Za-z_][\w.-]*)\s*[:=]?\s*"
                        r"(?P<seconds>\d+(?:\.\d+)?)\s*s(?:ec(?:onds)?)?\s*$", re.IGNORECASE)
STAGE_TOKEN = re.compile(r"(\w+_s)=(\d+(?:\.\d+)?)s")
PAGES_LINE = re.compile(r"(\d+)\s+trang\s*/\s*pages")


@dataclass
class Measured:
    """One child process: wall time, exit, memory and what it printed."""

    command: list[str]
    seconds: float = 0.0
    exit_code: int | None = None
    peak_rss_mb: float = 0.0  # the child's own maximum resident set (ru_maxrss from wait4)
    group_peak_pss_mb: float = 0.0  # sampled PSS summed over the child's process group (workers included)
    cpu_s: float = 0.0  # CPU time (user + system) of every process of the group, sampled
    cpu_by_role: dict[str, float] = field(default_factory=dict)  # the same, by what each process is (``role``)
    stopped: str = ""  # "timeout" or "memory" when the watchdog killed it
    stdout: str = ""
    stderr: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def status(self) -> str:
        return self.stopped or ("ok" if self.exit_code == 0 else "failed")

    def summary(self) -> dict:
        return {"status": self.status, "seconds": round(self.seconds, 3), "cpu_s": round(self.cpu_s, 2),
                "cpu_by_role": {role: round(seconds, 2) for role, seconds in self.cpu_by_role.items()},
                "exit_code": self.exit_code, "peak_rss_mb": round(self.peak_rss_mb, 1),
                "group_peak_pss_mb": round(self.group_peak_pss_mb, 1), "command": " ".join(self.command),
                **self.extra}


@dataclass
class Sampled:
    """A process of the measured group as last sampled: its parent, command line and CPU seconds so far."""

    ppid: int
    command: str
    cpu_s: float


def _group_processes(pgid: int, processes: dict[int, Sampled]) -> dict[int, int]:
    """The resident bytes of each process of group ``pgid`` (the child and anything it started), by process id;
    each one's CPU seconds so far (user + system) go into ``processes``."""
    resident = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            if int(fields[2]) != pgid:  # fields after the name: state, ppid, pgrp, ...; rss is the 22nd
                continue
            pid = int(entry.name)
            cpu = (int(fields[11]) + int(fields[12])) / TICKS  # utime and stime, the 14th and 15th, in ticks
            if pid not in processes:
                processes[pid] = Sampled(int(fields[1]), _command(pid), cpu)
            processes[pid].cpu_s = cpu
            resident[pid] = int(fields[21]) * PAGE_SIZE
        except OSError:
            continue
    return resident


def _command(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return handle.read().replace(b"\0", b" ").decode("utf-8", "replace").strip()
    except OSError:
        return ""


def _group_memory(resident: dict[int, int]) -> int:
    """Bytes of memory held by the group's processes (``_group_processes``), as the sum of each one's PSS. Why
    PSS and not RSS: forked pool workers share the parent's pages copy-on-write, and summing RSS counts those
    pages once per worker (a 4 GB parent with two workers reads as 12 GB)."""
    return sum(_pss(str(pid), rss) for pid, rss in resident.items())


# What each process of a build is, from its command line and parent: the build itself; the children it forks
# (the other language, the validation beside it, a pool forked from it); multiprocessing's server of small
# workers and their tracker, started with the build (generator/core/workers.py); the server's workers (charts,
# validation chunks); anything else (git).
ROLES = ("build", "forked by the build", "worker server", "server's workers", "resource tracker", "other")


def cpu_by_role(main: int, processes: dict[int, Sampled]) -> dict[str, float]:
    """CPU seconds of the measured group by ``ROLES``: where a build's time goes that no stage it prints shows
    (a city session added spent more on drawing charts and on the server's imports than on its own pages)."""
    command = processes[main].command if main in processes else None
    # A worker is forked by the server, and so has the server's command line: the server is the one whose
    # parent is not a server.
    servers = {pid for pid, p in processes.items() if "multiprocessing.forkserver" in p.command}

    def role(pid: int, process: Sampled) -> str:
        if pid == main:
            return "build"
        if "multiprocessing.resource_tracker" in process.command:
            return "resource tracker"
        if process.ppid in servers:
            return "server's workers"
        if pid in servers:
            return "worker server"
        return "forked by the build" if process.command == command else "other"

    found = dict.fromkeys(ROLES, 0.0)
    for pid, process in processes.items():
        found[role(pid, process)] += process.cpu_s
    return {name: seconds for name, seconds in found.items() if seconds or name == "build"}


def _pss(pid: str, rss: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return rss  # no smaps_rollup (old kernel): RSS, an over-estimate for forked workers


def measure(command: list[str], cwd: Path, env: dict[str, str], timeout: float | None,
            max_rss_mb: float | None) -> Measured:
    """Run ``command`` to completion and measure it; the watchdog stops it on timeout or memory."""
    result = Measured(command)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=err, start_new_session=True)
        done = threading.Event()
        processes: dict[int, Sampled] = {}
        ticks = 0

        def watch() -> None:
            nonlocal ticks
            # CPU every 50 ms (a chart worker of a short build lives a second; each is counted up to its last
            # sample), memory every 250 ms (its PSS costs more to read).
            while not done.wait(CPU_EVERY_S):
                ticks += 1
                try:
                    resident = _group_processes(proc.pid, processes)
                    if ticks % MEMORY_EVERY:
                        continue
                    held = _group_memory(resident)
                except (OSError, ValueError, IndexError):
                    continue
                result.group_peak_pss_mb = max(result.group_peak_pss_mb, held / 2**20)
                over_time = timeout is not None and time.perf_counter() - start > timeout
                over_memory = max_rss_mb is not None and held / 2**20 > max_rss_mb
                if over_time or over_memory:
                    result.stopped = "timeout" if over_time else "memory"
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(proc.pid, signal.SIGKILL)  # only the group this function started
                    return

        watchdog = threading.Thread(target=watch, daemon=True)
        watchdog.start()
        _, status, usage = os.wait4(proc.pid, 0)
        result.seconds = time.perf_counter() - start
        done.set()
        watchdog.join()
        proc.returncode = result.exit_code = os.waitstatus_to_exitcode(status)
        result.peak_rss_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
        # Every process of the group as last sampled (a process misses at most its last 50 ms): on a shared
        # machine, CPU seconds say what a build costs better than the wall clock does.
        result.cpu_s = sum(p.cpu_s for p in processes.values())
        result.cpu_by_role = cpu_by_role(proc.pid, processes)
        result.group_peak_pss_mb = max(result.group_peak_pss_mb, result.peak_rss_mb)
        out.seek(0)
        err.seek(0)
        result.stdout = out.read().decode("utf-8", "replace")
        result.stderr = err.read().decode("utf-8", "replace")
    return result


def parse_stages(text: str) -> dict[str, float] | None:
    """Per-stage seconds if the CLI printed any (JSON lines with "stage"/"seconds", or "name: 1.2 s")."""
    stages: dict[str, float] = {}
    for line in text.splitlines():
        if line.startswith(PROBE_TAG):
            continue
        stripped = line.strip()
        if stripped.startswith("{"):
            try:
                item = json.loads(stripped)
            except ValueError:
                item = None
            if isinstance(item, dict) and "stage" in item and isinstance(item.get("seconds"), (int, float)):
                stages[str(item["stage"])] = float(item["seconds"])
                continue
        if stripped.startswith("minhbach: stages "):  # "minhbach: stages validate_s=39.71s render_s=..."
            for name, seconds in STAGE_TOKEN.findall(stripped):
                stages[name] = float(seconds)
            continue
        match = STAGE_LINE.match(line)
        if match:
            stages[match["name"]] = float(match["seconds"])
    return stages or None


def tail(text: str, lines: int = 15) -> list[str]:
    return [line[:300] for line in text.strip().splitlines()[-lines:]] if text.strip() else []


def count_output(site: Path) -> dict:
    """What the build produced, counted on disk: pages are HTML files other than 404.html."""
    if not site.is_dir():
        return {"pages": None, "charts": None, "chart_files": None, "downloads": None, "files": None, "bytes": None,
                "search_index_bytes": None, "largest_page": None}
    files = [p for p in site.rglob("*") if p.is_file()]
    charts = site / "assets" / "charts"
    search = site / "search" / "search_index.json"
    largest = max((p for p in files if p.suffix == ".html"), key=lambda p: p.stat().st_size, default=None)
    return {
        "largest_page": None if largest is None else {"path": largest.relative_to(site).as_posix(),
                                                      "bytes": largest.stat().st_size},
        "pages": sum(1 for p in files if p.suffix == ".html" and p.name != "404.html"),
        "charts": sum(1 for p in charts.glob("*.svg")) if charts.is_dir() else 0,
        "chart_files": sum(1 for p in charts.iterdir()) if charts.is_dir() else 0,
        "downloads": sum(1 for p in files if "tai-ve" in p.relative_to(site).parts),
        "files": len(files), "bytes": sum(p.stat().st_size for p in files),
        "search_index_bytes": search.stat().st_size if search.is_file() else None,
    }


def edit_one_row(datasets: Path, scale: synth.Scale) -> dict:
    """Change one score in chi-so/results.csv (a focus-province agency, first index, latest year), as a
    maintainer correcting one number would. Only that line's bytes change; the file is rewritten line by line."""
    folder, descriptor = synth.package_of(datasets, "indices")
    path = folder / next(r["path"] for r in descriptor["resources"] if r["name"] == "results")
    latest = str(synth.years(scale)[-1])
    target = None
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader([handle.readline()]))
        for number, line in enumerate(handle, start=2):
            row = dict(zip(header, next(csv.reader([line])), strict=False))
            if (row["unit_type"] != "province" and row["unit_code"].startswith(f"T{synth.FOCUS}_")
                    and row["year"] == latest and row["score"]):
                target = (number, row)
                break
    if target is None:
        raise RuntimeError("no agency row with a score to edit in results.csv")
    number, row = target
    old = row["score"]
    row["score"] = f"{float(old) + (0.01 if float(old) < 99 else -0.01):.2f}"
    replacement = _csv_line([row[name] for name in header])
    edited = path.with_name(path.name + ".edited")
    with path.open(encoding="utf-8", newline="") as source, edited.open("w", encoding="utf-8", newline="") as sink:
        for current, line in enumerate(source, start=1):
            sink.write(replacement if current == number else line)
    edited.replace(path)
    return {"file": path.relative_to(datasets).as_posix(), "line": number, "field": "score", "old": old,
            "new": row["score"], "unit_code": row["unit_code"], "index_code": row["index_code"], "year": row["year"]}


def _csv_line(cells: list[str]) -> str:
    """One row exactly as bench/synth.py's csv writer wrote it, so only the edited cell's bytes change."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    return buffer.getvalue()


def build_flags(env: dict[str, str], cwd: Path) -> str:
    """The CLI's ``build --help`` text: which optional flags (``--jobs``, ``--cache-dir``) exist today."""
    proc = subprocess.run([sys.executable, "-m", "generator", "build", "--help"], cwd=cwd, env=env,
                          capture_output=True, text=True, check=False)
    return proc.stdout + proc.stderr


def child_env(code: Path) -> dict[str, str]:
    """The environment of every child: ``code`` first on the path, so the generator measured is that one
    (the editable install would otherwise supply the working tree's), and no build date from outside."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(code), env.get("PYTHONPATH", "")]))
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    for name in ("MINHBACH_BUILD_DATE", "SOURCE_DATE_EPOCH"):  # --build-date is passed explicitly
        env.pop(name, None)
    return env


def machine() -> dict:
    info = {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        info["cpu"] = next((line.split(":", 1)[1].strip() for line in cpuinfo.splitlines()
                            if line.startswith("model name")), None)
        meminfo = Path("/proc/meminfo").read_text()
        info["memory_gb"] = round(int(re.search(r"MemTotal:\s+(\d+)", meminfo)[1]) / 2**20, 1)
    except (OSError, TypeError):
        pass
    return info


def git(*args: str) -> str:
    proc = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=False)
    return proc.stdout.strip()


def export_ref(ref: str, into: Path) -> Path:
    """The generator, its MkDocs config, docs and real descriptors as committed at ``ref``, unpacked into
    ``into`` with ``git archive`` (read-only for the repository). Why: generator/ may be mid-edit in the working
    tree; a committed snapshot gives figures that can be reproduced and compared."""
    into.mkdir(parents=True, exist_ok=True)
    # mkdocs.en.yml too: without it the CLI builds the Vietnamese site only (figures before 27 Nov 2026 that
    # used --ref measured one language).
    wanted = ["generator", "docs", "mkdocs.yml", "mkdocs.en.yml", "datasets"]
    paths = [p for p in wanted if git("ls-tree", "--name-only", ref, p)]
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", ref, *paths],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def compile_code(code: Path) -> dict:
    """The measured generator's modules compiled to bytecode, as ``pip install`` compiles an installed package's:
    a maintainer's builds read it, and do not compile our ~120 modules again in each process. Where
    ``PYTHONDONTWRITEBYTECODE`` is set (it is on the machines these figures come from) nothing else writes it,
    and each build compiled them from source in every process that imports them: 0.22 s of a city one-row edit
    of ~1.0 s, measured (runs before 7 Dec 2026 include it)."""
    started = time.perf_counter()
    compiled = compileall.compile_dir(str(code / "generator"), quiet=1, workers=1)
    return {"bytecode": "compiled" if compiled else "not compiled",
            "bytecode_s": round(time.perf_counter() - started, 2),
            "dont_write_bytecode_env": os.environ.get("PYTHONDONTWRITEBYTECODE")}


def code_state(ref: str | None) -> dict:
    """Which generator code was measured: the working tree (with its uncommitted changes listed) or a ref."""
    if ref:
        return {"source": f"git archive {ref}", "commit": git("rev-parse", "--short", ref) or None}
    return {"source": "working tree", "commit": git("rev-parse", "--short", "HEAD") or None,
            "generator_changes": git("status", "--porcelain", "--", "generator").splitlines()}


class Bench:
    """One benchmark run: the data, the CLI invocations in order, and the JSON report kept up to date."""

    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.scale = synth.SCALES[args.scale]
        self.work = Path(args.work).resolve() if args.work else Path(tempfile.mkdtemp(prefix="minhbach-bench-"))
        if self.work.exists() and any(self.work.iterdir()):  # it is deleted afterwards: never someone's folder
            raise SystemExit(f"bench: --work {self.work} is not empty; give a new or empty folder")
        self.work.mkdir(parents=True, exist_ok=True)
        self.datasets, self.site, self.cache = self.work / "datasets", self.work / "site", self.work / "cache"
        # The CLI's current working folder: the generator's default cache is <cwd>/.cache/minhbach, so each
        # scenario gets its own folder, and "cold" means that folder's .cache and --cache-dir are both empty.
        self.cwd = self.work / "cwd"
        self.code = export_ref(args.ref, self.work / "code") if args.ref else ROOT
        self.env = child_env(self.code)
        compiled = compile_code(self.code)
        self.deadline = time.monotonic() + args.budget if args.budget else None
        self.manifest: dict = {}
        self.max_file_bytes: list[str] = []
        self.cache_flag = self.jobs_flag = False
        self.report: dict = {
            "benchmark": "minhbach build", "synthetic": True, "scale": args.scale, "seed": synth.SEED,
            "build_date": BUILD_DATE, "machine": machine(), "code": {**code_state(args.ref), **compiled},
            "work": str(self.work),
            "targets_for_reference": TARGETS,
        }

    # -- plumbing

    def save(self) -> None:
        path = Path(self.args.json)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    def log(self, message: str) -> None:
        print(f"[bench {self.args.scale}] {message}", file=sys.stderr, flush=True)

    def remaining(self) -> float | None:
        return None if self.deadline is None else max(self.deadline - time.monotonic(), 1.0)

    def run(self, argv: list[str], python: list[str] | None = None, cwd: Path | None = None) -> Measured:
        command = [*(python or [sys.executable, "-m", "generator"]), *argv]
        cwd = cwd or self.cwd
        cwd.mkdir(parents=True, exist_ok=True)
        return measure(command, cwd, self.env, self.remaining(), self.args.max_rss_mb)

    def fresh(self, name: str) -> tuple[Path, Path, Path]:
        """An empty working folder, site and cache for an extra cold build (probe, profile)."""
        folders = tuple(self.work / f"{name}-{part}" for part in ("cwd", "site", "cache"))
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
        return folders

    def common(self) -> list[str]:
        return ["--datasets", str(self.datasets), "--build-date", BUILD_DATE, *self.max_file_bytes]

    def build_argv(self, site: Path, cache: Path) -> list[str]:
        argv = ["build", *self.common(), "--out", str(site), "--config", str(self.code / "mkdocs.yml")]
        if self.cache_flag:
            argv += ["--cache-dir", str(cache)]
        if self.args.jobs is not None and self.jobs_flag:
            argv += ["--jobs", str(self.args.jobs)]
        return argv

    # -- steps

    def generate(self) -> None:
        self.log(f"generating synthetic data into {self.datasets}")
        start = time.perf_counter()
        manifest = synth.generate(self.datasets, self.scale, self.code / "datasets")
        manifest["generate_s"] = round(time.perf_counter() - start, 2)
        self.manifest = manifest
        largest = manifest["largest_file"]["bytes"]
        # National results.csv is larger than the CLI's default file limit; raise it (and say so) rather than
        # measure a refusal. That the default refuses national data is itself a finding.
        raised = largest > DEFAULT_MAX_FILE_BYTES
        self.max_file_bytes = ["--max-file-bytes", str(largest * 2)] if raised else []
        manifest["max_file_bytes_raised"] = raised
        self.report["data"] = manifest
        self.cwd.mkdir(parents=True, exist_ok=True)
        help_text = build_flags(self.env, self.cwd)
        self.cache_flag = "--cache-dir" in help_text
        self.jobs_flag = "--jobs" in help_text
        self.report["cli"] = {
            "cache_dir_flag": self.cache_flag, "jobs_flag": self.jobs_flag, "jobs_requested": self.args.jobs,
            "jobs_passed": self.args.jobs is not None and self.jobs_flag,
            "max_file_bytes_passed": int(self.max_file_bytes[1]) if raised else None,
            "cache_cleared_for_cold": [str(self.cwd / ".cache"), *([str(self.cache)] if self.cache_flag else [])],
        }
        self.save()

    def startup(self) -> None:
        """Python start-up plus the CLI's imports: the floor under every figure below."""
        measured = self.run(["--help"])
        self.report["startup"] = measured.summary()
        self.save()

    def validate(self) -> None:
        self.log("validate")
        measured = self.run(["validate", *self.common(), "--format", "json"])
        problems: list[dict] | None = None  # None: the CLI gave no JSON report (it crashed or was stopped)
        with contextlib.suppress(ValueError, AttributeError):
            problems = json.loads(measured.stdout).get("problems", [])
        rows = self.manifest["csv_rows"]
        errors = None if problems is None else sum(1 for p in problems if p.get("severity") == "error")
        self.report["validate"] = {
            **measured.summary(), "rows": rows, "session_files": self.manifest["sessions"],
            "rows_per_s": round(rows / measured.seconds) if measured.status == "ok" and measured.seconds else None,
            "rows_per_s_after_startup": _rate(rows, measured, (self.report.get("startup") or {}).get("seconds")),
            "errors": errors, "warnings": None if problems is None else len(problems) - errors,
            "first_problems": [f"{p.get('path')}:{p.get('line')}: {p.get('code')}: {p.get('message')}"
                               for p in (problems or [])[:5]],
            "stderr_tail": tail(measured.stderr),
        }
        self.save()

    def build(self, name: str, prepare=None) -> Measured | None:  # noqa: ANN001 - a callable or None
        builds = self.report.setdefault("builds", {})
        cold = builds.get("cold")
        if cold is not None and cold["status"] != "ok":
            builds[name] = {"status": "skipped", "reason": f"the cold build did not succeed ({cold['status']})"}
            self.save()
            return None
        change = prepare() if prepare else None
        self.log(f"build: {name}")
        measured = self.run(self.build_argv(self.site, self.cache))
        output = measured.stdout + measured.stderr
        pages = PAGES_LINE.search(output)
        entry = {**measured.summary(), "pages_reported_by_cli": int(pages[1]) if pages else None,
                 "stages": parse_stages(output), "output_tail": tail(output)}
        if change is not None:
            entry["change"] = change
        if cold is not None and measured.status == "ok" and cold.get("seconds"):
            entry["percent_of_cold"] = round(100 * measured.seconds / cold["seconds"], 1)
        builds[name] = entry
        self.save()
        return measured

    def cold(self) -> None:
        for folder in (self.site, self.cache, self.cwd / ".cache"):
            shutil.rmtree(folder, ignore_errors=True)
        measured = self.build("cold")
        if measured is not None and measured.status == "ok":
            self.report["output"] = count_output(self.site)
        if measured is not None and self.report["builds"]["cold"]["stages"] is None:
            self.report["builds"]["cold"]["stages_note"] = "the CLI printed no per-stage timings"
        self.save()

    def probe(self) -> None:
        """An extra cold build through the probe, for the start-up / pipeline / MkDocs split."""
        if self.report["builds"]["cold"]["status"] != "ok":
            return
        self.log("build: stage probe (extra cold build, not part of the figures above)")
        cwd, site, cache = self.fresh("probe")
        measured = self.run(self.build_argv(site, cache), python=[sys.executable, "-c", PROBE], cwd=cwd)
        marks = None
        for line in measured.stdout.splitlines():
            if line.startswith(PROBE_TAG):
                marks = {k: round(v, 3) for k, v in json.loads(line[len(PROBE_TAG):]).items()}
        self.report["stage_probe"] = {
            "status": measured.status, "seconds": round(measured.seconds, 3), "marks": marks,
            "meaning": "import_s: importing the CLI; pipeline_s: pipeline.prepare_build, split by the stats it "
                       "returns (validate_s: read and check the data; models_s: the features' models; the "
                       "downloads are made in a thread meanwhile, downloads_wait_s is what the build waited for "
                       "them after the pages); after_pipeline_s: the rest of the command, i.e. each language's "
                       "pages and MkDocs build, the charts and the swap into --out",
        }
        self.fresh("probe")
        self.save()

    def profile(self) -> None:
        """An extra cold build under cProfile; the top entries by cumulative time go into the JSON."""
        if self.report["builds"]["cold"]["status"] != "ok":
            return
        import pstats

        self.log(f"build: under cProfile -> {self.args.profile}")
        cwd, site, cache = self.fresh("profile")
        measured = self.run(self.build_argv(site, cache),
                            python=[sys.executable, "-m", "cProfile", "-o", str(Path(self.args.profile).resolve()),
                                    "-m", "generator"], cwd=cwd)
        top: dict[str, list[dict]] = {"top_cumulative": [], "top_self": []}
        if measured.status == "ok":
            stats = pstats.Stats(str(Path(self.args.profile).resolve())).stats
            for key, column in (("top_cumulative", 3), ("top_self", 2)):
                for func in sorted(stats, key=lambda f, c=column: -stats[f][c])[:25]:
                    _, calls, tottime, cumtime, _ = stats[func]
                    filename, line, name = func
                    where = f"{_short_path(filename)}:{line}({name})" if line else name
                    top[key].append({"function": where, "calls": calls, "tottime_s": round(tottime, 3),
                                     "cumtime_s": round(cumtime, 3)})
        self.report["profile"] = {"status": measured.status, "seconds": round(measured.seconds, 3),
                                  "file": str(Path(self.args.profile).resolve()),
                                  "note": "cProfile sees the main process only; work done in a process pool "
                                          "(chart rendering) shows as waiting on the pool", **top}
        self.fresh("profile")
        self.save()

    def finish(self) -> None:
        """The overall peak and the issue's figures, then the working folder goes (unless --keep), even after a
        failed step."""
        measured = [self.report.get("validate", {}), *self.report.get("builds", {}).values()]
        peaks = [max(m.get("peak_rss_mb") or 0, m.get("group_peak_pss_mb") or 0) for m in measured
                 if isinstance(m, dict)]
        self.report["peak_rss_mb"] = round(max(peaks, default=0), 1)
        self.report["figures"] = issue_figures(self.report)
        if not self.args.keep:
            shutil.rmtree(self.work, ignore_errors=True)
            self.report["work"] = None
        self.save()

    def all(self) -> None:
        self.generate()
        self.startup()
        self.validate()
        self.cold()
        self.build("no_change")
        self.build("edit_one_row", lambda: edit_one_row(self.datasets, self.scale))
        self.build("add_session", lambda: {"file": synth.add_session(self.datasets, self.scale)
                                           .relative_to(self.datasets).as_posix()})
        if self.args.probe:
            self.probe()
        if self.args.profile:
            self.profile()


def issue_figures(report: dict) -> dict:
    """Each figure of issue 17's table, measured in this run, beside its target (for reference only)."""
    builds, output = report.get("builds", {}), report.get("output") or {}
    cold = builds.get("cold") or {}
    mkdocs = (cold.get("stages") or {}).get("mkdocs_s")
    values = {
        "edit_one_row_pct_of_cold": (builds.get("edit_one_row") or {}).get("percent_of_cold"),
        "add_session_pct_of_cold": (builds.get("add_session") or {}).get("percent_of_cold"),
        "no_change_pct_of_cold": (builds.get("no_change") or {}).get("percent_of_cold"),
        "cold_over_mkdocs": round(cold["seconds"] / mkdocs, 2) if cold.get("seconds") and mkdocs else None,
        "serve_edit_visible_s": (report.get("serve") or {}).get("edit_visible_s"),
        "peak_memory_mb": report.get("peak_rss_mb"),
        "largest_page_bytes": (output.get("largest_page") or {}).get("bytes"),
        "site_bytes": output.get("bytes"),
    }
    return {name: {"value": value, "target": TARGETS[name],
                   "meets": None if value is None else value <= TARGETS[name]} for name, value in values.items()}


def _rate(rows: int, measured: Measured, startup: float | None) -> int | None:
    """Rows per second once Python and the CLI's imports are loaded (start-up dominates small inputs)."""
    if measured.status != "ok" or startup is None or measured.seconds <= startup:
        return None
    return round(rows / (measured.seconds - startup))


def _short_path(filename: str) -> str:
    for marker in ("/site-packages/", "/code/", str(ROOT) + "/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


# -- the table

def figures(report: dict) -> list[tuple[str, str]]:
    """(figure, value) pairs of one report, in the order a reader asks for them."""
    def fmt(value: object, unit: str = "") -> str:
        if value is None:
            return "–"
        if isinstance(value, float):
            value = f"{value:,.1f}" if value >= 10 else f"{value:.2f}"
        elif isinstance(value, int):
            value = f"{value:,}"
        return f"{value}{unit}"

    def build(name: str) -> str:
        entry = report.get("builds", {}).get(name)
        if not entry:
            return "–"
        if entry.get("status") != "ok":
            return f"{entry.get('status')} after {fmt(entry.get('seconds'), ' s')}" if entry.get("seconds") else \
                entry.get("status", "–")
        share = f" ({entry['percent_of_cold']:.0f} % of cold)" if "percent_of_cold" in entry else ""
        return fmt(entry["seconds"], " s") + share

    data, validate, output = report.get("data", {}), report.get("validate", {}), report.get("output") or {}
    cold = report.get("builds", {}).get("cold", {})
    probe = (report.get("stage_probe") or {}).get("marks") or {}
    figs = report.get("figures") or {}
    edit = report.get("builds", {}).get("edit_one_row") or {}
    session = report.get("builds", {}).get("add_session") or {}
    rows = [
        ("data: CSV rows / sessions", f"{fmt(data.get('csv_rows'))} / {fmt(data.get('sessions'))}"),
        ("data: files / MB", f"{fmt(data.get('files'))} / {fmt((data.get('bytes') or 0) / 2**20)}"),
        ("start-up (minhbach --help)", fmt((report.get("startup") or {}).get("seconds"), " s")),
        ("validate", f"{fmt(validate.get('seconds'), ' s')}, {fmt(validate.get('rows_per_s'))} rows/s, "
                     f"{fmt(validate.get('errors'))} errors, {fmt(validate.get('warnings'))} warnings"),
        ("cold build", build("cold")),
        ("no-change rebuild", build("no_change")),
        ("one-row edit rebuild", build("edit_one_row")),
        ("add-session rebuild", build("add_session")),
        ("cold build / its MkDocs stage", fmt((figs.get("cold_over_mkdocs") or {}).get("value"), "x")),
        ("serve: one-row edit visible", fmt((report.get("serve") or {}).get("edit_visible_s"), " s")),
        ("CPU seconds: cold / one-row edit", f"{fmt(cold.get('cpu_s'), ' s')} / {fmt(edit.get('cpu_s'), ' s')}"),
        *((f"CPU seconds by process: {label}", ", ".join(f"{role} {fmt(seconds, ' s')}" for role, seconds in
                                                         (entry.get("cpu_by_role") or {}).items()) or "–")
          for label, entry in (("cold", cold), ("one-row edit", edit), ("session added", session))),
        ("peak memory, any step", fmt(report.get("peak_rss_mb"), " MB")),
        ("peak memory, cold build (main RSS / group PSS)",
         f"{fmt(cold.get('peak_rss_mb'), ' MB')} / {fmt(cold.get('group_peak_pss_mb'), ' MB')}"),
        ("pages / charts", f"{fmt(output.get('pages'))} / {fmt(output.get('charts'))}"),
        ("site files / MB", f"{fmt(output.get('files'))} / {fmt((output.get('bytes') or 0) / 2**20)}"),
        ("largest page", fmt((output.get("largest_page") or {}).get("bytes"), " bytes")
         + f" ({(output.get('largest_page') or {}).get('path', '–')})"),
        ("stages printed by CLI", json.dumps(cold.get("stages")) if cold.get("stages") else "none (null)"),
        ("probe: seconds per stage (cold)", ", ".join(
            f"{k.removesuffix('_s').replace('after_pipeline', 'MkDocs+swap')} {fmt(v, ' s')}"
            for k, v in probe.items() if k.endswith("_s") and k not in ("pipeline_s", "cli_main_s")) or "–"),
    ]
    return rows


def print_table(reports: list[dict], stream=sys.stdout) -> None:  # noqa: ANN001 - a text stream
    names = [f"{r.get('scale', '?')} @ {(r.get('code') or {}).get('commit') or '?'}" for r in reports]
    columns = [dict(figures(r)) for r in reports]
    labels = [label for label, _ in figures(reports[0])]
    width = max(len(label) for label in labels)
    widths = [max(len(name), *(len(c.get(label, "")) for label in labels)) for name, c in zip(names, columns,
                                                                                              strict=True)]
    print("| " + "figure".ljust(width) + " | " + " | ".join(n.ljust(w) for n, w in zip(names, widths, strict=True))
          + " |", file=stream)
    print("|" + "-" * (width + 2) + "|" + "|".join("-" * (w + 2) for w in widths) + "|", file=stream)
    for label in labels:
        cells = " | ".join(c.get(label, "").ljust(w) for c, w in zip(columns, widths, strict=True))
        print(f"| {label.ljust(width)} | {cells} |", file=stream)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark minhbach build on synthetic data (reports, never asserts)")
    parser.add_argument("--scale", choices=sorted(synth.SCALES), help="tiny, city or national")
    parser.add_argument("--json", help="where to write the report (rewritten after every step)")
    parser.add_argument("--jobs", type=int, help="passed to the build as --jobs N when the CLI has that option")
    parser.add_argument("--budget", type=float, help="seconds for the whole run; the running step is killed after it")
    parser.add_argument("--max-rss-mb", type=float,
                        help="kill a step whose process group holds more than this (MB, summed PSS)")
    parser.add_argument("--no-probe", dest="probe", action="store_false",
                        help="skip the extra cold build that splits the time into import / pipeline / MkDocs")
    parser.add_argument("--profile", help="also run one cold build under cProfile and save the stats here")
    parser.add_argument("--ref", help="measure the generator as committed at this git ref (e.g. HEAD), exported "
                        "into the working folder, instead of the working tree")
    parser.add_argument("--work", help="working folder (default: a new temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the working folder (data and site) afterwards")
    parser.add_argument("--table", nargs="+", metavar="JSON", help="only print a table from earlier reports")
    args = parser.parse_args(argv)
    if args.table:
        print_table([json.loads(Path(p).read_text(encoding="utf-8")) for p in args.table])
        return 0
    if not args.scale or not args.json:
        parser.error("--scale and --json are required (or --table JSON...)")
    bench = Bench(args)
    try:
        bench.all()
    finally:
        bench.finish()
        print_table([bench.report])
        print(f"report: {Path(args.json).resolve()}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
