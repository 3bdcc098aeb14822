"""Permission-scoped reads of the incident register: one getter, one list, both used everywhere."""

from __future__ import annotations

from typing import Any

from django.db.models import F, Q, QuerySet
from django.http import Http404

from mamori.accounts.models import Role
from mamori.incidents.models import Incident
from mamori.incidents.taxonomy import Status


def incidents_for_user(user: Any) -> QuerySet[Incident]:
    """Return the incidents ``user`` may read.

    The manager, the audit lead and top management read the whole organisation; a department manager
    reads the department's incidents and their own; an employee reads only what they reported.
    """
    if not getattr(user, "is_authenticated", False) or user.organisation_id is None:
        return Incident.objects.none()
    qs = Incident.objects.filter(organisation_id=user.organisation_id).select_related(
        "reporter", "department"
    )
    if user.sees_whole_organisation:
        return qs
    if user.role == Role.DEPARTMENT_MANAGER and user.department_id:
        return qs.filter(Q(department_id=user.department_id) | Q(reporter=user))
    return qs.filter(reporter=user)


def get_incident_for_user(user: Any, pk: Any) -> Incident:
    """Return one incident ``user`` may read, or raise 404 (also for other organisations' incidents)."""
    try:
        return incidents_for_user(user).get(pk=pk)
    except (Incident.DoesNotExist, ValueError, TypeError):
        raise Http404("No such incident") from None


def can_triage(user: Any, incident: Incident) -> bool:
    """Return whether ``user`` may code the incident, change its facts and move its status."""
    return bool(
        user.is_authenticated and user.organisation_id == incident.organisation_id and user.is_pms_manager
    )


def can_add_note(user: Any, incident: Incident) -> bool:
    """Return whether ``user`` may add to the timeline (the manager, the reporter, their department manager)."""
    if can_triage(user, incident):
        return True
    if incident.reporter_id == user.pk:
        return True
    return user.role == Role.DEPARTMENT_MANAGER and user.department_id == incident.department_id


def open_by_deadline(user: Any) -> QuerySet[Incident]:
    """Return the open incidents ``user`` may read, nearest deadline first (overdue ones come first)."""
    return (
        incidents_for_user(user)
        .exclude(status=Status.CLOSED)
        .order_by(F("next_deadline").asc(nulls_last=True), "-discovered_at")
    )
