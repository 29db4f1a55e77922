"""The functional admin manages teams, areas and users in the Django admin; edits are audited."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from nabij.accounts.models import Team, User
from nabij.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(db):
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return User.objects.get(username="beheerder")


def test_functional_admin_edits_a_team_and_it_is_audited(client_for, beheerder):
    client = client_for(beheerder)
    team = Team.objects.get(name="Wijkteam Numansdorp")
    assert client.get(reverse("admin:accounts_team_changelist")).status_code == 200
    response = client.post(
        reverse("admin:accounts_team_change", args=[team.pk]),
        {
            "name": team.name,
            "kind": team.kind,
            "email": "numansdorp@demo.nabij.example",
            "phone": "0186 000 111",
            "is_active": "on",
            "areas": [a.pk for a in team.areas.all()],
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    team.refresh_from_db()
    assert team.phone == "0186 000 111"
    event = AuditEvent.objects.get(event_type="admin.team.change")
    assert event.participant_object_id == str(team.pk)
    assert "phone" in event.details["fields"]


def test_worker_has_no_admin(client_for, worker):
    response = client_for(worker).get(reverse("admin:index"))
    assert response.status_code == 302  # to the login page: not staff


def test_admin_login_goes_through_our_login(client):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/beheer/login/" in response.url or "/inloggen/" in response.url
