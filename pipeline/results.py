"""What every command returns: its findings plus a typed summary. The formatters (pipeline.output) read only this.

One result type per command: ``ValidationResult`` (validate), ``ReportResult`` (check), ``RenderResult`` (render),
``LanguageResult`` (languagetool check) and ``LintResult`` (templates lint). Each says which groups its findings
fall into (``groups``), whether it passed and its exit code; the report result also carries a typed summary per
check group (``ReportSummaries``) instead of a dict of facts. The names a student reads for groups, parts and
severities are messages here, next to the order of the checks, so no formatter needs to know the checks.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.findings import Finding, Severity, exit_code
from pipeline.messages import Message, msg

if TYPE_CHECKING:
    from pipeline.report.document import Document

# the order in which report checks run and appear (docdeid-style named groups)
CHECK_ORDER = ("sections", "length", "anonymity", "language", "format")

GROUP_NAMES: dict[str, Message] = {
    "read": msg("out.group.read"),
    "internal": msg("out.group.internal"),
    "budget": msg("out.group.budget"),
    "sections": msg("out.group.sections"),
    "length": msg("out.group.length"),
    "anonymity": msg("out.group.anonymity"),
    "language": msg("out.group.language"),
    "format": msg("out.group.format"),
}

# how a student calls each part of a report (length messages, output)
PART_NAMES: dict[str, Message] = {
    "title-page": msg("part.title-page"),
    "toc": msg("part.toc"),
    "body": msg("part.body"),
    "appendix": msg("part.appendix"),
    "headers-footers": msg("part.headers-footers"),
    "tables": msg("part.tables"),
    "footnotes": msg("part.footnotes"),
    "endnotes": msg("part.endnotes"),
    "comments": msg("part.comments"),
    "metadata": msg("part.metadata"),
    # containers inside the flow (a block keeps the part it is anchored in; pipeline.report.document.Container)
    "text-box": msg("part.text-box"),
    "content-control": msg("part.content-control"),
    "diagram": msg("part.diagram"),
}

SEVERITY_NAMES: dict[Severity, Message] = {
    Severity.ERROR: msg("out.severity.error"),
    Severity.WARNING: msg("out.severity.warning"),
    Severity.INFO: msg("out.severity.info"),
}

CATEGORY_NAMES: dict[str, Message] = {
    "spelling": msg("out.category.spelling"),
    "grammar": msg("out.category.grammar"),
    "style": msg("out.category.style"),
    "dt": msg("out.category.dt"),
    "other": msg("out.category.other"),
}


def part_name(part: object) -> Message | str:
    return PART_NAMES.get(str(part), str(part))


def group_name(group: str) -> Message | str:
    return GROUP_NAMES.get(group, group)


@dataclass(frozen=True)
class Counts:
    errors: int = 0
    warnings: int = 0
    infos: int = 0

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> Counts:
        counter = Counter(f.severity for f in findings)
        return cls(counter[Severity.ERROR], counter[Severity.WARNING], counter[Severity.INFO])

    def as_dict(self) -> dict[str, int]:
        return {"errors": self.errors, "warnings": self.warnings, "infos": self.infos}

    @property
    def total(self) -> int:
        return self.errors + self.warnings + self.infos


@dataclass(frozen=True)
class FindingGroup:
    """Findings that belong together in the output: a check group of a report, a file, a case."""

    id: str
    title: Message | str
    findings: tuple[Finding, ...]
    skipped: Message | None = None  # the group ran without checking anything (the language check without a server)

    @property
    def counts(self) -> Counts:
        return Counts.of(self.findings)


class ResultBase:
    """What every result has: its findings, whether it passed and its exit code."""

    findings: Sequence[Finding]
    command: str = ""

    @property
    def counts(self) -> Counts:
        return Counts.of(self.findings)

    @property
    def passed(self) -> bool:
        return exit_code(self.findings) == 0

    @property
    def exit_code(self) -> int:
        return exit_code(self.findings)

    @property
    def subject(self) -> str:
        """What was checked, for titles."""
        return ""

    def groups(self) -> list[FindingGroup]:
        """The findings by file (or case), in order; a result type with check groups overrides it."""
        by_file: dict[str, list[Finding]] = {}
        for finding in self.findings:
            by_file.setdefault(finding.location.file or "-", []).append(finding)
        return [FindingGroup(file, file, tuple(found)) for file, found in by_file.items()]


# --- validate -------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ProjectSummary:
    """What a validate run looked at."""

    institutions: int = 0
    programs: int = 0
    cases: int = 0
    cohorts: int = 0


@dataclass(frozen=True)
class ValidationResult(ResultBase):
    files: tuple[str, ...]
    findings: tuple[Finding, ...]
    summary: ProjectSummary = field(default_factory=ProjectSummary)
    command: str = "validate"

    @property
    def subject(self) -> str:
        return ", ".join(self.files) if len(self.files) <= 3 else f"{len(self.files)} files"


# --- templates lint -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class LintResult(ResultBase):
    templates: int
    findings: tuple[Finding, ...]
    root: str = ""
    command: str = "lint"

    @property
    def subject(self) -> str:
        return self.root


# --- render ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PackOutcome:
    """One case of a render run: made, skipped (unchanged) or failed, with its findings."""

    case_id: str
    status: str  # "rendered" | "skipped" | "failed"
    findings: tuple[Finding, ...] = ()
    source: str | None = None


STATUS_NAMES: dict[str, Message] = {"rendered": msg("render.rendered"), "skipped": msg("render.skipped"),
                                    "failed": msg("render.failed")}


@dataclass(frozen=True)
class RenderResult(ResultBase):
    packs: tuple[PackOutcome, ...]
    general: tuple[Finding, ...]  # not tied to one case (e.g. no LibreOffice)
    out: str
    command: str = "render"

    @property
    def findings(self) -> tuple[Finding, ...]:  # type: ignore[override]  # a property over the packs' findings
        return (*(f for pack in self.packs for f in pack.findings), *self.general)

    def count(self, status: str) -> int:
        return sum(1 for pack in self.packs if pack.status == status)

    @property
    def exit_code(self) -> int:
        return 1 if self.count("failed") or exit_code(self.general) else 0

    @property
    def passed(self) -> bool:
        return self.exit_code == 0

    @property
    def subject(self) -> str:
        return self.out

    def groups(self) -> list[FindingGroup]:
        groups = [FindingGroup(pack.case_id, pack.case_id, pack.findings) for pack in self.packs]
        if self.general:
            groups.append(FindingGroup("render", msg("out.group.render"), self.general))
        return groups


# --- languagetool check ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class LanguageResult(ResultBase):
    file: str
    language: str
    characters: int
    findings: tuple[Finding, ...]
    command: str = "languagetool"

    @property
    def subject(self) -> str:
        return self.file

    def category_counts(self) -> dict[str, int]:
        counts = Counter(f.category or "other" for f in self.findings)
        return dict(sorted(counts.items()))


# --- check (reports) ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SectionRef:
    """A required section, and where it was found (heading text, page, block index) when it was."""

    id: str
    title: str
    heading: str | None = None
    page: int | None = None
    paragraph: int | None = None

    def as_dict(self, *, found: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "title": self.title}
        if found:
            out.update(heading=self.heading, page=self.page, paragraph=self.paragraph)
        return out


@dataclass(frozen=True)
class SectionsSummary:
    required: tuple[SectionRef, ...]
    found: tuple[SectionRef, ...]
    missing: tuple[SectionRef, ...]
    out_of_order: bool

    def match(self, section_id: str) -> SectionRef | None:
        return next((s for s in self.found if s.id == section_id), None)

    def as_dict(self) -> dict[str, Any]:
        return {"required": [s.as_dict() for s in self.required], "found": [s.as_dict(found=True) for s in self.found],
                "missing": [s.as_dict() for s in self.missing], "out_of_order": self.out_of_order}


@dataclass(frozen=True)
class WeekSummary:
    week: int
    paragraph: int
    answered: int
    missing: tuple[str, ...] = ()  # the questions not asked
    empty: tuple[str, ...] = ()  # the questions left unanswered

    @property
    def questions(self) -> int:
        return self.answered + len(self.missing) + len(self.empty)

    @property
    def complete(self) -> bool:
        return not self.missing and not self.empty

    def as_dict(self) -> dict[str, Any]:
        return {"week": self.week, "paragraph": self.paragraph, "answered": self.answered,
                "missing": list(self.missing), "empty": list(self.empty)}


@dataclass(frozen=True)
class ReflectionSummary:
    questions: int
    weeks: tuple[WeekSummary, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"questions": self.questions, "weeks": [w.as_dict() for w in self.weeks]}


@dataclass(frozen=True)
class LengthSummary:
    pages: int | None
    pages_source: str | None
    pages_min: int | float | None  # the profile's limits: JSON Schema numbers, as the profile writes them
    pages_max: int | float | None
    words: int | None
    characters: int | None
    characters_no_spaces: int | None
    unit: str  # words | characters | characters_no_spaces
    min: int | float | None
    max: int | float | None
    parts: tuple[str, ...]

    @property
    def estimated(self) -> bool:
        return self.pages is not None and self.pages_source == "docx-metadata"

    def count(self, unit: str) -> int | None:
        return {"words": self.words, "characters": self.characters,
                "characters_no_spaces": self.characters_no_spaces}.get(unit)

    def as_dict(self) -> dict[str, Any]:
        return {"pages": self.pages, "pages_source": self.pages_source, "pages_min": self.pages_min,
                "pages_max": self.pages_max, "words": self.words, "characters": self.characters,
                "characters_no_spaces": self.characters_no_spaces, "unit": self.unit, "min": self.min,
                "max": self.max, "parts": list(self.parts)}


@dataclass(frozen=True)
class AnonymitySummary:
    deduce: bool
    deduce_init_seconds: float | None
    scope: tuple[str, ...]
    known_names: int
    counts: tuple[tuple[str, int], ...]  # kind of leak → how many, sorted by kind
    places_seen: int
    not_names: tuple[tuple[str, int], ...] = ()  # candidates that are no name (place, breed, ...) → how many
    title_page_names: tuple[tuple[str, int], ...] = ()  # role (student, school) → names the title page gave it

    def as_dict(self) -> dict[str, Any]:
        return {"deduce": self.deduce, "deduce_init_seconds": self.deduce_init_seconds, "scope": list(self.scope),
                "known_names": self.known_names, "counts": dict(self.counts), "places_seen": self.places_seen,
                "not_names": dict(self.not_names), "title_page_names": dict(self.title_page_names)}


@dataclass(frozen=True)
class LanguageSummary:
    skipped: Message | None = None  # why nothing was checked
    language: str | None = None
    characters_checked: int | None = None
    paragraphs_checked: int | None = None
    matches: int | None = None
    code_blocks: int | None = None  # blocks not checked because they are code
    accepted: tuple[tuple[str, int], ...] = ()  # why matches were not shown (pipeline.language.vocabulary.Reason)
    repeated_words: int | None = None  # words flagged 3× or more, shown once as a remark
    detected: str | None = None  # ISO code of the language most of the text is in
    languages: tuple[str, ...] = ()  # the LanguageTool codes parts were checked in
    not_checked: tuple[tuple[str, int], ...] = ()  # ISO code -> paragraphs not checked (a language not allowed)

    def as_dict(self, translate: Any) -> dict[str, Any]:
        if self.skipped is not None:
            return {"skipped": translate(self.skipped)}
        return {"language": self.language, "characters_checked": self.characters_checked,
                "paragraphs_checked": self.paragraphs_checked, "matches": self.matches,
                "code_blocks": self.code_blocks, "accepted": dict(self.accepted),
                "repeated_words": self.repeated_words, "detected": self.detected, "languages": list(self.languages),
                "not_checked": dict(self.not_checked)}


FORMAT_ITEMS = ("title-page", "toc", "page-numbers", "header-footer", "heading-consistency")


@dataclass(frozen=True)
class FormatSummary:
    """Which lay-out items the report has: True/False, or None where the file cannot tell."""

    title_page: bool | None
    toc: bool | None
    page_numbers: bool | None
    header_footer: bool | None
    heading_consistency: bool
    checked: tuple[str, ...]  # the items the program asks for

    def value(self, item: str) -> bool | None:
        return {"title-page": self.title_page, "toc": self.toc, "page-numbers": self.page_numbers,
                "header-footer": self.header_footer, "heading-consistency": self.heading_consistency}[item]

    def items(self) -> list[tuple[str, bool | None]]:
        """(item, present?) for the items the program asks for, in a fixed order."""
        return [(item, self.value(item)) for item in FORMAT_ITEMS if item in self.checked]

    def as_dict(self) -> dict[str, Any]:
        return {"title-page": self.title_page, "toc": self.toc, "page-numbers": self.page_numbers,
                "header-footer": self.header_footer, "checked": list(self.checked),
                "heading-consistency": self.heading_consistency}


@dataclass
class ReportSummaries:
    """What each check group measured (None: the group did not run)."""

    sections: SectionsSummary | None = None
    reflection: ReflectionSummary | None = None
    length: LengthSummary | None = None
    anonymity: AnonymitySummary | None = None
    language: LanguageSummary | None = None
    format: FormatSummary | None = None
    program_notice: Message | None = None  # said once at the top (no program chosen)

    def skipped(self, group: str) -> Message | None:
        return self.language.skipped if group == "language" and self.language is not None else None

    def as_dict(self, translate: Any) -> dict[str, Any]:
        """The JSON ``details``: one entry per group that measured something."""
        out: dict[str, Any] = {}
        for key in ("sections", "reflection", "length", "anonymity"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value.as_dict()
        if self.language is not None:
            out["language"] = self.language.as_dict(translate)
        if self.format is not None:
            out["format"] = self.format.as_dict()
        if self.program_notice is not None:
            out["program"] = {"notice": translate(self.program_notice)}
        return out


@dataclass
class ReportResult(ResultBase):
    """What `stagepipe check` found in one report."""

    document: Document
    program: str | None
    findings: list[Finding]
    checks: list[str]  # the groups that ran
    summaries: ReportSummaries = field(default_factory=ReportSummaries)
    command: str = "check"
    refused: bool = False  # the report could not be read: one finding of check 'read' says why (exit 1)
    internal_error: str | None = None  # a bug of ours met on this report: its traceback (exit 2)
    case_id: str | None = None  # the case the report was checked against (--case, or matched in a cohort)

    @property
    def subject(self) -> str:
        return self.document.path

    @property
    def exit_code(self) -> int:
        return 2 if self.internal_error is not None else exit_code(self.findings)

    @property
    def passed(self) -> bool:
        return self.exit_code == 0

    def groups(self) -> list[FindingGroup]:
        """(check group, its findings in reading order) for every group that ran or found something, in CHECK_ORDER
        (other groups, such as a reader's notices, after them)."""
        by_group: dict[str, list[Finding]] = {}
        for finding in self.findings:
            by_group.setdefault(finding.check, []).append(finding)
        names = [g for g in CHECK_ORDER if g in self.checks or g in by_group]
        names += [g for g in self.checks if g not in names]
        names += [g for g in by_group if g not in names]
        return [FindingGroup(name, group_name(name), tuple(by_group.get(name, [])), self.summaries.skipped(name))
                for name in names]

    def not_checked(self) -> list[str]:
        """Check groups that did not run (--only, --skip, --no-language) or ran without checking anything."""
        ran = {g.id for g in self.groups()}
        return [g for g in CHECK_ORDER if g not in ran or self.summaries.skipped(g)]


# --- check of a cohort ----------------------------------------------------------------------------------------

COHORT_STATUS_NAMES: dict[str, Message] = {
    "passed": msg("cohort.status.passed"), "failed": msg("cohort.status.failed"),
    "refused": msg("cohort.status.refused"), "internal-error": msg("cohort.status.internal-error"),
    "not-run": msg("cohort.status.not-run"),
}
UNMATCHED_NAMES: dict[str, Message] = {
    "no-case": msg("cohort.unmatched.no-case"), "several-cases": msg("cohort.unmatched.several-cases"),
    "case-taken": msg("cohort.unmatched.case-taken"), "mapping-unknown-case": msg("cohort.unmatched.mapping"),
}


@dataclass(frozen=True)
class CohortRow:
    """One student's report in a cohort check: its result in short (the whole result is in ``-o DIR``)."""

    case_id: str
    student: str
    file: str
    status: str  # passed | failed | refused | internal-error | not-run
    exit_code: int
    errors: int
    warnings: int
    infos: int
    pages: int | None = None
    words: int | None = None
    problems: tuple[str, ...] = ()  # the errors, in the language asked for
    seconds: float = 0.0


@dataclass(frozen=True)
class UnmatchedReport:
    """A report that matched no case, or more than one: listed, never guessed."""

    file: str
    reason: str  # no-case | several-cases | case-taken | mapping-unknown-case
    candidates: tuple[str, ...] = ()


@dataclass(frozen=True)
class CohortResult(ResultBase):
    """`stagepipe check DIR... --cases COHORT`: a row per student, the reports no case matched, the cases without
    a report."""

    cohort: str
    rows: tuple[CohortRow, ...]
    unmatched: tuple[UnmatchedReport, ...] = ()
    without_report: tuple[tuple[str, str], ...] = ()  # (case id, student)
    findings: tuple[Finding, ...] = ()
    command: str = "check"

    @property
    def subject(self) -> str:
        return self.cohort

    @property
    def exit_code(self) -> int:
        if any(row.exit_code == 2 for row in self.rows):
            return 2
        return 1 if self.unmatched or any(row.exit_code for row in self.rows) else 0

    @property
    def passed(self) -> bool:
        return self.exit_code == 0

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)


# --- import ---------------------------------------------------------------------------------------------------

IMPORT_STATUS_NAMES: dict[str, Message] = {
    "written": msg("import.status.written"), "updated": msg("import.status.updated"),
    "unchanged": msg("import.status.unchanged"), "edited": msg("import.status.edited"),
    "failed": msg("import.status.failed"),
}


@dataclass(frozen=True)
class ImportedRow:
    """What became of one row of the sheet: its case file written, updated, unchanged, left alone (edited by
    hand: ``diff`` says what --update would change) or not written (failed)."""

    row: int
    case_id: str
    status: str
    path: str | None = None
    diff: str = ""
    to_fill: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportResult(ResultBase):
    sheet: str
    program: str
    cohort: str
    rows: tuple[ImportedRow, ...]
    findings: tuple[Finding, ...]
    command: str = "import"

    @property
    def subject(self) -> str:
        return self.sheet

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def to_fill(self) -> tuple[str, ...]:
        """The fields the sheet has no column for (written with the to-fill comment)."""
        return next((row.to_fill for row in self.rows if row.to_fill), ())


# --- status ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class StudentStatus:
    """One student of a cohort: case file, contract pack, signing deadline and report."""

    case_id: str
    student: str
    program: str
    file: str
    errors: int
    warnings: int
    pack: str  # none | current | stale
    deadline: dt.date | None
    days_left: int | None
    signed_on: str | None
    report: str  # none | passed | failed | unreadable
    report_errors: int | None = None

    @property
    def valid(self) -> bool:
        return self.errors == 0



@dataclass(frozen=True)
class StatusResult(ResultBase):
    """`stagepipe status COHORT`: the overview a coordinator tracks (no findings of its own)."""

    cohort: str
    students: tuple[StudentStatus, ...]
    today: dt.date
    findings: tuple[Finding, ...] = ()
    command: str = "status"

    @property
    def subject(self) -> str:
        return self.cohort


# --- doctor ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class DoctorResult(ResultBase):
    """`stagepipe doctor`: each part (pipeline.doctor.Part) ready or not; a missing required part is an error."""

    parts: tuple[Any, ...]
    command: str = "doctor"

    @property
    def findings(self) -> tuple[Finding, ...]:  # type: ignore[override]  # made from the parts
        from pipeline.findings import Location

        return tuple(Finding(check="doctor", rule=part.id, severity=Severity.ERROR if part.required else
                             Severity.WARNING, message=msg("doctor.missing", part=part.id, detail=part.detail),
                             location=Location(), hint=part.fix)
                     for part in self.parts if not part.ready)

    @property
    def subject(self) -> str:
        return "stagepipe"


Result = (ValidationResult | LintResult | RenderResult | LanguageResult | ReportResult | ImportResult | StatusResult
          | DoctorResult | CohortResult)


def paths_text(paths: Iterable[Path]) -> str:
    return ", ".join(map(str, paths))
