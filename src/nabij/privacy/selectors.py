"""Reads for the privacy officer: the audit log, emergency accesses to review, access reports.

Every function checks the permission itself; the views audit that the log was looked at.
"""

from dataclasses import dataclass
from datetime import datetime, time

from django.db.models import Q
from django.utils import timezone

from nabij.access import policy
from nabij.access.policy import Perm
from nabij.audit.models import AuditEvent
from nabij.cases.models import Case, EmergencyAccess


@dataclass
class AuditFilter:
    resident_id: int | None = None
    user: str = ""
    date_from: object = None
    date_to: object = None
    action: str = ""
    event_type: str = ""
    outcome: str = ""

    def as_details(self) -> dict:
        """The filter as audit details: ids and codes only (a user name is staff, not a resident)."""
        return {
            key: (value.isoformat() if hasattr(value, "isoformat") else value)
            for key, value in self.__dict__.items()
            if value not in (None, "")
        }


def _start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def _end(day):
    return timezone.make_aware(datetime.combine(day, time.max))


def audit_events_for_officer(user, filters: AuditFilter):
    """The audit log, filtered, newest first. Empty for anyone without audit.view."""
    if not policy.has_perm(user, Perm.AUDIT_VIEW):
        return AuditEvent.objects.none()
    qs = AuditEvent.objects.all()
    if filters.resident_id:
        qs = qs.filter(resident_id=filters.resident_id)
    if filters.user:
        qs = qs.filter(user_name__iexact=filters.user.strip())
    if filters.date_from:
        qs = qs.filter(event_datetime__gte=_start(filters.date_from))
    if filters.date_to:
        qs = qs.filter(event_datetime__lte=_end(filters.date_to))
    if filters.action:
        qs = qs.filter(event_action=filters.action)
    if filters.event_type:
        qs = qs.filter(event_type__startswith=filters.event_type.strip())
    if filters.outcome:
        qs = qs.filter(event_outcome=filters.outcome)
    return qs.order_by("-event_datetime", "-id")


def emergency_accesses_for_review(user):
    """Emergency accesses not yet reviewed, oldest first (they wait longest)."""
    if not policy.has_perm(user, Perm.AUDIT_VIEW):
        return EmergencyAccess.objects.none()
    return (
        EmergencyAccess.objects.filter(reviewed_at__isnull=True)
        .select_related("user", "user__organisation", "case", "case__team")
        .order_by("created_at", "id")
    )


def emergency_accesses_reviewed(user, *, limit: int = 20):
    if not policy.has_perm(user, Perm.AUDIT_VIEW):
        return EmergencyAccess.objects.none()
    return (
        EmergencyAccess.objects.filter(reviewed_at__isnull=False)
        .select_related("user", "case", "case__team", "reviewed_by")
        .order_by("-reviewed_at")[:limit]
    )


def emergency_access_get_for_officer(user, *, pk: int) -> EmergencyAccess | None:
    if not policy.has_perm(user, Perm.AUDIT_VIEW):
        return None
    return (
        EmergencyAccess.objects.select_related("user", "user__organisation", "case", "case__team", "reviewed_by")
        .filter(pk=pk)
        .first()
    )


@dataclass(frozen=True)
class OutsideView:
    """All a user outside the team may know of a case: who to call."""

    team_name: str
    contact_person: str
    since: object
    reference: str


def case_outside_view(case: Case) -> OutsideView:
    contact = case.contact_person
    return OutsideView(
        team_name=case.team.name,
        contact_person=(contact.get_full_name() or contact.get_username()) if contact else "",
        since=case.opened_at,
        reference=case.reference,
    )


def access_report_rows(resident, *, date_from=None, date_to=None):
    """Who accessed this resident's file, oldest first: audit events about the resident
    plus emergency accesses on their cases (which also appear as events)."""
    qs = AuditEvent.objects.filter(resident_id=resident.pk).exclude(user__isnull=True)
    if date_from:
        qs = qs.filter(event_datetime__gte=_start(date_from))
    if date_to:
        qs = qs.filter(event_datetime__lte=_end(date_to))
    return qs.select_related("user", "user__organisation").order_by("event_datetime", "id")


def emergency_accesses_for_resident(resident, *, date_from=None, date_to=None):
    q = Q(case__primary_resident=resident)
    if resident.household_id:
        q |= Q(case__household_id=resident.household_id)
    qs = EmergencyAccess.objects.filter(q)
    if date_from:
        qs = qs.filter(created_at__gte=_start(date_from))
    if date_to:
        qs = qs.filter(created_at__lte=_end(date_to))
    return qs.select_related("user", "user__organisation", "case", "reviewed_by").order_by("created_at")
