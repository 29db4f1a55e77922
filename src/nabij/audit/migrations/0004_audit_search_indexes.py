"""Indexes for the privacy officer's log at city scale (a hundred million events and more):
each filter of the audit search is one index range read in the log's order, event time newest
first (`privacy.selectors.audit_events_for_officer`, keyset pages by time). Before, a filter on
a user name or on an uncommon value read the whole log: at the bench's 610,000 events 229 ms for
one user's events, ~50 ms for denied accesses or one kind of event, growing with the log.

- audit_username_time: a user's events (`user_name__iexact`, UPPER(user_name) on PostgreSQL).
- audit_type_prefix_time: events whose type starts with the text typed ("auth."); pattern
  ops, so the prefix is an index range whatever the database's collation.
- audit_action_time: events of one kind of action (read, create, update, delete, execute).
- audit_outcome_unusual: events that did not succeed (denied, failed); partial, so it holds
  only those few.
The resident and the period filters use audit_resident_time and the event_datetime index.

CONCURRENTLY (so not in a transaction): every audited request inserts into this table, and a
plain CREATE INDEX would hold those inserts while it reads the whole log. PostgreSQL only:
SQLite runs the same filters without them (a laptop's log stays small)."""

from django.db import migrations

INDEXES = {
    "audit_username_time": "(UPPER(user_name), event_datetime)",
    "audit_type_prefix_time": "(event_type varchar_pattern_ops, event_datetime)",
    "audit_action_time": "(event_action, event_datetime)",
    "audit_outcome_unusual": "(event_datetime) WHERE event_outcome <> 'success'",
}


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, definition in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON audit_auditevent {definition}")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("audit", "0003_auditchainanchor")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
