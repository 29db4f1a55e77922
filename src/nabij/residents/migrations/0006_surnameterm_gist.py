from django.db import migrations

# The name search asks the vocabulary for the surnames nearest to a typed one
# (ORDER BY term <-> guess LIMIT 20): a GiST trigram index answers that in distance order
# (K nearest neighbours) and also serves the `%` similarity filter. The GIN index it replaces
# could only filter, so PostgreSQL compared the name with every term (residents.selectors).
GIST = "CREATE INDEX IF NOT EXISTS surnameterm_trgm_gist ON residents_surnameterm USING gist (term gist_trgm_ops)"
GIN = "CREATE INDEX IF NOT EXISTS surnameterm_trgm ON residents_surnameterm USING gin (term gin_trgm_ops)"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GIST)
        schema_editor.execute("DROP INDEX IF EXISTS surnameterm_trgm")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GIN)
        schema_editor.execute("DROP INDEX IF EXISTS surnameterm_trgm_gist")


class Migration(migrations.Migration):
    dependencies = [
        ("residents", "0005_surname_terms"),
    ]

    operations = [migrations.RunPython(forward, backward)]
