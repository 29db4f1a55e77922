"""Two indexes every audited request paid for and no read used:

- the foreign key's own index on user_id: audit_user_time (user_id, event_datetime) starts
  with the same column and serves every read by user, the PROTECT check when a user is
  deleted included;
- audit_type_time (event_type, event_datetime): the log is searched by event-type prefix,
  which audit_type_prefix_time (audit 0004, pattern ops) serves on PostgreSQL; on SQLite the
  prefix is a case-insensitive LIKE, which no index of this kind serves.

The log grows by every read of a resident's data (a hundred million events and more at city
scale), so each index is a write on every request and gigabytes on disk.

Dropped with DROP INDEX, not by letting Django alter the field: on SQLite that alteration
rebuilds the table and would lose the append-only triggers (audit 0002). CONCURRENTLY on
PostgreSQL, so the inserts of a running site are not held while it drops."""

from django.conf import settings
from django.db import migrations, models


def _user_id_index(schema_editor) -> str | None:
    """The foreign key's own index (its name is generated), found by its columns."""
    with schema_editor.connection.cursor() as cursor:
        constraints = schema_editor.connection.introspection.get_constraints(cursor, "audit_auditevent")
    for name, info in constraints.items():
        if info["index"] and not info["unique"] and not info["primary_key"] and info["columns"] == ["user_id"]:
            return name
    return None


def forward(apps, schema_editor):
    concurrently = "CONCURRENTLY " if schema_editor.connection.vendor == "postgresql" else ""
    names = [_user_id_index(schema_editor), "audit_type_time"]
    for name in filter(None, names):
        schema_editor.execute(f"DROP INDEX {concurrently}IF EXISTS {schema_editor.quote_name(name)}")


def backward(apps, schema_editor):
    concurrently = "CONCURRENTLY " if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(
        f"CREATE INDEX {concurrently}IF NOT EXISTS audit_auditevent_user_id_871f21a9 ON audit_auditevent (user_id)"
    )
    schema_editor.execute(
        f"CREATE INDEX {concurrently}IF NOT EXISTS audit_type_time ON audit_auditevent (event_type, event_datetime)"
    )


class Migration(migrations.Migration):
    atomic = False
    dependencies = [
        ("audit", "0004_audit_search_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(forward, backward, elidable=False)],
            state_operations=[
                migrations.AlterField(
                    model_name="auditevent",
                    name="user",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="gebruiker",
                    ),
                ),
                migrations.RemoveIndex(model_name="auditevent", name="audit_type_time"),
            ],
        )
    ]
