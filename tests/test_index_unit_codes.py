"""An index result of an agency or a district names it by its code in the agencies package (docs/data-format.md,
``chi-so/results``; indicators/rules.py): no foreign key can say so, since ``unit_code`` also holds province and
ministry codes. A typo or an agency renamed in ``co-quan`` validated silently, and the agency's page lost the
result (maintainer audit round 7, #2)."""

from __future__ import annotations

import shutil
import subprocess
import sys

from conftest import ROOT, make_project, settings_for, write
from test_index_anchors import par_index

from generator import pipeline

RESULTS = "chi-so/data/results.csv"
JUSTICE_2021 = "HCMC_PAR_DEPT,2021,agency,STP,"  # the Department of Justice, first of 26 in 2021


def _found(datasets, severity: str = "error") -> list[tuple]:
    problems = pipeline.check(settings_for(datasets)).problems
    return [(p.code, p.path.rsplit("/", 1)[-1], p.line, p.column, p.field, p.params_dict()) for p in problems
            if p.severity == severity]


def _real(tmp_path, edit_from: str, edit_to: str, file: str = RESULTS):
    datasets = tmp_path / "datasets"
    shutil.copytree(ROOT / "datasets", datasets)
    path = datasets / file
    text = path.read_text("utf-8")
    assert text.count(edit_from) == 1
    path.write_text(text.replace(edit_from, edit_to), "utf-8")
    return datasets, text[:text.index(edit_from)].count("\n") + 1


def test_the_real_datasets_name_only_agencies_they_hold():
    assert _found(ROOT / "datasets") == [] and _found(ROOT / "datasets", "warning") == []


def test_a_mistyped_agency_code_is_refused_at_its_cell_with_the_code_meant(tmp_path):
    datasets, line = _real(tmp_path, JUSTICE_2021, "HCMC_PAR_DEPT,2021,agency,SPT,")
    assert _found(datasets) == [("unknown-reference", "results.csv", line, len("HCMC_PAR_DEPT,2021,agency,") + 1,
                                 "unit_code", {"value": "SPT", "target": "co-quan/agencies.agency_code",
                                               "choices": "", "suggestion": "STP"})]
    run = subprocess.run([sys.executable, "-m", "generator", "validate", "--datasets", str(datasets)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 1
    assert (f"{RESULTS}:{line}:27: error[unknown-reference] [unit_code]: 'SPT' không có trong "
            "co-quan/agencies.agency_code") in run.stdout
    assert "hint: dùng một mã có trong co-quan/agencies.agency_code (có phải 'STP'?)" in run.stdout


def test_an_agency_renamed_in_co_quan_names_each_result_still_under_its_old_code(tmp_path):
    datasets, _ = _real(tmp_path, "\nSTP,", "\nSTUPHAP,", "co-quan/data/agencies.csv")
    text = (datasets / RESULTS).read_text("utf-8").splitlines()
    old = [number for number, row in enumerate(text, start=1) if row.split(",")[3] == "STP"]
    assert len(old) >= 2  # PAR 2021 and DDCI 2022
    assert [(line, params["value"]) for code, file, line, _, field, params in _found(datasets)
            if file == "results.csv"] == [(line, "STP") for line in old]


def test_only_agency_and_district_codes_are_looked_up_each_as_written(project):
    """Provinces and ministries have codes of their own; an empty code is the schema's to refuse (the real one
    says ``required``)."""
    par_index("PAR_INDEX,2023,province,79,TP.HCM,total,86.97,33,63,seed,\n"
              "PAR_INDEX,2023,ministry,BNV,Bộ Nội vụ,total,90,1,17,seed,\n"
              "PAR_INDEX,2023,agency,SNV,Sở Nội vụ,total,90,1,20,seed,\n"
              "PAR_INDEX,2023,district,,Quận 1,total,80,3,20,seed,\n"
              "PAR_INDEX,2023,district,Q1,Quận 1,total,80,3,20,seed,\n"
              "PAR_INDEX,2023,district,STC ,Sở Tài chính,total,80,2,20,seed,\n").write(project)
    assert [(code, file, line, column, field, params["value"], params["suggestion"]) for code, file, line, column,
            field, params in _found(project)] == [
        ("unknown-reference", "results.csv", 6, 25, "unit_code", "Q1", ""),
        # as written: the agency's page looks its results up by the cell as it is, and "STC " would be on none
        ("unknown-reference", "results.csv", 7, 25, "unit_code", "STC ", "STC")]


def test_an_agencies_table_that_cannot_be_read_leaves_the_codes_unchecked_with_one_warning(tmp_path):
    datasets = make_project(tmp_path / "datasets")
    par_index("PAR_INDEX,2023,agency,SNV,Sở Nội vụ,total,90,1,20,seed,\n"
              "PAR_INDEX,2023,agency,STC,Sở Tài chính,total,80,2,20,seed,\n").write(datasets)
    agencies = datasets / "co-quan" / "data" / "agencies.csv"
    agencies.write_bytes(agencies.read_text("utf-8").encode("utf-16"))
    assert not [p for p in _found(datasets) if p[0] == "unknown-reference"]
    assert [(code, file, field, params["target"]) for code, file, _, _, field, params
            in _found(datasets, "warning") if file == "results.csv"] == [
        ("unchecked-reference", "results.csv", "unit_code", "co-quan/agencies.agency_code")]
    write(datasets / "co-quan" / "data" / "agencies.csv", "agency_code,name_vi,name_en,source_id\nSNV,A,A,seed\n")
    assert [(code, line) for code, file, line, *_ in _found(datasets) if file == "results.csv"] == [
        ("unknown-reference", 3)]
