"""JUnit XML for CI: a test suite per group (a check of a report, a file, a case), a test case per error or warning.

Errors fail; warnings are passing cases with their text in <system-out>; remarks are only counted (properties); a
group without errors or warnings has one passing case.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from pipeline.findings import Finding, Severity
from pipeline.messages import Translator, msg
from pipeline.output.common import FormatOptions, counts_text, file_place, place
from pipeline.results import CohortResult, ReportResult, ResultBase

# characters XML 1.0 does not allow at all (Word's vertical tab and form feed do occur in reports)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub(" ", text)


def _element(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _clean(v) for k, v in attributes.items()})
    if text is not None:
        element.text = _clean(text)
    return element


def _details(finding: Finding, result: ResultBase, tr: Translator, options: FormatOptions) -> str:
    if isinstance(result, ReportResult):
        from pipeline.output.report_text import format_finding

        return "\n".join(format_finding(finding, tr, file=result.document.path))
    from pipeline.output.text import format_line

    lines = [format_line(finding, options)]
    if finding.text:
        lines.append(f"    “{finding.text}”")
    if finding.hint:
        lines.append("    " + tr(msg("out.tip", hint=finding.hint)))
    return "\n".join(lines)


def format_junit(result: ResultBase, options: FormatOptions) -> str:
    if isinstance(result, CohortResult):
        from pipeline.output.cohort import format_cohort_junit

        return format_cohort_junit(result, options)
    tr = options.tr
    report = result if isinstance(result, ReportResult) else None
    command = result.command or "result"
    root = ET.Element("testsuites", name=_clean(f"stagepipe {command} {result.subject}".strip()))
    tests = failures = 0
    for group in result.groups():
        counts = group.counts
        reported = [f for f in group.findings if f.severity is not Severity.INFO]
        classname = f"stagepipe.{command}.{group.id}"
        suite = _element(root, "testsuite", name=group.id, tests=str(max(len(reported), 1)),
                         failures=str(counts.errors), errors="0", skipped="0")
        properties = _element(suite, "properties")
        for key, value in counts.as_dict().items():
            _element(properties, "property", name=key, value=str(value))
        if report is not None:
            _element(properties, "property", name="report", value=report.document.path)
            if report.program:
                _element(properties, "property", name="program", value=report.program)
        for finding in reported:
            where = place(finding.location, report.document.path) if report else file_place(finding.location)
            name = f"{where} [{finding.rule}] {tr(finding.message)}"
            case = _element(suite, "testcase", classname=classname, name=name,
                            file=report.document.path if report else (finding.location.file or ""))
            details = _details(finding, result, tr, options)
            if finding.severity is Severity.ERROR:
                _element(case, "failure", details, message=tr(finding.message), type=finding.rule)
            else:
                _element(case, "system-out", details)
        if not reported:
            summary = tr(msg("out.counts.none")) if not group.findings else tr(counts_text(counts))
            _element(suite, "testcase", classname=classname, name=f"{tr(group.title)}: {summary}",
                     file=report.document.path if report else group.id)
        tests += max(len(reported), 1)
        failures += counts.errors
    root.set("tests", str(tests))
    root.set("failures", str(failures))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
