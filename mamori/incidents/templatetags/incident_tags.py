"""Template filters of the incident register: which deadline is next, and whether an incident is new."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

from mamori.core.templatetags.mamori_tags import days_left_text
from mamori.incidents import filings
from mamori.incidents.determination import TARGET_KINDS, deadline_label, target_text
from mamori.incidents.models import Incident
from mamori.incidents.taxonomy import Status

register = template.Library()

NEW_FOR = dt.timedelta(days=3)  # reported in the last three days and nobody has started on it: 新着


def _pending(incident: Incident) -> tuple[str, dt.date] | None:
    """Return (kind, date) of the next deadline: stored with the incident, so a list needs no query per row."""
    if incident.next_deadline is None:
        return None
    if incident.next_deadline_kind:
        return incident.next_deadline_kind, incident.next_deadline
    return filings.pending_deadline_of(incident)  # rows saved before the kind was stored


@register.filter
def next_deadline_name(incident: Incident) -> str:
    """Return which deadline ``Incident.next_deadline`` is (PPC 速報, P-mark 確報 …), or ""."""
    found = _pending(incident)
    return deadline_label(found[0]) if found else ""


@register.filter
def next_deadline_text(incident: Incident) -> str:
    """Return the days to ``next_deadline``: a 速報 target reads 目安, a 確報 "N days left" or "overdue"."""
    found = _pending(incident)
    if found is None:
        return ""
    kind, day = found
    if kind in TARGET_KINDS:
        return target_text((day - timezone.localdate()).days)
    return days_left_text(day)


@register.filter
def is_new(incident: Incident) -> bool:
    """Return whether the incident was reported in the last three days and is still only received."""
    recent = incident.created_at is not None and timezone.now() - incident.created_at < NEW_FOR
    return recent and incident.status == Status.RECEIVED


@register.filter
def is_untriaged(incident: Incident) -> bool:
    """Return whether nobody has coded the incident yet (未分類)."""
    return incident.triaged_at is None and incident.is_open
