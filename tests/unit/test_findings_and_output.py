import json

from pipeline.findings import Finding, Location, Severity, exit_code, sort_findings
from pipeline.messages import verbatim
from pipeline.output import FormatOptions, format_result
from pipeline.output.text import format_line
from pipeline.results import ValidationResult


def _f(file: str, line: int, severity: Severity = Severity.ERROR, rule: str = "r") -> Finding:
    return Finding(check="rules", rule=rule, severity=severity, message=verbatim("m"),
                   location=Location(file=file, line=line, column=3, pointer="/a"))


def test_findings_sort_by_file_then_line_then_severity() -> None:
    findings = [_f("b.yaml", 1), _f("a.yaml", 9), _f("a.yaml", 2, Severity.WARNING), _f("a.yaml", 2)]
    assert [(f.location.file, f.location.line, f.severity) for f in sort_findings(findings)] == [
        ("a.yaml", 2, Severity.ERROR), ("a.yaml", 2, Severity.WARNING), ("a.yaml", 9, Severity.ERROR),
        ("b.yaml", 1, Severity.ERROR)]


def test_exit_code_only_counts_errors() -> None:
    assert exit_code([_f("a", 1, Severity.WARNING), _f("a", 2, Severity.INFO)]) == 0
    assert exit_code([_f("a", 1)]) == 1
    assert exit_code([]) == 0


def test_json_finding_leaves_out_empty_location_fields() -> None:
    data = _f("a.yaml", 4).to_dict()
    assert data["location"] == {"file": "a.yaml", "line": 4, "column": 3, "pointer": "/a"}
    assert data["text"] is None and "hint" not in data


def test_text_line_is_path_line_col_severity_rule_message() -> None:
    line = format_line(_f("/x/a.yaml", 4), FormatOptions(base="/x"))
    assert line == "a.yaml:4:3: fout [r] m  (/a)"
    assert format_line(_f("/x/a.yaml", 4), FormatOptions(lang="en", base="/y")).startswith("/x/a.yaml:4:3: error [r]")


def test_colour_only_when_asked() -> None:
    assert "\033[" not in format_line(_f("a", 1), FormatOptions())
    assert "\033[31m" in format_line(_f("a", 1), FormatOptions(colour=True))


def test_summaries() -> None:
    findings = (_f("a", 1), _f("a", 2, Severity.WARNING))
    result = ValidationResult(files=("a", "b", "c"), findings=findings)
    assert "3 bestand(en) gecontroleerd: 1 fout(en), 1 waarschuwing(en), 0 opmerking(en)" in format_result(
        result, "text", FormatOptions())
    doc = json.loads(format_result(ValidationResult(files=("a",), findings=findings), "json", FormatOptions()))
    assert doc["summary"] == {"files": 1, "errors": 1, "warnings": 1, "infos": 0} and doc["passed"] is False
