"""PDF reports as LibreOffice exports them (from DOCX reports built for the purpose): bookmarks, fonts, parts, page
furniture, and such a PDF truncated or protected."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader, PdfWriter

from pipeline.convert.libreoffice import Converter
from pipeline.report.checks.sections import check_sections
from pipeline.report.document import BlockKind, Document, HeadingSource, Part
from pipeline.report.errors import ReportError
from pipeline.report.readers.pdf import read_pdf
from tests import helpers
from tests.helpers import program_profile
from tests.pdf_files import BODY, CHAPTERS, manual_report, styled_report, truncated_copy
from tests.profiles import report_context

pytestmark = pytest.mark.integration


def read(path: Path) -> Document:
    return helpers.quickly(read_pdf, path)


def refused(path: Path) -> ReportError:
    return helpers.refused(read_pdf, path)


@pytest.fixture(scope="session")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The DOCX reports exported to PDF by LibreOffice, all in one conversion."""
    folder = tmp_path_factory.mktemp("pdf-reports")
    sources = {"styled": styled_report(folder / "styled.docx"), "manual": manual_report(folder / "manual.docx")}
    with Converter() as converter:
        result = converter.convert(list(sources.values()))
    assert not result.failed, result.failed
    return {name: result.pdfs[source] for name, source in sources.items()}


def tm_om_sections(document: Document) -> dict[str, Any]:
    program = program_profile("tm-om")
    ctx = report_context(document, program)
    findings = list(check_sections(ctx))
    return {"findings": findings, **ctx.summaries.as_dict(str)["sections"]}


def test_libreoffice_export_with_heading_styles(exported: dict[str, Path]) -> None:
    document = read(exported["styled"])
    assert document.pages_source == "pdf" and document.pages == len(PdfReader(exported["styled"]).pages)
    assert document.layout.title_page and document.layout.toc and document.layout.page_numbers
    assert document.layout.header and document.layout.footer
    headings = [(b.text, b.level, b.heading_source) for b in document.headings]
    assert headings[:3] == [("1. Inleiding", 1, HeadingSource.PDF_OUTLINE),
                            ("2. Uitgangspunten en eerste indrukken", 1, HeadingSource.PDF_OUTLINE),
                            ("2.1 Het bedrijf", 2, HeadingSource.PDF_OUTLINE)]
    assert [text for text, level, _ in headings if level == 1] == [
        *(f"{n}. {title}" for n, title in enumerate(CHAPTERS, start=1)), "Bijlage"]
    sections = tm_om_sections(document)
    assert sections["missing"] == [] and not sections["out_of_order"] and sections["findings"] == []


def test_libreoffice_export_parts_furniture_and_table(exported: dict[str, Path]) -> None:
    document = read(exported["styled"])
    title = [b.text for b in document.blocks if b.part is Part.TITLE_PAGE]
    assert title == ["Stageverslag", "Jana Peeters", "Bachelor Organisatie en Management", "Academiejaar 2021-2022"]
    toc = list(document.of_kind(BlockKind.TOC))
    assert [b.text for b in toc][:2] == ["1. Inleiding\t3", "2. Uitgangspunten en eerste indrukken\t4"]
    assert len(toc) == len(CHAPTERS) and {b.page for b in toc} == {2}
    headers = [b for b in document.blocks if b.kind is BlockKind.HEADER]
    assert [(b.text, b.page) for b in headers] == [("Stageverslag Organisatie en Management", 2)]
    assert not any(b.kind is BlockKind.FOOTER for b in document.blocks)  # 'Pagina 2 van 6' is only a page number
    text = document.body_text
    assert "Pagina" not in text and "Stageverslag Organisatie" not in text
    assert "Week Taak" in text and "1 Onthaal" in text  # table rows come out as paragraphs
    assert [b.text for b in document.blocks if b.part is Part.APPENDIX] == [
        "Bijlage", "Het logboek van week 1 tot en met week 14."]
    flow = [b for b in document.blocks if b.part is not Part.METADATA]  # the PDF's /Creator ('Writer') comes after
    assert flow[-1].text == "Het logboek van week 1 tot en met week 14."
    assert all(b.page for b in flow)
    assert ("pdf-creator", "Writer") in {(b.label, b.text) for b in document.blocks if b.part is Part.METADATA}
    assert all(b.text == " ".join(b.text.split()) for b in document.blocks if b.kind is BlockKind.PARAGRAPH)


def test_libreoffice_export_without_heading_styles_uses_font_sizes(exported: dict[str, Path]) -> None:
    assert PdfReader(exported["manual"]).outline == []
    document = read(exported["manual"])
    assert [(b.text, b.level, b.heading_source) for b in document.headings] == [
        ("1. Inleiding", 1, HeadingSource.FONT), ("2. Uitgangspunten en eerste indrukken", 1, HeadingSource.FONT),
        ("3. Leerervaringen in het eerste deel van de stage", 1, HeadingSource.FONT),
        ("Mijn taken", 2, HeadingSource.FONT), ("4. Tussentijdse evaluatie", 1, HeadingSource.FONT)]
    layout = document.layout
    assert (layout.title_page, layout.toc, layout.header, layout.footer, layout.page_numbers) == (
        False, False, False, True, True)
    paragraphs = [b.text for b in document.blocks if b.kind is BlockKind.PARAGRAPH]
    assert paragraphs[0] == " ".join((BODY * 4).split())


def test_libreoffice_export_truncated_or_protected(exported: dict[str, Path], tmp_path: Path) -> None:
    assert refused(truncated_copy(exported["styled"], tmp_path / "half.pdf")).key == "read.pdf.truncated"
    writer = PdfWriter(clone_from=exported["styled"])
    writer.encrypt("geheim", algorithm="AES-256")
    protected = tmp_path / "geheim.pdf"
    with protected.open("wb") as fh:
        writer.write(fh)
    assert refused(protected).key == "read.pdf.password"
