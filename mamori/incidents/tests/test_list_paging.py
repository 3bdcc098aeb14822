"""The register's pages: numbered near the top, a cursor beyond; no row lost or shown twice at a boundary."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from mamori.core import paging
from mamori.incidents import queries
from mamori.incidents.models import Incident
from mamori.testing.factories import make_incident

pytestmark = pytest.mark.django_db


def register_of(employee, count: int) -> list[int]:
    """Add ``count`` incidents, many sharing a timestamp; return their keys in the list's order."""
    first = make_incident(employee)
    start = timezone.now().replace(microsecond=0)
    copies = []
    for n in range(count - 1):
        copy = Incident.objects.get(pk=first.pk)
        copy.pk = None
        copy.number = f"T{n:05d}"
        copy.discovered_at = start - dt.timedelta(hours=n // 3, microseconds=7 if n % 5 == 0 else 0)
        copies.append(copy)
    Incident.objects.bulk_create(copies)
    rows = Incident.objects.filter(organisation=employee.organisation)
    return list(rows.order_by("-discovered_at", "-pk").values_list("pk", flat=True))


def walk(qs, start: str, link: str, size: int) -> list[list[int]]:
    """Follow the ``link`` ("next_query" or "previous_query") from ``start``; return each page's keys."""
    seen, query = [], start
    while query is not None:
        page = paging.keyset_page(qs, QueryDict(query.lstrip("?")), field="discovered_at", size=size)
        seen.append([row.pk for row in page.object_list])
        query = getattr(page, link)
        assert len(seen) < 100
    return seen


def test_next_and_previous_cover_every_row_once_across_numbered_and_cursor_pages(
    employee, manager, monkeypatch
):
    monkeypatch.setattr(paging, "NUMBERED", 2)
    order = register_of(employee, 23)
    qs = queries.incidents_for_user(manager)
    forward = walk(qs, "", "next_query", size=3)
    assert [pk for page in forward for pk in page] == order
    assert [len(page) for page in forward] == [3] * 7 + [2]
    backward = walk(qs, "?last=1", "previous_query", size=3)
    assert [pk for page in reversed(backward) for pk in page] == order
    assert backward[0] == order[-3:]  # the oldest page is full, the newest one holds the remainder
    assert backward[-1] == order[:2]


def test_the_links_say_where_they_lead(employee, manager, monkeypatch):
    monkeypatch.setattr(paging, "NUMBERED", 2)
    register_of(employee, 10)
    qs = queries.incidents_for_user(manager)
    first = paging.keyset_page(qs, QueryDict(""), field="discovered_at", size=3, keep={"status": "open"})
    assert first.number == 1 and first.previous_query is None and first.first_query is None
    assert first.next_query == "?status=open&page=2" and first.last_query == "?status=open&last=1"
    assert [n for n, _q in first.numbers] == [1, 2] and first.count == 10 and not first.count_capped
    second = paging.keyset_page(qs, QueryDict("page=2"), field="discovered_at", size=3)
    assert second.previous_query == "?page=1" and second.next_query.startswith("?after=")
    deep = paging.keyset_page(qs, QueryDict("page=4000"), field="discovered_at", size=3)
    assert deep.number == 2  # page numbers are bounded; deeper pages are reached by the cursor


@pytest.mark.parametrize(
    "bad", ["after=x", "after=1_", "before=_5", "after=99999999999999999999_1", "page=-3"]
)
def test_a_broken_cursor_or_number_gives_the_first_page(employee, manager, bad):
    order = register_of(employee, 4)
    page = paging.keyset_page(queries.incidents_for_user(manager), QueryDict(bad), field="discovered_at")
    assert [row.pk for row in page.object_list] == order and page.number == 1


def test_a_cursor_survives_a_round_trip_to_the_microsecond():
    at = dt.datetime(2026, 4, 1, 9, 30, 15, 123456, tzinfo=dt.UTC)
    assert paging.parse_cursor(paging.cursor_of(at, 42)) == (at, 42)
    assert paging.parse_cursor(paging.cursor_of(at.astimezone(dt.timezone(dt.timedelta(hours=9))), 42)) == (
        at,
        42,
    )


def test_the_deep_page_of_the_list_is_read_by_cursor_with_its_filters(login, employee, manager):
    order = register_of(employee, 30)
    client = login(manager)
    url = reverse("incidents:list")
    last = client.get(url + "?kind=incident&last=1").content.decode()
    assert 'rel="prev"' in last and "?kind=incident&amp;before=" in last
    cursor = last.split("before=")[1].split('"')[0]
    previous = client.get(url + f"?kind=incident&before={cursor}")
    numbers = [Incident.objects.get(pk=pk).number for pk in order]
    body = previous.content.decode()
    assert previous.status_code == 200 and all(n in body for n in numbers[:5])  # the 5 newest of 30
    assert not any(f">{n}<" in body for n in numbers[5:]) and 'aria-current="page">1<' in body
    assert "30 件" in body or "30 incidents" in body
