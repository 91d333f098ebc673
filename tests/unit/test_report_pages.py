"""Page layout of reports (pipeline/report/pages.py) without LibreOffice: blocks mapped to the pages of a PDF's
text, and the page count Word saved in the file when LibreOffice cannot lay it out. (With LibreOffice:
tests/integration/test_report_pages_libreoffice.py.)"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from pipeline.findings import Severity
from pipeline.report.document import Block, BlockKind
from pipeline.report.pages import count_docx_pages, map_blocks_to_pages, saved_page_count
from pipeline.report.readers import read_report
from tests import report_files as rf


def test_blocks_are_mapped_to_the_pdf_pages_in_order() -> None:
    texts = [(BlockKind.PARAGRAPH, "Stageverslag"), (BlockKind.TOC, "Inleiding\t2"), (BlockKind.TOC, "Conclusie\t3"),
             (BlockKind.HEADING, "Inleiding"), (BlockKind.PARAGRAPH, "Ik  werkte\tmee aan de “planning”."),
             (BlockKind.PARAGRAPH, "Niet in de PDF"), (BlockKind.HEADING, "Conclusie"),
             (BlockKind.PARAGRAPH, "Een fijne stage"), (BlockKind.FOOTER, "1")]
    blocks = [Block(i, kind, text) for i, (kind, text) in enumerate(texts)]
    pages = ["Stageverslag\nInhoud\nInleiding ..... 2\nConclusie .... 3\n1",
             "Inleiding\nIk werkte mee aan de\n\"planning\".\n2", "Conclusie\nEen \ufb01jne stage\n3"]
    mapped = map_blocks_to_pages(blocks, pages)
    assert [b.page for b in mapped] == [1, 1, 1, 2, 2, 2, 3, 3, None]


def test_without_libreoffice_the_page_count_word_saved_with_a_notice(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STAGEPIPE_SOFFICE", "/nonexistent")
    source = rf.full_report(tmp_path / "bron.docx")
    with zipfile.ZipFile(source) as z:
        app = z.read("docProps/app.xml").replace(b"<Pages>1</Pages>", b"<Pages>12</Pages>")
    path = rf.rewrite_zip(source, tmp_path / "verslag.docx", {"docProps/app.xml": app})
    assert saved_page_count(path) == 12
    document = count_docx_pages(read_report(path), path)
    assert (document.pages, document.pages_source) == (12, "docx-metadata")
    [notice] = document.notices
    assert (notice.check, notice.rule, notice.severity) == ("length", "pages-estimate", Severity.WARNING)
    assert "Word" in str(notice.message) and "12" in str(notice.message) and "/nonexistent" in str(notice.hint)


def test_without_libreoffice_and_without_metadata_no_count(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STAGEPIPE_SOFFICE", "/nonexistent")
    source = rf.full_report(tmp_path / "bron.docx")
    with zipfile.ZipFile(source) as z:
        app = z.read("docProps/app.xml").replace(b"<Pages>1</Pages>", b"")
    path = rf.rewrite_zip(source, tmp_path / "verslag.docx", {"docProps/app.xml": app})
    document = count_docx_pages(read_report(path), path)
    assert document.pages is None and document.pages_source is None
    assert [n.rule for n in document.notices] == ["pages-unavailable"]


def test_reading_alone_leaves_the_pages_to_the_layout(tmp_path: Path) -> None:
    document = read_report(rf.full_report(tmp_path / "verslag.docx"))
    assert document.pages is None and document.notices == []
