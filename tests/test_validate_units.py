"""Unit tests of generator/core/checks/validate.py (Frictionless's errors as positioned problems), each asserting
the whole problem: issue 19, tests that fail when the code breaks (see tests/mutation.py, group checks-validate).
Real Frictionless on tiny packages in ``tmp_path``."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import settings_for

from generator.core.cache import Cache
from generator.core.checks import chunked
from generator.core.checks.descriptor import check_descriptor
from generator.core.checks.validate import validate_package
from generator.core.problems import problem
from generator.core.read.package import load_descriptor

REL = "datasets/p/datapackage.yaml"
CSV_REL = "datasets/p/t.csv"
LARGE = chunked.CHUNK_ROWS + 1  # rows said to be read: the resource is validated in chunks


def validated(tmp_path: Path, text: str, files: dict[str, bytes], rows: dict[str, int] | None = None,
              cache: Cache | None = None, clean: bool = True, **overrides: object) -> list:
    """``validate_package`` on ``datasets/p/datapackage.yaml`` holding ``text``, beside ``files``; ``clean``: the
    descriptor passes our own checks first, as it must before the pipeline runs Frictionless."""
    datasets = tmp_path / "datasets"
    folder = datasets / "p"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "datapackage.yaml").write_text(text, encoding="utf-8")
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    settings = settings_for(datasets, **{"cache_validation": False, **overrides})
    pkg = load_descriptor(folder / "datapackage.yaml", settings)
    if clean:
        assert check_descriptor(pkg, settings) == []
    return validate_package(pkg, settings, rows, cache)


def keyed(target: str = "    path: k.csv\n    schema:\n      fields:\n        - {name: code, type: string}\n") -> str:
    """Resource k (``target`` after its name, line 4 on), then t (its name 3 lines after k's last) with a foreign
    key into k."""
    return (f"name: p\nresources:\n  - name: k\n{target}"
            "  - name: t\n    path: t.csv\n    schema:\n      fields:\n        - {name: k, type: string}\n"
            "      foreignKeys:\n        - {fields: k, reference: {resource: k, fields: code}}\n")


# -- a large table whose foreign key points at a table Frictionless cannot read -----------------------------------

@pytest.mark.parametrize("target", [
    "    path: k.csv\n    encoding: nope\n    schema:\n      fields:\n        - {name: code, type: string}\n",
    "    path: k.csv\n    schema: k.schema.json\n",
])
def test_a_large_table_keyed_into_an_unreadable_table_has_the_problems_of_whole_validation(tmp_path, target):
    files = {"k.csv": b"code\na\n", "t.csv": b"k\na\nz\n", "k.schema.json": b"{not json"}
    whole = validated(tmp_path, keyed(target), files)
    assert len(whole) == 2  # k's own problem, then t's (its keys cannot be looked up), each at its resource
    assert validated(tmp_path, keyed(target), files, rows={"t": LARGE}) == whole


def test_an_unreadable_key_target_is_reported_at_each_resource_path(tmp_path):
    target = "    path: k.csv\n    encoding: nope\n    schema:\n      fields:\n        - {name: code, type: string}\n"
    files = {"k.csv": b"code\na\n", "t.csv": b"k\na\nz\n"}
    assert validated(tmp_path, keyed(target), files, rows={"t": LARGE}) == [
        problem("frictionless", REL, 4, 5, "path", type="encoding-error", detail="unknown encoding: nope"),
        problem("frictionless", REL, 10, 5, "path", type="encoding-error", detail="unknown encoding: nope")]
