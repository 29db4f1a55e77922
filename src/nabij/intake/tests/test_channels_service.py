"""registration_create for every channel: validation, routing, reference, youth flag, BSN,
norms, audit without personal data, and the confirmation e-mail that may fail."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from nabij.audit.models import AuditEvent
from nabij.core.models import OutgoingEmail
from nabij.intake import routing
from nabij.intake.models import Channel, Registration, RegistrationLetter
from nabij.intake.services.registrations import (
    registration_create,
    registration_link_resident,
    registration_unlink,
)
from nabij.intake.tests.factories_channels import area_tree, web_fields
from nabij.residents.tests.factories import HouseholdFactory, ResidentFactory

pytestmark = pytest.mark.django_db


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down (test)")


def test_web_registration_is_routed_by_postcode_to_the_team_of_the_wijk(team, other_team):
    _wijk, buurt = area_tree(team=team)
    registration = registration_create(channel=Channel.WEB, **web_fields())
    assert registration.team == team
    assert registration.area == buurt
    assert registration.postcode == "3262 AA"
    assert registration.created_by is None
    assert registration.reference.startswith(f"A-{timezone.localdate().year}-")


def test_reference_numbers_count_up_and_say_nothing_about_the_person(team):
    first = registration_create(channel=Channel.WEB, **web_fields())
    second = registration_create(channel=Channel.WEB, **web_fields(surname="Anders"))
    year = timezone.localdate().year
    assert first.reference == f"A-{year}-00001"
    assert second.reference == f"A-{year}-00002"


def test_team_that_covers_the_buurt_itself_wins_over_the_wijk_team(team, other_team):
    _wijk, buurt = area_tree(team=other_team)
    team.areas.add(buurt)
    assert routing.team_for_area(buurt) == team


def test_linked_residents_household_area_wins_over_the_postcode(team, other_team):
    area_tree(team=team, digits="3262")
    _wijk, buurt = area_tree(team=other_team, digits="3271")
    resident = ResidentFactory(household=HouseholdFactory(area=buurt))
    team_found, area = routing.route(postcode="3262 AA", resident=resident)
    assert (team_found, area) == (other_team, buurt)


def test_unknown_postcode_goes_to_the_fallback_team_from_settings(team, other_team, settings):
    settings.NABIJ_INTAKE_FALLBACK_TEAM = other_team.name
    registration = registration_create(channel=Channel.WEB, **web_fields(postcode="9999 ZZ"))
    assert registration.team == other_team
    settings.NABIJ_INTAKE_FALLBACK_TEAM = ""
    registration = registration_create(channel=Channel.WEB, **web_fields(postcode="9999 ZZ"))
    assert registration.team == min([team, other_team], key=lambda t: t.name)


def test_staff_entry_without_area_defaults_to_the_workers_team(worker, team, other_team):
    registration = registration_create(
        channel=Channel.PHONE, actor=worker, **web_fields(postcode="", house_number=None, phone="", email="")
    )
    assert registration.team == team
    assert registration.created_by == worker


def test_staff_may_not_file_for_a_team_they_are_not_in(worker, other_team):
    with pytest.raises(PermissionDenied):
        registration_create(channel=Channel.PHONE, actor=worker, team=other_team, **web_fields())


def test_staff_channels_need_registration_rights(make_user, team):
    analyst = make_user("analyst", team)
    with pytest.raises(PermissionDenied):
        registration_create(channel=Channel.PHONE, actor=analyst, **web_fields())
    assert not Registration.objects.exists()
    assert AuditEvent.objects.filter(event_type="registration.create", event_outcome="denied").exists()


def test_under_the_age_limit_is_flagged_for_the_youth_team(team, settings):
    today = timezone.localdate()
    child = registration_create(channel=Channel.WEB, **web_fields(birth_date=date(today.year - 15, 1, 1)))
    adult = registration_create(channel=Channel.WEB, **web_fields(birth_date=date(today.year - 30, 1, 1)))
    assert child.is_minor and not adult.is_minor
    settings.NABIJ_YOUTH_AGE_LIMIT = 23
    young_adult = registration_create(channel=Channel.WEB, **web_fields(birth_date=date(today.year - 21, 1, 1)))
    assert young_adult.is_minor


def test_bsn_is_stored_encrypted(worker, team):
    registration = registration_create(channel=Channel.PHONE, actor=worker, **web_fields(bsn="1112.22.333"))
    assert registration.get_bsn() == "111222333"
    assert "111222333" not in registration.bsn_encrypted
    with pytest.raises(ValidationError) as error:
        registration_create(channel=Channel.PHONE, actor=worker, **web_fields(bsn="123456789"))
    assert "bsn" in error.value.message_dict


def test_first_contact_due_follows_the_norm_in_working_days(team):
    registration = registration_create(channel=Channel.WEB, urgency="hoog", **web_fields())
    from nabij.intake.norms import first_contact_due

    assert registration.first_contact_due == first_contact_due(
        team=team, urgency="hoog", received_on=timezone.localdate(registration.received_at)
    )


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"question": "   "}, "question"),
        ({"postcode": "12345"}, "postcode"),
        ({"postcode": ""}, "postcode"),
        ({"house_number": 0}, "house_number"),
        ({"birth_date": date.today() + timedelta(days=2)}, "birth_date"),
        ({"birth_date": date(1850, 1, 1)}, "birth_date"),
        ({"email": "geen-adres", "phone": ""}, "email"),
        ({"surname": "", "given_names": ""}, "surname"),
        ({"phone": "", "email": ""}, "phone"),
        ({"reporter_kind": "naaste"}, "reporter_name"),
        ({"reporter_kind": "professional", "reporter_name": "Dr. Test"}, "reporter_organisation"),
        ({"life_domains": ["bestaat-niet"]}, "life_domains"),
        ({"urgency": "heel-erg"}, "urgency"),
        ({"question": "x" * 5001}, "question"),
    ],
)
def test_bad_input_gives_a_message_on_the_field(team, overrides, field):
    with pytest.raises(ValidationError) as error:
        registration_create(channel=Channel.WEB, **web_fields(**overrides))
    assert field in error.value.message_dict
    assert not Registration.objects.exists()


def test_audit_event_holds_no_personal_data(team):
    registration = registration_create(channel=Channel.WEB, **web_fields(bsn="", birth_date=date(1970, 5, 6)))
    event = AuditEvent.objects.get(event_type="registration.create")
    assert event.participant_object_id == str(registration.pk)
    text = str(event.details)
    for personal in ["Fictief", "Testpersoon", "0612345678", "voorbeeld.nl", "3262", "1970", "schulden"]:
        assert personal not in text


def test_confirmation_email_is_queued_and_kept_on_file(team, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        registration = registration_create(channel=Channel.WEB, **web_fields())
    letter = RegistrationLetter.objects.get(registration=registration)
    assert letter.kind == RegistrationLetter.Kind.CONFIRMATION
    assert letter.medium == RegistrationLetter.Medium.EMAIL
    assert registration.reference in letter.body
    assert letter.email.status == OutgoingEmail.Status.SENT
    assert mailoutbox[0].to == ["testpersoon@voorbeeld.nl"]


def test_confirmation_goes_to_the_reporter_when_someone_else_registers(
    team, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(
            channel=Channel.WEB,
            **web_fields(reporter_kind="naaste", reporter_name="Buurvrouw Test", reporter_email="buur@voorbeeld.nl"),
        )
    assert [m.to for m in mailoutbox] == [["buur@voorbeeld.nl"]]


def test_a_failing_mail_server_does_not_lose_the_registration(team, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "nabij.intake.tests.test_channels_service.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        registration = registration_create(channel=Channel.WEB, **web_fields())
    assert Registration.objects.filter(pk=registration.pk).exists()
    email = OutgoingEmail.objects.get(related_id=str(registration.pk))
    assert email.status != OutgoingEmail.Status.SENT
    assert email.last_error == "ConnectionRefusedError"
    assert RegistrationLetter.objects.filter(registration=registration, email=email).exists()


def test_web_without_email_keeps_the_screen_confirmation(team):
    registration = registration_create(channel=Channel.WEB, **web_fields(email=""))
    letter = registration.letters.get()
    assert letter.medium == RegistrationLetter.Medium.SCREEN and letter.email is None


def test_link_and_unlink_a_known_resident(worker, team):
    resident = ResidentFactory(surname="Fictief", birth_date=date(1970, 1, 1))
    registration = registration_create(channel=Channel.PHONE, actor=worker, **web_fields(birth_date=date(1970, 1, 1)))
    registration_link_resident(actor=worker, registration=registration, resident=resident)
    registration.refresh_from_db()
    assert registration.resident == resident and registration.version == 2
    assert AuditEvent.objects.filter(event_type="registration.link", resident_id=resident.pk).exists()
    registration_unlink(actor=worker, registration=registration)
    registration.refresh_from_db()
    assert registration.resident is None


def test_link_refuses_a_resident_who_does_not_match_and_is_out_of_scope(worker, team):
    stranger = ResidentFactory(surname="Anders", birth_date=date(1980, 2, 2))
    registration = registration_create(channel=Channel.PHONE, actor=worker, **web_fields())
    with pytest.raises(ValidationError):
        registration_link_resident(actor=worker, registration=registration, resident=stranger)
    with pytest.raises(ValidationError):
        registration_create(channel=Channel.PHONE, actor=worker, resident=stranger, **web_fields())


def test_link_needs_rights_in_the_registrations_team(worker, other_worker, team):
    resident = ResidentFactory(surname="Fictief", birth_date=date(1970, 1, 1))
    registration = registration_create(channel=Channel.PHONE, actor=worker, **web_fields(birth_date=date(1970, 1, 1)))
    with pytest.raises(PermissionDenied):
        registration_link_resident(actor=other_worker, registration=registration, resident=resident)


def test_references_continue_after_registrations_made_before_the_counter(team):
    """The counter (core.references) is seeded from the references already in the table."""
    from nabij.core.models import ReferenceCounter

    first = registration_create(channel=Channel.WEB, **web_fields())
    ReferenceCounter.objects.all().delete()  # as on a database filled before the counter existed
    second = registration_create(channel=Channel.WEB, **web_fields(surname="Tweede"))
    assert int(second.reference.rsplit("-", 1)[1]) == int(first.reference.rsplit("-", 1)[1]) + 1
    assert Registration.objects.count() == 2


def test_outside_channels_need_the_surname_as_the_web_form_does():
    from django.core.exceptions import ValidationError

    from nabij.intake.services.registrations import registration_validate

    with pytest.raises(ValidationError) as error:
        registration_validate(
            channel="api",
            reporter_kind="zelf",
            given_names="Alleen",
            phone="0612345678",
            postcode="3262 AB",
            house_number=1,
            question="Fictief.",
        )
    assert "surname" in error.value.message_dict
