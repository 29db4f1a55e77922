"""Search indexes. PostgreSQL gets pg_trgm and GIN trigram indexes for typo-tolerant name
search; SQLite has no trigram support and keeps the plain B-tree indexes (fallback search)."""

from django.db import migrations

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # pg_trgm compares case-insensitively by itself; plain columns let `surname % 'x'` use the index.
    "CREATE INDEX IF NOT EXISTS resident_surname_trgm ON residents_resident USING gin (surname gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS resident_given_trgm ON residents_resident USING gin (given_names gin_trgm_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS resident_given_trgm",
    "DROP INDEX IF EXISTS resident_surname_trgm",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in POSTGRES_FORWARD:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in POSTGRES_BACKWARD:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("residents", "0002_network_safety")]

    operations = [migrations.RunPython(forward, backward)]
