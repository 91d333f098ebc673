"""Words the render context needs in the document language: months, languages, countries, roles, copies.

The words are data, in data/labels.yaml; this module reads them once and formats dates, numbers and lists.
"""

from __future__ import annotations

import datetime as dt
from importlib.resources import files
from typing import Any

import yaml

DOC_LANGS = ("nl", "en", "fr")

_WORDS: dict[str, Any] = yaml.safe_load(files("pipeline.render").joinpath("data/labels.yaml").read_text("utf-8"))

MONTHS: dict[str, list[str]] = _WORDS["months"]
WEEKDAYS: dict[str, list[str]] = _WORDS["weekdays"]
LANGUAGES: dict[str, dict[str, str]] = _WORDS["languages"]
COUNTRIES: dict[str, dict[str, str]] = _WORDS["countries"]
SIGNATORY_ROLES: dict[str, dict[str, str]] = _WORDS["signatory_roles"]  # who signs, as the signature table names it
COPY_HOLDERS: dict[str, dict[str, str]] = _WORDS["copy_holders"]
COPIES: dict[str, dict[int, str]] = _WORDS["copies"]  # "in triplicate": how many signed originals
ACTIVITY_TYPES: dict[str, dict[str, str]] = _WORDS["activity_types"]
AND: dict[str, str] = _WORDS["and"]


def long_date(day: dt.date, lang: str) -> str:
    """7 maart 2022 / 7 March 2022 / 7 mars 2022 (1er in French)."""
    month = MONTHS[lang][day.month - 1]
    if lang == "fr" and day.day == 1:
        return f"1er {month} {day.year}"
    return f"{day.day} {month} {day.year}"


def short_date(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def number(value: float, lang: str) -> str:
    """12, 7,5 (nl/fr) or 7.5 (en)."""
    text = f"{value:g}" if abs(value) < 1e15 else str(value)
    return text.replace(".", ",") if lang in ("nl", "fr") else text


def join_words(items: list[str], lang: str) -> str:
    """a, b en c / a, b and c / a, b et c."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {AND[lang]} " + items[-1]
