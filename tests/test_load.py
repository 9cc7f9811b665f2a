from pathlib import Path

from conftest import Package, Resource, settings_for

from generator.core.datasets import load_datasets
from generator.core.read.files import guess_encoding, read_text, resolve_inside


def make(tmp_path: Path, path: str = "t.csv", data: bytes = b"id,name\n1,a\n") -> Path:
    """Package p whose one resource says ``path``; ``data`` is written as bytes to t.csv whatever the path."""
    datasets = tmp_path / "datasets"
    folder = Package("p", (Resource("t", ("id:integer", "name:string"), path=path, rows=None),)).write(datasets)
    (folder / "t.csv").write_bytes(data)
    return datasets


def codes(datasets: Path) -> list[tuple[str, int | None, str | None]]:
    return [(p.code, p.line, p.field) for p in load_datasets(settings_for(datasets)).problems]


def test_bom_and_crlf_are_accepted(tmp_path):
    assert codes(make(tmp_path, data=b"\xef\xbb\xbfid,name\r\n1,a\r\n")) == []


def test_windows_1258_is_named_with_a_conversion_hint(tmp_path):
    data = "id,name\n1,Đơn Tư Đà ưa\n".encode("cp1258")
    datasets = make(tmp_path, data=data)
    [problem] = load_datasets(settings_for(datasets)).problems
    assert (problem.code, problem.path, problem.line) == ("encoding", "datasets/p/t.csv", 2)
    assert "WINDOWS-1258" in problem.message("en") and "iconv" in problem.hint("en")


def test_guess_encoding_cp1252():
    assert guess_encoding("café crème".encode("cp1252")) == "WINDOWS-1252"


def test_remote_path_is_refused_without_network(tmp_path):
    assert codes(make(tmp_path, path="https://example.org/t.csv")) == [("remote-path", 4, "path")]


def test_parent_path_is_refused(tmp_path):
    (tmp_path / "secret.csv").write_text("id,name\n1,a\n")
    assert codes(make(tmp_path, path="../../secret.csv")) == [("unsafe-path", 4, "path")]


def test_symlink_leaving_the_package_is_refused(tmp_path):
    outside = tmp_path / "outside.csv"
    outside.write_text("id,name\n1,a\n")
    datasets = make(tmp_path, path="link.csv")
    (datasets / "p" / "link.csv").symlink_to(outside)
    assert codes(datasets) == [("unsafe-path", 4, "path")]
    assert resolve_inside(datasets / "p", "link.csv") is None


def test_file_over_the_limit_is_refused(tmp_path):
    datasets = make(tmp_path)
    problems = load_datasets(settings_for(datasets, max_file_bytes=5)).problems
    assert [p.code for p in problems] == ["file-too-large"]


def test_missing_file(tmp_path):
    assert codes(make(tmp_path, path="nope.csv")) == [("missing-file", 4, "path")]


def test_row_errors_point_at_the_physical_line(tmp_path):
    # The quoted cell spans two lines, so row 3 starts on line 4.
    datasets = make(tmp_path, data=b'id,name\n1,"two\nlines"\nx,b\n')
    [problem] = load_datasets(settings_for(datasets)).problems
    assert (problem.code, problem.path, problem.line, problem.column, problem.field) == (
        "type-error", "datasets/p/t.csv", 4, 1, "id")


def test_read_text_reports_missing(tmp_path):
    text, problems = read_text(tmp_path / "x.csv", settings_for(tmp_path))
    assert text is None and problems[0].code == "missing-file"
