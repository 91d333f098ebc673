"""Rule kinds about when a placement or a permission was requested."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pipeline.dates import add_months, parse_date
from pipeline.messages import msg
from pipeline.validate.rules.base import DATE_OR_DEADLINE, POINTER, Hit, RuleContext, rule_kind


def _requested(opts: dict[str, Any]) -> tuple[str]:
    return (opts.get("field", "/agreement/requested_on"),)


@rule_kind("request-lead-time", summary=msg("rule.kind.request-lead-time"),
           options={"months": {"type": "integer", "minimum": 1}, "field": POINTER},
           required=["months"], fields=_requested)
def request_lead_time(ctx: RuleContext, opts: dict[str, Any]) -> Iterator[Hit]:
    """The placement was requested at least `months` months before the start (VUB: GP placement, 2 months)."""
    field = opts.get("field", "/agreement/requested_on")
    start = parse_date(ctx.case.get("/period/start"))
    if start is None:
        return
    latest = add_months(start, -opts["months"])
    requested = parse_date(ctx.case.get(field))
    if requested is None:
        yield Hit(field.rsplit("/", 1)[0] or "/", msg("rule.lead-time.missing", field=field, latest=latest))
    elif requested > latest:
        yield Hit(field, msg("rule.lead-time.late", requested=requested, months=opts["months"],
                           start=start, latest=latest), text=str(requested))


@rule_kind("request-deadline", summary=msg("rule.kind.request-deadline"),
           options={"deadline": DATE_OR_DEADLINE, "field": POINTER}, required=["deadline"],
           fields=_requested)
def request_deadline(ctx: RuleContext, opts: dict[str, Any]) -> Iterator[Hit]:
    """The placement was requested on or before a deadline (teacher training: per trimester)."""
    field = opts.get("field", "/agreement/requested_on")
    raw, what = ctx.deadline(opts["deadline"])
    deadline = parse_date(raw)
    requested = parse_date(ctx.case.get(field))
    if deadline is None:
        return
    if requested is None:
        yield Hit(field.rsplit("/", 1)[0] or "/", msg("rule.lead-time.missing", field=field, latest=deadline))
    elif requested > deadline:
        yield Hit(field, msg("rule.request.late", requested=requested, deadline=deadline, what=what),
                  text=str(requested))


@rule_kind("thesis-permission", summary=msg("rule.kind.thesis-permission"),
           options={"deadline": DATE_OR_DEADLINE}, required=["deadline"],
           fields=("/declarations/thesis_at_placement",))
def thesis_permission(ctx: RuleContext, opts: dict[str, Any]) -> Iterator[Hit]:
    """A bachelor thesis at the placement needs permission on or before the deadline (IMS: 27/10/2023)."""
    if ctx.case.get("/declarations/thesis_at_placement") is not True:
        return
    raw, what = ctx.deadline(opts["deadline"])
    deadline = parse_date(raw)
    given = parse_date(ctx.case.get("/declarations/thesis_permission_on"))
    if given is None:
        yield Hit("/declarations/thesis_at_placement", msg("rule.thesis.missing", deadline=deadline))
    elif deadline and given > deadline:
        yield Hit("/declarations/thesis_permission_on",
                  msg("rule.request.late", requested=given, deadline=deadline, what=what), text=str(given))
