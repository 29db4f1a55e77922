"""Reads of cases. The chokepoints: every load of case data goes through these."""

from django.http import Http404
from django.utils import timezone

from nabij.access import policy
from nabij.audit.services import Action, Outcome, record_event
from nabij.cases.models import Case, EmergencyAccess


def emergency_case_ids(user) -> list[int]:
    """Cases the user opened through a still-valid emergency access."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_nabij_emergency_case_ids", None)
    if cached is None:
        cached = list(
            EmergencyAccess.objects.filter(user=user, expires_at__gt=timezone.now()).values_list("case_id", flat=True)
        )
        user._nabij_emergency_case_ids = cached
    return cached


def case_list_for_user(user):
    """Cases within the user's data scope, ready for list screens."""
    if not policy.has_perm(user, policy.Perm.CASE_VIEW) and not emergency_case_ids(user):
        return Case.objects.none()
    return Case.objects.filter(policy.case_scope_q(user, emergency_case_ids=emergency_case_ids(user))).select_related(
        "household", "primary_resident", "team", "contact_person"
    )


def case_get_for_user(user, *, case_id: int, purpose: str = "case.view") -> Case:
    """One case, or 404 whether it is missing or outside the user's scope (ids leak nothing).

    Writes the audit event for the read, or for the denied attempt.
    """
    case = case_list_for_user(user).filter(pk=case_id).first()
    if case is None:
        record_event(
            actor=user,
            event_type=purpose,
            action=Action.READ,
            outcome=Outcome.DENIED,
            object_type="case",
            object_id=case_id,
        )
        raise Http404
    record_event(
        actor=user,
        event_type=purpose,
        action=Action.READ,
        object_type="case",
        object_id=case.pk,
        resident_id=case.primary_resident_id,
    )
    return case
