"""The coordinator's caseload counts come from the pre-aggregated table while it is fresh,
and equal the live count."""

from datetime import timedelta

import pytest
from django.utils import timezone

from nabij.cases import selectors
from nabij.cases.models import Phase
from nabij.cases.tests.factories import CaseFactory
from nabij.scale import caseloads
from nabij.scale.models import TeamCaseload
from nabij.scale.tasks import refresh_team_caseloads

pytestmark = pytest.mark.django_db


def _by_worker(rows):
    return {(r["worker"].pk if r["worker"] else None): (r["open"], r["overdue"], r["due"]) for r in rows}


def test_snapshot_equals_live_count_and_is_used_when_fresh(make_user, team, django_assert_num_queries):
    coordinator, worker = make_user("coordinator", team), make_user("worker", team)
    CaseFactory(team=team, contact_person=worker, first_contact_due=timezone.localdate() - timedelta(days=1))
    CaseFactory(team=team, contact_person=worker, phase=Phase.EXECUTION)
    CaseFactory(team=team, contact_person=None)
    live = _by_worker(selectors.team_caseloads(coordinator))
    assert live[worker.pk][0] == 2 and live[None][0] == 1
    refresh_team_caseloads.call_local()
    assert TeamCaseload.objects.filter(team=team).exists()
    CaseFactory(team=team, contact_person=worker)  # after the refresh: not counted until the next one
    with django_assert_num_queries(2):  # members, snapshot (no open cases, no providers)
        snap = _by_worker(selectors.team_caseloads(coordinator))
    assert snap == live
    caseloads.refresh()
    assert _by_worker(selectors.team_caseloads(coordinator))[worker.pk][0] == 3


def test_stale_or_missing_snapshot_falls_back_to_the_live_count(make_user, team, other_team):
    coordinator = make_user("coordinator", team)
    worker = make_user("worker", team)
    CaseFactory(team=team, contact_person=worker)
    caseloads.refresh(team_ids=[other_team.pk])  # not the coordinator's team: no rows for it
    assert _by_worker(selectors.team_caseloads(coordinator))[worker.pk][0] == 1
    caseloads.refresh()
    TeamCaseload.objects.filter(team=team).update(refreshed_at=timezone.now() - timedelta(hours=1))
    CaseFactory(team=team, contact_person=worker)
    assert _by_worker(selectors.team_caseloads(coordinator))[worker.pk][0] == 2
