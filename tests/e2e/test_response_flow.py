"""A report reaches the emergency chain; outside counsel acknowledges from the mail; the manager works the
checklist and records a corrective action."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from mamori.accounts.models import Role
from mamori.audits.models import CorrectiveAction
from mamori.incidents.models import Incident
from mamori.response import services
from mamori.response.models import ChainRole, ResponseTask
from mamori.testing import factories

from .test_incident_flow import log_in, log_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_chain_acknowledgement_checklist_and_corrective_action(live_server, page, shot, mailoutbox, settings):
    settings.SITE_URL = live_server.url
    org = factories.make_organisation("みほん商事")
    sales = factories.make_department(org, "営業部")
    employee = factories.make_user(org, Role.EMPLOYEE, sales, username="sakura")
    manager = factories.make_user(org, Role.MANAGER, username="hogo")
    services.chain_step_create(organisation=org, actor=manager, order=1, role=ChainRole.MANAGER, user=manager)
    services.chain_step_create(
        organisation=org, actor=manager, order=2, role=ChainRole.COUNSEL, email="bengoshi@law.example.com"
    )
    incident = factories.make_incident(employee, event_class="missent", persons=1500)
    base = live_server.url

    assert [m.to for m in mailoutbox] == [[manager.email]]
    services.chain_escalate(now=incident.created_at + dt.timedelta(minutes=31))
    counsel_mail = mailoutbox[-1]
    assert counsel_mail.to == ["bengoshi@law.example.com"]
    link = re.search(r"http://\S+/response/ack/#\S+", counsel_mail.body).group(0)  # type: ignore[union-attr]

    # What the server (and its access log: the request line, the Referer) sees of every request.
    seen: list[str] = []
    page.on("request", lambda request: seen.append(f"{request.url} {request.headers.get('referer', '')}"))
    page.goto(link)
    page.wait_for_selector("#acknowledge")
    shot(page, "response-01-ack-page")
    page.click("#acknowledge")
    page.wait_for_selector("#ack .flash")
    shot(page, "response-02-acknowledged")
    token = link.split("#", 1)[1]
    assert seen and not [line for line in seen if token in line or token[:20] in line]

    log_in(page, base, "hogo")
    page.goto(f"{base}/incidents/{incident.pk}/")
    assert "b***@law.example.com" in page.inner_text("#chain-notifications")
    shot(page, "response-03-incident-with-chain-and-checklist")
    first = ResponseTask.objects.filter(incident=incident).order_by("order").first()
    row = page.locator(f"#task-{first.pk}")
    row.locator("input[name=owner]").fill(employee.username)
    row.locator("button").click()
    page.wait_for_selector(".flash")
    assert ResponseTask.objects.get(pk=first.pk).owner == employee

    page.goto(f"{base}/response/chain/")
    shot(page, "response-04-chain")
    page.goto(f"{base}/incidents/{incident.pk}/")
    page.click("#corrective-actions a.button")
    page.fill("input[name=title]", "外部宛メールの送信前確認")
    page.fill("textarea[name=cause_analysis]", "宛先をToとBccで取り違えた。確認手順がなかった。")
    page.fill("textarea[name=action]", "一斉送信は配信システムに限り、送信前に二人で確認する。")
    page.select_option("select[name=owner]", str(employee.pk))
    page.fill("input[name=due_on]", "2026-12-20")
    shot(page, "response-05-corrective-action-form")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#corrective-action")
    assert CorrectiveAction.objects.get().incident == Incident.objects.get()
    log_out(page)

    log_in(page, base, "sakura")
    page.goto(f"{base}/response/tasks/")
    shot(page, "response-06-my-tasks")
    page.locator("#my-tasks button").first.click()
    page.wait_for_selector(".flash")
    assert ResponseTask.objects.get(pk=first.pk).is_done
