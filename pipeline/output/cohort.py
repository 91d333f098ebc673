"""The overview of a cohort check (`stagepipe check DIR... --cases COHORT`): one row per student in text, JSON, CSV,
HTML and JUnit (one test case per report); the reports no case matched and the cases without a report after it.
Every format shows the same cells (``cells``), in the language asked for."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from typing import Any

from pipeline.messages import Translator, msg
from pipeline.output.common import FormatOptions
from pipeline.results import COHORT_STATUS_NAMES, UNMATCHED_NAMES, CohortResult, CohortRow

COLUMNS = (msg("cohort.col.case"), msg("cohort.col.student"), msg("cohort.col.file"), msg("cohort.col.result"),
           msg("cohort.col.errors"), msg("cohort.col.warnings"), msg("cohort.col.pages"), msg("cohort.col.words"))


def cells(row: CohortRow, tr: Translator) -> list[str]:
    return [row.case_id, row.student, row.file, tr(COHORT_STATUS_NAMES[row.status]), str(row.errors),
            str(row.warnings), "" if row.pages is None else str(row.pages), "" if row.words is None else str(row.words)]


def summary_line(result: CohortResult, tr: Translator) -> str:
    return tr(msg("cohort.summary", cohort=result.cohort or "-", reports=len(result.rows),
                  passed=result.count("passed"), failed=result.count("failed"), refused=result.count("refused"),
                  unmatched=len(result.unmatched), missing=len(result.without_report)))


def unmatched_lines(result: CohortResult, tr: Translator) -> list[str]:
    lines = []
    for item in result.unmatched:
        why = tr(UNMATCHED_NAMES[item.reason])
        lines.append(f"{item.file}: {why}" + (f" ({', '.join(item.candidates)})" if item.candidates else ""))
    return lines


def format_cohort_text(result: CohortResult, options: FormatOptions) -> str:
    tr = options.tr
    table = [[tr(c) for c in COLUMNS], *(cells(row, tr) for row in result.rows)]
    widths = [max(len(line[i]) for line in table) for i in range(len(COLUMNS))]
    lines = ["  ".join(value.ljust(width) for value, width in zip(line, widths, strict=True)).rstrip()
             for line in table]
    for row in result.rows:
        lines += [f"  {row.case_id}: {problem}" for problem in row.problems[:5]]
    if result.unmatched:
        lines += [tr(msg("cohort.unmatched")), *(f"  {line}" for line in unmatched_lines(result, tr))]
    if result.without_report:
        lines += [tr(msg("cohort.without-report")),
                  *(f"  {case_id} ({student})" for case_id, student in result.without_report)]
    return "\n".join([*lines, summary_line(result, tr)])


def cohort_document(result: CohortResult, tr: Translator) -> dict[str, Any]:
    return {
        "cohort": result.cohort,
        "reports": [{"case": r.case_id, "student": r.student, "file": r.file, "status": r.status,
                     "exit_code": r.exit_code, "errors": r.errors, "warnings": r.warnings, "infos": r.infos,
                     "pages": r.pages, "words": r.words, "problems": list(r.problems), "seconds": r.seconds}
                    for r in result.rows],
        "unmatched": [{"file": u.file, "reason": u.reason, "candidates": list(u.candidates),
                       "message": tr(UNMATCHED_NAMES[u.reason])} for u in result.unmatched],
        "without_report": [{"case": case_id, "student": student} for case_id, student in result.without_report],
        "summary": {"reports": len(result.rows), "passed": result.count("passed"), "failed": result.count("failed"),
                    "refused": result.count("refused"), "internal_errors": result.count("internal-error"),
                    "not_run": result.count("not-run"), "unmatched": len(result.unmatched),
                    "without_report": len(result.without_report)},
        "passed": result.passed,
    }


def format_cohort_csv(result: CohortResult, options: FormatOptions) -> str:
    tr = options.tr
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([tr(c) for c in COLUMNS])
    for row in result.rows:
        writer.writerow(cells(row, tr))
    for item in result.unmatched:
        writer.writerow(["", "", item.file, tr(UNMATCHED_NAMES[item.reason]), "", "", "", ""])
    for case_id, student in result.without_report:
        writer.writerow([case_id, student, "", tr(msg("cohort.without-report.cell")), "", "", "", ""])
    return out.getvalue().rstrip("\n")


def format_cohort_junit(result: CohortResult, options: FormatOptions) -> str:
    """One test suite, one test case per report (failed or refused: a failure; an internal error: an error)."""
    tr = options.tr
    root = ET.Element("testsuites", name=f"stagepipe check {result.cohort}".strip())
    suite = ET.SubElement(root, "testsuite", name=result.cohort or "cohort")
    failures = errors = 0
    for row in result.rows:
        case = ET.SubElement(suite, "testcase", classname="stagepipe.check.cohort", name=f"{row.case_id} ({row.student})",
                             file=row.file, time=f"{row.seconds:.2f}")
        status = tr(COHORT_STATUS_NAMES[row.status])
        if row.status in ("internal-error", "not-run"):
            errors += 1
            ET.SubElement(case, "error", message=status, type=row.status).text = "\n".join(row.problems)
        elif row.status != "passed":
            failures += 1
            ET.SubElement(case, "failure", message=status, type=row.status).text = "\n".join(row.problems)
    for item in result.unmatched:
        failures += 1
        case = ET.SubElement(suite, "testcase", classname="stagepipe.check.cohort", name=item.file, file=item.file)
        ET.SubElement(case, "failure", message=tr(UNMATCHED_NAMES[item.reason]), type="unmatched")
    tests = len(result.rows) + len(result.unmatched)
    for element in (root, suite):
        element.set("tests", str(tests))
        element.set("failures", str(failures))
        element.set("errors", str(errors))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


def format_cohort_html(result: CohortResult, options: FormatOptions) -> str:
    from pipeline.output.report_html import environment

    tr = options.tr
    rows = [{"cells": cells(row, tr), "status": row.status, "problems": row.problems} for row in result.rows]
    return environment(options.lang).get_template("cohort.html.j2").render(
        lang=options.lang, cohort=result.cohort, headers=[tr(c) for c in COLUMNS], rows=rows,
        summary=summary_line(result, tr), passed=result.passed, unmatched=unmatched_lines(result, tr),
        without_report=[f"{case_id} ({student})" for case_id, student in result.without_report])
