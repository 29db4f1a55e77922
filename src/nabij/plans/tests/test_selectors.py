from datetime import timedelta

import pytest
from django.utils import timezone

from nabij.plans import selectors, services
from nabij.plans.models import SupportPlan
from nabij.plans.tests.factories import agreed_plan, open_case, reason, zrm_domains

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _due_plan(worker, team, days):
    case = open_case(team, worker)
    plan = agreed_plan(worker, case)
    SupportPlan.objects.filter(pk=plan.pk).update(next_evaluation_on=TODAY() + timedelta(days=days))
    return plan


def test_evaluations_due_are_the_users_own_open_cases_within_the_horizon(worker, coordinator, other_worker, team):
    soon = _due_plan(worker, team, 3)
    overdue = _due_plan(worker, team, -2)
    _due_plan(worker, team, 40)  # beyond the horizon
    _due_plan(coordinator, team, 1)  # someone else's case
    items = selectors.evaluations_due_for_user(worker)
    assert [item.case.pk for item in items] == [overdue.case_id, soon.case_id]
    assert items[0].overdue and not items[1].overdue
    assert items[0].url.endswith(f"/casussen/{overdue.case_id}/evaluaties/nieuw/")
    assert selectors.evaluations_due_for_user(other_worker) == []


def test_watch_checkins_land_on_the_worklist_until_done(worker, team):
    case = open_case(team, worker)
    closure = services.case_close(
        actor=worker,
        case=case,
        reason=reason(),
        closed_on=TODAY(),
        what_was_done="x",
        watch_dates=[TODAY() + timedelta(days=5), TODAY() + timedelta(days=60)],
    )
    items = selectors.worklist_items_for_user(worker)
    assert [(i.kind, i.due_on) for i in items] == [("watch", TODAY() + timedelta(days=5))]
    services.watch_checkin_record(
        actor=worker, checkin=closure.watch.checkins.first(), done_on=TODAY(), note="", outcome="close_watch"
    )
    assert selectors.worklist_items_for_user(worker) == []


def test_non_case_roles_get_nothing(make_user, worker, team):
    _due_plan(worker, team, 1)
    assert selectors.worklist_items_for_user(make_user("analyst", team)) == []


def test_worklist_query_count_is_fixed(worker, team, django_assert_num_queries):
    _due_plan(worker, team, 1)
    selectors.worklist_items_for_user(worker)  # warm the grants cache
    with django_assert_num_queries(2):
        assert len(selectors.worklist_items_for_user(worker)) == 1
    for n in range(5):
        _due_plan(worker, team, n)
    with django_assert_num_queries(2):
        assert len(selectors.worklist_items_for_user(worker)) == 6


def test_assessment_history_shows_change_per_domain(worker, team, django_assert_num_queries):
    case = open_case(team, worker)
    finance, work = zrm_domains()[:2]
    services.assessment_record(
        actor=worker,
        case=case,
        moment="start",
        assessed_on=TODAY() - timedelta(days=90),
        scores={finance.pk: (2, ""), work.pk: (4, "")},
    )
    services.assessment_record(
        actor=worker,
        case=case,
        moment="evaluation",
        assessed_on=TODAY(),
        scores={finance.pk: (4, ""), work.pk: (3, "")},
    )
    with django_assert_num_queries(3):
        history = selectors.assessment_history(case)
    rows = {row.domain.code: row for row in history.rows}
    assert (rows["financien"].change, rows["financien"].direction) == (2, "up")
    assert rows["werk-opleiding"].direction == "down"
    assert rows["financien"].sparkline.count(",") == 2
    assert len(history.rows) == 2  # unscored domains are left out


def test_plan_page_query_count_is_fixed(worker, team, django_assert_num_queries):
    small = open_case(team, worker)
    agreed_plan(worker, small)
    big = open_case(team, worker)
    agreed_plan(worker, big, goals=5, actions=3)
    with django_assert_num_queries(5):
        selectors.plan_page(small)
    with django_assert_num_queries(5):
        page = selectors.plan_page(big)
    assert len(page.goals) == 5 and sum(len(g.actions.all()) for g in page.goals) == 15
