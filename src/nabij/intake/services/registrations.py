"""The front door: one way in for every channel (web form, phone, walk-in, e-mail, referral,
signal, API), and linking a registration to a resident who is already known.

`registration_validate` holds the rules every channel shares (the web form, the staff
screen and the API serializer all end here), so a rule is written once.
"""

import logging
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from nabij.access import policy
from nabij.access.policy import Perm
from nabij.audit.services import Action, Outcome, record_event
from nabij.core.concurrency import save_versioned
from nabij.core.mail import email_queue
from nabij.core.references import highest_number, next_reference
from nabij.core.validators import is_valid_bsn, normalise_postcode
from nabij.intake import norms, routing
from nabij.intake.models import (
    Agreement,
    Channel,
    ReferrerOrganisation,
    Registration,
    RegistrationLetter,
    ReporterKind,
    Urgency,
)

logger = logging.getLogger(__name__)

# Channels staff enter on someone's behalf; the web form and the API come from outside.
STAFF_CHANNELS = frozenset({Channel.PHONE, Channel.WALK_IN, Channel.EMAIL, Channel.REFERRAL, Channel.SIGNAL})
# From outside nobody has checked the input yet: ask for enough to call the person back.
OUTSIDE_CHANNELS = frozenset({Channel.WEB, Channel.API})

TEXT_FIELDS = (
    "reporter_name",
    "reporter_relation",
    "reporter_organisation_name",
    "reporter_phone",
    "reporter_email",
    "given_names",
    "surname_prefix",
    "surname",
    "phone",
    "email",
    "reachable_when",
    "house_number_addition",
    "language",
)
CHOICE_FIELDS = {
    "reporter_kind": ReporterKind,
    "reporter_organisation": ReferrerOrganisation,
    "agreement": Agreement,
    "urgency": Urgency,
}
FLAG_FIELDS = ("interpreter_needed", "safety_flag")
INPUT_FIELDS = (
    *TEXT_FIELDS,
    *CHOICE_FIELDS,
    *FLAG_FIELDS,
    "question",
    "postcode",
    "house_number",
    "birth_date",
    "bsn",
    "life_domains",
)
QUESTION_MAX_LENGTH = 5000
OLDEST_BIRTH_DATE = date(1900, 1, 1)


def _clean_text(value) -> str:
    """Strip, and drop NUL characters (PostgreSQL refuses them in text)."""
    return str(value or "").replace("\x00", "").strip()


def _max_length(name: str) -> int:
    return Registration._meta.get_field(name).max_length


def life_domain_choices() -> list[tuple[str, str]]:
    """(code, label) of the default instrument's active life domains, in order; the resident's
    wording where the instrument has one. The list is data the admin keeps (plans)."""
    from nabij.plans.models import LifeDomain

    rows = LifeDomain.objects.filter(instrument__is_default=True, is_active=True).order_by("order", "id")
    return [(row.code, row.resident_label or row.label) for row in rows]


def age_on(birth_date: date, day: date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def registration_validate(*, channel: str, **fields) -> dict:
    """Check and normalise the input of any channel. Returns the cleaned fields (BSN as 9
    digits under "bsn") or raises ValidationError with a message per field, in Dutch."""
    errors: dict[str, list[str]] = {}

    def fail(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    unknown = set(fields) - set(INPUT_FIELDS)
    if unknown:
        raise TypeError(f"unknown registration fields: {sorted(unknown)}")
    if channel not in Channel.values:
        raise ValidationError({"channel": [_("Kies een kanaal.")]})
    cleaned: dict = {}
    for name in TEXT_FIELDS:
        value = _clean_text(fields.get(name))
        if len(value) > _max_length(name):
            fail(name, _("Gebruik hoogstens %(n)s tekens.") % {"n": _max_length(name)})
        cleaned[name] = value
    for name, choices in CHOICE_FIELDS.items():
        value = _clean_text(fields.get(name))
        if value and value not in choices.values:
            fail(name, _("Kies een van de mogelijkheden."))
        cleaned[name] = value
    for name in FLAG_FIELDS:
        cleaned[name] = bool(fields.get(name))
    cleaned["agreement"] = cleaned["agreement"] or Agreement.UNKNOWN
    cleaned["urgency"] = cleaned["urgency"] or Urgency.NORMAL

    question = _clean_text(fields.get("question"))
    if not question:
        fail("question", _("Beschrijf de vraag of zorg in een paar zinnen."))
    elif len(question) > QUESTION_MAX_LENGTH:
        fail("question", _("Gebruik hoogstens %(n)s tekens.") % {"n": QUESTION_MAX_LENGTH})
    cleaned["question"] = question

    outside = channel in OUTSIDE_CHANNELS
    kind = cleaned["reporter_kind"]
    if not kind:
        if outside:
            fail("reporter_kind", _("Kies wie de aanmelding doet."))
        kind = cleaned["reporter_kind"] = ReporterKind.SELF
    if kind == ReporterKind.SELF:
        # Nothing to keep about a reporter who is the person themself.
        for name in ("reporter_name", "reporter_relation", "reporter_organisation", "reporter_organisation_name"):
            cleaned[name] = ""
        cleaned["reporter_phone"] = cleaned["reporter_email"] = ""
    else:
        if not cleaned["reporter_name"]:
            fail("reporter_name", _("Vul uw naam in."))
        if kind == ReporterKind.PROFESSIONAL and not cleaned["reporter_organisation"]:
            fail("reporter_organisation", _("Kies de soort organisatie."))
        if kind != ReporterKind.PROFESSIONAL:
            cleaned["reporter_organisation"] = cleaned["reporter_organisation_name"] = ""
        if outside and not (cleaned["reporter_phone"] or cleaned["reporter_email"]):
            fail("reporter_phone", _("Vul een telefoonnummer of e-mailadres in waarop wij u kunnen bereiken."))

    for name in ("email", "reporter_email"):
        if cleaned[name]:
            try:
                validate_email(cleaned[name])
            except ValidationError:
                fail(name, _("Vul een e-mailadres in zoals naam@voorbeeld.nl."))

    # The surname, as the web form asks: a case can only be opened for someone with one.
    if outside and not cleaned["surname"]:
        fail("surname", _("Vul de naam in van de persoon om wie het gaat."))
    if outside and kind == ReporterKind.SELF and not (cleaned["phone"] or cleaned["email"]):
        fail("phone", _("Vul een telefoonnummer of e-mailadres in waarop wij u kunnen bereiken."))

    postcode = _clean_text(fields.get("postcode"))
    if postcode:
        try:
            postcode = normalise_postcode(postcode)
        except ValidationError as error:
            fail("postcode", error.messages[0])
    elif outside:
        fail("postcode", _("Vul een postcode in zoals 1234 AB."))
    cleaned["postcode"] = postcode

    house_number = fields.get("house_number")
    if house_number in (None, ""):
        house_number = None
        if outside:
            fail("house_number", _("Vul het huisnummer in, alleen het getal."))
    else:
        try:
            house_number = int(str(house_number).strip())
        except ValueError:
            house_number = None
            fail("house_number", _("Vul het huisnummer in, alleen het getal."))
        else:
            if not 1 <= house_number <= 99999:
                fail("house_number", _("Vul het huisnummer in, alleen het getal."))
    cleaned["house_number"] = house_number

    birth_date = fields.get("birth_date")
    if birth_date in (None, ""):
        birth_date = None
    elif not isinstance(birth_date, date) or isinstance(birth_date, datetime):
        fail("birth_date", _("Vul een datum in zoals 15-3-1980."))
        birth_date = None
    elif birth_date > timezone.localdate():
        fail("birth_date", _("De geboortedatum kan niet in de toekomst liggen."))
    elif birth_date < OLDEST_BIRTH_DATE:
        fail("birth_date", _("Controleer het jaar van de geboortedatum."))
    cleaned["birth_date"] = birth_date

    bsn = "".join(ch for ch in _clean_text(fields.get("bsn")) if not ch.isspace() and ch not in ".-")
    if bsn and (not bsn.isdigit() or not is_valid_bsn(bsn)):
        fail("bsn", _("Dit is geen geldig BSN: controleer de negen cijfers."))
    cleaned["bsn"] = bsn.zfill(9) if bsn and bsn.isdigit() else ""

    domains = fields.get("life_domains") or []
    if isinstance(domains, str):
        domains = [domains]
    known = {code for code, _label in life_domain_choices()} if domains else set()
    if any(not isinstance(code, str) or code not in known for code in domains):
        fail("life_domains", _("Kies alleen leefgebieden uit de lijst."))
        domains = [code for code in domains if isinstance(code, str) and code in known]
    cleaned["life_domains"] = list(dict.fromkeys(domains))

    if cleaned["interpreter_needed"] and not cleaned["language"] and outside:
        fail("language", _("Vul in welke taal de tolk moet spreken."))

    if errors:
        raise ValidationError(errors)
    return cleaned


def _next_reference(year: int) -> str:
    """A-2026-00042: the year and a counter. It says nothing about the person."""
    return next_reference(
        "A",
        year,
        highest_in_use=lambda: highest_number(
            Registration.objects.filter(reference__startswith=f"A-{year}-").values_list("reference", flat=True)
        ),
    )


def _check_actor(*, actor, channel: str, team):
    """Staff channels need registration.create; an explicit team must be one of the actor's."""
    if channel == Channel.WEB:
        return
    if actor is None or not policy.has_perm(actor, Perm.REGISTRATION_CREATE):
        record_event(
            actor=actor,
            event_type="registration.create",
            action=Action.CREATE,
            outcome=Outcome.DENIED,
            object_type="registration",
            details={"channel": channel},
        )
        raise PermissionDenied
    if team is not None and team.pk not in policy.team_ids(actor, perm=Perm.REGISTRATION_CREATE):
        raise PermissionDenied


def _confirmation(registration: Registration) -> tuple[str, str, str]:
    """(recipient e-mail, subject, body) of the confirmation; the reporter when someone
    registered on another's behalf, else the person themself."""
    if registration.reporter_kind != ReporterKind.SELF:
        to = registration.reporter_email
    else:
        to = registration.email
    context = {"registration": registration, "team": registration.team}
    subject = _("Wij hebben uw aanmelding ontvangen (kenmerk %(ref)s)") % {"ref": registration.reference}
    body = render_to_string("intake/public/confirmation_email.txt", context).strip()
    return to, subject, body


def registration_create(*, channel: str, actor=None, team=None, resident=None, signal=None, received_at=None, **fields):
    """Store a registration from any channel. Returns the Registration.

    - `actor`: the worker entering it (staff channels), the API token's user (API), or None
      (the public web form).
    - `team`: staff entry may name the team; else it is routed (routing.route).
    - `resident`: a known resident chosen in the "Bekend?" panel (linked, not duplicated).
    The confirmation e-mail goes through the outbox after commit: a failing mail server never
    loses the registration.
    """
    cleaned = registration_validate(channel=channel, **fields)
    _check_actor(actor=actor, channel=channel, team=team)
    if resident is not None and not resident_linkable(
        actor,
        resident,
        surname=cleaned["surname"],
        birth_date=cleaned["birth_date"],
        postcode=cleaned["postcode"],
        house_number=cleaned["house_number"],
        bsn=cleaned["bsn"],
    ):
        raise ValidationError({"resident": [_("Deze inwoner past niet bij de gegevens van de aanmelding.")]})
    received_at = received_at or timezone.now()
    if received_at > timezone.now():
        raise ValidationError({"received_at": [_("Het moment van binnenkomst kan niet in de toekomst liggen.")]})
    actor_team = None
    if channel in STAFF_CHANNELS and actor is not None:
        own = sorted(policy.team_ids(actor, perm=Perm.REGISTRATION_CREATE))
        from nabij.accounts.models import Team

        actor_team = Team.objects.filter(pk=own[0]).first() if own else None
    routed_team, area = routing.route(postcode=cleaned["postcode"], resident=resident, actor_team=actor_team)
    team = team or routed_team
    received_on = timezone.localdate(received_at)
    bsn = cleaned.pop("bsn")
    is_minor = bool(
        cleaned["birth_date"] and age_on(cleaned["birth_date"], received_on) < settings.NABIJ_YOUTH_AGE_LIMIT
    )
    registration = Registration(
        channel=channel,
        team=team,
        area=area,
        received_at=received_at,
        resident=resident,
        signal=signal,
        is_minor=is_minor,
        created_by=actor if channel in STAFF_CHANNELS else None,
        first_contact_due=norms.first_contact_due(team=team, urgency=cleaned["urgency"], received_on=received_on),
        **cleaned,
    )
    if bsn:
        registration.set_bsn(bsn)
    _save_with_reference(registration, received_on.year, lambda: _after_create(registration=registration, actor=actor))
    return registration


def _save_with_reference(registration: Registration, year: int, after_save) -> None:
    """Save with the next reference from the locked counter (core.references); `after_save`
    runs in the same transaction."""
    with transaction.atomic():
        registration.reference = _next_reference(year)
        registration.save()
        after_save()


# What a redirect carries over: what was told at the door, not the first team's meeting notes.
REDIRECT_COPIED_FIELDS = (
    *(name for name in INPUT_FIELDS if name != "bsn"),  # the BSN goes over encrypted, below
    "channel",
    "area",
    "resident",
    "is_minor",
    "bsn_encrypted",
    "bsn_hash",
)


def registration_redirect_to_team(*, actor, registration: Registration, team) -> Registration:
    """A new registration on `team`'s board for a registration the meeting redirected there.

    Called by `meeting.outcome_record` inside its transaction, after its access check
    (triage.decide in the first team): the redirect is the first team's decision, as the
    routing at the door is the system's. The new one starts as "nieuw" with its own reference,
    receipt time (now: when the new team gets it) and first-contact date, and points back
    through `redirected_from`.
    """
    copy = Registration(
        team=team,
        status=Registration.Status.NEW,
        received_at=timezone.now(),
        redirected_from=registration,
        created_by=actor,
        **{name: getattr(registration, name) for name in REDIRECT_COPIED_FIELDS},
    )
    received_on = timezone.localdate(copy.received_at)
    copy.first_contact_due = norms.first_contact_due(team=team, urgency=copy.urgency, received_on=received_on)

    def audit():
        record_event(
            actor=actor,
            event_type="registration.create",
            action=Action.CREATE,
            object_type="registration",
            object_id=copy.pk,
            resident_id=copy.resident_id,
            details={
                "channel": copy.channel,
                "team": team.pk,
                "urgency": copy.urgency,
                "redirected_from": registration.pk,
                "linked": copy.resident_id is not None,
            },
        )

    _save_with_reference(copy, received_on.year, audit)
    return copy


def _after_create(*, registration: Registration, actor) -> None:
    record_event(
        actor=actor,
        event_type="registration.create",
        action=Action.CREATE,
        object_type="registration",
        object_id=registration.pk,
        resident_id=registration.resident_id,
        details={
            "channel": registration.channel,
            "team": registration.team_id,
            "urgency": registration.urgency,
            "safety_flag": registration.safety_flag,
            "is_minor": registration.is_minor,
            "linked": registration.resident_id is not None,
            "signal": registration.signal_id,
        },
    )
    to, subject, body = _confirmation(registration)
    email = None
    if to:
        email = email_queue(
            to=to, subject=subject, body=body, related_type="intake.registration", related_id=registration.pk
        )
    if to or registration.channel == Channel.WEB:
        # The web form shows the text on screen too; either way the file keeps what was said.
        RegistrationLetter.objects.create(
            registration=registration,
            kind=RegistrationLetter.Kind.CONFIRMATION,
            medium=RegistrationLetter.Medium.EMAIL if email else RegistrationLetter.Medium.SCREEN,
            recipient=to[:200] if to else _("Op het scherm van het webformulier"),
            subject=subject[:200],
            body=body,
            email=email,
            created_by=actor if registration.channel in STAFF_CHANNELS else None,
        )


# --- Link rather than duplicate -----------------------------------------------------------


def _require_registration_write(actor, registration: Registration, *, event_type: str) -> None:
    team_id = registration.team_id
    allowed = team_id is not None and (
        policy.has_perm(actor, Perm.REGISTRATION_CREATE, team_id=team_id)
        or policy.has_perm(actor, Perm.TRIAGE_DECIDE, team_id=team_id)
    )
    if not allowed:
        record_event(
            actor=actor,
            event_type=event_type,
            action=Action.UPDATE,
            outcome=Outcome.DENIED,
            object_type="registration",
            object_id=registration.pk,
        )
        raise PermissionDenied


def _refuse_after_case(registration: Registration) -> None:
    # Once the case is open the link is the case's resident: changing it here would split them.
    if registration.case_id:
        raise ValidationError(
            {"resident": [_("Voor deze aanmelding is al een casus geopend: de koppeling ligt vast.")]}
        )


def resident_linkable(actor, resident, **criteria) -> bool:
    """A registration may be linked to a resident who matches what it says (name + birth date,
    address or BSN) or who is in the actor's own scope: a link cannot reach an arbitrary record."""
    from nabij.residents import selectors as resident_selectors

    if resident_selectors.resident_match_queryset(**criteria).filter(pk=resident.pk).exists():
        return True
    return resident_selectors.resident_list_for_user(actor).filter(pk=resident.pk).exists()


def registration_link_resident(*, actor, registration: Registration, resident) -> Registration:
    """Link the registration to a resident already known (no new resident record).

    The resident must be a match for what the registration says (name + birth date, address
    or BSN) or in the actor's own scope: a link cannot be used to reach an arbitrary record.
    """
    _require_registration_write(actor, registration, event_type="registration.link")
    _refuse_after_case(registration)
    if not resident_linkable(
        actor,
        resident,
        surname=registration.surname,
        birth_date=registration.birth_date,
        postcode=registration.postcode,
        house_number=registration.house_number,
        bsn=registration.get_bsn(),
    ):
        raise ValidationError({"resident": [_("Deze inwoner past niet bij de gegevens van de aanmelding.")]})
    with transaction.atomic():
        registration.resident = resident
        registration.updated_at = timezone.now()
        save_versioned(registration, expected_version=registration.version, fields=["resident", "updated_at"])
        record_event(
            actor=actor,
            event_type="registration.link",
            action=Action.UPDATE,
            object_type="registration",
            object_id=registration.pk,
            resident_id=resident.pk,
        )
    return registration


def registration_unlink(*, actor, registration: Registration) -> Registration:
    """Undo a wrong link (the registration keeps what was told at the door)."""
    _require_registration_write(actor, registration, event_type="registration.unlink")
    _refuse_after_case(registration)
    previous = registration.resident_id
    with transaction.atomic():
        registration.resident = None
        registration.updated_at = timezone.now()
        save_versioned(registration, expected_version=registration.version, fields=["resident", "updated_at"])
        record_event(
            actor=actor,
            event_type="registration.unlink",
            action=Action.UPDATE,
            object_type="registration",
            object_id=registration.pk,
            resident_id=previous,
        )
    return registration
