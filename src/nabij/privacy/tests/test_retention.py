"""Retention: dry run first, then cases past their term go (statistics stay), destruction
requests are carried out unless an exception is recorded, old audit events are purged only
through the trigger's permit and the chain still verifies."""

import sys
import types
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from nabij.audit.models import AuditChainAnchor, AuditEvent
from nabij.audit.services import Action, purge_events_before, record_event, verify_chain
from nabij.cases.models import Case
from nabij.cases.tests.factories import CaseFactory
from nabij.consent.models import Consent
from nabij.privacy import retention, services
from nabij.privacy.models import AnonymisedCaseRecord, DestructionRequest
from nabij.privacy.tasks import retention_nightly
from nabij.residents.models import Resident

pytestmark = pytest.mark.django_db


def closed_case(team, years_ago: float):
    case = CaseFactory(team=team)
    case.closed_at = timezone.now() - timedelta(days=365.25 * years_ago)
    case.phase = "gesloten"
    case.save()
    case.primary_resident.set_bsn("111222333")
    case.primary_resident.save()
    return case


@pytest.fixture
def plan_hook(monkeypatch):
    """The plans app's hook: which cases had an agreed plan."""
    agreed: set[int] = set()
    module = types.ModuleType("nabij_test_plan_hook")
    module.case_ids_with_agreed_plan = lambda ids: [i for i in ids if i in agreed]
    monkeypatch.setitem(sys.modules, "nabij_test_plan_hook", module)
    monkeypatch.setattr(retention, "PLAN_HOOK", "nabij_test_plan_hook:case_ids_with_agreed_plan")
    return agreed


def test_dry_run_reports_and_changes_nothing(team, capsys):
    case = closed_case(team, 16)
    call_command("retention", "--dry-run")
    out = capsys.readouterr().out
    assert f"case id={case.pk}" in out and "Dry run" in out
    assert Case.objects.filter(pk=case.pk).exists()


def test_without_the_plan_hook_the_longer_term_applies(team):
    six_years = closed_case(team, 6)
    plan = retention.retention_plan()
    assert plan.plan_hook_missing
    assert six_years.pk not in [due.case_id for due in plan.cases]


def test_terms_per_kind_of_file(team, plan_hook):
    no_plan_old = closed_case(team, 6)
    with_plan_6 = closed_case(team, 6)
    with_plan_16 = closed_case(team, 16)
    recent = closed_case(team, 1)
    open_case = CaseFactory(team=team)
    plan_hook.update({with_plan_6.pk, with_plan_16.pk})
    due = {d.case_id for d in retention.retention_plan().cases}
    assert due == {no_plan_old.pk, with_plan_16.pk}
    assert recent.pk not in due and open_case.pk not in due


def test_run_removes_case_anonymises_resident_and_keeps_statistics(team, worker, plan_hook):
    case = closed_case(team, 6)
    resident = case.primary_resident
    Consent.objects.create(
        resident=resident,
        case=case,
        purpose="open_dossier",
        form="signed",
        given_at=date(2018, 1, 1),
        recorded_by=worker,
    )
    result = retention.retention_run()
    assert result.cases_removed == 1
    assert not Case.objects.filter(pk=case.pk).exists()
    resident.refresh_from_db()
    assert resident.surname == retention.ANONYMISED_NAME and resident.get_bsn() == "" and resident.email == ""
    assert resident.birth_date == date(resident.birth_date.year, 1, 1)
    assert not Consent.objects.filter(resident=resident).exists()
    stats = AnonymisedCaseRecord.objects.get()
    assert stats.team_id == team.pk and stats.had_agreed_plan is False and stats.reason == "retention"
    assert AuditEvent.objects.filter(event_type="retention.run").exists()


def test_destruction_request_due_in_three_months_and_exception_blocks(team, make_user):
    officer = make_user("privacy_officer", team)
    case = CaseFactory(team=team)
    request = services.destruction_request_register(
        actor=officer, resident=case.primary_resident, received_on=date(2026, 1, 31)
    )
    assert request.due_on == date(2026, 4, 30)
    services.destruction_exception_record(actor=officer, request=request, reason="Lopende rechtszaak: bewaarplicht.")
    plan = retention.retention_plan(now=timezone.now() + timedelta(days=2000))
    assert request not in plan.destruction_requests


def test_destruction_carried_out_by_the_job_when_due(team, make_user):
    officer = make_user("privacy_officer", team)
    case = CaseFactory(team=team)
    resident_id = case.primary_resident_id
    request = services.destruction_request_register(
        actor=officer, resident=case.primary_resident, received_on=timezone.localdate() - timedelta(days=100)
    )
    retention_nightly.call_local()
    request.refresh_from_db()
    assert request.status == DestructionRequest.Status.CARRIED_OUT and request.resident is None
    assert request.resident_ref == resident_id and request.cases_removed == 1
    assert not Case.objects.filter(pk=case.pk).exists()
    assert Resident.objects.get(pk=resident_id).surname == retention.ANONYMISED_NAME


def test_only_the_privacy_officer_registers_destruction(worker, case):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.destruction_request_register(actor=worker, resident=case.primary_resident, received_on=date.today())


def _withdraw_test_purge_permit() -> None:
    """The test database carries a purge permit so flushes work (conftest.py); remove it in
    this test's transaction so the purge must bring its own, as in production."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_purge_permit")


def test_audit_purge_only_past_term_and_chain_still_verifies(worker):
    _withdraw_test_purge_permit()
    for i in range(3):
        record_event(actor=worker, event_type="case.view", action=Action.READ, resident_id=i)
    cutoff = timezone.now()
    keep = record_event(actor=worker, event_type="case.view", action=Action.READ, resident_id=99)
    removed = purge_events_before(cutoff=cutoff)
    assert removed >= 3
    assert AuditEvent.objects.filter(pk=keep.pk).exists()
    assert not AuditEvent.objects.filter(event_datetime__lt=cutoff).exists()
    assert AuditChainAnchor.objects.count() == 1
    record_event(actor=worker, event_type="case.view", action=Action.READ, resident_id=100)
    checked, broken = verify_chain()
    assert broken is None and checked == AuditEvent.objects.count()
    # The permit was transaction-local: a plain delete is refused again.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [keep.pk])


def test_retention_run_purges_audit_events_past_the_setting(worker, settings):
    _withdraw_test_purge_permit()
    record_event(actor=worker, event_type="case.view", action=Action.READ, resident_id=1)
    settings.NABIJ_AUDIT_RETENTION_YEARS = 5
    result = retention.retention_run(now=timezone.now() + timedelta(days=365 * 6))
    assert result.audit_events_removed >= 1
    assert verify_chain()[1] is None


def test_a_blocked_case_is_reported_and_the_run_goes_on(team, worker, plan_hook):
    from nabij.consent.models import InformationExchange
    from nabij.residents.tests.factories import HouseholdFactory

    blocked = closed_case(team, 16)
    removable = closed_case(team, 16)
    consent = Consent.objects.create(
        resident=blocked.primary_resident,
        case=blocked,
        purpose="exchange",
        party="Huisarts",
        form="signed",
        given_at=date(2009, 1, 1),
        recorded_by=worker,
    )
    later = CaseFactory(team=team, primary_resident=blocked.primary_resident, household=HouseholdFactory())
    InformationExchange.objects.create(  # an exchange in a later case still rests on the old consent
        case=later,
        resident=blocked.primary_resident,
        party="Huisarts",
        purpose="Overleg",
        ground="consent",
        consent=consent,
        exchanged_on=date(2010, 1, 1),
        recorded_by=worker,
    )
    result = retention.retention_run()
    assert result.cases_blocked == [blocked.pk]
    assert result.cases_removed == 1
    assert Case.objects.filter(pk=blocked.pk).exists() and not Case.objects.filter(pk=removable.pk).exists()
    assert Resident.objects.get(pk=blocked.primary_resident_id).surname != retention.ANONYMISED_NAME


def test_without_the_plan_hook_only_cases_past_the_longer_term_are_read(team, settings):
    """Without the plan status nothing closed after the longer term can be due, so the dry run
    does not read those cases at all (at a million residents it read 73,784 of them, ~350 ms)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    closed_case(team, 6)
    due = closed_case(team, 16)
    now = timezone.now()
    with CaptureQueriesContext(connection) as ctx:
        plan = retention.retention_plan(now=now)
    assert [d.case_id for d in plan.cases] == [due.pk]
    case_reads = [q["sql"] for q in ctx.captured_queries if 'FROM "cases_case"' in q["sql"]]
    long_end = retention.years_before(now, settings.NABIJ_RETENTION_YEARS_WITH_PLAN)
    short_end = retention.years_before(now, settings.NABIJ_RETENTION_YEARS_WITHOUT_PLAN)
    assert len(case_reads) == 1
    assert str(long_end.year) in case_reads[0] and str(short_end.year) not in case_reads[0]
