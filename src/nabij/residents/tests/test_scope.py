"""Which residents and households a user may list: those of households with a case of their
team, or of a case they opened by a valid emergency access (residents.selectors.
household_ids_in_scope, the two ways in read as a UNION so each comes from its own index)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from nabij.cases.models import EmergencyAccess
from nabij.cases.tests.factories import CaseFactory
from nabij.residents.selectors import household_list_for_user, resident_list_for_user
from nabij.residents.tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def test_lists_hold_the_team_households_and_those_opened_by_a_valid_emergency_access(
    team, other_team, worker, other_worker
):
    own = CaseFactory(primary_resident=ResidentFactory(surname="Eigenteam"), team=team, contact_person=worker)
    other = CaseFactory(
        primary_resident=ResidentFactory(surname="Anderteam"), team=other_team, contact_person=other_worker
    )
    expired = CaseFactory(primary_resident=ResidentFactory(surname="Verlopen"), team=other_team)

    def listed():
        return (
            sorted(r.surname for r in resident_list_for_user(worker)),
            sorted(h.pk for h in household_list_for_user(worker)),
        )

    assert listed() == (["Eigenteam"], [own.household_id])
    now = timezone.now()
    EmergencyAccess.objects.create(
        user=worker, case=expired, reason="Synthetisch", expires_at=now - timedelta(minutes=1)
    )
    EmergencyAccess.objects.create(
        user=other_worker, case=other, reason="Synthetisch", expires_at=now + timedelta(hours=1)
    )
    assert listed() == (["Eigenteam"], [own.household_id])  # expired, or someone else's
    EmergencyAccess.objects.create(user=worker, case=other, reason="Synthetisch", expires_at=now + timedelta(hours=1))
    assert listed() == (["Anderteam", "Eigenteam"], sorted([own.household_id, other.household_id]))


def test_a_user_without_a_team_or_access_lists_nobody(make_user, team, worker):
    CaseFactory(primary_resident=ResidentFactory(surname="Eigenteam"), team=team, contact_person=worker)
    analyst = make_user("analyst", team)
    assert list(resident_list_for_user(analyst)) == [] and list(household_list_for_user(analyst)) == []
