"""Is this person already known? For the staff entry screen, while the worker types.

A match shows who knows the person ("bekend bij team X, contactpersoon Y, open sinds D"),
never dossier content. Residents in the worker's own scope also show name and birth date, so
the worker can tell them apart; residents elsewhere show only the team line. Three queries,
whatever the number of matches.
"""

from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import timezone

from nabij.audit.services import Action, record_event
from nabij.core.validators import is_valid_bsn, normalise_postcode
from nabij.residents import selectors as resident_selectors
from nabij.residents.models import Household

MATCH_LIMIT = 10


@dataclass(frozen=True)
class KnownMatch:
    resident_id: int
    in_scope: bool
    name: str  # empty outside the worker's scope
    birth_date: date | None  # None outside the worker's scope
    team_name: str  # empty when no case: known as a resident only
    contact_person: str
    since: date | None
    closed: bool


def lookup_criteria(*, surname="", birth_date=None, postcode="", house_number=None, bsn="") -> dict:
    """The usable criteria from what was typed so far (bad values are left out, not errors)."""
    criteria: dict = {}
    if surname and surname.strip():
        criteria["surname"] = surname.strip()[:200]
    if isinstance(birth_date, date):
        criteria["birth_date"] = birth_date
    if postcode:
        try:
            criteria["postcode"] = normalise_postcode(postcode)
        except ValidationError:
            pass
    if house_number:
        criteria["house_number"] = house_number
    digits = "".join(ch for ch in (bsn or "") if ch.isdigit())
    if digits and is_valid_bsn(digits):
        criteria["bsn"] = digits
    return criteria


def lookup_is_useful(criteria: dict) -> bool:
    """Enough to name one person: a BSN, surname + birth date, or a full address."""
    return (
        "bsn" in criteria
        or ("surname" in criteria and "birth_date" in criteria)
        or ("postcode" in criteria and "house_number" in criteria)
    )


def known_matches_for_user(user, **criteria) -> list[KnownMatch]:
    """Residents matching `criteria` (see resident_match_queryset), as the user may see them."""
    if not lookup_is_useful(criteria):
        return []
    candidates = list(resident_selectors.resident_match_queryset(**criteria).order_by("surname", "pk")[:MATCH_LIMIT])
    household_ids = {r.household_id for r in candidates if r.household_id}
    visible = set()
    cases_by_household: dict[int, object] = {}
    if household_ids:
        visible = set(
            Household.objects.filter(resident_selectors.household_scope_q(user), pk__in=household_ids).values_list(
                "pk", flat=True
            )
        )
        case_model = apps.get_model("cases", "Case")
        for case in (
            case_model.objects.filter(household_id__in=household_ids)
            .select_related("team", "contact_person")
            .order_by("closed_at", "-opened_at")  # open first (NULLs first), newest first
        ):
            cases_by_household.setdefault(case.household_id, case)
    matches = []
    for resident in candidates:
        case = cases_by_household.get(resident.household_id)
        in_scope = resident.household_id in visible
        contact = ""
        if case is not None and case.contact_person_id:
            contact = case.contact_person.get_full_name() or case.contact_person.get_username()
        matches.append(
            KnownMatch(
                resident_id=resident.pk,
                in_scope=in_scope,
                name=resident.full_name if in_scope else "",
                birth_date=resident.birth_date if in_scope else None,
                team_name=case.team.name if case is not None else "",
                contact_person=contact,
                since=timezone.localdate(case.opened_at) if case is not None else None,
                closed=bool(case is not None and case.closed_at),
            )
        )
    return matches


def record_known_lookup(user, used: list[str], matches: list[KnownMatch]) -> None:
    """One audit event per lookup with enough criteria: the names of the criteria used and the
    number of matches, never the values."""
    if not lookup_is_useful(dict.fromkeys(used)):
        return
    record_event(
        actor=user,
        event_type="registration.known_lookup",
        action=Action.READ,
        object_type="resident",
        details={
            "criteria": used,
            "in_scope": sum(1 for m in matches if m.in_scope),
            "elsewhere": sum(1 for m in matches if not m.in_scope),
        },
    )


def registration_criteria(registration) -> dict:
    """What a registration says about the person, as lookup criteria."""
    return lookup_criteria(
        surname=registration.surname,
        birth_date=registration.birth_date,
        postcode=registration.postcode,
        house_number=registration.house_number,
        bsn=registration.get_bsn(),
    )


def known_matches_for_registration(user, registration) -> tuple[list[KnownMatch], bool]:
    """The "Bekend?" matches for what an unlinked registration says, audited like a lookup at
    the door. Returns (matches, whether there was enough to look up)."""
    criteria = registration_criteria(registration)
    if not lookup_is_useful(criteria):
        return [], False
    matches = known_matches_for_user(user, **criteria)
    record_known_lookup(user, sorted(criteria), matches)
    return matches, True
