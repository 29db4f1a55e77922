"""THE access policy: who may see and do what. One module; every check in Nabij comes here.

Model (after Primero): a role grants permissions (resource × action); the data scope
comes from team membership. Access to a resident's data is widened only by assignment,
team membership or a recorded emergency access (see `cases`/`access` services), never by
a setting. "Missing" and "forbidden" must answer alike (404) in callers: the chokepoint
selectors return None / raise Http404 for both.

This module holds pure functions and Q-object builders; it imports no app above it.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Q

from nabij.accounts.models import Membership, Role


class Perm(StrEnum):
    """Permissions, named resource.action."""

    WORKLIST_VIEW = "worklist.view"
    CASE_VIEW = "case.view"  # see case contents within the data scope
    CASE_EDIT = "case.edit"  # register contact moments, edit the plan
    CASE_ASSIGN = "case.assign"  # choose contact persons, balance caseloads
    RESIDENT_SEARCH = "resident.search"
    TRIAGE_VIEW = "triage.view"  # the aanmeldoverleg board
    TRIAGE_DECIDE = "triage.decide"  # record triage and the kernbesluit
    REGISTRATION_CREATE = "registration.create"  # staff entry of an aanmelding
    MEETING_VIEW = "meeting.view"
    INSIGHTS_VIEW = "insights.view"  # aggregated, anonymised figures only
    AUDIT_VIEW = "audit.view"  # the access log and emergency-access reviews
    PRIVACY_MANAGE = "privacy.manage"  # retention, destruction requests, resident access reports
    CONFIG_MANAGE = "config.manage"  # teams, areas, users, norms, templates
    VOLUNTEERS_MANAGE = "volunteers.manage"
    EMERGENCY_ACCESS = "emergency.access"  # may break the glass, with a reason


ROLE_PERMISSIONS: dict[str, frozenset[Perm]] = {
    Role.WORKER: frozenset(
        {
            Perm.WORKLIST_VIEW,
            Perm.CASE_VIEW,
            Perm.CASE_EDIT,
            Perm.RESIDENT_SEARCH,
            Perm.TRIAGE_VIEW,
            Perm.REGISTRATION_CREATE,
            Perm.MEETING_VIEW,
            Perm.EMERGENCY_ACCESS,
        }
    ),
    Role.COORDINATOR: frozenset(
        {
            Perm.WORKLIST_VIEW,
            Perm.CASE_VIEW,
            Perm.CASE_EDIT,
            Perm.CASE_ASSIGN,
            Perm.RESIDENT_SEARCH,
            Perm.TRIAGE_VIEW,
            Perm.TRIAGE_DECIDE,
            Perm.REGISTRATION_CREATE,
            Perm.MEETING_VIEW,
            Perm.INSIGHTS_VIEW,
            Perm.EMERGENCY_ACCESS,
        }
    ),
    # Configuration only: no case contents.
    Role.FUNCTIONAL_ADMIN: frozenset({Perm.CONFIG_MANAGE}),
    # Logs and reviews, no case contents unless granted.
    Role.PRIVACY_OFFICER: frozenset({Perm.AUDIT_VIEW, Perm.PRIVACY_MANAGE}),
    # Aggregates only: never a name.
    Role.ANALYST: frozenset({Perm.INSIGHTS_VIEW}),
    Role.VOLUNTEER_COORDINATOR: frozenset({Perm.VOLUNTEERS_MANAGE}),
}

# Roles whose members see the cases of their team (the data scope "team").
CASE_SCOPE_ROLES = frozenset({Role.WORKER, Role.COORDINATOR})


@dataclass(frozen=True)
class Grant:
    team_id: int
    team_name: str
    role: str


def grants(user) -> tuple[Grant, ...]:
    """The user's (team, role) pairs, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return ()
    cached = getattr(user, "_nabij_grants", None)
    if cached is None:
        cached = tuple(
            Grant(team_id=m.team_id, team_name=m.team.name, role=m.role)
            for m in Membership.objects.filter(user=user, team__is_active=True).select_related("team")
        )
        user._nabij_grants = cached
    return cached


def roles(user, *, team_id: int | None = None) -> set[str]:
    return {g.role for g in grants(user) if team_id is None or g.team_id == team_id}


def permissions(user, *, team_id: int | None = None) -> set[Perm]:
    perms: set[Perm] = set()
    for role in roles(user, team_id=team_id):
        perms |= ROLE_PERMISSIONS.get(role, frozenset())
    return perms


def has_perm(user, perm: Perm, *, team_id: int | None = None) -> bool:
    """Does the user hold `perm` (in `team_id`, or in any team when None)?"""
    return perm in permissions(user, team_id=team_id)


def team_ids(user, *, perm: Perm | None = None) -> set[int]:
    """Teams in which the user holds `perm` (or any role when None)."""
    return {g.team_id for g in grants(user) if perm is None or perm in ROLE_PERMISSIONS.get(g.role, frozenset())}


def case_scope_team_ids(user) -> set[int]:
    """Teams whose cases the user may see in full (data scope 'team')."""
    return {g.team_id for g in grants(user) if g.role in CASE_SCOPE_ROLES}


def case_scope_q(user, *, prefix: str = "", emergency_case_ids: Iterable[int] = ()) -> Q:
    """Filter for cases (or rows reached through `prefix`, e.g. 'case__') the user may see.

    `emergency_case_ids` are cases opened through an active, recorded emergency access.
    """
    teams = case_scope_team_ids(user)
    q = Q(**{f"{prefix}team_id__in": teams}) if teams else Q(pk__in=[])
    emergency = list(emergency_case_ids)
    if emergency:
        q |= Q(**{f"{prefix}id__in": emergency})
    return q


def can_see_case(user, *, team_id: int, case_id: int | None = None, emergency_case_ids: Iterable[int] = ()) -> bool:
    return team_id in case_scope_team_ids(user) or (case_id is not None and case_id in set(emergency_case_ids))


def registration_scope_q(user, *, prefix: str = "") -> Q:
    """Filter for registrations (aanmeldingen) the user may see: those of the teams in which
    they hold triage.view. A registration without a team (not routed yet) is in no scope."""
    teams = team_ids(user, perm=Perm.TRIAGE_VIEW)
    return Q(**{f"{prefix}team_id__in": teams}) if teams else Q(pk__in=[])


# --- Privacy: emergency access and the privacy officer (docs/privacy.md, section 4) ----------
# The full per-URL table is src/nabij/privacy/access_matrix.py, proved by its test.

# What a user outside the case's team may know of it: enough to call the right people.
OUTSIDE_SCOPE_FIELDS = ("team", "contact_person", "opened_at", "reference")


def can_break_glass(user) -> bool:
    """May open a case outside their teams by stating a reason (time-limited, reviewed)."""
    return has_perm(user, Perm.EMERGENCY_ACCESS)


def can_review_access(user) -> bool:
    """May read the audit log and review emergency accesses (no case contents)."""
    return has_perm(user, Perm.AUDIT_VIEW)


def can_handle_rights_requests(user) -> bool:
    """May produce access reports and data exports, and handle destruction requests."""
    return has_perm(user, Perm.PRIVACY_MANAGE)
