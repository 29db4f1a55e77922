"""The triage board's rows: labels, urgency, counts, order, the 200 cap, and the rows built in
Python (`intake_board.board_table_rows`) matching the per-row template they replaced, byte for
byte, in Dutch and in English."""

from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.db import connection
from django.template import engines
from django.urls import reverse
from django.utils import timezone, translation

from nabij.access import policy
from nabij.accounts.models import Team
from nabij.accounts.tests.factories import MembershipFactory, UserFactory
from nabij.audit.models import AuditEvent
from nabij.cases.tests.factories import CaseFactory
from nabij.core.workdays import working_days_between
from nabij.intake.models import Channel, Outcome, Registration, Urgency
from nabij.intake.selectors import registrations as selectors
from nabij.intake.templatetags.intake_board import board_table_rows
from nabij.intake.tests.factories import OutcomeFactory, RegistrationFactory
from nabij.residents.tests.factories import ResidentFactory

# The board's rows as the template wrote them before they were built in Python: the reference
# the fast path must equal. Rendered here over fully loaded registrations, as the page did.
REFERENCE_ROWS = (Path(__file__).parent / "board_rows_reference.html").read_text()


def _reference_html(rows) -> str:
    full = Registration.objects.select_related("outcome__assigned_worker", "redirected_from__team").in_bulk(
        [row.registration.pk for row in rows]
    )
    reference_rows = [
        SimpleNamespace(
            registration=full[row.registration.pk],
            known_case_id=row.known_case_id,
            known_elsewhere=row.known_elsewhere,
            minor=row.minor,
            working_days_waiting=row.working_days_waiting,
            overdue=row.overdue,
            due_today=row.due_today,
        )
        for row in rows
    ]
    return engines["django"].from_string(REFERENCE_ROWS).render({"rows": reference_rows})


@pytest.fixture
def every_kind_of_row(team, other_team, worker):
    """One registration for each branch of a board row."""
    today = timezone.localdate()
    now = timezone.now()
    first_team = Team.objects.create(name='Wijkteam "Oost" & <West>')
    with_case = CaseFactory(team=team)
    named = UserFactory(username="w-naam", first_name="Joë'l", last_name="<de> Vries & Co")
    nameless = UserFactory(username="zonder&<naam>", first_name="", last_name="")
    RegistrationFactory(team=team, redirected_from=RegistrationFactory(team=first_team, status="afgesloten"))
    RegistrationFactory(team=team, redirected_from=RegistrationFactory(team=None, status="afgesloten"))
    RegistrationFactory(team=team, given_names="", surname="", surname_prefix="")
    RegistrationFactory(team=team, given_names="Ana & <b>", surname_prefix="van 't", surname="O'Brien")
    RegistrationFactory(team=team, resident=with_case.primary_resident, urgency=Urgency.CRISIS, safety_flag=True)
    RegistrationFactory(team=team, resident=ResidentFactory(), urgency=Urgency.HIGH, is_minor=True)
    # Known to another team: said, but no link the worker could not follow.
    RegistrationFactory(team=team, resident=CaseFactory(team=other_team).primary_resident)
    RegistrationFactory(team=team, birth_date=today - timedelta(days=365 * 12), channel=Channel.WEB)
    RegistrationFactory(team=team, birth_date=today.replace(year=today.year - 30), channel=Channel.API)
    RegistrationFactory(team=team, first_contact_at=now, first_contact_due=today - timedelta(days=2))
    RegistrationFactory(team=team, first_contact_due=today - timedelta(days=1), status="getrieerd")
    RegistrationFactory(team=team, first_contact_due=today, status="wachtlijst", channel=Channel.REFERRAL)
    RegistrationFactory(team=team, first_contact_due=today + timedelta(days=3), channel=Channel.SIGNAL)
    # Late in the evening UTC is the next day in Amsterdam; a year-old wait spans holidays.
    RegistrationFactory(team=team, received_at=datetime(2025, 12, 31, 23, 30, tzinfo=UTC))
    RegistrationFactory(team=team, received_at=now - timedelta(days=400), channel=Channel.EMAIL)
    for kind, assigned in [
        (Outcome.Kind.CORE_DECISION, named),
        (Outcome.Kind.CORE_DECISION, nameless),
        (Outcome.Kind.WAITING_LIST, None),
    ]:
        registration = RegistrationFactory(team=team, status="getrieerd")
        OutcomeFactory(registration=registration, kind=kind, assigned_worker=assigned)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_rows_equal_the_per_row_template_byte_for_byte(every_kind_of_row, worker, team, language):
    with translation.override(language):
        rows = selectors.board_rows(worker, team_id=team.pk)
        assert len(rows) == 18
        fast = board_table_rows(rows)
        assert fast == _reference_html(rows)
    redirected = {"nl": "Doorverwezen door", "en": "Redirected by"}[language]
    elsewhere = {
        "nl": "Bekende inwoner: open casus bij een ander team",
        "en": "Known resident: open case with another team",
    }[language]
    for text in [redirected, elsewhere, "&amp; &lt;West&gt;", "Ana &amp; &lt;b&gt;", "zonder&amp;&lt;naam&gt;", "2026"]:
        assert text in fast


def test_the_page_renders_the_rows_and_the_tag(client_for, every_kind_of_row, worker, team):
    body = client_for(worker).get(reverse("intake:board")).content.decode()
    rows = selectors.board_rows(worker, team_id=team.pk)
    assert f'<tbody class="utrecht-table__body">\n  {_reference_html(rows)}\n  </tbody>' in body


def test_labels_are_the_display_values_in_the_active_language(every_kind_of_row, worker, team):
    for language in ["nl", "en"]:
        with translation.override(language):
            for row in selectors.board_rows(worker, team_id=team.pk):
                r = Registration.objects.select_related("outcome").get(pk=row.registration.pk)
                assert row.channel_label == r.get_channel_display()
                assert row.urgency_label == r.get_urgency_display()
                assert row.status_label == r.get_status_display()
                outcome = getattr(r, "outcome", None)
                assert row.outcome_label == (outcome.get_kind_display() if outcome else None)
    with translation.override("en"):
        labels = {row.urgency_label for row in selectors.board_rows(worker, team_id=team.pk)}
    assert labels == {"Normal", "High", "Acute"}


def test_row_values(every_kind_of_row, worker, team):
    today = timezone.localdate()
    rows = {row.registration.reference: row for row in selectors.board_rows(worker, team_id=team.pk, today=today)}
    by = {row.registration.pk: row for row in rows.values()}
    for row in rows.values():
        received_on = timezone.localtime(row.registration.received_at).date()
        assert row.received_local.date() == received_on
        assert row.working_days_waiting == max(working_days_between(received_on, today), 0)
    workers = {row.outcome_worker for row in by.values() if row.outcome_label}
    assert workers == {"Joë'l <de> Vries & Co", "zonder&<naam>", None}
    assert {row.redirected_from_team for row in by.values()} == {None, "", 'Wijkteam "Oost" & <West>'}
    assert sum(row.minor for row in by.values()) == 2  # flagged at the door, and 12 by birth date
    assert sum(row.overdue for row in by.values()) == 1 and sum(row.due_today for row in by.values()) == 1
    assert sum(row.known_case_id is not None for row in by.values()) == 1
    assert sum(row.known_elsewhere for row in by.values()) == 1


def test_order_acute_then_high_then_oldest_and_pk_breaks_ties(worker, team):
    now = timezone.now()
    same_time = now - timedelta(days=2)
    normal_old = RegistrationFactory(team=team, received_at=now - timedelta(days=9))
    normal_tie_a = RegistrationFactory(team=team, received_at=same_time)
    normal_tie_b = RegistrationFactory(team=team, received_at=same_time)
    high_new = RegistrationFactory(team=team, urgency=Urgency.HIGH, received_at=now)
    high_old = RegistrationFactory(team=team, urgency=Urgency.HIGH, received_at=now - timedelta(days=1))
    crisis = RegistrationFactory(team=team, urgency=Urgency.CRISIS, received_at=now)
    RegistrationFactory(team=team, status=Registration.Status.DECIDED, urgency=Urgency.CRISIS)
    order = [row.registration for row in selectors.board_rows(worker, team_id=team.pk)]
    assert order == [crisis, high_old, high_new, normal_old, normal_tie_a, normal_tie_b]


def test_counts_cover_all_open_registrations(worker, team, other_team):
    today = timezone.localdate()
    RegistrationFactory(team=team, first_contact_due=today - timedelta(days=1))  # overdue
    RegistrationFactory(team=team, first_contact_due=today - timedelta(days=5), status="wachtlijst")  # overdue
    RegistrationFactory(team=team, first_contact_due=today)  # due today: not yet late
    RegistrationFactory(team=team, first_contact_due=today - timedelta(days=3), first_contact_at=timezone.now())
    RegistrationFactory(team=team, first_contact_due=None)
    RegistrationFactory(team=team, first_contact_due=today - timedelta(days=1), status="afgesloten")  # not open
    RegistrationFactory(team=other_team, first_contact_due=today - timedelta(days=1))  # other team
    assert selectors.board_totals(worker, team_id=team.pk, today=today) == {"total": 5, "overdue": 2}
    # Outside the user's scope counts nothing, whatever team is asked for.
    assert selectors.board_totals(worker, team_id=other_team.pk, today=today) == {"total": 0, "overdue": 0}
    assert selectors.board_rows(worker, team_id=other_team.pk) == []


def test_the_board_shows_at_most_200_and_says_how_many_there_are(client_for, worker, team):
    now = timezone.now()
    today = timezone.localdate()
    newest = None
    for i in range(selectors.BOARD_LIMIT + 1):
        newest = RegistrationFactory(
            team=team, received_at=now - timedelta(days=300 - i), first_contact_due=today - timedelta(days=1)
        )
    response = client_for(worker).get(reverse("intake:board"))
    body = response.content.decode()
    assert len(response.context["rows"]) == 200 and body.count('<tr class="utrecht-table__row">') == 201
    assert response.context["total"] == 201 and response.context["overdue_count"] == 201
    assert "201 open aanmeldingen" in body and "Hieronder de eerste 200" in body
    assert newest.reference not in body  # the newest waits for the next meeting
    event = AuditEvent.objects.get(event_type="registration.board")
    shown = [row.registration.pk for row in response.context["rows"]]
    assert event.details["registration_ids"] == shown and newest.pk not in shown


def test_board_team_for_user_costs_no_query(make_user, team, other_team, django_assert_num_queries):
    user = make_user("worker", team)
    MembershipFactory(user=user, team=other_team, role="coordinator")
    analyst = make_user("analyst", team)
    policy.grants(user)  # the middleware loads the grants once per request
    policy.grants(analyst)
    with django_assert_num_queries(0):
        chosen = selectors.board_team_for_user(user, other_team)
        first = selectors.board_team_for_user(user, None)
        nothing = selectors.board_team_for_user(analyst, team)  # analysts have no triage.view
    assert (chosen.pk, chosen.name) == (other_team.pk, other_team.name)
    assert first.pk == min(team.pk, other_team.pk)
    assert nothing is None


# Session, user, memberships, the rows, the two counts, then the audit event: in the test's
# transaction a savepoint around the chain's last hash and the insert (PostgreSQL first takes
# the chain's advisory lock). No query for the team: its name comes with the memberships.
BOARD_QUERIES = {"sqlite": 9, "postgresql": 10}


def _fill(team, worker, n):
    today = timezone.localdate()
    for i in range(n):
        registration = RegistrationFactory(
            team=team,
            resident=ResidentFactory() if i % 2 else None,
            urgency=[Urgency.NORMAL, Urgency.HIGH, Urgency.CRISIS][i % 3],
            first_contact_due=today - timedelta(days=i % 4),
            redirected_from=RegistrationFactory(team=team, status="afgesloten") if i % 7 == 0 else None,
        )
        if i % 5 == 0:
            OutcomeFactory(registration=registration, kind=Outcome.Kind.CORE_DECISION, assigned_worker=worker)


def test_query_count_fixed_at_1_and_at_60_registrations(client_for, team, worker, django_assert_num_queries):
    expected = BOARD_QUERIES[connection.vendor]
    client = client_for(worker)
    _fill(team, worker, 1)
    client.get(reverse("intake:board"))
    with django_assert_num_queries(expected):
        assert len(client.get(reverse("intake:board")).context["rows"]) == 1
    _fill(team, worker, 59)
    CaseFactory(team=team, primary_resident=Registration.objects.filter(resident__isnull=False).first().resident)
    with django_assert_num_queries(expected):
        assert len(client.get(reverse("intake:board")).context["rows"]) == 60
