"""API: residents, households, cases, contact moments under the same access rules."""

import pytest
from django.urls import reverse
from django.utils import timezone

from nabij.audit.models import AuditEvent
from nabij.cases import services
from nabij.cases.models import ContactMoment
from nabij.cases.tests.factories import CaseFactory, ContactMomentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(team, worker):
    return CaseFactory(team=team, contact_person=worker)


@pytest.fixture
def foreign(other_team):
    return CaseFactory(team=other_team)


def test_residents_in_scope_only(client_for, worker, case, foreign):
    client = client_for(worker)
    ids = [row["id"] for row in client.get(reverse("resident-list")).json()["results"]]
    assert ids == [case.primary_resident_id]
    assert client.get(reverse("resident-detail", args=[case.primary_resident_id])).status_code == 200
    assert client.get(reverse("resident-detail", args=[foreign.primary_resident_id])).status_code == 404
    assert AuditEvent.objects.filter(event_type="resident.view", event_outcome="denied").count() == 1


def test_bsn_only_masked_in_api(client_for, worker, case):
    resident = case.primary_resident
    resident.set_bsn("111222333")
    resident.save()
    data = client_for(worker).get(reverse("resident-detail", args=[resident.pk])).json()
    assert data["bsn_masked"] == "•••••2333" and "111222333" not in str(data)


def test_households_in_scope_only(client_for, worker, case, foreign):
    client = client_for(worker)
    ids = [row["id"] for row in client.get(reverse("household-list")).json()["results"]]
    assert ids == [case.household_id]
    assert client.get(reverse("household-detail", args=[foreign.household_id])).status_code == 404
    assert client.get(reverse("household-detail", args=["abc"])).status_code == 404


def test_contact_moments_api_scope_and_restriction(client_for, worker, make_user, team, case, foreign):
    ContactMomentFactory(case=case, author=worker, text="open")
    ContactMomentFactory(case=foreign, text="buiten")
    colleague = make_user("worker", team)
    ContactMomentFactory(case=case, author=colleague, restricted=True, text="afgeschermd")
    third = make_user("worker", team)
    texts = {row["text"] for row in client_for(third).get(reverse("contactmoment-list")).json()["results"]}
    assert texts == {"open"}
    texts = {
        row["text"]
        for row in client_for(worker).get(reverse("contactmoment-list"), {"case": case.pk}).json()["results"]
    }
    assert texts == {"open", "afgeschermd"}  # the worker is the contact person


def test_contact_moment_create_via_api(client_for, worker, case, foreign):
    client = client_for(worker)
    payload = {
        "case": case.pk,
        "occurred_at": timezone.now().isoformat(),
        "kind": "telefoon",
        "core_task": "monitoren",
        "minutes": 15,
        "text": "Telefonisch contact.",
    }
    response = client.post(reverse("contactmoment-list"), payload, content_type="application/json")
    assert response.status_code == 201, response.content
    assert ContactMoment.objects.get().author == worker
    payload["case"] = foreign.pk
    assert client.post(reverse("contactmoment-list"), payload, content_type="application/json").status_code == 404


def test_contact_moment_detail_other_team_404(client_for, other_worker, case, worker):
    moment = services.contact_moment_create(
        actor=worker, case=case, occurred_at=timezone.now(), kind="telefoon", core_task="monitoren", minutes=5, text="x"
    )
    assert client_for(other_worker).get(reverse("contactmoment-detail", args=[moment.pk])).status_code == 404
    assert client_for(worker).get(reverse("contactmoment-detail", args=[moment.pk])).status_code == 200


@pytest.mark.parametrize("role", ["analyst", "privacy_officer"])
def test_non_case_roles_see_nothing(client_for, make_user, team, case, role):
    client = client_for(make_user(role, team))
    for name in ["resident-list", "household-list", "case-list", "contactmoment-list"]:
        assert client.get(reverse(name)).json()["results"] == []
