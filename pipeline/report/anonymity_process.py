"""The anonymity check in a process of its own, started before the report is read (one `stagepipe check` run).

deduce takes about half a second to import and to load its name lists, in every new process; the check then takes
as long again. In the CLI's process that work shares one interpreter lock with the language check, the page layout
and everything before them. A forked child loads deduce while this process resolves the profile, validates and
reads the report, and runs the check on the second core beside the language check: the same function on the same
context (sent as a pickle), its findings, summary and time-budget cuts sent back.

Whatever goes wrong with the child (it died, a value does not pickle, it took longer than the check's time) makes
``run`` return None, and the runner checks anonymity in this process as before. A long-lived process (the web
server's workers, a cohort's jobs) has deduce loaded already and does not use this.
"""

from __future__ import annotations

import multiprocessing
import pickle
from dataclasses import replace
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.report.checks.base import ReportContext
    from pipeline.report.runner import Outcome

GROUP = "anonymity"
_SPARE_SECONDS = 10.0  # the child's answer may come this much after the check's own time is up


def _serve(conn: Connection) -> None:
    """The child: load deduce, wait for the context, run the group, send what it gave."""
    from pipeline.report import deid
    from pipeline.report.runner import Outcome, load_checks, run_group

    try:
        load_checks([GROUP])
        deid.model()
    except Exception:  # noqa: BLE001 - the check itself reports deduce being unavailable
        pass
    try:
        context = conn.recv()
    except (EOFError, OSError):
        return
    if context is None:
        return
    try:
        findings = run_group(context, GROUP)
        cuts = list(context.budget.cuts) if context.budget is not None else []
        conn.send(Outcome(findings, context.summaries.anonymity, cuts))
    except Exception:  # noqa: BLE001 - the parent runs the check itself
        conn.send(None)
    finally:
        conn.close()


class AnonymityProcess:
    """A forked child that checks anonymity once. ``start()`` before reading; ``run(context)`` when the document is
    there; ``close()`` always."""

    def __init__(self, process: Any, conn: Connection) -> None:
        self._process = process
        self._conn = conn
        self._used = False

    @classmethod
    def start(cls) -> AnonymityProcess | None:
        """Fork the child now (before any thread of ours exists), or None where fork is not available."""
        try:
            context = multiprocessing.get_context("fork")
            parent, child = context.Pipe()
            process = context.Process(target=_serve, args=(child,), daemon=True, name="stagepipe-anonymity")
            process.start()
        except (ValueError, OSError):
            return None
        child.close()
        return cls(process, parent)

    def run(self, context: ReportContext) -> Outcome | None:
        """The anonymity group's outcome on ``context``, or None when the child could not give it."""
        from pipeline.report.runner import Outcome

        if self._used:
            return None
        self._used = True
        try:
            # the language checker is a function of this process (and never needed there)
            self._conn.send(replace(context, language_checker=None))
            wait = (context.budget.left() if context.budget is not None else 120.0) + _SPARE_SECONDS
            if not self._conn.poll(wait):
                return None
            outcome = self._conn.recv()
        except (EOFError, OSError, pickle.PicklingError, TypeError, AttributeError):
            return None
        return outcome if isinstance(outcome, Outcome) else None

    def close(self) -> None:
        try:
            if not self._used:
                self._conn.send(None)
            self._conn.close()
        except OSError:
            pass
        self._process.join(timeout=2)
        if self._process.is_alive():
            self._process.kill()
            self._process.join(timeout=2)
