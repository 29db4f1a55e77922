import pytest

from nabij.cases.tests.factories import CaseFactory


@pytest.fixture
def privacy_officer(make_user, team):
    return make_user("privacy_officer", team, username="test-privacy")


@pytest.fixture
def case(team, worker):
    return CaseFactory(team=team, contact_person=worker)
