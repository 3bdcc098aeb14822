"""A soft, per-user login delay on top of the per-address lock-out of django-axes.

Axes locks the *address* that keeps failing. A guesser spread over many addresses is slowed per *user
name* instead: after ``LOGIN_USER_DELAY_AFTER`` failures for one name (from any address, within the
axes cool-off), each further attempt must wait 1, 2, 4 … seconds after the last failure, at most
``LOGIN_USER_DELAY_MAX_SECONDS``. The user is never locked out: the right password works once the short
wait is over. The failures are the ones axes already records (``AccessAttempt``, one row per name,
address and browser). An attempt refused for the wait checks no password and counts as no failure.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def delay_after(failures: int, free: int, cap: int) -> int:
    """Return the seconds to wait after the last failure once ``failures`` were recorded for a name."""
    if failures < free:
        return 0
    return min(2 ** min(failures - free, 16), cap)


def seconds_to_wait(username: str, request: Any = None, now: dt.datetime | None = None) -> int:
    """Return how long a login as ``username`` must still wait (0: go ahead)."""
    if not username:
        return 0
    now = now or timezone.now()
    recent = AccessAttempt.objects.filter(
        username=username, attempt_time__gte=now - (get_cool_off(request) or dt.timedelta(0))
    )
    totals = recent.aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    if not totals["failures"]:
        return 0
    delay = delay_after(
        totals["failures"], settings.LOGIN_USER_DELAY_AFTER, settings.LOGIN_USER_DELAY_MAX_SECONDS
    )
    left = (totals["last"] + dt.timedelta(seconds=delay) - now).total_seconds()
    return max(0, math.ceil(left))


class DelayedLoginMixin:
    """Refuse a login attempt, before any password is checked, while its user name must wait."""

    request: Any
    data: Any

    def clean(self) -> Any:
        username = str(self.data.get("username", ""))
        wait = seconds_to_wait(username, self.request)
        # A locked-out address gets axes' own answer (429), not the wait.
        if wait and not AxesProxyHandler.is_locked(self.request, {"username": username}):
            raise forms.ValidationError(
                _("Too many failed logins for this user name. Wait %(seconds)s seconds, then try again."),
                code="login_delayed",
                params={"seconds": wait},
            )
        return super().clean()  # type: ignore[misc]


class LoginForm(DelayedLoginMixin, AuthenticationForm):
    """The login form of the site."""


class AdminLoginForm(DelayedLoginMixin, AdminAuthenticationForm):
    """The login form of ``/admin/``."""
