"""Template lint: every template's Jinja errors (with the paragraph or table cell they sit in) and every field a
template uses that the render context's schemas do not provide — all at once, before any rendering.

The static analysis is docxtpl-lint's (it knows docxtpl's {%p/tr/tc %} tags and points into table cells); the
schema it checks against is ours (``context_schema()``). On top of that each template is compiled with the very
Jinja environment the renderer uses, tags in parts the renderer does not fill are reported, and every program
must have a template for each of its documents in each of its languages.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pipeline.findings import Finding, Location, Severity, sort_findings
from pipeline.load.models import Program
from pipeline.load.project import Source
from pipeline.messages import msg
from pipeline.render.context import context_schema
from pipeline.render.engine import DOCUMENT_PART, CompiledTemplate, RenderError, make_environment
from pipeline.render.templates import DEFAULT_DOCUMENTS, TemplateMissing, all_templates, find_template

_RULE_NAMES = {"DTL304": "unknown-field", "DTL305": "not-a-list", "DTL001": "unclosed-tag",
               "DTL101": "unclosed-block", "DTL102": "stray-block-end", "DTL103": "jinja-syntax"}
_FILLED = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")


def _where(issue: Any) -> str:
    return str(issue.location.human("en"))


def _issue_field(issue: Any) -> str:
    """The context field an unknown-field issue (DTL304) names, '?' when docxtpl-lint gives none."""
    params: dict[str, Any] = issue.params or {}
    return str(params["path"]) if "path" in params else "?"


def _issue_finding(path: Path, issue: Any) -> Finding:
    rule = _RULE_NAMES.get(issue.rule, issue.rule)
    where = _where(issue)
    if issue.rule == "DTL304":
        field = _issue_field(issue).replace("[*]", "[]")
        message = msg("lint.unknown-field", where=where, field=field)
    elif issue.rule.startswith("DTL1") or issue.rule == "DTL001":
        message = msg("lint.syntax", where=where, detail=issue.message_for("en"))
    else:
        message = msg("lint.docxtpl", where=where, detail=f"{issue.rule}: {issue.message_for('en')}")
    severity = Severity.ERROR if issue.severity == "error" else Severity.WARNING
    return Finding(check="templates", rule=rule, severity=severity, message=message,
                   location=Location(file=str(path), paragraph=issue.location.paragraph),
                   text=(issue.snippet or "").strip()[:200] or None, category=issue.rule)


def lint_template(path: Path) -> list[Finding]:
    """Findings for one template file."""
    from docxtpl_lint import lint

    env = make_environment()
    findings: list[Finding] = []
    try:
        result = lint(str(path), schema=context_schema(), jinja_env=env, autoescape=True)
    except Exception as exc:  # noqa: BLE001 - an unreadable .docx is a finding, not a crash
        return [Finding(check="templates", rule="unreadable", severity=Severity.ERROR,
                        message=msg("lint.docxtpl", where=str(path), detail=str(exc)),
                        location=Location(file=str(path)))]
    findings.extend(_issue_finding(path, issue) for issue in result.issues)
    if not any(f.severity is Severity.ERROR for f in findings):
        try:  # the renderer's own compile, with its environment (filters, tests, autoescape)
            CompiledTemplate(path, env)
        except RenderError as exc:
            problem = exc.problem
            where = f"{'body' if problem.part == DOCUMENT_PART else problem.part} ¶{problem.paragraph}"
            findings.append(Finding(check="templates", rule="jinja-syntax", severity=Severity.ERROR,
                                    message=msg("lint.syntax", where=where, detail=problem.detail),
                                    location=Location(file=str(path), paragraph=problem.paragraph),
                                    text=problem.snippet or None))
    try:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.endswith(".xml") and not _FILLED.match(name):
                    blob = archive.read(name)
                    if b"{{" in blob or b"{%" in blob:
                        findings.append(Finding(check="templates", rule="unsupported-part", severity=Severity.ERROR,
                                                message=msg("lint.unsupported-part", part=name),
                                                location=Location(file=str(path))))
    except (OSError, zipfile.BadZipFile):
        pass
    return findings


def typed_programs(sources: Iterable[Source]) -> tuple[list[Program], list[Finding]]:
    """The program profiles that pass their schema, typed; the schema errors of those that do not."""
    from pipeline.validate.schema import validate_against, validator_for

    programs: list[Program] = []
    problems: list[Finding] = []
    for source in sources:
        errors = [f for f in validate_against(validator_for("program"), source.data, source.doc.locate)
                  if f.severity is Severity.ERROR]
        if errors:
            problems.extend(errors)
        else:
            programs.append(source.as_program())
    return programs, problems


def coverage_findings(root: Path, programs: Iterable[Program],
                      files: dict[str, str] | None = None) -> list[Finding]:
    """Every program has a template for each of its documents in each of its languages."""
    out: list[Finding] = []
    for program in programs:
        documents: list[str] = [*program.documents] or list(DEFAULT_DOCUMENTS)
        for doc_lang in program.languages or ("nl",):
            for document in documents:
                try:
                    find_template(root, document, program.id, doc_lang)
                except TemplateMissing:
                    out.append(Finding(check="templates", rule="missing-template", severity=Severity.ERROR,
                                       message=msg("lint.missing-template", program=program.id, lang=doc_lang,
                                                 document=document),
                                       location=Location(file=(files or {}).get(program.id))))
    return out


def lint_templates(root: Path, programs: Iterable[Source] = (),
                   program_files: dict[str, str] | None = None) -> tuple[list[Finding], int]:
    """All findings for every template under ``root`` (and coverage of the programs that pass their schema; the
    schema errors of the others), and how many templates."""
    paths = all_templates(root)
    findings: list[Finding] = []
    for path in paths:
        findings.extend(lint_template(path))
    typed, problems = typed_programs(programs)
    findings.extend(problems)
    findings.extend(coverage_findings(root, typed, program_files))
    return sort_findings(findings), len(paths)
