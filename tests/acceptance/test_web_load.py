"""Load against the real `stagepipe serve` on 127.0.0.1: 20 students uploading the 20-page report at once, for
STAGEPIPE_WEB_LOAD_SECONDS (120 in the bench, 30 here); the server queues, answers 503 with Retry-After past its
queue, and gives no other 5xx and no failed request."""

from __future__ import annotations

import os
from pathlib import Path

import requests

from bench.web_load import run_load
from tests.web_server import Server

CLIENTS = 20
SECONDS = float(os.environ.get("STAGEPIPE_WEB_LOAD_SECONDS", "30"))


def test_twenty_students_at_once_get_answers_and_no_errors(web: Server, twenty_pages: Path) -> None:
    result = run_load(web.url, twenty_pages, clients=CLIENTS, seconds=SECONDS, program="tm-om")
    print(f"web load: {CLIENTS} clients: {result.summary()}")
    assert result.errors == 0, result.summary()
    assert result.latencies, result.summary()
    assert requests.get(f"{web.url}/healthz", timeout=30).status_code == 200
