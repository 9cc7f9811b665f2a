"""Property-based: random and mutated YAML and CSV never make validation raise; it returns problems or a clean
verdict, and every problem names its file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from conftest import GIAM_SAT, NGUON, SESSION, Package, Resource, settings_for
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator import pipeline

TABLE = Package("p", (Resource("t", ("id:integer", "day:date", "name:string"), schema_extra="primaryKey: [id]"),)).text
# The suite's profile (tests/conftest.py: derandomized under "ci") with a number of examples of this file's own:
# 60 under ci, 400 under HYPOTHESIS_PROFILE=explore, or MINHBACH_HYPOTHESIS_EXAMPLES=N.
EXPLORE = os.environ.get("HYPOTHESIS_PROFILE") == "explore"
EXAMPLES = int(os.environ.get("MINHBACH_HYPOTHESIS_EXAMPLES", "400" if EXPLORE else "60"))
SETTINGS = settings(settings.default, max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
assert SETTINGS.derandomize is not EXPLORE, "tests/conftest.py loads the profile before this file is read"


def mutate(text: str, position: int, chunk: str, delete: int) -> str:
    position %= len(text) + 1
    return text[:position] + chunk + text[position + delete:]


def check_never_raises(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        datasets = Path(folder) / "datasets"
        for relative, data in files.items():
            path = datasets / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        problems = pipeline.check(settings_for(datasets)).problems
        assert all(p.path for p in problems)
        for p in problems:
            p.message("vi"), p.hint("en")  # every message renders


yaml_noise = st.text(alphabet=st.sampled_from(list(":-[]{}#&*!|>'\"%@` \n\t010NOyesĐđ2024-13-01")), max_size=30)


@SETTINGS
@given(position=st.integers(0, 2000), chunk=yaml_noise, delete=st.integers(0, 20))
@example(position=0, chunk="*", delete=0)  # an alias as the first key: the event reader unpacked None
def test_mutated_session_yaml(position, chunk, delete):
    check_never_raises({
        "nguon/datapackage.yaml": NGUON.text.encode(),
        "nguon/data/sources.csv": b"source_id,url,publisher,tier\nseed,u,p,press\n",
        "giam-sat/datapackage.yaml": GIAM_SAT.text.encode(),
        "giam-sat/data/statuses.csv": b"code,label_vi,label_en,order\ndinh_hoan,a,b,1\n",
        "giam-sat/data/forms.csv": b"code,label_vi,label_en\ngiam_sat_chuyen_de,a,b\n",
        "giam-sat/sessions/s.yaml": mutate(SESSION.lstrip(), position, chunk, delete).encode(),
    })


@SETTINGS
@given(position=st.integers(0, 400), chunk=yaml_noise, delete=st.integers(0, 20))
@example(position=119, chunk="-", delete=6)  # a field that is a list: Frictionless raised AttributeError
def test_mutated_descriptor(position, chunk, delete):
    check_never_raises({"p/datapackage.yaml": mutate(TABLE, position, chunk, delete).encode(),
                        "p/t.csv": b"id,day,name\n1,2024-01-01,a\n"})


@SETTINGS
@given(data=st.binary(max_size=300))
def test_random_csv_bytes(data):
    check_never_raises({"p/datapackage.yaml": TABLE.encode(), "p/t.csv": data})


@SETTINGS
@given(rows=st.lists(st.lists(st.text(max_size=8), max_size=5), max_size=6))
def test_random_csv_cells(rows):
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer).writerows([["id", "day", "name"], *rows])
    check_never_raises({"p/datapackage.yaml": TABLE.encode(), "p/t.csv": buffer.getvalue().encode()})
