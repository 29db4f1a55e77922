"""Writes for cases. Every change of a case goes through a function here."""

from django.db import transaction
from django.utils import timezone

from nabij.audit.services import Action, record_event
from nabij.cases.models import Case, CaseEvent, Phase


def _next_reference() -> str:
    year = timezone.localdate().year
    last = (
        Case.objects.filter(reference__startswith=f"C-{year}-")
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"C-{year}-{number:05d}"


def case_event_record(*, case: Case, kind: str, summary: str, actor=None, obj=None, occurred_at=None) -> CaseEvent:
    """A line on the case timeline. Higher apps (intake, plans, consent) call this; `summary`
    is worker-facing text kept in the dossier, never written to logs."""
    return CaseEvent.objects.create(
        case=case,
        kind=kind,
        summary=summary[:300],
        actor=actor,
        occurred_at=occurred_at or timezone.now(),
        object_type=obj._meta.model_name if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
    )


def case_open(*, actor, household, primary_resident, team, contact_person=None, summary: str = "") -> Case:
    """Open the household's case. One active case per household (a database constraint):
    when one is open already, it is returned unchanged rather than duplicated."""
    with transaction.atomic():
        existing = Case.objects.select_for_update().filter(household=household, closed_at__isnull=True).first()
        if existing is not None:
            return existing
        case = Case.objects.create(
            household=household,
            primary_resident=primary_resident,
            team=team,
            contact_person=contact_person,
            phase=Phase.CLARIFICATION,
            opened_at=timezone.now(),
            reference=_next_reference(),
        )
        case_event_record(
            case=case, kind=CaseEvent.Kind.PHASE, summary=summary or "Casus geopend", actor=actor, obj=case
        )
        record_event(
            actor=actor,
            event_type="case.open",
            action=Action.CREATE,
            object_type="case",
            object_id=case.pk,
            resident_id=primary_resident.pk,
        )
    return case
