"""Reads of consent records: access-filtered through the case scope, fixed query counts."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nabij.access import policy
from nabij.cases.selectors import emergency_case_ids
from nabij.consent.models import Consent, Ground, InformationExchange


def consents_for_case(case):
    """All consents of the case's household members, newest first. The caller has loaded
    `case` through cases.selectors.case_get_for_user (which audits the read)."""
    return (
        Consent.objects.filter(case=case)
        .select_related("resident", "recorded_by", "withdrawn_by")
        .order_by("-given_at", "-id")
    )


def exchanges_for_case(case):
    return (
        InformationExchange.objects.filter(case=case)
        .select_related("consent", "recorded_by", "resident")
        .order_by("-exchanged_on", "-id")
    )


def consents_expiring_for_user(user, *, within_days: int = 30):
    """Consents in force that end within `within_days`, on cases the user may see (worklist)."""
    if not policy.case_scope_team_ids(user) and not emergency_case_ids(user):
        return Consent.objects.none()
    today = timezone.localdate()
    return (
        Consent.objects.filter(
            policy.case_scope_q(user, prefix="case__", emergency_case_ids=emergency_case_ids(user)),
            withdrawn_at__isnull=True,
            valid_until__gte=today,
            valid_until__lte=today + timedelta(days=within_days),
        )
        .select_related("case", "resident")
        .order_by("valid_until", "id")
    )


@dataclass(frozen=True)
class GroundStatus:
    """What the case page shows beside an involvement."""

    code: str  # "consent", "legal_task", "vital_interest", "none"
    label: str
    consent: Consent | None = None

    @property
    def has_ground(self) -> bool:
        return self.code != "none"


NO_GROUND = GroundStatus(code="none", label=_("Geen grondslag: alleen anoniem overleg"))


def ground_status_for_parties(case, parties) -> dict[str, GroundStatus]:
    """For each party name (an involvement), the ground for exchanging information today.

    A party-specific consent in force wins; otherwise the latest exchange recorded with a
    non-consent ground; otherwise none. Two queries whatever the number of parties.
    Keys are the party names as given.
    """
    today = timezone.localdate()
    wanted = {p.casefold(): p for p in parties}
    result = {p: NO_GROUND for p in parties}
    consents = (
        Consent.objects.active(today)
        .filter(case=case, purpose=Consent.Purpose.EXCHANGE)
        .order_by("valid_until")
        .only("id", "party", "valid_until", "purpose", "given_at", "withdrawn_at")
    )
    for consent in consents:
        key = consent.party.casefold()
        if key in wanted:
            result[wanted[key]] = GroundStatus(code=Ground.CONSENT, label=str(Ground.CONSENT.label), consent=consent)
    exchanges = (
        InformationExchange.objects.filter(case=case)
        .exclude(ground=Ground.CONSENT)
        .order_by("exchanged_on", "id")
        .values_list("party", "ground")
    )
    for party, ground in exchanges:
        key = party.casefold()
        if key in wanted and not result[wanted[key]].has_ground:
            result[wanted[key]] = GroundStatus(code=ground, label=str(Ground(ground).label))
    return result
