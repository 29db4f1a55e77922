from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from nabij.audit.models import AuditEvent
from nabij.cases.models import CaseEvent, Phase
from nabij.plans import selectors, services
from nabij.plans.models import (
    Action,
    Assessment,
    ClosureReason,
    Instrument,
    LifeDomain,
    PlanVersion,
    SupportPlan,
    WatchCheckIn,
)
from nabij.plans.tests.factories import agreed_plan, draft_plan, letter_templates, open_case, reason, zrm_domains

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def test_zrm_2017_is_seeded_as_data():
    instrument = Instrument.objects.get(is_default=True)
    assert (instrument.name, instrument.version) == ("Zelfredzaamheid-Matrix", "2017")
    labels = list(instrument.domains.values_list("label", flat=True))
    assert len(labels) == 13
    assert labels[0] == "Financiën" and labels[-1] == "Justitie"
    assert LifeDomain.objects.get(code="financien").resident_label == "Geldzaken"
    assert ClosureReason.objects.get(code="doorverwezen").requires_referral


def test_assessment_records_scores_per_domain_with_timeline_and_audit(worker, team):
    case = open_case(team, worker)
    domains = zrm_domains()
    assessment = services.assessment_record(
        actor=worker,
        case=case,
        moment="start",
        assessed_on=TODAY(),
        scores={domains[0].pk: (2, "schulden"), domains[3].pk: (4, "")},
    )
    assert sorted(assessment.scores.values_list("score", flat=True)) == [2, 4]
    assert CaseEvent.objects.filter(case=case, kind="plan").exists()
    assert AuditEvent.objects.filter(event_type="assessment.record", resident_id=case.primary_resident_id).exists()


@pytest.mark.parametrize("score", [0, 6])
def test_assessment_refuses_scores_off_the_scale(worker, team, score):
    case = open_case(team, worker)
    with pytest.raises(ValidationError):
        services.assessment_record(
            actor=worker, case=case, moment="start", assessed_on=TODAY(), scores={zrm_domains()[0].pk: (score, "")}
        )


def test_assessment_refuses_domain_of_another_instrument_and_future_dates(worker, team):
    case = open_case(team, worker)
    other = Instrument.objects.create(name="ZRM", version="oud-11")
    foreign = LifeDomain.objects.create(instrument=other, code="x", label="X", resident_label="X")
    with pytest.raises(ValidationError):
        services.assessment_record(
            actor=worker, case=case, moment="start", assessed_on=TODAY(), scores={foreign.pk: (3, "")}
        )
    with pytest.raises(ValidationError):
        services.assessment_record(
            actor=worker,
            case=case,
            moment="start",
            assessed_on=TODAY() + timedelta(days=1),
            scores={zrm_domains()[0].pk: (3, "")},
        )


def test_other_team_cannot_write(other_worker, worker, team):
    case = open_case(team, worker)
    with pytest.raises(PermissionDenied):
        services.plan_create(actor=other_worker, case=case)
    assert AuditEvent.objects.filter(event_type="plan.write", event_outcome="denied").exists()


def test_plan_create_is_one_per_case_and_moves_phase(worker, team):
    case = open_case(team, worker, phase=Phase.CLARIFICATION)
    plan = services.plan_create(actor=worker, case=case)
    assert services.plan_create(actor=worker, case=case) == plan
    assert plan.versions.get().status == PlanVersion.Status.DRAFT
    case.refresh_from_db()
    assert case.phase == Phase.PLANNING


def test_agreement_needs_goals_with_actions_and_a_note_when_oral(worker, team):
    case = open_case(team, worker)
    plan = services.plan_create(actor=worker, case=case)
    with pytest.raises(ValidationError, match="geen doelen"):
        services.plan_agree(actor=worker, plan=plan, agreed_on=TODAY(), method="email", agreed_by="Inwoner")
    services.goal_save(actor=worker, plan=plan, domain=zrm_domains()[0], wording="Schulden op orde")
    with pytest.raises(ValidationError, match="actie"):
        services.plan_agree(actor=worker, plan=plan, agreed_on=TODAY(), method="email", agreed_by="Inwoner")
    with pytest.raises(ValidationError) as oral:
        services.plan_agree(actor=worker, plan=plan, agreed_on=TODAY(), method="oral", agreed_by="Inwoner")
    assert "note" in oral.value.message_dict


def test_agreement_sets_next_evaluation_on_a_working_day(worker, team):
    case = open_case(team, worker)
    plan = draft_plan(worker, case)
    saturday = date(2026, 10, 3)
    # 12 weeks after a Saturday is a Saturday: the evaluation moves to Monday.
    services.plan_agree(actor=worker, plan=plan, agreed_on=saturday, method="signed_screen", agreed_by="Inwoner")
    plan.refresh_from_db()
    assert plan.next_evaluation_on == date(2026, 12, 28)  # 26-12 Saturday → 28-12 Monday (not a holiday)
    case.refresh_from_db()
    assert case.phase == Phase.EXECUTION


def test_evaluation_due_skips_dutch_holidays():
    # 25 and 26 December are holidays: Thursday 25-12-2025 → Monday 29-12-2025.
    assert services.evaluation_due(from_date=date(2025, 12, 25) - timedelta(weeks=2), weeks=2) == date(2025, 12, 29)


def test_agreed_version_cannot_change_without_a_new_version_and_reason(worker, team):
    case = open_case(team, worker)
    plan = agreed_plan(worker, case)
    v1 = plan.versions.get()
    goal = v1.goals.get()
    with pytest.raises(ValidationError, match="wijziging"):
        services.goal_save(actor=worker, plan=plan, domain=goal.domain, wording="Anders", goal=goal)
    with pytest.raises(ValidationError) as no_reason:
        services.plan_revision_start(actor=worker, plan=plan, reason="  ")
    assert "reason" in no_reason.value.message_dict
    v2 = services.plan_revision_start(actor=worker, plan=plan, reason="Inwoner wil ook werk zoeken")
    assert (v2.number, v2.status, v2.reason) == (2, "draft", "Inwoner wil ook werk zoeken")
    new_goal = v2.goals.get()
    assert new_goal.lineage == goal.lineage and new_goal.pk != goal.pk
    assert new_goal.actions.count() == goal.actions.count()
    # Editing the old version's goal stays refused; the new one is editable.
    with pytest.raises(ValidationError):
        services.goal_save(actor=worker, plan=plan, domain=goal.domain, wording="Anders", goal=goal)
    services.goal_save(actor=worker, plan=plan, domain=goal.domain, wording="Schulden weg", goal=new_goal)
    with pytest.raises(ValidationError, match="conceptversie"):
        services.plan_revision_start(actor=worker, plan=plan, reason="nog een")
    services.plan_agree(actor=worker, plan=plan, agreed_on=TODAY(), method="email", agreed_by="Inwoner")
    statuses = dict(plan.versions.values_list("number", "status"))
    assert statuses == {1: "superseded", 2: "agreed"}


def test_version_diff_shows_added_changed_and_removed(worker, team):
    case = open_case(team, worker)
    plan = agreed_plan(worker, case, goals=2)
    v2 = services.plan_revision_start(actor=worker, plan=plan, reason="Bijstellen")
    first, second = v2.goals.order_by("order")
    services.goal_save(actor=worker, plan=plan, domain=first.domain, wording="Nieuw geformuleerd", goal=first)
    services.goal_remove(actor=worker, goal=second)
    services.goal_save(actor=worker, plan=plan, domain=zrm_domains()[5], wording="Nieuw doel")
    v1 = plan.versions.get(number=1)
    statuses = sorted(change.status for change in selectors.version_diff(v1, v2))
    assert statuses == ["added", "changed", "removed"]


def test_action_status_is_progress_not_a_new_version(worker, team):
    case = open_case(team, worker)
    plan = agreed_plan(worker, case)
    action = Action.objects.get(goal__version__plan=plan)
    services.action_status_set(actor=worker, action=action, status="done")
    assert plan.versions.count() == 1
    assert Action.objects.get(pk=action.pk).status == "done"


def test_evaluation_records_goal_outcomes_rescore_and_new_version(worker, team):
    case = open_case(team, worker)
    plan = agreed_plan(worker, case, goals=2)
    goals = list(plan.versions.get().goals.all())
    with pytest.raises(ValidationError, match="elk doel"):
        services.evaluation_record(
            actor=worker, plan=plan, held_on=TODAY(), results={goals[0].pk: ("achieved", "", "")}
        )
    evaluation = services.evaluation_record(
        actor=worker,
        plan=plan,
        held_on=TODAY(),
        results={goals[0].pk: ("achieved", "buurthuis", ""), goals[1].pk: ("partly", "", "ziekte")},
        discussed_in_team=True,
        team_meeting_on=TODAY(),
        scores={zrm_domains()[0].pk: (4, "beter")},
        adjustment_reason="Tweede doel bijstellen",
    )
    assert sorted(evaluation.goal_results.values_list("outcome", flat=True)) == ["achieved", "partly"]
    assert evaluation.assessment.moment == Assessment.Moment.EVALUATION
    assert evaluation.new_version.number == 2 and "Tweede doel bijstellen" in evaluation.new_version.reason
    plan.refresh_from_db()
    assert plan.next_evaluation_on == services.evaluation_due(from_date=TODAY(), weeks=12)


def test_evaluation_needs_an_agreed_plan(worker, team):
    case = open_case(team, worker)
    plan = draft_plan(worker, case)
    with pytest.raises(ValidationError, match="akkoord"):
        services.evaluation_record(actor=worker, plan=plan, held_on=TODAY(), results={})


def _close(worker, case, **kwargs):
    defaults = {
        "actor": worker,
        "case": case,
        "reason": reason(),
        "closed_on": TODAY(),
        "what_was_done": "Schulden geregeld",
        "scaling_down": "Buurthuis stopt",
    }
    defaults.update(kwargs)
    return services.case_close(**defaults)


def test_closure_checks(worker, team):
    case = open_case(team, worker)
    agreed_plan(worker, case)
    with pytest.raises(ValidationError) as referral:
        _close(worker, case, reason=reason("doorverwezen"))
    assert "referred_to" in referral.value.message_dict
    with pytest.raises(ValidationError) as open_actions:
        _close(worker, case, scaling_down="")
    assert "scaling_down" in open_actions.value.message_dict
    with pytest.raises(ValidationError) as done:
        _close(worker, case, what_was_done=" ")
    assert "what_was_done" in done.value.message_dict
    with pytest.raises(ValidationError) as watch:
        _close(worker, case, watch_dates=[TODAY()])
    assert "watch_dates" in watch.value.message_dict
    with pytest.raises(ValidationError) as referrer:
        _close(worker, case, letters=("closure.referrer",))
    assert "referrer_name" in referrer.value.message_dict


def test_closure_closes_case_makes_plan_read_only_and_stores_letters(worker, team, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    letter_templates()
    case = open_case(team, worker)
    plan = agreed_plan(worker, case)
    closure = _close(
        worker,
        case,
        reason=reason("doorverwezen"),
        referred_to="Schuldhulp Hoeksche Waard",
        referrer_name="Huisarts Jansen",
        satisfaction={"listened": 5, "grade": 8},
        scores={zrm_domains()[0].pk: (4, "")},
        letters=("closure.resident", "closure.referrer"),
    )
    case.refresh_from_db()
    assert case.phase == Phase.CLOSED and case.closed_at is not None
    assert closure.satisfaction_grade == 8 and closure.assessment.moment == "closure"
    documents = list(case.generated_documents.order_by("template_key"))
    assert [d.template_key for d in documents] == ["closure.referrer", "closure.resident"]
    for document in documents:
        with document.file.open("rb") as handle:
            assert handle.read(5) == b"%PDF-"
    assert CaseEvent.objects.filter(case=case, kind="letter").count() == 2
    plan.refresh_from_db()
    assert plan.next_evaluation_on is None
    with pytest.raises(ValidationError, match="gesloten"):
        services.plan_revision_start(actor=worker, plan=plan, reason="toch")
    with pytest.raises(ValidationError):
        _close(worker, case)


def test_reopen_needs_reason_and_restores_evaluation(worker, team):
    case = open_case(team, worker)
    plan = agreed_plan(worker, case)
    _close(worker, case)
    with pytest.raises(ValidationError):
        services.case_reopen(actor=worker, case=case, reason="")
    services.case_reopen(actor=worker, case=case, reason="Nieuwe schulden")
    case.refresh_from_db()
    assert case.closed_at is None and case.phase == Phase.EXECUTION
    assert case.closures.get().reopen_reason == "Nieuwe schulden"
    plan.refresh_from_db()
    assert plan.next_evaluation_on is not None


def test_reopen_refused_when_household_has_another_active_case(worker, team):
    case = open_case(team, worker)
    _close(worker, case, scaling_down="")
    open_case(team, worker, household=case.household, primary_resident=case.primary_resident)
    with pytest.raises(ValidationError, match="andere open casus"):
        services.case_reopen(actor=worker, case=case, reason="x")


def test_watch_checkins_continue_close_or_reopen(worker, team):
    case = open_case(team, worker)
    closure = _close(worker, case, scaling_down="", watch_dates=[TODAY() + timedelta(days=30)])
    case.refresh_from_db()
    assert case.phase == Phase.WATCH
    first = closure.watch.checkins.get()
    with pytest.raises(ValidationError) as no_next:
        services.watch_checkin_record(actor=worker, checkin=first, done_on=TODAY(), note="goed", outcome="continue")
    assert "next_on" in no_next.value.message_dict
    services.watch_checkin_record(
        actor=worker, checkin=first, done_on=TODAY(), note="goed", outcome="continue", next_on=TODAY() + timedelta(7)
    )
    second = WatchCheckIn.objects.get(watch=closure.watch, done_on__isnull=True)
    with pytest.raises(ValidationError):
        services.watch_checkin_record(actor=worker, checkin=second, done_on=TODAY(), note="", outcome="reopen_case")
    services.watch_checkin_record(
        actor=worker, checkin=second, done_on=TODAY(), note="zorgen", outcome="reopen_case", reopen_reason="Terugval"
    )
    case.refresh_from_db()
    closure.watch.refresh_from_db()
    assert case.closed_at is None and not closure.watch.is_active


def test_watch_close_ends_in_closed_phase(worker, team):
    case = open_case(team, worker)
    closure = _close(worker, case, scaling_down="", watch_dates=[TODAY() + timedelta(days=30)])
    services.watch_checkin_record(
        actor=worker, checkin=closure.watch.checkins.get(), done_on=TODAY(), note="", outcome="close_watch"
    )
    case.refresh_from_db()
    assert case.phase == Phase.CLOSED and case.closed_at is not None


def test_one_plan_per_case_is_a_database_rule(worker, team):
    from django.db import IntegrityError, transaction

    case = open_case(team, worker)
    services.plan_create(actor=worker, case=case)
    with pytest.raises(IntegrityError), transaction.atomic():
        SupportPlan.objects.create(case=case, created_by=worker)


def test_the_same_evaluation_is_not_recorded_twice(worker, team):
    case = open_case(team, worker)
    plan = agreed_plan(worker, case)
    goal = plan.versions.get().goals.get()
    services.evaluation_record(actor=worker, plan=plan, held_on=TODAY(), results={goal.pk: ("achieved", "", "")})
    with pytest.raises(ValidationError, match="al vastgelegd"):
        services.evaluation_record(actor=worker, plan=plan, held_on=TODAY(), results={goal.pk: ("achieved", "", "")})


def test_action_layer_and_satisfaction_must_be_on_their_scales(worker, team):
    case = open_case(team, worker)
    plan = draft_plan(worker, case)
    goal = plan.versions.get().goals.get()
    with pytest.raises(ValidationError) as layer:
        services.action_save(actor=worker, goal=goal, description="x", layer=6, performer="y")
    assert "layer" in layer.value.message_dict
    with pytest.raises(ValidationError) as grade:
        _close(worker, case, satisfaction={"grade": 11, "listened": 7})
    assert {"satisfaction_grade", "satisfaction_listened"} <= set(grade.value.message_dict)
