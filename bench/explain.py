"""EXPLAIN (ANALYZE) of every query the main screens run (the reads bench/probe.py recorded,
posts included), and of the privacy officer's audit log searches (one per filter), against a
loaded database (DATABASE_URL). Prints the plans of the slowest
ones and exits 1 if any query reads a large table (>= EXPLAIN_MIN_ROWS rows, default 50,000)
with a sequential scan, or if any scan of such a table reads more than EXPLAIN_MAX_SCAN_ROWS
rows (default 2,000) even through an index: a result that grows with the data.

Then the same checks on the generic plans: on PostgreSQL the ORM's statements are prepared
(settings: DB_PREPARE_THRESHOLD), and a prepared statement may be run with a plan made
without its parameters' values. Each parametrised read is PREPAREd under
`plan_cache_mode = force_generic_plan` and explained with EXECUTE, so a generic plan that
would scan a large table fails the run too.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nabij_bench_1000000 .venv/bin/python bench/explain.py
"""

import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nabij.settings")

import django  # noqa: E402

django.setup()

import probe  # noqa: E402
from django.db import connection  # noqa: E402
from psycopg import sql as pgsql  # noqa: E402

from nabij.accounts.models import User  # noqa: E402
from nabij.scale.explain import large_tables, scan_rows, seq_scans, wide_reads  # noqa: E402

MIN_ROWS = int(os.environ.get("EXPLAIN_MIN_ROWS", "50000"))
MAX_SCAN_ROWS = int(os.environ.get("EXPLAIN_MAX_SCAN_ROWS", "2000"))
SHOW = int(os.environ.get("EXPLAIN_SHOW", "8"))


def numbered(sql: str, params: tuple | dict) -> tuple[str, list]:
    """Django's placeholders (%s, or %(name)s for a dict) as PREPARE's $1, $2, ... (and %%
    as %), with the values in that order."""
    values, names = [], {}

    def number(match: re.Match) -> str:
        if match.group(0) == "%%":
            return "%"
        if match.group(1) is None:
            values.append(params[len(values)])
            return f"${len(values)}"
        if match.group(1) not in names:
            values.append(params[match.group(1)])
            names[match.group(1)] = len(values)
        return f"${names[match.group(1)]}"

    return re.sub(r"%%|%\((\w+)\)s|%s", number, sql), values


def explain_generic() -> tuple[list, list]:
    """(screen, sql, plan json, plan text) of each distinct parametrised read under its
    generic plan, and (screen, sql, error) for the reads PostgreSQL cannot prepare alone."""
    explained, failed, seen = [], [], set()
    raw = connection.connection
    with connection.cursor() as cursor:
        cursor.execute("SET plan_cache_mode = force_generic_plan")
        try:
            for name, reads in probe.BOUND_READS.items():
                for sql, params in reads:
                    if sql in seen:
                        continue
                    seen.add(sql)
                    text_sql, values = numbered(sql, params)
                    literals = ", ".join(pgsql.Literal(value).as_string(raw) for value in values)
                    try:
                        cursor.execute("PREPARE nabij_generic AS " + text_sql)
                    except Exception as error:  # noqa: BLE001 (reported, not fatal)
                        failed.append((name, sql, str(error).splitlines()[0]))
                        continue
                    try:
                        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE nabij_generic({literals})")
                        plan = cursor.fetchone()[0]
                        plan = json.loads(plan) if isinstance(plan, str) else plan
                        cursor.execute(f"EXPLAIN (ANALYZE) EXECUTE nabij_generic({literals})")
                        text = "\n".join(row[0] for row in cursor.fetchall())
                        explained.append((name, sql, plan, text))
                    finally:
                        cursor.execute("DEALLOCATE nabij_generic")
        finally:
            cursor.execute("RESET plan_cache_mode")
    return explained, failed


def audit_search_reads(worker: str) -> dict:
    """The privacy officer's audit log, searched once per filter (its reads, as a screen):
    the log outgrows every other table at city scale, so each filter must read only its own
    events. The synthetic data has no privacy officer; one is added to the first team."""
    from urllib.parse import urlencode

    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    from nabij.accounts.models import Membership, Role, Team
    from nabij.audit.models import AuditEvent

    officer, created = User.objects.get_or_create(
        username="schaal-fg", defaults={"first_name": "Synthetisch", "last_name": "Privacyfunctionaris"}
    )
    if created:
        Membership.objects.create(user=officer, team=Team.objects.order_by("id").first(), role=Role.PRIVACY_OFFICER)
    with_resident = AuditEvent.objects.filter(resident_id__isnull=False).order_by("-id")
    today = timezone.localdate().strftime("%d-%m-%Y")
    searches = [
        {},
        {"user": worker},
        {"user": worker, "date_from": today},
        {"resident_id": with_resident.values_list("resident_id", flat=True).first()},
        {"event_type": "auth."},
        {"action": "E"},
        {"outcome": "denied"},
        {"date_to": "01-01-2020"},
    ]
    client = Client()
    client.force_login(officer)
    reads = []
    for search in searches:
        with CaptureQueriesContext(connection) as ctx:
            client.get(f"{reverse('privacy:audit_log')}?{urlencode(search)}")
        reads.append([q["sql"] for q in ctx.captured_queries if probe.is_plain_read(q["sql"])])
    return {"name": "audit log search", "reads": reads}


def main() -> int:
    username = User.objects.filter(username__startswith="schaal-w").order_by("id").values_list("username", flat=True)[0]
    sys.argv[1:] = [username]
    data = probe.main()
    data["screens"].append(audit_search_reads(username))
    with connection.cursor() as cursor:
        large = large_tables(cursor, min_rows=MIN_ROWS)
    print(f"Large tables (>= {MIN_ROWS:,} rows): {', '.join(sorted(large))}")
    failures, timed, widest = [], [], 0
    for screen in data["screens"]:
        for sql in dict.fromkeys(sql for reads in screen["reads"] for sql in reads):
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
                plan = cursor.fetchone()[0]
                plan = json.loads(plan) if isinstance(plan, str) else plan
                cursor.execute("EXPLAIN (ANALYZE) " + sql)
                text = "\n".join(row[0] for row in cursor.fetchall())
            timed.append((plan[0]["Execution Time"], screen["name"], sql, text))
            for table in seq_scans(plan, large):
                failures.append((screen["name"], f"SEQ SCAN on {table}", sql, text))
            for read in wide_reads(plan, large, max_rows=MAX_SCAN_ROWS):
                failures.append((screen["name"], f"WIDE READ {read}", sql, text))
            widest = max([widest, *(rows for rows, node in scan_rows(plan) if node.get("Relation Name") in large)])
    generic, unpreparable = explain_generic()
    for name, sql, plan, text in generic:
        for table in seq_scans(plan, large):
            failures.append((name, f"GENERIC PLAN SEQ SCAN on {table}", sql, text))
        for read in wide_reads(plan, large, max_rows=MAX_SCAN_ROWS):
            failures.append((name, f"GENERIC PLAN WIDE READ {read}", sql, text))
        widest = max([widest, *(rows for rows, node in scan_rows(plan) if node.get("Relation Name") in large)])
    print(f"{len(generic)} parametrised reads explained with their generic plan", end="")
    print(f"; {len(unpreparable)} could not be prepared on their own:" if unpreparable else ".")
    for name, sql, error in unpreparable:
        print(f"  {name}: {error} | {sql[:200]}")
    generic.sort(key=lambda item: item[2][0]["Execution Time"], reverse=True)
    for name, sql, plan, text in generic[:3]:
        print(f"--- generic plan, {name}: {plan[0]['Execution Time']:.2f} ms\n{sql[:600]}\n{text}\n")
    timed.sort(reverse=True)
    print(f"\n{len(timed)} queries explained; the {SHOW} slowest:\n")
    for ms, name, sql, text in timed[:SHOW]:
        print(f"--- {name}: {ms:.2f} ms\n{sql[:600]}\n{text}\n")
    for name, what, sql, text in failures:
        print(f"{what} ({name}):\n{sql[:600]}\n{text}\n")
    print(f"Most rows one scan of a large table read: {widest:,.0f} (limit {MAX_SCAN_ROWS:,})")
    print(
        "FAIL: sequential scans on large tables or wide reads"
        if failures
        else "OK: no sequential scans on large tables, no scan reads more than the limit"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
