"""The one way to write an audit event."""

from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from nabij.audit import context
from nabij.audit.models import AuditEvent

_CHAIN_LOCK_KEY = 7513_0001  # PostgreSQL advisory lock that serialises the hash chain

Action = AuditEvent.Action
Outcome = AuditEvent.Outcome


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])
    # SQLite: transactions are IMMEDIATE (settings), so writers are already serialised.


def record_event(
    *,
    actor,
    event_type: str,
    action: str,
    outcome: str = Outcome.SUCCESS,
    object_type: str = "",
    object_id: Any = "",
    resident_id: int | None = None,
    details: dict | None = None,
    user_name: str = "",
) -> AuditEvent:
    """Append one event to the chain. `actor` is a User, or None for anonymous visitors.

    `details` must hold no personal data (ids, codes and reasons only).
    """
    ctx = context.current()
    user = actor if getattr(actor, "is_authenticated", False) else None
    # Everything that needs a query of its own is read before the chain lock: the lock
    # serialises every audited request, so it is held only for the last hash and the insert.
    organisation = user.organisation.name if user and user.organisation_id else ""
    with transaction.atomic():
        _lock_chain()
        previous = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
        if previous is None:
            # Empty table: the first event ever, or every event was purged by retention.
            from nabij.audit.models import AuditChainAnchor

            previous = (
                AuditChainAnchor.objects.order_by("-purged_through_id").values_list("anchor_hash", flat=True).first()
                or ""
            )
        event = AuditEvent(
            event_action=action,
            event_type=event_type,
            event_datetime=timezone.now(),
            event_outcome=outcome,
            user=user,
            user_name=user.get_username() if user else user_name,
            on_behalf_of=ctx.on_behalf_of,
            user_role=ctx.role,
            user_organisation=organisation,
            user_team_id=ctx.team_id,
            purpose_of_use=ctx.purpose_of_use,
            network_access_point=ctx.ip,
            participant_object_type=object_type,
            participant_object_id=str(object_id) if object_id not in (None, "") else "",
            resident_id=resident_id,
            audit_source=settings.NABIJ_INSTALLATION,
            details=details or {},
            previous_hash=previous,
        )
        event.hash = event.compute_hash()
        event.save()
    return event


def verify_chain(*, batch_size: int = 5000) -> tuple[int, AuditEvent | None]:
    """Walk the chain in id order. Returns (events checked, first broken event or None)."""
    from nabij.audit.models import AuditChainAnchor

    checked = 0
    previous = ""
    last_id = 0
    anchor = AuditChainAnchor.objects.order_by("-purged_through_id").first()
    if anchor is not None:
        # Events up to the anchor were removed by the retention job: the chain starts anew
        # from the hash of the last removed event.
        previous = anchor.anchor_hash
        last_id = anchor.purged_through_id
    while True:
        batch = list(AuditEvent.objects.filter(id__gt=last_id).order_by("id")[:batch_size])
        if not batch:
            return checked, None
        for event in batch:
            if event.previous_hash != previous or event.compute_hash() != event.hash:
                return checked, event
            previous = event.hash
            checked += 1
            last_id = event.id


def purge_events_before(*, cutoff) -> int:
    """Delete audit events older than `cutoff` (the retention job only).

    The database triggers refuse every DELETE unless a transaction-local permit is set:
    PostgreSQL `SET LOCAL nabij.audit_purge = 'on'`, SQLite a row in `audit_purge_permit`
    that is removed again before commit. Only events before `cutoff` are deleted, oldest
    first, and the hash of the last removed event is kept as the new chain anchor so
    `audit_verify` still checks the remaining chain from its first link.
    """
    from nabij.audit.models import AuditChainAnchor

    with transaction.atomic():
        _lock_chain()
        doomed = AuditEvent.objects.filter(event_datetime__lt=cutoff).order_by("-id")
        last = doomed.values("id", "hash").first()
        if last is None:
            return 0
        with connection.cursor() as cursor:
            permit_id = None
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL nabij.audit_purge = 'on'")
            else:
                cursor.execute("INSERT INTO audit_purge_permit DEFAULT VALUES")
                permit_id = cursor.lastrowid
            # Delete by id range: the chain is in id order, so everything up to the last
            # doomed event goes (events are appended in time order).
            cursor.execute("DELETE FROM audit_auditevent WHERE id <= %s AND event_datetime < %s", [last["id"], cutoff])
            deleted = cursor.rowcount
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL nabij.audit_purge = 'off'")
            else:
                cursor.execute("DELETE FROM audit_purge_permit WHERE id = %s", [permit_id])
        AuditChainAnchor.objects.create(purged_through_id=last["id"], anchor_hash=last["hash"], events_removed=deleted)
    return deleted
