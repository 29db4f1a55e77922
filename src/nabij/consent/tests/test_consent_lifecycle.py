"""Consent lifecycle (record, withdraw, expire), exchange grounds, the case tab, the worklist hook."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from nabij.audit.models import AuditEvent
from nabij.cases.models import CaseEvent
from nabij.cases.tests.factories import CaseFactory
from nabij.consent import selectors, services
from nabij.consent.models import AnonymousConsultation, Consent, Ground, InformationExchange

pytestmark = pytest.mark.django_db
TODAY = date.today()


@pytest.fixture
def case(team, worker):
    return CaseFactory(team=team, contact_person=worker)


def exchange_consent(actor, case, party="Huisartsenpraktijk De Waard", **kwargs):
    return services.consent_record(
        actor=actor,
        resident=case.primary_resident,
        case=case,
        purpose=Consent.Purpose.EXCHANGE,
        form=Consent.Form.SIGNED,
        given_at=kwargs.pop("given_at", TODAY - timedelta(days=10)),
        party=party,
        **kwargs,
    )


def test_record_withdraw_and_status(worker, case):
    consent = exchange_consent(worker, case, valid_until=TODAY + timedelta(days=100))
    assert consent.status() == Consent.Status.ACTIVE
    services.consent_withdraw(actor=worker, consent=consent, note="Per e-mail ingetrokken")
    consent.refresh_from_db()
    assert consent.status() == Consent.Status.WITHDRAWN and consent.withdrawn_by == worker
    assert AuditEvent.objects.filter(event_type="consent.withdraw", resident_id=case.primary_resident_id).exists()
    assert CaseEvent.objects.filter(case=case, kind="consent").count() == 2
    with pytest.raises(ValidationError):
        services.consent_withdraw(actor=worker, consent=consent)


def test_other_team_cannot_record_or_withdraw(worker, other_worker, case):
    with pytest.raises(PermissionDenied):
        exchange_consent(other_worker, case)
    consent = exchange_consent(worker, case)
    with pytest.raises(PermissionDenied):
        services.consent_withdraw(actor=other_worker, consent=consent)
    assert AuditEvent.objects.filter(user=other_worker, event_outcome="denied").count() == 2


def test_end_date_before_start_is_refused(worker, case):
    with pytest.raises(ValidationError) as error:
        exchange_consent(worker, case, valid_until=TODAY - timedelta(days=20))
    assert "valid_until" in error.value.message_dict


def test_expiry_is_recorded_once(worker, case):
    consent = exchange_consent(worker, case, given_at=TODAY - timedelta(days=40), valid_until=TODAY - timedelta(days=1))
    assert consent.status() == Consent.Status.EXPIRED
    assert services.consents_expire_due() == 1
    assert services.consents_expire_due() == 0
    assert AuditEvent.objects.filter(event_type="consent.expire", participant_object_id=str(consent.pk)).count() == 1


def test_exchange_on_consent_must_match_party_and_be_in_force(worker, case):
    consent = exchange_consent(worker, case)
    with pytest.raises(ValidationError) as error:
        services.exchange_record(
            actor=worker,
            case=case,
            party="Zorgverzekeraar",
            purpose="Declaratie",
            ground=Ground.CONSENT,
            consent=consent,
            exchanged_on=TODAY,
        )
    assert "consent" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.exchange_record(
            actor=worker,
            case=case,
            party=consent.party,
            purpose="Overleg",
            ground=Ground.CONSENT,
            consent=consent,
            exchanged_on=TODAY - timedelta(days=30),  # before it was given
        )
    exchange = services.exchange_record(
        actor=worker,
        case=case,
        party=consent.party.upper(),
        purpose="Overleg medicatie",
        ground=Ground.CONSENT,
        consent=consent,
        exchanged_on=TODAY,
    )
    assert exchange.consent == consent
    event = AuditEvent.objects.get(event_type="consent.exchange")
    assert event.details == {"ground": "consent", "consent_id": consent.pk}


def test_other_grounds_need_a_reason(worker, case):
    for ground in (Ground.LEGAL_TASK, Ground.VITAL_INTEREST):
        with pytest.raises(ValidationError) as error:
            services.exchange_record(
                actor=worker, case=case, party="Veilig Thuis", purpose="Melding", ground=ground, exchanged_on=TODAY
            )
        assert "reason" in error.value.message_dict
    services.exchange_record(
        actor=worker,
        case=case,
        party="Veilig Thuis",
        purpose="Melding",
        ground=Ground.VITAL_INTEREST,
        reason="Meldcode stap 5: acute onveiligheid",
        exchanged_on=TODAY,
    )
    with pytest.raises(ValidationError) as error:
        services.exchange_record(actor=worker, case=case, party="X", purpose="Y", ground="", exchanged_on=TODAY)
    assert "anoniem consult" in str(error.value.message_dict["ground"])


def test_ground_status_beside_each_involvement(worker, case, django_assert_num_queries):
    exchange_consent(worker, case, party="Huisarts")
    services.exchange_record(
        actor=worker,
        case=case,
        party="Veilig Thuis",
        purpose="Melding",
        ground=Ground.VITAL_INTEREST,
        reason="Meldcode",
        exchanged_on=TODAY,
    )
    with django_assert_num_queries(2):
        status = selectors.ground_status_for_parties(case, ["Huisarts", "veilig thuis", "Woningcorporatie"])
    assert status["Huisarts"].code == Ground.CONSENT
    assert status["veilig thuis"].code == Ground.VITAL_INTEREST
    assert not status["Woningcorporatie"].has_ground


def test_expiring_consents_for_the_worklist(worker, other_worker, case):
    soon = exchange_consent(worker, case, valid_until=TODAY + timedelta(days=10))
    exchange_consent(worker, case, party="Later", valid_until=TODAY + timedelta(days=90))
    withdrawn = exchange_consent(worker, case, party="Weg", valid_until=TODAY + timedelta(days=5))
    services.consent_withdraw(actor=worker, consent=withdrawn)
    assert list(selectors.consents_expiring_for_user(worker, within_days=30)) == [soon]
    assert list(selectors.consents_expiring_for_user(other_worker)) == []


def test_anonymous_consultation_links_no_resident(worker, team, other_team):
    consultation = services.anonymous_consultation_record(
        actor=worker, team=team, party="GGZ", topic="Vraag over aanpak verslaving", consulted_on=TODAY
    )
    assert not hasattr(consultation, "resident")
    assert AuditEvent.objects.get(event_type="consent.anonymous_consultation").resident_id is None
    with pytest.raises(PermissionDenied):
        services.anonymous_consultation_record(
            actor=worker, team=other_team, party="GGZ", topic="x", consulted_on=TODAY
        )
    assert AnonymousConsultation.objects.count() == 1


def test_case_tab_access_and_partial(client_for, worker, other_worker, case):
    exchange_consent(worker, case)
    url = reverse("consent:case_tab", args=[case.pk])
    page = client_for(worker).get(url)
    assert page.status_code == 200 and "Huisartsenpraktijk De Waard" in page.content.decode()
    partial = client_for(worker).get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and 'id="consent-tab"' in partial
    assert client_for(other_worker).get(url).status_code == 404
    assert AuditEvent.objects.filter(event_type="consent.view", event_outcome="denied", user=other_worker).exists()


def test_case_tab_query_count_is_flat(client_for, worker, case, django_assert_max_num_queries):
    exchange_consent(worker, case)
    client = client_for(worker)
    url = reverse("consent:case_tab", args=[case.pk])
    client.get(url)
    with django_assert_max_num_queries(12) as one:  # PostgreSQL; SQLite one fewer
        client.get(url)
    for i in range(6):
        exchange_consent(worker, case, party=f"Partij {i}")
        services.exchange_record(
            actor=worker,
            case=case,
            party=f"P{i}",
            purpose="Overleg",
            ground=Ground.LEGAL_TASK,
            reason="Wmo",
            exchanged_on=TODAY,
        )
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(url)


def test_forms_record_and_keep_input_on_error(client_for, worker, case):
    client = client_for(worker)
    url = reverse("consent:consent_create", args=[case.pk])
    response = client.post(
        url,
        {
            "resident": case.primary_resident_id,
            "purpose": "exchange",
            "form": "oral",
            "given_at": TODAY.strftime("%d-%m-%Y"),
            "party": "Huisarts Jansen",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200 and "mondelinge toestemming" in body and "Huisarts Jansen" in body
    response = client.post(
        url,
        {
            "resident": case.primary_resident_id,
            "purpose": "exchange",
            "form": "signed",
            "given_at": TODAY.strftime("%d-%m-%Y"),
            "party": "Huisarts Jansen",
        },
    )
    assert response.status_code == 302
    consent = Consent.objects.get()
    response = client.post(
        reverse("consent:exchange_create", args=[case.pk]),
        {
            "party": "Huisarts Jansen",
            "purpose": "Overleg",
            "direction": "outgoing",
            "ground": "consent",
            "consent": consent.pk,
            "exchanged_on": TODAY.strftime("%d-%m-%Y"),
        },
    )
    assert response.status_code == 302
    assert InformationExchange.objects.get().consent == consent
    response = client.post(reverse("consent:consent_withdraw", args=[consent.pk]), {"note": "Mondeling"})
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None


def test_consent_api_is_scoped(client_for, worker, other_worker, case):
    exchange_consent(worker, case)
    assert len(client_for(worker).get("/api/consents/").json()["results"]) == 1
    assert client_for(other_worker).get("/api/consents/").json()["results"] == []
