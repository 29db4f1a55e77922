"""Finding what grows with the data in PostgreSQL plans (EXPLAIN (ANALYZE) ... FORMAT JSON):
sequential scans on large tables, and scans that read many rows even through an index.

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


def scan_rows(explain_json: list) -> Iterator[tuple[float, dict]]:
    """(rows read in all, node) for every scan node: (rows returned + rows its filter threw
    away) × loops. The rows thrown away count: walking an index in order while a filter drops
    nearly every row (the audit log by one user, before audit 0004) reads the whole table as
    surely as a Seq Scan does, and returns only a page."""
    for entry in explain_json:
        for node in plan_nodes(entry["Plan"]):
            if "Scan" in node.get("Node Type", ""):
                read = node.get("Actual Rows", 0) + node.get("Rows Removed by Filter", 0)
                yield read * node.get("Actual Loops", 1), node


def wide_reads(explain_json: list, large_tables: set[str], *, max_rows: int) -> list[str]:
    """Scans of a table in `large_tables` that read more than `max_rows` rows in all: an index
    can still hand a query every registration of a year or every case of a team, a cost that
    grows with the data. (Small tables, such as the staff, may be read whole, as for seq_scans.)"""
    return [
        f"{node['Node Type']} on {node['Relation Name']}: {rows:,.0f} rows"
        for rows, node in scan_rows(explain_json)
        if rows > max_rows and node.get("Relation Name") in large_tables
    ]


def large_tables(cursor, *, min_rows: int) -> set[str]:
    cursor.execute(
        "SELECT relname FROM pg_class"
        " WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace AND reltuples >= %s",
        [min_rows],
    )
    return {row[0] for row in cursor.fetchall()}
