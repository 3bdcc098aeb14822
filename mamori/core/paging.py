"""Paging of long lists that stays fast at any depth: numbered pages near the top, a cursor (keyset) beyond.

An OFFSET page costs the rows it skips: page 4,000 of the incident register read 100,000 rows. A keyset page
starts from the last row shown (``after``) or the first (``before``) and reads one page through the index
of the list's order, whatever its depth. The first :data:`NUMBERED` pages keep their numbers (cheap: at
most a few hundred rows skipped); the total is counted only up to :data:`COUNT_CAP`.

The order is fixed: a timestamp field, newest first, then the primary key, highest first (unique, so no
row is skipped or shown twice at a page boundary even when many rows share a timestamp).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import Model, Q, QuerySet

NUMBERED = 20
COUNT_CAP = 10_000
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def cursor_of(value: dt.datetime, pk: int) -> str:
    """Return the cursor of one row: its timestamp in microseconds since 1970 (UTC) and its key."""
    return f"{(value - _EPOCH) // dt.timedelta(microseconds=1)}_{pk}"


def parse_cursor(text: str) -> tuple[dt.datetime, int] | None:
    """Return the timestamp and key of a cursor, or None when it is not one."""
    micros, sep, pk = text.partition("_")
    if not sep or not pk.isdigit() or not micros.lstrip("-").isdigit() or len(micros) > 20:
        return None
    try:
        return _EPOCH + dt.timedelta(microseconds=int(micros)), int(pk)
    except OverflowError:
        return None


@dataclass(frozen=True)
class Page:
    """One page of rows and the query strings of the links around it (``None``: no such link)."""

    object_list: list[Any]
    number: int | None  # the page number when the page was reached by number
    count: int  # the number of rows, at most COUNT_CAP
    count_capped: bool  # True when there are more rows than ``count``
    first_query: str | None
    previous_query: str | None
    next_query: str | None
    last_query: str | None
    numbers: list[tuple[int, str]]  # the numbered pages to link, with their query strings

    @property
    def has_other_pages(self) -> bool:
        return self.previous_query is not None or self.next_query is not None


def keyset_page(
    qs: QuerySet[Any], params: Any, *, field: str, size: int = 25, keep: dict[str, str] | None = None
) -> Page:
    """Return the page of ``qs`` (ordered by ``field`` then the key, both descending) that ``params`` asks for.

    ``params`` is the request's GET: ``page`` (a number up to :data:`NUMBERED`), ``after`` or ``before`` (a
    cursor), or ``last`` (the oldest rows). Anything invalid gives the first page. ``keep`` is added to
    every link (the list's filters).
    """
    keep = {k: v for k, v in (keep or {}).items() if v}

    def query(**extra: Any) -> str:
        return "?" + urlencode({**keep, **extra})

    def key(row: Model) -> str:
        return cursor_of(getattr(row, field), row.pk)

    newest_first = qs.order_by(f"-{field}", "-pk")
    oldest_first = qs.order_by(field, "pk")
    after = parse_cursor(params.get("after", ""))
    before = parse_cursor(params.get("before", ""))
    number: int | None = None
    count = qs.order_by()[: COUNT_CAP + 1].count()
    pages = max(1, min(NUMBERED, -(-min(count, COUNT_CAP) // size)))
    if after is not None:
        at, pk = after
        rows = list(newest_first.filter(Q(**{f"{field}__lte": at}), _older(field, at, pk))[: size + 1])
        has_newer, has_older = True, len(rows) > size
        rows = rows[:size]
    elif before is not None or params.get("last") == "1":
        if before is not None:
            at, pk = before
            base = oldest_first.filter(Q(**{f"{field}__gte": at}), _newer(field, at, pk))
        else:
            base = oldest_first
        rows = list(base[: size + 1])
        has_newer, has_older = len(rows) > size, before is not None
        rows = rows[:size][::-1]
    else:
        raw = params.get("page", "1")
        number = min(max(int(raw), 1), pages) if raw.isascii() and raw.isdigit() else 1
        rows = list(newest_first[(number - 1) * size : number * size + 1])
        has_newer, has_older = number > 1, len(rows) > size
        rows = rows[:size]
    if rows and number is None and not has_newer:
        number = 1  # a cursor that reached the newest rows is the first page
    previous = None
    if has_newer and rows:
        previous = query(page=number - 1) if number and number > 1 else query(before=key(rows[0]))
    following = None
    if has_older and rows:
        following = query(page=number + 1) if number and number < pages else query(after=key(rows[-1]))
    return Page(
        object_list=rows,
        number=number,
        count=min(count, COUNT_CAP),
        count_capped=count > COUNT_CAP,
        first_query=query() if has_newer else None,
        previous_query=previous,
        next_query=following,
        last_query=query(last="1") if has_older else None,
        numbers=[(n, query(page=n)) for n in range(1, pages + 1)] if pages > 1 else [],
    )


def _older(field: str, at: dt.datetime, pk: int) -> Q:
    return Q(**{f"{field}__lt": at}) | Q(**{field: at, "pk__lt": pk})


def _newer(field: str, at: dt.datetime, pk: int) -> Q:
    return Q(**{f"{field}__gt": at}) | Q(**{field: at, "pk__gt": pk})
