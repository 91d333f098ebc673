"""Helpers shared by the test layers: the checkout's folders and profiles, the CLI (as a user runs it, or in this
process), the text of a DOCX and the tm-om section titles. Fixtures live in the conftest.py files."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import docx
import pytest
import yaml
from click.testing import CliRunner, Result

from pipeline.cli import main
from pipeline.language import server
from pipeline.messages import Message
from pipeline.report.errors import ReportError

T = TypeVar("T")

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "inputs"
DATA = Path(__file__).resolve().parent / "data"

READ_SECONDS = 5.0  # a report reader answers quickly, whatever the file: every refusal comes well within this

# tm-om's seven sections, in the handbook's order (inputs/programs/tm-om.yaml must agree)
TM_OM_SECTIONS = ("Inleiding", "Uitgangspunten en eerste indrukken", "Leerervaringen in het eerste deel van de stage",
                  "Tussentijdse evaluatie", "Leerervaringen in het tweede deel van de stage", "Conclusie", "Bijlage")


def input_yaml(kind: str, name: str) -> dict[str, Any]:
    """inputs/<kind>/<name>.yaml as plain data (kind: programs or institutions)."""
    data: dict[str, Any] = yaml.safe_load((INPUTS / kind / f"{name}.yaml").read_text(encoding="utf-8"))
    return data


def program_profile(program_id: str) -> dict[str, Any]:
    """A sample program profile as plain data."""
    return input_yaml("programs", program_id)


def copy_sample_cases(project: Path, *names: str) -> list[Path]:
    """Copy sample cases (by id) from inputs/cases/ into the cohort cases/test/ of the ``project`` fixture."""
    out = []
    for name in names:
        source = next(p for p in sorted((INPUTS / "cases").rglob("*.yaml")) if p.stem == name)
        target = project / "cases" / "test" / source.name
        shutil.copy(source, target)
        out.append(target)
    return out


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def run_cli(*args: str | Path, cwd: Path | None = None, timeout: float = 120,
            env: dict[str, str] | None = None) -> CliResult:
    """Run `python -m pipeline ARGS` in a subprocess, as a user would (acceptance and integration tests only);
    ``env``: variables set on top of this process's environment."""
    proc = subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=timeout, env={**os.environ, **env} if env else None)
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


def invoke(*args: str | Path) -> Result:
    """Run the CLI in this process with click's runner (exit code in ``exit_code``, stdout and stderr in ``output``)."""
    return CliRunner().invoke(main, [str(a) for a in args])


def server_state(pid: int, port: int = 8099) -> server.ServerState:
    """A LanguageTool server's state record as the state file holds it, for ``pid``."""
    return server.ServerState(pid=pid, port=port, started=0.0, version="6.8", lib="lib", java="java", heap="1g")


def quickly(read: Callable[[Path], T], path: Path) -> T:
    """``read(path)``, failing the test when it took READ_SECONDS or more (also when it raised)."""
    started = time.monotonic()
    try:
        return read(path)
    finally:
        assert time.monotonic() - started < READ_SECONDS


def refused(read: Callable[[Path], object], path: Path) -> ReportError:
    """The ReportError ``read(path)`` raises, quickly."""
    with pytest.raises(ReportError) as caught:
        quickly(read, path)
    return caught.value


def docx_text(source: Path | bytes) -> str:
    """All text a reader of a DOCX sees, one paragraph a line: body paragraphs, table cells (nested tables too),
    headers and footers."""
    data = source if isinstance(source, bytes) else source.read_bytes()
    document = docx.Document(io.BytesIO(data))
    parts: list[str] = []

    def blocks(container: Any) -> None:
        for paragraph in container.paragraphs:
            parts.append(paragraph.text)
        for table in container.tables:
            for row in table.rows:
                for cell in row.cells:
                    blocks(cell)

    blocks(document)
    for section in document.sections:
        blocks(section.header)
        blocks(section.footer)
    return "\n".join(parts)


def suggestions(finding: Any) -> list[str]:
    """The corrections of a language finding: its hint, or a dt hint's suggestions after the rule."""
    hint = finding.hint
    if isinstance(hint, Message):
        return str(hint.values.get("suggestions", "")).split(" | ")
    return (hint or "").split(" | ")
