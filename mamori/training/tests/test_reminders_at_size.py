"""Training reminders filter in SQL and lock only the assignments that get a mail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mamori.accounts.models import Role
from mamori.testing import factories
from mamori.training.models import Assignment, Campaign
from mamori.training.services import campaigns, reminders

pytestmark = pytest.mark.django_db


def test_pending_assignments_far_from_due_cost_no_query_each(org, sales, manager, course, mailoutbox):
    campaign = campaigns.campaign_create(
        organisation=org, actor=manager, course=course, title="年次研修", scope=Campaign.Scope.EVERYONE,
        due_date=timezone.localdate() + dt.timedelta(days=60),
    )  # fmt: skip
    reminders.reminders_send()
    counts = []
    for size in (5, 80):
        for i in range(size):
            factories.make_user(org, Role.EMPLOYEE, sales, username=f"staff{size}-{i}")
        campaigns.campaign_sync(campaign=campaign)
        with CaptureQueriesContext(connection) as captured:
            summary = reminders.reminders_send()
        counts.append(len(captured))
        assert "0 due reminders, 0 overdue reminders" in summary
    assert Assignment.objects.filter(campaign=campaign).count() > 80
    assert counts[0] == counts[1]


def test_only_the_due_ones_are_sent_and_once(org, sales, manager, employee, course, mailoutbox):
    campaigns.campaign_create(
        organisation=org, actor=manager, course=course, title="締切間近", scope=Campaign.Scope.EVERYONE,
        due_date=timezone.localdate() + dt.timedelta(days=3),
    )  # fmt: skip
    first = reminders.reminders_send()
    assert first.endswith("due reminders, 0 overdue reminders") and not first.startswith("0 assigned, 0 due")
    assert "0 due reminders" in reminders.reminders_send()
