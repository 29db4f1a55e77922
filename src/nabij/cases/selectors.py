"""Reads of cases. The chokepoints: every load of case data goes through these."""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from nabij.access import policy
from nabij.audit.services import Action, Outcome, record_event
from nabij.cases.models import (
    Attachment,
    Case,
    CaseEvent,
    ContactMoment,
    ContactMomentGrant,
    Deviation,
    EmergencyAccess,
    Involvement,
    Phase,
)
from nabij.core.date_text import day_time_text
from nabij.core.pagination import as_id
from nabij.core.reversing import url_for
from nabij.residents.models import NetworkMember, Resident


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


def may_edit_case(user, case) -> bool:
    """THE write rule for a case file, shared by every app that writes in it (cases, plans,
    consent): case.edit in the case's team, or a valid emergency access to the case. An
    emergency access stands in for team membership for its duration, reads and writes alike;
    it is audited and reviewed by the privacy officer (docs/privacy.md)."""
    return policy.has_perm(user, policy.Perm.CASE_EDIT, team_id=case.team_id) or case.pk in emergency_case_ids(user)


def case_list_for_user(user):
    """Cases within the user's data scope, ready for list screens."""
    if not policy.has_perm(user, policy.Perm.CASE_VIEW) and not emergency_case_ids(user):
        return Case.objects.none()
    # household__area__parent: the summary card names the buurt and its wijk (one join, not
    # two more queries per dossier view).
    return Case.objects.filter(policy.case_scope_q(user, emergency_case_ids=emergency_case_ids(user))).select_related(
        "household__area__parent", "primary_resident", "team", "contact_person"
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


# --- Facts the phase checklists derive from ---------------------------------------------


FACTS = (
    "has_contact_person",
    "has_contact_moment",
    "has_network",
    "has_involvement",
    "has_letter",
    "has_watch_date",
)
CONSENT_FACTS = ("has_dossier_consent", "has_exchange_consent")


def fact_names() -> tuple[str, ...]:
    """The facts phases.ResultSpec.derived_from can name, as case_facts reads them."""
    from django.apps import apps

    return FACTS + (CONSENT_FACTS if apps.is_installed("nabij.consent") else ())


def _fact_columns() -> tuple[str, list]:
    """The facts as SQL columns over the case row aliased `c`, and their parameters.

    Hand-written, not ORM annotations: the same eight EXISTS built and compiled by the ORM
    cost 2-4 ms of CPU a read at 1 case or 45 (more than the database spends on it), on every
    case tab and worklist; this costs 0.1-0.3 ms. Each is an index probe (contact_case_time,
    caseevent_case_time, the household and consent indexes). No access condition: the cases
    were read through the access policy before their facts are asked. Only table names from
    the models' _meta go into the text (hence the S608 notes); values are parameters.
    """
    from django.apps import apps

    moments, network = ContactMoment._meta.db_table, NetworkMember._meta.db_table
    involvements, events = Involvement._meta.db_table, CaseEvent._meta.db_table
    columns = [
        "c.contact_person_id IS NOT NULL",
        f"EXISTS (SELECT 1 FROM {moments} m WHERE m.case_id = c.id)",  # noqa: S608
        f"EXISTS (SELECT 1 FROM {network} n WHERE n.household_id = c.household_id AND n.ended_at IS NULL)",  # noqa: S608
        f"EXISTS (SELECT 1 FROM {involvements} i WHERE i.case_id = c.id)",  # noqa: S608
        f"EXISTS (SELECT 1 FROM {events} e WHERE e.case_id = c.id AND e.kind = %s)",  # noqa: S608
        "c.watch_next_checkin IS NOT NULL",
    ]
    params: list = [CaseEvent.Kind.LETTER.value]
    if apps.is_installed("nabij.consent"):
        # The consent app sits above this one: its table by name, never by import.
        consent, residents = apps.get_model("consent", "Consent")._meta.db_table, Resident._meta.db_table
        today = connection.ops.adapt_datefield_value(timezone.localdate())
        valid = f"SELECT 1 FROM {consent} k WHERE k.withdrawn_at IS NULL"  # noqa: S608
        valid += " AND (k.valid_until IS NULL OR k.valid_until >= %s) AND k.purpose = %s"
        in_household = f"SELECT 1 FROM {residents} r WHERE r.id = k.resident_id AND r.household_id = c.household_id"  # noqa: S608
        columns += [
            # The case's own, or one a resident of its household gave for no case in particular.
            f"EXISTS ({valid} AND (k.case_id = c.id OR (k.case_id IS NULL AND EXISTS ({in_household}))))",
            f"EXISTS ({valid} AND k.case_id = c.id)",
        ]
        params += [today, "open_dossier", today, "exchange"]
    named = (f"{column} AS {name}" for column, name in zip(columns, fact_names(), strict=True))
    return ", ".join(named), params


def _facts_of(row) -> dict:
    return {name: bool(value) for name, value in zip(fact_names(), row, strict=True)}


def case_facts(case_id: int) -> dict:
    """The facts of one case (fact_names() → bool); {} when there is no such case."""
    columns, params = _fact_columns()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {Case._meta.db_table} c WHERE c.id = %s", [*params, case_id])  # noqa: S608
        row = cursor.fetchone()
    return _facts_of(row) if row else {}


def open_deviations_with_facts(case_ids: list[int]) -> list[dict]:
    """The open deviations of `case_ids`, oldest first, each with its case's facts: one read."""
    if not case_ids:
        return []
    columns, params = _fact_columns()
    ids = ", ".join(["%s"] * len(case_ids))
    sql = (
        f"SELECT d.case_id, d.result_key, {columns} FROM {Deviation._meta.db_table} d"  # noqa: S608
        f" JOIN {Case._meta.db_table} c ON c.id = d.case_id"
        f" WHERE d.resolved_at IS NULL AND d.case_id IN ({ids}) ORDER BY d.created_at, d.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *case_ids])
        rows = cursor.fetchall()
    return [{"case_id": row[0], "result_key": row[1], **_facts_of(row[2:])} for row in rows]


def visible_contact_moments_q(user, *, prefix: str = "") -> Q:
    """Restricted contact moments: only the author, the case's contact person and grantees."""
    granted = ContactMomentGrant.objects.filter(contact_moment=OuterRef("pk"), user=user)
    return (
        Q(**{f"{prefix}restricted": False})
        | Q(**{f"{prefix}author": user})
        | Q(**{f"{prefix}case__contact_person": user})
        | Q(Exists(granted))
    )


def contact_moments_for_user(user, case: Case):
    """A case's contact moments the user may read (the case itself already checked)."""
    return (
        ContactMoment.objects.filter(case=case)
        .filter(visible_contact_moments_q(user))
        .select_related("author")
        .order_by("-occurred_at", "-id")
    )


def contact_moment_get_for_user(user, *, case: Case, moment_id: int) -> ContactMoment:
    moment = contact_moments_for_user(user, case).filter(pk=moment_id).first()
    record_event(
        actor=user,
        event_type="contact.view",
        action=Action.READ,
        outcome=Outcome.SUCCESS if moment else Outcome.DENIED,
        object_type="contact_moment",
        object_id=moment_id,
        resident_id=case.primary_resident_id,
    )
    if moment is None:
        raise Http404
    return moment


def grant_candidates(case: Case, moment: ContactMoment) -> list:
    """Team colleagues who cannot read a restricted moment yet."""
    from django.contrib.auth import get_user_model

    excluded = {moment.author_id, case.contact_person_id, *moment.grants.values_list("user_id", flat=True)}
    return list(
        get_user_model()
        .objects.filter(memberships__team_id=case.team_id, memberships__role__in=list(policy.CASE_SCOPE_ROLES))
        .exclude(pk__in=[pk for pk in excluded if pk])
        .distinct()
        .order_by("first_name", "last_name")
    )


# --- The case page ----------------------------------------------------------------------


@dataclass
class CaseSummary:
    case: Case
    members: list
    safety_warnings: list[str]
    results: list  # phases.ResultState for the current phase
    open_deviations: list
    next_item: object  # worklist.WorklistItem or None
    consent_status: str
    consent_ok: bool
    area: str


def _case_consents(case: Case) -> list[dict] | None:
    """The consents in force or ended of the case and of its household's residents (not
    withdrawn), newest given first; None without the consent app. One read for the summary's
    consent status and the worklist's expiring consents (worklist `known` "consents")."""
    if not hasattr(case, "consents"):
        return None
    from django.apps import apps

    consent_model = apps.get_model("consent", "Consent")  # a higher app: by name, not import
    return list(
        consent_model.objects.filter(
            Q(case=case) | Q(case__isnull=True, resident__household_id=case.household_id),
            withdrawn_at__isnull=True,
        )
        .order_by("-given_at", "-pk")
        .values("pk", "case_id", "resident__household_id", "purpose", "given_at", "valid_until")
    )


def _consent_status(consents: list[dict] | None) -> tuple[str, bool]:
    if consents is None:
        return str(_("Onbekend")), False
    today = timezone.localdate()
    latest = next(
        (
            c
            for c in consents
            if c["purpose"] == "open_dossier" and (c["valid_until"] is None or c["valid_until"] >= today)
        ),
        None,
    )
    if latest is None:
        return str(_("Geen toestemming voor het dossier vastgelegd")), False
    if latest["valid_until"]:
        return str(_("Toestemming dossier tot %(date)s") % {"date": latest["valid_until"].strftime("%-d-%-m-%Y")}), True
    return str(_("Toestemming dossier gegeven op %(date)s") % {"date": latest["given_at"].strftime("%-d-%-m-%Y")}), True


def case_summary(user, case: Case) -> CaseSummary:
    """The summary card: names, ages, area, contact person, phase, next thing due, consent
    status and safety warnings. A fixed number of queries."""
    from nabij.cases import phases, worklist

    facts = case_facts(case.pk)
    completed = set(case.results.values_list("key", flat=True))
    deviations = list(case.deviations.filter(resolved_at__isnull=True).order_by("created_at", "pk"))
    spec_done = {d.pk for d in deviations if _deviation_done(d, facts, completed)}
    members = list(Resident.objects.filter(household_id=case.household_id).order_by("birth_date", "given_names"))
    warnings = [w for w in [case.household.safety_warning] + [m.safety_warning for m in members] if w]
    consents = _case_consents(case)
    # The providers get what was just read, so the next item costs only their own tables.
    held = {**facts, "open_deviations": deviations} if facts else {}
    if consents is not None:
        held["consents"] = consents
    rows = worklist.collect([case], today=timezone.localdate(), known={case.pk: held})
    status, ok = _consent_status(consents)
    area = case.household.area
    return CaseSummary(
        case=case,
        members=members,
        safety_warnings=warnings,
        results=phases.results_for(case.phase, facts=facts, completed_keys=completed),
        open_deviations=[d for d in deviations if d.pk not in spec_done],
        next_item=rows[0].next_item if rows else None,
        consent_status=status,
        consent_ok=ok,
        area=(f"{area.name}, {area.parent.name}" if area and area.parent else (area.name if area else "")),
    )


def _deviation_done(deviation, facts: dict, completed: set[str]) -> bool:
    from nabij.cases.phases import RESULT_BY_KEY

    spec = RESULT_BY_KEY.get(deviation.result_key)
    return deviation.result_key in completed or bool(spec and spec.derived_from and facts.get(spec.derived_from))


def case_header_context(user, case: Case, *, active_tab: str) -> dict:
    """Context for "cases/_case_header.html" (summary card + tab bar); other apps' tab pages
    use it too."""
    from nabij.cases.tabs import tabs_for

    return {"case": case, "summary": case_summary(user, case), "tabs": tabs_for(case.pk, active=active_tab)}


TIMELINE_PAGE_SIZE = 50


@dataclass
class TimelinePage:
    """One page of a case's timeline, newest first. `older_than`: the id of the last line
    when older lines exist (the "Oudere gebeurtenissen" link), else None."""

    events: list
    older_than: int | None
    is_first: bool


def case_timeline(
    user,
    case: Case,
    *,
    kind: str = "",
    actor_id: int | None = None,
    actors=None,
    before=None,
    size: int = TIMELINE_PAGE_SIZE,
) -> TimelinePage:
    """A page of timeline lines newest first, with the contact moments the user may read
    attached to theirs (restricted ones the user may not read show only that they exist).

    `before`: the id of the last line of the previous page (as given in the query string;
    anything but a positive id means the first page); the page then holds the lines
    after it in the same order (occurred_at, id descending: a moment recorded later but dated
    earlier sorts by its date). A case's history grows for years; a page costs the same.
    `actors`: the case's timeline actors when the caller has them (case_timeline_actors); the
    lines then take their actor from there instead of joining the user table again."""
    events = CaseEvent.objects.filter(case=case).order_by("-occurred_at", "-id")
    by_id = {actor.pk: actor for actor in actors} if actors is not None else None
    if by_id is None:
        events = events.select_related("actor")
    if kind:
        events = events.filter(kind=kind)
    if actor_id:
        events = events.filter(actor_id=actor_id)
    before = as_id(before)
    if before:
        last = CaseEvent.objects.filter(case=case, pk=before).values("occurred_at", "pk").first()
        if last is not None:
            events = events.filter(
                Q(occurred_at__lt=last["occurred_at"]) | Q(occurred_at=last["occurred_at"], pk__lt=last["pk"])
            )
        else:
            before = None  # not a line of this case: start at the newest
    events = list(events[: size + 1])
    older_than = events[size - 1].pk if len(events) > size else None
    events = events[:size]
    moment_ids = [int(e.object_id) for e in events if e.object_type == "contactmoment" and e.object_id.isdigit()]
    moments = {}
    if moment_ids:
        moments = {
            m.pk: m
            for m in contact_moments_for_user(user, case)
            .filter(pk__in=moment_ids)
            .select_related(None)  # the timeline shows no author names
            .prefetch_related("attachments")
        }
    for event in events:
        if by_id is not None and event.actor_id in by_id:
            event.actor = by_id[event.actor_id]
        event.kind_label = KIND_LABELS.get(event.kind, event.kind)
        # What the template worked out per line with the date filter and lookups, done here
        # (`|date:"c"` is isoformat()): the filter took a quarter of the page's rendering.
        local = timezone.localtime(event.occurred_at)
        event.when_iso = local.isoformat()
        event.when_text = day_time_text(local)
        event.actor_name = (event.actor.get_full_name() or event.actor.username) if event.actor else ""
        event.moment = (
            moments.get(int(event.object_id))
            if event.object_type == "contactmoment" and event.object_id.isdigit()
            else None
        )
        if event.moment is not None:
            event.moment.attachment_links = [
                (url_for("cases:attachment_download", a.pk), a.original_name) for a in event.moment.attachments.all()
            ]
    return TimelinePage(events=events, older_than=older_than, is_first=before is None)


KIND_LABELS = dict(CaseEvent.Kind.choices)  # get_kind_display() per line costs more than the line


def case_timeline_actors(case: Case):
    from django.contrib.auth import get_user_model

    ids = CaseEvent.objects.filter(case=case, actor__isnull=False).values("actor_id")
    return get_user_model().objects.filter(pk__in=ids).order_by("first_name", "last_name")


def case_involvements(case: Case):
    return list(case.involvements.filter(ended_at__isnull=True).select_related("consent"))


def case_attachments(case: Case):
    return list(case.attachments.select_related("uploaded_by", "contact_moment"))


def attachment_get_for_user(user, *, attachment_id: int):
    """An attachment, through its case's chokepoint (404 and audit for both outcomes)."""
    case_id = Attachment.objects.filter(pk=attachment_id).values_list("case_id", flat=True).first() or 0
    case = case_get_for_user(user, case_id=case_id, purpose="attachment.download")
    attachment = Attachment.objects.filter(pk=attachment_id, case=case).select_related("contact_moment").first()
    if attachment is None or (
        attachment.contact_moment_id
        and not contact_moments_for_user(user, case).filter(pk=attachment.contact_moment_id).exists()
    ):
        raise Http404
    return attachment


# --- The worklist -----------------------------------------------------------------------

# The case fields the worklist page and the worklist providers read (with_cases=True); any
# list of cases handed to worklist.collect loads at least these (`.only(...)`).
WORKLIST_CASE_FIELDS = (
    "pk",
    "reference",
    "household_id",
    "primary_resident_id",
    "contact_person_id",
    "phase",
    "opened_at",
    "closed_at",
    "first_contact_due",
    "direction",
    "direction_hand_back_on",
    "watch_next_checkin",
)
WORKLIST_RESIDENT_FIELDS = (
    "primary_resident__given_names",
    "primary_resident__surname_prefix",
    "primary_resident__surname",
)
PHASE_LABELS = dict(Phase.choices)


def worklist_for_user(user, *, worker=None) -> list:
    """Rows of `worker`'s open cases and cases under a light watch (waakvlam: closed, but with
    check-ins still due) — the user's own by default — most urgent first."""
    from nabij.cases import worklist

    active = Q(closed_at__isnull=True) | Q(phase=Phase.WATCH)
    cases = list(
        case_list_for_user(user)
        .filter(active, contact_person=worker or user)
        .select_related(None)
        .select_related("primary_resident")
        .only(*WORKLIST_CASE_FIELDS, *WORKLIST_RESIDENT_FIELDS)
        # The first-contact item's one fact, read here: an index probe per case instead of a
        # query of its own.
        .annotate(has_contact_moment=Exists(ContactMoment.objects.filter(case_id=OuterRef("pk"))))
        .order_by("opened_at")
    )
    known = {case.pk: {"has_contact_moment": case.has_contact_moment} for case in cases}
    rows = worklist.collect(cases, today=timezone.localdate(), known=known)
    for row in rows:
        # Per row in Python, not per row in the template ({% url %} and get_FOO_display cost
        # more than the rest of the row).
        row.id_url = url_for("cases:detail", row.case.pk)
        row.phase_label = PHASE_LABELS.get(row.case.phase, row.case.phase)
    return rows


def team_caseloads(user, *, team_ids: set[int] | None = None) -> list[dict]:
    """For coordinators: per worker of their team(s), the open caseload and items overdue.
    Fixed query count: one for the members, one for the counts, the providers once."""
    from django.contrib.auth import get_user_model

    from nabij.accounts.models import Role
    from nabij.cases import worklist

    teams = policy.team_ids(user, perm=policy.Perm.CASE_ASSIGN)
    if team_ids is not None:
        teams &= set(team_ids)
    if not teams:
        return []
    users = {
        u.pk: u
        for u in get_user_model()
        .objects.filter(memberships__team_id__in=teams, memberships__role__in=[Role.WORKER, Role.COORDINATOR])
        .distinct()
        .order_by("first_name", "last_name")
    }
    loads = {pk: {"worker": u, "open": 0, "overdue": 0, "due": 0} for pk, u in users.items()}
    unassigned = {"worker": None, "open": 0, "overdue": 0, "due": 0}
    snapshot = _caseload_snapshot(teams)
    if snapshot is not None:
        for row in snapshot:
            entry = loads.get(row["worker_id"], unassigned)
            for key in ("open", "overdue", "due"):
                entry[key] += row[key]
        result = list(loads.values())
        return result + [unassigned] if unassigned["open"] else result
    open_cases = list(Case.objects.filter(team_id__in=teams, closed_at__isnull=True).only(*WORKLIST_CASE_FIELDS))
    today = timezone.localdate()
    rows = worklist.collect(open_cases, today=today)
    for row in rows:
        entry = loads.get(row.case.contact_person_id, unassigned)
        entry["open"] += 1
        for item in row.items:
            level = item.urgency(today)[0]
            if level == 0:
                entry["overdue"] += 1
            elif level == 1:
                entry["due"] += 1
    result = list(loads.values())
    if unassigned["open"]:
        result.append(unassigned)
    return result


def _caseload_snapshot(teams: set[int]) -> list[dict] | None:
    """The pre-aggregated counts (scale.TeamCaseload, refreshed every ten minutes by a huey
    job) when every team has fresh rows; None means: count live. One query either way; the
    live count reads all the teams' open cases and runs every worklist provider over them."""
    from datetime import timedelta

    from django.apps import apps

    if not apps.is_installed("nabij.scale"):
        return None
    caseload_model = apps.get_model("scale", "TeamCaseload")  # a higher app: by name, not import
    fresh_since = timezone.now() - timedelta(minutes=15)
    rows = list(
        caseload_model.objects.filter(team_id__in=teams, refreshed_at__gte=fresh_since).values(
            "team_id", "worker_id", "open", "overdue", "due"
        )
    )
    return rows if {row["team_id"] for row in rows} >= set(teams) else None
