"""Intake's items on the worklist (registered in IntakeConfig.ready).

"Consent missing after acting first": the case was opened with a recorded reason to act
before consent; the item stays until a valid dossier consent is recorded for the case or
the household. One query for all cases on the list.
"""

from collections.abc import Iterable
from datetime import date

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nabij.cases.worklist import WorklistItem


def consent_missing_items(case_ids: list[int], *, today: date) -> Iterable[WorklistItem]:
    from nabij.consent.models import Consent
    from nabij.intake.models import Registration

    valid = Consent.objects.filter(purpose=Consent.Purpose.OPEN_DOSSIER, withdrawn_at__isnull=True).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today)
    )
    consented = valid.filter(
        Q(case_id=OuterRef("case_id")) | Q(case__isnull=True, resident__household_id=OuterRef("case__household_id"))
    )
    rows = (
        Registration.objects.filter(case_id__in=case_ids)
        .exclude(consent_deferred_reason="")
        .filter(~Exists(consented))
        .values_list("case_id", "case__opened_at")
    )
    for case_id, opened_at in rows:
        yield WorklistItem(
            case_id=case_id,
            kind="consent_missing",
            label=str(_("Toestemming voor het dossier vastleggen (eerst gehandeld)")),
            # Overdue from the start: acting first is the exception, formalising is due now.
            due=timezone.localtime(opened_at).date(),
            url=reverse("consent:case_tab", args=[case_id]),
        )
