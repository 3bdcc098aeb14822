"""The sender opens the hold notices, cancels one mail and sends another now; the approver approves a third."""

from __future__ import annotations

import re

import pytest
from aiosmtpd.controller import Controller
from django.core import mail as django_mail

from mamori.accounts.models import Role
from mamori.mailguard import release, services
from mamori.mailguard.models import HeldMessage, State
from mamori.mailguard.tests.conftest import Sink, free_port, user_with_mail
from mamori.mailguard.tests.helpers import hold
from mamori.testing import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def internet(settings, tmp_path):
    sink = Sink(port=free_port())
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port)
    controller.start()
    settings.MAILGUARD_UPSTREAM = f"127.0.0.1:{sink.port}"
    settings.MAILGUARD_SPOOL_DIR = str(tmp_path / "spool")
    yield sink
    controller.stop()


def notice_link(message: HeldMessage, to: str) -> str:
    for sent in django_mail.outbox:
        if to in sent.to and f"#{message.pk}" in sent.subject:
            found = re.search(r"https?://\S+/mailguard/m/#\S+", sent.body)
            if found:
                return found.group(0)
    raise AssertionError(f"no notice for mail #{message.pk} to {to}")


def log_in_here(page, username: str) -> None:
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", factories.PASSWORD)
    page.click("button[type=submit]")


def test_sender_cancels_and_sends_now_and_the_approver_approves(live_server, page, shot, settings, internet):
    settings.SITE_URL = live_server.url
    org = factories.make_organisation("みほん商事")
    sales = factories.make_department(org, "営業部")
    manager = factories.make_user(org, Role.MANAGER, username="hogo")
    yamada = user_with_mail(factories.make_user(org, Role.EMPLOYEE, sales, username="yamada"))
    bucho = user_with_mail(factories.make_user(org, Role.DEPARTMENT_MANAGER, sales, username="bucho"))
    policy = services.mail_policy_save(
        organisation=org,
        actor=manager,
        internal_domains=["example.co.jp"],
        delay_minutes=5,
        many_recipients=20,
    )
    wrong = hold(policy, yamada, rcpt="sato@torihiki.invalid", subject="見積書（誤送信しそう）")
    urgent = hold(policy, yamada, rcpt="kato@kyaku.invalid", subject="至急のご連絡")
    needs_ok = hold(policy, yamada, rcpt="ito@partner.invalid", subject="顧客リスト送付", approve=True)

    # 1. The sender opens the first notice: the link asks for a login, then shows the mail. Its token, after
    # "#", never reaches the server (nor its access log) in a URL or a Referer.
    seen: list[str] = []
    page.on("request", lambda request: seen.append(f"{request.url} {request.headers.get('referer', '')}"))
    link = notice_link(wrong, "yamada@example.co.jp")
    page.goto(link)
    shot(page, "mailguard-01-login-from-notice")
    log_in_here(page, "yamada")
    page.wait_for_selector("#findings")
    assert "sato@torihiki.invalid" in page.inner_text("#recipients")
    shot(page, "mailguard-02-held-mail")
    token = link.split("#", 1)[1]
    assert len(seen) > 3 and not [line for line in seen if token in line or token[:20] in line]
    page.click("#cancel")
    page.wait_for_selector(".flash")
    shot(page, "mailguard-03-cancelled")
    wrong.refresh_from_db()
    assert wrong.state == State.CANCELLED and wrong.incident and wrong.incident.is_near_miss

    # 2. The second notice: send it now.
    page.goto(notice_link(urgent, "yamada@example.co.jp"))
    page.click("#send-now")
    page.wait_for_selector(".flash")
    release.release_due()
    assert [r[1] for r in internet.wait_for(1)] == [["kato@kyaku.invalid"]]
    page.reload()
    shot(page, "mailguard-04-sent-now")
    page.goto(f"{live_server.url}/mailguard/?show=all")
    shot(page, "mailguard-05-sender-list")
    page.click("header form button")
    page.wait_for_url("**/accounts/login/")

    # 3. The approver opens the approval notice and approves.
    page.goto(notice_link(needs_ok, "bucho@example.co.jp"))
    log_in_here(page, "bucho")
    page.wait_for_selector("#approve")
    shot(page, "mailguard-06-approval-request")
    page.click("#approve")
    page.wait_for_selector(".flash")
    release.release_due()
    assert len(internet.wait_for(2)) == 2
    page.reload()
    audit = page.inner_text("#audit")
    assert "メールを承認" in audit and "mailguard.message.approved" not in audit
    shot(page, "mailguard-07-approved-and-sent")
    needs_ok.refresh_from_db()
    assert needs_ok.state == State.DELIVERED and needs_ok.decided_by == bucho

    # 4. The manager reads the policy as a form with the organisation's domain filled in, not as JSON.
    page.click("header form button")
    page.wait_for_url("**/accounts/login/")
    log_in_here(page, "hogo")
    page.goto(f"{live_server.url}/mailguard/policy/")
    page.fill("input[name=domain]", "example.co.jp")
    page.click("form.inline-form button[type=submit]")
    page.wait_for_selector("#mail-domains")
    assert "example.co.jp" in page.inner_text("#mail-domains")
    assert page.input_value("input[name=delay_minutes]") == "5"
    assert page.input_value("input[name=many_recipients]") == "20"
    assert page.locator("select[name=action_high]").count() == 1
    values = page.eval_on_selector_all("textarea", "els => els.map(e => e.value.trim())")
    assert not [v for v in values if v.startswith(("{", "["))]  # no raw JSON box
    shot(page, "mailguard-08-policy-form")
