"""A build whose inputs and output are unchanged since the last successful build is skipped; any change
(data, docs, options, a damaged output) builds again."""

from pathlib import Path

from conftest import ROOT

from generator.cli import main


def build(datasets: Path, out: Path, cache: Path, date: str = "2026-11-26") -> int:
    return main(["build", "--datasets", str(datasets), "--out", str(out), "--config", str(ROOT / "mkdocs.yml"),
                 "--build-date", date, "--cache-dir", str(cache)])


def stat(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def test_unchanged_inputs_skip_the_build(project, tmp_path, capsys):
    out, cache = tmp_path / "site", tmp_path / "cache"
    assert build(project, out, cache) == 0
    before = stat(out)
    capsys.readouterr()
    assert build(project, out, cache) == 0
    assert "up to date" in capsys.readouterr().out
    assert stat(out) == before


def test_a_data_edit_an_option_or_a_damaged_site_builds_again(project, tmp_path, capsys):
    out, cache = tmp_path / "site", tmp_path / "cache"
    assert build(project, out, cache) == 0
    agencies = project / "co-quan" / "data" / "agencies.csv"
    agencies.write_text(agencies.read_text("utf-8").replace("Sở Tài chính", "Sở Tài chính TP"), "utf-8")
    capsys.readouterr()
    assert build(project, out, cache) == 0
    assert "up to date" not in capsys.readouterr().out
    assert "Sở Tài chính TP" in (out / "co-quan" / "stc" / "index.html").read_text("utf-8")
    assert build(project, out, cache, date="2026-11-27") == 0
    assert "up to date" not in capsys.readouterr().out
    (out / "co-quan" / "stc" / "index.html").unlink()
    assert build(project, out, cache, date="2026-11-27") == 0
    assert "up to date" not in capsys.readouterr().out and (out / "co-quan" / "stc" / "index.html").is_file()


def test_invalid_data_is_never_up_to_date(project, tmp_path, capsys):
    out, cache = tmp_path / "site", tmp_path / "cache"
    assert build(project, out, cache) == 0
    (project / "co-quan" / "data" / "agencies.csv").write_text("agency_code,name_vi\nSNV\n", "utf-8")
    assert build(project, out, cache) == 1


def test_a_repository_address_from_the_environment_builds_again(project, tmp_path, capsys, monkeypatch):
    """mkdocs.yml reads repo_url and edit_uri with !ENV (the deploy sets them): the edit links change with
    them, so the stamp must not call the site up to date when only they changed."""
    out, cache = tmp_path / "site", tmp_path / "cache"
    monkeypatch.delenv("MINHBACH_REPO_URL", raising=False)
    monkeypatch.delenv("MINHBACH_EDIT_URI", raising=False)
    assert build(project, out, cache) == 0
    capsys.readouterr()
    monkeypatch.setenv("MINHBACH_REPO_URL", "https://github.com/example/minhbach")
    monkeypatch.setenv("MINHBACH_EDIT_URI", "edit/main/docs/")
    assert build(project, out, cache) == 0
    assert "up to date" not in capsys.readouterr().out
    assert build(project, out, cache) == 0
    assert "up to date" in capsys.readouterr().out


def test_tool_folders_in_the_project_are_not_inputs(project, tmp_path):
    """A tool's cache written into the project (pytest's, Hypothesis' example database during a test run) is not
    an input: a build after it is still up to date. A hand-written page is one."""
    from conftest import settings_for

    from generator.core.build_stamp import inputs_digest

    folder = tmp_path / "project"
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "index.md").write_text("# Trang", "utf-8")
    settings = settings_for(project)

    def digest() -> str:
        return inputs_digest(settings, folder, tmp_path / "site", {})

    before = digest()
    for tool in (".hypothesis", ".mypy_cache", ".pytest_cache", ".ruff_cache", "__pycache__"):
        (folder / tool / "x").mkdir(parents=True)
        (folder / tool / "x" / "entry").write_bytes(b"written by a tool")
    assert digest() == before
    (folder / "docs" / "new.md").write_text("# Mới", "utf-8")
    assert digest() != before


def test_a_python_environment_in_the_project_is_not_read_but_what_is_installed_is_an_input(project, tmp_path,
                                                                                            monkeypatch):
    """A virtual environment kept in the project (a `.venv`, or any folder with a ``pyvenv.cfg``; conda's, with
    its ``conda-meta``) is not read file by file: a build after a package was installed into it is up to date on
    its files' account. What the build runs on is an input all the same, by name and version, wherever it is
    installed: a distribution added or upgraded on the import path (an upgraded theme changes the site) makes
    the next build's inputs differ."""
    from conftest import settings_for

    from generator.core.build_stamp import _files, inputs_digest

    folder = tmp_path / "project"
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "index.md").write_text("# Trang", "utf-8")
    for name, mark in ((".venv", "pyvenv.cfg"), ("moi-truong", "pyvenv.cfg"), ("conda", "conda-meta")):
        (folder / name / "lib").mkdir(parents=True)
        (folder / name / mark).mkdir() if mark == "conda-meta" else (folder / name / mark).write_text("home = x")
        (folder / name / "lib" / "module.py").write_text("x = 1", "utf-8")
    (folder / "notes" / "lib").mkdir(parents=True)  # a folder like any other: its files are inputs
    (folder / "notes" / "lib" / "module.py").write_text("x = 1", "utf-8")
    settings = settings_for(project)

    def digest() -> str:
        return inputs_digest(settings, folder, tmp_path / "site", {})

    assert [p.relative_to(folder).as_posix() for p in _files(folder, ())] == ["docs/index.md", "notes/lib/module.py"]
    before = digest()
    for name in (".venv", "moi-truong", "conda"):
        (folder / name / "lib" / "installed.py").write_text("y = 2", "utf-8")
    assert digest() == before
    site_packages = tmp_path / "site-packages"
    (site_packages / "mkdocs_theme_x-1.0.dist-info").mkdir(parents=True)
    monkeypatch.syspath_prepend(str(site_packages))
    added = digest()
    assert added != before
    (site_packages / "mkdocs_theme_x-1.0.dist-info").rename(site_packages / "mkdocs_theme_x-1.1.dist-info")
    assert digest() not in (before, added)
