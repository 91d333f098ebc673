"""Rule kinds about the placement period: order of dates, working days, weeks, hours, window, length."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from pipeline.dates import WorkingDays, add_months, parse_date, working_days_between
from pipeline.messages import Text, joined, msg
from pipeline.validate.rules.base import DATE, NUMBER, PERIOD_FIELDS, Hit, RuleContext, rule_kind


def _period(ctx: RuleContext, base: str = "/period") -> tuple[dt.date, dt.date] | None:
    start = parse_date(ctx.case.get(base + "/start"))
    end = parse_date(ctx.case.get(base + "/end"))
    if start is None or end is None or end < start:
        return None  # missing or malformed dates are schema findings; reversed ones are period-order's
    return start, end


def _working_days(ctx: RuleContext, base: str = "/period") -> WorkingDays | None:
    period = _period(ctx, base)
    if period is None:
        return None
    days_off = [d for d in (parse_date(x) for x in ctx.case.get(base + "/days_off", []) or []) if d]
    return working_days_between(period[0], period[1], days_off)


def _all_parts(ctx: RuleContext) -> list[WorkingDays]:
    """Working days of the placement and, for a split placement, of its second part."""
    parts = [_working_days(ctx)]
    if isinstance(ctx.case.get("/second_placement/period"), dict):
        parts.append(_working_days(ctx, "/second_placement/period"))
    return [p for p in parts if p is not None]


def _fmt(number: float) -> str:
    return f"{number:g}"


@rule_kind("period-order", summary=msg("rule.kind.period-order"),
           fields=PERIOD_FIELDS)
def period_order(ctx: RuleContext, opts: dict[str, Any]) -> Iterator[Hit]:
    """The end date lies after the start date (for every period in the case)."""
    for base in ("/period", "/second_placement/period"):
        start = parse_date(ctx.case.get(base + "/start"))
        end = parse_date(ctx.case.get(base + "/end"))
        if start and end and end <= start:
            yield Hit(base + "/end", msg("rule.period-order", start=start, end=end), text=str(end))


@rule_kind("working-days", summary=msg("rule.kind.working-days"),
           options={"min": NUMBER, "max": NUMBER,
                                    "public_holidays": {"enum": ["exclude", "count"]}}, fields=PERIOD_FIELDS)
def working_days(ctx: RuleContext, opts: dict[str, Any]) -> Iterator[Hit]:
    """Mon–Fri in the period minus Belgian public holidays (or counting them) lies within min..max."""
    parts = _all_parts(ctx)
    if not parts:
        return
    count_holidays = opts.get("public_holidays", "exclude") == "count"
    days = sum(p.count(count_public_holidays=count_holidays) for p in parts)
    holidays = [h for p in parts for h in p.holidays]
    start, end = _period(ctx) or (None, None)
    if len(parts) > 1:
        end = parse_date(ctx.case.get("/second_placement/period/end"))
    how = msg("rule.working-days.counted") if count_holidays else msg("rule.working-days.excluded")
    names = ", ".join(f"{name} {day:%d/%m}" for day, name in holidays)
    detail: Text = msg("rule.working-days.detail", start=start, end=end, holidays=len(holidays), how=how)
    if names:
        detail = joined((detail, names), ": ")
    if "min" in opts and days < opts["min"]:
        yield Hit("/period/end", msg("rule.working-days.min", days=days, detail=detail, limit=_fmt(opts["min"])))
    if "max" in opts and days > opts["max"]:
        yield Hit("/period/end", msg("rule.working-days.max", days=days, detail=detail, limit=_fmt(opts["max"])))


@rule_kind("weeks", summary=msg("rule.kind.weeks"),
           options={"min": NUMBER, "max": NUMBER, "days_per_week": {"type": "number", "minimum": 1, "maximum": 7}},
           fields=PERIOD_FIELDS)
def weeks(ctx: RuleContext, opts: dict[str, Any]) -> Iterator[Hit]:
    """Working days (without public holidays) divided by days_per_week (5) lies within min..max weeks."""
    parts = _all_parts(ctx)
    if not parts:
        return
    n = round(sum(p.count() for p in parts) / opts.get("days_per_week", 5), 1)
    if "min" in opts and n < opts["min"]:
        yield Hit("/period/end", msg("rule.weeks.min", weeks=_fmt(n), limit=_fmt(opts["min"])))
    if "max" in opts and n > opts["max"]:
        yield Hit("/period/end", msg("rule.weeks.max", weeks=_fmt(n), limit=_fmt(opts["max"])))


@rule_kind("hours", summary=msg("rule.kind.hours"),
           options={"min": NUMBER, "max": NUMBER}, fields=PERIOD_FIELDS)
def hours(ctx: RuleContext, opts: dict[str, Any]) -> Iterator[Hit]:
    """Total hours (period.hours, or hours_per_week × weeks) lies within min..max."""
    total = ctx.case.get("/period/hours")
    pointer = "/period/hours"
    if total is None:
        per_week = ctx.case.get("/period/hours_per_week")
        wd = _working_days(ctx)
        if per_week is None or wd is None:
            yield Hit("/period", msg("rule.hours.missing"))
            return
        total = round(per_week * wd.count() / 5, 1)
        pointer = "/period/hours_per_week"
    if not isinstance(total, (int, float)):
        return
    if "min" in opts and total < opts["min"]:
        yield Hit(pointer, msg("rule.hours.min", hours=_fmt(total), limit=_fmt(opts["min"])), text=str(total))
    if "max" in opts and total > opts["max"]:
        yield Hit(pointer, msg("rule.hours.max", hours=_fmt(total), limit=_fmt(opts["max"])), text=str(total))


@rule_kind("period-within", summary=msg("rule.kind.period-within"),
           options={"start": DATE, "end": DATE,
                                     "year_start": {"type": "string", "pattern": "^[01][0-9]-[0-3][0-9]$"}},
           fields=PERIOD_FIELDS)
def period_within(ctx: RuleContext, opts: dict[str, Any]) -> Iterator[Hit]:
    """The period lies inside the program's window (start..end), or inside one placement year (year_start MM-DD)."""
    period = _period(ctx)
    if period is None:
        return
    start, end = period
    lo, hi = parse_date(opts.get("start")), parse_date(opts.get("end"))
    if lo and start < lo:
        yield Hit("/period/start", msg("rule.period-within.start", date=start, limit=lo), text=str(start))
    if hi and end > hi:
        yield Hit("/period/end", msg("rule.period-within.end", date=end, limit=hi), text=str(end))
    if "year_start" in opts:
        month, day = (int(x) for x in opts["year_start"].split("-"))
        year = start.year if (start.month, start.day) >= (month, day) else start.year - 1
        first = dt.date(year, month, day)
        last = dt.date(year + 1, month, day) - dt.timedelta(days=1)
        if end > last:
            yield Hit("/period/end", msg("rule.period-within.year", first=first, last=last), text=str(end))


@rule_kind("max-months", summary=msg("rule.kind.max-months"),
           options={"months": {"type": "integer", "minimum": 1}}, required=["months"], fields=PERIOD_FIELDS)
def max_months(ctx: RuleContext, opts: dict[str, Any]) -> Iterator[Hit]:
    """The period lasts at most the given number of calendar months."""
    period = _period(ctx)
    if period is None:
        return
    start, end = period
    if end >= add_months(start, opts["months"]):
        yield Hit("/period/end", msg("rule.max-months", limit=opts["months"], end=end), text=str(end))
