"""An internal error is stagepipe's, never the student's file: exit 2, 'internal error, please report', a JSON document
on stdout, and the traceback only with --debug."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests import report_files as rf
from tests.helpers import ROOT

# the CLI with one of its functions broken, as a bug would break it
BROKEN_CLI = """
import sys
import pipeline.report.runner as runner
def stamp_severity(findings, group, report):
    return findings.no_such_attribute
runner.stamp_severity = stamp_severity
from pipeline.cli import main
sys.argv = ["stagepipe", *sys.argv[1:]]
main()
"""


def run_broken(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", BROKEN_CLI, *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)


def test_an_internal_error_is_exit_2_with_a_document_and_no_traceback(tmp_path: Path) -> None:
    report = rf.simple_docx(tmp_path / "verslag.docx", "Inleiding", "Ik liep stage bij een bedrijf in Gent.")
    proc = run_broken("check", str(report), "--no-language", "--no-pages", "--skip", "anonymity", "--format", "json")
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and "interne fout" in proc.stderr and "niet van je bestand" in proc.stderr
    document = json.loads(proc.stdout)
    assert document["internal_error"] is True and document["passed"] is False and document["refused"] is False
    assert [f["rule"] for f in document["findings"]] == ["internal-error"]


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    report = rf.simple_docx(tmp_path / "verslag.docx", "Inleiding", "Ik liep stage bij een bedrijf in Gent.")
    proc = run_broken("--debug", "check", str(report), "--no-language", "--no-pages", "--skip", "anonymity")
    assert proc.returncode == 2
    assert "Traceback" in proc.stderr and "no_such_attribute" in proc.stderr
