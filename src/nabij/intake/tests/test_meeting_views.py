"""The board, the registration page and the action pages: access, audit, query counts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from nabij.audit.models import AuditEvent
from nabij.cases.models import Case
from nabij.intake.models import Channel, Outcome, Registration, Urgency
from nabij.intake.selectors.registrations import registration_get_for_user
from nabij.intake.tests.factories import OutcomeFactory, RegistrationFactory, TriageFactory
from nabij.residents.tests.factories import ResidentFactory


def test_chokepoint_404_for_other_team_and_missing_and_audits(team, worker, other_worker):
    from django.http import Http404

    registration = RegistrationFactory(team=team)
    assert registration_get_for_user(worker, registration.pk) == registration
    assert AuditEvent.objects.filter(
        event_type="registration.view", participant_object_id=str(registration.pk), event_outcome="success"
    ).exists()
    for user, pk in [(other_worker, registration.pk), (worker, registration.pk + 999)]:
        with pytest.raises(Http404):
            registration_get_for_user(user, pk)
    assert AuditEvent.objects.filter(event_type="registration.view", event_outcome="denied").count() == 2


def test_other_team_gets_404_on_every_page(client_for, team, other_worker):
    registration = RegistrationFactory(team=team)
    client = client_for(other_worker)
    for name in ["registration", "first_contact", "triage", "outcome", "case_open", "letter"]:
        assert client.get(reverse(f"intake:{name}", kwargs={"pk": registration.pk})).status_code == 404, name


def test_board_shows_own_team_sorted_and_marked(client_for, team, other_team, worker):
    today = timezone.localdate()
    old = RegistrationFactory(
        team=team,
        received_at=timezone.now() - timedelta(days=20),
        first_contact_due=today - timedelta(days=3),
        channel=Channel.WEB,
    )
    crisis = RegistrationFactory(team=team, urgency=Urgency.CRISIS, safety_flag=True)
    young = RegistrationFactory(team=team, birth_date=today - timedelta(days=365 * 12))
    closed = RegistrationFactory(team=team, status=Registration.Status.CLOSED)
    elsewhere = RegistrationFactory(team=other_team)
    body = client_for(worker).get(reverse("intake:board")).content.decode()
    assert body.index(crisis.reference) < body.index(old.reference)  # acute first, then the oldest
    assert closed.reference not in body and elsewhere.reference not in body
    assert "Te laat" in body  # overdue stated in text, not colour only
    assert "Zorgen over veiligheid" in body
    # Under the age limit by the birth date told, even when the door did not flag it.
    row = body[body.index(young.reference) :]
    assert row.index("Minderjarig: voor jeugdteam") < row.index("</tr>")
    assert body.count("Minderjarig: voor jeugdteam") == 1
    assert "Webformulier" in body
    event = AuditEvent.objects.get(event_type="registration.board", participant_object_id=str(team.pk))
    assert set(event.details["registration_ids"]) == {old.pk, crisis.pk, young.pk}


def test_board_shows_the_most_urgent_first_rows_and_counts_them_all(client_for, team, worker, monkeypatch):
    """A team with more open registrations than the board shows: the count and the overdue
    count cover all of them; the rows are the most urgent and oldest."""
    from nabij.intake.selectors import registrations as selectors

    monkeypatch.setattr(selectors, "BOARD_LIMIT", 2)
    today = timezone.localdate()
    crisis = RegistrationFactory(team=team, urgency=Urgency.CRISIS)
    oldest = RegistrationFactory(
        team=team, received_at=timezone.now() - timedelta(days=30), first_contact_due=today - timedelta(days=9)
    )
    newest = RegistrationFactory(team=team, first_contact_due=today - timedelta(days=1))
    response = client_for(worker).get(reverse("intake:board"))
    body = response.content.decode()
    assert crisis.reference in body and oldest.reference in body and newest.reference not in body
    assert response.context["total"] == 3 and response.context["overdue_count"] == 2
    assert "Hieronder de eerste 2" in body


def test_board_follows_active_team(client_for, make_user, team, other_team):
    user = make_user("worker", team)
    from nabij.accounts.tests.factories import MembershipFactory

    MembershipFactory(user=user, team=other_team, role="coordinator")
    theirs = RegistrationFactory(team=other_team)
    client = client_for(user)
    client.post(reverse("accounts:switch_team"), {"team": other_team.pk, "next": "/"})
    assert theirs.reference in client.get(reverse("intake:board")).content.decode()


def test_board_refused_without_triage_view(client_for, make_user, team):
    analyst = make_user("analyst", team)
    assert client_for(analyst).get(reverse("intake:board")).status_code == 403


def _fill(team, n, worker):
    today = timezone.localdate()
    for i in range(n):
        resident = ResidentFactory() if i % 2 else None
        registration = RegistrationFactory(
            team=team,
            resident=resident,
            urgency=[Urgency.NORMAL, Urgency.HIGH, Urgency.CRISIS][i % 3],
            first_contact_due=today - timedelta(days=i % 4),
            status=Registration.Status.TRIAGED if i % 3 else Registration.Status.NEW,
        )
        if i % 3:
            TriageFactory(registration=registration)
        if i % 5 == 0:
            OutcomeFactory(
                registration=registration,
                kind=Outcome.Kind.CORE_DECISION,
                assigned_worker=worker,
                reason="",
            )


@pytest.mark.parametrize("page", ["intake:board", "intake:waiting_list"])
def test_board_query_count_fixed_1_vs_many(client_for, team, coordinator, worker, page, django_assert_max_num_queries):
    from nabij.intake.models import WaitingListEntry

    client = client_for(coordinator)
    _fill(team, 1, worker)
    WaitingListEntry.objects.create(
        registration=RegistrationFactory(team=team, status="wachtlijst"), team=team, placed_at=timezone.now()
    )
    client.get(reverse(page))
    with django_assert_max_num_queries(10) as one:
        client.get(reverse(page))
    _fill(team, 40, worker)
    for _ in range(10):
        WaitingListEntry.objects.create(
            registration=RegistrationFactory(team=team, status="wachtlijst"), team=team, placed_at=timezone.now()
        )
    with django_assert_max_num_queries(10) as many:
        response = client.get(reverse(page))
    assert response.status_code == 200
    assert len(one.captured_queries) == len(many.captured_queries)


def test_detail_page_audited_and_shows_what_was_told(client_for, team, worker):
    registration = RegistrationFactory(team=team, question="Fictief: hulp bij post en rekeningen.")
    response = client_for(worker).get(reverse("intake:registration", kwargs={"pk": registration.pk}))
    body = response.content.decode()
    assert "Fictief: hulp bij post en rekeningen." in body
    assert "Triage vastleggen" not in body  # a worker does not decide
    assert AuditEvent.objects.filter(
        event_type="registration.view", participant_object_id=str(registration.pk)
    ).exists()


def test_worker_refused_on_decision_pages(client_for, team, worker):
    registration = RegistrationFactory(team=team)
    client = client_for(worker)
    for name in ["triage", "outcome", "case_open", "letter"]:
        assert client.get(reverse(f"intake:{name}", kwargs={"pk": registration.pk})).status_code == 403, name


def test_walk_triage_outcome_case_through_pages(client_for, team, coordinator, worker):
    registration = RegistrationFactory(team=team)
    client = client_for(coordinator)
    url = lambda name: reverse(f"intake:{name}", kwargs={"pk": registration.pk})  # noqa: E731
    response = client.post(url("triage"), {"scope": "meervoudig", "urgency": "hoog", "safety_flag": "on"})
    body = response.content.decode()
    assert response.status_code == 200 and "Er is iets niet goed ingevuld" in body
    assert "Beschrijf de zorg over de veiligheid" in body
    response = client.post(
        url("triage"),
        {"scope": "meervoudig", "urgency": "hoog", "safety_flag": "on", "safety_persons": "Fictief: agressie."},
    )
    assert response.status_code == 302
    # Outcome: a worker of another team is not offered; an empty kernbesluit is explained per field.
    response = client.post(url("outcome"), {"kind": "kernbesluit", "goal": "Fictief doel"})
    body = response.content.decode()
    assert "Beschrijf de voorgestelde interventies." in body and "Fictief doel" in body  # typed text stays
    response = client.post(
        url("outcome"),
        {
            "kind": "kernbesluit",
            "interventions": "Fictief",
            "goal": "Fictief doel",
            "intended_result": "Fictief",
            "assigned_worker": worker.pk,
        },
    )
    assert response.status_code == 302
    response = client.post(url("case_open"), {"consent_form": "oral", "consent_given_on": "1-1-2026"})
    assert "Schrijf bij mondelinge toestemming op" in response.content.decode()
    response = client.post(
        url("case_open"), {"consent_form": "oral", "consent_given_on": "1-1-2026", "consent_note": "Fictief, 9:00."}
    )
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("cases:detail", args=[case.pk])
    assert case.contact_person == worker
    # The worker's worklist shows it.
    assert case.reference in client_for(worker).get(reverse("cases:worklist")).content.decode()


def test_first_contact_page(client_for, team, worker):
    registration = RegistrationFactory(team=team)
    client = client_for(worker)
    url = reverse("intake:first_contact", kwargs={"pk": registration.pk})
    response = client.post(url, {"date": "nonsens", "time": "10:00"})
    assert "Vul een datum in zoals 15-3-2026." in response.content.decode()
    now = timezone.localtime()
    response = client.post(url, {"date": now.strftime("%d-%m-%Y"), "time": "00:00", "note": "Fictief gebeld."})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.first_contact_by == worker


def test_concurrent_triage_edit_is_detected_and_text_kept(client_for, team, coordinator):
    registration = RegistrationFactory(team=team)
    TriageFactory(registration=registration, triaged_by=coordinator)
    client = client_for(coordinator)
    url = reverse("intake:triage", kwargs={"pk": registration.pk})
    first = {"version": 1, "scope": "meervoudig", "urgency": "normaal", "provisional_approach": "Fictief: eerste."}
    assert client.post(url, first).status_code == 302
    second = {**first, "provisional_approach": "Fictief: tweede, gebaseerd op de oude versie."}
    body = client.post(url, second).content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in body
    assert "Fictief: tweede, gebaseerd op de oude versie." in body
    registration.triage.refresh_from_db()
    assert registration.triage.provisional_approach == "Fictief: eerste."


def test_intake_pages_link_to_each_other(client_for, worker, make_user, team):
    board = client_for(worker).get(reverse("intake:board")).content.decode()
    for name in ["intake:staff_new", "intake:signals", "intake:waiting_list"]:
        assert f'href="{reverse(name)}"' in board, name
    assert 'aria-current="page"' in board
    for name in ["intake:signals", "intake:staff_new", "intake:waiting_list"]:
        assert f'href="{reverse("intake:board")}"' in client_for(worker).get(reverse(name)).content.decode(), name
