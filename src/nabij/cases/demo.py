"""Demo cases: households of several shapes in every phase, with networks, involvements,
contact moments and a few deliberate gaps, so that `werker` opens a real worklist.

Everything is fictional. Cases are opened and moved through the services (so the timeline and
audit trail look as they would in use), then back-dated. Idempotent: a marker on the timeline.
"""

import random
from datetime import timedelta

from django.db.models import Count
from django.utils import timezone

from nabij.accounts.models import Team, User
from nabij.cases import services
from nabij.cases.models import Case, CaseEvent, Involvement, Phase
from nabij.residents.models import Household, NetworkMember

MARKER = "Casus geopend (demo)"

# (username, team, phase, days open, first-contact offset in days, extra)
PLAN = [
    # werker's first five open cases are the ones the plans demo builds perspectiefplannen on
    # (it takes the oldest open cases without a plan); the ones after them keep their gaps.
    ("werker", "Wijkteam Oud-Beijerland", Phase.CLARIFICATION, 35, 0, ""),
    ("werker", "Wijkteam Oud-Beijerland", Phase.PLANNING, 60, 0, ""),
    ("werker", "Wijkteam Oud-Beijerland", Phase.EXECUTION, 200, 0, "restricted"),
    ("werker", "Wijkteam Oud-Beijerland", Phase.EXECUTION, 250, 0, ""),
    ("werker", "Wijkteam Oud-Beijerland", Phase.CLOSURE, 300, 0, ""),
    ("werker", "Wijkteam Oud-Beijerland", Phase.REGISTRATION, 3, 2, "no_contact"),
    ("werker", "Wijkteam Oud-Beijerland", Phase.CLARIFICATION, 9, -3, "no_contact"),
    ("werker", "Wijkteam Oud-Beijerland", Phase.CLARIFICATION, 4, 0, "no_contact"),
    ("werker", "Wijkteam Oud-Beijerland", Phase.CLARIFICATION, 20, 0, "safety"),
    ("werker", "Wijkteam Oud-Beijerland", Phase.PLANNING, 45, 0, "deviation"),
    ("werker", "Wijkteam Oud-Beijerland", Phase.EXECUTION, 120, 0, "direction"),
    ("werker", "Wijkteam Oud-Beijerland", Phase.WATCH, 400, 0, "watch_due"),
    ("werker", "Wijkteam Oud-Beijerland", Phase.CLOSED, 500, 0, ""),
    ("werker2", "Wijkteam Oud-Beijerland", Phase.CLARIFICATION, 2, 3, "no_contact"),
    ("werker2", "Wijkteam Oud-Beijerland", Phase.EXECUTION, 90, 0, ""),
    ("werker2", "Wijkteam Oud-Beijerland", Phase.WATCH, 250, 0, "watch_later"),
    ("coordinator", "Wijkteam Oud-Beijerland", Phase.PLANNING, 30, 0, ""),
    ("coordinator", "Bemoeizorgteam Hoeksche Waard", Phase.CLARIFICATION, 12, -1, "no_contact"),
    ("werker3", "Wijkteam Numansdorp", Phase.CLARIFICATION, 6, -1, "no_contact"),
    ("werker3", "Wijkteam Numansdorp", Phase.REGISTRATION, 1, 4, "no_contact"),
    ("werker3", "Wijkteam Numansdorp", Phase.EXECUTION, 80, 0, "safety"),
    ("werker3", "Wijkteam Numansdorp", Phase.CLOSURE, 220, 0, ""),
    ("werker4", "Wijkteam 's-Gravendeel", Phase.PLANNING, 40, 0, "deviation"),
    ("werker4", "Wijkteam 's-Gravendeel", Phase.EXECUTION, 150, 0, ""),
    ("werker4", "Wijkteam 's-Gravendeel", Phase.WATCH, 330, 0, "watch_due"),
]

NOTES = [
    (
        "huisbezoek",
        "vraagverheldering",
        60,
        "Kennismaking aan de keukentafel. Mevrouw vertelt over de stapel post "
        "en de zorgen om de huur. Samen de leefgebieden doorgelopen; afgesproken volgende week de brieven te sorteren.",
    ),
    (
        "telefoon",
        "regievoeren",
        15,
        "Gebeld met de schuldhulpverlening over de aanmelding. Intake gepland; "
        "inwoner is op de hoogte en gaat zelf de stukken verzamelen.",
    ),
    (
        "huisbezoek",
        "hulpverlenen",
        45,
        "Post gesorteerd en de betalingsregeling met de woningcorporatie besproken. "
        "De dochter was erbij en neemt het contact met de corporatie over.",
    ),
    (
        "overleg",
        "consultatie",
        30,
        "Casus ingebracht in het wijkteamoverleg. Advies: buurtvrijwilliger inzetten "
        "voor de boodschappen, zodat de mantelzorger ontlast wordt.",
    ),
    (
        "kantoor",
        "toeleiden",
        40,
        "Samen het aanvraagformulier voor de Wmo-voorziening ingevuld. Inwoner wil zelf "
        "de afspraak met de consulent maken.",
    ),
    ("video", "monitoren", 20, "Kort contact: het gaat beter, de regeling loopt. Volgende contact over een maand."),
    (
        "inloop",
        "voorlichting",
        25,
        "Langs geweest op het inloopspreekuur met vragen over de energietoeslag; uitgelegd hoe de aanvraag werkt.",
    ),
]
NETWORK = [
    ("familie", "Dochter Ineke", "dochter, komt elke zaterdag", "06-00000101", "zaterdag overdag"),
    ("mantelzorger", "Zoon Peter", "doet de administratie", "06-00000102", "'s avonds na 19 uur"),
    ("buur", "Buurvrouw Ans", "heeft een sleutel", "", "aanbellen op nummer 12"),
    ("vriend", "Kaartclub De Troef", "wekelijks op dinsdag", "", "via de buurthuis-balie"),
    (
        "vrijwilliger",
        "Maatje Henk (Welzijn)",
        "wandelt wekelijks mee",
        "06-00000103",
        "via de vrijwilligerscoördinator",
    ),
    ("professional", "Wijkverpleegkundige Sandra", "wondzorg, 2x per week", "0186-000104", "werkdagen 8-16 uur"),
]
INVOLVEMENTS = [
    ("huisarts", "Huisartsenpraktijk De Waard (fictief)", "dr. Visser", "huisarts", "wettelijke-taak"),
    ("schulden", "Schuldhulp Hoeksche Waard (fictief)", "M. Jansen", "schuldhulpverlener", "geen"),
    ("wonen", "Woonstichting Polderland (fictief)", "", "woonconsulent", "geen"),
    ("wmo", "Gemeente Hoeksche Waard, Wmo (demo)", "R. de Boer", "Wmo-consulent", "wettelijke-taak"),
]
BSNS = ["111222333", "123456782", "100000009", "999999990"]


def _households_for(team: Team, taken: set[int]) -> list[Household]:
    districts = list(team.areas.values_list("pk", flat=True))
    qs = (
        Household.objects.filter(members__email__endswith="@demo.nabij.example")
        .exclude(pk__in=taken)
        .annotate(size=Count("members"))
        .order_by("pk")
    )
    local = [h for h in qs.filter(area__parent_id__in=districts)]
    rest = [h for h in qs if h not in local]
    return local + rest


def build(stdout) -> None:
    if CaseEvent.objects.filter(summary=MARKER).exists():
        stdout.write("Demo-casussen bestaan al; niets toegevoegd.")
        return
    users = {u.username: u for u in User.objects.filter(username__in={p[0] for p in PLAN})}
    teams = {t.name: t for t in Team.objects.filter(name__in={p[1] for p in PLAN})}
    if len(users) < len({p[0] for p in PLAN}) or not Household.objects.exists():
        stdout.write("Demo-casussen overgeslagen: demo-gebruikers of -huishoudens ontbreken.")
        return
    rng = random.Random(4)  # noqa: S311  (demo data, not security)
    now = timezone.now()
    taken: set[int] = set(Case.objects.filter(closed_at__isnull=True).values_list("household_id", flat=True))
    made = 0
    for index, (username, team_name, phase, days_open, contact_offset, extra) in enumerate(PLAN):
        actor, team = users[username], teams[team_name]
        candidates = _households_for(team, taken)
        if not candidates:
            break
        # Vary the shapes: alternate single-person and larger households.
        candidates.sort(key=lambda h: (h.size > 1) != (index % 2 == 0))
        household = candidates[0]
        taken.add(household.pk)
        members = list(household.members.order_by("pk"))
        primary = members[0]
        case = services.case_open(
            actor=actor, household=household, primary_resident=primary, team=team, contact_person=actor, summary=MARKER
        )
        opened = now - timedelta(days=days_open)
        first_due = (
            (now + timedelta(days=contact_offset)).date() if days_open < 30 else (opened + timedelta(days=7)).date()
        )
        Case.objects.filter(pk=case.pk).update(opened_at=opened, first_contact_due=first_due)
        CaseEvent.objects.filter(case=case).update(occurred_at=opened)
        case.refresh_from_db()
        _network(household, members, rng, index)
        if index % 4 == 0 and primary.bsn_encrypted == "":
            primary.set_bsn(BSNS[index % len(BSNS)])
            primary.save(update_fields=["bsn_encrypted", "bsn_hash"])
        if extra == "safety":
            household.safety_warning = "Hond op het erf; alleen met z'n tweeën op huisbezoek (fictief)."
            household.save(update_fields=["safety_warning"])
        if extra != "no_contact":
            _notes(case, actor, opened, rng, count=2 + index % 3, restricted=(extra == "restricted"))
        if phase != Phase.CLARIFICATION:
            _involvements(case, actor, index)
        _advance(case, actor, phase, extra, now)
        _spread_events(case, opened, now)
        made += 1
    stdout.write(f"Demo-casussen: {made} casussen met netwerk, betrokkenen en contactmomenten.")


def _spread_events(case, opened, now) -> None:
    """The services stamped phase changes with 'now': spread them over the case's life."""
    events = list(
        CaseEvent.objects.filter(case=case, occurred_at__gt=opened + timedelta(minutes=1))
        .exclude(kind=CaseEvent.Kind.CONTACT)
        .order_by("id")
    )
    span = now - timedelta(hours=2) - opened
    for position, event in enumerate(events, start=1):
        CaseEvent.objects.filter(pk=event.pk).update(occurred_at=opened + span * position / (len(events) + 1))


def _network(household, members, rng, index) -> None:
    if household.network.exists():
        return
    for kind, name, role, phone, reach in rng.sample(NETWORK, k=1 + index % 4):
        NetworkMember.objects.create(
            household=household,
            resident=members[0],
            kind=kind,
            name=name,
            role=role,
            phone=phone,
            how_to_reach=reach,
        )


def _notes(case, actor, opened, rng, *, count, restricted=False) -> None:
    span = max((timezone.now() - opened).days, 1)
    for n in range(count):
        kind, task, minutes, text = NOTES[(case.pk + n) % len(NOTES)]
        day = timezone.localtime(opened + timedelta(days=min(span - 1, 2 + n * max(span // (count + 1), 1))))
        when = day.replace(hour=9 + 2 * n % 8, minute=(15 * n) % 60, second=0, microsecond=0)
        services.contact_moment_create(
            actor=actor, case=case, occurred_at=when, kind=kind, core_task=task, minutes=minutes, text=text
        )
    if restricted:
        services.contact_moment_create(
            actor=actor,
            case=case,
            occurred_at=timezone.now() - timedelta(days=3),
            kind="overleg",
            core_task="signaleren",
            minutes=30,
            text="Meldcode stap 1 (fictief): signalen vastgelegd als feiten; collegiale consultatie gepland.",
            restricted=True,
        )


def _involvements(case, actor, index) -> None:
    for kind, organisation, name, role, ground in INVOLVEMENTS[: 1 + index % 3]:
        services.involvement_add(
            actor=actor,
            case=case,
            kind=kind,
            organisation=organisation,
            name=name,
            role=role,
            exchange_ground=ground if ground != "geen" else Involvement.Ground.NONE,
        )


ROUTE = [Phase.CLARIFICATION, Phase.PLANNING, Phase.EXECUTION, Phase.CLOSURE]


def _advance(case, actor, target, extra, now) -> None:
    """Walk the case to its target phase; results are ticked on the way, except where the
    demo wants a gap (a deviation with a justification)."""
    if target == Phase.REGISTRATION:
        # Back to registration: the intake meeting has not discussed it yet.
        services.case_phase_change(actor=actor, case=case, to_phase=target, expected_version=case.version)
        return
    route = ROUTE + ([Phase.CLOSED] if target == Phase.CLOSED else [Phase.WATCH] if target == Phase.WATCH else [])
    for step in route[1 : route.index(target) + 1]:
        justification = ""
        for spec in services.case_missing_results(case):
            if extra == "deviation" and step == target:
                justification = "Acute geldzorgen gingen voor; de rest volgt (fictief)."
            else:
                services.case_result_complete(case=case, key=spec.key, actor=actor)
        checkin = None
        if step == Phase.WATCH:
            checkin = (now + timedelta(days=-1 if extra == "watch_due" else 21)).date()
        services.case_phase_change(
            actor=actor,
            case=case,
            to_phase=step,
            expected_version=case.version,
            justification=justification,
            watch_next_checkin=checkin,
        )
    if extra == "direction":
        services.case_direction_set(
            actor=actor,
            case=case,
            expected_version=case.version,
            direction="team",
            hand_back_on=(now + timedelta(days=2)).date(),
        )
