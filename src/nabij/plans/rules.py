"""Rules every plan service shares: access to write, a closed case is read-only, dates."""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from nabij.audit.services import Action as AuditAction
from nabij.audit.services import record_event
from nabij.cases.models import Case
from nabij.cases.selectors import may_edit_case
from nabij.core.workdays import is_working_day


def require_edit(actor, case: Case) -> None:
    """The one write rule of the case file (cases.selectors.may_edit_case): the case's team,
    or a valid emergency access."""
    if not may_edit_case(actor, case):
        record_event(
            actor=actor,
            event_type="plan.write",
            action=AuditAction.UPDATE,
            outcome="denied",
            object_type="case",
            object_id=case.pk,
        )
        raise PermissionDenied


def require_open(case: Case) -> None:
    if case.closed_at is not None:
        raise ValidationError(
            _("Deze casus is gesloten. Het plan kan niet meer worden gewijzigd; heropen de casus om verder te werken.")
        )


def not_in_future(value: date, field: str) -> None:
    if value > timezone.localdate():
        raise ValidationError({field: _("Deze datum ligt in de toekomst. Vul de datum van vandaag of eerder in.")})


def audit(actor, event_type: str, action: str, obj, case: Case, **details) -> None:
    record_event(
        actor=actor,
        event_type=event_type,
        action=action,
        object_type=obj._meta.model_name,
        object_id=obj.pk,
        resident_id=case.primary_resident_id,
        details=details or None,
    )


def set_phase(case: Case, phase: str, **extra) -> None:
    case.phase = phase
    for name, value in extra.items():
        setattr(case, name, value)
    case.save(update_fields=["phase", "updated_at", *extra.keys()])


def evaluation_due(*, from_date: date, weeks: int) -> date:
    """The next evaluation: `weeks` after `from_date`, moved to the next working day."""
    due = from_date + timedelta(weeks=weeks)
    while not is_working_day(due):
        due += timedelta(days=1)
    return due
