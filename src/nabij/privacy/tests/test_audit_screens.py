"""The privacy officer searches, filters and exports the log; looking is itself logged."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from nabij.audit.models import AuditEvent
from nabij.audit.services import Action, record_event

pytestmark = pytest.mark.django_db


def _events(user, resident_ids):
    for rid in resident_ids:
        record_event(
            actor=user, event_type="case.view", action=Action.READ, object_type="case", object_id=rid, resident_id=rid
        )


def test_filters_by_resident_user_period_and_action(client_for, privacy_officer, worker, other_worker):
    _events(worker, [101, 102])
    _events(other_worker, [101])
    record_event(actor=worker, event_type="consent.record", action=Action.CREATE, resident_id=101)
    client = client_for(privacy_officer)
    page = client.get(reverse("privacy:audit_log"), {"resident_id": 101, "user": worker.username, "action": "R"})
    events = list(page.context["page"].object_list)
    assert len(events) == 1 and events[0].resident_id == 101 and events[0].user_name == worker.username
    today = timezone.localdate().strftime("%d-%m-%Y")
    page = client.get(reverse("privacy:audit_log"), {"resident_id": 101, "date_from": today, "date_to": today})
    # 3 events of the workers, and the privacy officer's own first search for resident 101
    assert len(page.context["page"].object_list) == 4
    yesterday = (timezone.localdate() - timedelta(days=1)).strftime("%d-%m-%Y")
    page = client.get(reverse("privacy:audit_log"), {"resident_id": 101, "date_to": yesterday})
    assert len(page.context["page"].object_list) == 0


def test_bad_filter_input_gets_a_dutch_message(client_for, privacy_officer):
    page = client_for(privacy_officer).get(reverse("privacy:audit_log"), {"date_from": "gisteren"})
    assert page.status_code == 200
    assert "Vul een datum in zoals 31-12-2026." in page.content.decode()


def test_looking_at_the_log_is_logged(client_for, privacy_officer):
    client_for(privacy_officer).get(reverse("privacy:audit_log"), {"resident_id": 7})
    event = AuditEvent.objects.get(event_type="audit.search")
    assert event.user == privacy_officer and event.resident_id == 7 and event.details == {"resident_id": 7}


def test_export_uses_nen7513_names_and_is_logged(client_for, privacy_officer, worker):
    _events(worker, [5])
    record_event(actor=None, event_type="auth.login_failed", action=Action.EXECUTE, user_name="=cmd|' /C calc'!A0")
    response = client_for(privacy_officer).get(reverse("privacy:audit_export"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    header = rows[0]
    for column in (
        "EventActionCode",
        "EventDateTime",
        "EventOutcomeIndicator",
        "UserID",
        "RoleIDCode",
        "PurposeOfUse",
        "NetworkAccessPointID",
        "ParticipantObjectID",
        "ParticipantObjectTypeCode",
        "AuditSourceID",
    ):
        assert column in header
    names = [row[header.index("UserName")] for row in rows[1:]]
    assert worker.username in names
    assert "'=cmd|' /C calc'!A0" in names  # no formula injection in spreadsheets
    assert AuditEvent.objects.filter(event_type="audit.export", user=privacy_officer).exists()


@pytest.mark.parametrize("role", ["worker", "coordinator", "analyst", "functional_admin", "volunteer_coordinator"])
def test_other_roles_are_refused_and_the_attempt_logged(client_for, make_user, team, role):
    user = make_user(role, team)
    client = client_for(user)
    assert client.get(reverse("privacy:audit_log")).status_code == 403
    assert client.get(reverse("privacy:audit_export")).status_code == 403
    assert AuditEvent.objects.filter(user=user, event_outcome="denied").count() == 2


def test_audit_log_query_count_is_flat(client_for, privacy_officer, worker, django_assert_max_num_queries):
    client = client_for(privacy_officer)
    _events(worker, [1])
    client.get(reverse("privacy:audit_log"))
    with django_assert_max_num_queries(30) as one:
        client.get(reverse("privacy:audit_log"))
    _events(worker, range(2, 40))
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(reverse("privacy:audit_log"))


def test_audit_log_pages_without_counting_the_table(client_for, privacy_officer, worker, monkeypatch):
    """Keyset pages: older and newer links by event, no COUNT over the log."""
    from nabij.privacy import views

    monkeypatch.setattr(views, "PAGE_SIZE", 3)
    _events(worker, range(500, 507))  # plus the officer's own search events as the pages are read
    client = client_for(privacy_officer)
    with CaptureQueriesContext(connection) as ctx:
        first = client.get(reverse("privacy:audit_log"), {"event_type": "case.view"}).context["page"]
    assert not [q for q in ctx.captured_queries if "COUNT(" in q["sql"].upper() and "audit_auditevent" in q["sql"]]
    assert [e.resident_id for e in first.object_list] == [506, 505, 504]
    assert not first.has_newer and first.has_older
    second = client.get(reverse("privacy:audit_log"), {"event_type": "case.view", "ouder": first.older_than})
    second = second.context["page"]
    assert [e.resident_id for e in second.object_list] == [503, 502, 501]
    back = client.get(reverse("privacy:audit_log"), {"event_type": "case.view", "nieuwer": second.newer_than})
    assert [e.resident_id for e in back.context["page"].object_list] == [506, 505, 504]
    last = client.get(reverse("privacy:audit_log"), {"event_type": "case.view", "ouder": second.older_than})
    assert [e.resident_id for e in last.context["page"].object_list] == [500]
    assert not last.context["page"].has_older
    assert client.get(reverse("privacy:audit_log"), {"ouder": "onzin"}).status_code == 200


def _event_at(when, **fields):
    """An event with a chosen time (record_event takes the clock's): for the order tests."""
    defaults = {"event_action": Action.READ, "event_type": "test.page", "event_outcome": "success", "hash": "x"}
    return AuditEvent.objects.create(event_datetime=when, **(defaults | fields))


def test_audit_log_pages_by_event_time_then_id(client_for, privacy_officer, monkeypatch):
    """Pages follow the event time (newest first), ties by id, so that a period filter and the
    order are one index range (audit 0004); nothing is lost or doubled at a page boundary."""
    from nabij.privacy import views

    monkeypatch.setattr(views, "PAGE_SIZE", 3)
    t = timezone.now() - timedelta(hours=1)
    minutes = [3, 1, 2, 2, 2, 4, 0]  # by id: a later id may carry an earlier time
    ids = [_event_at(t + timedelta(minutes=m)).pk for m in minutes]
    by_time = [ids[5], ids[0], ids[4], ids[3], ids[2], ids[1], ids[6]]
    client = client_for(privacy_officer)
    url = reverse("privacy:audit_log")
    first = client.get(url, {"event_type": "test.page"}).context["page"]
    assert [e.pk for e in first.object_list] == by_time[:3]
    with CaptureQueriesContext(connection) as first_cost:
        client.get(url, {"event_type": "test.page"})
    with CaptureQueriesContext(connection) as older_cost:
        second = client.get(url, {"event_type": "test.page", "ouder": first.older_than}).context["page"]
    assert [e.pk for e in second.object_list] == by_time[3:6]  # the tie at 2 minutes split over two pages
    assert len(older_cost.captured_queries) == len(first_cost.captured_queries) + 1  # the cursor's time
    last = client.get(url, {"event_type": "test.page", "ouder": second.older_than}).context["page"]
    assert [e.pk for e in last.object_list] == by_time[6:] and not last.has_older
    back = client.get(url, {"event_type": "test.page", "nieuwer": second.newer_than}).context["page"]
    assert [e.pk for e in back.object_list] == by_time[:3] and not back.has_newer
    # A cursor outside the filter (an edited link) starts at the newest, as a bad id does.
    stray = _event_at(t, event_type="other.kind").pk
    assert [e.pk for e in client.get(url, {"event_type": "test.page", "ouder": stray}).context["page"].object_list] == (
        by_time[:3]
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the indexes of audit 0004 are PostgreSQL's")
def test_each_audit_filter_reads_its_events_by_index_not_the_whole_log(privacy_officer):
    """A log of 3,000 events with a few of one user, kind, action or outcome: the page of those
    reads no more rows than match. Without audit 0004 each read all 3,000 (Seq Scan or a walk of
    the time index), a cost that grows with the log: a hundred million events at city scale.
    (Rows that match are counted, not assumed: tests in another order may have left events.)"""
    from nabij.privacy.selectors import AuditFilter, audit_events_for_officer
    from nabij.scale.explain import scan_rows

    now = timezone.now()
    common = {"event_action": Action.READ, "event_outcome": "success", "user_name": "veel-werker", "hash": "x"}
    AuditEvent.objects.bulk_create(
        AuditEvent(event_datetime=now - timedelta(seconds=n), event_type="case.view", **common) for n in range(3000)
    )
    rare = {"event_type": "case.view", "event_action": Action.READ, "event_outcome": "success", "hash": "x"}
    for n in range(3):
        AuditEvent.objects.create(
            event_datetime=now - timedelta(days=1, seconds=n), **(rare | {"user_name": "Zeldzaam"})
        )
        AuditEvent.objects.create(
            event_datetime=now - timedelta(days=1, seconds=n), **(rare | {"event_type": "zeldzaam.soort"})
        )
        AuditEvent.objects.create(event_datetime=now - timedelta(days=1, seconds=n), **(rare | {"event_action": "E"}))
        AuditEvent.objects.create(
            event_datetime=now - timedelta(days=1, seconds=n), **(rare | {"event_outcome": "denied"})
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE audit_auditevent")
    for filters in (
        AuditFilter(user="zeldzaam"),
        AuditFilter(event_type="zeldzaam."),
        AuditFilter(action="E"),
        AuditFilter(outcome="denied"),
    ):
        matching = audit_events_for_officer(privacy_officer, filters)
        page = matching[:51]
        sql, params = page.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
            plan = cursor.fetchone()[0]
        assert len(page) >= 3
        read = max(rows for rows, _node in scan_rows(plan))
        assert read <= matching.count() + 1, (filters, read, matching.count())


def test_api_lists_events_for_the_privacy_officer_only(client_for, privacy_officer, worker):
    _events(worker, [9])
    assert client_for(worker).get("/api/audit-events/").status_code == 403
    response = client_for(privacy_officer).get("/api/audit-events/", {"resident_id": 9, "event_type": "case."})
    assert response.status_code == 200
    assert [row["user_name"] for row in response.json()["results"]] == [worker.username]
    assert AuditEvent.objects.filter(event_type="audit.search", details__via="api").exists()


def test_api_pages_the_log_by_cursor_without_counting(client_for, privacy_officer):
    """The API pages like the screen: newest first, a `next` link, no COUNT over the log."""
    t = timezone.now() - timedelta(hours=1)
    ids = [_event_at(t + timedelta(minutes=m)).pk for m in (2, 1, 3, 1)]
    client = client_for(privacy_officer)
    with CaptureQueriesContext(connection) as ctx:
        first = client.get("/api/audit-events/", {"event_type": "test.page", "limit": 2}).json()
    assert not [q for q in ctx.captured_queries if "COUNT(" in q["sql"].upper() and "audit_auditevent" in q["sql"]]
    assert "count" not in first
    second = client.get(first["next"]).json()
    assert [row["event_id"] for row in first["results"] + second["results"]] == [
        str(AuditEvent.objects.get(pk=pk).event_id) for pk in (ids[2], ids[0], ids[3], ids[1])
    ]
    assert second["next"] is None
