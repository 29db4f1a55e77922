"""Finding sequential scans on large tables in PostgreSQL plans (EXPLAIN ... FORMAT JSON).

Used by bench/explain.py; kept here so the detector is importable and unit-tested.
"""

from collections.abc import Iterator


def plan_nodes(node: dict) -> Iterator[dict]:
    yield node
    for child in node.get("Plans", []):
        yield from plan_nodes(child)


def seq_scans(explain_json: list, large_tables: set[str]) -> list[str]:
    """Tables in `large_tables` that the plan reads with a Seq Scan (or Parallel Seq Scan)."""
    found = []
    for entry in explain_json:
        for node in plan_nodes(entry["Plan"]):
            if node.get("Node Type") == "Seq Scan" and node.get("Relation Name") in large_tables:
                found.append(node["Relation Name"])
    return found


def large_tables(cursor, *, min_rows: int) -> set[str]:
    cursor.execute(
        "SELECT relname FROM pg_class"
        " WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace AND reltuples >= %s",
        [min_rows],
    )
    return {row[0] for row in cursor.fetchall()}
