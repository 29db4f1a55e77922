"""Bulk loading for the synthetic data set: PostgreSQL COPY, plain executemany on SQLite.

Rows are plain tuples of the columns a generator provides; every other concrete column gets
its model default (callable defaults per row), so a field added later with a default does
not break the generator. Audited models refuse `bulk_create`, and bulk loading is the one
place that may bypass services: the data are synthetic and their audit events are written
(with a valid hash chain) by the generator itself.
"""

import json
import time
import uuid
from collections.abc import Iterable

from django.db import connection, models
from django.utils import timezone


def next_id(model) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {model._meta.db_table}")  # noqa: S608 (table name from _meta)
        return cursor.fetchone()[0] + 1


def reset_sequence(model) -> None:
    if connection.vendor != "postgresql":
        return  # SQLite AUTOINCREMENT follows the largest id inserted
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT COALESCE(MAX(id), 1) FROM {table}))",  # noqa: S608
            [table],
        )


class _Filler:
    """Values for the columns a generator does not provide."""

    def __init__(self, field: models.Field, now):
        self.field = field
        self.callable = False
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            self.value = now
        elif field.has_default():
            self.callable = callable(field.default)
            self.value = None if self.callable else field.get_default()
        elif field.null:
            self.value = None
        elif field.blank and isinstance(field, models.CharField | models.TextField):
            self.value = ""
        else:
            raise ValueError(f"{field.model.__name__}.{field.name} needs a value from the generator")

    def get(self):
        return self.field.default() if self.callable else self.value


def _pg_value(field, value):
    if value is None:
        return None
    if isinstance(field, models.JSONField):
        return json.dumps(value)
    if isinstance(field, models.UUIDField):
        return str(value)
    return value


def load(model, columns: tuple[str, ...], rows: Iterable[tuple], *, stdout=None, label: str = "") -> int:
    """Insert `rows` (tuples in `columns` order, attnames) into `model`'s table. Returns the count."""
    now = timezone.now()
    fields = {f.attname: f for f in model._meta.concrete_fields}
    unknown = set(columns) - set(fields)
    if unknown:
        raise ValueError(f"{model.__name__}: unknown columns {sorted(unknown)}")
    fillers = [_Filler(f, now) for name, f in fields.items() if name not in columns]
    per_row = [f for f in fillers if f.callable]
    fixed = tuple(f.get() for f in fillers)
    all_fields = [fields[c] for c in columns] + [f.field for f in fillers]
    names = ", ".join(connection.ops.quote_name(f.column) for f in all_fields)
    table = connection.ops.quote_name(model._meta.db_table)
    started = time.monotonic()
    count = 0
    label = label or model._meta.verbose_name_plural

    def report(final=False):
        if stdout is not None:
            rate = count / max(time.monotonic() - started, 1e-6)
            stdout.write(f"  {label}: {count:,} rijen ({rate:,.0f}/s){' klaar' if final else ''}")
            stdout.flush()

    if connection.vendor == "postgresql":
        connection.ensure_connection()
        convert = [i for i, f in enumerate(all_fields) if isinstance(f, models.JSONField | models.UUIDField)]
        with connection.connection.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                full = row + (tuple(f.get() for f in fillers) if per_row else fixed)
                if convert:
                    full = list(full)
                    for i in convert:
                        full[i] = _pg_value(all_fields[i], full[i])
                copy.write_row(full)
                count += 1
                if count % 500_000 == 0:
                    report()
    else:
        placeholders = ", ".join(["%s"] * len(all_fields))
        sql = f"INSERT INTO {table} ({names}) VALUES ({placeholders})"  # noqa: S608
        batch = []
        with connection.cursor() as cursor:
            for row in rows:
                full = row + tuple(f.get() for f in fillers)
                batch.append(tuple(f.get_db_prep_save(v, connection) for f, v in zip(all_fields, full, strict=True)))
                count += 1
                if len(batch) >= 5000:
                    cursor.executemany(sql, batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
    report(final=True)
    return count


def new_uuid() -> uuid.UUID:
    return uuid.uuid4()
