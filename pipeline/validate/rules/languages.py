"""Rule kind: the share of tasks done in a foreign language (Thomas More O&M: IRM more than half, HR nearly half)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pipeline.messages import msg
from pipeline.validate.rules.base import NUMBER, Hit, RuleContext, rule_kind


def foreign_share(tasks: list[dict[str, Any]], home: str) -> float | None:
    """Percent of the workload in a language other than ``home``; None when shares or languages are missing."""
    if not tasks or any("share" not in task or "language" not in task for task in tasks):
        return None
    total: float = sum(task["share"] for task in tasks)
    if total <= 0:
        return None
    foreign: float = sum(task["share"] for task in tasks if task["language"] != home)
    return round(100 * foreign / total, 1)


@rule_kind("foreign-language-share", summary=msg("rule.kind.foreign-language-share"),
           options={"min": NUMBER, "max": NUMBER, "exclusive": {"type": "boolean"},
                                              "home_language": {"type": "string", "pattern": "^[a-z]{2}$"}},
           fields=("/tasks/0/share", "/tasks/0/language"))
def foreign_language_share(ctx: RuleContext, opts: dict[str, Any]) -> Iterator[Hit]:
    """Percent of tasks (by share) in a foreign language is at least `min` (more than, with exclusive) / at most `max`."""
    tasks = [task for task in ctx.case.get("/tasks", []) or [] if isinstance(task, dict)]
    share = foreign_share(tasks, opts.get("home_language", "nl"))
    if share is None:
        yield Hit("/tasks", msg("rule.language-share.missing"))
        return
    track = ctx.case.get("/track", "")
    if "min" in opts:
        too_low = share <= opts["min"] if opts.get("exclusive") else share < opts["min"]
        if too_low:
            op = msg("rule.language-share.more-than") if opts.get("exclusive") else msg("rule.language-share.at-least")
            yield Hit("/tasks", msg("rule.language-share.min", share=f"{share:g}", track=track,
                                  op=op, limit=f"{opts['min']:g}"))
    if "max" in opts and share > opts["max"]:
        yield Hit("/tasks", msg("rule.language-share.max", share=f"{share:g}", track=track,
                              limit=f"{opts['max']:g}"))
