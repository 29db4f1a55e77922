"""Linking a web/API registration to a known resident from the registration page: the
"Bekend?" matches (no dossier content outside the scope), link and unlink POST-only and
audited, a fixed number of queries, and the case-open page pointing to the link."""

from datetime import date

import pytest
from django.urls import reverse

from nabij.audit.models import AuditEvent
from nabij.cases.tests.factories import CaseFactory, ContactMomentFactory
from nabij.intake.models import Channel, Outcome
from nabij.intake.tests.factories import OutcomeFactory, RegistrationFactory
from nabij.residents.tests.factories import HouseholdFactory, ResidentFactory

pytestmark = pytest.mark.django_db

BIRTH = date(1961, 4, 5)


def _known(team, *, surname="Geheimhouder", given="Verborgen", house_number=7):
    resident = ResidentFactory(
        given_names=given,
        surname=surname,
        birth_date=BIRTH,
        household=HouseholdFactory(postcode="3262 AB", house_number=house_number),
    )
    case = CaseFactory(primary_resident=resident, team=team)
    ContactMomentFactory(case=case, text="Dossierinhoud die niemand buiten het team mag zien")
    return resident


def _web_registration(team, **extra):
    values = {"channel": Channel.WEB, "surname": "Geheimhouder", "birth_date": BIRTH, "postcode": "3262 AB"}
    return RegistrationFactory(team=team, **{**values, **extra})


def _page(registration):
    return reverse("intake:registration", kwargs={"pk": registration.pk})


def test_registration_page_shows_matches_without_dossier_content(client_for, team, other_team, worker):
    elsewhere = _known(other_team)
    registration = _web_registration(team)
    body = client_for(worker).get(_page(registration)).content.decode()
    assert f"bekend bij {other_team.name}" in body
    assert "Verborgen" not in body and "Dossierinhoud" not in body
    assert f'value="{elsewhere.pk}"' in body
    assert "Koppelen aan de gekozen inwoner" in body
    assert "Niet koppelen" not in body  # the door's choice; here the case-open page confirms
    event = AuditEvent.objects.get(event_type="registration.known_lookup")
    assert event.details == {
        "criteria": ["birth_date", "house_number", "postcode", "surname"],
        "in_scope": 0,
        "elsewhere": 1,
    }


def test_link_and_unlink_are_post_only_and_audited(client_for, team, other_team, worker):
    resident = _known(other_team)
    registration = _web_registration(team)
    client = client_for(worker)
    link = reverse("intake:registration_link", kwargs={"pk": registration.pk})
    unlink = reverse("intake:registration_unlink", kwargs={"pk": registration.pk})
    assert client.get(link).status_code == 405
    response = client.post(link, {"resident": resident.pk})
    assert response.status_code == 302 and response.url.endswith("#bekend")
    registration.refresh_from_db()
    assert registration.resident_id == resident.pk
    assert AuditEvent.objects.filter(
        event_type="registration.link", participant_object_id=str(registration.pk)
    ).exists()
    body = client.get(_page(registration)).content.decode()
    assert "Koppeling ongedaan maken" in body
    assert client.get(unlink).status_code == 405
    client.post(unlink)
    registration.refresh_from_db()
    assert registration.resident_id is None
    assert AuditEvent.objects.filter(event_type="registration.unlink").count() == 1


def test_link_refuses_a_resident_not_offered(client_for, team, other_team, worker):
    stranger = ResidentFactory(surname="Ander", birth_date=date(1990, 1, 1))
    registration = _web_registration(team)
    response = client_for(worker).post(
        reverse("intake:registration_link", kwargs={"pk": registration.pk}), {"resident": stranger.pk}, follow=True
    )
    registration.refresh_from_db()
    assert registration.resident_id is None
    assert "Kies een inwoner uit de lijst" in response.content.decode()
    assert not AuditEvent.objects.filter(event_type="registration.link").exists()


def test_other_team_cannot_link(client_for, team, other_team, other_worker):
    resident = _known(other_team)
    registration = _web_registration(team)
    response = client_for(other_worker).post(
        reverse("intake:registration_link", kwargs={"pk": registration.pk}), {"resident": resident.pk}
    )
    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.resident_id is None


def test_link_is_fixed_once_the_case_is_open(team, other_team, coordinator):
    from django.core.exceptions import ValidationError

    from nabij.intake.services.registrations import registration_unlink

    registration = _web_registration(team, resident=_known(other_team), case=CaseFactory(team=team))
    with pytest.raises(ValidationError):
        registration_unlink(actor=coordinator, registration=registration)


def test_registration_page_query_count_fixed_1_vs_many_matches(
    client_for, team, other_team, worker, django_assert_max_num_queries
):
    registration = _web_registration(team)
    _known(other_team)
    client = client_for(worker)
    client.get(_page(registration))
    with django_assert_max_num_queries(25) as one:
        assert client.get(_page(registration)).content.decode().count('name="resident"') == 1
    for i in range(8):
        _known(other_team if i % 2 else team, given=f"Tweeling{i}", house_number=20 + i)
    with django_assert_max_num_queries(25) as many:
        assert client.get(_page(registration)).content.decode().count('name="resident"') == 9
    assert len(one.captured_queries) == len(many.captured_queries)


def test_case_open_refusal_points_to_the_link(client_for, team, other_team, coordinator, worker):
    _known(other_team)
    registration = _web_registration(team)
    OutcomeFactory(registration=registration, kind=Outcome.Kind.CORE_DECISION, assigned_worker=worker, reason="")
    response = client_for(coordinator).post(
        reverse("intake:case_open", kwargs={"pk": registration.pk}),
        {"consent_form": "oral", "consent_given_on": "1-1-2026", "consent_note": "Fictief akkoord."},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Koppel de aanmelding aan de bekende inwoner" in body
    assert f'href="{_page(registration)}#bekend"' in body
    registration.refresh_from_db()
    assert registration.case_id is None
