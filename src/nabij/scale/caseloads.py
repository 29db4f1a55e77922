"""Rebuilding the pre-aggregated caseloads (see models.TeamCaseload)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from nabij.accounts.models import Team
from nabij.cases import worklist
from nabij.cases.models import Case
from nabij.cases.selectors import WORKLIST_CASE_FIELDS
from nabij.scale.models import TeamCaseload

FRESH_FOR = timedelta(minutes=15)  # the task runs every 10 minutes; one missed run is tolerated
CHUNK = 2000  # open cases per round of worklist providers


def count_team(team_id: int, *, today) -> dict:
    """{worker id or None: {"open", "overdue", "due"}} for one team, as team_caseloads counts."""
    loads: dict = {}
    cases = list(Case.objects.filter(team_id=team_id, closed_at__isnull=True).only(*WORKLIST_CASE_FIELDS))
    for start in range(0, len(cases), CHUNK):
        for row in worklist.collect(cases[start : start + CHUNK], today=today):
            entry = loads.setdefault(row.case.contact_person_id, {"open": 0, "overdue": 0, "due": 0})
            entry["open"] += 1
            for item in row.items:
                level = item.urgency(today)[0]
                if level == 0:
                    entry["overdue"] += 1
                elif level == 1:
                    entry["due"] += 1
    return loads


def refresh(*, team_ids=None) -> int:
    """Recompute every active team's rows (one transaction per team). Returns the rows written."""
    today, now = timezone.localdate(), timezone.now()
    teams = Team.objects.filter(is_active=True)
    if team_ids is not None:
        teams = teams.filter(pk__in=team_ids)
    written = 0
    for team_id in teams.values_list("pk", flat=True):
        loads = count_team(team_id, today=today) or {None: {"open": 0, "overdue": 0, "due": 0}}
        with transaction.atomic():
            TeamCaseload.objects.filter(team_id=team_id).delete()
            TeamCaseload.objects.bulk_create(
                TeamCaseload(team_id=team_id, worker_id=worker, refreshed_at=now, **counts)
                for worker, counts in loads.items()
            )
        written += len(loads)
    return written
