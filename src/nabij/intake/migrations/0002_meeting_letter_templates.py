"""Letter templates for the aanmeldoverleg, so that a fresh install can tell residents and
referrers what was decided. The functional admin edits them afterwards (Beheer → Briefsjablonen);
rows that already exist are left alone."""

from django.db import migrations

from nabij.intake.letter_templates import letter_templates_ensure



def add_templates(apps, schema_editor):
    letter_templates_ensure(apps.get_model("documents", "LetterTemplate"))


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0001_initial"),
        ("documents", "0003_letter_help"),
    ]

    operations = [migrations.RunPython(add_templates, migrations.RunPython.noop)]
