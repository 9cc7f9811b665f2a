"""Downloads a journalist can verify and cite: CSV, JSON, zips, SHA256SUMS, data.json, JSON-LD, citations.

Real builds (the CLI and MkDocs, or the pipeline where MkDocs adds nothing), real Frictionless offline, and
the real ``sha256sum`` when the machine has it.
"""

import csv
import hashlib
import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import frictionless
import pytest
from conftest import CORPUS, Package, Resource, settings_for, write
from test_build import broken_links, build, snapshot

from generator import pipeline, urls
from generator.cli import main
from generator.core.checks.offline import OfflineSession
from generator.core.render.archive import ZIP_EPOCH, zip_bytes
from generator.core.settings import Settings


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The conftest project, built once in both languages (module scope: the tests only read it)."""
    from conftest import make_project  # the same files as the `project` fixture

    root = tmp_path_factory.mktemp("downloads")
    datasets = make_project(root / "datasets", "version: 2.1.0\ncreated: '2026-03-01T00:00:00Z'\n")
    out = root / "site"
    assert build(datasets, out) == 0
    return out


def validate_offline(descriptor: Path, monkeypatch) -> frictionless.Report:
    monkeypatch.chdir(descriptor.parent)  # untrusted mode refuses absolute paths
    with frictionless.system.use_context(trusted=False, http_session=OfflineSession()):
        return frictionless.validate(descriptor.name)


def package_folders(site: Path) -> list[Path]:
    return sorted(p for p in (site / "tai-ve").iterdir() if p.is_dir())


def test_every_download_link_on_the_data_pages_resolves(site):
    links = set()
    for page in [site / "du-lieu" / "index.html", *sorted((site / "du-lieu").glob("*/index.html")),
                 site / "en" / "du-lieu" / "index.html", *sorted((site / "en" / "du-lieu").glob("*/index.html"))]:
        links |= {(page, href) for href in re.findall(r'href="([^"#]+\.(?:csv|json|zip)|[^"#]*SHA256SUMS)"',
                                                        page.read_text("utf-8"))}
    kinds = {Path(href).suffix or Path(href).name for _, href in links}
    assert kinds == {".csv", ".json", ".zip", "SHA256SUMS"}
    assert [f"{page} -> {href}" for page, href in links if not (page.parent / href).resolve().is_file()] == []
    assert broken_links(site) == []  # both languages: the English site is inside it, under en/


def test_each_published_descriptor_validates_offline_and_states_its_files_hashes(site, monkeypatch):
    folders = package_folders(site)
    assert [f.name for f in folders] == ["co-quan", "giam-sat", "nguon"]
    for folder in folders:
        descriptor = folder / "datapackage.json"
        report = validate_offline(descriptor, monkeypatch)
        assert report.valid, (folder.name, report.flatten(["type", "note"]))
        resources = json.loads(descriptor.read_text("utf-8"))["resources"]
        assert resources
        for resource in resources:
            data = (folder / resource["path"]).read_bytes()
            assert resource["bytes"] == len(data)
            assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()


def test_package_zip_holds_the_same_files_and_frictionless_checks_its_hashes(site, tmp_path, monkeypatch):
    for folder in package_folders(site):
        archive = zipfile.ZipFile(site / "tai-ve" / f"{folder.name}.zip")
        names = archive.namelist()
        assert names == sorted(names) and "datapackage.json" in names
        assert {info.date_time for info in archive.infolist()} == {ZIP_EPOCH}
        for name in names:
            assert archive.read(name) == (folder / name).read_bytes(), name
        assert {p.name for p in folder.glob("*.csv")} | {"datapackage.json"} == set(names)
        with frictionless.system.use_context(trusted=False, http_session=OfflineSession()):
            monkeypatch.chdir(site / "tai-ve")
            assert frictionless.validate(f"{folder.name}.zip").valid
    # A copy whose data no longer matches its descriptor fails on the hash, which is what a reader checks.
    unpacked = tmp_path / "nguon"
    zipfile.ZipFile(site / "tai-ve" / "nguon.zip").extractall(unpacked)
    sources = unpacked / "sources.csv"
    sources.write_bytes(sources.read_bytes().replace(b"SGGP", b"SGGQ"))
    report = validate_offline(unpacked / "datapackage.json", monkeypatch)
    assert "hash-count" in {e.type for task in report.tasks for e in task.errors}


def test_sha256sums_lists_every_download_and_verifies(site, tmp_path):
    downloads = site / "tai-ve"
    lines = (downloads / "SHA256SUMS").read_text("utf-8").splitlines()
    entries = dict(reversed(line.split("  ", 1)) for line in lines)
    # tai-ve/index.html is the page that documents the downloads (docs/tai-ve.md), not a download.
    files = {p.relative_to(downloads).as_posix() for p in downloads.rglob("*") if p.is_file()} - {
        "SHA256SUMS", "index.html"}
    assert set(entries) == files
    assert {"minhbach-data.zip", "changes.csv", "nguon.zip", "nguon/sources.json", "giam-sat/recommendations.csv"} \
        <= files
    assert [p for p, digest in entries.items()
            if hashlib.sha256((downloads / p).read_bytes()).hexdigest() != digest] == []
    assert [line.split("  ")[1] for line in lines] == sorted(entries)
    if shutil.which("sha256sum"):
        run = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=downloads, capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr
    # The bulk zip keeps the same paths, so the same manifest checks what it unzips to.
    bulk = zipfile.ZipFile(downloads / "minhbach-data.zip")
    assert set(bulk.namelist()) == {p for p in files if not p.endswith(".zip")}
    bulk.extractall(tmp_path / "bulk")
    for name in bulk.namelist():
        assert hashlib.sha256((tmp_path / "bulk" / name).read_bytes()).hexdigest() == entries[name]


def test_downloads_are_published_once_and_english_pages_link_to_them(site):
    """One copy of each download, at the root (the addresses docs/tai-ve.md promises): the English site has
    its own documentation page under en/tai-ve/ and no downloads, and its links lead to the root's files."""
    assert sorted(snapshot(site / "en" / "tai-ve")) == ["index.html"]
    assert len(snapshot(site / "tai-ve")) > 20
    page = site / "en" / "du-lieu" / "co-quan" / "index.html"
    hrefs = re.findall(r'href="([^"#]+\.csv)"', page.read_text("utf-8"))
    assert "../../../tai-ve/co-quan/agencies.csv" in hrefs
    assert all((page.parent / href).resolve().is_relative_to(site / "tai-ve") for href in hrefs)
    notes = (site / "en" / "tai-ve" / "index.html").read_text("utf-8")  # the Vietnamese page, standing in
    assert 'href="../../tai-ve/SHA256SUMS"' in notes
    targets = set()  # every download any English page links to, resolved: a file of the root's tai-ve/
    for html in (site / "en").rglob("*.html"):
        for href in re.findall(r'href="([^"#]*tai-ve/[^"#]+)"', html.read_text("utf-8")):
            target = (html.parent / href).resolve()
            if not target.is_dir():
                targets.add(target.relative_to(site).as_posix())
    assert targets and all(t.startswith("tai-ve/") and (site / t).is_file() for t in targets), sorted(targets)
    assert {"tai-ve/SHA256SUMS", "tai-ve/co-quan/agencies.csv"} <= targets


def test_zips_depend_only_on_their_files():
    files = {"b.csv": b"x,y\n1,2\n", "a/datapackage.json": b"{}\n"}
    assert zip_bytes(files) == zip_bytes(dict(reversed(list(files.items()))))
    assert zipfile.ZipFile(io.BytesIO(zip_bytes(files))).namelist() == ["a/datapackage.json", "b.csv"]


def test_json_download_is_typed_as_the_schema_says(tmp_path):
    datasets = tmp_path / "datasets"
    Package("typed", (Resource(
        "values", ("code:string", "count:integer", "share:number", "ok:boolean", "day:date", "note:string"),
        rows="010,3,84.70,true,2024-06-11,\n"),)).write(datasets)
    result = pipeline.run(settings_for(datasets))
    assets = {a.uri: a.read() for a in result.outputs["vi"].assets}
    text = assets["tai-ve/typed/values.json"].decode("utf-8")
    assert json.loads(text) == [{"code": "010", "count": 3, "share": 84.7, "ok": True, "day": "2024-06-11",
                                 "note": None}]
    assert '"share": 84.70' in text  # the stated precision, not a float's
    assert assets["tai-ve/typed/values.csv"] == (datasets / "typed" / "values.csv").read_bytes()


def published(datasets: Path, descriptor: str, files: dict[str, bytes]) -> dict[str, bytes]:
    """The files a valid package ``p`` (``descriptor``, and ``files`` beside it) publishes, by URI."""
    write(datasets / "p" / "datapackage.yaml", descriptor)
    for name, data in files.items():
        (datasets / "p" / name).write_bytes(data)
    result = pipeline.run(settings_for(datasets))
    assert result.problems == []
    return {a.uri: a.read() for a in result.outputs["vi"].assets}


SEMICOLONS = "id;name\n1;english\n2;中国人\n".encode()  # frictionless-py's data/delimiter.csv
TWO_FIELDS = '{"fields": [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}]}'


def test_a_dialect_and_a_schema_kept_in_files_of_their_own_are_what_the_downloads_are_read_by(tmp_path):
    """frictionless-py's package-with-dereferencing.json: the schema and the dialect are files. Frictionless
    read them; we read them by name only, and published one column "id" holding "1;english", a "name" of
    null, and a descriptor naming dialect.json and schema.json, which are not published."""
    datasets = tmp_path / "datasets"
    write(datasets / "p" / "datapackage.yaml",
          "name: p\nresources:\n  - name: t\n    path: t.csv\n    dialect: dialect.json\n    schema: schema.json\n")
    (datasets / "p" / "t.csv").write_bytes(SEMICOLONS)
    write(datasets / "p" / "dialect.json", '{"csv": {"delimiter": ";"}}')
    write(datasets / "p" / "schema.json", TWO_FIELDS)
    result = pipeline.run(settings_for(datasets))
    assert result.problems == []
    assets = {a.uri: a.read() for a in result.outputs["vi"].assets}
    assert json.loads(assets["tai-ve/p/t.json"]) == [{"id": 1, "name": "english"}, {"id": 2, "name": "中国人"}]
    # the CSV download is a plain CSV (its descriptor states no dialect), the rows as validated
    assert list(csv.reader(io.StringIO(assets["tai-ve/p/t.csv"].decode()))) == [
        ["id", "name"], ["1", "english"], ["2", "中国人"]]
    published = json.loads(assets["tai-ve/p/datapackage.json"])["resources"][0]
    assert published["schema"] == json.loads(TWO_FIELDS) and "dialect" not in published


def test_a_file_separated_otherwise_than_its_dialect_says_is_refused_not_published_as_one_column(tmp_path):
    """No dialect: the standard's comma. Frictionless guessed ';' and found the file valid; we read one column
    "id" of "1;english" and published that. Told the comma, it reports a wrong label, a missing one and a type
    error a row; the header read as one cell that splits at ';' into the schema's names says what to do."""
    datasets = tmp_path / "datasets"
    write(datasets / "p" / "datapackage.yaml", "name: p\nresources:\n  - name: t\n    path: t.csv\n    schema:\n"
          "      fields:\n        - {name: id, type: integer}\n        - {name: name, type: string}\n")
    (datasets / "p" / "t.csv").write_bytes(SEMICOLONS)
    result = pipeline.run(settings_for(datasets))
    assert [(p.code, p.path, p.line, p.params_dict()) for p in result.problems] == [
        ("other-delimiter", "datasets/p/t.csv", 1, {"label": "id;name", "found": ";", "delimiter": ","})]
    assert result.outputs == {}
    assert 'dialect: {delimiter: ";"}' in result.problems[0].hint("en")


@pytest.mark.parametrize("dialect, files, where", [
    ("{commentChar: '#'}", {}, ("datasets/p/datapackage.yaml", 5, "commentChar")),
    ("{csv: {commentRows: [1]}}", {}, ("datasets/p/datapackage.yaml", 5, "commentRows")),
    ("{headerRows: [2]}", {}, ("datasets/p/datapackage.yaml", 5, "headerRows")),
    ("d.yaml", {"d.yaml": "header: true\ncommentChar: '#'\n"}, ("datasets/p/d.yaml", 2, "commentChar")),
])
def test_a_dialect_that_changes_which_lines_are_rows_is_refused(tmp_path, dialect, files, where):
    """Frictionless skipped the comment lines and validated the rest; we published "# another" as a row, and
    the header line as a row of data."""
    datasets = tmp_path / "datasets"
    write(datasets / "p" / "datapackage.yaml", f"name: p\nresources:\n  - name: t\n    path: t.csv\n"
          f"    dialect: {dialect}\n    schema:\n      fields:\n        - {{name: id, type: integer}}\n")
    (datasets / "p" / "t.csv").write_bytes(b"# a comment\nid\n1\n# another\n2\n")
    for name, text in files.items():
        write(datasets / "p" / name, text)
    result = pipeline.run(settings_for(datasets))
    assert [(p.code, p.path, p.line, p.field) for p in result.problems] == [("unsupported-dialect", *where)]
    assert result.outputs == {}


def test_header_rows_of_one_and_the_quoting_keys_are_read_as_frictionless_reads_them(tmp_path):
    assets = published(tmp_path / "datasets", "name: p\nresources:\n  - name: t\n    path: t.csv\n    dialect:\n"
                       "      headerRows: [1]\n      csv: {doubleQuote: false, escapeChar: '!'}\n    schema:\n"
                       "      fields:\n        - {name: id, type: integer}\n        - {name: says, type: string}\n",
                       {"t.csv": b'id,says\n1,"a !"quote!", and a comma"\n'})
    assert json.loads(assets["tai-ve/p/t.json"]) == [{"id": 1, "says": 'a "quote", and a comma'}]


def test_a_column_s_own_words_are_read_as_frictionless_reads_them(tmp_path):
    """trueValues: [oui], falseValues: [non]: valid for Frictionless, published as null by our reading; a
    field's own missingValues: "-" read as null by Frictionless, published as the text "-"."""
    assets = published(tmp_path / "datasets", "name: p\nresources:\n  - name: t\n    path: t.csv\n    schema:\n"
                       "      fields:\n        - {name: id, type: integer}\n"
                       "        - {name: ok, type: boolean, trueValues: [oui], falseValues: [non]}\n"
                       "        - {name: seen, type: boolean, trueValues: [x]}\n"
                       "        - {name: n, type: integer, missingValues: ['-']}\n"
                       "        - {name: s, type: string}\n",
                       {"t.csv": b"id,ok,seen,n,s\n1,oui,x,-,-\n2,non,false,5,\n"})
    # a column's own missing values replace the schema's for it alone: "-" is no value of n, and a value of s
    assert json.loads(assets["tai-ve/p/t.json"]) == [{"id": 1, "ok": True, "seen": True, "n": None, "s": "-"},
                                                     {"id": 2, "ok": False, "seen": False, "n": 5, "s": None}]


def test_numbers_written_with_their_own_characters_are_published_as_numbers(tmp_path):
    """A number's decimalChar, groupChar and bareNumber (Table Schema): Frictionless read "1.234,5", "95 %" and
    "€7" as 1234.5, 95 and 7; we published their text in the JSON, and drew none of them. A "." in a number
    whose decimal character is "," is no number for Frictionless (a type error), and stays text here too."""
    assets = published(tmp_path / "datasets", "name: p\nresources:\n  - name: t\n    path: t.csv\n    schema:\n"
                       "      fields:\n        - {name: id, type: integer}\n"
                       "        - {name: n, type: number, decimalChar: ',', groupChar: '.'}\n"
                       "        - {name: m, type: number, bareNumber: false}\n"
                       "        - {name: k, type: integer, bareNumber: false}\n",
                       {"t.csv": 'id,n,m,k\n1,"1.234,5",95 %,€7\n2," -0,25",-3%,8 units\n'.encode()})
    assert json.loads(assets["tai-ve/p/t.json"]) == [{"id": 1, "n": 1234.5, "m": 95, "k": 7},
                                                     {"id": 2, "n": -0.25, "m": -3, "k": 8}]
    assert assets["tai-ve/p/t.csv"].startswith(b'id,n,m,k\n1,"1.234,5"')  # the file as written, with its schema


@pytest.mark.parametrize("encoding, codec", [("iso-8859-1", "latin-1"), ("windows-1258", "cp1258"),
                                             ("UTF-16", "utf-16"), ("utf-8", "utf-8")])
def test_a_file_written_in_the_encoding_its_resource_declares_is_published_in_utf8(tmp_path, encoding, codec):
    """``encoding: iso-8859-1`` is how a package says its file is not UTF-8: Frictionless read it so and found it
    valid; we refused it as not UTF-8. It is read in that encoding now, and published in UTF-8 (the published
    descriptor says so), validated and read the same way: a cell holds its letters, not their bytes."""
    text = {"latin-1": "id,name\n1,Café crème\n2,Zürich\n", "cp1258": "id,name\n1,Café crème\n2,Đông Đà\n"}.get(
        codec, "id,name\n1,Café crème\n2,Đà Nẵng\n")
    assets = published(tmp_path / "datasets", "name: p\nresources:\n  - name: t\n    path: t.csv\n"
                       f"    encoding: {encoding}\n    schema:\n      fields:\n        - {{name: id, type: integer}}\n"
                       "        - {name: name, type: string}\n", {"t.csv": text.encode(codec)})
    assert assets["tai-ve/p/t.csv"].decode("utf-8") == text
    assert json.loads(assets["tai-ve/p/t.json"])[1]["name"] == text.split("\n")[2].split(",")[1]
    [resource] = json.loads(assets["tai-ve/p/datapackage.json"])["resources"]
    assert resource["encoding"] == "utf-8"


def test_a_date_is_read_by_its_field_s_pattern(tmp_path):
    """``format: "%d/%m/%Y"``: Frictionless read "11/06/2024" as a date; the JSON download had the text. A date
    "2024-6-1" is one for Frictionless's default pattern ("%Y-%m-%d") too."""
    assets = published(tmp_path / "datasets", "name: p\nresources:\n  - name: t\n    path: t.csv\n    schema:\n"
                       "      fields:\n        - {name: day, type: date, format: '%d/%m/%Y'}\n"
                       "        - {name: since, type: date}\n", {"t.csv": b"day,since\n11/06/2024,2024-6-1\n"})
    assert json.loads(assets["tai-ve/p/t.json"]) == [{"day": "2024-06-11", "since": "2024-06-01"}]


def test_a_datetime_and_a_time_are_read_by_their_field_s_pattern_and_published_in_iso_8601(tmp_path):
    """``format: "%d/%m/%Y %H:%M"``: Frictionless read "11/06/2024 10:30" as a datetime; the JSON download had the
    text, as written. Both are ISO 8601 in the JSON now, read by a pattern or from ISO text (Frictionless's
    default)."""
    assets = published(tmp_path / "datasets", "name: p\nresources:\n  - name: t\n    path: t.csv\n    schema:\n"
                       "      fields:\n        - {name: at, type: datetime, format: '%d/%m/%Y %H:%M'}\n"
                       "        - {name: iso, type: datetime}\n        - {name: opens, type: time}\n"
                       "        - {name: closes, type: time, format: '%Hh%M'}\n",
                       {"t.csv": b"at,iso,opens,closes\n11/06/2024 10:30,2024-06-11T10:00:00Z,08:00:00,17h30\n"})
    assert json.loads(assets["tai-ve/p/t.json"]) == [
        {"at": "2024-06-11T10:30:00", "iso": "2024-06-11T10:00:00+00:00", "opens": "08:00:00", "closes": "17:30:00"}]


@pytest.mark.parametrize("header", [b"id ,name\t,note\xc2\xa0", b"id,\tname,\tnote", b" id,name ,note"])
def test_column_names_are_read_stripped_of_blanks_as_frictionless_reads_them(tmp_path, header):
    """Frictionless takes a header cell stripped of blanks at both ends for its label; without a schema we
    published the column as written: "name\t" (or "\tname", where the tab is no ``skipInitialSpace`` can skip)
    was a key of the JSON download, and the name of the page's column, for a table validated with "name". The
    cells keep their blanks, for both."""
    data = header + b"\n1,\ta,b \n"
    assets = published(tmp_path / "datasets", "name: p\nresources:\n  - name: t\n    path: t.csv\n", {"t.csv": data})
    ours = json.loads(assets["tai-ve/p/t.json"])
    assert ours == [{"id": "1", "name": "\ta", "note": "b "}]
    theirs = frictionless.Resource(data=data, format="csv", dialect=frictionless.Dialect.from_descriptor({}))
    assert [list(row.keys()) for row in theirs.read_rows()] == [list(row) for row in ours]


def test_inline_data_s_column_names_are_read_stripped_too(tmp_path):
    """Inline data given as lists names its columns by its first row, which Frictionless strips as a file's."""
    assets = published(tmp_path / "datasets", "name: p\nresources:\n  - name: t\n    data:\n"
                       "      - [' id', \"name\\t\"]\n      - [1, ' a']\n", {})
    assert json.loads(assets["tai-ve/p/t.json"]) == [{"id": "1", "name": " a"}]
    theirs = frictionless.Resource(data=[[" id", "name\t"], [1, " a"]])
    assert [list(row.keys()) for row in theirs.read_rows()] == [["id", "name"]]


def test_a_line_end_inside_a_quoted_cell_is_the_cell_s_as_written(tmp_path):
    """A CSV written with CRLF whose quoted cell holds a CRLF (two lines of an address, say): Frictionless reads
    "a\r\nb"; every CRLF became LF before the file was parsed, so the JSON download had "a\nb". The rows' line
    ends are still line ends, a lone CR too (one inside quotes is the cell's: tests/test_lone_cr.py)."""
    import frictionless

    def notes(data: bytes, folder: str) -> list[str]:
        assets = published(tmp_path / folder, "name: p\nresources:\n  - name: t\n    path: t.csv\n    schema:\n"
                           "      fields:\n        - {name: id, type: integer}\n        - {name: note, type: string}\n",
                           {"t.csv": data})
        return [row["note"] for row in json.loads(assets["tai-ve/p/t.json"])]

    data = b'id,note\r\n1,"first line\r\nsecond line"\r\n2,"x ""y""\r\nz"\r3,plain\r\n'
    assert notes(data, "a") == ["first line\r\nsecond line", 'x "y"\r\nz', "plain"]
    assert [row["note"] for row in frictionless.Resource(data=data, format="csv").read_rows()] == notes(data, "a")
    # a stray quote (5") flips which text is taken as quoted: the rows are read all the same, a quoted line end
    # after it made LF, as every one was before
    stray = b'id,note\r\n1,5" wide\r\n2,"a\r\nb"\r\n3,plain\r\n'
    assert notes(stray, "b") == ['5" wide', "a\nb", "plain"]


def test_a_number_is_read_as_frictionless_reads_it():
    from generator.core.read.table import FieldSpec

    comma = FieldSpec.from_descriptor({"name": "n", "type": "number", "decimalChar": ",", "groupChar": " "})
    assert [comma.number_text(v) for v in ("1 234,5", " 7 ", "1.5", "12")] == ["1234.5", "7", None, "12"]
    loose = FieldSpec.from_descriptor({"name": "n", "type": "integer", "bareNumber": False, "groupChar": ","})
    # an integer has no group or decimal character: "1,000" stays what int() refuses, as in Frictionless
    assert [loose.number_text(v) for v in ("$-12 USD", "1,000", "n/a")] == ["-12", "1,000", ""]
    assert FieldSpec.from_descriptor({"name": "n", "type": "number"}).number_text(" 2.5") == "2.5"


@pytest.mark.parametrize("where", ["schema", "field"])
def test_missing_values_written_as_objects_are_read_by_their_value(tmp_path, where):
    """Data Package v2 writes a missing value as ``{value, label}`` too: Frictionless read "-99" of such a list as
    null; we published it as the text "-99" of an integer column (a field's own), or read the schema's list as the
    one word "{'value': ...}" (the empty cell then too)."""
    entries = "[{value: '', label: blank}, {value: '-99', label: refused}]"
    own = f", missingValues: {entries}" if where == "field" else ""
    assets = published(tmp_path / "datasets", "name: p\n$schema: https://datapackage.org/profiles/2.0/datapackage.json"
                       "\nresources:\n  - name: t\n    path: t.csv\n    schema:\n"
                       + (f"      missingValues: {entries}\n" if where == "schema" else "")
                       + f"      fields:\n        - {{name: id, type: integer}}\n"
                       f"        - {{name: n, type: integer{own}}}\n",
                       {"t.csv": b"id,n\n1,-99\n2,\n3,7\n"})
    assert json.loads(assets["tai-ve/p/t.json"]) == [{"id": 1, "n": None}, {"id": 2, "n": None}, {"id": 3, "n": 7}]


@pytest.mark.parametrize("match, header, rows, expected", [
    ("equal", "name,id", "a,1\nb,2\n", [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}]),
    ("subset", "note,name,id", "x,a,1\n", [{"id": 1, "name": "a"}]),  # a column no field names: left out
    ("superset", "id", "1\n", [{"id": 1, "name": None}]),  # a field the file has no column for: empty
    ("partial", "name,note", "a,x\n", [{"id": None, "name": "a"}]),
    ("exact", "id,name", "1,a\n", [{"id": 1, "name": "a"}]),
])
def test_columns_matched_by_name_are_published_by_name(tmp_path, match, header, rows, expected):
    """fieldsMatch (Data Package v2): Frictionless matched "name,id" to the fields id, name by name and found it
    valid; read by position, its ids were published as names and its names as ids."""
    assets = published(tmp_path / "datasets", "name: p\nresources:\n  - name: t\n    path: t.csv\n    schema:\n"
                       f"      fieldsMatch: {match}\n      fields:\n        - {{name: id, type: integer}}\n"
                       "        - {name: name, type: string}\n", {"t.csv": f"{header}\n{rows}".encode()})
    assert json.loads(assets["tai-ve/p/t.json"]) == expected
    written = list(csv.DictReader(io.StringIO(assets["tai-ve/p/t.csv"].decode())))
    assert [{k: (int(v) if k == "id" and v else v or None) for k, v in row.items()} for row in written] == expected


@pytest.mark.parametrize("match, header, rows", [
    ("exact", "ID,NAME", "1,a\n2,b\n"), ("equal", "NAME,ID", "a,1\nb,2\n")])
def test_labels_that_differ_from_the_field_names_in_case_alone_under_header_case_false(tmp_path, match, header, rows):
    """A dialect's ``headerCase: false`` (v2): Frictionless matched "NAME,ID" to the fields id, name in any case
    and found it valid; matched by name with case, every cell was published empty. The CSV download is written
    with the schema's names, so that the published package (which has no dialect) is valid too."""
    assets = published(tmp_path / "datasets", "name: p\nresources:\n  - name: t\n    path: t.csv\n"
                       "    dialect: {headerCase: false}\n    schema:\n"
                       f"      fieldsMatch: {match}\n      fields:\n        - {{name: id, type: integer}}\n"
                       "        - {name: name, type: string}\n", {"t.csv": f"{header}\n{rows}".encode()})
    assert json.loads(assets["tai-ve/p/t.json"]) == [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}]
    assert assets["tai-ve/p/t.csv"].decode().splitlines()[0] == "id,name"
    folder = tmp_path / "published"
    for uri in ("tai-ve/p/datapackage.json", "tai-ve/p/t.csv"):
        write(folder / uri, assets[uri].decode())
    report = frictionless.Package(str(folder / "tai-ve/p/datapackage.json")).validate()
    assert report.valid, report.flatten(["type", "note"])


def test_data_json_catalogue_lists_every_dataset_and_its_files(site):
    for root in (site, site / "en"):
        catalogue = json.loads((root / "data.json").read_text("utf-8"))
        assert catalogue["conformsTo"] == "https://project-open-data.cio.gov/v1.1/schema"
        assert sorted(d["identifier"] for d in catalogue["dataset"]) == ["co-quan", "giam-sat", "nguon"]
        for dataset in catalogue["dataset"]:
            for key in ("title", "description", "keyword", "modified", "publisher", "contactPoint", "accessLevel"):
                assert dataset[key], (dataset["identifier"], key)
            assert (root / dataset["landingPage"] / "index.html").is_file()
            urls_ = [d["downloadURL"] for d in dataset["distribution"]]
            assert any(u.endswith(".csv") for u in urls_) and any(u.endswith(".zip") for u in urls_)
            assert [u for u in urls_ if not (root / u).resolve().is_file()] == []  # English: ../tai-ve/...
    catalogue = json.loads((site / "data.json").read_text("utf-8"))
    nguon = next(d for d in catalogue["dataset"] if d["identifier"] == "nguon")
    assert nguon["version"] == "2.1.0" and nguon["modified"] == "2026-03-01"


def jsonld(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def test_dataset_page_cites_itself_offers_code_and_describes_itself_for_search_engines(site):
    page = site / "du-lieu" / "nguon" / "index.html"
    html = page.read_text("utf-8")
    data = jsonld(html)
    assert data["@type"] == "Dataset" and data["version"] == "2.1.0" and data["datePublished"] == "2026-03-01"
    assert [d["contentUrl"] for d in data["distribution"] if not (page.parent / d["contentUrl"]).resolve().is_file()] \
        == []
    assert "Trích dẫn" in html and data["publisher"]["name"] == "Minh Bạch"
    cite = re.sub(r"<[^>]+>", "", re.search(r'<p class="mb-cite">(.*?)</p>', html).group(1))
    # the package names no author: cited by its title, never with the site as its author (test_catalogue_truth.py)
    assert cite == "Nguồn (phiên bản 2.1.0) [Bộ dữ liệu]. (01/03/2026). Minh Bạch. du-lieu/nguon/"
    assert "@misc{minhbach-nguon-2.1.0," in html and "version = {2.1.0}" in html
    # Without a site address the citation is relative; the note that said so was meant for maintainers (the
    # build tells them now), never for readers.
    assert "site_url" not in html
    assert "pd.read_csv(" in html and "read_csv(" in html and "source_id = col_character()" in html
    for anchor in ("so-dong", "so-dong-sources", "phien-ban"):
        assert f'id="{anchor}"' in html and f'href="#{anchor}"' in html
    english = (site / "en" / "du-lieu" / "nguon" / "index.html").read_text("utf-8")
    assert "Cite this" in english and "[Data set]" in english and "en/du-lieu/nguon/" in english
    assert "(1 Mar 2026). " in english  # the date as each language writes it; BibTeX keeps ISO
    assert "&#34;tai-ve/nguon/sources.csv&#34;" in english  # code cites the stable address, not en/'s copy
    assert jsonld(english)["inLanguage"] == "en"
    search = (site / "search" / "search_index.json").read_text("utf-8")
    assert "@context" not in search and "schema.org" not in search


def test_code_that_reads_a_csv_counts_a_column_s_own_missing_values_in_that_column_alone():
    """A field's own missingValues replace the schema's for it: pandas gets a list per column then, and readr
    (one list for all) reads that column as text and types it with its own. Before, both used the schema's
    only: "-" of the integer column n stopped pandas' Int64 and was a parsing problem for readr."""
    import ast

    from generator.catalogue.citation import _pandas, _r
    from generator.core.read.table import FieldSpec, Table

    fields = [FieldSpec("id", "integer"), FieldSpec("n", "integer", missing_values=frozenset({"", "-"})),
              FieldSpec("s")]
    table = Table("p", "t", fields, ["id", "n", "s"], [], missing_values=frozenset({"", "NA"}))
    pandas = "\n".join(line for line in _pandas("t.csv", table) if line)
    na = ast.literal_eval(re.search(r"na_values=(\{.*\}),", pandas).group(1))
    assert na == {"id": ["", "NA"], "n": ["", "-"], "s": ["", "NA"]}
    r = "\n".join(line for line in _r("t.csv", table) if line).split("\n")
    assert "    n = col_character()," in r and '  na = c("", "NA")' in r
    assert r[-1] == 'df[["n"]] <- parse_double(df[["n"]], na = c("", "-"))'
    # without a column of its own: one list, as before
    table.fields = [FieldSpec("id", "integer"), FieldSpec("n", "integer")]
    assert '    keep_default_na=False, na_values=["", "NA"],' in _pandas("t.csv", table)
    assert _r("t.csv", table)[-1] == ")"
    # readr's integer is 32 bits: a tweet id (970867027907956737) or a population read as NA (generic8 #1)
    code = "\n".join(line for line in _r("t.csv", table) if line)
    assert "    id = col_double()," in code and "col_integer()" not in code


def test_code_that_reads_a_csv_reads_its_numbers_with_their_decimal_and_group_characters():
    """decimalChar "," and groupChar "." (one pair for every number column: pandas and readr take one a file):
    pandas' decimal and thousands, readr's locale and col_number() (col_double() refuses a group character)."""
    from generator.catalogue.citation import _pandas, _r
    from generator.core.read.table import FieldSpec, Table

    fields = [FieldSpec("id", "integer"), FieldSpec("n", "number", decimal_char=",", group_char="."),
              FieldSpec("m", "number", decimal_char=",", group_char=".")]
    table = Table("p", "t", fields, ["id", "n", "m"], [])
    assert '    decimal=",", thousands=".",' in _pandas("t.csv", table)
    r = "\n".join(line for line in _r("t.csv", table) if line)
    assert '  locale = locale(decimal_mark = ",", grouping_mark = "."),' in r and "    n = col_number()," in r
    table.fields[2] = FieldSpec("m", "number")  # two ways of writing numbers in one file: no pair for pandas
    assert not any("decimal" in (line or "") for line in _pandas("t.csv", table))
    r = "\n".join(line for line in _r("t.csv", table) if line)  # readr: n's pair, m read as text (test_snippets.py)
    assert '  locale = locale(decimal_mark = ",", grouping_mark = "."),' in r and "    m = col_character()\n" in r


def test_a_configured_site_url_makes_every_address_absolute(tmp_path, project):
    settings = Settings(datasets_dir=project, root=tmp_path, build_date=settings_for(project).build_date,
                        site_url="https://example.org/mb")
    result = pipeline.run(settings, langs=("vi", "en"))
    for lang, prefix in (("vi", "https://example.org/mb/"), ("en", "https://example.org/mb/en/")):
        pages = {p.uri: p.content for p in result.outputs[lang].pages}
        assets = {a.uri: a.read() for a in result.outputs[lang].assets}
        nguon = pages["du-lieu/nguon.md"]
        # the address may wrap after its separators on a phone (<wbr>), never inside a word
        assert f'translate="no">{prefix}du-lieu/nguon/</span></p>' in nguon.replace("<wbr>", "")
        assert "url = {" + prefix + "du-lieu/nguon/}" in nguon
        assert "site_url" not in nguon
        assert '"https://example.org/mb/tai-ve/nguon/sources.csv"' in nguon  # downloads: one stable address
        assert jsonld(nguon)["url"] == f"{prefix}du-lieu/nguon/"
        catalogue = json.loads(assets["data.json"])
        assert catalogue["@id"] == f"{prefix}data.json"
        assert {d["downloadURL"] for d in catalogue["dataset"][0]["distribution"]} >= \
            {"https://example.org/mb/tai-ve/co-quan/agencies.csv"}
        assert f"<id>{prefix}thay-doi/atom.xml</id>" in assets["thay-doi/atom.xml"].decode()
    assert {a.uri: a.read() for a in result.outputs["vi"].assets if a.uri.startswith("tai-ve/")} == \
        {a.uri: a.read() for a in result.outputs["en"].assets if a.uri.startswith("tai-ve/")}


def test_site_url_is_read_from_mkdocs_yml_when_not_given(tmp_path):
    write(tmp_path / "mkdocs.yml", """
        site_name: Test
        site_url: https://data.example.vn/minhbach
        extra:
          token: !ENV [TOKEN, none]
        """)
    from generator.mkdocs.build import site_url

    assert site_url(tmp_path / "mkdocs.yml") == "https://data.example.vn/minhbach/"
    write(tmp_path / "mkdocs.en.yml", "INHERIT: mkdocs.yml\nsite_description: English\n")
    assert site_url(tmp_path / "mkdocs.en.yml") == "https://data.example.vn/minhbach/"
    write(tmp_path / "other.yml", "site_name: Other\n")
    assert site_url(tmp_path / "other.yml") == ""
    assert urls.site_root("https://x.org") == "https://x.org/" and urls.site_root("") == ""


def test_formula_like_cells_are_published_unchanged(project, tmp_path, capsys):
    """The warning itself belongs to core.rules (tests/test_problem_codes.py); the download stays faithful."""
    notes = Resource("notes", ("id:string", "text:string", "delta:number"), rows=(
        'a,"=HYPERLINK(""http://x"",""y"")",-3\n'
        "c,+84 28 3829 6052,2\n"
        "e,@SUM(A1),1\n"))
    source = Package("ghi-chu", (notes,)).write(project) / "notes.csv"
    assert main(["validate", "--datasets", str(project), "--format", "json"]) == 0
    warned = {(Path(p["path"]).name, p["line"]) for p in json.loads(capsys.readouterr().out)["problems"]
              if p["code"] == "formula-like"}
    assert warned == {("notes.csv", 2), ("notes.csv", 3), ("notes.csv", 4)}
    out = tmp_path / "site"
    assert build(project, out) == 0
    assert (out / "tai-ve" / "ghi-chu" / "notes.csv").read_bytes() == source.read_bytes()
    rows = list(csv.reader(io.StringIO((out / "tai-ve" / "ghi-chu" / "notes.csv").read_text("utf-8"))))
    assert rows[1][1] == '=HYPERLINK("http://x","y")'
    typed = json.loads((out / "tai-ve" / "ghi-chu" / "notes.json").read_text("utf-8"))
    assert [row["text"] for row in typed] == ['=HYPERLINK("http://x","y")', "+84 28 3829 6052", "@SUM(A1)"]


def test_generic_corpus_packages_publish_descriptors_that_validate(corpus, tmp_path, monkeypatch):
    datasets = tmp_path / "datasets"
    for name in ("frictionless-r-example-v1", "gold-prices", "country-codes", "periodic-table"):
        shutil.copytree(CORPUS / name, datasets / name)
    result = pipeline.run(settings_for(datasets))
    assert result.outputs, [p.code for p in result.problems]
    out = tmp_path / "published"
    for asset in result.outputs["vi"].assets:
        if asset.uri.startswith("tai-ve/"):
            target = out / asset.uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(asset.read())
    descriptors = sorted((out / "tai-ve").glob("*/datapackage.json"))
    assert len(descriptors) == 4
    for descriptor in descriptors:
        report = validate_offline(descriptor, monkeypatch)
        assert report.valid, (descriptor.parent.name, report.flatten(["type", "note"]))
    # Multipart TSV and inline data become CSV files whose hashes the descriptor states.
    example = json.loads((out / "tai-ve" / "example_package" / "datapackage.json").read_text("utf-8"))
    assert {r["path"] for r in example["resources"]} == {"deployments.csv", "observations.csv", "media.csv"}


def test_downloads_are_written_once_per_distinct_package_and_served_from_disk(project, tmp_path):
    """The download store (catalogue/downloads.py): an unchanged package is not written again, an edited one
    is, and a site built from the store has the bytes of a site built with downloads in memory."""
    from generator import pipeline
    from generator.core.cache import Cache

    cache = tmp_path / "cache"
    settings = settings_for(project, cache_dir=cache)
    checked = pipeline.check(settings)
    stored = pipeline.shared_files(pipeline.prepare(checked, settings, Cache(cache)))
    in_memory = pipeline.shared_files(pipeline.prepare(checked, settings))
    assert all(a.path is not None and a.path.is_relative_to(cache) for a in stored if a.path is not None)
    assert sum(a.path is not None for a in stored) == len(stored) - 2  # all but changes.csv and SHA256SUMS
    assert [(a.uri, a.read()) for a in stored] == [(a.uri, a.read()) for a in in_memory]

    def entries() -> dict[str, int]:
        return {p.name: (p / "index.json").stat().st_mtime_ns for p in (cache / "downloads").glob("*/*")}

    def files_of(name: str) -> list[str]:
        [index] = (cache / "downloads").glob(f"*/{name}/index.json")
        return sorted(json.loads(index.read_text("utf-8")))

    folders = entries()
    agencies = project / "co-quan" / "data" / "agencies.csv"
    agencies.write_text(agencies.read_text("utf-8").replace("Sở Nội vụ", "Sở Nội vụ TP"), "utf-8")
    again = pipeline.shared_files(pipeline.prepare(pipeline.check(settings), settings, Cache(cache)))
    after = entries()
    new = sorted(files_of(name) for name in set(after) - set(folders))  # co-quan, and the bulk zip that holds it
    assert new == [["csv-0", "datapackage", "json-0", "zip"], ["zip"]]
    assert all(after[name] == mtime for name, mtime in folders.items())
    assert b"N\xe1\xbb\x99i v\xe1\xbb\xa5 TP" in next(a for a in again if a.uri.endswith("co-quan/agencies.csv")).read()


def test_a_table_over_the_json_limit_is_published_as_csv_only_and_says_so(tmp_path, monkeypatch):
    """At JSON_MAX_ROWS rows a table has its JSON copy; one row more and it has none (a national results table
    made a 346 MB JSON file): no file, no link, no entry in SHA256SUMS, the bulk zip or data.json, and its
    page says why, in each language, beside the CSV that still carries every row."""
    from generator.catalogue import model

    monkeypatch.setattr(model, "JSON_MAX_ROWS", 3)
    datasets = tmp_path / "datasets"
    Package("mau", (Resource("nho", ("id:integer",), rows="1\n2\n3\n"),
                    Resource("lon", ("id:integer",), rows="1\n2\n3\n4\n"))).write(datasets)
    out = tmp_path / "site"
    assert build(datasets, out) == 0
    downloads = out / "tai-ve"
    assert (downloads / "mau" / "nho.json").is_file() and not (downloads / "mau" / "lon.json").exists()
    assert (downloads / "mau" / "lon.csv").read_bytes() == (datasets / "mau" / "lon.csv").read_bytes()
    listed = {line.split("  ", 1)[1] for line in (downloads / "SHA256SUMS").read_text("utf-8").splitlines()}
    assert {"mau/nho.json", "mau/lon.csv"} <= listed and "mau/lon.json" not in listed
    assert "mau/lon.json" not in zipfile.ZipFile(downloads / "minhbach-data.zip").namelist()
    for root, note in ((out, "bảng hơn 3 dòng chỉ được công bố dạng CSV"),
                       (out / "en", "a table of more than 3 rows is published as CSV only")):
        catalogue = json.loads((root / "data.json").read_text("utf-8"))
        mau = next(d for d in catalogue["dataset"] if d["identifier"] == "mau")
        assert sorted(Path(d["downloadURL"]).name for d in mau["distribution"]) == [
            "lon.csv", "mau.zip", "nho.csv", "nho.json"]
        page = (root / "du-lieu" / "mau" / "index.html").read_text("utf-8")
        assert page.count(note) == 1 and 'nho.json"' in page and 'lon.json"' not in page
