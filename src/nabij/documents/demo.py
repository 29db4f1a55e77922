"""Demo letter templates (plain Dutch, B1, "u"). The functional admin edits them afterwards."""

from nabij.documents.models import LetterTemplate

TEMPLATES = [
    {
        "key": "closure.resident",
        "name": "Afsluiting: brief aan de inwoner",
        "audience": LetterTemplate.Audience.RESIDENT,
        "subject": "Uw ondersteuning door {{ team }} is afgesloten",
        "body": (
            "Beste {{ naam_inwoner }},\n\n"
            "Op {{ datum_afsluiten }} hebben wij uw ondersteuning afgesloten. De reden is: {{ reden }}."
            "{% if doorverwezen_naar %} U krijgt verder hulp van {{ doorverwezen_naar }}.{% endif %}\n\n"
            "{% if nazorg %}Dit hebben we afgesproken voor de tijd hierna: {{ nazorg }}\n\n{% endif %}"
            "{% if waakvlam %}We nemen nog contact met u op om te horen hoe het gaat. Dat doen we rond "
            "{{ waakvlam_data }}.\n\n{% endif %}"
            "Heeft u later weer een vraag? Bel of mail ons gerust. U hoeft dan niet alles opnieuw te vertellen.\n\n"
            "Wij wensen u het beste.\n\n"
            "Met vriendelijke groet,"
        ),
    },
    {
        "key": "closure.referrer",
        "name": "Afsluiting: brief aan de verwijzer",
        "audience": LetterTemplate.Audience.REFERRER,
        "subject": "Afsluiting ondersteuning, ons kenmerk {{ kenmerk }}",
        "body": (
            "Geachte {{ naam_verwijzer }},\n\n"
            "U heeft {{ naam_inwoner }} bij ons aangemeld. Met deze brief laten wij u weten dat wij de "
            "ondersteuning op {{ datum_afsluiten }} hebben afgesloten. De reden is: {{ reden }}."
            "{% if doorverwezen_naar %} De inwoner is doorverwezen naar {{ doorverwezen_naar }}.{% endif %}\n\n"
            "De inwoner weet dat wij u deze brief sturen. Meer informatie delen wij alleen met toestemming "
            "van de inwoner.\n\n"
            "Heeft u vragen? Neem dan contact op met {{ contactpersoon }}.\n\n"
            "Met vriendelijke groet,"
        ),
    },
]


def build(stdout) -> None:
    created = 0
    for template in TEMPLATES:
        _, was_created = LetterTemplate.objects.get_or_create(key=template["key"], defaults=template)
        created += was_created
    stdout.write(f"Demo-briefsjablonen: {created} toegevoegd.")
