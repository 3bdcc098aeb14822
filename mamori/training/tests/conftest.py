"""Training fixtures: the built-in course installed and a campaign for the sales department."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from mamori.training.models import Campaign, Choice
from mamori.training.services import campaigns, courses


@pytest.fixture
def course(org):
    return courses.course_install_builtin(organisation=org, key="privacy-basics")[0]


@pytest.fixture
def campaign(org, sales, manager, employee, colleague, depmgr, course):
    return campaigns.campaign_create(
        organisation=org,
        actor=manager,
        course=course,
        title="2026年度 個人情報保護教育（営業部）",
        scope=Campaign.Scope.DEPARTMENTS,
        departments=[sales],
        due_date=timezone.localdate() + dt.timedelta(days=30),
    )


@pytest.fixture
def assignment(campaign, employee):
    return campaign.assignments.get(user=employee)


def right_answers(attempt):
    """Return the right answers of every question of an attempt."""
    out: dict[int, list[int]] = {qid: [] for qid in attempt.question_ids}
    for c in Choice.objects.filter(question_id__in=attempt.question_ids, is_correct=True):
        out[c.question_id].append(c.pk)
    return out


def wrong_answers(attempt):
    """Return a wrong answer for every question of an attempt."""
    out: dict[int, list[int]] = {}
    for qid in attempt.question_ids:
        wrong = Choice.objects.filter(question_id=qid, is_correct=False).first()
        out[qid] = [wrong.pk]
    return out
