"""The one data object every validator and check produces and every formatter reads."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from typing import Any

from pipeline.messages import Message, Text, translate


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Location:
    """Where a finding points: a YAML node (file, line, column, JSON pointer), a place in a report, or a cell of a
    spreadsheet (sheet and cell, with line and column set to its row and column number)."""

    file: str | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    pointer: str | None = None  # JSON pointer into the YAML document
    page: int | None = None  # 1-based, reports
    paragraph: int | None = None  # 0-based block index, reports
    offset: int | None = None  # character offset inside the paragraph (or file)
    length: int | None = None  # span length in characters
    sheet: str | None = None  # a spreadsheet's sheet (None for CSV)
    cell: str | None = None  # a spreadsheet cell, 'D7'
    where: Message | None = None  # in a report, what holds the text: 'tekstvak', 'voetnoot 3', 'opmerking van …'

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        out = {k: v for k, v in asdict(self).items() if v is not None and k != "where"}
        if self.where is not None:
            out["where"] = translate(self.where, lang or "nl")
        return out

    def sort_key(self) -> tuple[Any, ...]:
        def n(v: int | None) -> int:
            return -1 if v is None else v

        return (self.file or "", n(self.page), n(self.paragraph), n(self.line), n(self.column), n(self.offset))


@dataclass(frozen=True)
class Finding:
    """A problem (or remark) found in a case file or a report.

    ``check`` is the group (``schema``, ``rules``, ``yaml``, ``sections``, ``length``, ``anonymity``,
    ``language``, ``format``, ...); ``rule`` is the stable id of the rule kind that fired.
    """

    check: str
    rule: str
    severity: Severity
    message: Message  # an id with values; the formatter translates it (pipeline.messages)
    location: Location = field(default_factory=Location)
    text: str | None = None  # the words of the input the finding is about
    hint: Text | None = None  # advice (a Message), or data shown as it is (suggestions, a profile's description)
    category: str | None = None  # e.g. spelling / grammar / style / dt for language findings
    related: tuple[Location, ...] = ()  # further places of the same problem (repeated errors grouped into one)

    def with_severity(self, severity: Severity | str) -> Finding:
        return replace(self, severity=Severity(severity))

    def to_dict(self, lang: str = "nl") -> dict[str, Any]:
        """The finding as JSON data, its texts in ``lang``; ``message_id`` and ``args`` say the same for machines."""
        out: dict[str, Any] = {
            "check": self.check,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": translate(self.message, lang),
            "location": self.location.to_dict(lang),
            "text": self.text,
        }
        if self.hint is not None:
            out["hint"] = translate(self.hint, lang)
        if self.category is not None:
            out["category"] = self.category
        if self.related:
            out["related"] = [loc.to_dict(lang) for loc in self.related]
        out["message_id"] = self.message.id
        out["args"] = self.message.to_dict(lang)["args"]
        return out

    def sort_key(self) -> tuple[Any, ...]:
        return (*self.location.sort_key(), self.severity.rank, self.check, self.rule, self.message.id,
                repr(self.message.args))


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=Finding.sort_key)


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


def exit_code(findings: Iterable[Finding]) -> int:
    """0 when nothing of severity error was found, 1 otherwise (2 is for 'could not run')."""
    return 1 if has_errors(findings) else 0
