"""Plain text: `path:line:col: severity [rule] message`, easy to grep and to click in editors; a report gets its
checklist too (pipeline.output.report_text)."""

from __future__ import annotations

from functools import singledispatch

from pipeline.findings import Finding
from pipeline.messages import Text, joined, msg
from pipeline.output.common import COLOURS, FormatOptions, file_place, paint
from pipeline.results import (
    IMPORT_STATUS_NAMES,
    SEVERITY_NAMES,
    STATUS_NAMES,
    CohortResult,
    DoctorResult,
    ImportResult,
    LanguageResult,
    LintResult,
    RenderResult,
    ReportResult,
    StatusResult,
    ValidationResult,
)


def format_line(finding: Finding, options: FormatOptions) -> str:
    tr = options.tr
    label = paint(tr(SEVERITY_NAMES[finding.severity]), COLOURS[finding.severity], options.colour)
    line = f"{file_place(finding.location, options.base)}: {label} [{finding.rule}] {tr(finding.message)}"
    if finding.location.pointer and finding.location.pointer != "/":
        line += f"  ({finding.location.pointer})"
    return line


@singledispatch
def summary(result: object) -> list[Text]:
    """The closing lines of a result: what was looked at and what was found (also the HTML page's summary)."""
    return []


@summary.register
def _validation_summary(result: ValidationResult) -> list[Text]:
    counts = result.counts
    line: Text = msg("summary.validate", files=len(result.files), **counts.as_dict())
    if not counts.errors and not counts.warnings:
        line = joined((line, msg("summary.ok")), " — ")
    kinds = result.summary
    return [line, msg("summary.kinds", institutions=kinds.institutions, programs=kinds.programs, cases=kinds.cases,
                      cohorts=kinds.cohorts)]


@summary.register
def _lint_summary(result: LintResult) -> list[Text]:
    return [msg("summary.lint", templates=result.templates, errors=result.counts.errors,
                warnings=result.counts.warnings)]


@summary.register
def _render_summary(result: RenderResult) -> list[Text]:
    return [msg("summary.render", total=len(result.packs), rendered=result.count("rendered"),
                skipped=result.count("skipped"), failed=result.count("failed"), out=result.out)]


@summary.register
def _language_summary(result: LanguageResult) -> list[Text]:
    categories = result.category_counts()
    detail = " (" + ", ".join(f"{n} {c}" for c, n in categories.items()) + ")" if categories else ""
    return [msg("summary.language", chars=result.characters, language=result.language, count=len(result.findings),
                detail=detail)]


@summary.register
def _import_summary(result: ImportResult) -> list[Text]:
    lines: list[Text] = [msg("summary.import", rows=len(result.rows), sheet=result.sheet, cohort=result.cohort,
                             written=result.count("written"), updated=result.count("updated"),
                             unchanged=result.count("unchanged"), edited=result.count("edited"),
                             failed=result.count("failed"), **result.counts.as_dict())]
    if result.to_fill:
        lines.append(msg("summary.import.to-fill", fields=", ".join(result.to_fill)))
    if result.count("edited"):
        lines.append(msg("summary.import.edited", count=result.count("edited")))
    return lines


@singledispatch
def format_text(result: object, options: FormatOptions) -> str:
    raise TypeError(f"no text format for {type(result).__name__}")


@format_text.register
def _validation(result: ValidationResult, options: FormatOptions) -> str:
    lines = [format_line(f, options) for f in result.findings]
    return "\n".join([*lines, *map(options.tr, summary(result))])


@format_text.register
def _lint(result: LintResult, options: FormatOptions) -> str:
    lines = [format_line(f, options) + (f"\n    {f.text}" if f.text else "") for f in result.findings]
    return "\n".join([*lines, *map(options.tr, summary(result))])


def pack_line(case_id: str, status: str, options: FormatOptions) -> str:
    """'gemaakt: om-jana-peeters': one case of a render run (printed as it finishes)."""
    return f"{options.tr(STATUS_NAMES[status])}: {case_id}"


@format_text.register
def _render(result: RenderResult, options: FormatOptions) -> str:
    lines = [f"{pack.case_id}: {format_line(finding, options)}" for pack in result.packs for finding in pack.findings]
    lines += [format_line(finding, options) for finding in result.general]
    return "\n".join([*lines, *map(options.tr, summary(result))])


@format_text.register
def _import(result: ImportResult, options: FormatOptions) -> str:
    tr = options.tr
    lines = [format_line(finding, options) for finding in result.findings]
    for row in result.rows:
        if row.status == "edited":
            lines.append(f"{tr(IMPORT_STATUS_NAMES[row.status])}: {row.case_id}")
            lines.append(row.diff.rstrip("\n"))
    return "\n".join([*lines, *map(tr, summary(result))])


PART_NAMES: dict[str, Text] = {"python": msg("doctor.part.python"), "java": msg("doctor.part.java"),
                               "languagetool": msg("doctor.part.languagetool"), "maven": msg("doctor.part.maven"),
                               "libreoffice": msg("doctor.part.libreoffice"), "deduce": msg("doctor.part.deduce"),
                               "fonts": msg("doctor.part.fonts")}


@format_text.register
def _doctor(result: DoctorResult, options: FormatOptions) -> str:
    tr = options.tr
    lines = []
    for part in result.parts:
        mark = paint("✔", "\033[32m", options.colour) if part.ready else paint(
            "✖" if part.required else "▲", "\033[31m" if part.required else "\033[33m", options.colour)
        lines.append(f"{mark} {tr(PART_NAMES.get(part.id, part.id))}: {tr(part.detail)}")
        if not part.ready and part.fix:
            lines.append("    " + tr(msg("doctor.fix", command=part.fix)))
    return "\n".join([*lines, tr(msg("doctor.ready") if result.passed else msg("doctor.not-ready"))])


@format_text.register
def _status(result: StatusResult, options: FormatOptions) -> str:
    from pipeline.output.status import format_status_text

    return format_status_text(result, options)


@format_text.register
def _language(result: LanguageResult, options: FormatOptions) -> str:
    tr = options.tr
    lines = []
    for finding in result.findings:
        loc = finding.location
        hint = f" ({tr(finding.hint)})" if finding.hint else ""
        lines.append(f"{loc.file}:{loc.line}:{loc.column}: {finding.category} {finding.rule}: "
                     f"{tr(finding.message)}{hint}")
    return "\n".join([*lines, *map(tr, summary(result))])


@format_text.register
def _report(result: ReportResult, options: FormatOptions) -> str:
    from pipeline.output.report_text import format_report

    return format_report(result, options)


@format_text.register
def _cohort(result: CohortResult, options: FormatOptions) -> str:
    from pipeline.output.cohort import format_cohort_text

    return format_cohort_text(result, options)
