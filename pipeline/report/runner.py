"""Check one report: read it, run the enabled check groups, stamp severities from the profile, sum up."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Protocol

from pipeline.findings import Finding, Location, Severity, sort_findings
from pipeline.load.models import ReportRules
from pipeline.report.checks.base import CHECKS, ReportContext
from pipeline.report.document import Document
from pipeline.results import CHECK_ORDER, ReportResult

if TYPE_CHECKING:
    from pipeline.language.client import LanguageChecker
    from pipeline.load.models import Institution, Program
    from pipeline.load.project import Case
    from pipeline.report.budget import Budget, Cut
    from pipeline.results import AnonymitySummary

# groups that never look at pages: they can run while LibreOffice lays the document out
PAGE_FREE_GROUPS = ("anonymity", "language")

# check group -> the modules in pipeline.report.checks that register its checks
CHECK_MODULES = {"sections": ("sections", "reflection"), "length": ("length",), "anonymity": ("anonymity",),
                 "language": ("language",), "format": ("layout",)}


def load_checks(groups: Iterable[str] = CHECK_ORDER) -> None:
    """Import the modules of the groups that run (their @register calls fill CHECKS); a skipped group costs
    nothing, which matters for anonymity (deduce's lookup lists take a while to load)."""
    for group in groups:
        for name in CHECK_MODULES[group]:
            importlib.import_module(f"pipeline.report.checks.{name}")


def stamp_severity(findings: Iterable[Finding], group: str, report: ReportRules) -> list[Finding]:
    """The profile's severity for a group replaces error/warning; infos stay infos (they are remarks). A severity the
    profile sets for a finding's category (``language_check.category_severity``) applies to every finding of that
    category, remarks of it included (``style: warning``); findings without a category (stagepipe's own remarks)
    only follow the group's."""
    configured = report.severity_for(group)
    out = []
    for finding in findings:
        finding = replace(finding, check=group)
        specific = report.category_severity(group, finding.category)
        if specific:
            finding = finding.with_severity(specific)
        elif configured and finding.severity is not Severity.INFO:
            finding = finding.with_severity(configured)
        out.append(finding)
    return out


@dataclass(frozen=True)
class Outcome:
    """What a check group gave when it ran in another process: its findings, summary and time-budget cuts."""

    findings: list[Finding]
    summary: AnonymitySummary | None
    cuts: list[Cut]


class GroupElsewhere(Protocol):
    """A check group run in another process (pipeline.report.anonymity_process); None: it could not."""

    def run(self, context: ReportContext) -> Outcome | None: ...


def run_group(context: ReportContext, group: str) -> list[Finding]:
    """The findings of one check group's checks on ``context``, with the program's severities."""
    return [f for check in CHECKS[group] for f in stamp_severity(check(context), group, context.report)]


def run_checks(
    document: Document,
    *,
    program: Program | None = None,
    institution: Institution | None = None,
    case: Case | None = None,
    groups: Iterable[str] = CHECK_ORDER,
    language_checker: Callable[..., LanguageChecker] | None = None,
    layout: Callable[[Document], Document] | None = None,
    budget: Budget | None = None,
    anonymity: GroupElsewhere | None = None,
) -> ReportResult:
    """Run the named check groups on an already read document.

    ``layout`` (LibreOffice's page count for a DOCX) runs in a thread while the groups that do not need pages run,
    each in a thread of its own (anonymity: deduce; language: LanguageTool); their findings get their pages
    afterwards. ``anonymity``: a child process started before the document was read, which checks anonymity
    (pipeline.report.anonymity_process); when it cannot, this process does.
    """
    enabled = [g for g in CHECK_ORDER if g in set(groups)]
    load_checks(enabled)
    report = program.report if program is not None else ReportRules()
    context = ReportContext(document=document, report=report, program=program, institution=institution, case=case,
                            language_checker=language_checker, budget=budget)
    early = [g for g in enabled if g in PAGE_FREE_GROUPS] if layout else []

    def run(group: str) -> list[Finding]:
        if budget is not None and budget.over():
            budget.cut(group)  # not started: the time is up
            return []
        if group == "anonymity" and anonymity is not None:
            outcome = anonymity.run(context)
            if outcome is not None:
                context.summaries.anonymity = outcome.summary
                for cut in outcome.cuts:
                    if budget is not None:
                        budget.cut(cut.part, cut.done, cut.total)
                return outcome.findings
        return run_group(context, group)

    # the layout (LibreOffice), the language check (mostly waiting for LanguageTool) and anonymity (deduce, in this
    # process) run side by side
    with ThreadPoolExecutor(max_workers=1 + len(early)) as pool:
        laid_out = pool.submit(layout, document) if layout else None
        try:
            running = [pool.submit(run, group) for group in early]
            findings = [f for future in running for f in future.result()]
        finally:
            if laid_out is not None:
                context.document = document = laid_out.result()
    findings = [with_page(f, document) for f in findings]
    for group in enabled:
        if group not in early:
            findings += run(group)
    cut = budget.findings(document.path) if budget is not None else []
    return ReportResult(document=document, program=context.program_id,
                        findings=sort_findings([*document.notices, *findings, *cut]), checks=enabled,
                        summaries=context.summaries)


def with_page(finding: Finding, document: Document) -> Finding:
    """The finding with the page of the block it points at (pages may be known only after the layout) and what
    holds that block (a text box, a footnote)."""

    def located(loc: Location) -> Location:
        if loc.paragraph is None or loc.file != document.path or not 0 <= loc.paragraph < len(document.blocks):
            return loc
        block = document.blocks[loc.paragraph]
        where = loc.where or block.where()
        return loc if (block.page, where) == (loc.page, loc.where) else replace(loc, page=block.page, where=where)

    location, related = located(finding.location), tuple(located(loc) for loc in finding.related)
    if location == finding.location and related == finding.related:
        return finding
    return replace(finding, location=location, related=related)
