"""The anonymity check in a forked child (pipeline.report.anonymity_process): the same findings and summary as in
this process, its time-budget cut carried back, and the check done here when the child cannot."""

from __future__ import annotations

import os
import signal
from dataclasses import replace

from pipeline.report.anonymity_process import AnonymityProcess
from pipeline.report.checks.base import ReportContext
from pipeline.report.runner import Outcome
from pipeline.report.setup import CheckOptions, check_report
from tests.helpers import INPUTS

LEAKY = INPUTS / "reports" / "dgk-lekken.docx"
CASE = INPUTS / "cases" / "2024-2025" / "dgk-amber-claeys.yaml"


def _check(anonymity: AnonymityProcess | None) -> tuple[list[dict[str, object]], dict[str, object]]:
    options = CheckOptions(report=LEAKY, case=CASE, groups=("anonymity",), count_pages=False, anonymity=anonymity)
    try:
        result = check_report(options)
    finally:
        if anonymity is not None:
            anonymity.close()
    summary = result.summaries.anonymity
    assert summary is not None
    return [f.to_dict("nl") for f in result.findings], {**summary.__dict__, "deduce_init_seconds": None}


class _Recording(AnonymityProcess):
    outcomes: list[Outcome | None] = []

    def run(self, context: ReportContext) -> Outcome | None:
        outcome = super().run(context)
        self.outcomes.append(outcome)
        return outcome


def test_the_child_gives_what_this_process_gives() -> None:
    here = _check(None)
    started = AnonymityProcess.start()
    assert started is not None
    child = _Recording(started._process, started._conn)  # noqa: SLF001
    there = _check(child)
    assert child.outcomes and child.outcomes[0] is not None  # the child checked, not this process
    assert there == here
    assert len(here[0]) > 5  # the leaky report: names, an address, a phone number, stored values


def test_a_child_that_died_leaves_the_check_to_this_process() -> None:
    child = AnonymityProcess.start()
    assert child is not None
    os.kill(child._process.pid, signal.SIGKILL)  # noqa: SLF001 - the test plays the crash
    child._process.join(timeout=10)  # noqa: SLF001
    assert _check(child) == _check(None)


def test_a_child_is_used_once() -> None:
    from pipeline.report.document import Document

    child = AnonymityProcess.start()
    assert child is not None
    try:
        context = ReportContext(document=Document(path=str(LEAKY), format="docx"))
        assert child.run(context) is not None
        assert child.run(replace(context)) is None
    finally:
        child.close()
