from django.db import migrations

# Since 0005/0006 the name search compares names with the surname vocabulary, never with the
# residents table by trigram (residents.selectors.NAME_SEARCH_SQL): these two GIN indexes went
# unread (pg_stat_user_indexes at 1M residents: 0 scans) while every resident insert and
# update paid for them, 48 MB at a million residents.
DROP = ["DROP INDEX IF EXISTS resident_surname_trgm", "DROP INDEX IF EXISTS resident_given_trgm"]
CREATE = [
    "CREATE INDEX IF NOT EXISTS resident_surname_trgm ON residents_resident USING gin (surname gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS resident_given_trgm ON residents_resident USING gin (given_names gin_trgm_ops)",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("residents", "0006_surnameterm_gist"),
    ]

    operations = [migrations.RunPython(forward, backward)]
