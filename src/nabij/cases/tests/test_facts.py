"""The facts the phase checklists derive from (cases.selectors.case_facts), read in one
hand-written statement: each fact false on an empty case and true once what it names exists,
with the consent rules (the case's own or the household's, valid, not withdrawn, per purpose)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from nabij.cases import selectors
from nabij.cases.models import CaseEvent, Deviation, Involvement, Phase
from nabij.cases.tests.factories import CaseFactory, ContactMomentFactory
from nabij.consent.models import Consent
from nabij.residents.tests.factories import NetworkMemberFactory, ResidentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(team):
    return CaseFactory(team=team, phase=Phase.CLARIFICATION)


def consent(case, worker, *, purpose="open_dossier", on_case=True, resident=None, **extra):
    return Consent.objects.create(
        resident=resident or case.primary_resident,
        case=case if on_case else None,
        purpose=purpose,
        form="signed",
        given_at=date(2026, 1, 1),
        recorded_by=worker,
        **extra,
    )


def true_facts(case) -> set[str]:
    facts = selectors.case_facts(case.pk)
    assert set(facts) == set(selectors.fact_names())
    assert all(value is True or value is False for value in facts.values())
    return {name for name, value in facts.items() if value}


def test_an_empty_case_has_no_facts_and_a_missing_case_none(case):
    assert true_facts(case) == set()
    assert selectors.case_facts(0) == {}


@pytest.mark.parametrize(
    "fact",
    ["has_contact_person", "has_contact_moment", "has_network", "has_involvement", "has_letter", "has_watch_date"],
)
def test_each_fact_turns_true_on_its_own(case, worker, fact):
    if fact == "has_contact_person":
        case.contact_person = worker
        case.save()
    elif fact == "has_contact_moment":
        ContactMomentFactory(case=case, author=worker)
    elif fact == "has_network":
        NetworkMemberFactory(household=case.household, ended_at=date(2026, 1, 1))  # ended: not counted
        assert true_facts(case) == set()
        NetworkMemberFactory(household=case.household)
    elif fact == "has_involvement":
        Involvement.objects.create(case=case, kind=Involvement.Kind.choices[0][0], organisation="Fictieve GGZ")
    elif fact == "has_letter":
        CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.NOTE, occurred_at=timezone.now(), summary="Notitie")
        assert true_facts(case) == set()
        CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.LETTER, occurred_at=timezone.now(), summary="Brief")
    elif fact == "has_watch_date":
        case.watch_next_checkin = date(2027, 1, 1)
        case.save()
    assert true_facts(case) == {fact}


def test_another_households_network_and_another_cases_contact_do_not_count(case, team, worker):
    other = CaseFactory(team=team)
    NetworkMemberFactory(household=other.household)
    ContactMomentFactory(case=other, author=worker)
    assert true_facts(case) == set()


def test_dossier_consent_of_the_case_or_its_household_while_valid(case, team, worker):
    today = timezone.localdate()
    expired = consent(case, worker, valid_until=today - timedelta(days=1))
    withdrawn = consent(case, worker, withdrawn_at=timezone.now())
    other_case = consent(CaseFactory(team=team), worker)
    assert true_facts(case) == set()
    assert expired.pk and withdrawn.pk and other_case.pk
    household_member = ResidentFactory(household=case.household)
    consent(case, worker, on_case=False, resident=household_member, valid_until=today)
    assert true_facts(case) == {"has_dossier_consent"}


def test_a_household_consent_of_another_case_does_not_count_as_this_ones(case, team, worker):
    """Given for a case of its own, a consent is that case's, not the household's."""
    sibling = CaseFactory(  # an earlier case of the household, closed (one open case per household)
        team=team, household=case.household, primary_resident=case.primary_resident, closed_at=timezone.now()
    )
    consent(sibling, worker)
    assert true_facts(case) == set()
    assert true_facts(sibling) == {"has_dossier_consent"}


def test_exchange_consent_only_on_the_case_itself(case, worker):
    consent(case, worker, purpose="exchange", on_case=False)
    assert true_facts(case) == set()
    consent(case, worker, purpose="exchange")
    assert true_facts(case) == {"has_exchange_consent"}


def test_open_deviations_with_facts(case, team, worker):
    other = CaseFactory(team=team)
    phases = {"from_phase": Phase.CLARIFICATION, "to_phase": Phase.PLANNING, "justification": "x"}
    first = Deviation.objects.create(case=case, result_key="network_mapped", **phases)
    Deviation.objects.create(case=case, result_key="first_contact", resolved_at=timezone.now(), **phases)
    Deviation.objects.create(case=other, result_key="life_domains", **phases)
    NetworkMemberFactory(household=case.household)
    rows = selectors.open_deviations_with_facts([case.pk, other.pk])
    assert [(row["case_id"], row["result_key"]) for row in rows] == [
        (case.pk, first.result_key),
        (other.pk, "life_domains"),
    ]
    assert rows[0]["has_network"] is True and rows[1]["has_network"] is False
    assert selectors.open_deviations_with_facts([]) == []
