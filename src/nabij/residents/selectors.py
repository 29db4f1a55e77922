"""Reads of residents: the matching queries intake and search share, and the access-filtered
chokepoints (`resident_get_for_user`, `resident_list_for_user`, `household_list_for_user`)."""

from datetime import date

from django.db.models import Q, QuerySet

from nabij.core import crypto
from nabij.residents.models import Household, NetworkMember, Resident


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


# --- Access-filtered reads ---------------------------------------------------------------
# Residents are reached through their household's cases: a user sees a resident in full when
# a case of that household is in their data scope (team, or a valid emergency access). This
# app sits below `cases`, so the filters follow the reverse relations instead of importing it.


def _ways_into_scope(user, *, prefix: str = "") -> list[Q]:
    """The two ways a household comes into a user's scope: a case of one of their teams, or a
    case they opened by a still-valid emergency access."""
    from django.utils import timezone

    from nabij.access import policy

    teams = policy.case_scope_team_ids(user)
    ways = [Q(**{f"{prefix}cases__team_id__in": teams})] if teams else []
    if getattr(user, "is_authenticated", False):
        ways.append(
            Q(
                **{
                    f"{prefix}cases__emergency_accesses__user": user,
                    f"{prefix}cases__emergency_accesses__expires_at__gt": timezone.now(),
                }
            )
        )
    return ways


def household_scope_q(user, *, prefix: str = "") -> Q:
    """Households with a case the user may see (prefix e.g. 'household__' from Resident), as one
    condition: for narrowing a known handful of households or residents (a search's results,
    one resident). To list the whole scope use household_ids_in_scope."""
    q = Q(pk__in=[])
    for way in _ways_into_scope(user, prefix=prefix):
        q |= way
    return q


def household_ids_in_scope(user) -> QuerySet:
    """The ids of every household in the user's scope, as a subquery for the lists.

    Each way in is its own read, joined by UNION: PostgreSQL cannot take an OR that spans the
    case and the emergency-access joins from an index, so listing by household_scope_q read
    every case, household and resident of the city (an API page of a team's residents at a
    million residents: 145 ms, its count 115 ms; 20 and 12 ms this way). For a handful of known
    households household_scope_q is cheaper: it reads only those."""
    reads = [Household.objects.filter(way).values("pk") for way in _ways_into_scope(user)]
    if not reads:
        return Household.objects.none().values("pk")
    return reads[0].union(*reads[1:])


def household_list_for_user(user) -> QuerySet[Household]:
    return Household.objects.filter(pk__in=household_ids_in_scope(user)).select_related("area")


def resident_list_for_user(user) -> QuerySet[Resident]:
    return Resident.objects.filter(household_id__in=household_ids_in_scope(user)).select_related(
        "household", "household__area"
    )


def resident_get_for_user(user, *, resident_id: int, purpose: str = "resident.view") -> Resident:
    """One resident, or 404 whether missing or outside the user's scope. Audited either way."""
    from django.http import Http404

    from nabij.audit.services import Action, Outcome, record_event

    in_scope = Resident.objects.filter(household_scope_q(user, prefix="household__"), pk=resident_id).values("pk")
    resident = Resident.objects.filter(pk__in=in_scope).select_related("household", "household__area").first()
    record_event(
        actor=user,
        event_type=purpose,
        action=Action.READ,
        outcome=Outcome.SUCCESS if resident else Outcome.DENIED,
        object_type="resident",
        object_id=resident_id,
        resident_id=resident.pk if resident else None,
    )
    if resident is None:
        raise Http404
    return resident


def household_editable_by(user, household: Household) -> bool:
    """May `user` change this household's details and network? (CASE_EDIT in a team that has a
    case for it, or a valid emergency access.)"""
    from django.utils import timezone

    from nabij.access import policy

    teams = policy.team_ids(user, perm=policy.Perm.CASE_EDIT)
    q = Q(cases__team_id__in=teams) | Q(
        cases__emergency_accesses__user=user, cases__emergency_accesses__expires_at__gt=timezone.now()
    )
    return Household.objects.filter(q, pk=household.pk).exists()


def network_overview(household: Household) -> list[tuple[str, str, list[NetworkMember]]]:
    """The household's current network grouped by kind, in the fixed order of the kinds:
    [(kind, label, members)], kinds without members included (so the gaps show)."""
    members = list(household.network.filter(ended_at__isnull=True).select_related("resident"))
    groups = []
    for kind, label in NetworkMember.Kind.choices:
        groups.append((kind, label, [m for m in members if m.kind == kind]))
    return groups


# --- Search ---------------------------------------------------------------------------


# How many of the closest surnames a typo-tolerant search looks at (PostgreSQL).
SURNAME_TERMS = 20

# The name search on PostgreSQL, in one statement whose work does not grow with the city:
# 1. the SURNAME_TERMS surnames of the vocabulary closest to the typed one, found by the GiST
#    trigram index in distance order (a K-nearest-neighbour scan, not a scan of all terms;
#    a tie-breaker in that ORDER BY would cost the scan, so a tie at the twentieth place is
#    settled by the index);
# 2. per term, in order of similarity, its residents (B-tree on UPPER(surname)) ranked by the
#    given name, at most `limit` of them (LATERAL … LIMIT), when the term is similar enough
#    (`%`, pg_trgm's similarity threshold);
# 3. the first `limit` rows overall. The terms arrive sorted, so PostgreSQL sorts the rows
#    incrementally, one term at a time, and stops once it has `limit`: at a million residents
#    that is the first term or two (a hundred residents each), not all twenty. The `%` test
#    sits in step 2 on purpose: as a filter on step 1 it made the planner expect one term,
#    and with one term it sorted all rows instead (EXPLAIN at 1M: 59 ms → 2.4 ms).
# {criteria} adds the other criteria (birth date, postcode, house number, BSN) to step 2.
NAME_SEARCH_SQL = """
SELECT r.id
  FROM (SELECT term, similarity(term, %(guess)s) AS sim
          FROM (SELECT term FROM residents_surnameterm
                 ORDER BY term <-> %(guess)s
                 LIMIT %(terms)s) AS nearest
         ORDER BY sim DESC, term) AS t
 CROSS JOIN LATERAL (
       SELECT r.id, r.surname, r.given_names, similarity(r.given_names, %(given)s) AS given_sim
         FROM residents_resident r
         {join}
        WHERE UPPER(r.surname) = t.term AND t.term %% %(guess)s {criteria}
        ORDER BY given_sim DESC, r.surname, r.given_names
        LIMIT %(limit)s) AS r
 ORDER BY t.sim DESC, t.term, r.given_sim DESC, r.surname, r.given_names
 LIMIT %(limit)s
"""


def _name_search_ids(*, guess: str, given: str, limit: int, criteria: dict) -> list[int]:
    """Ids of the residents the PostgreSQL name search finds, best first (NAME_SEARCH_SQL)."""
    from django.db import connection

    columns = {
        "bsn_hash": "r.bsn_hash",
        "birth_date": "r.birth_date",
        "postcode": "h.postcode",
        "house_number": "h.house_number",
    }
    used = {key: value for key, value in criteria.items() if value not in (None, "")}
    sql = NAME_SEARCH_SQL.format(
        join="JOIN residents_household h ON h.id = r.household_id" if {"postcode", "house_number"} & set(used) else "",
        criteria="".join(f" AND {columns[key]} = %({key})s" for key in used),
    )
    params = {"guess": guess, "given": given, "terms": SURNAME_TERMS, "limit": limit, **used}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


# What a search lists of a candidate: its name, birth date and address. Whole rows of up to 51
# residents and their households cost more to turn into objects than the search itself.
CANDIDATE_COLUMNS = (
    "given_names",
    "surname_prefix",
    "surname",
    "birth_date",
    "household",
    "household__street",
    "household__house_number",
    "household__house_number_addition",
    "household__postcode",
)
# What the search says of a candidate's case: the team that knows it, since when and who.
CASE_COLUMNS = (
    "household",
    "reference",
    "phase",
    "opened_at",
    "closed_at",
    "team",
    "team__name",
    "contact_person",
    "contact_person__first_name",
    "contact_person__last_name",
    "contact_person__username",
)


def resident_search(
    *,
    name: str = "",
    birth_date: date | None = None,
    postcode: str = "",
    house_number: int | None = None,
    bsn: str = "",
    limit: int,
) -> list[Resident]:
    """Up to `limit` candidates for a search, best first, unfiltered by access (the caller
    splits them into results the user may open and "known to team X" lines).

    Name: typo-tolerant on PostgreSQL: the surname proper is compared by trigram with the
    surname vocabulary (SurnameTerm, some thousands of rows even at a million residents), and
    the residents of the closest SURNAME_TERMS terms are fetched by the B-tree on
    UPPER(surname); hits are ordered by similarity, a given name first ("Jan de Vries")
    ordering within (NAME_SEARCH_SQL). On SQLite a plain prefix/substring match. Criteria
    combine with AND.
    """
    from django.db import connection

    bsn_hash = ""
    if bsn:
        digits = "".join(ch for ch in bsn if ch.isdigit()).zfill(9)
        bsn_hash = crypto.lookup_hash(digits)
    name = " ".join(name.split())
    related = Resident.objects.select_related("household").only(*CANDIDATE_COLUMNS)
    if name and connection.vendor == "postgresql":
        _prefix, proper = split_surname(name)
        words = proper.split()
        criteria = {"bsn_hash": bsn_hash, "birth_date": birth_date, "postcode": postcode, "house_number": house_number}
        ids = _name_search_ids(
            guess=(words[-1] if words else proper).upper(),
            given=words[0] if len(words) > 1 else "",
            limit=limit,
            criteria=criteria,
        )
        found = related.in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]
    qs = related
    if bsn_hash:
        qs = qs.filter(bsn_hash=bsn_hash)
    if birth_date:
        qs = qs.filter(birth_date=birth_date)
    if postcode:
        qs = qs.filter(household__postcode=postcode)
    if house_number:
        qs = qs.filter(household__house_number=house_number)
    if name:
        _prefix, proper = split_surname(name)
        words = proper.split()
        surname_guess = words[-1] if words else proper
        q = Q(surname__icontains=proper) | Q(surname__istartswith=surname_guess[:3])
        if len(words) > 1:
            q |= Q(given_names__icontains=words[0]) & Q(surname__icontains=surname_guess)
        qs = qs.filter(q)
    return list(qs.order_by("surname", "given_names")[:limit])


SEARCH_LIMIT = 50


def resident_search_for_user(user, **criteria) -> dict:
    """Search within the access policy. Returns
    {"results": [(resident, case)], "known_elsewhere": [case], "no_case": count, "truncated": bool}:
    residents whose household has a case in the user's scope come with that case; for the rest
    only which team knows them, the contact person and since when."""
    candidates = resident_search(**criteria, limit=SEARCH_LIMIT + 1)
    truncated = len(candidates) > SEARCH_LIMIT
    candidates = candidates[:SEARCH_LIMIT]
    household_ids = {r.household_id for r in candidates if r.household_id}
    visible_households = set(
        Household.objects.filter(household_scope_q(user), pk__in=household_ids).values_list("pk", flat=True)
    )
    cases_by_household: dict[int, list] = {}
    if household_ids:
        from django.apps import apps

        case_model = apps.get_model("cases", "Case")
        for case in (
            case_model.objects.filter(household_id__in=household_ids)
            .select_related("team", "contact_person")
            .only(*CASE_COLUMNS)
            .order_by("closed_at", "-opened_at")  # open cases first (NULLs), newest first
        ):
            cases_by_household.setdefault(case.household_id, []).append(case)
    results, elsewhere, seen_elsewhere, no_case = [], [], set(), 0
    for resident in candidates:
        cases = cases_by_household.get(resident.household_id, [])
        if resident.household_id in visible_households:
            results.append((resident, cases[0] if cases else None))
        elif cases:
            case = cases[0]
            if case.pk not in seen_elsewhere:
                seen_elsewhere.add(case.pk)
                elsewhere.append(case)
        else:
            no_case += 1
    return {"results": results, "known_elsewhere": elsewhere, "no_case": no_case, "truncated": truncated}
