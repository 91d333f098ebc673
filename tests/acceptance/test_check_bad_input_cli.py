"""Hostile and broken uploads through the real `stagepipe check`: a clear Dutch message, exit 1 or 2, no traceback,
in bounded time. (tests/acceptance/test_report_bad_input.py covers every class at the reader; this is the CLI.)"""

from __future__ import annotations

import json
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from tests import pdf_files as pf
from tests import report_files as rf
from tests.helpers import ROOT, run_cli

CHECK_RESULT = Draft202012Validator(json.loads((ROOT / "schemas" / "check-result.schema.json").read_text("utf-8")))


def _encrypted_pdf(path: Path) -> Path:
    return pf.text_pdf(path, [[pf.Text("Geheim verslag", 72, 700)]], password="geheim")


def _truncated_pdf(path: Path) -> Path:
    whole = pf.text_pdf(path.with_name("heel.pdf"), [[pf.Text("Verslag", 72, 700)]] * 3)
    return pf.truncated_copy(whole, path)


def _huge(path: Path) -> Path:
    with path.open("wb") as fh:  # sparse: 200 MB on paper, nothing on disk
        fh.truncate(200 * 1024 * 1024)
    return path


def _renamed_text(path: Path) -> Path:
    path.write_text("Dit is geen Word-bestand.", encoding="utf-8")
    return path


def _empty_docx(path: Path) -> Path:
    return rf.simple_docx(path)


CASES: list[tuple[str, Callable[[Path], Path], int, str]] = [
    ("verslag.docx", _renamed_text, 1, "geen"),
    ("bom.docx", rf.zip_bomb, 1, "zip"),
    ("lachjes.docx", rf.billion_laughs_docx, 1, "DTD"),
    ("xxe.docx", rf.xxe_docx, 1, "DTD"),
    ("half.docx", rf.truncated_docx, 1, "beschadigd"),
    ("leeg.docx", _empty_docx, 1, "leeg"),
    ("oud.doc", rf.ole_doc, 1, ".docx"),
    ("geheim.pdf", _encrypted_pdf, 1, "wachtwoord"),
    ("half.pdf", _truncated_pdf, 1, "PDF"),
    ("scan.pdf", pf.image_pdf, 1, "scan"),
    ("groot.pdf", _huge, 1, "MB"),
]


@pytest.mark.parametrize(("name", "build", "code", "needle"), CASES, ids=[c[0] for c in CASES])
def test_bad_upload_gives_a_clear_message_and_exit_code(tmp_path: Path, name: str, build: Callable[[Path], Path],
                                                        code: int, needle: str) -> None:
    report = build(tmp_path / name)
    started = time.monotonic()
    result = run_cli("check", report, "--program", "tm-om", "--no-language", "--format", "json", timeout=120)
    elapsed = time.monotonic() - started
    assert result.code == code, (result.code, result.stdout, result.stderr)
    assert needle.lower() in result.stderr.lower(), result.stderr
    assert str(report) in result.stderr and "Traceback" not in result.stderr
    assert elapsed < 30, elapsed
    # a build run that parses stdout still gets a whole document: refused, with the reason as a finding of 'read'
    document = result.json()
    CHECK_RESULT.validate(document)
    assert document["passed"] is False and document["refused"] is True and document["program"] == "tm-om"
    [finding] = document["findings"]
    assert finding["check"] == "read" and finding["severity"] == "error"
    assert needle.lower() in finding["message"].lower()
    assert document["checks"] == [] and document["words"] is None


@pytest.mark.parametrize("fmt", ["junit", "html"])
def test_a_refused_report_still_gets_its_junit_and_html_document(tmp_path: Path, fmt: str) -> None:
    report = _empty_docx(tmp_path / "leeg.docx")
    result = run_cli("check", report, "--program", "tm-om", "--no-language", "--format", fmt, timeout=120)
    assert result.code == 1, result.stderr
    assert "leeg" in result.stdout
    if fmt == "junit":
        suites = ET.fromstring(result.stdout)
        assert suites.get("failures") == "1" and suites.find("testsuite").get("name") == "read"  # type: ignore[union-attr]
    else:
        assert result.stdout.lstrip().startswith("<!DOCTYPE html>")


def test_text_format_says_it_on_stderr_and_writes_nothing_on_stdout(tmp_path: Path) -> None:
    report = _empty_docx(tmp_path / "leeg.docx")
    result = run_cli("check", report, "--program", "tm-om", "--no-language", timeout=120)
    assert result.code == 1 and result.stdout == "" and "leeg" in result.stderr
