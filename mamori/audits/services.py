"""Every write to corrective actions, audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from mamori.audits.models import CorrectiveAction
from mamori.core.services import log_action


@transaction.atomic
def corrective_action_create(
    *,
    actor: Any,
    title: str,
    cause_analysis: str,
    action: str,
    owner: Any,
    due_on: dt.date,
    incident: Any = None,
    review_due_on: dt.date | None = None,
    finding: Any = None,
    correction: str = "",
) -> CorrectiveAction:
    """Create a corrective action for an incident or an audit finding of the actor's organisation.

    ``correction`` is the immediate fix of the nonconformity; ``action`` removes its cause (10.2).
    """
    if incident is not None and incident.organisation_id != actor.organisation_id:
        raise ValueError("the incident belongs to another organisation")
    if finding is not None and finding.audit.programme.organisation_id != actor.organisation_id:
        raise ValueError("the finding belongs to another organisation")
    if owner.organisation_id != actor.organisation_id:
        raise ValueError("the owner belongs to another organisation")
    ca = CorrectiveAction.objects.create(
        organisation_id=actor.organisation_id,
        incident=incident,
        finding=finding,
        requirement=finding.requirement if finding is not None else "",
        correction=correction,
        title=title,
        cause_analysis=cause_analysis,
        action=action,
        owner=owner,
        due_on=due_on,
        review_due_on=review_due_on,
    )
    log_action(
        ca,
        "audits.corrective_action.created",
        actor=actor,
        data={
            "incident": incident.pk if incident else None,
            "finding": finding.pk if finding else None,
            "due_on": due_on.isoformat(),
        },
    )
    return ca


@transaction.atomic
def corrective_action_complete(
    *, ca: CorrectiveAction, actor: Any, completed_on: dt.date
) -> CorrectiveAction:
    """Mark the action as carried out."""
    ca.completed_on = completed_on
    ca.save(update_fields=["completed_on"])
    log_action(
        ca, "audits.corrective_action.completed", actor=actor, data={"completed_on": completed_on.isoformat()}
    )
    return ca


@transaction.atomic
def corrective_action_review(
    *, ca: CorrectiveAction, actor: Any, reviewed_on: dt.date, effective: bool, note: str = ""
) -> CorrectiveAction:
    """Record the effectiveness review of a completed action."""
    if ca.completed_on is None:
        raise ValueError("an action is reviewed only after it is completed")
    ca.reviewed_on, ca.effective, ca.review_note = reviewed_on, effective, note
    ca.save(update_fields=["reviewed_on", "effective", "review_note"])
    log_action(
        ca, "audits.corrective_action.reviewed", actor=actor, data={"effective": effective, "note": note}
    )
    return ca


@transaction.atomic
def corrective_action_close(*, ca: CorrectiveAction, actor: Any, closed_on: dt.date) -> CorrectiveAction:
    """Close the action: only after it was completed and its effectiveness reviewed as effective."""
    if not ca.can_close:
        raise ValueError("an action is closed only after an effectiveness review found it effective")
    ca.closed_on = closed_on
    ca.save(update_fields=["closed_on"])
    log_action(ca, "audits.corrective_action.closed", actor=actor, data={"closed_on": closed_on.isoformat()})
    return ca


CA_FIELDS = ("title", "correction", "cause_analysis", "action", "owner", "due_on", "review_due_on")


@transaction.atomic
def corrective_action_update(*, ca: CorrectiveAction, actor: Any, **values: Any) -> CorrectiveAction:
    """Change the analysis, action, owner or dates of a corrective action."""
    unknown = set(values) - set(CA_FIELDS)
    if unknown:
        raise ValueError(f"fields not allowed here: {sorted(unknown)}")
    owner = values.get("owner")
    if owner is not None and owner.organisation_id != ca.organisation_id:
        raise ValueError("the owner belongs to another organisation")
    changed = sorted(name for name, value in values.items() if getattr(ca, name) != value)
    if not changed:
        return ca
    for name in changed:
        setattr(ca, name, values[name])
    ca.save(update_fields=changed)
    log_action(ca, "audits.corrective_action.changed", actor=actor, data={"fields": changed})
    return ca
