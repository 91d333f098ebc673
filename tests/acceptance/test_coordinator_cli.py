"""A coordinator's commands through the real CLI (in the checkout): init, new case, import with its findings at
cells, import --template and --suggest-mapping, status in every format, doctor."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl

from tests.helpers import run_cli
from tests.sheets import BAD_ROWS, bad_sheet, cohort_sheet


def test_init_then_validate_passes_and_a_new_case_is_reported_until_filled(tmp_path: Path) -> None:
    made = run_cli("init", "stages", "--lang", "en", cwd=tmp_path)
    assert made.code == 0, made.stderr
    assert "5 program profile(s)" in made.stdout
    project = tmp_path / "stages"
    valid = run_cli("validate", "inputs/", cwd=project)
    assert valid.code == 0 and "0 fout(en)" in valid.stdout
    new = run_cli("new", "case", "--program", "ugent-dgk", "--cohort", "2024-2025", "--id", "dgk-nieuw", cwd=project)
    assert new.code == 0 and "inputs/cases/2024-2025/dgk-nieuw.yaml" in new.stdout, new.stderr
    pending = run_cli("validate", "inputs/", "--format", "json", cwd=project)
    assert pending.code == 1
    rules = {f["rule"] for f in pending.json()["findings"]}
    assert rules == {"to-fill"}
    refused = run_cli("init", "stages", cwd=tmp_path)
    assert refused.code == 2 and "niet leeg" in refused.stderr


def test_import_reports_every_bad_row_at_its_cell(tmp_path: Path) -> None:
    assert run_cli("init", "p", cwd=tmp_path).code == 0
    project = tmp_path / "p"
    bad_sheet(project / "cohort.xlsx")
    done = run_cli("import", "cohort.xlsx", "--program", "ugent-dgk", "--cohort", "2024-2025", cwd=project)
    assert done.code == 1, done.stderr
    for cell, rule, _severity in BAD_ROWS:
        assert f"cohort.xlsx:Studenten!{cell}: " in done.stdout and f"[{rule}]" in done.stdout, (cell, done.stdout)
    assert "14 rij(en): 1 geschreven" in done.stdout
    as_json = run_cli("import", "cohort.xlsx", "--program", "ugent-dgk", "--cohort", "2024-2025", "--format", "json",
                      "--dry-run", cwd=project).json()
    assert len(as_json["findings"]) == len(BAD_ROWS)
    assert {f["location"]["cell"] for f in as_json["findings"]} == {cell for cell, _, _ in BAD_ROWS}
    junit = run_cli("import", "cohort.xlsx", "--program", "ugent-dgk", "--cohort", "2024-2025", "--format", "junit",
                    "--dry-run", "--lang", "en", cwd=project)
    assert junit.code == 1 and "<failure" in junit.stdout and "is not a phone number" in junit.stdout


def test_template_fill_import_and_status(tmp_path: Path) -> None:
    assert run_cli("init", "p", cwd=tmp_path).code == 0
    project = tmp_path / "p"
    template = run_cli("import", "--template", "ugent-dgk", "-o", "leeg.xlsx", cwd=project)
    assert template.code == 0, template.stderr
    headers = [c.value for c in openpyxl.load_workbook(project / "leeg.xlsx").worksheets[0][1]]
    assert "Telefoon mentor" in headers and "Afstudeerrichting" in headers
    cohort_sheet(project / "cohort.xlsx", 4)
    first = run_cli("import", "cohort.xlsx", "--program", "ugent-dgk", "--cohort", "2024-2025", cwd=project)
    assert first.code == 0 and "4 geschreven" in first.stdout, first.stdout + first.stderr
    assert run_cli("validate", "inputs/", cwd=project).code == 0
    status = run_cli("status", "2024-2025", "--format", "json", cwd=project)
    students = {s["case"]: s for s in status.json()["students"]}
    assert students["ugent-dgk-student0-achternaam0"]["valid"] is True
    assert students["ugent-dgk-student0-achternaam0"]["pack"] == "none"
    assert students["ugent-dgk-student0-achternaam0"]["report"] == "none"
    text = run_cli("status", "2024-2025", "--lang", "en", cwd=project)
    assert text.code == 0 and "not rendered" in text.stdout and "cohort 2024-2025: 6 student(s), 6 valid" in text.stdout
    html = run_cli("status", "2024-2025", "--format", "html", cwd=project)
    assert html.stdout.startswith("<!DOCTYPE html>") and "dgk-amber-claeys" in html.stdout
    xlsx = run_cli("status", "2024-2025", "--format", "xlsx", "-o", "status.xlsx", cwd=project)
    rows = openpyxl.load_workbook(project / "status.xlsx").worksheets[0].max_row
    assert xlsx.code == 0 and rows == 7  # the header, 4 imported, 2 samples


def test_suggest_mapping_for_a_new_sheet_then_import_with_it(tmp_path: Path) -> None:
    assert run_cli("init", "p", cwd=tmp_path).code == 0
    project = tmp_path / "p"
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["Stamnr", "Voornaam", "Familienaam", "E-mail", "GSM mentor"])
    ws.append(["r0700001", "Jef", "Peeters", "jef@x.be", "0470 11 22 33"])
    book.save(project / "export.xlsx")
    suggested = run_cli("import", "export.xlsx", "--suggest-mapping", cwd=project)
    assert suggested.code == 0 and "Stamnr: null" in suggested.stdout and "Voornaam: student.first_name" in suggested.stdout
    mapping = suggested.stdout.replace("Stamnr: null", "Stamnr: student.id").replace("GSM mentor: null",
                                                                                   "GSM mentor: mentors.0.phone")
    (project / "mapping.yaml").write_text(mapping)
    done = run_cli("import", "export.xlsx", "--program", "ugent-dgk", "--cohort", "c", "--mapping", "mapping.yaml",
                   cwd=project)
    assert done.code == 0 and "1 geschreven" in done.stdout, done.stdout + done.stderr
    assert "placement.name" in done.stdout  # the fields the sheet has no column for: to fill in the case file
    case = (project / "inputs" / "cases" / "c" / "ugent-dgk-jef-peeters.yaml").read_text()
    assert "id: r0700001" in case and 'phone: "+32 470 11 22 33"' in case


def test_template_to_stdout_is_a_workbook(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "pipeline", "import", "--template", "tm-om", "--lang", "en"],
                          capture_output=True, cwd=tmp_path, timeout=120, check=False)
    assert done.returncode == 0
    book = openpyxl.load_workbook(io.BytesIO(done.stdout))
    assert [ws.title for ws in book.worksheets] == ["Students", "Explanation"]


def test_doctor_says_what_is_ready(tmp_path: Path) -> None:
    done = run_cli("doctor", "--format", "json", cwd=tmp_path)
    parts = {p["id"]: p for p in json.loads(done.stdout)["parts"]}
    assert set(parts) == {"python", "java", "languagetool", "maven", "libreoffice", "deduce", "fonts"}
    assert parts["java"]["ready"] and parts["libreoffice"]["ready"] and parts["languagetool"]["ready"]
    missing = run_cli("doctor", cwd=tmp_path, env={"STAGEPIPE_LANGUAGETOOL_HOME": str(tmp_path / "none")})
    assert missing.code == 1 and "stagepipe languagetool install" in missing.stdout
