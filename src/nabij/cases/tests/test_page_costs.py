"""What the worklist, the dossier and its timeline cost: an exact number of queries, the same at
one row as at many. A change that adds a query fails here; a change that saves one lowers the
number. The counts include the request's own (session user, memberships, emergency access)
and the audit event's (lock, previous hash, insert)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from nabij.cases import selectors, worklist
from nabij.cases.models import ContactMomentDraft, Deviation, Direction, Involvement, Phase
from nabij.cases.services import case_event_record
from nabij.cases.tests.factories import CaseFactory, ContactMomentFactory
from nabij.residents.tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db

# PostgreSQL adds the audit chain's advisory lock (one statement) to every audited page.
AUDIT_LOCK = 1 if connection.vendor == "postgresql" else 0
WORKLIST_QUERIES = 13 + AUDIT_LOCK
DOSSIER_QUERIES = 19 + AUDIT_LOCK
TIMELINE_QUERIES = 20 + AUDIT_LOCK


def _consent(case, *, purpose, valid_until, on_case=True, given_at=None):
    from nabij.consent.services import consent_record

    return consent_record(
        actor=case.contact_person,
        resident=case.primary_resident,
        purpose=purpose,
        form="signed",
        party="Huisarts" if purpose == "exchange" else "",
        given_at=given_at or timezone.localdate() - timedelta(days=100),
        valid_until=valid_until,
        case=case if on_case else None,
    )


def _busy_case(team, worker, i: int):
    """A case with something of every worklist kind due (first contact, deviation, watch,
    direction, expiring consent), varied by `i`."""
    today = timezone.localdate()
    phase = [Phase.CLARIFICATION, Phase.PLANNING, Phase.WATCH][i % 3]
    case = CaseFactory(
        team=team,
        contact_person=worker,
        phase=phase,
        first_contact_due=today - timedelta(days=i % 4),
        direction=Direction.TEAM,
        direction_hand_back_on=today + timedelta(days=i % 5),
        watch_next_checkin=today + timedelta(days=2) if phase == Phase.WATCH else None,
    )
    Deviation.objects.create(
        case=case, from_phase="vraagverheldering", to_phase="planning", result_key="life_domains", justification="x"
    )
    Deviation.objects.create(
        case=case, from_phase="vraagverheldering", to_phase="planning", result_key="first_contact", justification="y"
    )
    _consent(case, purpose="exchange", valid_until=today + timedelta(days=5 + i % 7))
    _consent(case, purpose="open_dossier", valid_until=today + timedelta(days=20), on_case=False)
    ResidentFactory(household=case.household)
    if i % 2:
        ContactMomentFactory(case=case, author=worker)
    return case


def _count(client, url, django_assert_num_queries, expected):
    client.get(url)  # warm-up (session, content types)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


def test_worklist_costs_a_fixed_number_of_queries(client_for, worker, team, django_assert_num_queries):
    client = client_for(worker)
    _busy_case(team, worker, 0)
    _count(client, reverse("cases:worklist"), django_assert_num_queries, WORKLIST_QUERIES)
    for i in range(1, 25):
        _busy_case(team, worker, i)
    _count(client, reverse("cases:worklist"), django_assert_num_queries, WORKLIST_QUERIES)


def _fill_case(case, worker, n):
    for i in range(n):
        moment = ContactMomentFactory(case=case, author=worker, restricted=bool(i % 2))
        case_event_record(case=case, kind="contact", summary="Contact", actor=worker, obj=moment)
        case_event_record(case=case, kind="note", summary="Regel", actor=worker)
        ResidentFactory(household=case.household)
        Involvement.objects.create(case=case, kind=Involvement._meta.get_field("kind").choices[0][0], organisation="X")
        Deviation.objects.create(
            case=case, from_phase="vraagverheldering", to_phase="planning", result_key="life_domains", justification="z"
        )
        _consent(case, purpose="exchange", valid_until=timezone.localdate() + timedelta(days=i % 40))
    ContactMomentDraft.objects.get_or_create(case=case, author=worker, contact_moment=None)


@pytest.mark.parametrize(("tab", "expected"), [("overzicht", DOSSIER_QUERIES), ("tijdlijn", TIMELINE_QUERIES)])
def test_case_page_costs_a_fixed_number_of_queries(client_for, worker, team, tab, expected, django_assert_num_queries):
    case = _busy_case(team, worker, 1)
    client = client_for(worker)
    url = reverse("cases:tab", args=[case.pk, tab])
    _fill_case(case, worker, 1)
    _count(client, url, django_assert_num_queries, expected)
    _fill_case(case, worker, 30)
    _count(client, url, django_assert_num_queries, expected)


def test_summary_hands_providers_what_they_would_read_themselves(worker, team, monkeypatch):
    """The case summary passes facts, deviations and consents it has read (`known`); the
    providers must then give exactly the items they give when they read everything."""
    today = timezone.localdate()
    cases = [_busy_case(team, worker, i) for i in range(6)]
    # A household consent ending soon, one long ended, one withdrawn: only the first is an item.
    _consent(cases[0], purpose="exchange", valid_until=today + timedelta(days=3), on_case=False)
    _consent(cases[0], purpose="exchange", valid_until=today - timedelta(days=90))
    withdrawn = _consent(cases[0], purpose="exchange", valid_until=today + timedelta(days=1))
    withdrawn.withdrawn_at = timezone.now()
    withdrawn.save()
    seen = []
    real_collect = worklist.collect

    def spy(cases, *, today, known=None):
        seen.append(known)
        return real_collect(cases, today=today, known=known)

    monkeypatch.setattr(worklist, "collect", spy)
    for case in cases:
        case = selectors.case_list_for_user(worker).get(pk=case.pk)
        summary = selectors.case_summary(worker, case)
        assert seen[-1] and set(seen[-1][case.pk]) >= {"open_deviations", "consents", "has_contact_moment"}
        read_again = real_collect([case], today=today)[0].items
        assert real_collect([case], today=today, known=seen[-1])[0].items == read_again
        assert summary.next_item == read_again[0]
    assert {item.kind for item in read_again} >= {"deviation", "direction", "consent"}


def test_case_url_matches_reverse():
    assert worklist.case_url(987654321) == reverse("cases:tab", args=[987654321, "overzicht"])


def test_an_older_timeline_page_costs_one_query_more_whatever_the_history(
    client_for, worker, team, django_assert_num_queries
):
    """The older page reads the line it continues after (its date), then pages as the first."""
    case = _busy_case(team, worker, 1)
    client = client_for(worker)
    url = reverse("cases:tab", args=[case.pk, "tijdlijn"])
    for _ in range(2):  # 60 lines of history, then 120
        _fill_case(case, worker, 30)
        first = selectors.case_timeline(worker, case)
        assert first.older_than is not None
        _count(client, f"{url}?ouder={first.older_than}", django_assert_num_queries, TIMELINE_QUERIES + 1)
