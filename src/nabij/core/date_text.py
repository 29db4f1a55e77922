"""Dates as the templates write them (`|date:"j-n-Y"` and `|date:"j-n-Y H:i"`), for pages that
build many rows in Python (the case timeline): the date filter costs tens of microseconds a
call, once per row. Tested against the filter itself (core/tests/test_date_text.py)."""

from datetime import date, datetime


def day_text(day: date) -> str:
    """`|date:"j-n-Y"`: 4-3-2026. A datetime must already be in local time."""
    return f"{day.day}-{day.month}-{day.year:04d}"


def day_time_text(moment: datetime) -> str:
    """`|date:"j-n-Y H:i"`: 4-3-2026 09:05. `moment` must already be in local time."""
    return f"{moment.day}-{moment.month}-{moment.year:04d} {moment.hour:02d}:{moment.minute:02d}"
