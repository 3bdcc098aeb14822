"""Permission-scoped reads for the statistics: the whole organisation's register, for roles that read it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from mamori.incidents.models import Incident
from mamori.stats.rules import IncidentRow


def can_see_statistics(user: Any) -> bool:
    """Return whether ``user`` reads the organisation-wide statistics (manager, audit lead, top management)."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.organisation_id is not None
        and user.sees_whole_organisation
    )


def organisation_incidents(user: Any) -> QuerySet[Incident]:
    """Return every incident of ``user``'s organisation, or raise PermissionDenied for other roles.

    Statistics are of the whole organisation: a partial view (a department manager's, an employee's own
    reports) would give misleading shares, so those roles get no statistics at all.
    """
    if not can_see_statistics(user):
        raise PermissionDenied
    return Incident.objects.filter(organisation_id=user.organisation_id)


def incident_rows(user: Any) -> list[IncidentRow]:
    """Return the coded facts of the organisation's incidents for the pure statistics functions."""
    fields = ("known_on", "is_near_miss", "events", "likely", "event_class", "cause", "medium")
    return [
        IncidentRow(
            known_on=values["known_on"],
            is_near_miss=values["is_near_miss"],
            events=tuple(values["events"] or ()),
            likely=values["likely"],
            event_class=values["event_class"],
            cause=values["cause"],
            medium=values["medium"],
        )
        for values in organisation_incidents(user).values(*fields)
    ]
