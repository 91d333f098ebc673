"""The check pool of `stagepipe serve` with real worker processes: a check runs in a worker, a worker killed in the
middle of a check is that check's failure only (the pool starts a new worker and the next check runs), and a
check past its time limit is cancelled."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from pipeline.web.pool import CheckFailed, CheckJob, CheckPool
from tests.helpers import INPUTS

pytestmark = pytest.mark.usefixtures("lt_server", "lt_env")  # the language check reaches the session's server


def job(tmp_path: Path, name: str = "verslag.md") -> CheckJob:
    return CheckJob(report=INPUTS / "reports" / name, folder=tmp_path, lang="nl", program="tm-om",
                    annotate=False)


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
