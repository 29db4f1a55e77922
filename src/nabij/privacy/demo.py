"""Demo privacy records: consents and exchange grounds on Oud-Beijerland cases, two emergency
accesses (one reviewed, one waiting for the privacy officer) and a destruction request.

Idempotent: every record is looked up before it is made. Uses the cases the cases app's demo
made; when there are none yet, it opens two through cases.services.case_open.
"""

from datetime import timedelta

from django.utils import timezone

from nabij.accounts.models import Team, User
from nabij.cases.models import Case, EmergencyAccess
from nabij.cases.services import case_open
from nabij.consent.models import Consent, Ground, InformationExchange
from nabij.consent.services import consent_record, exchange_record
from nabij.privacy.models import DestructionRequest
from nabij.privacy.services import destruction_request_register, emergency_access_grant, emergency_access_review
from nabij.residents.models import Household, Resident

TEAM = "Wijkteam Oud-Beijerland"
GP = "Huisartsenpraktijk Oud-Beijerland (fictief)"
REASON_REVIEWED = "Inwoner belde 's avonds in crisis; contactpersoon en team niet bereikbaar. Adres en afspraken nodig."
REASON_OPEN = "Melding van de politie over zorgen om de inwoner; eigen team niet bereikbaar, snel beeld nodig."


def _demo_cases(team, worker) -> list[Case]:
    cases = list(Case.objects.filter(team=team, closed_at__isnull=True).order_by("id")[:2])
    if len(cases) >= 2:
        return cases
    households = Household.objects.filter(members__isnull=False, cases__isnull=True).distinct().order_by("id")[:2]
    for household in households:
        resident = household.members.order_by("id").first()
        cases.append(
            case_open(actor=worker, household=household, primary_resident=resident, team=team, contact_person=worker)
        )
    return cases[:2]


def build(stdout) -> None:
    try:
        team = Team.objects.get(name=TEAM)
        werker, werker3, werker4, privacy = (
            User.objects.get(username=name) for name in ("werker", "werker3", "werker4", "privacy")
        )
    except (Team.DoesNotExist, User.DoesNotExist):
        stdout.write("Demo-privacy: demo-organisatie ontbreekt; niets toegevoegd.")
        return
    cases = _demo_cases(team, werker)
    if len(cases) < 2:
        stdout.write("Demo-privacy: geen demo-huishoudens; niets toegevoegd.")
        return
    today = timezone.localdate()
    made = 0
    for case in cases:
        resident = case.primary_resident
        if not Consent.objects.filter(case=case, purpose=Consent.Purpose.OPEN_DOSSIER).exists():
            consent_record(
                actor=werker,
                resident=resident,
                case=case,
                purpose=Consent.Purpose.OPEN_DOSSIER,
                form=Consent.Form.SIGNED,
                given_at=today - timedelta(days=60),
            )
            made += 1
        if not Consent.objects.filter(case=case, party=GP).exists():
            consent = consent_record(
                actor=werker,
                resident=resident,
                case=case,
                purpose=Consent.Purpose.EXCHANGE,
                form=Consent.Form.ORAL,
                note="Mondeling gegeven tijdens huisbezoek; inwoner wil dat de huisarts meedenkt.",
                party=GP,
                given_at=today - timedelta(days=45),
                valid_until=today + timedelta(days=20),
            )
            exchange_record(
                actor=werker,
                case=case,
                party=GP,
                purpose="Afstemming over medicatie en ondersteuning",
                ground=Ground.CONSENT,
                consent=consent,
                exchanged_on=today - timedelta(days=30),
            )
            made += 2
    first, second = cases
    if not InformationExchange.objects.filter(case=first, ground=Ground.LEGAL_TASK).exists():
        exchange_record(
            actor=werker,
            case=first,
            party="Wmo-loket Gemeente Hoeksche Waard (demo)",
            purpose="Aanvraag huishoudelijke hulp",
            ground=Ground.LEGAL_TASK,
            reason="Wmo 2015 art. 2.3.2: onderzoek naar de ondersteuningsbehoefte.",
            exchanged_on=today - timedelta(days=20),
        )
        made += 1
    if not EmergencyAccess.objects.filter(user=werker3, case=first).exists():
        access = emergency_access_grant(actor=werker3, case=first, reason=REASON_REVIEWED)
        access.expires_at = timezone.now() - timedelta(hours=1)  # an earlier, finished access
        access.save(update_fields=["expires_at"])
        emergency_access_review(actor=privacy, access=access, note="Reden past bij de situatie; terecht gebruikt.")
        made += 1
    if not EmergencyAccess.objects.filter(user=werker4, case=second).exists():
        emergency_access_grant(actor=werker4, case=second, reason=REASON_OPEN)
        made += 1
    if not DestructionRequest.objects.exists():
        resident = (
            Resident.objects.filter(primary_cases__isnull=True, household__cases__isnull=True).order_by("id").first()
        )
        if resident is not None:
            destruction_request_register(
                actor=privacy,
                resident=resident,
                received_on=today - timedelta(days=30),
                note="Schriftelijk verzoek per post ontvangen (demo).",
            )
            made += 1
    stdout.write(f"Demo-privacy: {made} records toegevoegd (toestemmingen, noodtoegang, vernietigingsverzoek).")
