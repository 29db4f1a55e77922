"""A redirect to a team in Nabij lands on that team's board as a new registration that points
back; a redirect to an outside agency (or to a kind of team Nabij does not have) just closes."""

import pytest
from django.urls import reverse

from nabij.accounts.tests.factories import TeamFactory
from nabij.audit.models import AuditEvent
from nabij.intake.models import Outcome, Registration
from nabij.intake.services import meeting
from nabij.intake.tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def _redirect(coordinator, registration, **values):
    return meeting.outcome_record(
        actor=coordinator,
        registration=registration,
        kind=Outcome.Kind.REDIRECT,
        reason="Fictief: past daar beter.",
        **values,
    )


def test_redirect_to_the_youth_team_lands_on_its_board(client_for, make_user, team, coordinator):
    youth = TeamFactory(name="Jeugdteam Test", kind="jeugd")
    registration = RegistrationFactory(team=team, question="Fictief: zorgen om een kind.")
    outcome = _redirect(coordinator, registration, redirect_target=Outcome.RedirectTarget.YOUTH_TEAM)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CLOSED
    assert outcome.redirect_team == youth
    new = Registration.objects.get(redirected_from=registration)
    assert (new.team, new.status, new.question) == (youth, Registration.Status.NEW, registration.question)
    assert new.reference != registration.reference and new.first_contact_due is not None
    event = AuditEvent.objects.get(event_type="registration.outcome", participant_object_id=str(registration.pk))
    assert event.details["redirected_to"] == new.pk
    assert AuditEvent.objects.filter(event_type="registration.create", participant_object_id=str(new.pk)).exists()

    youth_worker = make_user("coordinator", youth)
    board = client_for(youth_worker).get(reverse("intake:board")).content.decode()
    assert new.reference in board and f"Doorverwezen door {team.name}" in board
    page = client_for(youth_worker).get(reverse("intake:registration", kwargs={"pk": new.pk})).content.decode()
    assert registration.reference in page and "Fictief: past daar beter." in page
    # The first team keeps its own closed registration, with where it went.
    own = client_for(coordinator).get(reverse("intake:registration", kwargs={"pk": registration.pk})).content.decode()
    assert new.reference in own and youth.name in own


def test_redirect_to_another_wijkteam(team, other_team, coordinator):
    registration = RegistrationFactory(team=team)
    _redirect(coordinator, registration, redirect_target=Outcome.RedirectTarget.OTHER_TEAM, redirect_team=other_team)
    assert Registration.objects.get(redirected_from=registration).team == other_team


@pytest.mark.parametrize("target", ["instantie", "bemoeizorg"])
def test_outside_agency_or_missing_team_just_closes(team, coordinator, target):
    registration = RegistrationFactory(team=team)
    _redirect(coordinator, registration, redirect_target=target, redirect_agency="Fictieve instantie")
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CLOSED
    assert not Registration.objects.filter(redirected_from=registration).exists()
