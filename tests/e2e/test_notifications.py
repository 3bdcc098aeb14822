"""Notifications that tell the truth: the mail server is down when an accident is reported, the incident
page and the dashboard say the manager could not be notified and why, then the periodic job's retry
reaches the manager and the page says so (a real aiosmtpd server, first down then up)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command

from mamori.accounts.models import Role
from mamori.core.models import MailDelivery
from mamori.incidents.models import Incident
from mamori.testing import factories
from mamori.testing.smtp import SMTPServer

from .test_incident_flow import log_in, log_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def smtp(settings):
    server = SMTPServer()  # down until the test starts it
    server.use_in(settings)
    yield server
    server.stop()


def report_missent_mail(page, base: str) -> None:
    page.click("a[href='/incidents/report/']")
    page.select_option("select[name=event_class]", "missent")
    page.fill("input[name=title]", "見積書を別の顧客に送信")
    page.fill("textarea[name=description]", "見積書を添付したメールを別の顧客に送ってしまった。")
    page.select_option("select[name=discovered_by]", "self")
    page.check("input[name=data_categories][value=name]")
    page.fill("input[name=persons]", "1")
    page.select_option("select[name=medium]", "electronic")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#appi-verdict")


def test_a_refused_notification_is_shown_and_then_delivered_by_the_retry(
    live_server, page, shot, smtp, settings
):
    settings.SITE_URL = live_server.url
    base = live_server.url
    org = factories.make_organisation("みほん商事")
    sales = factories.make_department(org, "営業部")
    factories.make_user(org, Role.EMPLOYEE, sales, username="sakura")
    manager = factories.make_user(org, Role.MANAGER, username="hogo")

    log_in(page, base, "sakura")
    report_missent_mail(page, base)
    flash = page.inner_text(".flash")
    assert "通知できませんでした" in flash and "接続を拒否" in flash and "通知しました" not in flash
    shot(page, "notify-01-reporter-told-the-truth")
    incident = Incident.objects.get()
    delivery = MailDelivery.objects.get(kind="response.chain")
    assert delivery.to == manager.email and delivery.state == "retrying" and delivery.error_code == "refused"

    log_out(page)
    log_in(page, base, "hogo")
    assert "通知できませんでした" in page.inner_text("#mail-failures")
    shot(page, "notify-02-dashboard-says-not-notified")
    page.click("#mail-failures a")
    page.wait_for_selector("#appi-verdict")
    failure = page.inner_text("#mail-failures")
    assert "緊急連絡網の通知メール" in failure and "接続を拒否" in failure and "次回の再送" in failure
    chain = page.inner_text("#chain-notifications")
    assert "通知できませんでした" in chain and "送信済み" not in chain
    timeline = page.inner_text("main")
    assert "に通知できませんでした" in timeline and "に通知しました：" not in timeline
    shot(page, "notify-03-incident-page-failed-delivery")

    smtp.start()
    with time_machine.travel(delivery.next_attempt_at + dt.timedelta(seconds=1), tick=True):
        call_command("runperiodic", only=["mail_retry"])
    assert [to for to, _ in smtp.messages] == [[manager.email]]
    assert incident.number in smtp.messages[0][1]["Subject"]

    page.reload()
    page.wait_for_selector("#chain-notifications")
    assert page.locator("#mail-failures").count() == 0
    assert "送信済み" in page.inner_text("#chain-notifications")
    assert "に通知しました：" in page.inner_text("main")
    shot(page, "notify-04-incident-page-after-retry")
    page.goto(f"{base}/")
    assert page.locator("#mail-failures").count() == 0


def test_a_manager_sends_a_failed_mail_again_from_the_page_on_a_phone(
    live_server, browser, shot, smtp, settings
):
    settings.SITE_URL = live_server.url
    base = live_server.url
    org = factories.make_organisation("みほん商事")
    employee = factories.make_user(org, Role.EMPLOYEE, username="sakura")
    factories.make_user(org, Role.MANAGER, username="hogo")
    incident = factories.make_incident(employee)  # the chain mail is refused on commit
    assert MailDelivery.objects.get().state == "retrying"

    context = browser.new_context(
        locale="ja-JP", timezone_id="Asia/Tokyo", viewport={"width": 390, "height": 844}
    )
    phone = context.new_page()
    try:
        log_in(phone, base, "hogo")
        phone.goto(f"{base}/incidents/{incident.pk}/")
        shot(phone, "notify-05-phone-failed-delivery")
        smtp.start()
        phone.click("#mail-failures button")
        phone.wait_for_selector(".flash")
        assert "メールを送信しました" in phone.inner_text(".flash")
        assert phone.locator("#mail-failures").count() == 0
        shot(phone, "notify-06-phone-sent-again")
    finally:
        context.close()
    assert MailDelivery.objects.get().state == "sent" and len(smtp.messages) == 1


def test_the_trial_inbox_receives_the_chain_mail_and_its_link_acknowledges(live_server, page, shot, settings):
    settings.SITE_URL = live_server.url
    settings.EMAIL_BACKEND = "mamori.core.inbox.InboxBackend"  # what ./scripts/start uses without SMTP
    base = live_server.url
    org = factories.make_organisation("みほん商事")
    factories.make_user(org, Role.EMPLOYEE, username="sakura")
    factories.make_user(org, Role.MANAGER, username="hogo")

    log_in(page, base, "sakura")
    assert "試用受信箱" in page.inner_text("#trial-note")
    report_missent_mail(page, base)
    assert "個人情報保護管理者に通知しました" in page.inner_text(".flash")
    incident = Incident.objects.get()
    log_out(page)

    log_in(page, base, "hogo")
    page.click("#trial-note a")
    page.wait_for_selector(".trial-mail")
    assert incident.number in page.inner_text(".trial-mail h2")
    shot(page, "notify-07-trial-inbox")
    page.click(".trial-mail a[href*='/response/ack/#']")
    page.click("#acknowledge")
    page.wait_for_load_state()
    assert incident.chain_notifications.get().acknowledged_at is not None
    shot(page, "notify-08-trial-inbox-acknowledged")
