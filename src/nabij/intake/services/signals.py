"""Signals from the neighbourhood: kept apart from registrations (they may name nobody yet),
closed with a reason, or turned into a registration that remembers where it came from."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nabij.access import policy
from nabij.access.policy import Perm
from nabij.audit.services import Action, Outcome, record_event
from nabij.core.concurrency import save_versioned
from nabij.core.references import highest_number, next_reference
from nabij.intake.models import Channel, ReporterKind, Signal

from . import registrations as registration_services


def _require_write(actor, team_id, *, event_type: str, signal_id=None) -> None:
    if not policy.has_perm(actor, Perm.REGISTRATION_CREATE, team_id=team_id):
        record_event(
            actor=actor,
            event_type=event_type,
            action=Action.UPDATE if signal_id else Action.CREATE,
            outcome=Outcome.DENIED,
            object_type="signal",
            object_id=signal_id or "",
        )
        raise PermissionDenied


def _next_reference(year: int) -> str:
    """S-2026-00007: the year and a counter."""
    return next_reference(
        "S",
        year,
        highest_in_use=lambda: highest_number(
            Signal.objects.filter(reference__startswith=f"S-{year}-").values_list("reference", flat=True)
        ),
    )


def signal_create(
    *,
    actor,
    team,
    theme: str,
    description: str,
    area=None,
    source: str = Signal.Source.PASSIVE,
    reported_by: str = "",
    location_hint: str = "",
    received_at=None,
) -> Signal:
    _require_write(actor, team.pk, event_type="signal.create")
    theme, description = theme.replace("\x00", "").strip(), description.replace("\x00", "").strip()
    errors = {}
    if not theme:
        errors["theme"] = [_("Vul een thema in.")]
    if not description:
        errors["description"] = [_("Beschrijf het signaal.")]
    if source not in Signal.Source.values:
        errors["source"] = [_("Kies een van de mogelijkheden.")]
    if errors:
        raise ValidationError(errors)
    received_at = received_at or timezone.now()
    signal = Signal(
        team=team,
        area=area,
        theme=theme[:100],
        description=description,
        source=source,
        reported_by=reported_by.replace("\x00", "").strip()[:200],
        location_hint=location_hint.replace("\x00", "").strip()[:200],
        received_at=received_at,
        created_by=actor,
    )
    with transaction.atomic():
        signal.reference = _next_reference(timezone.localdate(received_at).year)
        signal.save()
        record_event(
            actor=actor,
            event_type="signal.create",
            action=Action.CREATE,
            object_type="signal",
            object_id=signal.pk,
            details={"team": team.pk, "area": area.pk if area else None, "source": source},
        )
    return signal


def signal_close(*, actor, signal: Signal, reason: str, expected_version: int) -> Signal:
    _require_write(actor, signal.team_id, event_type="signal.close", signal_id=signal.pk)
    reason = reason.replace("\x00", "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Vul een reden in.")]})
    if signal.status != Signal.Status.OPEN:
        raise ValidationError(_("Dit signaal is niet meer open."))
    with transaction.atomic():
        signal.status = Signal.Status.CLOSED
        signal.closed_reason = reason[:300]
        signal.updated_at = timezone.now()
        save_versioned(signal, expected_version=expected_version, fields=["status", "closed_reason", "updated_at"])
        record_event(
            actor=actor,
            event_type="signal.close",
            action=Action.UPDATE,
            object_type="signal",
            object_id=signal.pk,
        )
    return signal


def signal_registration_initial(signal: Signal) -> dict:
    """What a registration made from this signal starts with (the worker completes it)."""
    return {
        "question": signal.description,
        "reporter_kind": ReporterKind.RELATIVE if signal.reported_by else ReporterKind.SELF,
        "reporter_name": signal.reported_by,
        "reachable_when": "",
    }


def signal_to_registration(*, actor, signal: Signal, expected_version: int, **fields):
    """ "Maak aanmelding": a registration from the signal, linked to it (Registration.signal);
    the signal is marked as registered. `fields` as for registration_create."""
    _require_write(actor, signal.team_id, event_type="signal.register", signal_id=signal.pk)
    if signal.status != Signal.Status.OPEN:
        raise ValidationError(_("Dit signaal is niet meer open."))
    with transaction.atomic():
        registration = registration_services.registration_create(
            channel=Channel.SIGNAL, actor=actor, team=signal.team, signal=signal, **fields
        )
        if registration.area_id is None and signal.area_id:
            registration.area = signal.area
            registration.save(update_fields=["area"])
        signal.status = Signal.Status.REGISTERED
        signal.updated_at = timezone.now()
        save_versioned(signal, expected_version=expected_version, fields=["status", "updated_at"])
        record_event(
            actor=actor,
            event_type="signal.register",
            action=Action.UPDATE,
            object_type="signal",
            object_id=signal.pk,
            details={"registration": registration.pk},
        )
    return registration
