from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from nabij.core.workdays import add_working_days, is_working_day, working_days_between


def test_weekends_and_dutch_holidays_are_skipped():
    assert not is_working_day(date(2026, 12, 25))  # Eerste Kerstdag
    assert not is_working_day(date(2026, 12, 26))  # Tweede Kerstdag (Saturday anyway)
    assert not is_working_day(date(2026, 4, 27))  # Koningsdag, a Monday
    assert not is_working_day(date(2026, 4, 6))  # Tweede Paasdag
    assert is_working_day(date(2026, 11, 23))


def test_first_contact_norm_across_christmas():
    # Registered on Wednesday 23 Dec 2026; 5 working days: 24, 28, 29, 30, 31 Dec.
    assert add_working_days(date(2026, 12, 23), 5) == date(2026, 12, 31)
    # Across New Year: Thursday 31 Dec + 1 → Friday 1 Jan is a holiday → Monday 4 Jan.
    assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)


def test_friday_plus_one_is_monday():
    assert add_working_days(date(2026, 11, 20), 1) == date(2026, 11, 23)


@settings(deadline=None)  # the first call loads a year's holidays
@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)), st.integers(min_value=0, max_value=40))
def test_add_and_count_are_inverse(start, days):
    end = add_working_days(start, days)
    assert working_days_between(start, end) == days
    assert end >= start
    if days:
        assert is_working_day(end)


def test_between_is_antisymmetric():
    a, b = date(2026, 1, 5), date(2026, 2, 5)
    assert working_days_between(b, a) == -working_days_between(a, b)
    assert working_days_between(a, a + timedelta(days=7)) == 5


@settings(deadline=None)
@given(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
    st.integers(min_value=-800, max_value=4000),
)
def test_counting_agrees_with_walking_day_by_day(start, span):
    """The arithmetic count (weeks, rest, holidays) equals the plain definition, over years."""
    end = start + timedelta(days=span)
    low, high = sorted((start, end))
    walked = sum(1 for n in range(1, (high - low).days + 1) if is_working_day(low + timedelta(days=n)))
    assert working_days_between(start, end) == (walked if end >= start else -walked)
