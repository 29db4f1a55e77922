"""The audit table is append-only and tamper-evident, on SQLite and on PostgreSQL."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from nabij.audit.models import AuditEvent
from nabij.audit.services import Action, record_event, verify_chain

pytestmark = pytest.mark.django_db


def make_events(user, count=3):
    return [
        record_event(
            actor=user, event_type="case.view", action=Action.READ, object_type="case", object_id=i, resident_id=i
        )
        for i in range(count)
    ]


def test_events_form_a_hash_chain(worker):
    events = make_events(worker)
    before = AuditEvent.objects.filter(id__lt=events[0].id).order_by("-id").values_list("hash", flat=True).first()
    assert events[0].previous_hash == (before or "")
    assert events[1].previous_hash == events[0].hash
    assert events[2].previous_hash == events[1].hash
    checked, broken = verify_chain()
    assert broken is None
    assert checked == AuditEvent.objects.count()


def test_database_refuses_update(worker):
    event = make_events(worker, 1)[0]
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET event_type = 'x' WHERE id = %s", [event.id])
    assert AuditEvent.objects.get(pk=event.pk).event_type == "case.view"


def _withdraw_test_purge_permit() -> None:
    """The test database carries a purge permit so flushes work (see conftest.py); remove it
    inside this test's transaction so the trigger is tested as production has it."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_purge_permit")


def test_database_refuses_delete(worker):
    event = make_events(worker, 1)[0]
    _withdraw_test_purge_permit()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.id])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_orm_refuses_changes(worker):
    event = make_events(worker, 1)[0]
    event.event_type = "changed"
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(pk=event.pk).update(event_type="x")
    with pytest.raises(TypeError):
        AuditEvent.objects.all().delete()


def _tamper(event_id: int) -> None:
    """Edit an event the way an attacker with database access would: triggers off."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_no_update")
            cursor.execute("UPDATE audit_auditevent SET participant_object_id = '999' WHERE id = %s", [event_id])
            cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_no_update")
        else:
            cursor.execute("DROP TRIGGER audit_no_update")
            cursor.execute("UPDATE audit_auditevent SET participant_object_id = '999' WHERE id = %s", [event_id])


def test_verifier_finds_the_first_edited_event(worker):
    events = make_events(worker, 4)
    _tamper(events[2].id)
    checked, broken = verify_chain()
    assert broken is not None and broken.id == events[2].id
    with pytest.raises(CommandError, match=f"id={events[2].id}"):
        call_command("audit_verify")


def test_event_fields_follow_nen7513_naming(worker):
    event = make_events(worker, 1)[0]
    for name in [
        "event_action",
        "event_datetime",
        "event_outcome",
        "user_id",
        "user_role",
        "purpose_of_use",
        "network_access_point",
        "participant_object_id",
        "participant_object_type",
        "audit_source",
    ]:
        assert hasattr(event, name)
    assert event.audit_source
