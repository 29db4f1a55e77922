"""Writes for consent records, exchange grounds and anonymous consultations.

Every function: keyword-only, one transaction, the access check, the audit event, and a
line on the case timeline where a case is involved. Nothing here logs personal data.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nabij.access import policy
from nabij.access.policy import Perm
from nabij.audit.services import Action, Outcome, record_event
from nabij.cases.selectors import may_edit_case
from nabij.cases.services import case_event_record
from nabij.consent.models import AnonymousConsultation, Consent, Ground, InformationExchange


def _require_case_edit(actor, case) -> None:
    """The actor must hold case.edit in the case's team, or an active emergency access."""
    if not may_edit_case(actor, case):
        record_event(
            actor=actor,
            event_type="consent.write",
            action=Action.UPDATE,
            outcome=Outcome.DENIED,
            object_type="case",
            object_id=case.pk,
        )
        raise PermissionDenied


def consent_record(
    *, actor, resident, purpose: str, form: str, given_at, note: str = "", party: str = "", case=None, valid_until=None
) -> Consent:
    """Record a consent. Oral consent needs a note saying when and how it was given."""
    errors = {}
    if form == Consent.Form.ORAL and not note.strip():
        errors["note"] = _("Schrijf bij mondelinge toestemming op wanneer en hoe die is gegeven.")
    if purpose in (Consent.Purpose.EXCHANGE, Consent.Purpose.SHARE_PLAN) and not party.strip():
        errors["party"] = _("Vul in met wie informatie gedeeld mag worden.")
    if valid_until is not None and given_at is not None and valid_until < given_at:
        errors["valid_until"] = _("Kies een einddatum op of na de datum waarop de toestemming is gegeven.")
    if errors:
        raise ValidationError(errors)
    if case is not None:
        _require_case_edit(actor, case)
    with transaction.atomic():
        consent = Consent.objects.create(
            resident=resident,
            case=case,
            purpose=purpose,
            form=form,
            given_at=given_at,
            note=note,
            party=party.strip(),
            valid_until=valid_until,
            recorded_by=actor,
        )
        if case is not None:
            case_event_record(
                case=case,
                kind="consent",
                summary=_("Toestemming vastgelegd: %(purpose)s") % {"purpose": consent.get_purpose_display()},
                actor=actor,
                obj=consent,
            )
        record_event(
            actor=actor,
            event_type="consent.record",
            action=Action.CREATE,
            object_type="consent",
            object_id=consent.pk,
            resident_id=resident.pk,
            details={"purpose": purpose, "form": form},
        )
    return consent


def consent_withdraw(*, actor, consent: Consent, note: str = "") -> Consent:
    """The resident withdraws a consent. Exchanges after today may no longer rest on it."""
    if consent.case is not None:
        _require_case_edit(actor, consent.case)
    if consent.withdrawn_at is not None:
        raise ValidationError({"__all__": _("Deze toestemming is al ingetrokken.")})
    with transaction.atomic():
        consent = Consent.objects.select_for_update().get(pk=consent.pk)
        consent.withdrawn_at = timezone.now()
        consent.withdrawn_by = actor
        consent.withdrawal_note = note
        consent.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_note", "updated_at"])
        if consent.case is not None:
            case_event_record(
                case=consent.case,
                kind="consent",
                summary=_("Toestemming ingetrokken: %(purpose)s") % {"purpose": consent.get_purpose_display()},
                actor=actor,
                obj=consent,
            )
        record_event(
            actor=actor,
            event_type="consent.withdraw",
            action=Action.UPDATE,
            object_type="consent",
            object_id=consent.pk,
            resident_id=consent.resident_id,
        )
    return consent


def consents_expire_due(*, today=None) -> int:
    """Record the expiry of consents whose end date has passed (the daily job).

    Each expiry lands on the case timeline and in the audit log once.
    """
    today = today or timezone.localdate()
    count = 0
    due = Consent.objects.filter(
        expired_at__isnull=True, withdrawn_at__isnull=True, valid_until__lt=today
    ).select_related("case")
    for consent in due.iterator():
        with transaction.atomic():
            consent.expired_at = timezone.now()
            consent.save(update_fields=["expired_at", "updated_at"])
            if consent.case is not None:
                case_event_record(
                    case=consent.case,
                    kind="consent",
                    summary=_("Toestemming verlopen: %(purpose)s") % {"purpose": consent.get_purpose_display()},
                    obj=consent,
                )
            record_event(
                actor=None,
                event_type="consent.expire",
                action=Action.UPDATE,
                object_type="consent",
                object_id=consent.pk,
                resident_id=consent.resident_id,
                user_name="system",
            )
        count += 1
    return count


def exchange_record(
    *,
    actor,
    case,
    party: str,
    purpose: str,
    ground: str,
    exchanged_on,
    consent: Consent | None = None,
    reason: str = "",
    direction: str = InformationExchange.Direction.OUTGOING,
    resident=None,
) -> InformationExchange:
    """Record an exchange of information with a party, with its ground.

    Consent must be in force on the day of the exchange, be the resident's, and cover this
    party; another ground needs a written reason. Without any ground, only an anonymous
    consultation is possible (anonymous_consultation_record).
    """
    _require_case_edit(actor, case)
    resident = resident or case.primary_resident
    party = party.strip()
    errors = {}
    if not party:
        errors["party"] = _("Vul in met welke partij informatie is gedeeld.")
    if not purpose.strip():
        errors["purpose"] = _("Vul in waarvoor de informatie is gedeeld.")
    if ground == Ground.CONSENT:
        if consent is None:
            errors["consent"] = _("Kies de toestemming waarop deze uitwisseling berust.")
        elif consent.resident_id != resident.pk:
            errors["consent"] = _("Deze toestemming is van een andere inwoner.")
        elif consent.status(on=exchanged_on) != Consent.Status.ACTIVE:
            errors["consent"] = _("Deze toestemming was op die datum niet geldig. Kies een andere grondslag.")
        elif consent.party and party and consent.party.casefold() != party.casefold():
            errors["consent"] = _("Deze toestemming geldt voor %(party)s, niet voor deze partij.") % {
                "party": consent.party
            }
    elif ground in (Ground.LEGAL_TASK, Ground.VITAL_INTEREST):
        consent = None
        if not reason.strip():
            errors["reason"] = _("Schrijf op waarom deze grondslag hier geldt.")
    else:
        errors["ground"] = _("Kies een grondslag. Zonder grondslag kan alleen een anoniem consult.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        exchange = InformationExchange.objects.create(
            case=case,
            resident=resident,
            party=party,
            purpose=purpose.strip(),
            direction=direction,
            ground=ground,
            consent=consent,
            reason=reason.strip(),
            exchanged_on=exchanged_on,
            recorded_by=actor,
        )
        case_event_record(
            case=case,
            kind="consent",
            summary=_("Informatie uitgewisseld met %(party)s (grondslag: %(ground)s)")
            % {"party": party, "ground": exchange.get_ground_display()},
            actor=actor,
            obj=exchange,
        )
        record_event(
            actor=actor,
            event_type="consent.exchange",
            action=Action.CREATE,
            object_type="informationexchange",
            object_id=exchange.pk,
            resident_id=resident.pk,
            details={"ground": ground, "consent_id": consent.pk if consent else None},
        )
    return exchange


def anonymous_consultation_record(*, actor, team, party: str, topic: str, consulted_on) -> AnonymousConsultation:
    """An anonymous general consultation: no resident, no case, no identifying details."""
    if not policy.has_perm(actor, Perm.CASE_EDIT, team_id=team.pk):
        raise PermissionDenied
    errors = {}
    if not party.strip():
        errors["party"] = _("Vul in met welke partij u overlegde.")
    if not topic.strip():
        errors["topic"] = _("Beschrijf kort het onderwerp, zonder namen of adressen.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        consultation = AnonymousConsultation.objects.create(
            team=team, party=party.strip(), topic=topic.strip(), consulted_on=consulted_on, recorded_by=actor
        )
        record_event(
            actor=actor,
            event_type="consent.anonymous_consultation",
            action=Action.CREATE,
            object_type="anonymousconsultation",
            object_id=consultation.pk,
        )
    return consultation
