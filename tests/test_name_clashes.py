"""Names from the data become addresses: a package's page and downloads, a session's, an agency's or an index's
page, a chart's files. None may leave the site's folders, take one of the site's own addresses, or take the
address of another name (hostile-input audit, findings 1 to 6: /tmp/audit/hostile/REPORT.md).

Each is a located problem from validation, never a build that exits 2, overwrites a page or loses a file.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from conftest import Package, Resource, settings_for

from generator import pipeline
from generator.core.render.archive import write_zip

T = Resource("t", ("id:integer", "name:string"), rows="1,a\n")


def problems_of(root):
    return [(p.code, p.path.rsplit("/", 2)[-2:], p.line, p.field) for p in pipeline.check(settings_for(root)).problems]


# 1. Names made of dots, or starting with one


@pytest.mark.parametrize("name", ["..", ".", "...", ".x"])
def test_a_package_name_that_starts_with_a_dot_is_a_descriptor_name_error(tmp_path, name):
    """'..' put the downloads outside tai-ve/<name>/ and '../' entries in the bulk zip; '.' left them loose in
    tai-ve/; '.x' is a hidden file MkDocs leaves out: no page and no download was ever published."""
    text = Package("p", (T,)).text.replace("name: p\n", f"name: '{name}'\n")
    Package("p", (T,)).write(tmp_path, text)
    assert problems_of(tmp_path) == [("descriptor-name", ["p", "datapackage.yaml"], 1, "name")]


@pytest.mark.parametrize("name", ["..", ".t"])
def test_a_resource_name_that_starts_with_a_dot_is_a_descriptor_name_error(tmp_path, name):
    text = Package("p", (T,)).text.replace("  - name: t\n", f"  - name: '{name}'\n")
    Package("p", (T,)).write(tmp_path, text)
    assert problems_of(tmp_path) == [("descriptor-name", ["p", "datapackage.yaml"], 3, "name")]


def test_names_with_dots_inside_are_still_names(tmp_path):
    text = Package("p", (T,)).text.replace("name: p\n", "name: p.v1_x-y\n").replace("  - name: t\n",
                                                                                   "  - name: t.2024\n")
    Package("p", (T,)).write(tmp_path, text)
    assert problems_of(tmp_path) == []


@pytest.mark.parametrize("name", ["../t.csv", "p/../../t.csv", "./t.csv", "p/./t.csv", "/etc/t.csv", "p//t.csv",
                                  "p\\..\\t.csv", "p/", "..", "C:/t.csv", ""])
def test_the_zip_writer_refuses_a_member_an_unzip_would_write_elsewhere(name):
    """Defence in depth: whatever reaches it, no zip the site serves holds a '..' (zip slip) or absolute name."""
    with pytest.raises(ValueError, match="unsafe zip member"):
        write_zip(io.BytesIO(), {"p/t.csv": b"a\n", name: b"x\n"})


def test_the_zip_writer_writes_names_with_dots_inside():
    buffer = io.BytesIO()
    write_zip(buffer, {"p.v1/t.2024.csv": b"a\n", "changes.csv": b"b\n", "p/...csv": b"c\n"})
    assert zipfile.ZipFile(buffer).namelist() == ["changes.csv", "p.v1/t.2024.csv", "p/...csv"]
