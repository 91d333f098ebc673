"""The unit layer stays in-process (tests/unit/conftest.py enforces it): these show the guard works and that no unit
test names the things that start other programs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.report import deid

UNIT = Path(__file__).resolve().parent
# what starts the CLI, LibreOffice or LanguageTool: they belong in tests/acceptance or tests/integration
STARTERS = re.compile(r"\bsubprocess\b|\bsys\.executable\b|\brun_cli\(|\bConverter\(|\blt_server\b|\bensure_server\(|"
                      r"mark\.integration\b")


def test_a_unit_test_cannot_start_a_subprocess() -> None:
    with pytest.raises(pytest.fail.Exception, match="move it to tests/acceptance"):
        subprocess.run([sys.executable, "-c", "pass"], check=False)


def test_a_unit_test_cannot_load_deduce() -> None:
    with pytest.raises(pytest.fail.Exception, match="deduce"):
        deid.model()


def test_no_unit_test_names_a_process_starter() -> None:
    guards = {UNIT / "conftest.py", Path(__file__)}
    found = [f"{path.name}:{number}: {line.strip()}"
             for path in sorted(UNIT.glob("*.py")) if path not in guards
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if STARTERS.search(line)]
    assert found == []
