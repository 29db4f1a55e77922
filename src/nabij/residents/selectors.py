"""Reads of residents. Access filtering happens in the callers' chokepoints (cases, intake);
these helpers only build the matching queries they share."""

from datetime import date

from django.db.models import Q, QuerySet

from nabij.core import crypto
from nabij.residents.models import Resident


def split_surname(text: str) -> tuple[str, str]:
    """'van den Berg' → ('van den', 'Berg'); searches use the surname proper."""
    prefixes = {"van", "de", "den", "der", "het", "'t", "te", "ten", "ter", "in", "op", "la", "le", "du", "da", "el"}
    parts = text.split()
    index = 0
    while index < len(parts) - 1 and parts[index].lower() in prefixes:
        index += 1
    return " ".join(parts[:index]), " ".join(parts[index:])


def resident_match_queryset(
    *,
    surname: str = "",
    birth_date: date | None = None,
    postcode: str = "",
    house_number: int | None = None,
    bsn: str = "",
) -> QuerySet[Resident]:
    """Residents that may be the same person: BSN, or surname + birth date, or address.

    Used by "is this resident already known?" at registration and by search; the caller
    decides what of each match the user may see.
    """
    q = Q(pk__in=[])
    if bsn:
        digits = "".join(ch for ch in bsn if ch.isdigit()).zfill(9)
        q |= Q(bsn_hash=crypto.lookup_hash(digits))
    _prefix, proper = split_surname(surname.strip())
    if proper and birth_date:
        q |= Q(surname__iexact=proper, birth_date=birth_date)
    if postcode and house_number:
        q |= Q(household__postcode=postcode, household__house_number=house_number) & (
            Q(surname__iexact=proper) if proper else Q()
        )
    return Resident.objects.filter(q).select_related("household")
