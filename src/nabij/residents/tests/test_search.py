"""Search: within the access policy, "known to team X" outside it, audited without search terms."""

from datetime import date

import pytest
from django.test import override_settings
from django.urls import path, reverse

from nabij.audit.models import AuditEvent
from nabij.cases.tests.factories import CaseFactory
from nabij.residents.models import SurnameTerm
from nabij.residents.tests.factories import HouseholdFactory, ResidentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mine(team, worker):
    resident = ResidentFactory(
        given_names="Johanna", surname_prefix="van der", surname="Heuvel", birth_date=date(1950, 4, 2)
    )
    resident.household.postcode = "3262 AB"
    resident.household.house_number = 14
    resident.household.save()
    resident.set_bsn("111222333")
    resident.save()
    CaseFactory(primary_resident=resident, team=team, contact_person=worker)
    return resident


@pytest.fixture
def elsewhere(other_team, other_worker):
    resident = ResidentFactory(given_names="Karel", surname="Heuvel", birth_date=date(1961, 1, 9))
    return CaseFactory(primary_resident=resident, team=other_team, contact_person=other_worker)


def _search(client, **params):
    return client.get(reverse("residents:search"), params)


def test_find_by_surname_proper_with_prefix(client_for, worker, mine):
    body = _search(client_for(worker), naam="van der Heuvel").content.decode()
    assert "Heuvel, Johanna van der" in body
    assert reverse("cases:detail", args=[mine.household.cases.get().pk]) in body


@pytest.mark.parametrize(
    "params",
    [
        {"geboortedatum": "2-4-1950"},
        {"postcode": "3262ab", "huisnummer": "14"},
        {"bsn": "111222333"},
    ],
)
def test_find_by_other_criteria(client_for, worker, mine, params):
    assert "Heuvel, Johanna van der" in _search(client_for(worker), **params).content.decode()


def test_typo_tolerance(client_for, worker, mine, db_vendor):
    body = _search(client_for(worker), naam="Heuvell").content.decode()
    # PostgreSQL: trigram similarity; SQLite: the plain fallback matches on the first letters.
    assert "Heuvel, Johanna van der" in body


def test_surname_vocabulary_follows_residents():
    resident = ResidentFactory(surname="Wapmawerf")
    assert SurnameTerm.objects.filter(term="WAPMAWERF").exists()
    resident.surname = "Trodekes"
    resident.save()
    assert SurnameTerm.objects.filter(term="TRODEKES").exists()


def test_swapped_letters_find_the_closest_surname_only(client_for, worker, team, db_vendor):
    """PostgreSQL: by trigram against the surname vocabulary; a surname sharing only the first
    letters stays out. SQLite: the plain fallback, on the first letters."""
    for surname in ("Trodekes", "Trodamop"):
        CaseFactory(primary_resident=ResidentFactory(surname=surname), team=team, contact_person=worker)
    body = _search(client_for(worker), naam="Trodekse").content.decode()
    assert "Trodekes" in body
    if db_vendor == "postgresql":
        assert "Trodamop" not in body


def test_outside_scope_only_known_to_team(client_for, worker, mine, elsewhere):
    body = _search(client_for(worker), naam="Heuvel").content.decode()
    assert "Karel" not in body and "9-1-1961" not in body
    assert f"Bekend bij {elsewhere.team.name}" in body
    assert elsewhere.contact_person.get_full_name() in body
    assert f'href="{reverse("cases:detail", args=[elsewhere.pk])}"' not in body


def _fake_emergency(request, case_id):  # pragma: no cover - only reversed, never called
    raise AssertionError


class PrivacyUrls:
    from django.urls import include

    import nabij.urls as _root

    urlpatterns = [
        path("x/", include(([path("nood/<int:case_id>/", _fake_emergency, name="emergency_access")], "privacy"))),
        *_root.urlpatterns,
    ]


@override_settings(ROOT_URLCONF=PrivacyUrls)
def test_emergency_link_when_privacy_builds_it(client_for, worker, elsewhere):
    body = _search(client_for(worker), naam="Heuvel").content.decode()
    assert "Noodtoegang aanvragen" in body
    assert reverse("privacy:emergency_access", args=[elsewhere.pk]) in body


def test_resident_without_case_is_only_counted(client_for, worker):
    ResidentFactory(given_names="Zonder", surname="Dossierman", household=HouseholdFactory())
    body = _search(client_for(worker), naam="Dossierman").content.decode()
    assert "Zonder" not in body and "heeft geen casus" in body


def test_search_is_audited_without_terms(client_for, worker, mine):
    _search(client_for(worker), naam="Heuvel", bsn="111222333")
    event = AuditEvent.objects.get(event_type="resident.search")
    assert event.details["criteria"] == ["bsn", "naam"]
    assert "Heuvel" not in str(event.details) and "111222333" not in str(event.details)


def test_invalid_search_explains(client_for, worker):
    body = _search(client_for(worker), bsn="123456789", postcode="12").content.decode()
    assert "Dit is geen geldig BSN" in body and "Vul een postcode in zoals 1234 AB." in body
    body = _search(client_for(worker), naam="").content.decode()
    assert "Vul minstens één zoekgegeven in" in body


@pytest.mark.parametrize("role", ["analyst", "privacy_officer", "functional_admin"])
def test_search_forbidden_without_permission(client_for, make_user, team, role):
    assert client_for(make_user(role, team)).get(reverse("residents:search")).status_code == 403


def _search_with_one_and_31(client, surname, add_case, assert_max_num_queries):
    """Search `surname` with one matching case and again with 31 (`add_case()` adds one): the
    second page's body and the queries each search sent."""
    add_case()
    _search(client, naam=surname)  # warm the session and the caches
    with assert_max_num_queries(20) as one:
        _search(client, naam=surname)
    for _ in range(30):
        add_case()
    with assert_max_num_queries(20) as many:
        body = _search(client, naam=surname).content.decode()
    return body, one.captured_queries, many.captured_queries


def test_search_query_count_fixed(client_for, worker, team, django_assert_max_num_queries):
    def add_case():
        CaseFactory(primary_resident=ResidentFactory(surname="Veelvoud"), team=team)

    body, one, many = _search_with_one_and_31(client_for(worker), "Veelvoud", add_case, django_assert_max_num_queries)
    assert body.count("Veelvoud, ") == 31
    assert len(one) == len(many)


def test_given_name_and_surname(client_for, worker, mine, team):
    CaseFactory(primary_resident=ResidentFactory(given_names="Pieter", surname="Heuvel"), team=team)
    body = _search(client_for(worker), naam="Johanna Heuvel").content.decode()
    assert body.index("Heuvel, Johanna van der") < body.index("Heuvel, Pieter") if "Pieter" in body else True
    assert "Heuvel, Johanna van der" in body


# --- The selector: order, limit and criteria of the name search ----------------------------


def _names(residents):
    return [f"{r.given_names} {r.surname}" for r in residents]


def test_name_search_closest_surname_first_then_given_name(db_vendor):
    from nabij.residents.selectors import resident_search

    for given, surname in (("Anna", "Trodekes"), ("Bert", "Trodekes"), ("Bert", "Trodekas"), ("Cor", "Wapmawerf")):
        ResidentFactory(given_names=given, surname=surname)
    found = _names(resident_search(name="Bert Trodekes", limit=10))
    assert "Cor Wapmawerf" not in found
    if db_vendor == "postgresql":
        # The exact surname before the one a letter off; within it the given name decides.
        assert found == ["Bert Trodekes", "Anna Trodekes", "Bert Trodekas"]
    else:  # the plain fallback: alphabetical
        assert set(found) >= {"Anna Trodekes", "Bert Trodekes"}


def test_name_search_stops_at_the_limit_best_first(db_vendor):
    from nabij.residents.selectors import resident_search

    for n in range(12):
        ResidentFactory(given_names=f"Kind{n:02d}", surname="Veelvoud")
    ResidentFactory(given_names="Ouder", surname="Veelvoudt")
    found = resident_search(name="Veelvoud", limit=5)
    assert len(found) == 5
    assert {r.surname for r in found} == {"Veelvoud"}
    assert _names(found) == [f"Kind{n:02d} Veelvoud" for n in range(5)]


@pytest.mark.parametrize(
    "criteria",
    [{"birth_date": date(1950, 4, 2)}, {"postcode": "3262 AB", "house_number": 14}, {"bsn": "111222333"}],
)
def test_name_search_combines_with_other_criteria(mine, criteria):
    from nabij.residents.selectors import resident_search

    namesake = ResidentFactory(given_names="Johanna", surname="Heuvel", birth_date=date(1987, 6, 5))
    namesake.household.postcode = "3299 ZZ"
    namesake.household.house_number = 2
    namesake.household.save()
    assert {r.pk for r in resident_search(name="Heuvel", limit=10)} == {mine.pk, namesake.pk}
    assert [r.pk for r in resident_search(name="Heuvel", limit=10, **criteria)] == [mine.pk]


def test_search_page_says_when_there_are_more(client_for, worker, team):
    from nabij.residents.selectors import SEARCH_LIMIT

    household = HouseholdFactory()
    for n in range(SEARCH_LIMIT + 1):
        ResidentFactory(given_names=f"Kind{n:02d}", surname="Veelvoud", household=household)
    CaseFactory(primary_resident=household.members.first(), team=team, contact_person=worker)
    body = _search(client_for(worker), naam="Veelvoud").content.decode()
    assert body.count("Veelvoud, ") == SEARCH_LIMIT
    assert "Er zijn meer treffers dan getoond" in body


def test_known_elsewhere_line_says_team_date_person_and_closed(client_for, worker, other_team, other_worker):
    """The line is built in the view (residents.views._known_elsewhere_line): the date in Dutch
    time as the template's |date gave it, names escaped once, the closed marker, in English too."""
    from datetime import UTC, datetime

    from nabij.cases.models import Case

    other_team.name = "Wijkteam Oost & Zuid"
    other_team.save()
    case = CaseFactory(primary_resident=ResidentFactory(surname="Heuvel"), team=other_team, contact_person=other_worker)
    # 23:30 UTC on 31 January is already 1 February in the Netherlands.
    Case.objects.filter(pk=case.pk).update(
        opened_at=datetime(2024, 1, 31, 23, 30, tzinfo=UTC), closed_at=datetime(2024, 6, 1, 12, tzinfo=UTC)
    )
    client = client_for(worker)
    person = other_worker.get_full_name() or other_worker.username
    body = _search(client, naam="Heuvel").content.decode()
    assert f"Bekend bij Wijkteam Oost &amp; Zuid sinds 1-2-2024, contactpersoon {person} (gesloten)." in body
    client.cookies["django_language"] = "en"
    body = _search(client, naam="Heuvel").content.decode()
    assert f"Known to Wijkteam Oost &amp; Zuid since 1-2-2024, contact person {person} (closed)." in body


def test_known_elsewhere_query_count_fixed(client_for, worker, other_team, other_worker, django_assert_max_num_queries):
    """The cases outside scope are read with only the columns the line shows: no per-line reads."""

    def add_case():
        CaseFactory(primary_resident=ResidentFactory(surname="Elders"), team=other_team, contact_person=other_worker)

    body, one, many = _search_with_one_and_31(client_for(worker), "Elders", add_case, django_assert_max_num_queries)
    assert body.count("Bekend bij Wijkteam Test-Zuid") == 31
    assert len(one) == len(many)
