"""Permission-scoped reads of corrective actions: one getter, one list."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from mamori.audits.models import CorrectiveAction, Finding
from mamori.incidents.queries import incidents_for_user


def corrective_actions_for_user(user: Any) -> QuerySet[CorrectiveAction]:
    """Return the corrective actions ``user`` may read.

    The manager, the audit lead and top management read all of the organisation's; others read those
    they own and those of incidents they may read.
    """
    if not getattr(user, "is_authenticated", False) or user.organisation_id is None:
        return CorrectiveAction.objects.none()
    qs = CorrectiveAction.objects.filter(organisation_id=user.organisation_id).select_related(
        "owner", "incident"
    )
    if user.sees_whole_organisation:
        return qs
    return qs.filter(Q(owner=user) | Q(incident__in=incidents_for_user(user)))


def get_corrective_action_for_user(user: Any, pk: Any) -> CorrectiveAction:
    """Return one corrective action ``user`` may read, or raise 404."""
    try:
        return corrective_actions_for_user(user).get(pk=pk)
    except (CorrectiveAction.DoesNotExist, ValueError, TypeError):
        raise Http404("No such corrective action") from None


def can_manage(user: Any) -> bool:
    """Return whether ``user`` may create, change and review corrective actions (the manager)."""
    return bool(getattr(user, "is_authenticated", False) and user.organisation_id and user.is_pms_manager)


def can_complete(user: Any, ca: CorrectiveAction) -> bool:
    """Return whether ``user`` may mark the action carried out (the manager and the owner)."""
    return can_manage(user) or ca.owner_id == user.pk


def get_finding_for_user(user: Any, pk: Any) -> Finding:
    """Return one audit finding of the user's organisation for the manager, or raise 404."""
    try:
        return Finding.objects.select_related("audit__programme").get(
            pk=pk, audit__programme__organisation_id=user.organisation_id
        )
    except (Finding.DoesNotExist, ValueError, TypeError):
        raise Http404("No such finding") from None
