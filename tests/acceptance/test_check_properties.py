"""Property-based robustness through the real CLI (hypothesis, bounded examples): a DOCX whose XML and a PDF whose
bytes were mutated always give exit 0, 1 or 2, no traceback, a bounded time and a JSON document on stdout that fits
schemas/check-result.schema.json."""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator

from tests import pdf_files as pf
from tests import report_files as rf
from tests.fuzzing import PDF_PIECES, XML_PIECES, document_xml, docx_with, mutated
from tests.helpers import ROOT, run_cli

SCHEMA = Draft202012Validator(json.loads((ROOT / "schemas" / "check-result.schema.json").read_text("utf-8")))
WORK = Path(tempfile.mkdtemp(prefix="stagepipe-properties-"))
DOCX = rf.full_report(WORK / "basis.docx")
XML = document_xml(DOCX)
PDF = pf.text_pdf(WORK / "basis.pdf", [pf.page(pf.H(title), pf.body(n)) for n, title in enumerate(pf.CHAPTERS)])
SECONDS = 90  # the sandbox stops a reader at 60 s; the rest of a check of a small file takes a few
EXAMPLES = settings(max_examples=8, deadline=None, database=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def check_holds(path: Path) -> None:
    started = time.monotonic()
    result = run_cli("check", path, "--program", "tm-om", "--no-language", "--no-pages", "--format", "json",
                     timeout=SECONDS + 30)
    assert time.monotonic() - started < SECONDS
    assert result.code in (0, 1, 2), result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    document = result.json()
    SCHEMA.validate(document)
    assert document["passed"] is (result.code == 0)


@EXAMPLES
@given(mutated(XML, XML_PIECES))
def test_a_docx_with_mutated_xml(xml: bytes) -> None:
    check_holds(docx_with(DOCX, WORK / "gemuteerd.docx", xml))


@EXAMPLES
@given(mutated(PDF.read_bytes(), PDF_PIECES))
def test_a_pdf_with_mutated_bytes(data: bytes) -> None:
    path = WORK / "gemuteerd.pdf"
    path.write_bytes(data)
    check_holds(path)
