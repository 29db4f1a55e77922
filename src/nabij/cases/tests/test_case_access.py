import pytest
from django.http import Http404
from django.urls import reverse

from nabij.audit.models import AuditEvent
from nabij.cases import selectors
from nabij.cases.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_case_of_own_team_is_readable_and_audited(worker, team):
    case = CaseFactory(team=team)
    assert selectors.case_get_for_user(worker, case_id=case.pk) == case
    event = AuditEvent.objects.get(event_type="case.view")
    assert event.resident_id == case.primary_resident_id
    assert event.event_outcome == "success"


@pytest.mark.parametrize("role", ["privacy_officer", "analyst", "functional_admin"])
def test_case_contents_hidden_from_non_case_roles(make_user, team, role):
    case = CaseFactory(team=team)
    with pytest.raises(Http404):
        selectors.case_get_for_user(make_user(role, team), case_id=case.pk)


def test_missing_and_forbidden_answer_alike_and_are_audited(other_worker, team):
    case = CaseFactory(team=team)
    for case_id in (case.pk, 999_999):
        with pytest.raises(Http404):
            selectors.case_get_for_user(other_worker, case_id=case_id)
    assert AuditEvent.objects.filter(event_type="case.view", event_outcome="denied").count() == 2


def test_api_lists_only_cases_in_scope(client_for, worker, team, other_team):
    mine = CaseFactory(team=team)
    CaseFactory(team=other_team)
    data = client_for(worker).get(reverse("case-list")).json()
    assert [row["id"] for row in data["results"]] == [mine.pk]
    assert client_for(worker).get(reverse("case-detail", args=[mine.pk])).status_code == 200


def test_api_detail_outside_scope_is_404(client_for, other_worker, team):
    case = CaseFactory(team=team)
    assert client_for(other_worker).get(reverse("case-detail", args=[case.pk])).status_code == 404


def test_worklist_query_count_is_fixed(client_for, worker, team, django_assert_max_num_queries):
    client = client_for(worker)
    CaseFactory(team=team, contact_person=worker)
    client.get(reverse("cases:worklist"))  # warm-up (session, content types)
    with django_assert_max_num_queries(14) as one:
        client.get(reverse("cases:worklist"))
    for _ in range(30):
        CaseFactory(team=team, contact_person=worker)
    with django_assert_max_num_queries(14) as many:
        response = client.get(reverse("cases:worklist"))
    assert response.status_code == 200
    assert len(one.captured_queries) == len(many.captured_queries)
