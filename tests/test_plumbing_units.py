"""Unit tests of the core's plumbing: the output folder (what a build may replace, its lock, staging folders,
the swap and what an interrupted build left), the datasets stage, the feature protocol, edit links, timing,
settings, progress, atomic files and flags. Real files in ``tmp_path``, in-process: the mutation groups
``output-folder``, ``datasets-feature`` and ``core-small`` (tests/mutation.py) run them."""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import hashlib
import io
import locale
import os
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT, Package, Resource, settings_for, write

from generator.core import datasets as datasets_module
from generator.core import forked, timing
from generator.core import output_folder as of
from generator.core.cache import Cache, code_digest, file_digest
from generator.core.datasets import PACKAGE_VERDICTS, Datasets, _package_inputs, load_datasets
from generator.core.datasets import Package as DatasetsPackage
from generator.core.deps import DepMap, Units
from generator.core.edit import Origin, edit_base, edit_link, repository_root
from generator.core.feature import Feature, HomeBlock, Loaded, Models, PageContext, Site
from generator.core.files import TEXT_PIECE, WRITE_PIECE, open_atomic, write_all, write_atomic, write_text
from generator.core.flags import FLAGS, parse_flags
from generator.core.locale import locale as ui_locale
from generator.core.problems import problem
from generator.core.progress import Progress
from generator.core.read.package import LoadedPackage, load_descriptor
from generator.core.read.tree import Tree
from generator.core.render.output import Output
from generator.core.render.raw import RawMarkers
from generator.core.settings import Settings, parse_build_date
from generator.core.timing import process_age

# The output folder -----------------------------------------------------------------------------------------------


def inputs_in(tmp_path: Path) -> of.Inputs:
    """A project folder with its data, two docs folders and a cache, run from the project folder."""
    project = tmp_path / "project"
    for name in ("datasets", "docs", "docs/en", ".cache/minhbach"):
        (project / name).mkdir(parents=True)
    return of.Inputs(project, project / "datasets", (project / "docs", project / "docs" / "en"),
                     project / ".cache" / "minhbach", project)


def test_inputs_name_the_data_each_docs_folder_and_the_cache_in_both_languages(tmp_path):
    inputs = inputs_in(tmp_path)
    project = tmp_path / "project"
    assert inputs.named() == [("thư mục dữ liệu", "the datasets folder", project / "datasets"),
                              ("thư mục tài liệu", "the docs folder", project / "docs"),
                              ("thư mục tài liệu", "the docs folder", project / "docs" / "en"),
                              ("bộ nhớ đệm", "the cache folder", project / ".cache" / "minhbach")]


@pytest.mark.parametrize(("out", "reason"), [
    ("project", ("đó là thư mục dự án", "it is the project folder")),
    ("project/datasets", ("đó là thư mục dữ liệu", "it is the datasets folder")),
    ("project/docs", ("đó là thư mục tài liệu", "it is the docs folder")),
    ("project/docs/en", ("đó là thư mục tài liệu", "it is the docs folder")),
    ("project/.cache/minhbach", ("đó là bộ nhớ đệm", "it is the cache folder")),
    ("project/datasets/giam-sat", ("nó nằm trong thư mục dữ liệu", "it is inside the datasets folder")),
    ("project/docs/overrides", ("nó nằm trong thư mục tài liệu", "it is inside the docs folder")),
    ("project/docs/en/x", ("nó nằm trong thư mục tài liệu", "it is inside the docs folder")),
    ("project/.cache/minhbach/x", ("nó nằm trong bộ nhớ đệm", "it is inside the cache folder")),
])
def test_an_input_or_a_folder_inside_one_is_refused_with_its_name(tmp_path, out, reason):
    assert of.refusal(tmp_path / out, inputs_in(tmp_path)) == reason


def test_a_folder_that_holds_an_input_is_refused_naming_the_input(tmp_path):
    inputs = inputs_in(tmp_path)
    project = tmp_path / "project"
    assert of.refusal(tmp_path, inputs) == (f"nó chứa thư mục dự án ({project})",
                                            f"it holds the project folder ({project})")
    assert of.refusal(Path("/"), inputs) == (f"nó chứa thư mục dự án ({project})",
                                             f"it holds the project folder ({project})")
    cache = project / ".cache" / "minhbach"
    assert of.refusal(project / ".cache", inputs) == (f"nó chứa bộ nhớ đệm ({cache})",
                                                      f"it holds the cache folder ({cache})")


def test_each_kind_of_input_held_is_named(tmp_path):
    """The project, the current folder, the data, the docs and the cache, each apart from the others."""
    a, b, c, d, e = (tmp_path / name / "in" for name in "abcde")
    for folder in (a, b, c, d, e):
        folder.mkdir(parents=True)
    inputs = of.Inputs(a, c, (d,), e, b)
    assert of.refusal(tmp_path / "a", inputs) == (f"nó chứa thư mục dự án ({a})", f"it holds the project folder ({a})")
    assert of.refusal(tmp_path / "b", inputs) == (f"nó chứa thư mục đang đứng ({b})",
                                                  f"it holds the current folder ({b})")
    assert of.refusal(tmp_path / "c", inputs) == (f"nó chứa thư mục dữ liệu ({c})",
                                                  f"it holds the datasets folder ({c})")
    assert of.refusal(tmp_path / "d", inputs) == (f"nó chứa thư mục tài liệu ({d})", f"it holds the docs folder ({d})")
    assert of.refusal(tmp_path / "e", inputs) == (f"nó chứa bộ nhớ đệm ({e})", f"it holds the cache folder ({e})")
    assert of.refusal(tmp_path / "f", inputs) is None


def test_the_first_reason_wins_equal_before_inside_before_holds(tmp_path):
    """Data inside the cache (odd, but possible): the data folder itself is "the datasets folder", not inside
    the cache; a docs folder that is the project is "the project folder"."""
    project = tmp_path / "p"
    cache = project / "cache"
    data = cache / "data"
    data.mkdir(parents=True)
    inputs = of.Inputs(project, data, (project,), cache, tmp_path)
    assert of.refusal(data, inputs) == ("đó là thư mục dữ liệu", "it is the datasets folder")
    assert of.refusal(project, inputs) == ("đó là thư mục dự án", "it is the project folder")
    assert of.refusal(cache, inputs) == ("đó là bộ nhớ đệm", "it is the cache folder")
    assert of.refusal(data / "x", inputs) == ("nó nằm trong thư mục dữ liệu", "it is inside the datasets folder")


def test_paths_are_compared_resolved_through_symlinks_and_dot_dot(tmp_path):
    inputs = inputs_in(tmp_path)
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "project" / "datasets")
    assert of.refusal(link, inputs) == ("đó là thư mục dữ liệu", "it is the datasets folder")
    assert of.refusal(tmp_path / "project" / "docs" / ".." / "datasets", inputs) == \
        ("đó là thư mục dữ liệu", "it is the datasets folder")
    assert of.refusal(tmp_path / "elsewhere" / ".." / "project", inputs) == \
        ("đó là thư mục dự án", "it is the project folder")
    # The inputs given through a link, the output by its real path
    real = tmp_path / "real"
    (real / "data").mkdir(parents=True)
    (tmp_path / "alias").symlink_to(real)
    alias = tmp_path / "alias"
    linked = of.Inputs(alias, alias / "data", (), alias / "cache", tmp_path / "run")
    assert of.refusal(real, linked) == ("đó là thư mục dự án", "it is the project folder")
    assert of.refusal(real / "data", linked) == ("đó là thư mục dữ liệu", "it is the datasets folder")
    assert of.refusal(real / "data" / "x", linked) == ("nó nằm trong thư mục dữ liệu",
                                                       "it is inside the datasets folder")
    (real / "data" / "x").mkdir()
    assert of.refusal(tmp_path / "alias" / "data" / "x" / "..", linked) == \
        ("đó là thư mục dữ liệu", "it is the datasets folder")


def test_a_folder_that_holds_an_input_only_through_a_link_is_refused(tmp_path):
    real = tmp_path / "real"
    (real / "data").mkdir(parents=True)
    (tmp_path / "alias").symlink_to(real)
    alias = tmp_path / "alias"
    inputs = of.Inputs(tmp_path / "project", alias / "data", (), tmp_path / "cache", tmp_path / "project")
    assert of.refusal(real, inputs) == (f"nó chứa thư mục dữ liệu ({alias / 'data'})",
                                        f"it holds the datasets folder ({alias / 'data'})")


GIT = ("nó là (hoặc nằm trong) một kho git", "it is (or is inside) a git repository")
A_FILE = ("đó là một tệp, không phải thư mục", "it is a file, not a folder")
NOT_OURS = ("thư mục không trống và không do minhbach viết (không có tệp .minhbach-site)",
            "the folder is not empty and was not written by minhbach (it has no .minhbach-site file)")


def test_a_checkout_a_file_and_a_folder_not_ours_are_refused_and_left_as_they_are(tmp_path):
    inputs = inputs_in(tmp_path)
    checkout = tmp_path / "checkout"
    (checkout / ".git").mkdir(parents=True)
    (checkout / ".minhbach-site").write_text("")  # a marker does not make a checkout ours
    worktree = tmp_path / "worktree"
    worktree.mkdir()
    (worktree / ".git").write_text("gitdir: elsewhere\n")  # a worktree's .git is a file
    a_file = tmp_path / "a-file"
    a_file.write_text("keep me")
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "mine.txt").write_text("keep me too")
    assert of.refusal(checkout, inputs) == GIT
    assert of.refusal(worktree, inputs) == GIT
    assert of.refusal(checkout / ".git", inputs) == GIT
    assert of.refusal(checkout / ".git" / "new", inputs) == GIT  # inside, though absent
    assert of.refusal(a_file, inputs) == A_FILE
    assert of.refusal(notes, inputs) == NOT_OURS
    (notes / ".minhbach-site").mkdir()  # a folder by the marker's name is not the marker
    assert of.refusal(notes, inputs) == NOT_OURS
    assert a_file.read_text() == "keep me" and (notes / "mine.txt").read_text() == "keep me too"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "checkout", "notes", "project", "worktree"]


def test_an_absent_an_empty_or_a_marked_folder_may_be_replaced(tmp_path):
    inputs = inputs_in(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    ours = tmp_path / "ours"
    ours.mkdir()
    (ours / "index.html").write_text("a site")
    of.mark(ours)
    marker_only = tmp_path / "marker-only"
    marker_only.mkdir()
    of.mark(marker_only)
    for out in (tmp_path / "new" / "site", empty, ours, marker_only):
        assert of.refusal(out, inputs) is None
    assert not (tmp_path / "new").exists()  # refusal reads, never writes


@pytest.fixture
def ascii_locale() -> Iterator[None]:
    """The C locale's ASCII as the default encoding of text files, as on a machine without a UTF-8 locale."""
    saved = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")
    if locale.getencoding().lower() not in ("ascii", "ansi_x3.4-1968"):
        locale.setlocale(locale.LC_CTYPE, saved)
        pytest.skip("the C locale's encoding is not ASCII here")
    try:
        yield
    finally:
        locale.setlocale(locale.LC_CTYPE, saved)


def test_the_marker_says_in_both_languages_what_the_folder_is(tmp_path, ascii_locale):
    of.mark(tmp_path)
    assert (tmp_path / ".minhbach-site").read_bytes() == (
        "Thư mục này do `minhbach build` viết; lần xây dựng sau sẽ thay toàn bộ nó.\n"
        "This folder was written by `minhbach build`; the next build replaces all of it.\n").encode()


def test_staging_folders_are_new_marked_and_named_after_the_output(tmp_path):
    out = tmp_path / "a" / "b" / "site"
    first, second = of.staging_folder(out, "vi"), of.staging_folder(out, "vi")
    en = of.staging_folder(out, "en-pages")
    assert of.staging_root(out) == out.parent / ".site-staging"
    assert first != second and first.parent == of.staging_root(out) == en.parent
    assert first.name.startswith("vi-") and second.name.startswith("vi-")
    assert en.name.startswith("en-pages-")
    for folder in (first, second, en):
        assert [p.name for p in folder.iterdir()] == [".minhbach-site"]
        assert (folder / ".minhbach-site").read_text("utf-8") == of.MARKER_TEXT
    assert not out.exists()
    assert of.staging_folder(out, "vi").parent == of.staging_root(out)  # the root exists already: no error


def test_a_staging_root_that_is_a_link_or_a_file_is_refused(tmp_path):
    """A link named like the staging root (committed by a pull request, say) must not send a build elsewhere."""
    out, elsewhere = tmp_path / "site", tmp_path / "elsewhere"
    elsewhere.mkdir()
    of.staging_root(out).symlink_to(elsewhere)
    with pytest.raises(OSError, match="is not a folder; delete it"):
        of.staging_folder(out, "vi")
    of.staging_root(out).unlink()
    of.staging_root(out).write_text("a file")
    with pytest.raises(OSError, match="is not a folder; delete it"):
        of.staging_folder(out, "vi")
    assert list(elsewhere.iterdir()) == []


def test_the_previous_site_and_the_lock_sit_beside_the_output(tmp_path):
    assert of.previous_folder(tmp_path / "site") == tmp_path / ".site-previous"
    assert of.lock_file(tmp_path / "out" / "my site") == tmp_path / "out" / ".my site-lock"


def site(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(text)
    of.mark(folder)
    return folder


def test_swap_puts_the_new_site_in_place_of_the_old_and_removes_the_old(tmp_path):
    out = site(tmp_path / "site", "old")
    staging = of.staging_folder(out, "vi")
    (staging / "index.html").write_text("new")
    of.swap(out, staging)
    assert (out / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_swap_into_an_absent_output(tmp_path):
    out = tmp_path / "site"
    staging = site(tmp_path / ".site-vi-x", "new")
    of.swap(out, staging)
    assert (out / "index.html").read_text() == "new" and sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_swap_clears_a_previous_site_left_by_an_interrupted_build_first(tmp_path):
    out = site(tmp_path / "site", "old")
    site(of.previous_folder(out), "older")
    staging = site(tmp_path / ".site-vi-x", "new")
    of.swap(out, staging)
    assert (out / "index.html").read_text() == "new" and sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_swap_never_deletes_a_previous_folder_it_did_not_write(tmp_path):
    out = site(tmp_path / "site", "old")
    previous = of.previous_folder(out)
    previous.mkdir()
    (previous / "mine.txt").write_text("keep me")
    staging = site(tmp_path / ".site-vi-x", "new")
    with pytest.raises(OSError):
        of.swap(out, staging)  # the old site cannot move aside onto a folder that is not ours
    assert (previous / "mine.txt").read_text() == "keep me"
    assert (out / "index.html").read_text() == "old" and (staging / "index.html").read_text() == "new"


class _Stopped(BaseException):
    pass


@pytest.mark.parametrize("stop_after", range(1, 14))
def test_a_folder_of_ours_stopped_half_way_through_deleting_is_still_ours(tmp_path, monkeypatch, stop_after):
    """Stopped after any number of deletions (SIGTERM, Ctrl+C), what is left of the site being replaced must still
    be known to be ours: deleted in one go, the marker could go before the rest, and a .site-previous without it
    was a folder no build would touch again, on which every later build into that output failed (exit 2)."""
    previous = site(tmp_path / ".site-previous", "old")
    for name in ("assets", "chi-so", "en"):
        (previous / name / "deep").mkdir(parents=True)
        (previous / name / "deep" / "index.html").write_text(name)
    done = []
    unlink, rmdir = os.unlink, os.rmdir

    def counted(real):
        def call(*args, **kwargs):
            if len(done) >= stop_after:
                raise _Stopped
            done.append(args[0])
            return real(*args, **kwargs)
        return call

    monkeypatch.setattr(os, "unlink", counted(unlink))
    monkeypatch.setattr(os, "rmdir", counted(rmdir))
    with contextlib.suppress(_Stopped):
        of._remove_ours(previous)
    monkeypatch.undo()
    assert not previous.exists() or of._ours(previous)


def test_a_previous_folder_not_ours_is_a_refusal_that_names_it_before_anything_is_built(tmp_path):
    out = site(tmp_path / "site", "old")
    previous = of.previous_folder(out)
    (previous / "thay-doi").mkdir(parents=True)
    (previous / "thay-doi" / "atom.xml").write_text("left by an old version, half deleted")
    vi, en = of._content_refusal(out)
    assert str(previous) in en and "move or delete that folder" in en and str(previous) in vi
    of.mark(previous)  # ours: the next build clears it
    assert of._content_refusal(out) is None


def test_swap_goes_on_past_a_previous_folder_that_is_a_link_and_keeps_it(tmp_path):
    """``.site-previous`` a link to a marked folder: nothing is deleted through the link, the swap is done."""
    out = tmp_path / "site"
    target = site(tmp_path / "target", "kept")
    of.previous_folder(out).symlink_to(target, target_is_directory=True)
    staging = site(tmp_path / ".site-vi-x", "new")
    of.swap(out, staging)
    assert (out / "index.html").read_text() == "new" and (target / "index.html").read_text() == "kept"
    assert of.previous_folder(out).is_symlink()


def test_recover_puts_back_a_site_moved_aside_and_removes_staging_folders(tmp_path):
    out = tmp_path / "site"
    site(of.previous_folder(out), "old")
    staging = of.staging_folder(out, "vi")
    (staging / "index.html").write_text("half a site")
    empty = of.staging_root(out) / "en-x"
    empty.mkdir()
    assert of.recover(out) == [empty, staging] == sorted([staging, empty])
    assert (out / "index.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_recover_removes_a_previous_site_when_the_output_is_there(tmp_path):
    out = site(tmp_path / "site", "new")
    previous = site(of.previous_folder(out), "old")
    assert of.recover(out) == [previous]
    assert (out / "index.html").read_text() == "new" and sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_recover_never_deletes_or_moves_what_it_did_not_write(tmp_path):
    out = tmp_path / "site"
    previous = of.previous_folder(out)
    previous.mkdir()
    (previous / "mine.txt").write_text("not a site")  # no marker: not ours, not put back
    notes = tmp_path / ".site-notes"
    notes.mkdir()
    (notes / "mine.txt").write_text("keep")
    (notes / ".minhbach-site").mkdir()  # a folder by the marker's name is not the marker
    ours = site(tmp_path / "ours", "ours")  # a marked folder the link below leads to
    (tmp_path / ".site-link").symlink_to(ours, target_is_directory=True)
    (tmp_path / ".site-lock").write_text("")
    (tmp_path / ".site-file").write_text("a file")
    other = site(tmp_path / ".other-vi-x", "another output's staging")
    near = site(tmp_path / ".sitex-vi-x", "another output's staging")
    before = sorted(p.name for p in tmp_path.iterdir())
    assert of.recover(out) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == before and not out.exists()
    assert (previous / "mine.txt").read_text() == "not a site" and (notes / "mine.txt").read_text() == "keep"
    assert (ours / "index.html").read_text() == "ours" and (tmp_path / ".site-file").read_text() == "a file"
    assert (other / "index.html").is_file() and (near / "index.html").is_file()


@contextmanager
def undeletable(path: Path) -> Iterator[None]:
    """``path`` (a file) cannot be deleted while inside: its folder read-only, or, for root, the file immutable."""
    if shutil.which("chattr") and subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0:
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    elif not hasattr(os, "geteuid") or os.geteuid() != 0:
        path.parent.chmod(0o500)
        try:
            yield
        finally:
            path.parent.chmod(0o700)
    else:
        pytest.skip("no way to make a file undeletable here (root, and chattr +i refused)")


def test_recover_goes_on_past_a_leftover_it_cannot_delete(tmp_path):
    """A staging folder that cannot be deleted whole does not stop the build: the rest is tidied."""
    out = tmp_path / "site"
    stuck = of.staging_folder(out, "vi")
    (stuck / "assets").mkdir()
    (stuck / "assets" / "x.css").write_text("")
    other = of.staging_folder(out, "vi")
    with undeletable(stuck / "assets" / "x.css"):
        assert of.recover(out) == sorted([stuck, other])
        assert (stuck / "assets" / "x.css").is_file() and not other.exists()


def test_recover_leaves_the_folders_of_an_output_whose_name_extends_this_ones(tmp_path):
    """Outputs ``site`` and ``site-preview`` side by side: a build into ``site`` must not delete the previous
    site of ``site-preview`` (put aside by an interrupted swap, its only copy) nor the staging folder of a
    build running into it (which holds ``.site-preview-lock``, not ``.site-lock``)."""
    other = tmp_path / "site-preview"
    previous = site(of.previous_folder(other), "the only copy of site-preview")
    staging = of.staging_folder(other, "vi")
    assert of.recover(tmp_path / "site") == []
    assert (previous / "index.html").is_file() and staging.is_dir()


def test_recover_without_the_outputs_parent_does_nothing(tmp_path):
    assert of.recover(tmp_path / "absent" / "site") == []
    assert not (tmp_path / "absent").exists()


def test_recover_of_an_output_that_is_a_file_leaves_it(tmp_path):
    """A marked previous site is put back only where nothing is."""
    out = tmp_path / "site"
    out.write_text("a file")
    previous = site(of.previous_folder(out), "old")
    assert of.recover(out) == [previous]
    assert out.read_text() == "a file"


def test_the_lock_is_taken_without_waiting_when_free_and_released_after(tmp_path):
    out = tmp_path / "a" / "site"
    with of.exclusive(out, lambda: pytest.fail("the lock was free")):
        assert of.lock_file(out).is_file() and not out.exists()
        with of.lock_file(out).open("a") as other, pytest.raises(BlockingIOError):
            fcntl.flock(other, fcntl.LOCK_SH | fcntl.LOCK_NB)  # held exclusively: not even shared
    with of.lock_file(out).open("a") as other:
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released
    with of.exclusive(out, lambda: pytest.fail("the lock was free")):  # the parent and the lock file exist
        pass


def test_a_held_lock_calls_on_wait_then_waits_for_it(tmp_path):
    out = tmp_path / "site"
    out.parent.mkdir(exist_ok=True)
    events = []
    with of.lock_file(out).open("a") as other:
        fcntl.flock(other, fcntl.LOCK_EX)

        def on_wait() -> None:
            events.append("waiting")
            fcntl.flock(other, fcntl.LOCK_UN)  # the other build finishes

        with of.exclusive(out, on_wait):
            events.append("inside")
            with pytest.raises(BlockingIOError):
                fcntl.flock(other, fcntl.LOCK_SH | fcntl.LOCK_NB)
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released again
    assert events == ["waiting", "inside"]


def test_the_lock_is_released_when_the_block_raises(tmp_path):
    out = tmp_path / "site"
    with pytest.raises(ValueError, match="boom"), of.exclusive(out, lambda: None):
        raise ValueError("boom")
    with of.lock_file(out).open("a") as other:
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)


# The datasets stage ----------------------------------------------------------------------------------------------

AGENCIES = Package("a", (Resource("agencies", ("code:string", "name_vi:string", "name_en:string"),
                                  rows="SNV,Sở Nội vụ,Home Affairs\nSTC,Sở Tài chính,\n",
                                  schema_extra="primaryKey: [code]"),
                         Resource("inline", ("x:string",), rows=None, resource_extra="data: [[x], [q]]")),
                   "x-minhbach: {role: agencies}")
REPORTS = Package("b", (Resource("reports", ("id:integer", "agency:string"), rows="1,SNV\n2,SNX;STC\n",
                                 resource_extra="x-minhbach: {references: [{fields: agency, package: a, "
                                                "resource: agencies, key: code}]}"),
                        Resource("notes", ("id:integer",), rows="1\n")))


def write_agencies(root: Path) -> Path:
    """Package ``a``: a CSV table and a table of inline data (no path)."""
    return AGENCIES.write(root, AGENCIES.text.replace("    path: inline.csv\n", ""))


def problems_of(datasets: Datasets) -> list[tuple]:
    return [(p.code, p.path, p.line, p.field, p.params) for p in datasets.problems]


def test_two_packages_are_read_checked_and_cross_referenced(tmp_path):
    root = tmp_path / "datasets"
    write_agencies(root)
    REPORTS.write(root)
    datasets = load_datasets(settings_for(root))
    assert problems_of(datasets) == [
        ("missing-english", "datasets/a/agencies.csv", 3, "name_en", (("key", "name_vi"), ("key_en", "name_en"))),
        ("unknown-reference", "datasets/b/reports.csv", 3, "agency",
         (("choices", "SNV, STC"), ("suggestion", "SNV"), ("target", "a/agencies.code"), ("value", "SNX"))),
    ]
    a, b = datasets.packages
    assert (a.name, a.role, [t.name for t in a.tables]) == ("a", "agencies", ["agencies", "inline"])
    assert (b.name, b.role, [t.name for t in b.tables]) == ("b", "", ["reports", "notes"])
    assert [t.package for t in a.tables + b.tables] == ["a", "a", "b", "b"]
    assert a.descriptor is a.loaded.descriptor and a.descriptor["name"] == "a"
    assert a.table("inline") is a.tables[1] and a.table("agencies") is a.tables[0] and a.table("x") is None
    assert datasets.by_role("agencies") is a and datasets.by_role("") is b and datasets.by_role("x") is None
    assert datasets.tables() == {("a", "agencies"): a.tables[0], ("a", "inline"): a.tables[1],
                                 ("b", "reports"): b.tables[0], ("b", "notes"): b.tables[1]}


@pytest.mark.parametrize(("extension", "role"), [
    ({"role": "indicators"}, "indicators"), ({"role": 5}, "5"), ({}, ""), ("agencies", ""), (None, ""),
])
def test_a_packages_role_is_its_x_minhbach_role_as_text(tmp_path, extension, role):
    loaded = LoadedPackage(tmp_path / "datapackage.yaml", "p/datapackage.yaml",
                           Tree({"name": "p"} if extension is None else {"name": "p", "x-minhbach": extension}))
    assert DatasetsPackage("p", loaded, []).role == role


def test_a_missing_datasets_folder_is_one_problem(tmp_path):
    datasets = load_datasets(settings_for(tmp_path / "absent"))
    assert datasets.problems == [problem("no-packages", "absent", folder="absent")]
    assert datasets.packages == []


def test_a_folder_without_packages_is_a_problem_and_data_without_a_descriptor_another(tmp_path):
    root = tmp_path / "datasets"
    for folder, count in (("one", 1), ("three", 3), ("four", 4), ("five", 5)):
        for n in range(count):
            write(root / folder / f"t{n}.csv", "x\n1\n")
    datasets = load_datasets(settings_for(root))
    assert datasets.problems == [
        problem("no-packages", "datasets", folder="datasets"),
        problem("no-descriptor", "datasets/five", folder="datasets/five", files="t0.csv, t1.csv, t2.csv (+2)"),
        problem("no-descriptor", "datasets/four", folder="datasets/four", files="t0.csv, t1.csv, t2.csv (+1)"),
        problem("no-descriptor", "datasets/one", folder="datasets/one", files="t0.csv"),
        problem("no-descriptor", "datasets/three", folder="datasets/three", files="t0.csv, t1.csv, t2.csv"),
    ]


def _zip_of(path: Path, members: dict[str, bytes]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)


@pytest.mark.parametrize("descriptor", ["datapackage.json", "datapackage.yaml", "pkg/datapackage.json"])
def test_a_zipped_package_is_told_to_be_unzipped_into_a_folder_of_its_own(tmp_path, descriptor):
    """frictionless-py's package.zip (a descriptor and two CSV, as `frictionless validate package.zip` reads it):
    "add a datapackage.yaml" would have published an empty package beside a zip nobody reads (audit generic8 #6)."""
    root = tmp_path / "datasets"
    _zip_of(root / "fp-zippkg" / "package.zip", {descriptor: b'{"name": "p", "resources": []}', "t.csv": b"a\n1\n"})
    _zip_of(root / "other" / "t.csv.zip", {"t.csv": b"a\n1\n"})  # a zipped table alone: the usual hint
    write(root / "other" / "broken.zip", "not a zip")
    found = [p for p in load_datasets(settings_for(root)).problems if p.code == "no-descriptor"]
    assert found == [
        problem("no-descriptor", "datasets/fp-zippkg", folder="datasets/fp-zippkg", files="package.zip",
                zipped="package.zip"),
        problem("no-descriptor", "datasets/other", folder="datasets/other", files="broken.zip, t.csv.zip")]
    assert found[0].hint("vi").startswith("'package.zip' là một gói dữ liệu nén: giải nén nó vào một thư mục riêng")
    assert found[0].hint("en").startswith("'package.zip' is a zipped data package: unzip it into a folder of its own")
    assert found[1].hint("en").startswith("add a datapackage.yaml")


def test_data_without_a_descriptor_beside_a_package_is_reported_and_the_package_read(tmp_path):
    root = tmp_path / "datasets"
    REPORTS.write(root)
    write(root / "lost" / "x.csv", "x\n1\n")
    datasets = load_datasets(settings_for(root))
    assert [p.code for p in datasets.problems] == ["no-descriptor", "unknown-reference"]
    assert [p.name for p in datasets.packages] == ["b"]


def test_a_name_used_twice_is_an_error_at_the_later_package_naming_the_first(tmp_path):
    root = tmp_path / "datasets"
    for folder in ("x", "y", "z"):
        package = Package("p", (Resource("t", ("id:integer",), rows="1\n"),))
        package.write(root / folder, "title: P\n" + package.text)
    datasets = load_datasets(settings_for(root))
    assert problems_of(datasets) == [
        ("duplicate-name", "datasets/y/p/datapackage.yaml", 2, "name",
         (("name", "p"), ("other", "datasets/x/p/datapackage.yaml"))),
        ("duplicate-name", "datasets/z/p/datapackage.yaml", 2, "name",
         (("name", "p"), ("other", "datasets/x/p/datapackage.yaml"))),
    ]
    assert [p.column for p in datasets.problems] == [1, 1]
    assert [p.loaded.rel for p in datasets.packages] == ["datasets/x/p/datapackage.yaml"]


def test_a_package_with_an_error_in_its_descriptor_is_left_out_and_the_others_read(tmp_path):
    root = tmp_path / "datasets"
    write_agencies(root)
    broken = Package("c", (Resource("t", ("id:integer",), rows="1\n"),))
    broken.write(root, broken.text.replace("type: integer", "type: whole"))
    datasets = load_datasets(settings_for(root))
    assert [(p.code, p.path) for p in datasets.problems] == [
        ("missing-english", "datasets/a/agencies.csv"), ("unknown-field-type", "datasets/c/datapackage.yaml")]
    assert [p.name for p in datasets.packages] == ["a"]


def test_a_warning_in_a_descriptor_does_not_leave_the_package_out(tmp_path):
    root = tmp_path / "datasets"
    Package("c", (Resource("t", ("id:integer",), rows="1\n"),), "licenses: [{id: CC-BY-4.0}]").write(root)
    datasets = load_datasets(settings_for(root))
    assert [(p.code, p.is_error) for p in datasets.problems] == [("legacy-license", False)]
    assert [p.name for p in datasets.packages] == ["c"]


def test_a_table_that_cannot_be_read_is_reported_once_not_again_by_frictionless(tmp_path):
    root = tmp_path / "datasets"
    folder = Package("c", (Resource("t", ("name_vi:string", "name_en:string"), rows=None),)).write(root)
    (folder / "t.csv").write_bytes("name_vi,name_en\nĐà,\n".encode("cp1258"))
    datasets = load_datasets(settings_for(root))
    assert [(p.code, p.path) for p in datasets.problems] == [("encoding", "datasets/c/t.csv")]
    assert [p.name for p in datasets.packages] == ["c"]


def test_frictionless_problems_are_reported_after_the_tables_are_read(tmp_path):
    root = tmp_path / "datasets"
    Package("c", (Resource("t", ("id:integer",), rows="1\nx\n"),)).write(root)
    datasets = load_datasets(settings_for(root))
    assert [(p.code, p.path, p.line) for p in datasets.problems] == [("type-error", "datasets/c/t.csv", 3)]


def verdict_key(folder: Path, settings, rows: dict[str, int]) -> str:
    loaded = load_descriptor(folder / "datapackage.yaml", settings)
    return Cache.key("verdicts", _package_inputs(loaded, settings, rows), code_digest("generator.core.checks.validate"))


def test_a_packages_verdict_is_cached_under_its_inputs_and_read_back_without_frictionless(tmp_path):
    root = tmp_path / "datasets"
    folder = Package("c", (Resource("t", ("id:integer",), rows="1\nx\n"),)).write(root)
    settings = settings_for(root)
    key = verdict_key(folder, settings, {"t": 2})
    cache = Cache(tmp_path / ".cache" / "minhbach")  # settings.cache: where a build without a cache given looks
    assert cache.get_json("verdicts", key) is None
    load_datasets(settings)
    [verdict] = cache.get_json("verdicts", key)
    assert (verdict["code"], verdict["line"]) == ("type-error", 3)
    # A verdict read back as it is stored: put one Frictionless would never give, and it is what is reported
    cache.put_json("verdicts", key, [problem("no-packages", "here", 7, folder="f").as_data()])
    assert load_datasets(settings).problems == [problem("no-packages", "here", 7, folder="f")]
    given = Cache(tmp_path / "given")  # a cache given is the one used
    assert [p.code for p in load_datasets(settings, given).problems] == ["type-error"]
    assert [p["code"] for p in given.get_json(PACKAGE_VERDICTS, key)] == ["type-error"]
    given.put_json("verdicts", key, {"not": "a list"})  # not a verdict: validated again
    assert [p.code for p in load_datasets(settings, given).problems] == ["type-error"]
    assert [p["code"] for p in given.get_json("verdicts", key)] == ["type-error"]


def two_packages_one_invalid(root: Path) -> Settings:
    """Two small packages Frictionless must validate, one of them with a key twice (only Frictionless says so)."""
    Package("c", (Resource("t", ("id:integer",), rows="1\n1\n", schema_extra="primaryKey: [id]"),)).write(root)
    Package("d", (Resource("u", ("id:integer",), rows="2\n"),)).write(root)
    return settings_for(root, cache_validation=False)


def in_a_fresh_process(name: str, *args: str) -> None:
    """This module's function ``name`` run in a new interpreter: a child is forked only from a process with one
    thread, and other tests leave threads in this one (serve's worker pool)."""
    code = (f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); import {Path(__file__).stem} as m; "
            f"m.{name}(*sys.argv[1:])")
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a child is forked only on Linux")
def test_verdicts_found_beside_the_build_are_those_found_in_it_and_a_lost_child_costs_only_time(tmp_path):
    """``load_datasets(beside=True)``: the packages Frictionless must validate are validated in a forked child
    while the build goes on; their problems are the same as found in the build's own process, and are not among
    ``problems`` until asked for. A child that ends without sending them leaves them to be found here."""
    in_a_fresh_process("verdicts_beside", str(tmp_path / "datasets"))


def verdicts_beside(root: str) -> None:
    settings = two_packages_one_invalid(Path(root))
    inline = load_datasets(settings)
    assert inline.verdicts is None and [(p.code, p.line) for p in inline.problems] == [("primary-key", 3)]
    beside = load_datasets(settings, beside=True)
    assert beside.problems == [] and beside.verdicts is not None
    assert beside.verdicts.problems() == inline.problems
    datasets_module.fork = lambda work: forked.fork(lambda: os._exit(3))  # a child that ends without its verdicts
    lost = load_datasets(settings, beside=True)
    assert lost.verdicts is not None and lost.verdicts.problems() == inline.problems
    # Too many rows to validate in one process (a table that large is validated in chunks, by workers): here.
    datasets_module.CHUNK_ROWS = 2
    assert load_datasets(settings, beside=True).verdicts is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a child is forked only on Linux")
def test_a_forked_function_sends_what_it_returns_and_one_that_raises_sends_nothing():
    in_a_fresh_process("forked_functions")


def forked_functions() -> None:
    parent = os.getpid()
    assert forked.fork(lambda: (os.getpid() != parent, [1, "hai"])).result() == (True, [1, "hai"])
    assert forked.fork(lambda: 1 / 0).result() is None  # the caller does the work itself
    sleeping = forked.fork(lambda: time.sleep(60))
    sleeping.stop()  # killed and reaped, without its result
    assert sleeping.result() is None
    try:
        os.waitpid(sleeping.pid, os.WNOHANG)
    except ChildProcessError:
        return
    raise AssertionError("the child was not reaped")


def test_no_child_is_forked_while_another_thread_runs():
    """A child forked then could inherit a lock that thread holds, and wait for it forever."""
    import threading

    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not forked.can_fork() and forked.fork(lambda: 1) is None
    finally:
        stop.set()
        other.join()


def test_without_cached_validation_frictionless_runs_and_nothing_is_stored(tmp_path):
    root = tmp_path / "datasets"
    folder = Package("c", (Resource("t", ("id:integer",), rows="1\nx\n"),)).write(root)
    settings = settings_for(root, cache_validation=False)
    key = verdict_key(folder, settings, {"t": 2})
    given = Cache(tmp_path / "given")
    given.put_json("verdicts", key, [problem("no-packages", "here", folder="f").as_data()])
    for cache in (None, given):
        assert [p.code for p in load_datasets(settings, cache).problems] == ["type-error"]
    assert not (tmp_path / ".cache").exists()
    assert [p["code"] for p in given.get_json("verdicts", key)] == ["no-packages"]


def test_a_packages_verdict_depends_on_everything_frictionless_reads(tmp_path):
    root = tmp_path / "datasets"
    folder = Package("c", (Resource("t", ("id:integer",), rows="1\n"),
                           Resource("u", ("id:integer",), rows=None, path="parts/u1.csv"),
                           Resource("v", ("id:integer",), rows=None))).write(root)
    text = (folder / "datapackage.yaml").read_text()
    text = text.replace("path: parts/u1.csv", "path: [parts/u1.csv, parts/u2.csv, 7]")
    text = text.replace("    path: v.csv\n    schema:\n      fields:\n        - {name: id, type: integer}\n",
                        "    path: v.csv\n    schema: v.schema.json\n")
    text += "  - 'not a resource'\n"
    (folder / "datapackage.yaml").write_text(text)
    write(folder / "parts" / "u1.csv", "id\n2\n")
    write(folder / "v.schema.json", '{"fields": [{"name": "id", "type": "integer"}]}')
    settings = settings_for(root, max_file_bytes=1234)
    loaded = load_descriptor(folder / "datapackage.yaml", settings)
    from importlib.metadata import version

    from generator.core.checks.descriptor import normalised
    assert _package_inputs(loaded, settings, {"t": 1}) == {
        "package": True, "descriptor": normalised(loaded.descriptor),
        "bytes": file_digest(folder / "datapackage.yaml"),
        "where": "datasets/c/datapackage.yaml",
        "folder": "datasets/c", "rows": {"t": 1}, "max_file_bytes": 1234,
        "files": {"parts/u1.csv": file_digest(folder / "parts" / "u1.csv"), "parts/u2.csv": "missing",
                  "t.csv": file_digest(folder / "t.csv"), "v.csv": "missing",
                  "v.schema.json": file_digest(folder / "v.schema.json")},
        "frictionless": f"frictionless={version('frictionless')}"}
    assert list(_package_inputs(loaded, settings, {})["files"]) == [
        "parts/u1.csv", "parts/u2.csv", "t.csv", "v.csv", "v.schema.json"]
    assert file_digest(folder / "t.csv") != file_digest(folder / "parts" / "u1.csv")


# The feature protocol --------------------------------------------------------------------------------------------

class Agencies:
    pass


class Sessions:
    pass


class Special(Agencies):
    pass


def test_models_are_found_by_their_type_or_by_the_feature_that_made_them():
    agencies, special = Agencies(), Special()
    models = Models({"directory": agencies, "supervision": None, "other": special})
    assert models.get(Agencies) is agencies and models.get(Special) is special  # by exact type
    assert models.get(Sessions) is None and models.get(type(None)) is None
    assert models.named("directory") is agencies and models.named("supervision") is None
    assert models.named("other") is special and models.named("x") is None


def test_models_keep_their_own_copy_of_the_mapping():
    by_feature = {"directory": Agencies()}
    models = Models(by_feature)
    by_feature["directory"] = None
    assert isinstance(models.named("directory"), Agencies)


def test_a_site_has_no_models_no_derived_tables_no_cache_and_its_own_markers_by_default(tmp_path):
    settings = settings_for(tmp_path / "datasets")
    first, second = Site(Datasets(), settings), Site(Datasets(), settings)
    assert first.models.named("x") is None and first.models.get(Agencies) is None and first.derived == ()
    assert first.cache.root is None and isinstance(first.raw, RawMarkers) and first.raw != second.raw


def page_context(tmp_path: Path, units: Units | None = None) -> PageContext:
    import jinja2

    env = jinja2.Environment(loader=jinja2.DictLoader({"t.md.j2": "{{ page_uri }}|{{ x }}"}))
    site = Site(Datasets(), settings_for(tmp_path / "datasets"))
    return PageContext(site, ui_locale("vi"), env, units=units)


def test_a_page_context_renders_a_template_with_the_pages_uri(tmp_path):
    page = page_context(tmp_path)
    assert page.render("t.md.j2", "co-quan/snv/", x=5) == "co-quan/snv/|5"
    assert page.home == () and page.units is None


def test_a_unit_is_made_each_time_without_a_dependency_map_or_without_inputs(tmp_path):
    made = []

    def make() -> Output:
        made.append(1)
        return Output()

    assert isinstance(page_context(tmp_path).unit("a", ["file:x"], make), Output)
    units = Units(DepMap(Cache(None), "k"), lambda key: "d")
    page = page_context(tmp_path, units)
    page.unit("a", None, make)
    page.unit("a", None, make)  # not recorded: the same name again is no error
    assert len(made) == 3 and units.current == {}


def test_a_unit_with_inputs_is_recorded_in_the_dependency_map(tmp_path):
    units = Units(DepMap(Cache(None), "k"), lambda key: "d", ["code:x"])
    page = page_context(tmp_path, units)
    output = Output()
    assert page.unit("agency/snv", ["file:b", "file:a"], lambda: output) is output
    assert units.current["agency/snv"].declared == ["code:x", "file:a", "file:b"]
    with pytest.raises(ValueError, match="two units are named 'agency/snv'"):
        page.unit("agency/snv", ["file:a"], Output)


def test_input_keys_of_files_and_rows(tmp_path):
    page = page_context(tmp_path)
    assert page.file(tmp_path / "datasets" / "giam-sat" / "s.yaml") == "file:datasets/giam-sat/s.yaml"
    assert page.file("datasets/x.yaml") == "file:datasets/x.yaml"
    assert PageContext.rows("p", "t") == page.rows("p", "t") == "rows:p/t"
    assert PageContext.rows("p", "t", "code", "SNV") == "rows:p/t#code=SNV"
    assert PageContext.rows("p", "t", "code") == "rows:p/t#code="


def test_a_feature_that_implements_nothing_adds_nothing(tmp_path):
    class Nothing(Feature[Agencies]):
        name = "nothing"

    feature, model = Nothing(), Agencies()
    page = page_context(tmp_path)
    settings = settings_for(tmp_path)
    assert feature.load(Datasets(), settings) == Loaded() == Loaded(None, ())
    assert feature.derived_tables(model) == [] and feature.link(model, page.site) is model
    assert feature.link(None, page.site) is None and Nothing.templates is None
    assert feature.filters(model, page.locale) == {} and feature.shared_files(model, page.site) == []
    assert feature.home(model, page) == []
    assert feature.pages(model, page) == Output()


def test_a_home_block_offers_no_headline_and_no_bars_by_default():
    block = HomeBlock(2, "x/home.md.j2", None)
    assert (block.order, block.template, block.view, block.headline, block.bars) == (2, "x/home.md.j2", None, "", ())


def test_a_cache_given_holds_the_verdicts_of_each_resource_and_chunk_too(tmp_path, monkeypatch):
    """Frictionless's own verdicts (per resource, per chunk of a large table, of the table-wide checks) go where
    the package's go."""
    from generator.core.checks import chunked

    monkeypatch.setattr(chunked, "CHUNK_ROWS", 2)  # a table of more rows is validated in chunks
    root = tmp_path / "datasets"
    Package("c", (Resource("t", ("id:integer",), rows="1\n2\n3\nx\n5\n"),)).write(root)
    given = Cache(tmp_path / "given")
    # One job: chunks in worker processes would run the forkserver's code (mutmut's mutants are per process)
    problems = load_datasets(settings_for(root, jobs=1), given).problems
    assert [(p.code, p.line) for p in problems] == [("type-error", 5)]
    assert sorted(p.name for p in (tmp_path / "given").iterdir()) == ["chunks", "table-wide", "verdicts"]
    assert len([f for f in (tmp_path / "given" / "verdicts").rglob("*") if f.is_file()]) == 2  # c's and t's
    assert not (tmp_path / ".cache").exists()


def test_the_inputs_of_a_descriptor_without_resources_name_no_files(tmp_path):
    settings = settings_for(tmp_path / "datasets")
    loaded = LoadedPackage(tmp_path / "datasets" / "p" / "datapackage.yaml", "p/datapackage.yaml", Tree({"name": "p"}))
    assert _package_inputs(loaded, settings, {})["files"] == {}


# Edit links ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("repo_url", "edit_uri", "docs_dir", "base"), [
    ("https://github.com/o/r", "edit/main/docs/", "docs", "https://github.com/o/r/edit/main/"),
    ("  https://github.com/o/r/  ", "  edit/main/docs//  ", "docs", "https://github.com/o/r/edit/main/"),
    ("http://github.com/o/r", "edit/main/docs", "/docs/", "http://github.com/o/r/edit/main/"),
    ("https://github.com/o/r", None, "docs", "https://github.com/o/r/edit/master/"),
    ("https://GitHub.COM/o/r", None, "docs", "https://GitHub.COM/o/r/edit/master/"),
    ("https://gitlab.com/o/r", None, "docs", "https://gitlab.com/o/r/edit/master/"),
    ("https://bitbucket.org/o/r", None, "docs", "https://bitbucket.org/o/r/src/default/"),
    ("https://bitbucket.org/o/r", None, "docs/en", "https://bitbucket.org/o/r/src/default/"),
    ("https://git.example/o/r", None, "docs", ""),
    ("https://github.com/o/r", "edit/main/site/docs/en/", "site/docs/en", "https://github.com/o/r/edit/main/"),
    ("https://github.com/o/r", "edit/main/site/docs/", "site/docs/en", "https://github.com/o/r/edit/main/"),
    ("https://github.com/o/r", "edit/main/site/", "site/docs/en", "https://github.com/o/r/edit/main/"),
    ("https://github.com/o/r", "edit/main/docs/", "site/docs", ""),  # docs under another folder: not this one
    ("https://github.com/o/r", "docs", "docs", "https://github.com/o/r/"),  # the docs folder at the root
    ("https://github.com/o/r", "edit/main/mydocs/", "docs", ""),  # a folder that ends like it is another
    ("https://github.com/o/r/", "docs", "docs", "https://github.com/o/r/"),
    ("https://github.com/o/BOX", "docs", "docs", "https://github.com/o/BOX/"),
    ("https://github.com/o/BOX/", "edit/main/site/INBOX/", "site/INBOX", "https://github.com/o/BOX/edit/main/"),
    ("https://github.com/o/r", "edit/main/ docs /", " docs ", "https://github.com/o/r/edit/main/"),
    ("https://github.com/o/r", "edit/main/docs/", " docs ", ""),
    ("https://github.com/o/r", "edit/main/docs/", "", ""),
    ("https://github.com/o/r", "edit/main/docs/", "/", ""),
    ("ftp://github.com/o/r", "edit/main/docs/", "docs", ""),
    ("   ", "edit/main/docs/", "docs", ""),
    (None, "edit/main/docs/", "docs", ""),
])
def test_the_edit_base_is_the_edit_uri_without_its_docs_folder(repo_url, edit_uri, docs_dir, base):
    assert edit_base(repo_url, edit_uri, docs_dir) == base


def test_the_docs_folder_is_docs_unless_told():
    assert edit_base("https://github.com/o/r", "edit/main/docs/") == "https://github.com/o/r/edit/main/"


def test_the_repository_is_the_nearest_folder_with_a_git_entry(tmp_path):
    (tmp_path / "outer" / ".git").mkdir(parents=True)
    inner = tmp_path / "outer" / "inner"
    (inner / "a" / "b").mkdir(parents=True)
    (inner / ".git").write_text("gitdir: elsewhere\n")  # a worktree
    assert repository_root(inner / "a" / "b") == inner
    assert repository_root(inner) == inner
    assert repository_root(tmp_path / "outer") == tmp_path / "outer"
    assert repository_root(tmp_path) is None


def test_an_edit_link_names_the_file_from_the_repository_root_quoted_at_its_line(tmp_path):
    repo = tmp_path / "repo"
    data = repo / "dữ liệu" / "a b#c.csv"
    data.parent.mkdir(parents=True)
    data.write_text("x\n")
    (repo / ".git").mkdir()
    base = "https://github.com/o/r/edit/main/"
    quoted = "d%E1%BB%AF%20li%E1%BB%87u/a%20b%23c.csv"
    assert edit_link(base, Origin(data, 7), tmp_path / "elsewhere") == f"{base}{quoted}#L7"
    assert edit_link(base, Origin(data, 0), tmp_path) == f"{base}{quoted}"
    link = tmp_path / "link"
    link.symlink_to(repo)
    assert edit_link(base, Origin(link / "dữ liệu" / "a b#c.csv", 1), tmp_path) == f"{base}{quoted}#L1"


def test_outside_any_repository_paths_are_taken_from_the_fallback_root(tmp_path):
    data = tmp_path / "p" / "x.yaml"
    data.parent.mkdir()
    data.write_text("")
    (tmp_path / "alias").symlink_to(tmp_path / "p")
    base = "https://github.com/o/r/edit/main/"
    assert edit_link(base, Origin(data, 2), tmp_path / "alias") == f"{base}x.yaml#L2"
    assert edit_link(base, Origin(data), tmp_path / "q") == ""
    assert edit_link("", Origin(data, 2), tmp_path) == "" and edit_link(base, None, tmp_path) == ""


# Timing ----------------------------------------------------------------------------------------------------------

def ps_age() -> int:
    """Whole seconds since this process started, as ps counts them."""
    return int(subprocess.run(["ps", "-o", "etimes=", "-p", str(os.getpid())], capture_output=True, text=True,
                              check=True).stdout)


def age_in_a_child(name: bytes = b"") -> float | None:
    """``process_age()`` in a process forked just now (named ``name``, when given, as ps shows it)."""
    libc = ctypes.CDLL(None)  # loaded before the fork: the child only calls into it
    read, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        try:
            if name:
                libc.prctl(15, ctypes.c_char_p(name), 0, 0, 0)  # PR_SET_NAME
            os.write(write_end, repr(process_age()).encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read) as handle:
        text = handle.read()
    os.waitpid(pid, 0)
    return eval(text)  # noqa: S307 - a float or None written by our own child


@pytest.mark.skipif(not Path("/proc/self/stat").is_file() or not shutil.which("ps"), reason="needs /proc and ps")
def test_the_process_age_is_read_from_proc_as_ps_counts_it():
    age = process_age()
    whole = ps_age()
    assert age is not None and whole - 0.5 <= age < whole + 1
    assert age > 0  # the test run has taken some time since the process started


@pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="needs /proc")
@pytest.mark.parametrize("name", [b"", b"a) b) c", b"x (y) 1 2 3", "dựng".encode(), b"x\xe1\xbb"])
def test_a_process_started_just_now_is_a_fraction_of_a_second_old_whatever_its_name(name):
    """Any bytes but NUL may name a process (the name is cut to 15 bytes, even inside a UTF-8 character)."""
    assert process_age() is not None  # (this process too: mutmut sees which tests reach process_age)
    age = age_in_a_child(name)
    assert age is not None and 0 <= age < 0.5


class Clock:
    def __init__(self, now: float = 100.0):
        self.now = now

    def perf_counter(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(timing, "time", fake)
    monkeypatch.setattr(timing, "process_age", lambda: 1.5)
    return fake


def test_stages_count_from_the_process_start_and_print_every_stage_and_the_rest(clock):
    stages = timing.Stages()
    assert stages.seconds == {"startup_s": 1.5}
    clock.now += 0.5
    with stages.stage("read_s"):
        clock.now += 0.25
    with pytest.raises(ValueError, match="boom"), stages.stage("pages_s"):
        clock.now += 2
        raise ValueError("boom")
    with stages.stage("read_s"):
        clock.now += 0.125
    stages.add("charts_s", 1)
    stages.add("charts_s", 0.5)
    assert stages.seconds == {"startup_s": 1.5, "read_s": 0.375, "pages_s": 2.0, "charts_s": 1.5}
    clock.now += 1.625
    assert stages.total() == 6.0
    assert stages.line() == ("minhbach: stages startup_s=1.50s read_s=0.38s pages_s=2.00s charts_s=1.50s "
                             "other_s=0.62s total_s=6.00s")
    stages.add("serve_s", 3)  # more than the total: no time is left unaccounted for, never less than none
    assert stages.line().endswith(" serve_s=3.00s other_s=0.00s total_s=6.00s")


def test_a_rebuild_in_the_same_process_counts_from_its_own_start(clock):
    stages = timing.Stages(since_process_start=False)
    assert stages.seconds == {"startup_s": 0.0} and stages.total() == 0.0
    clock.now += 2
    assert stages.line() == "minhbach: stages startup_s=0.00s other_s=2.00s total_s=2.00s"


def test_where_the_process_age_is_not_known_the_start_up_is_not_counted(clock, monkeypatch):
    monkeypatch.setattr(timing, "process_age", lambda: None)
    assert timing.Stages().seconds == {"startup_s": 0.0}


# Settings --------------------------------------------------------------------------------------------------------

def test_the_cache_is_under_the_root_unless_given(tmp_path):
    assert Settings(tmp_path / "d", root=tmp_path).cache == tmp_path / ".cache" / "minhbach"
    assert Settings(tmp_path / "d", root=tmp_path, cache_dir=tmp_path / "c").cache == tmp_path / "c"


def test_paths_are_shown_from_the_root_when_inside_it(tmp_path):
    (tmp_path / "root" / "d").mkdir(parents=True)
    (tmp_path / "alias").symlink_to(tmp_path / "root")
    settings = Settings(tmp_path / "root" / "d", root=tmp_path / "alias")
    assert settings.relative(tmp_path / "root" / "d" / "x.csv") == "d/x.csv"
    assert settings.relative(tmp_path / "alias" / "d" / ".." / "e") == "e"
    assert settings.relative(tmp_path / "root") == "."
    assert settings.relative(tmp_path / "other" / "x.csv") == f"{tmp_path.as_posix()}/other/x.csv"
    assert settings.relative(Path("relative/x.csv")) == "relative/x.csv"  # not under the root: as given


def test_a_relative_path_is_remembered_by_its_settings_and_not_by_a_copy(tmp_path):
    """Each answer is remembered for the build (``Settings.relative``): the same answer again without asking
    the file system; a copy made by ``replace`` (the next build's settings) asks afresh."""
    from dataclasses import replace

    (tmp_path / "root" / "d").mkdir(parents=True)
    (tmp_path / "alias").symlink_to(tmp_path / "root")
    settings = Settings(tmp_path / "root" / "d", root=tmp_path / "root")
    assert settings.relative(tmp_path / "alias" / "d" / "x.csv") == "d/x.csv"
    (tmp_path / "alias").unlink()  # the link gone: only a remembered answer can still say "d/x.csv"
    assert settings.relative(tmp_path / "alias" / "d" / "x.csv") == "d/x.csv"
    copy = replace(settings)
    assert copy == settings and hash(copy) == hash(settings)
    assert copy.relative(tmp_path / "alias" / "d" / "x.csv") == f"{tmp_path.as_posix()}/alias/d/x.csv"


@pytest.fixture
def build_env(monkeypatch) -> Iterator[pytest.MonkeyPatch]:
    """No build-date variables, and a time zone ahead of UTC (where a late UTC evening is already tomorrow)."""
    import time

    for name in ("MINHBACH_BUILD_DATE", "SOURCE_DATE_EPOCH_DATE", "SOURCE_DATE_EPOCH"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TZ", "Asia/Ho_Chi_Minh")
    time.tzset()
    yield monkeypatch
    monkeypatch.undo()
    time.tzset()


def test_the_build_date_is_the_one_given_first(build_env):
    build_env.setenv("MINHBACH_BUILD_DATE", "2026-01-02")
    build_env.setenv("SOURCE_DATE_EPOCH_DATE", "2026-03-04")
    build_env.setenv("SOURCE_DATE_EPOCH", "0")
    assert parse_build_date("2026-11-26") == date(2026, 11, 26)
    assert parse_build_date(None) == date(2026, 1, 2) == parse_build_date("")
    build_env.delenv("MINHBACH_BUILD_DATE")
    assert parse_build_date(None) == date(2026, 3, 4)
    build_env.setenv("MINHBACH_BUILD_DATE", "")
    assert parse_build_date(None) == date(2026, 3, 4)
    build_env.delenv("SOURCE_DATE_EPOCH_DATE")
    assert parse_build_date(None) == date(1970, 1, 1)
    with pytest.raises(ValueError):
        parse_build_date("26/11/2026")


def test_source_date_epoch_is_a_day_in_utc(build_env):
    build_env.setenv("SOURCE_DATE_EPOCH", "1796081400")  # 2026-11-30 23:30 UTC, 1 December in Hà Nội
    assert parse_build_date(None) == date(2026, 11, 30)


@pytest.mark.parametrize("epoch", [None, "", "-5", "1.5", "soon"])
def test_without_a_date_or_a_whole_epoch_the_build_date_is_today(build_env, epoch):
    if epoch is not None:
        build_env.setenv("SOURCE_DATE_EPOCH", epoch)
    before = date.today()
    assert parse_build_date(None) in (before, date.today())


# Progress --------------------------------------------------------------------------------------------------------

class Ticks:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Pipe(io.StringIO):
    def isatty(self) -> bool:
        return False


class Bare:
    """A stream with no isatty (a logging adapter): written to as a file."""

    def __init__(self):
        self.lines: list[str] = []

    def write(self, text: str) -> None:
        self.lines.append(text)

    def flush(self) -> None:
        pass


def test_a_terminal_line_is_rewritten_at_most_every_quarter_second_and_ended_at_the_end():
    stream, clock = Terminal(), Ticks()
    progress = Progress("pages", 4, stream, clock)
    clock.now = 0.2
    progress.advance()  # too soon: nothing
    assert stream.getvalue() == ""
    clock.now = 0.25
    progress.advance()  # a quarter second since the start
    assert stream.getvalue() == "\rminhbach: pages 2/4 (0.2 s, ~0 s left)"
    clock.now = 0.4
    progress.advance()  # too soon after the last line
    clock.now = 0.45
    progress.advance()  # the last: always written, and ended
    assert stream.getvalue() == ("\rminhbach: pages 2/4 (0.2 s, ~0 s left)"
                                 "\rminhbach: pages 4/4 (0.5 s, ~0 s left)\n")


def test_a_terminal_line_counts_what_is_done_at_once_and_says_the_time_left():
    stream, clock = Terminal(), Ticks()
    progress = Progress("charts", 10, stream, clock)
    clock.now = 3.0
    progress.advance(3)
    clock.now = 3.1
    progress.advance(7)
    assert stream.getvalue() == ("\rminhbach: charts 3/10 (3.0 s, ~7 s left)"
                                 "\rminhbach: charts 10/10 (3.1 s, ~0 s left)\n")


def test_plain_lines_come_every_tenth_of_the_way_however_the_counts_fall():
    stream, clock = Pipe(), Ticks()
    progress = Progress("rows", 25, stream, clock)
    for _ in range(25):
        clock.now += 2
        progress.advance()
    lines = stream.getvalue().splitlines()
    assert [line.split()[2] for line in lines] == ["3/25", "5/25", "8/25", "10/25", "13/25", "15/25", "18/25",
                                                   "20/25", "23/25", "25/25"]
    assert lines[0] == "minhbach: rows 3/25 (6.0 s, ~44 s left)"


def test_plain_lines_skip_tenths_passed_in_one_step():
    stream = Pipe()
    progress = Progress("rows", 100, stream, Ticks())
    progress.advance(35)
    progress.advance(4)
    progress.advance(1)
    progress.advance(60)
    assert [line.split()[2] for line in stream.getvalue().splitlines()] == ["35/100", "40/100", "100/100"]


def test_a_stream_without_isatty_gets_plain_lines_and_nothing_is_written_for_nothing_to_do():
    bare = Bare()
    progress = Progress("x", 1, bare, Ticks())
    progress.advance()
    assert bare.lines == ["minhbach: x 1/1 (0.0 s, ~0 s left)\n"]
    empty = Pipe()
    Progress("x", 0, empty, Ticks()).advance()
    assert empty.getvalue() == ""


def test_a_line_says_the_time_since_the_start_even_before_anything_is_done():
    stream, clock = Terminal(), Ticks()
    clock.now = 100.0
    progress = Progress("pages", 4, stream, clock)
    clock.now = 100.5
    progress.advance(0)
    clock.now = 101.0
    progress.advance(2)
    assert stream.getvalue() == ("\rminhbach: pages 0/4 (0.5 s, ~0 s left)"
                                 "\rminhbach: pages 2/4 (1.0 s, ~1 s left)")


def test_progress_goes_to_standard_error_by_default(capsys):
    progress = Progress("x", 1, clock=Ticks())
    progress.advance()
    assert capsys.readouterr().err == "minhbach: x 1/1 (0.0 s, ~0 s left)\n"


def test_progress_reads_the_real_clock_by_default():
    progress = Progress("x", 2, Pipe())
    assert progress.started == progress.last and 0 < progress.started <= time.monotonic()


# Atomic files and flags ------------------------------------------------------------------------------------------

def test_an_atomic_write_makes_its_folders_and_replaces_the_file_whole(tmp_path):
    path = tmp_path / "a" / "b" / "entry"
    write_atomic(path, b"first")
    write_atomic(path, b"second")
    assert path.read_bytes() == b"second" and [p.name for p in path.parent.iterdir()] == ["entry"]


def test_an_atomic_write_writes_beside_the_file_under_a_name_of_this_process(tmp_path):
    path = tmp_path / "entry"
    path.write_bytes(b"old")
    with open_atomic(path) as handle:
        handle.write(b"new")
        assert sorted(p.name for p in tmp_path.iterdir()) == [f".entry.{os.getpid()}", "entry"]
        assert path.read_bytes() == b"old"  # a reader sees the old file until the block ends
    assert path.read_bytes() == b"new" and sorted(p.name for p in tmp_path.iterdir()) == ["entry"]


def test_an_atomic_write_that_fails_leaves_the_old_file_and_no_temporary(tmp_path):
    path = tmp_path / "entry"
    path.write_bytes(b"old")
    with pytest.raises(ValueError, match="half"), open_atomic(path) as handle:
        handle.write(b"ne")
        raise ValueError("half written")
    assert path.read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == ["entry"]


class _Writes(io.BytesIO):
    """A file that records the size of every write made to it."""

    def __init__(self) -> None:
        super().__init__()
        self.sizes: list[int] = []
        self.pieces: list[bytes] = []

    def write(self, data) -> int:  # noqa: ANN001 - bytes or a memoryview
        self.sizes.append(len(data))
        self.pieces.append(bytes(data))
        return super().write(data)


@pytest.mark.parametrize("size", [0, 1, WRITE_PIECE - 1, WRITE_PIECE, WRITE_PIECE + 1, 3 * WRITE_PIECE + 7])
def test_data_is_written_whole_a_megabyte_at_a_time(size):
    """One write of many megabytes into a new file cost ~25 times more per megabyte than pieces of one on the
    bench machine (core/files.py): every byte, in order, in as few writes as pieces of at most a megabyte."""
    data = bytes(range(256)) * (size // 256) + bytes(size % 256)
    out = _Writes()
    write_all(out, data)
    assert out.getvalue() == data
    assert all(0 < piece <= WRITE_PIECE for piece in out.sizes) and len(out.sizes) == -(-size // WRITE_PIECE)


@pytest.mark.parametrize("length", [0, 1, TEXT_PIECE, TEXT_PIECE + 1, 2 * TEXT_PIECE + 3])
def test_a_text_is_written_as_utf8_a_piece_at_a_time(length):
    text = ("Đà Lạt 🌸 " * (length // 9 + 1))[:length]
    out = _Writes()
    write_text(out, text)
    assert out.getvalue() == text.encode("utf-8") and len(out.sizes) == -(-length // TEXT_PIECE)
    assert all(0 < len(piece.decode("utf-8")) <= TEXT_PIECE for piece in out.pieces)  # whole characters


def test_a_file_digest_of_anything_but_a_file_is_missing(tmp_path):
    """One stat says what ``is_file`` and a second stat said: no such file, a folder, a path through a file, a
    link that loops, a path with a NUL byte: "missing"; a regular file (or a link to one): its digest."""
    (tmp_path / "f").write_bytes(b"x")
    (tmp_path / "link").symlink_to(tmp_path / "f")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    assert file_digest(tmp_path / "f") == file_digest(tmp_path / "link") == hashlib.sha256(b"x").hexdigest()
    for path in (tmp_path / "none", tmp_path, tmp_path / "f" / "under", tmp_path / "loop", tmp_path / "nul\0"):
        assert file_digest(path) == "missing"


@pytest.mark.parametrize(("cell", "flags"), [
    ("derived", ("derived",)),
    ("  inferred   conflicting\tapproximate secondary ", ("inferred", "conflicting", "approximate", "secondary")),
    ("secondary derived", ("secondary", "derived")),
    ("derived other DERIVED derived,inferred", ("derived",)),
    ("", ()), (None, ()), (0, ()), (5, ()),
])
def test_flags_are_the_known_words_of_a_cell_in_their_order(cell, flags):
    assert parse_flags(cell) == flags
    assert FLAGS == ("derived", "inferred", "conflicting", "approximate", "secondary")


def test_pages_written_as_made_share_one_file_and_each_reads_back_its_own_text(tmp_path):
    """worker.PageFiles: a language's pages go to one file as they are made, each with its span; each reads back
    (``Page.text``, and MkDocs through ``PackedPage``) exactly its own text, at once (nothing buffered), and a
    page already on disk is passed on as it is."""
    from mkdocs.config import load_config

    from generator.core.render.output import Page
    from generator.mkdocs.reuse import CachedPackedPage, PackedPage
    from generator.mkdocs.worker import PAGES_FILE, PageFiles

    texts = {"a.md": "# Á\n\nSở Nội vụ ✓\n", "b/index.md": "", "c.md": "x" * 70_000 + "\nỹ"}
    already = Page("d.md", "", tmp_path / "elsewhere.md", "digest")
    folder = tmp_path / "pages"
    folder.mkdir()
    with PageFiles(folder, RawMarkers()) as sink:
        first = sink(Output(pages=[Page("a.md", texts["a.md"]), already]))
        assert first.pages[0].text() == texts["a.md"]  # readable before the file is closed
        later = sink(Output(pages=[Page(uri, text) for uri, text in texts.items() if uri != "a.md"]))
    pages = [first.pages[0], *later.pages]
    assert first.pages[1] is already
    assert [p.path for p in pages] == [folder / PAGES_FILE] * 3 and os.listdir(folder) == [PAGES_FILE]
    assert {p.uri: p.text() for p in pages} == texts and all(p.content == "" and p.digest for p in pages)
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins._current_plugin = "minhbach"  # as MkDocs sets it while the plugin's on_files runs
    files = [PackedPage.of(config, pages[2]), CachedPackedPage.of(config, pages[0])]
    assert [f.content_string for f in files] == [texts["c.md"], texts["a.md"]]
    assert files[0].content_bytes == texts["c.md"].encode() and [f.is_modified() for f in files] == [True, False]
    files[0].content_string = "changed"  # as a plugin may set it: then it is the file's content
    assert files[0].content_string == "changed" and pages[2].text() == texts["c.md"]


@pytest.mark.skipif(not Path("/proc/self/statm").exists() or not hasattr(os, "confstr")
                    or "glibc" not in (os.confstr("CS_GNU_LIBC_VERSION") or ""), reason="glibc on Linux only")
@pytest.mark.parametrize("fixed", [True, False])
def test_large_blocks_go_back_to_the_system_when_freed(fixed, tmp_path):
    """core/memory.large_blocks_straight_back: once glibc has freed one large mapped block, it raises its
    threshold and takes the next large blocks from the heap, where a few live ones hold the freed ones'
    memory. With the threshold fixed, 200 blocks of 1 MiB of which 20 are kept leave ~20 MiB more in use;
    without it (the control), ~200 MiB stay held."""
    script = (
        "from generator.core.memory import large_blocks_straight_back\n"
        "def rss():\n    return int(open('/proc/self/statm').read().split()[1]) * 4096 >> 20\n"
        f"if {fixed}:\n    large_blocks_straight_back()\n"
        "x = b'\\1' * (4 << 20)\ndel x\nbefore = rss()\n"
        "blocks = [b'\\1' * (1 << 20) for _ in range(200)]\nkept = blocks[9::10]\ndel blocks\n"
        "print(rss() - before)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=tmp_path,
                          env={"PYTHONPATH": str(ROOT), "PATH": os.environ.get("PATH", "")})
    grown = int(done.stdout)
    assert (15 <= grown <= 60) if fixed else grown >= 150, grown


def test_a_value_shared_by_every_language_is_made_once_per_site(tmp_path):
    """``Site.shared_value``: what is the same in every language (the list of gaps) is made by the first language
    that asks and taken by the others; another build's site makes its own."""
    site = Site(Datasets(), settings_for(tmp_path))
    made = []

    def make() -> list[int]:
        made.append(1)
        return [len(made)]
    first = site.shared_value("gaps", make)
    assert site.shared_value("gaps", make) is first and made == [1]
    assert Site(Datasets(), settings_for(tmp_path)).shared_value("gaps", make) == [2]
    assert site.shared_value("other", make) == [3]


def test_session_files_that_resolve_outside_their_package_are_left_out(tmp_path):
    """``record_files``: a session file, or the folder holding it, that is a link leading out of the package is
    not read; a link that stays inside is, as is every plain file."""
    from generator.supervision.records import record_files

    package, outside = tmp_path / "package", tmp_path / "outside"
    (package / "sessions").mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.yaml").write_text("x", "utf-8")
    (package / "sessions" / "a.yaml").write_text("x", "utf-8")
    (package / "sessions" / "in.yaml").symlink_to(package / "sessions" / "a.yaml")
    (package / "sessions" / "out.yaml").symlink_to(outside / "secret.yaml")
    (package / "elsewhere").symlink_to(outside, target_is_directory=True)
    names = [p.relative_to(package).as_posix() for p in record_files(package, "sessions/*.yaml")]
    assert names == ["sessions/a.yaml", "sessions/in.yaml"]
    assert record_files(package, "elsewhere/*.yaml") == []
    assert record_files(package, "../outside/*.yaml") == []
