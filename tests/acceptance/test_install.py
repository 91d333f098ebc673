"""A coordinator's own machine: the wheel `make dist` builds, installed into a fresh venv outside the checkout, used
in a new folder — init, import --template, the template filled in, import, validate, render --pdf, languagetool
install, check and status. Every step is the installed `stagepipe` with nothing of the checkout on its path; the
LanguageTool server runs from the jars `languagetool install` fetched (with Maven, through ~/.m2).

The wheel is built once per session (python -m build, isolated, from the local pip cache) and installed with pip.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from tests.helpers import ROOT
from tests.report_files import simple_docx

MINUTES = 60.0


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
                          capture_output=True, text=True, timeout=15 * MINUTES, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (found,) = out.glob("stagepipe-*.whl")
    return found


@dataclass
class Installed:
    venv: Path
    home: Path  # a folder outside the checkout where the coordinator works
    env: dict[str, str]

    def run(self, *args: str, cwd: Path | None = None, timeout: float = 5 * MINUTES,
            stdout: Path | None = None) -> subprocess.CompletedProcess[str]:
        command = [str(self.venv / "bin" / "stagepipe"), *args]
        if stdout is None:
            return subprocess.run(command, capture_output=True, text=True, cwd=cwd or self.home, env=self.env,
                                  timeout=timeout, check=False)
        with stdout.open("wb") as fh:  # `stagepipe import --template ID > sheet.xlsx`
            done = subprocess.run(command, stdout=fh, stderr=subprocess.PIPE, cwd=cwd or self.home, env=self.env,
                                  timeout=timeout, check=False)
        return subprocess.CompletedProcess(command, done.returncode, "", done.stderr.decode())


@pytest.fixture(scope="session")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    base = tmp_path_factory.mktemp("coordinator")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=5 * MINUTES)
    pip = subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check", str(wheel)],
                         capture_output=True, text=True, timeout=20 * MINUTES, check=False)
    assert pip.returncode == 0, pip.stderr[-3000:]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "STAGEPIPE_", "VIRTUAL_ENV"))}
    env.update(PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}", STAGEPIPE_CACHE=str(base / "cache"),
               STAGEPIPE_LANGUAGETOOL_HOME=str(base / "languagetool"),
               STAGEPIPE_OFFICE_OWNER=str(os.getpid()))  # the warm LibreOffice a check starts ends with this run
    home = base / "work"
    home.mkdir()
    yield Installed(venv, home, env)
    subprocess.run([str(venv / "bin" / "stagepipe"), "languagetool", "stop"], env=env, capture_output=True,
                   timeout=MINUTES, check=False)


def _fill(template: Path, filled: Path, students: int) -> None:
    """What a coordinator types into the template: the program's columns, by their headers."""
    book = openpyxl.load_workbook(template)
    sheet = book.worksheets[0]
    headers = {cell.value: cell.column for cell in sheet[1]}
    for n in range(students):
        start = dt.date(2025, 2, 3) + dt.timedelta(weeks=n)
        values = {"Afstudeerrichting": "gezelschapsdieren", "Studentennummer": f"r08{n:05d}",
                  "Voornaam": ["Lotte", "Wout", "Amina"][n % 3], "Familienaam": f"Van Acker{n}",
                  "E-mail student": f"student{n}@ugent.example.be", "Gsm student": "0470 11 22 33",
                  "Stageplaats": f"Dierenkliniek De Linde {n}", "Straat stageplaats": "Lindelaan 4",
                  "Postcode stageplaats": "9050", "Gemeente stageplaats": "Gentbrugge",
                  "Vertegenwoordiger stageplaats": "Dr. Piet Linde", "Mentor": "Dr. Els Raes",
                  "E-mail mentor": "els.raes@delinde.example.be", "Telefoon mentor": "09 264 75 00",
                  "Stagebegeleider": "Prof. An Smet", "Begindatum": start,
                  "Einddatum": start + dt.timedelta(days=4)}
        for header, value in values.items():
            sheet.cell(row=2 + n, column=headers[header], value=value)
    book.save(filled)


def test_a_coordinator_installs_the_wheel_and_runs_a_cohort(installed: Installed, tmp_path: Path) -> None:
    where = subprocess.run([str(installed.venv / "bin" / "python"), "-c", "import pipeline; print(pipeline.__file__)"],
                           capture_output=True, text=True, cwd=installed.home, env=installed.env, check=True)
    assert str(installed.venv) in where.stdout and str(ROOT) not in where.stdout

    assert installed.run("init", "stages").returncode == 0
    project = installed.home / "stages"
    template = installed.run("import", "--template", "ugent-dgk", cwd=project, stdout=project / "leeg.xlsx")
    assert template.returncode == 0, template.stderr
    _fill(project / "leeg.xlsx", project / "cohort.xlsx", 3)

    imported = installed.run("import", "cohort.xlsx", "--program", "ugent-dgk", "--cohort", "2024-2025", cwd=project)
    assert imported.returncode == 0 and "3 geschreven" in imported.stdout, imported.stdout + imported.stderr
    case = project / "inputs" / "cases" / "2024-2025" / "ugent-dgk-lotte-van-acker0.yaml"
    assert case.is_file()

    valid = installed.run("validate", "inputs/", cwd=project)
    assert valid.returncode == 0, valid.stdout

    packs = installed.run("render", "inputs/cases/2024-2025", "--out", "outputs", "--pdf", cwd=project,
                          timeout=10 * MINUTES)
    assert packs.returncode == 0, packs.stdout + packs.stderr
    assert (project / "outputs" / case.stem / "stageovereenkomst.pdf").stat().st_size > 1000

    fetched = installed.run("languagetool", "install", timeout=30 * MINUTES)
    assert fetched.returncode == 0, fetched.stdout + fetched.stderr
    lib = Path(installed.env["STAGEPIPE_LANGUAGETOOL_HOME"]) / "lib"
    assert any(lib.glob("languagetool-server-*.jar"))
    assert (lib / "stagepipe-nl-rules.jar").is_file()  # our dt rules are standard, built from the wheel's data

    report = simple_docx(project / "reports" / f"{case.stem}.docx", "Logboek",
                         "Op maandag assisteerde ik bij de consultaties en de vaccinaties van honden en katten.",
                         "Casusbespreking", "Een kat met een blaasontsteking kreeg een behandeling.", "Reflectie",
                         "Ik heb veel geleerd over de werking van een praktijk voor gezelschapsdieren.")
    checks = project / "outputs" / "checks"
    checked = installed.run("check", str(report), "--case", str(case), "--format", "json", "-o",
                            str(checks / f"{case.stem}.json"), cwd=project, timeout=10 * MINUTES)
    assert checked.returncode in (0, 1), checked.stderr
    result = json.loads((checks / f"{case.stem}.json").read_text())
    assert "language" in result["checks"] and result["details"]["language"]

    status = installed.run("status", "2024-2025", "--format", "json", cwd=project)
    assert status.returncode == 0, status.stderr
    students = {s["case"]: s for s in json.loads(status.stdout)["students"]}
    assert students[case.stem]["valid"] and students[case.stem]["pack"] == "current"
    assert students[case.stem]["report"] in ("passed", "failed")
    assert students["ugent-dgk-wout-van-acker1"]["report"] == "none"

    doctor = installed.run("doctor")
    assert "LanguageTool" in doctor.stdout and doctor.returncode == 0, doctor.stdout
    shutil.rmtree(project / "outputs" / case.stem)
    stale = json.loads(installed.run("status", "2024-2025", "--format", "json", cwd=project).stdout)
    assert {s["case"]: s["pack"] for s in stale["students"]}[case.stem] == "none"
