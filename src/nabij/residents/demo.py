"""Synthetic residents and households: Dutch-looking, clearly fictional (Faker nl_NL, fixed seed).

Phone numbers use the reserved-looking 06-0000 range and e-mail addresses the example
domain, so nobody could mistake them for real people.
"""

import random
from datetime import date

from faker import Faker

from nabij.accounts.models import Area
from nabij.residents.models import Household, Resident
from nabij.residents.selectors import split_surname

DEMO_HOUSEHOLDS = 60
LETTERS = "ABCDEGHJKLMNPRTVWXZ"
PREFIXES = ["", "", "", "", "van", "de", "van der", "van den", "den", "van 't"]


def build(stdout) -> None:
    if Resident.objects.filter(email__endswith="@demo.nabij.example").exists():
        stdout.write("Demo-inwoners bestaan al; niets toegevoegd.")
        return
    fake = Faker("nl_NL")
    fake.seed_instance(1963)
    rng = random.Random(1963)  # noqa: S311  (demo data, not security)
    buurten = list(Area.objects.filter(kind=Area.Kind.NEIGHBOURHOOD).order_by("cbs_code"))
    residents = 0
    for index in range(DEMO_HOUSEHOLDS):
        area = rng.choice(buurten)
        household = Household.objects.create(
            street=fake.street_name(),
            house_number=rng.randint(1, 180),
            postcode=f"{rng.randint(3260, 3299)} {rng.choice(LETTERS)}{rng.choice(LETTERS)}",
            city=area.parent.name if area.parent else area.name,
            area=area,
        )
        faker_prefix, surname = split_surname(fake.last_name())  # Faker gives "van de Berg" too
        prefix = rng.choice(PREFIXES)
        prefix = faker_prefix or prefix
        size = rng.choice([1, 1, 1, 2, 2, 3, 4])
        for member in range(size):
            adult = member < 2
            year = rng.randint(1938, 2002) if adult else rng.randint(2008, 2022)
            resident = Resident.objects.create(
                given_names=fake.first_name(),
                surname_prefix=prefix,
                surname=surname,
                birth_date=date(year, rng.randint(1, 12), rng.randint(1, 28)),
                phone=f"06-0000{index:02d}{member:02d}",
                email=f"inwoner{index}.{member}@demo.nabij.example",
                household=household,
                household_role="hoofdbewoner" if member == 0 else ("partner" if adult else "kind"),
                interpreter_needed=rng.random() < 0.08,
                language="Nederlands" if rng.random() > 0.1 else rng.choice(["Arabisch", "Pools", "Turks", "Engels"]),
            )
            residents += 1
            del resident
    stdout.write(f"Demo-inwoners: {residents} fictieve inwoners in {DEMO_HOUSEHOLDS} huishoudens.")
