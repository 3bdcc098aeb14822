"""The summary figures at the top of the dashboard, each read through its app's permission-scoped query."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mamori.incidents import queries as incidents
from mamori.incidents.models import Incident
from mamori.mailguard import queries as mailguard
from mamori.mailguard.models import State as MailState
from mamori.response.models import ChainNotification
from mamori.training import queries as training
from mamori.training.models import Assignment


@dataclass(frozen=True)
class Figure:
    """One number of the dashboard: what it counts, how many, where the list is, and whether it is bad."""

    key: str
    label: Any
    value: int
    url: str
    alert: bool = False


def untriaged(user: Any) -> QuerySet[Incident]:
    """Return the open incidents nobody has coded yet, newest first (the 新着/未分類 list)."""
    return (
        incidents.incidents_for_user(user)
        .exclude(status="closed")
        .filter(triaged_at__isnull=True)
        .order_by("-created_at")
    )


def _unacknowledged(open_incidents: QuerySet[Incident]) -> int:
    """Count chain steps told about an open accident that nobody on the chain has acknowledged yet."""
    return (
        ChainNotification.objects.filter(incident__in=open_incidents, incident__is_near_miss=False)
        .exclude(incident__chain_notifications__acknowledged_at__isnull=False)
        .count()
    )


def _training_overdue(user: Any, today: dt.date) -> int:
    if training.can_see_records(user):
        assignments = Assignment.objects.filter(campaign__in=training.campaigns_for_user(user))
    else:
        assignments = training.assignments_for_user(user)
    return assignments.filter(passed_at__isnull=True, due_date__lt=today, user__is_active=True).count()


def open_counts(open_incidents: QuerySet[Incident], today: dt.date) -> dict[str, int]:
    """Count the open incidents, the reportable ones and those by deadline in one aggregate query."""
    return open_incidents.order_by().aggregate(
        open=Count("pk"),
        reportable=Count("pk", filter=Q(appi_status="reportable")),
        due_this_week=Count(
            "pk", filter=Q(next_deadline__gte=today, next_deadline__lt=today + dt.timedelta(days=7))
        ),
        overdue=Count("pk", filter=Q(next_deadline__lt=today)),
    )


def dashboard_figures(user: Any, today: dt.date | None = None) -> list[Figure]:
    """Return the figures for ``user``'s dashboard, each counted within what the user may read."""
    today = today or timezone.localdate()
    open_incidents = incidents.open_by_deadline(user)
    incident_list = reverse("incidents:list")
    awaiting = mailguard.messages_for_user(user).filter(state=MailState.AWAITING_APPROVAL).count()
    counts = open_counts(open_incidents, today)
    overdue = counts["overdue"]
    unacknowledged = _unacknowledged(open_incidents)
    training_overdue = _training_overdue(user, today)
    return [
        Figure("open", _("Open incidents"), counts["open"], f"{incident_list}?status=open"),
        Figure(
            "reportable", _("Reportable to the PPC"), counts["reportable"], f"{incident_list}?status=open"
        ),
        Figure("due_this_week", _("Deadline within 7 days"), counts["due_this_week"], "#open-incidents"),
        Figure("overdue", _("Deadline passed"), overdue, "#open-incidents", alert=overdue > 0),
        Figure(
            "unacknowledged",
            _("Chain steps not acknowledged"),
            unacknowledged,
            "#open-incidents",
            alert=unacknowledged > 0,
        ),
        Figure(
            "held_mail",
            _("Held mail awaiting approval"),
            awaiting,
            reverse("mailguard:list"),
            alert=awaiting > 0,
        ),
        Figure(
            "training_overdue",
            _("Training overdue"),
            training_overdue,
            reverse("training:overview") if training.can_see_records(user) else reverse("training:mine"),
            alert=training_overdue > 0,
        ),
    ]
