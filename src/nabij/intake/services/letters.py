"""Telling the resident or referrer what was decided: next steps and who the contact person is.

The text comes from an admin-edited template (documents.LetterTemplate, keys below), is
shown for preview and editing, and is stored as sent (RegistrationLetter). E-mail goes
through the outbox (core.mail): the row is stored before any attempt, so a failed send
loses nothing and is retried. A printed letter is a print page of the stored text.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nabij.access import policy
from nabij.access.policy import Perm
from nabij.audit.services import Action, record_event
from nabij.audit.services import Outcome as AuditOutcome
from nabij.core.mail import email_queue
from nabij.documents.models import LetterTemplate
from nabij.documents.services import letter_render
from nabij.intake.models import Outcome, Registration, RegistrationLetter

LETTER_NEXT_STEPS = "intake.next_steps"  # after a kernbesluit: what happens, who the contact person is
LETTER_OUTCOME = "intake.outcome"  # any other outcome: what was decided and why

AUDIENCE_RESIDENT = "inwoner"
AUDIENCE_REPORTER = "melder"


@dataclass(frozen=True)
class LetterDraft:
    kind: str
    template_key: str
    recipient: str
    email: str
    subject: str
    body: str


def _person_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def letter_context(registration: Registration, outcome: Outcome) -> dict:
    """The placeholders the templates may use (plain values; the engine knows no tags of ours)."""
    if outcome.redirect_target == Outcome.RedirectTarget.OTHER_TEAM and outcome.redirect_team_id:
        redirected_to = outcome.redirect_team.name
    elif outcome.redirect_target == Outcome.RedirectTarget.AGENCY:
        redirected_to = outcome.redirect_agency
    else:
        redirected_to = outcome.get_redirect_target_display() if outcome.redirect_target else ""
    return {
        "naam_inwoner": registration.full_name,
        "naam_melder": registration.reporter_name or registration.full_name,
        "kenmerk": registration.reference,
        "team": registration.team.name if registration.team_id else "",
        "contactpersoon": _person_name(outcome.assigned_worker),
        "uitkomst": outcome.get_kind_display(),
        "reden": outcome.reason,
        "doorverwezen_naar": redirected_to,
        "doel": outcome.goal,
        "wachtlijst": outcome.kind == Outcome.Kind.WAITING_LIST,
        "datum": timezone.localdate().strftime("%-d-%-m-%Y"),
    }


def letter_draft(registration: Registration, *, audience: str = AUDIENCE_RESIDENT) -> LetterDraft:
    """The text the template gives for this registration's outcome, to preview and edit."""
    outcome = (
        Outcome.objects.filter(registration=registration).select_related("assigned_worker", "redirect_team").first()
    )
    if outcome is None:
        raise ValidationError({"__all__": _("Er is nog geen uitkomst: neem eerst een besluit.")})
    is_core = outcome.kind == Outcome.Kind.CORE_DECISION
    key = LETTER_NEXT_STEPS if is_core else LETTER_OUTCOME
    if not LetterTemplate.objects.filter(key=key, is_active=True).exists():
        raise ValidationError(
            {"__all__": _("Het briefsjabloon ‘%(key)s’ ontbreekt. Vraag de beheerder het aan te maken.") % {"key": key}}
        )
    rendered = letter_render(key=key, context=letter_context(registration, outcome))
    to_reporter = audience == AUDIENCE_REPORTER and registration.reporter_kind != "zelf"
    return LetterDraft(
        kind=RegistrationLetter.Kind.NEXT_STEPS if is_core else RegistrationLetter.Kind.OUTCOME,
        template_key=key,
        recipient=(registration.reporter_name or registration.reporter_organisation_name)
        if to_reporter
        else registration.full_name,
        email=registration.reporter_email if to_reporter else registration.email,
        subject=rendered.subject,
        body=rendered.body,
    )


def letter_send(
    *,
    actor,
    registration: Registration,
    kind: str,
    medium: str,
    recipient: str,
    subject: str,
    body: str,
    email_address: str = "",
) -> RegistrationLetter:
    """Store the text as sent; queue it as e-mail, or keep it for printing."""
    if registration.team_id is None or not policy.has_perm(actor, Perm.TRIAGE_DECIDE, team_id=registration.team_id):
        record_event(
            actor=actor,
            event_type="registration.letter",
            action=Action.CREATE,
            outcome=AuditOutcome.DENIED,
            object_type="registration",
            object_id=registration.pk,
        )
        raise PermissionDenied
    errors = {}
    if kind not in (RegistrationLetter.Kind.NEXT_STEPS, RegistrationLetter.Kind.OUTCOME):
        errors["__all__"] = _("Onbekende soort brief.")
    if medium not in (RegistrationLetter.Medium.EMAIL, RegistrationLetter.Medium.LETTER):
        errors["medium"] = _("Kies e-mail of brief.")
    if not recipient.strip():
        errors["recipient"] = _("Vul in aan wie de brief gaat.")
    if not subject.strip():
        errors["subject"] = _("Vul een onderwerp in.")
    if not body.strip():
        errors["body"] = _("De tekst is leeg. Vul de tekst van de brief in.")
    if medium == RegistrationLetter.Medium.EMAIL:
        try:
            validate_email(email_address.strip())
        except ValidationError:
            errors["email_address"] = _("Vul een e-mailadres in zoals naam@voorbeeld.nl.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        letter = RegistrationLetter.objects.create(
            registration=registration,
            kind=kind,
            medium=medium,
            recipient=recipient.strip()[:200],
            subject=subject.strip()[:200],
            body=body.strip(),
            created_by=actor,
        )
        if medium == RegistrationLetter.Medium.EMAIL:
            letter.email = email_queue(
                to=email_address.strip(),
                subject=letter.subject,
                body=letter.body,
                related_type="registrationletter",
                related_id=letter.pk,
            )
            letter.save(update_fields=["email", "updated_at"])
        if registration.case_id:
            from nabij.cases.services import case_event_record, case_result_complete

            case_result_complete(case=registration.case, key="resident_informed", actor=actor)
            case_event_record(
                case=registration.case,
                kind="letter",
                summary=_("Bericht aan inwoner of melder: %(subject)s") % {"subject": letter.subject},
                actor=actor,
                obj=letter,
            )
        record_event(
            actor=actor,
            event_type="registration.letter",
            action=Action.CREATE,
            object_type="registrationletter",
            object_id=letter.pk,
            resident_id=registration.resident_id,
            details={"registration_id": registration.pk, "kind": kind, "medium": medium},
        )
    return letter
