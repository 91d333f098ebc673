"""stagepipe import in this process: a sheet's rows become case files; each problem is one finding at its cell."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
import yaml

from pipeline.cohort.importer import RECORD, ImportOptions, run_import
from pipeline.cohort.mapping import Mapping, load_mapping, match_header, suggest_mapping
from pipeline.cohort.sheet import Cell, SheetError, read_sheet
from pipeline.cohort.template import template_columns, template_workbook
from pipeline.cohort.values import Unreadable, convert
from pipeline.load.project import load_project
from pipeline.output.common import file_place
from pipeline.validate.runner import validate_project
from tests.helpers import program_profile
from tests.sheets import BAD_ROWS, bad_sheet, cohort_sheet


def _import(project: Path, sheet: Path, **options: object) -> object:
    return run_import(ImportOptions(sheet=sheet, program="ugent-dgk", cohort="2024-2025", inputs=project,
                                    **options))  # type: ignore[arg-type]


def test_a_sheet_with_twelve_kinds_of_bad_rows_gives_one_finding_per_problem_at_its_cell(project: Path,
                                                                                          tmp_path: Path) -> None:
    run = _import(project, bad_sheet(tmp_path / "cohort.xlsx"))
    found = sorted((f.location.cell, f.rule, f.severity.value) for f in run.findings)  # type: ignore[attr-defined]
    assert found == sorted(BAD_ROWS)
    assert all(f.location.sheet == "Studenten" for f in run.findings)  # type: ignore[attr-defined]
    statuses = {case.row: case.status for case in run.cases}  # type: ignore[attr-defined]
    assert statuses[2] == "written"
    assert all(statuses[row] == "failed" for row in range(3, 16))  # row 9 too: merged with row 8
    written = sorted(p.name for p in (project / "cases" / "2024-2025").glob("*.yaml"))
    assert written == ["ugent-dgk-student2-achternaam2.yaml"]


def test_a_finding_at_a_cell_reads_file_sheet_and_cell(project: Path, tmp_path: Path) -> None:
    run = _import(project, bad_sheet(tmp_path / "cohort.xlsx"))
    phone = next(f for f in run.findings if f.rule == "value-phone")  # type: ignore[attr-defined]
    assert file_place(phone.location, str(tmp_path)) == "cohort.xlsx:Studenten!E7"
    data = phone.to_dict()
    assert data["location"]["sheet"] == "Studenten" and data["location"]["cell"] == "E7"
    assert data["location"]["line"] == 7 and data["location"]["column"] == 5  # JSON keeps its keys, adds two


def test_imported_cases_validate_like_any_other_and_normalise_excel_values(project: Path, tmp_path: Path) -> None:
    run = _import(project, cohort_sheet(tmp_path / "cohort.xlsx", 3))
    assert [c.status for c in run.cases] == ["written"] * 3 and not run.findings  # type: ignore[attr-defined]
    case = yaml.safe_load((project / "cases" / "2024-2025" / "ugent-dgk-student1-achternaam1.yaml").read_text())
    assert case["student"]["phone"] == "+32 470 11 22 34"  # a number without its leading 0 → international
    assert case["placement"]["address"]["postal_code"] == "9050"  # a number where the schema wants text
    assert case["track"] == "gezelschapsdieren" and case["placement"]["recognised"] is True
    assert str(case["period"]["start"]) == "2025-02-10" and str(case["period"]["end"]) == "2025-02-14"
    assert [f for f in validate_project(load_project([project])) if f.severity.value == "error"] == []


def test_import_never_overwrites_a_case_edited_by_hand_and_updates_it_keeping_comments(project: Path,
                                                                                       tmp_path: Path) -> None:
    sheet = cohort_sheet(tmp_path / "cohort.xlsx", 1)
    _import(project, sheet)
    path = project / "cases" / "2024-2025" / "ugent-dgk-student0-achternaam0.yaml"
    assert _import(project, sheet).cases[0].status == "unchanged"  # type: ignore[attr-defined]
    edited = path.read_text().replace("name: Prof. An Smet", "name: Prof. A. Smet  # called on 3/2")
    edited = edited.replace("notes", "notes") + "notes: spreekt ook Frans\n"
    path.write_text(edited)
    book = openpyxl.load_workbook(sheet)
    book.active["L2"] = "Dr. Els Raes-Verhoeven"  # type: ignore[index]
    book.save(sheet)
    kept = _import(project, sheet).cases[0]  # type: ignore[attr-defined]
    assert kept.status == "edited" and path.read_text() == edited
    assert "+  - name: Dr. Els Raes-Verhoeven" in kept.diff and "-  - name: Dr. Els Raes" in kept.diff
    updated = _import(project, sheet, update=True).cases[0]  # type: ignore[attr-defined]
    text = path.read_text()
    assert updated.status == "updated" and "Dr. Els Raes-Verhoeven" in text
    assert "# called on 3/2" in text and "notes: spreekt ook Frans" in text  # comments and own keys kept
    assert text.index("student:") < text.index("placement:") < text.index("notes:")  # key order kept
    assert "ugent-dgk-student0-achternaam0" in json.loads((path.parent / RECORD).read_text())


def test_an_unedited_case_file_follows_the_sheet(project: Path, tmp_path: Path) -> None:
    sheet = cohort_sheet(tmp_path / "cohort.xlsx", 1)
    _import(project, sheet)
    book = openpyxl.load_workbook(sheet)
    book.active["O2"] = "Prof. Jan Smet"  # type: ignore[index]
    book.save(sheet)
    again = _import(project, sheet).cases[0]  # type: ignore[attr-defined]
    assert again.status == "updated"
    assert "Prof. Jan Smet" in (project / "cases" / "2024-2025" / "ugent-dgk-student0-achternaam0.yaml").read_text()


def test_fields_without_a_column_are_written_to_fill_and_validate_reports_them(project: Path, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["Studentennummer", "Voornaam", "Familienaam", "E-mail"])
    ws.append(["r0800001", "Mila", "Claes", "mila.claes@ugent.example.be"])
    book.save(tmp_path / "short.xlsx")
    run = _import(project, tmp_path / "short.xlsx")
    assert run.cases[0].status == "written" and "mentors.0.phone" in run.cases[0].to_fill  # type: ignore[attr-defined]
    findings = validate_project(load_project([project / "cases"]))
    assert {f.rule for f in findings} == {"to-fill"}
    assert "mentors.0.phone" in {f.message.values["field"] for f in findings}


@pytest.mark.parametrize("value, kind, expected", [
    (dt.datetime(2024, 2, 12), "date", "2024-02-12"), (45334, "date", "2024-02-12"), ("12/02/2024", "date",
                                                                                      "2024-02-12"),
    ("12.2.24", "date", "2024-02-12"), ("38,5", "number", 38.5), ("40", "integer", 40), ("1.250", "number", 1250),
    (812345.0, "text", "812345"), ("0470/12.34.56", "phone", "+32 470 12 34 56"), ("Nee", "boolean", False),
    ("nl, fr;en", "list", ["nl", "fr", "en"]), (" jan@x.be ", "email", "jan@x.be"),
])
def test_values_are_normalised(value: object, kind: str, expected: object) -> None:
    assert convert(Cell(2, 1, value), kind, []) == expected


@pytest.mark.parametrize("value, kind", [("volgende week", "date"), ("31/02/2024", "date"), (5, "date"),
                                         ("veertig", "number"), ("12345", "phone"), ("misschien", "boolean"),
                                         ("40,5", "integer")])
def test_values_that_do_not_fit_are_refused(value: object, kind: str) -> None:
    with pytest.raises(Unreadable):
        convert(Cell(2, 1, value), kind, [])


def test_headers_match_dutch_and_english_synonyms_without_case_or_accents() -> None:
    assert match_header("Studentennummer") == match_header("student number") == "/student/id"
    assert match_header("E-MAIL  mentor") == "/mentors/0/email"
    assert match_header("Taak 3 aandeel (%)") == "/tasks/2/share"
    assert match_header("Schoenmaat") is None


def test_a_suggested_mapping_is_a_mapping_file_that_loads(tmp_path: Path) -> None:
    text = suggest_mapping(["Stamnummer", "Naam van de mentor", "Voornaam"], "Blad1", "mapping")
    path = tmp_path / "mapping.yaml"
    path.write_text(text.replace("Naam van de mentor: null", "Naam van de mentor: mentors.0.name"))
    mapping = load_mapping(path)
    assert mapping.sheet == "Blad1"
    assert mapping.field_for("Naam van de mentor") == "/mentors/0/name" and mapping.field_for("Stamnummer") == \
        "/student/id"
    path.write_text("columns:\n  X: student.shoe_size\n")
    with pytest.raises(SheetError):
        load_mapping(path)


def test_a_mapping_names_columns_the_synonyms_do_not_know(project: Path, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Export"
    ws.append(["Stamnr", "Voornaam", "Familienaam", "Privé"])
    ws.append(["r0800002", "Noor", "Aerts", "x"])
    book.save(tmp_path / "export.xlsx")
    mapping = Mapping({"Stamnr": "/student/id", "Privé": None}, sheet="Export")
    run = _import(project, tmp_path / "export.xlsx", mapping=mapping)
    assert not run.findings  # type: ignore[attr-defined]
    case = yaml.safe_load(next((project / "cases" / "2024-2025").glob("*.yaml")).read_text())
    assert case["student"]["id"] == "r0800002"


def test_csv_with_semicolons_and_windows_1252(project: Path, tmp_path: Path) -> None:
    path = tmp_path / "cohort.csv"
    path.write_bytes("Studentennummer;Voornaam;Familienaam;E-mail;Begindatum\nr0800003;Zoë;Maes;z@x.be;31/13/2025\n"
                     .encode("cp1252"))
    sheet = read_sheet(path)
    assert sheet.name is None and sheet.rows[1][1].value == "Zoë"
    run = _import(project, path)
    date = next(f for f in run.findings if f.rule == "value-date")  # type: ignore[attr-defined]
    assert file_place(date.location, str(tmp_path)) == "cohort.csv:E2"


def test_the_template_has_the_programs_columns_drop_downs_and_an_explanation(tmp_path: Path) -> None:
    program = program_profile("tm-om")
    headers = [c.header for c in template_columns(program, None, "nl")]
    assert {"Afstudeerrichting", "Soort stage", "Taak 1", "Taak 5 aandeel (%)", "Talen", "Ondertekend op"} <= set(headers)
    path = tmp_path / "tm-om.xlsx"
    path.write_bytes(template_workbook(program, None, "nl"))
    book = openpyxl.load_workbook(path)
    students, explanation = book.worksheets
    lists = [v.formula1 for v in students.data_validations.dataValidation if v.type == "list"]
    assert '"E4B,HR,IRM"' in lists and '"binnenland,wallonie,buitenland"' in lists and '"ja,nee"' in lists
    assert any(v.type == "date" for v in students.data_validations.dataValidation)
    assert explanation.title == "Uitleg" and explanation.max_row == len(headers) + 1
    assert [c.value for c in students[1]] == headers
