"""Every mail of mamori: recorded, tried, retried with backoff over a real SMTP server, never called sent
before the server accepted it."""

from __future__ import annotations

import datetime as dt
import smtplib

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from mamori.core import mail
from mamori.core.models import AuditLogEntry, MailAttempt, MailDelivery
from mamori.incidents.models import TimelineEntry
from mamori.testing.factories import make_incident
from mamori.testing.smtp import SMTPServer, free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def server(settings):
    """A real SMTP server that starts down (connections refused)."""
    smtp = SMTPServer()
    smtp.use_in(settings)
    yield smtp
    smtp.stop()


def send(**kwargs) -> MailDelivery:
    values = {"kind": "test.notice", "to": "kanri@example.com", "subject": "件名", "body": "本文"}
    with TestCase.captureOnCommitCallbacks(execute=True):
        delivery = mail.queue(**{**values, **kwargs})
    delivery.refresh_from_db()
    return delivery


def test_the_backoff_doubles_from_one_minute_up_to_an_hour():
    assert [mail.retry_delay(n).total_seconds() / 60 for n in range(1, 9)] == [1, 2, 4, 8, 16, 32, 60, 60]


def test_a_mail_is_sent_on_commit_and_its_attempt_recorded(server, org):
    server.start()
    delivery = send(organisation=org)
    assert delivery.state == "sent" and delivery.sent_at is not None and delivery.attempts == 1
    assert [to for to, _ in server.messages] == [["kanri@example.com"]]
    assert list(delivery.attempt_set.values_list("ok", flat=True)) == [True]


def test_nothing_is_sent_when_the_transaction_rolls_back(server):
    server.start()
    with pytest.raises(RuntimeError), TestCase.captureOnCommitCallbacks(execute=True):
        from django.db import transaction

        with transaction.atomic():
            mail.queue(kind="test.notice", to="kanri@example.com", subject="s", body="b")
            raise RuntimeError("the change failed")
    assert server.messages == [] and not MailDelivery.objects.exists()


def test_a_refused_mail_is_retried_with_backoff_until_the_server_is_up(server):
    delivery = send()
    assert delivery.state == "retrying" and delivery.error_code == "refused"
    assert "ConnectionRefusedError" in delivery.error
    first_retry = delivery.next_attempt_at
    assert first_retry - delivery.attempt_set.get().at == dt.timedelta(minutes=1)
    assert (
        mail.retry_due(now=first_retry - dt.timedelta(seconds=1)) == "0 mails sent on retry, 0 still failing"
    )
    assert mail.retry_due(now=first_retry) == "0 mails sent on retry, 1 still failing"
    delivery.refresh_from_db()
    assert delivery.next_attempt_at - first_retry == dt.timedelta(minutes=2)

    server.start()
    with time_machine.travel(delivery.next_attempt_at, tick=False):
        call_command("runperiodic", only=["mail_retry"])
    delivery.refresh_from_db()
    assert delivery.state == "sent" and delivery.attempts == 3
    assert list(delivery.attempt_set.values_list("ok", "error_code")) == [
        (False, "refused"),
        (False, "refused"),
        (True, ""),
    ]
    assert len(server.messages) == 1
    assert mail.retry_due(now=timezone.now() + dt.timedelta(days=1)).startswith("0 mails sent")


def test_mamori_gives_up_after_a_day_and_a_manager_can_send_it_again(server):
    delivery = send()
    later = delivery.created_at + mail.GIVE_UP_AFTER
    mail.retry_due(now=later)
    delivery.refresh_from_db()
    assert delivery.state == "failed" and delivery.next_attempt_at is None
    assert mail.retry_due(now=later + dt.timedelta(hours=1)).startswith("0 mails sent on retry, 0")
    server.start()
    assert mail.retry_now(delivery).state == "sent"
    assert len(server.messages) == 1


class Refuse:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        return "550 5.1.1 <" + address + ">: Recipient address rejected"


def test_a_permanent_refusal_is_not_retried_and_the_address_is_masked_in_the_record(settings):
    controller = Controller(Refuse(), hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        SMTPServer(controller.port).use_in(settings)
        delivery = send(to="tanaka.ichiro@example.com")
    finally:
        controller.stop()
    assert delivery.state == "failed" and delivery.error_code == "recipient"
    assert "tanaka.ichiro" not in delivery.error and "t***@example.com" in delivery.error


def test_two_workers_never_send_the_same_mail_twice(server):
    delivery = send()
    server.start()
    now = delivery.next_attempt_at
    assert mail._claim(delivery.pk, now)  # one worker holds it
    assert mail.attempt(delivery.pk, now=now) is None  # the other gets nothing
    assert mail.attempt(delivery.pk, now=now + mail.CLAIM_TIMEOUT + dt.timedelta(seconds=1)).state == "sent"
    assert len(server.messages) == 1 and MailAttempt.objects.filter(ok=True).count() == 1


@pytest.mark.parametrize(
    ("exc", "code", "permanent"),
    [
        (ConnectionRefusedError(), "refused", False),
        (TimeoutError(), "timeout", False),
        (smtplib.SMTPAuthenticationError(535, b"bad"), "auth", True),
        (smtplib.SMTPSenderRefused(451, b"later", "a@b"), "sender", False),
        (smtplib.SMTPDataError(554, b"no"), "rejected", True),
        (smtplib.SMTPServerDisconnected(), "disconnected", False),
        (ValueError("header"), "other", False),
    ],
)
def test_failures_are_classified_for_the_manager(exc, code, permanent):
    assert mail.classify(exc) == (code, permanent)
    assert mail.reason_text(code)


def test_the_chain_is_called_notified_only_after_the_mail_left(server, employee, manager, client):
    with TestCase.captureOnCommitCallbacks(execute=True):
        incident = make_incident(employee)
    events = list(TimelineEntry.objects.filter(incident=incident).values_list("data__event", flat=True))
    assert "chain.notified" not in events and "chain.not_notified" in events
    texts = " ".join(TimelineEntry.objects.filter(incident=incident).values_list("text", flat=True))
    assert "通知できませんでした" in texts and "接続を拒否" in texts
    assert AuditLogEntry.objects.filter(action="response.chain.not_notified").count() == 1

    client.force_login(manager)
    page = client.get(f"/incidents/{incident.pk}/").content.decode()
    assert 'id="mail-failures"' in page and "今すぐ再送" in page
    assert "通知できませんでした" in client.get("/").content.decode()  # on the dashboard too

    server.start()
    delivery = MailDelivery.objects.get(kind="response.chain")
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(f"/mail/{delivery.pk}/retry/", {"next": f"/incidents/{incident.pk}/"})
    assert TimelineEntry.objects.filter(incident=incident, data__event="chain.notified").count() == 1
    assert AuditLogEntry.objects.filter(action="core.mail.retried", actor=manager).exists()
    assert 'id="mail-failures"' not in client.get(f"/incidents/{incident.pk}/").content.decode()
    assert len(server.messages) == 1


def test_only_a_manager_of_the_organisation_can_send_again(server, employee, manager, outsider, client):
    with TestCase.captureOnCommitCallbacks(execute=True):
        make_incident(employee)
    delivery = MailDelivery.objects.get()
    for user in (employee, outsider):
        client.force_login(user)
        assert client.post(f"/mail/{delivery.pk}/retry/").status_code == 404
    assert "今すぐ再送" not in client.get(f"/incidents/{delivery.object_id}/").content.decode()
    assert delivery.attempt_set.count() == 1


@pytest.mark.django_db(transaction=True)  # the mail is tried when the intake really commits
def test_the_reporter_is_told_truthfully_whether_the_manager_was_told(server, employee, manager, client):
    client.force_login(employee)
    form = {
        "is_near_miss": "false",
        "title": "メール誤送信",
        "description": "宛先を誤って送信した。",
        "event_class": "missent",
        "discovered_by": "self",
        "data_categories": ["email"],
        "persons": "3",
        "medium": "electronic",
        "advanced_encryption": "false",
        "discovered_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
    }
    page = client.post("/incidents/report/", form, follow=True).content.decode()
    assert "通知しました" not in page and "通知できませんでした" in page
    server.start()
    page = client.post("/incidents/report/", form, follow=True).content.decode()
    assert "個人情報保護管理者に通知しました" in page
