"""Norms for first contact: working days per urgency, per team, with a default.

Dutch public holidays are skipped (`core.workdays`). A team's own row in FirstContactNorm
beats the default row (team empty); without either, DEFAULT_WORKING_DAYS applies.
"""

from datetime import date, timedelta

from django.db.models import Q

from nabij.core.workdays import add_working_days, is_working_day

from .models import FirstContactNorm, Urgency

# Used when the functional admin has set nothing: acute the same day, high in 2, else 5.
DEFAULT_WORKING_DAYS = {Urgency.CRISIS: 0, Urgency.HIGH: 2, Urgency.NORMAL: 5}


def norm_working_days(team, urgency: str) -> int:
    """The number of working days for `urgency` at `team` (team may be None). One query."""
    scope = Q(team__isnull=True) if team is None else Q(team=team) | Q(team__isnull=True)
    days_by_team = dict(FirstContactNorm.objects.filter(scope, urgency=urgency).values_list("team_id", "working_days"))
    if team is not None and team.pk in days_by_team:
        return days_by_team[team.pk]
    if None in days_by_team:
        return days_by_team[None]
    return DEFAULT_WORKING_DAYS[Urgency(urgency)]


def first_contact_due(*, team, urgency: str, received_on: date) -> date:
    """The last day for first contact. A registration received on a non-working day counts
    from the next working day; 0 days means the same (working) day."""
    start = received_on
    while not is_working_day(start):
        start += timedelta(days=1)
    return add_working_days(start, norm_working_days(team, urgency))
