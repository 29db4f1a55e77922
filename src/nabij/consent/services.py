"""Writes for consent records."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nabij.audit.services import Action, record_event
from nabij.cases.services import case_event_record
from nabij.consent.models import Consent


def consent_record(
    *, actor, resident, purpose: str, form: str, given_at, note: str = "", party: str = "", case=None, valid_until=None
) -> Consent:
    """Record a consent. Oral consent needs a note saying when and how it was given."""
    if form == Consent.Form.ORAL and not note.strip():
        raise ValidationError({"note": _("Schrijf bij mondelinge toestemming op wanneer en hoe die is gegeven.")})
    if purpose in (Consent.Purpose.EXCHANGE, Consent.Purpose.SHARE_PLAN) and not party.strip():
        raise ValidationError({"party": _("Vul in met wie informatie gedeeld mag worden.")})
    with transaction.atomic():
        consent = Consent.objects.create(
            resident=resident,
            case=case,
            purpose=purpose,
            form=form,
            given_at=given_at,
            note=note,
            party=party,
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
