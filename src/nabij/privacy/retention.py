"""Retention: what has passed its term is removed or anonymised; anonymous statistics stay.

Terms (settings, docs/privacy.md):
- a closed case with an agreed plan: NABIJ_RETENTION_YEARS_WITH_PLAN (15) after closure;
- a closed case where no plan was ever agreed: NABIJ_RETENTION_YEARS_WITHOUT_PLAN (5);
- audit events: NABIJ_AUDIT_RETENTION_YEARS (5) after the event;
- a destruction request: carried out on its due date unless an exception is recorded.

Whether a plan was agreed is answered by the plans app through a hook,
`nabij.plans.selectors.case_ids_with_agreed_plan()`: a query of the ids of cases whose plan
was ever agreed, used here as a subquery so the terms are applied in the database (at city
scale the cases closed five to fifteen years ago are a decade of work, never loaded into
Python). Without that hook (an installation without the plans app) every case is treated as
having a plan: the longer term, so nothing is removed too early.

Removing a case: an AnonymisedCaseRecord is written (team, area, months, phase, household
size), the case is deleted (its timeline, consents, exchanges and emergency accesses go with
it), and residents who then have no case left are anonymised in place (names, contact
details, BSN and address cleared; birth year and area kept for statistics).
"""

import importlib
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, ProtectedError, RestrictedError
from django.utils import timezone

from nabij.audit.models import AuditEvent
from nabij.audit.services import Action, purge_events_before, record_event
from nabij.cases.models import Case
from nabij.privacy.models import AnonymisedCaseRecord, DestructionRequest
from nabij.residents.models import Household, Resident

ANONYMISED_NAME = "Geanonimiseerd"
PLAN_HOOK = "nabij.plans.selectors:case_ids_with_agreed_plan"


def years_before(moment, years: int):
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - years, day=28)


def _plan_hook():
    """The plans app's hook, or None when it does not (yet) provide it."""
    module_name, _sep, attr = PLAN_HOOK.partition(":")
    try:
        return getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError):
        return None


@dataclass
class CaseDue:
    case_id: int
    reference: str
    closed_at: object
    term_years: int
    had_agreed_plan: bool | None  # None: the plans app gives no answer (no hook)


@dataclass
class RetentionPlan:
    now: object
    cases: list[CaseDue] = field(default_factory=list)
    audit_cutoff: object = None
    audit_events: int = 0
    destruction_requests: list[DestructionRequest] = field(default_factory=list)
    plan_hook_missing: bool = False

    def lines(self) -> list[str]:
        out = [f"Retention report, {timezone.localtime(self.now):%d-%m-%Y %H:%M}"]
        if self.plan_hook_missing:
            out.append(
                "  note: the plans app gives no plan status yet; every case gets the longer term "
                f"({settings.NABIJ_RETENTION_YEARS_WITH_PLAN} years)"
            )
        out.append(f"Closed cases past their term: {len(self.cases)}")
        for due in self.cases:
            out.append(
                f"  case id={due.case_id} {due.reference} closed {timezone.localtime(due.closed_at):%d-%m-%Y}"
                f" term {due.term_years} years"
            )
        out.append(f"Audit events before {timezone.localtime(self.audit_cutoff):%d-%m-%Y}: {self.audit_events}")
        out.append(f"Destruction requests due without exception: {len(self.destruction_requests)}")
        for request in self.destruction_requests:
            out.append(f"  request id={request.pk} resident id={request.resident_ref} due {request.due_on:%d-%m-%Y}")
        return out


def retention_plan(*, now=None) -> RetentionPlan:
    """What a retention run would do now. Reads only: the dry run."""
    now = now or timezone.now()
    long_years = settings.NABIJ_RETENTION_YEARS_WITH_PLAN
    short_years = settings.NABIJ_RETENTION_YEARS_WITHOUT_PLAN
    plan = RetentionPlan(now=now)
    hook = _plan_hook()
    plan.plan_hook_missing = hook is None
    ends = {years: years_before(now, years) for years in (long_years, short_years)}
    closed = Case.objects.filter(closed_at__isnull=False).order_by("closed_at")

    def due(cases, years: int, had_agreed_plan: bool | None) -> list[CaseDue]:
        rows = cases.values_list("id", "reference", "closed_at")
        return [CaseDue(*row, years, had_agreed_plan=had_agreed_plan) for row in rows]

    if hook is None:
        # Every case gets the longer term (whichever setting that is): a range read on
        # `case_closed` (cases 0004) of what is past it, not every closed case of the last
        # decade (at 1M residents that was 73,784 rows and ~350 ms a page view, for none due).
        longest = max(long_years, short_years)
        plan.cases = due(closed.filter(closed_at__lt=ends[longest]), longest, None)
    else:
        # Two range reads on `case_closed`, each a plain semi or anti join on the hook's query
        # in its WHERE (as one statement with the status in its SELECT, PostgreSQL hashed the
        # whole plans table three times: 324 ms at 1M). Only what is due leaves the database.
        agreed = Exists(hook().filter(case_id=OuterRef("pk")))
        with_plan = due(closed.filter(agreed, closed_at__lt=ends[long_years]), long_years, True)
        without = due(closed.filter(~agreed, closed_at__lt=ends[short_years]), short_years, False)
        plan.cases = sorted(with_plan + without, key=lambda case_due: case_due.closed_at)
    plan.audit_cutoff = years_before(now, settings.NABIJ_AUDIT_RETENTION_YEARS)
    plan.audit_events = AuditEvent.objects.filter(event_datetime__lt=plan.audit_cutoff).count()
    plan.destruction_requests = list(
        DestructionRequest.objects.filter(
            status=DestructionRequest.Status.REGISTERED, due_on__lte=timezone.localdate(now)
        ).order_by("due_on")
    )
    return plan


def _month(moment) -> date | None:
    if moment is None:
        return None
    local = timezone.localtime(moment)
    return date(local.year, local.month, 1)


def case_remove(case: Case, *, reason: str, had_agreed_plan: bool | None = None) -> None:
    """Write the anonymous statistics row, then delete the case and what hangs under it."""
    household = case.household
    AnonymisedCaseRecord.objects.create(
        team_id=case.team_id,
        area_id=household.area_id if household else None,
        opened_month=_month(case.opened_at),
        closed_month=_month(case.closed_at),
        last_phase=case.phase,
        household_size=max(1, household.members.count()) if household else 1,
        had_agreed_plan=had_agreed_plan,
        reason=reason,
    )
    case_id, resident_id = case.pk, case.primary_resident_id
    case.delete()
    record_event(
        actor=None,
        user_name="system",
        event_type=f"retention.case_remove.{reason}",
        action=Action.DELETE,
        object_type="case",
        object_id=case_id,
        resident_id=resident_id,
    )


def resident_anonymise(resident: Resident) -> None:
    """Clear what identifies the resident; keep birth year and area for statistics."""
    resident.given_names = ANONYMISED_NAME
    resident.surname_prefix = ""
    resident.surname = ANONYMISED_NAME
    resident.birth_date = date(resident.birth_date.year, 1, 1) if resident.birth_date else None
    resident.phone = ""
    resident.email = ""
    resident.household_role = ""
    resident.set_bsn("")
    resident.save()
    for exchange in resident.information_exchanges.all():
        exchange.delete()
    for consent in resident.consents.all():
        consent.delete()
    record_event(
        actor=None,
        user_name="system",
        event_type="retention.resident_anonymise",
        action=Action.UPDATE,
        object_type="resident",
        object_id=resident.pk,
        resident_id=resident.pk,
    )


def household_anonymise(household: Household) -> None:
    household.street = ""
    household.house_number = None
    household.house_number_addition = ""
    household.postcode = ""
    household.save()


def _residents_without_cases(residents) -> None:
    for resident in residents:
        if resident.surname == ANONYMISED_NAME and resident.given_names == ANONYMISED_NAME:
            continue
        has_case = Case.objects.filter(primary_resident=resident).exists() or (
            resident.household_id and Case.objects.filter(household_id=resident.household_id).exists()
        )
        if not has_case:
            resident_anonymise(resident)


def resident_erase(resident: Resident, *, reason: str) -> int:
    """Carry out a destruction request: the resident's cases go, the resident and (when no
    case remains there) the household are anonymised. Returns the number of cases removed."""
    cases = list(Case.objects.filter(primary_resident=resident).select_related("household"))
    hook = _plan_hook()
    agreed = (
        None
        if hook is None
        else set(hook().filter(case_id__in=[c.pk for c in cases]).values_list("case_id", flat=True))
    )
    for case in cases:
        case_remove(case, reason=reason, had_agreed_plan=None if agreed is None else case.pk in agreed)
    resident_anonymise(resident)
    household = resident.household
    if household is not None and not Case.objects.filter(household=household).exists():
        household_anonymise(household)
    return len(cases)


@dataclass
class RetentionResult:
    cases_removed: int = 0
    cases_blocked: list[int] = field(default_factory=list)
    cases_skipped: list[int] = field(default_factory=list)  # reopened or gone since the plan was read
    audit_events_removed: int = 0
    destructions_carried_out: int = 0
    destructions_blocked: list[int] = field(default_factory=list)


def retention_run(*, now=None) -> RetentionResult:
    """Carry out the retention plan. Each case in its own transaction: one blocked case (a
    record elsewhere protects it) is reported and does not stop the rest."""
    from nabij.privacy.services import destruction_carry_out

    plan = retention_plan(now=now)
    result = RetentionResult()
    for due in plan.cases:
        try:
            with transaction.atomic():
                # The run takes a while (a first night's backlog at 1M: ~21 minutes): read the
                # case again, locked, and leave it when it was reopened or removed meanwhile.
                case = (
                    Case.objects.select_for_update(of=("self",))
                    .select_related("household")
                    .filter(pk=due.case_id, closed_at__lt=years_before(plan.now, due.term_years))
                    .first()
                )
                if case is None:
                    result.cases_skipped.append(due.case_id)
                    continue
                members = list(case.household.members.all()) if case.household_id else []
                case_remove(case, reason="retention", had_agreed_plan=due.had_agreed_plan)
                _residents_without_cases(members)
                if case.household_id and not Case.objects.filter(household_id=case.household_id).exists():
                    household_anonymise(case.household)
            result.cases_removed += 1
        except (ProtectedError, RestrictedError):
            result.cases_blocked.append(due.case_id)
    for request in plan.destruction_requests:
        try:
            destruction_carry_out(actor=None, request=request)
            result.destructions_carried_out += 1
        except ValidationError:  # blocked by a protected record: stays on the list, overdue
            result.destructions_blocked.append(request.pk)
    result.audit_events_removed = purge_events_before(cutoff=plan.audit_cutoff)
    record_event(
        actor=None,
        user_name="system",
        event_type="retention.run",
        action=Action.EXECUTE,
        details={
            "cases_removed": result.cases_removed,
            "cases_blocked": result.cases_blocked,
            "cases_skipped": result.cases_skipped,
            "audit_events_removed": result.audit_events_removed,
            "destructions": result.destructions_carried_out,
            "destructions_blocked": result.destructions_blocked,
        },
    )
    return result


def destruction_due_soon(*, within_days: int = 14):
    return DestructionRequest.objects.filter(
        status=DestructionRequest.Status.REGISTERED, due_on__lte=timezone.localdate() + timedelta(days=within_days)
    )
