"""Reference data a fresh installation starts with: the self-reliance matrix (ZRM, 2017
edition, 13 domains, worker and plain resident labels) and the closure reasons.

Used by the data migration (with historical models) and by the demo (which may run on a
database whose tables were emptied, e.g. between browser tests). The functional admin edits
the data afterwards; this never overwrites an edit (get_or_create only).
"""

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


def reference_data_ensure(Instrument=None, LifeDomain=None, ClosureReason=None) -> None:  # noqa: N803
    """Create what is missing. Pass historical models from a migration; defaults to the app's."""
    if Instrument is None:
        from nabij.plans.models import ClosureReason, Instrument, LifeDomain
    instrument, _ = Instrument.objects.get_or_create(
        name="Zelfredzaamheid-Matrix",
        version="2017",
        defaults={
            "is_default": not Instrument.objects.filter(is_default=True).exists(),
            "scale_min": 1,
            "scale_max": 5,
        },
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
