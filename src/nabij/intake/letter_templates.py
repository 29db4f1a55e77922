"""The letter templates of the aanmeldoverleg (plain Dutch, B1, "u").

Installed by migration intake 0002 and by the demo; the functional admin edits them
afterwards (Beheer → Briefsjablonen). Existing rows are never overwritten.
"""

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


def letter_templates_ensure(template_model=None) -> int:
    """Create the templates that are missing (a flushed test database, a fresh install).
    Returns how many were added."""
    if template_model is None:
        from nabij.documents.models import LetterTemplate as template_model
    added = 0
    for template in TEMPLATES:
        _, created = template_model.objects.get_or_create(key=template["key"], defaults=template)
        added += created
    return added
