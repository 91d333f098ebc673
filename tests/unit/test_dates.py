import datetime as dt

from pipeline.dates import add_months, working_days_between


def test_tm_om_period_has_70_weekdays_and_67_working_days() -> None:
    wd = working_days_between(dt.date(2022, 3, 7), dt.date(2022, 6, 10))
    assert wd.weekdays == 70
    assert [name for _, name in wd.holidays] == ["Paasmaandag", "O. L. H. Hemelvaart", "Pinkstermaandag"]
    assert wd.count() == 67
    assert wd.count(count_public_holidays=True) == 70


def test_days_off_are_not_counted_twice_with_holidays() -> None:
    wd = working_days_between(dt.date(2022, 4, 18), dt.date(2022, 4, 22),
                              days_off=[dt.date(2022, 4, 18), dt.date(2022, 4, 19), dt.date(2022, 4, 23)])
    assert (wd.weekdays, len(wd.holidays), wd.days_off, wd.count()) == (5, 1, 1, 3)


def test_weekend_only_period_has_no_working_days() -> None:
    assert working_days_between(dt.date(2024, 2, 10), dt.date(2024, 2, 11)).count() == 0


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(dt.date(2024, 12, 31), -2) == dt.date(2024, 10, 31)
    assert add_months(dt.date(2025, 3, 31), -1) == dt.date(2025, 2, 28)
