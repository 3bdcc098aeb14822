"""The incident page's response section: chain notifications, acknowledgement and the checklist."""

from __future__ import annotations

from typing import Any

from django import template

from mamori.accounts.models import User
from mamori.core import mail
from mamori.core.templatetags.mail_tags import recipient_label
from mamori.incidents.models import Incident
from mamori.incidents.queries import can_triage
from mamori.response import mails, queries
from mamori.response.forms import OWNERS_LIST, TaskAddForm, TaskForm, owner_candidates

register = template.Library()


@register.inclusion_tag("response/incident_section.html", takes_context=True)
def response_section(context: dict[str, Any], incident: Incident) -> dict[str, Any]:
    """Render the emergency chain and the checklist of ``incident`` for the current user."""
    user = context["request"].user
    manager = can_triage(user, incident)
    tasks = []
    for task in incident.response_tasks.select_related("owner"):
        form = None
        if queries.can_edit_task(user, task):
            form = TaskForm(
                organisation_id=incident.organisation_id,
                initial={"owner": task.owner, "due_on": task.due_on, "done": task.is_done},
                auto_id=False,
            )
        tasks.append((task, form))
    # One list of suggestions for every owner field of the page (one query, bounded by the department).
    owners = (
        owner_candidates(incident.organisation_id, incident.department_id)
        if any(f for _t, f in tasks) or manager
        else []
    )
    return {
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "incident": incident,
        "notifications": _with_deliveries(incident),
        "can_ack": queries.notification_to_acknowledge(user, incident) is not None,
        "tasks": tasks,
        "is_manager": manager,
        "add_form": TaskAddForm(organisation_id=incident.organisation_id) if manager else None,
        "owners": owners,
        "owners_list": OWNERS_LIST,
    }


def _with_deliveries(incident: Incident) -> list[tuple[Any, list[dict[str, Any]]]]:
    """Return each chain notification with the state of its mails (who, sent or why not)."""
    deliveries = list(mail.deliveries_about(incident).filter(kind=mails.CHAIN_KIND).order_by("pk"))
    names = {
        u.email.lower(): str(u)
        for u in User.objects.filter(
            organisation_id=incident.organisation_id, email__in=[d.to for d in deliveries]
        )
    }
    by_notification: dict[int, list[dict[str, Any]]] = {}
    for d in deliveries:
        by_notification.setdefault(d.data.get("notification", 0), []).append(
            {"delivery": d, "to": recipient_label(d, names), "reason": mail.reason_text(d.error_code)}
        )
    return [(n, by_notification.get(n.pk, [])) for n in incident.chain_notifications.all()]
