"""Build the pieces of one report check from the user's options: program, institution, case, LanguageTool, reader."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pipeline.findings import Finding, Location, Severity
from pipeline.load.models import Institution, Program, ReportRules
from pipeline.load.project import Case, Project, Source, inputs_root, load_project
from pipeline.messages import Joined, joined, msg
from pipeline.paths import project_inputs
from pipeline.report.document import Document
from pipeline.report.errors import InternalError, ReportError
from pipeline.report.runner import run_checks
from pipeline.results import CHECK_ORDER, ReportResult

if TYPE_CHECKING:
    from pipeline.language.client import LanguageChecker


@dataclass(frozen=True)
class GivenNames:
    """Names a student typed in (the web page) instead of a case file: they must not appear in the report."""

    mentors: tuple[str, ...] = ()
    placements: tuple[str, ...] = ()
    people: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.mentors or self.placements or self.people)


@dataclass
class CheckOptions:
    report: Path
    program: str | None = None
    case: Path | None = None
    inputs: Path | None = None  # folder with institutions/, programs/, cases/
    groups: tuple[str, ...] = CHECK_ORDER
    server: str | None = None  # LanguageTool URL; None: configured or local
    count_pages: bool = True
    names: GivenNames | None = None  # without a case file: the names to look for
    extra: dict[str, Any] = field(default_factory=dict)
    time_budget: float | None = None  # seconds for the whole check (None: the default, pipeline.report.budget)
    office: Any = None  # a warm LibreOffice (pipeline.convert.office.Office) to lay DOCX pages out with, or None
    anonymity: Any = None  # a child process that checks anonymity (pipeline.report.anonymity_process), or None


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
    return project_inputs()


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


_Typed = TypeVar("_Typed")


def _first_error(kind: str, data: dict[str, Any], locate: Callable[..., Location], fallback: str) -> Joined:
    """'file:line: message' of the first schema error of ``data`` (``fallback`` when the schema finds none)."""
    from pipeline.validate.schema import validate_against, validator_for

    errors = [f for f in validate_against(validator_for(kind), data, locate) if f.severity is Severity.ERROR]
    if not errors:
        return joined((fallback,))
    first = errors[0]
    return joined((f"{first.location.file}:{first.location.line}", first.message), ": ")


def _typed(build: Callable[[], _Typed], kind: str, data: dict[str, Any], locate: Callable[..., Location]) -> _Typed:
    """The typed record of a program, institution or case; a file that does not fit is refused (exit 2) with its
    first schema error and where it sits. The schema is consulted only then: a valid file costs no validation."""
    from pydantic import ValidationError

    try:
        return build()
    except ValidationError as exc:
        detail = _first_error(kind, data, locate, str(exc))
        if kind == "case":
            raise ReportError(msg("setup.case-invalid", detail=detail), exit_code=2) from exc
        raise ReportError(msg("setup.profile-invalid", detail=detail), exit_code=2) from exc


def _program(source: Source) -> Program:
    return _typed(source.as_program, "program", source.data, source.doc.locate)


def _institution(source: Source | None) -> Institution | None:
    if source is None:
        return None
    return _typed(source.as_institution, "institution", source.data, source.doc.locate)


def _refuse_invalid(project: Project, case: Case | None, program_id: str | None = None) -> None:
    """Validation's one entry point decides (pipeline.validate.runner.validate): a broken program profile or a case
    that does not fit its schema or references is refused with its first error (exit 2)."""
    from pipeline.validate.runner import validate

    validation = validate(project)
    profile = case.program_id if case is not None else program_id
    if profile in validation.broken_programs:
        errors = validation.profile_errors.get(profile or "", [])
        kind = "setup.profile-invalid"
    else:
        errors = validation.case_errors(case, rules=False) if case is not None else []
        kind = "setup.case-invalid"
    if errors:
        first = errors[0]
        detail = joined((f"{first.location.file}:{first.location.line}", first.message), ": ")
        raise ReportError(msg(kind, detail=detail), exit_code=2)


def _check_record(case: Case) -> None:
    """The case's typed record can be made (else the case is refused with its first schema error)."""
    _typed(lambda: case.record, "case", case.data, case.locate)


def resolve_profile(options: CheckOptions) -> tuple[Program | None, Institution | None, Case | None]:
    """(program, institution, case), typed, and the resolved case; raises ReportError (exit 2)."""
    inputs = _inputs_for(options)
    case: Case | None = None
    if options.case is not None:
        project, case = _load_case(options.case)
        case_program = case.program_id
        if options.program and options.program != case_program:
            raise ReportError(msg("setup.program-mismatch", given=options.program, case=case_program), exit_code=2)
        if case.program is None:
            known = ", ".join(sorted(project.programs)) or "-"
            raise ReportError(msg("setup.case-program", id=case_program, known=known), exit_code=2)
        _refuse_invalid(project, case)
        program = _program(case.program)
        institution = _institution(case.institution)
        _check_record(case)
        return program, institution, case
    given = names_case(options.names, options.program) if options.names else None
    if options.program is None:
        return None, None, given
    folders = [p for p in (inputs / "programs", inputs / "institutions") if p.is_dir()]
    project = load_project(folders) if folders else Project()
    source = project.programs.get(options.program)
    if source is None:
        known = ", ".join(sorted(project.programs)) or "-"
        raise ReportError(msg("setup.unknown-program", id=options.program, inputs=inputs, known=known), exit_code=2)
    _refuse_invalid(project, None, source.id)
    program = _program(source)
    return program, _institution(project.institutions.get(program.institution)), given


def names_case(given: GivenNames, program: str | None) -> Case:
    """A case that holds only ``given``: the first placement is the placement, the others are places of its
    trajectory, the mentors its mentors and the people its other people; the student and every contact are left
    empty, so the checks look for exactly these names (the same way they look for a case file's)."""
    from pipeline.load.project import Source
    from pipeline.load.yaml_source import YamlDocument

    nobody = {"name": ""}
    placements = [p.strip() for p in given.placements if p.strip()] or [""]
    data: dict[str, Any] = {
        "id": "names", "program": program or "", "institution": "",
        "student": {"id": "", "first_name": "", "last_name": "", "email": ""},
        "placement": {"name": placements[0], "address": {"street": "", "postal_code": "", "city": ""},
                      "representative": nobody},
        "mentors": [{"name": m.strip(), "email": ""} for m in given.mentors if m.strip()],
        "supervisor": nobody,
        "other_people": [p.strip() for p in given.people if p.strip()],
        "period": {"start": "2000-01-01", "end": "2000-01-01"},
        "trajectory": [{"discipline": "", "weeks": 0, "kind": "clinical", "place": p} for p in placements[1:]],
    }
    source = Source(YamlDocument(Path("names"), data), "case")
    return Case(source=source, program=None, institution=None, data=data)


def checker_factory(options: CheckOptions, program: Program | None, institution: Institution | None,
                    case: Case | None) -> Callable[..., LanguageChecker]:
    def open_it(language: str | None = None) -> LanguageChecker:
        from pipeline.language.client import DEFAULT_LANGUAGE, open_checker
        from pipeline.report.checks.language import LanguageOptions
        from pipeline.report.checks.options import read_options

        settings = read_options(program.report if program is not None else ReportRules(), LanguageOptions)
        ignored = settings.language_check.ignore_rules if settings.language_check is not None else ()
        # the program's and the case's words are applied by the language check, which counts them
        return open_checker(options.server, language=language or settings.language or DEFAULT_LANGUAGE,
                            ignore_rules=list(ignored))

    return open_it


def check_report(options: CheckOptions) -> ReportResult:
    """Read the report and run the chosen checks. Raises ReportError (bad report: 1; could not run: 2),
    InternalError (a bug of ours) and pipeline.language.LanguageToolError when the language check cannot reach its
    server."""
    if not options.report.exists():
        raise ReportError(msg("read.missing", path=options.report), exit_code=2)
    program, institution, case = resolve_profile(options)
    return _check(options, program, institution, case)


def check_or_refuse(options: CheckOptions) -> ReportResult:
    """``check_report``, with a result for every file: a report that cannot be read is a refused result (one finding
    of check ``read``, exit 1) and a bug met on it an internal-error result (exit 2), both with the program and
    case they were checked against. Raises ReportError (exit 2: could not run: a missing file, an unknown program)
    and LanguageToolError as check_report does."""
    if not options.report.exists():
        raise ReportError(msg("read.missing", path=options.report), exit_code=2)
    program, institution, case = resolve_profile(options)
    program_id = program.id if program is not None else None
    case_id = case.id if case is not None else None
    try:
        result = _check(options, program, institution, case)
    except ReportError as exc:
        if exc.exit_code != 1:
            raise
        return refused_result(options.report, program_id, exc, case_id=case_id)
    except InternalError as exc:
        return internal_result(options.report, program_id, exc, case_id=case_id)
    except Exception as exc:
        from pipeline.language.errors import LanguageToolError

        if isinstance(exc, LanguageToolError):
            raise  # a component that is down: could not run (exit 2), not a result
        return internal_result(options.report, program_id, InternalError.of(exc), case_id=case_id)
    result.case_id = case_id
    return result


def refused_result(path: Path, program: str | None, error: ReportError, *, case_id: str | None = None) -> ReportResult:
    """The result of a report that cannot be read: ``passed`` false, one error of check ``read`` with the reason
    (its rule is the message id without ``read.``: ``empty``, ``pdf.password``, ``zip-corrupt``)."""
    finding = Finding(check="read", rule=error.key.removeprefix("read."), severity=Severity.ERROR, message=error.text,
                      location=Location(file=str(path)))
    return ReportResult(document=Document(path=str(path), format=_format_of(path)), program=program,
                        findings=[finding], checks=[], refused=True, case_id=case_id)


def internal_result(path: Path, program: str | None, error: InternalError, *,
                    case_id: str | None = None) -> ReportResult:
    """The result of a report on which stagepipe met a bug of its own: exit 2, 'internal error, please report'."""
    finding = Finding(check="internal", rule="internal-error", severity=Severity.ERROR,
                      message=msg("check.internal-error", error=error.error), location=Location(file=str(path)))
    return ReportResult(document=Document(path=str(path), format=_format_of(path)), program=program,
                        findings=[finding], checks=[], internal_error=error.details or error.error, case_id=case_id)


def _format_of(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    return {"md": "markdown", "markdown": "markdown", "txt": "text"}.get(suffix, suffix or "unknown")


def _check(options: CheckOptions, program: Program | None, institution: Institution | None,
           case: Case | None) -> ReportResult:
    from pipeline.report.budget import DEFAULT_SECONDS, Budget
    from pipeline.report.readers import read_report

    budget = Budget(options.time_budget or DEFAULT_SECONDS)
    document = read_report(options.report, seconds=max(1.0, budget.left()))
    # pages are laid out whenever allowed, not only for the length check: every finding's "p. 7" depends on them
    layout = None
    if options.count_pages and document.format == "docx":
        from pipeline.report.pages import count_docx_pages

        def layout(doc: Document) -> Document:
            return count_docx_pages(doc, options.report, budget=budget, office=options.office)

    language = checker_factory(options, program, institution, case) if "language" in options.groups else None
    result = run_checks(document, program=program, institution=institution, case=case, groups=options.groups,
                        language_checker=language, layout=layout, budget=budget, anonymity=options.anonymity)
    if program is None:
        result.summaries.program_notice = msg("setup.no-program")
    return result
