"""Reads of registrations: the access chokepoint, the triage board and the waiting list.

Scope: team members holding triage.view see their team's registrations
(`policy.registration_scope_q`). Missing and forbidden answer alike (404). Every view of
one registration writes an audit event, also when it is refused.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Case as When_
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.http import Http404
from django.utils import timezone

from nabij.access import policy
from nabij.accounts.models import Role
from nabij.audit.services import Action, Outcome, record_event
from nabij.core.workdays import working_days_between
from nabij.intake.models import Outcome as IntakeOutcome  # audit's Outcome is success/denied
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


@dataclass(frozen=True)
class BoardTeam:
    """The team whose board or waiting list is shown: what those pages need of it, taken from
    the user's grants. Not a Team instance, so it cannot be saved over the real row."""

    pk: int
    name: str


def board_team_for_user(user, active_team) -> BoardTeam | None:
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
    return BoardTeam(pk=team_id, name=names[team_id])


def _is_minor(registration: Registration, today: date) -> bool:
    if registration.is_minor:
        return True
    born = registration.birth_date
    if born is None:
        return False
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return age < settings.NABIJ_YOUTH_AGE_LIMIT


def _open_cases_of_household():
    """The open cases of the registration's household (for a subquery of the board's rows)."""
    from nabij.cases.models import Case

    return Case.objects.filter(household_id=OuterRef("resident__household_id"), closed_at__isnull=True)


def _known_case_subquery(team_ids):
    """The household's open case in one of `team_ids` (the user's case scope), if any."""
    return Subquery(_open_cases_of_household().filter(team_id__in=team_ids).order_by("pk").values("pk")[:1])


def _known_elsewhere(team_ids):
    """Whether the household has an open case in a team outside `team_ids`: the board says so,
    without a link the user could not follow (it would answer 404 and log a denied access)."""
    return Exists(_open_cases_of_household().exclude(team_id__in=team_ids))


# The board shows at most this many rows (the most urgent and oldest); a team with more open
# registrations sees how many there are and that the rest follow.
BOARD_LIMIT = 200

# What the board page and the board API read of a registration. Everything else (the
# question, contact details, the encrypted BSN) stays in the database, and the joins of the
# list screens (team, case, first contact by) are left out: eleven joined tables took
# PostgreSQL ~10 ms to plan on every request, more than running the query.
BOARD_FIELDS = (
    "id",
    "reference",
    "channel",
    "status",
    "received_at",
    "given_names",
    "surname_prefix",
    "surname",
    "birth_date",
    "is_minor",
    "urgency",
    "safety_flag",
    "resident",
    "redirected_from",
    "first_contact_due",
    "first_contact_at",
)


def _registrations_in_scope(user, *, team_id: int):
    """The team's open registrations as the access policy lets this user see them: the one
    queryset the board's rows and its counts both start from."""
    return registration_list_for_user(user).select_related(None).filter(team_id=team_id, status__in=OPEN_STATUSES)


def board_totals(user, *, team_id: int, today: date | None = None) -> dict:
    """How many open registrations the team has, and with overdue first contact: one query."""
    today = today or timezone.localdate()
    return _registrations_in_scope(user, team_id=team_id).aggregate(
        total=Count("pk"),
        overdue=Count("pk", filter=Q(first_contact_at__isnull=True, first_contact_due__lt=today)),
    )


@dataclass(slots=True)
class BoardRow:
    registration: Registration  # only BOARD_FIELDS are loaded
    working_days_waiting: int
    overdue: bool
    due_today: bool
    known_case_id: int | None  # an open case of the household the user may open
    known_elsewhere: bool  # else: an open case in another team (no link)
    minor: bool  # flagged at the door, or younger than NABIJ_YOUTH_AGE_LIMIT by the birth date told
    received_local: datetime  # received_at in the current time zone
    # Display labels, translated once per distinct value for the whole board (get_FOO_display
    # per row and cell was a fifth of the page's CPU at 200 rows).
    channel_label: str
    urgency_label: str
    status_label: str
    outcome_label: str | None  # None: no outcome recorded yet
    outcome_worker: str | None  # who carries the outcome out (full name, else username); None: nobody
    redirected_from_team: str | None  # None: not redirected; "" when the first team is not known


def _labeller(model, field_name: str):
    """value → its choice label in the active language, as get_FOO_display gives it (an
    unknown value shows as itself); each label translated once."""
    choices = dict(model._meta.get_field(field_name).flatchoices)
    labels = {}

    def label(value):
        if value not in labels:
            labels[value] = str(choices.get(value, value))
        return labels[value]

    return label


def board_rows(user, *, team_id: int, today: date | None = None, limit: int | None = None) -> list[BoardRow]:
    """Open registrations of the team (new, triaged, waiting): acute and high first, then the
    oldest; the first `limit` (all when None). One query whatever their number."""
    today = today or timezone.localdate()
    # Cases reached by an emergency access are left out here (that list costs a query); such a
    # case shows as known elsewhere, and the worker has it open already.
    scope_teams = sorted(policy.case_scope_team_ids(user))
    registrations = (
        _registrations_in_scope(user, team_id=team_id)
        .only(*BOARD_FIELDS)
        .annotate(
            urgency_rank=_urgency_rank("urgency"),
            known_case_id=_known_case_subquery(scope_teams),
            known_elsewhere=_known_elsewhere(scope_teams),
            # Plain columns rather than related objects: four model instances fewer per row.
            board_outcome_kind=F("outcome__kind"),
            board_worker_first_name=F("outcome__assigned_worker__first_name"),
            board_worker_last_name=F("outcome__assigned_worker__last_name"),
            board_worker_username=F("outcome__assigned_worker__username"),
            board_redirected_from_team=F("redirected_from__team__name"),
        )
        .order_by("urgency_rank", "received_at", "pk")[:limit]
    )
    channel_label = _labeller(Registration, "channel")
    urgency_label = _labeller(Registration, "urgency")
    status_label = _labeller(Registration, "status")
    outcome_label = _labeller(IntakeOutcome, "kind")
    waited: dict[date, int] = {}  # working days per day received: many rows share one
    rows = []
    for registration in registrations:
        received_local = timezone.localtime(registration.received_at)
        received_on = received_local.date()
        if received_on not in waited:
            waited[received_on] = max(working_days_between(received_on, today), 0)
        due = registration.first_contact_due
        waiting_for_contact = registration.first_contact_at is None
        kind = registration.board_outcome_kind
        worker = registration.board_worker_username
        if worker is not None:
            full_name = f"{registration.board_worker_first_name} {registration.board_worker_last_name}".strip()
            worker = full_name or worker  # as User.get_full_name, else the username
        redirected_from_team = None
        if registration.redirected_from_id is not None:
            redirected_from_team = registration.board_redirected_from_team or ""
        rows.append(
            BoardRow(
                registration=registration,
                working_days_waiting=waited[received_on],
                overdue=bool(due and waiting_for_contact and due < today),
                due_today=bool(due and waiting_for_contact and due == today),
                known_case_id=registration.known_case_id,
                known_elsewhere=registration.known_case_id is None and registration.known_elsewhere,
                minor=_is_minor(registration, today),
                received_local=received_local,
                channel_label=channel_label(registration.channel),
                urgency_label=urgency_label(registration.urgency),
                status_label=status_label(registration.status),
                outcome_label=None if kind is None else outcome_label(kind),
                outcome_worker=worker,
                redirected_from_team=redirected_from_team,
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
