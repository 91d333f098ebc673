"""The student's own report with the findings in it: Word comments in a DOCX, highlight annotations in a PDF.

Both read the same ``ReportResult`` the other formats read: every finding (and each further place of a repeated
one) becomes a note, anchored on the words its location points at (block index → runs of the DOCX; page and words
of the PDF). Nothing else in the file changes. ``annotate_report`` picks the format by the checked document's.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.findings import Finding, Location
from pipeline.messages import Message, Translator, msg
from pipeline.output.common import is_suggestion
from pipeline.results import ReportResult, group_name

AUTHOR = "stagepipe"
INITIALS = "SP"
SEVERITY_WORDS = {"error": msg("html.severity.error"), "warning": msg("html.severity.warning"),
                  "info": msg("html.severity.info")}


class AnnotateError(Exception):
    """The report cannot be annotated (a format without notes, such as plain text); ``text`` says why."""

    def __init__(self, text: Message) -> None:
        super().__init__(text.id)
        self.text = text


@dataclass(frozen=True)
class Note:
    """One place of one finding, with the words of its comment in the student's language."""

    finding: Finding
    location: Location
    text: str  # the comment
    quote: str | None  # the words it is about (for a PDF, to find them on the page)


@dataclass(frozen=True)
class AnnotateSummary:
    """What annotating did: notes placed on their words, and notes placed on the report as a whole."""

    anchored: int
    unanchored: int
    output: str

    @property
    def notes(self) -> int:
        return self.anchored + self.unanchored


def comment_text(finding: Finding, tr: Translator) -> str:
    """'Fout (Anonimiteit): naam van je mentor …' plus its suggestions or tip, as the HTML page words them."""
    head = tr(msg("annotate.comment", severity=SEVERITY_WORDS[finding.severity.value],
                  group=group_name(finding.check), message=finding.message))
    hint = tr(finding.hint) if finding.hint else ""
    if hint and is_suggestion(finding):
        suggestions = ", ".join(s.strip() for s in hint.split("|") if s.strip())
        return tr(msg("annotate.suggestions", comment=head, suggestions=suggestions))
    if hint:
        return tr(msg("annotate.tip", comment=head, tip=hint))
    return head


def notes(result: ReportResult, tr: Translator) -> Iterator[Note]:
    """A note per finding and per further place of a repeated finding, in reading order."""
    for finding in result.findings:
        text = comment_text(finding, tr)
        yield Note(finding, finding.location, text, finding.text)
        for place in finding.related:
            yield Note(finding, place, text, None)


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
