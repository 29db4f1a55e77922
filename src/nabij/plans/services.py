"""Writes for the perspectiefplan: assessment, plan and versions, agreement, evaluation,
closure, watch and reopening. One function per domain action, keyword-only, one
transaction, the access check, the timeline line and the audit event.

Rules, and why:
- A draft version is edited in place. An agreed version is never changed: the first change
  after agreement starts a new draft version that carries the reason (the practice model:
  "every change is allowed but must be justified and documented"). The agreed version stays
  in effect until the new one is agreed.
- Progress on an action (its status) is execution, not a change of the plan: it is recorded
  on the action in the versions still in play, without a new version.
- A closed case is read-only for the plan; reopening needs a reason.
- Evaluation dates follow from the plan: the interval counts from the agreement or the last
  evaluation, and a date on a weekend or Dutch holiday moves to the next working day.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nabij.audit.services import Action as AuditAction
from nabij.cases.models import Case, CaseEvent, Phase
from nabij.cases.services import case_event_record
from nabij.plans.models import (
    Action,
    Assessment,
    AssessmentScore,
    Evaluation,
    Goal,
    GoalEvaluation,
    GoalOutcome,
    Instrument,
    LifeDomain,
    PlanVersion,
    SupportLayer,
    SupportPlan,
)
from nabij.plans.rules import audit, evaluation_due, not_in_future, require_edit, require_open, set_phase

# --- ZRM --------------------------------------------------------------------------------


def default_instrument() -> Instrument:
    instrument = Instrument.objects.filter(is_default=True, is_active=True).first()
    if instrument is None:
        raise ValidationError(_("Er is geen standaardinstrument ingesteld. Vraag de beheerder dit in te stellen."))
    return instrument


def assessment_record(
    *,
    actor,
    case: Case,
    moment: str,
    assessed_on: date,
    scores: dict[int, tuple[int, str]],
    instrument: Instrument | None = None,
) -> Assessment:
    """Record a ZRM scoring: `scores` maps a life-domain id to (score, short note).

    Domains left out were not scored. Scores must lie on the instrument's scale.
    """
    require_edit(actor, case)
    if moment != Assessment.Moment.CLOSURE:
        require_open(case)
    not_in_future(assessed_on, "assessed_on")
    instrument = instrument or default_instrument()
    if not scores:
        raise ValidationError(_("Geef ten minste één leefgebied een score."))
    domain_ids = set(LifeDomain.objects.filter(instrument=instrument, pk__in=scores).values_list("pk", flat=True))
    if domain_ids != set(scores):
        raise ValidationError(_("Een leefgebied hoort niet bij dit instrument."))
    for score, _note in scores.values():
        if not instrument.scale_min <= int(score) <= instrument.scale_max:
            raise ValidationError(
                _("Kies een score van %(min)s tot en met %(max)s.")
                % {"min": instrument.scale_min, "max": instrument.scale_max}
            )
    with transaction.atomic():
        assessment = Assessment.objects.create(
            case=case, instrument=instrument, moment=moment, assessed_on=assessed_on, assessed_by=actor
        )
        AssessmentScore.objects.bulk_create(
            AssessmentScore(assessment=assessment, domain_id=domain_id, score=int(score), note=(note or "")[:300])
            for domain_id, (score, note) in scores.items()
        )
        case_event_record(
            case=case,
            kind=CaseEvent.Kind.PLAN,
            summary=_("ZRM gescoord (%(moment)s)") % {"moment": assessment.get_moment_display()},
            actor=actor,
            obj=assessment,
        )
        audit(actor, "assessment.record", AuditAction.CREATE, assessment, case, moment=moment, domains=len(scores))
    return assessment


# --- The plan ---------------------------------------------------------------------------


def plan_create(*, actor, case: Case) -> SupportPlan:
    """Start the household's plan (one per case) with a first draft version."""
    require_edit(actor, case)
    require_open(case)
    with transaction.atomic():
        existing = SupportPlan.objects.filter(case=case).first()
        if existing is not None:
            return existing
        plan = SupportPlan.objects.create(case=case, created_by=actor)
        PlanVersion.objects.create(plan=plan, number=1, created_by=actor)
        if case.phase in (Phase.REGISTRATION, Phase.CLARIFICATION):
            set_phase(case, Phase.PLANNING)
        case_event_record(
            case=case, kind=CaseEvent.Kind.PLAN, summary=_("Perspectiefplan gestart"), actor=actor, obj=plan
        )
        audit(actor, "plan.create", AuditAction.CREATE, plan, case)
    return plan


def plan_current_version(plan: SupportPlan) -> PlanVersion:
    """The newest version: the draft being worked on, or else the agreed one."""
    return plan.versions.order_by("-number").first()


def _lock_plan(plan: SupportPlan) -> None:
    """Serialise writes to one plan (PostgreSQL row lock; SQLite writers are serialised anyway),
    so two workers cannot agree, revise or evaluate the same plan at once."""
    SupportPlan.objects.select_for_update().filter(pk=plan.pk).values_list("pk", flat=True).first()


def _draft_version(plan: SupportPlan) -> PlanVersion:
    _lock_plan(plan)
    version = plan_current_version(plan)
    if version.status != PlanVersion.Status.DRAFT:
        raise ValidationError(
            _("Dit plan is akkoord. Start eerst een wijziging en schrijf op waarom; dan maakt Nabij een nieuwe versie.")
        )
    return version


def plan_revision_start(*, actor, plan: SupportPlan, reason: str) -> PlanVersion:
    """The first change after agreement: a new draft version, a copy of the agreed one."""
    case = plan.case
    require_edit(actor, case)
    require_open(case)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Schrijf op waarom het plan verandert.")})
    with transaction.atomic():
        _lock_plan(plan)
        current = PlanVersion.objects.filter(plan=plan).order_by("-number").first()
        if current.status == PlanVersion.Status.DRAFT:
            raise ValidationError(_("Er is al een conceptversie; pas die aan."))
        version = PlanVersion.objects.create(plan=plan, number=current.number + 1, reason=reason, created_by=actor)
        for goal in current.goals.prefetch_related("actions"):
            copy = Goal.objects.create(
                version=version,
                lineage=goal.lineage,
                domain_id=goal.domain_id,
                wording=goal.wording,
                at_stake=goal.at_stake,
                order=goal.order,
            )
            Action.objects.bulk_create(
                Action(
                    goal=copy,
                    lineage=action.lineage,
                    description=action.description,
                    layer=action.layer,
                    performer=action.performer,
                    due_on=action.due_on,
                    status=action.status,
                )
                for action in goal.actions.all()
            )
        case_event_record(
            case=case,
            kind=CaseEvent.Kind.PLAN,
            summary=_("Plan gewijzigd, versie %(n)s: %(reason)s") % {"n": version.number, "reason": reason},
            actor=actor,
            obj=version,
        )
        audit(actor, "plan.revision", AuditAction.CREATE, version, case, number=version.number)
    return version


def goal_save(
    *, actor, plan: SupportPlan, domain: LifeDomain, wording: str, at_stake: str = "", goal: Goal | None = None
) -> Goal:
    """Add a goal to the draft version, or change one of its goals."""
    case = plan.case
    require_edit(actor, case)
    require_open(case)
    if not (wording or "").strip():
        raise ValidationError({"wording": _("Schrijf het doel op in de woorden van de inwoner.")})
    with transaction.atomic():
        version = _draft_version(plan)
        if goal is None:
            last = version.goals.order_by("-order").values_list("order", flat=True).first() or 0
            goal = Goal.objects.create(
                version=version, domain=domain, wording=wording.strip(), at_stake=at_stake.strip(), order=last + 1
            )
            event = "plan.goal.add"
        else:
            if goal.version_id != version.pk:
                raise ValidationError(_("Dit doel hoort bij een eerdere versie en kan niet meer worden gewijzigd."))
            goal.domain = domain
            goal.wording = wording.strip()
            goal.at_stake = at_stake.strip()
            goal.save(update_fields=["domain", "wording", "at_stake"])
            event = "plan.goal.change"
        audit(actor, event, AuditAction.CREATE if event.endswith("add") else AuditAction.UPDATE, goal, case)
    return goal


def goal_remove(*, actor, goal: Goal) -> None:
    plan = goal.version.plan
    require_edit(actor, plan.case)
    require_open(plan.case)
    with transaction.atomic():
        version = _draft_version(plan)
        if goal.version_id != version.pk:
            raise ValidationError(_("Dit doel hoort bij een eerdere versie en kan niet meer worden gewijzigd."))
        if goal.results.exists():
            raise ValidationError(_("Dit doel is al geëvalueerd en blijft daarom bewaard."))
        audit(actor, "plan.goal.remove", AuditAction.DELETE, goal, plan.case)
        goal.delete()


def action_save(
    *,
    actor,
    goal: Goal,
    description: str,
    layer: int,
    performer: str,
    due_on: date | None = None,
    status: str = Action.Status.PLANNED,
    action: Action | None = None,
) -> Action:
    """Add an action to a goal of the draft version, or change one."""
    plan = goal.version.plan
    case = plan.case
    require_edit(actor, case)
    require_open(case)
    errors = {}
    if not (description or "").strip():
        errors["description"] = _("Schrijf op wat er gebeurt.")
    if not (performer or "").strip():
        errors["performer"] = _("Vul in wie het doet: de persoon, vrijwilliger, voorziening of organisatie.")
    if int(layer) not in SupportLayer.values:
        errors["layer"] = _("Kies wie het doet uit de vijf lagen.")
    if status not in Action.Status.values:
        errors["status"] = _("Kies een status uit de lijst.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        version = _draft_version(plan)
        if goal.version_id != version.pk or (action is not None and action.goal_id != goal.pk):
            raise ValidationError(_("Deze actie hoort bij een eerdere versie en kan niet meer worden gewijzigd."))
        fields = {
            "description": description.strip(),
            "layer": int(layer),
            "performer": performer.strip(),
            "due_on": due_on,
            "status": status,
        }
        if action is None:
            action = Action.objects.create(goal=goal, **fields)
            event, audit_action = "plan.action.add", AuditAction.CREATE
        else:
            for name, value in fields.items():
                setattr(action, name, value)
            action.save(update_fields=list(fields))
            event, audit_action = "plan.action.change", AuditAction.UPDATE
        audit(actor, event, audit_action, action, case, layer=action.layer)
    return action


def action_remove(*, actor, action: Action) -> None:
    plan = action.goal.version.plan
    require_edit(actor, plan.case)
    require_open(plan.case)
    with transaction.atomic():
        version = _draft_version(plan)
        if action.goal.version_id != version.pk:
            raise ValidationError(_("Deze actie hoort bij een eerdere versie en kan niet meer worden gewijzigd."))
        audit(actor, "plan.action.remove", AuditAction.DELETE, action, plan.case)
        action.delete()


def action_status_set(*, actor, action: Action, status: str) -> Action:
    """Progress on an action. Not a change of the plan: no new version, but the same action
    (same lineage) in the versions still in play moves along."""
    plan = action.goal.version.plan
    case = plan.case
    require_edit(actor, case)
    require_open(case)
    if status not in Action.Status.values:
        raise ValidationError({"status": _("Kies een status uit de lijst.")})
    with transaction.atomic():
        for row in Action.objects.filter(
            lineage=action.lineage, goal__version__plan=plan, goal__version__status__in=["draft", "agreed"]
        ):
            row.status = status
            row.save(update_fields=["status"])
        action.status = status
        audit(actor, "plan.action.status", AuditAction.UPDATE, action, case, status=status)
    return action


def plan_agree(
    *,
    actor,
    plan: SupportPlan,
    agreed_on: date,
    method: str,
    agreed_by: str,
    note: str = "",
    evaluation_interval_weeks: int | None = None,
) -> PlanVersion:
    """The resident (and where they wish, their network) agrees to the draft version."""
    case = plan.case
    require_edit(actor, case)
    require_open(case)
    not_in_future(agreed_on, "agreed_on")
    errors = {}
    if method not in PlanVersion.AgreementMethod.values:
        errors["method"] = _("Kies hoe het akkoord is gegeven.")
    if not (agreed_by or "").strip():
        errors["agreed_by"] = _("Vul in wie akkoord gaf, bijvoorbeeld de inwoner en zijn partner.")
    if method == PlanVersion.AgreementMethod.ORAL and not (note or "").strip():
        errors["note"] = _("Schrijf bij mondeling akkoord op wanneer en hoe het is gegeven.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        version = _draft_version(plan)
        goals = list(version.goals.prefetch_related("actions"))
        if not goals:
            raise ValidationError(_("Het plan heeft nog geen doelen. Voeg eerst ten minste één doel toe."))
        empty = [goal for goal in goals if not goal.actions.all()]
        if empty:
            raise ValidationError(
                _("Elk doel heeft ten minste één actie nodig. Het doel ‘%(goal)s’ heeft er nog geen.")
                % {"goal": empty[0].wording[:60]}
            )
        PlanVersion.objects.filter(plan=plan, status=PlanVersion.Status.AGREED).update(
            status=PlanVersion.Status.SUPERSEDED
        )
        version.status = PlanVersion.Status.AGREED
        version.agreed_on = agreed_on
        version.agreement_method = method
        version.agreed_by = agreed_by.strip()
        version.agreement_note = (note or "").strip()
        version.agreement_recorded_by = actor
        version.save()
        if evaluation_interval_weeks:
            plan.evaluation_interval_weeks = evaluation_interval_weeks
        last_evaluation = plan.evaluations.order_by("-held_on").values_list("held_on", flat=True).first()
        start = max(agreed_on, last_evaluation) if last_evaluation else agreed_on
        plan.next_evaluation_on = evaluation_due(from_date=start, weeks=plan.evaluation_interval_weeks)
        plan.save(update_fields=["evaluation_interval_weeks", "next_evaluation_on", "updated_at"])
        if case.phase in (Phase.REGISTRATION, Phase.CLARIFICATION, Phase.PLANNING):
            set_phase(case, Phase.EXECUTION)
        case_event_record(
            case=case,
            kind=CaseEvent.Kind.PLAN,
            summary=_("Plan versie %(n)s akkoord (%(method)s)")
            % {"n": version.number, "method": version.get_agreement_method_display()},
            actor=actor,
            obj=version,
        )
        audit(actor, "plan.agree", AuditAction.UPDATE, version, case, number=version.number, method=method)
    return version


# --- Evaluation ---------------------------------------------------------------------------


def evaluation_record(
    *,
    actor,
    plan: SupportPlan,
    held_on: date,
    results: dict[int, tuple[str, str, str]],
    summary: str = "",
    discussed_in_team: bool = False,
    team_meeting_on: date | None = None,
    scores: dict[int, tuple[int, str]] | None = None,
    adjustment_reason: str = "",
) -> Evaluation:
    """Evaluate the agreed version: per goal (goal id → (outcome, helped, hindered)), an
    optional ZRM re-score, and adjustments (which start a new plan version)."""
    case = plan.case
    require_edit(actor, case)
    require_open(case)
    not_in_future(held_on, "held_on")
    version = plan.versions.filter(status=PlanVersion.Status.AGREED).first()
    if version is None:
        raise ValidationError(_("Er is nog geen plan waarmee de inwoner akkoord is; dat is eerst nodig."))
    goal_ids = set(version.goals.values_list("pk", flat=True))
    if set(results) != goal_ids:
        raise ValidationError(_("Geef bij elk doel aan of het bereikt is."))
    if any(outcome not in GoalOutcome.values for outcome, _helped, _hindered in results.values()):
        raise ValidationError(_("Kies bij elk doel: bereikt, deels bereikt of niet bereikt."))
    if team_meeting_on and not discussed_in_team:
        raise ValidationError({"discussed_in_team": _("Vink aan dat het is besproken, of laat de datum leeg.")})
    with transaction.atomic():
        _lock_plan(plan)
        if Evaluation.objects.filter(plan=plan, version=version, held_on=held_on).exists():
            raise ValidationError(_("Deze evaluatie is al vastgelegd."))
        assessment = None
        if scores:
            assessment = assessment_record(
                actor=actor, case=case, moment=Assessment.Moment.EVALUATION, assessed_on=held_on, scores=scores
            )
        evaluation = Evaluation.objects.create(
            plan=plan,
            version=version,
            held_on=held_on,
            held_by=actor,
            summary=summary.strip(),
            discussed_in_team=discussed_in_team,
            team_meeting_on=team_meeting_on,
            assessment=assessment,
        )
        GoalEvaluation.objects.bulk_create(
            GoalEvaluation(
                evaluation=evaluation,
                goal_id=goal_id,
                outcome=outcome,
                helped=helped.strip(),
                hindered=hindered.strip(),
            )
            for goal_id, (outcome, helped, hindered) in results.items()
        )
        if adjustment_reason.strip():
            draft = plan.versions.filter(status=PlanVersion.Status.DRAFT).first()
            if draft is None:
                draft = plan_revision_start(
                    actor=actor,
                    plan=plan,
                    reason=_("Evaluatie %(date)s: %(reason)s")
                    % {"date": held_on.strftime("%d-%m-%Y"), "reason": adjustment_reason.strip()},
                )
            evaluation.new_version = draft
            evaluation.save(update_fields=["new_version"])
        plan.next_evaluation_on = evaluation_due(from_date=held_on, weeks=plan.evaluation_interval_weeks)
        plan.save(update_fields=["next_evaluation_on", "updated_at"])
        case_event_record(
            case=case,
            kind=CaseEvent.Kind.PLAN,
            summary=_("Plan geëvalueerd (versie %(n)s)") % {"n": version.number},
            actor=actor,
            obj=evaluation,
        )
        audit(actor, "plan.evaluate", AuditAction.CREATE, evaluation, case, goals=len(results))
    return evaluation


# Closure, watch and reopening live in closure.py (this file stays readable); re-exported here
# so callers use one module.
from nabij.plans.closure import (  # noqa: E402
    case_close,
    case_reopen,
    watch_checkin_record,
)

__all__ = [
    "action_remove",
    "action_save",
    "action_status_set",
    "assessment_record",
    "case_close",
    "case_reopen",
    "evaluation_due",
    "evaluation_record",
    "goal_remove",
    "goal_save",
    "plan_agree",
    "plan_create",
    "plan_revision_start",
    "watch_checkin_record",
]
