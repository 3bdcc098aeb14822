"""The dashboard's figures count what each role may read, and name the next deadline."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import TestCase
from django.utils import timezone

from mamori.accounts.models import Role
from mamori.incidents.models import Incident
from mamori.portal import figures
from mamori.testing.factories import make_department, make_incident, make_user

pytestmark = pytest.mark.django_db


def values(user) -> dict[str, int]:
    return {f.key: f.value for f in figures.dashboard_figures(user)}


def test_figures_count_within_what_each_role_reads(org, employee, manager, depmgr, outsider, mailoutbox):
    other_dept = make_department(org, "経理部")
    accountant = make_user(org, Role.EMPLOYEE, other_dept, username="accountant")
    with TestCase.captureOnCommitCallbacks(execute=True):
        big = make_incident(employee, persons=1500, advanced_encryption=False)
        make_incident(accountant)
    Incident.objects.filter(pk=big.pk).update(next_deadline=timezone.localdate() - dt.timedelta(days=1))

    mine = values(manager)
    assert mine["open"] == 2 and mine["reportable"] == 1 and mine["overdue"] == 1
    assert mine["unacknowledged"] == 2  # nobody on the chain acknowledged either accident
    assert values(depmgr)["open"] == 1  # the sales department's only
    assert values(outsider)["open"] == 0 and values(outsider)["unacknowledged"] == 0
    assert [f.key for f in figures.dashboard_figures(manager)] == [
        "open",
        "reportable",
        "due_this_week",
        "overdue",
        "unacknowledged",
        "held_mail",
        "training_overdue",
    ]


def test_the_dashboard_names_the_next_deadline_and_marks_new_uncoded_incidents(employee, manager, client):
    incident = make_incident(employee, persons=1500, advanced_encryption=False)
    client.force_login(manager)
    page = client.get("/").content.decode()
    assert 'id="figures"' in page and 'id="untriaged"' in page
    assert "新着" in page and "未分類" in page and incident.number in page
    assert "速報（個人情報保護委員会）" in page  # which deadline, not only its date


def test_an_employee_gets_no_figures(employee, client):
    client.force_login(employee)
    page = client.get("/").content.decode()
    assert 'id="figures"' not in page and 'id="untriaged"' not in page


def test_the_incident_figures_are_one_aggregate_query(employee, manager, django_assert_num_queries):
    today = timezone.localdate()
    for days, appi in ((-2, "reportable"), (3, "not_reportable"), (20, "reportable")):
        incident = make_incident(employee)
        Incident.objects.filter(pk=incident.pk).update(
            next_deadline=today + dt.timedelta(days=days), appi_status=appi
        )
    closed = make_incident(employee)
    Incident.objects.filter(pk=closed.pk).update(status="closed", next_deadline=today)
    open_incidents = figures.incidents.open_by_deadline(manager)
    with django_assert_num_queries(1):
        counts = figures.open_counts(open_incidents, today)
    assert counts == {"open": 3, "reportable": 2, "due_this_week": 1, "overdue": 1}


def test_the_dashboard_reads_as_many_queries_with_many_incidents(employee, manager, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(manager)
    make_incident(employee)
    client.get("/")
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for _ in range(6):
        make_incident(employee)
    with CaptureQueriesContext(connection) as many:
        page = client.get("/").content.decode()
    assert len(many) == len(few)
    assert page.count('<span class="count">7</span>') >= 1  # the open count, taken from the figures
