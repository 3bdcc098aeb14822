"""Incident numbers come from a per-year counter: past 9,999 and under concurrent intake."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from mamori.incidents.models import Incident, IncidentCounter
from mamori.testing import factories


def _bulk_numbers(employee, year: int, count: int) -> None:
    """Insert ``count`` numbered incidents of ``year`` directly, as an old register would hold them."""
    at = timezone.make_aware(dt.datetime(year, 6, 1, 9))
    Incident.objects.bulk_create(
        Incident(
            organisation=employee.organisation,
            reporter=employee,
            number=f"{year}-{n:04d}",
            title="誤送信",
            description="x",
            discovered_at=at,
            known_on=at.date(),
            discovered_by="self",
        )
        for n in range(1, count + 1)
    )


def test_the_number_after_9999_is_10000_and_the_next_report_still_succeeds(employee):
    year = timezone.localdate().year
    _bulk_numbers(employee, year, 9_999)  # numbers given before the counter existed
    first = factories.make_incident(employee)
    second = factories.make_incident(employee, is_near_miss=True, event_class="")
    third = factories.make_incident(employee)
    assert [first.number, second.number, third.number] == [f"{year}-10000", f"{year}-10001", f"{year}-10002"]
    assert IncidentCounter.objects.get(organisation=employee.organisation, year=year).last == 10_002


def test_each_year_starts_again_at_one(employee):
    last_year = timezone.now() - dt.timedelta(days=400)
    old = factories.make_incident(employee, discovered_at=last_year)
    new = factories.make_incident(employee)
    assert old.number.endswith("-0001") and new.number.endswith("-0001")
    assert old.number[:4] != new.number[:4]


@pytest.mark.django_db(transaction=True)
def test_concurrent_intake_gives_distinct_numbers_on_postgresql(org, employee):
    if connection.vendor != "postgresql":
        pytest.skip("row locks across connections need PostgreSQL (CI runs this in its PostgreSQL pass)")
    year = timezone.localdate().year
    _bulk_numbers(employee, year, 9_995)
    numbers: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def report() -> None:
        try:
            start.wait()
            numbers.append(factories.make_incident(employee).number)
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=report) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(numbers) == sorted(f"{year}-{n}" for n in range(9_996, 10_004))
