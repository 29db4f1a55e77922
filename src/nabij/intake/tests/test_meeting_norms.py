"""First-contact norms in working days, across Dutch public holidays, as triage applies them."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nabij.intake import norms
from nabij.intake.models import FirstContactNorm, Urgency
from nabij.intake.services import meeting
from nabij.intake.tests.factories import RegistrationFactory

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    ("received", "urgency", "expected"),
    [
        # Wed 23-12-2026, 5 days: Thu 24 (1), Fri 25 Christmas, Sat/Sun, 28 (2), 29, 30, 31 (5).
        (date(2026, 12, 23), Urgency.NORMAL, date(2026, 12, 31)),
        # Thu 24-12-2026, 5 days: 28, 29, 30, 31, Fri 1-1-2027 New Year, Mon 4-1 (5).
        (date(2026, 12, 24), Urgency.NORMAL, date(2027, 1, 4)),
        # Mon 26-4-2027, 2 days: Tue 27 King's Day, Wed 28 (1), Thu 29 (2).
        (date(2027, 4, 26), Urgency.HIGH, date(2027, 4, 29)),
        # Received on King's Day itself (Tue 27-4-2027), acute: counts from the next working day.
        (date(2027, 4, 27), Urgency.CRISIS, date(2027, 4, 28)),
        # Received on a Saturday, acute: Monday.
        (date(2026, 11, 21), Urgency.CRISIS, date(2026, 11, 23)),
        # Second Christmas Day falls on a Saturday in 2026; Friday 25th received: count from Mon 28.
        (date(2026, 12, 25), Urgency.HIGH, date(2026, 12, 30)),
    ],
)
def test_default_norm_across_holidays(db, received, urgency, expected):
    assert norms.first_contact_due(team=None, urgency=urgency, received_on=received) == expected


def test_team_norm_beats_default(db, team, other_team):
    FirstContactNorm.objects.create(team=None, urgency=Urgency.NORMAL, working_days=10)
    FirstContactNorm.objects.create(team=team, urgency=Urgency.NORMAL, working_days=3)
    received = date(2026, 12, 23)
    assert norms.first_contact_due(team=team, urgency=Urgency.NORMAL, received_on=received) == date(2026, 12, 29)
    # The other team has no own row: the default of 10 working days.
    assert norms.first_contact_due(team=other_team, urgency=Urgency.NORMAL, received_on=received) == date(2027, 1, 8)


def test_triage_urgency_change_recomputes_due_date(team, coordinator):
    registration = RegistrationFactory(team=team, received_at=datetime(2026, 12, 23, 10, tzinfo=AMS))
    meeting.triage_record(actor=coordinator, registration=registration, scope="meervoudig", urgency=Urgency.NORMAL)
    assert registration.first_contact_due == date(2026, 12, 31)
    triage = registration.triage
    meeting.triage_record(
        actor=coordinator,
        registration=registration,
        scope="meervoudig",
        urgency=Urgency.HIGH,
        expected_version=triage.version,
    )
    assert registration.urgency == Urgency.HIGH
    assert registration.first_contact_due == date(2026, 12, 28)


@settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    received=st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
    urgency=st.sampled_from(list(Urgency)),
)
def test_due_date_is_a_working_day_exactly_the_norm_away(db, received, urgency):
    from nabij.core.workdays import is_working_day, working_days_between

    due = norms.first_contact_due(team=None, urgency=urgency, received_on=received)
    assert is_working_day(due) and due >= received
    start = received
    while not is_working_day(start):
        start += timedelta(days=1)
    assert working_days_between(start, due) == norms.DEFAULT_WORKING_DAYS[urgency]
