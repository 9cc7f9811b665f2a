"""How long `minhbach serve` takes to show a one-row edit (issue 9's preview target: within 5 s at city scale).

Copies the repository's datasets/ and docs/ (real data, read only) into a temporary folder, starts
`python -m generator serve` there on 127.0.0.1, waits for the first build, edits one agency's name in the copy
and reports how long until the served page shows it. It measures and prints; it asserts nothing.

    python bench/serve_latency.py [--port 8799]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = "co-quan/snv/"
BEFORE, AFTER = "SNV,Sở Nội vụ,", "SNV,Sở Nội vụ (sửa thử),"


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - 127.0.0.1 only
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, limit_s: float) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < limit_s:
        if text in fetch(url):
            return time.monotonic() - started
        time.sleep(0.2)
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8799)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="minhbach-serve-") as folder:
        work = Path(folder)
        for name in ("datasets", "docs"):
            shutil.copytree(ROOT / name, work / name)
        for name in ("mkdocs.yml", "mkdocs.en.yml"):
            shutil.copy(ROOT / name, work / name)
        url = f"http://127.0.0.1:{args.port}/{PAGE}"
        server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{args.port}"],
                                  cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            first = wait_for(url, "Sở Nội vụ", 180)
            csv = work / "datasets" / "co-quan" / "data" / "agencies.csv"
            csv.write_text(csv.read_text("utf-8").replace(BEFORE, AFTER, 1), "utf-8")
            edit = wait_for(url, "Sở Nội vụ (sửa thử)", 60)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"first build served after: {first if first is None else round(first, 1)} s")
    print(f"one-row edit visible after: {edit if edit is None else round(edit, 1)} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
