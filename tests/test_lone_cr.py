"""A lone CR inside a quoted CSV cell is the cell's, as Frictionless reads it and as the CSV download keeps it: the
JSON download had it as LF (files.normalised made every lone CR a line end, inside quotes too; hostile audit 3,
#7). Rows ending in a lone CR are still rows, and a stray quote (5") does not make a row's CR a cell's."""

from __future__ import annotations

import json

import frictionless
import pytest
from test_downloads import published

from generator.core.read.files import normalised

DESCRIPTOR = ("name: p\nresources:\n  - name: t\n    path: t.csv\n    schema:\n      fields:\n"
              "        - {name: id, type: integer}\n        - {name: note, type: string}\n")


@pytest.mark.parametrize("data", [
    b'id,note\n1,"a\rb"\n2,plain\n',  # LF rows, a CR in a quoted cell
    b'id,note\r\n1,"a\rb"\r\n2,"c\r\nd"\r\n',  # CRLF rows, a CR and a CRLF in quoted cells
    b'id,note\r1,"a\rb"\r2,plain\r',  # an old Mac file: every row ends in a lone CR
    b'id,note\r1,5" wide\r2,"a\rb"\r3,plain\r',  # and a stray quote before a quoted cell
    b'id,note\r1,"say ""hi""\rbye"\r2,x',  # doubled quotes, no line end at the end
])
def test_the_json_download_holds_what_frictionless_reads(tmp_path, data):
    assets = published(tmp_path / "datasets", DESCRIPTOR, {"t.csv": data})
    notes = [row["note"] for row in json.loads(assets["tai-ve/p/t.json"])]
    assert notes == [row["note"] for row in frictionless.Resource(data=data, format="csv").read_rows()]
    assert assets["tai-ve/p/t.csv"] == data  # the CSV download is the file as written


def test_a_lone_cr_is_a_line_end_outside_quotes_and_the_cell_s_inside():
    assert normalised(b'a,"b\rc"\rd,e\r') == b'a,"b\rc"\nd,e\n'
    assert normalised(b'a,5"\rb,"c\rd"\r') == b'a,5"\nb,"c\rd"\n'
    assert normalised(b"a\r\nb\rc") == b"a\nb\nc"
