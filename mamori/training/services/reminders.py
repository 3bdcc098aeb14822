"""Mail the due and overdue reminders of campaigns: daily from runperiodic, or at one click."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from mamori.core.services import log_action
from mamori.training import notify, rules
from mamori.training.models import (
    Assignment,
    Campaign,
)
from mamori.training.services.campaigns import campaign_sync


def reminders_send(*, today: dt.date | None = None) -> str:
    """Assign late joiners and mail the due reminders of every open campaign; safe to run repeatedly."""
    today = today or timezone.localdate()
    added = sum(
        campaign_sync(campaign=c) for c in Campaign.objects.filter(due_date__gte=today).order_by("pk")
    )
    sent = {rules.Reminder.BEFORE_DUE: 0, rules.Reminder.OVERDUE: 0}
    for pk in _due_reminders(today):
        kind = _remind_one(pk, today, manual=False)  # locks and checks again: only what is sent is locked
        if kind is not None:
            sent[kind] += 1
    return (
        f"{added} assigned, {sent[rules.Reminder.BEFORE_DUE]} due reminders, "
        f"{sent[rules.Reminder.OVERDUE]} overdue reminders"
    )


def _due_reminders(today: dt.date) -> list[int]:
    """Return the assignments whose reminder is due today, filtered in SQL and checked by the rule in bulk."""
    soon = Q(due_date__gte=today, due_date__lte=today + dt.timedelta(days=rules.DUE_SOON_DAYS))
    last_week = today - dt.timedelta(days=rules.OVERDUE_REMINDER_INTERVAL_DAYS)
    overdue = Q(due_date__lt=today) & (
        Q(reminded_overdue_on__isnull=True) | Q(reminded_overdue_on__lte=last_week)
    )
    rows = Assignment.objects.filter(
        (soon & Q(reminded_before_on__isnull=True)) | overdue, passed_at__isnull=True, user__is_active=True
    ).values_list("pk", "due_date", "reminded_before_on", "reminded_overdue_on")
    return [
        pk
        for pk, due, before, overdue_on in rows.order_by("pk").iterator(chunk_size=2000)
        if rules.reminder_to_send(
            due=due, passed_on=None, today=today, reminded_before_on=before, reminded_overdue_on=overdue_on
        )
    ]


@transaction.atomic
def _remind_one(pk: int, today: dt.date, *, manual: bool, actor: Any = None) -> rules.Reminder | None:
    a = Assignment.objects.select_for_update().select_related("campaign").get(pk=pk)
    kind = rules.reminder_to_send(
        due=a.due_date,
        passed_on=a.passed_on,
        today=today,
        reminded_before_on=a.reminded_before_on,
        reminded_overdue_on=a.reminded_overdue_on,
    )
    if manual and a.passed_at is None:
        kind = rules.Reminder.OVERDUE if today > a.due_date else rules.Reminder.BEFORE_DUE
    if kind is None:
        return None
    if kind == rules.Reminder.OVERDUE:
        a.reminded_overdue_on = today
    else:
        a.reminded_before_on = today
    a.save(update_fields=["reminded_before_on", "reminded_overdue_on"])
    log_action(
        a.campaign, "training.reminder.sent", actor=actor, data={"assignment": a.pk, "kind": str(kind)}
    )
    transaction.on_commit(lambda: notify.send_reminder(pk, str(kind)))
    return kind


def campaign_remind(*, campaign: Campaign, actor: Any, assignments: Iterable[Assignment]) -> int:
    """Mail a reminder now to everyone of ``assignments`` who has not passed (the one-click button)."""
    today = timezone.localdate()
    count = 0
    for a in assignments:
        if (
            a.campaign_id == campaign.pk
            and a.passed_at is None
            and _remind_one(a.pk, today, manual=True, actor=actor)
        ):
            count += 1
    return count
