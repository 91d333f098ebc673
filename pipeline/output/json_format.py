"""JSON: a top-level status, counts and every Finding as a dict, its messages in the chosen language.

The shapes are contracts other tools rely on (DESIGN.md, and `schemas/check-result.schema.json` for `check`); a
change may add keys, never drop or rename them. Each finding also carries ``message_id`` and ``args``, so a
program can translate or group it without parsing sentences.
"""

from __future__ import annotations

import json
from functools import singledispatch
from typing import Any

from pipeline.findings import Finding
from pipeline.messages import Translator
from pipeline.output.common import FormatOptions
from pipeline.results import (
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


def finding_dict(finding: Finding, tr: Translator) -> dict[str, Any]:
    return finding.to_dict(tr.lang)


def findings(items: Any, tr: Translator) -> list[dict[str, Any]]:
    return [finding_dict(f, tr) for f in items]


@singledispatch
def document(result: object, tr: Translator) -> dict[str, Any]:
    raise TypeError(f"no JSON document for {type(result).__name__}")


@document.register
def _validation(result: ValidationResult, tr: Translator) -> dict[str, Any]:
    counts = result.counts
    return {
        "files": list(result.files),
        "summary": {"files": len(result.files), **counts.as_dict()},
        "findings": findings(result.findings, tr),
        "passed": result.passed,
        "kinds": {"institutions": result.summary.institutions, "programs": result.summary.programs,
                  "cases": result.summary.cases, "cohorts": result.summary.cohorts},
    }


@document.register
def _lint(result: LintResult, tr: Translator) -> dict[str, Any]:
    counts = result.counts
    return {"templates": result.templates, "findings": findings(result.findings, tr),
            "summary": {"errors": counts.errors, "warnings": counts.warnings}, "passed": result.passed}


@document.register
def _render(result: RenderResult, tr: Translator) -> dict[str, Any]:
    return {
        "out": result.out,
        "packs": [{"case": pack.case_id, "status": pack.status, "file": pack.source,
                   "findings": findings(pack.findings, tr)} for pack in result.packs],
        "findings": findings(result.general, tr),
        "summary": {"cases": len(result.packs), "rendered": result.count("rendered"),
                    "skipped": result.count("skipped"), "failed": result.count("failed"), **result.counts.as_dict()},
        "passed": result.passed,
    }


@document.register
def _import(result: ImportResult, tr: Translator) -> dict[str, Any]:
    statuses = ("written", "updated", "unchanged", "edited", "failed")
    return {
        "sheet": result.sheet, "program": result.program, "cohort": result.cohort,
        "rows": [{"row": row.row, "case": row.case_id, "status": row.status, "file": row.path,
                  **({"diff": row.diff} if row.diff else {})} for row in result.rows],
        "findings": findings(result.findings, tr),
        "to_fill": list(result.to_fill),
        "summary": {"rows": len(result.rows), **{s: result.count(s) for s in statuses}, **result.counts.as_dict()},
        "passed": result.passed,
    }


@document.register
def _doctor(result: DoctorResult, tr: Translator) -> dict[str, Any]:
    return {"parts": [{"id": p.id, "ready": p.ready, "required": p.required, "detail": tr(p.detail), "fix": p.fix}
                      for p in result.parts], "ready": result.passed, "findings": findings(result.findings, tr)}


@document.register
def _status(result: StatusResult, tr: Translator) -> dict[str, Any]:
    from pipeline.output.status import status_document

    return status_document(result)


@document.register
def _cohort(result: CohortResult, tr: Translator) -> dict[str, Any]:
    from pipeline.output.cohort import cohort_document

    return cohort_document(result, tr)


@document.register
def _language(result: LanguageResult, tr: Translator) -> dict[str, Any]:
    return {"file": result.file, "language": result.language, "findings": findings(result.findings, tr),
            "passed": result.passed, "characters": result.characters, "summary": result.counts.as_dict()}


@document.register
def _report(result: ReportResult, tr: Translator) -> dict[str, Any]:
    """``{"report", "program", "pages", "characters", "characters_no_spaces", "words", "sections", "findings",
    "passed"}`` (DESIGN.md) and ``"summary"``, ``"checks"``, ``"details"``. Counts the length check did not measure
    are null (pages also when no reader could tell)."""
    summaries = result.summaries
    length, sections = summaries.length, summaries.sections
    return {
        "report": result.document.path,
        "program": result.program,
        "pages": length.pages if length is not None else result.document.pages,
        "characters": length.characters if length is not None else None,
        "characters_no_spaces": length.characters_no_spaces if length is not None else None,
        "words": length.words if length is not None else None,
        "sections": {
            "found": [s.title for s in sections.found] if sections else [],
            "missing": [s.title for s in sections.missing] if sections else [],
            "out_of_order": bool(sections and sections.out_of_order),
        },
        "findings": findings(result.findings, tr),
        "passed": result.passed,
        "summary": result.counts.as_dict(),
        "checks": list(result.checks),
        "details": summaries.as_dict(tr),
        "refused": result.refused,
        "internal_error": result.internal_error is not None,
        "case": result.case_id,
    }


def format_json(result: object, options: FormatOptions) -> str:
    return json.dumps(document(result, options.tr), ensure_ascii=False, indent=2, default=str)
