"""Every write of incident response: the chain and its notifications, the checklist, reminders; audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mamori.accounts.models import Role, User
from mamori.core import mail
from mamori.core.models import MailDelivery
from mamori.core.services import log_action
from mamori.incidents.models import Incident, TimelineEntry
from mamori.incidents.services import timeline_add
from mamori.incidents.taxonomy import Status
from mamori.jpcalendar import is_administrative_holiday
from mamori.response import mails, reminders, rules
from mamori.response.models import (
    DEFAULT_ACK_MINUTES,
    ChainNotification,
    ChainRole,
    ChainStep,
    ReminderSent,
    ResponseTask,
)

# --- The chain ------------------------------------------------------------------------------------------

STEP_FIELDS = ("order", "role", "user", "email", "fallback_user", "fallback_email", "ack_minutes")


def _check_step_people(organisation: Any, values: dict[str, Any]) -> None:
    for name in ("user", "fallback_user"):
        person = values.get(name)
        if person is not None and person.organisation_id != organisation.pk:
            raise ValueError(f"{name} belongs to another organisation")


@transaction.atomic
def chain_step_create(*, organisation: Any, actor: Any, **values: Any) -> ChainStep:
    """Add a step to the organisation's emergency contact chain."""
    unknown = set(values) - set(STEP_FIELDS)
    if unknown:
        raise ValueError(f"fields not allowed here: {sorted(unknown)}")
    _check_step_people(organisation, values)
    step = ChainStep.objects.create(organisation=organisation, **values)
    log_action(step, "response.chain_step.created", actor=actor, data=_step_data(step))
    return step


@transaction.atomic
def chain_step_update(*, step: ChainStep, actor: Any, **values: Any) -> ChainStep:
    """Change a step of the emergency contact chain."""
    unknown = set(values) - set(STEP_FIELDS)
    if unknown:
        raise ValueError(f"fields not allowed here: {sorted(unknown)}")
    _check_step_people(step.organisation, values)
    for name, value in values.items():
        setattr(step, name, value)
    step.save()
    log_action(step, "response.chain_step.changed", actor=actor, data=_step_data(step))
    return step


@transaction.atomic
def chain_step_delete(*, step: ChainStep, actor: Any) -> None:
    """Remove a step from the emergency contact chain."""
    log_action(step, "response.chain_step.deleted", actor=actor, data=_step_data(step))
    step.delete()


def _step_data(step: ChainStep) -> dict[str, Any]:
    # E-mail addresses are redacted by log_action (the "email" key); user ids are no personal details.
    return {
        "order": step.order,
        "role": step.role,
        "user": step.user_id,
        "email": step.email,
        "fallback_user": step.fallback_user_id,
        "ack_minutes": step.ack_minutes,
    }


def _emails(users: Any) -> list[str]:
    return [u.email for u in users if u.is_active and u.email]


def _role_people(incident: Incident, role: str) -> list[str]:
    """Return the addresses a step without a named person reaches through its role."""
    org_users = User.objects.filter(organisation_id=incident.organisation_id, is_active=True).order_by("pk")
    if role == ChainRole.MANAGER:
        return _emails(org_users.filter(role=Role.MANAGER))
    if role == ChainRole.EXECUTIVE:
        return _emails(org_users.filter(role=Role.EXECUTIVE))
    if role == ChainRole.DEPARTMENT_MANAGER and incident.department_id:
        return _emails(org_users.filter(role=Role.DEPARTMENT_MANAGER, department_id=incident.department_id))
    return []


def resolve_step(incident: Incident, step: ChainStep | None) -> tuple[list[str], list[str]]:
    """Return (primary, fallback) addresses of a step for an incident; no step means the managers.

    A step without a named person or address reaches its role: the managers, top management, or the
    incident's department manager(s). When the primary cannot be reached (no address, inactive account)
    the fallback becomes the primary.
    """
    if step is None:
        return _role_people(incident, ChainRole.MANAGER), []
    if step.user_id:
        primary = _emails([step.user])
    elif step.email:
        primary = [step.email]
    else:
        primary = _role_people(incident, step.role)
    if step.fallback_user_id:
        fallback = _emails([step.fallback_user])
    else:
        fallback = [step.fallback_email] if step.fallback_email else []
    if not primary:
        return fallback, []
    return primary, [a for a in fallback if a not in primary]


def _timeline(incident: Incident, text: str, actor: Any = None, **data: Any) -> None:
    timeline_add(incident, TimelineEntry.Kind.NOTE, actor, text, response=True, **data)


def _notify_step(
    incident: Incident, step: ChainStep | None, order: int, now: dt.datetime | None = None
) -> ChainNotification | None:
    """Record that step ``order`` is told and mail it after commit; None when it was told already."""
    primary, fallback = resolve_step(incident, step)
    try:
        with transaction.atomic():
            notification = ChainNotification.objects.create(
                incident=incident,
                step=step,
                order=order,
                role=step.role if step else ChainRole.MANAGER,
                recipients=primary,
                fallback_recipients=fallback,
                ack_minutes=step.ack_minutes if step else DEFAULT_ACK_MINUTES,
                notified_at=now or timezone.now(),
            )
    except IntegrityError:
        return None
    escalates = not incident.is_near_miss and (
        bool(fallback)
        or ChainStep.objects.filter(organisation_id=incident.organisation_id, order__gt=order).exists()
    )
    mails.queue_chain_mails(notification, primary, fallback=False, escalates=escalates)
    if not primary:
        with translation.override(settings.LANGUAGE_CODE):
            text = _("Emergency chain step %(order)s (%(role)s) reaches nobody: no e-mail address") % {
                "order": order,
                "role": notification.get_role_display(),
            }
        _timeline(incident, text, step=order, event="chain.unreachable")
    return notification


def chain_mail_outcome(delivery: MailDelivery) -> None:
    """Write to the timeline and the audit log that a chain mail left, or why it did not (a mail listener).

    "Notified" is written only once the mail server accepted the mail; a failure is written on the first
    failed attempt and again when mamori gives up, not on every retry.
    """
    notification = (
        ChainNotification.objects.select_related("incident")
        .filter(pk=delivery.data.get("notification"))
        .first()
    )
    if notification is None:
        return
    incident = notification.incident
    who = _who(incident, delivery.to, None, notification.get_role_display())
    values = {"order": notification.order, "role": notification.get_role_display(), "who": who}
    data = {"step": notification.order, "role": notification.role, "delivery": delivery.pk}
    with translation.override(settings.LANGUAGE_CODE):
        if delivery.state == MailDelivery.State.SENT:
            text = _("Emergency chain step %(order)s (%(role)s) notified: %(who)s") % values
            _timeline(incident, text, step=notification.order, event="chain.notified")
            log_action(incident, "response.chain.notified", data=data)
            return
        if delivery.attempts != 1 and delivery.state != MailDelivery.State.FAILED:
            return
        values["reason"] = mail.reason_text(delivery.error_code)
        if delivery.state == MailDelivery.State.FAILED:
            text = _(
                "Emergency chain step %(order)s (%(role)s): %(who)s could not be notified (%(reason)s). "
                "mamori stopped trying."
            )
        else:
            text = _(
                "Emergency chain step %(order)s (%(role)s): %(who)s could not be notified (%(reason)s). "
                "mamori tries again."
            )
        _timeline(incident, text % values, step=notification.order, event="chain.not_notified")
    log_action(incident, "response.chain.not_notified", data={**data, "reason": delivery.error_code})


def reminder_mail_outcome(delivery: MailDelivery) -> None:
    """Write to the audit log that a reminder left (a mail listener); failures show on the incident page."""
    if delivery.state != MailDelivery.State.SENT:
        return
    incident = Incident.objects.filter(pk=delivery.object_id).first()
    if incident is not None:
        log_action(
            incident,
            "response.reminder.sent",
            data={"kinds": delivery.data.get("kinds", []), "recipients": 1},
        )


@transaction.atomic
def chain_start(*, incident_id: int) -> ChainNotification | None:
    """Tell the first step of the chain about a new incident and create its response checklist.

    Without a chain defined, the organisation's managers are step 1 (and the only step). Near misses are
    told to step 1 only and never escalate. Calling it again for the same incident does nothing.
    """
    incident = Incident.objects.select_related("department", "organisation").get(pk=incident_id)
    first = ChainStep.objects.filter(organisation_id=incident.organisation_id).order_by("order").first()
    notification = _notify_step(incident, first, first.order if first else 1)
    if not incident.is_near_miss:
        checklist_create(incident=incident, actor=None)
    return notification


def escalation_candidates(now: dt.datetime) -> list[ChainNotification]:
    """Return the notifications whose time to acknowledge ran out and that are not escalated yet."""
    pending = (
        ChainNotification.objects.filter(escalated_at__isnull=True, incident__is_near_miss=False)
        .exclude(incident__status=Status.CLOSED)
        .exclude(incident__chain_notifications__acknowledged_at__isnull=False)
        .select_related("incident", "incident__department", "step")
        .order_by("notified_at")
    )
    # A step that reached nobody (no address for its role) does not wait for an acknowledgement.
    return [
        n
        for n in pending
        if n.notified_at + dt.timedelta(minutes=n.ack_minutes if n.recipients else 0) <= now
    ]


def chain_escalate(*, now: dt.datetime | None = None) -> int:
    """Escalate every unacknowledged step whose time ran out: tell its fallback and the next step.

    Each notification is claimed with a conditional UPDATE (``escalated_at IS NULL``) so that two
    overlapping runs escalate it once. Returns the number of steps escalated.
    """
    now = now or timezone.now()
    done = 0
    for notification in escalation_candidates(now):
        with transaction.atomic():
            claimed = ChainNotification.objects.filter(pk=notification.pk, escalated_at__isnull=True).update(
                escalated_at=now
            )
            if not claimed:
                continue
            done += 1
            _escalate(notification, now)
    return done


def _escalate(notification: ChainNotification, now: dt.datetime) -> None:
    incident = notification.incident
    fallback = list(notification.fallback_recipients)
    following = (
        ChainStep.objects.filter(organisation_id=incident.organisation_id, order__gt=notification.order)
        .order_by("order")
        .first()
    )
    if fallback:
        mails.queue_chain_mails(notification, fallback, fallback=True, escalates=following is not None)
    with translation.override(settings.LANGUAGE_CODE):
        text = _("No acknowledgement within %(minutes)s minutes from step %(order)s: escalated") % {
            "minutes": notification.ack_minutes,
            "order": notification.order,
        }
    _timeline(incident, text, step=notification.order, event="chain.escalated")
    log_action(
        incident,
        "response.chain.escalated",
        data={
            "step": notification.order,
            "fallback": len(fallback),
            "next": following.order if following else None,
        },
    )
    if following is not None:
        _notify_step(incident, following, following.order, now)


def _who(incident: Incident, email: str, actor: Any, role_label: str) -> str:
    if actor is not None and getattr(actor, "is_authenticated", False):
        return str(actor)
    user = User.objects.filter(organisation_id=incident.organisation_id, email__iexact=email).first()
    if user is not None:
        return str(user)
    local, _sep, domain = email.partition("@")
    return f"{role_label} ({local[:1]}***@{domain})"


@transaction.atomic
def chain_acknowledge(*, notification: ChainNotification, email: str = "", actor: Any = None) -> bool:
    """Record that someone on step ``notification`` acknowledged; return False when it was recorded before.

    The acknowledgement stops the escalation of the incident and goes into the timeline and the audit log.
    """
    now = timezone.now()
    who = _who(notification.incident, email, actor, notification.get_role_display())
    updated = ChainNotification.objects.filter(pk=notification.pk, acknowledged_at__isnull=True).update(
        acknowledged_at=now, acknowledged_by=who[:200]
    )
    if not updated:
        return False
    incident = notification.incident
    with translation.override(settings.LANGUAGE_CODE):
        text = _("Acknowledged by %(who)s (emergency chain step %(order)s)") % {
            "who": who,
            "order": notification.order,
        }
    _timeline(incident, text, actor, step=notification.order, event="chain.acknowledged")
    log_action(
        incident,
        "response.chain.acknowledged",
        actor=actor,
        data={"step": notification.order, "role": notification.role, "external": actor is None},
    )
    return True


# --- The checklist --------------------------------------------------------------------------------------


@transaction.atomic
def checklist_create(*, incident: Incident, actor: Any, event_class: str | None = None) -> list[ResponseTask]:
    """Copy the checklist template of the incident's kind into tasks; tasks already there are kept."""
    specs = rules.checklist(
        event_class if event_class is not None else incident.event_class,
        incident.known_on,
        preliminary_target=incident.preliminary_target,
        final_due=incident.final_due,
    )
    existing = set(incident.response_tasks.values_list("key", flat=True))
    created = []
    for s in specs:
        if s.key in existing:
            continue
        try:
            with transaction.atomic():  # a concurrent request may have copied the same task
                created.append(
                    ResponseTask.objects.create(
                        incident=incident,
                        order=s.order,
                        phase=s.phase,
                        key=s.key,
                        title=s.title,
                        due_on=s.due_on,
                    )
                )
        except IntegrityError:
            continue
    if created:
        log_action(
            incident,
            "response.checklist.created",
            actor=actor,
            data={"event_class": event_class or incident.event_class, "tasks": len(created)},
        )
    return created


@transaction.atomic
def task_add(
    *,
    incident: Incident,
    actor: Any,
    title: str,
    phase: str,
    owner: Any = None,
    due_on: dt.date | None = None,
) -> ResponseTask:
    """Add a hand-made task to an incident's checklist."""
    if owner is not None and owner.organisation_id != incident.organisation_id:
        raise ValueError("the owner belongs to another organisation")
    if phase not in rules.PHASES:
        raise ValueError(f"unknown phase {phase!r}")
    last = incident.response_tasks.order_by("-order").values_list("order", flat=True).first() or 0
    task = ResponseTask.objects.create(
        incident=incident, order=last + 10, phase=phase, title=title, owner=owner, due_on=due_on
    )
    log_action(
        task,
        "response.task.added",
        actor=actor,
        data={"incident": incident.pk, "phase": phase, "owner": owner.pk if owner else None},
    )
    return task


@transaction.atomic
def task_update(
    *, task: ResponseTask, actor: Any, owner: Any, due_on: dt.date | None, done: bool
) -> ResponseTask:
    """Set the owner, the due date and the done mark of a task; a change of the mark goes to the timeline."""
    task = ResponseTask.objects.select_for_update().select_related("incident").get(pk=task.pk)
    if owner is not None and owner.organisation_id != task.incident.organisation_id:
        raise ValueError("the owner belongs to another organisation")
    changes: dict[str, Any] = {}
    if task.owner_id != (owner.pk if owner else None):
        changes["owner"] = {"old": task.owner_id, "new": owner.pk if owner else None}
        task.owner = owner
    if task.due_on != due_on:
        changes["due_on"] = {
            "old": task.due_on.isoformat() if task.due_on else None,
            "new": due_on.isoformat() if due_on else None,
        }
        task.due_on = due_on
    if task.is_done != done:
        changes["done"] = {"old": task.is_done, "new": done}
        task.done_at = timezone.now() if done else None
        task.done_by = actor if done else None
    if not changes:
        return task
    task.save()
    log_action(
        task, "response.task.changed", actor=actor, data={"incident": task.incident_id, "changes": changes}
    )
    if "done" in changes and task.key:
        with translation.override(settings.LANGUAGE_CODE):
            label = _(task.title)
            text = (_("Task done: %(task)s") if done else _("Task reopened: %(task)s")) % {"task": label}
        _timeline(task.incident, text, actor, task=task.pk, event="task.done" if done else "task.reopened")
    return task


# --- Reminders ------------------------------------------------------------------------------------------


def reminders_send(*, today: dt.date | None = None) -> int:
    """Queue the reminders due today for every open incident; return the number of reminder mails.

    Each reminder is claimed by inserting its ``ReminderSent`` row (unique per incident, kind and date)
    and its mails are queued in the same transaction: a second run sends nothing twice. A mail the server
    refused stays in ``mamori.core.mail``, which retries it and shows the failure on the incident page.
    """
    today = today or timezone.localdate()
    sent = 0
    if is_administrative_holiday(today):
        return 0  # no reminder goes out on a holiday (the rules say so): read nothing
    managers: dict[int, list[str]] = {}  # per organisation, read once per run
    for incident in reminders.incidents_to_remind(today).iterator(chunk_size=500):
        batches = list(reminders.due_for_incident(incident, today, managers))
        kinds = [r.kind for _to, due in batches for r in due]
        # The reminders sent already are read in one query: a quiet run claims nothing and writes nothing.
        sent_before = set(
            ReminderSent.objects.filter(incident=incident, kind__in=kinds).values_list("kind", "on")
            if kinds
            else ()
        )
        for to, due in batches:
            due = [r for r in due if (r.kind, r.key_on) not in sent_before]
            if due:
                sent += _send_reminders(incident, to, due, today)
    return sent


@transaction.atomic
def _send_reminders(incident: Incident, to: list[str], due: list[rules.Reminder], today: dt.date) -> int:
    claimed = []
    for reminder in due:
        try:
            with transaction.atomic():
                ReminderSent.objects.create(
                    incident=incident, kind=reminder.kind, on=reminder.key_on, recipients=len(to)
                )
        except IntegrityError:
            continue
        claimed.append(reminder)
    if not claimed:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        titles = reminders.task_titles(claimed)
        lines = [mails.reminder_line(r, today, titles.get(r.task_id or 0, "")) for r in claimed]
    mails.queue_reminder_mail(incident, to, lines, [r.kind for r in claimed])
    return 1
