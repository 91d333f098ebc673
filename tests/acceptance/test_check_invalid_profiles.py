"""`stagepipe check` reads the program, institution and case as typed records: a file that does not fit its
schema is refused with exit 2 and the place of its first error, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers import INPUTS, run_cli

CASE = INPUTS / "cases" / "2021-2022" / "om-jana-peeters.yaml"


def report(folder: Path) -> Path:
    path = folder / "verslag.md"
    path.write_text("# Inleiding\n\nIk liep stage.\n\n# Conclusie\n\nHet was leerrijk.\n", encoding="utf-8")
    return path


def test_a_case_that_does_not_fit_its_schema_is_refused_with_its_line(project: Path, tmp_path: Path) -> None:
    case = project / "cases" / "test" / "om-jana-peeters.yaml"
    text = CASE.read_text(encoding="utf-8")
    case.write_text(text.replace("mentors:", "mentoren:", 1), encoding="utf-8")
    result = run_cli("check", report(tmp_path), "--case", case, "--no-language")
    assert result.code == 2, result.stdout + result.stderr
    assert "dossier kan niet gelezen worden" in result.stderr and f"{case}:" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_program_that_does_not_fit_its_schema_is_refused_with_its_line(project: Path, tmp_path: Path) -> None:
    program = project / "programs" / "tm-om.yaml"
    program.write_text(program.read_text(encoding="utf-8").replace("copies: 3", "copies: drie", 1), encoding="utf-8")
    result = run_cli("check", report(tmp_path), "--program", "tm-om", "--inputs", project, "--no-language")
    assert result.code == 2, result.stdout + result.stderr
    assert f"{program}:" in result.stderr and "drie" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_valid_case_is_checked_with_its_program(project: Path, tmp_path: Path) -> None:
    case = project / "cases" / "test" / CASE.name
    shutil.copy(CASE, case)
    result = run_cli("check", report(tmp_path), "--case", case, "--no-language", "--format", "json")
    assert result.code == 1, result.stdout + result.stderr  # sections are missing: findings, not a refusal
    assert result.json()["program"] == "tm-om"
