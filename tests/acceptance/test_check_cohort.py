"""A cohort in one command, through the real CLI: reports matched to cases (unmatched ones listed), checked in two
jobs, an overview in every format, each result in -o DIR where `stagepipe status` reads it."""

from __future__ import annotations

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.helpers import INPUTS, run_cli

COHORT = INPUTS / "cases" / "2021-2022"
REPORTS = INPUTS / "reports"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    reports = tmp_path_factory.mktemp("inlevering")
    shutil.copy(REPORTS / "om-goed.docx", reports / "r0812345_stageverslag.docx")  # Jana, by student number
    shutil.copy(REPORTS / "om-problemen.docx", reports / "Lars Van den Broeck - verslag.docx")  # by name
    (reports / "om-yasmina-el-amrani.pdf").write_bytes(b"")  # by case id; an empty file: refused
    shutil.copy(REPORTS / "om-goed.docx", reports / "verslag-definitief.docx")  # says nothing: unmatched
    return reports


@pytest.fixture(scope="module")
def checked(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    out = tmp_path_factory.mktemp("checks")
    result = run_cli("check", folder, "--cases", COHORT, "--jobs", "2", "--no-language", "-o", out, "--format",
                     "json", timeout=600)
    assert result.code == 1, result.stderr  # a report failed, one was refused, one is unmatched
    assert "Traceback" not in result.stderr
    return out, result.json()


def test_each_report_to_its_case_and_the_unmatched_listed(checked: tuple[Path, dict[str, object]]) -> None:
    _, overview = checked
    rows = {row["case"]: row for row in overview["reports"]}  # type: ignore[attr-defined]
    assert sorted(rows) == ["om-jana-peeters", "om-lars-van-den-broeck", "om-yasmina-el-amrani"]
    assert rows["om-jana-peeters"]["status"] == "passed" and rows["om-jana-peeters"]["pages"] == 17
    assert rows["om-lars-van-den-broeck"]["status"] == "failed"
    assert rows["om-yasmina-el-amrani"]["status"] == "refused"
    assert [Path(u["file"]).name for u in overview["unmatched"]] == ["verslag-definitief.docx"]  # type: ignore[attr-defined]
    assert [c["case"] for c in overview["without_report"]] == ["om-ruben-vermeulen"]  # type: ignore[attr-defined]


def test_the_results_are_where_status_reads_them(checked: tuple[Path, dict[str, object]]) -> None:
    out, _ = checked
    assert sorted(p.name for p in out.iterdir()) == ["om-jana-peeters.json", "om-lars-van-den-broeck.json",
                                                     "om-yasmina-el-amrani.json", "overview.json"]
    assert json.loads((out / "om-yasmina-el-amrani.json").read_text("utf-8"))["refused"] is True
    status = run_cli("status", "2021-2022", "--checks", out, "--format", "json", timeout=120)
    reports = {s["case"]: s["report"] for s in status.json()["students"]}
    assert reports == {"om-jana-peeters": "passed", "om-lars-van-den-broeck": "failed",
                       "om-ruben-vermeulen": "none", "om-yasmina-el-amrani": "failed"}


@pytest.mark.parametrize("fmt", ["text", "csv", "junit", "html"])
def test_the_overview_in_each_format(folder: Path, fmt: str) -> None:
    result = run_cli("check", folder, "--cases", COHORT, "--no-language", "--no-pages", "--skip", "anonymity",
                     "--format", fmt, "--lang", "en", timeout=600)
    assert result.code == 1, result.stderr
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(result.stdout)))
        assert rows[0][:4] == ["Case", "Student", "Report", "Result"] and len(rows) == 1 + 3 + 1 + 1
    elif fmt == "junit":
        cases = ET.fromstring(result.stdout).findall(".//testcase")
        assert len(cases) == 4  # one per report, the unmatched one included
    elif fmt == "html":
        assert "<table" in result.stdout and "om-lars-van-den-broeck" in result.stdout
    else:
        assert "verslag-definitief.docx" in result.stdout and "cohort 2021-2022" in result.stdout


def test_several_reports_need_their_cases(folder: Path) -> None:
    result = run_cli("check", folder, "--no-language")
    assert result.code == 2 and "--cases" in result.stderr
