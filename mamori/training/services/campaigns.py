"""Start and keep campaigns up to date, record reading progress and downloads of records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mamori.core.models import Department, Organisation
from mamori.core.services import log_action
from mamori.training import queries
from mamori.training.models import (
    Assignment,
    Campaign,
    Course,
    Lesson,
)


@transaction.atomic
def campaign_create(
    *,
    organisation: Organisation,
    actor: Any,
    course: Course,
    title: str,
    scope: str,
    due_date: dt.date,
    departments: Iterable[Department] = (),
    joined_since: dt.date | None = None,
) -> Campaign:
    """Start a campaign and assign its course to everyone in scope."""
    if course.organisation_id != organisation.pk:
        raise ValidationError(_("The course belongs to another organisation."))
    departments = list(departments)
    if scope == Campaign.Scope.DEPARTMENTS and not departments:
        raise ValidationError(_("Choose at least one department."))
    if any(d.organisation_id != organisation.pk for d in departments):
        raise ValidationError(_("A department belongs to another organisation."))
    campaign = Campaign.objects.create(
        organisation=organisation,
        course=course,
        title=title,
        scope=scope,
        due_date=due_date,
        joined_since=joined_since,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    campaign.departments.set(departments)
    added = _assign_missing(campaign)
    log_action(
        campaign,
        "training.campaign.created",
        actor=actor,
        data={"course": course.pk, "scope": scope, "due_date": due_date.isoformat(), "assigned": added},
    )
    return campaign


def _assign_missing(campaign: Campaign) -> int:
    have = set(campaign.assignments.values_list("user_id", flat=True))
    new = [
        Assignment(campaign=campaign, user=u, department_id=u.department_id, due_date=campaign.due_date)
        for u in queries.users_in_scope(campaign)
        if u.pk not in have
    ]
    Assignment.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


@transaction.atomic
def campaign_sync(*, campaign: Campaign) -> int:
    """Assign the campaign to people who came into scope since (joiners, movers); return how many."""
    added = _assign_missing(campaign)
    if added:
        log_action(campaign, "training.campaign.synced", data={"assigned": added})
    return added


@transaction.atomic
def assignment_mark_read(*, assignment: Assignment, lesson: Lesson) -> Assignment:
    """Record that the employee opened a lesson (progress)."""
    if lesson.course_id != assignment.campaign.course_id:
        raise ValidationError("lesson of another course")
    if lesson.pk not in assignment.lessons_read:
        assignment.lessons_read = [*assignment.lessons_read, lesson.pk]
        assignment.save(update_fields=["lessons_read"])
    return assignment


@transaction.atomic
def records_exported(*, actor: Any, target: Campaign | Organisation, rows: int) -> None:
    """Record in the audit log that someone downloaded training records (they name people)."""
    log_action(target, "training.records.exported", actor=actor, data={"rows": rows})
