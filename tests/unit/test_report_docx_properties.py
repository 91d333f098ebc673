"""Property: whatever a DOCX's document.xml holds, the reader returns a document or refuses the file with a reason
(ReportError), never another exception: a bug of ours would be an internal error (hypothesis, bounded examples)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings

from pipeline.report.errors import ReportError
from pipeline.report.readers.docx import read_docx
from tests import report_files as rf
from tests.fuzzing import XML_PIECES, document_xml, docx_with, mutated

BASE = rf.full_report(Path(__import__("tempfile").mkdtemp(prefix="stagepipe-fuzz-")) / "basis.docx")
XML = document_xml(BASE)


@settings(max_examples=60, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated(XML, XML_PIECES))
def test_a_mutated_document_xml_is_read_or_refused_never_a_crash(xml: bytes) -> None:
    path = docx_with(BASE, BASE.with_name("gemuteerd.docx"), xml)
    try:
        document = read_docx(path)
    except ReportError as exc:
        assert exc.exit_code == 1 and exc.message("nl")
    else:
        assert document.blocks and all(b.text.strip() for b in document.blocks)
