"""Demo organisation: CBS areas of the Hoeksche Waard, partner organisations, teams, users.

Everything here is fictional except the area names, codes and inhabitant counts (CBS).
"""

import csv
from pathlib import Path

from nabij.accounts.models import Area, Membership, Organisation, Role, Team, User

DEMO_PASSWORD = "demo-nabij-2026"  # noqa: S105  (demo accounts only; printed on purpose)
CBS_FILE = Path(__file__).parent / "data" / "kwb-2024-hoeksche-waard.csv"

ORGANISATIONS = [
    ("Gemeente Hoeksche Waard (demo)", "Gemeente"),
    ("Stichting Welzijn De Waard (fictief)", "Welzijn"),
    ("Maatschappelijk Werk Zuidland (fictief)", "AMW"),
    ("GGZ Polderzorg (fictief)", "GGZ"),
]

# Team → the CBS wijken (kernen) it serves.
TEAMS = {
    "Wijkteam Oud-Beijerland": (Team.Kind.NEIGHBOURHOOD, ["WK196300", "WK196301", "WK196313", "WK196302"]),
    "Wijkteam Numansdorp": (Team.Kind.NEIGHBOURHOOD, ["WK196309", "WK196308", "WK196310", "WK196311", "WK196312"]),
    "Wijkteam 's-Gravendeel": (
        Team.Kind.NEIGHBOURHOOD,
        ["WK196306", "WK196307", "WK196305", "WK196304", "WK196303"],
    ),
    "Bemoeizorgteam Hoeksche Waard": (Team.Kind.OUTREACH, []),
}

# username, first, last, organisation short name, [(team, role)], is_staff
USERS = [
    ("werker", "Wendy", "Werker", "Welzijn", [("Wijkteam Oud-Beijerland", Role.WORKER)], False),
    ("werker2", "Bram", "Bakker-Demo", "AMW", [("Wijkteam Oud-Beijerland", Role.WORKER)], False),
    ("werker3", "Sanne", "Visser-Demo", "GGZ", [("Wijkteam Numansdorp", Role.WORKER)], False),
    ("werker4", "Yusuf", "Demir-Demo", "AMW", [("Wijkteam 's-Gravendeel", Role.WORKER)], False),
    (
        "coordinator",
        "Carla",
        "Coördinator",
        "Welzijn",
        [("Wijkteam Oud-Beijerland", Role.COORDINATOR), ("Bemoeizorgteam Hoeksche Waard", Role.WORKER)],
        False,
    ),
    ("coordinator2", "Kees", "Coördinator-Demo", "AMW", [("Wijkteam Numansdorp", Role.COORDINATOR)], False),
    ("bemoeizorg", "Fatima", "El Amrani-Demo", "GGZ", [("Bemoeizorgteam Hoeksche Waard", Role.WORKER)], False),
    ("beheerder", "Bert", "Beheerder", "Gemeente", [("Wijkteam Oud-Beijerland", Role.FUNCTIONAL_ADMIN)], True),
    ("privacy", "Paula", "Privacy", "Gemeente", [("Wijkteam Oud-Beijerland", Role.PRIVACY_OFFICER)], False),
    ("analist", "Arjen", "Analist", "Gemeente", [("Wijkteam Oud-Beijerland", Role.ANALYST)], False),
    (
        "vrijwilligers",
        "Vera",
        "Vrijwilligers",
        "Welzijn",
        [("Wijkteam Oud-Beijerland", Role.VOLUNTEER_COORDINATOR)],
        False,
    ),
]


def load_areas() -> None:
    kinds = {"Gemeente": Area.Kind.MUNICIPALITY, "Wijk": Area.Kind.DISTRICT, "Buurt": Area.Kind.NEIGHBOURHOOD}
    by_code: dict[str, Area] = {}
    with CBS_FILE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = row["Regioaanduiding/Codering (code)"].strip()
            kind = kinds[row["Regioaanduiding/Soort regio (omschrijving)"].strip()]
            if kind == Area.Kind.MUNICIPALITY:
                parent = None
            elif kind == Area.Kind.DISTRICT:
                parent = by_code.get("GM1963")
            else:  # BU19630000 belongs to WK196300
                parent = by_code.get("WK" + code[2:8])
            inhabitants = row["Bevolking/Aantal inwoners (aantal)"].strip()
            area, _ = Area.objects.update_or_create(
                cbs_code=code,
                defaults={
                    "name": row["Wijken en buurten"].strip(),
                    "kind": kind,
                    "parent": parent,
                    "inhabitants": int(inhabitants) if inhabitants.isdigit() else None,
                },
            )
            by_code[code] = area


def build(stdout) -> None:
    load_areas()
    organisations = {}
    for name, short in ORGANISATIONS:
        organisations[short], _ = Organisation.objects.get_or_create(name=name, defaults={"short_name": short})
    for name, (kind, wijk_codes) in TEAMS.items():
        team, created = Team.objects.get_or_create(
            name=name, defaults={"kind": kind, "email": "wijkteam@demo.nabij.example", "phone": "0186 000 000"}
        )
        if created:
            codes = wijk_codes or list(Area.objects.filter(kind=Area.Kind.DISTRICT).values_list("cbs_code", flat=True))
            team.areas.set(Area.objects.filter(cbs_code__in=codes))
    for username, first, last, org, roles, is_staff in USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "organisation": organisations[org],
                "is_staff": is_staff,
                "email": f"{username}@demo.nabij.example",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        for team_name, role in roles:
            Membership.objects.get_or_create(user=user, team=Team.objects.get(name=team_name), role=role)
        if is_staff and created:
            from django.contrib.auth.models import Permission

            user.user_permissions.set(
                Permission.objects.filter(content_type__app_label="accounts").exclude(codename__contains="apitoken")
                | Permission.objects.filter(
                    content_type__app_label="accounts", codename__in=["add_apitoken", "view_apitoken"]
                )
            )
    areas, teams, users = Area.objects.count(), Team.objects.count(), User.objects.count()
    stdout.write(f"Demo-organisatie: {areas} gebieden, {teams} teams, {users} gebruikers.")


def print_accounts(stdout) -> None:
    stdout.write("")
    stdout.write(f"Demo-accounts (wachtwoord voor allemaal: {DEMO_PASSWORD}):")
    for username, _first, _last, _org, roles, _staff in USERS:
        role_text = ", ".join(f"{Role(role).label} ({team})" for team, role in roles)
        stdout.write(f"  {username:<14} {role_text}")
    stdout.write("")
