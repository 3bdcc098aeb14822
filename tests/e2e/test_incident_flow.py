"""An employee reports a mis-sent e-mail; the manager codes it and sees the determination and due dates."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from mamori.accounts.models import Role
from mamori.incidents.models import Incident
from mamori.incidents.rules import final_report_due
from mamori.testing import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", factories.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def log_out(page) -> None:
    page.click("header form button")
    page.wait_for_url("**/accounts/login/")


def test_employee_reports_and_manager_sees_the_determination(live_server, page, shot):
    org = factories.make_organisation("みほん商事")
    sales = factories.make_department(org, "営業部")
    factories.make_user(org, Role.EMPLOYEE, sales, username="sakura")
    factories.make_user(org, Role.MANAGER, username="hogo")
    base = live_server.url

    page.goto(f"{base}/accounts/login/")
    shot(page, "01-login")
    log_in(page, base, "sakura")
    shot(page, "02-dashboard-employee")

    page.click("a[href='/incidents/report/']")
    page.select_option("select[name=event_class]", "missent")
    page.fill("input[name=title]", "メールマガジンを宛先(To)で一斉送信")
    page.fill("textarea[name=description]", "Bccに入れるべき顧客のアドレスをToに入れて送信した。")
    page.select_option("select[name=discovered_by]", "self")
    page.check("input[name=data_categories][value=email]")
    page.check("input[name=data_categories][value=name]")
    page.fill("input[name=persons]", "1500")
    page.select_option("select[name=medium]", "electronic")
    page.select_option("select[name=advanced_encryption]", "false")
    shot(page, "03-report-form")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#appi-verdict")
    shot(page, "04-incident-as-reported")
    incident = Incident.objects.get()
    # 1,500 persons, recovery not confirmed: a leak "おそれ" is reportable (Rules Art. 7, Q&A 6-1).
    assert "reportable" in (page.get_attribute("#appi-verdict", "class") or "").split()

    log_out(page)
    log_in(page, base, "hogo")
    assert incident.number in page.inner_text("main")
    shot(page, "05-dashboard-manager")
    page.click(f"text={incident.number}")
    page.click(f"a[href='/incidents/{incident.pk}/triage/']")
    for name in (
        "special_care",
        "property_damage_risk",
        "unauthorized_purpose",
        "recovered_before_viewed",
        "my_number",
    ):
        page.select_option(f"select[name={name}]", "false")
    page.select_option("select[name=cause]", "insufficient_check")
    shot(page, "06-triage-form")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#appi-verdict.reportable")
    shot(page, "07-incident-determined")

    due = final_report_due(timezone.localdate(incident.discovered_at), False)
    assert due.isoformat() in page.inner_text("#deadlines")
    audit = page.inner_text("#audit")
    assert (
        "分類・事実関係を登録" in audit
        and page.locator("#audit tr[data-action='incidents.incident.triaged']").count()
    )
    assert not re.search(r"\b[a-z_]+\.[a-z_]+\.[a-z_]+\b", audit)  # labels, never the raw action codes
    incident.refresh_from_db()
    assert incident.appi_grounds == ["over_1000"] and incident.final_due == due

    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "08-incident-on-phone")
