"""Deliver messages to the upstream relay: directly for ``deliver`` verdicts, and held ones when due.

At-least-once, with a small window: a message is claimed with a conditional UPDATE (two workers
never send one message twice), sent, then on the upstream's 250 to DATA (before QUIT) a ``.sent``
marker is fsynced in the spool and the database is updated. A crash after the upstream's 250 but
before the marker is written leaves a stale claim that is sent again after ``MAILGUARD_CLAIM_TIMEOUT``
(same bytes, same Message-ID, so mail clients show one mail). A crash after the marker is recognised
and not sent again. Mail relayed at once (``deliver``) goes through :class:`UpstreamPool` and is
recorded in ``RelayedMessage`` before the guard answers, so a client's retry is not relayed twice.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

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


Accepted = Callable[[], None]


def _connect() -> smtplib.SMTP:
    host, port = upstream_address()
    smtp = smtplib.SMTP(host, port, timeout=settings.MAILGUARD_UPSTREAM_TIMEOUT)
    try:
        smtp.ehlo()
        if settings.MAILGUARD_UPSTREAM_STARTTLS:
            smtp.starttls(context=ssl.create_default_context())
            smtp.ehlo()
        if settings.MAILGUARD_UPSTREAM_USER:
            smtp.login(settings.MAILGUARD_UPSTREAM_USER, settings.MAILGUARD_UPSTREAM_PASSWORD)
    except BaseException:
        smtp.close()
        raise
    return smtp


class NotSent(smtplib.SMTPServerDisconnected):
    """Signal a connection found closed at MAIL: nothing of the message was sent, so trying again is safe."""


def _command(smtp: smtplib.SMTP, verb: str, arg: str = "") -> tuple[int, bytes]:
    smtp.putcmd(verb, arg)
    return smtp.getreply()


def dot_stuffed(data: bytes) -> bytes:
    """Return the message as sent after DATA: a line starting with "." gets another, then CRLF.CRLF.

    The same bytes as ``smtplib.SMTP.data`` sends (RFC 5321 4.5.2), without its regular expression.
    """
    stuffed = data.replace(b"\n.", b"\n..")
    if stuffed.startswith(b"."):
        stuffed = b"." + stuffed
    return stuffed + (b".\r\n" if stuffed.endswith(b"\r\n") else b"\r\n.\r\n")


def _transaction(smtp: smtplib.SMTP, mail_from: str, recipients: list[str], data: bytes) -> dict[str, Any]:
    """Run MAIL, RCPT and DATA on an open connection; return the refused recipients.

    Raises like ``smtplib.SMTP.sendmail``; the connection stays usable after a refusal (RSET). The
    envelope addresses are relayed as the client gave them (aiosmtpd hands over the bare address;
    ``smtplib``'s ``quoteaddr`` would parse each one again with the header grammar).
    """
    try:
        code, resp = _command(smtp, "mail", f"FROM:<{mail_from}>")
    except (smtplib.SMTPServerDisconnected, OSError) as exc:
        raise NotSent(str(exc)) from exc
    if code != 250:
        smtp.rset()
        raise smtplib.SMTPSenderRefused(code, resp, mail_from)
    refused = {}
    for rcpt in recipients:
        code, resp = _command(smtp, "rcpt", f"TO:<{rcpt}>")
        if code not in (250, 251):
            refused[rcpt] = (code, resp)
    if len(refused) == len(recipients):
        smtp.rset()
        raise smtplib.SMTPRecipientsRefused(refused)
    code, resp = _command(smtp, "data")
    if code != 354:
        raise smtplib.SMTPDataError(code, resp)
    smtp.send(dot_stuffed(data))
    code, resp = smtp.getreply()
    if code != 250:
        smtp.rset()
        raise smtplib.SMTPDataError(code, resp)
    return refused


def _classify(exc: Exception) -> UpstreamResult:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        kind = "permanent" if all(c >= 500 for c in codes) else "temporary"
        return UpstreamResult(kind, max(codes, default=451), "recipients refused")
    if isinstance(exc, smtplib.SMTPResponseException):
        kind = "permanent" if exc.smtp_code >= 500 else "temporary"
        return UpstreamResult(kind, exc.smtp_code, _text(exc.smtp_error))
    return UpstreamResult("temporary", 451, type(exc).__name__)


def _quit(smtp: smtplib.SMTP) -> None:
    """Say goodbye without caring how (or whether) the upstream answers: the mail is already accepted."""
    try:
        smtp.quit()
    except (OSError, smtplib.SMTPException):
        smtp.close()


def send_upstream(
    mail_from: str, recipients: list[str], data: bytes, on_accepted: Accepted | None = None
) -> UpstreamResult:
    """Relay one message to the upstream server on a new connection and classify its answer.

    *on_accepted* runs on the upstream's 250 to DATA, before QUIT: an upstream slow to answer QUIT
    (or a crash while waiting for it) must not leave an accepted message unrecorded.
    """
    return _send_on(None, mail_from, recipients, data, on_accepted, _quit)


def _send_on(
    smtp: smtplib.SMTP | None,
    mail_from: str,
    recipients: list[str],
    data: bytes,
    on_accepted: Accepted | None,
    done: Callable[[smtplib.SMTP], None],
    reused: bool = False,
) -> UpstreamResult:
    """Send one message on *smtp* (or a new connection); run *on_accepted* on 250, then *done*.

    On a *reused* connection found closed before anything was sent, raises :class:`NotSent`.
    """
    try:
        smtp = smtp or _connect()
        refused = _transaction(smtp, mail_from, recipients, data)
    except (OSError, smtplib.SMTPException) as exc:
        if smtp is not None:
            smtp.close()
        if reused and isinstance(exc, NotSent):
            raise
        return _classify(exc)
    try:
        if on_accepted is not None:
            on_accepted()
    finally:
        done(smtp)
    return UpstreamResult("ok", 250, "", tuple(refused))


class UpstreamPool:
    """Keep connections to the upstream open between messages (as Postfix's connection cache does).

    Saves the connect, EHLO and QUIT of every message; no QUIT stands between the upstream's 250 and
    the guard's reply. A connection idle for longer than ``idle_seconds`` is closed, and one the
    upstream closed meanwhile is noticed at MAIL (before anything was sent) and replaced.
    """

    def __init__(self, size: int = 8, idle_seconds: float = 20.0) -> None:
        self.size = size
        self.idle_seconds = idle_seconds
        self.lock = threading.Lock()
        self.idle: list[tuple[float, tuple[Any, ...], smtplib.SMTP]] = []

    @staticmethod
    def _target() -> tuple[Any, ...]:
        """Return what a connection was opened for (a settings change means new connections)."""
        return (
            settings.MAILGUARD_UPSTREAM,
            settings.MAILGUARD_UPSTREAM_STARTTLS,
            settings.MAILGUARD_UPSTREAM_USER,
        )

    def _take(self, target: tuple[Any, ...]) -> smtplib.SMTP | None:
        now = time.monotonic()
        stale = []
        found = None
        with self.lock:
            keep = []
            for since, opened_for, smtp in self.idle:
                if found is None and opened_for == target and now - since < self.idle_seconds:
                    found = smtp
                elif opened_for != target or now - since >= self.idle_seconds:
                    stale.append(smtp)
                else:
                    keep.append((since, opened_for, smtp))
            self.idle = keep
        for smtp in stale:
            _quit(smtp)
        return found

    def _give_back(self, smtp: smtplib.SMTP, target: tuple[Any, ...]) -> None:
        with self.lock:
            if len(self.idle) < self.size:
                self.idle.append((time.monotonic(), target, smtp))
                return
        _quit(smtp)

    def send(
        self, mail_from: str, recipients: list[str], data: bytes, on_accepted: Accepted | None = None
    ) -> UpstreamResult:
        """Relay one message; *on_accepted* runs on the upstream's 250 to DATA."""
        target = self._target()
        smtp = self._take(target)
        give_back = lambda c: self._give_back(c, target)  # noqa: E731
        if smtp is not None:
            try:
                return _send_on(smtp, mail_from, recipients, data, on_accepted, give_back, reused=True)
            except NotSent:
                pass  # the upstream closed the idle connection; nothing was sent: a new connection
        return _send_on(None, mail_from, recipients, data, on_accepted, give_back)

    def close(self) -> None:
        """Close every idle connection."""
        with self.lock:
            idle, self.idle = self.idle, []
        for _since, _target, smtp in idle:
            _quit(smtp)


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

    def accepted() -> None:
        spool.mark_sent(message.spool_name)
        services.held_message_mark_delivered(message=message, token=token)

    result = send_upstream(
        message.mail_from, list(message.recipients), prepared(raw, message.bcc_conversion), accepted
    )
    if result.outcome == "ok":
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
