"""The sample reports in inputs/reports/: generated deterministically and up to date, the good one within the tm-om
limits, and `stagepipe check` answers each with its expected exit code and the problems planted in it."""

from __future__ import annotations

import importlib.util
import io
import json
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import docx
import pytest
from docx.table import Table
from docx.text.paragraph import Paragraph
from jsonschema import Draft202012Validator
from pypdf import PdfReader

from tests.helpers import ROOT, TM_OM_SECTIONS, docx_text, run_cli

REPORTS = ROOT / "inputs" / "reports"
CHECK_RESULT = Draft202012Validator(json.loads((ROOT / "schemas" / "check-result.schema.json").read_text("utf-8")),
                                    format_checker=Draft202012Validator.FORMAT_CHECKER)
MANIFEST = json.loads((REPORTS / "reports.json").read_text(encoding="utf-8"))["reports"]
WORD = re.compile(r"\S*[^\W_]\S*")  # a word as the length check counts it


def load_generator() -> ModuleType:
    """tools/make_reports.py as a module (tools/ is not a package)."""
    sys.path.insert(0, str(ROOT / "tools"))
    spec = importlib.util.spec_from_file_location("make_reports", ROOT / "tools" / "make_reports.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_reports"] = module
    spec.loader.exec_module(module)
    return module


GENERATOR = load_generator()


def body_blocks(document: Any) -> Iterator[Paragraph | Table]:
    """Paragraphs and tables of the body, in reading order."""
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            yield Paragraph(child, document)
        elif child.tag.endswith("}tbl"):
            yield Table(child, document)


def styled_lines(path: Path) -> list[str]:
    """What a reader sees, with the styles: every paragraph with its style, every table cell, headers and footers."""
    document = docx.Document(io.BytesIO(path.read_bytes()))
    out: list[str] = []
    for block in body_blocks(document):
        if isinstance(block, Paragraph):
            out.append(f"{block.style.name if block.style else '-'}: {block.text}")
        else:
            out.extend(f"cell: {cell.text}" for row in block.rows for cell in row.cells)
    for section in document.sections:
        for part in (section.header, section.footer):
            out.extend(f"{type(part).__name__}: {p.text}" for p in part.paragraphs)
    return out


def test_every_sample_in_the_manifest_exists_and_the_readme_names_it() -> None:
    readme = (REPORTS / "README.md").read_text(encoding="utf-8")
    names = [entry["name"] for entry in MANIFEST]
    assert len(set(names)) == len(names)
    for entry in MANIFEST:
        assert (REPORTS / entry["file"]).is_file(), entry["file"]
        assert f"`{entry['file']}`" in readme, entry["file"]
        assert entry["expect"] in (0, 1)
        if entry["case"]:
            assert (ROOT / entry["case"]).is_file()


def test_generator_is_deterministic_and_the_committed_reports_are_up_to_date(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        GENERATOR.generate(out, pdf=False, log=lambda _: None)
    generated = sorted(p.name for p in first.iterdir())
    assert generated == sorted(p.name for p in second.iterdir())
    for name in generated:
        assert (first / name).read_bytes() == (second / name).read_bytes(), f"{name} differs between two runs"
        committed = REPORTS / name
        if name.endswith(".docx"):
            assert styled_lines(first / name) == styled_lines(committed), (
                f"{name} is out of date: run `make reports` (python tools/make_reports.py)")
        else:
            assert (first / name).read_text(encoding="utf-8") == committed.read_text(encoding="utf-8"), name


def test_good_report_counts_5000_to_5500_words_over_title_page_toc_body_and_tables() -> None:
    """tm-om: report.length words 5000-5500, include [body, toc, title-page, tables]: all but the appendix."""
    document = docx.Document(str(REPORTS / "om-goed.docx"))
    words = 0
    for block in body_blocks(document):
        if isinstance(block, Paragraph):
            if block.style is not None and block.style.name == "Heading 1" and block.text == "Bijlage":
                break
            words += len(WORD.findall(block.text))
        else:
            words += sum(len(WORD.findall(cell.text)) for row in block.rows for cell in row.cells)
    assert 5000 <= words <= 5500, words


def test_good_report_has_the_tm_om_lay_out() -> None:
    document = docx.Document(str(REPORTS / "om-goed.docx"))
    xml = document.element.xml
    assert 'TOC \\o "1-3" \\h \\z \\u' in xml and "w:fldChar" in xml
    footer = document.sections[0].footer._element.xml
    assert " PAGE " in footer
    assert document.sections[0].header.paragraphs[0].text.startswith("Stageverslag")
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert headings == list(TM_OM_SECTIONS)
    assert sum(1 for p in document.paragraphs if p.style is not None and p.style.name == "Heading 2") >= 10
    assert document.tables
    case = GENERATOR.load_case(MANIFEST[0]["case"])
    text = docx_text(REPORTS / "om-goed.docx")
    for name in (case["placement"]["name"], case["placement"]["representative"]["name"], case["mentors"][0]["name"],
                 case["supervisor"]["name"], "Janssens", "De Smet"):
        assert name not in text, name
    assert f"{case['student']['first_name']} {case['student']['last_name']}" in text


@pytest.mark.integration
def test_good_report_is_16_to_20_pages_in_libreoffice_and_its_toc_shows_the_real_pages(tmp_path: Path) -> None:
    pdf = GENERATOR.to_pdf(REPORTS / "om-goed.docx", tmp_path)
    pages = len(PdfReader(str(pdf)).pages)
    assert 16 <= pages <= 20, pages
    cached = [p.text.rsplit("\t", 1) for p in docx.Document(str(REPORTS / "om-goed.docx")).paragraphs
              if p.style is not None and p.style.name.startswith("toc ")]
    laid_out = dict(GENERATOR.heading_pages(pdf))
    assert [(title, int(page)) for title, page in cached] == [(title, laid_out[title]) for title, _ in cached]


@pytest.mark.integration
def test_committed_pdf_is_the_docx_converted_by_libreoffice(tmp_path: Path) -> None:
    pdf = GENERATOR.to_pdf(REPORTS / "dgk-lekken.docx", tmp_path)
    assert GENERATOR.pdf_text(pdf) == GENERATOR.pdf_text(REPORTS / "dgk-lekken.pdf")


# ------------------------------------------------------------------------------------------ stagepipe check

def _errors_and_warnings(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in doc["findings"] if f["severity"] in ("error", "warning")]


def _leaked(doc: dict[str, Any], leak: str) -> bool:
    """Some anonymity finding points at ``leak`` (its text is the leak, or a good part of it)."""
    for finding in doc["findings"]:
        text = (finding.get("text") or "").strip()
        if finding["check"] == "anonymity" and text and (leak in text or (len(text) >= 4 and text in leak)):
            return True
    return False


def expect_om_goed(doc: dict[str, Any]) -> None:
    assert _errors_and_warnings(doc) == []
    assert 16 <= doc["pages"] <= 20 and 5000 <= doc["words"] <= 5500
    assert doc["sections"]["missing"] == [] and len(doc["sections"]["found"]) == 7
    assert not [f for f in doc["findings"] if f["check"] == "language"]


def expect_om_problemen(doc: dict[str, Any]) -> None:
    rules = {f["rule"] for f in doc["findings"]}
    assert {"missing-section", "section-order", "length-min", "pages-min", "toc", "page-numbers"} <= rules
    assert rules & {"heading-consistency", "not-a-heading"}
    assert sorted(doc["sections"]["missing"]) == ["Bijlage", "Leerervaringen in het tweede deel van de stage"]
    assert doc["sections"]["out_of_order"] is True
    language = [(f.get("category"), f.get("text") or "") for f in doc["findings"] if f["check"] == "language"]
    assert ("dt", "word") in language
    assert any(category == "dt" and "vind" in text for category, text in language)
    assert ("spelling", "onmiddelijk") in language
    for leak in ("Sarah De Smet", "Janssens & Zonen", "Luc Janssens"):
        assert _leaked(doc, leak), leak


def expect_dgk_lekken(doc: dict[str, Any]) -> None:
    leaks = [f for f in doc["findings"] if f["check"] == "anonymity"]
    assert leaks and all(f["severity"] == "error" for f in leaks if f["severity"] != "info")
    for leak in ("Clinique Vétérinaire des Ardennes", "Claire Dubois", "Verstraete", "+32 61 22 33 44",
                 "claire.dubois@cvardennes.example.be", "Rue de la Gare 8"):
        assert _leaked(doc, leak), leak


def expect_dgk_lekken_docx(doc: dict[str, Any]) -> None:  # and of its PDF
    expect_dgk_lekken(doc)
    assert doc["sections"]["missing"] == []  # "1. Logboek" (Kop1) and "3. STRUCTUUR ..." (capitals) are sections


def expect_ims_reflecties(doc: dict[str, Any]) -> None:
    errors = [f for f in doc["findings"] if f["severity"] == "error"]
    assert sorted(f["rule"] for f in errors) == ["reflection-empty-answer", "reflection-missing-question"]
    by_rule = {f["rule"]: f for f in errors}
    assert by_rule["reflection-empty-answer"]["text"].startswith("Omschrijf in 3 woorden")
    assert "week 2" in by_rule["reflection-empty-answer"]["message"]
    assert by_rule["reflection-missing-question"]["text"].startswith("Week 4")
    assert "Hoe heb ik deze moeilijkheden opgelost?" in by_rule["reflection-missing-question"]["message"]


def expect_verslag_md(doc: dict[str, Any]) -> None:
    assert doc["program"] is None
    assert _errors_and_warnings(doc) == []


EXPECTATIONS: dict[str, Callable[[dict[str, Any]], None]] = {
    "om-goed": expect_om_goed,
    "om-problemen": expect_om_problemen,
    "dgk-lekken": expect_dgk_lekken_docx,
    "dgk-lekken-pdf": expect_dgk_lekken_docx,  # the PDF reader finds the same four sections
    "ims-reflecties": expect_ims_reflecties,
    "verslag-md": expect_verslag_md,
}


def test_every_sample_has_its_expectations() -> None:
    assert sorted(EXPECTATIONS) == sorted(entry["name"] for entry in MANIFEST)


@pytest.mark.integration
@pytest.mark.usefixtures("lt_server", "lt_env")  # the session's LanguageTool server, reached through its cache folder
@pytest.mark.parametrize("entry", MANIFEST, ids=[entry["name"] for entry in MANIFEST])
def test_stagepipe_check_gives_each_sample_its_exit_code_and_findings(entry: dict[str, Any]) -> None:
    args: list[str | Path] = ["check", REPORTS / entry["file"], "--format", "json"]
    args += ["--case", ROOT / entry["case"]] if entry["case"] else []
    result = run_cli(*args, timeout=300)
    assert result.code == entry["expect"], result.stdout[-3000:] + result.stderr[-3000:]
    doc = result.json()
    problems = [f"{'/'.join(map(str, e.absolute_path))}: {str(e.message)}" for e in CHECK_RESULT.iter_errors(doc)]
    assert problems == [], problems  # the published schema of the check result holds for every sample
    assert doc["passed"] is (entry["expect"] == 0)
    assert doc["program"] == entry["program"]
    EXPECTATIONS[entry["name"]](doc)
