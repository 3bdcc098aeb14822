"""The mails of incident response: chain notifications and reminders (numbers, kinds and links only).

A mail never carries the description, the title or anything about the individuals: the record holds the
facts and only people allowed to read it can open the link. Every mail goes through ``mamori.core.mail``,
which records each attempt and retries; this module only writes the text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mamori.core import mail
from mamori.incidents.determination import deadline_label
from mamori.incidents.models import Incident
from mamori.response.models import ChainNotification
from mamori.response.rules import Reminder

ACK_SALT = "mamori.response.ack"
ACK_MAX_AGE = 60 * 60 * 24 * 30  # an acknowledgement link works for 30 days


def ack_token(notification_id: int, email: str) -> str:
    """Return the signed token of one recipient's acknowledgement link."""
    return signing.dumps({"n": notification_id, "to": email}, salt=ACK_SALT, compress=True)


def ack_url(notification_id: int, email: str) -> str:
    """Return the acknowledgement link: the token after "#", so no access log or Referer carries it."""
    return f"{settings.SITE_URL}{reverse('response:ack_open')}#{ack_token(notification_id, email)}"


def read_ack_token(token: str) -> tuple[int, str]:
    """Return (notification id, e-mail) of a valid token; raise ``signing.BadSignature`` otherwise."""
    data = signing.loads(token, salt=ACK_SALT, max_age=ACK_MAX_AGE)
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("n"), int)
        or not isinstance(data.get("to"), str)
    ):
        raise signing.BadSignature("malformed acknowledgement token")
    return data["n"], data["to"]


def incident_url(incident: Incident) -> str:
    return settings.SITE_URL + reverse("incidents:detail", args=[incident.pk])


def _kind(incident: Incident) -> str:
    return str(_("Near miss") if incident.is_near_miss else _("Accident"))


CHAIN_KIND = "response.chain"
REMINDER_KIND = "response.reminder"


def queue_chain_mails(
    notification: ChainNotification, recipients: Iterable[str], *, fallback: bool, escalates: bool = True
) -> int:
    """Queue for each recipient the chain notification with their own acknowledgement link; return how many.

    ``escalates`` says whether anyone else is told when nobody acknowledges (not after the last step).
    Call inside the transaction that records the notification: the mails are tried when it commits.
    """
    incident = notification.incident
    queued = 0
    with translation.override(settings.LANGUAGE_CODE):
        kind = _kind(incident)
        escalation = (
            _("Without an acknowledgement within %(minutes)s minutes the next person is told.")
            % {"minutes": notification.ack_minutes}
            + "\n"
            if escalates
            else ""
        )
        subject = _("[mamori] Emergency: %(kind)s %(number)s, please acknowledge") % {
            "kind": kind,
            "number": incident.number,
        }
        for email in recipients:
            url = ack_url(notification.pk, email)
            body = _(
                "An incident was reported and you are on the emergency contact chain.\n\n"
                "Number: %(number)s\nKind: %(kind)s (%(event_class)s)\nDepartment: %(department)s\n"
                "Your role: %(role)s%(fallback)s\n\n"
                "Acknowledge with one click (nobody else will be called then): %(ack)s\n"
                "%(escalation)s\n"
                "Open the incident (login needed): %(url)s\n"
            ) % {
                "number": incident.number,
                "kind": kind,
                "event_class": incident.get_event_class_display() or "-",
                "department": incident.department.name if incident.department else "-",
                "role": notification.get_role_display(),
                "fallback": _(" (as the fallback)") if fallback else "",
                "ack": url,
                "escalation": escalation,
                "url": incident_url(incident),
            }
            mail.queue(
                kind=CHAIN_KIND,
                to=email,
                subject=subject,
                body=body,
                about=incident,
                data={"notification": notification.pk, "step": notification.order, "fallback": fallback},
                page=reverse("incidents:detail", args=[incident.pk]),
            )
            queued += 1
    return queued


def _days_text(due_on: dt.date, today: dt.date) -> str:
    days = (due_on - today).days
    if days == 0:
        return _("due today")
    if days > 0:
        return ngettext("%(n)d day left", "%(n)d days left", days) % {"n": days}
    return ngettext("%(n)d day overdue", "%(n)d days overdue", -days) % {"n": -days}


def reminder_line(reminder: Reminder, today: dt.date, task_title: str = "") -> str:
    """Return one line of a reminder mail."""
    if reminder.deadline == "task":
        what = _("Response task: %(task)s") % {"task": task_title}
    else:
        what = deadline_label(reminder.deadline)
        if reminder.stage == "warn":
            what = _("%(what)s, the guideline target is near") % {"what": what}
    return f"- {what}: {reminder.due_on.isoformat()} ({_days_text(reminder.due_on, today)})"


def queue_reminder_mail(incident: Incident, to: list[str], lines: list[str], kinds: list[str]) -> None:
    """Queue one reminder with ``lines`` about ``incident`` to each address of ``to``."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("[mamori] Reminder: %(kind)s %(number)s") % {
            "kind": _kind(incident),
            "number": incident.number,
        }
        body = (
            _("Deadlines of incident %(number)s:") % {"number": incident.number}
            + "\n\n"
            + "\n".join(lines)
            + "\n\n"
            + _("Open the incident: %(url)s") % {"url": incident_url(incident)}
            + "\n"
        )
    for address in to:
        mail.queue(
            kind=REMINDER_KIND,
            to=address,
            subject=subject,
            body=body,
            about=incident,
            data={"kinds": kinds},
            page=reverse("incidents:detail", args=[incident.pk]),
        )
