"""Reads for the plan screens and the API. The case itself is loaded (access-checked and
audited) by `cases.selectors.case_get_for_user`; these take that case and cost a fixed number
of queries whatever the number of goals, actions, versions or scores."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nabij.access import policy
from nabij.cases.models import Case
from nabij.cases.selectors import emergency_case_ids
from nabij.consent.models import Consent
from nabij.documents.models import GeneratedDocument
from nabij.plans.models import (
    Action,
    Assessment,
    AssessmentScore,
    Closure,
    Evaluation,
    Goal,
    GoalEvaluation,
    LifeDomain,
    PlanVersion,
    SupportPlan,
    WatchCheckIn,
)

WORKLIST_HORIZON_DAYS = 14

# --- The plan -----------------------------------------------------------------------------


def case_ids_with_agreed_plan():
    """The ids of the cases whose plan was ever agreed (a version agreed, or agreed and since
    superseded), as a query: privacy.retention gives those cases the longer term and uses this
    as a subquery, so a decade of closed cases is never loaded to decide it."""
    agreed = [PlanVersion.Status.AGREED, PlanVersion.Status.SUPERSEDED]
    return SupportPlan.objects.filter(versions__status__in=agreed).values("case_id")


def goals_for_version(version: PlanVersion) -> list[Goal]:
    return list(
        Goal.objects.filter(version=version)
        .select_related("domain")
        .prefetch_related(Prefetch("actions", queryset=Action.objects.order_by("layer", "id")))
        .order_by("order", "id")
    )


def consents_for_plan(case: Case) -> list[Consent]:
    """Which involved parties may receive what: valid exchange and plan-sharing consents of
    the household's residents."""
    today = timezone.localdate()
    return list(
        Consent.objects.filter(
            resident__household_id=case.household_id,
            purpose__in=[Consent.Purpose.EXCHANGE, Consent.Purpose.SHARE_PLAN],
            withdrawn_at__isnull=True,
        )
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .select_related("resident")
        .order_by("party", "purpose")
    )


@dataclass
class PlanPage:
    case: Case
    plan: SupportPlan | None
    versions: list[PlanVersion] = field(default_factory=list)
    current: PlanVersion | None = None
    agreed: PlanVersion | None = None
    goals: list[Goal] = field(default_factory=list)
    consents: list[Consent] = field(default_factory=list)

    @property
    def read_only(self) -> bool:
        return self.case.closed_at is not None

    @property
    def editable(self) -> bool:
        return not self.read_only and self.current is not None and self.current.is_editable


def plan_page(case: Case) -> PlanPage:
    plan = SupportPlan.objects.filter(case=case).first()
    page = PlanPage(case=case, plan=plan, consents=consents_for_plan(case))
    if plan is None:
        return page
    page.versions = list(plan.versions.select_related("created_by", "agreement_recorded_by").order_by("number"))
    page.current = page.versions[-1]
    page.agreed = next((v for v in reversed(page.versions) if v.status == PlanVersion.Status.AGREED), None)
    page.goals = goals_for_version(page.current)
    return page


def version_get(plan: SupportPlan, number: int) -> PlanVersion | None:
    return plan.versions.filter(number=number).first()


# --- Comparing two versions -------------------------------------------------------------------

GOAL_FIELDS = [("domain", _("Leefgebied")), ("wording", _("Doel")), ("at_stake", _("Wat er op het spel staat"))]
ACTION_FIELDS = [
    ("description", _("Wat gebeurt er")),
    ("layer", _("Wie (laag)")),
    ("performer", _("Wie precies")),
    ("due_on", _("Klaar op")),
    ("status", _("Status")),
]


@dataclass
class Change:
    status: str  # "added", "removed", "changed", "same"
    left: object
    right: object
    fields: list[str] = field(default_factory=list)
    actions: list["Change"] = field(default_factory=list)


def _changed(left, right, names) -> list[str]:
    return [label for name, label in names if getattr(left, name) != getattr(right, name)]


def _pair(lefts, rights, names):
    by_lineage = {item.lineage: item for item in lefts}
    seen = set()
    changes = []
    for right in rights:
        left = by_lineage.get(right.lineage)
        if left is None:
            changes.append(Change("added", None, right))
            continue
        seen.add(right.lineage)
        fields = _changed(left, right, names)
        changes.append(Change("changed" if fields else "same", left, right, [str(f) for f in fields]))
    changes.extend(Change("removed", left, None) for left in lefts if left.lineage not in seen)
    return changes


def version_diff(left: PlanVersion, right: PlanVersion) -> list[Change]:
    """Goal by goal and action by action (matched on lineage): what was added, removed, changed."""
    left_goals = goals_for_version(left)
    right_goals = goals_for_version(right)
    changes = _pair(left_goals, right_goals, GOAL_FIELDS)
    for change in changes:
        change.actions = _pair(
            list(change.left.actions.all()) if change.left else [],
            list(change.right.actions.all()) if change.right else [],
            ACTION_FIELDS,
        )
        if change.status == "same" and any(a.status != "same" for a in change.actions):
            change.status = "changed"
    return changes


# --- ZRM history ------------------------------------------------------------------------------


@dataclass
class DomainRow:
    domain: LifeDomain
    cells: list[AssessmentScore | None]
    first: int | None
    last: int | None

    @property
    def change(self) -> int | None:
        if self.first is None or self.last is None:
            return None
        return self.last - self.first

    @property
    def direction(self) -> str:
        change = self.change
        if change is None:
            return ""
        return "up" if change > 0 else ("down" if change < 0 else "same")

    @property
    def sparkline(self) -> str:
        """Polyline points for a small inline SVG (80×24, scale 1–5), rendered server-side."""
        values = [(i, c.score) for i, c in enumerate(self.cells) if c is not None]
        if len(values) < 2:
            return ""
        step = 76 / max(len(self.cells) - 1, 1)
        return " ".join(f"{2 + i * step:.1f},{22 - (score - 1) * 5:.1f}" for i, score in values)


@dataclass
class AssessmentHistory:
    assessments: list[Assessment]
    rows: list[DomainRow]


def assessment_history(case: Case) -> AssessmentHistory:
    """Per life domain, the scores over time (oldest first) and the change first → last."""
    assessments = list(
        Assessment.objects.filter(case=case)
        .select_related("instrument", "assessed_by")
        .prefetch_related(Prefetch("scores", queryset=AssessmentScore.objects.all()))
        .order_by("assessed_on", "id")
    )
    instrument_ids = {a.instrument_id for a in assessments}
    domains = list(
        LifeDomain.objects.filter(instrument_id__in=instrument_ids).select_related("instrument").order_by("order", "id")
    )
    by_assessment = [{s.domain_id: s for s in a.scores.all()} for a in assessments]
    rows = []
    for domain in domains:
        cells = [scores.get(domain.pk) for scores in by_assessment]
        present = [c.score for c in cells if c is not None]
        if not present:
            continue
        rows.append(DomainRow(domain=domain, cells=cells, first=present[0], last=present[-1]))
    return AssessmentHistory(assessments=assessments, rows=rows)


def assessment_domains() -> list[LifeDomain]:
    """The domains of the default instrument, for a new scoring."""
    return list(
        LifeDomain.objects.filter(instrument__is_default=True, instrument__is_active=True, is_active=True)
        .select_related("instrument")
        .order_by("order", "id")
    )


# --- Evaluations, closure, documents --------------------------------------------------------


def evaluations_for_plan(plan: SupportPlan | None) -> list[Evaluation]:
    if plan is None:
        return []
    return list(
        plan.evaluations.select_related("held_by", "version", "new_version", "assessment")
        .prefetch_related(
            Prefetch("goal_results", queryset=GoalEvaluation.objects.select_related("goal", "goal__domain"))
        )
        .order_by("-held_on", "-id")
    )


def evaluation_get(plan: SupportPlan, evaluation_id: int) -> Evaluation | None:
    return next((e for e in evaluations_for_plan(plan) if e.pk == evaluation_id), None)


def closures_for_case(case: Case) -> list[Closure]:
    return list(
        Closure.objects.filter(case=case)
        .select_related("reason", "closed_by", "reopened_by", "watch")
        .prefetch_related(Prefetch("watch__checkins", queryset=WatchCheckIn.objects.select_related("done_by")))
        .order_by("-closed_on", "-id")
    )


def documents_for_case(case: Case) -> list[GeneratedDocument]:
    return list(GeneratedDocument.objects.filter(case=case).select_related("created_by").order_by("-created_at"))


# --- The worklist ---------------------------------------------------------------------------


@dataclass(frozen=True)
class WorklistItem:
    """Something due on a case, for the worker's worklist."""

    kind: str
    label: str
    due_on: date
    case: Case
    url: str

    @property
    def overdue(self) -> bool:
        return self.due_on < timezone.localdate()


def _scope(user, prefix: str) -> Q:
    return policy.case_scope_q(user, prefix=prefix, emergency_case_ids=emergency_case_ids(user))


def evaluations_due_for_user(user, *, within_days: int = WORKLIST_HORIZON_DAYS) -> list[WorklistItem]:
    """Plan evaluations due (or overdue) within `within_days` on the user's own open cases."""
    if not policy.has_perm(user, policy.Perm.WORKLIST_VIEW):
        return []
    horizon = timezone.localdate() + timedelta(days=within_days)
    plans = (
        SupportPlan.objects.filter(
            _scope(user, "case__"),
            case__contact_person=user,
            case__closed_at__isnull=True,
            next_evaluation_on__lte=horizon,
        )
        .select_related("case", "case__primary_resident")
        .order_by("next_evaluation_on", "pk")
    )
    return [
        WorklistItem(
            kind="evaluation",
            label=str(_("Evaluatie perspectiefplan")),
            due_on=plan.next_evaluation_on,
            case=plan.case,
            url=reverse("plans:evaluation_create", kwargs={"case_id": plan.case_id}),
        )
        for plan in plans
    ]


def watch_checkins_due_for_user(user, *, within_days: int = WORKLIST_HORIZON_DAYS) -> list[WorklistItem]:
    """Waakvlam contacts due (or overdue) within `within_days` on the user's own cases."""
    if not policy.has_perm(user, policy.Perm.WORKLIST_VIEW):
        return []
    horizon = timezone.localdate() + timedelta(days=within_days)
    checkins = (
        WatchCheckIn.objects.filter(
            _scope(user, "watch__case__"),
            watch__case__contact_person=user,
            watch__ended_at__isnull=True,
            done_on__isnull=True,
            planned_on__lte=horizon,
        )
        .select_related("watch__case", "watch__case__primary_resident")
        .order_by("planned_on", "pk")
    )
    return [
        WorklistItem(
            kind="watch",
            label=str(_("Waakvlamcontact")),
            due_on=checkin.planned_on,
            case=checkin.watch.case,
            url=reverse("plans:checkin", kwargs={"case_id": checkin.watch.case_id, "checkin_id": checkin.pk}),
        )
        for checkin in checkins
    ]


def worklist_items_for_user(user, *, within_days: int = WORKLIST_HORIZON_DAYS) -> list[WorklistItem]:
    """Everything this app puts on the worklist, earliest first (two queries)."""
    items = evaluations_due_for_user(user, within_days=within_days) + watch_checkins_due_for_user(
        user, within_days=within_days
    )
    return sorted(items, key=lambda item: (item.due_on, item.case.pk))
