"""Writes of the privacy app: emergency access and its review, the audited BSN reveal,
destruction requests. Keyword-only, one transaction, the access check, the audit event."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _

from nabij.access import policy
from nabij.access.policy import Perm
from nabij.audit.services import Action, Outcome, record_event
from nabij.cases.models import Case, CaseEvent, EmergencyAccess
from nabij.cases.services import case_event_record
from nabij.privacy.models import DestructionRequest

logger = logging.getLogger(__name__)

MIN_REASON_LENGTH = 15


def require_perm(actor, perm: Perm, *, event_type: str, object_type: str = "", object_id="") -> None:
    """Refuse (403) and audit the attempt when the actor lacks `perm` in every team."""
    if not policy.has_perm(actor, perm):
        record_event(
            actor=actor,
            event_type=event_type,
            action=Action.EXECUTE,
            outcome=Outcome.DENIED,
            object_type=object_type,
            object_id=object_id,
        )
        raise PermissionDenied


# --- Emergency access (doorbreken van de autorisatie) --------------------------------------


def emergency_access_grant(*, actor, case: Case, reason: str) -> EmergencyAccess:
    """A worker outside the case's team opens it by stating a reason.

    The access lasts NABIJ_EMERGENCY_ACCESS_HOURS, is audited, shows on the case timeline
    (so the team sees who broke the glass) and lands on the privacy officer's review list.
    """
    require_perm(
        actor, Perm.EMERGENCY_ACCESS, event_type="case.emergency_access", object_type="case", object_id=case.pk
    )
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise ValidationError(
            {
                "reason": _(
                    "Schrijf in minstens %(count)d tekens waarom u deze casus nu moet inzien, "
                    "bijvoorbeeld: inwoner belt in crisis, eigen contactpersoon niet bereikbaar."
                )
                % {"count": MIN_REASON_LENGTH}
            }
        )
    hours = settings.NABIJ_EMERGENCY_ACCESS_HOURS
    now = timezone.now()
    with transaction.atomic():
        access = EmergencyAccess.objects.create(
            user=actor, case=case, reason=reason, expires_at=now + timedelta(hours=hours)
        )
        case_event_record(
            case=case,
            kind=CaseEvent.Kind.NOTE,
            summary=_("Noodtoegang (doorbreken) door %(user)s, geldig tot %(time)s")
            % {
                "user": actor.get_full_name() or actor.get_username(),
                "time": timezone.localtime(access.expires_at).strftime("%d-%m-%Y %H:%M"),
            },
            actor=actor,
            obj=access,
        )
        record_event(
            actor=actor,
            event_type="case.emergency_access",
            action=Action.EXECUTE,
            object_type="case",
            object_id=case.pk,
            resident_id=case.primary_resident_id,
            details={"emergency_access_id": access.pk, "hours": hours},
        )
    # The scope cache on the user object must see the new grant in this request.
    actor.__dict__.pop("_nabij_emergency_case_ids", None)
    logger.info("emergency access %s granted on case %s", access.pk, case.pk)
    return access


def emergency_access_review(*, actor, access: EmergencyAccess, note: str) -> EmergencyAccess:
    """The privacy officer judges an emergency access; it then leaves the review list."""
    require_perm(actor, Perm.AUDIT_VIEW, event_type="emergency.review", object_type="emergencyaccess")
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Schrijf uw oordeel op, bijvoorbeeld: reden past bij de situatie.")})
    with transaction.atomic():
        access = EmergencyAccess.objects.select_for_update().get(pk=access.pk)
        if access.reviewed_at is not None:
            raise ValidationError({"note": _("Deze noodtoegang is al beoordeeld.")})
        access.reviewed_at = timezone.now()
        access.reviewed_by = actor
        access.review_note = note
        access.save(update_fields=["reviewed_at", "reviewed_by", "review_note", "updated_at"])
        record_event(
            actor=actor,
            event_type="emergency.review",
            action=Action.UPDATE,
            object_type="emergencyaccess",
            object_id=access.pk,
            resident_id=access.case.primary_resident_id,
        )
    return access


# --- Destruction requests (AVG art. 17) ----------------------------------------------------


def _add_months(day, months: int):
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    import calendar

    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def destruction_request_register(*, actor, resident, received_on, note: str = "") -> DestructionRequest:
    require_perm(actor, Perm.PRIVACY_MANAGE, event_type="destruction.register", object_type="resident")
    if received_on is None or received_on > timezone.localdate():
        raise ValidationError({"received_on": _("Vul de datum in waarop het verzoek binnenkwam, niet in de toekomst.")})
    with transaction.atomic():
        request = DestructionRequest.objects.create(
            resident=resident,
            resident_ref=resident.pk,
            received_on=received_on,
            due_on=_add_months(received_on, settings.NABIJ_DESTRUCTION_TERM_MONTHS),
            note=note.strip(),
            registered_by=actor,
        )
        record_event(
            actor=actor,
            event_type="destruction.register",
            action=Action.CREATE,
            object_type="destructionrequest",
            object_id=request.pk,
            resident_id=resident.pk,
        )
    return request


def destruction_exception_record(*, actor, request: DestructionRequest, reason: str) -> DestructionRequest:
    """Record why the file is (partly) kept: it is then not destroyed by the job."""
    require_perm(actor, Perm.PRIVACY_MANAGE, event_type="destruction.exception", object_type="destructionrequest")
    if not (reason or "").strip():
        raise ValidationError({"exception_reason": _("Schrijf op waarom het dossier bewaard blijft.")})
    if request.status == DestructionRequest.Status.CARRIED_OUT:
        raise ValidationError({"exception_reason": _("Dit verzoek is al uitgevoerd.")})
    with transaction.atomic():
        request.status = DestructionRequest.Status.EXCEPTION
        request.exception_reason = reason.strip()
        request.handled_by = actor
        request.handled_at = timezone.now()
        request.save(update_fields=["status", "exception_reason", "handled_by", "handled_at", "updated_at"])
        record_event(
            actor=actor,
            event_type="destruction.exception",
            action=Action.UPDATE,
            object_type="destructionrequest",
            object_id=request.pk,
            resident_id=request.resident_ref,
        )
    return request


def destruction_carry_out(*, actor, request: DestructionRequest) -> DestructionRequest:
    """Destroy the resident's file now: their cases go (anonymous statistics stay) and the
    resident and household are anonymised. `actor` None means the scheduled job."""
    from nabij.privacy import retention

    if actor is not None:
        require_perm(actor, Perm.PRIVACY_MANAGE, event_type="destruction.carry_out", object_type="destructionrequest")
    if request.status != DestructionRequest.Status.REGISTERED:
        raise ValidationError(
            {"__all__": _("Alleen een geregistreerd verzoek zonder uitzondering kan worden uitgevoerd.")}
        )
    try:
        return _destruction_carry_out(actor=actor, request=request, retention=retention)
    except (ProtectedError, RestrictedError) as error:
        logger.warning("destruction request %s blocked by %s", request.pk, type(error).__name__)
        raise ValidationError(
            {
                "__all__": _(
                    "Vernietigen lukt niet: andere gegevens verwijzen nog naar dit dossier. "
                    "Vraag de functioneel beheerder om hulp of leg een uitzondering vast."
                )
            }
        ) from error


def _destruction_carry_out(*, actor, request, retention):
    with transaction.atomic():
        removed = retention.resident_erase(request.resident, reason="destruction") if request.resident else 0
        request.status = DestructionRequest.Status.CARRIED_OUT
        request.handled_by = actor
        request.handled_at = timezone.now()
        request.cases_removed = removed
        request.resident = None
        request.save(update_fields=["status", "handled_by", "handled_at", "cases_removed", "resident", "updated_at"])
        record_event(
            actor=actor,
            event_type="destruction.carry_out",
            action=Action.DELETE,
            object_type="destructionrequest",
            object_id=request.pk,
            resident_id=request.resident_ref,
            details={"cases_removed": removed},
            user_name="" if actor else "system",
        )
    return request
