"""Keyset pagination for lists that grow without end (the audit log): no COUNT over the table,
each page one indexed range read on the primary key, newest first."""

from dataclasses import dataclass


@dataclass
class KeysetPage:
    object_list: list
    newer_than: int | None  # link "Nieuwer": rows after this id
    older_than: int | None  # link "Ouder": rows before this id

    @property
    def has_newer(self) -> bool:
        return self.newer_than is not None

    @property
    def has_older(self) -> bool:
        return self.older_than is not None


def as_id(value) -> int | None:
    """A positive id from a query-string value, or None for anything else."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def keyset_page(queryset, *, size: int, before=None, after=None) -> KeysetPage:
    """One page of `queryset` by descending id. `before`: the page of rows older than that id;
    `after`: the page of rows newer than that id; neither: the newest page. Reads size + 1 rows
    to know whether there is more in that direction."""
    before, after = as_id(before), as_id(after)
    if after is not None:
        rows = list(queryset.filter(pk__gt=after).order_by("pk")[: size + 1])
        more_newer = len(rows) > size
        rows = list(reversed(rows[:size]))
        return KeysetPage(
            object_list=rows,
            newer_than=rows[0].pk if rows and more_newer else None,
            older_than=rows[-1].pk if rows else None,
        )
    if before is not None:
        queryset = queryset.filter(pk__lt=before)
    rows = list(queryset.order_by("-pk")[: size + 1])
    more_older = len(rows) > size
    rows = rows[:size]
    return KeysetPage(
        object_list=rows,
        newer_than=rows[0].pk if rows and before is not None else None,
        older_than=rows[-1].pk if rows and more_older else None,
    )
