"""Program profiles through `stagepipe validate`: rule options are checked per kind, with file:line; a broken profile's
rules are not applied."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import copy_sample_cases, run_cli


def _edit_program(project: Path, name: str, old: str, new: str) -> Path:
    path = project / "programs" / f"{name}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_unknown_rule_option_is_an_error_at_its_line(project: Path) -> None:
    path = _edit_program(project, "tm-om", "    min: 70\n", "    minimum: 70\n")
    doc = run_cli("validate", "--format", "json", path).json()
    (finding,) = doc["findings"]
    assert finding["rule"] == "schema.additional" and "working-days" in finding["message"]
    assert finding["location"]["line"] == _line_of(path, "minimum: 70")
    assert "'min'" in finding["message"]  # did-you-mean


def test_unknown_rule_kind(project: Path) -> None:
    path = _edit_program(project, "tm-ims", "kind: absence-limit", "kind: absense-limit")
    doc = run_cli("validate", "--format", "json", path).json()
    assert [(f["rule"], f["location"]["line"]) for f in doc["findings"]] == [
        ("rule.unknown-kind", _line_of(path, "absense-limit"))]


def test_case_of_a_broken_program_says_so(project: Path) -> None:
    _edit_program(project, "tm-om", "    min: 70\n", "    min: zeventig\n")
    [case] = copy_sample_cases(project, "om-jana-peeters")
    result = run_cli("validate", "--format", "json", case)
    assert [f["rule"] for f in result.json()["findings"]] == ["program-invalid"]
    assert result.code == 1


def test_rule_severity_comes_from_the_profile(project: Path) -> None:
    _edit_program(project, "tm-om", "    min: 70\n    public_holidays: count\n",
                  "    min: 70\n    public_holidays: exclude\n    severity: warning\n")
    [case] = copy_sample_cases(project, "om-jana-peeters")
    result = run_cli("validate", "--format", "json", case)
    findings = result.json()["findings"]
    assert [(f["rule"], f["severity"]) for f in findings] == [("working-days", "warning")]
    assert "67 werkdagen" in findings[0]["message"]  # holidays excluded: the seed's period is 3 days short
    assert result.code == 0  # warnings do not fail


def test_inherited_value_is_located_in_the_program_defaults(project: Path) -> None:
    path = _edit_program(project, "tm-om", "    end: 2022-06-10\n    hours_per_week: 38\n",
                         "    end: 2022-05-27\n    hours_per_week: 38\n")
    [case] = copy_sample_cases(project, "om-jana-peeters")
    findings = run_cli("validate", "--format", "json", case).json()["findings"]
    (finding,) = [f for f in findings if f["rule"] == "working-days"]
    assert finding["location"]["file"] == str(path)
    assert finding["location"]["line"] == _line_of(path, "end: 2022-05-27")


def test_help_on_every_command() -> None:
    assert run_cli("--help").code == 0
    result = run_cli("validate", "--help")
    assert result.code == 0 and "--format" in result.stdout
