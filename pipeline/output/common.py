"""What every formatter shares: options, places, numbers and the names of severities, groups and items."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from pipeline.findings import Finding, Location, Severity
from pipeline.messages import Message, Translator, msg
from pipeline.results import Counts


@dataclass(frozen=True)
class FormatOptions:
    """How to show a result: the language of the messages, ANSI colours, and the folder paths are relative to."""

    lang: str = "nl"
    colour: bool = False
    base: str | None = None  # show files below this folder relative to it

    @property
    def tr(self) -> Translator:
        return Translator(self.lang)


COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
GREEN, RED, BOLD, RESET = "\033[32m", "\033[31m", "\033[1m", "\033[0m"

# the kinds of anonymity leaks the check counts (its rules)
LEAK_KINDS: dict[str, Message] = {
    "known-name": msg("out.kind.known-name"),
    "own-name": msg("out.kind.own-name"),
    "person": msg("out.kind.person"),
    "organisation": msg("out.kind.organisation"),
    "address": msg("out.kind.address"),
    "phone": msg("out.kind.phone"),
    "email": msg("out.kind.email"),
    "url": msg("out.kind.url"),
}

# why a candidate the anonymity check saw is no name (not reported)
NOT_NAME_REASONS: dict[str, Message] = {
    "anonymised": msg("out.not-name.anonymised"),
    "place": msg("out.not-name.place"),
    "breed": msg("out.not-name.breed"),
    "disease": msg("out.not-name.disease"),
    "public-body": msg("out.not-name.public-body"),
    "product": msg("out.not-name.product"),
}

FORMAT_ITEM_NAMES: dict[str, Message] = {
    "title-page": msg("out.item.title-page"),
    "toc": msg("out.item.toc"),
    "page-numbers": msg("out.item.page-numbers"),
    "header-footer": msg("out.item.header-footer"),
    "heading-consistency": msg("out.item.heading-consistency"),
}


def paint(text: str, code: str, colour: bool) -> str:
    return f"{code}{text}{RESET}" if colour else text


def counts_text(counts: Counts) -> Message:
    return msg("out.counts", **counts.as_dict())


def number(value: int | float | None, tr: Translator) -> str:
    """12345 → '12.345' in Dutch, '12,345' in English."""
    if value is None:
        return tr(msg("out.unknown"))
    text = f"{value:,}"
    return text.replace(",", ".") if tr.lang == "nl" else text


def limits(low: Any, high: Any, tr: Translator) -> str | None:
    """'gevraagd: 16–20' and its one-sided forms; None without limits."""
    if low is not None and high is not None:
        return tr(msg("out.limits.range", low=number(low, tr), high=number(high, tr)))
    if low is not None:
        return tr(msg("out.limits.min", low=number(low, tr)))
    if high is not None:
        return tr(msg("out.limits.max", high=number(high, tr)))
    return None


def relative(path: str, base: str | None) -> str:
    if base:
        shorter = os.path.relpath(path, base)
        if not shorter.startswith(".."):  # shorter only for files below the working folder
            return shorter
    return path


def file_place(location: Location, base: str | None = None) -> str:
    """`file:line:col` (a YAML node), `file:Sheet!D7` (a spreadsheet cell) or `file:p<page>`: the places of
    validate, import, render and lint findings."""
    parts = [relative(location.file, base) if location.file else "-"]
    if location.cell is not None:
        return f"{parts[0]}:{location.sheet}!{location.cell}" if location.sheet else f"{parts[0]}:{location.cell}"
    if location.line is not None:
        parts.append(str(location.line))
        if location.column is not None:
            parts.append(str(location.column))
    elif location.page is not None:
        parts.append(f"p{location.page}")
    return ":".join(parts)


def place(location: Location, fallback_file: str | None = None) -> str:
    """`file:p<page>:¶<paragraph>:<char>` in a report (paragraph and character counted from 1, as a reader counts);
    parts that are unknown are left out."""
    parts = [location.file or fallback_file or "-"]
    if location.page is not None:
        parts.append(f"p{location.page}")
    if location.paragraph is not None:
        parts.append(f"¶{location.paragraph + 1}")
        if location.offset is not None:  # the character in the paragraph, from 1 (two leaks in one paragraph differ)
            parts.append(str(location.offset + 1))
    return ":".join(parts)


def short_place(location: Location) -> str:
    """`p3:¶12` without the file (for a finding's other places)."""
    if location.page is None and location.paragraph is None:
        return "-"
    return place(location).split(":", 1)[1]


def is_suggestion(finding: Finding) -> bool:
    """Language hints are replacements ("a | b | c"); other checks' hints, and a dt finding's rule, are advice."""
    return finding.check == "language" and isinstance(finding.hint, str)
