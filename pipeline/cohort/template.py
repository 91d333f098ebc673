"""`stagepipe import --template ID`: an empty sheet for a program — its columns, drop-downs for tracks, stage types and
yes/no, date cells, text cells where leading zeros matter — and a second sheet that explains each column."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from pipeline.cohort.mapping import column_kinds
from pipeline.messages import Translator, msg
from pipeline.project.fields import Field, case_fields, choices, rule_fields

ROWS = 500  # rows prepared with drop-downs and formats
TASKS = 5  # task columns when the program asks for tasks
# fields a coordinator usually has, asked for although the program does not need them
USEFUL = ("/student/phone", "/mentors/0/function", "/mentors/0/phone", "/supervisor/email", "/period/start",
          "/period/end")
YES_NO = {"nl": ("ja", "nee"), "en": ("yes", "no")}
DATE_FORMAT = "DD/MM/YYYY"
KIND_TEXTS = {"date": msg("template.kind.date"), "phone": msg("template.kind.phone"),
              "email": msg("template.kind.email"), "number": msg("template.kind.number"),
              "integer": msg("template.kind.integer"), "list": msg("template.kind.list")}


@dataclass(frozen=True)
class TemplateColumn:
    header: str
    field: Field
    options: tuple[str, ...]


def template_columns(program: dict[str, Any], institution: dict[str, Any] | None, lang: str) -> list[TemplateColumn]:
    """The columns of the program's sheet, in the case file's order: what it needs, what its rules read for some
    tracks or stage types, and a few fields coordinators usually have; tasks and blocks repeated."""
    extra = set(USEFUL) | rule_fields(program, conditional=True)
    repeated = {p for p in extra if "/0/" in p and p.split("/0/")[0] in ("/tasks", "/trajectory")}
    fields = case_fields(program, institution, extra=tuple(extra))
    for f in list(fields):
        if f.pointer.split("/0/")[0] in ("/tasks", "/trajectory"):
            repeated.add(f.pointer)
    extra |= {p.replace("/0/", f"/{n}/") for p in repeated for n in range(1, TASKS)}
    fields = case_fields(program, institution, extra=tuple(extra))
    kinds = {kind.pointer: kind for kind in column_kinds()}
    columns = []
    for f in fields:
        tokens = f.pointer.split("/")
        index = next((int(t) for t in tokens if t.isdigit()), 0)
        generic = "/".join("{n}" if t.isdigit() and tokens[1] in ("tasks", "trajectory") else t for t in tokens)
        kind = kinds.get(generic)
        if kind is None:
            continue
        options = tuple(choices(f, program)) or (YES_NO.get(lang, YES_NO["nl"]) if f.kind == "boolean" else ())
        columns.append(TemplateColumn(kind.header(lang, index + 1), f, options))
    return columns


def template_workbook(program: dict[str, Any], institution: dict[str, Any] | None, lang: str) -> bytes:
    """The .xlsx bytes of the empty sheet and its explanation."""
    tr = Translator(lang)
    columns = template_columns(program, institution, lang)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = tr(msg("template.sheet"))
    bold = Font(bold=True)
    needed_fill = PatternFill("solid", fgColor="FFF2CC")
    for c, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=c, value=column.header)
        cell.font = bold
        if column.field.needed:
            cell.fill = needed_fill
        letter = get_column_letter(c)
        sheet.column_dimensions[letter].width = max(14, min(40, len(column.header) + 4))
        area = f"{letter}2:{letter}{ROWS + 1}"
        kind = column.field.kind
        if column.options:
            rule = DataValidation(type="list", formula1='"' + ",".join(column.options) + '"', allow_blank=True)
            rule.error = tr(msg("template.choose", options=", ".join(column.options)))
            rule.showErrorMessage = True
        elif kind == "date":
            rule = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
            rule.error = tr(msg("template.date"))
            rule.showErrorMessage = True
        else:
            rule = None
        if rule is not None:
            sheet.add_data_validation(rule)
            rule.add(area)
        number_format = DATE_FORMAT if kind == "date" else "@" if kind in ("text", "phone", "email", "choice") else None
        if number_format:
            for r in range(2, ROWS + 2):
                sheet.cell(row=r, column=c).number_format = number_format
    sheet.freeze_panes = "A2"
    explain = book.create_sheet(tr(msg("template.explain-sheet")))
    titles = [tr(title) for title in (msg("template.col.column"), msg("template.col.field"), msg("template.col.needed"),
                                      msg("template.col.values"), msg("template.col.explanation"))]
    explain.append(titles)
    for cell in explain[1]:
        cell.font = bold
    for column in columns:
        kind = column.field.kind
        values = ", ".join(column.options) if column.options else tr(KIND_TEXTS[kind]) if kind in KIND_TEXTS else ""
        needed = tr(msg("template.yes") if column.field.needed else msg("template.no"))
        explain.append([column.header, column.field.dotted, needed, values,
                        f"{column.field.title}: {column.field.description}"])
    for letter, width in zip("ABCDE", (28, 30, 10, 36, 90), strict=True):
        explain.column_dimensions[letter].width = width
    for row in explain.iter_rows(min_row=2):
        row[4].alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
