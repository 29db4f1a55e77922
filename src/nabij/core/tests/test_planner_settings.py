"""On PostgreSQL each connection tells the planner that a page read out of order costs 1.1
sequential reads (settings: DB_RANDOM_PAGE_COST), as on the SSDs Nabij runs on: with the
default of 4 the team-scoped API lists read whole tables (docs/decisions/0007). SQLite has no
such setting; the connection check runs in CI's PostgreSQL pass, the settings check in both."""

import dj_database_url
import pytest
from django.db import connection


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL connection's planner setting")
def test_each_connection_prices_random_reads_as_on_an_ssd():
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert float(cursor.fetchone()[0]) == 1.1


def test_the_database_url_keeps_its_own_options(monkeypatch):
    """sslmode and the like from DATABASE_URL survive next to the planner and prepare options
    (the settings module read with a PostgreSQL URL, whatever database the tests run on)."""
    import importlib

    import nabij.settings

    url = dj_database_url.parse("postgres://u@h:5432/d?sslmode=require")
    monkeypatch.setattr(dj_database_url, "parse", lambda *args, **kwargs: dict(url))
    try:
        reloaded = importlib.reload(nabij.settings)
        options = reloaded.DATABASES["default"]["OPTIONS"]
        assert options["sslmode"] == "require"
        assert options["options"] == "-c random_page_cost=1.1" and options["prepare_threshold"] == 5
    finally:
        monkeypatch.undo()
        importlib.reload(nabij.settings)
