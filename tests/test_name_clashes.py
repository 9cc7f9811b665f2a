"""Names from the data become addresses: a package's page and downloads, a session's, an agency's or an index's
page, a chart's files. None may leave the site's folders, take one of the site's own addresses, or take the
address of another name (hostile-input audit, findings 1 to 6: /tmp/audit/hostile/REPORT.md).

Each is a located problem from validation, never a build that exits 2, overwrites a page or loses a file.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from conftest import ROOT, Package, Resource, settings_for

from generator import pipeline, urls
from generator.catalogue import names
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


# 2, 5, 6. Names that would take an address of the site's own


@pytest.mark.parametrize("name, address", [
    ("index", "du-lieu/"),  # took the data catalogue's page, in both languages
    ("index.html", "du-lieu/"),  # du-lieu/index.html/ beside the catalogue's du-lieu/index.html
    ("minhbach-data", "tai-ve/minhbach-data.zip"),  # its own zip lost to the bulk zip
    ("minhbach-data.zip", "tai-ve/minhbach-data.zip"),
    ("changes.csv", "tai-ve/changes.csv"),  # the build failed: "[Errno 21] Is a directory", no file, no line
])
def test_a_package_name_that_would_take_one_of_the_sites_addresses_is_reserved(tmp_path, name, address):
    text = Package("p", (T,)).text.replace("name: p\n", f"name: {name}\n")
    Package("p", (T,)).write(tmp_path, text)
    [found] = pipeline.check(settings_for(tmp_path)).problems
    assert (found.code, found.path.endswith("p/datapackage.yaml"), found.line, found.field) == (
        "reserved-name", True, 1, "name")
    assert found.params_dict() == {"value": name, "address": address}
    assert found.message("en") == f"'{name}' would take {address}, a page or file of the site itself"
    assert "rename" in found.hint("en") and "đổi tên" in found.hint("vi")


def test_the_reserved_names_are_the_sites_own_addresses():
    """One list, in urls.py, next to the addresses themselves."""
    from generator import urls

    assert {urls.BULK_ZIP, urls.MANIFEST, urls.CHANGES_CSV} <= urls.OWN_DOWNLOADS
    for folder, page in ((urls.DATASETS_DIR, urls.DATASETS_INDEX), (urls.SESSIONS_DIR, urls.SESSIONS_INDEX),
                         (urls.INDICATORS_DIR, urls.INDICATORS_INDEX), (urls.AGENCIES_DIR, urls.AGENCIES_INDEX),
                         (urls.SESSIONS_DIR, urls.TRACKER), (urls.SESSIONS_DIR, urls.tracker_part(3)),
                         (urls.SESSIONS_DIR, urls.sessions_year(2024))):
        stem = page.removeprefix(f"{folder}/").removesuffix(".md")
        assert urls.own_page(folder, stem) is not None, page
    assert urls.own_page(urls.SESSIONS_DIR, "gs-2024-06-11-cchc") is None
    assert urls.own_download("p") is None and urls.own_page(urls.DATASETS_DIR, "indexes") is None


def test_a_package_whose_folder_is_another_packages_zip_is_a_clash(tmp_path):
    """Package x's zip is tai-ve/x.zip, package x.zip's folder tai-ve/x.zip/: one would replace the other."""
    Package("x", (T,)).write(tmp_path)
    Package("y", (T,)).write(tmp_path, Package("y", (T,)).text.replace("name: y\n", "name: x.zip\n"))
    [found] = pipeline.check(settings_for(tmp_path)).problems
    assert (found.code, found.path.endswith("y/datapackage.yaml"), found.line) == ("address-clash", True, 1)
    assert found.params_dict() == {"value": "x.zip", "first": "x", "other": f"{_rel(tmp_path)}/x/datapackage.yaml:1",
                                   "address": "tai-ve/x.zip"}


def test_two_resources_whose_downloads_are_one_file_are_a_clash(tmp_path):
    """A resource called "datapackage" publishes its rows as datapackage.rows.json, which is also the JSON of a
    resource called "datapackage.rows"."""
    text = Package("p", (T,)).text.replace("  - name: t\n", "  - name: datapackage\n")
    Package("p", (T,)).write(tmp_path, text + "  - name: datapackage.rows\n    path: t.csv\n")
    [found] = pipeline.check(settings_for(tmp_path)).problems
    assert (found.code, found.line, found.field) == ("address-clash", 9, "name")
    assert found.params_dict() == {"value": "datapackage.rows", "first": "datapackage",
                                   "other": f"{_rel(tmp_path)}/p/datapackage.yaml:3",
                                   "address": "tai-ve/p/datapackage.rows.json"}


def test_validate_says_where_a_reserved_name_is_and_exits_1(tmp_path, capsys):
    """Finding 6: validate said nothing, and the build failed naming neither the descriptor nor a fix."""
    from generator.cli import main

    Package("p", (T,)).write(tmp_path / "d", Package("p", (T,)).text.replace("name: p\n", "name: changes.csv\n"))
    assert main(["validate", "--datasets", str(tmp_path / "d"), "--lang", "en"]) == 1
    out = capsys.readouterr()
    assert "p/datapackage.yaml:1:1: error[reserved-name] [name]: 'changes.csv' would take tai-ve/changes.csv" in (
        out.out + out.err)


def _rel(root):
    return settings_for(root).relative(root)


# Round 8 (hostile8, finding 1): names too long for a file name passed validation and failed every build with a
# bare "[Errno 36] File name too long", no place, no hint. The limit is worked out from the files the build names
# after them (catalogue/names.py): a name just within it builds, one character more is refused at its line.

DRAWN = Resource("r", ("day:date", "amount:number"), rows="2024-01-01,1\n2024-02-01,2\n2024-03-01,3\n")


def _long_pair(root, package: int, resource: int):
    """Package 'p' named with ``package`` letters, its one table (drawn: a date and a number) with ``resource``."""
    text = Package("p", (DRAWN,)).text.replace("name: p\n", f"name: {'p' * package}\n")
    Package("p", (DRAWN,)).write(root, text.replace("  - name: r\n", f"  - name: {'r' * resource}\n"))


def test_a_package_name_too_long_for_its_files_is_refused_at_its_line(tmp_path):
    _long_pair(tmp_path, 252, 1)
    [found] = pipeline.check(settings_for(tmp_path)).problems
    assert (found.code, found.line, found.field, found.is_error) == ("name-too-long", 1, "name", True)
    assert found.params_dict()["file"].endswith("pppp.zip")  # tai-ve/<name>.zip is its longest
    assert "shorten the name by at least" in found.hint("en")


def test_a_package_and_table_name_too_long_together_are_refused_at_the_tables_name(tmp_path):
    _long_pair(tmp_path, 125, 125)  # each well within the limit; their chart's files are not
    [found] = pipeline.check(settings_for(tmp_path)).problems
    assert (found.code, found.line, found.field) == ("name-too-long", 3, "name")
    assert found.params_dict()["file"].endswith("rrrr-vi.svg")
    assert "or the package's" in found.hint("en") and found.params_dict()["excess"] == "17"


def test_names_at_the_limit_build_and_one_letter_more_is_refused(tmp_path):
    """The limit is the build's truth: the longest pair the check allows builds, chart and all."""
    from test_build import build

    excess = names.longest_name(names.resource_paths("p" * 200, "r" * 40))[1] - names.NAME_MAX
    longest = 40 - excess  # the table's name that makes the longest file name allowed
    _long_pair(tmp_path / "over", 200, longest + 1)
    assert [p.code for p in pipeline.check(settings_for(tmp_path / "over")).problems] == ["name-too-long"]
    _long_pair(tmp_path / "ok", 200, longest)
    assert pipeline.check(settings_for(tmp_path / "ok")).problems == []
    out = tmp_path / "site"
    assert build(tmp_path / "ok", out) == 0
    assert (out / urls.CHARTS_DIR / f"auto-{'p' * 200}-{'r' * longest}-vi.svg").is_file()
    assert (out / urls.package_zip("p" * 200)).is_file()


# 3. Codes that differ only by case or diacritics: one page for two


def _agencies(project, rows):
    path = project / "co-quan" / "data" / "agencies.csv"
    path.write_text(path.read_text("utf-8") + rows, "utf-8")
    return path


def _found(project, code):
    return [(p.path.rsplit("/", 1)[-1], p.line, p.field, p.params_dict())
            for p in pipeline.check(settings_for(project)).problems if p.code == code]


def test_an_agency_code_that_differs_from_another_only_by_diacritics_is_a_clash(project):
    """'SKHDT' beside 'SKHĐT' passed validation, then the build exited 2: "two units are named 'co-quan/skhdt.md'"."""
    _agencies(project, "SKHĐT,Sở Kế hoạch và Đầu tư,Department of Planning,seed\nSKHDT,Sở X,Dept X,seed\n")
    rel = settings_for(project).relative(project / "co-quan" / "data" / "agencies.csv")
    assert _found(project, "address-clash") == [("agencies.csv", 5, "agency_code", {
        "value": "SKHDT", "first": "SKHĐT", "other": f"{rel}:4", "address": "co-quan/skhdt/"})]


def test_an_agency_code_in_another_case_is_a_clash_too(project):
    _agencies(project, "snv,Sở y,Dept y,seed\n")
    assert [(line, params["first"]) for _, line, _, params in _found(project, "address-clash")] == [(4, "SNV")]


def test_an_agency_code_whose_page_is_the_agencies_list_is_reserved(project):
    _agencies(project, "INDEX,Sở z,Dept z,seed\n")
    assert _found(project, "reserved-name") == [("agencies.csv", 4, "agency_code",
                                                 {"value": "INDEX", "address": "co-quan/"})]


def _second_session(project, session_id, name="2024-06-11-z.yaml"):
    from conftest import SESSION, write

    write(project / "giam-sat" / "sessions" / name, SESSION.replace("id: GS-2024-06-11-TEST", f"id: {session_id}"))


@pytest.mark.parametrize("session_id", ["GS-2024-06-11-test", "GS_2024_06_11_TEST", "GS-2024-06-11-TÉST"])
def test_a_session_id_that_differs_from_another_only_by_case_or_marks_is_a_clash(project, session_id):
    """At the second file's id (files are read in order of their names), naming the first's file and line."""
    _second_session(project, session_id)
    rel = settings_for(project).relative(project / "giam-sat" / "sessions" / "2024-06-11-test.yaml")
    assert _found(project, "address-clash") == [("2024-06-11-z.yaml", 1, "id", {
        "value": session_id, "first": "GS-2024-06-11-TEST", "other": f"{rel}:1",
        "address": "giam-sat/gs-2024-06-11-test/"})]


@pytest.mark.parametrize("session_id, address", [("KIEN-NGHI", "giam-sat/kien-nghi/"), ("index", "giam-sat/"),
                                                 ("Phiên-năm-2024", "giam-sat/phien-nam-2024/")])
def test_a_session_id_whose_page_is_one_of_the_sections_own_is_reserved(project, session_id, address):
    _second_session(project, session_id)
    assert _found(project, "reserved-name") == [("2024-06-11-z.yaml", 1, "id",
                                                 {"value": session_id, "address": address})]


def test_two_items_of_a_session_whose_anchors_are_one_are_a_clash(project):
    """Items are anchored #<slug of the id> on the session's page: 'k01' would open 'K01'."""
    from test_problem_codes import session

    session(project, "  - id: K02\n", "  - id: k01\n")
    assert _found(project, "address-clash") == [("2024-06-11-test.yaml", 23, "id", {
        "value": "k01", "first": "K01", "other": "datasets/giam-sat/sessions/2024-06-11-test.yaml:18",
        "address": "#k01"})]
    assert _found(project, "duplicate-id") == []


INDICES = Package("chi-so", (Resource("indices", ("index_code:string", "name_vi:string"),
                                      rows="PAR_INDEX,Chỉ số CCHC\nPCI,Năng lực cạnh tranh\n"),),
                  "x-minhbach: {role: indices}")
INDICATORS = Package("hanh-chinh", (Resource("indicators", ("indicator_code:string", "name_vi:string"),
                                             rows="TTHC,Thủ tục\n"),), "x-minhbach: {role: indicators}")


def test_index_and_indicator_codes_share_one_folder_of_pages(tmp_path):
    """An index and an indicator whose codes give one slug would be one page of chi-so/, whichever came last."""
    INDICES.write(tmp_path)
    INDICATORS.write(tmp_path, INDICATORS.text)
    (tmp_path / "hanh-chinh" / "indicators.csv").write_text("indicator_code,name_vi\nTTHC,Thủ tục\npci,x\n", "utf-8")
    rel = settings_for(tmp_path).relative(tmp_path / "chi-so" / "indices.csv")
    assert _found(tmp_path, "address-clash") == [("indicators.csv", 3, "indicator_code", {
        "value": "pci", "first": "PCI", "other": f"{rel}:3", "address": "chi-so/pci/"})]


def test_index_codes_of_one_slug_in_one_table_are_a_clash(tmp_path):
    INDICES.write(tmp_path)
    (tmp_path / "chi-so" / "indices.csv").write_text("index_code,name_vi\nPAR_INDEX,a\nPAR__INDEX,b\nINDEX,c\n",
                                                     "utf-8")
    assert [(line, params.get("first")) for _, line, _, params in _found(tmp_path, "address-clash")] == [
        (3, "PAR_INDEX")]
    assert _found(tmp_path, "reserved-name") == [("indices.csv", 4, "index_code",
                                                  {"value": "INDEX", "address": "chi-so/"})]


def test_the_code_lists_that_become_pages_are_the_indicators_features(tmp_path):
    """directory/addresses.py names the indices' and indicators' roles itself (that feature imports the
    directory, not the other way round): they must stay the indicators feature's."""
    from generator.directory.addresses import PAGED_CODES
    from generator.indicators.model import INDICATORS_ROLE, INDICES_ROLE

    roles = {role for (role, _, _), _ in PAGED_CODES}
    assert {INDICES_ROLE, INDICATORS_ROLE} <= roles


def test_a_build_with_two_agencies_of_one_page_is_refused_with_exit_1_not_2(project, tmp_path, capsys):
    """The build validates first: the same located error, exit 1, nothing written."""
    from conftest import ROOT

    from generator.cli import main

    _agencies(project, "SKHĐT,Sở Kế hoạch,Dept of Planning,seed\nSKHDT,Sở X,Dept X,seed\n")
    out = tmp_path / "site"
    assert main(["build", "--datasets", str(project), "--out", str(out), "--config", str(ROOT / "mkdocs.yml"),
                 "--build-date", "2026-11-26", "--cache-dir", str(tmp_path / "cache")]) == 1
    assert "agencies.csv:5: error[address-clash] [agency_code]" in capsys.readouterr().err
    assert not out.exists() or not any(out.iterdir())


# 4. Automatic charts of different packages or resources


SERIES = Resource("t", ("id:integer", "day:date", "value:number"),
                  rows="1,2024-01-01,1\n2,2024-02-01,2\n3,2024-03-01,3\n")


@pytest.mark.parametrize("first, second", [
    (("a_b", "t"), ("a-b", "t")), (("a.b", "t"), ("a-b", "t")),  # one package slug
    (("a", "b-c"), ("a-b", "c")),  # the two names joined by '-'
    (("p", "x_y"), ("q", "x-y")),  # a resource of each (same package slug below)
])
def test_two_resources_whose_automatic_charts_would_be_one_are_a_clash(tmp_path, first, second):
    """Packages a_b and a-b both drew auto-a-b-t: the a-b page showed a_b's chart, with its own alt text.
    At the second resource's name (packages are read in the order of their paths: 1/ then 2/)."""
    if first[0] == "p":
        second = ("p-", second[1])  # slug("p-") is "p"
    for (package, resource), folder in ((first, "1"), (second, "2")):
        text = Package(package, (SERIES,)).text.replace("  - name: t\n", f"  - name: {resource}\n")
        Package(package, (SERIES,)).write(tmp_path / folder, text)
    [found] = pipeline.check(settings_for(tmp_path)).problems
    stem = "auto-" + "-".join(first).replace("_", "-").replace(".", "-")
    rel = settings_for(tmp_path).relative(tmp_path / "1" / first[0] / "datapackage.yaml")
    assert (found.code, found.path.endswith(f"2/{second[0]}/datapackage.yaml"), found.line, found.field) == (
        "address-clash", True, 3, "name")
    assert found.params_dict() == {"value": "/".join(second), "first": "/".join(first), "other": f"{rel}:3",
                                   "address": f"nhung/{stem}/"}


def test_two_resources_of_one_package_whose_charts_would_be_one_are_a_clash(tmp_path):
    text = Package("p", (SERIES,)).text.replace("  - name: t\n", "  - name: x_y\n")
    Package("p", (SERIES,)).write(tmp_path, text + SERIES.entry.replace("  - name: t\n", "  - name: x-y\n"))
    assert problems_of(tmp_path) == [("address-clash", ["p", "datapackage.yaml"], 10, "name")]


def test_a_chart_is_named_as_the_check_names_it():
    from generator.catalogue.autochart import chart_stem

    assert chart_stem("a_b", "t") == chart_stem("a-b", "t") == chart_stem("a", "b-t") == "auto-a-b-t"


def test_the_real_data_has_no_name_clash(tmp_path):
    from conftest import ROOT

    real = settings_for(ROOT / "datasets", cache_dir=tmp_path / "cache")
    codes = {p.code for p in pipeline.check(real).problems}
    assert not codes & {"address-clash", "reserved-name", "descriptor-name"}


# 5. Charts of indices and indicators beside automatic charts: one folder of charts for all


CODED = Package("chi-so", (
    Resource("indices", ("index_code:string", "name_vi:string"), rows="PCI,Năng lực cạnh tranh\n"),
    Resource("results", ("index_code:string", "year:integer", "unit_type:string", "unit_code:string",
                         "unit_name:string", "component:string", "score:number", "rank:integer", "source_id:string"),
             rows="PCI,2023,province,79,TP.HCM,total,70,10,seed\nPCI,2024,province,79,TP.HCM,total,71,9,seed\n"),
), "x-minhbach: {role: indices, focus_unit: '79'}")


def _coded(root, indices="PCI", indicators="TTHC", resource="t"):
    """The indices (focus unit 79) and indicators packages with these codes, and package p whose resource
    ``resource`` has an automatic chart (auto-p-<resource>)."""
    CODED.write(root, CODED.text)
    (root / "chi-so" / "indices.csv").write_text(f"index_code,name_vi\n{indices},Chỉ số\n", "utf-8")
    INDICATORS.write(root, INDICATORS.text)
    (root / "hanh-chinh" / "indicators.csv").write_text(f"indicator_code,name_vi\n{indicators},Chỉ tiêu\n", "utf-8")
    text = Package("p", (SERIES,)).text.replace("  - name: t\n", f"  - name: {resource}\n")
    Package("p", (SERIES,)).write(root, text)


@pytest.mark.parametrize("indices, indicators, resource, table, address", [
    ("PCI", "auto-p-t", "t", "indicators.csv", "nhung/auto-p-t/"),  # an indicator's chart is its code's slug
    ("AUTO_P", "TTHC", "79-rank", "indices.csv", "nhung/auto-p-79-rank/"),  # the focus unit's rank by year
    ("Auto.P", "TTHC", "79-components", "indices.csv", "nhung/auto-p-79-components/"),
    ("AUTO-P", "TTHC", "province-2019-bars", "indices.csv", "nhung/auto-p-province-2019-bars/"),  # any year's
])
def test_an_index_or_indicator_chart_at_an_automatic_charts_address_is_a_clash(tmp_path, indices, indicators,
                                                                              resource, table, address):
    """Indicator code 'auto-p-t' drew its chart at nhung/auto-p-t/, where package p's table t has its automatic
    chart: the build wrote one over the other (exit 0) and both pages showed the same chart. At the code's row,
    naming the resource."""
    _coded(tmp_path, indices, indicators, resource)
    rel = settings_for(tmp_path).relative(tmp_path / "p" / "datapackage.yaml")
    value = indices if table == "indices.csv" else indicators
    assert _found(tmp_path, "address-clash") == [(table, 2, "index_code" if table == "indices.csv" else
                                                  "indicator_code", {"value": value, "first": f"p/{resource}",
                                                                     "other": f"{rel}:3", "address": address})]


def test_an_indicator_chart_at_an_index_charts_address_is_a_clash(tmp_path):
    """Index PCI draws the focus unit's rank at pci-79-rank; so would indicator PCI-79-RANK."""
    _coded(tmp_path, indicators="PCI-79-RANK")
    rel = settings_for(tmp_path).relative(tmp_path / "chi-so" / "indices.csv")
    assert _found(tmp_path, "address-clash") == [("indicators.csv", 2, "indicator_code", {
        "value": "PCI-79-RANK", "first": "PCI", "other": f"{rel}:2", "address": "nhung/pci-79-rank/"})]


def test_charts_of_other_addresses_are_no_clash(tmp_path):
    """An automatic chart's address begins with 'auto-': a code of another beginning never meets it, and a
    ranking's form needs its year ('province-bars' is not one)."""
    _coded(tmp_path, "AUTO-P", "auto-q-t", "province-bars")
    assert _found(tmp_path, "address-clash") == []


def test_the_charts_claimed_are_those_an_index_and_an_indicator_draw():
    """names.py claims the addresses indicators/charts.py names: every chart of the real indices and indicators
    is one of them (the rankings by their form, whatever their year)."""
    from generator.catalogue import names
    from generator.core.datasets import load_datasets
    from generator.core.locale import locale
    from generator.indicators import charts
    from generator.indicators.model import load_indicators
    from generator.indicators.pages import index_charts

    indicators = load_indicators(load_datasets(settings_for(ROOT / "datasets")))
    focus, drawn, bars = indicators.focus_unit, 0, 0
    for index in indicators.indices:
        stems = {urls.series_stem(index.code, focus, kind) for kind in urls.SERIES_KINDS}
        for chart in index_charts(index, indicators, locale("en")):
            stem = chart.slug.removesuffix("-en")
            assert stem in stems or urls.bars_stems(index.code).fullmatch(stem), chart.slug
            drawn, bars = drawn + 1, bars + (chart.kind == "bars")
    for indicator in indicators.indicators:
        chart = charts.indicator_chart(indicator, locale("vi"))
        assert chart is None or chart.slug == f"{urls.indicator_stem(indicator.code)}-vi"
    assert drawn > 10 and bars > 2 and names.name_problems(load_datasets(settings_for(ROOT / "datasets"))) == []


# 6. The site's own charts: the supervision overview's, named by the site whatever the data


@pytest.mark.parametrize("code, address", [
    ("recommendations-by-status", "nhung/recommendations-by-status/"),  # replaced the tracker's chart, exit 0
    ("Recommendations_By_Agency", "nhung/recommendations-by-agency/"),  # its slug is the agency chart's
])
def test_an_indicator_whose_chart_is_a_supervision_chart_is_reserved(tmp_path, code, address):
    """Indicator 'recommendations-by-status' drew its chart over the supervision overview's status chart: the
    tracker showed the indicator's line and the indicator's page the tracker's embed page, with exit 0."""
    _coded(tmp_path, indicators=code)
    assert _found(tmp_path, "reserved-name") == [("indicators.csv", 2, "indicator_code",
                                                  {"value": code, "address": address})]
    assert _found(tmp_path, "address-clash") == []


def test_codes_beside_the_supervision_charts_are_no_problem(tmp_path):
    _coded(tmp_path, "RECOMMENDATIONS-BY", "recommendations-by-status-2")
    assert _found(tmp_path, "reserved-name") == _found(tmp_path, "address-clash") == []


def test_the_site_charts_claimed_are_those_the_supervision_overview_draws(project):
    """names.py names the supervision charts itself (supervision/charts.py writes them inline): the two must
    stay one list, in every language."""
    from generator.core.locale import locale
    from generator.directory.model import load_directory
    from generator.supervision import charts
    from generator.supervision.model import Supervision

    checked = pipeline.check(settings_for(project))
    supervision, directory = checked.model(Supervision), load_directory(checked.datasets)
    for lang in ("vi", "en"):
        drawn = [charts.by_status(supervision, locale(lang)), charts.by_agency(supervision, directory, locale(lang))]
        assert {chart.slug.removesuffix(f"-{lang}") for chart in drawn} == urls.SUPERVISION_CHARTS


def test_a_fact_and_an_item_whose_anchors_are_one_are_a_clash(project):
    """A fact's row is anchored on the session's page (agency pages link to it) as an item is: a fact 'k01' and a
    recommendation 'K01' would be one id on the page, and the link to either would open the first."""
    from test_problem_codes import session

    session(project, "  - id: F01\n", "  - id: k01\n")
    assert [(params["value"], params["first"], params["address"])
            for _, _, _, params in _found(project, "address-clash")] == [("K01", "k01", "#k01")]


def test_a_facts_row_is_where_the_agency_page_links_to_it(project, tmp_path):
    """An id with a blank was written as the row's id as it was ("f 01", not a valid id, which no link reaches)."""
    from test_problem_codes import session

    session(project, "  - id: F01\n", "  - id: F 01\n")
    from test_build import build

    out = tmp_path / "site"
    assert build(project, out) == 0
    agency = (out / "co-quan" / "snv" / "index.html").read_text("utf-8")
    assert 'gs-2024-06-11-test/#f-01"' in agency
    assert '<tr id="f-01">' in (out / "giam-sat" / "gs-2024-06-11-test" / "index.html").read_text("utf-8")


def test_an_items_row_in_the_tracker_has_a_valid_id(project, tmp_path):
    from test_build import build
    from test_problem_codes import session

    session(project, "  - id: K01\n", "  - id: K 01\n")
    out = tmp_path / "site"
    assert build(project, out) == 0
    assert '<tr id="gs-2024-06-11-test-k-01"' in (out / "giam-sat" / "kien-nghi" / "index.html").read_text("utf-8")


# Hostile-PR audit round 5, finding 1: an item's anchor that is one of its session page's own


@pytest.mark.parametrize("fact_id", ["issues", "Recommendations", "facts", "responses", "top"])
def test_a_fact_id_whose_anchor_is_one_of_the_session_pages_own_is_reserved(project, fact_id):
    """A fact 'issues' passed, and its row took the table of contents' link to the issues (the first element of an
    id is the one a link opens)."""
    from test_problem_codes import session

    session(project, "  - id: F01\n", f"  - id: {fact_id}\n")
    assert _found(project, "reserved-name") == [("2024-06-11-test.yaml", 11, "id",
                                                 {"value": fact_id, "address": f"#{fact_id.lower()}"})]


@pytest.mark.parametrize("old, new, line, first, first_line", [
    ("  - id: F01\n", "K02-status", 11, "K02", 23),  # K02's latest status, which agency pages link
    ("  - id: Y01\n", "k01-Status", 35, "K01", 18),  # K01 has no status yet: it will have one
])
def test_an_id_whose_anchor_is_another_items_status_is_a_clash(project, old, new, line, first, first_line):
    """Agency pages link each conclusion's status as '<session page>#k02-status': a fact 'K02-status' came first
    on the page, and the link opened it. The error is at the id that takes the status's anchor."""
    from test_problem_codes import session

    session(project, old, old.replace(old.split(": ")[1], f"{new}\n"))
    assert _found(project, "address-clash") == [("2024-06-11-test.yaml", line, "id", {
        "value": new, "first": first, "other": f"datasets/giam-sat/sessions/2024-06-11-test.yaml:{first_line}",
        "address": f"#{first.lower()}-status"})]


RESPONSE = """responses:
  - agency: SNV
    date: 2024-07-01
    text_vi: Sở đã tiếp thu
    text_en: The department took note
    source: seed
"""


def test_a_session_pages_ids_are_unique_and_its_own_are_the_reserved_ones(project, tmp_path):
    """Every id of a session page, in both languages, is one element's: an item's, a fact's, a status's, the
    theme's own (``__...``, which no slug is) or one of SESSION_ANCHORS, which the reading refuses as an id."""
    import re

    from test_build import build
    from test_problem_codes import session

    from generator.core.text import slug
    from generator.supervision.model import SESSION_ANCHORS

    session(project, "issues:\n", RESPONSE + "issues:\n")
    out = tmp_path / "site"
    assert build(project, out) == 0
    items = {slug(i) for i in ("F01", "K01", "K02", "Y01")} | {"k02-status"}
    for page in ("giam-sat", "en/giam-sat"):
        ids = re.findall(r' id="([^"]*)"', (out / page / "gs-2024-06-11-test" / "index.html").read_text("utf-8"))
        assert len(ids) == len(set(ids))
        assert {i for i in ids if not i.startswith("__")} == items | set(SESSION_ANCHORS)


# Hostile-PR audit round 5, finding 2: two sessions' items of one id in the tracker


@pytest.mark.parametrize("item_id", ["TEST-K01", "test_k01"])
def test_two_sessions_items_whose_tracker_rows_are_one_are_a_clash(project, item_id):
    """Session 'GS-2024-06-11' with 'TEST-K01' and session 'GS-2024-06-11-TEST' with 'K01' were both
    'GS-2024-06-11-TEST-K01': two rows of the tracker (and of recommendations.csv) of one id, the tracker's link to
    one opening the other. At the later file's item, naming the earlier file and line."""
    from conftest import SESSION, write

    text = SESSION.replace("id: GS-2024-06-11-TEST", "id: GS-2024-06-11").replace("- id: K01\n", f"- id: {item_id}\n")
    write(project / "giam-sat" / "sessions" / "2024-06-11-b.yaml", text)
    rel = settings_for(project).relative(project / "giam-sat" / "sessions" / "2024-06-11-b.yaml")
    assert _found(project, "address-clash") == [("2024-06-11-test.yaml", 18, "id", {
        "value": "GS-2024-06-11-TEST-K01", "first": f"GS-2024-06-11-{item_id}", "other": f"{rel}:18",
        "address": "giam-sat/kien-nghi/#gs-2024-06-11-test-k01"})]


def test_items_of_two_sessions_with_their_own_rows_are_no_clash(project):
    """The same item ids in two sessions are two rows: 'GS-2024-06-11-K01' beside 'GS-2024-06-11-TEST-K01'."""
    from conftest import SESSION, write

    write(project / "giam-sat" / "sessions" / "2024-06-11-b.yaml",
          SESSION.replace("id: GS-2024-06-11-TEST", "id: GS-2024-06-11"))
    assert _found(project, "address-clash") == []


# Hostile-PR audit round 5, finding 5: a table's name takes one of its package page's own anchors


def test_a_package_pages_own_anchors_are_its_own_whatever_its_tables_are_named(tmp_path):
    """A table 'du-lieu' took the id of the tables' heading (made from its text, 'bang-du-lieu'), which moved to
    'bang-du-lieu_1', and table 't' took the title "Bảng t"'s: a link made before the table was added opened it.
    The page's own ids are fixed, and a table's ('bang-<name>', 'so-dong-<name>') start otherwise."""
    import re

    from test_build import build

    du_lieu = Resource("du-lieu", T.fields, rows="2,b\n")
    Package("p", (T, du_lieu), "title: Bảng t\nversion: 1.0.0").write(tmp_path / "datasets")
    out = tmp_path / "site"
    assert build(tmp_path / "datasets", out) == 0
    for page in ("du-lieu/p", "en/du-lieu/p"):
        ids = re.findall(r' id="([^"]*)"', (out / page / "index.html").read_text("utf-8"))
        assert len(ids) == len(set(ids))
        assert {i for i in ids if i.startswith(("bang-", "so-dong-"))} == {  # no 'bang-du-lieu_1'
            "bang-t", "so-dong-t", "bang-du-lieu", "so-dong-du-lieu"}
        assert {i for i in ids if not i.startswith(("__", "bang-", "so-dong-", "auto-"))} == {
            "top", "trich-dan", "dung-du-lieu", "bang", "phien-ban", "so-dong"}


def test_a_file_name_too_long_that_reaches_the_build_is_said_with_its_file_and_a_hint(tmp_path):
    """Defence in depth: were a name no check knows to reach the file system, the build says which file, not a bare
    '[Errno 36] File name too long' with the staging folder's absolute path."""
    import errno

    from generator.core.files import write_failure

    name = "p" * 300 + ".zip"
    with pytest.raises(OSError) as caught:
        (tmp_path / "tai-ve").mkdir()
        (tmp_path / "tai-ve" / name).write_bytes(b"")
    assert caught.value.errno == errno.ENAMETOOLONG
    said = write_failure(caught.value, tmp_path)
    assert said.startswith(f"tên tệp quá dài / file name too long (304 byte(s)): tai-ve/{name}\n")
    assert "hint: shorten the package's or the table's name" in said and str(tmp_path) not in said
    other = OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "x"))
    assert write_failure(other, tmp_path) == str(other)
