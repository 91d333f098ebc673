"""What a note says and where it points: one per finding and per further place of a repeated finding."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

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
