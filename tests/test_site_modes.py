"""The published site's folders have the modes ``mkdir`` gives under the user's umask: its root and ``en/`` were
0700 (``tempfile.mkdtemp`` made the staging folders swapped into place), so a web server running as another user
answered 403 for every page (hostile audit 3, #6)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

from conftest import ROOT, Package, Resource

P = Package("p", (Resource("t", ("id:integer", "name:string"), rows="1,a\n"),), "title: P")


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_site_root_and_its_english_folder_have_the_modes_of_the_umask(tmp_path):
    P.write(tmp_path / "datasets")
    out = tmp_path / "site"
    command = [sys.executable, "-m", "generator", "build", "--datasets", str(tmp_path / "datasets"), "--out", str(out),
               "--config", str(ROOT / "mkdocs.yml"), "--cache-dir", str(tmp_path / "cache"), "--build-date",
               "2026-11-26", "--jobs", "1"]
    for umask, folders in ((0o022, 0o755), (0o027, 0o750)):
        if out.exists():  # a second build must make its folders again: an unchanged one is up to date
            (tmp_path / "datasets" / "p" / "t.csv").write_text(f"id,name\n1,a\n{umask},b\n", "utf-8")
        done = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=tmp_path,
                              preexec_fn=lambda umask=umask: os.umask(umask))
        assert done.returncode == 0, done.stderr
        assert (_mode(out), _mode(out / "en"), _mode(out / "tai-ve")) == (folders, folders, folders)
        assert _mode(out / "index.html") == 0o666 & ~umask
