"""Rule kinds about the agreement: signed before the start and before the program's deadline."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pipeline.dates import parse_date
from pipeline.findings import Severity
from pipeline.messages import msg
from pipeline.validate.rules.base import DATE_OR_DEADLINE, Hit, RuleContext, rule_kind


@rule_kind("signing-deadline", summary=msg("rule.kind.signing-deadline"),
           options={"deadline": DATE_OR_DEADLINE, "before_start": {"type": "boolean"},
                                        "required": {"type": "boolean"}},
           fields=("/agreement/signed_on",))
def signing_deadline(ctx: RuleContext, opts: dict[str, Any]) -> Iterator[Hit]:
    """agreement.signed_on lies before the start (before_start) and on or before the deadline."""
    signed = parse_date(ctx.case.get("/agreement/signed_on"))
    deadline_raw, what = ctx.deadline(opts["deadline"]) if "deadline" in opts else (None, "")
    deadline = parse_date(deadline_raw)
    if signed is None:
        if opts.get("required", False) or deadline is not None:
            yield Hit("/agreement", msg("rule.signing.missing", deadline=deadline or "—"),
                      severity=None if opts.get("required", False) else Severity.INFO)
        return
    start = parse_date(ctx.case.get("/period/start"))
    if opts.get("before_start", True) and start and signed >= start:
        yield Hit("/agreement/signed_on", msg("rule.signing.after-start", signed=signed, start=start),
                  text=str(signed))
    if deadline and signed > deadline:
        yield Hit("/agreement/signed_on",
                  msg("rule.signing.after-deadline", signed=signed, deadline=deadline, what=what),
                  text=str(signed))
