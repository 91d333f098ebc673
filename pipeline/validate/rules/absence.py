"""Rule kind: absence to attend classes (Thomas More IMS: at most ½ day a week without extra approval)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pipeline.findings import Severity
from pipeline.messages import msg
from pipeline.validate.rules.base import NUMBER, Hit, RuleContext, rule_kind


@rule_kind("absence-limit", summary=msg("rule.kind.absence-limit"),
           options={"max_days_per_week": NUMBER}, required=["max_days_per_week"])
def absence_limit(ctx: RuleContext, opts: dict[str, Any]) -> Iterator[Hit]:
    """absence.days_per_week ≤ the limit; above it both placement and coordinator approve and the stage is extended."""
    days = ctx.case.get("/absence/days_per_week")
    limit = opts["max_days_per_week"]
    if not isinstance(days, (int, float)) or days <= limit:
        return
    approved = ctx.case.get("/absence/approved_by_placement") is True and \
        ctx.case.get("/absence/approved_by_coordinator") is True
    if approved:
        yield Hit("/absence/days_per_week", msg("rule.absence.extend", days=f"{days:g}", limit=f"{limit:g}"),
                  text=f"{days:g}", severity=Severity.WARNING)
    else:
        yield Hit("/absence/days_per_week", msg("rule.absence.over", days=f"{days:g}", limit=f"{limit:g}"),
                  text=f"{days:g}")
