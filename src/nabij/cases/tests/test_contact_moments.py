"""Contact moments: registering, drafts (autosave), concurrent edits, history, restricted notes."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from nabij.audit.models import AuditEvent
from nabij.cases import services
from nabij.cases.models import CaseEvent, ContactMoment, ContactMomentDraft, ContactMomentRevision
from nabij.cases.tests.factories import CaseFactory, ContactMomentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(team, worker):
    return CaseFactory(team=team, contact_person=worker)


def _post_data(**overrides):
    now = timezone.localtime() - timedelta(hours=1)
    data = {
        "version": 1,
        "date": now.strftime("%d-%m-%Y"),
        "time": now.strftime("%H:%M"),
        "kind": "huisbezoek",
        "core_task": "vraagverheldering",
        "minutes": "50",
        "participants": "mevrouw en dochter",
        "text": "Gesprek aan de keukentafel over de post.",
    }
    data.update(overrides)
    return data


def test_register_contact_moment_lands_on_timeline(client_for, worker, case):
    client = client_for(worker)
    response = client.post(reverse("cases:contact_new", args=[case.pk]), _post_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:tab", args=[case.pk, "tijdlijn"])
    moment = ContactMoment.objects.get()
    assert moment.author == worker and moment.minutes == 50
    event = CaseEvent.objects.get(kind="contact")
    assert "Gesprek aan de keukentafel" not in event.summary  # the text is not copied into the line
    body = client.get(response["Location"]).content.decode()
    assert "Gesprek aan de keukentafel over de post." in body
    assert AuditEvent.objects.filter(event_type="contact.create", resident_id=case.primary_resident_id).exists()


def test_invalid_contact_moment_keeps_input_and_explains(client_for, worker, case):
    response = client_for(worker).post(
        reverse("cases:contact_new", args=[case.pk]), _post_data(minutes="veel", date="31-02-2026")
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Er is iets niet goed ingevuld" in body
    assert "Vul het aantal minuten in als getal" in body
    assert "Vul een datum in zoals" in body
    assert "Gesprek aan de keukentafel over de post." in body
    assert not ContactMoment.objects.exists()


def test_future_contact_moment_refused(client_for, worker, case):
    future = timezone.localtime() + timedelta(days=2)
    response = client_for(worker).post(
        reverse("cases:contact_new", args=[case.pk]),
        _post_data(date=future.strftime("%d-%m-%Y"), time=future.strftime("%H:%M")),
    )
    assert "kan niet in de toekomst liggen" in response.content.decode()


def test_other_team_cannot_register(client_for, other_worker, case):
    response = client_for(other_worker).post(reverse("cases:contact_new", args=[case.pk]), _post_data())
    assert response.status_code == 404
    assert not ContactMoment.objects.exists()


def test_coordinator_of_team_may_register_but_not_other_roles(make_user, team, case):
    coordinator = make_user("coordinator", team)
    services.contact_moment_create(
        actor=coordinator,
        case=case,
        occurred_at=timezone.now(),
        kind="telefoon",
        core_task="regievoeren",
        minutes=10,
        text="Kort overleg.",
    )
    with pytest.raises(PermissionDenied):
        services.contact_moment_create(
            actor=make_user("privacy_officer", team),
            case=case,
            occurred_at=timezone.now(),
            kind="telefoon",
            core_task="regievoeren",
            minutes=10,
            text="Mag niet.",
        )
    assert AuditEvent.objects.filter(event_type="contact.create", event_outcome="denied").count() == 1


def test_draft_autosave_and_restore(client_for, worker, case):
    client = client_for(worker)
    url = reverse("cases:contact_draft", args=[case.pk])
    response = client.post(
        url, {"text": "Halve zin die nog", "minutes": "", "kind": "telefoon"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "Concept opgeslagen om" in response.content.decode()
    draft = ContactMomentDraft.objects.get()
    assert draft.text == "Halve zin die nog" and draft.minutes is None
    # Saved again as the worker types: still one draft.
    client.post(url, {"text": "Halve zin die nog doorgaat", "kind": "telefoon"}, headers={"HX-Request": "true"})
    assert ContactMomentDraft.objects.get().text == "Halve zin die nog doorgaat"
    # After a time-out the form opens with the draft.
    body = client.get(reverse("cases:contact_new", args=[case.pk])).content.decode()
    assert "Halve zin die nog doorgaat" in body and "Concept opgeslagen om" in body
    # Saving the contact moment discards the draft.
    client.post(reverse("cases:contact_new", args=[case.pk]), _post_data())
    assert not ContactMomentDraft.objects.exists()


def test_draft_without_javascript_redirects_back(client_for, worker, case):
    response = client_for(worker).post(reverse("cases:contact_draft", args=[case.pk]), {"text": "Zonder JS"})
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:contact_new", args=[case.pk])


def test_drafts_are_per_worker(client_for, worker, make_user, team, case):
    colleague = make_user("worker", team)
    services.contact_moment_draft_save(actor=worker, case=case, text="van werker")
    body = client_for(colleague).get(reverse("cases:contact_new", args=[case.pk])).content.decode()
    assert "van werker" not in body


def test_edit_keeps_history(client_for, worker, case):
    moment = ContactMomentFactory(case=case, author=worker, text="Eerste tekst")
    client = client_for(worker)
    response = client.post(
        reverse("cases:contact_edit", args=[case.pk, moment.pk]),
        _post_data(version=moment.version, text="Tweede tekst"),
    )
    assert response.status_code == 302
    moment.refresh_from_db()
    assert moment.text == "Tweede tekst" and moment.version == 2
    revision = ContactMomentRevision.objects.get()
    assert revision.text == "Eerste tekst" and revision.version == 1 and revision.replaced_by == worker
    body = client.get(reverse("cases:contact_edit", args=[case.pk, moment.pk])).content.decode()
    assert "1 eerdere versie" in body and "Eerste tekst" in body


def test_concurrent_edit_gives_conflict_not_overwrite(client_for, worker, make_user, team, case):
    moment = ContactMomentFactory(case=case, author=worker, text="Origineel")
    services.contact_moment_update(actor=worker, moment=moment, expected_version=1, text="Versie collega-sessie")
    response = client_for(worker).post(
        reverse("cases:contact_edit", args=[case.pk, moment.pk]), _post_data(version=1, text="Mijn late wijziging")
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Iemand anders heeft dit intussen gewijzigd" in body
    assert "Mijn late wijziging" in body  # what was typed stays
    assert "Versie collega-sessie" in body  # and the other version is shown
    moment.refresh_from_db()
    assert moment.text == "Versie collega-sessie"


def test_only_author_or_contact_person_may_edit(make_user, team, case, worker):
    colleague = make_user("worker", team)
    moment = ContactMomentFactory(case=case, author=colleague)
    other = make_user("worker", team)
    with pytest.raises(PermissionDenied):
        services.contact_moment_update(actor=other, moment=moment, expected_version=1, text="x")
    services.contact_moment_update(actor=worker, moment=moment, expected_version=1, text="door contactpersoon")


def test_restricted_note_visible_to_author_contact_person_and_grantee_only(client_for, make_user, team, worker, case):
    author = make_user("worker", team)
    moment = services.contact_moment_create(
        actor=author,
        case=case,
        occurred_at=timezone.now(),
        kind="overleg",
        core_task="signaleren",
        minutes=30,
        text="Meldcode stap 1: signalen.",
        restricted=True,
    )
    colleague = make_user("worker", team)
    url = reverse("cases:tab", args=[case.pk, "tijdlijn"])
    assert "Meldcode stap 1" in client_for(author).get(url).content.decode()
    assert "Meldcode stap 1" in client_for(worker).get(url).content.decode()  # contact person
    body = client_for(colleague).get(url).content.decode()
    assert "Meldcode stap 1" not in body and "Afgeschermd verslag" in body
    assert client_for(colleague).get(reverse("cases:contact_edit", args=[case.pk, moment.pk])).status_code == 404
    services.contact_moment_grant(actor=author, moment=moment, user=colleague)
    assert "Meldcode stap 1" in client_for(colleague).get(url).content.decode()


def test_closed_case_takes_no_new_contact(worker, case):
    from django.core.exceptions import ValidationError

    case.closed_at = timezone.now()
    case.save()
    with pytest.raises(ValidationError):
        services.contact_moment_create(
            actor=worker,
            case=case,
            occurred_at=timezone.now(),
            kind="telefoon",
            core_task="monitoren",
            minutes=5,
            text="x",
        )


def test_grant_access_through_the_page(client_for, make_user, team, worker, case):
    moment = ContactMomentFactory(case=case, author=worker, restricted=True, text="Meldcode notitie")
    colleague = make_user("worker", team)
    client = client_for(worker)
    body = client.get(reverse("cases:contact_edit", args=[case.pk, moment.pk])).content.decode()
    assert "Toegang geven aan" in body and colleague.get_full_name() in body
    client.post(reverse("cases:contact_grant", args=[case.pk, moment.pk]), {"user": colleague.pk})
    assert moment.grants.filter(user=colleague).exists()
    assert AuditEvent.objects.filter(event_type="contact.grant").exists()
    outsider = make_user("worker")
    client.post(reverse("cases:contact_grant", args=[case.pk, moment.pk]), {"user": outsider.pk})
    assert not moment.grants.filter(user=outsider).exists()


def test_discard_draft_from_overview(client_for, worker, case):
    services.contact_moment_draft_save(actor=worker, case=case, text="weg ermee")
    client = client_for(worker)
    assert "Concept weggooien" in client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    client.post(reverse("cases:contact_draft_discard", args=[case.pk]))
    assert not ContactMomentDraft.objects.exists()
    assert AuditEvent.objects.filter(event_type="contact.draft_discard").exists()
