"""Deliver messages to the upstream relay: directly for ``deliver`` verdicts, and held ones when due.

At-least-once, with a small window: a message is claimed with a conditional UPDATE (two workers
never send one message twice), sent, then a ``.sent`` marker is fsynced in the spool, then the
database is updated. A crash after the upstream's 250 but before the marker is written leaves a
stale claim that is sent again after ``MAILGUARD_CLAIM_TIMEOUT`` (same bytes, same Message-ID, so
mail clients show one mail). A crash after the marker is recognised and not sent again.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
import ssl
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from mamori.mailguard import rewrite, services, spool
from mamori.mailguard.models import HeldMessage, State

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class UpstreamResult:
    """Say how the upstream answered: ``ok``, ``temporary`` (retry) or ``permanent`` (refused)."""

    outcome: str
    code: int = 250
    text: str = ""
    refused: tuple[str, ...] = ()


def upstream_address() -> tuple[str, int]:
    """Return the (host, port) of ``MAMORI_MAILGUARD_UPSTREAM``."""
    host, _, port = settings.MAILGUARD_UPSTREAM.rpartition(":")
    return host.strip("[]") or "127.0.0.1", int(port or 25)


def send_upstream(mail_from: str, recipients: list[str], data: bytes) -> UpstreamResult:
    """Relay one message to the upstream server and classify its answer."""
    host, port = upstream_address()
    try:
        with smtplib.SMTP(host, port, timeout=settings.MAILGUARD_UPSTREAM_TIMEOUT) as smtp:
            if settings.MAILGUARD_UPSTREAM_STARTTLS:
                smtp.starttls(context=ssl.create_default_context())
            if settings.MAILGUARD_UPSTREAM_USER:
                smtp.login(settings.MAILGUARD_UPSTREAM_USER, settings.MAILGUARD_UPSTREAM_PASSWORD)
            refused = smtp.sendmail(mail_from, recipients, data)
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _ in exc.recipients.values()]
        kind = "permanent" if all(c >= 500 for c in codes) else "temporary"
        return UpstreamResult(kind, max(codes, default=451), "recipients refused")
    except smtplib.SMTPResponseException as exc:
        kind = "permanent" if exc.smtp_code >= 500 else "temporary"
        return UpstreamResult(kind, exc.smtp_code, _text(exc.smtp_error))
    except (OSError, smtplib.SMTPException) as exc:
        return UpstreamResult("temporary", 451, type(exc).__name__)
    return UpstreamResult("ok", 250, "", tuple(refused))


def _text(raw: bytes | str) -> str:
    value = raw.decode("ascii", "replace") if isinstance(raw, bytes) else raw
    return value.replace("\r", " ").replace("\n", " ")[:300]


def prepared(raw: bytes, bcc_conversion: list[str]) -> bytes:
    """Return the bytes to send: exposed recipients moved to Bcc when the policy says so."""
    return rewrite.move_to_bcc(raw, bcc_conversion) if bcc_conversion else raw


def deliver_claimed(message: HeldMessage, token: str) -> str:
    """Send one claimed message and record the outcome; return ``delivered``, ``retry`` or ``failed``."""
    try:
        raw = spool.load(message.spool_name)
    except (OSError, ValueError) as exc:
        services.held_message_mark_failed(message=message, token=token, error=f"spool: {type(exc).__name__}")
        return "failed"
    result = send_upstream(message.mail_from, list(message.recipients), prepared(raw, message.bcc_conversion))
    if result.outcome == "ok":
        spool.mark_sent(message.spool_name)
        services.held_message_mark_delivered(message=message, token=token)
        return "delivered"
    error = f"{result.code} {result.text}"
    if result.outcome == "permanent":
        services.held_message_mark_failed(message=message, token=token, error=error)
        return "failed"
    services.held_message_retry_later(message=message, token=token, error=error)
    return "retry"


def recover_stale_claims(now: dt.datetime) -> int:
    """Free the claims of crashed workers; a message with a ``.sent`` marker is recorded, not resent."""
    older = now - dt.timedelta(seconds=settings.MAILGUARD_CLAIM_TIMEOUT)
    count = 0
    for message in services.held_message_release_stale_claims(older_than=older):
        if message.spool_name and spool.was_sent(message.spool_name):
            services.held_message_mark_delivered(message=message, token=message.claim_token, recovered=True)
        else:
            services.held_message_unclaim(message=message, token=message.claim_token)
        count += 1
    return count


def release_due(now: dt.datetime | None = None, limit: int = 100) -> dict[str, int]:
    """Deliver the held messages whose time has come; return counts by outcome."""
    now = now or timezone.now()
    counts = {"delivered": 0, "retry": 0, "failed": 0, "recovered": recover_stale_claims(now)}
    due = HeldMessage.objects.filter(state=State.HELD, claimed_at__isnull=True, release_at__lte=now).order_by(
        "release_at"
    )
    for pk in list(due.values_list("pk", flat=True)[:limit]):
        token = services.held_message_claim(pk=pk, now=now)
        if token is None:
            continue  # another worker has it
        message = HeldMessage.objects.get(pk=pk)
        counts[deliver_claimed(message, token)] += 1
    return counts


ORPHAN_AGE = dt.timedelta(hours=1)


def remove_orphans(now: dt.datetime | None = None) -> int:
    """Delete spool files no open message needs: left by a crash before the row was committed
    (the client got no 250 and retries) or after a delivery before the file was removed."""
    now = now or timezone.now()
    wanted = set(
        HeldMessage.objects.filter(state__in=[State.HELD, State.AWAITING_APPROVAL]).values_list(
            "spool_name", flat=True
        )
    )
    removed = 0
    for name in spool.names():
        if name in wanted:
            continue
        modified = dt.datetime.fromtimestamp((spool.spool_dir() / name).stat().st_mtime, tz=dt.UTC)
        if now - modified >= ORPHAN_AGE:
            spool.remove(name)
            removed += 1
    return removed


def periodic_release() -> str:
    """Run the release once and sweep orphaned spool files (the ``mailguard_release`` periodic job)."""
    counts = release_due()
    counts["orphans removed"] = remove_orphans()
    return ", ".join(f"{v} {k}" for k, v in counts.items())
