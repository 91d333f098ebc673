"""Shared fixtures: a throw-away copy of the sample programs and institutions, and the real CLI."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "inputs"
DATA = Path(__file__).resolve().parent / "data"


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def run_cli(*args: str | Path, cwd: Path | None = None, timeout: float = 120) -> CliResult:
    """Run `python -m pipeline ARGS` in a subprocess, as a user would."""
    proc = subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=timeout)
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """tmp/inputs with the sample institutions and programs and an empty cohort folder cases/test/."""
    root = tmp_path / "inputs"
    shutil.copytree(INPUTS / "institutions", root / "institutions")
    shutil.copytree(INPUTS / "programs", root / "programs")
    (root / "cases" / "test").mkdir(parents=True)
    return root
