"""Build the pieces of one report check from the user's options: program, institution, case, LanguageTool, reader."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.load.project import Case, Project, inputs_root, load_project
from pipeline.messages import joined, msg
from pipeline.paths import INPUTS_DIR
from pipeline.report.document import Document
from pipeline.report.errors import ReportError
from pipeline.report.runner import run_checks
from pipeline.results import CHECK_ORDER, ReportResult

if TYPE_CHECKING:
    from pipeline.language.client import LanguageChecker




@dataclass
class CheckOptions:
    report: Path
    program: str | None = None
    case: Path | None = None
    inputs: Path | None = None  # folder with institutions/, programs/, cases/
    groups: tuple[str, ...] = CHECK_ORDER
    server: str | None = None  # LanguageTool URL; None: configured or local
    count_pages: bool = True
    extra: dict[str, Any] = field(default_factory=dict)


def parse_groups(only: Iterable[str], skip: Iterable[str]) -> tuple[str, ...]:
    """The check groups to run; raises ReportError (exit 2) for an unknown name."""
    only, skip = [g.strip() for g in only if g.strip()], [g.strip() for g in skip if g.strip()]
    for name in [*only, *skip]:
        if name not in CHECK_ORDER:
            raise ReportError(msg("setup.unknown-group", name=name, known=", ".join(CHECK_ORDER)), exit_code=2)
    chosen = only or list(CHECK_ORDER)
    return tuple(g for g in CHECK_ORDER if g in chosen and g not in skip)


def _inputs_for(options: CheckOptions) -> Path:
    if options.inputs is not None:
        return options.inputs
    if options.case is not None:
        root = inputs_root(options.case.resolve())
        if root is not None:
            return root
    local = Path("inputs")
    return local if (local / "programs").is_dir() else INPUTS_DIR


def _load_case(path: Path) -> tuple[Project, Case]:
    if not path.is_file():
        raise ReportError(msg("setup.case-missing", path=path), exit_code=2)
    project = load_project([path])
    if project.findings and not project.cases:
        first = project.findings[0]
        detail = joined((f"{first.location.file}:{first.location.line}", first.message), ": ")
        raise ReportError(msg("setup.case-invalid", detail=detail), exit_code=2)
    if not project.cases:
        raise ReportError(msg("setup.not-a-case", path=path), exit_code=2)
    return project, project.resolve_case(project.cases[0])


def resolve_profile(options: CheckOptions) -> tuple[dict[str, Any] | None, dict[str, Any] | None, Case | None]:
    """(program, institution, case) as plain data and the resolved case; raises ReportError (exit 2)."""
    inputs = _inputs_for(options)
    case: Case | None = None
    if options.case is not None:
        project, case = _load_case(options.case)
        case_program = str(case.source.data.get("program"))
        if options.program and options.program != case_program:
            raise ReportError(msg("setup.program-mismatch", given=options.program, case=case_program), exit_code=2)
        if case.program is None:
            known = ", ".join(sorted(project.programs)) or "-"
            raise ReportError(msg("setup.case-program", id=case_program, known=known), exit_code=2)
        return case.program.data, case.institution.data if case.institution else None, case
    if options.program is None:
        return None, None, None
    folders = [p for p in (inputs / "programs", inputs / "institutions") if p.is_dir()]
    project = load_project(folders) if folders else Project()
    program = project.programs.get(options.program)
    if program is None:
        known = ", ".join(sorted(project.programs)) or "-"
        raise ReportError(msg("setup.unknown-program", id=options.program, inputs=inputs, known=known), exit_code=2)
    institution = project.institutions.get(str(program.data.get("institution")))
    return program.data, institution.data if institution else None, None


def accepted_words(program: dict[str, Any] | None, institution: dict[str, Any] | None, case: Case | None) -> list[str]:
    """Words LanguageTool should not call spelling errors: the program's list and the names of people and places
    the case knows (those are for the anonymity check to judge, not the speller)."""
    words: list[str] = []
    report = (program or {}).get("report") or {}
    words += [str(w) for w in (report.get("language_check") or {}).get("words") or []]
    words += [str(w) for w in (report.get("anonymity") or {}).get("allow") or []]
    for source in (program, institution):
        if source:
            words += [str(source[k]) for k in ("name", "short_name") if isinstance(source.get(k), str)]
    if case is not None:  # people, the placement and its address: names, not spelling errors
        from pipeline.report.names import case_names

        words += [known.name for known in case_names(case.data) if known.kind in ("person", "organisation", "address")]
    return words


def checker_factory(options: CheckOptions, program: dict[str, Any] | None, institution: dict[str, Any] | None,
                    case: Case | None) -> Callable[[], LanguageChecker]:
    report = (program or {}).get("report") or {}
    settings = report.get("language_check") or {}

    def open_it() -> LanguageChecker:
        from pipeline.language.client import DEFAULT_LANGUAGE, open_checker

        return open_checker(options.server, language=str(report.get("language") or DEFAULT_LANGUAGE),
                            ignore_rules=[str(r) for r in settings.get("ignore_rules") or []],
                            words=accepted_words(program, institution, case))

    return open_it


def check_report(options: CheckOptions) -> ReportResult:
    """Read the report and run the chosen checks. Raises ReportError (bad report: 1; could not run: 2) and
    pipeline.language.LanguageToolError when the language check cannot reach its server."""
    from pipeline.report.readers import read_report

    if not options.report.exists():
        raise ReportError(msg("read.missing", path=options.report), exit_code=2)
    program, institution, case = resolve_profile(options)
    document = read_report(options.report)
    # pages are laid out whenever allowed, not only for the length check: every finding's "p. 7" depends on them
    layout = None
    if options.count_pages and document.format == "docx":
        from pipeline.report.pages import count_docx_pages

        def layout(doc: Document) -> Document:
            return count_docx_pages(doc, options.report)

    language = checker_factory(options, program, institution, case) if "language" in options.groups else None
    result = run_checks(document, program=program, institution=institution, case=case, groups=options.groups,
                        language_checker=language, layout=layout)
    if program is None:
        result.summaries.program_notice = msg("setup.no-program")
    return result
