"""The board API: the same scope as the page, no names in the rows."""

from django.urls import reverse

from nabij.audit.models import AuditEvent
from nabij.intake.tests.factories import RegistrationFactory


def test_board_api_lists_own_team_only(client_for, team, other_team, worker):
    mine = RegistrationFactory(team=team, safety_flag=True)
    RegistrationFactory(team=other_team)
    response = client_for(worker).get(reverse("registration-board-list"))
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["id"] for row in rows] == [mine.pk]
    assert rows[0]["safety_flag"] is True and "surname" not in rows[0]
    assert AuditEvent.objects.filter(event_type="registration.board", details__api=True).exists()


def test_board_api_other_team_is_404_and_no_role_is_403(client_for, team, other_team, worker, make_user):
    client = client_for(worker)
    assert client.get(reverse("registration-board-list"), {"team": other_team.pk}).status_code == 404
    assert client.get(reverse("registration-board-list"), {"team": "x"}).status_code == 404
    analyst = make_user("analyst", team)
    assert client_for(analyst).get(reverse("registration-board-list")).status_code == 403
