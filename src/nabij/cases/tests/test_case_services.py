import pytest

from nabij.audit.models import AuditEvent
from nabij.cases.models import Case, CaseEvent
from nabij.cases.services import case_open
from nabij.residents.tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def test_case_open_records_timeline_and_audit(worker, team):
    resident = ResidentFactory()
    case = case_open(
        actor=worker, household=resident.household, primary_resident=resident, team=team, contact_person=worker
    )
    assert case.reference.startswith("C-")
    assert CaseEvent.objects.filter(case=case, kind="phase").exists()
    assert AuditEvent.objects.filter(event_type="case.open", resident_id=resident.pk).exists()


def test_one_active_case_per_household(worker, team):
    resident = ResidentFactory()
    first = case_open(actor=worker, household=resident.household, primary_resident=resident, team=team)
    again = case_open(actor=worker, household=resident.household, primary_resident=resident, team=team)
    assert first == again
    assert Case.objects.count() == 1
    second_ref = case_open(actor=worker, household=ResidentFactory().household, primary_resident=resident, team=team)
    assert second_ref.reference != first.reference
