"""The incident page's section of corrective actions."""

from __future__ import annotations

from typing import Any

from django import template

from mamori.audits import queries
from mamori.incidents.models import Incident

register = template.Library()


@register.inclusion_tag("audits/incident_section.html", takes_context=True)
def corrective_actions_section(context: dict[str, Any], incident: Incident) -> dict[str, Any]:
    """Render the corrective actions of ``incident`` the current user may read."""
    user = context["request"].user
    return {
        "incident": incident,
        "actions": queries.corrective_actions_for_user(user).filter(incident=incident),
        "can_manage": queries.can_manage(user),
    }
