"""Checks run in a pool of worker processes: at most N at once, each with a hard time limit, a crash contained.

Each worker is a process of its own (started with ``spawn``: no threads or event loop of the server inherited) that
loads stagepipe once (deduce's model, the checks), keeps a warm LibreOffice of its own (pipeline.convert.office, a
claimed slot; it dies with the worker) and then runs one check at a time: read, check, annotate. The server waits
for its answer in a thread; past the time limit it kills the worker and every process the worker started (the
reader's sandbox; the warm LibreOffice follows its owner within a second), and starts a fresh one. A worker that
dies is replaced the same way; the server itself only ever sees an outcome.

Admission is counted here too: ``reserve()`` hands out a place when fewer than ``workers + queue`` checks are
running or waiting, else None (the server answers 503 with Retry-After).
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import threading
import time
import traceback
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

import psutil

from pipeline.messages import Message, msg
from pipeline.report.setup import GivenNames

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

    from pipeline.results import ReportResult

START_SECONDS = 120.0  # a worker loads stagepipe and deduce's model before its first check


@dataclass(frozen=True)
class CheckJob:
    """One upload to check: the file in its private folder and what the student chose."""

    report: Path
    folder: Path  # the upload's private folder: the annotated report is written there
    lang: str
    program: str | None = None
    case: Path | None = None
    names: GivenNames | None = None
    inputs: Path | None = None
    server: str | None = None  # LanguageTool URL
    annotate: bool = True


@dataclass
class CheckOutcome:
    """What a check gave: a result (and the annotated report's path), or why there is none."""

    result: ReportResult | None = None
    annotated: Path | None = None
    annotated_bytes: bytes | None = None  # read by the server before the upload's folder is removed
    refused: Message | None = None  # the upload is not a report we can read (422), or a choice is wrong (400)
    status: int = 200
    seconds: float = 0.0
    notes: list[Message] = field(default_factory=list)  # said above the result (the language check was skipped)


class CheckFailed(Exception):
    """The check did not finish: ``kind`` is "timeout" or "crashed"."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


_OFFICE: list[Any] = []  # the worker's warm LibreOffice (pipeline.convert.office.Office), when it has one


def run_job(job: CheckJob) -> CheckOutcome:
    """One check in a worker (also usable in-process): bad reports and bad choices become refusals."""
    from pipeline.annotate import AnnotateError, annotate_report, suffix_for
    from pipeline.language.errors import LanguageToolError
    from pipeline.report.errors import ReportError
    from pipeline.report.setup import CheckOptions, check_report
    from pipeline.results import CHECK_ORDER, LanguageSummary

    started = time.monotonic()
    options = CheckOptions(report=job.report, program=job.program, case=job.case, inputs=job.inputs,
                           server=job.server, names=job.names, office=_OFFICE[0] if _OFFICE else None)
    outcome = CheckOutcome()
    try:
        try:
            result = check_report(options)
        except LanguageToolError:
            # the other checks are still worth having; the page says the language was not checked
            options.groups = tuple(g for g in CHECK_ORDER if g != "language")
            result = check_report(options)
            result.summaries.language = LanguageSummary(skipped=msg("web.language-unavailable"))
            result.checks.append("language")
            outcome.notes.append(msg("web.language-unavailable"))
    except ReportError as exc:
        return CheckOutcome(refused=exc.text, status=400 if exc.exit_code == 2 else 422,
                            seconds=time.monotonic() - started)
    outcome.result = result
    suffix = suffix_for(result) if job.annotate else None
    if suffix is not None:
        target = job.folder / f"annotated{suffix}"
        try:
            annotate_report(result, job.report, target, job.lang)
            outcome.annotated = target
        except (AnnotateError, OSError, ValueError):
            outcome.notes.append(msg("web.annotate-failed"))
    outcome.seconds = time.monotonic() - started
    return outcome


def _worker_main(conn: Connection, warm: bool) -> None:
    """The body of a worker process: warm up, then answer jobs until the pipe closes."""
    if warm:
        with contextlib.suppress(Exception):
            from pipeline.report import deid
            from pipeline.report.runner import load_checks

            load_checks()
            deid.model()
    _keep_office_warm()
    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", run_job(job)))
        except Exception:  # noqa: BLE001 - an unexpected failure is reported as a crash of this check only
            conn.send(("error", traceback.format_exc(limit=5)))


def _keep_office_warm() -> None:
    """A warm LibreOffice for this worker, started now (the first check is warm too); without LibreOffice or
    python3-uno the page layout starts one LibreOffice per document."""
    import multiprocessing.util

    from pipeline.convert.libreoffice import ConverterError
    from pipeline.convert.office import Office, available

    if not available():
        return
    try:
        office = Office.claim(owner=os.getpid())
    except ConverterError:
        return
    multiprocessing.util.Finalize(office, office.release, exitpriority=10)  # the worker's normal end
    with contextlib.suppress(ConverterError, OSError):
        office.ensure()
    _OFFICE.append(office)


class Worker:
    """One worker process and its end of the pipe."""

    def __init__(self, warm: bool) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process: BaseProcess = context.Process(target=_worker_main, args=(child, warm), daemon=True,
                                                    name="stagepipe-check")
        self.process.start()
        child.close()
        if not self.conn.poll(START_SECONDS) or self.conn.recv()[0] != "ready":
            self.kill()
            raise CheckFailed("crashed")

    @property
    def alive(self) -> bool:
        return self.process.is_alive()

    def call(self, job: CheckJob, seconds: float) -> CheckOutcome:
        """Send ``job`` and wait at most ``seconds``; raises CheckFailed (the worker is then dead)."""
        try:
            self.conn.send(job)
            if not self.conn.poll(seconds):
                self.kill()
                raise CheckFailed("timeout")
            kind, value = self.conn.recv()
        except (EOFError, OSError, BrokenPipeError) as exc:
            self.kill()
            raise CheckFailed("crashed") from exc
        if kind != "ok":
            raise CheckFailed("crashed")
        outcome: CheckOutcome = value
        return outcome

    def kill(self) -> None:
        """Kill the worker and every process it started (the reader's sandbox, LibreOffice in its own session)."""
        pid = self.process.pid
        if pid is not None:
            try:
                family = psutil.Process(pid).children(recursive=True)
            except psutil.Error:
                family = []
            for proc in family:
                with contextlib.suppress(psutil.Error):
                    proc.kill()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def rss(self) -> int:
        """Bytes of memory the worker and its children hold now."""
        try:
            proc = psutil.Process(self.process.pid or 0)
            return sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)])
        except psutil.Error:
            return 0


class CheckPool:
    """N workers, a bounded queue in front of them, a time limit per check."""

    def __init__(self, workers: int, queue: int, seconds: float, *, warm: bool = True) -> None:
        self.size = max(1, workers)
        self.queue = max(0, queue)
        self.seconds = seconds
        self.warm = warm
        self.pending = 0  # reserved: waiting or running
        self.running = 0
        self._lock = threading.Lock()
        self._idle: asyncio.Queue[Worker] | None = None
        self._workers: list[Worker] = []
        self._tasks: set[asyncio.Task[None]] = set()  # workers being replaced

    async def start(self) -> None:
        self._idle = asyncio.Queue()
        started = await asyncio.gather(*(asyncio.to_thread(Worker, self.warm) for _ in range(self.size)))
        for worker in started:
            self._workers.append(worker)
            self._idle.put_nowait(worker)

    def stop(self) -> None:
        for worker in self._workers:
            worker.kill()
        self._workers.clear()

    def reserve(self) -> bool:
        """Take a place in the queue; False when all ``workers + queue`` places are taken."""
        with self._lock:
            if self.pending >= self.size + self.queue:
                return False
            self.pending += 1
            return True

    def release(self) -> None:
        with self._lock:
            self.pending = max(0, self.pending - 1)

    def retry_after(self) -> int:
        """Seconds a client should wait before trying again: about one round of the queue."""
        return max(2, min(60, round(self.seconds / 10) + self.pending // self.size * 3))

    async def run(self, job: CheckJob) -> CheckOutcome:
        """Run ``job`` on the next free worker (the caller holds a reservation); raises CheckFailed."""
        assert self._idle is not None
        worker = await self._idle.get()
        self.running += 1
        call = asyncio.ensure_future(asyncio.to_thread(worker.call, job, self.seconds))
        # the worker goes back to the pool when its call is over, not when the request is (a client that goes away
        # cancels the request, but the worker is still busy until its answer or its time limit)
        call.add_done_callback(lambda _: self._done(worker))
        return await asyncio.shield(call)

    def _done(self, worker: Worker) -> None:
        assert self._idle is not None
        self.running -= 1
        if worker.alive:
            self._idle.put_nowait(worker)
        else:
            self._tasks.add(task := asyncio.get_running_loop().create_task(self._replace(worker)))
            task.add_done_callback(self._tasks.discard)

    async def _replace(self, dead: Worker) -> None:
        with contextlib.suppress(ValueError):
            self._workers.remove(dead)
        while True:
            try:
                worker = await asyncio.to_thread(Worker, self.warm)
                break
            except CheckFailed:
                await asyncio.sleep(1)
        self._workers.append(worker)
        assert self._idle is not None
        self._idle.put_nowait(worker)

    def rss(self) -> int:
        return sum(w.rss() for w in self._workers) + psutil.Process(os.getpid()).memory_info().rss

    def health(self) -> dict[str, Any]:
        return {"workers": self.size, "alive": sum(1 for w in self._workers if w.alive), "running": self.running,
                "waiting": max(0, self.pending - self.running), "queue": self.queue}
