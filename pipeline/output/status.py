"""The cohort overview of `stagepipe status`: one row per student as a text table, JSON, an HTML page or a workbook.
Every format shows the same cells (``cells``), in the language asked for."""

from __future__ import annotations

import io
from typing import Any

from pipeline.messages import Translator, msg
from pipeline.output.common import FormatOptions
from pipeline.results import StatusResult, StudentStatus

COLUMNS = (msg("status.col.case"), msg("status.col.student"), msg("status.col.program"), msg("status.col.valid"),
           msg("status.col.pack"), msg("status.col.deadline"), msg("status.col.report"))
PACKS = {"none": msg("status.pack.none"), "current": msg("status.pack.current"), "stale": msg("status.pack.stale")}
REPORTS = {"none": msg("status.report.none"), "passed": msg("status.report.passed"),
           "unreadable": msg("status.report.unreadable")}


def _valid(row: StudentStatus, tr: Translator) -> str:
    if row.errors:
        return tr(msg("status.invalid", errors=row.errors, warnings=row.warnings))
    return tr(msg("status.valid", warnings=row.warnings))


def _deadline(row: StudentStatus, tr: Translator) -> str:
    if row.signed_on:
        return tr(msg("status.signed", date=row.signed_on))
    if row.deadline is None or row.days_left is None:
        return "—"
    said = msg("status.days-left") if row.days_left >= 0 else msg("status.days-late")
    return tr(said.with_values(date=row.deadline.isoformat(), days=abs(row.days_left)))


def _report(row: StudentStatus, tr: Translator) -> str:
    if row.report == "failed":
        return tr(msg("status.report.failed", errors=row.report_errors or 0))
    return tr(REPORTS[row.report])


def cells(row: StudentStatus, tr: Translator) -> list[str]:
    return [row.case_id, row.student, row.program, _valid(row, tr), tr(PACKS[row.pack]),
            _deadline(row, tr), _report(row, tr)]


def summary_line(result: StatusResult, tr: Translator) -> str:
    rows = result.students
    return tr(msg("status.summary", cohort=result.cohort, students=len(rows), valid=sum(r.valid for r in rows),
                  current=sum(r.pack == "current" for r in rows), checked=sum(r.report != "none" for r in rows)))


def format_status_text(result: StatusResult, options: FormatOptions) -> str:
    tr = options.tr
    table = [[tr(c) for c in COLUMNS], *(cells(row, tr) for row in result.students)]
    widths = [max(len(line[i]) for line in table) for i in range(len(COLUMNS))]
    lines = ["  ".join(value.ljust(width) for value, width in zip(line, widths, strict=True)).rstrip()
             for line in table]
    return "\n".join([*lines, summary_line(result, tr)])


def status_document(result: StatusResult) -> dict[str, Any]:
    return {"cohort": result.cohort, "today": result.today.isoformat(), "students": [
        {"case": r.case_id, "student": r.student, "program": r.program, "file": r.file, "valid": r.valid,
         "errors": r.errors, "warnings": r.warnings, "pack": r.pack,
         "signing_deadline": r.deadline.isoformat() if r.deadline else None, "days_left": r.days_left,
         "signed_on": r.signed_on, "report": r.report, "report_errors": r.report_errors} for r in result.students]}


def format_status_html(result: StatusResult, options: FormatOptions) -> str:
    from pipeline.output.report_html import environment

    tr = options.tr
    rows = [{"cells": cells(r, tr), "valid": r.valid, "pack": r.pack, "late": r.days_left is not None
             and r.days_left < 0 and not r.signed_on, "report": r.report} for r in result.students]
    return environment(options.lang).get_template("status.html.j2").render(
        lang=options.lang, cohort=result.cohort, headers=[tr(c) for c in COLUMNS], rows=rows,
        summary=summary_line(result, tr), today=result.today.isoformat())


def status_workbook(result: StatusResult, options: FormatOptions) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    tr = options.tr
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = result.cohort[:31]
    sheet.append([tr(c) for c in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    bad = PatternFill("solid", fgColor="F8D7DA")
    for r in result.students:
        sheet.append(cells(r, tr))
        if not r.valid:
            sheet.cell(row=sheet.max_row, column=4).fill = bad
    for column, width in zip("ABCDEFG", (26, 24, 16, 26, 18, 30, 22), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
