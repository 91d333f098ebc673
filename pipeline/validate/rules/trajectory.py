"""Rule kind: a VUB medicine trajectory adds up to 62 clinical + 16 scientific weeks with per-discipline minimums."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from pipeline.messages import msg
from pipeline.validate.rules.base import Hit, RuleContext, rule_kind

_WEEKS = {"type": "integer", "minimum": 0}


@rule_kind("trajectory-weeks", summary=msg("rule.kind.trajectory-weeks"),
           options={"clinical": _WEEKS, "scientific": _WEEKS,
                                        "minimums": {"type": "object", "additionalProperties": _WEEKS}},
           fields=("/trajectory",))
def trajectory_weeks(ctx: RuleContext, opts: dict[str, Any]) -> Iterator[Hit]:
    """Sum of trajectory weeks per kind equals clinical / scientific; each discipline reaches its minimum."""
    items = [item for item in ctx.case.get("/trajectory", []) or [] if isinstance(item, dict)]
    if not items:
        yield Hit("/", msg("rule.trajectory.missing"))
        return
    per_kind: dict[str, int] = defaultdict(int)
    per_discipline: dict[str, int] = defaultdict(int)
    for item in items:
        weeks = item["weeks"] if isinstance(item.get("weeks"), int) else 0
        per_kind[str(item.get("kind"))] += weeks
        per_discipline[str(item.get("discipline"))] += weeks
    names = {"clinical": msg("rule.trajectory.kind.clinical"), "scientific": msg("rule.trajectory.kind.scientific")}
    for kind in ("clinical", "scientific"):
        if kind in opts and per_kind[kind] != opts[kind]:
            yield Hit("/trajectory", msg("rule.trajectory.total", weeks=per_kind[kind],
                                       kind=names[kind], limit=opts[kind]))
    for discipline, minimum in (opts.get("minimums") or {}).items():
        if per_discipline[discipline] < minimum:
            yield Hit("/trajectory", msg("rule.trajectory.discipline", discipline=discipline,
                                       weeks=per_discipline[discipline], limit=minimum))
