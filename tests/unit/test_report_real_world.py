"""What real-world DOCX and PDF files hold that our own did not (issue 12): Strict Open XML, XML comments and
processing instructions, ruby and symbol text, rotated PDF text, a line repeated on every page that is all a page
holds, a page holding an inline image. Each is read, never refused or called empty."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.report.readers.docx import read_docx, run_level_text, strict_as_transitional
from pipeline.report.readers.pdf import _has_images, read_pdf
from tests import helpers
from tests import pdf_files as pf
from tests import report_files as rf


def texts(path: Path, read=read_docx) -> list[str]:  # type: ignore[no-untyped-def]
    return [b.text for b in helpers.quickly(read, path).blocks]


def test_strict_open_xml_docx_is_read_like_transitional(tmp_path: Path) -> None:
    path = rf.strict_docx(tmp_path / "strict.docx", "Inleiding", "Mijn stage begon in maart.")
    assert strict_as_transitional(path) is not None
    assert texts(path) == ["Inleiding", "Mijn stage begon in maart."]
    assert strict_as_transitional(rf.simple_docx(tmp_path / "gewoon.docx", "x")) is None


def test_comments_and_processing_instructions_anywhere_in_the_xml(tmp_path: Path) -> None:
    path = rf.comments_in_xml_docx(tmp_path / "commentaar.docx")
    assert texts(path) == ["Inleiding", "Een gewone alinea."]


def test_ruby_base_text_and_symbols_are_text(tmp_path: Path) -> None:
    [text] = texts(rf.ruby_docx(tmp_path / "ruby.docx"))
    assert text.startswith("漢字を") and "かんじ" not in text  # the base text, not the reading aid above it


def test_run_level_text_of_a_bad_symbol_is_nothing() -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    sym = OxmlElement("w:sym")
    sym.set(qn("w:char"), "zz")
    assert run_level_text(sym) == ""


@pytest.mark.parametrize("matrix", [(0, 1, -1, 0), (-1, 0, 0, -1), (0, -1, 1, 0), (1, 1, -1, 1)],
                         ids=["90", "180", "270", "45"])
def test_rotated_pdf_text_is_read(tmp_path: Path, matrix: tuple[int, int, int, int]) -> None:
    words = sum(len(t.split()) for t in texts(pf.rotated_pdf(tmp_path / "gedraaid.pdf", matrix), read_pdf))
    assert words >= 3 * 8 * 10 * 0.9


def test_text_on_rotated_pages_is_read(tmp_path: Path) -> None:
    for rotate in (90, 180, 270):
        path = pf.rotated_pdf(tmp_path / f"pagina-{rotate}.pdf", (1, 0, 0, 1), rotate=rotate)
        assert sum(len(t.split()) for t in texts(path, read_pdf)) >= 200


def test_a_running_header_never_takes_a_pages_only_text(tmp_path: Path) -> None:
    document = helpers.quickly(read_pdf, pf.one_line_pages_pdf(tmp_path / "pagina.pdf"))
    assert [b.text for b in document.blocks] == [f"Document 1: Page {n}" for n in range(1, 6)]
    assert document.layout.header is False and document.layout.page_numbers is False


def test_a_page_with_an_inline_image_needs_no_pillow(tmp_path: Path) -> None:
    from pypdf import PdfReader

    path = pf.inline_image_page_pdf(tmp_path / "afbeelding.pdf")
    assert _has_images(PdfReader(path).pages[1]) and not _has_images(PdfReader(path).pages[0])
    document = helpers.quickly(read_pdf, path)
    assert [n.rule for n in document.notices] == ["pdf-pages-without-text"]  # read, with a notice for page 2


def test_a_bug_of_ours_is_an_internal_error_and_a_parsers_surprise_is_the_files() -> None:
    from lxml import etree

    from pipeline.report.readers import is_internal

    def raised(action):  # type: ignore[no-untyped-def]
        try:
            action()
        except Exception as exc:  # noqa: BLE001
            return exc
        raise AssertionError("nothing raised")

    assert is_internal(raised(lambda: run_level_text(None)))  # type: ignore[arg-type]  # AttributeError in pipeline/
    assert is_internal(ImportError("pillow is required to do image extraction"))
    assert not is_internal(raised(lambda: etree.fromstring(b"<w:document")))  # lxml on bad bytes: the file


def test_read_report_never_dresses_a_bug_as_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.report.readers.docx as docx_reader
    from pipeline.report.errors import InternalError
    from pipeline.report.readers import read_report

    def broken(path: Path) -> None:
        return run_level_text(None)  # type: ignore[arg-type,return-value]

    monkeypatch.setattr(docx_reader, "read_docx", broken)
    with pytest.raises(InternalError) as caught:
        read_report(rf.simple_docx(tmp_path / "verslag.docx", "Inleiding"))
    assert "AttributeError" in caught.value.error and "run_level_text" in caught.value.details
