"""Checking at scale (issue 12): linear time on long reports, an English report in its own language, a cohort.

- ``check_chars_per_s_no_language``: `stagepipe check` of a 1.5-million-character DOCX (tm-om, every group but
  language, pages laid out by the warm LibreOffice), characters ÷ wall time; target ≥ 200,000.
- ``check_200k_paragraphs_s``: the same for a DOCX of 200,000 one-line paragraphs; target ≤ 60 s.
- ``check_english_18k_words_s``: an 18,000-word English DOCX for tm-ims (which allows English) with LanguageTool
  warm: checked in English; target < 30 s.
- ``cohort_check_reports_per_min``: `stagepipe check DIR --cases ... --jobs 2` over 40 twenty-page tm-om reports,
  each matched to its own case, with every check (LanguageTool shared, a LibreOffice per job); target ≥ 60.

Each runs the real CLI in a new process, with its own cache folder (never the user's); the LanguageTool server is
started and warmed up first and stopped at the end. Its sentence cache is off here: the English report is checked
twice and the cohort's 40 reports are copies of one, so cached results would measure the cache, not the checks.
The machine's load average is printed with the figures.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from bench.lt import own_server
from bench.report import build_report
from bench.scale_files import english_report, long_report, many_paragraphs
from pipeline.convert.office import Office
from pipeline.language import ENV_URL
from pipeline.paths import PROJECT_ROOT

COHORT_REPORTS = 40
CASE = PROJECT_ROOT / "inputs" / "cases" / "2021-2022" / "om-jana-peeters.yaml"


def _check(args: list[str | Path], env: dict[str, str]) -> float:
    began = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "pipeline", "check", *map(str, args)], capture_output=True, text=True,
                          env=env, cwd=PROJECT_ROOT, timeout=1800)
    seconds = time.monotonic() - began
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"stagepipe check exited {proc.returncode}: {proc.stderr.strip()[-500:]}")
    return seconds


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def cohort(folder: Path, count: int) -> tuple[Path, Path]:
    """``count`` cases of tm-om (copies of a sample case with their own ids, names and numbers) and a 20-page
    report for each, named by student number."""
    inputs = folder / "inputs"
    for kind in ("programs", "institutions"):
        shutil.copytree(PROJECT_ROOT / "inputs" / kind, inputs / kind)
    cases = inputs / "cases" / "bench-cohort"
    cases.mkdir(parents=True)
    reports = folder / "reports"
    reports.mkdir()
    report = build_report(folder)
    data = yaml.safe_load(CASE.read_text(encoding="utf-8"))
    for n in range(count):
        data["id"] = f"om-student-{n:02d}"
        data["student"].update(id=f"r09{n:05d}", first_name=f"Student{n:02d}", last_name=f"Achternaam{n:02d}",
                               email=f"student{n:02d}@student.thomasmore.be")
        (cases / f"om-student-{n:02d}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        shutil.copy(report, reports / f"r09{n:05d}_stageverslag.docx")
    return reports, cases


def run() -> None:
    with tempfile.TemporaryDirectory(prefix="stagepipe-bench-scale-") as work_name:
        work = Path(work_name)
        lt_cache, ours = work / "lt-cache", work / "cache"
        with own_server(lt_cache, sentence_cache=False) as started:  # every sentence asked again
            try:
                url = started.state.url
                env = {**os.environ, "STAGEPIPE_CACHE": str(ours), ENV_URL: url}
                small = many_paragraphs(work / "warm-up.docx", 50)
                _check([small, "--program", "tm-om", "--no-language", "--format", "json"], env)  # starts the office
                print(f"bench: scale_load_before {_load()} load", flush=True)
                long = long_report(work / "lang.docx", 1_500_000)
                seconds = _check([long, "--program", "tm-om", "--no-language", "--format", "json"], env)
                print(f"bench: check_chars_per_s_no_language {1_500_000 / seconds:.0f} chars/s ({seconds:.1f} s)",
                      flush=True)
                many = many_paragraphs(work / "alineas.docx", 200_000)
                seconds = _check([many, "--program", "tm-om", "--no-language", "--format", "json"], env)
                print(f"bench: check_200k_paragraphs_s {seconds:.1f} s", flush=True)
                english = english_report(work / "english.docx", 18_000)
                _check([english, "--program", "tm-ims", "--format", "json", "--no-pages", "--only", "language"], env)
                seconds = _check([english, "--program", "tm-ims", "--format", "json"], env)
                print(f"bench: check_english_18k_words_s {seconds:.1f} s", flush=True)
                reports, cases = cohort(work / "cohort", COHORT_REPORTS)
                out = work / "checks"
                began = time.monotonic()
                proc = subprocess.run([sys.executable, "-m", "pipeline", "check", str(reports), "--cases", str(cases),
                                       "--jobs", "2", "-o", str(out), "--format", "csv"], capture_output=True, text=True,
                                      env=env, cwd=PROJECT_ROOT, timeout=3600)
                seconds = time.monotonic() - began
                checked = len(list(out.glob("om-student-*.json")))
                if proc.returncode not in (0, 1) or checked != COHORT_REPORTS:
                    raise RuntimeError(f"cohort check: exit {proc.returncode}, {checked} results: {proc.stderr[-500:]}")
                print(f"bench: cohort_check_reports_per_min {COHORT_REPORTS * 60 / seconds:.1f} reports/min "
                      f"({COHORT_REPORTS} in {seconds:.1f} s, 2 jobs)", flush=True)
                print(f"bench: scale_load_after {_load()} load", flush=True)
            finally:
                os.environ["STAGEPIPE_CACHE"] = str(ours)
                Office(0).stop()  # the warm LibreOffice the checks shared
