"""The raw-SQL twins served over HTTP: a bare WSGI app (no Django, no ORM, no templates, no
session, no access policy, no audit event) that runs exactly the statements of
bench/sql/worklist.sql or dossier.sql for one id and writes the rows as a plain HTML table.

run.py serves it with the same gunicorn settings as Nabij and drives it with the same wrk
connections, so "page ÷ HTTP twin" shows what the product adds to the database's work, and
"HTTP twin ÷ pgbench twin" shows what any page pays for HTTP and Python on this machine,
before it does anything of its own. Bench only: it reads residents' data without the access
policy and is never part of the product (nothing in src/ imports or routes to it).

Paths: /worklist/<worker id> and /dossier/<case id>. Database: TWIN_DATABASE_URL.
"""

import html
import os
import re
import threading
from pathlib import Path

import psycopg

SQL_DIR = Path(__file__).resolve().parent / "sql"
_local = threading.local()


def statements(name: str) -> list[str]:
    """The twin's statements as pgbench runs them, with its `:w` / `:c` variable as a
    psycopg parameter; comments and pgbench meta-commands (\\set) left out."""
    lines = [line for line in (SQL_DIR / f"{name}.sql").read_text().splitlines() if not line.startswith(("--", "\\"))]
    text = re.sub(r":(w|c)\b", r"%(\1)s", "\n".join(lines))
    return [sql.strip() for sql in text.split(";") if sql.strip()]


TWINS = {"worklist": ("w", statements("worklist")), "dossier": ("c", statements("dossier"))}


def _connection() -> psycopg.Connection:
    connection = getattr(_local, "connection", None)
    if connection is None or connection.closed:
        connection = psycopg.connect(os.environ["TWIN_DATABASE_URL"], autocommit=True)
        _local.connection = connection
    return connection


def render(name: str, object_id: int) -> bytes:
    variable, sqls = TWINS[name]
    parts = ["<!DOCTYPE html><html><body>"]
    with _connection().cursor() as cursor:
        for sql in sqls:
            cursor.execute(sql, {variable: object_id})
            parts.append("<table>")
            for row in cursor.fetchall():
                parts.append("<tr>" + "".join(f"<td>{html.escape(str(value))}</td>" for value in row) + "</tr>")
            parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts).encode()


def application(environ, start_response):
    match = re.fullmatch(r"/(worklist|dossier)/(\d+)", environ.get("PATH_INFO", ""))
    if not match:
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]
    body = render(match.group(1), int(match.group(2)))
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))])
    return [body]
