"""Rule kind: the share of tasks inside the student's track (Thomas More O&M: 70 % for E4B and HR)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pipeline.messages import msg
from pipeline.validate.rules.base import NUMBER, Hit, RuleContext, rule_kind


@rule_kind("track-task-share", summary=msg("rule.kind.track-task-share"),
           options={"min": NUMBER}, required=["min"], fields=("/tasks/0/share", "/tasks/0/in_track"))
def track_task_share(ctx: RuleContext, opts: dict[str, Any]) -> Iterator[Hit]:
    """Tasks marked in_track make up at least `min` percent of the workload; shares add up to 100."""
    tasks = [task for task in ctx.case.get("/tasks", []) or [] if isinstance(task, dict)]
    if not tasks or any("share" not in task for task in tasks):
        yield Hit("/tasks", msg("rule.task-share.missing"))
        return
    total = sum(task["share"] for task in tasks)
    if abs(total - 100) > 0.5:
        yield Hit("/tasks", msg("rule.task-share.sum", total=f"{total:g}"))
    if total <= 0:
        return
    inside = round(100 * sum(task["share"] for task in tasks if task.get("in_track")) / total, 1)
    if inside < opts["min"]:
        yield Hit("/tasks", msg("rule.task-share.min", share=f"{inside:g}", track=ctx.case.get("/track", ""),
                              limit=f"{opts['min']:g}"))
