import io

import pytest
from django.core.management import call_command

from nabij.cases.models import Phase
from nabij.documents.models import GeneratedDocument
from nabij.plans.models import Evaluation, PlanVersion, SupportPlan, WatchCheckIn

pytestmark = pytest.mark.django_db


def test_demo_has_plans_in_every_state_and_is_idempotent(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("demo", stdout=io.StringIO())
    counts = (SupportPlan.objects.count(), PlanVersion.objects.count(), GeneratedDocument.objects.count())
    plans = SupportPlan.objects.filter(case__contact_person__username="werker").select_related("case")
    statuses = {p.versions.order_by("-number").first().status for p in plans}
    assert statuses == {"draft", "agreed"}
    assert Evaluation.objects.filter(plan__in=plans).count() == 3
    assert {p.case.phase for p in plans} >= {Phase.PLANNING, Phase.EXECUTION, Phase.CLOSED, Phase.WATCH}
    assert GeneratedDocument.objects.filter(template_key="closure.referrer").exists()
    assert WatchCheckIn.objects.filter(done_on__isnull=True).exists()
    call_command("demo", stdout=io.StringIO())
    assert (SupportPlan.objects.count(), PlanVersion.objects.count(), GeneratedDocument.objects.count()) == counts
