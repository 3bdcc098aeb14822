"""The reminder job reads a fixed number of rows' worth of queries, whatever the size of the register."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mamori.incidents.models import Incident
from mamori.response import services
from mamori.testing import factories

pytestmark = pytest.mark.django_db

SUNDAY = dt.date(2026, 12, 6)
MONDAY = dt.date(2026, 12, 7)


def _quiet_incidents(employee, count: int, start: int) -> None:
    """Add open accidents whose deadlines are far away (or met) and without late tasks, in bulk."""
    at = timezone.make_aware(dt.datetime(2026, 11, 20, 9))
    Incident.objects.bulk_create(
        Incident(
            organisation=employee.organisation,
            reporter=employee,
            number=f"2026-{start + n:05d}",
            title="誤送信",
            description="x",
            discovered_at=at,
            known_on=at.date(),
            discovered_by="self",
            next_deadline=MONDAY + dt.timedelta(days=60) if n % 2 else None,
        )
        for n in range(count)
    )


def _queries(day: dt.date) -> int:
    with CaptureQueriesContext(connection) as captured:
        services.reminders_send(today=day)
    return len(captured)


def test_nothing_to_send_costs_the_same_at_any_size(employee, manager, django_assert_max_num_queries):
    factories.make_incident(employee)  # one real incident: its reminders are sent once, then nothing
    services.reminders_send(today=MONDAY)
    counts = []
    for size, start in ((10, 100), (400, 1000)):
        _quiet_incidents(employee, size, start)
        with django_assert_max_num_queries(30):
            counts.append(_queries(MONDAY))
    assert counts[0] == counts[1]


def test_a_holiday_reads_nothing(employee, django_assert_max_num_queries):
    _quiet_incidents(employee, 50, 100)
    with django_assert_max_num_queries(0):
        services.reminders_send(today=SUNDAY)


def test_a_second_run_tries_no_reminder_it_sent_before(employee, manager, mailoutbox):
    incident = factories.make_incident(employee, persons=1500, advanced_encryption=False)
    services.checklist_create(incident=incident, actor=manager)
    late = dt.date(2026, 12, 28)  # a working day after the checklist's tasks fell due
    assert services.reminders_send(today=late) > 0
    with CaptureQueriesContext(connection) as again:
        assert services.reminders_send(today=late) == 0
    assert not any("SAVEPOINT" in q["sql"] or q["sql"].startswith("INSERT") for q in again)
