"""The guard as an SMTP server: real sockets, smtplib and swaks as clients, an aiosmtpd sink upstream."""

from __future__ import annotations

import datetime as dt
import shutil
import smtplib
import subprocess
import time

import pytest
from django.core import mail as django_mail
from django.utils import timezone

from mamori.accounts.models import Role
from mamori.incidents.models import Incident
from mamori.mailguard import release, services, spool
from mamori.mailguard.models import HeldMessage, RecipientHistory, State
from mamori.mailguard.tests.conftest import user_with_mail
from mamori.mailguard.tests.mails import mail, my_number
from mamori.testing import factories
from mamori.testing.smtp import refusing_port

pytestmark = pytest.mark.django_db(transaction=True)

INTERNAL_TO = ("鈴木 一郎 <suzuki@example.co.jp>",)
EXTERNAL_TO = ("佐藤 花子 <sato@torihiki.invalid>",)


@pytest.fixture
def sender(org, sales, mail_policy):
    return user_with_mail(factories.make_user(org, Role.EMPLOYEE, sales, username="yamada"))


@pytest.fixture
def approver(org, sales):
    return user_with_mail(factories.make_user(org, Role.DEPARTMENT_MANAGER, sales, username="bucho"))


def send(guard, raw: bytes, rcpts: list[str], mail_from: str = "yamada@example.co.jp") -> tuple[int, bytes]:
    with smtplib.SMTP(guard.host, guard.port, timeout=30) as client:
        client.ehlo()
        client.mail(mail_from)
        for r in rcpts:
            client.rcpt(r)
        return client.data(raw)


def test_internal_mail_passes_straight_through(guard, sink, sender):
    code, text = send(guard, mail(to=INTERNAL_TO), ["suzuki@example.co.jp"])
    assert code == 250 and b"delivered" in text
    received = sink.wait_for(1)
    assert received[0][1] == ["suzuki@example.co.jp"]
    assert HeldMessage.objects.count() == 0


def test_external_mail_is_held_durably_then_released_after_the_delay(guard, sink, sender):
    code, text = send(guard, mail(to=EXTERNAL_TO), ["sato@torihiki.invalid"])
    assert code == 250 and b"Held for review" in text
    held = HeldMessage.objects.get()
    assert held.state == State.HELD and held.sender == sender
    assert (held.release_at - held.created_at).total_seconds() == pytest.approx(300, abs=2)
    spooled = spool.spool_dir() / held.spool_name
    assert spooled.stat().st_mode & 0o777 == 0o600
    assert "sato@torihiki.invalid" in held.recipients and "FIRST_TIME_DOMAIN" in str(held.findings)

    assert release.release_due()["delivered"] == 0  # not yet due
    assert sink.received == []
    release.release_due(now=timezone.now() + dt.timedelta(minutes=6))
    assert len(sink.wait_for(1)) == 1
    held.refresh_from_db()
    assert held.state == State.DELIVERED and not spooled.exists()
    # Remembered as keyed hashes only, never the address itself.
    digests = list(RecipientHistory.objects.values_list("digest", flat=True))
    assert digests and all("torihiki" not in d for d in digests)

    # The second mail to the same person is no longer a first-time recipient.
    send(guard, mail(to=EXTERNAL_TO, subject="再送"), ["sato@torihiki.invalid"])
    assert "FIRST_TIME_DOMAIN" not in str(HeldMessage.objects.order_by("-pk").first().findings)


def test_sender_gets_a_notice_with_a_signed_link_and_no_pii(guard, sink, sender):
    body = f"マイナンバー {my_number()} を送ります。\n"
    send(guard, mail(to=EXTERNAL_TO, body=body), ["sato@torihiki.invalid"])
    notice = next(m for m in django_mail.outbox if "yamada@example.co.jp" in m.to)
    assert "http://mamori.example.invalid/mailguard/m/" in notice.body
    assert my_number() not in notice.body and "sato@torihiki.invalid" not in notice.body
    held = HeldMessage.objects.get()
    assert my_number() not in str(held.findings)


def test_cancelled_mail_is_never_sent_and_counts_as_a_near_miss(guard, sink, sender):
    send(guard, mail(to=EXTERNAL_TO), ["sato@torihiki.invalid"])
    held = HeldMessage.objects.get()
    services.held_message_cancel(message=held, actor=sender)
    release.release_due(now=timezone.now() + dt.timedelta(hours=1))
    assert sink.received == []
    held.refresh_from_db()
    assert held.state == State.CANCELLED and not (spool.spool_dir() / held.spool_name).exists()
    incident = Incident.objects.get()
    assert incident.is_near_miss and incident.event_class == "missent"
    assert "torihiki" not in incident.description and "FIRST_TIME_DOMAIN" in incident.description


def test_mail_needing_approval_waits_and_goes_out_once_approved(guard, sink, sender, approver):
    numbers = "\n".join(f"顧客{i} マイナンバー {my_number(f'1234567{i:04d}')}" for i in range(12))
    send(guard, mail(to=EXTERNAL_TO, body=numbers), ["sato@torihiki.invalid"])
    held = HeldMessage.objects.get()
    assert held.state == State.AWAITING_APPROVAL and held.release_at is None
    assert any("bucho@example.co.jp" in m.to for m in django_mail.outbox)
    release.release_due(now=timezone.now() + dt.timedelta(days=1))
    assert sink.received == []
    services.held_message_approve(message=held, actor=approver)
    release.release_due()
    assert len(sink.wait_for(1)) == 1
    held.refresh_from_db()
    assert held.state == State.DELIVERED and held.decided_by == approver


def test_rejected_mail_is_never_sent_and_the_sender_is_told(guard, sink, sender, approver):
    numbers = "\n".join(f"顧客{i} マイナンバー {my_number(f'1234567{i:04d}')}" for i in range(12))
    send(guard, mail(to=EXTERNAL_TO, body=numbers), ["sato@torihiki.invalid"])
    held = HeldMessage.objects.get()
    services.held_message_reject(message=held, actor=approver)
    release.release_due(now=timezone.now() + dt.timedelta(days=1))
    assert sink.received == []
    assert Incident.objects.get().is_near_miss
    assert any("yamada@example.co.jp" in m.to and f"#{held.pk}" in m.subject for m in django_mail.outbox[1:])


def test_policy_reject_answers_550_with_an_ascii_reason(guard, sink, sender, mail_policy):
    mail_policy.settings = {"code_actions": {"EXTERNAL_RECIPIENTS": "reject"}}
    mail_policy.save()
    code, text = send(guard, mail(to=EXTERNAL_TO), ["sato@torihiki.invalid"])
    assert code == 550 and b"EXTERNAL_RECIPIENTS" in text
    text.decode("ascii")
    assert sink.received == []
    assert HeldMessage.objects.get().state == State.REJECTED
    assert Incident.objects.get().is_near_miss


def test_upstream_down_gets_451_so_the_client_retries(guard, sink, sender, settings):
    with refusing_port() as down:
        settings.MAILGUARD_UPSTREAM = f"127.0.0.1:{down}"
        code, text = send(guard, mail(to=INTERNAL_TO), ["suzuki@example.co.jp"])
    assert code == 451
    assert HeldMessage.objects.count() == 0


def test_held_mail_is_retried_with_backoff_while_the_upstream_is_down(guard, sink, sender, settings):
    send(guard, mail(to=EXTERNAL_TO), ["sato@torihiki.invalid"])
    held = HeldMessage.objects.get()
    upstream = settings.MAILGUARD_UPSTREAM
    later = timezone.now() + dt.timedelta(minutes=6)
    with refusing_port() as down:
        settings.MAILGUARD_UPSTREAM = f"127.0.0.1:{down}"
        assert release.release_due(now=later)["retry"] == 1
    held.refresh_from_db()
    assert held.state == State.HELD and held.attempts == 1 and held.release_at > timezone.now()
    settings.MAILGUARD_UPSTREAM = upstream
    release.release_due(now=later + dt.timedelta(minutes=2))
    assert len(sink.wait_for(1)) == 1


def test_unknown_sender_domain_is_refused(guard, sink, sender):
    code, _ = send(
        guard, mail(to=EXTERNAL_TO), ["sato@torihiki.invalid"], mail_from="someone@elsewhere.invalid"
    )
    assert code == 550


def test_a_client_retrying_the_same_mail_gets_no_second_copy(guard, sink, sender):
    raw = mail(to=EXTERNAL_TO)
    send(guard, raw, ["sato@torihiki.invalid"])
    send(guard, raw, ["sato@torihiki.invalid"])
    assert HeldMessage.objects.count() == 1


@pytest.mark.skipif(shutil.which("swaks") is None, reason="swaks is not installed (scripts/system-deps)")
def test_swaks_sends_through_the_guard(guard, sink, sender):
    out = subprocess.run(
        [
            "swaks",
            "--server",
            f"{guard.host}:{guard.port}",
            "--from",
            "yamada@example.co.jp",
            "--to",
            "suzuki@example.co.jp",
            "--header",
            "Subject: test",
            "--body",
            "hello",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stdout[-500:]
    assert "250 2.0.0 Ok: delivered" in out.stdout
    assert len(sink.wait_for(1)) == 1


def test_a_department_named_in_the_policy_gets_its_own_delay(guard, sink, sender, mail_policy):
    mail_policy.settings = {"departments": {"営業部": {"delay_minutes": 30}}}
    mail_policy.save()
    send(guard, mail(to=EXTERNAL_TO), ["sato@torihiki.invalid"])
    held = HeldMessage.objects.get()
    assert (held.release_at - held.created_at).total_seconds() == pytest.approx(1800, abs=2)


def test_the_mailguard_command_refuses_a_bad_listen_address():
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="bad listen address"):
        call_command("mailguard", listen="no-port-here")


def test_a_kept_connection_the_upstream_closed_is_replaced_without_losing_the_mail(settings):
    from aiosmtpd.controller import Controller

    from mamori.mailguard.release import UpstreamPool
    from mamori.mailguard.tests.conftest import Sink, free_port

    upstream = Sink(port=free_port())
    settings.MAILGUARD_UPSTREAM = f"127.0.0.1:{upstream.port}"
    pool = UpstreamPool()
    accepted = []
    controller = Controller(upstream, hostname="127.0.0.1", port=upstream.port)
    controller.start()
    try:
        assert pool.send("a@example.co.jp", ["b@example.co.jp"], b"Subject: 1\r\n\r\nx\r\n").outcome == "ok"
    finally:
        controller.stop()  # the upstream restarts: the kept connection is dead
    controller = Controller(upstream, hostname="127.0.0.1", port=upstream.port)
    controller.start()
    try:
        result = pool.send(
            "a@example.co.jp", ["b@example.co.jp"], b"Subject: 2\r\n\r\nx\r\n", lambda: accepted.append(1)
        )
        assert result.outcome == "ok" and accepted == [1]
        assert len(upstream.received) == 2
    finally:
        pool.close()
        controller.stop()


def test_small_text_mail_is_judged_in_the_guard_and_attachments_in_a_check_process(guard, sink, sender):
    # Text-only mail under MAILGUARD_INLINE_BYTES needs no check process: it is judged even with the
    # pool busy; a mail with an attachment still waits for (and counts against) a check process.
    body = f"マイナンバー {my_number()} をお送りします。\n"
    workers = list(guard.pool.workers)
    taken = [guard.pool.idle.get(timeout=10) for _ in workers]  # every check process busy
    try:
        code, _ = send(guard, mail(to=INTERNAL_TO, body=body), ["suzuki@example.co.jp"])
        assert code == 250 and len(sink.wait_for(1)) == 1
        code, text = send(guard, mail(to=EXTERNAL_TO, body=body), ["sato@torihiki.invalid"])
        assert code == 250 and b"Held" in text
        held = HeldMessage.objects.get()
        assert "PII_IN_BODY" in str(held.findings) and "ATTACHMENT_NOT_SCANNABLE" not in str(held.findings)
    finally:
        for worker in taken:
            guard.pool.idle.put(worker)
    csv = (("名簿.csv", f"氏名,マイナンバー\n山田,{my_number()}\n".encode(), "text/csv"),)
    code, _ = send(guard, mail(to=EXTERNAL_TO, attachments=csv), ["sato@torihiki.invalid"])
    assert code == 250
    assert "PII_IN_ATTACHMENT" in str(HeldMessage.objects.order_by("-pk").first().findings)


def test_relayed_mail_arrives_byte_for_byte_with_its_dot_lines_and_envelope(guard, sink, sender):
    # The guard speaks MAIL, RCPT and DATA itself on the kept connection: lines that start with a dot
    # (a lone "." would end DATA unless doubled on the wire) arrive exactly as sent, to the envelope.
    head = mail(to=INTERNAL_TO, body="x\n").split(b"\r\n\r\n")[0]
    raw = head + b"\r\n\r\n.\r\n..two dots\r\n.end\r\nlast line without a line break"
    code, _ = send(guard, raw, ["suzuki@example.co.jp", "tanaka@example.co.jp"])
    assert code == 250
    mail_from, rcpts, received = sink.wait_for(1)[0]
    assert (mail_from, rcpts) == ("yamada@example.co.jp", ["suzuki@example.co.jp", "tanaka@example.co.jp"])
    assert received == raw + b"\r\n"  # DATA ends with CRLF.CRLF: the missing last CRLF is added


@pytest.mark.parametrize(
    "arg",
    [
        "<yamada@example.co.jp>",
        "<yamada@example.co.jp> SIZE=1000 BODY=8BITMIME",
        "yamada@example.co.jp",
        '<"a b"@example.co.jp>',
        "<>",
        "",
        "<broken",
        "<a@b> <c@d>",
        "<" + "x" * 65 + "@example.co.jp>",
        "<山田@例え.jp>",
    ],
)
def test_the_guard_reads_mail_and_rcpt_addresses_as_aiosmtpd_does(arg):
    # The guard's session parses MAIL FROM and RCPT TO addresses without aiosmtpd's per-call class
    # creation: the same address, the same rest, the same refusals (None) as aiosmtpd's own.
    from aiosmtpd.smtp import SMTP

    from mamori.mailguard.smtp import GuardSMTP

    ours, theirs = GuardSMTP(object(), hostname="guard"), SMTP(object(), hostname="guard")
    assert ours._getaddr(arg) == theirs._getaddr(arg)


def test_a_database_connection_that_died_while_idle_is_replaced_before_the_next_mail(guard, sink, sender):
    # A PostgreSQL restart (or an idle-connection timeout) kills the guard's connections while it waits:
    # the next mail must not get 451 for it. The check is a query, so it is not asked for every mail.
    from django.db import connection

    from mamori.mailguard import smtp

    if connection.vendor != "postgresql":
        pytest.skip("an SQLite connection cannot die on its own")
    assert send(guard, mail(to=INTERNAL_TO), ["suzuki@example.co.jp"])[0] == 250
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        assert cursor.fetchall()  # the guard's connections
    time.sleep(smtp.DB_CHECK_SECONDS + 0.2)
    for n in range(3):
        code, text = send(guard, mail(to=INTERNAL_TO, subject=f"再起動後 {n}"), ["suzuki@example.co.jp"])
        assert (code, b"delivered" in text) == (250, True)
    assert len(sink.wait_for(4)) == 4
