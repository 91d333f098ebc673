"""A cohort check's matching of reports to cases (never a guess) and its overview in every format."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pipeline.output import FormatOptions, format_result
from pipeline.report.cohort import CaseInfo, find_reports, load_cases, match_reports, read_mapping
from pipeline.results import CohortResult, CohortRow, UnmatchedReport
from tests.helpers import INPUTS

COHORT = INPUTS / "cases" / "2021-2022"


def cases() -> list[CaseInfo]:
    return load_cases(COHORT)


def test_cases_know_their_student_number_and_names() -> None:
    jana = next(c for c in cases() if c.id == "om-jana-peeters")
    assert jana.number == "r0812345" and jana.student == "Jana Peeters" and jana.names == ("jana", "peeters")


def test_a_report_is_matched_by_case_id_student_number_or_name() -> None:
    reports = [Path("om-jana-peeters.docx"), Path("0823456 verslag.pdf"), Path("Vermeulen_Ruben_stage.docx"),
               Path("stageverslag-YASMINA-EL-AMRANI.pdf")]
    matching = match_reports(reports, cases())
    assert {r.name: c.id for r, c in matching.matched.items()} == {
        "om-jana-peeters.docx": "om-jana-peeters", "0823456 verslag.pdf": "om-lars-van-den-broeck",
        "Vermeulen_Ruben_stage.docx": "om-ruben-vermeulen", "stageverslag-YASMINA-EL-AMRANI.pdf": "om-yasmina-el-amrani"}
    assert not matching.unmatched and not matching.without_report


def test_accents_and_separators_do_not_matter() -> None:
    zoe = CaseInfo("ims-zoe-van-damme", Path("x.yaml"), "Zoë Van Damme", "r0900001", ("zoe", "van", "damme"))
    matching = match_reports([Path("verslag Zoë van Damme.docx")], [zoe])
    assert list(matching.matched.values()) == [zoe]


def test_an_unmatched_or_ambiguous_report_is_listed_never_guessed() -> None:
    twins = [CaseInfo("a", Path("a.yaml"), "Jan Peeters", None, ("jan", "peeters")),
             CaseInfo("b", Path("b.yaml"), "Jan Peeters", None, ("jan", "peeters"))]
    matching = match_reports([Path("Jan Peeters.docx"), Path("verslag.docx")], twins)
    assert [(Path(u.file).name, u.reason, u.candidates) for u in matching.unmatched] == [
        ("Jan Peeters.docx", "several-cases", ("a", "b")), ("verslag.docx", "no-case", ())]
    assert [c.id for c in matching.without_report] == ["a", "b"]


def test_a_second_report_for_the_same_case_is_not_taken() -> None:
    matching = match_reports([Path("om-jana-peeters.docx"), Path("r0812345.pdf")], cases())
    assert [(Path(u.file).name, u.reason) for u in matching.unmatched] == [("r0812345.pdf", "case-taken")]


def test_a_mapping_decides_for_file_names_that_say_nothing(tmp_path: Path) -> None:
    mapping = tmp_path / "koppeling.csv"
    mapping.write_text("file;case\nverslag1.docx;om-jana-peeters\nverslag2.docx;om-niemand\n", encoding="utf-8")
    table = read_mapping(mapping)
    matching = match_reports([Path("in/verslag1.docx"), Path("in/verslag2.docx")], cases(), table)
    assert [c.id for c in matching.matched.values()] == ["om-jana-peeters"]
    assert [(Path(u.file).name, u.reason) for u in matching.unmatched] == [("verslag2.docx", "mapping-unknown-case")]


def test_find_reports_skips_hidden_and_lock_files(tmp_path: Path) -> None:
    for name in ("a.docx", "b.pdf", "~$a.docx", ".verborgen.docx", "notities.xlsx", "sub/c.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in find_reports([tmp_path])] == ["a.docx", "b.pdf", "sub/c.md"]


def overview() -> CohortResult:
    rows = (CohortRow("om-jana-peeters", "Jana Peeters", "r/jana.docx", "passed", 0, 0, 2, 1, 17, 5264),
            CohortRow("om-lars-van-den-broeck", "Lars Van den Broeck", "r/lars.docx", "failed", 1, 2, 0, 0, 3, 890,
                      ("[pages-min] te kort", "[missing-section] Bijlage ontbreekt")),
            CohortRow("om-ruben-vermeulen", "Ruben Vermeulen", "r/ruben.pdf", "refused", 1, 1, 0, 0,
                      problems=("[pdf.password] wachtwoord",)))
    return CohortResult("2021-2022", rows, (UnmatchedReport("r/verslag.docx", "no-case"),),
                        (("om-yasmina-el-amrani", "Yasmina El Amrani"),))


def test_the_overview_in_every_format() -> None:
    result = overview()
    assert result.exit_code == 1
    text = format_result(result, "text", FormatOptions(lang="en"))
    assert "om-lars-van-den-broeck" in text and "unreadable" in text and "r/verslag.docx" in text
    assert "om-yasmina-el-amrani (Yasmina El Amrani)" in text
    data = json.loads(format_result(result, "json", FormatOptions()))
    assert data["summary"] == {"reports": 3, "passed": 1, "failed": 1, "refused": 1, "internal_errors": 0,
                               "not_run": 0, "unmatched": 1, "without_report": 1}
    lines = format_result(result, "csv", FormatOptions(lang="en")).splitlines()
    assert lines[0].split(",")[:4] == ["Case", "Student", "Report", "Result"] and len(lines) == 1 + 3 + 1 + 1
    suites = ET.fromstring(format_result(result, "junit", FormatOptions()))
    cases_ = suites.findall(".//testcase")
    assert len(cases_) == 4 and suites.get("failures") == "3"  # one test case per report, and the unmatched one
    html = format_result(result, "html", FormatOptions(lang="nl"))
    assert "<table" in html and "Bijlage ontbreekt" in html


def test_an_internal_error_makes_the_cohort_exit_2() -> None:
    row = CohortRow("x", "X", "x.docx", "internal-error", 2, 1, 0, 0)
    assert CohortResult("c", (row,)).exit_code == 2
    assert CohortResult("c", ()).exit_code == 0


def test_a_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    from pipeline.cli.check_cmd import _progress

    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert _progress(40, "nl") is None
    terminal = io.StringIO()
    terminal.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr(sys, "stderr", terminal)
    bar = _progress(40, "nl")
    bar.update(1)
    bar.close()
    assert "/40" in terminal.getvalue() and "verslag" in terminal.getvalue()
