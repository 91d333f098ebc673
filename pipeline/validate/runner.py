"""Validate a project: every file against its schema, program rules per case, cross-file references and ids.

``validate`` is the one entry point: `stagepipe validate` takes all its findings, `render` and `check` ask it for
the errors of one case (``case_errors``), which is the costly part and runs where the case is used (render's
workers).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.findings import Finding, Location, Severity, sort_findings
from pipeline.load.project import Case, Project, Source
from pipeline.messages import msg
from pipeline.validate.enterprise import enterprise_number_findings
from pipeline.validate.rules import REGISTRY, RuleContext
from pipeline.validate.schema import validate_against as validate_against  # re-exported: render.batch imports it
from pipeline.validate.schema import validator_for as validator_for  # re-exported: render.batch imports it
from pipeline.validate.schema import validator_for_schema


@dataclass
class Validation:
    """What validating a project found beyond single cases, and how to validate one case.

    ``references`` holds the project's institutions and programs (no cases), so the object is small enough to send
    to render's worker processes.
    """

    references: Project
    broken_programs: set[str] = field(default_factory=set)  # profiles with errors: their cases are refused
    profile_errors: dict[str, list[Finding]] = field(default_factory=dict)  # errors of each profile, by id
    profile_findings: list[Finding] = field(default_factory=list)  # of the requested institution/program files
    cross_case: list[Finding] = field(default_factory=list)  # what needs the cohort at once, and files not loaded

    def case_errors(self, case: Case, *, rules: bool = True) -> list[Finding]:
        """The errors of one case (schema, references and, with ``rules``, the program's rules) and its cohort-wide
        ones. `render` needs them all; `check` only what makes the case unreadable (its rules are the
        coordinator's business, not a reason to refuse a student's report)."""
        own = [f for f in case_findings(case, self.references, self.broken_programs, rules=rules)
               if f.severity is Severity.ERROR]
        return [*self.cross_errors(case.source.path), *own]

    def cross_errors(self, path: Path) -> list[Finding]:
        return [f for f in self.cross_case if f.severity is Severity.ERROR and f.location.file
                and Path(f.location.file) == path]


def validate(project: Project) -> Validation:
    """Profiles, references and cohort-wide rules of ``project``; cases are validated one by one on request."""
    requested = set(project.files)
    validation = Validation(references=Project(institutions=project.institutions, programs=project.programs))
    for source in [*project.institutions.values(), *project.programs.values()]:
        schema_findings = validate_against(validator_for(source.kind), source.data, source.doc.locate)
        if source.kind == "program":
            schema_findings += rule_option_findings(source)
            if any(f.severity is Severity.ERROR for f in schema_findings) and source.id:
                validation.broken_programs.add(source.id)
                validation.profile_errors[source.id] = [f for f in schema_findings if f.severity is Severity.ERROR]
        if source.kind != "case" and source.id and source.id != source.path.stem:
            schema_findings.append(_id_filename(source))
        schema_findings = to_fill(source, schema_findings)
        if source.path in requested:
            validation.profile_findings.extend(schema_findings)
    cases = [project.resolve_case(source) for source in project.cases]
    validation.cross_case = [*project.findings, *uniqueness_findings(cases)]
    return validation


def validate_project(project: Project) -> list[Finding]:
    """All findings for the files in ``project`` at once, sorted by location (`stagepipe validate`)."""
    validation = validate(project)
    findings = [*validation.profile_findings, *validation.cross_case]
    for source in project.cases:
        findings.extend(case_findings(project.resolve_case(source), validation.references,
                                      validation.broken_programs))
    return sort_findings(findings)


def _id_filename(source: Source) -> Finding:
    return Finding(check="references", rule="id-filename", severity=Severity.ERROR,
                   message=msg("case.id-filename", id=source.id, stem=source.path.stem),
                   location=source.doc.locate("/id"), text=source.id)


def rule_option_findings(program: Source) -> list[Finding]:
    """Each rule entry's options checked against its kind's option schema (unknown option → error at its line)."""
    out: list[Finding] = []
    rules = program.data.get("rules")
    if not isinstance(rules, list):
        return out
    for index, entry in enumerate(rules):
        if not isinstance(entry, dict) or not isinstance(entry.get("kind"), str):
            continue
        pointer = f"/rules/{index}"
        kind = REGISTRY.get(entry["kind"])
        if kind is None:
            out.append(Finding(check="schema", rule="rule.unknown-kind", severity=Severity.ERROR,
                               message=msg("rule.unknown-kind", kind=entry["kind"], known=", ".join(sorted(REGISTRY))),
                               location=program.doc.locate(pointer + "/kind"), text=entry["kind"]))
            continue
        validator = validator_for_schema(json.dumps(kind.options_schema()))

        def locate(p: str, key: bool = False, _base: str = pointer) -> Location:
            return program.doc.locate(_base + p, key=key)

        for finding in validate_against(validator, entry, locate):
            out.append(Finding(check=finding.check, rule=finding.rule, severity=finding.severity,
                               message=msg("rule.options", kind=kind.name, detail=finding.message),
                               location=finding.location, text=finding.text))
    return out


def case_findings(case: Case, project: Project, broken_programs: set[str], *, rules: bool = True) -> list[Finding]:
    out: list[Finding] = []
    source = case.source
    raw_program = source.data.get("program")
    if isinstance(raw_program, str) and case.program is None:
        out.append(Finding(check="references", rule="unknown-program", severity=Severity.ERROR,
                           message=msg("ref.program", id=raw_program, known=", ".join(sorted(project.programs)) or "—"),
                           location=source.doc.locate("/program"), text=raw_program))
    inst = case.data.get("institution")
    if isinstance(inst, str) and case.institution is None:
        out.append(Finding(check="references", rule="unknown-institution", severity=Severity.ERROR,
                           message=msg("ref.institution", id=inst, known=", ".join(sorted(project.institutions)) or "—"),
                           location=case.locate("/institution"), text=inst))
    schema = validate_against(validator_for("case"), case.data, case.locate)
    out.extend(schema)
    case_id = source.data.get("id")
    if isinstance(case_id, str) and case_id != source.path.stem:
        out.append(Finding(check="references", rule="id-filename", severity=Severity.ERROR,
                           message=msg("case.id-filename", id=case_id, stem=source.path.stem),
                           location=source.doc.locate("/id"), text=case_id))
    out.extend(enterprise_number_findings(case))
    if case.program is None:
        return out
    if case.program.id in broken_programs:
        out.append(Finding(check="rules", rule="program-invalid", severity=Severity.ERROR,
                           message=msg("program.invalid", id=case.program.id),
                           location=source.doc.locate("/program"), text=case.program.id))
        return out
    if rules:
        out.extend(program_rule_findings(case))
    return to_fill(source, out)


def to_fill(source: Source, findings: list[Finding]) -> list[Finding]:
    """A finding for every field still marked to fill, instead of what the schema and rules say about its empty value
    (a finding at the field or below it, and a rule's 'missing' finding at its parent)."""
    pending = source.doc.to_fill
    if not pending:
        return findings
    parents = {p.rsplit("/", 1)[0] or "/" for p in pending}

    def about_pending(finding: Finding) -> bool:
        pointer = finding.location.pointer or ""
        if any(pointer == p or pointer.startswith(p + "/") for p in pending):
            return True
        if finding.rule == "schema.required" and any(p.startswith(pointer + "/") for p in pending):
            return True  # 'mentors' missing, while its fields are marked to fill
        return finding.check == "rules" and pointer in parents

    kept = [f for f in findings if not about_pending(f)]
    return kept + [Finding(check="fill", rule="to-fill", severity=Severity.ERROR,
                           message=msg("fill.pending", field=pointer.lstrip("/").replace("/", ".")),
                           location=source.doc.locate(pointer, key=True))
                   for pointer in sorted(pending)]


def _applies(entry: dict[str, Any], case: Case) -> bool:
    tracks = entry.get("tracks")
    if tracks is not None and case.data.get("track") not in tracks:
        return False
    types = entry.get("stage_types")
    return types is None or case.data.get("stage_type") in types


def program_rule_findings(case: Case) -> list[Finding]:
    """Run the program's rules on the case; the runner stamps rule id and severity from the profile."""
    assert case.program is not None
    program = case.program.data
    ctx = RuleContext(case=case, program=program)
    out: list[Finding] = []
    for entry in program.get("rules", []) or []:
        kind = REGISTRY[entry["kind"]]
        if not _applies(entry, case):
            continue
        severity = Severity(entry["severity"]) if "severity" in entry else kind.severity
        for hit in kind.check(ctx, entry):
            out.append(Finding(check="rules", rule=str(entry.get("id", kind.name)),
                               severity=hit.severity if hit.severity and hit.severity.rank > severity.rank else severity,
                               message=hit.message, location=case.locate(hit.pointer), text=hit.text,
                               hint=entry.get("description")))
    return out


def uniqueness_findings(cases: Iterable[Case]) -> list[Finding]:
    """Case ids and student ids are unique within a cohort."""
    out: list[Finding] = []
    seen_case: dict[tuple[str, str], Case] = {}
    seen_student: dict[tuple[str, str], Case] = {}
    for case in cases:
        cid = case.source.data.get("id")
        if isinstance(cid, str):
            key = (case.cohort, cid)
            if key in seen_case:
                out.append(Finding(check="references", rule="unique-case-id", severity=Severity.ERROR,
                                   message=msg("unique.case-id", id=cid, other=seen_case[key].source.path),
                                   location=case.locate("/id"), text=cid))
            else:
                seen_case[key] = case
        sid = case.get("/student/id")
        if isinstance(sid, str):
            key = (case.cohort, sid.lower())
            if key in seen_student:
                out.append(Finding(check="references", rule="unique-student-id", severity=Severity.ERROR,
                                   message=msg("unique.student-id", id=sid, other=seen_student[key].source.path,
                                             cohort=case.cohort),
                                   location=case.locate("/student/id"), text=sid))
            else:
                seen_student[key] = case
    return out
