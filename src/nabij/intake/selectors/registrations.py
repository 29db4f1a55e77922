"""Reads of registrations: the access chokepoint, the triage board and the waiting list.

Scope: team members holding triage.view see their team's registrations
(`policy.registration_scope_q`). Missing and forbidden answer alike (404). Every view of
one registration writes an audit event, also when it is refused.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Case as When_
from django.db.models import IntegerField, OuterRef, Subquery, Value, When
from django.http import Http404
from django.utils import timezone

from nabij.access import policy
from nabij.accounts.models import Role, Team
from nabij.audit.services import Action, Outcome, record_event
from nabij.core.workdays import working_days_between
from nabij.intake.models import Registration, RegistrationLetter, Urgency, WaitingListEntry

OPEN_STATUSES = (Registration.Status.NEW, Registration.Status.TRIAGED, Registration.Status.WAITING)
# Roles that may carry out a core decision (and so become a household's contact person).
ASSIGNABLE_ROLES = (Role.WORKER, Role.COORDINATOR)


def _urgency_rank(field: str):
    """Crisis first, then high, then normal: a sortable number for the database."""
    return When_(
        When(**{field: Urgency.CRISIS}, then=Value(0)),
        When(**{field: Urgency.HIGH}, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )


def registration_list_for_user(user):
    """Registrations within the user's scope, ready for list screens."""
    return Registration.objects.filter(policy.registration_scope_q(user)).select_related(
        "team", "resident", "case", "first_contact_by"
    )


def registration_get_for_user(user, pk: int, *, purpose: str = "registration.view") -> Registration:
    """One registration, or 404 whether it is missing or outside the user's scope."""
    registration = registration_list_for_user(user).filter(pk=pk).first()
    record_event(
        actor=user,
        event_type=purpose,
        action=Action.READ,
        outcome=Outcome.SUCCESS if registration else Outcome.DENIED,
        object_type="registration",
        object_id=pk,
        resident_id=registration.resident_id if registration else None,
    )
    if registration is None:
        raise Http404
    return registration


def board_team_for_user(user, active_team) -> Team | None:
    """The team whose board to show: the active team when the user may see its board, else
    the first team where they may. None when they may see none. Built from the user's grants
    (id and name, which is all the board needs), so it costs no query."""
    names = {g.team_id: g.team_name for g in policy.grants(user)}
    allowed = policy.team_ids(user, perm=policy.Perm.TRIAGE_VIEW)
    if active_team is not None and active_team.pk in allowed:
        team_id = active_team.pk
    elif allowed:
        team_id = min(allowed)
    else:
        return None
    return Team(id=team_id, name=names[team_id])


@dataclass
class BoardRow:
    registration: Registration
    working_days_waiting: int
    overdue: bool
    due_today: bool
    known_case_id: int | None
    minor: bool  # flagged at the door, or younger than NABIJ_YOUTH_AGE_LIMIT by the birth date told


def _is_minor(registration: Registration, today: date) -> bool:
    if registration.is_minor:
        return True
    born = registration.birth_date
    if born is None:
        return False
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return age < settings.NABIJ_YOUTH_AGE_LIMIT


def _known_case_subquery():
    from nabij.cases.models import Case

    return Subquery(
        Case.objects.filter(household_id=OuterRef("resident__household_id"), closed_at__isnull=True).values("pk")[:1]
    )


# The board shows at most this many rows (the most urgent and oldest); a team with more open
# registrations sees how many there are and that the rest follow.
BOARD_LIMIT = 200


def board_totals(user, *, team_id: int, today: date | None = None) -> dict:
    """How many open registrations the team has, and with overdue first contact: one query."""
    from django.db.models import Count, Q

    today = today or timezone.localdate()
    return (
        registration_list_for_user(user)
        .filter(team_id=team_id, status__in=OPEN_STATUSES)
        .aggregate(
            total=Count("pk"),
            overdue=Count("pk", filter=Q(first_contact_at__isnull=True, first_contact_due__lt=today)),
        )
    )


def board_rows(user, *, team_id: int, today: date | None = None, limit: int | None = None) -> list[BoardRow]:
    """Open registrations of the team (new, triaged, waiting): acute and high first, then the
    oldest; the first `limit` (all when None). One query whatever their number."""
    today = today or timezone.localdate()
    registrations = (
        registration_list_for_user(user)
        .filter(team_id=team_id, status__in=OPEN_STATUSES)
        .select_related("triage", "outcome", "outcome__assigned_worker", "redirected_from__team")
        .annotate(urgency_rank=_urgency_rank("urgency"), known_case_id=_known_case_subquery())
        .order_by("urgency_rank", "received_at", "pk")[:limit]
    )
    rows = []
    for registration in registrations:
        received_on = timezone.localtime(registration.received_at).date()
        due = registration.first_contact_due
        waiting_for_contact = registration.first_contact_at is None
        rows.append(
            BoardRow(
                registration=registration,
                working_days_waiting=max(working_days_between(received_on, today), 0),
                overdue=bool(due and waiting_for_contact and due < today),
                due_today=bool(due and waiting_for_contact and due == today),
                known_case_id=registration.known_case_id,
                minor=_is_minor(registration, today),
            )
        )
    return rows


@dataclass
class WaitingRow:
    entry: WaitingListEntry
    position: int
    working_days_waiting: int
    interim_overdue: bool


def waiting_list_rows(user, *, team_id: int, today: date | None = None) -> list[WaitingRow]:
    """The team's waiting list: position by urgency, then time of placement. One query."""
    today = today or timezone.localdate()
    visible = registration_list_for_user(user).filter(team_id=team_id).values("pk")
    entries = (
        WaitingListEntry.objects.filter(team_id=team_id, removed_at__isnull=True, registration_id__in=visible)
        .select_related("registration")
        .annotate(urgency_rank=_urgency_rank("registration__urgency"))
        .order_by("urgency_rank", "placed_at", "pk")
    )
    rows = []
    for position, entry in enumerate(entries, start=1):
        placed_on = timezone.localtime(entry.placed_at).date()
        rows.append(
            WaitingRow(
                entry=entry,
                position=position,
                working_days_waiting=max(working_days_between(placed_on, today), 0),
                interim_overdue=bool(entry.interim_contact_due and entry.interim_contact_due < today),
            )
        )
    return rows


def team_workers(team_id: int):
    """Members of the team who may carry out a core decision, by name."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True, memberships__team_id=team_id, memberships__role__in=[str(r) for r in ASSIGNABLE_ROLES]
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def registration_letters(registration: Registration):
    return RegistrationLetter.objects.filter(registration=registration).select_related("created_by", "email")


def intake_nav(user) -> dict:
    """Which intake pages the user may open (for the links between them; no queries beyond the
    user's memberships, which the policy caches per request)."""
    return {
        "board": bool(policy.team_ids(user, perm=policy.Perm.TRIAGE_VIEW)),
        "new": policy.has_perm(user, policy.Perm.REGISTRATION_CREATE),
    }
