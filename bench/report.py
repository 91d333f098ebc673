"""stagepipe check on a 20-page tm-om report with LanguageTool on: the first run (cold) and the runs after it (warm).

Cold and warm, as a student meets them:
- cold: the first `stagepipe check` in a fresh process with a fresh STAGEPIPE_CACHE, so none of our caches exist yet
  (LibreOffice profile for the page count, anything else stagepipe keeps there); the LanguageTool server is already
  running and has loaded its Dutch rules (it is shared between checks: `stagepipe languagetool start` once), and it
  is reached through STAGEPIPE_LANGUAGETOOL_URL because its state lives in another cache folder.
- warm: the same command again, each time a new process (a student runs the CLI, not a library), with our caches
  now filled, the warm LibreOffice the first run started (pipeline.convert.office) and LanguageTool's results for
  the report's sentences in its cache (a student checking again after a few corrections); the median of 3 runs.
- warm, uncached (``report_check_warm_uncached_s``): the same with a server that keeps no results, so every sentence
  goes through LanguageTool's rules, as for a report it has never seen.
The report is the good tm-om sample's text (tools/report_text/om.txt) laid out in 12 pt, which gives 20 pages.
"""

from __future__ import annotations

import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

from bench.lt import own_server
from pipeline.convert.office import Office
from pipeline.language import ENV_URL
from pipeline.paths import PROJECT_ROOT

CASE = PROJECT_ROOT / "inputs" / "cases" / "2021-2022" / "om-jana-peeters.yaml"
WARM_RUNS = 3
WARM_TARGET_S = 1.5


def _tools() -> tuple[ModuleType, ModuleType]:
    """tools/make_reports.py and tools/report_docx.py (tools/ is a folder of scripts, not a package)."""
    sys.path.insert(0, str(PROJECT_ROOT / "tools"))
    modules = []
    for name in ("report_docx", "make_reports"):
        spec = importlib.util.spec_from_file_location(name, PROJECT_ROOT / "tools" / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = sys.modules.get(name) or importlib.util.module_from_spec(spec)
        if name not in sys.modules:
            sys.modules[name] = module
            spec.loader.exec_module(module)
        modules.append(module)
    return modules[0], modules[1]


def build_report(folder: Path) -> Path:
    report_docx, make_reports = _tools()
    path: Path = make_reports.om_goed(folder / "stageverslag.docx", look=report_docx.Look(size=12))
    return path


def timed_check(report: Path, env: dict[str, str]) -> tuple[float, dict[str, object]]:
    command = [sys.executable, "-m", "pipeline", "check", str(report), "--case", str(CASE), "--format", "json"]
    began = time.monotonic()
    proc = subprocess.run(command, capture_output=True, text=True, env=env, cwd=PROJECT_ROOT, timeout=600)
    seconds = time.monotonic() - began
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"stagepipe check exited {proc.returncode}: {proc.stderr.strip()[-500:]}")
    return seconds, json.loads(proc.stdout)


def _warm_and_cold(work: Path, label: str, *, sentence_cache: bool) -> None:
    lt_cache, ours = work / f"lt-cache-{label}", work / f"cache-{label}"
    with own_server(lt_cache, sentence_cache=sentence_cache) as started:  # started and warmed up before any timing
        env = {**os.environ, "STAGEPIPE_CACHE": str(ours), ENV_URL: started.state.url}
        try:
            report = build_report(work)
            cold, result = timed_check(report, env)
            suffix = "" if sentence_cache else "_uncached"
            if sentence_cache:
                print(f"bench: report_pages {result.get('pages')} pages", flush=True)
                print(f"bench: report_check_cold_s {cold:.2f} s", flush=True)
            warm = statistics.median(timed_check(report, env)[0] for _ in range(WARM_RUNS))
            print(f"bench: report_check_warm{suffix}_s {warm:.2f} s", flush=True)
        finally:
            os.environ["STAGEPIPE_CACHE"] = str(ours)
            Office(0).stop()  # the warm LibreOffice the checks shared (pipeline.convert.office)


def run() -> None:
    with tempfile.TemporaryDirectory(prefix="stagepipe-bench-report-") as work_name:
        work = Path(work_name)
        # a student checking again after a few corrections: LanguageTool has the unchanged sentences in its cache
        _warm_and_cold(work, "cached", sentence_cache=True)
        print(f"bench: report_check_warm_target_s {WARM_TARGET_S:g} s", flush=True)
        # a report the server has never seen: every sentence goes through LanguageTool's rules
        _warm_and_cold(work, "uncached", sentence_cache=False)
