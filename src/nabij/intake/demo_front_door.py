"""Demo data for the front door, made through the real services so the demo looks like use:
signals in every status (open, turned into a registration, closed) and registrations from
the web form (routed by PostcodeArea) and by phone. Synthetic and visibly so; idempotent
(a second `manage.py demo` adds nothing)."""

from django.db import transaction

from nabij.accounts.models import Team
from nabij.intake.models import Channel, PostcodeArea, Registration, ReporterKind, Signal
from nabij.intake.services import registrations, signals

MARKER = "(fictief demovoorbeeld)"

SIGNALS = [
    ("Vervuiling", "Tuin en gang liggen vol afval; buren maken zich zorgen", "open"),
    ("Eenzaamheid", "Oudere buurman komt al weken niet meer buiten", "aangemeld"),
    ("Geluidsoverlast", "Ruzie gehoord, bleek een eenmalig feest", "afgesloten"),
]


def _teams():
    return list(Team.objects.filter(kind=Team.Kind.NEIGHBOURHOOD, is_active=True).order_by("name")[:2])


def _staff(team):
    membership = team.memberships.filter(role="worker").select_related("user").order_by("user__username").first()
    if membership is None:
        membership = team.memberships.select_related("user").order_by("user__username").first()
    return membership.user if membership else None


def build(stdout) -> None:
    if Signal.objects.filter(description__endswith=MARKER).exists():
        stdout.write("Demo-signalen en voordeur-aanmeldingen bestaan al; niets toegevoegd.")
        return
    made = 0
    with transaction.atomic():
        for team in _teams():
            actor = _staff(team)
            if actor is None:
                continue
            for theme, text, status in SIGNALS:
                signal = signals.signal_create(
                    actor=actor, team=team, theme=theme, description=f"{text} {MARKER}", reported_by="Buurtbewoner"
                )
                if status == "aangemeld":
                    signals.signal_to_registration(
                        actor=actor,
                        signal=signal,
                        expected_version=signal.version,
                        reporter_kind=ReporterKind.RELATIVE,
                        reporter_name="Fictieve buurvrouw",
                        surname="Demoburen",
                        postcode="3262 AB",
                        house_number=40 + made,
                        question=f"{text}. {MARKER}",
                    )
                elif status == "afgesloten":
                    signals.signal_close(
                        actor=actor,
                        signal=signal,
                        reason=f"Niets aan de hand {MARKER}",
                        expected_version=signal.version,
                    )
                made += 1
            registrations.registration_create(
                channel=Channel.PHONE,
                actor=actor,
                reporter_kind=ReporterKind.SELF,
                given_names="Telefoon",
                surname="Demobeller",
                phone="06-00000111",
                question=f"Belt over een stapel ongeopende brieven. {MARKER}",
            )
        # Web form: no actor; routed by the postcode's area (PostcodeArea), as from outside.
        for index, row in enumerate(PostcodeArea.objects.order_by("postcode_digits")[:2]):
            registrations.registration_create(
                channel=Channel.WEB,
                reporter_kind=ReporterKind.SELF,
                given_names="Web",
                surname=f"Demoformulier{index + 1}",
                email=f"webdemo{index + 1}@demo.nabij.example",
                postcode=f"{row.postcode_digits} ZZ",
                house_number=index + 1,
                question=f"Ik zoek hulp bij het aanvragen van toeslagen. {MARKER}",
            )
    total = Registration.objects.filter(question__endswith=MARKER).count()
    stdout.write(f"Demo-voordeur: {made} fictieve signalen, {total} aanmeldingen via de services.")
