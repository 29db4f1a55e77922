"""The rules of the aanmeldoverleg: triage, the outcomes and their required fields, consent
and opening the case, the worklist item for acting first, no duplicate residents."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from nabij.audit.models import AuditEvent
from nabij.cases.models import Case, CaseEvent
from nabij.cases.selectors import worklist_for_user
from nabij.consent.models import AnonymousConsultation, Consent
from nabij.consent.services import consent_record
from nabij.core.concurrency import ConcurrentEditError
from nabij.intake.models import Outcome, Registration, Urgency, WaitingListEntry
from nabij.intake.services import meeting
from nabij.intake.tests.factories import RegistrationFactory
from nabij.residents.models import Resident
from nabij.residents.tests.factories import ResidentFactory

CORE = {
    "kind": Outcome.Kind.CORE_DECISION,
    "interventions": "Fictief: gesprek over schulden, contact met de huisarts.",
    "goal": "Fictief doel: rust in de financiën.",
    "intended_result": "Fictief resultaat: een schuldhulptraject loopt.",
}


@pytest.fixture
def registration(team):
    return RegistrationFactory(team=team)


def _core_decision(coordinator, registration, worker):
    return meeting.outcome_record(actor=coordinator, registration=registration, assigned_worker=worker, **CORE)


# --- Triage -----------------------------------------------------------------------------


def test_triage_creates_and_versions(registration, coordinator):
    triage = meeting.triage_record(
        actor=coordinator,
        registration=registration,
        scope="meervoudig",
        urgency=Urgency.NORMAL,
        provisional_approach="Fictief: eerst huisbezoek.",
    )
    assert registration.status == Registration.Status.TRIAGED
    assert registration.first_contact_due is not None
    assert AuditEvent.objects.filter(
        event_type="registration.triage", participant_object_id=str(registration.pk)
    ).exists()
    meeting.triage_record(
        actor=coordinator, registration=registration, scope="enkelvoudig", urgency=Urgency.NORMAL, expected_version=1
    )
    triage.refresh_from_db()
    assert triage.version == 2 and triage.scope == "enkelvoudig"
    with pytest.raises(ConcurrentEditError):
        meeting.triage_record(
            actor=coordinator, registration=registration, scope="meervoudig", urgency=Urgency.NORMAL, expected_version=1
        )


def test_triage_safety_flag_needs_description(registration, coordinator):
    with pytest.raises(ValidationError) as error:
        meeting.triage_record(
            actor=coordinator, registration=registration, scope="meervoudig", urgency=Urgency.HIGH, safety_flag=True
        )
    assert "safety_situation" in error.value.error_dict


def test_worker_cannot_triage_and_denial_is_audited(registration, worker):
    with pytest.raises(PermissionDenied):
        meeting.triage_record(actor=worker, registration=registration, scope="meervoudig", urgency=Urgency.NORMAL)
    assert AuditEvent.objects.filter(event_type="registration.triage", event_outcome="denied").exists()


def test_coordinator_of_other_team_cannot_decide(registration, make_user, other_team):
    stranger = make_user("coordinator", other_team)
    with pytest.raises(PermissionDenied):
        meeting.outcome_record(actor=stranger, registration=registration, kind="advies", reason="x")


# --- Outcomes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"kind": "advies"}, "reason"),
        ({"kind": "niet-voor-team"}, "reason"),
        ({"kind": "wachtlijst"}, "reason"),
        ({"kind": "doorverwijzing", "reason": "x"}, "redirect_target"),
        ({"kind": "doorverwijzing", "reason": "x", "redirect_target": "instantie"}, "redirect_agency"),
        ({"kind": "doorverwijzing", "reason": "x", "redirect_target": "ander-team"}, "redirect_team"),
        ({"kind": "anoniem", "reason": "x"}, "consultation_party"),
        ({"kind": "kernbesluit"}, "interventions"),
        ({"kind": "kernbesluit"}, "goal"),
        ({"kind": "kernbesluit"}, "intended_result"),
        ({"kind": "kernbesluit"}, "assigned_worker"),
        ({"kind": "onzin"}, "kind"),
    ],
)
def test_outcome_required_fields(registration, coordinator, values, field):
    with pytest.raises(ValidationError) as error:
        meeting.outcome_record(actor=coordinator, registration=registration, **values)
    assert field in error.value.error_dict
    assert not Outcome.objects.filter(registration=registration).exists()


def test_redirect_to_own_team_refused(registration, coordinator, team):
    with pytest.raises(ValidationError) as error:
        meeting.outcome_record(
            actor=coordinator,
            registration=registration,
            kind="doorverwijzing",
            reason="x",
            redirect_target="ander-team",
            redirect_team=team,
        )
    assert "redirect_team" in error.value.error_dict


def test_assigned_worker_must_be_on_the_team(registration, coordinator, other_worker, make_user, team):
    with pytest.raises(ValidationError) as error:
        _core_decision(coordinator, registration, other_worker)
    assert "Kies een medewerker of coördinator van dit team." in error.value.error_dict["assigned_worker"][0].messages
    analyst = make_user("analyst", team)
    with pytest.raises(ValidationError):
        _core_decision(coordinator, registration, analyst)


@pytest.mark.parametrize(
    ("values", "status"),
    [
        ({"kind": "advies", "reason": "Fictief advies gegeven."}, Registration.Status.CLOSED),
        ({"kind": "niet-voor-team", "reason": "Fictief: buiten het werkgebied."}, Registration.Status.CLOSED),
        (
            {"kind": "doorverwijzing", "reason": "Jonger dan 18.", "redirect_target": "jeugdteam"},
            Registration.Status.CLOSED,
        ),
        (
            {
                "kind": "doorverwijzing",
                "reason": "x",
                "redirect_target": "instantie",
                "redirect_agency": "Fictief Loket",
            },
            Registration.Status.CLOSED,
        ),
        ({"kind": "wachtlijst", "reason": "Fictief: geen ruimte."}, Registration.Status.WAITING),
    ],
)
def test_other_outcomes_set_status(registration, coordinator, values, status):
    meeting.outcome_record(actor=coordinator, registration=registration, **values)
    assert registration.status == status
    assert AuditEvent.objects.filter(event_type="registration.outcome", details__kind=values["kind"]).exists()


def test_anonymous_consultation_recorded(registration, coordinator):
    meeting.outcome_record(
        actor=coordinator,
        registration=registration,
        kind="anoniem",
        reason="Fictief: algemene vraag over schulden.",
        consultation_party="Fictieve huisartsenpraktijk",
    )
    assert AnonymousConsultation.objects.filter(team=registration.team, party="Fictieve huisartsenpraktijk").exists()
    assert registration.status == Registration.Status.CLOSED


def test_second_outcome_refused(registration, coordinator):
    meeting.outcome_record(actor=coordinator, registration=registration, kind="advies", reason="x")
    with pytest.raises(ValidationError):
        meeting.outcome_record(actor=coordinator, registration=registration, kind="niet-voor-team", reason="y")


def test_waiting_list_then_core_decision(registration, coordinator, worker, settings):
    settings.NABIJ_INTAKE_INTERIM_CONTACT_DAYS = 20
    meeting.outcome_record(actor=coordinator, registration=registration, kind="wachtlijst", reason="Vol.")
    entry = WaitingListEntry.objects.get(registration=registration)
    assert entry.interim_contact_due > timezone.localdate() + timedelta(days=20)  # 20 working days is 4 weeks
    meeting.interim_contact_record(actor=worker, entry=entry, contacted_at=timezone.now(), note="Fictief gebeld.")
    entry.refresh_from_db()
    assert entry.interim_contact_at is not None
    _core_decision(coordinator, registration, worker)
    entry.refresh_from_db()
    assert entry.removed_at is not None
    assert registration.status == Registration.Status.TRIAGED
    assert registration.outcome.kind == Outcome.Kind.CORE_DECISION


# --- Consent and opening the case -------------------------------------------------------------


def test_case_opens_with_signed_consent(registration, coordinator, worker):
    _core_decision(coordinator, registration, worker)
    case = meeting.case_open_from_registration(
        actor=coordinator, registration=registration, consent_form="signed", consent_given_on=timezone.localdate()
    )
    assert registration.status == Registration.Status.DECIDED and registration.case == case
    assert case.contact_person == worker and case.team_id == registration.team_id
    assert case.primary_resident.surname == registration.surname
    assert registration.resident == case.primary_resident
    assert Consent.objects.filter(case=case, purpose=Consent.Purpose.OPEN_DOSSIER, form="signed").exists()
    kinds = set(CaseEvent.objects.filter(case=case).values_list("kind", flat=True))
    assert {CaseEvent.Kind.REGISTRATION, CaseEvent.Kind.TRIAGE, CaseEvent.Kind.CONSENT} <= kinds
    # The worker sees the case on their worklist, first contact due.
    rows = worklist_for_user(worker, worker=worker)
    assert [row.case.pk for row in rows] == [case.pk]
    assert any(item.kind == "first_contact" for item in rows[0].items)


def test_case_uses_first_contact_due_of_registration(registration, coordinator, worker):
    meeting.triage_record(actor=coordinator, registration=registration, scope="meervoudig", urgency=Urgency.HIGH)
    _core_decision(coordinator, registration, worker)
    case = meeting.case_open_from_registration(
        actor=coordinator, registration=registration, consent_form="email", consent_given_on=timezone.localdate()
    )
    assert case.first_contact_due == registration.first_contact_due


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({}, "consent_form"),
        ({"consent_form": "oral"}, "consent_note"),
        ({"consent_form": "signed", "consent_given_on": None}, "consent_given_on"),
        ({"consent_form": "signed", "consent_given_on": "tomorrow"}, "consent_given_on"),
    ],
)
def test_case_needs_consent_or_reason(registration, coordinator, worker, values, field):
    _core_decision(coordinator, registration, worker)
    values = dict(values)
    if values.get("consent_given_on") == "tomorrow":
        values["consent_given_on"] = timezone.localdate() + timedelta(days=1)
    else:
        values.setdefault("consent_given_on", timezone.localdate())
    with pytest.raises(ValidationError) as error:
        meeting.case_open_from_registration(actor=coordinator, registration=registration, **values)
    assert field in error.value.error_dict
    assert not Case.objects.exists()


def test_oral_consent_with_note_opens(registration, coordinator, worker):
    _core_decision(coordinator, registration, worker)
    meeting.case_open_from_registration(
        actor=coordinator,
        registration=registration,
        consent_form="oral",
        consent_given_on=timezone.localdate(),
        consent_note="Fictief: telefonisch, 10:00, zelf akkoord gegeven.",
    )
    assert Consent.objects.get().note.startswith("Fictief")


def test_no_case_without_core_decision(registration, coordinator):
    with pytest.raises(ValidationError):
        meeting.case_open_from_registration(
            actor=coordinator, registration=registration, consent_form="signed", consent_given_on=timezone.localdate()
        )


def test_acting_first_puts_consent_on_worklist_until_recorded(registration, coordinator, worker):
    _core_decision(coordinator, registration, worker)
    case = meeting.case_open_from_registration(
        actor=coordinator, registration=registration, deferred_reason="Fictief: acuut, dakloosheid dreigt vandaag."
    )
    assert registration.consent_deferred_by == coordinator
    assert not Consent.objects.exists()

    def consent_items():
        rows = worklist_for_user(worker, worker=worker)
        return [
            item
            for row in rows
            for item in row.items
            if item.kind == "deviation" and "Toestemming om een dossier te openen" in item.label
        ]

    items = consent_items()
    assert len(items) == 1 and items[0].case_id == case.pk
    consent_record(
        actor=worker,
        resident=case.primary_resident,
        purpose=Consent.Purpose.OPEN_DOSSIER,
        form="signed",
        given_at=timezone.localdate(),
        case=case,
    )
    assert consent_items() == []


def test_no_duplicate_resident_silently(team, coordinator, worker):
    known = ResidentFactory(surname="Fictief-Bekend", birth_date=timezone.localdate().replace(year=1970))
    registration = RegistrationFactory(team=team, surname="Fictief-Bekend", birth_date=known.birth_date)
    _core_decision(coordinator, registration, worker)
    with pytest.raises(ValidationError) as error:
        meeting.case_open_from_registration(
            actor=coordinator, registration=registration, consent_form="signed", consent_given_on=timezone.localdate()
        )
    assert "new_resident_confirmed" in error.value.error_dict
    assert Resident.objects.count() == 1
    # Confirmed as someone else: a new resident.
    meeting.case_open_from_registration(
        actor=coordinator,
        registration=registration,
        consent_form="signed",
        consent_given_on=timezone.localdate(),
        new_resident_confirmed=True,
    )
    assert Resident.objects.count() == 2
    assert AuditEvent.objects.filter(event_type="resident.create").exists()


def test_linked_resident_is_reused(team, coordinator, worker):
    known = ResidentFactory()
    registration = RegistrationFactory(team=team, resident=known)
    _core_decision(coordinator, registration, worker)
    case = meeting.case_open_from_registration(
        actor=coordinator, registration=registration, consent_form="signed", consent_given_on=timezone.localdate()
    )
    assert case.primary_resident == known and Resident.objects.count() == 1


def test_household_with_open_case_in_other_team_refused(team, other_team, coordinator, worker):
    from nabij.cases.tests.factories import CaseFactory

    elsewhere = CaseFactory(team=other_team)
    registration = RegistrationFactory(team=team, resident=elsewhere.primary_resident)
    _core_decision(coordinator, registration, worker)
    with pytest.raises(ValidationError):
        meeting.case_open_from_registration(
            actor=coordinator, registration=registration, consent_form="signed", consent_given_on=timezone.localdate()
        )
    assert registration.case is None


# --- First contact -----------------------------------------------------------------------


def test_first_contact_recorded(registration, worker):
    meeting.first_contact_record(actor=worker, registration=registration, contacted_at=timezone.now(), note="Gebeld.")
    assert registration.first_contact_by == worker and registration.first_contact_at is not None
    with pytest.raises(ValidationError):
        meeting.first_contact_record(
            actor=worker, registration=registration, contacted_at=timezone.now() + timedelta(hours=2)
        )
