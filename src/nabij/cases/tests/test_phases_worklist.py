"""Phases with their results and deviations (scharrelruimte), case direction, the worklist."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from nabij.audit.models import AuditEvent
from nabij.cases import phases, services, worklist
from nabij.cases.models import Deviation, Phase
from nabij.cases.tests.factories import CaseFactory, ContactMomentFactory
from nabij.residents.tests.factories import NetworkMemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(team, worker):
    return CaseFactory(team=team, contact_person=worker, phase=Phase.CLARIFICATION)


def test_transition_table_covers_every_phase_and_is_reachable():
    assert set(phases.ALLOWED_TRANSITIONS) == {p.value for p in Phase}
    reachable, frontier = {Phase.REGISTRATION.value}, [Phase.REGISTRATION.value]
    while frontier:
        for nxt in phases.ALLOWED_TRANSITIONS[frontier.pop()]:
            if nxt not in reachable:
                reachable.add(nxt)
                frontier.append(nxt)
    assert reachable == {p.value for p in Phase}


def test_results_derived_from_what_was_done(case, worker):
    missing = {spec.key for spec in services.case_missing_results(case)}
    assert {"first_contact", "network_mapped", "involvements_mapped", "life_domains"} <= missing
    ContactMomentFactory(case=case, author=worker)
    NetworkMemberFactory(household=case.household)
    missing = {spec.key for spec in services.case_missing_results(case)}
    assert "first_contact" not in missing and "network_mapped" not in missing


def test_moving_on_with_missing_results_needs_justification(case, worker):
    with pytest.raises(ValidationError) as error:
        services.case_phase_change(actor=worker, case=case, to_phase=Phase.PLANNING, expected_version=case.version)
    assert "justification" in error.value.error_dict
    services.case_phase_change(
        actor=worker,
        case=case,
        to_phase=Phase.PLANNING,
        expected_version=case.version,
        justification="Acute hulp eerst; netwerk volgt volgende week.",
    )
    case.refresh_from_db()
    assert case.phase == Phase.PLANNING
    keys = set(Deviation.objects.filter(case=case).values_list("result_key", flat=True))
    assert {"first_contact", "network_mapped"} <= keys
    assert AuditEvent.objects.filter(event_type="case.phase_change").exists()


def test_going_back_needs_no_justification(case, worker):
    services.case_phase_change(actor=worker, case=case, to_phase=Phase.REGISTRATION, expected_version=case.version)
    assert not Deviation.objects.exists()


def test_disallowed_transition_refused(case, worker):
    with pytest.raises(ValidationError):
        services.case_phase_change(actor=worker, case=case, to_phase=Phase.WATCH, expected_version=case.version)


def test_watch_needs_a_checkin_date(team, worker):
    case = CaseFactory(team=team, contact_person=worker, phase=Phase.CLOSURE)
    with pytest.raises(ValidationError) as error:
        services.case_phase_change(
            actor=worker, case=case, to_phase=Phase.WATCH, expected_version=case.version, justification="x"
        )
    assert "watch_next_checkin" in error.value.error_dict


def test_closing_sets_closed_at(team, worker):
    case = CaseFactory(team=team, contact_person=worker, phase=Phase.WATCH, watch_next_checkin=timezone.localdate())
    services.case_phase_change(
        actor=worker, case=case, to_phase=Phase.CLOSED, expected_version=case.version, justification=""
    )
    case.refresh_from_db()
    assert case.closed_at is not None


def test_phase_form_shows_missing_and_error(client_for, worker, case):
    client = client_for(worker)
    url = reverse("cases:phase_change", args=[case.pk])
    body = client.get(url).content.decode()
    assert "Eerste contact met de inwoner" in body
    response = client.post(url, {"version": case.version, "to_phase": "planning", "justification": ""})
    assert "Schrijf op waarom u toch verder gaat" in response.content.decode()
    response = client.post(url, {"version": case.version, "to_phase": "planning", "justification": "Crisis."})
    assert response.status_code == 302


def test_deviation_stays_on_worklist_until_result_done(client_for, worker, case):
    services.case_phase_change(
        actor=worker, case=case, to_phase=Phase.PLANNING, expected_version=case.version, justification="Crisis eerst."
    )
    body = client_for(worker).get(reverse("cases:worklist")).content.decode()
    assert "Ontbrekend faseresultaat: Leefgebieden in beeld" in body
    services.case_result_complete(case=case, key="life_domains", actor=worker)
    body = client_for(worker).get(reverse("cases:worklist")).content.decode()
    assert "Leefgebieden in beeld" not in body
    # A derived result closes its gap as soon as the system can see it.
    assert "Sociaal netwerk in beeld" in body
    NetworkMemberFactory(household=case.household)
    assert "Sociaal netwerk in beeld" not in client_for(worker).get(reverse("cases:worklist")).content.decode()


def test_result_toggle_view(client_for, worker, case):
    client = client_for(worker)
    client.post(reverse("cases:result_toggle", args=[case.pk]), {"key": "life_domains", "done": "1"})
    assert "life_domains" not in {s.key for s in services.case_missing_results(case)}
    client.post(reverse("cases:result_toggle", args=[case.pk]), {"key": "life_domains", "done": "0"})
    assert "life_domains" in {s.key for s in services.case_missing_results(case)}
    response = client.post(reverse("cases:result_toggle", args=[case.pk]), {"key": "bestaat-niet"}, follow=True)
    assert "Dit faseresultaat bestaat niet" in response.content.decode()


def test_direction_requires_organisation_or_date(client_for, worker, case):
    client = client_for(worker)
    url = reverse("cases:direction_edit", args=[case.pk])
    body = client.post(url, {"version": case.version, "direction": "organisatie"}).content.decode()
    assert "Vul in welke organisatie de regie heeft." in body
    body = client.post(url, {"version": case.version, "direction": "team"}).content.decode()
    assert "wanneer het team de regie teruggeeft" in body
    hand_back = (timezone.localdate() + timedelta(days=30)).strftime("%d-%m-%Y")
    response = client.post(url, {"version": case.version, "direction": "team", "direction_hand_back_on": hand_back})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.direction == "team" and case.direction_hand_back_on is not None


# --- Worklist ---------------------------------------------------------------------------


def test_worklist_sorted_by_urgency(client_for, worker, team):
    today = timezone.localdate()
    later = CaseFactory(team=team, contact_person=worker, first_contact_due=today + timedelta(days=5))
    overdue = CaseFactory(team=team, contact_person=worker, first_contact_due=today - timedelta(days=2))
    due_today = CaseFactory(team=team, contact_person=worker, first_contact_due=today)
    nothing = CaseFactory(team=team, contact_person=worker, phase=Phase.EXECUTION)
    rows = worklist.collect([later, overdue, due_today, nothing], today=today)
    assert [r.case for r in rows] == [overdue, due_today, later, nothing]
    body = client_for(worker).get(reverse("cases:worklist")).content.decode()
    assert body.index(overdue.reference) < body.index(due_today.reference) < body.index(later.reference)
    assert "Te laat" in body and "Vandaag" in body


def test_worklist_row_writes_the_next_due_date_and_the_other_items_with_theirs(client_for, worker, team):
    from nabij.cases.models import Direction

    today = timezone.localdate()
    first, second = today - timedelta(days=3), today + timedelta(days=40)
    CaseFactory(
        team=team,
        contact_person=worker,
        phase=Phase.CLARIFICATION,
        first_contact_due=first,
        direction=Direction.TEAM,
        direction_hand_back_on=second,
    )
    client = client_for(worker)
    body = client.get(reverse("cases:worklist")).content.decode()
    assert f'<span class="nabij-muted">uiterlijk {first.day}-{first.month}-{first.year}</span>' in body
    assert f" · {second.day}-{second.month}-{second.year}</li></ul>" in body
    client.cookies["django_language"] = "en"
    body = client.get(reverse("cases:worklist")).content.decode()
    assert f"due {first.day}-{first.month}-{first.year}</span>" in body


def test_worklist_shows_only_own_cases(client_for, worker, team, make_user):
    colleague = make_user("worker", team)
    mine = CaseFactory(team=team, contact_person=worker)
    theirs = CaseFactory(team=team, contact_person=colleague)
    body = client_for(worker).get(reverse("cases:worklist")).content.decode()
    assert mine.reference in body and theirs.reference not in body
    assert AuditEvent.objects.filter(event_type="worklist.view").exists()


def test_watch_and_direction_items(team, worker):
    today = timezone.localdate()
    watch = CaseFactory(team=team, contact_person=worker, phase=Phase.WATCH, watch_next_checkin=today)
    directed = CaseFactory(
        team=team, contact_person=worker, phase=Phase.EXECUTION, direction="team", direction_hand_back_on=today
    )
    rows = {r.case.pk: r for r in worklist.collect([watch, directed], today=today)}
    assert rows[watch.pk].next_item.kind == "watch"
    assert rows[directed.pk].next_item.kind == "direction"


def test_worklist_extension_point(team, worker):
    case = CaseFactory(team=team, contact_person=worker, phase=Phase.EXECUTION)
    today = timezone.localdate()

    def evaluations(case_ids, *, today):
        yield worklist.WorklistItem(case_id=case_ids[0], kind="evaluation", label="Evaluatie", due=today)

    worklist.register_provider("test.evaluations", evaluations)
    try:
        rows = worklist.collect([case], today=today)
        assert rows[0].next_item.kind == "evaluation"
    finally:
        worklist._PROVIDERS.pop("test.evaluations")


def test_coordinator_sees_caseloads_and_a_workers_list(client_for, coordinator, worker, team, other_worker):
    CaseFactory(team=team, contact_person=worker, first_contact_due=timezone.localdate() - timedelta(days=1))
    CaseFactory(team=team, contact_person=worker, phase=Phase.EXECUTION)
    client = client_for(coordinator)
    body = client.get(reverse("cases:worklist")).content.decode()
    assert "Caseload van het team" in body and worker.get_full_name() in body
    response = client.get(reverse("cases:worklist"), {"medewerker": worker.pk})
    assert "Werkvoorraad van" in response.content.decode()
    assert client.get(reverse("cases:worklist"), {"medewerker": other_worker.pk}).status_code == 404


def test_worker_cannot_open_colleague_list(client_for, worker, make_user, team):
    colleague = make_user("worker", team)
    theirs = CaseFactory(team=team, contact_person=colleague)
    body = client_for(worker).get(reverse("cases:worklist"), {"medewerker": colleague.pk}).content.decode()
    assert theirs.reference not in body and "Caseload van het team" not in body


@pytest.mark.parametrize(("who", "budget"), [("worker", 14), ("coordinator", 22)])  # PostgreSQL; SQLite one fewer
def test_worklist_query_count_fixed_1_vs_50(client_for, make_user, team, who, budget, django_assert_max_num_queries):
    user = make_user(who, team)
    client = client_for(user)
    today = timezone.localdate()

    def add(n):
        for i in range(n):
            case = CaseFactory(team=team, contact_person=user, first_contact_due=today - timedelta(days=i % 3))
            Deviation.objects.create(
                case=case,
                from_phase="vraagverheldering",
                to_phase="planning",
                result_key="life_domains",
                justification="x",
            )

    add(1)
    client.get(reverse("cases:worklist"))
    with django_assert_max_num_queries(budget) as one:
        client.get(reverse("cases:worklist"))
    add(49)
    with django_assert_max_num_queries(budget) as many:
        assert client.get(reverse("cases:worklist")).status_code == 200
    assert len(one.captured_queries) == len(many.captured_queries)


def test_consent_expiring_on_worklist(client_for, worker, team):
    from nabij.consent.services import consent_record

    case = CaseFactory(team=team, contact_person=worker, phase=Phase.EXECUTION)
    today = timezone.localdate()
    consent_record(
        actor=worker,
        resident=case.primary_resident,
        purpose="exchange",
        form="signed",
        party="Huisarts",
        given_at=today - timedelta(days=300),
        valid_until=today + timedelta(days=10),
        case=case,
    )
    consent_record(
        actor=worker,
        resident=case.primary_resident,
        purpose="open_dossier",
        form="signed",
        given_at=today,
        valid_until=today + timedelta(days=365),
    )
    rows = worklist.collect([case], today=today)
    items = [i for i in rows[0].items if i.kind == "consent"]
    assert len(items) == 1 and items[0].due == today + timedelta(days=10)
    body = client_for(worker).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Toestemming dossier tot" in body


def test_coordinator_assigns_contact_person(client_for, coordinator, worker, team, make_user, other_worker):
    colleague = make_user("worker", team)
    case = CaseFactory(team=team, contact_person=worker)
    client = client_for(coordinator)
    body = client.get(reverse("cases:assign", args=[case.pk])).content.decode()
    assert colleague.get_full_name() in body and other_worker.get_full_name() not in body
    response = client.post(
        reverse("cases:assign", args=[case.pk]), {"version": case.version, "contact_person": colleague.pk}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.contact_person == colleague
    assert AuditEvent.objects.filter(event_type="case.assign", event_outcome="success").exists()


def test_worker_cannot_assign(client_for, worker, team):
    case = CaseFactory(team=team, contact_person=worker)
    assert client_for(worker).get(reverse("cases:assign", args=[case.pk])).status_code == 404


def test_assign_refuses_someone_outside_the_team(coordinator, team, other_worker):
    from django.core.exceptions import ValidationError

    case = CaseFactory(team=team)
    with pytest.raises(ValidationError):
        services.case_assign_contact_person(
            actor=coordinator, case=case, contact_person=other_worker, expected_version=case.version
        )
