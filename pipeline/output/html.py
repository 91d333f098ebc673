"""HTML: one self-contained page per result. A report gets the student's page (pipeline.output.report_html); the
other commands get a page with their verdict, summary and findings per file or case."""

from __future__ import annotations

from typing import Any

from pipeline.findings import Severity
from pipeline.messages import Message, msg
from pipeline.output.common import FormatOptions, file_place
from pipeline.results import CohortResult, ReportResult, ResultBase, StatusResult

EYEBROWS: dict[str, Message] = {"validate": msg("html.command.validate"), "lint": msg("html.command.lint"),
                                "render": msg("html.command.render"), "languagetool": msg("html.command.languagetool"),
                                "import": msg("html.command.import"), "doctor": msg("html.command.doctor")}
ICONS = {"error": "✖", "warning": "▲", "info": "ℹ"}


def format_html(result: ResultBase, options: FormatOptions) -> str:
    if isinstance(result, ReportResult):
        from pipeline.output.report_html import render_html

        return render_html(result, options)
    if isinstance(result, StatusResult):
        from pipeline.output.status import format_status_html

        return format_status_html(result, options)
    if isinstance(result, CohortResult):
        from pipeline.output.cohort import format_cohort_html

        return format_cohort_html(result, options)
    return findings_page(result, options)


def findings_page(result: ResultBase, options: FormatOptions) -> str:
    from pipeline.output.report_html import SEVERITY_LABELS, amount, environment
    from pipeline.output.text import summary

    tr = options.tr
    groups: list[dict[str, Any]] = []
    for group in result.groups():
        counts = group.counts
        badges = [(s.value, tr(amount(s, n))) for s, n in ((Severity.ERROR, counts.errors),
                                                           (Severity.WARNING, counts.warnings),
                                                           (Severity.INFO, counts.infos)) if n]
        notes = [{"severity": f.severity.value, "label": tr(SEVERITY_LABELS[f.severity]), "message": tr(f.message),
                  "text": f.text, "hint": tr(f.hint) if f.hint else None, "rule": f.rule,
                  "place": file_place(f.location, options.base)} for f in group.findings]
        groups.append({"title": tr(group.title), "badges": badges, "notes": notes})
    context = {
        "lang": options.lang,
        "eyebrow": tr(EYEBROWS.get(result.command, msg("html.findings"))),
        "subject": result.subject,
        "passed": result.passed,
        "summary": [tr(line) for line in summary(result)],
        "groups": groups,
        "icons": ICONS,
    }
    return environment(options.lang).get_template("findings.html.j2").render(**context)
