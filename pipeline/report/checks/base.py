"""What a report check receives and returns, and the registry of checks by name.

A check says *what* and *where*; the runner stamps how severe, from the program profile (STYLE.md, 2).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pipeline.findings import Finding
from pipeline.report.document import Document
from pipeline.results import CHECK_ORDER, ReportSummaries

if TYPE_CHECKING:
    from pipeline.language.client import LanguageChecker
    from pipeline.load.project import Case

@dataclass
class ReportContext:
    """Everything a check may read. ``report`` is the program's ``report:`` block (empty without a program)."""

    document: Document
    report: dict[str, Any] = field(default_factory=dict)
    program: dict[str, Any] | None = None  # the whole program profile
    institution: dict[str, Any] | None = None
    case: Case | None = None
    language_checker: Callable[[], LanguageChecker] | None = None  # opened lazily by the language check
    summaries: ReportSummaries = field(default_factory=ReportSummaries)  # what each group measured

    @property
    def file(self) -> str:
        return self.document.path

    @property
    def program_id(self) -> str | None:
        return str(self.program["id"]) if self.program and "id" in self.program else None


CheckFunction = Callable[[ReportContext], Iterable[Finding]]

CHECKS: dict[str, list[CheckFunction]] = {name: [] for name in CHECK_ORDER}


def register(group: str) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check function under a group name (one of CHECK_ORDER); a group may hold several."""
    if group not in CHECK_ORDER:
        raise ValueError(f"unknown check group {group!r}")

    def wrap(function: CheckFunction) -> CheckFunction:
        if function not in CHECKS[group]:
            CHECKS[group].append(function)
        return function

    return wrap
