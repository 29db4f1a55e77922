"""Letters after the outcome: from the editable template, previewed, stored as sent, by
e-mail through the outbox (a failed send loses nothing) or printed."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from nabij.core.models import OutgoingEmail
from nabij.documents.models import LetterTemplate
from nabij.intake.models import Outcome, RegistrationLetter
from nabij.intake.services import letters, meeting
from nabij.intake.tests.factories import RegistrationFactory


@pytest.fixture
def decided(team, coordinator, worker):
    registration = RegistrationFactory(team=team, given_names="Fictieve", surname="Testpersoon")
    meeting.outcome_record(
        actor=coordinator,
        registration=registration,
        kind=Outcome.Kind.CORE_DECISION,
        interventions="Fictief",
        goal="Fictief doel",
        intended_result="Fictief",
        assigned_worker=worker,
    )
    return registration


def test_templates_ensured_without_overwriting_edits(db):
    from nabij.intake.letter_templates import letter_templates_ensure

    LetterTemplate.objects.filter(key=letters.LETTER_OUTCOME).update(subject="Fictief bewerkt")
    LetterTemplate.objects.filter(key=letters.LETTER_NEXT_STEPS).delete()
    assert letter_templates_ensure() == 1
    assert LetterTemplate.objects.get(key=letters.LETTER_OUTCOME).subject == "Fictief bewerkt"
    assert LetterTemplate.objects.filter(key=letters.LETTER_NEXT_STEPS).exists()


def test_draft_names_contact_person_and_follows_template_edits(decided, worker):
    draft = letters.letter_draft(decided)
    assert draft.kind == RegistrationLetter.Kind.NEXT_STEPS
    assert worker.get_full_name() in draft.body and decided.reference in draft.subject
    LetterTemplate.objects.filter(key=letters.LETTER_NEXT_STEPS).update(body="Fictief aangepast: {{ contactpersoon }}")
    assert letters.letter_draft(decided).body == f"Fictief aangepast: {worker.get_full_name()}"


def test_draft_for_other_outcome_uses_outcome_template(team, coordinator):
    registration = RegistrationFactory(team=team)
    meeting.outcome_record(
        actor=coordinator,
        registration=registration,
        kind="doorverwijzing",
        reason="Fictief: jonger dan 18.",
        redirect_target="jeugdteam",
    )
    draft = letters.letter_draft(registration)
    assert draft.kind == RegistrationLetter.Kind.OUTCOME and "Jeugdteam" in draft.body


def test_send_email_queues_and_survives_failing_backend(
    decided, coordinator, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "nabij.intake.tests.test_meeting_letters.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        letter = letters.letter_send(
            actor=coordinator,
            registration=decided,
            kind=RegistrationLetter.Kind.NEXT_STEPS,
            medium=RegistrationLetter.Medium.EMAIL,
            recipient="Fictieve Testpersoon",
            email_address="fictief@example.invalid",
            subject="Fictief onderwerp",
            body="Fictieve tekst zoals verstuurd.",
        )
    letter.refresh_from_db()
    assert letter.body == "Fictieve tekst zoals verstuurd."
    email = OutgoingEmail.objects.get(pk=letter.email_id)
    assert email.attempts == 1 and email.status == OutgoingEmail.Status.PENDING  # kept for the retry
    assert email.last_error == "ConnectionError"


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionError("mail server down (test)")


def test_send_validates(decided, coordinator):
    with pytest.raises(ValidationError) as error:
        letters.letter_send(
            actor=coordinator,
            registration=decided,
            kind=RegistrationLetter.Kind.NEXT_STEPS,
            medium=RegistrationLetter.Medium.EMAIL,
            recipient="",
            email_address="geen-adres",
            subject="",
            body=" ",
        )
    assert {"recipient", "email_address", "subject", "body"} <= set(error.value.error_dict)
    assert not RegistrationLetter.objects.exists()


def test_letter_page_preview_edit_and_print(client_for, decided, coordinator, worker):
    client = client_for(coordinator)
    url = reverse("intake:letter", kwargs={"pk": decided.pk})
    body = client.get(url).content.decode()
    assert worker.get_full_name() in body  # the preview carries the contact person
    response = client.post(
        url,
        {
            "kind": "vervolg",
            "medium": "brief",
            "recipient": "Fictieve Testpersoon",
            "subject": "Fictief onderwerp",
            "body": "Fictief, door de coördinator aangepast.",
        },
    )
    letter = RegistrationLetter.objects.get()
    assert response["Location"] == reverse("intake:letter_print", kwargs={"pk": decided.pk, "letter_id": letter.pk})
    assert "Fictief, door de coördinator aangepast." in client.get(response["Location"]).content.decode()
    detail = client.get(reverse("intake:registration", kwargs={"pk": decided.pk})).content.decode()
    assert "Fictief onderwerp" in detail


def test_letter_page_without_outcome_explains(client_for, team, coordinator):
    registration = RegistrationFactory(team=team)
    body = client_for(coordinator).get(reverse("intake:letter", kwargs={"pk": registration.pk})).content.decode()
    assert "neem eerst een besluit" in body
