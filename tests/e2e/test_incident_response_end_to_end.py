"""One incident from intake to closing: the emergency mail over real SMTP, acknowledgement, the checklist,
the PPC 速報 and 確報 drafts filed, a corrective action, and the incident closed."""

from __future__ import annotations

import re
import socket
import threading
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller

from mamori.accounts.models import Role
from mamori.audits.models import CorrectiveAction
from mamori.incidents.models import Incident
from mamori.reports.models import FiledReport
from mamori.response import services as response_services
from mamori.response.models import ChainRole, ResponseTask
from mamori.testing import factories

from .test_incident_flow import log_in, log_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


class Inbox:
    """An SMTP server's handler that keeps every message it accepts."""

    def __init__(self) -> None:
        self.messages: list = []
        self.arrived = threading.Event()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        self.arrived.set()
        return "250 OK"

    def wait_for(self, recipient: str, timeout: float = 15.0):
        for _ in range(int(timeout * 10)):
            for rcpt, message in self.messages:
                if recipient in rcpt:
                    return message
            self.arrived.wait(0.1)
            self.arrived.clear()
        raise AssertionError(f"no mail to {recipient}: {[r for r, _ in self.messages]}")


@pytest.fixture
def smtp_server(settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    yield inbox
    controller.stop()


def record_filing(page, base: str, incident: Incident, stage: str, shot, name: str) -> None:
    page.goto(f"{base}/incidents/{incident.pk}/reports/ppc/{stage}/")
    page.wait_for_selector("#item-summary")
    shot(page, f"{name}-draft")
    page.select_option("#file-form select[name=channel]", "web_form")
    page.click("#file-form button[type=submit]")
    page.wait_for_selector("#filed")
    shot(page, f"{name}-filed")


def test_one_incident_from_intake_to_closing(live_server, page, shot, smtp_server, settings):
    settings.SITE_URL = live_server.url
    base = live_server.url
    org = factories.make_organisation("みほん商事")
    sales = factories.make_department(org, "営業部")
    factories.make_user(org, Role.EMPLOYEE, sales, username="sakura")
    manager = factories.make_user(org, Role.MANAGER, username="hogo")
    response_services.chain_step_create(
        organisation=org, actor=manager, order=1, role=ChainRole.MANAGER, user=manager
    )

    # 1. Intake by the employee.
    log_in(page, base, "sakura")
    page.goto(f"{base}/incidents/report/")
    page.select_option("select[name=event_class]", "missent")
    page.fill("input[name=title]", "メールマガジンを宛先(To)で一斉送信")
    page.fill("textarea[name=description]", "Bccに入れるべき顧客のアドレスをToに入れて送信した。")
    page.select_option("select[name=discovered_by]", "self")
    page.check("input[name=data_categories][value=email]")
    page.fill("input[name=persons]", "1500")
    page.select_option("select[name=advanced_encryption]", "false")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#appi-verdict")
    shot(page, "e2e-01-reported")
    incident = Incident.objects.get()
    log_out(page)

    # 2. The emergency mail reaches the manager through the real SMTP server, with an acknowledgement link.
    mail = smtp_server.wait_for(manager.email)
    assert incident.number in mail["Subject"]
    body = mail.get_body(preferencelist=("plain",)).get_content()
    assert "Bcc" not in body  # no personal details or description in the mail
    link = re.search(r"http://\S+/response/ack/#\S+", body).group(0)  # type: ignore[union-attr]
    page.goto(link)
    shot(page, "e2e-02-ack-page")
    page.click("#acknowledge")
    page.wait_for_selector("#ack .flash")

    # 3. The manager codes the incident: more than 1,000 persons, reportable.
    log_in(page, base, "hogo")
    page.goto(f"{base}/incidents/{incident.pk}/triage/")
    for name in (
        "special_care",
        "property_damage_risk",
        "unauthorized_purpose",
        "recovered_before_viewed",
        "my_number",
    ):
        page.select_option(f"select[name={name}]", "false")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#appi-verdict.reportable")
    assert "Acknowledged" in page.inner_text("#timeline") or "確認" in page.inner_text("#timeline")
    shot(page, "e2e-03-determined-with-chain-and-checklist")

    # 4. The checklist: the first task is done.
    first = ResponseTask.objects.filter(incident=incident).order_by("order").first()
    assert first is not None
    row = page.locator(f"#task-{first.pk}")
    row.locator("input[name=done]").check()
    row.locator("button").click()
    page.wait_for_selector(".flash")
    assert ResponseTask.objects.get(pk=first.pk).is_done

    # 5. The PPC 速報 and 確報 drafts, each recorded as filed.
    record_filing(page, base, incident, "preliminary", shot, "e2e-04-ppc-preliminary")
    record_filing(page, base, incident, "final", shot, "e2e-05-ppc-final")
    assert set(FiledReport.objects.values_list("stage", flat=True)) == {"preliminary", "final"}

    # 6. A corrective action, then the incident is closed.
    page.goto(f"{base}/incidents/{incident.pk}/")
    page.click("#corrective-actions a.button")
    page.fill("input[name=title]", "外部宛メールの送信前確認")
    page.fill("textarea[name=cause_analysis]", "宛先をToとBccで取り違えた。確認手順がなかった。")
    page.fill("textarea[name=action]", "一斉送信は配信システムに限り、送信前に二人で確認する。")
    page.select_option("select[name=owner]", str(manager.pk))
    page.fill("input[name=due_on]", "2026-12-20")
    shot(page, "e2e-06-corrective-action")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#corrective-action")
    assert CorrectiveAction.objects.get().incident_id == incident.pk

    page.goto(f"{base}/incidents/{incident.pk}/")
    page.select_option(f"form[action='/incidents/{incident.pk}/status/'] select[name=status]", "closed")
    page.click(f"form[action='/incidents/{incident.pk}/status/'] button")
    page.wait_for_selector(".flash")
    shot(page, "e2e-07-closed")
    incident.refresh_from_db()
    assert incident.status == "closed" and incident.next_deadline is None
