"""`stagepipe serve` under load, against the real server on 127.0.0.1 (its workers, LanguageTool, LibreOffice).

- ``web_check_p50_s`` / ``web_check_p95_s``: 4 students uploading the 20-page tm-om DOCX again and again for
  WEB_LATENCY_SECONDS, LanguageTool warm (a first check warms the workers before the clock starts);
- ``web_errors``: 20 students for WEB_LOAD_SECONDS (2 minutes): answers 5xx other than 503, plus requests that got
  no answer; must be 0 (503 with Retry-After is the server asking a student to wait, and the client waits);
- ``web_check_1client_p50_s``: one student alone (the time of a check itself, without waiting for a worker);
- ``web_cpu_s_per_check``: CPU seconds of the server, its workers, LibreOffice and LanguageTool per check at 4
  clients: with 2 free cores, 4 clients cannot be answered faster than about 2 × this on average;
- ``web_max_rss_mb``: the largest memory of the server with its workers and their children (LibreOffice), sampled
  every half second during both runs (LanguageTool is a server of its own and not counted).
The server runs with 2 workers (the machine's cores), a queue of 16 and no rate limit (every client is 127.0.0.1).
"""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path

import psutil
import requests

from bench.lt import own_server
from bench.report import build_report
from bench.web_load import run_load
from tests.web_server import running_server

WORKERS = 2
LATENCY_CLIENTS = 4
LOAD_CLIENTS = 20
LATENCY_SECONDS = float(os.environ.get("WEB_LATENCY_SECONDS", "90"))
LOAD_SECONDS = float(os.environ.get("WEB_LOAD_SECONDS", "120"))
SINGLE_SECONDS = float(os.environ.get("WEB_SINGLE_SECONDS", "30"))
P95_TARGET_S = 6.0


class RssSampler:
    """The peak summed RSS of a process and all its descendants, sampled in a thread."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                root = psutil.Process(self.pid)
                total = 0
                for proc in [root, *root.children(recursive=True)]:
                    try:
                        total += proc.memory_info().rss
                    except psutil.Error:
                        pass
                self.peak = max(self.peak, total)
            except psutil.Error:
                pass
            self._stop.wait(0.5)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(5)


def cpu_seconds(pids: list[int]) -> float:
    """CPU seconds used so far by these processes, their descendants and the children they waited for (LibreOffice's
    conversions, the readers' sandboxes)."""
    total = 0.0
    for pid in pids:
        try:
            root = psutil.Process(pid)
            family = [root, *root.children(recursive=True)]
        except psutil.Error:
            continue
        for proc in family:
            try:
                t = proc.cpu_times()
                total += t.user + t.system + t.children_user + t.children_system
            except psutil.Error:
                pass
    return total


def run() -> None:
    with tempfile.TemporaryDirectory(prefix="stagepipe-bench-web-") as work_name:
        work = Path(work_name)
        # every upload is the same report: without LanguageTool's result cache each check is one of a new report
        with own_server(work / "lt-cache", sentence_cache=False) as started:
            url = started.state.url
            report = build_report(work)
            load = os.getloadavg()
            with running_server(url, work / "cache", work / "serve.log", "--workers", str(WORKERS), "--rate", "0",
                                "--queue", "16") as web, RssSampler(web.process.pid) as rss:
                for _ in range(WORKERS):  # every worker has checked once: LanguageTool and the workers are warm
                    requests.post(f"{web.url}/api/check", files={"report": (report.name, report.read_bytes())},
                                  data={"program": "tm-om"}, timeout=300).raise_for_status()
                single = run_load(web.url, report, clients=1, seconds=SINGLE_SECONDS, program="tm-om")
                print(f"bench: web_check_1client_p50_s {single.percentile(50) or 0:.2f} s", flush=True)
                pids = [web.process.pid, started.state.pid]
                cpu_before = cpu_seconds(pids)
                latency = run_load(web.url, report, clients=LATENCY_CLIENTS, seconds=LATENCY_SECONDS, program="tm-om")
                cpu = (cpu_seconds(pids) - cpu_before) / max(1, len(latency.latencies))
                print(f"bench: web_cpu_s_per_check {cpu:.2f} s", flush=True)
                print(f"bench: web_check_p50_s {latency.percentile(50) or 0:.2f} s", flush=True)
                print(f"bench: web_check_p95_s {latency.percentile(95) or 0:.2f} s", flush=True)
                print(f"bench: web_check_p95_target_s {P95_TARGET_S:g} s", flush=True)
                print(f"bench: web_latency_checks {len(latency.latencies)} checks", flush=True)
                heavy = run_load(web.url, report, clients=LOAD_CLIENTS, seconds=LOAD_SECONDS, program="tm-om")
                print(f"bench: web_errors {heavy.errors} errors", flush=True)
                print(f"bench: web_load_checks {len(heavy.latencies)} checks", flush=True)
                print(f"bench: web_load_503 {heavy.statuses.get(503, 0)} answers", flush=True)
                print(f"bench: web_load_p95_s {heavy.percentile(95) or 0:.2f} s", flush=True)
            print(f"bench: web_max_rss_mb {rss.peak / 1024**2:.0f} MB", flush=True)
            after = os.getloadavg()
            print(f"bench: web_load_average {load[0]:.1f} {after[0]:.1f} (before, after)", flush=True)
