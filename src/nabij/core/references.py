"""Reference numbers such as A-2026-00042: a series letter, the year, a counter. They say
nothing about the person, and two simultaneous saves never get the same one."""

import re
from collections.abc import Callable

from django.db import transaction

from nabij.core.models import ReferenceCounter


def next_reference(prefix: str, year: int, *, highest_in_use: Callable[[], int] = lambda: 0) -> str:
    """The next reference of the series. Call it inside the transaction that saves the row:
    the counter row stays locked until that transaction ends, so the number is never handed out
    twice, also not between processes. `highest_in_use` seeds a series the first time (rows made
    before the counter existed) and only then: it reads every reference of the year, which at a
    city's 25,000 registrations a year must not happen on each save."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_reference() must run inside the transaction that saves the row")
    counter = ReferenceCounter.objects.select_for_update().filter(prefix=prefix, year=year).first()
    if counter is None:
        # Two first saves may both get here; the conflict keeps one seed, the lock below orders them.
        ReferenceCounter.objects.bulk_create(
            [ReferenceCounter(prefix=prefix, year=year, last=highest_in_use())], ignore_conflicts=True
        )
        counter = ReferenceCounter.objects.select_for_update().get(prefix=prefix, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{prefix}-{year}-{counter.last:05d}"


def highest_number(references) -> int:
    """The highest counter among references like 'A-2026-00042' (others ignored)."""
    numbers = [int(m.group(1)) for ref in references if (m := re.fullmatch(r"[A-Z]+-\d{4}-(\d+)", ref or ""))]
    return max(numbers, default=0)
