"""`stagepipe check` against the real components: LanguageTool on the body text, LibreOffice for DOCX pages."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK

from pipeline.language import server
from tests.helpers import run_cli

pytestmark = pytest.mark.integration


def _report(path: Path, paragraphs: list[str], *, pages: int = 1) -> Path:
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Stageverslag Hij vind"  # a header is not checked for language
    document.add_heading("Inleiding", level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    for _ in range(pages - 1):
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        document.add_paragraph("Nog een pagina.")
    document.save(str(path))
    return path


@pytest.mark.usefixtures("lt_env")
def test_dt_error_in_the_body_is_found_with_its_place_and_repeats_are_grouped(
        tmp_path: Path, lt_server: server.ServerState) -> None:
    report = _report(tmp_path / "verslag.docx", [
        "Ik vond de stage boeiend en ik heb veel bijgeleerd.",
        "Hij vind het een leerrijke stage.",
        "Mijn mentor zegt dat hij het ook zo vind.",
    ])
    result = run_cli("check", report, "--only", "language", "--format", "json", timeout=300)
    assert result.code in (0, 1), result.stderr
    doc = result.json()
    dt = [f for f in doc["findings"] if f.get("category") == "dt"]
    assert dt, doc["findings"]
    first = dt[0]
    # LanguageTool marks "Hij vind" (subject and verb); the place is paragraph 2 of the body, from its start
    assert "vind" in first["text"] and first["location"]["paragraph"] == 2
    assert first["location"]["offset"] == 0 and first["location"]["length"] == len(first["text"])
    # the header's "Hij vind" is not the student's body text
    assert all(f["location"].get("paragraph") != 0 or f["check"] != "language" for f in doc["findings"])
    grouped = [f for f in dt if f.get("related")]
    if len(dt) == 1:  # both sentences are the same error: one finding with the other place
        assert grouped and grouped[0]["related"][0]["paragraph"] == 3


@pytest.mark.usefixtures("lt_env")
def test_spelling_error_found_and_a_correct_report_is_clean(tmp_path: Path, lt_server: server.ServerState) -> None:
    wrong = _report(tmp_path / "fout.docx", ["Ik heb dat onmiddelijk gedaan."])
    right = _report(tmp_path / "goed.docx", ["Ik heb dat onmiddellijk gedaan, zoals mijn mentor vroeg."])
    bad = run_cli("check", wrong, "--only", "language", "--format", "json", timeout=300).json()
    good = run_cli("check", right, "--only", "language", "--format", "json", timeout=300).json()
    assert [f["text"] for f in bad["findings"] if f.get("category") == "spelling"] == ["onmiddelijk"]
    assert [f for f in good["findings"] if f["check"] == "language" and f["severity"] != "info"] == []


def test_docx_pages_are_counted_by_libreoffice(tmp_path: Path) -> None:
    report = _report(tmp_path / "verslag.docx", ["Tekst."], pages=3)
    result = run_cli("check", report, "--program", "tm-om", "--no-language", "--only", "length", "--format", "json",
                     timeout=300)
    doc = result.json()
    assert doc["pages"] == 3
    assert doc["details"]["length"]["pages_source"] == "libreoffice"
    assert "pages-min" in {f["rule"] for f in doc["findings"]}
