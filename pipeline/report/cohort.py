"""Check a cohort's reports in one run: each report matched to its case, checked in parallel, one row per student.

`stagepipe check DIR... --cases inputs/cases/2021-2022 --jobs N`:

- **matching** (``match_reports``): a report belongs to a case when its file name holds the case id
  (``om-jana-peeters.docx``, what `stagepipe init`'s Makefile expects), the student number (``r0812345``, also
  without its letter) or the student's first and last name (any order, any separators, accents folded); or when a
  CSV (``--mapping``: columns ``file`` and ``case``) says so. A report that matches no case, or more than one, is
  listed as unmatched and not checked: never guessed. Cases without a report are listed too.
- **checking** (``check_cohort``): ``jobs`` worker processes, each with its own warm LibreOffice
  (pipeline.convert.office: a claimed slot, the office dies with its worker) and all sharing the one LanguageTool
  server, started before the workers. Each report's full result is written to ``out/<case-id>.json`` (what
  `stagepipe status` reads from ``outputs/checks/``) when ``out`` is given.
- **overview** (pipeline.results.CohortResult): one row per student, in text, JSON, HTML, CSV and JUnit (one test
  case per report).
"""

from __future__ import annotations

import csv
import os
import re
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.findings import Severity
from pipeline.messages import msg, translate
from pipeline.report.names import fold
from pipeline.results import CohortResult, CohortRow, UnmatchedReport

REPORT_SUFFIXES = (".docx", ".pdf", ".md", ".markdown", ".txt")
_TOKEN = re.compile(r"[a-z0-9]+")
_NUMBER = re.compile(r"[a-z]?\d{5,}")


@dataclass(frozen=True)
class CaseInfo:
    """What matching needs of a case."""

    id: str
    path: Path
    student: str  # first and last name
    number: str | None  # the student number (student.id)
    names: tuple[str, ...]  # folded, lower-case name words


@dataclass
class Matching:
    matched: dict[Path, CaseInfo] = field(default_factory=dict)
    unmatched: list[UnmatchedReport] = field(default_factory=list)
    without_report: list[CaseInfo] = field(default_factory=list)


def find_reports(paths: Iterable[Path]) -> list[Path]:
    """The report files among ``paths`` and in the folders among them (recursively), in a stable order; hidden
    files and Word's lock files (``~$verslag.docx``) are left out."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += [p for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES
                      and not any(part.startswith((".", "~$")) for part in p.relative_to(path).parts)]
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def load_cases(folder: Path) -> list[CaseInfo]:
    """The cases of a cohort folder (inputs/cases/<cohort>/), with their students read through the typed model; a
    case whose student does not fit it is matched by its id only (its check then says what is wrong with it)."""
    from pydantic import ValidationError

    from pipeline.load.models import Student
    from pipeline.load.project import load_project

    project = load_project([folder])
    out = []
    for source in project.cases:
        case = project.resolve_case(source)
        try:
            student: Student | None = Student.model_validate(case.data["student"])
        except (KeyError, ValidationError):
            student = None
        first, last = (student.first_name, student.last_name) if student is not None else ("", "")
        out.append(CaseInfo(id=case.id, path=source.path, student=f"{first} {last}".strip(),
                            number=student.id.lower() if student is not None and student.id else None,
                            names=tuple(_TOKEN.findall(fold(f"{first} {last}").lower()))))
    return sorted(out, key=lambda c: c.id)


def read_mapping(path: Path) -> dict[str, str]:
    """A CSV mapping report file names to case ids: columns ``file`` and ``case`` (``,`` or ``;``)."""
    text = path.read_text(encoding="utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text.strip() else ",", delimiters=",;\t")
    rows = csv.DictReader(text.splitlines(), dialect=dialect)
    return {Path(file.strip()).name: case.strip() for file, case in ((row["file"], row["case"]) for row in rows)
            if file and case}


def _candidates(report: Path, cases: Sequence[CaseInfo]) -> list[CaseInfo]:
    stem = fold(report.stem).lower()
    tokens = set(_TOKEN.findall(stem))
    by_id = [c for c in cases if c.id.lower() == stem or c.id.lower() in stem.split("_")]
    if by_id:
        return by_id
    numbers = {n for n in _NUMBER.findall(stem)}
    numbers |= {n[1:] for n in numbers if n[0].isalpha()}
    by_number = [c for c in cases if c.number and (c.number in numbers or c.number.lstrip("rsu") in numbers)]
    if by_number:
        return by_number
    return [c for c in cases if len(c.names) >= 2 and set(c.names) <= tokens]


def match_reports(reports: Sequence[Path], cases: Sequence[CaseInfo], mapping: dict[str, str] | None = None
                  ) -> Matching:
    """Each report to its case, or listed as unmatched (none, or more than one, is never guessed)."""
    by_id = {c.id: c for c in cases}
    result = Matching()
    taken: dict[str, Path] = {}
    for report in reports:
        if mapping is not None and report.name in mapping:
            case = by_id.get(mapping[report.name])
            found = [case] if case is not None else []
            reason = "mapping-unknown-case"
        else:
            found = _candidates(report, cases)
            reason = "no-case" if not found else "several-cases"
        if len(found) != 1:
            result.unmatched.append(UnmatchedReport(str(report), reason, tuple(c.id for c in found)))
            continue
        case = found[0]
        if case.id in taken:
            result.unmatched.append(UnmatchedReport(str(report), "case-taken", (case.id,)))
            continue
        taken[case.id] = report
        result.matched[report] = case
    result.without_report = [c for c in cases if c.id not in taken]
    return result


# --- checking, in worker processes ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class CohortOptions:
    groups: tuple[str, ...]
    server: str | None = None
    count_pages: bool = True
    time_budget: float | None = None
    inputs: Path | None = None
    out: Path | None = None  # one JSON result per case here
    lang: str = "nl"
    warm_office: bool = True


_WORKER: dict[str, Any] = {}


def _office() -> Any:
    """This process's warm LibreOffice: a slot of its own, stopped when the process ends (and dying with it)."""
    if "office" not in _WORKER:
        import multiprocessing.util

        from pipeline.convert.libreoffice import ConverterUnavailable
        from pipeline.convert.office import Office

        try:
            claimed = Office.claim(owner=os.getpid())
        except ConverterUnavailable:
            _WORKER["office"] = None  # every slot taken: LibreOffice started per report
        else:
            multiprocessing.util.Finalize(claimed, claimed.release, exitpriority=10)  # a pool worker's normal end
            _WORKER["office"] = claimed
    return _WORKER["office"]


def check_one(report: Path, case: CaseInfo, options: CohortOptions) -> CohortRow:
    """Check one report against its case (in a worker); write its full result; the row of the overview."""
    from pipeline.files import write_atomically
    from pipeline.language.errors import LanguageToolError
    from pipeline.output import FormatOptions, format_result
    from pipeline.report.errors import ReportError
    from pipeline.report.setup import CheckOptions, check_or_refuse

    started = time.monotonic()
    check = CheckOptions(report=report, case=case.path, inputs=options.inputs, groups=options.groups,
                         server=options.server, count_pages=options.count_pages, time_budget=options.time_budget,
                         office=_office() if options.warm_office else None)
    try:
        result = check_or_refuse(check)
    except (ReportError, LanguageToolError) as exc:  # could not run: the case or a component
        text = exc.text if isinstance(exc, ReportError) else msg("setup.language-unavailable", reason=exc.text)
        return CohortRow(case_id=case.id, student=case.student, file=str(report), status="not-run", exit_code=2,
                         errors=0, warnings=0, infos=0, problems=(translate(text, options.lang),),
                         seconds=round(time.monotonic() - started, 2))
    if options.out is not None:
        write_atomically(options.out / f"{case.id}.json", format_result(result, "json", FormatOptions(lang=options.lang))
                         + "\n")
    counts = result.counts
    status = "internal-error" if result.internal_error else "refused" if result.refused else \
        "passed" if result.passed else "failed"
    problems = tuple(f"[{f.rule}] {translate(f.message, options.lang)}" for f in result.findings
                     if f.severity is Severity.ERROR)[:20]
    return CohortRow(case_id=case.id, student=case.student, file=str(report), status=status,
                     exit_code=result.exit_code, errors=counts.errors, warnings=counts.warnings, infos=counts.infos,
                     pages=result.document.pages, words=result.summaries.length.words if result.summaries.length else None,
                     problems=problems, seconds=round(time.monotonic() - started, 2))


def check_cohort(matching: Matching, options: CohortOptions, *, jobs: int = 1,
                 progress: Callable[[int, int], None] | None = None, cohort: str = "") -> CohortResult:
    """Check every matched report (``jobs`` processes), in the order of their cases."""
    items = sorted(matching.matched.items(), key=lambda item: item[1].id)
    if "language" in options.groups and items:
        _start_languagetool(options)
    rows: list[CohortRow] = []
    if options.out is not None:
        options.out.mkdir(parents=True, exist_ok=True)
    if jobs <= 1 or len(items) <= 1:
        for done, (report, case) in enumerate(items, start=1):
            rows.append(check_one(report, case, options))
            if progress is not None:
                progress(done, len(items))
    else:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        _release_office()  # a worker claims a slot of its own, never inherits one
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            futures: list[Future[CohortRow]] = [pool.submit(check_one, report, case, options) for report, case in items]
            for done, future in enumerate(_as_completed(futures), start=1):
                rows.append(future.result())
                if progress is not None:
                    progress(done, len(items))
    _release_office()  # the workers' own ended with them
    order = {case.id: i for i, (_, case) in enumerate(items)}
    rows.sort(key=lambda row: order.get(row.case_id, 0))
    return CohortResult(cohort=cohort, rows=tuple(rows), unmatched=tuple(matching.unmatched),
                        without_report=tuple((c.id, c.student) for c in matching.without_report))


def _release_office() -> None:
    office = _WORKER.pop("office", None)
    if office is not None:
        office.release()


def _as_completed(futures: Sequence[Future[CohortRow]]) -> Iterable[Future[CohortRow]]:
    from concurrent.futures import as_completed

    return as_completed(futures)


def _start_languagetool(options: CohortOptions) -> None:
    """The one LanguageTool server every worker shares: started (or found) before the workers fork."""
    from pipeline.language.client import configured_url
    from pipeline.language.server import ensure_server

    if configured_url(options.server) is None:
        ensure_server()


def worker_count(jobs: int | None) -> int:
    """--jobs, default: the CPUs, at most 4 (each job has a LibreOffice; LanguageTool is shared)."""
    return max(1, jobs if jobs else min(4, os.cpu_count() or 1))

