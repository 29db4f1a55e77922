"""Seed the self-reliance matrix (ZRM, 2017 edition, 13 domains) and the closure reasons.

Both are data the functional admin edits afterwards (another instrument, an extra domain
such as Opvoeding, another closure reason); this only gives a fresh installation a start.
"""

from django.db import migrations

ZRM_2017 = [
    # code, worker label, plain resident label ("Mijn ZRM")
    ("financien", "Financiën", "Geldzaken"),
    ("werk-opleiding", "Werk & opleiding", "Werk en opleiding"),
    ("tijdsbesteding", "Tijdsbesteding", "Tijdsbesteding"),
    ("huisvesting", "Huisvesting", "Woning"),
    ("huiselijke-relaties", "Huiselijke relaties", "Relaties thuis"),
    ("geestelijke-gezondheid", "Geestelijke gezondheid", "Geestelijke gezondheid"),
    ("lichamelijke-gezondheid", "Lichamelijke gezondheid", "Lichamelijke gezondheid"),
    ("middelengebruik", "Middelengebruik", "Verslaving"),
    ("basale-adl", "Basale ADL", "Zelfzorg"),
    ("instrumentele-adl", "Instrumentele ADL", "Dagelijkse activiteiten"),
    ("sociaal-netwerk", "Sociaal netwerk", "Sociaal netwerk"),
    ("maatschappelijke-participatie", "Maatschappelijke participatie", "Inzet voor de maatschappij"),
    ("justitie", "Justitie", "Justitie"),
]

CLOSURE_REASONS = [
    # code, label, requires_referral
    ("doelen-bereikt", "Doelen bereikt", False),
    ("doorverwezen", "Doorverwezen", True),
    ("inwoner-stopt", "Inwoner stopt zelf", False),
    ("verhuisd", "Verhuisd", False),
    ("overleden", "Overleden", False),
    ("geen-contact", "Geen contact mogelijk", False),
]


def seed(apps, schema_editor):
    Instrument = apps.get_model("plans", "Instrument")
    LifeDomain = apps.get_model("plans", "LifeDomain")
    ClosureReason = apps.get_model("plans", "ClosureReason")
    instrument, _ = Instrument.objects.get_or_create(
        name="Zelfredzaamheid-Matrix", version="2017", defaults={"is_default": True, "scale_min": 1, "scale_max": 5}
    )
    for order, (code, label, resident_label) in enumerate(ZRM_2017, start=1):
        LifeDomain.objects.get_or_create(
            instrument=instrument,
            code=code,
            defaults={"label": label, "resident_label": resident_label, "order": order * 10},
        )
    for order, (code, label, requires_referral) in enumerate(CLOSURE_REASONS, start=1):
        ClosureReason.objects.get_or_create(
            code=code, defaults={"label": label, "requires_referral": requires_referral, "order": order * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
