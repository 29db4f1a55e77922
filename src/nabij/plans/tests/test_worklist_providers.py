"""Plan evaluations and waakvlam check-ins appear on the worker's worklist page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from nabij.plans import services
from nabij.plans.models import SupportPlan
from nabij.plans.tests.factories import agreed_plan, open_case, reason

pytestmark = pytest.mark.django_db


def test_evaluation_due_shows_on_the_worklist(client_for, worker, team):
    case = open_case(team, worker)
    plan = agreed_plan(worker, case)
    due = timezone.localdate() - timedelta(days=1)
    SupportPlan.objects.filter(pk=plan.pk).update(next_evaluation_on=due)
    page = client_for(worker).get(reverse("cases:worklist")).content.decode()
    assert "Evaluatie perspectiefplan" in page
    assert reverse("plans:evaluation_create", kwargs={"case_id": case.pk}) in page


def test_watch_checkin_shows_on_the_worklist_and_the_plan_tab_is_in_the_case_bar(client_for, worker, team):
    case = open_case(team, worker)
    services.case_close(
        actor=worker,
        case=case,
        reason=reason(),
        closed_on=timezone.localdate(),
        what_was_done="Samen de administratie op orde gebracht.",
        watch_dates=[timezone.localdate() + timedelta(days=3)],
    )
    client = client_for(worker)
    page = client.get(reverse("cases:worklist")).content.decode()
    assert "Waakvlamcontact" in page
    detail = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert reverse("plans:case_plan", args=[case.pk]) in detail
    assert reverse("consent:case_tab", args=[case.pk]) in detail
