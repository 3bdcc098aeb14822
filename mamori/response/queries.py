"""Permission-scoped reads of incident response: chain steps, tasks, acknowledgements."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from mamori.incidents.models import Incident
from mamori.incidents.queries import can_triage, incidents_for_user
from mamori.response.models import ChainNotification, ChainStep, ResponseTask


def _org_id(user: Any) -> int | None:
    return user.organisation_id if getattr(user, "is_authenticated", False) else None


def chain_for_user(user: Any) -> QuerySet[ChainStep]:
    """Return the emergency chain of the user's organisation (every member may read it)."""
    org_id = _org_id(user)
    if org_id is None:
        return ChainStep.objects.none()
    return ChainStep.objects.filter(organisation_id=org_id).select_related("user", "fallback_user")


def can_edit_chain(user: Any) -> bool:
    """Return whether ``user`` may change the chain (the personal information protection manager)."""
    return bool(_org_id(user) and user.is_pms_manager)


def get_step_for_user(user: Any, pk: Any) -> ChainStep:
    """Return one step of the user's chain, or raise 404."""
    try:
        return chain_for_user(user).get(pk=pk)
    except (ChainStep.DoesNotExist, ValueError, TypeError):
        raise Http404("No such step") from None


def tasks_for_user(user: Any) -> QuerySet[ResponseTask]:
    """Return the open tasks the user owns, earliest due first."""
    org_id = _org_id(user)
    if org_id is None:
        return ResponseTask.objects.none()
    return (
        ResponseTask.objects.filter(owner=user, incident__organisation_id=org_id, done_at__isnull=True)
        .select_related("incident")
        .order_by("due_on", "incident_id", "order")
    )


def can_edit_task(user: Any, task: ResponseTask) -> bool:
    """Return whether ``user`` may set the owner, due date and done mark (the manager and the owner)."""
    return bool(_org_id(user)) and (task.owner_id == user.pk or can_triage(user, task.incident))


def get_task_for_user(user: Any, pk: Any) -> ResponseTask:
    """Return one task the user owns or whose incident the user may read, or raise 404."""
    org_id = _org_id(user)
    if org_id is None:
        raise Http404("No such task")
    try:
        task = ResponseTask.objects.select_related("incident", "owner").get(
            pk=pk, incident__organisation_id=org_id
        )
    except (ResponseTask.DoesNotExist, ValueError, TypeError):
        raise Http404("No such task") from None
    if task.owner_id != user.pk and not incidents_for_user(user).filter(pk=task.incident_id).exists():
        raise Http404("No such task")
    return task


def notification_to_acknowledge(user: Any, incident: Incident) -> ChainNotification | None:
    """Return the notification ``user`` acknowledges from the incident page, or None if they may not.

    A step that mailed the user comes first; the manager may acknowledge the latest step for everyone.
    """
    if incident.chain_notifications.filter(acknowledged_at__isnull=False).exists():
        return None
    pending = list(incident.chain_notifications.order_by("-order"))
    email = (getattr(user, "email", "") or "").lower()
    for notification in pending:
        if email and email in {
            a.lower() for a in [*notification.recipients, *notification.fallback_recipients]
        }:
            return notification
    if pending and can_triage(user, incident):
        return pending[0]
    return None
