from datetime import date, datetime, timedelta

from django.template.defaultfilters import date as date_filter

from nabij.core.date_text import day_text, day_time_text


def test_day_text_is_what_the_date_filter_writes():
    days = [date(2026, 1, 1) + timedelta(days=n) for n in range(0, 800, 7)] + [date(999, 3, 4), date(2026, 12, 31)]
    for day in days:
        assert day_text(day) == date_filter(day, "j-n-Y")


def test_day_time_text_is_what_the_date_filter_writes():
    start = datetime(2026, 1, 1, 0, 0)
    for n in range(0, 60 * 24 * 40, 97):
        moment = start + timedelta(minutes=n)
        assert day_time_text(moment) == date_filter(moment, "j-n-Y H:i")
