"""What a report check receives and returns, and the registry of checks by name.

A check says *what* and *where*; the runner stamps how severe, from the program profile (STYLE.md, 2). Each check
declares the part of the program's ``report:`` block it reads as a model (``register(group, options=...)``, as
rule kinds declare theirs; pipeline.report.checks.options) and reads it typed with ``ctx.options(Model)``; a test
keeps the declarations and the program schema's ``report`` block in step.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from pipeline.findings import Finding
from pipeline.report.document import Document
from pipeline.results import CHECK_ORDER, ReportSummaries

if TYPE_CHECKING:
    from pipeline.language.client import LanguageChecker
    from pipeline.load.models import Institution, Program, ReportRules
    from pipeline.load.project import Case
    from pipeline.report.budget import Budget
    from pipeline.report.checks.options import GroupOptions

_Options = TypeVar("_Options", bound="GroupOptions")


def _no_report() -> ReportRules:
    from pipeline.load.models import ReportRules  # pydantic only when a check runs, not for every command

    return ReportRules()


@dataclass
class ReportContext:
    """Everything a check may read. ``report`` is the program's ``report:`` block (empty without a program)."""

    document: Document
    report: ReportRules = field(default_factory=_no_report)
    program: Program | None = None  # the whole program profile
    institution: Institution | None = None
    case: Case | None = None
    language_checker: Callable[..., LanguageChecker] | None = None  # opened lazily (language=CODE: another one)
    summaries: ReportSummaries = field(default_factory=ReportSummaries)  # what each group measured
    budget: Budget | None = None  # the check's total time: a long loop stops past it and says so (budget.cut)

    @property
    def file(self) -> str:
        return self.document.path

    @property
    def program_id(self) -> str | None:
        return self.program.id if self.program is not None else None

    def options(self, model: type[_Options]) -> _Options:
        """The settings a check declared (``register(group, options=model)``), read from the report block."""
        from pipeline.report.checks.options import read_options

        return read_options(self.report, model)


CheckFunction = Callable[[ReportContext], Iterable[Finding]]

CHECKS: dict[str, list[CheckFunction]] = {name: [] for name in CHECK_ORDER}

# group -> the option models its checks declared (the keys of the report block they read)
OPTIONS: dict[str, list[type[GroupOptions]]] = {name: [] for name in CHECK_ORDER}


def register(group: str, *, options: type[GroupOptions] | None = None) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check function under a group name (one of CHECK_ORDER); a group may hold several. ``options``
    declares what the check reads from the program's report block."""
    if group not in CHECK_ORDER:
        raise ValueError(f"unknown check group {group!r}")

    def wrap(function: CheckFunction) -> CheckFunction:
        if function not in CHECKS[group]:
            CHECKS[group].append(function)
        if options is not None and options not in OPTIONS[group]:
            OPTIONS[group].append(options)
        return function

    return wrap
