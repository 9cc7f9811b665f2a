"""Where a bad cell of a resource that is not one file is reported: in the part of a multipart resource the row
is in, at its line and column, and at the item of inline data in the descriptor. Both were placed at the
resource in the descriptor, with no row: a maintainer had to search every part for it."""

from __future__ import annotations

from conftest import settings_for, write

from generator import pipeline

SCHEMA = """    schema:
      fields:
        - {name: id, type: integer}
        - {name: v, type: number}
"""


def places(datasets) -> list[tuple]:
    return [(p.code, p.path, p.line, p.column, p.field) for p in pipeline.check(settings_for(datasets)).problems]


def test_a_bad_cell_of_a_multipart_resource_is_at_its_part_line_and_column(tmp_path):
    folder = tmp_path / "d" / "p"
    write(folder / "datapackage.yaml", "name: p\nresources:\n  - name: t\n    path: [a.csv, b.csv, c.csv]\n" + SCHEMA)
    write(folder / "a.csv", "id,v\n1,2\n2,x\n")
    write(folder / "b.csv", "id,v\n3,4\n")
    write(folder / "c.csv", "id,v\n5,6\n6,\"1\n2\"\n7,y\n")  # a quoted cell over two lines: rows are not lines
    assert places(tmp_path / "d") == [("type-error", "d/p/a.csv", 3, 3, "v"), ("type-error", "d/p/c.csv", 3, 3, "v"),
                                      ("type-error", "d/p/c.csv", 5, 3, "v")]


def test_a_bad_cell_of_inline_data_is_at_its_item_in_the_descriptor(tmp_path):
    write(tmp_path / "d" / "p" / "datapackage.yaml",
          "name: p\nresources:\n  - name: t\n    data:\n      - [id, v]\n      - [1, 2]\n      - [2, x]\n" + SCHEMA +
          "  - name: u\n    data:\n      - {id: 1, v: 2}\n      - {id: 2, v: y}\n" + SCHEMA)
    assert places(tmp_path / "d") == [("type-error", "d/p/datapackage.yaml", 7, 13, "v"),
                                      ("type-error", "d/p/datapackage.yaml", 15, 9, "v")]
