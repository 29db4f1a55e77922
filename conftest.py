"""Shared pytest fixtures. App-specific factories live in each app's tests/factories.py."""

import pytest
from django.db import connection


def pytest_report_header(config):
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    vendor = {"sqlite3": "sqlite", "postgresql": "postgresql"}.get(engine, engine)
    return [f"database: {vendor}"]


@pytest.fixture(autouse=True)
def default_language_after_each_test():
    """Every test starts in the default language (Dutch). The language middleware activates a
    request's language on the thread, as Django's does, and leaves it there; a test whose
    request asked for English made the next test's service messages English (tests run in
    random order: seen with --randomly-seed=2913587305)."""
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Let the throw-away test database empty the audit table between transactional tests.

    Django flushes with TRUNCATE on PostgreSQL and DELETE on SQLite; the audit triggers refuse
    both unless permitted. The refusal tests withdraw the SQLite permit inside their own
    transaction, so the trigger itself is still tested as production has it.
    """
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            name = connection.settings_dict["NAME"]
            cursor.execute(f"ALTER DATABASE \"{name}\" SET nabij.audit_truncate = 'on'")
            cursor.execute("SET nabij.audit_truncate = 'on'")
        elif connection.vendor == "sqlite":
            cursor.execute("INSERT OR IGNORE INTO audit_purge_permit (id) VALUES (1)")


@pytest.fixture
def team(db):
    from nabij.accounts.tests.factories import TeamFactory

    return TeamFactory(name="Wijkteam Test-Noord")


@pytest.fixture
def other_team(db):
    from nabij.accounts.tests.factories import TeamFactory

    return TeamFactory(name="Wijkteam Test-Zuid")


@pytest.fixture
def make_user(db):
    """make_user(role, team) → a user with that role in that team (password 'test-wachtwoord-lang')."""
    from nabij.accounts.tests.factories import MembershipFactory, UserFactory

    def _make(role=None, team=None, **kwargs):
        user = UserFactory(**kwargs)
        if role is not None:
            MembershipFactory(user=user, role=role, **({"team": team} if team is not None else {}))
        return user

    return _make


@pytest.fixture
def worker(make_user, team):
    return make_user("worker", team, username="test-werker")


@pytest.fixture
def coordinator(make_user, team):
    return make_user("coordinator", team, username="test-coordinator")


@pytest.fixture
def other_worker(make_user, other_team):
    return make_user("worker", other_team, username="test-werker-zuid")


@pytest.fixture
def client_for(client):
    """client_for(user) → the test client logged in as user (second factor satisfied)."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def db_vendor(db):
    return connection.vendor
