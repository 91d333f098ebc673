"""A spreadsheet (.xlsx) or CSV file as rows of cells that know their place: sheet, cell ('D7'), formula, error.

openpyxl reads the workbook with its formulas; only when one is found is it read a second time for the values
Excel last computed. Hidden columns and rows and merged ranges are kept, so the importer can say where they are.
CSV files: UTF-8 (with or without BOM) or Windows-1252, separated by ';' (Excel in Belgium), ',' or tabs.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from pipeline.findings import Location
from pipeline.messages import Message, msg

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 20_000


class SheetError(Exception):
    """The file cannot be read as a sheet (exit 2); ``text`` says why."""

    def __init__(self, text: Message) -> None:
        super().__init__(text.id)
        self.text = text


@dataclass(frozen=True)
class Cell:
    """One cell: its value as the file holds it (str, int, float, datetime, bool or None) and its place."""

    row: int  # 1-based
    column: int  # 1-based
    value: Any = None
    formula: str | None = None  # '=A2&B2' when the cell holds a formula (value: Excel's last result, or None)
    error: str | None = None  # '#N/A', '#REF!', ... when the cell shows an error
    date_format: bool = False  # the cell is formatted as a date (a number in it is an Excel date)

    @property
    def ref(self) -> str:
        return f"{get_column_letter(self.column)}{self.row}"

    @property
    def empty(self) -> bool:
        return self.formula is None and self.error is None and (self.value is None or str(self.value).strip() == "")


@dataclass
class Sheet:
    path: Path
    name: str | None  # None for a CSV file
    rows: list[list[Cell]]  # every row from the first, each as long as the longest
    hidden_columns: set[int] = field(default_factory=set)
    hidden_rows: set[int] = field(default_factory=set)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # min_row, min_col, max_row, max_col
    sheets: tuple[str, ...] = ()  # every sheet of the workbook

    def covered(self) -> set[tuple[int, int]]:
        """(row, column) of the cells a merged range hides (all but its top-left cell)."""
        return {(r, c) for min_row, min_col, max_row, max_col in self.merged
                for r in range(min_row, max_row + 1) for c in range(min_col, max_col + 1)
                if (r, c) != (min_row, min_col)}

    def location(self, row: int, column: int) -> Location:
        return Location(file=str(self.path), line=row, column=column, sheet=self.name,
                        cell=f"{get_column_letter(column)}{row}")


def read_sheet(path: Path, sheet: str | None = None) -> Sheet:
    """The sheet ``sheet`` of a workbook (default: the first visible one), or a CSV file; raises SheetError."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SheetError(msg("path.missing", path=path)) from exc
    if size > MAX_BYTES:
        raise SheetError(msg("import.too-large", path=path, size=size // (1024 * 1024)))
    with path.open("rb") as fh:
        head = fh.read(4)
    if head.startswith(b"PK"):
        return _read_xlsx(path, sheet)
    if path.suffix.lower() in (".xls", ".ods") or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise SheetError(msg("import.not-xlsx", path=path))
    return _read_csv(path)


def _read_xlsx(path: Path, wanted: str | None) -> Sheet:
    import zipfile

    import openpyxl

    try:
        book = openpyxl.load_workbook(path, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise SheetError(msg("import.unreadable", path=path, reason=f"{type(exc).__name__}: {exc}")) from exc
    names = tuple(book.sheetnames)
    if wanted is not None and wanted not in names:
        raise SheetError(msg("import.no-sheet", path=path, sheet=wanted, sheets=", ".join(names)))
    if wanted is None:
        wanted = next((ws.title for ws in book.worksheets if ws.sheet_state == "visible"), names[0])
    ws = book[wanted]
    if ws.max_row > MAX_ROWS:
        raise SheetError(msg("import.too-many-rows", path=path, rows=ws.max_row, limit=MAX_ROWS))
    raw = [list(row) for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=ws.max_column)]
    cached: dict[tuple[int, int], Any] = {}
    if any(c.data_type == "f" for row in raw for c in row):  # Excel's last results of the formulas
        values = openpyxl.load_workbook(path, data_only=True)[wanted]
        cached = {(c.row, c.column): c.value for row in values.iter_rows() for c in row if c.value is not None}
    rows = []
    for r, row in enumerate(raw, start=1):
        cells = []
        for col, c in enumerate(row, start=1):
            if c.data_type == "f":
                cells.append(Cell(r, col, cached.get((r, col)), formula=str(c.value)))
            elif c.data_type == "e":
                cells.append(Cell(r, col, None, error=str(c.value)))
            else:
                cells.append(Cell(r, col, c.value, date_format=bool(getattr(c, "is_date", False))))
        rows.append(cells)
    hidden_columns = {i for dim in ws.column_dimensions.values() if dim.hidden and dim.min
                      for i in range(dim.min, (dim.max or dim.min) + 1)}
    hidden_rows = {i for i, dim in ws.row_dimensions.items() if dim.hidden}
    merged = [(r.min_row, r.min_col, r.max_row, r.max_col) for r in ws.merged_cells.ranges]
    return Sheet(path, wanted, rows, hidden_columns, hidden_rows, merged, names)


def _read_csv(path: Path) -> Sheet:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if "\x00" in text:
        raise SheetError(msg("import.not-xlsx", path=path))
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)  # the header row holds the most separators
    rows = []
    for r, record in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1):
        rows.append([Cell(r, c, value) for c, value in enumerate(record, start=1)])
        if r > MAX_ROWS:
            raise SheetError(msg("import.too-many-rows", path=path, rows=r, limit=MAX_ROWS))
    width = max((len(row) for row in rows), default=0)
    for r, row in enumerate(rows, start=1):
        row.extend(Cell(r, c) for c in range(len(row) + 1, width + 1))
    return Sheet(path, None, rows)
