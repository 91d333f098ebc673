"""A coordinator's project: init, new case with the fields to fill, the package data it is made from, phone numbers."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
import yaml

from pipeline.load.project import load_project
from pipeline.paths import DATA_DIR, INPUTS_DIR, SCHEMAS_DIR, TEMPLATES_DIR
from pipeline.phones import find_phone_numbers, international, is_phone_number
from pipeline.project.fields import case_fields
from pipeline.project.init import init_project
from pipeline.project.new import ProjectError, academic_year, new_case
from pipeline.project.update import update_case
from pipeline.validate.runner import validate_project
from tests.helpers import ROOT, program_profile


def test_init_writes_a_project_that_validates_at_once(tmp_path: Path) -> None:
    result = init_project(tmp_path / "stages")
    inputs = tmp_path / "stages" / "inputs"
    assert len(list((inputs / "programs").glob("*.yaml"))) == 5
    cases = sorted(p.stem for p in (inputs / "cases").rglob("*.yaml"))
    assert len(cases) == 5 and len({c.split("-")[0] for c in cases}) == 5  # one sample case per program
    assert (tmp_path / "stages" / "schemas" / "case.schema.json").is_file()
    assert "yaml.schemas" in (tmp_path / "stages" / ".vscode" / "settings.json").read_text()
    assert "validate:" in (tmp_path / "stages" / "Makefile").read_text()
    assert validate_project(load_project([inputs])) == []
    assert result.institution_to_fill == 0
    with pytest.raises(ProjectError):
        init_project(tmp_path / "stages")  # never into a folder that holds something


def test_init_with_a_new_institution_writes_it_to_fill(tmp_path: Path) -> None:
    result = init_project(tmp_path / "p", institution="kdg")
    assert result.institution_to_fill > 3
    findings = validate_project(load_project([tmp_path / "p" / "inputs" / "institutions" / "kdg.yaml"]))
    assert findings and {f.rule for f in findings} == {"to-fill"}


def test_a_new_case_has_every_field_the_program_needs_marked_to_fill(project: Path) -> None:
    made = new_case(project, "tm-om", cohort="2021-2022", case_id="om-nieuw")
    text = made.path.read_text()
    assert "# Track: Track or option" in text and "[E4B, HR, IRM]" in text  # comments from the schema
    assert "no_family_member:  # in te vullen" in text and "signed_on:  # in te vullen" in text
    assert "period:" not in text  # tm-om's defaults give the period
    findings = validate_project(load_project([made.path]))
    assert {f.rule for f in findings} == {"to-fill"} and len(findings) == made.to_fill
    assert {f.location.line for f in findings} <= {n for n, line in enumerate(text.splitlines(), 1)
                                                   if "# in te vullen" in line}
    with pytest.raises(ProjectError):
        new_case(project, "tm-om", cohort="2021-2022", case_id="om-nieuw")
    with pytest.raises(ProjectError):
        new_case(project, "no-such-program")


def test_a_filled_field_is_no_longer_reported(project: Path) -> None:
    made = new_case(project, "ugent-dgk", cohort="c1")
    before = len(validate_project(load_project([made.path])))
    made.path.write_text(update_case(made.path.read_text(), {"/student/first_name": "Lien"}))
    after = validate_project(load_project([made.path]))
    assert len(after) == before - 1 and "first_name:  # in te vullen" not in made.path.read_text()


def test_new_case_ids_and_cohorts() -> None:
    assert academic_year(dt.date(2025, 9, 1)) == "2025-2026" and academic_year(dt.date(2026, 2, 1)) == "2025-2026"


def test_fields_a_program_needs_come_from_the_schema_and_its_rules() -> None:
    pointers = [f.pointer for f in case_fields(program_profile("vub-gnk"))]
    assert "/placement/recognised" in pointers and "/discipline" in pointers  # its required-fields rule
    assert "/trajectory/0/weeks" in pointers and "/student/email" in pointers
    assert "/agreement/requested_on" not in pointers  # only for GP placements: not known before the case exists


# --- package data --------------------------------------------------------------------------------------------

def test_package_data_is_the_checkouts_own_files() -> None:
    assert SCHEMAS_DIR == ROOT / "schemas" and TEMPLATES_DIR == ROOT / "templates" and INPUTS_DIR == ROOT / "inputs"
    for name in ("schemas", "templates", "inputs/programs", "inputs/institutions", "inputs/cases",
                 "languagetool/pom.xml"):
        assert (DATA_DIR / name).is_symlink(), f"pipeline/data/{name} must be a link into the checkout (one copy)"


def test_the_wheel_takes_every_data_file_of_the_package() -> None:
    """Each file under pipeline/ that is not code is matched by a package-data glob of its package."""
    tables = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    package = ROOT / "pipeline"
    taken = {p for name, globs in tables.items() for pattern in globs
             for p in (ROOT / name.replace(".", "/")).glob(pattern) if p.is_file()}
    wanted = {p for p in package.rglob("*") if p.is_file() and p.suffix not in (".py", ".pyc", ".mo")
              and "__pycache__" not in p.parts}
    assert wanted and wanted <= taken, sorted(str(p.relative_to(ROOT)) for p in wanted - taken)


# --- phone numbers -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["+32 470 12 34 56", "0470/12.34.56", "09 264 75 00", "+31 20 123 4567",
                                  "0032 15 36 90 00"])
def test_phone_numbers_that_exist(text: str) -> None:
    assert is_phone_number(text) and international(text) is not None


@pytest.mark.parametrize("text", ["12345", "+32 9 123 45 67", "0470 12 34", "phone"])
def test_phone_numbers_that_do_not(text: str) -> None:
    assert not is_phone_number(text)


def test_a_case_with_a_phone_number_that_is_not_one_fails_its_schema(project: Path) -> None:
    case = yaml.safe_load((INPUTS_DIR / "cases" / "2024-2025" / "dgk-amber-claeys.yaml").read_text())
    case["mentors"][0]["phone"] = "+32 9 123 45 67"  # the pattern of digits it had, but no Belgian number
    path = project / "cases" / "test" / "dgk-amber-claeys.yaml"
    path.write_text(yaml.safe_dump(case, allow_unicode=True))
    findings = validate_project(load_project([path]))
    assert [(f.rule, f.location.pointer) for f in findings] == [("schema.format", "/mentors/0/phone")]


def test_phone_numbers_in_a_text() -> None:
    text = "Bel 0470 12 34 56 of +32 (0)9 264 75 00, niet op 12.03.2022 of 12345."
    assert [text[s:e] for s, e in find_phone_numbers(text)] == ["0470 12 34 56", "+32 (0)9 264 75 00"]
