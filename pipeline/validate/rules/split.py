"""Rule kind: a split placement (Thomas More O&M: E4B may do 2 × 7 weeks at two placements)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pipeline.dates import parse_date, working_days_between
from pipeline.messages import msg
from pipeline.validate.rules.base import NUMBER, Hit, RuleContext, rule_kind


@rule_kind("split-placement", summary=msg("rule.kind.split-placement"),
           options={"allowed_tracks": {"type": "array", "items": {"type": "string"}},
                                       "weeks": NUMBER}, required=["allowed_tracks"])
def split_placement(ctx: RuleContext, opts: dict[str, Any]) -> Iterator[Hit]:
    """A second_placement only for allowed_tracks, each part `weeks` long, at two organisations, not overlapping."""
    second = ctx.case.get("/second_placement")
    if not isinstance(second, dict):
        return
    track = ctx.case.get("/track")
    if track not in opts["allowed_tracks"]:
        yield Hit("/second_placement", msg("rule.split.not-allowed", track=track))
        return
    parts = [("/period", 1), ("/second_placement/period", 2)]
    spans = []
    for base, number in parts:
        start, end = parse_date(ctx.case.get(base + "/start")), parse_date(ctx.case.get(base + "/end"))
        if not (start and end and end >= start):
            return
        spans.append((start, end))
        if "weeks" in opts:
            weeks = round(working_days_between(start, end).count(count_public_holidays=True) / 5, 1)
            if abs(weeks - opts["weeks"]) > 0.2:
                yield Hit(base + "/end", msg("rule.split.weeks", part=number, weeks=f"{weeks:g}",
                                           limit=f"{opts['weeks']:g}"))
    first_name = str(ctx.case.get("/placement/name", "")).strip().casefold()
    second_name = str(ctx.case.get("/second_placement/placement/name", "")).strip().casefold()
    if first_name and first_name == second_name:
        yield Hit("/second_placement/placement/name", msg("rule.split.same"), text=second_name)
    (s1, e1), (s2, e2) = spans
    if s1 <= e2 and s2 <= e1:
        yield Hit("/second_placement/period/start", msg("rule.split.overlap"))
