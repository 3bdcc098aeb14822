"""Template filters of the incident register: which deadline is next, and whether an incident is new."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

from mamori.incidents import filings
from mamori.incidents.determination import deadline_label
from mamori.incidents.models import Incident
from mamori.incidents.taxonomy import Status

register = template.Library()

NEW_FOR = dt.timedelta(days=3)  # reported in the last three days and nobody has started on it: 新着


@register.filter
def next_deadline_name(incident: Incident) -> str:
    """Return which deadline ``Incident.next_deadline`` is (PPC 速報, P-mark 確報 …), or ""."""
    found = filings.pending_deadline_of(incident)
    return deadline_label(found[0]) if found else ""


@register.filter
def is_new(incident: Incident) -> bool:
    """Return whether the incident was reported in the last three days and is still only received."""
    recent = incident.created_at is not None and timezone.now() - incident.created_at < NEW_FOR
    return recent and incident.status == Status.RECEIVED


@register.filter
def is_untriaged(incident: Incident) -> bool:
    """Return whether nobody has coded the incident yet (未分類)."""
    return incident.triaged_at is None and incident.is_open
