"""The feature models, value by value: the catalogue's description of a package, the change log's records, the
directory of agencies, sources and documents (with how far the figures lead), the list of gaps, the agencies,
and the automatic chart of a generic package with its summary sentence.

Each assertion states the exact value, so that a mutation of these modules (tests/mutation.py catalogue-model,
changes-model, directory-model, gaps-agencies, autochart) fails one. Packages are written to tmp_path, or built
in memory as the readers would give them; the project's own ``datasets/`` is only read.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import ROOT, settings_for

from generator.agencies.model import Agencies, Agency, load_agencies
from generator.catalogue.autochart import auto_chart, is_identifier, time_value, words
from generator.catalogue.model import (
    Catalogue,
    DatasetInfo,
    Link,
    Release,
    ResourceInfo,
    _links,
    _people,
    created_date,
    dataset_info,
)
from generator.changes.model import Correction, FileChange, History, ResourceChange, RowChange
from generator.changes.model import Release as ChangeRelease
from generator.core.charts.spec import Chart, Point, Series
from generator.core.datasets import Datasets, load_datasets
from generator.core.datasets import Package as DataPackage
from generator.core.edit import Origin
from generator.core.locale import locale
from generator.core.problems import problem
from generator.core.read.package import LoadedPackage
from generator.core.read.table import FieldSpec, Row, Table
from generator.core.read.tree import Tree
from generator.core.text import Text
from generator.directory.figures import _reach, source_reach
from generator.directory.model import (
    AgencyRef,
    Directory,
    DocumentRef,
    SourceReach,
    SourceRef,
    entry_key,
    load_directory,
)
from generator.directory.rules import numbers_have_sources
from generator.gaps import model as gaps_model
from generator.gaps.collect import _focus_rows, _origin, index_gaps, source_gaps, supervision_gaps
from generator.gaps.model import KINDS, Gap, Gaps, Words
from generator.indicators.model import Edition, Index, Indicators, Observation, load_indicators
from generator.supervision.model import Item, Session, StatusEntry, Supervision


def table(name: str = "t", columns: tuple[str, ...] = ("id:integer",), rows: tuple[tuple[str, ...], ...] = (),
          package: str = "p", missing: frozenset[str] = frozenset({""}), path: Path | None = None,
          rel: str = "", fields: tuple[FieldSpec, ...] = ()) -> Table:
    """A table as the reader gives it: ``columns`` are ``name:type``, rows start at line 2."""
    specs = list(fields) or [FieldSpec(c.partition(":")[0], c.partition(":")[2] or "string") for c in columns]
    header = [f.name for f in specs]
    index = {name: i for i, name in enumerate(header)}
    return Table(package, name, specs, header, [Row(line, values, index) for line, values in enumerate(rows, 2)],
                 path, rel, None, missing)


def loaded(descriptor: object, rel: str = "datasets/p/datapackage.yaml") -> LoadedPackage:
    return LoadedPackage(Path("/nowhere") / rel, rel, Tree(descriptor))


# -- catalogue/model.py -----------------------------------------------------------------------------------------


def test_a_resource_s_addresses_and_anchors():
    rows = table("scores", rows=(("1",), ("2",)), package="chi-so")
    info = ResourceInfo("scores", Text("Điểm"), Text(), rows)
    assert (info.csv_name, info.download_uri, info.json_uri, info.anchor, info.rows_anchor, info.derived) == (
        "scores.csv", "tai-ve/chi-so/scores.csv", "tai-ve/chi-so/scores.json", "bang-scores", "so-dong-scores",
        False)
    # a resource called "datapackage" must not overwrite the package's descriptor
    clash = ResourceInfo("datapackage", Text(), Text(), table("datapackage", package="chi-so"))
    assert (clash.json_uri, clash.download_uri) == ("tai-ve/chi-so/datapackage.rows.json",
                                                    "tai-ve/chi-so/datapackage.csv")


def test_links_from_licences_and_sources():
    assert _links([
        {"name": "CC-BY-4.0", "title": "Ghi công", "path": "https://creativecommons.org/licenses/by/4.0/"},
        {"name": "ODC-By", "url": " https://opendatacommons.org/licenses/by/ "},  # no title: the name
        {"id": "x-1", "path": "javascript:alert(1)"},  # no title or name: the id; an unsafe address: no link
        {"path": "https://a.example/"},  # nothing to call it: the address itself
        {"title": {"vi": "Nguồn", "en": "Source"}, "path": 5},  # not text: no address
        {"title": "T", "path": "", "url": "mailto:a@b.vn"},  # an empty path gives way to the url
        "not a mapping",
    ]) == (
        Link("Ghi công", "https://creativecommons.org/licenses/by/4.0/", "CC-BY-4.0"),
        Link("ODC-By", "https://opendatacommons.org/licenses/by/", "ODC-By"),
        Link("x-1", "", ""),
        Link("https://a.example/", "https://a.example/", ""),
        Link("Nguồn", "", ""),
        Link("T", "mailto:a@b.vn", ""),
    )
    assert _links({"name": "CC0"}) == () and _links(None) == ()
    assert _links([{}]) == ()  # a mapping with nothing in it says nothing: left out (generic8 #5)


def test_people_by_role_in_order_and_once():
    people = [
        {"title": "An", "roles": ["author", "Publisher"]},
        "not a mapping",
        {"title": "Bình", "role": "creator", "title_en": "Binh"},
        {"organization": "Sở Nội vụ", "roles": ["AUTHOR"], "x-minhbach": {"title_en": "Department of Home Affairs"}},
        {"title": "An", "roles": ["author"]},  # already listed
        {"title": "Chi"},  # no role: a contributor
        {"title": "", "roles": ["author"]},  # no name
        {"title": "Dũng", "roles": "author"},  # roles not a list: the v1 role, missing, so a contributor
        {"title": "Em", "role": "", "roles": None},  # an empty role: a contributor
        "not a mapping",
    ]
    assert _people(people, ("author", "creator")) == ("An", "Bình", "Sở Nội vụ")
    assert _people(people, ("publisher",)) == ("An",)
    assert _people(people, ("contributor",)) == ("Chi", "Dũng", "Em")
    assert _people(people, ("author", "creator"), english=True) == ("An", "Binh", "Department of Home Affairs")
    assert _people(people, ("author", "creator"), False) == ("An", "Bình", "Sở Nội vụ")
    assert _people({"title": "An"}, ("contributor",)) == ()
    # an English name the same as another's Vietnamese one is listed once
    assert _people([{"title": "A", "title_en": "B", "roles": ["author"]}, {"title": "B", "roles": ["author"]}],
                   ("author",), english=True) == ("B",)


@pytest.mark.parametrize(("value", "day"), [
    ("2024-03-05T10:00:00Z", date(2024, 3, 5)), ("2024-03-05", date(2024, 3, 5)), (date(2024, 3, 5), date(2024, 3, 5)),
    ("2024-3-5", None), ("", None), (None, None), ("March 2024", None), (20240305, date(2024, 3, 5)),  # ISO basic
])
def test_created_is_the_date_part_or_nothing(value, day):
    assert created_date(value) == day


def test_a_package_described_for_readers():
    descriptor = {
        "name": "chi-so", "title": "Chỉ số", "title_en": "Indices", "description": {"vi": "Mô tả", "en": "About"},
        "version": 2, "created": "2024-01-31T00:00:00Z", "homepage": "https://example.org/",
        "languages": ["vi"],  # a package of no role states its language: its text is read as Vietnamese
        "keywords": ["a", 3, "b"],
        "licenses": [{"name": "CC0-1.0", "path": "https://creativecommons.org/publicdomain/zero/1.0/"}],
        "sources": [{"title": "Nguồn", "path": "https://nguon.vn/x"}],
        "contributors": [{"title": "An", "roles": ["author", "publisher"], "title_en": "Ann"},
                         {"title": "Bình", "role": "publisher"}, {"title": "Chi", "role": "creator"}],
        "x-minhbach": {"theme": "ci", "derived": {
            "facts": {"title": "Số liệu", "title_en": "Facts", "description": "Từ phiên", "description_en": "From"},
            "other": {"title": "Không dùng"},  # derived by nobody here
            "bad": "not a mapping"}},
        "resources": [{"name": "scores", "title": "Điểm", "x-minhbach": {"title_en": "Scores"},
                       "description": "Điểm số"}, "not a mapping", {"name": "plain"}],
    }
    tables = [table("scores", rows=(("1",), ("2",))), table("plain", rows=(("3",),)),
              table("facts", rows=(("4",), ("5",), ("6",))), table("bad")]
    info = dataset_info(loaded(descriptor), "chi-so", tables, frozenset({"facts", "bad"}))
    assert info == DatasetInfo(
        name="chi-so", title=Text("Chỉ số", "Indices"), description=Text("Mô tả", "About"), version="2", theme="ci",
        licences=(Link("CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/", "CC0-1.0"),),
        sources=(Link("Nguồn", "https://nguon.vn/x", ""),),
        resources=(ResourceInfo("scores", Text("Điểm", "Scores"), Text("Điểm số"), tables[0]),
                   ResourceInfo("plain", Text("plain"), Text(), tables[1]),
                   ResourceInfo("facts", Text("Số liệu", "Facts"), Text("Từ phiên", "From"), tables[2], True),
                   ResourceInfo("bad", Text("bad"), Text(), tables[3], True)),
        descriptor_rel="datasets/p/datapackage.yaml", created=date(2024, 1, 31), authors=("An", "Chi"),
        publishers=("An", "Bình"), authors_en=("Ann", "Chi"), keywords=("a", "b"), homepage="https://example.org/")
    assert (info.row_count, info.page_uri, info.descriptor_uri, info.zip_uri) == (
        6, "du-lieu/chi-so.md", "tai-ve/chi-so/datapackage.json", "tai-ve/chi-so.zip")


def test_a_derived_table_keeps_the_descriptor_s_own_resource_entry():
    descriptor = {"languages": ["vi"], "resources": [{"name": "facts", "title": "Của tệp"}],
                  "x-minhbach": {"derived": {"facts": {"title": "Của phần mở rộng"}}}}
    [info] = dataset_info(loaded(descriptor), "p", [table("facts")], frozenset({"facts"})).resources
    assert info.title == Text("Của tệp")
    # a table the descriptor's derived list names but the feature did not derive: not described by it
    [info] = dataset_info(loaded({"x-minhbach": {"derived": {"facts": {"title": "X"}}}}), "p",
                          [table("facts")]).resources
    assert (info.title, info.derived) == (Text("facts", lang=""), False)


def test_a_bare_package_is_described_by_its_name():
    info = dataset_info(loaded({"x-minhbach": "not a mapping", "keywords": "a", "homepage": 5}), "p", [])
    # no role, no declared language: its text's language is not assumed (``Text.lang`` "")
    assert info == DatasetInfo("p", Text("p", lang=""), Text(lang=""), "", "", (), (), (),
                               "datasets/p/datapackage.yaml")
    assert (info.created, info.authors, info.publishers, info.authors_en, info.keywords, info.homepage,
            info.row_count) == (None, (), (), (), (), "", 0)
    info = dataset_info(loaded({"x-minhbach": {"derived": ["facts"]}, "version": None}), "p",
                        [table("facts")], frozenset({"facts"}))
    assert (info.version, info.resources[0].title, info.resources[0].derived) == ("", Text("facts", lang=""), True)
    assert dataset_info(loaded([1, 2]), "p", []).title == Text("p", lang="")  # a descriptor that is no mapping


def test_the_catalogue_s_lookups_and_counts():
    one = dataset_info(loaded({}), "a", [table("x", rows=(("1",),)), table("y", rows=(("2",), ("3",)))])
    two = dataset_info(loaded({}), "b", [table("z", rows=(("4",),) * 4)])
    catalogue = Catalogue((one, two), {"a": Release(date(2024, 5, 1), "abc1234"), "b": Release(None)},
                          "https://minhbach.vn/", date(2026, 11, 26))
    assert (catalogue.dataset("b"), catalogue.dataset("c")) == (two, None)
    assert (catalogue.resource_count, catalogue.row_count) == (3, 7)
    assert (catalogue.released("a"), catalogue.released("b"), catalogue.released("c")) == (
        Release(date(2024, 5, 1), "abc1234"), Release(None), None)
    assert Release(date(2024, 5, 1)).commit == ""


# -- changes/model.py -------------------------------------------------------------------------------------------

ADDED = RowChange("added", (("year", "2023"), ("unit", "79")), (), (), (("year", "2023"), ("unit", "79"),
                                                                       ("score", "80")))
CHANGED = RowChange("changed", (("year", "2023"), ("unit", "79")), ("score",), (("score", "80"),),
                    (("score", "81"),))
REMOVED = RowChange("removed", (), (), (("year", "2022"), ("unit", "1"), ("score", "7")), ())
RESULTS = ResourceChange("results", "changed", 10, 11, (ADDED, CHANGED, REMOVED, ADDED), keyed=True)


def test_a_resource_change_counts_its_rows():
    assert (RESULTS.added, RESULTS.removed, RESULTS.changed, RESULTS.count("other")) == (2, 1, 1, 0)
    assert (RESULTS.is_empty, RESULTS.columns_added, RESULTS.columns_removed, RESULTS.records) == (False, (), (),
                                                                                                  False)
    assert ResourceChange("r", "changed", 1, 1).is_empty is True
    assert ResourceChange("r", "new", 0, 0).is_empty is False
    assert ResourceChange("r", "changed", 1, 1, columns_added=("x",)).is_empty is False
    assert ResourceChange("r", "changed", 1, 1, columns_removed=("x",)).is_empty is False
    assert ResourceChange("r", "changed", 1, 1, (CHANGED,)).is_empty is False
    assert ResourceChange("r", "changed", 1, 1).keyed is False


def test_a_correction_covers_the_rows_whose_cells_it_names():
    by_key = Correction("results", (("year", "2023"), ("unit", "79")), "", Text("Sửa", "Fixed"))
    assert by_key.label == "results: year=2023; unit=79"
    assert by_key.covers(RESULTS, CHANGED) is True
    assert by_key.covers(RESULTS, ADDED) is True  # the cells match; Release.correction leaves additions out
    assert by_key.covers(RESULTS, REMOVED) is False
    by_value = Correction("results", (("score", "7"),), "", Text())
    assert (by_value.covers(RESULTS, REMOVED), by_value.covers(RESULTS, CHANGED)) == (True, False)
    # the new value picks the row too, and the key wins over the row's values
    assert Correction("results", (("score", "81"),), "", Text()).covers(RESULTS, CHANGED) is True
    assert Correction("results", (("score", "80"),), "", Text()).covers(RESULTS, CHANGED) is False
    shadowed = RowChange("changed", (("score", "1"),), ("score",), (("score", "2"),), (("score", "3"),))
    assert Correction("results", (("score", "1"),), "", Text()).covers(RESULTS, shadowed) is True
    assert Correction("results", (("score", "3"),), "", Text()).covers(RESULTS, shadowed) is False
    assert Correction("other", (("score", "7"),), "", Text()).covers(RESULTS, REMOVED) is False
    assert Correction("results", (), "", Text()).covers(RESULTS, REMOVED) is False  # names no cells
    assert Correction("results", (), "", Text()).label == "results: "
    records = ResourceChange("results", "changed", 1, 1, (REMOVED,), records=True)
    assert by_value.covers(records, REMOVED) is False  # cells do not pick records


def test_a_correction_covers_a_record_and_the_ids_under_it():
    session = Correction("", (), "GS-2024", Text())
    facts = ResourceChange("facts", "changed", 3, 3, records=True)
    row = lambda record: RowChange("changed", (("record", record),), ("value",), (), ())  # noqa: E731
    assert session.label == "GS-2024"
    assert [session.covers(facts, row(r)) for r in ("GS-2024", "GS-2024-F01", "GS-20245", "GS-202", "")] == [
        True, True, False, False, False]
    assert session.covers(RESULTS, row("GS-2024")) is False  # not a record change
    assert session.covers(facts, RowChange("changed", (("id", "GS-2024"),), (), (), ())) is False
    # a row without a record id matches no record, whatever its id
    assert Correction("", (), "XXXX", Text()).covers(facts, RowChange("changed", (), (), (), ())) is False
    # an empty record id covers no row without a record either
    assert Correction("facts", (("value", "9"),), "", Text()).covers(facts, row("GS-2024")) is False


def test_a_file_change_s_kind():
    assert [FileChange(s, "sessions/a.yaml").kind for s in ("A", "D", "M", "T", "")] == [
        "added", "removed", "modified", "modified", "modified"]


def release(package: str = "chi-so", version: str = "1.0", released: bool = True, commit: str = "0123456789abcdef",
            **more) -> ChangeRelease:
    return ChangeRelease(package, version, "", commit, datetime(2024, 5, 1, 12), "subject", released, **more)


def test_a_release_s_anchor_rows_and_corrections():
    fix = Correction("results", (("score", "7"),), "", Text("Sửa"))
    other = Correction("results", (("score", "80"),), "", Text("Khác"))
    done = release(version="1.0 beta", resources=(RESULTS, ResourceChange("new", "new", 0, 4)),
                   corrections=(other, fix))
    assert (done.short, done.anchor, done.rows, done.initial) == ("0123456", "chi-so-1-0-beta-0123456", 15, False)
    assert (done.correction(RESULTS, REMOVED), done.correction(RESULTS, CHANGED), done.correction(RESULTS, ADDED)) == (
        fix, None, None)
    assert release(corrections=(Correction("results", (), "", Text()), fix)).correction(RESULTS, REMOVED) == fix
    assert release(released=False).anchor == "chi-so-chua-phat-hanh"  # no commit: new ones do not move it
    assert release(version="").anchor == "chi-so-0123456"
    assert release(version="", released=False).anchor == "chi-so-chua-phat-hanh"
    assert release(version="---").anchor == "chi-so-x-0123456"  # a label with nothing to slug
    assert (release().rows, release().resources, release().files, release().corrections) == (0, (), (), ())


def test_a_history_s_current_and_latest_releases():
    first, second = release(version="1.0", commit="a" * 40), release(version="2.0", commit="b" * 40)
    again = release(version="1.0", commit="c" * 40)
    unreleased = release(version="2.0", released=False, commit="d" * 40)
    other = release(package="nguon", version="1.0", commit="e" * 40)
    history = History((first, second, other, again, unreleased))
    assert (history.current("chi-so", "1.0"), history.current("chi-so", "2.0"), history.current("chi-so", "3.0"),
            history.current("nguon", "2.0")) == (again, second, None, None)
    assert (history.latest("chi-so"), history.latest("nguon"), history.latest("co-quan")) == (again, other, None)
    assert (history.count("chi-so"), history.count("nguon"), history.count("co-quan")) == (3, 1, 0)
    assert History((unreleased,)).latest("chi-so") is None and History((unreleased,)).current("chi-so", "2.0") is None
    empty = History()
    assert (empty.releases, empty.reason, empty.detail, empty.shallow, empty.first_added, empty.top) == (
        (), "", "", False, {}, "")


# -- directory/model.py, figures.py, rules.py -------------------------------------------------------------------


def package(name: str, role: str, *tables: Table) -> DataPackage:
    return DataPackage(name, loaded({"name": name, "x-minhbach": {"role": role}}), list(tables))


def source(source_id: str, url: str, **more: str) -> SourceRef:
    return SourceRef(source_id, url, more.get("title", ""), more.get("publisher", ""), "", "", **{
        k: v for k, v in more.items() if k not in ("title", "publisher")})


def test_a_source_s_title_and_publisher_per_page_language():
    full = SourceRef("s", "", "Tiêu đề", "Nhà xuất bản", "2024", "official", "vi", "[Title]", "Publisher")
    assert (full.title_in("en"), full.title_in("vi"), full.publisher_in("en"), full.publisher_in("vi")) == (
        "[Title]", "Tiêu đề", ("Publisher", "en"), ("Nhà xuất bản", "vi"))
    bare = SourceRef("s", "", "Title", "", "", "", "ja")
    assert (bare.title_in("en"), bare.publisher_in("en"), bare.publisher_in("vi")) == ("Title", ("s", "ja"),
                                                                                      ("s", "ja"))
    assert (bare.title_en, bare.publisher_en, SourceRef("s", "", "", "", "", "").language) == ("", "", "")


@pytest.mark.parametrize(("url", "address"), [
    ("", "no-address"), ("javascript:alert(1)", "no-address"), ("ftp://a.vn/x.pdf", "no-address"),
    ("https://a.vn", "site-root"), ("https://a.vn/", "site-root"), (" https://a.vn/ ", "site-root"),
    ("https://a.vn/?q=1", "exact"), ("https://a.vn/#tin", "exact"), ("https://a.vn/tin/1", "exact"),
    ("mailto:ban@a.vn", "exact"),
])
def test_how_far_a_source_s_address_leads(url, address):
    assert source("s", url).address == address


def test_the_directory_s_lookups():
    snv = AgencyRef("SNV", Text("Sở Nội vụ", "Department of Home Affairs"))
    seed = source("seed", "https://a.vn/")
    directory = Directory({"SNV": snv}, {"seed": seed})
    assert (snv.page_uri, AgencyRef("UBND TP", Text()).page_uri) == ("co-quan/snv.md", "co-quan/ubnd-tp.md")
    assert (directory.agency("SNV"), directory.agency("STC")) == (snv, AgencyRef("STC", Text("STC")))
    assert (directory.source("seed"), directory.source("other")) == (seed, None)
    assert directory.source_ids(" a ;b;; c; ") == ["a", "b", "c"]
    assert (directory.source_ids(""), directory.source_ids(None)) == ([], [])
    empty = Directory()
    assert (empty.agencies, empty.sources, empty.documents, empty.reach, empty.fragments, empty.tables) == (
        {}, {}, {}, SourceReach(0, 0, 0, 0), {}, {})


def test_the_project_s_directory():
    datasets = load_datasets(settings_for(ROOT / "datasets"))
    directory = load_directory(datasets)
    assert (len(directory.agencies), len(directory.sources), len(directory.documents)) == (61, 124, 41)
    assert directory.tables == {"agencies": ("co-quan", "agencies", "agency_code"),
                                "sources": ("nguon", "sources", "source_id"),
                                "documents": ("van-ban", "legal_documents", "doc_number")}
    assert directory.agencies["SNV"] == AgencyRef("SNV", Text("Sở Nội vụ", "Department of Home Affairs"))
    assert directory.sources["thanhuytphcm-2024-06-23"] == SourceRef(
        "thanhuytphcm-2024-06-23", "https://thanhuytphcm.vn/",
        "Thi đua sáng tạo cải cách hành chính, nâng cao chất lượng phục vụ người dân",
        "Thành ủy TP.HCM (thanhuytphcm.vn)", "2024-06-23", "official", "vi", "", "")
    assert directory.documents["19-NQ/TW"] == DocumentRef("19-NQ/TW", Text(
        "Về tiếp tục đổi mới hệ thống tổ chức và quản lý, nâng cao chất lượng và hiệu quả hoạt động của các đơn vị "
        "sự nghiệp công lập", "On continuing to reform the organisation and management, and to improve the quality "
        "and efficiency, of public service units"), "2017-10-25")
    assert directory.documents["18-NQ/TW"].issue_date == ""
    assert (entry_key(directory, "agencies", "SNV"), entry_key(directory, "documents", "19-NQ/TW")) == (
        "rows:co-quan/agencies#agency_code=SNV", "rows:van-ban/legal_documents#doc_number=19-NQ/TW")


def test_a_directory_of_bare_lists():
    datasets = Datasets([
        package("co-quan", "agencies", table("agencies", ("agency_code:string", "name:string"),
                                             (("SNV", "Sở Nội vụ"), ("7", "")))),
        package("nguon", "sources", table("sources", ("source_id:string", "title_en:string", "publisher_en:string"),
                                          (("s1", "[T]", "P"), ("s2", "", "")))),
        package("van-ban", "legal-documents", table("other")),  # the role, not the table
    ])
    directory = load_directory(datasets)
    assert directory.agencies == {"SNV": AgencyRef("SNV", Text("Sở Nội vụ")), "7": AgencyRef("7", Text())}
    assert directory.sources == {"s1": SourceRef("s1", "", "", "", "", "", "", "[T]", "P"),
                                 "s2": SourceRef("s2", "", "", "", "", "", "", "", "")}
    assert (directory.documents, directory.tables) == ({}, {"agencies": ("co-quan", "agencies", "agency_code"),
                                                            "sources": ("nguon", "sources", "source_id")})
    assert (entry_key(directory, "documents", "x"), entry_key(directory, "sources", "s1")) == (
        None, "rows:nguon/sources#source_id=s1")
    documents = table("legal_documents", ("doc_number:string", "title_vi:string", "issue_date:date"),
                      (("1/QĐ", "Quyết định", "2020-01-02"),))
    directory = load_directory(Datasets([package("van-ban", "legal-documents", documents)]))
    assert directory.documents == {"1/QĐ": DocumentRef("1/QĐ", Text("Quyết định"), "2020-01-02")}
    assert (directory.agencies, directory.sources) == ({}, {})
    assert load_directory(Datasets()) == Directory()


SCORES = ("year:integer", "data_year:integer", "order:integer", "rank_of:integer", "component_no:integer",
          "score:number", "count:integer", "note:string", "source_id:string")


def test_every_stated_number_needs_its_source():
    scores = table("scores", SCORES, (
        ("2020", "2020", "1", "63", "1", "", "", "x", ""),  # only when and where: no figure
        ("2020", "", "", "", "", "80.5", "", "", ""),  # a score, no source
        ("", "", "", "", "", "80.5", "3", "", "NA"),  # two numbers, a source that is a missing value
        ("", "", "", "", "", "NA", "3", "", "s"),  # sourced
    ), rel="datasets/p/scores.csv", missing=frozenset({"", "NA"}))
    unsourced = table("plain", ("score:number",), (("1",),), rel="datasets/p/plain.csv")  # no source_id column
    derived = table("facts", ("value:string", "source_id:string"), (("9/9", ""),))  # no file: not checked
    assert numbers_have_sources(Datasets([package("p", "", scores, unsourced, derived)])) == [
        problem("number-without-source", "datasets/p/scores.csv", 3, None, "source_id", fields="score"),
        problem("number-without-source", "datasets/p/scores.csv", 4, None, "source_id", fields="score, count")]
    assert numbers_have_sources(Datasets()) == []


def test_a_column_s_own_missing_values_are_no_figure_and_no_source():
    """A field's own missingValues (Data Package v2) replace the schema's for it: "-" of this score is no number
    (the site publishes it as null), "?" of this source_id no source. The rules read the schema's only."""
    specs = (FieldSpec("score", "number", missing_values=frozenset({"", "-"})),
             FieldSpec("source_id", "string", missing_values=frozenset({"", "?"})))
    scores = table("scores", rows=(("-", ""), ("5", "?"), ("6", "s")), rel="datasets/p/scores.csv", fields=specs)
    assert numbers_have_sources(Datasets([package("p", "", scores)])) == [
        problem("number-without-source", "datasets/p/scores.csv", 3, None, "source_id", fields="score")]
    directory = Directory(sources={"s": source("s", "https://a.vn/tin/1")})
    assert source_reach(Datasets([package("p", "", scores)]), directory) == SourceReach(2, 1, 0, 1)


def test_how_far_the_figures_lead():
    directory = Directory(sources={
        "exact": source("exact", "https://a.vn/tin/1"), "root": source("root", "https://a.vn/"),
        "none": source("none", "")})
    scores = table("scores", SCORES, (
        ("2020", "2020", "1", "63", "1", "", "", "x", "exact"),  # only when and where: no figure
        ("2020", "", "", "", "", "80.5", "4", "", "root; exact"),  # two figures, the exact document
        ("", "", "", "", "", "80.5", "NA", "", "none;root"),  # one, a home page
        ("", "", "", "", "", "1", "2", "", "unknown"),  # two, an unknown source: no address
        ("", "", "", "", "", "NA", "3", "", ""),  # one, no source
    ), missing=frozenset({"", "NA"}))
    other = table("other", ("score:number",), (("1",),))  # no source_id column: not counted
    facts = table("facts", ("id:string", "value:string", "source_id:string"),
                  (("F1", "9/9", "exact"), ("F2", "", "exact"), ("F3", ">=12", "root")))
    datasets = Datasets([package("p", "", scores, other)])
    assert source_reach(datasets, directory) == SourceReach(6, 2, 1, 3)
    assert source_reach(datasets, directory, (facts,)) == SourceReach(8, 3, 2, 3)
    assert source_reach(Datasets(), directory) == SourceReach(0, 0, 0, 0)
    assert [_reach(directory, cell) for cell in ("none; root; exact", "root;none", "none", "unknown", "")] == [
        "exact", "site-root", "no-address", "no-address", "no-address"]


# -- gaps/model.py, gaps/collect.py -----------------------------------------------------------------------------

BUILD = date(2026, 12, 5)
ITEM_AT, ENTRY_AT, SESSION_AT = (Origin(Path("/d/giam-sat/s.yaml"), 20), Origin(Path("/d/giam-sat/s.yaml"), 30),
                                 Origin(Path("/d/giam-sat/s.yaml")))


def status(flags: tuple[str, ...] = (), origin: Origin | None = ENTRY_AT) -> StatusEntry:
    return StatusEntry(date(2025, 1, 1), "day", "dang_thuc_hien", flags, "src", Text(), origin=origin)


def item(local_id: str, *history: StatusEntry, addressees: tuple[str, ...] = ("SNV",), kind: str = "recommendation"
         ) -> Item:
    return Item(kind, local_id, "GS-1", addressees, Text(f"vi {local_id}", f"en {local_id}"), "khac", None, "src",
                (), Text(), history, ITEM_AT)


def session(session_id: str, day: date, recommendations: tuple[Item, ...] = (), issues: tuple[Item, ...] = (),
            known: bool = True) -> Session:
    return Session(session_id, "giam-sat/s.yaml", day, "day", Text(), Text(), "chuyen_de", "", Text(), (), ("SNV",),
                   Text(), Text(f"Chủ đề {session_id}", f"Topic {session_id}"), "", (), (), Text(), (), (), issues,
                   recommendations, (), recommendations_known=known, origin=SESSION_AT)


def test_the_gaps_of_supervision():
    planned = session("GS-9", date(2027, 1, 1), (item("K01"),), known=False)  # ahead: nothing to follow up yet
    today = session("GS-0", BUILD, (item("K01", status()),))  # held today, its one conclusion followed up
    held = session("GS-1", date(2024, 6, 11), (
        item("K01"), item("K 02", addressees=()), item("K03", status(("inferred",))),
        item("K04", status(("inferred",), origin=None), addressees=()), item("K05", status(("derived",)))),
        (item("Y01", kind="issue"),), known=False)
    k01, k02, k03, k04, _, y01 = held.items
    assert supervision_gaps(Supervision((planned, today, held), {}, {}, BUILD)) == [
        Gap("conclusions", "GS-1", Words("gaps.subject.conclusions"), Words("gaps.settle.conclusions"),
            "giam-sat/gs-1.md", SESSION_AT, Text("Chủ đề GS-1", "Topic GS-1")),
        Gap("follow_up", "GS-1-K01", Words("gaps.subject.follow_up"), Words("gaps.settle.follow_up"),
            "giam-sat/gs-1.md#k01", ITEM_AT, k01.text, ("SNV",)),
        Gap("follow_up", "GS-1-K 02", Words("gaps.subject.follow_up"), Words("gaps.settle.follow_up_any"),
            "giam-sat/gs-1.md#k-02", ITEM_AT, k02.text, ()),
        Gap("inferred", "GS-1-K03", Words("gaps.subject.inferred"), Words("gaps.settle.inferred"),
            "giam-sat/gs-1.md#k03", ENTRY_AT, k03.text, ("SNV",)),
        Gap("inferred", "GS-1-K04", Words("gaps.subject.inferred"), Words("gaps.settle.inferred_any"),
            "giam-sat/gs-1.md#k04", ITEM_AT, k04.text, ()),
        Gap("follow_up", "GS-1-Y01", Words("gaps.subject.follow_up"), Words("gaps.settle.follow_up"),
            "giam-sat/gs-1.md#y01", ITEM_AT, y01.text, ("SNV",)),
    ]
    assert supervision_gaps(Supervision((), {}, {}, BUILD)) == []


def result(year: int, unit: str = "79", component: str = "total", source: str = "s") -> Observation:
    return Observation("PAR", year, "province", unit, "", component, None, "", None, None, Text(), "", (), source,
                       Text())


RESULT_COLUMNS = ("index_code:string", "year:year", "unit_code:string", "component:string", "score:number",
                  "rank:integer")


def indices_package(rows: tuple[tuple[str, ...], ...], path: Path | None = Path("/d/chi-so/data/results.csv")
                    ) -> DataPackage:
    return package("chi-so", "indices", table("results", RESULT_COLUMNS, rows, package="chi-so", path=path))


def test_the_gaps_in_an_index_s_series():
    par = Index("PAR", Text("Chỉ số PAR", "PAR Index"), Text("Bộ Nội vụ", "MOHA"), Text(), "province", "%", True,
                (result(2018), result(2021, source="a"), result(2021, source="b"), result(2020, "1"),
                 result(2019, component="Khác"), result(2023)))
    empty = Index("SIPAS", Text("SIPAS"), Text("Bộ"), Text(), "province", "%", True, (result(2019, "1"),))
    unlisted = Index("PCI", Text("PCI"), Text("VCCI"), Text(), "province", "", True, ())  # no result, no row
    indicators = Indicators((par, unlisted, empty), (), "79", Text("TP.HCM", "HCMC"))
    rows = (("PAR", "2018", "79", "total", "80", "3"),
            ("PAR", "2021", "79", "", " ", "5"),  # no score (a blank counts as none)
            ("PAR", "2022", "79", "total", "81", ""),  # no rank
            ("PAR", "2023", "79", "total", "", " "),  # neither
            ("PAR", "2024", "79", "Khác", "", ""),  # a component: not the series
            ("PAR", "2025", "1", "total", "", ""),  # another unit
            ("PAR", "x", "79", "total", "", ""),  # no year
            ("SIPAS", "2020", "79", "total", "", "7"))
    datasets = Datasets([indices_package(rows)])
    unit, path = ("unit", Text("TP.HCM", "HCMC")), Path("/d/chi-so/data/results.csv")

    def gap(index: Index, year: int, key: str, line: int | None) -> Gap:
        return Gap("number", f"{index.code} {year}", Words(key, (unit, ("year", year))), Words(
            "gaps.settle.number", (("index", index.name), ("year", year), ("publisher", index.publisher))),
            f"chi-so/{index.code.lower()}.md", Origin(path, line))

    assert index_gaps(indicators, datasets) == [
        gap(par, 2019, "gaps.subject.no_result", None), gap(par, 2020, "gaps.subject.no_result", None),
        gap(par, 2022, "gaps.subject.no_result", None), gap(par, 2021, "gaps.subject.no_score", 3),
        gap(par, 2022, "gaps.subject.no_rank", 4),
        gap(par, 2023, "gaps.subject.no_score_rank", 5), gap(empty, 2020, "gaps.subject.no_score", 9)]
    assert [g.where for g in index_gaps(indicators, datasets)][:1] == [par.page_uri]
    # a results table that is no single file: no file to point at
    assert {g.origin for g in index_gaps(indicators, Datasets([indices_package(rows, None)]))} == {None}
    assert index_gaps(Indicators((par,), (), "", Text()), datasets) == []  # no focus unit
    assert index_gaps(indicators, Datasets([package("chi-so", "indices", table("other"))])) == []
    assert index_gaps(indicators, Datasets()) == []


def test_an_edition_after_the_series_without_the_unit_s_row_is_a_gap():
    """PAPI 2024 was released and HCMC has no row of it: ``chua-biet/`` listed PAPI gaps up to 2023 only (new8a
    N3). An edition after the unit's last row is a result not found, pointing at results.csv (where the row would
    go); one before its first row, or one it has a row of, is no new gap."""
    editions = (Edition(2017, None, "a"), Edition(2019, None, "b"), Edition(2021, None, "c"), Edition(2024, None, "d"))
    par = Index("PAR", Text("PAR"), Text("Bộ"), Text(), "province", "%", True, (result(2018), result(2021)),
                editions=editions)
    indicators = Indicators((par,), (), "79", Text("TP.HCM", "HCMC"))
    found = index_gaps(indicators, Datasets([indices_package(())]))
    assert [(g.label, g.subject.key, g.origin) for g in found] == [
        (f"PAR {year}", "gaps.subject.no_result", Origin(Path("/d/chi-so/data/results.csv"), None))
        for year in (2019, 2020, 2024)]
    # a year the editions list was published: its report is not "if one was published that year"
    assert [g.settle.key for g in found] == [
        "gaps.settle.number_published", "gaps.settle.number", "gaps.settle.number_published"]


def test_the_real_gaps_name_the_editions_without_hcmc_s_result():
    datasets = load_datasets(settings_for(ROOT / "datasets"))
    labels = [g.label for g in index_gaps(load_indicators(datasets), datasets)]
    assert "PAPI 2024" in labels and "SIPAS 2023" in labels
    assert labels.count("PAR_INDEX 2024") == 1  # its empty row's gap, not also its edition's


def test_the_focus_unit_s_rows_and_where_a_row_is():
    rows = (("PAR", "2018", "79", "total", "", ""), ("PAR", "2019", "79", "", "", ""),
            ("SIPAS", "2019", "79", "total", "", ""), ("PAR", "2020", "79", "Khác", "", ""),
            ("PAR", "2020", "7", "total", "", ""), ("PAR", "", "79", "total", "", ""))
    results = table("results", RESULT_COLUMNS, rows, path=Path("/d/r.csv"))
    found = _focus_rows(results, "79")
    assert {code: [row.line for row in found_rows] for code, found_rows in found.items()} == {"PAR": [2, 3],
                                                                                             "SIPAS": [4]}
    assert (_origin(results), _origin(results, 5), _origin(table("results"), 5)) == (
        Origin(Path("/d/r.csv")), Origin(Path("/d/r.csv"), 5), None)


def test_the_gaps_in_the_sources_addresses():
    sources = table("sources", ("source_id:string", "url:string"), (
        ("exact", "https://a.vn/tin/1"), ("query", "https://a.vn/?id=1"), ("fragment", "https://a.vn/#tin"),
        ("root", " https://a.vn/ "), ("bare", "https://a.vn"), ("none", "  ")), path=Path("/d/nguon/sources.csv"))
    origin = lambda line: Origin(Path("/d/nguon/sources.csv"), line)  # noqa: E731
    assert source_gaps(Datasets([package("nguon", "sources", sources)])) == [
        Gap("address", "root", Words("gaps.subject.site_root"), Words("gaps.settle.address"), "du-lieu/nguon.md",
            origin(5), source="root"),
        Gap("address", "bare", Words("gaps.subject.site_root"), Words("gaps.settle.address"), "du-lieu/nguon.md",
            origin(6), source="bare"),
        Gap("address", "none", Words("gaps.subject.no_address"), Words("gaps.settle.address"), "du-lieu/nguon.md",
            origin(7), source="none")]
    assert source_gaps(Datasets([package("nguon", "sources", table("other"))])) == []
    assert source_gaps(Datasets([package("nguon", "other", sources)])) == []


def test_the_gaps_by_kind_in_the_page_s_order():
    def gap(kind: str, label: str) -> Gap:
        return Gap(kind, label, Words("s"), Words("t"), "w")

    found = Gaps((gap("number", "n1"), gap("follow_up", "f1"), gap("address", "a1"), gap("number", "n2"),
                  gap("other", "o1")))
    assert KINDS == ("follow_up", "inferred", "conclusions", "number", "address")
    assert [(kind, [g.label for g in gaps]) for kind, gaps in found.groups()] == [
        ("follow_up", ["f1"]), ("number", ["n1", "n2"]), ("address", ["a1"])]
    assert [found.count(kind) for kind in (*KINDS, "other")] == [1, 0, 0, 2, 1, 1]
    assert (Gaps().groups(), Gaps().count("number")) == ([], 0)
    bare = gap("number", "x")
    assert (bare.origin, bare.about, bare.agencies, bare.source, Words("k").params) == (None, Text(), (), "", ())


def test_a_long_kind_is_cut_into_pages_from_its_end(monkeypatch):
    """Pages of at most PART_ROWS gaps, cut from the end of the list and numbered from it: gaps added at the
    start change the first page only, and every other page keeps its address and its gaps."""
    monkeypatch.setattr(gaps_model, "PART_ROWS", 3)

    def found(count: int) -> list[Gap]:
        return [Gap("follow_up", f"g{i}", Words("s"), Words("t"), "w") for i in range(count)]

    assert gaps_model.parts("follow_up", found(3), lambda kind, n: f"{kind}/{n}") == []  # fits on the overview
    pages = gaps_model.parts("follow_up", found(7), lambda kind, n: f"{kind}/{n}")
    assert [(p.number, p.total, p.uri, [g.label for g in p.gaps]) for p in pages] == [
        (3, 3, "follow_up/3", ["g0"]), (2, 3, "follow_up/2", ["g1", "g2", "g3"]),
        (1, 3, "follow_up/1", ["g4", "g5", "g6"])]
    longer = [Gap("follow_up", "new", Words("s"), Words("t"), "w"), *found(7)]
    again = gaps_model.parts("follow_up", longer, lambda kind, n: f"{kind}/{n}")
    assert again[1:] == pages[1:] and [g.label for g in again[0].gaps] == ["new", "g0"]


# -- agencies/model.py ------------------------------------------------------------------------------------------


def test_the_project_s_agencies():
    agencies = load_agencies(load_datasets(settings_for(ROOT / "datasets")))
    assert (len(agencies.agencies), len(agencies.types)) == (61, 6)
    snv = agencies.agencies[0]
    assert (snv.code, snv.name, snv.agency_type, snv.valid_from, snv.valid_to, snv.successor, snv.source_id) == (
        "SNV", Text("Sở Nội vụ", "Department of Home Affairs"), "so-ban-nganh", None, None, "",
        "laodong-bo-noi-vu-phuong-an-sap-xep-bo-may")
    assert snv.status_note.en.startswith("In the 2025 proposal of 16 specialised agencies.")
    q1 = next(a for a in agencies.agencies if a.code == "Q1")
    assert (q1.valid_to, q1.page_uri) == (date(2025, 6, 30), "co-quan/q1.md")
    assert agencies.type_label("so-ban-nganh") == Text("Sở, ban, ngành", "Department or board")


def test_agencies_from_bare_and_full_rows():
    columns = ("agency_code:string", "name_vi:string", "name_en:string", "agency_type:string", "valid_from:date",
               "valid_to:date", "successor_code:string", "status_note_vi:string", "status_note_en:string",
               "source_id:string")
    rows = (("SNV", "Sở Nội vụ", "Home Affairs", "so", "2020-01-01", "2025-02-28", "SNV2", "Đã nhập", "Merged", "s"),
            ("7", "", "", "", "", "", "", "", "", ""))
    types = table("agency_types", ("code:string", "label_vi:string", "label_en:string"), (("so", "Sở", "Department"),))
    agencies = load_agencies(Datasets([package("co-quan", "agencies", table("agencies", columns, rows), types)]))
    assert agencies == Agencies((
        Agency("SNV", Text("Sở Nội vụ", "Home Affairs"), "so", date(2020, 1, 1), date(2025, 2, 28), "SNV2",
               Text("Đã nhập", "Merged"), "s"),
        Agency("7", Text(), "", None, None, "", Text(), "")), {"so": Text("Sở", "Department")})
    assert (agencies.type_label("so"), agencies.type_label("khac")) == (Text("Sở", "Department"),
                                                                         Text("khac", "khac"))
    bare = load_agencies(Datasets([package("co-quan", "agencies", table("agencies", ("agency_code:string",),
                                                                          (("A",),)))]))
    assert bare == Agencies((Agency("A", Text(), "", None, None, "", Text(), ""),), {})
    assert load_agencies(Datasets()) == Agencies((), {})
    assert load_agencies(Datasets([package("co-quan", "agencies", types)])) == Agencies(
        (), {"so": Text("Sở", "Department")})
    assert Agencies(()).types == {}


# -- catalogue/autochart.py -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "value", "year"), [
    ("date", date(1958, 1, 1), 1958.0), ("date", date(2024, 12, 31), 2024 + 365 / 366),
    ("datetime", datetime(1958, 3, 1, 23, 59), 1958 + 59 / 366), ("year", date(1958, 3, 1), 1958 + 59 / 366),
    ("year", 2001, 2001.0), ("year", "2001", 2001.0), ("year", "x", None), ("year", None, None), ("year", "", None),
    ("yearmonth", "1958-03", 1958 + 2 / 12), ("yearmonth", "1958-12-31", 1958 + 11 / 12), ("yearmonth", "1958", None),
    ("yearmonth", "1958-x", None), ("date", "1958-03", 1958 + 2 / 12), ("date", "1958-03-1", None),
    ("datetime", "1958-03", None), ("string", "1958", None),
])
def test_a_period_as_a_decimal_year(kind, value, year):
    assert time_value(kind, value) == year


def resource(*fields: FieldSpec, rows: tuple[tuple[str, ...], ...], name: str = "t", package: str = "p",
             title: Text | None = None) -> ResourceInfo:
    return ResourceInfo(name, title or Text("Bảng", "Table"), Text(),
                        table(name, rows=rows, package=package, fields=fields))


YEARLY = resource(FieldSpec("year", "year"), FieldSpec("value", "number", "Giá trị", "Value"),
                  FieldSpec("count", "integer"), rows=(
                      ("2005", "12.5", "3"), ("2001", "", "1"), ("2002", "10", "2"), ("2003", "n/a", "4"),
                      ("2004", "12.5", "5"), ("x", "7", "7")),  # a year that is none: not drawn
                  name="Giá năm", package="Chỉ số", title=Text("Giá", "Prices"))


def test_an_automatic_chart_over_years_and_its_summary():
    """The first series has three values (2002, 2004, 2005): the sentence counts them along the period column,
    starts and ends at them, names both years at the highest and the year between with none (a gap, not joined);
    the second series has its own sentence. The row whose year is none is not drawn, and the note says so."""
    rows = (("2001", "", "1"), ("2002", "10", "2"), ("2003", "", "4"), ("2004", "12.5", "5"), ("2005", "12.5", "3"))
    values = Series("Value", (Point(2002.0, 10.0, period=1), Point(2004.0, 12.5, period=3),
                              Point(2005.0, 12.5, period=4)))
    counts = Series("count", tuple(Point(2000.0 + n, float(c), period=n - 1)
                                   for n, c in enumerate("12453", 1)))
    summary = ("Value by year: 3 values from 2002 to 2005; lowest 10 (2002), highest 12.5 (2004 and 2005); no figure "
               "for 2003. count by year: 5 values from 2001 to 2005; lowest 1 (2001), highest 5 (2004).")
    assert auto_chart(YEARLY, locale("en")) == Chart(
        "series", "auto-chi-so-gia-nam-en", "Prices", f"Automatic line chart over time. {summary}", summary,
        ("year", "value", "count"), rows, "year", "", (values, counts), lang="en",
        note="1 row has no year and is not drawn; the data table and the downloads keep it.", x_period="year")
    chart = auto_chart(YEARLY, locale("vi"))
    assert chart.summary == ("Giá trị theo year: 3 giá trị từ 2002 đến 2005; thấp nhất 10 (2002), cao nhất 12,5 "
                             "(2004 và 2005); không có số liệu cho 2003. count theo year: 5 giá trị từ 2001 đến 2005; "
                             "thấp nhất 1 (2001), cao nhất 5 (2004).")
    assert (chart.alt, chart.title, chart.slug, chart.x_label, chart.y_label, chart.lang) == (
        f"Biểu đồ đường tự động theo thời gian. {chart.summary}", "Giá", "auto-chi-so-gia-nam-vi", "year", "", "vi")


def test_an_automatic_chart_over_months_draws_three_measures_at_most():
    chart_fields = (FieldSpec("thang", "yearmonth", "Tháng", "Month"), FieldSpec("Unit_ID", "integer"),
                    FieldSpec("agency_code", "integer"), FieldSpec("ranking", "integer"),
                    FieldSpec("data_year", "integer"), FieldSpec("order_no", "number"),
                    FieldSpec("gia", "number", "Giá", "Price"), FieldSpec("luong", "integer"),
                    FieldSpec("a", "number", "", "English only"), FieldSpec("b", "number"))
    rows = (("2020-03", "1", "1", "1", "1", "1", "1234.5", "7", "1", "1"),
            ("2020-01", "1", "1", "1", "1", "1", "1000", "", "2", "1"),
            ("2020-02", "1", "1", "1", "1", "1", "1234.5", "9", "3", "1"),
            ("2020-04", "1", "1", "1", "1", "1", "999.25", "8", "4", "1"))
    months = resource(*chart_fields, rows=rows)
    en, vi = auto_chart(months, locale("en")), auto_chart(months, locale("vi"))
    assert en.summary == ("Price by Month: 4 values from Jan 2020 to Apr 2020; lowest 999.25 (Apr 2020), "
                          "highest 1,234.5 (Feb 2020 and Mar 2020). luong by Month: 3 values from Feb 2020 to Apr "
                          "2020; lowest 7 (Mar 2020), highest 9 (Feb 2020). English only by Month: 4 values from "
                          "Jan 2020 to Apr 2020; lowest 1 (Mar 2020), highest 4 (Apr 2020).")
    assert vi.summary == ("Giá theo Tháng: 4 giá trị từ 01/2020 đến 04/2020; thấp nhất 999,25 (04/2020), "
                          "cao nhất 1.234,5 (02/2020 và 03/2020). luong theo Tháng: 3 giá trị từ 02/2020 đến "
                          "04/2020; thấp nhất 7 (03/2020), cao nhất 9 (02/2020). a theo Tháng: 4 giá trị từ 01/2020 "
                          "đến 04/2020; thấp nhất 1 (03/2020), cao nhất 4 (04/2020).")
    assert [s.label for s in en.series] == ["Price", "luong", "English only"]
    assert [s.label for s in vi.series] == ["Giá", "luong", "a"]
    assert (en.x_label, vi.x_label, en.y_label, en.csv_header) == ("Month", "Tháng", "", ("thang", "gia", "luong",
                                                                                          "a"))
    assert en.csv_rows == (("2020-01", "1000", "", "2"), ("2020-02", "1234.5", "9", "3"),
                           ("2020-03", "1234.5", "7", "1"), ("2020-04", "999.25", "8", "4"))
    assert en.series[0].points == (
        Point(2020.0, 1000.0, period=0), Point(2020 + 1 / 12, 1234.5, period=1),
        Point(2020 + 2 / 12, 1234.5, period=2), Point(2020.25, 999.25, period=3))
    assert [p.x for p in en.series[1].points] == [2020 + 1 / 12, 2020 + 2 / 12, 2020.25]


def test_an_automatic_chart_over_days_with_one_measure():
    days = resource(FieldSpec("day", "date", "Ngày"), FieldSpec("later", "year"), FieldSpec("n", "integer", "Số"),
                    FieldSpec("note", "string"),
                    rows=(("2021-01-01", "1", "-3", "a"), ("2020-01-01", "1", "5", ""), ("2020-03-01", "1", "5", "")))
    en = auto_chart(days, locale("en"))
    assert en.summary == "Số by Ngày: 3 values from 1 Jan 2020 to 1 Jan 2021; lowest -3 (1 Jan 2021), highest 5 " \
                         "(1 Jan 2020 and 1 Mar 2020)."
    assert auto_chart(days, locale("vi")).summary == ("Số theo Ngày: 3 giá trị từ 01/01/2020 đến 01/01/2021; thấp nhất "
                                                       "-3 (01/01/2021), cao nhất 5 (01/01/2020 và 01/03/2020).")
    assert (en.x_label, en.y_label, en.csv_header) == ("Ngày", "Số", ("day", "n"))
    assert en.csv_rows == (("2020-01-01", "5"), ("2020-03-01", "5"), ("2021-01-01", "-3"))
    assert [p.x for p in en.series[0].points] == [2020.0, 2020 + 60 / 366, 2021.0]


def test_an_automatic_chart_reads_dates_and_numbers_as_their_fields_write_them():
    """A date's pattern and a number's decimal and group characters (Frictionless reads "11/06/2024" of a
    "%d/%m/%Y" date and "1.234,5" of a number whose decimal character is ","): no chart was drawn, for no cell
    read as one. The sentence says each date in the page's language, the chart's CSV as drawn."""
    days = resource(FieldSpec("day", "date", format="%d/%m/%Y"),
                    FieldSpec("n", "number", decimal_char=",", group_char="."),
                    rows=(("12/06/2024", "1.234,5"), ("11/06/2024", "2,5"), ("13/06/2024", "2,50")))
    en = auto_chart(days, locale("en"))
    assert en.summary == "n by day: 3 values from 11 Jun 2024 to 13 Jun 2024; lowest 2.5 (11 Jun 2024 and 13 Jun " \
                         "2024), highest 1,234.5 (12 Jun 2024)."
    assert en.csv_rows == (("2024-06-11", "2.5"), ("2024-06-12", "1234.5"), ("2024-06-13", "2.50"))


def test_an_automatic_chart_over_datetimes_reads_them_as_their_field_writes_them():
    """A datetime (ISO, or by its field's pattern) was text to the chart, which was not drawn: one a day is drawn
    by its day; the sentence says the day in the page's language, the chart's CSV the datetime in ISO 8601."""
    readings = resource(FieldSpec("at", "datetime", format="%d/%m/%Y %H:%M"), FieldSpec("n", "number"),
                        rows=(("12/06/2024 10:30", "2"), ("11/06/2024 09:00", "1"), ("13/06/2024 18:45", "3")))
    en = auto_chart(readings, locale("en"))
    assert en.summary == "n by at: 3 values from 11 Jun 2024 to 13 Jun 2024; lowest 1 (11 Jun 2024), highest 3 " \
                         "(13 Jun 2024)."
    assert en.csv_rows == (("2024-06-11T09:00:00", "1"), ("2024-06-12T10:30:00", "2"), ("2024-06-13T18:45:00", "3"))
    iso = resource(FieldSpec("at", "datetime"), FieldSpec("n", "number"),
                   rows=(("2024-06-11T09:00:00Z", "1"), ("2024-06-12T10:30:00Z", "2"), ("2024-06-13T18:45:00Z", "3")))
    assert auto_chart(iso, locale("vi")).summary.startswith("n theo at: 3 giá trị từ 11/06/2024 đến 13/06/2024")


@pytest.mark.parametrize(("fields", "rows"), [
    (("name:string", "value:number"), (("a", "1"), ("b", "2"), ("c", "3"))),  # no period
    (("year:year", "id:integer", "rank:integer", "name:string"), (("2001", "1", "1", "a"),) * 3),  # nothing measured
    (("year:year", "value:number"), (("2001", "1"), ("2002", "2"))),  # two periods
    (("year:year", "value:number"), (("2001", "1"), ("2002", "2"), ("x", "3"))),  # two periods and one that is none
    (("year:year", "value:number"), (("2001", "1"), ("2002", "2"), ("2001", "3"))),  # two series mixed
    (("year:year", "value:number", "count:integer"), (("2001", "1", ""), ("2002", "2", "5"), ("2003", "", "x"))),
    (("at:datetime", "value:number"), (("2001-01-01T00:00:00", "1"),) * 3),  # one moment three times
    (("at:datetime", "value:number"), (("2001-01-01T00:00:00", "1"), ("2001-01-01T12:00:00", "2"),
                                       ("2001-01-02T00:00:00", "3"))),  # two readings a day: one period twice
])
def test_no_automatic_chart_when_nothing_sensible_fits(fields, rows):
    assert auto_chart(resource(*(FieldSpec(*f.split(":")) for f in fields), rows=rows), locale("en")) is None


def test_an_automatic_chart_of_exactly_three_periods_and_values():
    three = resource(FieldSpec("year", "year"), FieldSpec("few", "number"), FieldSpec("value", "number"),
                     rows=(("2001", "1", "4"), ("2002", "", "5"), ("2003", "3", "6")))
    chart = auto_chart(three, locale("en"))
    assert [s.label for s in chart.series] == ["value"]  # 'few' has two values: no line
    assert (chart.summary, chart.y_label, chart.csv_header) == (
        "value by year: 3 values from 2001 to 2003; lowest 4 (2001), highest 6 (2003).", "value", ("year", "value"))


def test_an_automatic_chart_writes_its_years_as_the_file_does():
    """A year is not read as a date: "0999" stays "0999" in the sentence (a date of year 999 would be "999")."""
    early = resource(FieldSpec("year", "year"), FieldSpec("value", "integer"),
                     rows=(("0997", "2"), ("0998", "1"), ("0999", "3")))
    assert auto_chart(early, locale("en")).summary == "value by year: 3 values from 0997 to 0999; lowest 1 (0998), " \
                                                     "highest 3 (0999)."
    chart = auto_chart(early, locale("vi"))
    assert chart.summary == "value theo year: 3 giá trị từ 0997 đến 0999; thấp nhất 1 (0998), cao nhất 3 (0999)."
    assert [p.x for p in chart.series[0].points] == [997.0, 998.0, 999.0]


def test_a_source_the_site_cannot_link_to_is_a_gap_as_the_directory_counts_it():
    """An address without a scheme is shown as text, not as a link (core/checks/urls.py): the directory counts
    its figures as leading nowhere, so the gaps list it as having no link, not as settled."""
    sources = table("sources", ("source_id:string", "url:string"), (
        ("bare", "thanhuytphcm.vn/tin/1"), ("exact", "https://a.vn/tin/1")), path=Path("/d/nguon/sources.csv"))
    datasets = Datasets([package("nguon", "sources", sources)])
    assert [(gap.source, gap.subject) for gap in source_gaps(datasets)] == [
        ("bare", Words("gaps.subject.no_address"))]
    assert {s.id: s.address for s in load_directory(datasets).sources.values()} == {"bare": "no-address",
                                                                                   "exact": "exact"}


def test_a_cell_that_is_not_a_finite_number_is_no_value_of_the_automatic_chart():
    """Frictionless reads "NaN", "sNaN", "INF" and "-Infinity" as valid numbers: the chart leaves them out (none
    has a place on the axis or an order against the other values; "1e400" is infinite as a float) rather than
    failing the build, and its note says which cells it did not draw."""
    cells = resource(FieldSpec("year", "year"), FieldSpec("value", "number"), rows=(
        ("2000", "3"), ("2001", "NaN"), ("2002", "1"), ("2003", "sNaN"), ("2004", "2"), ("2005", "INF"),
        ("2006", "-Infinity"), ("2007", "1e400"), ("2008", " NaN")))
    chart = auto_chart(cells, locale("en"))
    assert chart.summary == ("value by year: 3 values from 2000 to 2004; lowest 1 (2002), highest 3 (2000); no figure "
                             "for 2001 and 2003.")
    assert chart.note == ("6 cells that are not finite numbers (NaN, sNaN, INF, -Infinity, 1e400) are not drawn; "
                          "the data table and the downloads keep them as written.")
    assert chart.csv_rows == (("2000", "3"), ("2001", ""), ("2002", "1"), ("2003", ""), ("2004", "2"), ("2005", ""),
                              ("2006", ""), ("2007", ""), ("2008", ""))
    assert [(p.x, p.y) for p in chart.series[0].points] == [(2000.0, 3.0), (2002.0, 1.0), (2004.0, 2.0)]
    assert auto_chart(cells, locale("vi")).note == (
        "Không vẽ 6 ô không phải là số hữu hạn (NaN, sNaN, INF, -Infinity, 1e400); bảng dữ liệu và các tệp tải về "
        "giữ nguyên các ô đó.")


@pytest.mark.parametrize("name", ["agency_id", "rankOrder", "year", "Year", "agencyID", "Unit_ID", "HTTPCode",
                                  "fips-code", "order no", "ranking", "data_year", "id2", "postcode"])
def test_a_column_named_by_an_identifier_word_is_not_charted(name):
    assert is_identifier(name)


@pytest.mark.parametrize("name", ["residents", "paid", "incidents", "valid_votes", "border_km", "yearly_total",
                                  "Decimal Date", "co2_ppm", "Number of Days", "orders_shipped", "codex_pages"])
def test_a_column_whose_name_merely_contains_one_is_a_measure(name):
    """Before, a name that merely contained "id", "code", "rank", "year" or "order" was never charted."""
    assert not is_identifier(name)


@pytest.mark.parametrize(("name", "expected"), [
    ("valid_votes", ["valid", "votes"]), ("rankOrder", ["rank", "order"]), ("agencyID", ["agency", "id"]),
    ("HTTPCode", ["http", "code"]), ("Number of  Days", ["number", "of", "days"]), ("year2020", ["year", "2020"]),
    ("border-km", ["border", "km"]), ("__x__", ["x"]), ("", []),
])
def test_the_words_of_a_column_name(name, expected):
    assert words(name) == expected


def test_an_automatic_chart_draws_measures_whose_names_contain_an_identifier_word():
    cells = resource(FieldSpec("year", "year"), FieldSpec("agency_id", "integer"),
                     FieldSpec("residents", "integer"), FieldSpec("rankOrder", "integer"),
                     FieldSpec("paid", "number"), FieldSpec("valid_votes", "integer"),
                     rows=tuple((str(2000 + n), "7", str(100 + n), str(n), f"{n}.5", str(10 * n)) for n in range(3)))
    chart = auto_chart(cells, locale("en"))
    assert [s.label for s in chart.series] == ["residents", "paid", "valid_votes"]
    assert chart.csv_header == ("year", "residents", "paid", "valid_votes")
    assert chart.summary.startswith("residents by year: 3 values from 2000 to 2002; lowest 100 (2000), highest 102 "
                                    "(2002). paid by year: 3 values")
