"""Demo intake: first-contact norms, postcode areas, and registrations in every status and
channel, with triage, each kind of outcome, a waiting list and letters.

Everything is fictional: names end in "-Demo", phone numbers use the 06-0000 range and
e-mail addresses the example domain. Decisions go through the services (so audit trail,
case timeline and worklist look as in use), then dates are set back. Idempotent: the
registrations' references start with REFERENCE_PREFIX.
"""

from datetime import timedelta

from django.contrib.auth.models import Permission
from django.utils import timezone

from nabij.accounts.models import Area, Team, User
from nabij.core.workdays import add_working_days
from nabij.intake import norms
from nabij.intake.letter_templates import letter_templates_ensure
from nabij.intake.models import (
    Agreement,
    Channel,
    FirstContactNorm,
    Outcome,
    PostcodeArea,
    Registration,
    RegistrationLetter,
    ReporterKind,
    Urgency,
    WaitingListEntry,
)
from nabij.intake.services import letters, meeting

REFERENCE_PREFIX = "A-DEMO-"
MAIN_TEAM = "Wijkteam Oud-Beijerland"
SECOND_TEAM = "Wijkteam Numansdorp"
POSTCODES = range(3260, 3300)  # the demo households' postcode digits (residents/demo.py)

# (surname, channel, days ago, urgency, reporter kind, organisation, question, what happens)
REGISTRATIONS = [
    (
        "Aanmelding-Demo",
        Channel.WEB,
        1,
        Urgency.NORMAL,
        ReporterKind.SELF,
        "",
        "Ik krijg mijn post niet meer op orde en maak me zorgen over de huur.",
        "new",
    ),
    (
        "Bakker-Demo",
        Channel.PHONE,
        2,
        Urgency.HIGH,
        ReporterKind.RELATIVE,
        "",
        "Mijn buurvrouw komt haar huis niet meer uit en eet slecht.",
        "new_safety",
    ),
    (
        "Claassen-Demo",
        Channel.REFERRAL,
        9,
        Urgency.NORMAL,
        ReporterKind.PROFESSIONAL,
        "huisarts",
        "Patiënt met somberheid en schulden; graag ondersteuning thuis.",
        "triaged_overdue",
    ),
    (
        "Dekker-Demo",
        Channel.WALK_IN,
        4,
        Urgency.NORMAL,
        ReporterKind.SELF,
        "",
        "Vraag over hulp bij het aanvragen van huishoudelijke hulp.",
        "advice",
    ),
    (
        "Evers-Demo",
        Channel.EMAIL,
        6,
        Urgency.NORMAL,
        ReporterKind.SELF,
        "",
        "Mijn zoon van 15 spijbelt en thuis is het onrustig.",
        "redirect_youth",
    ),
    (
        "Fransen-Demo",
        Channel.REFERRAL,
        12,
        Urgency.NORMAL,
        ReporterKind.PROFESSIONAL,
        "woningcorporatie",
        "Huurachterstand en vervuiling in de woning; bewoner houdt de deur dicht.",
        "redirect_outreach",
    ),
    (
        "Gerritsen-Demo",
        Channel.API,
        15,
        Urgency.NORMAL,
        ReporterKind.PROFESSIONAL,
        "gemeente-wmo",
        "Aanvraag begeleiding na verhuizing; weinig netwerk.",
        "waiting",
    ),
    (
        "Hendriks-Demo",
        Channel.PHONE,
        30,
        Urgency.NORMAL,
        ReporterKind.SELF,
        "",
        "Eenzaamheid na overlijden partner; zoekt contact en dagbesteding.",
        "waiting_old",
    ),
    (
        "Ismail-Demo",
        Channel.REFERRAL,
        5,
        Urgency.NORMAL,
        ReporterKind.PROFESSIONAL,
        "school",
        "Algemene vraag van school over een gezin, zonder namen.",
        "anonymous",
    ),
    (
        "Jansen-Demo",
        Channel.SIGNAL,
        7,
        Urgency.NORMAL,
        ReporterKind.RELATIVE,
        "",
        "Buurtbewoners melden rommel in de tuin en een bewoner die verward lijkt.",
        "not_for_team",
    ),
    (
        "Kok-Demo",
        Channel.WEB,
        10,
        Urgency.HIGH,
        ReporterKind.SELF,
        "",
        "Schulden lopen op, deurwaarder is geweest, kinderen thuis.",
        "case_consent",
    ),
    (
        "Lambers-Demo",
        Channel.REFERRAL,
        3,
        Urgency.CRISIS,
        ReporterKind.PROFESSIONAL,
        "veilig-thuis",
        "Zorgen om veiligheid van moeder en kinderen; snel contact nodig.",
        "case_acting_first",
    ),
    (
        "Meijer-Demo",
        Channel.PHONE,
        8,
        Urgency.NORMAL,
        ReporterKind.SELF,
        "",
        "Hulp gevraagd bij administratie en contact met instanties.",
        "core_no_case",
    ),
    (
        "Nijland-Demo",
        Channel.WALK_IN,
        20,
        Urgency.NORMAL,
        ReporterKind.SELF,
        "",
        "Vraag over werk en inkomen na ontslag.",
        "redirect_agency",
    ),
]


def _norms(stdout) -> None:
    for urgency, days in norms.DEFAULT_WORKING_DAYS.items():
        FirstContactNorm.objects.get_or_create(team=None, urgency=urgency, defaults={"working_days": days})
    team = Team.objects.filter(name=SECOND_TEAM).first()
    if team:  # one team keeps a stricter norm for normal urgency
        FirstContactNorm.objects.get_or_create(team=team, urgency=Urgency.NORMAL, defaults={"working_days": 3})


def _postcode_areas() -> int:
    teams = Team.objects.filter(kind=Team.Kind.NEIGHBOURHOOD, areas__isnull=False).distinct().order_by("name")
    buurten = list(
        Area.objects.filter(kind=Area.Kind.NEIGHBOURHOOD, parent__teams__in=teams).distinct().order_by("cbs_code")
    )
    if not buurten:
        return 0
    created = 0
    for index, digits in enumerate(POSTCODES):
        _, was_created = PostcodeArea.objects.get_or_create(
            postcode_digits=str(digits), defaults={"area": buurten[index % len(buurten)]}
        )
        created += was_created
    return created


def _admin_may_set_norms() -> None:
    """The functional admin keeps the norms and postcode areas (Django model permissions)."""
    admin = User.objects.filter(username="beheerder").first()
    if admin:
        admin.user_permissions.add(
            *Permission.objects.filter(
                content_type__app_label="intake", content_type__model__in=["firstcontactnorm", "postcodearea"]
            )
        )


def _registration(index, row, team, area) -> Registration:
    surname, channel, days_ago, urgency, reporter_kind, organisation, question, plan = row
    minor = plan == "redirect_youth"  # about a 15-year-old: flagged for the youth team
    received = timezone.now() - timedelta(days=days_ago, hours=index % 5)
    registration = Registration.objects.create(
        reference=f"{REFERENCE_PREFIX}{index + 1:03d}",
        team=team,
        channel=channel,
        received_at=received,
        reporter_kind=reporter_kind,
        reporter_name="" if reporter_kind == ReporterKind.SELF else f"Melder {surname}",
        reporter_organisation=organisation,
        reporter_organisation_name=f"Fictieve {organisation} Demo" if organisation else "",
        reporter_email="" if reporter_kind == ReporterKind.SELF else f"melder{index}@demo.nabij.example",
        given_names=["Anna", "Bram", "Carla", "Daan", "Eva", "Frank", "Greet"][index % 7],
        surname=surname,
        birth_date=timezone.localdate().replace(year=timezone.localdate().year - 15, day=1)
        if minor
        else (timezone.localdate().replace(year=1960 + index, day=1) if index % 3 else None),
        phone=f"06-0000{90 + index:02d}00",
        email=f"aanmelding{index}@demo.nabij.example",
        postcode=f"{3260 + index} DM",
        house_number=index + 1,
        area=area,
        question=question,
        agreement=Agreement.YES if index % 4 else Agreement.KNOWS,
        urgency=urgency,
        safety_flag=urgency == Urgency.CRISIS,
        is_minor=minor,
        first_contact_due=norms.first_contact_due(team=team, urgency=urgency, received_on=received.date()),
    )
    return registration


def _triage(coordinator, registration, *, safety=False):
    meeting.triage_record(
        actor=coordinator,
        registration=registration,
        scope="meervoudig" if registration.pk % 2 else "enkelvoudig",
        urgency=registration.urgency,
        known_elsewhere="Fictief: bekend bij de huisarts." if registration.pk % 3 == 0 else "",
        safety_flag=safety,
        safety_persons="Fictief: zorgen om de kinderen; samen op huisbezoek." if safety else "",
        provisional_approach="Fictief: eerst een kennismakingsgesprek thuis.",
    )


def _outcome(coordinator, registration, kind, **values):
    return meeting.outcome_record(actor=coordinator, registration=registration, kind=kind, **values)


def _core(coordinator, registration, worker):
    return _outcome(
        coordinator,
        registration,
        Outcome.Kind.CORE_DECISION,
        interventions="Fictief: huisbezoek, ordenen van de post, contact met schuldhulp.",
        goal="Fictief: overzicht over geldzaken en rust in huis.",
        intended_result="Fictief: binnen drie maanden een stabiel budgetplan.",
        assigned_worker=worker,
    )


def _letter(coordinator, registration, medium=RegistrationLetter.Medium.LETTER):
    draft = letters.letter_draft(registration)
    letters.letter_send(
        actor=coordinator,
        registration=registration,
        kind=draft.kind,
        medium=medium,
        recipient=draft.recipient,
        email_address=draft.email,
        subject=draft.subject,
        body=draft.body,
    )


def _handle(plan, registration, *, coordinator, worker):
    today = timezone.localdate()
    if plan == "new":
        return
    if plan == "new_safety":
        Registration.objects.filter(pk=registration.pk).update(safety_flag=True)
        return
    _triage(coordinator, registration, safety=plan == "case_acting_first")
    if plan == "triaged_overdue":
        Registration.objects.filter(pk=registration.pk).update(first_contact_due=today - timedelta(days=2))
    elif plan == "advice":
        _outcome(coordinator, registration, "advies", reason="Fictief: uitgelegd hoe de Wmo-aanvraag werkt.")
        _letter(coordinator, registration, RegistrationLetter.Medium.EMAIL)
    elif plan == "redirect_youth":
        _outcome(
            coordinator,
            registration,
            "doorverwijzing",
            reason="Fictief: het gaat om een jongere.",
            redirect_target="jeugdteam",
        )
        _letter(coordinator, registration)
    elif plan == "redirect_outreach":
        _outcome(
            coordinator,
            registration,
            "doorverwijzing",
            reason="Fictief: zorgmijding, bemoeizorg past beter.",
            redirect_target="bemoeizorg",
        )
    elif plan == "redirect_agency":
        _outcome(
            coordinator,
            registration,
            "doorverwijzing",
            reason="Fictief: vraag over werk en inkomen.",
            redirect_target="instantie",
            redirect_agency="Fictief Werkplein Demo",
        )
    elif plan in ("waiting", "waiting_old"):
        _outcome(coordinator, registration, "wachtlijst", reason="Fictief: geen ruimte bij de medewerkers.")
        if plan == "waiting_old":
            placed = timezone.now() - timedelta(days=28)
            WaitingListEntry.objects.filter(registration=registration).update(
                placed_at=placed, interim_contact_due=add_working_days(placed.date(), 15)
            )
        _letter(coordinator, registration)
    elif plan == "anonymous":
        _outcome(
            coordinator,
            registration,
            "anoniem",
            reason="Fictief: algemeen advies gegeven over schoolverzuim.",
            consultation_party="Fictieve basisschool Demo",
        )
    elif plan == "not_for_team":
        _outcome(
            coordinator,
            registration,
            "niet-voor-team",
            reason="Fictief: adres ligt buiten het werkgebied; team Numansdorp ingelicht.",
        )
    elif plan == "core_no_case":
        _core(coordinator, registration, worker)
    elif plan in ("case_consent", "case_acting_first"):
        _core(coordinator, registration, worker)
        if plan == "case_consent":
            meeting.case_open_from_registration(
                actor=coordinator,
                registration=registration,
                consent_form="signed",
                consent_given_on=today,
                new_resident_confirmed=True,
            )
        else:
            meeting.case_open_from_registration(
                actor=coordinator,
                registration=registration,
                deferred_reason="Fictief: acute zorgen om veiligheid; eerst handelen, toestemming volgt.",
                new_resident_confirmed=True,
            )
        _letter(coordinator, registration, RegistrationLetter.Medium.EMAIL)


def build(stdout) -> None:
    _norms(stdout)
    letter_templates_ensure()
    postcodes = _postcode_areas()
    _admin_may_set_norms()
    from nabij.intake import demo_front_door

    demo_front_door.build(stdout)
    if Registration.objects.filter(reference__startswith=REFERENCE_PREFIX).exists():
        stdout.write("Demo-aanmeldingen bestaan al; niets toegevoegd.")
        return
    team = Team.objects.filter(name=MAIN_TEAM).first()
    coordinator = User.objects.filter(username="coordinator").first()
    worker = User.objects.filter(username="werker2").first()
    if team is None or coordinator is None or worker is None:
        stdout.write("Demo-aanmeldingen overgeslagen: demo-team of -gebruikers ontbreken.")
        return
    other_team = Team.objects.filter(name=SECOND_TEAM).first()
    area = Area.objects.filter(kind=Area.Kind.NEIGHBOURHOOD, parent__teams=team).order_by("cbs_code").first()
    for index, row in enumerate(REGISTRATIONS):
        registration = _registration(index, row, team, area)
        _handle(row[-1], registration, coordinator=coordinator, worker=worker)
    # Two for the second team, so its board is not empty.
    if other_team is not None:
        for index, row in enumerate(REGISTRATIONS[:2], start=len(REGISTRATIONS)):
            _registration(index, row, other_team, None)
    stdout.write(
        f"Demo-aanmeldingen: {Registration.objects.filter(reference__startswith=REFERENCE_PREFIX).count()} "
        f"fictieve aanmeldingen, {postcodes} postcodegebieden toegevoegd."
    )
