"""Page layout of DOCX reports by LibreOffice (pipeline/report/pages.py): the true page count and each block's page."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.report.document import Part
from pipeline.report.pages import count_docx_pages
from pipeline.report.readers import read_report
from tests import report_files as rf

pytestmark = pytest.mark.integration


def test_libreoffice_counts_the_true_pages_and_places_each_block(tmp_path: Path) -> None:
    path = rf.full_report(tmp_path / "verslag.docx", body_paragraphs=6)
    document = count_docx_pages(read_report(path), path)
    assert document.pages_source == "libreoffice" and document.notices == []
    assert document.pages is not None and document.pages >= 6
    pages = [b.page for b in document.blocks if b.part is not Part.HEADERS_FOOTERS]
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] == document.pages
    page_of = {text: next(b.page for b in document.blocks if b.text == text) for text in ("Inhoudstafel", "Inleiding")}
    assert page_of == {"Inhoudstafel": 2, "Inleiding": 3}
    assert document.layout.title_page is True
    assert not list(tmp_path.glob("*.pdf"))  # the PDF was made from a copy in a scratch folder
