"""`stagepipe templates lint` over the real templates (clean) and over broken ones (every problem, located)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import docx

from tests.helpers import ROOT, run_cli


def test_the_project_templates_are_clean_and_cover_every_program_document_and_language() -> None:
    result = run_cli("templates", "lint", "--format", "json")
    assert result.code == 0, result.stdout
    report = result.json()
    assert report["findings"] == []
    assert report["templates"] == 12


def test_every_error_of_every_template_is_reported_at_once_with_its_place(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    (templates / "infofiche").mkdir(parents=True)
    (templates / "mentorbrief").mkdir()
    first = docx.Document()
    first.add_paragraph("Hallo {{ case.student.nmae }}")
    table = first.add_table(rows=2, cols=2)
    table.cell(1, 1).text = "{{ d.mentor.fone }}"
    first.add_paragraph("{% if d.digital %}nooit gesloten")
    first.save(templates / "infofiche" / "nl.docx")
    second = docx.Document()
    second.add_paragraph("{% for g in letter.goals %}{{ g }}{% endfor %} {{ letter.intro }} {{ d.student_name }}")
    second.add_paragraph("{{ letter.nonsense }}")
    second.save(templates / "mentorbrief" / "nl.docx")
    result = run_cli("templates", "lint", "--templates", templates, "--programs", tmp_path / "none", "--format", "json")
    assert result.code == 1
    found = {(Path(f["location"]["file"]).parent.name, f["rule"], f["text"]) for f in result.json()["findings"]}
    assert found == {
        ("infofiche", "unknown-field", "{{ case.student.nmae }}"),
        ("infofiche", "unknown-field", "{{ d.mentor.fone }}"),
        ("infofiche", "unclosed-block", "{% if d.digital %}"),
        ("mentorbrief", "unknown-field", "{{ letter.nonsense }}"),
    }
    text = run_cli("templates", "lint", "--templates", templates, "--programs", tmp_path / "none").stdout
    assert "T1 R2 C2" in text  # the table cell of d.mentor.fone


def test_a_program_without_a_template_in_one_of_its_languages_is_reported(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    (templates / "mentorbrief" / "fr.docx").unlink()
    result = run_cli("templates", "lint", "--templates", templates, "--format", "json")
    assert result.code == 1
    missing = {f["message"] for f in result.json()["findings"] if f["rule"] == "missing-template"}
    assert len(missing) == 5 and all("mentorbrief" in m and "(fr)" in m for m in missing)


def test_the_committed_templates_are_what_the_generator_makes(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(ROOT / "tools" / "make_templates.py"), str(tmp_path / "templates")],
                   check=True, capture_output=True)
    made = sorted(p.relative_to(tmp_path / "templates") for p in (tmp_path / "templates").rglob("*.docx"))
    committed = sorted(p.relative_to(ROOT / "templates") for p in (ROOT / "templates").rglob("*.docx"))
    assert made == committed
    for rel in made:
        assert (tmp_path / "templates" / rel).read_bytes() == (ROOT / "templates" / rel).read_bytes(), \
            f"templates/{rel} is out of date: run `make templates` and commit"
