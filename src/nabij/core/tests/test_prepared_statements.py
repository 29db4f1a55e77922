"""On PostgreSQL the ORM's statements are bound by the server and prepared after their fifth
use on a connection (settings: DB_PREPARE_THRESHOLD), so repeated page queries skip parsing
and planning. SQLite has no such thing; the check runs in CI's PostgreSQL pass."""

import pytest
from django.db import connection

from nabij.accounts.models import Team

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"),
]


def prepared_executions(table: str) -> int:
    """How often the statements prepared on this connection that read `table` were run."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(generic_plans + custom_plans), 0) FROM pg_prepared_statements "
            "WHERE NOT from_sql AND statement LIKE %s",
            [f'%FROM "{table}"%'],
        )
        return cursor.fetchone()[0]


def test_a_query_used_again_and_again_is_prepared_and_reused():
    team = Team.objects.create(name="Synthetisch team voor de prepared-statement-test")
    for _ in range(10):
        # The same statement text with a different parameter each time, as on a page.
        assert Team.objects.filter(pk=team.pk).values_list("name", flat=True).get() == team.name

    assert connection.features.uses_server_side_binding
    # Prepared on its fifth use, then executed from the prepared statement: the rest of the ten.
    assert prepared_executions("accounts_team") >= 5


def test_parameters_are_not_pasted_into_the_sql_text():
    names = ["Synthetisch team A", "Synthetisch team B"]
    Team.objects.bulk_create([Team(name=name) for name in names])
    for _ in range(6):
        for name in names:
            assert Team.objects.filter(name=name).exists()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT statement FROM pg_prepared_statements WHERE NOT from_sql AND statement LIKE %s",
            ['%FROM "accounts_team" WHERE%"name"%'],
        )
        statements = [row[0] for row in cursor.fetchall()]
    # One statement with a placeholder served both names; no name is in a statement's text.
    assert len(statements) == 1
    assert "$1" in statements[0]
    assert "Synthetisch" not in statements[0]
