"""The sample reports annotated after a real check (LibreOffice's pages, deduce, LanguageTool): in the DOCX every
finding with words is a stagepipe comment on exactly those words; in the PDF every finding is a highlight on its
page, over the words pdftotext finds there, with the message as its note."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from pipeline.annotate import annotate_report
from pipeline.annotate.pdf_notes import page_words
from pipeline.report.setup import CheckOptions, check_report
from tests.acceptance.test_web_browser import comment_anchors
from tests.helpers import INPUTS

pytestmark = pytest.mark.usefixtures("lt_server", "lt_env")
DGK = INPUTS / "cases" / "2024-2025" / "dgk-amber-claeys.yaml"


def test_every_finding_of_a_leaky_docx_is_a_comment_on_its_words(tmp_path: Path) -> None:
    report = INPUTS / "reports" / "dgk-lekken.docx"
    result = check_report(CheckOptions(report=report, case=DGK))
    out = tmp_path / "annotated.docx"
    summary = annotate_report(result, report, out, "nl")
    places = sum(1 + len(f.related) for f in result.findings)
    stored = [f for f in result.findings if f.location.page is None]  # document properties: in no page's text
    assert stored and all(f.location.where is not None for f in stored)
    assert summary.notes == places and summary.unanchored >= len(stored)
    assert summary.anchored >= len([f for f in result.findings if f.text and f not in stored])
    anchored = [words for _, _, words in comment_anchors(out)]
    for finding in result.findings:
        if finding.text and finding.location.offset is not None and finding not in stored:
            assert finding.text in anchored, (finding.rule, finding.text)


def test_every_finding_of_a_leaky_pdf_is_a_highlight_on_its_page(tmp_path: Path) -> None:
    report = INPUTS / "reports" / "dgk-lekken.pdf"
    result = check_report(CheckOptions(report=report, case=DGK))
    out = tmp_path / "annotated.pdf"
    summary = annotate_report(result, report, out, "en")
    stored = [f for f in result.findings if f.location.page is None]  # the PDF's /Author: on no page, a note for all
    assert stored and all(f.location.where is not None and not f.related for f in stored)
    assert summary.unanchored == len(stored)
    assert summary.anchored == sum(1 + len(f.related) for f in result.findings if f not in stored)
    words = page_words(out)
    notes = []
    for number, page in enumerate(PdfReader(str(out)).pages, start=1):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            assert annotation["/T"] == "stagepipe"
            if annotation["/Subtype"] == "/Text":  # the note for a stored value, on the first page
                assert number == 1 and "Amber Claeys" in str(annotation["/Contents"])
                continue
            assert annotation["/Subtype"] == "/Highlight"
            x0, y0, x1, y1 = (float(v) for v in annotation["/Rect"])
            top = float(page.cropbox.top)
            under = " ".join(w.text for w in words[number - 1]
                             if w.box[0] >= x0 - 1 and w.box[2] <= x1 + 1 and top - w.box[3] >= y0 - 1
                             and top - w.box[1] <= y1 + 1)
            notes.append((number, str(annotation["/Contents"]), under))
    for finding in result.findings:
        if finding.check == "anonymity" and finding not in stored:
            assert any(page == finding.location.page and finding.text and finding.text.split()[0] in under
                       for page, _, under in notes), finding.text
    assert all(text.split(" ", 1)[0] in ("Error", "Warning", "Remark", "Note") for _, text, _ in notes)
