"""JSON of `stagepipe check`: the DESIGN.md contract at the top level, plus a summary, the checks that ran and the facts."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from pipeline.output.report_text import counts, facts_of

if TYPE_CHECKING:
    from pipeline.report.runner import ReportResult


def _titles(items: Any) -> list[str]:
    return [str(i.get("title")) for i in items or [] if isinstance(i, dict) and i.get("title") is not None]


def report_document(result: ReportResult) -> dict[str, Any]:
    """``{"report", "program", "pages", "characters", "characters_no_spaces", "words", "sections", "findings",
    "passed"}`` (DESIGN.md) and ``"summary"``, ``"checks"``, ``"details"``. Counts the length check did not measure
    are null (pages also when no reader could tell)."""
    length = facts_of(result, "length")
    sections = facts_of(result, "sections")
    pages = length.get("pages", result.document.pages)
    return {
        "report": result.document.path,
        "program": result.program,
        "pages": pages,
        "characters": length.get("characters"),
        "characters_no_spaces": length.get("characters_no_spaces"),
        "words": length.get("words"),
        "sections": {
            "found": _titles(sections.get("found")),
            "missing": _titles(sections.get("missing")),
            "out_of_order": bool(sections.get("out_of_order", False)),
        },
        "findings": [f.to_dict() for f in result.findings],
        "passed": result.passed,
        "summary": counts(result.findings),
        "checks": list(result.checks),
        "details": result.facts,
    }


def dumps_report(result: ReportResult) -> str:
    return json.dumps(report_document(result), ensure_ascii=False, indent=2, default=str)
