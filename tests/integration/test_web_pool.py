"""The check pool of `stagepipe serve` with real worker processes: a check runs in a worker, a worker killed in the
middle of a check is that check's failure only (the pool starts a new worker and the next check runs), and a
check past its time limit is cancelled."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import threading
import time
from pathlib import Path

import psutil
import pytest

from pipeline.convert.office import available
from pipeline.paths import cache_dir
from pipeline.web.pool import CheckFailed, CheckJob, CheckPool
from tests.helpers import INPUTS

pytestmark = pytest.mark.usefixtures("lt_server", "lt_env")  # the language check reaches the session's server


def job(tmp_path: Path, name: str = "verslag.md") -> CheckJob:
    return CheckJob(report=INPUTS / "reports" / name, folder=tmp_path, lang="nl", program="tm-om",
                    annotate=False)


def office_gone_with(owner: int) -> None:
    """The warm LibreOffice of a worker that was killed ends within seconds (its bridge watches its owner)."""
    states = [json.loads(p.read_text("utf-8")) for p in (cache_dir() / "libreoffice").glob("office-*.json")]
    bridges = [state["pid"] for state in states if state.get("owner") == owner]
    if available():
        assert bridges, "the worker had no warm LibreOffice"
    deadline = time.monotonic() + 10
    while any(psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE for pid in bridges):
        assert time.monotonic() < deadline, "the killed worker's LibreOffice is still running"
        time.sleep(0.2)


def test_a_worker_killed_mid_check_fails_that_check_only_and_is_replaced(tmp_path: Path) -> None:
    async def scenario() -> None:
        pool = CheckPool(workers=1, queue=0, seconds=60, warm=False)
        await pool.start()
        try:
            first = await pool.run(job(tmp_path))
            assert first.result is not None and first.result.program == "tm-om"
            victim = pool._workers[0].process.pid
            assert victim is not None

            def kill_soon() -> None:
                time.sleep(0.3)
                os.kill(victim, signal.SIGKILL)

            threading.Thread(target=kill_soon).start()
            with pytest.raises(CheckFailed) as failed:
                await pool.run(CheckJob(report=INPUTS / "reports" / "om-goed.docx", folder=tmp_path, lang="nl",
                                        program="tm-om"))
            assert failed.value.kind == "crashed"
            office_gone_with(victim)
            again = await pool.run(job(tmp_path))  # waits for the new worker
            assert again.result is not None
            assert pool._workers[0].process.pid != victim and pool.health()["alive"] == 1
        finally:
            pool.stop()

    asyncio.run(scenario())


def test_a_check_past_its_time_limit_is_cancelled(tmp_path: Path) -> None:
    async def scenario() -> None:
        pool = CheckPool(workers=1, queue=0, seconds=0.5, warm=False)
        await pool.start()
        try:
            with pytest.raises(CheckFailed) as failed:
                await pool.run(CheckJob(report=INPUTS / "reports" / "om-goed.docx", folder=tmp_path, lang="nl",
                                        program="tm-om"))
            assert failed.value.kind == "timeout"
        finally:
            pool.stop()

    asyncio.run(scenario())
