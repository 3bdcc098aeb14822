import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_runperiodic_clears_expired_sessions_and_lockouts_and_is_idempotent(capsys):
    live = SessionStore()
    live.create()
    expired = SessionStore()
    expired.create()
    Session.objects.filter(session_key=expired.session_key).update(
        expire_date=timezone.now() - dt.timedelta(days=1)
    )
    old = AccessAttempt.objects.create(
        username="x",
        ip_address="192.0.2.1",
        failures_since_start=5,
        user_agent="t",
        path_info="/",
        get_data="",
        post_data="",
    )
    AccessAttempt.objects.filter(pk=old.pk).update(attempt_time=timezone.now() - dt.timedelta(days=2))
    call_command("runperiodic")
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]
    assert not AccessAttempt.objects.exists()
    call_command("runperiodic")
    out = capsys.readouterr().out
    assert "0 expired sessions deleted" in out
