"""Exact surname matches (`surname__iexact`, compiled to UPPER(surname) = UPPER(%s)) sit in
an OR with the trigram match in resident search: without a B-tree on UPPER(surname) the
planner cannot combine the two indexes and reads the whole table (bench/explain.py found it).
PostgreSQL only: SQLite compiles iexact to LIKE and has no trigram search to combine with."""

from django.db import migrations

FORWARD = "CREATE INDEX IF NOT EXISTS resident_surname_upper ON residents_resident (UPPER(surname))"
BACKWARD = "DROP INDEX IF EXISTS resident_surname_upper"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("residents", "0003_search_indexes")]

    operations = [migrations.RunPython(forward, backward)]
