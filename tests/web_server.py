"""The real `stagepipe serve` for the acceptance tests and the bench: started as a user starts it, on a free port of
127.0.0.1, with the session's LanguageTool; ready when /healthz says so; stopped (with its workers) at the end."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
READY_SECONDS = 240.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextmanager
def running_server(lt_url: str, cache: Path, log: Path, *args: str, tmp: Path | None = None) -> Iterator[Server]:
    """`python -m pipeline serve --port P --server LT ARGS`, until /healthz answers 200 (``tmp``: its TMPDIR)."""
    port = free_port()
    env = {**os.environ, "STAGEPIPE_CACHE": str(cache), "PYTHONUNBUFFERED": "1"}
    if tmp is not None:
        env["TMPDIR"] = str(tmp)
    env.pop("STAGEPIPE_LANGUAGETOOL_URL", None)
    command = [sys.executable, "-m", "pipeline", "serve", "--port", str(port), "--server", lt_url, *args]
    with open(log, "wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    server = Server(f"http://127.0.0.1:{port}", process, log)
    try:
        deadline = time.monotonic() + READY_SECONDS
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"stagepipe serve exited with {process.returncode}:\n{server.log_text()[-2000:]}")
            try:
                if requests.get(f"{server.url}/healthz", timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"stagepipe serve not ready in {READY_SECONDS:.0f} s:\n{server.log_text()[-2000:]}")
            time.sleep(0.5)
        yield server
    finally:
        stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the server's process group (uvicorn shuts the pool down), SIGKILL after 20 s."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)
    except ProcessLookupError:
        pass
