"""Spreadsheets for the import tests (unit, acceptance, bench): a ugent-dgk cohort sheet with good rows, and one
with a row for each kind of problem, each problem at a known cell."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl

# ugent-dgk's columns, in this order (A..T)
HEADERS = ("Studentennummer", "Voornaam", "Familienaam", "E-mail student", "Gsm student", "Afstudeerrichting",
           "Stageplaats", "Straat stageplaats", "Postcode stageplaats", "Gemeente stageplaats",
           "Vertegenwoordiger stageplaats", "Mentor", "E-mail mentor", "Telefoon mentor", "Stagebegeleider",
           "Begindatum", "Einddatum", "Erkende stageplaats", "Opmerkingen", "Schoenmaat")


def good_row(n: int) -> list[Any]:
    """A valid ugent-dgk student; numbers, dates and phones in the forms a school's export has them."""
    start = dt.date(2025, 2, 3) + dt.timedelta(weeks=n % 20)
    return [f"r{900000 + n:07d}", f"Student{n}", f"Achternaam{n}", f"student{n}@ugent.example.be",
            470112233 + n,  # a number: Excel dropped the leading 0
            "gezelschapsdieren" if n % 2 else "Grote-huisdieren",  # any case: the program's spelling is written
            f"Dierenkliniek {n}", "Lindelaan 4", 9050, "Gentbrugge", "Dr. Piet Linde", "Dr. Els Raes",
            "els@kliniek.example.be", "09 264 75 00", "Prof. An Smet", start, (start + dt.timedelta(days=4)).strftime("%d/%m/%Y"),
            "ja", "", ""]


def cohort_sheet(path: Path, rows: int, sheet: str = "Studenten") -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    ws.append(list(HEADERS[:18]))
    for n in range(rows):
        ws.append(good_row(n)[:18])
    book.save(path)
    return path


# (cell, rule of the finding, severity): one problem per row from row 3 on, and two of the sheet itself
BAD_ROWS = (
    ("B3", "required", "error"),  # an empty cell the program needs (first name)
    ("P4", "value-date", "error"),  # text in a date column
    ("F5", "allowed-values", "error"),  # a track the program does not have
    ("A6", "duplicate-student", "error"),  # the student number of row 2
    ("E7", "value-phone", "error"),  # a phone number that is not one
    ("G8", "merged-cell", "error"),  # G8:G9 merged: rows 8 and 9 refused
    ("M10", "formula", "error"),  # a formula without a computed value
    ("D11", "schema.format", "error"),  # an e-mail address that is not one
    ("Q12", "period-order", "error"),  # the end before the start
    ("N13", "error-value", "error"),  # #N/A
    ("R14", "value-boolean", "error"),  # yes/no answered 'misschien'
    ("A15", "schema.pattern", "error"),  # a student number with characters it cannot have
    ("S1", "hidden-column", "warning"),  # a hidden column
    ("T1", "unknown-column", "warning"),  # a column no field goes by
)


def bad_sheet(path: Path) -> Path:
    """Row 2 good; rows 3-15 each with one problem of BAD_ROWS (row 9 is good but merged with row 8)."""
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Studenten"
    ws.append(list(HEADERS))
    for n in range(2, 16):
        ws.append(good_row(n))
    ws["B3"] = None
    ws["P4"] = "begin maart"
    ws["F5"] = "paarden"
    ws["A6"] = ws["A2"].value
    ws["E7"] = "12345"
    ws["G9"] = None
    ws.merge_cells("G8:G9")
    ws["M10"] = '=L10&"@kliniek.example.be"'
    ws["D11"] = "student11(at)ugent.example.be"
    ws["Q12"] = "01/01/2025"
    ws["N13"] = "#N/A"
    ws["R14"] = "misschien"
    ws["A15"] = "r09-0015"
    ws["S2"] = "telefonisch bevestigd"
    ws["T2"] = 42
    ws.column_dimensions["S"].hidden = True
    book.save(path)
    return path
