"""Calendar arithmetic for placements: Belgian working days, weeks, months."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import holidays
from dateutil.relativedelta import relativedelta


def parse_date(value: object) -> dt.date | None:
    """An ISO date string (or date) as a date; None when it is not one."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


@lru_cache(maxsize=64)
def belgian_holidays(year: int) -> dict[dt.date, str]:
    return dict(holidays.country_holidays("BE", years=year, language="nl"))


@dataclass(frozen=True)
class WorkingDays:
    weekdays: int  # Monday to Friday in the period
    holidays: tuple[tuple[dt.date, str], ...]  # Belgian public holidays on a weekday in the period
    days_off: int  # extra days off (from the case) on a weekday that is not a holiday

    def count(self, *, count_public_holidays: bool = False) -> int:
        days = self.weekdays - self.days_off
        return days if count_public_holidays else days - len(self.holidays)


def working_days_between(start: dt.date, end: dt.date, days_off: Iterable[dt.date] = ()) -> WorkingDays:
    """Mon–Fri from start to end inclusive, with the Belgian public holidays that fall on those days."""
    off = set(days_off)
    weekdays = 0
    found: list[tuple[dt.date, str]] = []
    extra = 0
    day = start
    while day <= end:
        if day.weekday() < 5:
            weekdays += 1
            name = belgian_holidays(day.year).get(day)
            if name:
                found.append((day, name))
            elif day in off:
                extra += 1
        day += dt.timedelta(days=1)
    return WorkingDays(weekdays=weekdays, holidays=tuple(found), days_off=extra)


def add_months(day: dt.date, months: int) -> dt.date:
    return day + relativedelta(months=months)
