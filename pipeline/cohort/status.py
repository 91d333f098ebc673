"""`stagepipe status COHORT`: per student, whether the case file is valid (and how many findings), whether the
contract pack was rendered and is up to date (its manifest), the signing deadline and the days left, and whether a
report was checked and its result (a `stagepipe check ... --format json -o` result named after the case id)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from pipeline.dates import parse_date
from pipeline.findings import Severity
from pipeline.load.project import load_project
from pipeline.results import StudentStatus


def _signing_deadline(program: dict[str, Any]) -> dt.date | None:
    """The deadline of the program's signing-deadline rule (a date or one of its deadlines' ids)."""
    for entry in program.get("rules", []) or []:
        if entry.get("kind") == "signing-deadline" and "deadline" in entry:
            ref = str(entry["deadline"])
            for item in program.get("deadlines", []) or []:
                if isinstance(item, dict) and item.get("id") == ref:
                    return parse_date(item.get("date"))
            return parse_date(ref)
    return None


def _pack_state(case_file: Path, out: Path, templates: Path, case_id: str) -> str:
    from pipeline.render.pack import HashCache, RenderOptions, read_manifest, up_to_date

    manifest = read_manifest(out / case_id)
    if manifest is None:
        return "none"
    options = RenderOptions(out=out, templates=templates, pdf=manifest.options.pdf, lang=manifest.options.lang)
    return "current" if up_to_date(case_file, options, HashCache()) else "stale"


def _report_state(checks: Path, case_id: str) -> tuple[str, int | None]:
    result = checks / f"{case_id}.json"
    if not result.is_file():
        return "none", None
    try:
        data = json.loads(result.read_text(encoding="utf-8"))
        errors = int(data["summary"]["errors"])
        return ("passed" if data["passed"] else "failed"), errors
    except (OSError, ValueError, KeyError, TypeError):
        return "unreadable", None


def cohort_status(inputs: Path, cohort: str, out: Path, checks: Path, templates: Path,
                  today: dt.date | None = None) -> list[StudentStatus]:
    """The status of every case of ``cohort`` (inputs/cases/<cohort>/), by case id."""
    from pipeline.validate.runner import case_findings, validate

    folder = inputs / "cases" / cohort
    project = load_project([folder])
    validation = validate(project)
    today = today or dt.date.today()
    rows = []
    for source in sorted(project.cases, key=lambda s: str(s.data.get("id", s.path.stem))):
        case = project.resolve_case(source)
        found = [*validation.cross_errors(source.path),
                 *case_findings(case, validation.references, validation.broken_programs)]
        program = case.program.data if case.program is not None else {}
        deadline = _signing_deadline(program)
        signed = case.get("/agreement/signed_on")
        name = " ".join(str(case.get(p, "") or "") for p in ("/student/first_name", "/student/last_name")).strip()
        report, report_errors = _report_state(checks, case.id)
        rows.append(StudentStatus(
            case_id=case.id, student=name, program=str(source.data.get("program", "")), file=str(source.path),
            errors=sum(f.severity is Severity.ERROR for f in found),
            warnings=sum(f.severity is Severity.WARNING for f in found),
            pack=_pack_state(source.path, out, templates, case.id), deadline=deadline,
            days_left=(deadline - today).days if deadline is not None else None,
            signed_on=str(signed) if signed else None, report=report, report_errors=report_errors))
    return rows
