"""The trial inbox: a mail backend that keeps mails in mamori's database and the page that shows them.

``./scripts/start`` uses it when no SMTP server is configured, so that a first trial sees the emergency
chain, reminders and mail-guard notices arrive (acknowledgement links work) without a mail server. It is
not for production: nothing leaves the machine, and every page says so while it is on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage
from django.utils import timezone

from mamori.core.models import TrialMail

BACKEND = "mamori.core.inbox.InboxBackend"


class InboxBackend(BaseEmailBackend):
    """Keep each message as a :class:`TrialMail` row instead of sending it."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            TrialMail.objects.create(
                to=list(message.recipients()), subject=str(message.subject)[:300], body=str(message.body)
            )
        return len(email_messages)


def is_on() -> bool:
    """Whether mails are kept in the trial inbox instead of being sent."""
    return bool(settings.EMAIL_BACKEND == BACKEND)


def mails_for(user: Any, limit: int = 100) -> list[TrialMail]:
    """Return the latest trial mails ``user`` may read: their own; a manager also those to the
    organisation's people and to outside addresses (counsel), never another organisation's."""
    own = (user.email or "").lower()
    foreign: set[str] = set()
    if getattr(user, "is_pms_manager", False):
        others = get_user_model().objects.exclude(email="").exclude(organisation_id=user.organisation_id)
        foreign = {e.lower() for e in others.values_list("email", flat=True)}
    readable = []
    for mail in TrialMail.objects.all()[:1000]:
        to = {a.lower() for a in mail.to}
        if (own and own in to) or (getattr(user, "is_pms_manager", False) and not to & foreign):
            readable.append(mail)
        if len(readable) == limit:
            break
    return readable


def prune(*, now: dt.datetime | None = None) -> int:
    """Delete trial-inbox mails older than ``TRIAL_INBOX_DAYS`` (0: keep them); return how many."""
    if settings.TRIAL_INBOX_DAYS <= 0:
        return 0
    before = (now or timezone.now()) - dt.timedelta(days=settings.TRIAL_INBOX_DAYS)
    deleted, _ = TrialMail.objects.filter(created_at__lt=before).delete()
    return deleted
