"""The staff entry screen and its "Bekend?" panel: matches without dossier content, within the
access policy; one audit event per lookup with the criteria used, never their values; a fixed
number of queries; no silent duplicates."""

from datetime import date

import pytest
from django.urls import reverse

from nabij.audit.models import AuditEvent
from nabij.cases.tests.factories import CaseFactory, ContactMomentFactory
from nabij.intake.models import Registration
from nabij.residents.tests.factories import HouseholdFactory, ResidentFactory

pytestmark = pytest.mark.django_db

LOOKUP = "/aanmeldingen/bekend/"
NEW = "/aanmeldingen/nieuw/"


def _known_elsewhere(other_team, *, surname="Geheimhouder", contact=None):
    resident = ResidentFactory(
        given_names="Verborgen",
        surname=surname,
        birth_date=date(1961, 4, 5),
        household=HouseholdFactory(postcode="3262 AB", house_number=7),
    )
    case = CaseFactory(primary_resident=resident, team=other_team, contact_person=contact)
    ContactMomentFactory(case=case, text="Dossierinhoud die niemand buiten het team mag zien")
    return resident, case


def test_url_names():
    assert reverse("intake:known_lookup") == LOOKUP
    assert reverse("intake:staff_new") == NEW


def test_match_in_another_team_shows_team_contact_and_date_only(client_for, worker, other_team, make_user):
    contact = make_user("worker", other_team, first_name="Cora", last_name="Contactpersoon")
    resident, case = _known_elsewhere(other_team, contact=contact)
    response = client_for(worker).post(LOOKUP, {"surname": "Geheimhouder", "birth_date": "5-4-1961"})
    html = response.content.decode()
    assert response.status_code == 200
    assert other_team.name in html
    assert "Cora Contactpersoon" in html
    assert case.opened_at.strftime("%-d-%-m-%Y") in html
    assert "Dossierinhoud" not in html
    assert "Verborgen" not in html  # no name outside the worker's scope
    assert f'value="{resident.pk}"' in html  # but it can be linked


def test_match_in_own_team_shows_the_name(client_for, worker, team):
    resident = ResidentFactory(given_names="Zichtbaar", surname="Eigenteam", birth_date=date(1980, 1, 2))
    CaseFactory(primary_resident=resident, team=team)
    html = client_for(worker).post(LOOKUP, {"surname": "Eigenteam", "birth_date": "2-1-1980"}).content.decode()
    assert "Zichtbaar" in html


def test_bsn_lookup_and_no_match_message(client_for, worker, other_team):
    resident, _case = _known_elsewhere(other_team)
    resident.set_bsn("111222333") if hasattr(resident, "set_bsn") else None
    resident.save()
    client = client_for(worker)
    html = client.post(LOOKUP, {"bsn": "111222333"}).content.decode()
    assert other_team.name in html
    html = client.post(LOOKUP, {"surname": "Onbekend", "birth_date": "1-1-1999"}).content.decode()
    assert "Niet bekend" in html


def test_one_audit_event_per_lookup_with_criteria_names_not_values(client_for, worker, other_team):
    _known_elsewhere(other_team)
    client = client_for(worker)
    before = AuditEvent.objects.filter(event_type="registration.known_lookup").count()
    client.post(
        LOOKUP, {"surname": "Geheimhouder", "birth_date": "5-4-1961", "postcode": "3262ab", "house_number": "7"}
    )
    events = AuditEvent.objects.filter(event_type="registration.known_lookup")
    assert events.count() == before + 1
    event = events.order_by("-pk").first()
    assert event.details["criteria"] == ["birth_date", "house_number", "postcode", "surname"]
    text = str(event.details)
    assert "Geheimhouder" not in text and "1961" not in text and "3262" not in text
    # Too little typed: no lookup, no event.
    client.post(LOOKUP, {"surname": "Ge"})
    assert AuditEvent.objects.filter(event_type="registration.known_lookup").count() == before + 1


def test_lookup_needs_registration_rights(client_for, make_user, team):
    analyst = make_user("analyst", team)
    assert client_for(analyst).post(LOOKUP, {"surname": "X"}).status_code == 403


def test_lookup_query_count_is_fixed(client_for, worker, other_team, django_assert_max_num_queries):
    client = client_for(worker)
    _known_elsewhere(other_team)
    data = {"postcode": "3262 AB", "house_number": "7"}
    client.post(LOOKUP, data)  # warm up: the session's first touch and the grants cache
    with django_assert_max_num_queries(16) as one:
        client.post(LOOKUP, data)
    household = HouseholdFactory(postcode="3262 AB", house_number=7)
    for n in range(8):
        resident = ResidentFactory(
            surname=f"Huisgenoot{n}",
            household=household if n % 2 else HouseholdFactory(postcode="3262 AB", house_number=7),
        )
        if n % 3 == 0:
            CaseFactory(primary_resident=resident, team=other_team)
    with django_assert_max_num_queries(16) as many:
        client.post(LOOKUP, data)
    assert len(many.captured_queries) == len(one.captured_queries)


def _staff_post(**overrides):
    data = {
        "channel_field": "telefoon",
        "reporter_kind": "zelf",
        "given_names": "Beller",
        "surname": "Geheimhouder",
        "birth_date": "5-4-1961",
        "question": "Belt over geldzorgen (fictief).",
        "urgency": "normaal",
        "agreement": "ja",
    }
    data.update(overrides)
    return data


def test_staff_screen_is_one_keyboard_friendly_form(client_for, worker):
    html = client_for(worker).get(NEW).content.decode()
    assert 'value="telefoon"' in html and "checked" in html.split('value="telefoon"')[1][:40]
    assert (
        "autofocus" in html.split('name="given_names"')[1][:200]
        or "autofocus" in html.split('name="given_names"')[0][-200:]
    )
    assert "data-ctrl-enter" in html
    assert 'hx-trigger="input changed delay:600ms' in html


def test_with_matches_on_screen_the_worker_must_choose(client_for, worker, other_team, team):
    resident, _case = _known_elsewhere(other_team)
    client = client_for(worker)
    response = client.post(NEW, _staff_post())
    assert response.status_code == 200
    assert "mogelijk al bekend" in response.content.decode()
    assert not Registration.objects.exists()
    response = client.post(NEW, _staff_post(resident=str(resident.pk)))
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.resident == resident
    assert registration.team == team
    assert registration.created_by == worker


def test_not_linking_is_an_explicit_choice(client_for, worker, other_team):
    _known_elsewhere(other_team)
    response = client_for(worker).post(NEW, _staff_post(resident="nieuw"))
    assert response.status_code == 302
    assert Registration.objects.get().resident is None


def test_a_resident_id_not_among_the_matches_is_refused(client_for, worker, other_team):
    _known_elsewhere(other_team)
    stranger = ResidentFactory(surname="Vreemde", birth_date=date(1990, 1, 1))
    response = client_for(worker).post(NEW, _staff_post(resident=str(stranger.pk)))
    assert response.status_code == 200
    assert not Registration.objects.exists()


def test_staff_entry_for_a_minor_warns_for_the_youth_team(client_for, worker):
    response = client_for(worker).post(
        NEW, _staff_post(surname="Jong", birth_date="1-1-2015", resident="nieuw"), follow=True
    )
    assert "jeugdteam" in response.content.decode()
    assert Registration.objects.get().is_minor


def test_staff_entry_bad_input_keeps_typed_text(client_for, worker):
    response = client_for(worker).post(NEW, _staff_post(bsn="123", question="Mijn getypte tekst"))
    html = response.content.decode()
    assert "Dit is geen geldig BSN" in html and "Mijn getypte tekst" in html
    assert not Registration.objects.exists()


def test_no_javascript_lookup_button_rerenders_with_the_panel(client_for, worker, other_team):
    _known_elsewhere(other_team)
    response = client_for(worker).post(NEW, _staff_post(lookup="1"))
    html = response.content.decode()
    assert other_team.name in html and "Geheimhouder" in html  # typed text kept
    assert not Registration.objects.exists()


def test_after_save_redirect_goes_to_the_registration_page_when_present(client_for, worker):
    from django.urls import NoReverseMatch

    response = client_for(worker).post(NEW, _staff_post(surname="Nieuw", resident="nieuw"))
    registration = Registration.objects.get()
    try:
        expected = reverse("intake:registration", kwargs={"pk": registration.pk})
    except NoReverseMatch:
        try:
            expected = reverse("intake:board")
        except NoReverseMatch:
            expected = reverse("intake:staff_new")
    assert response["Location"] == expected


def test_lookup_criteria_never_travel_in_a_url(client_for, worker):
    client = client_for(worker)
    assert client.get(LOOKUP, {"surname": "Geheimhouder"}).status_code == 405
    html = client.get(NEW).content.decode()
    assert 'hx-post="/aanmeldingen/bekend/"' in html and "hx-get" not in html


@pytest.mark.parametrize("hostile", ["<script>alert(1)</script>", "\x00", "x" * 5000, "١٢٣٤ AB", "Ｆｉｃｔｉｅｆ"])
def test_hostile_lookup_input_is_harmless(client_for, worker, hostile):
    client = client_for(worker)
    response = client.post(
        LOOKUP,
        {"surname": hostile, "birth_date": hostile, "postcode": hostile, "house_number": hostile, "bsn": hostile},
    )
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_staff_can_enter_when_an_email_came_in(client_for, worker):
    from datetime import timedelta

    from django.utils import timezone

    yesterday = timezone.localtime() - timedelta(days=1)
    data = _staff_post(channel_field="email", received_at=yesterday.strftime("%d-%m-%Y 09:15"))
    client_for(worker).post(NEW, data)
    registration = Registration.objects.get(channel="email")
    assert timezone.localtime(registration.received_at).date() == yesterday.date()
    assert timezone.localtime(registration.received_at).strftime("%H:%M") == "09:15"
    tomorrow = (timezone.localtime() + timedelta(days=1)).strftime("%d-%m-%Y 09:15")
    html = client_for(worker).post(NEW, _staff_post(channel_field="email", received_at=tomorrow)).content.decode()
    assert "kan niet in de toekomst liggen" in html
