"""A cell's value as the case file wants it: Excel dates and date text → YYYY-MM-DD, numbers stored as text → numbers
(and numbers → text where the field is text: student numbers, postal codes), phone numbers → +32 ... (libphonenumber),
yes/no → booleans, 'nl, fr' → lists. A value that cannot be read is a message saying why."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from openpyxl.utils.datetime import from_excel

from pipeline.cohort.sheet import Cell
from pipeline.messages import Message, msg
from pipeline.phones import international

_DATE_TEXT = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), (1, 2, 3)),
    (re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$"), (3, 2, 1)),  # dd/mm/yyyy: Belgian order
    (re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2})$"), (3, 2, 1)),  # dd/mm/yy
)
_TRUE = frozenset({"ja", "j", "yes", "y", "true", "waar", "x", "1", "oui", "vrai"})
_FALSE = frozenset({"nee", "n", "no", "false", "onwaar", "0", "non", "faux"})
EXCEL_DATES = (dt.date(1990, 1, 1), dt.date(2100, 1, 1))  # a number outside is no date of a placement or a birth


class Unreadable(ValueError):
    """The cell's value does not fit its field; ``text`` says why."""

    def __init__(self, text: Message) -> None:
        super().__init__(text.id)
        self.text = text


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 812345.0 → '812345': Excel stores every number as a float
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def to_date(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            day = from_excel(value)
        except (ValueError, OverflowError, TypeError) as exc:
            raise Unreadable(msg("import.value.date", value=_text(value))) from exc
        day = day.date() if isinstance(day, dt.datetime) else day
        if not isinstance(day, dt.date) or not EXCEL_DATES[0] <= day < EXCEL_DATES[1]:
            raise Unreadable(msg("import.value.date", value=_text(value)))
        return day.isoformat()
    text = _text(value)
    for pattern, (y, m, d) in _DATE_TEXT:
        found = pattern.match(text)
        if found:
            year = int(found.group(y))
            year += 2000 if year < 100 else 0
            try:
                return dt.date(year, int(found.group(m)), int(found.group(d))).isoformat()
            except ValueError as exc:
                raise Unreadable(msg("import.value.date", value=text)) from exc
    raise Unreadable(msg("import.value.date", value=text))


def to_number(value: Any, integer: bool) -> int | float:
    if isinstance(value, bool):
        raise Unreadable(msg("import.value.number", value=_text(value)))
    if isinstance(value, (int, float)):
        number: int | float = value
    else:
        text = _text(value).replace("\u00a0", "").replace(" ", "").rstrip("%")
        if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", text):  # 1.250,5: Dutch thousands and decimals
            text = text.replace(".", "")
        try:
            number = float(text.replace(",", "."))
        except ValueError as exc:
            raise Unreadable(msg("import.value.number", value=_text(value))) from exc
    if isinstance(number, float) and number.is_integer():
        number = int(number)
    if integer and not isinstance(number, int):
        raise Unreadable(msg("import.value.integer", value=_text(value)))
    return number


def to_phone(value: Any) -> str:
    text = _text(value)
    if isinstance(value, (int, float)) and not text.startswith("0"):
        text = "0" + text  # Excel dropped the leading zero of 0470 12 34 56
    number = international(text)
    if number is None:
        raise Unreadable(msg("import.value.phone", value=_text(value)))
    return number


def to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise Unreadable(msg("import.value.boolean", value=_text(value)))


def to_list(value: Any) -> list[str]:
    return [item for item in re.split(r"[,;/\s]+", _text(value).lower()) if item]


def to_choice(value: Any, options: list[str]) -> str:
    """The program's own spelling of a choice ('hr' → 'HR'); an unknown value stays as it is, for the rules to name."""
    text = _text(value)
    for option in options:
        if option.lower() == text.lower():
            return option
    return text


def convert(cell: Cell, kind: str, options: list[str]) -> Any:
    """The value of ``cell`` for a field of ``kind`` (pipeline.project.fields.Field.kind); raises Unreadable."""
    value = cell.value
    if kind == "date":
        return to_date(value)
    if kind in ("number", "integer"):
        return to_number(value, kind == "integer")
    if kind == "phone":
        return to_phone(value)
    if kind == "boolean":
        return to_bool(value)
    if kind == "list":
        return to_list(value)
    if kind == "choice":
        return to_choice(value, options)
    text = _text(value)
    if kind == "email":
        return text.replace(" ", "").removeprefix("mailto:")
    return text
