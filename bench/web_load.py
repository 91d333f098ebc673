"""A bounded load client for `stagepipe serve`: N students upload a report again and again for a fixed time.

Each client is a thread with its own HTTP session that posts the report to ``/api/check`` until the time is up
(a request that started before the end finishes); a 503 or 429 is the server asking to wait: the client sleeps
for its Retry-After (at most the time left) and tries again, as the page asks a student to. Only loopback
addresses are accepted as targets. Used by tests/acceptance/test_web_load.py and bench/web.py.
"""

from __future__ import annotations

import statistics
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import requests

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass
class LoadResult:
    latencies: list[float] = field(default_factory=list)  # seconds of each answered check (status 200)
    statuses: dict[int, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)  # requests without an answer (connection errors)
    seconds: float = 0.0

    @property
    def errors(self) -> int:
        """5xx answers other than 503, plus requests that failed without an answer."""
        return sum(n for s, n in self.statuses.items() if s >= 500 and s != 503) + len(self.failures)

    def percentile(self, q: float) -> float | None:
        if not self.latencies:
            return None
        if len(self.latencies) == 1:
            return self.latencies[0]
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[round(q) - 1]

    def summary(self) -> str:
        p50, p95 = self.percentile(50), self.percentile(95)
        return (f"{len(self.latencies)} checks in {self.seconds:.0f} s, statuses {dict(sorted(self.statuses.items()))}, "
                f"p50 {p50 or 0:.2f} s, p95 {p95 or 0:.2f} s, errors {self.errors}")


def run_load(url: str, report: Path, *, clients: int, seconds: float, program: str | None = None,
             request_timeout: float = 180.0) -> LoadResult:
    """``clients`` threads posting ``report`` to ``url``/api/check for ``seconds``; stops by itself."""
    host = urllib.parse.urlsplit(url).hostname
    if host not in LOOPBACK:
        raise ValueError(f"load tests only target this machine, not {host}")
    data = report.read_bytes()
    result = LoadResult()
    lock = threading.Lock()
    began = time.monotonic()
    end = began + seconds

    def client() -> None:
        with requests.Session() as session:
            session.trust_env = False  # never through a proxy
            while time.monotonic() < end:
                started = time.monotonic()
                try:
                    answer = session.post(f"{url}/api/check", files={"report": (report.name, data)},
                                          data={"program": program} if program else {}, timeout=request_timeout)
                except requests.RequestException as exc:
                    with lock:
                        result.failures.append(type(exc).__name__)
                    time.sleep(0.5)
                    continue
                took = time.monotonic() - started
                with lock:
                    result.statuses[answer.status_code] = result.statuses.get(answer.status_code, 0) + 1
                    if answer.status_code == 200:
                        result.latencies.append(took)
                if answer.status_code in (429, 503):
                    wait = float(answer.headers.get("Retry-After", "1") or 1)
                    time.sleep(max(0.0, min(wait, end - time.monotonic())))

    threads = [threading.Thread(target=client, name=f"student-{i}", daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + request_timeout + 10)
    result.seconds = time.monotonic() - began
    return result
