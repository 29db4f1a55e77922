from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from nabij.audit.models import AuditEvent
from nabij.plans import services
from nabij.plans.models import Action, Goal, PlanVersion
from nabij.plans.tests.factories import agreed_plan, draft_plan, letter_templates, open_case, reason, zrm_domains

pytestmark = pytest.mark.django_db

CASE_PAGES = ["case_plan", "assessments", "evaluations", "closure", "assessment_create", "closure_create"]


def _url(name, case, **kwargs):
    return reverse(f"plans:{name}", kwargs={"case_id": case.pk, **kwargs})


@pytest.mark.parametrize("page", CASE_PAGES)
def test_own_team_sees_the_tab_pages_and_each_read_is_audited(client_for, worker, team, page):
    case = open_case(team, worker)
    agreed_plan(worker, case)
    response = client_for(worker).get(_url(page, case))
    assert response.status_code == 200
    assert AuditEvent.objects.filter(
        participant_object_id=str(case.pk), event_outcome="success", resident_id=case.primary_resident_id
    ).exists()


@pytest.mark.parametrize("page", CASE_PAGES + ["plan_versions", "plan_pdf", "evaluation_create", "reopen"])
def test_other_team_gets_404_and_a_denied_audit_event(client_for, worker, other_worker, team, page):
    case = open_case(team, worker)
    agreed_plan(worker, case)
    assert client_for(other_worker).get(_url(page, case)).status_code == 404
    assert AuditEvent.objects.filter(participant_object_id=str(case.pk), event_outcome="denied").exists()


@pytest.mark.parametrize("role", ["privacy_officer", "analyst", "functional_admin", "volunteer_coordinator"])
def test_non_case_roles_get_404(client_for, make_user, worker, team, role):
    case = open_case(team, worker)
    draft_plan(worker, case)
    assert client_for(make_user(role, team)).get(_url("case_plan", case)).status_code == 404


def test_anonymous_is_sent_to_login(client, worker, team):
    case = open_case(team, worker)
    response = client.get(_url("case_plan", case))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_other_team_cannot_post(client_for, worker, other_worker, team):
    case = open_case(team, worker)
    plan = draft_plan(worker, case)
    goal = Goal.objects.get(version__plan=plan)
    response = client_for(other_worker).post(
        _url("goal_edit", case, goal_id=goal.pk), {"domain": goal.domain_id, "wording": "gekaapt"}
    )
    assert response.status_code == 404
    goal.refresh_from_db()
    assert goal.wording != "gekaapt"


def test_plan_flow_through_forms(client_for, worker, team):
    client = client_for(worker)
    case = open_case(team, worker)
    assert client.post(_url("plan_start", case)).status_code == 302
    domain = zrm_domains()[0]
    # Errors stay on the form with what was typed.
    response = client.post(_url("goal_create", case), {"domain": domain.pk, "wording": "", "at_stake": "rust"})
    assert response.status_code == 200
    assert "Schrijf het doel op" in response.content.decode() and "rust" in response.content.decode()
    response = client.post(_url("goal_create", case), {"domain": domain.pk, "wording": "Geen schulden meer"})
    assert response.status_code == 302
    goal = Goal.objects.get(version__plan__case=case)
    response = client.post(
        _url("action_create", case, goal_id=goal.pk),
        {"description": "Post openen", "layer": 1, "performer": "Inwoner", "due_on": "31-12-2026", "status": "planned"},
    )
    assert response.status_code == 302
    action = Action.objects.get(goal=goal)
    assert action.due_on.isoformat() == "2026-12-31"
    response = client.post(
        _url("plan_agree", case),
        {
            "agreed_on": timezone.localdate().strftime("%d-%m-%Y"),
            "method": "oral",
            "agreed_by": "Inwoner",
            "note": "",
            "evaluation_interval_weeks": 8,
        },
    )
    assert response.status_code == 200 and "mondeling" in response.content.decode().lower()
    response = client.post(
        _url("plan_agree", case),
        {
            "agreed_on": timezone.localdate().strftime("%d-%m-%Y"),
            "method": "signed_screen",
            "agreed_by": "Inwoner",
            "evaluation_interval_weeks": 8,
        },
    )
    assert response.status_code == 302
    assert PlanVersion.objects.get(plan__case=case).status == "agreed"
    # htmx status change swaps the row.
    response = client.post(_url("action_status", case, action_id=action.pk), {"status": "done"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'id="action-' in response.content.decode()
    # A change after agreement needs a reason.
    response = client.post(_url("plan_revise", case), {"reason": ""})
    assert response.status_code == 200
    assert client.post(_url("plan_revise", case), {"reason": "Werk erbij"}).status_code == 302
    response = client.get(_url("plan_versions", case) + "?left=1&right=2")
    assert response.status_code == 200 and "Werk erbij" in response.content.decode()


def test_plan_pdf_is_a_real_pdf_and_audited(client_for, worker, team):
    case = open_case(team, worker)
    agreed_plan(worker, case)
    response = client_for(worker).get(_url("plan_pdf", case))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(event_type="plan.print", resident_id=case.primary_resident_id).exists()


def test_closure_letter_is_served_only_through_the_checked_view(
    client_for, worker, other_worker, team, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    letter_templates()
    case = open_case(team, worker)
    services.case_close(
        actor=worker,
        case=case,
        reason=reason(),
        closed_on=timezone.localdate(),
        what_was_done="Gesprekken",
        letters=("closure.resident",),
    )
    document = case.generated_documents.get()
    url = _url("document_download", case, document_id=document.pk)
    response = client_for(worker).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert AuditEvent.objects.filter(event_type="document.download", participant_object_id=str(document.pk)).exists()
    assert client_for(other_worker).get(url).status_code == 404
    # A document id of another case answers 404 too.
    other_case = open_case(team, worker)
    assert client_for(worker).get(_url("document_download", other_case, document_id=document.pk)).status_code == 404


def test_closed_case_plan_is_read_only_in_the_ui(client_for, worker, team):
    case = open_case(team, worker)
    plan = agreed_plan(worker, case)
    services.case_close(
        actor=worker,
        case=case,
        reason=reason(),
        closed_on=timezone.localdate(),
        what_was_done="x",
        scaling_down="gestopt",
    )
    client = client_for(worker)
    page = client.get(_url("case_plan", case)).content.decode()
    assert "alleen te lezen" in page and "Plan wijzigen" not in page
    response = client.post(_url("plan_revise", case), {"reason": "toch"})
    assert response.status_code == 200 and "gesloten" in response.content.decode()
    assert plan.versions.count() == 1


def _fill_case(worker, case, goals):
    plan = agreed_plan(worker, case, goals=goals, actions=2)
    domains = zrm_domains()
    for n in range(goals):
        services.assessment_record(
            actor=worker,
            case=case,
            moment="start",
            assessed_on=timezone.localdate() - timedelta(days=n),
            scores={d.pk: (2 + n % 3, "") for d in domains},
        )
    return plan


# Queries per page on PostgreSQL (SQLite: one fewer, no advisory lock for the audit chain).
@pytest.mark.parametrize(
    ("page", "budget"),
    [("case_plan", 15), ("assessments", 13), ("evaluations", 16), ("closure", 12), ("plan_versions", 15)],
)
def test_tab_pages_have_a_fixed_query_count(client_for, worker, team, page, budget, django_assert_max_num_queries):
    client = client_for(worker)
    small = open_case(team, worker)
    _fill_case(worker, small, goals=1)
    big = open_case(team, worker)
    _fill_case(worker, big, goals=6)
    client.get(_url(page, small))  # warm-up (session, content types)
    with django_assert_max_num_queries(budget) as one:
        assert client.get(_url(page, small)).status_code == 200
    with django_assert_max_num_queries(budget) as many:
        assert client.get(_url(page, big)).status_code == 200
    assert len(one.captured_queries) == len(many.captured_queries)


def test_plan_shows_who_may_receive_what(client_for, worker, team):
    from nabij.consent.services import consent_record, consent_withdraw

    case = open_case(team, worker)
    draft_plan(worker, case)
    consent_record(
        actor=worker,
        resident=case.primary_resident,
        purpose="share_plan",
        form="signed",
        given_at=timezone.localdate(),
        party="Dochter Anouk",
        case=case,
    )
    withdrawn = consent_record(
        actor=worker,
        resident=case.primary_resident,
        purpose="exchange",
        form="email",
        given_at=timezone.localdate(),
        party="GGZ Polderzorg",
        case=case,
    )
    consent_withdraw(actor=worker, consent=withdrawn, note="Inwoner trok toestemming in.")
    html = client_for(worker).get(_url("case_plan", case)).content.decode()
    assert "Dochter Anouk" in html and "Plan delen met netwerk" in html
    assert "GGZ Polderzorg" not in html


def test_referrer_letter_can_be_made_after_closure(client_for, worker, other_worker, team, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    letter_templates()
    case = open_case(team, worker)
    closure = services.case_close(
        actor=worker,
        case=case,
        reason=reason(),
        closed_on=timezone.localdate(),
        what_was_done="x",
        referrer_name="Huisarts Jansen",
    )
    url = _url("closure_letter", case, closure_id=closure.pk)
    assert client_for(other_worker).post(url, {"key": "closure.referrer"}).status_code == 404
    assert client_for(worker).post(url, {"key": "onzin"}).status_code == 404
    assert client_for(worker).post(url, {"key": "closure.referrer"}).status_code == 302
    document = case.generated_documents.get()
    assert document.audience == "referrer" and document.related_id == str(closure.pk)


def test_emergency_access_writes_in_the_plan_like_the_team_until_it_expires(client_for, worker, other_worker, team):
    """One rule for the whole case file (cases.selectors.may_edit_case): an emergency access
    stands in for team membership while it lasts, reads and writes alike."""
    from nabij.cases.models import EmergencyAccess

    case = open_case(team, worker)
    plan = draft_plan(worker, case)
    access = EmergencyAccess.objects.create(
        user=other_worker, case=case, reason="Crisis in de nacht", expires_at=timezone.now() + timedelta(hours=4)
    )
    client = client_for(other_worker)
    assert client.get(_url("case_plan", case)).status_code == 200
    goal = Goal.objects.get(version__plan=plan)
    response = client.post(_url("goal_edit", case, goal_id=goal.pk), {"domain": goal.domain_id, "wording": "anders"})
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.wording == "anders"
    assert AuditEvent.objects.filter(user=other_worker, event_type__startswith="plan.").exists()

    EmergencyAccess.objects.filter(pk=access.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    client = client_for(other_worker)
    response = client.post(
        _url("goal_edit", case, goal_id=goal.pk), {"domain": goal.domain_id, "wording": "weer anders"}
    )
    assert response.status_code == 404
    goal.refresh_from_db()
    assert goal.wording == "anders"


def test_evaluation_checkin_and_reopen_through_forms(client_for, worker, team):
    client = client_for(worker)
    case = open_case(team, worker)
    plan = agreed_plan(worker, case)
    goal = Goal.objects.get(version__plan=plan)
    today = timezone.localdate().strftime("%d-%m-%Y")
    response = client.post(
        _url("evaluation_create", case),
        {"held_on": today, f"outcome_{goal.pk}": "partly", f"helped_{goal.pk}": "buurman", "adjustment_reason": ""},
    )
    assert response.status_code == 302
    assert plan.evaluations.get().goal_results.get().outcome == "partly"
    in_a_month = (timezone.localdate() + timedelta(days=30)).strftime("%d-%m-%Y")
    response = client.post(
        _url("closure_create", case),
        {
            "reason": reason().pk,
            "closed_on": today,
            "what_was_done": "Gesprekken",
            "scaling_down": "Buurman stopt",
            "watch_date_1": in_a_month,
        },
    )
    assert response.status_code == 302
    checkin = case.watches.get().checkins.get()
    response = client.post(_url("checkin", case, checkin_id=checkin.pk), {"done_on": today, "outcome": "reopen_case"})
    assert response.status_code == 200 and "Schrijf op waarom" in response.content.decode()
    response = client.post(
        _url("checkin", case, checkin_id=checkin.pk),
        {"done_on": today, "outcome": "reopen_case", "reopen_reason": "Nieuwe zorgen"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.closed_at is None
    assert client.get(_url("reopen", case)).status_code == 404  # an open case has nothing to reopen
