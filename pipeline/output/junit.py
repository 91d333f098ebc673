"""JUnit XML of `stagepipe check` for CI: a test suite per check group, a test case per error or warning."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from pipeline.findings import Finding, Severity
from pipeline.output.report_text import counts, format_finding, group_findings, group_name, place, report_t

if TYPE_CHECKING:
    from pipeline.report.runner import ReportResult

# characters XML 1.0 does not allow at all (Word's vertical tab and form feed do occur in reports)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub(" ", text)


def _element(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _clean(v) for k, v in attributes.items()})
    if text is not None:
        element.text = _clean(text)
    return element


def _testcase(suite: ET.Element, group: str, finding: Finding, file: str, lang: str) -> None:
    name = f"{place(finding.location, file)} [{finding.rule}] {finding.message}"
    case = _element(suite, "testcase", classname=f"stagepipe.check.{group}", name=name, file=file)
    details = "\n".join(format_finding(finding, lang=lang, file=file))
    if finding.severity is Severity.ERROR:
        _element(case, "failure", details, message=finding.message, type=finding.rule)
    else:
        _element(case, "system-out", details)


def render_junit(result: ReportResult, *, lang: str = "nl") -> str:
    """One <testsuite> per group that ran (or found something); errors fail, warnings are passing cases with their
    text in <system-out>, remarks are only counted (properties); a group without errors or warnings has one passing
    case."""
    file = result.document.path
    root = ET.Element("testsuites", name=_clean(f"stagepipe check {file}"))
    tests = failures = 0
    for group, findings in group_findings(result):
        numbers = counts(findings)
        reported = [f for f in findings if f.severity is not Severity.INFO]
        suite = _element(root, "testsuite", name=group, tests=str(max(len(reported), 1)),
                         failures=str(numbers["errors"]), errors="0", skipped="0")
        properties = _element(suite, "properties")
        for key in ("errors", "warnings", "infos"):
            _element(properties, "property", name=key, value=str(numbers[key]))
        _element(properties, "property", name="report", value=file)
        if result.program:
            _element(properties, "property", name="program", value=result.program)
        for finding in reported:
            _testcase(suite, group, finding, file, lang)
        if not reported:
            summary = report_t("counts.none", lang) if not findings else report_t("counts", lang, **numbers)
            _element(suite, "testcase", classname=f"stagepipe.check.{group}",
                     name=f"{group_name(group, lang)}: {summary}", file=file)
        tests += max(len(reported), 1)
        failures += numbers["errors"]
    root.set("tests", str(tests))
    root.set("failures", str(failures))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
