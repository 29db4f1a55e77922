"""Letter templates for the aanmeldoverleg, so that a fresh install can tell residents and
referrers what was decided. The functional admin edits them afterwards (Beheer → Briefsjablonen);
rows that already exist are left alone."""

from django.db import migrations

TEMPLATES = [
    {
        "key": "intake.next_steps",
        "name": "Aanmelding: vervolgstappen en contactpersoon",
        "audience": "resident",
        "subject": "Uw aanmelding bij {{ team }}: wat er nu gebeurt (kenmerk {{ kenmerk }})",
        "body": (
            "Beste {{ naam_melder }},\n\n"
            "Wij hebben uw aanmelding besproken. {{ team }} gaat u helpen.\n\n"
            "Uw contactpersoon is {{ contactpersoon }}. Uw contactpersoon neemt binnenkort contact met u op "
            "om kennis te maken en samen te kijken wat er nodig is.\n\n"
            "{% if doel %}Waar we samen aan werken: {{ doel }}\n\n{% endif %}"
            "Heeft u in de tussentijd een vraag? Bel of mail ons gerust en noem uw kenmerk: {{ kenmerk }}.\n\n"
            "Met vriendelijke groet,"
        ),
    },
    {
        "key": "intake.outcome",
        "name": "Aanmelding: uitkomst zonder casus",
        "audience": "resident",
        "subject": "Uw aanmelding bij {{ team }} (kenmerk {{ kenmerk }})",
        "body": (
            "Beste {{ naam_melder }},\n\n"
            "Wij hebben uw aanmelding besproken. Ons besluit: {{ uitkomst }}.\n\n"
            "{% if reden %}De reden is: {{ reden }}\n\n{% endif %}"
            "{% if doorverwezen_naar %}U krijgt verder hulp van {{ doorverwezen_naar }}. Zij nemen contact met u op, "
            "of u kunt zelf contact met hen opnemen.\n\n{% endif %}"
            "{% if wachtlijst %}U staat op onze wachtlijst. Zolang u wacht, nemen we af en toe contact met u op "
            "om te horen hoe het gaat.\n\n{% endif %}"
            "Heeft u een vraag? Bel of mail ons gerust en noem uw kenmerk: {{ kenmerk }}.\n\n"
            "Met vriendelijke groet,"
        ),
    },
]


def add_templates(apps, schema_editor):
    LetterTemplate = apps.get_model("documents", "LetterTemplate")
    for template in TEMPLATES:
        LetterTemplate.objects.get_or_create(key=template["key"], defaults=template)


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0001_initial"),
        ("documents", "0003_letter_help"),
    ]

    operations = [migrations.RunPython(add_templates, migrations.RunPython.noop)]
