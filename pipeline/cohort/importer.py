"""`stagepipe import SHEET --program ID --cohort C`: each row of a sheet becomes a case file.

Every problem is a Finding at its cell (``cohort.xlsx:Studenten!D7``), all at once: the sheet's own (a merged cell,
a hidden column, a formula without a value, an error value, a column nobody knows), a value that does not fit its
field (a date, a number, a phone number, yes/no), an empty cell the program needs, and what validating the row's
case finds — the same schema, rules and uniqueness checks as `stagepipe validate`, located at the cells. A row with
an error gets no case file. Fields the program needs that the sheet has no column for are written with the to-fill
comment (validate reports them until they are filled).

A case file is written only when it is new, or when the last import wrote it and nobody changed it since (the
cohort's ``.stagepipe-import.json`` keeps the sha256 of what it wrote). A file edited by hand is left alone: the
result shows the difference, and ``--update`` writes the sheet's values into it, keeping its comments and order.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.cohort.mapping import Mapping, dotted
from pipeline.cohort.sheet import Cell, Sheet, SheetError, read_sheet
from pipeline.cohort.values import Unreadable, convert
from pipeline.files import write_atomically
from pipeline.findings import Finding, Location, Severity, sort_findings
from pipeline.load.pointer import MISSING, resolve
from pipeline.load.project import Source, load_project
from pipeline.load.yaml_source import YamlDocument
from pipeline.messages import Message, msg
from pipeline.project.casefile import case_yaml
from pipeline.project.fields import Field, case_fields, choices, schema_at
from pipeline.project.update import update_case

RECORD = ".stagepipe-import.json"  # in the cohort folder: what the last import wrote (discover skips dot files)
HEADER_SEARCH = 10  # the header row is one of the first rows


@dataclass
class ImportOptions:
    sheet: Path
    program: str
    cohort: str
    inputs: Path
    mapping: Mapping = field(default_factory=Mapping)
    update: bool = False
    lang: str = "nl"
    dry_run: bool = False


@dataclass(frozen=True)
class ImportedCase:
    """What became of one row."""

    row: int
    case_id: str
    status: str  # written | updated | unchanged | edited (by hand, left alone) | failed
    path: str | None = None
    diff: str = ""  # for an edited file: what --update would change
    to_fill: tuple[str, ...] = ()  # fields the sheet has no column for, marked to fill in the file


@dataclass
class _Column:
    index: int  # 1-based
    header: str
    field: Field
    kind: str
    options: list[str]


class RowDocument(YamlDocument):
    """A row's case as a document whose places are cells: a pointer's cell, else the cell of the nearest field
    around it, else the row's first cell."""

    def __init__(self, path: Path, data: dict[str, Any], cells: dict[str, Location], first: Location) -> None:
        super().__init__(path=path, data=data)
        self.cells = cells
        self.first = first

    def locate(self, pointer: str, *, key: bool = False) -> Location:
        probe = pointer
        while probe:
            if probe in self.cells:
                return _with_pointer(self.cells[probe], pointer)
            probe = probe.rsplit("/", 1)[0]
        below = next((loc for p, loc in self.cells.items() if p.startswith(pointer.rstrip("/") + "/")), None)
        return _with_pointer(below or self.first, pointer or "/")


def _with_pointer(location: Location, pointer: str) -> Location:
    return Location(file=location.file, line=location.line, column=location.column, sheet=location.sheet,
                    cell=location.cell, pointer=pointer)


def _finding(rule: str, message: Message, location: Location, severity: Severity = Severity.ERROR,
             text: str | None = None) -> Finding:
    return Finding(check="import", rule=rule, severity=severity, message=message, location=location, text=text)


def slug(*parts: str) -> str:
    text = unicodedata.normalize("NFKD", " ".join(parts)).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:64].strip("-")


def file_sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Import:
    """One import run: the sheet, its columns, and what became of each row."""

    options: ImportOptions
    sheet: Sheet | None = None
    findings: list[Finding] = field(default_factory=list)
    cases: list[ImportedCase] = field(default_factory=list)
    rows: int = 0


def _header_row(sheet: Sheet, mapping: Mapping) -> int | None:
    """The first of the top rows where at least two cells name a field (1-based), else None."""
    for r, row in enumerate(sheet.rows[:HEADER_SEARCH], start=1):
        if sum(1 for c in row if isinstance(c.value, str) and mapping.field_for(c.value)) >= 2:
            return r
    return None


def _columns(run: Import, sheet: Sheet, header: int, program: dict[str, Any], fields: dict[str, Field]) -> list[_Column]:
    columns: list[_Column] = []
    claimed: dict[str, str] = {}
    mapping = run.options.mapping
    for cell in sheet.rows[header - 1]:
        title = "" if cell.value is None else str(cell.value).strip()
        if not title:
            continue
        pointer = mapping.field_for(title)
        where = sheet.location(cell.row, cell.column)
        if pointer is None:
            if not mapping.lists(title):  # a column the mapping says to leave out is no news
                run.findings.append(_finding("unknown-column", msg("import.unknown-column", header=title), where,
                                             Severity.WARNING, title))
            continue
        if pointer in claimed:
            run.findings.append(_finding("duplicate-column", msg("import.duplicate-column", header=title,
                                                                 other=claimed[pointer], field=dotted(pointer)),
                                         where, text=title))
            continue
        claimed[pointer] = title
        node = schema_at(pointer)
        if node is None:
            continue
        item = fields.get(pointer) or Field(pointer, node, needed=False)
        options = choices(item, program)
        kind = "choice" if options and item.kind in ("text", "choice") else item.kind
        columns.append(_Column(cell.column, title, item, kind, options))
        if cell.column in sheet.hidden_columns:
            run.findings.append(_finding("hidden-column", msg("import.hidden-column", header=title), where,
                                         Severity.WARNING, title))
    return columns


def _merged_rows(run: Import, sheet: Sheet, header: int) -> set[int]:
    """Rows a merged range of the data part touches: one finding at its top-left cell, the rows refused."""
    refused: set[int] = set()
    for min_row, min_col, max_row, max_col in sheet.merged:
        if max_row <= header:
            continue  # a title above the header or the header itself
        rows = set(range(max(min_row, header + 1), max_row + 1))
        refused |= rows
        first = sheet.location(min_row, min_col)
        last = sheet.location(max_row, max_col)
        run.findings.append(_finding("merged-cell", msg("import.merged", cells=f"{first.cell}:{last.cell}"), first))
    return refused


def run_import(options: ImportOptions) -> Import:
    """Read the sheet, check every row, write the cases of the rows without errors; raises SheetError (exit 2)."""
    run = Import(options)
    project = load_project([options.inputs / "programs", options.inputs / "institutions"])
    program_source = project.programs.get(options.program)
    if program_source is None:
        raise SheetError(msg("new.unknown-program", id=options.program, known=", ".join(sorted(project.programs)) or "—",
                             folder=options.inputs / "programs"))
    from pipeline.validate.runner import validate

    validation = validate(project)
    program = program_source.data
    institution = project.institutions.get(str(program.get("institution")))
    sheet = run.sheet = read_sheet(options.sheet, options.mapping.sheet)
    header = _header_row(sheet, options.mapping)
    if header is None:
        raise SheetError(msg("import.no-header", path=options.sheet, rows=HEADER_SEARCH))
    needed = {f.pointer: f for f in case_fields(program, institution.data if institution else None)}
    columns = _columns(run, sheet, header, program, needed)
    mapped = {c.field.pointer for c in columns}
    no_column = tuple(p for p in needed if p not in mapped)
    refused = _merged_rows(run, sheet, header)
    folder = options.inputs / "cases" / options.cohort
    existing = _existing_cases(folder)
    record = _read_record(folder)
    seen_students: dict[str, Location] = {}
    seen_ids: dict[str, Location] = {}
    written_fields: dict[tuple[str, ...], list[Field]] = {}
    for row in sheet.rows[header:]:
        if all(c.empty for c in row):
            continue
        number = row[0].row
        run.rows += 1
        first = sheet.location(number, columns[0].index if columns else 1)
        errors_before = sum(f.severity is Severity.ERROR for f in run.findings)
        data, cells, empty, said = _row_values(run, sheet, row, columns)
        case_id = str(data.pop("id", "") or slug(options.program, str(resolve(data, "/student/first_name", "")),
                                                   str(resolve(data, "/student/last_name", ""))))
        target = folder / f"{case_id}.yaml"
        doc = RowDocument(target, {"id": case_id, "program": options.program, **data}, cells, first)
        doc.to_fill = {p for p in needed if p in empty or p in no_column} | said
        source = Source(doc=doc, kind="case", cohort=options.cohort)
        case = project.resolve_case(source)
        from pipeline.validate.runner import case_findings

        for finding in case_findings(case, validation.references, validation.broken_programs):
            pointer = finding.location.pointer or ""
            if finding.rule == "to-fill":
                if pointer in empty:
                    run.findings.append(_finding("required", msg("import.required", header=empty[pointer],
                                                                 field=dotted(pointer)), finding.location))
                continue
            if finding.check == "references" and finding.rule == "id-filename":
                continue
            run.findings.append(finding)
        student = resolve(data, "/student/id")
        if isinstance(student, str):
            key = student.lower()
            where = cells.get("/student/id", first)
            other = seen_students.get(key)
            if other is not None:
                run.findings.append(_finding("duplicate-student", msg("import.duplicate-student", id=student,
                                                                      other=other.cell or "?"), where, text=student))
            elif key in existing and existing[key][0] != case_id:
                run.findings.append(_finding("duplicate-student", msg("import.student-exists", id=student,
                                                                      path=existing[key][1]), where, text=student))
            seen_students.setdefault(key, where)
        if case_id in seen_ids:
            run.findings.append(_finding("duplicate-case", msg("import.duplicate-case", id=case_id,
                                                               other=seen_ids[case_id].cell or "?"), first, text=case_id))
        seen_ids.setdefault(case_id, first)
        failed = number in refused or sum(f.severity is Severity.ERROR for f in run.findings) > errors_before
        if failed:
            run.cases.append(ImportedCase(number, case_id, "failed"))
            continue
        extra = tuple(cells)
        if extra not in written_fields:  # the same columns on every row: the fields are worked out once
            written_fields[extra] = case_fields(program, institution.data if institution else None, extra=extra)
        fields = written_fields[extra]
        run.cases.append(_write(run, target, case_id, data, fields, program, record, number,
                                tuple(dotted(p) for p in no_column)))
    run.findings = sort_findings(run.findings)
    if not options.dry_run and any(c.status in ("written", "updated") for c in run.cases):
        write_atomically(folder / RECORD, json.dumps(record, indent=1, sort_keys=True) + "\n")
    return run


def _row_values(run: Import, sheet: Sheet, row: list[Cell],
                columns: list[_Column]) -> tuple[dict[str, Any], dict[str, Location], dict[str, str], set[str]]:
    """The row as case data, the cell of each field, the needed fields whose cell is empty (→ their header), and
    the fields whose cell has a finding already (what validation says about them would say it twice)."""
    said: set[str] = set()
    data: dict[str, Any] = {}
    cells: dict[str, Location] = {}
    empty: dict[str, str] = {}
    covered = sheet.covered()
    for column in columns:
        cell = row[column.index - 1] if column.index <= len(row) else Cell(row[0].row, column.index)
        pointer = column.field.pointer
        where = sheet.location(cell.row, cell.column)
        cells[pointer] = where
        if (cell.row, cell.column) in covered:
            said.add(pointer)  # a merged range: said once, at its first cell
            continue
        if cell.error is not None:
            run.findings.append(_finding("error-value", msg("import.error-value", value=cell.error), where,
                                         text=cell.error))
            said.add(pointer)
            continue
        if cell.formula is not None and (cell.value is None or str(cell.value).strip() == ""):
            run.findings.append(_finding("formula", msg("import.formula", formula=cell.formula), where,
                                         text=cell.formula))
            said.add(pointer)
            continue
        if cell.empty or (cell.value is None):
            if column.field.needed:
                empty[pointer] = column.header
            continue
        try:
            value = convert(cell, column.kind, column.options)
        except Unreadable as exc:
            run.findings.append(_finding(f"value-{column.kind}", exc.text, where, text=str(cell.value)))
            said.add(pointer)
            continue
        if value == "" or value == []:
            if column.field.needed:
                empty[pointer] = column.header
            continue
        _put(data, pointer, value)
    return data, cells, empty, said


def _put(data: dict[str, Any], pointer: str, value: Any) -> None:
    tokens = pointer.strip("/").split("/")
    node: Any = data
    for token, nxt in zip(tokens, tokens[1:], strict=False):
        if isinstance(node, list):
            index = int(token)
            while len(node) <= index:
                node.append({})
            node = node[index]
            continue
        node = node.setdefault(token, [] if nxt.isdigit() else {})
    last = tokens[-1]
    if isinstance(node, list):
        while len(node) <= int(last):
            node.append(None)
        node[int(last)] = value
    else:
        node[last] = value


def _leaves(data: Any, pointer: str = "") -> Iterable[tuple[str, Any]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, f"{pointer}/{key}")
    elif isinstance(data, list) and any(isinstance(v, dict) for v in data):
        for i, value in enumerate(data):
            yield from _leaves(value, f"{pointer}/{i}")
    else:
        yield pointer, data


def _existing_cases(folder: Path) -> dict[str, tuple[str, str]]:
    """Student number (lower case) → (case id, file) of the cohort's case files."""
    found: dict[str, tuple[str, str]] = {}
    if not folder.is_dir():
        return found
    project = load_project([folder])
    for source in project.cases:
        student = resolve(source.data, "/student/id")
        if isinstance(student, str):
            found.setdefault(student.lower(), (str(source.data.get("id", source.path.stem)), str(source.path)))
    return found


def _read_record(folder: Path) -> dict[str, Any]:
    try:
        record: dict[str, Any] = json.loads((folder / RECORD).read_text(encoding="utf-8"))
        return record
    except (OSError, ValueError):
        return {}


def _write(run: Import, target: Path, case_id: str, data: dict[str, Any], fields: list[Field],
           program: dict[str, Any], record: dict[str, Any], row: int, to_fill: tuple[str, ...]) -> ImportedCase:
    options = run.options
    fresh, _pending = case_yaml({"id": case_id, "program": options.program}, fields, data, program, options.lang)
    where = str(target)
    if not target.exists():
        if not options.dry_run:
            write_atomically(target, fresh)
            record[case_id] = {"sha256": file_sha(fresh)}
        return ImportedCase(row, case_id, "written", where, to_fill=to_fill)
    current = target.read_text(encoding="utf-8")
    untouched = record.get(case_id, {}).get("sha256") == file_sha(current)
    if untouched:
        if current == fresh:
            return ImportedCase(row, case_id, "unchanged", where, to_fill=to_fill)
        if not options.dry_run:
            write_atomically(target, fresh)
            record[case_id] = {"sha256": file_sha(fresh)}
        return ImportedCase(row, case_id, "updated", where, to_fill=to_fill)
    merged = update_case(current, dict(_leaves(data)))
    if merged == current:
        return ImportedCase(row, case_id, "unchanged", where)
    diff = "".join(difflib.unified_diff(current.splitlines(keepends=True), merged.splitlines(keepends=True),
                                        fromfile=where, tofile=where))
    if options.update and not options.dry_run:
        write_atomically(target, merged)
        record[case_id] = {"sha256": file_sha(merged)}
        return ImportedCase(row, case_id, "updated", where, diff=diff)
    return ImportedCase(row, case_id, "edited", where, diff=diff)


def headers_of(path: Path, mapping: Mapping) -> tuple[Sheet, list[str]]:
    """The sheet and its header row's titles (the first row when no header is recognised)."""
    sheet = read_sheet(path, mapping.sheet)
    header = _header_row(sheet, mapping) or 1
    titles = [] if not sheet.rows else ["" if c.value is None else str(c.value) for c in sheet.rows[header - 1]]
    return sheet, titles


__all__ = ["MISSING", "Import", "ImportOptions", "ImportedCase", "headers_of", "run_import"]
