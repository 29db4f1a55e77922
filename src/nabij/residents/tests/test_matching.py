from datetime import date

import pytest

from nabij.residents.selectors import resident_match_queryset, split_surname
from nabij.residents.tests.factories import HouseholdFactory, ResidentFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text, expected",
    [
        ("van den Berg", ("van den", "Berg")),
        ("Jansen", ("", "Jansen")),
        ("de Vries", ("de", "Vries")),
        ("Van", ("", "Van")),
    ],
)
def test_split_surname(text, expected):
    assert split_surname(text) == expected


def test_matches_on_surname_and_birth_date_bsn_and_address():
    household = HouseholdFactory(postcode="3261 AB", house_number=12)
    resident = ResidentFactory(
        surname="Berg", surname_prefix="van den", birth_date=date(1950, 3, 4), household=household
    )
    resident.set_bsn("111222333")
    resident.save()
    ResidentFactory(surname="Anders", birth_date=date(1950, 3, 4))
    assert list(resident_match_queryset(surname="van den Berg", birth_date=date(1950, 3, 4))) == [resident]
    assert list(resident_match_queryset(bsn="111222333")) == [resident]
    assert list(resident_match_queryset(surname="Berg", postcode="3261 AB", house_number=12)) == [resident]
    assert not resident_match_queryset(surname="Berg", birth_date=date(1951, 3, 4)).exists()
    assert not resident_match_queryset().exists()
