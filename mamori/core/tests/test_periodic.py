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


def test_runperiodic_forgets_finished_mail_records_and_trial_mails_past_their_retention(settings, capsys):
    from mamori.core.models import MailAttempt, MailDelivery, TrialMail

    settings.MAIL_RECORD_DAYS, settings.TRIAL_INBOX_DAYS = 730, 30
    now = timezone.now()

    def delivery(state: str, age_days: int) -> MailDelivery:
        row = MailDelivery.objects.create(
            kind="test", to="staff@example.co.jp", subject="s", body="b", state=state
        )
        MailAttempt.objects.create(delivery=row, at=now, ok=state == MailDelivery.State.SENT)
        MailDelivery.objects.filter(pk=row.pk).update(created_at=now - dt.timedelta(days=age_days))
        return row

    old_sent = delivery(MailDelivery.State.SENT, 731)
    old_failed = delivery(MailDelivery.State.FAILED, 800)
    old_retrying = delivery(MailDelivery.State.RETRYING, 800)  # still wanted: kept whatever its age
    recent = delivery(MailDelivery.State.SENT, 729)
    old_trial = TrialMail.objects.create(to=["a@example.co.jp"], subject="old", body="b")
    TrialMail.objects.filter(pk=old_trial.pk).update(created_at=now - dt.timedelta(days=31))
    new_trial = TrialMail.objects.create(to=["a@example.co.jp"], subject="new", body="b")

    call_command("runperiodic")
    assert "2 mail delivery records and 1 trial inbox mails deleted" in capsys.readouterr().out
    assert set(MailDelivery.objects.values_list("pk", flat=True)) == {old_retrying.pk, recent.pk}
    assert not MailAttempt.objects.filter(delivery_id__in=[old_sent.pk, old_failed.pk]).exists()
    assert list(TrialMail.objects.values_list("pk", flat=True)) == [new_trial.pk]

    settings.MAIL_RECORD_DAYS = settings.TRIAL_INBOX_DAYS = 0  # keep forever
    MailDelivery.objects.filter(pk=recent.pk).update(created_at=now - dt.timedelta(days=5000))
    call_command("runperiodic")
    assert "0 mail delivery records and 0 trial inbox mails deleted" in capsys.readouterr().out
    assert MailDelivery.objects.filter(pk=recent.pk).exists()
