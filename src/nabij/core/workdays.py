"""Working-day arithmetic for norms such as "first contact within 5 working days".

Weekends and Dutch public holidays (via the `holidays` package) are not working days.
Liberation Day (5 May) counts as a holiday only in lustrum years, as in most collective
agreements; `holidays` follows that rule.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _dutch_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("NL", years=year).keys())


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _dutch_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (start itself not counted)."""
    if days < 0:
        raise ValueError("days must be >= 0")
    current = start
    remaining = days
    while remaining:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (negative if end < start)."""
    if end < start:
        return -working_days_between(end, start)
    # Weekdays by arithmetic (whole weeks, then the rest), minus the holidays on weekdays in
    # (start, end]: constant work per year spanned, not per day (board rows of years-old waits).
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    weekdays = weeks * 5 + sum(1 for n in range(1, rest + 1) if (start + timedelta(days=weeks * 7 + n)).weekday() < 5)
    holidays_on_weekdays = sum(
        1
        for year in range(start.year, end.year + 1)
        for day in _dutch_holidays(year)
        if start < day <= end and day.weekday() < 5
    )
    return weekdays - holidays_on_weekdays
