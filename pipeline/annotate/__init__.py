"""The student's own report with the findings in it: Word comments in a DOCX, highlight annotations in a PDF.

Both read the same ``ReportResult`` the other formats read: every finding (and each further place of a repeated
one) becomes a note, anchored on the words its location points at (block index → runs of the DOCX; page and words
of the PDF). Nothing else in the file changes. ``annotate_report`` picks the format by the checked document's.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.annotate.notes import AnnotateError, AnnotateSummary
from pipeline.messages import Translator, msg
from pipeline.results import ReportResult

__all__ = ["AnnotateError", "AnnotateSummary", "annotate_report", "suffix_for"]


def annotate_report(result: ReportResult, source: Path, target: Path, lang: str) -> AnnotateSummary:
    """Write ``source`` with the findings of ``result`` as notes to ``target`` (DOCX or PDF, as checked)."""
    tr = Translator(lang)
    kind = result.document.format
    if kind == "docx":
        from pipeline.annotate.docx_comments import annotate_docx

        return annotate_docx(result, source, target, tr)
    if kind == "pdf":
        from pipeline.annotate.pdf_notes import annotate_pdf

        return annotate_pdf(result, source, target, tr)
    raise AnnotateError(msg("annotate.unsupported", format=kind))


def suffix_for(result: ReportResult) -> str | None:
    """The file suffix of the annotated report, None when the format takes no notes."""
    return {"docx": ".docx", "pdf": ".pdf"}.get(result.document.format)
