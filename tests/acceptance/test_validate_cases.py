"""The real CLI over invalid case files whose `# expect:` comments mark where each finding must land."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import DATA, INPUTS, ROOT, run_cli

CASES = sorted((DATA / "cases").glob("*.yaml"))
EXPECT = re.compile(r"#\s*expect:\s*(.+)$")


def expected_findings(path: Path) -> set[tuple[str, int, str]]:
    """(rule, line, severity) from the `# expect: rule [severity], rule ...` markers."""
    out = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = EXPECT.search(line)
        if not match:
            continue
        for item in match.group(1).split(","):
            words = item.split()
            out.add((words[0], number, words[1] if len(words) > 1 else "error"))
    return out


@pytest.mark.parametrize("case_file", CASES, ids=[p.stem for p in CASES])
def test_case_file_findings_land_on_marked_lines(project: Path, case_file: Path) -> None:
    target = project / "cases" / "test" / case_file.name
    shutil.copy(case_file, target)
    result = run_cli("validate", "--format", "json", target)
    found = {(f["rule"], f["location"]["line"], f["severity"]) for f in result.json()["findings"]}
    expected = expected_findings(case_file)
    assert found == expected, result.stdout
    should_fail = any(sev == "error" for _, _, sev in expected)
    assert result.code == (1 if should_fail else 0), result.stdout + result.stderr
    for finding in result.json()["findings"]:
        assert finding["location"]["file"] == str(target)
        assert finding["location"]["column"] >= 1
        assert finding["message"] and finding["check"] in {"schema", "rules", "references", "yaml"}


def test_markers_cover_every_rule_kind() -> None:
    from pipeline.validate.rules import REGISTRY

    marked = {rule for path in CASES for rule, _, _ in expected_findings(path)}
    assert set(REGISTRY) <= marked, sorted(set(REGISTRY) - marked)


def test_sample_inputs_are_valid() -> None:
    result = run_cli("validate", INPUTS)
    assert result.code == 0, result.stdout + result.stderr
    assert "0 fout(en)" in result.stdout


def test_json_shape() -> None:
    result = run_cli("validate", "--format", "json", INPUTS)
    doc = result.json()
    assert set(doc) >= {"files", "summary", "findings", "passed"}  # the contract; new keys may be added
    assert doc["passed"] is True and doc["summary"]["errors"] == 0
    assert len(doc["files"]) == doc["summary"]["files"] >= 5 + 4 + 15


def test_json_finding_shape(project: Path) -> None:
    shutil.copy(DATA / "cases" / "om-too-few-days.yaml", project / "cases" / "test")
    doc = run_cli("validate", "--format", "json", project / "cases" / "test").json()
    (finding,) = doc["findings"]
    assert set(finding) >= {"check", "rule", "severity", "message", "location", "text"}
    assert finding["location"]["pointer"] == "/period/end"
    assert "67" in finding["message"] or "70" in finding["message"]
    assert doc["passed"] is False


def test_english_messages(project: Path) -> None:
    shutil.copy(DATA / "cases" / "om-too-few-days.yaml", project / "cases" / "test")
    result = run_cli("validate", "--lang", "en", project / "cases" / "test")
    assert "working days" in result.stdout and "werkdagen" not in result.stdout


def test_text_output_has_file_line_column(project: Path) -> None:
    target = project / "cases" / "test" / "om-too-few-days.yaml"
    shutil.copy(DATA / "cases" / "om-too-few-days.yaml", target)
    result = run_cli("validate", "--no-color", target)
    assert result.code == 1
    assert re.search(r"om-too-few-days\.yaml:14:8: fout \[working-days\]", result.stdout), result.stdout


def test_duplicate_student_and_case_ids_in_a_cohort(project: Path) -> None:
    source = (INPUTS / "cases" / "2021-2022" / "om-jana-peeters.yaml").read_text(encoding="utf-8")
    (project / "cases" / "test" / "om-jana-peeters.yaml").write_text(source, encoding="utf-8")
    (project / "cases" / "test" / "om-jana-copy.yaml").write_text(
        source.replace("id: om-jana-peeters", "id: om-jana-copy"), encoding="utf-8")
    other = project / "cases" / "other"
    other.mkdir()
    (other / "om-jana-peeters.yaml").write_text(source, encoding="utf-8")  # another cohort: allowed
    result = run_cli("validate", "--format", "json", project / "cases")
    rules = sorted((f["rule"], Path(f["location"]["file"]).parent.name) for f in result.json()["findings"])
    assert rules == [("unique-student-id", "test")], result.stdout
    assert result.code == 1


def test_duplicate_case_id_in_a_cohort(project: Path) -> None:
    source = (INPUTS / "cases" / "2021-2022" / "om-jana-peeters.yaml").read_text(encoding="utf-8")
    (project / "cases" / "test" / "om-jana-peeters.yaml").write_text(source, encoding="utf-8")
    nested = project / "cases" / "test" / "sub"
    nested.mkdir()
    (nested / "om-jana-peeters.yaml").write_text(source.replace("r0812345", "r0899999"), encoding="utf-8")
    doc = run_cli("validate", "--format", "json", project / "cases").json()
    assert [f["rule"] for f in doc["findings"]] == ["unique-case-id"], doc


def test_rules_lists_every_kind_with_a_summary_in_both_languages() -> None:
    from pipeline.validate.rules import REGISTRY

    summaries = {}
    for lang in ("nl", "en"):
        result = run_cli("rules", "--format", "json", "--lang", lang)
        assert result.code == 0, result.stderr
        summaries[lang] = {kind["kind"]: kind["summary"] for kind in json.loads(result.stdout)}
        assert set(summaries[lang]) == set(REGISTRY)
    for kind in REGISTRY:
        nl, en = summaries["nl"][kind], summaries["en"][kind]
        assert nl and en and nl != en and not nl.startswith("rule.kind."), kind


def test_output_cut_short_by_a_closed_pipe_is_no_internal_error() -> None:
    proc = subprocess.run(f"{sys.executable} -m pipeline rules | head -1", shell=True, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert proc.stdout.count("\n") == 1
    assert "interne fout" not in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
