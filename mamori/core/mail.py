"""The one path every mail of mamori takes: a delivery record, attempts with their outcome, retries.

Callers build the subject and body (numbers, kinds and links only) and call :func:`queue` inside the
transaction of the change that causes the mail. The row commits with the change; the first attempt runs
on commit, and :func:`retry_due` (a ``runperiodic`` job) tries again with backoff until the mail left or a
day has passed. A mail is called sent only when the mail server accepted it.

**Hook for kinds.** Each app names its kinds of mail in its ``AppConfig.ready``, with the label pages
show and, when it must react to the outcome (the emergency chain writes "notified" to the timeline only
once the mail left), a listener::

    from mamori.core import mail
    mail.register_kind("response.chain", _("Emergency chain mail"), listener=on_chain_mail)

The listener gets the :class:`MailDelivery` after each attempt, inside the transaction that records it.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import smtplib
import socket
import ssl
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mamori.core.models import MailAttempt, MailDelivery, Organisation

log = logging.getLogger(__name__)

GIVE_UP_AFTER = dt.timedelta(hours=24)  # a notice older than a day helps nobody; the page says so
CLAIM_TIMEOUT = dt.timedelta(minutes=10)  # far longer than the SMTP timeout of one attempt
MAX_DELAY_MINUTES = 60

Listener = Callable[[MailDelivery], None]
LISTENERS: dict[str, list[Listener]] = {}
KIND_LABELS: dict[str, Any] = {}

# Why a mail did not leave, in words a manager can act on (the code is kept in the record).
REASONS = {
    "refused": _("the mail server refused the connection (is it running, are host and port right?)"),
    "timeout": _("the mail server did not answer in time"),
    "dns": _("the name of the mail server could not be resolved"),
    "network": _("the mail server could not be reached over the network"),
    "tls": _("the encrypted connection (TLS) to the mail server failed"),
    "auth": _("the mail server refused mamori's login"),
    "recipient": _("the mail server refused the recipient's address"),
    "sender": _("the mail server refused mamori's sender address"),
    "rejected": _("the mail server rejected the mail"),
    "disconnected": _("the mail server closed the connection"),
    "not_sent": _("the mail backend sent nothing"),
    "other": _("the mail could not be handed to the mail server"),
}
EMAIL_RE = re.compile(r"([\w.+-])[\w.+-]*@([\w-]+(?:\.[\w-]+)+)")


def register_kind(kind: str, label: Any, *, listener: Listener | None = None) -> None:
    """Name a kind of mail and, optionally, call ``listener`` after each of its attempts (from ``ready``)."""
    KIND_LABELS[kind] = label
    if listener is not None:
        listeners = LISTENERS.setdefault(kind, [])
        if listener not in listeners:
            listeners.append(listener)


SenderFinder = Callable[[Organisation | None], str | None]
SENDER_FINDERS: list[SenderFinder] = []


def register_sender(finder: SenderFinder) -> None:
    """Let an app name the From address of an organisation's mail (the mail guard: its own domain)."""
    SENDER_FINDERS.append(finder)


def sender_address(organisation: Organisation | None) -> str:
    """Return the From address of mamori's mail to (people of) *organisation*.

    ``MAMORI_FROM_EMAIL`` when set; else the first address a registered finder gives; else
    ``DEFAULT_FROM_EMAIL``.
    """
    if not settings.FROM_EMAIL_EXPLICIT:
        for finder in SENDER_FINDERS:
            if found := finder(organisation):
                return found
    return str(settings.DEFAULT_FROM_EMAIL)


def kind_label(kind: str) -> str:
    """Return the label of a kind of mail (the code itself when no app named it)."""
    return str(KIND_LABELS.get(kind, kind))


def retry_delay(attempts: int) -> dt.timedelta:
    """Return the wait after ``attempts`` failed tries: 1, 2, 4 … minutes, at most an hour."""
    return dt.timedelta(minutes=min(MAX_DELAY_MINUTES, 2 ** max(0, attempts - 1)))


def classify(exc: BaseException) -> tuple[str, bool]:
    """Return (reason code, permanent) for an exception raised while sending.

    A 5xx answer is permanent (the same mail would be refused again); everything else is retried.
    """
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return "auth", exc.smtp_code >= 500
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in exc.recipients.values()]
        return "recipient", bool(codes) and all(code >= 500 for code in codes)
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return "sender", exc.smtp_code >= 500
    if isinstance(exc, smtplib.SMTPResponseException):
        return "rejected", exc.smtp_code >= 500
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return "disconnected", False
    if isinstance(exc, ConnectionRefusedError):
        return "refused", False
    if isinstance(exc, socket.timeout | TimeoutError):
        return "timeout", False
    if isinstance(exc, socket.gaierror):
        return "dns", False
    if isinstance(exc, ssl.SSLError | smtplib.SMTPNotSupportedError):
        return "tls", False
    if isinstance(exc, OSError):
        return "network", False
    return "other", False


def reason_text(code: str) -> str:
    """Return the plain-language reason of an error code."""
    return str(REASONS.get(code, REASONS["other"]))


def _detail(exc: BaseException) -> str:
    """Return the exception's class and text with any e-mail address masked (a***@example.com)."""
    text = f"{exc.__class__.__name__}: {exc}"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        text = exc.__class__.__name__ + ": " + "; ".join(f"{c} {m!r}" for c, m in exc.recipients.values())
    return EMAIL_RE.sub(r"\1***@\2", text)[:300]


def queue(
    *,
    kind: str,
    to: str,
    subject: str,
    body: str,
    about: models.Model | None = None,
    organisation: Organisation | None = None,
    data: dict[str, Any] | None = None,
    page: str = "",
) -> MailDelivery:
    """Record a mail to ``to`` and try to send it when the current transaction commits.

    ``page`` is the path of the page a failure concerns (linked from the dashboard's list of failures).
    """
    if organisation is None and about is not None:
        organisation = about if isinstance(about, Organisation) else getattr(about, "organisation", None)
    delivery = MailDelivery.objects.create(
        organisation=organisation,
        kind=kind,
        object_type=about._meta.label_lower if about is not None else "",
        object_id=str(about.pk) if about is not None else "",
        to=to,
        subject=subject[:300],
        body=body,
        data={**(data or {}), **({"page": page} if page else {})},
        next_attempt_at=timezone.now(),
        give_up_at=timezone.now() + GIVE_UP_AFTER,
    )
    pk = delivery.pk
    transaction.on_commit(lambda: attempt(pk))
    return delivery


def _claim(pk: int, now: dt.datetime) -> bool:
    """Claim a delivery for one attempt (conditional UPDATE: two workers never send it twice)."""
    open_states = [MailDelivery.State.PENDING, MailDelivery.State.RETRYING]
    return bool(
        MailDelivery.objects.filter(pk=pk, state__in=open_states)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_TIMEOUT))
        .update(claimed_at=now)
    )


def attempt(pk: int, *, now: dt.datetime | None = None) -> MailDelivery | None:
    """Try to send one delivery now and record the outcome; None when another worker holds it or it left."""
    now = now or timezone.now()
    if not _claim(pk, now):
        return None
    delivery = MailDelivery.objects.get(pk=pk)
    message = EmailMessage(
        delivery.subject, delivery.body, sender_address(delivery.organisation), [delivery.to]
    )
    try:
        accepted = message.send()
    except Exception as exc:  # noqa: BLE001 - any failure is recorded and retried, never lost
        code, permanent = classify(exc)
        log.warning("%s mail #%s not sent: %s (%s)", delivery.kind, pk, code, exc.__class__.__name__)
        return _record(delivery, now, ok=False, code=code, detail=_detail(exc), permanent=permanent)
    if not accepted:
        return _record(delivery, now, ok=False, code="not_sent", detail="", permanent=False)
    return _record(delivery, now, ok=True)


@transaction.atomic
def _record(
    delivery: MailDelivery,
    now: dt.datetime,
    *,
    ok: bool,
    code: str = "",
    detail: str = "",
    permanent: bool = False,
) -> MailDelivery:
    delivery.attempts += 1
    delivery.claimed_at = None
    delivery.error_code, delivery.error = code, detail
    if ok:
        delivery.state, delivery.sent_at, delivery.next_attempt_at = MailDelivery.State.SENT, now, None
    elif permanent or (delivery.give_up_at is not None and now >= delivery.give_up_at):
        delivery.state, delivery.next_attempt_at = MailDelivery.State.FAILED, None
    else:
        delivery.state = MailDelivery.State.RETRYING
        delivery.next_attempt_at = now + retry_delay(delivery.attempts)
    delivery.save()
    MailAttempt.objects.create(delivery=delivery, at=now, ok=ok, error_code=code, error=detail)
    for listener in LISTENERS.get(delivery.kind, []):
        listener(delivery)
    return delivery


def retry_due(*, now: dt.datetime | None = None) -> str:
    """Try every delivery whose next attempt is due (the ``runperiodic`` job); return a summary."""
    now = now or timezone.now()
    due = MailDelivery.objects.filter(
        state__in=[MailDelivery.State.PENDING, MailDelivery.State.RETRYING], next_attempt_at__lte=now
    ).values_list("pk", flat=True)
    sent = failed = 0
    for pk in list(due.order_by("next_attempt_at", "pk")[:500]):
        delivery = attempt(pk, now=now)
        if delivery is None:
            continue
        if delivery.state == MailDelivery.State.SENT:
            sent += 1
        else:
            failed += 1
    return f"{sent} mails sent on retry, {failed} still failing"


PRUNE_BATCH = 2000


def prune_records(*, now: dt.datetime | None = None) -> int:
    """Delete the delivery records (with their attempts) older than ``MAIL_RECORD_DAYS``; return how many.

    Only finished records go (sent, or given up on): a mail still waiting or being retried is kept
    whatever its age. Deleted in batches, so a big backlog never loads at once. 0 days keeps them all.
    """
    if settings.MAIL_RECORD_DAYS <= 0:
        return 0
    before = (now or timezone.now()) - dt.timedelta(days=settings.MAIL_RECORD_DAYS)
    old = MailDelivery.objects.filter(
        created_at__lt=before, state__in=[MailDelivery.State.SENT, MailDelivery.State.FAILED]
    ).values_list("pk", flat=True)
    total = 0
    while batch := list(old[:PRUNE_BATCH]):
        MailAttempt.objects.filter(delivery_id__in=batch).delete()
        total += MailDelivery.objects.filter(pk__in=batch).delete()[0]
    return total


def retry_now(delivery: MailDelivery) -> MailDelivery | None:
    """Try a delivery again at once (a manager's button), also after mamori gave up on it."""
    MailDelivery.objects.filter(pk=delivery.pk, state=MailDelivery.State.FAILED).update(
        state=MailDelivery.State.RETRYING, give_up_at=timezone.now() + GIVE_UP_AFTER
    )
    return attempt(delivery.pk)


def deliveries_about(obj: models.Model) -> models.QuerySet[MailDelivery]:
    """Return every mail about one record, newest first."""
    return MailDelivery.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))


def unsent(queryset: models.QuerySet[MailDelivery]) -> models.QuerySet[MailDelivery]:
    """Narrow ``queryset`` to the mails that did not leave after at least one try."""
    return queryset.exclude(state=MailDelivery.State.SENT).filter(attempts__gt=0)
