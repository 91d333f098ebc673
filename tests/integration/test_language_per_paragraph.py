"""Each part in its own language, against the real LanguageTool: an English report for a program that allows
English is checked with the English rules; for a program that does not, it is one finding and nothing is sent."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.scale_files import english_paragraphs, write_docx
from pipeline.language import server
from pipeline.report.setup import CheckOptions, check_report

DUTCH = ("Tijdens mijn stage werkte ik mee aan de planning van het magazijn en leerde ik hoe een klein team de "
         "bestellingen van klanten opvolgt.")


def english_report(path: Path, *, typo: str = "recieve") -> Path:
    paragraphs = english_paragraphs(600)
    paragraphs[1] = f"I did not {typo} the invoices on time, so the team had to wait for them."
    return write_docx(path, [("Heading1", "Introduction"), *(("", p) for p in paragraphs), ("", DUTCH)])


@pytest.mark.usefixtures("lt_env")
def test_an_english_report_is_checked_in_english_where_the_program_allows_it(
        tmp_path: Path, lt_server: server.ServerState) -> None:
    result = check_report(CheckOptions(report=english_report(tmp_path / "report.docx"), program="tm-ims",
                                       groups=("language",), count_pages=False))
    summary = result.summaries.language
    assert summary is not None and summary.detected == "en"
    assert set(summary.languages) == {"en-US", "nl-BE"}
    assert any(f.text == "recieve" and f.rule.startswith("MORFOLOGIK_RULE_EN") for f in result.findings)
    assert not any(f.rule == "wrong-language" for f in result.findings)


@pytest.mark.usefixtures("lt_env")
def test_the_same_report_for_a_dutch_program_is_one_finding(tmp_path: Path, lt_server: server.ServerState) -> None:
    result = check_report(CheckOptions(report=english_report(tmp_path / "report.docx"), program="tm-om",
                                       groups=("language",), count_pages=False))
    # one finding, as severe as the program makes its language findings (tm-om: warnings, dt-errors errors)
    assert [f.rule for f in result.findings if f.rule.islower()] == ["wrong-language"]
    summary = result.summaries.language
    assert summary is not None and summary.languages == ("nl-BE",) and summary.paragraphs_checked == 1
    assert dict(summary.not_checked)["en"] > 1
