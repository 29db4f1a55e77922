"""Signals: kept apart from registrations, team-scoped, closed with a reason, and turned into a
registration that remembers where it came from."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from nabij.audit.models import AuditEvent
from nabij.core.concurrency import ConcurrentEditError
from nabij.intake.models import Registration, Signal
from nabij.intake.services import signals as services
from nabij.intake.tests.factories_channels import SignalFactory

pytestmark = pytest.mark.django_db


def test_create_gives_a_reference_and_an_audit_event_without_content(worker, team):
    signal = services.signal_create(
        actor=worker, team=team, theme="Vervuiling", description="Tuin vol afval, bewoner niet gezien (fictief)."
    )
    assert signal.reference.startswith("S-") and signal.status == Signal.Status.OPEN
    event = AuditEvent.objects.get(event_type="signal.create")
    assert "afval" not in str(event.details)


def test_create_needs_rights_in_the_team(worker, other_team, make_user, team):
    with pytest.raises(PermissionDenied):
        services.signal_create(actor=worker, team=other_team, theme="X", description="Y")
    with pytest.raises(ValidationError):
        services.signal_create(actor=worker, team=team, theme=" ", description="\x00")


def test_list_is_team_scoped(client_for, worker, other_worker, team, other_team):
    own = SignalFactory(team=team, theme="Eigen thema")
    SignalFactory(team=other_team, theme="Ander thema")
    html = client_for(worker).get(reverse("intake:signals")).content.decode()
    assert own.reference in html and "Ander thema" not in html


def test_detail_of_another_team_is_404_and_audited(client_for, worker, other_team):
    signal = SignalFactory(team=other_team)
    assert client_for(worker).get(reverse("intake:signal", args=[signal.pk])).status_code == 404
    assert AuditEvent.objects.filter(event_type="signal.view", event_outcome="denied").exists()


def test_new_signal_page(client_for, worker, team):
    client = client_for(worker)
    response = client.post(
        reverse("intake:signal_new"),
        {
            "theme": "Eenzaamheid",
            "description": "Meneer komt de deur niet meer uit.",
            "source": "passief",
            "team": team.pk,
        },
    )
    signal = Signal.objects.get()
    assert response["Location"] == reverse("intake:signal", args=[signal.pk])
    response = client.post(reverse("intake:signal_new"), {"theme": "", "description": "", "team": team.pk})
    assert "Vul een thema in." in response.content.decode()


def test_close_with_a_reason_and_concurrency(client_for, worker, team):
    signal = SignalFactory(team=team)
    client = client_for(worker)
    response = client.post(reverse("intake:signal_close", args=[signal.pk]), {"version": signal.version, "reason": ""})
    assert "Vul een reden in." in response.content.decode()
    response = client.post(
        reverse("intake:signal_close", args=[signal.pk]), {"version": signal.version, "reason": "Bleek al geholpen"}
    )
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.status == Signal.Status.CLOSED and signal.closed_reason == "Bleek al geholpen"
    stale = SignalFactory(team=team)
    with pytest.raises(ConcurrentEditError):
        services.signal_close(actor=worker, signal=stale, reason="x", expected_version=stale.version + 5)


def test_make_registration_prefills_and_links(client_for, worker, team):
    signal = SignalFactory(
        team=team, description="Buren maken zich zorgen om mevrouw (fictief).", reported_by="Buurman"
    )
    client = client_for(worker)
    page = client.get(reverse("intake:signal_register", args=[signal.pk])).content.decode()
    assert "Buren maken zich zorgen om mevrouw" in page
    response = client.post(
        reverse("intake:signal_register", args=[signal.pk]),
        {
            "reporter_kind": "naaste",
            "reporter_name": "Buurman",
            "given_names": "Mevrouw",
            "surname": "Signaaltest",
            "question": "Buren maken zich zorgen om mevrouw (fictief).",
            "urgency": "normaal",
            "agreement": "nee",
        },
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.signal == signal and registration.channel == "signaal" and registration.team == team
    signal.refresh_from_db()
    assert signal.status == Signal.Status.REGISTERED
    # A signal turns into a registration once.
    again = client.get(reverse("intake:signal_register", args=[signal.pk]))
    assert again.status_code == 302


def test_signal_list_query_count_is_fixed(client_for, worker, team, django_assert_max_num_queries):
    client = client_for(worker)
    SignalFactory(team=team)
    client.get(reverse("intake:signals"))
    with django_assert_max_num_queries(14) as one:
        client.get(reverse("intake:signals"))
    for _ in range(15):
        SignalFactory(team=team)
    with django_assert_max_num_queries(14) as many:
        client.get(reverse("intake:signals"))
    assert len(one.captured_queries) == len(many.captured_queries)
