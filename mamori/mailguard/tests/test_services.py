"""Decisions on held mail, delivery claims and the crash-recovery marker."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from mamori.core.models import AuditLogEntry
from mamori.incidents.models import Incident
from mamori.mailguard import relayed, release, services, spool
from mamori.mailguard.models import HeldMessage, State
from mamori.mailguard.tests.conftest import user_with_mail
from mamori.mailguard.tests.helpers import hold

pytestmark = pytest.mark.django_db(transaction=True)  # notices and spool clean-up run on commit


@pytest.fixture
def sender(employee, mail_policy):
    return user_with_mail(employee)


def test_a_held_message_cannot_be_cancelled_twice_or_after_delivery(sink, mail_policy, sender):
    held = hold(mail_policy, sender)
    services.held_message_cancel(message=held, actor=sender)
    with pytest.raises(services.ActionError):
        services.held_message_cancel(message=held, actor=sender)
    with pytest.raises(services.ActionError):
        services.held_message_send_now(message=held, actor=sender)
    assert Incident.objects.count() == 1


def test_mail_waiting_for_approval_cannot_be_sent_now_by_the_sender(sink, mail_policy, sender):
    held = hold(mail_policy, sender, approve=True)
    assert held.state == State.AWAITING_APPROVAL
    with pytest.raises(services.ActionError):
        services.held_message_send_now(message=held, actor=sender)
    held.refresh_from_db()
    assert held.state == State.AWAITING_APPROVAL


def test_every_decision_is_in_the_audit_log(sink, mail_policy, sender, depmgr):
    held = hold(mail_policy, sender)
    services.held_message_request_approval(message=held, actor=sender)
    services.held_message_approve(message=held, actor=depmgr)
    release.release_due()
    actions = list(
        AuditLogEntry.objects.filter(object_type="mailguard.heldmessage")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "mailguard.message.held",
        "mailguard.message.approval_requested",
        "mailguard.message.approved",
        "mailguard.message.delivered",
    ]
    assert "kyaku" not in str(list(AuditLogEntry.objects.values_list("data", flat=True)))


def test_two_release_workers_never_send_one_message_twice(sink, mail_policy, sender):
    if connection.vendor == "sqlite":
        pytest.skip("the in-memory test database has table locks, no busy wait; see test_process for SQLite")
    for i in range(6):
        hold(mail_policy, sender, subject=f"件名 {i}")
    later = timezone.now() + dt.timedelta(minutes=6)
    results: list[dict[str, int]] = []

    def work() -> None:
        results.append(release.release_due(now=later))
        connection.close()

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(r["delivered"] for r in results) == 6
    assert len(sink.wait_for(6)) == 6
    assert set(HeldMessage.objects.values_list("state", flat=True)) == {State.DELIVERED}


def test_a_crash_after_the_upstream_accepted_does_not_resend(sink, mail_policy, sender, settings):
    held = hold(mail_policy, sender)
    assert services.held_message_claim(pk=held.pk, now=timezone.now() + dt.timedelta(minutes=6))
    spool.mark_sent(held.spool_name)  # the upstream said 250, then the worker died
    later = timezone.now() + dt.timedelta(seconds=settings.MAILGUARD_CLAIM_TIMEOUT + 60)
    counts = release.release_due(now=later)
    assert counts["recovered"] == 1 and counts["delivered"] == 0
    held.refresh_from_db()
    assert held.state == State.DELIVERED and sink.received == []


def test_a_crash_before_the_upstream_accepted_sends_once_after_the_claim_times_out(
    sink, mail_policy, sender, settings
):
    held = hold(mail_policy, sender)
    services.held_message_claim(pk=held.pk, now=timezone.now() + dt.timedelta(minutes=6))
    assert (
        release.release_due(now=timezone.now() + dt.timedelta(minutes=7))["delivered"] == 0
    )  # still claimed
    later = timezone.now() + dt.timedelta(seconds=settings.MAILGUARD_CLAIM_TIMEOUT + 60)
    release.release_due(now=later)
    assert len(sink.wait_for(1)) == 1
    held.refresh_from_db()
    assert held.state == State.DELIVERED


def test_a_permanent_refusal_marks_the_mail_failed_and_tells_the_sender(
    mail_policy, sender, settings, mailoutbox
):
    from aiosmtpd.controller import Controller

    from mamori.mailguard.tests.conftest import free_port

    class Refuse:
        async def handle_DATA(self, server, session, envelope):  # noqa: N802
            return "554 5.7.1 No thanks"

    port = free_port()
    controller = Controller(Refuse(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings.MAILGUARD_UPSTREAM = f"127.0.0.1:{port}"
        held = hold(mail_policy, sender)
        assert release.release_due(now=timezone.now() + dt.timedelta(minutes=6))["failed"] == 1
    finally:
        controller.stop()
    held.refresh_from_db()
    assert held.state == State.FAILED and "554" in held.last_error
    assert any("could not be delivered" in m.subject or f"#{held.pk}" in m.subject for m in mailoutbox)


def test_a_released_mail_becomes_an_incident_with_masked_recipients(sink, mail_policy, sender):
    held = hold(mail_policy, sender, rcpt="tanaka@torihiki.invalid")
    services.held_message_send_now(message=held, actor=sender)
    release.release_due()
    held.refresh_from_db()
    incident = services.held_message_report_incident(message=held, actor=sender)
    assert not incident.is_near_miss and incident.event_class == "missent"
    assert "t***@torihiki.invalid" in incident.description and "tanaka" not in incident.description
    assert "FIRST_TIME_DOMAIN" in incident.description
    with pytest.raises(services.ActionError):
        services.held_message_report_incident(message=held, actor=sender)


def test_the_release_is_a_registered_periodic_job(sink, mail_policy, sender):
    from django.core.management import call_command

    from mamori.core import periodic

    assert periodic.JOBS["mailguard_release"] is release.periodic_release
    held = hold(mail_policy, sender)
    services.held_message_send_now(message=held, actor=sender)
    call_command("runperiodic")
    held.refresh_from_db()
    assert held.state == State.DELIVERED and len(sink.wait_for(1)) == 1


def test_the_notice_names_the_kinds_of_findings_and_links_but_no_recipient(
    sink, mail_policy, sender, mailoutbox
):
    held = hold(mail_policy, sender, rcpt="tanaka@torihiki.invalid")
    [notice] = [m for m in mailoutbox if f"#{held.pk}" in m.subject]
    assert notice.to == [sender.email]
    assert "FIRST_TIME_DOMAIN" in notice.body and "/mailguard/m/" in notice.body
    assert "tanaka" not in notice.body and "torihiki" not in notice.body and "お見積り" not in notice.body


def test_orphaned_spool_files_are_removed_after_an_hour_but_held_mail_is_kept(sink, mail_policy, sender):
    held = hold(mail_policy, sender)
    orphan = spool.store(b"Subject: crashed before the row was written\r\n\r\nx\r\n")
    assert release.remove_orphans() == 0  # too young: its row may still be being written
    assert release.remove_orphans(now=timezone.now() + dt.timedelta(hours=2)) == 1
    assert spool.names() == [held.spool_name] and orphan not in spool.names()


def test_a_relayed_message_is_recognised_within_the_window_only(db, settings):
    key = relayed.relay_key("a@example.co.jp", ["B@example.com"], b"Subject: x\r\n\r\nx\r\n")
    assert key == relayed.relay_key("A@example.co.jp", ["b@example.com"], b"Subject: x\r\n\r\nx\r\n")
    assert not relayed.relayed_before(key)
    relayed.relayed_record(key, "<1@example.co.jp>")
    assert relayed.relayed_before(key)
    assert not relayed.relayed_before(relayed.relay_key("a@example.co.jp", ["b@example.com"], b"other"))
    settings.MAILGUARD_RELAYED_DAYS = 0
    assert not relayed.relayed_before(key)
    assert relayed.relayed_prune() == 1


def test_a_cancel_stops_the_mail_even_when_recording_its_near_miss_fails(sink, mail_policy, sender):
    """The near miss once rolled the cancel back, and the mail left when its delay ended."""
    from mamori.incidents.models import IncidentCounter
    from mamori.testing import factories

    held = hold(mail_policy, sender)
    # A real failure of the side effect: the next incident number is already taken.
    taken = factories.make_incident(sender)
    IncidentCounter.objects.filter(organisation=sender.organisation).update(last=int(taken.number[5:]) - 1)
    services.held_message_cancel(message=held, actor=sender)
    held.refresh_from_db()
    assert held.state == State.CANCELLED and held.incident is None
    entry = AuditLogEntry.objects.get(action="mailguard.message.cancelled")
    assert entry.data == {"near_miss_recorded": False}
    release.release_due(now=timezone.now() + dt.timedelta(minutes=30))
    assert sink.received == []
    assert HeldMessage.objects.get(pk=held.pk).state == State.CANCELLED
