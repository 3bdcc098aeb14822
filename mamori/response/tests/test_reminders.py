"""The reminder job with frozen time: which mails go out on which day, once, to whom."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.test import TestCase

from mamori.core import mail as outbox
from mamori.core.models import MailDelivery
from mamori.incidents import filings
from mamori.incidents import services as incident_services
from mamori.response import reminders, services
from mamori.response.models import ReminderSent
from mamori.testing.factories import make_incident
from mamori.testing.smtp import SMTPServer

pytestmark = pytest.mark.django_db
TOKYO = ZoneInfo("Asia/Tokyo")


def at(day: dt.date, hour: int = 9):
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, hour, tzinfo=TOKYO), tick=False)


@pytest.fixture
def big_leak(employee, manager):
    """A mis-sent mail to more than 1,000 persons, known on Monday 2026-11-30."""
    with at(dt.date(2026, 11, 30), 10):
        return make_incident(employee, persons=1001)


def run_reminders():
    with TestCase.captureOnCommitCallbacks(execute=True):  # the mails leave when the job commits
        call_command("runperiodic", only=["response_reminders"])


def send_reminders() -> int:
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.reminders_send()


def test_incident_has_the_deadlines_the_calendar_tests_assume(big_leak):
    codes = dict(reminders.deadlines_of(big_leak))
    assert codes["appi.final_report"] == dt.date(2027, 1, 4)
    assert codes["appi.preliminary_report.warn"] == dt.date(2026, 12, 2)
    assert codes["pmark.final_report"] == dt.date(2026, 12, 29)


def test_reminders_follow_the_calendar_across_weekends_and_year_end_holidays_and_never_repeat(
    big_leak, manager, mailoutbox
):
    sent_on: dict[dt.date, list[str]] = {}
    day = dt.date(2026, 11, 30)
    while day <= dt.date(2027, 1, 6):
        for hour in (9, 15):  # the timer runs all day; two runs on the same day send nothing twice
            before = len(mailoutbox)
            with at(day, hour):
                run_reminders()
            for mail in mailoutbox[before:]:
                assert hour == 9, f"second run of {day} sent {mail.subject}"
                sent_on.setdefault(day, []).append(mail.body)
        day += dt.timedelta(days=1)
    assert set(sent_on) == {
        dt.date(2026, 12, 2),  # 速報 day 3
        dt.date(2026, 12, 4),  # 速報 day 5
        dt.date(2026, 12, 7),  # 速報 overdue (Monday; nothing over the weekend)
        dt.date(2026, 12, 8),
        dt.date(2026, 12, 9),
        dt.date(2026, 12, 10),
        dt.date(2026, 12, 11),
        *(dt.date(2026, 12, d) for d in (14, 15, 16, 17, 18, 21, 22, 23, 24, 25, 28)),
        dt.date(2027, 1, 4),  # APPI 確報 on the day, P-mark 確報 overdue
        dt.date(2027, 1, 5),
        dt.date(2027, 1, 6),
    }
    assert all(mail.to == [manager.email] for mail in mailoutbox)
    assert "2027-01-04" in sent_on[dt.date(2027, 1, 4)][0]
    assert big_leak.number in mailoutbox[0].subject
    assert "山田" not in "".join(m.body for m in mailoutbox) and big_leak.title not in mailoutbox[0].body


def test_running_twice_sends_nothing_twice(big_leak, mailoutbox):
    with at(dt.date(2026, 12, 2)):
        assert send_reminders() == 1
        assert send_reminders() == 0
    assert len(mailoutbox) == 1
    # APPI, P-mark and (My Number still unknown) My Number 速報, in one mail.
    assert ReminderSent.objects.filter(incident=big_leak).count() == 3


def test_a_refused_reminder_is_shown_and_retried_by_the_mail_job_until_it_left(
    big_leak, manager, settings, client
):
    server = SMTPServer()  # not started: the connection is refused
    server.use_in(settings)
    try:
        with at(dt.date(2026, 12, 2)):
            assert send_reminders() == 1
            delivery = MailDelivery.objects.get(kind="response.reminder")
            assert delivery.state == "retrying" and delivery.error_code == "refused"
            assert delivery.to == manager.email and delivery.attempts == 1
            assert ReminderSent.objects.filter(incident=big_leak).count() == 3  # not claimed a second time
            assert send_reminders() == 0
            client.force_login(manager)
            page = client.get(f"/incidents/{big_leak.pk}/").content.decode()
            assert "通知できませんでした" in page and "接続を拒否" in page
        server.start()
        with time_machine.travel(delivery.next_attempt_at, tick=False):
            assert outbox.retry_due() == "1 mails sent on retry, 0 still failing"
        delivery.refresh_from_db()
        assert delivery.state == "sent" and delivery.attempts == 2
        assert [to for to, _ in server.messages] == [[manager.email]]
        assert big_leak.number in server.messages[0][1]["Subject"]
        assert "通知できませんでした" not in client.get(f"/incidents/{big_leak.pk}/").content.decode()
    finally:
        server.stop()


def test_closed_incidents_and_near_misses_get_no_reminders(big_leak, employee, manager, mailoutbox):
    with at(dt.date(2026, 11, 30), 10):
        make_incident(employee, is_near_miss=True)
        incident_services.incident_triage(incident=big_leak, actor=manager, cause="insufficient_check")
        incident_services.incident_set_status(incident=big_leak, actor=manager, status="closed")
    with at(dt.date(2026, 12, 2)):
        run_reminders()
    assert mailoutbox == []


def test_filed_reports_stop_their_reminders(big_leak, mailoutbox, monkeypatch):
    monkeypatch.setattr(filings, "_PROVIDERS", [])
    preliminary = {"appi.preliminary_report", "pmark.preliminary_report", "my_number.preliminary_report"}
    filings.register_filed_provider(lambda incident: preliminary)
    with at(dt.date(2026, 12, 2)):
        run_reminders()
    assert mailoutbox == []
    with at(dt.date(2026, 12, 22)):
        run_reminders()
    assert len(mailoutbox) == 1 and "確報" in mailoutbox[0].body and "速報" not in mailoutbox[0].body


def test_overdue_tasks_go_to_their_owner_once_a_working_day(big_leak, colleague, manager, mailoutbox):
    with at(dt.date(2026, 11, 30), 11):
        tasks = services.checklist_create(incident=big_leak, actor=manager)
        first = tasks[0]
        services.task_update(
            task=first, actor=manager, owner=colleague, due_on=dt.date(2026, 12, 1), done=False
        )
        for task in tasks[1:]:
            services.task_update(task=task, actor=manager, owner=colleague, due_on=None, done=False)
    with at(dt.date(2026, 12, 1)):
        run_reminders()
    assert mailoutbox == []
    with at(dt.date(2026, 12, 3)):
        run_reminders()
        run_reminders()
    to_colleague = [m for m in mailoutbox if m.to == [colleague.email]]
    assert len(to_colleague) == 1 and "2026-12-01" in to_colleague[0].body
    with at(dt.date(2026, 12, 5)):  # Saturday
        run_reminders()
    assert len([m for m in mailoutbox if m.to == [colleague.email]]) == 1
    with at(dt.date(2026, 12, 7)):
        services.task_update(
            task=first, actor=colleague, owner=colleague, due_on=dt.date(2026, 12, 1), done=True
        )
        run_reminders()
    assert len([m for m in mailoutbox if m.to == [colleague.email]]) == 1


def test_runperiodic_lists_the_response_jobs(capsys):
    call_command("runperiodic", list=True)
    out = capsys.readouterr().out
    assert "response_reminders:" in out and "response_escalation:" in out


def test_an_incident_still_under_review_is_reminded_of_the_earliest_possible_final_report(employee, manager):
    with at(dt.date(2026, 11, 30), 10):
        unclear = make_incident(employee, persons=None)
    assert unclear.appi_status == "needs_review"
    with at(dt.date(2026, 12, 28)):
        run_reminders()
    assert ReminderSent.objects.filter(incident=unclear, kind="appi.final_report:before_3").exists()
