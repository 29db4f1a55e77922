"""Retention: dry run first, then cases past their term go (statistics stay), destruction
requests are carried out unless an exception is recorded, old audit events are purged only
through the trigger's permit and the chain still verifies."""

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
from nabij.plans.models import PlanVersion, SupportPlan
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
def no_plan_hook(monkeypatch):
    """An installation whose plans app gives no plan status."""
    monkeypatch.setattr(retention, "PLAN_HOOK", "nabij.plans.selectors:no_such_hook")


@pytest.fixture
def agree_plan(worker):
    """Give a case a plan whose (only) version has `status`: agreed, superseded or draft."""

    def agree(case, status=PlanVersion.Status.AGREED):
        plan = SupportPlan.objects.create(case=case, created_by=worker)
        agreed_on = None if status == PlanVersion.Status.DRAFT else date(2010, 1, 1)
        PlanVersion.objects.create(plan=plan, number=1, status=status, created_by=worker, agreed_on=agreed_on)

    return agree


def test_dry_run_reports_and_changes_nothing(team, capsys):
    case = closed_case(team, 16)
    call_command("retention", "--dry-run")
    out = capsys.readouterr().out
    assert f"case id={case.pk}" in out and "Dry run" in out
    assert Case.objects.filter(pk=case.pk).exists()


def test_without_the_plan_hook_the_longer_term_applies(team, no_plan_hook):
    six_years = closed_case(team, 6)
    plan = retention.retention_plan()
    assert plan.plan_hook_missing
    assert six_years.pk not in [due.case_id for due in plan.cases]


def test_terms_per_kind_of_file(team, agree_plan):
    no_plan_old = closed_case(team, 6)
    draft_only_old = closed_case(team, 6)
    with_plan_6 = closed_case(team, 6)
    superseded_6 = closed_case(team, 6)
    with_plan_16 = closed_case(team, 16)
    recent = closed_case(team, 1)
    open_case = CaseFactory(team=team)
    agree_plan(draft_only_old, PlanVersion.Status.DRAFT)
    agree_plan(with_plan_6)
    agree_plan(superseded_6, PlanVersion.Status.SUPERSEDED)
    agree_plan(with_plan_16)
    plan = retention.retention_plan()
    assert not plan.plan_hook_missing
    due = {d.case_id: (d.term_years, d.had_agreed_plan) for d in plan.cases}
    assert due == {no_plan_old.pk: (5, False), draft_only_old.pk: (5, False), with_plan_16.pk: (15, True)}
    assert recent.pk not in due and open_case.pk not in due


def test_plan_status_is_decided_in_the_database(team, agree_plan):
    """With the plans app's answer the candidates are judged in the database: one read of
    cases per term, each joined to the plans, and only what is due comes back (at city scale
    the cases kept for their plan are a decade of work)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    kept = [closed_case(team, 6) for _ in range(3)]
    for case in kept:
        agree_plan(case)
    due = closed_case(team, 6)
    with CaptureQueriesContext(connection) as ctx:
        plan = retention.retention_plan()
    assert [d.case_id for d in plan.cases] == [due.pk]
    case_reads = [q["sql"] for q in ctx.captured_queries if 'FROM "cases_case"' in q["sql"]]
    assert len(case_reads) == 2 and all("plans_planversion" in sql for sql in case_reads)


def test_run_removes_case_anonymises_resident_and_keeps_statistics(team, worker):
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


def test_a_blocked_case_is_reported_and_the_run_goes_on(team, worker):
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


def test_without_the_plan_hook_only_cases_past_the_longer_term_are_read(team, settings, no_plan_hook):
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


def test_report_page_counts_what_is_due_and_names_the_term(team, agree_plan, make_user, client_for):
    """The privacy officer sees how many cases the next run removes, each with its term."""
    from django.urls import reverse

    without_plan = closed_case(team, 6)
    with_plan = closed_case(team, 16)
    agree_plan(with_plan)
    agree_plan(closed_case(team, 6))  # kept: its plan was agreed
    officer = make_user("privacy_officer", team)
    page = client_for(officer).get(reverse("privacy:retention")).content.decode()
    assert "2 casussen." in page
    assert without_plan.reference in page and with_plan.reference in page
    assert "Of een plan is vastgesteld, is nog niet bekend" not in page


def test_a_case_reopened_or_removed_during_the_run_is_left_and_the_run_goes_on(team, monkeypatch):
    """The run works through a list read at its start (a first night's backlog takes minutes):
    each case is read again, locked, and left when it no longer is past its term."""
    reopened, removed, due = closed_case(team, 6), closed_case(team, 6), closed_case(team, 6)
    read_plan = retention.retention_plan

    def plan_then_changes(**kwargs):
        plan = read_plan(**kwargs)
        Case.objects.filter(pk=reopened.pk).update(closed_at=None, phase="uitvoering")
        Case.objects.filter(pk=removed.pk).delete()
        return plan

    monkeypatch.setattr(retention, "retention_plan", plan_then_changes)
    result = retention.retention_run()
    assert result.cases_removed == 1 and sorted(result.cases_skipped) == sorted([reopened.pk, removed.pk])
    assert Case.objects.filter(pk=reopened.pk).exists() and not Case.objects.filter(pk=due.pk).exists()
    event = AuditEvent.objects.get(event_type="retention.run")
    assert sorted(event.details["cases_skipped"]) == sorted([reopened.pk, removed.pk])


def test_without_the_plan_hook_the_longest_term_applies_whichever_it_is(team, settings, no_plan_hook):
    settings.NABIJ_RETENTION_YEARS_WITH_PLAN = 5
    settings.NABIJ_RETENTION_YEARS_WITHOUT_PLAN = 10
    six = closed_case(team, 6)
    eleven = closed_case(team, 11)
    plan = retention.retention_plan()
    assert [(d.case_id, d.term_years) for d in plan.cases] == [(eleven.pk, 10)]
    assert six.pk not in [d.case_id for d in plan.cases]


def test_erasure_records_whether_the_plan_was_agreed(team, worker, agree_plan):
    case = closed_case(team, 1)
    agree_plan(case)
    retention.resident_erase(case.primary_resident, reason="destruction")
    assert AnonymisedCaseRecord.objects.get().had_agreed_plan is True
