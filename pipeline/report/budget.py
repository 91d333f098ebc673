"""The total time a report check may take (default 120 s, ``--time-budget``): past it the check returns what it has,
and a finding of check ``budget`` says which part was cut and how far it got."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from pipeline.findings import Finding, Location, Severity
from pipeline.messages import msg

DEFAULT_SECONDS = 120.0
ENV_SECONDS = "STAGEPIPE_TIME_BUDGET"


@dataclass
class Cut:
    """A part of the check that stopped at the budget: the check group (or 'pages'), and how far it got."""

    part: str
    done: int | None = None  # paragraphs (or requests) done
    total: int | None = None


@dataclass
class Budget:
    seconds: float = DEFAULT_SECONDS
    started: float = field(default_factory=time.monotonic)
    cuts: list[Cut] = field(default_factory=list)

    @property
    def deadline(self) -> float:
        return self.started + self.seconds

    def left(self) -> float:
        return max(0.0, self.deadline - time.monotonic())

    def over(self) -> bool:
        return time.monotonic() >= self.deadline

    def cut(self, part: str, done: int | None = None, total: int | None = None) -> None:
        if not any(c.part == part for c in self.cuts):
            self.cuts.append(Cut(part, done, total))

    def findings(self, file: str) -> list[Finding]:
        """One warning per part that was cut."""
        out = []
        for cut in self.cuts:
            if cut.done is not None and cut.total is not None:
                message = msg("budget.cut.partly", part=cut.part, seconds=f"{self.seconds:g}", done=cut.done,
                              total=cut.total)
            else:
                message = msg("budget.cut", part=cut.part, seconds=f"{self.seconds:g}")
            out.append(Finding(check="budget", rule="time-budget", severity=Severity.WARNING, message=message,
                               location=Location(file=file), hint=msg("budget.hint")))
        return out
