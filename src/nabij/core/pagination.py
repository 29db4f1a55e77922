"""Keyset pagination for lists that grow without end (the audit log): no COUNT over the table,
each page one indexed range read, newest first."""

from dataclasses import dataclass

from django.db.models import Q


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


def _beyond(queryset, sort_field: str | None, cursor: int, *, older: bool):
    """`queryset` narrowed to the rows older (or newer) than the row `cursor` in the order
    (sort_field, id); None when `cursor` is not a row of `queryset` (a stale or edited link)."""
    if sort_field is None:
        return queryset.filter(pk__lt=cursor) if older else queryset.filter(pk__gt=cursor)
    value = queryset.filter(pk=cursor).values_list(sort_field, flat=True).first()
    if value is None:
        return None
    op = "lt" if older else "gt"
    # The plain bound (lte/gte) lets the database start its index range at the cursor; the OR
    # then drops the cursor's equals that came before it.
    return queryset.filter(**{f"{sort_field}__{op}e": value}).filter(
        Q(**{f"{sort_field}__{op}": value}) | Q(**{sort_field: value, f"pk__{op}": cursor})
    )


def keyset_page(queryset, *, size: int, before=None, after=None, sort_field: str | None = None) -> KeysetPage:
    """One page of `queryset`, newest first: by descending id, or by descending `sort_field`
    and then id when given (the audit log pages by event time, so that a date filter and the
    order share one index). `before`: the page of rows older than that row's id; `after`: the
    page of rows newer than it; neither (or a row not in `queryset`): the newest page. Reads
    size + 1 rows to know whether there is more in that direction; a `sort_field` page after
    the first costs one query more (the cursor row's value)."""
    before, after = as_id(before), as_id(after)
    newest_first = ("-pk",) if sort_field is None else (f"-{sort_field}", "-pk")
    oldest_first = ("pk",) if sort_field is None else (sort_field, "pk")
    if after is not None:
        newer = _beyond(queryset, sort_field, after, older=False)
        if newer is not None:
            rows = list(newer.order_by(*oldest_first)[: size + 1])
            more_newer = len(rows) > size
            rows = list(reversed(rows[:size]))
            return KeysetPage(
                object_list=rows,
                newer_than=rows[0].pk if rows and more_newer else None,
                older_than=rows[-1].pk if rows else None,
            )
        before = None
    elif before is not None:
        older = _beyond(queryset, sort_field, before, older=True)
        if older is None:
            before = None
        else:
            queryset = older
    rows = list(queryset.order_by(*newest_first)[: size + 1])
    more_older = len(rows) > size
    rows = rows[:size]
    return KeysetPage(
        object_list=rows,
        newer_than=rows[0].pk if rows and before is not None else None,
        older_than=rows[-1].pk if rows and more_older else None,
    )
