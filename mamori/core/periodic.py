"""The periodic jobs run by ``mamori runperiodic``; each is idempotent and returns a short summary."""

from __future__ import annotations

from collections.abc import Callable

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.utils import timezone

from mamori.core import inbox, mail


def clear_expired_sessions() -> str:
    """Delete expired login sessions."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return f"{deleted} expired sessions deleted"


def clear_expired_login_lockouts() -> str:
    """Forget failed-login records whose cool-off period has passed."""
    cool_off = get_cool_off()
    if cool_off is None:
        return "no cool-off configured"
    deleted, _ = AccessAttempt.objects.filter(attempt_time__lt=timezone.now() - cool_off).delete()
    return f"{deleted} expired login lockout records cleared"


def retry_mail() -> str:
    """Try again every mail that did not leave and whose next attempt is due (with backoff)."""
    return mail.retry_due()


def prune_mail() -> str:
    """Forget finished mail delivery records and trial-inbox mails past their retention."""
    records, trial = mail.prune_records(), inbox.prune()
    return f"{records} mail delivery records and {trial} trial inbox mails deleted"


JOBS: dict[str, Callable[[], str]] = {
    "mail_retry": retry_mail,
    "mail_prune": prune_mail,
    "sessions": clear_expired_sessions,
    "login_lockouts": clear_expired_login_lockouts,
}


def register(name: str, job: Callable[[], str]) -> None:
    """Add a periodic job (call from an app's ``AppConfig.ready``); the job must be idempotent."""
    if name in JOBS and JOBS[name] is not job:
        raise ValueError(f"periodic job {name!r} is already registered")
    JOBS[name] = job
