"""The aanmeldoverleg: triage, the outcome, the waiting list, first contact, and opening the
case with consent (or with a recorded reason to act first).

Every function: keyword-only, a transaction, the access check (triage.decide in the
registration's team for the meeting's decisions; case.edit for recording contacts), and an
audit event in the same transaction. Nothing here logs personal data.
"""

from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nabij.access import policy
from nabij.access.policy import Perm
from nabij.accounts.models import Team
from nabij.audit.services import Action, record_event
from nabij.audit.services import Outcome as AuditOutcome
from nabij.core.concurrency import save_versioned
from nabij.core.workdays import add_working_days
from nabij.intake import norms, routing
from nabij.intake.models import Outcome, Registration, Triage, Urgency, WaitingListEntry
from nabij.intake.selectors.registrations import team_workers

# The phase result (cases.phases) that the dossier consent completes.
CONSENT_RESULT = "consent_dossier"

# Working days between interim contacts with someone on the waiting list.
INTERIM_CONTACT_DAYS_DEFAULT = 20


def interim_contact_days() -> int:
    return getattr(settings, "NABIJ_INTAKE_INTERIM_CONTACT_DAYS", INTERIM_CONTACT_DAYS_DEFAULT)


def _require(actor, registration: Registration, perm: Perm, *, event_type: str) -> None:
    if registration.team_id is None or not policy.has_perm(actor, perm, team_id=registration.team_id):
        record_event(
            actor=actor,
            event_type=event_type,
            action=Action.UPDATE,
            outcome=AuditOutcome.DENIED,
            object_type="registration",
            object_id=registration.pk,
        )
        raise PermissionDenied


def _audit(actor, registration: Registration, event_type: str, action: str, details: dict | None = None) -> None:
    record_event(
        actor=actor,
        event_type=event_type,
        action=action,
        object_type="registration",
        object_id=registration.pk,
        resident_id=registration.resident_id,
        details=details or {},
    )


def _lock(registration: Registration) -> Registration:
    return Registration.objects.select_for_update().get(pk=registration.pk)


# --- Triage ----------------------------------------------------------------------------------


def triage_record(
    *,
    actor,
    registration: Registration,
    scope: str,
    urgency: str,
    expected_version: int | None = None,
    known_elsewhere: str = "",
    safety_situation: str = "",
    safety_persons: str = "",
    safety_flag: bool = False,
    provisional_approach: str = "",
) -> Triage:
    """Record (or revise) the meeting's picture of the registration.

    A revision needs the version the form was based on (concurrent edits are refused). The
    registration takes over urgency and safety flag; a changed urgency recomputes the
    first-contact date from the team's norm, counted from the day it was received.
    """
    _require(actor, registration, Perm.TRIAGE_DECIDE, event_type="registration.triage")
    errors = {}
    if scope not in Triage.Scope.values:
        errors["scope"] = _("Kies of de vraag enkelvoudig of meervoudig is.")
    if urgency not in Urgency.values:
        errors["urgency"] = _("Kies de urgentie.")
    if safety_flag and not (safety_situation.strip() or safety_persons.strip()):
        errors["safety_situation"] = _("Beschrijf de zorg over de veiligheid van de situatie of van personen.")
    if not registration.is_open:
        errors["__all__"] = _("Over deze aanmelding is al besloten; de triage kan niet meer worden gewijzigd.")
    if errors:
        raise ValidationError(errors)
    fields = {
        "scope": scope,
        "urgency": urgency,
        "known_elsewhere": known_elsewhere.strip(),
        "safety_situation": safety_situation.strip(),
        "safety_persons": safety_persons.strip(),
        "safety_flag": safety_flag,
        "provisional_approach": provisional_approach.strip(),
    }
    with transaction.atomic():
        locked = _lock(registration)
        triage = Triage.objects.filter(registration=locked).first()
        if triage is None:
            triage = Triage.objects.create(registration=locked, triaged_by=actor, triaged_at=timezone.now(), **fields)
            action = Action.CREATE
        else:
            if expected_version is None:
                raise ValidationError({"__all__": _("Deze aanmelding is intussen al besproken. Bekijk de triage.")})
            for name, value in fields.items():
                setattr(triage, name, value)
            triage.triaged_by = actor
            triage.triaged_at = timezone.now()
            save_versioned(
                triage, expected_version=expected_version, fields=[*fields, "triaged_by", "triaged_at", "updated_at"]
            )
            action = Action.UPDATE
        changed = ["safety_flag"]
        if urgency != locked.urgency or locked.first_contact_due is None:
            locked.urgency = urgency
            locked.first_contact_due = norms.first_contact_due(
                team=locked.team, urgency=urgency, received_on=timezone.localtime(locked.received_at).date()
            )
            changed += ["urgency", "first_contact_due"]
        locked.safety_flag = safety_flag
        if locked.status == Registration.Status.NEW:
            locked.status = Registration.Status.TRIAGED
            changed.append("status")
        locked.save(update_fields=[*changed, "updated_at"])
        _audit(actor, locked, "registration.triage", action, {"urgency": urgency, "scope": scope})
    registration.refresh_from_db()
    return triage


# --- The outcome -----------------------------------------------------------------------------


def _check_worker(registration: Registration, worker) -> str | None:
    if worker is None:
        return _("Kies de medewerker die het kernbesluit uitvoert.")
    if not team_workers(registration.team_id).filter(pk=worker.pk).exists():
        return _("Kies een medewerker of coördinator van dit team.")
    return None


def _outcome_errors(registration: Registration, kind: str, **values) -> dict:
    errors = {}
    if kind not in Outcome.Kind.values:
        return {"kind": _("Kies een uitkomst.")}
    if kind == Outcome.Kind.CORE_DECISION:
        if not values["interventions"].strip():
            errors["interventions"] = _("Beschrijf de voorgestelde interventies.")
        if not values["goal"].strip():
            errors["goal"] = _("Beschrijf het doel.")
        if not values["intended_result"].strip():
            errors["intended_result"] = _("Beschrijf het beoogde resultaat.")
        problem = _check_worker(registration, values["assigned_worker"])
        if problem:
            errors["assigned_worker"] = problem
        return errors
    if not values["reason"].strip():
        errors["reason"] = _("Schrijf op waarom het aanmeldoverleg hiervoor kiest.")
    if kind == Outcome.Kind.REDIRECT:
        target = values["redirect_target"]
        if target not in Outcome.RedirectTarget.values:
            errors["redirect_target"] = _("Kies waarnaar wordt doorverwezen.")
        elif target == Outcome.RedirectTarget.OTHER_TEAM:
            team = values["redirect_team"]
            if team is None:
                errors["redirect_team"] = _("Kies het wijkteam waarnaar wordt doorverwezen.")
            elif team.pk == registration.team_id:
                errors["redirect_team"] = _("Kies een ander team dan het eigen team.")
        elif target == Outcome.RedirectTarget.AGENCY and not values["redirect_agency"].strip():
            errors["redirect_agency"] = _("Vul in naar welke instantie wordt doorverwezen.")
    if kind == Outcome.Kind.ANONYMOUS and not values["consultation_party"].strip():
        errors["consultation_party"] = _("Vul in met welke partij het anonieme consult is gevoerd.")
    return errors


# Redirect targets that can be a team in Nabij, and the team kind each stands for.
REDIRECT_TEAM_KINDS = {
    Outcome.RedirectTarget.YOUTH_TEAM: Team.Kind.YOUTH,
    Outcome.RedirectTarget.OUTREACH_TEAM: Team.Kind.OUTREACH,
}


def _redirect_team_in_nabij(registration: Registration, kind: str, target: str, chosen_team):
    """The team in Nabij a redirect goes to (its board gets a new registration), or None: an
    outside agency, or no active team of that kind here (then it closes as an outside redirect)."""
    if kind != Outcome.Kind.REDIRECT:
        return None
    if target == Outcome.RedirectTarget.OTHER_TEAM:
        return chosen_team if chosen_team is not None and chosen_team.is_active else None
    if target in REDIRECT_TEAM_KINDS:
        team = routing.team_of_kind(REDIRECT_TEAM_KINDS[target], registration.area)
        return team if team is not None and team.pk != registration.team_id else None
    return None


def outcome_record(
    *,
    actor,
    registration: Registration,
    kind: str,
    reason: str = "",
    interventions: str = "",
    goal: str = "",
    intended_result: str = "",
    assigned_worker=None,
    redirect_target: str = "",
    redirect_team=None,
    redirect_agency: str = "",
    consultation_party: str = "",
) -> Outcome:
    """Record what the meeting decided.

    - kernbesluit: interventions, goal, intended result and the worker (a worker or
      coordinator of the team) who becomes the contact person. The case opens next, with
      consent or a reason to act first (`case_open_from_registration`).
    - waiting list: the registration waits, with an interim contact due.
    - advice, redirect, anonymous consultation, not for this team: closed without a case,
      each with its reason; an anonymous consultation is also recorded as such (consent app).

    A registration on the waiting list can later get a kernbesluit: it leaves the list.
    """
    _require(actor, registration, Perm.TRIAGE_DECIDE, event_type="registration.outcome")
    values = {
        "reason": reason,
        "interventions": interventions,
        "goal": goal,
        "intended_result": intended_result,
        "assigned_worker": assigned_worker,
        "redirect_target": redirect_target,
        "redirect_team": redirect_team,
        "redirect_agency": redirect_agency,
        "consultation_party": consultation_party,
    }
    errors = _outcome_errors(registration, kind, **values)
    existing = Outcome.objects.filter(registration=registration).first()
    if existing is not None and existing.kind != Outcome.Kind.WAITING_LIST:
        errors["__all__"] = _("Het aanmeldoverleg heeft over deze aanmelding al besloten.")
    elif existing is not None and kind == Outcome.Kind.WAITING_LIST:
        errors["kind"] = _("Deze aanmelding staat al op de wachtlijst.")
    if errors:
        raise ValidationError(errors)
    is_core = kind == Outcome.Kind.CORE_DECISION
    now = timezone.now()
    with transaction.atomic():
        locked = _lock(registration)
        if not locked.is_open:
            raise ValidationError({"__all__": _("Deze aanmelding is al afgehandeld.")})
        outcome = existing or Outcome(registration=locked)
        outcome.kind = kind
        outcome.interventions = interventions.strip() if is_core else ""
        outcome.goal = goal.strip() if is_core else ""
        outcome.intended_result = intended_result.strip() if is_core else ""
        outcome.assigned_worker = assigned_worker if is_core else None
        outcome.redirect_target = redirect_target if kind == Outcome.Kind.REDIRECT else ""
        outcome.redirect_team = (
            redirect_team
            if kind == Outcome.Kind.REDIRECT and redirect_target == Outcome.RedirectTarget.OTHER_TEAM
            else None
        )
        outcome.redirect_agency = (
            redirect_agency.strip()
            if kind == Outcome.Kind.REDIRECT and redirect_target == Outcome.RedirectTarget.AGENCY
            else ""
        )
        outcome.reason = reason.strip()
        outcome.decided_by = actor
        outcome.decided_at = now
        outcome.save()
        status_before = locked.status
        if kind == Outcome.Kind.WAITING_LIST:
            WaitingListEntry.objects.create(
                registration=locked,
                team_id=locked.team_id,
                placed_at=now,
                interim_contact_due=add_working_days(timezone.localdate(), interim_contact_days()),
            )
            locked.status = Registration.Status.WAITING
        else:
            # Taken off the waiting list (if it was on it) by any other outcome.
            WaitingListEntry.objects.filter(registration=locked, removed_at__isnull=True).update(removed_at=now)
            # A kernbesluit stays open until the case opens with consent (or a reason to act
            # first); every other outcome ends the registration without a case.
            locked.status = Registration.Status.TRIAGED if is_core else Registration.Status.CLOSED
        if kind == Outcome.Kind.ANONYMOUS:
            from nabij.consent.services import anonymous_consultation_record

            anonymous_consultation_record(
                actor=actor,
                team=locked.team,
                party=consultation_party,
                topic=reason,
                consulted_on=timezone.localdate(),
            )
        locked.save(update_fields=["status", "updated_at"])
        details = {"kind": kind, "from_status": status_before}
        target_team = _redirect_team_in_nabij(locked, kind, redirect_target, redirect_team)
        if target_team is not None:
            from nabij.intake.services.registrations import registration_redirect_to_team

            if outcome.redirect_team_id is None:
                outcome.redirect_team = target_team
                outcome.save(update_fields=["redirect_team"])
            details["redirected_to"] = registration_redirect_to_team(
                actor=actor, registration=locked, team=target_team
            ).pk
        _audit(actor, locked, "registration.outcome", Action.UPDATE if existing else Action.CREATE, details)
    registration.refresh_from_db()
    return outcome


# --- Opening the case ----------------------------------------------------------------------


def _find_or_create_resident(*, actor, registration: Registration, new_resident_confirmed: bool):
    """The registration's linked resident, or a new resident and household from what was told.

    A new resident is never made silently when a likely match exists: the caller links the
    match ("known already?") or confirms that it is someone else.
    """
    from nabij.residents.models import Household, Resident
    from nabij.residents.selectors import resident_match_queryset

    if registration.resident_id:
        resident = registration.resident
        if resident.household_id is None:
            household = Household.objects.create(
                postcode=registration.postcode,
                house_number=registration.house_number,
                house_number_addition=registration.house_number_addition,
                area=registration.area,
            )
            resident.household = household
            resident.save(update_fields=["household", "updated_at"])
        return resident, False
    if not registration.surname.strip():
        raise ValidationError({"__all__": _("Vul eerst de achternaam in van de inwoner om wie het gaat.")})
    matches = resident_match_queryset(
        surname=" ".join(p for p in [registration.surname_prefix, registration.surname] if p),
        birth_date=registration.birth_date,
        postcode=registration.postcode,
        house_number=registration.house_number,
        bsn=registration.get_bsn(),
    )
    if matches.exists() and not new_resident_confirmed:
        raise ValidationError(
            {
                "new_resident_confirmed": _(
                    "Er is al een inwoner bekend die deze persoon kan zijn. Koppel de aanmelding aan die inwoner, "
                    "of bevestig dat het iemand anders is."
                )
            }
        )
    household = Household.objects.create(
        postcode=registration.postcode,
        house_number=registration.house_number,
        house_number_addition=registration.house_number_addition,
        area=registration.area,
    )
    resident = Resident(
        household=household,
        household_role="hoofdbewoner",
        given_names=registration.given_names,
        surname_prefix=registration.surname_prefix,
        surname=registration.surname,
        birth_date=registration.birth_date,
        phone=registration.phone,
        email=registration.email,
        interpreter_needed=registration.interpreter_needed,
        language=registration.language or "Nederlands",
    )
    if registration.bsn_encrypted:
        resident.bsn_encrypted, resident.bsn_hash = registration.bsn_encrypted, registration.bsn_hash
    resident.save()
    record_event(
        actor=actor,
        event_type="resident.create",
        action=Action.CREATE,
        object_type="resident",
        object_id=resident.pk,
        resident_id=resident.pk,
        details={"household_id": household.pk, "registration_id": registration.pk},
    )
    return resident, True


def case_open_from_registration(
    *,
    actor,
    registration: Registration,
    consent_form: str = "",
    consent_given_on: date | None = None,
    consent_note: str = "",
    deferred_reason: str = "",
    new_resident_confirmed: bool = False,
):
    """Open the household's case after a kernbesluit.

    Only with the resident's consent for the dossier (signed, e-mail, or oral with a note),
    recorded through the consent app, or with a written reason to act first: then the
    missing consent is a deviation of the registration phase ("consent_dossier"), which the
    cases worklist shows to the contact person until a dossier consent is recorded (the
    result is derived from the consent, so the item goes by itself, at no extra query).
    """
    from nabij.cases.models import Case, CaseEvent
    from nabij.cases.services import case_deviation_record, case_event_record, case_open, case_result_complete
    from nabij.consent.models import Consent
    from nabij.consent.services import consent_record

    _require(actor, registration, Perm.TRIAGE_DECIDE, event_type="registration.case_open")
    outcome = Outcome.objects.filter(registration=registration).select_related("assigned_worker").first()
    if outcome is None or outcome.kind != Outcome.Kind.CORE_DECISION:
        raise ValidationError({"__all__": _("Neem eerst een kernbesluit met een uitvoerend medewerker.")})
    if registration.case_id:
        raise ValidationError({"__all__": _("Voor deze aanmelding is al een casus geopend.")})
    errors = {}
    acting_first = bool(deferred_reason.strip())
    if not acting_first:
        if consent_form not in Consent.Form.values:
            errors["consent_form"] = _(
                "Kies hoe de inwoner toestemming gaf, of schrijf op waarom het team eerst handelt."
            )
        if consent_given_on is None:
            errors["consent_given_on"] = _("Vul de datum in waarop de toestemming is gegeven.")
        elif consent_given_on > timezone.localdate():
            errors["consent_given_on"] = _("De datum van de toestemming kan niet in de toekomst liggen.")
        if consent_form == Consent.Form.ORAL and not consent_note.strip():
            errors["consent_note"] = _("Schrijf bij mondelinge toestemming op wanneer en hoe die is gegeven.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _lock(registration)
        if locked.case_id:
            raise ValidationError({"__all__": _("Voor deze aanmelding is al een casus geopend.")})
        resident, created = _find_or_create_resident(
            actor=actor, registration=locked, new_resident_confirmed=new_resident_confirmed
        )
        open_case = Case.objects.filter(household_id=resident.household_id, closed_at__isnull=True).first()
        if open_case is not None and open_case.team_id != locked.team_id:
            raise ValidationError(
                {
                    "__all__": _("Dit huishouden heeft al een open casus bij %(team)s. Overleg eerst met dat team.")
                    % {"team": open_case.team.name}
                }
            )
        case = case_open(
            actor=actor,
            household=resident.household,
            primary_resident=resident,
            team=locked.team,
            contact_person=outcome.assigned_worker,
            summary=_("Casus geopend na kernbesluit (aanmelding %(reference)s)") % {"reference": locked.reference},
            first_contact_due=locked.first_contact_due,
        )
        received = timezone.localtime(locked.received_at)
        case_event_record(
            case=case,
            kind=CaseEvent.Kind.REGISTRATION,
            summary=_("Aanmelding %(reference)s via %(channel)s, ontvangen op %(date)s")
            % {
                "reference": locked.reference,
                "channel": locked.get_channel_display(),
                "date": received.strftime("%-d-%-m-%Y"),
            },
            actor=actor,
            obj=locked,
            occurred_at=locked.received_at,
        )
        case_event_record(
            case=case,
            kind=CaseEvent.Kind.TRIAGE,
            summary=_("Kernbesluit: %(goal)s. Contactpersoon: %(worker)s")
            % {
                "goal": outcome.goal,
                "worker": outcome.assigned_worker.get_full_name() or outcome.assigned_worker.get_username(),
            },
            actor=actor,
            obj=outcome,
        )
        # The meeting discussed it: the registration phase's first result is done.
        case_result_complete(case=case, key="info_collected", actor=actor)
        if acting_first:
            locked.consent_deferred_reason = deferred_reason.strip()
            locked.consent_deferred_by = actor
            # The missing consent stays on the contact person's worklist (a deviation of the
            # registration phase) until a dossier consent is recorded for the case or household.
            case_deviation_record(case=case, result_key=CONSENT_RESULT, justification=deferred_reason, actor=actor)
        else:
            consent_record(
                actor=actor,
                resident=resident,
                purpose=Consent.Purpose.OPEN_DOSSIER,
                form=consent_form,
                given_at=consent_given_on,
                note=consent_note.strip(),
                case=case,
            )
        locked.resident = resident
        locked.case = case
        locked.status = Registration.Status.DECIDED
        locked.save(
            update_fields=[
                "resident",
                "case",
                "status",
                "consent_deferred_reason",
                "consent_deferred_by",
                "updated_at",
            ]
        )
        _audit(
            actor,
            locked,
            "registration.case_open",
            Action.UPDATE,
            {"case_id": case.pk, "acting_first": acting_first, "new_resident": created},
        )
    registration.refresh_from_db()
    return case


# --- Contacts --------------------------------------------------------------------------------


def _not_in_future(moment: datetime, field: str) -> None:
    if moment > timezone.now():
        raise ValidationError({field: _("Het tijdstip kan niet in de toekomst liggen.")})


def first_contact_record(*, actor, registration: Registration, contacted_at: datetime, note: str = "") -> Registration:
    """The first contact with the resident took place (the norm's clock stops)."""
    _require(actor, registration, Perm.CASE_EDIT, event_type="registration.first_contact")
    _not_in_future(contacted_at, "contacted_at")
    if contacted_at < registration.received_at:
        raise ValidationError({"contacted_at": _("Het eerste contact kan niet vóór de aanmelding liggen.")})
    with transaction.atomic():
        locked = _lock(registration)
        locked.first_contact_at = contacted_at
        locked.first_contact_by = actor
        locked.first_contact_note = note.strip()[:300]
        locked.save(update_fields=["first_contact_at", "first_contact_by", "first_contact_note", "updated_at"])
        due = locked.first_contact_due
        _audit(
            actor,
            locked,
            "registration.first_contact",
            Action.UPDATE,
            {"within_norm": bool(due is None or timezone.localtime(contacted_at).date() <= due)},
        )
    registration.refresh_from_db()
    return registration


def interim_contact_record(
    *, actor, entry: WaitingListEntry, contacted_at: datetime, note: str = ""
) -> WaitingListEntry:
    """Contact with someone on the waiting list; the next one falls due after the norm."""
    _require(actor, entry.registration, Perm.CASE_EDIT, event_type="registration.interim_contact")
    _not_in_future(contacted_at, "contacted_at")
    if entry.removed_at is not None:
        raise ValidationError({"__all__": _("Deze aanmelding staat niet meer op de wachtlijst.")})
    with transaction.atomic():
        entry.interim_contact_at = contacted_at
        entry.interim_contact_note = note.strip()[:300]
        entry.interim_contact_due = add_working_days(timezone.localtime(contacted_at).date(), interim_contact_days())
        entry.save(update_fields=["interim_contact_at", "interim_contact_note", "interim_contact_due", "updated_at"])
        _audit(actor, entry.registration, "registration.interim_contact", Action.UPDATE)
    return entry
