"""`stagepipe check` through the real CLI on real DOCX and text files: contract, formats, exit codes, usage errors."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

import docx
import pytest

from tests.helpers import INPUTS, TM_OM_SECTIONS, run_cli

CASE = INPUTS / "cases" / "2021-2022" / "om-jana-peeters.yaml"


def write_report(path: Path, titles: Sequence[str], paragraph: str = "Ik heb tijdens deze week veel geleerd.") -> Path:
    document = docx.Document()
    document.add_paragraph("Stageverslag", style="Title")
    for title in titles:
        document.add_heading(title, level=1)
        document.add_paragraph(paragraph)
    document.save(str(path))
    return path


def test_json_has_the_contract_shape(tmp_path: Path) -> None:
    report = write_report(tmp_path / "verslag.docx", TM_OM_SECTIONS)
    result = run_cli("check", report, "--program", "tm-om", "--no-language", "--no-pages", "--format", "json")
    assert result.code == 1, result.stderr  # far too short for tm-om
    doc = result.json()
    for key in ("report", "program", "pages", "characters", "characters_no_spaces", "words", "sections", "findings",
                "passed"):
        assert key in doc, key
    assert doc["program"] == "tm-om" and doc["passed"] is False
    assert doc["sections"] == {"found": list(TM_OM_SECTIONS), "missing": [], "out_of_order": False}
    assert isinstance(doc["words"], int) and doc["words"] > 0
    rules = {f["rule"] for f in doc["findings"]}
    assert "length-min" in rules
    for finding in doc["findings"]:
        assert set(finding) >= {"check", "rule", "severity", "message", "location", "text"}
        assert finding["check"] in {"sections", "length", "anonymity", "language", "format"}


def test_missing_and_misplaced_sections_exit_1_with_their_places(tmp_path: Path) -> None:
    titles = ["Inleiding", "Conclusie", *TM_OM_SECTIONS[1:3], *TM_OM_SECTIONS[4:5], "Bijlage"]
    report = write_report(tmp_path / "verslag.docx", titles)
    result = run_cli("check", report, "--program", "tm-om", "--no-language", "--no-pages", "--only", "sections",
                     "--format", "json")
    assert result.code == 1
    doc = result.json()
    assert doc["sections"]["missing"] == ["Tussentijdse evaluatie"]
    assert doc["sections"]["out_of_order"] is True
    by_rule = {f["rule"]: f for f in doc["findings"]}
    assert set(by_rule) == {"missing-section", "section-order"}
    assert by_rule["section-order"]["text"] == "Conclusie"
    assert by_rule["section-order"]["location"]["paragraph"] == 3  # title, Inleiding, its paragraph, Conclusie


def test_text_output_is_dutch_and_grouped(tmp_path: Path) -> None:
    report = write_report(tmp_path / "verslag.docx", TM_OM_SECTIONS[:-1])
    result = run_cli("check", report, "--program", "tm-om", "--no-language", "--no-pages", "--only", "sections")
    assert result.code == 1
    assert "Bijlage" in result.stdout and "ontbreekt" in result.stdout


def test_html_and_junit_written_to_files(tmp_path: Path) -> None:
    report = write_report(tmp_path / "verslag.docx", TM_OM_SECTIONS, "Een <script>alert(1)</script> & zo.")
    html_file, junit_file = tmp_path / "out" / "verslag.html", tmp_path / "out" / "verslag.xml"
    html = run_cli("check", report, "--program", "tm-om", "--no-language", "--no-pages", "--format", "html",
                   "-o", html_file)
    junit = run_cli("check", report, "--program", "tm-om", "--no-language", "--no-pages", "--format", "junit",
                    "-o", junit_file)
    assert html.code == junit.code == 1 and html.stdout == ""
    page = html_file.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    root = ET.fromstring(junit_file.read_text(encoding="utf-8"))
    assert root.iter("failure") is not None and any(True for _ in root.iter("failure"))
    assert not list(tmp_path.joinpath("out").glob(".*.tmp"))  # no leftovers of the atomic write


def test_no_program_detects_only(tmp_path: Path) -> None:
    report = tmp_path / "verslag.md"
    report.write_text("# Inleiding\n\nIk liep stage in een bedrijf in Mechelen.\n", encoding="utf-8")
    result = run_cli("check", report, "--no-language", "--format", "json")
    assert result.code == 0, result.stdout + result.stderr
    doc = result.json()
    assert doc["program"] is None and doc["sections"]["missing"] == [] and doc["pages"] is None


def test_case_gives_the_program(tmp_path: Path) -> None:
    report = write_report(tmp_path / "verslag.docx", TM_OM_SECTIONS)
    result = run_cli("check", report, "--case", CASE, "--no-language", "--no-pages", "--only", "sections",
                     "--format", "json")
    assert result.code == 0, result.stdout + result.stderr
    assert result.json()["program"] == "tm-om"


@pytest.mark.parametrize(("args", "needle"), [
    (["--program", "geen-profiel"], "geen-profiel"),
    (["--only", "spelling"], "onbekende controle"),
    (["--case", "bestaat/niet.yaml"], "dossier bestaat niet"),
    (["--case", str(CASE), "--program", "tm-ims"], "verschilt van het programma"),
])
def test_usage_errors_exit_2_with_a_clear_message(tmp_path: Path, args: list[str], needle: str) -> None:
    report = write_report(tmp_path / "verslag.docx", TM_OM_SECTIONS)
    result = run_cli("check", report, "--no-language", *args)
    assert result.code == 2
    assert needle in result.stderr and "Traceback" not in result.stderr


def test_missing_report_exits_2(tmp_path: Path) -> None:
    result = run_cli("check", tmp_path / "weg.docx", "--no-language")
    assert result.code == 2 and "bestaat niet" in result.stderr


def test_help_lists_the_options() -> None:
    result = run_cli("check", "--help")
    assert result.code == 0
    for option in ("--program", "--case", "--format", "--no-language", "--only", "--output"):
        assert option in result.stdout


def test_unreachable_language_server_exits_2_and_says_how_to_go_on(tmp_path: Path) -> None:
    report = write_report(tmp_path / "verslag.docx", TM_OM_SECTIONS)
    result = run_cli("check", report, "--program", "tm-om", "--no-pages", "--server", "http://127.0.0.1:9")
    assert result.code == 2
    assert "--no-language" in result.stderr and "Traceback" not in result.stderr


def test_html_page_next_to_the_text_output(tmp_path: Path) -> None:
    report = write_report(tmp_path / "verslag.docx", TM_OM_SECTIONS)
    page = tmp_path / "verslag.html"
    result = run_cli("check", report, "--program", "tm-om", "--no-language", "--no-pages", "--only", "sections",
                     "--html", page)
    assert result.code == 0, result.stdout + result.stderr
    assert "Inleiding" in result.stdout and page.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")


# --- validation decides what check may read (its one entry point, pipeline.validate.runner.validate) -----------

def _project_with(tmp_path: Path, case: str) -> Path:
    import shutil

    from tests.helpers import DATA

    project = tmp_path / "inputs"
    for folder in ("institutions", "programs"):
        shutil.copytree(INPUTS / folder, project / folder)
    (project / "cases" / "test").mkdir(parents=True)
    return Path(shutil.copy(DATA / "cases" / case, project / "cases" / "test"))


def test_a_case_that_does_not_fit_its_schema_is_refused_with_its_place(tmp_path: Path) -> None:
    case = _project_with(tmp_path, "om-schema-errors.yaml")
    report = write_report(tmp_path / "verslag.docx", TM_OM_SECTIONS)
    result = run_cli("check", report, "--case", case, "--no-language", "--no-pages")
    assert result.code == 2, result.stdout
    assert "dossier" in result.stderr and f"{case}:" in result.stderr and "stagepipe validate" not in result.stdout


def test_a_case_that_breaks_only_a_program_rule_is_still_checked(tmp_path: Path) -> None:
    case = _project_with(tmp_path, "om-too-few-days.yaml")  # 60 working days where tm-om asks 70: the coordinator's
    report = write_report(tmp_path / "verslag.docx", TM_OM_SECTIONS)
    result = run_cli("check", report, "--case", case, "--no-language", "--no-pages", "--format", "json")
    assert result.code == 1, result.stderr  # the report is checked (too short), not refused
    assert result.json()["program"] == "tm-om"


def test_a_broken_program_profile_is_refused_naming_the_profile_line(tmp_path: Path) -> None:
    case = _project_with(tmp_path, "om-too-few-days.yaml")
    profile = case.parents[2] / "programs" / "tm-om.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("\ncopies: 3", "\ncopies: drie"), encoding="utf-8")
    report = write_report(tmp_path / "verslag.docx", TM_OM_SECTIONS)
    result = run_cli("check", report, "--program", "tm-om", "--inputs", case.parents[2], "--no-language")
    assert result.code == 2, result.stdout
    assert f"{profile}:" in result.stderr and "drie" in result.stderr and "opleidingsprofiel" in result.stderr


@pytest.mark.usefixtures("lt_server", "lt_env")
def test_check_annotate_writes_the_report_with_a_comment_on_each_finding(tmp_path: Path) -> None:
    from tests.acceptance.test_web_browser import comment_anchors

    out = tmp_path / "met-opmerkingen.docx"
    done = run_cli("check", INPUTS / "reports" / "om-problemen.docx", "--case",
                   INPUTS / "cases" / "2021-2022" / "om-jana-peeters.yaml", "--annotate", out, "--format", "json")
    assert done.code == 1, done.stderr
    anchors = comment_anchors(out)
    assert len(anchors) == sum(1 + len(f.get("related", [])) for f in done.json()["findings"])
    assert ("Sarah De Smet" in {words for _, _, words in anchors}) and {a for a, _, _ in anchors} == {"stagepipe"}
    refused = run_cli("check", INPUTS / "reports" / "verslag.md", "--no-language", "--annotate", tmp_path / "x.md")
    assert refused.code == 2 and "DOCX of PDF" in refused.stderr
