import pytest
from django.urls import reverse
from django.utils import timezone

from nabij.audit.models import AuditEvent
from nabij.plans.models import Action, Assessment, Goal
from nabij.plans.tests.factories import agreed_plan, open_case, zrm_domains

pytestmark = pytest.mark.django_db


def test_lists_only_plans_goals_and_actions_in_scope(client_for, worker, other_worker, team, other_team):
    mine = agreed_plan(worker, open_case(team, worker))
    theirs = agreed_plan(other_worker, open_case(other_team, other_worker))
    client = client_for(worker)
    assert [p["id"] for p in client.get(reverse("plan-list")).json()["results"]] == [mine.pk]
    goals = client.get(reverse("plan-goal-list")).json()["results"]
    assert {g["plan"] for g in goals} == {mine.pk}
    actions = client.get(reverse("plan-action-list")).json()["results"]
    assert {a["goal"] for a in actions} == set(Goal.objects.filter(version__plan=mine).values_list("pk", flat=True))
    assert AuditEvent.objects.filter(event_type="plan.list").exists()
    assert theirs.pk not in [p["id"] for p in client.get(reverse("plan-list")).json()["results"]]


def test_plan_detail_has_versions_and_current_goals_with_layers(client_for, worker, team):
    plan = agreed_plan(worker, open_case(team, worker))
    data = client_for(worker).get(reverse("plan-detail", args=[plan.pk])).json()
    assert data["versions"][0]["status"] == "agreed"
    assert data["current_goals"][0]["actions"][0]["layer"] == 1


@pytest.mark.parametrize("name", ["plan-detail", "plan-goal-detail", "plan-action-detail", "assessment-detail"])
def test_detail_outside_scope_and_missing_are_404_and_audited(client_for, worker, other_worker, team, name):
    case = open_case(team, worker)
    plan = agreed_plan(worker, case)
    assessment = Assessment.objects.create(
        case=case,
        instrument=zrm_domains()[0].instrument,
        moment="start",
        assessed_on=timezone.localdate(),
        assessed_by=worker,
    )
    pk = {
        "plan-detail": plan.pk,
        "plan-goal-detail": Goal.objects.filter(version__plan=plan).first().pk,
        "plan-action-detail": Action.objects.filter(goal__version__plan=plan).first().pk,
        "assessment-detail": assessment.pk,
    }[name]
    assert client_for(other_worker).get(reverse(name, args=[pk])).status_code == 404
    assert client_for(worker).get(reverse(name, args=[999_999])).status_code == 404
    assert AuditEvent.objects.filter(event_outcome="denied").count() >= 2
    assert client_for(worker).get(reverse(name, args=[pk])).status_code == 200


def test_assessment_create_through_the_service(client_for, worker, other_worker, team):
    case = open_case(team, worker)
    domain = zrm_domains()[0]
    body = {
        "case": case.pk,
        "moment": "start",
        "assessed_on": timezone.localdate().isoformat(),
        "scores": [{"domain": domain.code, "score": 2, "note": "schulden"}],
    }
    assert (
        client_for(other_worker).post(reverse("assessment-list"), body, content_type="application/json").status_code
        == 404
    )
    response = client_for(worker).post(reverse("assessment-list"), body, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["scores"] == [{"domain": domain.code, "score": 2, "note": "schulden"}]
    body["scores"][0]["score"] = 9
    assert client_for(worker).post(reverse("assessment-list"), body, content_type="application/json").status_code == 400


def test_plan_list_query_count_is_fixed(client_for, worker, team, django_assert_max_num_queries):
    client = client_for(worker)
    agreed_plan(worker, open_case(team, worker))
    client.get(reverse("plan-list"))
    with django_assert_max_num_queries(30) as one:
        client.get(reverse("plan-list"))
    for _ in range(5):
        agreed_plan(worker, open_case(team, worker), goals=3)
    with django_assert_max_num_queries(30) as many:
        client.get(reverse("plan-list"))
    assert len(one.captured_queries) == len(many.captured_queries)


def test_goal_and_action_create_and_status_through_the_services(client_for, worker, other_worker, team):
    from nabij.plans import services

    case = open_case(team, worker)
    plan = services.plan_create(actor=worker, case=case)
    body = {"plan": plan.pk, "domain": "financien", "wording": "Rust in mijn hoofd over geld"}
    assert (
        client_for(other_worker).post(reverse("plan-goal-list"), body, content_type="application/json").status_code
        == 404
    )
    client = client_for(worker)  # the test client is shared: log the worker in again
    response = client.post(reverse("plan-goal-list"), body, content_type="application/json")
    assert response.status_code == 201, response.content
    goal_id = response.json()["id"]
    action = {"goal": goal_id, "description": "Post openen", "layer": 1, "performer": "Inwoner zelf"}
    response = client.post(reverse("plan-action-list"), action, content_type="application/json")
    assert response.status_code == 201, response.content
    action_id = response.json()["id"]
    response = client.post(
        reverse("plan-action-status", args=[action_id]), {"status": "done"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["status"] == "done"
    # After agreement the API refuses changes in place, with the service's Dutch message.
    services.plan_agree(actor=worker, plan=plan, agreed_on=timezone.localdate(), method="email", agreed_by="Inwoner")
    response = client.post(reverse("plan-goal-list"), body, content_type="application/json")
    assert response.status_code == 400 and "nieuwe versie" in response.content.decode()
