"""What the plans app puts on the worker's worklist, through the cases registry
(nabij.cases.worklist): plan evaluations due and waakvlam check-ins.

Each provider costs one query over the (already access-filtered) case ids.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nabij.cases.worklist import WorklistItem
from nabij.core.reversing import url_for
from nabij.plans.models import SupportPlan, WatchCheckIn


def evaluations_due(case_ids, *, today):
    rows = SupportPlan.objects.filter(
        case_id__in=case_ids, case__closed_at__isnull=True, next_evaluation_on__isnull=False
    ).values_list("case_id", "next_evaluation_on")
    for case_id, due in rows:
        yield WorklistItem(
            case_id=case_id,
            kind="evaluation",
            label=_("Evaluatie perspectiefplan"),
            due=due,
            url=url_for("plans:evaluation_create", case_id),  # one reverse() per page, not per item
        )


def watch_checkins_due(case_ids, *, today):
    rows = WatchCheckIn.objects.filter(
        watch__case_id__in=case_ids, watch__ended_at__isnull=True, done_on__isnull=True
    ).values_list("watch__case_id", "pk", "planned_on")
    for case_id, checkin_id, due in rows:
        yield WorklistItem(
            case_id=case_id,
            kind="watch",
            label=_("Waakvlamcontact"),
            due=due,
            url=reverse("plans:checkin", kwargs={"case_id": case_id, "checkin_id": checkin_id}),
        )
